//! S2 Partner API (seed `s2-partner-api.txt`): `X-AccessKey` on every call, lists that
//! page with `next_token`, and an account that remembers what was created in it.

use axum::http::StatusCode;
use commerce_kit::catalogue::Endpoint;
use commerce_kit::request::FieldError;
use commerce_kit::vendors::s2_partner;
use commerce_kit::vendors::s2_partner::fulfillment::{NewPartnerFulfillment, PartnerFulfillment, PartnerFulfillmentPage, PartnerShipment};
use commerce_kit::vendors::s2_partner::inventory_supply::PartnerInventorySupply;
use commerce_kit::vendors::s2_partner::product::PartnerProductPage;
use commerce_kit::vendors::s2_partner::purchase_order::{NewPartnerPurchaseOrder, PartnerPurchaseOrder, PartnerPurchaseOrderItem, PartnerPurchaseOrderPage};
use commerce_kit::vendors::s2_partner::supplier::PartnerSupplier;

use super::s2::{checked_body, invalid_argument, CheckedBody};
use crate::dispatch::{ok, Answer, Call, Handler, VendorError};
use crate::generate::now;
use crate::generate::s2_partner::{api_user, partner_dataset, PartnerDataset};
use crate::{paging, MockState};

/// The generated part of the account is the same in every mock.
const DATASET_SEED: u64 = 0x5250_4152_544e_4552;

/// The account's data and the next ids to hand out.
pub(crate) struct Store {
    data: PartnerDataset,
    next_fulfillment_id: i64,
    next_shipment_id: i64,
    next_purchase_order_id: i64,
}

impl Store {
    pub(crate) fn seeded() -> Store {
        let data = partner_dataset(DATASET_SEED);
        let next = |ids: &mut dyn Iterator<Item = i64>| ids.max().unwrap_or(0) + 1;
        Store {
            next_fulfillment_id: next(&mut data.fulfillments.iter().map(|f| f.id)),
            next_shipment_id: next(&mut data.fulfillments.iter().flat_map(|f| &f.shipments).map(|s| s.id)),
            next_purchase_order_id: next(&mut data.purchase_orders.iter().map(|p| p.id)),
            data,
        }
    }

    /// `field` names a listed warehouse.
    fn require_warehouse(&self, field: &str, id: &str) -> Result<(), VendorError> {
        match self.data.warehouses.iter().any(|w| w.id == id) {
            true => Ok(()),
            false => Err(invalid_argument(format!("{field}: {id:?} is not a warehouse of this account"))),
        }
    }

    fn supplier(&self, id: i64) -> Result<&PartnerSupplier, VendorError> {
        self.data.suppliers.iter().find(|s| s.id == id).ok_or_else(|| invalid_argument(format!("from_supplier_id: {id} is not a supplier of this account")))
    }
}

/// The stateful handlers, by endpoint.
pub(crate) const HANDLERS: &[(&Endpoint, Handler)] = &[
    (&s2_partner::LIST_FULFILLMENTS, list_fulfillments),
    (&s2_partner::CREATE_FULFILLMENT, create_fulfillment),
    (&s2_partner::GET_INVENTORY_SUPPLY, get_inventory_supply),
    (&s2_partner::LIST_PRODUCTS, list_products),
    (&s2_partner::LIST_PURCHASE_ORDERS, list_purchase_orders),
    (&s2_partner::CREATE_PURCHASE_ORDER, create_purchase_order),
    (&s2_partner::LIST_SUPPLIERS, list_suppliers),
    (&s2_partner::LIST_WAREHOUSES, list_warehouses),
];

