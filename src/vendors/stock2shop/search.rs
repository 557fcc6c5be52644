//! The Elasticsearch bool queries of `POST /v1/products/elastic_search` and
//! `POST /v1/orders/elastic_search`, and the search envelope both answer with.
//!
//! The document says only "json elastic search boolean query" and shows two: a `range`
//! filter on `modified` with `size`, `from` and `sort`, and a `multi_match` under `must`.
//! [`EsSearch`] types the documented shape: `query.bool` with `must`, `filter`, `should`
//! and `must_not` lists of clauses, `size`, `from`, `sort` and `aggs`.
//!
//! A clause ([`EsClause`]) is `{"<kind>": <body>}`. Elasticsearch has dozens of kinds, so
//! a clause holds its JSON (`serde_json::Value`): any kind can be sent, and the kinds a
//! dashboard needs have constructors ([`EsClause::term`], [`EsClause::terms`],
//! [`EsClause::matching`], [`EsClause::range`], [`EsClause::multi_match`],
//! [`EsClause::bool`]) whose bodies [`EsSearch::check`] verifies (one field per `term`,
//! bounds in a `range`...). Unknown kinds pass unchecked. `sort` and `aggs` are JSON too:
//! their shapes are Elasticsearch's, not Stock2Shop's.
//!
//! Stock2Shop adds its own filters (`{"term": {"client_id": 21}}`, for products
//! `{"term": {"active": true}}`) and echoes the query it ran under `request.body`, with
//! `size` sometimes as a string (`"size": "10"`): `size` is loose.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use tsify::Tsify;

use crate::request::{FieldError, FieldErrors, FromArgument};
use crate::schema::{Schema, Wire};
use crate::validate::{nests_deeper_than, MAX_JSON_DEPTH};
use crate::vendors::checks;

#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const ES_TS: &str = r#"
/** A value Elasticsearch compares a field with. */
export type EsScalar = string | number | boolean;
export type EsSortOrder = "asc" | "desc";
/** `{"modified": {"order": "desc"}}` (the documented shape), or Elasticsearch's array form. */
export type EsSort =
    | Record<string, EsSortOrder | { order?: EsSortOrder; unmapped_type?: string; [option: string]: unknown }>
    | Array<string | Record<string, unknown>>;
/** The bounds of a `range` clause: at least one of `gt`, `gte`, `lt`, `lte`. */
export interface EsRange {
    gt?: EsScalar;
    gte?: EsScalar;
    lt?: EsScalar;
    lte?: EsScalar;
    format?: string;
    time_zone?: string;
    boost?: number;
}
/**
 * One clause of a bool query, `{ "<kind>": body }`. The kinds below are checked before
 * sending; any other Elasticsearch kind may be sent as it is (last member).
 */
export type EsClause =
    | { term: Record<string, EsScalar | { value: EsScalar; boost?: number }> }
    | { terms: Record<string, EsScalar[]> }
    | { match: Record<string, EsScalar | { query: EsScalar; operator?: "or" | "and"; [option: string]: unknown }> }
    | { range: Record<string, EsRange> }
    | { multi_match: { query: EsScalar; fields?: string[]; operator?: "or" | "and"; type?: string; [option: string]: unknown } }
    | { bool: EsBoolQuery }
    | { [kind: string]: unknown };
"#;

/// An Elasticsearch search body: `{"query": {"bool": {...}}, "size", "from", "sort", "aggs"}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[wire(argument)]
pub struct EsSearch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<EsQuery>,
    /// How many hits (Elasticsearch's default is 10). Loose: Stock2Shop's own example
    /// sends `"size": "10"`, and the query it echoes keeps that spelling.
    #[wire(loose)]
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::loose::option_integer")]
    pub size: Option<i64>,
    /// How many hits to skip (paging: `from` + `size` at most 10 000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<i64>,
    /// e.g. `{"modified": {"order": "desc"}}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "EsSort")]
    pub sort: Option<Value>,
    /// Elasticsearch aggregations (Stock2Shop echoes `{}` when there are none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Record<string, unknown>")]
    pub aggs: Option<Value>,
}

/// `{"bool": {...}}`: the documented queries are bool queries.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[wire(argument)]
pub struct EsQuery {
    pub bool: EsBoolQuery,
}

