//! Every refusal code of the Sellers Commerce document (21 to 36), end to end: the
//! request built by the crate's builder, through the proxy, answered by the mock in the
//! situation the document's message describes, read back as the package's typed error
//! (`Error::Vendor` with the vendor's code and message at the table's HTTP status).

mod support;

use axum::body::Body;
use axum::http::StatusCode;
use commerce_kit::request::{Operation, Request as Built};
use commerce_kit::vendors::sellers_commerce::codes::{response_code, RESPONSE_CODES};
use commerce_kit::vendors::sellers_commerce::order::{SellersOrderStatusUpdate, SellersPaymentInformation};
use commerce_kit::vendors::sellers_commerce::PortalAdminRedirectUrl;
use commerce_kit::vendors::sellers_commerce::ReturnReturn;
use commerce_kit::vendors::sellers_commerce::ShopperGet;
use commerce_kit::vendors::sellers_commerce::{CategoryCategories, CategoryGet};
use commerce_kit::vendors::sellers_commerce::{OrderGet, OrderPaymentInformation, OrderShippingInformation, OrderUpdateOrderStatus};
use commerce_kit::vendors::sellers_commerce::{ProductProducts, ProductUpdateSkuPrice};
use serde_json::json;
use support::*;

fn built(operation: impl Operation) -> Built {
    operation.build().unwrap_or_else(|e| panic!("the builder refused: {e:?}"))
}

/// Sends a built request through the proxy as the package does.
async fn call(h: &Harness, request: Built) -> (StatusCode, String) {
    let mut http = axum::http::Request::builder().method(request.method.as_str()).uri(format!("/api/sellers_commerce{}", request.path_and_query()));
    if let Some(content_type) = request.content_type {
        http = http.header("content-type", content_type);
    }
    let (status, _, body) = send(&h.router, http.body(Body::from(request.body.unwrap_or_default())).unwrap()).await;
    (status, body)
}

fn status_to(order: &str, status: i64) -> Built {
    built(OrderUpdateOrderStatus::new(SellersOrderStatusUpdate { order_number: Some(order.into()), order_status_id: Some(status) }))
}

fn ship(order: &str, items: serde_json::Value) -> Built {
    built(OrderShippingInformation::new(json!({ "OrderNumber": order, "Items": items })))
}

fn ship_everything(order: &str) -> Built {
    built(OrderShippingInformation::new(json!({ "OrderNumber": order })))
}

fn capture(order: &str, transaction: &str) -> Built {
    built(OrderPaymentInformation::new(SellersPaymentInformation {
        order_number: Some(order.into()),
        transaction_number: Some(transaction.into()),
        authorization_code: Some("A-1".into()),
    }))
}

/// What the store must go through first (each answered 200), the request refused, and
/// the code it is refused with.
struct Case {
    situation: &'static str,
    setup: Vec<Built>,
    refused: Built,
    code: u32,
}

fn cases() -> Vec<Case> {
    let case = |situation, setup, refused, code| Case { situation, setup, refused, code };
    vec![
        case("a provider other than the store", vec![], built(PortalAdminRedirectUrl::new("99", "store")), 21),
        case("an unknown shopper", vec![], built(ShopperGet::new("nobody@example.com")), 22),
        case("an unknown order", vec![], built(OrderGet::new("SC9999")), 24),
        // SC1002 holds SC-1002 and SC-1007.
        case("shipping a SKU the order does not hold", vec![status_to("SC1002", 3)], ship("SC1002", json!([{ "SkuCode": "SC-1012", "Quantity": 1 }])), 25),
        // SC1003 holds 3 of SC-1003.
        case("shipping more than is left", vec![status_to("SC1003", 3)], ship("SC1003", json!([{ "SkuCode": "sc-1003", "Quantity": 4 }])), 26),
        case("the same capture twice", vec![status_to("SC1004", 3), capture("SC1004", "T-27")], capture("SC1004", "T-27"), 27),
        case("a second capture", vec![status_to("SC1005", 3), capture("SC1005", "T-28")], capture("SC1005", "T-28b"), 28),
        case("shipping a cancelled order", vec![status_to("SC1006", 5)], ship_everything("SC1006"), 29),
        case("a return naming no order", vec![], built(ReturnReturn::new(json!({}))), 30),
        case("an unknown category", vec![], built(CategoryGet::new("NOPE")), 31),
        case(
            "a category under a missing parent",
            vec![],
            built(CategoryCategories::new(json!([{ "CategoryCode": "MUGS", "ParentCategoryCode": "NOPE" }]))),
            32,
        ),
        case("shipping an order twice", vec![status_to("SC1007", 3), ship_everything("SC1007")], ship_everything("SC1007"), 33),
        // The store starts with a return of SC1001.
        case("a second return of an order", vec![], built(ReturnReturn::new(json!({ "OrderNumber": "SC1001" }))), 33),
        case("a price for an unknown SKU", vec![], built(ProductUpdateSkuPrice::new(json!({ "ProductCode": "NOPE", "Price": 1 }))), 34),
        case("a product of an unknown brand", vec![], built(ProductProducts::new(json!({ "ProductCode": "SC-4001", "BrandName": "Nope" }))), 35),
        case("a product in an unknown category", vec![], built(ProductProducts::new(json!({ "ProductCode": "SC-4002", "CategoryCode": "NOPE" }))), 36),
    ]
}

#[tokio::test]
async fn every_documented_refusal_reaches_the_package_as_the_vendors_code_and_message() {
    let h = default_harness().await;
    let cases = cases();
    for case in cases.iter() {
        for setup in &case.setup {
            let (status, body) = call(&h, setup.clone()).await;
            assert_eq!(status, StatusCode::OK, "{}: setup {} {}: {body}", case.situation, setup.method.as_str(), setup.path_and_query());
        }
        let row = response_code(case.code).unwrap();
        let (status, body) = call(&h, case.refused.clone()).await;
        assert_eq!(status.as_u16(), row.http_status, "{}: {body}", case.situation);
        match commerce_kit::Error::from_response(status.as_u16(), None, &body) {
            commerce_kit::Error::Vendor { status, vendor_code, message, retry_after_seconds: None } => {
                assert_eq!((status, vendor_code.as_deref()), (row.http_status, Some(case.code.to_string().as_str())), "{}: {body}", case.situation);
                assert!(message.starts_with(row.message), "{}: {message:?} is not the document's {:?}", case.situation, row.message);
            }
            other => panic!("{}: {other:?} from {body}", case.situation),
        }
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["Results"], row.results, "{}: {body}", case.situation);
    }
    // Every code of the table but 20 (success) is produced.
    let produced: std::collections::BTreeSet<u32> = cases.iter().map(|c| c.code).collect();
    let refusals: std::collections::BTreeSet<u32> = RESPONSE_CODES.iter().map(|r| r.code).filter(|c| *c != 20).collect();
    assert_eq!(produced, refusals);
}
