//! Validates a response body and decodes it into its Rust type.

use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::schema::Wire;
use crate::validate::{validate_isolating, without_rejected, Issue, Report};

pub use crate::validate::RejectedRecord;

/// A decoded response, the keys it carried that the schema does not declare, and the
/// records of its lists that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<T> {
    /// Every record that validated, typed; the rejected ones are left out of their lists.
    pub value: T,
    /// JSON paths of undeclared keys: the vendor added something; worth a warning.
    pub drift: Vec<String>,
    /// Records of lists that did not validate (the first
    /// [`MAX_LISTED_REJECTED`](crate::validate::MAX_LISTED_REJECTED)), each with its
    /// index, its list's path, its errors and its raw JSON.
    pub rejected: Vec<RejectedRecord>,
    /// Rejected records beyond those listed, counted (also left out of `value`).
    pub unlisted_rejected: usize,
}

impl<T> Decoded<T> {
    /// Some records were left out of `value`.
    pub fn is_partial(&self) -> bool {
        !self.rejected.is_empty() || self.unlisted_rejected > 0
    }
}

/// Validates `body` against `T`'s schema, then decodes it. A record of a list
/// ([`Schema::Records`](crate::schema::Schema::Records), or of a top-level array) that
/// does not validate is left out and listed in [`Decoded::rejected`]; anything else
/// wrong (the envelope, the list itself) fails the call.
pub fn decode<T: Wire + DeserializeOwned>(body: &[u8]) -> Result<Decoded<T>, Error> {
    let report = validate_isolating(T::SCHEMA, body);
    if !report.is_valid() {
        return Err(invalid(report));
    }
    // The usual case decodes the body as it is; only a partial one is copied, without
    // its rejected records, so serde sees nothing it would refuse.
    let decoded = if report.is_partial() { serde_json::from_slice::<T>(&without_rejected(body, &report)) } else { serde_json::from_slice::<T>(body) };
    match decoded {
        Ok(value) => Ok(Decoded { value, drift: report.drift, rejected: report.rejected, unlisted_rejected: report.unlisted_rejected }),
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
