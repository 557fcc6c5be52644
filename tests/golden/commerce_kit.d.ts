// Generated: a copy of pkg/commerce_kit.d.ts made by `make golden`, diff-checked by `make test-golden`. Do not edit.
/// <reference lib="esnext.disposable" />
/* tslint:disable */
/* eslint-disable */

/** A Sellers Commerce object the document describes no field of (supplier, brand, embellishment, the undocumented operations' bodies). */
export type SellersObject = Record<string, unknown>;
/** A body the document describes only in words: an object, or an array of objects for several at once. */
export type SellersObjects = SellersObject | SellersObject[];



/** A value Elasticsearch compares a field with. */
export type EsScalar = string | number | boolean;
export type EsSortOrder = "asc" | "desc";
/** `{"modified": {"order": "desc"}}` (the documented shape), or Elasticsearch's array form. */
export type EsSort =
| Record<string, EsSortOrder | { order?: EsSortOrder; unmapped_type?: string; [option: string]: unknown }>
| Array<string | Record<string, unknown>>;
/** The bounds of a `range` clause: at least one of `gt`, `gte`, `lt`, `lte`. */
export interface EsRange {
    gt?: EsScalar;
    gte?: EsScalar;
    lt?: EsScalar;
    lte?: EsScalar;
    format?: string;
    time_zone?: string;
    boost?: number;
}
/**
 * One clause of a bool query, `{ "<kind>": body }`. The kinds below are checked before
 * sending; any other Elasticsearch kind may be sent as it is (last member).
 */
export type EsClause =
| { term: Record<string, EsScalar | { value: EsScalar; boost?: number }> }
| { terms: Record<string, EsScalar[]> }
| { match: Record<string, EsScalar | { query: EsScalar; operator?: "or" | "and"; [option: string]: unknown }> }
| { range: Record<string, EsRange> }
| { multi_match: { query: EsScalar; fields?: string[]; operator?: "or" | "and"; type?: string; [option: string]: unknown } }
| { bool: EsBoolQuery }
| { [kind: string]: unknown };



/** One of the Sellers Commerce document's code tables: the names of a column's numbers. */
export interface SellersCodeTable {
    /** The document's "Api Column Name" (`"CarrierId"`), or its label where it gives none (`"Return Status ID"`). */
    column: string;
    codes: { value: number; name: string }[];
}



/** Options of `new Client(...)`. */
export interface ClientOptions {
    /** The proxy's origin, e.g. "http://127.0.0.1:8080"; "" (the default) for the page's own origin. Required outside a browser page (Node). */
    baseUrl?: string;
    /** Per-request timeout in milliseconds (default 100000: longer than the proxy's 90 s whole-request limit, so its `proxy_timeout` error reaches you). */
    timeoutMs?: number;
    /** Send the proxy session cookie cross-origin too (default: same-origin only). */
    includeCredentials?: boolean;
    /**
     * The `fetch` to call instead of the global one: a cookie-jar wrapper, an instrumented
     * or mocked fetch. Called as `fetch(url, init)` with a string URL.
     */
    fetch?: (url: string, init: FetchInit) => Promise<FetchResponse>;
    /**
     * Headers sent on every request, e.g. `{ cookie: "commerce_session=..." }` to act for
     * a signed-in user from a server, or credentials for a gateway in front of the proxy.
     */
    headers?: Record<string, string>;
    /** Called when a response carries keys the schema does not declare (vendor drift). */
    onDrift?: (drift: DriftReport) => void;
}

/** What the client passes to the `fetch` option. */
export interface FetchInit {
    method: string;
    headers: Record<string, string>;
    credentials: "same-origin" | "include";
    body?: string;
    signal?: AbortSignal;
}

/** What the client reads of a `fetch` answer (a `Response` has all of it). */
export interface FetchResponse {
    readonly status: number;
    readonly ok: boolean;
    readonly headers: { get(name: string): string | null; has(name: string): boolean };
    readonly body: { getReader(): unknown } | null;
    text(): Promise<string>;
}

/** Options of one call. */
export interface CallOptions {
    signal?: AbortSignal;
    timeoutMs?: number;
}

export interface DriftReport {
    operation: string;
    /** JSON paths of undeclared keys, e.g. "$.items[0].level.allocated". */
    paths: string[];
}

/** The stable machine-readable code of a `CommerceKitError`: one per variant of the Rust error enum. */
export type ErrorCode = ErrorDetails["code"];

export interface ValidationIssue { path: string; expected: string; found: string }
export interface ValidationReport {
    errors: ValidationIssue[];
    unlistedErrors: number;
    drift: string[];
    /** Undeclared keys met after the first 1000 drift paths, counted. */
    unlistedDrift: number;
}

/** A record of a list that did not validate: left out of the typed value, reported here. */
export interface RejectedRecord {
    /** Its index in the list as the vendor sent it. */
    index: number;
    /** The JSON path of the list, e.g. "$.items" ("$" for a top-level array). */
    path: string;
    /** What is wrong, each with its full path, e.g. "$.items[3].price". */
    errors: ValidationIssue[];
    /** Errors beyond the 20 listed, counted. */
    unlistedErrors: number;
    /** The record's JSON text as sent (at most 4 KiB). */
    raw: string;
    /** `raw` was cut at 4 KiB. */
    rawTruncated: boolean;
}

/**
 * A list-shaped response (a top-level array, or a page/search holding a list of
 * records): records that validated, typed, and the ones that did not, beside them.
 * `partial`, `rejected` and `unlistedRejected` are non-enumerable: `JSON.stringify`
 * and spreading see the vendor's data only.
 */
export type Checked<T> = T & {
    /** Some records were left out (`rejected.length + unlistedRejected > 0`). */
    readonly partial: boolean;
    /** The first 100 records left out. */
    readonly rejected: RejectedRecord[];
    /** Records left out beyond the 100 listed, counted. */
    readonly unlistedRejected: number;
};

/**
 * The records of every page, for `for await`. A record that does not validate does not
 * end the iteration: it is skipped and added to `rejected` (and `unlistedRejected` counts
 * those past each page's first 100), so check `rejected` during or after the loop.
 */
export interface PagedIterable<T> extends AsyncIterable<T> {
    readonly rejected: RejectedRecord[];
    readonly unlistedRejected: number;
    /** How many pages were fetched so far: with the records seen, a loop's progress. */
    readonly pages: number;
}

/** Every operation id the package knows, e.g. `"s2.get_inventory_overview"`. */
export type OperationId = keyof ResponseTypes;

/** What `decodeResponse(id, body)` (and the operation's method) resolve with. */
export type ResponseOf<Id extends OperationId> = ResponseTypes[Id];

/**
 * The decode path of every call, for bytes obtained elsewhere (a cache, a Worker, a
 * test): validates `body` for the operation, parses it with the engine's `JSON.parse`,
 * normalises loose scalars, and returns the typed value; throws the `CommerceKitError` a
 * call would reject with. A list-shaped value leaves out the records that did not
 * validate and carries `partial`, `rejected` and `unlistedRejected` (see `Checked`).
 */
export function decodeResponse<Id extends OperationId>(operationId: Id, body: Uint8Array): ResponseOf<Id>;

/**
 * Decodes a response body that arrives in chunks: `push` each chunk as it comes (from
 * `response.body.getReader()`), then `finish()` returns what `decodeResponse` returns
 * for the whole body or throws the same `CommerceKitError`.
 */
export class ResponseDecoder<Id extends OperationId = OperationId> {
    free(): void;
    [Symbol.dispose](): void;
    /** `expectedLength`: the body's size if known (Content-Length), to allocate once. */
    constructor(operationId: Id, expectedLength?: number | null);
    /** The next chunk of the body. */
    push(chunk: Uint8Array): void;
    /** The end of the body: the validated, typed value. */
    finish(): ResponseOf<Id>;
}

export interface EndpointInfo {
    vendor: "s2_partner" | "s2" | "stock2shop" | "sellers_commerce";
    id: OperationId;
    summary: string;
    method: "GET" | "POST" | "PUT" | "DELETE";
    path: string;
    idempotent: boolean;
}



/** S2 order type: `0` B2C (the default when not set), `1` B2B, `2` FBA (Fulfillment by Amazon). */
export type S2OrderType = 0 | 1 | 2;
/** S2 fulfillment method: `0` SPD (small parcel delivery), `1` PICKUP, `2` LTL (less than truckload). */
export type S2FulfillmentMethod = 0 | 1 | 2;



/** The signed-in dashboard user. Viewers may read; operators may also write. */
export interface SessionUser { username: string; role: "viewer" | "operator" }



/** What `decodeResponse(id, body)` returns for each operation id (the S2 ones here). */
export interface ResponseTypes {
    /** `POST /fulfillment`: Create a fulfillment order: items, address, shipments and prepaid labels. */
    "s2.create_fulfillment_order": S2FulfillmentOrder;
    /** `GET /inventory/overview`: Every warehouse, product and inventory level of the organization. */
    "s2.get_inventory_overview": Checked<S2InventoryOverview>;
}



/** What `decodeResponse(id, body)` returns for each operation id (the S2Partner ones here). */
export interface ResponseTypes {
    /** `GET /fulfillment`: Fulfillments with their items and shipments, a page at a time. */
    "s2_partner.list_fulfillments": Checked<PartnerFulfillmentPage>;
    /** `POST /fulfillment`: Create a fulfillment: a shipping address and the SKUs to ship from a warehouse. */
    "s2_partner.create_fulfillment": PartnerFulfillment;
    /** `GET /inventory-supply`: Available, pending and held quantities per SKU in one warehouse. */
    "s2_partner.get_inventory_supply": Checked<PartnerInventorySupply[]>;
    /** `GET /product`: Available products with dimensions and case packing, a page at a time. */
    "s2_partner.list_products": Checked<PartnerProductPage>;
    /** `GET /purchase-order`: Purchase orders with their items, as an array of pages. */
    "s2_partner.list_purchase_orders": Checked<PartnerPurchaseOrderPage[]>;
    /** `POST /purchase-order`: Create a purchase order from a supplier into a warehouse. */
    "s2_partner.create_purchase_order": PartnerPurchaseOrder;
    /** `GET /supplier`: Every available supplier. */
    "s2_partner.list_suppliers": Checked<PartnerSupplier[]>;
    /** `GET /warehouse`: Every available warehouse. */
    "s2_partner.list_warehouses": Checked<PartnerWarehouse[]>;
}



