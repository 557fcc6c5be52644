//! Sellers Commerce Open API (seed `sellers-commerce-open-api.txt`): the OAuth password
//! grant and its refresh at `POST /token`, `Authorization: bearer <token>` on every other
//! operation, a store of products, SKUs, shoppers, returns, categories and orders that
//! the writes change, OData `$filter`/`$orderby` on the lists, `top`/`skip` on SKUs.
//!
//! Answers and errors:
//! - `POST /token` answers the document's token response, or an OAuth 2.0 error
//!   (RFC 6749 section 5.2, the format of the ASP.NET token endpoint the API runs on):
//!   400 `{"error": "invalid_grant", "error_description": "..."}`, or
//!   `unsupported_grant_type`. The document shows neither error.
//! - A missing, unknown or expired bearer token: 401
//!   `{"Message": "Authorization has been denied for this request."}` (what ASP.NET Web
//!   API's `[Authorize]` answers; the document shows no 401 body) with
//!   `WWW-Authenticate: Bearer error="invalid_token", error_description="..."`.
//! - The writes answer the document's status body, `{"Results": "Processed",
//!   "ResponseMessage": "Processed Successfully", "StatusCode": 20}`, and refuse with the
//!   document's codes, messages and HTTP statuses, each in the situation its message
//!   describes:
//!   - 21 `ProviderNotExists`: `PortalAdmin/RedirectURL` for a `ProviderID` other than
//!     the mock's one store ([`data::PROVIDER_ID`]);
//!   - 22 `UserNotExists`: a shopper (or an address's shopper) the store does not have;
//!   - 24 `OrderNotExist`: an order number the store does not have;
//!   - 25 `SkuNotExist`: shipping a SKU the order does not hold;
//!   - 26 `InvalidQty`: shipping more of a SKU than is left to ship;
//!   - 27 `PaymenExist`: posting a capture whose `TransactionNumber` is already recorded
//!     for the order (a retried capture);
//!   - 28 `AlreadyCaptured`: capturing an order already captured, at checkout (74) or by
//!     another transaction;
//!   - 29 `ProcessFailed`: shipping or capturing a cancelled (5) or rejected (36) order,
//!     and any failure of the mock's own (an injected 5xx);
//!   - 30 `InvalidData`: a body without the field that names what it writes, and every
//!     request the client's own checks refuse (bad body, bad `$filter`), which comes
//!     at HTTP 400 (the document's "The request was invalid", with "an accompanying
//!     error message") with the field and the problem as its `ResponseMessage`;
//!   - 31 `CategoryNotExist`: a category code the store does not have;
//!   - 32 `ParentCategoryNotExists`: a category whose `ParentCategoryCode` names none;
//!   - 33 `Exists`: a second return for an order, or shipping an order already shipped
//!     or completed;
//!   - 34 `InvalidSku`: a SKU price or inventory update, or a product lookup, for a
//!     product code the store does not have;
//!   - 35 `BrandNotExists`: a product whose `BrandName` is no brand of the store;
//!   - 36 `InsertCategoryFailed`: a product whose `CategoryCode` is no category.
//!
//!   The field names the document does not give (`Items[].SkuCode`/`Quantity` of a
//!   shipment, `ParentCategoryCode`, `BrandName`, a product's `CategoryCode`) are the
//!   mock's reading, not the vendor's.
//! - The operations the document lists as "No Documentation Available" answer plausible
//!   JSON of the mock's invention (their catalogue type is free-form).
//!
//! Codes (product, order, category codes, usernames) match case-insensitively, as on
//! the SQL Server behind the API.

mod data;
mod query;

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use commerce_kit::catalogue::Endpoint;
use commerce_kit::request::{FieldError, FieldErrors, Operation, Request};
use commerce_kit::schema::{Schema, Wire};
use commerce_kit::vendors::sellers_commerce as sc;
use commerce_kit::vendors::sellers_commerce::category::SellersCategory;
use commerce_kit::vendors::sellers_commerce::codes::response_code_named;
use commerce_kit::vendors::sellers_commerce::order::SellersOrder;
use commerce_kit::vendors::sellers_commerce::product::{SellersProduct, SellersSku};
use commerce_kit::vendors::sellers_commerce::returns::SellersReturnRequest;
use commerce_kit::vendors::sellers_commerce::shopper::{SellersAddress, SellersShopper};
use commerce_kit::vendors::sellers_commerce::token::SellersTokenResponse;
use commerce_kit::vendors::sellers_commerce::{check_object, check_object_or_list, SellersStatusResponse};
use commerce_kit::vendors::sellers_commerce::{CategoryCategories, CategoryCategory, CategoryProductCategory};
use commerce_kit::vendors::sellers_commerce::{OrderPaymentInformation, OrderShippingInformation, OrderUpdateOrderStatus};
use commerce_kit::vendors::sellers_commerce::{ProductProducts, ReturnReturn, ShopperShoppers};
use serde::Serialize;
use serde_json::{json, Value};

use crate::dispatch::{json, ok, parse_query, Answer, Call, Handler, VendorError};
use crate::MockState;

/// The 401 message of ASP.NET Web API's `[Authorize]`.
const DENIED: &str = "Authorization has been denied for this request.";

/// The account's tokens and its store.
pub(crate) struct Store {
    /// Access tokens and when each expires.
    access: HashMap<String, Instant>,
    /// Refresh tokens and when each expires; one use each.
    refresh: HashMap<String, Instant>,
    data: data::Data,
    next_product_id: i64,
    next_return: u32,
}

