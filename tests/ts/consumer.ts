// A strict TypeScript consumer of the built package (pkg/). It is only type-checked
// (`npm --prefix tests run typecheck`), never run. Each `@ts-expect-error` line is a
// wrong use the package's types must reject: if one stops being an error, tsc fails.

import init, { Client, CommerceKitError, ResponseDecoder, decodeResponse, endpoints, validateResponse } from 'commerce-kit';
import type {
  S2Address,
  Checked,
  PagedIterable,
  RejectedRecord,
  CallOptions,
  ClientOptions,
  S2CreateOutcome,
  S2FulfillmentMethod,
  S2FulfillmentOrder,
  InventorySupplyParams,
  S2NewFulfillmentOrder,
  NewPartnerFulfillment,
  NewPartnerPurchaseOrder,
  S2OrderType,
  PartnerFulfillment,
  PartnerFulfillmentItem,
  PartnerFulfillmentPage,
  PartnerInventorySupply,
  PartnerProduct,
  PartnerProductPage,
  PartnerPurchaseOrder,
  PartnerPurchaseOrderPage,
  PartnerShipment,
  PartnerSupplier,
  PartnerWarehouse,
  EsBoolQuery,
  EsSearch,
  SellersCategory,
  SellersODataParams,
  SellersObject,
  SellersOrder,
  SellersOrderStatusUpdate,
  SellersProduct,
  SellersShopper,
  SellersStatusResponse,
  SystemChannel,
  SystemOrderSearch,
  SystemProduct,
  SystemProductSearch,
  SystemSource,
  SessionUser,
  DriftReport,
  EndpointInfo,
  ErrorCode,
  ErrorDetails,
  FieldError,
  OperationId,
  ResponseOf,
  S2InventoryOverview,
  S2Item,
  S2Level,
  S2Product,
  ValidationIssue,
  ValidationReport,
  S2Warehouse,
} from 'commerce-kit';

