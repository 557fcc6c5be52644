//! The client's one error type, with a stable machine-readable code per variant.

use std::fmt;

use serde::Serialize;

use crate::request::FieldError;
use crate::validate::Issue;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Error {
    /// The request failed its checks before anything was sent.
    InvalidRequest {
        errors: Vec<FieldError>,
    },
    /// The request could not reach the proxy, or the connection broke.
    Network {
        message: String,
    },
    Timeout {
        after_ms: u32,
    },
    Aborted,
    /// 429: the vendor (or the proxy's pacing) asks to slow down.
    RateLimited {
        retry_after_seconds: Option<u32>,
    },
    /// 401/403: the proxy session or the vendor credentials were refused.
    Unauthorized {
        status: u16,
        message: String,
    },
    /// The proxy refused the request itself (unknown operation, bad path, body too large).
    Proxy {
        status: u16,
        proxy_code: String,
        message: String,
    },
    /// 409 `ALREADY_EXISTS`: S2 already has a fulfillment with this `channelFulfillmentId`.
    /// After a retried create this means "already created" (see
    /// `vendors::s2::fulfillment::CreateFulfillmentOrder::send_safely`).
    AlreadyExists {
        message: String,
    },
    /// The vendor answered with an error: S2's `ALREADY_EXISTS`, Sellers Commerce's
    /// numeric codes, Stock2Shop's messages.
    Vendor {
        status: u16,
        vendor_code: Option<String>,
        message: String,
    },
    /// The response does not have the documented shape.
    InvalidResponse {
        issues: Vec<Issue>,
        unlisted: usize,
    },
}

impl Error {
    /// The stable code JavaScript sees as `error.code`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidRequest { .. } => "invalid_request",
            Error::Network { .. } => "network",
            Error::Timeout { .. } => "timeout",
            Error::Aborted => "aborted",
            Error::RateLimited { .. } => "rate_limited",
            Error::Unauthorized { .. } => "unauthorized",
            Error::Proxy { .. } => "proxy",
            Error::AlreadyExists { .. } => "already_exists",
            Error::Vendor { .. } => "vendor",
            Error::InvalidResponse { .. } => "invalid_response",
        }
    }

    /// The HTTP status, where there was a response.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::RateLimited { .. } => Some(429),
            Error::AlreadyExists { .. } => Some(409),
            Error::Unauthorized { status, .. } | Error::Proxy { status, .. } | Error::Vendor { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether sending the same request again may succeed (for idempotent operations).
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Network { .. } | Error::Timeout { .. } | Error::RateLimited { .. } => true,
            Error::Vendor { status, .. } => matches!(status, 502..=504),
            _ => false,
        }
    }

    /// Maps a non-2xx response to an error. `body` is the response text.
    pub fn from_response(status: u16, retry_after: Option<&str>, body: &str) -> Error {
        let json: Option<serde_json::Value> = serde_json::from_str(body).ok();
        // The proxy's own errors: {"error": {"code": "...", "message": "..."}}.
        if let Some(err) = json.as_ref().and_then(|j| j.get("error")).filter(|e| e.is_object()) {
            let text = |k: &str| err.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
            // No session (401) is the caller's to fix by signing in; a refusal of a
            // signed-in user (403: a viewer's write, a cross-site request) is the proxy's.
            if status == 401 {
                return Error::Unauthorized { status, message: text("message") };
            }
            if status != 429 {
                return Error::Proxy { status, proxy_code: text("code"), message: text("message") };
            }
        }
        if status == 429 {
            return Error::RateLimited { retry_after_seconds: retry_after.and_then(|s| s.trim().parse().ok()) };
        }
        let (vendor_code, message) = vendor_code_and_message(json.as_ref(), body);
        if status == 401 || status == 403 {
            return Error::Unauthorized { status, message };
        }
        if status == 409 && vendor_code.as_deref() == Some("ALREADY_EXISTS") {
            return Error::AlreadyExists { message };
        }
        Error::Vendor { status, vendor_code, message }
    }
}

