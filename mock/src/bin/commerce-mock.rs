//! The mock upstream as a process of its own, for several proxies to share (`make fleet`,
//! README "Running several proxies"):
//!
//!     commerce-mock serve --listen 127.0.0.1:8090
//!
//! prints `commerce-mock listening on http://ADDR` and serves every vendor under
//! `/<vendor slug>`, with the credentials of `MockConfig::default()` (listed in the
//! README), plus the read-only `GET /__mock/stats`. No fault controls: nothing another
//! local process sends can change what the proxies see. Faults for a whole run (a soak)
//! are set when it starts, by whoever starts it:
//!
//!     commerce-mock serve --listen 127.0.0.1:8090 --faults '{"lose_answer": true, "percent": 5}'

use std::process::ExitCode;

const USAGE: &str = "usage: commerce-mock serve [--listen ADDR] [--faults JSON]   (default 127.0.0.1:8090, no faults)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut listen = "127.0.0.1:8090".to_string();
    let mut faults = commerce_mock::Faults::default();
    let mut rest = args.iter().map(String::as_str);
    if rest.next() != Some("serve") {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    while let Some(arg) = rest.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (arg, None),
        };
        let Some(value) = inline.or_else(|| rest.next()) else {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        };
        match name {
            "--listen" => listen = value.to_string(),
            "--faults" => match serde_json::from_str(value) {
                Ok(parsed) => faults = parsed,
                Err(e) => {
                    eprintln!("commerce-mock: --faults: {e}");
                    return ExitCode::from(2);
                }
            },
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    if listen.parse::<std::net::SocketAddr>().is_err() {
        eprintln!("commerce-mock: --listen: {listen:?} is not an address like 127.0.0.1:8090");
        return ExitCode::from(2);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("tokio runtime");
    runtime.block_on(async {
        let state = commerce_mock::MockState::new(commerce_mock::MockConfig::default());
        state.set_faults(faults);
        let listener = match tokio::net::TcpListener::bind(&listen).await {
            Ok(listener) => listener,
            Err(e) => {
                eprintln!("commerce-mock: cannot listen on {listen}: {e}");
                return ExitCode::FAILURE;
            }
        };
        println!("commerce-mock listening on http://{}", listener.local_addr().expect("bound"));
        match axum::serve(listener, commerce_mock::app_with_stats(state)).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("commerce-mock: {e}");
                ExitCode::FAILURE
            }
        }
    })
}
