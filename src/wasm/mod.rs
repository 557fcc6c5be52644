//! The thin browser binding: the JS `Client`, its error class and the validator entry
//! points. Everything here converts between JS and the pure core; no API knowledge
//! lives here beyond one method per operation.

#[cfg(feature = "s2-partner")]
mod pages;
#[cfg(feature = "s2")]
pub(crate) mod s2;
#[cfg(feature = "s2-partner")]
pub(crate) mod s2_partner;
#[cfg(feature = "sellers-commerce")]
pub(crate) mod sellers_commerce;
mod session;
#[cfg(feature = "stock2shop")]
pub(crate) mod stock2shop;
mod stream;
mod transport;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::AbortSignal;

use crate::error::Error;
use crate::request::{FieldError, FromArgument, Request};
use crate::schema::Wire;
use crate::validate::{LooseKind, PathSegment, Report};
#[cfg(feature = "s2")]
use crate::vendors::s2::inventory::{GetInventoryOverview, GET_INVENTORY_OVERVIEW};
pub use stream::ResponseDecoder;
use transport::Transport;

#[wasm_bindgen(module = "/src/wasm/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = CommerceKitError)]
    type CommerceKitError;
    #[wasm_bindgen(constructor, js_class = "CommerceKitError")]
    fn new(
        code: &str,
        message: &str,
        status: Option<u16>,
        details: JsValue,
        request_id: Option<String>,
        operation: Option<&str>,
        vendor: Option<&str>,
    ) -> CommerceKitError;
}

#[wasm_bindgen]
extern "C" {
    /// `ClientOptions` (declared below) as a Rust parameter type.
    #[wasm_bindgen(typescript_type = "ClientOptions")]
    pub type ClientOptionsArg;
    /// `CallOptions` (declared below) as a Rust parameter type.
    #[wasm_bindgen(typescript_type = "CallOptions")]
    pub type CallOptionsArg;
}

#[wasm_bindgen(typescript_custom_section)]
const TS_CLIENT_TYPES: &str = r#"
/** Options of `new Client(...)`. */
export interface ClientOptions {
    /** The proxy's origin, e.g. "http://127.0.0.1:8080"; "" (the default) for the page's own origin. Required outside a browser page (Node). */
    baseUrl?: string;
    /** Per-request timeout in milliseconds (default 100000: longer than the proxy's 90 s whole-request limit, so its `proxy_timeout` error reaches you). */
    timeoutMs?: number;
    /** Send the proxy session cookie cross-origin too (default: same-origin only). */
    includeCredentials?: boolean;
    /**
     * The `fetch` to call instead of the global one: a cookie-jar wrapper, an instrumented
     * or mocked fetch. Called as `fetch(url, init)` with a string URL.
     */
    fetch?: (url: string, init: FetchInit) => Promise<FetchResponse>;
    /**
     * Headers sent on every request, e.g. `{ cookie: "commerce_session=..." }` to act for
     * a signed-in user from a server, or credentials for a gateway in front of the proxy.
     */
    headers?: Record<string, string>;
    /** Called when a response carries keys the schema does not declare (vendor drift). */
    onDrift?: (drift: DriftReport) => void;
}

/** What the client passes to the `fetch` option. */
export interface FetchInit {
    method: string;
    headers: Record<string, string>;
    credentials: "same-origin" | "include";
    body?: string;
    signal?: AbortSignal;
}

/** What the client reads of a `fetch` answer (a `Response` has all of it). */
export interface FetchResponse {
    readonly status: number;
    readonly ok: boolean;
    readonly headers: { get(name: string): string | null; has(name: string): boolean };
    readonly body: { getReader(): unknown } | null;
    text(): Promise<string>;
}

/** Options of one call. */
export interface CallOptions {
    signal?: AbortSignal;
    timeoutMs?: number;
}

export interface DriftReport {
    operation: string;
    /** JSON paths of undeclared keys, e.g. "$.items[0].level.allocated". */
    paths: string[];
}

/** The stable machine-readable code of a `CommerceKitError`: one per variant of the Rust error enum. */
export type ErrorCode = ErrorDetails["code"];

export interface ValidationIssue { path: string; expected: string; found: string }
export interface ValidationReport {
    errors: ValidationIssue[];
    unlistedErrors: number;
    drift: string[];
    /** Undeclared keys met after the first 1000 drift paths, counted. */
    unlistedDrift: number;
}

