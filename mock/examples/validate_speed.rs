//! Native throughput of the response validator and of the ASCII re-encoding on the
//! benchmark body (a quick check while tuning src/validate/; the browser figures are
//! the ones that count):
//!
//!     cargo run --release -p commerce-mock --example validate_speed -- bench/out/inventory-10mb.json

use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: validate_speed FILE");
    let body = std::fs::read(&path).expect("read the body");
    let schema = commerce_kit::catalogue::find("s2.get_inventory_overview").expect("known operation").response;
    let time = |f: &dyn Fn() -> usize| {
        let mut best = f64::MAX;
        let mut out = 0;
        for _ in 0..15 {
            let t = Instant::now();
            out = f();
            best = best.min(t.elapsed().as_secs_f64());
        }
        (best * 1e3, out)
    };
    let (validate_ms, errors) = time(&|| commerce_kit::validate(schema, &body).errors.len());
    let (ascii_ms, len) = time(&|| commerce_kit::validate::ascii_json(&body).len());
    let mb = body.len() as f64 / 1e6;
    println!(
        "{mb:.1} MB: validate {validate_ms:.2} ms ({:.0} MB/s, {errors} errors), ascii {ascii_ms:.2} ms ({:.0} MB/s, {len} bytes)",
        mb / validate_ms * 1e3,
        mb / ascii_ms * 1e3
    );
}
