//! The S2 Partner account the mock plays: the seed document's examples, topped up with
//! generated data so that every list pages (more than one page of 50) and every
//! reference resolves (a fulfillment's warehouse is a listed warehouse, a purchase
//! order's supplier a listed supplier, a supply row's SKU a listed product).

use std::collections::HashSet;

use commerce_kit::vendors::s2_partner::fulfillment::{PartnerFulfillment, PartnerFulfillmentItem, PartnerFulfillmentPage, PartnerShipment, PartnerUser};
use commerce_kit::vendors::s2_partner::inventory_supply::PartnerInventorySupply;
use commerce_kit::vendors::s2_partner::product::{PartnerProduct, PartnerProductPage};
use commerce_kit::vendors::s2_partner::purchase_order::{PartnerPurchaseOrder, PartnerPurchaseOrderItem};
use commerce_kit::vendors::s2_partner::supplier::PartnerSupplier;
use commerce_kit::vendors::s2_partner::warehouse::PartnerWarehouse;
use serde::de::DeserializeOwned;

use super::{timestamp, Rng};

/// How many fulfillments the account starts with (five pages).
pub const FULFILLMENTS: usize = 250;
/// How many purchase orders the account starts with (three pages).
pub const PURCHASE_ORDERS: usize = 120;
/// How many products the account starts with (three pages).
pub const PRODUCTS: usize = 130;

/// The warehouse of the seed's inventory-supply example (`?warehouse_id=system_69`).
pub const SUPPLY_EXAMPLE_WAREHOUSE: &str = "system_69";

/// Who the partner's own API calls are recorded as (the `created_by` of the shipment of
/// a fulfillment created through the API).
pub fn api_user() -> PartnerUser {
    PartnerUser { id: 1, name: "S2 Partner API".into(), email: "partner-api@s2sell.example".into() }
}

/// Everything the mock's S2 Partner account holds, each list in the order it is served.
#[derive(Debug, Clone)]
pub struct PartnerDataset {
    pub warehouses: Vec<PartnerWarehouse>,
    pub suppliers: Vec<PartnerSupplier>,
    pub products: Vec<PartnerProduct>,
    /// Each warehouse's supply, in the order of `warehouses`, rows in product order.
    pub supply: Vec<(String, Vec<PartnerInventorySupply>)>,
    /// Ascending ids: creation order.
    pub fulfillments: Vec<PartnerFulfillment>,
    /// Ascending ids: creation order.
    pub purchase_orders: Vec<PartnerPurchaseOrder>,
}

// The seed document's response examples, as the core's fixtures hold them.
const SEED_FULFILLMENTS: &str = include_str!("../../../tests/fixtures/s2_partner.list_fulfillments/good.json");
const SEED_PRODUCTS: &str = include_str!("../../../tests/fixtures/s2_partner.list_products/good.json");
const SEED_SUPPLY: &str = include_str!("../../../tests/fixtures/s2_partner.get_inventory_supply/good.json");
const SEED_SUPPLIERS: &str = include_str!("../../../tests/fixtures/s2_partner.list_suppliers/good.json");
const SEED_WAREHOUSES: &str = include_str!("../../../tests/fixtures/s2_partner.list_warehouses/good.json");

/// SKUs the seed's fulfillment and inventory-supply examples mention: listed products here.
const SEED_SKUS: [&str; 4] = ["0zt9-5uk7", "h516-ozd4", "j40c-20s3", "pnb6-7w26"];

/// Generated fulfillments are created from here on, one every few hours (the seed's
/// example was created the day before).
const FIRST_CREATED_SECONDS: i64 = 1_636_675_200; // 2021-11-12T00:00:00Z
const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;

const FIRST_NAMES: [&str; 16] =
    ["Roland", "Jerome", "Amara", "Liam", "Sofia", "Mateo", "Priya", "Noah", "Chloe", "Kenji", "Olivia", "Hugo", "Zara", "Ethan", "Mei", "Isaac"];