/// The four clause lists of a bool query. An empty list is not sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify, Wire)]
#[wire(argument)]
pub struct EsBoolQuery {
    /// Clauses that must match, and count towards the score.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[tsify(type = "EsClause[]")]
    pub must: Vec<EsClause>,
    /// Clauses that must match, without scoring (the usual place for exact filters).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[tsify(type = "EsClause[]")]
    pub filter: Vec<EsClause>,
    /// Clauses that should match; with `must` or `filter` present they only score,
    /// unless `minimum_should_match` says otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[tsify(type = "EsClause[]")]
    pub should: Vec<EsClause>,
    /// Clauses that must not match.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[tsify(type = "EsClause[]")]
    pub must_not: Vec<EsClause>,
    /// How many `should` clauses must match: a count (`1`) or a percentage (`"75%"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "number | string")]
    pub minimum_should_match: Option<Value>,
}

/// One clause: `{"<kind>": <body>}`, kept as JSON so that every Elasticsearch kind can be
/// sent. See the module documentation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EsClause(Value);

/// Free-form for the validator: which kinds and bodies are fine is [`EsSearch::check`]'s
/// business, with messages naming the clause by path.
impl Wire for EsClause {
    const SCHEMA: &'static Schema = &Schema::Any;
}

/// Any JSON, as `#[serde(transparent)]` reads it; `check` looks at it when building.
impl crate::request::FromArgument for EsClause {
    fn from_argument(value: Value, _field: &str) -> Result<Self, crate::request::FieldError> {
        Ok(EsClause(value))
    }
}

/// Bounds of a `range` clause. Values are JSON: dates (`"2021-08-27 08:23:04"`, the
/// seed's format) or numbers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EsRange {
    pub gt: Option<Value>,
    pub gte: Option<Value>,
    pub lt: Option<Value>,
    pub lte: Option<Value>,
}

impl EsRange {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn gt(mut self, v: impl Into<Value>) -> Self {
        self.gt = Some(v.into());
        self
    }
    pub fn gte(mut self, v: impl Into<Value>) -> Self {
        self.gte = Some(v.into());
        self
    }
    pub fn lt(mut self, v: impl Into<Value>) -> Self {
        self.lt = Some(v.into());
        self
    }
    pub fn lte(mut self, v: impl Into<Value>) -> Self {
        self.lte = Some(v.into());
        self
    }
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    Asc,
    Desc,
}

/// Keys a `range` field may carry; at least one of the first four.
const RANGE_KEYS: [&str; 8] = ["gt", "gte", "lt", "lte", "format", "time_zone", "boost", "relation"];

/// Elasticsearch's default `index.max_result_window`: `from + size` may not exceed it.
pub const MAX_RESULT_WINDOW: i64 = 10_000;

/// The deepest nesting of bool queries [`EsSearch::check`] accepts, `query.bool` being
/// the first: Elasticsearch's own default (`indices.query.bool.max_nested_depth`, 20),
/// which it sets because deep bool queries overflow its stack, as they would the
/// checker's (it recurses once per level).
pub const MAX_ES_BOOL_DEPTH: usize = 20;

/// The most clauses [`EsSearch::check`] accepts, counted over every bool query of the
/// search: Elasticsearch 7's `indices.query.bool.max_clause_count` (1024; version 8
/// computes its limit and never goes below 1024), so a search past it would be refused
/// by the server anyway; it also bounds the checker's work.
pub const MAX_ES_CLAUSES: usize = 1024;

/// JSON nesting of a clause (or `sort`, `aggs`) past which the search could not be
/// parsed by a serde_json-based reader: [`MAX_JSON_DEPTH`] for the whole body, less the
/// levels above the clause (`{"query": {"bool": {"filter": [` is four).
const CLAUSE_JSON_DEPTH: usize = MAX_JSON_DEPTH - 4;

impl EsClause {
    /// `{"term": {field: value}}`: the field is exactly `value` (`client_id` = 21).
    pub fn term(field: &str, value: impl Into<Value>) -> Self {
        EsClause(json!({ "term": { field: value.into() } }))
    }

