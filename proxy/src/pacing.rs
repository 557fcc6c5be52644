//! Paces a vendor to its documented rate (Stock2Shop: "not more than 1 request per
//! second"): each request takes the next free slot and waits for it, in arrival order.

use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

pub struct Pacer {
    interval: Duration,
    next_slot: Mutex<Instant>,
}

impl Pacer {
    pub fn per_second(rate: f64) -> Pacer {
        let interval = Duration::from_secs_f64(1.0 / rate.max(0.001));
        Pacer { interval, next_slot: Mutex::new(Instant::now()) }
    }

    /// Waits for this request's slot.
    pub async fn wait(&self) {
        let slot = {
            let mut next = self.next_slot.lock().await;
            let slot = (*next).max(Instant::now());
            *next = slot + self.interval;
            slot
        };
        tokio::time::sleep_until(slot).await;
    }

    /// The vendor said `Retry-After`: nobody goes before then.
    pub async fn hold_off(&self, wait: Duration) {
        let mut next = self.next_slot.lock().await;
        *next = (*next).max(Instant::now() + wait);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn requests_are_spaced_by_the_interval_in_arrival_order() {
        let pacer = std::sync::Arc::new(Pacer::per_second(1.0));
        let start = Instant::now();
        let mut handles = Vec::new();
        for _ in 0..3 {
            let pacer = pacer.clone();
            handles.push(tokio::spawn(async move {
                pacer.wait().await;
                Instant::now()
            }));
        }
        let mut times = Vec::new();
        for h in handles {
            times.push(h.await.unwrap() - start);
        }
        times.sort();
        assert_eq!(times, [Duration::ZERO, Duration::from_secs(1), Duration::from_secs(2)]);
        pacer.hold_off(Duration::from_secs(5)).await;
        let before = Instant::now();
        pacer.wait().await;
        assert!(Instant::now() - before >= Duration::from_secs(5));
    }
}
