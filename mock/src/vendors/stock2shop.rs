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

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::http::{header, HeaderValue, StatusCode};
use commerce_kit::catalogue::Vendor;
use commerce_kit::request::FieldErrors;
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
const SEED_AUTHENTICATE: &str = include_str!("../../../tests/fixtures/stock2shop.authenticate/good.json");
/// The seed's answer of `GET /v1/users/valid_token/{token}`.
const SEED_VALID_TOKEN: &str = include_str!("../../../tests/fixtures/stock2shop.valid_token/good.json");
const SEED_SOURCES: &str = include_str!("../../../tests/fixtures/stock2shop.list_sources/good.json");
const SEED_CHANNELS: &str = include_str!("../../../tests/fixtures/stock2shop.list_channels/good.json");
const SEED_PRODUCTS: &str = include_str!("../../../tests/fixtures/stock2shop.search_products/good.json");
const SEED_ORDERS: &str = include_str!("../../../tests/fixtures/stock2shop.search_orders/good.json");

/// How many products and orders the account starts with (the seed's one of each
/// included): several pages of the default `size` of 10.
pub(crate) const PRODUCTS: usize = 60;
pub(crate) const ORDERS: usize = 40;

/// The generated part of the account is the same in every mock.
const DATASET_SEED: u64 = 0x5332_5348_4f50_0001;

/// The account's client (the seed's products and images belong to client 21).
const CLIENT_ID: i64 = 21;

/// A request arriving this much earlier than a full second after the last accepted one
/// still counts as "1 per second": a client that paces itself exactly (the proxy does)
/// sees a little network jitter, not a 429.
const RATE_LIMIT_GRACE: Duration = Duration::from_millis(100);

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
        let products = seed_products(&mut rng);
        let orders = seed_orders(&mut rng);
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
        issue_token(self)
    }
}

pub(crate) fn handler(id: &str) -> Option<Handler> {
    matches!(
        id,
        "stock2shop.authenticate"
            | "stock2shop.valid_token"
            | "stock2shop.list_sources"
            | "stock2shop.list_channels"
            | "stock2shop.search_products"
            | "stock2shop.queue_products"
            | "stock2shop.queue_images"
            | "stock2shop.search_orders"
            | "stock2shop.queue_order"
    )
    .then_some(serve)
}

/// `?token=<token>`: a token this mock issued that has not expired.
pub(crate) fn authorize(state: &MockState, call: &Call) -> Result<(), VendorError> {
    let token = call.query("token").filter(|t| !t.is_empty()).ok_or_else(|| unauthorized("token is required"))?;
    state.stock2shop.lock().unwrap().check_token(token)
}

fn unauthorized(message: &str) -> VendorError {
    VendorError::new(StatusCode::UNAUTHORIZED, "UNAUTHORIZED", message)
}

fn bad_request(message: impl Into<String>) -> VendorError {
    VendorError::new(StatusCode::BAD_REQUEST, "BAD_REQUEST", message)
}

/// Every operation: the rate limit first (for authorized requests: the limit is per
/// client), then the operation.
fn serve(state: &MockState, call: &Call) -> Answer {
    if let Some(response) = rate_limited(state) {
        return Ok(response);
    }
    match call.endpoint.id {
        "stock2shop.authenticate" => authenticate(state, call),
        "stock2shop.valid_token" => valid_token(state, call),
        "stock2shop.list_sources" => {
            check_format(call)?;
            ok(&SystemSources { system_sources: state.stock2shop.lock().unwrap().sources.clone() })
        }
        "stock2shop.list_channels" => {
            check_format(call)?;
            ok(&SystemChannels { system_channels: state.stock2shop.lock().unwrap().channels.clone() })
        }
        "stock2shop.search_products" => search(state, call, Index::Products),
        "stock2shop.search_orders" => search(state, call, Index::Orders),
        "stock2shop.queue_products" => queue_products(state, call),
        "stock2shop.queue_images" => queue_images(state, call),
        "stock2shop.queue_order" => queue_order(state, call),
        other => unreachable!("{other} is not routed here"),
    }
}

/// 429 with `Retry-After: 1` when the last accepted request was less than a second ago.
fn rate_limited(state: &MockState) -> Option<axum::response::Response> {
    let mut store = state.stock2shop.lock().unwrap();
    let now = Instant::now();
    if store.rate_limit && store.last_accepted.is_some_and(|last| now.duration_since(last) + RATE_LIMIT_GRACE < Duration::from_secs(1)) {
        let mut response =
            super::error_body(Vendor::Stock2shop, StatusCode::TOO_MANY_REQUESTS, "RATE_LIMITED", "Too Many Requests: not more than 1 request per second");
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return Some(response);
    }
    store.last_accepted = Some(now);
    None
}

