//! The real package in a real browser, through a real proxy and the embedded mock on
//! 127.0.0.1. `make test-browser` starts the proxy (allowing the test runner's origin)
//! and sets COMMERCE_TEST_PROXY; run with `wasm-pack test --headless --chrome`.
#![cfg(target_arch = "wasm32")]

use commerce_kit::vendors::s2::inventory::InventoryOverview;
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
    let mut pairs = vec![("baseUrl", JsValue::from_str(PROXY))];
    pairs.extend(extra.iter().cloned());
    commerce_kit::wasm::Client::new(Some(options(&pairs).unchecked_into())).unwrap()
}

fn field(error: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(error, &key.into()).unwrap()
}

#[wasm_bindgen_test]
async fn inventory_overview_arrives_validated_through_proxy_and_mock() {
    let value = JsFuture::from(client(&[]).get_inventory_overview(None)).await.expect("the call succeeds");
    let overview: InventoryOverview = serde_wasm_bindgen::from_value(value).unwrap();
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
