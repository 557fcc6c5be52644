//! The document's code tables: its response codes 20 to 36 and the integer codes of
//! the "Api Column Name" tables (order status, carrier, payment method...), verbatim,
//! typos included (`PaymenExist`, "alredy captured").

/// One row of the response code table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResponseCode {
    /// The `StatusCode` of a body.
    pub code: u32,
    /// Its `Results` text (`"OrderNotExist"`).
    pub results: &'static str,
    /// Its `ResponseMessage` text (`"Order Does Not Exist"`).
    pub message: &'static str,
    /// The HTTP status it comes with.
    pub http_status: u16,
}

const fn rc(code: u32, results: &'static str, message: &'static str, http_status: u16) -> ResponseCode {
    ResponseCode { code, results, message, http_status }
}

/// The response codes, as the document lists them (there is no 23).
pub const RESPONSE_CODES: &[ResponseCode] = &[
    rc(20, "Processed", "Processed Successfully", 200),
    rc(21, "ProviderNotExists", "Provider Does Not Exist", 404),
    rc(22, "UserNotExists", "User Does Not Exist", 404),
    rc(24, "OrderNotExist", "Order Does Not Exist", 404),
    rc(25, "SkuNotExist", "Order item with provided SKU Code Does Not Exist in current order", 404),
    rc(26, "InvalidQty", "Shipment quantity is more than quantity to be shipped.", 406),
    rc(27, "PaymenExist", "Payment data already exist for requested order", 406),
    rc(28, "AlreadyCaptured", "Requested Order alredy captured", 406),
    rc(29, "ProcessFailed", "Process gets failed due to some internal errors", 406),
    rc(30, "InvalidData", "Invalid data provided", 406),
    rc(31, "CategoryNotExist", "Category doesn't exists", 406),
    rc(32, "ParentCategoryNotExists", "Parent Category doesn't exists", 406),
    rc(33, "Exists", "Already exists for current request", 406),
    rc(34, "InvalidSku", "Invalid SKU Data Provided", 406),
    rc(
        35,
        "BrandNotExists",
        "Brand and First level category does nor match, Brand Does not exist in our database, Please provide the correct brand name or include it in category if new",
        406,
    ),
    rc(36, "InsertCategoryFailed", "Category insertion for this product has been Failed, Please try again with valid data", 406),
];

/// The row of `code`.
pub fn response_code(code: u32) -> Option<&'static ResponseCode> {
    RESPONSE_CODES.iter().find(|c| c.code == code)
}

/// The row whose `Results` text is `results` (`"OrderNotExist"`).
pub fn response_code_named(results: &str) -> Option<&'static ResponseCode> {
    RESPONSE_CODES.iter().find(|c| c.results == results)
}

/// One value of a code table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    pub value: i64,
    pub name: &'static str,
}

/// A table of integer codes, named after the column the document gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeTable {
    /// The document's "Api Column Name" (`"OrderStatusId"`), or its label where it gives
    /// no column name (`"Return Status ID"`).
    pub column: &'static str,
    pub codes: &'static [Code],
}

impl CodeTable {
    /// The name of `value` (`ORDER_STATUS.name(9) == Some("Shipped")`).
    pub fn name(&self, value: i64) -> Option<&'static str> {
        self.codes.iter().find(|c| c.value == value).map(|c| c.name)
    }

    pub fn contains(&self, value: i64) -> bool {
        self.name(value).is_some()
    }

    /// `"1 (Live Cart), 2 (Abandoned Cart), ..."`, for messages.
    pub fn describe(&self) -> String {
        self.codes.iter().map(|c| format!("{} ({})", c.value, c.name)).collect::<Vec<_>>().join(", ")
    }
}