impl Store {
    pub(crate) fn new() -> Store {
        let data = data::seeded();
        let next_product_id = 1 + data.products.iter().filter_map(|p| p.sc_product_id).max().unwrap_or(1000);
        Store { access: HashMap::new(), refresh: HashMap::new(), next_product_id, next_return: 5001 + data.returns.len() as u32, data }
    }

    /// `Ok` for a live access token; expired ones are forgotten.
    fn check_access(&mut self, token: &str) -> Result<(), VendorError> {
        match self.access.get(token) {
            None => Err(unauthorized("invalid_token", "The access token is not valid")),
            Some(&expires) if Instant::now() >= expires => {
                self.access.remove(token);
                Err(unauthorized("invalid_token", "The access token expired"))
            }
            Some(_) => Ok(()),
        }
    }
}

impl MockState {
    /// Issues an access token (and a refresh token) as the password grant would, for tests.
    pub fn sellers_commerce_token(&self) -> String {
        issue(self).access_token
    }
}

/// The stateful handlers, by endpoint.
pub(crate) const HANDLERS: &[(&Endpoint, Handler)] = &[
    // Both grants share `POST /token`; the router sends both to the first one.
    (&sc::TOKEN_PASSWORD, token),
    (&sc::TOKEN_REFRESH, token),
    (&sc::PRODUCT_GET_ALL, product_getall),
    (&sc::PRODUCT_GET_ALL_PRODUCTS, product_getall),
    (&sc::PRODUCT_GET_PRODUCTS, product_getall),
    (&sc::PRODUCT_GET_ALL_PRODUCT_SKUS, product_getallproductskus),
    (&sc::PRODUCT_GET, product_get),
    (&sc::PRODUCT_PRODUCTS, product_products),
    (&sc::PRODUCT_UPDATE_SKU_PRICE, product_update_skus),
    (&sc::PRODUCT_UPDATE_SKU_INVENTORY, product_update_skus),
    (&sc::PRODUCT_GET_ALL_SUPPLIERS, product_getallsuppliers),
    (&sc::SHOPPER_GET_ALL, shopper_getall),
    (&sc::SHOPPER_GET, shopper_get),
    (&sc::SHOPPER_SHOPPERS, shopper_shoppers),
    (&sc::SHOPPER_SHOPPER_ADDRESS, shopper_shopperaddress),
    (&sc::RETURN_GET_ALL, return_getall),
    (&sc::RETURN_GET, return_get),
    (&sc::RETURN_RETURN, return_return),
    (&sc::EMBELLISHMENTS_GET_ALL, embellishments_getall),
    (&sc::EMBELLISHMENTS_GET_PRODUCT_EMBELLISHMENT, embellishments_getproductembellishment),
    (&sc::CATEGORY_GET_ALL, category_getall),
    (&sc::CATEGORY_GET, category_get),
    (&sc::CATEGORY_CATEGORY_PRODUCTS, category_categoryproducts),
    (&sc::CATEGORY_CATEGORIES, category_categories),
    (&sc::CATEGORY_CATEGORY, category_category),
    (&sc::CATEGORY_PRODUCT_CATEGORY, category_productcategory),
    (&sc::CATEGORY_GET_ALL_BRANDS, category_getallbrands),
    (&sc::ORDER_GET_ALL, order_getall),
    (&sc::ORDER_GET_ORDERS, order_getall),
    (&sc::ORDER_GET, order_get),
    (&sc::ORDER_SHIPPING_INFORMATION, order_shippinginformation),
    (&sc::ORDER_PAYMENT_INFORMATION, order_paymentinformation),
    (&sc::ORDER_UPDATE_ORDER_STATUS, order_updateorderstatus),
    (&sc::ORDER_ORDER_SAMPLE_POST, object_processed),
    (&sc::PORTAL_ADMIN_ADMINS, portal_admins),
    (&sc::PORTAL_ADMIN_ADMIN_GET, portal_admin_by_user_id),
    (&sc::PORTAL_ADMIN_ADMIN_POST, portal_write),
    (&sc::PORTAL_ADMIN_IS_EMAIL_OR_USER_NAME_EXISTS, portal_name_taken),
    (&sc::PORTAL_ADMIN_GET_USER_BY_ID, portal_admin_by_user_id),
    (&sc::PORTAL_ADMIN_ALL_ROLES, portal_roles),
    (&sc::PORTAL_ADMIN_RAISE_REQUEST, portal_write),
    (&sc::PORTAL_ADMIN_REMOVE_ADMIN, portal_write),
    (&sc::PORTAL_ADMIN_SEND_EXPORT_EMAIL, portal_write),
    (&sc::PORTAL_ADMIN_REDIRECT_URL, portal_redirect_url),
    (&sc::PORTAL_LOGIN_LOGIN, portal_login),
    (&sc::PORTAL_LOGIN_FORGOT_PASSWORD, portal_flag),
    (&sc::PORTAL_LOGIN_CHANGE_FORGOT_PASSWORD, portal_write),
    // The queries-only writes have no body.
    (&sc::PORTAL_LOGIN_RESET_PASSWORD, portal_query_write),
    (&sc::PORTAL_LOGIN_UPDATE_PASSWORD_RESET_HISTORY, portal_query_write),
    (&sc::PORTAL_LOGIN_VALIDATE_STORE_SSO, portal_flag),
    (&sc::PORTAL_LOGIN_CLOSURE_FORM_SSO, portal_closure_form),
    (&sc::PORTAL_LOGIN_UPDATE_CLIENT_FEEDBACK, portal_write),
    (&sc::PORTAL_LOGIN_UPDATE_CLOSURE_FORM, portal_write),
];

