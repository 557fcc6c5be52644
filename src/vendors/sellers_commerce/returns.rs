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

use super::{by_path, check_shape, endpoint, odata_list, with_body, SellersStatusResponse};
use crate::catalogue::{Body, Duplicates, Endpoint, Method, Param, ParamKind};
use crate::request::FieldErrors;
use crate::schema::Wire;

const ODATA: &[Param] = &[Param::optional("$filter", ParamKind::ODataFilter), Param::optional("$orderby", ParamKind::ODataOrderBy)];

pub const RETURN_GETALL: Endpoint = Endpoint {
    query: ODATA,
    response: <Vec<SellersReturnRequest> as Wire>::SCHEMA,
    ..endpoint("sellers_commerce.return_getall", "Return requests, optionally filtered and ordered (OData)", Method::Get, "/api/return/getall")
};

pub const RETURN_GET: Endpoint = Endpoint {
    path_params: &[Param::required("returnnumber", ParamKind::Text)],
    response: SellersReturnRequest::SCHEMA,
    ..endpoint("sellers_commerce.return_get", "One return request by return number", Method::Get, "/api/return/get/{returnnumber}")
};

pub const RETURN_RETURN: Endpoint = Endpoint {
    body: Body::Json(<SellersReturnRequest as Wire>::SCHEMA),
    response: SellersStatusResponse::SCHEMA,
    duplicates: Duplicates::LookupAfter("sellers_commerce.return_getall"),
    ..endpoint("sellers_commerce.return_return", "Create a return request for an order", Method::Post, "/api/return/return")
};

odata_list!(
    /// `GET /api/return/getall`: "the list of Return Requests".
    ReturnGetall => RETURN_GETALL, Vec<SellersReturnRequest>
);

by_path!(
    /// `GET /api/return/get/{returnnumber}`: one return request.
    ReturnGet => RETURN_GET, "returnnumber", SellersReturnRequest
);

with_body!(
    /// `POST /api/return/return`: "Create a new Return Request for the Order". The
    /// documented fields are type-checked, the vendor's others sent as given; an
    /// unknown order is answered with code 24 (`OrderNotExist`).
    ReturnReturn => RETURN_RETURN, SellersStatusResponse, check_return
);

fn check_return(body: &Value, errors: &mut FieldErrors) {
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
    use serde_json::json;

    use super::*;
    use crate::request::Operation;

    #[test]
    fn builds_the_documented_calls() {
        assert_eq!(ReturnGet::new("RMA-1").build().unwrap().path, "/api/return/get/RMA-1");
        assert_eq!(ReturnGetall::new().orderby("ReturnNumber desc").build().unwrap().path_and_query(), "/api/return/getall?%24orderby=ReturnNumber%20desc");
        let request = ReturnReturn::new(SellersReturnRequest { order_number: Some("SC1001".into()), ..Default::default() }).build().unwrap();
        assert_eq!(request.body.as_deref(), Some(r#"{"OrderNumber":"SC1001"}"#));
        let errors = ReturnReturn::new(json!({"OrderNumber": 1001})).build().unwrap_err();
        assert_eq!(errors[0].to_string(), "OrderNumber: expected string or null, found number 1001");
    }
}
