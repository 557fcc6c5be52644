//! The byte scanner: eight bytes at a time (SWAR) where a loop would go byte by byte.

pub(super) const ONES: u64 = 0x0101_0101_0101_0101;
pub(super) const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The index of the first byte at or after `i` that is '"', '\\' or below 0x20 (or
/// `bytes.len()`), eight bytes at a time: the hot loop of every string.
#[inline(always)]
pub(super) fn skip_plain(bytes: &[u8], mut i: usize) -> usize {
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

/// The index of the first byte at or after `i` that is not ASCII (or `bytes.len()`).
#[inline(always)]
pub(super) fn ascii_run_end(bytes: &[u8], mut i: usize) -> usize {
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

/// `a == b` for two slices of the same length, eight bytes at a time (keys are short:
/// a call to `memcmp`, byte by byte in wasm, costs more than the comparison).
#[inline(always)]
pub(super) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut a8, mut b8) = (a.chunks_exact(8), b.chunks_exact(8));
    for (x, y) in (&mut a8).zip(&mut b8) {
        if u64::from_le_bytes(x.try_into().unwrap()) != u64::from_le_bytes(y.try_into().unwrap()) {
            return false;
        }
    }
    // The last 0-7 bytes in at most three compares (4, 2, 1 bytes), not a byte loop:
    // most wire names are shorter than 8 bytes or end in such a tail.
    let (mut a, mut b) = (a8.remainder(), b8.remainder());
    if a.len() >= 4 {
        if u32::from_le_bytes(a[..4].try_into().unwrap()) != u32::from_le_bytes(b[..4].try_into().unwrap()) {
            return false;
        }
        (a, b) = (&a[4..], &b[4..]);
    }
    if a.len() >= 2 {
        if u16::from_le_bytes(a[..2].try_into().unwrap()) != u16::from_le_bytes(b[..2].try_into().unwrap()) {
            return false;
        }
        (a, b) = (&a[2..], &b[2..]);
    }
    a.first() == b.first()
}
