//! A struct's `Serialize`, written out rather than derived, as its `Deserialize` is
//! (`readers`): one call per field into the runtime's `Out`, which writes the JSON
//! object and keeps the first error. serde's derive spends a branch and a `?` per
//! field, a length sum over the optional ones, and a wrapper type with its own impl per
//! `serialize_with` field; on a crate of thousands of structs that was about a third
//! of its compile time. The JSON written is the same: keys in declaration order,
//! optional fields left out when `None`, floats through the runtime's `Floats`, kept
//! keys last.

use super::readers::must_be_present;
use super::{holds_float, ident, Ctx};
use crate::model::{Struct, TypeDef};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

impl Ctx<'_> {
    /// `Serialize` through the runtime's `Out`.
    pub(super) fn writer(
        &self,
        t: &TypeDef,
        s: &Struct,
        allow: Option<&TokenStream>,
    ) -> TokenStream {
        let name = ident(&t.name);
        let h = self.helpers_mod();
        let out = self.runtime("Out");
        let new = self.runtime("new");
        let close = self.runtime("close");
        let fields = s.fields.iter().map(|f| {
            let slot = ident(&f.rust_name);
            let key = &f.wire_name;
            let skip = !must_be_present(f);
            let float = holds_float(&f.ty);
            let method = self.runtime(match (skip, float) {
                (false, false) => "entry",
                (true, false) => "opt_entry",
                (false, true) => "float_entry",
                (true, true) => "opt_float_entry",
            });
            quote!(__o.#method(#key, &self.#slot);)
        });
        let extra = s.extra.as_ref().map(|e| {
            let slot = ident(&e.rust_name);
            let method = self.runtime(if e.text {
                "kept_text_entries"
            } else if holds_float(&e.value) {
                "kept_float_entries"
            } else {
                "kept_entries"
            });
            quote!(__o.#method(&self.#slot);)
        });
        // The entry count, where every field is always written.
        let len = if s.extra.is_none() && s.fields.iter().all(must_be_present) {
            let n = Literal::usize_unsuffixed(s.fields.len());
            quote!(::std::option::Option::Some(#n))
        } else {
            quote!(::std::option::Option::None)
        };
        let mutable = (!s.fields.is_empty() || s.extra.is_some()).then(|| quote!(mut));
        quote! {
            #allow
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                    let #mutable __o = #h::#out::#new(s, #len);
                    #(#fields)*
                    #extra
                    __o.#close()
                }
            }
        }
    }
}
