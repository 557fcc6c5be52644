//! The proxy as a security boundary: hostile paths, sessions and roles, cross-site
//! requests, throttling, limits, retries, and secrets that never leak.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use commerce_mock::{Faults, MockConfig};
use commerce_proxy::Config;
use support::*;

/// At least a hundred paths and headers that must never reach a vendor.
fn hostile_requests() -> Vec<Request<Body>> {
    let dot_dot = ["..", "%2e%2e", "%2E%2E", ".%2e", "%2e.", "%252e%252e", "..%00", "..%2f", "..%5c", "%2e%2e%2f"];
    let separators = ["%2f", "%2F", "%5c", "%5C", "\\", "//", "%00", "%0a", "%0d", "%09", "%7f", ";", "%3b"];
    let mut paths = Vec::new();
    for d in dot_dot {
        paths.push(format!("/api/s2/{d}/inventory/overview"));
        paths.push(format!("/api/s2/inventory/{d}/overview"));
        paths.push(format!("/api/s2/inventory/overview/{d}"));
        paths.push(format!("/api/{d}/s2/inventory/overview"));
    }
    for s in separators {
        paths.push(format!("/api/s2/inventory{s}overview"));
        paths.push(format!("/api/s2{s}inventory/overview"));
        paths.push(format!("/api/s2_partner/product{s}"));
    }
    paths.extend(
        [
            "/api/s2/http://evil.example/inventory/overview",
            "/api/s2/https:%2f%2fevil.example/x",
            "/api/s2/@evil.example/inventory/overview",
            "/api/s2/inventory@evil.example/overview",
            "/api/s2//evil.example/inventory/overview",
            "/api//s2/inventory/overview",
            "/api/s2/./inventory/overview",
            "/api/s2/inventory/./overview",
            "/api/s2/%2e/inventory/overview",
            "/api/s2/inventory/overview/",
            "/api/s2/inventory/overview%20",
            "/api/s2/INVENTORY/OVERVIEW",
            "/api/S2/inventory/overview",
            "/api/s2/inventory/overview.json",
            "/api/s2/inventory/overview%3fx=1",
            "/api/s2/inventory/overview%23frag",
            "/api/s2/inventory",
            "/api/s2",
            "/api/s2/",
            "/api/unknown/inventory/overview",
            "/api/s2_partner/fulfillment/1",
            "/api/s2_partner/inventory-supply/../product",
            "/api/stock2shop/v1/users/valid_token/%2e%2e",
            "/api/s2/inventory/%ff%fe",
            "/api/s2/inventory/overview/%",
            "/api/s2/inventory/over%zzview",
            "/api/s2/__mock/faults",
            "/api/s2/../__mock/stats",
            "/api/s2_partner/%2e%2e/%2e%2e/__mock/stats",
        ]
        .map(String::from),
    );
    paths.push(format!("/api/s2/inventory/{}", "a".repeat(5000)));
    paths.push(format!("/api/s2/{}", "x/".repeat(600)));

    let mut requests: Vec<Request<Body>> = paths.iter().map(|p| Request::get(p.as_str()).body(Body::empty()).unwrap()).collect();
    // Methods and absolute-form targets.
    for method in ["POST", "PUT", "DELETE", "PATCH", "TRACE", "CONNECT"] {
        requests.push(Request::builder().method(method).uri("/api/s2/inventory/overview").body(Body::empty()).unwrap());
    }
    requests.push(Request::get("http://evil.example/api/s2/../../etc/passwd").body(Body::empty()).unwrap());
    assert!(requests.len() >= 100, "corpus has {} requests", requests.len());
    requests
}

#[tokio::test]
async fn no_hostile_path_reaches_the_vendor() {
    let h = default_harness().await;
    let corpus = hostile_requests();
    let total = corpus.len();
    for request in corpus {
        let uri = request.uri().to_string();
        let (status, _, body) = send(&h.router, request).await;
        assert!(matches!(status.as_u16(), 400 | 404 | 405), "{uri}: {status} {body}");
        assert!(body.starts_with("{\"error\""), "{uri}: {body}");
    }
    assert_eq!(h.mock.request_count(), 0, "of {total} hostile requests, some reached the mock");
}

