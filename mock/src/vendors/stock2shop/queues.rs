//! The queues: writes that check their bodies as the client does and change the
//! account (a queued product shows up in the search).

use super::*;

/// `POST /v1/products/queue?source_id=<id>`: checked as the client checks it, the source
/// must be one of the account's; each product is then created, or updated when one with
/// the same source and `source_product_code` exists (its variant likewise by
/// `source_variant_code`). The queue is processed at once.
pub(super) fn queue_products(state: &MockState, call: &Call) -> Answer {
    let source_id = query_id(call, "source_id")?;
    let body: QueueProductsBody = call.json_body().map_err(bad_request)?;
    joined(body.check(Some(source_id)))?;
    let mut store = state.stock2shop.lock().unwrap();
    if !store.sources.iter().any(|s| s.id == source_id) {
        return Err(bad_request(format!("source_id: {source_id} is not a source of this account")));
    }
    let count = body.system_products.len();
    for queued in body.system_products {
        upsert_product(&mut store, queued);
    }
    ok(&json!({ "system_products": { "sync_product": count } }))
}

fn upsert_product(store: &mut Store, queued: QueuedProduct) {
    let now = s2s_now();
    let variant = queued.product.variants.clone();
    let (source, product) = (queued.source, queued.product);
    let existing = store
        .products
        .iter()
        .position(|p| p["source_id"].as_i64() == Some(source.source_id) && p["source_product_code"].as_str() == Some(source.source_product_code.as_str()));
    let id = match existing {
        Some(i) => store.products[i]["id"].as_i64().unwrap_or_default(),
        None => store.next_id(),
    };
    let mut record = match existing {
        Some(i) => store.products[i].clone(),
        None => json!({
            "id": id, "created": now, "channels": [], "images": [], "variants": [], "meta": [], "options": [],
            "source_product_code": source.source_product_code, "source_id": source.source_id, "client_id": CLIENT_ID,
        }),
    };
    let text = |value: Option<String>| Value::String(value.unwrap_or_default());
    record["active"] = source.product_active.into();
    record["modified"] = now.clone().into();
    record["title"] = product.title.clone().into();
    for (key, value) in [
        ("body_html", product.body_html),
        ("collection", product.collection),
        ("product_type", product.product_type),
        ("vendor", product.vendor),
        ("tags", product.tags),
    ] {
        if value.is_some() || record.get(key).is_none() {
            record[key] = text(value);
        }
    }
    if let Some(options) = product.options {
        record["options"] = options.iter().map(|o| json!({"name": o.name, "position": o.position})).collect();
    }
    if let Some(meta) = product.meta {
        record["meta"] = meta
            .iter()
            .map(|m| json!({"id": id, "created": now, "key": m.key, "value": m.value, "modified": now, "template_name": null, "client_id": CLIENT_ID}))
            .collect();
    }
    record["hash"] = content_hash(record.to_string().as_bytes()).into();
    let variants = record["variants"].as_array().cloned().unwrap_or_default();
    let found = variants.iter().position(|v| v["source_variant_code"].as_str() == Some(variant.source_variant_code.as_str()));
    let variant_id = match found {
        Some(i) => variants[i]["id"].as_i64().unwrap_or_default(),
        None => store.next_id(),
    };
    let mut row = json!({
        "id": variant_id,
        "source_variant_code": variant.source_variant_code,
        "price": variant.price.unwrap_or(0.0),
        "barcode": variant.barcode.unwrap_or_default(),
        "sku": variant.sku,
        "qty": variant.qty.unwrap_or(0),
        "grams": variant.grams.unwrap_or(0),
        "inventory_management": variant.inventory_management.unwrap_or(false),
        "active": true,
        "product_id": id,
        "image_id": null,
        "client_id": CLIENT_ID,
        "price_tiers": variant.price_tiers.unwrap_or_default().iter().map(|t| json!({"tier": t.tier, "price": t.price})).collect::<Vec<_>>(),
        "qty_availability": variant.qty_availability.unwrap_or_default().iter().map(|q| json!({"description": q.description, "qty": q.qty})).collect::<Vec<_>>(),
    });
    for (key, value) in [("option1", variant.option1), ("option2", variant.option2), ("option3", variant.option3)] {
        if let Some(value) = value {
            row[key] = value.into();
        }
    }
    let mut variants = variants;
    match found {
        Some(i) => {
            row["image_id"] = variants[i]["image_id"].clone();
            variants[i] = row;
        }
        None => variants.push(row),
    }
    record["variants"] = variants.into();
    match existing {
        Some(i) => store.products[i] = record,
        None => store.products.push(record),
    }
}

