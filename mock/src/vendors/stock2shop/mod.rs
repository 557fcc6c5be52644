//! Stock2Shop (seed `stock2shop-api.txt`): a username/password login that hands out
//! tokens with an expiry, `?token=` on every other call, sources and channels from the
//! seed, Elasticsearch-style product and order search (term/terms/match/multi_match/
//! range/exists/bool clauses, sort, `from`/`size` paging), queues that check their bodies
//! and change the account (a queued product shows up in the search), and the documented
//! rate limit: more than 1 request per second is answered 429 with `Retry-After: 1`.
//!
//! Errors are `{"errors": "<message>"}` (the document shows none; see
//! [`super::error_body`]); a 400 names the field first, as the client's own checks do.
//!
//! Records are kept as JSON rather than typed values, so that they keep the vendor's
//! loose spellings (`"rate": "15"`, `"channel_id": "47"`) on the wire, as the seed does.
//!
//! One file per concern: `auth` (login, tokens), `rate_limit`, `search` (the
//! Elasticsearch engine), `queues` (the writes) and `seed` (the account's data); the
//! account (`Store`), the handlers by endpoint and the shared helpers are here.

mod auth;
mod queues;
mod rate_limit;
mod search;
mod seed;

pub(crate) use auth::authorize;
pub(crate) use rate_limit::rate_limited;

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::http::{header, HeaderValue, StatusCode};
use commerce_kit::catalogue::{Endpoint, Vendor};
use commerce_kit::request::FieldErrors;
use commerce_kit::vendors::stock2shop;
use commerce_kit::vendors::stock2shop::channels::{SystemChannel, SystemChannels};
use commerce_kit::vendors::stock2shop::images::QueueImagesBody;
use commerce_kit::vendors::stock2shop::orders::check_order_payload;
use commerce_kit::vendors::stock2shop::products::{QueueProductsBody, QueuedProduct};
use commerce_kit::vendors::stock2shop::search::{EsBoolQuery, EsClause, EsSearch};
use commerce_kit::vendors::stock2shop::sources::{SystemSource, SystemSources};
use commerce_kit::vendors::stock2shop::users::AuthenticateBody;
use serde_json::{json, Value};

use crate::dispatch::{ok, Answer, Call, Handler, VendorError};
use crate::generate::{now, Rng};
use crate::{MockConfig, MockState};

/// The seed's answer of `POST /v1/users/authenticate`; the mock puts a fresh token in it.
const SEED_AUTHENTICATE: &str = include_str!("../../../../tests/fixtures/stock2shop.authenticate/good.json");
/// The seed's answer of `GET /v1/users/valid_token/{token}`.
const SEED_VALID_TOKEN: &str = include_str!("../../../../tests/fixtures/stock2shop.valid_token/good.json");
const SEED_SOURCES: &str = include_str!("../../../../tests/fixtures/stock2shop.list_sources/good.json");
const SEED_CHANNELS: &str = include_str!("../../../../tests/fixtures/stock2shop.list_channels/good.json");
const SEED_PRODUCTS: &str = include_str!("../../../../tests/fixtures/stock2shop.search_products/good.json");
const SEED_ORDERS: &str = include_str!("../../../../tests/fixtures/stock2shop.search_orders/good.json");

/// How many products and orders the account starts with (the seed's one of each
/// included): several pages of the default `size` of 10.
pub(crate) const PRODUCTS: usize = 60;
pub(crate) const ORDERS: usize = 40;

/// The generated part of the account is the same in every mock.
const DATASET_SEED: u64 = 0x5332_5348_4f50_0001;

/// The account's client (the seed's products and images belong to client 21).
const CLIENT_ID: i64 = 21;

/// The account: tokens, rate-limit clock, and the data.
pub(crate) struct Store {
    /// Issued tokens and when each expires.
    tokens: HashMap<String, Instant>,
    rate_limit: bool,
    last_accepted: Option<Instant>,
    sources: Vec<SystemSource>,
    channels: Vec<SystemChannel>,
    /// `system_products` records, as served.
    products: Vec<Value>,
    /// `system_orders` records, as served.
    orders: Vec<Value>,
    next_id: i64,
    rng: Rng,
}

