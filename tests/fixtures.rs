#![cfg(not(target_arch = "wasm32"))]
//! Every catalogue operation has three captured bodies in `tests/fixtures/<id>/`:
//! `good.json` (valid, no drift), `wrong_type.json` (fails with exactly the errors in
//! `wrong_type.expected`) and `drift.json` (valid, drift exactly `drift.expected`; none
//! for free-form responses, see `can_drift`).
//! Adding an endpoint without its fixtures fails here.

use std::fs;
use std::path::PathBuf;

use commerce_kit::catalogue;
use commerce_kit::schema::Schema;

fn fixture_dir(id: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(id)
}

fn read(id: &str, name: &str) -> Vec<u8> {
    let path = fixture_dir(id).join(name);
    fs::read(&path).unwrap_or_else(|e| panic!("{id}: missing fixture {}: {e}", path.display()))
}

fn expected_lines(id: &str, name: &str) -> Vec<String> {
    String::from_utf8(read(id, name)).unwrap().lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect()
}

#[test]
fn every_operation_has_fixtures_that_validate_as_declared() {
    let mut failures = Vec::new();
    for endpoint in catalogue::endpoints() {
        let id = endpoint.id;
        let good = commerce_kit::validate(endpoint.response, &read(id, "good.json"));
        if !good.errors.is_empty() || !good.drift.is_empty() {
            failures.push(format!("{id}: good.json: errors {:?}, drift {:?}", good.errors, good.drift));
        }
        let wrong = commerce_kit::validate(endpoint.response, &read(id, "wrong_type.json"));
        let found: Vec<String> = wrong.errors.iter().map(ToString::to_string).collect();
        let want = expected_lines(id, "wrong_type.expected");
        if want.is_empty() || found != want {
            failures.push(format!("{id}: wrong_type.json: errors {found:#?}, expected {want:#?}"));
        }
        if !can_drift(endpoint.response) {
            continue;
        }
        let drift = commerce_kit::validate(endpoint.response, &read(id, "drift.json"));
        let want = expected_lines(id, "drift.expected");
        if !drift.errors.is_empty() || want.is_empty() || drift.drift != want {
            failures.push(format!("{id}: drift.json: errors {:?}, drift {:?}, expected drift {want:?}", drift.errors, drift.drift));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Drift is a key an object schema does not declare. A free-form response (documented as
/// "No Documentation Available": `Schema::Any`, or an array of it) declares no object, so
/// nothing in it can drift: such operations have no drift fixture. (Their wrong_type.json
/// is then invalid JSON, the one thing a free-form response can get wrong.)
fn can_drift(schema: &'static Schema) -> bool {
    match schema {
        Schema::Object(_) => true,
        Schema::Array(inner) | Schema::Records(inner) | Schema::Nullable(inner) => can_drift(inner),
        Schema::Lazy(resolve) => can_drift(resolve()),
        _ => false,
    }
}
