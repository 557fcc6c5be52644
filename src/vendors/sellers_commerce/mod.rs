//! Sellers Commerce Open API (seed `sellers-commerce-open-api.txt`): JSON over HTTPS at
//! [`BASE_URL`] (`https://api.sellerscommerce.com`), paths under `/api/`.
//!
//! # Authentication: the OAuth password grant
//!
//! Every operation but the token grants carries `Authorization: bearer <access token>`.
//! Tokens come from `POST /token` with a form-encoded body
//! (`application/x-www-form-urlencoded`):
//!
//! - [`token::TokenPassword`]: `grant_type=password&username=<Access Key>&password=<Shared Secret Key>`;
//! - [`token::TokenRefresh`]: `grant_type=refresh_token&refresh_token=<the last refresh token>`.
//!
//! Both answer [`token::SellersTokenResponse`]
//! `{"access_token", "token_type": "bearer", "expires_in": 3599, "refresh_token"}`.
//! The access token is valid for one hour ([`ACCESS_TOKEN_LIFETIME_SECS`], `expires_in`
//! says 3599 s); the refresh token for four hours ([`REFRESH_TOKEN_LIFETIME_SECS`]), and
//! every refresh hands out a new refresh token valid for four more hours, so the Shared
//! Secret is needed once. Both grants are [`Auth::CredentialExchange`](crate::catalogue::Auth):
//! the proxy runs them and keeps the tokens; the browser never sees a credential.
//!
//! # Errors
//!
//! Failures (and the answer to most writes) have one shape, [`SellersStatusResponse`]:
//! `{"Results": "OrderNotExist", "ResponseMessage": "Order Does Not Exist", "StatusCode": 24}`,
//! `StatusCode` from the table of [`codes::RESPONSE_CODES`] (20 `Processed` is success);
//! [`error_code_meaning`] reads it.
//!
//! # Queries
//!
//! The `getall` operations take OData `$filter` and `$orderby` ([`odata`]); the document
//! warns that a malformed query is answered with null values, so both are checked before
//! sending.
//!
//! # What the document shows, and what the types therefore declare
//!
//! The document gives example bodies only for the token response, a shopper (with its
//! addresses) and the status/error body. Of the other resources it names fields only in
//! its code tables ("Api Column Name": `OrderStatusId`, `CarrierId`...), in its OData
//! examples (`OrderPlacedDate`, `CreatedDate`, `ModifiedDate`, `OrderNumber`) and in
//! query and path parameters (`ProductCode`, `SCproductID`, `{categorycode}`...). The
//! wire types declare exactly those fields, every one optional and nullable, so that a
//! real response is never rejected for a field the document does not promise; the
//! vendor's other fields arrive untouched and are reported as drift. Suppliers, brands
//! and embellishments, of which the document names no field at all, are free-form
//! objects. Write bodies are open for the same reason: the documented fields are checked
//! (types, required ones), anything else is sent as given. The 28 operations the
//! document lists as "No Documentation Available" take and return free-form JSON.
//!
//! The wire types are prefixed `Sellers` (`SellersOrder`): the TypeScript declarations of
//! all vendors share one namespace.

pub mod category;
pub mod codes;
pub mod embellishments;
pub mod odata;
pub mod order;
pub mod portal_admin;
pub mod portal_login;
pub mod product;
pub mod returns;
pub mod shopper;
pub mod token;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;

use crate::catalogue::{Auth, Body, Duplicates, Endpoint, Method, Pagination, Vendor};
use crate::request::{FieldError, FieldErrors, Request};
use crate::schema::{Schema, Wire};
use crate::vendors::checks;

/// The production base URL: the document's `api.sellerscommerce.com`, over HTTPS.
pub const BASE_URL: &str = "https://api.sellerscommerce.com";

/// How long an access token is valid: "1 hr" (the token response says `expires_in: 3599`).
pub const ACCESS_TOKEN_LIFETIME_SECS: u64 = 3600;

