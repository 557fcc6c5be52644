//! The text handed to the engine's `JSON.parse`: ASCII, loose scalars in their declared type.

use super::*;

pub(super) fn first_char(s: &str) -> (char, usize) {
    let c = s.chars().next().unwrap_or('\u{FFFD}');
    (c, c.len_utf8())
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
/// [`LooseKind::Value`] entries have no span and are left for after parsing. Borrowed
/// when there is nothing to rewrite: an ASCII body without loose scalars (the S2
/// inventory) is handed over without a copy of its megabytes.
pub fn normalised_json<'a>(body: &'a [u8], from: usize, to: usize, loose: &[LooseValue]) -> std::borrow::Cow<'a, str> {
    if loose.iter().all(|value| value.span.is_none()) {
        return ascii_json(&body[from..to]);
    }
    let mut out = String::with_capacity(to - from + 16);
    let mut cursor = from;
    for value in loose {
        let Some((start, end)) = value.span else { continue };
        out.push_str(&ascii_json(&body[cursor..start]));
        push_normalised(&mut out, value.scalar, &body[start..end]);
        cursor = end;
    }
    out.push_str(&ascii_json(&body[cursor..to]));
    std::borrow::Cow::Owned(out)
}

/// The JSON text of one loose scalar in its declared type (`raw` is as validated: the
/// validator listed it, so it fits).
pub(super) fn push_normalised(out: &mut String, kind: LooseKind, raw: &[u8]) {
    let text = std::str::from_utf8(raw).unwrap_or_default();
    let unquoted = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(text);
    match kind {
        LooseKind::Boolean => out.push_str(if matches!(unquoted, "true" | "1") { "true" } else { "false" }),
        LooseKind::Text => out.push_str("\"\""),
        // As `JSON.parse` would read the digits if they were not quoted; a spelling that
        // is not a JSON number (`"+5"`, `"1."`, `"007"`) is written as the double it means.
        LooseKind::Integer | LooseKind::Number if is_json_number(unquoted.as_bytes()) => out.push_str(unquoted),
        // Its own digits in JSON's spelling: the same decimal, so the same double. Not
        // `f64` printed back: that links core's float printer (flt2dec, ~11 KB of
        // WebAssembly) into the package for these rare spellings.
        LooseKind::Integer | LooseKind::Number => match unquoted.parse::<f64>() {
            Ok(v) if v.is_finite() => push_json_number(out, unquoted),
            _ => out.push_str("null"),
        },
        LooseKind::Value => out.push_str(text),
    }
}

/// A decimal that Rust's `f64` parser accepted and found finite (`[+-]digits[.digits][e[+-]digits]`,
/// either side of the point possibly empty) written as RFC 8259 spells it: no `+` sign,
/// no leading zeros, a digit on both sides of a point, or no point.
fn push_json_number(out: &mut String, text: &str) {
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => unsigned.split_at(at),
        None => (unsigned, ""),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if negative {
        out.push('-');
    }
    let whole = whole.trim_start_matches('0');
    out.push_str(if whole.is_empty() { "0" } else { whole });
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    out.push_str(exponent);
}

/// RFC 8259's `number`.
pub(super) fn is_json_number(b: &[u8]) -> bool {
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

#[cfg(test)]
mod number_text_tests {
    use super::{is_json_number, push_normalised};
    use crate::validate::LooseKind;

    fn written(raw: &str) -> String {
        let mut out = String::new();
        push_normalised(&mut out, LooseKind::Number, raw.as_bytes());
        out
    }

    /// A loose number that is not JSON's spelling is written as its own digits made
    /// JSON-valid (not parsed to `f64` and printed back, which links the float printer
    /// into the package), and means the same double `JSON.parse` will read.
    #[test]
    fn a_number_spelled_otherwise_is_written_as_its_digits_in_json_spelling() {
        for (raw, text) in [
            ("\"+5\"", "5"),
            ("\"1.\"", "1"),
            ("\"007\"", "7"),
            ("\"-007.50\"", "-7.50"),
            ("\".5\"", "0.5"),
            ("\"-.5e3\"", "-0.5e3"),
            ("\"+1.E+05\"", "1E+05"),
            ("\"00\"", "0"),
            ("\"-0.\"", "-0"),
            ("\"12.50\"", "12.50"),
            ("\"+12345678901234567890123\"", "12345678901234567890123"),
        ] {
            assert_eq!(written(raw), text, "{raw}");
        }
    }

    #[test]
    fn the_written_number_is_json_and_the_same_double_or_null() {
        let odd = [
            "+5",
            "1.",
            "007",
            "-007.50",
            ".5",
            "-.5e3",
            "+1.E+05",
            "00",
            "-0.",
            "+0.1e-400",
            "+1e400",
            "-1.e309",
            "inf",
            "-infinity",
            "NaN",
            "+nan",
            "1e",
            "--1",
            "",
            "+",
            ".",
            "1_000",
            " 5",
            "0x10",
            "1.5.2",
            "+.e1",
        ];
        for raw in odd {
            let out = written(&format!("\"{raw}\""));
            match raw.parse::<f64>() {
                Ok(value) if value.is_finite() => {
                    assert!(is_json_number(out.as_bytes()), "{raw} -> {out}");
                    let back: f64 = out.parse().unwrap();
                    assert_eq!(back.to_bits(), value.to_bits(), "{raw} -> {out}");
                }
                _ => assert_eq!(out, "null", "{raw}"),
            }
        }
    }
}
