//! `commerce-proxy serve | endpoints | validate`.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use commerce_proxy::{app, AppState, Config, ConnectionLimits, Upstreams};

#[derive(Parser)]
#[command(name = "commerce-proxy", version, about = "The commerce-kit proxy: holds the vendor keys, forwards only catalogue operations")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API proxy and the dashboard (default 127.0.0.1:8080).
    Serve {
        /// TOML configuration file (see README, "Configuring real vendors").
        #[arg(long, env = "COMMERCE_PROXY_CONFIG")]
        config: Option<PathBuf>,
        /// Listen address, overriding the config.
        #[arg(long)]
        listen: Option<std::net::SocketAddr>,
        /// Allow this origin to call /api cross-origin (repeatable; tests use it).
        #[arg(long = "allow-origin")]
        allow_origins: Vec<String>,
    },
    /// Print the catalogue as a JSON array.
    Endpoints,
    /// Read a password from standard input and print its argon2id hash for `[[users]]`.
    HashPassword,
    /// Validate a captured response body: exit 0 with a summary, or 1 with every error.
    Validate {
        /// Operation id, e.g. s2.get_inventory_overview.
        operation: String,
        /// File with the body, or `-` for standard input.
        file: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Endpoints => {
            let list = serde_json::to_string_pretty(commerce_kit::catalogue::endpoints()).expect("catalogue serialises");
            println!("{list}");
            ExitCode::SUCCESS
        }
        Command::Validate { operation, file } => validate(&operation, &file),
        Command::HashPassword => {
            let mut password = String::new();
            if std::io::stdin().read_line(&mut password).is_err() || password.trim_end_matches(['\r', '\n']).is_empty() {
                eprintln!("commerce-proxy: give the password on standard input");
                return ExitCode::from(2);
            }
            match commerce_proxy::session::hash_password(password.trim_end_matches(['\r', '\n'])) {
                Ok(hash) => {
                    println!("{hash}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("commerce-proxy: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Serve { config, listen, allow_origins } => {
            tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into())).init();
            let mut config = match Config::load(config.as_deref(), |k| std::env::var(k).ok()) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("commerce-proxy: {e}");
                    return ExitCode::from(2);
                }
            };
            if let Some(listen) = listen {
                config.listen = Some(listen);
            }
            config.allowed_origins.extend(allow_origins);
            match serve(config) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("commerce-proxy: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn validate(operation: &str, file: &str) -> ExitCode {
    let Some(endpoint) = commerce_kit::catalogue::find(operation) else {
        eprintln!("unknown operation {operation:?}; `commerce-proxy endpoints` lists them");
        return ExitCode::from(2);
    };
    let mut body = Vec::new();
    let read = if file == "-" { std::io::stdin().read_to_end(&mut body).map(|_| ()) } else { std::fs::read(file).map(|b| body = b) };
    if let Err(e) = read {
        eprintln!("cannot read {file}: {e}");
        return ExitCode::from(2);
    }
    let report = commerce_kit::validate(endpoint.response, &body);
    if report.is_valid() {
        println!("valid: {} ({} bytes), {} drift path(s)", endpoint.id, body.len(), report.drift.len());
        for path in &report.drift {
            println!("drift: {path}");
        }
        ExitCode::SUCCESS
    } else {
        println!("invalid: {} ({} bytes), {} error(s)", endpoint.id, body.len(), report.error_count());
        for issue in &report.errors {
            println!("{issue}");
        }
        if report.unlisted_errors > 0 {
            println!("... and {} more", report.unlisted_errors);
        }
        ExitCode::FAILURE
    }
}

/// The proxy on one current-thread runtime per core, each with its own `SO_REUSEPORT`
/// listener and its own idle upstream connections (`upstream_http`): a request never
/// crosses threads. Measured against one multi-thread runtime in bench/README.md "Proxy".
/// This thread's runtime runs the rest: the embedded mock, Redis's connection tasks and
/// the shutdown signal.
fn serve(config: Config) -> std::io::Result<()> {
    // The other layout, one multi-thread runtime for everything, kept for measuring
    // against (bench/README.md "Proxy").
    if std::env::var("COMMERCE_PROXY_RUNTIME").as_deref() == Ok("multi-thread") {
        return tokio::runtime::Runtime::new()?.block_on(async {
            let (state, listen) = prepare(config).await?;
            let listener = tokio::net::TcpListener::bind(listen).await?;
            println!("commerce-proxy listening on http://{}", listener.local_addr()?);
            let limits = ConnectionLimits::from_config(&state.config);
            commerce_proxy::serve(listener, app(state), limits, shutdown_signal()).await
        });
    }
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let (state, listen) = runtime.block_on(prepare(config))?;
    let workers = std::env::var("COMMERCE_PROXY_WORKERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    let listeners = commerce_proxy::server::bind_per_worker(listen, workers)?;
    println!("commerce-proxy listening on http://{}", listeners[0].local_addr()?);
    let limits = ConnectionLimits::from_config(&state.config);
    let open = std::sync::Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut threads = Vec::new();
    for (i, listener) in listeners.into_iter().enumerate() {
        let (router, open, mut stopped) = (app(state.clone()), open.clone(), stopped.clone());
        let thread = std::thread::Builder::new().name(format!("proxy-worker-{i}")).spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener)?;
                let shutdown = async move {
                    let _ = stopped.wait_for(|stop| *stop).await;
                };
                commerce_proxy::server::serve_sharing_cap(listener, router, limits, open, shutdown).await
            })
        })?;
        threads.push(thread);
    }
    // On SIGTERM or Ctrl-C: every worker stops accepting and lets in-flight requests
    // finish, while this runtime goes on running what they may still need (Redis).
    runtime.block_on(async move {
        shutdown_signal().await;
        let _ = stop.send(true);
        let joined = tokio::task::spawn_blocking(move || threads.into_iter().map(|t| t.join()).collect::<Vec<_>>()).await;
        for result in joined.map_err(std::io::Error::other)? {
            result.map_err(|_| std::io::Error::other("a worker thread panicked"))??;
        }
        Ok::<(), std::io::Error>(())
    })
}

