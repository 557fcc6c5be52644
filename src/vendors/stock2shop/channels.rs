//! Channels: `GET /v1/channels` (seed `stock2shop-api.txt`): where orders come from and
//! products go to (an ecommerce platform, a marketplace, the B2B trade store). A channel's
//! `id` and `client_id` are the `channel_id` and `client_id` of `POST /v2-queue/order`.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::schema::Wire;

pub use super::{ListChannels, LIST_CHANNELS};

/// `{"system_channels": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemChannels {
    #[wire(records)]
    pub system_channels: Vec<SystemChannel>,
}

/// A sales channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemChannel {
    /// The `channel_id` to queue orders with.
    pub id: i64,
    /// `"2015-08-08T21:32:46+0000"`.
    pub created: String,
    /// A label; loose text: `null` decodes as `""`.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub description: String,
    pub modified: String,
    /// The `client_id` to queue orders with.
    pub client_id: i64,
    /// `1` in the seed, `true` in Stock2Shop's own published channels: a loose boolean
    /// (`true`, `1`, `"1"`, `"true"`), written back as `1`/`0`.
    #[wire(loose)]
    #[serde(serialize_with = "crate::loose::as_one_or_zero", deserialize_with = "crate::loose::boolean")]
    pub active: bool,
    /// The platform, e.g. `"shopify"`.
    #[serde(rename = "type")]
    pub channel_type: String,
    /// The price tier this channel sells at (a tier name such as the products'
    /// `price_tiers[].tier`); null for the default price. Only null in the seed.
    #[serde(default)]
    pub price_tier: Option<String>,
    /// Which warehouse quantity this channel sells from (a `qty_availability[].description`);
    /// null for the total quantity. Only null in the seed.
    #[serde(default)]
    pub qty_availability: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Method;
    use crate::request::Operation;

    #[test]
    fn builds_the_seed_call_and_decodes_its_answer() {
        let request = ListChannels::new().build().unwrap();
        assert_eq!(
            (request.operation, request.method, request.path_and_query()),
            ("stock2shop.list_channels", Method::Get, "/v1/channels?format=json".to_string())
        );
        let channels = crate::decode::<SystemChannels>(include_bytes!("../../../tests/fixtures/stock2shop.list_channels/good.json")).unwrap().value;
        let seed = &channels.system_channels[0];
        assert_eq!((seed.id, seed.client_id, seed.channel_type.as_str(), seed.price_tier.as_deref()), (123, 456, "shopify", None));
    }
}
