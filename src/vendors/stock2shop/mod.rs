//! Stock2Shop (seed `stock2shop-api.txt`): a JSON REST API for the products, images and
//! orders that distributors sync between their ERP and their sales channels.
//!
//! # Two base URLs
//!
//! The catalogue paths carry their API's prefix, so they are relative to the host:
//!
//! - [`APP_BASE_URL`] (`https://app.stock2shop.com`): the original `/v1/...` API (users,
//!   sources, channels, products, images, order search);
//! - [`QUEUE_BASE_URL`] (`https://api.stock2shop.com`): the `/v2-queue/...` API that puts
//!   work on a queue (`POST /v2-queue/order`).
//!
//! [`base_url`] picks the right one for an operation.
//!
//! # The token
//!
//! Every call but the two user calls carries `?token=<token>`. A token comes from
//! `POST /v1/users/authenticate` with a username and password (`system_user.token` of
//! the answer); the document calls it "ephemeral, meaning it could expire, in which case
//! you should authenticate again", gives it no stated lifetime, and offers
//! `GET /v1/users/valid_token/{token}` to check one. Only the proxy holds the
//! credentials and the token:
//!
//! - `stock2shop.authenticate` and `stock2shop.valid_token` are
//!   [`Auth::CredentialExchange`](crate::catalogue::Auth::CredentialExchange): the proxy
//!   runs them itself, the browser never does (their responses carry the token);
//! - every other operation is [`Auth::SessionToken`](crate::catalogue::Auth::SessionToken):
//!   the `token!` the endpoint list gives those operations is the vendor's parameter that
//!   the proxy injects ([`with_token`]), so it is deliberately NOT declared as a query
//!   parameter. The builders never add it, and the proxy's allowlist drops a `token` a
//!   browser sends, because only declared parameters pass.
//!
//! # Loose scalars
//!
//! Stock2Shop spells numbers and booleans sometimes as strings: `"rate": "15"`,
//! `"size": "10"`, `"product_active": "true"`, `"channel_id": "47"`; its own published
//! records (`tests/fixtures/real/stock2shop/`) add `"price": "101.00"` and flags as `1`.
//! Decided per field, erring on what a PHP back end plausibly sends, and declared
//! `#[wire(loose)]` with a [`crate::loose`] decoder:
//!
//! - loose: every flag (`active` of products, variants, images, sources, channels and
//!   users, `admin`, `inventory_management`: `true`, `"true"`, `1`, `"1"`); every amount
//!   (variant and tier prices, order totals, line, tax and shipping amounts, `rate`);
//!   every count (`qty`, `grams`, `position`, `size`); and the ids seen as strings
//!   (`channel_id`, `source_id`);
//! - strict: the other ids (`id`, `client_id`, `product_id`, `variant_id`, `image_id`,
//!   `customer_id`), since an id is sent back and every record seen has them as numbers;
//!   what Elasticsearch itself writes (`took`, `timed_out`, `_shards`, `max_score`), a
//!   JSON serialiser's output; and the queue answers' counts (`sync_product`,
//!   `sync_image`), only ever seen as numbers;
//! - `hits.total` is a number or Elasticsearch 7's `{"value": N, "relation": "eq"}`,
//!   normalised to the number ([`crate::schema::Schema::Counted`]).
//!
//! A string where an object or a list is expected is always refused. The request bodies
//! send loose fields in the spelling the seed's examples use; the mock answers flags of
//! sources, channels and users as `1`/`0`, as the seed does.
//!
//! # Rate limit
//!
//! "We recommend not more than 1 request per second"; beyond that the vendor answers
//! `429 Too Many Requests`. The proxy paces the vendor to that rate.
//!
//! # Errors
//!
//! The document shows no error body. The mock answers `{"errors": "<message>"}`.

pub mod channels;
pub mod images;
pub mod orders;
pub mod products;
pub mod search;
pub mod sources;
pub mod users;

use crate::catalogue::Endpoint;
use crate::request::{FieldErrors, Request};

use channels::SystemChannels;
use images::{QueueImagesBody, QueueImagesResponse};
use orders::{QueueOrderResponse, SystemOrderSearch};
use products::{QueueProductsBody, QueueProductsResponse, SystemProductSearch};
use search::EsSearch;
use sources::SystemSources;
use users::{AuthenticateBody, SystemUserResponse};

