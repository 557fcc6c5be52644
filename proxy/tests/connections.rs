//! The proxy on a real loopback socket: slow, silent, oversized and surplus clients
//! cannot hold connections or go unanswered. Every loop is bounded; every wait has a
//! timeout.

mod support;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use commerce_proxy::{serve, ConnectionLimits};
use support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn limits() -> ConnectionLimits {
    ConnectionLimits { header_read_timeout: Duration::from_secs(1), idle_timeout: Duration::from_secs(1), ..ConnectionLimits::default() }
}

/// The proxy on `127.0.0.1:0`; returns its address and the operator's session cookie.
async fn start(limits: ConnectionLimits) -> (SocketAddr, String, Harness) {
    let h = default_harness().await;
    let cookie = login(&h.anonymous, OPERATOR).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, h.anonymous.clone(), limits, std::future::pending()));
    (addr, cookie, h)
}

/// Reads until the peer closes (`true`) or `within` passes (`false`).
async fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let mut buf = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => return false,
            Ok(Ok(0) | Err(_)) => return true,
            Ok(Ok(_)) => {}
        }
    }
}

/// One response: the head, and the body per `Content-Length`.
async fn response(stream: &mut TcpStream, within: Duration) -> Option<(u16, String, String)> {
    let read = async {
        let mut data = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&data[..end]).into_owned();
                let length: usize =
                    head.lines().find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap())).unwrap_or(0);
                while data.len() < end + 4 + length {
                    let n = stream.read(&mut buf).await.ok()?;
                    if n == 0 {
                        return None;
                    }
                    data.extend_from_slice(&buf[..n]);
                }
                let status = head[9..12].parse().ok()?;
                let body = String::from_utf8_lossy(&data[end + 4..end + 4 + length]).into_owned();
                return Some((status, head, body));
            }
            let n = stream.read(&mut buf).await.ok()?;
            if n == 0 {
                return None;
            }
            data.extend_from_slice(&buf[..n]);
        }
    };
    tokio::time::timeout(within, read).await.ok().flatten()
}

/// Reads only a response head (for `HEAD` requests, whose `Content-Length` has no body).
async fn head_only(stream: &mut TcpStream, within: Duration) -> Option<String> {
    let read = async {
        let mut data = Vec::new();
        let mut byte = [0u8; 1];
        while !data.ends_with(b"\r\n\r\n") {
            if stream.read(&mut byte).await.ok()? == 0 {
                return None;
            }
            data.push(byte[0]);
        }
        Some(String::from_utf8_lossy(&data).into_owned())
    };
    tokio::time::timeout(within, read).await.ok().flatten()
}