/// `Authorization: bearer <token>` (the scheme in any case), a token the mock issued
/// that has not expired.
pub(crate) fn authorize(state: &MockState, call: &Call) -> Result<(), VendorError> {
    let header = call.header("authorization").ok_or_else(|| unauthorized("invalid_request", "No Authorization header"))?;
    let token = match header.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() => token.trim(),
        _ => return Err(unauthorized("invalid_request", "The Authorization header is not a bearer token")),
    };
    state.sellers_commerce.lock().unwrap().check_access(token)
}

/// An error in this vendor's format (see the module documentation): the document's
/// status body, with `code`'s row of the table, or 29 `ProcessFailed` for a failure of
/// the server and 30 `InvalidData` for any other refusal without a row of its own. Only
/// a refused bearer token (401) is not: ASP.NET's `[Authorize]` answers it before the
/// API's code runs, and the table has no code for it.
pub(crate) fn error_body(status: StatusCode, code: &str, message: &str) -> Response {
    if status == StatusCode::UNAUTHORIZED {
        let mut response = json(status, json!({ "Message": DENIED }).to_string());
        // `code` is the RFC 6750 error, `message` its description.
        let challenge = format!("Bearer error=\"{code}\", error_description=\"{}\"", message.replace('"', "'"));
        response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_str(&challenge).unwrap_or(HeaderValue::from_static("Bearer")));
        return response;
    }
    let fallback = if status.is_server_error() { "ProcessFailed" } else { "InvalidData" };
    let row = response_code_named(code).or_else(|| response_code_named(fallback)).expect("the table has codes 29 and 30");
    let body = SellersStatusResponse { results: row.results.into(), response_message: message.into(), status_code: i64::from(row.code) };
    json(status, serde_json::to_vec(&body).expect("serialises"))
}

fn unauthorized(error: &'static str, description: &str) -> VendorError {
    VendorError::new(StatusCode::UNAUTHORIZED, error, description)
}

/// A refusal with one of the document's codes, at its HTTP status.
fn refuse(results: &'static str, message: impl Into<String>) -> VendorError {
    let status = response_code_named(results).and_then(|r| StatusCode::from_u16(r.http_status).ok()).unwrap_or(StatusCode::NOT_ACCEPTABLE);
    VendorError::new(status, results, message)
}

/// The document's message for a code.
fn refuse_as_documented(results: &'static str) -> VendorError {
    refuse(results, response_code_named(results).map_or("", |r| r.message))
}

/// What the client's own checks refuse: 400 with code 30, the field and the problem as
/// its message.
fn bad_request(message: impl Into<String>) -> VendorError {
    VendorError::new(StatusCode::BAD_REQUEST, "InvalidData", message)
}

/// A record the table has no "does not exist" code for (a return number): 404 with
/// code 30.
fn not_found(message: impl Into<String>) -> VendorError {
    VendorError::new(StatusCode::NOT_FOUND, "InvalidData", message)
}

fn processed() -> Answer {
    ok(&SellersStatusResponse::for_code(20).expect("code 20 is documented"))
}

fn same(a: Option<&str>, b: &str) -> bool {
    a.is_some_and(|a| a.eq_ignore_ascii_case(b))
}

fn path_param<'a>(call: &'a Call, name: &str) -> &'a str {
    call.path_params.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}

// ---------------------------------------------------------------------------------
// Tokens

static TOKENS_ISSUED: AtomicU64 = AtomicU64::new(0);

/// `bytes` hex digits no one can guess: std's randomly keyed SipHash over a counter and
/// the time (the mock has no random-number crate, and needs none stronger).
fn random_hex(words: u8) -> String {
    let count = TOKENS_ISSUED.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    (0..words).map(|word| format!("{:016x}", RandomState::new().hash_one((count, nanos, word)))).collect()
}

/// A new access token and refresh token, as the document shows them: the access token
/// long and URL-safe, the refresh token a GUID.
fn issue(state: &MockState) -> SellersTokenResponse {
    let access_token = random_hex(6);
    let r = random_hex(2);
    let refresh_token = format!("{}-{}-4{}-a{}-{}", &r[0..8], &r[8..12], &r[13..16], &r[17..20], &r[20..32]);
    let now = Instant::now();
    let mut store = state.sellers_commerce.lock().unwrap();
    store.access.retain(|_, at| *at > now);
    store.refresh.retain(|_, at| *at > now);
    store.access.insert(access_token.clone(), now + state.config.sellers_token_ttl);
    store.refresh.insert(refresh_token.clone(), now + state.config.sellers_refresh_ttl);
    SellersTokenResponse { access_token, token_type: "bearer".into(), expires_in: state.config.sellers_token_ttl.as_secs() as i64, refresh_token }
}

/// An OAuth 2.0 token error (RFC 6749 section 5.2), status 400.
fn oauth_error(error: &str, description: &str) -> Answer {
    Ok(json(StatusCode::BAD_REQUEST, json!({ "error": error, "error_description": description }).to_string()))
}

/// `POST /token`, both grants: `grant_type=password` with the configured Access Key and
/// Shared Secret, or `grant_type=refresh_token` with a live refresh token (which is
/// used up: the answer carries a new one).
fn token(state: &MockState, call: &Call) -> Answer {
    let form = parse_query(&String::from_utf8_lossy(&call.body));
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let answer = match field("grant_type") {
        Some("password") => {
            let (username, password) = (field("username").unwrap_or(""), field("password").unwrap_or(""));
            if username != state.config.sellers_username || password != state.config.sellers_password {
                return oauth_error("invalid_grant", "The user name or password is incorrect.");
            }
            issue(state)
        }
        Some("refresh_token") => {
            let presented = field("refresh_token").unwrap_or("");
            let live = {
                let mut store = state.sellers_commerce.lock().unwrap();
                store.refresh.remove(presented).is_some_and(|expires| Instant::now() < expires)
            };
            if !live {
                return oauth_error("invalid_grant", "The refresh token is invalid, expired or already used.");
            }
            issue(state)
        }
        Some(_) | None => return oauth_error("unsupported_grant_type", "grant_type must be password or refresh_token"),
    };
    let mut response = ok(&answer)?;
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response.headers_mut().insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    Ok(response)
}

