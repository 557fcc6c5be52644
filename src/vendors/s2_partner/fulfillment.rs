//! Fulfillment: `GET /fulfillment` and `POST /fulfillment` (seed `s2-partner-api.txt`).
//!
//! A fulfillment is work completed as part of an order or a fulfillment order; it holds
//! the items to ship and the shipments that carried them.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::check_sku_items;
use crate::catalogue::Endpoint;
use crate::request::{FieldError, FieldErrors, Operation, Request};
use crate::schema::Wire;
use crate::vendors::checks;

pub use super::{ListFulfillments, CREATE_FULFILLMENT, LIST_FULFILLMENTS};

/// `POST /fulfillment`: creates a fulfillment. The body is checked before anything is
/// sent (see [`NewPartnerFulfillment::check`]). Not idempotent: sending it twice creates
/// two fulfillments.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateFulfillment {
    body: NewPartnerFulfillment,
}

impl CreateFulfillment {
    pub fn new(body: NewPartnerFulfillment) -> Self {
        Self { body }
    }

    pub fn body(&self) -> &NewPartnerFulfillment {
        &self.body
    }
}

impl Operation for CreateFulfillment {
    const ENDPOINT: &'static Endpoint = &CREATE_FULFILLMENT;
    type Response = PartnerFulfillment;

    fn build(&self) -> Result<Request, Vec<FieldError>> {
        Request::builder(Self::ENDPOINT).field_errors(self.body.check()).json(&self.body).build()
    }
}

/// The body of `POST /fulfillment`. The seed gives an example with every key and no
/// list of required ones; the fields a shipment cannot do without are required here
/// (recipient, first address line, city, country, warehouse, items), the rest optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[wire(argument)]
pub struct NewPartnerFulfillment {
    pub address1: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address2: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address3: Option<String>,
    pub city: String,
    /// ISO 3166-1 alpha-2, e.g. `"AU"`.
    pub country_id: String,
    /// The id of the warehouse that ships it (`"system_84"`), from `GET /warehouse`.
    pub fulfillment_warehouse_id: String,
    pub items: Vec<PartnerFulfillmentItem>,
    /// The recipient.
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// e.g. `"standard"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_method: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zip: Option<String>,
}

impl NewPartnerFulfillment {
    /// Every problem with the body: blank required text, a `country_id` that is not an
    /// ISO 3166-1 alpha-2 code, no items, an item without `sku` or with a quantity below 1.
    pub fn check(&self) -> Vec<FieldError> {
        let mut errors = FieldErrors::new();
        checks::required_text(&mut errors, "address1", &self.address1);
        checks::required_text(&mut errors, "city", &self.city);
        checks::country_code(&mut errors, "country_id", &self.country_id);
        checks::required_text(&mut errors, "fulfillment_warehouse_id", &self.fulfillment_warehouse_id);
        check_sku_items(&mut errors, "items", self.items.iter().map(|i| (i.sku.as_str(), i.quantity)));
        checks::required_text(&mut errors, "name", &self.name);
        checks::into_vec(errors)
    }
}

/// A page of `GET /fulfillment`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct PartnerFulfillmentPage {
    #[wire(records)]
    pub items: Vec<PartnerFulfillment>,
    /// Pass back as `next_token` for the next page; absent or null on the last page.
    #[serde(default)]
    pub next_token: Option<String>,
}

/// A fulfillment, as listed and as returned by `POST /fulfillment`.
/// Loose text: `address2`, `address3`, `phone` may arrive as `null` and decode as `""`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct PartnerFulfillment {
    pub id: i64,
    pub fulfillment_warehouse_id: String,
    /// e.g. `"created"`, `"shipped"`.
    pub status: String,
    pub name: String,
    pub address1: String,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub address2: String,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub address3: String,
    pub city: String,
    pub province: String,
    /// ISO 3166-1 alpha-2, e.g. `"AU"`.
    pub country_id: String,
    pub zip: String,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub phone: String,
    pub items: Vec<PartnerFulfillmentItem>,
    pub shipments: Vec<PartnerShipment>,
    pub shipping_method: String,
    /// Null until the warehouse writes one.
    #[serde(default)]
    pub warehouse_remarks: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
}

