//! Dashboard users, sign-in and sessions.
//!
//! Users come from the configuration (username, argon2id hash, role). A session is a
//! random 128-bit id in an HttpOnly, SameSite=Strict cookie, kept server-side with an
//! absolute expiry and an idle timeout. Failed sign-ins are throttled per username and
//! per client address.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use serde::{Deserialize, Serialize};

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
#[derive(Debug, Clone)]
pub struct SessionPolicy {
    pub max_age: Duration,
    pub idle_timeout: Duration,
    /// Failed sign-ins allowed per username and per client address within `window`.
    pub max_failures: usize,
    pub window: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy { max_age: Duration::from_secs(12 * 3600), idle_timeout: Duration::from_secs(30 * 60), max_failures: 5, window: Duration::from_secs(60) }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionUser {
    pub username: String,
    pub role: Role,
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
}

/// Users, live sessions and the failure log.
pub struct Sessions {
    users: Vec<UserConfig>,
    policy: SessionPolicy,
    sessions: Mutex<HashMap<String, Session>>,
    failures: Mutex<Vec<(Instant, String, Option<IpAddr>)>>,
    /// Verifying against this when the user is unknown keeps the timing of both answers alike.
    decoy_hash: String,
}

impl Sessions {
    pub fn new(users: Vec<UserConfig>, policy: SessionPolicy) -> Sessions {
        let decoy_hash = hash_password("decoy password that matches nothing").expect("hashing works");
        Sessions { users, policy, sessions: Mutex::new(HashMap::new()), failures: Mutex::new(Vec::new()), decoy_hash }
    }

    pub fn has_users(&self) -> bool {
        !self.users.is_empty()
    }

    /// Checks the password and opens a session; returns its id.
    pub fn login(&self, username: &str, password: &str, client: Option<IpAddr>) -> Result<(String, SessionUser), LoginError> {
        let now = Instant::now();
        {
            let mut failures = self.failures.lock().unwrap();
            failures.retain(|(at, _, _)| now.duration_since(*at) < self.policy.window);
            let by_user = failures.iter().filter(|(_, u, _)| u == username).count();
            let by_client = failures.iter().filter(|(_, _, c)| client.is_some() && *c == client).count();
            if by_user >= self.policy.max_failures || by_client >= self.policy.max_failures {
                return Err(LoginError::Throttled);
            }
        }
        let user = self.users.iter().find(|u| u.username == username);
        let hash = user.map(|u| u.password_hash.expose()).unwrap_or(&self.decoy_hash);
        let verified = PasswordHash::new(hash).map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok()).unwrap_or(false);
        match user.filter(|_| verified) {
            Some(user) => {
                let id = random_id();
                let session_user = SessionUser { username: user.username.clone(), role: user.role };
                self.sessions.lock().unwrap().insert(id.clone(), Session { user: session_user.clone(), created: now, last_seen: now });
                Ok((id, session_user))
            }
            None => {
                self.failures.lock().unwrap().push((now, username.to_string(), client));
                Err(LoginError::BadCredentials)
            }
        }
    }

    /// The user of a live session, refreshing its idle timer; expired sessions are removed.
    pub fn user(&self, id: &str) -> Option<SessionUser> {
        let now = Instant::now();
        let mut sessions = self.sessions.lock().unwrap();
        let live =
            sessions.get(id).is_some_and(|s| now.duration_since(s.created) < self.policy.max_age && now.duration_since(s.last_seen) < self.policy.idle_timeout);
        if !live {
            sessions.remove(id);
            return None;
        }
        let session = sessions.get_mut(id)?;
        session.last_seen = now;
        Some(session.user.clone())
    }

    pub fn logout(&self, id: &str) {
        self.sessions.lock().unwrap().remove(id);
    }

    pub fn policy(&self) -> &SessionPolicy {
        &self.policy
    }
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
    fn failures_are_throttled_per_username_and_per_address() {
        let s = sessions(SessionPolicy::default());
        let here: Option<IpAddr> = Some("127.0.0.9".parse().unwrap());
        for _ in 0..5 {
            assert_eq!(s.login("ada", "nope", None).unwrap_err(), LoginError::BadCredentials);
        }
        // Even the right password waits now.
        assert_eq!(s.login("ada", "correct horse", None).unwrap_err(), LoginError::Throttled);
        for i in 0..5 {
            assert_eq!(s.login(&format!("guess{i}"), "nope", here).unwrap_err(), LoginError::BadCredentials);
        }
        assert_eq!(s.login("vic", "viewer pw", here).unwrap_err(), LoginError::Throttled);
        assert!(s.login("vic", "viewer pw", None).is_ok());
    }

    #[test]
    fn cookies_are_strict_and_http_only() {
        let c = set_cookie("abc", Duration::from_secs(60), true);
        assert_eq!(c, "commerce_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure");
        assert_eq!(cookie_value("a=1; commerce_session=abc; b=2"), Some("abc"));
        assert_eq!(cookie_value("a=1"), None);
    }
}
