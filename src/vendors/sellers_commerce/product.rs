//! Product: products, their SKUs, SKU prices and inventory, suppliers
//! (`/api/product/...`).
//!
//! The document shows no product or SKU body. [`SellersProduct`] and [`SellersSku`]
//! declare the two fields it names (the `ProductCode` and `SCproductID` parameters of
//! `getallproductskus`); every other field of the vendor's products arrives as drift.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;

use super::*;
use crate::request::FieldErrors;
use crate::schema::Wire;

impl super::ProductGetAllProductSkus {
    /// The request for the next page, given how many SKUs this one returned: `None`
    /// when it returned fewer than `top` (the last page), or when no `top` was set.
    pub fn next_page(&self, returned: usize) -> Option<Self> {
        let top = self.top?;
        (top > 0 && returned as u64 >= top as u64).then(|| Self { skip: Some(self.skip.unwrap_or(0).saturating_add(top)), ..self.clone() })
    }
}

/// `top` is a page size: at least 1; `skip` a count: not negative.
pub(super) fn check_sku_page(page: &super::ProductGetAllProductSkus, errors: &mut FieldErrors) {
    if let Some(top) = page.top.filter(|top| *top < 1) {
        errors.push("top", format!("must be at least 1, got {top}"));
    }
    if let Some(skip) = page.skip.filter(|skip| *skip < 0) {
        errors.push("skip", format!("must not be negative, got {skip}"));
    }
}

pub(super) fn check_product(body: &Value, errors: &mut FieldErrors) {
    check_shape(SellersProduct::SCHEMA, body, errors);
}

/// A product: the fields the document names, optional and nullable (the document
/// promises none); not sent when absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "PascalCase")]
pub struct SellersProduct {
    /// The code of `get/{productcode}` and of the `ProductCode` parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub product_code: Option<String>,
    /// Sellers Commerce's id of the product (the `SCproductID` parameter).
    #[serde(rename = "SCproductID", default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "number | null")]
    pub sc_product_id: Option<i64>,
}

/// A SKU of `getallproductskus`: the fields the document names (the product it belongs
/// to), optional and nullable. Everything else about a SKU arrives as drift.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "PascalCase")]
pub struct SellersSku {
    #[serde(rename = "SCproductID", default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "number | null")]
    pub sc_product_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub product_code: Option<String>,
}

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use crate::catalogue::{Auth, Method, Pagination, Vendor};
    #[allow(unused_imports)]
    use crate::request::Operation;
    #[allow(unused_imports)]
    use crate::vendors::sellers_commerce::*;
    use serde_json::json;

    use super::*;

    fn messages(errors: Vec<FieldError>) -> Vec<String> {
        errors.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn getall_sends_checked_odata() {
        let request = ProductGetAll::new().filter("ProductCode eq 'SC-1001'").order_by("ProductCode desc").build().unwrap();
        assert_eq!(request.path_and_query(), "/api/product/getall?%24filter=ProductCode%20eq%20%27SC-1001%27&%24orderby=ProductCode%20desc");
        assert_eq!(ProductGetAll::new().filter(" ").build().unwrap().path_and_query(), "/api/product/getall");
        let errors = messages(ProductGetAllProducts::new().filter("ProductCode = 'x'").order_by("desc").build().unwrap_err());
        assert_eq!(
            errors,
            [
                "$filter: does not parse at character 13: expected an OData operator (eq, ne, gt, ge, lt, le), found '='",
                "$orderby: does not parse at character 1: expected a field name, found 'desc'"
            ]
        );
    }

    #[test]
    fn skus_page_with_top_and_skip() {
        let first = ProductGetAllProductSkus::new().top(50).product_code("SC 1").build().unwrap();
        assert_eq!(first.path_and_query(), "/api/product/getallproductskus?top=50&ProductCode=SC%201");
        let op = ProductGetAllProductSkus::new().top(50).sc_product_id(7);
        let next = op.next_page(50).unwrap();
        assert_eq!(next.build().unwrap().path_and_query(), "/api/product/getallproductskus?top=50&skip=50&SCproductID=7");
        assert_eq!(next.next_page(50).unwrap().skip, Some(100));
        assert_eq!(op.next_page(49), None);
        assert_eq!(ProductGetAllProductSkus::new().next_page(10), None);
        assert_eq!(messages(ProductGetAllProductSkus::new().top(0).build().unwrap_err()), ["top: must be at least 1, got 0"]);
        // Integers from JS are i64 now (were u32): a negative page is refused by name.
        assert_eq!(
            messages(ProductGetAllProductSkus::new().top(-5).skip(-1).build().unwrap_err()),
            ["top: must be at least 1, got -5", "skip: must not be negative, got -1"]
        );
    }

    #[test]
    fn get_fills_and_encodes_the_product_code() {
        assert_eq!(ProductGet::new("SC/1 a").build().unwrap().path, "/api/product/get/SC%2F1%20a");
        assert_eq!(messages(ProductGet::new(" ").build().unwrap_err()), ["productcode: is required and must not be empty"]);
    }

    #[test]
    fn product_bodies_are_open_but_typed_where_documented() {
        let body = json!({"ProductCode": "SC-1001", "ProductName": "Mug", "Price": 4.5});
        let request = ProductProducts::new(&body).build().unwrap();
        assert_eq!(request.content_type, Some("application/json"));
        assert_eq!(serde_json::from_str::<Value>(request.body.as_deref().unwrap()).unwrap(), body);
        let typed = SellersProduct { product_code: Some("SC-1".into()), sc_product_id: None };
        assert_eq!(ProductProducts::new(&typed).build().unwrap().body.as_deref(), Some(r#"{"ProductCode":"SC-1"}"#));
        assert_eq!(
            messages(ProductProducts::new(json!({"ProductCode": 12, "SCproductID": "x"})).build().unwrap_err()),
            ["ProductCode: expected string or null, found number 12", "SCproductID: expected integer or null, found string \"x\""]
        );
        assert_eq!(
            messages(ProductUpdateSkuPrice::new(json!("x")).build().unwrap_err()),
            ["body: must be a JSON object or an array of objects, found a string"]
        );
        assert!(ProductUpdateSkuInventory::new(json!([{"SkuCode": "A", "Quantity": 3}])).build().is_ok());
    }

    #[test]
    fn suppliers_and_getproducts_are_free_form() {
        assert_eq!(ProductGetAllSuppliers::new().build().unwrap().path, "/api/product/getallsuppliers");
        assert_eq!(ProductGetProducts.build().unwrap().path, "/api/product/getproducts");
        let suppliers = crate::validate(PRODUCT_GET_ALL_SUPPLIERS.response, br#"[{"anything": 1}]"#);
        assert!(suppliers.errors.is_empty() && suppliers.drift.is_empty());
    }
}
