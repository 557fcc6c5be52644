//! The proxy router in-process (`oneshot`, no socket of its own) in front of the mock
//! on a loopback socket.

#![allow(dead_code)] // each test file uses its own share of these

use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use commerce_mock::{MockConfig, MockState};
use commerce_proxy::secret::Secret;
use commerce_proxy::session::{hash_password, Role, UserConfig};
use commerce_proxy::{app, AppState, Config, Upstreams};
use http_body_util::BodyExt;
use serde::Serialize;
use tower::ServiceExt;

/// The users every harness has unless its config names others.
pub(crate) const OPERATOR: (&str, &str) = ("op", "op-password");
pub(crate) const VIEWER: (&str, &str) = ("viewer", "viewer-password");

pub(crate) struct Harness {
    pub mock: Arc<MockState>,
    /// Signed in as [`OPERATOR`] (unless the config names its own users); adds the dashboard's client header to every request
    /// that has no `Origin`, as the package does.
    pub router: axum::Router,
    /// No session, no headers added: what an outsider sees.
    pub anonymous: axum::Router,
    pub state: Arc<AppState>,
}

fn test_users() -> Vec<UserConfig> {
    [(OPERATOR, Role::Operator), (VIEWER, Role::Viewer)]
        .into_iter()
        .map(|((username, password), role)| UserConfig { username: username.into(), password_hash: Secret::new(hash_password(password).unwrap()), role })
        .collect()
}

/// Signs in through `/auth/login`; returns the `Cookie` header value.
pub(crate) async fn login(router: &axum::Router, (username, password): (&str, &str)) -> String {
    let request = Request::post("/auth/login")
        .header("content-type", "application/json")
        .header("x-commerce-kit", "1")
        .body(Body::from(serde_json::json!({ "username": username, "password": password }).to_string()))
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "sign-in as {username} failed");
    let set_cookie = response.headers()[axum::http::header::SET_COOKIE].to_str().unwrap();
    set_cookie.split(';').next().unwrap().to_string()
}

/// `router` with a session cookie and the client header added to requests lacking them.
pub(crate) fn signed_in(router: &axum::Router, cookie: String) -> axum::Router {
    router.clone().layer(axum::middleware::map_request(move |mut request: Request<Body>| {
        let cookie = cookie.clone();
        async move {
            let headers = request.headers_mut();
            if !headers.contains_key("cookie") {
                headers.insert("cookie", cookie.parse().unwrap());
            }
            if !headers.contains_key("origin") && !headers.contains_key("x-commerce-kit") {
                headers.insert("x-commerce-kit", "1".parse().unwrap());
            }
            request
        }
    }))
}

/// The proxy with `config`, the mock with `mock_config`; vendors without credentials in
/// `config` reach the mock with the credentials of `proxy_view_of_mock`.
pub(crate) async fn harness(config: Config, mock_config: MockConfig, proxy_view_of_mock: MockConfig) -> Harness {
    harness_with(mock_config, proxy_view_of_mock, |_| config).await
}

/// Like [`harness`], with a config that may point at the mock's origin (`http://127.0.0.1:port`).
pub(crate) async fn harness_with(mock_config: MockConfig, proxy_view_of_mock: MockConfig, config: impl FnOnce(&str) -> Config) -> Harness {
    let mock = MockState::new(mock_config);
    let origin = format!("http://{}", commerce_mock::spawn(mock.clone(), "127.0.0.1:0").await.unwrap());
    let mut config = config(&origin);
    // A config that names its own users signs in by itself; others get the test users.
    let own_users = !config.users.is_empty();
    if !own_users {
        config.users = test_users();
    }
    let upstreams = Upstreams::from_config(&config, &origin, &proxy_view_of_mock);
    let state = AppState::new(config, upstreams);
    let anonymous = app(state.clone());
    let router = if own_users { anonymous.clone() } else { signed_in(&anonymous, login(&anonymous, OPERATOR).await) };
    Harness { mock, router, anonymous, state }
}

pub(crate) async fn default_harness() -> Harness {
    harness(Config::default(), MockConfig::default(), MockConfig::default()).await
}

pub(crate) async fn send(router: &axum::Router, request: Request<Body>) -> (StatusCode, HeaderMap, String) {
    let response = router.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    (parts.status, parts.headers, String::from_utf8_lossy(&bytes).into_owned())
}

pub(crate) fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

pub(crate) fn post_json(uri: &str, body: &impl Serialize) -> Request<Body> {
    Request::post(uri).header("content-type", "application/json").body(Body::from(serde_json::to_vec(body).unwrap())).unwrap()
}

/// A config file holding `text`, in a folder of its own per process and test (tests run
/// in parallel).
pub(crate) fn config_file(test: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("commerce-proxy-test-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("proxy.toml");
    std::fs::write(&file, text).unwrap();
    file
}
