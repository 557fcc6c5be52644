//! `operations!`: one table per vendor, from which every uniform part of an operation is
//! generated.
//!
//! Why a function-like proc macro rather than a `build.rs` step: the table stays in the
//! vendor's own source file, next to the wire types it names, so a reader sees the
//! operation and its types together and the compiler checks every name in it (a typo in
//! a response type is an ordinary "cannot find type" error pointing at the table line).
//! A build script would generate from a data file nobody reads in context and would have
//! to re-implement name resolution to find the types. The `Wire` derive already lives in
//! this crate, so the crate graph does not change.
//!
//! ```text
//! operations! {
//!     vendor = S2Partner;
//!     auth = AccessKey;
//!     client = crate::wasm::s2_partner::S2PartnerClient;
//!
//!     /// Every available supplier            <- summary, doc of const, struct and JS method
//!     list_suppliers: GET "/supplier" -> Vec<supplier::PartnerSupplier>;
//!
//!     /// A warehouse's supply per SKU
//!     get_inventory_supply: GET "/inventory-supply" -> Vec<PartnerInventorySupply> {
//!         query: [ warehouse_id: Text, /// Only these SKUs.
//!                  sku_list?: List<String> ],
//!         params_type: InventorySupplyParams,   // the TypeScript name of the parameters
//!     }
//!
//!     /// Every source (ERP) of the account
//!     list_sources: GET "/v1/sources" -> SystemSources {
//!         query: [format = "json"],                  // always sent, not a parameter
//!     }
//!
//!     /// Every warehouse, product and inventory level
//!     get_inventory_overview: GET "/inventory/overview" -> InventoryOverview {
//!         records,           // an object holding record lists: resolves as `Checked<...>`
//!     }
//!
//!     /// Create a fulfillment
//!     create_fulfillment: POST "/fulfillment" -> PartnerFulfillment {
//!         body: NewPartnerFulfillment,
//!         duplicates: LookupAfter("s2_partner.list_fulfillments"), // a write must say
//!         manual,            // builder and binding are hand-written (body checks)
//!     }
//! }
//! ```
//!
//! Per operation it emits: the `Endpoint` const (`LIST_SUPPLIERS`); unless `manual`, the
//! request struct (`ListSuppliers`, `Deserialize + Tsify + Wire`, camelCase fields, so the
//! JS parameter object is the builder and runs through the same checks), its constructor
//! and setters, `impl Operation` (the response type is stated once, in the table), and
//! under `cfg(target_arch = "wasm32")` the `#[wasm_bindgen]` method of the vendor's client
//! with `js_name` and TypeScript parameter and return types computed from the Rust types.
//! Per table: the vendor's registry slice `ENDPOINTS`, in table order, and a test that
//! the computed return types mark exactly the responses that hold records as `Checked`.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::parse::{Parse, ParseStream};
use syn::{braced, bracketed, Attribute, Ident, LitStr, Path, Token, Type};

mod sellers_ops;

pub(crate) struct Table {
    vendor: Ident,
    auth: Ident,
    client: Path,
    operations: Vec<Op>,
}

struct Param {
    docs: Vec<Attribute>,
    name: Ident,
    optional: bool,
    kind: Ident,
    item: Option<Type>,
    /// `format = "json"`: always sent with this value, not a field of the request.
    fixed: Option<LitStr>,
    /// `"SCproductID" as sc_product_id`: the vendor's spelling on the wire, when our
    /// identifier has real word boundaries and the vendor's has none.
    wire: Option<LitStr>,
}

impl Param {
    /// The name the vendor reads: the `as` spelling, else the identifier.
    fn wire_name(&self) -> String {
        self.wire.as_ref().map(LitStr::value).unwrap_or_else(|| self.name.to_string())
    }
}

struct Op {
    docs: Vec<Attribute>,
    id: Ident,
    method: Ident,
    path: LitStr,
    response: Type,
    path_params: Vec<Param>,
    query: Vec<Param>,
    body: Option<Type>,
    pagination: Option<Ident>,
    duplicates: Option<syn::Expr>,
    auth: Option<Ident>,
    js: Option<Ident>,
    rust: Option<Ident>,
    params_type: Option<Ident>,
    manual: bool,
    records: bool,
    /// The extensions of `sellers_ops` (ids, bodies, checks, secrets, positional args).
    extra: sellers_ops::Extra,
}

