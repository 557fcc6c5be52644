// End to end: phone and accessibility on every page (issue 13, item 7), record pages
// and status-tab/filter states included. At 1280 and
// 390 px: axe-core finds no critical or serious violation, the page does not overflow
// sideways, it has one <h1>, and a screenshot is saved under target/screenshots/. Then
// the shell: the skip link, the Menu button on phones, arrow keys in the nav menus,
// and focusable, labelled scroll regions.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { assertClean, openPage as open, repo, until, USERS, useDashboard } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SCREENSHOTS = path.join(repo, 'target', 'screenshots');
const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];
/** Every page of the dashboard, by its hash path (the sign-in page is checked signed out). */
const PAGES = [
  '/inventory',
  '/fulfillment-orders/new',
  '/fulfillments',
  '/purchase-orders',
  '/suppliers',
  '/warehouses',
  '/supply',
  '/stock2shop/products',
  '/stock2shop/orders',
  '/stock2shop/sources',
  '/stock2shop/channels',
  '/sellers/products',
  '/sellers/orders',
  '/sellers/shoppers',
  '/sellers/categories',
  '/login',
  // Status tabs and filters (issue 13 items 3 and 4): a chosen tab, a filter applied.
  '/fulfillments?status=shipped',
  '/purchase-orders?status=pending',
  '/stock2shop/orders?status=ordered',
  '/stock2shop/products?q=keyboard',
  '/sellers/orders?status=9&filter=CarrierId%20eq%208',
];
/** Lists whose first row links to a record page (item 2); the addresses are read from the rows. */
const RECORD_LISTS = [
  { list: '/fulfillments', table: 'table.fulfillments' },
  { list: '/purchase-orders', table: 'table.purchase-orders' },
  { list: '/stock2shop/orders', table: 'table.stock2shop-orders' },
  { list: '/stock2shop/products', table: 'table.stock2shop-products' },
  { list: '/sellers/orders', table: 'table.sellers-orders' },
  { list: '/sellers/shoppers', table: 'table.sellers-shoppers' },
  { list: '/sellers/products', table: 'table.sellers-products' },
];

const env = useDashboard();

/** Waits until the page shows its content: an <h1>, no loading state, the network quiet. */
async function settle(page) {
  await page.waitForSelector('main h1');
  await page.waitForLoadState('networkidle');
  await until(async () => (await page.locator('main .loading').count()) === 0, 'the loading states to end');
}

/** axe-core run in the page (evaluate is not subject to the page's CSP, a script tag would be). */
async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}×: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
}

