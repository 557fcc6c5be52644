//! Users: `POST /v1/users/authenticate` (username and password for a token) and
//! `GET /v1/users/valid_token/{token}` (seed `stock2shop-api.txt`).
//!
//! Both carry credentials, so both are [`Auth::CredentialExchange`]: the proxy runs them,
//! the browser never does, and their answers (which hold the token) never reach it.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;

use super::FORMAT_JSON;
use crate::catalogue::Endpoint;
use crate::request::{FieldError, FieldErrors, Operation, Request};
use crate::schema::Wire;
use crate::vendors::checks;

pub use super::{AUTHENTICATE, VALID_TOKEN};

/// `POST /v1/users/authenticate?format=json`: exchanges a username and password for a
/// token (`system_user.token` of the answer). Proxy only.
#[derive(Clone, PartialEq)]
pub struct Authenticate {
    body: AuthenticateBody,
}

impl Authenticate {
    pub fn new(username: impl Into<String>, password: impl Into<String>) -> Self {
        Self { body: AuthenticateBody { system_user_auth: SystemUserAuth { username: username.into(), password: password.into() } } }
    }

    pub fn body(&self) -> &AuthenticateBody {
        &self.body
    }
}

impl fmt::Debug for Authenticate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Authenticate").field("body", &self.body).finish()
    }
}

impl Operation for Authenticate {
    const ENDPOINT: &'static Endpoint = &AUTHENTICATE;
    type Response = SystemUserResponse;

    fn build(&self) -> Result<Request, Vec<FieldError>> {
        Request::builder(Self::ENDPOINT).query("format", Some(FORMAT_JSON)).field_errors(self.body.check()).json(&self.body).build()
    }
}

/// `GET /v1/users/valid_token/{token}?format=json`: whether `token` is still valid; the
/// answer is the token's user. Proxy only (the token is in the path).
#[derive(Clone, PartialEq)]
pub struct ValidToken {
    token: String,
}

impl ValidToken {
    pub fn new(token: impl Into<String>) -> Self {
        Self { token: token.into() }
    }
}

impl fmt::Debug for ValidToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ValidToken").field("token", &"[redacted]").finish()
    }
}

impl Operation for ValidToken {
    const ENDPOINT: &'static Endpoint = &VALID_TOKEN;
    type Response = SystemUserResponse;

    fn build(&self) -> Result<Request, Vec<FieldError>> {
        Request::builder(Self::ENDPOINT).path_param("token", &self.token).query("format", Some(FORMAT_JSON)).build()
    }
}

/// The body of `POST /v1/users/authenticate`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct AuthenticateBody {
    pub system_user_auth: SystemUserAuth,
}

impl AuthenticateBody {
    /// Both fields are required and not blank.
    pub fn check(&self) -> Vec<FieldError> {
        let mut errors = FieldErrors::new();
        checks::required_text(&mut errors, "system_user_auth.username", &self.system_user_auth.username);
        if self.system_user_auth.password.is_empty() {
            errors.push("system_user_auth.password", "is required and must not be empty");
        }
        checks::into_vec(errors)
    }
}

/// A username and password. `Debug` does not show the password.
#[derive(Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemUserAuth {
    pub username: String,
    pub password: String,
}

impl fmt::Debug for SystemUserAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SystemUserAuth").field("username", &self.username).field("password", &"[redacted]").finish()
    }
}

/// The answer of both user calls: `{"system_user": {...}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemUserResponse {
    pub system_user: SystemUser,
}

