// Generated from the registry (catalogue::derived_response_types) by `make golden`. Do not edit.
// The operations no `operations!` table declares yet; each table declares its own.
export interface ResponseTypes {
    /** `POST /token`: Access and refresh token for the account's Access Key and Shared Secret (proxy only). */
    "sellers_commerce.token_password": SellersTokenResponse;
    /** `POST /token`: New access and refresh token for the last refresh token (proxy only). */
    "sellers_commerce.token_refresh": SellersTokenResponse;
    /** `GET /api/product/getall`: Products, optionally filtered and ordered (OData). */
    "sellers_commerce.product_getall": Checked<SellersProduct[]>;
    /** `GET /api/product/getallproducts`: Products, optionally filtered and ordered (OData). */
    "sellers_commerce.product_getallproducts": Checked<SellersProduct[]>;
    /** `GET /api/product/getallproductskus`: SKUs in the store, a page at a time (top/skip), optionally of one product. */
    "sellers_commerce.product_getallproductskus": Checked<SellersSku[]>;
    /** `GET /api/product/get/{productcode}`: One product by product code. */
    "sellers_commerce.product_get": SellersProduct;
    /** `POST /api/product/products`: Add or update one product. */
    "sellers_commerce.product_products": SellersStatusResponse;
    /** `POST /api/product/updateskuprice`: Update SKU prices. */
    "sellers_commerce.product_updateskuprice": SellersStatusResponse;
    /** `POST /api/product/updateskuinventory`: Update SKU inventory. */
    "sellers_commerce.product_updateskuinventory": SellersStatusResponse;
    /** `GET /api/product/getallsuppliers`: Every supplier, optionally filtered and ordered (OData). */
    "sellers_commerce.product_getallsuppliers": Checked<unknown[]>;
    /** `GET /api/product/getproducts`: Products (undocumented: free-form answer). */
    "sellers_commerce.product_getproducts": unknown;
    /** `GET /api/shopper/getall`: Shoppers with their addresses, optionally filtered and ordered (OData). */
    "sellers_commerce.shopper_getall": Checked<SellersShopper[]>;
    /** `GET /api/shopper/get/{username}`: One shopper by username. */
    "sellers_commerce.shopper_get": SellersShopper;
    /** `POST /api/shopper/shoppers`: Add or update shoppers. */
    "sellers_commerce.shopper_shoppers": SellersStatusResponse;
    /** `POST /api/shopper/shopperaddress`: Add or update shopper addresses. */
    "sellers_commerce.shopper_shopperaddress": SellersStatusResponse;
    /** `GET /api/return/getall`: Return requests, optionally filtered and ordered (OData). */
    "sellers_commerce.return_getall": Checked<SellersReturnRequest[]>;
    /** `GET /api/return/get/{returnnumber}`: One return request by return number. */
    "sellers_commerce.return_get": SellersReturnRequest;
    /** `POST /api/return/return`: Create a return request for an order. */
    "sellers_commerce.return_return": SellersStatusResponse;
    /** `GET /api/embellishments/getall`: Every embellishment, optionally filtered and ordered (OData). */
    "sellers_commerce.embellishments_getall": Checked<unknown[]>;
    /** `GET /api/embellishments/getproductembellishment`: The embellishments tagged to one product. */
    "sellers_commerce.embellishments_getproductembellishment": Checked<unknown[]>;
    /** `GET /api/category/getall`: Every category, optionally filtered and ordered (OData). */
    "sellers_commerce.category_getall": Checked<SellersCategory[]>;
    /** `GET /api/category/get/{categorycode}`: One category by category code. */
    "sellers_commerce.category_get": SellersCategory;
    /** `GET /api/category/categoryproducts/{categorycode}`: The products tagged to one category. */
    "sellers_commerce.category_categoryproducts": Checked<SellersProduct[]>;
    /** `POST /api/category/categories`: Add or update categories. */
    "sellers_commerce.category_categories": SellersStatusResponse;
    /** `DELETE /api/category/category`: Delete a category, or only its mapping from the parent (ActionId 1 or 2). */
    "sellers_commerce.category_category": SellersStatusResponse;
    /** `POST /api/category/productcategory`: Map products to categories. */
    "sellers_commerce.category_productcategory": SellersStatusResponse;
    /** `GET /api/category/getallbrands`: Every brand, optionally filtered and ordered (OData). */
    "sellers_commerce.category_getallbrands": Checked<unknown[]>;
    /** `GET /api/order/getall`: Orders, optionally filtered and ordered (OData). */
    "sellers_commerce.order_getall": Checked<SellersOrder[]>;
    /** `GET /api/order/getorders`: Orders, optionally filtered and ordered (OData). */
    "sellers_commerce.order_getorders": Checked<SellersOrder[]>;
    /** `GET /api/order/get/{ordernumber}`: One order by order number. */
    "sellers_commerce.order_get": SellersOrder;
    /** `POST /api/order/shippinginformation`: Post the shipping information of all items of an order. */
    "sellers_commerce.order_shippinginformation": SellersStatusResponse;
    /** `POST /api/order/paymentinformation`: Capture an authorized payment: order number, transaction number, authorization code. */
    "sellers_commerce.order_paymentinformation": SellersStatusResponse;
    /** `POST /api/order/updateorderstatus`: Change an order's status (e.g. placed to processing). */
    "sellers_commerce.order_updateorderstatus": SellersStatusResponse;
    /** `POST /api/order/OrderSamplePost`: Order sample post (undocumented: free-form body and answer). */
    "sellers_commerce.order_ordersamplepost": unknown;
    /** `GET /api/PortalAdmin/Admins`: Portal administrators (undocumented). */
    "sellers_commerce.portaladmin_admins": unknown;
    /** `GET /api/PortalAdmin/Admin`: One portal administrator by user id (undocumented). */
    "sellers_commerce.portaladmin_admin_get": unknown;
    /** `POST /api/PortalAdmin/Admin`: Save a portal administrator (undocumented). */
    "sellers_commerce.portaladmin_admin_post": unknown;
    /** `GET /api/PortalAdmin/IsEmailOrUserNameExists`: Whether an email or username is taken (undocumented). */
    "sellers_commerce.portaladmin_isemailorusernameexists": unknown;
    /** `GET /api/PortalAdmin/GetUserByID`: One portal user by id (undocumented). */
    "sellers_commerce.portaladmin_getuserbyid": unknown;
    /** `GET /api/PortalAdmin/AllRoles`: Every portal role (undocumented). */
    "sellers_commerce.portaladmin_allroles": unknown;
    /** `POST /api/PortalAdmin/RaiseRequest`: Save a store closure request (undocumented body). */
    "sellers_commerce.portaladmin_raiserequest": unknown;
    /** `POST /api/PortalAdmin/RemoveAdmin`: Remove a portal administrator (undocumented). */
    "sellers_commerce.portaladmin_removeadmin": unknown;
    /** `POST /api/PortalAdmin/SendExportEmail`: Email an export (undocumented). */
    "sellers_commerce.portaladmin_sendexportemail": unknown;
    /** `GET /api/PortalAdmin/RedirectURL`: A provider's redirect URL (undocumented). */
    "sellers_commerce.portaladmin_redirecturl": unknown;
    /** `POST /api/PortalLogin/Login`: Portal sign-in (undocumented; carries a password: not exposed). */
    "sellers_commerce.portallogin_login": unknown;
    /** `GET /api/PortalLogin/ForgotPassword`: Check a password-reset key (undocumented; carries the key: not exposed). */
    "sellers_commerce.portallogin_forgotpassword": unknown;
    /** `POST /api/PortalLogin/ChangeForgotPassword`: Set a new password after a reset (undocumented; carries it: not exposed). */
    "sellers_commerce.portallogin_changeforgotpassword": unknown;
    /** `POST /api/PortalLogin/ResetPassword`: Start a password reset for a username (undocumented; not exposed). */
    "sellers_commerce.portallogin_resetpassword": unknown;
    /** `POST /api/PortalLogin/UpdatePasswordResetHistory`: Update a password reset's record (undocumented; not exposed). */
    "sellers_commerce.portallogin_updatepasswordresethistory": unknown;
    /** `GET /api/PortalLogin/ValiadateStoreSSO`: Validate a store SSO token (undocumented; carries the token: not exposed). */
    "sellers_commerce.portallogin_valiadatestoresso": unknown;
    /** `GET /api/PortalLogin/ClosureFormSSO`: The closure form of a store SSO token (undocumented; carries the token: not exposed). */
    "sellers_commerce.portallogin_closureformsso": unknown;
    /** `POST /api/PortalLogin/UpdateClientFeedBack`: Save client feedback (undocumented). */
    "sellers_commerce.portallogin_updateclientfeedback": unknown;
    /** `POST /api/PortalLogin/UpdateClosureForm`: Save a closure form (undocumented). */
    "sellers_commerce.portallogin_updateclosureform": unknown;
}
