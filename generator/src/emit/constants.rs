//! A constant from a Type cell: a unit struct for one value, a closed enum of unit
//! variants for several (`Literal["a", "b"]`). It writes its value, and reads that
//! value only: any other is an error naming the values expected. `Default` is the
//! (first) value, so a struct holding it can still be built with `..Default::default()`.
//! The reading and writing are the runtime's (`read_const`, `write_const`), so each
//! constant adds only its value table.

use super::{doc_attrs, ident, Ctx};
use crate::model::{ConstValue, Constant, TypeDef};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

impl Ctx<'_> {
    pub(super) fn constant(&self, t: &TypeDef, c: &Constant) -> TokenStream {
        let name = ident(&t.name);
        let shown: Vec<String> = c.values.iter().map(|v| shown(&v.value)).collect();
        let mut docs = t.docs.clone();
        if !docs.is_empty() {
            docs.push_str("\n\n");
        }
        docs.push_str(&match shown.as_slice() {
            [one] => format!("Always {}.", crate::docs::code_span(one)),
            many => {
                let list: Vec<_> = many.iter().map(|s| crate::docs::code_span(s)).collect();
                format!("One of {}.", list.join(", "))
            }
        });
        let docs = doc_attrs(&docs);
        let h = self.helpers_mod();
        let read = self.runtime("read_const");
        let write = self.runtime("write_const");
        let fixed: Vec<TokenStream> = c.values.iter().map(|v| self.fixed(&v.value)).collect();
        let derives = quote!(#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]);
        if let [one] = fixed.as_slice() {
            return quote! {
                #docs
                #derives
                pub struct #name;
                impl ::serde::Serialize for #name {
                    fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                        #h::#write(&#one, s)
                    }
                }
                impl<'de> ::serde::Deserialize<'de> for #name {
                    fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                        #h::#read(d, &[#one]).map(|_| Self)
                    }
                }
            };
        }
        let variants: Vec<_> = c.values.iter().map(|v| ident(&v.rust_name)).collect();
        let vdocs = shown
            .iter()
            .map(|s| doc_attrs(&format!("Wire value {}.", crate::docs::code_span(s))));
        let first = variants.first().map(|v| quote!(#[default] #v,));
        let rest = variants.iter().skip(1);
        // The last arm takes the rest: `read_const` returns an index into `VALUES`.
        let n = variants.len();
        let indices = (0..n.saturating_sub(1)).map(Literal::usize_unsuffixed);
        let (init, last) = variants.split_at(n.saturating_sub(1));
        let first_doc = vdocs.clone().next();
        let rest_docs = vdocs.skip(1);
        quote! {
            #docs
            #derives
            pub enum #name {
                #first_doc
                #first
                #(#rest_docs #rest,)*
            }
            impl #name {
                const VALUES: &'static [#h::Fixed] = &[#(#fixed),*];
            }
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                    #h::#write(&Self::VALUES[*self as usize], s)
                }
            }
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                    ::std::result::Result::Ok(match #h::#read(d, Self::VALUES)? {
                        #(#indices => Self::#init,)*
                        _ => Self::#(#last)*,
                    })
                }
            }
        }
    }

    /// A constant as the runtime's `Fixed`.
    pub(super) fn fixed(&self, v: &ConstValue) -> TokenStream {
        let h = self.helpers_mod();
        let fixed = self.runtime("Fixed");
        match v {
            ConstValue::Str(s) => quote!(#h::#fixed::Str(#s)),
            ConstValue::Bool(b) => quote!(#h::#fixed::Bool(#b)),
            ConstValue::Int(i) => {
                let i = Literal::i64_unsuffixed(*i);
                quote!(#h::#fixed::Int(#i))
            }
            ConstValue::Float(f) => {
                let f = Literal::f64_unsuffixed(*f);
                quote!(#h::#fixed::Float(#f))
            }
            ConstValue::Null => quote!(#h::#fixed::Null),
        }
    }
}

/// A value as JSON text, for docs.
fn shown(v: &ConstValue) -> String {
    v.to_json().to_string()
}
