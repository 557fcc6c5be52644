//! Who may call what: sign-in routes, the session check on `/api`, roles, and the
//! cross-site request check on everything that changes state.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

use crate::session::{self, LoginError, Role, SessionUser};
use crate::{audit, client_ip};
use crate::{proxy_error, AppState};

/// The header the dashboard's client sends on every call. A cross-site form cannot set
/// it, and a cross-origin script cannot without passing the CORS preflight.
pub const CLIENT_HEADER: &str = "x-commerce-kit";

/// The client's address for throttling: the peer's, or behind a configured trusted
/// proxy the one it reports (see [`crate::client_ip`]).
fn client_address(state: &AppState, request: &Request) -> Option<IpAddr> {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    if state.config.trusted_proxies.is_empty() {
        return peer;
    }
    let trusted = client_ip::parse_list(&state.config.trusted_proxies).unwrap_or_default();
    client_ip::client_address(peer, request.headers(), &trusted)
}

fn session_id(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::COOKIE).and_then(|v| v.to_str().ok()).and_then(session::cookie_value)
}

/// State-changing requests must come from the dashboard: an `Origin` that is this
/// proxy's own or a configured one, or (no `Origin`) the client header.
pub fn cross_site_refusal(state: &AppState, method: &Method, headers: &HeaderMap) -> Option<Response> {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return None;
    }
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let allowed = match origin {
        Some(origin) => {
            let own = headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .is_some_and(|host| origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")) == Some(host));
            own || state.config.allowed_origins.iter().any(|o| o == origin)
        }
        None => headers.contains_key(CLIENT_HEADER),
    };
    (!allowed).then(|| proxy_error(StatusCode::FORBIDDEN, "cross_site", "state-changing requests must come from the dashboard's origin"))
}

/// For `/api`: a live session and the cross-site check, the signed-in user or the
/// refusal. The role is checked once the operation is known ([`refusal_for`]).
pub async fn require_session(state: &AppState, method: &Method, uri: &Uri, headers: &HeaderMap) -> Result<SessionUser, Response> {
    let user = match session_id(headers) {
        Some(id) => state.sessions.find(id).await,
        None => Ok(None),
    };
    let user = match user {
        Ok(Some(user)) => user,
        Ok(None) => return Err(proxy_error(StatusCode::UNAUTHORIZED, "unauthenticated", "sign in first")),
        Err(e) => return Err(state_unavailable(&e)),
    };
    if let Some(refused) = cross_site_refusal(state, method, headers) {
        let path = uri.path_and_query().map_or("/", |p| p.as_str());
        audit::Refused { user: Some(&user.username), method: method.as_str(), path, operation: None, status: 403, reason: "cross_site" }.log();
        return Err(refused);
    }
    Ok(user)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginBody {
    username: String,
    password: String,
}

/// `POST /auth/login` `{username, password}`: sets the session cookie.
pub async fn login(State(state): State<Arc<AppState>>, request: Request) -> Response {
    if let Some(refused) = cross_site_refusal(&state, request.method(), request.headers()) {
        audit::Refused { user: None, method: "POST", path: "/auth/login", operation: None, status: 403, reason: "cross_site" }.log();
        return refused;
    }
    let client = client_address(&state, &request);
    let Ok(bytes) = axum::body::to_bytes(request.into_body(), 4096).await else {
        return proxy_error(StatusCode::PAYLOAD_TOO_LARGE, "body_too_large", "sign-in body too large");
    };
    let Ok(body) = serde_json::from_slice::<LoginBody>(&bytes) else {
        return proxy_error(StatusCode::BAD_REQUEST, "bad_login", "expected JSON {\"username\": ..., \"password\": ...}");
    };
    match state.sessions.sign_in(&body.username, &body.password, client).await {
        Ok((id, user)) => {
            let cookie = session::set_cookie(&id, state.sessions.policy().max_age, state.config.secure_cookies);
            tracing::info!(user = %audit::escape(&user.username), "signed in");
            let mut response = Json(user).into_response();
            response.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_str(&cookie).expect("cookie is ASCII"));
            response
        }
        Err(LoginError::BadCredentials) => {
            tracing::info!(user = %audit::escape(&body.username), "sign-in refused");
            proxy_error(StatusCode::UNAUTHORIZED, "bad_credentials", "unknown user or wrong password")
        }
        Err(LoginError::Throttled) => {
            let mut response = proxy_error(StatusCode::TOO_MANY_REQUESTS, "throttled", "too many failed sign-ins; wait a minute");
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(state.sessions.policy().window.as_secs()));
            response
        }
        Err(LoginError::Unavailable) => state_unavailable(&crate::fleet_state::Unavailable("see the log".into())),
        Err(LoginError::Busy) => {
            let mut response = proxy_error(StatusCode::SERVICE_UNAVAILABLE, "busy", "too many sign-ins at once; try again");
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(1));
            response
        }
    }
}

