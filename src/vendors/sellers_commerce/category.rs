//! Category: categories, their products, brands (`/api/category/...`).
//!
//! The document shows no category body. [`SellersCategory`] declares the fields it
//! names: the category code (`get/{categorycode}`) and `IsBrand` (an "Api Column Name":
//! 0 yes, 1 no; brands are first-level categories, says error 35). Brands themselves
//! are free-form objects. Deleting a category takes the code and an `ActionId`
//! ([`ACTION`](super::codes::ACTION): 1 removes the category and its mapping, 2 only
//! its mapping from the parent).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;

use super::codes::ACTION;
use super::*;
use crate::request::FieldErrors;
use crate::schema::Wire;
use crate::vendors::checks;

pub(super) fn check_categories(body: &Value, errors: &mut FieldErrors) {
    check_shape(<Vec<SellersCategory> as Wire>::SCHEMA, body, errors);
    if let Some(items) = body.as_array() {
        checks::at_least_one(errors, "body", items.len());
    }
}

pub(super) fn check_category_delete(body: &Value, errors: &mut FieldErrors) {
    check_shape(SellersCategoryDelete::SCHEMA, body, errors);
    required_text_at(errors, body, "CategoryCode");
    if let Some(action) = body.get("ActionId").and_then(Value::as_i64) {
        if !ACTION.contains(action) {
            errors.push("ActionId", format!("must be one of {}, got {action}", ACTION.describe()));
        }
    }
}

pub(super) fn check_product_categories(body: &Value, errors: &mut FieldErrors) {
    check_shape(<Vec<SellersProductCategory> as Wire>::SCHEMA, body, errors);
    if let Some(items) = body.as_array() {
        checks::at_least_one(errors, "body", items.len());
    }
}

/// A category: the fields the document names, optional and nullable; not sent when absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "PascalCase")]
pub struct SellersCategory {
    /// The key of `get/{categorycode}` (the path parameter's name, in the document's casing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub category_code: Option<String>,
    /// [`IS_BRAND`](super::codes::IS_BRAND): `0` yes, `1` no (sic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "number | null")]
    pub is_brand: Option<i64>,
}

/// The body of `DELETE /api/category/category`. The document says only that the
/// operation "will delete the Category" and gives `ActionId` a code table; that the
/// category and the action travel in a JSON body, and under these names, is inferred.
/// Both are optional; when given, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "PascalCase")]
pub struct SellersCategoryDelete {
    /// The category removed (as `get/{categorycode}` names it). Inferred, not documented
    /// as a body field; when given, not blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub category_code: Option<String>,
    /// [`ACTION`](super::codes::ACTION): 1 remove the category and its mapping, 2 remove
    /// its mapping from the parent. The column is documented, its place in this body
    /// inferred; when given, one of the two.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "number | null")]
    pub action_id: Option<i64>,
}

/// One product-to-category mapping of `POST /api/category/productcategory`: the
/// product and category codes, named as elsewhere in the document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "PascalCase")]
pub struct SellersProductCategory {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub product_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub category_code: Option<String>,
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
    use crate::request::FieldError;

    fn messages(errors: Vec<FieldError>) -> Vec<String> {
        errors.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn delete_checks_a_category_code_and_a_documented_action_when_given() {
        let request = CategoryCategory::new(SellersCategoryDelete { category_code: Some("MUGS".into()), action_id: Some(2) }).build().unwrap();
        assert_eq!((request.method, request.path.as_str()), (Method::Delete, "/api/category/category"));
        assert_eq!(request.body.as_deref(), Some(r#"{"ActionId":2,"CategoryCode":"MUGS"}"#));
        assert_eq!(
            messages(CategoryCategory::new(SellersCategoryDelete { category_code: Some(" ".into()), action_id: Some(3) }).build().unwrap_err()),
            [
                "CategoryCode: is required and must not be empty",
                "ActionId: must be one of 1 (Remove Category and Mapping), 2 (Remove Category Mapping from Parent), got 3"
            ]
        );
        assert_eq!(messages(CategoryCategory::new(json!({"ActionId": "1"})).build().unwrap_err()), ["ActionId: expected integer or null, found string \"1\""]);
        // Inferred names: a body that names the category otherwise is sent as given.
        assert!(CategoryCategory::new(json!({"CategoryID": 12, "ActionId": 1})).build().is_ok());
    }

    #[test]
    fn lists_and_writes_build_the_documented_calls() {
        assert_eq!(CategoryCategoryProducts::new("MUGS").build().unwrap().path, "/api/category/categoryproducts/MUGS");
        assert_eq!(CategoryGet::new("MUGS").build().unwrap().path, "/api/category/get/MUGS");
        assert_eq!(CategoryGetAllBrands::new().filter("IsBrand eq 0").build().unwrap().query.len(), 1);
        assert!(CategoryCategories::new(vec![SellersCategory { category_code: Some("MUGS".into()), is_brand: Some(1) }]).build().is_ok());
        assert_eq!(messages(CategoryCategories::new(json!([])).build().unwrap_err()), ["body: must contain at least one item"]);
        assert_eq!(
            messages(CategoryProductCategory::new(json!([{"ProductCode": 5}])).build().unwrap_err()),
            ["[0].ProductCode: expected string or null, found number 5"]
        );
    }
}
