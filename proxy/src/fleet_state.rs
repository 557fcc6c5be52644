//! State shared by a fleet of proxies, on Redis (`redis_url`): sessions, sign-in
//! throttling, vendor tokens and the vendors' pace. Without `redis_url` every piece keeps
//! its in-memory implementation and this module is unused.
//!
//! Every operation that must be atomic across instances is one Lua script, run on the
//! Redis server's clock (`TIME`), so instances on different machines agree on "now".
//! The scripts touch keys built from their arguments (a user's sessions, say): Redis
//! Cluster is not supported, one primary (with replicas, Sentinel) is.
//!
//! Key layout (prefix `commerce-proxy:`), see the README, "Running several proxies":
//! - `session:<sha256 of the cookie value>`: hash `user`, `role`, `created` (ms); its
//!   TTL is the idle timeout, never past the absolute expiry.
//! - `user-sessions:<username>`: sorted set of that user's session hashes by creation.
//! - `failures:pair:<address>|<username>`, `failures:address:<address>`,
//!   `failures:user:<username>`: sorted sets of failed sign-ins by time (one window).
//! - `next:user:<username>`, `next:address:<address>`: the reserved next attempt (ms).
//! - `token:<vendor>`: hash `version`, `invalid`, `blob` (AES-256-GCM of the tokens).
//! - `token-lock:<vendor>`: the owner of the grant in flight (`SET NX PX`).
//! - `grant-hold:<vendor>`: why the last grant failed, while it holds further grants
//!   off (its TTL); a token written deletes it.
//! - `pace:<vendor>`: the next free slot (ms, GCRA); `hold:<vendor>`: a vendor's
//!   `Retry-After`, until when (ms).
//!
//! Tower-sessions and its Redis store were evaluated for sessions and do not fit: the
//! store keys each record by the session id itself (the cookie value at rest, where this
//! proxy keeps only its hash), has one expiry per record (no absolute expiry next to the
//! idle one), and keeps no per-user index, so neither the per-user cap nor ending a
//! user's oldest session can be had without a second layout beside it.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::Aes256Gcm;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::Script;
use serde::{Deserialize, Serialize};
use sha2::Digest;

use crate::secret::Secret;
use crate::session::{Role, SessionPolicy, SessionUser};

const PREFIX: &str = "commerce-proxy:";

/// How long one Redis command may take before the request fails closed.
const RESPONSE_TIMEOUT: Duration = Duration::from_secs(2);

/// Redis could not be reached or answered something unexpected: the request fails
/// closed (503 `state_unavailable`), never falls back to per-instance state.
#[derive(Debug, Clone)]
pub struct Unavailable(pub String);

impl From<redis::RedisError> for Unavailable {
    fn from(e: redis::RedisError) -> Self {
        Unavailable(e.to_string())
    }
}

impl std::fmt::Display for Unavailable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "shared state (Redis) unavailable: {}", self.0)
    }
}

/// The connection to Redis and the key that encrypts tokens at rest.
pub struct Shared {
    redis: ConnectionManager,
    cipher: Aes256Gcm,
}

/// The 32-byte AES-256-GCM key, given as 64 hex digits.
pub fn parse_token_key(hex: &str) -> Result<[u8; 32], String> {
    let hex = hex.trim();
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err("must be 64 hex digits (32 random bytes, e.g. `openssl rand -hex 32`)".into());
    }
    let mut key = [0u8; 32];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("checked hex digits");
    }
    Ok(key)
}

impl Shared {
    /// Connects lazily: the proxy starts while Redis is down, `/readyz` says so and
    /// requests fail closed until it answers. Must run inside a tokio runtime.
    pub fn open(url: &Secret, token_key: &Secret) -> Result<Arc<Shared>, String> {
        let client = redis::Client::open(url.expose()).map_err(|e| format!("redis_url: {e}"))?;
        let config = ConnectionManagerConfig::new()
            .set_response_timeout(Some(RESPONSE_TIMEOUT))
            .set_connection_timeout(Some(Duration::from_secs(1)))
            .set_number_of_retries(1)
            .set_max_delay(Duration::from_millis(500));
        let redis = ConnectionManager::new_lazy_with_config(client, config).map_err(|e| format!("redis_url: {e}"))?;
        let key = parse_token_key(token_key.expose()).map_err(|e| format!("redis_token_key: {e}"))?;
        let cipher = Aes256Gcm::new_from_slice(&key).expect("32 bytes is an AES-256 key");
        Ok(Arc::new(Shared { redis, cipher }))
    }

