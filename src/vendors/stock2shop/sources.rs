//! Sources: `GET /v1/sources` (seed `stock2shop-api.txt`): where product data comes from
//! (an ERP). A source's `id` is the `source_id` of `POST /v1/products/queue`.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::schema::Wire;

pub use super::{ListSources, LIST_SOURCES};

/// `{"system_sources": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemSources {
    #[wire(records)]
    pub system_sources: Vec<SystemSource>,
}

/// A source: an ERP connection that product data comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemSource {
    /// The `source_id` to queue products with.
    pub id: i64,
    /// `"2017-07-25T10:32:46+0000"`.
    pub created: String,
    /// A label; loose text: `null` decodes as `""`.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub description: String,
    /// Opaque sync position, a string (`"0"`).
    pub sync_token: String,
    pub modified: String,
    pub client_id: i64,
    /// The connector, e.g. `"apifact_sapone"`.
    #[serde(rename = "type")]
    pub source_type: String,
    /// `1` in the seed, `true` in Stock2Shop's own published sources: a loose boolean
    /// (`true`, `1`, `"1"`, `"true"`), written back as `1`/`0`.
    #[wire(loose)]
    #[serde(serialize_with = "crate::loose::as_one_or_zero", deserialize_with = "crate::loose::boolean")]
    pub active: bool,
    /// Null for a master source; the master's id for a linked source. Loose like every
    /// `source_id` of this API (`57` on products, `"318"` on orders).
    #[wire(loose)]
    #[serde(default, deserialize_with = "crate::loose::option_integer")]
    pub source_id: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Method;
    use crate::request::Operation;

    #[test]
    fn builds_the_seed_call_and_decodes_its_answer() {
        let request = ListSources::new().build().unwrap();
        assert_eq!(
            (request.operation, request.method, request.path_and_query()),
            ("stock2shop.list_sources", Method::Get, "/v1/sources?format=json".to_string())
        );
        let sources = crate::decode::<SystemSources>(include_bytes!("../../../tests/fixtures/stock2shop.list_sources/good.json")).unwrap().value;
        let seed = &sources.system_sources[0];
        assert_eq!((seed.id, seed.source_type.as_str(), seed.source_id), (318, "apifact_sapone", None));
        // A linked source, its master's id spelled as a string.
        assert_eq!(sources.system_sources[1].source_id, Some(318));
    }
}
