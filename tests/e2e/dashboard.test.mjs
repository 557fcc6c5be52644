// End to end: the built dashboard (www/dist) served by the real proxy binary with its
// embedded mock, driven in headless Chromium through playwright-core.
//
//   npm --prefix www run build && cargo build -p commerce-proxy && npm --prefix tests run e2e
//
// The setup (proxy, browser, pages confined to 127.0.0.1, bounded waits) is in harness.mjs.
// Where the proxy has sign-in, each page signs in as the demo operator first.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, openPage as open, timer, until, USERS, useDashboard, waitForContent, WAIT_MS } from './harness.mjs';

const OVERVIEW = '/api/s2/inventory/overview';
/** The header the proxy puts on every vendor answer it relays: a faked answer without it is
 * (rightly) not the proxy's, and the client says `not_proxy`. */
const RELAYED = { 'x-upstream-attempts': '1' };
const UNKNOWN_PRODUCT_ID = '440352eb-241a-4cac-834f-e0980ffc888';

const env = useDashboard();

/** A page signed in as the demo operator (when the proxy has sign-in). */
const openPage = () => open(env, { user: USERS.operator });

/** The seed overview as the proxy serves it, parsed. */
const seedOverview = () => env.proxy.getJson(OVERVIEW);

/** Every warehouse section, as text. */
function readSections(page) {
  return page.$$eval('section.warehouse', (sections) =>
    sections.map((s) => ({
      name: s.querySelector('h3')?.textContent ?? '',
      place: s.querySelector('.warehouse-place')?.textContent ?? '',
      empty: s.querySelector('.empty')?.textContent ?? null,
      rows: [...s.querySelectorAll('tbody tr:not(.virtual-spacer)')].map((tr) => ({
        unknown: tr.classList.contains('unknown'),
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''),
      })),
    })),
  );
}

/** Waits for the tables; if the page shows an error view instead, fails with its text. */
const waitForTables = (page, problems) => waitForContent(page, 'section.warehouse table tbody tr:not(.virtual-spacer)', problems);

