//! The S2 Partner mock: access key, paging, filters, creates that show up in the lists,
//! and S2's error format for everything it refuses.

mod support;

use std::collections::HashSet;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use commerce_kit::catalogue::{self, Vendor};
use commerce_kit::vendors::s2_partner::fulfillment::{
    NewPartnerFulfillment, PartnerFulfillment, PartnerFulfillmentPage, CREATE_FULFILLMENT, LIST_FULFILLMENTS,
};
use commerce_kit::vendors::s2_partner::inventory_supply::PartnerInventorySupply;
use commerce_kit::vendors::s2_partner::product::{PartnerProductPage, LIST_PRODUCTS};
use commerce_kit::vendors::s2_partner::purchase_order::{
    NewPartnerPurchaseOrder, PartnerPurchaseOrder, PartnerPurchaseOrderPage, CREATE_PURCHASE_ORDER, LIST_PURCHASE_ORDERS,
};
use commerce_kit::Endpoint;
use commerce_mock::examples::{partner_fulfillment, partner_purchase_order};
use commerce_mock::generate::s2_partner::{FULFILLMENTS, PRODUCTS, PURCHASE_ORDERS};
use commerce_mock::paging::PAGE_SIZE;
use support::{Mock, Reply};

/// Asserts the body has the operation's declared shape, without drift.
fn assert_valid(endpoint: &Endpoint, reply: &Reply) {
    assert_eq!(reply.status, StatusCode::OK, "{}: {}", endpoint.id, reply.body);
    let report = commerce_kit::validate(endpoint.response, reply.body.as_bytes());
    assert!(report.errors.is_empty() && report.drift.is_empty(), "{}: {report:?}", endpoint.id);
}

/// Every page of a list, following `next_token` from `first_uri` (which already has a
/// `?`); each page checked against the schema. Returns the pages' raw JSON.
async fn walk(mock: &Mock, endpoint: &Endpoint, first_uri: &str, token_of: impl Fn(&serde_json::Value) -> Option<String>) -> Vec<serde_json::Value> {
    let mut pages = Vec::new();
    let mut uri = first_uri.to_string();
    loop {
        let reply = mock.get(&uri).await;
        assert_valid(endpoint, &reply);
        let page = reply.json();
        let token = token_of(&page);
        pages.push(page);
        match token {
            Some(token) => uri = format!("{first_uri}&next_token={token}"),
            None => return pages,
        }
        assert!(pages.len() <= 10, "the list does not end");
    }
}

fn token_field(page: &serde_json::Value) -> Option<String> {
    page["next_token"].as_str().filter(|t| !t.is_empty()).map(String::from)
}

#[tokio::test]
async fn fulfillments_page_through_all_250_without_duplicates() {
    let mock = Mock::new();
    let pages = walk(&mock, &LIST_FULFILLMENTS, "/s2_partner/fulfillment?", token_field).await;
    assert_eq!(pages.len(), FULFILLMENTS.div_ceil(PAGE_SIZE));
    let mut ids = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let page: PartnerFulfillmentPage = serde_json::from_value(page.clone()).unwrap();
        assert_eq!(page.items.len(), PAGE_SIZE.min(FULFILLMENTS - i * PAGE_SIZE));
        ids.extend(page.items.iter().map(|f| f.id));
    }
    assert_eq!(ids.len(), FULFILLMENTS);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), FULFILLMENTS, "a fulfillment came twice");
    // The seed's example leads; the last page says so with a null token.
    assert_eq!(ids[0], 120724);
    assert!(pages.last().unwrap()["next_token"].is_null());
    // Tokens are opaque and travel in a query string unencoded.
    let token = pages[0]["next_token"].as_str().unwrap();
    assert!(!token.is_empty() && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{token}");
}

#[tokio::test]
async fn products_page_under_item() {
    let mock = Mock::new();
    let pages = walk(&mock, &LIST_PRODUCTS, "/s2_partner/product?", token_field).await;
    let mut skus = HashSet::new();
    for page in &pages {
        assert!(page.get("items").is_none());
        let page: PartnerProductPage = serde_json::from_value(page.clone()).unwrap();
        skus.extend(page.items.into_iter().map(|p| p.sku));
    }
    assert_eq!((pages.len(), skus.len()), (PRODUCTS.div_ceil(PAGE_SIZE), PRODUCTS));
    assert!(skus.contains("mluw-tb2n"));
}

