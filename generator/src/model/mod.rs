//! Stage 4: docs -> [`Model`], the one IR. The passes, each in its own module:
//!
//! 1. [`classify`] (per doc, in parallel): parse the markdown, decide the kind or the
//!    reason to skip, read tables and Type cells into a draft;
//! 2. names (here): module paths and unique type names, and the [`resolve`] index;
//! 3. [`kinds`] (per doc, in parallel): fields with resolved types, Rust and wire
//!    names ([`names`]), enum members, union member order;
//!    Constants and unions written in a Type cell become types of their own
//!    ([`resolve`]), appended after the docs' types in doc order and named after
//!    their struct and field (`HostRule` + `type` -> `HostRuleType`);
//! 4. [`graph`]: drop types whose docs failed, box cycles, mark `Default` and the
//!    structs that are union members ([`shape`] is what a union ranks them by).
//!
//! The IR ([`ir`]) is plain data; `Debug` prints it.

mod classify;
mod graph;
mod ir;
mod kinds;
mod names;
mod resolve;
pub(crate) mod shape;
#[cfg(test)]
mod tests;

pub use ir::*;
pub use kinds::keep_unknown;
pub(crate) use names::dedupe_wire_names;

use crate::discover::{self, Source};
use crate::error::{Diagnostic, ErrorKind, Pos};
use crate::naming;
use crate::notation::Flavor;
use classify::{classify, CellMemo, Classified, DraftBody, Found};
use kinds::{build_enum, build_struct, member_name, member_rank, Class, FieldMemo};
use resolve::{DocKey, Index, Resolver, Target, Unresolved, CELL_TYPES};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The model plus the errors found building it. Docs with errors are left out.
pub struct Built {
    /// The types of the docs without errors.
    pub model: Model,
    /// The errors, by doc.
    pub errors: Vec<Diagnostic>,
    /// How the JSON keys were chosen from the docs alone ([`crate::wire::infer`]).
    pub wire: crate::wire::Outcome,
}

/// Builds the model from read sources (sorted by discover), on as many threads as the
/// machine has.
pub fn build(sources: &[Source]) -> Built {
    build_with(sources, crate::default_threads())
}