// Every Stock2Shop operation. `token` is injected by the proxy (see above), so no
// operation declares it. The user calls carry credentials, the searches and queues
// check their bodies: their builders and bindings are hand-written.
commerce_kit_derive::operations! {
    vendor = Stock2shop;
    auth = SessionToken;
    client = crate::wasm::stock2shop::Stock2ShopClient;

    /// Log in with a username and password for a token (proxy only)
    authenticate: POST "/v1/users/authenticate" -> SystemUserResponse {
        query: [format?: Text],
        body: AuthenticateBody,
        auth: CredentialExchange,
        // A login has no effect but a new token: sending it twice is harmless.
        duplicates: Harmless,
        manual,
    }

    /// Check whether a token is still valid (proxy only)
    valid_token: GET "/v1/users/valid_token/{token}" -> SystemUserResponse {
        path: [token: Text],
        query: [format?: Text],
        auth: CredentialExchange,
        manual,
    }

    /// Every source (ERP) of the account, master and linked
    /// An `id` is the `sourceId` of `queueProducts`. (The seed's "HTTP Request" line says
    /// `POST`; its example and heading say `GET`, which the catalogue follows.)
    list_sources: GET "/v1/sources" -> SystemSources {
        query: [format = "json"],
        records,
    }

    /// Every sales channel of the account
    /// `client_id` and `id` are what `queueOrder` takes.
    list_channels: GET "/v1/channels" -> SystemChannels {
        query: [format = "json"],
        records,
    }

    /// Search products with an Elasticsearch bool query (live records in system_products)
    search_products: POST "/v1/products/elastic_search" -> SystemProductSearch {
        body: EsSearch,
        records,
        // A search changes nothing: safe to retry although it is a POST.
        duplicates: Harmless,
        manual,
    }

    /// Queue products (with their variant) from a source for processing
    queue_products: POST "/v1/products/queue" -> QueueProductsResponse {
        duplicates: LookupAfter("stock2shop.search_products"),
        query: [source_id: Integer],
        body: QueueProductsBody,
        // Each send queues the products again.
        manual,
    }

    /// Queue base64 product images (JPEG or PNG, at most 2 MB each) for processing
    queue_images: POST "/v1/images/queue" -> QueueImagesResponse {
        duplicates: Undetectable,
        body: QueueImagesBody,
        manual,
    }

    /// Search orders with an Elasticsearch bool query (live records in system_orders)
    search_orders: POST "/v1/orders/elastic_search" -> SystemOrderSearch {
        body: EsSearch,
        records,
        // A search changes nothing: safe to retry although it is a POST.
        duplicates: Harmless,
        manual,
    }

    /// Queue a channel's order payload (any JSON object) for processing
    queue_order: POST "/v2-queue/order" -> QueueOrderResponse {
        duplicates: LookupAfter("stock2shop.search_orders"),
        query: [client_id: Integer, channel_id: Integer],
        body: serde_json::Value,
        manual,
    }
}

/// The host of the `/v1/...` API ("our original monolith based API").
pub const APP_BASE_URL: &str = "https://app.stock2shop.com";

/// The host of the `/v2-queue/...` API (queues and workers).
pub const QUEUE_BASE_URL: &str = "https://api.stock2shop.com";

/// The vendor's name for the token query parameter (see the module documentation).
pub const TOKEN_PARAM: &str = "token";

/// The value of the `format` parameter that the `/v1` examples always pass.
pub const FORMAT_JSON: &str = "json";

/// The host an operation's path is relative to: [`QUEUE_BASE_URL`] for `/v2-queue/...`,
/// [`APP_BASE_URL`] for the rest.
pub fn base_url(endpoint: &Endpoint) -> &'static str {
    if endpoint.path.starts_with("/v2-queue/") {
        QUEUE_BASE_URL
    } else {
        APP_BASE_URL
    }
}

/// Adds `token=<token>` to a built request, for the holder of the token (the proxy, or
/// a native program that logs in itself). The browser never calls this.
pub fn with_token(mut request: Request, token: &str) -> Request {
    request.query.retain(|(name, _)| name != TOKEN_PARAM);
    request.query.push((TOKEN_PARAM.to_string(), token.to_string()));
    request
}

/// An id that must be a positive integer (`source_id`, `client_id`, `channel_id`).
pub(crate) fn positive_id(errors: &mut FieldErrors, field: &str, value: i64) {
    if value < 1 {
        errors.push(field, format!("must be a positive id, got {value}"));
    }
}

