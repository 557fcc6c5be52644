//! The account's data: the seed's records, then generated ones.

use super::*;

/// The seed's product, then generated ones: varied sources, types, titles, SKUs, stock
/// and modification times, some inactive, some on channels.
pub(super) fn seed_products(rng: &mut Rng) -> Vec<Value> {
    let seed: Value = serde_json::from_str(SEED_PRODUCTS).expect("the seed's products decode");
    let mut products: Vec<Value> = seed["system_products"].as_array().cloned().unwrap_or_default();
    const NOUNS: [&str; 10] = ["Keyboard", "Mouse", "Monitor", "Cable", "Headset", "Webcam", "Dock", "Charger", "Speaker", "Router"];
    const ADJECTIVES: [&str; 6] = ["Wireless", "Compact", "Pro", "Ergonomic", "Classic", "Travel"];
    const TYPES: [(&str, &str); 4] = [("Peripherals", "Input"), ("Displays", "Screens"), ("Accessories", "Cables"), ("Audio", "Sound")];
    let mut next_id = 62_778;
    for n in 1..PRODUCTS {
        let id = next_id;
        next_id += 10;
        let noun = NOUNS[n % NOUNS.len()];
        let title = format!("{} {noun} {}", ADJECTIVES[rng.below(ADJECTIVES.len() as u64) as usize], 100 + n);
        let (collection, product_type) = TYPES[rng.below(TYPES.len() as u64) as usize];
        let source_id = if n % 3 == 0 { 123 } else { 57 };
        let code = format!("{}-{:03}", noun.to_uppercase(), n);
        // Modified times climb through 2021, a few hours apart.
        let minutes = n as i64 * 397 + rng.below(300) as i64;
        let modified =
            format!("2021-{:02}-{:02} {:02}:{:02}:{:02}", 1 + minutes / 40_000 % 12, 1 + minutes / 1440 % 28, minutes / 60 % 24, minutes % 60, n % 60);
        let variants: Vec<Value> = (0..1 + rng.below(3) as i64)
            .map(|k| {
                let price = (5 + rng.below(500)) as f64 + [0.0, 0.5, 0.99][rng.below(3) as usize];
                let option1 = ["Small", "Medium", "Large"][k as usize];
                json!({
                    "id": id * 10 + k, "source_variant_code": format!("{code}-{k}"), "price": price, "barcode": format!("600{:09}", id * 10 + k),
                    "sku": format!("{code}-{}", ["S", "M", "L"][k as usize]), "qty": rng.below(120), "grams": 100 * (1 + rng.below(20)),
                    // Loose on the wire, as the vendor is: some rows spell it as a string.
                    "inventory_management": if k == 1 { json!("true") } else { json!(true) },
                    "active": true, "product_id": id, "image_id": null, "client_id": CLIENT_ID, "option1": option1,
                    "price_tiers": [{"tier": "Wholesale", "price": (price * 0.8 * 100.0).round() / 100.0}],
                    "qty_availability": [{"description": "Warehouse X", "qty": rng.below(60)}]
                })
            })
            .collect();
        let channels: Vec<Value> = if n % 2 == 0 { vec![json!({"channel_id": "47", "channel_product_code": format!("{}", 5000 + n)})] } else { vec![] };
        products.push(json!({
            "id": id, "created": "2019-05-14 09:12:00", "active": n % 7 != 0, "source_product_code": code, "modified": modified,
            "client_id": CLIENT_ID, "source_id": source_id, "body_html": format!("<p>{title}</p>"), "collection": collection,
            "title": title, "product_type": product_type, "vendor": "Acme", "hash": content_hash(code.as_bytes()),
            "channels": channels, "tags": noun.to_lowercase(), "options": [{"name": "Size", "position": 1}], "meta": [],
            "images": [], "variants": variants
        }));
    }
    products
}

