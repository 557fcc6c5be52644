//! The client's one error type, with a stable machine-readable code per variant.

use std::fmt;

use serde::Serialize;

use crate::request::FieldError;
use crate::validate::Issue;

/// As JavaScript sees it, this is `CommerceKitError.details` (declared by tsify as
/// `ErrorDetails`, a union discriminated by `code`), and `ErrorCode` is its `code`: the
/// variants here are the one list of error codes.
#[derive(Debug, Clone, PartialEq, Serialize, tsify::Tsify)]
#[serde(tag = "code", rename_all = "snake_case")]
#[tsify(type_suffix = "Details")]
pub enum Error {
    /// The request failed its checks before anything was sent.
    InvalidRequest {
        /// Every problem found, each naming its field.
        #[tsify(type = "FieldError[]")]
        errors: Vec<FieldError>,
    },
    /// The request could not reach the proxy, or the connection broke.
    Network {
        /// What failed, as the platform reported it.
        message: String,
    },
    /// No answer within the call's `timeoutMs`.
    Timeout {
        /// The timeout that ran out, in milliseconds.
        after_ms: u32,
    },
    /// The call's `AbortSignal` fired.
    Aborted,
    /// 429: the vendor (or the proxy's pacing) asks to slow down.
    RateLimited {
        /// The response's `Retry-After`, in seconds from when it arrived.
        retry_after_seconds: Option<u32>,
    },
    /// 401/403: the proxy session or the vendor credentials were refused.
    Unauthorized {
        /// 401 or 403.
        status: u16,
        /// The proxy's or the vendor's explanation.
        message: String,
    },
    /// The proxy refused the request itself (unknown operation, bad path, body too large).
    /// Also the proxy's own reports of a lost answer (502/503/504 `upstream_timeout`,
    /// `proxy_timeout`, `upstream_truncated`, `upstream_unreachable`...): see
    /// [`Error::outcome_unknown`].
    Proxy {
        /// The HTTP status the proxy answered with.
        status: u16,
        /// The proxy's own code (`unknown_operation`, `upstream_timeout`...).
        proxy_code: String,
        /// The proxy's explanation.
        message: String,
        /// The response's `Retry-After`, in seconds from when it arrived.
        #[serde(skip_serializing_if = "Option::is_none")]
        retry_after_seconds: Option<u32>,
        /// The proxy says the vendor never got the request (`"sent": false` in its body):
        /// its token for the vendor could not be had. Such a write did not happen, so it
        /// is no [`Error::outcome_unknown`] and may simply be sent again.
        not_sent: bool,
    },
    /// 409 `ALREADY_EXISTS`: S2 already has a fulfillment with this `channelFulfillmentId`.
    /// After a create whose answer was lost this means "already created" (see
    /// `vendors::s2::fulfillment::CreateFulfillmentOrder::send_safely`).
    AlreadyExists {
        /// S2's explanation.
        message: String,
    },
    /// The vendor answered with an error: S2's `ALREADY_EXISTS`, Sellers Commerce's
    /// numeric codes, Stock2Shop's messages.
    Vendor {
        /// The HTTP status the vendor answered with.
        status: u16,
        /// The vendor's code, when its body has one (`ALREADY_EXISTS`, Sellers Commerce's `"24"`).
        vendor_code: Option<String>,
        /// The vendor's explanation, or the start of its body.
        message: String,
        /// The response's `Retry-After` (a 503's, say), in seconds from when it arrived.
        #[serde(skip_serializing_if = "Option::is_none")]
        retry_after_seconds: Option<u32>,
    },
    /// A write got no answer (a timeout, a dropped connection, a 502-504): it may or may
    /// not have happened. `check` says how to find out, from the operation's duplicate
    /// rule ([`Duplicates`](crate::catalogue::Duplicates)): for S2's fulfillment-order
    /// create with a `channelFulfillmentId`, send it again with the same id (the client
    /// that lost the answer resolves the 409 as `already_created`, see
    /// `vendors::s2::fulfillment::CreateFulfillmentOrder::send_safely`); for others, the
    /// read that finds it, or the vendor's back office.
    OutcomeUnknown {
        /// The catalogue id of the write.
        operation: String,
        /// How many times it was sent.
        attempts: u32,
        /// How to find out whether it happened.
        check: String,
        /// What the last attempt met (a timeout, a 504...).
        #[tsify(type = "ErrorDetails")]
        last_error: Box<Error>,
    },
    /// The answer did not come from a commerce-kit proxy: a route of the proxy answered
    /// without the proxy's error body or its `X-Upstream-Attempts` header (an HTML 404,
    /// a dev server's page). `baseUrl` most likely points elsewhere.
    NotProxy {
        /// The HTTP status of the answer.
        status: u16,
        /// What answered, and what to check (`baseUrl`).
        message: String,
    },
    /// The response does not have the documented shape.
    InvalidResponse {
        /// The first problems found, each at its JSON path.
        #[tsify(type = "ValidationIssue[]")]
        issues: Vec<Issue>,
        /// Problems beyond those listed, counted.
        unlisted: usize,
    },
    /// The package was called before its WebAssembly module was loaded (`await init()`).
    /// Raised by the package's JS entry point (`pkg-template/assemble.mjs`), which cannot
    /// reach this code: declared here so that every code is in this one list.
    NotInitialised {
        /// What was called, e.g. `"new Client()"`.
        called: String,
    },
}

