//! References: a doc's links (by path) and unlinked model names (by folder and title),
//! resolved against the index of every doc once all are classified.
//!
//! A link is followed by its path first. Real trees carry links whose path is stale
//! (docs moved from `docs/pkg/models` or `docs/sdk/models`, so links climb out of the
//! input folder) or whose target was never written: such a link is resolved by the
//! path it ends with (`shared/x.md`), then by the qualified name it carries
//! (`shared.X`), each when unambiguous, with one warning per kind of repair; a link
//! whose target exists nowhere degrades its field to any JSON value, with a warning
//! naming the target.

use super::classify::Found;
use super::{
    ConstValue, ConstVariant, Constant, DegradeCause, Kind, Map, Member, SkipReason, Ty, TypeId,
    Union,
};
use crate::discover::{self, Source};
use crate::error::{Diagnostic, ErrorKind, Pos};
use crate::naming;
use crate::notation::{Const, TypeExpr};
use std::path::{Component, Path};

/// What a doc path resolves to.
#[derive(Clone, Copy)]
pub(super) enum Target {
    Type(TypeId),
    Skipped(SkipReason),
    Broken,
}

/// A doc by input root (numbered) and path relative to it.
pub(super) type DocKey<'a> = (usize, Vec<&'a str>);

/// What every doc's references are resolved against.
pub(super) struct Index<'a> {
    /// Absolute path components of each input root, by number.
    pub(super) roots: Vec<Vec<String>>,
    pub(super) by_path: Map<DocKey<'a>, Target>,
    /// Models by (root, folder name, title), for references without a link.
    pub(super) by_title: Map<(usize, &'a str, &'a str), TypeId>,
    /// Models by (root, title) wherever they sit; `None` when two folders hold one.
    pub(super) by_bare_title: Map<(usize, &'a str), Option<TypeId>>,
}

impl Index<'_> {
    /// The model a qualified name (`components.Tag`, `models.Tag`, `Tag`) names: the
    /// title in the folder the qualifier names, else the only model with that title.
    fn by_name(&self, root: usize, qual: &str) -> Option<TypeId> {
        let (cat, title) = qual.rsplit_once('.').unwrap_or(("", qual));
        let cat = cat.rsplit('.').next().unwrap_or(cat);
        if let Some(&id) = self.by_title.get(&(root, cat, title)) {
            return Some(id);
        }
        self.by_bare_title.get(&(root, title)).copied().flatten()
    }
}

/// How a field's type resolved when it did not resolve to a type.
pub(super) enum Unresolved {
    /// Errors were reported: the doc is left out.
    Error,
    /// It links the SDK's own wrapper (raw HTTP response metadata, say): the field is
    /// not part of any JSON payload and is left out like the wrapper.
    SdkOnly,
}

/// A link repaired by [`Resolver`]: gathered over every doc, then reported once per
/// kind of repair (see [`repair_warnings`]).
#[derive(Debug, Clone)]
pub(super) struct Repair {
    pub(super) file: std::path::PathBuf,
    pub(super) pos: Pos,
    pub(super) link: String,
    pub(super) leaves_root: bool,
    /// What it resolved to: a doc path, or a qualified name.
    pub(super) by: String,
    pub(super) by_name: bool,
}

/// Resolves one doc's references.
pub(super) struct Resolver<'a> {
    pub(super) index: &'a Index<'a>,
    pub(super) src: &'a Source,
    /// The number of the doc's input root.
    pub(super) root: usize,
}

type Resolved = Result<Ty, Unresolved>;

/// Types made from a Type cell (constants, unions written in the cell) are numbered
/// from here, per doc, until `model::build_with` appends them to the model and gives
/// them their ids: the docs are resolved in parallel, so none can take an id then.
pub(super) const CELL_TYPES: usize = usize::MAX / 2;

/// A type made from a Type cell, waiting for its id and name.
pub(super) struct CellType {
    /// The doc name of the field whose cell it is (empty for a union doc's member).
    pub(super) field: String,
    /// Its name after the parent type's name (`Type` for `HostRule`'s `type`: `HostRuleType`).
    pub(super) suffix: String,
    pub(super) kind: Kind,
}