/** Compile-time equality of two types. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

export async function inventory(): Promise<string[]> {
  await init();
  const drifts: string[] = [];
  const options: ClientOptions = {
    baseUrl: '',
    timeoutMs: 10_000,
    onDrift: (drift: DriftReport) => {
      const operation: string = drift.operation;
      drifts.push(operation, ...drift.paths);
    },
  };
  const client = new Client(options);
  const controller = new AbortController();
  const call: CallOptions = { signal: controller.signal, timeoutMs: 5_000 };
  const overview: S2InventoryOverview = await client.getInventoryOverview(call);

  // Field access through the declared shape.
  const available: number = overview.items[0].level.available;
  const reserved: number = overview.items[0].level.reserved;
  const warehouse: S2Warehouse = overview.warehouses[0];
  const country: string = warehouse.address.countryId;
  const product: S2Product = overview.products[0];
  const sku: string = product.sku;
  const brand: string = product.brand.name;
  const otherIds: string[] = product.otherIds;
  const item: S2Item = overview.items[0];
  const level: S2Level = item.level;
  const productId: string = level.productId;
  assertType<Equal<typeof overview.items, S2Item[]>>();
  assertType<Equal<S2InventoryOverview['warehouses'][number]['dropshipper'], boolean>>();

  // Wrong uses.
  // @ts-expect-error misspelled field
  overview.items[0].level.avaliable;
  // @ts-expect-error a number is not a string
  const s: string = overview.items[0].level.available;
  // @ts-expect-error baseUrl is a string
  new Client({ baseUrl: 42 });
  // @ts-expect-error there is no such method
  await client.getInventory();
  // @ts-expect-error signal must be an AbortSignal
  await client.getInventoryOverview({ signal: 'soon' });
  // @ts-expect-error unknown option
  new Client({ baseURL: '' });
  // @ts-expect-error products are not levels
  const wrong: S2Level = overview.products[0];
  // @ts-expect-error warehouses have no `city` of their own (it is address.city)
  warehouse.city;

  return [String(available + reserved), country, sku, brand, productId, ...otherIds, ...drifts, String(s), String(wrong)];
}

/** Narrowing a rejection to CommerceKitError, then on its code. */
export function describe(e: unknown): string {
  if (!(e instanceof CommerceKitError)) return e instanceof Error ? e.message : String(e);
  const status: number | null = e.status;
  const details: ErrorDetails = e.details;
  // @ts-expect-error details is a union: narrow it by its code before use
  details.issues;
  // @ts-expect-error not an ErrorCode
  const bogus: ErrorCode = 'not_found';
  void bogus;
  assertType<Equal<ErrorCode, ErrorDetails['code']>>();
  // The details of each code, discriminated by `code`.
  switch (details.code) {
    case 'invalid_request': {
      const errors: FieldError[] = details.errors;
      return errors.map((f) => `${f.field}: ${f.message}`).join('\n');
    }
    case 'vendor': {
      const vendorCode: string | undefined | null = details.vendor_code;
      const retry: number | undefined | null = details.retry_after_seconds;
      // @ts-expect-error a vendor error has no field errors
      details.errors;
      return `${vendorCode} ${retry} ${details.status} ${details.message}`;
    }
    case 'outcome_unknown': {
      const last: ErrorDetails = details.last_error;
      return `${details.operation} after ${details.attempts}: ${details.check} (last: ${last.code})`;
    }
    case 'not_initialised':
      return details.called;
  }
  switch (e.code) {
    case 'invalid_response': {
      const issues = readIssues(details);
      return issues.map((i) => `${i.path}: expected ${i.expected}, found ${i.found}`).join('\n');
    }
    case 'invalid_request':
    case 'proxy':
    case 'vendor':
    case 'already_exists':
    case 'outcome_unknown':
    case 'unauthorized':
      return `${e.code} (${status ?? 'no status'}): ${e.message}`;
    case 'rate_limited':
      return 'slow down';
    case 'network':
    case 'timeout':
    case 'aborted':
      return e.code;
    case 'not_proxy':
    case 'not_initialised':
      return `${e.code}: ${e.message}`;
    default: {
      // Every code is handled above: a new one in the package breaks this line.
      const never: never = e.code;
      return never;
    }
  }
}

function readIssues(details: unknown): ValidationIssue[] {
  if (typeof details !== 'object' || details === null || !('issues' in details)) return [];
  const issues = (details as { issues: unknown }).issues;
  return Array.isArray(issues) ? (issues as ValidationIssue[]) : [];
}

/** Which operation failed, and whose API it was: both null for what is not one operation. */
export function whoFailed(e: CommerceKitError): string {
  const operation: OperationId | null = e.operation;
  const vendor: 's2' | 's2_partner' | 'stock2shop' | 'sellers_commerce' | null = e.vendor;
  assertType<Equal<typeof e.vendor, EndpointInfo['vendor'] | null>>();
  assertType<Equal<typeof e.operation, OperationId | null>>();
  // @ts-expect-error not a vendor
  if (e.vendor === 'shopify') return '';
  // @ts-expect-error not an operation id
  if (e.operation === 's2.list_everything') return '';
  // @ts-expect-error may be null (sign-in is not one operation)
  const id: OperationId = e.operation;
  void id;
  // @ts-expect-error operation is readonly
  e.operation = null;
  // @ts-expect-error vendor is readonly
  e.vendor = 's2';
  return operation === null ? 'not an operation' : `${operation} (${vendor})`;
}

/** The error's fields are readonly. */
export function readonlyFields(e: CommerceKitError): void {
  // @ts-expect-error code is readonly
  e.code = 'network';
  // @ts-expect-error status is readonly
  e.status = 500;
}