/// Which kind of proxy route answered, for [`Error::from_answer`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Route {
    /// `/api/<vendor>/...`: every answer is the proxy's own error body or a vendor
    /// answer the proxy relayed, which carries `X-Upstream-Attempts` (`relayed`).
    Api {
        /// Whether the answer carries `X-Upstream-Attempts`.
        relayed: bool,
    },
    /// The proxy's own routes (`/auth/...`): JSON or empty on success, the proxy's error
    /// body otherwise.
    Own,
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
            Error::OutcomeUnknown { .. } => "outcome_unknown",
            Error::InvalidResponse { .. } => "invalid_response",
            Error::NotProxy { .. } => "not_proxy",
            Error::NotInitialised { .. } => "not_initialised",
        }
    }

    /// The HTTP status, where there was a response.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::RateLimited { .. } => Some(429),
            Error::AlreadyExists { .. } => Some(409),
            Error::Unauthorized { status, .. } | Error::Proxy { status, .. } | Error::Vendor { status, .. } | Error::NotProxy { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether sending the same request again may succeed (for idempotent operations,
    /// and for a create whose outcome is unknown when it carries its idempotency key).
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::RateLimited { .. } | Error::OutcomeUnknown { .. } => true,
            Error::Aborted => false,
            // The vendor was not reached (its token endpoint failed): later it may be.
            Error::Proxy { status: 502..=504, not_sent: true, .. } => true,
            _ => self.outcome_unknown(),
        }
    }

    /// Whether the request may have reached the vendor and been carried out there with
    /// its answer lost: a network error, a timeout, an abort, a vendor 502/503/504, or
    /// the proxy's own 502/503/504 report of a loss (`upstream_timeout`,
    /// `proxy_timeout`, `upstream_truncated`, `upstream_unreachable`...). Not the
    /// proxy's `upstream_credentials` or any answer it marks not sent (nothing was sent),
    /// nor any 4xx.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            Error::Network { .. } | Error::Timeout { .. } | Error::Aborted => true,
            Error::Vendor { status, .. } => matches!(status, 502..=504),
            Error::Proxy { status, proxy_code, not_sent, .. } => matches!(status, 502..=504) && proxy_code != "upstream_credentials" && !not_sent,
            _ => false,
        }
    }

    /// What a write's error becomes: a lost answer (see [`outcome_unknown`](Self::outcome_unknown),
    /// an abort aside: the caller chose it) is [`Error::OutcomeUnknown`] with the check
    /// that the operation's duplicate rule names. Reads' errors and other errors pass
    /// unchanged.
    pub fn after_write(self, endpoint: &crate::catalogue::Endpoint, attempts: u32) -> Error {
        self.after_write_by(endpoint.id, endpoint.duplicates, attempts)
    }

    /// [`after_write`](Self::after_write) under a given rule: a create that may carry an
    /// idempotency key and did not is [`Duplicates::Undetectable`](crate::catalogue::Duplicates::Undetectable).
    pub fn after_write_by(self, operation: &str, rule: crate::catalogue::Duplicates, attempts: u32) -> Error {
        if rule == crate::catalogue::Duplicates::Harmless || !self.outcome_unknown() || matches!(self, Error::Aborted | Error::OutcomeUnknown { .. }) {
            return self;
        }
        Error::OutcomeUnknown { operation: operation.into(), attempts, check: rule.check(), last_error: Box::new(self) }
    }

    /// How long the answer asked to wait before trying again (`Retry-After`), if it did.
    pub fn retry_after_seconds(&self) -> Option<u32> {
        match self {
            Error::RateLimited { retry_after_seconds } | Error::Proxy { retry_after_seconds, .. } | Error::Vendor { retry_after_seconds, .. } => {
                *retry_after_seconds
            }
            _ => None,
        }
    }

    /// Maps an answer from a route of the proxy to an error, or `None` for a good
    /// answer. An answer that does not bear the proxy's marks (see [`Route`]) did not
    /// come from a commerce-kit proxy, whatever its status: saying so, rather than
    /// "vendor error 501", points the user at a wrong `baseUrl`.
    pub fn from_answer(url: &str, route: Route, status: u16, retry_after: Option<u32>, body: &str) -> Option<Error> {
        let ok = (200..300).contains(&status);
        let from_proxy = match route {
            Route::Api { relayed } => relayed || (!ok && is_proxy_error_body(body)),
            Route::Own if ok => body.trim().is_empty() || serde_json::from_str::<serde_json::Value>(body).is_ok(),
            Route::Own => is_proxy_error_body(body),
        };
        if !from_proxy {
            let (_, what) = vendor_code_and_message(serde_json::from_str(body).ok().as_ref(), body);
            let what = if what.trim().is_empty() { "an empty body".to_string() } else { what };
            return Some(Error::NotProxy {
                status,
                message: format!("{url} answered HTTP {status} ({what}) without the commerce-kit proxy's error body or X-Upstream-Attempts header: is baseUrl the commerce-kit proxy's origin?"),
            });
        }
        (!ok).then(|| Error::from_response(status, retry_after, body))
    }

    /// Maps a non-2xx response to an error. `body` is the response text; `retry_after`
    /// its `Retry-After` in seconds (see [`retry_after_seconds`]).
    pub fn from_response(status: u16, retry_after: Option<u32>, body: &str) -> Error {
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
                let not_sent = err.get("sent").and_then(serde_json::Value::as_bool) == Some(false);
                return Error::Proxy { status, proxy_code: text("code"), message: text("message"), retry_after_seconds: retry_after, not_sent };
            }
        }
        if status == 429 {
            return Error::RateLimited { retry_after_seconds: retry_after };
        }
        let (vendor_code, message) = vendor_code_and_message(json.as_ref(), body);
        if status == 401 || status == 403 {
            return Error::Unauthorized { status, message };
        }
        if status == 409 && vendor_code.as_deref() == Some("ALREADY_EXISTS") {
            return Error::AlreadyExists { message };
        }
        Error::Vendor { status, vendor_code, message, retry_after_seconds: retry_after }
    }
}

