//! commerce-proxy: the server that holds the vendors' keys.
//!
//! The browser calls `/api/<vendor>/<vendor path>`; the proxy lets through only
//! catalogue operations (see [`allowlist`]), drops whatever credentials the client
//! sent, injects the vendor's own, and streams the answer back. With no credentials
//! configured for a vendor it forwards to the embedded mock instead.

// A panic in one request must answer 500 and leave the process serving (see
// [`answer_panics`]); aborting would take every vendor and user down with it.
#[cfg(panic = "abort")]
compile_error!("commerce-proxy must not be built with panic = \"abort\": remove it from the profile");

pub mod allowlist;
pub mod audit;
pub mod client_ip;
pub mod config;
pub mod fleet_state;
pub mod guard;
pub mod metrics;
pub mod pacing;
pub mod request_limits;
pub mod scrub;
pub mod secret;
pub mod server;
pub mod session;
pub mod statics;
pub mod tokens;
mod upstream;
pub mod upstream_http;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method as HttpMethod, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use commerce_kit::Vendor;
use tokio::sync::Semaphore;
use tower_http::cors::{AllowOrigin, CorsLayer};

pub use config::Config;
pub use server::{serve, ConnectionLimits};
use tokens::TokenError;
pub use upstream::{SendError, Upstream, Upstreams};

use allowlist::Refusal;
use session::Sessions;

/// Request bodies above this are refused before reaching a vendor, unless the operation
/// documents larger ones (`Endpoint::max_request_body`).
pub const MAX_REQUEST_BODY: usize = 1024 * 1024;
/// The proxy's limit for a whole request as its client sees it, queueing and retries
/// included (`request_timeout_secs`): 504 `proxy_timeout` when it runs out. Longer than
/// the upstream timeout (30 s), shorter than the package's client timeout should be.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(90);
/// The vendor's answer, headers and body (`upstream_timeout_secs`): 504 `upstream_timeout`.
pub const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(30);
/// Attempts at an idempotent read, the first included.
pub const MAX_ATTEMPTS: u32 = 3;
/// The longest `Retry-After` the proxy honours itself; longer ones go to the client.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
/// Vendor error bodies are buffered (to scrub echoed credentials) up to this size.
const MAX_ERROR_BODY: usize = 256 * 1024;

static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
static ATTEMPTS: HeaderName = HeaderName::from_static("x-upstream-attempts");

pub struct AppState {
    pub upstreams: Upstreams,
    /// For the token exchanges and `/readyz`.
    pub http: reqwest::Client,
    /// For forwarded requests ([`upstream_http`]).
    pub client: upstream_http::Client,
    pub config: Config,
    pub sessions: Sessions,
    pub metrics: metrics::Metrics,
    /// Caps concurrent upstream requests per vendor; the rest queue here.
    limits: HashMap<Vendor, Semaphore>,
    /// Secret scrubbers for relayed answers, per set of secrets.
    scrubbers: scrub::Cache,
    /// With `redis_url`: the fleet's shared state (for `/readyz`; the pieces hold it too).
    shared: Option<Arc<fleet_state::Shared>>,
}

impl AppState {
    pub fn new(config: Config, upstreams: Upstreams) -> Arc<AppState> {
        let timeout = config.upstream_timeout();
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(timeout)
            // Redirects could carry injected credentials to another host.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("static client configuration is valid");
        let client = upstream_http::Client::new(Duration::from_secs(5), timeout);
        // `Config::load` checked both settings; a config built in code that is wrong
        // fails here, at start.
        let shared = config.redis_url.as_ref().map(|url| {
            let key = config.redis_token_key.as_ref().expect("redis_url needs redis_token_key (Config::check_redis)");
            fleet_state::Shared::open(url, key).unwrap_or_else(|e| panic!("{e}"))
        });
        let (sessions, upstreams) = match &shared {
            Some(shared) => (Sessions::with_shared(config.users.clone(), config.session_policy(), shared.clone()), upstreams.fleet(shared)),
            None => (Sessions::new(config.users.clone(), config.session_policy()), upstreams),
        };
        let per_vendor = config.max_concurrent_upstream.unwrap_or(32).max(1);
        let limits = Vendor::ALL.into_iter().map(|v| (v, Semaphore::new(per_vendor))).collect();
        Arc::new(AppState {
            upstreams,
            http,
            client,
            config,
            sessions,
            metrics: metrics::Metrics::default(),
            limits,
            scrubbers: scrub::Cache::default(),
            shared,
        })
    }
}

