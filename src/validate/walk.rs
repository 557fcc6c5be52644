//! The walk of a body and a schema together: one step per JSON token, no values built.

use super::*;

/// The undeclared keys listed as drift, by object schema (its address): each key once
/// per type, looked up by hash (at most [`MAX_LISTED_DRIFT`] of them; a linear search
/// made 80,000 distinct keys cost 1000 comparisons each).
pub(super) type DriftSeen = std::collections::HashMap<usize, std::collections::HashSet<Box<[u8]>>>;

/// How far the scan of a string got when the bytes ran out: its opening quote, and the
/// first byte not yet scanned (always a point where the scan may start again, outside
/// any escape). The string is read again from its start when the next chunk is in, but
/// its scan goes on from here: a long string cut by many chunks is scanned once, not
/// once per chunk (4 MB in 1 KB chunks took seconds).
#[derive(Clone, Copy)]
pub(super) struct StringCut {
    quote: usize,
    scanned: usize,
}

/// How far the scan of a number got when the bytes ran out inside one of its digit
/// runs, like [`StringCut`]: a long number cut by many chunks is scanned once.
#[derive(Clone, Copy)]
pub(super) struct NumberCut {
    /// Its first byte.
    start: usize,
    part: NumberPart,
    /// Where the digits of `part` start.
    from: usize,
    scanned: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum NumberPart {
    Integer,
    Fraction,
    Exponent,
}

/// Invalid JSON: validation cannot go on past it.
pub(super) struct Syntax {
    pub(super) expected: &'static str,
    pub(super) at: usize,
    /// Not invalid JSON: nested deeper than [`MAX_JSON_DEPTH`] at `at`.
    pub(super) too_deep: bool,
}

/// Why a step stopped: invalid JSON (what and where is in [`Validator::failure`]), or
/// (streaming) the bytes so far ran out. Fieldless, so that a [`Step`] is one byte: every
/// value's step returns in a register instead of through memory (a third of a million
/// calls per 10 MB body).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stop {
    Syntax,
    Incomplete,
}

#[derive(Clone, Copy)]
pub(super) enum Seg {
    /// A declared field: its wire name (the same bytes as the key).
    Name(&'static str),
    /// Any other key, as a range of the body.
    Key(usize, usize),
    Index(usize),
}

/// Where a container stopped when the bytes ran out. Frames are pushed innermost first
/// as the recursion unwinds, and popped outermost first as it goes down again: the
/// next frame always belongs to the value being resumed.
pub(super) enum Frame {
    Array(ArrayFrame),
    Object(ObjectFrame),
    Skip(SkipFrame),
    /// A container of the wrong type being skipped, to report once it is closed.
    Mismatch {
        start: usize,
        reported: &'static Schema,
    },
}

pub(super) struct ArrayFrame {
    pub(super) item: &'static Schema,
    /// Where its '[' is: a response's list of records is parsed while it arrives
    /// ([`RecordBatches`](super::RecordBatches)), its place known from here.
    pub(super) open: usize,
    pub(super) index: usize,
    pub(super) phase: Phase,
    /// Its members are records, each rejected on its own (see [`Report::rejected`]).
    pub(super) records: Option<RecordMark>,
}

/// Where the record being read started: its first byte (once seen) and how many errors
/// there were before it.
#[derive(Clone, Copy)]
pub(super) struct RecordMark {
    pub(super) start: Option<usize>,
    pub(super) errors: usize,
    pub(super) unlisted: usize,
}

pub(super) struct ObjectFrame {
    pub(super) object: &'static ObjectSchema,
    /// Which declared fields were present; objects with more than 128 fields (none
    /// documented) would only lose the missing-field check past the 128th. Two words,
    /// not a u128: wasm has no 128-bit shifts.
    pub(super) seen: [u64; 2],
    /// Vendors send keys in a stable order: look for the next key after the last match.
    pub(super) cursor: usize,
    pub(super) phase: Phase,
    /// The field whose value is being read (`None`: an undeclared key's).
    pub(super) field: Option<usize>,
}

/// A value the schema says nothing about (drift, `Any`, a mismatch), skipped.
pub(super) struct SkipFrame {
    /// The closing bracket of each open container, innermost last.
    closers: Vec<u8>,
    phase: Phase,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Phase {
    /// Just after the opening bracket.
    Start,
    Key,
    Value,
    /// After a member: ',' or the closing bracket.
    After,
}

pub(super) struct Validator<'a> {
    pub(super) bytes: &'a [u8],
    /// More bytes may follow: running out of them pauses rather than fails.
    pub(super) partial: bool,
    pub(super) pos: usize,
    pub(super) path: Vec<Seg>,
    pub(super) report: Report,
    pub(super) drift_seen: DriftSeen,
    pub(super) resume: Vec<Frame>,
    /// Arrays and objects the recursion is inside (skipped containers are counted by
    /// their frame's `closers`).
    pub(super) depth: usize,
    pub(super) string_cut: Option<StringCut>,
    pub(super) number_cut: Option<NumberCut>,
    pub(super) isolate: bool,
    /// Only the reporting walk, never the lean one (tests compare the two).
    pub(super) reporting_only: bool,
    /// Path segments of the containers the lean walk handed off from, innermost first
    /// (see [`Handoff`](super::lean::Handoff)).
    pub(super) handoff_path: Vec<Seg>,
    /// The invalid JSON that the last [`Stop::Syntax`] stopped at.
    pub(super) failure: std::cell::Cell<Option<Syntax>>,
}

pub(super) type Step = Result<(), Stop>;

pub(super) fn push_issue(report: &mut Report, issue: Issue) {
    if report.errors.len() < MAX_LISTED_ERRORS {
        report.errors.push(issue);
    } else {
        report.unlisted_errors += 1;
    }
}

impl<'a> Validator<'a> {
    /// Invalid JSON at `pos`, or a pause if that is the end of the bytes so far.
    pub(super) fn syntax(&self, expected: &'static str) -> Stop {
        if self.partial && self.pos >= self.bytes.len() {
            Stop::Incomplete
        } else {
            self.failure.set(Some(Syntax { expected, at: self.pos, too_deep: false }));
            Stop::Syntax
        }
    }