/** A record of a list that did not validate: left out of the typed value, reported here. */
export interface RejectedRecord {
    /** Its index in the list as the vendor sent it. */
    index: number;
    /** The JSON path of the list, e.g. "$.items" ("$" for a top-level array). */
    path: string;
    /** What is wrong, each with its full path, e.g. "$.items[3].price". */
    errors: ValidationIssue[];
    /** Errors beyond the 20 listed, counted. */
    unlistedErrors: number;
    /** The record's JSON text as sent (at most 4 KiB). */
    raw: string;
    /** `raw` was cut at 4 KiB. */
    rawTruncated: boolean;
}

/**
 * A list-shaped response (a top-level array, or a page/search holding a list of
 * records): records that validated, typed, and the ones that did not, beside them.
 * `partial`, `rejected` and `unlistedRejected` are non-enumerable: `JSON.stringify`
 * and spreading see the vendor's data only.
 */
export type Checked<T> = T & {
    /** Some records were left out (`rejected.length + unlistedRejected > 0`). */
    readonly partial: boolean;
    /** The first 100 records left out. */
    readonly rejected: RejectedRecord[];
    /** Records left out beyond the 100 listed, counted. */
    readonly unlistedRejected: number;
};

/**
 * The records of every page, for `for await`. A record that does not validate does not
 * end the iteration: it is skipped and added to `rejected` (and `unlistedRejected` counts
 * those past each page's first 100), so check `rejected` during or after the loop.
 */
export interface PagedIterable<T> extends AsyncIterable<T> {
    readonly rejected: RejectedRecord[];
    readonly unlistedRejected: number;
    /** How many pages were fetched so far: with the records seen, a loop's progress. */
    readonly pages: number;
}

/** Every operation id the package knows, e.g. `"s2.get_inventory_overview"`. */
export type OperationId = keyof ResponseTypes;

/** What `decodeResponse(id, body)` (and the operation's method) resolve with. */
export type ResponseOf<Id extends OperationId> = ResponseTypes[Id];

/**
 * The decode path of every call, for bytes obtained elsewhere (a cache, a Worker, a
 * test): validates `body` for the operation, parses it with the engine's `JSON.parse`,
 * normalises loose scalars, and returns the typed value; throws the `CommerceKitError` a
 * call would reject with. A list-shaped value leaves out the records that did not
 * validate and carries `partial`, `rejected` and `unlistedRejected` (see `Checked`).
 */
export function decodeResponse<Id extends OperationId>(operationId: Id, body: Uint8Array): ResponseOf<Id>;

/**
 * Decodes a response body that arrives in chunks: `push` each chunk as it comes (from
 * `response.body.getReader()`), then `finish()` returns what `decodeResponse` returns
 * for the whole body or throws the same `CommerceKitError`.
 */
export class ResponseDecoder<Id extends OperationId = OperationId> {
    free(): void;
    [Symbol.dispose](): void;
    /** `expectedLength`: the body's size if known (Content-Length), to allocate once. */
    constructor(operationId: Id, expectedLength?: number | null);
    /** The next chunk of the body. */
    push(chunk: Uint8Array): void;
    /** The end of the body: the validated, typed value. */
    finish(): ResponseOf<Id>;
}

export interface EndpointInfo {
    vendor: "s2_partner" | "s2" | "stock2shop" | "sellers_commerce";
    id: OperationId;
    summary: string;
    method: "GET" | "POST" | "PUT" | "DELETE";
    path: string;
    idempotent: boolean;
}
"#;

/// A client for the commerce-kit proxy.
#[wasm_bindgen]
pub struct Client {
    inner: Caller,
    #[cfg(feature = "s2")]
    s2: JsValue,
    #[cfg(feature = "s2-partner")]
    s2_partner: JsValue,
    #[cfg(feature = "sellers-commerce")]
    sellers_commerce: JsValue,
    #[cfg(feature = "stock2shop")]
    stock2shop: JsValue,
}

/// What every vendor's sub-client needs to make a call.
#[derive(Clone)]
pub(crate) struct Caller {
    transport: Transport,
    on_drift: Option<js_sys::Function>,
}