/// The embedded mock's configuration: the mock's data (a generated inventory of
/// `inventory_bytes` when given), with credentials drawn afresh at every start, so
/// nothing but this process can call it as a vendor.
pub fn embedded_mock_config(inventory_bytes: Option<u64>) -> commerce_mock::MockConfig {
    fn random(prefix: &str) -> String {
        let mut bytes = [0u8; 16];
        getrandom::getrandom(&mut bytes).expect("the OS has randomness");
        bytes.iter().fold(prefix.to_string(), |mut s, b| {
            s.push_str(&format!("{b:02x}"));
            s
        })
    }
    commerce_mock::MockConfig {
        s2_token: random("mock-s2-"),
        s2_partner_access_key: random("mock-partner-"),
        stock2shop_password: random("mock-s2s-"),
        sellers_password: random("mock-sc-"),
        dataset: match inventory_bytes {
            // 8 warehouses, as in the measurements of the dashboard issue (10 MB: ~4,000 products).
            Some(bytes) => {
                let bytes = usize::try_from(bytes).unwrap_or(usize::MAX);
                commerce_mock::Dataset::Generated { products: commerce_mock::generate::products_for_size(bytes, 8, 1), warehouses: 8, seed: 1 }
            }
            None => commerce_mock::Dataset::SeedExample,
        },
        ..commerce_mock::MockConfig::default()
    }
}

/// The proxy as a router: tests call it without a socket.
///
/// The forwarding route (`/api/<vendor>/...`, nearly every request) is served by
/// [`App`], which runs the steps axum's layers ran (request id, security headers, the
/// whole-request limit, panics answered, CORS if configured, `HEAD` without a body, the
/// session check) in the same order, as plain calls: each `from_fn` layer cloned the boxed
/// service stack beneath it and boxed a future on every request (bench/README.md
/// "Proxy", session 6). Every other route is the router's. The outer `Router` holds only
/// that fallback: it sets `Content-Length` from an exact body size and empties `HEAD`
/// bodies for every answer, and lets tests and `axum::serve` take the proxy as a router.
pub fn app(state: Arc<AppState>) -> Router {
    let cors = cors(&state.config);
    let routes = routes(state.clone(), cors.clone());
    Router::new().fallback_service(App(Arc::new(AppParts { state, routes, cors })))
}

/// With `allowed_origins`: CORS for those origins on the browser-facing routes.
fn cors(config: &Config) -> Option<CorsLayer> {
    if config.allowed_origins.is_empty() {
        return None;
    }
    let origins: Vec<HeaderValue> = config.allowed_origins.iter().filter_map(|o| o.parse().ok()).collect();
    Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins))
            .allow_methods([HttpMethod::GET, HttpMethod::POST, HttpMethod::PUT, HttpMethod::DELETE])
            .allow_headers([header::CONTENT_TYPE, HeaderName::from_static(guard::CLIENT_HEADER)])
            // The client tells a vendor answer the proxy relayed from a page that is
            // not the proxy by `x-upstream-attempts`: a cross-origin page must see it.
            .expose_headers([ATTEMPTS.clone(), REQUEST_ID.clone()])
            .allow_credentials(true),
    )
}

