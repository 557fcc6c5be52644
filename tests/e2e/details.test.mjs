// End to end: a record's own page, at an address a list row links to (issue 13, item 2):
// an S2 Partner fulfillment (items, shipments, tracking numbers) and purchase order
// (lines), a Stock2Shop order and product (variants), a Sellers Commerce order, shopper
// and product. Each is compared with what the proxy serves; each address works when
// opened directly (a reload, a link sent to a colleague).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import init, { sellersCodeTables } from 'commerce-kit';
import { assertClean, openPage as open, USERS, useDashboard, waitForContent } from './harness.mjs';

const env = useDashboard();
const openPage = (allow = []) => open(env, { user: USERS.operator, allow });

/** The text of each cell of `table`'s body rows. */
const cells = (page, table) =>
  page.$$eval(`${table} tbody tr`, (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));

/** The facts of a record page as { term: value }. */
const factsOf = (page) =>
  page.$$eval('dl.facts .fact', (divs) => Object.fromEntries(divs.map((d) => [d.querySelector('dt')?.textContent ?? '', d.querySelector('dd')?.textContent?.trim() ?? ''])));

describe('dashboard: record pages', () => {
  test('a fulfillment row links to its page: items, shipments and tracking numbers as the API has them', { timeout: 60_000 }, async () => {
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.goto(`${env.proxy.base}/#/fulfillments`, { waitUntil: 'load' });
      await waitForContent(page, 'table.fulfillments tbody tr', problems);
      // A row with a tracking number: the list's first shipped one, read by id from the API.
      const ids = await page.$$eval('table.fulfillments a.record-link', (as) => as.map((a) => a.textContent));
      const listed = (await env.proxy.getJson(`/api/s2_partner/fulfillment?id_list=${ids.join(',')}`)).items;
      const shipped = listed.find((f) => f.shipments.some((s) => s.tracking_numbers.length > 0));
      assert.ok(shipped, 'the first page has a fulfillment with a tracking number');
      await page.locator('table.fulfillments a.record-link', { hasText: new RegExp(`^${shipped.id}$`) }).click();
      await page.waitForURL(`**/#/fulfillments/${shipped.id}`);
      await waitForContent(page, '.record[data-state="loaded"]', problems);
      assert.equal(await page.locator('h1').textContent(), `Fulfillment ${shipped.id}`);
      const facts = await factsOf(page);
      assert.equal(facts['Status'], shipped.status);
      assert.equal(facts['Recipient'], shipped.name);
      assert.equal(facts['Warehouse'], shipped.fulfillment_warehouse_id);
      assert.deepEqual(await cells(page, 'table.fulfillment-items'), shipped.items.map((i) => [i.sku, String(i.quantity)]));
      const shipments = await cells(page, 'table.fulfillment-shipments');
      assert.deepEqual(shipments.map((r) => r[0]), shipped.shipments.map((s) => String(s.id)));
      assert.deepEqual(shipments.map((r) => r[2]), shipped.shipments.map((s) => s.carrier_id || '—'));
      const tracking = await page.$$eval('table.fulfillment-shipments ul.tracking-numbers li', (lis) => lis.map((li) => li.textContent));
      assert.deepEqual(tracking, shipped.shipments.flatMap((s) => s.tracking_numbers));
      // The list's nav link is marked while its record shows; the back link returns to it.
      assert.equal(await page.locator('a.nav-link[aria-current="page"]').getAttribute('href'), '#/fulfillments');
      await page.locator('a.back-link').click();
      await waitForContent(page, 'table.fulfillments tbody tr', problems);
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('a fulfillment page opened directly by its address; an unknown id says there is none', { timeout: 60_000 }, async () => {
    const first = await env.proxy.getJson('/api/s2_partner/fulfillment');
    const last = first.items[first.items.length - 1];
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.goto(`${env.proxy.base}/#/fulfillments/${last.id}`, { waitUntil: 'load' });
      await waitForContent(page, '.record[data-state="loaded"]', problems);
      assert.equal((await factsOf(page))['Recipient'], last.name);
      await page.goto(`${env.proxy.base}/#/fulfillments/999999999`, { waitUntil: 'load' });
      await waitForContent(page, '.record[data-state="missing"]', problems);
      assert.equal(await page.locator('.record .empty').textContent(), 'There is no fulfillment 999999999.');
      await page.goto(`${env.proxy.base}/#/fulfillments/abc`, { waitUntil: 'load' });
      await waitForContent(page, '.record[data-state="missing"]', problems);
      assert.match(await page.locator('.record .empty').textContent(), /“abc” is not a fulfillment id/);
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('a purchase order row links to its page, which lists its lines by SKU', { timeout: 60_000 }, async () => {
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.goto(`${env.proxy.base}/#/purchase-orders`, { waitUntil: 'load' });
      await waitForContent(page, 'table.purchase-orders tbody tr', problems);
      const ids = await page.$$eval('table.purchase-orders a.record-link', (as) => as.map((a) => a.textContent));
      const [listed] = await env.proxy.getJson(`/api/s2_partner/purchase-order?id_list=${ids.join(',')}`);
      const order = listed.items.find((p) => p.items.length > 1) ?? listed.items[0];
      await page.locator('table.purchase-orders a.record-link', { hasText: new RegExp(`^${order.id}$`) }).click();
      await page.waitForURL(`**/#/purchase-orders/${order.id}`);
      await waitForContent(page, '.record[data-state="loaded"]', problems);
      const lines = await cells(page, 'table.purchase-order-lines');
      assert.deepEqual(
        lines.map((r) => r.slice(0, 3)),
        order.items.map((i) => [i.sku, i.quantity.toLocaleString('en-US'), i.completed_quantity.toLocaleString('en-US')]),
      );
      assert.equal((await factsOf(page))['To warehouse'], order.to_warehouse_id);
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('Stock2Shop: an order row and a product row link to their pages (lines; variants by SKU)', { timeout: 90_000 }, async () => {
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.goto(`${env.proxy.base}/#/stock2shop/orders`, { waitUntil: 'load' });
      await waitForContent(page, 'table.stock2shop-orders tbody tr', problems);
      const [row] = await cells(page, 'table.stock2shop-orders');
      const orderId = row[0];
      await page.locator('table.stock2shop-orders a.record-link').first().click();
      await page.waitForURL(`**/#/stock2shop/orders/${orderId}`);
      await waitForContent(page, '.record[data-state="loaded"]', problems);
      assert.equal(await page.locator('h1').textContent(), `Stock2Shop order ${orderId}`);
      assert.equal(await page.locator('.record .order-details table caption', { hasText: 'Lines' }).count(), Number(row[5]) > 0 ? 1 : 0);

      await page.goto(`${env.proxy.base}/#/stock2shop/products`, { waitUntil: 'load' });
      await waitForContent(page, 'table.stock2shop-products tbody tr', problems);
      const skuTitle = await page.locator('table.stock2shop-products tbody tr').first().locator('td.sku span').first().getAttribute('title');
      const productId = (await cells(page, 'table.stock2shop-products'))[0][0];
      await page.locator('table.stock2shop-products a.record-link').first().click();
      await page.waitForURL(`**/#/stock2shop/products/${productId}`);
      await waitForContent(page, '.record[data-state="loaded"]', problems);
      const variantSkus = (await cells(page, 'table.product-variants')).map((r) => r[0]).filter((s) => s !== '—');
      assert.deepEqual(variantSkus.join(', '), skuTitle ?? '');
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('Sellers Commerce: order, shopper and product rows link to pages read with get/{key}', { timeout: 90_000 }, async () => {
    const { page, problems, close, cspViolations } = await openPage();
    try {
      for (const { list, table, term } of [
        { list: '/sellers/orders', table: 'table.sellers-orders', term: 'Order number' },
        { list: '/sellers/shoppers', table: 'table.sellers-shoppers', term: 'Username' },
        { list: '/sellers/products', table: 'table.sellers-products', term: 'Product code' },
      ]) {
        await page.goto(`${env.proxy.base}/#${list}`, { waitUntil: 'load' });
        await waitForContent(page, `${table} tbody tr`, problems);
        const link = page.locator(`${table} a.record-link`).first();
        const key = (await link.textContent())?.trim() ?? '';
        await link.click();
        await page.waitForURL(`**/#${list}/${encodeURIComponent(key)}`);
        await waitForContent(page, '.record[data-state="loaded"]', problems);
        assert.equal((await factsOf(page))[term], key, `${list}: the page shows the record the row named`);
      }
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });
  test('record pages outside inventory show times in the viewer\'s zone, named, and codes by name', { timeout: 90_000 }, async () => {
    // Issue 13 item 8: one formatting everywhere. Tokyo is never the test machine's zone
    // by accident of a UTC default, so "GMT+9" can only come from the viewer's zone.
    await init();
    const carriers = new Map(sellersCodeTables().find((t) => t.column === 'CarrierId').codes.map((c) => [c.value, c.name]));
    const tokyo = new Intl.DateTimeFormat('en-US', {
      year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short', timeZone: 'Asia/Tokyo',
    });
    const plain = (text) => (text ?? '').replace(/\s+/g, ' ').trim();
    const { page, problems, close, cspViolations } = await open(env, { user: USERS.operator, timezoneId: 'Asia/Tokyo' });
    try {
      // A Sellers Commerce order: placed time and carrier.
      await page.goto(`${env.proxy.base}/#/sellers/orders`, { waitUntil: 'load' });
      await waitForContent(page, 'table.sellers-orders tbody tr', problems);
      await page.locator('table.sellers-orders a.record-link').first().click();
      await waitForContent(page, '.record[data-state="loaded"]', problems);
      const placed = page.locator('dl.facts .fact', { hasText: 'Placed' }).locator('dd time');
      const raw = await placed.getAttribute('title');
      assert.equal(plain(await placed.textContent()), plain(tokyo.format(new Date(raw))), `placed ${raw} in Tokyo time`);
      assert.match(await placed.textContent(), /GMT\+9/, 'the zone is named');
      const carrier = page.locator('dl.facts .fact', { hasText: 'Carrier' }).locator('dd span');
      const code = Number(/CarrierId (\d+)/.exec((await carrier.getAttribute('title')) ?? '')?.[1]);
      assert.ok(carriers.has(code), `the mock order's carrier ${code} has a name in the package's table`);
      assert.equal(plain(await carrier.textContent()), carriers.get(code), 'the carrier is shown by its name');

      // The Sellers Commerce order list: the carrier column names too.
      await page.goto(`${env.proxy.base}/#/sellers/orders`, { waitUntil: 'load' });
      await waitForContent(page, 'table.sellers-orders tbody tr', problems);
      const listed = await page.$$eval('table.sellers-orders tbody td.carrier span', (spans) => spans.map((s) => s.textContent));
      assert.ok(listed.length > 0 && listed.every((name) => !/^\d+$/.test(name ?? '')), `carriers by name: ${listed.join(', ')}`);

      // An S2 Partner fulfillment and a Stock2Shop order (zone-less time, read as UTC).
      for (const { list, table } of [
        { list: '/fulfillments', table: 'table.fulfillments' },
        { list: '/stock2shop/orders', table: 'table.stock2shop-orders' },
      ]) {
        await page.goto(`${env.proxy.base}/#${list}`, { waitUntil: 'load' });
        await waitForContent(page, `${table} tbody tr`, problems);
        const time = page.locator(`${table} tbody time`).first();
        assert.match(await time.textContent(), /GMT\+9/, `${list}: the zone is named`);
        const title = (await time.getAttribute('title')) ?? '';
        const value = title.replace(/ \(no zone given: read as UTC\)$/, '');
        const at = /^\d{4}-\d\d-\d\d \d\d:\d\d/.test(value) ? new Date(value.replace(' ', 'T') + 'Z') : new Date(value);
        assert.equal(plain(await time.textContent()), plain(tokyo.format(at)), `${list}: ${title} in Tokyo time`);
        if (list.startsWith('/stock2shop')) assert.match(title, /no zone given: read as UTC/, 'a zone-less time says how it was read');
      }
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });
});
