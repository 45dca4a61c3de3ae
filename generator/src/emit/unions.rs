//! A union: an untagged enum with a variant per member, in the order the model gives
//! (the order in which serde tries them).

use super::{doc_attrs, ident, Ctx, FloatWrite};
use crate::model::{Presence, TypeDef, Union};
use proc_macro2::TokenStream;
use quote::quote;

impl Ctx<'_> {
    pub(super) fn union(&self, t: &TypeDef, u: &Union) -> TokenStream {
        let name = ident(&t.name);
        let docs = doc_attrs(&t.docs);
        let members = u.members.iter().map(|m| {
            let n = ident(&m.rust_name);
            let ty = self.ty(&m.ty);
            let with = FloatWrite::of(&m.ty, Presence::Required).map(|fw| {
                let with = self.serialize_with(fw);
                quote!(#[serde(#with)])
            });
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
}
