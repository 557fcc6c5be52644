//! Which requests may reach a vendor: only catalogue operations, matched on method and
//! path template, after refusing every path trick before any decoding is trusted.

use commerce_kit::catalogue::{self, Auth, Endpoint, Method, Param, ParamKind, TemplateSegment, Vendor};

/// The longest request path accepted (the longest catalogue path is far shorter).
pub const MAX_PATH: usize = 1024;

/// A request the allowlist accepted.
#[derive(Debug)]
pub struct Allowed {
    pub endpoint: &'static Endpoint,
    /// The vendor path, re-encoded from the checked segments.
    pub vendor_path: String,
    /// The query parameters, all declared, in the client's order: the catalogue's name and
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
    /// A query parameter the operation does not declare (decoded name as sent), with the
    /// declared ones: 400.
    UnknownParameter { name: String, declared: Vec<&'static str> },
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
    // Split on raw slashes only: an encoded `/` is data inside a segment.
    let mut segments = Vec::new();
    for raw in vendor_path.split('/') {
        if raw.is_empty() {
            return Err(Refusal::BadPath("empty path segment (double or trailing slash)"));
        }
        let decoded = percent_decode(raw).ok_or(Refusal::BadPath("malformed percent-encoding"))?;
        // Never a dot segment, literal or parameter value, however encoded.
        if decoded == "." || decoded == ".." {
            return Err(Refusal::BadPath("dot segment"));
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
    let Some(endpoint) = route(vendor, method, &segments) else {
        // No operation: a tricky segment says why it is refused, before the method does.
        if let Some(why) = segments.iter().find_map(|s| literal_trick(s)) {
            return Err(Refusal::BadPath(why));
        }
        let other_method = [Method::Get, Method::Post, Method::Put, Method::Delete].into_iter().any(|m| m != method && route(vendor, m, &segments).is_some());
        return Err(if other_method { Refusal::MethodNotAllowed } else { Refusal::UnknownOperation });
    };
    if endpoint.auth == Auth::CredentialExchange {
        return Err(Refusal::ProxyOnly);
    }
    // Literal segments equal the template's; parameter segments are values, checked
    // per parameter and percent-encoded again exactly as the crate's builder does.
    let mut vendor_path = String::new();
    for (template, value) in endpoint.segments().zip(&segments) {
        vendor_path.push('/');
        match template {
            TemplateSegment::Literal(literal) => vendor_path.push_str(literal),
            TemplateSegment::Param(name) => {
                let param = endpoint.path_param(name).ok_or(Refusal::UnknownOperation)?;
                check_path_value(param, value)?;
                vendor_path.push_str(&commerce_kit::request::percent_encode(value));
            }
        }
    }
    // Sellers Commerce is ASP.NET, which matches parameter names in any case.
    let any_case = vendor == Vendor::SellersCommerce;
    let mut query = Vec::new();
    for pair in raw_query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let name = percent_decode(k).ok_or(Refusal::BadPath("malformed percent-encoding in the query"))?;
        // An undeclared parameter is refused, never dropped (a misspelt filter would
        // answer the whole list) and never forwarded: credentials such as `token` are
        // injected by the proxy and never declared for the browser.
        let declared = endpoint.query.iter().find(|p| if any_case { p.name.eq_ignore_ascii_case(&name) } else { p.name == name });
        let Some(param) = declared else {
            let name = name.chars().take(64).collect();
            return Err(Refusal::UnknownParameter { name, declared: endpoint.query.iter().map(|p| p.name).collect() });
        };
        // The value is decoded and encoded again: whatever the client meant as data
        // (`;`, `&`, `=`, `#`) reaches the vendor as data, never as a separator.
        let value = percent_decode(&v.replace('+', " ")).ok_or(Refusal::BadPath("malformed percent-encoding in the query"))?;
        query.push((param.name.to_string(), commerce_kit::request::percent_encode(&value)));
    }
    Ok(Allowed { endpoint, vendor_path, query })
}

/// The operation of `vendor` whose template matches the decoded `segments`: literal
/// segments equal, a parameter segment any value.
fn route(vendor: Vendor, method: Method, segments: &[String]) -> Option<&'static Endpoint> {
    catalogue::endpoints().iter().copied().filter(|e| e.vendor == vendor && e.method == method).find(|endpoint| {
        let mut template = endpoint.segments();
        segments.iter().all(|actual| match template.next() {
            Some(TemplateSegment::Literal(literal)) => literal == actual,
            Some(TemplateSegment::Param(_)) => true,
            None => false,
        }) && template.next().is_none()
    })
}

/// Why a decoded segment could never be a literal segment of a template.
fn literal_trick(decoded: &str) -> Option<&'static str> {
    if decoded.contains(['/', '\\', '\0']) || decoded.contains("..") || decoded.chars().any(char::is_control) {
        Some("encoded slash, backslash, dot-dot or control character")
    } else if decoded.contains([':', '@']) {
        Some("':' or '@' in a path segment")
    } else {
        None
    }
}

