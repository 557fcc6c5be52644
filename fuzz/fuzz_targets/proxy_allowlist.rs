//! The proxy's allowlist on any method, path and query: refuse or allow, never panic.
//! Input: method, path and (optional) query separated by NUL bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, '\0');
    let method = parts.next().unwrap_or("");
    let path = parts.next().unwrap_or("");
    let query = parts.next();
    let _ = commerce_proxy::allowlist::check(method, path, query);
});
