//! The real package in a real browser, through a real proxy and the embedded mock on
//! 127.0.0.1. `make test-browser` starts the proxy (allowing the test runner's origin)
//! and sets COMMERCE_TEST_PROXY; run with `wasm-pack test --headless --chrome`.
#![cfg(all(target_arch = "wasm32", feature = "s2", feature = "s2-partner"))]

use commerce_kit::vendors::s2::inventory::S2InventoryOverview;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PROXY: &str = match option_env!("COMMERCE_TEST_PROXY") {
    Some(url) => url,
    None => "http://127.0.0.1:18181",
};

fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&object, &(*k).into(), v).unwrap();
    }
    object.into()
}

fn client(extra: &[(&str, JsValue)]) -> commerce_kit::wasm::Client {
    // The test page is another origin than the proxy: send the session cookie along.
    let mut pairs = vec![("baseUrl", JsValue::from_str(PROXY)), ("includeCredentials", JsValue::TRUE)];
    pairs.extend(extra.iter().cloned());
    commerce_kit::wasm::Client::new(Some(options(&pairs).unchecked_into())).unwrap()
}

/// A client signed in as the demo operator (the proxy runs in demo mode).
async fn signed_in() -> commerce_kit::wasm::Client {
    let client = client(&[]);
    let user = JsFuture::from(client.login("demo".into(), "demo".into())).await.expect("demo sign-in");
    assert_eq!(field(&user, "role"), "operator");
    client
}

/// Drains an async iterable into a Vec (bounded: at most `max` items).
async fn collect(iterable: JsValue, max: usize) -> Result<Vec<JsValue>, JsValue> {
    let factory: js_sys::Function = js_sys::Reflect::get(&iterable, &js_sys::Symbol::async_iterator().into())?.unchecked_into();
    let iterator = factory.call0(&iterable)?;
    let next: js_sys::Function = js_sys::Reflect::get(&iterator, &"next".into())?.unchecked_into();
    let mut items = Vec::new();
    while items.len() <= max {
        let step = JsFuture::from(js_sys::Promise::from(next.call0(&iterator)?)).await?;
        if field(&step, "done").is_truthy() {
            return Ok(items);
        }
        items.push(field(&step, "value"));
    }
    panic!("the iterator did not end after {max} items");
}

fn field(error: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(error, &key.into()).unwrap()
}

#[wasm_bindgen_test]
async fn inventory_overview_arrives_validated_through_proxy_and_mock() {
    let value = JsFuture::from(signed_in().await.get_inventory_overview(None)).await.expect("the call succeeds");
    let overview: S2InventoryOverview = serde_wasm_bindgen::from_value(value).unwrap();
    assert_eq!(overview.warehouses.len(), 2);
    let skus: Vec<&str> = overview.products.iter().map(|p| p.sku.as_str()).collect();
    assert_eq!(skus, ["test", "MX03-N-BLUE", "SKU-GREY", "TEST-BLACK", "S600-LIGHT-GRAY"]);
    assert_eq!(overview.items[0].level.reserved, -13);
}

#[wasm_bindgen_test]
async fn an_aborted_signal_rejects_with_code_aborted() {
    let controller = web_sys::AbortController::new().unwrap();
    controller.abort();
    let call_options = options(&[("signal", controller.signal().into())]);
    let error = JsFuture::from(client(&[]).get_inventory_overview(Some(call_options.unchecked_into()))).await.unwrap_err();
    assert_eq!(field(&error, "name"), "CommerceKitError");
    assert_eq!(field(&error, "code"), "aborted");
    assert!(error.is_instance_of::<js_sys::Error>());
}

#[wasm_bindgen_test]
async fn an_unreachable_proxy_rejects_with_code_network() {
    let options = options(&[("baseUrl", "http://127.0.0.1:9".into())]);
    let client = commerce_kit::wasm::Client::new(Some(options.unchecked_into())).unwrap();
    let error = JsFuture::from(client.get_inventory_overview(None)).await.unwrap_err();
    assert_eq!(field(&error, "code"), "network");
    assert!(field(&error, "status").is_null());
}

#[wasm_bindgen_test]
fn bad_client_options_name_the_field() {
    let options = options(&[("timeoutMs", JsValue::from_str("soon")), ("baseUrl", JsValue::from_f64(1.0))]);
    let error = commerce_kit::wasm::Client::new(Some(options.unchecked_into())).err().expect("rejected");
    assert_eq!(field(&error, "code"), "invalid_request");
    let message = field(&error, "message").as_string().unwrap();
    assert!(message.contains("baseUrl: expected a string") && message.contains("timeoutMs"), "{message}");
}

