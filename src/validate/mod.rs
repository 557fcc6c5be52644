//! Validates a response body against a [`Schema`] by scanning its bytes once.
//!
//! This is the decode path's hot loop. It builds no values: it walks the bytes and the
//! schema together and allocates only to report a problem. The JavaScript side then
//! hands the same text to the engine's `JSON.parse`, which builds objects faster than
//! anything that crosses the wasm boundary value by value (see README, Performance).
//!
//! Three kinds of finding:
//! - errors: a known field with the wrong type, a required field missing, bad JSON;
//! - drift: a key the schema does not know (vendors add fields: reported, not fatal),
//!   listed once per place in the schema with the first path it was seen at;
//! - loose values: where a field is declared loose (`#[wire(loose)]`, see
//!   [`crate::loose`]), a scalar spelled as a string, a boolean spelled `1`/`0`, optional
//!   text sent as `null`, or Elasticsearch 7's `{"value": N, ...}` for a count
//!   ([`Schema::Counted`]), each with its path and [`LooseKind`] so the caller (the
//!   browser, after `JSON.parse`) can normalise it to the declared type.

use std::fmt;

use crate::schema::{ObjectSchema, Scalar, Schema};

// By concern: the byte scanner, the walk of a body and a schema together, validation
// chunk by chunk, and the text handed to the engine's `JSON.parse`.
mod batches;
mod lean;
mod scan;
mod stream;
mod text;
mod walk;

pub use batches::{Piece, RecordBatches};
pub use scan::utf8_prefix_end;
use scan::*;
use stream::*;
pub use stream::{OpenRecordList, StreamValidator};
#[cfg(test)]
use text::is_json_number;
pub use text::{ascii_json, normalised_json};
use walk::*;
pub use walk::{NOT_FINITE, OUTSIDE_SAFE_RANGE};

/// At most this many errors are listed; the rest are counted.
pub const MAX_LISTED_ERRORS: usize = 1000;

/// At most this many drift paths are listed; the undeclared keys met after that are
/// counted (each time: they are not remembered). A body of a million distinct unknown
/// keys would otherwise list a million paths, and finding repeats among them is
/// quadratic.
pub const MAX_LISTED_DRIFT: usize = 1000;

/// The deepest nesting of arrays and objects accepted: what serde_json accepts (its
/// recursion limit of 128 refuses the 128th level), so a body this validator passes is
/// one `decode` can read, and a body it refuses is refused with a message naming the
/// limit rather than serde_json's "recursion limit exceeded". The validator recurses
/// once per level where the schema nests (recursive types nest without end).
pub const MAX_JSON_DEPTH: usize = 127;

/// At most this many rejected records are listed in full (errors and raw text); the
/// rest are counted, and still left out of the decoded value. A 10 MB list in which
/// every record is wrong (a vendor changed a type) would otherwise carry 10 MB of raw
/// text and millions of errors beside an empty list; a hundred examples say as much.
pub const MAX_LISTED_REJECTED: usize = 100;

/// At most this many errors are listed per rejected record; the rest are counted.
pub const MAX_RECORD_ERRORS: usize = 20;

/// The raw text of a rejected record is cut after this many bytes (at a character
/// boundary, `raw_truncated` set): enough to see what the vendor sent and to log it,
/// without a single huge record (a product with 5,000 variants) blowing up the report.
pub const MAX_RAW_BYTES: usize = 4096;

/// Whether `value` nests arrays and objects more than `max` levels deep (a scalar is 0
/// levels, `[]` one). Without recursion, so that it can measure a value built in Rust
/// of any depth before anything recursive (encoding, a check) touches it.
pub fn nests_deeper_than(value: &serde_json::Value, max: usize) -> bool {
    use serde_json::Value;
    let mut stack: Vec<(&Value, usize)> = vec![(value, 0)];
    while let Some((value, depth)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match value {
            Value::Array(items) => Box::new(items.iter()),
            Value::Object(map) => Box::new(map.values()),
            _ => continue,
        };
        if depth + 1 > max {
            return true;
        }
        stack.extend(children.map(|child| (child, depth + 1)));
    }
    false
}

/// One problem with a response body, at a JSON path.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Issue {
    /// `$.items[1].level.available`
    pub path: String,
    pub expected: String,
    pub found: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: expected {}, found {}", self.path, self.expected, self.found)
    }
}

