//! A mock upstream for every vendor in the catalogue, faithful to the documents:
//! the same paths, the same auth checks, the vendors' error bodies, state, and fault
//! switches for tests.
//!
//! Each vendor is mounted under `/<vendor slug>` (`/s2/inventory/overview`), because
//! two vendors share paths (`/fulfillment`). Routes come from the catalogue: every
//! operation gets one, and an operation without a stateful handler answers its
//! `tests/fixtures/<id>/good.json`.

mod dispatch;
pub mod examples;
mod faults;
/// Each operation's `good.json`, embedded by `build.rs`.
mod fixtures {
    include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));
}
pub mod generate;
pub mod paging;
pub mod traffic;
mod vendors;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use axum::routing::{MethodFilter, MethodRouter};
use axum::Router;
use commerce_kit::catalogue::{self, Method};
use commerce_kit::vendors::s2::inventory::S2InventoryOverview;

pub use faults::Faults;

/// The credentials the mock accepts and the data it serves.
#[derive(Debug, Clone)]
pub struct MockConfig {
    pub s2_token: String,
    pub s2_organization: String,
    /// The `X-AccessKey` of the S2 Partner environment the mock plays (the vendor issues
    /// one key per environment; the mock is one environment).
    pub s2_partner_access_key: String,
    pub dataset: Dataset,
    /// The Stock2Shop login `POST /v1/users/authenticate` accepts.
    pub stock2shop_username: String,
    pub stock2shop_password: String,
    /// How long a Stock2Shop token lives (the vendor states no lifetime: "ephemeral").
    pub stock2shop_token_ttl: std::time::Duration,
    /// Stock2Shop's documented rate limit: more than 1 request per second is answered 429
    /// with `Retry-After: 1` (also `MockState::set_stock2shop_rate_limit`).
    pub stock2shop_rate_limit: bool,
    /// The Access Key `POST /token` (Sellers Commerce, `grant_type=password`) accepts as `username`.
    pub sellers_username: String,
    /// The Shared Secret Key it accepts as `password`.
    pub sellers_password: String,
    /// How long a Sellers Commerce access token lives (the document: 1 h, `expires_in: 3599`).
    pub sellers_token_ttl: std::time::Duration,
    /// How long a Sellers Commerce refresh token lives (the document: 4 h); each is used once.
    pub sellers_refresh_ttl: std::time::Duration,
}

/// What `GET /inventory/overview` serves.
#[derive(Debug, Clone)]
pub enum Dataset {
    /// The example of the vendor document, verbatim.
    SeedExample,
    /// `products` × `warehouses` levels, deterministic for a `seed`.
    Generated { products: usize, warehouses: usize, seed: u64 },
}

impl Default for MockConfig {
    /// The credentials the proxy uses for the embedded mock when none are configured.
    fn default() -> Self {
        MockConfig {
            s2_token: "mock-s2-token".into(),
            s2_organization: "95d73baf-76ba-4bea-86ac-1534c5e5d4aa".into(),
            s2_partner_access_key: "mock-s2-partner-key".into(),
            dataset: Dataset::SeedExample,
            stock2shop_username: "mock-s2s-user".into(),
            stock2shop_password: "mock-s2s-password".into(),
            stock2shop_token_ttl: std::time::Duration::from_secs(3600),
            stock2shop_rate_limit: true,
            sellers_username: "mock-sc-access-key".into(),
            sellers_password: "mock-sc-shared-secret".into(),
            sellers_token_ttl: std::time::Duration::from_secs(3599),
            sellers_refresh_ttl: std::time::Duration::from_secs(4 * 3600),
        }
    }
}

/// Shared state: configuration, counters, fault switches and the vendors' data.
pub struct MockState {
    pub config: MockConfig,
    requests: AtomicU64,
    pub faults: Mutex<Faults>,
    /// Requests being served per operation, and the most at once.
    pub(crate) in_flight: faults::InFlight,
    pub(crate) inventory_overview: Vec<u8>,
    /// `inventory_overview` decoded, for the lookups of S2's creates; decoded on first
    /// use, since a benchmark's overview can be tens of megabytes nobody creates against.
    inventory: OnceLock<S2InventoryOverview>,
    /// S2's fulfillment orders.
    pub(crate) s2: Mutex<vendors::s2::Store>,
    /// The S2 Partner account.
    pub(crate) s2_partner: Mutex<vendors::s2_partner::Store>,
    /// The Stock2Shop account: issued tokens, rate-limit clock, data.
    pub(crate) stock2shop: Mutex<vendors::stock2shop::Store>,
    /// The Sellers Commerce account: issued tokens and the store.
    pub(crate) sellers_commerce: Mutex<vendors::sellers_commerce::Store>,
    /// Per-vendor request counts, 429s and rates (`GET /__mock/stats`).
    traffic: Mutex<std::collections::BTreeMap<&'static str, traffic::VendorTraffic>>,
}

