//! Decoding a response body while it streams in: each chunk is validated
//! ([`StreamValidator`]) and turned into ASCII JSON text as it arrives, so that after
//! the last byte only the engine's `JSON.parse` is left to do (bench/README.md,
//! "Decode path"). The Client's transport reads every response this way, and
//! `ResponseDecoder` offers the same to JS code that reads a body itself.

use wasm_bindgen::prelude::*;

use super::{invalid, isolate, normalise, to_js_error};
use crate::schema::Schema;
use crate::validate::{normalised_json, Report, StreamValidator};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &js_sys::JsString) -> Result<JsValue, JsValue>;
}

/// A body being received: validated and turned into text chunk by chunk.
pub(crate) struct BodyStream {
    validator: StreamValidator,
    /// How many bytes of the body are already text in `pieces`.
    text_done: usize,
    /// How many of the validator's loose values are already written in `pieces`.
    loose_done: usize,
    pieces: js_sys::Array,
    /// The response is (or holds) a list of records: its value says whether it is partial.
    holds_records: bool,
}

/// A received body: its bytes, the report, and its text for `JSON.parse`.
pub(crate) struct ReceivedBody {
    // Read by the safe create, which decodes into Rust types; a build without it only parses.
    #[cfg_attr(not(feature = "s2"), allow(dead_code))]
    pub body: Vec<u8>,
    pub report: Report,
    text: js_sys::Array,
    holds_records: bool,
}

impl BodyStream {
    pub(super) fn new(schema: &'static Schema, expected_length: usize) -> Self {
        // A wrong Content-Length must not reserve absurd amounts up front.
        let capacity = expected_length.min(64 << 20);
        // A response: a bad record of a list is rejected on its own (`Report::rejected`).
        let validator = StreamValidator::with_capacity(schema, capacity).isolating();
        BodyStream { validator, text_done: 0, loose_done: 0, pieces: js_sys::Array::new(), holds_records: schema.holds_records() }
    }

    pub(super) fn push(&mut self, chunk: &js_sys::Uint8Array) {
        self.validator.push_with(chunk.length() as usize, |into| chunk.copy_to(into));
        self.take_text();
    }

    /// The text of what is validated so far, loose scalars written in their declared
    /// type (see `normalised_json`). Up to where the validator got, not to the end of the
    /// bytes: a loose value cut by the chunk's end is not listed yet. That point is always
    /// between two tokens, so never inside a UTF-8 sequence either.
    fn take_text(&mut self) {
        let end = self.validator.validated_up_to().max(self.text_done);
        if end > self.text_done {
            let loose = &self.validator.loose()[self.loose_done..];
            let text = normalised_json(self.validator.body(), self.text_done, end, loose);
            self.pieces.push(&JsValue::from_str(&text));
            self.loose_done += loose.len();
            self.text_done = end;
        }
    }

    pub(super) fn finish(self) -> ReceivedBody {
        let BodyStream { validator, text_done, loose_done, pieces, holds_records } = self;
        let (body, report) = validator.finish();
        if text_done < body.len() {
            let loose = report.loose.get(loose_done..).unwrap_or_default();
            pieces.push(&JsValue::from_str(&normalised_json(&body, text_done, body.len(), loose)));
        }
        ReceivedBody { body, report, text: pieces, holds_records }
    }
}

impl ReceivedBody {
    /// `JSON.parse` of the (valid) body, loose scalars already written in their type,
    /// Elasticsearch's count objects replaced, rejected records left out: the typed value.
    pub(super) fn to_js(&self) -> Result<JsValue, JsValue> {
        let value = json_parse(&self.text.join(""))?;
        normalise(&value, &self.report)?;
        isolate(&value, &self.report, self.holds_records)?;
        Ok(value)
    }
}

/// Decodes a response body that arrives in chunks: `push` each chunk as it comes (from
/// `response.body.getReader()`), then `finish()` returns what `decodeResponse` returns
/// for the whole body (the validated, typed value, with `partial` and `rejected` when it
/// is a list) or throws the same `CommerceKitError`.
///
/// Declared by hand in `src/wasm/mod.rs` (`TS_CLIENT_TYPES`): wasm-bindgen cannot declare
/// a generic class, and `finish()`'s type follows the operation id.
#[wasm_bindgen(skip_typescript)]
pub struct ResponseDecoder {
    stream: BodyStream,
    /// The catalogue id, for the error's `operation`.
    operation: &'static str,
}

#[wasm_bindgen]
impl ResponseDecoder {
    /// `expectedLength`: the body's size if known (Content-Length), to allocate once.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(js_name = operationId)] operation_id: &str,
        #[wasm_bindgen(js_name = expectedLength)] expected_length: Option<u32>,
    ) -> Result<ResponseDecoder, JsValue> {
        let endpoint =
            crate::catalogue::find(operation_id).ok_or_else(|| to_js_error(invalid("operationId", &format!("unknown operation {operation_id:?}"))))?;
        Ok(ResponseDecoder { stream: BodyStream::new(endpoint.response, expected_length.unwrap_or(0) as usize), operation: endpoint.id })
    }

    /// The next chunk of the body.
    pub fn push(&mut self, chunk: &js_sys::Uint8Array) {
        self.stream.push(chunk);
    }

    /// The end of the body: the validated, typed value.
    #[wasm_bindgen(unchecked_return_type = "any")]
    pub fn finish(self) -> Result<JsValue, JsValue> {
        let received = self.stream.finish();
        if !received.report.is_valid() {
            return Err(to_js_error(super::transport::Failure::from(crate::decode::invalid(received.report)).of(self.operation)));
        }
        received.to_js()
    }
}
