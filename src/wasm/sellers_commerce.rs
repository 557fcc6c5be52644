//! `client.sellersCommerce`: the Sellers Commerce Open API. The proxy runs the OAuth
//! token grants and adds `Authorization: bearer ...`; the browser never sees a
//! credential, so the nine credential exchanges (`/token`, portal login, password reset
//! and the two store SSO checks) have no method here.
//!
//! One method per operation, named after its id (`order_getall` → `orderGetall`):
//! - `getall` lists take `{ filter?, orderby? }` (OData, checked before sending);
//! - reads by code take the code (`productGet("SC-1001")`);
//! - writes take the JSON body: the documented fields are checked, others sent as given;
//! - the operations the document leaves undocumented take their query parameters and
//!   answer free-form JSON.

use serde::Deserialize;
use serde_json::Value;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use super::{build_with, optional, CallOptionsArg, Caller};
use crate::request::Operation;
use crate::schema::Wire;
use crate::vendors::sellers_commerce::category::*;
use crate::vendors::sellers_commerce::embellishments::*;
use crate::vendors::sellers_commerce::order::*;
use crate::vendors::sellers_commerce::portal_admin::*;
use crate::vendors::sellers_commerce::portal_login::*;
use crate::vendors::sellers_commerce::product::*;
use crate::vendors::sellers_commerce::returns::*;
use crate::vendors::sellers_commerce::shopper::*;

/// Parameters of the `getall` lists.
#[derive(Debug, Default, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
pub(super) struct SellersODataParams {
    /// `$filter`, e.g. `"OrderPlacedDate gt datetime'2016-01-01' and OrderStatusId eq 9"`.
    #[serde(default)]
    pub filter: Option<String>,
    /// `$orderby`, e.g. `"OrderNumber desc"`.
    #[serde(default)]
    pub orderby: Option<String>,
}

/// Parameters of `productGetallproductskus`.
#[derive(Debug, Default, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
pub(super) struct SellersSkuPageParams {
    /// At most this many SKUs.
    #[serde(default)]
    pub top: Option<u32>,
    /// Skip this many first.
    #[serde(default)]
    pub skip: Option<u32>,
    /// Only the SKUs of this product (`SCproductID`).
    #[serde(default)]
    pub sc_product_id: Option<i64>,
    /// Only the SKUs of this product (`ProductCode`).
    #[serde(default)]
    pub product_code: Option<String>,
}

/// Parameters of `portaladminIsemailorusernameexists`.
#[derive(Debug, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
pub(super) struct SellersEmailOrUserNameParams {
    /// The email or username to look up.
    pub param: String,
    pub userid: String,
    pub is_contact: bool,
}

/// Parameters of `portaladminRedirecturl`.
#[derive(Debug, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
pub(super) struct SellersRedirectUrlParams {
    /// `ProviderID`.
    pub provider_id: String,
    /// `type`.
    #[serde(rename = "type")]
    pub kind: String,
}

/// Parameters of `portaladminSendexportemail`.
#[derive(Debug, Deserialize, Tsify, Wire)]
#[serde(rename_all = "camelCase")]
pub(super) struct SellersExportEmailParams {
    pub export_name: String,
    pub exported_by: String,
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "SellersODataParams")]
    pub type SellersODataParamsArg;
    #[wasm_bindgen(typescript_type = "SellersSkuPageParams")]
    pub type SellersSkuPageParamsArg;
}

#[wasm_bindgen]
pub struct SellersCommerceClient {
    pub(crate) caller: Caller,
}

// The invocations spell their doc comments as `#[doc = "..."]`: a `///` passed through
// `macro_rules!` reaches wasm-bindgen as a raw string, which it copies into the
// TypeScript comments with its `r"` prefix.

