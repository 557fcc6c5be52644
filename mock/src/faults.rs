//! Fault switches: make the next responses slow, rate limited, failing, truncated or
//! HTML, to test retries, timeouts and error mapping against something real.

use std::sync::Arc;

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use crate::MockState;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// Delay every affected response by this much.
    pub delay_ms: u64,
    /// Answer with this status instead of serving the operation (429, 500, 502, 503...).
    pub status: Option<u16>,
    /// `Retry-After` seconds sent with `status`.
    pub retry_after: Option<u32>,
    /// Serve the real response with its body cut in half.
    pub truncate: bool,
    /// Answer with an HTML error page (status `status`, or 502).
    pub html: bool,
    /// Break the connection without serving the operation (nothing is carried out).
    pub reset: bool,
    /// Serve the real response with this `Content-Type` instead.
    pub content_type: Option<String>,
    /// Replace the real body with text that is not JSON (same status and type).
    pub invalid_json: bool,
    /// Turn the first number or string value of the real body into the other kind: a
    /// valid body with one wrong-typed field.
    pub wrong_type: bool,
    /// Send the real body one byte at a time, this many milliseconds apart.
    pub trickle_ms: u64,
    /// Serve the operation (a write is committed), then drop the answer: the connection
    /// breaks before the body arrives. The vendor did it; the client never hears.
    pub lose_answer: bool,
    /// Affect only this share of the requests, in percent, spread evenly: request `n`
    /// (counting from 1) is affected when `n * 37 mod 100 < percent`, so any 100
    /// consecutive requests hold exactly `percent` affected ones, never two in a row below
    /// 37 %, and a run repeats exactly. `None`: every request.
    pub percent: Option<u8>,
    /// Affect only the next N requests, then clear; `None`: until changed.
    pub times: Option<u32>,
}

impl Faults {
    pub fn is_none(&self) -> bool {
        *self == Faults { times: self.times, percent: self.percent, ..Faults::default() }
    }

    /// Whether request number `n` (counting from 1) is in the affected share.
    fn selects(&self, n: u64) -> bool {
        self.percent.is_none_or(|percent| (n.wrapping_mul(37) % 100) < u64::from(percent))
    }

    /// The faults that apply to request number `request` (counting from 1), counting it
    /// against `times` when it is affected.
    pub(crate) fn take(&mut self, request: u64) -> Faults {
        if self.is_none() || !self.selects(request) {
            return Faults::default();
        }
        let current = self.clone();
        match self.times {
            Some(0) => return Faults::default(),
            Some(1) => *self = Faults::default(),
            Some(n) => self.times = Some(n - 1),
            None => {}
        }
        current
    }
}

#[derive(Serialize)]
struct Stats {
    requests: u64,
    faults: Faults,
    /// Per vendor slug: requests, 429s sent, the highest rate, requests per operation.
    vendors: std::collections::BTreeMap<&'static str, crate::traffic::VendorTraffic>,
}

fn stats(state: &MockState) -> Stats {
    Stats { requests: state.request_count(), faults: state.faults.lock().unwrap().clone(), vendors: state.traffic() }
}

/// `GET /__mock/stats` alone (the standalone mock: read-only).
pub(crate) fn stats_route() -> Router<Arc<MockState>> {
    Router::new().route("/__mock/stats", get(|State(st): State<Arc<MockState>>| async move { Json(stats(&st)) }))
}

/// `POST /__mock/faults` sets the switches, `DELETE` clears them, `GET /__mock/stats`
/// reports how many vendor requests arrived. Only on [`crate::app_with_controls`] (tests),
/// and even there the proxy forwards nothing but catalogue paths.
pub(crate) fn control_routes() -> Router<Arc<MockState>> {
    Router::new()
        .route(
            "/__mock/faults",
            post(|State(st): State<Arc<MockState>>, Json(f): Json<Faults>| async move {
                st.set_faults(f);
                Json(serde_json::json!({"ok": true}))
            })
            .delete(|State(st): State<Arc<MockState>>| async move {
                st.set_faults(Faults::default());
                Json(serde_json::json!({"ok": true}))
            }),
        )
        .route("/__mock/stats", get(|State(st): State<Arc<MockState>>| async move { Json(stats(&st)) }))
}

#[cfg(test)]
mod tests {
    use super::Faults;

    #[test]
    fn a_percentage_affects_exactly_that_share_never_two_in_a_row_below_37() {
        let mut faults = Faults { lose_answer: true, percent: Some(20), ..Faults::default() };
        let hits: Vec<u64> = (1..=1_000).filter(|&n| faults.take(n).lose_answer).collect();
        assert_eq!(hits.len(), 200);
        assert!(hits.windows(2).all(|w| w[1] - w[0] > 1), "{hits:?}");
        let mut always = Faults { status: Some(503), ..Faults::default() };
        assert!((1..=10).all(|n| always.take(n).status == Some(503)));
    }

    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use tower::ServiceExt;

    use crate::{app, app_with_controls, MockConfig, MockState};

    fn set_faults() -> Request<Body> {
        Request::post("/__mock/faults").header("content-type", "application/json").body(Body::from(r#"{"status": 503}"#)).unwrap()
    }

    #[tokio::test]
    async fn the_fault_controls_are_only_on_the_router_that_asks_for_them() {
        let state = MockState::new(MockConfig::default());
        let plain = app(state.clone()).oneshot(set_faults()).await.unwrap();
        assert_eq!(plain.status(), StatusCode::NOT_FOUND);
        assert!(state.faults.lock().unwrap().is_none());
        let controlled = app_with_controls(state.clone()).oneshot(set_faults()).await.unwrap();
        assert_eq!(controlled.status(), StatusCode::OK);
        assert_eq!(state.faults.lock().unwrap().status, Some(503));
    }
}
