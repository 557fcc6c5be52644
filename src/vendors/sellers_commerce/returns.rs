//! Return: return requests of orders (`/api/return/...`).
//!
//! The document shows no return request body. [`SellersReturnRequest`] declares the
//! fields it names: the return number (`get/{returnnumber}`) and the order it is for
//! ("a single OrderNumber"). Its return status and type tables are
//! [`RETURN_STATUS`](super::codes::RETURN_STATUS) and [`RETURN_TYPE`](super::codes::RETURN_TYPE);
//! it does not say which fields carry them.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;

use super::*;
use crate::request::FieldErrors;
use crate::schema::Wire;

pub(super) fn check_return(body: &Value, errors: &mut FieldErrors) {
    check_shape(SellersReturnRequest::SCHEMA, body, errors);
}

/// A return request: the fields the document names, optional and nullable; not sent
/// when absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "PascalCase")]
pub struct SellersReturnRequest {
    /// The key of `get/{returnnumber}` (the path parameter's name, in the document's casing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub return_number: Option<String>,
    /// The order returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub order_number: Option<String>,
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

    #[test]
    fn builds_the_documented_calls() {
        assert_eq!(ReturnGet::new("RMA-1").build().unwrap().path, "/api/return/get/RMA-1");
        assert_eq!(ReturnGetAll::new().order_by("ReturnNumber desc").build().unwrap().path_and_query(), "/api/return/getall?%24orderby=ReturnNumber%20desc");
        let request = ReturnReturn::new(SellersReturnRequest { order_number: Some("SC1001".into()), ..Default::default() }).build().unwrap();
        assert_eq!(request.body.as_deref(), Some(r#"{"OrderNumber":"SC1001"}"#));
        let errors = ReturnReturn::new(json!({"OrderNumber": 1001})).build().unwrap_err();
        assert_eq!(errors[0].to_string(), "OrderNumber: expected string or null, found number 1001");
    }
}
