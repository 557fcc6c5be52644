// Compiles in a browser project and in a Node-only one (no DOM types): nothing here may
// need either environment's own types beyond fetch, URL and AbortSignal.
import init, { Client, CommerceKitError, type ClientOptions, type ErrorCode, type S2InventoryOverview, type PartnerProduct } from 'commerce-kit';
import initFromDisk from 'commerce-kit/node';

await init();
await initFromDisk();

const options: ClientOptions = {
  baseUrl: 'http://127.0.0.1:8080',
  timeoutMs: 5_000,
  headers: { cookie: 'commerce_session=abc' },
  fetch: (url, requestInit) => fetch(url, requestInit),
};
const client = new Client(options);
// The runtime's own fetch is a valid `fetch` option as it is.
new Client({ fetch });
// @ts-expect-error header values are strings
new Client({ headers: { cookie: 1 } });

const overview: S2InventoryOverview = await client.s2.getInventoryOverview({ signal: AbortSignal.timeout(1_000) });
const products: PartnerProduct[] = [];
for await (const product of client.s2Partner.listProducts({ limit: 5 })) {
  products.push(product);
}
try {
  // @ts-expect-error from_supplier_id is a number
  await client.s2Partner.createPurchaseOrder({ eta: '2026-01-01', from_supplier_id: 'one', to_warehouse_id: 'WH-1', items: [] });
} catch (error) {
  if (error instanceof CommerceKitError) {
    const code: ErrorCode = error.code;
    const notProxy: boolean = code === 'not_proxy' || code === 'not_initialised';
    console.log(code, notProxy, error.status, error.details);
  }
}
console.log(overview.warehouses.length, products.length);
