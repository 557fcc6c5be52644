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

/// Validates a body chunk by chunk, as it arrives: each [`push`](Self::push) scans what
/// can be scanned, and [`finish`](Self::finish) gives exactly the report [`validate`]
/// gives for the whole body, whatever the chunk boundaries were. A token cut by a chunk
/// boundary is scanned again from its start when the next chunk is in.
pub struct StreamValidator {
    schema: &'static Schema,
    body: Vec<u8>,
    state: State,
}

impl StreamValidator {
    pub fn new(schema: &'static Schema) -> Self {
        Self::with_capacity(schema, 0)
    }

    /// With room for a body of `bytes` (its Content-Length, say).
    pub fn with_capacity(schema: &'static Schema, bytes: usize) -> Self {
        StreamValidator { schema, body: Vec::with_capacity(bytes), state: State::default() }
    }

    /// Validates as [`validate_isolating`] does (a response).
    pub fn isolating(mut self) -> Self {
        self.state.isolate = true;
        self
    }

    /// The body so far.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// How far the body is validated: every loose value before this byte is listed in
    /// [`loose`](Self::loose), and none is cut by it (a token cut by a chunk's end is
    /// scanned again from its start, which is where this stays).
    pub fn validated_up_to(&self) -> usize {
        self.state.pos
    }

    /// The loose values found so far, in body order.
    pub fn loose(&self) -> &[LooseValue] {
        &self.state.report.loose
    }

    /// Appends the next chunk of the body and validates as far as it goes.
    pub fn push(&mut self, chunk: &[u8]) {
        self.body.extend_from_slice(chunk);
        run(self.schema, &self.body, &mut self.state, false);
    }

    /// Like [`push`](Self::push), for a chunk that `fill` copies into place (from a JS
    /// `Uint8Array`, without an intermediate copy).
    pub fn push_with(&mut self, len: usize, fill: impl FnOnce(&mut [u8])) {
        let start = self.body.len();
        self.body.resize(start + len, 0);
        fill(&mut self.body[start..]);
        run(self.schema, &self.body, &mut self.state, false);
    }

    /// The end of the body: the rest of the validation, the body and the report.
    pub fn finish(mut self) -> (Vec<u8>, Report) {
        run(self.schema, &self.body, &mut self.state, true);
        let report = self.state.into_report(&self.body);
        (self.body, report)
    }
}

/// What validation knows between two chunks.
#[derive(Default)]
struct State {
    pos: usize,
    path: Vec<Seg>,
    report: Report,
    drift_seen: DriftSeen,
    /// Where each open container stopped, innermost first (see [`Frame`]).
    resume: Vec<Frame>,
    /// The root value is complete (only trailing whitespace may follow).
    root_done: bool,
    /// Invalid JSON, with the path at that point: nothing after it is read.
    syntax: Option<(Syntax, String)>,
    /// A string cut by the end of the bytes so far (see [`Validator::string`]).
    string_cut: Option<StringCut>,
    number_cut: Option<NumberCut>,
    /// Records of lists are isolated ([`validate_isolating`]).
    isolate: bool,
}

impl State {
    fn into_report(mut self, body: &[u8]) -> Report {
        self.report.unlisted_rejected = self.report.rejected_spans.len() - self.report.rejected.len();
        if let Some((Syntax { expected, at, too_deep }, path)) = self.syntax.take() {
            let issue = if too_deep {
                Issue { path, expected: format!("at most {MAX_JSON_DEPTH} nested arrays and objects"), found: format!("a deeper one at byte {at}") }
            } else {
                let found = match body.get(at) {
                    None => "end of input".to_string(),
                    Some(_) => format!("{} at byte {at}", describe_bytes(&body[at..])),
                };
                Issue { path, expected: format!("{expected} (invalid JSON)"), found }
            };
            push_issue(&mut self.report, issue);
        }
        self.report
    }
}

/// Runs the validator over `bytes` from where `state` stopped. `last`: no more bytes
/// will come, so running out of them is invalid JSON rather than a pause.
fn run(schema: &'static Schema, bytes: &[u8], state: &mut State, last: bool) {
    if state.syntax.is_some() {
        return;
    }
    let mut v = Validator {
        bytes,
        partial: !last,
        pos: state.pos,
        path: std::mem::take(&mut state.path),
        report: std::mem::take(&mut state.report),
        drift_seen: std::mem::take(&mut state.drift_seen),
        resume: std::mem::take(&mut state.resume),
        depth: 0,
        string_cut: state.string_cut.take(),
        number_cut: state.number_cut.take(),
        isolate: state.isolate,
    };
    let mut outcome = if state.root_done { Ok(()) } else { v.value(schema) };
    if outcome.is_ok() {
        state.root_done = true;
        if last {
            v.skip_ws();
            if v.pos < v.bytes.len() {
                outcome = Err(v.syntax("end of input"));
            }
        }
    }
    if let Err(Stop::Syntax(syntax)) = outcome {
        state.syntax = Some((syntax, v.path_string()));
    }
    state.pos = v.pos;
    state.path = v.path;
    state.report = v.report;
    state.drift_seen = v.drift_seen;
    state.resume = v.resume;
    state.string_cut = v.string_cut;
    state.number_cut = v.number_cut;
}

/// The undeclared keys listed as drift, by object schema (its address): each key once
/// per type, looked up by hash (at most [`MAX_LISTED_DRIFT`] of them; a linear search
/// made 80,000 distinct keys cost 1000 comparisons each).
type DriftSeen = std::collections::HashMap<usize, std::collections::HashSet<Box<[u8]>>>;

/// How far the scan of a string got when the bytes ran out: its opening quote, and the
/// first byte not yet scanned (always a point where the scan may start again, outside
/// any escape). The string is read again from its start when the next chunk is in, but
/// its scan goes on from here: a long string cut by many chunks is scanned once, not
/// once per chunk (4 MB in 1 KB chunks took seconds).
#[derive(Clone, Copy)]
struct StringCut {
    quote: usize,
    scanned: usize,
}

