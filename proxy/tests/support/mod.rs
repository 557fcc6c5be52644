//! The proxy router in-process (`oneshot`, no socket of its own) in front of the mock
//! on a loopback socket.

#![allow(dead_code)] // each test file uses its own share of these

use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use commerce_mock::{MockConfig, MockState};
use commerce_proxy::{app, AppState, Config, Upstreams};
use http_body_util::BodyExt;
use serde::Serialize;
use tower::ServiceExt;

pub struct Harness {
    pub mock: Arc<MockState>,
    pub router: axum::Router,
}

/// The proxy with `config`, the mock with `mock_config`; vendors without credentials in
/// `config` reach the mock with the credentials of `proxy_view_of_mock`.
pub async fn harness(config: Config, mock_config: MockConfig, proxy_view_of_mock: MockConfig) -> Harness {
    harness_with(mock_config, proxy_view_of_mock, |_| config).await
}

/// Like [`harness`], with a config that may point at the mock's origin (`http://127.0.0.1:port`).
pub async fn harness_with(mock_config: MockConfig, proxy_view_of_mock: MockConfig, config: impl FnOnce(&str) -> Config) -> Harness {
    let mock = MockState::new(mock_config);
    let origin = format!("http://{}", commerce_mock::spawn(mock.clone(), "127.0.0.1:0").await.unwrap());
    let config = config(&origin);
    let upstreams = Upstreams::from_config(&config, &origin, &proxy_view_of_mock);
    Harness { mock, router: app(AppState::new(config, upstreams)) }
}

pub async fn default_harness() -> Harness {
    harness(Config::default(), MockConfig::default(), MockConfig::default()).await
}

pub async fn send(router: &axum::Router, request: Request<Body>) -> (StatusCode, HeaderMap, String) {
    let response = router.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    (parts.status, parts.headers, String::from_utf8_lossy(&bytes).into_owned())
}

pub fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

pub fn post_json(uri: &str, body: &impl Serialize) -> Request<Body> {
    Request::post(uri).header("content-type", "application/json").body(Body::from(serde_json::to_vec(body).unwrap())).unwrap()
}

/// A config file holding `text`, in a folder of its own per process and test (tests run
/// in parallel).
pub fn config_file(test: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("commerce-proxy-test-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("proxy.toml");
    std::fs::write(&file, text).unwrap();
    file
}
