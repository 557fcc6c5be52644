//! Product: `GET /product` (seed `s2-partner-api.txt`): every available product, a page
//! at a time.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::schema::Wire;

pub use super::{ListProducts, LIST_PRODUCTS};

/// A page of `GET /product`. The vendor puts the products under `item` (singular),
/// and so does the decoded JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct PartnerProductPage {
    #[serde(rename = "item")]
    #[wire(records)]
    pub items: Vec<PartnerProduct>,
    /// Pass back as `next_token` for the next page; absent or null on the last page.
    #[serde(default)]
    pub next_token: Option<String>,
}

/// Loose text: `remarks` may arrive as `null` and decodes as `""`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct PartnerProduct {
    pub sku: String,
    /// The UPC; loose text: `""` or `null` (no barcode) decodes as `""`.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub upc: String,
    pub title: String,
    pub is_parent: bool,
    /// Free text; the seed shows JSON text in it (`"{\"masked_data\":\"masked\"}"`).
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub remarks: String,
    pub case_pack: i64,
    /// URL of the main image. Loose text: `null` (a back end's "none") decodes as `""`.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub image_main: String,
    pub package_length_mm: f64,
    pub package_width_mm: f64,
    pub package_height_mm: f64,
    pub shipping_weight_kg: f64,
    pub case_length_mm: f64,
    pub case_width_mm: f64,
    pub case_height_mm: f64,
    pub case_weight_kg: f64,
    /// e.g. `"Headphones"`. Loose text: `null` (a back end's "none") decodes as `""`.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub category: String,
}

impl crate::paginate::Paginated for ListProducts {
    type Item = PartnerProduct;
    fn after(&self, token: String) -> Self {
        self.clone().next_token(token)
    }
    fn split(page: PartnerProductPage) -> (Vec<PartnerProduct>, Option<String>) {
        (page.items, page.next_token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Method;
    use crate::request::Operation;

    #[test]
    fn builds_the_seed_call_and_the_next_page() {
        let first = ListProducts::new().build().unwrap();
        assert_eq!((first.operation, first.method, first.path_and_query()), ("s2_partner.list_products", Method::Get, "/product".to_string()));
        assert_eq!(first.body, None);
        let next = ListProducts::new().next_token("eyJwIjoyfQ==").build().unwrap();
        assert_eq!(next.query, vec![("next_token".to_string(), "eyJwIjoyfQ==".to_string())]);
        assert_eq!(next.path_and_query(), "/product?next_token=eyJwIjoyfQ%3D%3D");
        assert!(ListProducts::new().next_token("").build().unwrap().query.is_empty());
    }

    #[test]
    fn decodes_the_page_under_item() {
        let page = crate::decode::<PartnerProductPage>(include_bytes!("../../../tests/fixtures/s2_partner.list_products/good.json")).unwrap();
        assert_eq!(page.value.items[0].sku, "mluw-tb2n");
        assert_eq!(page.value.items[0].package_length_mm, 225.0);
        let json = serde_json::to_value(&page.value).unwrap();
        assert!(json.get("item").is_some() && json.get("items").is_none());
        let misnamed = crate::validate(PartnerProductPage::SCHEMA, br#"{"items": []}"#);
        assert_eq!(misnamed.errors[0].to_string(), "$.item: expected array, found nothing (field missing)");
    }
}
