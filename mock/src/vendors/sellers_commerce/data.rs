//! The store the mock starts with: the document's one example (the shopper of
//! "sample string"s) plus a little deterministic generated data, holding only the
//! fields the catalogue declares, so that every answer validates without drift.
//!
//! Suppliers, brands and embellishments are free-form in the catalogue (the document
//! names none of their fields); the mock's keys for them (`SupplierName`, `BrandName`,
//! `EmbellishmentName`...) are its own invention, not the vendor's.

use commerce_kit::vendors::sellers_commerce::category::SellersCategory;
use commerce_kit::vendors::sellers_commerce::codes::{CARRIER, ORDER_STATUS, PAYMENT_GATEWAY, PAYMENT_METHOD, SERVICE_TYPE_CARRIERS};
use commerce_kit::vendors::sellers_commerce::order::SellersOrder;
use commerce_kit::vendors::sellers_commerce::product::{SellersProduct, SellersSku};
use commerce_kit::vendors::sellers_commerce::returns::SellersReturnRequest;
use commerce_kit::vendors::sellers_commerce::shopper::{SellersAddress, SellersShopper};
use serde_json::{json, Value};

use crate::generate::Rng;

/// The generated part of the store is the same in every mock.
const DATASET_SEED: u64 = 0x5345_4c4c_4552_5343;

/// Products `SC-1001` to `SC-1012`.
pub(crate) const PRODUCTS: usize = 12;
/// SKUs per product.
pub(crate) const SKUS_PER_PRODUCT: usize = 3;
/// Orders `SC1001` to `SC1024`, placed through 2016.
pub(crate) const ORDERS: usize = 24;

/// The `ProviderID` of the mock's one store (`PortalAdmin/RedirectURL`); any other is
/// `ProviderNotExists`.
pub(crate) const PROVIDER_ID: &str = "7";

/// The portal's admins (`UserID`, `UserName`, `Email`): the mock's invention for the
/// undocumented `PortalAdmin` operations.
pub(crate) const PORTAL_ADMINS: &[(i64, &str, &str)] =
    &[(1, "mock-admin", "admin@example.com"), (2, "ops.lead", "ops@example.com"), (3, "catalogue.editor", "catalogue@example.com")];

/// The store's data.
pub(crate) struct Data {
    pub products: Vec<SellersProduct>,
    pub skus: Vec<SellersSku>,
    pub suppliers: Vec<Value>,
    pub shoppers: Vec<SellersShopper>,
    pub returns: Vec<SellersReturnRequest>,
    pub categories: Vec<SellersCategory>,
    /// `(ProductCode, CategoryCode)`.
    pub product_categories: Vec<(String, String)>,
    pub brands: Vec<Value>,
    /// `(ProductCode, embellishment)`.
    pub embellishments: Vec<(String, Value)>,
    pub orders: Vec<SellersOrder>,
    /// What each order holds, for shipping (the document names no order item field).
    pub order_lines: Vec<OrderLine>,
    /// `(OrderNumber, TransactionNumber)` of each payment captured through
    /// `paymentinformation`.
    pub captures: Vec<(String, String)>,
}

/// One item of an order, the mock's own model: the SKU code the shipping body names and
/// how many are ordered and already shipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OrderLine {
    pub order_number: String,
    pub sku_code: String,
    pub ordered: u64,
    pub shipped: u64,
}

/// The document's example shopper, verbatim, with the username the mock files it under
/// (the example leaves the username out).
pub(crate) fn document_shopper() -> SellersShopper {
    SellersShopper {
        first_name: Some("sample string 1".into()),
        last_name: Some("sample string 2".into()),
        dob: Some("2016-04-27T14:38:17.1709364+00:00".into()),
        deleted: Some(true),
        shopper_type_id: Some(11),
        address: Some(vec![SellersAddress {
            address_name: Some("sample string 1".into()),
            address_line1: Some("sample string 3".into()),
            city: Some("sample string 5".into()),
            state_code: Some("sample string 6".into()),
            country_code: Some("sample string 7".into()),
            zip_code: Some("sample string 8".into()),
        }]),
        user_name: Some("sample.shopper".into()),
        gender: None,
    }
}

