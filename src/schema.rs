//! The JSON shape of every wire type, as static data.
//!
//! A wire type is declared once, as a Rust struct with serde attributes and
//! `#[derive(Wire)]`. The derive reads the same attributes serde reads (`rename_all`,
//! `rename`, `default`) and produces a [`Schema`] constant, so the validator, the
//! TypeScript declaration (tsify) and the Rust decoder can never disagree on a name.
//!
//! Schemas are `'static` graphs of constants: building one costs nothing at run time,
//! and the validator walks it while it scans the response bytes.

pub use commerce_kit_derive::Wire;

/// A type whose JSON shape is known.
pub trait Wire {
    /// The type's JSON shape.
    const SCHEMA: &'static Schema;
}

/// The shape of one JSON value.
#[derive(Debug)]
pub enum Schema {
    /// A JSON string.
    String,
    /// A JSON number without fraction or exponent, within ±(2^53−1): JavaScript reads
    /// every JSON number as a double, so a larger integer would reach the caller changed
    /// (2^53+1 as 2^53) and the validator refuses it naming the field. This holds for
    /// every integer field of every vendor: none of them documents ids or counts past
    /// 2^53 (S2, S2 Partner, Stock2Shop and Sellers Commerce ids are small database
    /// keys, and no fixture or example comes near); a vendor that did would have the
    /// field declared as a string instead.
    Integer,
    /// A JSON number that is finite as a double: `1e400` would become `Infinity` and is
    /// refused naming the field. Past 2^53 a number is rounded, as a double is.
    Number,
    /// `true` or `false`.
    Boolean,
    /// Documented as free-form: any JSON value is accepted and nothing is reported.
    Any,
    /// `null` or the inner shape.
    Nullable(&'static Schema),
    /// An array of values of one shape.
    Array(&'static Schema),
    /// An array of independent records (a page's `items`, a search's `system_products`,
    /// a top-level list): declared once per list field with `#[wire(records)]`. When a
    /// response is decoded, a record with a wrong value is left out and reported beside
    /// the others ([`crate::validate::RejectedRecord`]) instead of failing the whole
    /// response; anywhere else (a request body, `validate`) it is an array like any other.
    Records(&'static Schema),
    /// An object with named fields.
    Object(&'static ObjectSchema),
    /// A string from a closed set.
    StrEnum(&'static [&'static str]),
    /// An integer from a closed set (S2's `orderType` 0/1/2).
    IntEnum(&'static [i64]),
    /// A vendor documented as loose about scalars (Stock2Shop's `"rate": "15"`):
    /// the scalar itself or its spelling as a string. Declared per field.
    Loose(Scalar),
    /// An integer, or an object (the inner schema) holding it as `value`: Elasticsearch 7's
    /// `hits.total`, `{"value": 27, "relation": "eq"}` where older versions send `27`.
    /// The object spelling is listed in `Report::loose` ([`crate::validate::LooseKind::Value`])
    /// and the browser replaces it by its `value`, so the TypeScript type is `number`.
    Counted(&'static Schema),
    /// Breaks a cycle in recursive types: resolved when the validator reaches it.
    Lazy(fn() -> &'static Schema),
}

/// Scalars that a loose field may spell as a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    /// An integer, or its digits as a string (`"15"`).
    Integer,
    /// A number, or its spelling as a string (`"101.00"`).
    Number,
    /// A boolean, or `"true"`/`"false"`, 1/0, `"1"`/`"0"`.
    Boolean,
    /// Optional-looking text (remarks, a second address line) that a back end sends as
    /// `""` or `null`: `null` is listed as loose and becomes `""`, so the type stays a
    /// string.
    Text,
}

/// The shape of a JSON object: its type's name and its fields.
#[derive(Debug)]
pub struct ObjectSchema {
    /// The Rust and TypeScript name of the type, for messages.
    pub name: &'static str,
    /// Its fields, in declaration order.
    pub fields: &'static [Field],
}

/// One field of an object.
#[derive(Debug)]
pub struct Field {
    /// The key on the wire, exactly as the vendor spells it.
    pub wire: &'static str,
    /// The shape of its value.
    pub schema: &'static Schema,
    /// Whether a missing key is an error. `Option<T>` and `#[serde(default)]` fields are not.
    pub required: bool,
}

impl ObjectSchema {
    /// The field whose wire key is `key`, with its index.
    pub fn field(&self, key: &[u8]) -> Option<(usize, &'static Field)> {
        self.fields.iter().enumerate().find(|(_, f)| f.wire.as_bytes() == key)
    }
}

impl Schema {
    /// Whether a response of this shape is a list of records or holds one (a page's
    /// `items`): where a decoded value may be partial and says so.
    pub fn holds_records(&self) -> bool {
        let is_list = |schema: &Schema| matches!(schema, Schema::Records(_) | Schema::Nullable(Schema::Records(_)));
        match self {
            Schema::Array(_) | Schema::Records(_) | Schema::Nullable(Schema::Array(_)) => true,
            Schema::Object(object) => {
                object.fields.iter().any(|f| is_list(f.schema) || matches!(f.schema, Schema::Object(inner) if inner.fields.iter().any(|g| is_list(g.schema))))
            }
            _ => false,
        }
    }

    /// Its TypeScript spelling, as tsify declares the Rust type: the name of an object
    /// type, `T[]` for a list, `T | null` for a nullable value.
    pub fn typescript(&self) -> String {
        match self {
            Schema::String | Schema::Loose(Scalar::Text) => "string".into(),
            Schema::Integer | Schema::Number | Schema::Counted(_) | Schema::Loose(Scalar::Integer | Scalar::Number) => "number".into(),
            Schema::Boolean | Schema::Loose(Scalar::Boolean) => "boolean".into(),
            Schema::Any => "unknown".into(),
            Schema::Nullable(inner) => format!("{} | null", inner.typescript()),
            Schema::Array(item) | Schema::Records(item) => match item.typescript() {
                ts if ts.contains(' ') => format!("({ts})[]"),
                ts => format!("{ts}[]"),
            },
            Schema::Object(o) => o.name.into(),
            Schema::StrEnum(values) => values.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(" | "),
            Schema::IntEnum(values) => values.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(" | "),
            Schema::Lazy(f) => f().typescript(),
        }
    }

    /// What this shape is called in an error message ("expected integer").
    pub fn expected(&self) -> String {
        match self {
            Schema::String => "string".into(),
            Schema::Integer => "integer".into(),
            Schema::Number => "number".into(),
            Schema::Boolean => "boolean".into(),
            Schema::Any => "any value".into(),
            Schema::Nullable(inner) => format!("{} or null", inner.expected()),
            Schema::Array(_) | Schema::Records(_) => "array".into(),
            Schema::Object(o) => format!("object ({})", o.name),
            Schema::StrEnum(values) => format!("one of {}", quote_list(values.iter().map(|v| format!("\"{v}\"")))),
            Schema::IntEnum(values) => format!("one of {}", quote_list(values.iter().map(|v| v.to_string()))),
            Schema::Loose(Scalar::Integer) => "integer (or integer as string)".into(),
            Schema::Loose(Scalar::Number) => "number (or number as string)".into(),
            Schema::Loose(Scalar::Boolean) => "boolean (or \"true\"/\"false\", 1/0, \"1\"/\"0\")".into(),
            Schema::Loose(Scalar::Text) => "string (or null)".into(),
            Schema::Counted(_) => "integer (or {\"value\": integer, \"relation\": ...})".into(),
            Schema::Lazy(f) => f().expected(),
        }
    }
}

fn quote_list(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

macro_rules! scalar_wire {
    ($schema:expr => $($t:ty),*) => { $(impl Wire for $t { const SCHEMA: &'static Schema = &$schema; })* };
}
scalar_wire!(Schema::String => String, &'static str);
scalar_wire!(Schema::Integer => i8, i16, i32, i64, u8, u16, u32, u64);
scalar_wire!(Schema::Number => f32, f64);
scalar_wire!(Schema::Boolean => bool);
scalar_wire!(Schema::Any => serde_json::Value);

impl<T: Wire> Wire for Option<T> {
    const SCHEMA: &'static Schema = &Schema::Nullable(T::SCHEMA);
}

impl<T: Wire> Wire for Vec<T> {
    const SCHEMA: &'static Schema = &Schema::Array(T::SCHEMA);
}

/// Scalars a loose field (`#[wire(loose)]`) may receive spelled as strings.
pub trait LooseWire {
    /// The schema of the scalar or its spelling as a string.
    const LOOSE: &'static Schema;
}
impl LooseWire for i64 {
    const LOOSE: &'static Schema = &Schema::Loose(Scalar::Integer);
}
impl LooseWire for f64 {
    const LOOSE: &'static Schema = &Schema::Loose(Scalar::Number);
}
impl LooseWire for String {
    const LOOSE: &'static Schema = &Schema::Loose(Scalar::Text);
}
impl LooseWire for bool {
    const LOOSE: &'static Schema = &Schema::Loose(Scalar::Boolean);
}
impl<T: LooseWire> LooseWire for Option<T> {
    const LOOSE: &'static Schema = &Schema::Nullable(T::LOOSE);
}

/// A list field whose members are independent records (`#[wire(records)]`).
pub trait RecordsWire {
    /// The schema of the list, its members independent records.
    const RECORDS: &'static Schema;
}
impl<T: Wire> RecordsWire for Vec<T> {
    const RECORDS: &'static Schema = &Schema::Records(T::SCHEMA);
}
impl<T: RecordsWire> RecordsWire for Option<T> {
    const RECORDS: &'static Schema = &Schema::Nullable(T::RECORDS);
}