/// [`build`] on `threads` threads: the work on each doc (parsing and checking it, then,
/// once every doc is known, resolving its references) is spread over them. The
/// result, diagnostics and their order included, is the same for any number.
pub fn build_with(sources: &[Source], threads: usize) -> Built {
    let mut errors = Vec::new();
    let mut skipped = Vec::new();
    let mut drafts = Vec::new();
    // Input roots by number, so that looking up a doc hashes no path.
    let roots: BTreeMap<&Path, usize> = sources
        .iter()
        .map(|s| s.root.as_path())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .enumerate()
        .map(|(i, r)| (r, i))
        .collect();
    let root_of: Vec<usize> = sources.iter().map(|s| roots[s.root.as_path()]).collect();
    let doc_key = |i: usize| -> DocKey {
        let rel = sources[i].rel.iter().map(String::as_str).collect();
        (root_of[i], rel)
    };
    let mut by_path: Map<DocKey, Target> = Map::default();
    let classified = crate::parallel_map(sources, threads, &|memo: &mut CellMemo, i, src| {
        let mut found = Found::default();
        (classify(i, src, memo, &mut found), found)
    });
    let mut warnings = Vec::new();
    let mut degraded = Vec::new();
    let mut repairs = Vec::new();
    for (i, (classified, found)) in classified.into_iter().enumerate() {
        errors.extend(found.errors);
        warnings.extend(found.warnings);
        degraded.extend(found.degraded);
        match classified {
            Some(Classified::Draft(d)) => drafts.push(d),
            Some(Classified::Skip(reason)) => {
                by_path.insert(doc_key(i), Target::Skipped(reason));
                skipped.push(Skipped {
                    file: sources[i].path.clone(),
                    reason,
                });
            }
            None => {
                by_path.insert(doc_key(i), Target::Broken);
            }
        }
    }

    // Names: module path from the folder, type name from the title, unique per module.
    drafts.sort_by(|a, b| {
        let (sa, sb) = (&sources[a.src], &sources[b.src]);
        sa.dir()
            .cmp(sb.dir())
            .then(sa.rel.cmp(&sb.rel))
            .then(sa.path.cmp(&sb.path))
    });
    let mut taken: BTreeMap<Vec<String>, BTreeSet<String>> = BTreeMap::new();
    let mut types: Vec<TypeDef> = Vec::with_capacity(drafts.len());
    let mut by_title: Map<(usize, &str, &str), TypeId> = Map::default();
    let mut by_bare_title: Map<(usize, &str), Option<TypeId>> = Map::default();
    // Moved into the types; the rest of each draft stays for the next pass.
    let mut moved: Vec<_> = drafts
        .iter_mut()
        .map(|d| {
            use std::mem::take;
            (take(&mut d.module), take(&mut d.name), take(&mut d.docs))
        })
        .collect();
    for (id, d) in drafts.iter().enumerate() {
        let src = &sources[d.src];
        let (module, base, docs) = std::mem::take(&mut moved[id]);
        let set = taken.entry(module.clone()).or_default();
        let name = naming::unique(base.clone(), "", set);
        if name != base {
            warnings.push(
                Diagnostic::new(
                    ErrorKind::NameClash,
                    &src.path,
                    Some(Pos { line: 1, col: 1 }),
                    format!("another doc in this folder is also named `{base}`; this one is emitted as `{name}`"),
                )
                .with_snippet(&d.title),
            );
        }
        by_path.insert(doc_key(d.src), Target::Type(TypeId(id)));
        let category = src.dir().last().map(String::as_str).unwrap_or("");
        by_title
            .entry((root_of[d.src], category, &*d.title))
            .or_insert(TypeId(id));
        by_bare_title
            .entry((root_of[d.src], &*d.title))
            .and_modify(|e| *e = None)
            .or_insert(Some(TypeId(id)));
        let flavor = match d.body {
            DraftBody::Struct {
                undecided: true, ..
            } => None,
            DraftBody::Struct { flavor, .. }
            | DraftBody::Enum { flavor, .. }
            | DraftBody::Union { flavor, .. } => Some(flavor),
        };
        types.push(TypeDef {
            module,
            name,
            title: d.title.to_string(),
            source: src.path.clone(),
            flavor,
            docs,
            // Filled in below once every name is known.
            kind: Kind::Union(Union {
                members: vec![],
                discriminator: None,
            }),
            cell_of: None,
        });
    }

    // Docs that do not tell their flavor take the one most docs of the set have.
    let mut counts = BTreeMap::new();
    for f in types.iter().filter_map(|t| t.flavor) {
        *counts.entry(f).or_insert(0usize) += 1;
    }
    let common = counts
        .into_iter()
        .max_by_key(|&(f, n)| (n, std::cmp::Reverse(f)))
        .map_or(Flavor::Python, |(f, _)| f);
    for t in &mut types {
        t.flavor.get_or_insert(common);
    }

    let index = Index {
        roots: roots.keys().map(|r| discover::root_parts(r)).collect(),
        by_path,
        by_title,
        by_bare_title,
    };
    // Each doc's types, with the errors and warnings found building them.
    let built = crate::parallel_map(&drafts, threads, &|memo: &mut FieldMemo, _, d| {
        let src = &sources[d.src];
        let resolver = Resolver {
            index: &index,
            src,
            root: root_of[d.src],
        };
        let mut found = Found::default();
        let kind = match &d.body {
            DraftBody::Struct { rows, .. } => Some(Kind::Struct(build_struct(
                src, rows, &resolver, memo, &mut found,
            ))),
            DraftBody::Enum { flavor, rows } => {
                build_enum(src, &d.title, *flavor, rows, &mut found).map(Kind::Enum)
            }
            DraftBody::Union {
                members,
                discriminator,
                ..
            } => {
                let mut out = Vec::new();
                // An SDK-only alternative (an event stream beside the JSON body) is
                // left out like an SDK-only field.
                for (t, pos) in members.iter().filter(|(t, _)| !t.is_sdk_only()) {
                    match resolver.ty(t, *pos, &mut found) {
                        Ok(ty) => out.push(Member {
                            rust_name: String::new(),
                            ty,
                        }),
                        Err(Unresolved::SdkOnly) => found.errors.push(Diagnostic::new(
                            ErrorKind::LinkToSkipped,
                            &src.path,
                            Some(*pos),
                            "expected a model as a union member; this one is the SDK's response wrapper",
                        )),
                        Err(Unresolved::Error) => {}
                    }
                }
                Some(Kind::Union(Union {
                    members: out,
                    discriminator: discriminator.clone(),
                }))
            }
        };
        (kind, found)
    });
    let mut failed = vec![false; drafts.len()];
    let mut cells = Vec::with_capacity(drafts.len());
    for (id, (kind, mut found)) in built.into_iter().enumerate() {
        failed[id] = kind.is_none() || !found.errors.is_empty();
        cells.push(std::mem::take(&mut found.cell_types));
        errors.extend(found.errors);
        warnings.extend(found.warnings);
        degraded.extend(found.degraded);
        repairs.extend(found.repairs);
        if let Some(kind) = kind {
            types[id].kind = kind;
        }
    }
    warnings.extend(resolve::repair_warnings(&repairs));
    add_cell_types(&mut types, cells, &mut taken, &mut failed);

    // Union member names and order need every type's name and kind.
    let snapshot: Vec<(String, Class)> = types
        .iter()
        .map(|t| {
            let class = match t.kind {
                Kind::Enum(_) => Class::Enum,
                Kind::Const(_) => Class::Const,
                _ => Class::Other,
            };
            (t.name.clone(), class)
        })
        .collect();
    let required: Vec<u32> = types
        .iter()
        .map(|t| match &t.kind {
            Kind::Struct(s) => s
                .fields
                .iter()
                .filter(|f| matches!(f.presence, Presence::Required | Presence::Nullable))
                .count() as u32,
            _ => 0,
        })
        .collect();
    for t in &mut types {
        if let Kind::Union(u) = &mut t.kind {
            u.members
                .sort_by_cached_key(|m| member_rank(&m.ty, &snapshot, &required));
            let mut names = BTreeSet::new();
            for m in &mut u.members {
                m.rust_name = naming::unique(member_name(&m.ty, &snapshot), "", &mut names);
            }
        }
    }

    // A type whose doc failed cannot be referenced either: drop both, report the
    // reference so the user sees why the referring type is missing.
    if failed.iter().any(|&f| f) {
        graph::drop_failed(&mut types, &failed, &mut errors);
    }
    graph::break_cycles(&mut types);
    graph::mark_default(&mut types);
    graph::mark_union_members(&mut types);

    crate::error::sort_diagnostics(&mut warnings);
    let mut model = Model {
        types,
        skipped,
        warnings,
        degraded,
        docs_read: sources.len(),
        lenient_scalars: false,
    };
    // The JSON keys from the docs' own evidence; settings may change them later.
    let wire = crate::wire::infer(&mut model);
    Built {
        model,
        errors,
        wire,
    }
}

