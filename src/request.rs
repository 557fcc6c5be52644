//! Requests describe; transports send.
//!
//! A builder checks what the vendor documents as required or typed and returns a
//! [`Request`]: plain data (method, path, query, body). It never performs I/O, so the
//! same builder serves the browser transport, the native client and the tests.

use std::fmt;

use serde::Serialize;

use crate::catalogue::{Endpoint, Method, ParamKind};
use crate::schema::Wire;

/// One problem with a request, naming the field by path (`items[2].quantity`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct FieldError {
    /// The field's path in the request, e.g. `items[2].quantity`.
    pub field: String,
    /// What is wrong, e.g. `must be at least 1`.
    pub message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Collects field errors while a builder checks its input, so that every problem is
/// reported at once rather than the first one only.
#[derive(Debug, Default)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self::default()
    }
    /// Records a problem with `field`.
    pub fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError { field: field.into(), message: message.into() });
    }
    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// `ok` when nothing was recorded, otherwise every recorded error.
    pub fn into_result<T>(self, ok: T) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(ok)
        } else {
            Err(self.0)
        }
    }
}

/// A request ready for a transport: the vendor path with parameters filled in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Request {
    /// The catalogue id, `s2.get_inventory_overview`.
    pub operation: &'static str,
    /// The operation's HTTP method.
    pub method: Method,
    /// The vendor's path, parameters filled and percent-encoded: `/api/order/get/SO%2F1`.
    pub path: String,
    /// Query parameters in declaration order, not yet encoded.
    pub query: Vec<(String, String)>,
    /// The JSON (or form-encoded) body, if the operation takes one.
    pub body: Option<String>,
    /// The body's media type, when there is a body.
    pub content_type: Option<&'static str>,
}

impl Request {
    /// Starts a request for `endpoint`, checking and filling its path parameters.
    pub fn builder(endpoint: &'static Endpoint) -> RequestBuilder {
        RequestBuilder { endpoint, path_values: Vec::new(), query: Vec::new(), body: None, errors: FieldErrors::new() }
    }

    /// `path?query`, percent-encoded: what goes after a vendor's base URL.
    pub fn path_and_query(&self) -> String {
        let mut out = self.path.clone();
        for (i, (name, value)) in self.query.iter().enumerate() {
            out.push(if i == 0 { '?' } else { '&' });
            out.push_str(&percent_encode(name));
            out.push('=');
            out.push_str(&percent_encode(value));
        }
        out
    }
}

/// Fills an operation's path template and query from checked values: [`Request::builder`].
pub struct RequestBuilder {
    endpoint: &'static Endpoint,
    path_values: Vec<(&'static str, String)>,
    query: Vec<(String, String)>,
    body: Option<(String, &'static str)>,
    errors: FieldErrors,
}

impl RequestBuilder {
    /// Fills the path segment `{name}`; an empty value is reported as missing by `build()`.
    pub fn path_param(mut self, name: &'static str, value: &str) -> Self {
        match self.endpoint.path_param(name) {
            None => self.errors.push(name, "is not a path parameter of this operation"),
            Some(_) if value.trim().is_empty() => self.errors.push(name, "is required and must not be empty"),
            Some(param) => {
                if let Err(message) = check_kind(param.kind, value) {
                    self.errors.push(name, message);
                }
                self.path_values.push((param.name, value.to_string()));
            }
        }
        self
    }

    /// Adds a query parameter if `value` is `Some`. Lists are joined with commas.
    pub fn query(mut self, name: &'static str, value: Option<&str>) -> Self {
        let Some(param) = self.endpoint.query_param(name) else {
            self.errors.push(name, "is not a query parameter of this operation");
            return self;
        };
        if let Some(value) = value {
            if let Err(message) = check_kind(param.kind, value) {
                self.errors.push(name, message);
            }
            self.query.push((name.to_string(), value.to_string()));
        }
        self
    }

    /// A list parameter, sent as one comma-separated value; an empty list sends nothing.
    pub fn query_list(self, name: &'static str, values: &[String]) -> Self {
        if values.is_empty() {
            return self.query(name, None);
        }
        let joined = values.join(",");
        self.query(name, Some(&joined))
    }

    /// Sets a JSON body; the caller has already checked its fields.
    ///
    /// Not encoded when field errors are already known: the request will not be built,
    /// and a body refused for its depth would overflow the stack being encoded.
    pub fn json<T: Serialize + Wire>(mut self, body: &T) -> Self {
        if !self.errors.0.is_empty() {
            return self;
        }
        match serde_json::to_string(body) {
            Ok(json) => self.body = Some((json, "application/json")),
            Err(e) => self.errors.push("body", format!("cannot be encoded as JSON: {e}")),
        }
        self
    }

    /// Merges the field errors a body's own checks found.
    pub fn field_errors(mut self, errors: Vec<FieldError>) -> Self {
        self.errors.0.extend(errors);
        self
    }

    /// The request, or every problem found (a required parameter missing, a value of the wrong kind).
    pub fn build(mut self) -> Result<Request, Vec<FieldError>> {
        let endpoint = self.endpoint;
        for param in endpoint.query.iter().filter(|p| p.required) {
            if !self.query.iter().any(|(n, _)| n == param.name) {
                self.errors.push(param.name, "is required");
            }
        }
        let mut path = String::new();
        for segment in endpoint.segments() {
            path.push('/');
            match segment {
                crate::catalogue::TemplateSegment::Literal(l) => path.push_str(l),
                crate::catalogue::TemplateSegment::Param(name) => match self.path_values.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => path.push_str(&percent_encode(v)),
                    None if self.errors.0.iter().any(|e| e.field == name) => {}
                    None => self.errors.push(name, "is required"),
                },
            }
        }
        let (body, content_type) = match self.body {
            Some((b, ct)) => (Some(b), Some(ct)),
            None => (None, None),
        };
        self.errors.into_result(Request { operation: endpoint.id, method: endpoint.method, path, query: self.query, body, content_type })
    }
}

fn check_kind(kind: ParamKind, value: &str) -> Result<(), String> {
    match kind {
        ParamKind::Integer if value.parse::<i64>().is_err() => Err(format!("expected an integer, got {value:?}")),
        ParamKind::Boolean if value != "true" && value != "false" => Err(format!("expected true or false, got {value:?}")),
        ParamKind::List if value.split(',').any(|v| v.trim().is_empty()) => Err("list items must not be empty".to_string()),
        _ => Ok(()),
    }
}

/// A transport's default limit for one call, in milliseconds. Longer than the proxy's
/// whole-request limit (90 s), which is longer than its limit for a vendor's answer
/// (30 s): each layer gives up after the one below it, so the caller sees the error of the
/// layer that really timed out (`upstream_timeout`, `proxy_timeout`) rather than its own.
pub const DEFAULT_TIMEOUT_MS: u32 = 100_000;

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
    }
    out
}

/// A typed operation: its catalogue entry, its response type and how to build it.
pub trait Operation {
    /// The operation's catalogue entry.
    const ENDPOINT: &'static Endpoint;
    /// What a successful response decodes to.
    type Response: Wire + serde::de::DeserializeOwned;
    /// The request, or every problem with the parameters, each naming its field.
    fn build(&self) -> Result<Request, Vec<FieldError>>;
}