/// Every route but the forwarding one ([`App`] serves that).
fn routes(state: Arc<AppState>, cors: Option<CorsLayer>) -> Router {
    let static_dir = state.config.static_dir.clone().unwrap_or_else(|| "www/dist".into());
    let dashboard = statics::dashboard(&static_dir);
    // Never the dashboard's index.html: `/api` and `/api/` are no operation, answered
    // after the session check as the forwarding route answers an unknown path.
    let no_operation = |State(state): State<Arc<AppState>>, request: Request| async move { api_request(&state, request, ApiTarget::NoOperation).await };
    let api = Router::new().route("/api", any(no_operation)).route("/api/", any(no_operation));
    let auth = Router::new().route("/auth/login", post(guard::login)).route("/auth/logout", post(guard::logout)).route("/auth/me", get(guard::me));
    let mut browser_facing = api.merge(auth);
    if let Some(cors) = cors {
        browser_facing = browser_facing.layer(cors);
    }
    Router::new()
        .merge(browser_facing)
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(|State(st): State<Arc<AppState>>| async move { ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], st.metrics.render()) }))
        .fallback_service(dashboard)
        .with_state(state)
}

/// The forwarding route: `/api/` and at least one more byte (what the router's
/// `/api/{*rest}` matched).
fn is_forwarded(path: &str) -> bool {
    path.len() > "/api/".len() && path.starts_with("/api/")
}

/// The whole proxy as one service (see [`app`]). Cloned per request by the router that
/// holds it: one reference count.
#[derive(Clone)]
pub struct App(Arc<AppParts>);

struct AppParts {
    state: Arc<AppState>,
    routes: Router,
    cors: Option<CorsLayer>,
}

impl tower::Service<Request> for App {
    type Response = Response;
    type Error = std::convert::Infallible;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, _: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), Self::Error>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let app = self.0.clone();
        Box::pin(async move { Ok(app.respond(request).await) })
    }
}

impl AppParts {
    /// Outermost first: a request id on every answer, the security headers, the proxy's
    /// limit for a whole request, a panic answered 500; then the route.
    async fn respond(&self, request: Request) -> Response {
        let limit = self.state.config.request_timeout();
        let mut response = match tokio::time::timeout(limit, answer_panics(self.route(request))).await {
            Ok(response) => response,
            Err(_) => proxy_error(
                StatusCode::GATEWAY_TIMEOUT,
                "proxy_timeout",
                &format!(
                    "the proxy's limit for a whole request ({} s, request_timeout_secs) ran out; a write may still complete at the vendor",
                    limit.as_secs()
                ),
            ),
        };
        let headers = response.headers_mut();
        security_headers(headers);
        // The upstream's, when it sent one.
        if !headers.contains_key(&REQUEST_ID) {
            headers.insert(REQUEST_ID.clone(), next_request_id());
        }
        response
    }

    async fn route(&self, request: Request) -> Response {
        if !is_forwarded(request.uri().path()) {
            let Ok(response) = tower::ServiceExt::oneshot(self.routes.clone(), request).await;
            return response;
        }
        match &self.cors {
            // CORS answers preflights itself and adds its headers to the route's answer.
            Some(cors) => {
                let state = self.state.clone();
                let forwarding = tower::service_fn(move |request: Request| {
                    let state = state.clone();
                    async move { Ok::<_, std::convert::Infallible>(api_request(&state, request, ApiTarget::Operation).await) }
                });
                let Ok(response) = tower::ServiceExt::oneshot(tower::Layer::layer(cors, forwarding), request).await;
                response
            }
            None => api_request(&self.state, request, ApiTarget::Operation).await,
        }
    }
}

/// What an `/api` request is for: a catalogue operation, or a path that cannot be one.
#[derive(Clone, Copy)]
enum ApiTarget {
    Operation,
    NoOperation,
}