    /// `{"terms": {field: [values]}}`: the field is one of `values`.
    pub fn terms<V: Into<Value>>(field: &str, values: impl IntoIterator<Item = V>) -> Self {
        let values: Vec<Value> = values.into_iter().map(Into::into).collect();
        EsClause(json!({ "terms": { field: values } }))
    }

    /// `{"match": {field: text}}`: full-text match on one field.
    pub fn matching(field: &str, text: impl Into<Value>) -> Self {
        EsClause(json!({ "match": { field: text.into() } }))
    }

    /// `{"range": {field: {gt, gte, lt, lte}}}`.
    pub fn range(field: &str, range: EsRange) -> Self {
        let mut bounds = Map::new();
        for (key, value) in [("gt", range.gt), ("gte", range.gte), ("lt", range.lt), ("lte", range.lte)] {
            if let Some(value) = value {
                bounds.insert(key.into(), value);
            }
        }
        EsClause(json!({ "range": { field: bounds } }))
    }

    /// `{"multi_match": {"fields": [...], "query": text, "operator": "or"}}`, as in the
    /// seed's order search.
    pub fn multi_match<F: Into<String>>(fields: impl IntoIterator<Item = F>, text: &str) -> Self {
        let fields: Vec<String> = fields.into_iter().map(Into::into).collect();
        EsClause(json!({ "multi_match": { "fields": fields, "query": text, "operator": "or" } }))
    }

    /// `{"bool": {...}}`: a nested bool query (an "or" of filters, say).
    pub fn bool(query: EsBoolQuery) -> Self {
        EsClause(json!({ "bool": query }))
    }

    /// Any clause, as JSON: `{"exists": {"field": "barcode"}}`.
    pub fn from_json(value: Value) -> Self {
        EsClause(value)
    }

    pub fn as_json(&self) -> &Value {
        &self.0
    }

    /// The clause kind (`"term"`) and its body, if the clause is a one-key object.
    pub fn kind(&self) -> Option<(&str, &Value)> {
        match self.0.as_object() {
            Some(map) if map.len() == 1 => map.iter().next().map(|(k, v)| (k.as_str(), v)),
            _ => None,
        }
    }

    /// For the one-field kinds (`term`, `terms`, `match`, `range`): the kind, the field
    /// and its value, as [`EsSearch::check`] accepts them.
    pub fn field(&self) -> Option<(&str, &str, &Value)> {
        let (kind, body) = self.kind()?;
        let (field, value) = single_field(body)?;
        Some((kind, field, value))
    }

    /// `depth`: the level of the bool query holding the clause; `clauses`: the clauses
    /// counted so far over the whole search.
    fn check(&self, errors: &mut FieldErrors, at: &str, depth: usize, clauses: &mut usize) {
        let Some((kind, body)) = self.kind() else {
            errors.push(at, "must be an object with exactly one clause kind, e.g. {\"term\": {\"source_id\": 57}}");
            return;
        };
        let at = format!("{at}.{kind}");
        match kind {
            "term" | "match" => {
                let wrapped = if kind == "term" { "value" } else { "query" };
                match single_field(body) {
                    Some((_, value)) if is_scalar(value) || value.get(wrapped).is_some_and(is_scalar) => {}
                    Some((field, _)) => errors.push(format!("{at}.{field}"), format!("must be a string, number or boolean (or {{\"{wrapped}\": ...}})")),
                    None => errors.push(at, "must name exactly one field, e.g. {\"sku\": \"CD003\"}"),
                }
            }
            "terms" => match single_field(body) {
                Some((_, Value::Array(values))) if !values.is_empty() && values.iter().all(is_scalar) => {}
                Some((field, _)) => errors.push(format!("{at}.{field}"), "must be a non-empty array of strings, numbers or booleans"),
                None => errors.push(at, "must name exactly one field, e.g. {\"status\": [\"ordered\", \"processing\"]}"),
            },
            "range" => match single_field(body) {
                Some((field, Value::Object(bounds))) => {
                    let at = format!("{at}.{field}");
                    if let Some(key) = bounds.keys().find(|k| !RANGE_KEYS.contains(&k.as_str())) {
                        errors.push(format!("{at}.{key}"), "is not a range option (gt, gte, lt, lte, format, time_zone, boost, relation)");
                    } else if !["gt", "gte", "lt", "lte"].iter().any(|k| bounds.contains_key(*k)) {
                        errors.push(at, "needs at least one bound: gt, gte, lt or lte");
                    }
                }
                Some((field, _)) => errors.push(format!("{at}.{field}"), "must be an object of bounds, e.g. {\"gt\": \"2021-08-27 08:23:04\"}"),
                None => errors.push(at, "must name exactly one field, e.g. {\"modified\": {\"gt\": \"2021-08-27 08:23:04\"}}"),
            },
            "multi_match" if !body.get("query").is_some_and(is_scalar) => {
                errors.push(format!("{at}.query"), "is required: the text to search for");
            }
            "bool" if depth == MAX_ES_BOOL_DEPTH => {
                errors.push(at, format!("nests deeper than {MAX_ES_BOOL_DEPTH} bool queries (Elasticsearch's indices.query.bool.max_nested_depth)"));
            }
            // Read as a JS argument's bool query is (`FromArgument`), not by serde: any serde
            // deserialisation error in the package links core's float printer (serde's
            // `Unexpected::Float` message). `null` is not an empty bool query here.
            "bool" if !body.is_object() => errors.push(at, "must be a bool query: expected an object"),
            "bool" => match EsBoolQuery::from_argument(body.clone(), &at) {
                Ok(nested) => nested.check_into(errors, &at, depth + 1, clauses),
                Err(e) => errors.push(e.field, format!("must be a bool query: {}", e.message)),
            },
            // Any other kind is Elasticsearch's business.
            _ => {}
        }
    }
}

