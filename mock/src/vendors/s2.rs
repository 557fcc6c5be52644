//! S2 fulfillment-order and inventory API, and the error conventions S2 Partner shares.

use axum::http::StatusCode;
use commerce_kit::catalogue::Endpoint;
use commerce_kit::request::FieldError;
use commerce_kit::vendors::s2;
use commerce_kit::vendors::s2::fulfillment::{
    S2FulfillmentAttachment, S2FulfillmentOrder, S2FulfillmentOrderItem, S2FulfillmentShipment, S2FulfillmentShipmentItem, S2NewFulfillmentItem,
    S2NewFulfillmentOrder, S2ShipmentLabel, S2ShippingCarrier,
};
use commerce_kit::vendors::s2::inventory::{S2InventoryOverview, S2Product};
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::dispatch::{json, ok, Answer, Call, Handler, VendorError};
use crate::generate::{now, Rng};
use crate::MockState;

/// The response example of `s2-inventory-list-api.txt`, verbatim.
pub(crate) const SEED_INVENTORY_OVERVIEW: &str = include_str!("../../../tests/fixtures/s2.get_inventory_overview/good.json");

/// The ids the mock hands out are the same in every mock.
const ID_SEED: u64 = 0x5332_4655_4c46_494c;

/// When the mock's carriers were set up (the seed's `OTHER` carrier).
const CARRIER_CREATED_AT: &str = "2024-03-25T00:09:52.442733Z";

/// The stateful handlers, by endpoint.
pub(crate) const HANDLERS: &[(&Endpoint, Handler)] =
    &[(&s2::GET_INVENTORY_OVERVIEW, get_inventory_overview), (&s2::CREATE_FULFILLMENT_ORDER, create_fulfillment_order)];

/// `Authorization: Bearer <token>` and `X-S2-S2Organization: <id>`, both exact.
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

/// The organization's fulfillment orders, in creation order.
pub(crate) struct Store {
    orders: Vec<S2FulfillmentOrder>,
    ids: Rng,
}

impl Store {
    pub(crate) fn new() -> Store {
        Store { orders: Vec::new(), ids: Rng::new(ID_SEED) }
    }

    pub(crate) fn channel_fulfillment_ids(&self) -> Vec<Option<String>> {
        self.orders.iter().map(|o| o.channel_fulfillment_id.clone()).collect()
    }
}

impl CheckedBody for S2NewFulfillmentOrder {
    fn problems(&self) -> Vec<FieldError> {
        self.check()
    }
}

/// `POST /fulfillment`: the warehouse and products must be the organization's (those of
/// `GET /inventory/overview`); a `channelFulfillmentId` already used is a 409 with the
/// documented body.
fn create_fulfillment_order(state: &MockState, call: &Call) -> Answer {
    let body: S2NewFulfillmentOrder = checked_body(call)?;
    let inventory = state.inventory();
    let mut store = state.s2.lock().unwrap();
    if let Some(id) = &body.channel_fulfillment_id {
        if store.orders.iter().any(|o| o.channel_fulfillment_id.as_ref() == Some(id)) {
            return Err(VendorError::new(
                StatusCode::CONFLICT,
                "ALREADY_EXISTS",
                format!("Fulfillment with channelFulfillmentId '{id}' already exists for this organization"),
            ));
        }
    }
    let order = fulfillment_order(body, inventory, &mut store.ids, &now())?;
    store.orders.push(order.clone());
    ok(&order)
}

