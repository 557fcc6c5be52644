//! Order: orders, their shipping, payment capture and status (`/api/order/...`).
//!
//! The document shows no order body. [`SellersOrder`] declares the fields it names: the
//! ones of its OData examples (`OrderNumber`, `OrderPlacedDate`, `CreatedDate`,
//! `ModifiedDate`) and the order-level "Api Column Names" of its code tables (status,
//! shipping service and carrier, payment method, status and gateway, discount type), all
//! optional and nullable. The document's filter example works as is:
//!
//! ```
//! use commerce_kit::vendors::sellers_commerce::odata::{Filter, Literal};
//! use commerce_kit::vendors::sellers_commerce::OrderGetAll;
//! use commerce_kit::Operation;
//! let placed = Filter::field("OrderPlacedDate").gt(Literal::datetime("2016-01-01"))
//!     .and(Filter::field("OrderPlacedDate").lt(Literal::datetime("2016-06-01")));
//! let request = OrderGetAll::new().filter(placed).order_by("OrderNumber desc").build().unwrap();
//! assert_eq!(request.query[0].1, "OrderPlacedDate gt datetime'2016-01-01' and OrderPlacedDate lt datetime'2016-06-01'");
//! ```

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;

use super::codes::ORDER_STATUS;
use super::*;
use crate::request::FieldErrors;
use crate::schema::Wire;

pub(super) fn check_payment(body: &Value, errors: &mut FieldErrors) {
    check_shape(SellersPaymentInformation::SCHEMA, body, errors);
    for key in ["OrderNumber", "TransactionNumber", "AuthorizationCode"] {
        required_text_at(errors, body, key);
    }
}

pub(super) fn check_status_update(body: &Value, errors: &mut FieldErrors) {
    check_shape(SellersOrderStatusUpdate::SCHEMA, body, errors);
    required_text_at(errors, body, "OrderNumber");
    if body.get("OrderStatusId").is_some_and(Value::is_null) {
        errors.push("OrderStatusId", "expected integer, found null: leave it out or name a status");
    }
    if let Some(status) = body.get("OrderStatusId").and_then(Value::as_i64) {
        if !ORDER_STATUS.contains(status) {
            errors.push("OrderStatusId", format!("must be one of {}, got {status}", ORDER_STATUS.describe()));
        }
    }
}

/// An order: the fields the document names, optional and nullable; not sent when absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "PascalCase")]
pub struct SellersOrder {
    /// The key of `get/{ordernumber}`; `$orderby=OrderNumber desc` in the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub order_number: Option<String>,
    /// [`ORDER_STATUS`](super::codes::ORDER_STATUS): 3 placed, 9 shipped, 35 processing...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "number | null")]
    pub order_status_id: Option<i64>,
    /// When the order was placed (a date-time; the document filters it with `datetime'...'`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub order_placed_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub created_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub modified_date: Option<String>,
    /// [`SERVICE_TYPE`](super::codes::SERVICE_TYPE).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "number | null")]
    pub service_type_id: Option<i64>,
    /// [`CARRIER`](super::codes::CARRIER).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "number | null")]
    pub carrier_id: Option<i64>,
    /// [`PAYMENT_METHOD`](super::codes::PAYMENT_METHOD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "number | null")]
    pub payment_method_id: Option<i64>,
    /// [`PAYMENT_STATUS`](super::codes::PAYMENT_STATUS): 74 authorize and capture, 75
    /// authorize only, 86 prior auth capture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "number | null")]
    pub payment_status_id: Option<i64>,
    /// [`PAYMENT_GATEWAY`](super::codes::PAYMENT_GATEWAY).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "number | null")]
    pub payment_gateway_id: Option<i64>,
    /// [`DISCOUNT_TYPE`](super::codes::DISCOUNT_TYPE).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "number | null")]
    pub discount_type_id: Option<i64>,
}

/// The body of `POST /api/order/paymentinformation`: the values the document's sentence
/// names ("transaction number, Authorization code is required") and the order. The
/// document gives no field names: all three are inferred (the order's as in the OData
/// examples), so all are optional; other fields the vendor takes can be sent as JSON
/// alongside them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "PascalCase")]
pub struct SellersPaymentInformation {
    /// The order captured. Inferred name, not documented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub order_number: Option<String>,
    /// The payment gateway's transaction number. Inferred name, not documented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub transaction_number: Option<String>,
    /// The authorization code of the authorized payment ("required", says the document,
    /// which does not name the field). Inferred name, not documented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub authorization_code: Option<String>,
}

