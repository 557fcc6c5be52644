//! The soak (issue 15 item 5): the proxy binary in front of the standalone mock with a
//! share of injected faults, about 200 requests per second of mixed reads and writes on
//! loopback for a while, then a report and a verdict (exit 1 on a failed target).
//!
//!     cargo run --release -p commerce-proxy --example soak -- \
//!         --proxy target/release/commerce-proxy --mock target/release/commerce-mock \
//!         --seconds 600 --rate 200 --bucket-seconds 60
//!
//! (`make soak`; `make soak-smoke` runs 30 s.) The mix: 3/10 S2 inventory overviews,
//! 3/10 S2 Partner product lists, 3/10 Sellers Commerce category lists (a token vendor),
//! 1/10 S2 fulfillment-order creates, each with its own `channelFulfillmentId`, through
//! the package's own retry (`CreateFulfillmentOrder::send_safely`). The mock commits and
//! then drops the answer of `--fault-percent` of all requests (default 5): the hardest
//! fault, since the vendor did it and nobody heard.
//!
//! Targets: no unexpected error (one that is not the typed report of a lost answer), no
//! panic, every write accounted for (a create reported created or already created exists
//! exactly once at the mock; one reported `outcome_unknown` at most once; nothing else
//! exists), and for runs of 5 minutes or more proxy RSS growth under 10 % from the end
//! of the first bucket to the last. Reported per bucket: requests, p50/p99 latency,
//! errors, RSS and open file descriptors of the proxy.

use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use commerce_kit::error::Route;
use commerce_kit::vendors::s2::fulfillment::{CreateFulfillmentOrder, LostAnswers, S2CreateOutcome};
use commerce_kit::Error;
use commerce_mock::examples::fulfillment_order;

/// Requests in flight at most: beyond it a tick is counted as skipped (the generator
/// or the proxy fell behind), not queued.
const MAX_IN_FLIGHT: usize = 512;

/// A request taking longer is an unexpected error (the package's default timeout).
const CLIENT_TIMEOUT: Duration = Duration::from_secs(30);

/// How long the generator keeps an idle connection: half the proxy's idle timeout.
const CLIENT_POOL_IDLE: Duration = Duration::from_secs(30);

struct Options {
    proxy: String,
    mock: String,
    seconds: u64,
    rate: u64,
    bucket_seconds: u64,
    fault_percent: u8,
}

fn options() -> Result<Options, String> {
    let mut options = Options { proxy: String::new(), mock: String::new(), seconds: 30, rate: 200, bucket_seconds: 10, fault_percent: 5 };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let [name, value] = pair else { return Err(format!("{} has no value", pair[0])) };
        let number = || value.parse::<u64>().map_err(|_| format!("{name}: {value:?} is not a whole number"));
        match name.as_str() {
            "--proxy" => options.proxy = value.clone(),
            "--mock" => options.mock = value.clone(),
            "--seconds" => options.seconds = number()?,
            "--rate" => options.rate = number()?.max(1),
            "--bucket-seconds" => options.bucket_seconds = number()?.max(1),
            "--fault-percent" => options.fault_percent = u8::try_from(number()?.min(100)).expect("at most 100"),
            other => return Err(format!("unknown option {other}")),
        }
    }
    if options.proxy.is_empty() || options.mock.is_empty() {
        return Err("--proxy and --mock (the two binaries) are required".into());
    }
    Ok(options)
}