/// How far the scan of a number got when the bytes ran out inside one of its digit
/// runs, like [`StringCut`]: a long number cut by many chunks is scanned once.
#[derive(Clone, Copy)]
struct NumberCut {
    /// Its first byte.
    start: usize,
    part: NumberPart,
    /// Where the digits of `part` start.
    from: usize,
    scanned: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum NumberPart {
    Integer,
    Fraction,
    Exponent,
}

/// Invalid JSON: validation cannot go on past it.
struct Syntax {
    expected: &'static str,
    at: usize,
    /// Not invalid JSON: nested deeper than [`MAX_JSON_DEPTH`] at `at`.
    too_deep: bool,
}

/// Why a step stopped: invalid JSON, or (streaming) the bytes so far ran out.
enum Stop {
    Syntax(Syntax),
    Incomplete,
}

#[derive(Clone, Copy)]
enum Seg {
    /// A declared field: its wire name (the same bytes as the key).
    Name(&'static str),
    /// Any other key, as a range of the body.
    Key(usize, usize),
    Index(usize),
}

/// Where a container stopped when the bytes ran out. Frames are pushed innermost first
/// as the recursion unwinds, and popped outermost first as it goes down again: the
/// next frame always belongs to the value being resumed.
enum Frame {
    Array(ArrayFrame),
    Object(ObjectFrame),
    Skip(SkipFrame),
    /// A container of the wrong type being skipped, to report once it is closed.
    Mismatch {
        start: usize,
        reported: &'static Schema,
    },
}

struct ArrayFrame {
    item: &'static Schema,
    index: usize,
    phase: Phase,
    /// Its members are records, each rejected on its own (see [`Report::rejected`]).
    records: Option<RecordMark>,
}

/// Where the record being read started: its first byte (once seen) and how many errors
/// there were before it.
#[derive(Clone, Copy)]
struct RecordMark {
    start: Option<usize>,
    errors: usize,
    unlisted: usize,
}

struct ObjectFrame {
    object: &'static ObjectSchema,
    /// Which declared fields were present; objects with more than 128 fields (none
    /// documented) would only lose the missing-field check past the 128th. Two words,
    /// not a u128: wasm has no 128-bit shifts.
    seen: [u64; 2],
    /// Vendors send keys in a stable order: look for the next key after the last match.
    cursor: usize,
    phase: Phase,
    /// The field whose value is being read (`None`: an undeclared key's).
    field: Option<usize>,
}

/// A value the schema says nothing about (drift, `Any`, a mismatch), skipped.
struct SkipFrame {
    /// The closing bracket of each open container, innermost last.
    closers: Vec<u8>,
    phase: Phase,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Just after the opening bracket.
    Start,
    Key,
    Value,
    /// After a member: ',' or the closing bracket.
    After,
}

struct Validator<'a> {
    bytes: &'a [u8],
    /// More bytes may follow: running out of them pauses rather than fails.
    partial: bool,
    pos: usize,
    path: Vec<Seg>,
    report: Report,
    drift_seen: DriftSeen,
    resume: Vec<Frame>,
    /// Arrays and objects the recursion is inside (skipped containers are counted by
    /// their frame's `closers`).
    depth: usize,
    string_cut: Option<StringCut>,
    number_cut: Option<NumberCut>,
    isolate: bool,
}

type Step = Result<(), Stop>;

fn push_issue(report: &mut Report, issue: Issue) {
    if report.errors.len() < MAX_LISTED_ERRORS {
        report.errors.push(issue);
    } else {
        report.unlisted_errors += 1;
    }
}

impl<'a> Validator<'a> {
    /// Invalid JSON at `pos`, or a pause if that is the end of the bytes so far.
    fn syntax(&self, expected: &'static str) -> Stop {
        if self.partial && self.pos >= self.bytes.len() {
            Stop::Incomplete
        } else {
            Stop::Syntax(Syntax { expected, at: self.pos, too_deep: false })
        }
    }

    /// The container opening at `pos` nests deeper than [`MAX_JSON_DEPTH`].
    #[cold]
    fn too_deep(&self) -> Stop {
        Stop::Syntax(Syntax { expected: "", at: self.pos, too_deep: true })
    }

    /// Runs `f` (an array or object body) one level deeper.
    #[inline]
    fn nested(&mut self, f: impl FnOnce(&mut Self) -> Step) -> Step {
        self.depth += 1;
        let step = f(self);
        self.depth -= 1;
        step
    }

    #[inline]
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    #[inline]
    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.bytes.get(self.pos).copied()
    }

    fn value(&mut self, schema: &'static Schema) -> Step {
        self.value_reported_as(schema, schema)
    }

