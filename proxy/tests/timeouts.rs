//! Whose timeout: a 504 says which layer's limit ran out, the proxy's whole-request limit
//! (`proxy_timeout`) or the vendor's answer (`upstream_timeout`, naming the vendor).

mod support;

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use axum::{routing, Json, Router};
use commerce_mock::MockConfig;
use commerce_proxy::secret::Secret;
use commerce_proxy::Config;
use support::*;

/// S2 on a loopback socket answering its inventory overview after 3 s.
async fn slow_s2(config: impl FnOnce(&mut Config)) -> Harness {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let slow = Router::new().route(
        "/inventory/overview",
        routing::get(|| async {
            tokio::time::sleep(Duration::from_secs(3)).await;
            Json(serde_json::json!([]))
        }),
    );
    tokio::spawn(async move { axum::serve(listener, slow).await.unwrap() });
    harness_with(MockConfig::default(), MockConfig::default(), move |_| {
        let mut c = Config::default();
        c.s2.base_url = Some(origin);
        c.s2.token = Some(Secret::new("s2-token-for-timeouts"));
        c.s2.organization = Some("org".into());
        config(&mut c);
        c
    })
    .await
}

async fn error_of(h: &Harness) -> (StatusCode, String, String, Duration) {
    let started = Instant::now();
    let (status, _, body) = send(&h.router, get("/api/s2/inventory/overview")).await;
    let json: serde_json::Value = serde_json::from_str(&body).unwrap_or_else(|_| panic!("not JSON: {body:?}"));
    (status, json["error"]["code"].as_str().unwrap_or("").into(), json["error"]["message"].as_str().unwrap_or("").into(), started.elapsed())
}

#[tokio::test]
async fn the_proxys_whole_request_limit_is_504_proxy_timeout_naming_the_limit() {
    let h = slow_s2(|c| c.request_timeout_secs = Some(1)).await;
    let (status, code, message, took) = error_of(&h).await;
    assert_eq!((status, code.as_str()), (StatusCode::GATEWAY_TIMEOUT, "proxy_timeout"), "{message}");
    assert!(message.contains("1 s") && message.contains("request_timeout_secs"), "{message}");
    assert!(took < Duration::from_millis(2500), "{took:?}");
}

#[tokio::test]
async fn the_vendors_timeout_is_504_upstream_timeout_naming_the_vendor() {
    let h = slow_s2(|c| c.upstream_timeout_secs = Some(1)).await;
    let (status, code, message, took) = error_of(&h).await;
    assert_eq!((status, code.as_str()), (StatusCode::GATEWAY_TIMEOUT, "upstream_timeout"), "{message}");
    assert!(message.contains("s2") && message.contains("1 s") && message.contains("upstream_timeout_secs"), "{message}");
    assert!(took < Duration::from_millis(2500), "{took:?}");
}

/// An error body that stops arriving is the vendor's timeout, not a truncation.
#[tokio::test]
async fn an_error_body_that_stalls_is_504_upstream_timeout() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf).await;
                let _ = stream.write_all(b"HTTP/1.1 409 Conflict\r\nContent-Length: 100\r\n\r\n{\"code\":\"ALREADY_EXISTS\",").await;
                tokio::time::sleep(Duration::from_secs(3)).await;
            });
        }
    });
    let h = harness_with(MockConfig::default(), MockConfig::default(), move |_| {
        let mut c = Config::default();
        c.s2.base_url = Some(origin);
        c.s2.token = Some(Secret::new("s2-token-for-timeouts"));
        c.s2.organization = Some("org".into());
        c.upstream_timeout_secs = Some(1);
        c
    })
    .await;
    let (status, code, message, took) = error_of(&h).await;
    assert_eq!((status, code.as_str()), (StatusCode::GATEWAY_TIMEOUT, "upstream_timeout"), "{message}");
    assert!(message.contains("s2"), "{message}");
    assert!(took < Duration::from_millis(2500), "{took:?}");
}

/// Each layer's own timeout error reaches the caller only if the limits nest: the
/// package gives up last, the vendor's answer first.
#[test]
fn the_default_timeouts_nest_package_over_proxy_over_upstream() {
    let package = Duration::from_millis(commerce_kit::request::DEFAULT_TIMEOUT_MS.into());
    assert!(package > commerce_proxy::REQUEST_TIMEOUT, "the package's {package:?} must outlast the proxy's whole request");
    assert!(commerce_proxy::REQUEST_TIMEOUT > commerce_proxy::UPSTREAM_TIMEOUT);
}
