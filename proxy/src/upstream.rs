//! Where each vendor's requests go and which credentials they carry.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{header, HeaderName, HeaderValue, Method, Request, Response};
use commerce_kit::catalogue::{Auth, Vendor};
use commerce_kit::vendors::{sellers_commerce, stock2shop};
use http_body_util::Full;

use crate::allowlist::Allowed;
use crate::pacing::Pacer;
use crate::scrub::{self, Scrubber};
use crate::secret::Secret;
use crate::tokens::{Exchanges, Grant, Token, TokenError, TokenSource, VendorLink};
use crate::upstream_http::{self, UpstreamBody};

/// A vendor's upstream: its base URL and credentials, real or the embedded mock's.
#[derive(Clone)]
pub struct Upstream {
    pub base_url: String,
    /// Stock2Shop's `/v2-queue` host; `None` for vendors with one host.
    pub queue_base_url: Option<String>,
    pub credentials: Credentials,
    /// Served by the embedded mock rather than the vendor.
    pub mock: bool,
    /// Spaces requests to the vendor's documented rate.
    pub pacer: Option<Arc<Pacer>>,
    /// The scrubber of fixed credentials, built at the first answer (see [`Upstream::scrubber`]).
    fixed_scrubber: OnceLock<Arc<Scrubber>>,
    /// The headers of fixed credentials, built at the first request (see [`Upstream::fixed_headers`]).
    fixed_headers: OnceLock<Result<Vec<(HeaderName, HeaderValue)>, String>>,
    /// `base_url` and `queue_base_url` parsed, at the first request (see [`Upstream::base`]).
    base: OnceLock<Result<Base, String>>,
    queue_base: OnceLock<Result<Base, String>>,
}

/// A base URL parsed: where to connect, and the path the vendor paths follow.
#[derive(Clone, Debug)]
struct Base {
    origin: upstream_http::Origin,
    path: String,
}

impl std::fmt::Debug for Upstream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upstream").field("base_url", &self.base_url).field("mock", &self.mock).finish_non_exhaustive()
    }
}

#[derive(Clone)]
pub enum Credentials {
    S2 {
        token: Secret,
        organization: String,
    },
    S2Partner {
        access_key: Secret,
    },
    /// Credentials exchanged for a token the proxy keeps (Stock2Shop, Sellers Commerce).
    Token(Arc<TokenSource>),
}

/// Why a request could not be sent.
#[derive(Debug)]
pub enum SendError {
    Http(crate::upstream_http::Error),
    /// The vendor refused the proxy's own credentials, or the exchange failed.
    Token(TokenError),
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
        let mocked = |vendor: Vendor, credentials| Upstream {
            base_url: format!("{mock_origin}/{}", vendor.slug()),
            queue_base_url: None,
            credentials,
            mock: true,
            pacer: None,
            fixed_scrubber: OnceLock::new(),
            fixed_headers: OnceLock::new(),
            base: OnceLock::new(),
            queue_base: OnceLock::new(),
        };
        let real = |base_url: String, credentials| Upstream {
            base_url,
            queue_base_url: None,
            credentials,
            mock: false,
            pacer: None,
            fixed_scrubber: OnceLock::new(),
            fixed_headers: OnceLock::new(),
            base: OnceLock::new(),
            queue_base: OnceLock::new(),
        };
        let s2 = match config.s2.real() {
            Some((base_url, token, organization)) => real(base_url, Credentials::S2 { token, organization }),
            None => mocked(Vendor::S2, Credentials::S2 { token: Secret::new(mock.s2_token.clone()), organization: mock.s2_organization.clone() }),
        };
        let s2_partner = match config.s2_partner.real() {
            Some((base_url, access_key)) => real(base_url, Credentials::S2Partner { access_key }),
            None => mocked(Vendor::S2Partner, Credentials::S2Partner { access_key: Secret::new(mock.s2_partner_access_key.clone()) }),
        };
        let token = |grant| Credentials::Token(Arc::new(TokenSource::new(grant)));
        let trimmed = |url: &Option<String>, default: &str| url.as_deref().unwrap_or(default).trim_end_matches('/').to_string();
        let s2s = &config.stock2shop;
        let mut stock2shop = match s2s.credentials() {
            Some((username, password)) => Upstream {
                queue_base_url: Some(trimmed(&s2s.queue_base_url, stock2shop::QUEUE_BASE_URL)),
                ..real(trimmed(&s2s.base_url, stock2shop::APP_BASE_URL), token(Grant::Stock2Shop { username, password }))
            },
            None => mocked(
                Vendor::Stock2shop,
                token(Grant::Stock2Shop { username: mock.stock2shop_username.clone(), password: Secret::new(mock.stock2shop_password.clone()) }),
            ),
        };
        // The documents ask for at most one request per second, mock or not: the mock
        // enforces it too.
        stock2shop.pacer = Some(Arc::new(Pacer::per_second(s2s.requests_per_second.unwrap_or(1.0))));
        let sc = &config.sellers_commerce;
        let sellers_commerce = match sc.credentials() {
            Some((username, password)) => real(trimmed(&sc.base_url, sellers_commerce::BASE_URL), token(Grant::SellersCommerce { username, password })),
            None => mocked(
                Vendor::SellersCommerce,
                token(Grant::SellersCommerce { username: mock.sellers_username.clone(), password: Secret::new(mock.sellers_password.clone()) }),
            ),
        };
        Upstreams { s2, s2_partner, stock2shop, sellers_commerce }
    }

    /// The same upstreams with their tokens and pacing in Redis, shared by the fleet.
    pub fn fleet(mut self, shared: &Arc<crate::fleet_state::Shared>) -> Upstreams {
        for (upstream, vendor) in [(&mut self.stock2shop, Vendor::Stock2shop), (&mut self.sellers_commerce, Vendor::SellersCommerce)] {
            if let Credentials::Token(source) = &upstream.credentials {
                upstream.credentials = Credentials::Token(Arc::new(source.fleet(shared.clone(), vendor.slug())));
            }
            upstream.pacer = upstream.pacer.as_ref().map(|p| Arc::new(p.fleet(shared.clone(), vendor.slug())));
        }
        self
    }

    /// Whether any vendor is configured for real (demo users are refused then).
    pub fn any_real(&self) -> bool {
        [&self.s2, &self.s2_partner, &self.stock2shop, &self.sellers_commerce].iter().any(|u| !u.mock)
    }
}

