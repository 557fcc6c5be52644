//! Products: `POST /v1/products/elastic_search` and `POST /v1/products/queue` (seed
//! `stock2shop-api.txt`).
//!
//! A product has one or more variants; the variant is the SKU that carries stock,
//! prices and warehouses. Identifiers: `id` and `variants[].id` are Stock2Shop's,
//! `source_product_code` / `variants[].source_variant_code` the ERP's, and
//! `channels[].channel_product_code` the channel's. Identifiers of a source or channel
//! the product has not synced with are missing, so those fields are optional.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::positive_id;
use super::search::{EsHits, EsRequestEcho, EsSearch, EsShards};
use crate::catalogue::Endpoint;
use crate::request::{FieldError, FieldErrors, Operation, Request};
use crate::schema::Wire;
use crate::vendors::checks;

pub use super::{QUEUE_PRODUCTS, SEARCH_PRODUCTS};

/// `POST /v1/products/elastic_search`: products matching an Elasticsearch bool query,
/// checked before sending (see [`EsSearch::check`]). Page with `from` and `size`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchProducts {
    search: EsSearch,
}

impl SearchProducts {
    pub fn new(search: EsSearch) -> Self {
        Self { search }
    }

    pub fn search(&self) -> &EsSearch {
        &self.search
    }
}

impl Operation for SearchProducts {
    const ENDPOINT: &'static Endpoint = &SEARCH_PRODUCTS;
    type Response = SystemProductSearch;

    fn build(&self) -> Result<Request, Vec<FieldError>> {
        Request::builder(Self::ENDPOINT).field_errors(self.search.check()).json(&self.search).build()
    }
}

/// `POST /v1/products/queue?source_id=<id>`: queues products from the source `source_id`;
/// the answer counts the products queued. Processing is FIFO: queue a product before
/// its images.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueProducts {
    source_id: i64,
    body: QueueProductsBody,
}

impl QueueProducts {
    /// `source_id` is the `id` of a source from `GET /v1/sources`; every product's
    /// `source.source_id` must be the same.
    pub fn new(source_id: i64, body: QueueProductsBody) -> Self {
        Self { source_id, body }
    }

    pub fn body(&self) -> &QueueProductsBody {
        &self.body
    }
}

impl Operation for QueueProducts {
    const ENDPOINT: &'static Endpoint = &QUEUE_PRODUCTS;
    type Response = QueueProductsResponse;

    fn build(&self) -> Result<Request, Vec<FieldError>> {
        let mut errors = FieldErrors::new();
        positive_id(&mut errors, "source_id", self.source_id);
        Request::builder(Self::ENDPOINT)
            .query("source_id", Some(&self.source_id.to_string()))
            .field_errors(checks::into_vec(errors))
            .field_errors(self.body.check(Some(self.source_id)))
            .json(&self.body)
            .build()
    }
}

/// The answer of `POST /v1/products/elastic_search`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemProductSearch {
    /// Milliseconds Elasticsearch took.
    pub took: i64,
    pub timed_out: bool,
    #[serde(rename = "_shards")]
    pub shards: EsShards,
    /// The indexed copies; `hits.total` counts every match (for paging).
    pub hits: EsHits,
    /// The query Stock2Shop ran, its own filters included.
    pub request: EsRequestEcho,
    /// The live records of the hits, in hit order: use these rather than `hits`, which
    /// may lag behind.
    #[wire(records)]
    pub system_products: Vec<SystemProduct>,
    /// Milliseconds Stock2Shop took.
    pub took_s2s: i64,
}

/// A product as Stock2Shop stores it.
///
/// Scalars, decided per field for a PHP back end (Stock2Shop's own published records,
/// `tests/fixtures/real/stock2shop/`, send prices as `"101.00"` and flags as `1`):
/// flags (`active` here and on variants, images, meta and channels,
/// `inventory_management`) are loose booleans (`true`, `"true"`, `1`, `"1"`); money
/// (`price`, `price_tiers[].price`) is a loose number; counts (`qty`, `grams`,
/// `qty_availability[].qty`, `options[].position`) are loose integers. Ids (`id`,
/// `client_id`, `product_id`, `image_id`) stay strict: every record seen sends them as
/// numbers, and a wrong id is worse than a refused one. Optional-looking text
/// (`body_html`, `collection`, `product_type`, `vendor`, `tags`, a variant's `barcode`, a
/// meta `value`) may arrive as `null` (a nullable column) and decodes as `""`; `title`,
/// `sku` and the codes stay required strings. A number where a string is expected, or a
/// string where an object or list is, is refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemProduct {
    pub id: i64,
    /// `"2015-03-03 12:37:51"` (no offset).
    pub created: String,
    /// Loose boolean.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::boolean")]
    pub active: bool,
    /// The ERP's code; missing until synced with a source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_product_code: Option<String>,
    pub modified: String,
    pub client_id: i64,
    /// Missing until synced with a source. Loose (`"318"` elsewhere in this API).
    #[wire(loose)]
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::loose::option_integer")]
    pub source_id: Option<i64>,
    /// HTML.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub body_html: String,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub collection: String,
    pub title: String,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub product_type: String,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub vendor: String,
    pub hash: String,
    pub channels: Vec<SystemProductChannel>,
    /// Comma-separated.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub tags: String,
    pub options: Vec<SystemProductOption>,
    pub meta: Vec<SystemProductMeta>,
    pub images: Vec<SystemProductImage>,
    pub variants: Vec<SystemVariant>,
}

