//! commerce-kit: typed request builders and response validators for the S2 Partner,
//! S2 fulfillment/inventory, Stock2Shop and Sellers Commerce APIs.
//!
//! The core is pure Rust and does no I/O: [`catalogue`] declares every operation,
//! [`request`] builds requests from them, [`validate`] checks response bytes against
//! the schemas that [`schema::Wire`] derives from the wire types. The `wasm` module
//! (wasm32 only) is the thin browser binding: a `fetch` transport and the JS `Client`.

// The public API is documented: an item a user can reach without a doc comment is a
// warning, which `make test`'s clippy (`-D warnings`) refuses. Only for this crate: the
// proxy and the mock are applications.
#![warn(missing_docs)]

// The derive refers to `::commerce_kit::...`; make that path work inside this crate too.
extern crate self as commerce_kit;

pub mod catalogue;
pub mod cookie_jar;
pub mod decode;
pub mod error;
pub mod loose;
pub mod paginate;
pub mod request;
pub mod schema;
// Being split by concern (scanner, schema walk, streaming, JS re-encoding): its public
// items get their docs in the split, then this allow goes.
#[allow(missing_docs)]
pub mod validate;
pub mod vendors;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use catalogue::{Endpoint, Vendor};
pub use decode::{decode, Decoded};
pub use error::Error;
pub use request::{FieldError, Operation, Request};
pub use validate::{validate, validate_isolating, Report};

/// Validates a response body for the operation `id`. `None` if the id is unknown.
pub fn validate_operation(id: &str, body: &[u8]) -> Option<Report> {
    catalogue::find(id).map(|e| validate(e.response, body))
}

/// Validates a response body for the operation `id` as the decode path does: a record
/// of a list that does not validate is listed in `Report::rejected`, not an error.
pub fn validate_operation_isolating(id: &str, body: &[u8]) -> Option<Report> {
    catalogue::find(id).map(|e| validate_isolating(e.response, body))
}
