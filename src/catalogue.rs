//! The catalogue: every vendor operation, declared once as data.
//!
//! An [`Endpoint`] is the single source for everything that concerns an operation:
//! the request builder fills its path template, the validator walks its response
//! schema, the proxy's allowlist and credential injection read its vendor and auth
//! kind, the mock mounts a route at its path, and `commerce-proxy endpoints` lists it.
//! No vendor path appears anywhere but in its declaration.

use std::borrow::Cow;

use serde::Serialize;

use crate::schema::Schema;
use crate::vendors;

/// The four APIs of the five vendor documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Vendor {
    /// S2 Partner API (`X-AccessKey`).
    S2Partner,
    /// S2 fulfillment-order and inventory API (Bearer token + organization).
    S2,
    /// Stock2Shop (token from username/password login, passed as `?token=`).
    Stock2shop,
    /// Sellers Commerce Open API (OAuth password grant).
    SellersCommerce,
}

impl Vendor {
    /// Every vendor, in the order of `shared/endpoints.tsv`.
    pub const ALL: [Vendor; 4] = [Vendor::S2Partner, Vendor::S2, Vendor::Stock2shop, Vendor::SellersCommerce];

    /// The name used in operation ids, proxy routes (`/api/<slug>/...`) and config.
    pub const fn slug(self) -> &'static str {
        match self {
            Vendor::S2Partner => "s2_partner",
            Vendor::S2 => "s2",
            Vendor::Stock2shop => "stock2shop",
            Vendor::SellersCommerce => "sellers_commerce",
        }
    }

    /// The vendor of a slug (`"s2_partner"`), if it is one.
    pub fn from_slug(slug: &str) -> Option<Vendor> {
        Vendor::ALL.into_iter().find(|v| v.slug() == slug)
    }
}

/// An operation's HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// `GET`: a read.
    Get,
    /// `POST`: a create, a write, or a search that sends its query as a body.
    Post,
    /// `PUT`: a replacement.
    Put,
    /// `DELETE`: a removal.
    Delete,
}

impl Method {
    /// The method as HTTP spells it (`"GET"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    /// Reads never change vendor state; the proxy lets viewers make them.
    pub const fn is_read(self) -> bool {
        matches!(self, Method::Get)
    }
}

/// How the proxy authenticates an operation upstream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Auth {
    /// `X-AccessKey: <key>` (S2 Partner).
    AccessKey,
    /// `Authorization: Bearer <token>` and `X-S2-Organization: <id>` (S2).
    BearerWithOrganization,
    /// `?token=<token>` from a cached username/password login (Stock2Shop).
    SessionToken,
    /// `Authorization: Bearer <access token>` from the OAuth password grant (Sellers Commerce).
    OAuthBearer,
    /// The operation obtains or carries credentials itself (logins, token grants, password
    /// resets, SSO checks): the browser never reaches it. The proxy runs the ones that get
    /// its own vendor tokens (Stock2Shop's `authenticate`, Sellers Commerce's `/token`) and
    /// exposes none of the others, which act for a store's end users.
    CredentialExchange,
}

/// How a list continues past its first page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "style")]
pub enum Pagination {
    /// One response holds everything.
    None,
    /// Pass the previous page's `next_token` back as the `next_token` query parameter.
    NextToken,
    /// `top` / `skip` query parameters.
    TopSkip,
}

/// What a path or query parameter holds; the builder and the proxy check it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamKind {
    /// Any non-empty text (percent-encoded when sent).
    Text,
    /// A decimal integer.
    Integer,
    /// A list of text values, sent comma-separated in one parameter.
    List,
    /// An OData `$filter` expression.
    ODataFilter,
    /// An OData `$orderby` expression.
    ODataOrderBy,
    /// A boolean, `true` or `false`.
    Boolean,
}

/// A path or query parameter of an operation.
#[derive(Debug, Serialize)]
pub struct Param {
    /// The name on the wire (`warehouse_id`, `$filter`).
    pub name: &'static str,
    /// Whether a request without it is refused before sending.
    pub required: bool,
    /// What it holds, which the builder and the proxy check.
    pub kind: ParamKind,
}

