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

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use crate::catalogue::{Auth, Method, Pagination, Vendor};
    #[allow(unused_imports)]
    use crate::request::Operation;
    #[allow(unused_imports)]
    use crate::vendors::sellers_commerce::*;
    use serde_json::json;

    #[test]
    fn builds_the_listed_calls() {
        let reset = PortalLoginForgotPassword::new("42", "k/ey").build().unwrap();
        assert_eq!(reset.path_and_query(), "/api/PortalLogin/ForgotPassword?userid=42&resetkey=k%2Fey");
        let history = PortalLoginUpdatePasswordResetHistory::new("9").build().unwrap();
        assert_eq!(
            (history.method, history.path_and_query().as_str(), history.body),
            (Method::Post, "/api/PortalLogin/UpdatePasswordResetHistory?PasswordResetHistoryID=9", None)
        );
        assert_eq!(PortalLoginValidateStoreSso::new("tok").build().unwrap().path_and_query(), "/api/PortalLogin/ValiadateStoreSSO?storeSSO=tok");
        assert!(PortalLoginUpdateClosureForm::new(json!({"Reason": "moving"})).build().is_ok());
        assert_eq!(PortalLoginClosureFormSso::new(" ").build().unwrap_err()[0].to_string(), "storeSSO: is required");
    }

    #[test]
    fn secrets_stay_out_of_debug_output() {
        let login = PortalLoginLogin::new(json!({"UserName": "ann", "Password": "hunter2"}));
        assert!(!format!("{login:?}").contains("hunter2"));
        assert!(!format!("{:?}", PortalLoginForgotPassword::new("42", "reset-key-1")).contains("reset-key-1"));
        assert!(!format!("{:?}", PortalLoginValidateStoreSso::new("sso-token-1")).contains("sso-token-1"));
        assert!(!format!("{:?}", PortalLoginClosureFormSso::new("sso-token-2")).contains("sso-token-2"));
        assert!(!format!("{:?}", PortalLoginChangeForgotPassword::new(json!({"NewPassword": "pw-2"}))).contains("pw-2"));
        assert!(format!("{:?}", PortalLoginResetPassword::new("visible")).contains("visible"));
    }
}
