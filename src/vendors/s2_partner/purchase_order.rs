//! Purchase order: `GET /purchase-order` and `POST /purchase-order`
//! (seed `s2-partner-api.txt`): stock ordered from a supplier into a warehouse.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::check_sku_items;
use super::supplier::PartnerSupplier;
use crate::catalogue::Endpoint;
use crate::request::{FieldError, FieldErrors, Operation, Request};
use crate::schema::Wire;
use crate::vendors::checks;

pub use super::{ListPurchaseOrders, CREATE_PURCHASE_ORDER, LIST_PURCHASE_ORDERS};

/// `POST /purchase-order`: creates a purchase order. The body is checked before anything
/// is sent (see [`NewPartnerPurchaseOrder::check`]). Not idempotent.
#[derive(Debug, Clone, PartialEq)]
pub struct CreatePurchaseOrder {
    body: NewPartnerPurchaseOrder,
}

impl CreatePurchaseOrder {
    pub fn new(body: NewPartnerPurchaseOrder) -> Self {
        Self { body }
    }

    pub fn body(&self) -> &NewPartnerPurchaseOrder {
        &self.body
    }
}

impl Operation for CreatePurchaseOrder {
    const ENDPOINT: &'static Endpoint = &CREATE_PURCHASE_ORDER;
    type Response = PartnerPurchaseOrder;

    fn build(&self) -> Result<Request, Vec<FieldError>> {
        Request::builder(Self::ENDPOINT).field_errors(self.body.check()).json(&self.body).build()
    }
}

/// The body of `POST /purchase-order`. The seed lists no required keys; every key of its
/// example is required here except `remarks`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[wire(argument)]
pub struct NewPartnerPurchaseOrder {
    /// Expected arrival, RFC 3339: `"2022-09-30T21:06:03.806Z"`.
    pub eta: String,
    /// A supplier id from `GET /supplier`.
    pub from_supplier_id: i64,
    pub items: Vec<NewPartnerPurchaseOrderItem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
    /// A warehouse id from `GET /warehouse` (`"system_73"`).
    pub to_warehouse_id: String,
}

impl NewPartnerPurchaseOrder {
    /// Every problem with the body: an `eta` that is not RFC 3339, no items, an item
    /// without `sku` or with a quantity below 1, a blank `to_warehouse_id`.
    pub fn check(&self) -> Vec<FieldError> {
        let mut errors = FieldErrors::new();
        checks::rfc3339(&mut errors, "eta", &self.eta);
        check_sku_items(&mut errors, "items", self.items.iter().map(|i| (i.sku.as_str(), i.quantity)));
        checks::required_text(&mut errors, "to_warehouse_id", &self.to_warehouse_id);
        checks::into_vec(errors)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[wire(argument)]
pub struct NewPartnerPurchaseOrderItem {
    pub quantity: i64,
    pub sku: String,
}

/// One element of the array `GET /purchase-order` answers with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct PartnerPurchaseOrderPage {
    #[wire(records)]
    pub items: Vec<PartnerPurchaseOrder>,
    /// Pass back as `next_token` for the next page. Documented as always present.
    pub next_token: String,
}

/// Loose text: `remarks` may arrive as `null` and decodes as `""`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct PartnerPurchaseOrder {
    /// RFC 3339; null until the order is complete.
    #[serde(default)]
    pub completion_date: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    /// Expected arrival, RFC 3339. Loose text: `""` or `null` while no arrival is expected yet decodes as `""`.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub eta: String,
    pub from_supplier: PartnerSupplier,
    pub id: i64,
    pub items: Vec<PartnerPurchaseOrderItem>,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub remarks: String,
    /// e.g. `"pending"`.
    pub status: String,
    pub to_warehouse_id: String,
    /// RFC 3339.
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct PartnerPurchaseOrderItem {
    /// How many have arrived so far.
    pub completed_quantity: i64,
    pub quantity: i64,
    pub sku: String,
}

impl crate::paginate::Paginated for ListPurchaseOrders {
    type Item = PartnerPurchaseOrder;
    fn after(&self, token: String) -> Self {
        self.clone().next_token(token)
    }
    /// The vendor wraps its page in an array: every element's items, in order, and the
    /// last element's token.
    fn split(pages: Vec<PartnerPurchaseOrderPage>) -> (Vec<PartnerPurchaseOrder>, Option<String>) {
        let token = pages.last().map(|p| p.next_token.clone());
        (pages.into_iter().flat_map(|p| p.items).collect(), token)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::catalogue::Method;

    fn messages(errors: Vec<FieldError>) -> Vec<String> {
        errors.iter().map(ToString::to_string).collect()
    }

    fn good_body() -> NewPartnerPurchaseOrder {
        NewPartnerPurchaseOrder {
            eta: "2022-09-30T21:06:03.806Z".into(),
            from_supplier_id: 52,
            items: vec![NewPartnerPurchaseOrderItem { quantity: 24, sku: "h516-ozd4".into() }],
            remarks: Some("first batch".into()),
            to_warehouse_id: "system_73".into(),
        }
    }

    #[test]
    fn list_builds_the_seed_call_and_filters() {
        let request = ListPurchaseOrders::new().build().unwrap();
        assert_eq!(
            (request.operation, request.method, request.path_and_query()),
            ("s2_partner.list_purchase_orders", Method::Get, "/purchase-order".to_string())
        );
        let filtered = ListPurchaseOrders::new().id_list([7, 8, 9]).next_token("n").build().unwrap();
        assert_eq!(filtered.query, vec![("id_list".to_string(), "7,8,9".to_string()), ("next_token".to_string(), "n".to_string())]);
        assert_eq!(filtered.path_and_query(), "/purchase-order?id_list=7%2C8%2C9&next_token=n");
    }

    #[test]
    fn create_builds_the_body_on_the_wire() {
        let request = CreatePurchaseOrder::new(good_body()).build().unwrap();
        assert_eq!((request.method, request.path.as_str(), request.content_type), (Method::Post, "/purchase-order", Some("application/json")));
        let body: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            body,
            json!({"eta": "2022-09-30T21:06:03.806Z", "from_supplier_id": 52, "items": [{"quantity": 24, "sku": "h516-ozd4"}], "remarks": "first batch", "to_warehouse_id": "system_73"})
        );
        let without_remarks = CreatePurchaseOrder::new(NewPartnerPurchaseOrder { remarks: None, ..good_body() }).build().unwrap();
        assert!(!without_remarks.body.unwrap().contains("remarks"));
    }

