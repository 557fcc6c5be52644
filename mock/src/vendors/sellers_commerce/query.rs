//! OData on the mock's lists: `$filter` parsed by the core's checker
//! (`commerce_kit::vendors::sellers_commerce::odata`) and evaluated for what a dashboard
//! accepts: comparisons (`eq ne gt ge lt le`) of fields, literals and function results,
//! combined with `and`, `or`, `not` and parentheses, and every function the checker
//! accepts (`substringof`, `startswith`, `endswith`, `contains`, `tolower`, `toupper`),
//! so that what the client's builder sends the mock answers, and what it refuses the
//! mock refuses too. Dates compare as the ISO 8601 text they are, so the document's
//! `OrderPlacedDate gt datetime'2016-01-01'` works; a text function of null is null,
//! and a condition on it false (`not` of it true: two-valued, unlike SQL's `UNKNOWN`). `$orderby Field [asc|desc], ...` sorts (nulls first, as SQL
//! Server does).
//!
//! A field the listed type does not declare is a 400, as OData answers "Could not find
//! a property named ..."; lists of free-form objects accept any field (absent is null).

use std::cmp::Ordering;

use commerce_kit::schema::Schema;
use commerce_kit::vendors::sellers_commerce::odata::{self, CompareOp, Direction, Expr, Function, Literal};
use serde_json::Value;

/// Why a query cannot be answered: the message of a 400, naming the option.
pub(crate) type QueryError = String;

/// `records` filtered by `$filter` and sorted by `$orderby` (both optional). `item`
/// is the schema of one record, for the field-name check.
pub(crate) fn apply(records: Vec<Value>, filter: Option<&str>, orderby: Option<&str>, item: &'static Schema) -> Result<Vec<Value>, QueryError> {
    let fields = declared_fields(item);
    let mut records = records;
    if let Some(filter) = filter.filter(|f| !f.trim().is_empty()) {
        let expr = odata::parse_filter(filter).map_err(|e| format!("$filter: {e}"))?;
        check_members(&expr, &fields).map_err(|e| format!("$filter: {e}"))?;
        let mut kept = Vec::with_capacity(records.len());
        for record in records {
            if matches(&expr, &record)? {
                kept.push(record);
            }
        }
        records = kept;
    }
    if let Some(orderby) = orderby.filter(|o| !o.trim().is_empty()) {
        let keys = odata::parse_orderby(orderby).map_err(|e| format!("$orderby: {e}"))?;
        for (path, _) in &keys {
            check_path(path, &fields).map_err(|e| format!("$orderby: {e}"))?;
        }
        records.sort_by(|a, b| {
            keys.iter()
                .map(|(path, direction)| {
                    let order = compare_for_sort(lookup(a, path), lookup(b, path));
                    if *direction == Direction::Desc {
                        order.reverse()
                    } else {
                        order
                    }
                })
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        });
    }
    Ok(records)
}

/// The wire names of the record type's fields; `None` for a free-form record.
fn declared_fields(item: &'static Schema) -> Option<Vec<&'static str>> {
    match item {
        Schema::Object(object) => Some(object.fields.iter().map(|f| f.wire).collect()),
        Schema::Nullable(inner) => declared_fields(inner),
        _ => None,
    }
}

fn check_path(path: &[String], fields: &Option<Vec<&'static str>>) -> Result<(), String> {
    match fields {
        Some(fields) if !fields.contains(&path[0].as_str()) => Err(format!("Could not find a property named '{}' on the listed type", path[0])),
        // Nested paths only into free-form data (no declared type here has nested objects
        // a dashboard would filter on).
        Some(_) if path.len() > 1 => Err(format!("the mock does not filter on nested paths ('{}')", path.join("/"))),
        _ => Ok(()),
    }
}

fn check_members(expr: &Expr, fields: &Option<Vec<&'static str>>) -> Result<(), String> {
    match expr {
        Expr::Or(a, b) | Expr::And(a, b) | Expr::Compare(a, _, b) => check_members(a, fields).and_then(|()| check_members(b, fields)),
        Expr::Not(a) => check_members(a, fields),
        Expr::Call(_, args) => args.iter().try_for_each(|a| check_members(a, fields)),
        Expr::Member(path) => check_path(path, fields),
        Expr::Literal(_) => Ok(()),
    }
}

fn lookup<'a>(record: &'a Value, path: &[String]) -> &'a Value {
    path.iter().try_fold(record, |v, key| v.get(key)).unwrap_or(&Value::Null)
}