#[tokio::test]
async fn a_silent_socket_is_closed_after_the_header_read_timeout() {
    let (addr, _, _h) = start(limits()).await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let started = Instant::now();
    assert!(closed_within(&mut stream, Duration::from_secs(5)).await, "a silent client keeps its connection");
    assert!(started.elapsed() >= Duration::from_millis(900), "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_header_trickle_is_closed_after_the_header_read_timeout() {
    let (addr, _, _h) = start(limits()).await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n").await.unwrap();
    let started = Instant::now();
    let mut closed = false;
    // One header byte every 100 ms, for at most 5 s.
    for _ in 0..50 {
        if stream.write_all(b"X").await.is_err() {
            closed = true;
            break;
        }
        let mut buf = [0u8; 1024];
        if let Ok(Ok(0) | Err(_)) = tokio::time::timeout(Duration::from_millis(100), stream.read(&mut buf)).await {
            closed = true;
            break;
        }
    }
    assert!(closed, "a trickling client keeps its connection");
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed_after_the_idle_timeout() {
    let limits = ConnectionLimits { header_read_timeout: Duration::from_secs(30), idle_timeout: Duration::from_secs(1), ..ConnectionLimits::default() };
    let (addr, _, _h) = start(limits).await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    assert_eq!(response(&mut stream, Duration::from_secs(5)).await.map(|r| r.0), Some(200));
    let started = Instant::now();
    assert!(closed_within(&mut stream, Duration::from_secs(5)).await, "an idle keep-alive connection stays open");
    assert!(started.elapsed() >= Duration::from_millis(900), "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_big_head_with_a_session_cookie_is_answered() {
    let (addr, cookie, _h) = start(limits()).await;
    for filler in [9 * 1024, 12 * 1024] {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        let request =
            format!("GET /api/s2/inventory/overview HTTP/1.1\r\nHost: x\r\nCookie: {cookie}; pad={}\r\nx-commerce-kit: 1\r\n\r\n", "p".repeat(filler));
        stream.write_all(request.as_bytes()).await.unwrap();
        let answer = response(&mut stream, Duration::from_secs(5)).await;
        assert_eq!(answer.as_ref().map(|r| r.0), Some(200), "a {filler}-byte head: {answer:?}");
    }
}

#[tokio::test]
async fn oversized_heads_are_answered_at_once() {
    let (addr, cookie, _h) = start(limits()).await;
    // Over 16 KiB of headers: 431.
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let request = format!("GET /healthz HTTP/1.1\r\nHost: x\r\nCookie: {cookie}; pad={}\r\n\r\n", "p".repeat(20 * 1024));
    stream.write_all(request.as_bytes()).await.unwrap();
    assert_eq!(response(&mut stream, Duration::from_millis(900)).await.map(|r| r.0), Some(431));
    // Too many headers: 431.
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let many: String = (0..150).map(|i| format!("x-h{i}: v\r\n")).collect();
    stream.write_all(format!("GET /healthz HTTP/1.1\r\nHost: x\r\n{many}\r\n").as_bytes()).await.unwrap();
    assert_eq!(response(&mut stream, Duration::from_millis(900)).await.map(|r| r.0), Some(431));
    // A request target over 8 KiB: 414, JSON.
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let target = format!("/api/s2/inventory/overview?x={}", "a".repeat(9 * 1024));
    stream.write_all(format!("GET {target} HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\n\r\n").as_bytes()).await.unwrap();
    let (status, _, body) = response(&mut stream, Duration::from_millis(900)).await.expect("an answer");
    assert_eq!(status, 414);
    assert!(body.contains("\"code\":\"uri_too_long\""), "{body}");
}

#[tokio::test]
async fn connections_beyond_the_cap_wait_until_one_closes() {
    let limits = ConnectionLimits { header_read_timeout: Duration::from_secs(5), idle_timeout: Duration::from_secs(5), max_connections: 2 };
    let (addr, _, _h) = start(limits).await;
    let first = TcpStream::connect(addr).await.unwrap();
    let _second = TcpStream::connect(addr).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut third = TcpStream::connect(addr).await.unwrap();
    third.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    assert!(response(&mut third, Duration::from_millis(500)).await.is_none(), "a third connection is served while two are open");
    drop(first);
    assert_eq!(response(&mut third, Duration::from_secs(3)).await.map(|r| r.0), Some(200));
}

#[test]
fn connection_limits_read_the_file_and_the_environment() {
    use commerce_proxy::Config;
    let file = config_file("connection-limits", "header_read_timeout_secs = 5\nmax_connections = 64\n");
    let env = |k: &str| (k == "COMMERCE_PROXY_IDLE_TIMEOUT_SECS").then(|| "30".to_string());
    let limits = ConnectionLimits::from_config(&Config::load(Some(&file), env).unwrap());
    assert_eq!((limits.header_read_timeout, limits.idle_timeout, limits.max_connections), (Duration::from_secs(5), Duration::from_secs(30), 64));
    let defaults = ConnectionLimits::from_config(&Config::default());
    assert_eq!((defaults.header_read_timeout, defaults.idle_timeout, defaults.max_connections), (Duration::from_secs(10), Duration::from_secs(60), 1024));
    let zero = |k: &str| (k == "COMMERCE_PROXY_HEADER_READ_TIMEOUT_SECS").then(|| "0".to_string());
    assert!(Config::load(None, zero).unwrap_err().0.contains("COMMERCE_PROXY_HEADER_READ_TIMEOUT_SECS"));
}
#[tokio::test]
async fn head_on_an_api_path_does_not_leave_the_client_waiting() {
    let (addr, cookie, _h) = start(limits()).await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    for path in ["/api/s2/inventory/overview", "/api/", "/api/nothing/here"] {
        stream.write_all(format!("HEAD {path} HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\n\r\n").as_bytes()).await.unwrap();
        let head = head_only(&mut stream, Duration::from_secs(3)).await.unwrap_or_else(|| panic!("HEAD {path}: no answer"));
        assert!(head.to_ascii_lowercase().contains("content-length: 0\r\n"), "HEAD {path}: {head}");
    }
    // The connection is still in step: the next request gets its own answer.
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    let (status, _, body) = response(&mut stream, Duration::from_secs(3)).await.expect("an answer");
    assert_eq!((status, body.as_str()), (200, "ok"));
}

#[tokio::test]
async fn reads_abandoned_by_their_clients_give_their_slots_back() {
    use commerce_proxy::config::Stock2ShopConfig;
    let config = commerce_proxy::Config { stock2shop: Stock2ShopConfig { requests_per_second: Some(4.0), ..Default::default() }, ..Default::default() };
    let mock = commerce_mock::MockConfig { stock2shop_rate_limit: false, ..Default::default() };
    let h = harness(config, mock.clone(), mock).await;
    let cookie = login(&h.anonymous, OPERATOR).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, h.anonymous.clone(), limits(), std::future::pending()));
    let request = format!("GET /api/stock2shop/v1/sources HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\nx-commerce-kit: 1\r\n\r\n");
    let mut warm = TcpStream::connect(addr).await.unwrap();
    warm.write_all(request.as_bytes()).await.unwrap();
    assert_eq!(response(&mut warm, Duration::from_secs(5)).await.map(|r| r.0), Some(200));
    // 16 clients that give up after 0.1 s: 4 s of slots at 4/s, if they kept them.
    let mut abandoned = Vec::new();
    for _ in 0..16 {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream.write_all(request.as_bytes()).await.unwrap();
        abandoned.push(stream);
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    drop(abandoned);
    let gauge = "commerce_proxy_queue_depth{vendor=\"stock2shop\"} 0";
    for _ in 0..40 {
        if h.state.metrics.render().contains(gauge) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(h.state.metrics.render().contains(gauge), "{}", h.state.metrics.render());
    let started = Instant::now();
    let mut next = TcpStream::connect(addr).await.unwrap();
    next.write_all(request.as_bytes()).await.unwrap();
    assert_eq!(response(&mut next, Duration::from_secs(3)).await.map(|r| r.0), Some(200), "stuck behind abandoned reads");
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
}
