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

/// A URL or path for a log line: the value of any credential-looking query parameter
/// replaced by `[redacted]`.
pub fn redact_query(path_and_query: &str) -> String {
    let Some((path, query)) = path_and_query.split_once('?') else { return path_and_query.to_string() };
    let redacted: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if is_credential_name(k) => format!("{k}=[redacted]"),
            _ => pair.to_string(),
        })
        .collect();
    format!("{path}?{}", redacted.join("&"))
}

/// Query parameter and header names that carry credentials anywhere in the catalogue.
pub fn is_credential_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    ["token", "access_token", "refresh_token", "password", "accesskey", "api_key", "apikey", "key", "secret", "authorization"].contains(&name.as_str())
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
}
