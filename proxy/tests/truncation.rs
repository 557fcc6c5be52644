//! A vendor answer cut off mid-body is never relayed as if it were whole: an error body
//! the proxy reads whole is answered 502 `upstream_truncated`; a streamed 2xx body ends
//! in an error the client can see, never a clean end.

mod support;

use std::time::Duration;

use axum::http::StatusCode;
use commerce_mock::MockConfig;
use commerce_proxy::secret::Secret;
use commerce_proxy::{serve, Config, ConnectionLimits};
use support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A vendor on a raw loopback socket that answers every request with `answer` and then
/// closes the connection, whatever `answer` promised; returns its origin.
async fn raw_vendor(answer: &'static [u8]) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else { return };
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let _ = stream.write_all(answer).await;
                let _ = stream.flush().await;
                let _ = stream.shutdown().await;
            });
        }
    });
    origin
}

/// The proxy with S2 served by `origin`.
async fn proxy_for(origin: String) -> Harness {
    harness_with(MockConfig::default(), MockConfig::default(), move |_| {
        let mut config = Config::default();
        config.s2.base_url = Some(origin);
        config.s2.token = Some(Secret::new("s2-token-for-truncation"));
        config.s2.organization = Some("org".into());
        config
    })
    .await
}

const FORTY: &str = r#"{"code":"ALREADY_EXISTS","message":"the "#;

#[tokio::test]
async fn an_error_body_shorter_than_its_content_length_is_502_upstream_truncated() {
    assert_eq!(FORTY.len(), 40);
    static ANSWER: &[u8] =
        b"HTTP/1.1 409 Conflict\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"code\":\"ALREADY_EXISTS\",\"message\":\"the ";
    let h = proxy_for(raw_vendor(ANSWER).await).await;
    let (status, _, body) = send(&h.router, get("/api/s2/inventory/overview")).await;
    assert_eq!(status, StatusCode::BAD_GATEWAY, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["error"]["code"], "upstream_truncated", "{body}");
}

#[tokio::test]
async fn an_error_body_whose_chunked_stream_drops_is_502_upstream_truncated() {
    static ANSWER: &[u8] = b"HTTP/1.1 409 Conflict\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n28\r\n{\"code\":\"ALREADY_EXISTS\",\"message\":\"the \r\n";
    let h = proxy_for(raw_vendor(ANSWER).await).await;
    let (status, _, body) = send(&h.router, get("/api/s2/inventory/overview")).await;
    assert_eq!(status, StatusCode::BAD_GATEWAY, "{body}");
    assert!(body.contains("upstream_truncated"), "{body}");
}

/// Through a real socket: the proxy has sent 200 before the body breaks, so the client
/// must see the body fail (an incomplete chunked body), not end.
#[tokio::test]
async fn a_2xx_body_cut_off_mid_stream_fails_at_the_client() {
    static ANSWER: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"code\":\"ALREADY_EXISTS\",\"message\":\"the ";
    let h = proxy_for(raw_vendor(ANSWER).await).await;
    let cookie = login(&h.anonymous, OPERATOR).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, h.anonymous.clone(), ConnectionLimits::default(), std::future::pending()));
    let client = reqwest::Client::builder().timeout(Duration::from_secs(5)).build().unwrap();
    let response = client.get(format!("http://{addr}/api/s2/inventory/overview")).header("cookie", cookie).header("x-commerce-kit", "1").send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers().get("transfer-encoding").map(|v| v.to_str().unwrap()), Some("chunked"));
    let body = response.bytes().await;
    assert!(body.is_err(), "a truncated body ended cleanly: {body:?}");
    assert!(!body.unwrap_err().is_timeout(), "the body must fail at once, not hang");
}
