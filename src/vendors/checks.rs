//! Request-body checks shared by the vendor modules: one wording per rule, so that the
//! same mistake reads the same whatever the vendor.
//!
//! Each check pushes onto a [`FieldErrors`] and returns nothing: a body's `check()`
//! calls them all and so reports every problem at once. Field paths use the vendor's
//! wire names (`items[2].quantity`, `address.countryId`).

use crate::request::{FieldError, FieldErrors};

/// A documented-required text field: present (the type makes sure) and not blank.
pub fn required_text(errors: &mut FieldErrors, field: &str, value: &str) {
    if value.trim().is_empty() {
        errors.push(field, "is required and must not be empty");
    }
}

/// A list the operation needs at least one entry of (`items`).
pub fn at_least_one(errors: &mut FieldErrors, field: &str, len: usize) {
    if len == 0 {
        errors.push(field, "must contain at least one item");
    }
}

/// A quantity of goods: a positive count.
pub fn quantity(errors: &mut FieldErrors, field: &str, value: i64) {
    if value < 1 {
        errors.push(field, format!("must be at least 1, got {value}"));
    }
}

/// An ISO 3166-1 alpha-2 country code: exactly two ASCII uppercase letters (`"US"`).
/// Only the shape is checked; whether the code is assigned is the vendor's call.
pub fn country_code(errors: &mut FieldErrors, field: &str, value: &str) {
    if !(value.len() == 2 && value.bytes().all(|b| b.is_ascii_uppercase())) {
        errors.push(field, format!("must be an ISO 3166-1 alpha-2 country code (two uppercase letters, e.g. \"US\"), got {value:?}"));
    }
}

/// An RFC 3339 date-time (`2022-09-30T21:06:03.806Z`).
pub fn rfc3339(errors: &mut FieldErrors, field: &str, value: &str) {
    if !is_rfc3339(value) {
        errors.push(field, format!("must be an RFC 3339 date-time (e.g. \"2022-09-30T21:06:03Z\"), got {value:?}"));
    }
}

/// The errors collected so far, for `RequestBuilder::field_errors`.
pub fn into_vec(errors: FieldErrors) -> Vec<FieldError> {
    errors.into_result(()).err().unwrap_or_default()
}

/// Strict RFC 3339 `date-time` (section 5.6):
/// `YYYY-MM-DD` `T` `hh:mm:ss` [`.` digits] (`Z` | `+hh:mm` | `-hh:mm`).
/// `T` and `Z` may be lower case (the RFC allows it); a space instead of `T`, a missing
/// offset, a missing seconds field or an impossible date (`2023-02-29`) are rejected.
/// A leap second (`:60`) is accepted only at minute 59.
pub fn is_rfc3339(value: &str) -> bool {
    let b = value.as_bytes();
    let digits = |from: usize, len: usize| -> Option<u32> {
        let part = b.get(from..from + len)?;
        part.iter().all(u8::is_ascii_digit).then(|| part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);

    // full-date
    let (Some(year), Some(month), Some(day)) = (digits(0, 4), digits(5, 2), digits(8, 2)) else { return false };
    let date_ok = at(4, b'-') && at(7, b'-') && (1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day);
    if !date_ok {
        return false;
    }
    if !(at(10, b'T') || at(10, b't')) {
        return false;
    }
    // partial-time
    let (Some(hour), Some(minute), Some(second)) = (digits(11, 2), digits(14, 2), digits(17, 2)) else { return false };
    let time_ok = at(13, b':') && at(16, b':') && hour <= 23 && minute <= 59 && (second <= 59 || (second == 60 && minute == 59));
    if !time_ok {
        return false;
    }
    let mut i = 19;
    if at(i, b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    // time-offset
    match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            let (Some(oh), Some(om)) = (digits(i + 1, 2), digits(i + 4, 2)) else { return false };
            at(i + 3, b':') && oh <= 23 && om <= 59 && i + 6 == b.len()
        }
        _ => false,
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(check: impl FnOnce(&mut FieldErrors)) -> Vec<String> {
        let mut errors = FieldErrors::new();
        check(&mut errors);
        into_vec(errors).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn rfc3339_accepts_the_documented_shapes() {
        for ok in [
            "2022-09-30T21:06:03.806Z",
            "2022-09-30T21:06:03Z",
            "2022-09-30t21:06:03z",
            "2024-06-04T05:53:31.054574Z",
            "2024-02-29T00:00:00+05:30",
            "2000-02-29T23:59:59-00:00",
            "1990-12-31T23:59:60Z",
        ] {
            assert!(is_rfc3339(ok), "{ok}");
        }
    }

    #[test]
    fn rfc3339_rejects_near_misses() {
        for bad in [
            "",
            "2022-09-30",
            "2022-09-30 21:06:03Z",
            "2022-09-30T21:06:03",
            "2022-09-30T21:06Z",
            "2022-09-30T21:06:03.Z",
            "2022-09-30T21:06:03+0100",
            "2022-09-30T21:06:03+01",
            "2022-09-30T21:06:03Zx",
            "2022-9-30T21:06:03Z",
            "2022-13-01T00:00:00Z",
            "2022-00-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2022-04-31T00:00:00Z",
            "2022-09-30T24:00:00Z",
            "2022-09-30T23:60:00Z",
            "2022-09-30T23:58:60Z",
            "2022-09-30T21:06:03+24:00",
            "２０22-09-30T21:06:03Z",
            "string",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
    }

    #[test]
    fn messages_name_the_field_and_the_value() {
        assert_eq!(
            run(|e| {
                country_code(e, "address.countryId", "usa");
                quantity(e, "items[0].quantity", 0);
                rfc3339(e, "eta", "tomorrow");
                required_text(e, "items[1].sku", " ");
                at_least_one(e, "items", 0);
            }),
            vec![
                "address.countryId: must be an ISO 3166-1 alpha-2 country code (two uppercase letters, e.g. \"US\"), got \"usa\"",
                "items[0].quantity: must be at least 1, got 0",
                "eta: must be an RFC 3339 date-time (e.g. \"2022-09-30T21:06:03Z\"), got \"tomorrow\"",
                "items[1].sku: is required and must not be empty",
                "items: must contain at least one item",
            ]
        );
    }

    #[test]
    fn country_codes_are_exactly_two_ascii_uppercase_letters() {
        for ok in ["US", "CA", "CN", "AU"] {
            assert!(run(|e| country_code(e, "c", ok)).is_empty(), "{ok}");
        }
        for bad in ["", "U", "us", "Us", "USA", "U1", " US", "ÜS"] {
            assert_eq!(run(|e| country_code(e, "c", bad)).len(), 1, "{bad}");
        }
    }

    #[test]
    fn quantities_start_at_one() {
        assert!(run(|e| quantity(e, "q", 1)).is_empty());
        assert_eq!(run(|e| quantity(e, "q", -2)), vec!["q: must be at least 1, got -2"]);
    }
}