#[wasm_bindgen_test]
fn validate_response_reports_paths_in_the_browser_too() {
    let body = include_bytes!("fixtures/s2.get_inventory_overview/wrong_type.json");
    let report = commerce_kit::wasm::validate_response("s2.get_inventory_overview", body).unwrap();
    let errors = js_sys::Array::from(&field(&report, "errors"));
    assert_eq!(errors.length(), 1);
    assert_eq!(field(&errors.get(0), "path"), "$.items[1].level.available");
    assert_eq!(field(&errors.get(0), "found"), "string \"11\"");
}

#[wasm_bindgen_test]
async fn without_a_session_calls_reject_unauthorized() {
    let client = client(&[]);
    JsFuture::from(client.logout()).await.unwrap();
    assert!(JsFuture::from(client.me()).await.unwrap().is_null());
    let error = JsFuture::from(client.get_inventory_overview(None)).await.unwrap_err();
    assert_eq!(field(&error, "code"), "unauthorized");
    assert_eq!(field(&error, "status"), 401);
    let error = JsFuture::from(client.login("demo".into(), "wrong".into())).await.unwrap_err();
    assert_eq!(field(&error, "code"), "unauthorized");
}

/// Calls a method of a JS object by its JS name: the sub-clients are used exactly as
/// JavaScript sees them (`client.s2Partner.listFulfillments(...)`).
fn js_call(object: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let function: js_sys::Function = js_sys::Reflect::get(object, &method.into())?.dyn_into()?;
    function.apply(object, &args.iter().collect::<js_sys::Array>())
}

async fn js_await(object: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    JsFuture::from(js_sys::Promise::from(js_call(object, method, args)?)).await
}

#[wasm_bindgen_test]
async fn the_fulfillment_iterator_follows_next_token_across_pages() {
    let client = signed_in().await;
    // The mock serves 250+ fulfillments in pages of 50: 120 items span three pages.
    let params = options(&[("limit", JsValue::from_f64(120.0))]);
    let partner = client.s2_partner();
    let items = collect(js_call(&partner, "listFulfillments", &[params]).unwrap(), 200).await.unwrap();
    assert_eq!(items.len(), 120);
    let ids: std::collections::BTreeSet<i64> = items.iter().map(|f| field(f, "id").as_f64().unwrap() as i64).collect();
    assert_eq!(ids.len(), 120, "no item twice across pages");
    // One page at a time exposes the token.
    let page = js_await(&partner, "listFulfillmentsPage", &[]).await.unwrap();
    assert_eq!(js_sys::Array::from(&field(&page, "items")).length(), 50);
    assert!(field(&page, "next_token").is_string());
}

#[wasm_bindgen_test]
async fn bad_params_reject_naming_the_field() {
    let client = signed_in().await;
    let params = options(&[("idList", JsValue::from_str("1,2")), ("limt", JsValue::from_f64(3.0))]);
    let error = js_call(&client.s2_partner(), "listFulfillments", &[params]).expect_err("rejected");
    assert_eq!(field(&error, "code"), "invalid_request");
    let message = field(&error, "message").as_string().unwrap();
    assert!(message.contains("idList: expected array") && message.contains("limt: is not a field"), "{message}");
}

#[wasm_bindgen_test]
async fn a_created_fulfillment_shows_up_in_the_list() {
    let client = signed_in().await;
    let body = js_sys::JSON::parse(
        r#"{"name": "Browser Test", "address1": "1 Test Rd", "city": "Oakville", "province": "ON", "country_id": "CA",
            "zip": "L6L 2X8", "fulfillment_warehouse_id": "system_84", "items": [{"sku": "h516-ozd4", "quantity": 2}]}"#,
    )
    .unwrap();
    let partner = client.s2_partner();
    let created = js_await(&partner, "createFulfillment", &[body]).await.expect("created");
    let id = field(&created, "id").as_f64().unwrap();
    let params = options(&[("idList", js_sys::Array::of1(&JsValue::from_f64(id)).into())]);
    let items = collect(js_call(&partner, "listFulfillments", &[params]).unwrap(), 5).await.unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(field(&items[0], "name"), "Browser Test");
}

#[wasm_bindgen_test]
async fn a_quantity_of_zero_is_refused_before_sending() {
    let client = signed_in().await;
    let body = js_sys::JSON::parse(
        r#"{"name": "X", "address1": "1 Rd", "city": "C", "country_id": "CAN", "fulfillment_warehouse_id": "system_84",
            "items": [{"sku": "h516-ozd4", "quantity": 0}]}"#,
    )
    .unwrap();
    let error = js_await(&client.s2_partner(), "createFulfillment", &[body]).await.unwrap_err();
    assert_eq!(field(&error, "code"), "invalid_request");
    let fields: Vec<String> =
        js_sys::Array::from(&field(&field(&error, "details"), "errors")).iter().map(|e| field(&e, "field").as_string().unwrap()).collect();
    assert!(fields.contains(&"items[0].quantity".to_string()) && fields.contains(&"country_id".to_string()), "{fields:?}");
}