/** What `decodeResponse(id, body)` returns for each operation id (the SellersCommerce ones here). */
export interface ResponseTypes {
    /** `POST /token`: Access and refresh token for the account's Access Key and Shared Secret (proxy only). */
    "sellers_commerce.token_password": SellersTokenResponse;
    /** `POST /token`: New access and refresh token for the last refresh token (proxy only). */
    "sellers_commerce.token_refresh": SellersTokenResponse;
    /** `GET /api/product/getall`: Products, optionally filtered and ordered (OData). */
    "sellers_commerce.product_getall": Checked<SellersProduct[]>;
    /** `GET /api/product/getallproducts`: Products, optionally filtered and ordered (OData). */
    "sellers_commerce.product_getallproducts": Checked<SellersProduct[]>;
    /** `GET /api/product/getallproductskus`: SKUs in the store, a page at a time (top/skip), optionally of one product. */
    "sellers_commerce.product_getallproductskus": Checked<SellersSku[]>;
    /** `GET /api/product/get/{productcode}`: One product by product code. */
    "sellers_commerce.product_get": SellersProduct;
    /** `POST /api/product/products`: Add or update one product. */
    "sellers_commerce.product_products": SellersStatusResponse;
    /** `POST /api/product/updateskuprice`: Update SKU prices. */
    "sellers_commerce.product_updateskuprice": SellersStatusResponse;
    /** `POST /api/product/updateskuinventory`: Update SKU inventory. */
    "sellers_commerce.product_updateskuinventory": SellersStatusResponse;
    /** `GET /api/product/getallsuppliers`: Every supplier, optionally filtered and ordered (OData). */
    "sellers_commerce.product_getallsuppliers": Checked<SellersObject[]>;
    /** `GET /api/product/getproducts`: Products (undocumented: free-form answer). */
    "sellers_commerce.product_getproducts": unknown;
    /** `GET /api/shopper/getall`: Shoppers with their addresses, optionally filtered and ordered (OData). */
    "sellers_commerce.shopper_getall": Checked<SellersShopper[]>;
    /** `GET /api/shopper/get/{username}`: One shopper by username. */
    "sellers_commerce.shopper_get": SellersShopper;
    /** `POST /api/shopper/shoppers`: Add or update shoppers. */
    "sellers_commerce.shopper_shoppers": SellersStatusResponse;
    /** `POST /api/shopper/shopperaddress`: Add or update shopper addresses. */
    "sellers_commerce.shopper_shopperaddress": SellersStatusResponse;
    /** `GET /api/return/getall`: Return requests, optionally filtered and ordered (OData). */
    "sellers_commerce.return_getall": Checked<SellersReturnRequest[]>;
    /** `GET /api/return/get/{returnnumber}`: One return request by return number. */
    "sellers_commerce.return_get": SellersReturnRequest;
    /** `POST /api/return/return`: Create a return request for an order. */
    "sellers_commerce.return_return": SellersStatusResponse;
    /** `GET /api/embellishments/getall`: Every embellishment, optionally filtered and ordered (OData). */
    "sellers_commerce.embellishments_getall": Checked<SellersObject[]>;
    /** `GET /api/embellishments/getproductembellishment`: The embellishments tagged to one product. */
    "sellers_commerce.embellishments_getproductembellishment": Checked<SellersObject[]>;
    /** `GET /api/category/getall`: Every category, optionally filtered and ordered (OData). */
    "sellers_commerce.category_getall": Checked<SellersCategory[]>;
    /** `GET /api/category/get/{categorycode}`: One category by category code. */
    "sellers_commerce.category_get": SellersCategory;
    /** `GET /api/category/categoryproducts/{categorycode}`: The products tagged to one category. */
    "sellers_commerce.category_categoryproducts": Checked<SellersProduct[]>;
    /** `POST /api/category/categories`: Add or update categories. */
    "sellers_commerce.category_categories": SellersStatusResponse;
    /** `DELETE /api/category/category`: Delete a category, or only its mapping from the parent (ActionId 1 or 2). */
    "sellers_commerce.category_category": SellersStatusResponse;
    /** `POST /api/category/productcategory`: Map products to categories. */
    "sellers_commerce.category_productcategory": SellersStatusResponse;
    /** `GET /api/category/getallbrands`: Every brand, optionally filtered and ordered (OData). */
    "sellers_commerce.category_getallbrands": Checked<SellersObject[]>;
    /** `GET /api/order/getall`: Orders, optionally filtered and ordered (OData). */
    "sellers_commerce.order_getall": Checked<SellersOrder[]>;
    /** `GET /api/order/getorders`: Orders, optionally filtered and ordered (OData). */
    "sellers_commerce.order_getorders": Checked<SellersOrder[]>;
    /** `GET /api/order/get/{ordernumber}`: One order by order number. */
    "sellers_commerce.order_get": SellersOrder;
    /** `POST /api/order/shippinginformation`: Post the shipping information of all items of an order. */
    "sellers_commerce.order_shippinginformation": SellersStatusResponse;
    /** `POST /api/order/paymentinformation`: Capture an authorized payment: order number, transaction number, authorization code. */
    "sellers_commerce.order_paymentinformation": SellersStatusResponse;
    /** `POST /api/order/updateorderstatus`: Change an order's status (e.g. placed to processing). */
    "sellers_commerce.order_updateorderstatus": SellersStatusResponse;
    /** `POST /api/order/OrderSamplePost`: Order sample post (undocumented: free-form body and answer). */
    "sellers_commerce.order_ordersamplepost": unknown;
    /** `GET /api/PortalAdmin/Admins`: Portal administrators (undocumented). */
    "sellers_commerce.portaladmin_admins": unknown;
    /** `GET /api/PortalAdmin/Admin`: One portal administrator by user id (undocumented). */
    "sellers_commerce.portaladmin_admin_get": unknown;
    /** `POST /api/PortalAdmin/Admin`: Save a portal administrator (undocumented). */
    "sellers_commerce.portaladmin_admin_post": unknown;
    /** `GET /api/PortalAdmin/IsEmailOrUserNameExists`: Whether an email or username is taken (undocumented). */
    "sellers_commerce.portaladmin_isemailorusernameexists": unknown;
    /** `GET /api/PortalAdmin/GetUserByID`: One portal user by id (undocumented). */
    "sellers_commerce.portaladmin_getuserbyid": unknown;
    /** `GET /api/PortalAdmin/AllRoles`: Every portal role (undocumented). */
    "sellers_commerce.portaladmin_allroles": unknown;
    /** `POST /api/PortalAdmin/RaiseRequest`: Save a store closure request (undocumented body). */
    "sellers_commerce.portaladmin_raiserequest": unknown;
    /** `POST /api/PortalAdmin/RemoveAdmin`: Remove a portal administrator (undocumented). */
    "sellers_commerce.portaladmin_removeadmin": unknown;
    /** `POST /api/PortalAdmin/SendExportEmail`: Email an export (undocumented). */
    "sellers_commerce.portaladmin_sendexportemail": unknown;
    /** `GET /api/PortalAdmin/RedirectURL`: A provider's redirect URL (undocumented). */
    "sellers_commerce.portaladmin_redirecturl": unknown;
    /** `POST /api/PortalLogin/Login`: Portal sign-in (undocumented; carries a password: not exposed). */
    "sellers_commerce.portallogin_login": unknown;
    /** `GET /api/PortalLogin/ForgotPassword`: Check a password-reset key (undocumented; carries the key: not exposed). */
    "sellers_commerce.portallogin_forgotpassword": unknown;
    /** `POST /api/PortalLogin/ChangeForgotPassword`: Set a new password after a reset (undocumented; carries it: not exposed). */
    "sellers_commerce.portallogin_changeforgotpassword": unknown;
    /** `POST /api/PortalLogin/ResetPassword`: Start a password reset for a username (undocumented; not exposed). */
    "sellers_commerce.portallogin_resetpassword": unknown;
    /** `POST /api/PortalLogin/UpdatePasswordResetHistory`: Update a password reset's record (undocumented; not exposed). */
    "sellers_commerce.portallogin_updatepasswordresethistory": unknown;
    /** `GET /api/PortalLogin/ValiadateStoreSSO`: Validate a store SSO token (undocumented; carries the token: not exposed). */
    "sellers_commerce.portallogin_valiadatestoresso": unknown;
    /** `GET /api/PortalLogin/ClosureFormSSO`: The closure form of a store SSO token (undocumented; carries the token: not exposed). */
    "sellers_commerce.portallogin_closureformsso": unknown;
    /** `POST /api/PortalLogin/UpdateClientFeedBack`: Save client feedback (undocumented). */
    "sellers_commerce.portallogin_updateclientfeedback": unknown;
    /** `POST /api/PortalLogin/UpdateClosureForm`: Save a closure form (undocumented). */
    "sellers_commerce.portallogin_updateclosureform": unknown;
}



/** What `decodeResponse(id, body)` returns for each operation id (the Stock2shop ones here). */
export interface ResponseTypes {
    /** `POST /v1/users/authenticate`: Log in with a username and password for a token (proxy only). */
    "stock2shop.authenticate": SystemUserResponse;
    /** `GET /v1/users/valid_token/{token}`: Check whether a token is still valid (proxy only). */
    "stock2shop.valid_token": SystemUserResponse;
    /** `GET /v1/sources`: Every source (ERP) of the account, master and linked. */
    "stock2shop.list_sources": Checked<SystemSources>;
    /** `GET /v1/channels`: Every sales channel of the account. */
    "stock2shop.list_channels": Checked<SystemChannels>;
    /** `POST /v1/products/elastic_search`: Search products with an Elasticsearch bool query (live records in system_products). */
    "stock2shop.search_products": Checked<SystemProductSearch>;
    /** `POST /v1/products/queue`: Queue products (with their variant) from a source for processing. */
    "stock2shop.queue_products": QueueProductsResponse;
    /** `POST /v1/images/queue`: Queue base64 product images (JPEG or PNG, at most 2 MB each) for processing. */
    "stock2shop.queue_images": QueueImagesResponse;
    /** `POST /v1/orders/elastic_search`: Search orders with an Elasticsearch bool query (live records in system_orders). */
    "stock2shop.search_orders": Checked<SystemOrderSearch>;
    /** `POST /v2-queue/order`: Queue a channel's order payload (any JSON object) for processing. */
    "stock2shop.queue_order": QueueOrderResponse;
}


/**
 * A SKU and how many of it: the items of a fulfillment and of its shipments.
 */
export interface PartnerFulfillmentItem {
    sku: string;
    quantity: number;
}

/**
 * A SKU of `getallproductskus`: the fields the document names (the product it belongs
 * to), optional and nullable. Everything else about a SKU arrives as drift.
 */
export interface SellersSku {
    SCproductID?: number | null;
    ProductCode?: string | null;
}

/**
 * A Stock2Shop user. `authenticate` answers with the fields from `client_name` on too;
 * `valid_token` leaves them out.
 */
export interface SystemUser {
    id: number;
    /**
     * `"2015-03-03T07:30:06+0000"`: ISO 8601 with a `+0000` offset (no colon).
     */
    created: string;
    name: string;
    /**
     * Loose text: `""` or `null` (no surname) decodes as `""`.
     */
    surname: string;
    email: string;
    username: string;
    modified: string;
    client_id: number;
    /**
     * `1` in the seed: a loose boolean (`true`, `1`, `"1"`, `"true"`), as every flag of
     * this PHP back end (see [`crate::loose`]), written back as `1`/`0`.
     */
    active: boolean;
    /**
     * Loose boolean, like `active`.
     */
    admin: boolean;
    /**
     * The token to pass as `?token=` on every other call. Secret.
     */
    token: string;
    client_name?: string;
    /**
     * Undocumented shape (`[]` in the seed).
     */
    fulfillment_services?: unknown[];
    /**
     * Channels the user is limited to; undocumented shape (`[]` in the seed).
     */
    channels?: unknown[];
    /**
     * Sources the user is limited to; undocumented shape (`[]` in the seed).
     */
    sources?: unknown[];
    /**
     * Customers the user is limited to (trade store users); undocumented shape.
     */
    customers?: unknown[];
    roles?: SystemUserRole[];
    /**
     * The role that limits what the user may call: `trade`, `read_only`,
     * `product_editor`, `product_meta_editor`, `customer_read_only`; none for an admin.
     */
    role_description?: string;
}

/**
 * A category: the fields the document names, optional and nullable; not sent when absent.
 */
export interface SellersCategory {
    /**
     * The key of `get/{categorycode}` (the path parameter's name, in the document's casing).
     */
    CategoryCode?: string | null;
    /**
     * [`IS_BRAND`](super::codes::IS_BRAND): `0` yes, `1` no (sic).
     */
    IsBrand?: number | null;
}

/**
 * A channel the product is on: `{channel_id, channel_product_code}` in the seed's
 * answers; the whole channel record (`id`, `description`, `active`, `type`, ...: see
 * [`SystemChannel`](super::channels::SystemChannel)) in Stock2Shop's own published
 * products, which have no `channel_id`. Every field is optional for that reason; the
 * channel is `channel_id`, else `id`.
 */
export interface SystemProductChannel {
    /**
     * Loose: a string here (`"47"`), a number on orders (`191`). Missing when the
     * channel record itself is sent (then `id` is the channel).
     */
    channel_id?: number;
    /**
     * The channel's id, when the whole channel record is sent.
     */
    id?: number;
    description?: string;
    /**
     * Loose boolean (`1` in Stock2Shop's records).
     */
    active?: boolean;
    /**
     * The platform, e.g. `"trade"`.
     */
    type?: string;
    price_tier?: string;
    qty_availability?: string;
    /**
     * The channel's id of the product; missing until synced.
     */
    channel_product_code?: string;
}

/**
 * A fulfillment, as listed and as returned by `POST /fulfillment`.
 * Loose text: `address2`, `address3`, `phone` may arrive as `null` and decode as `""`.
 */
export interface PartnerFulfillment {
    id: number;
    fulfillment_warehouse_id: string;
    /**
     * e.g. `"created"`, `"shipped"`.
     */
    status: string;
    name: string;
    address1: string;
    address2: string;
    address3: string;
    city: string;
    province: string;
    /**
     * ISO 3166-1 alpha-2, e.g. `"AU"`.
     */
    country_id: string;
    zip: string;
    phone: string;
    items: PartnerFulfillmentItem[];
    shipments: PartnerShipment[];
    shipping_method: string;
    /**
     * Null until the warehouse writes one.
     */
    warehouse_remarks?: string | null;
    /**
     * RFC 3339.
     */
    created_at: string;
    /**
     * RFC 3339.
     */
    updated_at: string;
}

/**
 * A key-value pair of an order (`customer_reference` = `"PO 123"`).
 */
export interface SystemOrderMeta {
    key: string;
    value: string;
}

/**
 * A message put on the queue.
 */
export interface QueueMessage {
    /**
     * e.g. `"213-980-0/2021-08/27/17/48/04-213285668-sync_order.json"`.
     */
    key: string;
    /**
     * A UUID.
     */
    message_id: string;
}

/**
 * A page of `GET /fulfillment`.
 */
export interface PartnerFulfillmentPage {
    items: PartnerFulfillment[];
    /**
     * Pass back as `next_token` for the next page; absent or null on the last page.
     */
    next_token?: string | null;
}

/**
 * A page of `GET /product`. The vendor puts the products under `item` (singular),
 * and so does the decoded JSON.
 */
export interface PartnerProductPage {
    item: PartnerProduct[];
    /**
     * Pass back as `next_token` for the next page; absent or null on the last page.
     */
    next_token?: string | null;
}

/**
 * A person who acted on a shipment.
 */
export interface PartnerUser {
    id: number;
    name: string;
    email: string;
}

/**
 * A postal address. The vendor sends `""` for absent parts.
 * Loose text: `company`, `address2`, `phone`, `email` may arrive as `null` and decode
 * as `""`; `name`, `address1`, `city`, `state`, `postal_code` and `country_id`, needed
 * to ship, must be strings.
 */
export interface S2Address {
    name: string;
    company: string;
    address1: string;
    address2: string;
    city: string;
    state: string;
    postalCode: string;
    /**
     * ISO 3166-1 alpha-2, e.g. `"CA"`.
     */
    countryId: string;
    phone: string;
    email: string;
}

/**
 * A price of a variant in a named tier (`"Wholesale"`).
 */
export interface SystemPriceTier {
    tier: string;
    /**
     * Loose: `"10.00"` in Stock2Shop's own records.
     */
    price: number;
}

/**
 * A product and its quantity, in the order's `items` and in a shipment's `items`.
 */