fn matches(expr: &Expr, record: &Value) -> Result<bool, QueryError> {
    Ok(match expr {
        Expr::Or(a, b) => matches(a, record)? || matches(b, record)?,
        Expr::And(a, b) => matches(a, record)? && matches(b, record)?,
        Expr::Not(a) => !matches(a, record)?,
        Expr::Member(path) => match lookup(record, path) {
            Value::Bool(b) => *b,
            Value::Null => false,
            _ => return Err(format!("$filter: '{}' is not a boolean field", path.join("/"))),
        },
        Expr::Literal(Literal::Boolean(b)) => *b,
        Expr::Compare(left, op, right) => compare(&operand(left, record)?, *op, &operand(right, record)?, left, right)?,
        // A boolean function; of a null field, false.
        Expr::Call(..) => match operand(expr, record)? {
            Value::Bool(b) => b,
            Value::Null => false,
            _ => return Err(format!("$filter: {} is not a condition", describe(expr))),
        },
        Expr::Literal(_) => return Err("$filter: a literal is not a condition".into()),
    })
}

/// The value of an operand: a field's, a literal's (dates and GUIDs as their text), a
/// function's, or a condition's truth.
fn operand(expr: &Expr, record: &Value) -> Result<Value, QueryError> {
    Ok(match expr {
        Expr::Member(path) => lookup(record, path).clone(),
        Expr::Literal(literal) => match literal {
            Literal::String(s) | Literal::DateTime(s) | Literal::DateTimeOffset(s) | Literal::Guid(s) => Value::String(s.clone()),
            Literal::Integer(i) => Value::from(*i),
            Literal::Decimal(d) => Value::from(*d),
            Literal::Boolean(b) => Value::Bool(*b),
            Literal::Null => Value::Null,
        },
        Expr::Call(function, args) => {
            let values = args.iter().map(|a| operand(a, record)).collect::<Result<Vec<_>, _>>()?;
            call(*function, &values).map_err(|problem| format!("$filter: {}(): {problem}", function.name()))?
        }
        Expr::Or(..) | Expr::And(..) | Expr::Not(..) | Expr::Compare(..) => Value::Bool(matches(expr, record)?),
    })
}

/// A function of the checker's list on evaluated arguments: text in, text or a truth
/// out; null in, null out.
fn call(function: Function, args: &[Value]) -> Result<Value, String> {
    let texts: Vec<Option<&str>> = args
        .iter()
        .map(|a| match a {
            Value::String(s) => Ok(Some(s.as_str())),
            Value::Null => Ok(None),
            other => Err(format!("takes text, got {other}")),
        })
        .collect::<Result<_, _>>()?;
    let (one, two) = match texts.as_slice() {
        [Some(a)] => (*a, ""),
        [Some(a), Some(b)] => (*a, *b),
        [_] | [_, _] => return Ok(Value::Null),
        _ => return Err(format!("takes 1 or 2 arguments, got {}", args.len())),
    };
    Ok(match function {
        Function::Tolower => Value::String(one.to_lowercase()),
        Function::Toupper => Value::String(one.to_uppercase()),
        Function::Startswith => Value::Bool(one.starts_with(two)),
        Function::Endswith => Value::Bool(one.ends_with(two)),
        Function::Contains => Value::Bool(one.contains(two)),
        // Needle first.
        Function::Substringof => Value::Bool(two.contains(one)),
    })
}

/// An operand, for messages: `'OrderStatusId'`, `'nine'`, `tolower()`.
fn describe(expr: &Expr) -> String {
    match expr {
        Expr::Member(path) => format!("'{}'", path.join("/")),
        Expr::Literal(literal) => literal.to_string(),
        Expr::Call(function, _) => format!("{}()", function.name()),
        _ => "a condition".into(),
    }
}

