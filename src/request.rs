//! Requests describe; transports send.
//!
//! A builder checks what the vendor documents as required or typed and returns a
//! [`Request`]: plain data (method, path, query, body). It never performs I/O, so the
//! same builder serves the browser transport, the native client and the tests.

use std::fmt;

use serde::Serialize;

use crate::catalogue::{Endpoint, Method, ParamKind};
use crate::schema::Wire;

/// One problem with a request, naming the field by path (`items[2].quantity`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct FieldError {
    /// The field's path in the request, e.g. `items[2].quantity`.
    pub field: String,
    /// What is wrong, e.g. `must be at least 1`.
    pub message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Collects field errors while a builder checks its input, so that every problem is
/// reported at once rather than the first one only.
#[derive(Debug, Default)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self::default()
    }
    /// Records a problem with `field`.
    pub fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError { field: field.into(), message: message.into() });
    }
    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// `ok` when nothing was recorded, otherwise every recorded error.
    pub fn into_result<T>(self, ok: T) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(ok)
        } else {
            Err(self.0)
        }
    }
}

/// A request ready for a transport: the vendor path with parameters filled in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Request {
    /// The catalogue id, `s2.get_inventory_overview`.
    pub operation: &'static str,
    /// The operation's HTTP method.
    pub method: Method,
    /// The vendor's path, parameters filled and percent-encoded: `/api/order/get/SO%2F1`.
    pub path: String,
    /// Query parameters in declaration order, not yet encoded.
    pub query: Vec<(String, String)>,
    /// The JSON (or form-encoded) body, if the operation takes one.
    pub body: Option<String>,
    /// The body's media type, when there is a body.
    pub content_type: Option<&'static str>,
}

impl Request {
    /// Starts a request for `endpoint`, checking and filling its path parameters.
    pub fn builder(endpoint: &'static Endpoint) -> RequestBuilder {
        RequestBuilder { endpoint, path_values: Vec::new(), query: Vec::new(), body: None, errors: FieldErrors::new() }
    }

    /// `path?query`, percent-encoded: what goes after a vendor's base URL.
    pub fn path_and_query(&self) -> String {
        let mut out = self.path.clone();
        for (i, (name, value)) in self.query.iter().enumerate() {
            out.push(if i == 0 { '?' } else { '&' });
            out.push_str(&percent_encode(name));
            out.push('=');
            out.push_str(&percent_encode(value));
        }
        out
    }
}

