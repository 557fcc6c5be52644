//! The documented rate limit: more than 1 request per second is answered 429 with
//! `Retry-After: 1`.

use super::*;

/// A request arriving this much earlier than a full second after the last accepted one
/// still counts as "1 per second": a client that paces itself exactly (the proxy does)
/// sees a little network jitter, not a 429.
const RATE_LIMIT_GRACE: Duration = Duration::from_millis(100);

/// 429 with `Retry-After: 1` when the last accepted request was less than a second ago.
pub(crate) fn rate_limited(state: &MockState) -> Option<axum::response::Response> {
    let mut store = state.stock2shop.lock().unwrap();
    let now = Instant::now();
    if store.rate_limit && store.last_accepted.is_some_and(|last| now.duration_since(last) + RATE_LIMIT_GRACE < Duration::from_secs(1)) {
        let mut response = super::super::error_body(
            Vendor::Stock2shop,
            StatusCode::TOO_MANY_REQUESTS,
            "RATE_LIMITED",
            "Too Many Requests: not more than 1 request per second",
        );
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return Some(response);
    }
    store.last_accepted = Some(now);
    None
}