fn single_field(body: &Value) -> Option<(&str, &Value)> {
    match body.as_object() {
        Some(map) if map.len() == 1 => map.iter().next().map(|(k, v)| (k.as_str(), v)),
        _ => None,
    }
}

fn is_scalar(value: &Value) -> bool {
    matches!(value, Value::String(_) | Value::Number(_) | Value::Bool(_))
}

impl EsBoolQuery {
    fn lists(&self) -> [(&'static str, &Vec<EsClause>); 4] {
        [("must", &self.must), ("filter", &self.filter), ("should", &self.should), ("must_not", &self.must_not)]
    }

    /// Checks the clauses of a bool query at `depth` (`query.bool` is 1); stops counting
    /// and checking past [`MAX_ES_CLAUSES`] (the caller reports it).
    fn check_into(&self, errors: &mut FieldErrors, at: &str, depth: usize, clauses: &mut usize) {
        for (list, listed) in self.lists() {
            for (i, clause) in listed.iter().enumerate() {
                *clauses += 1;
                if *clauses > MAX_ES_CLAUSES {
                    return;
                }
                clause.check(errors, &format!("{at}.{list}[{i}]"), depth, clauses);
            }
        }
        if let Some(m) = &self.minimum_should_match {
            let ok = m.as_i64().is_some() || m.as_str().is_some_and(|s| !s.trim().is_empty());
            if !ok {
                errors.push(format!("{at}.minimum_should_match"), "must be a count (1) or a percentage (\"75%\")");
            }
        }
    }
}

impl EsSearch {
    /// A search for everything (Elasticsearch's first 10 hits).
    pub fn new() -> Self {
        Self::default()
    }

    fn bool_query(&mut self) -> &mut EsBoolQuery {
        &mut self.query.get_or_insert_with(EsQuery::default).bool
    }

    /// Adds a clause to `query.bool.must`.
    pub fn must(mut self, clause: EsClause) -> Self {
        self.bool_query().must.push(clause);
        self
    }

    /// Adds a clause to `query.bool.filter`.
    pub fn filter(mut self, clause: EsClause) -> Self {
        self.bool_query().filter.push(clause);
        self
    }

    /// Adds a clause to `query.bool.should`.
    pub fn should(mut self, clause: EsClause) -> Self {
        self.bool_query().should.push(clause);
        self
    }

    /// Adds a clause to `query.bool.must_not`.
    pub fn must_not(mut self, clause: EsClause) -> Self {
        self.bool_query().must_not.push(clause);
        self
    }

    pub fn size(mut self, size: i64) -> Self {
        self.size = Some(size);
        self
    }

    pub fn from(mut self, from: i64) -> Self {
        self.from = Some(from);
        self
    }

