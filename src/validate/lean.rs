//! The lean walk: the validator's fast path while there is nothing to report.
//!
//! Almost every container of a response is right: no wrong value, no undeclared key, no
//! loose spelling. For those the reporting walk's bookkeeping (a path segment pushed and
//! popped per member, a check for frames to resume per value, the record marks, the
//! reported schema carried along) is pure cost: measured natively it was about half of
//! the walk's instructions. The lean walk validates the same bytes against the same
//! schema with none of it.
//!
//! When it meets anything the reporting walk would act on (a value to report, an
//! undeclared key, a loose value, invalid JSON, nesting at the limit, the end of the
//! bytes so far), it does not decide anything itself: it unwinds, saving every
//! container it is in as the [`Frame`] the reporting walk would have saved had the
//! bytes ended at that token, and appends their path segments. The reporting walk then
//! resumes there exactly as it resumes after a chunk's end, so every report (errors,
//! drift, loose values, rejected records, their paths and order) is the reporting
//! walk's own, and each byte is walked once: by the lean walk up to that token, by the
//! reporting walk after it (whose own containers try the lean walk again).

use super::*;

/// The lean walk stopped at a token for the reporting walk: the containers it was in
/// are in [`Validator::resume`] and their path segments in [`Validator::handoff_path`],
/// and [`Validator::pos`] is at the token.
pub(super) struct Handoff;

/// Where the value ends, or a hand-off. Positions are passed and returned rather than
/// kept in `self.pos`, so that they stay in a register between tokens.
type Lean = Result<usize, Handoff>;

