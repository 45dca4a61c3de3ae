//! A struct's `Deserialize`, written out rather than derived: it reads JSON objects
//! only (serde's derive also takes arrays, which let an untagged union read `[1, 2]`
//! as a struct), matches every accepted spelling of a key in one `match`, and leaves
//! the per-field work to the runtime's `Fields`. That is a fraction of the derive's
//! code, which is what compiling a large generated crate spends its time on, and
//! unknown keys can be kept without serde's buffering of `flatten`.

use super::{ident, Ctx, Scalars};
use crate::model::{Field, Presence, Struct, Ty, TypeDef};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// How a struct's reader reads a field's value: the `Fields` method it calls.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Read {
    /// As its type reads it (`null` is `None` for an `Option`).
    Field,
    /// A present key, `null` included, is `Some`.
    Some,
    /// Through a runtime type rather than the type's own `Deserialize`.
    Wire(Wire, Shape),
    /// Numbers and booleans through the runtime's `Scalar` (integral floats for
    /// integers, strings under `--lenient-scalars`); `true` keeps `null` apart from
    /// absent, as `Some` does.
    Scalar(Scalars, bool),
}

/// A field type read through a runtime type.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wire {
    /// `Lenient`: a timestamp in any of the forms APIs send.
    Time,
    /// `Day`: a date as chrono reads it, the usual form parsed directly (chrono's
    /// own reader goes through its general format parser).
    Date,
}

/// Where the wire value sits in the field's slot.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// A required value.
    Bare,
    /// The value or `null`.
    Opt,
    /// The value or `null`, `null` kept apart from absent.
    SomeOpt,
}

impl Shape {
    pub(super) fn of(presence: Presence) -> Shape {
        match presence {
            Presence::Required => Shape::Bare,
            Presence::Nullable | Presence::Optional => Shape::Opt,
            Presence::OptionalNullable => Shape::SomeOpt,
        }
    }
}

impl Read {
    fn of(f: &Field, lenient: bool) -> Read {
        if let Some(how) = Scalars::of(&f.ty, lenient) {
            return Read::Scalar(how, f.presence == Presence::OptionalNullable);
        }
        let wire = match f.ty {
            Ty::DateTime => Some(Wire::Time),
            Ty::Date => Some(Wire::Date),
            _ => None,
        };
        if let Some(wire) = wire {
            return Read::Wire(wire, Shape::of(f.presence));
        }
        match f.presence {
            // `null` is a value of `Any`: kept as `Some(Value::Null)`, not absent.
            Presence::Optional if f.ty == Ty::Json => Read::Some,
            // Absent is `None`, `null` is `Some(None)`.
            Presence::OptionalNullable => Read::Some,
            _ => Read::Field,
        }
    }

    fn method(self) -> &'static str {
        match self {
            Read::Field => "field",
            Read::Some => "some",
            Read::Wire(Wire::Time, Shape::Bare) => "time",
            Read::Wire(Wire::Time, Shape::Opt) => "opt_time",
            Read::Wire(Wire::Time, Shape::SomeOpt) => "some_opt_time",
            Read::Wire(Wire::Date, Shape::Bare) => "date",
            Read::Wire(Wire::Date, Shape::Opt) => "opt_date",
            Read::Wire(Wire::Date, Shape::SomeOpt) => "some_opt_date",
            Read::Scalar(Scalars::Strict, false) => "scalar",
            Read::Scalar(Scalars::Strict, true) => "some_scalar",
            Read::Scalar(Scalars::Lax, false) => "lax",
            Read::Scalar(Scalars::Lax, true) => "some_lax",
        }
    }
}

/// A missing required key is an error; a nullable one must be there too. (The writer
/// writes exactly these always, and leaves the others out when `None`.)
pub(super) fn must_be_present(f: &Field) -> bool {
    matches!(f.presence, Presence::Required | Presence::Nullable)
}

