//! Decoding a response body while it streams in: each chunk is validated
//! ([`StreamValidator`]) and turned into ASCII JSON text as it arrives, and the records
//! of a list completed in it are parsed at once ([`RecordBatches`]), so that after the
//! last byte only the last chunk's records and the envelope around the list are left to
//! parse (bench/README.md, "Decode path"). The Client's transport reads every response
//! this way, and `ResponseDecoder` offers the same to JS code that reads a body itself.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{invalid, isolate, normalise, to_js_error};
use crate::schema::Schema;
use crate::validate::{normalised_json, LooseValue, Piece, RecordBatches, Report, StreamValidator};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &js_sys::JsString) -> Result<JsValue, JsValue>;
}

/// A body being received: validated, turned into text and its records parsed chunk by chunk.
pub(crate) struct BodyStream {
    validator: StreamValidator,
    batches: RecordBatches,
    parts: Parts,
    /// The response is (or holds) a list of records: its value says whether it is partial.
    holds_records: bool,
}

/// What the pieces of a body became so far.
#[derive(Default)]
struct Parts {
    /// How many of the validator's loose values are already written in text.
    loose_done: usize,
    /// The envelope's text: the body's, each streamed list's place holding its number.
    envelope: Vec<JsValue>,
    /// Each streamed list: its path and its records parsed so far.
    lists: Vec<(Vec<&'static str>, js_sys::Array)>,
    /// A batch of records did not parse (validated records always do): the whole text is parsed instead.
    broken: bool,
}

/// A received body: its bytes, the report, and its value's parts for `JSON.parse`.
pub(crate) struct ReceivedBody {
    // Read by the safe create, which decodes into Rust types; a build without it only parses.
    #[cfg_attr(not(feature = "s2"), allow(dead_code))]
    pub body: Vec<u8>,
    pub report: Report,
    text: js_sys::Array,
    lists: Vec<(Vec<&'static str>, js_sys::Array)>,
    /// The pieces could not be put together (see `RecordBatches::unsplittable`): the whole text is parsed.
    whole_text: bool,
    /// The lists went into a value already (`isolate` changed them): another value is
    /// parsed from the whole text.
    lists_used: std::cell::Cell<bool>,
    holds_records: bool,
}

impl BodyStream {
    pub(super) fn new(schema: &'static Schema, expected_length: usize) -> Self {
        // A wrong Content-Length must not reserve absurd amounts up front.
        let capacity = expected_length.min(64 << 20);
        // A response: a bad record of a list is rejected on its own (`Report::rejected`).
        let validator = StreamValidator::with_capacity(schema, capacity).isolating();
        BodyStream { validator, batches: RecordBatches::default(), parts: Parts::default(), holds_records: schema.holds_records() }
    }

    pub(super) fn push(&mut self, chunk: &js_sys::Uint8Array) {
        self.validator.push_with(chunk.length() as usize, |into| chunk.copy_to(into));
        let (validator, parts) = (&self.validator, &mut self.parts);
        self.batches.advance(validator, &mut |piece| parts.take(piece, validator.body(), validator.loose()));
    }

