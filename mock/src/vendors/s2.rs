//! S2 fulfillment-order and inventory API, and the error conventions S2 Partner shares.

use axum::http::StatusCode;
use commerce_kit::request::FieldError;
use serde::de::DeserializeOwned;

use crate::dispatch::{json, Answer, Call, Handler, VendorError};
use crate::MockState;

/// The response example of `s2-inventory-list-api.txt`, verbatim.
pub(crate) const SEED_INVENTORY_OVERVIEW: &str = include_str!("../../../tests/fixtures/s2.get_inventory_overview/good.json");

pub(crate) fn handler(id: &str) -> Option<Handler> {
    Some(match id {
        "s2.get_inventory_overview" => get_inventory_overview,
        _ => return None,
    })
}

/// `Authorization: Bearer <token>` and `X-S2-Organization: <id>`, both exact.
pub(crate) fn authorize(state: &MockState, call: &Call) -> Result<(), VendorError> {
    let bearer_ok = call.header("authorization").and_then(|h| h.strip_prefix("Bearer ")) == Some(state.config.s2_token.as_str());
    let organization_ok = call.header("x-s2-organization") == Some(state.config.s2_organization.as_str());
    if bearer_ok && organization_ok {
        Ok(())
    } else {
        let message = if bearer_ok { "unknown or missing X-S2-Organization" } else { "invalid or missing access token" };
        Err(VendorError::new(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", message))
    }
}

/// A 400 in S2's format. Both S2 APIs answer `{"code", "message"}` with gRPC-style codes
/// (the documented `ALREADY_EXISTS`); a bad request is `INVALID_ARGUMENT`, and the message
/// names the field first, as the client's own checks do (`warehouse_id: is required`).
pub(crate) fn invalid_argument(message: impl Into<String>) -> VendorError {
    VendorError::new(StatusCode::BAD_REQUEST, "INVALID_ARGUMENT", message)
}

/// A request body type with the core's own checks (`NewPartnerFulfillment::check`...).
pub(crate) trait CheckedBody: DeserializeOwned {
    fn problems(&self) -> Vec<FieldError>;
}

/// The request body, decoded and checked exactly as the client's builder checks it
/// before sending, so the mock refuses what the SDK would have refused. Every problem is
/// listed in one 400, each naming its field.
pub(crate) fn checked_body<T: CheckedBody>(call: &Call) -> Result<T, VendorError> {
    let body: T = call.json_body().map_err(invalid_argument)?;
    let problems = body.problems();
    if problems.is_empty() {
        Ok(body)
    } else {
        Err(invalid_argument(problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")))
    }
}

fn get_inventory_overview(state: &MockState, _call: &Call) -> Answer {
    Ok(json(StatusCode::OK, state.inventory_overview.clone()))
}
