//! Shopper: the store's customers and their addresses (`/api/shopper/...`).
//!
//! The document's one example body is a shopper list:
//!
//! ```json
//! [{ "FirstName": "sample string 1", "LastName": "sample string 2",
//!    "DOB": "2016-04-27T14:38:17.1709364+00:00", "Deleted": true, "ShopperTypeID": 11,
//!    "Address": [{ "AddressName": "sample string 1", "AddressLine1": "sample string 3", "City": "sample string 5",
//!                  "StateCode": "sample string 6", "CountryCode": "sample string 7", "ZipCode": "sample string 8" }] }]
//! ```
//!
//! The sample numbering skips (1, 2, then 11; 1, 3, 5...): the example leaves fields
//! out, so the declared fields are optional and the others arrive as drift.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;

use super::*;
use crate::request::FieldErrors;
use crate::schema::Wire;
use crate::vendors::checks;

pub(super) fn check_shoppers(body: &Value, errors: &mut FieldErrors) {
    check_shape(<Vec<SellersShopper> as Wire>::SCHEMA, body, errors);
    if let Some(shoppers) = body.as_array() {
        checks::at_least_one(errors, "body", shoppers.len());
        for (i, shopper) in shoppers.iter().enumerate() {
            if let Some(dob) = shopper.get("DOB").and_then(Value::as_str) {
                if !is_date(dob) && !checks::is_rfc3339(dob) {
                    errors.push(
                        format!("[{i}].DOB"),
                        format!("must be a date (\"1990-04-27\") or an ISO 8601 date-time (\"2016-04-27T14:38:17+00:00\"), got {dob:?}"),
                    );
                }
            }
        }
    }
}

/// `YYYY-MM-DD`.
fn is_date(value: &str) -> bool {
    checks::is_rfc3339(&format!("{value}T00:00:00Z")) && value.len() == 10
}

/// A shopper, as the document's example shows one, plus the two fields it names
/// elsewhere; all optional and nullable, not sent when absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "PascalCase")]
pub struct SellersShopper {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub last_name: Option<String>,
    /// Date of birth, an ISO 8601 date-time (`"2016-04-27T14:38:17.1709364+00:00"`).
    #[serde(rename = "DOB", default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub dob: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "boolean | null")]
    pub deleted: Option<bool>,
    #[serde(rename = "ShopperTypeID", default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "number | null")]
    pub shopper_type_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "SellersAddress[] | null")]
    pub address: Option<Vec<SellersAddress>>,
    /// The shopper's username, the key of `get/{username}`. Not in the example (which
    /// leaves fields out): the name is the path parameter's, in the document's casing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub user_name: Option<String>,
    /// [`GENDER`](super::codes::GENDER): 1 male, 2 female (an "Api Column Name" of the
    /// document's code tables).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "number | null")]
    pub gender: Option<i64>,
}

/// A shopper's address, as the document's example shows one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "PascalCase")]
pub struct SellersAddress {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub address_name: Option<String>,
    #[serde(rename = "AddressLine1", default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub address_line1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub state_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub country_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub zip_code: Option<String>,
}

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use crate::catalogue::{Auth, Method, Pagination, Vendor};
    #[allow(unused_imports)]
    use crate::request::Operation;
    #[allow(unused_imports)]
    use crate::vendors::sellers_commerce::*;
    use serde_json::json;

    use super::*;
    use crate::request::FieldError;

    fn messages(errors: Vec<FieldError>) -> Vec<String> {
        errors.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn the_documents_example_decodes_without_drift() {
        let shoppers = crate::decode::<Vec<SellersShopper>>(include_bytes!("../../../tests/fixtures/sellers_commerce.shopper_getall/good.json")).unwrap();
        assert!(shoppers.drift.is_empty());
        let first = &shoppers.value[0];
        assert_eq!((first.first_name.as_deref(), first.deleted, first.shopper_type_id), (Some("sample string 1"), Some(true), Some(11)));
        assert_eq!(first.address.as_ref().unwrap()[0].zip_code.as_deref(), Some("sample string 8"));
    }

    #[test]
    fn get_and_getall_build_the_documented_calls() {
        assert_eq!(ShopperGet::new("ann@example.com").build().unwrap().path, "/api/shopper/get/ann%40example.com");
        let request = ShopperGetAll::new().filter(super::super::odata::Filter::field("LastName").eq("O'Neil")).build().unwrap();
        assert_eq!(request.query, vec![("$filter".to_string(), "LastName eq 'O''Neil'".to_string())]);
    }

    #[test]
    fn shopper_bodies_are_checked_where_documented() {
        let shopper = SellersShopper { first_name: Some("Ann".into()), dob: Some("1990-04-27".into()), user_name: Some("ann".into()), ..Default::default() };
        let request = ShopperShoppers::new(vec![shopper]).build().unwrap();
        assert_eq!(request.body.as_deref(), Some(r#"[{"DOB":"1990-04-27","FirstName":"Ann","UserName":"ann"}]"#));
        assert_eq!(
            messages(ShopperShoppers::new(json!([{"DOB": "27/04/1990", "Deleted": "no"}, {"Address": {"City": "x"}}])).build().unwrap_err()),
            [
                "[0].Deleted: expected boolean or null, found string \"no\"",
                "[1].Address: expected array or null, found object",
                "[0].DOB: must be a date (\"1990-04-27\") or an ISO 8601 date-time (\"2016-04-27T14:38:17+00:00\"), got \"27/04/1990\"",
            ]
        );
        assert_eq!(messages(ShopperShoppers::new(json!([])).build().unwrap_err()), ["body: must contain at least one item"]);
        assert_eq!(messages(ShopperShoppers::new(json!({"FirstName": "x"})).build().unwrap_err()), ["body: expected array, found object"]);
        assert!(ShopperShoppers::new(json!([{"DOB": "2016-04-27T14:38:17.1709364+00:00", "Email": "x@y"}])).build().is_ok());
        assert!(ShopperShopperAddress::new(json!([{"UserName": "ann", "City": "Austin"}])).build().is_ok());
    }
}
