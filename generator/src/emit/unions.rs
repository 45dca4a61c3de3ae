//! A union: an enum with a variant per member, written untagged (each member writes
//! itself), read by the runtime's `union`: the payload is buffered as a
//! `serde_json::Value`, the members are ranked by how well it fits each (deciding
//! fields first: constants, one-value enums, the field `## Union Discrimination`
//! names; then declared keys), and read in that order. Each member's shape is static
//! data here; the logic is the runtime's, so a union adds a table, not code.
//!
//! A member holding integers is read through the runtime's `int_member`, so `25.0` is an
//! integer member as it is an integer field. Under `--lenient-scalars` numbers and
//! booleans sent as strings are taken only where no member takes a string (which
//! gets it), and a boolean member takes `"1"`/`"0"` only where no member is a number
//! (`"true"` and `"false"` it takes anyway).

use super::{doc_attrs, holds_float, ident, Ctx, Scalars};
use crate::model::shape;
use crate::model::{EnumRepr, Kind, Ty, TypeDef, Union};
use proc_macro2::TokenStream;
use quote::quote;

impl Ctx<'_> {
    pub(super) fn union(&self, t: &TypeDef, u: &Union) -> TokenStream {
        let name = ident(&t.name);
        let label = t.name.trim_start_matches("r#");
        let docs = doc_attrs(&t.docs);
        let lax =
            self.model.lenient_scalars && !u.members.iter().any(|m| self.takes_string(&m.ty, 0));
        let number = u
            .members
            .iter()
            .any(|m| matches!(leaf(&m.ty), Ty::I64 | Ty::I32 | Ty::F64 | Ty::F32));
        let h = self.helpers_mod();
        let read = self.runtime("union");
        let member = self.runtime("Member");
        let variants: Vec<_> = u.members.iter().map(|m| ident(&m.rust_name)).collect();
        let members = u.members.iter().zip(&variants).map(|(m, n)| {
            let ty = self.ty(&m.ty);
            let doc = doc_attrs(&self.member_doc(&m.ty));
            quote!(#doc #n(#ty),)
        });
        // Untagged: each member writes itself, floats through the runtime's writers.
        let writes = u.members.iter().zip(&variants).map(|(m, n)| {
            let write = if holds_float(&m.ty) {
                let f = self.runtime("floats");
                quote!(#h::#f(v, s))
            } else {
                quote!(::serde::Serialize::serialize(v, s))
            };
            quote!(Self::#n(v) => #write,)
        });
        // Member types the union has once: `From` converts them, and the table reads
        // them through a runtime function rather than a closure.
        let once: Vec<bool> = u
            .members
            .iter()
            .map(|m| u.members.iter().filter(|o| o.ty == m.ty).count() == 1)
            .collect();
        let table = u
            .members
            .iter()
            .zip(&variants)
            .zip(&once)
            .map(|((m, n), &once)| {
                let label = m.rust_name.trim_start_matches("r#");
                let scalars = Scalars::of(&m.ty, lax);
                let shape = self.member_shape(&m.ty, u.discriminator.as_deref(), scalars);
                // Numbers and booleans go through the runtime's lenient readers, as fields
                // do: the reader for a closure, and its twin that converts with `From`.
                let reader = match scalars {
                    // `"1"` and `"0"` are left to the number member.
                    Some(Scalars::Lax) if number && m.ty == Ty::Bool => {
                        Some(("lax_bool_member", "read_lax_bool_as"))
                    }
                    Some(Scalars::Lax) if number && *leaf(&m.ty) == Ty::Bool => None,
                    Some(Scalars::Lax) => Some(("lax_member", "read_lax_as")),
                    Some(Scalars::Strict) => Some(("int_member", "read_int_as")),
                    None => None,
                };
                let read = match (reader, once) {
                    (Some((f, _)), false) => {
                        let f = self.runtime(f);
                        quote!(|v| #h::#f(v).map(Self::#n))
                    }
                    (None, false) => quote!(|v| ::serde::Deserialize::deserialize(v).map(Self::#n)),
                    // `read_lax_bool_as` reads a `bool`: only the union is named.
                    (Some((_, f @ "read_lax_bool_as")), true) => {
                        let f = self.runtime(f);
                        quote!(#h::#f::<Self>)
                    }
                    (reader, true) => {
                        let f = self.runtime(reader.map_or("read_as", |(_, f)| f));
                        let ty = self.ty(&m.ty);
                        quote!(#h::#f::<#ty, Self>)
                    }
                };
                quote! {
                    #h::#member {
                        name: #label,
                        shape: #shape,
                        read: #read,
                    },
                }
            });
        let labels = u
            .members
            .iter()
            .map(|m| m.rust_name.trim_start_matches("r#"));
        // `From` for each member type that only one member has.
        let froms = u
            .members
            .iter()
            .zip(&variants)
            .zip(&once)
            .filter(|(_, &once)| once)
            .map(|((m, n), _)| {
                let ty = self.ty(&m.ty);
                quote! {
                    impl ::std::convert::From<#ty> for #name {
                        fn from(v: #ty) -> Self {
                            Self::#n(v)
                        }
                    }
                }
            });
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq)]
            pub enum #name {
                #(#members)*
            }
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                    match self {
                        #(#writes)*
                    }
                }
            }
            impl #name {
                /// The name of the member this value holds, as its variant is named.
                pub fn member(&self) -> &'static str {
                    match self {
                        #(Self::#variants(_) => #labels,)*
                    }
                }
            }
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                    #h::#read(d, #label, &[#(#table)*])
                }
            }
            #(#froms)*
        }
    }

    /// A variant's doc line: the member doc's title, or the type as Rust writes it.
    fn member_doc(&self, ty: &Ty) -> String {
        let inner = match ty {
            Ty::Boxed(t) => t,
            t => t,
        };
        match inner {
            Ty::Named(id) => {
                let t = &self.model.types[*id];
                match &t.kind {
                    Kind::Const(c) if c.values.len() == 1 => format!(
                        "The constant {}.",
                        crate::docs::code_span(&c.values[0].value.to_json().to_string())
                    ),
                    _ if t.cell_of.is_some() => format!("A {}.", crate::docs::code_span(&t.name)),
                    _ => crate::docs::code_span(&t.title),
                }
            }
            ty => format!(
                "A {}.",
                crate::docs::code_span(&self.ty(ty).to_string().replace(' ', ""))
            ),
        }
    }

    /// A struct member's shape is its `Shaped` impl's, emitted once beside it, unless
    /// the union names a discriminator (which changes what its fields decide).
    fn member_shape(
        &self,
        ty: &Ty,
        discriminator: Option<&str>,
        scalars: Option<Scalars>,
    ) -> TokenStream {
        let mut inner = ty;
        while let Ty::Boxed(t) = inner {
            inner = t;
        }
        if let (Ty::Named(id), None) = (inner, discriminator) {
            if matches!(&self.model.types[*id].kind, Kind::Struct(s) if s.union_member) {
                let h = self.helpers_mod();
                let shaped = self.runtime("Shaped");
                let path = self.ty(inner);
                return quote!(<#path as #h::#shaped>::SHAPE);
            }
        }
        let shape = self.shape(ty, discriminator, scalars == Some(Scalars::Lax));
        quote!(&#shape)
    }

    /// The `Shaped` impl of a struct that is a union member.
    pub(super) fn shaped(&self, t: &TypeDef, id: crate::model::TypeId) -> TokenStream {
        let name = ident(&t.name);
        let h = self.helpers_mod();
        let shaped = self.runtime("Shaped");
        let shape_ty = self.runtime("Shape");
        let shape = self.shape(&Ty::Named(id), None, false);
        quote! {
            impl #h::#shaped for #name {
                const SHAPE: &'static #h::#shape_ty = &#shape;
            }
        }
    }

    /// What a member of type `ty` reads, as a runtime `Shape` (see `union` in
    /// `runtime/unions.rs`).
    /// `strings`: numbers and booleans sent as strings are read too
    /// (`--lenient-scalars`), so the member also takes a string.
    fn shape(&self, ty: &Ty, discriminator: Option<&str>, strings: bool) -> TokenStream {
        let mut s = shape::shape(self.model, ty, discriminator);
        if strings && matches!(ty, Ty::I64 | Ty::I32 | Ty::F64 | Ty::F32 | Ty::Bool) {
            s.kinds |= shape::STRING;
        }
        let h = self.helpers_mod();
        let shape = self.runtime("Shape");
        let kinds: Vec<TokenStream> = if s.kinds == shape::ANY {
            let any = self.runtime("ANY");
            vec![quote!(#h::#any)]
        } else {
            shape::KIND_NAMES
                .iter()
                .filter(|(bit, _)| s.kinds & bit != 0)
                .map(|(_, name)| {
                    let k = self.runtime(name);
                    quote!(#h::#k)
                })
                .collect()
        };
        let fields = s.fields.iter().map(|f| {
            let key = self.runtime("UnionKey");
            let names = &f.names;
            let required = f.required;
            let fixed = f.fixed.iter().map(|v| self.fixed(v));
            quote!(#h::#key { names: &[#(#names),*], required: #required, fixed: &[#(#fixed),*] })
        });
        let open = s.open;
        let values = s.values.iter().map(|v| self.fixed(v));
        quote! {
            #h::#shape {
                kinds: #(#kinds)|*,
                fields: &[#(#fields),*],
                open: #open,
                values: &[#(#values),*],
            }
        }
    }

    /// Whether a member of this type reads a JSON string. Unions nest a few levels
    /// at most; past that, assume so.
    fn takes_string(&self, ty: &Ty, depth: usize) -> bool {
        match ty {
            Ty::String | Ty::Json | Ty::Date | Ty::DateTime => true,
            Ty::I64 | Ty::I32 | Ty::F64 | Ty::F32 | Ty::Bool | Ty::List(_) | Ty::Map(_) => false,
            Ty::Nullable(t) | Ty::Boxed(t) => self.takes_string(t, depth),
            Ty::Named(id) => match self.model.types.get(id.index()).map(|t| &t.kind) {
                Some(Kind::Struct(_)) => false,
                Some(Kind::Enum(e)) => e.repr == EnumRepr::Str,
                Some(Kind::Union(u)) if depth < 8 => u
                    .members
                    .iter()
                    .any(|m| self.takes_string(&m.ty, depth + 1)),
                _ => true,
            },
        }
    }
}

/// The element type inside lists, maps and nullable elements.
fn leaf(ty: &Ty) -> &Ty {
    match ty {
        Ty::List(t) | Ty::Map(t) | Ty::Nullable(t) => leaf(t),
        t => t,
    }
}
