//! PortalLogin: the store portal's sign-in, password reset, SSO checks and closure
//! forms (`/api/PortalLogin/...`).
//!
//! All "No Documentation Available": free-form answers, bodies any JSON object, the
//! query parameters the paths show.
//!
//! Seven of them carry credentials or password-reset secrets: `Login` (a password),
//! `ForgotPassword` (a reset key), `ChangeForgotPassword` (a new password),
//! `ResetPassword` (starts a reset for a username), `UpdatePasswordResetHistory` (a
//! reset's record), and the two store SSO checks `ValiadateStoreSSO` and
//! `ClosureFormSSO` (a store's sign-on token, like Stock2Shop's `valid_token`). They are
//! [`Auth::CredentialExchange`], and nothing exposes them: the proxy refuses them from
//! the browser (403 `proxy_only`) and does not run them itself either, and the binding
//! has no method for them. Why not "for operators": they act for the store's portal
//! users, not for the API account the proxy holds. `Login` and the SSO checks hand out
//! an end-user portal session, which a dashboard proxy must not mint (whoever reaches it
//! could become any portal user whose password or SSO token passes through); the reset
//! operations move a portal user's password. A dashboard has no use for either, and
//! sending a password, reset key or SSO token through the browser would leak it to
//! every script on the page and to any viewer. They stay in the catalogue, as the
//! document lists them, for Rust callers that talk to the vendor directly and for
//! `commerce-proxy validate`; their `Debug` output hides the secrets.

use serde_json::Value;

use super::{by_query, check_object, endpoint, with_body};
use crate::catalogue::{Auth, Body, Endpoint, Method, Param, ParamKind};
use crate::schema::Schema;

pub const PORTALLOGIN_LOGIN: Endpoint = Endpoint {
    body: Body::Json(&Schema::Any),
    auth: Auth::CredentialExchange,
    ..endpoint("sellers_commerce.portallogin_login", "Portal sign-in (undocumented; carries a password: not exposed)", Method::Post, "/api/PortalLogin/Login")
};

pub const PORTALLOGIN_FORGOTPASSWORD: Endpoint = Endpoint {
    query: &[Param::required("userid", ParamKind::Text), Param::required("resetkey", ParamKind::Text)],
    auth: Auth::CredentialExchange,
    ..endpoint(
        "sellers_commerce.portallogin_forgotpassword",
        "Check a password-reset key (undocumented; carries the key: not exposed)",
        Method::Get,
        "/api/PortalLogin/ForgotPassword",
    )
};

pub const PORTALLOGIN_CHANGEFORGOTPASSWORD: Endpoint = Endpoint {
    body: Body::Json(&Schema::Any),
    auth: Auth::CredentialExchange,
    ..endpoint(
        "sellers_commerce.portallogin_changeforgotpassword",
        "Set a new password after a reset (undocumented; carries it: not exposed)",
        Method::Post,
        "/api/PortalLogin/ChangeForgotPassword",
    )
};

pub const PORTALLOGIN_RESETPASSWORD: Endpoint = Endpoint {
    query: &[Param::required("username", ParamKind::Text)],
    auth: Auth::CredentialExchange,
    ..endpoint(
        "sellers_commerce.portallogin_resetpassword",
        "Start a password reset for a username (undocumented; not exposed)",
        Method::Post,
        "/api/PortalLogin/ResetPassword",
    )
};

pub const PORTALLOGIN_UPDATEPASSWORDRESETHISTORY: Endpoint = Endpoint {
    query: &[Param::required("PasswordResetHistoryID", ParamKind::Text)],
    auth: Auth::CredentialExchange,
    ..endpoint(
        "sellers_commerce.portallogin_updatepasswordresethistory",
        "Update a password reset's record (undocumented; not exposed)",
        Method::Post,
        "/api/PortalLogin/UpdatePasswordResetHistory",
    )
};

pub const PORTALLOGIN_VALIADATESTORESSO: Endpoint = Endpoint {
    query: &[Param::required("storeSSO", ParamKind::Text)],
    auth: Auth::CredentialExchange,
    ..endpoint(
        "sellers_commerce.portallogin_valiadatestoresso",
        "Validate a store SSO token (undocumented; carries the token: not exposed)",
        Method::Get,
        "/api/PortalLogin/ValiadateStoreSSO",
    )
};

pub const PORTALLOGIN_CLOSUREFORMSSO: Endpoint = Endpoint {
    query: &[Param::required("storeSSO", ParamKind::Text)],
    auth: Auth::CredentialExchange,
    ..endpoint(
        "sellers_commerce.portallogin_closureformsso",
        "The closure form of a store SSO token (undocumented; carries the token: not exposed)",
        Method::Get,
        "/api/PortalLogin/ClosureFormSSO",
    )
};

pub const PORTALLOGIN_UPDATECLIENTFEEDBACK: Endpoint = Endpoint {
    body: Body::Json(&Schema::Any),
    ..endpoint(
        "sellers_commerce.portallogin_updateclientfeedback",
        "Save client feedback (undocumented)",
        Method::Post,
        "/api/PortalLogin/UpdateClientFeedBack",
    )
};

