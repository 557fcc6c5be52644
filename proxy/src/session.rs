//! Dashboard users, sign-in and sessions.
//!
//! Users come from the configuration (username, argon2id hash, role). A session is a
//! random 128-bit id in an HttpOnly, SameSite=Strict cookie, kept server-side with an
//! absolute expiry and an idle timeout. Failed sign-ins slow further guessing down
//! without locking innocent users out (see [`SessionPolicy`]).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;

use crate::fleet_state::{Shared, Unavailable};
use crate::secret::Secret;

/// The session cookie's name.
pub const COOKIE: &str = "commerce_session";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// May make reads.
    Viewer,
    /// May also make writes.
    Operator,
}

/// A dashboard user as configured: `[[users]]` in the TOML file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserConfig {
    pub username: String,
    /// An argon2id PHC string from `commerce-proxy hash-password`.
    pub password_hash: Secret,
    pub role: Role,
}

/// Session lifetimes and sign-in throttling.
///
/// Throttling slows guessing down without handing attackers a switch that locks others
/// out. Failures are remembered for `window`, keyed by (username, client address).
/// - An address with no failures in the window is *clean*: its attempts are never
///   delayed or refused; the right password from it always signs in.
/// - A (username, address) pair with `max_failures` failures is refused (429) until they
///   age out: only that username, only from that address.
/// - An address with `address_failure_budget` failures (any usernames) is paced: one
///   attempt per `address_spacing`.
/// - An account with `max_failures` or more failures (from any addresses) paces the
///   attempts on it from failing addresses: `account_spacing × (failures − max_failures
///   + 1)` apart, at most `max_account_spacing`.
/// - An attempt that would wait longer than `max_throttle_wait` is refused (429) instead.
#[derive(Debug, Clone)]
pub struct SessionPolicy {
    pub max_age: Duration,
    pub idle_timeout: Duration,
    /// Failed sign-ins allowed per (username, client address) within `window`.
    pub max_failures: usize,
    pub window: Duration,
    /// Failures from one address, any usernames, before its attempts are paced.
    pub address_failure_budget: usize,
    pub address_spacing: Duration,
    pub account_spacing: Duration,
    pub max_account_spacing: Duration,
    pub max_throttle_wait: Duration,
    /// Live sessions per user; signing in once more ends the oldest.
    pub max_sessions_per_user: usize,
    /// Password checks (argon2) running at once, on the blocking pool.
    pub max_password_checks: usize,
    /// How long a sign-in waits for a password check slot before a 503.
    pub password_check_wait: Duration,
}

/// Half the cores (at least one): sign-in floods never take every core from the proxy.
pub fn default_password_checks() -> usize {
    std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1))
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            max_age: Duration::from_secs(12 * 3600),
            idle_timeout: Duration::from_secs(30 * 60),
            max_failures: 5,
            window: Duration::from_secs(60),
            address_failure_budget: 20,
            address_spacing: Duration::from_secs(1),
            account_spacing: Duration::from_millis(250),
            max_account_spacing: Duration::from_secs(5),
            max_throttle_wait: Duration::from_secs(10),
            max_sessions_per_user: 16,
            max_password_checks: default_password_checks(),
            password_check_wait: Duration::from_secs(5),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionUser {
    pub username: String,
    pub role: Role,
}

/// Recent failures and the reserved next attempt times of paced accounts and addresses.
#[derive(Default)]
struct Throttle {
    failures: Vec<Failure>,
    account_next: HashMap<String, Instant>,
    address_next: HashMap<Option<IpAddr>, Instant>,
}

struct Failure {
    at: Instant,
    username: String,
    client: Option<IpAddr>,
}

struct Session {
    user: SessionUser,
    created: Instant,
    last_seen: Instant,
}