/// `X-AccessKey: <key>`, exactly the key of the environment the mock plays.
pub(crate) fn authorize(state: &MockState, call: &Call) -> Result<(), VendorError> {
    let refuse = |message| Err(VendorError::new(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", message));
    match call.header("x-accesskey") {
        Some(key) if key == state.config.s2_partner_access_key => Ok(()),
        Some(_) => refuse("invalid X-AccessKey"),
        None => refuse("missing X-AccessKey header"),
    }
}

/// The page of `items` that the call's `next_token` asks for, and the next page's token:
/// every list of this API pages the same way.
fn page<'a, T: Clone + 'a>(items: impl Iterator<Item = &'a T>, list: &str, call: &Call) -> Result<(Vec<T>, Option<String>), VendorError> {
    let items: Vec<&T> = items.collect();
    let (page, next_token) = paging::page(&items, list, call.query_text("next_token")).map_err(invalid_argument)?;
    Ok((page.iter().map(|&item| item.clone()).collect(), next_token))
}

/// The ids of `id_list` (one comma-separated parameter), or `None` for every object.
fn id_list(call: &Call) -> Result<Option<Vec<i64>>, VendorError> {
    call.query_list("id_list")
        .map(|ids| ids.into_iter().map(|id| id.parse().map_err(|_| invalid_argument(format!("id_list: {id:?} is not an id")))).collect())
        .transpose()
}

fn listed(ids: &Option<Vec<i64>>, id: i64) -> bool {
    ids.as_ref().is_none_or(|ids| ids.contains(&id))
}

fn list_fulfillments(state: &MockState, call: &Call) -> Answer {
    let ids = id_list(call)?;
    let store = state.s2_partner.lock().unwrap();
    let (items, next_token) = page(store.data.fulfillments.iter().filter(|f| listed(&ids, f.id)), "fulfillment", call)?;
    ok(&PartnerFulfillmentPage { items, next_token })
}

fn list_products(state: &MockState, call: &Call) -> Answer {
    let store = state.s2_partner.lock().unwrap();
    let (items, next_token) = page(store.data.products.iter(), "product", call)?;
    ok(&PartnerProductPage { items, next_token })
}

fn list_purchase_orders(state: &MockState, call: &Call) -> Answer {
    let ids = id_list(call)?;
    let store = state.s2_partner.lock().unwrap();
    let (items, next_token) = page(store.data.purchase_orders.iter().filter(|p| listed(&ids, p.id)), "purchase-order", call)?;
    // The vendor wraps the page in an array, and its type declares `next_token` as
    // always present: the last page carries an empty one.
    ok(&[PartnerPurchaseOrderPage { items, next_token: next_token.unwrap_or_default() }])
}

fn get_inventory_supply(state: &MockState, call: &Call) -> Answer {
    let warehouse_id = call.query_text("warehouse_id").ok_or_else(|| invalid_argument("warehouse_id: is required"))?;
    let store = state.s2_partner.lock().unwrap();
    store.require_warehouse("warehouse_id", warehouse_id)?;
    let rows = store.data.supply.iter().find(|(id, _)| id == warehouse_id).map(|(_, rows)| rows.as_slice()).unwrap_or_default();
    let skus = call.query_list("sku_list");
    let rows: Vec<&PartnerInventorySupply> = rows.iter().filter(|row| skus.as_ref().is_none_or(|skus| skus.contains(&row.sku.as_str()))).collect();
    ok(&rows)
}

fn list_suppliers(state: &MockState, _call: &Call) -> Answer {
    ok(&state.s2_partner.lock().unwrap().data.suppliers)
}

fn list_warehouses(state: &MockState, _call: &Call) -> Answer {
    ok(&state.s2_partner.lock().unwrap().data.warehouses)
}

impl CheckedBody for NewPartnerFulfillment {
    fn problems(&self) -> Vec<FieldError> {
        self.check()
    }
}

impl CheckedBody for NewPartnerPurchaseOrder {
    fn problems(&self) -> Vec<FieldError> {
        self.check()
    }
}

/// Creates a fulfillment, as the seed's response shows one: status `created`, with the
/// `pending` shipment that will carry its items, the optional text fields `""` when
/// not given and the shipping method `standard`.
fn create_fulfillment(state: &MockState, call: &Call) -> Answer {
    let body: NewPartnerFulfillment = checked_body(call)?;
    let mut store = state.s2_partner.lock().unwrap();
    store.require_warehouse("fulfillment_warehouse_id", &body.fulfillment_warehouse_id)?;
    let now = now();
    let (id, shipment_id) = (store.next_fulfillment_id, store.next_shipment_id);
    store.next_fulfillment_id += 1;
    store.next_shipment_id += 1;
    let fulfillment = PartnerFulfillment {
        id,
        fulfillment_warehouse_id: body.fulfillment_warehouse_id,
        status: "created".into(),
        name: body.name,
        address1: body.address1,
        address2: body.address2.unwrap_or_default(),
        address3: body.address3.unwrap_or_default(),
        city: body.city,
        province: body.province.unwrap_or_default(),
        country_id: body.country_id,
        zip: body.zip.unwrap_or_default(),
        phone: body.phone.unwrap_or_default(),
        shipments: vec![PartnerShipment {
            id: shipment_id,
            status: "pending".into(),
            carrier_id: String::new(),
            tracking_numbers: Vec::new(),
            created_at: now.clone(),
            updated_at: now.clone(),
            items: body.items.clone(),
            created_by: api_user(),
            label_id: None,
            label_type: None,
            shipped_by: None,
            remarks: String::new(),
        }],
        items: body.items,
        shipping_method: body.shipping_method.filter(|m| !m.trim().is_empty()).unwrap_or_else(|| "standard".into()),
        warehouse_remarks: None,
        created_at: now.clone(),
        updated_at: now,
    };
    store.data.fulfillments.push(fulfillment.clone());
    ok(&fulfillment)
}

/// Creates a purchase order: `pending`, nothing received yet, no completion date.
fn create_purchase_order(state: &MockState, call: &Call) -> Answer {
    let body: NewPartnerPurchaseOrder = checked_body(call)?;
    let mut store = state.s2_partner.lock().unwrap();
    store.require_warehouse("to_warehouse_id", &body.to_warehouse_id)?;
    let from_supplier = store.supplier(body.from_supplier_id)?.clone();
    let now = now();
    let id = store.next_purchase_order_id;
    store.next_purchase_order_id += 1;
    let order = PartnerPurchaseOrder {
        completion_date: None,
        created_at: now.clone(),
        eta: body.eta,
        from_supplier,
        id,
        items: body.items.into_iter().map(|i| PartnerPurchaseOrderItem { completed_quantity: 0, quantity: i.quantity, sku: i.sku }).collect(),
        remarks: body.remarks.unwrap_or_default(),
        status: "pending".into(),
        to_warehouse_id: body.to_warehouse_id,
        updated_at: now,
    };
    store.data.purchase_orders.push(order.clone());
    ok(&order)
}
