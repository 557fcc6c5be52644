//! PortalAdmin: the store portal's administrators, roles, closure requests, exports
//! (`/api/PortalAdmin/...`).
//!
//! The document lists these operations with "No Documentation Available" (RaiseRequest:
//! "Used to save a Store closure request"; SendExportEmail: "model used for", cut off).
//! Their answers are free-form JSON, their bodies any JSON object; only the query
//! parameters the paths show are typed. Nothing here is invented beyond that.

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
        assert_eq!(PortalAdminAdmins::new().build().unwrap().path_and_query(), "/api/PortalAdmin/Admins");
        assert_eq!(PortalAdminAdminGet::new("42").build().unwrap().path_and_query(), "/api/PortalAdmin/Admin?userid=42");
        assert_eq!(
            PortalAdminIsEmailOrUserNameExists::new("ann@example.com", "42", true).build().unwrap().path_and_query(),
            "/api/PortalAdmin/IsEmailOrUserNameExists?param=ann%40example.com&userid=42&isContact=true"
        );
        assert_eq!(PortalAdminRedirectUrl::new("7", "store").build().unwrap().path_and_query(), "/api/PortalAdmin/RedirectURL?ProviderID=7&type=store");
        let export = PortalAdminSendExportEmail::new("orders", "ann", json!({})).build().unwrap();
        assert_eq!(
            (export.path_and_query().as_str(), export.body.as_deref()),
            ("/api/PortalAdmin/SendExportEmail?exportName=orders&exportedBy=ann", Some("{}"))
        );
    }

    #[test]
    fn required_parameters_and_object_bodies_are_checked() {
        let errors: Vec<String> = PortalAdminRedirectUrl::new("", " ").build().unwrap_err().iter().map(ToString::to_string).collect();
        assert_eq!(errors, ["ProviderID: is required", "type: is required"]);
        assert_eq!(PortalAdminRaiseRequest::new(json!("close")).build().unwrap_err()[0].to_string(), "body: must be a JSON object, found a string");
        assert!(PortalAdminRemoveAdmin::new(json!({"UserId": 3})).build().is_ok());
        assert_eq!(PortalAdminSendExportEmail::new("", "ann", json!([])).build().unwrap_err().len(), 2);
    }
}