/// A Stock2Shop user. `authenticate` answers with the fields from `client_name` on too;
/// `valid_token` leaves them out.
#[derive(Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemUser {
    pub id: i64,
    /// `"2015-03-03T07:30:06+0000"`: ISO 8601 with a `+0000` offset (no colon).
    pub created: String,
    pub name: String,
    /// Loose text: `""` or `null` (no surname) decodes as `""`.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub surname: String,
    pub email: String,
    pub username: String,
    pub modified: String,
    pub client_id: i64,
    /// `1` in the seed: a loose boolean (`true`, `1`, `"1"`, `"true"`), as every flag of
    /// this PHP back end (see [`crate::loose`]), written back as `1`/`0`.
    #[wire(loose)]
    #[serde(serialize_with = "crate::loose::as_one_or_zero", deserialize_with = "crate::loose::boolean")]
    pub active: bool,
    /// Loose boolean, like `active`.
    #[wire(loose)]
    #[serde(serialize_with = "crate::loose::as_one_or_zero", deserialize_with = "crate::loose::boolean")]
    pub admin: bool,
    /// The token to pass as `?token=` on every other call. Secret.
    pub token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_name: Option<String>,
    /// Undocumented shape (`[]` in the seed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "unknown[]")]
    pub fulfillment_services: Option<Vec<Value>>,
    /// Channels the user is limited to; undocumented shape (`[]` in the seed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "unknown[]")]
    pub channels: Option<Vec<Value>>,
    /// Sources the user is limited to; undocumented shape (`[]` in the seed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "unknown[]")]
    pub sources: Option<Vec<Value>>,
    /// Customers the user is limited to (trade store users); undocumented shape.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "unknown[]")]
    pub customers: Option<Vec<Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<SystemUserRole>>,
    /// The role that limits what the user may call: `trade`, `read_only`,
    /// `product_editor`, `product_meta_editor`, `customer_read_only`; none for an admin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_description: Option<String>,
}

impl fmt::Debug for SystemUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SystemUser")
            .field("id", &self.id)
            .field("username", &self.username)
            .field("client_id", &self.client_id)
            .field("token", &"[redacted]")
            .field("role_description", &self.role_description)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify, Wire)]
pub struct SystemUserRole {
    pub id: i64,
    /// e.g. `"product_meta_editor"`. A label; loose text: `null` decodes as `""`.
    #[wire(loose)]
    #[serde(deserialize_with = "crate::loose::text")]
    pub description: String,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::catalogue::Method;

    #[test]
    fn authenticate_builds_the_seed_call() {
        let request = Authenticate::new("barry", "*****").build().unwrap();
        assert_eq!((request.operation, request.method), ("stock2shop.authenticate", Method::Post));
        assert_eq!(request.path_and_query(), "/v1/users/authenticate?format=json");
        let body: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
        assert_eq!(body, json!({"system_user_auth": {"username": "barry", "password": "*****"}}));
    }

    #[test]
    fn credentials_are_required_and_never_printed() {
        let errors = Authenticate::new(" ", "").build().unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(messages, ["system_user_auth.username: is required and must not be empty", "system_user_auth.password: is required and must not be empty"]);
        let shown = format!("{:?} {:?}", Authenticate::new("barry", "hunter2"), ValidToken::new("tok-123"));
        assert!(!shown.contains("hunter2") && !shown.contains("tok-123"), "{shown}");
        let user = crate::decode::<SystemUserResponse>(include_bytes!("../../../tests/fixtures/stock2shop.authenticate/good.json")).unwrap();
        assert!(!format!("{user:?}").contains(&user.value.system_user.token));
    }

    #[test]
    fn valid_token_puts_the_token_in_the_path() {
        let request = ValidToken::new("a/b").build().unwrap();
        assert_eq!(request.path_and_query(), "/v1/users/valid_token/a%2Fb?format=json");
        let errors = ValidToken::new("").build().unwrap_err();
        assert_eq!(errors[0].to_string(), "token: is required and must not be empty");
    }

    #[test]
    fn both_answers_decode_into_one_user_type() {
        let long = crate::decode::<SystemUserResponse>(include_bytes!("../../../tests/fixtures/stock2shop.authenticate/good.json")).unwrap();
        assert_eq!(long.value.system_user.role_description.as_deref(), Some("product_meta_editor"));
        assert_eq!(long.value.system_user.roles.as_ref().map(Vec::len), Some(1));
        let short = crate::decode::<SystemUserResponse>(include_bytes!("../../../tests/fixtures/stock2shop.valid_token/good.json")).unwrap();
        assert_eq!((short.value.system_user.token.as_str(), short.value.system_user.roles.as_ref()), ("xxx", None));
        assert!(long.drift.is_empty() && short.drift.is_empty());
    }
}