    /// Validates against `schema`; a mismatch is reported as expecting `reported`
    /// (so a nullable string says "string or null").
    fn value_reported_as(&mut self, schema: &'static Schema, reported: &'static Schema) -> Step {
        if !self.resume.is_empty() {
            return self.resume_value();
        }
        let Some(b) = self.peek() else { return Err(self.syntax("a value")) };
        let start = self.pos;
        let frames = self.resume.len();
        let outcome = match (schema, b) {
            (Schema::Lazy(resolve), _) => self.value_reported_as(resolve(), reported),
            (Schema::Any, _) => self.skip_value(),
            (Schema::Nullable(_), b'n') => self.literal(b"null"),
            (Schema::Nullable(inner), _) => self.value_reported_as(inner, reported),
            (Schema::String, b'"') => self.string().map(|_| ()),
            (Schema::StrEnum(allowed), b'"') => self.string().map(|raw| {
                if !allowed.iter().any(|a| a.as_bytes() == raw) {
                    self.mismatch_at(reported, start);
                }
            }),
            (Schema::Counted(inner), b'{') => {
                let path = self.path_segments();
                // A scalar cut by a chunk's end is read again; an object is resumed, but
                // never list the same value twice.
                if self.report.loose.last().is_none_or(|last| last.path != path) {
                    self.report.loose.push(LooseValue { path, scalar: LooseKind::Value, span: None });
                }
                self.value_reported_as(inner, reported)
            }
            (Schema::Integer | Schema::IntEnum(_) | Schema::Number | Schema::Loose(_) | Schema::Counted(_), b'-' | b'0'..=b'9') => {
                self.number().map(|is_integer| {
                    let fits = match schema {
                        Schema::Integer | Schema::Loose(Scalar::Integer) | Schema::Counted(_) => is_integer,
                        Schema::Number | Schema::Loose(Scalar::Number) => true,
                        // PHP's `1`/`0` for a flag: listed for normalising like a string spelling.
                        Schema::Loose(Scalar::Boolean) => matches!(&self.bytes[start..self.pos], b"0" | b"1"),
                        Schema::IntEnum(allowed) => {
                            is_integer
                                && std::str::from_utf8(&self.bytes[start..self.pos])
                                    .ok()
                                    .and_then(|s| s.parse::<i64>().ok())
                                    .is_some_and(|n| allowed.contains(&n))
                        }
                        _ => false,
                    };
                    if !fits {
                        self.mismatch_at(reported, start);
                    } else if matches!(schema, Schema::Loose(Scalar::Boolean)) {
                        let path = self.path_segments();
                        self.report.loose.push(LooseValue { path, scalar: LooseKind::Boolean, span: Some((start, self.pos)) });
                    } else if let Some(why) = altered_number(schema, &self.bytes[start..self.pos], is_integer) {
                        self.altered_at(reported, start, why);
                    }
                })
            }
            (Schema::Boolean | Schema::Loose(Scalar::Boolean), b't') => self.literal(b"true"),
            (Schema::Boolean | Schema::Loose(Scalar::Boolean), b'f') => self.literal(b"false"),
            (Schema::Loose(Scalar::Text), b'"') => self.string().map(|_| ()),
            (Schema::Loose(Scalar::Text), b'n') => self.literal(b"null").map(|()| {
                let path = self.path_segments();
                self.report.loose.push(LooseValue { path, scalar: LooseKind::Text, span: Some((start, self.pos)) });
            }),
            (Schema::Loose(scalar), b'"') => self.string().map(|raw| {
                if let Some(why) = loose_string_fits(*scalar, raw).then(|| altered_loose_string(*scalar, raw)).flatten() {
                    self.altered_at(reported, start, why);
                } else if loose_string_fits(*scalar, raw) {
                    let path = self.path_segments();
                    let scalar = match scalar {
                        Scalar::Integer => LooseKind::Integer,
                        Scalar::Number => LooseKind::Number,
                        Scalar::Boolean => LooseKind::Boolean,
                        Scalar::Text => LooseKind::Text,
                    };
                    self.report.loose.push(LooseValue { path, scalar, span: Some((start, self.pos)) });
                } else {
                    self.mismatch_at(reported, start);
                }
            }),
            (Schema::Array(_) | Schema::Records(_) | Schema::Object(_), b'[' | b'{') if self.depth >= MAX_JSON_DEPTH => Err(self.too_deep()),
            (Schema::Array(item) | Schema::Records(item), b'[') => {
                // A top-level array is a list of records too: every list-shaped response.
                let records = self.isolate && (matches!(schema, Schema::Records(_)) || self.depth == 0);
                let records = records.then_some(RecordMark { start: None, errors: 0, unlisted: 0 });
                self.pos += 1;
                self.nested(|v| v.array(ArrayFrame { item, index: 0, phase: Phase::Start, records }))
            }
            (Schema::Object(object), b'{') => {
                self.pos += 1;
                self.nested(|v| v.object(ObjectFrame { object, seen: [0; 2], cursor: 0, phase: Phase::Start, field: None }))
            }
            _ => self.mismatch_skip(start, reported),
        };
        if matches!(outcome, Err(Stop::Incomplete)) && self.resume.len() == frames {
            // A scalar cut by the end of the bytes so far: read it again from its start.
            self.pos = start;
        }
        outcome
    }

    /// Winds back into the container that stopped at the end of the previous chunk.
    #[cold]
    #[inline(never)]
    fn resume_value(&mut self) -> Step {
        match self.resume.pop() {
            Some(Frame::Array(f)) => self.nested(|v| v.array(f)),
            Some(Frame::Object(f)) => self.nested(|v| v.object(f)),
            Some(Frame::Skip(f)) => {
                self.resume.push(Frame::Skip(f));
                self.skip_value()
            }
            Some(Frame::Mismatch { start, reported }) => self.mismatch_skip(start, reported),
            None => Ok(()),
        }
    }

    /// Skips a value of the wrong type and reports it once it is complete.
    fn mismatch_skip(&mut self, start: usize, reported: &'static Schema) -> Step {
        match self.skip_value() {
            Ok(()) => {
                self.mismatch_at(reported, start);
                Ok(())
            }
            // A container stopped half way (a scalar leaves no frame: it is read again).
            Err(Stop::Incomplete) if matches!(self.resume.last(), Some(Frame::Skip(_))) => {
                self.resume.push(Frame::Mismatch { start, reported });
                Err(Stop::Incomplete)
            }
            Err(stop) => Err(stop),
        }
    }

