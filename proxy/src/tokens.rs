//! Vendor token lifecycles: Stock2Shop's login token and Sellers Commerce's OAuth
//! password grant with refresh.
//!
//! One exchange at a time per vendor however many requests wait ("single flight"): the
//! cache's lock is held across the exchange, so callers that arrive meanwhile get the
//! fresh token instead of starting exchanges of their own. A 401 invalidates the token
//! it was sent with, once: concurrent 401s for the same token cause one re-login.

use std::sync::Arc;
use std::time::{Duration, Instant};

use commerce_kit::request::{Operation, Request};
use commerce_kit::vendors::sellers_commerce::token::{TokenPassword, TokenRefresh};
use commerce_kit::vendors::stock2shop::users::Authenticate;
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

use crate::fleet_state::{now_ms, random_hex, SealedToken, Shared, StoredToken, Unavailable};
use crate::secret::Secret;

/// Refresh this long before the vendor's stated expiry (or a quarter of the lifetime, if
/// shorter), so no request carries a token that expires in flight.
const EXPIRY_MARGIN: Duration = Duration::from_secs(60);

/// The longest a token is kept, whatever lifetime the vendor states (`expires_in`).
pub const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(24 * 3600);

/// How a vendor hands out tokens.
#[derive(Debug, Clone)]
pub enum Grant {
    /// `POST /v1/users/authenticate` `{system_user_auth: {username, password}}` →
    /// `{system_user: {token}}`; the token has no stated lifetime ("ephemeral").
    Stock2Shop { username: String, password: Secret },
    /// `POST /token` form `grant_type=password&username&password` →
    /// `{access_token, token_type, expires_in, refresh_token}`; refresh with
    /// `grant_type=refresh_token&refresh_token`.
    SellersCommerce { username: String, password: Secret },
}

#[derive(Debug, Clone)]
struct Cached {
    access: Secret,
    /// When to exchange again: the expiry less the margin.
    refresh_at: Option<Instant>,
    refresh: Option<(Secret, Instant)>,
    generation: u64,
}

/// A token as handed to a request: the value and which generation it was.
#[derive(Debug, Clone)]
pub struct Token {
    pub value: Secret,
    pub generation: u64,
}

#[derive(Debug, Clone)]
pub enum TokenError {
    /// The vendor refused the credentials (wrong configuration).
    Refused(u16),
    /// The vendor could not be reached, or answered 5xx: worth trying again shortly.
    Unreachable(String),
    /// The vendor answered something unreadable, or the configuration is incomplete.
    Unavailable(String),
    /// The vendor answered 429: not before this long (its `Retry-After`, or a default).
    Throttled(Duration),
    /// The vendor did not answer within the upstream timeout.
    TimedOut,
    /// The shared state (Redis) did not answer: fail closed.
    State(Unavailable),
}

impl TokenError {
    /// The same failure as seen by a request that waited on it until `now`: a hold-off
    /// counts down.
    fn as_of(&self, until: Instant, now: Instant) -> TokenError {
        match self {
            TokenError::Throttled(_) => TokenError::Throttled(until.saturating_duration_since(now)),
            other => other.clone(),
        }
    }
}

/// Attempts of one grant when the vendor fails transiently (5xx, a broken connection,
/// 429 with a short `Retry-After`). A timeout is not tried again: it used the time.
const GRANT_ATTEMPTS: u32 = 3;

/// The first pause between attempts, doubled for each further one.
const GRANT_BACKOFF: Duration = Duration::from_millis(100);

/// The longest `Retry-After` a grant waits out; a longer one fails the waiting requests
/// at once (429, with the time left), rather than holding them.
const GRANT_RETRY_AFTER_LIMIT: Duration = Duration::from_secs(2);

/// After a grant failed, requests arriving within this long (or the vendor's longer
/// `Retry-After`, up to [`MAX_HOLD_OFF`]) get the same failure instead of a grant of
/// their own: during an outage the vendor sees one attempt per second, not one per
/// request, and requests queued behind the failed grant do not each try again.
const FAILURE_HOLD_OFF: Duration = Duration::from_secs(1);

/// The longest a vendor's `Retry-After` on its token route holds grants off.
const MAX_HOLD_OFF: Duration = Duration::from_secs(60);