/// `format` is optional; the only documented value is `json`.
fn check_format(call: &Call) -> Result<(), VendorError> {
    match call.query("format") {
        None | Some("json") => Ok(()),
        Some(other) => Err(bad_request(format!("format: {other:?} is not supported (json)"))),
    }
}

static TOKENS_ISSUED: AtomicU64 = AtomicU64::new(0);

/// 32 hex digits no one can guess: std's randomly keyed SipHash over a counter and the
/// time (the mock has no random-number crate, and needs none stronger).
fn random_token() -> String {
    let count = TOKENS_ISSUED.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    (0u8..2).map(|half| format!("{:016x}", RandomState::new().hash_one((count, nanos, half)))).collect()
}

fn issue_token(state: &MockState) -> String {
    let token = random_token();
    let expires = Instant::now() + state.config.stock2shop_token_ttl;
    let mut store = state.stock2shop.lock().unwrap();
    store.tokens.retain(|_, at| *at > Instant::now());
    store.tokens.insert(token.clone(), expires);
    token
}

/// `POST /v1/users/authenticate`: the configured username and password get the seed's
/// user with a fresh token; anything else is 401.
fn authenticate(state: &MockState, call: &Call) -> Answer {
    check_format(call)?;
    let body: AuthenticateBody = call.json_body().map_err(bad_request)?;
    let problems = body.check();
    if !problems.is_empty() {
        return Err(bad_request(problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")));
    }
    let auth = &body.system_user_auth;
    if auth.username != state.config.stock2shop_username || auth.password != state.config.stock2shop_password {
        return Err(unauthorized("invalid username or password"));
    }
    let mut user: Value = serde_json::from_str(SEED_AUTHENTICATE).expect("the seed's user decodes");
    user["system_user"]["username"] = auth.username.clone().into();
    user["system_user"]["token"] = issue_token(state).into();
    ok(&user)
}

/// `GET /v1/users/valid_token/{token}`: the seed's (short) user for a live token; 401 for
/// an unknown or expired one (the document shows only the valid case).
fn valid_token(state: &MockState, call: &Call) -> Answer {
    check_format(call)?;
    let token = call.path_params.iter().find(|(name, _)| name == "token").map(|(_, v)| v.clone()).unwrap_or_default();
    state.stock2shop.lock().unwrap().check_token(&token)?;
    let mut user: Value = serde_json::from_str(SEED_VALID_TOKEN).expect("the seed's user decodes");
    user["system_user"]["username"] = state.config.stock2shop_username.clone().into();
    user["system_user"]["token"] = token.into();
    ok(&user)
}

/// A required integer query parameter (the dispatch does not check query parameters).
fn query_id(call: &Call, name: &str) -> Result<i64, VendorError> {
    let value = call.query_text(name).ok_or_else(|| bad_request(format!("{name}: is required")))?;
    value.parse().map_err(|_| bad_request(format!("{name}: expected an integer, got {value:?}")))
}

/// The two searchable indexes.
#[derive(Clone, Copy)]
enum Index {
    Products,
    Orders,
}

/// `POST /v1/products/elastic_search`, `POST /v1/orders/elastic_search`: the query's
/// clauses applied to the live records, sorted, one page of `size` from `from`, in the
/// seed's envelope.
fn search(state: &MockState, call: &Call, index: Index) -> Answer {
    let search: EsSearch = call.json_body().map_err(bad_request)?;
    let problems = search.check();
    if !problems.is_empty() {
        return Err(bad_request(problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")));
    }
    let started = Instant::now();
    let store = state.stock2shop.lock().unwrap();
    let records = match index {
        Index::Products => &store.products,
        Index::Orders => &store.orders,
    };
    let mut found = Vec::new();
    for record in records {
        let matched = match &search.query {
            Some(query) => bool_matches(record, &query.bool, "query.bool").map_err(bad_request)?,
            None => true,
        };
        if matched {
            found.push(record);
        }
    }
    let sort = sort_keys(search.sort.as_ref());
    if !sort.is_empty() {
        found.sort_by(|a, b| {
            sort.iter()
                .map(|(field, descending)| {
                    let order = compare_for_sort(first_value(a, field), first_value(b, field));
                    if *descending {
                        order.reverse()
                    } else {
                        order
                    }
                })
                .find(|o| o.is_ne())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    }
    let total = found.len();
    let from = usize::try_from(search.from.unwrap_or(0)).unwrap_or(0);
    let size = usize::try_from(search.size.unwrap_or(10)).unwrap_or(10);
    let page: Vec<&Value> = found.into_iter().skip(from).take(size).collect();
    let scored = sort.is_empty() || sort.iter().any(|(field, _)| field == "_score");
    let (name, list) = match index {
        Index::Products => ("products", "system_products"),
        Index::Orders => ("orders", "system_orders"),
    };
    let hits: Vec<Value> = page
        .iter()
        .map(|record| {
            let mut hit = json!({
                "_index": format!("{name}--------2020-09-02-08-31-08"),
                "_type": "_doc",
                "_id": record["id"].to_string(),
                "_score": if scored { json!(1.0) } else { Value::Null },
                "_source": {},
            });
            if !sort.is_empty() {
                hit["sort"] = sort.iter().map(|(field, _)| sort_value(first_value(record, field))).collect();
            }
            hit
        })
        .collect();
    let mut echoed = serde_json::to_value(&search).expect("a search serialises");
    if echoed.get("aggs").is_none() {
        echoed["aggs"] = json!({});
    }
    let took = i64::try_from(started.elapsed().as_millis()).unwrap_or(0);
    let answer = json!({
        "took": took,
        "timed_out": false,
        "_shards": {"total": 5, "successful": 5, "skipped": 0, "failed": 0},
        "hits": {"total": total, "max_score": if scored && total > 0 { json!(1.0) } else { Value::Null }, "hits": hits},
        "request": {"url": format!("https://elasticsearch.mock.stock2shop.invalid/{name}/_search"), "method": "POST", "body": echoed},
        list: page,
        "took_s2s": took + 1,
    });
    ok(&answer)
}

/// Whether `record` matches a bool query: every `must` and `filter` clause, no
/// `must_not` clause, and at least `minimum_should_match` of the `should` clauses (1 when
/// there is nothing else, 0 otherwise, as in Elasticsearch).
fn bool_matches(record: &Value, query: &EsBoolQuery, at: &str) -> Result<bool, String> {
    for (list, clauses) in [("must", &query.must), ("filter", &query.filter)] {
        for (i, clause) in clauses.iter().enumerate() {
            if !clause_matches(record, clause, &format!("{at}.{list}[{i}]"))? {
                return Ok(false);
            }
        }
    }
    for (i, clause) in query.must_not.iter().enumerate() {
        if clause_matches(record, clause, &format!("{at}.must_not[{i}]"))? {
            return Ok(false);
        }
    }
    if query.should.is_empty() {
        return Ok(true);
    }
    let default = usize::from(query.must.is_empty() && query.filter.is_empty());
    let needed = match &query.minimum_should_match {
        None => default,
        Some(Value::Number(n)) => usize::try_from(n.as_i64().unwrap_or(0)).unwrap_or(0),
        Some(Value::String(s)) => match s.trim().strip_suffix('%').and_then(|p| p.parse::<usize>().ok()) {
            Some(percent) => query.should.len() * percent / 100,
            None => s.trim().parse().unwrap_or(default),
        },
        Some(_) => default,
    };
    let mut matched = 0;
    for (i, clause) in query.should.iter().enumerate() {
        if clause_matches(record, clause, &format!("{at}.should[{i}]"))? {
            matched += 1;
        }
    }
    Ok(matched >= needed)
}

/// One clause against a record. The clause has passed `EsSearch::check`, so the checked
/// kinds have their documented shapes; kinds the mock does not model are a 400.
fn clause_matches(record: &Value, clause: &EsClause, at: &str) -> Result<bool, String> {
    let (kind, body) = clause.kind().ok_or_else(|| format!("{at}: not a clause"))?;
    Ok(match kind {
        "term" | "terms" | "match" | "range" => {
            let (_, field, wanted) = clause.field().ok_or_else(|| format!("{at}.{kind}: not a one-field clause"))?;
            let values = values_at(record, field);
            match kind {
                "term" => {
                    let wanted = wanted.get("value").unwrap_or(wanted);
                    values.iter().any(|v| same_scalar(v, wanted))
                }
                "terms" => wanted.as_array().is_some_and(|options| values.iter().any(|v| options.iter().any(|o| same_scalar(v, o)))),
                "match" => {
                    let (text, all) = match wanted.get("query") {
                        Some(query) => (query, wanted.get("operator").and_then(Value::as_str) == Some("and")),
                        None => (wanted, false),
                    };
                    text_matches(&values, &scalar_text(text).unwrap_or_default(), all)
                }
                _ => values.iter().any(|v| in_range(v, wanted)),
            }
        }
        "multi_match" => {
            let fields: Vec<&str> = body.get("fields").and_then(Value::as_array).map(|f| f.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
            let values: Vec<&Value> = if fields.is_empty() { leaf_values(record) } else { fields.iter().flat_map(|f| values_at(record, f)).collect() };
            let all = body.get("operator").and_then(Value::as_str) == Some("and");
            text_matches(&values, &body.get("query").and_then(scalar_text).unwrap_or_default(), all)
        }
        "exists" => {
            let field = body.get("field").and_then(Value::as_str).ok_or_else(|| format!("{at}.exists.field: is required"))?;
            values_at(record, field).iter().any(|v| !v.is_null())
        }
        "bool" => {
            let nested: EsBoolQuery = serde_json::from_value(body.clone()).map_err(|e| format!("{at}.bool: {e}"))?;
            bool_matches(record, &nested, &format!("{at}.bool"))?
        }
        other => return Err(format!("{at}: the mock does not model {other:?} clauses (term, terms, match, multi_match, range, exists, bool)")),
    })
}

/// The values at a dotted path (`variants.sku`), through arrays. A sub-field of a
/// multi-field (`id.autocomplete`) falls back to its field (`id`).
fn values_at<'a>(record: &'a Value, path: &str) -> Vec<&'a Value> {
    fn walk<'a>(value: &'a Value, segments: &[&str], out: &mut Vec<&'a Value>) {
        match (value, segments.split_first()) {
            (Value::Array(items), _) => items.iter().for_each(|item| walk(item, segments, out)),
            (_, None) => out.push(value),
            (Value::Object(map), Some((first, rest))) => {
                if let Some(next) = map.get(*first) {
                    walk(next, rest, out);
                }
            }
            _ => {}
        }
    }
    let segments: Vec<&str> = path.split('.').collect();
    let mut out = Vec::new();
    walk(record, &segments, &mut out);
    if out.is_empty() && segments.len() > 1 {
        walk(record, &segments[..segments.len() - 1], &mut out);
    }
    out
}

/// Every scalar of a record (a `multi_match` without `fields`).
fn leaf_values(record: &Value) -> Vec<&Value> {
    match record {
        Value::Object(map) => map.values().flat_map(leaf_values).collect(),
        Value::Array(items) => items.iter().flat_map(leaf_values).collect(),
        scalar => vec![scalar],
    }
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Equal as Elasticsearch would see a keyword or number: `"47"` is `47`, `"true"` is `true`.
fn same_scalar(a: &Value, b: &Value) -> bool {
    match (scalar_text(a), scalar_text(b)) {
        (Some(x), Some(y)) => match (x.parse::<f64>(), y.parse::<f64>()) {
            (Ok(m), Ok(n)) => m == n,
            _ => x == y,
        },
        _ => false,
    }
}

/// Full-text match, good enough for a dashboard's search box: each word of `text` is
/// looked for, case-insensitively, inside the field values; any word (or, with
/// `operator: "and"`, every word) must be found.
fn text_matches(values: &[&Value], text: &str, all: bool) -> bool {
    let haystacks: Vec<String> = values.iter().filter_map(|v| scalar_text(v)).map(|s| s.to_lowercase()).collect();
    let mut words = text.split_whitespace().map(str::to_lowercase).peekable();
    if words.peek().is_none() {
        return false;
    }
    let mut found = words.map(|w| haystacks.iter().any(|h| h.contains(&w)));
    if all {
        found.all(|f| f)
    } else {
        found.any(|f| f)
    }
}

/// Numbers compare as numbers, everything else as text (the seed's dates,
/// `"2021-01-05 08:25:04"`, sort as text).
fn compare_scalars(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    let (x, y) = (scalar_text(a)?, scalar_text(b)?);
    match (x.parse::<f64>(), y.parse::<f64>()) {
        (Ok(m), Ok(n)) => m.partial_cmp(&n),
        _ => Some(x.cmp(&y)),
    }
}

fn in_range(value: &Value, bounds: &Value) -> bool {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let check =
        |key: &str, allowed: &[std::cmp::Ordering]| bounds.get(key).is_none_or(|bound| compare_scalars(value, bound).is_some_and(|o| allowed.contains(&o)));
    check("gt", &[Greater]) && check("gte", &[Greater, Equal]) && check("lt", &[Less]) && check("lte", &[Less, Equal])
}

/// `sort` as (field, descending) pairs: `{"modified": {"order": "desc"}}`,
/// `{"modified": "desc"}`, `["title", {"id": "asc"}]`.
fn sort_keys(sort: Option<&Value>) -> Vec<(String, bool)> {
    let key = |field: &str, spec: &Value| {
        let order = spec.as_str().or_else(|| spec.get("order").and_then(Value::as_str));
        (field.to_string(), order.map_or(field == "_score", |o| o == "desc"))
    };
    let object_keys = |map: &serde_json::Map<String, Value>| map.iter().map(|(f, spec)| key(f, spec)).collect::<Vec<_>>();
    match sort {
        Some(Value::Object(map)) => object_keys(map),
        Some(Value::Array(items)) => items
            .iter()
            .flat_map(|item| match item {
                Value::String(field) => vec![key(field, &Value::Null)],
                Value::Object(map) => object_keys(map),
                _ => vec![],
            })
            .collect(),
        Some(Value::String(field)) => vec![key(field, &Value::Null)],
        _ => vec![],
    }
}

fn first_value<'a>(record: &'a Value, field: &str) -> Option<&'a Value> {
    if field == "_score" {
        return None;
    }
    values_at(record, field).into_iter().find(|v| !v.is_null())
}

/// Missing values sort last, whatever the order... as long as the order is ascending;
/// good enough.
fn compare_for_sort(a: Option<&Value>, b: Option<&Value>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(x), Some(y)) => compare_scalars(x, y).unwrap_or(std::cmp::Ordering::Equal),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

/// A hit's sort value as Elasticsearch reports it: a date as epoch milliseconds (the
/// seed's `1609835104000`), anything else as it is.
fn sort_value(value: Option<&Value>) -> Value {
    match value {
        Some(Value::String(s)) => epoch_millis(s).map_or_else(|| Value::String(s.clone()), Value::from),
        Some(other) => other.clone(),
        None => Value::Null,
    }
}

/// `"2021-01-05 08:25:04"` (UTC) as milliseconds since 1970.
fn epoch_millis(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() != 19 || b[4] != b'-' || b[7] != b'-' || b[10] != b' ' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |from: usize, len: usize| text.get(from..from + len)?.parse::<i64>().ok();
    let (y, m, d) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (h, min, s) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 86_400) + h * 3600 + min * 60 + s) * 1000)
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

/// `POST /v1/products/queue?source_id=<id>`: checked as the client checks it, the source
/// must be one of the account's; each product is then created, or updated when one with
/// the same source and `source_product_code` exists (its variant likewise by
/// `source_variant_code`). The queue is processed at once.
fn queue_products(state: &MockState, call: &Call) -> Answer {
    let source_id = query_id(call, "source_id")?;
    let body: QueueProductsBody = call.json_body().map_err(bad_request)?;
    joined(body.check(Some(source_id)))?;
    let mut store = state.stock2shop.lock().unwrap();
    if !store.sources.iter().any(|s| s.id == source_id) {
        return Err(bad_request(format!("source_id: {source_id} is not a source of this account")));
    }
    let count = body.system_products.len();
    for queued in body.system_products {
        upsert_product(&mut store, queued);
    }
    ok(&json!({ "system_products": { "sync_product": count } }))
}

fn upsert_product(store: &mut Store, queued: QueuedProduct) {
    let now = s2s_now();
    let variant = queued.product.variants.clone();
    let (source, product) = (queued.source, queued.product);
    let existing = store
        .products
        .iter()
        .position(|p| p["source_id"].as_i64() == Some(source.source_id) && p["source_product_code"].as_str() == Some(source.source_product_code.as_str()));
    let id = match existing {
        Some(i) => store.products[i]["id"].as_i64().unwrap_or_default(),
        None => store.next_id(),
    };
    let mut record = match existing {
        Some(i) => store.products[i].clone(),
        None => json!({
            "id": id, "created": now, "channels": [], "images": [], "variants": [], "meta": [], "options": [],
            "source_product_code": source.source_product_code, "source_id": source.source_id, "client_id": CLIENT_ID,
        }),
    };
    let text = |value: Option<String>| Value::String(value.unwrap_or_default());
    record["active"] = source.product_active.into();
    record["modified"] = now.clone().into();
    record["title"] = product.title.clone().into();
    for (key, value) in [
        ("body_html", product.body_html),
        ("collection", product.collection),
        ("product_type", product.product_type),
        ("vendor", product.vendor),
        ("tags", product.tags),
    ] {
        if value.is_some() || record.get(key).is_none() {
            record[key] = text(value);
        }
    }
    if let Some(options) = product.options {
        record["options"] = options.iter().map(|o| json!({"name": o.name, "position": o.position})).collect();
    }
    if let Some(meta) = product.meta {
        record["meta"] = meta
            .iter()
            .map(|m| json!({"id": id, "created": now, "key": m.key, "value": m.value, "modified": now, "template_name": null, "client_id": CLIENT_ID}))
            .collect();
    }
    record["hash"] = content_hash(record.to_string().as_bytes()).into();
    let variants = record["variants"].as_array().cloned().unwrap_or_default();
    let found = variants.iter().position(|v| v["source_variant_code"].as_str() == Some(variant.source_variant_code.as_str()));
    let variant_id = match found {
        Some(i) => variants[i]["id"].as_i64().unwrap_or_default(),
        None => store.next_id(),
    };
    let mut row = json!({
        "id": variant_id,
        "source_variant_code": variant.source_variant_code,
        "price": variant.price.unwrap_or(0.0),
        "barcode": variant.barcode.unwrap_or_default(),
        "sku": variant.sku,
        "qty": variant.qty.unwrap_or(0),
        "grams": variant.grams.unwrap_or(0),
        "inventory_management": variant.inventory_management.unwrap_or(false),
        "active": true,
        "product_id": id,
        "image_id": null,
        "client_id": CLIENT_ID,
        "price_tiers": variant.price_tiers.unwrap_or_default().iter().map(|t| json!({"tier": t.tier, "price": t.price})).collect::<Vec<_>>(),
        "qty_availability": variant.qty_availability.unwrap_or_default().iter().map(|q| json!({"description": q.description, "qty": q.qty})).collect::<Vec<_>>(),
    });
    for (key, value) in [("option1", variant.option1), ("option2", variant.option2), ("option3", variant.option3)] {
        if let Some(value) = value {
            row[key] = value.into();
        }
    }
    let mut variants = variants;
    match found {
        Some(i) => {
            row["image_id"] = variants[i]["image_id"].clone();
            variants[i] = row;
        }
        None => variants.push(row),
    }
    record["variants"] = variants.into();
    match existing {
        Some(i) => store.products[i] = record,
        None => store.products.push(record),
    }
}

/// `POST /v1/images/queue`: checked as the client checks it (base64 JPEG or PNG, at most
/// 2 MB); each image is added to its product (and variant) when the account has it, as the
/// FIFO queue would after the product; an image without its product is dropped, but
/// counted as queued, as the document describes.
fn queue_images(state: &MockState, call: &Call) -> Answer {
    let body: QueueImagesBody = call.json_body().map_err(bad_request)?;
    joined(body.check())?;
    let mut store = state.stock2shop.lock().unwrap();
    let count = body.system_images.len();
    let now = s2s_now();
    for queued in body.system_images {
        let Some(index) = store.products.iter().position(|p| {
            p["source_id"].as_i64() == Some(queued.source.source_id) && p["source_product_code"].as_str() == Some(queued.source.source_product_code.as_str())
        }) else {
            continue;
        };
        let image_id = store.next_id();
        let bytes = commerce_kit::vendors::stock2shop::decode_base64(&queued.image.image).unwrap_or_default();
        let extension = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) { "jpg" } else { "png" };
        let hash = content_hash(&bytes);
        let storage_code = format!("{hash}.{extension}");
        let product = &mut store.products[index];
        let image = json!({
            "src_50x50": format!("https://s2s-image.s3.amazonaws.com/thumb/50x50/{storage_code}"),
            "src_160x160": format!("https://s2s-image.s3.amazonaws.com/thumb/160x160/{storage_code}"),
            "id": image_id,
            "created": now,
            "source_image_code": queued.image.image_id,
            "storage_code": storage_code,
            "src": format!("https://s2s-image.s3.amazonaws.com/{storage_code}"),
            "modified": now,
            "client_id": CLIENT_ID,
            "product_id": product["id"],
            "active": true,
            "hash": hash,
        });
        if let Some(images) = product["images"].as_array_mut() {
            images.push(image);
        }
        if let (Some(code), Some(variants)) = (&queued.source.source_variant_code, product["variants"].as_array_mut()) {
            for variant in variants.iter_mut().filter(|v| v["source_variant_code"].as_str() == Some(code.as_str())) {
                variant["image_id"] = image_id.into();
            }
        }
    }
    ok(&json!({ "system_images": { "sync_image": count } }))
}