#[tokio::test]
async fn purchase_orders_come_as_an_array_wrapping_one_page() {
    let mock = Mock::new();
    let pages = walk(&mock, &LIST_PURCHASE_ORDERS, "/s2_partner/purchase-order?", |array| {
        assert_eq!(array.as_array().map(Vec::len), Some(1), "{array}");
        token_field(&array[0])
    })
    .await;
    let mut ids = HashSet::new();
    for array in &pages {
        let pages: Vec<PartnerPurchaseOrderPage> = serde_json::from_value(array.clone()).unwrap();
        ids.extend(pages[0].items.iter().map(|p| p.id));
    }
    assert_eq!((pages.len(), ids.len()), (PURCHASE_ORDERS.div_ceil(PAGE_SIZE), PURCHASE_ORDERS));
    // Declared always present: the last page's token is empty rather than null.
    assert_eq!(pages.last().unwrap()[0]["next_token"], "");
}

#[tokio::test]
async fn id_list_selects_by_id_in_list_order_and_pages_too() {
    let mock = Mock::new();
    let page: PartnerFulfillmentPage = mock.get("/s2_partner/fulfillment?id_list=120730,120724,999").await.ok();
    assert_eq!(page.items.iter().map(|f| f.id).collect::<Vec<_>>(), [120724, 120730]);
    assert_eq!(page.next_token, None);

    let pages: Vec<PartnerPurchaseOrderPage> = mock.get("/s2_partner/purchase-order?id_list=%205,3").await.ok();
    assert_eq!(pages[0].items.iter().map(|p| p.id).collect::<Vec<_>>(), [3, 5]);

    // 60 ids are two pages; the token carries on within the filtered list.
    let sixty: Vec<String> = (120724..120784).map(|id| id.to_string()).collect();
    let first_uri = format!("/s2_partner/fulfillment?id_list={}", sixty.join(","));
    let pages = walk(&mock, &LIST_FULFILLMENTS, &first_uri, token_field).await;
    let counts: Vec<usize> = pages.iter().map(|p| p["items"].as_array().unwrap().len()).collect();
    assert_eq!(counts, [50, 10]);

    let message = mock.get("/s2_partner/fulfillment?id_list=1,abc").await.s2_error(StatusCode::BAD_REQUEST, "INVALID_ARGUMENT");
    assert_eq!(message, "id_list: \"abc\" is not an id");
}

#[tokio::test]
async fn a_bad_next_token_is_400() {
    let mock = Mock::new();
    let products: PartnerProductPage = mock.get("/s2_partner/product").await.ok();
    let product_token = products.next_token.unwrap();
    for token in ["garbage!", "Zm9vOjE", product_token.as_str()] {
        let message = mock.get(&format!("/s2_partner/fulfillment?next_token={token}")).await.s2_error(StatusCode::BAD_REQUEST, "INVALID_ARGUMENT");
        assert!(message.starts_with("next_token: "), "{message}");
    }
}

#[tokio::test]
async fn inventory_supply_needs_a_known_warehouse_and_filters_by_sku() {
    let mock = Mock::new();
    let all: Vec<PartnerInventorySupply> = mock.get("/s2_partner/inventory-supply?warehouse_id=system_69").await.ok();
    let seed_row = PartnerInventorySupply { sku: "h516-ozd4".into(), quantity_available: 0, quantity_pending: 0, quantity_hold: 0 };
    assert!(all.len() > 3 && all.contains(&seed_row));

    let some: Vec<PartnerInventorySupply> = mock.get("/s2_partner/inventory-supply?warehouse_id=system_69&sku_list=pnb6-7w26,h516-ozd4,nope").await.ok();
    assert_eq!(some.iter().map(|r| r.sku.as_str()).collect::<Vec<_>>(), ["h516-ozd4", "pnb6-7w26"]);

    let other: Vec<PartnerInventorySupply> = mock.get("/s2_partner/inventory-supply?warehouse_id=system_73").await.ok();
    assert_ne!(other, all, "each warehouse has its own supply");

    for (uri, want) in [
        ("/s2_partner/inventory-supply", "warehouse_id: is required"),
        ("/s2_partner/inventory-supply?warehouse_id=", "warehouse_id: is required"),
        ("/s2_partner/inventory-supply?sku_list=h516-ozd4", "warehouse_id: is required"),
        ("/s2_partner/inventory-supply?warehouse_id=system_1", "warehouse_id: \"system_1\" is not a warehouse of this account"),
    ] {
        assert_eq!(mock.get(uri).await.s2_error(StatusCode::BAD_REQUEST, "INVALID_ARGUMENT"), want, "{uri}");
    }
}

