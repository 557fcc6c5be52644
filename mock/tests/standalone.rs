//! The standalone mock (`commerce-mock serve`): every vendor plus a read-only
//! `GET /__mock/stats` that reports what each vendor saw; no fault controls.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use commerce_mock::{MockConfig, MockState};
use http_body_util::BodyExt;
use tower::ServiceExt;

async fn call(router: &axum::Router, request: Request<Body>) -> (StatusCode, serde_json::Value) {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null))
}

#[tokio::test]
async fn stats_count_requests_429s_and_the_rate_per_vendor() {
    let config = MockConfig::default();
    let router = commerce_mock::app_with_stats(MockState::new(config.clone()));
    let login = serde_json::json!({ "system_user_auth": { "username": config.stock2shop_username, "password": config.stock2shop_password } });
    let (status, body) = call(
        &router,
        Request::post("/stock2shop/v1/users/authenticate?format=json").header("content-type", "application/json").body(Body::from(login.to_string())).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let token = body["system_user"]["token"].as_str().unwrap().to_string();
    // Two reads right after the login break Stock2Shop's 1 per second (the login counts).
    for _ in 0..2 {
        let (status, _) = call(&router, Request::get(format!("/stock2shop/v1/sources?format=json&token={token}")).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    }
    let (status, stats) = call(&router, Request::get("/__mock/stats").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    let stock2shop = &stats["vendors"]["stock2shop"];
    assert_eq!(stock2shop["requests"], 3, "{stats}");
    assert_eq!(stock2shop["rate_limited"], 2, "{stats}");
    assert_eq!(stock2shop["highest_per_second"], 3, "{stats}");
    assert_eq!(stock2shop["operations"]["stock2shop.list_sources"], 2, "{stats}");
    assert!(stats["vendors"].get("s2").is_none(), "a vendor nobody called is absent: {stats}");
    // Read-only: the fault controls are not there.
    let (status, _) =
        call(&router, Request::post("/__mock/faults").header("content-type", "application/json").body(Body::from("{\"status\": 500}")).unwrap()).await;
    assert!(status == StatusCode::NOT_FOUND || status == StatusCode::METHOD_NOT_ALLOWED, "{status}");
}
