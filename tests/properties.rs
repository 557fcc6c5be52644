//! Property tests over every schema in the catalogue (issue 15 item 6), driven by the
//! registry rather than a hand list: for each operation's response and JSON request body,
//! values generated from its `Wire` schema serialise and validate back to themselves
//! (no error, nothing undeclared), and the same value with one field broken is rejected
//! with a path that points at exactly that field.
//!
//! Generated strings are short, lists hold at most three items and recursive types stop
//! at a few levels, so the whole run stays within seconds.

#![cfg(not(target_arch = "wasm32"))]

use commerce_kit::catalogue::{self, Body};
use commerce_kit::schema::{Scalar, Schema};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{json, Map, Value};

/// Lists deeper than this are generated empty (recursive category trees, say).
const MAX_DEPTH: u32 = 4;

/// Cases per schema: 72 operations and their bodies, about 100 schemas in all.
const CASES: u32 = 48;

/// Valid JSON for `schema`.
fn valid(schema: &'static Schema, depth: u32) -> BoxedStrategy<Value> {
    const SAFE: i64 = (1 << 53) - 1;
    match schema {
        Schema::String => "[a-zA-Z0-9 _-]{0,8}".prop_map(Value::from).boxed(),
        Schema::Integer => prop_oneof![-1000i64..1000, -SAFE..=SAFE].prop_map(Value::from).boxed(),
        // Fractions in quarters: exact in binary, so the text reads back as the same double.
        Schema::Number => prop_oneof![(-1000i64..1000).prop_map(|n| json!(n)), (-4_000_000_000i64..4_000_000_000).prop_map(|n| json!(n as f64 / 4.0))].boxed(),
        Schema::Boolean => any::<bool>().prop_map(Value::from).boxed(),
        Schema::Any => prop_oneof![Just(Value::Null), any::<i32>().prop_map(Value::from), "[a-z]{0,4}".prop_map(Value::from)].boxed(),
        Schema::Nullable(inner) => prop_oneof![1 => Just(Value::Null), 3 => valid(inner, depth)].boxed(),
        Schema::Array(item) | Schema::Records(item) if depth >= MAX_DEPTH => {
            let _ = item;
            Just(json!([])).boxed()
        }
        Schema::Array(item) | Schema::Records(item) => proptest::collection::vec(valid(item, depth + 1), 0..3).prop_map(Value::Array).boxed(),
        Schema::Object(object) => {
            let fields: Vec<BoxedStrategy<Option<(String, Value)>>> = object
                .fields
                .iter()
                .map(|field| {
                    let entry = valid(field.schema, depth + 1).prop_map(move |v| Some((field.wire.to_string(), v)));
                    if field.required {
                        entry.boxed()
                    } else {
                        prop_oneof![1 => Just(None), 3 => entry].boxed()
                    }
                })
                .collect();
            fields.prop_map(|entries| Value::Object(entries.into_iter().flatten().collect::<Map<String, Value>>())).boxed()
        }
        Schema::StrEnum(values) => proptest::sample::select(*values).prop_map(Value::from).boxed(),
        Schema::IntEnum(values) => proptest::sample::select(*values).prop_map(Value::from).boxed(),
        Schema::Loose(Scalar::Integer) => (-1000i64..1000).prop_map(Value::from).boxed(),
        Schema::Loose(Scalar::Number) => (-1000i64..1000).prop_map(|n| json!(n)).boxed(),
        Schema::Loose(Scalar::Boolean) => any::<bool>().prop_map(Value::from).boxed(),
        Schema::Loose(Scalar::Text) => "[a-z ]{0,8}".prop_map(Value::from).boxed(),
        Schema::Counted(_) => (0i64..1000).prop_map(Value::from).boxed(),
        Schema::Lazy(resolve) => valid(resolve(), depth),
    }
}

/// Every place in `value` that a broken value can be put at, with the validator's path
/// for it and the schema that place has.
fn places(schema: &'static Schema, value: &Value, path: &str, out: &mut Vec<(String, &'static Schema)>) {
    let schema = match schema {
        Schema::Lazy(resolve) => resolve(),
        other => other,
    };
    out.push((path.to_string(), schema));
    let inner = match schema {
        Schema::Nullable(inner) => inner,
        other => other,
    };
    match (inner, value) {
        (Schema::Array(item) | Schema::Records(item), Value::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                places(item, v, &format!("{path}[{i}]"), out);
            }
        }
        (Schema::Object(object), Value::Object(map)) => {
            for field in object.fields {
                if let Some(v) = map.get(field.wire) {
                    let key = if field.wire.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$') && !field.wire.is_empty() {
                        format!("{path}.{}", field.wire)
                    } else {
                        format!("{path}[{}]", Value::String(field.wire.into()))
                    };
                    places(field.schema, v, &key, out);
                }
            }
        }
        _ => {}
    }
}

