//! `client.stock2shop`: Stock2Shop, through the proxy (which logs in, holds the token and
//! adds `?token=`). The two user operations (`authenticate`, `valid_token`) carry
//! credentials and are the proxy's alone, so they have no method here. `listSources` and
//! `listChannels` are generated from the table in `src/vendors/stock2shop/mod.rs`; the
//! searches and queues, which check their bodies, are here.

use serde_json::Value;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use super::{build_with, optional, CallOptionsArg, Caller};
use crate::request::{ArgumentObject, FieldError, FromArgument, Operation};
use crate::schema::Wire;
use crate::vendors::stock2shop::images::{QueueImages, QueueImagesBody};
use crate::vendors::stock2shop::orders::{QueueOrder, SearchOrders};
use crate::vendors::stock2shop::products::{QueueProducts, QueueProductsBody, SearchProducts};
use crate::vendors::stock2shop::search::EsSearch;

/// Parameters of `queueProducts`.
#[derive(Debug, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
pub(crate) struct QueueProductsParams {
    /// The source the products come from (an `id` of `listSources()`); every product's
    /// `source.source_id` must be the same.
    pub source_id: i64,
}

/// Parameters of `queueOrder`: a channel's `client_id` and `id` from `listChannels()`.
#[derive(Debug, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
pub(crate) struct QueueOrderParams {
    pub client_id: i64,
    pub channel_id: i64,
}

impl FromArgument for QueueProductsParams {
    fn from_argument(value: serde_json::Value, field: &str) -> Result<Self, FieldError> {
        let mut object = ArgumentObject::new(value, field)?;
        Ok(Self { source_id: object.take("sourceId")? })
    }
}

impl FromArgument for QueueOrderParams {
    fn from_argument(value: serde_json::Value, field: &str) -> Result<Self, FieldError> {
        let mut object = ArgumentObject::new(value, field)?;
        Ok(Self { client_id: object.take("clientId")?, channel_id: object.take("channelId")? })
    }
}

#[wasm_bindgen]
extern "C" {
    /// `EsSearch` as an optional argument type, so TypeScript sees `query?: EsSearch`.
    #[wasm_bindgen(typescript_type = "EsSearch")]
    pub type EsSearchArg;
}

#[wasm_bindgen]
pub struct Stock2ShopClient {
    pub(crate) caller: Caller,
}

#[wasm_bindgen]
impl Stock2ShopClient {
    /// `POST /v1/products/elastic_search`: an Elasticsearch bool query (no query: the
    /// first 10 products). Page with `from` and `size`; `hits.total` counts all matches.
    #[wasm_bindgen(js_name = searchProducts, unchecked_return_type = "Promise<Checked<SystemProductSearch>>")]
    pub fn search_products(&self, query: Option<EsSearchArg>, options: Option<CallOptionsArg>) -> js_sys::Promise {
        self.caller.call(SearchProducts::ENDPOINT.id, build_with(&optional(query), |q: EsSearch| SearchProducts::new(q).build()), options)
    }

    /// `POST /v1/products/queue?source_id=`: queues products (never retried).
    #[wasm_bindgen(js_name = queueProducts, unchecked_return_type = "Promise<QueueProductsResponse>")]
    pub fn queue_products(
        &self,
        #[wasm_bindgen(unchecked_param_type = "QueueProductsParams")] params: JsValue,
        #[wasm_bindgen(unchecked_param_type = "QueueProductsBody")] body: JsValue,
        options: Option<CallOptionsArg>,
    ) -> js_sys::Promise {
        let request = build_with(&params, |p: QueueProductsParams| build_with(&body, |b: QueueProductsBody| QueueProducts::new(p.source_id, b).build()));
        self.caller.call(QueueProducts::ENDPOINT.id, request, options)
    }

    /// `POST /v1/images/queue`: queues base64 images (JPEG or PNG, at most 2 MB each;
    /// checked before sending; never retried).
    #[wasm_bindgen(js_name = queueImages, unchecked_return_type = "Promise<QueueImagesResponse>")]
    pub fn queue_images(&self, #[wasm_bindgen(unchecked_param_type = "QueueImagesBody")] body: JsValue, options: Option<CallOptionsArg>) -> js_sys::Promise {
        self.caller.call(QueueImages::ENDPOINT.id, build_with(&body, |b: QueueImagesBody| QueueImages::new(b).build()), options)
    }

    /// `POST /v1/orders/elastic_search`: an Elasticsearch bool query over orders.
    #[wasm_bindgen(js_name = searchOrders, unchecked_return_type = "Promise<Checked<SystemOrderSearch>>")]
    pub fn search_orders(&self, query: Option<EsSearchArg>, options: Option<CallOptionsArg>) -> js_sys::Promise {
        self.caller.call(SearchOrders::ENDPOINT.id, build_with(&optional(query), |q: EsSearch| SearchOrders::new(q).build()), options)
    }

    /// `POST /v2-queue/order?client_id=&channel_id=`: queues a channel's order payload
    /// (any non-empty JSON object, in the channel's own format; never retried).
    #[wasm_bindgen(js_name = queueOrder, unchecked_return_type = "Promise<QueueOrderResponse>")]
    pub fn queue_order(
        &self,
        #[wasm_bindgen(unchecked_param_type = "QueueOrderParams")] params: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] order: JsValue,
        options: Option<CallOptionsArg>,
    ) -> js_sys::Promise {
        let request = build_with(&params, |p: QueueOrderParams| build_with(&order, |o: Value| QueueOrder::new(p.client_id, p.channel_id, o).build()));
        self.caller.call(QueueOrder::ENDPOINT.id, request, options)
    }
}