// ---------------------------------------------------------------------------------
// Lists

/// `records` as JSON, with the call's `$filter` and `$orderby` applied.
fn listed<T: Serialize>(call: &Call, records: &[T], item: &'static Schema) -> Result<Vec<Value>, VendorError> {
    let values = records.iter().map(|r| serde_json::to_value(r).expect("records serialise")).collect();
    query::apply(values, call.query("$filter"), call.query("$orderby"), item)
        .map_err(|e| bad_request(format!("The query specified in the URI is not valid. {e}")))
}

/// Answers the request the client would have built from this body, or its field
/// errors as a 400: the mock refuses exactly what the SDK refuses.
fn checked<O: Operation>(operation: O) -> Result<Request, VendorError> {
    operation.build().map_err(|errors: Vec<FieldError>| bad_request(errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")))
}

/// `check` (one of the core's body checks) as a 400 listing every problem.
fn check_with(check: fn(&Value, &mut FieldErrors), body: &Value) -> Result<(), VendorError> {
    let mut errors = FieldErrors::new();
    check(body, &mut errors);
    errors.into_result(()).map_err(|errors| bad_request(errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")))
}

fn body_json(call: &Call) -> Result<Value, VendorError> {
    serde_json::from_slice(&call.body).map_err(|e| bad_request(format!("body: not JSON ({e})")))
}

fn product_getall(state: &MockState, call: &Call) -> Answer {
    let store = state.sellers_commerce.lock().unwrap();
    ok(&listed(call, &store.data.products, SellersProduct::SCHEMA)?)
}

fn product_get(state: &MockState, call: &Call) -> Answer {
    let code = path_param(call, "productcode");
    let store = state.sellers_commerce.lock().unwrap();
    let product = store.data.products.iter().find(|p| same(p.product_code.as_deref(), code)).ok_or_else(|| refuse_as_documented("InvalidSku"))?;
    ok(product)
}

/// `top`/`skip` (non-negative integers), after the `SCproductID` and `ProductCode` filters.
fn product_getallproductskus(state: &MockState, call: &Call) -> Answer {
    let number = |name: &str| -> Result<Option<usize>, VendorError> {
        call.query_text(name).map(|v| v.trim().parse::<usize>().map_err(|_| bad_request(format!("{name}: {v:?} is not a non-negative integer")))).transpose()
    };
    let (top, skip) = (number("top")?, number("skip")?.unwrap_or(0));
    // The builder's rule, in its words: `top=0` would be a page that never advances.
    if top == Some(0) {
        return Err(bad_request("top: must be at least 1, got 0"));
    }
    let id = call
        .query_text("SCproductID")
        .map(|v| v.trim().parse::<i64>().map_err(|_| bad_request(format!("SCproductID: {v:?} is not an integer"))))
        .transpose()?;
    let code = call.query_text("ProductCode");
    let store = state.sellers_commerce.lock().unwrap();
    let skus: Vec<&SellersSku> = store
        .data
        .skus
        .iter()
        .filter(|s| id.is_none_or(|id| s.sc_product_id == Some(id)) && code.is_none_or(|c| same(s.product_code.as_deref(), c)))
        .skip(skip)
        .take(top.unwrap_or(usize::MAX))
        .collect();
    ok(&skus)
}

/// Add or update by `ProductCode` (a body without one is `InvalidData`); a new product
/// gets the next `SCproductID` and one SKU.
fn product_products(state: &MockState, call: &Call) -> Answer {
    let body = body_json(call)?;
    checked(ProductProducts::new(&body))?;
    let brand = body.get("BrandName").and_then(Value::as_str).filter(|b| !b.trim().is_empty()).map(str::to_string);
    let category = body.get("CategoryCode").and_then(Value::as_str).filter(|c| !c.trim().is_empty()).map(str::to_string);
    let product: SellersProduct = serde_json::from_value(body).map_err(|e| bad_request(e.to_string()))?;
    let Some(code) = product.product_code.clone().filter(|c| !c.trim().is_empty()) else {
        return Err(refuse("InvalidData", "Invalid data provided: ProductCode is required to add or update a product"));
    };
    let mut store = state.sellers_commerce.lock().unwrap();
    if let Some(brand) = &brand {
        if !store.data.brands.iter().any(|b| same(b["BrandName"].as_str(), brand)) {
            return Err(refuse_as_documented("BrandNotExists"));
        }
    }
    if let Some(category) = &category {
        if !store.data.categories.iter().any(|c| same(c.category_code.as_deref(), category)) {
            return Err(refuse_as_documented("InsertCategoryFailed"));
        }
        if !store.data.product_categories.iter().any(|(p, c)| p.eq_ignore_ascii_case(&code) && c.eq_ignore_ascii_case(category)) {
            store.data.product_categories.push((code.clone(), category.clone()));
        }
    }
    match store.data.products.iter_mut().find(|p| same(p.product_code.as_deref(), &code)) {
        Some(existing) => existing.sc_product_id = product.sc_product_id.or(existing.sc_product_id),
        None => {
            let id = product.sc_product_id.unwrap_or(store.next_product_id);
            store.next_product_id = store.next_product_id.max(id + 1);
            store.data.products.push(SellersProduct { product_code: Some(code.clone()), sc_product_id: Some(id) });
            store.data.skus.push(SellersSku { sc_product_id: Some(id), product_code: Some(code) });
        }
    }
    processed()
}

/// SKU price and inventory updates: the document names no field; an entry naming a
/// `ProductCode` the store does not have is `InvalidSku`.
fn product_update_skus(state: &MockState, call: &Call) -> Answer {
    let body = body_json(call)?;
    check_with(check_object_or_list, &body)?;
    let entries: Vec<&Value> = match &body {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    let store = state.sellers_commerce.lock().unwrap();
    for entry in entries {
        if let Some(code) = entry.get("ProductCode").and_then(Value::as_str) {
            if !store.data.skus.iter().any(|s| same(s.product_code.as_deref(), code)) {
                return Err(refuse_as_documented("InvalidSku"));
            }
        }
    }
    processed()
}

fn product_getallsuppliers(state: &MockState, call: &Call) -> Answer {
    let store = state.sellers_commerce.lock().unwrap();
    ok(&listed(call, &store.data.suppliers, &Schema::Any)?)
}

fn shopper_getall(state: &MockState, call: &Call) -> Answer {
    let store = state.sellers_commerce.lock().unwrap();
    ok(&listed(call, &store.data.shoppers, SellersShopper::SCHEMA)?)
}

fn shopper_get(state: &MockState, call: &Call) -> Answer {
    let username = path_param(call, "username");
    let store = state.sellers_commerce.lock().unwrap();
    ok(store.data.shoppers.iter().find(|s| same(s.user_name.as_deref(), username)).ok_or_else(|| refuse_as_documented("UserNotExists"))?)
}

/// Add or update by `UserName`: the fields given replace the stored ones. A shopper
/// without one (like the document's own example, which shows no username) is added.
fn shopper_shoppers(state: &MockState, call: &Call) -> Answer {
    let body = body_json(call)?;
    checked(ShopperShoppers::new(&body))?;
    let shoppers: Vec<SellersShopper> = serde_json::from_value(body).map_err(|e| bad_request(e.to_string()))?;
    let mut store = state.sellers_commerce.lock().unwrap();
    for shopper in shoppers {
        let key = shopper.user_name.as_deref().filter(|u| !u.trim().is_empty());
        match key.and_then(|key| store.data.shoppers.iter_mut().find(|s| same(s.user_name.as_deref(), key))) {
            Some(existing) => {
                let merged = SellersShopper {
                    first_name: shopper.first_name.or(existing.first_name.take()),
                    last_name: shopper.last_name.or(existing.last_name.take()),
                    dob: shopper.dob.or(existing.dob.take()),
                    deleted: shopper.deleted.or(existing.deleted),
                    shopper_type_id: shopper.shopper_type_id.or(existing.shopper_type_id),
                    address: shopper.address.or(existing.address.take()),
                    user_name: existing.user_name.take(),
                    gender: shopper.gender.or(existing.gender),
                };
                *existing = merged;
            }
            None => store.data.shoppers.push(shopper),
        }
    }
    processed()
}

/// Addresses: each entry names its shopper by `UserName` (unknown: `UserNotExists`)
/// and carries the address fields; the mock adds it to the shopper's addresses.
fn shopper_shopperaddress(state: &MockState, call: &Call) -> Answer {
    let body = body_json(call)?;
    check_with(check_object_or_list, &body)?;
    let entries: Vec<Value> = match body {
        Value::Array(items) => items,
        other => vec![other],
    };
    let mut store = state.sellers_commerce.lock().unwrap();
    for entry in entries {
        let Some(username) = entry.get("UserName").and_then(Value::as_str) else {
            return Err(refuse("InvalidData", "Invalid data provided: UserName names the shopper of an address"));
        };
        let address: SellersAddress = serde_json::from_value(entry.clone()).map_err(|e| bad_request(e.to_string()))?;
        let shopper = store.data.shoppers.iter_mut().find(|s| same(s.user_name.as_deref(), username)).ok_or_else(|| refuse_as_documented("UserNotExists"))?;
        shopper.address.get_or_insert_with(Vec::new).push(address);
    }
    processed()
}

fn return_getall(state: &MockState, call: &Call) -> Answer {
    let store = state.sellers_commerce.lock().unwrap();
    ok(&listed(call, &store.data.returns, SellersReturnRequest::SCHEMA)?)
}

fn return_get(state: &MockState, call: &Call) -> Answer {
    let number = path_param(call, "returnnumber");
    let store = state.sellers_commerce.lock().unwrap();
    ok(store.data.returns.iter().find(|r| same(r.return_number.as_deref(), number)).ok_or_else(|| not_found(format!("No return request '{number}'")))?)
}

/// A return for an order of the store (`OrderNumber` required: `InvalidData`; unknown:
/// `OrderNotExist`); it gets the next `RMA-` number.
fn return_return(state: &MockState, call: &Call) -> Answer {
    let body = body_json(call)?;
    checked(ReturnReturn::new(&body))?;
    let request: SellersReturnRequest = serde_json::from_value(body).map_err(|e| bad_request(e.to_string()))?;
    let Some(order) = request.order_number.filter(|o| !o.trim().is_empty()) else {
        return Err(refuse("InvalidData", "Invalid data provided: OrderNumber names the order returned"));
    };
    let mut store = state.sellers_commerce.lock().unwrap();
    if !store.data.orders.iter().any(|o| same(o.order_number.as_deref(), &order)) {
        return Err(refuse_as_documented("OrderNotExist"));
    }
    if store.data.returns.iter().any(|r| same(r.order_number.as_deref(), &order)) {
        return Err(refuse_as_documented("Exists"));
    }
    let number = format!("RMA-{}", store.next_return);
    store.next_return += 1;
    store.data.returns.push(SellersReturnRequest { return_number: Some(number), order_number: Some(order) });
    processed()
}

fn embellishments_getall(state: &MockState, call: &Call) -> Answer {
    let store = state.sellers_commerce.lock().unwrap();
    let all: Vec<&Value> = store.data.embellishments.iter().map(|(_, e)| e).collect();
    ok(&listed(call, &all, &Schema::Any)?)
}

fn embellishments_getproductembellishment(state: &MockState, call: &Call) -> Answer {
    let code = call.query_text("productCode").ok_or_else(|| bad_request("productCode: is required"))?;
    let store = state.sellers_commerce.lock().unwrap();
    let tagged: Vec<&Value> = store.data.embellishments.iter().filter(|(p, _)| p.eq_ignore_ascii_case(code)).map(|(_, e)| e).collect();
    ok(&tagged)
}

fn category_getall(state: &MockState, call: &Call) -> Answer {
    let store = state.sellers_commerce.lock().unwrap();
    ok(&listed(call, &store.data.categories, SellersCategory::SCHEMA)?)
}

fn find_category<'a>(store: &'a Store, code: &str) -> Result<&'a SellersCategory, VendorError> {
    store.data.categories.iter().find(|c| same(c.category_code.as_deref(), code)).ok_or_else(|| refuse_as_documented("CategoryNotExist"))
}

fn category_get(state: &MockState, call: &Call) -> Answer {
    let store = state.sellers_commerce.lock().unwrap();
    ok(find_category(&store, path_param(call, "categorycode"))?)
}

fn category_categoryproducts(state: &MockState, call: &Call) -> Answer {
    let store = state.sellers_commerce.lock().unwrap();
    let category = find_category(&store, path_param(call, "categorycode"))?.category_code.clone().unwrap_or_default();
    let products: Vec<&SellersProduct> = store
        .data
        .products
        .iter()
        .filter(|p| store.data.product_categories.iter().any(|(product, c)| same(p.product_code.as_deref(), product) && c.eq_ignore_ascii_case(&category)))
        .collect();
    ok(&products)
}

/// Add or update by `CategoryCode` (required: `InvalidData`).
fn category_categories(state: &MockState, call: &Call) -> Answer {
    let body = body_json(call)?;
    checked(CategoryCategories::new(&body))?;
    let parents: Vec<Option<String>> = body
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| c.get("ParentCategoryCode").and_then(Value::as_str).filter(|p| !p.trim().is_empty()).map(str::to_string))
        .collect();
    let categories: Vec<SellersCategory> = serde_json::from_value(body).map_err(|e| bad_request(e.to_string()))?;
    if categories.iter().any(|c| c.category_code.as_deref().is_none_or(|c| c.trim().is_empty())) {
        return Err(refuse("InvalidData", "Invalid data provided: CategoryCode is required to add or update a category"));
    }
    let mut store = state.sellers_commerce.lock().unwrap();
    // A parent is a category of the store or one posted before it in the same body.
    for (i, parent) in parents.iter().enumerate() {
        let Some(parent) = parent else { continue };
        let posted_before = categories[..i].iter().any(|c| same(c.category_code.as_deref(), parent));
        if !posted_before && !store.data.categories.iter().any(|c| same(c.category_code.as_deref(), parent)) {
            return Err(refuse_as_documented("ParentCategoryNotExists"));
        }
    }
    for category in categories {
        match store.data.categories.iter_mut().find(|c| same(c.category_code.as_deref(), category.category_code.as_deref().unwrap_or_default())) {
            Some(existing) => existing.is_brand = category.is_brand.or(existing.is_brand),
            None => store.data.categories.push(category),
        }
    }
    processed()
}

/// `ActionId` 1 removes the category and its product mappings; 2 removes its mapping
/// from the parent, which the mock does not model: the category stays.
fn category_category(state: &MockState, call: &Call) -> Answer {
    let body = body_json(call)?;
    checked(CategoryCategory::new(&body))?;
    let (Some(code), Some(action)) = (body["CategoryCode"].as_str(), body["ActionId"].as_i64()) else {
        return Err(refuse("InvalidData", "Invalid data provided: CategoryCode and ActionId name what is deleted"));
    };
    let code = code.to_string();
    let mut store = state.sellers_commerce.lock().unwrap();
    find_category(&store, &code)?;
    if action == 1 {
        store.data.categories.retain(|c| !same(c.category_code.as_deref(), &code));
        store.data.product_categories.retain(|(_, c)| !c.eq_ignore_ascii_case(&code));
    }
    processed()
}

/// Maps products to categories: an unknown category is `CategoryNotExist`, an unknown
/// product `InvalidData`; nothing is mapped unless all are known.
fn category_productcategory(state: &MockState, call: &Call) -> Answer {
    let body = body_json(call)?;
    checked(CategoryProductCategory::new(&body))?;
    let mut store = state.sellers_commerce.lock().unwrap();
    let mut pairs = Vec::new();
    for entry in body.as_array().into_iter().flatten() {
        let (Some(product), Some(category)) = (entry["ProductCode"].as_str(), entry["CategoryCode"].as_str()) else {
            return Err(refuse("InvalidData", "Invalid data provided: each mapping needs ProductCode and CategoryCode"));
        };
        find_category(&store, category)?;
        if !store.data.products.iter().any(|p| same(p.product_code.as_deref(), product)) {
            return Err(refuse("InvalidData", format!("Invalid data provided: no product '{product}'")));
        }
        pairs.push((product.to_string(), category.to_string()));
    }
    for pair in pairs {
        if !store.data.product_categories.iter().any(|(p, c)| p.eq_ignore_ascii_case(&pair.0) && c.eq_ignore_ascii_case(&pair.1)) {
            store.data.product_categories.push(pair);
        }
    }
    processed()
}

fn category_getallbrands(state: &MockState, call: &Call) -> Answer {
    let store = state.sellers_commerce.lock().unwrap();
    ok(&listed(call, &store.data.brands, &Schema::Any)?)
}

fn order_getall(state: &MockState, call: &Call) -> Answer {
    let store = state.sellers_commerce.lock().unwrap();
    ok(&listed(call, &store.data.orders, SellersOrder::SCHEMA)?)
}

/// Now, as the API writes its dates (`2016-04-27T14:38:17.1709364+00:00`; the mock has
/// microseconds).
fn sellers_now() -> String {
    crate::generate::now().replace('Z', "+00:00")
}

/// An order written to: its `ModifiedDate` is now.
fn touch(order: &mut SellersOrder) {
    order.modified_date = Some(sellers_now());
}

fn find_order<'a>(store: &'a mut Store, number: &str) -> Result<&'a mut SellersOrder, VendorError> {
    store.data.orders.iter_mut().find(|o| same(o.order_number.as_deref(), number)).ok_or_else(|| refuse_as_documented("OrderNotExist"))
}