/// 429 without a `Retry-After`: as Stock2Shop's limit, one second.
const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(1);

impl From<Unavailable> for TokenError {
    fn from(e: Unavailable) -> Self {
        TokenError::State(e)
    }
}

/// How long one instance may hold the fleet's grant lock: longer than an exchange can
/// take (the upstream timeout, plus a pacing slot), after which another instance may try.
const GRANT_LOCK: Duration = Duration::from_secs(45);

/// Tells the caller what the upstream did (for the metrics).
pub trait Exchanges: Send + Sync {
    /// A token exchange happened.
    fn exchanged(&self);
    /// A request started (`1`) or stopped (`-1`) waiting for the vendor's pacing.
    fn queued(&self, _delta: i64) {}
}

/// A request counted in the queue gauge while this lives: one dropped while it waits
/// (client gone, timeout) leaves the count with it.
pub struct Queued<'a>(&'a dyn Exchanges);

impl<'a> Queued<'a> {
    pub fn new(hooks: &'a dyn Exchanges) -> Self {
        hooks.queued(1);
        Queued(hooks)
    }
}

impl Drop for Queued<'_> {
    fn drop(&mut self) {
        self.0.queued(-1);
    }
}

/// What an exchange needs to reach its vendor and report on it, passed as one from the
/// request that needs a token down to the exchange itself.
#[derive(Clone, Copy)]
pub struct VendorLink<'a> {
    pub http: &'a reqwest::Client,
    /// The vendor's base URL; the token route's path is the catalogue's.
    pub base_url: &'a str,
    pub hooks: &'a dyn Exchanges,
    /// The vendor's pacing, if it has one: an exchange counts against its rate too.
    pub pacer: Option<&'a crate::pacing::Pacer>,
}

pub struct TokenSource {
    grant: Grant,
    cache: Mutex<Option<Cached>>,
    /// The access token in use and its refresh token, readable without waiting for an
    /// exchange in flight: for scrubbing them from relayed answers.
    current: std::sync::Mutex<Vec<Secret>>,
    /// Lifetime of Sellers Commerce refresh tokens, per the document (4 h).
    refresh_lifetime: Duration,
    /// With `redis_url`: the tokens live in Redis (encrypted) for the whole fleet.
    fleet: Option<(Arc<Shared>, &'static str)>,
    /// The last grant's failure and until when it answers for new grants (see
    /// [`FAILURE_HOLD_OFF`]). Read and written under the `cache` lock. Unused with a
    /// fleet: its hold-off lives in Redis (`grant-hold:<vendor>`), for every proxy.
    failed: std::sync::Mutex<Option<(TokenError, Instant)>>,
}

impl TokenSource {
    pub fn new(grant: Grant) -> Self {
        TokenSource {
            grant,
            cache: Mutex::new(None),
            current: std::sync::Mutex::new(Vec::new()),
            refresh_lifetime: Duration::from_secs(4 * 3600),
            fleet: None,
            failed: std::sync::Mutex::new(None),
        }
    }

    /// A source for the same grant whose tokens live in Redis, shared by the fleet.
    pub fn fleet(&self, shared: Arc<Shared>, vendor: &'static str) -> Self {
        TokenSource { fleet: Some((shared, vendor)), ..TokenSource::new(self.grant.clone()) }
    }

    /// The password, and the access and refresh tokens in use.
    pub fn secrets(&self) -> Vec<String> {
        let password = match &self.grant {
            Grant::Stock2Shop { password, .. } | Grant::SellersCommerce { password, .. } => password.expose().to_string(),
        };
        let current: Vec<String> = self.current.lock().unwrap().iter().map(|t| t.expose().to_string()).collect();
        std::iter::once(password).chain(current).collect()
    }