/// A child process killed when dropped.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn wait_for(addr: &str, what: &str) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(addr).is_err() {
        if Instant::now() > deadline {
            return Err(format!("{what} did not listen on {addr} within 20 s"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}

/// Resident set size of `pid` in KiB, from `/proc` (Linux).
fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|l| l.strip_prefix("VmRSS:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn open_fds(pid: u32) -> Option<usize> {
    Some(std::fs::read_dir(format!("/proc/{pid}/fd")).ok()?.count())
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Kind {
    Overview,
    Products,
    Categories,
    Create,
}

impl Kind {
    fn of(tick: u64) -> Kind {
        match tick % 10 {
            0 => Kind::Create,
            1..=3 => Kind::Overview,
            4..=6 => Kind::Products,
            _ => Kind::Categories,
        }
    }

    fn path(self) -> &'static str {
        match self {
            Kind::Overview => "/api/s2/inventory/overview",
            Kind::Products => "/api/s2_partner/product",
            Kind::Categories => "/api/sellers_commerce/api/category/getall",
            Kind::Create => "/api/s2/fulfillment",
        }
    }
}

/// How one call ended.
#[derive(Debug)]
enum Ending {
    Ok,
    /// The typed report of a lost answer: what the injected fault should produce.
    Expected,
    Unexpected(String),
}

/// What one bucket of time saw.
#[derive(Default)]
struct Bucket {
    latencies_ms: Vec<f64>,
    expected: u64,
    unexpected: u64,
    skipped: u64,
    rss_kib: Option<u64>,
    fds: Option<usize>,
}

#[derive(Default)]
struct Tally {
    buckets: BTreeMap<u64, Bucket>,
    unexpected_examples: Vec<String>,
    /// Per create key, how its call ended: "created", "already created", "outcome_unknown"
    /// or another error code.
    writes: BTreeMap<String, String>,
}

struct Client {
    http: reqwest::Client,
    origin: String,
    cookie: String,
}

impl Client {
    /// The package's transport: the answer mapped to its error exactly as the browser
    /// transport maps it (`Error::from_answer`).
    async fn call(&self, method: reqwest::Method, path: &str, body: Option<String>) -> Result<Vec<u8>, Error> {
        let url = format!("{}{path}", self.origin);
        let mut request = self.http.request(method, &url).header("cookie", &self.cookie).header("x-commerce-kit", "1");
        if let Some(body) = body {
            request = request.header("content-type", "application/json").body(body);
        }
        let response =
            request.send().await.map_err(|e| if e.is_timeout() { Error::Timeout { after_ms: 30_000 } } else { Error::Network { message: chain(&e) } })?;
        let status = response.status().as_u16();
        let relayed = response.headers().contains_key("x-upstream-attempts");
        let retry_after = response.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
        let body = response.bytes().await.map_err(|e| Error::Network { message: chain(&e) })?;
        match Error::from_answer(&url, Route::Api { relayed }, status, retry_after, &String::from_utf8_lossy(&body)) {
            Some(error) => Err(error),
            None => Ok(body.to_vec()),
        }
    }
}

/// An error and its causes, for the report.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source();
    }
    text
}

/// A read: its body must decode as the operation's response.
async fn read(client: &Client, kind: Kind) -> Ending {
    let id = match kind {
        Kind::Overview => "s2.get_inventory_overview",
        Kind::Products => "s2_partner.list_products",
        _ => "sellers_commerce.category_getall",
    };
    match client.call(reqwest::Method::GET, kind.path(), None).await {
        Ok(body) => match commerce_kit::validate_operation(id, &body) {
            Some(report) if report.is_valid() => Ending::Ok,
            _ => Ending::Unexpected(format!("{id}: a 200 whose body does not validate")),
        },
        // The proxy retried a lost answer three times and each was lost too: typed, and
        // what a 5 % fault can do when requests interleave.
        Err(Error::Proxy { status: 502, proxy_code, .. }) if proxy_code == "upstream_unreachable" || proxy_code == "upstream_truncated" => Ending::Expected,
        Err(error) => Ending::Unexpected(format!("{id}: {} ({error})", error.code())),
    }
}

