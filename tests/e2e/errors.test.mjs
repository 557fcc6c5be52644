// End to end: errors people can act on (issue 13, item 6). One error panel says who
// failed (this page, the proxy, the vendor) in words, with the request id the proxy sent
// (X-Request-Id) and a button that copies the details; a vendor's 500 is the vendor's,
// not "the proxy refused"; field errors are in words, not the package's type names.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage as open, USERS, useDashboard, waitForContent } from './harness.mjs';

const env = useDashboard({ mockControls: true });

describe('dashboard: error panel', () => {
  test('a vendor 500 names the vendor as the one that failed, with the request id and Copy details', { timeout: 60_000 }, async () => {
    const { page, context, problems, close } = await open(env, { user: USERS.operator, allow: [500].flatMap((status) => ['/api/s2_partner/fulfillment', '/api/s2_partner/warehouse'].map((path) => ({ status, path }))) });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.proxy.base });
    try {
      await env.proxy.setMockFaults({ status: 500 });
      // Only the list fails: the create form's warehouse suggestions are answered here.
      await page.route('**/api/s2_partner/warehouse', (route) =>
        route.fulfill({ status: 200, contentType: 'application/json', headers: { 'x-upstream-attempts': '1' }, body: '[]' }),
      );
      const failed = page.waitForResponse((r) => r.url().includes('/api/s2_partner/fulfillment') && r.status() === 500);
      await page.goto(`${env.proxy.base}/#/fulfillments`, { waitUntil: 'load' });
      const requestId = (await failed).headers()['x-request-id'];
      assert.ok(requestId, 'the proxy sends X-Request-Id');
      const panel = page.locator('.list .error');
      await panel.waitFor();
      assert.equal(await panel.getAttribute('data-party'), 'vendor');
      assert.equal(await panel.locator('.error-title').textContent(), 'S2 Partner answered with an error');
      assert.equal(await panel.locator('.error-who').textContent(), 'Who failed: The vendor, S2 Partner.');
      assert.match(await panel.locator('.error-message').textContent(), /S2 Partner failed on its side \(HTTP 500\)/);
      assert.doesNotMatch(await panel.textContent(), /proxy refused/i);
      assert.equal(await panel.locator('.request-id').textContent(), requestId);
      await panel.getByRole('button', { name: 'Copy details' }).click();
      await panel.locator('.copy-status', { hasText: 'Copied' }).waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.match(copied, new RegExp(`Request id: ${requestId}`));
      assert.match(copied, /Who failed: The vendor, S2 Partner\./);
      assert.deepEqual(problems, []);
    } finally {
      await env.proxy.setMockFaults({});
      await close();
    }
  });

  test('a vendor whose sign-in failed: the panel says nothing was sent, so trying again is safe', { timeout: 60_000 }, async () => {
    // The first Stock2Shop call of this proxy: it must get a token, and the mock fails the grant.
    const { page, problems, close } = await open(env, { user: USERS.operator, allow: [{ status: 502, path: '/api/stock2shop/v1/sources' }] });
    try {
      await env.proxy.setMockFaults({ operations: ['stock2shop.authenticate'], status: 502 });
      const failed = page.waitForResponse((r) => r.url().includes('/api/stock2shop/v1/sources') && r.status() === 502);
      await page.goto(`${env.proxy.base}/#/stock2shop/sources`, { waitUntil: 'load' });
      const body = await (await failed).json();
      assert.equal(body.error.sent, false, 'the proxy marks the answer not sent');
      const panel = page.locator('.list .error');
      await panel.waitFor();
      assert.equal(await panel.getAttribute('data-party'), 'vendor');
      assert.equal(await panel.locator('.error-title').textContent(), 'Stock2Shop could not be reached, or did not answer in full');
      assert.match(await panel.locator('.error-message').textContent(), /Nothing was sent to Stock2Shop \(signing in to it failed\), so trying again later is safe\./);
      assert.deepEqual(problems, []);
    } finally {
      await env.proxy.setMockFaults({});
      await close();
    }
  });

  test('an unreachable proxy is named as the one that failed, without a request id', { timeout: 60_000 }, async () => {
    const { page, close } = await open(env, { user: USERS.operator });
    try {
      await page.route('**/api/s2_partner/fulfillment*', (route) => route.abort('connectionrefused'));
      await page.goto(`${env.proxy.base}/#/fulfillments`, { waitUntil: 'load' });
      const panel = page.locator('.list .error');
      await panel.waitFor();
      assert.equal(await panel.getAttribute('data-party'), 'proxy');
      assert.equal(await panel.locator('.error-title').textContent(), 'Could not reach the proxy');
      assert.equal(await panel.locator('.request-id').count(), 0);
    } finally {
      await close();
    }
  });

  test('a field error is worded for people, next to its field', { timeout: 60_000 }, async () => {
    const { page, problems, close } = await open(env, { user: USERS.operator });
    try {
      await page.goto(`${env.proxy.base}/#/purchase-orders`, { waitUntil: 'load' });
      await waitForContent(page, 'table.purchase-orders tbody tr', problems);
      await page.locator('details.create-panel > summary').click();
      const form = page.locator('form[aria-label="New purchase order"]');
      // No supplier: the package's check says "expected integer, found null".
      await form.getByRole('button', { name: 'Create purchase order' }).click();
      const error = form.locator('.field[data-field="from_supplier_id"] .field-error');
      await error.filter({ hasText: /\S/ }).waitFor();
      const text = await error.textContent();
      assert.doesNotMatch(text, /expected|found|integer|null/, text);
      assert.equal(text, 'Required: enter a whole number');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test('a record that came but could not be read says so, with the details, not "there is none"', { timeout: 60_000 }, async () => {
    const first = await env.proxy.getJson('/api/s2_partner/fulfillment');
    const { id } = first.items[0];
    const { page, problems, close } = await open(env, { user: USERS.operator });
    try {
      await env.proxy.setMockFaults({ corrupt_record: 's2_partner.list_fulfillments' });
      await page.goto(`${env.proxy.base}/#/fulfillments/${id}`, { waitUntil: 'load' });
      await waitForContent(page, '.record[data-state="unreadable"]', problems);
      const notice = page.locator('.record details.rejected');
      assert.equal((await notice.locator('summary').textContent())?.trim(), '1 record could not be read (the rest of the list is shown)');
      await notice.locator('summary').click();
      // (The mock's corruption replaces the record's first field, its id: the raw record names it by the rest.)
      assert.match(await notice.locator('.rejected-record').textContent(), new RegExp(first.items[0].name));
      assert.deepEqual(problems, []);
    } finally {
      await env.proxy.setMockFaults({});
      await close();
    }
  });

  test('two calls failing alike at once: the panel shows the request id of its own call', { timeout: 60_000 }, async () => {
    const { page, problems, close } = await open(env, { user: USERS.operator, allow: [500].flatMap((status) => ['/api/s2_partner/fulfillment', '/api/s2_partner/warehouse'].map((path) => ({ status, path }))) });
    try {
      await env.proxy.setMockFaults({ status: 500 });
      const ids = new Map();
      let warehouseFailed;
      const warehouseDone = new Promise((resolve) => (warehouseFailed = resolve));
      page.on('response', (r) => {
        if (r.status() !== 500) return;
        const path = new URL(r.url()).pathname;
        ids.set(path, r.headers()['x-request-id']);
        if (path === '/api/s2_partner/warehouse') warehouseFailed();
      });
      // The list's request waits until the form's warehouse suggestions have failed: two
      // 500s alike, the warehouse's the earlier; the list's error carries its own id.
      await page.route('**/api/s2_partner/fulfillment*', async (route) => {
        await warehouseDone;
        await route.fallback();
      });
      await page.goto(`${env.proxy.base}/#/fulfillments`, { waitUntil: 'load' });
      const panel = page.locator('.list .error');
      await panel.waitFor();
      assert.ok(ids.get('/api/s2_partner/fulfillment') && ids.get('/api/s2_partner/warehouse'), 'both calls failed');
      assert.equal(await panel.locator('.request-id').textContent(), ids.get('/api/s2_partner/fulfillment'));
      assert.equal(await panel.locator('.error-who').textContent(), 'Who failed: The vendor, S2 Partner.');
      assert.deepEqual(problems, []);
    } finally {
      await env.proxy.setMockFaults({});
      await close();
    }
  });
});