/** validateResponse() and endpoints() without a network. */
export function offline(body: Uint8Array): string[] {
  const report: ValidationReport = validateResponse('s2.get_inventory_overview', body);
  const errors: ValidationIssue[] = report.errors;
  const unlisted: number = report.unlistedErrors;
  const drift: string[] = report.drift;
  validateResponse('s2.get_inventory_overview', [123, 125]);
  // @ts-expect-error the body is bytes, not a string
  validateResponse('s2.get_inventory_overview', '{}');
  // @ts-expect-error the report has no `valid` flag: check errors.length
  report.valid;

  const list: EndpointInfo[] = endpoints();
  const gets = list.filter((e) => e.method === 'GET').map((e) => `${e.vendor} ${e.id} ${e.path} ${e.idempotent}`);
  const first = list[0];
  if (first) {
    // @ts-expect-error PATCH is not a method of the catalogue
    if (first.method === 'PATCH') gets.push('never');
    // @ts-expect-error not a vendor of the catalogue
    if (first.vendor === 'shopify') gets.push('never');
  }
  return [...errors.map((e) => e.path), String(unlisted), ...drift, ...gets];
}

/** decodeResponse() and ResponseDecoder are typed by operation id. */
export function decoding(body: Uint8Array, chunk: Uint8Array): void {
  const overview = decodeResponse('s2.get_inventory_overview', body);
  assertType<Equal<typeof overview, Checked<S2InventoryOverview>>>();
  const suppliers = decodeResponse('s2_partner.list_suppliers', body);
  assertType<Equal<typeof suppliers, Checked<PartnerSupplier[]>>>();
  const supplierName: string = suppliers[0]?.name ?? '';
  const products = decodeResponse('sellers_commerce.product_getall', body);
  assertType<Equal<typeof products, Checked<SellersProduct[]>>>();
  const order = decodeResponse('sellers_commerce.order_get', body);
  assertType<Equal<typeof order, SellersOrder>>();
  assertType<Equal<ResponseOf<'stock2shop.search_products'>, Checked<SystemProductSearch>>>();
  // @ts-expect-error a misspelled operation id does not compile
  decodeResponse('s2.get_inventory_overveiw', body);
  // @ts-expect-error an id needs its vendor prefix
  decodeResponse('get_inventory_overview', body);
  // @ts-expect-error the response is not the type of another operation
  const wrong: PartnerSupplier[] = decodeResponse('s2.get_inventory_overview', body);
  // @ts-expect-error validateResponse takes operation ids too
  validateResponse('s2.inventory', body);

  const decoder = new ResponseDecoder('s2_partner.list_warehouses', body.length);
  decoder.push(chunk);
  const warehouses = decoder.finish();
  assertType<Equal<typeof warehouses, Checked<PartnerWarehouse[]>>>();
  // @ts-expect-error a misspelled operation id does not compile
  new ResponseDecoder('s2_partner.list_warehouse');

  // Every id the registry lists at run time is an OperationId.
  const ids: OperationId[] = endpoints().map((e) => e.id);
  void [supplierName, wrong, ids];
}