fn order_get(state: &MockState, call: &Call) -> Answer {
    let mut store = state.sellers_commerce.lock().unwrap();
    ok(&find_order(&mut store, path_param(call, "ordernumber"))?.clone())
}

/// Whether an order's status ends it: cancelled (5) or rejected (36). Shipping or
/// capturing one is `ProcessFailed`.
fn is_closed(order: &SellersOrder) -> bool {
    matches!(order.order_status_id, Some(5 | 36))
}

/// One shipped item of a shipping body: `{"SkuCode", "Quantity"}` (the mock's reading).
fn shipped_item(item: &Value) -> Result<(String, u64), VendorError> {
    let sku = item.get("SkuCode").and_then(Value::as_str).filter(|s| !s.trim().is_empty());
    let quantity = item.get("Quantity").and_then(Value::as_u64).filter(|q| *q > 0);
    match (sku, quantity) {
        (Some(sku), Some(quantity)) => Ok((sku.to_string(), quantity)),
        _ => Err(refuse("InvalidData", "Invalid data provided: each of Items needs a SkuCode and a Quantity of at least 1")),
    }
}

/// Shipping information of an order's items: `{"OrderNumber", "Items": [{"SkuCode",
/// "Quantity"}]}`, or without `Items` everything left to ship. Nothing is shipped
/// unless every item can be; the order becomes Partially Shipped (8), or Shipped (9)
/// when nothing is left.
fn order_shippinginformation(state: &MockState, call: &Call) -> Answer {
    let body = body_json(call)?;
    checked(OrderShippingInformation::new(&body))?;
    let Some(number) = body.get("OrderNumber").and_then(Value::as_str) else {
        return Err(refuse("InvalidData", "Invalid data provided: OrderNumber names the order shipped"));
    };
    let items = match body.get("Items") {
        None | Some(Value::Null) => None,
        Some(Value::Array(items)) => Some(items.iter().map(shipped_item).collect::<Result<Vec<_>, _>>()?),
        Some(_) => return Err(refuse("InvalidData", "Invalid data provided: Items is a list of {SkuCode, Quantity}")),
    };
    let mut store = state.sellers_commerce.lock().unwrap();
    let order = find_order(&mut store, number)?;
    if is_closed(order) {
        return Err(refuse_as_documented("ProcessFailed"));
    }
    if matches!(order.order_status_id, Some(9 | 10)) {
        return Err(refuse_as_documented("Exists"));
    }
    let number = order.order_number.clone().unwrap_or_default();
    let lines: Vec<usize> = (0..store.data.order_lines.len()).filter(|&i| store.data.order_lines[i].order_number == number).collect();
    let shipments: Vec<(usize, u64)> = match items {
        None => lines.iter().map(|&i| (i, store.data.order_lines[i].ordered - store.data.order_lines[i].shipped)).collect(),
        Some(items) => {
            let mut shipments = Vec::new();
            for (sku, quantity) in items {
                let line = lines
                    .iter()
                    .copied()
                    .find(|&i| store.data.order_lines[i].sku_code.eq_ignore_ascii_case(&sku))
                    .ok_or_else(|| refuse_as_documented("SkuNotExist"))?;
                // The same SKU twice in one body counts both.
                let in_body: u64 = shipments.iter().filter(|(l, _)| *l == line).map(|(_, q)| q).sum();
                let left = store.data.order_lines[line].ordered - store.data.order_lines[line].shipped;
                if in_body + quantity > left {
                    return Err(refuse_as_documented("InvalidQty"));
                }
                shipments.push((line, quantity));
            }
            shipments
        }
    };
    for (line, quantity) in shipments {
        store.data.order_lines[line].shipped += quantity;
    }
    let done = lines.iter().all(|&i| store.data.order_lines[i].shipped == store.data.order_lines[i].ordered);
    let order = find_order(&mut store, &number)?;
    order.order_status_id = Some(if done { 9 } else { 8 });
    touch(order);
    processed()
}

