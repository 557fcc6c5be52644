//! Proxy configuration: a TOML file and/or environment variables (the environment
//! wins). A vendor with no credentials is served by the embedded mock.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use commerce_kit::vendors::s2_partner::{DEV_BASE_URL, PROD_BASE_URL};
use commerce_kit::Vendor;
use serde::de::IntoDeserializer;
use serde::Deserialize;

use crate::secret::Secret;
use crate::session::{hash_password, Role, UserConfig};

/// The largest generated inventory the embedded mock serves (it is built in memory).
pub const MAX_MOCK_INVENTORY_BYTES: u64 = 200_000_000;

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Default `127.0.0.1:8080`.
    pub listen: Option<SocketAddr>,
    /// The built dashboard; default `www/dist`.
    pub static_dir: Option<PathBuf>,
    /// Origins allowed to call `/api` cross-origin (CORS). Default: none, same origin only.
    #[serde(default)]
    pub allowed_origins: Vec<String>,
    /// Upstream timeout in seconds (default 30).
    pub upstream_timeout_secs: Option<u64>,
    /// The proxy's limit for a whole request, retries and queueing included, in seconds
    /// (default 90; see `commerce_proxy::REQUEST_TIMEOUT`).
    pub request_timeout_secs: Option<u64>,
    /// Dashboard users (`[[users]]`). With none configured and no vendor credentials,
    /// the proxy creates the demo users (see [`Config::with_demo_users`]).
    #[serde(default)]
    pub users: Vec<UserConfig>,
    /// Mark the session cookie `Secure` (set when the dashboard is served over HTTPS,
    /// e.g. behind a TLS terminator).
    #[serde(default)]
    pub secure_cookies: bool,
    /// Seconds a client has to send a request head, counted from when the connection
    /// waits for one (default 10; `COMMERCE_PROXY_HEADER_READ_TIMEOUT_SECS`).
    pub header_read_timeout_secs: Option<u64>,
    /// Seconds without a byte either way, while no request of it is being handled, before
    /// a connection is closed (default 60; `COMMERCE_PROXY_IDLE_TIMEOUT_SECS`).
    pub idle_timeout_secs: Option<u64>,
    /// Open client connections at once (default 1024; `COMMERCE_PROXY_MAX_CONNECTIONS`);
    /// more wait in the listener's backlog.
    pub max_connections: Option<usize>,
    /// Sign-in and sessions (see `session::SessionPolicy`): password checks (argon2) at
    /// once, off the async workers (default half the cores, at least 1).
    pub max_password_checks: Option<usize>,
    /// Live sessions per user (default 16); one more sign-in ends the oldest.
    pub max_sessions_per_user: Option<usize>,
    /// Proxies in front of this one (IP addresses or CIDR blocks). Only when the peer is
    /// one of them is `X-Forwarded-For` read: the client is its rightmost address that is
    /// not a trusted proxy. Default none: the socket's address is the client's.
    #[serde(default)]
    pub trusted_proxies: Vec<String>,
    /// Serve the embedded mock's `/__mock/*` fault controls on its loopback port (end-to-end
    /// tests only; default off; `COMMERCE_PROXY_MOCK_CONTROLS=1`).
    #[serde(default)]
    pub mock_controls: bool,
    /// The embedded mock serves a generated S2 inventory overview of about this many
    /// bytes (8 warehouses, one level per product per warehouse) instead of the vendor
    /// document's example: to try the dashboard with big data (default: the example;
    /// `COMMERCE_PROXY_MOCK_INVENTORY_BYTES`, at most 200000000).
    pub mock_inventory_bytes: Option<u64>,
    /// First retry delay for idempotent reads, in milliseconds (default 500, doubling).
    pub retry_base_ms: Option<u64>,
    /// Concurrent upstream requests per vendor (default 32); more wait in a queue.
    pub max_concurrent_upstream: Option<usize>,
    /// Shared state for a fleet of proxies (`COMMERCE_PROXY_REDIS_URL`), e.g.
    /// `redis://:password@10.0.0.5:6379/0` or `rediss://` for TLS: sessions, sign-in
    /// throttling, vendor tokens and pacing live there (see [`crate::shared`]). Unset:
    /// all of it stays in this process, as for one proxy.
    pub redis_url: Option<Secret>,
    /// The AES-256-GCM key that encrypts vendor tokens in Redis, 64 hex digits
    /// (`COMMERCE_PROXY_REDIS_TOKEN_KEY`; `openssl rand -hex 32`). Required with `redis_url`;
    /// every proxy of the fleet needs the same one.
    pub redis_token_key: Option<Secret>,
    #[serde(default)]
    pub s2: S2Config,
    #[serde(default)]
    pub s2_partner: S2PartnerConfig,
    #[serde(default)]
    pub stock2shop: Stock2ShopConfig,
    #[serde(default)]
    pub sellers_commerce: SellersCommerceConfig,
}

