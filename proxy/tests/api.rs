//! The proxy router in-process (`oneshot`, no socket of its own) in front of the mock
//! on a loopback socket.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use commerce_mock::MockConfig;
use commerce_proxy::Config;
use support::{default_harness, get, harness, login, send, signed_in, VIEWER};

#[tokio::test]
async fn forwards_a_catalogue_operation_with_injected_credentials() {
    let h = default_harness().await;
    // The client's own credential header is dropped; the proxy's is injected.
    let request = Request::get("/api/s2/inventory/overview").header("authorization", "Bearer client-supplied").body(Body::empty()).unwrap();
    let (status, headers, body) = send(&h.router, request).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(headers["content-type"], "application/json");
    let report = commerce_kit::validate_operation("s2.get_inventory_overview", body.as_bytes()).unwrap();
    assert!(report.is_valid() && report.drift.is_empty());
    assert!(body.contains("MX03-N-BLUE"));
    assert_eq!(h.mock.request_count(), 1);
}

#[tokio::test]
async fn unknown_operations_are_404_json_and_never_reach_the_mock() {
    let h = default_harness().await;
    for uri in ["/api/s2/inventory", "/api/s2/inventory/overview/extra", "/api/nope/inventory/overview", "/api/s2_partner/inventory/overview", "/api"] {
        let (status, _, body) = send(&h.router, get(uri)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["error"]["code"], "unknown_operation", "{uri}");
    }
    let (status, _, _) = send(&h.router, Request::post("/api/s2/inventory/overview").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    let (status, _, _) = send(&h.router, get("/api/s2/inventory/%2E%2E/overview")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(h.mock.request_count(), 0);
}

#[tokio::test]
async fn a_vendor_401_passes_through_as_the_vendor_sent_it() {
    let proxy_view = MockConfig { s2_token: "wrong-token".into(), ..MockConfig::default() };
    let h = harness(Config::default(), MockConfig::default(), proxy_view).await;
    let (status, _, body) = send(&h.router, get("/api/s2/inventory/overview")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["code"], "UNAUTHENTICATED");
    assert!(!body.contains("wrong-token"));
    assert_eq!(h.mock.request_count(), 1);
    // The client library maps it to its `unauthorized` code.
    assert_eq!(commerce_kit::Error::from_response(401, None, &body).code(), "unauthorized");
}

#[tokio::test]
async fn cross_origin_calls_need_an_allowed_origin() {
    let config = Config { allowed_origins: vec!["http://127.0.0.1:9999".into()], ..Config::default() };
    let h = harness(config, MockConfig::default(), MockConfig::default()).await;
    let allowed = Request::get("/api/s2/inventory/overview").header("origin", "http://127.0.0.1:9999").body(Body::empty()).unwrap();
    let (_, headers, _) = send(&h.router, allowed).await;
    assert_eq!(headers["access-control-allow-origin"], "http://127.0.0.1:9999");
    // The client tells a relayed vendor answer by this header: a cross-origin page reads it.
    let exposed = headers["access-control-expose-headers"].to_str().unwrap().to_ascii_lowercase();
    assert!(exposed.contains("x-upstream-attempts") && exposed.contains("x-request-id"), "{exposed}");
    let other = Request::get("/api/s2/inventory/overview").header("origin", "http://evil.example").body(Body::empty()).unwrap();
    let (_, headers, _) = send(&h.router, other).await;
    assert!(headers.get("access-control-allow-origin").is_none());
    // Production default: no CORS at all.
    let h = default_harness().await;
    let request = Request::get("/api/s2/inventory/overview").header("origin", "http://127.0.0.1:9999").body(Body::empty()).unwrap();
    let (_, headers, _) = send(&h.router, request).await;
    assert!(headers.get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn upstream_faults_map_to_vendor_statuses() {
    let h = default_harness().await;
    h.mock.set_faults(commerce_mock::Faults { status: Some(429), retry_after: Some(7), times: Some(1), ..Default::default() });
    let (status, headers, body) = send(&h.router, get("/api/s2/inventory/overview")).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(headers["retry-after"], "7");
    assert_eq!(commerce_kit::Error::from_response(429, Some(7), &body), commerce_kit::Error::RateLimited { retry_after_seconds: Some(7) });
    // `times: 1` cleared the fault.
    let (status, _, _) = send(&h.router, get("/api/s2/inventory/overview")).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn dashboard_responses_carry_security_headers() {
    let h = default_harness().await;
    let (_, headers, _) = send(&h.router, get("/healthz")).await;
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn config_reads_env_over_file() {
    let dir = std::env::temp_dir().join(format!("commerce-proxy-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("proxy.toml");
    std::fs::write(&file, "listen = \"127.0.0.1:1234\"\n[s2]\nbase_url = \"https://s2.example\"\ntoken = \"file-token\"\norganization = \"org\"\n").unwrap();
    let env = |k: &str| (k == "COMMERCE_S2_TOKEN").then(|| "env-token".to_string());
    let config = Config::load(Some(&file), env).unwrap();
    assert_eq!(config.listen.unwrap().port(), 1234);
    let (url, token, org) = config.s2.real().unwrap();
    assert_eq!((url.as_str(), token.expose(), org.as_str()), ("https://s2.example", "env-token", "org"));
    assert_eq!(format!("{config:?}").matches("env-token").count(), 0, "secrets must not appear in Debug output");
    std::fs::write(&file, "[s2]\ntokn = \"typo\"\n").unwrap();
    assert!(Config::load(Some(&file), |_| None).unwrap_err().0.contains("tokn"));
}

#[tokio::test]
async fn api_paths_that_are_no_operation_are_404_json_never_the_dashboard() {
    let h = default_harness().await;
    for uri in ["/api/", "/api/s2/", "/api/sellers_commerce/", "/api/nope/", "/api/s2", "/api/nope"] {
        let (status, headers, body) = send(&h.router, get(uri)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}: {body}");
        assert_eq!(headers["content-type"], "application/json", "{uri}");
        assert!(body.contains("unknown_operation"), "{uri}: {body}");
    }
    assert_eq!(h.mock.request_count(), 0);
}

#[tokio::test]
async fn head_on_an_api_path_answers_without_a_body() {
    let h = default_harness().await;
    for uri in ["/api/s2/inventory/overview", "/api/", "/api/nope/x"] {
        let response = tower::ServiceExt::oneshot(h.router.clone(), Request::head(uri).body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(response.headers()["content-length"], "0", "HEAD {uri}");
        let body = http_body_util::BodyExt::collect(response.into_body()).await.unwrap().to_bytes();
        assert!(body.is_empty(), "HEAD {uri}");
    }
}

#[tokio::test]
async fn odata_past_its_limits_is_refused_by_the_proxy_before_any_vendor_sees_it() {
    // The red team's request: 2,000 nested parentheses in a 4 KB URL, from a viewer.
    let h = default_harness().await;
    let viewer = signed_in(&h.anonymous, login(&h.anonymous, VIEWER).await);
    let nested = format!("{}Total%20gt%201{}", "(".repeat(2000), ")".repeat(2000));
    let long = vec!["OrderNumber%20eq%20'x'"; 200].join("%20or%20");
    let orderby = vec!["OrderNumber"; 400].join(",");
    for query in [format!("$filter={nested}"), format!("$filter={long}"), format!("$orderby={orderby}")] {
        let (status, _, body) = send(&viewer, get(&format!("/api/sellers_commerce/api/order/getall?{query}"))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["error"]["code"], "invalid_request", "{body}");
        let message = json["error"]["message"].as_str().unwrap();
        assert!(message.contains("32 levels") || message.contains("2048"), "the message names the limit: {message}");
    }
    assert_eq!(h.mock.request_count(), 0, "refused before any upstream call");
    // A filter within the limits goes through, and the proxy is still serving.
    let (status, _, body) = send(&viewer, get("/api/sellers_commerce/api/order/getall?$filter=((OrderNumber%20eq%20'x'))")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn a_request_body_nested_past_the_json_limit_is_refused_by_the_proxy() {
    let h = default_harness().await;
    let deep = format!("{{\"query\":{}1{}}}", "[".repeat(10_000), "]".repeat(10_000));
    let request = Request::post("/api/stock2shop/v1/products/elastic_search").header("content-type", "application/json").body(Body::from(deep)).unwrap();
    let (status, _, body) = send(&h.router, request).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("invalid_request") && body.contains("127 levels"), "{body}");
    assert_eq!(h.mock.request_count(), 0, "refused before any upstream call");
}

/// Path parameters are values: a shopper whose username is an e-mail address is fetched
/// at the path the crate's builder writes for it, and reaches the vendor encoded.
#[tokio::test]
async fn a_shopper_named_by_an_e_mail_address_is_fetched_by_the_builders_path() {
    let h = default_harness().await;
    let shopper = serde_json::json!([{ "UserName": "ann@example.com", "FirstName": "Ann", "LastName": "Example" }]);
    let (status, _, body) = send(&h.router, support::post_json("/api/sellers_commerce/api/shopper/shoppers", &shopper)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let built = commerce_kit::request::Operation::build(&commerce_kit::vendors::sellers_commerce::ShopperGet::new("ann@example.com")).unwrap();
    assert_eq!(built.path, "/api/shopper/get/ann%40example.com");
    let (status, _, body) = send(&h.router, get(&format!("/api/sellers_commerce{}", built.path))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("\"Ann\""), "{body}");
}

/// A misspelt or unknown query parameter is a 400 naming it and the declared ones, never
/// the whole unfiltered list; Sellers Commerce names match in any case.
#[tokio::test]
async fn undeclared_query_parameters_are_400_naming_the_declared_ones() {
    let h = default_harness().await;
    let (status, _, body) = send(&h.router, get("/api/sellers_commerce/api/product/getall?$top=1")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["error"]["code"], "unknown_parameter");
    assert_eq!(json["error"]["message"], "\"$top\" is not a query parameter of this operation; it takes $filter, $orderby");
    assert_eq!(h.mock.request_count(), 0);
    let (status, _, all) = send(&h.router, get("/api/sellers_commerce/api/product/getallproductskus")).await;
    assert_eq!(status, StatusCode::OK, "{all}");
    let (status, _, one) = send(&h.router, get("/api/sellers_commerce/api/product/getallproductskus?productcode=SC-1001")).await;
    assert_eq!(status, StatusCode::OK, "{one}");
    assert!(one.contains("SC-1001") && one.len() < all.len(), "filtered: {one}");
}

/// The forwarding route's answers, relayed or refused, pass through every outer step:
/// security headers, a request id, the CORS answer when configured. Pins the order the
/// checks run in whatever carries them (a router's layers or plain calls).
#[tokio::test]
async fn forwarded_answers_and_refusals_carry_the_outer_headers() {
    let h = default_harness().await;
    let relayed = get("/api/s2/inventory/overview");
    let refused = get("/api/s2/inventory/overview/extra");
    for (router, request, expected) in [
        (&h.router, relayed, StatusCode::OK),
        (&h.router, refused, StatusCode::NOT_FOUND),
        (&h.anonymous, get("/api/s2/inventory/overview"), StatusCode::UNAUTHORIZED),
    ] {
        let uri = request.uri().clone();
        let (status, headers, body) = send(router, request).await;
        assert_eq!(status, expected, "{uri}: {body}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{uri}");
        assert_eq!(headers["x-frame-options"], "DENY", "{uri}");
        assert_eq!(headers["referrer-policy"], "no-referrer", "{uri}");
        assert!(headers["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"), "{uri}");
        assert!(!headers["x-request-id"].is_empty(), "{uri}");
        assert_eq!(headers.get_all("x-request-id").iter().count(), 1, "{uri}");
    }
    // Two refusals get two ids.
    let first = send(&h.anonymous, get("/api/s2/inventory/overview")).await.1;
    let second = send(&h.anonymous, get("/api/s2/inventory/overview")).await.1;
    assert_ne!(first["x-request-id"], second["x-request-id"]);

    // With an allowed origin, a preflight on a forwarded path is answered by CORS before
    // the session check, and an unauthenticated call's 401 still carries the CORS headers.
    let config = Config { allowed_origins: vec!["http://127.0.0.1:9999".into()], ..Config::default() };
    let h = harness(config, MockConfig::default(), MockConfig::default()).await;
    let preflight = Request::options("/api/s2/inventory/overview")
        .header("origin", "http://127.0.0.1:9999")
        .header("access-control-request-method", "GET")
        .body(Body::empty())
        .unwrap();
    let (status, headers, _) = send(&h.anonymous, preflight).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["access-control-allow-origin"], "http://127.0.0.1:9999");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let anonymous = Request::get("/api/s2/inventory/overview").header("origin", "http://127.0.0.1:9999").body(Body::empty()).unwrap();
    let (status, headers, _) = send(&h.anonymous, anonymous).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(headers["access-control-allow-origin"], "http://127.0.0.1:9999");
    assert_eq!(h.mock.request_count(), 0);
}