/// `POST /v2-queue/order?client_id=&channel_id=`: the channel must be one of the
/// account's and belong to `client_id`; the payload any non-empty JSON object. Answers
/// as the seed, with a fresh queue key and message id.
fn queue_order(state: &MockState, call: &Call) -> Answer {
    let client_id = query_id(call, "client_id")?;
    let channel_id = query_id(call, "channel_id")?;
    let order: Value = serde_json::from_slice(&call.body).map_err(|e| bad_request(format!("body: not JSON: {e}")))?;
    let mut errors = FieldErrors::new();
    check_order_payload(&mut errors, &order);
    joined(commerce_kit::vendors::checks::into_vec(errors))?;
    let mut store = state.stock2shop.lock().unwrap();
    match store.channels.iter().find(|c| c.id == channel_id) {
        None => return Err(bad_request(format!("channel_id: {channel_id} is not a channel of this account"))),
        Some(channel) if channel.client_id != client_id => {
            return Err(bad_request(format!("client_id: {client_id} is not the client of channel {channel_id} ({})", channel.client_id)))
        }
        Some(_) => {}
    }
    let iso = now();
    let (date, time) = (&iso[..10], &iso[11..19]);
    let key = format!(
        "{client_id}-{channel_id}-0/{}-{}/{}/{}/{}/{}-{}-sync_order.json",
        &date[..4],
        &date[5..7],
        &date[8..10],
        &time[..2],
        &time[3..5],
        &time[6..8],
        store.rng.below(1_000_000_000)
    );
    let message_id = store.rng.uuid();
    ok(&json!({ "message": "order received", "queue_messages": [{ "key": key, "message_id": message_id }] }))
}

