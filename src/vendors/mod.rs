//! One folder per vendor, one file per resource. Each file declares its endpoints,
//! their request builders and their wire types.

use crate::catalogue::Endpoint;

pub mod checks;
pub mod s2;
pub mod s2_partner;
pub mod stock2shop;

/// Every declared operation, in the order of `shared/endpoints.tsv`.
pub(crate) static ENDPOINTS: &[&Endpoint] = &[
    &s2_partner::fulfillment::LIST_FULFILLMENTS,
    &s2_partner::fulfillment::CREATE_FULFILLMENT,
    &s2_partner::inventory_supply::GET_INVENTORY_SUPPLY,
    &s2_partner::product::LIST_PRODUCTS,
    &s2_partner::purchase_order::LIST_PURCHASE_ORDERS,
    &s2_partner::purchase_order::CREATE_PURCHASE_ORDER,
    &s2_partner::supplier::LIST_SUPPLIERS,
    &s2_partner::warehouse::LIST_WAREHOUSES,
    &s2::fulfillment::CREATE_FULFILLMENT_ORDER,
    &s2::inventory::GET_INVENTORY_OVERVIEW,
    &stock2shop::users::AUTHENTICATE,
    &stock2shop::users::VALID_TOKEN,
    &stock2shop::sources::LIST_SOURCES,
    &stock2shop::channels::LIST_CHANNELS,
    &stock2shop::products::SEARCH_PRODUCTS,
    &stock2shop::products::QUEUE_PRODUCTS,
    &stock2shop::images::QUEUE_IMAGES,
    &stock2shop::orders::SEARCH_ORDERS,
    &stock2shop::orders::QUEUE_ORDER,
];
