//! Counters and latency histograms in the Prometheus text format (`GET /metrics`).
//! Hand-rolled: a handful of series do not justify a metrics framework.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::sync::atomic::{AtomicU16, AtomicU64, Ordering};
use std::sync::Mutex;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 11] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

#[derive(Default, Clone)]
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

/// One operation's requests and latency, counted with atomics: [`Metrics::request`] runs
/// for every request, on every worker thread at once, and takes no lock.
struct Operation {
    vendor: &'static str,
    id: &'static str,
    /// Statuses by arrival: a slot is claimed (0 → status) by the first request with its
    /// status; further statuses beyond the slots are counted under the lock.
    statuses: [(AtomicU16, AtomicU64); STATUS_SLOTS],
    buckets: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    /// Summed in nanoseconds: an integer adds without a lock, a float would not.
    sum_nanos: AtomicU64,
}

/// Distinct statuses an operation is counted for without the lock.
const STATUS_SLOTS: usize = 8;

impl Operation {
    fn new(vendor: &'static str, id: &'static str) -> Self {
        Operation {
            vendor,
            id,
            statuses: std::array::from_fn(|_| (AtomicU16::new(0), AtomicU64::new(0))),
            buckets: std::array::from_fn(|_| AtomicU64::new(0)),
            count: AtomicU64::new(0),
            sum_nanos: AtomicU64::new(0),
        }
    }

    /// Counts `status`; false if every slot holds another status.
    fn count_status(&self, status: u16) -> bool {
        for (slot, count) in &self.statuses {
            let mut held = slot.load(Ordering::Relaxed);
            if held == 0 {
                // Free: claim it, or learn which status another thread claimed it for.
                held = match slot.compare_exchange(0, status, Ordering::Relaxed, Ordering::Relaxed) {
                    Ok(_) => status,
                    Err(current) => current,
                };
            }
            if held == status {
                count.fetch_add(1, Ordering::Relaxed);
                return true;
            }
        }
        false
    }

    fn observe(&self, seconds: f64) {
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum_nanos.fetch_add((seconds * 1e9) as u64, Ordering::Relaxed);
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                self.buckets[i].fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}

pub struct Metrics {
    /// The catalogue's operations, and where each is in `operations` by its id.
    operations: Box<[Operation]>,
    by_id: HashMap<&'static str, usize>,
    /// The rest, touched only off the common path (retries, errors, waits) or beyond the
    /// status slots.
    series: Mutex<Series>,
}

impl Default for Metrics {
    fn default() -> Self {
        let operations: Box<[Operation]> = commerce_kit::catalogue::endpoints().iter().map(|e| Operation::new(e.vendor.slug(), e.id)).collect();
        let by_id = operations.iter().enumerate().map(|(i, o)| (o.id, i)).collect();
        Metrics { operations, by_id, series: Mutex::default() }
    }
}

impl Metrics {
    pub fn request(&self, vendor: &'static str, operation: &'static str, status: u16, seconds: f64) {
        if let Some(op) = self.by_id.get(operation).map(|&i| &self.operations[i]).filter(|op| op.vendor == vendor) {
            op.observe(seconds);
            if op.count_status(status) {
                return;
            }
            *self.series.lock().unwrap().requests.entry((vendor, operation, status)).or_default() += 1;
            return;
        }
        let mut s = self.series.lock().unwrap();
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
        *self.series.lock().unwrap().upstream_errors.entry(vendor).or_default() += 1;
    }

    pub fn retry(&self, vendor: &'static str) {
        *self.series.lock().unwrap().retries.entry(vendor).or_default() += 1;
    }

    pub fn token_refresh(&self, vendor: &'static str) {
        *self.series.lock().unwrap().token_refreshes.entry(vendor).or_default() += 1;
    }

    pub fn queue(&self, vendor: &'static str, delta: i64) {
        *self.series.lock().unwrap().queue_depth.entry(vendor).or_default() += delta;
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let s = self.series.lock().unwrap();
        // The lock-free counts joined to the rest, in the same order as ever.
        let (mut requests, mut latency) = (s.requests.clone(), s.latency.clone());
        for op in self.operations.iter() {
            for (slot, count) in &op.statuses {
                let (status, n) = (slot.load(Ordering::Relaxed), count.load(Ordering::Relaxed));
                if status != 0 && n > 0 {
                    *requests.entry((op.vendor, op.id, status)).or_default() += n;
                }
            }
            let count = op.count.load(Ordering::Relaxed);
            if count > 0 {
                let h = latency.entry((op.vendor, op.id)).or_default();
                h.count += count;
                h.sum += op.sum_nanos.load(Ordering::Relaxed) as f64 / 1e9;
                for (i, bucket) in op.buckets.iter().enumerate() {
                    h.counts[i] += bucket.load(Ordering::Relaxed);
                }
            }
        }
        let mut out = String::new();
        out.push_str(
            "# HELP commerce_proxy_requests_total Requests forwarded, by vendor, operation and status.\n# TYPE commerce_proxy_requests_total counter\n",
        );
        for ((vendor, op, status), n) in &requests {
            let _ = writeln!(out, "commerce_proxy_requests_total{{vendor=\"{vendor}\",operation=\"{op}\",status=\"{status}\"}} {n}");
        }
        out.push_str(
            "# HELP commerce_proxy_request_seconds Time to the vendor's answer, by vendor and operation.\n# TYPE commerce_proxy_request_seconds histogram\n",
        );
        for ((vendor, op), h) in &latency {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn line<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
        text.lines().find_map(|l| l.strip_prefix(prefix))
    }

    /// Worker threads counting at once lose nothing; statuses beyond the lock-free slots
    /// and operations outside the catalogue are counted all the same.
    #[test]
    fn counts_from_every_thread_and_every_status_add_up() {
        let metrics = Metrics::default();
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    for i in 0..1000u16 {
                        metrics.request("s2", "s2.get_inventory_overview", if i % 2 == 0 { 200 } else { 502 }, 0.002);
                    }
                });
            }
        });
        for status in 400..400 + STATUS_SLOTS as u16 + 3 {
            metrics.request("s2", "s2.get_inventory_overview", status, 20.0);
        }
        metrics.request("s2", "s2.not_in_the_catalogue", 200, 0.0005);
        let text = metrics.render();
        let requests =
            |status: u16| line(&text, &format!("commerce_proxy_requests_total{{vendor=\"s2\",operation=\"s2.get_inventory_overview\",status=\"{status}\"}} "));
        assert_eq!((requests(200), requests(502)), (Some("2000"), Some("2000")), "{text}");
        assert!((400..400 + STATUS_SLOTS as u16 + 3).all(|status| requests(status) == Some("1")), "{text}");
        let bucket =
            |le: &str| line(&text, &format!("commerce_proxy_request_seconds_bucket{{vendor=\"s2\",operation=\"s2.get_inventory_overview\",le=\"{le}\"}} "));
        assert_eq!((bucket("0.001"), bucket("0.005"), bucket("10"), bucket("+Inf")), (Some("0"), Some("4000"), Some("4000"), Some("4011")), "{text}");
        let sum: f64 = line(&text, "commerce_proxy_request_seconds_sum{vendor=\"s2\",operation=\"s2.get_inventory_overview\"} ").unwrap().parse().unwrap();
        assert!((sum - (4000.0 * 0.002 + 11.0 * 20.0)).abs() < 1e-6, "{sum}");
        assert_eq!(line(&text, "commerce_proxy_requests_total{vendor=\"s2\",operation=\"s2.not_in_the_catalogue\",status=\"200\"} "), Some("1"));
    }
}
