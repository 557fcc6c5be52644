//! Sign-in throttling slows guessing down without locking innocent users out, the
//! client address honours `X-Forwarded-For` only behind a configured trusted proxy, and
//! the sign-in settings load from the file and the environment.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use commerce_mock::MockConfig;
use commerce_proxy::Config;
use support::*;

/// A sign-in from `peer` (the socket's address), with an `X-Forwarded-For` if given.
fn sign_in_from(peer: &str, forwarded_for: Option<&str>, (username, password): (&str, &str)) -> Request<Body> {
    let mut request = Request::post("/auth/login").header("x-commerce-kit", "1");
    if let Some(xff) = forwarded_for {
        request = request.header("x-forwarded-for", xff);
    }
    let mut request = request.body(Body::from(serde_json::json!({"username": username, "password": password}).to_string())).unwrap();
    let peer: std::net::SocketAddr = format!("{peer}:40000").parse().unwrap();
    request.extensions_mut().insert(axum::extract::ConnectInfo(peer));
    request
}

#[tokio::test]
async fn failures_at_one_address_do_not_lock_out_its_other_users() {
    let h = default_harness().await;
    // Behind one TLS terminator, everyone has the same address: someone guesses there.
    for i in 0..8 {
        let status = send(&h.anonymous, sign_in_from("10.1.1.1", None, (&format!("guess{i}"), "nope"))).await.0;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    for _ in 0..5 {
        assert_eq!(send(&h.anonymous, sign_in_from("10.1.1.1", None, ("op", "nope"))).await.0, StatusCode::UNAUTHORIZED);
    }
    // The viewer at the same address, with the right password, gets in.
    let (status, _, body) = send(&h.anonymous, sign_in_from("10.1.1.1", None, VIEWER)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // The guessed-at pair (op at this address) waits; op elsewhere does not.
    assert_eq!(send(&h.anonymous, sign_in_from("10.1.1.1", None, OPERATOR)).await.0, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(send(&h.anonymous, sign_in_from("10.2.2.2", None, OPERATOR)).await.0, StatusCode::OK);
}

#[tokio::test]
async fn failures_spread_over_addresses_do_not_lock_a_user_out_everywhere() {
    let h = default_harness().await;
    for i in 0..10 {
        let status = send(&h.anonymous, sign_in_from(&format!("10.0.0.{i}"), None, ("op", "nope"))).await.0;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let started = std::time::Instant::now();
    let (status, _, body) = send(&h.anonymous, sign_in_from("10.9.9.9", None, OPERATOR)).await;
    assert_eq!(status, StatusCode::OK, "the right password from a clean address: {body}");
    assert!(started.elapsed() < std::time::Duration::from_secs(2), "and without the guessers' delay: {:?}", started.elapsed());
    // A guessing address, though, is slowed down on this account: its next attempt waits.
    let started = std::time::Instant::now();
    assert_eq!(send(&h.anonymous, sign_in_from("10.0.0.1", None, ("op", "nope"))).await.0, StatusCode::UNAUTHORIZED);
    let second = std::time::Instant::now();
    assert_eq!(send(&h.anonymous, sign_in_from("10.0.0.2", None, ("op", "nope"))).await.0, StatusCode::UNAUTHORIZED);
    assert!(second.elapsed() >= std::time::Duration::from_millis(400), "account pacing: {:?} then {:?}", second - started, second.elapsed());
}

#[tokio::test]
async fn forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy() {
    // By default the socket's address counts, whatever X-Forwarded-For says: rotating it
    // does not escape the pair's lock.
    let h = default_harness().await;
    for i in 0..5 {
        let status = send(&h.anonymous, sign_in_from("10.3.3.3", Some(&format!("192.0.2.{i}")), ("op", "nope"))).await.0;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let status = send(&h.anonymous, sign_in_from("10.3.3.3", Some("192.0.2.77"), OPERATOR)).await.0;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "a spoofed X-Forwarded-For changed the client address");

    // Behind a configured proxy, the rightmost address it did not add is the client's.
    let config = Config { trusted_proxies: vec!["10.3.3.0/24".into()], ..Config::default() };
    let h = harness(config, MockConfig::default(), MockConfig::default()).await;
    for _ in 0..5 {
        let status = send(&h.anonymous, sign_in_from("10.3.3.3", Some("6.6.6.6, 198.51.100.7, 10.3.3.9"), ("op", "nope"))).await.0;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let locked = send(&h.anonymous, sign_in_from("10.3.3.3", Some("1.2.3.4, 198.51.100.7"), OPERATOR)).await.0;
    assert_eq!(locked, StatusCode::TOO_MANY_REQUESTS, "198.51.100.7 guessed: it is the one waiting, whatever it prepends");
    let other = send(&h.anonymous, sign_in_from("10.3.3.3", Some("198.51.100.8"), OPERATOR)).await.0;
    assert_eq!(other, StatusCode::OK, "another client behind the same proxy is not");
}

#[test]
fn sign_in_settings_load_from_the_file_and_the_environment() {
    let file = config_file("sign-in", "trusted_proxies = [\"10.0.0.0/8\"]\nmax_password_checks = 3\nmax_sessions_per_user = 4\n");
    let config = Config::load(Some(&file), |_| None).unwrap();
    assert_eq!(config.trusted_proxies, ["10.0.0.0/8"]);
    let policy = config.session_policy();
    assert_eq!((policy.max_password_checks, policy.max_sessions_per_user), (3, 4));
    let env = |name: &str| match name {
        "COMMERCE_PROXY_TRUSTED_PROXIES" => Some("192.0.2.1, fd00::/8".to_string()),
        "COMMERCE_PROXY_MAX_SESSIONS_PER_USER" => Some("2".to_string()),
        _ => None,
    };
    let config = Config::load(Some(&file), env).unwrap();
    assert_eq!(config.trusted_proxies, ["192.0.2.1", "fd00::/8"]);
    assert_eq!(config.session_policy().max_sessions_per_user, 2);
    let defaults = Config::default().session_policy();
    assert_eq!(defaults.max_sessions_per_user, 16);
    assert!(defaults.max_password_checks >= 1);
    let bad_block = |name: &str| (name == "COMMERCE_PROXY_TRUSTED_PROXIES").then(|| "10.0.0.0/40".to_string());
    assert!(Config::load(None, bad_block).unwrap_err().0.contains("trusted_proxies"));
    let zero = |name: &str| (name == "COMMERCE_PROXY_MAX_PASSWORD_CHECKS").then(|| "0".to_string());
    assert!(Config::load(None, zero).unwrap_err().0.contains("max_password_checks"));
}
