//! The S2 fulfillment-order mock: the created order echoes the request, a reused
//! `channelFulfillmentId` is the documented 409.

mod support;

use std::collections::HashSet;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use commerce_kit::vendors::s2::fulfillment::{S2FulfillmentOrder, S2NewFulfillmentItem, S2NewFulfillmentOrder, CREATE_FULFILLMENT_ORDER};
use commerce_mock::examples::fulfillment_order;
use support::Mock;

#[tokio::test]
async fn a_created_fulfillment_order_echoes_the_request() {
    let mock = Mock::new();
    let body = fulfillment_order(Some("shop-1001"));
    let reply = mock.post("/s2/fulfillment", &body).await;
    let report = commerce_kit::validate(CREATE_FULFILLMENT_ORDER.response, reply.body.as_bytes());
    assert!(report.errors.is_empty() && report.drift.is_empty(), "{report:?}");
    let order: S2FulfillmentOrder = reply.ok();

    assert_eq!((order.status.as_str(), order.channel_fulfillment_id.as_deref()), ("CREATED", Some("shop-1001")));
    assert_eq!(order.address, body.address);
    assert_eq!((order.warehouse.id.as_str(), order.warehouse.name.as_str()), ("9cae310d-c440-4d78-bdc0-bf306ec33888", "test warehouse"));
    assert_eq!(order.shipping_method, "Expedited");
    let items: Vec<(&str, &str, i64)> = order.items.iter().map(|i| (i.product.id.as_str(), i.product.sku.as_str(), i.quantity)).collect();
    assert_eq!(items, [("3775cc37-30e7-4579-a58e-c9adda6fa888", "test", 2), ("bab7c35b-2ecb-4b40-be82-8dc1e0a86888", "SKU-GREY", 1)]);

    let shipment = &order.shipments[0];
    assert_eq!((shipment.fulfillment_id.as_str(), shipment.status.as_str()), (order.id.as_str(), "CREATED"));
    assert_eq!((shipment.shipping_carrier.id.as_str(), shipment.shipping_carrier.name.as_str()), ("OTHER", "Other"));
    assert_eq!(shipment.items.iter().map(|i| i.quantity).collect::<Vec<_>>(), [2, 1]);
    assert_eq!(
        (shipment.labels[0].label_type.as_str(), shipment.labels[0].file_path.as_str()),
        ("PREPAID", body.shipments[0].prepaid_labels[0].file_path.as_str())
    );
    assert_eq!(order.attachments[0].file_name, "听雨 (24 x 26.25)_PFPWig.jpg");
    assert_eq!((order.order_id, order.order_account_id), (body.order_id, body.order_account_id));
    assert_eq!(order.order_organization.map(|o| o.name).as_deref(), Some("test organization"));

    let ids = [order.id, shipment.id.clone(), shipment.labels[0].id.clone(), order.attachments[0].id.clone(), order.warehouse_pick_id];
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len());
}

#[tokio::test]
async fn a_reused_channel_fulfillment_id_is_409_already_exists() {
    let mock = Mock::new();
    let first: S2FulfillmentOrder = mock.post("/s2/fulfillment", &fulfillment_order(Some("shop-1001"))).await.ok();
    let again = mock.post("/s2/fulfillment", &fulfillment_order(Some("shop-1001"))).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(
        again.json(),
        serde_json::json!({"code": "ALREADY_EXISTS", "message": "Fulfillment with channelFulfillmentId 'shop-1001' already exists for this organization"})
    );
    // The client recognises it as "already created".
    let error = commerce_kit::Error::from_response(409, None, &again.body);
    assert_eq!((error.code(), error.status()), ("already_exists", Some(409)));
    // Another id, or none at all, creates a new order every time.
    let other: S2FulfillmentOrder = mock.post("/s2/fulfillment", &fulfillment_order(Some("shop-1002"))).await.ok();
    let a: S2FulfillmentOrder = mock.post("/s2/fulfillment", &fulfillment_order(None)).await.ok();
    let b: S2FulfillmentOrder = mock.post("/s2/fulfillment", &fulfillment_order(None)).await.ok();
    assert_eq!(b.channel_fulfillment_id, None);
    assert_eq!([&first.id, &other.id, &a.id, &b.id].into_iter().collect::<HashSet<_>>().len(), 4);
}

#[tokio::test]
async fn unknown_products_and_warehouses_and_bad_bodies_are_400() {
    let mock = Mock::new();
    let mut unknown_product = fulfillment_order(None);
    unknown_product.items.push(S2NewFulfillmentItem { product_id: "nope".into(), quantity: 1 });
    let unknown_warehouse = S2NewFulfillmentOrder { warehouse_id: Some("nowhere".into()), ..fulfillment_order(None) };
    let mut stray_shipment = fulfillment_order(None);
    stray_shipment.shipments[0].items[1].product_id = "bab7c35b-2ecb-4b40-be82-8dc1e0a8688".into();
    let cases = [
        (unknown_product, "items[2].productId: \"nope\" is not a product of this organization"),
        (unknown_warehouse, "warehouseId: \"nowhere\" is not a warehouse of this organization"),
        // The seed's own example ships a product id the order does not have.
        (stray_shipment, "shipments[0].items[1].productId: \"bab7c35b-2ecb-4b40-be82-8dc1e0a8688\" is not among the order's items"),
    ];
    for (body, want) in cases {
        assert_eq!(mock.post("/s2/fulfillment", &body).await.s2_error(StatusCode::BAD_REQUEST, "INVALID_ARGUMENT"), want);
    }
    let mut wrong_type = serde_json::to_value(fulfillment_order(None)).unwrap();
    wrong_type["orderType"] = 7.into();
    assert_eq!(
        mock.post("/s2/fulfillment", &wrong_type).await.s2_error(StatusCode::BAD_REQUEST, "INVALID_ARGUMENT"),
        "orderType: expected one of 0, 1, 2 or null, found number 7"
    );
}

#[tokio::test]
async fn creating_needs_the_token_and_the_organization() {
    let mock = Mock::new();
    let body = serde_json::to_string(&fulfillment_order(Some("shop-1"))).unwrap();
    let without_organization =
        Request::post("/s2/fulfillment").header("authorization", format!("Bearer {}", mock.config.s2_token)).body(Body::from(body.clone()));
    let reply = mock.send(without_organization.unwrap()).await;
    assert_eq!(reply.s2_error(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED"), "unknown or missing X-S2-Organization");
    // The refused create did not take the id.
    assert_eq!(mock.post_raw("/s2/fulfillment", &body).await.status, StatusCode::OK);
}