/// A channel the product is on: `{channel_id, channel_product_code}` in the seed's
/// answers; the whole channel record (`id`, `description`, `active`, `type`, ...: see
/// [`SystemChannel`](super::channels::SystemChannel)) in Stock2Shop's own published
/// products, which have no `channel_id`. Every field is optional for that reason; the
/// channel is `channel_id`, else `id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemProductChannel {
    /// Loose: a string here (`"47"`), a number on orders (`191`). Missing when the
    /// channel record itself is sent (then `id` is the channel).
    #[wire(loose)]
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::loose::option_integer")]
    pub channel_id: Option<i64>,
    /// The channel's id, when the whole channel record is sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Loose boolean (`1` in Stock2Shop's records).
    #[wire(loose)]
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::loose::option_boolean")]
    pub active: Option<bool>,
    /// The platform, e.g. `"trade"`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub channel_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_tier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qty_availability: Option<String>,
    /// The channel's id of the product; missing until synced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_product_code: Option<String>,
}

/// A product option (`Size`, `Selection`): the variants' `option1`..`option3`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemProductOption {
    pub name: String,
    /// 1 for `option1`... Loose: the queue example sends `"position": "1"`.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::integer")]
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
/// A product's custom field. `id`, `created`, `modified` and `client_id` are in the
/// seed's answers but missing from Stock2Shop's own published products: optional.
pub struct SystemProductMeta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    pub key: String,
    /// Text, possibly HTML or `"TRUE"`.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    #[serde(default)]
    pub template_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<i64>,
}

/// An image, with the URLs of its thumbnails. `id`, `created`, `modified` and
/// `client_id` are optional: Stock2Shop's own published records leave them out of nested
/// records. `active` is a loose boolean (see [`SystemProduct`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemProductImage {
    /// A thumbnail's URL; loose text: `""` or `null` (not made yet) decodes as `""`.
    #[serde(rename = "src_50x50")]
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub src_50x50: String,
    /// A thumbnail's URL; loose text: `""` or `null` (not made yet) decodes as `""`.
    #[serde(rename = "src_160x160")]
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub src_160x160: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// The ERP's id of the image; null for images that did not come from the ERP.
    #[serde(default)]
    pub source_image_code: Option<String>,
    pub storage_code: String,
    /// Full-size URL.
    pub src: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<i64>,
    pub product_id: i64,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::boolean")]
    pub active: bool,
    pub hash: String,
}

/// A variant: the SKU that is ordered, invoiced and shipped. Loose, for a PHP back end
/// (see [`SystemProduct`]): `price` (`"101.00"` in Stock2Shop's own records), `qty`,
/// `grams`, `inventory_management` and `active` (`1`/`0`). Ids stay strict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemVariant {
    pub id: i64,
    /// The ERP's code; missing until synced with a source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_variant_code: Option<String>,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::number")]
    pub price: f64,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub barcode: String,
    pub sku: String,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::integer")]
    pub qty: i64,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::integer")]
    pub grams: i64,
    /// Whether stock is tracked. Loose: the queue example sends `"true"`, Stock2Shop's
    /// own records `1`.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::boolean")]
    pub inventory_management: bool,
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::boolean")]
    pub active: bool,
    pub product_id: i64,
    /// The variant's image (an `images[].id`), null without one.
    #[serde(default)]
    pub image_id: Option<i64>,
    pub client_id: i64,
    /// The value of the product's option 1 (`"Pack of 25"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option3: Option<String>,
    pub price_tiers: Vec<SystemPriceTier>,
    pub qty_availability: Vec<SystemQtyAvailability>,
}

