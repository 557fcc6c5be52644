//! Credentials that never print.

use std::fmt;

/// A key, password or token. `Debug` and `Display` print `[redacted]`; the value is
/// reachable only through [`Secret::expose`], which is greppable.
#[derive(Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Substrings that make a query parameter name a credential, matched against the name
/// percent-decoded (repeatedly, so `%2574oken` counts), lowercased and with `?` stripped.
/// Over-matching (`design`, `keyword`) only hides a harmless value from a log line.
pub const CREDENTIAL_NAME_PATTERNS: [&str; 11] = ["token", "key", "secret", "password", "passwd", "pwd", "sso", "session", "sig", "auth", "credential"];

/// A URL or path for a log line: the value of any credential-looking query parameter
/// ([`is_credential_name`]) replaced by `[redacted]`. Pairs are split on `&`, `;` and `?`
/// alike (servers differ on which separate parameters), and the separators are kept.
pub fn redact_query(path_and_query: &str) -> String {
    let Some((path, query)) = path_and_query.split_once('?') else { return path_and_query.to_string() };
    let mut out = String::with_capacity(path_and_query.len() + 16);
    out.push_str(path);
    out.push('?');
    let mut rest = query;
    loop {
        let end = rest.find(['&', ';', '?']).unwrap_or(rest.len());
        let pair = &rest[..end];
        match pair.split_once('=') {
            Some((name, _)) if is_credential_name(name) => {
                out.push_str(name);
                out.push_str("=[redacted]");
            }
            _ => out.push_str(pair),
        }
        let Some(separator) = rest[end..].chars().next() else { break };
        out.push(separator);
        rest = &rest[end + 1..];
    }
    out
}

/// Whether a query parameter or header name looks like it carries a credential: its
/// decoded form contains one of [`CREDENTIAL_NAME_PATTERNS`].
pub fn is_credential_name(name: &str) -> bool {
    let name = decoded_name(name);
    CREDENTIAL_NAME_PATTERNS.iter().any(|p| name.contains(p))
}

/// `name` percent-decoded until it stops changing (at most 4 rounds; `+` is a space),
/// lowercased, leading `?` removed. Undecodable bytes are kept as they are.
fn decoded_name(name: &str) -> String {
    let mut current = name.replace('+', " ");
    for _ in 0..4 {
        let next = percent_decode_lossy(&current);
        if next == current {
            break;
        }
        current = next;
    }
    current.trim_start_matches('?').to_lowercase()
}

fn percent_decode_lossy(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        // Two hex digits exactly (`from_str_radix` alone would take `%+a`).
        let hex =
            bytes.get(i + 1..i + 3).filter(|h| h.iter().all(u8::is_ascii_hexdigit)).and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s} {s:?}"), "[redacted] [redacted]");
        assert_eq!(s.expose(), "hunter2");
    }

    #[test]
    fn credential_query_parameters_are_redacted() {
        assert_eq!(redact_query("/v1/sources?token=abc&format=json"), "/v1/sources?token=[redacted]&format=json");
        assert_eq!(redact_query("/x?Password=1&a"), "/x?Password=[redacted]&a");
        assert_eq!(redact_query("/x"), "/x");
    }

    #[test]
    fn every_credential_looking_name_is_redacted_however_it_is_spelled() {
        for name in [
            "resetkey",
            "storeSSO",
            "access-token",
            "client_secret",
            "sig",
            "session",
            "%74oken",
            "%2574oken",
            "%74%6F%6b%65%6E",
            "?token",
            "??token",
            "%3Ftoken",
            "X-Auth",
            "oauth_verifier",
            "PassWord",
            "apiKey",
        ] {
            for query in [format!("{name}=CLEAR"), format!("a=1&{name}=CLEAR"), format!("a=1;{name}=CLEAR&b=2")] {
                let logged = redact_query(&format!("/v1/x?{query}"));
                assert!(!logged.contains("CLEAR"), "{query} logged as {logged}");
                assert!(logged.contains("=[redacted]"), "{query} logged as {logged}");
            }
        }
        // Harmless names stay readable.
        assert_eq!(redact_query("/x?format=json&limit=10&q=a%20b"), "/x?format=json&limit=10&q=a%20b");
        // `?` and `;` separate pairs too: some servers split on them.
        assert_eq!(redact_query("/x?a=1?token=2;sig=3"), "/x?a=1?token=[redacted];sig=[redacted]");
    }
}