    /// The members of an array, from just after its '[' (or from where it stopped).
    /// Written as straight-line steps, not a `match` on the phase: a jump table on the
    /// phase costs a mispredicted branch per member.
    fn array(&mut self, mut f: ArrayFrame) -> Step {
        if f.phase == Phase::Start {
            match self.peek() {
                Some(b']') => {
                    self.pos += 1;
                    return Ok(());
                }
                None if self.partial => return self.pause(Frame::Array(f)),
                _ => {
                    self.path.push(Seg::Index(f.index));
                    f.phase = Phase::Value;
                    self.begin_record(&mut f);
                }
            }
        }
        loop {
            if f.phase == Phase::Value {
                if let Some(RecordMark { start: start @ None, .. }) = &mut f.records {
                    // Seen once its first byte is in (a chunk may end before it).
                    if self.peek().is_some() {
                        *start = Some(self.pos);
                    }
                }
                match self.value(f.item) {
                    Ok(()) => {}
                    Err(Stop::Incomplete) => return self.pause(Frame::Array(f)),
                    Err(stop) => return Err(stop),
                }
                self.path.pop();
                if let Some(mark) = f.records {
                    self.end_record(mark, f.index);
                }
                f.index += 1;
                f.phase = Phase::After;
            }
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.path.push(Seg::Index(f.index));
                    f.phase = Phase::Value;
                    self.begin_record(&mut f);
                }
                Some(b']') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => {
                    let stop = self.syntax("',' or ']'");
                    return self.pause_or(stop, Frame::Array(f));
                }
            }
        }
    }

    /// The members of an object, from just after its '{' (or from where it stopped);
    /// straight-line steps like [`array`](Self::array).
    fn object(&mut self, mut f: ObjectFrame) -> Step {
        let object = f.object;
        if f.phase == Phase::Start {
            match self.peek() {
                Some(b'}') => {
                    self.pos += 1;
                    return self.missing_fields(&f);
                }
                None if self.partial => return self.pause(Frame::Object(f)),
                _ => f.phase = Phase::Key,
            }
        }
        loop {
            if f.phase == Phase::Key {
                if self.peek() != Some(b'"') {
                    let stop = self.syntax("a string key");
                    return self.pause_or(stop, Frame::Object(f));
                }
                let key_start = self.pos;
                let (seg, found) = match self.expected_key(object, f.cursor) {
                    Some(name) => (Seg::Name(name), Some(f.cursor)),
                    None => match self.string() {
                        Ok(key) => match find_field(object, key, f.cursor) {
                            Some(i) => (Seg::Name(object.fields[i].wire), Some(i)),
                            None => (Seg::Key(key_start + 1, self.pos - 1), None),
                        },
                        Err(stop) => {
                            self.pos = key_start;
                            return self.pause_or(stop, Frame::Object(f));
                        }
                    },
                };
                if self.peek() != Some(b':') {
                    let stop = self.syntax("':'");
                    if matches!(stop, Stop::Incomplete) {
                        self.pos = key_start;
                    }
                    return self.pause_or(stop, Frame::Object(f));
                }
                self.pos += 1;
                self.path.push(seg);
                match found {
                    Some(i) => {
                        f.cursor = i + 1;
                        if i < 128 {
                            f.seen[i / 64] |= 1 << (i % 64);
                        }
                    }
                    None => {
                        let Seg::Key(start, end) = seg else { unreachable!() };
                        self.drift(object, start, end);
                    }
                }
                f.field = found;
                f.phase = Phase::Value;
            }
            if f.phase == Phase::Value {
                let outcome = match f.field {
                    Some(i) => self.value(object.fields[i].schema),
                    None => self.skip_value(),
                };
                match outcome {
                    Ok(()) => {}
                    Err(Stop::Incomplete) => return self.pause(Frame::Object(f)),
                    Err(stop) => return Err(stop),
                }
                self.path.pop();
                f.phase = Phase::After;
            }
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    f.phase = Phase::Key;
                }
                Some(b'}') => {
                    self.pos += 1;
                    return self.missing_fields(&f);
                }
                _ => {
                    let stop = self.syntax("',' or '}'");
                    return self.pause_or(stop, Frame::Object(f));
                }
            }
        }
    }

    #[inline]
    fn begin_record(&self, f: &mut ArrayFrame) {
        if let Some(mark) = &mut f.records {
            *mark = RecordMark { start: None, errors: self.report.errors.len(), unlisted: self.report.unlisted_errors };
        }
    }

    /// A record of a list is complete (the path is the list's again): if it had errors,
    /// they move from the body's errors to the record, which is rejected on its own.
    fn end_record(&mut self, mark: RecordMark, index: usize) {
        let report = &mut self.report;
        if report.errors.len() == mark.errors && report.unlisted_errors == mark.unlisted {
            return;
        }
        let start = mark.start.expect("a record with errors has begun");
        let mut errors: Vec<Issue> = report.errors.drain(mark.errors..).collect();
        let mut unlisted_errors = report.unlisted_errors - mark.unlisted;
        report.unlisted_errors = mark.unlisted;
        // Records of a list inside this one that were rejected: the whole record goes,
        // with their errors.
        while report.rejected_spans.last().is_some_and(|span| span.start >= start) {
            report.rejected_spans.pop();
        }
        let mut inner_errors = Vec::new();
        while report.rejected.last().is_some_and(|r| r.raw_start >= start) {
            let inner = report.rejected.pop().expect("checked");
            unlisted_errors += inner.unlisted_errors;
            inner_errors.splice(0..0, inner.errors);
        }
        errors.splice(0..0, inner_errors);
        if errors.len() > MAX_RECORD_ERRORS {
            unlisted_errors += errors.len() - MAX_RECORD_ERRORS;
            errors.truncate(MAX_RECORD_ERRORS);
        }
        let end = self.pos;
        let list = self.path_segments();
        if self.report.rejected.len() < MAX_LISTED_REJECTED {
            let text = &self.bytes[start..end];
            let cut = if text.len() > MAX_RAW_BYTES { utf8_prefix_end(&text[..MAX_RAW_BYTES]) } else { text.len() };
            let path = self.path_string();
            self.report.rejected.push(RejectedRecord {
                index,
                path,
                errors,
                unlisted_errors,
                raw: String::from_utf8_lossy(&text[..cut]).into_owned(),
                raw_truncated: cut < text.len(),
                raw_start: start,
            });
        }
        self.report.rejected_spans.push(RecordSpan { list, index, start, end });
    }

    /// Reports the required fields a closed object lacked.
    fn missing_fields(&mut self, f: &ObjectFrame) -> Step {
        // The usual case: every declared field was there.
        let n = f.object.fields.len().min(128);
        let all = |bits: usize| if bits >= 64 { u64::MAX } else { (1u64 << bits) - 1 };
        if f.seen[0] == all(n) && f.seen[1] == all(n.saturating_sub(64)) {
            return Ok(());
        }
        for (i, field) in f.object.fields.iter().enumerate().take(128) {
            if field.required && f.seen[i / 64] & (1 << (i % 64)) == 0 {
                self.path.push(Seg::Name(field.wire));
                let path = self.path_string();
                self.path.pop();
                self.push_error(Issue { path, expected: field.schema.expected(), found: "nothing (field missing)".into() });
            }
        }
        Ok(())
    }

    /// Saves where a container stopped and pauses.
    #[cold]
    fn pause(&mut self, frame: Frame) -> Step {
        self.resume.push(frame);
        Err(Stop::Incomplete)
    }

    fn pause_or(&mut self, stop: Stop, frame: Frame) -> Step {
        match stop {
            Stop::Incomplete => self.pause(frame),
            stop => Err(stop),
        }
    }

    /// With `pos` at a key's opening quote: if the key is the field the vendor sends
    /// next (`cursor`), steps past its closing quote and returns its name. Matching the
    /// wire name in place is what scanning the key and comparing would find, because
    /// wire names hold no '"', '\\' or control character (a test walks every schema).
    #[inline]
    fn expected_key(&mut self, object: &'static ObjectSchema, cursor: usize) -> Option<&'static str> {
        let name = object.fields.get(cursor)?.wire;
        let wire = name.as_bytes();
        let start = self.pos + 1;
        let end = start + wire.len();
        if self.bytes.get(end) == Some(&b'"') && same_bytes(&self.bytes[start..end], wire) {
            self.pos = end + 1;
            Some(name)
        } else {
            None
        }
    }

    fn drift(&mut self, object: &'static ObjectSchema, start: usize, end: usize) {
        let id = object as *const ObjectSchema as usize;
        let key = &self.bytes[start..end];
        if self.drift_seen.get(&id).is_some_and(|keys| keys.contains(key)) {
            return;
        }
        if self.report.drift.len() == MAX_LISTED_DRIFT {
            self.report.unlisted_drift += 1;
            return;
        }
        self.drift_seen.entry(id).or_default().insert(key.into());
        let path = self.path_string();
        self.report.drift.push(path);
    }

    fn mismatch_at(&mut self, schema: &Schema, start: usize) {
        let found = describe_bytes(&self.bytes[start..self.pos]);
        let path = self.path_string();
        self.push_error(Issue { path, expected: schema.expected(), found });
    }

    /// A value of the right type that JavaScript would not receive as sent.
    #[cold]
    fn altered_at(&mut self, schema: &Schema, start: usize, why: &str) {
        let found = format!("{}, {why}", describe_bytes(&self.bytes[start..self.pos]));
        let path = self.path_string();
        self.push_error(Issue { path, expected: schema.expected(), found });
    }

    fn push_error(&mut self, issue: Issue) {
        push_issue(&mut self.report, issue);
    }

    fn literal(&mut self, word: &'static [u8]) -> Step {
        let rest = &self.bytes[self.pos..];
        if rest.starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else if self.partial && rest.len() < word.len() && word.starts_with(rest) {
            Err(Stop::Incomplete)
        } else {
            Err(self.syntax("a JSON value"))
        }
    }

    /// Scans a string starting at its opening quote; returns its raw contents
    /// (escapes left as they are: keys and enum values never need them).
    #[inline]
    fn string(&mut self) -> Result<&'a [u8], Stop> {
        let bytes = self.bytes;
        let start = self.pos + 1;
        let mut i = match self.string_cut.take() {
            Some(cut) if cut.quote == self.pos => cut.scanned,
            _ => start,
        };
        loop {
            // Eight bytes at a time up to the first '"', '\\' or control character.
            i = skip_plain(bytes, i);
            match bytes.get(i) {
                Some(b'"') => {
                    self.pos = i + 1;
                    return Ok(&bytes[start..i]);
                }
                Some(b'\\') => match bytes.get(i + 1) {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
                    Some(b'u') if bytes.get(i + 2..i + 6).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) => i += 6,
                    _ if self.partial && i + 6 > bytes.len() => {
                        self.string_cut = Some(StringCut { quote: start - 1, scanned: i });
                        return Err(Stop::Incomplete);
                    }
                    _ => {
                        self.pos = i;
                        return Err(self.syntax("a valid escape sequence"));
                    }
                },
                Some(0..=0x1f) => {
                    self.pos = i;
                    return Err(self.syntax("no control characters in a string"));
                }
                Some(_) => i += 1,
                None => {
                    if self.partial {
                        self.string_cut = Some(StringCut { quote: start - 1, scanned: i });
                    }
                    self.pos = i;
                    return Err(self.syntax("'\"' closing the string"));
                }
            }
        }
    }

    /// Scans a number per RFC 8259; returns whether it has neither fraction nor exponent.
    /// A number cut by the end of the bytes so far is read again from its start, but
    /// its scan goes on from where it stopped (see [`NumberCut`]).
    fn number(&mut self) -> Result<bool, Stop> {
        let bytes = self.bytes;
        let start = self.pos;
        let (mut part, mut from, mut i) = match self.number_cut.take() {
            Some(cut) if cut.start == start => (cut.part, cut.from, cut.scanned),
            _ => {
                let int_start = start + usize::from(bytes.get(start) == Some(&b'-'));
                (NumberPart::Integer, int_start, int_start)
            }
        };
        loop {
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            // Streaming: a number that reaches the end of the bytes so far may go on.
            if self.partial && i >= bytes.len() {
                if i > from {
                    self.number_cut = Some(NumberCut { start, part, from, scanned: i });
                }
                return Err(Stop::Incomplete);
            }
            match part {
                NumberPart::Integer if i == from || (bytes[from] == b'0' && i - from > 1) => {
                    self.pos = from;
                    return Err(self.syntax("a number"));
                }
                NumberPart::Fraction if i == from => {
                    self.pos = i;
                    return Err(self.syntax("digits after '.'"));
                }
                NumberPart::Exponent if i == from => {
                    self.pos = i;
                    return Err(self.syntax("digits in the exponent"));
                }
                NumberPart::Exponent => break,
                _ => {}
            }
            match bytes.get(i) {
                Some(b'.') if part == NumberPart::Integer => part = NumberPart::Fraction,
                Some(b'e' | b'E') => {
                    if let Some(b'+' | b'-') = bytes.get(i + 1) {
                        i += 1;
                    }
                    part = NumberPart::Exponent;
                }
                _ => break,
            }
            i += 1;
            from = i;
        }
        self.pos = i;
        Ok(part == NumberPart::Integer)
    }

    /// Skips a value the schema says nothing about (drift, `Any`, a mismatch), from its
    /// start or from where it stopped.
    fn skip_value(&mut self) -> Step {
        if let Some(Frame::Skip(_)) = self.resume.last() {
            let Some(Frame::Skip(mut f)) = self.resume.pop() else { unreachable!() };
            return self.skip_members(&mut f);
        }
        let Some(b) = self.peek() else { return Err(self.syntax("a JSON value")) };
        let start = self.pos;
        let scalar = match b {
            b'"' => self.string().map(|_| ()),
            b'-' | b'0'..=b'9' => self.number().map(|_| ()),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            b'[' | b'{' => {
                if self.depth >= MAX_JSON_DEPTH {
                    return Err(self.too_deep());
                }
                self.pos += 1;
                return self.skip_members(&mut SkipFrame { closers: vec![if b == b'[' { b']' } else { b'}' }], phase: Phase::Start });
            }
            _ => Err(self.syntax("a JSON value")),
        };
        if matches!(scalar, Err(Stop::Incomplete)) {
            self.pos = start;
        }
        scalar
    }

    /// The members of skipped containers, nested or not, without recursion.
    fn skip_members(&mut self, f: &mut SkipFrame) -> Step {
        loop {
            let close = *f.closers.last().expect("a skipped container is open");
            let step: Step = match f.phase {
                Phase::Start => match self.peek() {
                    Some(c) if c == close => {
                        self.pos += 1;
                        f.closers.pop();
                        if f.closers.is_empty() {
                            return Ok(());
                        }
                        f.phase = Phase::After;
                        Ok(())
                    }
                    None if self.partial => Err(Stop::Incomplete),
                    _ => {
                        f.phase = if close == b'}' { Phase::Key } else { Phase::Value };
                        Ok(())
                    }
                },
                Phase::Key => {
                    if self.peek() != Some(b'"') {
                        Err(self.syntax("a string key"))
                    } else {
                        let key_start = self.pos;
                        match self.string() {
                            Ok(_) if self.peek() == Some(b':') => {
                                self.pos += 1;
                                f.phase = Phase::Value;
                                Ok(())
                            }
                            Ok(_) => Err(self.syntax("':'")),
                            Err(stop) => Err(stop),
                        }
                        .inspect_err(|stop| {
                            if matches!(stop, Stop::Incomplete) {
                                self.pos = key_start;
                            }
                        })
                    }
                }
                Phase::Value => match self.peek() {
                    Some(b'[' | b'{') if self.depth + f.closers.len() >= MAX_JSON_DEPTH => Err(self.too_deep()),
                    Some(open @ (b'[' | b'{')) => {
                        self.pos += 1;
                        f.closers.push(if open == b'[' { b']' } else { b'}' });
                        f.phase = Phase::Start;
                        Ok(())
                    }
                    Some(b) => {
                        let start = self.pos;
                        match b {
                            b'"' => self.string().map(|_| ()),
                            b'-' | b'0'..=b'9' => self.number().map(|_| ()),
                            b't' => self.literal(b"true"),
                            b'f' => self.literal(b"false"),
                            b'n' => self.literal(b"null"),
                            _ => Err(self.syntax("a JSON value")),
                        }
                        .map(|()| f.phase = Phase::After)
                        .inspect_err(|stop| {
                            if matches!(stop, Stop::Incomplete) {
                                self.pos = start;
                            }
                        })
                    }
                    None => Err(self.syntax("a JSON value")),
                },
                Phase::After => match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        f.phase = if close == b'}' { Phase::Key } else { Phase::Value };
                        Ok(())
                    }
                    Some(c) if c == close => {
                        self.pos += 1;
                        f.closers.pop();
                        if f.closers.is_empty() {
                            return Ok(());
                        }
                        Ok(())
                    }
                    _ => Err(self.syntax(if close == b']' { "',' or ']'" } else { "',' or '}'" })),
                },
            };
            if let Err(stop) = step {
                if matches!(stop, Stop::Incomplete) {
                    self.resume.push(Frame::Skip(std::mem::replace(f, SkipFrame { closers: Vec::new(), phase: Phase::Start })));
                }
                return Err(stop);
            }
        }
    }

    fn path_string(&self) -> String {
        let mut out = String::from("$");
        for seg in &self.path {
            let k = match *seg {
                Seg::Index(i) => {
                    out.push_str(&format!("[{i}]"));
                    continue;
                }
                Seg::Name(name) => name.as_bytes(),
                Seg::Key(start, end) => &self.bytes[start..end],
            };
            let k = String::from_utf8_lossy(k);
            if !k.is_empty() && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$') {
                out.push('.');
                out.push_str(&k);
            } else {
                out.push_str(&format!("[{}]", serde_json::Value::String(k.into_owned())));
            }
        }
        out
    }

    fn path_segments(&self) -> Vec<PathSegment> {
        self.path
            .iter()
            .map(|s| match *s {
                // Wire names hold no escapes (a test walks every schema).
                Seg::Name(name) => PathSegment::Key(std::borrow::Cow::Borrowed(name)),
                Seg::Key(start, end) => PathSegment::Key(unescape(&self.bytes[start..end]).into()),
                Seg::Index(i) => PathSegment::Index(i),
            })
            .collect()
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The index of the first byte at or after `i` that is '"', '\\' or below 0x20 (or
/// `bytes.len()`), eight bytes at a time: the hot loop of every string.
#[inline(always)]
fn skip_plain(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap());
        // A byte below 0x20, or equal to '"' or '\\' (each a zero byte after the xor). The
        // lowest flagged byte is exact: a borrow only runs towards higher bytes.
        let (quote, backslash) = (x ^ (ONES * b'"' as u64), x ^ (ONES * b'\\' as u64));
        let special = ((x.wrapping_sub(ONES * 0x20) & !x) | (quote.wrapping_sub(ONES) & !quote) | (backslash.wrapping_sub(ONES) & !backslash)) & HIGHS;
        if special != 0 {
            return i + (special.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            return i;
        }
        i += 1;
    }
    i
}

fn first_char(s: &str) -> (char, usize) {
    let c = s.chars().next().unwrap_or('\u{FFFD}');
    (c, c.len_utf8())
}

/// The index of the first byte at or after `i` that is not ASCII (or `bytes.len()`).
#[inline(always)]
fn ascii_run_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(block) = bytes.get(i..i + 32) {
        let word = |k: usize| u64::from_le_bytes(block[k..k + 8].try_into().unwrap());
        if (word(0) | word(8) | word(16) | word(24)) & HIGHS != 0 {
            break;
        }
        i += 32;
    }
    while let Some(chunk) = bytes.get(i..i + 8) {
        let high = u64::from_le_bytes(chunk.try_into().unwrap()) & HIGHS;
        if high != 0 {
            return i + (high.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(u8::is_ascii) {
        i += 1;
    }
    i
}

/// The length of the longest prefix of `bytes` that does not end inside a multi-byte
/// UTF-8 sequence: where a body cut into chunks can be turned into text so far.
pub fn utf8_prefix_end(bytes: &[u8]) -> usize {
    let len = bytes.len();
    // A sequence is at most 4 bytes: look at the last 3 for a lead byte it lacks bytes for.
    for back in 1..=len.min(3) {
        let b = bytes[len - back];
        if b & 0xC0 == 0x80 {
            continue; // a continuation byte: its lead byte is further back
        }
        let width = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        return if width > back { len - back } else { len };
    }
    len
}

/// A validated body as pure-ASCII JSON text, for the engine's `JSON.parse`: every
/// non-ASCII character (valid JSON has them only inside strings) becomes a `\uXXXX`
/// escape, and an invalid UTF-8 sequence becomes `\ufffd`, as a lossy decode would.
/// `JSON.parse` gives the very same values; the point is speed: the browser decodes
/// ASCII bytes to a string several times faster than UTF-8 with a few CJK characters,
/// and parses the resulting one-byte string faster too (bench/README.md). Borrowed when
/// the body is ASCII already.
// The two `unsafe` blocks skip a second UTF-8 check of bytes this function has just
// checked or written as ASCII: on the decode path of every response (bench/README.md,
// "Decode path"), that check costs a pass over the whole body.
#[allow(unsafe_code)]
pub fn ascii_json(body: &[u8]) -> std::borrow::Cow<'_, str> {
    let first = ascii_run_end(body, 0);
    if first == body.len() {
        // SAFETY: every byte is ASCII, so the bytes are UTF-8.
        return std::borrow::Cow::Borrowed(unsafe { std::str::from_utf8_unchecked(body) });
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = Vec::with_capacity(body.len() + body.len() / 4 + 16);
    let escape = |out: &mut Vec<u8>, unit: u16| {
        let u = unit as usize;
        out.extend_from_slice(&[b'\\', b'u', HEX[u >> 12], HEX[(u >> 8) & 15], HEX[(u >> 4) & 15], HEX[u & 15]]);
    };
    let mut i = 0;
    while i < body.len() {
        let end = ascii_run_end(body, i);
        out.extend_from_slice(&body[i..end]);
        if end == body.len() {
            break;
        }
        // One character, or one maximal invalid sequence replaced by U+FFFD (exactly
        // what `String::from_utf8_lossy` does).
        let rest = &body[end..body.len().min(end + 4)];
        let (c, width) = match std::str::from_utf8(rest) {
            Ok(s) => first_char(s),
            Err(e) if e.valid_up_to() > 0 => first_char(std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or_default()),
            Err(e) => ('\u{FFFD}', e.error_len().unwrap_or(rest.len())),
        };
        let mut units = [0u16; 2];
        for &unit in c.encode_utf16(&mut units).iter() {
            escape(&mut out, unit);
        }
        i = end + width;
    }
    // SAFETY: only ASCII bytes were written.
    std::borrow::Cow::Owned(unsafe { String::from_utf8_unchecked(out) })
}

/// [`ascii_json`] of `body[from..to]`, with every loose scalar of `loose` (those whose
/// spans lie in the range, in body order) written in its declared type: `"101.00"` as
/// `101.00`, `"1"`/`1`/`"true"` as `true`, `null` text as `""`. One pass over the bytes
/// before `JSON.parse`, instead of walking each value's path from the root in JavaScript
/// after it (issue 9: 7,000 loose values took longer than parsing the 10 MB around them).
/// [`LooseKind::Value`] entries have no span and are left for after parsing.
pub fn normalised_json(body: &[u8], from: usize, to: usize, loose: &[LooseValue]) -> String {
    let mut out = String::with_capacity(to - from + 16);
    let mut cursor = from;
    for value in loose {
        let Some((start, end)) = value.span else { continue };
        out.push_str(&ascii_json(&body[cursor..start]));
        push_normalised(&mut out, value.scalar, &body[start..end]);
        cursor = end;
    }
    out.push_str(&ascii_json(&body[cursor..to]));
    out
}

/// The JSON text of one loose scalar in its declared type (`raw` is as validated: the
/// validator listed it, so it fits).
fn push_normalised(out: &mut String, kind: LooseKind, raw: &[u8]) {
    let text = std::str::from_utf8(raw).unwrap_or_default();
    let unquoted = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(text);
    match kind {
        LooseKind::Boolean => out.push_str(if matches!(unquoted, "true" | "1") { "true" } else { "false" }),
        LooseKind::Text => out.push_str("\"\""),
        // As `JSON.parse` would read the digits if they were not quoted; a spelling that
        // is not a JSON number (`"+5"`, `"1."`, `"007"`) is written as the double it means.
        LooseKind::Integer | LooseKind::Number if is_json_number(unquoted.as_bytes()) => out.push_str(unquoted),
        LooseKind::Integer | LooseKind::Number => match unquoted.parse::<f64>() {
            Ok(v) if v.is_finite() => out.push_str(&v.to_string()),
            _ => out.push_str("null"),
        },
        LooseKind::Value => out.push_str(text),
    }
}

/// RFC 8259's `number`.
fn is_json_number(b: &[u8]) -> bool {
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let from = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - from
    };
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        if let Some(b'+' | b'-') = b.get(i) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// `a == b` for two slices of the same length, eight bytes at a time (keys are short:
/// a call to `memcmp`, byte by byte in wasm, costs more than the comparison).
#[inline(always)]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut a8, mut b8) = (a.chunks_exact(8), b.chunks_exact(8));
    for (x, y) in (&mut a8).zip(&mut b8) {
        if u64::from_le_bytes(x.try_into().unwrap()) != u64::from_le_bytes(y.try_into().unwrap()) {
            return false;
        }
    }
    a8.remainder().iter().zip(b8.remainder()).all(|(x, y)| x == y)
}

#[inline]
fn find_field(object: &ObjectSchema, key: &[u8], cursor: usize) -> Option<usize> {
    let fields = object.fields;
    // The common case: the key the vendor always sends next.
    if fields.get(cursor).is_some_and(|f| f.wire.as_bytes() == key) {
        return Some(cursor);
    }
    (cursor..fields.len()).chain(0..cursor.min(fields.len())).find(|&i| fields[i].wire.as_bytes() == key)
}

/// Why an integer is refused though JSON spells it well: JavaScript reads every JSON
/// number as a double, which holds integers exactly only within ±(2^53−1)
/// (`Number.MAX_SAFE_INTEGER`); 2^53+1 would arrive as 2^53, an id silently changed.
pub const OUTSIDE_SAFE_RANGE: &str = "outside the range JavaScript numbers hold exactly (±9007199254740991)";
/// Why a number is refused though JSON spells it well: past the largest double
/// (`1e400`) it would arrive as `Infinity`, in Rust and JavaScript alike.
pub const NOT_FINITE: &str = "not a finite number (past the largest double)";

/// The largest integer a double holds exactly along with its neighbours, 2^53−1.
const MAX_SAFE_DIGITS: &[u8] = b"9007199254740991";

/// Whether a JSON number that fits `schema` would be altered on the way: an integer of
/// an integer-typed field outside ±(2^53−1), or a number that overflows a double.
/// (`IntEnum` values are compared with their documented set already.)
#[inline]
fn altered_number(schema: &Schema, raw: &[u8], is_integer: bool) -> Option<&'static str> {
    match schema {
        Schema::Integer | Schema::Loose(Scalar::Integer) | Schema::Counted(_) => {
            let digits = raw.strip_prefix(b"-").unwrap_or(raw);
            // JSON integers have no leading zeros: more digits is a larger value.
            let outside = digits.len() > MAX_SAFE_DIGITS.len() || (digits.len() == MAX_SAFE_DIGITS.len() && digits > MAX_SAFE_DIGITS);
            outside.then_some(OUTSIDE_SAFE_RANGE)
        }
        // Only an exponent or more than 308 digits can overflow: parse just those.
        Schema::Number | Schema::Loose(Scalar::Number) if (!is_integer && raw.iter().any(|&b| b == b'e' || b == b'E')) || raw.len() > 308 => {
            let value = std::str::from_utf8(raw).ok().and_then(|t| t.parse::<f64>().ok());
            value.is_some_and(|v| !v.is_finite()).then_some(NOT_FINITE)
        }
        _ => None,
    }
}

/// [`altered_number`] for a loose field's string that [`loose_string_fits`].
fn altered_loose_string(scalar: Scalar, raw: &[u8]) -> Option<&'static str> {
    match scalar {
        Scalar::Integer => {
            let value = std::str::from_utf8(raw).ok().and_then(|t| t.parse::<i64>().ok());
            value.is_some_and(|n| n.unsigned_abs() > 9_007_199_254_740_991).then_some(OUTSIDE_SAFE_RANGE)
        }
        Scalar::Number => std::str::from_utf8(raw).ok().and_then(|t| t.parse::<f64>().ok()).is_some_and(|v| !v.is_finite()).then_some(NOT_FINITE),
        Scalar::Boolean | Scalar::Text => None,
    }
}