    /// `"sort": {field: {"order": "asc" | "desc"}}`, the documented shape. Replaces any
    /// earlier sort; set [`EsSearch::sort`] to JSON for several keys.
    pub fn sort_by(mut self, field: &str, order: SortOrder) -> Self {
        let order = match order {
            SortOrder::Asc => "asc",
            SortOrder::Desc => "desc",
        };
        self.sort = Some(json!({ field: { "order": order } }));
        self
    }

    /// Every problem with the search: a negative `size` or `from`, a window
    /// (`from + size`) beyond 10 000 hits, and clauses of the checked kinds with the
    /// wrong shape, each named by path (`query.bool.filter[0].range.modified`).
    ///
    /// Also refused, naming the limit: a clause nested deeper than [`MAX_JSON_DEPTH`]
    /// levels of JSON, bool queries nested deeper than [`MAX_ES_BOOL_DEPTH`], more than
    /// [`MAX_ES_CLAUSES`] clauses. A search refused for its depth is not walked further
    /// (nor encoded by the builders: both would recurse once per level).
    pub fn check(&self) -> Vec<FieldError> {
        let mut errors = FieldErrors::new();
        let too_deep = format!("nests deeper than {MAX_JSON_DEPTH} levels of JSON");
        let mut deep = false;
        if let Some(query) = &self.query {
            for (list, listed) in query.bool.lists() {
                for (i, clause) in listed.iter().enumerate() {
                    if nests_deeper_than(&clause.0, CLAUSE_JSON_DEPTH) {
                        errors.push(format!("query.bool.{list}[{i}]"), too_deep.clone());
                        deep = true;
                    }
                }
            }
        }
        let minimum_should_match = self.query.as_ref().and_then(|q| q.bool.minimum_should_match.as_ref());
        for (field, value) in [("sort", self.sort.as_ref()), ("aggs", self.aggs.as_ref()), ("query.bool.minimum_should_match", minimum_should_match)] {
            // `sort` sits one level down, `minimum_should_match` three: 3 covers both.
            if value.is_some_and(|v| nests_deeper_than(v, MAX_JSON_DEPTH - 3)) {
                errors.push(field, too_deep.clone());
                deep = true;
            }
        }
        if deep {
            return checks::into_vec(errors);
        }
        if let Some(query) = &self.query {
            let mut clauses = 0;
            query.bool.check_into(&mut errors, "query.bool", 1, &mut clauses);
            if clauses > MAX_ES_CLAUSES {
                errors.push("query", format!("holds more than {MAX_ES_CLAUSES} clauses (Elasticsearch's indices.query.bool.max_clause_count)"));
            }
        }
        if let Some(size) = self.size.filter(|&s| s < 0) {
            errors.push("size", format!("must be 0 or more, got {size}"));
        }
        if let Some(from) = self.from.filter(|&f| f < 0) {
            errors.push("from", format!("must be 0 or more, got {from}"));
        }
        let window = self.from.unwrap_or(0).max(0).saturating_add(self.size.unwrap_or(10).max(0));
        if window > MAX_RESULT_WINDOW {
            errors.push("size", format!("from + size must be at most {MAX_RESULT_WINDOW} (Elasticsearch's result window), got {window}"));
        }
        if let Some(sort) = &self.sort {
            if !(sort.is_object() || sort.is_array() || sort.is_string()) {
                errors.push("sort", "must be an object ({\"modified\": {\"order\": \"desc\"}}), an array or a field name");
            }
        }
        if self.aggs.as_ref().is_some_and(|a| !a.is_object()) {
            errors.push("aggs", "must be an object");
        }
        checks::into_vec(errors)
    }
}

/// `_shards` of a search answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct EsShards {
    pub total: i64,
    pub successful: i64,
    pub skipped: i64,
    pub failed: i64,
}

/// `hits.total` as a number or as Elasticsearch 7's object.
const HITS_TOTAL: &Schema = &Schema::Counted(<EsTotalCount as Wire>::SCHEMA);

/// Elasticsearch 7's spelling of `hits.total`; only its schema is used (the field
/// decodes to the number).
#[derive(Deserialize, Wire)]
#[allow(dead_code)]
struct EsTotalCount {
    value: i64,
    /// `"eq"`, or `"gte"` when the count is a lower bound.
    relation: String,
}

