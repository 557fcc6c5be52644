//! Paces a vendor to its documented rate (Stock2Shop: "not more than 1 request per
//! second"): requests take turns in arrival order, each sent at least one interval after
//! the one before.
//!
//! The turn is a fair (FIFO) lock held across the wait for the slot: a request that is
//! dropped while it waits (client gone, timeout) simply leaves the queue, and nobody is
//! ever scheduled further ahead than the requests actually waiting.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::fleet_state::{Shared, Unavailable};

/// The longest a vendor's `Retry-After` holds everyone back.
pub const MAX_HOLD_OFF: Duration = Duration::from_secs(60);

pub struct Pacer {
    interval: Duration,
    /// When the last request was let through; held by the request whose turn it is.
    last_sent: Mutex<Option<Instant>>,
    /// The vendor said `Retry-After`: nobody goes before then.
    hold_until: std::sync::Mutex<Option<Instant>>,
    /// With `redis_url`: the slot is claimed fleet-wide (GCRA in Redis) by whoever holds
    /// this instance's turn, so each instance keeps its own FIFO order.
    fleet: Option<(Arc<Shared>, &'static str)>,
}

impl Pacer {
    pub fn per_second(rate: f64) -> Pacer {
        let interval = Duration::from_secs_f64(1.0 / rate.max(0.001));
        Pacer { interval, last_sent: Mutex::new(None), hold_until: std::sync::Mutex::new(None), fleet: None }
    }

    /// A pacer with this one's rate, shared by every instance on `shared` for `vendor`.
    pub fn fleet(&self, shared: Arc<Shared>, vendor: &'static str) -> Pacer {
        Pacer { fleet: Some((shared, vendor)), ..Pacer::per_second(1.0 / self.interval.as_secs_f64()) }
    }

    /// Waits for this request's turn and slot: this instance's queue, then (fleet) the
    /// vendor's next slot across instances. Fails closed if Redis does not answer.
    pub async fn turn(&self) -> Result<(), Unavailable> {
        let Some((shared, vendor)) = &self.fleet else {
            self.wait().await;
            return Ok(());
        };
        let _turn = self.last_sent.lock().await;
        // Nothing is reserved while waiting: a hold-off stored meanwhile is seen at the
        // next claim, and a caller dropped here leaves no slot behind.
        while let Some(wait) = shared.claim_slot(vendor, self.interval).await? {
            tokio::time::sleep(wait).await;
        }
        Ok(())
    }

    /// [`Pacer::hold_off`], for the whole fleet when shared.
    pub async fn hold_off_all(&self, wait: Duration) -> Result<(), Unavailable> {
        match &self.fleet {
            Some((shared, vendor)) => shared.hold_off(vendor, wait.min(MAX_HOLD_OFF)).await,
            None => {
                self.hold_off(wait).await;
                Ok(())
            }
        }
    }

    /// Waits for this request's turn and slot.
    pub async fn wait(&self) {
        let mut last_sent = self.last_sent.lock().await;
        loop {
            let mut due = last_sent.map_or_else(Instant::now, |t| t + self.interval);
            if let Some(hold) = *self.hold_until.lock().unwrap() {
                due = due.max(hold);
            }
            // A hold-off that arrives during the sleep is seen on the next round.
            if Instant::now() >= due {
                break;
            }
            tokio::time::sleep_until(due).await;
        }
        *last_sent = Some(Instant::now());
    }

    /// The vendor said `Retry-After: wait`: nobody goes before then, for at most
    /// [`MAX_HOLD_OFF`].
    pub async fn hold_off(&self, wait: Duration) {
        let until = Instant::now() + wait.min(MAX_HOLD_OFF);
        let mut hold = self.hold_until.lock().unwrap();
        *hold = Some(hold.map_or(until, |h| h.max(until)));
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

    #[tokio::test(start_paused = true)]
    async fn abandoned_waiters_give_their_slots_back() {
        let pacer = std::sync::Arc::new(Pacer::per_second(1.0));
        pacer.wait().await;
        let start = Instant::now();
        // 32 requests whose clients give up after 0.3 s.
        let abandoned: Vec<_> = (0..32)
            .map(|_| {
                let pacer = pacer.clone();
                tokio::spawn(async move { tokio::time::timeout(Duration::from_millis(300), pacer.wait()).await.is_err() })
            })
            .collect();
        for a in abandoned {
            assert!(a.await.unwrap(), "nobody gets a slot within 0.3 s of the first");
        }
        // The next real request waits for the interval after the last one sent, not
        // behind 32 ghosts.
        pacer.wait().await;
        assert!(Instant::now() - start <= Duration::from_secs(1), "waited {:?}", Instant::now() - start);
    }

    #[tokio::test(start_paused = true)]
    async fn a_vendor_hold_off_is_honoured_up_to_a_minute() {
        let pacer = Pacer::per_second(1.0);
        for stated in [Duration::from_secs(100_000), Duration::MAX] {
            pacer.hold_off(stated).await;
            let before = Instant::now();
            pacer.wait().await;
            assert_eq!(Instant::now() - before, MAX_HOLD_OFF, "a hold-off of {stated:?}");
        }
        pacer.hold_off(Duration::from_secs(5)).await;
        let before = Instant::now();
        pacer.wait().await;
        assert_eq!(Instant::now() - before, Duration::from_secs(5));
    }
}