/// The embedded mock (if some vendor uses it), the upstreams and the state.
async fn prepare(config: Config) -> std::io::Result<(std::sync::Arc<AppState>, std::net::SocketAddr)> {
    // The embedded mock listens only if some vendor uses it, with credentials of this
    // start only, and without its fault controls unless end-to-end tests ask for them.
    let mock_config = commerce_proxy::embedded_mock_config(config.mock_inventory_bytes);
    let mock_origin = if config.mocked_vendors().is_empty() {
        // Unused: every vendor is real.
        String::new()
    } else {
        let state = commerce_mock::MockState::new(mock_config.clone());
        let addr = if config.mock_controls {
            commerce_mock::spawn_with_controls(state, "127.0.0.1:0").await?
        } else {
            commerce_mock::spawn(state, "127.0.0.1:0").await?
        };
        if config.mock_controls {
            tracing::warn!(%addr, "embedded mock listening, with its /__mock fault controls (tests only)");
        } else {
            tracing::info!(%addr, "embedded mock listening");
        }
        format!("http://{addr}")
    };
    let upstreams = Upstreams::from_config(&config, &mock_origin, &mock_config);
    for vendor in commerce_kit::Vendor::ALL {
        let upstream = upstreams.get(vendor);
        if upstream.mock {
            tracing::info!(vendor = vendor.slug(), "not configured: played by the embedded mock");
        } else {
            tracing::info!(vendor = vendor.slug(), base_url = %upstream.base_url, "forwarding to the vendor");
        }
    }
    let (config, demo) = config.with_demo_users(upstreams.any_real()).map_err(|e| std::io::Error::other(e.0))?;
    if demo {
        println!("demo mode (embedded mock, no vendor keys): sign in as demo/demo (operator) or viewer/viewer (viewer)");
    }
    let listen = config.listen.unwrap_or_else(|| "127.0.0.1:8080".parse().unwrap());
    Ok((AppState::new(config, upstreams), listen))
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("SIGTERM handler");
        tokio::select! { _ = ctrl_c => {}, _ = term.recv() => {} }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}
