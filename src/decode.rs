//! Validates a response body and decodes it into its Rust type.

use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::schema::Wire;
use crate::validate::{validate, Issue, Report};

/// A decoded response and the keys it carried that the schema does not declare.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<T> {
    pub value: T,
    /// JSON paths of undeclared keys: the vendor added something; worth a warning.
    pub drift: Vec<String>,
}

/// Validates `body` against `T`'s schema, then decodes it.
pub fn decode<T: Wire + DeserializeOwned>(body: &[u8]) -> Result<Decoded<T>, Error> {
    let report = validate(T::SCHEMA, body);
    if !report.is_valid() {
        return Err(invalid(report));
    }
    match serde_json::from_slice::<T>(body) {
        Ok(value) => Ok(Decoded { value, drift: report.drift }),
        // The schema and the serde attributes come from one declaration, so this is a
        // bug in a hand-written Wire impl; report it as a response problem all the same.
        Err(e) => Err(Error::InvalidResponse {
            issues: vec![Issue { path: "$".into(), expected: std::any::type_name::<T>().into(), found: e.to_string() }],
            unlisted: 0,
        }),
    }
}

pub(crate) fn invalid(report: Report) -> Error {
    Error::InvalidResponse { issues: report.errors, unlisted: report.unlisted_errors }
}