#[wasm_bindgen_test]
async fn a_duplicate_channel_fulfillment_id_is_already_exists() {
    let client = signed_in().await;
    let s2 = client.s2();
    let key = format!("browser-{}", js_sys::Date::now());
    let order = serde_json::to_string(&commerce_mock_example(&key)).unwrap();
    let first = js_await(&s2, "createFulfillmentOrder", &[js_sys::JSON::parse(&order).unwrap()]).await.expect("created");
    assert_eq!(field(&first, "outcome"), "created");
    let error = js_await(&s2, "createFulfillmentOrder", &[js_sys::JSON::parse(&order).unwrap()]).await.unwrap_err();
    assert_eq!(field(&error, "code"), "already_exists");
    assert_eq!(field(&error, "status"), 409);
}

/// A fulfillment order the mock accepts (products and warehouse of its inventory).
fn commerce_mock_example(key: &str) -> serde_json::Value {
    let overview: serde_json::Value = serde_json::from_slice(include_bytes!("fixtures/s2.get_inventory_overview/good.json")).unwrap();
    let product = overview["products"][0]["id"].clone();
    serde_json::json!({
        "address": {"name": "A", "company": "", "address1": "1 Rd", "address2": "", "city": "C", "state": "ON",
            "postalCode": "1", "countryId": "CA", "phone": "", "email": ""},
        "warehouseId": overview["warehouses"][0]["id"], "channelFulfillmentId": key, "shippingMethod": "standard",
        "items": [{"productId": product, "quantity": 1}], "shipments": [], "attachments": []
    })
}

#[cfg(feature = "stock2shop")]
#[wasm_bindgen_test]
async fn a_call_slower_than_its_timeout_rejects_with_code_timeout() {
    let client = signed_in().await;
    let stock2shop = client.stock2shop();
    // The proxy paces Stock2Shop to one request a second: a call queued behind another
    // waits at least a second, so a 300 ms timeout always fires first.
    let first = js_call(&stock2shop, "listSources", &[]).unwrap();
    let quick = options(&[("timeoutMs", JsValue::from_f64(300.0))]);
    let error = js_await(&stock2shop, "listChannels", &[quick]).await.unwrap_err();
    assert_eq!(field(&error, "code"), "timeout");
    assert!(field(&error, "message").as_string().unwrap().contains("300 ms"));
    JsFuture::from(js_sys::Promise::from(first)).await.expect("the first call still succeeds");
}

/// Issue 16: a `$filter` nested 1,800 parentheses deep used to exhaust the wasm stack
/// (a plain `RuntimeError`, and every later call failed until a reload), and a flat
/// 20,000-term `and` chain threw an untyped `RangeError`. Both are now a typed
/// `invalid_request` naming `$filter`, and the module keeps working.
#[cfg(feature = "sellers-commerce")]
#[wasm_bindgen_test]
async fn a_hostile_filter_is_invalid_request_and_the_module_stays_usable() {
    let client = signed_in().await;
    let sellers = client.sellers_commerce();
    let deep = format!("{}OrderStatusId eq 9{}", "(".repeat(1800), ")".repeat(1800));
    let chain = vec!["OrderStatusId eq 9"; 20_000].join(" and ");
    let within_length = format!("{}OrderStatusId eq 9{}", "(".repeat(1000), ")".repeat(1000));
    for filter in [deep, chain, within_length] {
        let params = options(&[("filter", JsValue::from_str(&filter))]);
        let error = js_await(&sellers, "orderGetAll", &[params]).await.unwrap_err();
        assert_eq!(field(&error, "name"), "CommerceKitError");
        assert_eq!(field(&error, "code"), "invalid_request");
        let errors = js_sys::Array::from(&field(&field(&error, "details"), "errors"));
        assert_eq!(field(&errors.get(0), "field"), "$filter");
        let message = field(&errors.get(0), "message").as_string().unwrap();
        assert!(message.contains("more than the 2048 accepted") || message.contains("nests deeper than 32 levels"), "{message}");
    }
    // The next calls succeed: with the longest chain the length limit lets through, and
    // with no filter at all.
    let longest = vec!["OrderStatusId eq 9"; 2048 / 23].join(" and ");
    let params = options(&[("filter", JsValue::from_str(&longest))]);
    js_await(&sellers, "orderGetAll", &[params]).await.expect("a long but acceptable filter is sent");
    let orders = js_await(&sellers, "orderGetAll", &[]).await.expect("the module still works");
    assert!(js_sys::Array::is_array(&orders));
}