impl Ctx<'_> {
    /// `Deserialize` through the runtime's `object`, and the `FromMap` it calls.
    pub(super) fn reader(
        &self,
        t: &TypeDef,
        s: &Struct,
        allow: Option<&TokenStream>,
    ) -> TokenStream {
        let name = ident(&t.name);
        let h = self.helpers_mod();
        let object = self.runtime("object");
        let from_map = self.runtime("FromMap");
        let label = format!("struct {}", t.name.trim_start_matches("r#"));
        let body = if s.fields.is_empty() && s.extra.is_none() {
            self.skip_all()
        } else {
            self.read_fields(s)
        };
        quote! {
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                    #h::#object(d)
                }
            }
            #allow
            impl<'de> #h::#from_map<'de> for #name {
                const EXPECTING: &'static str = #label;
                fn from_map<A: ::serde::de::MapAccess<'de>>(__map: A) -> ::std::result::Result<Self, A::Error> {
                    use #h as __h;
                    #body
                }
            }
        }
    }

    /// A struct with nothing to read steps over every entry, without reading keys.
    fn skip_all(&self) -> TokenStream {
        let fields = self.runtime("Fields");
        let new = self.runtime("new");
        let skip_all = self.runtime("skip_all");
        quote! {
            __h::#fields::#new(__map).#skip_all()?;
            ::std::result::Result::Ok(Self {})
        }
    }

    /// One `match` over every accepted key, each arm filling the field's slot once;
    /// then every slot is checked and moved into the struct.
    fn read_fields(&self, s: &Struct) -> TokenStream {
        // Locals are the field names; the few others start with `__`, which no field
        // identifier does.
        let slots: Vec<Ident> = s.fields.iter().map(|f| ident(&f.rust_name)).collect();
        let fields = self.runtime("Fields");
        let new = self.runtime("new");
        let next_key = self.runtime("next_key");
        let extra = s.extra.as_ref().map(|e| ident(&e.rust_name));
        let text = s.extra.as_ref().is_some_and(|e| e.text);
        let extra_decl = extra.as_ref().map(|n| {
            let new = if text {
                let keys = self.runtime_type("UnknownKeys");
                let new = self.runtime("new");
                quote!(#keys::#new)
            } else {
                quote!(::std::collections::BTreeMap::new)
            };
            quote!(let mut #n = #new();)
        });
        // The statement for a key the struct does not declare.
        let other = match &extra {
            Some(n) => {
                let scalars = s
                    .extra
                    .as_ref()
                    .filter(|e| !e.text)
                    .and_then(|e| Scalars::of(&e.value, self.model.lenient_scalars));
                let keep = self.runtime(match (text, scalars) {
                    (true, _) => "keep_text",
                    (false, None) => "keep",
                    (false, Some(Scalars::Strict)) => "keep_scalar",
                    (false, Some(Scalars::Lax)) => "keep_lax",
                });
                quote!(__m.#keep(&mut #n, __k))
            }
            None => {
                let skip = self.runtime("skip");
                quote!(__m.#skip())
            }
        };
        // Every arm yields the `Result` of its call and one `?` follows the `match`, and a
        // required field is checked with `let ... else`: a `?` per field was a large
        // share of what a generated crate costs to compile.
        let body = if s.fields.is_empty() {
            quote!(#other?;)
        } else {
            let as_str = self.runtime("as_str");
            let arms = s.fields.iter().zip(&slots).map(|(f, slot)| {
                let read = self.runtime(Read::of(f, self.model.lenient_scalars).method());
                let keys = std::iter::once(&f.wire_name).chain(&f.aliases);
                let w = &f.wire_name;
                quote!(#(#keys)|* => __m.#read(&mut #slot, #w),)
            });
            quote! {
                match __k.#as_str() {
                    #(#arms)*
                    _ => #other,
                }?
            }
        };
        let checks = s
            .fields
            .iter()
            .zip(&slots)
            .filter(|(f, _)| must_be_present(f))
            .map(|(f, slot)| {
                let w = &f.wire_name;
                let missing = self.runtime("missing");
                quote!(let ::std::option::Option::Some(#slot) = #slot else {
                return ::std::result::Result::Err(__h::#missing(#w));
            };)
            });
        let inits = s.fields.iter().zip(&slots).map(|(f, slot)| {
            if must_be_present(f) {
                quote!(#slot,)
            } else {
                quote!(#slot: #slot.flatten(),)
            }
        });
        // A model named `None` must not capture the slots' `None`.
        let use_none = (!slots.is_empty()).then(|| {
            quote!(
                use ::std::option::Option::None;
            )
        });
        quote! {
            #use_none
            let mut __m = __h::#fields::#new(__map);
            #(let mut #slots = None;)*
            #extra_decl
            while let ::std::option::Option::Some(__k) = __m.#next_key()? {
                #body
            }
            #(#checks)*
            ::std::result::Result::Ok(Self {
                #(#inits)*
                #extra
            })
        }
    }
}
