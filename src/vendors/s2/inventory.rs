//! Inventory: `GET /inventory/overview` (seed `s2-inventory-list-api.txt`).

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::schema::Wire;

pub use super::{GetInventoryOverview, GET_INVENTORY_OVERVIEW};

/// The response of `GET /inventory/overview`. Levels reference products and warehouses
/// by id; the vendor does not promise every referenced id is listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct S2InventoryOverview {
    #[wire(records)]
    pub warehouses: Vec<S2Warehouse>,
    #[wire(records)]
    pub products: Vec<S2Product>,
    #[wire(records)]
    pub items: Vec<S2Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
pub struct S2Warehouse {
    pub id: String,
    pub organization: S2Organization,
    pub name: String,
    pub address: S2Address,
    pub dropshipper: bool,
    pub fulfillment_center: bool,
    pub rma_center: bool,
    /// e.g. `"METRIC"`.
    pub unit_system: String,
    /// ISO 8601.
    pub created_at: String,
    /// ISO 8601.
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
pub struct S2Organization {
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub updated_at: String,
}

/// A postal address. The vendor sends `""` for absent parts.
/// Loose text: `company`, `address2`, `phone`, `email` may arrive as `null` and decode
/// as `""`; `name`, `address1`, `city`, `state`, `postal_code` and `country_id`, needed
/// to ship, must be strings.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
#[wire(argument)]
pub struct S2Address {
    pub name: String,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub company: String,
    pub address1: String,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub address2: String,
    pub city: String,
    pub state: String,
    pub postal_code: String,
    /// ISO 3166-1 alpha-2, e.g. `"CA"`.
    pub country_id: String,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub phone: String,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub email: String,
}

/// Loose text: `remarks` may arrive as `null` and decodes as `""`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
pub struct S2Product {
    pub id: String,
    pub organization: S2Organization,
    pub sku: String,
    pub brand: S2Brand,
    /// Global Trade Item Number; `""` when unknown. Loose text: `null` (a back end's "none") decodes as `""`.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub gtin: String,
    pub name: String,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub remarks: String,
    /// Path or URL of the main image; `""` when none. Loose text: `null` (a back end's "none") decodes as `""`.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub image_main: String,
    pub package_length_mm: f64,
    pub package_width_mm: f64,
    pub package_height_mm: f64,
    pub shipping_weight_kg: f64,
    /// e.g. `"EACH"`, `"CARTON"`. Loose text: `null` (a back end's "none") decodes as `""`.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub case_unit: String,
    pub case_pack: i64,
    pub case_length_mm: f64,
    pub case_width_mm: f64,
    pub case_height_mm: f64,
    pub case_weight_kg: f64,
    /// e.g. `"NEW"`. Loose text: `null` (a back end's "none") decodes as `""`.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub condition: String,
    pub serial_number_required: bool,
    pub expiry_date_required: bool,
    pub unknown: bool,
    pub created_at: String,
    pub updated_at: String,
    pub other_ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
pub struct S2Brand {
    pub id: String,
    pub name: String,
    pub name_normalized: String,
    pub created_at: String,
}

/// One product's inventory in one warehouse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
pub struct S2Item {
    pub warehouse_id: String,
    pub level: S2Level,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
pub struct S2Level {
    pub product_id: String,
    pub available: i64,
    pub incoming: i64,
    /// May be negative: the seed shows `-13` (more reserved than on hand).
    pub reserved: i64,
    pub updated_at: String,
}
