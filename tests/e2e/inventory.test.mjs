// End to end: the inventory page answers stock questions (issue 13, item 1): a search by
// SKU or name, a SKU × warehouse matrix with per-SKU totals, sortable columns
// (aria-sort), a low-stock threshold kept in the URL and in localStorage, stock states
// in words, a chart per warehouse with its numbers as a table, and Cancel while loading.
// Against the embedded mock's seed overview (2 warehouses, 5 levels).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, openPage as open, timer, until, USERS, useDashboard, waitForContent, WAIT_MS } from './harness.mjs';

const OVERVIEW = '/api/s2/inventory/overview';
const env = useDashboard();
const openPage = () => open(env, { user: USERS.operator });

/** The matrix's drawn rows as cell texts (spacer rows left out). */
const matrixRows = (page) =>
  page.$$eval('table.stock-matrix tbody tr[aria-rowindex]', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
  );
const matrixHeaders = (page) => page.$$eval('table.stock-matrix thead th', (ths) => ths.map((th) => th.textContent?.trim() ?? ''));
const waitForMatrix = (page, problems) => waitForContent(page, 'table.stock-matrix tbody tr[aria-rowindex]', problems);

describe('inventory: stock by SKU', () => {
  test('matrix with per-SKU totals, search, sort, stock states in words', { timeout: 90_000 }, async () => {
    const seed = await env.proxy.getJson(OVERVIEW);
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.goto(env.proxy.base + '/#/inventory', { waitUntil: 'load' });
      await waitForMatrix(page, problems);
      const headers = await matrixHeaders(page);
      assert.deepEqual(headers, ['SKU', 'Product', 'test warehouse', 'test Warehouse2', 'Total available', 'Incoming', 'Reserved']);

      // One row per product that has a level; totals are the sums over warehouses.
      const rows = await matrixRows(page);
      const products = new Set(seed.items.map((i) => i.level.productId));
      assert.equal(rows.length, products.size);
      const black = rows.find((r) => r[0] === 'TEST-BLACK');
      assert.deepEqual(black, ['TEST-BLACK', 'SKU Black', '0 out', '—', '0 out', '0', '-13'], 'no level in Warehouse2 is "—", not 0');
      const seventeen = rows.find((r) => r[2] === '17');
      assert.ok(seventeen, `a row with 17 available: ${JSON.stringify(rows)}`);
      assert.equal(seventeen[0], 'unknown product');
      assert.ok(rows.some((r) => r[2] === '9 low'), `9 is low at the default threshold 10: ${JSON.stringify(rows)}`);
      // 0 and 17 differ in more than colour: the word "out", and a class for the style.
      assert.equal(await page.locator('table.stock-matrix .stock-out').first().locator('.stock-flag').textContent(), 'out');

      // Sort: a click sorts ascending, a second descending; aria-sort says so; the URL keeps it.
      const total = page.locator('table.stock-matrix thead th', { hasText: 'Total available' });
      assert.equal(await total.getAttribute('aria-sort'), 'none');
      await total.getByRole('button').click();
      assert.equal(await total.getAttribute('aria-sort'), 'ascending');
      const ascending = (await matrixRows(page)).map((r) => Number.parseInt(r[4], 10));
      assert.deepEqual(ascending, [...ascending].sort((a, b) => a - b));
      await total.getByRole('button').click();
      assert.equal(await total.getAttribute('aria-sort'), 'descending');
      assert.equal((await matrixRows(page))[0][4], '17');
      assert.match(page.url(), /sort=available-descending/);

      // Search by SKU or name (any case), kept in the URL; the chart table follows it.
      await page.getByLabel('Search SKU or name').fill('black');
      await until(async () => (await matrixRows(page)).length === 1, 'the search to leave one row');
      assert.equal((await matrixRows(page))[0][0], 'TEST-BLACK');
      assert.match(page.url(), /q=black/);
      assert.match((await page.locator('.match-count').textContent()) ?? '', /1 of 5 SKUs · 1 out of stock/);
      await page.getByLabel('Search SKU or name').fill('TEST');
      await until(async () => (await matrixRows(page)).length === 2, 'two rows for "TEST" (TEST-BLACK, test)');
      // A level of a product missing from the product list is found by its product id.
      await page.getByLabel('Search SKU or name').fill('440352eb-241a-4cac-834f-e0980ffc888');
      await until(async () => (await matrixRows(page)).length === 1, 'one row for an unknown product id');
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('the low-stock threshold is in the URL and remembered in localStorage', { timeout: 90_000 }, async () => {
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.goto(env.proxy.base + '/#/inventory?low=12', { waitUntil: 'load' });
      await waitForMatrix(page, problems);
      assert.equal(await page.getByLabel('Low stock at or below').inputValue(), '12');
      assert.ok((await matrixRows(page)).some((r) => r[2] === '11 low'), '11 is low at 12');

      await page.getByLabel('Low stock at or below').fill('5');
      await until(async () => !(await matrixRows(page)).some((r) => r[2] === '11 low'), '11 to be no longer low');
      assert.ok((await matrixRows(page)).some((r) => r[2] === '9'), '9 is not low at 5');
      assert.match(page.url(), /low=5/);
      assert.equal(await page.evaluate(() => localStorage.getItem('commerce-kit.inventory.low-stock')), '5');

      // Not a number: said by the field, and the last good threshold stays.
      await page.getByLabel('Low stock at or below').fill('');
      await page.getByLabel('Low stock at or below').pressSequentially('-');
      assert.equal(await page.getByLabel('Low stock at or below').getAttribute('aria-invalid'), 'true');
      assert.match((await page.locator('#inventory-low-error').textContent()) ?? '', /whole number/);

      // Without `low` in the URL, the remembered one.
      await page.goto(env.proxy.base + '/#/warehouses', { waitUntil: 'load' });
      await page.goto(env.proxy.base + '/#/inventory', { waitUntil: 'load' });
      await waitForMatrix(page, problems);
      assert.equal(await page.getByLabel('Low stock at or below').inputValue(), '5');
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('a chart per warehouse, with its numbers as a table; negative reserved shown', { timeout: 90_000 }, async () => {
    const seed = await env.proxy.getJson(OVERVIEW);
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.goto(env.proxy.base + '/#/inventory', { waitUntil: 'load' });
      await waitForMatrix(page, problems);
      const first = seed.warehouses.find((w) => w.name === 'test warehouse');
      const levels = seed.items.filter((i) => i.warehouseId === first.id).map((i) => i.level);
      const sum = (key) => levels.reduce((n, l) => n + l[key], 0);
      assert.ok(sum('reserved') < 0, 'the seed has a negative reserved total');

      const canvas = page.locator('canvas.stock-chart[role="img"]');
      await until(async () => ((await canvas.getAttribute('aria-label')) ?? '').includes('test warehouse:'), 'the chart to be drawn');
      const label = await canvas.getAttribute('aria-label');
      assert.ok(label.includes(`test warehouse: ${sum('available')} available, ${sum('incoming')} incoming, ${sum('reserved')} reserved`), label);
      // Chart.js drew into the canvas (not a blank one).
      const inked = await canvas.evaluate((c) => {
        const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n += 1;
        return n;
      });
      assert.ok(inked > 500, `the canvas has ${inked} painted pixels`);

      await page.locator('.chart-data summary').click();
      const row = await page.$$eval('table.chart-numbers tbody tr', (trs) =>
        trs.map((tr) => [...tr.children].map((c) => ({ text: c.textContent?.trim(), negative: !!c.querySelector('.negative') }))),
      );
      const firstRow = row.find((r) => r[0].text === 'test warehouse');
      assert.deepEqual(
        firstRow.map((c) => c.text),
        ['test warehouse', String(sum('available')), String(sum('incoming')), String(sum('reserved'))],
      );
      assert.equal(firstRow[3].negative, true, 'a negative reserved total is marked');
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('times are shown in the viewer\'s zone, with the zone named', { timeout: 90_000 }, async () => {
    const seed = await env.proxy.getJson(OVERVIEW);
    const black = seed.products.find((p) => p.sku === 'TEST-BLACK');
    const level = seed.items.find((i) => i.level.productId === black.id).level;
    const { page, problems, close, cspViolations } = await open(env, { user: USERS.operator, timezoneId: 'Asia/Tokyo' });
    try {
      await page.goto(env.proxy.base + '/#/inventory', { waitUntil: 'load' });
      await waitForContent(page, 'section.warehouse table tbody tr[aria-rowindex]', problems);
      const cell = page.locator('section.warehouse tbody tr', { hasText: 'TEST-BLACK' }).locator('td.time time');
      const expected = new Intl.DateTimeFormat('en-US', {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZoneName: 'short',
        timeZone: 'Asia/Tokyo',
      }).format(new Date(level.updatedAt));
      const plain = (text) => text.replace(/\s+/g, ' ').trim();
      assert.equal(plain(await cell.textContent()), plain(expected));
      assert.match(await cell.textContent(), /GMT\+9/, 'the zone is named');
      assert.equal(await cell.getAttribute('title'), level.updatedAt, 'the raw value stays at hand');
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('Cancel stops a load in flight (AbortSignal) and offers to load again', { timeout: 90_000 }, async () => {
    const { page, problems, close, cspViolations } = await openPage();
    let release;
    const held = new Promise((resolve) => (release = resolve));
    try {
      let calls = 0;
      await page.route('**' + OVERVIEW, async (r) => {
        calls += 1;
        if (calls === 1) {
          await Promise.race([held, timer(WAIT_MS)]);
          await r.abort().catch(() => {});
          return;
        }
        await r.fallback();
      });
      await page.goto(env.proxy.base + '/#/inventory', { waitUntil: 'load' });
      await page.locator('.loading', { hasText: 'Loading inventory…' }).waitFor();
      await until(() => calls === 1, 'the overview request');
      const aborted = page.waitForEvent('requestfailed', { predicate: (r) => r.url().endsWith(OVERVIEW), timeout: WAIT_MS });
      await page.getByRole('button', { name: 'Cancel' }).click();
      assert.match((await aborted).failure()?.errorText ?? '', /abort/i);
      await page.getByText('Loading was cancelled.').waitFor();
      assert.equal(await page.locator('.error').count(), 0, 'a cancel is not an error');
      await page.getByRole('button', { name: 'Load inventory' }).click();
      await waitForMatrix(page, problems);
      await assertClean(problems, cspViolations);
    } finally {
      release?.();
      await close();
    }
  });
});
