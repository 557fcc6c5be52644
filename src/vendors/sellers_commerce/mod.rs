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

use crate::request::{FieldError, FieldErrors, Request};
use crate::schema::{Schema, Wire};
use crate::vendors::checks;
use category::{SellersCategory, SellersCategoryDelete, SellersProductCategory};
use order::{SellersOrder, SellersOrderStatusUpdate, SellersPaymentInformation};
use product::{SellersProduct, SellersSku};
use returns::SellersReturnRequest;
use shopper::SellersShopper;
use token::SellersTokenResponse;

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

/// A Sellers Commerce object the document describes no field of (supplier, brand,
/// embellishment, the undocumented operations' bodies): any JSON, `SellersObject` in
/// TypeScript.
pub type SellersObject = Value;

/// A body the document describes only in words ("SKU price informations"): an object,
/// or an array of objects for several at once (`SellersObjects` in TypeScript).
pub type SellersObjects = Value;

// Every Sellers Commerce operation: the catalogue entry, builder, `Operation` and JS
// method of each. The table's identifiers have real word boundaries
// (`product_get_all`: `ProductGetAll`, `PRODUCT_GET_ALL`, `productGetAll`); `id:` keeps
// the vendor's run-together spelling in the catalogue id, as in `shared/endpoints.tsv`.
// Hand-written: the body checks (`check:`, in the resource modules), the OAuth grants
// (form-encoded, `token.rs`) and the SKU pages' `next_page` (`product.rs`).
commerce_kit_derive::operations! {
    vendor = SellersCommerce;
    auth = OAuthBearer;
    client = crate::wasm::sellers_commerce::SellersCommerceClient;

    /// Access and refresh token for the account's Access Key and Shared Secret (proxy only)
    token_password: POST "/token" -> SellersTokenResponse {
        auth: CredentialExchange,
        duplicates: Undetectable,
        form,
        manual,
    }

    /// New access and refresh token for the last refresh token (proxy only)
    token_refresh: POST "/token" -> SellersTokenResponse {
        auth: CredentialExchange,
        duplicates: Undetectable,
        form,
        manual,
    }

    /// Products, optionally filtered and ordered (OData)
    /// "The list of Products".
    product_get_all: GET "/api/product/getall" -> Vec<SellersProduct> {
        id: "product_getall",
        odata,
        params_type: SellersODataParams,
    }

    /// Products, optionally filtered and ordered (OData)
    /// "The list of Products" (the document describes it in the same words as `getall`).
    product_get_all_products: GET "/api/product/getallproducts" -> Vec<SellersProduct> {
        id: "product_getallproducts",
        odata,
        params_type: SellersODataParams,
    }

    /// SKUs in the store, a page at a time (top/skip), optionally of one product
    /// `top` at a time after skipping `skip`, optionally only those of one product.
    product_get_all_product_skus: GET "/api/product/getallproductskus" -> Vec<SellersSku> {
        id: "product_getallproductskus",
        query: [
            /// At most this many SKUs (`top`); at least 1.
            top?: Integer,
            /// Skip this many SKUs first (`skip`).
            skip?: Integer,
            /// Only the SKUs of the product with this Sellers Commerce id (`SCproductID`).
            "SCproductID" as sc_product_id?: Integer,
            /// Only the SKUs of the product with this code (`ProductCode`); blank is not sent.
            "ProductCode" as product_code?: Text,
        ],
        check: product::check_sku_page,
        pagination: TopSkip,
        params_type: SellersSkuPageParams,
    }

    /// One product by product code
    product_get: GET "/api/product/get/{productcode}" -> SellersProduct {
        path: ["productcode" as product_code: Text],
        positional,
    }

    /// Add or update one product
    /// The body is one product: the documented fields are type-checked, the vendor's
    /// others sent as given. A brand or category the store does not know is refused
    /// with code 35 or 36.
    product_products: POST "/api/product/products" -> SellersStatusResponse {
        body: SellersProduct,
        check: product::check_product,
        duplicates: LookupAfter("sellers_commerce.product_get"),
    }

    /// Update SKU prices
    /// The document gives no field: the body is a JSON object, or an array of them. An
    /// unknown SKU is answered with code 34 (`InvalidSku`).
    product_update_sku_price: POST "/api/product/updateskuprice" -> SellersStatusResponse {
        id: "product_updateskuprice",
        body: SellersObjects,
        check: check_object_or_list,
        duplicates: LookupAfter("sellers_commerce.product_getallproductskus"),
    }

    /// Update SKU inventory
    /// The document gives no field: the body is a JSON object, or an array of them.
    product_update_sku_inventory: POST "/api/product/updateskuinventory" -> SellersStatusResponse {
        id: "product_updateskuinventory",
        body: SellersObjects,
        check: check_object_or_list,
        duplicates: LookupAfter("sellers_commerce.product_getallproductskus"),
    }

    /// Every supplier, optionally filtered and ordered (OData)
    /// The document names no supplier field: each is a free-form object.
    product_get_all_suppliers: GET "/api/product/getallsuppliers" -> Vec<SellersObject> {
        id: "product_getallsuppliers",
        odata,
        params_type: SellersODataParams,
    }

    /// Products (undocumented: free-form answer)
    product_get_products: GET "/api/product/getproducts" -> Value {
        id: "product_getproducts",
    }

    /// Shoppers with their addresses, optionally filtered and ordered (OData)
    shopper_get_all: GET "/api/shopper/getall" -> Vec<SellersShopper> {
        id: "shopper_getall",
        odata,
        params_type: SellersODataParams,
    }

    /// One shopper by username
    /// An unknown one is answered with code 22 (`UserNotExists`).
    shopper_get: GET "/api/shopper/get/{username}" -> SellersShopper {
        path: [username: Text],
        positional,
    }

    /// Add or update shoppers
    /// The body is an array of shoppers (at least one): the documented fields are
    /// type-checked (`DOB` a date or an ISO 8601 date-time), the vendor's others sent as given.
    shopper_shoppers: POST "/api/shopper/shoppers" -> SellersStatusResponse {
        body: Vec<SellersShopper>,
        check: shopper::check_shoppers,
        duplicates: LookupAfter("sellers_commerce.shopper_get"),
    }

    /// Add or update shopper addresses
    /// The document does not show how an address names its shopper: the body is a JSON
    /// object or an array of them, sent as given.
    shopper_shopper_address: POST "/api/shopper/shopperaddress" -> SellersStatusResponse {
        id: "shopper_shopperaddress",
        body: SellersObjects,
        check: check_object_or_list,
        duplicates: LookupAfter("sellers_commerce.shopper_get"),
    }

    /// Return requests, optionally filtered and ordered (OData)
    return_get_all: GET "/api/return/getall" -> Vec<SellersReturnRequest> {
        id: "return_getall",
        odata,
        params_type: SellersODataParams,
    }

    /// One return request by return number
    return_get: GET "/api/return/get/{returnnumber}" -> SellersReturnRequest {
        path: ["returnnumber" as return_number: Text],
        positional,
    }

    /// Create a return request for an order
    /// The documented fields are type-checked, the vendor's others sent as given; an
    /// unknown order is answered with code 24 (`OrderNotExist`).
    return_return: POST "/api/return/return" -> SellersStatusResponse {
        body: SellersReturnRequest,
        check: returns::check_return,
        duplicates: LookupAfter("sellers_commerce.return_getall"),
    }

    /// Every embellishment, optionally filtered and ordered (OData)
    /// Free-form objects: the document names no embellishment field.
    embellishments_get_all: GET "/api/embellishments/getall" -> Vec<SellersObject> {
        id: "embellishments_getall",
        odata,
        params_type: SellersODataParams,
    }

    /// The embellishments tagged to one product
    /// Free-form objects.
    embellishments_get_product_embellishment: GET "/api/embellishments/getproductembellishment" -> Vec<SellersObject> {
        id: "embellishments_getproductembellishment",
        query: ["productCode" as product_code: Text],
        positional,
    }

    /// Every category, optionally filtered and ordered (OData)
    category_get_all: GET "/api/category/getall" -> Vec<SellersCategory> {
        id: "category_getall",
        odata,
        params_type: SellersODataParams,
    }

    /// One category by category code
    category_get: GET "/api/category/get/{categorycode}" -> SellersCategory {
        path: ["categorycode" as category_code: Text],
        positional,
    }

    /// The products tagged to one category
    category_category_products: GET "/api/category/categoryproducts/{categorycode}" -> Vec<SellersProduct> {
        id: "category_categoryproducts",
        path: ["categorycode" as category_code: Text],
        positional,
    }

    /// Add or update categories
    /// The body is an array of categories (at least one), documented fields
    /// type-checked, others sent as given. A missing parent is answered with code 32.
    category_categories: POST "/api/category/categories" -> SellersStatusResponse {
        body: Vec<SellersCategory>,
        check: category::check_categories,
        duplicates: LookupAfter("sellers_commerce.category_get"),
    }

    /// Delete a category, or only its mapping from the parent (ActionId 1 or 2)
    /// `CategoryCode` and `ActionId` are inferred names (see `SellersCategoryDelete`),
    /// checked only when given. An unknown category is answered with code 31. Not idempotent.
    category_category: DELETE "/api/category/category" -> SellersStatusResponse {
        body: SellersCategoryDelete,
        check: category::check_category_delete,
        duplicates: LookupAfter("sellers_commerce.category_get"),
    }

    /// Map products to categories
    /// An array of product-to-category mappings (at least one).
    category_product_category: POST "/api/category/productcategory" -> SellersStatusResponse {
        id: "category_productcategory",
        body: Vec<SellersProductCategory>,
        check: category::check_product_categories,
        duplicates: LookupAfter("sellers_commerce.category_categoryproducts"),
    }

    /// Every brand, optionally filtered and ordered (OData)
    /// Free-form objects: the document names no brand field.
    category_get_all_brands: GET "/api/category/getallbrands" -> Vec<SellersObject> {
        id: "category_getallbrands",
        odata,
        params_type: SellersODataParams,
    }

    /// Orders, optionally filtered and ordered (OData)
    /// Filter on dates with `datetime'...'` literals, as the document's examples do.
    order_get_all: GET "/api/order/getall" -> Vec<SellersOrder> {
        id: "order_getall",
        odata,
        params_type: SellersODataParams,
    }

    /// Orders, optionally filtered and ordered (OData)
    /// The document describes it in the same words as `getall`.
    order_get_orders: GET "/api/order/getorders" -> Vec<SellersOrder> {
        id: "order_getorders",
        odata,
        params_type: SellersODataParams,
    }

    /// One order by order number
    /// An unknown one is answered with HTTP 404 and code 24 (`OrderNotExist`).
    order_get: GET "/api/order/get/{ordernumber}" -> SellersOrder {
        path: ["ordernumber" as order_number: Text],
        positional,
    }

    /// Post the shipping information of all items of an order
    /// The document gives no field: the body is a JSON object, sent as given. Its
    /// refusals: 24 (no such order), 25 (SKU not in the order), 26 (quantity above what
    /// is left to ship).
    order_shipping_information: POST "/api/order/shippinginformation" -> SellersStatusResponse {
        id: "order_shippinginformation",
        body: SellersObject,
        check: check_object,
        duplicates: LookupAfter("sellers_commerce.order_get"),
    }

    /// Capture an authorized payment: order number, transaction number, authorization code
    /// The three field names are inferred, checked only when given (text, not blank);
    /// the vendor refuses what it misses (30). Refusals: 27 (payment data exists), 28
    /// (already captured). Not idempotent.
    order_payment_information: POST "/api/order/paymentinformation" -> SellersStatusResponse {
        id: "order_paymentinformation",
        body: SellersPaymentInformation,
        check: order::check_payment,
        duplicates: LookupAfter("sellers_commerce.order_get"),
    }

    /// Change an order's status (e.g. placed to processing)
    /// `OrderNumber` not blank and `OrderStatusId` one of the order status codes, both
    /// checked only when given (`null` is refused: it sets no status).
    order_update_order_status: POST "/api/order/updateorderstatus" -> SellersStatusResponse {
        id: "order_updateorderstatus",
        body: SellersOrderStatusUpdate,
        check: order::check_status_update,
        duplicates: LookupAfter("sellers_commerce.order_get"),
    }

    /// Order sample post (undocumented: free-form body and answer)
    order_order_sample_post: POST "/api/order/OrderSamplePost" -> Value {
        id: "order_ordersamplepost",
        body: SellersObject,
        check: check_object,
        duplicates: Undetectable,
    }

    /// Portal administrators (undocumented)
    portal_admin_admins: GET "/api/PortalAdmin/Admins" -> Value {
        id: "portaladmin_admins",
    }

    /// One portal administrator by user id (undocumented)
    portal_admin_admin_get: GET "/api/PortalAdmin/Admin" -> Value {
        id: "portaladmin_admin_get",
        query: ["userid" as user_id: Text],
        positional,
    }

    /// Save a portal administrator (undocumented)
    portal_admin_admin_post: POST "/api/PortalAdmin/Admin" -> Value {
        id: "portaladmin_admin_post",
        body: SellersObject,
        check: check_object,
        duplicates: LookupAfter("sellers_commerce.portaladmin_isemailorusernameexists"),
    }

    /// Whether an email or username is taken (undocumented)
    portal_admin_is_email_or_user_name_exists: GET "/api/PortalAdmin/IsEmailOrUserNameExists" -> Value {
        id: "portaladmin_isemailorusernameexists",
        query: [
            /// The email or username to look up.
            param: Text,
            "userid" as user_id: Text,
            "isContact" as is_contact: Boolean,
        ],
        params_type: SellersEmailOrUserNameParams,
    }

    /// One portal user by id (undocumented)
    portal_admin_get_user_by_id: GET "/api/PortalAdmin/GetUserByID" -> Value {
        id: "portaladmin_getuserbyid",
        query: ["userid" as user_id: Text],
        positional,
    }

    /// Every portal role (undocumented)
    portal_admin_all_roles: GET "/api/PortalAdmin/AllRoles" -> Value {
        id: "portaladmin_allroles",
    }

    /// Save a store closure request (undocumented body)
    portal_admin_raise_request: POST "/api/PortalAdmin/RaiseRequest" -> Value {
        id: "portaladmin_raiserequest",
        body: SellersObject,
        check: check_object,
        duplicates: Undetectable,
    }

    /// Remove a portal administrator (undocumented)
    portal_admin_remove_admin: POST "/api/PortalAdmin/RemoveAdmin" -> Value {
        id: "portaladmin_removeadmin",
        body: SellersObject,
        check: check_object,
        duplicates: LookupAfter("sellers_commerce.portaladmin_admins"),
    }

    /// Email an export (undocumented)
    /// The body is any JSON object (`{}` when left out).
    portal_admin_send_export_email: POST "/api/PortalAdmin/SendExportEmail" -> Value {
        id: "portaladmin_sendexportemail",
        query: ["exportName" as export_name: Text, "exportedBy" as exported_by: Text],
        body: SellersObject,
        check: check_object,
        duplicates: Undetectable,
        params_type: SellersExportEmailParams,
    }

    /// A provider's redirect URL (undocumented)
    portal_admin_redirect_url: GET "/api/PortalAdmin/RedirectURL" -> Value {
        id: "portaladmin_redirecturl",
        query: ["ProviderID" as provider_id: Text, "type" as r#type: Text],
        params_type: SellersRedirectUrlParams,
    }

    /// Portal sign-in (undocumented; carries a password: not exposed)
    portal_login_login: POST "/api/PortalLogin/Login" -> Value {
        id: "portallogin_login",
        body: SellersObject,
        check: check_object,
        auth: CredentialExchange,
        duplicates: Undetectable,
        secret,
    }

    /// Check a password-reset key (undocumented; carries the key: not exposed)
    portal_login_forgot_password: GET "/api/PortalLogin/ForgotPassword" -> Value {
        id: "portallogin_forgotpassword",
        query: ["userid" as user_id: Text, "resetkey" as reset_key: Text],
        auth: CredentialExchange,
        secret,
    }

    /// Set a new password after a reset (undocumented; carries it: not exposed)
    portal_login_change_forgot_password: POST "/api/PortalLogin/ChangeForgotPassword" -> Value {
        id: "portallogin_changeforgotpassword",
        body: SellersObject,
        check: check_object,
        auth: CredentialExchange,
        duplicates: Undetectable,
        secret,
    }

    /// Start a password reset for a username (undocumented; not exposed)
    portal_login_reset_password: POST "/api/PortalLogin/ResetPassword" -> Value {
        id: "portallogin_resetpassword",
        query: [username: Text],
        auth: CredentialExchange,
        duplicates: Undetectable,
    }

    /// Update a password reset's record (undocumented; not exposed)
    portal_login_update_password_reset_history: POST "/api/PortalLogin/UpdatePasswordResetHistory" -> Value {
        id: "portallogin_updatepasswordresethistory",
        query: ["PasswordResetHistoryID" as password_reset_history_id: Text],
        auth: CredentialExchange,
        duplicates: Undetectable,
    }

    /// Validate a store SSO token (undocumented; carries the token: not exposed)
    // The vendor's path and our id say `Valiadate` (sic); our identifiers spell it right.
    portal_login_validate_store_sso: GET "/api/PortalLogin/ValiadateStoreSSO" -> Value {
        id: "portallogin_valiadatestoresso",
        query: ["storeSSO" as store_sso: Text],
        auth: CredentialExchange,
        secret,
    }

    /// The closure form of a store SSO token (undocumented; carries the token: not exposed)
    portal_login_closure_form_sso: GET "/api/PortalLogin/ClosureFormSSO" -> Value {
        id: "portallogin_closureformsso",
        query: ["storeSSO" as store_sso: Text],
        auth: CredentialExchange,
        secret,
    }

    /// Save client feedback (undocumented)
    portal_login_update_client_feedback: POST "/api/PortalLogin/UpdateClientFeedBack" -> Value {
        id: "portallogin_updateclientfeedback",
        body: SellersObject,
        check: check_object,
        duplicates: Undetectable,
    }

    /// Save a closure form (undocumented)
    portal_login_update_closure_form: POST "/api/PortalLogin/UpdateClosureForm" -> Value {
        id: "portallogin_updateclosureform",
        body: SellersObject,
        check: check_object,
        duplicates: Undetectable,
    }
}

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

// The TypeScript of the two free-form aliases above (`ts_type` names them as written).
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const FREE_FORM_TS: &str = r#"
/** A Sellers Commerce object the document describes no field of (supplier, brand, embellishment, the undocumented operations' bodies). */
export type SellersObject = Record<string, unknown>;
/** A body the document describes only in words: an object, or an array of objects for several at once. */
export type SellersObjects = SellersObject | SellersObject[];
"#;

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::catalogue::{self, Auth, Method, Pagination, ParamKind, Vendor};

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
        assert_eq!(ours.len(), ENDPOINTS.len(), "the registry is the table");
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
        let refused = OrderOrderSamplePost::new(deep(crate::validate::MAX_JSON_DEPTH + 1)).build().unwrap_err();
        assert_eq!(refused.iter().map(ToString::to_string).collect::<Vec<_>>(), ["body: nests deeper than 127 levels of JSON"]);
        OrderOrderSamplePost::new(deep(crate::validate::MAX_JSON_DEPTH)).build().unwrap();
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