/// A SKU and how many of it: the items of a fulfillment and of its shipments.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[wire(argument)]
pub struct PartnerFulfillmentItem {
    pub sku: String,
    pub quantity: i64,
}

/// A shipment of (part of) a fulfillment.
/// Loose text: `remarks` may arrive as `null` and decodes as `""`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct PartnerShipment {
    pub id: i64,
    /// e.g. `"pending"`, `"shipped"`.
    pub status: String,
    /// The carrier's name, e.g. `"Australia Post"`.
    pub carrier_id: String,
    pub tracking_numbers: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
    pub items: Vec<PartnerFulfillmentItem>,
    pub created_by: PartnerUser,
    /// Null when no label was bought.
    #[serde(default)]
    pub label_id: Option<String>,
    #[serde(default)]
    pub label_type: Option<String>,
    /// Null until shipped.
    #[serde(default)]
    pub shipped_by: Option<PartnerUser>,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub remarks: String,
}

/// A person who acted on a shipment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct PartnerUser {
    pub id: i64,
    pub name: String,
    pub email: String,
}

impl crate::paginate::Paginated for ListFulfillments {
    type Item = PartnerFulfillment;
    fn after(&self, token: String) -> Self {
        self.clone().next_token(token)
    }
    fn split(page: PartnerFulfillmentPage) -> (Vec<PartnerFulfillment>, Option<String>) {
        (page.items, page.next_token)
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

    fn body_json(request: &Request) -> Value {
        serde_json::from_str(request.body.as_deref().expect("a body")).unwrap()
    }

    /// A body the checks accept: the seed's example with real values in place of
    /// Swagger's `"string"` and `0`.
    fn good_body() -> NewPartnerFulfillment {
        NewPartnerFulfillment {
            address1: "85810 Sheridan Summit".into(),
            address2: Some("necessitatibus velit nisi".into()),
            address3: Some("incidunt aut culpa".into()),
            city: "Minnetonka".into(),
            country_id: "AU".into(),
            fulfillment_warehouse_id: "system_84".into(),
            items: vec![PartnerFulfillmentItem { sku: "0zt9-5uk7".into(), quantity: 1 }],
            name: "Roland Ullrich".into(),
            phone: Some("(655) 941-4652 x31254".into()),
            province: Some("Rhode Island".into()),
            shipping_method: Some("standard".into()),
            zip: Some("93792".into()),
        }
    }

    #[test]
    fn list_builds_the_seed_call() {
        let request = ListFulfillments::new().build().unwrap();
        assert_eq!(request.operation, "s2_partner.list_fulfillments");
        assert_eq!(request.method, Method::Get);
        assert_eq!(request.path_and_query(), "/fulfillment");
        assert_eq!(request.body, None);
    }

    #[test]
    fn id_list_is_one_comma_separated_parameter() {
        let request = ListFulfillments::new().id_list([120724, 119804]).next_token("tok/1").build().unwrap();
        assert_eq!(request.query, vec![("id_list".to_string(), "120724,119804".to_string()), ("next_token".to_string(), "tok/1".to_string())]);
        assert_eq!(request.path_and_query(), "/fulfillment?id_list=120724%2C119804&next_token=tok%2F1");
    }

    #[test]
    fn empty_id_list_and_blank_token_send_nothing() {
        let request = ListFulfillments::new().id_list([]).next_token(" ").build().unwrap();
        assert!(request.query.is_empty());
    }

    #[test]
    fn create_builds_the_body_on_the_wire() {
        let request = CreateFulfillment::new(good_body()).build().unwrap();
        assert_eq!((request.method, request.path.as_str()), (Method::Post, "/fulfillment"));
        assert!(request.query.is_empty());
        assert_eq!(request.content_type, Some("application/json"));
        assert_eq!(
            body_json(&request),
            json!({
                "address1": "85810 Sheridan Summit", "address2": "necessitatibus velit nisi", "address3": "incidunt aut culpa",
                "city": "Minnetonka", "country_id": "AU", "fulfillment_warehouse_id": "system_84",
                "items": [{"quantity": 1, "sku": "0zt9-5uk7"}], "name": "Roland Ullrich", "phone": "(655) 941-4652 x31254",
                "province": "Rhode Island", "shipping_method": "standard", "zip": "93792"
            })
        );
    }

    #[test]
    fn optional_fields_left_out_are_not_sent() {
        let body = NewPartnerFulfillment { address2: None, address3: None, phone: None, province: None, shipping_method: None, zip: None, ..good_body() };
        let sent = body_json(&CreateFulfillment::new(body).build().unwrap());
        let keys: Vec<&str> = sent.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["address1", "city", "country_id", "fulfillment_warehouse_id", "items", "name"]);
    }

