//! Request bodies the mock accepts, built from the core's request types: for tests of
//! the mock, of the proxy in front of it, and of anything else that creates against it.
//! Each names warehouses, suppliers and products the mock's data holds.

use commerce_kit::vendors::s2::fulfillment::{
    OrderType, S2NewFulfillmentAttachment, S2NewFulfillmentItem, S2NewFulfillmentOrder, S2NewFulfillmentShipment, S2PrepaidLabel,
};
use commerce_kit::vendors::s2::inventory::S2Address;
use commerce_kit::vendors::s2_partner::fulfillment::{NewPartnerFulfillment, PartnerFulfillmentItem};
use commerce_kit::vendors::s2_partner::purchase_order::{NewPartnerPurchaseOrder, NewPartnerPurchaseOrderItem};

/// A fulfillment the checks accept, into a listed warehouse, of listed SKUs.
pub fn partner_fulfillment() -> NewPartnerFulfillment {
    NewPartnerFulfillment {
        address1: "85810 Sheridan Summit".into(),
        address2: None,
        address3: None,
        city: "Minnetonka".into(),
        country_id: "US".into(),
        fulfillment_warehouse_id: "system_84".into(),
        items: vec![PartnerFulfillmentItem { sku: "0zt9-5uk7".into(), quantity: 2 }, PartnerFulfillmentItem { sku: "h516-ozd4".into(), quantity: 1 }],
        name: "Roland Ullrich".into(),
        phone: Some("(655) 941-4652".into()),
        province: Some("Minnesota".into()),
        shipping_method: None,
        zip: Some("55345".into()),
    }
}

/// A purchase order from a listed supplier into a listed warehouse.
pub fn partner_purchase_order() -> NewPartnerPurchaseOrder {
    NewPartnerPurchaseOrder {
        eta: "2022-10-14T09:00:00Z".into(),
        from_supplier_id: 52,
        items: vec![NewPartnerPurchaseOrderItem { quantity: 24, sku: "h516-ozd4".into() }],
        remarks: None,
        to_warehouse_id: "system_73".into(),
    }
}

/// The seed's request example, with the warehouse and product ids of the seed's
/// inventory overview (the example's own ids are masked and off by a digit), so it
/// needs [`crate::Dataset::SeedExample`].
pub fn fulfillment_order(channel_fulfillment_id: Option<&str>) -> S2NewFulfillmentOrder {
    let item = |product_id: &str, quantity| S2NewFulfillmentItem { product_id: product_id.into(), quantity };
    let (test, grey) = ("3775cc37-30e7-4579-a58e-c9adda6fa888", "bab7c35b-2ecb-4b40-be82-8dc1e0a86888");
    S2NewFulfillmentOrder {
        order_id: Some("ae52b0ab-8f0c-4b11-9c13-c5c221228ecd".into()),
        address: S2Address {
            name: "test".into(),
            company: "test company".into(),
            address1: "test address".into(),
            address2: "test address2".into(),
            city: "test city".into(),
            state: "test".into(),
            postal_code: "123456".into(),
            country_id: "CN".into(),
            phone: "123456".into(),
            email: "".into(),
        },
        warehouse_id: Some("9cae310d-c440-4d78-bdc0-bf306ec33888".into()),
        channel_fulfillment_id: channel_fulfillment_id.map(Into::into),
        order_account_id: Some("1ac48942-405a-4841-a7d8-708f50dbe888".into()),
        account_code: Some("test_account_code".into()),
        order_type: Some(OrderType::B2c),
        shipping_method: "Expedited".into(),
        items: vec![item(test, 2), item(grey, 1)],
        shipments: vec![S2NewFulfillmentShipment {
            items: vec![item(test, 2), item(grey, 1)],
            prepaid_labels: vec![S2PrepaidLabel { file_path: "95d73baf-76ba-4bea-86ac-1534c5e5d4aa/2024-04-24/shipping_label/label.png".into() }],
            shipping_carrier_id: Some("OTHER".into()),
            tracking_number: None,
        }],
        attachments: vec![S2NewFulfillmentAttachment {
            file_name: "听雨 (24 x 26.25)_PFPWig.jpg".into(),
            path: "95d73baf/2024-04-24/fulfillment/听雨.jpg".into(),
        }],
        additional_reference_ids: Some(vec![]),
        ..S2NewFulfillmentOrder::default()
    }
}
