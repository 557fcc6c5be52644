//! `#[derive(Wire)]`: the JSON shape of a struct, read from its serde attributes.
//!
//! Supported serde attributes: container `rename_all` (camelCase, snake_case,
//! PascalCase, lowercase, UPPERCASE, SCREAMING_SNAKE_CASE, kebab-case), field `rename`
//! and `default`. Field attributes of our own: `#[wire(loose)]` (the vendor may spell
//! the scalar as a string), `#[wire(lazy)]` (break a cycle in a recursive type),
//! `#[wire(records)]` (a list of independent records: a bad one is left out of a decoded
//! response and reported, not fatal) and
//! `#[wire(schema = PATH)]` (a `&'static Schema` constant, for a field whose serde
//! decoder accepts more than its type's own shape, such as Elasticsearch's `hits.total`).
//! Anything serde would do that the validator cannot mirror (`flatten`, tagged enums)
//! is a compile error rather than a silent disagreement.

mod operations;

use proc_macro::TokenStream;
use quote::quote;
use syn::{parse_macro_input, Data, DeriveInput, Fields, LitStr, Type};

/// One table per vendor: every uniform part of its operations (see `operations.rs`).
#[proc_macro]
pub fn operations(input: TokenStream) -> TokenStream {
    let table = parse_macro_input!(input as operations::Table);
    match operations::expand(table) {
        Ok(tokens) => tokens.into(),
        Err(err) => err.to_compile_error().into(),
    }
}

// `serde` too: the parameter structs of `operations!` derive no serde trait, and their
// `#[serde(...)]` attributes must still be accepted (and read, here and by tsify).
#[proc_macro_derive(Wire, attributes(wire, serde))]
pub fn derive_wire(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(&input) {
        Ok(tokens) => tokens.into(),
        Err(err) => err.to_compile_error().into(),
    }
}