impl Store {
    pub(crate) fn new(config: &MockConfig) -> Store {
        let mut rng = Rng::new(DATASET_SEED);
        let sources = serde_json::from_str::<SystemSources>(SEED_SOURCES).expect("the seed's sources decode").system_sources;
        let mut sources = sources;
        // The sources the seed's other examples name: 57 (products, images), 123 (product queue).
        for (id, description) in [(57, "Example ERP (products and images)"), (123, "Example ERP (product feed)")] {
            sources.push(SystemSource { id, description: description.into(), source_id: None, sync_token: "0".into(), ..sources[0].clone() });
        }
        let mut channels = serde_json::from_str::<SystemChannels>(SEED_CHANNELS).expect("the seed's channels decode").system_channels;
        // The channels the seed's products (47, 255) and order (191) name.
        for (id, description, kind) in [(47, "B2B Trade Store", "trade"), (255, "Marketplace", "takealot"), (191, "Web Store", "woocommerce")] {
            channels.push(SystemChannel { id, description: description.into(), channel_type: kind.into(), ..channels[0].clone() });
        }
        let products = seed::seed_products(&mut rng);
        let orders = seed::seed_orders(&mut rng);
        let next_id = 1 + products.iter().chain(&orders).filter_map(|r| r["id"].as_i64()).max().unwrap_or(0);
        Store { tokens: HashMap::new(), rate_limit: config.stock2shop_rate_limit, last_accepted: None, sources, channels, products, orders, next_id, rng }
    }

    fn next_id(&mut self) -> i64 {
        self.next_id += 1;
        self.next_id - 1
    }

    /// `Ok` for a live token; expired tokens are forgotten.
    fn check_token(&mut self, token: &str) -> Result<(), VendorError> {
        match self.tokens.get(token) {
            None => Err(unauthorized("invalid token")),
            Some(&expires) if Instant::now() >= expires => {
                self.tokens.remove(token);
                Err(unauthorized("token expired, authenticate again"))
            }
            Some(_) => Ok(()),
        }
    }
}

impl MockState {
    /// Turns Stock2Shop's rate limit (more than 1 request per second: 429) on or off;
    /// it starts as `MockConfig::stock2shop_rate_limit` says.
    pub fn set_stock2shop_rate_limit(&self, on: bool) {
        let mut store = self.stock2shop.lock().unwrap();
        store.rate_limit = on;
        store.last_accepted = None;
    }

    /// Issues a token as `POST /v1/users/authenticate` would (for tests).
    pub fn stock2shop_token(&self) -> String {
        auth::issue_token(self)
    }
}

/// The handlers, by endpoint. The rate limit runs before each (`super::throttle`).
pub(crate) const HANDLERS: &[(&Endpoint, Handler)] = &[
    (&stock2shop::AUTHENTICATE, auth::authenticate),
    (&stock2shop::VALID_TOKEN, auth::valid_token),
    (&stock2shop::LIST_SOURCES, list_sources),
    (&stock2shop::LIST_CHANNELS, list_channels),
    (&stock2shop::SEARCH_PRODUCTS, search::search_products),
    (&stock2shop::QUEUE_PRODUCTS, queues::queue_products),
    (&stock2shop::QUEUE_IMAGES, queues::queue_images),
    (&stock2shop::SEARCH_ORDERS, search::search_orders),
    (&stock2shop::QUEUE_ORDER, queues::queue_order),
];

/// `GET /v1/sources`: the account's sources.
fn list_sources(state: &MockState, call: &Call) -> Answer {
    check_format(call)?;
    ok(&SystemSources { system_sources: state.stock2shop.lock().unwrap().sources.clone() })
}

/// `GET /v1/channels`: the account's channels.
fn list_channels(state: &MockState, call: &Call) -> Answer {
    check_format(call)?;
    ok(&SystemChannels { system_channels: state.stock2shop.lock().unwrap().channels.clone() })
}

fn unauthorized(message: &str) -> VendorError {
    VendorError::new(StatusCode::UNAUTHORIZED, "UNAUTHORIZED", message)
}

fn bad_request(message: impl Into<String>) -> VendorError {
    VendorError::new(StatusCode::BAD_REQUEST, "BAD_REQUEST", message)
}

/// `format` is optional; the only documented value is `json`.
fn check_format(call: &Call) -> Result<(), VendorError> {
    match call.query("format") {
        None | Some("json") => Ok(()),
        Some(other) => Err(bad_request(format!("format: {other:?} is not supported (json)"))),
    }
}

/// A required integer query parameter (the dispatch does not check query parameters).
fn query_id(call: &Call, name: &str) -> Result<i64, VendorError> {
    let value = call.query_text(name).ok_or_else(|| bad_request(format!("{name}: is required")))?;
    value.parse().map_err(|_| bad_request(format!("{name}: expected an integer, got {value:?}")))
}

/// The time in the products' and orders' format: `"2021-01-05 08:25:04"`.
fn s2s_now() -> String {
    let iso = now();
    format!("{} {}", &iso[..10], &iso[11..19])
}

/// 32 hex digits of a hash of `bytes` (the shape of the seed's `hash`).
fn content_hash(bytes: &[u8]) -> String {
    (0u8..2)
        .map(|half| {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            (half, bytes).hash(&mut hasher);
            format!("{:016x}", hasher.finish())
        })
        .collect()
}

fn joined(problems: Vec<commerce_kit::request::FieldError>) -> Result<(), VendorError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(bad_request(problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")))
    }
}