export interface S2NewFulfillmentItem {
    /**
     * The S2 product id (a UUID, see `GET /inventory/overview`).
     */
    productId: string;
    quantity: number;
}

/**
 * A product as Stock2Shop stores it.
 *
 * Scalars, decided per field for a PHP back end (Stock2Shop's own published records,
 * `tests/fixtures/real/stock2shop/`, send prices as `"101.00"` and flags as `1`):
 * flags (`active` here and on variants, images, meta and channels,
 * `inventory_management`) are loose booleans (`true`, `"true"`, `1`, `"1"`); money
 * (`price`, `price_tiers[].price`) is a loose number; counts (`qty`, `grams`,
 * `qty_availability[].qty`, `options[].position`) are loose integers. Ids (`id`,
 * `client_id`, `product_id`, `image_id`) stay strict: every record seen sends them as
 * numbers, and a wrong id is worse than a refused one. Optional-looking text
 * (`body_html`, `collection`, `product_type`, `vendor`, `tags`, a variant's `barcode`, a
 * meta `value`) may arrive as `null` (a nullable column) and decodes as `""`; `title`,
 * `sku` and the codes stay required strings. A number where a string is expected, or a
 * string where an object or list is, is refused.
 */
export interface SystemProduct {
    id: number;
    /**
     * `"2015-03-03 12:37:51"` (no offset).
     */
    created: string;
    /**
     * Loose boolean.
     */
    active: boolean;
    /**
     * The ERP's code; missing until synced with a source.
     */
    source_product_code?: string;
    modified: string;
    client_id: number;
    /**
     * Missing until synced with a source. Loose (`"318"` elsewhere in this API).
     */
    source_id?: number;
    /**
     * HTML.
     */
    body_html: string;
    collection: string;
    title: string;
    product_type: string;
    vendor: string;
    hash: string;
    channels: SystemProductChannel[];
    /**
     * Comma-separated.
     */
    tags: string;
    options: SystemProductOption[];
    meta: SystemProductMeta[];
    images: SystemProductImage[];
    variants: SystemVariant[];
}

/**
 * A product option (`Size`, `Selection`): the variants' `option1`..`option3`.
 */
export interface SystemProductOption {
    name: string;
    /**
     * 1 for `option1`... Loose: the queue example sends `"position": "1"`.
     */
    position: number;
}

/**
 * A product's custom field. `id`, `created`, `modified` and `client_id` are in the
 * seed's answers but missing from Stock2Shop's own published products: optional.
 */
export interface SystemProductMeta {
    id?: number;
    created?: string;
    key: string;
    /**
     * Text, possibly HTML or `"TRUE"`.
     */
    value: string;
    modified?: string;
    template_name?: string | null;
    client_id?: number;
}

/**
 * A product: the fields the document names, optional and nullable (the document
 * promises none); not sent when absent.
 */
export interface SellersProduct {
    /**
     * The code of `get/{productcode}` and of the `ProductCode` parameter.
     */
    ProductCode?: string | null;
    /**
     * Sellers Commerce's id of the product (the `SCproductID` parameter).
     */
    SCproductID?: number | null;
}

/**
 * A return request: the fields the document names, optional and nullable; not sent
 * when absent.
 */
export interface SellersReturnRequest {
    /**
     * The key of `get/{returnnumber}` (the path parameter's name, in the document's casing).
     */
    ReturnNumber?: string | null;
    /**
     * The order returned.
     */
    OrderNumber?: string | null;
}

/**
 * A sales channel.
 */
export interface SystemChannel {
    /**
     * The `channel_id` to queue orders with.
     */
    id: number;
    /**
     * `"2015-08-08T21:32:46+0000"`.
     */
    created: string;
    /**
     * A label; loose text: `null` decodes as `""`.
     */
    description: string;
    modified: string;
    /**
     * The `client_id` to queue orders with.
     */
    client_id: number;
    /**
     * `1` in the seed, `true` in Stock2Shop's own published channels: a loose boolean
     * (`true`, `1`, `"1"`, `"true"`), written back as `1`/`0`.
     */
    active: boolean;
    /**
     * The platform, e.g. `"shopify"`.
     */
    type: string;
    /**
     * The price tier this channel sells at (a tier name such as the products'
     * `price_tiers[].tier`); null for the default price. Only null in the seed.
     */
    price_tier?: string | null;
    /**
     * Which warehouse quantity this channel sells from (a `qty_availability[].description`);
     * null for the total quantity. Only null in the seed.
     */
    qty_availability?: string | null;
}

/**
 * A shipment of (part of) a fulfillment.
 * Loose text: `remarks` may arrive as `null` and decodes as `""`.
 */
export interface PartnerShipment {
    id: number;
    /**
     * e.g. `"pending"`, `"shipped"`.
     */
    status: string;
    /**
     * The carrier's name, e.g. `"Australia Post"`.
     */
    carrier_id: string;
    tracking_numbers: string[];
    created_at: string;
    updated_at: string;
    items: PartnerFulfillmentItem[];
    created_by: PartnerUser;
    /**
     * Null when no label was bought.
     */
    label_id?: string | null;
    label_type?: string | null;
    /**
     * Null until shipped.
     */
    shipped_by?: PartnerUser | null;
    remarks: string;
}

/**
 * A shipment of an order; every field may be missing or null (a fulfilment is created
 * before it ships).
 */
export interface SystemOrderFulfillment {
    /**
     * The fulfilment service's status (free text, e.g. `"shipped"`).
     */
    status?: string | null;
    tracking_number?: string | null;
    /**
     * The carrier.
     */
    tracking_company?: string | null;
    tracking_url?: string | null;
    /**
     * Stock2Shop's state of the shipment (`"pending"`, ...).
     */
    state?: string | null;
}

/**
 * A shipping charge of an order (`"Next Day"`, `100`).
 */
export interface SystemOrderShippingLine {
    /**
     * The method's name; null or missing when the channel sent none.
     */
    title?: string | null;
    /**
     * Loose number, like every amount.
     */
    price?: number | null;
}

/**
 * A shipping or billing address; any field may be null.
 */
export interface SystemOrderAddress {
    address1?: string | null;
    address2?: string | null;
    city?: string | null;
    company?: string | null;
    /**
     * The seed has `"ZA"` in both `country` and `country_code`.
     */
    country?: string | null;
    country_code?: string | null;
    first_name?: string | null;
    last_name?: string | null;
    phone?: string | null;
    province?: string | null;
    province_code?: string | null;
    zip?: string | null;
}

/**
 * A shopper's address, as the document's example shows one.
 */
export interface SellersAddress {
    AddressName?: string | null;
    AddressLine1?: string | null;
    City?: string | null;
    StateCode?: string | null;
    CountryCode?: string | null;
    ZipCode?: string | null;
}

/**
 * A shopper, as the document's example shows one, plus the two fields it names
 * elsewhere; all optional and nullable, not sent when absent.
 */
export interface SellersShopper {
    FirstName?: string | null;
    LastName?: string | null;
    /**
     * Date of birth, an ISO 8601 date-time (`"2016-04-27T14:38:17.1709364+00:00"`).
     */
    DOB?: string | null;
    Deleted?: boolean | null;
    ShopperTypeID?: number | null;
    Address?: SellersAddress[] | null;
    /**
     * The shopper's username, the key of `get/{username}`. Not in the example (which
     * leaves fields out): the name is the path parameter's, in the document's casing.
     */
    UserName?: string | null;
    /**
     * [`GENDER`](super::codes::GENDER): 1 male, 2 female (an "Api Column Name" of the
     * document's code tables).
     */
    Gender?: number | null;
}

/**
 * A source: an ERP connection that product data comes from.
 */
export interface SystemSource {
    /**
     * The `source_id` to queue products with.
     */
    id: number;
    /**
     * `"2017-07-25T10:32:46+0000"`.
     */
    created: string;
    /**
     * A label; loose text: `null` decodes as `""`.
     */
    description: string;
    /**
     * Opaque sync position, a string (`"0"`).
     */
    sync_token: string;
    modified: string;
    client_id: number;
    /**
     * The connector, e.g. `"apifact_sapone"`.
     */
    type: string;
    /**
     * `1` in the seed, `true` in Stock2Shop's own published sources: a loose boolean
     * (`true`, `1`, `"1"`, `"true"`), written back as `1`/`0`.
     */
    active: boolean;
    /**
     * Null for a master source; the master's id for a linked source. Loose like every
     * `source_id` of this API (`57` on products, `"318"` on orders).
     */
    source_id?: number | null;
}

/**
 * A supplier; also a purchase order's `from_supplier`.
 */
export interface PartnerSupplier {
    /**
     * The `from_supplier_id` of a new purchase order.
     */
    id: number;
    name: string;
}

/**
 * A tax on a line.
 */
export interface SystemOrderTaxLine {
    /**
     * Percent. Loose: the seed sends `"rate": "15"`.
     */
    rate: number;
}

/**
 * A username and password. `Debug` does not show the password.
 */
export interface SystemUserAuth {
    username: string;
    password: string;
}

/**
 * A variant's quantity in one warehouse (`"Warehouse X"`).
 */
export interface SystemQtyAvailability {
    description: string;
    /**
     * Loose, like every count from this PHP back end.
     */
    qty: number;
}

/**
 * A variant: the SKU that is ordered, invoiced and shipped. Loose, for a PHP back end
 * (see [`SystemProduct`]): `price` (`"101.00"` in Stock2Shop's own records), `qty`,
 * `grams`, `inventory_management` and `active` (`1`/`0`). Ids stay strict.
 */
export interface SystemVariant {
    id: number;
    /**
     * The ERP's code; missing until synced with a source.
     */
    source_variant_code?: string;
    price: number;
    barcode: string;
    sku: string;
    qty: number;
    grams: number;
    /**
     * Whether stock is tracked. Loose: the queue example sends `"true"`, Stock2Shop's
     * own records `1`.
     */
    inventory_management: boolean;
    active: boolean;
    product_id: number;
    /**
     * The variant's image (an `images[].id`), null without one.
     */
    image_id?: number | null;
    client_id: number;
    /**
     * The value of the product's option 1 (`"Pack of 25"`).
     */
    option1?: string;
    option2?: string;
    option3?: string;
    price_tiers: SystemPriceTier[];
    qty_availability: SystemQtyAvailability[];
}

/**
 * An ERP order of this order.
 */
export interface SystemOrderSource {
    /**
     * Loose: `"318"` here, `318` on the order's lines.
     */
    source_id: number;
    /**
     * The ERP's order number; missing until synced.
     */
    source_order_code?: string | null;
}

/**
 * An Elasticsearch search body: `{"query": {"bool": {...}}, "size", "from", "sort", "aggs"}`.
 */
export interface EsSearch {
    query?: EsQuery;
    /**
     * How many hits (Elasticsearch's default is 10). Loose: Stock2Shop's own example
     * sends `"size": "10"`, and the query it echoes keeps that spelling.
     */
    size?: number;
    /**
     * How many hits to skip (paging: `from` + `size` at most 10 000).
     */
    from?: number;
    /**
     * e.g. `{"modified": {"order": "desc"}}`.
     */
    sort?: EsSort;
    /**
     * Elasticsearch aggregations (Stock2Shop echoes `{}` when there are none).
     */
    aggs?: Record<string, unknown>;
}

/**
 * An image, with the URLs of its thumbnails. `id`, `created`, `modified` and
 * `client_id` are optional: Stock2Shop's own published records leave them out of nested
 * records. `active` is a loose boolean (see [`SystemProduct`]).
 */
export interface SystemProductImage {
    /**
     * A thumbnail's URL; loose text: `""` or `null` (not made yet) decodes as `""`.
     */
    src_50x50: string;
    /**
     * A thumbnail's URL; loose text: `""` or `null` (not made yet) decodes as `""`.
     */
    src_160x160: string;
    id?: number;
    created?: string;
    /**
     * The ERP's id of the image; null for images that did not come from the ERP.
     */
    source_image_code?: string | null;
    storage_code: string;
    /**
     * Full-size URL.
     */
    src: string;
    modified?: string;
    client_id?: number;
    product_id: number;
    active: boolean;
    hash: string;
}

/**
 * An order as Stock2Shop stores it. Amounts are numbers; each `*_display` field is the
 * same amount as text with two decimals (`"119.23"`).
 *
 * Scalars, decided per field for a PHP back end: every amount (totals, line and
 * shipping prices, taxes, discounts) is a loose number (`119.23` or `"119.23"`, as
 * Stock2Shop's products send prices), counts (`qty`, `grams`) loose integers; ids stay
 * strict except `channel_id` and `source_id`, seen as strings. `state`, `ordered_date`,
 * `fulfillments` and `shipping_lines` are in Stock2Shop's own published orders
 * (`tests/fixtures/real/stock2shop/`) but not in the seed's: optional.
 */
