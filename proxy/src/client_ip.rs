//! The client's address for sign-in throttling: the socket's peer, or, only when that
//! peer is a configured trusted proxy, the rightmost `X-Forwarded-For` address that is
//! not a trusted proxy itself (every hop to the left of it could have been written by
//! the client).

use std::net::IpAddr;

use axum::http::HeaderMap;

/// An address block: `10.0.0.0/8`, `fd00::/8`, or one address (`192.0.2.1`, `::1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl Cidr {
    pub fn parse(text: &str) -> Result<Cidr, String> {
        let text = text.trim();
        let (address, prefix) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text, None),
        };
        let network: IpAddr = address.parse().map_err(|_| format!("{text:?} is not an IP address or CIDR block"))?;
        let network = network.to_canonical();
        let bits = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.parse::<u8>().ok().filter(|p| *p <= bits).ok_or_else(|| format!("{text:?}: the prefix length must be 0 to {bits}"))?,
            None => bits,
        };
        Ok(Cidr { network, prefix })
    }

    pub fn contains(&self, address: IpAddr) -> bool {
        match (self.network, address.to_canonical()) {
            (IpAddr::V4(net), IpAddr::V4(a)) => masked(u32::from(net).into(), 32, self.prefix) == masked(u32::from(a).into(), 32, self.prefix),
            (IpAddr::V6(net), IpAddr::V6(a)) => masked(u128::from(net), 128, self.prefix) == masked(u128::from(a), 128, self.prefix),
            _ => false,
        }
    }
}

fn masked(value: u128, bits: u32, prefix: u8) -> u128 {
    if prefix == 0 {
        0
    } else {
        value >> (bits - u32::from(prefix))
    }
}

/// Parses a configured list; the first bad entry is the error.
pub fn parse_list(entries: &[String]) -> Result<Vec<Cidr>, String> {
    entries.iter().map(|e| Cidr::parse(e)).collect()
}

/// The client's address. `X-Forwarded-For` is read only when `peer` is trusted; an
/// unreadable entry ends the walk at the hop before it (the nearest trusted one).
pub fn client_address(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[Cidr]) -> Option<IpAddr> {
    let peer = peer?.to_canonical();
    let is_trusted = |a: IpAddr| trusted.iter().any(|c| c.contains(a));
    if !is_trusted(peer) {
        return Some(peer);
    }
    let hops: Vec<&str> = headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).map(str::trim).collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        let Ok(address) = hop.parse::<IpAddr>() else { break };
        client = address.to_canonical();
        if !is_trusted(client) {
            break;
        }
    }
    Some(client)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in xff {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    #[test]
    fn blocks_match_their_addresses_only() {
        let block = Cidr::parse("10.1.0.0/16").unwrap();
        assert!(block.contains("10.1.200.3".parse().unwrap()) && !block.contains("10.2.0.1".parse().unwrap()));
        assert!(block.contains("::ffff:10.1.0.9".parse().unwrap()), "IPv4-mapped IPv6 is the IPv4 address");
        assert!(Cidr::parse("::1").unwrap().contains("::1".parse().unwrap()));
        assert!(Cidr::parse("0.0.0.0/0").unwrap().contains("8.8.8.8".parse().unwrap()));
        assert!(Cidr::parse("fd00::/8").unwrap().contains("fd12::1".parse().unwrap()));
        for bad in ["10.0.0.0/33", "nope", "10.0.0.1/x", "::/129"] {
            assert!(Cidr::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn forwarded_for_counts_only_behind_a_trusted_proxy() {
        let peer = Some("10.0.0.5".parse().unwrap());
        let xff = headers(&["6.6.6.6, 198.51.100.7", "10.0.0.9"]);
        assert_eq!(client_address(peer, &xff, &[]), peer, "off by default");
        let trusted = parse_list(&["10.0.0.0/24".into()]).unwrap();
        assert_eq!(client_address(peer, &xff, &trusted), Some("198.51.100.7".parse().unwrap()));
        assert_eq!(client_address(peer, &headers(&["garbage, 10.0.0.7"]), &trusted), Some("10.0.0.7".parse().unwrap()));
        assert_eq!(client_address(peer, &HeaderMap::new(), &trusted), peer);
        let outsider = Some("203.0.113.1".parse().unwrap());
        assert_eq!(client_address(outsider, &xff, &trusted), outsider, "an untrusted peer's header is ignored");
    }
}
