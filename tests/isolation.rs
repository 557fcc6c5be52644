//! Issue 9: one wrong value in one record of a list rejected the whole response. Each
//! vendor's list-shaped responses, through `decode`, from the operation fixtures with
//! one record corrupted.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;

#[allow(dead_code)]
fn fixture(operation: &str) -> Value {
    let path = format!("{}/tests/fixtures/{operation}/good.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_slice(&std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))).unwrap()
}

#[allow(dead_code)]
fn errors(record: &commerce_kit::decode::RejectedRecord) -> Vec<String> {
    record.errors.iter().map(ToString::to_string).collect()
}

#[cfg(feature = "s2-partner")]
#[test]
fn s2_partner_a_page_keeps_its_good_fulfillments() {
    use commerce_kit::vendors::s2_partner::fulfillment::PartnerFulfillmentPage;
    let mut body = fixture("s2_partner.list_fulfillments");
    let first = body["items"][0].clone();
    body["items"] = Value::Array(vec![first.clone(), first.clone(), first]);
    body["items"][1]["items"][0]["quantity"] = "2".into();
    let decoded = commerce_kit::decode::<PartnerFulfillmentPage>(&serde_json::to_vec(&body).unwrap()).unwrap();
    assert!(decoded.is_partial());
    assert_eq!(decoded.value.items.len(), 2);
    assert_eq!((decoded.rejected[0].index, decoded.rejected[0].path.as_str()), (1, "$.items"));
    assert_eq!(errors(&decoded.rejected[0]), ["$.items[1].items[0].quantity: expected integer, found string \"2\""]);
    let raw: Value = serde_json::from_str(&decoded.rejected[0].raw).unwrap();
    assert_eq!(raw, body["items"][1]);
    // The page's own fields are the envelope: wrong, the call fails.
    body["next_token"] = 5.into();
    assert!(commerce_kit::decode::<PartnerFulfillmentPage>(&serde_json::to_vec(&body).unwrap()).is_err());
}

#[cfg(feature = "s2-partner")]
#[test]
fn s2_partner_purchase_order_pages_isolate_orders_inside_pages() {
    use commerce_kit::vendors::s2_partner::purchase_order::PartnerPurchaseOrderPage;
    let mut body = fixture("s2_partner.list_purchase_orders");
    let order = body[0]["items"][0].clone();
    body[0]["items"] = Value::Array(vec![order.clone(), order]);
    body[0]["items"][0]["id"] = "x".into();
    let decoded = commerce_kit::decode::<Vec<PartnerPurchaseOrderPage>>(&serde_json::to_vec(&body).unwrap()).unwrap();
    assert_eq!((decoded.value.len(), decoded.value[0].items.len()), (1, 1));
    assert_eq!((decoded.rejected[0].index, decoded.rejected[0].path.as_str()), (0, "$[0].items"));
    // A page whose own token is wrong goes as a whole (a top-level array's members are records).
    body[0]["next_token"] = Value::Null;
    let decoded = commerce_kit::decode::<Vec<PartnerPurchaseOrderPage>>(&serde_json::to_vec(&body).unwrap()).unwrap();
    assert!(decoded.value.is_empty());
    assert_eq!((decoded.rejected.len(), decoded.rejected[0].path.as_str()), (1, "$"));
}

#[cfg(feature = "s2")]
#[test]
fn s2_inventory_overview_isolates_each_list() {
    use commerce_kit::vendors::s2::inventory::S2InventoryOverview;
    let mut body = fixture("s2.get_inventory_overview");
    let items = body["items"].as_array().unwrap().len();
    body["items"][0]["level"] = "lots".into();
    let decoded = commerce_kit::decode::<S2InventoryOverview>(&serde_json::to_vec(&body).unwrap()).unwrap();
    assert_eq!(decoded.value.items.len(), items - 1);
    assert_eq!(decoded.rejected[0].path, "$.items");
    body["items"] = Value::Null;
    assert!(commerce_kit::decode::<S2InventoryOverview>(&serde_json::to_vec(&body).unwrap()).is_err());
}

#[cfg(feature = "stock2shop")]
#[test]
fn stock2shop_search_keeps_the_good_products() {
    use commerce_kit::vendors::stock2shop::products::SystemProductSearch;
    let mut body = fixture("stock2shop.search_products");
    let product = body["system_products"][0].clone();
    body["system_products"] = Value::Array(vec![product.clone(), product]);
    body["system_products"][0]["variants"][0]["price"] = "a lot".into();
    let decoded = commerce_kit::decode::<SystemProductSearch>(&serde_json::to_vec(&body).unwrap()).unwrap();
    assert_eq!(decoded.value.system_products.len(), 1);
    assert_eq!((decoded.rejected[0].index, decoded.rejected[0].path.as_str()), (0, "$.system_products"));
    assert!(errors(&decoded.rejected[0])[0].starts_with("$.system_products[0].variants[0].price: expected number"));
    body["hits"]["total"] = "many".into();
    assert!(commerce_kit::decode::<SystemProductSearch>(&serde_json::to_vec(&body).unwrap()).is_err());
}

#[cfg(feature = "sellers-commerce")]
#[test]
fn sellers_commerce_top_level_lists_keep_the_good_records() {
    use commerce_kit::vendors::sellers_commerce::product::SellersProduct;
    let mut body = fixture("sellers_commerce.product_getall");
    body[1]["SCproductID"] = "1002".into();
    let decoded = commerce_kit::decode::<Vec<SellersProduct>>(&serde_json::to_vec(&body).unwrap()).unwrap();
    assert_eq!(decoded.value.len(), body.as_array().unwrap().len() - 1);
    assert_eq!((decoded.rejected[0].index, decoded.rejected[0].path.as_str()), (1, "$"));
    assert!(commerce_kit::decode::<Vec<SellersProduct>>(br#"{"ProductCode": "SC-1"}"#).is_err());
}
