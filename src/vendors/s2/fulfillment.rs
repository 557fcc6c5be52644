//! Fulfillment orders: `POST /fulfillment` (seed `s2-fulfillment-order-api.txt`).
//!
//! A fulfillment order ships items from a warehouse to an address, standalone or for an
//! existing order (`orderId`) or RMA (`rmaId`), in one or more shipments.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::sync::Mutex;
use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use tsify::Tsify;

use super::inventory::{S2Address, S2Organization, S2Product, S2Warehouse};
use crate::catalogue::{Duplicates, Endpoint};
use crate::request::{FieldError, FieldErrors, Operation, Request};
use crate::schema::{Schema, Wire};
use crate::vendors::checks;

pub use super::CREATE_FULFILLMENT_ORDER;

/// `POST /fulfillment`: creates a fulfillment order. The body is checked before anything
/// is sent (see [`S2NewFulfillmentOrder::check`]).
///
/// Not idempotent in general. With `channelFulfillmentId` set the vendor refuses a
/// second fulfillment with the same id: HTTP 409 with
/// `{"code": "ALREADY_EXISTS", "message": "Fulfillment with channelFulfillmentId '...' already exists for this organization"}`,
/// so after a create whose answer was lost that answer means "already created" (see
/// [`send_safely`](Self::send_safely)).
#[derive(Debug, Clone, PartialEq)]
pub struct CreateFulfillmentOrder {
    body: S2NewFulfillmentOrder,
}

impl CreateFulfillmentOrder {
    pub fn new(body: S2NewFulfillmentOrder) -> Self {
        Self { body }
    }

    pub fn body(&self) -> &S2NewFulfillmentOrder {
        &self.body
    }
}

/// How a [`CreateFulfillmentOrder::send_safely`] ended.
#[derive(Debug, Clone, PartialEq, Serialize, Tsify)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum S2CreateOutcome {
    /// The vendor created it and answered with it.
    Created { fulfillment: Box<S2FulfillmentOrder> },
    /// An earlier attempt whose answer was lost (timeout, network error, a vendor's or the
    /// proxy's 502-504) had already created it: a retry, or a resubmission on the same
    /// client, got 409 `ALREADY_EXISTS` for the same `channelFulfillmentId`.
    AlreadyCreated {
        #[serde(rename = "channelFulfillmentId")]
        channel_fulfillment_id: String,
    },
}

/// How [`CreateFulfillmentOrder::send_safely_undecoded`] ended: as
/// [`S2CreateOutcome`], with the created order's answer as its validated bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum SafeCreate {
    /// The vendor's answer to the create that succeeded.
    Created(Vec<u8>),
    /// The `channelFulfillmentId` of an order an earlier attempt had created.
    AlreadyCreated(String),
}

impl CreateFulfillmentOrder {
    /// Attempts made at most by [`send_safely`](Self::send_safely).
    pub const MAX_ATTEMPTS: u32 = 3;
    /// The first wait between attempts without `Retry-After`; doubled for each further one.
    pub const BACKOFF_BASE: Duration = Duration::from_millis(500);
    /// The longest wait between attempts, `Retry-After` included.
    pub const MAX_WAIT: Duration = Duration::from_secs(60);

    /// Sends the create, retrying when that is safe.
    ///
    /// Semantics: a create without `channelFulfillmentId` is sent once; any failure is
    /// returned as is, because a lost answer may hide a created fulfillment and a retry
    /// could duplicate it. With `channelFulfillmentId` set, S2 refuses duplicates, so:
    ///
    /// - An attempt whose outcome is unknown ([`Error::outcome_unknown`]: a timeout, a
    ///   network error, a vendor 502-504, or the proxy's own 502-504 report of a loss such
    ///   as `upstream_timeout`, `proxy_timeout`, `upstream_truncated`,
    ///   `upstream_unreachable`) or a 429 is retried with the same key, at most
    ///   [`MAX_ATTEMPTS`](Self::MAX_ATTEMPTS) in all. Between attempts `wait` is called
    ///   with the answer's `Retry-After` (capped at [`MAX_WAIT`](Self::MAX_WAIT)) or else
    ///   an exponential backoff from [`BACKOFF_BASE`](Self::BACKOFF_BASE), each wait
    ///   between half and all of its step (jitter). Other 4xx (the proxy's 400/401/403
    ///   too), an abort and the proxy's `upstream_credentials` are not retried.
    /// - A 409 `ALREADY_EXISTS` after an attempt whose outcome is unknown means that
    ///   attempt created it: [`S2CreateOutcome::AlreadyCreated`]. So does a 409 on the
    ///   first attempt of a key in `lost`, the client's memory of keys whose create ended
    ///   without an answer (a user's resubmission after an `outcome_unknown`). Any other
    ///   409 is a real duplicate: [`Error::AlreadyExists`](crate::Error::AlreadyExists).
    /// - When the last attempt's outcome is unknown too, the error is
    ///   [`Error::OutcomeUnknown`](crate::Error::OutcomeUnknown): it may or may not
    ///   exist. Whenever a create ends without knowing (that, an abort, or a refusal
    ///   after a lost answer), its key is remembered in `lost`; a create that is resolved
    ///   is forgotten there.
    ///
    /// `send` is the transport: it sends a request and returns the response body.
    /// `wait` sleeps (injected, so that tests do not).
    pub async fn send_safely<F, Fut, W, WFut>(&self, lost: &LostAnswers, send: F, wait: W) -> Result<S2CreateOutcome, crate::Error>
    where
        F: FnMut(Request) -> Fut,
        Fut: std::future::Future<Output = Result<Vec<u8>, crate::Error>>,
        W: FnMut(Duration) -> WFut,
        WFut: std::future::Future<Output = ()>,
    {
        Ok(match self.send_safely_undecoded(lost, send, wait).await? {
            SafeCreate::Created(body) => S2CreateOutcome::Created { fulfillment: Box::new(crate::decode::<S2FulfillmentOrder>(&body)?.value) },
            SafeCreate::AlreadyCreated(channel_fulfillment_id) => S2CreateOutcome::AlreadyCreated { channel_fulfillment_id },
        })
    }