/// Stock2Shop: the proxy logs in with username and password, keeps the token, and logs
/// in again once when the vendor answers 401.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Stock2ShopConfig {
    /// The `/v1` host; default the documented one.
    pub base_url: Option<String>,
    /// The `/v2-queue` host; default the documented one.
    pub queue_base_url: Option<String>,
    pub username: Option<String>,
    pub password: Option<Secret>,
    /// Pacing; default 1 (the documents ask for no more than 1 request per second).
    pub requests_per_second: Option<f64>,
}

/// Sellers Commerce: OAuth password grant with the access key as username and the shared
/// secret as password; tokens are refreshed before they expire.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SellersCommerceConfig {
    /// Default the documented one.
    pub base_url: Option<String>,
    /// The "Users Access Key".
    pub username: Option<String>,
    /// The "Users Shared Secret Key".
    pub password: Option<Secret>,
}

/// Username and password, if both are set (blank counts as unset).
fn login_pair(username: &Option<String>, password: &Option<Secret>) -> Option<(String, Secret)> {
    let username = username.clone().filter(|u| !u.trim().is_empty())?;
    let password = password.clone().filter(|p| !p.expose().is_empty())?;
    Some((username, password))
}

impl Stock2ShopConfig {
    pub fn credentials(&self) -> Option<(String, Secret)> {
        login_pair(&self.username, &self.password)
    }
}

impl SellersCommerceConfig {
    pub fn credentials(&self) -> Option<(String, Secret)> {
        login_pair(&self.username, &self.password)
    }
}

/// S2 fulfillment-order and inventory API.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct S2Config {
    /// The seed documents no base URL: set the one S2 gave you.
    pub base_url: Option<String>,
    pub token: Option<Secret>,
    pub organization: Option<String>,
}

impl S2Config {
    /// Credentials and base URL, if the vendor is configured for real.
    pub fn real(&self) -> Option<(String, Secret, String)> {
        match (&self.base_url, &self.token, &self.organization) {
            (Some(url), Some(token), Some(org)) => Some((url.trim_end_matches('/').to_string(), token.clone(), org.clone())),
            _ => None,
        }
    }
}

/// S2 Partner API. The vendor runs two environments with one access key each; the
/// key decides whether the vendor is configured at all.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct S2PartnerConfig {
    /// Which environment the key belongs to; `dev` (test data) unless set.
    #[serde(default)]
    pub environment: S2PartnerEnvironment,
    /// Overrides the environment's base URL (a gateway in front of the vendor, say).
    pub base_url: Option<String>,
    /// Sent as `X-AccessKey`.
    pub access_key: Option<Secret>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum S2PartnerEnvironment {
    /// The test environment, which does not affect live data.
    #[default]
    Dev,
    Prod,
}

impl S2PartnerEnvironment {
    /// The base URL the seed documents for this environment.
    pub fn base_url(self) -> &'static str {
        match self {
            S2PartnerEnvironment::Dev => DEV_BASE_URL,
            S2PartnerEnvironment::Prod => PROD_BASE_URL,
        }
    }
}

impl S2PartnerConfig {
    /// Base URL and access key, if the vendor is configured for real (a non-blank key).
    pub fn real(&self) -> Option<(String, Secret)> {
        let key = self.access_key.clone().filter(|k| !k.expose().trim().is_empty())?;
        let url = self.base_url.as_deref().unwrap_or(self.environment.base_url());
        Some((url.trim_end_matches('/').to_string(), key))
    }
}

#[derive(Debug)]
pub struct ConfigError(pub String);

/// One vendor setting for [`Config::check_vendors`]: whether it is set (blank counts as
/// unset); required ones name themselves and their environment variable.
struct Setting {
    required: Option<(&'static str, &'static str)>,
    set: bool,
}