/// `POST /v1/images/queue`: checked as the client checks it (base64 JPEG or PNG, at most
/// 2 MB); each image is added to its product (and variant) when the account has it, as the
/// FIFO queue would after the product; an image without its product is dropped, but
/// counted as queued, as the document describes.
pub(super) fn queue_images(state: &MockState, call: &Call) -> Answer {
    let body: QueueImagesBody = call.json_body().map_err(bad_request)?;
    joined(body.check())?;
    let mut store = state.stock2shop.lock().unwrap();
    let count = body.system_images.len();
    let now = s2s_now();
    for queued in body.system_images {
        let Some(index) = store.products.iter().position(|p| {
            p["source_id"].as_i64() == Some(queued.source.source_id) && p["source_product_code"].as_str() == Some(queued.source.source_product_code.as_str())
        }) else {
            continue;
        };
        let image_id = store.next_id();
        let bytes = commerce_kit::vendors::stock2shop::decode_base64(&queued.image.image).unwrap_or_default();
        let extension = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) { "jpg" } else { "png" };
        let hash = content_hash(&bytes);
        let storage_code = format!("{hash}.{extension}");
        let product = &mut store.products[index];
        let image = json!({
            "src_50x50": format!("https://s2s-image.s3.amazonaws.com/thumb/50x50/{storage_code}"),
            "src_160x160": format!("https://s2s-image.s3.amazonaws.com/thumb/160x160/{storage_code}"),
            "id": image_id,
            "created": now,
            "source_image_code": queued.image.image_id,
            "storage_code": storage_code,
            "src": format!("https://s2s-image.s3.amazonaws.com/{storage_code}"),
            "modified": now,
            "client_id": CLIENT_ID,
            "product_id": product["id"],
            "active": true,
            "hash": hash,
        });
        if let Some(images) = product["images"].as_array_mut() {
            images.push(image);
        }
        if let (Some(code), Some(variants)) = (&queued.source.source_variant_code, product["variants"].as_array_mut()) {
            for variant in variants.iter_mut().filter(|v| v["source_variant_code"].as_str() == Some(code.as_str())) {
                variant["image_id"] = image_id.into();
            }
        }
    }
    ok(&json!({ "system_images": { "sync_image": count } }))
}

/// `POST /v2-queue/order?client_id=&channel_id=`: the channel must be one of the
/// account's and belong to `client_id`; the payload any non-empty JSON object. Answers
/// as the seed, with a fresh queue key and message id.
pub(super) fn queue_order(state: &MockState, call: &Call) -> Answer {
    let client_id = query_id(call, "client_id")?;
    let channel_id = query_id(call, "channel_id")?;
    let order: Value = serde_json::from_slice(&call.body).map_err(|e| bad_request(format!("body: not JSON: {e}")))?;
    let mut errors = FieldErrors::new();
    check_order_payload(&mut errors, &order);
    joined(commerce_kit::vendors::checks::into_vec(errors))?;
    let mut store = state.stock2shop.lock().unwrap();
    match store.channels.iter().find(|c| c.id == channel_id) {
        None => return Err(bad_request(format!("channel_id: {channel_id} is not a channel of this account"))),
        Some(channel) if channel.client_id != client_id => {
            return Err(bad_request(format!("client_id: {client_id} is not the client of channel {channel_id} ({})", channel.client_id)))
        }
        Some(_) => {}
    }
    let iso = now();
    let (date, time) = (&iso[..10], &iso[11..19]);
    let key = format!(
        "{client_id}-{channel_id}-0/{}-{}/{}/{}/{}/{}-{}-sync_order.json",
        &date[..4],
        &date[5..7],
        &date[8..10],
        &time[..2],
        &time[3..5],
        &time[6..8],
        store.rng.below(1_000_000_000)
    );
    let message_id = store.rng.uuid();
    ok(&json!({ "message": "order received", "queue_messages": [{ "key": key, "message_id": message_id }] }))
}