    /// The container opening at `pos` nests deeper than [`MAX_JSON_DEPTH`].
    #[cold]
    fn too_deep(&self) -> Stop {
        self.failure.set(Some(Syntax { expected: "", at: self.pos, too_deep: true }));
        Stop::Syntax
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
    pub(super) fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    #[inline]
    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.bytes.get(self.pos).copied()
    }

    pub(super) fn value(&mut self, schema: &'static Schema) -> Step {
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
                self.pos += 1;
                if self.reporting_only {
                    let records = records.then_some(RecordMark { start: None, errors: 0, unlisted: 0 });
                    return self.nested(|v| v.array(ArrayFrame { item, open: start, index: 0, phase: Phase::Start, records }));
                }
                self.lean_then_reporting(schema, b, records)
            }
            (Schema::Object(object), b'{') => {
                self.pos += 1;
                if self.reporting_only {
                    return self.nested(|v| v.object(ObjectFrame { object, seen: [0; 2], cursor: 0, phase: Phase::Start, field: None }));
                }
                self.lean_then_reporting(schema, b, false)
            }
            _ => self.mismatch_skip(start, reported),
        };
        if matches!(outcome, Err(Stop::Incomplete)) && self.resume.len() == frames {
            // A scalar cut by the end of the bytes so far: read it again from its start.
            self.pos = start;
        }
        outcome
    }

    /// A container, from just past its bracket: the lean walk, and where it hands off,
    /// the reporting walk from that token on (see [`super::lean`]).
    #[inline]
    fn lean_then_reporting(&mut self, schema: &'static Schema, open: u8, records: bool) -> Step {
        self.depth += 1;
        let lean = self.lean_container(schema, open, records);
        self.depth -= 1;
        match lean {
            Ok(end) => {
                self.pos = end;
                Ok(())
            }
            Err(_handoff) => {
                // Outermost first, as the path reads.
                while let Some(seg) = self.handoff_path.pop() {
                    self.path.push(seg);
                }
                self.resume_value()
            }
        }
    }

    /// Winds back into the container that stopped at the end of the previous chunk.
    #[cold]
    #[inline(never)]
    pub(super) fn resume_value(&mut self) -> Step {
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
    pub(super) fn expected_key(&mut self, object: &'static ObjectSchema, cursor: usize) -> Option<&'static str> {
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

    pub(super) fn literal(&mut self, word: &'static [u8]) -> Step {
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
    pub(super) fn string(&mut self) -> Result<&'a [u8], Stop> {
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
    pub(super) fn number(&mut self) -> Result<bool, Stop> {
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
    pub(super) fn skip_value(&mut self) -> Step {
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

    pub(super) fn path_string(&self) -> String {
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

#[inline]
pub(super) fn find_field(object: &ObjectSchema, key: &[u8], cursor: usize) -> Option<usize> {
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
pub(super) const MAX_SAFE_DIGITS: &[u8] = b"9007199254740991";

/// Whether a JSON number that fits `schema` would be altered on the way: an integer of
/// an integer-typed field outside ±(2^53−1), or a number that overflows a double.
/// (`IntEnum` values are compared with their documented set already.)
#[inline]
pub(super) fn altered_number(schema: &Schema, raw: &[u8], is_integer: bool) -> Option<&'static str> {
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
pub(super) fn altered_loose_string(scalar: Scalar, raw: &[u8]) -> Option<&'static str> {
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
pub(super) fn loose_string_fits(scalar: Scalar, raw: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(raw) else { return false };
    match scalar {
        Scalar::Integer => text.parse::<i64>().is_ok(),
        Scalar::Number => !text.is_empty() && text.trim() == text && text.parse::<f64>().is_ok_and(|v| !v.is_nan()),
        Scalar::Boolean => matches!(text, "true" | "false" | "1" | "0"),
        Scalar::Text => true,
    }
}

/// A key's text with its JSON escapes resolved (the bytes are as they were scanned).
pub(super) fn unescape(raw: &[u8]) -> String {
    if raw.contains(&b'\\') {
        let quoted = [b"\"", raw, b"\""].concat();
        // Read as a `Value`, not as a `String`: `String`'s serde visitor would link
        // serde's float printing into the package for its "invalid type" message
        // (about 10 KiB gzip, bench/README.md "Build profile and size").
        if let Ok(serde_json::Value::String(s)) = serde_json::from_slice(&quoted) {
            return s;
        }
    }
    String::from_utf8_lossy(raw).into_owned()
}

/// "string \"11\"", "number 1.5", "object", ... for the `found` half of a message.
pub(super) fn describe_bytes(value: &[u8]) -> String {
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
