//! Product: products, their SKUs, SKU prices and inventory, suppliers
//! (`/api/product/...`).
//!
//! The document shows no product or SKU body. [`SellersProduct`] and [`SellersSku`]
//! declare the two fields it names (the `ProductCode` and `SCproductID` parameters of
//! `getallproductskus`); every other field of the vendor's products arrives as drift.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;

use super::{by_path, check_object_or_list, check_shape, endpoint, non_blank, odata_list, with_body, SellersStatusResponse};
use crate::catalogue::{Body, Duplicates, Endpoint, Method, Pagination, Param, ParamKind};
use crate::request::{FieldError, FieldErrors, Operation, Request};
use crate::schema::Wire;

const ODATA: &[Param] = &[Param::optional("$filter", ParamKind::ODataFilter), Param::optional("$orderby", ParamKind::ODataOrderBy)];

pub const PRODUCT_GETALL: Endpoint = Endpoint {
    query: ODATA,
    response: <Vec<SellersProduct> as Wire>::SCHEMA,
    ..endpoint("sellers_commerce.product_getall", "Products, optionally filtered and ordered (OData)", Method::Get, "/api/product/getall")
};

pub const PRODUCT_GETALLPRODUCTS: Endpoint = Endpoint {
    query: ODATA,
    response: <Vec<SellersProduct> as Wire>::SCHEMA,
    ..endpoint("sellers_commerce.product_getallproducts", "Products, optionally filtered and ordered (OData)", Method::Get, "/api/product/getallproducts")
};

pub const PRODUCT_GETALLPRODUCTSKUS: Endpoint = Endpoint {
    query: &[
        Param::optional("top", ParamKind::Integer),
        Param::optional("skip", ParamKind::Integer),
        Param::optional("SCproductID", ParamKind::Integer),
        Param::optional("ProductCode", ParamKind::Text),
    ],
    response: <Vec<SellersSku> as Wire>::SCHEMA,
    pagination: Pagination::TopSkip,
    ..endpoint(
        "sellers_commerce.product_getallproductskus",
        "SKUs in the store, a page at a time (top/skip), optionally of one product",
        Method::Get,
        "/api/product/getallproductskus",
    )
};

pub const PRODUCT_GET: Endpoint = Endpoint {
    path_params: &[Param::required("productcode", ParamKind::Text)],
    response: SellersProduct::SCHEMA,
    ..endpoint("sellers_commerce.product_get", "One product by product code", Method::Get, "/api/product/get/{productcode}")
};

pub const PRODUCT_PRODUCTS: Endpoint = Endpoint {
    body: Body::Json(<SellersProduct as Wire>::SCHEMA),
    response: SellersStatusResponse::SCHEMA,
    duplicates: Duplicates::LookupAfter("sellers_commerce.product_get"),
    ..endpoint("sellers_commerce.product_products", "Add or update one product", Method::Post, "/api/product/products")
};

pub const PRODUCT_UPDATESKUPRICE: Endpoint = Endpoint {
    body: Body::Json(&crate::schema::Schema::Any),
    response: SellersStatusResponse::SCHEMA,
    duplicates: Duplicates::LookupAfter("sellers_commerce.product_getallproductskus"),
    ..endpoint("sellers_commerce.product_updateskuprice", "Update SKU prices", Method::Post, "/api/product/updateskuprice")
};

pub const PRODUCT_UPDATESKUINVENTORY: Endpoint = Endpoint {
    body: Body::Json(&crate::schema::Schema::Any),
    response: SellersStatusResponse::SCHEMA,
    duplicates: Duplicates::LookupAfter("sellers_commerce.product_getallproductskus"),
    ..endpoint("sellers_commerce.product_updateskuinventory", "Update SKU inventory", Method::Post, "/api/product/updateskuinventory")
};