    /// [`send_safely`](Self::send_safely), leaving the created order's answer as the
    /// validated bytes: the browser package parses them with `JSON.parse` rather than
    /// decoding them into Rust (whose serde decoder for the order would cost the module
    /// several KB).
    pub async fn send_safely_undecoded<F, Fut, W, WFut>(&self, lost: &LostAnswers, mut send: F, mut wait: W) -> Result<SafeCreate, crate::Error>
    where
        F: FnMut(Request) -> Fut,
        Fut: std::future::Future<Output = Result<Vec<u8>, crate::Error>>,
        W: FnMut(Duration) -> WFut,
        WFut: std::future::Future<Output = ()>,
    {
        let request = self.build().map_err(|errors| crate::Error::InvalidRequest { errors })?;
        let Some(key) = client_id(&request) else {
            // Without its key S2 cannot tell a duplicate: sent once, a lost answer is unknown.
            let body = send(request).await.map_err(|e| e.after_write_by(CREATE_FULFILLMENT_ORDER.id, Duplicates::Undetectable, 1))?;
            return Ok(SafeCreate::Created(body));
        };
        // Whether an attempt (of this call or an earlier one) may have created it.
        let mut maybe_created = lost.contains(&key);
        let mut attempt = 1;
        let error = loop {
            let error = match send(request.clone()).await {
                Ok(body) => {
                    lost.forget(&key);
                    return Ok(SafeCreate::Created(body));
                }
                Err(crate::Error::AlreadyExists { .. }) if maybe_created => {
                    lost.forget(&key);
                    return Ok(SafeCreate::AlreadyCreated(key));
                }
                Err(error) => error,
            };
            maybe_created |= error.outcome_unknown();
            let retry = matches!(error, crate::Error::RateLimited { .. }) || (error.outcome_unknown() && error != crate::Error::Aborted);
            if !retry || attempt >= Self::MAX_ATTEMPTS {
                break error;
            }
            wait(Self::wait_before_retry(&key, attempt, error.retry_after_seconds())).await;
            attempt += 1;
        };
        if maybe_created {
            lost.remember(&key);
        }
        Err(error.after_write(&CREATE_FULFILLMENT_ORDER, attempt))
    }

    /// The wait after attempt `attempt` failed: `Retry-After` (capped), or the backoff
    /// step `BACKOFF_BASE * 2^(attempt-1)` less up to half of it, by a jitter derived
    /// from the key (different creates retrying together spread out; tests see fixed
    /// waits).
    fn wait_before_retry(key: &str, attempt: u32, retry_after_seconds: Option<u32>) -> Duration {
        if let Some(seconds) = retry_after_seconds {
            return Duration::from_secs(seconds.into()).min(Self::MAX_WAIT);
        }
        let step = Self::BACKOFF_BASE.saturating_mul(1 << attempt.saturating_sub(1).min(16)).min(Self::MAX_WAIT);
        let mut hasher = std::hash::DefaultHasher::new();
        std::hash::Hash::hash(&(key, attempt), &mut hasher);
        let fraction = (std::hash::Hasher::finish(&hasher) % 1_001) as f64 / 1_000.0;
        step.mul_f64(1.0 - fraction / 2.0)
    }
}

/// The idempotency key the request carries: the body field that
/// [`CREATE_FULFILLMENT_ORDER`]'s duplicate rule names, when set and not blank.
fn client_id(request: &Request) -> Option<String> {
    let Duplicates::ClientId(field) = CREATE_FULFILLMENT_ORDER.duplicates else {
        return None;
    };
    let body: serde_json::Value = serde_json::from_str(request.body.as_deref()?).ok()?;
    body.get(field)?.as_str().filter(|k| !k.trim().is_empty()).map(str::to_string)
}

/// A client's memory of the `channelFulfillmentId`s whose create ended without knowing
/// whether it was created (see [`CreateFulfillmentOrder::send_safely`]): the latest
/// [`CAPACITY`](Self::CAPACITY) keys. One per client, shared by its calls.
#[derive(Debug, Default)]
pub struct LostAnswers {
    keys: Mutex<VecDeque<String>>,
}

impl LostAnswers {
    pub const CAPACITY: usize = 1_000;

    fn keys(&self) -> std::sync::MutexGuard<'_, VecDeque<String>> {
        self.keys.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn contains(&self, key: &str) -> bool {
        self.keys().iter().any(|k| k == key)
    }

    /// Remembers `key` as the latest; the oldest goes beyond [`CAPACITY`](Self::CAPACITY).
    pub fn remember(&self, key: &str) {
        let mut keys = self.keys();
        keys.retain(|k| k != key);
        if keys.len() >= Self::CAPACITY {
            keys.pop_front();
        }
        keys.push_back(key.to_string());
    }

    pub fn forget(&self, key: &str) {
        self.keys().retain(|k| k != key);
    }

    pub fn len(&self) -> usize {
        self.keys().len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys().is_empty()
    }
}

impl Operation for CreateFulfillmentOrder {
    const ENDPOINT: &'static Endpoint = &CREATE_FULFILLMENT_ORDER;
    type Response = S2FulfillmentOrder;

    fn build(&self) -> Result<Request, Vec<FieldError>> {
        Request::builder(Self::ENDPOINT).field_errors(self.body.check()).json(&self.body).build()
    }
}