/// How long a refresh token is valid: "4 hrs", each refresh issuing a new one.
pub const REFRESH_TOKEN_LIFETIME_SECS: u64 = 4 * 3600;

/// What a Sellers Commerce response code means: its `ResponseMessage` in the document's
/// table (20 `Processed Successfully`, 24 `Order Does Not Exist`, ...). `None` for a code
/// the table does not list (there is no 23). The whole row, with the `Results` text and
/// the HTTP status, is [`codes::response_code`].
///
/// ```
/// use commerce_kit::vendors::sellers_commerce::error_code_meaning;
/// assert_eq!(error_code_meaning(24), Some("Order Does Not Exist"));
/// assert_eq!(error_code_meaning(23), None);
/// ```
pub fn error_code_meaning(code: u32) -> Option<&'static str> {
    codes::response_code(code).map(|c| c.message)
}

/// The status body: the answer to the writes, and the shape of the vendor's errors.
/// `StatusCode` 20 (`Results: "Processed"`) is success; the others are in
/// [`codes::RESPONSE_CODES`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify, Wire)]
#[serde(rename_all = "PascalCase")]
pub struct SellersStatusResponse {
    /// `"Processed"`, `"OrderNotExist"`...
    pub results: String,
    /// Loose text: an ASP.NET back end may send `null`, which decodes as `""`.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub response_message: String,
    /// 20 to 36; see [`error_code_meaning`].
    pub status_code: i64,
}

impl SellersStatusResponse {
    /// The body the vendor sends with `code` (`None` if the table has no such code).
    pub fn for_code(code: u32) -> Option<SellersStatusResponse> {
        codes::response_code(code).map(|c| SellersStatusResponse {
            results: c.results.into(),
            response_message: c.message.into(),
            status_code: i64::from(c.code),
        })
    }

    /// Whether it says `Processed` (code 20).
    pub fn is_processed(&self) -> bool {
        self.status_code == 20
    }
}

/// The fields every endpoint of this vendor shares: bearer auth, idempotent exactly
/// when it is a read, no pagination, no parameters, no body, a free-form response.
/// Each declaration overrides what differs.
const fn endpoint(id: &'static str, summary: &'static str, method: Method, path: &'static str) -> Endpoint {
    Endpoint {
        vendor: Vendor::SellersCommerce,
        id,
        summary,
        method,
        path,
        path_params: &[],
        query: &[],
        body: Body::None,
        response: &Schema::Any,
        auth: Auth::OAuthBearer,
        duplicates: if matches!(method, Method::Get) { Duplicates::Harmless } else { Duplicates::Undetectable },
        pagination: Pagination::None,
    }
}

/// A text value worth sending: `None` for absent or blank, so that a blank required
/// parameter is reported as missing rather than sent empty.
pub(super) fn non_blank(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.trim().is_empty())
}

/// `$filter` and `$orderby` of a `getall` operation, checked before sending.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ODataQuery {
    pub filter: Option<String>,
    pub orderby: Option<String>,
}

impl ODataQuery {
    fn build(&self, endpoint: &'static Endpoint) -> Result<Request, Vec<FieldError>> {
        let filter = non_blank(self.filter.as_deref());
        let orderby = non_blank(self.orderby.as_deref());
        let mut errors = FieldErrors::new();
        if let Some(filter) = filter {
            odata::check_filter(&mut errors, "$filter", filter);
        }
        if let Some(orderby) = orderby {
            odata::check_orderby(&mut errors, "$orderby", orderby);
        }
        Request::builder(endpoint).query("$filter", filter).query("$orderby", orderby).field_errors(checks::into_vec(errors)).build()
    }
}