#[wasm_bindgen]
impl Client {
    /// A client of the proxy at `options.baseUrl` (default: the page's own origin);
    /// throws `invalid_request` naming each bad option.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<ClientOptionsArg>) -> Result<Client, JsValue> {
        let options: JsValue = options.map(Into::into).unwrap_or(JsValue::UNDEFINED);
        let get = |key: &str| {
            if options.is_object() {
                js_sys::Reflect::get(&options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
            } else {
                JsValue::UNDEFINED
            }
        };
        let mut field_errors = Vec::new();
        let base_url = match get("baseUrl") {
            v if v.is_undefined() || v.is_null() => String::new(),
            v => match v.as_string() {
                Some(s) => s.trim_end_matches('/').to_string(),
                None => {
                    field_errors.push(FieldError { field: "baseUrl".into(), message: "expected a string".into() });
                    String::new()
                }
            },
        };
        let timeout_ms = match get("timeoutMs") {
            v if v.is_undefined() || v.is_null() => crate::request::DEFAULT_TIMEOUT_MS,
            v => match v.as_f64() {
                Some(ms) if (1.0..=3_600_000.0).contains(&ms) => ms as u32,
                _ => {
                    field_errors.push(FieldError { field: "timeoutMs".into(), message: "expected milliseconds between 1 and 3600000".into() });
                    0
                }
            },
        };
        // "" means the page's own origin; without a page (Node) there is nothing to be
        // relative to, and fetch would fail later with a bare "Invalid URL".
        let has_page = js_sys::Reflect::has(&js_sys::global(), &"location".into()).unwrap_or(false);
        if base_url.is_empty() && !has_page && field_errors.is_empty() {
            field_errors.push(FieldError { field: "baseUrl".into(), message: "is required outside a browser page, e.g. \"http://127.0.0.1:8080\"".into() });
        }
        let credentials = if get("includeCredentials").as_bool() == Some(true) { "include" } else { "same-origin" };
        let fetch = match get("fetch") {
            v if v.is_undefined() || v.is_null() => None,
            v => match v.dyn_into::<js_sys::Function>() {
                Ok(f) => Some(f),
                Err(_) => {
                    field_errors.push(FieldError { field: "fetch".into(), message: "expected a fetch-compatible function".into() });
                    None
                }
            },
        };
        let headers = static_headers(&get("headers"), &mut field_errors);
        let on_drift = match get("onDrift") {
            v if v.is_undefined() || v.is_null() => None,
            v => match v.dyn_into::<js_sys::Function>() {
                Ok(f) => Some(f),
                Err(_) => {
                    field_errors.push(FieldError { field: "onDrift".into(), message: "expected a function".into() });
                    None
                }
            },
        };
        if !field_errors.is_empty() {
            return Err(to_js_error(Error::InvalidRequest { errors: field_errors }));
        }
        let transport = Transport { base_url, timeout_ms, credentials, fetch, headers: headers.into(), cookies: Default::default() };
        let inner = Caller { transport, on_drift };
        // Created once: `client.s2Partner` is the same object every time it is read.
        Ok(Client {
            #[cfg(feature = "s2")]
            s2: s2::S2Client::new(inner.clone()).into(),
            #[cfg(feature = "s2-partner")]
            s2_partner: s2_partner::S2PartnerClient { caller: inner.clone() }.into(),
            #[cfg(feature = "sellers-commerce")]
            sellers_commerce: sellers_commerce::SellersCommerceClient { caller: inner.clone() }.into(),
            #[cfg(feature = "stock2shop")]
            stock2shop: stock2shop::Stock2ShopClient { caller: inner.clone() }.into(),
            inner,
        })
    }

    #[cfg(feature = "s2")]
    /// The S2 fulfillment-order and inventory API.
    #[wasm_bindgen(getter, unchecked_return_type = "S2Client")]
    pub fn s2(&self) -> JsValue {
        self.s2.clone()
    }

    #[cfg(feature = "s2-partner")]
    /// The S2 Partner API.
    #[wasm_bindgen(getter, js_name = s2Partner, unchecked_return_type = "S2PartnerClient")]
    pub fn s2_partner(&self) -> JsValue {
        self.s2_partner.clone()
    }

    #[cfg(feature = "stock2shop")]
    /// Stock2Shop (the proxy logs in and adds the token).
    #[wasm_bindgen(getter, unchecked_return_type = "Stock2ShopClient")]
    pub fn stock2shop(&self) -> JsValue {
        self.stock2shop.clone()
    }

    #[cfg(feature = "sellers-commerce")]
    /// The Sellers Commerce Open API (the proxy runs the OAuth token grants).
    #[wasm_bindgen(getter, js_name = sellersCommerce, unchecked_return_type = "SellersCommerceClient")]
    pub fn sellers_commerce(&self) -> JsValue {
        self.sellers_commerce.clone()
    }

