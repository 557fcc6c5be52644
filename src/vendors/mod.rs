//! One folder per vendor, one file per resource. Each file declares its endpoints,
//! their request builders and their wire types.

use crate::catalogue::Endpoint;

pub mod checks;
#[cfg(feature = "s2")]
pub mod s2;
#[cfg(feature = "s2-partner")]
pub mod s2_partner;
#[cfg(feature = "sellers-commerce")]
pub mod sellers_commerce;
#[cfg(feature = "stock2shop")]
pub mod stock2shop;

/// Every declared operation of the enabled vendors, in the order of `shared/endpoints.tsv`.
pub(crate) static ENDPOINTS: &[&Endpoint] = &[
    #[cfg(feature = "s2-partner")]
    &s2_partner::fulfillment::LIST_FULFILLMENTS,
    #[cfg(feature = "s2-partner")]
    &s2_partner::fulfillment::CREATE_FULFILLMENT,
    #[cfg(feature = "s2-partner")]
    &s2_partner::inventory_supply::GET_INVENTORY_SUPPLY,
    #[cfg(feature = "s2-partner")]
    &s2_partner::product::LIST_PRODUCTS,
    #[cfg(feature = "s2-partner")]
    &s2_partner::purchase_order::LIST_PURCHASE_ORDERS,
    #[cfg(feature = "s2-partner")]
    &s2_partner::purchase_order::CREATE_PURCHASE_ORDER,
    #[cfg(feature = "s2-partner")]
    &s2_partner::supplier::LIST_SUPPLIERS,
    #[cfg(feature = "s2-partner")]
    &s2_partner::warehouse::LIST_WAREHOUSES,
    #[cfg(feature = "s2")]
    &s2::fulfillment::CREATE_FULFILLMENT_ORDER,
    #[cfg(feature = "s2")]
    &s2::inventory::GET_INVENTORY_OVERVIEW,
    #[cfg(feature = "stock2shop")]
    &stock2shop::users::AUTHENTICATE,
    #[cfg(feature = "stock2shop")]
    &stock2shop::users::VALID_TOKEN,
    #[cfg(feature = "stock2shop")]
    &stock2shop::sources::LIST_SOURCES,
    #[cfg(feature = "stock2shop")]
    &stock2shop::channels::LIST_CHANNELS,
    #[cfg(feature = "stock2shop")]
    &stock2shop::products::SEARCH_PRODUCTS,
    #[cfg(feature = "stock2shop")]
    &stock2shop::products::QUEUE_PRODUCTS,
    #[cfg(feature = "stock2shop")]
    &stock2shop::images::QUEUE_IMAGES,
    #[cfg(feature = "stock2shop")]
    &stock2shop::orders::SEARCH_ORDERS,
    #[cfg(feature = "stock2shop")]
    &stock2shop::orders::QUEUE_ORDER,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::token::TOKEN_PASSWORD,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::token::TOKEN_REFRESH,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::product::PRODUCT_GETALL,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::product::PRODUCT_GETALLPRODUCTS,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::product::PRODUCT_GETALLPRODUCTSKUS,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::product::PRODUCT_GET,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::product::PRODUCT_PRODUCTS,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::product::PRODUCT_UPDATESKUPRICE,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::product::PRODUCT_UPDATESKUINVENTORY,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::product::PRODUCT_GETALLSUPPLIERS,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::product::PRODUCT_GETPRODUCTS,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::shopper::SHOPPER_GETALL,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::shopper::SHOPPER_GET,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::shopper::SHOPPER_SHOPPERS,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::shopper::SHOPPER_SHOPPERADDRESS,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::returns::RETURN_GETALL,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::returns::RETURN_GET,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::returns::RETURN_RETURN,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::embellishments::EMBELLISHMENTS_GETALL,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::embellishments::EMBELLISHMENTS_GETPRODUCTEMBELLISHMENT,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::category::CATEGORY_GETALL,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::category::CATEGORY_GET,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::category::CATEGORY_CATEGORYPRODUCTS,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::category::CATEGORY_CATEGORIES,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::category::CATEGORY_CATEGORY,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::category::CATEGORY_PRODUCTCATEGORY,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::category::CATEGORY_GETALLBRANDS,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::order::ORDER_GETALL,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::order::ORDER_GETORDERS,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::order::ORDER_GET,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::order::ORDER_SHIPPINGINFORMATION,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::order::ORDER_PAYMENTINFORMATION,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::order::ORDER_UPDATEORDERSTATUS,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::order::ORDER_ORDERSAMPLEPOST,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::portal_admin::PORTALADMIN_ADMINS,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::portal_admin::PORTALADMIN_ADMIN_GET,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::portal_admin::PORTALADMIN_ADMIN_POST,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::portal_admin::PORTALADMIN_ISEMAILORUSERNAMEEXISTS,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::portal_admin::PORTALADMIN_GETUSERBYID,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::portal_admin::PORTALADMIN_ALLROLES,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::portal_admin::PORTALADMIN_RAISEREQUEST,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::portal_admin::PORTALADMIN_REMOVEADMIN,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::portal_admin::PORTALADMIN_SENDEXPORTEMAIL,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::portal_admin::PORTALADMIN_REDIRECTURL,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::portal_login::PORTALLOGIN_LOGIN,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::portal_login::PORTALLOGIN_FORGOTPASSWORD,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::portal_login::PORTALLOGIN_CHANGEFORGOTPASSWORD,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::portal_login::PORTALLOGIN_RESETPASSWORD,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::portal_login::PORTALLOGIN_UPDATEPASSWORDRESETHISTORY,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::portal_login::PORTALLOGIN_VALIADATESTORESSO,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::portal_login::PORTALLOGIN_CLOSUREFORMSSO,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::portal_login::PORTALLOGIN_UPDATECLIENTFEEDBACK,
    #[cfg(feature = "sellers-commerce")]
    &sellers_commerce::portal_login::PORTALLOGIN_UPDATECLOSUREFORM,
];
