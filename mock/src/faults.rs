//! Fault switches: make the next responses slow, rate limited, failing, truncated or
//! HTML, to test retries, timeouts and error mapping against something real.

use std::sync::Arc;

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use commerce_kit::schema::{ObjectSchema, Schema};
use serde::{Deserialize, Serialize};
use serde_json::Value;

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
    /// Serve the real responses of this operation (its id, `"s2_partner.list_products"`)
    /// with one record of their list made wrong (see [`corrupt_one_record`]): a valid
    /// body in which one record cannot be read. Scoped to one operation so that a test
    /// of partial lists leaves every other call of the same run alone.
    pub corrupt_record: Option<String>,
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
    /// Affect only requests of these operations (ids, `"stock2shop.authenticate"`); the
    /// others are served as usual and do not count against `times`. Empty: every
    /// operation.
    pub operations: Vec<String>,
}

impl Faults {
    pub fn is_none(&self) -> bool {
        *self == Faults { times: self.times, percent: self.percent, operations: self.operations.clone(), ..Faults::default() }
    }

    /// Whether requests of `operation` are in scope.
    pub(crate) fn covers(&self, operation: &str) -> bool {
        self.operations.is_empty() || self.operations.iter().any(|o| o == operation)
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

/// The first record of the response's first list of records (a top-level array, or a
/// `#[wire(records)]` field, at most one object deep such as `hits.hits`), with its first
/// scalar field set to `{"corrupted": true}`: an object where the schema wants a scalar,
/// wrong whatever the scalar is. `None` when there is no such record (an empty list,
/// free-form records).
pub(crate) fn corrupt_one_record(schema: &'static Schema, body: &[u8]) -> Option<Vec<u8>> {
    fn record<'v>(schema: &'static Schema, value: &'v mut Value, top: bool) -> Option<(&'static ObjectSchema, &'v mut Value)> {
        match schema {
            Schema::Array(item) | Schema::Records(item) if top || matches!(schema, Schema::Records(_)) => match item {
                Schema::Object(object) => Some((object, value.get_mut(0)?)),
                _ => None,
            },
            Schema::Nullable(inner) => record(inner, value, top),
            Schema::Object(object) => {
                let map = value.as_object_mut()?;
                // Lists of this object first, then one level down (`hits.hits`).
                let lists = object.fields.iter().filter(|f| matches!(f.schema, Schema::Records(_) | Schema::Nullable(Schema::Records(_))));
                let nested = object.fields.iter().filter(|f| top && matches!(f.schema, Schema::Object(_)));
                let field = lists.chain(nested).find(|f| map.get(f.wire).is_some_and(|v| !v.is_null()))?;
                record(field.schema, map.get_mut(field.wire)?, false)
            }
            _ => None,
        }
    }
    let mut value: Value = serde_json::from_slice(body).ok()?;
    let (object, target) = record(schema, &mut value, true)?;
    let scalar = |s: &Schema| !matches!(s, Schema::Array(_) | Schema::Records(_) | Schema::Object(_) | Schema::Any | Schema::Lazy(_) | Schema::Counted(_));
    let field = object.fields.iter().find(|f| scalar(f.schema) && target.get(f.wire).is_some())?;
    target[field.wire] = serde_json::json!({"corrupted": true});
    serde_json::to_vec(&value).ok()
}

/// Requests being served per operation, the most ever served at once and how many
/// arrived (answered or not, unlike the traffic counts): what proves that a proxy never
/// has two token grants in flight.
#[derive(Default)]
pub(crate) struct InFlight(std::sync::Mutex<std::collections::BTreeMap<&'static str, Counts>>);

#[derive(Default)]
struct Counts {
    current: u64,
    highest: u64,
    arrived: u64,
}

impl InFlight {
    /// Counts a request of `operation` as in flight until the guard drops (the answer
    /// was produced, or the client went away).
    pub(crate) fn enter(&self, operation: &'static str) -> InFlightGuard<'_> {
        let mut all = self.0.lock().unwrap();
        let counts = all.entry(operation).or_default();
        counts.current += 1;
        counts.arrived += 1;
        counts.highest = counts.highest.max(counts.current);
        InFlightGuard { in_flight: self, operation }
    }

    /// Per operation, the most requests that were in flight at once.
    pub(crate) fn highest(&self) -> std::collections::BTreeMap<&'static str, u64> {
        self.0.lock().unwrap().iter().map(|(operation, counts)| (*operation, counts.highest)).collect()
    }

    /// How many requests of `operation` arrived.
    pub(crate) fn arrived(&self, operation: &str) -> u64 {
        self.0.lock().unwrap().get(operation).map_or(0, |counts| counts.arrived)
    }
}

pub(crate) struct InFlightGuard<'a> {
    in_flight: &'a InFlight,
    operation: &'static str,
}

impl Drop for InFlightGuard<'_> {
    fn drop(&mut self) {
        if let Some(counts) = self.in_flight.0.lock().unwrap().get_mut(self.operation) {
            counts.current -= 1;
        }
    }
}