/// A path parameter's decoded value: data of any text (an e-mail address, a code with
/// `/` or `:`), but no control character, and nothing a vendor that decoded and split
/// it on `/` or `\` would read as a dot segment.
fn check_path_value(param: &Param, value: &str) -> Result<(), Refusal> {
    if value.chars().any(char::is_control) {
        return Err(Refusal::BadPath("control character in a path parameter"));
    }
    if value.split(['/', '\\']).any(|piece| piece == "." || piece == "..") {
        return Err(Refusal::BadPath("dot segment inside a path parameter"));
    }
    if param.kind == ParamKind::Integer && value.parse::<i64>().is_err() {
        return Err(Refusal::BadPath("path parameter is not an integer"));
    }
    Ok(())
}

pub(crate) fn percent_decode(s: &str) -> Option<String> {
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
        let ok = check("GET", "/api/s2/inventory/overview", None).unwrap();
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

    /// Path parameters are values: whatever the crate's builder puts in a path for a
    /// parameter (e-mail addresses, codes with `/`, `:`, spaces, non-ASCII), the proxy
    /// accepts and forwards exactly as built.
    #[test]
    fn the_builders_paths_pass_unchanged_for_every_path_parameter() {
        let values = ["ann@example.com", "SO/1", "A:B", "a b+c", "caf\u{e9}", "x?y#z&w=1", "100%", "..a", "a..b", "-_.~"];
        let mut checked = 0;
        for endpoint in catalogue::endpoints().iter().filter(|e| !e.path_params.is_empty()) {
            for value in values {
                let mut builder = commerce_kit::request::Request::builder(endpoint);
                for param in endpoint.path_params {
                    builder = builder.path_param(param.name, value);
                }
                let built = builder.build().unwrap();
                let raw = format!("/api/{}{}", endpoint.vendor.slug(), built.path);
                let checked_now = check(endpoint.method.as_str(), &raw, None);
                if endpoint.auth == Auth::CredentialExchange {
                    assert_eq!(checked_now.unwrap_err(), Refusal::ProxyOnly, "{raw}");
                } else {
                    let allowed = checked_now.unwrap_or_else(|e| panic!("{raw}: {e:?}"));
                    assert_eq!((allowed.endpoint.id, allowed.vendor_path.as_str()), (endpoint.id, built.path.as_str()), "{raw}");
                }
                checked += 1;
            }
        }
        assert!(checked >= 6 * values.len(), "path-parameter operations of every vendor that has them");
        // The e-mail address of the issue, as the builder writes it; `@` also raw.
        for raw in ["/api/sellers_commerce/api/shopper/get/ann%40example.com", "/api/sellers_commerce/api/shopper/get/ann@example.com"] {
            assert_eq!(check("GET", raw, None).unwrap().vendor_path, "/api/shopper/get/ann%40example.com", "{raw}");
        }
        // An encoded slash is data inside the value, never a segment boundary.
        let slash = check("GET", "/api/sellers_commerce/api/order/get/SO%2F1", None).unwrap();
        assert_eq!((slash.endpoint.id, slash.vendor_path.as_str()), ("sellers_commerce.order_get", "/api/order/get/SO%2F1"));
        assert_eq!(
            check("GET", "/api/sellers_commerce/api/order%2Fget/SO1", None).unwrap_err(),
            Refusal::BadPath("encoded slash, backslash, dot-dot or control character")
        );
    }

    #[test]
    fn dot_values_and_tricks_in_parameters_are_still_refused() {
        for tricky in [
            "/api/sellers_commerce/api/order/get/..",
            "/api/sellers_commerce/api/order/get/.",
            "/api/sellers_commerce/api/order/get/%2e%2E",
            "/api/sellers_commerce/api/order/get/%2e",
            // A vendor that split the value on its slashes would see a dot segment.
            "/api/sellers_commerce/api/order/get/a%2F..%2Fb",
            "/api/sellers_commerce/api/order/get/..%2Fproduct",
            "/api/sellers_commerce/api/order/get/a%5C..",
            "/api/sellers_commerce/api/order/get/a%00b",
            "/api/sellers_commerce/api/order/get/a%0Ab",
            "/api/sellers_commerce/api/order/get/%zz",
            "/api/sellers_commerce/api/order/get/a%C3",
            "/api/sellers_commerce/api/order/../order/get/1",
            "/api/sellers_commerce/api/order/get//1",
            "/api/sellers_commerce/api/order/get/1/",
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
        // Declared names spelled encoded stay; undeclared names are refused, however spelled.
        assert_eq!(upstream_query("format=json&%66ormat=xml").unwrap(), "format=json&format=xml");
        for (raw, name) in [("%74oken=x", "token"), ("format=json&token=y", "token"), (";token=z", ";token"), ("Format=json", "Format"), ("x", "x")] {
            assert_eq!(upstream_query(raw).unwrap_err(), Refusal::UnknownParameter { name: name.into(), declared: vec!["format"] }, "{raw}");
        }
        assert_eq!(upstream_query("").unwrap(), "");
        // Malformed escapes are refused rather than guessed at.
        for bad in ["format=%zz", "format=%+a", "format=%", "format=%ff", "%zz=1"] {
            assert!(matches!(upstream_query(bad), Err(Refusal::BadPath(_))), "{bad}");
        }
    }

    /// A parameter the operation does not declare is refused, never dropped: a user who
    /// meant to filter must not get the whole list.
    #[test]
    fn undeclared_query_parameters_are_refused_with_the_declared_ones() {
        let refused = |path: &str, query: &str| check("GET", path, Some(query)).unwrap_err();
        assert_eq!(
            refused("/api/sellers_commerce/api/product/getall", "$top=5"),
            Refusal::UnknownParameter { name: "$top".into(), declared: vec!["$filter", "$orderby"] }
        );
        assert_eq!(refused("/api/s2/inventory/overview", "x=1"), Refusal::UnknownParameter { name: "x".into(), declared: vec![] });
        // Elsewhere, names are exact.
        assert!(matches!(refused("/api/stock2shop/v1/sources", "FORMAT=json"), Refusal::UnknownParameter { .. }));
    }

    /// Sellers Commerce (ASP.NET) matches parameter names in any case: so does the proxy,
    /// and it sends the declared spelling.
    #[test]
    fn sellers_commerce_parameter_names_match_in_any_case_and_go_out_as_declared() {
        let sent = |path: &str, query: &str| check("GET", path, Some(query)).map(|a| a.query_string());
        assert_eq!(sent("/api/sellers_commerce/api/product/getallproductskus", "productcode=SC-1001&TOP=5").unwrap(), "ProductCode=SC-1001&top=5");
        assert_eq!(
            sent("/api/sellers_commerce/api/product/getall", "$Filter=ProductCode%20eq%20%27SC-1001%27").unwrap(),
            "$filter=ProductCode%20eq%20%27SC-1001%27"
        );
        assert_eq!(sent("/api/sellers_commerce/api/product/getall", "%24FILTER=a").unwrap(), "$filter=a");
    }
}
