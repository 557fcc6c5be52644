//! The Sellers Commerce mock: every operation answers its declared schema, the token
//! lifecycle (password grant, bearer check, expiry, refresh with one-use refresh
//! tokens), OData on the lists, top/skip on SKUs, writes that show up in the reads, and
//! the document's status body for what it refuses. Requests are built with the core's
//! own builders, so the builders and the mock are checked against each other.

mod support;

use std::time::Duration;

use axum::body::Body;
use axum::http::StatusCode;
use commerce_kit::catalogue::{self, Vendor};
use commerce_kit::request::{Operation, Request};
use commerce_kit::vendors::sellers_commerce::category::*;
use commerce_kit::vendors::sellers_commerce::odata::{Filter, Literal};
use commerce_kit::vendors::sellers_commerce::order::*;
use commerce_kit::vendors::sellers_commerce::product::*;
use commerce_kit::vendors::sellers_commerce::returns::*;
use commerce_kit::vendors::sellers_commerce::shopper::*;
use commerce_kit::vendors::sellers_commerce::token::{SellersTokenResponse, TokenPassword, TokenRefresh};
use commerce_kit::vendors::sellers_commerce::SellersStatusResponse;
use commerce_kit::vendors::sellers_commerce::*;
use commerce_kit::Endpoint;
use commerce_mock::{MockConfig, MockState};
use serde_json::{json, Value};
use support::{Mock, Reply};

fn mock_with(config: MockConfig) -> Mock {
    Mock { state: MockState::new(config.clone()), config }
}

/// Sends a request built by the core, with `Authorization: bearer <token>` if given.
async fn send(mock: &Mock, request: Request, token: Option<&str>) -> Reply {
    send_with_scheme(mock, request, token.map(|t| format!("bearer {t}"))).await
}

async fn send_with_scheme(mock: &Mock, request: Request, authorization: Option<String>) -> Reply {
    let mut builder = axum::http::Request::builder().method(request.method.as_str()).uri(format!("/sellers_commerce{}", request.path_and_query()));
    if let Some(value) = authorization {
        builder = builder.header("authorization", value);
    }
    if let Some(content_type) = request.content_type {
        builder = builder.header("content-type", content_type);
    }
    mock.send(builder.body(Body::from(request.body.unwrap_or_default())).unwrap()).await
}

async fn password_grant(mock: &Mock) -> SellersTokenResponse {
    let reply = send(mock, TokenPassword::new(&mock.config.sellers_username, &mock.config.sellers_password).build().unwrap(), None).await;
    reply.ok()
}

/// Asserts a 200 with the operation's declared shape, without drift.
fn assert_valid(endpoint: &Endpoint, reply: &Reply) {
    assert_eq!(reply.status, StatusCode::OK, "{}: {}", endpoint.id, reply.body);
    let report = commerce_kit::validate(endpoint.response, reply.body.as_bytes());
    assert!(report.errors.is_empty() && report.drift.is_empty(), "{}: {report:?}\n{}", endpoint.id, reply.body);
}

/// Asserts the document's status body with this code (and the table's HTTP status).
fn assert_status(reply: &Reply, code: i64) {
    let row = commerce_kit::vendors::sellers_commerce::codes::response_code(code as u32).unwrap();
    assert_eq!(reply.status.as_u16(), row.http_status, "{}", reply.body);
    let body: SellersStatusResponse = reply.ok_or_error();
    assert_eq!((body.status_code, body.results.as_str()), (code, row.results), "{}", reply.body);
}

trait AnyStatus {
    fn ok_or_error<T: serde::de::DeserializeOwned>(&self) -> T;
    fn message(&self) -> String;
}

impl AnyStatus for Reply {
    fn ok_or_error<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
    /// The `ResponseMessage` of the document's status body, which a refusal always is
    /// (with code 30 `InvalidData` for what the client's own checks refuse).
    fn message(&self) -> String {
        assert_eq!(self.json()["StatusCode"], 30, "{}", self.body);
        self.json()["ResponseMessage"].as_str().unwrap_or_else(|| panic!("no ResponseMessage: {}", self.body)).to_string()
    }
}