impl Param {
    /// A parameter every request must carry.
    pub const fn required(name: &'static str, kind: ParamKind) -> Param {
        Param { name, required: true, kind }
    }
    /// A parameter a request may leave out.
    pub const fn optional(name: &'static str, kind: ParamKind) -> Param {
        Param { name, required: false, kind }
    }
}

/// What the request body is.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    /// No body.
    None,
    /// A JSON body of this shape, checked before sending.
    Json(#[serde(skip)] &'static Schema),
    /// `application/x-www-form-urlencoded`.
    Form,
}

/// An operation's duplicate rule: what a second send of the same request does, and so
/// whether a lost answer (a timeout, a dropped connection, a 502-504) may be retried.
/// Declared once per operation; the proxy's retries, the package's retries, the
/// `outcome_unknown` error's advice and the README's table of writes all read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "rule", content = "by")]
pub enum Duplicates {
    /// A second send changes nothing: reads, and the searches and sign-ins that send
    /// their input as a POST body. The proxy retries these on 502-504.
    Harmless,
    /// The vendor refuses a second write carrying the same value of this body field,
    /// which the client chooses (S2's `channelFulfillmentId`). The package retries a lost
    /// answer with the same value and reads the refusal as "already created"; the proxy
    /// does not retry it (it cannot tell the client which attempt created it).
    ClientId(&'static str),
    /// Nothing refuses a duplicate, but this read (an operation id) finds the write after
    /// the fact. Never retried automatically: a lost answer is `outcome_unknown` naming
    /// the read to make before sending it again.
    LookupAfter(&'static str),
    /// The vendor offers no way to tell whether it happened. Never retried automatically:
    /// a lost answer is `outcome_unknown`.
    Undetectable,
}

impl Duplicates {
    /// Whether the proxy may send it again after a lost answer.
    pub const fn proxy_retries(self) -> bool {
        matches!(self, Duplicates::Harmless)
    }

    /// Whether the package may send it again after a lost answer (with the same
    /// client-chosen id, for [`Duplicates::ClientId`]).
    pub const fn client_retries(self) -> bool {
        matches!(self, Duplicates::Harmless | Duplicates::ClientId(_))
    }

    /// How to find out whether a write whose answer was lost happened: the advice an
    /// `outcome_unknown` error carries.
    pub fn check(self) -> String {
        match self {
            Duplicates::Harmless => "send it again: a second send changes nothing".into(),
            Duplicates::ClientId(field) => {
                format!("send it again with the same {field}: the vendor refuses a duplicate, which then means the first one was created")
            }
            Duplicates::LookupAfter(read) => format!("look for it with {read} before sending it again: the vendor does not refuse a duplicate"),
            Duplicates::Undetectable => "check in the vendor's own back office before sending it again: the vendor offers no way to detect a duplicate".into(),
        }
    }

    /// The rule in a few words, for the README's table of writes.
    pub fn rule(self) -> String {
        match self {
            Duplicates::Harmless => "harmless: retried by the proxy".into(),
            Duplicates::ClientId(field) => format!("client id `{field}`: retried by the package, a 409 after a lost answer is \"already created\""),
            Duplicates::LookupAfter(read) => format!("lookup after with `{read}`: never retried, `outcome_unknown` names the lookup"),
            Duplicates::Undetectable => "undetectable: never retried, `outcome_unknown`".into(),
        }
    }
}

/// One vendor operation.
#[derive(Debug, Serialize)]
pub struct Endpoint {
    /// Whose API it belongs to.
    pub vendor: Vendor,
    /// `s2.get_inventory_overview`: the ids of `shared/endpoints.tsv`.
    pub id: &'static str,
    /// One line for listings and the dashboard.
    pub summary: &'static str,
    /// Its HTTP method.
    pub method: Method,
    /// The vendor's own path template, `{name}` for a path parameter.
    pub path: &'static str,
    /// The parameters of its path template, in order.
    pub path_params: &'static [Param],
    /// Its query parameters.
    pub query: &'static [Param],
    /// What its request body is.
    pub body: Body,
    /// The shape of its successful response, which the validator walks.
    #[serde(skip)]
    pub response: &'static Schema,
    /// How the proxy authenticates it upstream.
    pub auth: Auth,
    /// What happens if it is sent twice, and so who may retry it (see [`Duplicates`]).
    pub duplicates: Duplicates,
    /// How a list continues past its first page.
    pub pagination: Pagination,
}

impl Endpoint {
    /// Whether the operation only reads vendor state: GETs, and the POSTs declared
    /// idempotent (queries that send their query as a body, like Stock2Shop's
    /// Elasticsearch searches). Viewers may make these; everything else is a write.
    pub fn is_read(&self) -> bool {
        self.method == Method::Get || (self.method == Method::Post && self.duplicates == Duplicates::Harmless)
    }

    /// Safe to send twice with nothing to reconcile: the proxy retries these.
    pub fn idempotent(&self) -> bool {
        self.duplicates == Duplicates::Harmless
    }

    /// The operation's path-template segments, for matching a concrete path.
    pub fn segments(&self) -> impl Iterator<Item = TemplateSegment<'static>> {
        self.path.trim_start_matches('/').split('/').map(|s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => TemplateSegment::Param(name),
            None => TemplateSegment::Literal(s),
        })
    }

