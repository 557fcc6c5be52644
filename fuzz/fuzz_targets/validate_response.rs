//! A response body validated one-shot and streamed in chunks cut where the input says:
//! both reports must be the same, and the body must come back whole.
//!
//! Input: byte 0 picks the schema (every operation's response, then every JSON request
//! body, in the catalogue's order by id: `seed.sh` writes the same index), byte 1 seeds
//! the chunk sizes, the rest is the body.
#![no_main]

use std::sync::OnceLock;

use commerce_kit::catalogue::{self, Body, Endpoint};
use commerce_kit::schema::Schema;
use commerce_kit::validate::{ascii_json, utf8_prefix_end, validate, StreamValidator};
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

    // Chunk sizes 0..=31 from a xorshift seeded by the input (0: an empty push).
    let mut state = u32::from(*seed) | 0x9e37_7900;
    let mut stream = StreamValidator::new(schema);
    let mut at = 0;
    let mut text_done = 0;
    let mut text = String::new();
    while at < body.len() {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let end = (at + (state % 32) as usize).min(body.len());
        stream.push(&body[at..end]);
        // The wasm stream's text, piece by piece as it converts it: the UTF-8 that
        // `ascii_json` assumes (it builds its string unchecked) must hold for each
        // (as src/wasm/stream.rs does); together the pieces are the text of the whole.
        let cut = text_done + utf8_prefix_end(&body[text_done..end]);
        let piece = ascii_json(&body[text_done..cut]);
        assert!(std::str::from_utf8(piece.as_bytes()).is_ok());
        text.push_str(&piece);
        text_done = cut;
        at = end;
    }
    let (all, streamed) = stream.finish();
    assert_eq!(all, body);
    assert_eq!(streamed, whole, "streaming and one-shot disagree");
    text.push_str(&ascii_json(&body[text_done..]));
    assert_eq!(text, ascii_json(body), "the text of the pieces is not the text of the whole");
});