macro_rules! table {
    ($(#[$doc:meta])* $name:ident, $column:literal, [$($value:literal => $label:literal),+ $(,)?]) => {
        $(#[$doc])*
        pub const $name: CodeTable = CodeTable { column: $column, codes: &[$(Code { value: $value, name: $label }),+] };
    };
}

table!(
    /// An order's status.
    ORDER_STATUS, "OrderStatusId", [
        1 => "Live Cart", 2 => "Abandoned Cart", 3 => "Placed", 4 => "Waiting for dropshipment", 5 => "Cancelled",
        6 => "Awaiting Fulfillment", 7 => "Awaiting Shipment", 8 => "Partially Shipped", 9 => "Shipped", 10 => "Completed",
        35 => "Processing Order", 36 => "Rejected", 37 => "Undelivered", 38 => "Partial Paid",
    ]
);

table!(
    /// A shipping service; [`SERVICE_TYPE_CARRIERS`] gives the carrier of each.
    SERVICE_TYPE, "ServiceTypeId", [
        1 => "Ground", 2 => "Next Day Air Early AM", 3 => "Next Day Air", 4 => "Next Day Air Saver", 5 => "2nd Day Air Early AM",
        6 => "2nd Day Air", 7 => "3 Day Select", 8 => "Canada Standard", 9 => "Worldwide Express", 10 => "Worldwide Express Plus",
        11 => "Worldwide Expedited", 13 => "ExpressMail", 14 => "PriorityMail", 15 => "Parcel Post (Machinable)", 16 => "Library",
        17 => "Media", 18 => "Priority Overnight", 19 => "Standard Overnight", 20 => "First Overnight", 21 => "FedEx 2 Day",
        22 => "FedEx Express Saver", 23 => "International Priority", 24 => "International Economy", 25 => "International First",
        26 => "FedEx 1 Day Freight", 27 => "FedEx 2 Day Freight", 28 => "FedEx 3 Day Freight", 29 => "FedEx Ground",
        30 => "Ground Home Delivery", 31 => "International Priority Freight", 32 => "International Economy Freight",
        34 => "Tier One", 35 => "Tier Two", 36 => "Tier Three",
    ]
);

/// `(ServiceTypeId, CarrierID)`: the carrier column of the service type table.
pub const SERVICE_TYPE_CARRIERS: &[(i64, i64)] = &[
    (1, 1),
    (2, 1),
    (3, 1),
    (4, 1),
    (5, 1),
    (6, 1),
    (7, 1),
    (8, 1),
    (9, 1),
    (10, 1),
    (11, 1),
    (13, 2),
    (14, 2),
    (15, 2),
    (16, 2),
    (17, 2),
    (18, 8),
    (19, 8),
    (20, 8),
    (21, 8),
    (22, 8),
    (23, 8),
    (24, 8),
    (25, 8),
    (26, 8),
    (27, 8),
    (28, 8),
    (29, 8),
    (30, 8),
    (31, 8),
    (32, 8),
    (34, 10),
    (35, 10),
    (36, 10),
];

table!(
    /// A carrier or shipping method.
    CARRIER, "CarrierId", [
        1 => "UPS", 2 => "USPS", 3 => "Flat Rate Per Item", 4 => "Ship By Weight", 5 => "Ship By Order Total",
        6 => "Flat Rate Per Order", 7 => "In Store Pick Up", 8 => "FEDEX", 10 => "Ship by Order Total[Tiered]",
    ]
);

table!(
    PAYMENT_METHOD, "PaymentMethodId", [
        30 => "PayPal [Express Checkout]", 31 => "Credit Card", 32 => "Manual Payment", 33 => "Purchase Order",
        90 => "Store Credit", 91 => "Gift Card", 224 => "Cyber Source (Secure Acceptance)",
    ]
);

table!(
    DISCOUNT_TYPE, "DiscountTypeId", [3 => "Flat", 4 => "Percentage", 5 => "DiscountOnOtherProduct", 6 => "BuyXGetY", 217 => "None"]
);

table!(
    PAYMENT_STATUS, "PaymentStatusId", [74 => "AuthorizeAndCapture", 75 => "AuthorizeOnly", 86 => "PriorAuthCapture"]
);

table!(
    PAYMENT_GATEWAY, "PaymentGatewayId", [
        25 => "Authorized Net", 26 => "Moneris", 27 => "PayPal [Credit Card]", 28 => "XCharge", 29 => "Sage", 73 => "USAePay",
        96 => "Fast Charge", 206 => "PayPal [Express Checkout]", 220 => "Stripe", 221 => "Square", 229 => "Cyber Source(Secure Acceptance)",
    ]
);

table!(GENDER, "Gender", [1 => "Male", 2 => "Female"]);

table!(
    /// Note the document's values: `0` is yes, `1` is no.
    IS_BRAND, "IsBrand", [0 => "Yes", 1 => "No"]
);

table!(OPTION_TYPE, "OptionTypeId", [46 => "Multiple", 47 => "Swatch"]);

table!(
    /// What `DELETE /api/category/category` removes.
    ACTION, "ActionId", [1 => "Remove Category and Mapping", 2 => "Remove Category Mapping from Parent"]
);

table!(PRICING_TYPE, "PricingType", [1 => "Amount", 2 => "Percentage", 3 => "FreeShipping"]);

table!(DISPLAY_TYPE, "Display Type ID", [1 => "Text Box", 2 => "Drop Down", 3 => "Picture"]);

table!(
    /// The second discount table of the document (`Discount Type ID`), not [`DISCOUNT_TYPE`].
    PRICE_DISCOUNT_TYPE, "Discount Type ID", [1 => "Price Discount", 2 => "Percentage Discount"]
);

table!(
    RETURN_STATUS, "Return Status ID", [
        97 => "Return Initiated", 98 => "Return Accepted", 99 => "Return Rejected", 100 => "Return Refunded", 104 => "Return Partially Accepted",
    ]
);

table!(RETURN_TYPE, "Return Type ID", [102 => "Replaced", 103 => "Refunded"]);

/// Every code table, in the document's order: what a client looks a number up in by the
/// column it came from ([`code_table`]; the wasm `sellersCodeTables`).
pub const CODE_TABLES: &[CodeTable] = &[
    ORDER_STATUS,
    SERVICE_TYPE,
    CARRIER,
    PAYMENT_METHOD,
    DISCOUNT_TYPE,
    PAYMENT_STATUS,
    PAYMENT_GATEWAY,
    GENDER,
    IS_BRAND,
    OPTION_TYPE,
    ACTION,
    PRICING_TYPE,
    DISPLAY_TYPE,
    PRICE_DISCOUNT_TYPE,
    RETURN_STATUS,
    RETURN_TYPE,
];

/// The table of the column `column` (`"CarrierId"`), if the document gives one.
pub fn code_table(column: &str) -> Option<&'static CodeTable> {
    CODE_TABLES.iter().find(|t| t.column == column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_hold_the_documented_values() {
        assert_eq!(ORDER_STATUS.name(9), Some("Shipped"));
        assert_eq!(ORDER_STATUS.name(35), Some("Processing Order"));
        assert!(!ORDER_STATUS.contains(11));
        assert_eq!(SERVICE_TYPE.codes.len(), SERVICE_TYPE_CARRIERS.len());
        for (code, (service, carrier)) in SERVICE_TYPE.codes.iter().zip(SERVICE_TYPE_CARRIERS) {
            assert_eq!(code.value, *service);
            assert!(CARRIER.contains(*carrier), "{service}: carrier {carrier}");
        }
        assert_eq!(IS_BRAND.name(0), Some("Yes"));
        assert_eq!(ACTION.describe(), "1 (Remove Category and Mapping), 2 (Remove Category Mapping from Parent)");
    }

    #[test]
    fn every_table_is_found_by_its_column() {
        assert_eq!(code_table("CarrierId").and_then(|t| t.name(8)), Some("FEDEX"));
        assert_eq!(code_table("ServiceTypeId").and_then(|t| t.name(20)), Some("First Overnight"));
        assert_eq!(code_table("Return Type ID"), Some(&RETURN_TYPE));
        assert_eq!(code_table("NoSuchId"), None);
        let mut columns: Vec<&str> = CODE_TABLES.iter().map(|t| t.column).collect();
        columns.sort_unstable();
        columns.dedup();
        assert_eq!(columns.len(), CODE_TABLES.len(), "one table per column");
    }

    #[test]
    fn response_codes_are_found_by_code_and_by_name() {
        assert_eq!(response_code(24).map(|c| (c.results, c.http_status)), Some(("OrderNotExist", 404)));
        assert_eq!(response_code_named("PaymenExist").map(|c| c.code), Some(27));
        assert_eq!(response_code(23), None);
        assert!(RESPONSE_CODES.windows(2).all(|w| w[0].code < w[1].code));
    }
}
