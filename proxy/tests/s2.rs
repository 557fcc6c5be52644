//! S2 fulfillment orders through the proxy.

mod support;

use axum::http::StatusCode;
use commerce_kit::vendors::s2::fulfillment::S2FulfillmentOrder;
use commerce_mock::examples::fulfillment_order;
use support::{default_harness, post_json, send};

#[tokio::test]
async fn a_reused_channel_fulfillment_id_comes_back_as_409_already_exists() {
    let h = default_harness().await;
    let (status, _, body) = send(&h.router, post_json("/api/s2/fulfillment", &fulfillment_order(Some("shop-77")))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let created: S2FulfillmentOrder = serde_json::from_str(&body).unwrap();
    assert_eq!((created.status.as_str(), created.channel_fulfillment_id.as_deref()), ("CREATED", Some("shop-77")));

    let (status, _, body) = send(&h.router, post_json("/api/s2/fulfillment", &fulfillment_order(Some("shop-77")))).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let message = "Fulfillment with channelFulfillmentId 'shop-77' already exists for this organization";
    assert_eq!(serde_json::from_str::<serde_json::Value>(&body).unwrap(), serde_json::json!({"code": "ALREADY_EXISTS", "message": message}));
    // The client library reads it as "already created".
    assert_eq!(commerce_kit::Error::from_response(409, None, &body), commerce_kit::Error::AlreadyExists { message: message.into() });
}