    fn con(&self) -> ConnectionManager {
        self.redis.clone()
    }

    /// Whether Redis answers (for `/readyz`).
    pub async fn ping(&self) -> Result<(), Unavailable> {
        let mut con = self.con();
        let _: String = redis::cmd("PING").query_async(&mut con).await?;
        Ok(())
    }

    // Sessions.

    /// Stores a new session (by the hash of its id) and ends the user's oldest ones
    /// beyond `max_sessions_per_user`.
    pub async fn open_session(&self, id: &str, user: &SessionUser, policy: &SessionPolicy) -> Result<(), Unavailable> {
        static OPEN: &str = r#"
            local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            redis.call('HSET', KEYS[1], 'user', ARGV[2], 'role', ARGV[3], 'created', now)
            redis.call('PEXPIRE', KEYS[1], math.min(tonumber(ARGV[4]), tonumber(ARGV[5])))
            for _, member in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
                if redis.call('EXISTS', ARGV[7] .. member) == 0 then redis.call('ZREM', KEYS[2], member) end
            end
            redis.call('ZADD', KEYS[2], now, ARGV[1])
            local count = redis.call('ZCARD', KEYS[2])
            local cap = tonumber(ARGV[6])
            if count > cap then
                for _, member in ipairs(redis.call('ZRANGE', KEYS[2], 0, count - cap - 1)) do
                    if member ~= ARGV[1] then
                        redis.call('DEL', ARGV[7] .. member)
                        redis.call('ZREM', KEYS[2], member)
                    end
                end
            end
            redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]))
            return 1
        "#;
        let hash = session_hash(id);
        let role = match user.role {
            Role::Viewer => "viewer",
            Role::Operator => "operator",
        };
        let _: i64 = Script::new(OPEN)
            .key(format!("{PREFIX}session:{hash}"))
            .key(format!("{PREFIX}user-sessions:{}", user.username))
            .arg(&hash)
            .arg(&user.username)
            .arg(role)
            .arg(millis(policy.max_age))
            .arg(millis(policy.idle_timeout))
            .arg(policy.max_sessions_per_user.max(1))
            .arg(format!("{PREFIX}session:"))
            .invoke_async(&mut self.con())
            .await?;
        Ok(())
    }

    /// The user of a live session, refreshing its idle timer within its absolute expiry.
    pub async fn session_user(&self, id: &str, policy: &SessionPolicy) -> Result<Option<SessionUser>, Unavailable> {
        static FIND: &str = r#"
            local s = redis.call('HMGET', KEYS[1], 'user', 'role', 'created')
            if not s[1] or not s[3] then return false end
            local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local left = tonumber(s[3]) + tonumber(ARGV[1]) - now
            if left <= 0 then redis.call('DEL', KEYS[1]); return false end
            redis.call('PEXPIRE', KEYS[1], math.min(left, tonumber(ARGV[2])))
            return {s[1], s[2]}
        "#;
        let found: Option<(String, String)> = Script::new(FIND)
            .key(format!("{PREFIX}session:{}", session_hash(id)))
            .arg(millis(policy.max_age))
            .arg(millis(policy.idle_timeout))
            .invoke_async(&mut self.con())
            .await?;
        Ok(found.map(|(username, role)| SessionUser { username, role: if role == "operator" { Role::Operator } else { Role::Viewer } }))
    }

    /// Ends a session on every instance.
    pub async fn close_session(&self, id: &str) -> Result<(), Unavailable> {
        static CLOSE: &str = r#"
            local user = redis.call('HGET', KEYS[1], 'user')
            redis.call('DEL', KEYS[1])
            if user then redis.call('ZREM', ARGV[2] .. user, ARGV[1]) end
            return 1
        "#;
        let hash = session_hash(id);
        let _: i64 =
            Script::new(CLOSE).key(format!("{PREFIX}session:{hash}")).arg(&hash).arg(format!("{PREFIX}user-sessions:")).invoke_async(&mut self.con()).await?;
        Ok(())
    }

    // Sign-in throttling: the rules of `SessionPolicy`, counted fleet-wide.

    /// The wait before this attempt's password check, or `None`: refused (429).
    pub async fn admit(&self, username: &str, client: Option<IpAddr>, p: &SessionPolicy) -> Result<Option<Duration>, Unavailable> {
        static ADMIT: &str = r#"
            local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local window, max_failures, budget = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            for i = 1, 3 do redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window) end
            local from_address = redis.call('ZCARD', KEYS[2])
            if from_address == 0 then return 0 end
            if redis.call('ZCARD', KEYS[1]) >= max_failures then return -1 end
            local on_account = redis.call('ZCARD', KEYS[3])
            local slot = now
            local account_spacing, address_spacing = nil, nil
            if on_account >= max_failures then
                account_spacing = math.min(tonumber(ARGV[5]) * (on_account + 1 - max_failures), tonumber(ARGV[6]))
                slot = math.max(slot, tonumber(redis.call('GET', KEYS[4]) or now))
            end
            if from_address >= budget then
                address_spacing = tonumber(ARGV[4])
                slot = math.max(slot, tonumber(redis.call('GET', KEYS[5]) or now))
            end
            local wait = slot - now
            if wait > tonumber(ARGV[7]) then return -1 end
            if account_spacing then redis.call('SET', KEYS[4], slot + account_spacing, 'PX', wait + account_spacing + 1) end
            if address_spacing then redis.call('SET', KEYS[5], slot + address_spacing, 'PX', wait + address_spacing + 1) end
            return wait
        "#;
        let (username, address) = (bounded(username), address_of(client));
        let wait: i64 = Script::new(ADMIT)
            .key(format!("{PREFIX}failures:pair:{address}|{username}"))
            .key(format!("{PREFIX}failures:address:{address}"))
            .key(format!("{PREFIX}failures:user:{username}"))
            .key(format!("{PREFIX}next:user:{username}"))
            .key(format!("{PREFIX}next:address:{address}"))
            .arg(millis(p.window))
            .arg(p.max_failures)
            .arg(p.address_failure_budget)
            .arg(millis(p.address_spacing))
            .arg(millis(p.account_spacing))
            .arg(millis(p.max_account_spacing))
            .arg(millis(p.max_throttle_wait))
            .invoke_async(&mut self.con())
            .await?;
        Ok(u64::try_from(wait).ok().map(Duration::from_millis))
    }

    /// A failed sign-in, on the record for `window`.
    pub async fn record_failure(&self, username: &str, client: Option<IpAddr>, p: &SessionPolicy) -> Result<(), Unavailable> {
        static RECORD: &str = r#"
            local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            for i = 1, 3 do
                redis.call('ZADD', KEYS[i], now, now .. ':' .. ARGV[2])
                redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[1]))
            end
            return 1
        "#;
        let (username, address) = (bounded(username), address_of(client));
        let _: i64 = Script::new(RECORD)
            .key(format!("{PREFIX}failures:pair:{address}|{username}"))
            .key(format!("{PREFIX}failures:address:{address}"))
            .key(format!("{PREFIX}failures:user:{username}"))
            .arg(millis(p.window))
            .arg(random_hex())
            .invoke_async(&mut self.con())
            .await?;
        Ok(())
    }

    // Vendor tokens.

    /// The vendor's tokens as stored, decrypted; `None` if there are none.
    pub async fn read_token(&self, vendor: &str) -> Result<Option<StoredToken>, Unavailable> {
        let mut con = self.con();
        let (version, invalid, blob): (Option<u64>, Option<String>, Option<Vec<u8>>) =
            redis::cmd("HMGET").arg(format!("{PREFIX}token:{vendor}")).arg("version").arg("invalid").arg("blob").query_async(&mut con).await?;
        let (Some(version), Some(blob)) = (version, blob) else {
            return Ok(None);
        };
        if blob.len() < 12 {
            return Err(Unavailable(format!("the stored {vendor} token is malformed")));
        }
        let (nonce, sealed) = blob.split_at(12);
        let aad = token_aad(vendor, version);
        let nonce = aes_gcm::Nonce::try_from(nonce).expect("12 bytes");
        let plain = self
            .cipher
            .decrypt(&nonce, Payload { msg: sealed, aad: aad.as_bytes() })
            .map_err(|_| Unavailable(format!("the stored {vendor} token does not decrypt with redis_token_key (another key wrote it?)")))?;
        let sealed: SealedToken = serde_json::from_slice(&plain).map_err(|e| Unavailable(format!("the stored {vendor} token: {e}")))?;
        Ok(Some(StoredToken { version, invalid: invalid.as_deref() == Some("1"), tokens: sealed }))
    }

    /// Takes the vendor's grant lock for `ttl` unless another owner holds it.
    pub async fn lock_grant(&self, vendor: &str, owner: &str, ttl: Duration) -> Result<bool, Unavailable> {
        let mut con = self.con();
        let taken: Option<String> =
            redis::cmd("SET").arg(format!("{PREFIX}token-lock:{vendor}")).arg(owner).arg("NX").arg("PX").arg(millis(ttl)).query_async(&mut con).await?;
        Ok(taken.is_some())
    }

    /// Releases the grant lock if `owner` still holds it (compare and delete).
    pub async fn unlock_grant(&self, vendor: &str, owner: &str) -> Result<(), Unavailable> {
        static UNLOCK: &str = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";
        let _: i64 = Script::new(UNLOCK).key(format!("{PREFIX}token-lock:{vendor}")).arg(owner).invoke_async(&mut self.con()).await?;
        Ok(())
    }

    /// Stores tokens as version `read_version + 1`, only if the stored version is still
    /// `read_version` (fencing: a writer whose lock ran out cannot overwrite a newer
    /// token). Whether it was written.
    pub async fn write_token(&self, vendor: &str, read_version: u64, tokens: &SealedToken) -> Result<bool, Unavailable> {
        // A grant succeeded: the vendor's token route works, so its hold-off ends with
        // the write, in the same script (no window with a token and a stale hold-off).
        static WRITE: &str = r#"
            if tonumber(redis.call('HGET', KEYS[1], 'version') or '0') ~= tonumber(ARGV[1]) then return 0 end
            redis.call('HSET', KEYS[1], 'version', ARGV[2], 'invalid', '0', 'blob', ARGV[3])
            redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
            redis.call('DEL', KEYS[2])
            return 1
        "#;
        let version = read_version + 1;
        let mut nonce = [0u8; 12];
        getrandom::getrandom(&mut nonce).map_err(|e| Unavailable(e.to_string()))?;
        let plain = serde_json::to_vec(tokens).expect("tokens serialise");
        let aad = token_aad(vendor, version);
        let sealed = self
            .cipher
            .encrypt(&aes_gcm::Nonce::try_from(&nonce[..]).expect("12 bytes"), Payload { msg: &plain, aad: aad.as_bytes() })
            .map_err(|_| Unavailable("token encryption failed".into()))?;
        let blob: Vec<u8> = nonce.iter().copied().chain(sealed).collect();
        let written: i64 = Script::new(WRITE)
            .key(format!("{PREFIX}token:{vendor}"))
            .key(format!("{PREFIX}grant-hold:{vendor}"))
            .arg(read_version)
            .arg(version)
            .arg(blob)
            // The record outlives every token in it; the version then starts over at 1.
            .arg(millis(crate::tokens::MAX_TOKEN_LIFETIME))
            .invoke_async(&mut self.con())
            .await?;
        Ok(written == 1)
    }

    /// The vendor refused version `version`: mark it so, unless a newer one replaced it.
    pub async fn invalidate_token(&self, vendor: &str, version: u64) -> Result<(), Unavailable> {
        static INVALIDATE: &str = r#"
            if tonumber(redis.call('HGET', KEYS[1], 'version') or '0') == tonumber(ARGV[1]) then redis.call('HSET', KEYS[1], 'invalid', '1') end
            return 1
        "#;
        let _: i64 = Script::new(INVALIDATE).key(format!("{PREFIX}token:{vendor}")).arg(version).invoke_async(&mut self.con()).await?;
        Ok(())
    }

    /// A grant just failed for `reason`: no instance tries one for `wait`, and requests
    /// get that failure meanwhile (see [`Shared::grants_held`]). Set under the grant lock,
    /// before releasing it, so the next holder sees it.
    pub async fn hold_grants(&self, vendor: &str, reason: &str, wait: Duration) -> Result<(), Unavailable> {
        let mut con = self.con();
        let _: () = redis::cmd("SET").arg(format!("{PREFIX}grant-hold:{vendor}")).arg(reason).arg("PX").arg(millis(wait).max(1)).query_async(&mut con).await?;
        Ok(())
    }

    /// The reason grants are held off and for how much longer (Redis's clock, so every
    /// instance counts down the same hold-off), or `None`.
    pub async fn grants_held(&self, vendor: &str) -> Result<Option<(String, Duration)>, Unavailable> {
        let key = format!("{PREFIX}grant-hold:{vendor}");
        let (reason, left_ms): (Option<String>, i64) = redis::pipe().atomic().get(&key).pttl(&key).query_async(&mut self.con()).await?;
        // PTTL: -2 without the key, -1 without an expiry (never written so): neither holds,
        // so a key someone left without a TTL cannot stop grants for good.
        let left = u64::try_from(left_ms).ok().filter(|&ms| ms > 0).map(Duration::from_millis);
        Ok(reason.zip(left))
    }

    // Pacing.

    /// Claims the vendor's next slot if it is due (GCRA with no burst: one request per
    /// `interval`, fleet-wide, never before a stored `Retry-After`): `None` when claimed,
    /// else how long until it is due. Nothing is reserved for a caller that must wait,
    /// so a caller dropped while waiting leaves no trace.
    pub async fn claim_slot(&self, vendor: &str, interval: Duration) -> Result<Option<Duration>, Unavailable> {
        static CLAIM: &str = r#"
            local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local due = math.max(tonumber(redis.call('GET', KEYS[1]) or now), tonumber(redis.call('GET', KEYS[2]) or now))
            if due > now then return due - now end
            local interval = tonumber(ARGV[1])
            redis.call('SET', KEYS[1], now + interval, 'PX', interval + 1000)
            return 0
        "#;
        let wait: i64 = Script::new(CLAIM)
            .key(format!("{PREFIX}pace:{vendor}"))
            .key(format!("{PREFIX}hold:{vendor}"))
            .arg(millis(interval).max(1))
            .invoke_async(&mut self.con())
            .await?;
        Ok((wait > 0).then(|| Duration::from_millis(wait as u64)))
    }

    /// The vendor said `Retry-After: wait`: no instance claims a slot before then.
    pub async fn hold_off(&self, vendor: &str, wait: Duration) -> Result<(), Unavailable> {
        static HOLD: &str = r#"
            local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local until_ms = now + tonumber(ARGV[1])
            if until_ms > tonumber(redis.call('GET', KEYS[1]) or 0) then redis.call('SET', KEYS[1], until_ms, 'PX', tonumber(ARGV[1]) + 1000) end
            return 1
        "#;
        let _: i64 = Script::new(HOLD).key(format!("{PREFIX}hold:{vendor}")).arg(millis(wait)).invoke_async(&mut self.con()).await?;
        Ok(())
    }
}

