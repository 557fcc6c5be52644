//! The Stock2Shop mock: login and tokens (expiry included), `?token=` on every other
//! call, the rate limit, Elasticsearch-style search, queues that check their bodies and
//! change the account, `{"errors": ...}` for everything it refuses, and every answer in
//! the shape the catalogue declares. Requests are built with the core's builders, so the
//! builders and the mock are checked against each other too.

mod support;

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use commerce_kit::catalogue::{self, Auth, Vendor};
use commerce_kit::request::{Operation, Request as Built};
use commerce_kit::vendors::stock2shop::images::{QueueImages, QueueImagesBody, QueuedImage, QueuedImageData, QueuedImageSource};
use commerce_kit::vendors::stock2shop::orders::{QueueOrder, SearchOrders, SystemOrderSearch};
use commerce_kit::vendors::stock2shop::products::{example_queued_product, QueueProducts, QueueProductsBody, SearchProducts, SystemProductSearch};
use commerce_kit::vendors::stock2shop::search::{EsBoolQuery, EsClause, EsRange, EsSearch, SortOrder};
use commerce_kit::vendors::stock2shop::sources::ListSources;
use commerce_kit::vendors::stock2shop::users::{Authenticate, ValidToken};
use commerce_kit::vendors::stock2shop::{self as s2s, channels::ListChannels};
use commerce_mock::{MockConfig, MockState};
use serde_json::{json, Value};
use support::{Mock, Reply};

/// How many products the mock's account starts with (`PRODUCTS` of the mock's module).
const PRODUCTS: i64 = 60;

/// The seed's image: the start of a PNG.
const SEED_IMAGE: &str = "iVBORw0KGgoAAAANSUhEUgAAAAUAAAAFCAYAAACNbyblAAAAHElEQVQI12P4";

fn mock_with(config: MockConfig) -> Mock {
    Mock { state: MockState::new(config.clone()), config }
}

/// A mock without the rate limit, for tests that send requests back to back.
fn unlimited() -> Mock {
    mock_with(MockConfig { stock2shop_rate_limit: false, ..MockConfig::default() })
}

/// Sends a built request to the mock, with `token` if given (as the proxy injects it).
async fn send(mock: &Mock, built: Built, token: Option<&str>) -> Reply {
    let built = match token {
        Some(token) => s2s::with_token(built, token),
        None => built,
    };
    let mut request = Request::builder().method(built.method.as_str()).uri(format!("/stock2shop{}", built.path_and_query()));
    if let Some(content_type) = built.content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    mock.send(request.body(built.body.map(Body::from).unwrap_or_else(Body::empty)).unwrap()).await
}

/// A raw request (for bodies and parameters the builders would refuse).
async fn raw(mock: &Mock, method: &str, uri: &str, body: &str) -> Reply {
    let request = Request::builder().method(method).uri(format!("/stock2shop{uri}")).header(header::CONTENT_TYPE, "application/json");
    mock.send(request.body(Body::from(body.to_string())).unwrap()).await
}

async fn login(mock: &Mock) -> String {
    let reply = send(mock, Authenticate::new(&mock.config.stock2shop_username, &mock.config.stock2shop_password).build().unwrap(), None).await;
    reply.json()["system_user"]["token"].as_str().expect("a token").to_string()
}

/// Asserts Stock2Shop's error format, `{"errors": "<message>"}`, with this status;
/// returns the message.
fn s2s_error(reply: &Reply, status: StatusCode) -> String {
    assert_eq!(reply.status, status, "{}", reply.body);
    let json = reply.json();
    assert_eq!(json.as_object().map(|o| o.len()), Some(1), "{}", reply.body);
    json["errors"].as_str().expect("a message").to_string()
}

/// Asserts a 200 with the operation's declared shape, without drift.
fn assert_valid(id: &str, reply: &Reply) {
    assert_eq!(reply.status, StatusCode::OK, "{id}: {}", reply.body);
    let report = commerce_kit::validate_operation(id, reply.body.as_bytes()).unwrap();
    assert!(report.errors.is_empty() && report.drift.is_empty(), "{id}: {report:?}");
}