/** The S2 Partner API: async iterators over pages, single pages, creates. */
export async function partner(client: Client, signal: AbortSignal): Promise<string[]> {
  const out: string[] = [];

  // Iterators: every element typed.
  for await (const f of client.s2Partner.listFulfillments({ limit: 5 })) {
    const id: number = f.id;
    const status: string = f.status;
    const country: string = f.country_id;
    const remarks: string | null | undefined = f.warehouse_remarks;
    const line: PartnerFulfillmentItem | undefined = f.items[0];
    const shipment: PartnerShipment | undefined = f.shipments[0];
    out.push(String(id), status, country, remarks ?? '', line?.sku ?? '', String(shipment?.shipped_by?.email));
    // @ts-expect-error ids are numbers
    const wrongId: string = f.id;
    void wrongId;
  }
  for await (const po of client.s2Partner.listPurchaseOrders({ idList: [1, 2], limit: 200 }, { signal })) {
    const supplier: PartnerSupplier = po.from_supplier;
    const done: string | null | undefined = po.completion_date;
    const received: number = po.items.reduce((n, i) => n + i.completed_quantity, 0);
    out.push(supplier.name, done ?? 'open', String(received));
  }
  for await (const product of client.s2Partner.listProducts({ limit: 10 })) {
    const p: PartnerProduct = product;
    const weight: number = p.shipping_weight_kg;
    out.push(p.sku, String(weight));
  }
  const iterable: AsyncIterable<PartnerFulfillment> = client.s2Partner.listFulfillments();
  void iterable;
  // @ts-expect-error the iterator takes idList and limit, not a page token
  client.s2Partner.listFulfillments({ nextToken: 'x' });
  // @ts-expect-error ids are numbers
  client.s2Partner.listFulfillments({ idList: ['1'] });

  // Single pages: the shapes differ per operation, as the vendor's do.
  const page: PartnerFulfillmentPage = await client.s2Partner.listFulfillmentsPage({ idList: [101], nextToken: null }, { signal });
  const next: string | null | undefined = page.next_token;
  const again = await client.s2Partner.listFulfillmentsPage(next ? { nextToken: next } : {});
  out.push(...again.items.map((f) => f.name));
  const products: PartnerProductPage = await client.s2Partner.listProductsPage();
  out.push(...products.item.map((p) => p.title));
  // @ts-expect-error the product page has `item`, not `items`
  products.items;

  // Partial lists (issue 9): the records that validated are typed, the others beside them.
  const checked: Checked<PartnerProductPage> = await client.s2Partner.listProductsPage();
  if (checked.partial) {
    const first: RejectedRecord | undefined = checked.rejected[0];
    const where: string | undefined = first?.errors[0]?.path;
    const index: number | undefined = first?.index;
    const raw: string | undefined = first?.raw;
    out.push(`${checked.rejected.length + checked.unlistedRejected} records could not be read`, where ?? '', String(index), raw ?? '');
    // @ts-expect-error a rejected record's raw JSON is text, not a parsed product
    const wrong: PartnerProduct | undefined = first?.raw;
    void wrong;
  }
  // @ts-expect-error the marks are read-only
  checked.partial = false;
  const products2: PagedIterable<PartnerProduct> = client.s2Partner.listProducts({ limit: 10 });
  for await (const p of products2) out.push(p.sku);
  const skipped: RejectedRecord[] = products2.rejected;
  out.push(...skipped.map((r) => `${r.path}[${r.index}]`));
  const poPages: PartnerPurchaseOrderPage[] = await client.s2Partner.listPurchaseOrdersPage({ idList: [7] });
  const poToken: string | undefined = poPages[0]?.next_token;
  out.push(poToken ?? '');
  // @ts-expect-error the purchase-order page is an array of pages
  poPages.items;

  // Supply: the vendor's spelling, and only that.
  const supply: PartnerInventorySupply[] = await client.s2Partner.getInventorySupply({ warehouseId: 'system_73', skuList: ['A', 'B'] });
  for (const row of supply) {
    const available: number = row.quantity_avaliable;
    // @ts-expect-error the key is spelled `quantity_avaliable` on the wire and in the type
    row.quantity_available;
    out.push(row.sku, String(available + row.quantity_pending + row.quantity_hold));
  }
  const params: InventorySupplyParams = { warehouseId: 'system_51' };
  await client.s2Partner.getInventorySupply(params);
  // @ts-expect-error warehouseId is required
  await client.s2Partner.getInventorySupply({ skuList: ['A'] });

  const suppliers: PartnerSupplier[] = await client.s2Partner.listSuppliers();
  const warehouses: PartnerWarehouse[] = await client.s2Partner.listWarehouses({ signal });
  out.push(...suppliers.map((s) => `${s.id}`), ...warehouses.map((w) => w.id));

  // Creates.
  const fulfillment: NewPartnerFulfillment = {
    name: 'Ada',
    address1: '1 Main St',
    city: 'Melbourne',
    country_id: 'AU',
    fulfillment_warehouse_id: 'system_73',
    items: [{ sku: 'SKU-GREY', quantity: 2 }],
  };
  const created: PartnerFulfillment = await client.s2Partner.createFulfillment({ ...fulfillment, zip: '3000' });
  out.push(String(created.id));
  // @ts-expect-error `city` is required
  const noCity: NewPartnerFulfillment = { name: 'A', address1: 'B', country_id: 'AU', fulfillment_warehouse_id: 'x', items: [] };
  void noCity;
  // @ts-expect-error a quantity is a number
  await client.s2Partner.createFulfillment({ ...fulfillment, items: [{ sku: 'A', quantity: '2' }] });

  const order: NewPartnerPurchaseOrder = { eta: '2030-01-15T10:30:00Z', from_supplier_id: 3, to_warehouse_id: 'system_73', items: [{ sku: 'A', quantity: 5 }] };
  const po: PartnerPurchaseOrder = await client.s2Partner.createPurchaseOrder({ ...order, remarks: 'rush' });
  out.push(po.status);
  // @ts-expect-error from_supplier_id is a number
  await client.s2Partner.createPurchaseOrder({ ...order, from_supplier_id: '3' });
  return out;
}

