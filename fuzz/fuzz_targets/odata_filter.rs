//! The `$filter` checker on any text: no panic, no overflow; what it accepts, the
//! builder's printer would not need to change (parse → check → same answer twice).
#![no_main]

use commerce_kit::request::FieldErrors;
use commerce_kit::vendors::sellers_commerce::odata::{check_filter, parse_filter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let parsed = parse_filter(text);
    if let Err(e) = &parsed {
        let _ = e.to_string();
    }
    assert_eq!(parse_filter(text).is_ok(), parsed.is_ok());
    let mut errors = FieldErrors::new();
    check_filter(&mut errors, "$filter", text);
});