    pub(super) fn finish(self) -> ReceivedBody {
        let BodyStream { validator, mut batches, mut parts, holds_records } = self;
        let (body, report) = validator.finish();
        if report.is_valid() {
            batches.finish(&body, &mut |piece| parts.take(piece, &body, &report.loose));
        }
        let whole_text = batches.unsplittable || parts.broken || !report.is_valid();
        let text = parts.envelope.into_iter().collect();
        ReceivedBody { body, report, text, lists: parts.lists, whole_text, lists_used: Default::default(), holds_records }
    }
}

impl Parts {
    /// One piece of what is validated so far, as text: loose scalars written in their
    /// declared type (see `normalised_json`); whole records parsed into their list.
    /// Pieces end between two tokens, so never inside a loose value or a UTF-8 sequence.
    fn take(&mut self, piece: Piece, body: &[u8], loose: &[LooseValue]) {
        if self.broken {
            return;
        }
        let mut text = |from: usize, to: usize| {
            let end = self.loose_done + loose[self.loose_done..].iter().take_while(|l| l.span.is_none_or(|(_, e)| e <= to)).count();
            let text = normalised_json(body, from, to, &loose[self.loose_done..end]);
            self.loose_done = end;
            text
        };
        match piece {
            Piece::Envelope { from, to } => {
                let text = text(from, to);
                self.envelope.push(JsValue::from_str(&text));
            }
            Piece::List { number, path } => {
                self.envelope.push(JsValue::from_str(&number.to_string()));
                self.lists.push((path, js_sys::Array::new()));
            }
            Piece::Records { from, to } => {
                let text = text(from, to);
                let mut json = String::with_capacity(text.len() + 2);
                json.push('[');
                json.push_str(&text);
                json.push(']');
                let records = json_parse(&JsValue::from_str(&json).unchecked_into()).ok().and_then(|r| r.dyn_into::<js_sys::Array>().ok());
                match (records, self.lists.last_mut()) {
                    (Some(records), Some((_, list))) => append(list, records),
                    // Validated records always parse: if they did not, parse the whole text.
                    _ => self.broken = true,
                }
            }
        }
    }
}

/// Appends `records` to `list`: the first batch is the list (a body read in one chunk
/// is parsed once, as before); then one `push(...records)` per batch of ordinary size
/// (an engine limits the arguments of a call), a `concat` beyond.
fn append(list: &mut js_sys::Array, records: js_sys::Array) {
    const MAX_ARGUMENTS: u32 = 1 << 14;
    if list.length() == 0 {
        *list = records;
    } else if records.length() <= MAX_ARGUMENTS {
        let push: js_sys::Function = js_sys::Reflect::get(list, &"push".into()).expect("an array has push").unchecked_into();
        let _ = push.apply(list, &records);
    } else {
        *list = list.concat(&records);
    }
}

impl ReceivedBody {
    /// `JSON.parse` of the (valid) body, loose scalars already written in their type,
    /// Elasticsearch's count objects replaced, rejected records left out: the typed value.
    pub(super) fn to_js(&self) -> Result<JsValue, JsValue> {
        let value = match self.assembled()? {
            Some(value) => value,
            None => {
                let text = normalised_json(&self.body, 0, self.body.len(), &self.report.loose);
                json_parse(&JsValue::from_str(&text).unchecked_into())?
            }
        };
        normalise(&value, &self.report)?;
        isolate(&value, &self.report, self.holds_records)?;
        Ok(value)
    }

    /// The envelope parsed with each streamed list in its place: the value of the whole
    /// text. `None` if a list's place does not hold its number (the same key sent twice:
    /// `JSON.parse` of the whole text says which value it keeps).
    fn assembled(&self) -> Result<Option<JsValue>, JsValue> {
        if self.whole_text || self.lists_used.replace(true) {
            return Ok(None);
        }
        // The envelope is valid JSON by construction; if it were not, the whole text decides.
        let Ok(mut value) = json_parse(&self.text.join("")) else { return Ok(None) };
        for (number, (path, records)) in self.lists.iter().enumerate() {
            let Some((last, parents)) = path.split_last() else {
                // The body is the list.
                if value.as_f64() != Some(number as f64) {
                    return Ok(None);
                }
                value = records.into();
                continue;
            };
            let mut parent = value.clone();
            for key in parents {
                if !parent.is_object() {
                    return Ok(None);
                }
                parent = js_sys::Reflect::get(&parent, &JsValue::from_str(key))?;
            }
            let key = JsValue::from_str(last);
            if !parent.is_object() || js_sys::Reflect::get(&parent, &key)?.as_f64() != Some(number as f64) {
                return Ok(None);
            }
            js_sys::Reflect::set(&parent, &key, records)?;
        }
        Ok(Some(value))
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