/// What validation found. `errors` empty means the body has the documented shape.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    pub errors: Vec<Issue>,
    /// Errors beyond [`MAX_LISTED_ERRORS`], counted but not listed.
    pub unlisted_errors: usize,
    /// Paths of keys the schema does not declare.
    pub drift: Vec<String>,
    /// Undeclared keys met once [`MAX_LISTED_DRIFT`] paths were listed, counted.
    pub unlisted_drift: usize,
    /// Paths of loose scalars that arrived as strings and need normalising.
    pub loose: Vec<LooseValue>,
    /// Records of lists ([`Schema::Records`], and a top-level array) that did not
    /// validate, in full for the first [`MAX_LISTED_REJECTED`]; only when validating a
    /// response ([`validate_isolating`]). Their errors are here, not in `errors`.
    pub rejected: Vec<RejectedRecord>,
    /// Rejected records beyond [`MAX_LISTED_REJECTED`], counted.
    pub unlisted_rejected: usize,
    /// Where every rejected record is (listed or not), in body order, to leave it out.
    #[serde(skip)]
    pub rejected_spans: Vec<RecordSpan>,
}

/// A record of a list that did not validate, left out of the decoded value.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RejectedRecord {
    /// Its index in the list as the vendor sent it.
    pub index: usize,
    /// The JSON path of the list (`$.items`).
    pub path: String,
    /// What is wrong, each with its full path (`$.items[3].price`).
    pub errors: Vec<Issue>,
    /// Errors beyond [`MAX_RECORD_ERRORS`], counted.
    pub unlisted_errors: usize,
    /// The record's JSON text as sent, at most [`MAX_RAW_BYTES`].
    pub raw: String,
    /// `raw` was cut.
    pub raw_truncated: bool,
    /// Where `raw` starts in the body.
    #[serde(skip)]
    pub raw_start: usize,
}

/// Where a rejected record is: its list's path, its index, its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordSpan {
    pub list: Vec<PathSegment>,
    pub index: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LooseValue {
    pub path: Vec<PathSegment>,
    pub scalar: LooseKind,
    /// Its bytes in the body, for a scalar: [`normalised_json`] writes it in its declared
    /// type in the text handed to `JSON.parse`. `None` for [`LooseKind::Value`], an object
    /// replaced after parsing (one per search answer).
    #[serde(skip)]
    pub span: Option<(usize, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LooseKind {
    Integer,
    Number,
    Boolean,
    /// `null` for optional text: replaced by `""`.
    Text,
    /// An object standing for its `value` ([`Schema::Counted`]): replaced by that value.
    Value,
}

/// One step of a JSON path, kept structured so a caller can walk to the value.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub enum PathSegment {
    /// A declared field's name is borrowed from the schema: a path costs one allocation
    /// (75,000 loose values made half a million small ones, a quarter of a decode in wasm).
    Key(std::borrow::Cow<'static, str>),
    Index(usize),
}

impl Report {
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }
    pub fn error_count(&self) -> usize {
        self.errors.len() + self.unlisted_errors
    }
    /// Some records were left out: the decoded value is partial.
    pub fn is_partial(&self) -> bool {
        !self.rejected_spans.is_empty()
    }
}

/// Validates `body` against `schema`; every wrong value is an error (request bodies,
/// captured responses checked as a whole).
pub fn validate(schema: &'static Schema, body: &[u8]) -> Report {
    let mut state = State::default();
    run(schema, body, &mut state, true);
    state.into_report(body)
}

/// Validates a response: like [`validate`], except that a record of a list
/// ([`Schema::Records`], or the members of a top-level array) with wrong values is
/// listed in [`Report::rejected`] rather than making the body invalid. The list itself
/// and everything around it (the envelope) must still be right.
pub fn validate_isolating(schema: &'static Schema, body: &[u8]) -> Report {
    let mut state = State { isolate: true, ..State::default() };
    run(schema, body, &mut state, true);
    state.into_report(body)
}

/// `body` without the rejected records of `report` (and the commas that separated
/// them): what serde decodes when a response is partial. The spans are in body order;
/// a rejected record never contains another (the inner one is folded into it).
pub fn without_rejected(body: &[u8], report: &Report) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut cursor = 0;
    for span in &report.rejected_spans {
        out.extend_from_slice(&body[cursor..span.start]);
        let mut after = span.end;
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = body.get(after) {
            after += 1;
        }
        if body.get(after) == Some(&b',') {
            cursor = after + 1;
        } else {
            // The last member: drop the comma before it instead, if any.
            while let Some(b' ' | b'\n' | b'\r' | b'\t') = out.last() {
                out.pop();
            }
            if out.last() == Some(&b',') {
                out.pop();
            }
            cursor = span.end;
        }
    }
    out.extend_from_slice(&body[cursor..]);
    out
}

#[cfg(test)]
mod tests;