    #[test]
    fn the_seed_example_body_is_decoded_and_its_placeholders_rejected() {
        let seed = r#"{ "eta": "2022-09-30T21:10:19.904Z", "from_supplier_id": 0, "items": [ { "quantity": 0, "sku": "string" } ], "remarks": "string", "to_warehouse_id": "string" }"#;
        let body: NewPartnerPurchaseOrder = serde_json::from_str(seed).unwrap();
        assert_eq!(serde_json::to_value(&body).unwrap(), serde_json::from_str::<Value>(seed).unwrap());
        assert_eq!(messages(CreatePurchaseOrder::new(body).build().unwrap_err()), vec!["items[0].quantity: must be at least 1, got 0"]);
    }

    #[test]
    fn every_problem_is_reported_with_its_path() {
        let body = NewPartnerPurchaseOrder {
            eta: "2022-09-30 21:06".into(),
            items: vec![NewPartnerPurchaseOrderItem { quantity: 1, sku: "a".into() }, NewPartnerPurchaseOrderItem { quantity: 0, sku: " ".into() }],
            to_warehouse_id: "".into(),
            ..good_body()
        };
        assert_eq!(
            messages(CreatePurchaseOrder::new(body).build().unwrap_err()),
            vec![
                "eta: must be an RFC 3339 date-time (e.g. \"2022-09-30T21:06:03Z\"), got \"2022-09-30 21:06\"",
                "items[1].sku: is required and must not be empty",
                "items[1].quantity: must be at least 1, got 0",
                "to_warehouse_id: is required and must not be empty",
            ]
        );
        let empty = NewPartnerPurchaseOrder { items: vec![], ..good_body() };
        assert_eq!(messages(empty.check()), vec!["items: must contain at least one item"]);
    }

    #[test]
    fn responses_decode_from_the_seed_examples() {
        let pages =
            crate::decode::<Vec<PartnerPurchaseOrderPage>>(include_bytes!("../../../tests/fixtures/s2_partner.list_purchase_orders/good.json")).unwrap();
        assert_eq!(pages.value[0].items[0].from_supplier.name, "string");
        assert_eq!(pages.value[0].next_token, "string");
        let created = crate::decode::<PartnerPurchaseOrder>(include_bytes!("../../../tests/fixtures/s2_partner.create_purchase_order/good.json")).unwrap();
        assert_eq!(created.value.completion_date.as_deref(), Some("2022-09-30T21:06:03.808Z"));
        // A single page where the array is expected is an error, not drift.
        let single = crate::validate(LIST_PURCHASE_ORDERS.response, br#"{"items": [], "next_token": "x"}"#);
        assert_eq!(single.errors[0].to_string(), "$: expected array, found object");
    }
}