/** S2 fulfillment orders: enums as integer unions, CreateOutcome narrowed on `outcome`. */
export async function fulfillmentOrder(client: Client): Promise<string> {
  const address: S2Address = {
    name: 'Ada',
    company: '',
    address1: '1 Main St',
    address2: '',
    city: 'Boston',
    state: 'MA',
    postalCode: '02110',
    countryId: 'US',
    phone: '',
    email: '',
  };
  const type: S2OrderType = 1;
  const method: S2FulfillmentMethod = 2;
  const body: S2NewFulfillmentOrder = {
    address,
    shippingMethod: 'standard',
    items: [{ productId: 'p-1', quantity: 2 }],
    shipments: [{ items: [{ productId: 'p-1', quantity: 1 }], prepaidLabels: [] }],
    attachments: [],
    channelFulfillmentId: 'order-1001',
    orderType: type,
    method,
  };
  // @ts-expect-error OrderType is 0 | 1 | 2
  const badType: S2NewFulfillmentOrder = { ...body, orderType: 7 };
  void badType;
  // @ts-expect-error OrderType is a number, not its name
  const named: S2NewFulfillmentOrder = { ...body, orderType: 'B2B' };
  void named;
  // @ts-expect-error FulfillmentMethod is 0 | 1 | 2
  const badMethod: S2NewFulfillmentOrder = { ...body, method: 3 };
  void badMethod;
  // @ts-expect-error every address field is required (pass "" where there is none)
  const partial: S2Address = { name: 'A', countryId: 'US' };
  void partial;

  const outcome: S2CreateOutcome = await client.s2.createFulfillmentOrder(body);
  if (outcome.outcome === 'created') {
    const order: S2FulfillmentOrder = outcome.fulfillment;
    const channel: string | null | undefined = order.channelFulfillmentId;
    // @ts-expect-error only the already_created outcome carries channelFulfillmentId itself
    outcome.channelFulfillmentId;
    return `${order.id} ${order.status} ${channel ?? ''}`;
  }
  const same: 'already_created' = outcome.outcome;
  const channelId: string = outcome.channelFulfillmentId;
  // @ts-expect-error an already_created outcome has no fulfillment
  outcome.fulfillment;
  return `${same} ${channelId}`;
}

/** Signing in: SessionUser, and the null of me() when signed out. */
export async function session(client: Client): Promise<string> {
  const user: SessionUser = await client.login('demo', 'demo');
  const role: 'viewer' | 'operator' = user.role;
  // @ts-expect-error not a role
  const admin: SessionUser['role'] = 'admin';
  void admin;
  const me: SessionUser | null = await client.me();
  // @ts-expect-error me() may be null: check first
  me.username;
  const logout: Promise<void> = client.logout();
  await logout;
  // @ts-expect-error login takes a username and a password
  await client.login('demo');
  return `${user.username} ${role} ${me?.username ?? 'signed out'}`;
}