    /// The largest request body a proxy should accept for this operation: 1 MiB, or what
    /// the vendor documents as larger (Stock2Shop's image queue takes 2 MB images).
    pub fn max_request_body(&self) -> usize {
        const DEFAULT: usize = 1024 * 1024;
        #[cfg(feature = "stock2shop")]
        {
            use crate::vendors::stock2shop::images;
            if self.id == images::QUEUE_IMAGES.id {
                return images::MAX_QUEUE_BODY_BYTES;
            }
        }
        DEFAULT
    }

    /// Its path parameter of this name.
    pub fn path_param(&self, name: &str) -> Option<&'static Param> {
        self.path_params.iter().find(|p| p.name == name)
    }

    /// Its query parameter of this name.
    pub fn query_param(&self, name: &str) -> Option<&'static Param> {
        self.query.iter().find(|p| p.name == name)
    }
}

/// One segment of a path template (`/inventory/{id}`: `inventory`, then `{id}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateSegment<'a> {
    /// A segment the path must have as written.
    Literal(&'a str),
    /// A `{name}` segment: any non-empty value, the parameter `name`.
    Param(&'a str),
}

/// The README's table of writes (every operation that is not [`Duplicates::Harmless`])
/// and their duplicate rules; a test keeps the README's copy equal to it.
pub fn writes_table() -> String {
    let mut out = String::from("| operation | method and path | duplicate rule |\n|---|---|---|\n");
    for e in endpoints().iter().filter(|e| e.duplicates != Duplicates::Harmless) {
        out.push_str(&format!("| `{}` | `{} {}` | {} |\n", e.id, e.method.as_str(), e.path, e.duplicates.rule()));
    }
    out
}

/// What the JavaScript package shows of one operation: its client method and what
/// `decodeResponse` (and the method) resolve with. Each `operations!` table generates
/// its vendor's (`SURFACE`); `docs/endpoints.md`, the `ResponseTypes` declarations and
/// their tests read them through [`surfaces`].
#[derive(Debug, Clone)]
pub struct Surface {
    /// The operation, as the registry declares it.
    pub endpoint: &'static Endpoint,
    /// The method of the vendor's client (`client.s2Partner.listSuppliers`); `None` for a
    /// credential exchange, which only the proxy makes.
    pub js_method: Option<Cow<'static, str>>,
    /// The TypeScript type it resolves with, `Checked<...>` when it holds records.
    pub response_type: Cow<'static, str>,
}

/// The surface of every operation, in registry order: each comes from its vendor's
/// `operations!` table (a test checks that every registered operation has one).
pub fn surfaces() -> Vec<Surface> {
    let tabled = vendors::surfaces();
    endpoints().iter().filter_map(|endpoint| tabled.iter().find(|s| s.endpoint.id == endpoint.id).map(|s| (*s).clone())).collect()
}

/// `docs/endpoints.md`: every operation with its method, path, JS method and response
/// type; a test keeps the file equal to this.
pub fn endpoints_markdown() -> String {
    let mut out = String::from(
        "<!-- Generated from the catalogue (catalogue::endpoints_markdown) by `make golden`. Do not edit. -->\n\
         # Endpoints\n\n\
         Every operation the package, the proxy and the mock know, in the order of\n\
         `shared/endpoints.tsv`. The JS method is on the vendor's client\n\
         (`client.s2Partner.listSuppliers()`); credential exchanges have none (the proxy makes\n\
         them). The response type is what the method and `decodeResponse(id, body)` resolve\n\
         with; `Checked<T>` marks a value that holds records (see the README, \"Partial lists\").\n\n\
         | vendor | id | method | path | JS method | response type |\n|---|---|---|---|---|---|\n",
    );
    for s in surfaces() {
        let e = s.endpoint;
        let js = s.js_method.as_ref().map_or_else(|| "(proxy only)".to_string(), |m| format!("`{m}`"));
        // A `|` in a union type would end the cell.
        let response_type = s.response_type.replace('|', "\\|");
        out.push_str(&format!("| {} | `{}` | {} | `{}` | {js} | `{response_type}` |\n", e.vendor.slug(), e.id, e.method.as_str(), e.path));
    }
    out
}

/// Every operation, in the order of `shared/endpoints.tsv`.
pub fn endpoints() -> &'static [&'static Endpoint] {
    vendors::endpoints()
}