/// The request that exercises each operation successfully against the seeded store.
fn request_for(id: &str, refresh_token: &str) -> Request {
    let built = match id.trim_start_matches("sellers_commerce.") {
        "token_password" => TokenPassword::new("mock-sc-access-key", "mock-sc-shared-secret").build(),
        "token_refresh" => TokenRefresh::new(refresh_token).build(),
        "product_getall" => ProductGetAll::new().filter("SCproductID ge 1003").order_by("ProductCode desc").build(),
        "product_getallproducts" => ProductGetAllProducts::new().build(),
        "product_getallproductskus" => ProductGetAllProductSkus::new().top(5).skip(2).build(),
        "product_get" => ProductGet::new("SC-1001").build(),
        "product_products" => ProductProducts::new(SellersProduct { product_code: Some("SC-2001".into()), sc_product_id: None }).build(),
        "product_updateskuprice" => ProductUpdateSkuPrice::new(json!([{"ProductCode": "SC-1001", "Price": 12.5}])).build(),
        "product_updateskuinventory" => ProductUpdateSkuInventory::new(json!({"ProductCode": "SC-1002", "Quantity": 40})).build(),
        "product_getallsuppliers" => ProductGetAllSuppliers::new().order_by("SupplierName desc").build(),
        "product_getproducts" => ProductGetProducts.build(),
        "shopper_getall" => ShopperGetAll::new().filter(Filter::field("Deleted").eq(false)).build(),
        "shopper_get" => ShopperGet::new("sample.shopper").build(),
        "shopper_shoppers" => ShopperShoppers::new(json!([{"UserName": "dee", "FirstName": "Dee", "DOB": "1990-04-27"}])).build(),
        "shopper_shopperaddress" => ShopperShopperAddress::new(json!({"UserName": "ann.oneil", "AddressName": "Work", "City": "Austin"})).build(),
        "return_getall" => ReturnGetAll::new().build(),
        "return_get" => ReturnGet::new("RMA-5001").build(),
        "return_return" => ReturnReturn::new(SellersReturnRequest { return_number: None, order_number: Some("SC1002".into()) }).build(),
        "embellishments_getall" => EmbellishmentsGetAll::new().build(),
        "embellishments_getproductembellishment" => EmbellishmentsGetProductEmbellishment::new("SC-1001").build(),
        "category_getall" => CategoryGetAll::new().filter("IsBrand eq 1").build(),
        "category_get" => CategoryGet::new("DRINKWARE").build(),
        "category_categoryproducts" => CategoryCategoryProducts::new("KITCHEN").build(),
        "category_categories" => CategoryCategories::new(vec![SellersCategory { category_code: Some("GIFTS".into()), is_brand: Some(1) }]).build(),
        "category_category" => CategoryCategory::new(SellersCategoryDelete { category_code: Some("GLOBEX".into()), action_id: Some(2) }).build(),
        "category_productcategory" => CategoryProductCategory::new(json!([{"ProductCode": "SC-1001", "CategoryCode": "KITCHEN"}])).build(),
        "category_getallbrands" => CategoryGetAllBrands::new().build(),
        "order_getall" => OrderGetAll::new().filter("OrderPlacedDate gt datetime'2016-01-01' and OrderPlacedDate lt datetime'2016-06-01'").build(),
        "order_getorders" => OrderGetOrders::new().order_by("OrderNumber desc").build(),
        "order_get" => OrderGet::new("SC1001").build(),
        "order_shippinginformation" => {
            OrderShippingInformation::new(json!({"OrderNumber": "SC1009", "Items": [{"SkuCode": "SC-1009", "Quantity": 1}]})).build()
        }
        "order_paymentinformation" => OrderPaymentInformation::new(SellersPaymentInformation {
            order_number: Some("SC1005".into()),
            transaction_number: Some("T-1".into()),
            authorization_code: Some("A-1".into()),
        })
        .build(),
        "order_updateorderstatus" => {
            OrderUpdateOrderStatus::new(SellersOrderStatusUpdate { order_number: Some("SC1006".into()), order_status_id: Some(35) }).build()
        }
        "order_ordersamplepost" => OrderOrderSamplePost::new(json!({"Sample": true})).build(),
        "portaladmin_admins" => PortalAdminAdmins::new().build(),
        "portaladmin_admin_get" => PortalAdminAdminGet::new("1").build(),
        "portaladmin_admin_post" => PortalAdminAdminPost::new(json!({"UserName": "ops"})).build(),
        "portaladmin_isemailorusernameexists" => PortalAdminIsEmailOrUserNameExists::new("mock-admin", "1", false).build(),
        "portaladmin_getuserbyid" => PortalAdminGetUserById::new("1").build(),
        "portaladmin_allroles" => PortalAdminAllRoles::new().build(),
        "portaladmin_raiserequest" => PortalAdminRaiseRequest::new(json!({"Reason": "moving"})).build(),
        "portaladmin_removeadmin" => PortalAdminRemoveAdmin::new(json!({"UserID": 2})).build(),
        "portaladmin_sendexportemail" => PortalAdminSendExportEmail::new("orders", "ops", json!({})).build(),
        "portaladmin_redirecturl" => PortalAdminRedirectUrl::new("7", "store").build(),
        "portallogin_login" => PortalLoginLogin::new(json!({"UserName": "mock-admin", "Password": "x"})).build(),
        "portallogin_forgotpassword" => PortalLoginForgotPassword::new("1", "key").build(),
        "portallogin_changeforgotpassword" => PortalLoginChangeForgotPassword::new(json!({"UserID": 1, "NewPassword": "y"})).build(),
        "portallogin_resetpassword" => PortalLoginResetPassword::new("mock-admin").build(),
        "portallogin_updatepasswordresethistory" => PortalLoginUpdatePasswordResetHistory::new("9").build(),
        "portallogin_valiadatestoresso" => PortalLoginValidateStoreSso::new("sso").build(),
        "portallogin_closureformsso" => PortalLoginClosureFormSso::new("sso").build(),
        "portallogin_updateclientfeedback" => PortalLoginUpdateClientFeedback::new(json!({"Rating": 5})).build(),
        "portallogin_updateclosureform" => PortalLoginUpdateClosureForm::new(json!({"Reason": "moving"})).build(),
        // A read without required parameters needs no line here: its declaration builds it.
        other => {
            let endpoint = catalogue::find(id).unwrap_or_else(|| panic!("{id}: not in the registry"));
            let plain = matches!(endpoint.body, catalogue::Body::None) && endpoint.path_params.is_empty() && endpoint.query.iter().all(|p| !p.required);
            assert!(plain, "{other}: add the request that exercises it here (it has a body or required parameters)");
            Request::builder(endpoint).build()
        }
    };
    built.unwrap_or_else(|e| panic!("{id}: {e:?}"))
}