pub(crate) fn seeded() -> Data {
    let mut rng = Rng::new(DATASET_SEED);
    let products: Vec<SellersProduct> =
        (0..PRODUCTS).map(|i| SellersProduct { product_code: Some(format!("SC-{}", 1001 + i)), sc_product_id: Some(1001 + i as i64) }).collect();
    let skus = products
        .iter()
        .flat_map(|p| (0..SKUS_PER_PRODUCT).map(move |_| SellersSku { sc_product_id: p.sc_product_id, product_code: p.product_code.clone() }))
        .collect();
    let suppliers = ["Acme Drinkware", "Globex Kitchen Supply", "Initech Textiles"]
        .iter()
        .enumerate()
        .map(|(i, name)| json!({ "SupplierID": i + 1, "SupplierName": name }))
        .collect();

    let people =
        [("Ann", "O'Neil", "ann.oneil", 2, "Austin", "TX"), ("Bo", "Lindqvist", "bo.l", 1, "Portland", "OR"), ("Chen", "Wei", "chen.wei", 1, "Boston", "MA")];
    let mut shoppers = vec![document_shopper()];
    for (first, last, user, gender, city, state) in people {
        shoppers.push(SellersShopper {
            first_name: Some(first.into()),
            last_name: Some(last.into()),
            dob: Some(format!("19{}-0{}-1{}T00:00:00+00:00", 70 + rng.below(25), 1 + rng.below(9), rng.below(10))),
            deleted: Some(false),
            shopper_type_id: Some(1),
            address: Some(vec![SellersAddress {
                address_name: Some("Home".into()),
                address_line1: Some(format!("{} Main Street", 10 + rng.below(900))),
                city: Some(city.into()),
                state_code: Some(state.into()),
                country_code: Some("US".into()),
                zip_code: Some(format!("{:05}", 10_000 + rng.below(89_999))),
            }]),
            user_name: Some(user.into()),
            gender: Some(gender),
        });
    }

    let categories = vec![
        SellersCategory { category_code: Some("DRINKWARE".into()), is_brand: Some(1) },
        SellersCategory { category_code: Some("KITCHEN".into()), is_brand: Some(1) },
        SellersCategory { category_code: Some("ACME".into()), is_brand: Some(0) },
        SellersCategory { category_code: Some("GLOBEX".into()), is_brand: Some(0) },
    ];
    let product_categories = products
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            let code = p.product_code.clone().unwrap_or_default();
            let (category, brand) = if i % 2 == 0 { ("DRINKWARE", "ACME") } else { ("KITCHEN", "GLOBEX") };
            [(code.clone(), category.to_string()), (code, brand.to_string())]
        })
        .collect();
    let brands = vec![json!({ "BrandName": "Acme", "CategoryCode": "ACME" }), json!({ "BrandName": "Globex", "CategoryCode": "GLOBEX" })];
    let embellishments = vec![
        ("SC-1001".to_string(), json!({ "EmbellishmentName": "Monogram", "DisplayTypeID": 1, "PricingType": 1, "Price": 5.0 })),
        ("SC-1001".to_string(), json!({ "EmbellishmentName": "Gift wrap", "DisplayTypeID": 2, "PricingType": 1, "Price": 3.5 })),
        ("SC-1003".to_string(), json!({ "EmbellishmentName": "Logo print", "DisplayTypeID": 3, "PricingType": 2, "Price": 10.0 })),
    ];

    let statuses: Vec<i64> = ORDER_STATUS.codes.iter().map(|c| c.value).filter(|v| *v >= 3).collect();
    let orders: Vec<SellersOrder> = (0..ORDERS)
        .map(|i| {
            // Through 2016, two a month, numbered in the order they were placed: the
            // first of a month in its first half, the second in its second.
            let month = 1 + i / 2;
            let day = 1 + (i % 2) as u64 * 14 + rng.below(27) % 14;
            let placed = format!("2016-{month:02}-{day:02}T{:02}:{:02}:{:02}+00:00", 8 + rng.below(12), rng.below(60), rng.below(60));
            let (service, carrier) = *rng.pick(SERVICE_TYPE_CARRIERS).expect("service types");
            let pickup = rng.below(6) == 0;
            SellersOrder {
                order_number: Some(format!("SC{}", 1001 + i)),
                order_status_id: Some(*rng.pick(&statuses).expect("statuses")),
                order_placed_date: Some(placed.clone()),
                created_date: Some(placed.clone()),
                modified_date: if rng.below(3) == 0 { None } else { Some(placed.replace("+00:00", ".5+00:00")) },
                service_type_id: if pickup { None } else { Some(service) },
                carrier_id: Some(if pickup { 7 } else { carrier }),
                payment_method_id: rng.pick(PAYMENT_METHOD.codes).map(|c| c.value),
                payment_status_id: Some(75),
                payment_gateway_id: rng.pick(PAYMENT_GATEWAY.codes).map(|c| c.value),
                discount_type_id: if rng.below(4) == 0 { Some(3) } else { Some(217) },
            }
        })
        .collect();
    debug_assert!(orders.iter().all(|o| o.carrier_id.is_some_and(|c| CARRIER.contains(c))));
    // Two products per order: the `i`-th order holds 1 to 3 of product `i` and 2 of
    // product `i + 5` (modulo the catalogue), nothing shipped yet.
    let order_lines = orders
        .iter()
        .enumerate()
        .flat_map(|(i, order)| {
            let number = order.order_number.clone().unwrap_or_default();
            [(i % PRODUCTS, 1 + (i % 3) as u64), ((i + 5) % PRODUCTS, 2)].map(|(product, ordered)| OrderLine {
                order_number: number.clone(),
                sku_code: format!("SC-{}", 1001 + product),
                ordered,
                shipped: 0,
            })
        })
        .collect();
    let returns = vec![
        SellersReturnRequest { return_number: Some("RMA-5001".into()), order_number: Some("SC1001".into()) },
        SellersReturnRequest { return_number: Some("RMA-5002".into()), order_number: Some("SC1004".into()) },
    ];

    Data { products, skus, suppliers, shoppers, returns, categories, product_categories, brands, embellishments, orders, order_lines, captures: Vec::new() }
}