pub const PRODUCT_GETALLSUPPLIERS: Endpoint = Endpoint {
    query: ODATA,
    response: <Vec<Value> as Wire>::SCHEMA,
    ..endpoint(
        "sellers_commerce.product_getallsuppliers",
        "Every supplier, optionally filtered and ordered (OData)",
        Method::Get,
        "/api/product/getallsuppliers",
    )
};

pub const PRODUCT_GETPRODUCTS: Endpoint =
    endpoint("sellers_commerce.product_getproducts", "Products (undocumented: free-form answer)", Method::Get, "/api/product/getproducts");

odata_list!(
    /// `GET /api/product/getall`: "the list of Products".
    ProductGetall => PRODUCT_GETALL, Vec<SellersProduct>
);

odata_list!(
    /// `GET /api/product/getallproducts`: "the list of Products" (the document describes
    /// it in the same words as `getall`).
    ProductGetallproducts => PRODUCT_GETALLPRODUCTS, Vec<SellersProduct>
);

odata_list!(
    /// `GET /api/product/getallsuppliers`: "the list of all Suppliers". The document
    /// names no supplier field: each is a free-form object.
    ProductGetallsuppliers => PRODUCT_GETALLSUPPLIERS, Vec<Value>
);

by_path!(
    /// `GET /api/product/get/{productcode}`: one product.
    ProductGet => PRODUCT_GET, "productcode", SellersProduct
);

/// `GET /api/product/getallproductskus`: "the list of skus available in Store", `top`
/// at a time after skipping `skip`, optionally only those of one product (`SCproductID`
/// or `ProductCode`). [`next_page`](Self::next_page) gives the request for the page after.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProductGetallproductskus {
    top: Option<u32>,
    skip: Option<u32>,
    sc_product_id: Option<i64>,
    product_code: Option<String>,
}

impl ProductGetallproductskus {
    pub fn new() -> Self {
        Self::default()
    }

    /// At most this many SKUs (`top`); at least 1.
    pub fn top(mut self, top: u32) -> Self {
        self.top = Some(top);
        self
    }

    /// Skip this many SKUs first (`skip`).
    pub fn skip(mut self, skip: u32) -> Self {
        self.skip = Some(skip);
        self
    }

    /// Only the SKUs of the product with this Sellers Commerce id (`SCproductID`).
    pub fn sc_product_id(mut self, id: i64) -> Self {
        self.sc_product_id = Some(id);
        self
    }

    /// Only the SKUs of the product with this code (`ProductCode`); blank is not sent.
    pub fn product_code(mut self, code: impl Into<String>) -> Self {
        self.product_code = Some(code.into());
        self
    }

    /// The request for the next page, given how many SKUs this one returned: `None`
    /// when it returned fewer than `top` (the last page), or when no `top` was set.
    pub fn next_page(&self, returned: usize) -> Option<Self> {
        let top = self.top?;
        (returned >= top as usize && top > 0).then(|| Self { skip: Some(self.skip.unwrap_or(0).saturating_add(top)), ..self.clone() })
    }
}

impl Operation for ProductGetallproductskus {
    const ENDPOINT: &'static Endpoint = &PRODUCT_GETALLPRODUCTSKUS;
    type Response = Vec<SellersSku>;

    fn build(&self) -> Result<Request, Vec<FieldError>> {
        let mut errors = FieldErrors::new();
        if self.top == Some(0) {
            errors.push("top", "must be at least 1, got 0");
        }
        let number = |n: Option<u32>| n.map(|n| n.to_string());
        let (top, skip, id) = (number(self.top), number(self.skip), self.sc_product_id.map(|n| n.to_string()));
        Request::builder(Self::ENDPOINT)
            .query("top", top.as_deref())
            .query("skip", skip.as_deref())
            .query("SCproductID", id.as_deref())
            .query("ProductCode", non_blank(self.product_code.as_deref()))
            .field_errors(crate::vendors::checks::into_vec(errors))
            .build()
    }
}