#[derive(Debug, PartialEq, Eq)]
pub enum LoginError {
    /// Unknown user or wrong password: the same answer for both.
    BadCredentials,
    /// Too many failures for this username or address: wait.
    Throttled,
    /// Too many password checks waiting already: try again in a second.
    Busy,
    /// The shared state (Redis) did not answer: nobody signs in (fail closed).
    Unavailable,
}

/// Users, live sessions and the failure log.
pub struct Sessions {
    users: Vec<UserConfig>,
    policy: SessionPolicy,
    sessions: Mutex<HashMap<String, Session>>,
    throttle: Mutex<Throttle>,
    /// Verifying against this when the user is unknown keeps the timing of both answers alike.
    decoy_hash: String,
    /// Password checks in flight, off the async workers ([`Sessions::sign_in`]).
    checks: Arc<Semaphore>,
    /// With `redis_url`: sessions and throttling live in Redis, for the whole fleet; the
    /// maps above stay empty.
    shared: Option<Arc<Shared>>,
}

impl Sessions {
    pub fn new(users: Vec<UserConfig>, policy: SessionPolicy) -> Sessions {
        let decoy_hash = hash_password("decoy password that matches nothing").expect("hashing works");
        let checks = Arc::new(Semaphore::new(policy.max_password_checks.max(1)));
        Sessions { users, policy, sessions: Mutex::new(HashMap::new()), throttle: Mutex::new(Throttle::default()), decoy_hash, checks, shared: None }
    }

    /// The same, with sessions and throttling in Redis (see [`crate::shared`]).
    pub fn with_shared(users: Vec<UserConfig>, policy: SessionPolicy, shared: Arc<Shared>) -> Sessions {
        Sessions { shared: Some(shared), ..Sessions::new(users, policy) }
    }

    /// The user of a live session (refreshing its idle timer), in Redis or in memory.
    pub async fn find(&self, id: &str) -> Result<Option<SessionUser>, Unavailable> {
        match &self.shared {
            Some(shared) => shared.session_user(id, &self.policy).await,
            None => Ok(self.user(id)),
        }
    }

    /// Ends a session, for every instance sharing the state.
    pub async fn sign_out(&self, id: &str) -> Result<(), Unavailable> {
        match &self.shared {
            Some(shared) => shared.close_session(id).await,
            None => {
                self.logout(id);
                Ok(())
            }
        }
    }

    pub fn has_users(&self) -> bool {
        !self.users.is_empty()
    }

