//! The vendors whose credentials are exchanged for tokens, through the proxy and the
//! mock: Stock2Shop (login token, re-login on 401, pacing) and Sellers Commerce (OAuth
//! password grant, refresh, single flight).

mod support;

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use commerce_mock::MockConfig;
use commerce_proxy::Config;
use support::*;

fn refreshes(h: &Harness, vendor: &str) -> u64 {
    let metrics = h.state.metrics.render();
    let line = format!("commerce_proxy_token_refreshes_total{{vendor=\"{vendor}\"}} ");
    metrics.lines().find_map(|l| l.strip_prefix(&line)).map_or(0, |n| n.parse().unwrap())
}

/// Stock2Shop paced fast enough for tests; the mock's own 1/s limit off unless a test
/// wants it.
fn fast_stock2shop(rate_limited_mock: bool, ttl: Duration) -> (Config, MockConfig) {
    let config = Config { stock2shop: commerce_proxy::config::Stock2ShopConfig { requests_per_second: Some(20.0), ..Default::default() }, ..Config::default() };
    let mock = MockConfig { stock2shop_rate_limit: rate_limited_mock, stock2shop_token_ttl: ttl, ..MockConfig::default() };
    (config, mock)
}

#[tokio::test]
async fn stock2shop_logs_in_once_and_reuses_the_token() {
    let (config, mock) = fast_stock2shop(false, Duration::from_secs(3600));
    let h = harness(config, mock.clone(), mock).await;
    for _ in 0..3 {
        let (status, _, body) = send(&h.router, get("/api/stock2shop/v1/sources?format=json")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(commerce_kit::validate_operation("stock2shop.list_sources", body.as_bytes()).unwrap().is_valid());
    }
    assert_eq!(refreshes(&h, "stock2shop"), 1);
}

#[tokio::test]
async fn an_expired_stock2shop_token_is_replaced_after_one_401() {
    let (config, mock) = fast_stock2shop(false, Duration::from_millis(300));
    let h = harness(config, mock.clone(), mock).await;
    assert_eq!(send(&h.router, get("/api/stock2shop/v1/channels")).await.0, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(400)).await;
    // The mock now answers 401 to the cached token: the proxy logs in again, once, and
    // the browser never sees the 401.
    let (status, _, body) = send(&h.router, get("/api/stock2shop/v1/channels")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(refreshes(&h, "stock2shop"), 2);
}

#[tokio::test]
async fn stock2shop_is_paced_so_its_rate_limit_is_never_hit() {
    // The mock enforces the documented 1 request/s; the proxy paces at its default of 1/s.
    let mock = MockConfig { stock2shop_rate_limit: true, ..MockConfig::default() };
    let h = harness(Config::default(), mock.clone(), mock).await;
    let started = Instant::now();
    let router = h.router.clone();
    let calls: Vec<_> = (0..3).map(|_| tokio::spawn(send_owned(router.clone(), "/api/stock2shop/v1/sources"))).collect();
    for call in calls {
        assert_eq!(call.await.unwrap(), StatusCode::OK);
    }
    // A login and three calls, one per second: at least three seconds.
    assert!(started.elapsed() >= Duration::from_millis(2900), "{:?}", started.elapsed());
    // Everyone waited in the pacing queue and left it.
    assert!(h.state.metrics.render().contains("commerce_proxy_queue_depth{vendor=\"stock2shop\"} 0"));
}

async fn send_owned(router: axum::Router, uri: &'static str) -> StatusCode {
    send(&router, get(uri)).await.0
}

#[tokio::test]
async fn a_viewer_may_search_stock2shop_but_not_queue() {
    let (config, mock) = fast_stock2shop(false, Duration::from_secs(3600));
    let h = harness(config, mock.clone(), mock).await;
    let viewer = signed_in(&h.anonymous, login(&h.anonymous, VIEWER).await);
    let search = post_json("/api/stock2shop/v1/products/elastic_search", &serde_json::json!({"query": {"bool": {"must": []}}, "size": 2}));
    let (status, _, body) = send(&viewer, search).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let queue = post_json("/api/stock2shop/v2-queue/order?client_id=1&channel_id=2", &serde_json::json!({"order": {}}));
    assert_eq!(send(&viewer, queue).await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn wrong_stock2shop_credentials_are_a_502_that_never_shows_them() {
    let (mut config, mock) = fast_stock2shop(false, Duration::from_secs(3600));
    let origin_mock = mock.clone();
    let h = harness_with(origin_mock, mock, |origin| {
        config.stock2shop.base_url = Some(format!("{origin}/stock2shop"));
        config.stock2shop.username = Some("someone".into());
        config.stock2shop.password = Some(commerce_proxy::secret::Secret::new("wrong-password-SECRET"));
        config.users = vec![];
        config
    })
    .await;
    let cookie = login(&h.anonymous, OPERATOR).await;
    let (status, _, body) = send(&signed_in(&h.anonymous, cookie), get("/api/stock2shop/v1/sources")).await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
    assert!(body.contains("upstream_credentials") && !body.contains("wrong-password-SECRET"), "{body}");
}

#[tokio::test]
async fn sellers_commerce_exchanges_once_for_many_concurrent_requests() {
    let h = default_harness().await;
    let calls: Vec<_> = (0..8).map(|_| tokio::spawn(send_owned(h.router.clone(), "/api/sellers_commerce/api/category/getall"))).collect();
    for call in calls {
        assert_eq!(call.await.unwrap(), StatusCode::OK);
    }
    assert_eq!(refreshes(&h, "sellers_commerce"), 1, "one exchange however many requests waited");
}

#[tokio::test]
async fn sellers_commerce_refreshes_before_the_token_expires() {
    let mock = MockConfig { sellers_token_ttl: Duration::from_secs(2), ..MockConfig::default() };
    let h = harness(Config::default(), mock.clone(), mock).await;
    assert_eq!(send(&h.router, get("/api/sellers_commerce/api/category/getall")).await.0, StatusCode::OK);
    // A quarter of the lifetime before expiry the proxy exchanges again (by refresh).
    tokio::time::sleep(Duration::from_millis(1600)).await;
    let (status, _, body) = send(&h.router, get("/api/sellers_commerce/api/category/getall")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(refreshes(&h, "sellers_commerce"), 2);
}

#[test]
fn token_vendor_config_reads_the_file_and_the_environment() {
    let file = config_file(
        "token-vendors",
        "[stock2shop]\nusername = \"s2s\"\npassword = \"file-pass\"\n\n[sellers_commerce]\nusername = \"key\"\npassword = \"secret\"\nbase_url = \"https://sc.example\"\n",
    );
    let env = |k: &str| match k {
        "COMMERCE_STOCK2SHOP_PASSWORD" => Some("env-pass".to_string()),
        "COMMERCE_STOCK2SHOP_REQUESTS_PER_SECOND" => Some("2.5".to_string()),
        "COMMERCE_STOCK2SHOP_QUEUE_BASE_URL" => Some("https://queue.example".to_string()),
        _ => None,
    };
    let config = Config::load(Some(&file), env).unwrap();
    let (user, password) = config.stock2shop.credentials().unwrap();
    assert_eq!((user.as_str(), password.expose()), ("s2s", "env-pass"));
    assert_eq!(config.stock2shop.requests_per_second, Some(2.5));
    assert_eq!(config.stock2shop.queue_base_url.as_deref(), Some("https://queue.example"));
    let (user, password) = config.sellers_commerce.credentials().unwrap();
    assert_eq!((user.as_str(), password.expose()), ("key", "secret"));
    // Configured for real: no demo users then.
    let mock = MockConfig::default();
    let upstreams = commerce_proxy::Upstreams::from_config(&config, "http://127.0.0.1:9", &mock);
    assert!(!upstreams.stock2shop.mock && !upstreams.sellers_commerce.mock && upstreams.s2.mock);
    assert_eq!(upstreams.sellers_commerce.base_url, "https://sc.example");
    assert_eq!(upstreams.stock2shop.base_url, commerce_kit::vendors::stock2shop::APP_BASE_URL);

    // Mistakes are named.
    let bad_rate = |k: &str| (k == "COMMERCE_STOCK2SHOP_REQUESTS_PER_SECOND").then(|| "0".to_string());
    assert!(Config::load(None, bad_rate).unwrap_err().0.contains("requests_per_second"));
    let bad_url = |k: &str| (k == "COMMERCE_SELLERS_COMMERCE_BASE_URL").then(|| "ftp://x".to_string());
    assert!(Config::load(None, bad_url).unwrap_err().0.contains("sellers_commerce.base_url"));
    // A blank password is no credential, and a username without one is half a
    // configuration: refused, naming the missing setting (never quietly the mock).
    let blank = |k: &str| match k {
        "COMMERCE_SELLERS_COMMERCE_USERNAME" => Some("key".to_string()),
        "COMMERCE_SELLERS_COMMERCE_PASSWORD" => Some(String::new()),
        _ => None,
    };
    assert!(Config::load(None, blank).unwrap_err().0.contains("COMMERCE_SELLERS_COMMERCE_PASSWORD"));
}

#[tokio::test]
async fn readyz_reports_an_unreachable_real_vendor() {
    let (mut config, mock) = fast_stock2shop(false, Duration::from_secs(3600));
    // A real Stock2Shop at a port nothing listens on.
    config.stock2shop.base_url = Some("http://127.0.0.1:9".into());
    config.stock2shop.username = Some("u".into());
    config.stock2shop.password = Some(commerce_proxy::secret::Secret::new("p"));
    let h = harness(config, mock.clone(), mock).await;
    let (status, _, body) = send(&h.anonymous, get("/readyz")).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(body.contains("stock2shop"));
}

fn queue_depth(h: &Harness, vendor: &str) -> i64 {
    let line = format!("commerce_proxy_queue_depth{{vendor=\"{vendor}\"}} ");
    h.state.metrics.render().lines().find_map(|l| l.strip_prefix(&line)).map_or(0, |n| n.parse().unwrap())
}

#[tokio::test]
async fn abandoned_stock2shop_reads_give_their_slots_back() {
    let (mut config, mock) = fast_stock2shop(false, Duration::from_secs(3600));
    config.stock2shop.requests_per_second = Some(4.0);
    let h = harness(config, mock.clone(), mock).await;
    assert_eq!(send(&h.router, get("/api/stock2shop/v1/sources")).await.0, StatusCode::OK);
    // 16 reads whose clients give up after 0.1 s: 4 s of slots at 4/s, if they kept them.
    let abandoned: Vec<_> = (0..16)
        .map(|_| {
            let router = h.router.clone();
            tokio::spawn(async move { tokio::time::timeout(Duration::from_millis(100), send_owned(router, "/api/stock2shop/v1/sources")).await })
        })
        .collect();
    for call in abandoned {
        let _ = call.await.unwrap();
    }
    assert_eq!(queue_depth(&h, "stock2shop"), 0, "nobody waits once the clients are gone");
    let started = Instant::now();
    let status = tokio::time::timeout(Duration::from_secs(3), send_owned(h.router.clone(), "/api/stock2shop/v1/sources")).await;
    assert_eq!(status.expect("the next read is not stuck behind abandoned ones"), StatusCode::OK);
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
}

#[tokio::test]
async fn the_sellers_commerce_refresh_token_is_scrubbed_like_the_access_token() {
    let h = default_harness().await;
    assert_eq!(send(&h.router, get("/api/sellers_commerce/api/category/getall")).await.0, StatusCode::OK);
    // The password, the access token and the refresh token (a UUID the mock draws).
    let secrets = h.state.upstreams.sellers_commerce.secrets();
    assert_eq!(secrets.len(), 3, "{} secrets known", secrets.len());
    assert!(secrets.iter().any(|s| s.len() == 36 && s.matches('-').count() == 4), "the refresh token is among them");
}
