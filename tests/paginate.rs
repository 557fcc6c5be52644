//! The Rust stream over `next_token` pages, against scripted pages.
#![cfg(all(not(target_arch = "wasm32"), feature = "s2-partner"))]

use std::cell::RefCell;

use commerce_kit::paginate::{pages, Entry};
use commerce_kit::vendors::s2_partner::fulfillment::ListFulfillments;
use commerce_kit::{Error, Request};
use futures_executor::block_on_stream;
use futures_util::StreamExt;

fn page(ids: std::ops::Range<i64>, next: Option<&str>) -> Vec<u8> {
    let good: serde_json::Value = serde_json::from_slice(include_bytes!("fixtures/s2_partner.list_fulfillments/good.json")).unwrap();
    let template = good["items"][0].clone();
    let items: Vec<_> = ids
        .map(|id| {
            let mut f = template.clone();
            f["id"] = id.into();
            f
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({ "items": items, "next_token": next })).unwrap()
}

/// Each entry as the id of a record, or `-1 - index` for a rejected one.
fn collect(limit: Option<usize>, answers: Vec<Result<Vec<u8>, Error>>) -> (Vec<Result<i64, Error>>, Vec<String>) {
    let answers = RefCell::new(answers.into_iter());
    let seen = RefCell::new(Vec::new());
    let stream = pages(ListFulfillments::new(), limit, |request: Request| {
        seen.borrow_mut().push(request.path_and_query());
        let answer = answers.borrow_mut().next().expect("asked for a page that was not scripted");
        async move { answer }
    });
    let entry_id = |entry: Entry<commerce_kit::vendors::s2_partner::fulfillment::PartnerFulfillment>| match entry {
        Entry::Record(f) => f.id,
        Entry::Rejected(r) => -1 - r.index as i64,
    };
    let items = block_on_stream(Box::pin(stream.map(|r| r.map(entry_id)))).collect();
    let seen = seen.into_inner();
    (items, seen)
}

#[test]
fn follows_next_token_until_absent() {
    let (items, requests) = collect(None, vec![Ok(page(0..3, Some("t1"))), Ok(page(3..5, Some("t 2"))), Ok(page(5..6, None))]);
    assert_eq!(items.into_iter().map(Result::unwrap).collect::<Vec<_>>(), (0..6).collect::<Vec<_>>());
    assert_eq!(requests, ["/fulfillment", "/fulfillment?next_token=t1", "/fulfillment?next_token=t%202"]);
}

#[test]
fn stops_at_the_limit_without_fetching_more_pages() {
    let (items, requests) = collect(Some(4), vec![Ok(page(0..3, Some("t1"))), Ok(page(3..6, Some("t2")))]);
    assert_eq!(items.len(), 4);
    assert_eq!(requests.len(), 2);
}

#[test]
fn ends_with_the_error_of_a_failing_page() {
    let (items, requests) = collect(None, vec![Ok(page(0..2, Some("t1"))), Err(Error::Timeout { after_ms: 5 })]);
    assert_eq!(items.len(), 3);
    assert_eq!(items[2], Err(Error::Timeout { after_ms: 5 }));
    assert_eq!(requests.len(), 2);
    // A page that is not the documented shape is an error too, with its path.
    let (items, _) = collect(None, vec![Ok(br#"{"items": {"id": "x"}}"#.to_vec())]);
    assert!(matches!(&items[0], Err(Error::InvalidResponse { issues, .. }) if issues[0].path == "$.items"));
}

/// Issue 9: one bad record ended the whole list with an error.
#[test]
fn a_bad_record_is_reported_and_the_list_goes_on() {
    let mut first: serde_json::Value = serde_json::from_slice(&page(0..3, Some("t1"))).unwrap();
    first["items"][1]["id"] = "one".into();
    let (items, requests) = collect(None, vec![Ok(serde_json::to_vec(&first).unwrap()), Ok(page(3..5, None))]);
    assert_eq!(items.into_iter().map(Result::unwrap).collect::<Vec<_>>(), [0, 2, -2, 3, 4]);
    assert_eq!(requests.len(), 2);
}