/// The loose spellings of Stock2Shop's PHP back end reach JavaScript as their declared
/// types: `1`/`"0"` flags as booleans, `"101.00"` prices as numbers, Elasticsearch 7's
/// `hits.total` object as its count. No proxy needed.
#[cfg(feature = "stock2shop")]
#[wasm_bindgen_test]
fn stock2shop_loose_spellings_arrive_as_their_declared_types() {
    let get = |v: &JsValue, key: &str| js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap();
    let at = |v: &JsValue, i: u32| js_sys::Array::from(v).get(i);
    let body = include_bytes!("fixtures/stock2shop.spellings/search_products.php_scalars.json");
    let answer = commerce_kit::wasm::decode_response("stock2shop.search_products", body).unwrap();
    let product = at(&get(&answer, "system_products"), 0);
    assert_eq!(get(&product, "active"), JsValue::TRUE);
    let variants = get(&product, "variants");
    let first = at(&variants, 0);
    assert_eq!(get(&first, "price").as_f64(), Some(101.0));
    assert_eq!(get(&first, "inventory_management"), JsValue::TRUE);
    assert_eq!(get(&first, "active"), JsValue::TRUE);
    assert_eq!(get(&at(&get(&first, "price_tiers"), 0), "price").as_f64(), Some(10.0));
    let second = at(&variants, 1);
    assert_eq!((get(&second, "inventory_management"), get(&second, "active")), (JsValue::FALSE, JsValue::TRUE));
    let body = include_bytes!("fixtures/stock2shop.spellings/search_products.es7_hits_total.json");
    let answer = commerce_kit::wasm::decode_response("stock2shop.search_products", body).unwrap();
    assert_eq!(get(&get(&answer, "hits"), "total").as_f64(), Some(27.0));
    assert_eq!(get(&get(&answer, "hits"), "total_relation").as_string().as_deref(), Some("eq"));
    let body = include_bytes!("fixtures/stock2shop.spellings/search_products.es7_hits_total_gte.json");
    let answer = commerce_kit::wasm::decode_response("stock2shop.search_products", body).unwrap();
    let hits = get(&answer, "hits");
    assert_eq!((get(&hits, "total").as_f64(), get(&hits, "total_relation").as_string().as_deref()), (Some(10_000.0), Some("gte")));
}

/// Issue 9 item 3: the loose values are written in their type while the bytes become
/// text, chunk by chunk; a chunk ending inside one (`"10|1.00"`) must not change it.
#[cfg(feature = "stock2shop")]
#[wasm_bindgen_test]
fn loose_spellings_stream_in_small_chunks_to_the_same_value() {
    for body in [
        &include_bytes!("fixtures/stock2shop.spellings/search_products.php_scalars.json")[..],
        &include_bytes!("fixtures/stock2shop.spellings/search_products.es7_hits_total.json")[..],
    ] {
        let whole = commerce_kit::wasm::decode_response("stock2shop.search_products", body).unwrap();
        for size in [1, 3, 7, 64] {
            let mut decoder = commerce_kit::wasm::ResponseDecoder::new("stock2shop.search_products", None).unwrap();
            for chunk in body.chunks(size) {
                decoder.push(&js_sys::Uint8Array::from(chunk));
            }
            let streamed = decoder.finish().unwrap();
            assert_eq!(js_sys::JSON::stringify(&streamed).unwrap(), js_sys::JSON::stringify(&whole).unwrap(), "chunks of {size}");
        }
    }
}

/// S2's optional text sent as `null` reaches JavaScript as `""`, its declared `string`.
#[wasm_bindgen_test]
fn optional_text_sent_as_null_arrives_as_an_empty_string() {
    let body = include_bytes!("fixtures/spellings/s2.get_inventory_overview.null_text.json");
    let answer = commerce_kit::wasm::decode_response("s2.get_inventory_overview", body).unwrap();
    let warehouse = js_sys::Array::from(&field(&answer, "warehouses")).get(0);
    assert_eq!(field(&field(&warehouse, "address"), "address2"), "");
    assert_eq!(field(&js_sys::Array::from(&field(&answer, "products")).get(0), "remarks"), "");
}