const LAST_NAMES: [&str; 16] = [
    "Ullrich",
    "Hoeger",
    "Connelly",
    "Bailey",
    "Prosacco",
    "Quigley",
    "Bartoletti",
    "Mueller",
    "Gerhold",
    "Berge",
    "Heathcote",
    "Langosh",
    "Buckridge",
    "Mills",
    "Bechtelar",
    "Streich",
];
const STREETS: [&str; 8] = ["Sheridan", "Maple", "Harbour", "Station", "Victoria", "Lakeview", "Granite", "Orchard"];
const STREET_KINDS: [&str; 6] = ["Summit", "Street", "Road", "Avenue", "Lane", "Parade"];
/// (city, province, country, postcode, carrier)
const PLACES: [(&str, &str, &str, &str, &str); 8] = [
    ("Minnetonka", "Minnesota", "US", "55345", "USPS"),
    ("Austin", "Texas", "US", "73301", "UPS"),
    ("Melbourne", "Victoria", "AU", "3000", "Australia Post"),
    ("Sydney", "New South Wales", "AU", "2000", "Australia Post"),
    ("Toronto", "Ontario", "CA", "M5V 2T6", "Canada Post"),
    ("Vancouver", "British Columbia", "CA", "V6B 1A1", "Canada Post"),
    ("Manchester", "Greater Manchester", "GB", "M1 1AE", "Royal Mail"),
    ("Auckland", "Auckland", "NZ", "1010", "NZ Post"),
];
const ADJECTIVES: [&str; 8] = ["Licensed", "Handcrafted", "Ergonomic", "Rustic", "Sleek", "Refined", "Practical", "Intelligent"];
const MATERIALS: [&str; 8] = ["Cotton", "Steel", "Wooden", "Plastic", "Granite", "Rubber", "Bronze", "Concrete"];
/// (noun, category)
const KINDS: [(&str, &str); 8] = [
    ("Keyboard", "Keyboards"),
    ("Headphones", "Headphones"),
    ("Earbuds", "Headphones"),
    ("Speaker", "Speakers"),
    ("Soundbar", "Speakers"),
    ("Mouse", "Accessories"),
    ("Cable", "Accessories"),
    ("Charger", "Accessories"),
];
const CASE_PACKS: [i64; 6] = [1, 2, 4, 6, 10, 12];
const PO_REMARKS: [&str; 5] = ["", "", "first batch", "restock before peak season", "split delivery accepted"];

/// The dataset for `seed`: the same on every machine.
pub fn partner_dataset(seed: u64) -> PartnerDataset {
    let mut rng = Rng::new(seed);

    let mut warehouses: Vec<PartnerWarehouse> = from_seed(SEED_WAREHOUSES);
    // The warehouses the seed's other examples ship from and count stock in.
    for id in [SUPPLY_EXAMPLE_WAREHOUSE, "system_84"] {
        warehouses.push(PartnerWarehouse { id: id.into(), name: company(&mut rng) });
    }

    let mut suppliers: Vec<PartnerSupplier> = from_seed(SEED_SUPPLIERS);
    suppliers.extend((60..66).map(|id| PartnerSupplier { id, name: company(&mut rng) }));

    let mut products = from_seed::<PartnerProductPage>(SEED_PRODUCTS).items;
    let mut skus: HashSet<String> = products.iter().map(|p| p.sku.clone()).collect();
    let mut new_skus: Vec<String> = SEED_SKUS.iter().map(|s| s.to_string()).collect();
    skus.extend(new_skus.iter().cloned());
    while products.len() + new_skus.len() < PRODUCTS {
        let sku = sku(&mut rng);
        if skus.insert(sku.clone()) {
            new_skus.push(sku);
        }
    }
    for sku in new_skus {
        products.push(product(&mut rng, sku));
    }

    let supply = supply(&mut rng, &warehouses, &products);

    let mut fulfillments = from_seed::<PartnerFulfillmentPage>(SEED_FULFILLMENTS).items;
    let seed_user = fulfillments[0].shipments[0].created_by.clone();
    let staff: Vec<PartnerUser> = std::iter::once(seed_user)
        .chain((0..3).map(|i| {
            let (first, last) = (pick(&mut rng, &FIRST_NAMES), pick(&mut rng, &LAST_NAMES));
            PartnerUser { id: 200 + i, name: format!("{first} {last}"), email: format!("{first}.{last}@warehouse.example") }
        }))
        .collect();
    let mut next_shipment_id = fulfillments.iter().flat_map(|f| &f.shipments).map(|s| s.id).max().unwrap_or(0) + 1;
    let first_id = fulfillments.iter().map(|f| f.id).max().unwrap_or(0) + 1;
    for (n, id) in (first_id..).take(FULFILLMENTS - fulfillments.len()).enumerate() {
        let created = FIRST_CREATED_SECONDS + n as i64 * 3 * HOUR + rng.below(HOUR as u64) as i64;
        fulfillments.push(fulfillment(&mut rng, id, created, &warehouses, &products, &staff, &mut next_shipment_id));
    }

    // The seed's purchase-order examples are Swagger placeholders (id 0, supplier
    // "string", warehouse "string") that no listed supplier or warehouse matches: the
    // account holds generated ones of the same shape instead.
    let purchase_orders = (1..=PURCHASE_ORDERS as i64)
        .map(|id| purchase_order(&mut rng, id, FIRST_CREATED_SECONDS + id * 5 * HOUR, &warehouses, &suppliers, &products))
        .collect();

    PartnerDataset { warehouses, suppliers, products, supply, fulfillments, purchase_orders }
}

