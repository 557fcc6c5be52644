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

/// A text query value worth sending: `None` for absent or blank, so that a blank
/// required parameter is reported as missing rather than sent empty.
pub(super) fn non_blank(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.trim().is_empty())
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
