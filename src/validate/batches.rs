//! A response's lists of records, parsed while they arrive: the body cut into the text
//! of its envelope and batches of whole records.
//!
//! `JSON.parse` of the whole text after the last byte was most of what a reader of a
//! response waited for then (bench/README.md, "Decode path"). Most large bodies are a
//! list of records, or an envelope holding one, and a record is whole long before the
//! body is: so as each chunk is validated, the records completed in it are parsed (one
//! `JSON.parse("[" + records + "]")`), and after the last byte only the last chunk's
//! records and the envelope are left. The envelope is the body's text with each list
//! streamed this way replaced by its number (`{"items":0,"total":3}`); the caller puts
//! each list's records in its place. A number, because it cannot be what a valid body
//! has there (a list of records or `null`): if the same key came twice, the number a
//! parse of the envelope finds there says which list it kept, as `JSON.parse` would.

use super::*;

/// One piece of the body, in body order (see [`RecordBatches`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// `body[from..to]` belongs to the envelope, as it is.
    Envelope { from: usize, to: usize },
    /// A list of records begins: the envelope has its `number` in its place (lists are
    /// numbered from 0 in body order), and the records that follow are its own.
    List { number: usize, path: Vec<&'static str> },
    /// `body[from..to]` is one or more whole records of the current list, separated by
    /// commas: `[` + its text + `]` is the JSON of those records.
    Records { from: usize, to: usize },
}

/// Cuts a body being validated into [`Piece`]s as far as it is validated.
#[derive(Debug, Default)]
pub struct RecordBatches {
    /// The body before this is in pieces already.
    done: usize,
    /// The list being received: its '[' and how many of its records are in pieces.
    open: Option<(usize, usize)>,
    lists: usize,
    /// Something the pieces cannot say (a list whose end could not be found): the
    /// caller parses the whole text instead.
    pub unsplittable: bool,
}

impl RecordBatches {
    /// The pieces of what `validator` validated since the last call.
    pub fn advance(&mut self, validator: &StreamValidator, out: &mut impl FnMut(Piece)) {
        if self.unsplittable {
            return;
        }
        let body = validator.body();
        let at = validator.open_record_list();
        if let Some((open, _)) = self.open {
            if at.as_ref().map(|list| list.open) != Some(open) {
                // The list closed since: its last records, then the envelope after it.
                self.close(body, out);
            }
        }
        let Some(at) = at else {
            self.envelope(validator.validated_up_to(), out);
            return;
        };
        if self.open.is_none() {
            if at.open < self.done {
                // Its '[' went to the envelope already: it cannot be streamed.
                self.unsplittable = true;
                return;
            }
            self.envelope(at.open, out);
            out(Piece::List { number: self.lists, path: at.path });
            self.lists += 1;
            self.done = at.open + 1;
            self.open = Some((at.open, 0));
        }
        if let Some((open, complete)) = self.open {
            if at.complete > complete {
                out(Piece::Records { from: after_separator(body, self.done), to: at.complete_end });
                self.done = at.complete_end;
                self.open = Some((open, at.complete));
            }
        }
    }

    /// The rest of a body validated whole and valid.
    pub fn finish(&mut self, body: &[u8], out: &mut impl FnMut(Piece)) {
        if self.unsplittable {
            return;
        }
        if self.open.is_some() {
            self.close(body, out);
        }
        self.envelope(body.len(), out);
    }

    fn envelope(&mut self, to: usize, out: &mut impl FnMut(Piece)) {
        if to > self.done {
            out(Piece::Envelope { from: self.done, to });
            self.done = to;
        }
    }

    /// The current list is closed in `body`: its records after `done`, up to its ']'.
    fn close(&mut self, body: &[u8], out: &mut impl FnMut(Piece)) {
        self.open = None;
        let Some(end) = list_end(body, self.done) else {
            self.unsplittable = true;
            return;
        };
        let from = after_separator(body, self.done);
        if from < end && body[from..end].iter().any(|b| !matches!(b, b' ' | b'\n' | b'\r' | b'\t')) {
            out(Piece::Records { from, to: end });
        }
        self.done = end + 1;
    }
}

/// Past the whitespace and the one ',' that may separate the records already in pieces
/// from the next.
fn after_separator(body: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\r' | b'\t') = body.get(at) {
        at += 1;
    }
    if body.get(at) == Some(&b',') {
        at += 1;
    }
    at
}

/// From a point between two members of a list (validated JSON), the index of its ']'.
/// Reads strings eight bytes at a time; it runs over the last records of a list only,
/// once per list.
fn list_end(body: &[u8], mut at: usize) -> Option<usize> {
    let mut depth = 0usize;
    while let Some(&b) = body.get(at) {
        match b {
            b'"' => {
                at += 1;
                loop {
                    at = skip_plain(body, at);
                    match *body.get(at)? {
                        b'"' => break,
                        b'\\' => at += 2,
                        _ => at += 1,
                    }
                }
            }
            b'[' | b'{' => depth += 1,
            b']' if depth == 0 => return Some(at),
            b']' | b'}' if depth > 0 => depth -= 1,
            b'}' => return None,
            _ => {}
        }
        at += 1;
    }
    None
}
