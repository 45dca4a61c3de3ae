//! Pass 2, one doc at a time again: each draft becomes its [`Kind`] once every doc's
//! name is known (fields resolved, enum members named, union members ranked).

use super::classify::Found;
use super::classify::{strip_deprecated, DraftField, EnumRow};
use super::names::{dedupe_wire_names, FieldNames};
use super::resolve::{Resolver, Unresolved};
use super::{
    remembered, Enum, EnumRepr, Extra, Field, KeepUnknown, Kind, Map, Model, Presence, Struct, Ty,
    Variant,
};
use crate::discover::Source;
use crate::docs;
use crate::error::{Diagnostic, ErrorKind, Pos};
use crate::naming;
use crate::notation::{Flavor, TypeExpr};
use std::collections::BTreeSet;

/// The per-field work that depends only on the text, kept for the next struct with
/// the same: field names and descriptions repeat across a set of docs
/// (plex-py-2026-01: 8554 rows, 756 distinct names, 768 distinct descriptions).
#[derive(Default)]
pub(super) struct FieldMemo {
    names: Map<String, FieldNames>,
    docs: Map<String, String>,
}

impl FieldMemo {
    fn names(&mut self, name: &str) -> &FieldNames {
        remembered(&mut self.names, name, FieldNames::new)
    }

    fn rustdoc(&mut self, text: &str) -> String {
        remembered(&mut self.docs, text, docs::rustdoc).clone()
    }
}

pub(super) fn build_struct(
    src: &Source,
    rows: &[DraftField],
    resolver: &Resolver,
    memo: &mut FieldMemo,
    found: &mut Found,
) -> Struct {
    let mut fields = Vec::with_capacity(rows.len());
    let mut extra = None;
    let mut sdk_only = Vec::new();
    let mut rust_names = BTreeSet::new();
    let mut seen_doc_names: Map<&str, Pos> =
        Map::with_capacity_and_hasher(rows.len(), Default::default());
    for r in rows {
        if let Some(first) = seen_doc_names.insert(&r.name, r.name_pos) {
            found.errors.push(
                Diagnostic::new(
                    ErrorKind::Duplicate,
                    &src.path,
                    Some(r.name_pos),
                    format!(
                        "expected each field once; `{}` is already declared on line {}",
                        r.name, first.line
                    ),
                )
                .with_snippet(&r.name),
            );
            continue;
        }
        if r.ty.is_sdk_only() {
            sdk_only.push(r.name.to_string());
            continue;
        }
        // Types made from the cell are named after the field.
        found.hint.clone_from(&r.name.to_string());
        // Documented extra properties are where undeclared keys go, not a field.
        if matches!(&*r.name, "AdditionalProperties" | "__pydantic_extra__") {
            if let TypeExpr::Map(v) = r.ty.unwrapped() {
                if let Ok(value) = resolver.ty(v, r.ty_pos, found) {
                    extra = Some(value);
                }
                continue;
            }
        }
        let ty = match resolver.ty(r.ty.unwrapped(), r.ty_pos, found) {
            Ok(ty) => ty,
            Err(Unresolved::SdkOnly) => {
                sdk_only.push(r.name.to_string());
                continue;
            }
            Err(Unresolved::Error) => continue,
        };
        let presence = match (&r.ty, r.required) {
            (TypeExpr::OptionalNullable(_), _) | (TypeExpr::Nullable(_), false) => {
                Presence::OptionalNullable
            }
            (TypeExpr::Nullable(_), true) => Presence::Nullable,
            (_, true) => Presence::Required,
            (_, false) => Presence::Optional,
        };
        let names = memo.names(&r.name);
        let rust_name = naming::unique(names.rust.clone(), "_", &mut rust_names);
        let (wire_name, aliases) = match &names.wire {
            Some((key, aliases)) => (key.clone(), aliases.clone()),
            None => (r.name.to_string(), Vec::new()),
        };
        let mut desc = r.description.trim();
        let mut deprecated = r.struck.then(String::new);
        if let Some(rest) = strip_deprecated(desc) {
            let rest = rest.trim_start();
            let (note, tail) = rest.split_once("<br/><br/>").unwrap_or((rest, ""));
            deprecated = Some(docs::unbreak(note).trim().to_string());
            desc = tail.trim();
        }
        let mut doc = if desc == "N/A" {
            String::new()
        } else {
            memo.rustdoc(desc)
        };
        if let Some(ex) = &r.example {
            if !doc.is_empty() {
                doc.push_str("\n\n");
            }
            docs::push_example(&mut doc, ex);
        }
        fields.push(Field {
            doc_name: r.name.to_string(),
            aliases,
            wire_name,
            rust_name,
            ty,
            presence,
            docs: doc,
            example: r.example.as_deref().map(String::from),
            deprecated,
            pos: r.name_pos,
        });
    }
    found.hint.clear();
    dedupe_wire_names(&src.path, &mut fields, &mut found.warnings);
    let extra = if fields.is_empty() && extra.is_none() && sdk_only.is_empty() {
        // No declared fields: a free-form object keeps every key.
        Some(Ty::Json)
    } else {
        extra
    };
    let extra = extra.map(|value| Extra {
        rust_name: naming::unique("additional_properties".to_string(), "_", &mut rust_names),
        value,
        text: false,
    });
    Struct {
        fields,
        extra,
        sdk_only,
        derive_default: false,
        union_member: false,
    }
}

