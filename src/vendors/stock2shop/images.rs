//! Images: `POST /v1/images/queue` (seed `stock2shop-api.txt`).
//!
//! An image belongs to a product (`source.source_product_code`) and optionally to one of
//! its variants (`source.source_variant_code`). It travels as base64 text, must be a JPEG
//! or a PNG, and may be at most 2 MB. The queue is FIFO and shared with products: queue
//! the product first, or the image is dropped with it.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;

use super::{decode_base64, positive_id};
use crate::catalogue::Endpoint;
use crate::request::{FieldError, FieldErrors, Operation, Request};
use crate::schema::Wire;
use crate::vendors::checks;

pub use super::QUEUE_IMAGES;

/// The most an image may weigh, decoded: "a maximum size of 2mb per image", read as
/// 2 000 000 bytes (the stricter reading of "mb": an image this accepts is under the
/// limit whichever the vendor means).
pub const MAX_IMAGE_BYTES: usize = 2_000_000;

/// The largest `POST /v1/images/queue` body a proxy should accept: ten images of the
/// documented maximum, base64 (4/3) plus the JSON around them.
pub const MAX_QUEUE_BODY_BYTES: usize = 10 * (MAX_IMAGE_BYTES * 4 / 3 + 4096);

/// `POST /v1/images/queue`: queues images; the answer counts the images queued.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueImages {
    body: QueueImagesBody,
}

impl QueueImages {
    pub fn new(body: QueueImagesBody) -> Self {
        Self { body }
    }

    pub fn body(&self) -> &QueueImagesBody {
        &self.body
    }
}

impl Operation for QueueImages {
    const ENDPOINT: &'static Endpoint = &QUEUE_IMAGES;
    type Response = QueueImagesResponse;

    fn build(&self) -> Result<Request, Vec<FieldError>> {
        Request::builder(Self::ENDPOINT).field_errors(self.body.check()).json(&self.body).build()
    }
}

/// The body of `POST /v1/images/queue`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[wire(argument)]
pub struct QueueImagesBody {
    pub system_images: Vec<QueuedImage>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[wire(argument)]
pub struct QueuedImage {
    pub source: QueuedImageSource,
    pub image: QueuedImageData,
}

/// Which product (and optionally which variant) the image belongs to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[wire(argument)]
pub struct QueuedImageSource {
    /// Sent as a number, as in the seed's image examples (`57`); loose like every
    /// `source_id` of this API.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::integer")]
    pub source_id: i64,
    pub source_product_code: String,
    /// Links the image to one variant; leave out for a product image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_variant_code: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[wire(argument)]
pub struct QueuedImageData {
    /// The ERP's id of the image (`"a"` in the seed).
    pub image_id: String,
    /// `"I"` in both of the seed's examples (insert); the document lists no others.
    pub action: String,
    /// The image file, base64 (standard alphabet, padded, no line breaks, no `data:`
    /// prefix): a JPEG or a PNG of at most 2 MB.
    pub image: String,
    /// Text key-value pairs, e.g. `{"main_image": "true"}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Record<string, string>")]
    pub meta: Option<Value>,
}

/// What an image's bytes are, by their signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Jpeg,
    Png,
}

/// The kind of an image file by its first bytes: JPEG `FF D8 FF`, PNG
/// `89 50 4E 47 0D 0A 1A 0A`.
pub fn image_kind(bytes: &[u8]) -> Option<ImageKind> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageKind::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageKind::Png)
    } else {
        None
    }
}