/// Fills an operation's path template and query from checked values: [`Request::builder`].
pub struct RequestBuilder {
    endpoint: &'static Endpoint,
    path_values: Vec<(&'static str, String)>,
    query: Vec<(String, String)>,
    body: Option<(String, &'static str)>,
    errors: FieldErrors,
}

impl RequestBuilder {
    /// Fills the path segment `{name}`; an empty value is reported as missing by `build()`.
    pub fn path_param(mut self, name: &'static str, value: &str) -> Self {
        match self.endpoint.path_param(name) {
            None => self.errors.push(name, "is not a path parameter of this operation"),
            Some(_) if value.trim().is_empty() => self.errors.push(name, "is required and must not be empty"),
            Some(param) => {
                if let Err(message) = check_kind(param.kind, value) {
                    self.errors.push(name, message);
                }
                self.path_values.push((param.name, value.to_string()));
            }
        }
        self
    }

    /// Adds a query parameter if `value` is `Some`. Lists are joined with commas.
    pub fn query(mut self, name: &'static str, value: Option<&str>) -> Self {
        let Some(param) = self.endpoint.query_param(name) else {
            self.errors.push(name, "is not a query parameter of this operation");
            return self;
        };
        if let Some(value) = value {
            if let Err(message) = check_kind(param.kind, value) {
                self.errors.push(name, message);
            }
            self.query.push((name.to_string(), value.to_string()));
        }
        self
    }

    /// A list parameter, sent as one comma-separated value; an empty list sends nothing.
    pub fn query_list(self, name: &'static str, values: &[String]) -> Self {
        if values.is_empty() {
            return self.query(name, None);
        }
        let joined = values.join(",");
        self.query(name, Some(&joined))
    }

    /// Sets a JSON body; the caller has already checked its fields.
    ///
    /// Not encoded when field errors are already known: the request will not be built,
    /// and a body refused for its depth would overflow the stack being encoded.
    pub fn json<T: Serialize + Wire>(mut self, body: &T) -> Self {
        if !self.errors.0.is_empty() {
            return self;
        }
        match serde_json::to_string(body) {
            Ok(json) => self.body = Some((json, "application/json")),
            Err(e) => self.errors.push("body", format!("cannot be encoded as JSON: {e}")),
        }
        self
    }

    /// Merges the field errors a body's own checks found.
    pub fn field_errors(mut self, errors: Vec<FieldError>) -> Self {
        self.errors.0.extend(errors);
        self
    }

    /// The request, or every problem found (a required parameter missing, a value of the wrong kind).
    pub fn build(mut self) -> Result<Request, Vec<FieldError>> {
        let endpoint = self.endpoint;
        for param in endpoint.query.iter().filter(|p| p.required) {
            if !self.query.iter().any(|(n, _)| n == param.name) {
                self.errors.push(param.name, "is required");
            }
        }
        let mut path = String::new();
        for segment in endpoint.segments() {
            path.push('/');
            match segment {
                crate::catalogue::TemplateSegment::Literal(l) => path.push_str(l),
                crate::catalogue::TemplateSegment::Param(name) => match self.path_values.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => path.push_str(&percent_encode(v)),
                    None if self.errors.0.iter().any(|e| e.field == name) => {}
                    None => self.errors.push(name, "is required"),
                },
            }
        }
        let (body, content_type) = match self.body {
            Some((b, ct)) => (Some(b), Some(ct)),
            None => (None, None),
        };
        self.errors.into_result(Request { operation: endpoint.id, method: endpoint.method, path, query: self.query, body, content_type })
    }
}

fn check_kind(kind: ParamKind, value: &str) -> Result<(), String> {
    match kind {
        ParamKind::Integer if value.parse::<i64>().is_err() => Err(format!("expected an integer, got {value:?}")),
        ParamKind::Boolean if value != "true" && value != "false" => Err(format!("expected true or false, got {value:?}")),
        ParamKind::List if value.split(',').any(|v| v.trim().is_empty()) => Err("list items must not be empty".to_string()),
        _ => Ok(()),
    }
}

/// A transport's default limit for one call, in milliseconds. Longer than the proxy's
/// whole-request limit (90 s), which is longer than its limit for a vendor's answer
/// (30 s): each layer gives up after the one below it, so the caller sees the error of the
/// layer that really timed out (`upstream_timeout`, `proxy_timeout`) rather than its own.
pub const DEFAULT_TIMEOUT_MS: u32 = 100_000;

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
    }
    out
}

/// A typed operation: its catalogue entry, its response type and how to build it.
pub trait Operation {
    /// The operation's catalogue entry.
    const ENDPOINT: &'static Endpoint;
    /// What a successful response decodes to.
    type Response: Wire + serde::de::DeserializeOwned;
    /// The request, or every problem with the parameters, each naming its field.
    fn build(&self) -> Result<Request, Vec<FieldError>>;
}

/// A request parameter read from the JSON tree of a JS argument, field by field.
///
/// Why not serde: every `Deserialize` type instantiates serde_json's whole struct
/// visitor (several KB of WebAssembly each, for some fifty parameter structs), while
/// these impls are generic only over the few field types. The argument has already
/// passed the validator against the type's `Wire` schema (types, required fields,
/// unknown keys), so reading it can only fail where the schema cannot tell, such as
/// an integer beyond `i64`.
pub trait FromArgument: Sized {
    /// Reads `value`, naming `field` (its path in the argument) in an error.
    fn from_argument(value: serde_json::Value, field: &str) -> Result<Self, FieldError>;
}

fn argument_error(field: &str, expected: &str) -> FieldError {
    FieldError { field: if field.is_empty() { "body".into() } else { field.into() }, message: format!("expected {expected}") }
}

impl FromArgument for String {
    fn from_argument(value: serde_json::Value, field: &str) -> Result<Self, FieldError> {
        match value {
            serde_json::Value::String(text) => Ok(text),
            _ => Err(argument_error(field, "a string")),
        }
    }
}