/// A `getall` operation: `$filter` and `$orderby`, both optional.
macro_rules! odata_list {
    ($(#[$doc:meta])* $name:ident => $endpoint:ident, $response:ty) => {
        $(#[$doc])*
        ///
        /// Optional OData query: [`filter`](Self::filter) (`$filter`, text or an
        /// [`odata::Filter`](crate::vendors::sellers_commerce::odata::Filter)) and
        /// [`orderby`](Self::orderby) (`$orderby`, `"OrderNumber desc"`), both checked
        /// before sending; blank values are not sent.
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct $name {
            query: $crate::vendors::sellers_commerce::ODataQuery,
        }

        impl $name {
            pub fn new() -> Self {
                Self::default()
            }

            /// `$filter`: `"OrderStatusId eq 9"`, or `Filter::field("OrderStatusId").eq(9)`.
            pub fn filter(mut self, filter: impl Into<String>) -> Self {
                self.query.filter = Some(filter.into());
                self
            }

            /// `$orderby`: `"OrderNumber desc"`, several keys comma-separated.
            pub fn orderby(mut self, orderby: impl Into<String>) -> Self {
                self.query.orderby = Some(orderby.into());
                self
            }
        }

        impl $crate::request::Operation for $name {
            const ENDPOINT: &'static $crate::catalogue::Endpoint = &$endpoint;
            type Response = $response;

            fn build(&self) -> Result<$crate::request::Request, Vec<$crate::request::FieldError>> {
                self.query.build(Self::ENDPOINT)
            }
        }
    };
}
pub(crate) use odata_list;

/// An operation addressed by one path parameter (`/api/order/get/{ordernumber}`).
macro_rules! by_path {
    ($(#[$doc:meta])* $name:ident => $endpoint:ident, $param:literal, $response:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name {
            code: String,
        }

        impl $name {
            /// The path parameter; blank is refused when building.
            pub fn new(code: impl Into<String>) -> Self {
                Self { code: code.into() }
            }
        }

        impl $crate::request::Operation for $name {
            const ENDPOINT: &'static $crate::catalogue::Endpoint = &$endpoint;
            type Response = $response;

            fn build(&self) -> Result<$crate::request::Request, Vec<$crate::request::FieldError>> {
                $crate::request::Request::builder(Self::ENDPOINT).path_param($param, &self.code).build()
            }
        }
    };
}
pub(crate) use by_path;

/// An operation whose inputs are required text query parameters, in declaration order.
/// With a trailing `secret`, `Debug` does not show their values (reset keys...).
macro_rules! by_query {
    ($(#[$doc:meta])* $name:ident => $endpoint:ident, $response:ty, { $($field:ident: $wire:literal),* $(,)? } $(, $secret:ident)?) => {
        $(#[$doc])*
        #[derive(Clone, Default, PartialEq, Eq)]
        pub struct $name {
            $(pub $field: String,)*
        }

        impl $name {
            /// The parameters in the order the catalogue declares them; blank ones are
            /// reported as missing when building.
            pub fn new($($field: impl Into<String>),*) -> Self {
                Self { $($field: $field.into()),* }
            }
        }

        $crate::vendors::sellers_commerce::query_debug!($name, [$($field),*] $(, $secret)?);

        impl $crate::request::Operation for $name {
            const ENDPOINT: &'static $crate::catalogue::Endpoint = &$endpoint;
            type Response = $response;

            fn build(&self) -> Result<$crate::request::Request, Vec<$crate::request::FieldError>> {
                $crate::request::Request::builder(Self::ENDPOINT)
                    $(.query($wire, $crate::vendors::sellers_commerce::non_blank(Some(&self.$field))))*
                    .build()
            }
        }
    };
}
pub(crate) use by_query;

/// `Debug` for [`by_query!`]'s structs: the values, or `<redacted>` when marked `secret`.
macro_rules! query_debug {
    ($name:ident, [$($field:ident),*]) => {
        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($name))$(.field(stringify!($field), &self.$field))*.finish()
            }
        }
    };
    ($name:ident, [$($field:ident),*], secret) => {
        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($name))$(.field(stringify!($field), &"<redacted>"))*.finish()
            }
        }
    };
}
pub(crate) use query_debug;