/// A price of a variant in a named tier (`"Wholesale"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[wire(argument)]
pub struct SystemPriceTier {
    pub tier: String,
    /// Loose: `"10.00"` in Stock2Shop's own records.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::number")]
    pub price: f64,
}

/// A variant's quantity in one warehouse (`"Warehouse X"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[wire(argument)]
pub struct SystemQtyAvailability {
    pub description: String,
    /// Loose, like every count from this PHP back end.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::integer")]
    pub qty: i64,
}

/// The body of `POST /v1/products/queue`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[wire(argument)]
pub struct QueueProductsBody {
    /// At least one; batching many products per request is recommended.
    pub system_products: Vec<QueuedProduct>,
}

/// One product to queue: where it comes from, and its data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[wire(argument)]
pub struct QueuedProduct {
    pub source: QueuedProductSource,
    pub product: QueuedProductData,
}

/// The seed's "minimum required information" sends every field here, numbers and
/// booleans as strings; so does this type (`"source_id": "123"`, `"product_active": "true"`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[wire(argument)]
pub struct QueuedProductSource {
    /// The source, as in the `source_id` query parameter. Sent as a string.
    #[wire(loose)]
    #[serde(serialize_with = "crate::loose::as_string", deserialize_with = "crate::loose::integer")]
    pub source_id: i64,
    /// Whether the product is active on the source. Sent as `"true"`/`"false"`.
    #[wire(loose)]
    #[serde(serialize_with = "crate::loose::as_string", deserialize_with = "crate::loose::boolean")]
    pub product_active: bool,
    pub source_product_code: String,
    /// `"0"` in both examples.
    pub sync_token: String,
    /// `"0"` in both examples.
    pub fetch_token: String,
}

/// The product's data. Only `title` and `variants` are in the minimum example.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[wire(argument)]
pub struct QueuedProductData {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<QueuedProductOption>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_html: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<String>,
    /// ONE variant object, not a list: both of the seed's examples send it that way.
    pub variants: QueuedVariant,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Vec<QueuedProductMeta>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[wire(argument)]
pub struct QueuedProductOption {
    pub name: String,
    /// 1 to 3 (`option1`..`option3` of the variant). Sent as a string (`"1"`).
    #[wire(loose)]
    #[serde(serialize_with = "crate::loose::as_string", deserialize_with = "crate::loose::integer")]
    pub position: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[wire(argument)]
pub struct QueuedProductMeta {
    pub key: String,
    pub value: String,
}

/// The variant of a queued product.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[wire(argument)]
pub struct QueuedVariant {
    pub source_variant_code: String,
    pub sku: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub barcode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qty: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qty_availability: Option<Vec<SystemQtyAvailability>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_tiers: Option<Vec<SystemPriceTier>>,
    /// Sent as `"true"`/`"false"`, as in the seed.
    #[wire(loose)]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::loose::option_as_string",
        deserialize_with = "crate::loose::option_boolean"
    )]
    pub inventory_management: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grams: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option3: Option<String>,
}

/// A price as the request's JSON spells it (serde_json's shortest digits, which the
/// package has for writing bodies), a whole number without its `.0` (`-1`, `-0.5`,
/// `-1e-7`). Not `f64`'s own `Display`: that would keep core's float printer (~20 KB raw)
/// in the package for this one message.
fn price_text(price: f64) -> String {
    match serde_json::Number::from_f64(price) {
        Some(number) => {
            let text = number.to_string();
            match text.strip_suffix(".0") {
                Some(whole) => whole.to_owned(),
                None => text,
            }
        }
        None if price.is_nan() => "NaN".into(),
        None => if price > 0.0 { "inf" } else { "-inf" }.into(),
    }
}