impl MockState {
    pub fn new(config: MockConfig) -> Arc<Self> {
        let inventory_overview = match config.dataset {
            Dataset::SeedExample => vendors::s2::SEED_INVENTORY_OVERVIEW.as_bytes().to_vec(),
            Dataset::Generated { products, warehouses, seed } => generate::inventory_overview(products, warehouses, seed).into_bytes(),
        };
        let stock2shop = Mutex::new(vendors::stock2shop::Store::new(&config));
        Arc::new(MockState {
            config,
            requests: AtomicU64::new(0),
            faults: Mutex::new(Faults::default()),
            in_flight: faults::InFlight::default(),
            inventory_overview,
            inventory: OnceLock::new(),
            s2: Mutex::new(vendors::s2::Store::new()),
            s2_partner: Mutex::new(vendors::s2_partner::Store::seeded()),
            stock2shop,
            sellers_commerce: Mutex::new(vendors::sellers_commerce::Store::new()),
            traffic: Mutex::default(),
        })
    }

    pub(crate) fn inventory(&self) -> &S2InventoryOverview {
        self.inventory.get_or_init(|| serde_json::from_slice(&self.inventory_overview).expect("the mock's own overview decodes"))
    }

    /// How many vendor requests reached the mock (auth failures included).
    pub fn request_count(&self) -> u64 {
        self.requests.load(Ordering::SeqCst)
    }

    /// The `channelFulfillmentId` of every S2 fulfillment order created so far, in
    /// creation order (`None` for orders created without one): what tests count to prove
    /// nothing was created twice.
    pub fn s2_channel_fulfillment_ids(&self) -> Vec<Option<String>> {
        self.s2.lock().unwrap().channel_fulfillment_ids()
    }

    /// Counts a request and returns its number, counting from 1.
    pub(crate) fn count_request(&self) -> u64 {
        self.requests.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// What reached each vendor (by slug) so far.
    pub fn traffic(&self) -> std::collections::BTreeMap<&'static str, traffic::VendorTraffic> {
        self.traffic.lock().unwrap().clone()
    }

    pub(crate) fn record(&self, endpoint: &'static catalogue::Endpoint, status: u16) {
        let mut traffic = self.traffic.lock().unwrap();
        traffic.entry(endpoint.vendor.slug()).or_default().record(endpoint.id, status, std::time::Instant::now());
    }

    /// The most requests of `operation` (an id) the mock served at once so far.
    pub fn highest_in_flight(&self, operation: &str) -> u64 {
        self.in_flight.highest().get(operation).copied().unwrap_or(0)
    }

    /// How many requests of `operation` (an id) arrived so far, including those whose
    /// client gave up before the answer.
    pub fn arrived(&self, operation: &str) -> u64 {
        self.in_flight.arrived(operation)
    }

    /// Sets the fault switches (tests).
    pub fn set_faults(&self, faults: Faults) {
        *self.faults.lock().unwrap() = faults;
    }
}

/// The mock as a router, one route per catalogue operation. No `/__mock/*` controls: a
/// mock that plays a vendor for a dashboard must not let a local process change what
/// the dashboard sees (tests use [`app_with_controls`]).
pub fn app(state: Arc<MockState>) -> Router {
    routes().with_state(state)
}

/// [`app`] plus the `/__mock/*` fault controls, for tests.
pub fn app_with_controls(state: Arc<MockState>) -> Router {
    routes().merge(faults::control_routes()).with_state(state)
}

fn routes() -> Router<Arc<MockState>> {
    // Group by path: axum wants one MethodRouter per path. Two operations may even share
    // method and path (Sellers Commerce's password and refresh grants are both
    // `POST /token`); the first declared one's handler serves both.
    let mut by_path: Vec<(String, MethodRouter<Arc<MockState>>, Vec<Method>)> = Vec::new();
    for endpoint in catalogue::endpoints().iter().copied() {
        let path = format!("/{}{}", endpoint.vendor.slug(), endpoint.path);
        let handler = move |st, req| dispatch::dispatch(endpoint, st, req);
        let filter = match endpoint.method {
            Method::Get => MethodFilter::GET,
            Method::Post => MethodFilter::POST,
            Method::Put => MethodFilter::PUT,
            Method::Delete => MethodFilter::DELETE,
        };
        match by_path.iter_mut().find(|(p, _, _)| *p == path) {
            Some((_, _, methods)) if methods.contains(&endpoint.method) => {}
            Some((_, router, methods)) => {
                *router = std::mem::take(router).on(filter, handler);
                methods.push(endpoint.method);
            }
            None => by_path.push((path, axum::routing::on(filter, handler), vec![endpoint.method])),
        }
    }
    let mut router = Router::new();
    for (path, method_router, _) in by_path {
        router = router.route(&path, method_router);
    }
    router
}

/// [`app`] plus the read-only `GET /__mock/stats`, for the standalone mock
/// (`commerce-mock serve`): what the proxies sent can be read, nothing can be changed.
pub fn app_with_stats(state: Arc<MockState>) -> Router {
    routes().merge(faults::stats_route()).with_state(state)
}

/// Serves the mock ([`app`], no controls) on `addr` (e.g. `127.0.0.1:0`); returns the
/// bound address.
pub async fn spawn(state: Arc<MockState>, addr: &str) -> std::io::Result<std::net::SocketAddr> {
    serve_router(app(state), addr).await
}

/// Serves [`app_with_controls`] on `addr`, for tests; returns the bound address.
pub async fn spawn_with_controls(state: Arc<MockState>, addr: &str) -> std::io::Result<std::net::SocketAddr> {
    serve_router(app_with_controls(state), addr).await
}

async fn serve_router(router: Router, addr: &str) -> std::io::Result<std::net::SocketAddr> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    Ok(bound)
}
