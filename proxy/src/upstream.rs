//! Where each vendor's requests go and which credentials they carry.

use axum::body::Bytes;
use axum::http::HeaderValue;
use commerce_kit::catalogue::{Auth, Vendor};

use crate::allowlist::Allowed;
use crate::secret::Secret;

/// A vendor's upstream: its base URL and credentials, real or the embedded mock's.
#[derive(Debug, Clone)]
pub struct Upstream {
    pub base_url: String,
    pub credentials: Credentials,
    /// Served by the embedded mock rather than the vendor.
    pub mock: bool,
}

#[derive(Debug, Clone)]
pub enum Credentials {
    S2 { token: Secret, organization: String },
    S2Partner { access_key: Secret },
    /// Not configurable yet: requests are forwarded without credentials.
    None,
}

/// One upstream per vendor.
#[derive(Debug, Clone)]
pub struct Upstreams {
    pub s2: Upstream,
    pub s2_partner: Upstream,
    pub stock2shop: Upstream,
    pub sellers_commerce: Upstream,
}

impl Upstreams {
    pub fn get(&self, vendor: Vendor) -> &Upstream {
        match vendor {
            Vendor::S2 => &self.s2,
            Vendor::S2Partner => &self.s2_partner,
            Vendor::Stock2shop => &self.stock2shop,
            Vendor::SellersCommerce => &self.sellers_commerce,
        }
    }

    /// Real vendors where configured, the mock at `mock_origin` for the rest.
    pub fn from_config(config: &crate::Config, mock_origin: &str, mock: &commerce_mock::MockConfig) -> Upstreams {
        let mocked = |vendor: Vendor, credentials| Upstream { base_url: format!("{mock_origin}/{}", vendor.slug()), credentials, mock: true };
        let s2 = match config.s2.real() {
            Some((base_url, token, organization)) => Upstream { base_url, credentials: Credentials::S2 { token, organization }, mock: false },
            None => mocked(Vendor::S2, Credentials::S2 { token: Secret::new(mock.s2_token.clone()), organization: mock.s2_organization.clone() }),
        };
        let s2_partner = match config.s2_partner.real() {
            Some((base_url, access_key)) => Upstream { base_url, credentials: Credentials::S2Partner { access_key }, mock: false },
            None => mocked(Vendor::S2Partner, Credentials::S2Partner { access_key: Secret::new(mock.s2_partner_access_key.clone()) }),
        };
        Upstreams {
            s2,
            s2_partner,
            stock2shop: mocked(Vendor::Stock2shop, Credentials::None),
            sellers_commerce: mocked(Vendor::SellersCommerce, Credentials::None),
        }
    }

    /// Whether any vendor is configured for real (demo users are refused then).
    pub fn any_real(&self) -> bool {
        [&self.s2, &self.s2_partner, &self.stock2shop, &self.sellers_commerce].iter().any(|u| !u.mock)
    }
}

impl Upstream {
    /// Sends an allowed request with this vendor's credentials and nothing the client
    /// sent but the body and its content type.
    pub async fn send(&self, http: &reqwest::Client, allowed: &Allowed, content_type: Option<HeaderValue>, body: Bytes) -> reqwest::Result<reqwest::Response> {
        let mut url = format!("{}{}", self.base_url, allowed.vendor_path);
        for (i, (name, value)) in allowed.query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(name);
            url.push('=');
            url.push_str(value);
        }
        let method = reqwest::Method::from_bytes(allowed.endpoint.method.as_str().as_bytes()).expect("catalogue methods are valid");
        let mut request = http.request(method, url).header("accept", "application/json");
        if let Some(ct) = content_type.filter(|_| !body.is_empty()) {
            request = request.header("content-type", ct.as_bytes());
        }
        if !body.is_empty() {
            request = request.body(body);
        }
        // The request was built from scratch above: whatever credentials the client sent
        // are not in it, and only the operation's own kind is added.
        match (&self.credentials, allowed.endpoint.auth) {
            (Credentials::S2 { token, organization }, Auth::BearerWithOrganization) => {
                request = request.header("authorization", format!("Bearer {}", token.expose())).header("x-s2-organization", organization.as_str());
            }
            (Credentials::S2Partner { access_key }, Auth::AccessKey) => {
                request = request.header("x-accesskey", access_key.expose());
            }
            _ => {}
        }
        request.send().await
    }
}

impl Upstream {
    /// The secret values this upstream sends, for scrubbing vendor error bodies that
    /// echo them back.
    pub fn secrets(&self) -> Vec<&str> {
        match &self.credentials {
            Credentials::S2 { token, .. } => vec![token.expose()],
            Credentials::S2Partner { access_key } => vec![access_key.expose()],
            Credentials::None => vec![],
        }
        .into_iter()
        .filter(|s| s.len() >= 4)
        .collect()
    }
}