/// S2's order type, sent as an integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrderType {
    /// `0`: business to consumer. The vendor's default when `orderType` is not set.
    B2c,
    /// `1`: business to business.
    B2b,
    /// `2`: FBA (Fulfillment by Amazon).
    Fba,
}

/// S2's fulfillment method (`method`), sent as an integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FulfillmentMethod {
    /// `0`: SPD (small parcel delivery).
    Spd,
    /// `1`: PICKUP.
    Pickup,
    /// `2`: LTL (less than truckload freight).
    Ltl,
}

#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const ORDER_TYPE_TS: &str = r#"
/** S2 order type: `0` B2C (the default when not set), `1` B2B, `2` FBA (Fulfillment by Amazon). */
export type S2OrderType = 0 | 1 | 2;
/** S2 fulfillment method: `0` SPD (small parcel delivery), `1` PICKUP, `2` LTL (less than truckload). */
export type S2FulfillmentMethod = 0 | 1 | 2;
"#;

/// For an integer enum: its codes, `Serialize`/`Deserialize` as a bare integer (an
/// unknown code is a decoding error) and its `Wire` schema (`Schema::IntEnum`).
macro_rules! int_enum {
    ($ty:ident, $expecting:literal, [$($variant:ident = $code:literal),+]) => {
        impl $ty {
            /// The integer on the wire.
            pub const fn code(self) -> i64 {
                match self { $($ty::$variant => $code),+ }
            }

            pub const fn from_code(code: i64) -> Option<Self> {
                match code { $($code => Some($ty::$variant),)+ _ => None }
            }
        }

        impl Wire for $ty {
            const SCHEMA: &'static Schema = &Schema::IntEnum(&[$($code),+]);
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.code())
            }
        }

        impl crate::request::FromArgument for $ty {
            fn from_argument(value: serde_json::Value, field: &str) -> Result<Self, FieldError> {
                value.as_i64().and_then($ty::from_code).ok_or_else(|| FieldError { field: field.into(), message: concat!("expected ", $expecting).into() })
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let code = i64::deserialize(deserializer)?;
                $ty::from_code(code).ok_or_else(|| {
                    serde::de::Error::invalid_value(serde::de::Unexpected::Signed(code), &$expecting)
                })
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.code())
            }
        }
    };
}

int_enum!(OrderType, "0 (B2C), 1 (B2B) or 2 (FBA)", [B2c = 0, B2b = 1, Fba = 2]);
int_enum!(FulfillmentMethod, "0 (SPD), 1 (PICKUP) or 2 (LTL)", [Spd = 0, Pickup = 1, Ltl = 2]);

/// The body of `POST /fulfillment`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
#[wire(argument)]
pub struct S2NewFulfillmentOrder {
    /// Only for a fulfillment of an existing order; leave out for a standalone one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// Only for a fulfillment of an existing RMA; leave out for a standalone one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rma_id: Option<String>,
    /// The shipping address. Every field is required; pass `""` where there is no value.
    /// `countryId` is ISO 3166-1 alpha-2 (`"US"`).
    pub address: S2Address,
    /// The warehouse to fulfill from; the vendor picks one at random when left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warehouse_id: Option<String>,
    /// The channel's own fulfillment id. Unique per organization: a second create with
    /// the same id fails with 409 `ALREADY_EXISTS`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_fulfillment_id: Option<String>,
    /// Only when there is no `orderId` (an order brings its own account).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_account_id: Option<String>,
    /// The code of the related account (see the Account page of the S2 web app).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_code: Option<String>,
    /// `0` B2C (the default when left out), `1` B2B, `2` FBA.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(type = "S2OrderType")]
    pub order_type: Option<OrderType>,
    /// `""` or `"standard"` when there is no particular method.
    pub shipping_method: String,
    /// What to fulfill: at least one item.
    pub items: Vec<S2NewFulfillmentItem>,
    /// Each shipment carries some of `items`.
    pub shipments: Vec<S2NewFulfillmentShipment>,
    /// Pass `[]` when there are none.
    pub attachments: Vec<S2NewFulfillmentAttachment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional_reference_ids: Option<Vec<String>>,
    /// Whether delivery needs a signature.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature_required: Option<bool>,
    /// `0` SPD, `1` PICKUP, `2` LTL.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(type = "S2FulfillmentMethod")]
    pub method: Option<FulfillmentMethod>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_note: Option<String>,
}

