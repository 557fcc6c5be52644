//! What Sellers Commerce's table needed beyond the other vendors', kept apart from the
//! core of `operations!` so that each part reads (and merges) on its own:
//!
//! - `id: "product_getall"`: the catalogue id, when it differs from the table's
//!   identifier. The vendor runs words together (`getall`); our identifiers
//!   (`product_get_all` -> `ProductGetAll`, `PRODUCT_GET_ALL`, `productGetAll`) do not,
//!   while the ids of `shared/endpoints.tsv` stay as they are.
//! - `"SCproductID" as sc_product_id?: Integer`: a parameter's wire name, when ours differs.
//! - `odata`: the list's optional `$filter` and `$orderby` (the two parameters below).
//! - `ODataFilter` / `ODataOrderBy` parameters: text, checked by the OData parser before
//!   sending (the document warns that a malformed query is answered with nulls).
//! - `body: T, check: path`: a write whose JSON body stays open (the documented fields
//!   are checked by `check`, a `fn(&serde_json::Value, &mut FieldErrors)`; other fields
//!   are sent as given). The struct holds the vendor module's `JsonBody`; the JS method
//!   takes the body (after the parameters object, when there are parameters, which then
//!   need `params_type`: the name of their interface). Without a body, `check` is a
//!   `fn(&Self, &mut FieldErrors)` run by `build()` (a page size of at least 1...).
//! - `form`: the body is form-encoded (`Body::Form`, the OAuth grants; with `manual`).
//! - `secret`: `Debug` shows `<redacted>` for every value (passwords, reset keys).
//! - `positional`: the JS method takes its one required text parameter as a plain
//!   argument (`productGet("SC-1001")`) rather than an object.
//! - `auth: CredentialExchange` (here or as the table's default): no JS method and no
//!   TypeScript interface; only the proxy runs these, and the browser never holds the
//!   credential they carry.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::parse::ParseStream;
use syn::{Ident, LitStr, Path, Token};

use super::{camel, field_type, is_checked, pascal, snake, ts_type, Op, Param};

#[derive(Default)]
pub(super) struct Extra {
    id: Option<LitStr>,
    check: Option<Path>,
    pub(super) secret: bool,
    pub(super) positional: bool,
    pub(super) form: bool,
    odata: bool,
}

impl Extra {
    /// The table's `check:` function, if any.
    pub(super) fn check_fn(&self) -> Option<&Path> {
        self.check.as_ref()
    }
}

