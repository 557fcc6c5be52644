//! Token: `POST /token`, the OAuth password grant and its refresh.
//!
//! Both grants post a form-encoded body (`application/x-www-form-urlencoded`) to the
//! same path and answer [`SellersTokenResponse`]. They are
//! [`Auth::CredentialExchange`]: they carry the account's Access Key and Shared Secret
//! (or a refresh token, which is as good as them for four hours), so only the proxy
//! runs them; the browser binding has no method for either.
//!
//! Lifetimes ([`super::ACCESS_TOKEN_LIFETIME_SECS`], [`super::REFRESH_TOKEN_LIFETIME_SECS`]):
//! an access token is valid for one hour (`expires_in: 3599`); a refresh token for four
//! hours, and each refresh answers with a new refresh token valid for four more hours.

use std::fmt;

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::catalogue::Endpoint;
use crate::request::{percent_encode, FieldError, FieldErrors, Operation, Request};
use crate::schema::Wire;
use crate::vendors::checks;

/// The content type of both grants' bodies.
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// `POST /token` with `grant_type=password`: the Access Key as `username`, the Shared
/// Secret Key as `password`. Proxy only. `Debug` does not show the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct TokenPassword {
    username: String,
    password: String,
}

impl TokenPassword {
    /// `username`: the account's Access Key; `password`: its Shared Secret Key.
    pub fn new(username: impl Into<String>, password: impl Into<String>) -> Self {
        Self { username: username.into(), password: password.into() }
    }
}

impl fmt::Debug for TokenPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenPassword").field("username", &self.username).field("password", &"<redacted>").finish()
    }
}

impl Operation for TokenPassword {
    const ENDPOINT: &'static Endpoint = &super::TOKEN_PASSWORD;
    type Response = SellersTokenResponse;

    fn build(&self) -> Result<Request, Vec<FieldError>> {
        let mut errors = FieldErrors::new();
        checks::required_text(&mut errors, "username", &self.username);
        checks::required_text(&mut errors, "password", &self.password);
        form(Self::ENDPOINT, errors, &[("grant_type", "password"), ("username", &self.username), ("password", &self.password)])
    }
}

/// `POST /token` with `grant_type=refresh_token`: the refresh token of the last grant.
/// The vendor answers with a new refresh token; the old one should not be used again.
/// Proxy only. `Debug` does not show the token.
#[derive(Clone, PartialEq, Eq)]
pub struct TokenRefresh {
    refresh_token: String,
}

impl TokenRefresh {
    pub fn new(refresh_token: impl Into<String>) -> Self {
        Self { refresh_token: refresh_token.into() }
    }
}

impl fmt::Debug for TokenRefresh {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenRefresh").field("refresh_token", &"<redacted>").finish()
    }
}

impl Operation for TokenRefresh {
    const ENDPOINT: &'static Endpoint = &super::TOKEN_REFRESH;
    type Response = SellersTokenResponse;

    fn build(&self) -> Result<Request, Vec<FieldError>> {
        let mut errors = FieldErrors::new();
        checks::required_text(&mut errors, "refresh_token", &self.refresh_token);
        form(Self::ENDPOINT, errors, &[("grant_type", "refresh_token"), ("refresh_token", &self.refresh_token)])
    }
}

/// A request with a form-encoded body of `fields`, each value percent-encoded.
fn form(endpoint: &'static Endpoint, errors: FieldErrors, fields: &[(&str, &str)]) -> Result<Request, Vec<FieldError>> {
    let mut request = Request::builder(endpoint).field_errors(checks::into_vec(errors)).build()?;
    let body: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={}", percent_encode(v))).collect();
    request.body = Some(body.join("&"));
    request.content_type = Some(FORM_CONTENT_TYPE);
    Ok(request)
}

/// The answer of both grants, as the document shows it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Tsify, Wire)]
pub struct SellersTokenResponse {
    /// Sent as `Authorization: bearer <access_token>`.
    pub access_token: String,
    /// `"bearer"`.
    pub token_type: String,
    /// Seconds the access token is valid for: 3599.
    pub expires_in: i64,
    /// For [`TokenRefresh`], within four hours.
    pub refresh_token: String,
}

impl fmt::Debug for SellersTokenResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SellersTokenResponse")
            .field("access_token", &"<redacted>")
            .field("token_type", &self.token_type)
            .field("expires_in", &self.expires_in)
            .field("refresh_token", &"<redacted>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::catalogue::{Auth, Method, Pagination, Vendor};
    #[allow(unused_imports)]
    use crate::request::Operation;
    #[allow(unused_imports)]
    use crate::vendors::sellers_commerce::*;

    #[test]
    fn the_password_grant_is_a_form_post() {
        let request = TokenPassword::new("my access key", "s3cr&t=+").build().unwrap();
        assert_eq!((request.operation, request.method, request.path_and_query()), ("sellers_commerce.token_password", Method::Post, "/token".to_string()));
        assert_eq!(request.content_type, Some("application/x-www-form-urlencoded"));
        assert_eq!(request.body.as_deref(), Some("grant_type=password&username=my%20access%20key&password=s3cr%26t%3D%2B"));
    }

    #[test]
    fn the_refresh_grant_sends_only_the_refresh_token() {
        let request = TokenRefresh::new("83895c3b-d59f-420e-b67a-8ca6ce3a17b4").build().unwrap();
        assert_eq!(request.path, "/token");
        assert_eq!(request.body.as_deref(), Some("grant_type=refresh_token&refresh_token=83895c3b-d59f-420e-b67a-8ca6ce3a17b4"));
    }

    #[test]
    fn blank_credentials_are_refused_and_never_printed() {
        let errors: Vec<String> = TokenPassword::new(" ", "").build().unwrap_err().iter().map(ToString::to_string).collect();
        assert_eq!(errors, ["username: is required and must not be empty", "password: is required and must not be empty"]);
        assert_eq!(TokenRefresh::new("").build().unwrap_err()[0].field, "refresh_token");
        assert!(!format!("{:?}", TokenPassword::new("key", "hunter2")).contains("hunter2"));
        assert!(!format!("{:?}", TokenRefresh::new("r-123")).contains("r-123"));
    }

    #[test]
    fn decodes_both_documented_answers() {
        let first = crate::decode::<SellersTokenResponse>(include_bytes!("../../../tests/fixtures/sellers_commerce.token_password/good.json")).unwrap();
        assert_eq!((first.value.token_type.as_str(), first.value.expires_in), ("bearer", 3599));
        assert_eq!(first.value.refresh_token, "83895c3b-d59f-420e-b67a-8ca6ce3a17b4");
        let refreshed = crate::decode::<SellersTokenResponse>(include_bytes!("../../../tests/fixtures/sellers_commerce.token_refresh/good.json")).unwrap();
        assert_eq!(refreshed.value.refresh_token, "1e1e2f48-824f-44fc-ac09-18f790acfb74");
        assert!(!format!("{:?}", refreshed.value).contains("KlzDRDd4036"));
    }
}