/// A product and its quantity, in the order's `items` and in a shipment's `items`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
#[wire(argument)]
pub struct S2NewFulfillmentItem {
    /// The S2 product id (a UUID, see `GET /inventory/overview`).
    pub product_id: String,
    pub quantity: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
#[wire(argument)]
pub struct S2NewFulfillmentShipment {
    /// Some of the order's items: every `productId` must be one of the order's, with at
    /// most the order's quantity.
    pub items: Vec<S2NewFulfillmentItem>,
    /// Pre-generated shipping labels; `[]` when there are none.
    pub prepaid_labels: Vec<S2PrepaidLabel>,
    /// The carrier; the vendor uses `"OTHER"` when left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_carrier_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tracking_number: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
#[wire(argument)]
pub struct S2PrepaidLabel {
    /// Path or URL of the label file.
    pub file_path: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
#[wire(argument)]
pub struct S2NewFulfillmentAttachment {
    /// Any Unicode file name (`"听雨 (24 x 26.25)_PFPWig.jpg"`).
    pub file_name: String,
    /// Path or URL of the file.
    pub path: String,
}

impl S2NewFulfillmentOrder {
    /// Every problem with the body: an `address.countryId` that is not ISO 3166-1
    /// alpha-2, no items, an item or shipment item without `productId` or with a quantity
    /// below 1, a shipment without items, a shipment item that is not among the order's
    /// items or ships more of a product than the order has, a prepaid label without
    /// `filePath`. The other address fields may be `""`, as documented.
    pub fn check(&self) -> Vec<FieldError> {
        let mut errors = FieldErrors::new();
        checks::country_code(&mut errors, "address.countryId", &self.address.country_id);

        checks::at_least_one(&mut errors, "items", self.items.len());
        let mut ordered: HashMap<&str, i64> = HashMap::new();
        for (i, item) in self.items.iter().enumerate() {
            checks::required_text(&mut errors, &format!("items[{i}].productId"), &item.product_id);
            checks::quantity(&mut errors, &format!("items[{i}].quantity"), item.quantity);
            let total = ordered.entry(item.product_id.as_str()).or_default();
            *total = total.saturating_add(item.quantity);
        }

        for (s, shipment) in self.shipments.iter().enumerate() {
            let at = format!("shipments[{s}]");
            checks::at_least_one(&mut errors, &format!("{at}.items"), shipment.items.len());
            let mut shipped: HashMap<&str, i64> = HashMap::new();
            for (i, item) in shipment.items.iter().enumerate() {
                let product_field = format!("{at}.items[{i}].productId");
                let quantity_field = format!("{at}.items[{i}].quantity");
                checks::required_text(&mut errors, &product_field, &item.product_id);
                checks::quantity(&mut errors, &quantity_field, item.quantity);
                if item.product_id.trim().is_empty() || item.quantity < 1 {
                    continue;
                }
                let Some(&in_order) = ordered.get(item.product_id.as_str()) else {
                    errors.push(product_field, format!("{:?} is not among the order's items", item.product_id));
                    continue;
                };
                let total = shipped.entry(item.product_id.as_str()).or_default();
                *total = total.saturating_add(item.quantity);
                if *total > in_order {
                    errors.push(quantity_field, format!("exceeds the order's quantity of this product: {total} in this shipment, {in_order} ordered"));
                }
            }
            for (l, label) in shipment.prepaid_labels.iter().enumerate() {
                checks::required_text(&mut errors, &format!("{at}.prepaidLabels[{l}].filePath"), &label.file_path);
            }
        }
        checks::into_vec(errors)
    }
}

/// The response of `POST /fulfillment`: the created fulfillment order.
///
/// The `order*` fields describe the order it fulfills; they are null for a standalone
/// fulfillment (no `orderId` in the request).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
pub struct S2FulfillmentOrder {
    pub id: String,
    /// e.g. `"CREATED"`.
    pub status: String,
    pub address: S2Address,
    /// Null unless the request set one.
    #[serde(default)]
    pub channel_fulfillment_id: Option<String>,
    /// Free-form.
    #[tsify(type = "unknown")]
    pub meta: serde_json::Value,
    pub warehouse: S2Warehouse,
    pub warehouse_pick_id: String,
    pub shipping_method: String,
    pub items: Vec<S2FulfillmentOrderItem>,
    pub created_at: String,
    pub updated_at: String,
    pub attachments: Vec<S2FulfillmentAttachment>,
    pub shipments: Vec<S2FulfillmentShipment>,
    #[serde(default)]
    pub order_organization: Option<S2Organization>,
    #[serde(default)]
    pub ship_by_date: Option<String>,
    #[serde(default)]
    pub deliver_by_date: Option<String>,
    #[serde(default)]
    pub customer_note: Option<String>,
    /// The order's reference ids; entries may be `""`.
    pub reference_ids: Vec<String>,
    #[serde(default)]
    pub order_id: Option<String>,
    /// RFC 3339.
    #[serde(default)]
    pub order_date: Option<String>,
    #[serde(default)]
    pub order_account_id: Option<String>,
    #[serde(default)]
    pub order_channel_order_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
pub struct S2FulfillmentOrderItem {
    pub product: S2Product,
    #[serde(default)]
    pub channel_fulfillment_item_id: Option<String>,
    pub quantity: i64,
    #[tsify(type = "unknown")]
    pub meta: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
pub struct S2FulfillmentAttachment {
    pub id: String,
    /// Any Unicode file name.
    pub file_name: String,
    pub path: String,
    pub created_at: String,
    pub updated_at: String,
}

/// Loose text: `tracking_number` and `tracking_url` may arrive as `null` (not shipped)
/// and decode as `""`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
pub struct S2FulfillmentShipment {
    pub id: String,
    pub fulfillment_id: String,
    #[serde(default)]
    pub manifest_id: Option<String>,
    #[serde(default)]
    pub channel_shipment_id: Option<String>,
    /// e.g. `"CREATED"`.
    pub status: String,
    #[tsify(type = "unknown")]
    pub meta: serde_json::Value,
    pub shipping_carrier: S2ShippingCarrier,
    /// `""` until shipped.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub tracking_number: String,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub tracking_url: String,
    pub items: Vec<S2FulfillmentShipmentItem>,
    pub labels: Vec<S2ShipmentLabel>,
    /// Undocumented shape (`[]` in the seed).
    #[tsify(type = "unknown[]")]
    pub packages: Vec<serde_json::Value>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
pub struct S2ShippingCarrier {
    /// e.g. `"OTHER"`.
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
pub struct S2FulfillmentShipmentItem {
    #[serde(default)]
    pub channel_shipment_item_id: Option<String>,
    pub product: S2Product,
    pub quantity: i64,
    #[tsify(type = "unknown")]
    pub meta: serde_json::Value,
}

/// Loose text: `tracking_number` and `tracking_url` may arrive as `null` and decode as `""`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
pub struct S2ShipmentLabel {
    pub id: String,
    /// The key is `type` on the wire, e.g. `"PREPAID"`.
    #[serde(rename = "type")]
    pub label_type: String,
    pub carrier: String,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub tracking_number: String,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub tracking_url: String,
    pub amount: f64,
    /// e.g. `"USD"`.
    pub amount_currency: String,
    pub file_path: String,
    /// Null for a prepaid label; undocumented shape otherwise.
    #[serde(default)]
    #[tsify(type = "unknown")]
    pub purchased_label: Option<serde_json::Value>,
    pub created_at: String,
    pub updated_at: String,
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::catalogue::Method;