/// The name part a constant value gives (`"queue/v1beta"` -> `QueueV1beta`).
fn value_suffix(v: &ConstValue) -> String {
    match v {
        ConstValue::Str(s) => naming::camel_ident(s, "Empty", "V"),
        ConstValue::Bool(b) => if *b { "True" } else { "False" }.to_string(),
        ConstValue::Int(i) if *i < 0 => format!("Minus{}", i.unsigned_abs()),
        ConstValue::Int(i) => format!("V{i}"),
        ConstValue::Float(f) => naming::camel_ident(&f.to_string(), "Number", "V"),
        ConstValue::Null => "Null".to_string(),
    }
}

impl Resolver<'_> {
    /// Converts a doc type (without top-level presence) to a Rust type.
    pub(super) fn ty(&self, t: &TypeExpr, pos: Pos, found: &mut Found) -> Resolved {
        let src = self.src;
        Ok(match t {
            TypeExpr::Str => Ty::String,
            TypeExpr::Int(Some(32)) => Ty::I32,
            TypeExpr::Int(_) => Ty::I64,
            TypeExpr::Float(Some(32)) => Ty::F32,
            TypeExpr::Float(_) => Ty::F64,
            TypeExpr::Bool => Ty::Bool,
            TypeExpr::Any => Ty::Json,
            TypeExpr::Timestamp => Ty::DateTime,
            TypeExpr::Date => Ty::Date,
            TypeExpr::Bytes => Ty::String,
            TypeExpr::Const(c) => self.constant(&[c], false, pos, found)?,
            TypeExpr::Union {
                members,
                link: Some(link),
            } => {
                // The union's own doc; its name, for a repair, is the link's file name.
                let stem = link
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .split('.')
                    .next()
                    .unwrap_or_default();
                match self.model(stem, Some(link), pos, found) {
                    Ok(Ty::Json) if !members.is_empty() => {
                        // The linked doc is missing: the members are still named.
                        found.degraded.pop();
                        self.cell_union(members, pos, found)?
                    }
                    r => r?,
                }
            }
            TypeExpr::Union {
                members,
                link: None,
            } => self.cell_union(members, pos, found)?,
            TypeExpr::HttpResponse | TypeExpr::ByteStream => {
                found.errors.push(Diagnostic::new(
                    ErrorKind::Unsupported,
                    &src.path,
                    Some(pos),
                    "an HTTP response or stream cannot be part of a JSON value here",
                ));
                return Err(Unresolved::Error);
            }
            TypeExpr::List(t) => Ty::List(Box::new(self.ty(t, pos, found)?)),
            TypeExpr::Map(t) => Ty::Map(Box::new(self.ty(t, pos, found)?)),
            TypeExpr::Optional(t) | TypeExpr::Nullable(t) | TypeExpr::OptionalNullable(t) => {
                Ty::Nullable(Box::new(self.ty(t, pos, found)?))
            }
            TypeExpr::Model { qual, link } => self.model(qual, link.as_deref(), pos, found)?,
        })
    }

    /// A constant, or a closed set of them: a type of its own, named after the field.
    /// A member of a union (`in_union`) is named by its value too.
    fn constant(&self, values: &[&Const], in_union: bool, pos: Pos, found: &mut Found) -> Resolved {
        let mut out: Vec<ConstVariant> = Vec::new();
        let mut names = std::collections::BTreeSet::new();
        for c in values {
            let value = match c {
                Const::Str(s) => ConstValue::Str(s.clone()),
                Const::Bool(b) => ConstValue::Bool(*b),
                Const::Null => ConstValue::Null,
                Const::Num(n) => match (n.parse::<i64>(), n.parse::<f64>()) {
                    (Ok(i), _) => ConstValue::Int(i),
                    (_, Ok(f)) if f.is_finite() => ConstValue::Float(f),
                    _ => {
                        found.errors.push(
                            Diagnostic::new(
                                ErrorKind::UnknownNotation,
                                &self.src.path,
                                Some(pos),
                                "expected a constant number that fits 64 bits",
                            )
                            .with_snippet(n),
                        );
                        return Err(Unresolved::Error);
                    }
                },
            };
            if out.iter().any(|v| v.value == value) {
                continue;
            }
            let rust_name = naming::unique(value_suffix(&value), "", &mut names);
            out.push(ConstVariant { rust_name, value });
        }
        let suffix = match out.as_slice() {
            [one] if in_union || found.hint.is_empty() => value_suffix(&one.value),
            _ => String::new(),
        };
        Ok(found.cell_type(suffix, Kind::Const(Constant { values: out })))
    }

    /// A union written in a Type cell: a union type of its own, named after the field.
    /// A `null` member makes the union nullable instead, a single member is itself,
    /// and a union of constants only is a closed set of values.
    fn cell_union(&self, members: &[TypeExpr], pos: Pos, found: &mut Found) -> Resolved {
        let members: Vec<&TypeExpr> = members.iter().filter(|m| !m.is_sdk_only()).collect();
        let null = members
            .iter()
            .any(|m| matches!(m, TypeExpr::Const(Const::Null)));
        let rest: Vec<&TypeExpr> = members
            .iter()
            .copied()
            .filter(|m| !matches!(m, TypeExpr::Const(Const::Null)))
            .collect();
        let ty = if rest.is_empty() {
            return self.constant(&[&Const::Null], false, pos, found);
        } else if let [one] = rest.as_slice() {
            self.ty(one, pos, found)?
        } else if rest.iter().all(|m| matches!(m, TypeExpr::Const(_))) {
            let values: Vec<&Const> = rest
                .iter()
                .filter_map(|m| match m {
                    TypeExpr::Const(c) => Some(c),
                    _ => None,
                })
                .collect();
            self.constant(&values, false, pos, found)?
        } else {
            let mut out = Vec::new();
            for m in rest {
                let ty = match m {
                    TypeExpr::Const(c) => self.constant(&[c], true, pos, found),
                    TypeExpr::Union {
                        members,
                        link: None,
                    } => self.cell_union(members, pos, found),
                    m => self.ty(m, pos, found),
                };
                match ty {
                    Ok(ty) => out.push(Member {
                        rust_name: String::new(),
                        ty,
                    }),
                    Err(Unresolved::SdkOnly) => {}
                    Err(e) => return Err(e),
                }
            }
            found.cell_type(
                String::new(),
                Kind::Union(Union {
                    members: out,
                    discriminator: None,
                }),
            )
        };
        Ok(if null { Ty::Nullable(Box::new(ty)) } else { ty })
    }

    fn model(&self, qual: &str, link: Option<&str>, pos: Pos, found: &mut Found) -> Resolved {
        let src = self.src;
        let Some(link) = link else {
            // Union members and some cells name models without a link: `components.Tag`.
            return match self.index.by_name(self.root, qual) {
                Some(id) => Ok(Ty::Named(id)),
                None => {
                    let (cat, title) = qual.rsplit_once('.').unwrap_or(("", qual));
                    found.errors.push(
                        Diagnostic::new(
                            ErrorKind::DanglingLink,
                            &src.path,
                            Some(pos),
                            if cat.is_empty() {
                                format!("expected a doc titled `{title}` among the inputs")
                            } else {
                                format!("expected a doc titled `{title}` (in a `{cat}` folder, or alone with that title) among the inputs")
                            },
                        )
                        .with_snippet(qual),
                    );
                    Err(Unresolved::Error)
                }
            };
        };
        let root = &self.index.roots[self.root];
        let resolved = discover::resolve_link_parts(root, src.dir(), link);
        let target = match &resolved {
            Some(parts) => self.index.by_path.get(&(self.root, parts.clone())).copied(),
            None => None,
        };
        let target = match target {
            Some(t) => t,
            None => match self.repair(qual, link, resolved.is_none()) {
                Some((target, by, by_name)) => {
                    found.repairs.push(Repair {
                        file: src.path.clone(),
                        pos,
                        link: link.to_string(),
                        leaves_root: resolved.is_none(),
                        by,
                        by_name,
                    });
                    target
                }
                None => {
                    let where_ = match &resolved {
                        Some(parts) => format!("`{}` is not among the input docs", parts.join("/")),
                        None => "it leaves the input folder".to_string(),
                    };
                    found.degrade(
                        Diagnostic::new(
                            if resolved.is_none() {
                                ErrorKind::LinkOutsideRoot
                            } else {
                                ErrorKind::DanglingLink
                            },
                            &src.path,
                            Some(pos),
                            format!(
                                "expected the linked doc for `{qual}`, but {where_} and no doc has that path or name; the field is read as any JSON value"
                            ),
                        )
                        .with_snippet(link)
                        .with_hint("pass the folder that holds every linked doc (e.g. `docs/models`), not a single file"),
                        DegradeCause::MissingTarget,
                    );
                    return Ok(Ty::Json);
                }
            },
        };
        match target {
            Target::Type(id) => Ok(Ty::Named(id)),
            Target::Skipped(SkipReason::ResponseWrapper) => Err(Unresolved::SdkOnly),
            Target::Skipped(reason) => {
                found.errors.push(
                    Diagnostic::new(
                        ErrorKind::LinkToSkipped,
                        &src.path,
                        Some(pos),
                        format!(
                            "expected a link to a model; the linked doc is skipped ({})",
                            reason.label()
                        ),
                    )
                    .with_snippet(link),
                );
                Err(Unresolved::Error)
            }
            Target::Broken => {
                found.errors.push(
                    Diagnostic::new(
                        ErrorKind::LinkToBroken,
                        &src.path,
                        Some(pos),
                        "expected the linked doc to define a model, but it has errors (reported for that file)",
                    )
                    .with_snippet(link),
                );
                Err(Unresolved::Error)
            }
        }
    }

    /// A stale or broken link's target: by the longest tail of its path that names a
    /// doc under the root (`../../../pkg/models/shared/x.md` -> `shared/x.md`), else by
    /// the qualified name it carries. Returns the target, what it was found by, and
    /// whether that was the name.
    fn repair(&self, qual: &str, link: &str, leaves_root: bool) -> Option<(Target, String, bool)> {
        let path = link.split(['#', '?']).next().unwrap_or_default();
        let parts: Vec<&str> = Path::new(path)
            .components()
            .filter_map(|c| match c {
                Component::Normal(n) => n.to_str(),
                _ => None,
            })
            .collect();
        // A link inside the root that names no doc has no stale prefix to drop.
        if leaves_root {
            for start in 0..parts.len() {
                let tail = parts[start..].to_vec();
                if let Some(&t) = self.index.by_path.get(&(self.root, tail.clone())) {
                    return Some((t, tail.join("/"), false));
                }
            }
        }
        let id = self
            .index
            .by_name(self.root, qual.trim_start_matches('*'))?;
        Some((Target::Type(id), qual.to_string(), true))
    }
}