/// Strict standard base64 (RFC 4648 section 4): the `A-Z a-z 0-9 + /` alphabet, a length
/// that is a multiple of 4, `=` padding only at the end and only as much as needed, the
/// unused bits of the last group zero, and no whitespace, line breaks or `data:` prefix.
/// `Err` says what is wrong, for a field error.
pub fn decode_base64(text: &str) -> Result<Vec<u8>, String> {
    const INVALID: u8 = 0xff;
    const fn table() -> [u8; 256] {
        let mut t = [INVALID; 256];
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut i = 0;
        while i < 64 {
            t[alphabet[i] as usize] = i as u8;
            i += 1;
        }
        t
    }
    static TABLE: [u8; 256] = table();

    let bytes = text.as_bytes();
    if text.starts_with("data:") {
        return Err("is a data: URL; send only the base64 text after the comma".into());
    }
    if bytes.is_empty() {
        return Err("is empty".into());
    }
    if bytes.len() % 4 != 0 {
        return Err(format!("is not base64: its length ({}) is not a multiple of 4", bytes.len()));
    }
    let padding = bytes.iter().rev().take(2).take_while(|&&b| b == b'=').count();
    let data = &bytes[..bytes.len() - padding];
    if let Some(at) = data.iter().position(|&b| TABLE[b as usize] == INVALID) {
        let shown = text[at..].chars().next().unwrap_or('?');
        return Err(format!("is not base64: {shown:?} at position {at}"));
    }
    let mut out = Vec::with_capacity(data.len() / 4 * 3 + 2);
    let mut chunks = data.chunks_exact(4);
    for chunk in &mut chunks {
        let n = chunk.iter().fold(0u32, |n, &b| (n << 6) | u32::from(TABLE[b as usize]));
        out.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8]);
    }
    let rest = chunks.remainder();
    let n = rest.iter().fold(0u32, |n, &b| (n << 6) | u32::from(TABLE[b as usize]));
    match rest.len() {
        0 => {}
        2 if n & 0xf == 0 => out.push((n >> 4) as u8),
        3 if n & 0x3 == 0 => out.extend_from_slice(&[(n >> 10) as u8, (n >> 2) as u8]),
        _ => return Err("is not base64: non-zero bits in its last character".into()),
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Operation;

    #[test]
    fn base64_decodes_what_the_rfc_defines() {
        for (text, want) in [("", None), ("Zg==", Some("f")), ("Zm8=", Some("fo")), ("Zm9v", Some("foo")), ("Zm9vYmFy", Some("foobar"))] {
            assert_eq!(decode_base64(text).ok().map(|b| String::from_utf8(b).unwrap()), want.map(String::from), "{text}");
        }
        let seed = decode_base64("iVBORw0KGgoAAAANSUhEUgAAAAUAAAAFCAYAAACNbyblAAAAHElEQVQI12P4").unwrap();
        assert_eq!(&seed[..8], b"\x89PNG\r\n\x1a\n");
        let all: Vec<u8> = (0..=255).collect();
        let encoded = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+AgYKDhIWGh4iJiouMjY6PkJGSk5SVlpeYmZqbnJ2en6ChoqOkpaanqKmqq6ytrq+wsbKztLW2t7i5uru8vb6/wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t/g4eLj5OXm5+jp6uvs7e7v8PHy8/T19vf4+fr7/P3+/w==";
        assert_eq!(decode_base64(encoded).unwrap(), all);
    }

    #[test]
    fn base64_refuses_the_near_misses() {
        for (text, why) in [
            ("Zm9", "length (3) is not a multiple of 4"),
            ("Zm9v\n", "length (5)"),
            ("Zm 9", "' ' at position 2"),
            ("Zm-_", "'-' at position 2"),
            ("Z===", "'=' at position 1"),
            ("Zg=a", "'=' at position 2"),
            ("=Zm9", "'=' at position 0"),
            ("Zh==", "non-zero bits"),
            ("Zm9=", "non-zero bits"),
            ("data:image/png;base64,iVBO", "data: URL"),
            ("Zm9vYg", "length (6)"),
        ] {
            let err = decode_base64(text).unwrap_err();
            assert!(err.contains(why), "{text}: {err}");
        }
    }

    #[test]
    fn the_token_is_added_by_its_holder_only() {
        let request = sources::ListSources::new().build().unwrap();
        assert!(request.query.iter().all(|(name, _)| name != TOKEN_PARAM));
        let request = with_token(with_token(request, "old"), "t/1");
        assert_eq!(request.path_and_query(), "/v1/sources?format=json&token=t%2F1");
        for endpoint in crate::catalogue::endpoints().iter().filter(|e| e.vendor == crate::Vendor::Stock2shop) {
            assert!(endpoint.query_param(TOKEN_PARAM).is_none(), "{}", endpoint.id);
        }
    }

    #[test]
    fn each_operation_has_its_host() {
        assert_eq!(base_url(&orders::QUEUE_ORDER), QUEUE_BASE_URL);
        assert_eq!(base_url(&orders::SEARCH_ORDERS), APP_BASE_URL);
        assert_eq!(base_url(&users::AUTHENTICATE), APP_BASE_URL);
    }
}
