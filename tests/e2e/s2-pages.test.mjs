// End to end: the S2 Partner pages (fulfillments, purchase orders, suppliers, warehouses,
// supply) and the S2 fulfillment order form, against the proxy's embedded mock, signed in
// as the demo operator. See harness.mjs for the setup.
//
// The mock serves 250 S2 Partner fulfillments in pages of 50.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, openPage as open, USERS, useDashboard, waitForContent } from './harness.mjs';

const env = useDashboard();
const openPage = (allow = []) => open(env, { user: USERS.operator, allow });

/** GET through the proxy as the operator. */
async function vendorList(route) {
  const headers = { 'x-commerce-kit': '1', cookie: await env.proxy.sessionCookie(USERS.operator) };
  const res = await fetch(env.proxy.base + route, { headers, signal: AbortSignal.timeout(10_000) });
  assert.equal(res.status, 200, `GET ${route} answered ${res.status}`);
  return res.json();
}

/** The cells of every body row of `table`, as text. */
const rows = (page, table) =>
  page.$$eval(`${table} tbody tr`, (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));

/** Fills a New fulfillment form with a valid body (warehouse `warehouseId`), quantity as given. */
async function fillFulfillment(form, { warehouseId, quantity }) {
  await form.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
  await form.getByLabel('Address line 1').fill('12 Analytical Row');
  await form.getByLabel('City', { exact: true }).fill('Melbourne');
  await form.getByLabel('Country', { exact: true }).fill('AU');
  await form.getByLabel('Warehouse', { exact: true }).fill(warehouseId);
  await form.getByLabel('SKU', { exact: true }).fill('SKU-GREY');
  await form.getByLabel('Quantity', { exact: true }).fill(String(quantity));
}

