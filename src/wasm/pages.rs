//! JS async iterators over paginated operations: the pages come from Rust
//! ([`Paginated`]), the `for await` protocol from a small JS snippet.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{to_js, to_js_error, Caller};
use crate::error::Error;
use crate::paginate::Paginated;
use crate::schema::Schema;

#[wasm_bindgen(module = "/src/wasm/paginate.js")]
extern "C" {
    fn paginate(fetch_page: &JsValue, limit: Option<u32>) -> JsValue;
}

/// An `AsyncIterable` over every item of `first` and the pages after it (`PagedIterable`:
/// the rejected records of every page accumulate in its `rejected`).
///
/// A page goes the way of every call (validated, `JSON.parse`d, loose values normalised,
/// bad records left out), and its items and token are read from the parsed value: not
/// decoded into Rust and serialised again, which cost a serde `Deserialize` and
/// `Serialize` of every record type in the module.
pub(crate) fn iterate<O>(caller: &Caller, first: O, limit: Option<u32>, options: JsValue) -> JsValue
where
    O: Paginated + 'static,
{
    let caller = caller.clone();
    let fetch_page = Closure::<dyn FnMut(JsValue) -> js_sys::Promise>::new(move |token: JsValue| {
        let operation = match token.as_string() {
            Some(token) => first.after(token),
            None => first.clone(),
        };
        let (caller, options) = (caller.clone(), options.clone());
        wasm_bindgen_futures::future_to_promise(async move {
            let validated = async {
                let request = operation.build().map_err(|errors| Error::InvalidRequest { errors })?;
                caller.send_validated(request, &options).await
            }
            .await
            .map_err(|failure| to_js_error(failure.of(O::ENDPOINT.id)))?;
            let (items, next) = split(&validated.to_js()?, records_key(O::ENDPOINT.response))?;
            let report = validated.report();
            let page = js_sys::Object::new();
            js_sys::Reflect::set(&page, &"items".into(), &items)?;
            js_sys::Reflect::set(&page, &"next".into(), &next)?;
            js_sys::Reflect::set(&page, &"rejected".into(), &to_js(&report.rejected))?;
            js_sys::Reflect::set(&page, &"unlistedRejected".into(), &JsValue::from_f64(report.unlisted_rejected as f64))?;
            Ok(page.into())
        })
    });
    // The iterable owns the closure from here on: it lives as long as JS keeps it.
    paginate(&fetch_page.into_js_value(), limit)
}

/// The wire name of a page's record list: the field declared `#[wire(records)]` (`items`,
/// or `item` for products), of the page or of the pages of an array.
fn records_key(schema: &'static Schema) -> &'static str {
    let is_records = |schema: &Schema| matches!(schema, Schema::Records(_) | Schema::Nullable(Schema::Records(_)));
    match schema {
        Schema::Array(inner) | Schema::Nullable(inner) => records_key(inner),
        Schema::Object(object) => object.fields.iter().find(|f| is_records(f.schema)).map_or("items", |f| f.wire),
        _ => "items",
    }
}

/// The items of an S2 Partner page and the token of the next one (`null` on the last
/// page, or when the token is blank): `{ items, next_token }`, or, for purchase orders,
/// an array of such pages (every element's items, in order, and the last one's token),
/// as the `Paginated::split` of each operation reads them in Rust.
fn split(page: &JsValue, records: &str) -> Result<(js_sys::Array, JsValue), JsValue> {
    let pages: Vec<JsValue> = if js_sys::Array::is_array(page) { page.unchecked_ref::<js_sys::Array>().iter().collect() } else { vec![page.clone()] };
    let items = js_sys::Array::new();
    let mut next = JsValue::NULL;
    for page in &pages {
        let list = js_sys::Reflect::get(page, &records.into())?;
        if js_sys::Array::is_array(&list) {
            for item in list.unchecked_ref::<js_sys::Array>().iter() {
                items.push(&item);
            }
        }
        next = js_sys::Reflect::get(page, &"next_token".into())?;
    }
    let next = match next.as_string() {
        Some(token) if !token.is_empty() => JsValue::from_str(&token),
        _ => JsValue::NULL,
    };
    Ok((items, next))
}
