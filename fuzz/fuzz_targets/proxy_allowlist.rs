//! The proxy's allowlist on any method, path and query: refuse or allow, never panic;
//! and what it allows goes upstream rebuilt: a vendor path that stays under the
//! operation's template, and a query of declared names whose values hold no reserved
//! character (a `;`, `&`, `=` or `?` in a value can never become a parameter upstream).
//! Input: method, path and (optional) query separated by NUL bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn unreserved_or_escape(value: &str) -> bool {
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => i += 1,
            b'%' if i + 2 < bytes.len() && bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit() => i += 3,
            _ => return false,
        }
    }
    true
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, '\0');
    let method = parts.next().unwrap_or("");
    let path = parts.next().unwrap_or("");
    let query = parts.next();
    let Ok(allowed) = commerce_proxy::allowlist::check(method, path, query) else { return };
    assert!(!allowed.vendor_path.contains("/../") && !allowed.vendor_path.contains("//"), "{}", allowed.vendor_path);
    for (name, value) in &allowed.query {
        assert!(allowed.endpoint.query_param(name).is_some(), "undeclared {name} forwarded");
        assert!(unreserved_or_escape(value), "{name}={value} forwarded with a reserved character");
    }
    let rebuilt = allowed.query_string();
    assert_eq!(rebuilt.matches('&').count(), allowed.query.len().saturating_sub(1), "{rebuilt}");
});
