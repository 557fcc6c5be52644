//! Deterministic generated data for tests and benchmarks: the same arguments give the
//! same bytes on every machine.

pub mod s2_partner;

use std::time::{SystemTime, UNIX_EPOCH};

use commerce_kit::vendors::s2::inventory::{S2Address, S2Brand, S2InventoryOverview, S2Item, S2Level, S2Organization, S2Product, S2Warehouse};

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
    /// One of `items`; `None` if there are none.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len() as u64) as usize)
    }
    /// `n` distinct entries of `items` (all of them if there are fewer), in random order.
    pub fn sample<'a, T>(&mut self, items: &'a [T], n: usize) -> Vec<&'a T> {
        let mut indices: Vec<usize> = (0..items.len()).collect();
        let n = n.min(items.len());
        for i in 0..n {
            let j = i + self.below((items.len() - i) as u64) as usize;
            indices.swap(i, j);
        }
        indices[..n].iter().map(|&i| &items[i]).collect()
    }
}

/// A UTC instant in the vendors' format, with microseconds: `2021-11-12T09:10:06.939357Z`.
pub fn timestamp(unix_micros: i64) -> String {
    let (seconds, micros) = (unix_micros.div_euclid(1_000_000), unix_micros.rem_euclid(1_000_000));
    let (days, of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{micros:06}Z", of_day / 3600, of_day % 3600 / 60, of_day % 60)
}

/// The current time as a [`timestamp`]: when the mock creates an object.
pub fn now() -> String {
    let micros = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX));
    timestamp(micros)
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day): Howard Hinnant's
/// `civil_from_days`, so that no date crate is needed for a handful of timestamps.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 } as u32;
    (year_of_era + era * 400 + i64::from(month <= 2), month, day)
}

const TIMESTAMP: &str = "2024-06-04T03:16:22.617577Z";

/// An inventory overview with `products` products, `warehouses` warehouses and one
/// level per product per warehouse, as JSON.
pub fn inventory_overview(products: usize, warehouses: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let organization = S2Organization { id: rng.uuid(), name: "generated organization".into(), created_at: TIMESTAMP.into(), updated_at: TIMESTAMP.into() };
    let warehouses: Vec<S2Warehouse> = (0..warehouses)
        .map(|w| S2Warehouse {
            id: rng.uuid(),
            organization: organization.clone(),
            name: format!("Warehouse {w}"),
            address: S2Address {
                name: format!("Dock {w}"),
                address1: format!("{} Industrial Rd", 10 + w),
                city: "Oakville".into(),
                state: "ON".into(),
                postal_code: "L6L 2X8".into(),
                country_id: "CA".into(),
                ..S2Address::default()
            },
            dropshipper: w % 3 == 0,
            fulfillment_center: true,
            rma_center: w % 2 == 0,
            unit_system: "METRIC".into(),
            created_at: TIMESTAMP.into(),
            updated_at: TIMESTAMP.into(),
        })
        .collect();
    let brand = S2Brand { id: rng.uuid(), name: "Sony".into(), name_normalized: "sony".into(), created_at: TIMESTAMP.into() };
    let products: Vec<S2Product> = (0..products)
        .map(|p| S2Product {
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
            items.push(S2Item {
                warehouse_id: warehouse.id.clone(),
                level: S2Level {
                    product_id: product.id.clone(),
                    available: rng.below(500) as i64,
                    incoming: rng.below(50) as i64,
                    reserved: rng.below(40) as i64 - 20,
                    updated_at: TIMESTAMP.into(),
                },
            });
        }
    }
    serde_json::to_string(&S2InventoryOverview { warehouses, products, items }).expect("plain data serialises")
}

/// Picks a product count so that the overview with `warehouses` warehouses is about
/// `bytes` long (for the 1/10/50 MB benchmarks).
pub fn inventory_overview_of_size(bytes: usize, warehouses: usize, seed: u64) -> String {
    inventory_overview(products_for_size(bytes, warehouses, seed), warehouses, seed)
}

/// How many products make the overview with `warehouses` warehouses about `bytes` long.
pub fn products_for_size(bytes: usize, warehouses: usize, seed: u64) -> usize {
    let probe = inventory_overview(100, warehouses, seed).len();
    (bytes.saturating_mul(100) / probe.max(1)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_overview_is_deterministic_and_valid() {
        let a = inventory_overview(20, 3, 7);
        assert_eq!(a, inventory_overview(20, 3, 7));
        assert_ne!(a, inventory_overview(20, 3, 8));
        let report = commerce_kit::validate(commerce_kit::vendors::s2::GET_INVENTORY_OVERVIEW.response, a.as_bytes());
        assert!(report.errors.is_empty() && report.drift.is_empty(), "{report:?}");
        let overview: S2InventoryOverview = serde_json::from_str(&a).unwrap();
        assert_eq!((overview.products.len(), overview.warehouses.len(), overview.items.len()), (20, 3, 60));
    }

    #[test]
    fn timestamps_are_rfc3339_utc_with_microseconds() {
        assert_eq!(timestamp(0), "1970-01-01T00:00:00.000000Z");
        assert_eq!(timestamp(1_636_708_206_939_357), "2021-11-12T09:10:06.939357Z");
        assert_eq!(timestamp(951_782_400_000_000), "2000-02-29T00:00:00.000000Z");
        assert_eq!(timestamp(-1), "1969-12-31T23:59:59.999999Z");
        assert!(commerce_kit::vendors::checks::is_rfc3339(&now()));
    }

    #[test]
    fn samples_are_distinct() {
        let mut rng = Rng::new(3);
        let items: Vec<u32> = (0..10).collect();
        let mut picked: Vec<u32> = rng.sample(&items, 4).into_iter().copied().collect();
        picked.sort_unstable();
        picked.dedup();
        assert_eq!(picked.len(), 4);
        assert_eq!(rng.sample(&items, 20).len(), 10);
        assert_eq!(rng.pick::<u32>(&[]), None);
    }

    #[test]
    fn sized_overview_is_close_to_the_asked_size() {
        let body = inventory_overview_of_size(1_000_000, 4, 1);
        assert!((900_000..1_100_000).contains(&body.len()), "{}", body.len());
    }
}
