//! The transport: `fetch` to the proxy (the page's, the runtime's, or the one passed as
//! the `fetch` option), with cancellation and a per-request timeout, then validation of
//! the response bytes.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AbortController, AbortSignal};

use crate::catalogue::{self, Method};
use crate::cookie_jar::CookieJar;
use crate::error::{Error, Route};
use crate::request::Request;
use wasm_bindgen_futures::JsFuture;

use super::stream::{BodyStream, ReceivedBody};
use crate::validate::Report;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &js_sys::Function, ms: i32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// The header every call carries, so the proxy can tell the dashboard's requests from
/// cross-site ones (a form cannot set it; a foreign script needs a CORS preflight).
pub(crate) const CLIENT_HEADER: &str = "X-Commerce-Kit";

/// The header the proxy puts on every vendor answer it relays: with the proxy's own
/// error body, the mark that an answer came from a commerce-kit proxy.
const RELAYED_HEADER: &str = "X-Upstream-Attempts";

/// Where and how to send.
#[derive(Clone)]
pub(super) struct Transport {
    /// The proxy's origin ("" for the page's own), without a trailing slash.
    pub base_url: String,
    pub timeout_ms: u32,
    /// `fetch`'s `credentials`: "same-origin", or "include" to send the session cookie
    /// cross-origin.
    pub credentials: &'static str,
    /// The `fetch` option; `None` calls the global `fetch` (looked up at each call).
    pub fetch: Option<js_sys::Function>,
    /// The `headers` option: sent on every request (a forwarded cookie, service
    /// credentials for a gateway in front of the proxy).
    pub headers: Rc<Vec<(String, String)>>,
    /// Cookies the proxy set, kept where the runtime shows `Set-Cookie` to the caller
    /// (outside browsers), shared by every sub-client of one `Client`.
    pub cookies: Rc<RefCell<CookieJar>>,
}

/// A response and whether it bears the proxy's relay mark.
pub(crate) struct Answer {
    pub response: web_sys::Response,
    pub relayed: bool,
}

/// A response that passed validation: its bytes, what validation reported, its text.
pub(crate) struct Validated {
    pub received: ReceivedBody,
}

impl Validated {
    pub(super) fn report(&self) -> &Report {
        &self.received.report
    }
    /// The bytes, for decoding into Rust types (the safe create).
    #[cfg(feature = "s2")]
    pub(super) fn into_body(self) -> Vec<u8> {
        self.received.body
    }
    /// The typed value: `JSON.parse` of the text, loose scalars normalised.
    pub(super) fn to_js(&self) -> Result<JsValue, JsValue> {
        self.received.to_js()
    }
}

/// A failed call, with the `X-Request-Id` of the answer that failed it when there was
/// one: the id the proxy logs it under, which JavaScript sees as `error.requestId`; and
/// the catalogue id of the operation it was (`error.operation`, whose vendor is
/// `error.vendor`), so a caller names who failed without matching ids to URLs.
/// Kept beside [`Error`] rather than in it: the core's errors know nothing of HTTP
/// headers or of which call they came from.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) error: Error,
    pub(crate) request_id: Option<String>,
    /// `None` for what is not one operation (sign-in, a bad `Client` option), and for
    /// arguments refused before the request exists, where the caller has not said.
    pub(crate) operation: Option<&'static str>,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure { error, request_id: None, operation: None }
    }
}

impl Failure {
    /// The same failure with its error replaced (`after_write`), keeping the rest.
    pub(crate) fn map(self, f: impl FnOnce(Error) -> Error) -> Failure {
        Failure { error: f(self.error), ..self }
    }

    /// The failure of `operation` (which the failure may already name: it is kept).
    pub(crate) fn of(self, operation: &'static str) -> Failure {
        Failure { operation: self.operation.or(Some(operation)), ..self }
    }
}

/// The answer's `X-Request-Id` (the proxy sets one on every answer it writes).
pub(crate) fn request_id(response: &web_sys::Response) -> Option<String> {
    response.headers().get("X-Request-Id").ok().flatten().filter(|id| !id.is_empty())
}

impl Transport {
    /// The proxy URL for a request: `/api/<vendor>/<vendor path>?query`.
    pub(super) fn url(&self, request: &Request) -> String {
        let vendor = catalogue::find(request.operation).map(|e| e.vendor.slug()).unwrap_or("unknown");
        format!("{}/api/{vendor}{}", self.base_url, request.path_and_query())
    }