export interface SystemOrder {
    id: number;
    /**
     * `"2020-06-08 14:03:48"` (no offset).
     */
    created: string;
    /**
     * The channel's order number; missing until synced with the channel.
     */
    channel_order_code?: string;
    modified: string;
    /**
     * Loose: a number here (`191`), a string on products (`"47"`).
     */
    channel_id: number;
    client_id: number;
    customer_id?: number | null;
    notes?: string | null;
    /**
     * e.g. `"ordered"`.
     */
    status: string;
    /**
     * Stock2Shop's processing state (`"saved"`, ...), beside the channel's `status`.
     */
    state?: string;
    /**
     * When the customer ordered, `"2020-06-08 14:03:48"` (no offset); `created` is when
     * Stock2Shop received it.
     */
    ordered_date?: string;
    total_discount: number;
    line_item_sub_total: number;
    line_item_tax: number;
    shipping_sub_total: number;
    shipping_tax: number;
    sub_total: number;
    tax: number;
    total: number;
    customer: SystemOrderCustomer;
    /**
     * The ERP orders this order went to (several for a split order).
     */
    sources: SystemOrderSource[];
    line_items: SystemOrderLineItem[];
    /**
     * Shipping charged; missing on orders without.
     */
    shipping_lines?: SystemOrderShippingLine[];
    /**
     * Shipments so far; missing before the first.
     */
    fulfillments?: SystemOrderFulfillment[];
    meta: SystemOrderMeta[];
    shipping_address?: SystemOrderAddress | null;
    billing_address?: SystemOrderAddress | null;
    shipping_total: number;
    sub_total_display: string;
    shipping_total_display: string;
    shipping_tax_display: string;
    tax_display: string;
    total_display: string;
    total_discount_display: string;
}

/**
 * An order line.
 */
export interface SystemOrderLineItem {
    id: number;
    grams: number;
    price: number;
    sku: string;
    /**
     * The product's title as ordered; missing in the seed's orders.
     */
    title?: string;
    total_discount: number;
    qty: number;
    /**
     * The Stock2Shop variant; null for a SKU Stock2Shop does not know.
     */
    variant_id?: number | null;
    /**
     * The source that supplies the line. Loose (`"318"` on the order's `sources`).
     */
    source_id?: number | null;
    tax_lines: SystemOrderTaxLine[];
    sub_total: number;
    tax: number;
    tax_per_unit: number;
    total: number;
    sub_total_display: string;
    tax_display: string;
    tax_per_unit_display: string;
    total_display: string;
    price_display: string;
    total_discount_display: string;
}

/**
 * An order: the fields the document names, optional and nullable; not sent when absent.
 */
export interface SellersOrder {
    /**
     * The key of `get/{ordernumber}`; `$orderby=OrderNumber desc` in the document.
     */
    OrderNumber?: string | null;
    /**
     * [`ORDER_STATUS`](super::codes::ORDER_STATUS): 3 placed, 9 shipped, 35 processing...
     */
    OrderStatusId?: number | null;
    /**
     * When the order was placed (a date-time; the document filters it with `datetime'...'`).
     */
    OrderPlacedDate?: string | null;
    CreatedDate?: string | null;
    ModifiedDate?: string | null;
    /**
     * [`SERVICE_TYPE`](super::codes::SERVICE_TYPE).
     */
    ServiceTypeId?: number | null;
    /**
     * [`CARRIER`](super::codes::CARRIER).
     */
    CarrierId?: number | null;
    /**
     * [`PAYMENT_METHOD`](super::codes::PAYMENT_METHOD).
     */
    PaymentMethodId?: number | null;
    /**
     * [`PAYMENT_STATUS`](super::codes::PAYMENT_STATUS): 74 authorize and capture, 75
     * authorize only, 86 prior auth capture.
     */
    PaymentStatusId?: number | null;
    /**
     * [`PAYMENT_GATEWAY`](super::codes::PAYMENT_GATEWAY).
     */
    PaymentGatewayId?: number | null;
    /**
     * [`DISCOUNT_TYPE`](super::codes::DISCOUNT_TYPE).
     */
    DiscountTypeId?: number | null;
}

/**
 * As JavaScript sees it, this is `CommerceKitError.details` (declared by tsify as
 * `ErrorDetails`, a union discriminated by `code`), and `ErrorCode` is its `code`: the
 * variants here are the one list of error codes.
 */
export type ErrorDetails = { code: "invalid_request"; errors: FieldError[] } | { code: "network"; message: string } | { code: "timeout"; after_ms: number } | { code: "aborted" } | { code: "rate_limited"; retry_after_seconds: number | null } | { code: "unauthorized"; status: number; message: string } | { code: "proxy"; status: number; proxy_code: string; message: string; retry_after_seconds?: number; not_sent: boolean } | { code: "already_exists"; message: string } | { code: "vendor"; status: number; vendor_code: string | null; message: string; retry_after_seconds?: number } | { code: "outcome_unknown"; operation: string; attempts: number; check: string; last_error: ErrorDetails } | { code: "not_proxy"; status: number; message: string } | { code: "invalid_response"; issues: ValidationIssue[]; unlisted: number } | { code: "not_initialised"; called: string };

/**
 * How a [`CreateFulfillmentOrder::send_safely`] ended.
 */
export type S2CreateOutcome = { outcome: "created"; fulfillment: S2FulfillmentOrder } | { outcome: "already_created"; channelFulfillmentId: string };

/**
 * Loose text: `remarks` may arrive as `null` and decodes as `""`.
 */
export interface PartnerProduct {
    sku: string;
    /**
     * The UPC; loose text: `""` or `null` (no barcode) decodes as `""`.
     */
    upc: string;
    title: string;
    is_parent: boolean;
    /**
     * Free text; the seed shows JSON text in it (`"{\"masked_data\":\"masked\"}"`).
     */
    remarks: string;
    case_pack: number;
    /**
     * URL of the main image. Loose text: `null` (a back end's "none") decodes as `""`.
     */
    image_main: string;
    package_length_mm: number;
    package_width_mm: number;
    package_height_mm: number;
    shipping_weight_kg: number;
    case_length_mm: number;
    case_width_mm: number;
    case_height_mm: number;
    case_weight_kg: number;
    /**
     * e.g. `"Headphones"`. Loose text: `null` (a back end's "none") decodes as `""`.
     */
    category: string;
}

/**
 * Loose text: `remarks` may arrive as `null` and decodes as `""`.
 */
export interface PartnerPurchaseOrder {
    /**
     * RFC 3339; null until the order is complete.
     */
    completion_date?: string | null;
    /**
     * RFC 3339.
     */
    created_at: string;
    /**
     * Expected arrival, RFC 3339. Loose text: `""` or `null` while no arrival is expected yet decodes as `""`.
     */
    eta: string;
    from_supplier: PartnerSupplier;
    id: number;
    items: PartnerPurchaseOrderItem[];
    remarks: string;
    /**
     * e.g. `"pending"`.
     */
    status: string;
    to_warehouse_id: string;
    /**
     * RFC 3339.
     */
    updated_at: string;
}

/**
 * Loose text: `remarks` may arrive as `null` and decodes as `""`.
 */
export interface S2Product {
    id: string;
    organization: S2Organization;
    sku: string;
    brand: S2Brand;
    /**
     * Global Trade Item Number; `""` when unknown. Loose text: `null` (a back end's "none") decodes as `""`.
     */
    gtin: string;
    name: string;
    remarks: string;
    /**
     * Path or URL of the main image; `""` when none. Loose text: `null` (a back end's "none") decodes as `""`.
     */
    imageMain: string;
    packageLengthMm: number;
    packageWidthMm: number;
    packageHeightMm: number;
    shippingWeightKg: number;
    /**
     * e.g. `"EACH"`, `"CARTON"`. Loose text: `null` (a back end's "none") decodes as `""`.
     */
    caseUnit: string;
    casePack: number;
    caseLengthMm: number;
    caseWidthMm: number;
    caseHeightMm: number;
    caseWeightKg: number;
    /**
     * e.g. `"NEW"`. Loose text: `null` (a back end's "none") decodes as `""`.
     */
    condition: string;
    serialNumberRequired: boolean;
    expiryDateRequired: boolean;
    unknown: boolean;
    createdAt: string;
    updatedAt: string;
    otherIds: string[];
}

/**
 * Loose text: `tracking_number` and `tracking_url` may arrive as `null` (not shipped)
 * and decode as `""`.
 */
export interface S2FulfillmentShipment {
    id: string;
    fulfillmentId: string;
    manifestId?: string | null;
    channelShipmentId?: string | null;
    /**
     * e.g. `"CREATED"`.
     */
    status: string;
    meta: unknown;
    shippingCarrier: S2ShippingCarrier;
    /**
     * `""` until shipped.
     */
    trackingNumber: string;
    trackingUrl: string;
    items: S2FulfillmentShipmentItem[];
    labels: S2ShipmentLabel[];
    /**
     * Undocumented shape (`[]` in the seed).
     */
    packages: unknown[];
    createdAt: string;
    updatedAt: string;
}

/**
 * Loose text: `tracking_number` and `tracking_url` may arrive as `null` and decode as `""`.
 */
export interface S2ShipmentLabel {
    id: string;
    /**
     * The key is `type` on the wire, e.g. `"PREPAID"`.
     */
    type: string;
    carrier: string;
    trackingNumber: string;
    trackingUrl: string;
    amount: number;
    /**
     * e.g. `"USD"`.
     */
    amountCurrency: string;
    filePath: string;
    /**
     * Null for a prepaid label; undocumented shape otherwise.
     */
    purchasedLabel?: unknown;
    createdAt: string;
    updatedAt: string;
}

/**
 * One SKU's quantities in the warehouse.
 */
export interface PartnerInventorySupply {
    sku: string;
    /**
     * The vendor spells the key `quantity_avaliable`; so does the decoded JSON.
     */
    quantity_avaliable: number;
    quantity_pending: number;
    quantity_hold: number;
}

/**
 * One element of the array `GET /purchase-order` answers with.
 */
export interface PartnerPurchaseOrderPage {
    items: PartnerPurchaseOrder[];
    /**
     * Pass back as `next_token` for the next page. Documented as always present.
     */
    next_token: string;
}

/**
 * One hit: where the document lives in Elasticsearch and its indexed copy. The live
 * record is in the answer's `system_products` / `system_orders`.
 */
export interface EsHit {
    /**
     * e.g. `"products--------2020-09-02-08-31-08"`.
     */
    _index: string;
    /**
     * `"_doc"`; newer Elasticsearch versions leave it out.
     */
    _type?: string;
    /**
     * The Stock2Shop id, as a string (`"62777"`).
     */
    _id: string;
    /**
     * Null when sorting by something other than the score.
     */
    _score?: number | null;
    /**
     * The indexed document (the seed shows `{}`).
     */
    _source: Record<string, unknown>;
    /**
     * The sort values of this hit (`[1609835104000]`), when the search sorts.
     */
    sort?: unknown[];
}

/**
 * One problem with a request, naming the field by path (`items[2].quantity`).
 */
export interface FieldError {
    /**
     * The field's path in the request, e.g. `items[2].quantity`.
     */
    field: string;
    /**
     * What is wrong, e.g. `must be at least 1`.
     */
    message: string;
}

/**
 * One product to queue: where it comes from, and its data.
 */
export interface QueuedProduct {
    source: QueuedProductSource;
    product: QueuedProductData;
}

/**
 * One product's inventory in one warehouse.
 */
export interface S2Item {
    warehouseId: string;
    level: S2Level;
}

/**
 * One product-to-category mapping of `POST /api/category/productcategory`: the
 * product and category codes, named as elsewhere in the document.
 */
export interface SellersProductCategory {
    ProductCode?: string | null;
    CategoryCode?: string | null;
}

/**
 * Parameters of `listFulfillments` / `listPurchaseOrders` (async iterators).
 */
export interface ListByIdsParams {
    idList?: number[] | null;
    /**
     * Stop after this many items.
     */
    limit?: number | null;
}

/**
 * Parameters of `listProducts` (async iterator).
 */
export interface LimitParams {
    limit?: number | null;
}

/**
 * Parameters of `queueOrder`: a channel's `client_id` and `id` from `listChannels()`.
 */
export interface QueueOrderParams {
    clientId: number;
    channelId: number;
}

/**
 * Parameters of `queueProducts`.
 */
export interface QueueProductsParams {
    /**
     * The source the products come from (an `id` of `listSources()`); every product's
     * `source.source_id` must be the same.
     */
    sourceId: number;
}

/**
 * The answer of `POST /v1/orders/elastic_search`.
 */
export interface SystemOrderSearch {
    /**
     * Milliseconds Elasticsearch took.
     */
    took: number;
    timed_out: boolean;
    _shards: EsShards;
    /**
     * The indexed copies; `hits.total` counts every match (for paging).
     */
    hits: EsHits;
    /**
     * The query Stock2Shop ran, its own filters included.
     */
    request: EsRequestEcho;
    /**
     * The live records of the hits, in hit order.
     */
    system_orders: SystemOrder[];
    /**
     * Milliseconds Stock2Shop took.
     */
    took_s2s: number;
}

/**
 * The answer of `POST /v1/products/elastic_search`.
 */
export interface SystemProductSearch {
    /**
     * Milliseconds Elasticsearch took.
     */
    took: number;
    timed_out: boolean;
    _shards: EsShards;
    /**
     * The indexed copies; `hits.total` counts every match (for paging).
     */
    hits: EsHits;
    /**
     * The query Stock2Shop ran, its own filters included.
     */
    request: EsRequestEcho;
    /**
     * The live records of the hits, in hit order: use these rather than `hits`, which
     * may lag behind.
     */
    system_products: SystemProduct[];
    /**
     * Milliseconds Stock2Shop took.
     */
    took_s2s: number;
}

/**
 * The answer of `POST /v2-queue/order`.
 */
export interface QueueOrderResponse {
    /**
     * `"order received"`.
     */
    message: string;
    queue_messages: QueueMessage[];
}

/**
 * The answer of both grants, as the document shows it.
 */