fn from_seed<T: DeserializeOwned>(json: &str) -> T {
    serde_json::from_str(json).expect("the seed fixtures decode into the core's wire types")
}

fn pick<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    rng.pick(items).copied().unwrap_or_default()
}

/// Seconds to a [`timestamp`] with a varying fraction, like the vendor's.
fn at(rng: &mut Rng, seconds: i64) -> String {
    timestamp(seconds * 1_000_000 + rng.below(1_000_000) as i64)
}

/// A company name in the seed's styles: "Bailey, Prosacco and Quigley", "Buckridge - Streich".
fn company(rng: &mut Rng) -> String {
    let names: Vec<&str> = rng.sample(&LAST_NAMES, 3).into_iter().copied().collect();
    if rng.below(2) == 0 {
        format!("{}, {} and {}", names[0], names[1], names[2])
    } else {
        format!("{} - {}", names[0], names[1])
    }
}

/// An SKU like the seed's `0zt9-5uk7`.
fn sku(rng: &mut Rng) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut part = || (0..4).map(|_| ALPHABET[rng.below(ALPHABET.len() as u64) as usize] as char).collect::<String>();
    format!("{}-{}", part(), part())
}

fn product(rng: &mut Rng, sku: String) -> PartnerProduct {
    let (noun, category) = *rng.pick(&KINDS).expect("kinds are listed");
    let case_pack = *rng.pick(&CASE_PACKS).expect("case packs are listed");
    let (length, width, height) = (60 + rng.below(400), 40 + rng.below(200), 20 + rng.below(300));
    let weight = (5 + rng.below(300)) as f64 / 100.0;
    PartnerProduct {
        sku,
        upc: format!("{:010}", rng.below(10_000_000_000)),
        title: format!("{} {} {noun}", pick(rng, &ADJECTIVES), pick(rng, &MATERIALS)),
        is_parent: rng.below(10) == 0,
        remarks: String::new(),
        case_pack,
        image_main: format!("https://loremflickr.com/640/480?lock={}", rng.below(100_000)),
        package_length_mm: length as f64,
        package_width_mm: width as f64,
        package_height_mm: height as f64,
        shipping_weight_kg: weight,
        case_length_mm: (length * 2 + 10) as f64,
        case_width_mm: (width * case_pack.min(4) as u64 + 10) as f64,
        case_height_mm: (height * 2 + 10) as f64,
        case_weight_kg: (weight * case_pack as f64 * 100.0 + 40.0).round() / 100.0,
        category: category.into(),
    }
}

