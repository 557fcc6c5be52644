//! The mock upstream on its own, for the proxy throughput benchmark (bench/proxy):
//!
//!     cargo run --release -p commerce-mock --example serve_mock -- 127.0.0.1:0
//!
//! prints `listening on http://ADDR` and serves until killed. Two worker threads, like
//! the proxy's and nginx's two workers on the benchmark machine.
//!
//! Bench only: `COMMERCE_MOCK_S2_TOKEN` replaces the S2 token the mock accepts. The
//! benchmark sets a 3-byte one for a second proxy, which then has no secret long enough
//! to scrub for (`scrub::MIN_SECRET_LEN`): its throughput is the proxy's without scrubbing.

fn main() {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:0".into());
    let mut config = commerce_mock::MockConfig::default();
    if let Ok(token) = std::env::var("COMMERCE_MOCK_S2_TOKEN") {
        config.s2_token = token;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("tokio runtime");
    runtime.block_on(async {
        let state = commerce_mock::MockState::new(config);
        let bound = commerce_mock::spawn(state, &addr).await.expect("bind the mock");
        println!("listening on http://{bound}");
        std::future::pending::<()>().await;
    });
}