export interface SellersTokenResponse {
    /**
     * Sent as `Authorization: bearer <access_token>`.
     */
    access_token: string;
    /**
     * `"bearer"`.
     */
    token_type: string;
    /**
     * Seconds the access token is valid for: 3599.
     */
    expires_in: number;
    /**
     * For [`TokenRefresh`], within four hours.
     */
    refresh_token: string;
}

/**
 * The answer of both user calls: `{"system_user": {...}}`.
 */
export interface SystemUserResponse {
    system_user: SystemUser;
}

/**
 * The body of `DELETE /api/category/category`. The document says only that the
 * operation "will delete the Category" and gives `ActionId` a code table; that the
 * category and the action travel in a JSON body, and under these names, is inferred.
 * Both are optional; when given, checked.
 */
export interface SellersCategoryDelete {
    /**
     * The category removed (as `get/{categorycode}` names it). Inferred, not documented
     * as a body field; when given, not blank.
     */
    CategoryCode?: string | null;
    /**
     * [`ACTION`](super::codes::ACTION): 1 remove the category and its mapping, 2 remove
     * its mapping from the parent. The column is documented, its place in this body
     * inferred; when given, one of the two.
     */
    ActionId?: number | null;
}

/**
 * The body of `POST /api/order/paymentinformation`: the values the document's sentence
 * names ("transaction number, Authorization code is required") and the order. The
 * document gives no field names: all three are inferred (the order's as in the OData
 * examples), so all are optional; other fields the vendor takes can be sent as JSON
 * alongside them.
 */
export interface SellersPaymentInformation {
    /**
     * The order captured. Inferred name, not documented.
     */
    OrderNumber?: string | null;
    /**
     * The payment gateway's transaction number. Inferred name, not documented.
     */
    TransactionNumber?: string | null;
    /**
     * The authorization code of the authorized payment ("required", says the document,
     * which does not name the field). Inferred name, not documented.
     */
    AuthorizationCode?: string | null;
}

/**
 * The body of `POST /api/order/updateorderstatus`: the order and the status to set.
 */
export interface SellersOrderStatusUpdate {
    /**
     * The order ("the given OrderNumber", the document's name).
     */
    OrderNumber?: string | null;
    /**
     * The document's "Order Post Status", as the code table's column
     * [`ORDER_STATUS`](super::codes::ORDER_STATUS) (35 "Processing Order"...). Inferred
     * name, not documented; when given, not `null`.
     */
    OrderStatusId?: number;
}

/**
 * The body of `POST /fulfillment`.
 */
export interface S2NewFulfillmentOrder {
    /**
     * Only for a fulfillment of an existing order; leave out for a standalone one.
     */
    orderId?: string;
    /**
     * Only for a fulfillment of an existing RMA; leave out for a standalone one.
     */
    rmaId?: string;
    /**
     * The shipping address. Every field is required; pass `""` where there is no value.
     * `countryId` is ISO 3166-1 alpha-2 (`"US"`).
     */
    address: S2Address;
    /**
     * The warehouse to fulfill from; the vendor picks one at random when left out.
     */
    warehouseId?: string;
    /**
     * The channel's own fulfillment id. Unique per organization: a second create with
     * the same id fails with 409 `ALREADY_EXISTS`.
     */
    channelFulfillmentId?: string;
    /**
     * Only when there is no `orderId` (an order brings its own account).
     */
    orderAccountId?: string;
    /**
     * The code of the related account (see the Account page of the S2 web app).
     */
    accountCode?: string;
    /**
     * `0` B2C (the default when left out), `1` B2B, `2` FBA.
     */
    orderType?: S2OrderType;
    /**
     * `""` or `"standard"` when there is no particular method.
     */
    shippingMethod: string;
    /**
     * What to fulfill: at least one item.
     */
    items: S2NewFulfillmentItem[];
    /**
     * Each shipment carries some of `items`.
     */
    shipments: S2NewFulfillmentShipment[];
    /**
     * Pass `[]` when there are none.
     */
    attachments: S2NewFulfillmentAttachment[];
    additionalReferenceIds?: string[];
    /**
     * Whether delivery needs a signature.
     */
    signatureRequired?: boolean;
    /**
     * `0` SPD, `1` PICKUP, `2` LTL.
     */
    method?: S2FulfillmentMethod;
    customerNote?: string;
}

/**
 * The body of `POST /fulfillment`. The seed gives an example with every key and no
 * list of required ones; the fields a shipment cannot do without are required here
 * (recipient, first address line, city, country, warehouse, items), the rest optional.
 */
export interface NewPartnerFulfillment {
    address1: string;
    address2?: string;
    address3?: string;
    city: string;
    /**
     * ISO 3166-1 alpha-2, e.g. `"AU"`.
     */
    country_id: string;
    /**
     * The id of the warehouse that ships it (`"system_84"`), from `GET /warehouse`.
     */
    fulfillment_warehouse_id: string;
    items: PartnerFulfillmentItem[];
    /**
     * The recipient.
     */
    name: string;
    phone?: string;
    province?: string;
    /**
     * e.g. `"standard"`.
     */
    shipping_method?: string;
    zip?: string;
}

/**
 * The body of `POST /purchase-order`. The seed lists no required keys; every key of its
 * example is required here except `remarks`.
 */
export interface NewPartnerPurchaseOrder {
    /**
     * Expected arrival, RFC 3339: `"2022-09-30T21:06:03.806Z"`.
     */
    eta: string;
    /**
     * A supplier id from `GET /supplier`.
     */
    from_supplier_id: number;
    items: NewPartnerPurchaseOrderItem[];
    remarks?: string;
    /**
     * A warehouse id from `GET /warehouse` (`"system_73"`).
     */
    to_warehouse_id: string;
}

/**
 * The body of `POST /v1/images/queue`.
 */
export interface QueueImagesBody {
    system_images: QueuedImage[];
}

/**
 * The body of `POST /v1/products/queue`.
 */
export interface QueueProductsBody {
    /**
     * At least one; batching many products per request is recommended.
     */
    system_products: QueuedProduct[];
}

/**
 * The body of `POST /v1/users/authenticate`.
 */
export interface AuthenticateBody {
    system_user_auth: SystemUserAuth;
}

/**
 * The customer of an order. Each field may be null (the addresses show the vendor
 * sends null for what it does not have).
 */
export interface SystemOrderCustomer {
    /**
     * The channel's customer id; missing until synced.
     */
    channel_customer_code?: string | null;
    email?: string | null;
    first_name?: string | null;
    last_name?: string | null;
}

/**
 * The four clause lists of a bool query. An empty list is not sent.
 */
export interface EsBoolQuery {
    /**
     * Clauses that must match, and count towards the score.
     */
    must?: EsClause[];
    /**
     * Clauses that must match, without scoring (the usual place for exact filters).
     */
    filter?: EsClause[];
    /**
     * Clauses that should match; with `must` or `filter` present they only score,
     * unless `minimum_should_match` says otherwise.
     */
    should?: EsClause[];
    /**
     * Clauses that must not match.
     */
    must_not?: EsClause[];
    /**
     * How many `should` clauses must match: a count (`1`) or a percentage (`"75%"`).
     */
    minimum_should_match?: number | string;
}

/**
 * The parameters of `portalAdminSendExportEmail`; its body is the next argument.
 */
export interface SellersExportEmailParams {
    exportName: string;
    exportedBy: string;
}

/**
 * The product's data. Only `title` and `variants` are in the minimum example.
 */
export interface QueuedProductData {
    options?: QueuedProductOption[];
    body_html?: string;
    collection?: string;
    product_type?: string;
    tags?: string;
    title: string;
    vendor?: string;
    /**
     * ONE variant object, not a list: both of the seed's examples send it that way.
     */
    variants: QueuedVariant;
    meta?: QueuedProductMeta[];
}

/**
 * The response of `GET /inventory/overview`. Levels reference products and warehouses
 * by id; the vendor does not promise every referenced id is listed.
 */
export interface S2InventoryOverview {
    warehouses: S2Warehouse[];
    products: S2Product[];
    items: S2Item[];
}

/**
 * The response of `POST /fulfillment`: the created fulfillment order.
 *
 * The `order*` fields describe the order it fulfills; they are null for a standalone
 * fulfillment (no `orderId` in the request).
 */
export interface S2FulfillmentOrder {
    id: string;
    /**
     * e.g. `"CREATED"`.
     */
    status: string;
    address: S2Address;
    /**
     * Null unless the request set one.
     */
    channelFulfillmentId?: string | null;
    /**
     * Free-form.
     */
    meta: unknown;
    warehouse: S2Warehouse;
    warehousePickId: string;
    shippingMethod: string;
    items: S2FulfillmentOrderItem[];
    createdAt: string;
    updatedAt: string;
    attachments: S2FulfillmentAttachment[];
    shipments: S2FulfillmentShipment[];
    orderOrganization?: S2Organization | null;
    shipByDate?: string | null;
    deliverByDate?: string | null;
    customerNote?: string | null;
    /**
     * The order's reference ids; entries may be `""`.
     */
    referenceIds: string[];
    orderId?: string | null;
    /**
     * RFC 3339.
     */
    orderDate?: string | null;
    orderAccountId?: string | null;
    orderChannelOrderId?: string | null;
}

/**
 * The seed's "minimum required information" sends every field here, numbers and
 * booleans as strings; so does this type (`"source_id": "123"`, `"product_active": "true"`).
 */
export interface QueuedProductSource {
    /**
     * The source, as in the `source_id` query parameter. Sent as a string.
     */
    source_id: number;
    /**
     * Whether the product is active on the source. Sent as `"true"`/`"false"`.
     */
    product_active: boolean;
    source_product_code: string;
    /**
     * `"0"` in both examples.
     */
    sync_token: string;
    /**
     * `"0"` in both examples.
     */
    fetch_token: string;
}

/**
 * The status body: the answer to the writes, and the shape of the vendor's errors.
 * `StatusCode` 20 (`Results: "Processed"`) is success; the others are in
 * [`codes::RESPONSE_CODES`].
 */
export interface SellersStatusResponse {
    /**
     * `"Processed"`, `"OrderNotExist"`...
     */
    Results: string;
    /**
     * Loose text: an ASP.NET back end may send `null`, which decodes as `""`.
     */
    ResponseMessage: string;
    /**
     * 20 to 36; see [`error_code_meaning`].
     */
    StatusCode: number;
}

/**
 * The variant of a queued product.
 */
export interface QueuedVariant {
    source_variant_code: string;
    sku: string;
    barcode?: string;
    qty?: number;
    qty_availability?: SystemQtyAvailability[];
    price?: number;
    price_tiers?: SystemPriceTier[];
    /**
     * Sent as `"true"`/`"false"`, as in the seed.
     */
    inventory_management?: boolean;
    grams?: number;
    option1?: string;
    option2?: string;
    option3?: string;
}

/**
 * Which product (and optionally which variant) the image belongs to.
 */
export interface QueuedImageSource {
    /**
     * Sent as a number, as in the seed's image examples (`57`); loose like every
     * `source_id` of this API.
     */
    source_id: number;
    source_product_code: string;
    /**
     * Links the image to one variant; leave out for a product image.
     */
    source_variant_code?: string;
}

/**
 * `GET /api/PortalAdmin/IsEmailOrUserNameExists`: Whether an email or username is taken (undocumented). Build it, or pass its fields (camelCase) to the JS method.
 */
export interface PortalAdminIsEmailOrUserNameExists {
    /**
     * The email or username to look up.
     */
    param: string;
    userId: string;
    isContact: boolean;
}

/**
 * `GET /api/PortalAdmin/RedirectURL`: A provider's redirect URL (undocumented). Build it, or pass its fields (camelCase) to the JS method.
 */
export interface PortalAdminRedirectUrl {
    providerId: string;
    type: string;
}

/**
 * `GET /api/category/getall`: Every category, optionally filtered and ordered (OData). Build it, or pass its fields (camelCase) to the JS method.
 */
export interface CategoryGetAll {
    /**
     * `$filter`: `"OrderStatusId eq 9"` (from Rust, also an `odata::Filter`).
     */
    filter?: string | null;
    /**
     * `$orderby`: `"OrderNumber desc"`, several keys comma-separated.
     */
    orderBy?: string | null;
}

/**
 * `GET /api/category/getallbrands`: Every brand, optionally filtered and ordered (OData). Build it, or pass its fields (camelCase) to the JS method.
 */
export interface CategoryGetAllBrands {
    /**
     * `$filter`: `"OrderStatusId eq 9"` (from Rust, also an `odata::Filter`).
     */
    filter?: string | null;
    /**
     * `$orderby`: `"OrderNumber desc"`, several keys comma-separated.
     */
    orderBy?: string | null;
}

/**
 * `GET /api/embellishments/getall`: Every embellishment, optionally filtered and ordered (OData). Build it, or pass its fields (camelCase) to the JS method.
 */
export interface EmbellishmentsGetAll {
    /**
     * `$filter`: `"OrderStatusId eq 9"` (from Rust, also an `odata::Filter`).
     */
    filter?: string | null;
    /**
     * `$orderby`: `"OrderNumber desc"`, several keys comma-separated.
     */
    orderBy?: string | null;
}

/**
 * `GET /api/order/getall`: Orders, optionally filtered and ordered (OData). Build it, or pass its fields (camelCase) to the JS method.
 */
export interface OrderGetAll {
    /**
     * `$filter`: `"OrderStatusId eq 9"` (from Rust, also an `odata::Filter`).
     */
    filter?: string | null;
    /**
     * `$orderby`: `"OrderNumber desc"`, several keys comma-separated.
     */
    orderBy?: string | null;
}