/// About two thirds of the products in each warehouse; in the seed's example warehouse
/// the three SKUs of the example, with the example's quantities.
fn supply(rng: &mut Rng, warehouses: &[PartnerWarehouse], products: &[PartnerProduct]) -> Vec<(String, Vec<PartnerInventorySupply>)> {
    let example: Vec<PartnerInventorySupply> = from_seed(SEED_SUPPLY);
    let mut all = Vec::with_capacity(warehouses.len());
    for warehouse in warehouses {
        let mut rows = Vec::new();
        for product in products {
            let seeded = example.iter().find(|row| warehouse.id == SUPPLY_EXAMPLE_WAREHOUSE && row.sku == product.sku);
            if let Some(row) = seeded {
                rows.push(row.clone());
            } else if rng.below(3) != 0 {
                rows.push(PartnerInventorySupply {
                    sku: product.sku.clone(),
                    quantity_available: rng.below(500) as i64,
                    quantity_pending: rng.below(60) as i64,
                    quantity_hold: rng.below(20) as i64,
                });
            }
        }
        all.push((warehouse.id.clone(), rows));
    }
    all
}

/// A fulfillment created at `created` (seconds): shipped (with its shipment) seven times
/// in ten, otherwise just created, with the pending shipment S2 opens at creation.
fn fulfillment(
    rng: &mut Rng,
    id: i64,
    created: i64,
    warehouses: &[PartnerWarehouse],
    products: &[PartnerProduct],
    staff: &[PartnerUser],
    next_shipment_id: &mut i64,
) -> PartnerFulfillment {
    let (city, province, country, zip, carrier) = *rng.pick(&PLACES).expect("places are listed");
    let count = 1 + rng.below(3) as usize;
    let items: Vec<PartnerFulfillmentItem> =
        rng.sample(products, count).into_iter().map(|p| PartnerFulfillmentItem { sku: p.sku.clone(), quantity: 1 + rng.below(4) as i64 }).collect();
    let shipped = rng.below(10) < 7;
    let updated = if shipped { created + DAY + rng.below(3 * DAY as u64) as i64 } else { created };
    let created_at = at(rng, created);
    let updated_at = at(rng, updated);
    let shipment_id = *next_shipment_id;
    *next_shipment_id += 1;
    let shipment = PartnerShipment {
        id: shipment_id,
        status: if shipped { "shipped" } else { "pending" }.into(),
        carrier_id: if shipped { carrier.into() } else { String::new() },
        tracking_numbers: if shipped { vec![tracking_number(rng)] } else { Vec::new() },
        created_at: created_at.clone(),
        updated_at: updated_at.clone(),
        items: items.clone(),
        created_by: rng.pick(staff).expect("staff are listed").clone(),
        label_id: None,
        label_type: None,
        shipped_by: if shipped { rng.pick(staff).cloned() } else { None },
        remarks: String::new(),
    };
    PartnerFulfillment {
        id,
        fulfillment_warehouse_id: rng.pick(warehouses).expect("warehouses are listed").id.clone(),
        status: if shipped { "shipped" } else { "created" }.into(),
        name: format!("{} {}", pick(rng, &FIRST_NAMES), pick(rng, &LAST_NAMES)),
        address1: format!("{} {} {}", 1 + rng.below(99_999), pick(rng, &STREETS), pick(rng, &STREET_KINDS)),
        address2: if rng.below(3) == 0 { format!("Unit {}", 1 + rng.below(40)) } else { String::new() },
        address3: String::new(),
        city: city.into(),
        province: province.into(),
        country_id: country.into(),
        zip: zip.into(),
        phone: format!("({:03}) {:03}-{:04}", 200 + rng.below(800), rng.below(1000), rng.below(10_000)),
        items,
        shipments: vec![shipment],
        shipping_method: if rng.below(5) == 0 { "expedited" } else { "standard" }.into(),
        warehouse_remarks: None,
        created_at,
        updated_at,
    }
}

/// Like the seed's `wn44vfhvqudkno3`.
fn tracking_number(rng: &mut Rng) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    (0..15).map(|_| ALPHABET[rng.below(ALPHABET.len() as u64) as usize] as char).collect()
}

