// End to end: filters, sorting, status tabs, the address and CSV export of the lists
// (issue 13, item 3). Fulfillments are listed newest first although the vendor pages
// them oldest first; every tab, sort and page is in the address (a reload shows the
// same, Back the one before); the CSV is RFC 4180 with formulas defused.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { assertClean, openPage as open, USERS, useDashboard, waitForContent } from './harness.mjs';

const env = useDashboard();
const openPage = (allow = []) => open(env, { user: USERS.operator, allow });

/** Every S2 Partner fulfillment, walking next_token. */
async function allFulfillments() {
  const all = [];
  let token = null;
  for (let i = 0; i < 100; i++) {
    const page = await env.proxy.getJson(`/api/s2_partner/fulfillment${token ? `?next_token=${encodeURIComponent(token)}` : ''}`);
    all.push(...page.items);
    token = page.next_token;
    if (!token || page.items.length === 0) break;
  }
  return all;
}

const firstColumn = (page, table) => page.$$eval(`${table} tbody tr`, (trs) => trs.map((tr) => tr.querySelector('td')?.textContent?.trim() ?? ''));

describe('dashboard: list filters', () => {
  test('fulfillments are newest first by default, across the vendor’s pages', { timeout: 60_000 }, async () => {
    const all = await allFulfillments();
    const newest = [...all].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.goto(`${env.proxy.base}/#/fulfillments`, { waitUntil: 'load' });
      await waitForContent(page, 'table.fulfillments tbody tr', problems);
      assert.deepEqual(await firstColumn(page, 'table.fulfillments'), newest.slice(0, 50).map((f) => String(f.id)));
      assert.equal(await page.locator('table.fulfillments th[data-key="created"]').getAttribute('aria-sort'), 'descending');
      assert.equal(await page.locator('.page-label').textContent(), `1–50 of ${all.length}`);
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('status tabs count each status; tab, sort and page are in the address: reload keeps them, Back undoes them', { timeout: 90_000 }, async () => {
    const all = await allFulfillments();
    const counts = new Map();
    for (const f of all) counts.set(f.status, (counts.get(f.status) ?? 0) + 1);
    const [status, count] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.goto(`${env.proxy.base}/#/fulfillments`, { waitUntil: 'load' });
      await waitForContent(page, 'table.fulfillments tbody tr', problems);
      const tabs = await page.$$eval('.status-tabs .status-tab', (bs) => bs.map((b) => [b.dataset.value, Number(b.querySelector('.count')?.textContent)]));
      assert.deepEqual(tabs[0], ['', all.length]);
      assert.deepEqual(Object.fromEntries(tabs.slice(1)), Object.fromEntries(counts));

      await page.locator(`.status-tab[data-value="${status}"]`).click();
      await page.waitForURL(`**/#/fulfillments?status=${status}`);
      assert.equal(await page.locator(`.status-tab[data-value="${status}"]`).getAttribute('aria-pressed'), 'true');
      const statuses = await page.$$eval('table.fulfillments tbody tr td:nth-child(2)', (tds) => tds.map((td) => td.textContent));
      assert.ok(statuses.every((s) => s === status), 'only the tab’s status is listed');
      assert.equal(await page.locator('.page-label').textContent(), `1–${Math.min(50, count)} of ${count}`);

      // Sort by ID ascending: click once (descending), then again (ascending).
      await page.locator('table.fulfillments th[data-key="id"] button').click();
      await page.locator('table.fulfillments th[data-key="id"][aria-sort="descending"]').waitFor();
      await page.locator('table.fulfillments th[data-key="id"] button').click();
      await page.locator('table.fulfillments th[data-key="id"][aria-sort="ascending"]').waitFor();
      const ids = (await firstColumn(page, 'table.fulfillments')).map(Number);
      assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
      assert.match(page.url(), /#\/fulfillments\?status=\w+&sort=id&dir=asc$/);

      await page.reload({ waitUntil: 'load' });
      await waitForContent(page, 'table.fulfillments tbody tr', problems);
      assert.equal(await page.locator('table.fulfillments th[data-key="id"]').getAttribute('aria-sort'), 'ascending');
      assert.equal(await page.locator(`.status-tab[data-value="${status}"]`).getAttribute('aria-pressed'), 'true');
      assert.deepEqual((await firstColumn(page, 'table.fulfillments')).map(Number), ids);

      // Back: the descending ID sort, then the status tab with the default sort, then All.
      await page.goBack();
      await page.locator('table.fulfillments th[data-key="id"][aria-sort="descending"]').waitFor();
      await page.goBack();
      await page.locator('table.fulfillments th[data-key="created"][aria-sort="descending"]').waitFor();
      assert.equal(await page.locator(`.status-tab[data-value="${status}"]`).getAttribute('aria-pressed'), 'true');
      await page.goBack();
      await page.locator('.status-tab[data-value=""][aria-pressed="true"]').waitFor();
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('CSV export of the view: RFC 4180 quoting, formulas defused, numbers kept', { timeout: 60_000 }, async () => {
    const { page, problems, close, cspViolations } = await openPage();
    try {
      // The vendor's data made hostile on its way to the page (the proxy's headers kept).
      await page.route('**/api/s2_partner/fulfillment*', async (route) => {
        const response = await route.fetch();
        const body = await response.json();
        if (body.items[0]) {
          body.items[0].name = '=HYPERLINK("http://evil.invalid","click")';
          body.items[0].city = 'Smith, "The" Town';
        }
        if (body.items[1]) body.items[1].name = '@SUM(A1)\nline two';
        await route.fulfill({ response, json: body });
      });
      const first = await env.proxy.getJson('/api/s2_partner/fulfillment');
      await page.goto(`${env.proxy.base}/#/fulfillments?sort=id&dir=asc`, { waitUntil: 'load' });
      await waitForContent(page, 'table.fulfillments tbody tr', problems);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
      assert.equal(download.suggestedFilename(), 'fulfillments.csv');
      const text = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
      const lines = text.split('\r\n');
      assert.equal(lines[0], 'ID,Status,Name,City,Country,Warehouse,Created');
      const f0 = first.items[0];
      assert.equal(lines[1], `${f0.id},${f0.status},"'=HYPERLINK(""http://evil.invalid"",""click"")","Smith, ""The"" Town",${f0.country_id},${f0.fulfillment_warehouse_id},${f0.created_at}`);
      assert.ok(text.includes(`"'@SUM(A1)\nline two"`), 'a field with a line break is quoted, and its formula defused');
      assert.equal(lines.at(-1), '', 'every record ends with CRLF');
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('Sellers Commerce orders: placed between two days and a condition, sent as one $filter; in the address', { timeout: 60_000 }, async () => {
    const API = '/api/sellers_commerce/api/order/getall';
    const all = await env.proxy.getJson(API);
    const inRange = all.filter((o) => o.OrderPlacedDate >= '2016-02-01' && o.OrderPlacedDate < '2016-07-01' && o.CarrierId === 8);
    assert.ok(inRange.length > 0 && inRange.length < all.length, 'the mock has some orders of carrier 8 in the range and some not');
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.goto(`${env.proxy.base}/#/sellers/orders`, { waitUntil: 'load' });
      await waitForContent(page, 'table.sellers-orders tbody tr', problems);
      const form = page.locator('form[aria-label="Filter orders"]');
      await form.getByLabel('Placed from').fill('2016-02-01');
      await form.getByLabel('Placed to').fill('2016-06-30');
      await form.getByRole('button', { name: 'Add condition' }).click();
      await form.getByLabel('Field of condition 1').selectOption('CarrierId');
      await form.getByLabel('Value of condition 1').fill('8');
      const sent = page.waitForRequest((r) => r.url().includes('/order/getall?'));
      await form.getByRole('button', { name: 'Apply' }).click();
      const filter = new URL((await sent).url()).searchParams.get('$filter');
      assert.equal(filter, "(CarrierId eq 8) and OrderPlacedDate ge datetime'2016-02-01T00:00:00' and OrderPlacedDate lt datetime'2016-07-01T00:00:00'");
      await page.waitForFunction((n) => document.querySelectorAll('table.sellers-orders tbody tr').length === n, inRange.length);
      const shown = await firstColumn(page, 'table.sellers-orders');
      assert.deepEqual(new Set(shown), new Set(inRange.map((o) => o.OrderNumber)));
      assert.match(page.url(), /from=2016-02-01&to=2016-06-30&filter=CarrierId\+eq\+8/);

      await page.reload({ waitUntil: 'load' });
      await page.waitForFunction((n) => document.querySelectorAll('table.sellers-orders tbody tr').length === n, inRange.length);
      assert.equal(await form.getByLabel('Placed from').inputValue(), '2016-02-01');
      assert.equal(await form.getByLabel('$filter').inputValue(), 'CarrierId eq 8');

      // A "to" before "from" is refused next to the field, and nothing is sent.
      await form.getByLabel('Placed to').fill('2016-01-01');
      let requests = 0;
      page.on('request', (r) => (requests += r.url().includes('/order/getall') ? 1 : 0));
      await form.getByRole('button', { name: 'Apply' }).click();
      await form.locator('.field[data-field="to"] .field-error', { hasText: 'on or after' }).waitFor();
      assert.equal(requests, 0);
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('purchase orders: newest first, a search by SKU, status tabs; in the address', { timeout: 60_000 }, async () => {
    const [first] = await env.proxy.getJson('/api/s2_partner/purchase-order');
    const sku = first.items[0].items[0].sku;
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.goto(`${env.proxy.base}/#/purchase-orders`, { waitUntil: 'load' });
      await waitForContent(page, 'table.purchase-orders tbody tr', problems);
      assert.equal(await page.locator('table.purchase-orders th[data-key="created"]').getAttribute('aria-sort'), 'descending');
      const created = await page.$$eval('table.purchase-orders tbody tr time', (ts) => ts.filter((_, i) => i % 2 === 1).map((t) => t.getAttribute('datetime')));
      assert.deepEqual(created, [...created].sort().reverse(), 'newest first');
      await page.getByLabel('Search').fill(sku);
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.waitForURL(`**/#/purchase-orders?q=${encodeURIComponent(sku)}`);
      const ids = (await firstColumn(page, 'table.purchase-orders')).map(Number);
      assert.ok(ids.includes(first.items[0].id));
      await page.reload({ waitUntil: 'load' });
      await waitForContent(page, 'table.purchase-orders tbody tr', problems);
      assert.deepEqual((await firstColumn(page, 'table.purchase-orders')).map(Number), ids);
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('Stock2Shop products: modified since (a range clause) and a header sort, sent to the search; in the address', { timeout: 90_000 }, async () => {
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.goto(`${env.proxy.base}/#/stock2shop/products?size=50`, { waitUntil: 'load' });
      await waitForContent(page, 'table.stock2shop-products tbody tr', problems);
      const modified = await page.$$eval('table.stock2shop-products tbody tr td:last-child time', (ts) => ts.map((t) => t.getAttribute('title')));
      assert.deepEqual(modified, [...modified].sort().reverse(), 'most recently modified first');
      const since = modified[Math.floor(modified.length / 2)].slice(0, 10);
      const searched = page.waitForRequest((r) => r.url().endsWith('/v1/products/elastic_search') && r.postDataJSON()?.query);
      await page.getByLabel('Modified since').fill(since);
      await page.getByLabel('Modified since').dispatchEvent('change');
      const body = (await searched).postDataJSON();
      assert.deepEqual(body.query.bool.filter, [{ range: { modified: { gte: `${since} 00:00:00`, format: 'yyyy-MM-dd HH:mm:ss' } } }]);
      await page.waitForURL(`**/#/stock2shop/products?since=${since}&size=50`);
      await page.waitForFunction(() => !document.querySelector('.list .loading'));
      const after = await page.$$eval('table.stock2shop-products tbody tr td:last-child time', (ts) => ts.map((t) => t.getAttribute('title')));
      assert.ok(after.length > 0 && after.every((m) => m >= since), JSON.stringify(after));

      const sorted = page.waitForRequest((r) => r.url().endsWith('/v1/products/elastic_search') && r.postDataJSON()?.sort?.id);
      await page.locator('table.stock2shop-products th[data-key="id"] button').click();
      assert.deepEqual((await sorted).postDataJSON().sort, { id: { order: 'desc' } });
      await page.locator('table.stock2shop-products th[data-key="id"][aria-sort="descending"]').waitFor();
      assert.match(page.url(), /since=[\d-]+&sort=id&dir=desc&size=50$/);
      await page.goBack();
      await page.locator('table.stock2shop-products th[data-key="modified"][aria-sort="descending"]').waitFor();
      assert.equal(await page.getByLabel('Modified since').inputValue(), since);
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('suppliers: as the vendor lists them, then by a header; the sort is in the address', { timeout: 60_000 }, async () => {
    const suppliers = await env.proxy.getJson('/api/s2_partner/supplier');
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.goto(`${env.proxy.base}/#/suppliers`, { waitUntil: 'load' });
      await waitForContent(page, 'table.suppliers tbody tr', problems);
      assert.deepEqual(await firstColumn(page, 'table.suppliers'), suppliers.slice(0, 50).map((s) => String(s.id)));
      assert.equal(await page.locator('table.suppliers th[aria-sort="ascending"], table.suppliers th[aria-sort="descending"]').count(), 0);
      await page.locator('table.suppliers th[data-key="name"] button').click();
      await page.locator('table.suppliers th[data-key="name"][aria-sort="descending"]').waitFor();
      const names = await page.$$eval('table.suppliers tbody tr td:nth-child(2)', (tds) => tds.map((td) => td.textContent));
      const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
      assert.deepEqual(names, [...names].sort((a, b) => collator.compare(b, a)));
      await page.waitForURL('**/#/suppliers?sort=name&dir=desc');
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('Sellers Commerce products: a header sorts what the store sent, kept with its $filter in the address; CSV of it', { timeout: 60_000 }, async () => {
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.goto(`${env.proxy.base}/#/sellers/products?filter=SCproductID%20gt%201003`, { waitUntil: 'load' });
      await waitForContent(page, 'table.sellers-products tbody tr', problems);
      await page.locator('table.sellers-products th[data-key="Product code"] button').click();
      await page.locator('table.sellers-products th[data-key="Product code"][aria-sort="descending"]').waitFor();
      const codes = await firstColumn(page, 'table.sellers-products');
      assert.ok(codes.length > 0 && codes.every((c) => Number(c.replace('SC-', '')) > 1003), JSON.stringify(codes));
      assert.deepEqual(codes, [...codes].sort().reverse());
      assert.match(page.url(), /\?filter=SCproductID\+gt\+1003&sort=Product\+code&dir=desc$/);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
      const lines = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').split('\r\n');
      assert.equal(lines[0], 'Product code,SC product id,Other fields');
      assert.deepEqual(lines.slice(1, -1).map((l) => l.split(',')[0]), codes);
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('Stock2Shop orders: status tabs count each status (with the channel and date filters); a tab filters', { timeout: 90_000 }, async () => {
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.goto(`${env.proxy.base}/#/stock2shop/orders`, { waitUntil: 'load' });
      await waitForContent(page, 'table.stock2shop-orders tbody tr', problems);
      const found = async () => Number(/(\d+) orders? found/.exec(await page.locator('.toolbar-status').textContent())?.[1]);
      const all = await found();
      await page.locator('.status-tabs .status-tab[data-value="cancelled"]').waitFor();
      const tabs = Object.fromEntries(await page.$$eval('.status-tabs .status-tab', (bs) => bs.map((b) => [b.dataset.value, Number(b.querySelector('.count')?.textContent)])));
      assert.equal(tabs[''], all);
      await page.locator('.status-tab[data-value="cancelled"]').click();
      await page.waitForURL('**/#/stock2shop/orders?status=cancelled');
      await page.locator('.status-tab[data-value="cancelled"][aria-pressed="true"]').waitFor();
      await page.waitForFunction(() => !document.querySelector('.list .loading'));
      assert.equal(await found(), tabs.cancelled, 'the tab’s count is what its search finds');
      const statuses = await page.$$eval('table.stock2shop-orders tbody tr td:nth-child(4)', (tds) => tds.map((td) => td.textContent));
      assert.ok(statuses.every((s) => s === 'cancelled'));
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });
});