/// A write whose body is JSON, checked by `$check` (a `fn(&Value, &mut FieldErrors)`).
/// With a trailing `secret`, `Debug` does not show the body (passwords, reset keys).
macro_rules! with_body {
    ($(#[$doc:meta])* $name:ident => $endpoint:ident, $response:ty, $check:path $(, $secret:ident)?) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq)]
        pub struct $name {
            body: $crate::vendors::sellers_commerce::JsonBody,
        }

        impl $name {
            /// `body`: the documented wire type, or any JSON (`serde_json::json!`) with the
            /// documented fields and whatever else the vendor takes.
            pub fn new(body: impl serde::Serialize) -> Self {
                Self { body: $crate::vendors::sellers_commerce::JsonBody::new(body) }
            }

            /// The body as JSON (`None` if it could not be serialised).
            pub fn body(&self) -> Option<&serde_json::Value> {
                self.body.value()
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($name)).field("body", &$crate::vendors::sellers_commerce::shown!(self.body $(, $secret)?)).finish()
            }
        }

        impl $crate::request::Operation for $name {
            const ENDPOINT: &'static $crate::catalogue::Endpoint = &$endpoint;
            type Response = $response;

            fn build(&self) -> Result<$crate::request::Request, Vec<$crate::request::FieldError>> {
                self.body.build($crate::request::Request::builder(Self::ENDPOINT), $check)
            }
        }
    };
}

/// What `Debug` shows of a value: the value, or `<redacted>` when marked `secret`.
macro_rules! shown {
    ($value:expr) => {
        &$value as &dyn std::fmt::Debug
    };
    ($value:expr, secret) => {
        &"<redacted>" as &dyn std::fmt::Debug
    };
}
pub(crate) use shown;
pub(crate) use with_body;

/// A request body as JSON, kept open: the documented fields are checked, other fields
/// are sent as given (the document shows too little of any body to refuse them). Held as
/// a `serde_json::Value`, so object keys go out in sorted order (which JSON leaves
/// without meaning).
#[derive(Debug, Clone, PartialEq)]
pub struct JsonBody(Result<Value, String>);

impl JsonBody {
    pub fn new(body: impl Serialize) -> Self {
        JsonBody(serde_json::to_value(body).map_err(|e| e.to_string()))
    }

    pub fn value(&self) -> Option<&Value> {
        self.0.as_ref().ok()
    }

    /// Runs `check` and sets the body.
    pub(crate) fn build(&self, builder: crate::request::RequestBuilder, check: fn(&Value, &mut FieldErrors)) -> Result<Request, Vec<FieldError>> {
        match &self.0 {
            // Refused before the checks and the encoding, which recurse per level; past
            // serde_json's limit the vendor's reader could not take it anyway.
            Ok(value) if crate::validate::nests_deeper_than(value, crate::validate::MAX_JSON_DEPTH) => builder
                .field_errors(vec![FieldError {
                    field: "body".into(),
                    message: format!("nests deeper than {} levels of JSON", crate::validate::MAX_JSON_DEPTH),
                }])
                .build(),
            Ok(value) => {
                let mut errors = FieldErrors::new();
                check(value, &mut errors);
                builder.field_errors(checks::into_vec(errors)).json(value).build()
            }
            Err(e) => builder.field_errors(vec![FieldError { field: "body".into(), message: format!("cannot be encoded as JSON: {e}") }]).build(),
        }
    }
}

/// The problems of a body against the documented shape `schema`: wrong types and
/// missing required fields, by field path (`[1].DOB`, `OrderNumber`). Keys the schema
/// does not declare are fine: bodies are open.
pub fn check_shape(schema: &'static Schema, body: &Value, errors: &mut FieldErrors) {
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    let report = crate::validate::validate(schema, &bytes);
    for issue in &report.errors {
        let field = match issue.path.strip_prefix("$.").or_else(|| issue.path.strip_prefix('$')) {
            Some("") | None => "body".to_string(),
            Some(rest) => rest.to_string(),
        };
        if issue.found == "nothing (field missing)" {
            errors.push(field, "is required");
        } else {
            errors.push(field, format!("expected {}, found {}", issue.expected, issue.found));
        }
    }
}

