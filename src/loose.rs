//! Serde helpers for scalars a vendor spells either way: `15` or `"15"`, `true`, `"true"`
//! or `1`, text as `""` or `null`.
//!
//! Why: Stock2Shop is documented to be loose about scalars. Its order lines carry
//! `"rate": "15"`, the query it echoes back has `"size": "10"` where the request had
//! `"size": 2`, a product's `channels[].channel_id` is `"47"` where an order's
//! `channel_id` is `191`, and its own request examples send `"product_active": "true"`.
//! Such a field is declared loose per field, never by a global coercion, in two places
//! that must agree:
//!
//! - `#[wire(loose)]` makes its schema [`Schema::Loose`](crate::schema::Schema::Loose), so
//!   the validator accepts both spellings and lists the string ones (`Report::loose`);
//!   the browser path turns those into real numbers/booleans (and `null` text into `""`)
//!   after `JSON.parse`, so the TypeScript type stays the declared one;
//! - `#[serde(deserialize_with = "crate::loose::number")]` (or `integer`, `boolean`, and
//!   the `option_*` variants, which also need `#[serde(default)]`, or `text`) makes Rust
//!   decoding accept the same spellings.
//!
//! A string is accepted exactly when the validator accepts it: an integer spelled in
//! decimal (`"-3"`), a finite number without surrounding spaces (`"15"`, `"2.5"`), and
//! for booleans `"true"`, `"false"`, and PHP's `1`, `0`, `"1"`, `"0"` (Stock2Shop's own
//! published records send `"inventory_management": 1` and a channel's `"active": 1`).
//! Anything else is an error rather than a guess: `"yes"`, `""`, `2` for a boolean and
//! `"1.5"` for an integer are refused. The validator lists a boolean spelled `1`/`0` as
//! loose too, so the browser turns it into `true`/`false`.
//!
//! Optional-looking text (`String` fields: remarks, second address lines) may be declared
//! loose too, with [`text`]: `null` is accepted, listed, and becomes `""`.
//!
//! For request bodies whose documented spelling is the string one (Stock2Shop's product
//! queue sends `"source_id": "123"`, `"product_active": "true"`), [`as_string`] and
//! [`option_as_string`] serialise the real scalar in that spelling.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::Serializer;

/// An `i64` sent as a JSON integer or as a string holding one.
pub fn integer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    deserializer.deserialize_any(LooseVisitor(Kind::Integer)).map(Loose::into_integer)
}

/// An `f64` sent as a JSON number or as a string holding one.
pub fn number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    deserializer.deserialize_any(LooseVisitor(Kind::Number)).map(Loose::into_number)
}

/// A `bool` sent as `true`/`false`, `"true"`/`"false"`, `1`/`0` or `"1"`/`"0"`.
pub fn boolean<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    deserializer.deserialize_any(LooseVisitor(Kind::Boolean)).map(Loose::into_boolean)
}

/// [`integer`], or `null`. Pair with `#[serde(default)]` so a missing key is `None`.
pub fn option_integer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    deserializer.deserialize_any(OptionVisitor(Kind::Integer)).map(|v| v.map(Loose::into_integer))
}

/// [`number`], or `null`. Pair with `#[serde(default)]` so a missing key is `None`.
pub fn option_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    deserializer.deserialize_any(OptionVisitor(Kind::Number)).map(|v| v.map(Loose::into_number))
}

/// [`boolean`], or `null`. Pair with `#[serde(default)]` so a missing key is `None`.
pub fn option_boolean<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    deserializer.deserialize_any(OptionVisitor(Kind::Boolean)).map(|v| v.map(Loose::into_boolean))
}

/// Serialises a scalar in its string spelling (`123` as `"123"`, `true` as `"true"`).
pub fn as_string<T: fmt::Display, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

/// Optional-looking text sent as a string or as `null` (which decodes as `""`). For
/// `String` fields declared `#[wire(loose)]`: remarks, second address lines, phone
/// numbers; the seed sends `""` for "none", a back end may as well send `null`.
pub fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.unwrap_or_default())
}

/// A count sent as an integer or as Elasticsearch 7's `{"value": N, "relation": "eq"}`
/// (the schema is [`Schema::Counted`](crate::schema::Schema::Counted)). With `"gte"` the
/// value is a lower bound: Elasticsearch stops counting at 10,000 unless asked to.
pub fn counted<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Counted {
        Count(i64),
        Object { value: i64 },
    }
    match Counted::deserialize(deserializer)? {
        Counted::Count(n) | Counted::Object { value: n } => Ok(n),
    }
}

