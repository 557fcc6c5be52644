//! The session id in any `Cookie` header: found or not, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let header = String::from_utf8_lossy(data);
    if let Some(value) = commerce_proxy::session::cookie_value(&header) {
        assert!(header.contains(value));
    }
});