/// Appends the types made from each doc's Type cells after the docs' own types, in
/// doc order, each in its parent's module and named after it (`HostRule` + `Type`),
/// and gives the references to them (numbered from [`CELL_TYPES`]) their ids.
fn add_cell_types(
    types: &mut Vec<TypeDef>,
    cells: Vec<Vec<resolve::CellType>>,
    taken: &mut BTreeMap<Vec<String>, BTreeSet<String>>,
    failed: &mut Vec<bool>,
) {
    for (parent, cells) in cells.into_iter().enumerate() {
        if cells.is_empty() {
            continue;
        }
        let first = types.len();
        let remap = |id: &mut TypeId| {
            if id.0 >= CELL_TYPES {
                *id = TypeId(first + (id.0 - CELL_TYPES));
            }
        };
        let remap_kind = |kind: &mut Kind| {
            for (_, ty) in kind.tys_mut() {
                ty.visit_named_mut(&mut { remap });
            }
        };
        remap_kind(&mut types[parent].kind);
        for c in cells {
            let mut kind = c.kind;
            remap_kind(&mut kind);
            let p = &types[parent];
            let module = p.module.clone();
            let base =
                naming::escape_keyword(format!("{}{}", p.name.trim_start_matches("r#"), c.suffix));
            let name = naming::unique(base, "", taken.entry(module.clone()).or_default());
            let what = match kind {
                Kind::Const(_) => "The constant",
                _ => "The union",
            };
            let docs = if c.field.is_empty() {
                format!(
                    "{what} of a member of {}.",
                    crate::docs::code_span(&p.title)
                )
            } else {
                format!(
                    "{what} of {}'s {} field.",
                    crate::docs::code_span(&p.title),
                    crate::docs::code_span(&c.field)
                )
            };
            let t = TypeDef {
                module,
                name,
                title: format!("{}.{}", p.title, c.field),
                source: p.source.clone(),
                flavor: p.flavor,
                docs,
                kind,
                cell_of: Some(c.field),
            };
            types.push(t);
            failed.push(failed[parent]);
        }
    }
}

/// The maps here are keyed by names and doc paths from the docs; they are only
/// looked up, never iterated, so the hasher cannot change the output. FxHash:
/// std's SipHash resists crafted collisions, which here could only slow down the
/// docs that craft them, and it cost several percent of the whole build.
type Map<K, V> = rustc_hash::FxHashMap<K, V>;

/// The value for `key` in `memo`, made by `make` the first time it is asked for.
fn remembered<'m, V>(
    memo: &'m mut Map<String, V>,
    key: &str,
    make: impl FnOnce(&str) -> V,
) -> &'m V {
    if !memo.contains_key(key) {
        let value = make(key);
        memo.insert(key.to_string(), value);
    }
    &memo[key]
}
