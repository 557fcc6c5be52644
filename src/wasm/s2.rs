//! `client.s2`: the S2 fulfillment-order and inventory API. `getInventoryOverview` is
//! generated from the table in `src/vendors/s2/mod.rs`; the safe create is here.

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use super::{call_options, from_js, to_js_error, CallOptionsArg, Caller};
use crate::vendors::s2::fulfillment::{CreateFulfillmentOrder, LostAnswers, S2NewFulfillmentOrder, SafeCreate, CREATE_FULFILLMENT_ORDER};

#[wasm_bindgen]
pub struct S2Client {
    pub(crate) caller: Caller,
    /// This client's `channelFulfillmentId`s whose create ended without an answer.
    lost: Rc<LostAnswers>,
}

impl S2Client {
    pub(crate) fn new(caller: Caller) -> Self {
        S2Client { caller, lost: Rc::default() }
    }
}

#[wasm_bindgen]
impl S2Client {
    /// `POST /fulfillment`: creates a fulfillment order. With `channelFulfillmentId` set,
    /// a lost answer is retried safely (honouring `Retry-After`, with backoff), a
    /// duplicate found on retry, or on resubmitting a create whose outcome this client
    /// did not learn, resolves as `{ outcome: "already_created" }`, and answers lost on
    /// every attempt reject with code `outcome_unknown`; without it nothing is retried.
    /// See `CreateFulfillmentOrder::send_safely`.
    #[wasm_bindgen(js_name = createFulfillmentOrder, unchecked_return_type = "Promise<S2CreateOutcome>")]
    pub fn create_fulfillment_order(
        &self,
        #[wasm_bindgen(unchecked_param_type = "S2NewFulfillmentOrder")] body: JsValue,
        options: Option<CallOptionsArg>,
    ) -> js_sys::Promise {
        let (caller, lost) = (self.caller.clone(), self.lost.clone());
        let options: JsValue = options.map(Into::into).unwrap_or(JsValue::UNDEFINED);
        wasm_bindgen_futures::future_to_promise(async move {
            // Every error of this call names its operation, the refused arguments' too.
            let failed = |error| to_js_error(super::transport::Failure::from(error).of(CREATE_FULFILLMENT_ORDER.id));
            let body: S2NewFulfillmentOrder = from_js(&body).map_err(failed)?;
            let (signal, _) = call_options(&options).map_err(failed)?;
            // The request id of the last answer that failed an attempt: the one the
            // final error is about.
            let last_request_id = std::rc::Rc::new(std::cell::RefCell::new(None));
            let outcome = CreateFulfillmentOrder::new(body)
                .send_safely_undecoded(
                    &lost,
                    |request| {
                        let (caller, options, last_request_id) = (caller.clone(), options.clone(), last_request_id.clone());
                        async move {
                            caller.send_bytes(request, &options).await.map_err(|failure| {
                                *last_request_id.borrow_mut() = failure.request_id;
                                failure.error
                            })
                        }
                    },
                    |wait| super::transport::sleep(wait, signal.clone()),
                )
                .await
                .map_err(|error| to_js_error(super::transport::Failure { error, request_id: last_request_id.take(), operation: Some(CREATE_FULFILLMENT_ORDER.id) }))?;
            // `S2CreateOutcome` as JS: the created order is parsed like every answer
            // (`decodeResponse`), not decoded into Rust and serialised again.
            let value = js_sys::Object::new();
            match outcome {
                SafeCreate::Created(body) => {
                    js_sys::Reflect::set(&value, &"outcome".into(), &"created".into())?;
                    js_sys::Reflect::set(&value, &"fulfillment".into(), &super::decode_response(CREATE_FULFILLMENT_ORDER.id, &body)?)?;
                }
                SafeCreate::AlreadyCreated(key) => {
                    js_sys::Reflect::set(&value, &"outcome".into(), &"already_created".into())?;
                    js_sys::Reflect::set(&value, &"channelFulfillmentId".into(), &key.into())?;
                }
            }
            Ok(value.into())
        })
    }
}