/// `/api`: a live session and the cross-site check ([`guard::require_session`]), then the
/// operation. `HEAD` (no catalogue operation is one) answers with `Content-Length: 0` and
/// no body, so no client waits for one.
async fn api_request(state: &Arc<AppState>, request: Request, target: ApiTarget) -> Response {
    let head = request.method() == HttpMethod::HEAD;
    let mut response = match guard::require_session(state, request.method(), request.uri(), request.headers()).await {
        Ok(user) => match target {
            ApiTarget::Operation => forward(state, user, request).await,
            ApiTarget::NoOperation => not_found(),
        },
        Err(refused) => refused,
    };
    if head {
        *response.body_mut() = Body::empty();
        response.headers_mut().insert(header::CONTENT_LENGTH, HeaderValue::from_static("0"));
    }
    response
}

/// A random per-process prefix and a counter: unique without a syscall per request.
fn next_request_id() -> HeaderValue {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::OnceLock;
    static PREFIX: OnceLock<u32> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";
    let prefix = *PREFIX.get_or_init(|| {
        let mut bytes = [0u8; 4];
        let _ = getrandom::getrandom(&mut bytes);
        u32::from_le_bytes(bytes)
    });
    // `{prefix:08x}{counter:012x}`, written in place: one allocation (the value's).
    let counter = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut id = [0u8; 20];
    // 4 bytes of prefix, the counter's low 6 (2^48 ids before it wraps).
    let bytes = (u128::from(prefix) << 48 | u128::from(counter & 0xffff_ffff_ffff)).to_be_bytes();
    for (pair, byte) in id.chunks_exact_mut(2).zip(&bytes[6..]) {
        pair[0] = HEX_DIGITS[usize::from(byte >> 4)];
        pair[1] = HEX_DIGITS[usize::from(byte & 0xf)];
    }
    HeaderValue::from_bytes(&id).expect("hex is a valid header")
}

