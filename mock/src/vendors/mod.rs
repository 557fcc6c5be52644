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

/// Every stateful handler, registered against its endpoint constant (each vendor's
/// `HANDLERS`).
const HANDLERS: &[&[(&Endpoint, Handler)]] = &[s2::HANDLERS, s2_partner::HANDLERS, stock2shop::HANDLERS, sellers_commerce::HANDLERS];

/// The stateful handler of an operation, if the mock models one; an operation without
/// one answers its `good.json` fixture ([`fixture_answer`]).
pub(crate) fn handler(endpoint: &Endpoint) -> Option<Handler> {
    handler_in(HANDLERS, endpoint)
}

fn handler_in(handlers: &[&[(&Endpoint, Handler)]], endpoint: &Endpoint) -> Option<Handler> {
    handlers.iter().flat_map(|h| h.iter()).find(|(e, _)| e.id == endpoint.id).map(|(_, handler)| *handler)
}

/// What an operation without a stateful handler answers: the `good.json` fixture of
/// `tests/fixtures/<id>/`, which its response schema validates (tests/fixtures.rs).
/// Adding an operation is then a table line and its fixtures: the mock serves it at once.
pub(crate) fn fixture_answer(endpoint: &Endpoint) -> Result<Response, VendorError> {
    match crate::fixtures::good(endpoint.id) {
        Some(body) => Ok(crate::dispatch::json(StatusCode::OK, body)),
        None => Err(VendorError::new(
            StatusCode::NOT_IMPLEMENTED,
            "NOT_MODELLED",
            format!("the mock has neither a handler nor a good.json fixture for {}", endpoint.id),
        )),
    }
}

/// What runs before an authorized operation's handler: Stock2Shop's rate limit (per
/// client, so after the credentials are checked).
pub(crate) fn throttle(endpoint: &Endpoint, state: &MockState) -> Option<Response> {
    match endpoint.vendor {
        Vendor::Stock2shop => stock2shop::rate_limited(state),
        _ => None,
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use commerce_kit::catalogue;

    /// An operation without a stateful handler answers its `good.json` fixture, which
    /// its schema validates; every operation of the registry has one.
    #[test]
    fn an_operation_without_a_handler_answers_its_good_fixture() {
        for endpoint in catalogue::endpoints() {
            assert!(handler_in(&[], endpoint).is_none());
            let response = fixture_answer(endpoint).unwrap_or_else(|e| panic!("{}: {}", endpoint.id, e.message));
            assert_eq!(response.status(), StatusCode::OK, "{}", endpoint.id);
            let body = crate::fixtures::good(endpoint.id).expect("checked above");
            let report = commerce_kit::validate(endpoint.response, body.as_bytes());
            assert!(report.errors.is_empty(), "{}: {:?}", endpoint.id, report.errors);
        }
    }

    /// Each registered handler names an operation of the registry, once.
    #[test]
    fn handlers_are_registered_against_operations_of_the_registry() {
        let mut seen = std::collections::HashSet::new();
        for (endpoint, _) in HANDLERS.iter().flat_map(|h| h.iter()) {
            assert!(catalogue::find(endpoint.id).is_some(), "{} is not in the registry", endpoint.id);
            assert!(seen.insert(endpoint.id), "{} has two handlers", endpoint.id);
        }
    }
}