    /// A valid token, exchanging credentials first if there is none or it is about to expire.
    /// An exchange waits for a slot of `pacer` first: the vendor counts logins too.
    pub async fn token(&self, link: &VendorLink<'_>) -> Result<Token, TokenError> {
        if let Some((shared, vendor)) = &self.fleet {
            return self.fleet_token(shared, vendor, link).await;
        }
        let mut cache = self.cache.lock().await;
        let now = Instant::now();
        if let Some(c) = cache.as_ref().filter(|c| c.refresh_at.is_none_or(|at| now < at)) {
            return Ok(Token { value: c.access.clone(), generation: c.generation });
        }
        let generation = cache.as_ref().map_or(1, |c| c.generation + 1);
        let refresh = cache.as_ref().and_then(|c| c.refresh.clone()).filter(|(_, until)| now < *until).map(|(r, _)| r);
        let fresh = self.grant_here(link, refresh).await?;
        let cached = Cached {
            access: fresh.access,
            refresh_at: fresh.expires_in.map(|s| {
                let lifetime = Duration::from_secs(s).min(MAX_TOKEN_LIFETIME);
                // Checked: a far-off instant is "exchange again now", never a panic.
                now.checked_add(lifetime - EXPIRY_MARGIN.min(lifetime / 4)).unwrap_or(now)
            }),
            refresh: fresh.refresh.map(|r| (r, now.checked_add(self.refresh_lifetime).unwrap_or(now))),
            generation,
        };
        let token = Token { value: cached.access.clone(), generation };
        *self.current.lock().unwrap() = std::iter::once(&cached.access).chain(cached.refresh.as_ref().map(|(r, _)| r)).cloned().collect();
        *cache = Some(cached);
        Ok(token)
    }

    /// This instance's grant, unless its last one failed within the hold-off (see
    /// [`FAILURE_HOLD_OFF`]): then that failure again, without calling the vendor.
    async fn grant_here(&self, link: &VendorLink<'_>, refresh: Option<Secret>) -> Result<Fresh, TokenError> {
        let now = Instant::now();
        if let Some((error, until)) = self.failed.lock().unwrap().as_ref().filter(|(_, until)| now < *until) {
            return Err(error.as_of(*until, now));
        }
        let outcome = self.grant_now(link, refresh).await;
        *self.failed.lock().unwrap() =
            outcome.as_ref().err().and_then(|error| hold_off_after(error).map(|hold_off| (error.clone(), Instant::now() + hold_off)));
        outcome
    }

    /// One grant, tried again while the vendor fails transiently (up to [`GRANT_ATTEMPTS`]).
    async fn grant_now(&self, link: &VendorLink<'_>, refresh: Option<Secret>) -> Result<Fresh, TokenError> {
        link.hooks.exchanged();
        let mut attempt = 1;
        let outcome = loop {
            let outcome = self.attempt(link, refresh.as_ref()).await;
            let wait = match &outcome {
                Err(TokenError::Unreachable(_)) => GRANT_BACKOFF * 2u32.pow(attempt - 1),
                Err(TokenError::Throttled(wait)) if *wait <= GRANT_RETRY_AFTER_LIMIT => *wait,
                _ => break outcome,
            };
            if attempt >= GRANT_ATTEMPTS {
                break outcome;
            }
            tokio::time::sleep(wait).await;
            attempt += 1;
        };
        outcome
    }

    /// One attempt: with the refresh token if there is one (falling back to the password
    /// if it fails: revoked, expired early), after a pacing slot of its own.
    async fn attempt(&self, link: &VendorLink<'_>, refresh: Option<&Secret>) -> Result<Fresh, TokenError> {
        if let Some(pacer) = link.pacer {
            let _queued = Queued::new(link.hooks);
            pacer.turn().await?;
        }
        match (refresh, &self.grant) {
            (Some(refresh), Grant::SellersCommerce { .. }) => match self.exchange(link, Some(refresh)).await {
                Ok(fresh) => Ok(fresh),
                Err(TokenError::Refused(_) | TokenError::Unavailable(_)) => self.exchange(link, None).await,
                Err(transient) => Err(transient),
            },
            _ => self.exchange(link, None).await,
        }
    }

