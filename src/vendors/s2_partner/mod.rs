//! S2 Partner API (seed `s2-partner-api.txt`): every call carries the header
//! `X-AccessKey: <key>`, a different key per environment. All requests go over HTTPS.
//!
//! - test environment: [`DEV_BASE_URL`] (`https://s2-api.ventmere.io/partner`), which does
//!   not affect live data;
//! - production: [`PROD_BASE_URL`] (`https://api.s2sell.com/core/partner`).
//!
//! Paths in the catalogue are relative to these base URLs. The API works on one object per
//! request (no bulk updates); lists page with `next_token`.
//!
//! The wire types are prefixed `Partner` (`PartnerWarehouse`, `PartnerProduct`): the
//! TypeScript declarations of all vendors share one namespace, and the S2 API already
//! declares its own `Warehouse` and `Product`.

pub mod fulfillment;
pub mod inventory_supply;
pub mod product;
pub mod purchase_order;
pub mod supplier;
pub mod warehouse;

/// The test environment's base URL.
pub const DEV_BASE_URL: &str = "https://s2-api.ventmere.io/partner";

/// The production base URL.
pub const PROD_BASE_URL: &str = "https://api.s2sell.com/core/partner";

use crate::request::FieldErrors;
use crate::vendors::checks;
use fulfillment::{NewPartnerFulfillment, PartnerFulfillment, PartnerFulfillmentPage};
use inventory_supply::PartnerInventorySupply;
use product::PartnerProductPage;
use purchase_order::{NewPartnerPurchaseOrder, PartnerPurchaseOrder, PartnerPurchaseOrderPage};
use supplier::PartnerSupplier;
use warehouse::PartnerWarehouse;

// Every S2 Partner operation: the catalogue entry, builder, `Operation` and JS method of
// each uniform one. The creates check their bodies and the `list*` iterators page, so
// their builders and bindings are hand-written (`fulfillment.rs`, `src/wasm/s2_partner.rs`).
commerce_kit_derive::operations! {
    vendor = S2Partner;
    auth = AccessKey;
    client = crate::wasm::s2_partner::S2PartnerClient;

    /// Fulfillments with their items and shipments, a page at a time
    /// Resolves with one page and its `next_token`.
    list_fulfillments: GET "/fulfillment" -> PartnerFulfillmentPage {
        query: [
            /// Only these ids. Sent as ONE comma-separated query parameter,
            /// `id_list=120724,119804` (not repeated); an empty list sends nothing.
            id_list?: List<i64>,
            /// The `next_token` of the previous page. A blank token is not sent.
            next_token?: Text,
        ],
        pagination: NextToken,
        js: listFulfillmentsPage,
        params_type: ListByIdsPageParams,
    }

    /// Create a fulfillment: a shipping address and the SKUs to ship from a warehouse
    create_fulfillment: POST "/fulfillment" -> PartnerFulfillment {
        duplicates: LookupAfter("s2_partner.list_fulfillments"),
        body: NewPartnerFulfillment,
        manual,
    }

    /// Available, pending and held quantities per SKU in one warehouse
    /// Resolves with one entry per SKU.
    get_inventory_supply: GET "/inventory-supply" -> Vec<PartnerInventorySupply> {
        query: [
            /// A warehouse id such as `"system_69"`, from `GET /warehouse`.
            warehouse_id: Text,
            /// Only these SKUs. Sent as ONE comma-separated query parameter,
            /// `sku_list=h516-ozd4,j40c-20s3` (not repeated); an empty list sends nothing,
            /// and an empty SKU in the list is an error.
            sku_list?: List<String>,
        ],
        params_type: InventorySupplyParams,
    }

    /// Available products with dimensions and case packing, a page at a time
    /// Resolves with one page (products under `item`, as the vendor sends them).
    list_products: GET "/product" -> PartnerProductPage {
        query: [
            /// The `next_token` of the previous page. A blank token is not sent.
            next_token?: Text,
        ],
        pagination: NextToken,
        js: listProductsPage,
        params_type: PageParams,
    }

    /// Purchase orders with their items, as an array of pages
    /// Resolves with one page, wrapped in an array as the vendor sends it.
    list_purchase_orders: GET "/purchase-order" -> Vec<PartnerPurchaseOrderPage> {
        query: [
            /// Only these ids. Sent as ONE comma-separated query parameter; an empty
            /// list sends nothing.
            id_list?: List<i64>,
            /// The `next_token` of the previous page. A blank token is not sent.
            next_token?: Text,
        ],
        pagination: NextToken,
        js: listPurchaseOrdersPage,
    }

    /// Create a purchase order from a supplier into a warehouse
    create_purchase_order: POST "/purchase-order" -> PartnerPurchaseOrder {
        duplicates: LookupAfter("s2_partner.list_purchase_orders"),
        body: NewPartnerPurchaseOrder,
        manual,
    }

    /// Every available supplier
    list_suppliers: GET "/supplier" -> Vec<PartnerSupplier>;

    /// Every available warehouse
    list_warehouses: GET "/warehouse" -> Vec<PartnerWarehouse>;
}

/// Checks a `[{sku, quantity}]` list of a request body: at least one entry, each with
/// a non-empty `sku` and a `quantity` of at least 1.
pub(super) fn check_sku_items<'a>(errors: &mut FieldErrors, field: &str, items: impl ExactSizeIterator<Item = (&'a str, i64)>) {
    checks::at_least_one(errors, field, items.len());
    for (i, (sku, quantity)) in items.enumerate() {
        checks::required_text(errors, &format!("{field}[{i}].sku"), sku);
        checks::quantity(errors, &format!("{field}[{i}].quantity"), quantity);
    }
}
