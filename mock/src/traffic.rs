//! What reached the mock, per vendor: `GET /__mock/stats` reports it, so fleet tests
//! and `make fleet` can show what a vendor would have seen from several proxies.

use std::collections::{BTreeMap, VecDeque};
use std::time::{Duration, Instant};

use serde::Serialize;

/// The window of "per second" rates: one second less the 100 ms of network jitter the
/// Stock2Shop limiter tolerates (`RATE_LIMIT_GRACE`), so a rate of 1 here is what that
/// limiter accepts, measured the same way.
pub const RATE_WINDOW: Duration = Duration::from_millis(900);

/// One vendor's traffic.
#[derive(Debug, Clone, Default, Serialize)]
pub struct VendorTraffic {
    /// Requests that reached the vendor's routes, token grants and refusals included.
    pub requests: u64,
    /// Answers 429 (the rate limit, or an injected fault).
    pub rate_limited: u64,
    /// The most requests that arrived within any [`RATE_WINDOW`].
    pub highest_per_second: u64,
    /// Requests per operation id (Sellers Commerce's two grants share `token_password`).
    pub operations: BTreeMap<&'static str, u64>,
    #[serde(skip)]
    recent: VecDeque<Instant>,
}

impl VendorTraffic {
    pub(crate) fn record(&mut self, operation: &'static str, status: u16, at: Instant) {
        self.requests += 1;
        *self.operations.entry(operation).or_default() += 1;
        if status == 429 {
            self.rate_limited += 1;
        }
        while self.recent.front().is_some_and(|first| at.duration_since(*first) >= RATE_WINDOW) {
            self.recent.pop_front();
        }
        self.recent.push_back(at);
        self.highest_per_second = self.highest_per_second.max(self.recent.len() as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_highest_rate_counts_requests_within_one_window() {
        let mut traffic = VendorTraffic::default();
        let start = Instant::now();
        for ms in [0, 1000, 2000, 2950] {
            traffic.record("op", 200, start + Duration::from_millis(ms));
        }
        assert_eq!(traffic.highest_per_second, 1);
        traffic.record("op", 429, start + Duration::from_millis(3000));
        assert_eq!((traffic.highest_per_second, traffic.rate_limited, traffic.requests), (2, 1, 5));
        assert_eq!(traffic.operations["op"], 5);
    }
}
