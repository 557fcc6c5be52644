//! The browser transport: `fetch` (gloo-net) to the proxy, with cancellation and a
//! per-request timeout, then validation of the response bytes.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::{Method as HttpMethod, RequestBuilder};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AbortController, AbortSignal, RequestCredentials};

use crate::catalogue::{self, Method};
use crate::error::Error;
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

/// Where and how to send.
#[derive(Clone)]
pub struct Transport {
    /// The proxy's origin ("" for the page's own), without a trailing slash.
    pub base_url: String,
    pub timeout_ms: u32,
    pub credentials: RequestCredentials,
}

/// A response that passed validation: its bytes, what validation reported, its text.
pub struct Validated {
    pub received: ReceivedBody,
}

impl Validated {
    pub fn report(&self) -> &Report {
        &self.received.report
    }
    /// The bytes, for decoding into Rust types (pages, safe creates).
    #[cfg(any(feature = "s2", feature = "s2-partner"))]
    pub fn into_body(self) -> Vec<u8> {
        self.received.body
    }
    /// The typed value: `JSON.parse` of the text, loose scalars normalised.
    pub fn to_js(&self) -> Result<JsValue, JsValue> {
        self.received.to_js()
    }
}

impl Transport {
    /// The proxy URL for a request: `/api/<vendor>/<vendor path>?query`.
    pub fn url(&self, request: &Request) -> String {
        let vendor = catalogue::find(request.operation).map(|e| e.vendor.slug()).unwrap_or("unknown");
        format!("{}/api/{vendor}{}", self.base_url, request.path_and_query())
    }

    pub async fn send(&self, request: &Request, signal: Option<AbortSignal>, timeout_ms: Option<u32>) -> Result<Validated, Error> {
        let endpoint = catalogue::find(request.operation).expect("requests are built from catalogue entries");
        if signal.as_ref().is_some_and(AbortSignal::aborted) {
            return Err(Error::Aborted);
        }
        let guard = AbortGuard::new(signal, timeout_ms.unwrap_or(self.timeout_ms));

        let method = match request.method {
            Method::Get => HttpMethod::GET,
            Method::Post => HttpMethod::POST,
            Method::Put => HttpMethod::PUT,
            Method::Delete => HttpMethod::DELETE,
        };
        let builder = RequestBuilder::new(&self.url(request))
            .method(method)
            .credentials(self.credentials)
            .header(CLIENT_HEADER, "1")
            .abort_signal(Some(&guard.controller.signal()));
        let sent = match (&request.body, request.content_type) {
            (Some(body), Some(content_type)) => builder.header("Content-Type", content_type).body(body.as_str()),
            _ => builder.build(),
        };
        let outcome = async {
            let response = sent.map_err(|e| Error::Network { message: e.to_string() })?.send().await.map_err(|e| guard.explain(e))?;
            let status = response.status();
            if !response.ok() {
                let retry_after = retry_after(&response);
                let text = response.text().await.map_err(|e| guard.explain(e))?;
                return Err(Error::from_response(status, retry_after, &text));
            }
            // Read chunk by chunk: each is validated and turned into text as it arrives,
            // so that little is left to do after the last byte (bench/README.md).
            let expected = response.headers().get("Content-Length").and_then(|v| v.parse().ok()).unwrap_or(0);
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
        outcome
    }
}

/// A response's `Retry-After` in seconds from now (delay-seconds or an HTTP date).
pub(crate) fn retry_after(response: &gloo_net::http::Response) -> Option<u32> {
    let header = response.headers().get("Retry-After")?;
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

    fn explain(&self, error: gloo_net::Error) -> Error {
        self.explain_message(|| error.to_string())
    }

    /// The same for a rejection while reading the body.
    fn explain_js(&self, error: JsValue) -> Error {
        self.explain_message(|| match error.dyn_ref::<js_sys::Error>() {
            Some(e) => format!("{}: {}", String::from(e.name()), String::from(e.message())),
            None => error.as_string().unwrap_or_else(|| "reading the response body failed".into()),
        })
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