/// The seed's order, then generated ones on the account's channels.
pub(super) fn seed_orders(rng: &mut Rng) -> Vec<Value> {
    let seed: Value = serde_json::from_str(SEED_ORDERS).expect("the seed's orders decode");
    let template = seed["system_orders"][0].clone();
    let mut orders = vec![template.clone()];
    const NAMES: [(&str, &str); 6] =
        [("Nina", "Simone"), ("David", "Gilmour"), ("Miriam", "Makeba"), ("Hugh", "Masekela"), ("Brenda", "Fassie"), ("Johnny", "Clegg")];
    // The seed shows only "ordered"; the others are the mock's guess, for filters to bite.
    const STATUSES: [&str; 4] = ["ordered", "ordered", "processing", "cancelled"];
    let money = |x: f64| (x * 100.0).round() / 100.0;
    for n in 1..ORDERS {
        let mut order = template.clone();
        let (first, last) = NAMES[n % NAMES.len()];
        let (qty, price) = (1 + rng.below(4) as i64, money((20 + rng.below(900)) as f64 + 0.23));
        let sub_total = money(price * qty as f64);
        let tax = money(sub_total * 0.15);
        let total = money(sub_total + tax);
        let display = |x: f64| format!("{x:.2}");
        order["id"] = (933_302 + n as i64).into();
        order["channel_order_code"] = format!("{:07}", 27_795 + n).into();
        order["channel_id"] = [191, 123, 47][n % 3].into();
        order["status"] = STATUSES[rng.below(STATUSES.len() as u64) as usize].into();
        order["created"] = format!("2020-{:02}-{:02} 1{}:03:48", 6 + n / 28, 1 + n % 28, n % 10).into();
        order["modified"] = format!("2020-{:02}-{:02} 1{}:04:08", 6 + n / 28, 1 + n % 28, n % 10).into();
        order["customer_id"] = (495_995 + n as i64).into();
        // What a dashboard shows of an order beyond the seed's fields (Stock2Shop's own
        // published orders carry them): when it was ordered, its processing state, the
        // shipping charged, and for the ones being processed, a shipment.
        order["ordered_date"] = format!("2020-{:02}-{:02} 0{}:59:00", 6 + n / 28, 1 + n % 28, n % 10).into();
        order["state"] = if order["status"] == "cancelled" { "cancelled" } else { "saved" }.into();
        order["shipping_lines"] = json!([{"title": if n % 2 == 0 { "Next Day" } else { "Standard" }, "price": if n % 2 == 0 { 100 } else { 60 }}]);
        order["fulfillments"] = if order["status"] == "processing" {
            json!([{"status": "shipped", "tracking_number": format!("TRK-{n}"), "tracking_company": "Courier Co", "tracking_url": format!("https://courier.example/track/TRK-{n}"), "state": "sent"}])
        } else {
            json!([])
        };
        order["notes"] = if n % 4 == 0 { Value::Null } else { "Send Soon".into() };
        order["customer"] = json!({"channel_customer_code": format!("{:010x}", rng.next_u64() >> 24), "email": format!("{}@example.com", first.to_lowercase()), "first_name": first, "last_name": last});
        order["sources"] = json!([{"source_id": "318", "source_order_code": format!("{}", 3_360_213 + n)}]);
        let line = &mut order["line_items"][0];
        line["id"] = (3_715_344 + n as i64).into();
        line["sku"] = format!("KEYBOARD-{:03}-S", 1 + n % 9).into();
        line["title"] = format!("Keyboard {:03}, small", 1 + n % 9).into();
        line["qty"] = qty.into();
        line["price"] = price.into();
        line["sub_total"] = sub_total.into();
        line["tax"] = tax.into();
        line["tax_per_unit"] = money(price * 0.15).into();
        line["total"] = total.into();
        line["tax_lines"] = json!([{"rate": "15"}]);
        for (key, value) in [
            ("sub_total_display", sub_total),
            ("tax_display", tax),
            ("tax_per_unit_display", money(price * 0.15)),
            ("total_display", total),
            ("price_display", price),
        ] {
            line[key] = display(value).into();
        }
        for key in ["shipping_address", "billing_address"] {
            order[key]["first_name"] = first.into();
            order[key]["last_name"] = last.into();
        }
        for (key, value) in [("sub_total", sub_total), ("tax", tax), ("total", total), ("line_item_sub_total", sub_total), ("line_item_tax", tax)] {
            order[key] = value.into();
        }
        for (key, value) in [("sub_total_display", sub_total), ("tax_display", tax), ("total_display", total)] {
            order[key] = display(value).into();
        }
        orders.push(order);
    }
    orders
}
