//! One entry point for every operation: count, apply faults, check the vendor's
//! auth, run the operation's handler.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{FromRequestParts, RawPathParams, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use commerce_kit::catalogue::Endpoint;

use crate::{vendors, MockState};

/// Request bodies above this are refused, like a real API gateway would.
const MAX_BODY: usize = 8 * 1024 * 1024;

/// What a handler sees of a request.
pub(crate) struct Call {
    pub path_params: Vec<(String, String)>,
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Call {
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    pub fn path_param(&self, name: &str) -> Option<&str> {
        self.path_params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

pub(crate) type Handler = fn(&MockState, &Call) -> Response;

pub(crate) async fn dispatch(endpoint: &'static Endpoint, State(state): State<Arc<MockState>>, request: Request) -> Response {
    state.count_request();
    let faults = state.faults.lock().unwrap().take();
    if faults.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(faults.delay_ms)).await;
    }
    if faults.html {
        let status = faults.status.and_then(|s| StatusCode::from_u16(s).ok()).unwrap_or(StatusCode::BAD_GATEWAY);
        let page = format!("<!DOCTYPE html><html><head><title>{status}</title></head><body><h1>{status}</h1><p>upstream error</p></body></html>");
        return (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response();
    }
    if let Some(status) = faults.status.and_then(|s| StatusCode::from_u16(s).ok()) {
        let mut response = vendors::error_body(endpoint.vendor, status, "FAULT_INJECTED", "fault injected by the mock").into_response();
        if let Some(seconds) = faults.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        return response;
    }

    let (mut parts, body) = request.into_parts();
    let path_params = match RawPathParams::from_request_parts(&mut parts, &state).await {
        Ok(params) => params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        Err(_) => Vec::new(),
    };
    let query = parts.uri.query().map(parse_query).unwrap_or_default();
    let Ok(body) = to_bytes(body, MAX_BODY).await else {
        return vendors::error_body(endpoint.vendor, StatusCode::PAYLOAD_TOO_LARGE, "TOO_LARGE", "request body too large").into_response();
    };
    let call = Call { path_params, query, headers: parts.headers, body };

    if let Err(refused) = vendors::authorize(endpoint, &state, &call) {
        return refused;
    }
    let response = match vendors::handler(endpoint.id) {
        Some(handler) => handler(&state, &call),
        None => vendors::error_body(endpoint.vendor, StatusCode::NOT_IMPLEMENTED, "NOT_MODELLED", &format!("the mock does not model {}", endpoint.id))
            .into_response(),
    };
    if faults.truncate {
        return truncate(response).await;
    }
    response
}

async fn truncate(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes.slice(..bytes.len() / 2)))
}

/// `a=1&b=x%20y` into pairs, percent- and plus-decoded.
pub(crate) fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 3 <= bytes.len() => {
                match std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok()).ok_or(()) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A JSON response with the given status.
pub(crate) fn json(status: StatusCode, body: impl Into<Body>) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body.into()).into_response()
}
