//! S2 fulfillment-order and inventory API.

use axum::http::StatusCode;
use axum::response::Response;

use crate::dispatch::{json, Call, Handler};
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
pub(crate) fn authorize(state: &MockState, call: &Call) -> Result<(), Response> {
    let bearer_ok = call.header("authorization").and_then(|h| h.strip_prefix("Bearer ")) == Some(state.config.s2_token.as_str());
    let organization_ok = call.header("x-s2-organization") == Some(state.config.s2_organization.as_str());
    if bearer_ok && organization_ok {
        Ok(())
    } else {
        let message = if bearer_ok { "unknown or missing X-S2-Organization" } else { "invalid or missing access token" };
        Err(super::error_body(commerce_kit::Vendor::S2, StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", message))
    }
}

fn get_inventory_overview(state: &MockState, _call: &Call) -> Response {
    json(StatusCode::OK, state.inventory_overview.clone())
}