/// Serialises a flag as `1`/`0`, the seed's spelling for a source's or channel's `active`
/// (so the mock answers as the vendor does).
pub fn as_one_or_zero<S: Serializer>(value: &bool, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_i64(i64::from(*value))
}

/// [`as_string`] for an optional scalar; `None` is `null` (skip it with
/// `skip_serializing_if = "Option::is_none"` to leave the key out).
pub fn option_as_string<T: fmt::Display, S: Serializer>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => serializer.collect_str(v),
        None => serializer.serialize_none(),
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Integer,
    Number,
    Boolean,
}

enum Loose {
    Integer(i64),
    Number(f64),
    Boolean(bool),
}

impl Loose {
    // The visitor only produces the kind it was asked for.
    fn into_integer(self) -> i64 {
        match self {
            Loose::Integer(n) => n,
            _ => unreachable!("asked for an integer"),
        }
    }
    fn into_number(self) -> f64 {
        match self {
            Loose::Number(n) => n,
            Loose::Integer(n) => n as f64,
            Loose::Boolean(_) => unreachable!("asked for a number"),
        }
    }
    fn into_boolean(self) -> bool {
        match self {
            Loose::Boolean(b) => b,
            _ => unreachable!("asked for a boolean"),
        }
    }
}

struct LooseVisitor(Kind);

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Loose;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.0 {
            Kind::Integer => "an integer or an integer as a string",
            Kind::Number => "a number or a number as a string",
            Kind::Boolean => "a boolean, \"true\"/\"false\" or 1/0",
        })
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Loose, E> {
        match self.0 {
            Kind::Boolean => Ok(Loose::Boolean(v)),
            _ => Err(E::invalid_type(de::Unexpected::Bool(v), &self)),
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Loose, E> {
        match self.0 {
            Kind::Integer => Ok(Loose::Integer(v)),
            Kind::Number => Ok(Loose::Number(v as f64)),
            Kind::Boolean if v == 0 || v == 1 => Ok(Loose::Boolean(v == 1)),
            Kind::Boolean => Err(E::invalid_value(de::Unexpected::Signed(v), &self)),
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Loose, E> {
        match (self.0, i64::try_from(v)) {
            (Kind::Integer, Ok(n)) => Ok(Loose::Integer(n)),
            (Kind::Number, _) => Ok(Loose::Number(v as f64)),
            (Kind::Boolean, _) if v <= 1 => Ok(Loose::Boolean(v == 1)),
            _ => Err(E::invalid_value(de::Unexpected::Unsigned(v), &self)),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Loose, E> {
        match self.0 {
            Kind::Number => Ok(Loose::Number(v)),
            // `1.0` is not an integer for the validator either (fraction in the text).
            _ => Err(E::invalid_type(de::Unexpected::Float(v), &self)),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Loose, E> {
        let parsed = match self.0 {
            Kind::Integer => v.parse::<i64>().ok().map(Loose::Integer),
            Kind::Number => {
                let n = (!v.is_empty() && v.trim() == v).then(|| v.parse::<f64>().ok()).flatten();
                n.filter(|n| n.is_finite()).map(Loose::Number)
            }
            Kind::Boolean => match v {
                "true" | "1" => Some(Loose::Boolean(true)),
                "false" | "0" => Some(Loose::Boolean(false)),
                _ => None,
            },
        };
        parsed.ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

struct OptionVisitor(Kind);

impl<'de> Visitor<'de> for OptionVisitor {
    type Value = Option<Loose>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        LooseVisitor(self.0).expecting(f)?;
        f.write_str(", or null")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(LooseVisitor(self.0)).map(Some)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        LooseVisitor(self.0).visit_bool(v).map(Some)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        LooseVisitor(self.0).visit_i64(v).map(Some)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        LooseVisitor(self.0).visit_u64(v).map(Some)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        LooseVisitor(self.0).visit_f64(v).map(Some)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        LooseVisitor(self.0).visit_str(v).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    use crate::schema::Wire;

    /// A loose field of each kind, as the vendor modules declare them.
    #[derive(Debug, PartialEq, Serialize, Deserialize, Wire)]
    struct Sample {
        #[wire(loose)]
        #[serde(deserialize_with = "crate::loose::integer")]
        size: i64,
        #[wire(loose)]
        #[serde(deserialize_with = "crate::loose::number")]
        rate: f64,
        #[wire(loose)]
        #[serde(deserialize_with = "crate::loose::boolean")]
        active: bool,
        #[wire(loose)]
        #[serde(default, deserialize_with = "crate::loose::option_integer")]
        source_id: Option<i64>,
        #[wire(loose)]
        #[serde(default, deserialize_with = "crate::loose::option_number")]
        price: Option<f64>,
        #[wire(loose)]
        #[serde(default, deserialize_with = "crate::loose::option_boolean")]
        managed: Option<bool>,
    }

    fn decode(json: &str) -> Result<Sample, String> {
        crate::decode::<Sample>(json.as_bytes()).map(|d| d.value).map_err(|e| e.to_string())
    }

    #[test]
    fn a_loose_field_decodes_from_both_spellings() {
        let want = Sample { size: 10, rate: 15.0, active: true, source_id: Some(318), price: Some(2.5), managed: Some(false) };
        let native = r#"{"size": 10, "rate": 15, "active": true, "source_id": 318, "price": 2.5, "managed": false}"#;
        let strings = r#"{"size": "10", "rate": "15", "active": "true", "source_id": "318", "price": "2.5", "managed": "false"}"#;
        assert_eq!(decode(native).unwrap(), want);
        assert_eq!(decode(strings).unwrap(), want);
        // The validator lists exactly the string spellings, for the browser to normalise.
        assert_eq!(crate::validate(Sample::SCHEMA, strings.as_bytes()).loose.len(), 6);
        assert!(crate::validate(Sample::SCHEMA, native.as_bytes()).loose.is_empty());
    }

    #[test]
    fn a_loose_boolean_accepts_php_ones_and_zeros() {
        for (json, want) in [("1", true), ("0", false), ("\"1\"", true), ("\"0\"", false)] {
            let body = format!(r#"{{"size": 1, "rate": 1, "active": {json}, "managed": {json}}}"#);
            let sample = decode(&body).unwrap();
            assert_eq!((sample.active, sample.managed), (want, Some(want)), "{json}");
            // Listed as loose whichever way it is spelled, so the browser makes it a boolean.
            let loose = crate::validate(Sample::SCHEMA, body.as_bytes()).loose;
            assert_eq!(loose.len(), 2, "{json}");
            assert!(loose.iter().all(|l| l.scalar == crate::validate::LooseKind::Boolean));
        }
    }

    #[test]
    fn optional_loose_fields_may_be_null_or_missing() {
        let sample = decode(r#"{"size": 1, "rate": 1.5, "active": false, "source_id": null, "price": null}"#).unwrap();
        assert_eq!((sample.source_id, sample.price, sample.managed), (None, None, None));
    }

    #[test]
    fn serde_refuses_what_the_validator_refuses() {
        for bad in [
            r#"{"size": "1.5", "rate": 1, "active": true}"#,
            r#"{"size": 1.0, "rate": 1, "active": true}"#,
            r#"{"size": 1, "rate": " 15", "active": true}"#,
            r#"{"size": 1, "rate": "", "active": true}"#,
            r#"{"size": 1, "rate": "NaN", "active": true}"#,
            r#"{"size": 1, "rate": 1, "active": "yes"}"#,
            r#"{"size": 1, "rate": 1, "active": 2}"#,
            r#"{"size": 1, "rate": 1, "active": "2"}"#,
            r#"{"size": 1, "rate": 1, "active": 1.0}"#,
            r#"{"size": 1, "rate": 1, "active": -1}"#,
            r#"{"size": 1, "rate": 1, "active": true, "source_id": "x"}"#,
        ] {
            assert!(decode(bad).is_err(), "{bad}");
            let value: Result<Sample, _> = serde_json::from_str(bad);
            assert!(value.is_err(), "serde alone: {bad}");
        }
    }

    #[test]
    fn as_string_writes_the_string_spelling() {
        #[derive(Serialize)]
        struct Out {
            #[serde(serialize_with = "crate::loose::as_string")]
            source_id: i64,
            #[serde(serialize_with = "crate::loose::as_string")]
            active: bool,
            #[serde(serialize_with = "crate::loose::option_as_string")]
            position: Option<i64>,
            #[serde(serialize_with = "crate::loose::option_as_string")]
            managed: Option<bool>,
        }
        let out = Out { source_id: 123, active: true, position: Some(1), managed: None };
        assert_eq!(serde_json::to_string(&out).unwrap(), r#"{"source_id":"123","active":"true","position":"1","managed":null}"#);
    }
}