/// Issue 9: one wrong value in one record rejected the whole call. `make test-browser`
/// runs the mock with `corrupt_record` on `s2_partner.list_products`: every page it
/// serves has its first product's first scalar field replaced by an object.
#[wasm_bindgen_test]
async fn a_page_with_one_corrupted_record_resolves_partial_with_the_others() {
    let partner = signed_in().await.s2_partner();
    let page = js_await(&partner, "listProductsPage", &[]).await.expect("a partial page still resolves");
    assert_eq!(field(&page, "partial"), JsValue::TRUE);
    let rejected = js_sys::Array::from(&field(&page, "rejected"));
    assert_eq!(rejected.length(), 1);
    let record = rejected.get(0);
    assert_eq!((field(&record, "index").as_f64(), field(&record, "path").as_string().as_deref()), (Some(0.0), Some("$.item")));
    let error = js_sys::Array::from(&field(&record, "errors")).get(0);
    assert_eq!(field(&error, "path").as_string().as_deref(), Some("$.item[0].sku"));
    let raw = js_sys::JSON::parse(&field(&record, "raw").as_string().unwrap()).unwrap();
    assert_eq!(field(&field(&raw, "sku"), "corrupted"), JsValue::TRUE);
    // The good records are there, typed; the marks do not show in the JSON.
    let items = js_sys::Array::from(&field(&page, "item"));
    assert!(items.length() > 0 && items.iter().all(|p| field(&p, "sku").is_string()));
    let json = js_sys::JSON::stringify(&page).unwrap().as_string().unwrap();
    assert!(!json.contains("rejected") && !json.contains("corrupted"));
}

#[wasm_bindgen_test]
async fn an_iterator_skips_corrupted_records_and_keeps_going() {
    let partner = signed_in().await.s2_partner();
    let iterable = js_call(&partner, "listProducts", &[]).unwrap();
    let items = collect(iterable.clone(), 5000).await.expect("one bad record per page never ends the iteration");
    let rejected = js_sys::Array::from(&field(&iterable, "rejected"));
    assert!(rejected.length() >= 1);
    assert!(rejected.iter().all(|r| field(&r, "index").as_f64() == Some(0.0)));
    assert!(items.len() > rejected.length() as usize);
    assert!(items.iter().all(|p| field(p, "sku").is_string()));
}

/// Issue 13 item 6: a failed call's error carries the `X-Request-Id` of the answer that
/// failed it (what the proxy's logs are searched by), read from the very response, so a
/// caller never has to guess which of several failures it was. No answer: no id.
#[wasm_bindgen_test]
async fn an_answered_failure_carries_the_request_id_of_its_response() {
    // The page's fetch, noting the id of every answer it hands the package.
    let seen = js_sys::Array::new();
    let noting =
        js_sys::Function::new_with_args("seen", "return (url, init) => fetch(url, init).then((r) => { seen.push(r.headers.get('x-request-id')); return r; });")
            .call1(&JsValue::NULL, &seen)
            .unwrap();
    // Without the session cookie (another test's may be in the browser) the proxy
    // answers 401, with its error body and an X-Request-Id as on every answer.
    let error = JsFuture::from(client(&[("fetch", noting), ("includeCredentials", JsValue::FALSE)]).get_inventory_overview(None)).await.unwrap_err();
    assert_eq!(field(&error, "code"), "unauthorized");
    assert_eq!(seen.length(), 1);
    let sent = seen.get(0).as_string().expect("the proxy sends X-Request-Id");
    assert_eq!(field(&error, "requestId").as_string().as_deref(), Some(sent.as_str()));

    let options = options(&[("baseUrl", "http://127.0.0.1:9".into())]);
    let unreachable = commerce_kit::wasm::Client::new(Some(options.unchecked_into())).unwrap();
    let error = JsFuture::from(unreachable.get_inventory_overview(None)).await.unwrap_err();
    assert_eq!(field(&error, "code"), "network");
    assert!(field(&error, "requestId").is_null(), "no answer, no request id");
}

