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