/// What is encrypted in `token:<vendor>`'s `blob`. Times are Unix milliseconds: instances
/// on other machines read them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SealedToken {
    pub access: String,
    /// When to exchange again (the expiry less a margin); `None`: until refused.
    pub refresh_at_ms: Option<u64>,
    pub refresh: Option<String>,
    pub refresh_until_ms: Option<u64>,
}

/// A vendor's tokens as read from Redis.
#[derive(Debug, Clone)]
pub struct StoredToken {
    pub version: u64,
    /// The vendor refused this version (a 401): exchange the password again.
    pub invalid: bool,
    pub tokens: SealedToken,
}

impl StoredToken {
    /// Whether requests may carry the access token now.
    pub fn usable(&self, now_ms: u64) -> bool {
        !self.invalid && self.tokens.refresh_at_ms.is_none_or(|at| now_ms < at)
    }

    /// The refresh token, if it may still be used.
    pub fn refresh(&self, now_ms: u64) -> Option<Secret> {
        let usable = !self.invalid && self.tokens.refresh_until_ms.is_some_and(|until| now_ms < until);
        self.tokens.refresh.clone().filter(|_| usable).map(Secret::new)
    }
}

/// Unix time in milliseconds.
pub fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// The record's associated data: a blob moved to another vendor or version fails to open.
fn token_aad(vendor: &str, version: u64) -> String {
    format!("commerce-proxy token {vendor} {version}")
}

/// Session ids are kept only as their SHA-256: a copy of Redis signs nobody in.
fn session_hash(id: &str) -> String {
    sha2::Sha256::digest(id.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Usernames are counted as typed, cut to a bound, as the in-memory throttle does.
fn bounded(username: &str) -> String {
    username.chars().take(128).collect()
}

fn address_of(client: Option<IpAddr>) -> String {
    client.map_or_else(|| "unknown".into(), |a| a.to_string())
}

/// 128 random bits, hex: lock owners and failure record ids.
pub fn random_hex() -> String {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).expect("the OS provides randomness");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_keys_are_64_hex_digits() {
        assert_eq!(parse_token_key(&"ab".repeat(32)).unwrap(), [0xab; 32]);
        for bad in ["", "abc", &"zz".repeat(32), &"ab".repeat(33)] {
            assert!(parse_token_key(bad).unwrap_err().contains("64 hex digits"), "{bad:?}");
        }
    }

    #[test]
    fn session_ids_are_stored_as_their_sha256() {
        assert_eq!(session_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