impl FromArgument for i64 {
    fn from_argument(value: serde_json::Value, field: &str) -> Result<Self, FieldError> {
        value.as_i64().ok_or_else(|| argument_error(field, "an integer between -2^63 and 2^63-1"))
    }
}

impl FromArgument for f64 {
    fn from_argument(value: serde_json::Value, field: &str) -> Result<Self, FieldError> {
        value.as_f64().ok_or_else(|| argument_error(field, "a number"))
    }
}

impl FromArgument for bool {
    fn from_argument(value: serde_json::Value, field: &str) -> Result<Self, FieldError> {
        value.as_bool().ok_or_else(|| argument_error(field, "true or false"))
    }
}

/// `null` or absent is `None`, as with `#[serde(default)]`.
impl<T: FromArgument> FromArgument for Option<T> {
    fn from_argument(value: serde_json::Value, field: &str) -> Result<Self, FieldError> {
        match value {
            serde_json::Value::Null => Ok(None),
            value => T::from_argument(value, field).map(Some),
        }
    }
}

impl<T: FromArgument> FromArgument for Vec<T> {
    fn from_argument(value: serde_json::Value, field: &str) -> Result<Self, FieldError> {
        match value {
            serde_json::Value::Array(items) => {
                items.into_iter().enumerate().map(|(i, item)| T::from_argument(item, &format!("{field}[{i}]"))).collect()
            }
            _ => Err(argument_error(field, "an array")),
        }
    }
}

/// The fields of an object argument, taken one by one by generated `FromArgument` impls.
pub struct ArgumentObject {
    fields: serde_json::Map<String, serde_json::Value>,
    path: String,
}

impl ArgumentObject {
    /// The object `value` at `field` (`""` for the argument itself).
    pub fn new(value: serde_json::Value, field: &str) -> Result<Self, FieldError> {
        match value {
            serde_json::Value::Object(fields) => Ok(Self { fields, path: field.to_string() }),
            // An absent optional argument (`undefined`, `null`) is an empty object.
            serde_json::Value::Null => Ok(Self { fields: serde_json::Map::new(), path: field.to_string() }),
            _ => Err(argument_error(field, "an object")),
        }
    }

    /// The field spelled `wire` on the wire; absent reads as `null`.
    pub fn take<T: FromArgument>(&mut self, wire: &str) -> Result<T, FieldError> {
        let value = self.fields.remove(wire).unwrap_or(serde_json::Value::Null);
        T::from_argument(value, &self.path_of(wire))
    }

    /// The field spelled `wire`, or `default()` when it is absent (`#[serde(default)]`).
    pub fn take_or<T: FromArgument>(&mut self, wire: &str, default: impl FnOnce() -> T) -> Result<T, FieldError> {
        match self.fields.remove(wire) {
            Some(value) => T::from_argument(value, &self.path_of(wire)),
            None => Ok(default()),
        }
    }

    /// The field spelled `wire`, read by one of the [`loose`] readers (a field serde
    /// reads by `deserialize_with` a `crate::loose` function); absent, `default()` if
    /// given, else the reader reads `null`.
    pub fn take_with<T>(&mut self, wire: &str, read: fn(serde_json::Value) -> Result<T, String>, default: Option<impl FnOnce() -> T>) -> Result<T, FieldError> {
        let value = match (self.fields.remove(wire), default) {
            (Some(value), _) => value,
            (None, Some(default)) => return Ok(default()),
            (None, None) => serde_json::Value::Null,
        };
        read(value).map_err(|message| FieldError { field: self.path_of(wire), message })
    }

    fn path_of(&self, wire: &str) -> String {
        if self.path.is_empty() {
            wire.to_string()
        } else {
            format!("{}.{wire}", self.path)
        }
    }
}

impl FromArgument for u32 {
    fn from_argument(value: serde_json::Value, field: &str) -> Result<Self, FieldError> {
        value.as_u64().and_then(|n| u32::try_from(n).ok()).ok_or_else(|| argument_error(field, "an integer between 0 and 4294967295"))
    }
}

/// An open JSON body (Sellers Commerce's, Stock2Shop's order), checked by the builder.
impl FromArgument for serde_json::Value {
    fn from_argument(value: serde_json::Value, _field: &str) -> Result<Self, FieldError> {
        Ok(value)
    }
}

