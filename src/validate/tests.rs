use super::*;

#[cfg(test)]
mod general {
    use super::*;
    use crate::schema::{Field, ObjectSchema};

    #[test]
    fn a_key_in_a_path_has_its_escapes_resolved() {
        let cases: [(&[u8], &str); 6] = [
            (br"plain", "plain"),
            (br#"a\"b\\c\/d"#, "a\"b\\c/d"),
            (br"tab\there\nnew", "tab\there\nnew"),
            (br"\u00e9t\u00E9", "\u{e9}t\u{e9}"),
            (br"\ud83d\ude00", "\u{1f600}"),
            // Not a JSON escape (the scanner refuses it before): the bytes as they are.
            (br"bad\q", "bad\\q"),
        ];
        for (raw, want) in cases {
            assert_eq!(walk::unescape(raw), want, "{}", String::from_utf8_lossy(raw));
        }
    }

    static LEVEL: ObjectSchema = ObjectSchema {
        name: "Level",
        fields: &[
            Field { wire: "available", schema: &Schema::Integer, required: true },
            Field { wire: "note", schema: &Schema::Nullable(&Schema::String), required: false },
            Field { wire: "kind", schema: &Schema::StrEnum(&["A", "B"]), required: false },
            Field { wire: "rate", schema: &Schema::Loose(Scalar::Number), required: false },
        ],
    };
    static LEVELS: Schema = Schema::Array(&Schema::Object(&LEVEL));
    pub(super) static LEVELS_FOR_LIMITS: &Schema = &LEVELS;

    fn errors(body: &str) -> Vec<String> {
        validate(&LEVELS, body.as_bytes()).errors.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn accepts_valid_bodies_with_whitespace_escapes_and_nulls() {
        let r = validate(&LEVELS, br#" [ {"available": -3, "note": "a \"quoted\" \u00e9", "kind": "B"}, {"available": 0, "note": null} ] "#);
        assert_eq!(r, Report::default());
    }

    #[test]
    fn reports_every_error_with_path_expected_and_found() {
        assert_eq!(
            errors(r#"[{"available": 1.5}, {"available": "2", "kind": "C"}, {"note": 3}]"#),
            vec![
                "$[0].available: expected integer, found number 1.5",
                "$[1].available: expected integer, found string \"2\"",
                "$[1].kind: expected one of \"A\", \"B\", found string \"C\"",
                "$[2].note: expected string or null, found number 3",
                "$[2].available: expected integer, found nothing (field missing)",
            ]
        );
    }

    #[test]
    fn reports_each_unknown_key_once_as_drift() {
        let r = validate(&LEVELS, br#"[{"available": 1, "extra": {"deep": [1]}}, {"available": 2, "extra": 1, "odd key": true}]"#);
        assert!(r.errors.is_empty());
        assert_eq!(r.drift, vec!["$[0].extra", "$[1][\"odd key\"]"]);
    }

    #[test]
    fn loose_scalars_accept_strings_and_report_where() {
        let r = validate(&LEVELS, br#"[{"available": 1, "rate": "15"}, {"available": 1, "rate": 2.5}, {"available": 1, "rate": "x"}]"#);
        assert_eq!(
            r.loose,
            vec![LooseValue { path: vec![PathSegment::Index(0), PathSegment::Key("rate".into())], scalar: LooseKind::Number, span: Some((26, 30)) }]
        );
        assert_eq!(r.errors.len(), 1);
        assert_eq!(r.errors[0].path, "$[2].rate");
    }

    #[test]
    fn invalid_json_is_one_error_at_the_place_it_breaks() {
        assert_eq!(errors(r#"[{"available": 1,]"#), vec!["$[0]: expected a string key (invalid JSON), found ']' at byte 17"]);
        assert_eq!(errors(r#"[{"available": 01}]"#).len(), 1);
        assert_eq!(errors(r#"[] x"#), vec!["$: expected end of input (invalid JSON), found 'x' at byte 3"]);
        assert_eq!(errors(""), vec!["$: expected a value (invalid JSON), found end of input"]);
        assert_eq!(errors("<html>").len(), 1);
    }

    #[test]
    fn string_scan_finds_the_first_special_byte_at_every_offset() {
        for special in [b'"', b'\\', 0x00, 0x1f] {
            for len in 0..24 {
                for at in 0..=len {
                    let mut bytes = vec![b'a'; len];
                    // Bytes that look close to the special ones must not stop the scan.
                    for (i, b) in bytes.iter_mut().enumerate() {
                        *b = [b'a', 0x20, b'#', b'!', 0x7f, 0xe5, 0xa2, 0xdc, b']'][i % 9];
                    }
                    if at < len {
                        bytes[at] = special;
                    }
                    for from in 0..=at.min(len) {
                        assert_eq!(skip_plain(&bytes, from), at, "special {special:#x} at {at} of {len}, from {from}");
                    }
                }
            }
        }
    }

    #[test]
    fn ascii_json_escapes_non_ascii_and_replaces_invalid_utf8() {
        assert!(matches!(ascii_json(br#"{"a":"plain"}"#), std::borrow::Cow::Borrowed(_)));
        assert_eq!(ascii_json("{\"n\":\"Product 1 \u{542c}\u{96e8} é \u{1F600}\"}".as_bytes()), r#"{"n":"Product 1 \u542c\u96e8 \u00e9 \ud83d\ude00"}"#);
        assert_eq!(ascii_json(b"[\"a\xffb\xe5\xac\"]"), r#"["a\ufffdb\ufffd"]"#);
        let long = format!("[\"{}\u{542c}{}\"]", "x".repeat(37), "y".repeat(21));
        let escaped = ascii_json(long.as_bytes());
        assert!(escaped.is_ascii());
        assert_eq!(serde_json::from_str::<Vec<String>>(&escaped).unwrap(), serde_json::from_str::<Vec<String>>(&long).unwrap());
    }

    #[test]
    fn ascii_json_decodes_like_a_lossy_utf8_decode() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let pieces: [&[u8]; 10] =
            [b"a", b"xyz ", "\u{e9}".as_bytes(), "\u{542c}".as_bytes(), "\u{1F600}".as_bytes(), b"\xff", b"\xe5\xac", b"\xf0\x9f", b"\xc3", b"\x80"];
        for _ in 0..2000 {
            let mut bytes = Vec::new();
            for _ in 0..next() % 24 {
                bytes.extend_from_slice(pieces[(next() % 10) as usize]);
            }
            let escaped = ascii_json(&bytes);
            assert!(escaped.is_ascii());
            let decoded: String = serde_json::from_str(&format!("\"{escaped}\"")).unwrap();
            assert_eq!(decoded, String::from_utf8_lossy(&bytes), "{bytes:x?}");
        }
    }

    #[test]
    fn every_wire_name_is_plain_so_keys_can_be_matched_in_place() {
        fn walk(schema: &'static Schema, seen: &mut Vec<*const ObjectSchema>) {
            match schema {
                Schema::Nullable(inner) | Schema::Array(inner) | Schema::Records(inner) => walk(inner, seen),
                Schema::Lazy(resolve) => walk(resolve(), seen),
                Schema::Object(object) => {
                    if seen.contains(&(*object as *const ObjectSchema)) {
                        return;
                    }
                    seen.push(*object);
                    for field in object.fields {
                        assert!(!field.wire.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20), "{}.{}", object.name, field.wire);
                        walk(field.schema, seen);
                    }
                }
                _ => {}
            }
        }
        let mut seen = Vec::new();
        for endpoint in crate::catalogue::endpoints() {
            walk(endpoint.response, &mut seen);
            if let crate::catalogue::Body::Json(body) = endpoint.body {
                walk(body, &mut seen);
            }
        }
        assert!(seen.len() > 10);
    }

    /// Every body, cut into chunks at every position (and into many small chunks),
    /// gives the report of the whole body.
    #[cfg(feature = "s2")] // its fixture is the S2 inventory overview
    #[test]
    fn streaming_gives_the_same_report_whatever_the_chunks() {
        static ANY: Schema = Schema::Any;
        let overview = crate::catalogue::find("s2.get_inventory_overview").unwrap().response;
        let seed = include_str!("../../tests/fixtures/s2.get_inventory_overview/good.json");
        let mut bodies: Vec<(&'static Schema, Vec<u8>)> = Vec::new();
        for body in [
            r#" [ {"available": -3, "note": "a \"quoted\" \u00e9", "kind": "B"}, {"available": 0, "note": null} ] "#,
            r#"[{"available": 1.5}, {"available": "2", "kind": "C"}, {"note": 3}]"#,
            r#"[{"available": 1, "extra": {"deep": [1, [], {}, "x\\y", -2.5e+3, true, null]}}, {"available": 2, "extra": 1, "odd key": true}]"#,
            r#"[{"available": 1, "rate": "15"}, {"available": 1, "rate": 2.5}, {"available": 1, "rate": "x"}]"#,
            r#"[{"available": [1, {"a": [2]}], "note": {"x": 1}, "kind": [], "rate": false}]"#,
            r#"[{"available": 1,]"#,
            r#"[{"available": 01}]"#,
            "[] x",
            "",
            "<html>",
            r#"[{"available": 12345678901234567890, "note": "\ud83d\ude00 \u542c", "rate": 1e400}]"#,
        ] {
            bodies.push((&LEVELS, body.as_bytes().to_vec()));
            bodies.push((&ANY, body.as_bytes().to_vec()));
        }
        let seed_bytes = seed.as_bytes();
        bodies.push((overview, seed_bytes.to_vec()));
        // Damaged copies of the seed: every 61st byte removed, or replaced by something odd.
        for at in (0..seed_bytes.len()).step_by(61) {
            let mut removed = seed_bytes.to_vec();
            removed.remove(at);
            bodies.push((overview, removed));
            let mut replaced = seed_bytes.to_vec();
            replaced[at] = [b'"', b'1', b'{', b']', b'\\', b'x', b' ', 0x01][at % 8];
            bodies.push((overview, replaced));
        }
        for (schema, body) in &bodies {
            let whole = validate(schema, body);
            let cuts: Vec<Vec<usize>> =
                if body.len() < 400 { (0..=body.len()).map(|k| vec![k]).collect() } else { (0..body.len()).step_by(331).map(|k| vec![k]).collect() };
            let small: Vec<usize> = (0..body.len())
                .scan(0, |at, i| {
                    *at += 1 + i % 5;
                    Some(*at)
                })
                .take_while(|&at| at < body.len())
                .collect();
            for cut in cuts.into_iter().chain([small]) {
                let mut stream = StreamValidator::new(schema);
                let mut from = 0;
                for &at in &cut {
                    stream.push(&body[from..at]);
                    from = at;
                }
                stream.push(&body[from..]);
                let (all, report) = stream.finish();
                assert_eq!(&all, body);
                assert_eq!(report, whole, "body {:?} cut at {:?}", String::from_utf8_lossy(body), &cut[..cut.len().min(5)]);
            }
        }
    }

    #[test]
    fn text_of_a_body_cut_anywhere_is_the_text_of_the_whole() {
        let mut body = "[\"a \u{e9} \u{542c}\u{96e8} \u{1F600}\", \"x".as_bytes().to_vec();
        body.extend_from_slice(b"\xff\", \"\xe5\xac\"]");
        let whole = ascii_json(&body).into_owned();
        for cut in 0..=body.len() {
            let end = utf8_prefix_end(&body[..cut]);
            assert!(end <= cut && cut - end <= 3);
            assert_eq!(format!("{}{}", ascii_json(&body[..end]), ascii_json(&body[end..])), whole, "cut at {cut}");
        }
    }

    static NUMBERS: ObjectSchema = ObjectSchema {
        name: "Numbers",
        fields: &[
            Field { wire: "id", schema: &Schema::Integer, required: false },
            Field { wire: "price", schema: &Schema::Number, required: false },
            Field { wire: "qty", schema: &Schema::Loose(Scalar::Integer), required: false },
            Field { wire: "rate", schema: &Schema::Loose(Scalar::Number), required: false },
            Field { wire: "kind", schema: &Schema::Nullable(&Schema::IntEnum(&[0, 1])), required: false },
        ],
    };
    static NUMBERS_LIST: Schema = Schema::Array(&Schema::Object(&NUMBERS));

    /// Issue 16: an id of 2^53+1 became 2^53 in JavaScript and `1e400` became Infinity,
    /// and validation passed. Integers past ±(2^53−1) and numbers that overflow a double
    /// are errors naming the field, in one go and streamed alike.
    #[test]
    fn values_javascript_would_alter_are_errors_naming_the_field() {
        let body = br#"[
            {"id": 9007199254740991, "price": 1.7976931348623157e308, "qty": "-9007199254740991", "rate": "1e308"},
            {"id": -9007199254740991, "price": 123456789012345678901234567890, "qty": 9007199254740991, "kind": 1},
            {"id": 9007199254740992},
            {"id": 9007199254740993},
            {"id": -9007199254740993},
            {"id": 123456789012345678901234567890},
            {"price": 1e400},
            {"price": -1E+309},
            {"qty": "9007199254740993"},
            {"qty": 9007199254740993},
            {"rate": "1e400"},
            {"rate": 1e400}
        ]"#;
        let report = validate(&NUMBERS_LIST, body);
        let messages: Vec<String> = report.errors.iter().map(ToString::to_string).collect();
        const RANGE: &str = "outside the range JavaScript numbers hold exactly (±9007199254740991)";
        assert_eq!(
            messages,
            [
                format!("$[2].id: expected integer, found number 9007199254740992, {RANGE}"),
                format!("$[3].id: expected integer, found number 9007199254740993, {RANGE}"),
                format!("$[4].id: expected integer, found number -9007199254740993, {RANGE}"),
                format!("$[5].id: expected integer, found number 123456789012345678901234567890, {RANGE}"),
                "$[6].price: expected number, found number 1e400, not a finite number (past the largest double)".to_string(),
                "$[7].price: expected number, found number -1E+309, not a finite number (past the largest double)".to_string(),
                format!("$[8].qty: expected integer (or integer as string), found string \"9007199254740993\", {RANGE}"),
                format!("$[9].qty: expected integer (or integer as string), found number 9007199254740993, {RANGE}"),
                "$[10].rate: expected number (or number as string), found string \"1e400\", not a finite number (past the largest double)".to_string(),
                "$[11].rate: expected number (or number as string), found number 1e400, not a finite number (past the largest double)".to_string(),
            ]
        );
        for chunk in [1, 2, 7, 64] {
            let mut stream = StreamValidator::new(&NUMBERS_LIST);
            for piece in body.chunks(chunk) {
                stream.push(piece);
            }
            assert_eq!(stream.finish().1, report, "chunks of {chunk}");
        }
        // Nothing the schema does not type is judged: drift and `Any` pass as before.
        static ANY: Schema = Schema::Any;
        assert!(validate(&ANY, body).is_valid());
        assert!(validate(&NUMBERS_LIST, br#"[{"other": 1e400, "id": 1}]"#).is_valid());
    }

    #[test]
    fn caps_listed_errors_and_counts_the_rest() {
        let body = format!("[{}]", vec![r#"{"available":"x"}"#; MAX_LISTED_ERRORS + 5].join(","));
        let r = validate(&LEVELS, body.as_bytes());
        assert_eq!((r.errors.len(), r.unlisted_errors), (MAX_LISTED_ERRORS, 5));
    }
}

#[cfg(test)]
mod limits {
    use super::*;

    /// A recursive schema (`type Tree = Vec<Tree>`): the validator recurses once per level.
    static TREE: Schema = Schema::Array(&Schema::Lazy(tree));
    fn tree() -> &'static Schema {
        &TREE
    }
    static ANY: Schema = Schema::Any;
    /// An array of strings: a nested array is a mismatch, skipped.
    static STRINGS: Schema = Schema::Array(&Schema::String);

    fn nested(depth: usize) -> Vec<u8> {
        format!("{}{}", "[".repeat(depth), "]".repeat(depth)).into_bytes()
    }

    fn streamed(schema: &'static Schema, body: &[u8], chunk: usize) -> Report {
        let mut stream = StreamValidator::new(schema);
        for piece in body.chunks(chunk) {
            stream.push(piece);
        }
        stream.finish().1
    }

    #[test]
    fn ten_thousand_nested_arrays_are_refused_naming_the_limit() {
        let body = nested(10_000);
        for schema in [&TREE, &ANY, &STRINGS] {
            let report = validate(schema, &body);
            let messages: Vec<String> = report.errors.iter().map(ToString::to_string).collect();
            assert_eq!(messages.len(), 1, "{messages:?}");
            assert!(messages[0].ends_with(": expected at most 127 nested arrays and objects, found a deeper one at byte 127"), "{}", messages[0]);
            assert_eq!(streamed(schema, &body, 7), report);
            assert_eq!(streamed(schema, &body, 1000), report);
        }
    }

    /// The limit is serde_json's: what it reads, the validator passes; what it refuses
    /// for depth, the validator refuses naming the limit.
    #[test]
    fn the_limit_is_serde_jsons() {
        let deepest = nested(MAX_JSON_DEPTH);
        serde_json::from_slice::<serde_json::Value>(&deepest).unwrap();
        let e = serde_json::from_slice::<serde_json::Value>(&nested(MAX_JSON_DEPTH + 1)).unwrap_err();
        assert!(e.to_string().starts_with("recursion limit exceeded"), "{e}");
        for schema in [&TREE, &ANY, &STRINGS] {
            assert!(validate(schema, &deepest).is_valid() || std::ptr::eq(schema, &STRINGS));
            let report = validate(schema, &nested(MAX_JSON_DEPTH + 1));
            assert_eq!(report.errors.len(), 1);
            assert_eq!(report.errors[0].found, "a deeper one at byte 127");
        }
        // Objects count as arrays do, and a skipped value as a validated one.
        let objects = format!("[{}1{}]", r#"{"a":"#.repeat(MAX_JSON_DEPTH), "}".repeat(MAX_JSON_DEPTH));
        assert_eq!(
            validate(&ANY, objects.as_bytes()).errors[0].to_string(),
            "$: expected at most 127 nested arrays and objects, found a deeper one at byte 631"
        );
    }

    #[test]
    fn nests_deeper_than_measures_without_recursion() {
        let value: serde_json::Value = serde_json::from_slice(&nested(MAX_JSON_DEPTH)).unwrap();
        assert!(!nests_deeper_than(&value, MAX_JSON_DEPTH));
        assert!(nests_deeper_than(&value, MAX_JSON_DEPTH - 1));
        assert!(!nests_deeper_than(&serde_json::json!(1), 0));
        assert!(nests_deeper_than(&serde_json::json!({"a": [1, {"b": []}]}), 2));
        assert!(!nests_deeper_than(&serde_json::json!({"a": [1, {"b": []}]}), 4));
    }

    /// 100,000 distinct undeclared keys: the first 1000 listed, the rest counted; the
    /// search for repeats stays bounded (it was quadratic in the distinct keys).
    #[test]
    fn caps_listed_drift_and_counts_the_rest() {
        let keys: Vec<String> = (0..100_000).map(|i| format!(r#""k{i}":1"#)).collect();
        let body = format!(r#"[{{"available":1,{}}},{{"available":1,"k1":1}}]"#, keys.join(","));
        let started = std::time::Instant::now();
        let report = validate(super::general::LEVELS_FOR_LIMITS, body.as_bytes());
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "{:?}", started.elapsed());
        assert!(report.is_valid());
        assert_eq!((report.drift.len(), report.unlisted_drift), (MAX_LISTED_DRIFT, 100_000 - MAX_LISTED_DRIFT));
        assert_eq!(report.drift[1], "$[0].k1");
        assert_eq!(streamed(super::general::LEVELS_FOR_LIMITS, body.as_bytes(), 4096), report);
    }

    /// Issue 16: 80,000 distinct undeclared keys in a 1 MB body took 24.8 s (every key
    /// compared with every key listed before). Now the first 1000 are listed, the rest
    /// counted, in time linear in the body.
    #[test]
    fn eighty_thousand_distinct_unknown_keys_validate_in_linear_time() {
        let keys: Vec<String> = (0..80_000).map(|i| format!(r#""u{i}":0"#)).collect();
        let body = format!(r#"[{{"available":1,{}}}]"#, keys.join(","));
        let started = std::time::Instant::now();
        let report = validate(super::general::LEVELS_FOR_LIMITS, body.as_bytes());
        let elapsed = started.elapsed();
        // A body as long holding one string: the cost of the bytes alone, for the ratio.
        let plain = format!(r#"[{{"available":1,"note":"{}"}}]"#, "x".repeat(body.len()));
        let started = std::time::Instant::now();
        validate(super::general::LEVELS_FOR_LIMITS, plain.as_bytes());
        let baseline = started.elapsed();
        println!("80,000 distinct unknown keys, {} bytes: {elapsed:?} (a string of that size: {baseline:?})", body.len());
        assert!(report.is_valid());
        assert_eq!((report.drift.len(), report.unlisted_drift), (MAX_LISTED_DRIFT, 79_000));
        assert_eq!((report.drift[0].as_str(), report.drift[999].as_str()), ("$[0].u0", "$[0].u999"));
        assert!(elapsed < std::time::Duration::from_secs(5), "{elapsed:?}");
    }

    /// Issue 16: a 4 MB string fed in 1 KB chunks took 3–8.5 s against 11–65 ms in one
    /// go (each chunk scanned the string again from its opening quote). Now the scan goes
    /// on where it stopped: streamed costs a small factor of one-shot.
    #[test]
    fn a_four_megabyte_string_in_one_kilobyte_chunks_is_scanned_once() {
        static ANY: Schema = Schema::Any;
        let long = "abcdefg\\\"".repeat(4 << 20 >> 3);
        // Declared (validated), undeclared (skipped as drift), and a key.
        let bodies = [
            format!(r#"[{{"available":1,"note":"{long}"}}]"#),
            format!(r#"[{{"available":1,"extra":"{long}"}}]"#),
            format!(r#"[{{"available":1,"{long}":1}}]"#),
        ];
        for (body, schema) in bodies.iter().map(|b| (b, super::general::LEVELS_FOR_LIMITS)).chain([(&bodies[0], &ANY)]) {
            let body = body.as_bytes();
            let started = std::time::Instant::now();
            let whole = validate(schema, body);
            let one_shot = started.elapsed();
            let started = std::time::Instant::now();
            let report = streamed(schema, body, 1024);
            let chunked = started.elapsed();
            println!("{} MB string: one-shot {one_shot:?}, 1 KB chunks {chunked:?} ({:.1}×)", body.len() >> 20, chunked.as_secs_f64() / one_shot.as_secs_f64());
            assert_eq!(report, whole);
            assert!(chunked < one_shot * 10 + std::time::Duration::from_millis(200), "one-shot {one_shot:?}, chunked {chunked:?}");
        }
        // A number as long, validated (`rate`) or skipped: scanned once too.
        let digits = "1234567890".repeat(140_000);
        for body in [format!(r#"[{{"available":1,"rate":{digits}.{digits}e{digits}}}]"#), format!(r#"[{{"available":1,"extra":-{digits}{digits}{digits}}}]"#)] {
            let body = body.as_bytes();
            let started = std::time::Instant::now();
            let whole = validate(super::general::LEVELS_FOR_LIMITS, body);
            let one_shot = started.elapsed();
            let started = std::time::Instant::now();
            let report = streamed(super::general::LEVELS_FOR_LIMITS, body, 1024);
            let chunked = started.elapsed();
            println!("{} MB number: one-shot {one_shot:?}, 1 KB chunks {chunked:?}", body.len() >> 20);
            assert_eq!(report, whole);
            assert!(chunked < one_shot * 10 + std::time::Duration::from_millis(200), "one-shot {one_shot:?}, chunked {chunked:?}");
        }
        // Cut inside escapes too: the same report at every chunk size.
        let small = r#"[{"available":1,"note":"a\"b\\c\u00e9d\nfin","x\"y":"\u0041\"z"}]"#.as_bytes();
        let whole = validate(super::general::LEVELS_FOR_LIMITS, small);
        for chunk in 1..12 {
            assert_eq!(streamed(super::general::LEVELS_FOR_LIMITS, small, chunk), whole, "chunks of {chunk}");
        }
    }
}

/// Issue 9: one wrong value in one record of a list rejected the whole response.
#[cfg(test)]
mod isolation {
    use super::*;
    use crate::schema::{Field, ObjectSchema};

    static LINE: ObjectSchema = ObjectSchema { name: "Line", fields: &[Field { wire: "qty", schema: &Schema::Integer, required: true }] };
    static ORDER: ObjectSchema = ObjectSchema {
        name: "Order",
        fields: &[
            Field { wire: "id", schema: &Schema::Integer, required: true },
            Field { wire: "rate", schema: &Schema::Loose(Scalar::Number), required: false },
            // Part of the record: a bad line rejects its order.
            Field { wire: "lines", schema: &Schema::Array(&Schema::Object(&LINE)), required: false },
            // A list of records inside a record: a bad one is rejected on its own.
            Field { wire: "children", schema: &Schema::Records(&Schema::Object(&LINE)), required: false },
        ],
    };
    static PAGE: ObjectSchema = ObjectSchema {
        name: "Page",
        fields: &[
            Field { wire: "items", schema: &Schema::Records(&Schema::Object(&ORDER)), required: true },
            Field { wire: "next", schema: &Schema::Nullable(&Schema::String), required: false },
        ],
    };
    static PAGE_SCHEMA: Schema = Schema::Object(&PAGE);
    static PAGES: Schema = Schema::Array(&PAGE_SCHEMA);

    fn streamed(schema: &'static Schema, body: &[u8], chunk: usize) -> Report {
        let mut stream = StreamValidator::new(schema).isolating();
        for piece in body.chunks(chunk) {
            stream.push(piece);
        }
        stream.finish().1
    }

    fn errors_of(record: &RejectedRecord) -> Vec<String> {
        record.errors.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_bad_record_is_rejected_on_its_own_and_the_rest_stays_valid() {
        let body = br#"{"items": [{"id": 1}, {"id": "two", "rate": "x"}, {"id": 3, "rate": "2.5"}], "next": null}"#;
        let report = validate_isolating(&PAGE_SCHEMA, body);
        assert!(report.is_valid() && report.is_partial(), "{report:?}");
        assert_eq!(report.rejected.len(), 1);
        let rejected = &report.rejected[0];
        assert_eq!((rejected.index, rejected.path.as_str()), (1, "$.items"));
        assert_eq!(
            errors_of(rejected),
            ["$.items[1].id: expected integer, found string \"two\"", "$.items[1].rate: expected number (or number as string), found string \"x\""]
        );
        assert_eq!((rejected.raw.as_str(), rejected.raw_truncated), (r#"{"id": "two", "rate": "x"}"#, false));
        assert_eq!(report.rejected_spans, [RecordSpan { list: vec![PathSegment::Key("items".into())], index: 1, start: 22, end: 22 + rejected.raw.len() }]);
        // Loose values of the good records are still listed for normalising.
        assert_eq!(report.loose.len(), 1);
        // The same body validated strictly (a request body, `validate`) is invalid.
        assert_eq!(validate(&PAGE_SCHEMA, body).errors.len(), 2);
        let kept = without_rejected(body, &report);
        assert_eq!(std::str::from_utf8(&kept).unwrap(), r#"{"items": [{"id": 1},  {"id": 3, "rate": "2.5"}], "next": null}"#);
    }

    #[test]
    fn a_wrong_envelope_still_makes_the_body_invalid() {
        for (body, error) in [
            (r#"{"items": {"id": 1}}"#, "$.items: expected array, found object"),
            (r#"{"next": "t"}"#, "$.items: expected array, found nothing (field missing)"),
            (r#"{"items": [], "next": 5}"#, "$.next: expected string or null, found number 5"),
            (r#"[{"id": 1}]"#, "$: expected object (Page), found array"),
        ] {
            let report = validate_isolating(&PAGE_SCHEMA, body.as_bytes());
            assert_eq!(report.errors.iter().map(ToString::to_string).collect::<Vec<_>>(), [error], "{body}");
            assert!(report.rejected.is_empty());
        }
        // Invalid JSON inside a record is not a record problem: nothing can be read past it.
        let report = validate_isolating(&PAGE_SCHEMA, br#"{"items": [{"id": 1,}]}"#);
        assert!(!report.is_valid() && report.rejected.is_empty());
    }

    #[test]
    fn members_of_a_top_level_array_are_records() {
        let body = br#"[{"items": [{"id": 1}], "next": "a"}, {"items": [{"id": 2}, {"id": 3, "lines": [{"qty": 1}, {"qty": "9"}]}], "next": 7}]"#;
        let report = validate_isolating(&PAGES, body);
        assert!(report.is_valid(), "{report:?}");
        // The second page's `next` is wrong: that page goes, with the bad order inside it
        // (folded into the page's errors, not listed twice).
        assert_eq!(report.rejected.len(), 1);
        assert_eq!((report.rejected[0].index, report.rejected[0].path.as_str()), (1, "$"));
        assert_eq!(
            errors_of(&report.rejected[0]),
            ["$[1].items[1].lines[1].qty: expected integer, found string \"9\"", "$[1].next: expected string or null, found number 7"]
        );
        assert_eq!(report.rejected_spans.len(), 1);
        assert_eq!(std::str::from_utf8(&without_rejected(body, &report)).unwrap(), r#"[{"items": [{"id": 1}], "next": "a"}]"#);
    }

    #[test]
    fn nested_lists_of_records_reject_the_innermost_record() {
        let body = br#"[{"items": [{"id": 1, "children": [{"qty": 1}, {"qty": true}, {"qty": 3}]}, {"id": 2, "lines": [{"qty": "x"}]}]}]"#;
        let report = validate_isolating(&PAGES, body);
        assert!(report.is_valid(), "{report:?}");
        let listed: Vec<(usize, &str)> = report.rejected.iter().map(|r| (r.index, r.path.as_str())).collect();
        assert_eq!(listed, [(1, "$[0].items[0].children"), (1, "$[0].items")]);
        assert_eq!(errors_of(&report.rejected[1]), ["$[0].items[1].lines[0].qty: expected integer, found string \"x\""]);
        assert_eq!(std::str::from_utf8(&without_rejected(body, &report)).unwrap(), r#"[{"items": [{"id": 1, "children": [{"qty": 1},  {"qty": 3}]}]}]"#);
    }

    #[test]
    fn many_bad_records_are_capped_counted_and_all_left_out() {
        let records: Vec<String> = (0..250).map(|i| if i % 2 == 0 { format!(r#"{{"id": {i}}}"#) } else { format!(r#"{{"id": "{i}"}}"#) }).collect();
        let body = format!(r#"{{"items": [{}]}}"#, records.join(","));
        let report = validate_isolating(&PAGE_SCHEMA, body.as_bytes());
        assert!(report.is_valid());
        assert_eq!((report.rejected.len(), report.unlisted_rejected, report.rejected_spans.len()), (MAX_LISTED_REJECTED, 25, 125));
        let kept: serde_json::Value = serde_json::from_slice(&without_rejected(body.as_bytes(), &report)).unwrap();
        let ids: Vec<i64> = kept["items"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect();
        assert_eq!(ids, (0..250).step_by(2).collect::<Vec<i64>>());
        // Every member wrong: an empty list, still a valid envelope.
        let report = validate_isolating(&PAGE_SCHEMA, br#"{"items": [{"id": "a"}, {"id": "b"}]}"#);
        assert_eq!(std::str::from_utf8(&without_rejected(br#"{"items": [{"id": "a"}, {"id": "b"}]}"#, &report)).unwrap(), r#"{"items": []}"#);
    }

    #[test]
    fn a_record_lists_at_most_twenty_errors_and_four_kilobytes_of_raw_text() {
        let lines = vec![r#"{"qty": "é"}"#; 30].join(",");
        let pad = "é".repeat(3000);
        let body = format!(r#"{{"items": [{{"id": 1, "lines": [{lines}], "pad": "{pad}"}}]}}"#);
        let report = validate_isolating(&PAGE_SCHEMA, body.as_bytes());
        let rejected = &report.rejected[0];
        assert_eq!((rejected.errors.len(), rejected.unlisted_errors), (MAX_RECORD_ERRORS, 10));
        assert!(rejected.raw_truncated && rejected.raw.len() <= MAX_RAW_BYTES && rejected.raw.len() > MAX_RAW_BYTES - 4);
        assert!(body.contains(&rejected.raw));
    }

    #[test]
    fn streaming_isolates_records_like_the_whole_body_whatever_the_chunks() {
        let body = br#"[{"items": [{"id": 1, "children": [{"qty": 1}, {"qty": true}]}, {"id": "x", "rate": "1"}], "next": null}, {"items": 3}]"#;
        let whole = validate_isolating(&PAGES, body);
        assert_eq!(whole.rejected.len(), 3, "{whole:?}");
        for chunk in 1..body.len() {
            assert_eq!(streamed(&PAGES, body, chunk), whole, "chunks of {chunk}");
        }
    }
}

/// Issue 9 item 3: loose values written in their declared type in one pass over the bytes.
#[cfg(test)]
mod normalised {
    use super::*;
    use crate::schema::{Field, ObjectSchema};

    static LOOSE: ObjectSchema = ObjectSchema {
        name: "Loose",
        fields: &[
            Field { wire: "qty", schema: &Schema::Loose(Scalar::Integer), required: false },
            Field { wire: "price", schema: &Schema::Loose(Scalar::Number), required: false },
            Field { wire: "active", schema: &Schema::Loose(Scalar::Boolean), required: false },
            Field { wire: "note", schema: &Schema::Loose(Scalar::Text), required: false },
            Field { wire: "name", schema: &Schema::String, required: false },
        ],
    };
    static LIST: Schema = Schema::Array(&Schema::Object(&LOOSE));

    const BODY: &str = r#"[{"qty": "12", "price": "101.00", "active": 1, "note": null, "name": "é \"q\""},
        {"qty": "+5", "price": "1.", "active": "0", "note": "x"}, {"qty": 7, "price": ".5", "active": "true"},
        {"qty": "007", "price": "-0", "active": false, "name": "1"}]"#;
    const NORMALISED: &str = r#"[{"qty": 12, "price": 101.00, "active": true, "note": "", "name": "é \"q\""},
        {"qty": 5, "price": 1, "active": false, "note": "x"}, {"qty": 7, "price": 0.5, "active": true},
        {"qty": 7, "price": -0, "active": false, "name": "1"}]"#;

    /// Nothing to rewrite, nothing copied: the megabytes of an ASCII body without loose
    /// scalars (the S2 inventory) go to `JSON.parse` as they are.
    #[test]
    fn a_body_without_loose_scalars_is_borrowed() {
        let body = br#"[{"qty": 12, "price": 1.5, "active": true, "note": "x", "name": "n"}]"#;
        let report = validate(&LIST, body);
        assert!(report.is_valid() && report.loose.is_empty(), "{report:?}");
        let text = normalised_json(body, 0, body.len(), &report.loose);
        assert!(matches!(text, std::borrow::Cow::Borrowed(_)));
        assert_eq!(text.as_bytes(), body);
        // Non-ASCII still becomes escapes, so it is a copy then.
        let accented = "[{\"name\": \"\u{e9}\"}]".as_bytes();
        assert_eq!(normalised_json(accented, 0, accented.len(), &[]), r#"[{"name": "\u00e9"}]"#);
    }

    #[test]
    fn loose_scalars_are_written_in_their_declared_type() {
        let body = BODY.as_bytes();
        let report = validate(&LIST, body);
        assert!(report.is_valid(), "{:?}", report.errors);
        let text = normalised_json(body, 0, body.len(), &report.loose);
        assert!(text.is_ascii());
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed, serde_json::from_str::<serde_json::Value>(NORMALISED).unwrap(), "{text}");
    }

    #[test]
    fn streamed_text_is_the_text_of_the_whole_body_whatever_the_chunks() {
        let body = BODY.as_bytes();
        let whole = normalised_json(body, 0, body.len(), &validate(&LIST, body).loose);
        for chunk in 1..body.len() {
            // What the browser's BodyStream does: text up to what is validated, each time.
            let mut stream = StreamValidator::new(&LIST);
            let (mut text, mut done, mut next) = (String::new(), 0, 0);
            let mut take = |stream: &StreamValidator, upto: usize, text: &mut String| {
                let loose = stream.loose();
                let end = next + loose[next..].iter().take_while(|l| l.span.is_none_or(|(_, e)| e <= upto)).count();
                text.push_str(&normalised_json(stream.body(), done, upto, &loose[next..end]));
                (done, next) = (upto, end);
            };
            for piece in body.chunks(chunk) {
                stream.push(piece);
                let upto = stream.validated_up_to().min(stream.body().len());
                take(&stream, upto, &mut text);
            }
            take(&stream, body.len(), &mut text);
            assert_eq!(text, whole, "chunks of {chunk}");
        }
    }

    #[test]
    fn json_numbers_are_recognised_as_rfc_8259_spells_them() {
        for yes in ["0", "-0", "12", "1.5", "1e5", "1E+5", "-2.5e-3"] {
            assert!(is_json_number(yes.as_bytes()), "{yes}");
        }
        for no in ["", "-", "+1", "01", "1.", ".5", "1e", "1e+", "0x1", " 1", "Infinity"] {
            assert!(!is_json_number(no.as_bytes()), "{no}");
        }
    }
}

/// The lean walk (`lean.rs`) hands every finding to the reporting walk: a body validated
/// with it gives exactly the report the reporting walk alone gives, whole or in chunks.
#[cfg(test)]
mod lean {
    use super::*;

    fn reporting_only(schema: &'static Schema, body: &[u8], isolate: bool) -> Report {
        let mut state = State { isolate, reporting_only: true, ..State::default() };
        run(schema, body, &mut state, true);
        state.into_report(body)
    }

    fn streamed(schema: &'static Schema, body: &[u8], isolate: bool, cuts: &[usize]) -> Report {
        let mut stream = StreamValidator::new(schema);
        if isolate {
            stream = stream.isolating();
        }
        let mut from = 0;
        for &at in cuts {
            stream.push(&body[from..at]);
            from = at;
        }
        stream.push(&body[from..]);
        stream.finish().1
    }

    /// Every operation's captured bodies (good, drift, wrong types, real payloads) and
    /// damaged copies of them: a byte removed, or replaced by one that breaks a token,
    /// a type or the JSON, at positions spread over the body.
    pub(super) fn corpus() -> Vec<(&'static Schema, Vec<u8>)> {
        let mut bodies = Vec::new();
        for (schema, body) in captured() {
            for (k, at) in (0..body.len()).step_by(body.len() / 97 + 1).enumerate() {
                let mut removed = body.clone();
                removed.remove(at);
                bodies.push((schema, removed));
                let mut replaced = body.clone();
                replaced[at] = [b'"', b'1', b'{', b']', b'\\', b'x', b' ', 0x01, b'n', b'-', b',', b'}'][k % 12];
                bodies.push((schema, replaced));
            }
            bodies.push((schema, body));
        }
        bodies
    }

    /// Every operation's captured bodies (good, drift, wrong types, real payloads).
    pub(super) fn captured() -> Vec<(&'static Schema, Vec<u8>)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut files = Vec::new();
        for endpoint in crate::catalogue::endpoints() {
            for dir in [root.join(endpoint.id), root.join("real").join(endpoint.vendor.slug())] {
                let Ok(dir) = std::fs::read_dir(dir) else { continue };
                for file in dir.flatten().map(|f| f.path()).filter(|f| f.extension().is_some_and(|e| e == "json")) {
                    // Real payloads are named `<operation>.<source>.json`.
                    let name = file.file_name().unwrap_or_default().to_string_lossy().into_owned();
                    let operation = endpoint.id.split_once('.').map_or(endpoint.id, |(_, op)| op);
                    if file.starts_with(root.join(endpoint.id)) || name.split('.').next() == Some(operation) {
                        files.push((endpoint.response, file));
                    }
                }
            }
        }
        files.into_iter().map(|(schema, file)| (schema, std::fs::read(&file).expect("a readable fixture"))).collect()
    }

    #[test]
    fn the_lean_walk_reports_exactly_what_the_reporting_walk_reports() {
        let bodies = corpus();
        assert!(bodies.len() > 1000, "{} bodies", bodies.len());
        let mut findings = 0;
        for (schema, body) in &bodies {
            for isolate in [false, true] {
                let expected = reporting_only(schema, body, isolate);
                findings += expected.errors.len() + expected.drift.len() + expected.loose.len() + expected.rejected_spans.len();
                let run = |validate: fn(&'static Schema, &[u8]) -> Report| validate(schema, body);
                let whole = if isolate { run(validate_isolating) } else { run(validate) };
                assert_eq!(whole, expected, "body {:?}", String::from_utf8_lossy(body));
                // Chunks: where a token is cut, the lean walk hands off too.
                let step = body.len() / 7 + 1;
                let cuts: Vec<usize> = (step..body.len()).step_by(step).collect();
                assert_eq!(streamed(schema, body, isolate, &cuts), expected, "body {:?} cut at {cuts:?}", String::from_utf8_lossy(body));
            }
        }
        assert!(findings > 1000, "the corpus exercises the hand-offs: {findings} findings");
    }
}

/// The lists of records parsed while they arrive (`batches.rs`): the envelope with each
/// list's records put in its place is the value of the whole text, for every captured
/// body whatever the chunks, and for damaged copies whose bad records are rejected.
#[cfg(test)]
mod batches {
    use super::*;
    use serde_json::Value;

    /// What the browser's BodyStream does with the pieces, serde_json standing for
    /// `JSON.parse`: `None` when the body is invalid, else the value and how many lists
    /// were streamed.
    fn assembled(schema: &'static Schema, body: &[u8], chunk: usize) -> Option<(Value, usize)> {
        let mut stream = StreamValidator::new(schema).isolating();
        let mut batches = RecordBatches::default();
        let (mut envelope, mut lists) = (String::new(), Vec::<(Vec<&str>, Vec<Value>)>::new());
        let mut loose_done = 0;
        let mut take = |pieces: Vec<Piece>, body: &[u8], loose: &[LooseValue]| {
            for piece in pieces {
                let mut text = |from: usize, to: usize| {
                    let end = loose_done + loose[loose_done..].iter().take_while(|l| l.span.is_none_or(|(_, e)| e <= to)).count();
                    let text = normalised_json(body, from, to, &loose[loose_done..end]).into_owned();
                    loose_done = end;
                    text
                };
                match piece {
                    Piece::Envelope { from, to } => envelope.push_str(&text(from, to)),
                    Piece::List { number, path } => {
                        assert_eq!(number, lists.len());
                        envelope.push_str(&number.to_string());
                        lists.push((path, Vec::new()));
                    }
                    Piece::Records { from, to } => {
                        let records: Vec<Value> = serde_json::from_str(&format!("[{}]", text(from, to))).expect("whole records");
                        assert!(!records.is_empty());
                        lists.last_mut().expect("a list began").1.extend(records);
                    }
                }
            }
        };
        for piece in body.chunks(chunk.max(1)) {
            stream.push(piece);
            let mut pieces = Vec::new();
            batches.advance(&stream, &mut |p| pieces.push(p));
            take(pieces, stream.body(), stream.loose());
        }
        let (body, report) = stream.finish();
        if !report.is_valid() {
            return None;
        }
        let mut pieces = Vec::new();
        batches.finish(&body, &mut |p| pieces.push(p));
        take(pieces, &body, &report.loose);
        assert!(!batches.unsplittable, "{}", String::from_utf8_lossy(&body));
        let mut value: Value = serde_json::from_str(&envelope).expect("the envelope parses");
        let streamed = lists.len();
        for (number, (path, records)) in lists.into_iter().enumerate() {
            let place = path.iter().try_fold(&mut value, |v, key| v.get_mut(*key)).expect("the list's place");
            if place.as_u64() == Some(number as u64) {
                *place = Value::Array(records);
            } else {
                // The same key twice: the browser parses the whole text instead.
                return Some((serde_json::from_str(&normalised_json(&body, 0, body.len(), &report.loose)).unwrap(), 0));
            }
        }
        Some((value, streamed))
    }

    #[test]
    fn records_parsed_as_they_arrive_make_the_value_of_the_whole_text() {
        let (mut lists, mut partial) = (0, 0);
        let originals = super::lean::captured();
        for (schema, body) in super::lean::corpus() {
            let report = validate_isolating(schema, &body);
            if !report.is_valid() {
                continue;
            }
            // Damaged copies only where a record is rejected (the rest are like the original).
            let original = originals.iter().any(|(_, o)| *o == body);
            if !original && report.rejected_spans.is_empty() {
                continue;
            }
            let expected: Value = serde_json::from_str(&normalised_json(&body, 0, body.len(), &report.loose)).unwrap();
            let sizes: &[usize] = if original { &[1, 7, 64 << 10, usize::MAX] } else { &[7, usize::MAX] };
            for &size in sizes {
                let (value, streamed) = assembled(schema, &body, size.min(body.len())).expect("valid");
                assert_eq!(value, expected, "chunks of {size}: {}", String::from_utf8_lossy(&body));
                lists += streamed;
                partial += usize::from(streamed > 0 && report.is_partial());
            }
        }
        // Not a test that cannot fail: lists were streamed, some with rejected records.
        assert!(lists > 500 && partial > 50, "{lists} lists streamed, {partial} with rejected records");
    }

    #[test]
    fn a_key_given_twice_keeps_the_list_json_parse_keeps() {
        static ITEM: Schema = Schema::Integer;
        static LIST: Schema = Schema::Records(&ITEM);
        static FIELDS: [crate::schema::Field; 1] = [crate::schema::Field { wire: "items", schema: &LIST, required: true }];
        static PAGE_OBJECT: ObjectSchema = ObjectSchema { name: "Page", fields: &FIELDS };
        static PAGE: Schema = Schema::Object(&PAGE_OBJECT);
        let body = br#"{"items": [1, 2, 3], "items": [4, 5]}"#;
        let (value, _) = assembled(&PAGE, body, 4).expect("valid");
        assert_eq!(value, serde_json::json!({"items": [4, 5]}));
    }
}
