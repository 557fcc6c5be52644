//! PortalAdmin: the store portal's administrators, roles, closure requests, exports
//! (`/api/PortalAdmin/...`).
//!
//! The document lists these operations with "No Documentation Available" (RaiseRequest:
//! "Used to save a Store closure request"; SendExportEmail: "model used for", cut off).
//! Their answers are free-form JSON, their bodies any JSON object; only the query
//! parameters the paths show are typed. Nothing here is invented beyond that.

use serde_json::Value;

use super::{by_query, check_object, endpoint, non_blank, with_body, JsonBody};
use crate::catalogue::{Body, Duplicates, Endpoint, Method, Param, ParamKind};
use crate::request::{FieldError, Operation, Request};
use crate::schema::Schema;

pub const PORTALADMIN_ADMINS: Endpoint =
    endpoint("sellers_commerce.portaladmin_admins", "Portal administrators (undocumented)", Method::Get, "/api/PortalAdmin/Admins");

pub const PORTALADMIN_ADMIN_GET: Endpoint = Endpoint {
    query: &[Param::required("userid", ParamKind::Text)],
    ..endpoint("sellers_commerce.portaladmin_admin_get", "One portal administrator by user id (undocumented)", Method::Get, "/api/PortalAdmin/Admin")
};

pub const PORTALADMIN_ADMIN_POST: Endpoint = Endpoint {
    body: Body::Json(&Schema::Any),
    duplicates: Duplicates::LookupAfter("sellers_commerce.portaladmin_isemailorusernameexists"),
    ..endpoint("sellers_commerce.portaladmin_admin_post", "Save a portal administrator (undocumented)", Method::Post, "/api/PortalAdmin/Admin")
};

pub const PORTALADMIN_ISEMAILORUSERNAMEEXISTS: Endpoint = Endpoint {
    query: &[Param::required("param", ParamKind::Text), Param::required("userid", ParamKind::Text), Param::required("isContact", ParamKind::Boolean)],
    ..endpoint(
        "sellers_commerce.portaladmin_isemailorusernameexists",
        "Whether an email or username is taken (undocumented)",
        Method::Get,
        "/api/PortalAdmin/IsEmailOrUserNameExists",
    )
};

pub const PORTALADMIN_GETUSERBYID: Endpoint = Endpoint {
    query: &[Param::required("userid", ParamKind::Text)],
    ..endpoint("sellers_commerce.portaladmin_getuserbyid", "One portal user by id (undocumented)", Method::Get, "/api/PortalAdmin/GetUserByID")
};

pub const PORTALADMIN_ALLROLES: Endpoint =
    endpoint("sellers_commerce.portaladmin_allroles", "Every portal role (undocumented)", Method::Get, "/api/PortalAdmin/AllRoles");

pub const PORTALADMIN_RAISEREQUEST: Endpoint = Endpoint {
    body: Body::Json(&Schema::Any),
    ..endpoint("sellers_commerce.portaladmin_raiserequest", "Save a store closure request (undocumented body)", Method::Post, "/api/PortalAdmin/RaiseRequest")
};

pub const PORTALADMIN_REMOVEADMIN: Endpoint = Endpoint {
    body: Body::Json(&Schema::Any),
    duplicates: Duplicates::LookupAfter("sellers_commerce.portaladmin_admins"),
    ..endpoint("sellers_commerce.portaladmin_removeadmin", "Remove a portal administrator (undocumented)", Method::Post, "/api/PortalAdmin/RemoveAdmin")
};

pub const PORTALADMIN_SENDEXPORTEMAIL: Endpoint = Endpoint {
    query: &[Param::required("exportName", ParamKind::Text), Param::required("exportedBy", ParamKind::Text)],
    body: Body::Json(&Schema::Any),
    ..endpoint("sellers_commerce.portaladmin_sendexportemail", "Email an export (undocumented)", Method::Post, "/api/PortalAdmin/SendExportEmail")
};

pub const PORTALADMIN_REDIRECTURL: Endpoint = Endpoint {
    query: &[Param::required("ProviderID", ParamKind::Text), Param::required("type", ParamKind::Text)],
    ..endpoint("sellers_commerce.portaladmin_redirecturl", "A provider's redirect URL (undocumented)", Method::Get, "/api/PortalAdmin/RedirectURL")
};

by_query!(
    /// `GET /api/PortalAdmin/Admins` (undocumented; free-form answer).
    PortaladminAdmins => PORTALADMIN_ADMINS, Value, {}
);

by_query!(
    /// `GET /api/PortalAdmin/Admin?userid=...` (undocumented; free-form answer).
    PortaladminAdminGet => PORTALADMIN_ADMIN_GET, Value, { userid: "userid" }
);

with_body!(
    /// `POST /api/PortalAdmin/Admin` (undocumented): any JSON object; free-form answer.
    PortaladminAdminPost => PORTALADMIN_ADMIN_POST, Value, check_object
);

/// `GET /api/PortalAdmin/IsEmailOrUserNameExists?param=...&userid=...&isContact=...`
/// (undocumented; free-form answer). `param` is the email or username to look up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortaladminIsemailorusernameexists {
    pub param: String,
    pub userid: String,
    pub is_contact: bool,
}

