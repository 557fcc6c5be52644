//! Embellishments: product personalisation options (`/api/embellishments/...`).
//!
//! The document names no embellishment field (its display type, pricing type and
//! option type tables, [`DISPLAY_TYPE`](super::codes::DISPLAY_TYPE),
//! [`PRICING_TYPE`](super::codes::PRICING_TYPE), [`OPTION_TYPE`](super::codes::OPTION_TYPE),
//! are not tied to a field): each embellishment is a free-form object.

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use crate::catalogue::{Auth, Method, Pagination, Vendor};
    #[allow(unused_imports)]
    use crate::request::Operation;
    #[allow(unused_imports)]
    use crate::vendors::sellers_commerce::*;

    #[test]
    fn builds_the_documented_calls() {
        assert_eq!(EmbellishmentsGetAll::new().build().unwrap().path_and_query(), "/api/embellishments/getall");
        assert_eq!(
            EmbellishmentsGetProductEmbellishment::new("SC-1001").build().unwrap().path_and_query(),
            "/api/embellishments/getproductembellishment?productCode=SC-1001"
        );
        assert_eq!(EmbellishmentsGetProductEmbellishment::new(" ").build().unwrap_err()[0].to_string(), "productCode: is required");
    }
}
