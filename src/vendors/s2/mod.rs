//! S2 fulfillment-order and inventory API: `Authorization: Bearer` plus
//! `X-S2-Organization` on every call. The documents give no base URL; it is configured.

pub mod fulfillment;
pub mod inventory;