impl PortaladminIsemailorusernameexists {
    pub fn new(param: impl Into<String>, userid: impl Into<String>, is_contact: bool) -> Self {
        Self { param: param.into(), userid: userid.into(), is_contact }
    }
}

impl Operation for PortaladminIsemailorusernameexists {
    const ENDPOINT: &'static Endpoint = &PORTALADMIN_ISEMAILORUSERNAMEEXISTS;
    type Response = Value;

    fn build(&self) -> Result<Request, Vec<FieldError>> {
        Request::builder(Self::ENDPOINT)
            .query("param", non_blank(Some(&self.param)))
            .query("userid", non_blank(Some(&self.userid)))
            .query("isContact", Some(if self.is_contact { "true" } else { "false" }))
            .build()
    }
}

by_query!(
    /// `GET /api/PortalAdmin/GetUserByID?userid=...` (undocumented; free-form answer).
    PortaladminGetuserbyid => PORTALADMIN_GETUSERBYID, Value, { userid: "userid" }
);

by_query!(
    /// `GET /api/PortalAdmin/AllRoles` (undocumented; free-form answer).
    PortaladminAllroles => PORTALADMIN_ALLROLES, Value, {}
);

with_body!(
    /// `POST /api/PortalAdmin/RaiseRequest`: "Used to save a Store closure request".
    /// The request's fields are undocumented: any JSON object; free-form answer.
    PortaladminRaiserequest => PORTALADMIN_RAISEREQUEST, Value, check_object
);

with_body!(
    /// `POST /api/PortalAdmin/RemoveAdmin` (undocumented): any JSON object; free-form answer.
    PortaladminRemoveadmin => PORTALADMIN_REMOVEADMIN, Value, check_object
);

/// `POST /api/PortalAdmin/SendExportEmail?exportName=...&exportedBy=...` (undocumented:
/// the document's description stops at "model used for"). The body is any JSON object
/// (`{}` when there is nothing to send); free-form answer.
#[derive(Debug, Clone, PartialEq)]
pub struct PortaladminSendexportemail {
    pub export_name: String,
    pub exported_by: String,
    body: JsonBody,
}

impl PortaladminSendexportemail {
    pub fn new(export_name: impl Into<String>, exported_by: impl Into<String>, body: impl serde::Serialize) -> Self {
        Self { export_name: export_name.into(), exported_by: exported_by.into(), body: JsonBody::new(body) }
    }
}

impl Operation for PortaladminSendexportemail {
    const ENDPOINT: &'static Endpoint = &PORTALADMIN_SENDEXPORTEMAIL;
    type Response = Value;

    fn build(&self) -> Result<Request, Vec<FieldError>> {
        let builder =
            Request::builder(Self::ENDPOINT).query("exportName", non_blank(Some(&self.export_name))).query("exportedBy", non_blank(Some(&self.exported_by)));
        self.body.build(builder, check_object)
    }
}

by_query!(
    /// `GET /api/PortalAdmin/RedirectURL?ProviderID=...&type=...` (undocumented;
    /// free-form answer).
    PortaladminRedirecturl => PORTALADMIN_REDIRECTURL, Value, { provider_id: "ProviderID", kind: "type" }
);

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn builds_the_listed_calls() {
        assert_eq!(PortaladminAdmins::new().build().unwrap().path_and_query(), "/api/PortalAdmin/Admins");
        assert_eq!(PortaladminAdminGet::new("42").build().unwrap().path_and_query(), "/api/PortalAdmin/Admin?userid=42");
        assert_eq!(
            PortaladminIsemailorusernameexists::new("ann@example.com", "42", true).build().unwrap().path_and_query(),
            "/api/PortalAdmin/IsEmailOrUserNameExists?param=ann%40example.com&userid=42&isContact=true"
        );
        assert_eq!(PortaladminRedirecturl::new("7", "store").build().unwrap().path_and_query(), "/api/PortalAdmin/RedirectURL?ProviderID=7&type=store");
        let export = PortaladminSendexportemail::new("orders", "ann", json!({})).build().unwrap();
        assert_eq!(
            (export.path_and_query().as_str(), export.body.as_deref()),
            ("/api/PortalAdmin/SendExportEmail?exportName=orders&exportedBy=ann", Some("{}"))
        );
    }

    #[test]
    fn required_parameters_and_object_bodies_are_checked() {
        let errors: Vec<String> = PortaladminRedirecturl::new("", " ").build().unwrap_err().iter().map(ToString::to_string).collect();
        assert_eq!(errors, ["ProviderID: is required", "type: is required"]);
        assert_eq!(PortaladminRaiserequest::new(json!("close")).build().unwrap_err()[0].to_string(), "body: must be a JSON object, found a string");
        assert!(PortaladminRemoveadmin::new(json!({"UserId": 3})).build().is_ok());
        assert_eq!(PortaladminSendexportemail::new("", "ann", json!([])).build().unwrap_err().len(), 2);
    }
}