    /// Checks the password and opens a session; returns its id. The argon2 check runs on
    /// the blocking pool, at most `max_password_checks` at a time: the async workers keep
    /// serving. A sign-in that waits longer than `password_check_wait` for its turn gets
    /// [`LoginError::Busy`]. The check runs to its end even if the client goes away, and
    /// only then frees its place.
    pub async fn sign_in(&self, username: &str, password: &str, client: Option<IpAddr>) -> Result<(String, SessionUser), LoginError> {
        let wait = match &self.shared {
            Some(shared) => match shared.admit(username, client, &self.policy).await {
                Ok(Some(wait)) => wait,
                Ok(None) => return Err(LoginError::Throttled),
                Err(e) => {
                    tracing::error!(error = %e, "sign-in refused: shared state unavailable");
                    return Err(LoginError::Unavailable);
                }
            },
            None => self.admit(username, client)?,
        };
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
        let (user, hash) = self.credentials_of(username);
        let permit = match tokio::time::timeout(self.policy.password_check_wait, self.checks.clone().acquire_owned()).await {
            Ok(permit) => permit.expect("the semaphore is never closed"),
            Err(_) => return Err(LoginError::Busy),
        };
        let password = password.to_owned();
        let verified = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            verify_password(&hash, &password)
        })
        .await
        .unwrap_or(false);
        let Some(shared) = &self.shared else {
            return self.conclude(username, client, user.filter(|_| verified));
        };
        let unavailable = |e: Unavailable| {
            tracing::error!(error = %e, "sign-in refused: shared state unavailable");
            LoginError::Unavailable
        };
        match user.filter(|_| verified) {
            Some(user) => {
                let id = random_id();
                shared.open_session(&id, &user, &self.policy).await.map_err(unavailable)?;
                Ok((id, user))
            }
            None => {
                shared.record_failure(username, client, &self.policy).await.map_err(unavailable)?;
                Err(LoginError::BadCredentials)
            }
        }
    }

    /// [`Sessions::sign_in`] on the calling thread (tests, tools).
    pub fn login(&self, username: &str, password: &str, client: Option<IpAddr>) -> Result<(String, SessionUser), LoginError> {
        std::thread::sleep(self.admit(username, client)?);
        let (user, hash) = self.credentials_of(username);
        let verified = verify_password(&hash, password);
        self.conclude(username, client, user.filter(|_| verified))
    }

    /// Whether an attempt may go ahead to the password check, and after how long a wait
    /// (see [`SessionPolicy`]). The wait is reserved: concurrent attempts queue up.
    fn admit(&self, username: &str, client: Option<IpAddr>) -> Result<Duration, LoginError> {
        let p = &self.policy;
        let now = Instant::now();
        let mut t = self.throttle.lock().unwrap();
        t.failures.retain(|f| now.duration_since(f.at) < p.window);
        t.account_next.retain(|_, at| *at > now);
        t.address_next.retain(|_, at| *at > now);
        let from_address = t.failures.iter().filter(|f| f.client == client).count();
        if from_address == 0 {
            return Ok(Duration::ZERO);
        }
        if t.failures.iter().filter(|f| f.client == client && f.username == username).count() >= p.max_failures {
            return Err(LoginError::Throttled);
        }
        let on_account = t.failures.iter().filter(|f| f.username == username).count();
        let account_spacing = (on_account >= p.max_failures)
            .then(|| p.account_spacing.saturating_mul(u32::try_from(on_account + 1 - p.max_failures).unwrap_or(u32::MAX)).min(p.max_account_spacing));
        let address_spacing = (from_address >= p.address_failure_budget).then_some(p.address_spacing);
        let mut slot = now;
        if account_spacing.is_some() {
            slot = slot.max(t.account_next.get(username).copied().unwrap_or(now));
        }
        if address_spacing.is_some() {
            slot = slot.max(t.address_next.get(&client).copied().unwrap_or(now));
        }
        let wait = slot - now;
        if wait > p.max_throttle_wait {
            return Err(LoginError::Throttled);
        }
        if let Some(spacing) = account_spacing {
            t.account_next.insert(username.to_string(), slot + spacing);
        }
        if let Some(spacing) = address_spacing {
            t.address_next.insert(client, slot + spacing);
        }
        Ok(wait)
    }

    /// The configured user (if any) and the hash to check against (the decoy's if none).
    fn credentials_of(&self, username: &str) -> (Option<SessionUser>, String) {
        match self.users.iter().find(|u| u.username == username) {
            Some(u) => (Some(SessionUser { username: u.username.clone(), role: u.role }), u.password_hash.expose().to_string()),
            None => (None, self.decoy_hash.clone()),
        }
    }

    /// After the check: a session for `verified`, or a failure on the record.
    fn conclude(&self, username: &str, client: Option<IpAddr>, verified: Option<SessionUser>) -> Result<(String, SessionUser), LoginError> {
        let now = Instant::now();
        let Some(user) = verified else {
            // Usernames are remembered as typed, cut to a bound: unknown ones count too.
            let username = username.chars().take(128).collect();
            self.throttle.lock().unwrap().failures.push(Failure { at: now, username, client });
            return Err(LoginError::BadCredentials);
        };
        let id = random_id();
        let mut sessions = self.sessions.lock().unwrap();
        // Sweep on every insert: the map holds live sessions only, at most
        // `max_sessions_per_user` for each configured user.
        sessions.retain(|_, s| self.is_live(s, now));
        let mut own: Vec<(Instant, String)> =
            sessions.iter().filter(|(_, s)| s.user.username == user.username).map(|(id, s)| (s.created, id.clone())).collect();
        if own.len() >= self.policy.max_sessions_per_user.max(1) {
            own.sort();
            for (_, oldest) in own.iter().take(own.len() + 1 - self.policy.max_sessions_per_user.max(1)) {
                sessions.remove(oldest);
            }
        }
        sessions.insert(id.clone(), Session { user: user.clone(), created: now, last_seen: now });
        Ok((id, user))
    }

    fn is_live(&self, s: &Session, now: Instant) -> bool {
        now.duration_since(s.created) < self.policy.max_age && now.duration_since(s.last_seen) < self.policy.idle_timeout
    }

    /// The user of a live session, refreshing its idle timer; expired sessions are removed.
    pub fn user(&self, id: &str) -> Option<SessionUser> {
        let now = Instant::now();
        let mut sessions = self.sessions.lock().unwrap();
        let live = sessions.get(id).is_some_and(|s| self.is_live(s, now));
        if !live {
            sessions.remove(id);
            return None;
        }
        let session = sessions.get_mut(id)?;
        session.last_seen = now;
        Some(session.user.clone())
    }

    /// Sessions held in memory (live or not yet swept).
    pub fn live_sessions(&self) -> usize {
        self.sessions.lock().unwrap().len()
    }

    pub fn logout(&self, id: &str) {
        self.sessions.lock().unwrap().remove(id);
    }

    pub fn policy(&self) -> &SessionPolicy {
        &self.policy
    }
}