fn security_headers(headers: &mut HeaderMap) {
    static CONTENT_TYPE_OPTIONS: HeaderName = HeaderName::from_static("x-content-type-options");
    static REFERRER_POLICY: HeaderName = HeaderName::from_static("referrer-policy");
    static FRAME_OPTIONS: HeaderName = HeaderName::from_static("x-frame-options");
    headers.insert(CONTENT_TYPE_OPTIONS.clone(), HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER_POLICY.clone(), HeaderValue::from_static("no-referrer"));
    headers.insert(FRAME_OPTIONS.clone(), HeaderValue::from_static("DENY"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
    );
}

/// Ready: configuration loaded, the shared state (Redis, if configured) answers, and
/// every real vendor answers HTTP at all (the mock always does).
async fn readyz(State(state): State<Arc<AppState>>) -> Response {
    if let Some(shared) = &state.shared {
        if let Err(e) = shared.ping().await {
            return proxy_error(StatusCode::SERVICE_UNAVAILABLE, "state_unavailable", &format!("shared state (Redis) unreachable: {}", e.0));
        }
    }
    let mut unreachable = Vec::new();
    for vendor in Vendor::ALL {
        let upstream = state.upstreams.get(vendor);
        if upstream.mock {
            continue;
        }
        let probe = state.http.head(&upstream.base_url).timeout(Duration::from_secs(3)).send().await;
        if probe.is_err() {
            unreachable.push(vendor.slug());
        }
    }
    if unreachable.is_empty() {
        (StatusCode::OK, "ready").into_response()
    } else {
        proxy_error(StatusCode::SERVICE_UNAVAILABLE, "upstream_unreachable", &format!("unreachable: {}", unreachable.join(", ")))
    }
}

/// A JSON error from the proxy itself: `{"error": {"code", "message"}}`. Never echoes
/// upstream internals or credentials.
pub fn proxy_error(status: StatusCode, code: &str, message: &str) -> Response {
    (status, Json(serde_json::json!({ "error": { "code": code, "message": message } }))).into_response()
}

/// A proxy error for a request the vendor never carried out (its token could not be
/// had): `"sent": false` next to the code lets a client tell "not sent" from a lost
/// answer, which a 502/504 on a write otherwise has to be taken for.
pub(crate) fn not_sent_error(status: StatusCode, code: &str, message: &str) -> Response {
    (status, Json(serde_json::json!({ "error": { "code": code, "message": message, "sent": false } }))).into_response()
}

fn not_found() -> Response {
    proxy_error(StatusCode::NOT_FOUND, "unknown_operation", "no catalogue operation has this method and path")
}

/// A catalogue operation for the signed-in `user`: the allowlist, the role, the request
/// limits, the vendor's concurrency cap, the upstream call with its retries, the relay
/// with scrubbing, metrics and the log or audit line.
async fn forward(state: &AppState, user: session::SessionUser, request: Request) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let uri = request.uri().clone();
    let allowed = match allowlist::check(method.as_str(), uri.path(), uri.query()) {
        Ok(allowed) => allowed,
        Err(refusal) => {
            // The path only: a refused query may carry anything (an SSO token, say).
            audit::path_refused(&user.username, method.as_str(), uri.path(), &refusal);
            return match refusal {
                Refusal::BadPath(why) => proxy_error(StatusCode::BAD_REQUEST, "bad_path", why),
                Refusal::UnknownOperation => not_found(),
                Refusal::MethodNotAllowed => proxy_error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "this path exists for another method"),
                Refusal::ProxyOnly => proxy_error(
                    StatusCode::FORBIDDEN,
                    "proxy_only",
                    "credential exchanges never pass from the browser: the proxy runs its own token grants and exposes no end-user login, reset or SSO check",
                ),
                Refusal::UnknownParameter { name, declared } => {
                    let declared = if declared.is_empty() { "it takes none".to_string() } else { format!("it takes {}", declared.join(", ")) };
                    proxy_error(StatusCode::BAD_REQUEST, "unknown_parameter", &format!("{name:?} is not a query parameter of this operation; {declared}"))
                }
            };
        }
    };
    let endpoint = allowed.endpoint;
    if let Some(refused) = guard::refusal_for(&user, endpoint) {
        return refused;
    }
    let vendor = endpoint.vendor.slug();
    let content_type = request.headers().get(header::CONTENT_TYPE).cloned();
    let body = match axum::body::to_bytes(request.into_body(), endpoint.max_request_body()).await {
        Ok(body) => body,
        Err(_) => return proxy_error(StatusCode::PAYLOAD_TOO_LARGE, "body_too_large", "request body too large"),
    };
    if let Some(why) = request_limits::refusal(&allowed, &body) {
        return proxy_error(StatusCode::BAD_REQUEST, "invalid_request", &why);
    }
    let upstream = state.upstreams.get(endpoint.vendor);

    let limit = &state.limits[&endpoint.vendor];
    // The queue gauge is touched only by requests that actually wait.
    let permit = match limit.try_acquire() {
        Ok(permit) => permit,
        Err(_) => {
            let hooks = RefreshCounter { metrics: &state.metrics, vendor };
            let _queued = tokens::Queued::new(&hooks);
            limit.acquire().await.expect("semaphores are never closed")
        }
    };
    // Reads the vendor may see twice are retried; writes never are (a lost answer may
    // hide a completed write: only the client knows if it carried an idempotency key).
    let retryable = endpoint.duplicates.proxy_retries();
    let base_delay = Duration::from_millis(state.config.retry_base_ms.unwrap_or(500));
    let mut attempt = 1;
    let outcome = loop {
        let hooks = RefreshCounter { metrics: &state.metrics, vendor };
        let result = upstream.send(&state.http, &state.client, &allowed, content_type.clone(), body.clone(), &hooks).await;
        let wait = match &result {
            Ok(r) if retryable && matches!(r.status().as_u16(), 502..=504) => Some(retry_after(r.headers()).unwrap_or_else(|| backoff(base_delay, attempt))),
            Err(SendError::Http(e)) if retryable && !e.is_timeout() => Some(backoff(base_delay, attempt)),
            _ => None,
        };
        match wait {
            Some(wait) if attempt < MAX_ATTEMPTS && wait <= MAX_RETRY_AFTER => {
                state.metrics.retry(vendor);
                tokio::time::sleep(wait).await;
                attempt += 1;
            }
            _ => break result,
        }
    };
    drop(permit);

    let mut response = match outcome {
        Ok(upstream_response) => match relay(upstream_response, &upstream.scrubber(&state.scrubbers)).await {
            Ok(response) => response,
            Err(UpstreamTimedOut) => upstream_timed_out(vendor, state.config.upstream_timeout()),
        },
        Err(e) => {
            state.metrics.upstream_error(vendor);
            // A token that could not be had stops the request before it is sent: on the
            // first attempt (a retry follows one that may have reached the vendor) even a
            // write did not happen, and the body says so (`"sent": false`, see
            // `not_sent_error`). At most the vendor saw it with a token it refused (401).
            let token_error =
                |status, code: &str, message: &str| if attempt == 1 { not_sent_error(status, code, message) } else { proxy_error(status, code, message) };
            match e {
                SendError::Http(e) if e.is_timeout() => upstream_timed_out(vendor, state.config.upstream_timeout()),
                SendError::Http(_) => proxy_error(StatusCode::BAD_GATEWAY, "upstream_unreachable", "the vendor could not be reached"),
                SendError::Token(TokenError::Refused(status)) => {
                    tracing::error!(vendor, status, "the vendor refused the proxy's configured credentials");
                    token_error(StatusCode::BAD_GATEWAY, "upstream_credentials", "the vendor refused the proxy's credentials; check its configuration")
                }
                SendError::Token(TokenError::State(e)) if attempt == 1 => guard::state_unavailable(&e),
                SendError::Token(TokenError::State(e)) => guard::state_unavailable_after_an_attempt(&e),
                SendError::Token(TokenError::Unavailable(why) | TokenError::Unreachable(why)) => {
                    tracing::warn!(vendor, why, "the vendor's token exchange failed");
                    token_error(StatusCode::BAD_GATEWAY, "upstream_unreachable", "the vendor's sign-in could not be reached")
                }
                SendError::Token(TokenError::TimedOut) => {
                    let limit = state.config.upstream_timeout().as_secs();
                    token_error(
                        StatusCode::GATEWAY_TIMEOUT,
                        "upstream_timeout",
                        &format!("{vendor}'s sign-in did not answer within {limit} s (upstream_timeout_secs)"),
                    )
                }
                // Nothing reached the vendor's operation: the client may try again after it.
                SendError::Token(TokenError::Throttled(wait)) => {
                    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
                    let mut response = token_error(
                        StatusCode::TOO_MANY_REQUESTS,
                        "upstream_rate_limited",
                        &format!("{vendor}'s sign-in is rate limited; try again in {seconds} s"),
                    );
                    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
                    response
                }
            }
        }
    };
    response.headers_mut().insert(ATTEMPTS.clone(), attempts_value(attempt));
    let status = response.status().as_u16();
    let elapsed = started.elapsed();
    state.metrics.request(vendor, endpoint.id, status, elapsed.as_secs_f64());
    if endpoint.is_read() {
        tracing::info!(operation = endpoint.id, %method, path = %audit::escape(&secret::redact_query(uri.path_and_query().map_or("/", |p| p.as_str()))), status, attempts = attempt, ms = elapsed.as_millis() as u64, "forwarded");
    } else {
        let upstream_request_id = response.headers().get(&REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("");
        audit::write(&user.username, endpoint.id, status, upstream_request_id, elapsed.as_millis() as u64);
    }
    response
}

