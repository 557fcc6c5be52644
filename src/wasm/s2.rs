//! `client.s2`: the S2 fulfillment-order and inventory API.

use wasm_bindgen::prelude::*;

use super::{from_js, to_js, to_js_error, CallOptionsArg, Caller};
use crate::request::Operation;
use crate::vendors::s2::fulfillment::{CreateFulfillmentOrder, NewFulfillmentOrder};
use crate::vendors::s2::inventory::GetInventoryOverview;

#[wasm_bindgen]
pub struct S2Client {
    pub(crate) caller: Caller,
}

#[wasm_bindgen]
impl S2Client {
    /// `GET /inventory/overview`: every warehouse, product and inventory level.
    #[wasm_bindgen(js_name = getInventoryOverview, unchecked_return_type = "Promise<InventoryOverview>")]
    pub fn get_inventory_overview(&self, options: Option<CallOptionsArg>) -> js_sys::Promise {
        self.caller.call(GetInventoryOverview.build(), options)
    }

    /// `POST /fulfillment`: creates a fulfillment order. With `channelFulfillmentId` set,
    /// a lost answer is retried safely and a duplicate found on retry resolves as
    /// `{ outcome: "already_created" }`; without it nothing is retried.
    #[wasm_bindgen(js_name = createFulfillmentOrder, unchecked_return_type = "Promise<CreateOutcome>")]
    pub fn create_fulfillment_order(
        &self,
        #[wasm_bindgen(unchecked_param_type = "NewFulfillmentOrder")] body: JsValue,
        options: Option<CallOptionsArg>,
    ) -> js_sys::Promise {
        let caller = self.caller.clone();
        let options: JsValue = options.map(Into::into).unwrap_or(JsValue::UNDEFINED);
        wasm_bindgen_futures::future_to_promise(async move {
            let body: NewFulfillmentOrder = from_js(&body).map_err(to_js_error)?;
            let outcome = CreateFulfillmentOrder::new(body)
                .send_safely(|request| {
                    let (caller, options) = (caller.clone(), options.clone());
                    async move { caller.send_bytes(request, &options).await }
                })
                .await
                .map_err(to_js_error)?;
            Ok(to_js(&outcome))
        })
    }
}
