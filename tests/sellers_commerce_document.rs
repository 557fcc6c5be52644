#![cfg(all(not(target_arch = "wasm32"), feature = "sellers-commerce"))]
//! The Sellers Commerce document's own examples (`tests/fixtures/sellers_commerce.document/`,
//! verbatim): each request example, given to its builder as parsed JSON (what the
//! binding hands the builder for a JavaScript object), is accepted; each response
//! example passes the validator of the operations that answer it, without drift.

use std::path::PathBuf;

use commerce_kit::request::Operation;
use commerce_kit::vendors::sellers_commerce::token::{TokenPassword, TokenRefresh};
use commerce_kit::vendors::sellers_commerce::ShopperShoppers;
use serde_json::Value;

fn example(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sellers_commerce.document").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json(name: &str) -> Value {
    serde_json::from_slice(&example(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn the_documents_request_examples_are_accepted_by_the_builders() {
    // The example shopper list, as the body of "Post the Shoppers Informations": it has
    // no username, which the document never shows.
    let request = ShopperShoppers::new(json("shoppers.json")).build().unwrap_or_else(|e| panic!("shoppers.json: {e:?}"));
    assert_eq!(serde_json::from_str::<Value>(request.body.as_deref().unwrap()).unwrap(), json("shoppers.json"));
    // The token endpoint's "required data", with the document's values.
    let password = TokenPassword::new("Users Access Key", "Users Shared Secret Key").build().unwrap();
    assert_eq!(password.body.as_deref(), Some("grant_type=password&username=Users%20Access%20Key&password=Users%20Shared%20Secret%20Key"));
    let refresh = TokenRefresh::new("83895c3b-d59f-420e-b67a-8ca6ce3a17b4").build().unwrap();
    assert_eq!(refresh.body.as_deref(), Some("grant_type=refresh_token&refresh_token=83895c3b-d59f-420e-b67a-8ca6ce3a17b4"));
}

#[test]
fn the_documents_response_examples_validate_without_drift() {
    let answers = [
        ("token_response.json", "sellers_commerce.token_password"),
        ("refresh_response.json", "sellers_commerce.token_refresh"),
        ("shoppers.json", "sellers_commerce.shopper_getall"),
        // The error example, as any write (or refusal) answers it.
        ("error_response.json", "sellers_commerce.order_paymentinformation"),
        ("error_response.json", "sellers_commerce.shopper_shoppers"),
    ];
    for (name, operation) in answers {
        let report = commerce_kit::validate_operation(operation, &example(name)).unwrap();
        assert!(report.errors.is_empty() && report.drift.is_empty(), "{name} as {operation}: {report:?}");
    }
}
