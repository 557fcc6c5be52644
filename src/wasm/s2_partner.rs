//! `client.s2Partner`: the S2 Partner API. The methods of its uniform operations are
//! generated from the table in `src/vendors/s2_partner/mod.rs`; here are the ones with
//! behaviour: the async iterators and the creates (whose bodies are checked).

use tsify::Tsify;
use wasm_bindgen::prelude::*;

use super::pages::iterate;
use super::{build_with, from_js, optional, to_js_error, CallOptionsArg, Caller};
use crate::request::{ArgumentObject, FieldError, FromArgument, Operation};
use crate::schema::Wire;
use crate::vendors::s2_partner::fulfillment::{CreateFulfillment, ListFulfillments, NewPartnerFulfillment};
use crate::vendors::s2_partner::product::ListProducts;
use crate::vendors::s2_partner::purchase_order::{CreatePurchaseOrder, ListPurchaseOrders, NewPartnerPurchaseOrder};

/// Parameters of `listFulfillments` / `listPurchaseOrders` (async iterators).
#[derive(Debug, Default, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ListByIdsParams {
    #[serde(default)]
    pub id_list: Option<Vec<i64>>,
    /// Stop after this many items.
    #[serde(default)]
    pub limit: Option<u32>,
}

/// Parameters of `listProducts` (async iterator).
#[derive(Debug, Default, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LimitParams {
    #[serde(default)]
    pub limit: Option<u32>,
}

impl FromArgument for ListByIdsParams {
    fn from_argument(value: serde_json::Value, field: &str) -> Result<Self, FieldError> {
        let mut object = ArgumentObject::new(value, field)?;
        Ok(Self { id_list: object.take("idList")?, limit: object.take("limit")? })
    }
}

impl FromArgument for LimitParams {
    fn from_argument(value: serde_json::Value, field: &str) -> Result<Self, FieldError> {
        let mut object = ArgumentObject::new(value, field)?;
        Ok(Self { limit: object.take("limit")? })
    }
}

#[wasm_bindgen]
extern "C" {
    // The optional parameter objects as argument types, so TypeScript sees `params?: ...`.
    #[wasm_bindgen(typescript_type = "ListByIdsParams")]
    pub type ListByIdsParamsArg;
    #[wasm_bindgen(typescript_type = "LimitParams")]
    pub type LimitParamsArg;
}

#[wasm_bindgen]
pub struct S2PartnerClient {
    pub(crate) caller: Caller,
}

/// An async iterator, or one that throws the parameter errors on first use.
fn iterate_with<P, O>(
    caller: &Caller,
    params: &JsValue,
    options: Option<CallOptionsArg>,
    first: impl FnOnce(&P) -> O,
    limit: impl FnOnce(&P) -> Option<u32>,
) -> Result<JsValue, JsValue>
where
    P: Wire + FromArgument,
    O: crate::paginate::Paginated + 'static,
{
    let params: P = from_js(params).map_err(|e| to_js_error(super::transport::Failure::from(e).of(O::ENDPOINT.id)))?;
    let options: JsValue = options.map(Into::into).unwrap_or(JsValue::UNDEFINED);
    Ok(iterate(caller, first(&params), limit(&params), options))
}

fn list_fulfillments(p: &ListByIdsParams) -> ListFulfillments {
    ListFulfillments::new().id_list(p.id_list.clone().unwrap_or_default())
}

fn list_purchase_orders(p: &ListByIdsParams) -> ListPurchaseOrders {
    ListPurchaseOrders::new().id_list(p.id_list.clone().unwrap_or_default())
}

#[wasm_bindgen]
impl S2PartnerClient {
    /// `GET /fulfillment`, every page: `for await (const f of client.s2Partner.listFulfillments({ limit: 500 }))`.
    #[wasm_bindgen(js_name = listFulfillments, unchecked_return_type = "PagedIterable<PartnerFulfillment>")]
    pub fn list_fulfillments(&self, params: Option<ListByIdsParamsArg>, options: Option<CallOptionsArg>) -> Result<JsValue, JsValue> {
        iterate_with(&self.caller, &optional(params), options, list_fulfillments, |p: &ListByIdsParams| p.limit)
    }

    /// `POST /fulfillment`: creates a fulfillment (not idempotent: never retried).
    #[wasm_bindgen(js_name = createFulfillment, unchecked_return_type = "Promise<PartnerFulfillment>")]
    pub fn create_fulfillment(
        &self,
        #[wasm_bindgen(unchecked_param_type = "NewPartnerFulfillment")] body: JsValue,
        options: Option<CallOptionsArg>,
    ) -> js_sys::Promise {
        self.caller.call(CreateFulfillment::ENDPOINT.id, build_with(&body, |b: NewPartnerFulfillment| CreateFulfillment::new(b).build()), options)
    }

    /// `GET /product`, every page.
    #[wasm_bindgen(js_name = listProducts, unchecked_return_type = "PagedIterable<PartnerProduct>")]
    pub fn list_products(&self, params: Option<LimitParamsArg>, options: Option<CallOptionsArg>) -> Result<JsValue, JsValue> {
        iterate_with(&self.caller, &optional(params), options, |_: &LimitParams| ListProducts::new(), |p| p.limit)
    }

    /// `GET /purchase-order`, every page.
    #[wasm_bindgen(js_name = listPurchaseOrders, unchecked_return_type = "PagedIterable<PartnerPurchaseOrder>")]
    pub fn list_purchase_orders(&self, params: Option<ListByIdsParamsArg>, options: Option<CallOptionsArg>) -> Result<JsValue, JsValue> {
        iterate_with(&self.caller, &optional(params), options, list_purchase_orders, |p: &ListByIdsParams| p.limit)
    }

    /// `POST /purchase-order`: creates a purchase order (never retried).
    #[wasm_bindgen(js_name = createPurchaseOrder, unchecked_return_type = "Promise<PartnerPurchaseOrder>")]
    pub fn create_purchase_order(
        &self,
        #[wasm_bindgen(unchecked_param_type = "NewPartnerPurchaseOrder")] body: JsValue,
        options: Option<CallOptionsArg>,
    ) -> js_sys::Promise {
        self.caller.call(CreatePurchaseOrder::ENDPOINT.id, build_with(&body, |b: NewPartnerPurchaseOrder| CreatePurchaseOrder::new(b).build()), options)
    }
}