/// Reads an extension key of an operation's braces; `false` when `key` is not one.
pub(super) fn parse_key(key: &Ident, content: ParseStream, extra: &mut Extra) -> syn::Result<bool> {
    match key.to_string().as_str() {
        "secret" => extra.secret = true,
        "positional" => extra.positional = true,
        "form" => extra.form = true,
        "odata" => extra.odata = true,
        "id" => {
            content.parse::<Token![:]>()?;
            extra.id = Some(content.parse()?);
        }
        "check" => {
            content.parse::<Token![:]>()?;
            extra.check = Some(content.parse()?);
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// `odata`: the optional `$filter` and `$orderby` of a list, declared here once for
/// every list that takes them (`filter` and `orderBy` in JS, `filter()`/`order_by()` in Rust).
pub(super) fn finish(op: &mut Op) {
    if !op.extra.odata {
        return;
    }
    let span = op.id.span();
    let param = |wire: &str, name: &str, kind: &str, doc: &str| Param {
        docs: vec![syn::parse_quote!(#[doc = #doc])],
        name: Ident::new(name, span),
        optional: true,
        kind: Ident::new(kind, span),
        item: None,
        fixed: None,
        wire: Some(LitStr::new(wire, span)),
    };
    op.query.push(param("$filter", "filter", "ODataFilter", " `$filter`: `\"OrderStatusId eq 9\"` (from Rust, also an `odata::Filter`)."));
    op.query.push(param("$orderby", "order_by", "ODataOrderBy", " `$orderby`: `\"OrderNumber desc\"`, several keys comma-separated."));
}

/// `"SCproductID" as` before a parameter's name.
pub(super) fn parse_wire_name(content: ParseStream) -> syn::Result<Option<LitStr>> {
    if !content.peek(LitStr) {
        return Ok(None);
    }
    let wire: LitStr = content.parse()?;
    content.parse::<Token![as]>()?;
    Ok(Some(wire))
}

/// The id after `vendor.` in the catalogue.
pub(super) fn catalogue_id(op: &Op) -> String {
    op.extra.id.as_ref().map(LitStr::value).unwrap_or_else(|| op.id.to_string())
}

/// The Rust shape of a parameter kind: the OData kinds are text.
pub(super) fn base_kind(param: &Param) -> &'static str {
    match param.kind.to_string().as_str() {
        "Text" | "ODataFilter" | "ODataOrderBy" => "Text",
        "Integer" => "Integer",
        "Boolean" => "Boolean",
        _ => "List",
    }
}

pub(super) fn has_binding(op: &Op, table_auth: &Ident) -> bool {
    op.auth.as_ref().unwrap_or(table_auth) != "CredentialExchange"
}

/// A parameter's value as `Option<&str>`, blank text as absent.
fn text_value(param: &Param) -> TokenStream {
    let name = &param.name;
    if param.optional {
        quote! { self.#name.as_deref().filter(|v| !v.trim().is_empty()) }
    } else {
        quote! { ::std::option::Option::Some(self.#name.as_str()).filter(|v| !v.trim().is_empty()) }
    }
}

/// The checks `build()` runs before the request: the OData parser on OData parameters,
/// then the table's `check`. Empty for operations without either.
pub(super) fn param_checks(op: &Op, params: &[&Param]) -> (TokenStream, TokenStream) {
    let odata: Vec<TokenStream> = params
        .iter()
        .filter_map(|p| {
            let check = match p.kind.to_string().as_str() {
                "ODataFilter" => quote! { check_filter },
                "ODataOrderBy" => quote! { check_orderby },
                _ => return None,
            };
            let (wire, value) = (p.wire_name(), text_value(p));
            Some(quote! {
                if let ::std::option::Option::Some(value) = #value {
                    ::commerce_kit::vendors::sellers_commerce::odata::#check(&mut errors, #wire, value);
                }
            })
        })
        .collect();
    let custom = op.extra.check.as_ref().map(|check| quote! { #check(self, &mut errors); });
    if odata.is_empty() && custom.is_none() {
        return (quote! {}, quote! {});
    }
    (
        quote! {
            let mut errors = ::commerce_kit::request::FieldErrors::new();
            #(#odata)*
            #custom
        },
        quote! { .field_errors(::commerce_kit::vendors::checks::into_vec(errors)) },
    )
}

/// `Debug` that names the fields but shows none of their values.
pub(super) fn secret_debug(op: &Op, struct_name: &Ident, params: &[&Param]) -> TokenStream {
    if !op.extra.secret {
        return quote! {};
    }
    let title = struct_name.to_string();
    let fields = params.iter().map(|p| p.name.to_string());
    let body = op.body.is_some().then(|| quote! { .field("body", &"<redacted>") });
    quote! {
        impl ::std::fmt::Debug for #struct_name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#title) #(.field(#fields, &"<redacted>"))* #body .finish()
            }
        }
    }
}

/// `name(value: string, options?)` for an operation with one required text parameter.
pub(super) fn positional_binding(
    op: &Op,
    struct_name: &Ident,
    rust_method: &Ident,
    js_name: &Ident,
    method_doc: &str,
    ts_return: &str,
    params: &[&Param],
) -> syn::Result<TokenStream> {
    let [param] = params else {
        return Err(syn::Error::new(op.id.span(), "`positional` takes exactly one parameter"));
    };
    if param.optional || base_kind(param) != "Text" {
        return Err(syn::Error::new(param.name.span(), "`positional` takes one required text parameter"));
    }
    let arg = &param.name;
    Ok(quote! {
        #[doc = #method_doc]
        #[wasm_bindgen(js_name = #js_name, unchecked_return_type = #ts_return)]
        pub fn #rust_method(&self, #arg: ::std::string::String, options: Option<crate::wasm::CallOptionsArg>) -> ::js_sys::Promise {
            self.caller.call(<#struct_name as ::commerce_kit::request::Operation>::ENDPOINT.id, ::commerce_kit::request::Operation::build(&#struct_name::new(#arg)), options)
        }
    })
}

/// The builder, `Operation` and JS method of a write with an open JSON body.
pub(super) fn expand_body_op(
    op: &Op,
    table_auth: &Ident,
    const_name: &Ident,
    verb_path: &str,
    summary: &str,
    lines: &[String],
) -> syn::Result<(TokenStream, Option<TokenStream>)> {
    let Some(check) = &op.extra.check else {
        return Err(syn::Error::new(op.id.span(), "a body needs `check: path` (a `fn(&Value, &mut FieldErrors)`), or `manual`"));
    };
    let body_ty = op.body.as_ref().expect("a body operation");
    let response = &op.response;
    let id = op.id.to_string();
    let struct_name = op.rust.clone().unwrap_or_else(|| format_ident!("{}", pascal(&id)));
    let params: Vec<&Param> = op.path_params.iter().chain(&op.query).filter(|p| p.fixed.is_none()).collect();
    if let Some(p) = params.iter().find(|p| p.optional || base_kind(p) != "Text") {
        return Err(syn::Error::new(p.name.span(), "a body's parameters are required text"));
    }
    let names: Vec<&Ident> = params.iter().map(|p| &p.name).collect();
    let steps = params.iter().map(|p| {
        let (wire, value) = (p.wire_name(), text_value(p));
        if op.path_params.iter().any(|q| q.name == p.name) {
            quote! { .path_param(#wire, #value.unwrap_or("")) }
        } else {
            quote! { .query(#wire, #value) }
        }
    });
    let docs = params.iter().map(|p| &p.docs);
    let struct_doc =
        format!(" {verb_path}: {summary}. The body is open JSON: `{check}` checks the documented fields; others are sent as given.", check = quote!(#check));
    let shown = |value: TokenStream| {
        if op.extra.secret {
            quote! { &"<redacted>" }
        } else {
            value
        }
    };
    let debug_fields = names.iter().map(|n| {
        let value = shown(quote! { &self.#n });
        let title = n.to_string();
        quote! { .field(#title, #value) }
    });
    let debug_body = shown(quote! { &self.body });
    let title = struct_name.to_string();
    let item = quote! {
        #[doc = #struct_doc]
        #[derive(Clone, PartialEq)]
        pub struct #struct_name {
            #(#(#docs)* pub #names: ::std::string::String,)*
            body: JsonBody,
        }

        impl #struct_name {
            /// The parameters, then the body: the documented wire type, or any JSON
            /// (`serde_json::json!`) with the documented fields and whatever else the vendor takes.
            pub fn new(#(#names: impl ::std::convert::Into<::std::string::String>,)* body: impl ::serde::Serialize) -> Self {
                Self { #(#names: #names.into(),)* body: JsonBody::new(body) }
            }

            /// The body as JSON (`None` if it could not be serialised).
            pub fn body(&self) -> ::std::option::Option<&::serde_json::Value> {
                self.body.value()
            }
        }

        impl ::std::fmt::Debug for #struct_name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#title) #(#debug_fields)* .field("body", #debug_body).finish()
            }
        }

        impl ::commerce_kit::request::Operation for #struct_name {
            const ENDPOINT: &'static ::commerce_kit::catalogue::Endpoint = &#const_name;
            type Response = #response;

            fn build(&self) -> ::std::result::Result<::commerce_kit::request::Request, ::std::vec::Vec<::commerce_kit::request::FieldError>> {
                self.body.build(::commerce_kit::request::Request::builder(Self::ENDPOINT) #(#steps)*, #check)
            }
        }
    };
    if !has_binding(op, table_auth) {
        return Ok((item, None));
    }

    let ts_response = ts_type(response)?;
    let ts_return = if is_checked(op) { format!("Promise<Checked<{ts_response}>>") } else { format!("Promise<{ts_response}>") };
    let ts_body = ts_type(body_ty)?;
    let js_name = op.js.clone().unwrap_or_else(|| format_ident!("{}", camel(&id)));
    let rust_method = format_ident!("{}", snake(&js_name.to_string()));
    let returns = lines.get(1..).unwrap_or_default().join(" ");
    let method_doc = format!(" {verb_path}: {summary}.{}{}", if returns.is_empty() { "" } else { " " }, returns);
    if params.is_empty() {
        let binding = quote! {
            #[doc = #method_doc]
            #[wasm_bindgen(js_name = #js_name, unchecked_return_type = #ts_return)]
            pub fn #rust_method(
                &self,
                #[wasm_bindgen(unchecked_param_type = #ts_body)] body: ::wasm_bindgen::JsValue,
                options: Option<crate::wasm::CallOptionsArg>,
            ) -> ::js_sys::Promise {
                self.caller.call(<#struct_name as ::commerce_kit::request::Operation>::ENDPOINT.id, crate::wasm::build_with(&body, |b: ::serde_json::Value| ::commerce_kit::request::Operation::build(&#struct_name::new(b))), options)
            }
        };
        return Ok((item, Some(binding)));
    }

    // Parameters and a body: the parameters object is its own interface.
    let Some(params_type) = &op.params_type else {
        return Err(syn::Error::new(op.id.span(), "a body with parameters needs `params_type: Name` (their interface)"));
    };
    let fields = params.iter().map(|p| {
        let (name, ty, docs) = (&p.name, field_type(p), &p.docs);
        quote! { #(#docs)* pub #name: #ty }
    });
    let params_doc = format!(" The parameters of `{js_name}`; its body is the next argument.");
    let from_argument = super::argument_impl(params_type, &params);
    let item = quote! {
        #item

        #[doc = #params_doc]
        #[derive(Debug, ::tsify::Tsify, ::commerce_kit_derive::Wire)]
        #[serde(rename_all = "camelCase")]
        pub struct #params_type {
            #(#fields,)*
        }
        #from_argument
    };
    let params_ts = params_type.to_string();
    let binding = quote! {
        #[doc = #method_doc]
        #[wasm_bindgen(js_name = #js_name, unchecked_return_type = #ts_return)]
        pub fn #rust_method(
            &self,
            #[wasm_bindgen(unchecked_param_type = #params_ts)] params: ::wasm_bindgen::JsValue,
            // Left out (or `undefined`), the body is `{}`.
            #[wasm_bindgen(unchecked_optional_param_type = #ts_body)] body: ::wasm_bindgen::JsValue,
            #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: ::wasm_bindgen::JsValue,
        ) -> ::js_sys::Promise {
            let options = (!options.is_undefined()).then(|| ::wasm_bindgen::JsCast::unchecked_into(options));
            let request = crate::wasm::build_with(&params, |p: #params_type| {
                crate::wasm::build_with(&body, |b: ::serde_json::Value| ::commerce_kit::request::Operation::build(&#struct_name::new(#(p.#names,)* b)))
            });
            self.caller.call(<#struct_name as ::commerce_kit::request::Operation>::ENDPOINT.id, request, options)
        }
    };
    Ok((item, Some(binding)))
}
