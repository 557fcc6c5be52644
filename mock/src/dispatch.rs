//! One entry point for every operation: count, apply faults, check the vendor's
//! auth, run the operation's handler.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{FromRequestParts, RawPathParams, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use commerce_kit::catalogue::{self, Endpoint};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::{vendors, Faults, MockState};

/// Request bodies above this are refused, like a real API gateway would.
const MAX_BODY: usize = 8 * 1024 * 1024;

/// What a handler sees of a request.
pub(crate) struct Call {
    /// The operation being served.
    pub endpoint: &'static Endpoint,
    pub path_params: Vec<(String, String)>,
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Call {
    pub(crate) fn query(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    #[expect(dead_code, reason = "for the first modelled operation with a path parameter (Sellers Commerce's `/api/order/get/{ordernumber}`)")]
    pub(crate) fn path_param(&self, name: &str) -> Option<&str> {
        self.path_params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// A non-blank query parameter: the core's builders never send a blank one, so a
    /// blank value means "not given" rather than "match nothing".
    pub(crate) fn query_text(&self, name: &str) -> Option<&str> {
        self.query(name).filter(|v| !v.trim().is_empty())
    }

    /// A comma-separated list parameter (`id_list=1,2`), its entries trimmed.
    pub(crate) fn query_list(&self, name: &str) -> Option<Vec<&str>> {
        self.query_text(name).map(|v| v.split(',').map(str::trim).filter(|s| !s.is_empty()).collect())
    }

    /// The JSON body, decoded into the operation's request type. It is first checked
    /// against the body schema the catalogue declares (the one the client's builder
    /// serialises from), so a problem is reported by path (`items[0].quantity: expected
    /// integer, found string "1"`), in the same words as the client's response validator.
    pub(crate) fn json_body<T: DeserializeOwned>(&self) -> Result<T, String> {
        if let catalogue::Body::Json(schema) = self.endpoint.body {
            let report = commerce_kit::validate(schema, &self.body);
            if !report.errors.is_empty() {
                let issues: Vec<String> =
                    report.errors.iter().map(|issue| issue.to_string().strip_prefix("$.").map(str::to_string).unwrap_or_else(|| issue.to_string())).collect();
                return Err(issues.join("; "));
            }
        }
        // Only what the schema cannot express is left (an integer beyond i64, say).
        serde_json::from_slice(&self.body).map_err(|e| e.to_string())
    }
}

/// What a handler answers: a response, or an error that [`dispatch`] writes in the
/// vendor's own error format.
pub(crate) type Answer = Result<Response, VendorError>;

pub(crate) type Handler = fn(&MockState, &Call) -> Answer;

/// An error response in the vendor's format (see [`vendors::error_body`]).
#[derive(Debug)]
pub(crate) struct VendorError {
    pub status: StatusCode,
    /// The vendor's machine-readable code, where its format has one.
    pub code: &'static str,
    pub message: String,
}

impl VendorError {
    pub(crate) fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        VendorError { status, code, message: message.into() }
    }
}

/// A 200 with `value` as JSON.
pub(crate) fn ok(value: &impl Serialize) -> Answer {
    Ok(json(StatusCode::OK, serde_json::to_vec(value).expect("wire types serialise")))
}

pub(crate) async fn dispatch(endpoint: &'static Endpoint, State(state): State<Arc<MockState>>, request: Request) -> Response {
    let in_flight = state.in_flight.enter(endpoint.id);
    let response = answer(endpoint, state.clone(), request).await;
    drop(in_flight);
    state.record(endpoint, response.status().as_u16());
    response
}

async fn answer(endpoint: &'static Endpoint, state: Arc<MockState>, request: Request) -> Response {
    let request_number = state.count_request();
    let faults = {
        let mut switches = state.faults.lock().unwrap();
        if switches.covers(endpoint.id) {
            switches.take(request_number)
        } else {
            Faults::default()
        }
    };
    if faults.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(faults.delay_ms)).await;
    }
    if faults.reset {
        return Response::new(Body::new(LostBody));
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
    let call = Call { endpoint, path_params, query, headers: parts.headers, body };

    let answer = vendors::authorize(endpoint, &state, &call).and_then(|()| match vendors::throttle(endpoint, &state) {
        Some(refusal) => Ok(refusal),
        None => match vendors::handler(endpoint) {
            Some(handler) => handler(&state, &call),
            None => vendors::fixture_answer(endpoint),
        },
    });
    let response = answer.unwrap_or_else(|e| vendors::error_body(endpoint.vendor, e.status, e.code, &e.message));
    if faults.truncate {
        return truncate(response).await;
    }
    if faults.lose_answer {
        return lose(response);
    }
    if faults.corrupt_record.as_deref() == Some(endpoint.id) && response.status().is_success() {
        let (mut parts, body) = response.into_parts();
        let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
        let bytes = crate::faults::corrupt_one_record(endpoint.response, &bytes).map(Into::into).unwrap_or(bytes);
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::from(bytes));
    }
    if faults.content_type.is_some() || faults.invalid_json || faults.wrong_type || faults.trickle_ms > 0 {
        return reshape(response, &faults).await;
    }
    response
}