/// How a generated operation reads one parameter from its JS argument and sends it: the
/// data from which [`ArgumentOperation::build`] does, for every such operation, what its
/// `FromArgument` impl and `Operation::build` do together.
///
/// Why data rather than code: the package called each operation's own `from_argument`
/// and `build`, one monomorphised copy per operation (about 1-2 KB of WebAssembly each,
/// for the 16 such operations, most of them alike). One loop over a table row per
/// parameter is the same work (bench/README.md, "Build profile and size"); a generated
/// test checks that both give the same request or the same errors.
#[derive(Debug)]
pub struct ArgumentParam {
    /// Its key in the JS argument (camelCase).
    pub js: &'static str,
    /// Its name on the wire (the path segment or query key).
    pub wire: &'static str,
    /// What it holds.
    pub kind: ArgumentKind,
    /// Without it the request is not built.
    pub required: bool,
    /// A path segment rather than a query parameter (lists are always query).
    pub in_path: bool,
    /// A check of its (non-blank) text before sending: the OData parsers.
    pub check: Option<fn(&mut FieldErrors, &str, &str)>,
}

/// The value kinds of [`ArgumentParam`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgumentKind {
    /// Text; blank text is not sent.
    Text,
    /// An `i64`.
    Integer,
    /// `true` or `false`.
    Boolean,
    /// A list of text, sent comma-separated.
    TextList,
    /// A list of `i64`, sent comma-separated.
    IntegerList,
}

/// A generated operation whose JS argument is an object of parameters, as data.
#[derive(Debug)]
pub struct ArgumentOperation {
    /// Its catalogue entry.
    pub endpoint: &'static Endpoint,
    /// The shape the argument is validated against first (the parameter struct's).
    pub schema: &'static crate::schema::Schema,
    /// Its parameters, in the order the typed builder fills them.
    pub params: &'static [ArgumentParam],
    /// Query parameters always sent with this value.
    pub fixed: &'static [(&'static str, &'static str)],
}

impl ArgumentOperation {
    /// The request from the argument's JSON tree (already validated against `schema`):
    /// what `from_argument` then `build` of the operation's parameter struct return.
    pub fn build(&self, value: serde_json::Value) -> Result<Request, Vec<FieldError>> {
        let mut object = ArgumentObject::new(value, "").map_err(|e| vec![e])?;
        // Read every field first, as `from_argument` does: its first error is the answer.
        let mut texts: Vec<Option<String>> = Vec::with_capacity(self.params.len());
        let mut lists: Vec<Option<Vec<String>>> = Vec::with_capacity(self.params.len());
        for param in self.params {
            let (text, list) = read_param(&mut object, param).map_err(|e| vec![e])?;
            texts.push(text);
            lists.push(list);
        }
        let sent = |param: &ArgumentParam, text: &Option<String>| -> Option<String> {
            // Blank text is not sent (a blank required one is then reported missing).
            text.clone().filter(|v| param.kind != ArgumentKind::Text || !v.trim().is_empty())
        };
        let mut checks = FieldErrors::new();
        for (param, text) in self.params.iter().zip(&texts) {
            if let (Some(check), Some(value)) = (param.check, sent(param, text)) {
                check(&mut checks, param.wire, &value);
            }
        }
        let mut builder = Request::builder(self.endpoint);
        for ((param, text), list) in self.params.iter().zip(&texts).zip(&lists) {
            builder = match param.kind {
                ArgumentKind::TextList | ArgumentKind::IntegerList => builder.query_list(param.wire, list.as_deref().unwrap_or_default()),
                _ if param.in_path => builder.path_param(param.wire, sent(param, text).as_deref().unwrap_or("")),
                _ => builder.query(param.wire, sent(param, text).as_deref()),
            };
        }
        for (wire, value) in self.fixed {
            builder = builder.query(wire, Some(value));
        }
        if !checks.is_empty() {
            builder = builder.field_errors(crate::vendors::checks::into_vec(checks));
        }
        builder.build()
    }
}

