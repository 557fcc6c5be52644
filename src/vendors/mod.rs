//! One folder per vendor, one file per resource. Each file declares its endpoints,
//! their request builders and their wire types.

use crate::catalogue::Endpoint;

pub mod s2;

/// Every declared operation, in the order of `shared/endpoints.tsv`.
pub(crate) static ENDPOINTS: &[&Endpoint] = &[&s2::inventory::GET_INVENTORY_OVERVIEW];
