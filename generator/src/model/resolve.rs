//! References: a doc's links (by path) and unlinked model names (by folder and title),
//! resolved against the index of every doc once all are classified.

use super::{Map, SkipReason, Ty, TypeId};
use crate::discover::{self, Source};
use crate::error::{Diagnostic, ErrorKind, Pos};
use crate::notation::TypeExpr;

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
}

/// Resolves one doc's references.
pub(super) struct Resolver<'a> {
    pub(super) index: &'a Index<'a>,
    pub(super) src: &'a Source,
    /// The number of the doc's input root.
    pub(super) root: usize,
}

impl Resolver<'_> {
    /// Converts a doc type (without top-level presence) to a Rust type.
    pub(super) fn ty(&self, t: &TypeExpr, pos: Pos, errs: &mut Vec<Diagnostic>) -> Option<Ty> {
        let src = self.src;
        Some(match t {
            TypeExpr::Str => Ty::String,
            TypeExpr::Int(Some(32)) => Ty::I32,
            TypeExpr::Int(_) => Ty::I64,
            TypeExpr::Float(Some(32)) => Ty::F32,
            TypeExpr::Float(_) => Ty::F64,
            TypeExpr::Bool => Ty::Bool,
            TypeExpr::Any => Ty::Json,
            TypeExpr::Timestamp => Ty::DateTime,
            TypeExpr::Date => Ty::Date,
            TypeExpr::HttpResponse | TypeExpr::ByteStream => {
                errs.push(Diagnostic::new(
                    ErrorKind::Unsupported,
                    &src.path,
                    Some(pos),
                    "an HTTP response or stream cannot be part of a JSON value here",
                ));
                return None;
            }
            TypeExpr::List(t) => Ty::List(Box::new(self.ty(t, pos, errs)?)),
            TypeExpr::Map(t) => Ty::Map(Box::new(self.ty(t, pos, errs)?)),
            TypeExpr::Optional(t) | TypeExpr::Nullable(t) | TypeExpr::OptionalNullable(t) => {
                Ty::Nullable(Box::new(self.ty(t, pos, errs)?))
            }
            TypeExpr::Model { qual, link } => {
                Ty::Named(self.model(qual, link.as_deref(), pos, errs)?)
            }
        })
    }

    fn model(
        &self,
        qual: &str,
        link: Option<&str>,
        pos: Pos,
        errs: &mut Vec<Diagnostic>,
    ) -> Option<TypeId> {
        let src = self.src;
        let Some(link) = link else {
            // Union members name models without a link: `components.Tag`.
            let (cat, title) = qual.rsplit_once('.').unwrap_or(("", qual));
            let cat = cat.rsplit('.').next().unwrap_or(cat);
            return match self.index.by_title.get(&(self.root, cat, title)) {
                Some(&id) => Some(id),
                None => {
                    errs.push(
                        Diagnostic::new(
                            ErrorKind::DanglingLink,
                            &src.path,
                            Some(pos),
                            format!("expected a doc titled `{title}` in a `{cat}` folder among the inputs"),
                        )
                        .with_snippet(qual),
                    );
                    None
                }
            };
        };
        let root = &self.index.roots[self.root];
        let Some(target) = discover::resolve_link_parts(root, src.dir(), link) else {
            errs.push(
                Diagnostic::new(
                    ErrorKind::LinkOutsideRoot,
                    &src.path,
                    Some(pos),
                    "expected a link to a doc inside the input folder; this one leaves it and was not followed",
                )
                .with_snippet(link),
            );
            return None;
        };
        let key = (self.root, target);
        let target = &key.1;
        match self.index.by_path.get(&key) {
            Some(Target::Type(id)) => Some(*id),
            Some(Target::Skipped(reason)) => {
                errs.push(
                    Diagnostic::new(
                        ErrorKind::LinkToSkipped,
                        &src.path,
                        Some(pos),
                        format!(
                            "expected a link to a model; `{}` is skipped ({})",
                            target.join("/"),
                            reason.label()
                        ),
                    )
                    .with_snippet(link),
                );
                None
            }
            Some(Target::Broken) => {
                errs.push(
                    Diagnostic::new(
                        ErrorKind::LinkToBroken,
                        &src.path,
                        Some(pos),
                        format!("expected `{}` to define a model, but it has errors (reported for that file)", target.join("/")),
                    )
                    .with_snippet(link),
                );
                None
            }
            None => {
                errs.push(
                    Diagnostic::new(
                        ErrorKind::DanglingLink,
                        &src.path,
                        Some(pos),
                        format!("expected `{}` among the input docs for `{qual}`", target.join("/")),
                    )
                    .with_snippet(link)
                    .with_hint("pass the folder that holds every linked doc (e.g. `docs/models`), not a single file"),
                );
                None
            }
        }
    }
}