/// One parameter read as its typed field would be: text (numbers and booleans as the
/// typed builder writes them) or a list.
fn read_param(object: &mut ArgumentObject, param: &ArgumentParam) -> Result<(Option<String>, Option<Vec<String>>), FieldError> {
    let key = param.js;
    let to_text = |n: i64| n.to_string();
    Ok(match (param.kind, param.required) {
        (ArgumentKind::Text, true) => (Some(object.take::<String>(key)?), None),
        (ArgumentKind::Text, false) => (object.take::<Option<String>>(key)?, None),
        (ArgumentKind::Integer, true) => (Some(to_text(object.take::<i64>(key)?)), None),
        (ArgumentKind::Integer, false) => (object.take::<Option<i64>>(key)?.map(to_text), None),
        (ArgumentKind::Boolean, true) => (Some(object.take::<bool>(key)?.to_string()), None),
        (ArgumentKind::Boolean, false) => (object.take::<Option<bool>>(key)?.map(|b| b.to_string()), None),
        (ArgumentKind::TextList, true) => (None, Some(object.take::<Vec<String>>(key)?)),
        (ArgumentKind::TextList, false) => (None, object.take::<Option<Vec<String>>>(key)?),
        (ArgumentKind::IntegerList, true) => (None, Some(object.take::<Vec<i64>>(key)?.into_iter().map(to_text).collect())),
        (ArgumentKind::IntegerList, false) => (None, object.take::<Option<Vec<i64>>>(key)?.map(|l| l.into_iter().map(to_text).collect())),
    })
}

/// Arguments that exercise every path of [`ArgumentOperation::build`] for `operation`:
/// every parameter set, then each one in turn absent, `null`, blank, of another type,
/// out of range or malformed. For the generated test that compares it with the typed
/// builder.
#[doc(hidden)]
pub fn argument_samples(operation: &ArgumentOperation) -> Vec<serde_json::Value> {
    use serde_json::json;
    let good = |kind: ArgumentKind| match kind {
        ArgumentKind::Text => json!("A-1 b/c"),
        ArgumentKind::Integer => json!(7),
        ArgumentKind::Boolean => json!(true),
        ArgumentKind::TextList => json!(["a", "b c"]),
        ArgumentKind::IntegerList => json!([1, 2]),
    };
    let odd = [
        json!(null),
        json!(""),
        json!("   "),
        json!("Status eq 'Shipped'"),
        json!("Name asc, Id desc"),
        json!("eq eq ("),
        json!(-3),
        json!(0),
        json!(1e20),
        json!(2.5),
        json!(false),
        json!([]),
        json!(["", "b"]),
        json!(["a", 3]),
        json!([9_223_372_036_854_775_807i64, -1]),
        json!({"x": 1}),
    ];
    let all: serde_json::Map<String, serde_json::Value> = operation.params.iter().map(|p| (p.js.to_string(), good(p.kind))).collect();
    let mut samples = vec![serde_json::Value::Object(all.clone()), json!({}), json!(null), json!(3)];
    for param in operation.params {
        let mut without = all.clone();
        without.remove(param.js);
        samples.push(serde_json::Value::Object(without));
        for value in &odd {
            let mut changed = all.clone();
            changed.insert(param.js.to_string(), value.clone());
            samples.push(serde_json::Value::Object(changed));
        }
    }
    samples
}

/// The loose readers of [`crate::loose`] over a JS argument's JSON tree, for the fields
/// `#[derive(Wire)]` reads with `#[serde(deserialize_with = "crate::loose::...")]`: the
/// same values and the same error text (a test compares both on every kind of value),
/// without serde. Going through serde's `Deserializer` for `Value` links serde's
/// `Unexpected` message, whose `Float` arm keeps core's float printer (flt2dec, ~20 KB
/// of WebAssembly) in the package.
pub mod loose {
    use serde_json::Value;

    /// serde_json's "invalid type/value: <what>, expected <expected>", `<what>` as
    /// serde_json's `Value` deserialiser names the value.
    fn refused(invalid: &str, value: &Value, expected: &str) -> String {
        let what = match value {
            Value::Null => "null".to_string(),
            Value::Bool(b) => format!("boolean `{b}`"),
            Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
            Value::Number(n) => format!("integer `{n}`"),
            Value::String(s) => format!("string {s:?}"),
            Value::Array(_) => "sequence".to_string(),
            Value::Object(_) => "map".to_string(),
        };
        format!("invalid {invalid}: {what}, expected {expected}")
    }