/// Every `CommerceKitError` of a call names its operation (the catalogue id) and that
/// operation's vendor, answered or not, so a caller says who failed without keeping a
/// map of request ids to URLs; what is not one operation (sign-in, a bad option) has
/// both null.
#[wasm_bindgen_test]
async fn an_error_names_the_operation_and_vendor_of_its_call() {
    let named = |error: &JsValue| (field(error, "operation").as_string(), field(error, "vendor").as_string());
    let s2 = (Some("s2.get_inventory_overview".to_string()), Some("s2".to_string()));

    // Answered by the proxy (401: no session cookie sent).
    let error = JsFuture::from(client(&[("includeCredentials", JsValue::FALSE)]).get_inventory_overview(None)).await.unwrap_err();
    assert_eq!(field(&error, "code"), "unauthorized");
    assert_eq!(named(&error), s2);
    // No answer at all.
    let unreachable = commerce_kit::wasm::Client::new(Some(options(&[("baseUrl", "http://127.0.0.1:9".into())]).unchecked_into())).unwrap();
    let error = JsFuture::from(unreachable.get_inventory_overview(None)).await.unwrap_err();
    assert_eq!((field(&error, "code"), named(&error)), ("network".into(), s2.clone()));
    // Cancelled before sending.
    let controller = web_sys::AbortController::new().unwrap();
    controller.abort();
    let call_options = options(&[("signal", controller.signal().into())]);
    let error = JsFuture::from(client(&[]).get_inventory_overview(Some(call_options.unchecked_into()))).await.unwrap_err();
    assert_eq!((field(&error, "code"), named(&error)), ("aborted".into(), s2.clone()));

    // The vendor's own refusal, on S2's safe create (its retry loop keeps the operation).
    let client = signed_in().await;
    let order = serde_json::to_string(&commerce_mock_example(&format!("named-{}", js_sys::Date::now()))).unwrap();
    js_await(&client.s2(), "createFulfillmentOrder", &[js_sys::JSON::parse(&order).unwrap()]).await.expect("created");
    let error = js_await(&client.s2(), "createFulfillmentOrder", &[js_sys::JSON::parse(&order).unwrap()]).await.unwrap_err();
    assert_eq!(field(&error, "code"), "already_exists");
    assert_eq!(named(&error), (Some("s2.create_fulfillment_order".into()), Some("s2".into())));
    // A refused argument of a paged operation, before anything is sent.
    let error = js_call(&client.s2_partner(), "listFulfillments", &[options(&[("limt", JsValue::from_f64(3.0))])]).expect_err("rejected");
    assert_eq!(field(&error, "code"), "invalid_request");
    assert_eq!(named(&error), (Some("s2_partner.list_fulfillments".into()), Some("s2_partner".into())));
    // A refused argument of a single call (generated method) and of a hand-written create.
    let error = js_await(&client.s2_partner(), "getInventorySupply", &[options(&[])]).await.expect_err("rejected");
    assert_eq!(field(&error, "code"), "invalid_request");
    assert_eq!(named(&error), (Some("s2_partner.get_inventory_supply".into()), Some("s2_partner".into())));
    let error = js_await(&client.s2_partner(), "createFulfillment", &[options(&[])]).await.expect_err("rejected");
    assert_eq!(field(&error, "code"), "invalid_request");
    assert_eq!(named(&error), (Some("s2_partner.create_fulfillment".into()), Some("s2_partner".into())));
    // Bytes decoded without a call: still one operation's. (Not a list of records with
    // a wrong one, which resolves partial: a body of the wrong shape altogether.)
    let body: &[u8] = br#"{"warehouses": "none", "products": [], "items": []}"#;
    let error = commerce_kit::wasm::decode_response("s2.get_inventory_overview", body).unwrap_err();
    assert_eq!((field(&error, "code"), named(&error)), ("invalid_response".into(), s2.clone()));
    let mut decoder = commerce_kit::wasm::ResponseDecoder::new("s2.get_inventory_overview", None).unwrap();
    decoder.push(&js_sys::Uint8Array::from(body));
    let error = decoder.finish().unwrap_err();
    assert_eq!((field(&error, "code"), named(&error)), ("invalid_response".into(), s2));

    // Not one operation: sign-in, an unknown operation id, a bad option.
    // (Its code may be `rate_limited`: other tests sign in wrongly too.)
    let error = JsFuture::from(client.login("demo".into(), "wrong".into())).await.unwrap_err();
    assert_eq!(named(&error), (None, None));
    let error = commerce_kit::wasm::decode_response("s2.no_such_operation", b"{}").unwrap_err();
    assert_eq!(named(&error), (None, None));
    let bad = commerce_kit::wasm::Client::new(Some(options(&[("timeoutMs", JsValue::from_str("soon"))]).unchecked_into())).err().unwrap();
    assert_eq!(named(&bad), (None, None));
}

/// One step of an async iterator: `Some(value)`, `None` when done, `Err` when it threw.
async fn step(iterator: &JsValue) -> Result<Option<JsValue>, JsValue> {
    let next = js_await(iterator, "next", &[]).await?;
    Ok(if field(&next, "done").is_truthy() { None } else { Some(field(&next, "value")) })
}

fn iterator_of(iterable: &JsValue) -> JsValue {
    let factory: js_sys::Function = js_sys::Reflect::get(iterable, &js_sys::Symbol::async_iterator().into()).unwrap().unchecked_into();
    factory.call0(iterable).unwrap()
}

