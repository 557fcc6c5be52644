//! A response body validated one-shot and streamed in chunks cut where the input says:
//! both reports must be the same (strict, and isolating records as responses are), the
//! body must come back whole, its text (loose values written in their type) must be the
//! same however it was cut, and a valid body without its rejected records must be valid.
//!
//! Input: byte 0 picks the schema (every operation's response, then every JSON request
//! body, in the catalogue's order by id: `seed.sh` writes the same index), byte 1 seeds
//! the chunk sizes, the rest is the body.
#![no_main]

use std::sync::OnceLock;

use commerce_kit::catalogue::{self, Body, Endpoint};
use commerce_kit::schema::Schema;
use commerce_kit::validate::{normalised_json, validate, validate_isolating, without_rejected, StreamValidator};
use libfuzzer_sys::fuzz_target;

/// Responses first (index i), then request bodies (index n + i) where there is one.
fn schemas() -> &'static [&'static Schema] {
    static SCHEMAS: OnceLock<Vec<&'static Schema>> = OnceLock::new();
    SCHEMAS.get_or_init(|| {
        let mut endpoints: Vec<&'static Endpoint> = catalogue::endpoints().to_vec();
        endpoints.sort_by_key(|e| e.id);
        let responses = endpoints.iter().map(|e| e.response);
        let bodies = endpoints.iter().filter_map(|e| match e.body {
            Body::Json(schema) => Some(schema),
            _ => None,
        });
        responses.chain(bodies).collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let [pick, seed, body @ ..] = data else { return };
    let schemas = schemas();
    let schema = schemas[*pick as usize % schemas.len()];
    let whole = validate(schema, body);
    // As responses are decoded: records of lists rejected on their own (issue 9).
    let isolated = validate_isolating(schema, body);

    // Chunk sizes 0..=31 from a xorshift seeded by the input (0: an empty push).
    let mut state = u32::from(*seed) | 0x9e37_7900;
    let mut stream = StreamValidator::new(schema);
    let mut isolating = StreamValidator::new(schema).isolating();
    let mut at = 0;
    let (mut text_done, mut loose_done) = (0, 0);
    let mut text = String::new();
    while at < body.len() {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let end = (at + (state % 32) as usize).min(body.len());
        stream.push(&body[at..end]);
        isolating.push(&body[at..end]);
        // The wasm stream's text, piece by piece as src/wasm/stream.rs converts it (up to
        // where validation got, loose scalars written in their type): the UTF-8 that
        // `ascii_json` assumes (it builds its string unchecked) must hold for each piece,
        // and together the pieces are the text of the whole.
        let cut = isolating.validated_up_to().max(text_done);
        assert!(cut <= end, "validated past the bytes");
        let loose = &isolating.loose()[loose_done..];
        let piece = normalised_json(isolating.body(), text_done, cut, loose);
        assert!(std::str::from_utf8(piece.as_bytes()).is_ok());
        text.push_str(&piece);
        loose_done += loose.len();
        text_done = cut;
        at = end;
    }
    let (all, streamed) = stream.finish();
    assert_eq!(all, body);
    assert_eq!(streamed, whole, "streaming and one-shot disagree");
    let (_, streamed_isolated) = isolating.finish();
    assert_eq!(streamed_isolated, isolated, "streaming and one-shot disagree on isolated records");
    text.push_str(&normalised_json(body, text_done, body.len(), isolated.loose.get(loose_done..).unwrap_or_default()));
    assert_eq!(text, normalised_json(body, 0, body.len(), &isolated.loose), "the text of the pieces is not the text of the whole");
    // serde refuses what JSON.parse takes (invalid UTF-8, lone surrogates): only compare
    // where serde reads the body at all.
    if isolated.is_valid() && serde_json::from_slice::<serde_json::Value>(body).is_ok() {
        // What JSON.parse and serde read: still JSON, without the rejected records.
        serde_json::from_str::<serde_json::Value>(&text).expect("the normalised text is JSON");
        let kept = without_rejected(body, &isolated);
        serde_json::from_slice::<serde_json::Value>(&kept).expect("the body without its rejected records is JSON");
        // Nothing left to reject, and a strict check of what is left finds nothing either.
        let again = validate(schema, &kept);
        assert!(again.is_valid(), "left after removing the rejected records: {:?}", again.errors);
    }
});
