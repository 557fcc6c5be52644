//! Credentials echoed by a vendor never reach the browser.
//!
//! Every relayed body and header is searched for every secret the upstream knows (its
//! configured key, token or password, and the live token it obtained), in each form a
//! vendor might echo it: raw, percent-encoded (upper- and lower-case hex, `+` or `%20`
//! for a space) and JSON-escaped (with `/` plain or as `\/`, and .NET's `\u002B` style).
//! One pass over the bytes finds them all (Aho-Corasick, leftmost-longest); each is
//! replaced by `[redacted]`.
//!
//! Bodies are scrubbed as they stream, never buffered whole: each chunk is searched with
//! the last `longest pattern − 1` bytes of the one before, so a secret cut in two by a
//! chunk boundary is found all the same. Only those few bytes wait for the next chunk.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use bytes::{Bytes, BytesMut};

/// What a found secret becomes.
pub const REPLACEMENT: &[u8] = b"[redacted]";
/// Secrets shorter than this are not searched for (they would match ordinary text).
pub const MIN_SECRET_LEN: usize = 4;

/// The search for one set of secrets.
#[derive(Debug)]
pub struct Scrubber {
    /// `None` when there is nothing to look for: bytes pass through untouched.
    search: Option<AhoCorasick>,
    longest: usize,
}

impl Scrubber {
    pub fn new<S: AsRef<str>>(secrets: &[S]) -> Scrubber {
        let mut patterns: Vec<Vec<u8>> = secrets.iter().map(AsRef::as_ref).filter(|s| s.len() >= MIN_SECRET_LEN).flat_map(forms).collect();
        patterns.sort();
        patterns.dedup();
        let longest = patterns.iter().map(Vec::len).max().unwrap_or(0);
        let search = (!patterns.is_empty())
            .then(|| AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).build(&patterns).expect("a handful of short patterns always builds"));
        Scrubber { search, longest }
    }

    /// Whether there is anything to look for.
    pub fn is_active(&self) -> bool {
        self.search.is_some()
    }

    /// `input` with every secret replaced, in one go (headers, small bodies).
    pub fn scrub(&self, input: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(input.len());
        let mut stream = self.stream();
        stream.push_into(input, &mut out);
        stream.finish_into(&mut out);
        out
    }

    /// Whether `input` holds any secret.
    pub fn finds(&self, input: &[u8]) -> bool {
        self.search.as_ref().is_some_and(|s| s.is_match(input))
    }

    /// A scrubber for one body, fed chunk by chunk (owned: the search is shared).
    pub fn stream(&self) -> ScrubStream {
        ScrubStream { search: self.search.clone(), longest: self.longest, carry: BytesMut::new() }
    }
}

/// The forms of `secret` a vendor might echo.
fn forms(secret: &str) -> Vec<Vec<u8>> {
    let encoded = commerce_kit::request::percent_encode(secret);
    let lower = lower_hex_escapes(&encoded);
    let json = serde_json::to_string(secret).expect("a string serialises");
    let json = &json[1..json.len() - 1];
    let mut forms = vec![
        secret.to_string(),
        encoded.clone(),
        lower.clone(),
        encoded.replace("%20", "+"),
        lower.replace("%20", "+"),
        json.to_string(),
        json.replace('/', "\\/"),
        html_safe_json(secret),
    ];
    forms.retain(|f| !f.is_empty());
    forms.into_iter().map(String::into_bytes).collect()
}

/// The JSON string body .NET's `System.Text.Json` writes by default: HTML-sensitive
/// characters, `+`, `\`, controls and all non-ASCII as `\u00XX` (upper-case hex, UTF-16).
fn html_safe_json(secret: &str) -> String {
    let mut out = String::with_capacity(secret.len() * 2);
    for c in secret.chars() {
        if c.is_ascii() && !c.is_ascii_control() && !matches!(c, '"' | '&' | '\'' | '+' | '<' | '>' | '`' | '\\') {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04X}"));
            }
        }
    }
    out
}