/**
 * `GET /api/order/getorders`: Orders, optionally filtered and ordered (OData). Build it, or pass its fields (camelCase) to the JS method.
 */
export interface OrderGetOrders {
    /**
     * `$filter`: `"OrderStatusId eq 9"` (from Rust, also an `odata::Filter`).
     */
    filter?: string | null;
    /**
     * `$orderby`: `"OrderNumber desc"`, several keys comma-separated.
     */
    orderBy?: string | null;
}

/**
 * `GET /api/product/getall`: Products, optionally filtered and ordered (OData). Build it, or pass its fields (camelCase) to the JS method.
 */
export interface ProductGetAll {
    /**
     * `$filter`: `"OrderStatusId eq 9"` (from Rust, also an `odata::Filter`).
     */
    filter?: string | null;
    /**
     * `$orderby`: `"OrderNumber desc"`, several keys comma-separated.
     */
    orderBy?: string | null;
}

/**
 * `GET /api/product/getallproducts`: Products, optionally filtered and ordered (OData). Build it, or pass its fields (camelCase) to the JS method.
 */
export interface ProductGetAllProducts {
    /**
     * `$filter`: `"OrderStatusId eq 9"` (from Rust, also an `odata::Filter`).
     */
    filter?: string | null;
    /**
     * `$orderby`: `"OrderNumber desc"`, several keys comma-separated.
     */
    orderBy?: string | null;
}

/**
 * `GET /api/product/getallproductskus`: SKUs in the store, a page at a time (top/skip), optionally of one product. Build it, or pass its fields (camelCase) to the JS method.
 */
export interface ProductGetAllProductSkus {
    /**
     * At most this many SKUs (`top`); at least 1.
     */
    top?: number | null;
    /**
     * Skip this many SKUs first (`skip`).
     */
    skip?: number | null;
    /**
     * Only the SKUs of the product with this Sellers Commerce id (`SCproductID`).
     */
    scProductId?: number | null;
    /**
     * Only the SKUs of the product with this code (`ProductCode`); blank is not sent.
     */
    productCode?: string | null;
}

/**
 * `GET /api/product/getallsuppliers`: Every supplier, optionally filtered and ordered (OData). Build it, or pass its fields (camelCase) to the JS method.
 */
export interface ProductGetAllSuppliers {
    /**
     * `$filter`: `"OrderStatusId eq 9"` (from Rust, also an `odata::Filter`).
     */
    filter?: string | null;
    /**
     * `$orderby`: `"OrderNumber desc"`, several keys comma-separated.
     */
    orderBy?: string | null;
}

/**
 * `GET /api/return/getall`: Return requests, optionally filtered and ordered (OData). Build it, or pass its fields (camelCase) to the JS method.
 */
export interface ReturnGetAll {
    /**
     * `$filter`: `"OrderStatusId eq 9"` (from Rust, also an `odata::Filter`).
     */
    filter?: string | null;
    /**
     * `$orderby`: `"OrderNumber desc"`, several keys comma-separated.
     */
    orderBy?: string | null;
}

/**
 * `GET /api/shopper/getall`: Shoppers with their addresses, optionally filtered and ordered (OData). Build it, or pass its fields (camelCase) to the JS method.
 */
export interface ShopperGetAll {
    /**
     * `$filter`: `"OrderStatusId eq 9"` (from Rust, also an `odata::Filter`).
     */
    filter?: string | null;
    /**
     * `$orderby`: `"OrderNumber desc"`, several keys comma-separated.
     */
    orderBy?: string | null;
}

/**
 * `GET /fulfillment`: Fulfillments with their items and shipments, a page at a time. Build it, or pass its fields (camelCase) to the JS method.
 */
export interface ListFulfillments {
    /**
     * Only these ids. Sent as ONE comma-separated query parameter,
     * `id_list=120724,119804` (not repeated); an empty list sends nothing.
     */
    idList?: number[] | null;
    /**
     * The `next_token` of the previous page. A blank token is not sent.
     */
    nextToken?: string | null;
}

/**
 * `GET /inventory-supply`: Available, pending and held quantities per SKU in one warehouse. Build it, or pass its fields (camelCase) to the JS method.
 */
export interface GetInventorySupply {
    /**
     * A warehouse id such as `"system_69"`, from `GET /warehouse`.
     */
    warehouseId: string;
    /**
     * Only these SKUs. Sent as ONE comma-separated query parameter,
     * `sku_list=h516-ozd4,j40c-20s3` (not repeated); an empty list sends nothing,
     * and an empty SKU in the list is an error.
     */
    skuList?: string[] | null;
}

/**
 * `GET /product`: Available products with dimensions and case packing, a page at a time. Build it, or pass its fields (camelCase) to the JS method.
 */
export interface ListProducts {
    /**
     * The `next_token` of the previous page. A blank token is not sent.
     */
    nextToken?: string | null;
}

/**
 * `GET /purchase-order`: Purchase orders with their items, as an array of pages. Build it, or pass its fields (camelCase) to the JS method.
 */
export interface ListPurchaseOrders {
    /**
     * Only these ids. Sent as ONE comma-separated query parameter; an empty
     * list sends nothing.
     */
    idList?: number[] | null;
    /**
     * The `next_token` of the previous page. A blank token is not sent.
     */
    nextToken?: string | null;
}

/**
 * `_shards` of a search answer.
 */
export interface EsShards {
    total: number;
    successful: number;
    skipped: number;
    failed: number;
}

/**
 * `hits` of a search answer.
 */
export interface EsHits {
    /**
     * How many documents match (Elasticsearch caps the count at 10 000). A number in the
     * seed; Elasticsearch 7 answers `{"value": 27, "relation": "eq"}` by default, which
     * is accepted and normalised to the number (in Rust and in the browser, so the
     * TypeScript type stays `number`), its relation kept in
     * [`total_relation`](Self::total_relation).
     */
    total: number;
    /**
     * How exact [`total`](Self::total) is, from Elasticsearch 7's object: `"eq"` exact,
     * `"gte"` a lower bound (a dashboard says "10,000+"). `None` when the answer spelt
     * the count as a bare number, which is exact. Not a field of the wire: decoding sets
     * it beside `total` (in Rust and in the browser).
     */
    total_relation?: string | null;
    /**
     * Null when sorting by something other than the score.
     */
    max_score?: number | null;
    hits: EsHit[];
}

/**
 * `request` of a search answer: the query Stock2Shop ran against Elasticsearch,
 * including the filters it adds.
 */
export interface EsRequestEcho {
    url: string;
    /**
     * `"POST"`.
     */
    method: string;
    body: EsSearch;
}

/**
 * `{"bool": {...}}`: the documented queries are bool queries.
 */
export interface EsQuery {
    bool: EsBoolQuery;
}

/**
 * `{"system_channels": [...]}`.
 */
export interface SystemChannels {
    system_channels: SystemChannel[];
}

/**
 * `{"system_images": {"sync_image": 1}}`.
 */
export interface QueueImagesResponse {
    system_images: SyncImageCount;
}

/**
 * `{"system_products": {"sync_product": 1}}`.
 */
export interface QueueProductsResponse {
    system_products: SyncProductCount;
}

/**
 * `{"system_sources": [...]}`.
 */
export interface SystemSources {
    system_sources: SystemSource[];
}

/** The parameters of `getInventorySupply` (see `GetInventorySupply`). */
export type InventorySupplyParams = GetInventorySupply;

/** The parameters of `listFulfillmentsPage` (see `ListFulfillments`). */
export type ListByIdsPageParams = ListFulfillments;

/** The parameters of `listProductsPage` (see `ListProducts`). */
export type PageParams = ListProducts;

/** The parameters of `portalAdminIsEmailOrUserNameExists` (see `PortalAdminIsEmailOrUserNameExists`). */
export type SellersEmailOrUserNameParams = PortalAdminIsEmailOrUserNameExists;

/** The parameters of `portalAdminRedirectUrl` (see `PortalAdminRedirectUrl`). */
export type SellersRedirectUrlParams = PortalAdminRedirectUrl;

/** The parameters of `productGetAllProductSkus` (see `ProductGetAllProductSkus`). */
export type SellersSkuPageParams = ProductGetAllProductSkus;

/** The parameters of `productGetAll` (see `ProductGetAll`). */
export type SellersODataParams = ProductGetAll;

export interface NewPartnerPurchaseOrderItem {
    quantity: number;
    sku: string;
}

export interface PartnerPurchaseOrderItem {
    /**
     * How many have arrived so far.
     */
    completed_quantity: number;
    quantity: number;
    sku: string;
}

export interface PartnerWarehouse {
    /**
     * e.g. `"system_73"`: the `warehouse_id` of `GET /inventory-supply`, the
     * `fulfillment_warehouse_id` and `to_warehouse_id` of new fulfillments and purchase orders.
     */
    id: string;
    name: string;
}

export interface QueuedImage {
    source: QueuedImageSource;
    image: QueuedImageData;
}

export interface QueuedImageData {
    /**
     * The ERP's id of the image (`"a"` in the seed).
     */
    image_id: string;
    /**
     * `"I"` in both of the seed's examples (insert); the document lists no others.
     */
    action: string;
    /**
     * The image file, base64 (standard alphabet, padded, no line breaks, no `data:`
     * prefix): a JPEG or a PNG of at most 2 MB.
     */
    image: string;
    /**
     * Text key-value pairs, e.g. `{"main_image": "true"}`.
     */
    meta?: Record<string, string>;
}

export interface QueuedProductMeta {
    key: string;
    value: string;
}

export interface QueuedProductOption {
    name: string;
    /**
     * 1 to 3 (`option1`..`option3` of the variant). Sent as a string (`"1"`).
     */
    position: number;
}

export interface S2Brand {
    id: string;
    name: string;
    nameNormalized: string;
    createdAt: string;
}

export interface S2FulfillmentAttachment {
    id: string;
    /**
     * Any Unicode file name.
     */
    fileName: string;
    path: string;
    createdAt: string;
    updatedAt: string;
}

export interface S2FulfillmentOrderItem {
    product: S2Product;
    channelFulfillmentItemId?: string | null;
    quantity: number;
    meta: unknown;
}

export interface S2FulfillmentShipmentItem {
    channelShipmentItemId?: string | null;
    product: S2Product;
    quantity: number;
    meta: unknown;
}

export interface S2Level {
    productId: string;
    available: number;
    incoming: number;
    /**
     * May be negative: the seed shows `-13` (more reserved than on hand).
     */
    reserved: number;
    updatedAt: string;
}

export interface S2NewFulfillmentAttachment {
    /**
     * Any Unicode file name (`"听雨 (24 x 26.25)_PFPWig.jpg"`).
     */
    fileName: string;
    /**
     * Path or URL of the file.
     */
    path: string;
}

export interface S2NewFulfillmentShipment {
    /**
     * Some of the order's items: every `productId` must be one of the order's, with at
     * most the order's quantity.
     */
    items: S2NewFulfillmentItem[];
    /**
     * Pre-generated shipping labels; `[]` when there are none.
     */
    prepaidLabels: S2PrepaidLabel[];
    /**
     * The carrier; the vendor uses `"OTHER"` when left out.
     */
    shippingCarrierId?: string;
    trackingNumber?: string;
}

export interface S2Organization {
    id: string;
    name: string;
    createdAt: string;
    updatedAt: string;
}

export interface S2PrepaidLabel {
    /**
     * Path or URL of the label file.
     */
    filePath: string;
}

export interface S2ShippingCarrier {
    /**
     * e.g. `"OTHER"`.
     */
    id: string;
    name: string;
    createdAt: string;
    updatedAt: string;
}

export interface S2Warehouse {
    id: string;
    organization: S2Organization;
    name: string;
    address: S2Address;
    dropshipper: boolean;
    fulfillmentCenter: boolean;
    rmaCenter: boolean;
    /**
     * e.g. `"METRIC"`.
     */
    unitSystem: string;
    /**
     * ISO 8601.
     */
    createdAt: string;
    /**
     * ISO 8601.
     */
    updatedAt: string;
}

export interface SyncImageCount {
    /**
     * How many images were queued.
     */
    sync_image: number;
}

export interface SyncProductCount {
    /**
     * How many products were queued.
     */
    sync_product: number;
}

export interface SystemUserRole {
    id: number;
    /**
     * e.g. `"product_meta_editor"`. A label; loose text: `null` decodes as `""`.
     */
    description: string;
}


/**
 * A client for the commerce-kit proxy.
 */
export class Client {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * `GET /inventory/overview` (S2): every warehouse, product and inventory level.
     * The same as `client.s2.getInventoryOverview()`.
     */
    getInventoryOverview(options?: CallOptions | null): Promise<Checked<S2InventoryOverview>>;
    /**
     * Signs in to the proxy (`POST /auth/login`); the session lives in an HttpOnly cookie.
     */
    login(username: string, password: string): Promise<SessionUser>;
    /**
     * Ends the session (`POST /auth/logout`).
     */
    logout(): Promise<void>;
    /**
     * The signed-in user, or null without a live session (`GET /auth/me`).
     */
    me(): Promise<SessionUser | null>;
    /**
     * A client of the proxy at `options.baseUrl` (default: the page's own origin);
     * throws `invalid_request` naming each bad option.
     */
    constructor(options?: ClientOptions | null);
    /**
     * The S2 Partner API.
     */
    readonly s2Partner: S2PartnerClient;
    /**
     * The S2 fulfillment-order and inventory API.
     */
    readonly s2: S2Client;
    /**
     * The Sellers Commerce Open API (the proxy runs the OAuth token grants).
     */
    readonly sellersCommerce: SellersCommerceClient;
    /**
     * Stock2Shop (the proxy logs in and adds the token).
     */
    readonly stock2shop: Stock2ShopClient;
}

