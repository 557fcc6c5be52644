//! A fleet: three proxies sharing one real `redis-server` (each test starts its own, on
//! a free loopback port) and one mock, configured as "real" vendors pointing at it.
//! Sessions, sign-in throttling, vendor tokens (with a failed grant's hold-off) and the
//! Stock2Shop pace are fleet-wide; Redis going away fails requests closed, and its return
//! heals them.
//!
//! Skipped, saying so, only when `redis-server` is not installed and
//! `COMMERCE_REQUIRE_REDIS` is unset (`make test` sets it: CI never skips silently).
//! The figures the lead quotes are printed (`cargo test --test fleet -- --nocapture`).

mod support;

use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use commerce_mock::{MockConfig, MockState};
use commerce_proxy::config::{SellersCommerceConfig, Stock2ShopConfig};
use commerce_proxy::secret::Secret;
use commerce_proxy::session::{hash_password, Role, UserConfig};
use commerce_proxy::{app, AppState, Config, Upstreams};
use support::{get, login, send, signed_in, OPERATOR};

const TOKEN_KEY: &str = "5f1e0c3a9b7d2e4f6a8c0b1d3e5f7a9c2b4d6e8f0a1c3e5b7d9f1a3c5e7b9d0f";

/// A `redis-server` of this test's own; killed when dropped.
struct RedisServer {
    port: u16,
    child: Option<Child>,
    /// For the outage test: an append-only file, so data outlives a kill.
    dir: Option<std::path::PathBuf>,
}