fn compare(left: &Value, op: CompareOp, right: &Value, left_expr: &Expr, right_expr: &Expr) -> Result<bool, QueryError> {
    let ordering = match (left, right) {
        (Value::Null, Value::Null) => Some(Ordering::Equal),
        // null against a value: only `ne` holds (SQL's three-valued logic, as OData on SQL Server).
        (Value::Null, _) | (_, Value::Null) => return Ok(op == CompareOp::Ne),
        (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
        (Value::Number(a), Value::Number(b)) => a.as_f64().and_then(|a| b.as_f64().and_then(|b| a.partial_cmp(&b))),
        (Value::Bool(a), Value::Bool(b)) => Some(a.cmp(b)),
        _ => {
            return Err(format!(
                "$filter: {} cannot be compared with {} (a binary operator with incompatible types)",
                describe(left_expr),
                describe(right_expr)
            ));
        }
    };
    let Some(ordering) = ordering else { return Ok(op == CompareOp::Ne) };
    Ok(match op {
        CompareOp::Eq => ordering.is_eq(),
        CompareOp::Ne => ordering.is_ne(),
        CompareOp::Gt => ordering.is_gt(),
        CompareOp::Ge => ordering.is_ge(),
        CompareOp::Lt => ordering.is_lt(),
        CompareOp::Le => ordering.is_le(),
    })
}

fn compare_for_sort(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        (Value::Number(x), Value::Number(y)) => x.as_f64().partial_cmp(&y.as_f64()).unwrap_or(Ordering::Equal),
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        _ => a.to_string().cmp(&b.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use commerce_kit::schema::Wire;
    use commerce_kit::vendors::sellers_commerce::order::SellersOrder;
    use serde_json::json;

    use super::*;

    fn orders() -> Vec<Value> {
        vec![
            json!({"OrderNumber": "SC1", "OrderStatusId": 9, "OrderPlacedDate": "2016-03-14T10:22:05+00:00"}),
            json!({"OrderNumber": "SC2", "OrderStatusId": 3, "OrderPlacedDate": "2016-07-01T15:00:00+00:00"}),
            json!({"OrderNumber": "SC3", "OrderStatusId": 9}),
        ]
    }

    fn numbers(filter: Option<&str>, orderby: Option<&str>) -> Result<Vec<String>, String> {
        apply(orders(), filter, orderby, SellersOrder::SCHEMA).map(|r| r.iter().map(|o| o["OrderNumber"].as_str().unwrap().to_string()).collect())
    }

    #[test]
    fn filters_and_orders() {
        assert_eq!(numbers(Some("OrderStatusId eq 9"), None).unwrap(), ["SC1", "SC3"]);
        assert_eq!(numbers(Some("OrderPlacedDate gt datetime'2016-01-01' and OrderPlacedDate lt datetime'2016-06-01'"), None).unwrap(), ["SC1"]);
        assert_eq!(numbers(Some("not (OrderStatusId eq 9) or OrderNumber eq 'SC3'"), Some("OrderNumber desc")).unwrap(), ["SC3", "SC2"]);
        assert_eq!(numbers(Some("OrderPlacedDate eq null"), None).unwrap(), ["SC3"]);
        assert_eq!(numbers(Some("3 lt OrderStatusId"), None).unwrap(), ["SC1", "SC3"]);
        assert_eq!(numbers(None, Some("OrderPlacedDate desc, OrderNumber")).unwrap(), ["SC2", "SC1", "SC3"]);
    }

    #[test]
    fn functions_and_field_comparisons_evaluate() {
        assert_eq!(numbers(Some("startswith(OrderNumber, 'SC')"), None).unwrap(), ["SC1", "SC2", "SC3"]);
        assert_eq!(numbers(Some("endswith(OrderNumber, '2') or substringof('3', OrderNumber)"), None).unwrap(), ["SC2", "SC3"]);
        assert_eq!(numbers(Some("contains(tolower(OrderNumber), 'sc1') eq true"), None).unwrap(), ["SC1"]);
        // SC3 has no date: the condition on it is false, its `not` true.
        assert_eq!(numbers(Some("toupper(tolower(OrderNumber)) eq OrderNumber and not startswith(OrderPlacedDate, '2016-07')"), None).unwrap(), ["SC1", "SC3"]);
        assert_eq!(numbers(Some("OrderPlacedDate gt CreatedDate"), None).unwrap(), Vec::<String>::new(), "null compares with nothing");
        assert!(numbers(Some("startswith(OrderStatusId, '9')"), None).unwrap_err().contains("startswith(): takes text, got 9"));
    }

    #[test]
    fn refusals_name_the_option() {
        assert!(numbers(Some("OrderStatusId = 9"), None).unwrap_err().starts_with("$filter: does not parse at character 15"));
        assert_eq!(numbers(Some("Status eq 'Shipped'"), None).unwrap_err(), "$filter: Could not find a property named 'Status' on the listed type");
        assert!(numbers(Some("OrderStatusId eq 'nine'"), None).unwrap_err().contains("incompatible types"));
        assert_eq!(numbers(None, Some("Nope")).unwrap_err(), "$orderby: Could not find a property named 'Nope' on the listed type");
    }

    /// The deepest tree the core's limits let through (a chain of `and` as long as
    /// `MAX_FILTER_LENGTH` allows) is checked and evaluated without trouble.
    #[test]
    fn the_longest_filter_evaluates() {
        let chain = vec!["OrderStatusId eq 9"; odata::MAX_FILTER_LENGTH / 23].join(" and ");
        assert_eq!(numbers(Some(&chain), None).unwrap(), ["SC1", "SC3"]);
        let chain = vec!["not OrderStatusId eq 3"; odata::MAX_FILTER_LENGTH / 27].join(" or ");
        assert_eq!(numbers(Some(&chain), None).unwrap(), ["SC1", "SC3"]);
    }

    #[test]
    fn free_form_records_take_any_field() {
        let out = apply(vec![json!({"Name": "b"}), json!({"Name": "a"}), json!({})], Some("Name ne 'b'"), Some("Name"), &Schema::Any).unwrap();
        assert_eq!(out, [json!({}), json!({"Name": "a"})]);
    }
}