    /// The fleet's token from Redis, or one grant for the whole fleet: the instance that
    /// takes the grant lock exchanges and stores the result; the others (and the other
    /// requests of this instance, queued on the local lock) poll and use it.
    async fn fleet_token(&self, shared: &Shared, vendor: &str, link: &VendorLink<'_>) -> Result<Token, TokenError> {
        let _one_per_instance = self.cache.lock().await;
        let give_up = Instant::now() + GRANT_LOCK + Duration::from_secs(5);
        loop {
            let stored = shared.read_token(vendor).await?;
            if let Some(token) = stored.as_ref().filter(|t| t.usable(now_ms())) {
                return Ok(self.remember(token));
            }
            // Checked before the lock too: the requests that waited on a grant that failed
            // (here or on another proxy) fail with it instead of each taking the lock.
            held(shared, vendor).await?;
            let owner = random_hex();
            if shared.lock_grant(vendor, &owner, GRANT_LOCK).await? {
                let outcome = self.grant_for_fleet(shared, vendor, link).await;
                // Released even after a failure; if Redis is gone, the lock expires.
                let _ = shared.unlock_grant(vendor, &owner).await;
                match outcome? {
                    Some(token) => return Ok(token),
                    // A newer version was written meanwhile (this lock had run out): use it.
                    None => continue,
                }
            }
            if Instant::now() > give_up {
                return Err(TokenError::Unavailable("another proxy's token exchange did not finish".into()));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Under the grant lock: read again (the previous holder may just have written), else
    /// exchange and store as the next version. `None` if fencing refused the write.
    async fn grant_for_fleet(&self, shared: &Shared, vendor: &str, link: &VendorLink<'_>) -> Result<Option<Token>, TokenError> {
        let stored = shared.read_token(vendor).await?;
        if let Some(token) = stored.as_ref().filter(|t| t.usable(now_ms())) {
            return Ok(Some(self.remember(token)));
        }
        // Again under the lock: the previous holder sets its hold-off before releasing it.
        held(shared, vendor).await?;
        let refresh = stored.as_ref().and_then(|t| t.refresh(now_ms()));
        let read_version = stored.as_ref().map_or(0, |t| t.version);
        let fresh = match self.grant_now(link, refresh).await {
            Ok(fresh) => fresh,
            Err(error) => {
                if let Some(hold_off) = hold_off_after(&error) {
                    // The failure is still this request's answer; without the shared
                    // hold-off the other proxies only try a grant of their own.
                    if let Err(e) = shared.hold_grants(vendor, &HeldFailure::of(&error).to_stored(), hold_off).await {
                        tracing::warn!(vendor, error = %e, "could not share the failed token grant's hold-off");
                    }
                }
                return Err(error);
            }
        };
        let now = now_ms();
        let lifetime_ms = |d: Duration| u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
        let tokens = SealedToken {
            access: fresh.access.expose().to_string(),
            refresh_at_ms: fresh.expires_in.map(|s| {
                let lifetime = Duration::from_secs(s).min(MAX_TOKEN_LIFETIME);
                now.saturating_add(lifetime_ms(lifetime - EXPIRY_MARGIN.min(lifetime / 4)))
            }),
            refresh: fresh.refresh.as_ref().map(|r| r.expose().to_string()),
            refresh_until_ms: fresh.refresh.as_ref().map(|_| now.saturating_add(lifetime_ms(self.refresh_lifetime))),
        };
        if !shared.write_token(vendor, read_version, &tokens).await? {
            return Ok(None);
        }
        Ok(Some(self.remember(&StoredToken { version: read_version + 1, invalid: false, tokens })))
    }

    /// A token read from (or written to) Redis, as handed to a request; its secrets are
    /// kept for scrubbing.
    fn remember(&self, stored: &StoredToken) -> Token {
        let access = Secret::new(stored.tokens.access.clone());
        *self.current.lock().unwrap() = std::iter::once(access.clone()).chain(stored.tokens.refresh.clone().map(Secret::new)).collect();
        Token { value: access, generation: stored.version }
    }

    /// The vendor refused `token`: forget it, unless a newer one already replaced it.
    pub async fn invalidate(&self, token: &Token) {
        if let Some((shared, vendor)) = &self.fleet {
            // If Redis is gone, the next request fails closed anyway.
            if let Err(e) = shared.invalidate_token(vendor, token.generation).await {
                tracing::warn!(vendor, error = %e, "could not mark the refused token in Redis");
            }
            return;
        }
        let mut cache = self.cache.lock().await;
        if cache.as_ref().is_some_and(|c| c.generation == token.generation) {
            // Keep the generation counting up; drop the access token and its refresh.
            *cache = cache.take().map(|c| Cached { refresh_at: Some(Instant::now()), refresh: None, ..c });
        }
    }

    /// One token request, built by the crate's own builders and read as the crate's
    /// response types: the same checks and the same schema as every other operation.
    async fn exchange(&self, link: &VendorLink<'_>, refresh: Option<&Secret>) -> Result<Fresh, TokenError> {
        match &self.grant {
            Grant::Stock2Shop { username, password } => {
                let answer = send::<Authenticate>(link, Authenticate::new(username.as_str(), password.expose()).build()).await?;
                Ok(Fresh { access: Secret::new(answer.system_user.token), expires_in: None, refresh: None })
            }
            Grant::SellersCommerce { username, password } => {
                let answer = match refresh {
                    Some(refresh) => send::<TokenRefresh>(link, TokenRefresh::new(refresh.expose()).build()).await?,
                    None => send::<TokenPassword>(link, TokenPassword::new(username.as_str(), password.expose()).build()).await?,
                };
                // The schema says "integer"; a lifetime also has to be positive to be one.
                let expires_in = u64::try_from(answer.expires_in).ok().filter(|&seconds| seconds > 0).ok_or_else(|| {
                    TokenError::Unavailable(format!(
                        "the token answer is unreadable: $.expires_in: expected a positive number of seconds, found {}",
                        answer.expires_in
                    ))
                })?;
                Ok(Fresh { access: Secret::new(answer.access_token), expires_in: Some(expires_in), refresh: Some(Secret::new(answer.refresh_token)) })
            }
        }
    }
}

/// Sends a token request `O` built and reads its answer as `O::Response`, validated
/// against its schema: a problem is named by its path (`$.expires_in: expected integer`),
/// never shown with the body, which would hold the token.
async fn send<O: Operation>(link: &VendorLink<'_>, built: Result<Request, Vec<commerce_kit::request::FieldError>>) -> Result<O::Response, TokenError> {
    let request = built.map_err(|errors| {
        // Field names only: a builder's messages never carry the values.
        let fields: Vec<String> = errors.iter().map(ToString::to_string).collect();
        TokenError::Unavailable(format!("the configured credentials are incomplete: {}", fields.join("; ")))
    })?;
    let unreachable = |e: reqwest::Error| if e.is_timeout() { TokenError::TimedOut } else { TokenError::Unreachable(e.without_url().to_string()) };
    let method = reqwest::Method::from_bytes(request.method.as_str().as_bytes()).expect("catalogue methods are valid");
    let mut outgoing = link.http.request(method, format!("{}{}", link.base_url, request.path_and_query())).header("accept", "application/json");
    if let Some(content_type) = request.content_type {
        outgoing = outgoing.header("content-type", content_type);
    }
    if let Some(body) = request.body {
        outgoing = outgoing.body(body);
    }
    let response = outgoing.send().await.map_err(unreachable)?;
    match response.status().as_u16() {
        200..=299 => {}
        429 => return Err(TokenError::Throttled(crate::retry_after(response.headers()).unwrap_or(DEFAULT_RETRY_AFTER))),
        status @ (408 | 500..=599) => return Err(TokenError::Unreachable(format!("the token route answered HTTP {status}"))),
        status => return Err(TokenError::Refused(status)),
    }
    let body = response.bytes().await.map_err(unreachable)?;
    match commerce_kit::decode::<O::Response>(&body) {
        Ok(decoded) => Ok(decoded.value),
        Err(commerce_kit::error::Error::InvalidResponse { issues, .. }) => {
            // Path and expectation, not what was found: that could be a token.
            let issues: Vec<String> = issues.iter().map(|issue| format!("{}: expected {}", issue.path, issue.expected)).collect();
            Err(TokenError::Unavailable(format!("the token answer is unreadable: {}", issues.join("; "))))
        }
        Err(other) => Err(TokenError::Unavailable(format!("the token answer is unreadable ({})", other.code()))),
    }
}

struct Fresh {
    access: Secret,
    expires_in: Option<u64>,
    refresh: Option<Secret>,
}

/// How long a failed grant holds further grants off: [`FAILURE_HOLD_OFF`], or the
/// vendor's `Retry-After` up to [`MAX_HOLD_OFF`]. Not after a Redis failure: the vendor
/// was not asked.
fn hold_off_after(error: &TokenError) -> Option<Duration> {
    match error {
        TokenError::State(_) => None,
        TokenError::Throttled(wait) => Some((*wait).clamp(FAILURE_HOLD_OFF, MAX_HOLD_OFF)),
        _ => Some(FAILURE_HOLD_OFF),
    }
}

/// Grants are held off fleet-wide: the failure that holds them, as the request would
/// have got it from a grant of its own.
async fn held(shared: &Shared, vendor: &str) -> Result<(), TokenError> {
    match shared.grants_held(vendor).await? {
        Some((reason, left)) => Err(HeldFailure::from_stored(&reason).error(left)),
        None => Ok(()),
    }
}

/// A failed grant's [`TokenError`] as kept in Redis for the fleet's hold-off (JSON). A
/// 429's wait is not stored: it is the hold-off's TTL, counted down on Redis's clock.
/// The texts are the proxy's own (status lines, field paths), never a vendor's body.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum HeldFailure {
    Refused { status: u16 },
    Unreachable { why: String },
    Unavailable { why: String },
    Throttled,
    TimedOut,
}

impl HeldFailure {
    fn of(error: &TokenError) -> HeldFailure {
        match error {
            TokenError::Refused(status) => HeldFailure::Refused { status: *status },
            TokenError::Unreachable(why) => HeldFailure::Unreachable { why: why.clone() },
            TokenError::Unavailable(why) => HeldFailure::Unavailable { why: why.clone() },
            TokenError::Throttled(_) => HeldFailure::Throttled,
            TokenError::TimedOut => HeldFailure::TimedOut,
            // Never held (see `hold_off_after`); if it were, the fleet would answer 502.
            TokenError::State(e) => HeldFailure::Unavailable { why: e.to_string() },
        }
    }

    fn to_stored(&self) -> String {
        serde_json::to_string(self).expect("a held failure serialises")
    }

    /// A reason this version cannot read (another version of the proxy wrote it, in a
    /// rolling upgrade) still holds grants off: it says a grant failed.
    fn from_stored(stored: &str) -> HeldFailure {
        serde_json::from_str(stored)
            .unwrap_or_else(|_| HeldFailure::Unavailable { why: "another proxy's token grant failed (its reason is unreadable)".into() })
    }

    /// The error for a request while the hold-off has `left` to run.
    fn error(self, left: Duration) -> TokenError {
        match self {
            HeldFailure::Refused { status } => TokenError::Refused(status),
            HeldFailure::Unreachable { why } => TokenError::Unreachable(why),
            HeldFailure::Unavailable { why } => TokenError::Unavailable(why),
            HeldFailure::Throttled => TokenError::Throttled(left),
            HeldFailure::TimedOut => TokenError::TimedOut,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoHooks;
    impl Exchanges for NoHooks {
        fn exchanged(&self) {}
    }

    /// A vendor whose token route answers `body` (200, JSON) to every exchange.
    async fn vendor_answering(body: &'static str) -> String {
        let answer = move || async move { ([("content-type", "application/json")], body) };
        let router = axum::Router::new().route("/token", axum::routing::post(answer)).route("/v1/users/authenticate", axum::routing::post(answer));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, router).await });
        origin
    }

    fn sellers() -> TokenSource {
        TokenSource::new(Grant::SellersCommerce { username: "key".into(), password: Secret::new("secret".to_string()) })
    }

    fn stock2shop() -> TokenSource {
        TokenSource::new(Grant::Stock2Shop { username: "user".into(), password: Secret::new("password".to_string()) })
    }

    async fn exchange_with(source: &TokenSource, body: &'static str) -> Result<Token, TokenError> {
        let origin = vendor_answering(body).await;
        source.token(&VendorLink { http: &reqwest::Client::new(), base_url: &origin, hooks: &NoHooks, pacer: None }).await
    }

    fn unavailable(outcome: Result<Token, TokenError>) -> String {
        match outcome {
            Err(TokenError::Unavailable(why)) => why,
            other => panic!("expected an unreadable token answer, got {:?}", other.map(|t| t.generation)),
        }
    }

    #[test]
    fn a_held_failure_read_back_from_redis_is_the_failure_that_was_stored() {
        let left = Duration::from_millis(2_400);
        let failures = [
            (TokenError::Refused(403), TokenError::Refused(403)),
            (TokenError::Unreachable("the token route answered HTTP 502".into()), TokenError::Unreachable("the token route answered HTTP 502".into())),
            (
                TokenError::Unavailable("the token answer is unreadable: $.expires_in".into()),
                TokenError::Unavailable("the token answer is unreadable: $.expires_in".into()),
            ),
            (TokenError::TimedOut, TokenError::TimedOut),
            // A 429's wait is what is left of the hold-off, not what the vendor first said.
            (TokenError::Throttled(Duration::from_secs(3)), TokenError::Throttled(left)),
        ];
        for (stored, expected) in failures {
            let read = HeldFailure::from_stored(&HeldFailure::of(&stored).to_stored()).error(left);
            assert_eq!(format!("{read:?}"), format!("{expected:?}"));
        }
    }

    #[test]
    fn an_unreadable_held_failure_still_holds_grants_off() {
        assert!(matches!(HeldFailure::from_stored("{\"kind\": \"from_a_newer_proxy\"}").error(Duration::from_secs(1)), TokenError::Unavailable(_)));
    }

    #[test]
    fn a_failed_grant_holds_off_for_a_second_or_the_vendors_retry_after_up_to_a_minute() {
        assert_eq!(hold_off_after(&TokenError::Unreachable(String::new())), Some(FAILURE_HOLD_OFF));
        assert_eq!(hold_off_after(&TokenError::Throttled(Duration::from_millis(10))), Some(FAILURE_HOLD_OFF));
        assert_eq!(hold_off_after(&TokenError::Throttled(Duration::from_secs(30))), Some(Duration::from_secs(30)));
        assert_eq!(hold_off_after(&TokenError::Throttled(Duration::from_secs(3600))), Some(MAX_HOLD_OFF));
        assert_eq!(hold_off_after(&TokenError::State(Unavailable("down".into()))), None, "Redis failing says nothing of the vendor");
    }

    #[tokio::test]
    async fn a_token_answer_with_fields_the_document_does_not_show_is_accepted() {
        let body =
            r#"{"access_token": "a-1", "token_type": "bearer", "expires_in": 3599, "refresh_token": "r-1", ".issued": "Mon, 01 Dec 2025", "userName": "key"}"#;
        assert_eq!(exchange_with(&sellers(), body).await.unwrap().value.expose(), "a-1");
    }

    #[tokio::test]
    async fn a_token_answer_with_a_wrong_typed_expires_in_is_refused_naming_the_field() {
        let body = r#"{"access_token": "a-1", "token_type": "bearer", "expires_in": "3599", "refresh_token": "r-1"}"#;
        let why = unavailable(exchange_with(&sellers(), body).await);
        assert!(why.contains("expires_in") && why.contains("integer"), "{why}");
    }

    #[tokio::test]
    async fn a_token_answer_without_a_positive_lifetime_is_refused_naming_the_field() {
        for body in [
            r#"{"access_token": "a-1", "token_type": "bearer", "expires_in": -5, "refresh_token": "r-1"}"#,
            r#"{"access_token": "a-1", "token_type": "bearer", "expires_in": 0, "refresh_token": "r-1"}"#,
        ] {
            let why = unavailable(exchange_with(&sellers(), body).await);
            assert!(why.contains("expires_in"), "{why}");
        }
    }

    #[tokio::test]
    async fn a_token_answer_without_its_refresh_token_is_refused_naming_the_field() {
        let body = r#"{"access_token": "a-1", "token_type": "bearer", "expires_in": 3599}"#;
        let why = unavailable(exchange_with(&sellers(), body).await);
        assert!(why.contains("refresh_token"), "{why}");
    }

    #[tokio::test]
    async fn a_stock2shop_login_answer_without_its_token_is_refused_naming_the_field() {
        let body = r#"{"system_user": {"id": 1, "created": "2015-03-03T07:30:06+0000", "name": "B", "surname": "", "email": "b@example.com", "username": "b", "modified": "2015-03-03T07:30:06+0000", "client_id": 2, "active": 1, "admin": 0}}"#;
        let why = unavailable(exchange_with(&stock2shop(), body).await);
        assert!(why.contains("system_user.token"), "{why}");
    }
}