    #[test]
    fn the_seed_example_body_is_decoded_and_its_placeholders_rejected() {
        // The seed's example is Swagger's placeholder: "string" everywhere, quantity 0.
        let seed = r#"{ "address1": "string", "address2": "string", "address3": "string", "city": "string", "country_id": "string", "fulfillment_warehouse_id": "string", "items": [ { "quantity": 0, "sku": "string" } ], "name": "string", "phone": "string", "province": "string", "shipping_method": "standard", "zip": "string" }"#;
        let body: NewPartnerFulfillment = serde_json::from_str(seed).unwrap();
        assert_eq!(body_json(&Request::builder(&CREATE_FULFILLMENT).json(&body).build().unwrap()), serde_json::from_str::<Value>(seed).unwrap());
        assert_eq!(
            messages(CreateFulfillment::new(body).build().unwrap_err()),
            vec![
                "country_id: must be an ISO 3166-1 alpha-2 country code (two uppercase letters, e.g. \"US\"), got \"string\"",
                "items[0].quantity: must be at least 1, got 0",
            ]
        );
    }

    #[test]
    fn every_problem_is_reported_with_its_path() {
        let body = NewPartnerFulfillment {
            address1: "".into(),
            city: " ".into(),
            country_id: "au".into(),
            fulfillment_warehouse_id: "".into(),
            items: vec![
                PartnerFulfillmentItem { sku: "a".into(), quantity: 1 },
                PartnerFulfillmentItem { sku: "".into(), quantity: -1 },
                PartnerFulfillmentItem { sku: "c".into(), quantity: 0 },
            ],
            name: "".into(),
            ..good_body()
        };
        assert_eq!(
            messages(CreateFulfillment::new(body).build().unwrap_err()),
            vec![
                "address1: is required and must not be empty",
                "city: is required and must not be empty",
                "country_id: must be an ISO 3166-1 alpha-2 country code (two uppercase letters, e.g. \"US\"), got \"au\"",
                "fulfillment_warehouse_id: is required and must not be empty",
                "items[1].sku: is required and must not be empty",
                "items[1].quantity: must be at least 1, got -1",
                "items[2].quantity: must be at least 1, got 0",
                "name: is required and must not be empty",
            ]
        );
    }

    #[test]
    fn a_fulfillment_needs_an_item() {
        let body = NewPartnerFulfillment { items: vec![], ..good_body() };
        assert_eq!(messages(body.check()), vec!["items: must contain at least one item"]);
    }

    #[test]
    fn responses_decode_from_the_seed_examples() {
        let page = crate::decode::<PartnerFulfillmentPage>(include_bytes!("../../../tests/fixtures/s2_partner.list_fulfillments/good.json")).unwrap();
        assert!(page.drift.is_empty());
        let shipment = &page.value.items[0].shipments[0];
        assert_eq!((shipment.label_id.as_deref(), shipment.shipped_by.as_ref()), (None, None));
        assert_eq!(page.value.next_token, None);
        let created = crate::decode::<PartnerFulfillment>(include_bytes!("../../../tests/fixtures/s2_partner.create_fulfillment/good.json")).unwrap();
        assert_eq!(created.value.shipments[0].shipped_by.as_ref().map(|u| u.id), Some(0));
    }
}