#[tokio::test]
async fn every_operation_answers_with_its_declared_schema() {
    let mock = Mock::new();
    let tokens = password_grant(&mock).await;
    let mut checked = 0;
    for endpoint in catalogue::endpoints().iter().filter(|e| e.vendor == Vendor::SellersCommerce) {
        // A fresh refresh token for the refresh grant (each is used once).
        let refresh = password_grant(&mock).await.refresh_token;
        let reply = send(&mock, request_for(endpoint.id, &refresh), Some(&tokens.access_token)).await;
        assert_valid(endpoint, &reply);
        checked += 1;
    }
    assert!(checked > 0, "the registry lists no Sellers Commerce operation");
}

#[tokio::test]
async fn every_bearer_operation_refuses_a_missing_or_unknown_token() {
    let mock = Mock::new();
    for endpoint in catalogue::endpoints().iter().filter(|e| e.vendor == Vendor::SellersCommerce && e.auth == catalogue::Auth::OAuthBearer) {
        for token in [None, Some("not-a-token")] {
            let reply = send(&mock, request_for(endpoint.id, ""), token).await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}: {}", endpoint.id, reply.body);
            assert_eq!(reply.json(), json!({"Message": "Authorization has been denied for this request."}));
        }
    }
}

#[tokio::test]
async fn the_password_grant_checks_the_access_key_and_shared_secret() {
    let mock = Mock::new();
    let wrong = send(&mock, TokenPassword::new("mock-sc-access-key", "wrong").build().unwrap(), None).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert_eq!(wrong.json(), json!({"error": "invalid_grant", "error_description": "The user name or password is incorrect."}));
    let tokens = password_grant(&mock).await;
    assert_eq!((tokens.token_type.as_str(), tokens.expires_in), ("bearer", 3599));
    assert_ne!(tokens.access_token, tokens.refresh_token);
    // The refresh token is a GUID, as in the document.
    assert_eq!(tokens.refresh_token.split('-').map(str::len).collect::<Vec<_>>(), [8, 4, 4, 4, 12]);
    // No grant type, or another: unsupported.
    let mut odd = TokenPassword::new("a", "b").build().unwrap();
    odd.body = Some("grant_type=client_credentials".into());
    let reply = send(&mock, odd, None).await;
    assert_eq!((reply.status, reply.json()["error"].as_str()), (StatusCode::BAD_REQUEST, Some("unsupported_grant_type")));
}