    /// Signs in to the proxy (`POST /auth/login`); the session lives in an HttpOnly cookie.
    #[wasm_bindgen(unchecked_return_type = "Promise<SessionUser>")]
    pub fn login(&self, username: String, password: String) -> js_sys::Promise {
        wasm_bindgen_futures::future_to_promise(session::login(self.inner.transport.clone(), username, password))
    }

    /// Ends the session (`POST /auth/logout`).
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn logout(&self) -> js_sys::Promise {
        wasm_bindgen_futures::future_to_promise(session::logout(self.inner.transport.clone()))
    }

    /// The signed-in user, or null without a live session (`GET /auth/me`).
    #[wasm_bindgen(unchecked_return_type = "Promise<SessionUser | null>")]
    pub fn me(&self) -> js_sys::Promise {
        wasm_bindgen_futures::future_to_promise(session::me(self.inner.transport.clone()))
    }

    #[cfg(feature = "s2")]
    /// `GET /inventory/overview` (S2): every warehouse, product and inventory level.
    /// The same as `client.s2.getInventoryOverview()`.
    #[wasm_bindgen(js_name = getInventoryOverview, unchecked_return_type = "Promise<Checked<S2InventoryOverview>>")]
    pub fn get_inventory_overview(&self, options: Option<CallOptionsArg>) -> js_sys::Promise {
        self.inner.call(GET_INVENTORY_OVERVIEW.id, crate::request::Operation::build(&GetInventoryOverview), options)
    }
}

/// The `headers` option: an object of header names to string values.
fn static_headers(value: &JsValue, field_errors: &mut Vec<FieldError>) -> Vec<(String, String)> {
    if value.is_undefined() || value.is_null() {
        return Vec::new();
    }
    if !value.is_object() || js_sys::Array::is_array(value) {
        field_errors.push(FieldError { field: "headers".into(), message: "expected an object of header names to string values".into() });
        return Vec::new();
    }
    let mut headers = Vec::new();
    for entry in js_sys::Object::entries(value.unchecked_ref()).iter() {
        let entry: js_sys::Array = entry.unchecked_into();
        let name = entry.get(0).as_string().unwrap_or_default();
        match entry.get(1).as_string() {
            Some(text) => headers.push((name, text)),
            None => field_errors.push(FieldError { field: format!("headers.{name}"), message: "expected a string".into() }),
        }
    }
    headers
}

impl Caller {
    /// Sends a built request and resolves with the validated, normalised response.
    /// Returns a Promise rather than being `async` so that `&self` is not held across
    /// the await (a `Client` may be used for several calls at once).
    /// `operation` is the catalogue id of what `request` was built for: the error names it
    /// even when the arguments were refused before any request existed.
    pub(crate) fn call(&self, operation: &'static str, request: Result<Request, Vec<FieldError>>, options: Option<CallOptionsArg>) -> js_sys::Promise {
        let options: JsValue = options.map(Into::into).unwrap_or(JsValue::UNDEFINED);
        let transport = self.transport.clone();
        let on_drift = self.on_drift.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            let request = request.map_err(|errors| to_js_error(transport::Failure::from(Error::InvalidRequest { errors }).of(operation)))?;
            let (signal, timeout_ms) = call_options(&options).map_err(|e| to_js_error(transport::Failure::from(e).of(operation)))?;
            // A write's lost answer is `outcome_unknown` with how to check (the package
            // retries no write here: only S2's keyed create, in `send_safely`).
            let endpoint = crate::catalogue::find(request.operation).expect("requests are built from catalogue entries");
            let validated = transport.send(&request, signal, timeout_ms).await.map_err(|f| to_js_error(f.map(|e| e.after_write(endpoint, 1))))?;
            let value = validated.to_js()?;
            if let Some(callback) = on_drift.filter(|_| !validated.report().drift.is_empty()) {
                let report = DriftReport { operation: request.operation, paths: &validated.report().drift };
                // A throwing drift callback must not turn a good response into a failure.
                let _ = callback.call1(&JsValue::NULL, &to_js(&report));
            }
            Ok(value)
        })
    }
}

