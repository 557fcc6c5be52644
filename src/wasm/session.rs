//! Signing in to the proxy: `client.login`, `client.logout`, `client.me`. These are the
//! proxy's own routes, not vendor operations, so they bypass the catalogue.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::transport::{Failure, Transport};
use super::{invalid, to_js_error};
use crate::error::{Error, Route};

#[wasm_bindgen(typescript_custom_section)]
const TS_SESSION: &str = r#"
/** The signed-in dashboard user. Viewers may read; operators may also write. */
export interface SessionUser { username: string; role: "viewer" | "operator" }
"#;

#[derive(Serialize)]
struct Credentials<'a> {
    username: &'a str,
    password: &'a str,
}

/// Sends to a proxy route; resolves with the response JSON (or null for an empty body).
pub(crate) async fn proxy_route(transport: &Transport, method: &str, route: &str, body: Option<String>) -> Result<JsValue, Failure> {
    let url = format!("{}{route}", transport.base_url);
    let network = |e: JsValue| Error::Network { message: super::transport::js_message(&e) };
    let answer = transport.exchange(method, &url, body.as_deref().map(|b| ("application/json", b)), None).await.map_err(network)?;
    let response = answer.response;
    let answered = |error: Error| Failure { error, request_id: super::transport::request_id(&response), operation: None };
    let text = super::transport::read_text(&response).await.map_err(|e| answered(network(e)))?;
    if let Some(error) = Error::from_answer(&url, Route::Own, response.status(), super::transport::retry_after(&response), &text) {
        return Err(answered(error));
    }
    if text.trim().is_empty() {
        return Ok(JsValue::NULL);
    }
    js_sys::JSON::parse(&text).map_err(|_| answered(Error::Network { message: "the proxy answered with invalid JSON".into() }))
}

pub(crate) async fn login(transport: Transport, username: String, password: String) -> Result<JsValue, JsValue> {
    if username.trim().is_empty() {
        return Err(to_js_error(invalid("username", "is required")));
    }
    if password.is_empty() {
        return Err(to_js_error(invalid("password", "is required")));
    }
    let body = serde_json::to_string(&Credentials { username: &username, password: &password }).expect("strings serialise");
    proxy_route(&transport, "POST", "/auth/login", Some(body)).await.map_err(to_js_error)
}

pub(crate) async fn logout(transport: Transport) -> Result<JsValue, JsValue> {
    proxy_route(&transport, "POST", "/auth/logout", None).await.map(|_| JsValue::UNDEFINED).map_err(to_js_error)
}

/// The signed-in user, or null when there is no live session.
pub(crate) async fn me(transport: Transport) -> Result<JsValue, JsValue> {
    match proxy_route(&transport, "GET", "/auth/me", None).await {
        Ok(user) => Ok(user),
        Err(Failure { error: Error::Unauthorized { .. }, .. }) => Ok(JsValue::NULL),
        Err(e) => Err(to_js_error(e)),
    }
}