impl Validator<'_> {
    /// With `pos` just past a container's opening bracket (and `depth` counting it):
    /// validates its members leanly and returns where it ends. On [`Handoff`] its frame
    /// (and its members' frames) are saved; the caller appends the segments to the path
    /// and resumes.
    #[inline]
    pub(super) fn lean_container(&mut self, schema: &'static Schema, open: u8, records: bool) -> Lean {
        match (schema, open) {
            (Schema::Array(item) | Schema::Records(item), b'[') => self.lean_array(item, records, self.pos),
            (Schema::Object(object), b'{') => self.lean_object(object, self.pos),
            _ => unreachable!("called for an array or object schema at its bracket"),
        }
    }

    /// A member's value from `pos` (whitespace first): scalars here, inlined into the
    /// loops of [`lean_array`](Self::lean_array) and [`lean_object`](Self::lean_object)
    /// (a call per value cost a fifth of the walk's instructions), containers and
    /// anything unusual in [`lean_value`](Self::lean_value).
    #[inline(always)]
    fn lean_member(&mut self, schema: &'static Schema, pos: usize) -> Lean {
        let bytes = self.bytes;
        let start = ws(bytes, pos);
        let Some(&b) = bytes.get(start) else { return self.hand_off_at(start) };
        let schema = match (schema, b) {
            (Schema::Nullable(_), b'n') => return literal(bytes, start, b"null").map_or_else(|| self.hand_off_at(start), Ok),
            (Schema::Nullable(inner), _) => inner,
            _ => schema,
        };
        match scalar_end(schema, bytes, start, b, self.partial) {
            Some(Some(end)) => Ok(end),
            Some(None) => self.hand_off_at(start),
            None => self.lean_value(schema, start),
        }
    }

    /// A value from `pos` (whitespace first). On [`Handoff`] at the value itself (no
    /// frame of its own), `self.pos` is at its first byte for the reporting walk.
    #[inline(never)]
    fn lean_value(&mut self, schema: &'static Schema, pos: usize) -> Lean {
        let bytes = self.bytes;
        let start = ws(bytes, pos);
        let Some(&b) = bytes.get(start) else { return self.hand_off_at(start) };
        if let Some(end) = scalar_end(schema, bytes, start, b, self.partial) {
            return end.map_or_else(|| self.hand_off_at(start), Ok);
        }
        let end = match (schema, b) {
            (Schema::Lazy(resolve), _) => return self.lean_value(resolve(), start),
            (Schema::Nullable(_), b'n') => literal(bytes, start, b"null"),
            (Schema::Nullable(inner), _) => return self.lean_value(inner, start),
            (Schema::Any, _) => {
                // Nothing is reported inside `Any` but invalid JSON; a skip cut by the end
                // of the bytes saves frames the reporting walk will make again.
                let frames = self.resume.len();
                self.pos = start;
                let skipped = self.skip_value().is_ok().then_some(self.pos);
                self.resume.truncate(frames);
                skipped
            }
            (Schema::Array(_) | Schema::Records(_), b'[') | (Schema::Object(_), b'{') if self.depth < MAX_JSON_DEPTH => {
                let records = self.isolate && (matches!(schema, Schema::Records(_)) || self.depth == 0);
                self.depth += 1;
                let lean = match schema {
                    Schema::Object(object) => self.lean_object(object, start + 1),
                    Schema::Array(item) | Schema::Records(item) => self.lean_array(item, records, start + 1),
                    _ => unreachable!("matched above"),
                };
                self.depth -= 1;
                return lean;
            }
            // Everything else is for the reporting walk: an integer enum (compared with
            // its set), a loose spelling to list, a value of the wrong type, nesting at
            // the limit.
            _ => None,
        };
        match end {
            Some(end) => Ok(end),
            None => self.hand_off_at(start),
        }
    }

    #[cold]
    fn hand_off_at(&mut self, pos: usize) -> Lean {
        self.pos = pos;
        Err(Handoff)
    }

    fn lean_array(&mut self, item: &'static Schema, records: bool, pos: usize) -> Lean {
        let bytes = self.bytes;
        // `pos` is just past the '['.
        let open = pos - 1;
        let mut pos = ws(bytes, pos);
        // Nothing was reported since the array began: a record's marks are the counts now.
        let mark = |v: &Self, start: Option<usize>| records.then_some(RecordMark { start, errors: v.report.errors.len(), unlisted: v.report.unlisted_errors });
        match bytes.get(pos) {
            Some(b']') => return Ok(pos + 1),
            Some(_) => {}
            None => {
                // Not a member yet: `]` may come with the next chunk.
                self.pos = pos;
                self.resume.push(Frame::Array(ArrayFrame { item, open, index: 0, phase: Phase::Start, records: mark(self, None) }));
                return Err(Handoff);
            }
        }
        let mut index = 0;
        loop {
            pos = ws(bytes, pos);
            match self.lean_member(item, pos) {
                Ok(end) => pos = end,
                Err(handoff) => {
                    let records = mark(self, (pos < bytes.len()).then_some(pos));
                    self.resume.push(Frame::Array(ArrayFrame { item, open, index, phase: Phase::Value, records }));
                    self.handoff_path.push(Seg::Index(index));
                    return Err(handoff);
                }
            }
            index += 1;
            pos = ws(bytes, pos);
            match bytes.get(pos) {
                Some(b',') => pos += 1,
                Some(b']') => return Ok(pos + 1),
                _ => {
                    // The reporting walk reads the separator again (invalid JSON, or the
                    // end of the bytes so far).
                    self.pos = pos;
                    self.resume.push(Frame::Array(ArrayFrame { item, open, index, phase: Phase::After, records: mark(self, None) }));
                    return Err(Handoff);
                }
            }
        }
    }

    fn lean_object(&mut self, object: &'static ObjectSchema, pos: usize) -> Lean {
        let bytes = self.bytes;
        let fields = object.fields;
        let mut seen = [0u64; 2];
        let mut cursor = 0;
        let mut pos = ws(bytes, pos);
        let mut phase = Phase::Start;
        if bytes.get(pos) != Some(&b'}') {
            loop {
                pos = ws(bytes, pos);
                let key_start = pos;
                // A declared key, found in place (the one the vendor sends next) or by
                // lookup, and its ':'; anything else (an undeclared key, a bad key, the
                // end of the bytes) is for the reporting walk.
                let found = 'key: {
                    if bytes.get(pos) != Some(&b'"') {
                        break 'key None;
                    }
                    if let Some(field) = fields.get(cursor) {
                        let wire = field.wire.as_bytes();
                        let end = pos + 1 + wire.len();
                        // Wire names hold no '"' or '\\' (a test walks every schema).
                        if bytes.get(end) == Some(&b'"') && same_bytes(&bytes[pos + 1..end], wire) {
                            pos = end + 1;
                            break 'key Some(cursor);
                        }
                    }
                    let Some(end) = lean_string(bytes, pos) else { break 'key None };
                    let key = &bytes[pos + 1..end - 1];
                    pos = end;
                    find_field(object, key, cursor)
                };
                pos = ws(bytes, pos);
                let (Some(i), Some(b':')) = (found, bytes.get(pos)) else {
                    self.pos = key_start;
                    // Before the first key, `}` may still come (with the next chunk).
                    let phase = if cursor == 0 { Phase::Start } else { Phase::Key };
                    self.resume.push(Frame::Object(ObjectFrame { object, seen, cursor, phase, field: None }));
                    return Err(Handoff);
                };
                cursor = i + 1;
                if i < 128 {
                    seen[i / 64] |= 1 << (i % 64);
                }
                let field = &fields[i];
                match self.lean_member(field.schema, pos + 1) {
                    Ok(end) => pos = end,
                    Err(handoff) => {
                        self.resume.push(Frame::Object(ObjectFrame { object, seen, cursor, phase: Phase::Value, field: Some(i) }));
                        self.handoff_path.push(Seg::Name(field.wire));
                        return Err(handoff);
                    }
                }
                pos = ws(bytes, pos);
                match bytes.get(pos) {
                    Some(b',') => pos += 1,
                    _ => {
                        phase = Phase::After;
                        break;
                    }
                }
            }
        }
        // At '}' (or what stands in its place): done if every declared field was there or
        // the missing ones are optional.
        if bytes.get(pos) == Some(&b'}') && !lacks_required(object, seen) {
            return Ok(pos + 1);
        }
        self.pos = pos;
        self.resume.push(Frame::Object(ObjectFrame { object, seen, cursor, phase, field: None }));
        Err(Handoff)
    }
}

