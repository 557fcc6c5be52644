//! Counters and latency histograms in the Prometheus text format (`GET /metrics`).
//! Hand-rolled: a handful of series do not justify a metrics framework.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 11] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// Keyed by the catalogue's own `&'static str` names: recording a request allocates
/// nothing (it allocated four `String`s; malloc and free are about a sixth of the proxy's
/// CPU under wrk, bench/README.md "Proxy").
#[derive(Default)]
struct Series {
    /// (vendor, operation, status) → requests.
    requests: BTreeMap<(&'static str, &'static str, u16), u64>,
    /// (vendor, operation) → latency.
    latency: BTreeMap<(&'static str, &'static str), Histogram>,
    /// vendor → upstream errors (unreachable, timeout).
    upstream_errors: BTreeMap<&'static str, u64>,
    /// vendor → retries sent.
    retries: BTreeMap<&'static str, u64>,
    /// vendor → token refreshes.
    token_refreshes: BTreeMap<&'static str, u64>,
    /// vendor → requests waiting for the vendor's pacing or concurrency cap now.
    queue_depth: BTreeMap<&'static str, i64>,
}

#[derive(Default)]
pub struct Metrics(Mutex<Series>);

impl Metrics {
    pub fn request(&self, vendor: &'static str, operation: &'static str, status: u16, seconds: f64) {
        let mut s = self.0.lock().unwrap();
        *s.requests.entry((vendor, operation, status)).or_default() += 1;
        let h = s.latency.entry((vendor, operation)).or_default();
        h.count += 1;
        h.sum += seconds;
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                h.counts[i] += 1;
            }
        }
    }

    pub fn upstream_error(&self, vendor: &'static str) {
        *self.0.lock().unwrap().upstream_errors.entry(vendor).or_default() += 1;
    }

    pub fn retry(&self, vendor: &'static str) {
        *self.0.lock().unwrap().retries.entry(vendor).or_default() += 1;
    }

    pub fn token_refresh(&self, vendor: &'static str) {
        *self.0.lock().unwrap().token_refreshes.entry(vendor).or_default() += 1;
    }

    pub fn queue(&self, vendor: &'static str, delta: i64) {
        *self.0.lock().unwrap().queue_depth.entry(vendor).or_default() += delta;
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let s = self.0.lock().unwrap();
        let mut out = String::new();
        out.push_str(
            "# HELP commerce_proxy_requests_total Requests forwarded, by vendor, operation and status.\n# TYPE commerce_proxy_requests_total counter\n",
        );
        for ((vendor, op, status), n) in &s.requests {
            let _ = writeln!(out, "commerce_proxy_requests_total{{vendor=\"{vendor}\",operation=\"{op}\",status=\"{status}\"}} {n}");
        }
        out.push_str(
            "# HELP commerce_proxy_request_seconds Time to the vendor's answer, by vendor and operation.\n# TYPE commerce_proxy_request_seconds histogram\n",
        );
        for ((vendor, op), h) in &s.latency {
            for (i, bound) in BUCKETS.iter().enumerate() {
                let _ = writeln!(out, "commerce_proxy_request_seconds_bucket{{vendor=\"{vendor}\",operation=\"{op}\",le=\"{bound}\"}} {}", h.counts[i]);
            }
            let _ = writeln!(out, "commerce_proxy_request_seconds_bucket{{vendor=\"{vendor}\",operation=\"{op}\",le=\"+Inf\"}} {}", h.count);
            let _ = writeln!(out, "commerce_proxy_request_seconds_sum{{vendor=\"{vendor}\",operation=\"{op}\"}} {}", h.sum);
            let _ = writeln!(out, "commerce_proxy_request_seconds_count{{vendor=\"{vendor}\",operation=\"{op}\"}} {}", h.count);
        }
        for (name, help, kind, series) in [
            ("commerce_proxy_upstream_errors_total", "Upstream connection failures and timeouts.", "counter", &s.upstream_errors),
            ("commerce_proxy_retries_total", "Retried upstream requests.", "counter", &s.retries),
            ("commerce_proxy_token_refreshes_total", "Vendor token logins and refreshes.", "counter", &s.token_refreshes),
        ] {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
            for (vendor, n) in series {
                let _ = writeln!(out, "{name}{{vendor=\"{vendor}\"}} {n}");
            }
        }
        out.push_str("# HELP commerce_proxy_queue_depth Requests waiting for a vendor's pacing or concurrency cap.\n# TYPE commerce_proxy_queue_depth gauge\n");
        for (vendor, n) in &s.queue_depth {
            let _ = writeln!(out, "commerce_proxy_queue_depth{{vendor=\"{vendor}\"}} {n}");
        }
        out
    }
}