    /// The seed's request body example, verbatim.
    const SEED_REQUEST: &str = r#"{
"orderId": "ae52b0ab-8f0c-4b11-9c13-c5c221228ecd",
"address": {
"name": "test",
"company": "test company",
"address1": "test address",
"address2": "test address2",
"city": "test city",
"state": "test",
"postalCode": "123456",
"countryId": "CN",
"phone": "123456",
"email": ""
},
"warehouseId": "9cae310d-c440-4d78-bdc0-bf306ec3388",
"channelFulfillmentId": null,
"orderAccountId": "1ac48942-405a-4841-a7d8-708f50dbe888",
"accountCode": "test_account_code",
"orderType": 0,
"shippingMethod": "Expedited",
"items": [
{
"productId": "3775cc37-30e7-4579-a58e-c9adda6fa88",
"quantity": 2
},
{
"productId": "bab7c35b-2ecb-4b40-be82-8dc1e0a86888",
"quantity": 1
}
],
"shipments": [
{
"items": [
{
"productId": "3775cc37-30e7-4579-a58e-c9adda6fa88",
"quantity": 2
},
{
"productId": "bab7c35b-2ecb-4b40-be82-8dc1e0a8688",
"quantity": 1
}
],
"prepaidLabels": [
{
"filePath": "95d73baf-76ba-4bea-86ac-1534c5e5d4aa/2024-04-24/shipping_label/Snipaste_2024_04_15_13_37_25_wgfZCvetlGQmtEBqnQ__m.png"
}
],
"shippingCarrierId": "OTHER"
}
],
"attachments": [
{
"fileName": "听雨 (24 x 26.25)_PFPWig.jpg",
"path": "95d73baf-76ba-4bea-86ac-1534c5e5d4aa/2024-04-24/fulfillment/听雨__24_x_26.25__PFPWig_bdsL5YZcA8A5Wcfshhj3E.jpg"
}
],
"additionalReferenceIds": []
}"#;

    const TYPO: &str = "bab7c35b-2ecb-4b40-be82-8dc1e0a8688";
    const FIXED: &str = "bab7c35b-2ecb-4b40-be82-8dc1e0a86888";

    fn messages(errors: Vec<FieldError>) -> Vec<String> {
        errors.iter().map(ToString::to_string).collect()
    }

    fn seed_body() -> S2NewFulfillmentOrder {
        serde_json::from_str(SEED_REQUEST).unwrap()
    }

    /// The seed's example with its shipment's second product id spelt like the order's.
    fn good_body() -> S2NewFulfillmentOrder {
        let mut body = seed_body();
        body.shipments[0].items[1].product_id = FIXED.into();
        body
    }

    fn item(product_id: &str, quantity: i64) -> S2NewFulfillmentItem {
        S2NewFulfillmentItem { product_id: product_id.into(), quantity }
    }

    #[test]
    fn the_seed_example_builds_into_the_same_body() {
        let request = CreateFulfillmentOrder::new(good_body()).build().unwrap();
        assert_eq!(request.operation, "s2.create_fulfillment_order");
        assert_eq!((request.method, request.path.as_str(), request.content_type), (Method::Post, "/fulfillment", Some("application/json")));
        assert!(request.query.is_empty());
        let sent: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
        let mut want: Value = serde_json::from_str(&SEED_REQUEST.replace(&format!("\"{TYPO}\""), &format!("\"{FIXED}\""))).unwrap();
        // A null optional is left out rather than sent as null.
        want.as_object_mut().unwrap().remove("channelFulfillmentId");
        assert_eq!(sent, want);
        assert!(request.body.unwrap().contains("听雨 (24 x 26.25)_PFPWig.jpg"));
    }

    #[test]
    fn the_seed_example_verbatim_ships_a_product_the_order_does_not_have() {
        // The seed's shipment lists "...8dc1e0a8688", one digit short of the order's
        // "...8dc1e0a86888": the check catches the typo.
        assert_eq!(
            messages(CreateFulfillmentOrder::new(seed_body()).build().unwrap_err()),
            vec![format!("shipments[0].items[1].productId: \"{TYPO}\" is not among the order's items")]
        );
    }

    #[test]
    fn order_type_and_method_are_integers_on_the_wire() {
        let body = S2NewFulfillmentOrder { order_type: Some(OrderType::Fba), method: Some(FulfillmentMethod::Pickup), ..good_body() };
        let sent: Value = serde_json::from_str(&CreateFulfillmentOrder::new(body).build().unwrap().body.unwrap()).unwrap();
        assert_eq!((&sent["orderType"], &sent["method"]), (&json!(2), &json!(1)));
        assert_eq!(serde_json::to_string(&[OrderType::B2c, OrderType::B2b, OrderType::Fba]).unwrap(), "[0,1,2]");
        assert_eq!(serde_json::to_string(&[FulfillmentMethod::Spd, FulfillmentMethod::Pickup, FulfillmentMethod::Ltl]).unwrap(), "[0,1,2]");
        assert_eq!(serde_json::from_str::<OrderType>("1").unwrap(), OrderType::B2b);
        assert_eq!(serde_json::from_str::<FulfillmentMethod>("2").unwrap(), FulfillmentMethod::Ltl);
        let err = serde_json::from_str::<OrderType>("3").unwrap_err().to_string();
        assert!(err.contains("expected 0 (B2C), 1 (B2B) or 2 (FBA)"), "{err}");
        assert!(serde_json::from_str::<FulfillmentMethod>("\"SPD\"").is_err());
        assert!(matches!(<OrderType as Wire>::SCHEMA, Schema::IntEnum(&[0, 1, 2])));
        assert_eq!(S2NewFulfillmentOrder::SCHEMA.expected(), "object (S2NewFulfillmentOrder)");
        let out_of_range = crate::validate(S2NewFulfillmentOrder::SCHEMA, SEED_REQUEST.replace("\"orderType\": 0", "\"orderType\": 5").as_bytes());
        assert_eq!(out_of_range.errors[0].to_string(), "$.orderType: expected one of 0, 1, 2 or null, found number 5");
    }