impl Setting {
    fn required(name: &'static str, env: &'static str, set: bool) -> Self {
        Setting { required: Some((name, env)), set }
    }
    fn optional(set: bool) -> Self {
        Setting { required: None, set }
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The users demo mode creates; printed at start-up.
pub const DEMO_USERS: [(&str, &str, Role); 2] = [("demo", "demo", Role::Operator), ("viewer", "viewer", Role::Viewer)];

impl Config {
    /// [`crate::UPSTREAM_TIMEOUT`] unless configured.
    pub fn upstream_timeout(&self) -> std::time::Duration {
        self.upstream_timeout_secs.map_or(crate::UPSTREAM_TIMEOUT, std::time::Duration::from_secs)
    }

    /// [`crate::REQUEST_TIMEOUT`] unless configured.
    pub fn request_timeout(&self) -> std::time::Duration {
        self.request_timeout_secs.map_or(crate::REQUEST_TIMEOUT, std::time::Duration::from_secs)
    }

    /// Session lifetimes, sign-in throttling and password-check limits: the defaults with
    /// this configuration's overrides.
    pub fn session_policy(&self) -> crate::session::SessionPolicy {
        let defaults = crate::session::SessionPolicy::default();
        crate::session::SessionPolicy {
            max_password_checks: self.max_password_checks.unwrap_or(defaults.max_password_checks),
            max_sessions_per_user: self.max_sessions_per_user.unwrap_or(defaults.max_sessions_per_user),
            ..defaults
        }
    }

    /// Demo mode: with no users configured, creates the demo users, but only when every
    /// vendor is served by the embedded mock. Known passwords must never guard real keys.
    pub fn with_demo_users(mut self, any_real_vendor: bool) -> Result<(Config, bool), ConfigError> {
        if !self.users.is_empty() {
            return Ok((self, false));
        }
        if any_real_vendor {
            return Err(ConfigError(
                "vendor credentials are configured but no [[users]]: demo users are only created with the embedded mock. \
                 Add users with password hashes from `commerce-proxy hash-password`."
                    .into(),
            ));
        }
        for (username, password, role) in DEMO_USERS {
            let password_hash = Secret::new(hash_password(password).map_err(ConfigError)?);
            self.users.push(UserConfig { username: username.into(), password_hash, role });
        }
        Ok((self, true))
    }

    /// Reads the file (if given), then applies `COMMERCE_*` variables from `env`.
    pub fn load(file: Option<&Path>, env: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let mut config = match file {
            Some(path) => {
                warn_if_readable_by_others(path);
                let text = std::fs::read_to_string(path).map_err(|e| ConfigError(format!("cannot read {}: {e}", path.display())))?;
                toml::from_str(&text).map_err(|e| ConfigError(format!("{}: {e}", path.display())))?
            }
            None => Config::default(),
        };
        if let Some(v) = env("COMMERCE_PROXY_LISTEN") {
            config.listen = Some(v.parse().map_err(|e| ConfigError(format!("COMMERCE_PROXY_LISTEN: {e}")))?);
        }
        if let Some(v) = env("COMMERCE_PROXY_STATIC_DIR") {
            config.static_dir = Some(v.into());
        }
        if let Some(v) = env("COMMERCE_PROXY_ALLOWED_ORIGINS") {
            config.allowed_origins = v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect();
        }
        for (name, target) in [
            ("COMMERCE_PROXY_MAX_PASSWORD_CHECKS", &mut config.max_password_checks),
            ("COMMERCE_PROXY_MAX_SESSIONS_PER_USER", &mut config.max_sessions_per_user),
        ] {
            if let Some(v) = env(name) {
                *target = Some(v.trim().parse().map_err(|e| ConfigError(format!("{name}: {e}")))?);
            }
        }
        if let Some(v) = env("COMMERCE_PROXY_TRUSTED_PROXIES") {
            config.trusted_proxies = v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect();
        }
        crate::client_ip::parse_list(&config.trusted_proxies).map_err(|e| ConfigError(format!("trusted_proxies: {e}")))?;
        if config.max_password_checks == Some(0) || config.max_sessions_per_user == Some(0) {
            return Err(ConfigError("max_password_checks and max_sessions_per_user must be at least 1".into()));
        }
        if let Some(v) = env("COMMERCE_PROXY_REDIS_URL") {
            config.redis_url = Some(Secret::new(v));
        }
        if let Some(v) = env("COMMERCE_PROXY_REDIS_TOKEN_KEY") {
            config.redis_token_key = Some(Secret::new(v));
        }
        config.check_redis()?;
        if let Some(v) = env("COMMERCE_S2_BASE_URL") {
            config.s2.base_url = Some(v);
        }
        if let Some(v) = env("COMMERCE_S2_TOKEN") {
            config.s2.token = Some(Secret::new(v));
        }
        if let Some(v) = env("COMMERCE_S2_ORGANIZATION") {
            config.s2.organization = Some(v);
        }
        if let Some(v) = env("COMMERCE_S2_PARTNER_ENVIRONMENT") {
            // The same words as the file, through the same deserializer.
            let parsed = S2PartnerEnvironment::deserialize(v.trim().into_deserializer());
            config.s2_partner.environment = parsed.map_err(|e: serde::de::value::Error| ConfigError(format!("COMMERCE_S2_PARTNER_ENVIRONMENT: {e}")))?;
        }
        if let Some(v) = env("COMMERCE_S2_PARTNER_BASE_URL") {
            config.s2_partner.base_url = Some(v);
        }
        if let Some(v) = env("COMMERCE_S2_PARTNER_ACCESS_KEY") {
            config.s2_partner.access_key = Some(Secret::new(v));
        }
        let set = |target: &mut Option<String>, name: &str| {
            if let Some(v) = env(name) {
                *target = Some(v);
            }
        };
        set(&mut config.stock2shop.base_url, "COMMERCE_STOCK2SHOP_BASE_URL");
        set(&mut config.stock2shop.queue_base_url, "COMMERCE_STOCK2SHOP_QUEUE_BASE_URL");
        set(&mut config.stock2shop.username, "COMMERCE_STOCK2SHOP_USERNAME");
        set(&mut config.sellers_commerce.base_url, "COMMERCE_SELLERS_COMMERCE_BASE_URL");
        set(&mut config.sellers_commerce.username, "COMMERCE_SELLERS_COMMERCE_USERNAME");
        if let Some(v) = env("COMMERCE_STOCK2SHOP_PASSWORD") {
            config.stock2shop.password = Some(Secret::new(v));
        }
        if let Some(v) = env("COMMERCE_SELLERS_COMMERCE_PASSWORD") {
            config.sellers_commerce.password = Some(Secret::new(v));
        }
        if let Some(v) = env("COMMERCE_STOCK2SHOP_REQUESTS_PER_SECOND") {
            config.stock2shop.requests_per_second = Some(v.trim().parse().map_err(|e| ConfigError(format!("COMMERCE_STOCK2SHOP_REQUESTS_PER_SECOND: {e}")))?);
        }
        let positive = |name: &str| -> Result<Option<u64>, ConfigError> {
            match env(name) {
                None => Ok(None),
                Some(v) => match v.trim().parse::<u64>() {
                    Ok(n) if n > 0 => Ok(Some(n)),
                    _ => Err(ConfigError(format!("{name}: {v:?} is not a positive whole number"))),
                },
            }
        };
        if let Some(n) = positive("COMMERCE_PROXY_HEADER_READ_TIMEOUT_SECS")? {
            config.header_read_timeout_secs = Some(n);
        }
        if let Some(n) = positive("COMMERCE_PROXY_IDLE_TIMEOUT_SECS")? {
            config.idle_timeout_secs = Some(n);
        }
        if let Some(n) = positive("COMMERCE_PROXY_MAX_CONNECTIONS")? {
            config.max_connections = Some(usize::try_from(n).unwrap_or(usize::MAX));
        }
        for (name, value) in [
            ("header_read_timeout_secs", config.header_read_timeout_secs),
            ("idle_timeout_secs", config.idle_timeout_secs),
            ("max_connections", config.max_connections.map(|n| n as u64)),
            ("request_timeout_secs", config.request_timeout_secs),
        ] {
            if value == Some(0) {
                return Err(ConfigError(format!("{name}: must be at least 1")));
            }
        }
        if let Some(n) = positive("COMMERCE_PROXY_MOCK_INVENTORY_BYTES")? {
            config.mock_inventory_bytes = Some(n);
        }
        if config.mock_inventory_bytes.is_some_and(|n| n == 0 || n > MAX_MOCK_INVENTORY_BYTES) {
            return Err(ConfigError(format!("mock_inventory_bytes: must be from 1 to {MAX_MOCK_INVENTORY_BYTES}")));
        }
        if let Some(v) = env("COMMERCE_PROXY_MOCK_CONTROLS") {
            config.mock_controls = match v.trim() {
                "1" | "true" => true,
                "" | "0" | "false" => false,
                other => return Err(ConfigError(format!("COMMERCE_PROXY_MOCK_CONTROLS: {other:?} is not 1 or 0"))),
            };
        }
        if config.stock2shop.requests_per_second.is_some_and(|r| !(r > 0.0 && r.is_finite())) {
            return Err(ConfigError("stock2shop.requests_per_second: must be a positive number".into()));
        }
        for origin in &config.allowed_origins {
            if !(origin.starts_with("http://") || origin.starts_with("https://")) || origin.ends_with('/') {
                return Err(ConfigError(format!("allowed_origins: {origin:?} is not an origin like http://host:port")));
            }
        }
        for (name, url) in [
            ("s2.base_url", &config.s2.base_url),
            ("s2_partner.base_url", &config.s2_partner.base_url),
            ("stock2shop.base_url", &config.stock2shop.base_url),
            ("stock2shop.queue_base_url", &config.stock2shop.queue_base_url),
            ("sellers_commerce.base_url", &config.sellers_commerce.base_url),
        ] {
            if let Some(url) = url.as_deref().filter(|u| !(u.starts_with("https://") || u.starts_with("http://"))) {
                return Err(ConfigError(format!("{name}: {url:?} is not an http(s) URL")));
            }
        }
        // A key is sent as a header value: a stray newline or space (a key pasted from a
        // file) would otherwise surface as an unreachable vendor on every request.
        if config.s2_partner.access_key.as_ref().is_some_and(|k| !k.expose().bytes().all(|b| b.is_ascii_graphic())) {
            return Err(ConfigError("s2_partner.access_key: must be printable ASCII without spaces or line breaks".into()));
        }
        config.check_vendors()?;
        Ok(config)
    }

    /// `redis_url` must parse and come with a token key; a key without a URL is a
    /// mistake too (the operator meant to share state).
    pub fn check_redis(&self) -> Result<(), ConfigError> {
        let set = |v: &Option<Secret>| v.as_ref().is_some_and(|v| !v.expose().trim().is_empty());
        match (set(&self.redis_url), set(&self.redis_token_key)) {
            (false, false) => Ok(()),
            (true, false) => Err(ConfigError(
                "redis_url is set but redis_token_key (or COMMERCE_PROXY_REDIS_TOKEN_KEY) is not: vendor tokens are encrypted in Redis with it; \
                 generate one with `openssl rand -hex 32` and give every proxy the same"
                    .into(),
            )),
            (false, true) => Err(ConfigError("redis_token_key is set but redis_url (or COMMERCE_PROXY_REDIS_URL) is not".into())),
            (true, true) => {
                let url = self.redis_url.as_ref().expect("set").expose();
                // The parser's message may echo the URL, password included: not shown.
                if redis::Client::open(url).is_err()
                    || !(url.starts_with("redis://") || url.starts_with("rediss://") || url.starts_with("redis+unix://") || url.starts_with("unix://"))
                {
                    return Err(ConfigError("redis_url: not a Redis URL like redis://[:password@]host:port[/db] or rediss:// (TLS)".into()));
                }
                crate::fleet_state::parse_token_key(self.redis_token_key.as_ref().expect("set").expose())
                    .map(|_| ())
                    .map_err(|e| ConfigError(format!("redis_token_key: {e}")))
            }
        }
    }

    /// A vendor is configured for real in full, or not at all (then the embedded mock
    /// plays it). Half a configuration (real credentials without S2's base URL, a username
    /// without its password) is refused, naming what is missing, rather than quietly
    /// served by the mock with demo users.
    pub fn check_vendors(&self) -> Result<(), ConfigError> {
        let text = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.trim().is_empty());
        let secret = |v: &Option<Secret>| v.as_ref().is_some_and(|v| !v.expose().trim().is_empty());
        let (s2, s2p, s2s, sc) = (&self.s2, &self.s2_partner, &self.stock2shop, &self.sellers_commerce);
        let vendors = [
            (
                "s2",
                vec![
                    Setting::required("s2.base_url", "COMMERCE_S2_BASE_URL", text(&s2.base_url)),
                    Setting::required("s2.token", "COMMERCE_S2_TOKEN", secret(&s2.token)),
                    Setting::required("s2.organization", "COMMERCE_S2_ORGANIZATION", text(&s2.organization)),
                ],
            ),
            (
                "s2_partner",
                vec![
                    Setting::required("s2_partner.access_key", "COMMERCE_S2_PARTNER_ACCESS_KEY", secret(&s2p.access_key)),
                    Setting::optional(text(&s2p.base_url)),
                ],
            ),
            (
                "stock2shop",
                vec![
                    Setting::required("stock2shop.username", "COMMERCE_STOCK2SHOP_USERNAME", text(&s2s.username)),
                    Setting::required("stock2shop.password", "COMMERCE_STOCK2SHOP_PASSWORD", secret(&s2s.password)),
                    Setting::optional(text(&s2s.base_url)),
                    Setting::optional(text(&s2s.queue_base_url)),
                ],
            ),
            (
                "sellers_commerce",
                vec![
                    Setting::required("sellers_commerce.username", "COMMERCE_SELLERS_COMMERCE_USERNAME", text(&sc.username)),
                    Setting::required("sellers_commerce.password", "COMMERCE_SELLERS_COMMERCE_PASSWORD", secret(&sc.password)),
                    Setting::optional(text(&sc.base_url)),
                ],
            ),
        ];
        for (vendor, settings) in vendors {
            let missing: Vec<String> = settings.iter().filter(|s| !s.set).filter_map(|s| s.required).map(|(name, env)| format!("{name} (or {env})")).collect();
            if settings.iter().any(|s| s.set) && !missing.is_empty() {
                return Err(ConfigError(format!(
                    "{vendor} is configured in part: set {}, or remove its settings to use the embedded mock",
                    missing.join(" and ")
                )));
            }
        }
        Ok(())
    }

    /// The vendors with no configuration, played by the embedded mock.
    pub fn mocked_vendors(&self) -> Vec<Vendor> {
        Vendor::ALL
            .into_iter()
            .filter(|v| match v {
                Vendor::S2 => self.s2.real().is_none(),
                Vendor::S2Partner => self.s2_partner.real().is_none(),
                Vendor::Stock2shop => self.stock2shop.credentials().is_none(),
                Vendor::SellersCommerce => self.sellers_commerce.credentials().is_none(),
            })
            .collect()
    }
}

#[cfg(unix)]
fn warn_if_readable_by_others(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.permissions().mode() & 0o077 != 0 {
            tracing::warn!(file = %crate::audit::escape(&path.display().to_string()), "config file is readable by group or others; it holds credentials: chmod 600 it");
        }
    }
}