with_body!(
    /// `POST /api/product/products`: "Post the single Product Informations and add or
    /// update the informations". The body is one product: the documented fields are
    /// type-checked, the vendor's others sent as given. Answers a status body;
    /// a brand or category the store does not know is refused with code 35 or 36.
    ProductProducts => PRODUCT_PRODUCTS, SellersStatusResponse, check_product
);

fn check_product(body: &Value, errors: &mut FieldErrors) {
    check_shape(SellersProduct::SCHEMA, body, errors);
}

with_body!(
    /// `POST /api/product/updateskuprice`: "Update the SKU Price Informations". The
    /// document gives no field: the body is a JSON object, or an array of them.
    /// An unknown SKU is answered with code 34 (`InvalidSku`).
    ProductUpdateskuprice => PRODUCT_UPDATESKUPRICE, SellersStatusResponse, check_object_or_list
);

with_body!(
    /// `POST /api/product/updateskuinventory`: "Update the SKU Inventory". The document
    /// gives no field: the body is a JSON object, or an array of them.
    ProductUpdateskuinventory => PRODUCT_UPDATESKUINVENTORY, SellersStatusResponse, check_object_or_list
);

/// `GET /api/product/getproducts`: "No Documentation Available"; the answer is free-form JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProductGetproducts;

impl Operation for ProductGetproducts {
    const ENDPOINT: &'static Endpoint = &PRODUCT_GETPRODUCTS;
    type Response = Value;

    fn build(&self) -> Result<Request, Vec<FieldError>> {
        Request::builder(Self::ENDPOINT).build()
    }
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
    use serde_json::json;

    use super::*;

    fn messages(errors: Vec<FieldError>) -> Vec<String> {
        errors.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn getall_sends_checked_odata() {
        let request = ProductGetall::new().filter("ProductCode eq 'SC-1001'").orderby("ProductCode desc").build().unwrap();
        assert_eq!(request.path_and_query(), "/api/product/getall?%24filter=ProductCode%20eq%20%27SC-1001%27&%24orderby=ProductCode%20desc");
        assert_eq!(ProductGetall::new().filter(" ").build().unwrap().path_and_query(), "/api/product/getall");
        let errors = messages(ProductGetallproducts::new().filter("ProductCode = 'x'").orderby("desc").build().unwrap_err());
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
        let first = ProductGetallproductskus::new().top(50).product_code("SC 1").build().unwrap();
        assert_eq!(first.path_and_query(), "/api/product/getallproductskus?top=50&ProductCode=SC%201");
        let op = ProductGetallproductskus::new().top(50).sc_product_id(7);
        let next = op.next_page(50).unwrap();
        assert_eq!(next.build().unwrap().path_and_query(), "/api/product/getallproductskus?top=50&skip=50&SCproductID=7");
        assert_eq!(next.next_page(50).unwrap().skip, Some(100));
        assert_eq!(op.next_page(49), None);
        assert_eq!(ProductGetallproductskus::new().next_page(10), None);
        assert_eq!(messages(ProductGetallproductskus::new().top(0).build().unwrap_err()), ["top: must be at least 1, got 0"]);
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
            messages(ProductUpdateskuprice::new(json!("x")).build().unwrap_err()),
            ["body: must be a JSON object or an array of objects, found a string"]
        );
        assert!(ProductUpdateskuinventory::new(json!([{"SkuCode": "A", "Quantity": 3}])).build().is_ok());
    }

    #[test]
    fn suppliers_and_getproducts_are_free_form() {
        assert_eq!(ProductGetallsuppliers::new().build().unwrap().path, "/api/product/getallsuppliers");
        assert_eq!(ProductGetproducts.build().unwrap().path, "/api/product/getproducts");
        let suppliers = crate::validate(PRODUCT_GETALLSUPPLIERS.response, br#"[{"anything": 1}]"#);
        assert!(suppliers.errors.is_empty() && suppliers.drift.is_empty());
    }
}