impl Upstream {
    /// Sends an allowed request with this vendor's credentials and nothing the client
    /// sent but the body and its content type. For token vendors a 401 means the token
    /// went stale: it is exchanged again and the request sent once more (the vendor
    /// refused the first one, so even a write cannot have happened).
    pub async fn send(
        &self,
        http: &reqwest::Client,
        client: &upstream_http::Client,
        allowed: &Allowed,
        content_type: Option<HeaderValue>,
        body: Bytes,
        hooks: &dyn Exchanges,
    ) -> Result<Response<UpstreamBody>, SendError> {
        let mut relogged = false;
        loop {
            // The token first: an exchange it needs takes a pacing slot of its own.
            let token = match &self.credentials {
                Credentials::Token(source) => {
                    let link = VendorLink { http, base_url: &self.base_url, hooks, pacer: self.pacer.as_deref() };
                    // Boxed, as the waits below: the token exchange (reqwest, Redis) is the
                    // largest state of `send`, and a future is copied whole at each move.
                    Some(Box::pin(source.token(&link)).await.map_err(SendError::Token)?)
                }
                _ => None,
            };
            if let Some(pacer) = &self.pacer {
                let _queued = crate::tokens::Queued::new(hooks);
                Box::pin(pacer.turn()).await.map_err(|e| SendError::Token(TokenError::State(e)))?;
            }
            let response = self.send_once(client, allowed, content_type.clone(), body.clone(), token.as_ref()).await.map_err(SendError::Http)?;
            if let (Some(pacer), 429) = (&self.pacer, response.status().as_u16()) {
                // The pacer caps it (`pacing::MAX_HOLD_OFF`).
                let wait = crate::retry_after(response.headers()).unwrap_or(Duration::from_secs(1));
                if let Err(e) = Box::pin(pacer.hold_off_all(wait)).await {
                    tracing::warn!(error = %e, "could not share the vendor's Retry-After");
                }
            }
            match (&self.credentials, token) {
                (Credentials::Token(source), Some(token)) if response.status().as_u16() == 401 && !relogged => {
                    Box::pin(source.invalidate(&token)).await;
                    relogged = true;
                }
                _ => return Ok(response),
            }
        }
    }