describe('dashboard: inventory page', () => {
  test('shows every warehouse with its levels joined to products', { timeout: 60_000 }, async () => {
    const { page, problems, close, cspViolations } = await openPage();
    try {
      const response = await page.goto(env.proxy.base + '/', { waitUntil: 'load' });
      assert.ok(response, 'no response for /');
      assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self' 'wasm-unsafe-eval'/, 'the proxy sent no CSP');
      await waitForTables(page, problems);
      await page.waitForSelector('.loading', { state: 'detached' });

      const sections = await readSections(page);
      const names = sections.map((s) => s.name);
      assert.ok(names.includes('test warehouse'), `warehouses shown: ${JSON.stringify(names)}`);
      assert.ok(names.includes('test Warehouse2'), `warehouses shown: ${JSON.stringify(names)}`);

      const first = sections.find((s) => s.name === 'test warehouse');
      assert.equal(first.place, 'Oakville, CA');
      assert.equal(first.rows.length, 5, 'one row per level of the warehouse');
      const headers = await page.$$eval('section.warehouse table thead th', (ths) => ths.slice(0, 5).map((th) => th.textContent));
      assert.deepEqual(headers, ['Product', 'SKU', 'Available', 'Incoming', 'Reserved']);

      // cells: Product, SKU, Available (with its stock state in words), Incoming, Reserved, Updated
      const bySku = (sku) => first.rows.find((r) => r.cells[1] === sku);
      const black = bySku('TEST-BLACK');
      assert.ok(black, `no TEST-BLACK row in ${JSON.stringify(first.rows)}`);
      assert.deepEqual(black.cells.slice(0, 5), ['SKU Black', 'TEST-BLACK', '0 out', '0', '-13']);
      assert.match(black.cells[5], /\b2024\b.*\b(UTC|GMT)/, 'the time of the level, with its zone');
      assert.equal(black.unknown, false);
      const testSku = bySku('test');
      assert.ok(testSku, `no "test" row in ${JSON.stringify(first.rows)}`);
      assert.deepEqual(testSku.cells.slice(0, 5), ['Test Product', 'test', '0 out', '0', '-2']);

      const unknown = first.rows.find((r) => r.cells[0].includes(UNKNOWN_PRODUCT_ID));
      assert.ok(unknown, `no row for unknown product ${UNKNOWN_PRODUCT_ID}`);
      assert.equal(unknown.unknown, true, 'an unknown product row has class "unknown"');
      assert.equal(unknown.cells[1], '—');
      assert.deepEqual(unknown.cells.slice(2, 5), ['11', '0', '-7']);
      assert.equal(first.rows.filter((r) => r.unknown).length, 3, 'three levels reference unknown products');

      const second = sections.find((s) => s.name === 'test Warehouse2');
      assert.equal(second.rows.length, 0);
      assert.equal(second.empty, 'No inventory levels');

      assert.equal(await page.locator('.banner.drift').count(), 0, 'no drift banner for the seed');
      assert.equal(await page.title(), 'Inventory · commerce-kit');
      assert.equal(await page.getAttribute('nav a[href="#/inventory"]', 'aria-current'), 'page');
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('shows the validation error of a malformed response', { timeout: 60_000 }, async () => {
    const seed = await seedOverview();
    // The envelope itself is wrong (a list that is not a list): the call fails.
    seed.items = { first: seed.items[0] };
    const body = JSON.stringify(seed);
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.route('**' + OVERVIEW, (r) => r.fulfill({ status: 200, headers: RELAYED, contentType: 'application/json', body }));
      await page.goto(env.proxy.base + '/#/inventory', { waitUntil: 'load' });
      const error = page.locator('.error');
      await error.waitFor();
      assert.equal(await error.getAttribute('data-code'), 'invalid_response');
      const text = await error.textContent();
      assert.ok(text.includes('$.items: expected array, found object'), `error view text: ${text}`);
      assert.equal(await page.locator('section.warehouse').count(), 0, 'no tables next to the error');
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('a record with a wrong value is left out and listed; the rest of the page shows (issue 9)', { timeout: 60_000 }, async () => {
    const seed = await seedOverview();
    seed.items[1].level.available = '11';
    const body = JSON.stringify(seed);
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.route('**' + OVERVIEW, (r) => r.fulfill({ status: 200, headers: RELAYED, contentType: 'application/json', body }));
      await page.goto(env.proxy.base + '/#/inventory', { waitUntil: 'load' });
      const notice = page.locator('details.rejected');
      await notice.waitFor();
      assert.equal(await page.locator('.error').count(), 0);
      assert.ok((await page.locator('section.warehouse').count()) > 0, 'the tables are shown');
      await notice.locator('summary').click();
      const text = (await notice.textContent()) ?? '';
      assert.ok(text.includes('1 record could not be read'), text);
      assert.ok(text.includes('$.items[1].level.available: expected integer, found string "11"'), text);
      assert.ok(text.includes('"available":"11"'), text);
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('loading state, Reload aborts the request in flight, drift banner is dismissible', { timeout: 60_000 }, async () => {
    const seed = await seedOverview();
    seed.pageInfo = { total: seed.items.length };
    seed.items[2].level.allocated = 3;
    const body = JSON.stringify(seed);
    const { page, problems, close, cspViolations } = await openPage();
    let release;
    const held = new Promise((resolve) => (release = resolve));
    let calls = 0;
    try {
      await page.route('**' + OVERVIEW, async (r) => {
        calls += 1;
        if (calls === 1) {
          // Hold the first request until the test lets go (bounded), so Reload finds it in flight.
          await Promise.race([held, timer(WAIT_MS)]);
          await r.fulfill({ status: 200, headers: RELAYED, contentType: 'application/json', body: '{}' }).catch(() => {});
          return;
        }
        await r.fulfill({ status: 200, headers: RELAYED, contentType: 'application/json', body });
      });
      await page.goto(env.proxy.base + '/', { waitUntil: 'load' });
      // (the boot placeholder 'Starting…' shares the class until the wasm is loaded)
      await page.locator('.loading', { hasText: 'Loading inventory…' }).waitFor();
      await until(() => calls === 1, 'the first overview request');

      const aborted = page.waitForEvent('requestfailed', { predicate: (r) => r.url().endsWith(OVERVIEW), timeout: WAIT_MS });
      await page.getByRole('button', { name: 'Reload' }).click();
      const failed = await aborted;
      assert.match(failed.failure()?.errorText ?? '', /abort/i, 'Reload aborts the request in flight');
      await waitForTables(page, problems);
      assert.equal(calls, 2);
      release();
      // The held first answer ('{}', which would be an error) must not replace the good one.
      await timer(300);
      assert.equal(await page.locator('.error').count(), 0, 'the aborted request left an error view');
      assert.equal(await page.locator('section.warehouse').count(), 2);

      const banner = page.locator('.banner.drift');
      await banner.waitFor();
      const bannerText = await banner.textContent();
      assert.ok(bannerText.includes('$.pageInfo'), bannerText);
      assert.ok(bannerText.includes('$.items[2].level.allocated'), bannerText);
      await banner.getByRole('button', { name: /dismiss/i }).click();
      await banner.waitFor({ state: 'detached' });
      await assertClean(problems, cspViolations);
    } finally {
      release?.();
      await close();
    }
  });
});