/// Captures an authorized payment: the order's payment status goes from AuthorizeOnly
/// (75) to PriorAuthCapture (86) and the transaction is recorded. The same transaction
/// again is `PaymenExist`; another one, or an order captured at checkout (74), is
/// `AlreadyCaptured`.
fn order_paymentinformation(state: &MockState, call: &Call) -> Answer {
    let body = body_json(call)?;
    checked(OrderPaymentInformation::new(&body))?;
    let (Some(number), Some(transaction), Some(_)) = (body["OrderNumber"].as_str(), body["TransactionNumber"].as_str(), body["AuthorizationCode"].as_str())
    else {
        return Err(refuse("InvalidData", "Invalid data provided: a capture names the OrderNumber, TransactionNumber and AuthorizationCode"));
    };
    let transaction = transaction.to_string();
    let mut store = state.sellers_commerce.lock().unwrap();
    let order = find_order(&mut store, number)?;
    if is_closed(order) {
        return Err(refuse_as_documented("ProcessFailed"));
    }
    let captured = matches!(order.payment_status_id, Some(74 | 86));
    let number = order.order_number.clone().unwrap_or_default();
    if store.data.captures.iter().any(|(o, t)| *o == number && *t == transaction) {
        return Err(refuse_as_documented("PaymenExist"));
    }
    if captured {
        return Err(refuse_as_documented("AlreadyCaptured"));
    }
    let order = find_order(&mut store, &number)?;
    order.payment_status_id = Some(86);
    touch(order);
    store.data.captures.push((number, transaction));
    processed()
}