    pub(super) async fn send(&self, request: &Request, signal: Option<AbortSignal>, timeout_ms: Option<u32>) -> Result<Validated, Failure> {
        let endpoint = catalogue::find(request.operation).expect("requests are built from catalogue entries");
        if signal.as_ref().is_some_and(AbortSignal::aborted) {
            return Err(Failure::from(Error::Aborted).of(request.operation));
        }
        let guard = AbortGuard::new(signal, timeout_ms.unwrap_or(self.timeout_ms));

        let method = match request.method {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        };
        let url = self.url(request);
        let body = match (&request.body, request.content_type) {
            (Some(body), Some(content_type)) => Some((content_type, body.as_str())),
            _ => None,
        };
        let mut answered_as = None;
        let outcome = async {
            let Answer { response, relayed } = self.exchange(method, &url, body, Some(&guard.controller.signal())).await.map_err(|e| guard.explain_js(e))?;
            // Every error from here on is about this answer: it carries its id.
            answered_as = request_id(&response);
            let status = response.status();
            if !response.ok() || !relayed {
                let retry_after = retry_after(&response);
                let text = read_text(&response).await.map_err(|e| guard.explain_js(e))?;
                if let Some(error) = Error::from_answer(&url, Route::Api { relayed }, status, retry_after, &text) {
                    return Err(error);
                }
            }
            // Read chunk by chunk: each is validated and turned into text as it arrives,
            // so that little is left to do after the last byte (bench/README.md).
            let expected = response.headers().get("Content-Length").ok().flatten().and_then(|v| v.parse().ok()).unwrap_or(0);
            let mut stream = BodyStream::new(endpoint.response, expected);
            if let Some(body) = response.body() {
                let reader = body.get_reader();
                let read = js_sys::Reflect::get(&reader, &"read".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
                let read = read.ok_or_else(|| Error::Network { message: "the response body cannot be read".into() })?;
                loop {
                    let next = read.call0(&reader).map_err(|e| guard.explain_js(e))?;
                    let next = JsFuture::from(js_sys::Promise::from(next)).await.map_err(|e| guard.explain_js(e))?;
                    if js_sys::Reflect::get(&next, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
                        break;
                    }
                    let chunk = js_sys::Reflect::get(&next, &"value".into()).unwrap_or(JsValue::UNDEFINED);
                    stream.push(chunk.unchecked_ref::<js_sys::Uint8Array>());
                }
            }
            let received = stream.finish();
            if !received.report.is_valid() {
                return Err(crate::decode::invalid(received.report));
            }
            Ok(Validated { received })
        }
        .await;
        drop(guard);
        outcome.map_err(|error| Failure { error, request_id: answered_as, operation: Some(request.operation) })
    }
}

impl Transport {
    /// One `fetch` to the proxy: the `headers` option, the client header, the kept
    /// cookies, then whatever `Set-Cookie` the runtime shows is kept. Rejects with what
    /// `fetch` rejected with.
    pub(crate) async fn exchange(&self, method: &str, url: &str, body: Option<(&str, &str)>, signal: Option<&AbortSignal>) -> Result<Answer, JsValue> {
        let headers = js_sys::Object::new();
        let set = |name: &str, value: &str| js_sys::Reflect::set(&headers, &name.into(), &value.into());
        for (name, value) in self.headers.iter() {
            set(name, value)?;
        }
        set(CLIENT_HEADER, "1")?;
        let init = js_sys::Object::new();
        js_sys::Reflect::set(&init, &"method".into(), &method.into())?;
        js_sys::Reflect::set(&init, &"credentials".into(), &self.credentials.into())?;
        if let Some((content_type, text)) = body {
            set("Content-Type", content_type)?;
            js_sys::Reflect::set(&init, &"body".into(), &text.into())?;
        }
        // A cookie given in `headers` is the caller's choice of session: it wins.
        let cookie_given = self.headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("cookie"));
        if let Some(cookie) = self.cookies.borrow().header().filter(|_| !cookie_given) {
            set("Cookie", &cookie)?;
        }
        js_sys::Reflect::set(&init, &"headers".into(), &headers)?;
        if let Some(signal) = signal {
            js_sys::Reflect::set(&init, &"signal".into(), signal)?;
        }
        let returned = match &self.fetch {
            Some(fetch) => fetch.call2(&JsValue::UNDEFINED, &url.into(), &init)?,
            None => {
                // Called on the global object: a browser's `fetch` refuses any other `this`.
                let global = js_sys::global();
                let fetch = js_sys::Reflect::get(&global, &"fetch".into())?
                    .dyn_into::<js_sys::Function>()
                    .map_err(|_| JsValue::from(js_sys::Error::new("this runtime has no global fetch: pass the `fetch` option of new Client(...)")))?;
                fetch.call2(&global, &url.into(), &init)?
            }
        };
        let response = JsFuture::from(js_sys::Promise::resolve(&returned)).await?;
        let has_status = response.is_object() && js_sys::Reflect::get(&response, &"status".into()).is_ok_and(|s| s.as_f64().is_some());
        if !has_status {
            return Err(js_sys::Error::new("fetch resolved with something that is not a Response").into());
        }
        let response: web_sys::Response = response.unchecked_into();
        let headers = response.headers();
        self.keep_cookies(&headers);
        let relayed = headers.has(RELAYED_HEADER).unwrap_or(false);
        Ok(Answer { response, relayed })
    }