/// `X-Upstream-Attempts`: the attempts there can be are static values, not formatted
/// per request.
fn attempts_value(attempt: u32) -> HeaderValue {
    match attempt {
        1 => HeaderValue::from_static("1"),
        2 => HeaderValue::from_static("2"),
        3 => HeaderValue::from_static("3"),
        _ => HeaderValue::from(attempt),
    }
}

/// 504 `upstream_timeout`: the vendor's answer (head or body) took longer than the
/// upstream timeout.
fn upstream_timed_out(vendor: &str, limit: Duration) -> Response {
    proxy_error(StatusCode::GATEWAY_TIMEOUT, "upstream_timeout", &format!("{vendor} did not answer within {} s (upstream_timeout_secs)", limit.as_secs()))
}

/// Counts token exchanges and pacing waits in the metrics.
struct RefreshCounter<'a> {
    metrics: &'a metrics::Metrics,
    vendor: &'static str,
}

impl tokens::Exchanges for RefreshCounter<'_> {
    fn exchanged(&self) {
        self.metrics.token_refresh(self.vendor);
    }
    fn queued(&self, delta: i64) {
        self.metrics.queue(self.vendor, delta);
    }
}

/// A vendor's `Retry-After` (delay-seconds or an HTTP date), as stated: callers cap it
/// ([`MAX_RETRY_AFTER`], [`pacing::MAX_HOLD_OFF`]). Never panics, whatever the vendor sent.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    retry_after_header(headers.get("retry-after")?.to_str().ok()?)
}