/// Gives every struct without one a place for undeclared keys, so a payload survives
/// a round trip with keys the docs do not list.
pub fn keep_unknown(model: &mut Model, how: KeepUnknown) {
    if how == KeepUnknown::No {
        return;
    }
    for t in &mut model.types {
        if let Kind::Struct(s) = &mut t.kind {
            if s.extra.is_none() {
                let mut taken: BTreeSet<String> =
                    s.fields.iter().map(|f| f.rust_name.clone()).collect();
                s.extra = Some(Extra {
                    rust_name: naming::unique("additional_properties".into(), "_", &mut taken),
                    value: Ty::Json,
                    text: how == KeepUnknown::Text,
                });
            }
        }
    }
}

pub(super) fn build_enum(
    src: &Source,
    title: &str,
    flavor: Flavor,
    rows: &[EnumRow],
    found: &mut Found,
) -> Option<Enum> {
    let (errs, warnings) = (&mut found.errors, &mut found.warnings);
    // Integers when every value is one: digits in a table cell, or a TypeScript number
    // literal (a quoted `"301"` stays a string).
    let is_int = !rows.is_empty()
        && rows.iter().all(|r| {
            let digits = r.value.strip_prefix('-').unwrap_or(&r.value);
            r.number != Some(false)
                && !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit())
        });
    let mut variants = Vec::new();
    let mut names = BTreeSet::new();
    let mut values: Map<String, Pos> = Map::default();
    // Go prefixes every member with the type name: `LineupTypeMinus1`.
    let prefix: String = title.chars().filter(|c| c.is_alphanumeric()).collect();
    for EnumRow {
        name,
        name_pos,
        value,
        value_pos: pos,
        number,
    } in rows
    {
        let name: &str = name;
        let value = if is_int {
            match value.parse::<i64>() {
                Ok(v) => v.to_string(),
                Err(_) => {
                    errs.push(
                        Diagnostic::new(
                            ErrorKind::BadEnum,
                            &src.path,
                            Some(*pos),
                            "expected an integer value that fits in 64 bits",
                        )
                        .with_snippet(value),
                    );
                    return None;
                }
            }
        } else {
            value.to_string()
        };
        if let Some(first) = values.insert(value.clone(), *pos) {
            warnings.push(
                Diagnostic::new(
                    ErrorKind::Duplicate,
                    &src.path,
                    Some(*pos),
                    format!(
                        "value already listed on line {}; this row is ignored",
                        first.line
                    ),
                )
                .with_snippet(&value),
            );
            continue;
        }
        let member = match flavor {
            Flavor::Go => name
                .strip_prefix(prefix.as_str())
                .filter(|rest| rest.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
                .unwrap_or(name),
            Flavor::Python | Flavor::TypeScript => name,
        };
        let base = naming::escape_keyword(naming::camel_ident(member, "Variant", "V"));
        let rust_name = naming::unique(base.clone(), "", &mut names);
        // Names the docs give are worth a warning when renamed; names made from values
        // (a TypeScript union lists no names: `"!eq" | "eq"`) collide by nature, and
        // each variant's doc gives its value.
        if rust_name != base && number.is_none() {
            warnings.push(
                Diagnostic::new(
                    ErrorKind::NameClash,
                    &src.path,
                    Some(*name_pos),
                    format!(
                        "member name collides with another as `{base}`; emitted as `{rust_name}`"
                    ),
                )
                .with_snippet(name),
            );
        }
        variants.push(Variant { rust_name, value });
    }
    if rows.is_empty() {
        warnings.push(Diagnostic::new(
            ErrorKind::EmptyEnum,
            &src.path,
            None,
            "enum has no values; every value deserializes into the catch-all variant",
        ));
    }
    let catch_all = ["Unknown", "UnknownValue", "Other"]
        .into_iter()
        .map(String::from)
        .find(|n| !names.contains(n))
        .unwrap_or_else(|| naming::unique("Unknown".into(), "", &mut names));
    Some(Enum {
        repr: if is_int { EnumRepr::Int } else { EnumRepr::Str },
        variants,
        catch_all,
    })
}