/// `hits` of a search answer.
#[derive(Debug, Clone, PartialEq, Serialize, Tsify, Wire)]
pub struct EsHits {
    /// How many documents match (Elasticsearch caps the count at 10 000). A number in the
    /// seed; Elasticsearch 7 answers `{"value": 27, "relation": "eq"}` by default, which
    /// is accepted and normalised to the number (in Rust and in the browser, so the
    /// TypeScript type stays `number`), its relation kept in
    /// [`total_relation`](Self::total_relation).
    #[wire(schema = HITS_TOTAL)]
    pub total: i64,
    /// How exact [`total`](Self::total) is, from Elasticsearch 7's object: `"eq"` exact,
    /// `"gte"` a lower bound (a dashboard says "10,000+"). `None` when the answer spelt
    /// the count as a bare number, which is exact. Not a field of the wire: decoding sets
    /// it beside `total` (in Rust and in the browser).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub total_relation: Option<String>,
    /// Null when sorting by something other than the score.
    #[serde(default)]
    pub max_score: Option<f64>,
    #[wire(records)]
    pub hits: Vec<EsHit>,
}

impl<'de> Deserialize<'de> for EsHits {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// `hits.total` as either spelling.
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Total {
            Count(i64),
            Object { value: i64, relation: Option<String> },
        }
        /// The wire's `hits`.
        #[derive(Deserialize)]
        struct Spelt {
            total: Total,
            #[serde(default)]
            max_score: Option<f64>,
            hits: Vec<EsHit>,
        }
        let spelt = Spelt::deserialize(deserializer)?;
        let (total, total_relation) = match spelt.total {
            Total::Count(n) => (n, None),
            Total::Object { value, relation } => (value, relation),
        };
        Ok(EsHits { total, total_relation, max_score: spelt.max_score, hits: spelt.hits })
    }
}

/// One hit: where the document lives in Elasticsearch and its indexed copy. The live
/// record is in the answer's `system_products` / `system_orders`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct EsHit {
    /// e.g. `"products--------2020-09-02-08-31-08"`.
    #[serde(rename = "_index")]
    pub index: String,
    /// `"_doc"`; newer Elasticsearch versions leave it out.
    #[serde(rename = "_type", default, skip_serializing_if = "Option::is_none")]
    pub doc_type: Option<String>,
    /// The Stock2Shop id, as a string (`"62777"`).
    #[serde(rename = "_id")]
    pub id: String,
    /// Null when sorting by something other than the score.
    #[serde(rename = "_score", default)]
    pub score: Option<f64>,
    /// The indexed document (the seed shows `{}`).
    #[serde(rename = "_source")]
    #[tsify(type = "Record<string, unknown>")]
    pub source: Value,
    /// The sort values of this hit (`[1609835104000]`), when the search sorts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "unknown[]")]
    pub sort: Option<Vec<Value>>,
}