impl RedisServer {
    /// `None` (with a message) only if redis-server is absent and not required.
    fn start(persistent: bool) -> Option<RedisServer> {
        if Command::new("redis-server").arg("--version").stdout(Stdio::null()).status().is_err() {
            if std::env::var_os("COMMERCE_REQUIRE_REDIS").is_some() {
                panic!("redis-server is not installed but COMMERCE_REQUIRE_REDIS is set: run .ci/install-tools.sh (apt-get install redis-server)");
            }
            eprintln!("SKIPPED: redis-server is not installed (apt-get install redis-server); set COMMERCE_REQUIRE_REDIS=1 to fail instead");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let dir = persistent.then(|| {
            let dir = std::env::temp_dir().join(format!("commerce-fleet-redis-{}-{port}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            dir
        });
        let mut server = RedisServer { port, child: None, dir };
        server.run();
        Some(server)
    }

    fn run(&mut self) {
        let mut command = Command::new("redis-server");
        command.args(["--port", &self.port.to_string(), "--bind", "127.0.0.1", "--save", ""]);
        match &self.dir {
            Some(dir) => command.args(["--appendonly", "yes", "--appendfsync", "always", "--dir"]).arg(dir),
            None => command.args(["--appendonly", "no"]),
        };
        self.child = Some(command.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("start redis-server"));
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not listen on {} within 10 s", self.port);
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// SIGKILL: what a crash or a lost machine looks like to the proxies.
    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.kill();
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

struct Fleet {
    redis: RedisServer,
    mock: Arc<MockState>,
    mock_config: MockConfig,
    origin: String,
    users: Vec<UserConfig>,
    states: Vec<Arc<AppState>>,
    /// Each instance's router, no session.
    instances: Vec<axum::Router>,
    /// `max_sessions_per_user` of instances added from now on.
    max_sessions_per_user: Option<usize>,
}

impl Fleet {
    async fn start(mock_config: MockConfig, instances: usize, persistent: bool) -> Option<Fleet> {
        let redis = RedisServer::start(persistent)?;
        let mock = MockState::new(mock_config.clone());
        let origin = format!("http://{}", commerce_mock::spawn(mock.clone(), "127.0.0.1:0").await.unwrap());
        let users = [(OPERATOR, Role::Operator)]
            .into_iter()
            .map(|((username, password), role)| UserConfig { username: username.into(), password_hash: Secret::new(hash_password(password).unwrap()), role })
            .collect();
        let mut fleet = Fleet { redis, mock, mock_config, origin, users, states: Vec::new(), instances: Vec::new(), max_sessions_per_user: None };
        for _ in 0..instances {
            let _ = fleet.add_instance();
        }
        Some(fleet)
    }

    /// One more proxy on the same Redis and mock (also: a restarted one).
    fn add_instance(&mut self) -> axum::Router {
        let (origin, mock) = (&self.origin, &self.mock_config);
        let config = Config {
            users: self.users.clone(),
            redis_url: Some(Secret::new(self.redis.url())),
            redis_token_key: Some(Secret::new(TOKEN_KEY)),
            max_sessions_per_user: self.max_sessions_per_user,
            stock2shop: Stock2ShopConfig {
                base_url: Some(format!("{origin}/stock2shop")),
                queue_base_url: Some(format!("{origin}/stock2shop")),
                username: Some(mock.stock2shop_username.clone()),
                password: Some(Secret::new(mock.stock2shop_password.clone())),
                requests_per_second: None,
            },
            sellers_commerce: SellersCommerceConfig {
                base_url: Some(format!("{origin}/sellers_commerce")),
                username: Some(mock.sellers_username.clone()),
                password: Some(Secret::new(mock.sellers_password.clone())),
            },
            ..Config::default()
        };
        config.check_redis().expect("a valid fleet configuration");
        let upstreams = Upstreams::from_config(&config, origin, mock);
        let state = AppState::new(config, upstreams);
        let router = app(state.clone());
        self.states.push(state);
        self.instances.push(router.clone());
        router
    }

    fn token_grants(&self, vendor: &str, operation: &str) -> u64 {
        self.mock.traffic().get(vendor).and_then(|t| t.operations.get(operation).copied()).unwrap_or(0)
    }
}

async fn status_of(router: &axum::Router, uri: &str) -> (StatusCode, String) {
    let (status, _, body) = send(router, get(uri)).await;
    (status, body)
}

async fn sign_in_attempt(router: &axum::Router, password: &str) -> StatusCode {
    let body = serde_json::json!({ "username": OPERATOR.0, "password": password });
    let request = axum::http::Request::post("/auth/login")
        .header("content-type", "application/json")
        .header("x-commerce-kit", "1")
        .body(axum::body::Body::from(body.to_string()))
        .unwrap();
    send(router, request).await.0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_opened_on_one_proxy_works_on_the_others_and_ends_everywhere() {
    let Some(mut fleet) = Fleet::start(MockConfig::default(), 3, false).await else { return };
    let (a, b, c) = (fleet.instances[0].clone(), fleet.instances[1].clone(), fleet.instances[2].clone());
    let cookie = login(&a, OPERATOR).await;
    for (name, instance) in [("A", &a), ("B", &b), ("C", &c)] {
        let (status, body) = status_of(&signed_in(instance, cookie.clone()), "/api/s2/inventory/overview").await;
        assert_eq!(status, StatusCode::OK, "instance {name}: {body}");
    }
    // A restarted proxy (a new process state on the same Redis) keeps the session.
    let restarted = fleet.add_instance();
    assert_eq!(status_of(&signed_in(&restarted, cookie.clone()), "/auth/me").await.0, StatusCode::OK);
    // Redis holds the session under the SHA-256 of its id, never the id itself.
    let id = cookie.split_once('=').unwrap().1;
    let client = redis::Client::open(fleet.redis.url()).unwrap();
    let mut con = client.get_multiplexed_async_connection().await.unwrap();
    let keys: Vec<String> = redis::cmd("KEYS").arg("*").query_async(&mut con).await.unwrap();
    assert!(keys.iter().any(|k| k.starts_with("commerce-proxy:session:")), "{keys:?}");
    assert!(!keys.iter().any(|k| k.contains(id)), "the session id is stored in the clear: {keys:?}");
    // Signing out on C ends it on A, B and the restarted one.
    let request = axum::http::Request::post("/auth/logout").header("x-commerce-kit", "1").header("cookie", &cookie).body(axum::body::Body::empty()).unwrap();
    assert_eq!(send(&c, request).await.0, StatusCode::NO_CONTENT);
    for instance in [&a, &b, &restarted] {
        assert_eq!(status_of(&signed_in(instance, cookie.clone()), "/auth/me").await.0, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_token_is_granted_once_for_the_whole_fleet() {
    // Sellers Commerce access tokens that live 4 s: the proxy renews them after 3 s.
    let mock = MockConfig { sellers_token_ttl: Duration::from_secs(4), ..MockConfig::default() };
    let Some(fleet) = Fleet::start(mock, 3, false).await else { return };
    let cookie = login(&fleet.instances[0], OPERATOR).await;
    let routers: Vec<axum::Router> = fleet.instances.iter().map(|r| signed_in(r, cookie.clone())).collect();
    const URI: &str = "/api/sellers_commerce/api/product/getallproductskus?productcode=SC-1001";
    assert_eq!(status_of(&routers[0], URI).await.0, StatusCode::OK);
    let grants = || fleet.token_grants("sellers_commerce", "sellers_commerce.token_password");
    assert_eq!(grants(), 1, "the first request's grant");
    // The access token expires at the vendor; then 3 instances × 20 requests at once.
    tokio::time::sleep(Duration::from_millis(4200)).await;
    let failed = round_robin(&routers, 60, URI).await;
    let grants_for_expiry = grants() - 1;
    println!("FLEET tokens: 3 instances x 20 concurrent requests after expiry: {grants_for_expiry} grant(s) at the vendor, {failed} failed request(s)");
    assert_eq!((grants_for_expiry, failed), (1, 0));
    // And the token is encrypted at rest: the vendor's value is not in Redis.
    let client = redis::Client::open(fleet.redis.url()).unwrap();
    let mut con = client.get_multiplexed_async_connection().await.unwrap();
    let blob: Vec<u8> = redis::cmd("HGET").arg("commerce-proxy:token:sellers_commerce").arg("blob").query_async(&mut con).await.unwrap();
    let secrets = fleet.states[0].upstreams.sellers_commerce.secrets();
    assert!(secrets.len() >= 2, "the password and the access token: {}", secrets.len());
    for secret in &secrets {
        assert!(!blob.windows(secret.len()).any(|w| w == secret.as_bytes()), "a token is stored in the clear");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_reads_over_three_proxies_keep_the_vendors_one_per_second() {
    // The mock enforces Stock2Shop's documented 1 request per second with 429s.
    let mock = MockConfig { stock2shop_rate_limit: true, ..MockConfig::default() };
    let Some(fleet) = Fleet::start(mock, 3, false).await else { return };
    let cookie = login(&fleet.instances[0], OPERATOR).await;
    let routers: Vec<axum::Router> = fleet.instances.iter().map(|r| signed_in(r, cookie.clone())).collect();
    let started = Instant::now();
    let failed = round_robin(&routers, 30, "/api/stock2shop/v1/sources?format=json").await;
    let traffic = fleet.mock.traffic()["stock2shop"].clone();
    println!(
        "FLEET pacing: 30 reads round-robin over 3 instances in {:.1} s: {} request(s) at the vendor (login included), highest {} per second, {} 429(s), {failed} failed request(s)",
        started.elapsed().as_secs_f64(),
        traffic.requests,
        traffic.highest_per_second,
        traffic.rate_limited
    );
    assert_eq!((failed, traffic.rate_limited), (0, 0));
    assert!(traffic.highest_per_second <= 1, "{traffic:?}");
    assert_eq!(traffic.requests, 31, "one login and 30 reads: {traffic:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_failures_count_across_the_fleet() {
    let Some(fleet) = Fleet::start(MockConfig::default(), 3, false).await else { return };
    // Five wrong passwords, spread over the three instances: two or fewer each.
    for i in 0..5 {
        assert_eq!(sign_in_attempt(&fleet.instances[i % 3], "wrong").await, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    // Any instance now refuses the same user from the same address, even the right
    // password: per instance, each would still allow three more guesses.
    let mut refused = 0;
    for instance in &fleet.instances {
        if sign_in_attempt(instance, OPERATOR.1).await == StatusCode::TOO_MANY_REQUESTS {
            refused += 1;
        }
    }
    println!("FLEET throttling: after 5 failures spread over 3 instances, {refused} of 3 instances refuse the next attempt");
    assert_eq!(refused, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redis_outage_fails_closed_and_heals_by_itself() {
    // Redis with an append-only file: the sessions outlive its crash.
    let Some(mut fleet) = Fleet::start(MockConfig::default(), 2, true).await else { return };
    let cookie = login(&fleet.instances[0], OPERATOR).await;
    let routers: Vec<axum::Router> = fleet.instances.iter().map(|r| signed_in(r, cookie.clone())).collect();
    const URI: &str = "/api/s2/inventory/overview";
    assert_eq!(status_of(&routers[1], URI).await.0, StatusCode::OK);
    assert_eq!(status_of(&fleet.instances[0], "/readyz").await.0, StatusCode::OK);

    // Traffic keeps flowing while Redis is killed and restarted.
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let traffic = {
        let (routers, stop) = (routers.clone(), stop.clone());
        tokio::spawn(async move {
            let mut statuses = Vec::new();
            let mut i = 0;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let (status, body) = status_of(&routers[i % 2], URI).await;
                assert!(status == StatusCode::OK || (status == StatusCode::SERVICE_UNAVAILABLE && body.contains("state_unavailable")), "{status} {body}");
                statuses.push(status);
                i += 1;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            statuses
        })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    fleet.redis.kill();
    let down_at = Instant::now();
    let (status, body) = status_of(&routers[0], URI).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    let error: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(error["error"]["code"], "state_unavailable");
    // Refused before the vendor was called: a client may send even a write again.
    assert_eq!(error["error"]["sent"], false, "{body}");
    assert!(down_at.elapsed() < Duration::from_secs(5), "failing closed took {:?}", down_at.elapsed());
    let (status, body) = status_of(&fleet.instances[1], "/readyz").await;
    assert!(status == StatusCode::SERVICE_UNAVAILABLE && body.contains("state_unavailable"), "{status} {body}");
    assert_eq!(sign_in_attempt(&fleet.instances[1], OPERATOR.1).await, StatusCode::SERVICE_UNAVAILABLE, "no sign-in without shared state");
    tokio::time::sleep(Duration::from_millis(500)).await;

    fleet.redis.run();
    let back_at = Instant::now();
    for (i, router) in routers.iter().enumerate() {
        loop {
            if status_of(router, URI).await.0 == StatusCode::OK {
                break;
            }
            assert!(back_at.elapsed() < Duration::from_secs(15), "instance {i} did not recover within 15 s of Redis's return");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    let recovered_in = back_at.elapsed();
    assert_eq!(status_of(&fleet.instances[0], "/readyz").await.0, StatusCode::OK);
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let statuses = traffic.await.unwrap();
    let refused = statuses.iter().filter(|s| **s == StatusCode::SERVICE_UNAVAILABLE).count();
    println!(
        "FLEET outage: {} requests during a Redis kill and restart: {} answered 503 state_unavailable, the rest 200; recovered {:.1} s after Redis returned",
        statuses.len(),
        refused,
        recovered_in.as_secs_f64()
    );
    assert!(refused > 0, "the traffic saw the outage");
    assert_eq!(statuses.last(), Some(&StatusCode::OK));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_cap_per_user_holds_across_the_fleet() {
    let Some(mut fleet) = Fleet::start(MockConfig::default(), 0, false).await else { return };
    fleet.max_sessions_per_user = Some(2);
    let instances: Vec<axum::Router> = (0..3).map(|_| fleet.add_instance()).collect();
    let mut cookies = Vec::new();
    for instance in &instances {
        cookies.push(login(instance, OPERATOR).await);
    }
    // The third sign-in (on the third instance) ended the first, everywhere.
    let alive: Vec<StatusCode> =
        futures_util::future::join_all(cookies.iter().map(|c| async { status_of(&signed_in(&instances[0], c.clone()), "/auth/me").await.0 })).await;
    assert_eq!(alive, [StatusCode::UNAUTHORIZED, StatusCode::OK, StatusCode::OK]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vendor_retry_after_on_one_proxy_holds_back_the_others() {
    let mock = MockConfig { stock2shop_rate_limit: true, ..MockConfig::default() };
    let Some(fleet) = Fleet::start(mock, 2, false).await else { return };
    let cookie = login(&fleet.instances[0], OPERATOR).await;
    let (a, b) = (signed_in(&fleet.instances[0], cookie.clone()), signed_in(&fleet.instances[1], cookie));
    const URI: &str = "/api/stock2shop/v1/sources?format=json";
    assert_eq!(status_of(&a, URI).await.0, StatusCode::OK, "login and a first read");
    // The vendor's next answer: 429, Retry-After: 3.
    fleet.mock.set_faults(commerce_mock::Faults { status: Some(429), retry_after: Some(3), times: Some(1), ..Default::default() });
    let (status, _) = status_of(&a, URI).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    let asked_at = Instant::now();
    let (status, body) = status_of(&b, URI).await;
    let held = asked_at.elapsed();
    println!("FLEET Retry-After: 3 s stated to instance A held instance B back {:.1} s", held.as_secs_f64());
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(held >= Duration::from_millis(2500), "instance B went after {held:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_late_token_writer_cannot_overwrite_a_newer_token() {
    let Some(redis) = RedisServer::start(false) else { return };
    let shared = commerce_proxy::fleet_state::Shared::open(&Secret::new(redis.url()), &Secret::new(TOKEN_KEY)).unwrap();
    let token = |access: &str| commerce_proxy::fleet_state::SealedToken { access: access.into(), refresh_at_ms: None, refresh: None, refresh_until_ms: None };
    // Two writers both read version 0; the one whose lock ran out writes second.
    assert!(shared.write_token("stock2shop", 0, &token("first")).await.unwrap());
    assert!(!shared.write_token("stock2shop", 0, &token("late")).await.unwrap(), "fencing refuses the stale version");
    let stored = shared.read_token("stock2shop").await.unwrap().unwrap();
    assert_eq!((stored.version, stored.tokens.access.as_str()), (1, "first"));
    // The lock: one owner at a time, released only by its owner.
    assert!(shared.lock_grant("stock2shop", "owner-a", Duration::from_secs(5)).await.unwrap());
    assert!(!shared.lock_grant("stock2shop", "owner-b", Duration::from_secs(5)).await.unwrap());
    shared.unlock_grant("stock2shop", "owner-b").await.unwrap();
    assert!(!shared.lock_grant("stock2shop", "owner-b", Duration::from_secs(5)).await.unwrap(), "only the owner releases");
    shared.unlock_grant("stock2shop", "owner-a").await.unwrap();
    assert!(shared.lock_grant("stock2shop", "owner-b", Duration::from_secs(5)).await.unwrap());
    // A token written under another key does not open.
    let other = commerce_proxy::fleet_state::Shared::open(&Secret::new(redis.url()), &Secret::new("ab".repeat(32))).unwrap();
    assert!(other.read_token("stock2shop").await.unwrap_err().0.contains("redis_token_key"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fleet_pacing_is_shared_and_abandoned_waiters_reserve_nothing() {
    use commerce_proxy::pacing::Pacer;
    let Some(redis) = RedisServer::start(false) else { return };
    let shared = || commerce_proxy::fleet_state::Shared::open(&Secret::new(redis.url()), &Secret::new(TOKEN_KEY)).unwrap();
    // Two instances' pacers for one vendor.
    let (a, b) = (Arc::new(Pacer::per_second(1.0).fleet(shared(), "stock2shop")), Pacer::per_second(1.0).fleet(shared(), "stock2shop"));
    let start = Instant::now();
    a.turn().await.unwrap();
    b.turn().await.unwrap();
    let second = start.elapsed();
    assert!(second >= Duration::from_millis(950), "instance B went {second:?} after A");
    // 20 requests on A whose clients give up after 0.3 s leave no slots behind.
    let abandoned: Vec<_> = (0..20)
        .map(|_| {
            let a = a.clone();
            tokio::spawn(async move { tokio::time::timeout(Duration::from_millis(300), a.turn()).await.is_err() })
        })
        .collect();
    for gave_up in abandoned {
        assert!(gave_up.await.unwrap(), "no slot within 0.3 s of the last one");
    }
    a.turn().await.unwrap();
    let third = start.elapsed();
    assert!(
        third >= second + Duration::from_millis(950) && third <= second + Duration::from_millis(1500),
        "the next slot came at {third:?}, not behind 20 ghosts"
    );
}

/// `count` concurrent GETs of `uri`, spread round-robin over `routers`; how many did not
/// answer 200 (each printed).
async fn round_robin(routers: &[axum::Router], count: usize, uri: &'static str) -> usize {
    let calls: Vec<_> = (0..count)
        .map(|i| {
            let router = routers[i % routers.len()].clone();
            tokio::spawn(async move { status_of(&router, uri).await })
        })
        .collect();
    let mut failed = 0;
    for call in calls {
        let (status, body) = call.await.unwrap();
        if status != StatusCode::OK {
            failed += 1;
            eprintln!("failed: {status} {body}");
        }
    }
    failed
}

/// Token grants failing across the fleet (issue 15 item 4): whichever proxy grants, the
/// vendor never sees two grants in flight, and an outage costs one grant's 3 attempts for
/// the whole fleet, not 3 per proxy; the requests waiting on the three proxies succeed
/// once a passing fault is over, or fail typed within their bound; after the fault,
/// requests succeed again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failing_token_grants_across_the_fleet_stay_single_flight_and_typed() {
    const GRANT: &str = "sellers_commerce.token_password";
    const URI: &str = "/api/sellers_commerce/api/category/getall";
    let rows = [
        ("503 once", commerce_mock::Faults { status: Some(503), times: Some(1), ..Default::default() }, "200"),
        ("502 until cleared", commerce_mock::Faults { status: Some(502), ..Default::default() }, "502 upstream_unreachable"),
    ];
    for (name, faults, expected) in rows {
        let Some(fleet) = Fleet::start(MockConfig::default(), 3, false).await else { return };
        let cookie = login(&fleet.instances[0], OPERATOR).await;
        let routers: Vec<axum::Router> = fleet.instances.iter().map(|r| signed_in(r, cookie.clone())).collect();
        fleet.mock.set_faults(commerce_mock::Faults { operations: vec![GRANT.into()], ..faults });
        let started = Instant::now();
        let calls: Vec<_> = (0..9)
            .map(|i| {
                let router = routers[i % routers.len()].clone();
                tokio::spawn(async move {
                    let (status, body) = status_of(&router, URI).await;
                    let code = serde_json::from_str::<serde_json::Value>(&body).ok().and_then(|v| v["error"]["code"].as_str().map(str::to_string));
                    code.map_or(status.as_u16().to_string(), |code| format!("{} {code}", status.as_u16()))
                })
            })
            .collect();
        let mut outcomes = Vec::new();
        for call in calls {
            outcomes.push(call.await.unwrap());
        }
        let took = started.elapsed();
        outcomes.sort();
        outcomes.dedup();
        let (grants, in_flight) = (fleet.mock.arrived(GRANT), fleet.mock.highest_in_flight(GRANT));
        println!("FLEET token fault {name}: 3 instances x 3 waiting requests -> {outcomes:?} in {took:?}; {grants} grant(s), at most {in_flight} in flight");
        assert_eq!(outcomes, [expected], "{name}");
        assert_eq!(in_flight, 1, "{name}: two grants in flight at the vendor");
        assert!(took < Duration::from_secs(10), "{name}: {took:?}");
        // One grant (3 attempts) for the whole fleet per failure: the proxy whose grant
        // failed holds the others off through Redis, so they answer without trying.
        assert!(grants <= 3, "{name}: {grants} grant attempts across 3 proxies (at most 3 per outage)");
        fleet.mock.set_faults(commerce_mock::Faults::default());
        let deadline = Instant::now() + Duration::from_secs(5);
        while round_robin(&routers, 3, URI).await > 0 {
            assert!(Instant::now() < deadline, "{name}: still failing 5 s after the fault was cleared");
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    }
}

/// `status code` of an answer (`status` alone without a JSON error), and its `Retry-After`.
async fn typed_outcome(router: &axum::Router, uri: &str) -> (String, Option<u64>) {
    let (status, headers, body) = send(router, get(uri)).await;
    let code = serde_json::from_str::<serde_json::Value>(&body).ok().and_then(|v| v["error"]["code"].as_str().map(str::to_string));
    let retry_after = headers.get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
    (code.map_or(status.as_u16().to_string(), |code| format!("{} {code}", status.as_u16())), retry_after)
}

/// A grant that failed on proxy A holds grants off on B and C too: they answer with A's
/// typed failure at once, without a grant of their own, even though the vendor is fine
/// again; once the hold-off has passed, the next request on any proxy gets a token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_grant_failure_on_one_proxy_holds_back_the_whole_fleet() {
    const GRANT: &str = "sellers_commerce.token_password";
    const URI: &str = "/api/sellers_commerce/api/category/getall";
    let Some(fleet) = Fleet::start(MockConfig::default(), 3, false).await else { return };
    let cookie = login(&fleet.instances[0], OPERATOR).await;
    let (a, b, c) = (signed_in(&fleet.instances[0], cookie.clone()), signed_in(&fleet.instances[1], cookie.clone()), signed_in(&fleet.instances[2], cookie));

    // 502 on the token route: A tries its grant 3 times and holds the fleet off for 1 s.
    fleet.mock.set_faults(commerce_mock::Faults { operations: vec![GRANT.into()], status: Some(502), ..Default::default() });
    assert_eq!(typed_outcome(&a, URI).await.0, "502 upstream_unreachable");
    let failed_at = Instant::now();
    assert_eq!(fleet.mock.arrived(GRANT), 3, "A's grant: 3 attempts");
    // The vendor is fine again, but the hold-off stands: B and C answer A's failure.
    fleet.mock.set_faults(commerce_mock::Faults::default());
    for (name, proxy) in [("B", &b), ("C", &c)] {
        assert_eq!(typed_outcome(proxy, URI).await.0, "502 upstream_unreachable", "proxy {name}");
    }
    let answered_in = failed_at.elapsed();
    assert!(answered_in < Duration::from_secs(1), "B and C answered {answered_in:?} after A's failure, past its 1 s hold-off");
    assert_eq!(fleet.mock.arrived(GRANT), 3, "B and C did not call the vendor");

    // After the hold-off, C (not the proxy that failed) grants once and gets its answer.
    tokio::time::sleep(Duration::from_secs(1).saturating_sub(failed_at.elapsed()) + Duration::from_millis(100)).await;
    assert_eq!(typed_outcome(&c, URI).await.0, "200");
    assert_eq!(fleet.mock.arrived(GRANT), 4, "one grant after the hold-off");
    println!("FLEET grant hold-off: a 502 outage cost 3 grant attempts across 3 proxies; B and C answered 502 upstream_unreachable in {answered_in:?} without calling the vendor");
}

/// A 429 with `Retry-After: 3` on the token route seen by A holds B and C off for the
/// rest of the 3 s with the same typed answer (429 `upstream_rate_limited`, the time
/// left); then any proxy gets a token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vendor_retry_after_on_a_grant_holds_the_fleet_until_it_expires() {
    const GRANT: &str = "sellers_commerce.token_password";
    const URI: &str = "/api/sellers_commerce/api/category/getall";
    let Some(fleet) = Fleet::start(MockConfig::default(), 3, false).await else { return };
    let cookie = login(&fleet.instances[0], OPERATOR).await;
    let routers: Vec<axum::Router> = fleet.instances.iter().map(|r| signed_in(r, cookie.clone())).collect();

    fleet.mock.set_faults(commerce_mock::Faults { operations: vec![GRANT.into()], status: Some(429), retry_after: Some(3), ..Default::default() });
    assert_eq!(typed_outcome(&routers[0], URI).await, ("429 upstream_rate_limited".to_string(), Some(3)));
    let refused_at = Instant::now();
    fleet.mock.set_faults(commerce_mock::Faults::default());
    for (name, proxy) in [("B", &routers[1]), ("C", &routers[2])] {
        let (outcome, retry_after) = typed_outcome(proxy, URI).await;
        assert_eq!(outcome, "429 upstream_rate_limited", "proxy {name}");
        // The time left of A's 3 s, rounded up; a slow machine may have used a second.
        assert!(matches!(retry_after, Some(2..=3)), "proxy {name}: Retry-After {retry_after:?}");
    }
    assert_eq!(fleet.mock.arrived(GRANT), 1, "only A's grant reached the vendor");

    // Until the 3 s have passed every proxy is held; then the next request on any gets a token.
    let mut held_requests = 0;
    let recovered_after = loop {
        let (outcome, _) = typed_outcome(&routers[held_requests % 3], URI).await;
        if outcome == "200" {
            break refused_at.elapsed();
        }
        assert_eq!(outcome, "429 upstream_rate_limited");
        assert!(refused_at.elapsed() < Duration::from_secs(6), "still held 6 s after a Retry-After of 3");
        held_requests += 1;
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    println!(
        "FLEET grant Retry-After: 3 s stated to A held the fleet {:.1} s ({held_requests} held requests, none reached the vendor)",
        recovered_after.as_secs_f64()
    );
    assert!(recovered_after >= Duration::from_millis(2500), "a grant went through {recovered_after:?} after a Retry-After of 3 s");
    assert_eq!(fleet.mock.arrived(GRANT), 2, "the held requests made no grant; the first after the hold-off made one");
}

/// A token written (a grant that succeeded) ends the hold-off at once; a write refused
/// by fencing does not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_successful_grant_clears_the_hold_off_early() {
    let Some(redis) = RedisServer::start(false) else { return };
    let shared = commerce_proxy::fleet_state::Shared::open(&Secret::new(redis.url()), &Secret::new(TOKEN_KEY)).unwrap();
    let token = |access: &str| commerce_proxy::fleet_state::SealedToken { access: access.into(), refresh_at_ms: None, refresh: None, refresh_until_ms: None };
    assert!(shared.grants_held("stock2shop").await.unwrap().is_none(), "no hold-off before any failure");
    shared.hold_grants("stock2shop", "the reason", Duration::from_secs(60)).await.unwrap();
    let (reason, left) = shared.grants_held("stock2shop").await.unwrap().expect("held");
    assert_eq!(reason, "the reason");
    assert!(left > Duration::from_secs(55) && left <= Duration::from_secs(60), "{left:?}");
    assert!(shared.grants_held("sellers_commerce").await.unwrap().is_none(), "a hold-off is per vendor");
    // A late writer's refused write (its lock ran out) says nothing about the vendor now.
    assert!(shared.write_token("stock2shop", 0, &token("first")).await.unwrap());
    shared.hold_grants("stock2shop", "again", Duration::from_secs(60)).await.unwrap();
    assert!(!shared.write_token("stock2shop", 0, &token("late")).await.unwrap());
    assert!(shared.grants_held("stock2shop").await.unwrap().is_some(), "a fenced-out write does not clear the hold-off");
    assert!(shared.write_token("stock2shop", 1, &token("second")).await.unwrap());
    assert!(shared.grants_held("stock2shop").await.unwrap().is_none(), "the written token cleared the hold-off");
    // And a hold-off expires by itself.
    shared.hold_grants("stock2shop", "short", Duration::from_millis(200)).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(shared.grants_held("stock2shop").await.unwrap().is_none(), "expired");
}
