//! The mock's router called in-process (`oneshot`), with each vendor's good credentials.

#![allow(dead_code)] // each test file uses its own share of these

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use commerce_mock::{MockConfig, MockState};
use http_body_util::BodyExt;
use serde::Serialize;
use tower::ServiceExt;

pub(crate) struct Mock {
    pub state: Arc<MockState>,
    pub config: MockConfig,
}

/// A response: status and body text.
pub(crate) struct Reply {
    pub status: StatusCode,
    pub body: String,
}

impl Reply {
    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// Asserts a 2xx and decodes the body.
    pub(crate) fn ok<T: serde::de::DeserializeOwned>(&self) -> T {
        assert!(self.status.is_success(), "{}: {}", self.status, self.body);
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    /// Asserts S2's error format, `{"code", "message"}`, with this status and code;
    /// returns the message.
    pub(crate) fn s2_error(&self, status: StatusCode, code: &str) -> String {
        assert_eq!(self.status, status, "{}", self.body);
        let json = self.json();
        assert_eq!(json.as_object().map(|o| o.len()), Some(2), "{}", self.body);
        assert_eq!(json["code"], code, "{}", self.body);
        json["message"].as_str().expect("a message").to_string()
    }
}

impl Mock {
    pub(crate) fn new() -> Mock {
        let config = MockConfig::default();
        Mock { state: MockState::new(config.clone()), config }
    }

    pub(crate) async fn send(&self, request: Request<Body>) -> Reply {
        let response = commerce_mock::app(self.state.clone()).oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Reply { status, body: String::from_utf8(bytes.to_vec()).unwrap() }
    }

    /// A request with the credentials `vendor` (`s2` or `s2_partner`, the first segment
    /// of `uri`) documents.
    pub(crate) fn authorized(&self, method: &str, uri: &str) -> axum::http::request::Builder {
        let request = Request::builder().method(method).uri(uri);
        if uri.starts_with("/s2_partner/") {
            request.header("x-accesskey", &self.config.s2_partner_access_key)
        } else {
            request.header("authorization", format!("Bearer {}", self.config.s2_token)).header("x-s2-organization", &self.config.s2_organization)
        }
    }

    pub(crate) async fn get(&self, uri: &str) -> Reply {
        self.send(self.authorized("GET", uri).body(Body::empty()).unwrap()).await
    }

    pub(crate) async fn post(&self, uri: &str, body: &impl Serialize) -> Reply {
        self.post_raw(uri, &serde_json::to_string(body).unwrap()).await
    }

    pub(crate) async fn post_raw(&self, uri: &str, body: &str) -> Reply {
        let request = self.authorized("POST", uri).header("content-type", "application/json").body(Body::from(body.to_string())).unwrap();
        self.send(request).await
    }
}
