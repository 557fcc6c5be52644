//! Orders: `POST /v1/orders/elastic_search` and `POST /v2-queue/order` (seed
//! `stock2shop-api.txt`).
//!
//! Orders come from a sales channel, are saved to Stock2Shop and processed to the ERP.
//! Identifiers: `id` is Stock2Shop's, `channel_order_code` the channel's, and
//! `sources[].source_order_code` the ERP's (several for a split order). Identifiers of a
//! channel or source the order has not synced with are missing.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;

use super::positive_id;
use super::search::{EsHits, EsRequestEcho, EsSearch, EsShards};
use crate::catalogue::Endpoint;
use crate::request::{FieldError, FieldErrors, Operation, Request};
use crate::schema::Wire;
use crate::vendors::checks;

pub use super::{QUEUE_ORDER, SEARCH_ORDERS};

/// `POST /v1/orders/elastic_search`: orders matching an Elasticsearch bool query,
/// checked before sending (see [`EsSearch::check`]). Page with `from` and `size`.
///
/// The seed's example posts to `/v1/orders/elastic_search` while its heading says
/// `/v1/orders/elasticsearch` and its "HTTP Request" line `/v1/products/elasticsearch`;
/// the catalogue follows the example (and the products endpoint's spelling).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchOrders {
    search: EsSearch,
}

impl SearchOrders {
    pub fn new(search: EsSearch) -> Self {
        Self { search }
    }

    pub fn search(&self) -> &EsSearch {
        &self.search
    }
}

impl Operation for SearchOrders {
    const ENDPOINT: &'static Endpoint = &SEARCH_ORDERS;
    type Response = SystemOrderSearch;

    fn build(&self) -> Result<Request, Vec<FieldError>> {
        Request::builder(Self::ENDPOINT).field_errors(self.search.check()).json(&self.search).build()
    }
}

/// `POST /v2-queue/order?client_id=<id>&channel_id=<id>` (on the queue host,
/// `https://api.stock2shop.com`): queues an order as the channel would have sent it (a
/// Shopify order in Shopify's webhook format, say). The payload is any JSON object; its
/// format is agreed between the channel and Stock2Shop.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueOrder {
    client_id: i64,
    channel_id: i64,
    order: Value,
}

impl QueueOrder {
    /// `client_id` and `channel_id` are a channel's `client_id` and `id` from
    /// `GET /v1/channels`.
    pub fn new(client_id: i64, channel_id: i64, order: Value) -> Self {
        Self { client_id, channel_id, order }
    }

    pub fn order(&self) -> &Value {
        &self.order
    }
}

