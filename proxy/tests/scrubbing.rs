//! No configured credential leaves the proxy in a vendor's answer: 2xx or error, body or
//! header, raw, percent-encoded or JSON-escaped, however the body is cut into chunks.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::response::Response;
use commerce_mock::MockConfig;
use commerce_proxy::config::S2Config;
use commerce_proxy::secret::Secret;
use commerce_proxy::Config;
use support::*;

/// Needs escaping in every form: `/`, `+`, `"`, `&`.
const TOKEN: &str = r#"s2/tok+en"SECRET&1"#;

fn forms() -> Vec<String> {
    let upper = commerce_kit::request::percent_encode(TOKEN);
    let lower = upper.replace("%2F", "%2f").replace("%2B", "%2b");
    let json = serde_json::to_string(TOKEN).unwrap().trim_matches('"').to_string();
    vec![TOKEN.to_string(), upper, lower, json.clone(), json.replace('/', "\\/")]
}

/// A vendor that echoes the proxy's credential in every form: status from `status`, the
/// body in 7-byte chunks so every form straddles chunk boundaries somewhere.
async fn echoing_vendor(status: Arc<AtomicUsize>) -> String {
    let app = axum::Router::new().fallback(move || {
        let status = status.load(Ordering::Relaxed) as u16;
        async move {
            let mut body = String::from("{\"padding\":\"");
            for (i, form) in forms().iter().enumerate() {
                body.push_str(&"x".repeat(i * 3 + 1));
                body.push_str(&format!("\",\"echo{i}\":\"{form}\",\"p\":\""));
            }
            body.push_str("\"}");
            let chunks: Vec<Result<Vec<u8>, std::io::Error>> = body.into_bytes().chunks(7).map(|c| Ok(c.to_vec())).collect();
            Response::builder()
                .status(status)
                .header("content-type", "application/json")
                .header("x-request-id", format!("req-{}", commerce_kit::request::percent_encode(TOKEN)))
                .header("cache-control", format!("private, note={TOKEN}"))
                .body(Body::from_stream(futures_util::stream::iter(chunks)))
                .unwrap()
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    origin
}

#[tokio::test]
async fn echoed_credentials_are_scrubbed_from_every_answer() {
    let status = Arc::new(AtomicUsize::new(200));
    let vendor = echoing_vendor(status.clone()).await;
    let s2 = S2Config { base_url: Some(format!("{vendor}/s2")), token: Some(Secret::new(TOKEN)), organization: Some("org".into()) };
    let h = harness(Config { s2, retry_base_ms: Some(1), ..Config::default() }, MockConfig::default(), MockConfig::default()).await;
    for code in [200, 400, 404, 500] {
        status.store(code, Ordering::Relaxed);
        let (got, headers, body) = send(&h.router, get("/api/s2/inventory/overview")).await;
        assert_eq!(usize::from(got.as_u16()), code, "{body}");
        let seen = format!("{headers:?} {body}");
        for form in forms() {
            assert!(!seen.contains(&form), "{code}: {form} relayed: {seen}");
        }
        assert!(!seen.contains("SECRET"), "{code}: a part of the credential relayed: {seen}");
        assert_eq!(body.matches("[redacted]").count(), forms().len(), "{code}: {body}");
        assert!(body.starts_with("{\"padding\"") && body.ends_with("\"}"), "the rest of the body is intact: {body}");
    }
}