/// The body faults: another `Content-Type`, text that is not JSON, one wrong-typed value,
/// a body that trickles.
async fn reshape(response: Response, faults: &Faults) -> Response {
    let (mut parts, body) = response.into_parts();
    let mut bytes = to_bytes(body, usize::MAX).await.unwrap_or_default().to_vec();
    if let Some(content_type) = faults.content_type.as_deref().and_then(|t| HeaderValue::from_str(t).ok()) {
        parts.headers.insert(header::CONTENT_TYPE, content_type);
    }
    if faults.invalid_json {
        bytes = b"{\"this is\": not JSON".to_vec();
    }
    if faults.wrong_type {
        if let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(&bytes) {
            retype_first_scalar(&mut value);
            bytes = serde_json::to_vec(&value).unwrap_or(bytes);
        }
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    if faults.trickle_ms > 0 {
        let (sender, receiver) = tokio::sync::mpsc::channel::<u8>(1);
        let pause = Duration::from_millis(faults.trickle_ms);
        tokio::spawn(async move {
            for byte in bytes {
                tokio::time::sleep(pause).await;
                if sender.send(byte).await.is_err() {
                    return;
                }
            }
        });
        return Response::from_parts(parts, Body::new(TrickleBody(receiver)));
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Turns the first number into a string, or the first string into a number; `true` if it did.
fn retype_first_scalar(value: &mut serde_json::Value) -> bool {
    use serde_json::Value;
    match value {
        Value::Number(n) => {
            *value = Value::String(n.to_string());
            true
        }
        Value::String(_) => {
            *value = Value::from(7);
            true
        }
        Value::Array(items) => items.iter_mut().any(retype_first_scalar),
        Value::Object(fields) => fields.values_mut().any(retype_first_scalar),
        _ => false,
    }
}

struct TrickleBody(tokio::sync::mpsc::Receiver<u8>);

impl http_body::Body for TrickleBody {
    type Data = axum::body::Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        context: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        self.0.poll_recv(context).map(|byte| byte.map(|b| Ok(http_body::Frame::data(axum::body::Bytes::from(vec![b])))))
    }
}

/// The response's head with a body that fails at once: the server breaks the connection,
/// after the operation was carried out.
fn lose(response: Response) -> Response {
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::new(LostBody))
}

struct LostBody;

impl http_body::Body for LostBody {
    type Data = axum::body::Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        let lost = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "the mock's lose_answer fault dropped the answer");
        std::task::Poll::Ready(Some(Err(lost)))
    }
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
            b'%' if i + 3 <= bytes.len() => match std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok()).ok_or(()) {
                Ok(b) => {
                    out.push(b);
                    i += 2;
                }
                Err(_) => out.push(b'%'),
            },
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
