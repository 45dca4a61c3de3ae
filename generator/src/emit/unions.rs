//! A union: an untagged enum with a variant per member, in the order the model gives
//! (the order in which serde tries them).
//!
//! A member holding integers is read through the runtime's `int_member`, so `25.0` is an
//! integer member as it is an integer field. Under `--lenient-scalars` numbers and
//! booleans sent as strings are taken only where no member takes a string (which
//! gets it), and a boolean member takes `"1"`/`"0"` only where no member is a number
//! (`"true"` and `"false"` it takes anyway).

use super::{doc_attrs, ident, Ctx, FloatWrite, Scalars};
use crate::model::{EnumRepr, Kind, Presence, Ty, TypeDef, Union};
use proc_macro2::TokenStream;
use quote::quote;

impl Ctx<'_> {
    pub(super) fn union(&self, t: &TypeDef, u: &Union) -> TokenStream {
        let name = ident(&t.name);
        let docs = doc_attrs(&t.docs);
        let lax =
            self.model.lenient_scalars && !u.members.iter().any(|m| self.takes_string(&m.ty, 0));
        let number = u
            .members
            .iter()
            .any(|m| matches!(leaf(&m.ty), Ty::I64 | Ty::I32 | Ty::F64 | Ty::F32));
        let members = u.members.iter().map(|m| {
            let n = ident(&m.rust_name);
            let ty = self.ty(&m.ty);
            let mut with = Vec::new();
            if let Some(fw) = FloatWrite::of(&m.ty, Presence::Required) {
                with.push(self.serialize_with(fw));
            }
            let read = match Scalars::of(&m.ty, lax) {
                // `"1"` and `"0"` are left to the number member.
                Some(Scalars::Lax) if number && m.ty == Ty::Bool => Some("lax_bool_member"),
                Some(Scalars::Lax) if number && *leaf(&m.ty) == Ty::Bool => None,
                Some(Scalars::Lax) => Some("lax_member"),
                Some(Scalars::Strict) => Some("int_member"),
                None => None,
            };
            if let Some(read) = read {
                with.push(self.deserialize_with(read));
            }
            let with = (!with.is_empty()).then(|| quote!(#[serde(#(#with),*)]));
            quote!(#with #n(#ty),)
        });
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[serde(untagged)]
            pub enum #name {
                #(#members)*
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