#[tokio::test]
async fn hostile_headers_change_nothing_upstream() {
    let h = default_harness().await;
    // Client credentials in the query are refused outright (undeclared parameters).
    let (status, _, body) = send(&h.router, get("/api/s2/inventory/overview?token=stolen&x-accesskey=k")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("unknown_parameter"), "{body}");
    let request = Request::get("/api/s2/inventory/overview")
        .header("host", "evil.example")
        .header("x-forwarded-host", "evil.example")
        .header("authorization", "Bearer attacker")
        .header("x-s2-organization", "attacker-org")
        .header("x-accesskey", "attacker-key")
        .body(Body::empty())
        .unwrap();
    let (status, _, _) = send(&h.router, request).await;
    // The mock accepted the proxy's own credentials: none of the client's got through.
    assert_eq!(status, StatusCode::OK);
    assert_eq!(h.mock.request_count(), 1);
}

#[tokio::test]
async fn every_api_call_needs_a_session_and_writes_need_an_operator() {
    let h = default_harness().await;
    let (status, _, body) = send(&h.anonymous, get("/api/s2/inventory/overview")).await;
    assert_eq!((status, body.contains("unauthenticated")), (StatusCode::UNAUTHORIZED, true));
    let (status, _, _) = send(&h.anonymous, get("/auth/me")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let viewer = signed_in(&h.anonymous, login(&h.anonymous, VIEWER).await);
    let (status, _, body) = send(&viewer, get("/auth/me")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&body).unwrap(), serde_json::json!({"username": "viewer", "role": "viewer"}));
    let (status, _, _) = send(&viewer, get("/api/s2/inventory/overview")).await;
    assert_eq!(status, StatusCode::OK);
    let create = post_json("/api/s2_partner/fulfillment", &commerce_mock::examples::partner_fulfillment());
    let (status, _, body) = send(&viewer, create).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("\"forbidden\""));
    assert_eq!(h.mock.request_count(), 1, "the viewer's write must not reach the vendor");

    // An operator may write.
    let create = post_json("/api/s2_partner/fulfillment", &commerce_mock::examples::partner_fulfillment());
    let (status, _, body) = send(&h.router, create).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // Logout ends the session for good.
    let cookie = login(&h.anonymous, VIEWER).await;
    let session = signed_in(&h.anonymous, cookie);
    let (status, headers, _) = send(&session, Request::post("/auth/logout").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert!(headers["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
    let (status, _, _) = send(&session, get("/api/s2/inventory/overview")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn session_cookies_are_http_only_strict_and_random() {
    let h = default_harness().await;
    let request = Request::post("/auth/login")
        .header("x-commerce-kit", "1")
        .body(Body::from(serde_json::json!({"username": OPERATOR.0, "password": OPERATOR.1}).to_string()))
        .unwrap();
    let (_, headers, _) = send(&h.anonymous, request).await;
    let cookie = headers["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"), "{cookie}");
    let id = cookie.split(';').next().unwrap().split_once('=').unwrap().1;
    assert_eq!(id.len(), 32);
    assert_ne!(login(&h.anonymous, OPERATOR).await, login(&h.anonymous, OPERATOR).await);
    // Secure when configured for HTTPS.
    let h = harness(Config { secure_cookies: true, ..Config::default() }, MockConfig::default(), MockConfig::default()).await;
    let request = Request::post("/auth/login")
        .header("x-commerce-kit", "1")
        .body(Body::from(serde_json::json!({"username": OPERATOR.0, "password": OPERATOR.1}).to_string()))
        .unwrap();
    let (_, headers, _) = send(&h.anonymous, request).await;
    assert!(headers["set-cookie"].to_str().unwrap().ends_with("; Secure"));
}

#[tokio::test]
async fn cross_site_writes_are_refused() {
    let h = default_harness().await;
    let cookie = login(&h.anonymous, OPERATOR).await;
    let body = serde_json::to_vec(&commerce_mock::examples::partner_fulfillment()).unwrap();
    let write = |origin: Option<&str>, client_header: bool| {
        let mut r = Request::post("/api/s2_partner/fulfillment")
            .header("cookie", cookie.as_str())
            .header("content-type", "application/json")
            .header("host", "127.0.0.1:8080");
        if let Some(o) = origin {
            r = r.header("origin", o);
        }
        if client_header {
            r = r.header("x-commerce-kit", "1");
        }
        r.body(Body::from(body.clone())).unwrap()
    };
    for (origin, header, expected) in [
        (Some("http://evil.example"), true, StatusCode::FORBIDDEN),
        (Some("http://evil.example"), false, StatusCode::FORBIDDEN),
        (None, false, StatusCode::FORBIDDEN),
        (Some("http://127.0.0.1:8080"), false, StatusCode::OK),
        (None, true, StatusCode::OK),
    ] {
        let (status, _, text) = send(&h.anonymous, write(origin, header)).await;
        assert_eq!(status, expected, "origin {origin:?}, client header {header}: {text}");
    }
    // Sign-in itself is a state change too.
    let forged = Request::post("/auth/login").header("origin", "http://evil.example").body(Body::from("{}")).unwrap();
    assert_eq!(send(&h.anonymous, forged).await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn failed_sign_ins_are_throttled() {
    let h = default_harness().await;
    let attempt = |password: &str| {
        Request::post("/auth/login")
            .header("x-commerce-kit", "1")
            .body(Body::from(serde_json::json!({"username": OPERATOR.0, "password": password}).to_string()))
            .unwrap()
    };
    for _ in 0..5 {
        assert_eq!(send(&h.anonymous, attempt("wrong")).await.0, StatusCode::UNAUTHORIZED);
    }
    let (status, headers, _) = send(&h.anonymous, attempt(OPERATOR.1)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(headers.contains_key("retry-after"));
}

#[tokio::test]
async fn bodies_above_the_limit_are_refused_before_the_vendor() {
    let h = default_harness().await;
    let big = vec![b' '; commerce_proxy::MAX_REQUEST_BODY + 1];
    let request = Request::post("/api/s2_partner/fulfillment").header("content-type", "application/json").body(Body::from(big)).unwrap();
    let (status, _, _) = send(&h.router, request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(h.mock.request_count(), 0);
    // Stock2Shop's image queue takes 2 MB images: a 3 MB body goes through to the vendor.
    let images = vec![b' '; 3 * 1024 * 1024];
    let request = Request::post("/api/stock2shop/v1/images/queue").header("content-type", "application/json").body(Body::from(images)).unwrap();
    let (status, _, body) = send(&h.router, request).await;
    assert_ne!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert!(h.mock.request_count() >= 1, "the image queue body reached the vendor");
}

#[tokio::test]
async fn a_slow_vendor_times_out_as_504() {
    let config = Config { upstream_timeout_secs: Some(1), ..Config::default() };
    let h = harness(config, MockConfig::default(), MockConfig::default()).await;
    h.mock.set_faults(Faults { delay_ms: 1500, ..Faults::default() });
    let (status, _, body) = send(&h.router, get("/api/s2/inventory/overview")).await;
    assert_eq!(status, StatusCode::GATEWAY_TIMEOUT, "{body}");
    assert!(body.contains("upstream_timeout"));
}

fn fast_retries() -> Config {
    Config { retry_base_ms: Some(5), ..Config::default() }
}

#[tokio::test]
async fn idempotent_reads_are_retried_on_5xx_and_writes_are_not() {
    let h = harness(fast_retries(), MockConfig::default(), MockConfig::default()).await;
    h.mock.set_faults(Faults { status: Some(503), times: Some(2), ..Faults::default() });
    let (status, headers, _) = send(&h.router, get("/api/s2/inventory/overview")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["x-upstream-attempts"], "3");

    h.mock.set_faults(Faults { status: Some(502), times: Some(5), ..Faults::default() });
    let (status, headers, _) = send(&h.router, get("/api/s2/inventory/overview")).await;
    assert_eq!((status, headers["x-upstream-attempts"].to_str().unwrap()), (StatusCode::BAD_GATEWAY, "3"));

    h.mock.set_faults(Faults { status: Some(503), times: Some(1), ..Faults::default() });
    let before = h.mock.request_count();
    let create = post_json("/api/s2_partner/fulfillment", &commerce_mock::examples::partner_fulfillment());
    let (status, headers, _) = send(&h.router, create).await;
    assert_eq!((status, headers["x-upstream-attempts"].to_str().unwrap()), (StatusCode::SERVICE_UNAVAILABLE, "1"));
    assert_eq!(h.mock.request_count() - before, 1);

    // Retry-After is honoured (here 1 s) for a retried read.
    h.mock.set_faults(Faults { status: Some(503), retry_after: Some(1), times: Some(1), ..Faults::default() });
    let started = std::time::Instant::now();
    let (status, _, _) = send(&h.router, get("/api/s2/inventory/overview")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(started.elapsed() >= std::time::Duration::from_millis(900));
    assert!(h.state.metrics.render().contains("commerce_proxy_retries_total{vendor=\"s2\"}"));
}

#[tokio::test]
async fn responses_carry_request_ids_and_metrics_count_them() {
    let h = default_harness().await;
    let (_, headers, _) = send(&h.router, get("/api/s2/inventory/overview")).await;
    assert!(!headers["x-request-id"].is_empty());
    let (_, headers, _) = send(&h.router, get("/api/nope/x")).await;
    assert!(!headers["x-request-id"].is_empty());
    let (status, _, metrics) = send(&h.anonymous, get("/metrics")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(metrics.contains("commerce_proxy_requests_total{vendor=\"s2\",operation=\"s2.get_inventory_overview\",status=\"200\"} 1"), "{metrics}");
    assert!(metrics.contains("commerce_proxy_request_seconds_bucket{vendor=\"s2\",operation=\"s2.get_inventory_overview\",le=\"+Inf\"} 1"));
    assert!(metrics.contains("# TYPE commerce_proxy_queue_depth gauge"));
    assert_eq!(send(&h.anonymous, get("/healthz")).await.0, StatusCode::OK);
    assert_eq!(send(&h.anonymous, get("/readyz")).await.0, StatusCode::OK);
}

#[test]
fn demo_users_exist_only_with_the_embedded_mock() {
    let (config, demo) = Config::default().with_demo_users(false).unwrap();
    assert!(demo);
    let names: Vec<_> = config.users.iter().map(|u| (u.username.as_str(), u.role)).collect();
    assert_eq!(names, [("demo", commerce_proxy::session::Role::Operator), ("viewer", commerce_proxy::session::Role::Viewer)]);
    let refused = Config::default().with_demo_users(true).unwrap_err();
    assert!(refused.0.contains("[[users]]"), "{refused}");
    // Configured users are kept as they are, real vendors or not.
    let (config, demo) = config.with_demo_users(true).unwrap();
    assert!(!demo && config.users.len() == 2);
}

#[tokio::test]
async fn credential_exchanges_are_never_run_for_the_browser() {
    let h = default_harness().await;
    let login = post_json("/api/stock2shop/v1/users/authenticate", &serde_json::json!({"system_user_auth": {"username": "u", "password": "p"}}));
    let (status, _, body) = send(&h.router, login).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("proxy_only"));
    let (status, _, _) = send(&h.router, get("/api/stock2shop/v1/users/valid_token/abc")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(h.mock.request_count(), 0);
}

#[tokio::test]
async fn upstream_concurrency_is_capped_per_vendor() {
    let config = Config { max_concurrent_upstream: Some(1), ..Config::default() };
    let h = harness(config, MockConfig::default(), MockConfig::default()).await;
    h.mock.set_faults(Faults { delay_ms: 300, ..Faults::default() });
    let started = std::time::Instant::now();
    let calls: Vec<_> = (0..2)
        .map(|_| {
            let router = h.router.clone();
            tokio::spawn(async move { send(&router, get("/api/s2/inventory/overview")).await.0 })
        })
        .collect();
    for call in calls {
        assert_eq!(call.await.unwrap(), StatusCode::OK);
    }
    // One at a time: the second waited for the first.
    assert!(started.elapsed() >= std::time::Duration::from_millis(600), "{:?}", started.elapsed());
    assert!(h.state.metrics.render().contains("commerce_proxy_queue_depth{vendor=\"s2\"} 0"));
}

#[tokio::test]
async fn the_queue_gauge_returns_to_zero_for_requests_abandoned_in_the_concurrency_queue() {
    let config = Config { max_concurrent_upstream: Some(1), ..Config::default() };
    let h = harness(config, MockConfig::default(), MockConfig::default()).await;
    h.mock.set_faults(Faults { delay_ms: 500, times: Some(1), ..Faults::default() });
    let slow = {
        let router = h.router.clone();
        tokio::spawn(async move { send(&router, get("/api/s2/inventory/overview")).await.0 })
    };
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let abandoned: Vec<_> = (0..4)
        .map(|_| {
            let router = h.router.clone();
            tokio::spawn(
                async move { tokio::time::timeout(std::time::Duration::from_millis(100), send(&router, get("/api/s2/inventory/overview"))).await.is_err() },
            )
        })
        .collect();
    for call in abandoned {
        assert!(call.await.unwrap(), "it waited for the slow one and was abandoned");
    }
    assert_eq!(slow.await.unwrap(), StatusCode::OK);
    let metrics = h.state.metrics.render();
    assert!(metrics.contains("commerce_proxy_queue_depth{vendor=\"s2\"} 0"), "{metrics}");
}
