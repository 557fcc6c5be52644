//! Each fault, each layer: every fault switch of the mock against an S2 read (the
//! inventory overview) and an S2 write (a fulfillment-order create with its
//! `channelFulfillmentId`), through the proxy, then through the package's own mapping of
//! the proxy's answer (`Error::from_answer` and the decoder, the functions the browser
//! transport runs). The run prints the matrix: fault x layer -> outcome.

mod support;

use std::time::{Duration, Instant};

use commerce_kit::error::Route;
use commerce_kit::vendors::s2::fulfillment::{S2FulfillmentOrder, CREATE_FULFILLMENT_ORDER};
use commerce_kit::vendors::s2::inventory::S2InventoryOverview;
use commerce_kit::Error;
use commerce_mock::examples::fulfillment_order;
use commerce_mock::{Faults, MockConfig};
use commerce_proxy::Config;
use support::{harness, post_json, Harness};

/// One row: the fault, then for the read and the write what the proxy answers
/// (`status code attempts`) and what the package rejects or resolves with.
struct Row {
    name: &'static str,
    faults: Faults,
    read_proxy: &'static str,
    read_package: &'static str,
    write_proxy: &'static str,
    write_package: &'static str,
}

fn rows() -> Vec<Row> {
    let f = |faults: Faults| faults;
    let status = |code: u16| Faults { status: Some(code), ..Faults::default() };
    let row = |name, faults, read_proxy, read_package, write_proxy, write_package| Row { name, faults, read_proxy, read_package, write_proxy, write_package };
    vec![
        row("none", Faults::default(), "200 - 1", "ok", "200 - 1", "ok"),
        row("latency 300 ms", f(Faults { delay_ms: 300, ..Faults::default() }), "200 - 1", "ok", "200 - 1", "ok"),
        row(
            "429 Retry-After",
            f(Faults { status: Some(429), retry_after: Some(1), ..Faults::default() }),
            "429 - 1",
            "rate_limited",
            "429 - 1",
            "rate_limited",
        ),
        row("500", status(500), "500 - 1", "vendor", "500 - 1", "vendor"),
        row("502", status(502), "502 - 3", "vendor", "502 - 1", "outcome_unknown"),
        row("503", status(503), "503 - 3", "vendor", "503 - 1", "outcome_unknown"),
        row("504", status(504), "504 - 3", "vendor", "504 - 1", "outcome_unknown"),
        row(
            "connection reset",
            f(Faults { reset: true, ..Faults::default() }),
            "502 upstream_unreachable 3",
            "proxy",
            "502 upstream_unreachable 1",
            "outcome_unknown",
        ),
        row("body cut midway", f(Faults { truncate: true, ..Faults::default() }), "200 - 1", "invalid_response", "200 - 1", "invalid_response"),
        row("wrong Content-Type", f(Faults { content_type: Some("text/plain".into()), ..Faults::default() }), "200 - 1", "ok", "200 - 1", "ok"),
        row(
            "HTML page, status 200",
            f(Faults { html: true, status: Some(200), ..Faults::default() }),
            "200 - 1",
            "invalid_response",
            "200 - 1",
            "invalid_response",
        ),
        // The head was relayed before the vendor's timeout ran out, so the proxy can only
        // break the body off: the package sees a network error, within the timeout.
        row(
            "body trickles byte by byte",
            f(Faults { trickle_ms: 400, ..Faults::default() }),
            "200 body-broke 1",
            "network",
            "200 body-broke 1",
            "outcome_unknown",
        ),
        row("invalid JSON", f(Faults { invalid_json: true, ..Faults::default() }), "200 - 1", "invalid_response", "200 - 1", "invalid_response"),
        // A list with one wrong-typed record: resolved with the good records and the bad
        // one in `rejected` (record-level isolation); a write's single record is refused.
        row("one wrong-typed field", f(Faults { wrong_type: true, ..Faults::default() }), "200 - 1", "partial", "200 - 1", "invalid_response"),
        row(
            "commit, then drop the answer",
            f(Faults { lose_answer: true, ..Faults::default() }),
            "502 upstream_unreachable 3",
            "proxy",
            "502 upstream_unreachable 1",
            "outcome_unknown",
        ),
    ]
}