/// `POST /auth/logout`: ends the session and clears the cookie.
pub async fn logout(State(state): State<Arc<AppState>>, headers: HeaderMap, method: Method) -> Response {
    if let Some(refused) = cross_site_refusal(&state, &method, &headers) {
        audit::Refused { user: None, method: "POST", path: "/auth/logout", operation: None, status: 403, reason: "cross_site" }.log();
        return refused;
    }
    if let Some(id) = session_id(&headers) {
        // Unless it is gone from the shared state, the session lives on: say so.
        if let Err(e) = state.sessions.sign_out(id).await {
            return state_unavailable(&e);
        }
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    let cleared = session::set_cookie("", std::time::Duration::ZERO, state.config.secure_cookies);
    response.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_str(&cleared).expect("cookie is ASCII"));
    response
}

/// `GET /auth/me`: the signed-in user and role.
pub async fn me(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let user = match session_id(&headers) {
        Some(id) => state.sessions.find(id).await,
        None => Ok(None),
    };
    match user {
        Ok(Some(user)) => Json(user).into_response(),
        Ok(None) => proxy_error(StatusCode::UNAUTHORIZED, "unauthenticated", "sign in first"),
        Err(e) => state_unavailable(&e),
    }
}

/// 503 `state_unavailable`: the shared state (Redis) did not answer, so the proxy fails
/// closed rather than guess (no per-instance sessions, pacing or tokens meanwhile).
/// Every caller refuses before the vendor is called, so the body says `"sent": false`:
/// a client may send even a write again ([`state_unavailable_after_an_attempt`] is the
/// one exception).
pub fn state_unavailable(e: &crate::fleet_state::Unavailable) -> Response {
    state_unavailable_marked(e, crate::not_sent_error)
}

/// The same refusal for a retry of a read whose earlier attempt may have reached the
/// vendor: no `"sent"` mark, since something was sent.
pub fn state_unavailable_after_an_attempt(e: &crate::fleet_state::Unavailable) -> Response {
    state_unavailable_marked(e, proxy_error)
}

fn state_unavailable_marked(e: &crate::fleet_state::Unavailable, error: fn(StatusCode, &str, &str) -> Response) -> Response {
    tracing::warn!(error = %e, "request refused: shared state unavailable");
    let mut response = error(StatusCode::SERVICE_UNAVAILABLE, "state_unavailable", "the proxy's shared state (Redis) is unavailable; try again shortly");
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(1));
    response
}

/// Viewers may make reads only; which operations read is the catalogue's call. The
/// refusal to send, if any, with its audit line.
pub fn refusal_for(user: &SessionUser, endpoint: &commerce_kit::Endpoint) -> Option<Response> {
    if user.role == Role::Viewer && !endpoint.is_read() {
        let method = endpoint.method.as_str();
        audit::Refused { user: Some(&user.username), method, path: endpoint.path, operation: Some(endpoint.id), status: 403, reason: "forbidden" }.log();
        return Some(proxy_error(StatusCode::FORBIDDEN, "forbidden", "viewers may only read; an operator may write"));
    }
    None
}