#[cfg(not(unix))]
fn warn_if_readable_by_others(_: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        Config::load(None, |k| vars.iter().find(|(name, _)| *name == k).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn partial_vendor_configurations_are_refused_naming_what_is_missing() {
        type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str]);
        let cases: [Case; 6] = [
            (&[("COMMERCE_S2_TOKEN", "t"), ("COMMERCE_S2_ORGANIZATION", "o")], &["s2.base_url", "COMMERCE_S2_BASE_URL"]),
            (&[("COMMERCE_S2_BASE_URL", "https://s2.example"), ("COMMERCE_S2_TOKEN", "t")], &["s2.organization", "COMMERCE_S2_ORGANIZATION"]),
            (&[("COMMERCE_S2_PARTNER_BASE_URL", "https://partner.example")], &["s2_partner.access_key", "COMMERCE_S2_PARTNER_ACCESS_KEY"]),
            (&[("COMMERCE_STOCK2SHOP_PASSWORD", "p")], &["stock2shop.username", "COMMERCE_STOCK2SHOP_USERNAME"]),
            (&[("COMMERCE_STOCK2SHOP_BASE_URL", "https://s2s.example")], &["stock2shop.username", "stock2shop.password"]),
            (
                &[("COMMERCE_SELLERS_COMMERCE_USERNAME", "key"), ("COMMERCE_SELLERS_COMMERCE_PASSWORD", "")],
                &["sellers_commerce.password", "COMMERCE_SELLERS_COMMERCE_PASSWORD"],
            ),
        ];
        for (vars, named) in cases {
            let error = load(vars).expect_err(&format!("{vars:?} is half a vendor")).0;
            for name in named {
                assert!(error.contains(name), "{vars:?}: {error}");
            }
        }
    }

    #[test]
    fn the_mocked_vendors_are_those_configured_not_at_all() {
        assert_eq!(load(&[]).unwrap().mocked_vendors(), Vendor::ALL.to_vec());
        let some =
            load(&[("COMMERCE_S2_PARTNER_ACCESS_KEY", "k"), ("COMMERCE_SELLERS_COMMERCE_USERNAME", "u"), ("COMMERCE_SELLERS_COMMERCE_PASSWORD", "p")]).unwrap();
        assert_eq!(some.mocked_vendors(), [Vendor::S2, Vendor::Stock2shop]);
        let all = load(&[
            ("COMMERCE_S2_BASE_URL", "https://s2.example"),
            ("COMMERCE_S2_TOKEN", "t"),
            ("COMMERCE_S2_ORGANIZATION", "o"),
            ("COMMERCE_S2_PARTNER_ACCESS_KEY", "k"),
            ("COMMERCE_STOCK2SHOP_USERNAME", "u"),
            ("COMMERCE_STOCK2SHOP_PASSWORD", "p"),
            ("COMMERCE_SELLERS_COMMERCE_USERNAME", "u"),
            ("COMMERCE_SELLERS_COMMERCE_PASSWORD", "p"),
        ])
        .unwrap();
        assert!(all.mocked_vendors().is_empty());
        assert!(!all.mock_controls && load(&[("COMMERCE_PROXY_MOCK_CONTROLS", "1")]).unwrap().mock_controls);
    }

    #[test]
    fn the_mock_inventory_size_is_a_positive_bounded_number_of_bytes() {
        assert_eq!(load(&[]).unwrap().mock_inventory_bytes, None);
        assert_eq!(load(&[("COMMERCE_PROXY_MOCK_INVENTORY_BYTES", "10000000")]).unwrap().mock_inventory_bytes, Some(10_000_000));
        for bad in ["0", "ten", "-5", "1.5"] {
            let e = load(&[("COMMERCE_PROXY_MOCK_INVENTORY_BYTES", bad)]).unwrap_err().0;
            assert!(e.contains("COMMERCE_PROXY_MOCK_INVENTORY_BYTES"), "{bad}: {e}");
        }
        let e = load(&[("COMMERCE_PROXY_MOCK_INVENTORY_BYTES", "200000001")]).unwrap_err().0;
        assert!(e.contains("mock_inventory_bytes"), "{e}");
    }

    #[test]
    fn redis_needs_a_token_key_and_a_redis_url() {
        let key = "ab".repeat(32);
        let no_key = load(&[("COMMERCE_PROXY_REDIS_URL", "redis://127.0.0.1:6379")]).unwrap_err().0;
        assert!(no_key.contains("redis_token_key") && no_key.contains("COMMERCE_PROXY_REDIS_TOKEN_KEY"), "{no_key}");
        let bad_key = load(&[("COMMERCE_PROXY_REDIS_URL", "redis://127.0.0.1:6379"), ("COMMERCE_PROXY_REDIS_TOKEN_KEY", "short")]).unwrap_err().0;
        assert!(bad_key.contains("redis_token_key") && bad_key.contains("64 hex digits"), "{bad_key}");
        let bad_url = load(&[("COMMERCE_PROXY_REDIS_URL", "http://:secret@host"), ("COMMERCE_PROXY_REDIS_TOKEN_KEY", &key)]).unwrap_err().0;
        assert!(bad_url.contains("redis_url") && !bad_url.contains("secret"), "{bad_url}");
        assert!(load(&[("COMMERCE_PROXY_REDIS_TOKEN_KEY", &key)]).unwrap_err().0.contains("redis_url"));
        let fleet = load(&[("COMMERCE_PROXY_REDIS_URL", "redis://127.0.0.1:6379/2"), ("COMMERCE_PROXY_REDIS_TOKEN_KEY", &key)]).unwrap();
        assert!(fleet.redis_url.is_some());
        assert!(load(&[]).unwrap().redis_url.is_none());
    }
}
