//! Token endpoints failing: Stock2Shop's login and Sellers Commerce's token grant answer
//! 5xx, time out, reset the connection or answer 429, through the mock's fault switches
//! scoped to the token route alone. For each fault and each vendor, six requests wait
//! for a token at once; each either succeeds once the fault has passed or fails with a
//! typed error, none waits past its bound, the mock never sees two grants in flight,
//! and the next request after the fault is cleared succeeds.
//!
//! `cargo test -p commerce-proxy --test token_faults -- --nocapture` prints the table.

mod support;

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use commerce_mock::{Faults, MockConfig};
use commerce_proxy::config::Stock2ShopConfig;
use commerce_proxy::Config;
use support::{get, harness, send, Harness};

/// Requests that wait for the same token at once.
const WAITING: usize = 6;

/// The proxy's upstream timeout in these tests.
const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(1);

/// No request may take longer: one timed-out attempt plus the grant's retries and their
/// waits, with room for a slow machine. A request that waited on a grant that failed
/// fails with it instead of trying again behind it.
const BOUND: Duration = Duration::from_secs(5);

struct Vendor {
    name: &'static str,
    /// The operation that grants tokens (Sellers Commerce's refresh shares its route).
    grant: &'static str,
    /// A read that needs a token.
    read: &'static str,
}

const VENDORS: [Vendor; 2] = [
    Vendor { name: "stock2shop", grant: "stock2shop.authenticate", read: "/api/stock2shop/v1/sources" },
    Vendor { name: "sellers_commerce", grant: "sellers_commerce.token_password", read: "/api/sellers_commerce/api/category/getall" },
];

enum Expect {
    /// Every waiting request succeeds: the grant was tried again within its bound.
    Recovers,
    /// Every waiting request fails with this status, code and `Retry-After`.
    Fails { status: u16, code: &'static str, retry_after: Option<&'static str> },
}

struct Row {
    name: &'static str,
    faults: Faults,
    expect: Expect,
    /// The most grant requests the mock may see for all the waiting requests together.
    max_grants: u64,
}

fn rows() -> Vec<Row> {
    let once = |faults: Faults| Faults { times: Some(1), ..faults };
    let status = |code: u16| Faults { status: Some(code), ..Faults::default() };
    let unreachable = Expect::Fails { status: 502, code: "upstream_unreachable", retry_after: None };
    vec![
        Row { name: "503 once", faults: once(status(503)), expect: Expect::Recovers, max_grants: 2 },
        Row { name: "502 until cleared", faults: status(502), expect: unreachable, max_grants: 3 },
        Row {
            name: "500 until cleared",
            faults: status(500),
            expect: Expect::Fails { status: 502, code: "upstream_unreachable", retry_after: None },
            max_grants: 3,
        },
        Row { name: "connection reset once", faults: once(Faults { reset: true, ..Faults::default() }), expect: Expect::Recovers, max_grants: 2 },
        Row {
            name: "429 Retry-After 1 once",
            faults: once(Faults { status: Some(429), retry_after: Some(1), ..Faults::default() }),
            expect: Expect::Recovers,
            max_grants: 2,
        },
        Row {
            name: "429 Retry-After 3 until cleared",
            faults: Faults { status: Some(429), retry_after: Some(3), ..Faults::default() },
            expect: Expect::Fails { status: 429, code: "upstream_rate_limited", retry_after: Some("3") },
            max_grants: 1,
        },
        Row {
            name: "timeout (answer after 1.5 s) until cleared",
            faults: Faults { delay_ms: 1_500, ..Faults::default() },
            expect: Expect::Fails { status: 504, code: "upstream_timeout", retry_after: None },
            max_grants: 1,
        },
        Row {
            name: "unreadable answer once",
            faults: once(Faults { invalid_json: true, ..Faults::default() }),
            expect: Expect::Fails { status: 502, code: "upstream_unreachable", retry_after: None },
            max_grants: 1,
        },
    ]
}

async fn harness_for_faults() -> Harness {
    let config = Config {
        upstream_timeout_secs: Some(UPSTREAM_TIMEOUT.as_secs()),
        stock2shop: Stock2ShopConfig { requests_per_second: Some(50.0), ..Default::default() },
        // Quick retries of the reads themselves: this file is about the grants.
        retry_base_ms: Some(10),
        ..Config::default()
    };
    let mock = MockConfig { stock2shop_rate_limit: false, ..MockConfig::default() };
    harness(config, mock.clone(), mock).await
}

/// Grant requests that reached the mock, answered or given up on.
fn grants(h: &Harness, vendor: &Vendor) -> u64 {
    h.mock.arrived(vendor.grant)
}

