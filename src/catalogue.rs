//! The catalogue: every vendor operation, declared once as data.
//!
//! An [`Endpoint`] is the single source for everything that concerns an operation:
//! the request builder fills its path template, the validator walks its response
//! schema, the proxy's allowlist and credential injection read its vendor and auth
//! kind, the mock mounts a route at its path, and `commerce-proxy endpoints` lists it.
//! No vendor path appears anywhere but in its declaration.

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

    pub fn from_slug(slug: &str) -> Option<Vendor> {
        Vendor::ALL.into_iter().find(|v| v.slug() == slug)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
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

#[derive(Debug, Serialize)]
pub struct Param {
    pub name: &'static str,
    pub required: bool,
    pub kind: ParamKind,
}

impl Param {
    pub const fn required(name: &'static str, kind: ParamKind) -> Param {
        Param { name, required: true, kind }
    }
    pub const fn optional(name: &'static str, kind: ParamKind) -> Param {
        Param { name, required: false, kind }
    }
}

/// What the request body is.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    None,
    Json(#[serde(skip)] &'static Schema),
    /// `application/x-www-form-urlencoded`.
    Form,
}

/// One vendor operation.
#[derive(Debug, Serialize)]
pub struct Endpoint {
    pub vendor: Vendor,
    /// `s2.get_inventory_overview`: the ids of `shared/endpoints.tsv`.
    pub id: &'static str,
    /// One line for listings and the dashboard.
    pub summary: &'static str,
    pub method: Method,
    /// The vendor's own path template, `{name}` for a path parameter.
    pub path: &'static str,
    pub path_params: &'static [Param],
    pub query: &'static [Param],
    pub body: Body,
    #[serde(skip)]
    pub response: &'static Schema,
    pub auth: Auth,
    /// Safe to send twice: reads, and writes the vendor deduplicates.
    pub idempotent: bool,
    pub pagination: Pagination,
}

impl Endpoint {
    /// Whether the operation only reads vendor state: GETs, and the POSTs declared
    /// idempotent (queries that send their query as a body, like Stock2Shop's
    /// Elasticsearch searches). Viewers may make these; everything else is a write.
    pub fn is_read(&self) -> bool {
        self.method == Method::Get || (self.method == Method::Post && self.idempotent)
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

    pub fn path_param(&self, name: &str) -> Option<&'static Param> {
        self.path_params.iter().find(|p| p.name == name)
    }

    pub fn query_param(&self, name: &str) -> Option<&'static Param> {
        self.query.iter().find(|p| p.name == name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateSegment<'a> {
    Literal(&'a str),
    Param(&'a str),
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
