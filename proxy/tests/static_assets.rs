//! The dashboard's static files (`static_dir`): precompressed variants chosen by
//! `Accept-Encoding` (q-values respected), `Vary: Accept-Encoding`, year-long immutable
//! caching for vite's hashed `assets/<name>-<hash>.<ext>`, `no-cache` for the rest, and
//! `application/wasm` for the module (streaming compilation refuses anything else).

mod support;

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use commerce_mock::MockConfig;
use commerce_proxy::Config;
use http_body_util::BodyExt;
use support::*;
use tower::ServiceExt;

const WASM: &str = "/assets/commerce_kit_bg-Dx3_a-9Q.wasm";
const SCRIPT: &str = "/assets/index-B1c-k_Zq.js";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// A built dashboard: every file with `.br` and `.gz` siblings whose bytes say which one
/// was served (the proxy never decodes them, so any bytes do).
fn dist(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("commerce-proxy-static-{}-{test}", std::process::id()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    for (path, body) in [("index.html", "<!doctype html><title>dashboard</title>"), (&WASM[1..], "\0asm-plain"), (&SCRIPT[1..], "console.log('plain')")] {
        std::fs::write(dir.join(path), body).unwrap();
        std::fs::write(dir.join(format!("{path}.br")), format!("br:{path}")).unwrap();
        std::fs::write(dir.join(format!("{path}.gz")), format!("gz:{path}")).unwrap();
    }
    // Not hashed, no compressed siblings (vite copies `public/` as it is).
    std::fs::write(dir.join("robots.txt"), "User-agent: *").unwrap();
    dir
}

async fn dashboard(test: &str) -> axum::Router {
    let config = Config { static_dir: Some(dist(test)), ..Config::default() };
    harness(config, MockConfig::default(), MockConfig::default()).await.anonymous
}

async fn fetch(router: &axum::Router, path: &str, accept_encoding: Option<&str>) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut request = Request::get(path);
    if let Some(value) = accept_encoding {
        request = request.header(header::ACCEPT_ENCODING, value);
    }
    let response = router.clone().oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
    let (parts, body) = response.into_parts();
    (parts.status, parts.headers, body.collect().await.unwrap().to_bytes().to_vec())
}

fn text(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).map(|v| v.to_str().unwrap())
}

#[tokio::test]
async fn the_encoding_follows_accept_encoding_and_its_q_values() {
    let router = dashboard("encoding").await;
    for (accept, encoding, body) in [
        (Some("gzip, deflate, br"), Some("br"), "br:"),
        (Some("br;q=0.5, gzip;q=0.9"), Some("gzip"), "gz:"),
        (Some("gzip"), Some("gzip"), "gz:"),
        (Some("br;q=0, gzip;q=0"), None, "\0asm-plain"),
        (Some("identity"), None, "\0asm-plain"),
        (None, None, "\0asm-plain"),
    ] {
        let (status, headers, bytes) = fetch(&router, WASM, accept).await;
        assert_eq!(status, StatusCode::OK, "{accept:?}");
        assert_eq!(text(&headers, header::CONTENT_ENCODING), encoding, "{accept:?}");
        assert!(String::from_utf8_lossy(&bytes).starts_with(body), "{accept:?}: {:?}", String::from_utf8_lossy(&bytes));
        // The type is the file's, whichever variant was sent.
        assert_eq!(text(&headers, header::CONTENT_TYPE), Some("application/wasm"), "{accept:?}");
        assert_eq!(text(&headers, header::VARY), Some("accept-encoding"), "{accept:?}");
        assert_eq!(text(&headers, header::CACHE_CONTROL), Some(IMMUTABLE), "{accept:?}");
    }
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_the_rest_is_revalidated() {
    let router = dashboard("caching").await;
    let (status, headers, _) = fetch(&router, SCRIPT, Some("br")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(text(&headers, header::CACHE_CONTROL), Some(IMMUTABLE));
    assert!(text(&headers, header::CONTENT_TYPE).unwrap().contains("javascript"));
    for path in ["/", "/index.html", "/inventory", "/robots.txt"] {
        let (status, headers, _) = fetch(&router, path, Some("br, gzip")).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(text(&headers, header::CACHE_CONTROL), Some("no-cache"), "{path}");
        assert_eq!(text(&headers, header::VARY), Some("accept-encoding"), "{path}");
    }
    // The dashboard's own routes get index.html, compressed too.
    let (_, headers, bytes) = fetch(&router, "/inventory", Some("br")).await;
    assert_eq!(text(&headers, header::CONTENT_ENCODING), Some("br"));
    assert_eq!(bytes, b"br:index.html");
    // A file without compressed siblings goes out as it is.
    let (_, headers, bytes) = fetch(&router, "/robots.txt", Some("br, gzip")).await;
    assert_eq!(text(&headers, header::CONTENT_ENCODING), None);
    assert_eq!(bytes, b"User-agent: *");
}

#[tokio::test]
async fn a_missing_asset_is_404_not_an_immutable_index_html() {
    // After a deploy an old page may ask for an asset that is gone: index.html under its
    // name, cached for a year, would break that URL for good.
    let router = dashboard("missing").await;
    for path in ["/assets/index-Zz9_Zz9_.js", "/assets/nothing.css"] {
        let (status, headers, _) = fetch(&router, path, Some("br")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_ne!(text(&headers, header::CACHE_CONTROL), Some(IMMUTABLE), "{path}");
    }
}

#[tokio::test]
async fn unhashed_names_under_assets_are_not_immutable() {
    let dir = dist("unhashed");
    std::fs::write(dir.join("assets/logo.svg"), "<svg/>").unwrap();
    std::fs::write(dir.join("assets/index-short.js"), "1").unwrap();
    let config = Config { static_dir: Some(dir), ..Config::default() };
    let router = harness(config, MockConfig::default(), MockConfig::default()).await.anonymous;
    for path in ["/assets/logo.svg", "/assets/index-short.js"] {
        let (status, headers, _) = fetch(&router, path, None).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(text(&headers, header::CACHE_CONTROL), Some("no-cache"), "{path}");
    }
}

#[tokio::test]
async fn api_answers_are_not_given_static_caching() {
    let router = dashboard("api").await;
    let (_, headers, _) = send(&router, get("/api/s2/inventory/overview")).await;
    assert_eq!(text(&headers, header::CACHE_CONTROL), None);
}