impl Caller {
    /// The call of a generated operation whose argument is an object of parameters: read
    /// and built from its table row (`ArgumentOperation`), so that each such method is
    /// one call into this function rather than its own copy of the reading and building.
    pub(crate) fn call_argument(&self, operation: &'static crate::request::ArgumentOperation, params: JsValue, options: JsValue) -> js_sys::Promise {
        let options = (!options.is_undefined()).then(|| options.unchecked_into());
        let request = match checked_tree(operation.schema, &params) {
            Ok(tree) => operation.build(tree),
            Err(error) => Err(field_errors(error)),
        };
        self.call(operation.endpoint.id, request, options)
    }

    #[cfg(feature = "s2-partner")]
    /// Sends a request and returns the validated answer (for the async iterators).
    pub(super) async fn send_validated(&self, request: Request, options: &JsValue) -> Result<transport::Validated, transport::Failure> {
        let (signal, timeout_ms) = call_options(options)?;
        self.transport.send(&request, signal, timeout_ms).await
    }

    #[cfg(feature = "s2")]
    /// Sends a request and resolves with the validated body's bytes (for callers that
    /// decode into Rust types: the safe create).
    pub(crate) async fn send_bytes(&self, request: Request, options: &JsValue) -> Result<Vec<u8>, transport::Failure> {
        let (signal, timeout_ms) = call_options(options)?;
        Ok(self.transport.send(&request, signal, timeout_ms).await?.into_body())
    }
}

/// Reads a JS argument as a Rust wire type, checking it with the same validator as
/// responses so that every problem names its field: `items[0].quantity: expected
/// integer, found string "2"`, and an unknown key is refused rather than dropped. The
/// checked text is parsed once into a JSON tree and read field by field
/// (`FromArgument`), not by a serde visitor per type (bench/README.md, "Build profile
/// and size").
pub(crate) fn from_js<T: Wire + FromArgument>(value: &JsValue) -> Result<T, Error> {
    let tree = checked_tree(T::SCHEMA, value)?;
    T::from_argument(tree, "").map_err(|error| Error::InvalidRequest { errors: vec![error] })
}

/// The JSON tree of a JS argument that passed the validator for `schema` (the part of
/// `from_js` that does not depend on the type: one copy for all of them).
fn checked_tree(schema: &'static crate::schema::Schema, value: &JsValue) -> Result<serde_json::Value, Error> {
    let text = if value.is_undefined() || value.is_null() {
        "{}".to_string()
    } else {
        js_sys::JSON::stringify(value).ok().and_then(|s| s.as_string()).ok_or_else(|| invalid("body", "cannot be converted to JSON"))?
    };
    let report = crate::validate::validate(schema, text.as_bytes());
    let field = |path: &str| match path.strip_prefix("$.").or_else(|| path.strip_prefix('$')) {
        Some("") | None => "body".to_string(),
        Some(rest) => rest.to_string(),
    };
    let mut errors: Vec<FieldError> = report
        .errors
        .iter()
        .map(|issue| FieldError { field: field(&issue.path), message: format!("expected {}, found {}", issue.expected, issue.found) })
        .collect();
    errors.extend(report.drift.iter().map(|path| FieldError { field: field(path), message: "is not a field of this request".into() }));
    if !errors.is_empty() {
        return Err(Error::InvalidRequest { errors });
    }
    serde_json::from_str(&text).map_err(|e| invalid("body", &e.to_string()))
}

/// Reads a JS argument, then builds; either step's field errors reject the call.
#[cfg(any(feature = "s2-partner", feature = "stock2shop", feature = "sellers-commerce"))]
pub(crate) fn build_with<P: Wire + FromArgument>(
    value: &JsValue,
    build: impl FnOnce(P) -> Result<Request, Vec<FieldError>>,
) -> Result<Request, Vec<FieldError>> {
    match from_js::<P>(value) {
        Ok(p) => build(p),
        Err(error) => Err(field_errors(error)),
    }
}

/// A refused argument's errors, as the field errors of the call.
fn field_errors(error: Error) -> Vec<FieldError> {
    match error {
        Error::InvalidRequest { errors } => errors,
        other => vec![FieldError { field: "body".into(), message: other.to_string() }],
    }
}


/// An optional JS argument, `undefined` when absent.
#[cfg(any(feature = "s2-partner", feature = "stock2shop"))]
pub(crate) fn optional(value: Option<impl Into<JsValue>>) -> JsValue {
    value.map(Into::into).unwrap_or(JsValue::UNDEFINED)
}

#[derive(Serialize)]
struct DriftReport<'a> {
    operation: &'a str,
    paths: &'a [String],
}

