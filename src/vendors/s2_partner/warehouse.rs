//! Warehouse: `GET /warehouse` (seed `s2-partner-api.txt`): every available warehouse.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::schema::Wire;

pub use super::{ListWarehouses, LIST_WAREHOUSES};

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
    use crate::catalogue::Method;
    use crate::request::Operation;

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