/// The body of an operation the document does not describe: any JSON object.
pub fn check_object(body: &Value, errors: &mut FieldErrors) {
    if !body.is_object() {
        errors.push("body", format!("must be a JSON object, found {}", json_kind(body)));
    }
}

/// A body the document describes only in words ("SKU price informations"): a JSON
/// object, or an array of objects for several at once.
pub fn check_object_or_list(body: &Value, errors: &mut FieldErrors) {
    match body {
        Value::Object(_) => {}
        Value::Array(items) => {
            checks::at_least_one(errors, "body", items.len());
            for (i, item) in items.iter().enumerate() {
                if !item.is_object() {
                    errors.push(format!("[{i}]"), format!("must be a JSON object, found {}", json_kind(item)));
                }
            }
        }
        other => errors.push("body", format!("must be a JSON object or an array of objects, found {}", json_kind(other))),
    }
}

/// A documented-required text field of a JSON body: when it is a string, not blank.
/// (Missing or mistyped is [`check_shape`]'s report.)
pub(crate) fn required_text_at(errors: &mut FieldErrors, body: &Value, key: &str) {
    if let Some(text) = body.get(key).and_then(Value::as_str) {
        checks::required_text(errors, key, text);
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

#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const FREE_FORM_TS: &str = r#"
/** A Sellers Commerce object the document describes no field of (supplier, brand, embellishment, the undocumented operations' answers). */
export type SellersObject = Record<string, unknown>;
"#;

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::catalogue::{self, ParamKind};

    fn run(check: impl FnOnce(&mut FieldErrors)) -> Vec<String> {
        let mut errors = FieldErrors::new();
        check(&mut errors);
        checks::into_vec(errors).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn error_codes_have_the_documented_meanings() {
        let expected = [
            (20, "Processed Successfully"),
            (21, "Provider Does Not Exist"),
            (22, "User Does Not Exist"),
            (24, "Order Does Not Exist"),
            (25, "Order item with provided SKU Code Does Not Exist in current order"),
            (26, "Shipment quantity is more than quantity to be shipped."),
            (27, "Payment data already exist for requested order"),
            (28, "Requested Order alredy captured"),
            (29, "Process gets failed due to some internal errors"),
            (30, "Invalid data provided"),
            (31, "Category doesn't exists"),
            (32, "Parent Category doesn't exists"),
            (33, "Already exists for current request"),
            (34, "Invalid SKU Data Provided"),
            (36, "Category insertion for this product has been Failed, Please try again with valid data"),
        ];
        for (code, meaning) in expected {
            assert_eq!(error_code_meaning(code), Some(meaning), "{code}");
        }
        assert!(error_code_meaning(35).is_some_and(|m| m.starts_with("Brand and First level category does nor match")));
        for missing in [0, 19, 23, 37, 400] {
            assert_eq!(error_code_meaning(missing), None, "{missing}");
        }
    }

    #[test]
    fn the_documented_error_body_decodes() {
        let body = br#"{ "Results": "OrderNotExist", "ResponseMessage": "Order Does Not Exist", "StatusCode": 24 }"#;
        let decoded = crate::decode::<SellersStatusResponse>(body).unwrap();
        assert!(decoded.drift.is_empty());
        assert_eq!(decoded.value, SellersStatusResponse::for_code(24).unwrap());
        assert!(!decoded.value.is_processed() && SellersStatusResponse::for_code(20).unwrap().is_processed());
    }

    /// The catalogue rows of this vendor against `shared/endpoints.tsv`'s conventions.
    #[test]
    fn declarations_follow_the_vendor_conventions() {
        let ours: Vec<_> = catalogue::endpoints().iter().filter(|e| e.vendor == Vendor::SellersCommerce).collect();
        assert_eq!(ours.len(), 53);
        for e in &ours {
            assert!(e.id.starts_with("sellers_commerce."), "{}", e.id);
            assert_eq!(e.idempotent(), e.method == Method::Get, "{}", e.id);
            let exchange = matches!(
                e.id.trim_start_matches("sellers_commerce."),
                "token_password"
                    | "token_refresh"
                    | "portallogin_login"
                    | "portallogin_forgotpassword"
                    | "portallogin_changeforgotpassword"
                    | "portallogin_resetpassword"
                    | "portallogin_updatepasswordresethistory"
                    | "portallogin_valiadatestoresso"
                    | "portallogin_closureformsso"
            );
            assert_eq!(e.auth, if exchange { Auth::CredentialExchange } else { Auth::OAuthBearer }, "{}", e.id);
            // The catalogue (`commerce-proxy endpoints`) says which exchanges nothing exposes.
            let portal_login = e.id.starts_with("sellers_commerce.portallogin_") && exchange;
            assert_eq!(portal_login, e.summary.ends_with("not exposed)"), "{}: {}", e.id, e.summary);
            let top_skip = e.id == "sellers_commerce.product_getallproductskus";
            assert_eq!(e.pagination, if top_skip { Pagination::TopSkip } else { Pagination::None }, "{}", e.id);
            for p in e.query {
                let odata = matches!(p.kind, ParamKind::ODataFilter | ParamKind::ODataOrderBy);
                assert_eq!(odata, p.name.starts_with('$'), "{}: {}", e.id, p.name);
            }
            assert!(e.path == "/token" || e.path.starts_with("/api/"), "{}", e.path);
        }
    }

    #[test]
    fn shape_checks_name_fields_and_ignore_undeclared_keys() {
        let shoppers = json!([{ "FirstName": "Ann", "Extra": 1 }, { "DOB": 12, "Address": [{ "City": false }] }]);
        assert_eq!(
            run(|e| check_shape(<Vec<shopper::SellersShopper> as Wire>::SCHEMA, &shoppers, e)),
            vec!["[1].Address[0].City: expected string or null, found boolean false", "[1].DOB: expected string or null, found number 12"]
        );
        assert_eq!(run(|e| check_shape(SellersStatusResponse::SCHEMA, &json!({"Results": "x", "StatusCode": 20}), e)), vec!["ResponseMessage: is required"]);
        assert_eq!(run(|e| check_shape(SellersStatusResponse::SCHEMA, &json!([]), e)), vec!["body: expected object (SellersStatusResponse), found array"]);
    }

    #[test]
    fn bodies_nested_past_the_json_limit_are_refused_before_the_checks() {
        use crate::request::Operation;
        let deep = |depth: usize| (0..depth).fold(json!(1), |inner, _| json!({ "a": inner }));
        let refused = order::OrderOrdersamplepost::new(deep(crate::validate::MAX_JSON_DEPTH + 1)).build().unwrap_err();
        assert_eq!(refused.iter().map(ToString::to_string).collect::<Vec<_>>(), ["body: nests deeper than 127 levels of JSON"]);
        order::OrderOrdersamplepost::new(deep(crate::validate::MAX_JSON_DEPTH)).build().unwrap();
    }

    #[test]
    fn free_form_bodies_are_objects_or_lists_of_objects() {
        assert!(run(|e| check_object(&json!({}), e)).is_empty());
        assert_eq!(run(|e| check_object(&json!([1]), e)), vec!["body: must be a JSON object, found an array"]);
        assert_eq!(run(|e| check_object(&Value::Null, e)), vec!["body: must be a JSON object, found null"]);
        assert!(run(|e| check_object_or_list(&json!([{}, {}]), e)).is_empty());
        assert_eq!(run(|e| check_object_or_list(&json!([]), e)), vec!["body: must contain at least one item"]);
        assert_eq!(run(|e| check_object_or_list(&json!([{}, "x"]), e)), vec!["[1]: must be a JSON object, found a string"]);
        assert_eq!(run(|e| check_object_or_list(&json!(3), e)), vec!["body: must be a JSON object or an array of objects, found a number"]);
    }
}