/// `Retry-After` read by the package's own parser ([`commerce_kit::error::retry_after_seconds`]),
/// so the proxy and the browser agree on every spelling: delay-seconds saturating at
/// `u32::MAX`, an HTTP date as the time left until it (zero once past); anything else
/// is `None`.
pub fn retry_after_header(value: &str) -> Option<Duration> {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    commerce_kit::error::retry_after_seconds(value, now).map(|secs| Duration::from_secs(u64::from(secs)))
}

/// Turns a panic inside `handling` into a 500 JSON answer: the process and every other
/// request carry on. The panic message goes to the log, not the browser.
pub fn answer_panics(handling: impl std::future::Future<Output = Response>) -> impl std::future::Future<Output = Response> {
    use futures_util::FutureExt;
    // Not an `async fn`: that would hold `handling` and the future made of it side by
    // side, twice the size, copied at every move.
    // Unwind safety: what a request shares with others (sessions, metrics, pools) is
    // behind locks and atomics that a panic leaves consistent (tower-http's `CatchPanic`
    // makes the same assumption).
    std::panic::AssertUnwindSafe(handling).catch_unwind().map(|handled| match handled {
        Ok(response) => response,
        Err(panic) => {
            let message = panic.downcast_ref::<&str>().copied().or_else(|| panic.downcast_ref::<String>().map(String::as_str)).unwrap_or("(no message)");
            tracing::error!(panic = message, "a request's handling panicked");
            proxy_error(StatusCode::INTERNAL_SERVER_ERROR, "internal", "the proxy failed on this request")
        }
    })
}

/// Exponential backoff with jitter: `base * 2^(attempt-1)`, between half and all of it.
fn backoff(base: Duration, attempt: u32) -> Duration {
    let full = base.saturating_mul(1 << (attempt - 1).min(6)).min(Duration::from_secs(10));
    let mut byte = [0u8; 1];
    let _ = getrandom::getrandom(&mut byte);
    full / 2 + full / 2 * u32::from(byte[0]) / 255
}

/// Headers passed back from a vendor; everything else (cookies, server banners,
/// anything that could carry a credential) stays behind.
const RELAYED_HEADERS: [header::HeaderName; 6] =
    [header::CONTENT_TYPE, header::CONTENT_LENGTH, header::RETRY_AFTER, header::CACHE_CONTROL, header::ETAG, HeaderName::from_static("x-request-id")];