fn key_value<T: Parse>(input: ParseStream, key: &str) -> syn::Result<T> {
    let ident: Ident = input.parse()?;
    if ident != key {
        return Err(syn::Error::new(ident.span(), format!("expected `{key} = ...`")));
    }
    input.parse::<Token![=]>()?;
    let value = input.parse()?;
    input.parse::<Token![;]>()?;
    Ok(value)
}

impl Parse for Table {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let vendor = key_value(input, "vendor")?;
        let auth = key_value(input, "auth")?;
        let client = key_value(input, "client")?;
        let mut operations = Vec::new();
        while !input.is_empty() {
            operations.push(input.parse()?);
        }
        Ok(Table { vendor, auth, client, operations })
    }
}

fn parse_params(input: ParseStream) -> syn::Result<Vec<Param>> {
    let content;
    bracketed!(content in input);
    let mut params = Vec::new();
    while !content.is_empty() {
        let docs = content.call(Attribute::parse_outer)?;
        let wire = sellers_ops::parse_wire_name(&content)?;
        let name: Ident = content.parse()?;
        if content.peek(Token![=]) {
            content.parse::<Token![=]>()?;
            let value: LitStr = content.parse()?;
            let kind = Ident::new("Text", name.span());
            params.push(Param { docs, name, optional: true, kind, item: None, fixed: Some(value), wire });
            if !content.is_empty() {
                content.parse::<Token![,]>()?;
            }
            continue;
        }
        let optional = content.parse::<Option<Token![?]>>()?.is_some();
        content.parse::<Token![:]>()?;
        let kind: Ident = content.parse()?;
        let item = if content.peek(Token![<]) {
            content.parse::<Token![<]>()?;
            let ty: Type = content.parse()?;
            content.parse::<Token![>]>()?;
            Some(ty)
        } else {
            None
        };
        if !["Text", "Integer", "List", "Boolean", "ODataFilter", "ODataOrderBy"].contains(&kind.to_string().as_str()) {
            return Err(syn::Error::new(kind.span(), "expected Text, Integer, Boolean, ODataFilter, ODataOrderBy or List<T>"));
        }
        if (kind == "List") != item.is_some() {
            return Err(syn::Error::new(kind.span(), "List takes its item type, `List<String>`; other kinds take none"));
        }
        params.push(Param { docs, name, optional, kind, item, fixed: None, wire });
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(params)
}

impl Parse for Op {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let docs = input.call(Attribute::parse_outer)?;
        let id: Ident = input.parse()?;
        input.parse::<Token![:]>()?;
        let method: Ident = input.parse()?;
        if !["GET", "POST", "PUT", "DELETE"].contains(&method.to_string().as_str()) {
            return Err(syn::Error::new(method.span(), "expected GET, POST, PUT or DELETE"));
        }
        let path: LitStr = input.parse()?;
        input.parse::<Token![->]>()?;
        let response: Type = input.parse()?;
        let mut op = Op {
            docs,
            id,
            method,
            path,
            response,
            path_params: Vec::new(),
            query: Vec::new(),
            body: None,
            pagination: None,
            duplicates: None,
            auth: None,
            js: None,
            rust: None,
            params_type: None,
            manual: false,
            records: false,
            extra: Default::default(),
        };
        if input.peek(Token![;]) {
            input.parse::<Token![;]>()?;
            return Ok(op);
        }
        let content;
        braced!(content in input);
        while !content.is_empty() {
            let key: Ident = content.parse()?;
            if sellers_ops::parse_key(&key, &content, &mut op.extra)? {
                // An extension key (`id`, `check`, `secret`, `positional`).
            } else if key == "manual" {
                op.manual = true;
            } else if key == "records" {
                op.records = true;
            } else {
                content.parse::<Token![:]>()?;
                match key.to_string().as_str() {
                    "path" => op.path_params = parse_params(&content)?,
                    "query" => op.query = parse_params(&content)?,
                    "body" => op.body = Some(content.parse()?),
                    "pagination" => op.pagination = Some(content.parse()?),
                    "duplicates" => op.duplicates = Some(content.parse()?),
                    "auth" => op.auth = Some(content.parse()?),
                    "js" => op.js = Some(content.parse()?),
                    "rust" => op.rust = Some(content.parse()?),
                    "params_type" => op.params_type = Some(content.parse()?),
                    _ => return Err(syn::Error::new(key.span(), "expected path, query, body, pagination, duplicates, auth, js, rust, params_type or manual")),
                }
            }
            if !content.is_empty() {
                content.parse::<Token![,]>()?;
            }
        }
        sellers_ops::finish(&mut op);
        Ok(op)
    }
}