    #[test]
    fn optional_fields_left_out_are_not_sent() {
        let body = S2NewFulfillmentOrder {
            address: S2Address { country_id: "US".into(), ..S2Address::default() },
            items: vec![item("p1", 1)],
            ..S2NewFulfillmentOrder::default()
        };
        let sent: Value = serde_json::from_str(&CreateFulfillmentOrder::new(body).build().unwrap().body.unwrap()).unwrap();
        let keys: Vec<&str> = sent.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["address", "attachments", "items", "shipments", "shippingMethod"]);
        assert_eq!(sent["address"]["email"], "");
    }

    #[test]
    fn country_and_items_are_checked() {
        let body = S2NewFulfillmentOrder {
            address: S2Address { country_id: "China".into(), ..S2Address::default() },
            items: vec![],
            shipments: vec![],
            ..good_body()
        };
        assert_eq!(
            messages(body.check()),
            vec![
                "address.countryId: must be an ISO 3166-1 alpha-2 country code (two uppercase letters, e.g. \"US\"), got \"China\"",
                "items: must contain at least one item",
            ]
        );
    }

    #[test]
    fn every_problem_is_reported_with_its_path() {
        let body = S2NewFulfillmentOrder {
            address: S2Address { country_id: "cn".into(), ..good_body().address },
            items: vec![item("p1", 2), item("", 1), item("p3", 0)],
            shipments: vec![
                S2NewFulfillmentShipment {
                    items: vec![item("p1", 1), item("p9", 1), item("p1", 2), item(" ", -1)],
                    prepaid_labels: vec![S2PrepaidLabel { file_path: "label.pdf".into() }, S2PrepaidLabel { file_path: "".into() }],
                    ..S2NewFulfillmentShipment::default()
                },
                S2NewFulfillmentShipment::default(),
                S2NewFulfillmentShipment { items: vec![item("p1", 3)], ..S2NewFulfillmentShipment::default() },
            ],
            ..good_body()
        };
        assert_eq!(
            messages(CreateFulfillmentOrder::new(body).build().unwrap_err()),
            vec![
                "address.countryId: must be an ISO 3166-1 alpha-2 country code (two uppercase letters, e.g. \"US\"), got \"cn\"",
                "items[1].productId: is required and must not be empty",
                "items[2].quantity: must be at least 1, got 0",
                "shipments[0].items[1].productId: \"p9\" is not among the order's items",
                "shipments[0].items[2].quantity: exceeds the order's quantity of this product: 3 in this shipment, 2 ordered",
                "shipments[0].items[3].productId: is required and must not be empty",
                "shipments[0].items[3].quantity: must be at least 1, got -1",
                "shipments[0].prepaidLabels[1].filePath: is required and must not be empty",
                "shipments[1].items: must contain at least one item",
                "shipments[2].items[0].quantity: exceeds the order's quantity of this product: 3 in this shipment, 2 ordered",
            ]
        );
    }

    #[test]
    fn order_quantities_of_a_repeated_product_add_up() {
        let body = S2NewFulfillmentOrder {
            items: vec![item("p1", 1), item("p1", 2)],
            shipments: vec![S2NewFulfillmentShipment { items: vec![item("p1", 3)], ..S2NewFulfillmentShipment::default() }],
            ..good_body()
        };
        assert!(body.check().is_empty());
    }

    #[test]
    fn decodes_the_seed_response() {
        let decoded = crate::decode::<S2FulfillmentOrder>(include_bytes!("../../../tests/fixtures/s2.create_fulfillment_order/good.json")).unwrap();
        assert!(decoded.drift.is_empty());
        let order = decoded.value;
        assert_eq!((order.channel_fulfillment_id.as_deref(), order.customer_note.as_deref()), (None, None));
        assert_eq!(order.attachments[0].file_name, "听雨 (24 x 26.25)_PFPWig.jpg");
        assert_eq!(order.shipments[0].labels[0].label_type, "PREPAID");
        assert_eq!(order.shipments[0].labels[0].purchased_label, None);
        assert_eq!(order.order_organization.map(|o| o.name).as_deref(), Some("test organization"));
    }
}

#[cfg(test)]
mod safe_create_tests {
    use std::cell::RefCell;
    use std::time::Duration;

    use futures_executor::block_on;

    use super::*;
    use crate::Error;

    fn order(key: Option<&str>) -> CreateFulfillmentOrder {
        let body: S2NewFulfillmentOrder = serde_json::from_str(SAFE_CREATE_BODY).unwrap();
        CreateFulfillmentOrder::new(S2NewFulfillmentOrder { channel_fulfillment_id: key.map(String::from), ..body })
    }

    const SAFE_CREATE_BODY: &str = r#"{"address": {"name": "A", "company": "", "address1": "1 Rd", "address2": "", "city": "C", "state": "S",
        "postalCode": "1", "countryId": "CA", "phone": "", "email": ""}, "shippingMethod": "standard",
        "items": [{"productId": "p1", "quantity": 2}], "shipments": [], "attachments": []}"#;

