//! The Elasticsearch-style product and order search: term/terms/match/multi_match/
//! range/exists/bool clauses, sort, `from`/`size` paging, over the live records.

use super::*;

/// The two searchable indexes.
#[derive(Clone, Copy)]
enum Index {
    Products,
    Orders,
}

/// `POST /v1/products/elastic_search`, `POST /v1/orders/elastic_search`: the query's
/// clauses applied to the live records, sorted, one page of `size` from `from`, in the
/// seed's envelope.
/// `POST /v1/products/elastic_search`.
pub(super) fn search_products(state: &MockState, call: &Call) -> Answer {
    search(state, call, Index::Products)
}

/// `POST /v1/orders/elastic_search`.
pub(super) fn search_orders(state: &MockState, call: &Call) -> Answer {
    search(state, call, Index::Orders)
}

fn search(state: &MockState, call: &Call, index: Index) -> Answer {
    let search: EsSearch = call.json_body().map_err(bad_request)?;
    let problems = search.check();
    if !problems.is_empty() {
        return Err(bad_request(problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")));
    }
    let started = Instant::now();
    let store = state.stock2shop.lock().unwrap();
    let records = match index {
        Index::Products => &store.products,
        Index::Orders => &store.orders,
    };
    let mut found = Vec::new();
    for record in records {
        let matched = match &search.query {
            Some(query) => bool_matches(record, &query.bool, "query.bool").map_err(bad_request)?,
            None => true,
        };
        if matched {
            found.push(record);
        }
    }
    let sort = sort_keys(search.sort.as_ref());
    if !sort.is_empty() {
        found.sort_by(|a, b| {
            sort.iter()
                .map(|(field, descending)| {
                    let order = compare_for_sort(first_value(a, field), first_value(b, field));
                    if *descending {
                        order.reverse()
                    } else {
                        order
                    }
                })
                .find(|o| o.is_ne())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    }
    let total = found.len();
    let from = usize::try_from(search.from.unwrap_or(0)).unwrap_or(0);
    let size = usize::try_from(search.size.unwrap_or(10)).unwrap_or(10);
    let page: Vec<&Value> = found.into_iter().skip(from).take(size).collect();
    let scored = sort.is_empty() || sort.iter().any(|(field, _)| field == "_score");
    let (name, list) = match index {
        Index::Products => ("products", "system_products"),
        Index::Orders => ("orders", "system_orders"),
    };
    let hits: Vec<Value> = page
        .iter()
        .map(|record| {
            let mut hit = json!({
                "_index": format!("{name}--------2020-09-02-08-31-08"),
                "_type": "_doc",
                "_id": record["id"].to_string(),
                "_score": if scored { json!(1.0) } else { Value::Null },
                "_source": {},
            });
            if !sort.is_empty() {
                hit["sort"] = sort.iter().map(|(field, _)| sort_value(first_value(record, field))).collect();
            }
            hit
        })
        .collect();
    let mut echoed = serde_json::to_value(&search).expect("a search serialises");
    if echoed.get("aggs").is_none() {
        echoed["aggs"] = json!({});
    }
    let took = i64::try_from(started.elapsed().as_millis()).unwrap_or(0);
    let answer = json!({
        "took": took,
        "timed_out": false,
        "_shards": {"total": 5, "successful": 5, "skipped": 0, "failed": 0},
        "hits": {"total": total, "max_score": if scored && total > 0 { json!(1.0) } else { Value::Null }, "hits": hits},
        "request": {"url": format!("https://elasticsearch.mock.stock2shop.invalid/{name}/_search"), "method": "POST", "body": echoed},
        list: page,
        "took_s2s": took + 1,
    });
    ok(&answer)
}

/// Whether `record` matches a bool query: every `must` and `filter` clause, no
/// `must_not` clause, and at least `minimum_should_match` of the `should` clauses (1 when
/// there is nothing else, 0 otherwise, as in Elasticsearch).
fn bool_matches(record: &Value, query: &EsBoolQuery, at: &str) -> Result<bool, String> {
    for (list, clauses) in [("must", &query.must), ("filter", &query.filter)] {
        for (i, clause) in clauses.iter().enumerate() {
            if !clause_matches(record, clause, &format!("{at}.{list}[{i}]"))? {
                return Ok(false);
            }
        }
    }
    for (i, clause) in query.must_not.iter().enumerate() {
        if clause_matches(record, clause, &format!("{at}.must_not[{i}]"))? {
            return Ok(false);
        }
    }
    if query.should.is_empty() {
        return Ok(true);
    }
    let default = usize::from(query.must.is_empty() && query.filter.is_empty());
    let needed = match &query.minimum_should_match {
        None => default,
        Some(Value::Number(n)) => usize::try_from(n.as_i64().unwrap_or(0)).unwrap_or(0),
        Some(Value::String(s)) => match s.trim().strip_suffix('%').and_then(|p| p.parse::<usize>().ok()) {
            Some(percent) => query.should.len() * percent / 100,
            None => s.trim().parse().unwrap_or(default),
        },
        Some(_) => default,
    };
    let mut matched = 0;
    for (i, clause) in query.should.iter().enumerate() {
        if clause_matches(record, clause, &format!("{at}.should[{i}]"))? {
            matched += 1;
        }
    }
    Ok(matched >= needed)
}

/// One clause against a record. The clause has passed `EsSearch::check`, so the checked
/// kinds have their documented shapes; kinds the mock does not model are a 400.
fn clause_matches(record: &Value, clause: &EsClause, at: &str) -> Result<bool, String> {
    let (kind, body) = clause.kind().ok_or_else(|| format!("{at}: not a clause"))?;
    Ok(match kind {
        "term" | "terms" | "match" | "range" => {
            let (_, field, wanted) = clause.field().ok_or_else(|| format!("{at}.{kind}: not a one-field clause"))?;
            let values = values_at(record, field);
            match kind {
                "term" => {
                    let wanted = wanted.get("value").unwrap_or(wanted);
                    values.iter().any(|v| same_scalar(v, wanted))
                }
                "terms" => wanted.as_array().is_some_and(|options| values.iter().any(|v| options.iter().any(|o| same_scalar(v, o)))),
                "match" => {
                    let (text, all) = match wanted.get("query") {
                        Some(query) => (query, wanted.get("operator").and_then(Value::as_str) == Some("and")),
                        None => (wanted, false),
                    };
                    text_matches(&values, &scalar_text(text).unwrap_or_default(), all)
                }
                _ => values.iter().any(|v| in_range(v, wanted)),
            }
        }
        "multi_match" => {
            let fields: Vec<&str> = body.get("fields").and_then(Value::as_array).map(|f| f.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
            let values: Vec<&Value> = if fields.is_empty() { leaf_values(record) } else { fields.iter().flat_map(|f| values_at(record, f)).collect() };
            let all = body.get("operator").and_then(Value::as_str) == Some("and");
            text_matches(&values, &body.get("query").and_then(scalar_text).unwrap_or_default(), all)
        }
        "exists" => {
            let field = body.get("field").and_then(Value::as_str).ok_or_else(|| format!("{at}.exists.field: is required"))?;
            values_at(record, field).iter().any(|v| !v.is_null())
        }
        "bool" => {
            let nested: EsBoolQuery = serde_json::from_value(body.clone()).map_err(|e| format!("{at}.bool: {e}"))?;
            bool_matches(record, &nested, &format!("{at}.bool"))?
        }
        other => return Err(format!("{at}: the mock does not model {other:?} clauses (term, terms, match, multi_match, range, exists, bool)")),
    })
}

/// The values at a dotted path (`variants.sku`), through arrays. A sub-field of a
/// multi-field (`id.autocomplete`) falls back to its field (`id`).
fn values_at<'a>(record: &'a Value, path: &str) -> Vec<&'a Value> {
    fn walk<'a>(value: &'a Value, segments: &[&str], out: &mut Vec<&'a Value>) {
        match (value, segments.split_first()) {
            (Value::Array(items), _) => items.iter().for_each(|item| walk(item, segments, out)),
            (_, None) => out.push(value),
            (Value::Object(map), Some((first, rest))) => {
                if let Some(next) = map.get(*first) {
                    walk(next, rest, out);
                }
            }
            _ => {}
        }
    }
    let segments: Vec<&str> = path.split('.').collect();
    let mut out = Vec::new();
    walk(record, &segments, &mut out);
    if out.is_empty() && segments.len() > 1 {
        walk(record, &segments[..segments.len() - 1], &mut out);
    }
    out
}

/// Every scalar of a record (a `multi_match` without `fields`).
fn leaf_values(record: &Value) -> Vec<&Value> {
    match record {
        Value::Object(map) => map.values().flat_map(leaf_values).collect(),
        Value::Array(items) => items.iter().flat_map(leaf_values).collect(),
        scalar => vec![scalar],
    }
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Equal as Elasticsearch would see a keyword or number: `"47"` is `47`, `"true"` is `true`.
fn same_scalar(a: &Value, b: &Value) -> bool {
    match (scalar_text(a), scalar_text(b)) {
        (Some(x), Some(y)) => match (x.parse::<f64>(), y.parse::<f64>()) {
            (Ok(m), Ok(n)) => m == n,
            _ => x == y,
        },
        _ => false,
    }
}

/// Full-text match, good enough for a dashboard's search box: each word of `text` is
/// looked for, case-insensitively, inside the field values; any word (or, with
/// `operator: "and"`, every word) must be found.
fn text_matches(values: &[&Value], text: &str, all: bool) -> bool {
    let haystacks: Vec<String> = values.iter().filter_map(|v| scalar_text(v)).map(|s| s.to_lowercase()).collect();
    let mut words = text.split_whitespace().map(str::to_lowercase).peekable();
    if words.peek().is_none() {
        return false;
    }
    let mut found = words.map(|w| haystacks.iter().any(|h| h.contains(&w)));
    if all {
        found.all(|f| f)
    } else {
        found.any(|f| f)
    }
}

/// Numbers compare as numbers, everything else as text (the seed's dates,
/// `"2021-01-05 08:25:04"`, sort as text).
fn compare_scalars(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    let (x, y) = (scalar_text(a)?, scalar_text(b)?);
    match (x.parse::<f64>(), y.parse::<f64>()) {
        (Ok(m), Ok(n)) => m.partial_cmp(&n),
        _ => Some(x.cmp(&y)),
    }
}

fn in_range(value: &Value, bounds: &Value) -> bool {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let check =
        |key: &str, allowed: &[std::cmp::Ordering]| bounds.get(key).is_none_or(|bound| compare_scalars(value, bound).is_some_and(|o| allowed.contains(&o)));
    check("gt", &[Greater]) && check("gte", &[Greater, Equal]) && check("lt", &[Less]) && check("lte", &[Less, Equal])
}

/// `sort` as (field, descending) pairs: `{"modified": {"order": "desc"}}`,
/// `{"modified": "desc"}`, `["title", {"id": "asc"}]`.
fn sort_keys(sort: Option<&Value>) -> Vec<(String, bool)> {
    let key = |field: &str, spec: &Value| {
        let order = spec.as_str().or_else(|| spec.get("order").and_then(Value::as_str));
        (field.to_string(), order.map_or(field == "_score", |o| o == "desc"))
    };
    let object_keys = |map: &serde_json::Map<String, Value>| map.iter().map(|(f, spec)| key(f, spec)).collect::<Vec<_>>();
    match sort {
        Some(Value::Object(map)) => object_keys(map),
        Some(Value::Array(items)) => items
            .iter()
            .flat_map(|item| match item {
                Value::String(field) => vec![key(field, &Value::Null)],
                Value::Object(map) => object_keys(map),
                _ => vec![],
            })
            .collect(),
        Some(Value::String(field)) => vec![key(field, &Value::Null)],
        _ => vec![],
    }
}

fn first_value<'a>(record: &'a Value, field: &str) -> Option<&'a Value> {
    if field == "_score" {
        return None;
    }
    values_at(record, field).into_iter().find(|v| !v.is_null())
}

/// Missing values sort last, whatever the order... as long as the order is ascending;
/// good enough.
fn compare_for_sort(a: Option<&Value>, b: Option<&Value>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(x), Some(y)) => compare_scalars(x, y).unwrap_or(std::cmp::Ordering::Equal),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

/// A hit's sort value as Elasticsearch reports it: a date as epoch milliseconds (the
/// seed's `1609835104000`), anything else as it is.
fn sort_value(value: Option<&Value>) -> Value {
    match value {
        Some(Value::String(s)) => epoch_millis(s).map_or_else(|| Value::String(s.clone()), Value::from),
        Some(other) => other.clone(),
        None => Value::Null,
    }
}

/// `"2021-01-05 08:25:04"` (UTC) as milliseconds since 1970.
pub(super) fn epoch_millis(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() != 19 || b[4] != b'-' || b[7] != b'-' || b[10] != b' ' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |from: usize, len: usize| text.get(from..from + len)?.parse::<i64>().ok();
    let (y, m, d) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (h, min, s) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 86_400) + h * 3600 + min * 60 + s) * 1000)
}
