//! S2 fulfillment-order and inventory API: `Authorization: Bearer` plus
//! `X-S2-S2Organization` on every call. The documents give no base URL; it is configured.

pub mod fulfillment;
pub mod inventory;

use fulfillment::{S2FulfillmentOrder, S2NewFulfillmentOrder};
use inventory::S2InventoryOverview;

// Every S2 operation. The create is a safe create (retries keyed by
// `channelFulfillmentId`), so its builder and binding are hand-written.
commerce_kit_derive::operations! {
    vendor = S2;
    auth = BearerWithOrganization;
    client = crate::wasm::s2::S2Client;

    /// Create a fulfillment order: items, address, shipments and prepaid labels
    create_fulfillment_order: POST "/fulfillment" -> S2FulfillmentOrder {
        duplicates: ClientId("channelFulfillmentId"),
        body: S2NewFulfillmentOrder,
        manual,
    }

    /// Every warehouse, product and inventory level of the organization
    /// Resolves with the whole inventory in one response.
    get_inventory_overview: GET "/inventory/overview" -> S2InventoryOverview {
        records,
    }
}