    /// Scripted transport answers, handed out in order.
    type Answers = RefCell<std::vec::IntoIter<Result<Vec<u8>, Error>>>;

    /// A transport that answers with the scripted results in order and counts calls.
    fn scripted(answers: Vec<Result<Vec<u8>, Error>>) -> (Answers, RefCell<u32>) {
        (RefCell::new(answers.into_iter()), RefCell::new(0))
    }

    fn created_body() -> Vec<u8> {
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/s2.create_fulfillment_order/good.json")).unwrap()
    }

    /// Runs a create against scripted answers with `lost` as the client's memory; returns
    /// the outcome, the number of sends and the waits between them (not waited for).
    fn run_with(lost: &LostAnswers, key: Option<&str>, answers: Vec<Result<Vec<u8>, Error>>) -> (Result<S2CreateOutcome, Error>, u32, Vec<Duration>) {
        let (answers, calls) = scripted(answers);
        let waits = RefCell::new(Vec::new());
        let outcome = block_on(order(key).send_safely(
            lost,
            |_request| {
                *calls.borrow_mut() += 1;
                let answer = answers.borrow_mut().next().expect("no more scripted answers");
                async move { answer }
            },
            |wait| {
                waits.borrow_mut().push(wait);
                async {}
            },
        ));
        let n = *calls.borrow();
        (outcome, n, waits.into_inner())
    }

    fn run(key: Option<&str>, answers: Vec<Result<Vec<u8>, Error>>) -> (Result<S2CreateOutcome, Error>, u32) {
        let (outcome, calls, _) = run_with(&LostAnswers::default(), key, answers);
        (outcome, calls)
    }