/// The vendor's answer for the browser, every credential it echoes replaced (see
/// [`scrub`]): headers, and bodies as they stream. Error bodies are read whole first, up
/// to [`MAX_ERROR_BODY`]; one cut off is 502 `upstream_truncated`. A streamed body that
/// fails mid-way fails the client's body too (no last chunk), never ends it cleanly.
async fn relay(upstream: axum::http::Response<upstream_http::UpstreamBody>, scrubber: &scrub::Scrubber) -> Result<Response, UpstreamTimedOut> {
    let status = upstream.status();
    // Room for what is added after (`X-Upstream-Attempts`, the security headers, a
    // request id): the map is allocated once, never grown.
    let mut headers = HeaderMap::with_capacity(RELAYED_HEADERS.len() + 6);
    for name in RELAYED_HEADERS {
        if let Some(v) = upstream.headers().get(&name) {
            let value = if scrubber.finds(v.as_bytes()) { HeaderValue::from_bytes(&scrubber.scrub(v.as_bytes())) } else { Ok(v.clone()) };
            if let Ok(value) = value {
                headers.insert(name, value);
            }
        }
    }
    if scrubber.is_active() {
        // A replacement changes the length.
        headers.remove(header::CONTENT_LENGTH);
    }
    let upstream = upstream.into_body();
    let body = if status.is_success() {
        if scrubber.is_active() {
            scrub::body(http_body_util::BodyDataStream::new(upstream), scrubber.stream())
        } else {
            // Nothing to search for: the vendor's frames as they come, not copied.
            Body::new(upstream)
        }
    } else {
        match read_limited(upstream, MAX_ERROR_BODY).await {
            Ok(bytes) => Body::from(scrubber.scrub(&bytes)),
            Err(Unread::TooLarge) => return Ok(proxy_error(StatusCode::BAD_GATEWAY, "upstream_error_too_large", "the vendor's error answer was too large")),
            // Half an error is not the vendor's answer: never relayed as if it were whole.
            Err(Unread::Truncated) => return Ok(proxy_error(StatusCode::BAD_GATEWAY, "upstream_truncated", "the vendor's answer was cut off before its end")),
            Err(Unread::TimedOut) => return Err(UpstreamTimedOut),
        }
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    Ok(response)
}

/// The upstream timeout ran out while an answer was being read: the caller says whose.
struct UpstreamTimedOut;

/// Why a body could not be read whole.
enum Unread {
    TooLarge,
    /// The connection failed before the body's end (short of its `Content-Length`, or a
    /// chunked body without its last chunk).
    Truncated,
    /// The upstream timeout ran out while the body was arriving.
    TimedOut,
}

async fn read_limited(mut upstream: upstream_http::UpstreamBody, limit: usize) -> Result<Vec<u8>, Unread> {
    use http_body_util::BodyExt;
    let mut out = Vec::new();
    while let Some(frame) = upstream.frame().await {
        let frame = frame.map_err(|e| if e.is_timeout() { Unread::TimedOut } else { Unread::Truncated })?;
        let Ok(chunk) = frame.into_data() else { continue };
        if out.len() + chunk.len() > limit {
            return Err(Unread::TooLarge);
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `{prefix:08x}{counter:012x}`: one prefix per process, the counter counting up.
    #[test]
    fn request_ids_are_a_prefix_and_a_counter_in_hex() {
        let ids: Vec<String> = (0..3).map(|_| next_request_id().to_str().unwrap().to_string()).collect();
        for id in &ids {
            assert_eq!(id.len(), 20, "{id}");
            assert!(id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)), "{id}");
            assert_eq!(id[..8], ids[0][..8], "one prefix");
        }
        let counter = |id: &String| u64::from_str_radix(&id[8..], 16).unwrap();
        // Other tests may take ids in between, never the same one.
        assert!(counter(&ids[0]) < counter(&ids[1]) && counter(&ids[1]) < counter(&ids[2]), "{ids:?}");
        assert_eq!(attempts_value(2), "2");
        assert_eq!(attempts_value(7), "7");
    }
}