/// `%2F` → `%2f`; everything else as it is.
fn lower_hex_escapes(encoded: &str) -> String {
    let mut out = String::with_capacity(encoded.len());
    let mut chars = encoded.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '%' {
            out.extend(chars.by_ref().take(2).map(|h| h.to_ascii_lowercase()));
        }
    }
    out
}

/// One body's scrubbing state: the bytes that may still be the start of a secret.
pub struct ScrubStream {
    search: Option<AhoCorasick>,
    longest: usize,
    carry: BytesMut,
}

impl ScrubStream {
    /// The scrubbed bytes `chunk` makes final; up to `longest pattern − 1` of them wait
    /// for the next chunk (or [`ScrubStream::finish`]).
    pub fn push(&mut self, chunk: &[u8]) -> Bytes {
        let Some(search) = &self.search else { return Bytes::copy_from_slice(chunk) };
        self.carry.extend_from_slice(chunk);
        let keep = self.longest - 1;
        if self.carry.len() <= keep {
            return Bytes::new();
        }
        // A pattern starting before `cut` lies whole in `carry`: the search decides it
        // exactly as it would on the whole body. Later starts wait for more bytes.
        let mut cut = self.carry.len() - keep;
        let mut out = BytesMut::with_capacity(cut + REPLACEMENT.len());
        let mut copied = 0;
        for found in search.find_iter(&self.carry[..]) {
            if found.start() >= cut {
                break;
            }
            out.extend_from_slice(&self.carry[copied..found.start()]);
            out.extend_from_slice(REPLACEMENT);
            copied = found.end();
            cut = cut.max(found.end());
        }
        out.extend_from_slice(&self.carry[copied..cut]);
        let _ = self.carry.split_to(cut);
        out.freeze()
    }

    /// [`ScrubStream::push`] of a chunk held as `Bytes` (a relayed body's): with nothing
    /// held back and no secret starting in the part that becomes final, that part is
    /// relayed as a slice of the chunk itself, not copied; only the last
    /// `longest pattern − 1` bytes are kept. Otherwise as `push`.
    pub fn push_shared(&mut self, chunk: &Bytes) -> Bytes {
        let Some(search) = &self.search else { return chunk.clone() };
        let keep = self.longest - 1;
        if self.carry.is_empty() && chunk.len() > keep {
            let cut = chunk.len() - keep;
            // The first match `push` would find in the same bytes (leftmost-longest).
            if search.find(&chunk[..]).is_none_or(|found| found.start() >= cut) {
                self.carry.extend_from_slice(&chunk[cut..]);
                return chunk.slice(..cut);
            }
        }
        self.push(chunk)
    }

    /// The last bytes, scrubbed.
    pub fn finish(mut self) -> Bytes {
        // Nothing to replace in them: the held-back bytes as they are, not copied.
        if !self.search.as_ref().is_some_and(|search| search.is_match(&self.carry[..])) {
            return std::mem::take(&mut self.carry).freeze();
        }
        let mut out = Vec::new();
        self.finish_into(&mut out);
        Bytes::from(out)
    }

    fn push_into(&mut self, chunk: &[u8], out: &mut Vec<u8>) {
        out.extend_from_slice(&self.push(chunk));
    }

    fn finish_into(&mut self, out: &mut Vec<u8>) {
        let rest = std::mem::take(&mut self.carry);
        match &self.search {
            None => out.extend_from_slice(&rest),
            Some(search) => {
                let mut copied = 0;
                for found in search.find_iter(&rest[..]) {
                    out.extend_from_slice(&rest[copied..found.start()]);
                    out.extend_from_slice(REPLACEMENT);
                    copied = found.end();
                }
                out.extend_from_slice(&rest[copied..]);
            }
        }
    }
}