pub const PORTALLOGIN_UPDATECLOSUREFORM: Endpoint = Endpoint {
    body: Body::Json(&Schema::Any),
    ..endpoint("sellers_commerce.portallogin_updateclosureform", "Save a closure form (undocumented)", Method::Post, "/api/PortalLogin/UpdateClosureForm")
};

with_body!(
    /// `POST /api/PortalLogin/Login` (undocumented): any JSON object; free-form answer.
    /// Carries a password: not exposed (see the module). `Debug` hides the body.
    PortalloginLogin => PORTALLOGIN_LOGIN, Value, check_object, secret
);

by_query!(
    /// `GET /api/PortalLogin/ForgotPassword?userid=...&resetkey=...` (undocumented;
    /// free-form answer). Carries a reset key: not exposed (see the module). `Debug` hides it.
    PortalloginForgotpassword => PORTALLOGIN_FORGOTPASSWORD, Value, { userid: "userid", resetkey: "resetkey" }, secret
);

with_body!(
    /// `POST /api/PortalLogin/ChangeForgotPassword` (undocumented): any JSON object;
    /// free-form answer. Carries a new password: not exposed (see the module). `Debug` hides the body.
    PortalloginChangeforgotpassword => PORTALLOGIN_CHANGEFORGOTPASSWORD, Value, check_object, secret
);

by_query!(
    /// `POST /api/PortalLogin/ResetPassword?username=...` (undocumented; no body;
    /// free-form answer). Starts a password reset: not exposed (see the module).
    PortalloginResetpassword => PORTALLOGIN_RESETPASSWORD, Value, { username: "username" }
);

by_query!(
    /// `POST /api/PortalLogin/UpdatePasswordResetHistory?PasswordResetHistoryID=...`
    /// (undocumented; no body; free-form answer). Part of a password reset: not exposed (see the module).
    PortalloginUpdatepasswordresethistory => PORTALLOGIN_UPDATEPASSWORDRESETHISTORY, Value, { password_reset_history_id: "PasswordResetHistoryID" }
);

by_query!(
    /// `GET /api/PortalLogin/ValiadateStoreSSO?storeSSO=...` (sic; undocumented;
    /// free-form answer). Carries a store's SSO token: not exposed (see the module). `Debug` hides it.
    PortalloginValiadatestoresso => PORTALLOGIN_VALIADATESTORESSO, Value, { store_sso: "storeSSO" }, secret
);

by_query!(
    /// `GET /api/PortalLogin/ClosureFormSSO?storeSSO=...` (undocumented; free-form
    /// answer). Carries a store's SSO token: not exposed (see the module). `Debug` hides it.
    PortalloginClosureformsso => PORTALLOGIN_CLOSUREFORMSSO, Value, { store_sso: "storeSSO" }, secret
);

with_body!(
    /// `POST /api/PortalLogin/UpdateClientFeedBack` (undocumented): any JSON object;
    /// free-form answer.
    PortalloginUpdateclientfeedback => PORTALLOGIN_UPDATECLIENTFEEDBACK, Value, check_object
);

with_body!(
    /// `POST /api/PortalLogin/UpdateClosureForm` (undocumented): any JSON object;
    /// free-form answer.
    PortalloginUpdateclosureform => PORTALLOGIN_UPDATECLOSUREFORM, Value, check_object
);

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::request::Operation;

    #[test]
    fn builds_the_listed_calls() {
        let reset = PortalloginForgotpassword::new("42", "k/ey").build().unwrap();
        assert_eq!(reset.path_and_query(), "/api/PortalLogin/ForgotPassword?userid=42&resetkey=k%2Fey");
        let history = PortalloginUpdatepasswordresethistory::new("9").build().unwrap();
        assert_eq!(
            (history.method, history.path_and_query().as_str(), history.body),
            (Method::Post, "/api/PortalLogin/UpdatePasswordResetHistory?PasswordResetHistoryID=9", None)
        );
        assert_eq!(PortalloginValiadatestoresso::new("tok").build().unwrap().path_and_query(), "/api/PortalLogin/ValiadateStoreSSO?storeSSO=tok");
        assert!(PortalloginUpdateclosureform::new(json!({"Reason": "moving"})).build().is_ok());
        assert_eq!(PortalloginClosureformsso::new(" ").build().unwrap_err()[0].to_string(), "storeSSO: is required");
    }

    #[test]
    fn secrets_stay_out_of_debug_output() {
        let login = PortalloginLogin::new(json!({"UserName": "ann", "Password": "hunter2"}));
        assert!(!format!("{login:?}").contains("hunter2"));
        assert!(!format!("{:?}", PortalloginForgotpassword::new("42", "reset-key-1")).contains("reset-key-1"));
        assert!(!format!("{:?}", PortalloginValiadatestoresso::new("sso-token-1")).contains("sso-token-1"));
        assert!(!format!("{:?}", PortalloginClosureformsso::new("sso-token-2")).contains("sso-token-2"));
        assert!(!format!("{:?}", PortalloginChangeforgotpassword::new(json!({"NewPassword": "pw-2"}))).contains("pw-2"));
        assert!(format!("{:?}", PortalloginResetpassword::new("visible")).contains("visible"));
    }
}