export class S2Client {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * `POST /fulfillment`: creates a fulfillment order. With `channelFulfillmentId` set,
     * a lost answer is retried safely (honouring `Retry-After`, with backoff), a
     * duplicate found on retry, or on resubmitting a create whose outcome this client
     * did not learn, resolves as `{ outcome: "already_created" }`, and answers lost on
     * every attempt reject with code `outcome_unknown`; without it nothing is retried.
     * See `CreateFulfillmentOrder::send_safely`.
     */
    createFulfillmentOrder(body: S2NewFulfillmentOrder, options?: CallOptions | null): Promise<S2CreateOutcome>;
    /**
     * `GET /inventory/overview`: Every warehouse, product and inventory level of the organization. Resolves with the whole inventory in one response.
     */
    getInventoryOverview(options?: CallOptions | null): Promise<Checked<S2InventoryOverview>>;
}

export class S2PartnerClient {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * `POST /fulfillment`: creates a fulfillment (not idempotent: never retried).
     */
    createFulfillment(body: NewPartnerFulfillment, options?: CallOptions | null): Promise<PartnerFulfillment>;
    /**
     * `POST /purchase-order`: creates a purchase order (never retried).
     */
    createPurchaseOrder(body: NewPartnerPurchaseOrder, options?: CallOptions | null): Promise<PartnerPurchaseOrder>;
    /**
     * `GET /inventory-supply`: Available, pending and held quantities per SKU in one warehouse. Resolves with one entry per SKU.
     */
    getInventorySupply(params: GetInventorySupply, options?: CallOptions): Promise<Checked<PartnerInventorySupply[]>>;
    /**
     * `GET /fulfillment`: Fulfillments with their items and shipments, a page at a time. Resolves with one page and its `next_token`.
     */
    listFulfillmentsPage(params?: ListFulfillments | null, options?: CallOptions): Promise<Checked<PartnerFulfillmentPage>>;
    /**
     * `GET /fulfillment`, every page: `for await (const f of client.s2Partner.listFulfillments({ limit: 500 }))`.
     */
    listFulfillments(params?: ListByIdsParams | null, options?: CallOptions | null): PagedIterable<PartnerFulfillment>;
    /**
     * `GET /product`: Available products with dimensions and case packing, a page at a time. Resolves with one page (products under `item`, as the vendor sends them).
     */
    listProductsPage(params?: ListProducts | null, options?: CallOptions): Promise<Checked<PartnerProductPage>>;
    /**
     * `GET /product`, every page.
     */
    listProducts(params?: LimitParams | null, options?: CallOptions | null): PagedIterable<PartnerProduct>;
    /**
     * `GET /purchase-order`: Purchase orders with their items, as an array of pages. Resolves with one page, wrapped in an array as the vendor sends it.
     */
    listPurchaseOrdersPage(params?: ListPurchaseOrders | null, options?: CallOptions): Promise<Checked<PartnerPurchaseOrderPage[]>>;
    /**
     * `GET /purchase-order`, every page.
     */
    listPurchaseOrders(params?: ListByIdsParams | null, options?: CallOptions | null): PagedIterable<PartnerPurchaseOrder>;
    /**
     * `GET /supplier`: Every available supplier. Resolves with `Checked<PartnerSupplier[]>`.
     */
    listSuppliers(options?: CallOptions | null): Promise<Checked<PartnerSupplier[]>>;
    /**
     * `GET /warehouse`: Every available warehouse. Resolves with `Checked<PartnerWarehouse[]>`.
     */
    listWarehouses(options?: CallOptions | null): Promise<Checked<PartnerWarehouse[]>>;
}

export class SellersCommerceClient {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * `POST /api/category/categories`: Add or update categories. The body is an array of categories (at least one), documented fields type-checked, others sent as given. A missing parent is answered with code 32.
     */
    categoryCategories(body: SellersCategory[], options?: CallOptions | null): Promise<SellersStatusResponse>;
    /**
     * `GET /api/category/categoryproducts/{categorycode}`: The products tagged to one category. Resolves with `Checked<SellersProduct[]>`.
     */
    categoryCategoryProducts(category_code: string, options?: CallOptions | null): Promise<Checked<SellersProduct[]>>;
    /**
     * `DELETE /api/category/category`: Delete a category, or only its mapping from the parent (ActionId 1 or 2). `CategoryCode` and `ActionId` are inferred names (see `SellersCategoryDelete`), checked only when given. An unknown category is answered with code 31. Not idempotent.
     */
    categoryCategory(body: SellersCategoryDelete, options?: CallOptions | null): Promise<SellersStatusResponse>;
    /**
     * `GET /api/category/getallbrands`: Every brand, optionally filtered and ordered (OData). Free-form objects: the document names no brand field.
     */
    categoryGetAllBrands(params?: CategoryGetAllBrands | null, options?: CallOptions): Promise<Checked<SellersObject[]>>;
    /**
     * `GET /api/category/getall`: Every category, optionally filtered and ordered (OData). Resolves with `Checked<SellersCategory[]>`.
     */
    categoryGetAll(params?: CategoryGetAll | null, options?: CallOptions): Promise<Checked<SellersCategory[]>>;
    /**
     * `GET /api/category/get/{categorycode}`: One category by category code. Resolves with `SellersCategory`.
     */
    categoryGet(category_code: string, options?: CallOptions | null): Promise<SellersCategory>;
    /**
     * `POST /api/category/productcategory`: Map products to categories. An array of product-to-category mappings (at least one).
     */
    categoryProductCategory(body: SellersProductCategory[], options?: CallOptions | null): Promise<SellersStatusResponse>;
    /**
     * `GET /api/embellishments/getall`: Every embellishment, optionally filtered and ordered (OData). Free-form objects: the document names no embellishment field.
     */
    embellishmentsGetAll(params?: EmbellishmentsGetAll | null, options?: CallOptions): Promise<Checked<SellersObject[]>>;
    /**
     * `GET /api/embellishments/getproductembellishment`: The embellishments tagged to one product. Free-form objects.
     */
    embellishmentsGetProductEmbellishment(product_code: string, options?: CallOptions | null): Promise<Checked<SellersObject[]>>;
    /**
     * `GET /api/order/getall`: Orders, optionally filtered and ordered (OData). Filter on dates with `datetime'...'` literals, as the document's examples do.
     */
    orderGetAll(params?: OrderGetAll | null, options?: CallOptions): Promise<Checked<SellersOrder[]>>;
    /**
     * `GET /api/order/getorders`: Orders, optionally filtered and ordered (OData). The document describes it in the same words as `getall`.
     */
    orderGetOrders(params?: OrderGetOrders | null, options?: CallOptions): Promise<Checked<SellersOrder[]>>;
    /**
     * `GET /api/order/get/{ordernumber}`: One order by order number. An unknown one is answered with HTTP 404 and code 24 (`OrderNotExist`).
     */
    orderGet(order_number: string, options?: CallOptions | null): Promise<SellersOrder>;
    /**
     * `POST /api/order/OrderSamplePost`: Order sample post (undocumented: free-form body and answer).
     */
    orderOrderSamplePost(body: SellersObject, options?: CallOptions | null): Promise<unknown>;
    /**
     * `POST /api/order/paymentinformation`: Capture an authorized payment: order number, transaction number, authorization code. The three field names are inferred, checked only when given (text, not blank); the vendor refuses what it misses (30). Refusals: 27 (payment data exists), 28 (already captured). Not idempotent.
     */
    orderPaymentInformation(body: SellersPaymentInformation, options?: CallOptions | null): Promise<SellersStatusResponse>;
    /**
     * `POST /api/order/shippinginformation`: Post the shipping information of all items of an order. The document gives no field: the body is a JSON object, sent as given. Its refusals: 24 (no such order), 25 (SKU not in the order), 26 (quantity above what is left to ship).
     */
    orderShippingInformation(body: SellersObject, options?: CallOptions | null): Promise<SellersStatusResponse>;
    /**
     * `POST /api/order/updateorderstatus`: Change an order's status (e.g. placed to processing). `OrderNumber` not blank and `OrderStatusId` one of the order status codes, both checked only when given (`null` is refused: it sets no status).
     */
    orderUpdateOrderStatus(body: SellersOrderStatusUpdate, options?: CallOptions | null): Promise<SellersStatusResponse>;
    /**
     * `GET /api/PortalAdmin/Admin`: One portal administrator by user id (undocumented). Resolves with `unknown`.
     */
    portalAdminAdminGet(user_id: string, options?: CallOptions | null): Promise<unknown>;
    /**
     * `POST /api/PortalAdmin/Admin`: Save a portal administrator (undocumented).
     */
    portalAdminAdminPost(body: SellersObject, options?: CallOptions | null): Promise<unknown>;
    /**
     * `GET /api/PortalAdmin/Admins`: Portal administrators (undocumented). Resolves with `unknown`.
     */
    portalAdminAdmins(options?: CallOptions | null): Promise<unknown>;
    /**
     * `GET /api/PortalAdmin/AllRoles`: Every portal role (undocumented). Resolves with `unknown`.
     */
    portalAdminAllRoles(options?: CallOptions | null): Promise<unknown>;
    /**
     * `GET /api/PortalAdmin/GetUserByID`: One portal user by id (undocumented). Resolves with `unknown`.
     */
    portalAdminGetUserById(user_id: string, options?: CallOptions | null): Promise<unknown>;
    /**
     * `GET /api/PortalAdmin/IsEmailOrUserNameExists`: Whether an email or username is taken (undocumented). Resolves with `unknown`.
     */
    portalAdminIsEmailOrUserNameExists(params: PortalAdminIsEmailOrUserNameExists, options?: CallOptions): Promise<unknown>;
    /**
     * `POST /api/PortalAdmin/RaiseRequest`: Save a store closure request (undocumented body).
     */
    portalAdminRaiseRequest(body: SellersObject, options?: CallOptions | null): Promise<unknown>;
    /**
     * `GET /api/PortalAdmin/RedirectURL`: A provider's redirect URL (undocumented). Resolves with `unknown`.
     */
    portalAdminRedirectUrl(params: PortalAdminRedirectUrl, options?: CallOptions): Promise<unknown>;
    /**
     * `POST /api/PortalAdmin/RemoveAdmin`: Remove a portal administrator (undocumented).
     */
    portalAdminRemoveAdmin(body: SellersObject, options?: CallOptions | null): Promise<unknown>;
    /**
     * `POST /api/PortalAdmin/SendExportEmail`: Email an export (undocumented). The body is any JSON object (`{}` when left out).
     */
    portalAdminSendExportEmail(params: SellersExportEmailParams, body?: SellersObject, options?: CallOptions): Promise<unknown>;
    /**
     * `POST /api/PortalLogin/UpdateClientFeedBack`: Save client feedback (undocumented).
     */
    portalLoginUpdateClientFeedback(body: SellersObject, options?: CallOptions | null): Promise<unknown>;
    /**
     * `POST /api/PortalLogin/UpdateClosureForm`: Save a closure form (undocumented).
     */
    portalLoginUpdateClosureForm(body: SellersObject, options?: CallOptions | null): Promise<unknown>;
    /**
     * `GET /api/product/getallproductskus`: SKUs in the store, a page at a time (top/skip), optionally of one product. `top` at a time after skipping `skip`, optionally only those of one product.
     */
    productGetAllProductSkus(params?: ProductGetAllProductSkus | null, options?: CallOptions): Promise<Checked<SellersSku[]>>;
    /**
     * `GET /api/product/getallproducts`: Products, optionally filtered and ordered (OData). "The list of Products" (the document describes it in the same words as `getall`).
     */
    productGetAllProducts(params?: ProductGetAllProducts | null, options?: CallOptions): Promise<Checked<SellersProduct[]>>;
    /**
     * `GET /api/product/getallsuppliers`: Every supplier, optionally filtered and ordered (OData). The document names no supplier field: each is a free-form object.
     */
    productGetAllSuppliers(params?: ProductGetAllSuppliers | null, options?: CallOptions): Promise<Checked<SellersObject[]>>;
    /**
     * `GET /api/product/getall`: Products, optionally filtered and ordered (OData). "The list of Products".
     */
    productGetAll(params?: ProductGetAll | null, options?: CallOptions): Promise<Checked<SellersProduct[]>>;
    /**
     * `GET /api/product/getproducts`: Products (undocumented: free-form answer). Resolves with `unknown`.
     */
    productGetProducts(options?: CallOptions | null): Promise<unknown>;
    /**
     * `GET /api/product/get/{productcode}`: One product by product code. Resolves with `SellersProduct`.
     */
    productGet(product_code: string, options?: CallOptions | null): Promise<SellersProduct>;
    /**
     * `POST /api/product/products`: Add or update one product. The body is one product: the documented fields are type-checked, the vendor's others sent as given. A brand or category the store does not know is refused with code 35 or 36.
     */
    productProducts(body: SellersProduct, options?: CallOptions | null): Promise<SellersStatusResponse>;
    /**
     * `POST /api/product/updateskuinventory`: Update SKU inventory. The document gives no field: the body is a JSON object, or an array of them.
     */
    productUpdateSkuInventory(body: SellersObjects, options?: CallOptions | null): Promise<SellersStatusResponse>;
    /**
     * `POST /api/product/updateskuprice`: Update SKU prices. The document gives no field: the body is a JSON object, or an array of them. An unknown SKU is answered with code 34 (`InvalidSku`).
     */
    productUpdateSkuPrice(body: SellersObjects, options?: CallOptions | null): Promise<SellersStatusResponse>;
    /**
     * `GET /api/return/getall`: Return requests, optionally filtered and ordered (OData). Resolves with `Checked<SellersReturnRequest[]>`.
     */
    returnGetAll(params?: ReturnGetAll | null, options?: CallOptions): Promise<Checked<SellersReturnRequest[]>>;
    /**
     * `GET /api/return/get/{returnnumber}`: One return request by return number. Resolves with `SellersReturnRequest`.
     */
    returnGet(return_number: string, options?: CallOptions | null): Promise<SellersReturnRequest>;
    /**
     * `POST /api/return/return`: Create a return request for an order. The documented fields are type-checked, the vendor's others sent as given; an unknown order is answered with code 24 (`OrderNotExist`).
     */
    returnReturn(body: SellersReturnRequest, options?: CallOptions | null): Promise<SellersStatusResponse>;
    /**
     * `GET /api/shopper/getall`: Shoppers with their addresses, optionally filtered and ordered (OData). Resolves with `Checked<SellersShopper[]>`.
     */
    shopperGetAll(params?: ShopperGetAll | null, options?: CallOptions): Promise<Checked<SellersShopper[]>>;
    /**
     * `GET /api/shopper/get/{username}`: One shopper by username. An unknown one is answered with code 22 (`UserNotExists`).
     */
    shopperGet(username: string, options?: CallOptions | null): Promise<SellersShopper>;
    /**
     * `POST /api/shopper/shopperaddress`: Add or update shopper addresses. The document does not show how an address names its shopper: the body is a JSON object or an array of them, sent as given.
     */
    shopperShopperAddress(body: SellersObjects, options?: CallOptions | null): Promise<SellersStatusResponse>;
    /**
     * `POST /api/shopper/shoppers`: Add or update shoppers. The body is an array of shoppers (at least one): the documented fields are type-checked (`DOB` a date or an ISO 8601 date-time), the vendor's others sent as given.
     */
    shopperShoppers(body: SellersShopper[], options?: CallOptions | null): Promise<SellersStatusResponse>;
}