    const INTEGER: &str = "an integer or an integer as a string";
    const NUMBER: &str = "a number or a number as a string";
    const BOOLEAN: &str = "a boolean, \"true\"/\"false\" or 1/0";

    /// `crate::loose::integer`.
    pub fn integer(value: Value) -> Result<i64, String> {
        read_integer(&value, INTEGER)
    }

    /// `crate::loose::number`.
    pub fn number(value: Value) -> Result<f64, String> {
        read_number(&value, NUMBER)
    }

    /// `crate::loose::boolean`.
    pub fn boolean(value: Value) -> Result<bool, String> {
        read_boolean(&value, BOOLEAN)
    }

    /// `crate::loose::option_integer`.
    pub fn option_integer(value: Value) -> Result<Option<i64>, String> {
        optional(value, INTEGER, read_integer)
    }

    /// `crate::loose::option_number`.
    pub fn option_number(value: Value) -> Result<Option<f64>, String> {
        optional(value, NUMBER, read_number)
    }

    /// `crate::loose::option_boolean`.
    pub fn option_boolean(value: Value) -> Result<Option<bool>, String> {
        optional(value, BOOLEAN, read_boolean)
    }

    /// `crate::loose::text`: a string, `null` read as `""`.
    pub fn text(value: Value) -> Result<String, String> {
        match value {
            Value::Null => Ok(String::new()),
            Value::String(s) => Ok(s),
            other => Err(refused("type", &other, "a string")),
        }
    }

    /// `null` is `None`; a scalar is read as the plain reader reads it (serde's
    /// `OptionVisitor` hands scalars to the plain visitor, messages included); an array or
    /// an object is refused expecting "..., or null" (the option visitor's own default).
    fn optional<T>(value: Value, expected: &str, read: fn(&Value, &str) -> Result<T, String>) -> Result<Option<T>, String> {
        match value {
            Value::Null => Ok(None),
            Value::Array(_) | Value::Object(_) => Err(refused("type", &value, &format!("{expected}, or null"))),
            value => read(&value, expected).map(Some),
        }
    }

    fn read_integer(value: &Value, expected: &str) -> Result<i64, String> {
        match value {
            Value::Number(n) if n.is_f64() => Err(refused("type", value, expected)),
            Value::Number(n) => n.as_i64().ok_or_else(|| refused("value", value, expected)),
            Value::String(s) => s.parse().map_err(|_| refused("value", value, expected)),
            _ => Err(refused("type", value, expected)),
        }
    }

    fn read_number(value: &Value, expected: &str) -> Result<f64, String> {
        match value {
            // An integer as `as f64` converts it, a float as it is.
            Value::Number(n) => Ok(match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => u as f64,
                (None, Some(i)) => i as f64,
                (None, None) => n.as_f64().unwrap_or_default(),
            }),
            Value::String(s) => {
                let n = (!s.is_empty() && s.trim() == s).then(|| s.parse::<f64>().ok()).flatten();
                n.filter(|n| n.is_finite()).ok_or_else(|| refused("value", value, expected))
            }
            _ => Err(refused("type", value, expected)),
        }
    }

    fn read_boolean(value: &Value, expected: &str) -> Result<bool, String> {
        match value {
            Value::Bool(b) => Ok(*b),
            Value::Number(n) if n.is_f64() => Err(refused("type", value, expected)),
            Value::Number(n) => match n.as_u64() {
                Some(0) => Ok(false),
                Some(1) => Ok(true),
                _ => Err(refused("value", value, expected)),
            },
            Value::String(s) => match s.as_str() {
                "true" | "1" => Ok(true),
                "false" | "0" => Ok(false),
                _ => Err(refused("value", value, expected)),
            },
            _ => Err(refused("type", value, expected)),
        }
    }
}

#[cfg(test)]
mod argument_tests {
    use serde_json::json;

    use super::{ArgumentObject, FieldError, FromArgument};