/// A scalar of a scalar schema at `start` (its first byte `b`): `Some(Some(end))` if it
/// is valid with nothing to report, `Some(None)` if the reporting walk must read it (a
/// value to report, a loose spelling, invalid JSON, the end of the bytes so far),
/// `None` if the schema is not a scalar one.
#[inline(always)]
fn scalar_end(schema: &Schema, bytes: &[u8], start: usize, b: u8, partial: bool) -> Option<Option<usize>> {
    Some(match (schema, b) {
        (Schema::String | Schema::Loose(Scalar::Text), b'"') => lean_string(bytes, start),
        (Schema::StrEnum(allowed), b'"') => lean_string(bytes, start).filter(|&end| {
            let raw = &bytes[start + 1..end - 1];
            allowed.iter().any(|a| a.as_bytes() == raw)
        }),
        // Fifteen digits are always below 2^53; past that, the exact check.
        (Schema::Integer | Schema::Loose(Scalar::Integer) | Schema::Counted(_), b'-' | b'0'..=b'9') => lean_number(bytes, start, partial)
            .filter(|&(end, kind)| kind == NumberKind::Integer && (end - start <= 15 || altered_number(schema, &bytes[start..end], true).is_none()))
            .map(|(end, _)| end),
        // Only an exponent or more than 308 digits can overflow a double.
        (Schema::Number | Schema::Loose(Scalar::Number), b'-' | b'0'..=b'9') => lean_number(bytes, start, partial)
            .filter(|&(end, kind)| (kind != NumberKind::Exponent && end - start <= 308) || altered_number(schema, &bytes[start..end], kind == NumberKind::Integer).is_none())
            .map(|(end, _)| end),
        (Schema::Boolean | Schema::Loose(Scalar::Boolean), b't') => literal(bytes, start, b"true"),
        (Schema::Boolean | Schema::Loose(Scalar::Boolean), b'f') => literal(bytes, start, b"false"),
        // Containers, and what resolves to a schema (`Lazy`, `Nullable`), or skips (`Any`).
        (Schema::Array(_) | Schema::Records(_) | Schema::Object(_) | Schema::Lazy(_) | Schema::Nullable(_) | Schema::Any, _) => return None,
        // A scalar schema and a value the reporting walk reads: an integer enum
        // (compared with its set), a loose spelling to list, a value of the wrong type.
        _ => None,
    })
}

#[inline(always)]
fn ws(bytes: &[u8], mut pos: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(pos) {
        pos += 1;
    }
    pos
}

#[inline(always)]
fn literal(bytes: &[u8], pos: usize, word: &[u8]) -> Option<usize> {
    (bytes.get(pos..pos + word.len()) == Some(word)).then_some(pos + word.len())
}

/// With `pos` at a string's opening quote: the index past its closing quote, if the
/// string is complete and valid as the reporting walk's scan would find it.
#[inline(always)]
fn lean_string(bytes: &[u8], pos: usize) -> Option<usize> {
    let mut i = pos + 1;
    loop {
        i = skip_plain(bytes, i);
        match *bytes.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => match *bytes.get(i + 1)? {
                b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => i += 2,
                b'u' if bytes.get(i + 2..i + 6).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) => i += 6,
                _ => return None,
            },
            _ => return None, // a control character
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum NumberKind {
    Integer,
    Fraction,
    Exponent,
}

/// With `pos` at a number's first byte: where it ends and its kind, if it is a number
/// per RFC 8259 that cannot go on in bytes still to come.
#[inline(always)]
fn lean_number(bytes: &[u8], pos: usize, partial: bool) -> Option<(usize, NumberKind)> {
    let digits = |mut i: usize| {
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let int_start = pos + usize::from(bytes[pos] == b'-');
    let mut i = digits(int_start);
    if i == int_start || (bytes[int_start] == b'0' && i - int_start > 1) {
        return None;
    }
    let mut kind = NumberKind::Integer;
    if bytes.get(i) == Some(&b'.') {
        let from = i + 1;
        i = digits(from);
        if i == from {
            return None;
        }
        kind = NumberKind::Fraction;
    }
    if let Some(b'e' | b'E') = bytes.get(i) {
        let from = i + 1 + usize::from(matches!(bytes.get(i + 1), Some(b'+' | b'-')));
        i = digits(from);
        if i == from {
            return None;
        }
        kind = NumberKind::Exponent;
    }
    (!(partial && i >= bytes.len())).then_some((i, kind))
}

/// Whether a closed object with the fields `seen` lacks a required one (past the 128th
/// field nothing is tracked, as in the reporting walk).
#[inline]
fn lacks_required(object: &ObjectSchema, seen: [u64; 2]) -> bool {
    let n = object.fields.len().min(128);
    let all = |bits: usize| if bits >= 64 { u64::MAX } else { (1u64 << bits) - 1 };
    if seen[0] == all(n) && seen[1] == all(n.saturating_sub(64)) {
        return false;
    }
    object.fields.iter().take(128).enumerate().any(|(i, field)| field.required && seen[i / 64] & (1 << (i % 64)) == 0)
}
