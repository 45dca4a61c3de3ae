//! A union: an enum with a variant per member, written untagged (each member writes
//! itself), read by the runtime's `union`: the payload is buffered as a
//! `serde_json::Value`, the members are ranked by how well it fits each (deciding
//! fields first: constants, one-value enums, the field `## Union Discrimination`
//! names; then declared keys), and read in that order. Each member's shape is static
//! data here; the logic is the runtime's, so a union adds a table, not code.

use super::{doc_attrs, ident, Ctx, FloatWrite};
use crate::model::{ConstValue, Kind, Presence, Ty, TypeDef, Union};
use proc_macro2::TokenStream;
use quote::quote;

impl Ctx<'_> {
    pub(super) fn union(&self, t: &TypeDef, u: &Union) -> TokenStream {
        let name = ident(&t.name);
        let label = t.name.trim_start_matches("r#");
        let docs = doc_attrs(&t.docs);
        let h = self.helpers_mod();
        let read = self.runtime("union");
        let member = self.runtime("Member");
        let variants: Vec<_> = u.members.iter().map(|m| ident(&m.rust_name)).collect();
        let members = u.members.iter().zip(&variants).map(|(m, n)| {
            let ty = self.ty(&m.ty);
            let with = FloatWrite::of(&m.ty, Presence::Required).map(|fw| {
                let with = self.serialize_with(fw);
                quote!(#[serde(#with)])
            });
            let doc = doc_attrs(&self.member_doc(&m.ty));
            quote!(#doc #with #n(#ty),)
        });
        let table = u.members.iter().zip(&variants).map(|(m, n)| {
            let label = m.rust_name.trim_start_matches("r#");
            let shape = self.shape(&m.ty, u.discriminator.as_deref(), 0);
            quote! {
                #h::#member {
                    name: #label,
                    shape: &#shape,
                    read: |v| ::serde::Deserialize::deserialize(v).map(Self::#n),
                },
            }
        });
        let labels = u.members.iter().map(|m| m.rust_name.trim_start_matches("r#"));
        // `From` for each member type that only one member has.
        let froms = u
            .members
            .iter()
            .zip(&variants)
            .filter(|(m, _)| u.members.iter().filter(|o| o.ty == m.ty).count() == 1)
            .map(|(m, n)| {
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
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
            #[serde(untagged)]
            pub enum #name {
                #(#members)*
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
            ty => format!("A {}.", crate::docs::code_span(&self.ty(ty).to_string().replace(' ', ""))),
        }
    }

    /// What a member of type `ty` reads, as a runtime `Shape` (see `union` in
    /// `runtime/unions.rs`).
    fn shape(&self, ty: &Ty, discriminator: Option<&str>, depth: usize) -> TokenStream {
        let h = self.helpers_mod();
        let shape = self.runtime("Shape");
        let (kinds, fields, open, values) = self.shape_parts(ty, discriminator, depth);
        let kinds = kinds.iter().map(|k| {
            let k = self.runtime(k);
            quote!(#h::#k)
        });
        quote! {
            #h::#shape {
                kinds: #(#kinds)|*,
                fields: &[#(#fields),*],
                open: #open,
                values: &[#(#values),*],
            }
        }
    }

    #[allow(clippy::type_complexity)]
    fn shape_parts(
        &self,
        ty: &Ty,
        discriminator: Option<&str>,
        depth: usize,
    ) -> (Vec<&'static str>, Vec<TokenStream>, bool, Vec<TokenStream>) {
        let h = self.helpers_mod();
        let none = || (Vec::new(), Vec::new());
        let (kinds, (fields, values), open) = match ty {
            Ty::String | Ty::Date | Ty::DateTime => (vec!["STRING"], none(), false),
            Ty::I64 | Ty::I32 => (vec!["INT"], none(), false),
            Ty::F64 | Ty::F32 => (vec!["INT", "FLOAT"], none(), false),
            Ty::Bool => (vec!["BOOL"], none(), false),
            Ty::Json => (vec!["ANY"], none(), true),
            Ty::List(_) => (vec!["ARRAY"], none(), false),
            Ty::Map(_) => (vec!["OBJECT"], none(), true),
            Ty::Boxed(t) => return self.shape_parts(t, discriminator, depth),
            Ty::Nullable(t) => {
                let mut parts = self.shape_parts(t, discriminator, depth);
                parts.0.push("NULL");
                return parts;
            }
            Ty::Named(id) => match &self.model.types[*id].kind {
                Kind::Struct(s) => {
                    let fields = s
                        .fields
                        .iter()
                        .map(|f| {
                            let names = std::iter::once(&f.wire_name).chain(&f.aliases);
                            let required =
                                matches!(f.presence, Presence::Required | Presence::Nullable);
                            let named = discriminator == Some(f.doc_name.as_str());
                            let fixed = self.deciding(&f.ty, named);
                            let key = self.runtime("Key");
                            quote!(#h::#key { names: &[#(#names),*], required: #required, fixed: &[#(#fixed),*] })
                        })
                        .collect();
                    (vec!["OBJECT"], (fields, Vec::new()), s.extra.is_some())
                }
                Kind::Enum(e) => {
                    let int = e.repr == crate::model::EnumRepr::Int;
                    let values = e
                        .variants
                        .iter()
                        .filter_map(|v| match int {
                            true => v.value.parse().ok().map(ConstValue::Int),
                            false => Some(ConstValue::Str(v.value.clone())),
                        })
                        .map(|v| self.fixed(&v))
                        .collect();
                    (vec![if int { "INT" } else { "STRING" }], (Vec::new(), values), false)
                }
                Kind::Const(c) => {
                    let kinds = c.values.iter().map(|v| const_kind(&v.value)).collect();
                    let values = c.values.iter().map(|v| self.fixed(&v.value)).collect();
                    (kinds, (Vec::new(), values), false)
                }
                Kind::Union(inner) => {
                    // A union in a union: the kinds its members read; keys do not rank it.
                    let mut kinds: Vec<&'static str> = Vec::new();
                    if depth < 8 {
                        for m in &inner.members {
                            kinds.extend(self.shape_parts(&m.ty, None, depth + 1).0);
                        }
                    } else {
                        kinds.push("ANY");
                    }
                    kinds.sort_unstable();
                    kinds.dedup();
                    (kinds, none(), true)
                }
            },
        };
        (kinds, fields, open, values)
    }

    /// The values a field decides a member by: a constant's, a one-value enum's, or
    /// every known value of the enum the docs name as the discriminator (`named`).
    fn deciding(&self, ty: &Ty, named: bool) -> Vec<TokenStream> {
        let mut ty = ty;
        while let Ty::Boxed(t) | Ty::Nullable(t) = ty {
            ty = t;
        }
        let Ty::Named(id) = ty else {
            return Vec::new();
        };
        match &self.model.types[*id].kind {
            Kind::Const(c) => c.values.iter().map(|v| self.fixed(&v.value)).collect(),
            Kind::Enum(e) if e.variants.len() == 1 || named => {
                let int = e.repr == crate::model::EnumRepr::Int;
                e.variants
                    .iter()
                    .filter_map(|v| match int {
                        true => v.value.parse().ok().map(ConstValue::Int),
                        false => Some(ConstValue::Str(v.value.clone())),
                    })
                    .map(|v| self.fixed(&v))
                    .collect()
            }
            _ => Vec::new(),
        }
    }
}

fn const_kind(v: &ConstValue) -> &'static str {
    match v {
        ConstValue::Str(_) => "STRING",
        ConstValue::Bool(_) => "BOOL",
        ConstValue::Int(_) => "INT",
        ConstValue::Float(_) => "FLOAT",
        ConstValue::Null => "NULL",
    }
}
