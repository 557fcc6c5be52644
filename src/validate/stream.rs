//! Validation chunk by chunk: what the validator knows between two chunks, and one run
//! over the bytes so far.

use super::*;

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

    /// The list of records the validation stopped in, if the keys of objects alone lead
    /// to it from the root (a page's `items`, a search's `system_products`; a top-level
    /// array is a list of records too): with what of it is read whole. `None` inside
    /// anything else, after invalid JSON, and when not [`isolating`](Self::isolating).
    pub fn open_record_list(&self) -> Option<OpenRecordList> {
        if self.state.syntax.is_some() {
            return None;
        }
        let mut path = Vec::new();
        // Outermost first.
        for frame in self.state.resume.iter().rev() {
            match frame {
                Frame::Object(ObjectFrame { object, phase: Phase::Value, field: Some(i), .. }) => path.push(object.fields[*i].wire),
                Frame::Array(ArrayFrame { open, index, phase, records: Some(mark), .. }) => {
                    let after_open = open + 1;
                    let complete_end = match phase {
                        Phase::Start => after_open,
                        Phase::Value if *index == 0 => after_open,
                        // The records before this one end at the ',' before its first byte
                        // (or before the end of the bytes so far, if it has not begun).
                        Phase::Value => {
                            let mut at = mark.start.unwrap_or(self.state.pos);
                            while at > after_open && matches!(self.body[at - 1], b' ' | b'\n' | b'\r' | b'\t') {
                                at -= 1;
                            }
                            if at <= after_open || self.body[at - 1] != b',' {
                                return None;
                            }
                            at - 1
                        }
                        // Just past the last record (and whitespace), before ',' or ']'.
                        Phase::After | Phase::Key => self.state.pos,
                    };
                    return Some(OpenRecordList { path, open: *open, complete: *index, complete_end });
                }
                _ => return None,
            }
        }
        None
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

/// A list of records being received (see [`StreamValidator::open_record_list`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenRecordList {
    /// The keys from the root to the list (none: the body is the list).
    pub path: Vec<&'static str>,
    /// Where its '[' is.
    pub open: usize,
    /// How many of its records are read whole.
    pub complete: usize,
    /// Where the last of them ends (just past the '[' if none): the records' text is
    /// `body[open + 1..complete_end]`.
    pub complete_end: usize,
}

/// What validation knows between two chunks.
#[derive(Default)]
pub(super) struct State {
    pub(super) pos: usize,
    pub(super) path: Vec<Seg>,
    pub(super) report: Report,
    pub(super) drift_seen: DriftSeen,
    /// Where each open container stopped, innermost first (see [`Frame`]).
    pub(super) resume: Vec<Frame>,
    /// The root value is complete (only trailing whitespace may follow).
    pub(super) root_done: bool,
    /// Invalid JSON, with the path at that point: nothing after it is read.
    pub(super) syntax: Option<(Syntax, String)>,
    /// A string cut by the end of the bytes so far (see [`Validator::string`]).
    pub(super) string_cut: Option<StringCut>,
    pub(super) number_cut: Option<NumberCut>,
    /// Records of lists are isolated ([`validate_isolating`]).
    pub(super) isolate: bool,
    /// Only the reporting walk (tests compare it with the lean walk's hand-offs).
    pub(super) reporting_only: bool,
}

impl State {
    pub(super) fn into_report(mut self, body: &[u8]) -> Report {
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
pub(super) fn run(schema: &'static Schema, bytes: &[u8], state: &mut State, last: bool) {
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
        reporting_only: state.reporting_only,
        handoff_path: Vec::new(),
        failure: std::cell::Cell::new(None),
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
    if outcome == Err(Stop::Syntax) {
        let syntax = v.failure.take().expect("a syntax stop says what it expected");
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
