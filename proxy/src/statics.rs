//! The dashboard's static files: precompressed, cached by what their names promise.
//!
//! The `.br` and `.gz` siblings are written at build time (`proxy/precompress.mjs`, run by
//! `make www-build` after `vite build`), not here: brotli at its best quality takes
//! seconds for the wasm module, which would delay every start (and every test that builds
//! the router) and be paid again by each process of a fleet; a build step pays it once,
//! and a file without siblings is still served, uncompressed.
//!
//! `ServeDir` picks the variant from `Accept-Encoding` (q-values, `q=0` refusals) and
//! keeps the original file's `Content-Type` (`application/wasm` for the module: streaming
//! compilation refuses anything else). What it leaves out is added here: `Vary:
//! Accept-Encoding` (a cache must not hand a brotli body to a client that did not ask for
//! one) and `Cache-Control`.

use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};

/// For vite's content-hashed names: a new build gives a changed file a new name.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For everything else (`index.html` names the current hashes): revalidate every time.
pub const REVALIDATE: &str = "no-cache";

/// The router for `static_dir`: `/assets/*` from the folder as it is (a missing asset is
/// 404, never `index.html` under an asset's name, which a year-long cache would keep),
/// any other path the file it names or `index.html` (the dashboard's own routes).
pub fn dashboard(static_dir: &Path) -> Router {
    let index = ServeFile::new(static_dir.join("index.html")).precompressed_br().precompressed_gzip();
    let files = ServeDir::new(static_dir).precompressed_br().precompressed_gzip();
    let assets = ServeDir::new(static_dir.join("assets")).precompressed_br().precompressed_gzip();
    Router::new().nest_service("/assets", assets).fallback_service(files.fallback(index)).layer(middleware::from_fn(caching))
}

async fn caching(request: Request, next: Next) -> Response {
    let immutable = is_hashed_asset(request.uri().path());
    let mut response = next.run(request).await;
    if matches!(response.status(), StatusCode::OK | StatusCode::NOT_MODIFIED | StatusCode::PARTIAL_CONTENT) {
        let headers = response.headers_mut();
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(if immutable { IMMUTABLE } else { REVALIDATE }));
    }
    response
}

/// `/assets/<name>-<hash>.<ext>` as vite names its output: a name, a `-`, then 8
/// characters of base64url before the first extension.
pub fn is_hashed_asset(path: &str) -> bool {
    const HASH_LEN: usize = 8;
    let Some(file) = path.strip_prefix("/assets/") else { return false };
    let stem = file.split('.').next().unwrap_or("").as_bytes();
    if file.contains('/') || stem.len() < HASH_LEN + 2 {
        return false;
    }
    let (name, hash) = stem.split_at(stem.len() - HASH_LEN);
    name.ends_with(b"-") && hash.iter().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
}

#[cfg(test)]
mod tests {
    use super::is_hashed_asset;

    #[test]
    fn vite_names_are_hashed_and_others_are_not() {
        for hashed in ["/assets/index-B1c-k_Zq.js", "/assets/commerce_kit_bg-Dx3_a-9Q.wasm", "/assets/a-12345678.css", "/assets/x-abcdefgh.js.map"] {
            assert!(is_hashed_asset(hashed), "{hashed}");
        }
        for plain in [
            "/index.html",
            "/assets/logo.svg",
            "/assets/index-short.js",
            "/assets/-12345678.js",
            "/assets/sub/x-12345678.js",
            "/x-12345678.js",
            "/assets/é-1234567é.js",
        ] {
            assert!(!is_hashed_asset(plain), "{plain}");
        }
    }
}
