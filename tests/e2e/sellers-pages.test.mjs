// End to end: the Sellers Commerce pages (products with the OData filter builder, orders
// with status tabs and the operators' "Update status" form, shoppers, categories)
// and the grouped nav at 820 px, against the proxy's embedded mock. See harness.mjs.
//
// The mock's store: products SC-1001 to SC-1012 (SCproductID 1001 to 1012), orders
// SC1001 to SC1024, four shoppers, four categories and two brands.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, openPage as open, USERS, useDashboard, waitForContent } from './harness.mjs';

const env = useDashboard();
const openPage = (user = USERS.operator, options = {}) => open(env, { user, ...options });
const API = '/api/sellers_commerce/api';

/** The cells of every body row of `table`, as text. */
const rows = (page, table) =>
  page.$$eval(`${table} tbody tr:not(.row-form)`, (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));

/** Every request the page sends to `path` (a prefix under the Sellers Commerce API). */
function recordRequests(page, path) {
  const sent = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith(API + path)) sent.push({ method: r.method(), url });
  });
  return sent;
}

describe('dashboard: Sellers Commerce products', () => {
  test('an invalid $filter shows the package’s error next to the filter box, and nothing is sent', { timeout: 60_000 }, async () => {
    const { page, problems, close, cspViolations } = await openPage();
    try {
      const sent = recordRequests(page, '/product/getall');
      await page.goto(env.proxy.base + '/#/sellers/products', { waitUntil: 'load' });
      await waitForContent(page, 'table.sellers-products tbody tr', problems);
      assert.equal((await rows(page, 'table.sellers-products')).length, 12);
      assert.equal(sent.length, 1);

      const form = page.locator('form[aria-label="Filter products"]');
      await form.getByLabel('$filter').fill("ProductCode eq 'SC-1001' and");
      await form.getByRole('button', { name: 'Apply' }).click();
      const field = form.locator('.field[data-field="$filter"]');
      const error = field.locator('.field-error');
      await error.filter({ hasText: /does not parse/ }).waitFor();
      assert.match((await error.textContent()) ?? '', /at character 29/);
      assert.equal(await field.locator('input').getAttribute('aria-invalid'), 'true');
      const describedBy = (await field.locator('input').getAttribute('aria-describedby')) ?? '';
      assert.ok(describedBy.split(' ').includes((await error.getAttribute('id')) ?? '?'), describedBy);
      assert.equal(await form.locator('.field.invalid').count(), 1);
      assert.equal(await page.locator('table.sellers-products').count(), 0, 'no stale rows under an invalid filter');
      assert.equal(sent.length, 1, 'the package refused the filter before sending it');

      // Fixing it clears the error and lists again.
      await form.getByLabel('$filter').fill('');
      await form.getByRole('button', { name: 'Apply' }).click();
      await waitForContent(page, 'table.sellers-products tbody tr', problems);
      assert.equal(await error.textContent(), '');
      assert.equal(sent.length, 2);
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('the builder writes the $filter (and/or, quotes), and a valid filter narrows the list', { timeout: 60_000 }, async () => {
    const { page, problems, close, cspViolations } = await openPage();
    try {
      const sent = recordRequests(page, '/product/getall');
      await page.goto(env.proxy.base + '/#/sellers/products', { waitUntil: 'load' });
      await waitForContent(page, 'table.sellers-products tbody tr', problems);
      const form = page.locator('form[aria-label="Filter products"]');
      const filter = form.getByLabel('$filter');

      await form.getByRole('button', { name: 'Add condition' }).click();
      await form.getByLabel('Field of condition 1').selectOption('SCproductID');
      await form.getByLabel('Operator of condition 1').selectOption('gt');
      await form.getByLabel('Value of condition 1').fill('1008');
      assert.equal(await filter.inputValue(), 'SCproductID gt 1008');
      await form.getByRole('button', { name: 'Apply' }).click();
      await page.waitForFunction(() => document.querySelectorAll('table.sellers-products tbody tr').length === 4);
      assert.deepEqual(
        (await rows(page, 'table.sellers-products')).map((r) => r[0]),
        ['SC-1009', 'SC-1010', 'SC-1011', 'SC-1012'],
      );
      assert.equal(sent.at(-1).url.searchParams.get('$filter'), 'SCproductID gt 1008');
      assert.match((await page.locator('.toolbar-status').textContent()) ?? '', /4 products match/);
      assert.ok(new URL(page.url()).hash.includes('filter=SCproductID'), page.url());

      // or, a text value with a quote (doubled), then and: written left to right.
      await form.getByRole('button', { name: 'Add condition' }).click();
      await form.getByLabel('Join condition 2').selectOption('or');
      await form.getByLabel('Value of condition 2').fill('SC-1001');
      await form.getByRole('button', { name: 'Add condition' }).click();
      await form.getByLabel('Field of condition 3').selectOption('ProductCode');
      await form.getByLabel('Operator of condition 3').selectOption('ne');
      await form.getByLabel('Value of condition 3').fill("O'Neil");
      assert.equal(await filter.inputValue(), "(SCproductID gt 1008 or ProductCode eq 'SC-1001') and ProductCode ne 'O''Neil'");
      // Sorted by the order select too.
      await form.getByLabel('Order by').selectOption('ProductCode desc');
      await form.getByRole('button', { name: 'Apply' }).click();
      await page.waitForFunction(() => document.querySelectorAll('table.sellers-products tbody tr').length === 5);
      assert.deepEqual(
        (await rows(page, 'table.sellers-products')).map((r) => r[0]),
        ['SC-1012', 'SC-1011', 'SC-1010', 'SC-1009', 'SC-1001'],
      );
      assert.equal(sent.at(-1).url.searchParams.get('$orderby'), 'ProductCode desc');

      // Removing a condition rewrites the filter.
      await form.getByRole('button', { name: 'Remove condition 1' }).click();
      assert.equal(await filter.inputValue(), "ProductCode eq 'SC-1001' and ProductCode ne 'O''Neil'");
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });
});

describe('dashboard: Sellers Commerce orders', () => {
  test('an operator updates an order’s status (a missing status is refused next to the select) and sees it', { timeout: 60_000 }, async () => {
    const ORDER = 'SC1001';
    const before = await env.proxy.getJson(`${API}/order/get/${ORDER}`);
    const target = before.OrderStatusId === 35 ? { id: 36, name: 'Rejected' } : { id: 35, name: 'Processing Order' };
    const { page, problems, close, cspViolations } = await openPage();
    try {
      const posts = recordRequests(page, '/order/updateorderstatus');
      await page.goto(env.proxy.base + '/#/sellers/orders', { waitUntil: 'load' });
      await waitForContent(page, 'table.sellers-orders tbody tr', problems);
      const all = await rows(page, 'table.sellers-orders');
      assert.equal(all.length, 24);
      const row = page.locator('table.sellers-orders tbody tr', { hasText: ORDER }).first();

      await page.getByRole('button', { name: `Update status of ${ORDER}` }).click();
      const form = page.locator(`form[aria-label="Update status of ${ORDER}"]`);
      await form.waitFor();
      // No status chosen: the package refuses it, next to the select, and nothing is sent.
      await form.getByRole('button', { name: 'Update status' }).click();
      const error = form.locator('.field[data-field="OrderStatusId"] .field-error');
      // In words (issue 13): not the package's "expected integer, found null".
      await error.filter({ hasText: 'Required: choose one' }).waitFor();
      assert.equal(await form.locator('select[name="OrderStatusId"]').getAttribute('aria-invalid'), 'true');
      assert.equal(posts.length, 0);

      await form.getByLabel(`New status of ${ORDER}`).selectOption(String(target.id));
      const answered = page.waitForResponse((r) => r.url().endsWith(`${API}/order/updateorderstatus`));
      await form.getByRole('button', { name: 'Update status' }).click();
      const response = await answered;
      assert.equal(response.status(), 200);
      assert.deepEqual(response.request().postDataJSON(), { OrderNumber: ORDER, OrderStatusId: target.id });
      await form.locator('.success .new-status', { hasText: target.name }).waitFor();
      assert.equal(await error.textContent(), '');
      // The row shows the order as read back.
      assert.equal((await row.locator('.status-slot').textContent())?.trim(), target.name);
      assert.equal((await env.proxy.getJson(`${API}/order/get/${ORDER}`)).OrderStatusId, target.id);

      // The status filter finds it there.
      // (Status tabs since issue 13: counted from the list, no new request.)
      await page.locator(`.status-tab[data-value="${target.id}"]`).click();
      await page.waitForURL((url) => url.hash.includes(`status=${target.id}`));
      const filtered = await rows(page, 'table.sellers-orders');
      assert.ok(filtered.some((r) => r[0] === ORDER), JSON.stringify(filtered));
      assert.ok(filtered.every((r) => r[1] === target.name), JSON.stringify(filtered));
      assert.ok(filtered.length < all.length);
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('a viewer reads orders, shoppers and categories, without update forms', { timeout: 60_000 }, async () => {
    const { page, problems, close, cspViolations } = await openPage(USERS.viewer);
    try {
      await page.goto(env.proxy.base + '/#/sellers/orders', { waitUntil: 'load' });
      await waitForContent(page, 'table.sellers-orders tbody tr', problems);
      assert.equal(await page.locator('.row-toggle').count(), 0, 'no Update status for a viewer');
      assert.match((await page.locator('.page-intro').textContent()) ?? '', /viewers may only read/);
      // Sparse records: a field the store leaves out shows as a dash.
      assert.ok((await rows(page, 'table.sellers-orders')).some((r) => r.includes('—')));

      await page.goto(env.proxy.base + '/#/sellers/shoppers');
      await waitForContent(page, 'table.sellers-shoppers tbody tr', problems);
      const shoppers = await rows(page, 'table.sellers-shoppers');
      const sample = shoppers.find((r) => r[0] === 'sample.shopper');
      assert.ok(sample, JSON.stringify(shoppers));
      assert.equal(sample[3], '—', 'no gender: a dash');
      assert.match(sample[6], /sample string 1: sample string 3, sample string 5, sample string 6 sample string 8, sample string 7/);

      await page.goto(env.proxy.base + '/#/sellers/categories');
      await waitForContent(page, 'table.sellers-categories tbody tr', problems);
      assert.deepEqual(
        (await rows(page, 'table.sellers-categories')).map((r) => r.slice(0, 2)),
        [['DRINKWARE', 'No'], ['KITCHEN', 'No'], ['ACME', 'Yes'], ['GLOBEX', 'Yes']],
      );
      // Brands are free-form objects: a key: value list.
      await waitForContent(page, 'table.sellers-brands tbody tr', problems);
      const brand = page.locator('table.sellers-brands tbody tr').first().locator('dl.kv');
      assert.deepEqual(await brand.locator('dt').allTextContents(), ['BrandName', 'CategoryCode']);
      assert.deepEqual(await brand.locator('dd').allTextContents(), ['Acme', 'ACME']);
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });
});

describe('dashboard: grouped nav', () => {
  test('at 820 px: four vendor menus on one row, each opening its pages; navigating closes it', { timeout: 60_000 }, async () => {
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.setViewportSize({ width: 820, height: 800 });
      await page.goto(env.proxy.base + '/#/sellers/products', { waitUntil: 'load' });
      await waitForContent(page, 'table.sellers-products tbody tr', problems);
      const groups = page.locator('nav#nav details.nav-group');
      assert.deepEqual(await groups.locator('summary').allTextContents(), ['S2', 'S2 Partner', 'Stock2Shop', 'Sellers Commerce']);
      assert.equal(await page.locator('nav details.nav-group.current').getAttribute('data-group'), 'Sellers Commerce');
      // Nothing sticks out, and the menus share one row.
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 820);
      const tops = await groups.evaluateAll((ds) => ds.map((d) => Math.round(d.getBoundingClientRect().top)));
      assert.equal(new Set(tops).size, 1, `menu rows: ${tops}`);
      // Every page has a link: 2 + 5 + 4 + 4.
      assert.equal(await page.locator('nav#nav a.nav-link').count(), 15);

      const sellers = groups.filter({ has: page.locator('summary', { hasText: 'Sellers Commerce' }) });
      await sellers.locator('summary').click();
      const shoppers = sellers.getByRole('link', { name: 'Shoppers' });
      await shoppers.waitFor();
      const box = await sellers.locator('.nav-menu').boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 820, `the menu fits the window: ${JSON.stringify(box)}`);
      // One menu at a time.
      const s2 = groups.filter({ has: page.locator('summary', { hasText: /^S2$/ }) });
      await s2.locator('summary').click();
      await s2.getByRole('link', { name: 'Inventory' }).waitFor();
      await shoppers.waitFor({ state: 'hidden' });
      await page.keyboard.press('Escape');
      await s2.getByRole('link', { name: 'Inventory' }).waitFor({ state: 'hidden' });
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'S2', 'Escape returns to the menu’s label');

      await sellers.locator('summary').click();
      await shoppers.click();
      await page.waitForURL((url) => url.hash === '#/sellers/shoppers');
      await waitForContent(page, 'table.sellers-shoppers tbody tr', problems);
      await shoppers.waitFor({ state: 'hidden' }); // navigating closes the menu
      assert.equal(await page.getAttribute('nav a[href="#/sellers/shoppers"]', 'aria-current'), 'page');
      assert.equal(await page.title(), 'Sellers Commerce shoppers · commerce-kit');
      // A click elsewhere closes an open menu.
      const stock2shop = groups.filter({ has: page.locator('summary', { hasText: 'Stock2Shop' }) });
      await stock2shop.locator('summary').click();
      await stock2shop.getByRole('link', { name: 'Channels' }).waitFor();
      await page.mouse.click(790, 760);
      await stock2shop.getByRole('link', { name: 'Channels' }).waitFor({ state: 'hidden' });
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });
});