async fn create(client: &Client, key: String, lost: &LostAnswers, tally: &Mutex<Tally>) -> Ending {
    let create = CreateFulfillmentOrder::new(fulfillment_order(Some(&key)));
    let send = |request: commerce_kit::request::Request| client.call(reqwest::Method::POST, Kind::Create.path(), request.body.clone());
    let outcome = create.send_safely(lost, send, tokio::time::sleep).await;
    let (word, ending) = match outcome {
        Ok(S2CreateOutcome::Created { .. }) => ("created".to_string(), Ending::Ok),
        Ok(S2CreateOutcome::AlreadyCreated { .. }) => ("already created".to_string(), Ending::Ok),
        Err(error) if error.code() == "outcome_unknown" => ("outcome_unknown".to_string(), Ending::Expected),
        Err(error) => (error.code().to_string(), Ending::Unexpected(format!("create {key}: {} ({error})", error.code()))),
    };
    tally.lock().unwrap().writes.insert(key, word);
    ending
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let options = match options() {
        Ok(options) => options,
        Err(why) => {
            eprintln!("soak: {why}");
            return std::process::ExitCode::from(2);
        }
    };
    match run(options).await {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => std::process::ExitCode::FAILURE,
        Err(why) => {
            eprintln!("soak: {why}");
            std::process::ExitCode::from(2)
        }
    }
}