/// Megabytes with one decimal, rounded up, so an image just over the limit never reads
/// as "2.0 MB".
fn megabytes(bytes: usize) -> String {
    let tenths = bytes.div_ceil(100_000);
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

/// Checks one base64 image: it decodes, is a JPEG or PNG, and is at most 2 MB.
pub fn check_image(errors: &mut FieldErrors, field: &str, base64: &str) {
    match decode_base64(base64) {
        Err(problem) => errors.push(field, problem),
        Ok(bytes) => {
            if image_kind(&bytes).is_none() {
                errors.push(field, "not a JPEG or PNG");
            }
            if bytes.len() > MAX_IMAGE_BYTES {
                errors.push(field, format!("is {}, over the 2 MB limit", megabytes(bytes.len())));
            }
        }
    }
}

impl QueueImagesBody {
    /// Every problem with the body: no images, a `source_id` that is not positive, a
    /// blank product code, image id or action, an image that is not base64, not a JPEG or
    /// PNG, or over 2 MB, and `meta` that is not an object of strings.
    pub fn check(&self) -> Vec<FieldError> {
        let mut errors = FieldErrors::new();
        checks::at_least_one(&mut errors, "system_images", self.system_images.len());
        for (i, queued) in self.system_images.iter().enumerate() {
            let at = format!("system_images[{i}]");
            positive_id(&mut errors, &format!("{at}.source.source_id"), queued.source.source_id);
            checks::required_text(&mut errors, &format!("{at}.source.source_product_code"), &queued.source.source_product_code);
            if let Some(code) = &queued.source.source_variant_code {
                checks::required_text(&mut errors, &format!("{at}.source.source_variant_code"), code);
            }
            checks::required_text(&mut errors, &format!("{at}.image.image_id"), &queued.image.image_id);
            checks::required_text(&mut errors, &format!("{at}.image.action"), &queued.image.action);
            check_image(&mut errors, &format!("{at}.image.image"), &queued.image.image);
            match &queued.image.meta {
                None => {}
                Some(Value::Object(meta)) => {
                    for (key, value) in meta.iter().filter(|(_, v)| !v.is_string()) {
                        errors.push(format!("{at}.image.meta.{key}"), format!("must be a string (\"true\", not true), got {value}"));
                    }
                }
                Some(_) => errors.push(format!("{at}.image.meta"), "must be an object of text values, e.g. {\"main_image\": \"true\"}"),
            }
        }
        checks::into_vec(errors)
    }
}

/// `{"system_images": {"sync_image": 1}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct QueueImagesResponse {
    pub system_images: SyncImageCount,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SyncImageCount {
    /// How many images were queued.
    pub sync_image: i64,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// The seed's image: the first 45 bytes of a PNG.
    const SEED_IMAGE: &str = "iVBORw0KGgoAAAANSUhEUgAAAAUAAAAFCAYAAACNbyblAAAAHElEQVQI12P4";

    fn encode(bytes: &[u8]) -> String {
        const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
            for i in 0..4 {
                out.push(if i <= chunk.len() { ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char } else { '=' });
            }
        }
        out
    }

    fn image(source_id: i64, data: String) -> QueuedImage {
        QueuedImage {
            source: QueuedImageSource { source_id, source_product_code: "keyboard".into(), source_variant_code: Some("4191161".into()) },
            image: QueuedImageData { image_id: "a".into(), action: "I".into(), image: data, meta: None },
        }
    }

    fn messages(errors: Vec<FieldError>) -> Vec<String> {
        errors.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn the_seed_example_is_sent_as_it_is() {
        let mut with_meta = image(57, SEED_IMAGE.into());
        with_meta.image.meta = Some(json!({"main_image": "true"}));
        let request = QueueImages::new(QueueImagesBody { system_images: vec![with_meta] }).build().unwrap();
        assert_eq!((request.operation, request.path_and_query()), ("stock2shop.queue_images", "/v1/images/queue".to_string()));
        let sent: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            sent,
            json!({"system_images": [{
                "source": {"source_id": 57, "source_product_code": "keyboard", "source_variant_code": "4191161"},
                "image": {"image_id": "a", "action": "I", "image": SEED_IMAGE, "meta": {"main_image": "true"}}
            }]})
        );
    }

    #[test]
    fn images_must_be_small_jpegs_or_pngs_in_base64() {
        let jpeg = encode(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]);
        let gif = encode(b"GIF89a\x01\x00");
        let mut big = vec![0xFF, 0xD8, 0xFF];
        big.resize(2_400_000, 0);
        let mut just_over = b"\x89PNG\r\n\x1a\n".to_vec();
        just_over.resize(MAX_IMAGE_BYTES + 1, 0);
        let mut at_limit = just_over.clone();
        at_limit.truncate(MAX_IMAGE_BYTES);
        let body = QueueImagesBody {
            system_images: vec![
                image(57, jpeg),
                image(57, SEED_IMAGE.into()),
                image(57, "iVBORw0KGgo=\n".into()),
                image(57, gif),
                image(57, encode(&big)),
                image(57, encode(&just_over)),
                image(57, encode(&at_limit)),
                image(57, format!("data:image/png;base64,{SEED_IMAGE}")),
            ],
        };
        assert_eq!(
            messages(body.check()),
            [
                "system_images[2].image.image: is not base64: its length (13) is not a multiple of 4",
                "system_images[3].image.image: not a JPEG or PNG",
                "system_images[4].image.image: is 2.4 MB, over the 2 MB limit",
                "system_images[5].image.image: is 2.1 MB, over the 2 MB limit",
                "system_images[7].image.image: is a data: URL; send only the base64 text after the comma",
            ]
        );
    }

    #[test]
    fn other_problems_are_named_by_path() {
        let mut bad = image(0, SEED_IMAGE.into());
        bad.source.source_product_code = String::new();
        bad.source.source_variant_code = Some(" ".into());
        bad.image.action = String::new();
        bad.image.meta = Some(json!({"main_image": true}));
        let mut list_meta = image(57, SEED_IMAGE.into());
        list_meta.image.meta = Some(json!(["main_image"]));
        assert_eq!(
            messages(QueueImages::new(QueueImagesBody { system_images: vec![bad, list_meta] }).build().unwrap_err()),
            [
                "system_images[0].source.source_id: must be a positive id, got 0",
                "system_images[0].source.source_product_code: is required and must not be empty",
                "system_images[0].source.source_variant_code: is required and must not be empty",
                "system_images[0].image.action: is required and must not be empty",
                "system_images[0].image.meta.main_image: must be a string (\"true\", not true), got true",
                "system_images[1].image.meta: must be an object of text values, e.g. {\"main_image\": \"true\"}",
            ]
        );
        assert_eq!(messages(QueueImagesBody::default().check()), ["system_images: must contain at least one item"]);
    }

    #[test]
    fn a_source_id_string_is_accepted_too() {
        let body: QueueImagesBody = serde_json::from_value(json!({"system_images": [{
            "source": {"source_id": "57", "source_product_code": "keyboard"},
            "image": {"image_id": "a", "action": "I", "image": SEED_IMAGE}
        }]}))
        .unwrap();
        assert_eq!(body.system_images[0].source.source_id, 57);
        assert!(body.check().is_empty());
    }
}