/// Deserialization order for untagged unions: serde takes the first member that
/// accepts a value, so specific shapes go before general ones. Compared as a sequence:
/// the shape, then the element's order for containers, then (structs) more required
/// keys first, since a struct also accepts objects that carry more keys than it names.
pub(super) fn member_rank(ty: &Ty, types: &[(String, Class)], required: &[u32]) -> Vec<u32> {
    let (class, inner) = match ty {
        // A constant accepts one value only: before the type that accepts them all.
        Ty::Named(id) if types[id.index()].1 == Class::Const => (0, None),
        Ty::Bool => (1, None),
        Ty::I32 | Ty::I64 => (2, None),
        Ty::F32 | Ty::F64 => (3, None),
        Ty::Date => (4, None),
        Ty::DateTime => (5, None),
        Ty::Named(id) if types[id.index()].1 == Class::Enum => (6, None),
        Ty::String => (7, None),
        // Before structs: serde's derived structs also accept arrays.
        Ty::List(t) => (8, Some(t)),
        Ty::Named(id) => {
            return vec![9, u32::MAX - required.get(id.index()).copied().unwrap_or(0)];
        }
        Ty::Boxed(t) => return member_rank(t, types, required),
        Ty::Map(t) => (10, Some(t)),
        Ty::Nullable(t) => (11, Some(t)),
        Ty::Json => (12, None),
    };
    let mut key = vec![class];
    if let Some(t) = inner {
        key.extend(member_rank(t, types, required));
    }
    key
}

/// What a named type is, for union member order.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Enum,
    Const,
    Other,
}

pub(super) fn member_name(ty: &Ty, types: &[(String, Class)]) -> String {
    match ty {
        Ty::String => "Str".into(),
        Ty::I64 | Ty::I32 => "Integer".into(),
        Ty::F64 | Ty::F32 => "Number".into(),
        Ty::Bool => "Boolean".into(),
        Ty::Json => "Any".into(),
        Ty::DateTime => "DateTime".into(),
        Ty::Date => "Date".into(),
        Ty::List(t) => format!("ArrayOf{}", member_name(t, types)),
        Ty::Map(t) => format!("MapOf{}", member_name(t, types)),
        Ty::Nullable(t) => format!("Nullable{}", member_name(t, types)),
        Ty::Boxed(t) => member_name(t, types),
        Ty::Named(id) => types[id.index()].0.trim_start_matches("r#").to_string(),
    }
}