/// The body of `POST /api/order/updateorderstatus`: the order and the status to set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "PascalCase")]
pub struct SellersOrderStatusUpdate {
    /// The order ("the given OrderNumber", the document's name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub order_number: Option<String>,
    /// The document's "Order Post Status", as the code table's column
    /// [`ORDER_STATUS`](super::codes::ORDER_STATUS) (35 "Processing Order"...). Inferred
    /// name, not documented; when given, not `null`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "number")]
    pub order_status_id: Option<i64>,
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
    fn the_documents_odata_examples_are_sent_as_written() {
        let request = OrderGetAll::new()
            .filter("CreatedDate ge datetime'2016-01-01' and CreatedDate le datetime'2016-06-01'")
            .order_by("OrderNumber desc")
            .build()
            .unwrap();
        assert_eq!(
            request.path_and_query(),
            "/api/order/getall?%24filter=CreatedDate%20ge%20datetime%272016-01-01%27%20and%20CreatedDate%20le%20datetime%272016-06-01%27&%24orderby=OrderNumber%20desc"
        );
        let wrong = messages(OrderGetOrders::new().filter("OrderPlacedDate+gt+datetime'2016-01-01'").build().unwrap_err());
        assert_eq!(wrong.len(), 1);
        assert!(wrong[0].starts_with("$filter: does not parse at character 16: expected a space"), "{}", wrong[0]);
    }

    #[test]
    fn payment_capture_checks_the_three_inferred_values_only_when_given() {
        let body =
            SellersPaymentInformation { order_number: Some("SC1001".into()), transaction_number: Some("T-9".into()), authorization_code: Some("A1".into()) };
        let request = OrderPaymentInformation::new(&body).build().unwrap();
        // JSON object keys go out sorted (the body is checked as a `serde_json::Value`).
        assert_eq!(request.body.as_deref(), Some(r#"{"AuthorizationCode":"A1","OrderNumber":"SC1001","TransactionNumber":"T-9"}"#));
        assert_eq!(
            messages(OrderPaymentInformation::new(json!({"OrderNumber": "SC1001", "TransactionNumber": " ", "AuthorizationCode": 7})).build().unwrap_err()),
            ["AuthorizationCode: expected string or null, found number 7", "TransactionNumber: is required and must not be empty"]
        );
        // The names are inferred: a body that spells them otherwise is the vendor's to judge.
        assert!(OrderPaymentInformation::new(json!({"OrderNo": "SC1001", "TransactionNo": "T-9", "AuthCode": "A1"})).build().is_ok());
        // Fields the document does not name travel along.
        assert!(OrderPaymentInformation::new(json!({"OrderNumber": "1", "TransactionNumber": "2", "AuthorizationCode": "3", "Amount": 9.5})).build().is_ok());
    }

    #[test]
    fn status_updates_check_the_order_and_a_documented_status_when_given() {
        let update = SellersOrderStatusUpdate { order_number: Some("SC1001".into()), order_status_id: Some(35) };
        let ok = OrderUpdateOrderStatus::new(update).build().unwrap();
        assert_eq!(ok.body.as_deref(), Some(r#"{"OrderNumber":"SC1001","OrderStatusId":35}"#));
        let errors = messages(OrderUpdateOrderStatus::new(json!({"OrderNumber": "", "OrderStatusId": 11})).build().unwrap_err());
        assert_eq!(errors[0], "OrderNumber: is required and must not be empty");
        assert!(errors[1].starts_with("OrderStatusId: must be one of 1 (Live Cart), 2 (Abandoned Cart),") && errors[1].ends_with("got 11"), "{}", errors[1]);
        assert_eq!(
            messages(OrderUpdateOrderStatus::new(json!({"OrderNumber": "SC1001", "OrderStatusId": null})).build().unwrap_err()),
            ["OrderStatusId: expected integer, found null: leave it out or name a status"]
        );
        // "Order Post Status" under another name than the inferred one is sent as given.
        assert!(OrderUpdateOrderStatus::new(json!({"OrderNumber": "SC1001", "OrderPostStatus": 35})).build().is_ok());
    }

    #[test]
    fn free_form_writes_take_objects() {
        assert!(OrderShippingInformation::new(json!({"OrderNumber": "SC1001", "Items": []})).build().is_ok());
        assert_eq!(messages(OrderOrderSamplePost::new(json!([])).build().unwrap_err()), ["body: must be a JSON object, found an array"]);
        assert_eq!(OrderGet::new("SO/1").build().unwrap().path, "/api/order/get/SO%2F1");
    }
}