/// Whether a loose field's string spells its scalar (a number past what JavaScript
/// holds still fits here: [`altered_loose_string`] says why it is refused).
fn loose_string_fits(scalar: Scalar, raw: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(raw) else { return false };
    match scalar {
        Scalar::Integer => text.parse::<i64>().is_ok(),
        Scalar::Number => !text.is_empty() && text.trim() == text && text.parse::<f64>().is_ok_and(|v| !v.is_nan()),
        Scalar::Boolean => matches!(text, "true" | "false" | "1" | "0"),
        Scalar::Text => true,
    }
}

fn unescape(raw: &[u8]) -> String {
    if raw.contains(&b'\\') {
        let quoted = [b"\"", raw, b"\""].concat();
        if let Ok(s) = serde_json::from_slice::<String>(&quoted) {
            return s;
        }
    }
    String::from_utf8_lossy(raw).into_owned()
}

/// "string \"11\"", "number 1.5", "object", ... for the `found` half of a message.
fn describe_bytes(value: &[u8]) -> String {
    const MAX: usize = 40;
    let shown = |s: &[u8]| {
        let text = String::from_utf8_lossy(s);
        if text.chars().count() > MAX {
            format!("{}…", text.chars().take(MAX).collect::<String>())
        } else {
            text.into_owned()
        }
    };
    match value.first() {
        Some(b'"') => format!("string {}", shown(value)),
        Some(b'-' | b'0'..=b'9') => format!("number {}", shown(value)),
        Some(b't') => "boolean true".into(),
        Some(b'f') => "boolean false".into(),
        Some(b'n') => "null".into(),
        Some(b'[') => "array".into(),
        Some(b'{') => "object".into(),
        Some(_) => format!("'{}'", shown(&value[..value.len().min(MAX)])),
        None => "end of input".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Field, ObjectSchema};

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
        let seed = include_str!("../tests/fixtures/s2.get_inventory_overview/good.json");
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
        let report = validate(super::tests::LEVELS_FOR_LIMITS, body.as_bytes());
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "{:?}", started.elapsed());
        assert!(report.is_valid());
        assert_eq!((report.drift.len(), report.unlisted_drift), (MAX_LISTED_DRIFT, 100_000 - MAX_LISTED_DRIFT));
        assert_eq!(report.drift[1], "$[0].k1");
        assert_eq!(streamed(super::tests::LEVELS_FOR_LIMITS, body.as_bytes(), 4096), report);
    }

    /// Issue 16: 80,000 distinct undeclared keys in a 1 MB body took 24.8 s (every key
    /// compared with every key listed before). Now the first 1000 are listed, the rest
    /// counted, in time linear in the body.
    #[test]
    fn eighty_thousand_distinct_unknown_keys_validate_in_linear_time() {
        let keys: Vec<String> = (0..80_000).map(|i| format!(r#""u{i}":0"#)).collect();
        let body = format!(r#"[{{"available":1,{}}}]"#, keys.join(","));
        let started = std::time::Instant::now();
        let report = validate(super::tests::LEVELS_FOR_LIMITS, body.as_bytes());
        let elapsed = started.elapsed();
        // A body as long holding one string: the cost of the bytes alone, for the ratio.
        let plain = format!(r#"[{{"available":1,"note":"{}"}}]"#, "x".repeat(body.len()));
        let started = std::time::Instant::now();
        validate(super::tests::LEVELS_FOR_LIMITS, plain.as_bytes());
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
        for (body, schema) in bodies.iter().map(|b| (b, super::tests::LEVELS_FOR_LIMITS)).chain([(&bodies[0], &ANY)]) {
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
            let whole = validate(super::tests::LEVELS_FOR_LIMITS, body);
            let one_shot = started.elapsed();
            let started = std::time::Instant::now();
            let report = streamed(super::tests::LEVELS_FOR_LIMITS, body, 1024);
            let chunked = started.elapsed();
            println!("{} MB number: one-shot {one_shot:?}, 1 KB chunks {chunked:?}", body.len() >> 20);
            assert_eq!(report, whole);
            assert!(chunked < one_shot * 10 + std::time::Duration::from_millis(200), "one-shot {one_shot:?}, chunked {chunked:?}");
        }
        // Cut inside escapes too: the same report at every chunk size.
        let small = r#"[{"available":1,"note":"a\"b\\c\u00e9d\nfin","x\"y":"\u0041\"z"}]"#.as_bytes();
        let whole = validate(super::tests::LEVELS_FOR_LIMITS, small);
        for chunk in 1..12 {
            assert_eq!(streamed(super::tests::LEVELS_FOR_LIMITS, small, chunk), whole, "chunks of {chunk}");
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
