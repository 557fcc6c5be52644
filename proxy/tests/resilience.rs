//! A hostile or broken vendor cannot crash the proxy: durations it states are clamped,
//! arithmetic on them is checked, and a panic in one request's handling answers 500
//! while the process keeps serving.

mod support;

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing;
use axum::{Json, Router};
use commerce_mock::MockConfig;
use commerce_proxy::secret::Secret;
use commerce_proxy::Config;
use support::*;

/// A tiny vendor on a loopback socket; returns its origin.
async fn vendor(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    origin
}

const HUGE: &str = "18446744073709551615";

/// The longest lifetime a token answer can state: the largest integer the schema accepts
/// (2^53 - 1, what JavaScript holds exactly); a larger one is an unreadable answer,
/// refused naming the field.
const LONGEST_LIFETIME: &str = "9007199254740991";

#[tokio::test]
async fn a_token_lifetime_of_u64_max_is_clamped_not_a_crash() {
    let origin = vendor(
        Router::new()
            .route(
                "/token",
                routing::post(|| async {
                    (
                        [("content-type", "application/json")],
                        format!(r#"{{"access_token":"t","token_type":"bearer","expires_in":{LONGEST_LIFETIME},"refresh_token":"r"}}"#),
                    )
                }),
            )
            .route("/api/category/getall", routing::get(|| async { Json(serde_json::json!([])) })),
    )
    .await;
    let h = harness_with(MockConfig::default(), MockConfig::default(), |_| {
        let mut config = Config::default();
        config.sellers_commerce.base_url = Some(origin.clone());
        config.sellers_commerce.username = Some("key".into());
        config.sellers_commerce.password = Some(Secret::new("shared-secret"));
        config
    })
    .await;
    for _ in 0..2 {
        let (status, _, body) = send(&h.router, get("/api/sellers_commerce/api/category/getall")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
}

#[tokio::test]
async fn a_retry_after_of_u64_max_is_clamped_not_a_crash() {
    let origin = vendor(
        Router::new()
            .route(
                "/v1/users/authenticate",
                routing::post(|| async { ([("content-type", "application/json")], include_str!("../../tests/fixtures/stock2shop.authenticate/good.json")) }),
            )
            .route("/v1/sources", routing::get(|| async { (StatusCode::TOO_MANY_REQUESTS, [("retry-after", HUGE)], "slow down") }))
            .route("/v1/channels", routing::get(|| async { (StatusCode::SERVICE_UNAVAILABLE, [("retry-after", HUGE)], "later") })),
    )
    .await;
    let h = harness_with(MockConfig::default(), MockConfig::default(), |_| {
        let mut config = Config::default();
        config.stock2shop.base_url = Some(origin.clone());
        config.stock2shop.username = Some("u".into());
        config.stock2shop.password = Some(Secret::new("p-secret"));
        config.stock2shop.requests_per_second = Some(50.0);
        config
    })
    .await;
    // A 503 whose Retry-After is beyond what the proxy waits itself goes to the client.
    let started = Instant::now();
    let (status, headers, _) = send(&h.router, get("/api/stock2shop/v1/channels")).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(headers["x-upstream-attempts"], "1");
    assert!(started.elapsed() < Duration::from_secs(5));
    // A 429 holds Stock2Shop back, but not past the proxy's own cap.
    let (status, _, _) = send(&h.router, get("/api/stock2shop/v1/sources")).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    // The package's own parser (seconds saturate at u32::MAX; the callers cap far below).
    let saturated = Some(Duration::from_secs(u64::from(u32::MAX)));
    assert_eq!(commerce_proxy::retry_after_header(HUGE), saturated);
    assert_eq!(commerce_proxy::retry_after_header(" 100000 "), Some(Duration::from_secs(100_000)));
    assert_eq!(commerce_proxy::retry_after_header("-1"), None);
    assert_eq!(commerce_proxy::retry_after_header("99999999999999999999999999"), saturated);
    // RFC 9110 allows an HTTP date: honoured, not ignored; one in the past means now.
    let in_30_seconds = httpdate(std::time::SystemTime::now() + Duration::from_secs(30));
    let wait = commerce_proxy::retry_after_header(&in_30_seconds).expect("an HTTP date is a Retry-After");
    assert!((Duration::from_secs(28)..=Duration::from_secs(31)).contains(&wait), "{in_30_seconds}: {wait:?}");
    assert_eq!(commerce_proxy::retry_after_header("Wed, 21 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO));
}

/// `time` as an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
fn httpdate(time: std::time::SystemTime) -> String {
    let secs = time.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][(days % 7) as usize];
    let month_name = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][(month - 1) as usize];
    format!("{weekday}, {day:02} {month_name} {year} {:02}:{:02}:{:02} GMT", rest / 3600, rest % 3600 / 60, rest % 60)
}

#[tokio::test]
async fn a_panic_in_one_request_answers_500_json_and_the_rest_are_served() {
    // The proxy answers every request through `answer_panics` (`App::respond`).
    let router = Router::new()
        .route(
            "/boom",
            routing::get(|| {
                commerce_proxy::answer_panics(async {
                    if "1".parse::<u8>().is_ok() {
                        panic!("a bug in one request's handling");
                    }
                    "unreachable".into_response()
                })
            }),
        )
        .route("/fine", routing::get(|| commerce_proxy::answer_panics(async { "fine".into_response() })));
    let (status, headers, body) = send(&router, get("/boom")).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(headers["content-type"], "application/json");
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["error"]["code"], "internal");
    assert!(!body.to_string().contains("a bug"), "the panic message stays in the log: {body}");
    assert_eq!(send(&router, get("/fine")).await.0, StatusCode::OK);
}

#[test]
fn the_proxy_is_never_built_to_abort_on_panic() {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.toml")).unwrap();
    let release = manifest.split("[profile.release]").nth(1).map(|s| s.split("\n[").next().unwrap()).unwrap_or("");
    assert!(!release.lines().any(|l| l.trim_start().starts_with("panic")), "the workspace release profile builds the proxy too: no panic = \"abort\" there");
}