/// A purchase order created at `created` (seconds): two in three have arrived
/// (`completed`, every unit received), the rest are `pending` with nothing received.
fn purchase_order(
    rng: &mut Rng,
    id: i64,
    created: i64,
    warehouses: &[PartnerWarehouse],
    suppliers: &[PartnerSupplier],
    products: &[PartnerProduct],
) -> PartnerPurchaseOrder {
    let completed = rng.below(3) != 0;
    let eta = created + (7 + rng.below(24) as i64) * DAY;
    let arrived = eta + rng.below(3 * DAY as u64) as i64;
    let count = 1 + rng.below(4) as usize;
    let items = rng
        .sample(products, count)
        .into_iter()
        .map(|p| {
            let quantity = p.case_pack * (1 + rng.below(10) as i64);
            PartnerPurchaseOrderItem { completed_quantity: if completed { quantity } else { 0 }, quantity, sku: p.sku.clone() }
        })
        .collect();
    let created_at = at(rng, created);
    let completion_date = completed.then(|| at(rng, arrived));
    PartnerPurchaseOrder {
        updated_at: completion_date.clone().unwrap_or_else(|| created_at.clone()),
        completion_date,
        created_at,
        eta: at(rng, eta),
        from_supplier: rng.pick(suppliers).expect("suppliers are listed").clone(),
        id,
        items,
        remarks: pick(rng, &PO_REMARKS).into(),
        status: if completed { "completed" } else { "pending" }.into(),
        to_warehouse_id: rng.pick(warehouses).expect("warehouses are listed").id.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dataset_is_deterministic_and_holds_the_seed_examples() {
        let data = partner_dataset(1);
        assert_eq!(format!("{data:?}"), format!("{:?}", partner_dataset(1)));
        assert_eq!((data.fulfillments.len(), data.purchase_orders.len(), data.products.len()), (FULFILLMENTS, PURCHASE_ORDERS, PRODUCTS));
        assert_eq!(data.fulfillments[0], from_seed::<PartnerFulfillmentPage>(SEED_FULFILLMENTS).items[0]);
        assert_eq!(data.products[0].sku, "mluw-tb2n");
        assert_eq!(&data.warehouses[..3], &from_seed::<Vec<PartnerWarehouse>>(SEED_WAREHOUSES)[..]);
        assert_eq!(&data.suppliers[..2], &from_seed::<Vec<PartnerSupplier>>(SEED_SUPPLIERS)[..]);
        let example = &data.supply.iter().find(|(w, _)| w == SUPPLY_EXAMPLE_WAREHOUSE).unwrap().1;
        for row in from_seed::<Vec<PartnerInventorySupply>>(SEED_SUPPLY) {
            assert!(example.contains(&row), "{row:?}");
        }
    }

    #[test]
    fn ids_and_skus_are_unique_and_references_resolve() {
        let data = partner_dataset(1);
        let unique = |ids: Vec<String>| ids.len() == ids.iter().collect::<HashSet<_>>().len();
        assert!(unique(data.fulfillments.iter().map(|f| f.id.to_string()).collect()));
        assert!(unique(data.fulfillments.iter().flat_map(|f| &f.shipments).map(|s| s.id.to_string()).collect()));
        assert!(unique(data.purchase_orders.iter().map(|p| p.id.to_string()).collect()));
        assert!(unique(data.products.iter().map(|p| p.sku.clone()).collect()));
        assert!(unique(data.warehouses.iter().map(|w| w.id.clone()).collect()));
        assert!(unique(data.suppliers.iter().map(|s| s.id.to_string()).collect()));
        assert!(data.fulfillments.windows(2).all(|w| w[0].id < w[1].id));
        let warehouse = |id: &str| data.warehouses.iter().any(|w| w.id == id);
        let sku = |sku: &str| data.products.iter().any(|p| p.sku == sku);
        // The seed's own example ships one "unknown_product_123899": only generated data is held to this.
        for f in &data.fulfillments[1..] {
            assert!(warehouse(&f.fulfillment_warehouse_id) && f.items.iter().all(|i| sku(&i.sku)), "{f:?}");
        }
        for p in &data.purchase_orders {
            assert!(warehouse(&p.to_warehouse_id) && data.suppliers.contains(&p.from_supplier) && p.items.iter().all(|i| sku(&i.sku)));
        }
        assert_eq!(data.supply.len(), data.warehouses.len());
        assert!(data.supply.iter().all(|(_, rows)| !rows.is_empty() && rows.iter().all(|r| sku(&r.sku))));
    }
}
