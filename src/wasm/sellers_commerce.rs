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
