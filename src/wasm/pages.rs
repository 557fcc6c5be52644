//! JS async iterators over paginated operations: the pages come from Rust
//! ([`Paginated`]), the `for await` protocol from a small JS snippet.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{to_js, to_js_error, Caller};
use crate::decode::RejectedRecord;
use crate::error::Error;
use crate::paginate::Paginated;

#[wasm_bindgen(module = "/src/wasm/paginate.js")]
extern "C" {
    fn paginate(fetch_page: &JsValue, limit: Option<u32>) -> JsValue;
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Page<T> {
    items: Vec<T>,
    next: Option<String>,
    /// The page's records that did not validate (left out of `items`).
    rejected: Vec<RejectedRecord>,
    unlisted_rejected: usize,
}

/// An `AsyncIterable` over every item of `first` and the pages after it (`PagedIterable`:
/// the rejected records of every page accumulate in its `rejected`).
pub(crate) fn iterate<O>(caller: &Caller, first: O, limit: Option<u32>, options: JsValue) -> JsValue
where
    O: Paginated + 'static,
    O::Item: Serialize,
{
    let caller = caller.clone();
    let fetch_page = Closure::<dyn FnMut(JsValue) -> js_sys::Promise>::new(move |token: JsValue| {
        let operation = match token.as_string() {
            Some(token) => first.after(token),
            None => first.clone(),
        };
        let (caller, options) = (caller.clone(), options.clone());
        wasm_bindgen_futures::future_to_promise(async move {
            let page = async {
                let request = operation.build().map_err(|errors| Error::InvalidRequest { errors })?;
                let body = caller.send_bytes(request, &options).await?;
                Ok::<_, super::transport::Failure>(crate::decode::<O::Response>(&body)?)
            }
            .await
            .map_err(|failure| to_js_error(failure.of(O::ENDPOINT.id)))?;
            let (items, next) = O::split(page.value);
            Ok(to_js(&Page { items, next: next.filter(|t| !t.is_empty()), rejected: page.rejected, unlisted_rejected: page.unlisted_rejected }))
        })
    });
    // The iterable owns the closure from here on: it lives as long as JS keeps it.
    paginate(&fetch_page.into_js_value(), limit)
}