impl QueueProductsBody {
    /// Every problem with the body: no products, a `source_id` that is not positive or
    /// (given the query's `source_id`) not the query's, blank codes, SKU or title, an
    /// option without a name or with a position outside 1 to 3, a negative price, a
    /// price tier or warehouse without its name.
    pub fn check(&self, query_source_id: Option<i64>) -> Vec<FieldError> {
        let mut errors = FieldErrors::new();
        checks::at_least_one(&mut errors, "system_products", self.system_products.len());
        for (i, queued) in self.system_products.iter().enumerate() {
            let at = format!("system_products[{i}]");
            let source = &queued.source;
            positive_id(&mut errors, &format!("{at}.source.source_id"), source.source_id);
            if let Some(query) = query_source_id.filter(|&q| q > 0 && source.source_id > 0 && q != source.source_id) {
                errors.push(format!("{at}.source.source_id"), format!("must be the source_id of the request ({query}), got {}", source.source_id));
            }
            checks::required_text(&mut errors, &format!("{at}.source.source_product_code"), &source.source_product_code);
            let product = &queued.product;
            checks::required_text(&mut errors, &format!("{at}.product.title"), &product.title);
            for (o, option) in product.options.iter().flatten().enumerate() {
                checks::required_text(&mut errors, &format!("{at}.product.options[{o}].name"), &option.name);
                if !(1..=3).contains(&option.position) {
                    errors.push(format!("{at}.product.options[{o}].position"), format!("must be 1, 2 or 3 (option1 to option3), got {}", option.position));
                }
            }
            for (m, meta) in product.meta.iter().flatten().enumerate() {
                checks::required_text(&mut errors, &format!("{at}.product.meta[{m}].key"), &meta.key);
            }
            let variant = &product.variants;
            let at = format!("{at}.product.variants");
            checks::required_text(&mut errors, &format!("{at}.source_variant_code"), &variant.source_variant_code);
            checks::required_text(&mut errors, &format!("{at}.sku"), &variant.sku);
            let mut non_negative = |field: String, price: f64| {
                if price < 0.0 || !price.is_finite() {
                    errors.push(field, format!("must be 0 or more, got {}", price_text(price)));
                }
            };
            if let Some(price) = variant.price {
                non_negative(format!("{at}.price"), price);
            }
            for (t, tier) in variant.price_tiers.iter().flatten().enumerate() {
                non_negative(format!("{at}.price_tiers[{t}].price"), tier.price);
            }
            for (t, tier) in variant.price_tiers.iter().flatten().enumerate() {
                checks::required_text(&mut errors, &format!("{at}.price_tiers[{t}].tier"), &tier.tier);
            }
            for (w, warehouse) in variant.qty_availability.iter().flatten().enumerate() {
                checks::required_text(&mut errors, &format!("{at}.qty_availability[{w}].description"), &warehouse.description);
            }
        }
        checks::into_vec(errors)
    }
}

/// `{"system_products": {"sync_product": 1}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct QueueProductsResponse {
    pub system_products: SyncProductCount,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SyncProductCount {
    /// How many products were queued.
    pub sync_product: i64,
}