pub(crate) fn call_options(options: &JsValue) -> Result<(Option<AbortSignal>, Option<u32>), Error> {
    if !options.is_object() {
        return Ok((None, None));
    }
    let signal = js_sys::Reflect::get(options, &"signal".into()).unwrap_or(JsValue::UNDEFINED);
    let signal = match signal {
        s if s.is_undefined() || s.is_null() => None,
        s => Some(s.dyn_into::<AbortSignal>().map_err(|_| invalid("signal", "expected an AbortSignal"))?),
    };
    let timeout = js_sys::Reflect::get(options, &"timeoutMs".into()).unwrap_or(JsValue::UNDEFINED);
    let timeout_ms = match timeout {
        t if t.is_undefined() || t.is_null() => None,
        t => match t.as_f64() {
            Some(ms) if (1.0..=3_600_000.0).contains(&ms) => Some(ms as u32),
            _ => return Err(invalid("timeoutMs", "expected milliseconds between 1 and 3600000")),
        },
    };
    Ok((signal, timeout_ms))
}

pub(crate) fn invalid(field: &str, message: &str) -> Error {
    Error::InvalidRequest { errors: vec![FieldError { field: field.into(), message: message.into() }] }
}

/// `JSON.parse` of the validated body with the documented loose scalars written in their
/// real types, so the value matches its TypeScript declaration.
fn parse_normalised(body: &[u8], report: &Report) -> Result<JsValue, JsValue> {
    // Validation has scanned every byte: the body is JSON. Handed over as ASCII (non-ASCII
    // characters as `\uXXXX` escapes, an invalid UTF-8 byte replaced as fetch's own text()
    // does): the engine decodes ASCII to a one-byte string several times faster, and
    // parses that faster too (bench/README.md, "Decode path").
    let text = crate::validate::normalised_json(body, 0, body.len(), &report.loose);
    let value = js_sys::JSON::parse(&text)?;
    normalise(&value, report)?;
    Ok(value)
}

/// Turns what the text could not fix of a parsed body into its real type: Elasticsearch
/// 7's `{"value": N, ...}` counts (the loose scalars, which have a span, were written in
/// their type in the text already, in one pass: `normalised_json`).
pub(crate) fn normalise(value: &JsValue, report: &Report) -> Result<(), JsValue> {
    for loose in report.loose.iter().filter(|l| l.scalar == LooseKind::Value) {
        let Some((last, parents)) = loose.path.split_last() else { continue };
        let mut target = value.clone();
        for segment in parents {
            target = js_sys::Reflect::get(&target, &segment_key(segment))?;
        }
        let key = segment_key(last);
        // `{"value": N, "relation": "eq"}`: the count itself, its relation beside it
        // (`total_relation`, declared by the Rust type too).
        let found = js_sys::Reflect::get(&target, &key)?;
        let relation = js_sys::Reflect::get(&found, &JsValue::from_str("relation"))?;
        if let (PathSegment::Key(name), true) = (last, relation.is_string()) {
            js_sys::Reflect::set(&target, &JsValue::from_str(&format!("{name}_relation")), &relation)?;
        }
        let count = js_sys::Reflect::get(&found, &JsValue::from_str("value"))?;
        js_sys::Reflect::set(&target, &key, &count)?;
    }
    Ok(())
}

/// Leaves the rejected records out of a parsed body (they were parsed: normalising needs
/// the original indexes) and, for a list-shaped response, marks the value with
/// `partial`, `rejected` and `unlistedRejected`. Those are non-enumerable, as Stripe's
/// SDK marks `lastResponse`: the value still serialises and compares as the vendor's
/// data, and `result.partial` is there for whoever asks.
pub(crate) fn isolate(value: &JsValue, report: &Report, holds_records: bool) -> Result<(), JsValue> {
    // Last first: removing a record never moves one met earlier in the body.
    for span in report.rejected_spans.iter().rev() {
        let mut list = value.clone();
        for segment in &span.list {
            list = js_sys::Reflect::get(&list, &segment_key(segment))?;
        }
        let splice: js_sys::Function = js_sys::Reflect::get(&list, &"splice".into())?.dyn_into()?;
        splice.call2(&list, &JsValue::from_f64(span.index as f64), &JsValue::from_f64(1.0))?;
    }
    if holds_records && value.is_object() {
        let object: &js_sys::Object = value.unchecked_ref();
        let mark = |key: &str, mark: JsValue| {
            let descriptor = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&descriptor, &"value".into(), &mark);
            js_sys::Object::define_property(object, &key.into(), &descriptor);
        };
        mark("partial", JsValue::from_bool(report.is_partial()));
        mark("rejected", to_js(&report.rejected));
        mark("unlistedRejected", JsValue::from_f64(report.unlisted_rejected as f64));
    }
    Ok(())
}

