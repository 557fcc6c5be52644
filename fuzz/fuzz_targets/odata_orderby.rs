//! The `$orderby` checker on any text: no panic; every key it accepts has a path.
#![no_main]

use commerce_kit::vendors::sellers_commerce::odata::parse_orderby;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match parse_orderby(text) {
        Ok(keys) => assert!(!keys.is_empty() && keys.iter().all(|(path, _)| !path.is_empty() && path.iter().all(|p| !p.is_empty()))),
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