/// `PagedIterable.pages` counts the pages fetched so far, in step with the records: the
/// mock's pages hold 50 fulfillments, so the 50th record is still the first page's and
/// the 51st is the second's; a `limit` of 120 ends after three pages.
#[wasm_bindgen_test]
async fn paged_iterable_pages_counts_pages_as_records_arrive() {
    let partner = signed_in().await.s2_partner();
    let iterable = js_call(&partner, "listFulfillments", &[options(&[("limit", JsValue::from_f64(120.0))])]).unwrap();
    let pages = || field(&iterable, "pages").as_f64().unwrap();
    assert_eq!(pages(), 0.0, "nothing is fetched before the loop asks");
    let iterator = iterator_of(&iterable);
    let mut records = 0;
    while let Some(_record) = step(&iterator).await.unwrap() {
        records += 1;
        let expected = match records {
            1..=50 => 1.0,
            51..=100 => 2.0,
            _ => 3.0,
        };
        assert_eq!(pages(), expected, "after {records} records");
    }
    assert_eq!((records, pages()), (120, 3.0));
}

/// Aborting the call's signal stops the iteration: the next page is not fetched, the
/// loop throws `aborted` (naming the operation), `pages` stays, and the iterator is done.
#[wasm_bindgen_test]
async fn paged_iterable_stops_when_its_signal_aborts() {
    let partner = signed_in().await.s2_partner();
    let controller = web_sys::AbortController::new().unwrap();
    let call_options = options(&[("signal", controller.signal().into())]);
    let iterable = js_call(&partner, "listFulfillments", &[JsValue::UNDEFINED, call_options]).unwrap();
    let iterator = iterator_of(&iterable);
    for _ in 0..50 {
        step(&iterator).await.unwrap().expect("the first page's records");
    }
    assert_eq!(field(&iterable, "pages"), 1.0);
    controller.abort();
    let error = step(&iterator).await.expect_err("the second page is not fetched");
    assert_eq!(field(&error, "code"), "aborted");
    assert_eq!(field(&error, "operation"), "s2_partner.list_fulfillments");
    assert_eq!(field(&iterable, "pages"), 1.0);
    assert!(step(&iterator).await.unwrap().is_none(), "a loop that threw is over");
}

/// A bad record in a page (`make test-browser` corrupts the first product of every page
/// of `s2_partner.list_products`) is skipped and the loop goes on: one rejected record
/// per page fetched, and every page's other records yielded.
#[wasm_bindgen_test]
async fn paged_iterable_counts_pages_past_bad_records() {
    let partner = signed_in().await.s2_partner();
    let iterable = js_call(&partner, "listProducts", &[]).unwrap();
    let items = collect(iterable.clone(), 5000).await.expect("a bad record never ends the iteration");
    let pages = field(&iterable, "pages").as_f64().unwrap() as u32;
    assert!(pages >= 2, "the mock serves several pages of products, got {pages}");
    assert_eq!(js_sys::Array::from(&field(&iterable, "rejected")).length(), pages, "one rejected record per page");
    assert!(items.len() as u32 > 49 * (pages - 1), "every page's other records: {} in {pages} pages", items.len());
}