describe('dashboard: S2 Partner fulfillments', () => {
  test('shows 50 rows a page, newest first; Next shows the next 50 and Previous the ones before', { timeout: 60_000 }, async (t) => {
    // The vendor pages them oldest first: the page reads them all (see filters.test.mjs).
    const all = [];
    for (let token = null, i = 0; i < 20; i++) {
      const p = await vendorList(`/api/s2_partner/fulfillment${token ? `?next_token=${encodeURIComponent(token)}` : ''}`);
      all.push(...p.items);
      token = p.next_token;
      if (!token) break;
    }
    const newest = [...all].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.goto(env.proxy.base + '/#/fulfillments', { waitUntil: 'load' });
      await waitForContent(page, 'table.fulfillments tbody tr', problems);
      // (The sorted header carries an aria-hidden arrow: left out.)
      const headers = await page.$$eval('table.fulfillments thead th', (ths) => ths.map((th) => th.querySelector('button')?.textContent ?? th.textContent));
      assert.deepEqual(headers, ['ID', 'Status', 'Name', 'City', 'Country', 'Warehouse', 'Created']);
      const page1 = await rows(page, 'table.fulfillments');
      assert.equal(page1.length, 50);
      assert.deepEqual(
        page1.map((r) => r[0]),
        newest.slice(0, 50).map((f) => String(f.id)),
        'the rows are the 50 newest, in order',
      );
      const f0 = newest[0];
      assert.deepEqual(page1[0].slice(1, 6), [f0.status, f0.name || '—', f0.city || '—', f0.country_id || '—', f0.fulfillment_warehouse_id]);
      assert.equal(await page.locator('.page-label').textContent(), `1–50 of ${all.length}`);
      assert.equal(await page.getByRole('button', { name: 'Previous' }).isDisabled(), true);

      await page.getByRole('button', { name: 'Next' }).click();
      await page.locator('.page-label', { hasText: `51–100 of ${all.length}` }).waitFor();
      const page2 = await rows(page, 'table.fulfillments');
      assert.deepEqual(page2.map((r) => r[0]), newest.slice(50, 100).map((f) => String(f.id)));

      await page.getByRole('button', { name: 'Previous' }).click();
      await page.locator('.page-label', { hasText: `1–50 of ${all.length}` }).waitFor();
      assert.deepEqual((await rows(page, 'table.fulfillments')).map((r) => r[0]), page1.map((r) => r[0]));
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('walks all 250 to a last page without Next', { timeout: 60_000 }, async (t) => {
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.goto(env.proxy.base + '/#/fulfillments', { waitUntil: 'load' });
      await waitForContent(page, 'table.fulfillments tbody tr', problems);
      const ids = new Set();
      for (let n = 1; n <= 10; n++) {
        for (const r of await rows(page, 'table.fulfillments')) ids.add(r[0]);
        const next = page.getByRole('button', { name: 'Next' });
        if (await next.isDisabled()) break;
        await next.click();
        await page.locator('.page-label', { hasText: new RegExp(`^${n * 50 + 1}–`) }).waitFor();
        await waitForContent(page, 'table.fulfillments tbody tr', problems);
      }
      assert.ok(ids.size >= 250, `saw ${ids.size} fulfillments`);
      assert.equal(await page.getByRole('button', { name: 'Next' }).isDisabled(), true, 'no Next on the last page');
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('the id filter lists only those ids, and a bad id is refused next to the filter', { timeout: 60_000 }, async (t) => {
    const first = await vendorList('/api/s2_partner/fulfillment');
    const wanted = [first.items[3].id, first.items[7].id];
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.goto(env.proxy.base + '/#/fulfillments', { waitUntil: 'load' });
      await waitForContent(page, 'table.fulfillments tbody tr', problems);
      await page.getByLabel('Only ids').fill('12x');
      await page.getByRole('button', { name: 'Apply' }).click();
      assert.match((await page.locator('#fulfillment-ids-error').textContent()) ?? '', /not an id/);

      const filtered = page.waitForResponse((r) => r.url().includes('/api/s2_partner/fulfillment?') && r.url().includes('id_list'));
      await page.getByLabel('Only ids').fill(wanted.join(', '));
      await page.getByRole('button', { name: 'Apply' }).click();
      await filtered;
      await page.waitForFunction((n) => document.querySelectorAll('table.fulfillments tbody tr').length === n, wanted.length);
      const ids = (await rows(page, 'table.fulfillments')).map((r) => Number(r[0])).sort((a, b) => a - b);
      assert.deepEqual(ids, [...wanted].sort((a, b) => a - b));
      assert.equal(await page.locator('#fulfillment-ids-error').textContent(), '');
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('create: quantity 0 shows the package’s error next to the quantity input, and nothing is sent', { timeout: 60_000 }, async () => {
    const { page, problems, close, cspViolations } = await openPage([]);
    try {
      let posted = 0;
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().includes('/api/')) posted += 1;
      });
      await page.goto(env.proxy.base + '/#/fulfillments', { waitUntil: 'load' });
      await page.locator('details.create-panel > summary').click();
      const form = page.locator('form[aria-label="New fulfillment"]');
      await fillFulfillment(form, { warehouseId: 'system_73', quantity: 0 });
      await form.getByRole('button', { name: 'Create fulfillment' }).click();

      const field = form.locator('.field[data-field="items[0].quantity"]');
      const error = field.locator('.field-error');
      await error.waitFor();
      assert.match((await error.textContent()) ?? '', /Must be at least 1 \(it is 0\)/);
      assert.equal(await field.locator('input').getAttribute('aria-invalid'), 'true');
      // It is that input's description, for screen readers.
      const describedBy = (await field.locator('input').getAttribute('aria-describedby')) ?? '';
      assert.ok(describedBy.split(' ').includes((await error.getAttribute('id')) ?? '?'), describedBy);
      // The other fields are fine: no error next to them, and the summary counts one.
      assert.equal(await form.locator('.field.invalid').count(), 1);
      assert.match((await form.locator('.form-error').textContent()) ?? '', /One field is marked/);
      assert.equal(posted, 0, 'the package refused the body before sending it');

      // Fixing the quantity clears the error on the next submit (the mock may or may not model the create).
      await form.getByLabel('Quantity', { exact: true }).fill('2');
      await form.getByRole('button', { name: 'Create fulfillment' }).click();
      await page.waitForFunction(() => document.querySelector('.field[data-field="items[0].quantity"] .field-error')?.textContent === '');
      assert.deepEqual(await cspViolations(), []);
      void problems;
    } finally {
      await close();
    }
  });

  test('create: field errors go next to their inputs (country_id, items[1].sku) and lines can be added and removed', { timeout: 60_000 }, async () => {
    const { page, close, cspViolations } = await openPage([]);
    try {
      await page.goto(env.proxy.base + '/#/fulfillments', { waitUntil: 'load' });
      await page.locator('details.create-panel > summary').click();
      const form = page.locator('form[aria-label="New fulfillment"]');
      await fillFulfillment(form, { warehouseId: 'system_73', quantity: 1 });
      await form.getByLabel('Country', { exact: true }).fill('australia');
      await form.getByRole('button', { name: 'Add item' }).click();
      await form.getByRole('button', { name: 'Add item' }).click();
      assert.equal(await form.locator('.line').count(), 3);
      await form.locator('.field[data-field="items[2].sku"] input').fill('THIRD');
      await form.getByRole('button', { name: 'Remove item 1' }).click();
      // Lines renumber: the old third line is items[1] now; the empty old second one is items[0].
      assert.equal(await form.locator('.line').count(), 2);
      assert.equal(await form.locator('.field[data-field="items[1].sku"] input').inputValue(), 'THIRD');
      await form.getByRole('button', { name: 'Create fulfillment' }).click();
      await form.locator('.field[data-field="country_id"] .field-error').waitFor();
      assert.match((await form.locator('.field[data-field="country_id"] .field-error').textContent()) ?? '', /ISO 3166-1 alpha-2/);
      assert.match((await form.locator('.field[data-field="items[0].sku"] .field-error').textContent()) ?? '', /required/);
      assert.equal(await form.locator('.field[data-field="items[1].sku"] .field-error').textContent(), '');

      await form.getByRole('button', { name: 'Remove item 1' }).click();
      await form.getByRole('button', { name: 'Remove item 1' }).click();
      assert.equal(await form.locator('.line').count(), 0);
      await form.getByRole('button', { name: 'Create fulfillment' }).click();
      // No input for `items` itself: its message shows on the Items group.
      const group = form.locator('fieldset[data-field="items"] > .group-error');
      await group.waitFor();
      assert.match((await group.textContent()) ?? '', /at least one item/);
      assert.deepEqual(await cspViolations(), []);
    } finally {
      await close();
    }
  });

  test('create: a new fulfillment shows its id and the list reloads', { timeout: 60_000 }, async (t) => {
    const warehouses = await vendorList('/api/s2_partner/warehouse');
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.goto(env.proxy.base + '/#/fulfillments', { waitUntil: 'load' });
      await waitForContent(page, 'table.fulfillments tbody tr', problems);
      await page.locator('details.create-panel > summary').click();
      const form = page.locator('form[aria-label="New fulfillment"]');
      await fillFulfillment(form, { warehouseId: warehouses[0].id, quantity: 2 });
      const created = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/s2_partner/fulfillment'));
      const reloaded = page.waitForResponse((r) => r.request().method() === 'GET' && r.url().includes('/api/s2_partner/fulfillment'));
      await form.getByRole('button', { name: 'Create fulfillment' }).click();
      const response = await created;
      assert.equal(response.status(), 200);
      const body = await response.json();
      const id = form.locator('.success .created-id');
      await id.waitFor();
      assert.equal(await id.textContent(), String(body.id));
      await reloaded;
      await waitForContent(page, 'table.fulfillments tbody tr', problems);
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });
});

describe('dashboard: S2 Partner lists', () => {
  test('purchase orders: lists them (at most 200) and creates one', { timeout: 60_000 }, async (t) => {
    const suppliers = await vendorList('/api/s2_partner/supplier');
    const warehouses = await vendorList('/api/s2_partner/warehouse');
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.goto(env.proxy.base + '/#/purchase-orders', { waitUntil: 'load' });
      await waitForContent(page, 'table.purchase-orders tbody tr', problems);
      const count = await page.locator('table.purchase-orders tbody tr').count();
      assert.ok(count > 0 && count <= 200, `${count} rows`);

      await page.locator('details.create-panel > summary').click();
      const form = page.locator('form[aria-label="New purchase order"]');
      // First an ETA that is no date: the package's error shows next to it.
      await form.getByLabel('Supplier id').fill(String(suppliers[0].id));
      await form.getByLabel('To warehouse').fill(warehouses[0].id);
      await form.getByLabel('SKU', { exact: true }).fill('SKU-GREY');
      await form.getByLabel('Quantity', { exact: true }).fill('12');
      await form.getByRole('button', { name: 'Create purchase order' }).click();
      const eta = form.locator('.field[data-field="eta"] .field-error');
      await eta.waitFor();
      assert.match((await eta.textContent()) ?? '', /RFC 3339/);

      await form.getByLabel('Expected arrival (ETA)').fill('2030-01-15T10:30');
      const created = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/s2_partner/purchase-order'));
      await form.getByRole('button', { name: 'Create purchase order' }).click();
      const response = await created;
      assert.equal(response.status(), 200);
      const sent = response.request().postDataJSON();
      assert.equal(sent.from_supplier_id, suppliers[0].id);
      assert.match(sent.eta, /^2030-01-15T\d\d:30:00\.000Z$/);
      const body = await response.json();
      const id = form.locator('.success .created-id');
      await id.waitFor();
      assert.equal(await id.textContent(), String(body.id));
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('suppliers and warehouses: every one the proxy lists', { timeout: 60_000 }, async (t) => {
    const suppliers = await vendorList('/api/s2_partner/supplier');
    const warehouses = await vendorList('/api/s2_partner/warehouse');
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.goto(env.proxy.base + '/#/suppliers', { waitUntil: 'load' });
      await waitForContent(page, 'table.suppliers tbody tr', problems);
      assert.deepEqual(await rows(page, 'table.suppliers'), suppliers.map((s) => [String(s.id), s.name || '—']));

      await page.goto(env.proxy.base + '/#/warehouses');
      await waitForContent(page, 'table.warehouses tbody tr', problems);
      assert.deepEqual(await rows(page, 'table.warehouses'), warehouses.map((w) => [w.id, w.name || '—', 'View supply']));
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('supply: a warehouse’s rows, from the Warehouses link, and a SKU filter', { timeout: 60_000 }, async (t) => {
    const warehouses = await vendorList('/api/s2_partner/warehouse');
    const target = warehouses[warehouses.length > 1 ? 1 : 0];
    const supply = await vendorList(`/api/s2_partner/inventory-supply?warehouse_id=${encodeURIComponent(target.id)}`);
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.goto(env.proxy.base + '/#/warehouses', { waitUntil: 'load' });
      await waitForContent(page, 'table.warehouses tbody tr', problems);
      await page.locator('table.warehouses tbody tr', { hasText: target.id }).getByRole('link', { name: 'View supply' }).click();
      await page.waitForURL((url) => url.hash.startsWith('#/supply'));
      assert.equal(await page.locator('#supply-warehouse').inputValue(), target.id);
      if (supply.length === 0) {
        await waitForContent(page, '.list .empty', problems);
      } else {
        await waitForContent(page, 'table.supply tbody tr', problems);
        const shown = await rows(page, 'table.supply');
        const fmt = (n) => new Intl.NumberFormat('en-US').format(n);
        assert.deepEqual(
          shown,
          supply.map((s) => [s.sku, fmt(s.quantity_avaliable), fmt(s.quantity_pending), fmt(s.quantity_hold)]),
        );
        // Only one SKU.
        const sku = supply[0].sku;
        await page.getByLabel('SKUs').fill(sku);
        await page.getByRole('button', { name: 'Show supply' }).click();
        await page.waitForFunction(() => document.querySelectorAll('table.supply tbody tr').length === 1);
        assert.equal((await rows(page, 'table.supply'))[0][0], sku);
        assert.ok(new URL(page.url()).hash.includes(`sku=${encodeURIComponent(sku)}`), page.url());
      }
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });
});

describe('dashboard: S2 fulfillment order', () => {
  test('field errors next to their inputs, then created, a reused channel id refused, and "already created" when an answer was lost', { timeout: 60_000 }, async (t) => {
    const overview = await env.proxy.getJson('/api/s2/inventory/overview');
    const product = overview.products[0];
    const PATH = '/api/s2/fulfillment';
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.goto(env.proxy.base + '/#/fulfillment-orders/new', { waitUntil: 'load' });
      const form = page.locator('form[aria-label="New fulfillment order"]');
      const submit = form.getByRole('button', { name: 'Create fulfillment order' });
      await submit.click();
      const errorOf = (path) => form.locator(`.field[data-field="${path}"] .field-error`);
      await errorOf('address.countryId').waitFor();
      assert.match((await errorOf('address.countryId').textContent()) ?? '', /ISO 3166-1 alpha-2/);
      assert.match((await errorOf('items[0].productId').textContent()) ?? '', /required/);
      assert.match((await errorOf('shipments[0].items[0].productId').textContent()) ?? '', /required/);

      // A shipment of a product the order does not have.
      await form.getByLabel('Country', { exact: true }).fill('US');
      await form.locator('.field[data-field="items[0].productId"] input').fill(product.id);
      await form.locator('.field[data-field="items[0].quantity"] input').fill('2');
      await form.locator('.field[data-field="shipments[0].items[0].productId"] input').fill('not-in-the-order');
      await submit.click();
      await errorOf('shipments[0].items[0].productId').filter({ hasText: 'not among the order' }).waitFor();
      assert.equal(await errorOf('address.countryId').textContent(), '');

      // Valid, with a channel fulfillment id: created.
      const channelId = `e2e-${Date.now()}`;
      await form.locator('.field[data-field="shipments[0].items[0].productId"] input').fill(product.id);
      await form.getByLabel('Channel fulfillment id').fill(channelId);
      const created = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(PATH));
      await submit.click();
      const response = await created;
      assert.equal(response.status(), 200);
      const order = await response.json();
      const success = form.locator('.success');
      await success.waitFor();
      assert.match((await success.textContent()) ?? '', new RegExp(`Created ${order.id}`));

      // The same channel id again (the form was cleared after the create: filled anew):
      // S2 answers 409 ALREADY_EXISTS, and the form says so.
      await form.getByLabel('Country', { exact: true }).fill('US');
      await form.locator('.field[data-field="items[0].productId"] input').fill(product.id);
      await form.locator('.field[data-field="items[0].quantity"] input').fill('2');
      await form.locator('.field[data-field="shipments[0].items[0].productId"] input').fill(product.id);
      await form.getByLabel('Channel fulfillment id').fill(channelId);
      await submit.click();
      const exists = form.locator('.form-error[data-code="already_exists"]');
      await exists.waitFor();
      assert.match((await exists.textContent()) ?? '', new RegExp(`channelFulfillmentId ${channelId}\\. Use a new id`));

      // A new id, but the first answer is lost on the way back: the package retries,
      // S2 answers 409 ALREADY_EXISTS, and the outcome is "already created".
      await form.getByLabel('Channel fulfillment id').fill(`${channelId}-b`);
      let posts = 0;
      await page.route('**' + PATH, async (route) => {
        posts += 1;
        if (posts === 1) {
          await route.fetch(); // S2 creates it ...
          await route.abort('connectionreset'); // ... and the answer never arrives.
          return;
        }
        await route.fallback();
      });
      await submit.click();
      await form.locator('.success', { hasText: 'Already created' }).waitFor();
      assert.match((await success.textContent()) ?? '', new RegExp(`channelFulfillmentId ${channelId}-b`));
      assert.equal(posts, 2, 'one retry');
      // The lost answer and the 409 are expected here.
      const unexpected = problems.filter((p) => !/409|ERR_CONNECTION_RESET|net::ERR/.test(p));
      assert.deepEqual(unexpected, []);
      assert.deepEqual(await cspViolations(), []);
    } finally {
      await close();
    }
  });
});
