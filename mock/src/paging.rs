//! `next_token` pagination: pages of [`PAGE_SIZE`] with tokens that clients must treat
//! as opaque.
//!
//! A token is the URL-safe base64 of `<list>:<offset>`. Naming the list makes a token of
//! one list useless for another (a client mixing them up gets a 400, not a wrong page);
//! URL-safe base64 without padding needs no percent-encoding in a query string, so the
//! token a client received is byte for byte the one it sends back.
//!
//! Lists only grow (nothing is deleted) and new objects are appended, so an offset stays
//! valid while a client pages: a create during the walk shows up on the last page.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// Objects per page.
pub const PAGE_SIZE: usize = 50;

/// The page of `items` that `token` points at (the first page without one) and the
/// token of the page after it, `None` on the last page. The error message names the
/// parameter, for a 400.
pub(crate) fn page<'a, T>(items: &'a [T], list: &str, token: Option<&str>) -> Result<(&'a [T], Option<String>), String> {
    let start = match token {
        None => 0,
        Some(token) => {
            decode(list, token).filter(|&offset| offset <= items.len()).ok_or_else(|| format!("next_token: {token:?} is not a token of this list"))?
        }
    };
    let end = items.len().min(start + PAGE_SIZE);
    let next = (end < items.len()).then(|| encode(list, end));
    Ok((&items[start..end], next))
}

fn encode(list: &str, offset: usize) -> String {
    URL_SAFE_NO_PAD.encode(format!("{list}:{offset}"))
}

fn decode(list: &str, token: &str) -> Option<usize> {
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(token).ok()?).ok()?;
    let (named, offset) = text.split_once(':')?;
    (named == list).then_some(())?;
    offset.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_follow_their_tokens_to_the_end() {
        let items: Vec<u32> = (0..120).collect();
        let (first, token) = page(&items, "fulfillment", None).unwrap();
        assert_eq!((first.len(), first[0]), (50, 0));
        let token = token.unwrap();
        assert!(token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{token}");
        let (second, token) = page(&items, "fulfillment", Some(&token)).unwrap();
        assert_eq!(second[0], 50);
        let (last, token) = page(&items, "fulfillment", Some(&token.unwrap())).unwrap();
        assert_eq!((last.len(), last[0], token), (20, 100, None));
    }

    #[test]
    fn a_list_of_exactly_one_page_has_no_next_token() {
        let items = [0u8; PAGE_SIZE];
        assert_eq!(page(&items, "product", None).unwrap().1, None);
        assert_eq!(page::<u8>(&[], "product", None).unwrap(), (&[][..], None));
    }

    #[test]
    fn foreign_forged_and_garbled_tokens_are_refused() {
        let items = [0u8; 80];
        let product_token = page(&items, "product", None).unwrap().1.unwrap();
        for bad in [product_token.as_str(), "not base64!", "Zm9v", &encode("fulfillment", 81), &URL_SAFE_NO_PAD.encode("fulfillment:x")] {
            let err = page(&items, "fulfillment", Some(bad)).unwrap_err();
            assert!(err.starts_with("next_token: "), "{err}");
        }
    }
}