#[derive(Serialize)]
struct Stats {
    requests: u64,
    faults: Faults,
    /// Per vendor slug: requests, 429s sent, the highest rate, requests per operation.
    vendors: std::collections::BTreeMap<&'static str, crate::traffic::VendorTraffic>,
    /// Per operation id: the most requests served at once.
    highest_in_flight: std::collections::BTreeMap<&'static str, u64>,
    /// The `channelFulfillmentId` of every S2 fulfillment order created, in order: what a
    /// soak against the standalone mock counts to prove nothing was created twice.
    s2_channel_fulfillment_ids: Vec<Option<String>>,
}

fn stats(state: &MockState) -> Stats {
    Stats {
        requests: state.request_count(),
        faults: state.faults.lock().unwrap().clone(),
        vendors: state.traffic(),
        highest_in_flight: state.in_flight.highest(),
        s2_channel_fulfillment_ids: state.s2_channel_fulfillment_ids(),
    }
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
    fn faults_scoped_to_operations_leave_the_others_alone_and_count_only_their_own() {
        let mut faults = Faults { status: Some(503), times: Some(2), operations: vec!["stock2shop.authenticate".into()], ..Faults::default() };
        assert!(!faults.covers("stock2shop.list_sources") && faults.covers("stock2shop.authenticate"));
        assert_eq!(faults.take(1).status, Some(503));
        assert_eq!(faults.take(2).status, Some(503));
        assert!(faults.is_none(), "cleared after its two requests: {faults:?}");
    }

    #[test]
    fn in_flight_counts_the_most_requests_served_at_once() {
        let in_flight = super::InFlight::default();
        let first = in_flight.enter("op");
        let second = in_flight.enter("op");
        drop((first, second));
        let _third = in_flight.enter("op");
        assert_eq!((in_flight.highest()["op"], in_flight.arrived("op")), (2, 3));
    }

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

    /// The switch the dashboard and browser tests use for issue 9: every list-shaped
    /// operation's good body, corrupted, is a valid envelope with exactly one rejected
    /// record.
    #[test]
    fn corrupt_record_makes_exactly_one_record_unreadable() {
        let mut corrupted_per_vendor = std::collections::BTreeMap::new();
        for endpoint in commerce_kit::catalogue::endpoints().iter().filter(|e| e.response.holds_records()) {
            let path = format!("{}/../tests/fixtures/{}/good.json", env!("CARGO_MANIFEST_DIR"), endpoint.id);
            let good = std::fs::read(&path).unwrap();
            let Some(bad) = super::corrupt_one_record(endpoint.response, &good) else { continue };
            let report = commerce_kit::validate_operation_isolating(endpoint.id, &bad).unwrap();
            assert!(report.is_valid(), "{}: {:?}", endpoint.id, report.errors);
            assert_eq!(report.rejected.len(), 1, "{}", endpoint.id);
            assert_eq!(report.rejected[0].index, 0, "{}", endpoint.id);
            assert!(report.rejected[0].errors[0].found.starts_with("object"), "{}: {:?}", endpoint.id, report.rejected[0].errors);
            *corrupted_per_vendor.entry(format!("{:?}", endpoint.vendor)).or_insert(0) += 1;
        }
        assert_eq!(corrupted_per_vendor.len(), 4, "{corrupted_per_vendor:?}");
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