/// The seed's product, then generated ones: varied sources, types, titles, SKUs, stock
/// and modification times, some inactive, some on channels.
fn seed_products(rng: &mut Rng) -> Vec<Value> {
    let seed: Value = serde_json::from_str(SEED_PRODUCTS).expect("the seed's products decode");
    let mut products: Vec<Value> = seed["system_products"].as_array().cloned().unwrap_or_default();
    const NOUNS: [&str; 10] = ["Keyboard", "Mouse", "Monitor", "Cable", "Headset", "Webcam", "Dock", "Charger", "Speaker", "Router"];
    const ADJECTIVES: [&str; 6] = ["Wireless", "Compact", "Pro", "Ergonomic", "Classic", "Travel"];
    const TYPES: [(&str, &str); 4] = [("Peripherals", "Input"), ("Displays", "Screens"), ("Accessories", "Cables"), ("Audio", "Sound")];
    let mut next_id = 62_778;
    for n in 1..PRODUCTS {
        let id = next_id;
        next_id += 10;
        let noun = NOUNS[n % NOUNS.len()];
        let title = format!("{} {noun} {}", ADJECTIVES[rng.below(ADJECTIVES.len() as u64) as usize], 100 + n);
        let (collection, product_type) = TYPES[rng.below(TYPES.len() as u64) as usize];
        let source_id = if n % 3 == 0 { 123 } else { 57 };
        let code = format!("{}-{:03}", noun.to_uppercase(), n);
        // Modified times climb through 2021, a few hours apart.
        let minutes = n as i64 * 397 + rng.below(300) as i64;
        let modified =
            format!("2021-{:02}-{:02} {:02}:{:02}:{:02}", 1 + minutes / 40_000 % 12, 1 + minutes / 1440 % 28, minutes / 60 % 24, minutes % 60, n % 60);
        let variants: Vec<Value> = (0..1 + rng.below(3) as i64)
            .map(|k| {
                let price = (5 + rng.below(500)) as f64 + [0.0, 0.5, 0.99][rng.below(3) as usize];
                let option1 = ["Small", "Medium", "Large"][k as usize];
                json!({
                    "id": id * 10 + k, "source_variant_code": format!("{code}-{k}"), "price": price, "barcode": format!("600{:09}", id * 10 + k),
                    "sku": format!("{code}-{}", ["S", "M", "L"][k as usize]), "qty": rng.below(120), "grams": 100 * (1 + rng.below(20)),
                    // Loose on the wire, as the vendor is: some rows spell it as a string.
                    "inventory_management": if k == 1 { json!("true") } else { json!(true) },
                    "active": true, "product_id": id, "image_id": null, "client_id": CLIENT_ID, "option1": option1,
                    "price_tiers": [{"tier": "Wholesale", "price": (price * 0.8 * 100.0).round() / 100.0}],
                    "qty_availability": [{"description": "Warehouse X", "qty": rng.below(60)}]
                })
            })
            .collect();
        let channels: Vec<Value> = if n % 2 == 0 { vec![json!({"channel_id": "47", "channel_product_code": format!("{}", 5000 + n)})] } else { vec![] };
        products.push(json!({
            "id": id, "created": "2019-05-14 09:12:00", "active": n % 7 != 0, "source_product_code": code, "modified": modified,
            "client_id": CLIENT_ID, "source_id": source_id, "body_html": format!("<p>{title}</p>"), "collection": collection,
            "title": title, "product_type": product_type, "vendor": "Acme", "hash": content_hash(code.as_bytes()),
            "channels": channels, "tags": noun.to_lowercase(), "options": [{"name": "Size", "position": 1}], "meta": [],
            "images": [], "variants": variants
        }));
    }
    products
}