    /// The proxy's own error answer.
    fn proxy(status: u16, code: &str) -> Error {
        Error::from_response(status, None, &format!(r#"{{"error": {{"code": "{code}", "message": "m"}}}}"#))
    }

    fn already_created() -> S2CreateOutcome {
        S2CreateOutcome::AlreadyCreated { channel_fulfillment_id: "c-1".into() }
    }

    const TIMEOUT: Error = Error::Timeout { after_ms: 10 };

    fn exists() -> Error {
        Error::from_response(
            409,
            None,
            r#"{"code": "ALREADY_EXISTS", "message": "Fulfillment with channelFulfillmentId 'c-1' already exists for this organization"}"#,
        )
    }

    #[test]
    fn a_retry_after_a_lost_answer_that_meets_409_is_already_created() {
        let (outcome, calls) = run(Some("c-1"), vec![Err(TIMEOUT), Err(exists())]);
        assert_eq!(outcome.unwrap(), S2CreateOutcome::AlreadyCreated { channel_fulfillment_id: "c-1".into() });
        assert_eq!(calls, 2);
    }

    #[test]
    fn a_409_on_the_first_attempt_is_a_real_duplicate() {
        let (outcome, calls) = run(Some("c-1"), vec![Err(exists())]);
        assert!(matches!(outcome, Err(Error::AlreadyExists { .. })), "{outcome:?}");
        assert_eq!(calls, 1);
    }

    #[test]
    fn without_a_key_nothing_is_retried_and_a_lost_answer_is_unknown_and_undetectable() {
        let (outcome, calls) = run(None, vec![Err(TIMEOUT)]);
        let check = Duplicates::Undetectable.check();
        assert_eq!(
            outcome.unwrap_err(),
            Error::OutcomeUnknown { operation: CREATE_FULFILLMENT_ORDER.id.into(), attempts: 1, check, last_error: Box::new(TIMEOUT) }
        );
        assert_eq!(calls, 1);
        let (outcome, _) = run(None, vec![Err(exists())]);
        assert!(matches!(outcome, Err(Error::AlreadyExists { .. })), "a refusal is an answer: {outcome:?}");
    }

    #[test]
    fn retries_stop_after_max_attempts_and_success_is_created() {
        let (outcome, calls) = run(Some("c-1"), vec![Err(TIMEOUT), Err(Error::Network { message: "reset".into() }), Err(TIMEOUT)]);
        let error = outcome.unwrap_err();
        let check = CREATE_FULFILLMENT_ORDER.duplicates.check();
        assert_eq!(error, Error::OutcomeUnknown { operation: "s2.create_fulfillment_order".into(), attempts: 3, check, last_error: Box::new(TIMEOUT) });
        assert_eq!(error.code(), "outcome_unknown");
        assert!(error.to_string().contains("send it again with the same channelFulfillmentId"), "{error}");
        assert_eq!(calls, CreateFulfillmentOrder::MAX_ATTEMPTS);
        let (outcome, calls) = run(Some("c-1"), vec![Err(TIMEOUT), Ok(created_body())]);
        assert!(matches!(outcome, Ok(S2CreateOutcome::Created { .. })));
        assert_eq!(calls, 2);
    }

    #[test]
    fn a_vendor_error_is_not_retried() {
        let bad = Error::from_response(400, None, r#"{"code": "INVALID", "message": "bad address"}"#);
        let (outcome, calls) = run(Some("c-1"), vec![Err(bad.clone())]);
        assert_eq!(outcome.unwrap_err(), bad);
        assert_eq!(calls, 1);
    }

    #[test]
    fn the_proxys_own_loss_reports_are_retried_and_a_409_then_is_already_created() {
        for (status, code) in
            [(504, "upstream_timeout"), (504, "proxy_timeout"), (502, "upstream_truncated"), (502, "upstream_unreachable"), (503, "upstream_unreachable")]
        {
            let (outcome, calls) = run(Some("c-1"), vec![Err(proxy(status, code)), Err(exists())]);
            assert_eq!(outcome, Ok(already_created()), "{status} {code}");
            assert_eq!(calls, 2, "{status} {code}");
        }
        let (outcome, calls) = run(Some("c-1"), vec![Err(proxy(504, "proxy_timeout")), Ok(created_body())]);
        assert!(matches!(outcome, Ok(S2CreateOutcome::Created { .. })), "{outcome:?}");
        assert_eq!(calls, 2);
    }

    #[test]
    fn the_proxys_refusals_and_4xx_are_not_retried() {
        for refusal in [
            proxy(400, "bad_path"),
            proxy(401, "unauthenticated"),
            proxy(403, "forbidden"),
            proxy(502, "upstream_credentials"),
            Error::from_response(404, None, "{}"),
        ] {
            let (outcome, calls) = run(Some("c-1"), vec![Err(refusal.clone())]);
            assert_eq!((outcome, calls), (Err(refusal), 1));
        }
    }

    #[test]
    fn retry_after_is_honoured_up_to_a_minute_and_retries_back_off_with_jitter() {
        let unavailable = |seconds| Error::from_response(503, Some(seconds), r#"{"code": "UNAVAILABLE", "message": "later"}"#);
        let (_, _, waits) = run_with(&LostAnswers::default(), Some("c-1"), vec![Err(unavailable(7)), Err(unavailable(3_600)), Ok(created_body())]);
        assert_eq!(waits, [Duration::from_secs(7), Duration::from_secs(60)]);
        let limited = Error::RateLimited { retry_after_seconds: Some(2) };
        let (_, _, waits) = run_with(&LostAnswers::default(), Some("c-1"), vec![Err(limited), Ok(created_body())]);
        assert_eq!(waits, [Duration::from_secs(2)]);
        // Without Retry-After: exponential, each wait between half and all of its step.
        for key in ["c-1", "c-2", "c-3"] {
            let (_, _, waits) = run_with(&LostAnswers::default(), Some(key), vec![Err(TIMEOUT), Err(proxy(504, "upstream_timeout")), Ok(created_body())]);
            let base = CreateFulfillmentOrder::BACKOFF_BASE;
            assert_eq!(waits.len(), 2);
            assert!(waits[0] >= base / 2 && waits[0] <= base, "{waits:?}");
            assert!(waits[1] >= base && waits[1] <= base * 2, "{waits:?}");
        }
        // Nothing waits when nothing is retried.
        let (_, _, waits) = run_with(&LostAnswers::default(), None, vec![Err(TIMEOUT)]);
        assert!(waits.is_empty());
    }

    #[test]
    fn a_resubmission_after_a_lost_answer_that_meets_409_is_already_created() {
        let lost = LostAnswers::default();
        let (outcome, _, _) = run_with(&lost, Some("c-1"), vec![Err(TIMEOUT), Err(proxy(504, "proxy_timeout")), Err(TIMEOUT)]);
        assert_eq!(outcome.unwrap_err().code(), "outcome_unknown");
        // The user sends the same create again on the same client: its first 409 is the
        // lost create's, not a duplicate.
        let (outcome, calls, _) = run_with(&lost, Some("c-1"), vec![Err(exists())]);
        assert_eq!((outcome, calls), (Ok(already_created()), 1));
        // Resolved: a further resubmission is a real duplicate.
        let (outcome, _, _) = run_with(&lost, Some("c-1"), vec![Err(exists())]);
        assert!(matches!(outcome, Err(Error::AlreadyExists { .. })), "{outcome:?}");
        // Another key, or another client, knows of no lost answer.
        let _ = run_with(&lost, Some("c-2"), vec![Err(TIMEOUT), Err(TIMEOUT), Err(TIMEOUT)]);
        assert!(matches!(run_with(&lost, Some("c-3"), vec![Err(exists())]).0, Err(Error::AlreadyExists { .. })));
        assert!(matches!(run_with(&LostAnswers::default(), Some("c-2"), vec![Err(exists())]).0, Err(Error::AlreadyExists { .. })));
    }

    #[test]
    fn a_lost_answer_then_a_refusal_or_an_abort_is_still_remembered() {
        let lost = LostAnswers::default();
        // The session ran out between the lost attempt and its retry: the user signs in
        // again and resubmits.
        let (outcome, _, _) = run_with(&lost, Some("c-1"), vec![Err(TIMEOUT), Err(proxy(401, "unauthenticated"))]);
        assert_eq!(outcome.unwrap_err().code(), "unauthorized");
        assert_eq!(run_with(&lost, Some("c-1"), vec![Err(exists())]).0, Ok(already_created()));
        // An aborted first attempt may have reached the vendor too; it is not retried.
        let (outcome, calls, _) = run_with(&lost, Some("c-4"), vec![Err(Error::Aborted)]);
        assert_eq!((outcome, calls), (Err(Error::Aborted), 1));
        assert!(lost.contains("c-4"));
    }

    #[test]
    fn a_409_after_only_rate_limiting_is_a_real_duplicate() {
        // A 429 means the vendor did not take the request: nothing of ours can exist.
        let (outcome, calls) = run(Some("c-1"), vec![Err(Error::RateLimited { retry_after_seconds: None }), Err(exists())]);
        assert!(matches!(outcome, Err(Error::AlreadyExists { .. })), "{outcome:?}");
        assert_eq!(calls, 2);
    }

    #[test]
    fn the_memory_of_lost_answers_keeps_the_latest_keys() {
        let lost = LostAnswers::default();
        for i in 0..=LostAnswers::CAPACITY {
            lost.remember(&format!("k{i}"));
        }
        lost.remember("k1");
        assert!(!lost.contains("k0") && lost.contains("k1") && lost.contains(&format!("k{}", LostAnswers::CAPACITY)));
        assert_eq!(lost.len(), LostAnswers::CAPACITY);
        lost.forget("k1");
        assert!(!lost.contains("k1"));
    }
}