    /// Keeps the cookies of a response whose `Set-Cookie` the runtime shows (Node, Deno,
    /// Bun; a browser never does, and keeps them itself).
    fn keep_cookies(&self, headers: &web_sys::Headers) {
        let get_set_cookie = js_sys::Reflect::get(headers, &"getSetCookie".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        let values: Vec<String> = match get_set_cookie {
            // One entry per header: a joined `Set-Cookie` is ambiguous (dates have commas).
            Some(f) => f.call0(headers).ok().map(|list| js_sys::Array::from(&list).iter().filter_map(|v| v.as_string()).collect()).unwrap_or_default(),
            None => headers.get("Set-Cookie").ok().flatten().into_iter().collect(),
        };
        if !values.is_empty() {
            let mut jar = self.cookies.borrow_mut();
            for value in values {
                jar.apply(&value);
            }
        }
    }
}

/// What a JS rejection says: "TypeError: fetch failed", or the thrown string.
pub(crate) fn js_message(error: &JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(e) => format!("{}: {}", String::from(e.name()), String::from(e.message())),
        None => error.as_string().unwrap_or_else(|| "the request failed".into()),
    }
}

/// The whole body as text.
pub(crate) async fn read_text(response: &web_sys::Response) -> Result<String, JsValue> {
    Ok(JsFuture::from(response.text()?).await?.as_string().unwrap_or_default())
}

/// A response's `Retry-After` in seconds from now (delay-seconds or an HTTP date).
pub(crate) fn retry_after(response: &web_sys::Response) -> Option<u32> {
    let header = response.headers().get("Retry-After").ok().flatten()?;
    crate::error::retry_after_seconds(&header, (js_sys::Date::now() / 1000.0) as u64)
}

/// Resolves after `wait` (the pause between retried creates), or as soon as `signal`
/// aborts: the next attempt then answers `aborted` without waiting out a long
/// `Retry-After`.
#[cfg(feature = "s2")]
pub(crate) async fn sleep(wait: std::time::Duration, signal: Option<AbortSignal>) {
    if signal.as_ref().is_some_and(AbortSignal::aborted) {
        return;
    }
    let ms = wait.as_millis().min(i32::MAX as u128) as i32;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        set_timeout(&resolve, ms);
        if let Some(signal) = &signal {
            let _ = signal.add_event_listener_with_callback("abort", &resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Aborts the fetch when the caller's signal fires or the timeout passes, and
/// remembers which of the two it was.
struct AbortGuard {
    controller: AbortController,
    timed_out: Rc<Cell<bool>>,
    timeout_ms: u32,
    timer: JsValue,
    _on_timeout: Closure<dyn FnMut()>,
    caller: Option<(AbortSignal, Closure<dyn FnMut()>)>,
}

impl AbortGuard {
    fn new(signal: Option<AbortSignal>, timeout_ms: u32) -> Self {
        let controller = AbortController::new().expect("AbortController exists in every supported browser");
        let timed_out = Rc::new(Cell::new(false));
        let on_timeout = {
            let (controller, timed_out) = (controller.clone(), timed_out.clone());
            Closure::<dyn FnMut()>::new(move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let timer = set_timeout(on_timeout.as_ref().unchecked_ref(), timeout_ms.min(i32::MAX as u32) as i32);
        let caller = signal.map(|signal| {
            let controller = controller.clone();
            let on_abort = Closure::<dyn FnMut()>::new(move || controller.abort());
            let _ = signal.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
            (signal, on_abort)
        });
        AbortGuard { controller, timed_out, timeout_ms, timer, _on_timeout: on_timeout, caller }
    }

    /// A rejection of `fetch` or of reading the body: the timeout, the caller's abort,
    /// or a network error.
    fn explain_js(&self, error: JsValue) -> Error {
        self.explain_message(|| js_message(&error))
    }

    fn explain_message(&self, message: impl FnOnce() -> String) -> Error {
        if self.timed_out.get() {
            Error::Timeout { after_ms: self.timeout_ms }
        } else if self.caller.as_ref().is_some_and(|(s, _)| s.aborted()) {
            Error::Aborted
        } else {
            Error::Network { message: message() }
        }
    }
}

impl Drop for AbortGuard {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if let Some((signal, on_abort)) = &self.caller {
            let _ = signal.remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        }
    }
}