/// A value no schema of this kind accepts: an object where a scalar or list belongs, a
/// number where an object does. `None` for free-form places.
fn broken(schema: &'static Schema) -> Option<Value> {
    let inner = match schema {
        Schema::Nullable(inner) => inner,
        other => other,
    };
    match inner {
        Schema::Any => None,
        Schema::Object(_) | Schema::Counted(_) => Some(json!(true)),
        _ => Some(json!({"broken": true})),
    }
}

/// `value` with the place at `path` (as [`places`] spells it) replaced by `with`.
fn replace(value: &mut Value, schema: &'static Schema, path: &str, here: &str, with: &Value) -> bool {
    if path == here {
        *value = with.clone();
        return true;
    }
    let schema = match schema {
        Schema::Lazy(resolve) => resolve(),
        Schema::Nullable(inner) => inner,
        other => other,
    };
    match (schema, value) {
        (Schema::Array(item) | Schema::Records(item), Value::Array(items)) => {
            items.iter_mut().enumerate().any(|(i, v)| replace(v, item, path, &format!("{here}[{i}]"), with))
        }
        (Schema::Object(object), Value::Object(map)) => object.fields.iter().any(|field| {
            let key = if field.wire.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$') && !field.wire.is_empty() {
                format!("{here}.{}", field.wire)
            } else {
                format!("{here}[{}]", Value::String(field.wire.into()))
            };
            map.get_mut(field.wire).is_some_and(|v| replace(v, field.schema, path, &key, with))
        }),
        _ => false,
    }
}

/// Every schema the catalogue declares: each operation's response and JSON body.
fn schemas() -> Vec<(String, &'static Schema)> {
    let mut all = Vec::new();
    for endpoint in catalogue::endpoints() {
        all.push((format!("{} response", endpoint.id), endpoint.response));
        if let Body::Json(schema) = endpoint.body {
            all.push((format!("{} body", endpoint.id), schema));
        }
    }
    all
}

fn runner() -> TestRunner {
    TestRunner::new(Config { cases: CASES, failure_persistence: None, ..Config::default() })
}

#[test]
fn generated_values_of_every_schema_validate_back_to_themselves() {
    let all = schemas();
    assert!(all.len() >= catalogue::endpoints().len(), "every operation has at least its response");
    for (name, schema) in all {
        runner()
            .run(&valid(schema, 0), |value| {
                let bytes = serde_json::to_vec(&value).unwrap();
                let report = commerce_kit::validate(schema, &bytes);
                prop_assert!(report.errors.is_empty(), "{name}: {:?} for {value}", report.errors);
                prop_assert!(report.drift.is_empty(), "{name}: {:?} undeclared in {value}", report.drift);
                // Serialised again, it is the same document.
                let again: Value = serde_json::from_slice(&bytes).unwrap();
                prop_assert_eq!(again, value);
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn one_broken_field_is_rejected_naming_exactly_that_field() {
    for (name, schema) in schemas() {
        let case = (valid(schema, 0), any::<prop::sample::Index>());
        runner()
            .run(&case, |(mut value, pick)| {
                let mut found = Vec::new();
                places(schema, &value, "$", &mut found);
                let candidates: Vec<(String, Value)> = found.into_iter().filter_map(|(path, schema)| broken(schema).map(|b| (path, b))).collect();
                if candidates.is_empty() {
                    return Ok(());
                }
                let (path, with) = pick.get(&candidates).clone();
                prop_assert!(replace(&mut value, schema, &path, "$", &with), "{name}: {path} not found in {value}");
                let report = commerce_kit::validate(schema, &serde_json::to_vec(&value).unwrap());
                let paths: Vec<&str> = report.errors.iter().map(|issue| issue.path.as_str()).collect();
                if paths != [path.as_str()] {
                    return Err(TestCaseError::fail(format!("{name}: {with} at {path} gave {:?} in {value}", report.errors)));
                }
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}