describe('accessibility and phone layout, every page', () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const records = [];
  before(async () => {
    const { page, problems, close, cspViolations } = await open(env, { user: USERS.operator });
    try {
      for (const { list, table } of RECORD_LISTS) {
        await page.goto(`${env.proxy.base}/#${list}`, { waitUntil: 'load' });
        await page.waitForSelector(`${table} a.record-link`);
        const href = await page.locator(`${table} a.record-link`).first().getAttribute('href');
        assert.match(href ?? '', new RegExp(`^#${list}/[^/]+$`), `${list}: a row links to its record`);
        records.push(href.slice(1));
      }
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });
  for (const size of WIDTHS) {
    test(`every page at ${size.width} px: no serious axe violation, no sideways overflow, one h1`, { timeout: 300_000 }, async () => {
      const failures = [];
      assert.equal(records.length, RECORD_LISTS.length, 'every record page is walked');
      for (const route of [...PAGES, ...records]) {
        const signedOut = route === '/login';
        const { page, problems, close, cspViolations } = await open(env, {
          user: signedOut ? null : USERS.operator,
          allow: signedOut ? [{ status: 401, path: '/auth/me' }] : [],
        });
        try {
          await page.setViewportSize({ width: size.width, height: size.height });
          await page.goto(`${env.proxy.base}/#${route}`, { waitUntil: 'load' });
          await settle(page);
          if (records.includes(route)) await page.waitForSelector('.record[data-state="loaded"]');
          const name = decodeURIComponent(route.slice(1)).replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '');
          await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${size.width}.png`), fullPage: true });

          const h1 = await page.locator('h1').count();
          if (h1 !== 1) failures.push(`${route}: ${h1} <h1> elements`);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          if (overflow > 0) {
            // Name the outermost elements that stick out, so a failure says where to look.
            const culprits = await page.evaluate((width) => {
              const out = [...document.querySelectorAll('main *')].filter((n) => n.getBoundingClientRect().right > width + 0.5);
              return out
                .filter((n) => !out.includes(n.parentElement))
                .slice(0, 3)
                .map((n) => `${n.tagName.toLowerCase()}${n.className ? '.' + String(n.className).trim().replaceAll(/\s+/g, '.') : ''} (right ${Math.round(n.getBoundingClientRect().right)})`);
            }, size.width);
            failures.push(`${route}: the page is ${overflow} px wider than the ${size.width} px viewport: ${culprits.join(', ')}`);
          }
          for (const v of await axeViolations(page)) failures.push(`${route}: ${v}`);
          await assertClean(problems, cspViolations);
        } finally {
          await close();
        }
      }
      assert.deepEqual(failures, [], failures.join('\n'));
    });
  }

  test('the skip link moves focus to the page content', { timeout: 60_000 }, async () => {
    const { page, problems, close, cspViolations } = await open(env, { user: USERS.operator });
    try {
      await page.goto(`${env.proxy.base}/#/warehouses`, { waitUntil: 'load' });
      await settle(page);
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'app');
      assert.match(page.url(), /#\/warehouses$/, 'the skip link does not change the route');
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('on a phone the nav folds behind a Menu button; arrow keys move in the menus', { timeout: 60_000 }, async () => {
    const { page, problems, close, cspViolations } = await open(env, { user: USERS.operator });
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${env.proxy.base}/#/inventory`, { waitUntil: 'load' });
      await settle(page);
      const menu = page.getByRole('button', { name: 'Menu' });
      assert.equal(await menu.getAttribute('aria-expanded'), 'false');
      assert.equal(await page.locator('#nav').isVisible(), false, 'the nav is folded');
      await menu.click();
      assert.equal(await menu.getAttribute('aria-expanded'), 'true');
      assert.equal(await page.locator('#nav').isVisible(), true);

      // Arrow keys: Right to the next menu's label, Down into its links, Down again.
      const labels = page.locator('#nav summary');
      await labels.nth(0).focus();
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'S2 Partner');
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), '#/fulfillments');
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), '#/purchase-orders');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      assert.match((await page.evaluate(() => document.activeElement?.getAttribute('href'))) ?? '', /#\//, 'Up wraps within the menu');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => !location.hash.startsWith('#/inventory'));
      assert.equal(await menu.getAttribute('aria-expanded'), 'false', 'following a link folds the nav');
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('a table that scrolls sideways is a labelled region the keyboard reaches', { timeout: 60_000 }, async () => {
    const { page, problems, close, cspViolations } = await open(env, { user: USERS.operator });
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${env.proxy.base}/#/fulfillments`, { waitUntil: 'load' });
      await settle(page);
      const wrap = page.locator('.table-wrap').first();
      assert.equal(await wrap.getAttribute('tabindex'), '0');
      assert.equal(await wrap.getAttribute('role'), 'region');
      assert.match((await wrap.getAttribute('aria-label')) ?? '', /\S/);
      const scrolls = await wrap.evaluate((n) => n.scrollWidth > n.clientWidth);
      assert.ok(scrolls, 'the fulfillments table scrolls sideways at 390 px');
      await wrap.focus();
      await page.keyboard.press('ArrowRight');
      await until(() => wrap.evaluate((n) => n.scrollLeft > 0), 'the arrow key to scroll the focused table');
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });
});