/// The operation with this id.
pub fn find(id: &str) -> Option<&'static Endpoint> {
    endpoints().iter().copied().find(|e| e.id == id)
}

/// The operation of `vendor` that `method` + `path` (the vendor's path, already
/// normalised) addresses, with its path parameters.
pub fn route(vendor: Vendor, method: Method, path: &str) -> Option<(&'static Endpoint, Vec<(&'static str, String)>)> {
    let wanted: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    'endpoints: for endpoint in endpoints().iter().copied().filter(|e| e.vendor == vendor && e.method == method) {
        let mut params = Vec::new();
        let mut template = endpoint.segments();
        for actual in &wanted {
            match template.next() {
                Some(TemplateSegment::Literal(l)) if l == *actual => {}
                Some(TemplateSegment::Param(name)) if !actual.is_empty() => params.push((name, (*actual).to_string())),
                _ => continue 'endpoints,
            }
        }
        if template.next().is_none() {
            return Some((endpoint, params));
        }
    }
    None
}

#[cfg(all(test, feature = "s2", feature = "s2-partner", feature = "stock2shop", feature = "sellers-commerce"))]
mod duplicate_rules {
    use super::*;

    /// The README's table of writes is [`writes_table`], byte for byte.
    #[test]
    fn the_readme_lists_every_write_with_its_duplicate_rule() {
        let readme = include_str!("../README.md");
        let begin = "<!-- writes table: generated from the catalogue, checked by catalogue::duplicate_rules -->\n";
        let start = readme.find(begin).expect("the README has the writes table's opening marker") + begin.len();
        let end = start + readme[start..].find("<!-- end of writes table -->").expect("the README has the writes table's closing marker");
        assert_eq!(&readme[start..end], writes_table(), "paste this table into README.md:\n{}", writes_table());
    }

    /// Every write has a rule other than harmless (a harmless POST counts as a read, which
    /// viewers may make), and every rule names something real: a lookup names a read of
    /// the same vendor, a client id names a field of the request body's schema.
    #[test]
    fn every_rule_names_something_that_exists() {
        for e in endpoints() {
            if matches!(e.method, Method::Put | Method::Delete) {
                assert_ne!(e.duplicates, Duplicates::Harmless, "{}", e.id);
            }
            match e.duplicates {
                Duplicates::LookupAfter(read) => {
                    let read = find(read).unwrap_or_else(|| panic!("{}: no operation {read}", e.id));
                    assert!(read.is_read() && read.vendor == e.vendor, "{}: {} is not a read of its vendor", e.id, read.id);
                }
                Duplicates::ClientId(field) => {
                    let Body::Json(schema) = e.body else { panic!("{}: a client id needs a JSON body", e.id) };
                    assert!(format!("{schema:?}").contains(&format!("\"{field}\"")), "{}: the body has no field {field}", e.id);
                }
                Duplicates::Harmless | Duplicates::Undetectable => {}
            }
        }
        assert_eq!(find("s2.create_fulfillment_order").unwrap().duplicates, Duplicates::ClientId("channelFulfillmentId"));
    }

