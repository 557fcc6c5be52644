//! S2 Partner through the proxy: the access key injected (and the client's never
//! forwarded), creates and pages round-tripping through the mock, and its configuration.

mod support;

use std::collections::HashSet;

use axum::http::{Request, StatusCode};
use commerce_kit::vendors::s2_partner::fulfillment::{PartnerFulfillment, PartnerFulfillmentPage};
use commerce_kit::vendors::s2_partner::{DEV_BASE_URL, PROD_BASE_URL};
use commerce_mock::examples::partner_fulfillment;
use commerce_mock::MockConfig;
use commerce_proxy::config::{S2PartnerConfig, S2PartnerEnvironment};
use commerce_proxy::secret::Secret;
use commerce_proxy::Config;
use support::{config_file, default_harness, get, harness_with, post_json, send};

#[tokio::test]
async fn a_fulfillment_created_through_the_proxy_is_listed_by_id() {
    let h = default_harness().await;
    let (status, _, body) = send(&h.router, post_json("/api/s2_partner/fulfillment", &partner_fulfillment())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let report = commerce_kit::validate_operation("s2_partner.create_fulfillment", body.as_bytes()).unwrap();
    assert!(report.is_valid() && report.drift.is_empty(), "{report:?}");
    let created: PartnerFulfillment = serde_json::from_str(&body).unwrap();

    let (status, _, body) = send(&h.router, get(&format!("/api/s2_partner/fulfillment?id_list={}", created.id))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let page: PartnerFulfillmentPage = serde_json::from_str(&body).unwrap();
    assert_eq!((page.items, page.next_token), (vec![created], None));
    assert_eq!(h.mock.request_count(), 2);
}

#[tokio::test]
async fn pages_follow_next_token_through_the_proxy() {
    let h = default_harness().await;
    let mut ids = Vec::new();
    let mut uri = "/api/s2_partner/fulfillment".to_string();
    let mut pages = 0;
    loop {
        let (status, _, body) = send(&h.router, get(&uri)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let report = commerce_kit::validate_operation("s2_partner.list_fulfillments", body.as_bytes()).unwrap();
        assert!(report.is_valid() && report.drift.is_empty(), "{report:?}");
        let page: PartnerFulfillmentPage = serde_json::from_str(&body).unwrap();
        ids.extend(page.items.iter().map(|f| f.id));
        pages += 1;
        match page.next_token {
            // The builder's encoding, as the browser package sends it.
            Some(token) => uri = format!("/api/s2_partner/fulfillment?next_token={}", commerce_kit::request::percent_encode(&token)),
            None => break,
        }
        assert!(pages < 10, "the list does not end");
    }
    assert_eq!((pages, ids.len()), (5, 250));
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 250, "a fulfillment came twice");
}

#[tokio::test]
async fn the_proxy_key_is_injected_and_the_clients_is_never_forwarded() {
    let h = default_harness().await;
    // A client's own (wrong) key is dropped; the proxy's is sent.
    let request = Request::get("/api/s2_partner/warehouse").header("x-accesskey", "client-supplied").body(Default::default()).unwrap();
    let (status, _, body) = send(&h.router, request).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("system_73"));
}

#[tokio::test]
async fn a_wrong_configured_key_is_a_401_that_never_shows_the_key() {
    let wrong = "wrong-partner-key-4f2a";
    // Configured as a real vendor whose base URL happens to be the mock.
    let h = harness_with(MockConfig::default(), MockConfig::default(), |mock| Config {
        s2_partner: S2PartnerConfig { base_url: Some(format!("{mock}/s2_partner")), access_key: Some(Secret::new(wrong)), ..Default::default() },
        ..Config::default()
    })
    .await;
    // Even the right key from the client does not help: it is not forwarded.
    let right = MockConfig::default().s2_partner_access_key;
    let request = Request::get("/api/s2_partner/fulfillment").header("x-accesskey", right).body(Default::default()).unwrap();
    let (status, headers, body) = send(&h.router, request).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["code"], "UNAUTHENTICATED");
    assert!(!body.contains(wrong), "{body}");
    assert!(headers.values().all(|v| !v.to_str().unwrap_or_default().contains(wrong)));
    assert_eq!(h.mock.request_count(), 1);
    assert_eq!(commerce_kit::Error::from_response(401, None, &body).code(), "unauthorized");
}

#[test]
fn s2_partner_config_reads_the_file_and_the_environment() {
    let file = config_file("s2-partner", "[s2_partner]\nenvironment = \"prod\"\naccess_key = \"file-key\"\n");
    let none = |_: &str| None;

    let config = Config::load(Some(&file), none).unwrap();
    assert_eq!(config.s2_partner.environment, S2PartnerEnvironment::Prod);
    let (url, key) = config.s2_partner.real().unwrap();
    assert_eq!((url.as_str(), key.expose()), (PROD_BASE_URL, "file-key"));
    assert!(!format!("{config:?}").contains("file-key"), "secrets must not appear in Debug output");

    // The environment wins over the file, variable by variable.
    let env = |k: &str| match k {
        "COMMERCE_S2_PARTNER_ENVIRONMENT" => Some("dev".to_string()),
        "COMMERCE_S2_PARTNER_ACCESS_KEY" => Some("env-key".to_string()),
        _ => None,
    };
    let (url, key) = Config::load(Some(&file), env).unwrap().s2_partner.real().unwrap();
    assert_eq!((url.as_str(), key.expose()), (DEV_BASE_URL, "env-key"));

    // A base URL overrides the environment's (trailing slash trimmed).
    let env = |k: &str| (k == "COMMERCE_S2_PARTNER_BASE_URL").then(|| "https://gateway.example/partner/".to_string());
    assert_eq!(Config::load(Some(&file), env).unwrap().s2_partner.real().unwrap().0, "https://gateway.example/partner");

    // No key (or a blank one): served by the embedded mock. The default environment is dev.
    let defaults = Config::load(None, none).unwrap();
    assert_eq!((defaults.s2_partner.environment, defaults.s2_partner.real().is_none()), (S2PartnerEnvironment::Dev, true));
    let blank = |k: &str| (k == "COMMERCE_S2_PARTNER_ACCESS_KEY").then(String::new);
    assert!(Config::load(None, blank).unwrap().s2_partner.real().is_none());
}

#[test]
fn s2_partner_config_mistakes_are_named() {
    let mistakes = [
        ("[s2_partner]\nenvironment = \"staging\"\n", "unknown variant `staging`, expected `dev` or `prod`"),
        ("[s2_partner]\naccesskey = \"k\"\n", "unknown field `accesskey`"),
        ("[s2_partner]\nbase_url = \"s2-api.ventmere.io/partner\"\n", "s2_partner.base_url: \"s2-api.ventmere.io/partner\" is not an http(s) URL"),
        ("[s2_partner]\naccess_key = \"pasted-key\\n\"\n", "s2_partner.access_key: must be printable ASCII without spaces or line breaks"),
    ];
    for (i, (text, want)) in mistakes.into_iter().enumerate() {
        let error = Config::load(Some(&config_file(&format!("s2-partner-mistake-{i}"), text)), |_| None).unwrap_err().0;
        assert!(error.contains(want), "{error}");
        assert!(!error.contains("pasted-key"), "{error}");
    }
    let env = |k: &str| (k == "COMMERCE_S2_PARTNER_ENVIRONMENT").then(|| "production".to_string());
    assert_eq!(Config::load(None, env).unwrap_err().0, "COMMERCE_S2_PARTNER_ENVIRONMENT: unknown variant `production`, expected `dev` or `prod`");
}
