//! The mock's router called in-process (`oneshot`), with each vendor's good credentials,
//! and request bodies built from the core's request types.

#![allow(dead_code)] // each test file uses its own share of these

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use commerce_kit::vendors::s2::fulfillment::{
    NewFulfillmentAttachment, NewFulfillmentItem, NewFulfillmentOrder, NewFulfillmentShipment, PrepaidLabel,
};
use commerce_kit::vendors::s2::inventory::Address;
use commerce_kit::vendors::s2_partner::fulfillment::{NewPartnerFulfillment, PartnerFulfillmentItem};
use commerce_kit::vendors::s2_partner::purchase_order::{NewPartnerPurchaseOrder, NewPartnerPurchaseOrderItem};
use commerce_mock::{MockConfig, MockState};
use http_body_util::BodyExt;
use serde::Serialize;
use tower::ServiceExt;

pub struct Mock {
    pub state: Arc<MockState>,
    pub config: MockConfig,
}

/// A response: status and body text.
pub struct Reply {
    pub status: StatusCode,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// Asserts a 2xx and decodes the body.
    pub fn ok<T: serde::de::DeserializeOwned>(&self) -> T {
        assert!(self.status.is_success(), "{}: {}", self.status, self.body);
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    /// Asserts S2's error format, `{"code", "message"}`, with this status and code;
    /// returns the message.
    pub fn s2_error(&self, status: StatusCode, code: &str) -> String {
        assert_eq!(self.status, status, "{}", self.body);
        let json = self.json();
        assert_eq!(json.as_object().map(|o| o.len()), Some(2), "{}", self.body);
        assert_eq!(json["code"], code, "{}", self.body);
        json["message"].as_str().expect("a message").to_string()
    }
}

impl Mock {
    pub fn new() -> Mock {
        let config = MockConfig::default();
        Mock { state: MockState::new(config.clone()), config }
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = commerce_mock::app(self.state.clone()).oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Reply { status, body: String::from_utf8(bytes.to_vec()).unwrap() }
    }

    /// A request with the credentials `vendor` (`s2` or `s2_partner`, the first segment
    /// of `uri`) documents.
    pub fn authorized(&self, method: &str, uri: &str) -> axum::http::request::Builder {
        let request = Request::builder().method(method).uri(uri);
        if uri.starts_with("/s2_partner/") {
            request.header("x-accesskey", &self.config.s2_partner_access_key)
        } else {
            request.header("authorization", format!("Bearer {}", self.config.s2_token)).header("x-s2-organization", &self.config.s2_organization)
        }
    }

    pub async fn get(&self, uri: &str) -> Reply {
        self.send(self.authorized("GET", uri).body(Body::empty()).unwrap()).await
    }

    pub async fn post(&self, uri: &str, body: &impl Serialize) -> Reply {
        self.post_raw(uri, &serde_json::to_string(body).unwrap()).await
    }

    pub async fn post_raw(&self, uri: &str, body: &str) -> Reply {
        let request = self.authorized("POST", uri).header("content-type", "application/json").body(Body::from(body.to_string())).unwrap();
        self.send(request).await
    }
}

/// A fulfillment the checks accept, into a listed warehouse, of listed SKUs.
pub fn new_fulfillment() -> NewPartnerFulfillment {
    NewPartnerFulfillment {
        address1: "85810 Sheridan Summit".into(),
        address2: None,
        address3: None,
        city: "Minnetonka".into(),
        country_id: "US".into(),
        fulfillment_warehouse_id: "system_84".into(),
        items: vec![PartnerFulfillmentItem { sku: "0zt9-5uk7".into(), quantity: 2 }, PartnerFulfillmentItem { sku: "h516-ozd4".into(), quantity: 1 }],
        name: "Roland Ullrich".into(),
        phone: Some("(655) 941-4652".into()),
        province: Some("Minnesota".into()),
        shipping_method: None,
        zip: Some("55345".into()),
    }
}

/// A purchase order from a listed supplier into a listed warehouse.
pub fn new_purchase_order() -> NewPartnerPurchaseOrder {
    NewPartnerPurchaseOrder {
        eta: "2022-10-14T09:00:00Z".into(),
        from_supplier_id: 52,
        items: vec![NewPartnerPurchaseOrderItem { quantity: 24, sku: "h516-ozd4".into() }],
        remarks: None,
        to_warehouse_id: "system_73".into(),
    }
}

/// The seed's request example, with the warehouse and product ids of the seed's
/// inventory overview (the example's own ids are masked and off by a digit).
pub fn new_fulfillment_order(channel_fulfillment_id: Option<&str>) -> NewFulfillmentOrder {
    let item = |product_id: &str, quantity| NewFulfillmentItem { product_id: product_id.into(), quantity };
    let (test, grey) = ("3775cc37-30e7-4579-a58e-c9adda6fa888", "bab7c35b-2ecb-4b40-be82-8dc1e0a86888");
    NewFulfillmentOrder {
        order_id: Some("ae52b0ab-8f0c-4b11-9c13-c5c221228ecd".into()),
        address: Address {
            name: "test".into(),
            company: "test company".into(),
            address1: "test address".into(),
            address2: "test address2".into(),
            city: "test city".into(),
            state: "test".into(),
            postal_code: "123456".into(),
            country_id: "CN".into(),
            phone: "123456".into(),
            email: "".into(),
        },
        warehouse_id: Some("9cae310d-c440-4d78-bdc0-bf306ec33888".into()),
        channel_fulfillment_id: channel_fulfillment_id.map(Into::into),
        order_account_id: Some("1ac48942-405a-4841-a7d8-708f50dbe888".into()),
        account_code: Some("test_account_code".into()),
        order_type: Some(commerce_kit::vendors::s2::fulfillment::OrderType::B2c),
        shipping_method: "Expedited".into(),
        items: vec![item(test, 2), item(grey, 1)],
        shipments: vec![NewFulfillmentShipment {
            items: vec![item(test, 2), item(grey, 1)],
            prepaid_labels: vec![PrepaidLabel { file_path: "95d73baf-76ba-4bea-86ac-1534c5e5d4aa/2024-04-24/shipping_label/label.png".into() }],
            shipping_carrier_id: Some("OTHER".into()),
            tracking_number: None,
        }],
        attachments: vec![NewFulfillmentAttachment {
            file_name: "听雨 (24 x 26.25)_PFPWig.jpg".into(),
            path: "95d73baf/2024-04-24/fulfillment/听雨.jpg".into(),
        }],
        additional_reference_ids: Some(vec![]),
        ..NewFulfillmentOrder::default()
    }
}
