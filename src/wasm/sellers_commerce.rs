//! `client.sellersCommerce`: the Sellers Commerce Open API. The proxy runs the OAuth
//! token grants and adds `Authorization: bearer ...`; the browser never sees a
//! credential, so the nine credential exchanges (`/token`, portal login, password reset
//! and the two store SSO checks) have no method here.
//!
//! Every method is generated from the vendor's table (`src/vendors/sellers_commerce/mod.rs`):
//! - `getAll` lists take `{ filter?, orderBy? }` (OData, checked before sending);
//! - reads by code take the code (`productGet("SC-1001")`);
//! - writes take the JSON body: the documented fields are checked, others sent as given;
//! - the operations the document leaves undocumented take their query parameters and
//!   answer free-form JSON.

use wasm_bindgen::prelude::*;

use super::Caller;

#[wasm_bindgen]
pub struct SellersCommerceClient {
    pub(crate) caller: Caller,
}

#[wasm_bindgen(typescript_custom_section)]
const TS_CODE_TABLES: &str = r#"
/** One of the Sellers Commerce document's code tables: the names of a column's numbers. */
export interface SellersCodeTable {
    /** The document's "Api Column Name" (`"CarrierId"`), or its label where it gives none (`"Return Status ID"`). */
    column: string;
    codes: { value: number; name: string }[];
}
"#;

/// The Sellers Commerce document's code tables (order status, carrier, service type,
/// payment method...), so that a client shows `FEDEX` where an order says `CarrierId: 8`.
// `pub` because wasm-bindgen exports only public functions; JS, not Rust, reaches it.
#[allow(unreachable_pub)]
#[wasm_bindgen(js_name = sellersCodeTables, unchecked_return_type = "SellersCodeTable[]")]
pub fn sellers_code_tables() -> JsValue {
    #[derive(serde::Serialize)]
    struct Code {
        value: i64,
        name: &'static str,
    }
    #[derive(serde::Serialize)]
    struct Table {
        column: &'static str,
        codes: Vec<Code>,
    }
    let tables: Vec<Table> = crate::vendors::sellers_commerce::codes::CODE_TABLES
        .iter()
        .map(|t| Table { column: t.column, codes: t.codes.iter().map(|c| Code { value: c.value, name: c.name }).collect() })
        .collect();
    super::to_js(&tables)
}
