//! Deterministic generated data for tests and benchmarks: the same arguments give the
//! same bytes on every machine.

use commerce_kit::vendors::s2::inventory::{Address, Brand, InventoryOverview, Item, Level, Organization, Product, Warehouse};

/// splitmix64: tiny, fast, and good enough to vary fixture data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    pub fn uuid(&mut self) -> String {
        let (a, b) = (self.next_u64(), self.next_u64());
        format!("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xfff, (b >> 48) & 0x3fff | 0x8000, b & 0xffff_ffff_ffff)
    }
}

const TIMESTAMP: &str = "2024-06-04T03:16:22.617577Z";

/// An inventory overview with `products` products, `warehouses` warehouses and one
/// level per product per warehouse, as JSON.
pub fn inventory_overview(products: usize, warehouses: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let organization = Organization { id: rng.uuid(), name: "generated organization".into(), created_at: TIMESTAMP.into(), updated_at: TIMESTAMP.into() };
    let warehouses: Vec<Warehouse> = (0..warehouses)
        .map(|w| Warehouse {
            id: rng.uuid(),
            organization: organization.clone(),
            name: format!("Warehouse {w}"),
            address: Address {
                name: format!("Dock {w}"),
                address1: format!("{} Industrial Rd", 10 + w),
                city: "Oakville".into(),
                state: "ON".into(),
                postal_code: "L6L 2X8".into(),
                country_id: "CA".into(),
                ..Address::default()
            },
            dropshipper: w % 3 == 0,
            fulfillment_center: true,
            rma_center: w % 2 == 0,
            unit_system: "METRIC".into(),
            created_at: TIMESTAMP.into(),
            updated_at: TIMESTAMP.into(),
        })
        .collect();
    let brand = Brand { id: rng.uuid(), name: "Sony".into(), name_normalized: "sony".into(), created_at: TIMESTAMP.into() };
    let products: Vec<Product> = (0..products)
        .map(|p| Product {
            id: rng.uuid(),
            organization: organization.clone(),
            sku: format!("SKU-{p:06}"),
            brand: brand.clone(),
            gtin: format!("{:013}", rng.below(10_000_000_000_000)),
            name: format!("Product {p} \u{542c}\u{96e8}"),
            remarks: String::new(),
            image_main: String::new(),
            package_length_mm: (rng.below(200_000) as f64) / 100.0,
            package_width_mm: (rng.below(100_000) as f64) / 100.0,
            package_height_mm: (rng.below(100_000) as f64) / 100.0,
            shipping_weight_kg: (rng.below(5_000) as f64) / 100.0,
            case_unit: if p % 2 == 0 { "EACH" } else { "CARTON" }.into(),
            case_pack: (rng.below(12) + 1) as i64,
            case_length_mm: 0.0,
            case_width_mm: 0.0,
            case_height_mm: 0.0,
            case_weight_kg: 0.0,
            condition: "NEW".into(),
            serial_number_required: p % 5 == 0,
            expiry_date_required: false,
            unknown: false,
            created_at: TIMESTAMP.into(),
            updated_at: TIMESTAMP.into(),
            other_ids: vec![],
        })
        .collect();
    let mut items = Vec::with_capacity(products.len() * warehouses.len());
    for product in &products {
        for warehouse in &warehouses {
            items.push(Item {
                warehouse_id: warehouse.id.clone(),
                level: Level {
                    product_id: product.id.clone(),
                    available: rng.below(500) as i64,
                    incoming: rng.below(50) as i64,
                    reserved: rng.below(40) as i64 - 20,
                    updated_at: TIMESTAMP.into(),
                },
            });
        }
    }
    serde_json::to_string(&InventoryOverview { warehouses, products, items }).expect("plain data serialises")
}

/// Picks a product count so that the overview with `warehouses` warehouses is about
/// `bytes` long (for the 1/10/50 MB benchmarks).
pub fn inventory_overview_of_size(bytes: usize, warehouses: usize, seed: u64) -> String {
    let probe = inventory_overview(100, warehouses, seed).len();
    let products = (bytes * 100 / probe.max(1)).max(1);
    inventory_overview(products, warehouses, seed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_overview_is_deterministic_and_valid() {
        let a = inventory_overview(20, 3, 7);
        assert_eq!(a, inventory_overview(20, 3, 7));
        assert_ne!(a, inventory_overview(20, 3, 8));
        let report = commerce_kit::validate_operation("s2.get_inventory_overview", a.as_bytes()).unwrap();
        assert!(report.errors.is_empty() && report.drift.is_empty(), "{report:?}");
        let overview: InventoryOverview = serde_json::from_str(&a).unwrap();
        assert_eq!((overview.products.len(), overview.warehouses.len(), overview.items.len()), (20, 3, 60));
    }

    #[test]
    fn sized_overview_is_close_to_the_asked_size() {
        let body = inventory_overview_of_size(1_000_000, 4, 1);
        assert!((900_000..1_100_000).contains(&body.len()), "{}", body.len());
    }
}