/// A `Retry-After` header in seconds from `now_unix_secs`: delay-seconds (`"120"`) or an
/// HTTP date (`"Wed, 21 Oct 2015 07:28:00 GMT"`, IMF-fixdate; a date in the past is 0).
/// `None` for anything else. As stated: callers cap it.
pub fn retry_after_seconds(header: &str, now_unix_secs: u64) -> Option<u32> {
    let header = header.trim();
    if !header.is_empty() && header.bytes().all(|b| b.is_ascii_digit()) {
        return Some(header.parse::<u64>().map_or(u32::MAX, |s| s.min(u32::MAX as u64) as u32));
    }
    let at = http_date_unix_secs(header)?;
    Some(at.saturating_sub(now_unix_secs).min(u32::MAX as u64) as u32)
}

/// `Sun, 06 Nov 1994 08:49:37 GMT` as seconds since 1970.
fn http_date_unix_secs(text: &str) -> Option<u64> {
    let (_weekday, rest) = text.split_once(", ")?;
    let parts: Vec<&str> = rest.split(' ').collect();
    let [day, month, year, time, "GMT"] = parts.as_slice() else { return None };
    let number = |s: &str, digits: usize| (s.len() == digits && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u64>().ok()).flatten();
    let day = number(day, 2)?;
    let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].iter().position(|m| m == month)? as u64 + 1;
    let year = number(year, 4)?;
    let hms: Vec<u64> = time.split(':').map(|t| number(t, 2)).collect::<Option<_>>()?;
    let [h, m, s] = hms.as_slice() else { return None };
    if year < 1970 || !(1..=31).contains(&day) || *h > 23 || *m > 59 || *s > 60 {
        return None;
    }
    // Days from 1970-01-01 to the date (Howard Hinnant's days_from_civil).
    let (y, mo) = if month <= 2 { (year - 1, month + 9) } else { (year, month - 3) };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * mo + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = (era * 146_097 + doe).checked_sub(719_468)?;
    Some(days * 86_400 + h * 3_600 + m * 60 + s)
}

