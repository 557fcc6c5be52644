//! Limits the proxy enforces itself on what a client sends, so that a hostile request is
//! answered here (400 `invalid_request`, naming the limit) instead of being passed to a
//! vendor's parser, real or mocked: the crate's OData limits on `$filter`/`$orderby`
//! values, and the package's JSON depth on request bodies.
//!
//! Only limits are enforced, not grammar: a filter the crate's parser does not know but
//! the vendor accepts still goes through, and the vendor answers for its own grammar.

use commerce_kit::catalogue::ParamKind;
use commerce_kit::validate::MAX_JSON_DEPTH;
use commerce_kit::vendors::sellers_commerce::odata;

use crate::allowlist::Allowed;

/// Why a request is refused: the message names the parameter and the limit.
pub fn refusal(allowed: &Allowed, body: &[u8]) -> Option<String> {
    for (name, encoded) in &allowed.query {
        let Some(param) = allowed.endpoint.query_param(name) else { continue };
        let parsed = match param.kind {
            ParamKind::ODataFilter => odata::parse_filter(&decode(encoded)).err(),
            ParamKind::ODataOrderBy => odata::parse_orderby(&decode(encoded)).err(),
            _ => None,
        };
        if let Some(error) = parsed.filter(|e| e.limit.is_some()) {
            return Some(error.to_string());
        }
    }
    json_deeper_than(body, MAX_JSON_DEPTH).then(|| format!("the request body nests arrays and objects more than {MAX_JSON_DEPTH} levels deep"))
}

/// A value from [`Allowed::query`] (every byte but the unreserved ones is `%XX` there),
/// decoded by the allowlist's own decoder; text that is not an escape stays as it is.
fn decode(encoded: &str) -> String {
    crate::allowlist::percent_decode(encoded).unwrap_or_else(|| encoded.to_string())
}

/// Whether `body`, read as JSON, opens more than `max` arrays and objects at once;
/// brackets inside strings do not count. One pass, no recursion, no allocation: a body
/// that is not JSON at all is the vendor's to refuse.
fn json_deeper_than(body: &[u8], max: usize) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &b in body {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_depth_counts_brackets_outside_strings_only() {
        assert!(!json_deeper_than(br#"{"a":[[1]],"b":"[[[[[["}"#, 3));
        assert!(json_deeper_than(br#"{"a":[[[1]]]}"#, 3));
        assert!(!json_deeper_than(br#"{"a":"\"[[[[\\"}"#, 1));
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(json_deeper_than(deep.as_bytes(), MAX_JSON_DEPTH));
        let fine = format!("{}{}", "[".repeat(MAX_JSON_DEPTH), "]".repeat(MAX_JSON_DEPTH));
        assert!(!json_deeper_than(fine.as_bytes(), MAX_JSON_DEPTH));
    }

    #[test]
    fn query_values_decode_back_to_the_text_the_client_meant() {
        assert_eq!(decode("Total%20gt%201%20and%20Name%20eq%20%27%C3%A9%27"), "Total gt 1 and Name eq 'é'");
        assert_eq!(decode("100%"), "100%");
    }
}
