//! Secrets never reach a log line or a response, across every vendor and error path.
//!
//! In a test binary of its own: `tracing` caches, per call site, whether anyone listens,
//! and a test elsewhere in the same process that logs with no subscriber would make these
//! call sites silent for the thread-local subscriber below.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::Request;
use commerce_mock::{Faults, MockConfig};
use commerce_proxy::Config;
use support::*;

/// A `tracing` writer into a shared buffer, to read every log line a test caused.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs `test` on a fresh runtime with every log line captured; returns the lines.
fn capture_logs<F: std::future::Future<Output = ()>>(test: impl FnOnce() -> F) -> String {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt().with_writer(move || writer.clone()).with_max_level(tracing::Level::TRACE).with_ansi(false).finish();
    tracing::subscriber::with_default(subscriber, || {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(test());
    });
    let logs = captured.0.lock().unwrap().clone();
    String::from_utf8(logs).unwrap()
}

fn login_as(username: &str, password: &str) -> Request<Body> {
    let body = serde_json::json!({ "username": username, "password": password }).to_string();
    Request::post("/auth/login").header("x-commerce-kit", "1").body(Body::from(body)).unwrap()
}

#[test]
fn no_request_can_forge_or_garble_a_log_line() {
    const FORGED: &str = "2026-12-02T01:00:00.000000Z  INFO audit: write user=op operation=s2_partner.create_fulfillment status=200";
    let logs = capture_logs(|| async {
        let h = default_harness().await;
        for username in
            [format!("x\n{FORGED}"), format!("x\r{FORGED}"), format!("x\u{1b}[2K\u{1b}[1G{FORGED}"), format!("x\u{2028}{FORGED}"), "x\" user=op".into()]
        {
            assert_eq!(send(&h.anonymous, login_as(&username, "wrong")).await.0, 401);
        }
        let path = "/api/s2_partner/purchase-order?id_list=%0a2026-12-02T01:00:00Z%20INFO%20audit:%20forged";
        // Forwarded (and logged as such); the vendor refuses the id.
        let (status, _, body) = send(&h.router, get(path)).await;
        assert_eq!(status, 400, "{body}");
        assert!(body.contains("INVALID_ARGUMENT"), "{body}");
    });
    for line in logs.lines() {
        assert!(!line.starts_with("2026-12-02T01:00:00"), "a forged line: {line}\n{logs}");
        assert!(!line.contains('\r') && !line.contains('\u{1b}') && !line.contains('\u{2028}'), "a raw control character: {line:?}");
    }
    assert_eq!(logs.matches("sign-in refused").count(), 5, "{logs}");
    assert!(logs.contains(r#"x\n2026-12-02"#) && logs.contains(r#"x\" user=op"#), "usernames are logged, escaped and quoted:\n{logs}");
}

#[test]
fn refused_writes_leave_an_audit_line() {
    let logs = capture_logs(|| async {
        let h = default_harness().await;
        let viewer = signed_in(&h.anonymous, login(&h.anonymous, VIEWER).await);
        let create = post_json("/api/s2_partner/fulfillment", &commerce_mock::examples::partner_fulfillment());
        assert_eq!(send(&viewer, create).await.0, 403);
        let mut cross_site = post_json("/api/s2_partner/fulfillment", &commerce_mock::examples::partner_fulfillment());
        cross_site.headers_mut().insert("origin", "http://evil.example".parse().unwrap());
        assert_eq!(send(&h.router, cross_site).await.0, 403);
        let exchange = post_json("/api/stock2shop/v1/users/authenticate", &serde_json::json!({"system_user_auth": {"username": "u", "password": "p"}}));
        assert_eq!(send(&h.router, exchange).await.0, 403);
        let forged_login = Request::post("/auth/login").header("origin", "http://evil.example").body(Body::from("{}")).unwrap();
        assert_eq!(send(&h.anonymous, forged_login).await.0, 403);
    });
    let audit: Vec<&str> = logs.lines().filter(|l| l.contains(" audit: ") && l.contains("refused")).collect();
    assert_eq!(audit.len(), 4, "one audit line per refused write:\n{logs}");
    assert!(audit[0].contains(r#"user="viewer""#) && audit[0].contains("s2_partner.create_fulfillment") && audit[0].contains("status=403"), "{}", audit[0]);
    assert!(audit[1].contains(r#"user="op""#) && audit[1].contains("cross_site"), "{}", audit[1]);
    assert!(audit[2].contains(r#"user="op""#) && audit[2].contains("proxy_only"), "{}", audit[2]);
    assert!(audit[3].contains("/auth/login") && audit[3].contains("cross_site"), "{}", audit[3]);
}

#[test]
fn configured_secrets_never_appear_in_logs_or_responses() {
    const TOKEN: &str = "s2-token-SECRET-4f1c";
    const KEY: &str = "partner-key-SECRET-9a2e";
    const PASSWORD: &str = "operator-password-SECRET-77";
    const S2S_PASSWORD: &str = "stock2shop-password-SECRET-31";
    const SC_PASSWORD: &str = "sellers-secret-SECRET-58";
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt().with_writer(move || writer.clone()).with_max_level(tracing::Level::TRACE).with_ansi(false).finish();
    let mut seen = String::new();
    tracing::subscriber::with_default(subscriber, || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            // The mock expects the secrets; the proxy is configured with them "for real"
            // (base URLs pointing at the mock), so every path injects them.
            let mock_config = MockConfig {
                s2_token: TOKEN.into(),
                s2_partner_access_key: KEY.into(),
                stock2shop_password: S2S_PASSWORD.into(),
                stock2shop_rate_limit: false,
                sellers_password: SC_PASSWORD.into(),
                ..MockConfig::default()
            };
            let h = harness_with(mock_config.clone(), mock_config, |origin| {
                let text = format!(
                    "retry_base_ms = 5\n[s2]\nbase_url = \"{origin}/s2\"\ntoken = \"{TOKEN}\"\norganization = \"95d73baf-76ba-4bea-86ac-1534c5e5d4aa\"\n[s2_partner]\nbase_url = \"{origin}/s2_partner\"\naccess_key = \"{KEY}\"\n\
                     [stock2shop]\nbase_url = \"{origin}/stock2shop\"\nqueue_base_url = \"{origin}/stock2shop\"\nusername = \"mock-s2s-user\"\npassword = \"{S2S_PASSWORD}\"\nrequests_per_second = 50\n\
                     [sellers_commerce]\nbase_url = \"{origin}/sellers_commerce\"\nusername = \"mock-sc-access-key\"\npassword = \"{SC_PASSWORD}\"\n\n[[users]]\nusername = \"ops\"\nrole = \"operator\"\npassword_hash = \"{}\"\n",
                    commerce_proxy::session::hash_password(PASSWORD).unwrap()
                );
                Config::load(Some(&config_file("secrets", &text)), |_| None).unwrap()
            })
            .await;
            let ops = signed_in(&h.anonymous, login(&h.anonymous, ("ops", PASSWORD)).await);
            let bad_login = Request::post("/auth/login").header("x-commerce-kit", "1").body(Body::from(format!("{{\"username\":\"ops\",\"password\":\"{PASSWORD}x\"}}"))).unwrap();
            let mut responses = vec![send(&h.anonymous, bad_login).await];
            let requests: Vec<Request<Body>> = vec![
                get("/api/s2/inventory/overview"),
                get(&format!("/api/s2/inventory/overview?token={TOKEN}")),
                get("/api/s2_partner/product"),
                get("/api/s2_partner/inventory-supply"),
                post_json("/api/s2_partner/fulfillment", &commerce_mock::examples::partner_fulfillment()),
                post_json("/api/s2_partner/fulfillment", &serde_json::json!({"bad": true})),
                get("/api/s2/../x"),
                get("/api/nope"),
                get("/api/stock2shop/v1/sources?format=json"),
                get("/api/stock2shop/v1/sources?format=json&token=client-token"),
                get("/api/stock2shop/v1/sources?format=json&%74oken=CLEAR-1&??token=CLEAR-2&resetkey=CLEAR-3;sig=CLEAR-4&storeSSO=CLEAR-5&client_secret=CLEAR-6"),
                get("/api/stock2shop/v1/sources?access-token=CLEAR-7&session=CLEAR-8"),
                // A declared credential-looking parameter is forwarded, and logged redacted
                // however its name is spelt.
                get("/api/s2_partner/purchase-order?next_token=CLEAR-10"),
                get("/api/s2_partner/purchase-order?next%5Ftoken=CLEAR-11"),
                // A refused path is logged without its query at all.
                get("/api/nope?CLEAR-9=1"),
                post_json("/api/stock2shop/v1/products/elastic_search", &serde_json::json!({"query": {"bool": {"must": []}}})),
                post_json("/api/stock2shop/v2-queue/order?client_id=1&channel_id=2", &serde_json::json!({"order": 1})),
                post_json("/api/stock2shop/v1/users/authenticate", &serde_json::json!({"system_user_auth": {"username": "u", "password": "p"}})),
                get("/api/sellers_commerce/api/category/getall"),
                get("/api/sellers_commerce/api/product/getall?$filter=Name%20eq"),
                post_json("/api/sellers_commerce/api/order/updateorderstatus", &serde_json::json!({"OrderNumber": "none"})),
            ];
            for request in requests {
                responses.push(send(&ops, request).await);
            }
            for fault in [Faults { status: Some(503), times: Some(3), ..Faults::default() }, Faults { html: true, times: Some(3), ..Faults::default() }] {
                h.mock.set_faults(fault);
                responses.push(send(&ops, get("/api/s2/inventory/overview")).await);
            }
            responses.push(send(&ops, get("/metrics")).await);
            for (status, headers, body) in responses {
                seen.push_str(&format!("{status} {headers:?} {body}\n"));
            }
            seen.push_str(&format!("{:?}", h.state.config));
        });
    });
    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("forwarded") && logs.contains("write"), "the test must exercise logging: {logs}");
    assert!(logs.contains("stock2shop.list_sources") && logs.contains("sellers_commerce.category_getall"), "every vendor exercised");
    for secret in [TOKEN, KEY, PASSWORD, S2S_PASSWORD, SC_PASSWORD] {
        assert!(!logs.contains(secret), "{secret} in the logs:\n{logs}");
        assert!(!seen.contains(secret), "{secret} in a response or Debug output:\n{seen}");
    }
    assert!(logs.contains("token=[redacted]"), "query-string tokens are redacted in logged URLs");
    assert!(logs.contains("next%5Ftoken=[redacted]"), "odd spellings are logged, redacted: {logs}");
    assert!(!logs.contains("CLEAR-"), "a credential-looking parameter in clear in the logs:\n{logs}");
    // Tokens the proxy obtained (Stock2Shop's, Sellers Commerce's) are never logged either.
    for (at, _) in logs.match_indices("token=") {
        assert!(logs[at..].starts_with("token=[redacted]"), "an unredacted token in the logs: {}", &logs[at..(at + 60).min(logs.len())]);
    }
    if let Some(at) = logs.find("Bearer ") {
        panic!("a bearer credential in the logs: {}", &logs[at..(at + 40).min(logs.len())]);
    }
}

#[test]
fn store_sso_checks_are_proxy_only_and_their_token_is_never_logged() {
    const SSO: &str = "store-sso-SECRET-6d0b";
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt().with_writer(move || writer.clone()).with_max_level(tracing::Level::TRACE).with_ansi(false).finish();
    tracing::subscriber::with_default(subscriber, || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let h = default_harness().await;
            let viewer = signed_in(&h.anonymous, login(&h.anonymous, VIEWER).await);
            for router in [&viewer, &h.router] {
                for path in ["ValiadateStoreSSO", "ClosureFormSSO"] {
                    let (status, _, body) = send(router, get(&format!("/api/sellers_commerce/api/PortalLogin/{path}?storeSSO={SSO}"))).await;
                    assert_eq!(status.as_u16(), 403, "{path}: {body}");
                    assert!(body.contains("proxy_only") && !body.contains(SSO), "{path}: {body}");
                }
            }
            assert_eq!(h.mock.request_count(), 0, "an SSO token never reaches the vendor from the browser");
        });
    });
    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("refused") && logs.contains("/api/PortalLogin/ValiadateStoreSSO"), "the refusal is logged: {logs}");
    assert!(!logs.contains(SSO), "an SSO token in the logs:\n{logs}");
}
