//! An enum of listed values: a variant per value plus a catch-all that keeps any
//! other value as sent, so a new server value never breaks reading. String enums
//! read through the runtime's `Key` (borrowed from the input when it can be: a listed
//! value then costs no allocation); integer enums stay numbers on the wire.
//!
//! Besides serde, each enum gets what Rust users expect of a value type: `VARIANTS`
//! (the listed values), `Display` (the wire value) and `FromStr`, which is infallible
//! because the catch-all takes any string (for integer enums, any integer: their
//! `FromStr` fails only on text that is no `i64`, with `ParseIntError`). String enums
//! convert `From<&str>` and `From<String>`, integer enums `From<i64>`. The listed
//! values are matched in one place (a private `known`, or the `From<i64>`), which
//! every conversion and the reader share: large trees have thousands of enums, and
//! each duplicated match would be compiled again. The conversions are `#[inline]`,
//! which compiles them only where they are used (like the generic serde impls): a
//! crate that never calls them pays only for checking them (vercel-ts-2026-08, 3,219
//! enums: about 14% more build time than without them, 24% without `#[inline]`).

use super::{doc_attrs, ident, type_docs, Ctx};
use crate::model::{Enum, EnumRepr, TypeDef};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

impl Ctx<'_> {
    pub(super) fn enumeration(&self, t: &TypeDef, e: &Enum) -> TokenStream {
        let name = ident(&t.name);
        let docs = doc_attrs(&type_docs(t));
        let catch = ident(&e.catch_all);
        let variants: Vec<Ident> = e.variants.iter().map(|v| ident(&v.rust_name)).collect();
        let vdocs = e
            .variants
            .iter()
            .map(|v| doc_attrs(&format!("Wire value {}.", crate::docs::code_span(&v.value))));
        let list = quote! {
            /// The values the docs list, in their order (any other value is kept in
            /// the catch-all variant).
            pub const VARIANTS: &'static [Self] = &[#(Self::#variants),*];
        };
        match e.repr {
            EnumRepr::Str => {
                let values = e.variants.iter().map(|v| v.value.as_str());
                let values2 = values.clone();
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
                        #list
                        /// The value as sent on the wire.
                        pub fn as_str(&self) -> &str {
                            match self {
                                #(Self::#variants => #values,)*
                                Self::#catch(v) => v,
                            }
                        }
                        #[inline]
                        fn known(s: &str) -> ::std::option::Option<Self> {
                            match s {
                                #(#values2 => ::std::option::Option::Some(Self::#variants),)*
                                _ => ::std::option::Option::None,
                            }
                        }
                    }
                    impl ::std::convert::From<&str> for #name {
                        #[inline]
                        fn from(s: &str) -> Self {
                            Self::known(s).unwrap_or_else(|| Self::#catch(s.to_owned()))
                        }
                    }
                    impl ::std::convert::From<::std::string::String> for #name {
                        #[inline]
                        fn from(s: ::std::string::String) -> Self {
                            Self::known(&s).unwrap_or(Self::#catch(s))
                        }
                    }
                    impl ::std::str::FromStr for #name {
                        type Err = ::std::convert::Infallible;
                        #[inline]
                        fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                            ::std::result::Result::Ok(Self::from(s))
                        }
                    }
                    impl ::std::fmt::Display for #name {
                        #[inline]
                        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                            f.pad(self.as_str())
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
                            ::std::result::Result::Ok(
                                Self::known(v.#as_str()).unwrap_or_else(|| Self::#catch(v.#into_string())),
                            )
                        }
                    }
                }
            }
            EnumRepr::Int => {
                // Read as integer fields are: `2.0` is `2` (and `"2"` under
                // `--lenient-scalars`).
                let h = self.helpers_mod();
                let scalar = self.runtime("Scalar");
                let mode = self.runtime(if self.model.lenient_scalars {
                    "Lax"
                } else {
                    "Strict"
                });
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
                        #list
                        /// The value as sent on the wire.
                        pub fn value(&self) -> i64 {
                            match self {
                                #(Self::#variants => #values,)*
                                Self::#catch(v) => *v,
                            }
                        }
                    }
                    impl ::std::convert::From<i64> for #name {
                        #[inline]
                        fn from(v: i64) -> Self {
                            match v {
                                #(#values => Self::#variants,)*
                                v => Self::#catch(v),
                            }
                        }
                    }
                    impl ::std::str::FromStr for #name {
                        type Err = ::std::num::ParseIntError;
                        #[inline]
                        fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                            s.parse::<i64>().map(Self::from)
                        }
                    }
                    impl ::std::fmt::Display for #name {
                        #[inline]
                        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                            ::std::fmt::Display::fmt(&self.value(), f)
                        }
                    }
                    impl ::serde::Serialize for #name {
                        fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                            s.serialize_i64(self.value())
                        }
                    }
                    impl<'de> ::serde::Deserialize<'de> for #name {
                        fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                            <i64 as #h::#scalar<'de, #h::#mode>>::read(d, "").map(Self::from)
                        }
                    }
                }
            }
        }
    }
}