export class Stock2ShopClient {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * `GET /v1/channels`: Every sales channel of the account. `client_id` and `id` are what `queueOrder` takes.
     */
    listChannels(options?: CallOptions | null): Promise<Checked<SystemChannels>>;
    /**
     * `GET /v1/sources`: Every source (ERP) of the account, master and linked. An `id` is the `sourceId` of `queueProducts`. (The seed's "HTTP Request" line says `POST`; its example and heading say `GET`, which the catalogue follows.)
     */
    listSources(options?: CallOptions | null): Promise<Checked<SystemSources>>;
    /**
     * `POST /v1/images/queue`: queues base64 images (JPEG or PNG, at most 2 MB each;
     * checked before sending; never retried).
     */
    queueImages(body: QueueImagesBody, options?: CallOptions | null): Promise<QueueImagesResponse>;
    /**
     * `POST /v2-queue/order?client_id=&channel_id=`: queues a channel's order payload
     * (any non-empty JSON object, in the channel's own format; never retried).
     */
    queueOrder(params: QueueOrderParams, order: Record<string, unknown>, options?: CallOptions | null): Promise<QueueOrderResponse>;
    /**
     * `POST /v1/products/queue?source_id=`: queues products (never retried).
     */
    queueProducts(params: QueueProductsParams, body: QueueProductsBody, options?: CallOptions | null): Promise<QueueProductsResponse>;
    /**
     * `POST /v1/orders/elastic_search`: an Elasticsearch bool query over orders.
     */
    searchOrders(query?: EsSearch | null, options?: CallOptions | null): Promise<Checked<SystemOrderSearch>>;
    /**
     * `POST /v1/products/elastic_search`: an Elasticsearch bool query (no query: the
     * first 10 products). Page with `from` and `size`; `hits.total` counts all matches.
     */
    searchProducts(query?: EsSearch | null, options?: CallOptions | null): Promise<Checked<SystemProductSearch>>;
}

/**
 * Every operation the package knows.
 */
export function endpoints(): EndpointInfo[];

/**
 * The Sellers Commerce document's code tables (order status, carrier, service type,
 * payment method...), so that a client shows `FEDEX` where an order says `CarrierId: 8`.
 */
export function sellersCodeTables(): SellersCodeTable[];

/**
 * Validates a captured response body for an operation without sending anything.
 */
export function validateResponse(operationId: OperationId, body: Uint8Array | number[]): ValidationReport;

export type InitInput = string | URL | Request | Response | ArrayBuffer | ArrayBufferView | WasmModule;

export interface InitOutput {
    readonly memory: WasmHandle;
    readonly __wbg_client_free: (a: number, b: number) => void;
    readonly __wbg_responsedecoder_free: (a: number, b: number) => void;
    readonly __wbg_s2client_free: (a: number, b: number) => void;
    readonly __wbg_s2partnerclient_free: (a: number, b: number) => void;
    readonly __wbg_sellerscommerceclient_free: (a: number, b: number) => void;
    readonly __wbg_stock2shopclient_free: (a: number, b: number) => void;
    readonly client_getInventoryOverview: (a: number, b: number) => any;
    readonly client_login: (a: number, b: number, c: number, d: number, e: number) => any;
    readonly client_logout: (a: number) => any;
    readonly client_me: (a: number) => any;
    readonly client_new: (a: number) => [number, number, number];
    readonly client_s2: (a: number) => any;
    readonly client_s2Partner: (a: number) => any;
    readonly client_sellersCommerce: (a: number) => any;
    readonly client_stock2shop: (a: number) => any;
    readonly decodeResponse: (a: number, b: number, c: number, d: number) => [number, number, number];
    readonly endpoints: () => any;
    readonly responsedecoder_finish: (a: number) => [number, number, number];
    readonly responsedecoder_new: (a: number, b: number, c: number) => [number, number, number];
    readonly responsedecoder_push: (a: number, b: any) => void;
    readonly s2client_createFulfillmentOrder: (a: number, b: any, c: number) => any;
    readonly s2client_getInventoryOverview: (a: number, b: number) => any;
    readonly s2partnerclient_createFulfillment: (a: number, b: any, c: number) => any;
    readonly s2partnerclient_createPurchaseOrder: (a: number, b: any, c: number) => any;
    readonly s2partnerclient_getInventorySupply: (a: number, b: any, c: any) => any;
    readonly s2partnerclient_listFulfillments: (a: number, b: number, c: number) => [number, number, number];
    readonly s2partnerclient_listFulfillmentsPage: (a: number, b: any, c: any) => any;
    readonly s2partnerclient_listProducts: (a: number, b: number, c: number) => [number, number, number];
    readonly s2partnerclient_listProductsPage: (a: number, b: any, c: any) => any;
    readonly s2partnerclient_listPurchaseOrders: (a: number, b: number, c: number) => [number, number, number];
    readonly s2partnerclient_listPurchaseOrdersPage: (a: number, b: any, c: any) => any;
    readonly s2partnerclient_listSuppliers: (a: number, b: number) => any;
    readonly s2partnerclient_listWarehouses: (a: number, b: number) => any;
    readonly sellersCodeTables: () => any;
    readonly sellerscommerceclient_categoryCategories: (a: number, b: any, c: number) => any;
    readonly sellerscommerceclient_categoryCategory: (a: number, b: any, c: number) => any;
    readonly sellerscommerceclient_categoryCategoryProducts: (a: number, b: number, c: number, d: number) => any;
    readonly sellerscommerceclient_categoryGet: (a: number, b: number, c: number, d: number) => any;
    readonly sellerscommerceclient_categoryGetAll: (a: number, b: any, c: any) => any;
    readonly sellerscommerceclient_categoryGetAllBrands: (a: number, b: any, c: any) => any;
    readonly sellerscommerceclient_categoryProductCategory: (a: number, b: any, c: number) => any;
    readonly sellerscommerceclient_embellishmentsGetAll: (a: number, b: any, c: any) => any;
    readonly sellerscommerceclient_embellishmentsGetProductEmbellishment: (a: number, b: number, c: number, d: number) => any;
    readonly sellerscommerceclient_orderGet: (a: number, b: number, c: number, d: number) => any;
    readonly sellerscommerceclient_orderGetAll: (a: number, b: any, c: any) => any;
    readonly sellerscommerceclient_orderGetOrders: (a: number, b: any, c: any) => any;
    readonly sellerscommerceclient_orderOrderSamplePost: (a: number, b: any, c: number) => any;
    readonly sellerscommerceclient_orderPaymentInformation: (a: number, b: any, c: number) => any;
    readonly sellerscommerceclient_orderShippingInformation: (a: number, b: any, c: number) => any;
    readonly sellerscommerceclient_orderUpdateOrderStatus: (a: number, b: any, c: number) => any;
    readonly sellerscommerceclient_portalAdminAdminGet: (a: number, b: number, c: number, d: number) => any;
    readonly sellerscommerceclient_portalAdminAdminPost: (a: number, b: any, c: number) => any;
    readonly sellerscommerceclient_portalAdminAdmins: (a: number, b: number) => any;
    readonly sellerscommerceclient_portalAdminAllRoles: (a: number, b: number) => any;
    readonly sellerscommerceclient_portalAdminGetUserById: (a: number, b: number, c: number, d: number) => any;
    readonly sellerscommerceclient_portalAdminIsEmailOrUserNameExists: (a: number, b: any, c: any) => any;
    readonly sellerscommerceclient_portalAdminRaiseRequest: (a: number, b: any, c: number) => any;
    readonly sellerscommerceclient_portalAdminRedirectUrl: (a: number, b: any, c: any) => any;
    readonly sellerscommerceclient_portalAdminRemoveAdmin: (a: number, b: any, c: number) => any;
    readonly sellerscommerceclient_portalAdminSendExportEmail: (a: number, b: any, c: any, d: any) => any;
    readonly sellerscommerceclient_portalLoginUpdateClientFeedback: (a: number, b: any, c: number) => any;
    readonly sellerscommerceclient_portalLoginUpdateClosureForm: (a: number, b: any, c: number) => any;
    readonly sellerscommerceclient_productGet: (a: number, b: number, c: number, d: number) => any;
    readonly sellerscommerceclient_productGetAll: (a: number, b: any, c: any) => any;
    readonly sellerscommerceclient_productGetAllProductSkus: (a: number, b: any, c: any) => any;
    readonly sellerscommerceclient_productGetAllProducts: (a: number, b: any, c: any) => any;
    readonly sellerscommerceclient_productGetAllSuppliers: (a: number, b: any, c: any) => any;
    readonly sellerscommerceclient_productGetProducts: (a: number, b: number) => any;
    readonly sellerscommerceclient_productProducts: (a: number, b: any, c: number) => any;
    readonly sellerscommerceclient_productUpdateSkuInventory: (a: number, b: any, c: number) => any;
    readonly sellerscommerceclient_productUpdateSkuPrice: (a: number, b: any, c: number) => any;
    readonly sellerscommerceclient_returnGet: (a: number, b: number, c: number, d: number) => any;
    readonly sellerscommerceclient_returnGetAll: (a: number, b: any, c: any) => any;
    readonly sellerscommerceclient_returnReturn: (a: number, b: any, c: number) => any;
    readonly sellerscommerceclient_shopperGet: (a: number, b: number, c: number, d: number) => any;
    readonly sellerscommerceclient_shopperGetAll: (a: number, b: any, c: any) => any;
    readonly sellerscommerceclient_shopperShopperAddress: (a: number, b: any, c: number) => any;
    readonly sellerscommerceclient_shopperShoppers: (a: number, b: any, c: number) => any;
    readonly stock2shopclient_listChannels: (a: number, b: number) => any;
    readonly stock2shopclient_listSources: (a: number, b: number) => any;
    readonly stock2shopclient_queueImages: (a: number, b: any, c: number) => any;
    readonly stock2shopclient_queueOrder: (a: number, b: any, c: any, d: number) => any;
    readonly stock2shopclient_queueProducts: (a: number, b: any, c: any, d: number) => any;
    readonly stock2shopclient_searchOrders: (a: number, b: number, c: number) => any;
    readonly stock2shopclient_searchProducts: (a: number, b: number, c: number) => any;
    readonly validateResponse: (a: number, b: number, c: number, d: number) => [number, number, number];
    readonly wasm_bindgen__convert__closures_____invoke__h5522506d33b7e9e1: (a: number, b: number, c: any) => [number, number];
    readonly wasm_bindgen__convert__closures_____invoke__h5cd4de5f9eddd76c: (a: number, b: number, c: any, d: any) => void;
    readonly wasm_bindgen__convert__closures_____invoke__h9bfda8226978f40d: (a: number, b: number, c: any) => any;
    readonly wasm_bindgen__convert__closures_____invoke__heb552496584ffe88: (a: number, b: number) => void;
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WasmHandle;
    readonly __wbindgen_destroy_closure: (a: number, b: number) => void;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = ArrayBuffer | ArrayBufferView | WasmModule;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;

/** A compiled WebAssembly.Module (declared structurally: the DOM types may be absent). */
export type WasmModule = object;
/** The module's memory and tables, for wasm-bindgen's own use. */
export type WasmHandle = object;