/// Whether `password` matches the PHC string `hash` (argon2: tens of milliseconds of CPU).
fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok()).unwrap_or(false)
}

/// An argon2id PHC string for `password`, with a fresh random salt.
pub fn hash_password(password: &str) -> Result<String, String> {
    let mut salt = [0u8; 16];
    getrandom::getrandom(&mut salt).map_err(|e| e.to_string())?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| e.to_string())
}

/// 128 random bits, hex.
fn random_id() -> String {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).expect("the OS provides randomness");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The session id in a `Cookie` header, if any.
pub fn cookie_value(cookie_header: &str) -> Option<&str> {
    cookie_header.split(';').filter_map(|pair| pair.trim().split_once('=')).find(|(name, _)| *name == COOKIE).map(|(_, value)| value)
}

/// The `Set-Cookie` value for a new session (or, with `max_age` zero, for clearing it).
pub fn set_cookie(id: &str, max_age: Duration, secure: bool) -> String {
    format!("{COOKIE}={id}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}", max_age.as_secs(), if secure { "; Secure" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sessions(policy: SessionPolicy) -> Sessions {
        let users = vec![
            UserConfig { username: "ada".into(), password_hash: Secret::new(hash_password("correct horse").unwrap()), role: Role::Operator },
            UserConfig { username: "vic".into(), password_hash: Secret::new(hash_password("viewer pw").unwrap()), role: Role::Viewer },
        ];
        Sessions::new(users, policy)
    }

    #[test]
    fn login_opens_a_session_and_logout_ends_it() {
        let s = sessions(SessionPolicy::default());
        let (id, user) = s.login("ada", "correct horse", None).unwrap();
        assert_eq!(id.len(), 32);
        assert_eq!(user.role, Role::Operator);
        assert_eq!(s.user(&id).unwrap().username, "ada");
        s.logout(&id);
        assert!(s.user(&id).is_none());
        assert_eq!(s.login("ada", "wrong", None).unwrap_err(), LoginError::BadCredentials);
        assert_eq!(s.login("nobody", "x", None).unwrap_err(), LoginError::BadCredentials);
    }

    #[test]
    fn sessions_expire_when_idle() {
        let s = sessions(SessionPolicy { idle_timeout: Duration::from_millis(30), ..SessionPolicy::default() });
        let (id, _) = s.login("vic", "viewer pw", None).unwrap();
        std::thread::sleep(Duration::from_millis(60));
        assert!(s.user(&id).is_none());
    }

    #[test]
    fn failures_lock_the_pair_only() {
        let s = sessions(SessionPolicy::default());
        let here: Option<IpAddr> = Some("127.0.0.9".parse().unwrap());
        let there: Option<IpAddr> = Some("127.0.0.10".parse().unwrap());
        for _ in 0..5 {
            assert_eq!(s.login("ada", "nope", here).unwrap_err(), LoginError::BadCredentials);
        }
        // Even the right password waits now, from this address.
        assert_eq!(s.login("ada", "correct horse", here).unwrap_err(), LoginError::Throttled);
        // Other users here, and this user elsewhere, are not locked out.
        assert!(s.login("vic", "viewer pw", here).is_ok());
        assert!(s.login("ada", "correct horse", there).is_ok());
    }

    #[test]
    fn a_failing_address_over_its_budget_is_paced() {
        let policy = SessionPolicy { address_failure_budget: 3, address_spacing: Duration::from_millis(300), ..SessionPolicy::default() };
        let s = sessions(policy);
        let here: Option<IpAddr> = Some("127.0.0.9".parse().unwrap());
        for i in 0..3 {
            assert_eq!(s.login(&format!("guess{i}"), "nope", here).unwrap_err(), LoginError::BadCredentials);
        }
        let started = Instant::now();
        s.login("guess9", "nope", here).unwrap_err();
        s.login("vic", "viewer pw", here).unwrap();
        assert!(started.elapsed() >= Duration::from_millis(300), "{:?}", started.elapsed());
    }

    #[test]
    fn live_sessions_are_capped_per_user_oldest_first() {
        let s = sessions(SessionPolicy { max_sessions_per_user: 3, ..SessionPolicy::default() });
        let ids: Vec<String> = (0..5).map(|_| s.login("ada", "correct horse", None).unwrap().0).collect();
        let (vic, _) = s.login("vic", "viewer pw", None).unwrap();
        assert_eq!(s.live_sessions(), 4);
        assert!(s.user(&ids[0]).is_none() && s.user(&ids[1]).is_none(), "the oldest two were evicted");
        assert!(ids[2..].iter().all(|id| s.user(id).is_some()) && s.user(&vic).is_some());
    }

    #[test]
    fn expired_sessions_are_swept_when_others_open() {
        let s = sessions(SessionPolicy { idle_timeout: Duration::from_millis(30), ..SessionPolicy::default() });
        for _ in 0..4 {
            s.login("vic", "viewer pw", None).unwrap();
        }
        std::thread::sleep(Duration::from_millis(60));
        s.login("ada", "correct horse", None).unwrap();
        assert_eq!(s.live_sessions(), 1, "the map does not only grow");
    }

    #[tokio::test]
    async fn sign_ins_beyond_the_check_slots_wait_then_get_busy() {
        let policy = SessionPolicy { max_password_checks: 1, password_check_wait: Duration::from_millis(1), ..SessionPolicy::default() };
        let s = sessions(policy);
        let (first, second) = tokio::join!(s.sign_in("ada", "correct horse", None), s.sign_in("vic", "viewer pw", None));
        assert!(first.is_ok());
        assert_eq!(second.unwrap_err(), LoginError::Busy);
        // A longer wait gets its turn.
        let s = sessions(SessionPolicy { max_password_checks: 1, ..SessionPolicy::default() });
        let (first, second) = tokio::join!(s.sign_in("ada", "correct horse", None), s.sign_in("vic", "viewer pw", None));
        assert!(first.is_ok() && second.is_ok());
    }

    #[test]
    fn cookies_are_strict_and_http_only() {
        let c = set_cookie("abc", Duration::from_secs(60), true);
        assert_eq!(c, "commerce_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure");
        assert_eq!(cookie_value("a=1; commerce_session=abc; b=2"), Some("abc"));
        assert_eq!(cookie_value("a=1"), None);
    }
}