fn search_body<T: commerce_kit::schema::Wire + serde::de::DeserializeOwned>(reply: &Reply) -> T {
    commerce_kit::decode::<T>(reply.body.as_bytes()).unwrap_or_else(|e| panic!("{e}: {}", reply.body)).value
}

fn image(source_id: i64, product: &str, variant: Option<&str>, data: &str) -> QueuedImage {
    QueuedImage {
        source: QueuedImageSource { source_id, source_product_code: product.into(), source_variant_code: variant.map(Into::into) },
        image: QueuedImageData { image_id: "a".into(), action: "I".into(), image: data.into(), meta: Some(json!({"main_image": "true"})) },
    }
}

#[tokio::test]
async fn every_operation_answers_with_its_declared_schema() {
    let mock = unlimited();
    let token = login(&mock).await;
    let mut checked = 0;
    for endpoint in catalogue::endpoints().iter().filter(|e| e.vendor == Vendor::Stock2shop) {
        let (built, with_token) = match endpoint.id {
            "stock2shop.authenticate" => (Authenticate::new(&mock.config.stock2shop_username, &mock.config.stock2shop_password).build(), false),
            "stock2shop.valid_token" => (ValidToken::new(&token).build(), false),
            "stock2shop.list_sources" => (ListSources::new().build(), true),
            "stock2shop.list_channels" => (ListChannels::new().build(), true),
            "stock2shop.search_products" => {
                let search = EsSearch::new().filter(EsClause::term("source_id", 57)).size(5).sort_by("modified", SortOrder::Desc);
                (SearchProducts::new(search).build(), true)
            }
            "stock2shop.queue_products" => (QueueProducts::new(123, QueueProductsBody { system_products: vec![example_queued_product(123)] }).build(), true),
            "stock2shop.queue_images" => {
                (QueueImages::new(QueueImagesBody { system_images: vec![image(57, "CDROM", Some("4317647"), SEED_IMAGE)] }).build(), true)
            }
            "stock2shop.search_orders" => {
                (SearchOrders::new(EsSearch::new().must(EsClause::multi_match(["customer.first_name", "sku"], "roger"))).build(), true)
            }
            "stock2shop.queue_order" => (QueueOrder::new(456, 123, json!({"my order payload": {"foo": "bar"}})).build(), true),
            other => panic!("{other}: add the request that exercises it here"),
        };
        assert_eq!(with_token, endpoint.auth == Auth::SessionToken, "{}", endpoint.id);
        let reply = send(&mock, built.unwrap(), with_token.then_some(token.as_str())).await;
        assert_valid(endpoint.id, &reply);
        checked += 1;
    }
    assert!(checked > 0, "the registry lists no Stock2Shop operation");
}

#[tokio::test]
async fn the_seed_records_are_served_with_their_loose_spellings() {
    let mock = unlimited();
    let token = login(&mock).await;
    let sources = send(&mock, ListSources::new().build().unwrap(), Some(&token)).await.json();
    assert_eq!(
        sources["system_sources"][0],
        json!({
            "id": 318, "created": "2017-07-25T10:32:46+0000", "description": "Example", "sync_token": "0", "modified": "2021-08-27T13:57:29+0000",
            "client_id": 123, "type": "apifact_sapone", "active": 1, "source_id": null
        })
    );
    // The sources the seed's other examples name: 57 (products, images), 123 (product queue).
    let ids: Vec<i64> = sources["system_sources"].as_array().unwrap().iter().map(|s| s["id"].as_i64().unwrap()).collect();
    assert!(ids.contains(&57) && ids.contains(&123), "{ids:?}");
    let channels = send(&mock, ListChannels::new().build().unwrap(), Some(&token)).await.json();
    assert_eq!(
        channels["system_channels"][0],
        json!({
            "id": 123, "created": "2015-08-08T21:32:46+0000", "description": "My Sales Channel", "modified": "2020-05-06T09:53:30+0000",
            "client_id": 456, "active": 1, "type": "shopify", "price_tier": null, "qty_availability": null
        })
    );
    let search = EsSearch::new().filter(EsClause::term("id", 62777));
    let reply = send(&mock, SearchProducts::new(search).build().unwrap(), Some(&token)).await;
    let product = &reply.json()["system_products"][0];
    assert_eq!((&product["channels"][0]["channel_id"], &product["title"]), (&json!("47"), &json!("CD ROMs")));
    let report = commerce_kit::validate_operation("stock2shop.search_products", reply.body.as_bytes()).unwrap();
    assert!(!report.loose.is_empty(), "the loose spellings reach the client, which normalises them");
    let orders = send(&mock, SearchOrders::new(EsSearch::new().filter(EsClause::term("id", 933302))).build().unwrap(), Some(&token)).await.json();
    assert_eq!(orders["system_orders"][0]["line_items"][0]["tax_lines"][0]["rate"], "15");
}