/// The order payload must be a non-empty JSON object.
pub fn check_order_payload(errors: &mut FieldErrors, order: &Value) {
    match order {
        Value::Object(map) if map.is_empty() => errors.push("body", "must not be an empty object: send the channel's order payload"),
        Value::Object(_) => {}
        other => errors.push("body", format!("must be a JSON object (the channel's order payload), got {}", json_kind(other))),
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl Operation for QueueOrder {
    const ENDPOINT: &'static Endpoint = &QUEUE_ORDER;
    type Response = QueueOrderResponse;

    fn build(&self) -> Result<Request, Vec<FieldError>> {
        let mut errors = FieldErrors::new();
        positive_id(&mut errors, "client_id", self.client_id);
        positive_id(&mut errors, "channel_id", self.channel_id);
        check_order_payload(&mut errors, &self.order);
        Request::builder(Self::ENDPOINT)
            .query("client_id", Some(&self.client_id.to_string()))
            .query("channel_id", Some(&self.channel_id.to_string()))
            .field_errors(checks::into_vec(errors))
            .json(&self.order)
            .build()
    }
}

/// The answer of `POST /v1/orders/elastic_search`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemOrderSearch {
    /// Milliseconds Elasticsearch took.
    pub took: i64,
    pub timed_out: bool,
    #[serde(rename = "_shards")]
    pub shards: EsShards,
    /// The indexed copies; `hits.total` counts every match (for paging).
    pub hits: EsHits,
    /// The query Stock2Shop ran, its own filters included.
    pub request: EsRequestEcho,
    /// The live records of the hits, in hit order.
    #[wire(records)]
    pub system_orders: Vec<SystemOrder>,
    /// Milliseconds Stock2Shop took.
    pub took_s2s: i64,
}

/// An order as Stock2Shop stores it. Amounts are numbers; each `*_display` field is the
/// same amount as text with two decimals (`"119.23"`).
///
/// Scalars, decided per field for a PHP back end: every amount (totals, line and
/// shipping prices, taxes, discounts) is a loose number (`119.23` or `"119.23"`, as
/// Stock2Shop's products send prices), counts (`qty`, `grams`) loose integers; ids stay
/// strict except `channel_id` and `source_id`, seen as strings. `state`, `ordered_date`,
/// `fulfillments` and `shipping_lines` are in Stock2Shop's own published orders
/// (`tests/fixtures/real/stock2shop/`) but not in the seed's: optional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemOrder {
    pub id: i64,
    /// `"2020-06-08 14:03:48"` (no offset).
    pub created: String,
    /// The channel's order number; missing until synced with the channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_order_code: Option<String>,
    pub modified: String,
    /// Loose: a number here (`191`), a string on products (`"47"`).
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::integer")]
    pub channel_id: i64,
    pub client_id: i64,
    #[serde(default)]
    pub customer_id: Option<i64>,
    #[serde(default)]
    pub notes: Option<String>,
    /// e.g. `"ordered"`.
    pub status: String,
    /// Stock2Shop's processing state (`"saved"`, ...), beside the channel's `status`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// When the customer ordered, `"2020-06-08 14:03:48"` (no offset); `created` is when
    /// Stock2Shop received it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ordered_date: Option<String>,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::number")]
    pub total_discount: f64,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::number")]
    pub line_item_sub_total: f64,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::number")]
    pub line_item_tax: f64,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::number")]
    pub shipping_sub_total: f64,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::number")]
    pub shipping_tax: f64,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::number")]
    pub sub_total: f64,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::number")]
    pub tax: f64,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::number")]
    pub total: f64,
    pub customer: SystemOrderCustomer,
    /// The ERP orders this order went to (several for a split order).
    pub sources: Vec<SystemOrderSource>,
    pub line_items: Vec<SystemOrderLineItem>,
    /// Shipping charged; missing on orders without.
    #[serde(default)]
    pub shipping_lines: Vec<SystemOrderShippingLine>,
    /// Shipments so far; missing before the first.
    #[serde(default)]
    pub fulfillments: Vec<SystemOrderFulfillment>,
    pub meta: Vec<SystemOrderMeta>,
    #[serde(default)]
    pub shipping_address: Option<SystemOrderAddress>,
    #[serde(default)]
    pub billing_address: Option<SystemOrderAddress>,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::number")]
    pub shipping_total: f64,
    pub sub_total_display: String,
    pub shipping_total_display: String,
    pub shipping_tax_display: String,
    pub tax_display: String,
    pub total_display: String,
    pub total_discount_display: String,
}

/// The customer of an order. Each field may be null (the addresses show the vendor
/// sends null for what it does not have).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemOrderCustomer {
    /// The channel's customer id; missing until synced.
    #[serde(default)]
    pub channel_customer_code: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
}

/// An ERP order of this order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemOrderSource {
    /// Loose: `"318"` here, `318` on the order's lines.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::integer")]
    pub source_id: i64,
    /// The ERP's order number; missing until synced.
    #[serde(default)]
    pub source_order_code: Option<String>,
}

/// An order line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemOrderLineItem {
    pub id: i64,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::integer")]
    pub grams: i64,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::number")]
    pub price: f64,
    pub sku: String,
    /// The product's title as ordered; missing in the seed's orders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::number")]
    pub total_discount: f64,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::integer")]
    pub qty: i64,
    /// The Stock2Shop variant; null for a SKU Stock2Shop does not know.
    #[serde(default)]
    pub variant_id: Option<i64>,
    /// The source that supplies the line. Loose (`"318"` on the order's `sources`).
    #[wire(loose)]
    #[serde(default, deserialize_with = "crate::loose::option_integer")]
    pub source_id: Option<i64>,
    pub tax_lines: Vec<SystemOrderTaxLine>,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::number")]
    pub sub_total: f64,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::number")]
    pub tax: f64,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::number")]
    pub tax_per_unit: f64,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::number")]
    pub total: f64,
    pub sub_total_display: String,
    pub tax_display: String,
    pub tax_per_unit_display: String,
    pub total_display: String,
    pub price_display: String,
    pub total_discount_display: String,
}

