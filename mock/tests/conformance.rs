//! Every response the mock serves for the S2 APIs has the shape the catalogue declares:
//! the mock and the client's validator can never drift apart unnoticed.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use commerce_kit::catalogue::{self, Vendor};
use commerce_mock::examples::{fulfillment_order, partner_fulfillment, partner_purchase_order};
use support::Mock;

#[tokio::test]
async fn every_s2_and_s2_partner_operation_answers_with_its_declared_schema() {
    let mock = Mock::new();
    let endpoints = catalogue::endpoints().iter().filter(|e| matches!(e.vendor, Vendor::S2 | Vendor::S2Partner));
    let mut checked = 0;
    for endpoint in endpoints {
        let path = format!("/{}{}", endpoint.vendor.slug(), endpoint.path);
        let reply = match endpoint.id {
            "s2_partner.get_inventory_supply" => mock.get(&format!("{path}?warehouse_id=system_69")).await,
            "s2_partner.create_fulfillment" => mock.post(&path, &partner_fulfillment()).await,
            "s2_partner.create_purchase_order" => mock.post(&path, &partner_purchase_order()).await,
            "s2.create_fulfillment_order" => mock.post(&path, &fulfillment_order(Some("conformance-1"))).await,
            "s2_partner.list_fulfillments"
            | "s2_partner.list_products"
            | "s2_partner.list_purchase_orders"
            | "s2_partner.list_suppliers"
            | "s2_partner.list_warehouses"
            | "s2.get_inventory_overview" => mock.get(&path).await,
            other => panic!("{other}: add the request that exercises it here"),
        };
        assert_eq!(reply.status, StatusCode::OK, "{}: {}", endpoint.id, reply.body);
        let report = commerce_kit::validate(endpoint.response, reply.body.as_bytes());
        assert!(report.errors.is_empty() && report.drift.is_empty(), "{}: {report:?}", endpoint.id);
        checked += 1;
    }
    assert!(checked > 0, "the registry lists no S2 or S2 Partner operation");
}

/// Every operation of the registry, whatever its vendor, has the mock's route: a request
/// at its path and method, without credentials, is answered by the operation's dispatch
/// (the vendor's refusal in its own JSON format, or its answer), never the router's
/// empty 404/405 nor a 501.
#[tokio::test]
async fn every_operation_of_the_registry_is_routed_to_its_dispatch() {
    let mock = Mock::new();
    for endpoint in catalogue::endpoints() {
        let path: String = endpoint
            .segments()
            .map(|segment| match segment {
                catalogue::TemplateSegment::Literal(literal) => format!("/{literal}"),
                catalogue::TemplateSegment::Param(_) => "/x".to_string(),
            })
            .collect();
        let request = Request::builder()
            .method(endpoint.method.as_str())
            .uri(format!("/{}{path}", endpoint.vendor.slug()))
            .header("content-type", "application/json")
            .body(Body::from("{}"))
            .unwrap();
        let reply = mock.send(request).await;
        assert!(
            ![StatusCode::NOT_FOUND, StatusCode::METHOD_NOT_ALLOWED, StatusCode::NOT_IMPLEMENTED].contains(&reply.status) || !reply.body.is_empty(),
            "{}: {} {:?}",
            endpoint.id,
            reply.status,
            reply.body
        );
        assert_ne!(reply.status, StatusCode::NOT_IMPLEMENTED, "{}: {}", endpoint.id, reply.body);
        assert!(serde_json::from_str::<serde_json::Value>(&reply.body).is_ok(), "{}: {} is not the vendor's JSON: {:?}", endpoint.id, reply.status, reply.body);
    }
}
