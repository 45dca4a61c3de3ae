//! Names: Rust identifiers and JSON keys for fields, and keeping one key per field.

use super::{Field, Map};
use crate::error::{Diagnostic, ErrorKind};
use crate::naming;
use std::collections::BTreeSet;
use std::path::Path;

/// What a field's documented name gives, before it is made unique in its struct.
pub(super) struct FieldNames {
    /// The Rust identifier (escaped).
    pub(super) rust: String,
    /// The inferred JSON key and the other spellings accepted; `None` when the name
    /// as documented is the key.
    pub(super) wire: Option<(String, Vec<String>)>,
}

impl FieldNames {
    pub(super) fn new(name: &str) -> Self {
        let words = naming::words(name);
        let rust = naming::escape_keyword(naming::snake_ident(&words, "field"));
        // A name with punctuation or non-ASCII letters is not an SDK spelling of some
        // key: it is the key.
        let plain = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        let wire = (plain && !words.is_empty()).then(|| {
            let w = naming::wire_name(&words);
            let aliases = naming::wire_aliases(&words, &w);
            (w, aliases)
        });
        FieldNames { rust, wire }
    }
}

/// One JSON key belongs to one field. Fields whose inferred keys collide
/// (`item_count` and `itemCount`) use their names as documented instead; a primary key
/// wins over another field's alias, and an alias two fields share is dropped from both.
/// Warnings name `file`, the struct's doc.
pub(crate) fn dedupe_wire_names(file: &Path, fields: &mut [Field], warnings: &mut Vec<Diagnostic>) {
    // Aliases to drop, as (field, alias) indices; found from one count of every key in
    // the usual case, where no two fields infer the same key.
    let uses = key_uses(fields);
    let clash: Vec<bool> = fields.iter().map(|f| uses[&*f.wire_name].0 > 1).collect();
    let drops = if clash.contains(&true) {
        use_doc_names(file, fields, &clash, warnings);
        alias_drops(fields, &key_uses(fields))
    } else {
        alias_drops(fields, &uses)
    };
    for (i, j) in drops.into_iter().rev() {
        fields[i].aliases.remove(j);
    }
}

/// The fields marked in `clash` infer a key another field infers too: they use their
/// names as documented. Names still equal after that get a `_` suffix, with a warning.
fn use_doc_names(
    file: &Path,
    fields: &mut [Field],
    clash: &[bool],
    warnings: &mut Vec<Diagnostic>,
) {
    for (f, &clash) in fields.iter_mut().zip(clash) {
        if clash {
            f.wire_name = f.doc_name.clone();
        }
    }
    let mut primaries: BTreeSet<String> = BTreeSet::new();
    for f in fields.iter_mut() {
        if !primaries.insert(f.wire_name.clone()) {
            // Only names that differ in nothing but a trailing `_` get here.
            let base = f.wire_name.clone();
            f.wire_name = naming::unique(base.clone(), "_", &mut primaries);
            warnings.push(
                Diagnostic::new(
                    ErrorKind::NameClash,
                    file,
                    Some(f.pos),
                    format!(
                        "two fields map to the JSON key `{base}`; this one is written as `{}`",
                        f.wire_name
                    ),
                )
                .with_hint("set the key in a wire-names overrides file"),
            );
        }
    }
}

/// For each key, how many fields have it as their JSON key and how many as an alias.
fn key_uses(fields: &[Field]) -> Map<&str, (u32, u32)> {
    let n = fields.iter().map(|f| 1 + f.aliases.len()).sum();
    let mut uses: Map<&str, (u32, u32)> = Map::with_capacity_and_hasher(n, Default::default());
    for f in fields {
        uses.entry(&f.wire_name).or_default().0 += 1;
        for a in &f.aliases {
            uses.entry(a).or_default().1 += 1;
        }
    }
    uses
}

/// The aliases that are another field's key or that two fields share, as (field,
/// alias) indices in order.
fn alias_drops(fields: &[Field], uses: &Map<&str, (u32, u32)>) -> Vec<(usize, usize)> {
    let mut drop = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        for (j, a) in f.aliases.iter().enumerate() {
            let (primary, alias) = uses[a.as_str()];
            if primary > 0 || alias != 1 {
                drop.push((i, j));
            }
        }
    }
    drop
}
