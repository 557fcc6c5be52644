//! Nothing created twice, nothing lost: S2 fulfillment-order creates carrying a
//! `channelFulfillmentId`, through the proxy, while the mock carries out a share of them
//! and then drops the answer (the vendor did it; the client never hears). The package's
//! retry (`CreateFulfillmentOrder::send_safely`) must end every call as created or
//! already created, with exactly one order per id.

mod support;

use std::collections::BTreeMap;

use commerce_kit::error::Route;
use commerce_kit::vendors::s2::fulfillment::{CreateFulfillmentOrder, LostAnswers, S2CreateOutcome};
use commerce_kit::Error;
use commerce_mock::examples::fulfillment_order;
use commerce_mock::Faults;
use support::{default_harness, send, Harness};

/// The package's transport over the in-process proxy: the answer mapped to the package's
/// error exactly as the browser transport maps it.
async fn send_through_proxy(h: &Harness, request: commerce_kit::request::Request) -> Result<Vec<u8>, Error> {
    let url = format!("/api/s2{}", request.path_and_query());
    let http = axum::http::Request::post(&url)
        .header("content-type", request.content_type.unwrap_or("application/json"))
        .body(axum::body::Body::from(request.body.clone().unwrap_or_default()))
        .unwrap();
    let (status, headers, body) = send(&h.router, http).await;
    let relayed = headers.contains_key("x-upstream-attempts");
    let retry_after = headers.get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
    match Error::from_answer(&url, Route::Api { relayed }, status.as_u16(), retry_after, &body) {
        Some(error) => Err(error),
        None => Ok(body.into_bytes()),
    }
}

#[tokio::test]
async fn two_hundred_creates_while_a_fifth_of_the_answers_are_lost_make_exactly_two_hundred_orders() {
    let h = default_harness().await;
    h.mock.set_faults(Faults { lose_answer: true, percent: Some(20), ..Faults::default() });
    let before = h.mock.request_count();
    let lost = LostAnswers::default();
    let mut outcomes: BTreeMap<&str, usize> = BTreeMap::new();
    for i in 0..200 {
        let key = format!("shop-{i:03}");
        let create = CreateFulfillmentOrder::new(fulfillment_order(Some(&key)));
        let outcome = create.send_safely(&lost, |request| send_through_proxy(&h, request), |_| async {}).await;
        match outcome {
            Ok(S2CreateOutcome::Created { fulfillment }) => {
                assert_eq!(fulfillment.channel_fulfillment_id.as_deref(), Some(key.as_str()));
                *outcomes.entry("created").or_default() += 1;
            }
            Ok(S2CreateOutcome::AlreadyCreated { channel_fulfillment_id }) => {
                assert_eq!(channel_fulfillment_id, key);
                *outcomes.entry("already created").or_default() += 1;
            }
            Err(error) => panic!("{key}: {error}"),
        }
    }
    h.mock.set_faults(Faults::default());
    let mut ids: Vec<String> = h.mock.s2_channel_fulfillment_ids().into_iter().map(|id| id.expect("every create carried its id")).collect();
    ids.sort();
    ids.dedup();
    assert_eq!((h.mock.s2_channel_fulfillment_ids().len(), ids.len()), (200, 200), "{outcomes:?}");
    // The faults really bit: a fifth of all requests (retries included) lost their answer,
    // and each lost one cost exactly one retry, which found the order already created.
    let requests = h.mock.request_count() - before;
    assert_eq!(outcomes, BTreeMap::from([("already created", 50), ("created", 150)]));
    assert_eq!(requests, 250);
    println!("200 creates, 20 % of answers lost: {outcomes:?}, {} orders", ids.len());
}

/// A write without a way to detect a duplicate is sent once, and its lost answer names
/// the operation and how to check: never retried by the proxy either.
#[tokio::test]
async fn a_create_without_its_key_is_sent_once_and_a_lost_answer_is_outcome_unknown() {
    let h = default_harness().await;
    h.mock.set_faults(Faults { lose_answer: true, ..Faults::default() });
    let body = fulfillment_order(None);
    let before = h.mock.request_count();
    let error = CreateFulfillmentOrder::new(body).send_safely(&LostAnswers::default(), |r| send_through_proxy(&h, r), |_| async {}).await.unwrap_err();
    assert_eq!(h.mock.request_count() - before, 1, "sent once, by the package and the proxy");
    assert_eq!(error.code(), "outcome_unknown", "{error}");
    assert!(error.to_string().contains("s2.create_fulfillment_order") && error.to_string().contains("back office"), "{error}");
    assert_eq!(h.mock.s2_channel_fulfillment_ids().len(), 1, "the vendor did create it");
}
