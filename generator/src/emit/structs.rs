//! A struct: its fields, and kept unknown keys. Its `Serialize` is in `writers`, its
//! `Deserialize` in `readers`.

use super::{doc_attrs, ident, type_docs, Ctx};
use crate::model::{Extra, Field, Presence, Struct, TypeDef};
use proc_macro2::TokenStream;
use quote::quote;

impl Ctx<'_> {
    pub(super) fn strukt(&self, t: &TypeDef, s: &Struct) -> TokenStream {
        let name = ident(&t.name);
        let docs = doc_attrs(&struct_docs(t, s));
        let fields = s.fields.iter().map(|f| self.field(f));
        let extra = s.extra.as_ref().map(|e| self.extra(e));
        // Derived impls read deprecated fields; users still get the warning.
        let allow = s
            .fields
            .iter()
            .any(|f| f.deprecated.is_some())
            .then(|| quote!(#[allow(deprecated)]));
        let default = s.derive_default.then(|| quote!(Default,));
        let writer = self.writer(t, s, allow.as_ref());
        let reader = self.reader(t, s, allow.as_ref());
        quote! {
            #docs
            #allow
            #[derive(Debug, Clone, PartialEq, #default)]
            pub struct #name {
                #(#fields)*
                #extra
            }
            #writer
            #reader
        }
    }

    /// A field with its docs (the wire name and the rest are the reader's and the
    /// writer's).
    fn field(&self, f: &Field) -> TokenStream {
        let name = ident(&f.rust_name);
        let docs = if f.docs.trim().is_empty() {
            let key = crate::docs::code_span(&f.wire_name);
            doc_attrs(&format!("JSON key {key} (the docs give no description)."))
        } else {
            doc_attrs(&f.docs)
        };
        let deprecated = match &f.deprecated {
            Some(note) if !note.is_empty() => quote!(#[deprecated(note = #note)]),
            Some(_) => quote!(#[deprecated]),
            None => quote!(),
        };
        let ty = self.ty(&f.ty);
        let ty = match f.presence {
            Presence::Required => ty,
            Presence::Optional | Presence::Nullable => quote!(::std::option::Option<#ty>),
            Presence::OptionalNullable => {
                quote!(::std::option::Option<::std::option::Option<#ty>>)
            }
        };
        quote! {
            #docs
            #deprecated
            pub #name: #ty,
        }
    }

    /// The field that keeps undeclared keys: in a map, or as text in the runtime's
    /// `UnknownKeys`.
    fn extra(&self, e: &Extra) -> TokenStream {
        let name = ident(&e.rust_name);
        let ty = if e.text {
            self.runtime_type("UnknownKeys")
        } else {
            let v = self.ty(&e.value);
            quote!(::std::collections::BTreeMap<::std::string::String, #v>)
        };
        quote! {
            /// Keys not declared above, kept as they came.
            pub #name: #ty,
        }
    }
}

/// The type's docs, plus a note naming the SDK-only fields left out.
fn struct_docs(t: &TypeDef, s: &Struct) -> String {
    let mut doc = type_docs(t).into_owned();
    if !s.sdk_only.is_empty() {
        let list: Vec<_> = s
            .sdk_only
            .iter()
            .map(|n| crate::docs::code_span(n))
            .collect();
        if !doc.is_empty() {
            doc.push_str("\n\n");
        }
        doc.push_str(&format!(
            "SDK-only fields, not part of the JSON payload, are left out: {}.",
            list.join(", ")
        ));
    }
    doc
}