/// `status code Retry-After` of one answer, as the table prints it.
fn outcome(status: StatusCode, headers: &axum::http::HeaderMap, body: &str) -> String {
    let code = serde_json::from_str::<serde_json::Value>(body).ok().and_then(|v| v["error"]["code"].as_str().map(str::to_string)).unwrap_or_else(|| "-".into());
    let retry_after = headers.get("retry-after").and_then(|v| v.to_str().ok()).unwrap_or("-");
    format!("{} {code} {retry_after}", status.as_u16())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_token_fault_ends_in_success_or_a_typed_error_within_the_bound() {
    let mut table = vec![format!("{:<44} {:<18} {:<36} {:>6} {:>7} {:>9}", "fault", "vendor", "waiting requests", "grants", "slowest", "in flight")];
    let mut failures = Vec::new();
    for row in rows() {
        for vendor in &VENDORS {
            let h = harness_for_faults().await;
            h.mock.set_faults(Faults { operations: vec![vendor.grant.to_string()], ..row.faults.clone() });
            let started = Instant::now();
            let calls: Vec<_> = (0..WAITING)
                .map(|_| {
                    let router = h.router.clone();
                    tokio::spawn(async move {
                        let (status, headers, body) = send(&router, get(vendor.read)).await;
                        (outcome(status, &headers, &body), not_sent(&body), started.elapsed())
                    })
                })
                .collect();
            let mut outcomes = Vec::new();
            let mut slowest = Duration::ZERO;
            let mut marked_not_sent = 0;
            for call in calls {
                let (outcome, not_sent, took) = call.await.unwrap();
                outcomes.push(outcome);
                marked_not_sent += usize::from(not_sent);
                slowest = slowest.max(took);
            }
            let grants_during_fault = grants(&h, vendor);
            let in_flight = h.mock.highest_in_flight(vendor.grant);
            outcomes.sort();
            outcomes.dedup();
            let expected = match &row.expect {
                Expect::Recovers => "200 - -".to_string(),
                Expect::Fails { status, code, retry_after } => format!("{status} {code} {}", retry_after.unwrap_or("-")),
            };
            let seen = outcomes.join(" | ");
            table.push(format!(
                "{:<44} {:<18} {:<36} {:>6} {:>6.1}s {:>9}",
                row.name,
                vendor.name,
                seen,
                grants_during_fault,
                slowest.as_secs_f64(),
                in_flight
            ));
            let here = format!("{} / {}", row.name, vendor.name);
            if seen != expected {
                failures.push(format!("{here}: every waiting request should answer {expected:?}, they answered {seen:?}"));
            }
            // A token failure happens before the operation is sent: every such answer says so.
            if matches!(row.expect, Expect::Fails { .. }) && marked_not_sent != WAITING {
                failures.push(format!("{here}: {marked_not_sent} of {WAITING} failed answers say `\"sent\": false`"));
            }
            if slowest > BOUND {
                failures.push(format!("{here}: a request waited {slowest:?}, past the bound of {BOUND:?}"));
            }
            if in_flight != 1 {
                failures.push(format!("{here}: the mock saw {in_flight} grants in flight at once"));
            }
            if grants_during_fault > row.max_grants {
                failures.push(format!("{here}: {grants_during_fault} grant requests for {WAITING} waiting requests (at most {})", row.max_grants));
            }
            // After the fault: the next request gets a token and its answer, at the latest
            // once the failure's hold-off (Retry-After) has passed.
            h.mock.set_faults(Faults::default());
            let recovered = recover(&h, vendor).await;
            if recovered != "200 - -" {
                failures.push(format!("{here}: after the fault was cleared the read answered {recovered:?}"));
            }
        }
    }
    println!("\n{}\n", table.join("\n"));
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Whether a proxy error body says the vendor never got the request (`"sent": false`).
fn not_sent(body: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(body).is_ok_and(|v| v["error"]["sent"] == serde_json::Value::Bool(false))
}

/// A write whose token could not be had never reached the vendor: its 502 says
/// `"sent": false`, so a client can report "not sent" rather than "outcome unknown". A
/// write the vendor itself answered 502 to carries no such mark: it may have happened.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_whose_token_failed_says_it_was_not_sent() {
    const WRITE: &str = "/api/stock2shop/v1/images/queue";
    let write = || axum::http::Request::post(WRITE).header("content-type", "application/json").body(axum::body::Body::from("{}")).unwrap();
    let h = harness_for_faults().await;
    h.mock.set_faults(Faults { operations: vec!["stock2shop.authenticate".into()], status: Some(502), ..Faults::default() });
    let (status, headers, body) = send(&h.router, write()).await;
    assert_eq!(outcome(status, &headers, &body), "502 upstream_unreachable -", "{body}");
    assert!(not_sent(&body), "{body}");
    assert_eq!(h.mock.arrived("stock2shop.queue_images"), 0, "the write did not reach the vendor");

    // With a token, the vendor's own 502 to the write: it may have been carried out.
    let h = harness_for_faults().await;
    h.mock.set_faults(Faults { operations: vec!["stock2shop.queue_images".into()], status: Some(502), ..Faults::default() });
    let (status, _, body) = send(&h.router, write()).await;
    assert_eq!(status, StatusCode::BAD_GATEWAY, "{body}");
    assert_eq!(h.mock.arrived("stock2shop.queue_images"), 1);
    assert!(!not_sent(&body), "a write that reached the vendor is marked not sent: {body}");
}

/// The read again until it succeeds or 5 s have passed (a failed grant holds further
/// grants off for a moment, Retry-After's for longer): the last outcome.
async fn recover(h: &Harness, vendor: &Vendor) -> String {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let (status, headers, body) = send(&h.router, get(vendor.read)).await;
        let seen = outcome(status, &headers, &body);
        if status == StatusCode::OK || Instant::now() > deadline {
            return seen;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}
