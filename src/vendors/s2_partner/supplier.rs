//! Supplier: `GET /supplier` (seed `s2-partner-api.txt`): every available supplier.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::schema::Wire;

pub use super::{ListSuppliers, LIST_SUPPLIERS};

/// A supplier; also a purchase order's `from_supplier`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct PartnerSupplier {
    /// The `from_supplier_id` of a new purchase order.
    pub id: i64,
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Method;
    use crate::request::Operation;

    #[test]
    fn builds_the_seed_call() {
        let request = ListSuppliers::new().build().unwrap();
        assert_eq!((request.operation, request.method, request.path_and_query()), ("s2_partner.list_suppliers", Method::Get, "/supplier".to_string()));
        assert_eq!((request.body, request.content_type), (None, None));
    }

    #[test]
    fn decodes_the_seed_example() {
        let suppliers = crate::decode::<Vec<PartnerSupplier>>(include_bytes!("../../../tests/fixtures/s2_partner.list_suppliers/good.json")).unwrap();
        assert_eq!(suppliers.value[1], PartnerSupplier { id: 29, name: "Buckridge - Streich".into() });
    }
}
