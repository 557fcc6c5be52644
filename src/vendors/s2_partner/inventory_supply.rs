//! Inventory supply: `GET /inventory-supply` (seed `s2-partner-api.txt`): the quantities
//! of the inventory items of one warehouse.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::schema::Wire;

pub use super::{GetInventorySupply, GET_INVENTORY_SUPPLY};

/// One SKU's quantities in the warehouse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct PartnerInventorySupply {
    pub sku: String,
    /// The vendor spells the key `quantity_avaliable`; so does the decoded JSON.
    #[serde(rename = "quantity_avaliable")]
    pub quantity_available: i64,
    pub quantity_pending: i64,
    pub quantity_hold: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Method;
    use crate::request::{FieldError, Operation};

    #[test]
    fn builds_the_seed_call() {
        let request = GetInventorySupply::new("system_69").build().unwrap();
        assert_eq!(request.operation, "s2_partner.get_inventory_supply");
        assert_eq!((request.method, request.body.as_deref()), (Method::Get, None));
        assert_eq!(request.path_and_query(), "/inventory-supply?warehouse_id=system_69");
    }

    #[test]
    fn sku_list_is_one_comma_separated_parameter() {
        let request = GetInventorySupply::new("system_69").sku_list(["h516-ozd4", "j40c-20s3"]).build().unwrap();
        assert_eq!(request.query, vec![("warehouse_id".to_string(), "system_69".to_string()), ("sku_list".to_string(), "h516-ozd4,j40c-20s3".to_string())]);
        assert_eq!(request.path_and_query(), "/inventory-supply?warehouse_id=system_69&sku_list=h516-ozd4%2Cj40c-20s3");
        let none = GetInventorySupply::new("system_69").sku_list(Vec::<String>::new()).build().unwrap();
        assert_eq!(none.query.len(), 1);
    }

    #[test]
    fn a_missing_warehouse_id_is_named() {
        let errors = GetInventorySupply::new("  ").build().unwrap_err();
        assert_eq!(errors, vec![FieldError { field: "warehouse_id".into(), message: "is required".into() }]);
    }

    #[test]
    fn every_problem_is_reported() {
        let errors = GetInventorySupply::new("").sku_list(["a", ""]).build().unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(messages, vec!["sku_list: list items must not be empty", "warehouse_id: is required"]);
    }

    #[test]
    fn decodes_the_misspelt_key() {
        let decoded =
            crate::decode::<Vec<PartnerInventorySupply>>(include_bytes!("../../../tests/fixtures/s2_partner.get_inventory_supply/good.json")).unwrap();
        assert_eq!(decoded.value.len(), 3);
        let json = serde_json::to_value(&decoded.value[0]).unwrap();
        assert_eq!(json["quantity_avaliable"], 0);
        assert!(json.get("quantity_available").is_none());
    }
}