/// The seed's "all fields" example of a queued product, as a value: for tests, the mock
/// and the documentation. `source_id` as given.
pub fn example_queued_product(source_id: i64) -> QueuedProduct {
    QueuedProduct {
        source: QueuedProductSource { source_id, product_active: true, source_product_code: "ABC".into(), sync_token: "0".into(), fetch_token: "0".into() },
        product: QueuedProductData {
            options: Some(vec![QueuedProductOption { name: "Size".into(), position: 1 }]),
            body_html: Some(String::new()),
            collection: Some(String::new()),
            product_type: Some(String::new()),
            tags: Some(String::new()),
            title: "Example".into(),
            vendor: Some(String::new()),
            variants: QueuedVariant {
                source_variant_code: "ABC-XXL".into(),
                sku: "ABC-XXL".into(),
                barcode: Some(String::new()),
                qty: Some(9),
                qty_availability: Some(vec![SystemQtyAvailability { description: "Warehouse X".into(), qty: 10 }]),
                price: Some(100.0),
                price_tiers: Some(vec![SystemPriceTier { tier: "Price List X".into(), price: 80.0 }]),
                inventory_management: Some(true),
                grams: Some(0),
                option1: Some("XXL".into()),
                option2: None,
                option3: None,
            },
            meta: Some(vec![QueuedProductMeta { key: "foo".into(), value: "bar".into() }]),
        },
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::super::search::{EsClause, EsRange, SortOrder};
    use super::*;
    use crate::catalogue::Method;

    fn messages(errors: Vec<FieldError>) -> Vec<String> {
        errors.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn search_builds_the_seed_call() {
        let search =
            EsSearch::new().filter(EsClause::range("modified", EsRange::new().gt("2021-08-27 08:23:04"))).size(1).from(0).sort_by("modified", SortOrder::Desc);
        let request = SearchProducts::new(search).build().unwrap();
        assert_eq!(
            (request.operation, request.method, request.path_and_query()),
            ("stock2shop.search_products", Method::Post, "/v1/products/elastic_search".to_string())
        );
        let body: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
        assert_eq!(body["query"]["bool"]["filter"][0]["range"]["modified"]["gt"], "2021-08-27 08:23:04");
        let bad = SearchProducts::new(EsSearch::new().size(-5)).build().unwrap_err();
        assert_eq!(messages(bad), ["size: must be 0 or more, got -5"]);
    }

    #[test]
    fn the_search_answer_decodes_with_both_spellings() {
        let found = crate::decode::<SystemProductSearch>(include_bytes!("../../../tests/fixtures/stock2shop.search_products/good.json")).unwrap();
        assert!(found.drift.is_empty());
        let product = &found.value.system_products[0];
        assert_eq!((product.id, product.source_id, product.channels[0].channel_id, product.channels[1].channel_id), (62777, Some(57), Some(47), Some(255)));
        assert_eq!(product.variants[0].price_tiers[0].price, 28.0);
        assert!(product.variants[0].inventory_management && product.variants[1].inventory_management);
        assert_eq!(found.value.request.body.size, Some(2));
        assert_eq!(found.value.hits.hits[0].sort.as_deref(), Some(&[json!(1609835104000_i64)][..]));
    }

    #[test]
    fn queue_sends_the_seed_spelling() {
        let body = QueueProductsBody { system_products: vec![example_queued_product(123)] };
        let request = QueueProducts::new(123, body).build().unwrap();
        assert_eq!(request.path_and_query(), "/v1/products/queue?source_id=123");
        let sent: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            sent["system_products"][0]["source"],
            json!({"source_id": "123", "product_active": "true", "source_product_code": "ABC", "sync_token": "0", "fetch_token": "0"})
        );
        assert_eq!(sent["system_products"][0]["product"]["options"], json!([{"name": "Size", "position": "1"}]));
        let variant = &sent["system_products"][0]["product"]["variants"];
        assert_eq!((&variant["inventory_management"], &variant["price"], &variant["qty"]), (&json!("true"), &json!(100.0), &json!(9)));
        assert!(variant.get("option2").is_none());
    }

    #[test]
    fn the_seed_minimum_example_decodes_and_checks() {
        let seed = r#"{"system_products": [{"source": {"source_id": "123", "product_active": "true", "source_product_code": "ABC", "sync_token": "0", "fetch_token": "0"},
            "product": {"title": "Example", "variants": {"source_variant_code": "ABC", "sku": "ABC"}}}]}"#;
        let report = crate::validate(QueueProductsBody::SCHEMA, seed.as_bytes());
        assert!(report.is_valid() && report.drift.is_empty(), "{report:?}");
        let body: QueueProductsBody = serde_json::from_str(seed).unwrap();
        assert_eq!((body.system_products[0].source.source_id, body.system_products[0].source.product_active), (123, true));
        assert!(body.check(Some(123)).is_empty());
        // The same value sent back is the same JSON.
        assert_eq!(serde_json::to_value(&body).unwrap(), serde_json::from_str::<Value>(seed).unwrap());
    }

    #[test]
    fn queue_problems_are_named_by_path() {
        let mut second = example_queued_product(124);
        second.source.source_product_code = " ".into();
        second.product.title = String::new();
        second.product.options = Some(vec![QueuedProductOption { name: String::new(), position: 4 }]);
        second.product.variants.sku = String::new();
        second.product.variants.price = Some(-1.0);
        second.product.variants.price_tiers = Some(vec![SystemPriceTier { tier: String::new(), price: 1.0 }]);
        let body = QueueProductsBody { system_products: vec![example_queued_product(123), second] };
        assert_eq!(
            messages(QueueProducts::new(123, body).build().unwrap_err()),
            [
                "system_products[1].source.source_id: must be the source_id of the request (123), got 124",
                "system_products[1].source.source_product_code: is required and must not be empty",
                "system_products[1].product.title: is required and must not be empty",
                "system_products[1].product.options[0].name: is required and must not be empty",
                "system_products[1].product.options[0].position: must be 1, 2 or 3 (option1 to option3), got 4",
                "system_products[1].product.variants.sku: is required and must not be empty",
                "system_products[1].product.variants.price: must be 0 or more, got -1",
                "system_products[1].product.variants.price_tiers[0].tier: is required and must not be empty",
            ]
        );
        let empty = QueueProducts::new(0, QueueProductsBody::default()).build().unwrap_err();
        assert_eq!(messages(empty), ["source_id: must be a positive id, got 0", "system_products: must contain at least one item"]);
        // A price is quoted with the digits the request's JSON would carry.
        for (price, text) in [(-0.5, "-0.5"), (-12.25, "-12.25"), (-1e-7, "-1e-7"), (f64::NAN, "NaN"), (f64::NEG_INFINITY, "-inf")] {
            let mut queued = example_queued_product(123);
            queued.product.variants.price = Some(price);
            let body = QueueProductsBody { system_products: vec![queued] };
            let expected = format!("system_products[0].product.variants.price: must be 0 or more, got {text}");
            assert_eq!(messages(QueueProducts::new(123, body).build().unwrap_err()), [expected]);
        }
    }
}