/// Issue 11: a `ResponseDecoder` parses the records of a list while they arrive (only the
/// last chunk's records and the envelope are left after the last byte). Whatever the
/// chunks, its value is `decodeResponse`'s: the same JSON (keys in the same order), the
/// same `partial`, `rejected` and `unlistedRejected`, or the same error.
#[cfg(all(feature = "stock2shop", feature = "sellers-commerce"))]
#[wasm_bindgen_test]
fn records_parsed_while_they_arrive_make_the_value_decode_response_makes() {
    use serde_json::{json, Value};
    let mut bodies: Vec<(&str, Vec<u8>)> = vec![
        ("s2.get_inventory_overview", include_bytes!("fixtures/s2.get_inventory_overview/good.json").to_vec()),
        ("s2.get_inventory_overview", include_bytes!("fixtures/s2.get_inventory_overview/drift.json").to_vec()),
        ("s2.get_inventory_overview", include_bytes!("fixtures/s2.get_inventory_overview/wrong_type.json").to_vec()),
        ("s2.get_inventory_overview", include_bytes!("fixtures/spellings/s2.get_inventory_overview.null_text.json").to_vec()),
        ("s2_partner.list_products", include_bytes!("fixtures/s2_partner.list_products/good.json").to_vec()),
        ("s2_partner.list_purchase_orders", include_bytes!("fixtures/s2_partner.list_purchase_orders/good.json").to_vec()),
        ("stock2shop.search_products", include_bytes!("fixtures/stock2shop.search_products/good.json").to_vec()),
        ("stock2shop.search_products", include_bytes!("fixtures/stock2shop.search_products/drift.json").to_vec()),
        ("stock2shop.search_products", include_bytes!("fixtures/stock2shop.search_products/wrong_type.json").to_vec()),
        ("stock2shop.search_products", include_bytes!("fixtures/stock2shop.spellings/search_products.php_scalars.json").to_vec()),
        ("stock2shop.search_products", include_bytes!("fixtures/stock2shop.spellings/search_products.es7_hits_total.json").to_vec()),
        ("stock2shop.search_orders", include_bytes!("fixtures/stock2shop.spellings/search_orders.php_scalars.json").to_vec()),
        ("sellers_commerce.order_getall", include_bytes!("fixtures/sellers_commerce.order_getall/good.json").to_vec()),
    ];
    // Many 64 KiB chunks, as the bench's loose-heavy body: the fixture's products repeated
    // (every other one spelled loosely, the Elasticsearch 7 total), one of them wrong.
    let loose: Value = serde_json::from_slice(include_bytes!("fixtures/stock2shop.spellings/search_products.php_scalars.json")).unwrap();
    let typed: Value = serde_json::from_slice(include_bytes!("fixtures/stock2shop.search_products/good.json")).unwrap();
    let mut search = loose.clone();
    search["hits"]["total"] = json!({"value": 2400, "relation": "gte"});
    let products: Vec<Value> = (0..2400)
        .map(|i| {
            let mut p = if i % 2 == 0 { loose["system_products"][0].clone() } else { typed["system_products"][0].clone() };
            p["id"] = json!(60_000 + i);
            if i == 1500 {
                p["variants"] = json!("none");
            }
            p
        })
        .collect();
    search["system_products"] = Value::Array(products);
    bodies.push(("stock2shop.search_products", serde_json::to_vec(&search).unwrap()));
    bodies.push(("stock2shop.search_products", serde_json::to_vec_pretty(&search).unwrap()));
    // A top-level list of many records, one wrong.
    let orders: Value = serde_json::from_slice(include_bytes!("fixtures/s2_partner.list_purchase_orders/good.json")).unwrap();
    let mut list: Vec<Value> = (0..3000).map(|_| orders[0].clone()).collect();
    list[2000] = json!({"items": 5});
    bodies.push(("s2_partner.list_purchase_orders", serde_json::to_vec(&list).unwrap()));
    // More records in one chunk than a call takes arguments (read in two chunks below).
    let warehouses: Vec<Value> = (0..40_000).map(|i| json!({"id": format!("w{i}"), "name": "a warehouse"})).collect();
    let many = serde_json::to_vec(&warehouses).unwrap();
    // The same key twice: `JSON.parse` keeps the last one.
    let overview = String::from_utf8(include_bytes!("fixtures/s2.get_inventory_overview/good.json").to_vec()).unwrap();
    let twice = overview.trim_end().strip_suffix('}').unwrap().to_string() + r#", "products": []}"#;
    bodies.push(("s2.get_inventory_overview", twice.into_bytes()));

    let json = |v: &JsValue| js_sys::JSON::stringify(v).unwrap().as_string().unwrap();
    let marks = |v: &JsValue| ["partial", "rejected", "unlistedRejected"].map(|k| json(&js_sys::Reflect::get(v, &k.into()).unwrap_or(JsValue::NULL)));
    let mut lists = 0;
    for (operation, body) in &bodies {
        let whole = commerce_kit::wasm::decode_response(operation, body);
        let mut sizes = vec![7, 64 << 10, body.len()];
        if body.len() < 20_000 {
            sizes.push(1);
        }
        for size in sizes {
            let mut decoder = commerce_kit::wasm::ResponseDecoder::new(operation, None).unwrap();
            for chunk in body.chunks(size) {
                decoder.push(&js_sys::Uint8Array::from(chunk));
            }
            let streamed = decoder.finish();
            match (&whole, &streamed) {
                (Ok(whole), Ok(streamed)) => {
                    assert_eq!(json(streamed), json(whole), "{operation} in chunks of {size}");
                    assert_eq!(marks(streamed), marks(whole), "{operation} in chunks of {size}");
                    lists += usize::from(body.len() > 100_000);
                }
                (Err(whole), Err(streamed)) => assert_eq!(field(streamed, "message"), field(whole, "message"), "{operation} in chunks of {size}"),
                _ => panic!("{operation} in chunks of {size}: {} vs {}", streamed.is_ok(), whole.is_ok()),
            }
        }
    }
    assert_eq!(lists, 9, "the large bodies decode");
    let whole = commerce_kit::wasm::decode_response("s2_partner.list_warehouses", &many).unwrap();
    for cut in [1, 100, 200_000, many.len() - 1] {
        let mut decoder = commerce_kit::wasm::ResponseDecoder::new("s2_partner.list_warehouses", None).unwrap();
        decoder.push(&js_sys::Uint8Array::from(&many[..cut]));
        decoder.push(&js_sys::Uint8Array::from(&many[cut..]));
        let streamed = decoder.finish().unwrap();
        assert_eq!(js_sys::Array::from(&streamed).length(), 40_000);
        assert_eq!(json(&streamed), json(&whole), "cut at {cut}");
    }
}