/// The proxy's own error body: `{"error": {"code": "...", "message": "..."}}`.
fn is_proxy_error_body(body: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|json| json.get("error").filter(|e| e.get("code").is_some_and(|c| c.is_string())).cloned())
        .is_some()
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
            Error::Proxy { status, proxy_code, message, .. } => write!(f, "proxy refused ({status} {proxy_code}): {message}"),
            Error::AlreadyExists { message } => write!(f, "already exists: {message}"),
            Error::Vendor { status, vendor_code: Some(code), message, .. } => write!(f, "vendor error {status} {code}: {message}"),
            Error::Vendor { status, vendor_code: None, message, .. } => write!(f, "vendor error {status}: {message}"),
            Error::OutcomeUnknown { operation, attempts, check, last_error } => write!(
                f,
                "outcome unknown: {operation} got no answer after {attempts} attempt(s) (last: {last_error}), so it may or may not have happened; {check}"
            ),
            Error::NotProxy { message, .. } => write!(f, "not a commerce-kit proxy: {message}"),
            Error::NotInitialised { called } => write!(f, "{called} needs the WebAssembly module: await init() (or call initSync) first"),
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

    /// One error of each variant: the match makes a new variant a compile error here
    /// until it has an example.
    fn one_of_each() -> Vec<Error> {
        let text = || "m".to_string();
        let all = vec![
            Error::InvalidRequest { errors: vec![FieldError { field: "f".into(), message: text() }] },
            Error::Network { message: text() },
            Error::Timeout { after_ms: 1 },
            Error::Aborted,
            Error::RateLimited { retry_after_seconds: Some(1) },
            Error::Unauthorized { status: 401, message: text() },
            Error::Proxy { status: 403, proxy_code: "forbidden".into(), message: text(), retry_after_seconds: None, not_sent: false },
            Error::AlreadyExists { message: text() },
            Error::Vendor { status: 400, vendor_code: None, message: text(), retry_after_seconds: None },
            Error::OutcomeUnknown { operation: "s2.create_fulfillment_order".into(), attempts: 1, check: text(), last_error: Box::new(Error::Aborted) },
            Error::NotProxy { status: 404, message: text() },
            Error::InvalidResponse { issues: Vec::new(), unlisted: 0 },
            Error::NotInitialised { called: "new Client()".into() },
        ];
        for e in &all {
            match e {
                Error::InvalidRequest { .. }
                | Error::Network { .. }
                | Error::Timeout { .. }
                | Error::Aborted
                | Error::RateLimited { .. }
                | Error::Unauthorized { .. }
                | Error::Proxy { .. }
                | Error::AlreadyExists { .. }
                | Error::Vendor { .. }
                | Error::OutcomeUnknown { .. }
                | Error::NotProxy { .. }
                | Error::InvalidResponse { .. }
                | Error::NotInitialised { .. } => {}
            }
        }
        all
    }

    /// `error.code` (from [`Error::code`]) is the `code` of `error.details` (serde's tag,
    /// which tsify declares as `ErrorDetails["code"]`, the TypeScript `ErrorCode`).
    #[test]
    fn the_code_is_the_tag_of_the_details() {
        let examples = one_of_each();
        for e in &examples {
            let details = serde_json::to_value(e).unwrap();
            assert_eq!(details["code"], e.code(), "{e:?}");
        }
        let mut codes: Vec<&str> = examples.iter().map(Error::code).collect();
        codes.dedup();
        assert_eq!(codes.len(), examples.len(), "one code per variant");
    }

    /// The JavaScript that raises errors itself (the package's entry point, the error
    /// class) uses only codes of this enum.
    #[test]
    fn javascript_raises_only_codes_of_the_enum() {
        let codes: Vec<&str> = one_of_each().iter().map(Error::code).collect();
        let sources = [("pkg-template/assemble.mjs", include_str!("../pkg-template/assemble.mjs")), ("src/wasm/errors.js", include_str!("wasm/errors.js"))];
        let mut raised = 0;
        for (file, source) in sources {
            for (at, _) in source.match_indices("new CommerceKitError(") {
                let rest = &source[at + "new CommerceKitError(".len()..];
                let code = rest.trim_start_matches(['\'', '"']).split(['\'', '"']).next().unwrap_or_default();
                assert!(codes.contains(&code), "{file}: code {code:?} is not a variant of error::Error");
                raised += 1;
            }
        }
        assert!(raised > 0, "the entry point raises not_initialised");
    }

    #[test]
    fn responses_map_to_stable_codes() {
        let proxy = |status, code| Error::from_response(status, None, &format!(r#"{{"error": {{"code": "{code}", "message": "m"}}}}"#));
        assert_eq!(proxy(401, "unauthenticated").code(), "unauthorized");
        assert_eq!(
            proxy(403, "forbidden"),
            Error::Proxy { status: 403, proxy_code: "forbidden".into(), message: "m".into(), retry_after_seconds: None, not_sent: false }
        );
        assert_eq!(proxy(404, "unknown_operation").code(), "proxy");
        assert_eq!(proxy(429, "throttled"), Error::RateLimited { retry_after_seconds: None });
        assert_eq!(Error::from_response(429, Some(7), "").status(), Some(429));
        // Vendors' own bodies.
        let s2 = Error::from_response(409, None, r#"{"code": "ALREADY_EXISTS", "message": "exists"}"#);
        assert_eq!((s2.code(), s2.status()), ("already_exists", Some(409)));
        assert_eq!(Error::from_response(403, None, r#"{"code": "UNAUTHENTICATED", "message": "no"}"#).code(), "unauthorized");
        let sellers = Error::from_response(400, None, r#"{"Code": 24, "Message": "Invalid product code"}"#);
        assert_eq!(sellers, Error::Vendor { status: 400, vendor_code: Some("24".into()), message: "Invalid product code".into(), retry_after_seconds: None });
        let sellers = Error::from_response(404, None, r#"{"Results": null, "ResponseMessage": "Order does not exist", "StatusCode": 27}"#);
        assert_eq!(sellers, Error::Vendor { status: 404, vendor_code: Some("27".into()), message: "Order does not exist".into(), retry_after_seconds: None });
        let html = Error::from_response(502, None, "<!DOCTYPE html><html>bad gateway</html>");
        assert_eq!(html, Error::Vendor { status: 502, vendor_code: None, message: "the server answered with an HTML page".into(), retry_after_seconds: None });
        assert!(html.is_retryable() && !s2.is_retryable());
    }

    #[test]
    fn the_proxys_own_loss_reports_are_unknown_outcomes_and_its_refusals_are_not() {
        let proxy = |status, code| Error::from_response(status, None, &format!(r#"{{"error": {{"code": "{code}", "message": "m"}}}}"#));
        for (status, code) in [
            (504, "upstream_timeout"),
            (504, "proxy_timeout"),
            (502, "upstream_truncated"),
            (502, "upstream_unreachable"),
            (503, "upstream_unreachable"),
            (502, "upstream_error_too_large"),
        ] {
            let e = proxy(status, code);
            assert!(e.outcome_unknown() && e.is_retryable(), "{status} {code}");
        }
        for (status, code) in
            [(400, "bad_path"), (403, "forbidden"), (401, "unauthenticated"), (404, "unknown_operation"), (502, "upstream_credentials"), (500, "internal")]
        {
            let e = proxy(status, code);
            assert!(!e.outcome_unknown() && !e.is_retryable(), "{status} {code}");
        }
        assert!(Error::Aborted.outcome_unknown() && !Error::Aborted.is_retryable());
        let busy = Error::from_response(503, Some(7), r#"{"code": "UNAVAILABLE", "message": "later"}"#);
        assert_eq!((busy.code(), busy.retry_after_seconds(), busy.outcome_unknown()), ("vendor", Some(7), true));
    }

    #[test]
    fn a_failure_the_proxy_marks_not_sent_is_no_lost_answer_and_may_be_sent_again() {
        // The proxy's token failures: the vendor never got the request.
        for (status, code) in [(502, "upstream_unreachable"), (504, "upstream_timeout"), (503, "upstream_unreachable"), (503, "state_unavailable")] {
            let body = format!(r#"{{"error": {{"code": "{code}", "message": "m", "sent": false}}}}"#);
            let e = Error::from_response(status, None, &body);
            assert!(matches!(e, Error::Proxy { not_sent: true, .. }), "{status} {code}: {e:?}");
            assert!(!e.outcome_unknown() && e.is_retryable(), "{status} {code}");
            let write = e.after_write_by("s2.create_fulfillment_order", crate::catalogue::Duplicates::LookupAfter("s2.x"), 1);
            assert_eq!(write.code(), "proxy", "{status} {code}: a write not sent is not an unknown outcome");
        }
        // Without the mark (or with `"sent": true`) the same answers stay lost answers.
        for sent in ["", r#", "sent": true"#] {
            let e = Error::from_response(502, None, &format!(r#"{{"error": {{"code": "upstream_unreachable", "message": "m"{sent}}}}}"#));
            assert!(matches!(e, Error::Proxy { not_sent: false, .. }) && e.outcome_unknown(), "{sent}");
        }
    }

    #[test]
    fn an_answer_without_the_proxys_marks_is_not_from_the_proxy() {
        let url = "http://127.0.0.1:5173/api/s2/inventory/overview";
        let api = Route::Api { relayed: false };
        // A dev server's or a static host's pages, whatever the status.
        for (status, body) in [
            (404, "<!DOCTYPE html><html>Not found</html>"),
            (501, "Unsupported method"),
            (200, "<!doctype html><div id=app>"),
            (404, ""),
            (404, r#"{"message": "no route"}"#),
            (200, "{}"),
        ] {
            let e = Error::from_answer(url, api, status, None, body).expect("an error");
            assert_eq!((e.code(), e.status()), ("not_proxy", Some(status)), "{status} {body:?}");
            assert!(e.to_string().contains("baseUrl") && e.to_string().contains(url), "{e}");
        }
        for (status, body) in [(404, "<html>Cannot POST /auth/login</html>"), (200, "<!doctype html>"), (405, "")] {
            assert_eq!(Error::from_answer("/auth/login", Route::Own, status, None, body).map(|e| e.code()), Some("not_proxy"), "{status} {body:?}");
        }
        // The proxy's own errors, and the vendor answers it relays, are what they were.
        let own = Error::from_answer(url, api, 404, None, r#"{"error": {"code": "unknown_operation", "message": "m"}}"#).unwrap();
        assert_eq!(own.code(), "proxy");
        let relayed = Route::Api { relayed: true };
        assert_eq!(Error::from_answer(url, relayed, 404, None, "<html>vendor page</html>").unwrap().code(), "vendor");
        assert_eq!(Error::from_answer(url, relayed, 400, None, r#"{"Code": 24, "Message": "Invalid product code"}"#).unwrap().code(), "vendor");
        let signed_out = Error::from_answer("/auth/me", Route::Own, 401, None, r#"{"error": {"code": "unauthenticated", "message": "m"}}"#).unwrap();
        assert_eq!(signed_out.code(), "unauthorized");
        // Good answers.
        assert_eq!(Error::from_answer(url, relayed, 200, None, "{}"), None);
        assert_eq!(Error::from_answer("/auth/me", Route::Own, 200, None, r#"{"username": "demo"}"#), None);
        assert_eq!(Error::from_answer("/auth/logout", Route::Own, 204, None, ""), None);
    }

    #[test]
    fn retry_after_is_seconds_or_an_http_date() {
        // Sun, 06 Nov 1994 08:49:37 GMT is 784111777 s after 1970.
        let now = 784_111_777;
        assert_eq!(retry_after_seconds(" 7 ", now), Some(7));
        assert_eq!(retry_after_seconds("99999999999999999999", now), Some(u32::MAX));
        assert_eq!(retry_after_seconds("Sun, 06 Nov 1994 08:49:37 GMT", now - 30), Some(30));
        assert_eq!(retry_after_seconds("Sun, 06 Nov 1994 08:49:37 GMT", now + 5), Some(0));
        assert_eq!(retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", 1_445_412_480 - 120), Some(120));
        for bad in ["", "-1", "1.5", "soon", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT"] {
            assert_eq!(retry_after_seconds(bad, now), None, "{bad:?}");
        }
    }
}
