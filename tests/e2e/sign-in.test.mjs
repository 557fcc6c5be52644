// End to end: signing in to the proxy from the dashboard, the account area, viewers'
// read-only forms, and what a 401 or 403 from a call does. Against the proxy's demo
// users (demo/demo operator, viewer/viewer viewer). See harness.mjs for the setup.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, openPage, signInWithForm, USERS, useDashboard, waitForContent } from './harness.mjs';

const env = useDashboard();
/** Signed-out pages ask /auth/me and get 401: expected, not a problem. */
const SIGNED_OUT = [{ status: 401, path: '/auth/me' }];

const hashOf = (page) => new URL(page.url()).hash;

describe('dashboard: sign-in', () => {
  test('a signed-out visit goes to the sign-in form, and signing in comes back to the page; Sign out ends it', { timeout: 60_000 }, async (t) => {
    await env.proxy.hasSignIn();
    const { page, problems, close, cspViolations } = await openPage(env, { allow: SIGNED_OUT });
    try {
      await page.goto(env.proxy.base + '/#/suppliers', { waitUntil: 'load' });
      await page.waitForURL((url) => url.hash.startsWith('#/login'));
      assert.equal(hashOf(page), '#/login?next=%2Fsuppliers');
      assert.equal(await page.title(), 'Sign in · commerce-kit');
      assert.equal(await page.locator('#account .signout').count(), 0, 'no Sign out while signed out');

      await signInWithForm(page, USERS.operator);
      await page.waitForURL((url) => url.hash === '#/suppliers');
      await waitForContent(page, 'table.suppliers tbody tr', problems);
      assert.equal((await page.locator('#account .account-user').textContent())?.trim(), 'demo (operator)');

      await page.locator('#account').getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.hash.startsWith('#/login'));
      assert.equal(hashOf(page), '#/login?next=%2Fsuppliers', 'signing in again comes back to the page');
      // The session is over on the proxy too.
      const me = await page.evaluate(async () => (await fetch('/auth/me', { headers: { 'X-Commerce-Kit': '1' } })).status);
      assert.equal(me, 401);
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('a wrong password shows "Wrong username or password" and stays on the form', { timeout: 60_000 }, async (t) => {
    await env.proxy.hasSignIn();
    const { page, problems, close, cspViolations } = await openPage(env, {
      allow: [...SIGNED_OUT, { status: 401, path: '/auth/login' }],
    });
    try {
      await page.goto(env.proxy.base + '/#/login', { waitUntil: 'load' });
      await signInWithForm(page, { username: 'demo', password: 'not the password' });
      const error = page.locator('form[aria-label="Sign in"] .form-error');
      await error.waitFor();
      assert.equal(await error.getAttribute('data-code'), 'bad_credentials');
      assert.match((await error.textContent()) ?? '', /Wrong username or password/);
      assert.equal(await page.getByLabel('Password').inputValue(), '', 'the wrong password is cleared');
      assert.ok(hashOf(page).startsWith('#/login'));
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('a blank username is refused by the package, next to the input, without a request', { timeout: 60_000 }, async (t) => {
    await env.proxy.hasSignIn();
    const { page, problems, close, cspViolations } = await openPage(env, { allow: SIGNED_OUT });
    try {
      let posted = 0;
      page.on('request', (r) => {
        if (r.url().endsWith('/auth/login')) posted += 1;
      });
      await page.goto(env.proxy.base + '/#/login', { waitUntil: 'load' });
      await signInWithForm(page, { username: '  ', password: 'x' });
      const error = page.locator('.field[data-field="username"] .field-error');
      await error.waitFor();
      assert.match((await error.textContent()) ?? '', /required/);
      assert.equal(posted, 0);
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('a viewer sees no create form, a note "viewers may only read" in its place', { timeout: 60_000 }, async (t) => {
    await env.proxy.hasSignIn();
    const { page, problems, close, cspViolations } = await openPage(env, { user: USERS.viewer });
    try {
      await page.goto(env.proxy.base + '/#/inventory', { waitUntil: 'load' });
      await waitForContent(page, 'section.warehouse', problems);
      assert.equal((await page.locator('#account .account-user').textContent())?.trim(), 'viewer (viewer)');
      for (const [hash, label] of [
        ['#/fulfillments', 'Create fulfillment'],
        ['#/purchase-orders', 'Create purchase order'],
        ['#/fulfillment-orders/new', 'Create fulfillment order'],
      ]) {
        await page.goto(env.proxy.base + '/' + hash);
        // (Issue 13: a read-only view instead of a form with a disabled button.)
        const note = page.locator('.readonly-note');
        await note.waitFor();
        assert.match((await note.textContent()) ?? '', /viewers may only read/, `${hash} has the note`);
        assert.equal(await page.getByRole('button', { name: label, includeHidden: true }).count(), 0, `no ${label} for a viewer`);
      }
      // Reads still work.
      await page.goto(env.proxy.base + '/#/warehouses');
      await waitForContent(page, 'table.warehouses tbody tr', problems);
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('an operator sees the create buttons enabled and no read-only note', { timeout: 60_000 }, async (t) => {
    await env.proxy.hasSignIn();
    const { page, problems, close, cspViolations } = await openPage(env, { user: USERS.operator });
    try {
      await page.goto(env.proxy.base + '/#/fulfillment-orders/new', { waitUntil: 'load' });
      const submit = page.getByRole('button', { name: 'Create fulfillment order' });
      await submit.waitFor();
      assert.equal(await submit.isDisabled(), false);
      assert.equal(await page.locator('.readonly-note').count(), 0);
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('a 403 for a write shows "Not allowed" in the form, not the sign-in page', { timeout: 60_000 }, async (t) => {
    await env.proxy.hasSignIn();
    const PATH = '/api/s2_partner/purchase-order';
    const { page, problems, close, cspViolations } = await openPage(env, { user: USERS.operator, allow: [{ status: 403, path: PATH }] });
    try {
      // What the proxy answers a viewer's write (an operator's form, so the button is enabled).
      await page.route('**' + PATH, (r) =>
        r.request().method() === 'POST'
          ? r.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify({ error: { code: 'forbidden', message: 'viewers may only read' } }) })
          : r.fallback(),
      );
      await page.goto(env.proxy.base + '/#/purchase-orders', { waitUntil: 'load' });
      await page.locator('details.create-panel > summary').click();
      const form = page.locator('form[aria-label="New purchase order"]');
      await form.getByLabel('Supplier id').fill('1');
      await form.getByLabel('To warehouse').fill('system_73');
      await form.getByLabel('Expected arrival (ETA)').fill('2030-01-15T10:30');
      await form.getByLabel('SKU').fill('SKU-GREY');
      await form.getByLabel('Quantity').fill('3');
      await form.getByRole('button', { name: 'Create purchase order' }).click();
      const error = form.locator('.form-error');
      await error.waitFor();
      assert.equal(await error.getAttribute('data-code'), 'forbidden');
      assert.match((await error.textContent()) ?? '', /Not allowed/);
      assert.equal(hashOf(page), '#/purchase-orders', 'a 403 does not sign anyone out');
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('a session that ended sends the next call to the sign-in page, which comes back', { timeout: 60_000 }, async (t) => {
    await env.proxy.hasSignIn();
    const { page, context, problems, close, cspViolations } = await openPage(env, {
      user: USERS.operator,
      allow: [...SIGNED_OUT, { status: 401, path: '/api/s2/inventory/overview' }],
    });
    try {
      await page.goto(env.proxy.base + '/#/inventory', { waitUntil: 'load' });
      await waitForContent(page, 'section.warehouse table tbody tr:not(.virtual-spacer)', problems);
      await context.clearCookies();
      await page.getByRole('button', { name: 'Reload' }).click();
      await page.waitForURL((url) => url.hash.startsWith('#/login'));
      assert.equal(hashOf(page), '#/login?next=%2Finventory');
      await signInWithForm(page, USERS.operator);
      await page.waitForURL((url) => url.hash === '#/inventory');
      await waitForContent(page, 'section.warehouse table tbody tr:not(.virtual-spacer)', problems);
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });
});