/// `chunks` scrubbed by `scrub` as they arrive: a response body. After an error from
/// `chunks` nothing more is sent (the held-back bytes could be half a secret).
pub fn body<S, E>(chunks: S, scrub: ScrubStream) -> axum::body::Body
where
    S: futures_util::Stream<Item = Result<Bytes, E>> + Send + Unpin + 'static,
    E: Into<axum::BoxError> + 'static,
{
    use futures_util::StreamExt;
    let scrubbed = futures_util::stream::unfold((chunks, Some(scrub)), |(mut chunks, mut scrub)| async move {
        loop {
            let state = scrub.as_mut()?;
            match chunks.next().await {
                Some(Ok(chunk)) => {
                    let out = state.push_shared(&chunk);
                    if !out.is_empty() {
                        return Some((Ok(out), (chunks, scrub)));
                    }
                }
                Some(Err(e)) => return Some((Err(e), (chunks, None))),
                None => {
                    let last = scrub.take()?.finish();
                    return (!last.is_empty()).then_some((Ok(last), (chunks, None)));
                }
            }
        }
    });
    axum::body::Body::from_stream(scrubbed)
}

/// Scrubbers built once per set of secrets: a vendor's set changes only when its token
/// does, and building the search costs more than running it on a small body.
#[derive(Default)]
pub struct Cache(Mutex<HashMap<Vec<String>, Arc<Scrubber>>>);

