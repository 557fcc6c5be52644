//! One folder per vendor, one file per resource. Each file declares its endpoints,
//! their request builders and their wire types.

use crate::catalogue::Endpoint;

pub mod checks;
// missing_docs (src/lib.rs) is not yet enforced in the vendor modules: their wire types
// carry about 560 fields named as the vendors' documents name them (shared/seeds/), still
// without a line each. The operations! tables' output is documented (the macro requires
// each operation's summary). Remove these allows as the fields get their docs.
#[cfg(feature = "s2")]
#[allow(missing_docs)]
pub mod s2;
#[cfg(feature = "s2-partner")]
#[allow(missing_docs)]
pub mod s2_partner;
#[cfg(feature = "sellers-commerce")]
#[allow(missing_docs)]
pub mod sellers_commerce;
#[cfg(feature = "stock2shop")]
#[allow(missing_docs)]
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

/// What the package shows of every operation an `operations!` table declares (see
/// [`crate::catalogue::surfaces`]), one `cfg` per vendor.
pub(crate) fn surfaces() -> Vec<&'static crate::catalogue::Surface> {
    let vendors: &[&[crate::catalogue::Surface]] = &[
        #[cfg(feature = "s2-partner")]
        s2_partner::SURFACE,
        #[cfg(feature = "s2")]
        s2::SURFACE,
        #[cfg(feature = "stock2shop")]
        stock2shop::SURFACE,
        #[cfg(feature = "sellers-commerce")]
        sellers_commerce::SURFACE,
    ];
    vendors.iter().flat_map(|v| v.iter()).collect()
}
