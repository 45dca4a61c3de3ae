//! An enum of listed values: a variant per value plus a catch-all that keeps any
//! other value as sent, so a new server value never breaks reading. String enums
//! read through the runtime's `Key` (borrowed from the input when it can be: a listed
//! value then costs no allocation); integer enums stay numbers on the wire.

use super::{doc_attrs, ident, Ctx};
use crate::model::{Enum, EnumRepr, TypeDef};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

impl Ctx<'_> {
    pub(super) fn enumeration(&self, t: &TypeDef, e: &Enum) -> TokenStream {
        let name = ident(&t.name);
        let docs = doc_attrs(&t.docs);
        let catch = ident(&e.catch_all);
        let variants: Vec<Ident> = e.variants.iter().map(|v| ident(&v.rust_name)).collect();
        let vdocs = e
            .variants
            .iter()
            .map(|v| doc_attrs(&format!("Wire value {}.", crate::docs::code_span(&v.value))));
        match e.repr {
            EnumRepr::Str => {
                let values = || e.variants.iter().map(|v| v.value.as_str());
                let (values, values2) = (values(), values());
                let key = self.runtime_path("Key");
                let as_str = self.runtime("as_str");
                let into_string = self.runtime("into_string");
                quote! {
                    #docs
                    #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
                    pub enum #name {
                        #(#vdocs #variants,)*
                        /// A value this version of the docs does not list, kept as sent.
                        #catch(::std::string::String),
                    }
                    impl #name {
                        /// The value as sent on the wire.
                        pub fn as_str(&self) -> &str {
                            match self {
                                #(Self::#variants => #values,)*
                                Self::#catch(v) => v,
                            }
                        }
                    }
                    impl ::serde::Serialize for #name {
                        fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                            s.serialize_str(self.as_str())
                        }
                    }
                    impl<'de> ::serde::Deserialize<'de> for #name {
                        fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                            let v = <#key as ::serde::Deserialize>::deserialize(d)?;
                            ::std::result::Result::Ok(match v.#as_str() {
                                #(#values2 => Self::#variants,)*
                                _ => Self::#catch(v.#into_string()),
                            })
                        }
                    }
                }
            }
            EnumRepr::Int => {
                // Values were validated as i64 by the model; the literal keeps its sign.
                let values: Vec<TokenStream> = e
                    .variants
                    .iter()
                    .map(|v| {
                        let n: i64 = v.value.parse().unwrap_or_default();
                        let lit = Literal::u64_unsuffixed(n.unsigned_abs());
                        if n < 0 {
                            quote!(-#lit)
                        } else {
                            quote!(#lit)
                        }
                    })
                    .collect();
                quote! {
                    #docs
                    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
                    pub enum #name {
                        #(#vdocs #variants,)*
                        /// A value this version of the docs does not list, kept as sent.
                        #catch(i64),
                    }
                    impl #name {
                        /// The value as sent on the wire.
                        pub fn value(&self) -> i64 {
                            match self {
                                #(Self::#variants => #values,)*
                                Self::#catch(v) => *v,
                            }
                        }
                    }
                    impl ::serde::Serialize for #name {
                        fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                            s.serialize_i64(self.value())
                        }
                    }
                    impl<'de> ::serde::Deserialize<'de> for #name {
                        fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                            ::std::result::Result::Ok(match <i64 as ::serde::Deserialize>::deserialize(d)? {
                                #(#values => Self::#variants,)*
                                v => Self::#catch(v),
                            })
                        }
                    }
                }
            }
        }
    }
}
