// End to end, issue 9: a list answer with one record that cannot be read used to blank
// the page with an error. Now the page shows the other records and "1 record could not
// be read", whose details name the record, the error's path and the raw record. One
// list page per vendor, with the mock's `corrupt_record` switch (mock/src/faults.rs) on
// that page's operation: the first record's first scalar field becomes an object.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, openPage, USERS, useDashboard, waitForContent } from './harness.mjs';

const env = useDashboard({ mockControls: true });

const rowCount = (page, selector) => page.$$eval(`${selector} tbody tr:not(.virtual-spacer)`, (trs) => trs.length);

/**
 * Loads `route` whole, then with `operation` corrupted: the same table less what the
 * first record showed, and the notice with its details.
 */
async function checkPartial({ route, table, operation, list, fewerRows }) {
  const { page, problems, close, cspViolations } = await openPage(env, { user: USERS.operator });
  try {
    await env.proxy.setMockFaults({});
    await page.goto(env.proxy.base + `/#${route}`, { waitUntil: 'load' });
    await waitForContent(page, `${table} tbody tr:not(.virtual-spacer)`, problems);
    const whole = await rowCount(page, table);
    assert.equal(await page.locator('.rejected').count(), 0, 'no notice while every record reads');

    await env.proxy.setMockFaults({ corrupt_record: operation });
    await page.locator('button.reload').click();
    const notice = page.locator('details.rejected');
    await notice.waitFor();
    await waitForContent(page, `${table} tbody tr:not(.virtual-spacer)`, problems);
    assert.equal((await notice.locator('summary').textContent())?.trim(), '1 record could not be read (the rest of the list is shown)');
    const partial = await rowCount(page, table);
    if (fewerRows) assert.equal(partial, whole - 1, 'the other records are all shown');
    else assert.ok(partial > 0, 'the other records are shown');

    // The details: which record of which list, what is wrong where, the raw record.
    assert.equal(await notice.locator('.rejected-record').isVisible(), false, 'closed until asked');
    await notice.locator('summary').click();
    const record = notice.locator('.rejected-record');
    assert.equal(await record.count(), 1);
    assert.equal(await record.getAttribute('data-index'), '0');
    assert.match((await record.locator('p').first().textContent()) ?? '', new RegExp(`Record 0 of ${list.replace(/[$.[\]]/g, '\\$&')}$`));
    const error = (await record.locator('.error-lines li').first().textContent()) ?? '';
    assert.ok(error.startsWith(`${list}[0].`) && error.includes('found object'), error);
    const raw = JSON.parse((await record.locator('pre.raw').textContent()) ?? '');
    assert.ok(JSON.stringify(raw).includes('"corrupted":true'), JSON.stringify(raw));
    await assertClean(problems, cspViolations);
  } finally {
    await env.proxy.setMockFaults({});
    await close();
  }
}

describe('dashboard: a list with a record that cannot be read', () => {
  test('S2 Partner warehouses (a top-level array)', { timeout: 60_000 }, () =>
    checkPartial({ route: '/warehouses', table: 'table.warehouses', operation: 's2_partner.list_warehouses', list: '$', fewerRows: true }));

  test('S2 inventory (lists inside the overview)', { timeout: 60_000 }, () =>
    checkPartial({ route: '/inventory', table: 'table', operation: 's2.get_inventory_overview', list: '$.warehouses', fewerRows: false }));

  test('Stock2Shop channels (system_channels)', { timeout: 60_000 }, () =>
    checkPartial({ route: '/stock2shop/channels', table: 'table.stock2shop-channels', operation: 'stock2shop.list_channels', list: '$.system_channels', fewerRows: true }));

  test('Sellers Commerce products (OData list)', { timeout: 60_000 }, () =>
    checkPartial({ route: '/sellers/products', table: 'table.sellers-products', operation: 'sellers_commerce.product_getall', list: '$', fewerRows: true }));
});