/// `getall` lists: `name(params?: SellersODataParams, options?)`.
macro_rules! odata_lists {
    ($($(#[doc = $doc:tt])* $js:ident fn $rust:ident => $op:ident, $ret:tt;)*) => {
        #[wasm_bindgen]
        impl SellersCommerceClient {
            $(
                $(#[doc = $doc])*
                #[wasm_bindgen(js_name = $js, unchecked_return_type = $ret)]
                pub fn $rust(&self, params: Option<SellersODataParamsArg>, options: Option<CallOptionsArg>) -> js_sys::Promise {
                    let request = build_with(&optional(params), |p: SellersODataParams| {
                        let op = $op::new();
                        let op = match p.filter { Some(f) => op.filter(f), None => op };
                        match p.orderby { Some(o) => op.orderby(o), None => op }.build()
                    });
                    self.caller.call(request, options)
                }
            )*
        }
    };
}

/// Reads by one path parameter: `name(code: string, options?)`.
macro_rules! by_code {
    ($($(#[doc = $doc:tt])* $js:ident fn $rust:ident($arg:ident) => $op:ident, $ret:tt;)*) => {
        #[wasm_bindgen]
        impl SellersCommerceClient {
            $(
                $(#[doc = $doc])*
                #[wasm_bindgen(js_name = $js, unchecked_return_type = $ret)]
                pub fn $rust(&self, $arg: String, options: Option<CallOptionsArg>) -> js_sys::Promise {
                    self.caller.call($op::new($arg).build(), options)
                }
            )*
        }
    };
}

/// Writes: `name(body, options?)`; the body is checked by the core.
macro_rules! writes {
    ($($(#[doc = $doc:tt])* $js:ident fn $rust:ident($body_ts:tt) => $op:ident, $ret:tt;)*) => {
        #[wasm_bindgen]
        impl SellersCommerceClient {
            $(
                $(#[doc = $doc])*
                #[wasm_bindgen(js_name = $js, unchecked_return_type = $ret)]
                pub fn $rust(&self, #[wasm_bindgen(unchecked_param_type = $body_ts)] body: JsValue, options: Option<CallOptionsArg>) -> js_sys::Promise {
                    self.caller.call(build_with(&body, |b: Value| $op::new(b).build()), options)
                }
            )*
        }
    };
}

odata_lists! {
    #[doc = " `GET /api/product/getall`."]
    productGetall fn product_getall => ProductGetall, "Promise<Checked<SellersProduct[]>>";
    #[doc = " `GET /api/product/getallproducts`."]
    productGetallproducts fn product_getallproducts => ProductGetallproducts, "Promise<Checked<SellersProduct[]>>";
    #[doc = " `GET /api/product/getallsuppliers` (suppliers are free-form objects)."]
    productGetallsuppliers fn product_getallsuppliers => ProductGetallsuppliers, "Promise<Checked<SellersObject[]>>";
    #[doc = " `GET /api/shopper/getall`."]
    shopperGetall fn shopper_getall => ShopperGetall, "Promise<Checked<SellersShopper[]>>";
    #[doc = " `GET /api/return/getall`."]
    returnGetall fn return_getall => ReturnGetall, "Promise<Checked<SellersReturnRequest[]>>";
    #[doc = " `GET /api/embellishments/getall` (free-form objects)."]
    embellishmentsGetall fn embellishments_getall => EmbellishmentsGetall, "Promise<Checked<SellersObject[]>>";
    #[doc = " `GET /api/category/getall`."]
    categoryGetall fn category_getall => CategoryGetall, "Promise<Checked<SellersCategory[]>>";
    #[doc = " `GET /api/category/getallbrands` (free-form objects)."]
    categoryGetallbrands fn category_getallbrands => CategoryGetallbrands, "Promise<Checked<SellersObject[]>>";
    #[doc = " `GET /api/order/getall`."]
    orderGetall fn order_getall => OrderGetall, "Promise<Checked<SellersOrder[]>>";
    #[doc = " `GET /api/order/getorders`."]
    orderGetorders fn order_getorders => OrderGetorders, "Promise<Checked<SellersOrder[]>>";
}

by_code! {
    #[doc = " `GET /api/product/get/{productcode}`."]
    productGet fn product_get(product_code) => ProductGet, "Promise<SellersProduct>";
    #[doc = " `GET /api/shopper/get/{username}`."]
    shopperGet fn shopper_get(username) => ShopperGet, "Promise<SellersShopper>";
    #[doc = " `GET /api/return/get/{returnnumber}`."]
    returnGet fn return_get(return_number) => ReturnGet, "Promise<SellersReturnRequest>";
    #[doc = " `GET /api/category/get/{categorycode}`."]
    categoryGet fn category_get(category_code) => CategoryGet, "Promise<SellersCategory>";
    #[doc = " `GET /api/category/categoryproducts/{categorycode}`."]
    categoryCategoryproducts fn category_categoryproducts(category_code) => CategoryCategoryproducts, "Promise<Checked<SellersProduct[]>>";
    #[doc = " `GET /api/order/get/{ordernumber}`."]
    orderGet fn order_get(order_number) => OrderGet, "Promise<SellersOrder>";
    #[doc = " `GET /api/embellishments/getproductembellishment?productCode=...` (free-form objects)."]
    embellishmentsGetproductembellishment fn embellishments_getproductembellishment(product_code) => EmbellishmentsGetproductembellishment, "Promise<Checked<SellersObject[]>>";
    #[doc = " `GET /api/PortalAdmin/Admin?userid=...` (undocumented)."]
    portaladminAdminGet fn portaladmin_admin_get(userid) => PortaladminAdminGet, "Promise<unknown>";
    #[doc = " `GET /api/PortalAdmin/GetUserByID?userid=...` (undocumented)."]
    portaladminGetuserbyid fn portaladmin_getuserbyid(userid) => PortaladminGetuserbyid, "Promise<unknown>";
}

writes! {
    #[doc = " `POST /api/product/products`: add or update one product."]
    productProducts fn product_products("SellersProduct") => ProductProducts, "Promise<SellersStatusResponse>";
    #[doc = " `POST /api/product/updateskuprice` (fields undocumented: an object or an array of them)."]
    productUpdateskuprice fn product_updateskuprice("SellersObject | SellersObject[]") => ProductUpdateskuprice, "Promise<SellersStatusResponse>";
    #[doc = " `POST /api/product/updateskuinventory` (fields undocumented: an object or an array of them)."]
    productUpdateskuinventory fn product_updateskuinventory("SellersObject | SellersObject[]") => ProductUpdateskuinventory, "Promise<SellersStatusResponse>";
    #[doc = " `POST /api/shopper/shoppers`: add or update shoppers."]
    shopperShoppers fn shopper_shoppers("Array<SellersShopper>") => ShopperShoppers, "Promise<SellersStatusResponse>";
    #[doc = " `POST /api/shopper/shopperaddress`: add or update shopper addresses."]
    shopperShopperaddress fn shopper_shopperaddress("SellersObject | SellersObject[]") => ShopperShopperaddress, "Promise<SellersStatusResponse>";
    #[doc = " `POST /api/return/return`: a return request for an order."]
    returnReturn fn return_return("SellersReturnRequest") => ReturnReturn, "Promise<SellersStatusResponse>";
    #[doc = " `POST /api/category/categories`: add or update categories."]
    categoryCategories fn category_categories("Array<SellersCategory>") => CategoryCategories, "Promise<SellersStatusResponse>";
    #[doc = " `DELETE /api/category/category`: `{ CategoryCode, ActionId: 1 | 2 }`."]
    categoryCategory fn category_category("SellersCategoryDelete") => CategoryCategory, "Promise<SellersStatusResponse>";
    #[doc = " `POST /api/category/productcategory`: product-to-category mappings."]
    categoryProductcategory fn category_productcategory("Array<SellersProductCategory>") => CategoryProductcategory, "Promise<SellersStatusResponse>";
    #[doc = " `POST /api/order/shippinginformation` (fields undocumented: an object)."]
    orderShippinginformation fn order_shippinginformation("SellersObject") => OrderShippinginformation, "Promise<SellersStatusResponse>";
    #[doc = " `POST /api/order/paymentinformation`: capture (order, transaction number, authorization code)."]
    orderPaymentinformation fn order_paymentinformation("SellersPaymentInformation") => OrderPaymentinformation, "Promise<SellersStatusResponse>";
    #[doc = " `POST /api/order/updateorderstatus`: `{ OrderNumber, OrderStatusId }`."]
    orderUpdateorderstatus fn order_updateorderstatus("SellersOrderStatusUpdate") => OrderUpdateorderstatus, "Promise<SellersStatusResponse>";
    #[doc = " `POST /api/order/OrderSamplePost` (undocumented)."]
    orderOrdersamplepost fn order_ordersamplepost("SellersObject") => OrderOrdersamplepost, "Promise<unknown>";
    #[doc = " `POST /api/PortalAdmin/Admin` (undocumented)."]
    portaladminAdminPost fn portaladmin_admin_post("SellersObject") => PortaladminAdminPost, "Promise<unknown>";
    #[doc = " `POST /api/PortalAdmin/RaiseRequest`: a store closure request (undocumented fields)."]
    portaladminRaiserequest fn portaladmin_raiserequest("SellersObject") => PortaladminRaiserequest, "Promise<unknown>";
    #[doc = " `POST /api/PortalAdmin/RemoveAdmin` (undocumented)."]
    portaladminRemoveadmin fn portaladmin_removeadmin("SellersObject") => PortaladminRemoveadmin, "Promise<unknown>";
    #[doc = " `POST /api/PortalLogin/UpdateClientFeedBack` (undocumented)."]
    portalloginUpdateclientfeedback fn portallogin_updateclientfeedback("SellersObject") => PortalloginUpdateclientfeedback, "Promise<unknown>";
    #[doc = " `POST /api/PortalLogin/UpdateClosureForm` (undocumented)."]
    portalloginUpdateclosureform fn portallogin_updateclosureform("SellersObject") => PortalloginUpdateclosureform, "Promise<unknown>";
}

#[wasm_bindgen]
impl SellersCommerceClient {
    /// `GET /api/product/getallproductskus`: `top` SKUs after `skip`, optionally of one product.
    #[wasm_bindgen(js_name = productGetallproductskus, unchecked_return_type = "Promise<Checked<SellersSku[]>>")]
    pub fn product_getallproductskus(&self, params: Option<SellersSkuPageParamsArg>, options: Option<CallOptionsArg>) -> js_sys::Promise {
        let request = build_with(&optional(params), |p: SellersSkuPageParams| {
            let mut op = ProductGetallproductskus::new();
            if let Some(top) = p.top {
                op = op.top(top);
            }
            if let Some(skip) = p.skip {
                op = op.skip(skip);
            }
            if let Some(id) = p.sc_product_id {
                op = op.sc_product_id(id);
            }
            if let Some(code) = p.product_code {
                op = op.product_code(code);
            }
            op.build()
        });
        self.caller.call(request, options)
    }

    /// `GET /api/product/getproducts` (undocumented).
    #[wasm_bindgen(js_name = productGetproducts, unchecked_return_type = "Promise<unknown>")]
    pub fn product_getproducts(&self, options: Option<CallOptionsArg>) -> js_sys::Promise {
        self.caller.call(ProductGetproducts.build(), options)
    }

    /// `GET /api/PortalAdmin/Admins` (undocumented).
    #[wasm_bindgen(js_name = portaladminAdmins, unchecked_return_type = "Promise<unknown>")]
    pub fn portaladmin_admins(&self, options: Option<CallOptionsArg>) -> js_sys::Promise {
        self.caller.call(PortaladminAdmins::new().build(), options)
    }

    /// `GET /api/PortalAdmin/AllRoles` (undocumented).
    #[wasm_bindgen(js_name = portaladminAllroles, unchecked_return_type = "Promise<unknown>")]
    pub fn portaladmin_allroles(&self, options: Option<CallOptionsArg>) -> js_sys::Promise {
        self.caller.call(PortaladminAllroles::new().build(), options)
    }

    /// `GET /api/PortalAdmin/IsEmailOrUserNameExists` (undocumented).
    #[wasm_bindgen(js_name = portaladminIsemailorusernameexists, unchecked_return_type = "Promise<unknown>")]
    pub fn portaladmin_isemailorusernameexists(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SellersEmailOrUserNameParams")] params: JsValue,
        options: Option<CallOptionsArg>,
    ) -> js_sys::Promise {
        let request = build_with(&params, |p: SellersEmailOrUserNameParams| PortaladminIsemailorusernameexists::new(p.param, p.userid, p.is_contact).build());
        self.caller.call(request, options)
    }

    /// `GET /api/PortalAdmin/RedirectURL` (undocumented).
    #[wasm_bindgen(js_name = portaladminRedirecturl, unchecked_return_type = "Promise<unknown>")]
    pub fn portaladmin_redirecturl(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SellersRedirectUrlParams")] params: JsValue,
        options: Option<CallOptionsArg>,
    ) -> js_sys::Promise {
        self.caller.call(build_with(&params, |p: SellersRedirectUrlParams| PortaladminRedirecturl::new(p.provider_id, p.kind).build()), options)
    }

    /// `POST /api/PortalAdmin/SendExportEmail` (undocumented; the body defaults to `{}`).
    #[wasm_bindgen(js_name = portaladminSendexportemail, unchecked_return_type = "Promise<unknown>")]
    pub fn portaladmin_sendexportemail(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SellersExportEmailParams")] params: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SellersObject | undefined")] body: JsValue,
        options: Option<CallOptionsArg>,
    ) -> js_sys::Promise {
        let request = build_with(&params, |p: SellersExportEmailParams| {
            build_with(&body, |b: Value| PortaladminSendexportemail::new(p.export_name, p.exported_by, b).build())
        });
        self.caller.call(request, options)
    }
}