    #[test]
    fn the_loose_argument_readers_read_and_refuse_as_the_serde_readers_do() {
        let values = json!([
            null, true, false, 0, 1, 2, -1, -5, 1.5, 1.0, -0.0, 1e300, 2.5e-8, u64::MAX, i64::MIN, 9007199254740993u64,
            "5", " 5", "5 ", "-7", "+5", "007", "1.5", "1e3", "", "true", "false", "1", "0", "abc", "NaN", "inf", "1e400", "-0", "١", "\"q\"\n",
            [1], [], {"a": 1}, {}
        ]);
        fn same<T: PartialEq + std::fmt::Debug>(
            name: &str,
            ours: fn(serde_json::Value) -> Result<T, String>,
            serde: fn(serde_json::Value) -> Result<T, serde_json::Error>,
            values: &serde_json::Value,
        ) {
            for value in values.as_array().unwrap() {
                let theirs = serde(value.clone()).map_err(|e| e.to_string());
                assert_eq!(ours(value.clone()), theirs, "{name}({value})");
            }
        }
        same("integer", super::loose::integer, crate::loose::integer, &values);
        same("number", super::loose::number, crate::loose::number, &values);
        same("boolean", super::loose::boolean, crate::loose::boolean, &values);
        same("option_integer", super::loose::option_integer, crate::loose::option_integer, &values);
        same("option_number", super::loose::option_number, crate::loose::option_number, &values);
        same("option_boolean", super::loose::option_boolean, crate::loose::option_boolean, &values);
        same("text", super::loose::text, crate::loose::text, &values);
    }

    #[test]
    fn fields_are_read_by_their_wire_names_and_absent_or_null_optionals_are_none() {
        let mut object = ArgumentObject::new(json!({"warehouseId": "w1", "skuList": null, "limit": 5}), "").unwrap();
        assert_eq!(object.take::<String>("warehouseId").unwrap(), "w1");
        assert_eq!(object.take::<Option<Vec<String>>>("skuList").unwrap(), None);
        assert_eq!(object.take::<Option<u32>>("limit").unwrap(), Some(5));
        assert_eq!(object.take::<Option<bool>>("absent").unwrap(), None);
    }

    #[test]
    fn an_absent_argument_is_an_empty_object_and_a_scalar_is_refused() {
        assert!(ArgumentObject::new(serde_json::Value::Null, "").is_ok());
        let error = ArgumentObject::new(json!(3), "").err().unwrap();
        assert_eq!(error, FieldError { field: "body".into(), message: "expected an object".into() });
    }

    #[test]
    fn what_the_schema_cannot_tell_is_reported_at_its_path() {
        let mut object = ArgumentObject::new(json!({"ids": [1, 2, 1e300], "limit": 5_000_000_000u64}), "").unwrap();
        let error = object.take::<Vec<i64>>("ids").unwrap_err();
        assert_eq!(error.field, "ids[2]");
        assert_eq!(object.take::<Option<u32>>("limit").unwrap_err().field, "limit");
        let mut nested = ArgumentObject::new(json!({"n": "x"}), "params").unwrap();
        assert_eq!(nested.take::<i64>("n").unwrap_err(), FieldError { field: "params.n".into(), message: "expected an integer between -2^63 and 2^63-1".into() });
    }

    /// A body read field by field is the body serde reads from the same JSON.
    fn reads_as_serde_does<T: FromArgument + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(value: serde_json::Value) {
        let by_serde: T = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(T::from_argument(value, "").unwrap(), by_serde);
    }

    #[cfg(feature = "s2")]
    #[test]
    fn the_s2_create_body_reads_as_serde_reads_it() {
        use crate::vendors::s2::fulfillment::S2NewFulfillmentOrder;
        let address = json!({"name": "A", "company": null, "address1": "1 Rd", "address2": "", "city": "C", "state": "S",
            "postalCode": "1", "countryId": "CA", "phone": "", "email": ""});
        reads_as_serde_does::<S2NewFulfillmentOrder>(json!({"address": address, "shippingMethod": "standard",
            "items": [{"productId": "p1", "quantity": 2}], "shipments": [], "attachments": []}));
        reads_as_serde_does::<S2NewFulfillmentOrder>(json!({"orderId": "o", "address": address, "warehouseId": "w", "channelFulfillmentId": null,
            "orderType": 1, "method": 2, "signatureRequired": true, "additionalReferenceIds": ["r"], "shippingMethod": "x",
            "items": [{"productId": "p1", "quantity": 2}],
            "shipments": [{"items": [{"productId": "p1", "quantity": 2}], "prepaidLabels": [{"filePath": "l.pdf"}], "trackingNumber": "t"}],
            "attachments": [{"fileName": "a.jpg", "path": "/a"}], "customerNote": "n"}));
        let error = S2NewFulfillmentOrder::from_argument(json!({"address": address, "shippingMethod": "", "items": [], "shipments": [], "attachments": [], "orderType": 7}), "");
        assert_eq!(error.unwrap_err(), FieldError { field: "orderType".into(), message: "expected 0 (B2C), 1 (B2B) or 2 (FBA)".into() });
    }

