//! Log lines built from values the proxy does not control, and the audit trail.
//!
//! Every user- or vendor-supplied value (a username, a path, a vendor's request id) goes
//! into a log line through [`escape`]: quoted, with quotes, backslashes and every control
//! or invisible formatting character escaped. Such a value can then neither end the line
//! and start a forged one (`\n`, `\r`, U+2028), nor add a field (`" user=op`), nor drive
//! the reader's terminal (ESC, CSI).
//!
//! Audit lines (target `audit`) record every write that reached a vendor and every write
//! or credential exchange the proxy refused: who, what, outcome. No bodies, no secrets.

use std::fmt;

use crate::allowlist::Refusal;
use crate::secret;

/// Longer values are cut in log lines (with a count of what was left out).
pub const MAX_LOGGED_CHARS: usize = 512;

/// `value` for a log line: see the module documentation.
pub fn escape(value: &str) -> Escaped<'_> {
    Escaped(value)
}

/// A value that displays quoted and escaped.
pub struct Escaped<'a>(&'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        f.write_char('"')?;
        for c in self.0.chars().take(MAX_LOGGED_CHARS) {
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                c if needs_escape(c) => write!(f, "\\u{{{:x}}}", c as u32)?,
                c => f.write_char(c)?,
            }
        }
        f.write_char('"')?;
        let left_out = self.0.chars().skip(MAX_LOGGED_CHARS).count();
        if left_out > 0 {
            write!(f, "(+{left_out} chars)")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// C0 and C1 controls (ESC, CSI, NEL...), and the invisible characters that break or
/// reorder lines: zero-width ones, line and paragraph separators, bidi controls, BOM.
fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// A write that reached the vendor.
pub fn write(user: &str, operation: &str, status: u16, upstream_request_id: &str, ms: u64) {
    tracing::info!(target: "audit", user = %escape(user), operation, status, upstream_request_id = %escape(upstream_request_id), ms, "write");
}

/// A request the proxy refused before the vendor saw it, on the audit trail.
pub struct Refused<'a> {
    /// The signed-in user, if there is one yet.
    pub user: Option<&'a str>,
    pub method: &'a str,
    /// The path and query as received; credential-looking parameters are redacted here.
    pub path: &'a str,
    /// The catalogue operation, when it is known.
    pub operation: Option<&'static str>,
    pub status: u16,
    /// The error code the client got (`forbidden`, `cross_site`, `proxy_only`).
    pub reason: &'static str,
}

impl Refused<'_> {
    pub fn log(&self) {
        tracing::info!(
            target: "audit",
            user = %escape(self.user.unwrap_or("-")),
            method = %escape(self.method),
            path = %escape(&secret::redact_query(self.path)),
            operation = self.operation.unwrap_or("-"),
            status = self.status,
            reason = self.reason,
            "refused"
        );
    }
}

/// The allowlist's refusal of a request: a log line, and for a credential exchange
/// (proxy-only) an audit line too.
pub fn path_refused(user: &str, method: &str, path: &str, refusal: &Refusal) {
    let logged_path = secret::redact_query(path);
    tracing::info!(method = %escape(method), path = %escape(&logged_path), ?refusal, "refused");
    if *refusal == Refusal::ProxyOnly {
        Refused { user: Some(user), method, path, operation: None, status: 403, reason: "proxy_only" }.log();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_values_stay_on_their_line_and_in_their_field() {
        let cases = [
            ("ada", r#""ada""#),
            ("a\nb\rc\td", r#""a\nb\rc\td""#),
            ("x\" user=op", r#""x\" user=op""#),
            ("back\\slash", r#""back\\slash""#),
            ("\u{1b}[2K\u{9b}1G", r#""\u{1b}[2K\u{9b}1G""#),
            ("a\u{2028}b\u{202e}c\u{85}d\u{0}", r#""a\u{2028}b\u{202e}c\u{85}d\u{0}""#),
            ("café ✓", r#""café ✓""#),
        ];
        for (raw, logged) in cases {
            assert_eq!(escape(raw).to_string(), logged);
        }
        let long = "x".repeat(MAX_LOGGED_CHARS + 3);
        assert_eq!(escape(&long).to_string(), format!("\"{}\"(+3 chars)", "x".repeat(MAX_LOGGED_CHARS)));
    }
}