#[tokio::test]
async fn authenticate_checks_the_credentials_and_hands_out_fresh_tokens() {
    let mock = unlimited();
    let (user, password) = (mock.config.stock2shop_username.clone(), mock.config.stock2shop_password.clone());
    for (u, p) in [(user.as_str(), "wrong"), ("barry", password.as_str())] {
        let reply = send(&mock, Authenticate::new(u, p).build().unwrap(), None).await;
        assert_eq!(s2s_error(&reply, StatusCode::UNAUTHORIZED), "invalid username or password");
        assert_eq!(commerce_kit::Error::from_response(401, None, &reply.body).code(), "unauthorized");
    }
    let reply = raw(&mock, "POST", "/v1/users/authenticate?format=json", r#"{"system_user_auth": {"username": "x"}}"#).await;
    assert_eq!(s2s_error(&reply, StatusCode::BAD_REQUEST), "system_user_auth.password: expected string, found nothing (field missing)");

    let reply = send(&mock, Authenticate::new(&user, &password).build().unwrap(), None).await;
    assert_valid("stock2shop.authenticate", &reply);
    let first = reply.json()["system_user"].clone();
    assert_eq!((&first["username"], &first["role_description"]), (&json!(user), &json!("product_meta_editor")));
    let second = login(&mock).await;
    let first = first["token"].as_str().unwrap();
    assert!(first.len() == 32 && first.bytes().all(|b| b.is_ascii_hexdigit()), "{first}");
    assert_ne!(first, second);
    for token in [first, second.as_str()] {
        assert_eq!(send(&mock, ListSources::new().build().unwrap(), Some(token)).await.status, StatusCode::OK);
        let reply = send(&mock, ValidToken::new(token).build().unwrap(), None).await;
        assert_valid("stock2shop.valid_token", &reply);
        assert_eq!(reply.json()["system_user"]["token"], token);
    }
    let reply = send(&mock, ValidToken::new("not-a-token").build().unwrap(), None).await;
    assert_eq!(s2s_error(&reply, StatusCode::UNAUTHORIZED), "invalid token");
}

#[tokio::test]
async fn every_token_operation_refuses_a_missing_or_unknown_token() {
    let mock = unlimited();
    let token = login(&mock).await;
    for endpoint in catalogue::endpoints().iter().filter(|e| e.vendor == Vendor::Stock2shop && e.auth == Auth::SessionToken) {
        for (query, want) in [("", "token is required"), ("?token=", "token is required"), ("?token=nope", "invalid token")] {
            let path = endpoint.path.to_string() + query;
            let reply = raw(&mock, endpoint.method.as_str(), &path, "{}").await;
            assert_eq!(s2s_error(&reply, StatusCode::UNAUTHORIZED), want, "{} {path}", endpoint.id);
        }
    }
    // A token travels only as `token`: the same value elsewhere is not a token.
    let reply = raw(&mock, "GET", &format!("/v1/sources?format=json&auth={token}"), "").await;
    assert_eq!(s2s_error(&reply, StatusCode::UNAUTHORIZED), "token is required");
}

#[tokio::test]
async fn tokens_expire_and_a_new_login_works_again() {
    let mock = mock_with(MockConfig { stock2shop_rate_limit: false, stock2shop_token_ttl: Duration::from_millis(300), ..MockConfig::default() });
    let token = login(&mock).await;
    assert_eq!(send(&mock, ListChannels::new().build().unwrap(), Some(&token)).await.status, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(400)).await;
    let reply = send(&mock, ListChannels::new().build().unwrap(), Some(&token)).await;
    assert_eq!(s2s_error(&reply, StatusCode::UNAUTHORIZED), "token expired, authenticate again");
    // Forgotten once reported: from then on it is just unknown, for valid_token too.
    let reply = send(&mock, ValidToken::new(&token).build().unwrap(), None).await;
    assert_eq!(s2s_error(&reply, StatusCode::UNAUTHORIZED), "invalid token");
    let fresh = login(&mock).await;
    assert_eq!(send(&mock, ListChannels::new().build().unwrap(), Some(&fresh)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn more_than_one_request_per_second_is_429_with_retry_after() {
    let mock = mock_with(MockConfig::default());
    assert!(mock.config.stock2shop_rate_limit, "on by default");
    let token = mock.state.stock2shop_token();
    assert_eq!(send(&mock, ListSources::new().build().unwrap(), Some(&token)).await.status, StatusCode::OK);
    let request = Request::builder().uri(format!("/stock2shop/v1/channels?format=json&token={token}")).body(Body::empty()).unwrap();
    let response = tower::ServiceExt::oneshot(commerce_mock::app(mock.state.clone()), request).await.unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers().get(header::RETRY_AFTER).unwrap(), "1");
    let reply = send(&mock, ListChannels::new().build().unwrap(), Some(&token)).await;
    let message = s2s_error(&reply, StatusCode::TOO_MANY_REQUESTS);
    assert!(message.contains("1 request per second"), "{message}");
    assert_eq!(commerce_kit::Error::from_response(429, Some(1), &reply.body), commerce_kit::Error::RateLimited { retry_after_seconds: Some(1) });
    // Logins count too.
    let reply = send(&mock, Authenticate::new("mock-s2s-user", "mock-s2s-password").build().unwrap(), None).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);

    // Refused requests do not push the window: a second after the last accepted one, fine.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(send(&mock, ListChannels::new().build().unwrap(), Some(&token)).await.status, StatusCode::OK);

    // Other vendors are not limited, and the switch turns it off.
    mock.state.set_stock2shop_rate_limit(false);
    for _ in 0..3 {
        assert_eq!(send(&mock, ListChannels::new().build().unwrap(), Some(&token)).await.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn searches_filter_sort_and_page() {
    let mock = unlimited();
    let token = login(&mock).await;
    let products = |search: EsSearch| {
        let (mock, token) = (&mock, token.clone());
        async move {
            let reply = send(mock, SearchProducts::new(search).build().unwrap(), Some(&token)).await;
            assert_valid("stock2shop.search_products", &reply);
            search_body::<SystemProductSearch>(&reply)
        }
    };

    // Everything, ten at a time by default, `hits.total` counting all.
    let all = products(EsSearch::new()).await;
    assert_eq!((all.hits.total, all.system_products.len()), (PRODUCTS, 10));

    // By source.
    let by_source = products(EsSearch::new().filter(EsClause::term("source_id", 57)).size(100)).await;
    assert!(by_source.hits.total > 10 && by_source.system_products.iter().all(|p| p.source_id == Some(57)));
    assert_eq!(by_source.hits.total as usize, by_source.system_products.len());

    // Title words, case-insensitively; SKU through the variants; a loose channel id.
    let titled = products(EsSearch::new().must(EsClause::matching("title", "KEYBOARD")).size(100)).await;
    assert!(!titled.system_products.is_empty() && titled.system_products.iter().all(|p| p.title.to_lowercase().contains("keyboard")));
    let by_sku = products(EsSearch::new().filter(EsClause::term("variants.sku", "CD004"))).await;
    assert_eq!(by_sku.system_products.iter().map(|p| p.id).collect::<Vec<_>>(), [62777]);
    let on_channel = products(EsSearch::new().filter(EsClause::term("channels.channel_id", 47)).size(100)).await;
    assert!(on_channel.hits.total > 1 && on_channel.system_products.iter().all(|p| p.channels.iter().any(|c| c.channel_id == Some(47))));
    let inactive = products(EsSearch::new().filter(EsClause::term("active", false)).size(100)).await;
    assert!(inactive.hits.total > 0 && inactive.system_products.iter().all(|p| !p.active));

    // Sorted by modification time, paged with from/size: the seed's feed query.
    let since = "2021-01-05 00:00:00";
    let feed = |from| EsSearch::new().filter(EsClause::range("modified", EsRange::new().gt(since))).from(from).size(7).sort_by("modified", SortOrder::Desc);
    let (first, second) = (products(feed(0)).await, products(feed(7)).await);
    assert_eq!(first.hits.total, second.hits.total);
    let modified: Vec<String> = first.system_products.iter().chain(&second.system_products).map(|p| p.modified.clone()).collect();
    assert!(modified.windows(2).all(|w| w[0] >= w[1]) && modified.iter().all(|m| m.as_str() > since), "{modified:?}");
    assert!(first.hits.max_score.is_none() && first.hits.hits[0].sort.as_ref().is_some_and(|s| s[0].is_i64()));
    assert_eq!(first.request.body.size, Some(7));

    // A nested bool: source 123 or inactive.
    let either = EsBoolQuery { should: vec![EsClause::term("source_id", 123), EsClause::term("active", false)], ..EsBoolQuery::default() };
    let found = products(EsSearch::new().filter(EsClause::bool(either)).size(100)).await;
    assert!(!found.system_products.is_empty() && found.system_products.iter().all(|p| p.source_id == Some(123) || !p.active));

    // Orders: by status, by the seed's free-text search, by customer.
    let orders = |search: EsSearch| {
        let (mock, token) = (&mock, token.clone());
        async move {
            let reply = send(mock, SearchOrders::new(search).build().unwrap(), Some(&token)).await;
            assert_valid("stock2shop.search_orders", &reply);
            search_body::<SystemOrderSearch>(&reply)
        }
    };
    let open = orders(EsSearch::new().filter(EsClause::terms("status", ["ordered", "processing"])).size(100)).await;
    assert!(open.hits.total > 1 && open.system_orders.iter().all(|o| o.status == "ordered" || o.status == "processing"));
    let fields = ["id.autocomplete", "channel_order_code", "sources.source_order_code", "customer.first_name", "customer.last_name", "customer.email"];
    let roger = orders(EsSearch::new().must(EsClause::multi_match(fields, "waters"))).await;
    assert_eq!(roger.system_orders.iter().map(|o| o.id).collect::<Vec<_>>(), [933302]);
    let by_code = orders(EsSearch::new().must(EsClause::multi_match(fields, "0027795"))).await;
    assert_eq!(by_code.system_orders[0].id, 933302);
}

#[tokio::test]
async fn searches_the_mock_cannot_run_or_the_client_would_refuse_are_400() {
    let mock = unlimited();
    let token = login(&mock).await;
    let uri = format!("/v1/products/elastic_search?token={token}");
    for (body, want) in [
        (
            r#"{"query": {"bool": {"filter": [{"geo_distance": {"distance": "12km"}}]}}}"#,
            "query.bool.filter[0]: the mock does not model \"geo_distance\" clauses (term, terms, match, multi_match, range, exists, bool)",
        ),
        (r#"{"size": -1}"#, "size: must be 0 or more, got -1"),
        (r#"{"query": {"bool": {"must": [{"term": {"a": 1, "b": 2}}]}}}"#, "query.bool.must[0].term: must name exactly one field, e.g. {\"sku\": \"CD003\"}"),
        (r#"{"size": "ten"}"#, "size: expected integer (or integer as string) or null, found string \"ten\""),
        (r#"{"query": {"match_all": {}}}"#, "query.bool: expected object (EsBoolQuery), found nothing (field missing)"),
    ] {
        assert_eq!(s2s_error(&raw(&mock, "POST", &uri, body).await, StatusCode::BAD_REQUEST), want, "{body}");
    }
}

/// Hostile searches (10,000 nested bool queries; bool queries nested past
/// Elasticsearch's depth within the JSON limit; more clauses than it takes) are a 400
/// naming the limit, and the mock goes on serving.
#[tokio::test]
async fn searches_past_the_limits_are_400_naming_the_limit_and_the_mock_goes_on() {
    let mock = unlimited();
    let token = login(&mock).await;
    let uri = format!("/v1/products/elastic_search?token={token}");
    let nested = |depth: usize| {
        format!(r#"{{"query": {{"bool": {{"filter": [{}{{"term": {{"sku": "x"}}}}{}]}}}}}}"#, r#"{"bool": {"must": ["#.repeat(depth), "]}}".repeat(depth))
    };
    let clauses = format!(r#"{{"query": {{"bool": {{"should": [{}]}}}}}}"#, vec![r#"{"term": {"sku": "x"}}"#; 1025].join(","));
    for (body, want) in [
        (nested(10_000), "expected at most 127 nested arrays and objects, found a deeper one at byte"),
        (nested(30), "nests deeper than 20 bool queries (Elasticsearch's indices.query.bool.max_nested_depth)"),
        (clauses, "query: holds more than 1024 clauses (Elasticsearch's indices.query.bool.max_clause_count)"),
    ] {
        let message = s2s_error(&raw(&mock, "POST", &uri, &body).await, StatusCode::BAD_REQUEST);
        assert!(message.contains(want), "{message}");
        let next = raw(&mock, "POST", &uri, r#"{"query": {"bool": {"filter": [{"term": {"active": true}}]}}}"#).await;
        assert_valid("stock2shop.search_products", &next);
    }
}

#[tokio::test]
async fn queued_products_show_up_in_the_search_and_update_in_place() {
    let mock = unlimited();
    let token = login(&mock).await;
    let find_abc =
        || SearchProducts::new(EsSearch::new().filter(EsClause::term("source_product_code", "ABC")).filter(EsClause::term("source_id", 123))).build().unwrap();
    assert_eq!(search_body::<SystemProductSearch>(&send(&mock, find_abc(), Some(&token)).await).hits.total, 0);

    let mut product = example_queued_product(123);
    let reply = send(&mock, QueueProducts::new(123, QueueProductsBody { system_products: vec![product.clone()] }).build().unwrap(), Some(&token)).await;
    assert_valid("stock2shop.queue_products", &reply);
    assert_eq!(reply.json(), json!({"system_products": {"sync_product": 1}}));
    let found = search_body::<SystemProductSearch>(&send(&mock, find_abc(), Some(&token)).await);
    let created = &found.system_products[0];
    assert_eq!((created.title.as_str(), created.variants.len(), created.variants[0].sku.as_str()), ("Example", 1, "ABC-XXL"));
    assert_eq!((created.variants[0].price, created.variants[0].price_tiers[0].tier.as_str(), created.options[0].position), (100.0, "Price List X", 1));

    // Again, renamed: the same product, updated.
    product.product.title = "Example, renamed".into();
    send(&mock, QueueProducts::new(123, QueueProductsBody { system_products: vec![product] }).build().unwrap(), Some(&token)).await;
    let found = search_body::<SystemProductSearch>(&send(&mock, find_abc(), Some(&token)).await);
    assert_eq!((found.hits.total, found.system_products[0].title.as_str(), found.system_products[0].id), (1, "Example, renamed", created.id));
}

#[tokio::test]
async fn bad_queues_are_400_naming_the_field() {
    let mock = unlimited();
    let token = login(&mock).await;
    let mut blank = serde_json::to_value(QueueProductsBody { system_products: vec![example_queued_product(123)] }).unwrap();
    blank["system_products"][0]["product"]["title"] = "".into();
    blank["system_products"][0]["source"]["product_active"] = "yes".into();
    let products = serde_json::to_string(&json!({"system_products": [example_queued_product(57)]})).unwrap();
    let gif = QueueImagesBody { system_images: vec![image(57, "CDROM", None, "R0lGODlhAQABAAAAACw=")] };
    for (uri, body, want) in [
        (
            format!("/v1/products/queue?token={token}&source_id=123"),
            blank.to_string(),
            "system_products[0].source.product_active: expected boolean (or \"true\"/\"false\", 1/0, \"1\"/\"0\"), found string \"yes\"",
        ),
        (
            format!("/v1/products/queue?token={token}&source_id=123"),
            products.clone(),
            "system_products[0].source.source_id: must be the source_id of the request (123), got 57",
        ),
        (format!("/v1/products/queue?token={token}&source_id=999"), products.replace("\"57\"", "\"999\""), "source_id: 999 is not a source of this account"),
        (format!("/v1/products/queue?token={token}"), products.clone(), "source_id: is required"),
        (format!("/v1/images/queue?token={token}"), serde_json::to_string(&gif).unwrap(), "system_images[0].image.image: not a JPEG or PNG"),
        (format!("/v2-queue/order?token={token}&client_id=456&channel_id=999"), "{\"id\": 1}".into(), "channel_id: 999 is not a channel of this account"),
        (format!("/v2-queue/order?token={token}&client_id=91&channel_id=123"), "{\"id\": 1}".into(), "client_id: 91 is not the client of channel 123 (456)"),
        (
            format!("/v2-queue/order?token={token}&client_id=456&channel_id=123"),
            "{}".into(),
            "body: must not be an empty object: send the channel's order payload",
        ),
        (
            format!("/v2-queue/order?token={token}&client_id=456&channel_id=123"),
            "[{\"id\": 1}]".into(),
            "body: must be a JSON object (the channel's order payload), got an array",
        ),
        (format!("/v2-queue/order?token={token}&client_id=x&channel_id=123"), "{\"id\": 1}".into(), "client_id: expected an integer, got \"x\""),
    ] {
        let method = "POST";
        assert_eq!(s2s_error(&raw(&mock, method, &uri, &body).await, StatusCode::BAD_REQUEST), want, "{uri}");
    }
    // Nothing was queued.
    let search = SearchProducts::new(EsSearch::new().filter(EsClause::term("source_product_code", "ABC"))).build().unwrap();
    assert_eq!(search_body::<SystemProductSearch>(&send(&mock, search, Some(&token)).await).hits.total, 0);
}

#[tokio::test]
async fn queued_images_join_their_product_and_variant() {
    let mock = unlimited();
    let token = login(&mock).await;
    let body = QueueImagesBody { system_images: vec![image(57, "CDROM", Some("4317716"), SEED_IMAGE), image(57, "no-such-product", None, SEED_IMAGE)] };
    let reply = send(&mock, QueueImages::new(body).build().unwrap(), Some(&token)).await;
    assert_valid("stock2shop.queue_images", &reply);
    // Both queued; the one without its product is dropped when processed.
    assert_eq!(reply.json(), json!({"system_images": {"sync_image": 2}}));
    let found = search_body::<SystemProductSearch>(
        &send(&mock, SearchProducts::new(EsSearch::new().filter(EsClause::term("id", 62777))).build().unwrap(), Some(&token)).await,
    );
    let product = &found.system_products[0];
    let added = product.images.last().unwrap();
    assert_eq!((product.images.len(), added.source_image_code.as_deref(), added.product_id), (2, Some("a"), 62777));
    assert!(added.storage_code.ends_with(".png") && added.src.ends_with(&added.storage_code));
    assert_eq!(product.variants[1].image_id, added.id);
}

#[tokio::test]
async fn queued_orders_are_received() {
    let mock = unlimited();
    let token = login(&mock).await;
    let reply = send(&mock, QueueOrder::new(456, 123, json!({"my order payload": {"foo": "bar"}})).build().unwrap(), Some(&token)).await;
    assert_valid("stock2shop.queue_order", &reply);
    let answer: Value = reply.json();
    assert_eq!(answer["message"], "order received");
    let key = answer["queue_messages"][0]["key"].as_str().unwrap();
    assert!(key.starts_with("456-123-0/") && key.ends_with("-sync_order.json"), "{key}");
    assert_eq!(answer["queue_messages"][0]["message_id"].as_str().unwrap().len(), 36);
}