fn expand(input: &DeriveInput) -> syn::Result<proc_macro2::TokenStream> {
    let ident = &input.ident;
    let name = ident.to_string();
    let mut rename_all: Option<String> = None;
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                rename_all = Some(meta.value()?.parse::<LitStr>()?.value());
            } else if meta.path.is_ident("tag") || meta.path.is_ident("untagged") {
                return Err(meta.error("derive(Wire) does not mirror tagged enums"));
            } else if meta.input.peek(syn::Token![=]) {
                meta.value()?.parse::<proc_macro2::TokenStream>()?;
            }
            Ok(())
        })?;
    }

    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new_spanned(ident, "derive(Wire) supports structs; implement Wire by hand for enums"));
    };
    let Fields::Named(named) = &data.fields else {
        return Err(syn::Error::new_spanned(ident, "derive(Wire) needs named fields"));
    };

    let mut fields = Vec::new();
    for field in &named.named {
        let rust_name = field.ident.as_ref().expect("named").to_string();
        let rust_name = rust_name.trim_start_matches("r#").to_string();
        let mut wire = None;
        let mut has_default = false;
        let mut skip = false;
        for attr in field.attrs.iter().filter(|a| a.path().is_ident("serde")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    wire = Some(meta.value()?.parse::<LitStr>()?.value());
                } else if meta.path.is_ident("default") {
                    has_default = true;
                    if meta.input.peek(syn::Token![=]) {
                        meta.value()?.parse::<LitStr>()?;
                    }
                } else if meta.path.is_ident("skip") || meta.path.is_ident("skip_deserializing") {
                    skip = true;
                } else if meta.path.is_ident("flatten") {
                    return Err(meta.error("derive(Wire) does not mirror `flatten`"));
                } else if meta.input.peek(syn::Token![=]) {
                    meta.value()?.parse::<proc_macro2::TokenStream>()?;
                }
                Ok(())
            })?;
        }
        if skip {
            continue;
        }
        let mut loose = false;
        let mut lazy = false;
        let mut records = false;
        let mut given: Option<syn::Path> = None;
        for attr in field.attrs.iter().filter(|a| a.path().is_ident("wire")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("loose") {
                    loose = true;
                } else if meta.path.is_ident("lazy") {
                    lazy = true;
                } else if meta.path.is_ident("records") {
                    records = true;
                } else if meta.path.is_ident("schema") {
                    given = Some(meta.value()?.parse::<syn::Path>()?);
                } else {
                    return Err(meta.error("expected `loose`, `lazy`, `records` or `schema = PATH`"));
                }
                Ok(())
            })?;
        }
        let wire = match wire {
            Some(w) => w,
            None => apply_rename_all(&rust_name, rename_all.as_deref()).map_err(|msg| syn::Error::new_spanned(field, msg))?,
        };
        let ty = &field.ty;
        let required = !has_default && !is_option(ty);
        let schema = if let Some(path) = given {
            quote! { #path }
        } else if loose {
            quote! { <#ty as ::commerce_kit::schema::LooseWire>::LOOSE }
        } else if records {
            quote! { <#ty as ::commerce_kit::schema::RecordsWire>::RECORDS }
        } else if lazy {
            quote! { &::commerce_kit::schema::Schema::Lazy(|| <#ty as ::commerce_kit::schema::Wire>::SCHEMA) }
        } else {
            quote! { <#ty as ::commerce_kit::schema::Wire>::SCHEMA }
        };
        fields.push(quote! {
            ::commerce_kit::schema::Field { wire: #wire, schema: #schema, required: #required }
        });
    }

    let from_argument = expand_argument(input, rename_all.as_deref())?;
    Ok(quote! {
        #from_argument
        impl ::commerce_kit::schema::Wire for #ident {
            const SCHEMA: &'static ::commerce_kit::schema::Schema =
                &::commerce_kit::schema::Schema::Object(&::commerce_kit::schema::ObjectSchema {
                    name: #name,
                    fields: &[#(#fields),*],
                });
        }
    })
}

/// With `#[wire(argument)]` on the struct: `impl FromArgument`, reading a request body
/// from the JSON tree of a JS argument field by field, by the names serde would use, so
/// that the package does not instantiate a serde visitor per body type (see
/// `commerce_kit::request::FromArgument`). The body has passed the validator for the
/// `Wire` schema first. A field serde reads by a `crate::loose` reader
/// (`deserialize_with`) is read by its twin over the tree (`commerce_kit::request::loose`);
/// any other function of its own cannot be mirrored: a compile error.
fn expand_argument(input: &DeriveInput, rename_all: Option<&str>) -> syn::Result<Option<proc_macro2::TokenStream>> {
    let mut wanted = false;
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("wire")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("argument") {
                wanted = true;
            } else if meta.input.peek(syn::Token![=]) {
                // Another container key of `wire`: not this function's to check.
                // One value (`"..."`), not the rest of the list.
                    meta.value()?.parse::<syn::Expr>()?;
            }
            Ok(())
        })?;
    }
    if !wanted {
        return Ok(None);
    }
    let ident = &input.ident;
    let Data::Struct(data) = &input.data else { unreachable!("checked by expand") };
    let Fields::Named(named) = &data.fields else { unreachable!("checked by expand") };
    let mut reads = Vec::new();
    for field in &named.named {
        let rust = field.ident.as_ref().expect("named");
        let rust_name = rust.to_string().trim_start_matches("r#").to_string();
        let mut wire = None;
        let mut default: Option<proc_macro2::TokenStream> = None;
        let mut skip = false;
        let mut with: Option<syn::Path> = None;
        for attr in field.attrs.iter().filter(|a| a.path().is_ident("serde")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    wire = Some(meta.value()?.parse::<LitStr>()?.value());
                } else if meta.path.is_ident("default") {
                    default = Some(if meta.input.peek(syn::Token![=]) {
                        let path: syn::Path = meta.value()?.parse::<LitStr>()?.parse()?;
                        quote! { #path }
                    } else {
                        quote! { ::std::default::Default::default }
                    });
                } else if meta.path.is_ident("skip") || meta.path.is_ident("skip_deserializing") {
                    skip = true;
                } else if meta.path.is_ident("deserialize_with") {
                    // `crate::loose::<reader>`: its twin over the JSON tree in
                    // `commerce_kit::request::loose` (same values, same messages), not the
                    // serde function, whose errors would link serde's float message.
                    let path: syn::Path = meta.value()?.parse::<LitStr>()?.parse()?;
                    let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
                    let reader = match names.iter().map(String::as_str).collect::<Vec<_>>()[..] {
                        ["crate", "loose", reader] if LOOSE_READERS.contains(&reader) => syn::Ident::new(reader, proc_macro2::Span::call_site()),
                        _ => return Err(meta.error("#[wire(argument)] reads `deserialize_with` fields only by a crate::loose reader")),
                    };
                    with = Some(syn::parse_quote!(::commerce_kit::request::loose::#reader));
                } else if meta.path.is_ident("with") {
                    return Err(meta.error("#[wire(argument)] does not mirror `with`"));
                } else if meta.input.peek(syn::Token![=]) {
                    // One value (`"..."`), not the rest of the list.
                    meta.value()?.parse::<syn::Expr>()?;
                }
                Ok(())
            })?;
        }
        let read = if skip {
            quote! { ::std::default::Default::default() }
        } else {
            let wire = match wire {
                Some(w) => w,
                None => apply_rename_all(&rust_name, rename_all).map_err(|msg| syn::Error::new_spanned(field, msg))?,
            };
            match (with, default) {
                (Some(with), Some(default)) => quote! { object.take_with(#wire, #with, ::std::option::Option::Some(#default))? },
                (Some(with), None) => quote! { object.take_with(#wire, #with, ::std::option::Option::None::<fn() -> _>)? },
                (None, Some(default)) => quote! { object.take_or(#wire, #default)? },
                (None, None) => quote! { object.take(#wire)? },
            }
        };
        reads.push(quote! { #rust: #read });
    }
    Ok(Some(from_argument_impl(ident, reads)))
}

/// `impl FromArgument for #ty`, each field set by one `reads` expression (`name: object.take(...)?`)
/// over the argument's object: the one shape of both the `Wire` bodies and the generated
/// parameter structs (`operations!`).
fn from_argument_impl(ty: &syn::Ident, reads: impl IntoIterator<Item = proc_macro2::TokenStream>) -> proc_macro2::TokenStream {
    let reads = reads.into_iter();
    quote! {
        impl ::commerce_kit::request::FromArgument for #ty {
            fn from_argument(
                value: ::serde_json::Value,
                field: &str,
            ) -> ::std::result::Result<Self, ::commerce_kit::request::FieldError> {
                let mut object = ::commerce_kit::request::ArgumentObject::new(value, field)?;
                ::std::result::Result::Ok(Self { #(#reads,)* })
            }
        }
    }
}

/// The readers of `crate::loose` that `commerce_kit::request::loose` mirrors.
const LOOSE_READERS: [&str; 7] = ["integer", "number", "boolean", "option_integer", "option_number", "option_boolean", "text"];

fn is_option(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.qself.is_none()
        && p.path.segments.last().is_some_and(|s| s.ident == "Option"))
}

fn apply_rename_all(field: &str, rule: Option<&str>) -> Result<String, String> {
    let words: Vec<&str> = field.split('_').filter(|w| !w.is_empty()).collect();
    let capitalise = |w: &str| {
        let mut c = w.chars();
        c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
    };
    Ok(match rule {
        None | Some("snake_case") => field.to_string(),
        Some("camelCase") => words.iter().enumerate().map(|(i, w)| if i == 0 { w.to_string() } else { capitalise(w) }).collect(),
        Some("PascalCase") => words.iter().map(|w| capitalise(w)).collect(),
        // serde's rules for fields: these two keep the underscores.
        Some("lowercase") => field.to_string(),
        Some("UPPERCASE") | Some("SCREAMING_SNAKE_CASE") => field.to_uppercase(),
        Some("kebab-case") => field.replace('_', "-"),
        Some(other) => return Err(format!("derive(Wire) does not know rename_all = \"{other}\"")),
    })
}
