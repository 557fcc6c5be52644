// End to end: writes that are safe to use (issue 13, item 5): products picked by SKU,
// e-mail checked before sending, the submit disabled while a request is in flight, a
// created S2 order linked and the form cleared, a status change with Undo, a bulk status
// update with each order's outcome, and viewers shown a note instead of forms.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, openPage as open, USERS, useDashboard, waitForContent } from './harness.mjs';

const env = useDashboard();
const API = '/api/sellers_commerce/api';

/** Fills the S2 order form's required parts, the product by its SKU. */
async function fillOrder(form, sku) {
  await form.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
  await form.getByLabel('Country', { exact: true }).fill('US');
  await form.locator('.field[data-field="items[0].productId"] input').fill(sku);
  await form.locator('.field[data-field="shipments[0].items[0].productId"] input').fill(sku);
}

describe('dashboard: safe writes', () => {
  test('S2 order: product by SKU, e-mail checked, submit off while in flight, then linked and the form cleared', { timeout: 60_000 }, async () => {
    const overview = await env.proxy.getJson('/api/s2/inventory/overview');
    const product = overview.products.find((p) => p.sku);
    const { page, problems, close, cspViolations } = await open(env, { user: USERS.operator });
    try {
      const posts = [];
      let release;
      const held = new Promise((resolve) => (release = resolve));
      await page.route('**/api/s2/fulfillment', async (route) => {
        posts.push(route.request().postDataJSON());
        await held; // the answer waits until the test has looked at the form
        await route.fallback();
      });
      await page.goto(`${env.proxy.base}/#/fulfillment-orders/new`, { waitUntil: 'load' });
      // The picker offers SKUs (with names) once the overview arrived.
      await page.waitForFunction((sku) => [...document.querySelectorAll('#s2-products option')].some((o) => o.value === sku), product.sku);
      const form = page.locator('form[aria-label="New fulfillment order"]');
      await fillOrder(form, product.sku);
      await form.getByLabel('Email').fill('ada at example');
      const submit = form.getByRole('button', { name: 'Create fulfillment order' });
      await submit.click();
      await form.locator('.field[data-field="address.email"] .field-error', { hasText: 'Enter an e-mail address' }).waitFor();
      assert.equal(posts.length, 0, 'nothing is sent with a malformed e-mail');

      await form.getByLabel('Email').fill('ada@example.com');
      await submit.click();
      await page.waitForFunction(() => document.querySelector('form[aria-label="New fulfillment order"]')?.getAttribute('aria-busy') === 'true');
      assert.equal(await submit.isDisabled(), true, 'the submit is off while the request is in flight');
      await submit.click({ force: true }).catch(() => {});
      release();
      const link = form.locator('.success a.created-id');
      await link.waitFor();
      assert.equal(posts.length, 1, 'one request, however often the button was pressed');
      assert.equal(posts[0].items[0].productId, product.id, 'the SKU was sent as the product’s id');
      assert.equal(posts[0].address.email, 'ada@example.com');
      assert.equal(await form.getByLabel('Name', { exact: true }).inputValue(), '', 'the form is cleared');
      assert.equal(await submit.isDisabled(), false);

      const id = (await link.textContent()).trim();
      await link.click();
      await page.waitForURL(`**/#/fulfillment-orders/${id}`);
      await waitForContent(page, '.record[data-state="loaded"]', problems);
      assert.deepEqual(await page.$$eval('table.fulfillment-order-items tbody tr td:first-child', (tds) => tds.map((td) => td.textContent)), [product.sku]);
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('a viewer sees notes instead of forms they cannot send', { timeout: 60_000 }, async () => {
    const { page, problems, close, cspViolations } = await open(env, { user: USERS.viewer });
    try {
      for (const [hash, form, ready] of [
        ['#/fulfillments', 'New fulfillment', 'table.fulfillments tbody tr'],
        ['#/purchase-orders', 'New purchase order', 'table.purchase-orders tbody tr'],
        ['#/fulfillment-orders/new', 'New fulfillment order', '.readonly-note'],
      ]) {
        await page.goto(`${env.proxy.base}/${hash}`);
        await waitForContent(page, ready, problems);
        assert.equal(await page.locator(`form[aria-label="${form}"]`).count(), 0, `${hash}: no form`);
        assert.match(await page.locator('.readonly-note').textContent(), /viewers may only read\. An operator can create/);
      }
      await page.goto(`${env.proxy.base}/#/sellers/orders`);
      await waitForContent(page, 'table.sellers-orders tbody tr', problems);
      assert.equal(await page.locator('.bulk-bar, .select-row').count(), 0, 'no bulk update for a viewer');
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('Sellers Commerce: a status change can be undone; a bulk update confirms, then lists each order’s outcome', { timeout: 90_000 }, async () => {
    const ORDER = 'SC1005';
    const before = await env.proxy.getJson(`${API}/order/get/${ORDER}`);
    const target = before.OrderStatusId === 7 ? 8 : 7;
    const { page, problems, close, cspViolations } = await open(env, {
      user: USERS.operator,
      allow: [{ status: 500, path: `${API}/order/updateorderstatus` }],
    });
    try {
      await page.goto(`${env.proxy.base}/#/sellers/orders`, { waitUntil: 'load' });
      await waitForContent(page, 'table.sellers-orders tbody tr', problems);
      await page.getByRole('button', { name: `Update status of ${ORDER}` }).click();
      const form = page.locator(`form[aria-label="Update status of ${ORDER}"]`);
      await form.getByLabel(`New status of ${ORDER}`).selectOption(String(target));
      await form.getByRole('button', { name: 'Update status' }).click();
      await form.locator('.success .undo').waitFor();
      assert.equal((await env.proxy.getJson(`${API}/order/get/${ORDER}`)).OrderStatusId, target);
      await form.locator('.success .undo').click();
      await form.locator('.success', { hasText: 'is back to' }).waitFor();
      assert.equal((await env.proxy.getJson(`${API}/order/get/${ORDER}`)).OrderStatusId, before.OrderStatusId);

      // Bulk: two orders, one of which the store refuses (a 500 for SC1007 only).
      await page.route(`**${API}/order/updateorderstatus`, (route) =>
        route.request().postDataJSON().OrderNumber === 'SC1007'
          ? route.fulfill({ status: 500, contentType: 'application/json', headers: { 'x-upstream-attempts': '1', 'x-request-id': 'e2e-bulk-1' }, body: JSON.stringify({ Message: 'An error has occurred.' }) })
          : route.fallback(),
      );
      await page.getByLabel('Select SC1006').check();
      await page.getByLabel('Select SC1007').check();
      assert.equal(await page.locator('.bulk-count').textContent(), '2 selected');
      await page.getByLabel('New status of the selected orders').selectOption('9');
      await page.getByRole('button', { name: 'Update selected' }).click();
      await page.locator('.bulk-confirm', { hasText: 'Set 2 orders to Shipped?' }).waitFor();
      await page.getByRole('button', { name: 'Confirm' }).click();
      await page.locator('.bulk-outcomes li[data-order="SC1007"][data-outcome="failed"]').waitFor();
      assert.match(await page.locator('.bulk-outcomes li[data-order="SC1006"]').textContent(), /SC1006: now Shipped/);
      assert.equal(await page.locator('.bulk-outcomes li[data-order="SC1006"]').getAttribute('data-outcome'), 'done');
      assert.match(await page.locator('.bulk-outcomes li[data-order="SC1007"]').textContent(), /SC1007: not changed\. Sellers Commerce answered with an error.*\(request id e2e-bulk-1\)/);
      assert.equal((await env.proxy.getJson(`${API}/order/get/SC1006`)).OrderStatusId, 9);
      // The failed one stays ticked for another try.
      assert.equal(await page.getByLabel('Select SC1007').isChecked(), true);
      assert.equal(await page.getByLabel('Select SC1006').isChecked(), false);
      const unexpected = problems.filter((p) => !/500/.test(p));
      assert.deepEqual(unexpected, []);
      assert.deepEqual(await cspViolations(), []);
    } finally {
      await close();
    }
  });
});