/// One warning per kind of repaired link (left the input folder or pointed nowhere;
/// found by path or by name), at its first place, with the count of the others.
pub(super) fn repair_warnings(repairs: &[Repair]) -> Vec<Diagnostic> {
    let mut groups: std::collections::BTreeMap<(bool, bool), (&Repair, usize)> = Default::default();
    for r in repairs {
        groups
            .entry((r.leaves_root, r.by_name))
            .and_modify(|(_, n)| *n += 1)
            .or_insert((r, 1));
    }
    groups
        .into_values()
        .map(|(r, n)| {
            let what = if r.leaves_root {
                "leaves the input folder"
            } else {
                "points to no doc among the inputs"
            };
            let how = if r.by_name {
                format!("the model named `{}`", r.by)
            } else {
                format!("`{}`, the input doc its path ends with", r.by)
            };
            let more = match n - 1 {
                0 => String::new(),
                1 => "; 1 more link was resolved the same way".to_string(),
                m => format!("; {m} more links were resolved the same way"),
            };
            Diagnostic::new(
                if r.leaves_root {
                    ErrorKind::LinkOutsideRoot
                } else {
                    ErrorKind::DanglingLink
                },
                &r.file,
                Some(r.pos),
                format!("this link {what}; it was resolved to {how}{more}"),
            )
            .with_snippet(&r.link)
            .with_hint("the docs' links carry a stale path (docs moved after generation); regenerating the SDK docs fixes them")
        })
        .collect()
}