    #[cfg(feature = "s2-partner")]
    #[test]
    fn the_s2_partner_create_bodies_read_as_serde_reads_them() {
        use crate::vendors::s2_partner::fulfillment::NewPartnerFulfillment;
        use crate::vendors::s2_partner::purchase_order::NewPartnerPurchaseOrder;
        reads_as_serde_does::<NewPartnerFulfillment>(json!({ "address1": "a", "address2": null, "city": "c", "country_id": "AU",
            "fulfillment_warehouse_id": "w", "items": [ { "quantity": 1, "sku": "s" } ], "name": "n", "zip": "z" }));
        reads_as_serde_does::<NewPartnerPurchaseOrder>(json!({ "eta": "2022-09-30T21:10:19.904Z", "from_supplier_id": 0,
            "items": [ { "quantity": 3, "sku": "s" } ], "remarks": "r", "to_warehouse_id": "w" }));
    }

    #[cfg(feature = "stock2shop")]
    #[test]
    fn the_stock2shop_bodies_read_as_serde_reads_them_loose_values_too() {
        use crate::vendors::stock2shop::images::QueueImagesBody;
        use crate::vendors::stock2shop::products::QueueProductsBody;
        use crate::vendors::stock2shop::search::EsSearch;
        reads_as_serde_does::<QueueProductsBody>(json!({"system_products": [{
            "source": {"source_id": "123", "product_active": "true", "source_product_code": "ABC", "sync_token": "0", "fetch_token": "0"},
            "product": {"title": "Example", "tags": null, "options": [{"name": "Size", "position": "1"}], "meta": [{"key": "k", "value": "v"}],
                "variants": {"source_variant_code": "ABC", "sku": "ABC", "price": 101.5, "qty": 9, "inventory_management": "1",
                    "price_tiers": [{"tier": "t", "price": "10.00"}], "qty_availability": [{"description": "d", "qty": "4"}]}}}]}));
        reads_as_serde_does::<QueueImagesBody>(json!({"system_images": [{
            "source": {"source_id": "57", "source_product_code": "keyboard"},
            "image": {"image_id": "a", "action": "I", "image": "iVBORw0KGgo="}}]}));
        reads_as_serde_does::<EsSearch>(json!({}));
        reads_as_serde_does::<EsSearch>(json!({"query": {"bool": {"filter": [{"range": {"modified": {"gt": "2021-08-27"}}}],
            "must": [{"term": {"sku": "A"}}], "minimum_should_match": 1}}, "size": "5", "from": 0, "sort": {"modified": {"order": "desc"}}, "aggs": null}));
    }

    #[cfg(feature = "s2-partner")]
    #[test]
    fn a_generated_parameter_struct_reads_its_camel_case_fields() {
        use crate::vendors::s2_partner::GetInventorySupply;
        let read = GetInventorySupply::from_argument(json!({"warehouseId": "system_69", "skuList": ["a", "b"]}), "").unwrap();
        assert_eq!(read, GetInventorySupply::new("system_69").sku_list(["a".to_string(), "b".to_string()]));
        assert_eq!(GetInventorySupply::from_argument(json!({"warehouseId": "w"}), "").unwrap(), GetInventorySupply::new("w"));
    }

    #[cfg(feature = "sellers-commerce")]
    #[test]
    fn a_generated_parameter_struct_reads_fields_the_vendor_spells_otherwise_by_our_name() {
        use crate::vendors::sellers_commerce::ProductGetAllProductSkus;
        let read = ProductGetAllProductSkus::from_argument(json!({"top": 10, "scProductId": 7, "productCode": "SC-1"}), "").unwrap();
        assert_eq!(read, ProductGetAllProductSkus::new().top(10).sc_product_id(7).product_code("SC-1"));
    }
}