/// The seed's order, then generated ones on the account's channels.
fn seed_orders(rng: &mut Rng) -> Vec<Value> {
    let seed: Value = serde_json::from_str(SEED_ORDERS).expect("the seed's orders decode");
    let template = seed["system_orders"][0].clone();
    let mut orders = vec![template.clone()];
    const NAMES: [(&str, &str); 6] =
        [("Nina", "Simone"), ("David", "Gilmour"), ("Miriam", "Makeba"), ("Hugh", "Masekela"), ("Brenda", "Fassie"), ("Johnny", "Clegg")];
    // The seed shows only "ordered"; the others are the mock's guess, for filters to bite.
    const STATUSES: [&str; 4] = ["ordered", "ordered", "processing", "cancelled"];
    let money = |x: f64| (x * 100.0).round() / 100.0;
    for n in 1..ORDERS {
        let mut order = template.clone();
        let (first, last) = NAMES[n % NAMES.len()];
        let (qty, price) = (1 + rng.below(4) as i64, money((20 + rng.below(900)) as f64 + 0.23));
        let sub_total = money(price * qty as f64);
        let tax = money(sub_total * 0.15);
        let total = money(sub_total + tax);
        let display = |x: f64| format!("{x:.2}");
        order["id"] = (933_302 + n as i64).into();
        order["channel_order_code"] = format!("{:07}", 27_795 + n).into();
        order["channel_id"] = [191, 123, 47][n % 3].into();
        order["status"] = STATUSES[rng.below(STATUSES.len() as u64) as usize].into();
        order["created"] = format!("2020-{:02}-{:02} 1{}:03:48", 6 + n / 28, 1 + n % 28, n % 10).into();
        order["modified"] = format!("2020-{:02}-{:02} 1{}:04:08", 6 + n / 28, 1 + n % 28, n % 10).into();
        order["customer_id"] = (495_995 + n as i64).into();
        // What a dashboard shows of an order beyond the seed's fields (Stock2Shop's own
        // published orders carry them): when it was ordered, its processing state, the
        // shipping charged, and for the ones being processed, a shipment.
        order["ordered_date"] = format!("2020-{:02}-{:02} 0{}:59:00", 6 + n / 28, 1 + n % 28, n % 10).into();
        order["state"] = if order["status"] == "cancelled" { "cancelled" } else { "saved" }.into();
        order["shipping_lines"] = json!([{"title": if n % 2 == 0 { "Next Day" } else { "Standard" }, "price": if n % 2 == 0 { 100 } else { 60 }}]);
        order["fulfillments"] = if order["status"] == "processing" {
            json!([{"status": "shipped", "tracking_number": format!("TRK-{n}"), "tracking_company": "Courier Co", "tracking_url": format!("https://courier.example/track/TRK-{n}"), "state": "sent"}])
        } else {
            json!([])
        };
        order["notes"] = if n % 4 == 0 { Value::Null } else { "Send Soon".into() };
        order["customer"] = json!({"channel_customer_code": format!("{:010x}", rng.next_u64() >> 24), "email": format!("{}@example.com", first.to_lowercase()), "first_name": first, "last_name": last});
        order["sources"] = json!([{"source_id": "318", "source_order_code": format!("{}", 3_360_213 + n)}]);
        let line = &mut order["line_items"][0];
        line["id"] = (3_715_344 + n as i64).into();
        line["sku"] = format!("KEYBOARD-{:03}-S", 1 + n % 9).into();
        line["title"] = format!("Keyboard {:03}, small", 1 + n % 9).into();
        line["qty"] = qty.into();
        line["price"] = price.into();
        line["sub_total"] = sub_total.into();
        line["tax"] = tax.into();
        line["tax_per_unit"] = money(price * 0.15).into();
        line["total"] = total.into();
        line["tax_lines"] = json!([{"rate": "15"}]);
        for (key, value) in [
            ("sub_total_display", sub_total),
            ("tax_display", tax),
            ("tax_per_unit_display", money(price * 0.15)),
            ("total_display", total),
            ("price_display", price),
        ] {
            line[key] = display(value).into();
        }
        for key in ["shipping_address", "billing_address"] {
            order[key]["first_name"] = first.into();
            order[key]["last_name"] = last.into();
        }
        for (key, value) in [("sub_total", sub_total), ("tax", tax), ("total", total), ("line_item_sub_total", sub_total), ("line_item_tax", tax)] {
            order[key] = value.into();
        }
        for (key, value) in [("sub_total_display", sub_total), ("tax_display", tax), ("total_display", total)] {
            order[key] = display(value).into();
        }
        orders.push(order);
    }
    orders
}