fn order_updateorderstatus(state: &MockState, call: &Call) -> Answer {
    let body = body_json(call)?;
    checked(OrderUpdateOrderStatus::new(&body))?;
    let (Some(number), Some(status)) = (body["OrderNumber"].as_str(), body["OrderStatusId"].as_i64()) else {
        return Err(refuse("InvalidData", "Invalid data provided: OrderNumber and OrderStatusId (the Order Post Status) are required"));
    };
    let mut store = state.sellers_commerce.lock().unwrap();
    let order = find_order(&mut store, number)?;
    order.order_status_id = Some(status);
    touch(order);
    processed()
}

/// An undocumented write: any JSON object is "Processed".
fn object_processed(_state: &MockState, call: &Call) -> Answer {
    let body = body_json(call)?;
    check_with(check_object, &body)?;
    processed()
}

// The portal operations ("No Documentation Available"): their required query
// parameters are checked, writes take a JSON object and answer "Processed", reads
// answer the mock's own plausible JSON (a portal admin, roles, a URL, a flag).

/// The required query parameters the endpoint declares.
fn portal_query(call: &Call) -> Result<(), VendorError> {
    for param in call.endpoint.query.iter().filter(|p| p.required) {
        if call.query_text(param.name).is_none() {
            return Err(bad_request(format!("{}: is required", param.name)));
        }
    }
    Ok(())
}