    /// The proxy retries only what the package need not reconcile; the package also
    /// retries keyed creates; nobody retries the rest.
    #[test]
    fn who_retries_follows_the_rule() {
        let rules = [Duplicates::Harmless, Duplicates::ClientId("k"), Duplicates::LookupAfter("r"), Duplicates::Undetectable];
        let proxy: Vec<bool> = rules.iter().map(|r| r.proxy_retries()).collect();
        let client: Vec<bool> = rules.iter().map(|r| r.client_retries()).collect();
        assert_eq!((proxy, client), (vec![true, false, false, false], vec![true, true, false, false]));
        let lost = crate::Error::Timeout { after_ms: 5 };
        let write = find("stock2shop.queue_order").unwrap();
        let error = lost.clone().after_write(write, 1);
        assert_eq!(error.code(), "outcome_unknown");
        assert!(error.to_string().contains("look for it with stock2shop.search_orders"), "{error}");
        assert_eq!(lost.clone().after_write(find("s2.get_inventory_overview").unwrap(), 1), lost, "a read's error is unchanged");
        let refused = crate::Error::RateLimited { retry_after_seconds: None };
        assert_eq!(refused.clone().after_write(write, 1), refused, "an answer is not a lost answer");
    }
}

/// The files generated from the catalogue are checked in and kept equal to it:
/// `make golden` (`COMMERCE_KIT_BLESS=1`) rewrites them instead of failing.
#[cfg(all(test, feature = "s2", feature = "s2-partner", feature = "stock2shop", feature = "sellers-commerce"))]
mod generated_files {
    use super::*;

    fn check(relative: &str, expected: &str) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
        if std::env::var_os("COMMERCE_KIT_BLESS").is_some() {
            std::fs::write(&path, expected).unwrap_or_else(|e| panic!("{relative}: {e}"));
            return;
        }
        let found = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(found == expected, "{relative} is stale: run `make golden` to regenerate it from the catalogue");
    }

    #[test]
    fn docs_endpoints_md_is_generated_from_the_catalogue() {
        check("docs/endpoints.md", &endpoints_markdown());
    }

    /// Every operation has exactly one surface, from its table, and each id appears
    /// once in the generated documentation.
    #[test]
    fn every_operation_has_one_surface() {
        let surfaces = surfaces();
        assert_eq!(surfaces.len(), endpoints().len());
        let markdown = endpoints_markdown();
        for s in &surfaces {
            assert_eq!(markdown.matches(&format!("| `{}` |", s.endpoint.id)).count(), 1, "{}", s.endpoint.id);
            assert!(!s.response_type.is_empty(), "{}", s.endpoint.id);
        }
    }

    /// Every operation's JS method is declared in the package (the golden copy of its
    /// declarations, itself diff-checked against the build by `make test-golden`), with a
    /// doc comment; so is its `ResponseTypes` member.
    #[test]
    fn every_method_and_response_type_is_declared_with_a_doc_comment() {
        let declarations = include_str!("../tests/golden/commerce_kit.d.ts");
        let lines: Vec<&str> = declarations.lines().collect();
        let documented = |needle: &str| {
            let at = lines.iter().position(|l| l.trim_start().starts_with(needle));
            at.map(|i| i > 0 && lines[i - 1].trim_end().ends_with("*/"))
        };
        for s in surfaces() {
            let id = s.endpoint.id;
            assert_eq!(documented(&format!("\"{id}\": {};", s.response_type)), Some(true), "ResponseTypes[{id:?}] with its doc comment");
            if let Some(method) = &s.js_method {
                assert_eq!(documented(&format!("{method}(")), Some(true), "{id}: method {method} with its doc comment");
            }
        }
    }
}