#[tokio::test]
async fn suppliers_and_warehouses_include_the_seed_examples() {
    let mock = Mock::new();
    let suppliers = mock.get("/s2_partner/supplier").await.json();
    assert_eq!(suppliers[0], serde_json::json!({"id": 52, "name": "Buckridge, Mills and Bechtelar"}));
    let warehouses = mock.get("/s2_partner/warehouse").await.json();
    let ids: Vec<&str> = warehouses.as_array().unwrap().iter().map(|w| w["id"].as_str().unwrap()).collect();
    assert_eq!(&ids[..3], ["system_73", "system_51", "system_87"]);
    assert!(ids.contains(&"system_69") && ids.contains(&"system_84"));
}

#[tokio::test]
async fn a_wrong_or_missing_access_key_is_401_for_every_operation() {
    let mock = Mock::new();
    for endpoint in catalogue::endpoints().iter().filter(|e| e.vendor == Vendor::S2Partner) {
        let uri = format!("/s2_partner{}", endpoint.path);
        for key in [None, Some("wrong-key"), Some(mock.config.s2_token.as_str())] {
            let mut request = Request::builder().method(endpoint.method.as_str()).uri(&uri);
            if let Some(key) = key {
                request = request.header("x-accesskey", key);
            }
            let reply = mock.send(request.header("content-type", "application/json").body(Body::from("{}")).unwrap()).await;
            let message = reply.s2_error(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED");
            assert!(message.contains("X-AccessKey"), "{message}");
            assert_eq!(commerce_kit::Error::from_response(401, None, &reply.body).code(), "unauthorized");
        }
    }
    // Nothing refused was created.
    let page: PartnerFulfillmentPage = mock.get(&format!("/s2_partner/fulfillment?next_token={}", last_page_token(&mock).await)).await.ok();
    assert_eq!(page.items.last().unwrap().id, 120724 + FULFILLMENTS as i64 - 1);
}

/// The token of the last page of fulfillments, found by walking the list.
async fn last_page_token(mock: &Mock) -> String {
    let mut token = None;
    let mut uri = "/s2_partner/fulfillment".to_string();
    loop {
        let page: PartnerFulfillmentPage = mock.get(&uri).await.ok();
        match page.next_token {
            Some(next) => {
                uri = format!("/s2_partner/fulfillment?next_token={next}");
                token = Some(next);
            }
            None => return token.expect("more than one page"),
        }
    }
}

#[tokio::test]
async fn created_fulfillments_get_new_ids_and_show_up_in_the_list() {
    let mock = Mock::new();
    let first_reply = mock.post("/s2_partner/fulfillment", &partner_fulfillment()).await;
    assert_valid(&CREATE_FULFILLMENT, &first_reply);
    let first: PartnerFulfillment = first_reply.ok();
    let second: PartnerFulfillment = mock.post("/s2_partner/fulfillment", &partner_fulfillment()).await.ok();
    assert_ne!(first.id, second.id);
    assert_ne!(first.shipments[0].id, second.shipments[0].id);
    assert_eq!((first.status.as_str(), first.shipping_method.as_str(), first.address2.as_str()), ("created", "standard", ""));
    assert_eq!((first.name.as_str(), first.fulfillment_warehouse_id.as_str(), &first.items), ("Roland Ullrich", "system_84", &partner_fulfillment().items));
    assert_eq!((first.shipments[0].status.as_str(), &first.shipments[0].items), ("pending", &first.items));
    assert!(commerce_kit::vendors::checks::is_rfc3339(&first.created_at));

    let found: PartnerFulfillmentPage = mock.get(&format!("/s2_partner/fulfillment?id_list={},{}", first.id, second.id)).await.ok();
    assert_eq!(found.items, [first.clone(), second.clone()]);
    // Appended: the list's last page ends with them.
    let last: PartnerFulfillmentPage = mock.get(&format!("/s2_partner/fulfillment?next_token={}", last_page_token(&mock).await)).await.ok();
    assert_eq!(&last.items[last.items.len() - 2..], [first, second]);
}

#[tokio::test]
async fn created_purchase_orders_show_up_in_the_list() {
    let mock = Mock::new();
    let body = NewPartnerPurchaseOrder { remarks: Some("first batch".into()), ..partner_purchase_order() };
    let reply = mock.post("/s2_partner/purchase-order", &body).await;
    assert_valid(&CREATE_PURCHASE_ORDER, &reply);
    let created: PartnerPurchaseOrder = reply.ok();
    assert_eq!((created.id, created.status.as_str(), created.completion_date.as_deref()), (PURCHASE_ORDERS as i64 + 1, "pending", None));
    assert_eq!((created.from_supplier.name.as_str(), created.remarks.as_str()), ("Buckridge, Mills and Bechtelar", "first batch"));
    assert_eq!((created.items[0].quantity, created.items[0].completed_quantity), (24, 0));

    let pages: Vec<PartnerPurchaseOrderPage> = mock.get(&format!("/s2_partner/purchase-order?id_list={}", created.id)).await.ok();
    assert_eq!(pages[0].items, [created]);
}

#[tokio::test]
async fn bad_bodies_are_400_naming_the_field() {
    let mock = Mock::new();
    let mut missing_city = serde_json::to_value(partner_fulfillment()).unwrap();
    missing_city.as_object_mut().unwrap().remove("city");
    missing_city["items"][0]["quantity"] = "2".into();
    let mut zero = partner_fulfillment();
    zero.items[0].quantity = 0;
    zero.country_id = "USA".into();
    let unknown_warehouse = NewPartnerFulfillment { fulfillment_warehouse_id: "system_1".into(), ..partner_fulfillment() };
    let cases = [
        (mock.post("/s2_partner/fulfillment", &missing_city).await, "items[0].quantity: expected integer, found string \"2\"; city: expected string, found nothing (field missing)"),
        (
            mock.post("/s2_partner/fulfillment", &zero).await,
            "country_id: must be an ISO 3166-1 alpha-2 country code (two uppercase letters, e.g. \"US\"), got \"USA\"; items[0].quantity: must be at least 1, got 0",
        ),
        (mock.post("/s2_partner/fulfillment", &unknown_warehouse).await, "fulfillment_warehouse_id: \"system_1\" is not a warehouse of this account"),
        (mock.post_raw("/s2_partner/fulfillment", "").await, "$: expected a value (invalid JSON), found end of input"),
        (
            mock.post("/s2_partner/purchase-order", &NewPartnerPurchaseOrder { from_supplier_id: 7, ..partner_purchase_order() }).await,
            "from_supplier_id: 7 is not a supplier of this account",
        ),
        (
            mock.post("/s2_partner/purchase-order", &NewPartnerPurchaseOrder { eta: "next week".into(), ..partner_purchase_order() }).await,
            "eta: must be an RFC 3339 date-time (e.g. \"2022-09-30T21:06:03Z\"), got \"next week\"",
        ),
    ];
    for (reply, want) in cases {
        assert_eq!(reply.s2_error(StatusCode::BAD_REQUEST, "INVALID_ARGUMENT"), want);
    }
    // Nothing was created.
    let page: PartnerFulfillmentPage = mock.get(&format!("/s2_partner/fulfillment?id_list={}", 120724 + FULFILLMENTS as i64)).await.ok();
    assert!(page.items.is_empty());
}
