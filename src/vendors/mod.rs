//! One folder per vendor, one file per resource. Each file declares its endpoints,
//! their request builders and their wire types.

use crate::catalogue::Endpoint;

pub mod checks;
#[cfg(feature = "s2")]
pub mod s2;
#[cfg(feature = "s2-partner")]
pub mod s2_partner;
#[cfg(feature = "sellers-commerce")]
pub mod sellers_commerce;
#[cfg(feature = "stock2shop")]
pub mod stock2shop;

/// Every declared operation of the enabled vendors, in the order of `shared/endpoints.tsv`:
/// each vendor's slice, one `cfg` per vendor.
pub(crate) fn endpoints() -> &'static [&'static Endpoint] {
    static ALL: std::sync::OnceLock<Vec<&'static Endpoint>> = std::sync::OnceLock::new();
    let vendors: &[&[&Endpoint]] = &[
        #[cfg(feature = "s2-partner")]
        s2_partner::ENDPOINTS,
        #[cfg(feature = "s2")]
        s2::ENDPOINTS,
        #[cfg(feature = "stock2shop")]
        stock2shop::ENDPOINTS,
        #[cfg(feature = "sellers-commerce")]
        sellers_commerce::ENDPOINTS,
    ];
    ALL.get_or_init(|| vendors.iter().flat_map(|v| v.iter().copied()).collect())
}