/// Vendors spell their error bodies differently; find a code and a message in any of them.
fn vendor_code_and_message(json: Option<&serde_json::Value>, body: &str) -> (Option<String>, String) {
    let Some(json) = json else {
        let text: String = body.chars().take(200).collect();
        return (None, if text.trim_start().starts_with('<') { "the server answered with an HTML page".into() } else { text });
    };
    let scalar = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let find = |keys: &[&str]| keys.iter().find_map(|k| json.get(*k).and_then(scalar));
    // S2: code/message; Sellers Commerce: StatusCode/ResponseMessage (codes 20-36) and
    // ASP.NET's Message; OAuth: error/error_description; Stock2Shop: errors.
    let code = find(&["code", "Code", "StatusCode", "errorCode", "ErrorCode", "error"]);
    let message = find(&["message", "Message", "ResponseMessage", "error_description", "errors", "description"]).unwrap_or_else(|| json.to_string());
    (code, message)
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest { errors } => {
                write!(f, "invalid request: ")?;
                for (i, e) in errors.iter().enumerate() {
                    write!(f, "{}{e}", if i > 0 { "; " } else { "" })?;
                }
                Ok(())
            }
            Error::Network { message } => write!(f, "network error: {message}"),
            Error::Timeout { after_ms } => write!(f, "timed out after {after_ms} ms"),
            Error::Aborted => write!(f, "aborted"),
            Error::RateLimited { retry_after_seconds: Some(s) } => write!(f, "rate limited: retry after {s} s"),
            Error::RateLimited { retry_after_seconds: None } => write!(f, "rate limited"),
            Error::Unauthorized { status, message } => write!(f, "unauthorized ({status}): {message}"),
            Error::Proxy { status, proxy_code, message } => write!(f, "proxy refused ({status} {proxy_code}): {message}"),
            Error::AlreadyExists { message } => write!(f, "already exists: {message}"),
            Error::Vendor { status, vendor_code: Some(code), message } => write!(f, "vendor error {status} {code}: {message}"),
            Error::Vendor { status, vendor_code: None, message } => write!(f, "vendor error {status}: {message}"),
            Error::InvalidResponse { issues, unlisted } => {
                write!(f, "invalid response: ")?;
                for (i, issue) in issues.iter().take(3).enumerate() {
                    write!(f, "{}{issue}", if i > 0 { "; " } else { "" })?;
                }
                let more = issues.len().saturating_sub(3) + unlisted;
                if more > 0 {
                    write!(f, " (and {more} more)")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responses_map_to_stable_codes() {
        let proxy = |status, code| Error::from_response(status, None, &format!(r#"{{"error": {{"code": "{code}", "message": "m"}}}}"#));
        assert_eq!(proxy(401, "unauthenticated").code(), "unauthorized");
        assert_eq!(proxy(403, "forbidden"), Error::Proxy { status: 403, proxy_code: "forbidden".into(), message: "m".into() });
        assert_eq!(proxy(404, "unknown_operation").code(), "proxy");
        assert_eq!(proxy(429, "throttled"), Error::RateLimited { retry_after_seconds: None });
        assert_eq!(Error::from_response(429, Some(" 7 "), "").status(), Some(429));
        // Vendors' own bodies.
        let s2 = Error::from_response(409, None, r#"{"code": "ALREADY_EXISTS", "message": "exists"}"#);
        assert_eq!((s2.code(), s2.status()), ("already_exists", Some(409)));
        assert_eq!(Error::from_response(403, None, r#"{"code": "UNAUTHENTICATED", "message": "no"}"#).code(), "unauthorized");
        let sellers = Error::from_response(400, None, r#"{"Code": 24, "Message": "Invalid product code"}"#);
        assert_eq!(sellers, Error::Vendor { status: 400, vendor_code: Some("24".into()), message: "Invalid product code".into() });
        let sellers = Error::from_response(404, None, r#"{"Results": null, "ResponseMessage": "Order does not exist", "StatusCode": 27}"#);
        assert_eq!(sellers, Error::Vendor { status: 404, vendor_code: Some("27".into()), message: "Order does not exist".into() });
        let html = Error::from_response(502, None, "<!DOCTYPE html><html>bad gateway</html>");
        assert_eq!(html, Error::Vendor { status: 502, vendor_code: None, message: "the server answered with an HTML page".into() });
        assert!(html.is_retryable() && !s2.is_retryable());
    }
}