fn segment_key(segment: &PathSegment) -> JsValue {
    match segment {
        PathSegment::Key(k) => JsValue::from_str(k),
        PathSegment::Index(i) => JsValue::from_f64(*i as f64),
    }
}

/// A report, an error's details or an outcome as a JS value: JSON text from serde_json,
/// parsed by the engine. Why not serde-wasm-bindgen: its serializer is one more set of
/// serde instantiations per type beside serde_json's (which request bodies need anyway),
/// and it builds the value with a JS call per field; these values are small.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    serde_json::to_string(value).ok().and_then(|text| js_sys::JSON::parse(&text).ok()).unwrap_or(JsValue::NULL)
}

/// Turns a core error (with the request id of its answer and its operation, if any) into
/// the JS `CommerceKitError`.
pub(crate) fn to_js_error(failure: impl Into<transport::Failure>) -> JsValue {
    let transport::Failure { error, request_id, operation } = failure.into();
    let details = to_js(&error);
    let vendor = operation.and_then(crate::catalogue::find).map(|e| e.vendor.slug());
    CommerceKitError::new(error.code(), &error.to_string(), error.status(), details, request_id, operation, vendor).into()
}

/// Validates a captured response body for an operation without sending anything.
#[wasm_bindgen(js_name = validateResponse, unchecked_return_type = "ValidationReport")]
pub fn validate_response(
    #[wasm_bindgen(js_name = operationId, unchecked_param_type = "OperationId")] operation_id: &str,
    body: &[u8],
) -> Result<JsValue, JsValue> {
    let report =
        crate::validate_operation(operation_id, body).ok_or_else(|| to_js_error(invalid("operationId", &format!("unknown operation {operation_id:?}"))))?;
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Out<'a> {
        errors: &'a [crate::validate::Issue],
        unlisted_errors: usize,
        drift: &'a [String],
        unlisted_drift: usize,
    }
    Ok(to_js(&Out { errors: &report.errors, unlisted_errors: report.unlisted_errors, drift: &report.drift, unlisted_drift: report.unlisted_drift }))
}

/// Every operation the package knows.
#[wasm_bindgen(unchecked_return_type = "EndpointInfo[]")]
pub fn endpoints() -> JsValue {
    #[derive(Serialize)]
    struct Info {
        vendor: crate::Vendor,
        id: &'static str,
        summary: &'static str,
        method: crate::catalogue::Method,
        path: &'static str,
        idempotent: bool,
    }
    let list: Vec<Info> = crate::catalogue::endpoints()
        .iter()
        .map(|e| Info { vendor: e.vendor, id: e.id, summary: e.summary, method: e.method, path: e.path, idempotent: e.idempotent() })
        .collect();
    to_js(&list)
}

/// The decode path of every call, for bytes obtained elsewhere (a cache, a Worker, a
/// test): validates `body` for the operation, parses it with the engine's `JSON.parse`,
/// normalises loose scalars, and returns the typed value; rejects like a call would. A
/// list-shaped value leaves out the records that did not validate and carries
/// `partial`, `rejected` and `unlistedRejected` (see `Checked`).
///
/// Its declaration is written in the section above: wasm-bindgen cannot declare the type
/// parameter that ties the return type to the id.
#[wasm_bindgen(js_name = decodeResponse, skip_typescript)]
pub fn decode_response(#[wasm_bindgen(js_name = operationId)] operation_id: &str, body: &[u8]) -> Result<JsValue, JsValue> {
    let endpoint = crate::catalogue::find(operation_id).ok_or_else(|| to_js_error(invalid("operationId", &format!("unknown operation {operation_id:?}"))))?;
    let report = crate::validate::validate_isolating(endpoint.response, body);
    if !report.is_valid() {
        return Err(to_js_error(transport::Failure::from(crate::decode::invalid(report)).of(endpoint.id)));
    }
    let value = parse_normalised(body, &report)?;
    isolate(&value, &report, endpoint.response.holds_records())?;
    Ok(value)
}
