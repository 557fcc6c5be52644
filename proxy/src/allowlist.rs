//! Which requests may reach a vendor: only catalogue operations, matched on method and
//! path template, after refusing every path trick before any decoding is trusted.

use commerce_kit::catalogue::{self, Auth, Endpoint, Method, ParamKind, Vendor};

/// The longest request path accepted (the longest catalogue path is far shorter).
pub const MAX_PATH: usize = 1024;

/// A request the allowlist accepted.
#[derive(Debug)]
pub struct Allowed {
    pub endpoint: &'static Endpoint,
    /// The vendor path, re-encoded from the checked segments.
    pub vendor_path: String,
    /// Declared query parameters only, in the client's order: the catalogue's name and
    /// the value decoded (`+` as a space) and percent-encoded again, every byte but
    /// `A-Z a-z 0-9 - _ . ~` escaped.
    pub query: Vec<(String, String)>,
}

impl Allowed {
    /// The query sent upstream (without `?`): `name=value` pairs joined by `&`.
    pub fn query_string(&self) -> String {
        self.query.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Malformed or tricky path: 400.
    BadPath(&'static str),
    /// Well-formed, but no catalogue operation: 404.
    UnknownOperation,
    /// The path exists for another method: 405.
    MethodNotAllowed,
    /// A credential exchange (a login, a token grant): only the proxy runs those: 403.
    ProxyOnly,
}

/// Checks `raw_path` (`/api/<vendor>/<vendor path>`, exactly as received, still
/// percent-encoded) and `raw_query`; the accepted request carries the vendor path and
/// query rebuilt from what was checked ([`Allowed::query_string`]). Pure and total: the
/// fuzz target calls it on arbitrary input.
pub fn check(method: &str, raw_path: &str, raw_query: Option<&str>) -> Result<Allowed, Refusal> {
    if raw_path.len() > MAX_PATH {
        return Err(Refusal::BadPath("path too long"));
    }
    if raw_path.bytes().any(|b| b.is_ascii_control() || b == b'\\' || b == b' ' || b >= 0x80) {
        return Err(Refusal::BadPath("control character, backslash or raw non-ASCII byte in path"));
    }
    let rest = raw_path.strip_prefix("/api/").ok_or(Refusal::UnknownOperation)?;
    let (vendor, vendor_path) = rest.split_once('/').filter(|(_, path)| !path.is_empty()).ok_or(Refusal::UnknownOperation)?;
    let vendor = Vendor::from_slug(vendor).ok_or(Refusal::UnknownOperation)?;
    let mut segments = Vec::new();
    for raw in vendor_path.split('/') {
        if raw.is_empty() {
            return Err(Refusal::BadPath("empty path segment (double or trailing slash)"));
        }
        let decoded = percent_decode(raw).ok_or(Refusal::BadPath("malformed percent-encoding"))?;
        if decoded == "." || decoded == ".." {
            return Err(Refusal::BadPath("dot segment"));
        }
        if decoded.contains(['/', '\\', '\0']) || decoded.contains("..") || decoded.chars().any(char::is_control) {
            return Err(Refusal::BadPath("encoded slash, backslash, dot-dot or control character"));
        }
        if decoded.contains(':') || decoded.contains('@') {
            return Err(Refusal::BadPath("':' or '@' in a path segment"));
        }
        segments.push(decoded);
    }
    let method = match method {
        "GET" => Method::Get,
        "POST" => Method::Post,
        "PUT" => Method::Put,
        "DELETE" => Method::Delete,
        _ => return Err(Refusal::MethodNotAllowed),
    };
    let joined = format!("/{}", segments.join("/"));
    let Some((endpoint, params)) = catalogue::route(vendor, method, &joined) else {
        let other_method =
            [Method::Get, Method::Post, Method::Put, Method::Delete].into_iter().any(|m| m != method && catalogue::route(vendor, m, &joined).is_some());
        return Err(if other_method { Refusal::MethodNotAllowed } else { Refusal::UnknownOperation });
    };
    if endpoint.auth == Auth::CredentialExchange {
        return Err(Refusal::ProxyOnly);
    }
    for (name, value) in &params {
        let param = endpoint.path_param(name).ok_or(Refusal::UnknownOperation)?;
        if param.kind == ParamKind::Integer && value.parse::<i64>().is_err() {
            return Err(Refusal::BadPath("path parameter is not an integer"));
        }
    }
    let vendor_path: String = segments.iter().map(|s| format!("/{}", commerce_kit::request::percent_encode(s))).collect();
    let mut query = Vec::new();
    for pair in raw_query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        // Undeclared parameters are dropped, never forwarded: credentials such as
        // `token` are injected by the proxy and never declared for the browser.
        let Some(param) = percent_decode(k).and_then(|name| endpoint.query_param(&name)) else { continue };
        // The value is decoded and encoded again: whatever the client meant as data
        // (`;`, `&`, `=`, `#`) reaches the vendor as data, never as a separator.
        let value = percent_decode(&v.replace('+', " ")).ok_or(Refusal::BadPath("malformed percent-encoding in the query"))?;
        query.push((param.name.to_string(), commerce_kit::request::percent_encode(&value)));
    }
    Ok(Allowed { endpoint, vendor_path, query })
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            // Two hex digits exactly: `from_str_radix` alone would take `%+a`.
            let hex = bytes.get(i + 1..i + 3).filter(|h| h.iter().all(u8::is_ascii_hexdigit))?;
            out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_paths_pass_and_tricks_do_not() {
        let ok = check("GET", "/api/s2/inventory/overview", Some("x=1")).unwrap();
        assert_eq!((ok.endpoint.id, ok.vendor_path.as_str(), ok.query.len()), ("s2.get_inventory_overview", "/inventory/overview", 0));
        assert_eq!(check("GET", "/api/s2/inventory/nope", None).unwrap_err(), Refusal::UnknownOperation);
        assert_eq!(check("POST", "/api/s2/inventory/overview", None).unwrap_err(), Refusal::MethodNotAllowed);
        for tricky in [
            "/api/s2/inventory/../inventory/overview",
            "/api/s2/inventory/%2e%2e/overview",
            "/api/s2/inventory%2foverview",
            "/api/s2//inventory/overview",
            "/api/s2/inventory/overview/",
            "/api/s2/inventory\\overview",
            "/api/s2/inventory/over%00view",
            "/api/s2/inventory/%zz",
        ] {
            assert!(matches!(check("GET", tricky, None), Err(Refusal::BadPath(_))), "{tricky}");
        }
    }

    fn upstream_query(raw: &str) -> Result<String, Refusal> {
        check("GET", "/api/stock2shop/v1/sources", Some(raw)).map(|a| a.query_string())
    }

    #[test]
    fn the_upstream_query_is_rebuilt_from_declared_decoded_values() {
        // A raw `;` (or an encoded `&`, `=`, `#`) stays inside the declared value.
        assert_eq!(upstream_query("format=a;token=SEMI").unwrap(), "format=a%3Btoken%3DSEMI");
        assert_eq!(upstream_query("format=a%26token%3DAMP").unwrap(), "format=a%26token%3DAMP");
        assert_eq!(upstream_query("format=a%23b%3Fc").unwrap(), "format=a%23b%3Fc");
        // Spaces as `+` or `%20` reach the vendor one way; a literal plus stays a plus.
        assert_eq!(upstream_query("format=a+b%20c%2Bd").unwrap(), "format=a%20b%20c%2Bd");
        // Undeclared names go, however spelled; declared names spelled encoded stay.
        assert_eq!(upstream_query("%74oken=x&token=y&format=json&;token=z&%66ormat=xml").unwrap(), "format=json&format=xml");
        assert_eq!(upstream_query("").unwrap(), "");
        // Malformed escapes are refused rather than guessed at.
        for bad in ["format=%zz", "format=%+a", "format=%", "format=%ff"] {
            assert!(matches!(upstream_query(bad), Err(Refusal::BadPath(_))), "{bad}");
        }
    }
}
