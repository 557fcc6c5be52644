// The package's Sellers Commerce code tables (sellersCodeTables), as the dashboard's
// format module reads them to show names instead of numbers: loaded in Node, no network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import init, { sellersCodeTables } from 'commerce-kit';

test('sellersCodeTables names the numbers an order carries', async () => {
  await init();
  const tables = new Map(sellersCodeTables().map((t) => [t.column, new Map(t.codes.map((c) => [c.value, c.name]))]));
  assert.equal(tables.get('CarrierId')?.get(8), 'FEDEX');
  assert.equal(tables.get('ServiceTypeId')?.get(20), 'First Overnight');
  assert.equal(tables.get('OrderStatusId')?.get(9), 'Shipped');
  assert.equal(tables.get('PaymentMethodId')?.get(31), 'Credit Card');
  assert.equal(tables.get('CarrierId')?.get(9), undefined, 'the document gives carrier 9 no name');
  assert.equal(tables.size, sellersCodeTables().length, 'one table per column');
});
