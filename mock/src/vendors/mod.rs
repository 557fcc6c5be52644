//! Per-vendor behaviour: auth checks, error bodies, and one handler per operation.

pub(crate) mod s2;
pub(crate) mod s2_partner;
pub(crate) mod sellers_commerce;
pub(crate) mod stock2shop;

use axum::http::StatusCode;
use axum::response::Response;
use commerce_kit::catalogue::{Auth, Endpoint, Vendor};

use crate::dispatch::{Call, Handler, VendorError};
use crate::MockState;

/// The handler of an operation, by catalogue id.
pub(crate) fn handler(id: &str) -> Option<Handler> {
    s2::handler(id).or_else(|| s2_partner::handler(id)).or_else(|| stock2shop::handler(id)).or_else(|| sellers_commerce::handler(id))
}

/// Checks the credentials the vendor documents for this operation.
pub(crate) fn authorize(endpoint: &Endpoint, state: &MockState, call: &Call) -> Result<(), VendorError> {
    match endpoint.auth {
        Auth::BearerWithOrganization => s2::authorize(state, call),
        Auth::AccessKey => s2_partner::authorize(state, call),
        Auth::SessionToken => stock2shop::authorize(state, call),
        Auth::OAuthBearer => sellers_commerce::authorize(state, call),
        // The operation obtains credentials itself (logins, token grants).
        Auth::CredentialExchange => Ok(()),
    }
}

/// An error in the vendor's own format.
pub(crate) fn error_body(vendor: Vendor, status: StatusCode, code: &str, message: &str) -> Response {
    let body = match vendor {
        // S2 (both APIs): {"code": "ALREADY_EXISTS", "message": "..."}
        Vendor::S2 | Vendor::S2Partner => serde_json::json!({ "code": code, "message": message }),
        Vendor::Stock2shop => serde_json::json!({ "errors": message }),
        // {"Results", "ResponseMessage", "StatusCode"} for the document's codes, ASP.NET's
        // {"Message"} otherwise (see the module).
        Vendor::SellersCommerce => return sellers_commerce::error_body(status, code, message),
    };
    crate::dispatch::json(status, body.to_string())
}
