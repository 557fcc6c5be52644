// Spans every vendor: runs in the default (all-vendor) build, not in the single-vendor ones.
#![cfg(all(not(target_arch = "wasm32"), feature = "s2", feature = "s2-partner", feature = "stock2shop", feature = "sellers-commerce"))]
//! Payloads we did not write: records that Stock2Shop's own engineers publish
//! (`tests/fixtures/real/stock2shop/`, sources in its README.md), and one body per loose
//! spelling the real APIs send (`tests/fixtures/stock2shop.spellings/`). Every file there
//! must validate (drift allowed: their records carry more than we declare) and decode.
//!
//! File names say where a payload belongs: `<operation>.<name>.json`, the operation id
//! without its `stock2shop.` prefix. A file in `real/` is one record, which the test wraps
//! in the envelope of that operation: the operation's `good.json` with its record list
//! (`system_products`, `system_orders`, `system_channels`) replaced by `[record]` (and, for
//! a search, `hits.hits` emptied, since the hits are the index's copy of other records).
//! A file in `stock2shop.spellings/` is a whole body. New files are picked up.

use std::fs;
use std::path::{Path, PathBuf};

use commerce_kit::vendors::stock2shop::{
    channels::SystemChannels, orders::SystemOrderSearch, products::SystemProductSearch, sources::SystemSources, users::SystemUserResponse,
};
use serde_json::Value;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `(operation, name)` of `<operation>.<name>.json`.
fn operation_of(path: &Path) -> (String, String) {
    let file = path.file_name().unwrap().to_str().unwrap();
    let (operation, rest) = file.split_once('.').unwrap_or_else(|| panic!("{file}: name it <operation>.<name>.json"));
    (operation.to_string(), rest.trim_end_matches(".json").to_string())
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// The record in the envelope of `operation`, as the API would answer it.
fn wrap(operation: &str, record: Value) -> Vec<u8> {
    let good = fixtures().join(format!("stock2shop.{operation}/good.json"));
    let mut body: Value = serde_json::from_slice(&fs::read(&good).unwrap()).unwrap();
    let list = match operation {
        "search_products" => "system_products",
        "search_orders" => "system_orders",
        "list_channels" => "system_channels",
        other => panic!("no envelope for {other}: add it to real_payloads.rs"),
    };
    body[list] = Value::Array(vec![record]);
    if let Some(hits) = body.get_mut("hits") {
        hits["hits"] = Value::Array(vec![]);
    }
    serde_json::to_vec(&body).unwrap()
}

/// Validates with the operation's schema (what the browser package runs) and decodes
/// into the Rust type; the error says which layer refused.
fn check(operation: &str, body: &[u8]) -> Result<(), String> {
    let id = format!("stock2shop.{operation}");
    let report = commerce_kit::validate_operation(&id, body).ok_or_else(|| format!("unknown operation {id}"))?;
    if !report.is_valid() {
        return Err(format!("validator: {:?}", report.errors.iter().map(ToString::to_string).collect::<Vec<_>>()));
    }
    // Whole: no published record needs to be isolated (left out as rejected) any more;
    // a record that did would be a type that is still too strict.
    let rejected = match operation {
        "search_products" => commerce_kit::decode::<SystemProductSearch>(body).map(|d| d.rejected),
        "search_orders" => commerce_kit::decode::<SystemOrderSearch>(body).map(|d| d.rejected),
        "list_channels" => commerce_kit::decode::<SystemChannels>(body).map(|d| d.rejected),
        "authenticate" => commerce_kit::decode::<SystemUserResponse>(body).map(|d| d.rejected),
        "list_sources" => commerce_kit::decode::<SystemSources>(body).map(|d| d.rejected),
        other => return Err(format!("no Rust type for {other}: add it to real_payloads.rs")),
    };
    match rejected {
        Ok(rejected) if rejected.is_empty() => Ok(()),
        Ok(rejected) => Err(format!("partial: {:?}", rejected.iter().flat_map(|r| r.errors.iter().map(ToString::to_string)).collect::<Vec<_>>())),
        Err(e) => Err(format!("decode: {e:?}")),
    }
}

#[test]
fn stock2shop_published_records_decode() {
    let dir = fixtures().join("real/stock2shop");
    let files = json_files(&dir);
    assert!(files.len() >= 4, "expected the stock2shop/share records in {}", dir.display());
    let failures: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let (operation, name) = operation_of(path);
            let record: Value = serde_json::from_slice(&fs::read(path).unwrap()).unwrap();
            check(&operation, &wrap(&operation, record)).err().map(|e| format!("{operation}.{name}: {e}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn stock2shop_loose_spellings_decode() {
    let files = json_files(&fixtures().join("stock2shop.spellings"));
    assert!(!files.is_empty());
    let failures: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let (operation, name) = operation_of(path);
            check(&operation, &fs::read(path).unwrap()).err().map(|e| format!("{operation}.{name}: {e}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_published_order_keeps_what_a_dashboard_shows() {
    let path = fixtures().join("real/stock2shop/search_orders.share-mocks-SystemOrder.json");
    let record: Value = serde_json::from_slice(&fs::read(path).unwrap()).unwrap();
    let answer = commerce_kit::decode::<SystemOrderSearch>(&wrap("search_orders", record)).unwrap().value;
    let order = &answer.system_orders[0];
    assert_eq!((order.state.as_deref(), order.ordered_date.as_deref()), (Some("saved"), Some("2021-06-01 07:59:00")));
    assert_eq!(order.line_items[0].title.as_deref(), Some("Kettle 1l"));
    assert_eq!((order.shipping_lines[0].title.as_deref(), order.shipping_lines[0].price), (Some("Next Day"), Some(100.0)));
    let shipped = &order.fulfillments[0];
    assert_eq!(
        (shipped.tracking_number.as_deref(), shipped.tracking_company.as_deref(), shipped.tracking_url.as_deref(), shipped.status.as_deref()),
        (Some("TRK-14"), Some("Courier Co"), Some("https://courier.example/TRK-14"), Some("shipped"))
    );
}

#[test]
fn an_elasticsearch_7_total_is_listed_for_the_browser_and_decodes_to_the_count() {
    use commerce_kit::validate::{LooseKind, PathSegment};
    let body = fs::read(fixtures().join("stock2shop.spellings/search_products.es7_hits_total.json")).unwrap();
    let report = commerce_kit::validate_operation("stock2shop.search_products", &body).unwrap();
    let total = vec![PathSegment::Key("hits".into()), PathSegment::Key("total".into())];
    assert_eq!(report.loose.iter().filter(|l| l.path == total && l.scalar == LooseKind::Value).count(), 1);
    let answer = commerce_kit::decode::<SystemProductSearch>(&body).unwrap().value;
    assert_eq!((answer.hits.total, answer.hits.total_relation.as_deref()), (27, Some("eq")));
    // A lower bound says so, for a dashboard's "10,000+".
    let capped = fs::read(fixtures().join("stock2shop.spellings/search_products.es7_hits_total_gte.json")).unwrap();
    let answer = commerce_kit::decode::<SystemProductSearch>(&capped).unwrap().value;
    assert_eq!((answer.hits.total, answer.hits.total_relation.as_deref()), (10_000, Some("gte")));
    // A bare number is exact, and has no relation.
    let plain = fs::read(fixtures().join("stock2shop.search_products/good.json")).unwrap();
    let answer = commerce_kit::decode::<SystemProductSearch>(&plain).unwrap().value;
    assert_eq!(answer.hits.total_relation, None);
    // Still refused: a string, or an object without an integer `value`.
    let compact = serde_json::to_string(&serde_json::from_slice::<Value>(&body).unwrap()).unwrap();
    let object = [r#"{"value":27,"relation":"eq"}"#, r#"{"relation":"eq","value":27}"#].into_iter().find(|o| compact.contains(o)).unwrap();
    for wrong in [r#""27""#, r#"{"value":"many","relation":"eq"}"#, r#"{"relation":"eq"}"#] {
        let report = commerce_kit::validate_operation("stock2shop.search_products", compact.replace(object, wrong).as_bytes()).unwrap();
        assert!(!report.is_valid(), "{wrong}");
    }
}

/// Optional-looking text that a back end sends as `null` where the seed has `""`
/// (`tests/fixtures/spellings/<operation id>.<name>.json`, whole bodies): accepted and
/// decoded as `""`, so the TypeScript type stays `string`.
#[test]
fn optional_text_sent_as_null_decodes_as_empty() {
    use commerce_kit::vendors::{s2, s2_partner};
    use commerce_kit::Operation;
    fn decode<O: Operation>(body: &[u8]) -> Result<(), String>
    where
        O::Response: commerce_kit::schema::Wire + serde::de::DeserializeOwned,
    {
        commerce_kit::decode::<O::Response>(body).map(|_| ()).map_err(|e| format!("decode: {e:?}"))
    }
    let files = json_files(&fixtures().join("spellings"));
    assert!(!files.is_empty());
    let failures: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let file = path.file_name().unwrap().to_str().unwrap();
            let body = fs::read(path).unwrap();
            let id = ["s2.", "s2_partner.", "sellers_commerce."]
                .iter()
                .find_map(|v| file.strip_prefix(v).map(|rest| format!("{v}{}", rest.split('.').next().unwrap())))
                .unwrap();
            let report = commerce_kit::validate_operation(&id, &body).unwrap();
            if !report.is_valid() {
                return Some(format!("{file}: validator: {:?}", report.errors.iter().map(ToString::to_string).collect::<Vec<_>>()));
            }
            let decoded = match id.as_str() {
                "s2.get_inventory_overview" => decode::<s2::inventory::GetInventoryOverview>(&body),
                "s2.create_fulfillment_order" => decode::<s2::fulfillment::CreateFulfillmentOrder>(&body),
                "s2_partner.list_fulfillments" => decode::<s2_partner::fulfillment::ListFulfillments>(&body),
                "s2_partner.list_purchase_orders" => decode::<s2_partner::purchase_order::ListPurchaseOrders>(&body),
                "s2_partner.list_products" => decode::<s2_partner::product::ListProducts>(&body),
                "sellers_commerce.order_updateorderstatus" => commerce_kit::decode::<commerce_kit::vendors::sellers_commerce::SellersStatusResponse>(&body)
                    .map(|_| ())
                    .map_err(|e| format!("decode: {e:?}")),
                other => Err(format!("no Rust type for {other}: add it here")),
            };
            decoded.err().map(|e| format!("{file}: {e}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every published record in one list, with a copy of one made wrong the way a back end
/// could (a price that is not a number): the published records are all kept, typed, and
/// only the broken copy is rejected, with its path and raw JSON.
#[test]
fn published_products_beside_a_broken_one_are_kept() {
    let dir = fixtures().join("real/stock2shop");
    let records: Vec<Value> = json_files(&dir)
        .iter()
        .filter(|path| operation_of(path).0 == "search_products")
        .map(|path| serde_json::from_slice(&fs::read(path).unwrap()).unwrap())
        .collect();
    let mut broken = records[0].clone();
    broken["variants"][0]["price"] = "R 10,00".into();
    let mut body: Value = serde_json::from_slice(&wrap("search_products", records[0].clone())).unwrap();
    body["system_products"] = Value::Array(records.iter().cloned().chain([broken.clone()]).collect());
    let decoded = commerce_kit::decode::<SystemProductSearch>(&serde_json::to_vec(&body).unwrap()).unwrap();
    assert_eq!(decoded.value.system_products.len(), records.len());
    assert_eq!(decoded.rejected.len(), 1);
    let rejected = &decoded.rejected[0];
    assert_eq!((rejected.index, rejected.path.as_str()), (records.len(), "$.system_products"));
    assert_eq!(rejected.errors[0].path, format!("$.system_products[{}].variants[0].price", records.len()));
    assert_eq!(serde_json::from_str::<Value>(&rejected.raw).unwrap(), broken);
}