/** Stock2Shop: Elasticsearch bool queries, the search answers, and loose fields typed as the package normalises them. */
export async function stock2shop(client: Client, signal: AbortSignal): Promise<string[]> {
  const out: string[] = [];
  const bool: EsBoolQuery = {
    should: [{ match: { title: 'keyboard' } }, { term: { 'variants.sku': 'KEYBOARD-010-S' } }],
    minimum_should_match: 1,
    filter: [{ term: { source_id: 57 } }, { range: { modified: { gte: '2021-01-01' } } }],
  };
  const search: EsSearch = { query: { bool }, size: 10, from: 20, sort: { modified: { order: 'desc' } } };
  const products: SystemProductSearch = await client.stock2shop.searchProducts(search, { signal });
  const total: number = products.hits.total;
  out.push(String(total));
  for (const p of products.system_products) {
    const product: SystemProduct = p;
    // Loose on the wire ("true", 1...), booleans and numbers here.
    const active: boolean = product.active;
    const managed: boolean | undefined = product.variants[0]?.inventory_management;
    const channel: number | undefined = product.channels[0]?.channel_id;
    const source: number | undefined = product.source_id;
    const prices: number[] = product.variants.map((v) => v.price);
    out.push(product.title, String(active), String(managed), String(channel), String(source), ...prices.map(String));
    // @ts-expect-error `active` is normalised to a boolean, not the wire's string
    const activeText: string = product.active;
    // @ts-expect-error a channel_id is a number (even where the wire says "47")
    const channelText: string = product.channels[0].channel_id;
    // @ts-expect-error source_id is optional: missing until synced
    const sourceId: number = product.source_id;
    void activeText;
    void channelText;
    void sourceId;
  }
  await client.stock2shop.searchProducts();
  // @ts-expect-error size is a number (the package sends it as Stock2Shop spells it)
  await client.stock2shop.searchProducts({ size: '10' });
  // @ts-expect-error sort orders are asc or desc
  const badSort: EsSearch = { sort: { modified: 'newest' } };
  void badSort;
  // @ts-expect-error a bool query goes under query.bool
  await client.stock2shop.searchProducts({ bool });

  const orders: SystemOrderSearch = await client.stock2shop.searchOrders({ query: { bool: { filter: [{ term: { status: 'cancelled' } }] } } });
  for (const o of orders.system_orders) {
    const channelId: number = o.channel_id;
    const total: number = o.total;
    const totalText: string = o.total_display;
    const email: string | null | undefined = o.customer.email;
    const rate: number | undefined = o.line_items[0]?.tax_lines[0]?.rate;
    out.push(String(channelId), String(total), totalText, email ?? '', String(rate));
    // @ts-expect-error totals are numbers; the text is total_display
    const wrongTotal: string = o.total;
    void wrongTotal;
  }
  // @ts-expect-error searchOrders has no paging cursor: use from/size
  orders.next_token;

  const sources: SystemSource[] = (await client.stock2shop.listSources()).system_sources;
  const channels: SystemChannel[] = (await client.stock2shop.listChannels({ signal })).system_channels;
  for (const s of sources) {
    // The wire's `1`/`0` (or `true`) is normalised to a boolean, as on products.
    const active: boolean = s.active;
    const master: number | null | undefined = s.source_id;
    out.push(String(active), String(master));
    // @ts-expect-error a source's active flag is a boolean, not the wire's number
    const flag: number = s.active;
    void flag;
  }
  const channel = channels[0];
  if (channel) {
    const tier: string | null | undefined = channel.price_tier;
    out.push(tier ?? 'default');
    await client.stock2shop.queueOrder({ clientId: channel.client_id, channelId: channel.id }, { id: 'web-1001', line_items: [] });
    // @ts-expect-error queueOrder takes the channel's ids as numbers
    await client.stock2shop.queueOrder({ clientId: String(channel.client_id), channelId: channel.id }, {});
  }
  return out;
}