/// The fulfillment order S2 answers a create with: the request's address, items,
/// shipments (with their prepaid labels) and attachments echoed with ids, products and
/// the warehouse resolved, everything `CREATED`. The `order*` fields echo what the
/// request says of the order; the mock holds no orders, so their date and channel id
/// stay null.
fn fulfillment_order(body: S2NewFulfillmentOrder, inventory: &S2InventoryOverview, ids: &mut Rng, now: &str) -> Result<S2FulfillmentOrder, VendorError> {
    let warehouse = match &body.warehouse_id {
        Some(id) => inventory.warehouses.iter().find(|w| &w.id == id),
        // "If not provided, a warehouse will be randomly assigned."
        None => ids.pick(&inventory.warehouses),
    }
    .ok_or_else(|| invalid_argument(format!("warehouseId: {:?} is not a warehouse of this organization", body.warehouse_id.as_deref().unwrap_or(""))))?
    .clone();
    let product = |field: String, item: &S2NewFulfillmentItem| -> Result<S2Product, VendorError> {
        let id = &item.product_id;
        inventory
            .products
            .iter()
            .find(|p| &p.id == id)
            .cloned()
            .ok_or_else(|| invalid_argument(format!("{field}: {id:?} is not a product of this organization")))
    };
    let id = ids.uuid();
    let items = body
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            Ok(S2FulfillmentOrderItem {
                product: product(format!("items[{i}].productId"), item)?,
                channel_fulfillment_item_id: None,
                quantity: item.quantity,
                meta: json!({}),
            })
        })
        .collect::<Result<_, VendorError>>()?;
    let mut shipments = Vec::with_capacity(body.shipments.len());
    for (s, shipment) in body.shipments.into_iter().enumerate() {
        let items = shipment
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let product = product(format!("shipments[{s}].items[{i}].productId"), item)?;
                Ok(S2FulfillmentShipmentItem { channel_shipment_item_id: None, product, quantity: item.quantity, meta: json!({}) })
            })
            .collect::<Result<_, VendorError>>()?;
        // "If not provided, the default carrier "OTHER" will be used."
        let carrier = shipment.shipping_carrier_id.filter(|c| !c.trim().is_empty()).unwrap_or_else(|| "OTHER".into());
        shipments.push(S2FulfillmentShipment {
            id: ids.uuid(),
            fulfillment_id: id.clone(),
            manifest_id: None,
            channel_shipment_id: None,
            status: "CREATED".into(),
            meta: json!({}),
            shipping_carrier: S2ShippingCarrier {
                name: if carrier == "OTHER" { "Other".into() } else { carrier.clone() },
                id: carrier,
                created_at: CARRIER_CREATED_AT.into(),
                updated_at: CARRIER_CREATED_AT.into(),
            },
            tracking_number: shipment.tracking_number.unwrap_or_default(),
            tracking_url: String::new(),
            items,
            labels: shipment
                .prepaid_labels
                .into_iter()
                .map(|label| S2ShipmentLabel {
                    id: ids.uuid(),
                    label_type: "PREPAID".into(),
                    carrier: String::new(),
                    tracking_number: String::new(),
                    tracking_url: String::new(),
                    amount: 0.0,
                    amount_currency: "USD".into(),
                    file_path: label.file_path,
                    purchased_label: None,
                    created_at: now.into(),
                    updated_at: now.into(),
                })
                .collect(),
            packages: Vec::new(),
            created_at: now.into(),
            updated_at: now.into(),
        });
    }
    let attachments = body
        .attachments
        .into_iter()
        .map(|a| S2FulfillmentAttachment { id: ids.uuid(), file_name: a.file_name, path: a.path, created_at: now.into(), updated_at: now.into() })
        .collect();
    Ok(S2FulfillmentOrder {
        status: "CREATED".into(),
        address: body.address,
        channel_fulfillment_id: body.channel_fulfillment_id,
        meta: json!({}),
        order_organization: body.order_id.as_ref().map(|_| warehouse.organization.clone()),
        warehouse_pick_id: ids.uuid(),
        warehouse,
        shipping_method: body.shipping_method,
        items,
        created_at: now.into(),
        updated_at: now.into(),
        attachments,
        shipments,
        ship_by_date: None,
        deliver_by_date: None,
        customer_note: body.customer_note,
        reference_ids: body.additional_reference_ids.unwrap_or_default(),
        order_id: body.order_id,
        order_date: None,
        order_account_id: body.order_account_id,
        order_channel_order_id: None,
        id,
    })
}