/// `request` of a search answer: the query Stock2Shop ran against Elasticsearch,
/// including the filters it adds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct EsRequestEcho {
    pub url: String,
    /// `"POST"`.
    pub method: String,
    pub body: EsSearch,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(errors: Vec<FieldError>) -> Vec<String> {
        errors.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn the_builder_writes_the_seed_query() {
        let search =
            EsSearch::new().filter(EsClause::range("modified", EsRange::new().gt("2021-08-27 08:23:04"))).size(1).from(0).sort_by("modified", SortOrder::Desc);
        assert_eq!(
            serde_json::to_value(&search).unwrap(),
            json!({
                "query": {"bool": {"filter": [{"range": {"modified": {"gt": "2021-08-27 08:23:04"}}}]}},
                "size": 1, "from": 0, "sort": {"modified": {"order": "desc"}}
            })
        );
        assert!(search.check().is_empty());
    }

    #[test]
    fn the_seed_queries_decode_check_and_round_trip() {
        let orders = r#"{"query": {"bool": {"must": [{"multi_match": {"fields": ["id.autocomplete", "channel_order_code"], "query": "abc", "operator": "or"}}], "must_not": [], "filter": []}}, "from": 0, "size": "10", "sort": {"_score": {"order": "desc"}}}"#;
        let search: EsSearch = serde_json::from_str(orders).unwrap();
        assert_eq!(search.size, Some(10));
        assert_eq!(search.query.as_ref().unwrap().bool.must[0].kind().unwrap().0, "multi_match");
        assert!(search.check().is_empty());
        let report = crate::validate(EsSearch::SCHEMA, orders.as_bytes());
        assert!(report.is_valid() && report.drift.is_empty(), "{report:?}");
        assert_eq!(report.loose.len(), 1);
    }

    #[test]
    fn unknown_kinds_are_sent_as_they_are() {
        let exists = EsClause::from_json(json!({"exists": {"field": "barcode"}}));
        let search = EsSearch::new().filter(exists.clone()).should(EsClause::bool(EsBoolQuery { must_not: vec![exists], ..Default::default() }));
        assert!(search.check().is_empty());
        let sent = serde_json::to_value(&search).unwrap();
        assert_eq!(sent["query"]["bool"]["filter"][0], json!({"exists": {"field": "barcode"}}));
        assert_eq!(sent["query"]["bool"]["should"][0], json!({"bool": {"must_not": [{"exists": {"field": "barcode"}}]}}));
    }

    #[test]
    fn malformed_clauses_are_named_by_path() {
        let search: EsSearch = serde_json::from_value(json!({
            "query": {"bool": {
                "filter": [
                    {"term": {"source_id": 57, "active": true}},
                    {"terms": {"status": []}},
                    {"range": {"modified": {"after": "2021"}}},
                    {"range": {"modified": {}}},
                    {"term": {"sku": ["CD003"]}},
                    {},
                    {"term": {"sku": "CD003"}, "match": {"title": "cd"}}
                ],
                "must": [{"match": {"title": {"query": "cd"}}}, {"multi_match": {"fields": ["title"]}}],
                "should": [{"bool": {"filter": [{"range": {"qty": 3}}]}}],
                "minimum_should_match": null
            }},
            "size": -1, "from": 9995, "aggs": []
        }))
        .unwrap();
        assert_eq!(
            messages(search.check()),
            vec![
                "query.bool.must[1].multi_match.query: is required: the text to search for",
                "query.bool.filter[0].term: must name exactly one field, e.g. {\"sku\": \"CD003\"}",
                "query.bool.filter[1].terms.status: must be a non-empty array of strings, numbers or booleans",
                "query.bool.filter[2].range.modified.after: is not a range option (gt, gte, lt, lte, format, time_zone, boost, relation)",
                "query.bool.filter[3].range.modified: needs at least one bound: gt, gte, lt or lte",
                "query.bool.filter[4].term.sku: must be a string, number or boolean (or {\"value\": ...})",
                "query.bool.filter[5]: must be an object with exactly one clause kind, e.g. {\"term\": {\"source_id\": 57}}",
                "query.bool.filter[6]: must be an object with exactly one clause kind, e.g. {\"term\": {\"source_id\": 57}}",
                "query.bool.should[0].bool.filter[0].range.qty: must be an object of bounds, e.g. {\"gt\": \"2021-08-27 08:23:04\"}",
                "size: must be 0 or more, got -1",
                "aggs: must be an object",
            ]
        );
        let too_far = EsSearch::new().from(9_990).size(20);
        assert_eq!(messages(too_far.check()), vec!["size: from + size must be at most 10000 (Elasticsearch's result window), got 10010"]);
    }

    #[test]
    fn a_malformed_nested_bool_is_named_by_path() {
        let search: EsSearch = serde_json::from_value(json!({"query": {"bool": {"should": [
            {"bool": "x"}, {"bool": {"must": "x"}}, {"bool": null}, {"bool": {"filter": [{"exists": {"field": "sku"}}], "minimum_should_match": null}}
        ]}}}))
        .unwrap();
        assert_eq!(
            messages(search.check()),
            [
                "query.bool.should[0].bool: must be a bool query: expected an object",
                "query.bool.should[1].bool.must: must be a bool query: expected an array",
                "query.bool.should[2].bool: must be a bool query: expected an object",
            ]
        );
    }

    /// A search whose filter is `depth` bool queries, one inside the other, around a
    /// term; built without recursion. Dropping it recurses (serde_json's `Value` has a
    /// recursive drop), so deep ones are leaked by the tests.
    fn nested_bools(depth: usize) -> EsSearch {
        let mut clause = json!({"term": {"sku": "CD003"}});
        // Maps by hand: `json!` would encode the inner value again at every level.
        let wrap = |key: &str, value: Value| Value::Object(Map::from_iter([(key.to_string(), value)]));
        for _ in 0..depth {
            clause = wrap("bool", wrap("must", Value::Array(vec![clause])));
        }
        EsSearch::new().filter(EsClause::from_json(clause))
    }

    #[test]
    fn ten_thousand_nested_bools_are_refused_naming_the_limit() {
        use crate::request::Operation;
        let operation = super::super::products::SearchProducts::new(nested_bools(10_000));
        let errors = messages(operation.search().check());
        assert_eq!(errors, ["query.bool.filter[0]: nests deeper than 127 levels of JSON"]);
        // The builder reports it too, without encoding the body (that would recurse).
        assert_eq!(messages(operation.build().unwrap_err()), errors);
        std::mem::forget(operation);
    }

    #[test]
    fn bool_depth_and_clause_count_stop_at_elasticsearchs_limits() {
        // query.bool is the first level: 19 nested bools make 20.
        assert!(nested_bools(MAX_ES_BOOL_DEPTH - 1).check().is_empty());
        let errors = messages(nested_bools(MAX_ES_BOOL_DEPTH).check());
        assert_eq!(errors.len(), 1, "{errors:?}");
        let at = format!("query.bool.filter[0].bool{}", ".must[0].bool".repeat(MAX_ES_BOOL_DEPTH - 1));
        assert_eq!(errors[0], format!("{at}: nests deeper than 20 bool queries (Elasticsearch's indices.query.bool.max_nested_depth)"));
        // Still within the JSON limit a few levels on, refused for the bool depth.
        assert_eq!(messages(nested_bools(40).check()).len(), 1);
        assert_eq!(messages(nested_bools(41).check()), ["query.bool.filter[0]: nests deeper than 127 levels of JSON"]);

        let many = |n: usize| (0..n).fold(EsSearch::new(), |s, i| s.should(EsClause::term("id", i as i64)));
        assert!(many(MAX_ES_CLAUSES).check().is_empty());
        assert_eq!(messages(many(MAX_ES_CLAUSES + 1).check()), ["query: holds more than 1024 clauses (Elasticsearch's indices.query.bool.max_clause_count)"]);
        // Nested clauses count too.
        let nested = EsSearch::new().filter(EsClause::bool(EsBoolQuery { should: many(MAX_ES_CLAUSES).query.unwrap().bool.should, ..Default::default() }));
        assert_eq!(messages(nested.check()).len(), 1);

        let sort = EsSearch { sort: Some(nested_bools(100).query.unwrap().bool.filter[0].0.clone()), ..EsSearch::new() };
        assert_eq!(messages(sort.check()), ["sort: nests deeper than 127 levels of JSON"]);
    }

    /// The wasm binding reads a search from JSON text with serde_json, whose recursion
    /// limit (128) refuses a deep body before any check sees it.
    #[test]
    fn serde_json_refuses_a_deep_search_before_the_checks() {
        let text =
            format!(r#"{{"query": {{"bool": {{"filter": [{}{{"term": {{"a": 1}}}}{}]}}}}}}"#, r#"{"bool": {"must": ["#.repeat(10_000), "]}}".repeat(10_000));
        let e = serde_json::from_str::<EsSearch>(&text).unwrap_err();
        assert!(e.to_string().starts_with("recursion limit exceeded"), "{e}");
    }

    #[test]
    fn clause_accessors_read_the_checked_kinds() {
        assert_eq!(EsClause::term("source_id", 57).field(), Some(("term", "source_id", &json!(57))));
        assert_eq!(EsClause::terms("status", ["ordered"]).field(), Some(("terms", "status", &json!(["ordered"]))));
        assert_eq!(EsClause::matching("title", "cd").field(), Some(("match", "title", &json!("cd"))));
        assert_eq!(EsClause::multi_match(["sku"], "x").field(), None);
    }
}
