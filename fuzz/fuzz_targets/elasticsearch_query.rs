//! A Stock2Shop search body from any bytes, as the wasm binding reads one (validator,
//! then serde_json), then its checks; a search the checks pass must encode.
#![no_main]

use commerce_kit::schema::Wire;
use commerce_kit::validate::validate;
use commerce_kit::vendors::stock2shop::search::EsSearch;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let report = validate(EsSearch::SCHEMA, data);
    let Ok(search) = serde_json::from_slice::<EsSearch>(data) else { return };
    let errors = search.check();
    for e in &errors {
        let _ = e.to_string();
    }
    if errors.is_empty() {
        serde_json::to_string(&search).expect("a checked search encodes");
    }
    // serde_json read it, so it is within the depth the validator accepts.
    assert!(report.errors.iter().all(|i| !i.expected.starts_with("at most")), "{report:?}");
});