/// A shipping charge of an order (`"Next Day"`, `100`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemOrderShippingLine {
    /// The method's name; null or missing when the channel sent none.
    #[serde(default)]
    pub title: Option<String>,
    /// Loose number, like every amount.
    #[wire(loose)]
    #[serde(default, deserialize_with = "crate::loose::option_number")]
    pub price: Option<f64>,
}

/// A shipment of an order; every field may be missing or null (a fulfilment is created
/// before it ships).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemOrderFulfillment {
    /// The fulfilment service's status (free text, e.g. `"shipped"`).
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub tracking_number: Option<String>,
    /// The carrier.
    #[serde(default)]
    pub tracking_company: Option<String>,
    #[serde(default)]
    pub tracking_url: Option<String>,
    /// Stock2Shop's state of the shipment (`"pending"`, ...).
    #[serde(default)]
    pub state: Option<String>,
}

/// A tax on a line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemOrderTaxLine {
    /// Percent. Loose: the seed sends `"rate": "15"`.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::number")]
    pub rate: f64,
}

/// A key-value pair of an order (`customer_reference` = `"PO 123"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemOrderMeta {
    pub key: String,
    pub value: String,
}

/// A shipping or billing address; any field may be null.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemOrderAddress {
    #[serde(default)]
    pub address1: Option<String>,
    #[serde(default)]
    pub address2: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub company: Option<String>,
    /// The seed has `"ZA"` in both `country` and `country_code`.
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub country_code: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub province: Option<String>,
    #[serde(default)]
    pub province_code: Option<String>,
    #[serde(default)]
    pub zip: Option<String>,
}

/// The answer of `POST /v2-queue/order`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct QueueOrderResponse {
    /// `"order received"`.
    pub message: String,
    pub queue_messages: Vec<QueueMessage>,
}

/// A message put on the queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct QueueMessage {
    /// e.g. `"213-980-0/2021-08/27/17/48/04-213285668-sync_order.json"`.
    pub key: String,
    /// A UUID.
    pub message_id: String,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::search::EsClause;
    use super::*;

    fn messages(errors: Vec<FieldError>) -> Vec<String> {
        errors.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn search_builds_the_seed_call() {
        let fields = ["id.autocomplete", "channel_order_code", "sources.source_order_code"];
        let search = EsSearch::new().must(EsClause::multi_match(fields, "abc")).from(0).size(10);
        let request = SearchOrders::new(search).build().unwrap();
        assert_eq!((request.operation, request.path_and_query()), ("stock2shop.search_orders", "/v1/orders/elastic_search".to_string()));
        let body: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
        assert_eq!(body["query"]["bool"]["must"][0]["multi_match"], json!({"fields": fields, "query": "abc", "operator": "or"}));
        assert_eq!((&body["size"], &body["from"]), (&json!(10), &json!(0)));
    }

    #[test]
    fn the_search_answer_decodes_with_both_spellings() {
        let found = crate::decode::<SystemOrderSearch>(include_bytes!("../../../tests/fixtures/stock2shop.search_orders/good.json")).unwrap();
        assert!(found.drift.is_empty());
        let order = &found.value.system_orders[0];
        assert_eq!((order.sources[0].source_id, order.line_items[0].source_id), (318, Some(318)));
        assert_eq!(order.line_items[0].tax_lines[0].rate, 15.0);
        assert_eq!(order.line_items[0].tax_lines[1].rate, 7.5);
        assert_eq!(order.shipping_address.as_ref().and_then(|a| a.city.as_deref()), None);
        assert_eq!(found.value.request.body.size, Some(10));
        assert_eq!(found.value.hits.max_score, Some(10.32759));
    }

    #[test]
    fn queue_order_sends_any_object_with_both_ids() {
        let request = QueueOrder::new(456, 123, json!({"my order payload": {"foo": "bar"}})).build().unwrap();
        assert_eq!(request.path_and_query(), "/v2-queue/order?client_id=456&channel_id=123");
        assert_eq!(request.body.as_deref(), Some(r#"{"my order payload":{"foo":"bar"}}"#));
        assert_eq!(
            messages(QueueOrder::new(0, -1, json!([1])).build().unwrap_err()),
            [
                "client_id: must be a positive id, got 0",
                "channel_id: must be a positive id, got -1",
                "body: must be a JSON object (the channel's order payload), got an array"
            ]
        );
        assert_eq!(messages(QueueOrder::new(1, 1, json!({})).build().unwrap_err()), ["body: must not be an empty object: send the channel's order payload"]);
    }
}