fn doc_text(docs: &[Attribute]) -> Vec<String> {
    docs.iter()
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value().trim().to_string()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// `list_products` -> `ListProducts`; `listProductsPage` -> `list_products_page`.
fn pascal(snake: &str) -> String {
    snake.split('_').filter(|w| !w.is_empty()).map(|w| w[..1].to_uppercase() + &w[1..]).collect()
}

/// `impl FromArgument` for a parameter struct: its fields read one by one from the JS
/// argument's JSON tree by their camelCase names (as `#[serde(rename_all = "camelCase")]`
/// spells them for the validator and tsify), instead of a serde `Deserialize`.
fn argument_impl(struct_name: &Ident, params: &[&Param]) -> TokenStream {
    let fields = params.iter().map(|p| {
        let name = &p.name;
        let wire = camel(name.to_string().trim_start_matches("r#"));
        quote! { #name: object.take(#wire)? }
    });
    crate::from_argument_impl(struct_name, fields)
}

fn camel(snake: &str) -> String {
    let p = pascal(snake);
    p[..1].to_lowercase() + &p[1..]
}

fn snake(camel: &str) -> String {
    let mut out = String::new();
    for c in camel.chars() {
        if c.is_uppercase() {
            out.push('_');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The TypeScript spelling of a Rust type, as tsify writes it: enough for the types the
/// tables name (wire types, `Vec`, `Option`, scalars).
pub(crate) fn ts_type(ty: &Type) -> syn::Result<String> {
    let Type::Path(p) = ty else {
        return Err(syn::Error::new_spanned(ty, "expected a type path"));
    };
    let last = p.path.segments.last().expect("non-empty path");
    let generic = || -> syn::Result<String> {
        match &last.arguments {
            syn::PathArguments::AngleBracketed(a) => match a.args.first() {
                Some(syn::GenericArgument::Type(inner)) => ts_type(inner),
                _ => Err(syn::Error::new_spanned(ty, "expected one type argument")),
            },
            _ => Err(syn::Error::new_spanned(ty, "expected one type argument")),
        }
    };
    Ok(match last.ident.to_string().as_str() {
        "Vec" => {
            let inner = generic()?;
            if inner.contains(' ') {
                format!("({inner})[]")
            } else {
                format!("{inner}[]")
            }
        }
        "Option" => format!("{} | null", generic()?),
        "String" | "str" => "string".into(),
        "bool" => "boolean".into(),
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "f32" | "f64" | "usize" | "isize" => "number".into(),
        "Value" => "unknown".into(),
        name => name.to_string(),
    })
}

/// Whether the client resolves this response with the partial-list markers: top-level
/// arrays, the pages of paginated operations (whose records are a list), and responses
/// the table marks `records` (an object holding lists of records). The
/// generated test checks this against `Schema::holds_records`, which the client uses.
fn is_checked(op: &Op) -> bool {
    let top_level_list = matches!(&op.response, Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Vec"));
    op.records || top_level_list || op.pagination.as_ref().is_some_and(|p| p != "None")
}

/// What a list setter takes: anything text-like for text lists (`["a", "b"]`), the item
/// type itself otherwise, so that `id_list([])` and integer literals infer.
fn list_item(param: &Param) -> TokenStream {
    let item = param.item.as_ref().expect("checked when parsing");
    match item {
        Type::Path(p) if p.path.is_ident("String") => quote! { impl ::std::convert::Into<::std::string::String> },
        _ => quote! { #item },
    }
}

fn field_type(param: &Param) -> TokenStream {
    let inner = match sellers_ops::base_kind(param) {
        "Text" => quote! { ::std::string::String },
        "Integer" => quote! { i64 },
        "Boolean" => quote! { bool },
        _ => {
            let item = param.item.as_ref().expect("checked when parsing");
            quote! { ::std::vec::Vec<#item> }
        }
    };
    if param.optional {
        quote! { ::std::option::Option<#inner> }
    } else {
        inner
    }
}

pub(crate) fn expand(table: Table) -> syn::Result<TokenStream> {
    let vendor = &table.vendor;
    let client_path = &table.client;
    let client = &client_path.segments.last().expect("non-empty path").ident;
    let mut items = Vec::new();
    let mut bindings = Vec::new();
    let mut consts = Vec::new();
    let mut checked_claims = Vec::new();
    let mut aliases = std::collections::HashSet::new();
    let mut surfaces = Vec::new();
    let mut response_types = Vec::new();
    let mut argument_claims = Vec::new();

    for op in &table.operations {
        let id = op.id.to_string();
        let full_id = format!("{}.{}", snake(&vendor.to_string()).trim_start_matches('_'), sellers_ops::catalogue_id(op));
        let const_name = format_ident!("{}", id.to_uppercase());
        let lines = doc_text(&op.docs);
        let Some(summary) = lines.first().cloned() else {
            return Err(syn::Error::new(op.id.span(), "each operation needs a `///` summary line"));
        };
        let method_str = op.method.to_string();
        let method = format_ident!("{}", pascal(&method_str.to_lowercase()));
        let path = &op.path;
        let verb_path = format!("`{} {}`", method_str, path.value());
        let response = &op.response;
        let auth = op.auth.as_ref().unwrap_or(&table.auth);
        let pagination = op.pagination.clone().unwrap_or_else(|| Ident::new("None", Span::call_site()));
        // What a second send does (`Duplicates`, in the catalogue): a read is harmless; a
        // write states its rule, because the proxy's and the package's retries follow it.
        let duplicates = match (&op.duplicates, method_str.as_str()) {
            (Some(rule), _) => quote! { { use ::commerce_kit::catalogue::Duplicates::*; #rule } },
            (None, "GET") => quote! { ::commerce_kit::catalogue::Duplicates::Harmless },
            (None, _) => {
                return Err(syn::Error::new(
                    op.path.span(),
                    "a write must declare `duplicates: Harmless | ClientId(\"field\") | LookupAfter(\"operation id\") | Undetectable`",
                ))
            }
        };
        let body = match &op.body {
            // A form-encoded body (the OAuth grants): hand-written, `manual`.
            _ if op.extra.form => quote! { ::commerce_kit::catalogue::Body::Form },
            Some(ty) => quote! { ::commerce_kit::catalogue::Body::Json(<#ty as ::commerce_kit::schema::Wire>::SCHEMA) },
            None => quote! { ::commerce_kit::catalogue::Body::None },
        };
        let param_decl = |p: &Param| {
            let name = p.wire_name();
            let kind = &p.kind;
            let ctor = if p.optional {
                quote! { optional }
            } else {
                quote! { required }
            };
            quote! { ::commerce_kit::catalogue::Param::#ctor(#name, ::commerce_kit::catalogue::ParamKind::#kind) }
        };
        let path_decls = op.path_params.iter().map(param_decl);
        let query_decls = op.query.iter().map(param_decl);
        let const_doc = format!(" {verb_path}: {summary}.");
        items.push(quote! {
            #[doc = #const_doc]
            pub const #const_name: ::commerce_kit::catalogue::Endpoint = ::commerce_kit::catalogue::Endpoint {
                vendor: ::commerce_kit::catalogue::Vendor::#vendor,
                id: #full_id,
                summary: #summary,
                method: ::commerce_kit::catalogue::Method::#method,
                path: #path,
                path_params: &[#(#path_decls),*],
                query: &[#(#query_decls),*],
                body: #body,
                response: <#response as ::commerce_kit::schema::Wire>::SCHEMA,
                auth: ::commerce_kit::catalogue::Auth::#auth,
                duplicates: #duplicates,
                pagination: ::commerce_kit::catalogue::Pagination::#pagination,
            };
        });
        consts.push(const_name.clone());
        let checked_now = is_checked(op);
        let ts_decoded = decoded_ts_type(op)?;
        checked_claims.push(quote! { (&#const_name, #checked_now) });
        surfaces.push(surface_entry(op, &table.auth, &const_name, &ts_decoded));
        response_types.push(response_type_member(&full_id, &verb_path, &summary, &ts_decoded));
        if op.manual {
            continue;
        }
        if op.body.is_some() {
            // A body checked by a function of the table's (`check:`): generated too.
            let (item, binding) = sellers_ops::expand_body_op(op, &table.auth, &const_name, &verb_path, &summary, &lines)?;
            items.push(item);
            bindings.extend(binding);
            continue;
        }

        let ts_return = format!("Promise<{ts_decoded}>");

        let struct_name = op.rust.clone().unwrap_or_else(|| format_ident!("{}", pascal(&id)));
        let params: Vec<&Param> = op.path_params.iter().chain(&op.query).filter(|p| p.fixed.is_none()).collect();
        // The JS parameter object is this struct, unless the method takes its one value
        // positionally or there is no method (credential exchanges).
        let object_binding = !params.is_empty() && sellers_ops::has_binding(op, &table.auth) && !op.extra.positional;
        let fixed_steps = op.query.iter().filter_map(|p| {
            let (wire, value) = (p.name.to_string(), p.fixed.as_ref()?);
            Some(quote! { .query(#wire, ::std::option::Option::Some(#value)) })
        });
        let struct_doc = format!(" {verb_path}: {summary}. Build it, or pass its fields (camelCase) to the JS method.");
        let fields = params.iter().map(|p| {
            let name = &p.name;
            let ty = field_type(p);
            let docs = &p.docs;
            let default = (p.optional && object_binding).then(|| quote! { #[serde(default)] });
            quote! { #(#docs)* #default pub #name: #ty }
        });
        let required: Vec<&&Param> = params.iter().filter(|p| !p.optional).collect();
        let new_args = required.iter().map(|p| {
            let name = &p.name;
            match sellers_ops::base_kind(p) {
                "Text" => quote! { #name: impl ::std::convert::Into<::std::string::String> },
                "List" => {
                    let item = list_item(p);
                    quote! { #name: impl ::std::iter::IntoIterator<Item = #item> }
                }
                _ => {
                    let ty = field_type(p);
                    quote! { #name: #ty }
                }
            }
        });
        let new_fields = params.iter().map(|p| {
            let name = &p.name;
            match (p.optional, sellers_ops::base_kind(p)) {
                (true, _) => quote! { #name: ::std::option::Option::None },
                (false, "Text") => quote! { #name: #name.into() },
                (false, "List") => quote! { #name: #name.into_iter().map(::std::convert::Into::into).collect() },
                _ => quote! { #name },
            }
        });
        let setters = params.iter().filter(|p| p.optional).map(|p| {
            let name = &p.name;
            let docs = &p.docs;
            match sellers_ops::base_kind(p) {
                "Text" => quote! {
                    #(#docs)*
                    pub fn #name(mut self, value: impl ::std::convert::Into<::std::string::String>) -> Self {
                        self.#name = ::std::option::Option::Some(value.into());
                        self
                    }
                },
                "List" => {
                    let item = list_item(p);
                    quote! {
                        #(#docs)*
                        pub fn #name(mut self, values: impl ::std::iter::IntoIterator<Item = #item>) -> Self {
                            self.#name = ::std::option::Option::Some(values.into_iter().map(::std::convert::Into::into).collect());
                            self
                        }
                    }
                }
                _ => {
                    let ty = match sellers_ops::base_kind(p) {
                        "Integer" => quote! { i64 },
                        _ => quote! { bool },
                    };
                    quote! {
                        #(#docs)*
                        pub fn #name(mut self, value: #ty) -> Self {
                            self.#name = ::std::option::Option::Some(value);
                            self
                        }
                    }
                }
            }
        });
        // Blank text is not sent: a blank required parameter is then reported missing.
        let build_steps = params.iter().map(|p| {
            let name = &p.name;
            let wire = p.wire_name();
            let is_path = op.path_params.iter().any(|q| q.name == *name);
            let value = match (p.optional, sellers_ops::base_kind(p)) {
                (true, "Text") => quote! { self.#name.as_deref().filter(|v| !v.trim().is_empty()) },
                (false, "Text") => quote! { ::std::option::Option::Some(self.#name.as_str()).filter(|v| !v.trim().is_empty()) },
                (true, "List") => {
                    return quote! {
                        .query_list(#wire, &self.#name.iter().flatten().map(::std::string::ToString::to_string).collect::<::std::vec::Vec<_>>())
                    }
                }
                (false, "List") => {
                    return quote! {
                        .query_list(#wire, &self.#name.iter().map(::std::string::ToString::to_string).collect::<::std::vec::Vec<_>>())
                    }
                }
                (true, _) => quote! { self.#name.map(|v| v.to_string()).as_deref() },
                (false, _) => quote! { ::std::option::Option::Some(self.#name.to_string()).as_deref() },
            };
            if is_path {
                quote! { .path_param(#wire, #value.unwrap_or("")) }
            } else {
                quote! { .query(#wire, #value) }
            }
        });
        let derive_default = required.is_empty().then(|| quote! { Default, });
        // Without parameters, a unit struct: `GetInventoryOverview.build()`.
        let body_fields = if params.is_empty() {
            quote! { ; }
        } else {
            quote! { { #(#fields,)* } }
        };
        let new_body = if params.is_empty() {
            quote! { Self }
        } else {
            quote! { Self { #(#new_fields),* } }
        };
        // Without parameters the JS method takes none: no (empty) interface to declare.
        // No `Deserialize`: `argument_impl` reads the JS argument (see `FromArgument`).
        let derive_js = object_binding.then(|| quote! { ::tsify::Tsify, ::commerce_kit_derive::Wire, });
        let from_argument = object_binding.then(|| argument_impl(&struct_name, &params));
        let derive_debug = (!op.extra.secret).then(|| quote! { Debug, });
        let secret_debug = sellers_ops::secret_debug(op, &struct_name, &params);
        let (checks_prelude, checks_step) = sellers_ops::param_checks(op, &params);
        let serde_attr = object_binding.then(|| quote! { #[serde(rename_all = "camelCase")] });
        // tsify names the interface after the struct; `params_type` keeps an older
        // exported name as an alias of it.
        let ts_name_str = struct_name.to_string();
        // Several operations may share one alias (`SellersODataParams`): declared once.
        if let Some(alias) = op.params_type.as_ref().filter(|a| object_binding && aliases.insert(a.to_string())) {
            let declaration = format!(
                "/** The parameters of `{}` (see `{ts_name_str}`). */\nexport type {alias} = {ts_name_str};",
                op.js.clone().unwrap_or_else(|| format_ident!("{}", camel(&id)))
            );
            items.push(quote! {
                #[cfg(target_arch = "wasm32")]
                #[::wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
                const _: &str = #declaration;
            });
        }
        items.push(quote! {
            #[doc = #struct_doc]
            #[derive(#derive_debug Clone, #derive_default PartialEq, #derive_js)]
            #serde_attr
            pub struct #struct_name #body_fields

            impl #struct_name {
                /// The required parameters; blank text is reported as missing by `build()`.
                #[allow(clippy::new_without_default)]
                pub fn new(#(#new_args),*) -> Self {
                    #new_body
                }
                #(#setters)*
            }

            impl ::commerce_kit::request::Operation for #struct_name {
                const ENDPOINT: &'static ::commerce_kit::catalogue::Endpoint = &#const_name;
                type Response = #response;

                fn build(&self) -> ::std::result::Result<::commerce_kit::request::Request, ::std::vec::Vec<::commerce_kit::request::FieldError>> {
                    #checks_prelude
                    ::commerce_kit::request::Request::builder(Self::ENDPOINT) #(#build_steps)* #(#fixed_steps)* #checks_step .build()
                }
            }
            #secret_debug
            #from_argument
        });

        // The object-argument operations the package builds from data (`ArgumentOperation`)
        // rather than from this struct's own `from_argument` and `build`.
        let argument_static = object_binding.then(|| argument_operation(op, &struct_name, &const_name, &params)).flatten();
        if let Some((static_name, item)) = &argument_static {
            items.push(item.clone());
            argument_claims.push(quote! {
                (&#static_name, (|value| {
                    let params = <#struct_name as ::commerce_kit::request::FromArgument>::from_argument(value, "").map_err(|e| ::std::vec![e])?;
                    ::commerce_kit::request::Operation::build(&params)
                }) as fn(::serde_json::Value) -> ::std::result::Result<::commerce_kit::request::Request, ::std::vec::Vec<::commerce_kit::request::FieldError>>)
            });
        }

        let js_name = op.js.clone().unwrap_or_else(|| format_ident!("{}", camel(&id)));
        let rust_method = format_ident!("{}", snake(&js_name.to_string()));
        let returns = lines.get(1..).unwrap_or_default().join(" ");
        // What it returns: the table's second doc line, else the type it resolves with.
        let returns = if returns.is_empty() { format!("Resolves with `{ts_decoded}`.") } else { returns };
        let method_doc = format!(" {verb_path}: {summary}. {returns}");
        let binding = if !sellers_ops::has_binding(op, &table.auth) {
            continue;
        } else if op.extra.positional {
            sellers_ops::positional_binding(op, &struct_name, &rust_method, &js_name, &method_doc, &ts_return, &params)?
        } else if params.is_empty() {
            quote! {
                #[doc = #method_doc]
                #[wasm_bindgen(js_name = #js_name, unchecked_return_type = #ts_return)]
                pub fn #rust_method(&self, options: Option<crate::wasm::CallOptionsArg>) -> ::js_sys::Promise {
                    self.caller.call(<#struct_name as ::commerce_kit::request::Operation>::ENDPOINT.id, ::commerce_kit::request::Operation::build(&#struct_name::new()), options)
                }
            }
        } else if let Some((static_name, _)) = &argument_static {
            let param_attr = if required.is_empty() {
                let optional = format!("{ts_name_str} | null");
                quote! { unchecked_optional_param_type = #optional }
            } else {
                quote! { unchecked_param_type = #ts_name_str }
            };
            quote! {
                #[doc = #method_doc]
                #[wasm_bindgen(js_name = #js_name, unchecked_return_type = #ts_return)]
                pub fn #rust_method(
                    &self,
                    #[wasm_bindgen(#param_attr)] params: ::wasm_bindgen::JsValue,
                    #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: ::wasm_bindgen::JsValue,
                ) -> ::js_sys::Promise {
                    self.caller.call_argument(&#static_name, params, options)
                }
            }
        } else {
            let param_attr = if required.is_empty() {
                // `null` as well as left out: `list(null, { signal })` reads naturally.
                let optional = format!("{ts_name_str} | null");
                quote! { unchecked_optional_param_type = #optional }
            } else {
                quote! { unchecked_param_type = #ts_name_str }
            };
            quote! {
                #[doc = #method_doc]
                #[wasm_bindgen(js_name = #js_name, unchecked_return_type = #ts_return)]
                pub fn #rust_method(
                    &self,
                    #[wasm_bindgen(#param_attr)] params: ::wasm_bindgen::JsValue,
                    // After an optional parameter, wasm-bindgen wants this form too.
                    #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: ::wasm_bindgen::JsValue,
                ) -> ::js_sys::Promise {
                    let options = (!options.is_undefined()).then(|| ::wasm_bindgen::JsCast::unchecked_into(options));
                    self.caller.call(<#struct_name as ::commerce_kit::request::Operation>::ENDPOINT.id, crate::wasm::build_with(&params, |p: #struct_name| ::commerce_kit::request::Operation::build(&p)), options)
                }
            }
        };
        bindings.push(binding);
    }

    let registry_doc = format!(" Every {vendor} operation, in the order of `shared/endpoints.tsv`.");
    let surface = surface_items(&vendor.to_string(), &surfaces, &response_types);
    Ok(quote! {
        #(#items)*
        #surface

        #[doc = #registry_doc]
        pub static ENDPOINTS: &[&::commerce_kit::catalogue::Endpoint] = &[#(&#consts),*];

        #[cfg(target_arch = "wasm32")]
        mod generated_bindings {
            #[allow(unused_imports)]
            use super::*;
            use #client_path;
            use ::wasm_bindgen::prelude::wasm_bindgen;

            #[wasm_bindgen]
            impl #client {
                #(#bindings)*
            }
        }

        #[cfg(test)]
        #[test]
        fn generated_arguments_build_what_the_typed_builders_build() {
            let operations: &[(&::commerce_kit::request::ArgumentOperation, fn(::serde_json::Value) -> ::std::result::Result<::commerce_kit::request::Request, ::std::vec::Vec<::commerce_kit::request::FieldError>>)] = &[#(#argument_claims),*];
            for (operation, typed) in operations {
                for sample in ::commerce_kit::request::argument_samples(operation) {
                    assert_eq!(operation.build(sample.clone()), typed(sample.clone()), "{} with {}", operation.endpoint.id, sample);
                }
            }
        }

        #[cfg(test)]
        #[test]
        fn generated_return_types_mark_exactly_the_record_lists() {
            for (endpoint, checked) in [#(#checked_claims),*] {
                assert_eq!(endpoint.response.holds_records(), checked, "{}: `Checked<...>` in the generated return type", endpoint.id);
            }
        }
    })
}

/// The `ArgumentOperation` static of an object-argument operation, or `None` where the
/// typed path stays: a table `check:` function (it reads the typed struct) or a list of
/// items other than text and integers.
fn argument_operation(op: &Op, struct_name: &Ident, const_name: &Ident, params: &[&Param]) -> Option<(Ident, TokenStream)> {
    if op.extra.check_fn().is_some() {
        return None;
    }
    let mut rows = Vec::new();
    for p in params {
        let kind = match (sellers_ops::base_kind(p), p.item.as_ref()) {
            ("Text", _) => quote! { Text },
            ("Integer", _) => quote! { Integer },
            ("Boolean", _) => quote! { Boolean },
            (_, Some(Type::Path(t))) if t.path.is_ident("String") => quote! { TextList },
            (_, Some(Type::Path(t))) if t.path.is_ident("i64") => quote! { IntegerList },
            _ => return None,
        };
        let js = camel(p.name.to_string().trim_start_matches("r#"));
        let wire = p.wire_name();
        let required = !p.optional;
        let in_path = op.path_params.iter().any(|q| q.name == p.name);
        let check = match p.kind.to_string().as_str() {
            "ODataFilter" => quote! { ::std::option::Option::Some(::commerce_kit::vendors::sellers_commerce::odata::check_filter) },
            "ODataOrderBy" => quote! { ::std::option::Option::Some(::commerce_kit::vendors::sellers_commerce::odata::check_orderby) },
            _ => quote! { ::std::option::Option::None },
        };
        rows.push(quote! {
            ::commerce_kit::request::ArgumentParam { js: #js, wire: #wire, kind: ::commerce_kit::request::ArgumentKind::#kind, required: #required, in_path: #in_path, check: #check }
        });
    }
    let fixed = op.query.iter().filter_map(|p| {
        let (wire, value) = (p.name.to_string(), p.fixed.as_ref()?);
        Some(quote! { (#wire, #value) })
    });
    let name = format_ident!("{}_ARGUMENT", const_name);
    let item = quote! {
        // Read by the wasm bindings and the generated test only.
        #[cfg_attr(not(any(test, target_arch = "wasm32")), allow(dead_code))]
        pub(crate) static #name: ::commerce_kit::request::ArgumentOperation = ::commerce_kit::request::ArgumentOperation {
            endpoint: &#const_name,
            schema: <#struct_name as ::commerce_kit::schema::Wire>::SCHEMA,
            params: &[#(#rows),*],
            fixed: &[#(#fixed),*],
        };
    };
    Some((name, item))
}

// What the JavaScript package shows of each operation, for every operation of a table
// (manual ones too): `ResponseTypes` (what `decodeResponse` returns per operation id, so
// a misspelled id does not compile) and the `SURFACE` slice that `docs/endpoints.md` and
// the generated declarations' tests read.

/// What `decodeResponse` resolves with: the response type, `Checked<...>` when it holds
/// records.
fn decoded_ts_type(op: &Op) -> syn::Result<String> {
    let ts = ts_type(&op.response)?;
    Ok(if is_checked(op) { format!("Checked<{ts}>") } else { ts })
}

/// The JS method of an operation: `js:` or the camelCase id; none for a credential
/// exchange, which only the proxy makes. A manual operation's hand-written binding
/// uses the same name (the golden declarations test checks each one exists).
fn js_method(op: &Op, table_auth: &Ident) -> Option<String> {
    let auth = op.auth.as_ref().unwrap_or(table_auth);
    (auth != "CredentialExchange").then(|| op.js.as_ref().map_or_else(|| camel(&op.id.to_string()), ToString::to_string))
}

fn surface_entry(op: &Op, table_auth: &Ident, const_name: &Ident, ts_decoded: &str) -> TokenStream {
    let js = match js_method(op, table_auth) {
        Some(name) => quote! { ::std::option::Option::Some(::std::borrow::Cow::Borrowed(#name)) },
        None => quote! { ::std::option::Option::None },
    };
    quote! {
        ::commerce_kit::catalogue::Surface { endpoint: &#const_name, js_method: #js, response_type: ::std::borrow::Cow::Borrowed(#ts_decoded) }
    }
}

/// One member of the `ResponseTypes` interface, with its doc comment.
fn response_type_member(full_id: &str, verb_path: &str, summary: &str, ts_decoded: &str) -> String {
    format!("    /** {verb_path}: {summary}. */\n    \"{full_id}\": {ts_decoded};\n")
}

fn surface_items(vendor: &str, surfaces: &[TokenStream], response_types: &[String]) -> TokenStream {
    // Interfaces of the same name merge across the sections of one declaration file:
    // each table adds its operations, and `OperationId = keyof ResponseTypes`.
    let section = format!(
        "\n/** What `decodeResponse(id, body)` returns for each operation id (the {vendor} ones here). */\nexport interface ResponseTypes {{\n{}}}\n",
        response_types.concat()
    );
    let doc = format!(" What the JavaScript package shows of each {vendor} operation: its method and what it resolves with.");
    quote! {
        #[doc = #doc]
        pub static SURFACE: &[::commerce_kit::catalogue::Surface] = &[#(#surfaces),*];

        #[cfg(target_arch = "wasm32")]
        #[::wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
        const _: &str = #section;
    }
}