/** Sellers Commerce: sparse records (optional and nullable), OData params, status updates. */
export async function sellersCommerce(client: Client, signal: AbortSignal): Promise<string[]> {
  const out: string[] = [];
  const params: SellersODataParams = { filter: "ProductCode eq 'SC-1001' or SCproductID gt 1008", orderBy: 'ProductCode desc' };
  const products: SellersProduct[] = await client.sellersCommerce.productGetAll(params, { signal });
  const readable: Checked<SellersProduct[]> = await client.sellersCommerce.productGetAll();
  const unreadable: number = readable.rejected.length + readable.unlistedRejected;
  out.push(String(unreadable));
  for (const p of products) {
    const code: string | null | undefined = p.ProductCode;
    const id: number | null | undefined = p.SCproductID;
    out.push(code ?? '—', id == null ? '—' : String(id));
    // @ts-expect-error every field is optional and nullable: check before use
    const sure: string = p.ProductCode;
    // @ts-expect-error SCproductID is a number
    const idText: string | null | undefined = p.SCproductID;
    void sure;
    void idText;
  }
  await client.sellersCommerce.productGetAll();
  await client.sellersCommerce.productGetAll(null, { signal });
  // @ts-expect-error OData options are named filter and orderBy (the package adds the $)
  await client.sellersCommerce.productGetAll({ $filter: 'x eq 1' });
  const one: SellersProduct = await client.sellersCommerce.productGet('SC-1001');
  out.push(one.ProductCode ?? '');

  const orders: SellersOrder[] = await client.sellersCommerce.orderGetAll({ filter: 'OrderStatusId eq 9', orderBy: 'OrderPlacedDate desc' });
  const status: number | null | undefined = orders[0]?.OrderStatusId;
  out.push(String(status));
  const update: SellersOrderStatusUpdate = { OrderNumber: 'SC1001', OrderStatusId: 35 };
  const answer: SellersStatusResponse = await client.sellersCommerce.orderUpdateOrderStatus(update, { signal });
  const code: number = answer.StatusCode;
  out.push(answer.Results, answer.ResponseMessage, String(code));
  // Extra fields the vendor takes may go along (in a value; a literal gets TypeScript's
  // excess-property check).
  const withComment = { ...update, Comment: 'packed' };
  await client.sellersCommerce.orderUpdateOrderStatus(withComment);
  // @ts-expect-error OrderStatusId is a number (a code of ORDER_STATUS)
  await client.sellersCommerce.orderUpdateOrderStatus({ OrderNumber: 'SC1001', OrderStatusId: 'Shipped' });
  // Both fields are optional: the body's shape is inferred (the document names no field of
  // it), so the package checks what is given and the vendor judges what is missing.
  await client.sellersCommerce.orderUpdateOrderStatus({ OrderStatusId: 35 });
  // @ts-expect-error OrderStatusId, when given, is a number: null sets no status
  await client.sellersCommerce.orderUpdateOrderStatus({ OrderNumber: 'SC1001', OrderStatusId: null });

  const shoppers: SellersShopper[] = await client.sellersCommerce.shopperGetAll({ filter: 'Deleted eq false' });
  for (const s of shoppers) {
    const city: string | null | undefined = s.Address?.[0]?.City;
    const deleted: boolean | null | undefined = s.Deleted;
    out.push(city ?? '—', String(deleted));
    // @ts-expect-error Address may be null or absent
    s.Address.length;
  }
  const categories: SellersCategory[] = await client.sellersCommerce.categoryGetAll();
  out.push(...categories.map((c) => c.CategoryCode ?? '—'));
  // Brands and suppliers are free-form objects: read them as unknown.
  const brands: SellersObject[] = await client.sellersCommerce.categoryGetAllBrands();
  const name: unknown = brands[0]?.['BrandName'];
  out.push(typeof name === 'string' ? name : '—');
  // @ts-expect-error a free-form field is unknown: narrow it first
  const brandName: string = brands[0]['BrandName'];
  void brandName;
  return out;
}