impl Cache {
    pub fn get(&self, secrets: Vec<String>) -> Arc<Scrubber> {
        let mut cache = self.0.lock().unwrap();
        if let Some(found) = cache.get(&secrets) {
            return found.clone();
        }
        // Old token sets are dropped: a handful of vendors, one live set each.
        if cache.len() >= 16 {
            cache.clear();
        }
        let scrubber = Arc::new(Scrubber::new(&secrets));
        cache.insert(secrets, scrubber.clone());
        scrubber
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = r#"ab/c+d"e f&g"#;

    fn all_forms() -> Vec<String> {
        forms(SECRET).into_iter().map(|f| String::from_utf8(f).unwrap()).collect()
    }

    #[test]
    fn every_form_is_found() {
        let forms = all_forms();
        for expected in [
            r#"ab/c+d"e f&g"#,
            "ab%2Fc%2Bd%22e%20f%26g",
            "ab%2fc%2bd%22e%20f%26g",
            "ab%2Fc%2Bd%22e+f%26g",
            r#"ab/c+d\"e f&g"#,
            r#"ab\/c+d\"e f&g"#,
            r#"ab/c\u002Bd\u0022e f\u0026g"#,
        ] {
            assert!(forms.iter().any(|f| f == expected), "{expected} not among {forms:?}");
        }
        let s = Scrubber::new(&[SECRET]);
        for form in &forms {
            let body = format!("<{form}>");
            assert_eq!(s.scrub(body.as_bytes()), b"<[redacted]>", "{form}");
        }
    }

    #[test]
    fn short_or_no_secrets_scrub_nothing() {
        let s = Scrubber::new(&["abc", ""]);
        assert!(!s.is_active());
        assert_eq!(s.scrub(b"abc abc"), b"abc abc");
        let mut stream = s.stream();
        assert_eq!(&stream.push(b"abc")[..], b"abc");
        assert!(stream.finish().is_empty());
    }

    #[test]
    fn the_longest_form_wins_where_forms_overlap() {
        // The raw secret is a prefix of nothing here, but one secret can contain another.
        let s = Scrubber::new(&["token", "token-and-more"]);
        assert_eq!(s.scrub(b"x token-and-more y token z"), b"x [redacted] y [redacted] z");
    }

    /// The body cut in two at every position, and in chunks of every size: the same
    /// answer as in one piece.
    #[test]
    fn chunk_boundaries_anywhere_change_nothing() {
        let s = Scrubber::new(&[SECRET, "second-secret"]);
        let mut body = String::from("start ");
        for form in all_forms() {
            body.push_str(&form);
            body.push_str(" gap second-secret ");
        }
        body.push_str("secon");
        let body = body.into_bytes();
        let whole = s.scrub(&body);
        assert!(!String::from_utf8_lossy(&whole).contains("second-secret") && !String::from_utf8_lossy(&whole).contains("f&g"));
        // `push` and `push_shared` (which relays a chunk's final part as a slice of it
        // when it can), each on its own and alternating.
        type Push = fn(&mut ScrubStream, &[u8], usize) -> Bytes;
        let pushes: [Push; 3] = [
            |stream, chunk, _| stream.push(chunk),
            |stream, chunk, _| stream.push_shared(&Bytes::copy_from_slice(chunk)),
            |stream, chunk, i| if i % 2 == 0 { stream.push_shared(&Bytes::copy_from_slice(chunk)) } else { stream.push(chunk) },
        ];
        for (way, push) in pushes.iter().enumerate() {
            for at in 0..=body.len() {
                let mut stream = s.stream();
                let mut out = push(&mut stream, &body[..at], 0).to_vec();
                out.extend_from_slice(&push(&mut stream, &body[at..], 1));
                out.extend_from_slice(&stream.finish());
                assert_eq!(out, whole, "split at {at}, pushed the {way}th way");
            }
            for size in 1..=40 {
                let mut stream = s.stream();
                let mut out = Vec::new();
                for (i, chunk) in body.chunks(size).enumerate() {
                    out.extend_from_slice(&push(&mut stream, chunk, i));
                }
                out.extend_from_slice(&stream.finish());
                assert_eq!(out, whole, "chunks of {size}, pushed the {way}th way");
            }
        }
        // A body with no secret, in one chunk: relayed as the chunk itself.
        let clean = Bytes::from_static(b"{\"sku\":\"MX03-N-BLUE\",\"available\":4} and more text after it");
        let mut stream = s.stream();
        let first = stream.push_shared(&clean);
        assert_eq!(first.as_ptr(), clean.as_ptr(), "not copied");
        let mut out = first.to_vec();
        out.extend_from_slice(&stream.finish());
        assert_eq!(out, clean);
    }

    /// Scrub cost against a plain copy, 1 MB of JSON-like text with no secret in it (the
    /// common case): `cargo test -p commerce-proxy --release --lib scrub_throughput -- --ignored --nocapture`.
    #[test]
    #[ignore = "a measurement: run on its own, in release"]
    fn scrub_throughput() {
        use std::time::Instant;
        let body: Vec<u8> = (0..)
            .map(|i: u32| format!("{{\"sku\":\"SKU-{i:08}\",\"warehouse\":\"wh-{}\",\"qty\":{}}},", i % 8, i % 1000))
            .take(30_000)
            .flat_map(String::into_bytes)
            .collect();
        let body = &body[..1 << 20];
        let secrets = ["s2-token-SECRET-4f1c-0123456789abcdef", "partner-key-SECRET-9a2e", "stock2shop-password-SECRET-31", "eyJhbGciOiJIUzI1NiJ9.live-token"];
        let s = Scrubber::new(&secrets);
        use std::hint::black_box;
        let rounds = 1000;
        let time = |f: &mut dyn FnMut() -> usize| {
            let mut best = f64::MAX;
            for _ in 0..5 {
                let started = Instant::now();
                for _ in 0..rounds {
                    black_box(f());
                }
                best = best.min(started.elapsed().as_secs_f64());
            }
            best / f64::from(rounds)
        };
        let copy = time(&mut || body.chunks(16 * 1024).map(|c| black_box(Bytes::copy_from_slice(black_box(c))).len()).sum());
        let scrub = time(&mut || {
            let mut stream = s.stream();
            let n: usize = body.chunks(16 * 1024).map(|c| black_box(stream.push(black_box(c))).len()).sum();
            n + stream.finish().len()
        });
        let mb = body.len() as f64 / 1e6;
        println!("1 MB body in 16 KiB chunks: plain copy {:.0} MB/s, scrub ({} patterns) {:.0} MB/s", mb / copy, secrets.len() * 7, mb / scrub);
        // One relayed answer the size of the bench's (the S2 inventory overview, 8.9 KB):
        // the cached scrubber looked up, the body scrubbed in one chunk.
        let cache = Cache::default();
        let owned: Vec<String> = secrets.iter().map(|s| s.to_string()).collect();
        let small = &body[..8900];
        let per_answer = time(&mut || {
            let s = cache.get(black_box(owned.clone()));
            let mut stream = s.stream();
            stream.push(black_box(small)).len() + stream.finish().len()
        });
        let plain = time(&mut || black_box(Bytes::copy_from_slice(black_box(small))).len());
        println!("8.9 KB answer: scrub with cache lookup {:.2} µs, plain copy {:.2} µs", per_answer * 1e6, plain * 1e6);
    }
}