#[tokio::test]
async fn the_scheme_is_case_insensitive_and_must_be_bearer() {
    let mock = Mock::new();
    let token = mock.state.sellers_commerce_token();
    for scheme in ["bearer", "Bearer", "BEARER"] {
        let reply = send_with_scheme(&mock, ProductGet::new("SC-1001").build().unwrap(), Some(format!("{scheme} {token}"))).await;
        assert_eq!(reply.status, StatusCode::OK, "{scheme}: {}", reply.body);
    }
    for header in [format!("Basic {token}"), token.clone(), "bearer ".to_string()] {
        let reply = send_with_scheme(&mock, ProductGet::new("SC-1001").build().unwrap(), Some(header.clone())).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{header}");
    }
}

#[tokio::test]
async fn access_tokens_expire_and_refresh_tokens_renew_them_once() {
    let mock = mock_with(MockConfig { sellers_token_ttl: Duration::from_millis(150), ..MockConfig::default() });
    let first = password_grant(&mock).await;
    assert_eq!(first.expires_in, 0, "whole seconds of a 150 ms lifetime");
    let read = || OrderGet::new("SC1001").build().unwrap();
    assert_eq!(send(&mock, read(), Some(&first.access_token)).await.status, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(250)).await;

    let expired = send(&mock, read(), Some(&first.access_token)).await;
    assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
    assert_eq!(expired.json(), json!({"Message": "Authorization has been denied for this request."}), "ASP.NET's [Authorize], not a code of the table");

    let second: SellersTokenResponse = send(&mock, TokenRefresh::new(&first.refresh_token).build().unwrap(), None).await.ok();
    assert_ne!((&second.access_token, &second.refresh_token), (&first.access_token, &first.refresh_token));
    assert_eq!(send(&mock, read(), Some(&second.access_token)).await.status, StatusCode::OK);

    // The old refresh token was used up; the new one works once.
    let reused = send(&mock, TokenRefresh::new(&first.refresh_token).build().unwrap(), None).await;
    assert_eq!((reused.status, reused.json()["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_grant")));
    let third: SellersTokenResponse = send(&mock, TokenRefresh::new(&second.refresh_token).build().unwrap(), None).await.ok();
    assert_eq!(send(&mock, read(), Some(&third.access_token)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn refresh_tokens_expire_too() {
    let mock = mock_with(MockConfig { sellers_refresh_ttl: Duration::from_millis(100), ..MockConfig::default() });
    let tokens = password_grant(&mock).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let reply = send(&mock, TokenRefresh::new(&tokens.refresh_token).build().unwrap(), None).await;
    assert_eq!((reply.status, reply.json()["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_grant")));
    // The access token (1 h) still works.
    assert_eq!(send(&mock, ProductGetAll::new().build().unwrap(), Some(&tokens.access_token)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_401_carries_a_bearer_challenge() {
    let mock = mock_with(MockConfig { sellers_token_ttl: Duration::from_millis(1), ..MockConfig::default() });
    let token = mock.state.sellers_commerce_token();
    tokio::time::sleep(Duration::from_millis(20)).await;
    let request = axum::http::Request::builder()
        .uri("/sellers_commerce/api/order/getall")
        .header("authorization", format!("bearer {token}"))
        .body(Body::empty())
        .unwrap();
    let response = tower::ServiceExt::oneshot(commerce_mock::app(mock.state.clone()), request).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let challenge = response.headers()["www-authenticate"].to_str().unwrap();
    assert_eq!(challenge, "Bearer error=\"invalid_token\", error_description=\"The access token expired\"");
}

#[tokio::test]
async fn odata_filters_and_orders_the_lists() {
    let mock = Mock::new();
    let token = mock.state.sellers_commerce_token();
    let placed = Filter::field("OrderPlacedDate").ge(Literal::datetime("2016-01-01")).and(Filter::field("OrderPlacedDate").lt(Literal::datetime("2016-06-01")));
    let orders: Vec<SellersOrder> = send(&mock, OrderGetAll::new().filter(placed).order_by("OrderNumber desc").build().unwrap(), Some(&token)).await.ok();
    assert!(!orders.is_empty() && orders.len() < 24, "{}", orders.len());
    assert!(orders.iter().all(|o| o.order_placed_date.as_deref().is_some_and(|d| ("2016-01".."2016-06").contains(&d))));
    let numbers: Vec<&str> = orders.iter().filter_map(|o| o.order_number.as_deref()).collect();
    assert!(numbers.windows(2).all(|w| w[0] > w[1]), "{numbers:?}");

    let shipped: Vec<SellersOrder> = send(&mock, OrderGetOrders::new().filter("OrderStatusId eq 9").build().unwrap(), Some(&token)).await.ok();
    assert!(shipped.iter().all(|o| o.order_status_id == Some(9)));
    let one: Vec<SellersProduct> =
        send(&mock, ProductGetAll::new().filter(Filter::field("ProductCode").eq("SC-1004")).build().unwrap(), Some(&token)).await.ok();
    assert_eq!(one, [SellersProduct { product_code: Some("SC-1004".into()), sc_product_id: Some(1004) }]);
}

#[tokio::test]
async fn a_filter_the_mock_cannot_answer_is_a_400_naming_the_filter() {
    let mock = Mock::new();
    let token = mock.state.sellers_commerce_token();
    // What the client's checker refuses, sent raw (as a client without it would).
    let mut raw = OrderGetAll::new().build().unwrap();
    raw.query.push(("$filter".into(), "OrderStatusId = 9".into()));
    let reply = send(&mock, raw, Some(&token)).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.message().contains("$filter: does not parse at character 15: expected an OData operator"), "{}", reply.body);
    for (filter, says) in [("Status eq 'Shipped'", "$filter: Could not find a property named 'Status'"), ("OrderStatusId eq 'nine'", "incompatible types")] {
        let reply = send(&mock, OrderGetAll::new().filter(filter).build().unwrap(), Some(&token)).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{filter}");
        assert!(reply.message().contains(says), "{filter}: {}", reply.body);
    }
    let reply = send(&mock, ShopperGetAll::new().order_by("Nope desc").build().unwrap(), Some(&token)).await;
    assert!(reply.message().contains("$orderby: Could not find a property named 'Nope'"), "{}", reply.body);
}

/// A hostile `$filter` (10,000 nested parentheses, or as deep as the length limit lets
/// it go) is a 400 in the document's shape naming the limit, and the mock goes on
/// serving: the parser no longer overflows the server thread's stack.
#[tokio::test]
async fn filters_past_the_limits_are_a_400_naming_the_limit_and_the_mock_goes_on() {
    let mock = Mock::new();
    let token = mock.state.sellers_commerce_token();
    let raw = |option: &str, value: String| {
        let mut raw = OrderGetAll::new().build().unwrap();
        raw.query.push((option.into(), value));
        raw
    };
    let cases = [
        (
            raw("$filter", format!("{}OrderStatusId eq 9{}", "(".repeat(10_000), ")".repeat(10_000))),
            "$filter: is 20018 characters long, more than the 2048 accepted",
        ),
        (raw("$filter", format!("{}OrderStatusId eq 9{}", "(".repeat(1_000), ")".repeat(1_000))), "$filter: nests deeper than 32 levels at character 33"),
        (raw("$filter", format!("{}OrderStatusId eq 9", "not ".repeat(500))), "$filter: nests deeper than 32 levels at character 129"),
        (raw("$orderby", vec!["OrderNumber"; 1_000].join(",")), "$orderby: is 11999 characters long, more than the 2048 accepted"),
    ];
    for (request, says) in cases {
        let reply = send(&mock, request, Some(&token)).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{says}: {}", reply.body);
        assert!(reply.message().contains(says), "{says}: {}", reply.body);
        let next = send(&mock, OrderGetAll::new().filter("OrderStatusId eq 9").build().unwrap(), Some(&token)).await;
        let _: Vec<SellersOrder> = next.ok();
    }
}

#[tokio::test]
async fn skus_page_with_top_and_skip() {
    let mock = Mock::new();
    let token = mock.state.sellers_commerce_token();
    let mut op = ProductGetAllProductSkus::new().top(10);
    let mut all: Vec<SellersSku> = Vec::new();
    loop {
        let page: Vec<SellersSku> = send(&mock, op.build().unwrap(), Some(&token)).await.ok();
        all.extend(page.iter().cloned());
        match op.next_page(page.len()) {
            Some(next) => op = next,
            None => break,
        }
        assert!(all.len() <= 100, "the list does not end");
    }
    assert_eq!(all.len(), 36, "12 products, 3 SKUs each");
    let of_one: Vec<SellersSku> = send(&mock, ProductGetAllProductSkus::new().sc_product_id(1002).build().unwrap(), Some(&token)).await.ok();
    assert_eq!(of_one.len(), 3);
    assert!(of_one.iter().all(|s| s.product_code.as_deref() == Some("SC-1002")));
}

#[tokio::test]
async fn writes_show_up_in_the_reads() {
    let mock = Mock::new();
    let token = mock.state.sellers_commerce_token();
    let t = Some(token.as_str());

    assert_valid(&PRODUCT_PRODUCTS, &send(&mock, ProductProducts::new(json!({"ProductCode": "SC-3001", "ProductName": "Tumbler"})).build().unwrap(), t).await);
    let product: SellersProduct = send(&mock, ProductGet::new("sc-3001").build().unwrap(), t).await.ok();
    assert_eq!(product.product_code.as_deref(), Some("SC-3001"));
    assert!(product.sc_product_id.is_some());

    send(&mock, OrderUpdateOrderStatus::new(SellersOrderStatusUpdate { order_number: Some("SC1010".into()), order_status_id: Some(35) }).build().unwrap(), t)
        .await
        .ok::<Value>();
    let order: SellersOrder = send(&mock, OrderGet::new("SC1010").build().unwrap(), t).await.ok();
    assert_eq!(order.order_status_id, Some(35));

    let capture = || {
        OrderPaymentInformation::new(SellersPaymentInformation {
            order_number: Some("SC1011".into()),
            transaction_number: Some("T-7".into()),
            authorization_code: Some("A-7".into()),
        })
        .build()
        .unwrap()
    };
    assert_valid(&ORDER_PAYMENT_INFORMATION, &send(&mock, capture(), t).await);
    // The same transaction again is "payment data already exist"; another one "already captured".
    assert_status(&send(&mock, capture(), t).await, 27);
    let another = OrderPaymentInformation::new(json!({"OrderNumber": "SC1011", "TransactionNumber": "T-8", "AuthorizationCode": "A-8"}));
    assert_status(&send(&mock, another.build().unwrap(), t).await, 28);

    send(&mock, ShopperShoppers::new(json!([{"UserName": "ann.oneil", "LastName": "Smith"}])).build().unwrap(), t).await.ok::<Value>();
    let ann: SellersShopper = send(&mock, ShopperGet::new("ann.oneil").build().unwrap(), t).await.ok();
    assert_eq!((ann.first_name.as_deref(), ann.last_name.as_deref()), (Some("Ann"), Some("Smith")));

    send(&mock, CategoryCategory::new(SellersCategoryDelete { category_code: Some("KITCHEN".into()), action_id: Some(1) }).build().unwrap(), t)
        .await
        .ok::<Value>();
    assert_status(&send(&mock, CategoryGet::new("KITCHEN").build().unwrap(), t).await, 31);

    send(&mock, ReturnReturn::new(json!({"OrderNumber": "SC1012"})).build().unwrap(), t).await.ok::<Value>();
    let returns: Vec<SellersReturnRequest> = send(&mock, ReturnGetAll::new().filter("OrderNumber eq 'SC1012'").build().unwrap(), t).await.ok();
    assert_eq!(returns[0].return_number.as_deref(), Some("RMA-5003"));
}

/// The document's example shopper list, verbatim (it shows no username), is added.
#[tokio::test]
async fn the_documents_example_shopper_is_accepted() {
    let mock = Mock::new();
    let token = mock.state.sellers_commerce_token();
    let t = Some(token.as_str());
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/sellers_commerce.document/shoppers.json");
    let example: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let before: Vec<SellersShopper> = send(&mock, ShopperGetAll::new().build().unwrap(), t).await.ok();
    assert_status(&send(&mock, ShopperShoppers::new(&example).build().unwrap(), t).await, 20);
    let after: Vec<SellersShopper> = send(&mock, ShopperGetAll::new().build().unwrap(), t).await.ok();
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(serde_json::to_value(after.last().unwrap()).unwrap(), example[0]);
}

#[tokio::test]
async fn refusals_use_the_documents_codes() {
    let mock = Mock::new();
    let token = mock.state.sellers_commerce_token();
    let t = Some(token.as_str());
    let missing = send(&mock, OrderGet::new("SC9999").build().unwrap(), t).await;
    assert_status(&missing, 24);
    assert_eq!(missing.json(), json!({"Results": "OrderNotExist", "ResponseMessage": "Order Does Not Exist", "StatusCode": 24}));
    assert_status(&send(&mock, ShopperGet::new("nobody").build().unwrap(), t).await, 22);
    assert_status(&send(&mock, ProductUpdateSkuPrice::new(json!({"ProductCode": "NOPE", "Price": 1})).build().unwrap(), t).await, 34);
    assert_status(&send(&mock, ReturnReturn::new(json!({})).build().unwrap(), t).await, 30);
    assert_status(&send(&mock, CategoryProductCategory::new(json!([{"ProductCode": "SC-1001", "CategoryCode": "NOPE"}])).build().unwrap(), t).await, 31);
    // What the client's own checks refuse is a 400 with the same words.
    let raw = Request {
        operation: ORDER_UPDATE_ORDER_STATUS.id,
        method: ORDER_UPDATE_ORDER_STATUS.method,
        path: ORDER_UPDATE_ORDER_STATUS.path.into(),
        query: Vec::new(),
        body: Some(r#"{"OrderNumber": "SC1001", "OrderStatusId": 11}"#.into()),
        content_type: Some("application/json"),
    };
    let reply = send(&mock, raw, t).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.message().starts_with("OrderStatusId: must be one of 1 (Live Cart)"), "{}", reply.body);
}

#[tokio::test]
async fn order_writes_update_the_modified_date() {
    let mock = Mock::new();
    let token = mock.state.sellers_commerce_token();
    let t = Some(token.as_str());
    let read = || OrderGet::new("SC1013").build().unwrap();
    let before: SellersOrder = send(&mock, read(), t).await.ok();
    let writes = [
        OrderUpdateOrderStatus::new(json!({"OrderNumber": "SC1013", "OrderStatusId": 3})).build().unwrap(),
        OrderPaymentInformation::new(json!({"OrderNumber": "SC1013", "TransactionNumber": "T-13", "AuthorizationCode": "A-13"})).build().unwrap(),
        OrderShippingInformation::new(json!({"OrderNumber": "SC1013"})).build().unwrap(),
    ];
    let mut last = before.modified_date.clone().unwrap_or_default();
    for write in writes {
        let what = write.path.clone();
        assert_status(&send(&mock, write, t).await, 20);
        let after: SellersOrder = send(&mock, read(), t).await.ok();
        let modified = after.modified_date.unwrap_or_default();
        assert!(modified > last && modified.ends_with("+00:00") && modified.starts_with("20"), "{what}: {last} then {modified}");
        last = modified;
    }
}

#[tokio::test]
async fn user_id_lookups_return_that_user() {
    let mock = Mock::new();
    let token = mock.state.sellers_commerce_token();
    let t = Some(token.as_str());
    for id in ["1", "2", "3"] {
        for request in [PortalAdminGetUserById::new(id).build().unwrap(), PortalAdminAdminGet::new(id).build().unwrap()] {
            let admin: Value = send(&mock, request, t).await.ok();
            assert_eq!(admin["UserID"].to_string(), id, "{admin}");
        }
    }
    assert_status(&send(&mock, PortalAdminGetUserById::new("99").build().unwrap(), t).await, 22);
    // A name is taken when another admin has it.
    let taken = |param: &str, user: &str| PortalAdminIsEmailOrUserNameExists::new(param, user, false).build().unwrap();
    assert!(send(&mock, taken("OPS.LEAD", "1"), t).await.ok::<bool>());
    assert!(!send(&mock, taken("ops@example.com", "2"), t).await.ok::<bool>());
}

#[tokio::test]
async fn order_numbers_follow_placement_order() {
    let mock = Mock::new();
    let token = mock.state.sellers_commerce_token();
    let orders: Vec<SellersOrder> = send(&mock, OrderGetAll::new().order_by("OrderPlacedDate").build().unwrap(), Some(&token)).await.ok();
    let numbers: Vec<&str> = orders.iter().filter_map(|o| o.order_number.as_deref()).collect();
    let mut sorted = numbers.clone();
    sorted.sort();
    assert_eq!(numbers.len(), 24);
    assert_eq!(numbers, sorted);
}

/// One table of queries for both sides: whatever the builder refuses, the mock refuses
/// with a 400 (sent raw, as a client without the checks would); whatever it sends, the
/// mock answers.
#[tokio::test]
async fn the_builder_and_the_mock_agree_on_queries() {
    let mock = Mock::new();
    let token = mock.state.sellers_commerce_token();
    let t = Some(token.as_str());
    let filters = [
        "startswith(OrderNumber, 'SC10')",
        "endswith(OrderNumber, '1') and not substringof('SC102', OrderNumber)",
        "contains(tolower(OrderNumber), 'sc')",
        "toupper(OrderNumber) eq 'SC1001'",
        "startswith(OrderNumber, 'SC') eq true",
        "OrderPlacedDate ge CreatedDate",
        "OrderStatusId eq 9 or OrderStatusId eq null",
        "OrderStatusId = 9",
        "startswith(OrderNumber)",
        "OrderNumber eq 'SC1001",
        "",
    ];
    for filter in filters {
        let built = OrderGetAll::new().filter(filter).build();
        let mut raw = OrderGetAll::new().build().unwrap();
        if !filter.is_empty() {
            raw.query.push(("$filter".into(), filter.into()));
        }
        let reply = send(&mock, raw, t).await;
        match built {
            Ok(_) => assert_eq!(reply.status, StatusCode::OK, "{filter:?}: the builder sends it; the mock: {}", reply.body),
            Err(errors) => {
                assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{filter:?}: the builder refuses it ({errors:?}); the mock: {}", reply.body);
                assert!(reply.message().contains("$filter: "), "{filter:?}: {}", reply.body);
            }
        }
    }
    for top in [0i64, 1, 7] {
        let built = ProductGetAllProductSkus::new().top(top).build();
        let mut raw = ProductGetAllProductSkus::new().build().unwrap();
        raw.query.push(("top".into(), top.to_string()));
        let reply = send(&mock, raw, t).await;
        match built {
            Ok(_) => assert_eq!(reply.json().as_array().map(Vec::len), Some(top as usize), "top={top}: {}", reply.body),
            Err(errors) => {
                assert_eq!(reply.status, StatusCode::BAD_REQUEST, "top={top}");
                assert_eq!(reply.message(), errors[0].to_string(), "top={top}: the same words on both sides");
            }
        }
    }
}