/// `status code attempts` of the proxy's answer, and the package's outcome.
async fn run(h: &Harness, write: bool, key: &str) -> (String, String) {
    let (url, request) = if write {
        ("/api/s2/fulfillment", post_json("/api/s2/fulfillment", &fulfillment_order(Some(key))))
    } else {
        ("/api/s2/inventory/overview", support::get("/api/s2/inventory/overview"))
    };
    let response = tower::ServiceExt::oneshot(h.router.clone(), request).await.unwrap();
    let (parts, body) = response.into_parts();
    let (status, headers) = (parts.status, parts.headers);
    // A body that breaks after the head: the browser's fetch rejects, a network error.
    let Ok(body) = http_body_util::BodyExt::collect(body).await.map(|b| String::from_utf8_lossy(&b.to_bytes()).into_owned()) else {
        let attempts = headers.get("x-upstream-attempts").and_then(|v| v.to_str().ok()).unwrap_or("none");
        let lost = Error::Network { message: "the body broke off".into() };
        let package = if write { lost.after_write(&CREATE_FULFILLMENT_ORDER, 1) } else { lost };
        return (format!("{} body-broke {attempts}", status.as_u16()), package.code().to_string());
    };
    let attempts = headers.get("x-upstream-attempts").and_then(|v| v.to_str().ok()).unwrap_or("none").to_string();
    let relayed = attempts != "none";
    let code = serde_json::from_str::<serde_json::Value>(&body).ok().and_then(|v| v["error"]["code"].as_str().map(str::to_string));
    let proxy = format!("{} {} {attempts}", status.as_u16(), code.as_deref().unwrap_or("-"));
    let retry_after = headers.get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
    let package = match Error::from_answer(url, Route::Api { relayed }, status.as_u16(), retry_after, &body) {
        Some(error) if write => error.after_write(&CREATE_FULFILLMENT_ORDER, 1).code().to_string(),
        Some(error) => error.code().to_string(),
        None if write => commerce_kit::decode::<S2FulfillmentOrder>(body.as_bytes()).map_or_else(|e| e.code().to_string(), |_| "ok".into()),
        // A read whose records were not all readable is "partial": typed, with `rejected`.
        None => commerce_kit::decode::<S2InventoryOverview>(body.as_bytes())
            .map_or_else(|e| e.code().to_string(), |d| if d.is_partial() { "partial".into() } else { "ok".into() }),
    };
    (proxy, package)
}

#[tokio::test]
async fn every_fault_at_every_layer_gets_its_typed_answer() {
    let config = Config { upstream_timeout_secs: Some(1), retry_base_ms: Some(10), ..Config::default() };
    let h = harness(config, MockConfig::default(), MockConfig::default()).await;
    let mut matrix = vec![format!("{:<30} | {:<28} | {:<16} | {:<28} | {}", "fault", "proxy: read", "package: read", "proxy: write", "package: write")];
    let mut wrong = Vec::new();
    for (i, row) in rows().into_iter().enumerate() {
        h.mock.set_faults(row.faults.clone());
        let started = Instant::now();
        let read = run(&h, false, "").await;
        let write = run(&h, true, &format!("matrix-{i}")).await;
        h.mock.set_faults(Faults::default());
        assert!(started.elapsed() < Duration::from_secs(8), "{}: took {:?}", row.name, started.elapsed());
        matrix.push(format!("{:<30} | {:<28} | {:<16} | {:<28} | {}", row.name, read.0, read.1, write.0, write.1));
        let want = [row.read_proxy, row.read_package, row.write_proxy, row.write_package];
        let got = [&read.0, &read.1, &write.0, &write.1];
        if !got.iter().zip(want).all(|(g, w)| g.as_str() == w) {
            wrong.push(format!("{}: got {got:?}, want {want:?}", row.name));
        }
    }
    println!("{}", matrix.join("\n"));
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
