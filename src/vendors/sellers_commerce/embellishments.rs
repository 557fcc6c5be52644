//! Embellishments: product personalisation options (`/api/embellishments/...`).
//!
//! The document names no embellishment field (its display type, pricing type and
//! option type tables, [`DISPLAY_TYPE`](super::codes::DISPLAY_TYPE),
//! [`PRICING_TYPE`](super::codes::PRICING_TYPE), [`OPTION_TYPE`](super::codes::OPTION_TYPE),
//! are not tied to a field): each embellishment is a free-form object.

use serde_json::Value;

use super::{endpoint, non_blank, odata_list};
use crate::catalogue::{Endpoint, Method, Param, ParamKind};
use crate::request::{FieldError, Operation, Request};
use crate::schema::Wire;

pub const EMBELLISHMENTS_GETALL: Endpoint = Endpoint {
    query: &[Param::optional("$filter", ParamKind::ODataFilter), Param::optional("$orderby", ParamKind::ODataOrderBy)],
    response: <Vec<Value> as Wire>::SCHEMA,
    ..endpoint(
        "sellers_commerce.embellishments_getall",
        "Every embellishment, optionally filtered and ordered (OData)",
        Method::Get,
        "/api/embellishments/getall",
    )
};

pub const EMBELLISHMENTS_GETPRODUCTEMBELLISHMENT: Endpoint = Endpoint {
    query: &[Param::required("productCode", ParamKind::Text)],
    response: <Vec<Value> as Wire>::SCHEMA,
    ..endpoint(
        "sellers_commerce.embellishments_getproductembellishment",
        "The embellishments tagged to one product",
        Method::Get,
        "/api/embellishments/getproductembellishment",
    )
};

odata_list!(
    /// `GET /api/embellishments/getall`: "all Embellishments", free-form objects.
    EmbellishmentsGetall => EMBELLISHMENTS_GETALL, Vec<Value>
);

/// `GET /api/embellishments/getproductembellishment?productCode=...`: "all
/// Embellishments tagged to" the product, free-form objects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbellishmentsGetproductembellishment {
    product_code: String,
}

impl EmbellishmentsGetproductembellishment {
    /// `productCode` (required; blank is reported as missing).
    pub fn new(product_code: impl Into<String>) -> Self {
        Self { product_code: product_code.into() }
    }
}

impl Operation for EmbellishmentsGetproductembellishment {
    const ENDPOINT: &'static Endpoint = &EMBELLISHMENTS_GETPRODUCTEMBELLISHMENT;
    type Response = Vec<Value>;

    fn build(&self) -> Result<Request, Vec<FieldError>> {
        Request::builder(Self::ENDPOINT).query("productCode", non_blank(Some(&self.product_code))).build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_documented_calls() {
        assert_eq!(EmbellishmentsGetall::new().build().unwrap().path_and_query(), "/api/embellishments/getall");
        assert_eq!(
            EmbellishmentsGetproductembellishment::new("SC-1001").build().unwrap().path_and_query(),
            "/api/embellishments/getproductembellishment?productCode=SC-1001"
        );
        assert_eq!(EmbellishmentsGetproductembellishment::new(" ").build().unwrap_err()[0].to_string(), "productCode: is required");
    }
}
