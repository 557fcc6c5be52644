//! commerce-proxy: the server that holds the vendors' keys.
//!
//! The browser calls `/api/<vendor>/<vendor path>`; the proxy lets through only
//! catalogue operations (see [`allowlist`]), drops whatever credentials the client
//! sent, injects the vendor's own, and streams the answer back. With no credentials
//! configured for a vendor it forwards to the embedded mock instead.

pub mod allowlist;
pub mod config;
pub mod secret;
mod upstream;

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method as HttpMethod, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::{Json, Router};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};

pub use config::Config;
pub use upstream::{Upstream, Upstreams};

use allowlist::Refusal;

/// Request bodies above this are refused before reaching a vendor.
pub const MAX_REQUEST_BODY: usize = 1024 * 1024;

pub struct AppState {
    pub upstreams: Upstreams,
    pub http: reqwest::Client,
    pub config: Config,
}

impl AppState {
    pub fn new(config: Config, upstreams: Upstreams) -> Arc<AppState> {
        let timeout = Duration::from_secs(config.upstream_timeout_secs.unwrap_or(30));
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(timeout)
            // Redirects could carry injected credentials to another host.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("static client configuration is valid");
        Arc::new(AppState { upstreams, http, config })
    }
}

/// The proxy as a router: tests call it without a socket.
pub fn app(state: Arc<AppState>) -> Router {
    let static_dir = state.config.static_dir.clone().unwrap_or_else(|| "www/dist".into());
    let dashboard = ServeDir::new(&static_dir).fallback(ServeFile::new(static_dir.join("index.html")));
    let mut api = Router::new().route("/api/{*rest}", any(forward)).route("/api", any(|| async { not_found() }));
    if !state.config.allowed_origins.is_empty() {
        let origins: Vec<HeaderValue> = state.config.allowed_origins.iter().filter_map(|o| o.parse().ok()).collect();
        api = api.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([HttpMethod::GET, HttpMethod::POST, HttpMethod::PUT, HttpMethod::DELETE])
                .allow_headers([header::CONTENT_TYPE, "x-commerce-kit".parse().unwrap()])
                .allow_credentials(true),
        );
    }
    Router::new()
        .merge(api)
        .route("/healthz", axum::routing::get(|| async { "ok" }))
        .fallback_service(dashboard)
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    headers.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    headers.insert(
        "content-security-policy",
        HeaderValue::from_static("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
    );
    response
}

/// A JSON error from the proxy itself: `{"error": {"code", "message"}}`. Never echoes
/// upstream internals or credentials.
pub fn proxy_error(status: StatusCode, code: &str, message: &str) -> Response {
    (status, Json(serde_json::json!({ "error": { "code": code, "message": message } }))).into_response()
}

fn not_found() -> Response {
    proxy_error(StatusCode::NOT_FOUND, "unknown_operation", "no catalogue operation has this method and path")
}

async fn forward(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let uri = request.uri().clone();
    let logged_path = secret::redact_query(uri.path_and_query().map(|p| p.as_str()).unwrap_or("/"));
    let allowed = match allowlist::check(method.as_str(), uri.path(), uri.query()) {
        Ok(allowed) => allowed,
        Err(refusal) => {
            tracing::info!(%method, path = %logged_path, ?refusal, "refused");
            return match refusal {
                Refusal::BadPath(why) => proxy_error(StatusCode::BAD_REQUEST, "bad_path", why),
                Refusal::UnknownOperation => not_found(),
                Refusal::MethodNotAllowed => proxy_error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "this path exists for another method"),
            };
        }
    };
    let content_type = request.headers().get(header::CONTENT_TYPE).cloned();
    let body = match axum::body::to_bytes(request.into_body(), MAX_REQUEST_BODY).await {
        Ok(body) => body,
        Err(_) => return proxy_error(StatusCode::PAYLOAD_TOO_LARGE, "body_too_large", "request body too large"),
    };
    let upstream = state.upstreams.get(allowed.endpoint.vendor);
    let response = upstream.send(&state.http, &allowed, content_type, body).await;
    let response = match response {
        Ok(upstream_response) => relay(upstream_response),
        Err(e) if e.is_timeout() => proxy_error(StatusCode::GATEWAY_TIMEOUT, "upstream_timeout", "the vendor did not answer in time"),
        Err(_) => proxy_error(StatusCode::BAD_GATEWAY, "upstream_unreachable", "the vendor could not be reached"),
    };
    tracing::info!(
        operation = allowed.endpoint.id,
        %method,
        path = %logged_path,
        status = response.status().as_u16(),
        ms = started.elapsed().as_millis() as u64,
        "forwarded"
    );
    response
}

/// Headers passed back from a vendor; everything else (cookies, server banners,
/// anything that could carry a credential) stays behind.
const RELAYED_HEADERS: [header::HeaderName; 4] = [header::CONTENT_TYPE, header::RETRY_AFTER, header::CACHE_CONTROL, header::ETAG];

fn relay(upstream: reqwest::Response) -> Response {
    let status = StatusCode::from_u16(upstream.status().as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
    let mut headers = HeaderMap::new();
    for name in RELAYED_HEADERS {
        if let Some(v) = upstream.headers().get(name.as_str()).and_then(|v| HeaderValue::from_bytes(v.as_bytes()).ok()) {
            headers.insert(name, v);
        }
    }
    let mut response = Response::new(Body::from_stream(upstream.bytes_stream()));
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    response
}