fn portal_admin_list() -> Vec<Value> {
    data::PORTAL_ADMINS.iter().map(|(id, name, email)| json!({ "UserID": id, "UserName": name, "Email": email })).collect()
}

/// The `userid` query parameter.
fn portal_user_id(call: &Call) -> Option<i64> {
    call.query_text("userid").and_then(|u| u.trim().parse().ok())
}

fn portal_admins(_state: &MockState, call: &Call) -> Answer {
    portal_query(call)?;
    ok(&portal_admin_list())
}

/// The admin `userid` names (22 `UserNotExists` for none).
fn portal_admin_by_user_id(_state: &MockState, call: &Call) -> Answer {
    portal_query(call)?;
    let user_id = portal_user_id(call);
    ok(&portal_admin_list().into_iter().find(|a| a["UserID"].as_i64() == user_id).ok_or_else(|| refuse_as_documented("UserNotExists"))?)
}

/// Taken by another admin than `userid` (one keeps one's own name when editing).
fn portal_name_taken(_state: &MockState, call: &Call) -> Answer {
    portal_query(call)?;
    let user_id = portal_user_id(call);
    let param = call.query_text("param").unwrap_or_default();
    ok(&portal_admin_list().iter().any(|a| a["UserID"].as_i64() != user_id && (same(a["UserName"].as_str(), param) || same(a["Email"].as_str(), param))))
}

fn portal_roles(_state: &MockState, call: &Call) -> Answer {
    portal_query(call)?;
    ok(&json!([{ "RoleID": 1, "RoleName": "Administrator" }, { "RoleID": 2, "RoleName": "Store Manager" }]))
}

fn portal_redirect_url(_state: &MockState, call: &Call) -> Answer {
    portal_query(call)?;
    if call.query_text("ProviderID").is_none_or(|p| p.trim() != data::PROVIDER_ID) {
        return Err(refuse_as_documented("ProviderNotExists"));
    }
    ok(&format!("https://portal.example.com/redirect?provider={}", commerce_kit::request::percent_encode(call.query_text("ProviderID").unwrap_or(""))))
}

/// The password-reset link and store SSO checks: a flag.
fn portal_flag(_state: &MockState, call: &Call) -> Answer {
    portal_query(call)?;
    ok(&true)
}

fn portal_closure_form(_state: &MockState, call: &Call) -> Answer {
    portal_query(call)?;
    ok(&json!({}))
}

fn portal_login(_state: &MockState, call: &Call) -> Answer {
    portal_query(call)?;
    check_with(check_object, &body_json(call)?)?;
    ok(&portal_admin_list()[0])
}

/// A write whose input is its query parameters.
fn portal_query_write(_state: &MockState, call: &Call) -> Answer {
    portal_query(call)?;
    processed()
}

/// A write of a JSON object.
fn portal_write(_state: &MockState, call: &Call) -> Answer {
    portal_query(call)?;
    check_with(check_object, &body_json(call)?)?;
    processed()
}