async fn run(options: Options) -> Result<bool, String> {
    let dir = std::env::temp_dir().join(format!("commerce-soak-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let mock_addr = format!("127.0.0.1:{}", free_port());
    let faults = format!(r#"{{"lose_answer": true, "percent": {}}}"#, options.fault_percent);
    let _mock = Process(
        Command::new(&options.mock)
            .args(["serve", "--listen", &mock_addr, "--faults", &faults])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("{}: {e}", options.mock))?,
    );
    wait_for(&mock_addr, "commerce-mock")?;

    // The vendors "real", at the standalone mock, with the mock's credentials (README,
    // "Running several proxies"); one operator.
    let password = "soak-password";
    let hash = commerce_proxy::session::hash_password(password).map_err(|e| format!("{e:?}"))?;
    let config = format!(
        "[[users]]\nusername = \"soak\"\npassword_hash = \"{hash}\"\nrole = \"operator\"\n\n\
         [s2]\nbase_url = \"http://{mock_addr}/s2\"\ntoken = \"mock-s2-token\"\norganization = \"95d73baf-76ba-4bea-86ac-1534c5e5d4aa\"\n\n\
         [s2_partner]\nbase_url = \"http://{mock_addr}/s2_partner\"\naccess_key = \"mock-s2-partner-key\"\n\n\
         [sellers_commerce]\nbase_url = \"http://{mock_addr}/sellers_commerce\"\nusername = \"mock-sc-access-key\"\npassword = \"mock-sc-shared-secret\"\n"
    );
    let config_path = dir.join("proxy.toml");
    std::fs::write(&config_path, config).map_err(|e| e.to_string())?;
    let proxy_addr = format!("127.0.0.1:{}", free_port());
    let log_path = dir.join("proxy.log");
    let log = std::fs::File::create(&log_path).map_err(|e| e.to_string())?;
    let proxy = Process(
        Command::new(&options.proxy)
            .args(["serve", "--config"])
            .arg(&config_path)
            .args(["--listen", &proxy_addr])
            .env("RUST_LOG", "warn")
            .stdout(log.try_clone().map_err(|e| e.to_string())?)
            .stderr(log)
            .spawn()
            .map_err(|e| format!("{}: {e}", options.proxy))?,
    );
    let pid = proxy.0.id();
    wait_for(&proxy_addr, "commerce-proxy")?;

    // Idle connections are dropped well before the proxy closes them (its idle_timeout,
    // 60 s): otherwise a request sent on a connection the proxy is closing at that moment
    // fails before reaching it. Browsers retry that case by themselves; reqwest does not.
    let http = reqwest::Client::builder()
        .timeout(CLIENT_TIMEOUT)
        .pool_max_idle_per_host(MAX_IN_FLIGHT)
        .pool_idle_timeout(CLIENT_POOL_IDLE)
        .build()
        .map_err(|e| e.to_string())?;
    let origin = format!("http://{proxy_addr}");
    let login = http
        .post(format!("{origin}/auth/login"))
        .header("x-commerce-kit", "1")
        .json(&serde_json::json!({"username": "soak", "password": password}))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let cookie = login.headers().get("set-cookie").and_then(|v| v.to_str().ok()).and_then(|v| v.split(';').next()).ok_or("sign-in gave no cookie")?.to_string();
    let client = Arc::new(Client { http, origin, cookie });
    let tally = Arc::new(Mutex::new(Tally::default()));
    let lost = Arc::new(LostAnswers::default());
    let in_flight = Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));

    println!(
        "soak: {} s at {} requests/s through {proxy_addr} (pid {pid}) to the standalone mock, {} % of answers lost after the work was done",
        options.seconds, options.rate, options.fault_percent
    );
    let started = Instant::now();
    let run_id = std::process::id();
    let mut ticker = tokio::time::interval(Duration::from_nanos(1_000_000_000 / options.rate));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let mut tasks = tokio::task::JoinSet::new();
    let total = options.seconds * options.rate;
    let mut next_sample = Duration::from_secs(options.bucket_seconds);
    let last_bucket = (options.seconds / options.bucket_seconds).max(1) - 1;
    for tick in 0..total {
        ticker.tick().await;
        let elapsed = started.elapsed();
        if elapsed >= next_sample && next_sample.as_secs() / options.bucket_seconds <= last_bucket {
            // The end of a bucket: the proxy's memory and descriptors now.
            let bucket = next_sample.as_secs() / options.bucket_seconds - 1;
            let mut t = tally.lock().unwrap();
            let b = t.buckets.entry(bucket).or_default();
            b.rss_kib = rss_kib(pid);
            b.fds = open_fds(pid);
            next_sample += Duration::from_secs(options.bucket_seconds);
        }
        // A tick late past the end (the generator fell behind) counts in the last bucket.
        let bucket = (elapsed.as_secs() / options.bucket_seconds).min(last_bucket);
        let Ok(permit) = in_flight.clone().try_acquire_owned() else {
            tally.lock().unwrap().buckets.entry(bucket).or_default().skipped += 1;
            continue;
        };
        let (client, tally, lost) = (client.clone(), tally.clone(), lost.clone());
        tasks.spawn(async move {
            let kind = Kind::of(tick);
            let sent = Instant::now();
            let ending = match kind {
                Kind::Create => create(&client, format!("soak-{run_id}-{tick}"), &lost, &tally).await,
                read_kind => read(&client, read_kind).await,
            };
            let ms = sent.elapsed().as_secs_f64() * 1000.0;
            let mut t = tally.lock().unwrap();
            let b = t.buckets.entry(bucket).or_default();
            b.latencies_ms.push(ms);
            match ending {
                Ending::Ok => {}
                Ending::Expected => b.expected += 1,
                Ending::Unexpected(why) => {
                    b.unexpected += 1;
                    if t.unexpected_examples.len() < 10 {
                        t.unexpected_examples.push(why);
                    }
                }
            }
            drop(permit);
        });
        // Reap finished tasks so the set does not grow with the run.
        while tasks.try_join_next().is_some() {}
    }
    while tasks.join_next().await.is_some() {}
    {
        let mut t = tally.lock().unwrap();
        let b = t.buckets.entry(last_bucket).or_default();
        b.rss_kib = rss_kib(pid);
        b.fds = open_fds(pid);
    }
    let alive = std::fs::metadata(format!("/proc/{pid}")).is_ok();

    // Writes accounted for, against what the mock holds.
    let stats: serde_json::Value =
        reqwest::get(format!("http://{mock_addr}/__mock/stats")).await.map_err(|e| e.to_string())?.json().await.map_err(|e| e.to_string())?;
    let mut at_mock: BTreeMap<String, usize> = BTreeMap::new();
    for id in stats["s2_channel_fulfillment_ids"].as_array().ok_or("the mock's stats have no s2_channel_fulfillment_ids")? {
        *at_mock.entry(id.as_str().unwrap_or("(none)").to_string()).or_default() += 1;
    }
    let t = tally.lock().unwrap();
    let mut unaccounted = Vec::new();
    let mut write_outcomes: BTreeMap<&str, usize> = BTreeMap::new();
    for (key, outcome) in &t.writes {
        *write_outcomes.entry(outcome.as_str()).or_default() += 1;
        let held = at_mock.get(key).copied().unwrap_or(0);
        let fine = match outcome.as_str() {
            "created" | "already created" => held == 1,
            "outcome_unknown" => held <= 1,
            _ => held == 0,
        };
        if !fine {
            unaccounted.push(format!("{key}: reported {outcome}, the mock holds {held}"));
        }
    }
    unaccounted.extend(at_mock.iter().filter(|(key, _)| !t.writes.contains_key(*key)).map(|(key, n)| format!("{key}: {n} at the mock, never reported")));
    let log = std::fs::read_to_string(&log_path).unwrap_or_default();
    let panics = log.matches("panicked").count();

    // The report.
    println!(
        "{:>6} {:>8} {:>9} {:>9} {:>8} {:>10} {:>7} {:>9} {:>5}",
        "bucket", "requests", "p50 ms", "p99 ms", "faults", "unexpected", "skipped", "RSS KiB", "fds"
    );
    let mut all: Vec<f64> = Vec::new();
    let (mut expected, mut unexpected, mut skipped) = (0, 0, 0);
    for (i, b) in &t.buckets {
        let mut sorted = b.latencies_ms.clone();
        sorted.sort_by(f64::total_cmp);
        all.extend(&sorted);
        expected += b.expected;
        unexpected += b.unexpected;
        skipped += b.skipped;
        let rss = b.rss_kib.map_or("-".into(), |r| r.to_string());
        let fds = b.fds.map_or("-".into(), |f| f.to_string());
        println!(
            "{:>6} {:>8} {:>9.1} {:>9.1} {:>8} {:>10} {:>7} {:>9} {:>5}",
            format!("{}s", (i + 1) * options.bucket_seconds),
            sorted.len(),
            percentile(&sorted, 0.5),
            percentile(&sorted, 0.99),
            b.expected,
            b.unexpected,
            b.skipped,
            rss,
            fds
        );
    }
    all.sort_by(f64::total_cmp);
    let first_rss = t.buckets.get(&0).and_then(|b| b.rss_kib);
    let last_rss = t.buckets.get(&last_bucket).and_then(|b| b.rss_kib);
    let growth = match (first_rss, last_rss) {
        (Some(first), Some(last)) if first > 0 => Some((last as f64 - first as f64) / first as f64 * 100.0),
        _ => None,
    };
    let achieved = all.len() as f64 / started.elapsed().as_secs_f64();
    println!(
        "requests {} ({achieved:.0}/s), p50 {:.1} ms, p99 {:.1} ms; typed fault reports {expected}, unexpected errors {unexpected}, skipped {skipped}; panics {panics}; proxy alive {alive}",
        all.len(),
        percentile(&all, 0.5),
        percentile(&all, 0.99)
    );
    println!(
        "proxy RSS {} KiB after the first bucket, {} KiB at the end ({}); writes {} {write_outcomes:?}, unaccounted {}",
        first_rss.map_or("-".into(), |r| r.to_string()),
        last_rss.map_or("-".into(), |r| r.to_string()),
        growth.map_or("growth unknown".into(), |g| format!("{g:+.1} %")),
        t.writes.len(),
        unaccounted.len()
    );
    for why in t.unexpected_examples.iter().chain(unaccounted.iter().take(10)) {
        println!("  {why}");
    }
    let long_run = options.seconds >= 300;
    let memory_ok = !long_run || growth.is_some_and(|g| g < 10.0);
    let passed = unexpected == 0 && panics == 0 && alive && unaccounted.is_empty() && memory_ok && !t.writes.is_empty();
    println!("soak: {}", if passed { "passed" } else { "FAILED" });
    drop(proxy);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(passed)
}