    async fn send_once(
        &self,
        client: &upstream_http::Client,
        allowed: &Allowed,
        content_type: Option<HeaderValue>,
        body: Bytes,
        token: Option<&Token>,
    ) -> Result<Response<UpstreamBody>, upstream_http::Error> {
        let endpoint = allowed.endpoint;
        let queue =
            matches!((&self.queue_base_url, endpoint.vendor), (Some(_), Vendor::Stock2shop) if stock2shop::base_url(endpoint) == stock2shop::QUEUE_BASE_URL);
        let base = self.base(queue)?;
        let mut query: Vec<(&str, &str)> = allowed.query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let encoded_token;
        if let (Auth::SessionToken, Some(token)) = (endpoint.auth, token) {
            encoded_token = commerce_kit::request::percent_encode(token.value.expose());
            query.push((stock2shop::TOKEN_PARAM, &encoded_token));
        }
        // The path and query only: the origin is the base's, parsed once.
        let length = base.path.len() + allowed.vendor_path.len() + query.iter().map(|(k, v)| k.len() + v.len() + 2).sum::<usize>();
        let mut url = String::with_capacity(length);
        url.push_str(&base.path);
        url.push_str(&allowed.vendor_path);
        for (i, (name, value)) in query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(name);
            url.push('=');
            url.push_str(value);
        }
        let method = Method::from_bytes(endpoint.method.as_str().as_bytes()).expect("catalogue methods are valid");
        let mut request = Request::builder().method(method).uri(url).header(header::ACCEPT, HeaderValue::from_static("application/json"));
        if let Some(ct) = content_type.filter(|_| !body.is_empty()) {
            request = request.header(header::CONTENT_TYPE, ct);
        }
        // The request was built from scratch above: whatever credentials the client sent
        // are not in it, and only the operation's own kind is added.
        match (&self.credentials, endpoint.auth, token) {
            (Credentials::S2 { .. }, Auth::BearerWithOrganization, _) | (Credentials::S2Partner { .. }, Auth::AccessKey, _) => {
                for (name, value) in self.fixed_headers()? {
                    request = request.header(name, value.clone());
                }
            }
            (Credentials::Token(_), Auth::OAuthBearer, Some(token)) => {
                request = request.header(header::AUTHORIZATION, format!("Bearer {}", token.value.expose()));
            }
            _ => {}
        }
        // A credential or URL that is not a valid header or URI fails here, as it did
        // in reqwest's builder: answered as an unreachable upstream.
        let request = request.body(Full::new(body)).map_err(upstream_http::Error::invalid)?;
        client.send_to(base.origin.clone(), request).await
    }

    /// The base URL's origin and path (the queue host's with `queue`), parsed at the
    /// first request: a URL that is not absolute http(s) fails every request, as it did
    /// when parsed per request.
    fn base(&self, queue: bool) -> Result<&Base, upstream_http::Error> {
        let (url, parsed) = match (&self.queue_base_url, queue) {
            (Some(queue_url), true) => (queue_url, &self.queue_base),
            _ => (&self.base_url, &self.base),
        };
        let parsed = parsed.get_or_init(|| {
            let uri: axum::http::Uri = url.parse().map_err(|e: axum::http::uri::InvalidUri| e.to_string())?;
            let origin = upstream_http::Origin::of(&uri).map_err(|e| e.to_string())?;
            // What follows `scheme://authority` in the configured URL, as written: the
            // vendor path is appended to it as it was to the whole URL.
            let authority = uri.authority().map_or("", |a| a.as_str());
            let path = url.split_once(authority).map_or("", |(_, path)| path).to_string();
            Ok(Base { origin, path })
        });
        parsed.as_ref().map_err(|e| upstream_http::Error::invalid(e.clone()))
    }

    /// The headers of fixed credentials (S2's bearer token and organization, S2 Partner's
    /// access key), built at the first request and cloned after (a clone shares the
    /// bytes). A credential that is no valid header value fails every request, as it did
    /// when built per request.
    fn fixed_headers(&self) -> Result<&[(HeaderName, HeaderValue)], upstream_http::Error> {
        static ORGANIZATION: HeaderName = HeaderName::from_static("x-s2-organization");
        static ACCESS_KEY: HeaderName = HeaderName::from_static("x-accesskey");
        let built = self.fixed_headers.get_or_init(|| {
            let sensitive = |value: &str| {
                let mut value = HeaderValue::from_str(value)?;
                value.set_sensitive(true);
                Ok::<_, axum::http::header::InvalidHeaderValue>(value)
            };
            let headers = || -> Result<_, axum::http::header::InvalidHeaderValue> {
                match &self.credentials {
                    Credentials::S2 { token, organization } => Ok(vec![
                        (header::AUTHORIZATION, sensitive(&format!("Bearer {}", token.expose()))?),
                        (ORGANIZATION.clone(), HeaderValue::from_str(organization)?),
                    ]),
                    Credentials::S2Partner { access_key } => Ok(vec![(ACCESS_KEY.clone(), sensitive(access_key.expose())?)]),
                    Credentials::Token(_) => Ok(Vec::new()),
                }
            };
            // The message only ("failed to parse header value"): never the value.
            headers().map_err(|e| e.to_string())
        });
        built.as_deref().map_err(|e| upstream_http::Error::invalid(e.clone()))
    }

    /// The scrubber for this upstream's secrets. Fixed credentials (S2, S2 Partner) have
    /// one, built once: no list of secrets is copied and looked up per answer. A token
    /// vendor's change with its token: looked up in `cache` by the current ones.
    pub fn scrubber(&self, cache: &scrub::Cache) -> Arc<Scrubber> {
        match &self.credentials {
            Credentials::Token(_) => cache.get(self.secrets()),
            Credentials::S2 { .. } | Credentials::S2Partner { .. } => self.fixed_scrubber.get_or_init(|| Arc::new(Scrubber::new(&self.secrets()))).clone(),
        }
    }

    /// The secret values this upstream sends, for scrubbing vendor error bodies that
    /// echo them back.
    pub fn secrets(&self) -> Vec<String> {
        match &self.credentials {
            Credentials::S2 { token, .. } => vec![token.expose().to_string()],
            Credentials::S2Partner { access_key } => vec![access_key.expose().to_string()],
            Credentials::Token(source) => source.secrets(),
        }
        .into_iter()
        .filter(|s| s.len() >= 4)
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::upstream_http::Origin;

    fn upstream(base_url: &str, queue_base_url: Option<&str>, credentials: Credentials) -> Upstream {
        Upstream {
            base_url: base_url.into(),
            queue_base_url: queue_base_url.map(Into::into),
            credentials,
            mock: false,
            pacer: None,
            fixed_scrubber: OnceLock::new(),
            fixed_headers: OnceLock::new(),
            base: OnceLock::new(),
            queue_base: OnceLock::new(),
        }
    }

    fn partner() -> Credentials {
        Credentials::S2Partner { access_key: Secret::new("key-1234") }
    }

    /// The vendor path follows the base URL's own path, as it followed the whole URL.
    #[test]
    fn base_urls_become_an_origin_and_the_path_the_vendor_paths_follow() {
        let stock2shop = upstream("https://app.example.com", Some("http://queue.example:8080/v2-queue"), partner());
        let app = stock2shop.base(false).unwrap();
        assert_eq!((app.path.as_str(), &app.origin), ("", &Origin::of(&"https://app.example.com/".parse().unwrap()).unwrap()));
        let queue = stock2shop.base(true).unwrap();
        assert_eq!((queue.path.as_str(), &queue.origin), ("/v2-queue", &Origin::of(&"http://queue.example:8080/".parse().unwrap()).unwrap()));
        // Without a queue host, the queue's operations go to the base URL.
        let mock = upstream("http://127.0.0.1:9/stock2shop", None, partner());
        assert_eq!(mock.base(true).unwrap().path, "/stock2shop");
        for bad in ["ftp://files.example/x", "no url at all", "/relative"] {
            assert!(upstream(bad, None, partner()).base(false).is_err(), "{bad}");
        }
    }

    #[test]
    fn fixed_credentials_become_their_headers_once_and_a_bad_one_fails_every_request() {
        let s2 = upstream("http://s2.example", None, Credentials::S2 { token: Secret::new("tok-1234"), organization: "org-1".into() });
        let headers: Vec<(String, String)> = s2.fixed_headers().unwrap().iter().map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_string())).collect();
        assert_eq!(headers, [("authorization".into(), "Bearer tok-1234".into()), ("x-s2-organization".into(), "org-1".into())]);
        assert!(s2.fixed_headers().unwrap()[0].1.is_sensitive());
        let partner = upstream("http://partner.example", None, partner());
        assert_eq!(partner.fixed_headers().unwrap()[0].0, "x-accesskey");
        let broken = upstream("http://s2.example", None, Credentials::S2 { token: Secret::new("line\nbreak"), organization: "org".into() });
        for _ in 0..2 {
            let error = broken.fixed_headers().unwrap_err().to_string();
            assert!(!error.contains("line"), "the credential stays out of the error: {error}");
        }
    }
}
