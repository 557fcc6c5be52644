//! Warehouse: `GET /warehouse` (seed `s2-partner-api.txt`): every available warehouse.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::catalogue::{Auth, Body, Duplicates, Endpoint, Method, Pagination, Vendor};
use crate::request::{FieldError, Operation, Request};
use crate::schema::Wire;

pub const LIST_WAREHOUSES: Endpoint = Endpoint {
    vendor: Vendor::S2Partner,
    id: "s2_partner.list_warehouses",
    summary: "Every available warehouse",
    method: Method::Get,
    path: "/warehouse",
    path_params: &[],
    query: &[],
    body: Body::None,
    response: <Vec<PartnerWarehouse> as Wire>::SCHEMA,
    auth: Auth::AccessKey,
    duplicates: Duplicates::Harmless,
    pagination: Pagination::None,
};

/// `GET /warehouse`: all warehouses in one response.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListWarehouses;

impl ListWarehouses {
    pub fn new() -> Self {
        Self
    }
}

impl Operation for ListWarehouses {
    const ENDPOINT: &'static Endpoint = &LIST_WAREHOUSES;
    type Response = Vec<PartnerWarehouse>;

    fn build(&self) -> Result<Request, Vec<FieldError>> {
        Request::builder(Self::ENDPOINT).build()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct PartnerWarehouse {
    /// e.g. `"system_73"`: the `warehouse_id` of `GET /inventory-supply`, the
    /// `fulfillment_warehouse_id` and `to_warehouse_id` of new fulfillments and purchase orders.
    pub id: String,
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_seed_call() {
        let request = ListWarehouses::new().build().unwrap();
        assert_eq!((request.operation, request.method, request.path_and_query()), ("s2_partner.list_warehouses", Method::Get, "/warehouse".to_string()));
        assert_eq!((request.body, request.content_type), (None, None));
    }

    #[test]
    fn decodes_the_seed_example() {
        let warehouses = crate::decode::<Vec<PartnerWarehouse>>(include_bytes!("../../../tests/fixtures/s2_partner.list_warehouses/good.json")).unwrap();
        assert_eq!(warehouses.value.iter().map(|w| w.id.as_str()).collect::<Vec<_>>(), ["system_73", "system_51", "system_87"]);
    }
}
