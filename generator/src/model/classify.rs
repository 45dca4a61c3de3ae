//! Pass 1, one doc at a time: parse the markdown, decide what kind of model it is (or
//! why it is skipped), read its tables and Type cells. Needs no other doc, so it runs
//! on every thread at once.

use super::{remembered, DegradeCause, Degraded, Map, SkipReason};
use crate::discover::Source;
use crate::docs;
use crate::error::{Diagnostic, ErrorKind, Pos};
use crate::naming;
use crate::notation::{self, Flavor, TypeExpr};
use crate::parse::{self, Block, Doc, Section, Table, Text};
use std::borrow::Cow;

/// A doc's content, borrowed from its source text where it can be.
pub(super) struct Draft<'a> {
    pub(super) src: usize,
    pub(super) title: Cow<'a, str>,
    /// The Rust module path, from the doc's folder.
    pub(super) module: Vec<String>,
    /// The Rust type name, from the title, before it is made unique in its module.
    pub(super) name: String,
    /// The description, already rendered for rustdoc.
    pub(super) docs: String,
    pub(super) body: DraftBody<'a>,
}

pub(super) enum DraftBody<'a> {
    Struct {
        flavor: Flavor,
        /// Nothing in the doc tells its flavor (every flavor reads its cells alike and
        /// its names have no telling casing): the tree's flavor is taken instead.
        undecided: bool,
        rows: Vec<DraftField<'a>>,
    },
    Enum {
        flavor: Flavor,
        rows: Vec<EnumRow<'a>>,
    },
    Union {
        flavor: Flavor,
        members: Vec<(TypeExpr, Pos)>,
        /// The deciding field's doc name, from `## Union Discrimination`.
        discriminator: Option<String>,
    },
}

pub(super) struct DraftField<'a> {
    pub(super) name: Cow<'a, str>,
    pub(super) name_pos: Pos,
    pub(super) struck: bool,
    pub(super) required: bool,
    pub(super) ty: TypeExpr,
    pub(super) ty_pos: Pos,
    pub(super) description: Cow<'a, str>,
    pub(super) example: Option<Cow<'a, str>>,
}

pub(super) enum Classified<'a> {
    Draft(Draft<'a>),
    Skip(SkipReason),
}

/// The rest of a description that starts with the deprecation mark, spaced as the
/// generators write it (`: warning: ** DEPRECATED **:`) or not (`:warning: **DEPRECATED**:`).
pub(super) fn strip_deprecated(desc: &str) -> Option<&str> {
    let mut rest = desc;
    for token in [":", "warning", ":", "**", "DEPRECATED", "**", ":"] {
        rest = rest.trim_start().strip_prefix(token)?;
    }
    Some(rest)
}

/// Type cells parsed, by flavor and text: like names, they repeat across docs
/// (plex-py-2026-01: 443 distinct Type cells in 8554 rows).
#[derive(Default)]
pub(super) struct CellMemo {
    parsed: [Map<String, Result<TypeExpr, notation::NotationError>>; 3],
}

impl CellMemo {
    /// [`notation::parse_type`], remembered.
    pub(super) fn parse(
        &mut self,
        cell: &str,
        flavor: Flavor,
    ) -> Result<TypeExpr, notation::NotationError> {
        remembered(&mut self.parsed[flavor as usize], cell, |cell| {
            notation::parse_type(cell, flavor)
        })
        .clone()
    }
}

/// What classifying (and later building) a doc found besides its draft.
#[derive(Default)]
pub(super) struct Found {
    pub(super) errors: Vec<Diagnostic>,
    pub(super) warnings: Vec<Diagnostic>,
    pub(super) degraded: Vec<Degraded>,
    /// Links resolved by a repair (see `resolve`), reported together at the end.
    pub(super) repairs: Vec<super::resolve::Repair>,
    /// Types made from the doc's Type cells, numbered from `resolve::CELL_TYPES`.
    pub(super) cell_types: Vec<super::resolve::CellType>,
    /// The doc name of the field being resolved (empty for a union doc's members):
    /// what types made from its cell are named after.
    pub(super) hint: String,
}

impl Found {
    /// A type made from the cell being resolved, named after the field (`hint`) and
    /// `suffix`; the reference waits for its id (see `resolve::CELL_TYPES`).
    pub(super) fn cell_type(&mut self, suffix: String, kind: super::Kind) -> super::Ty {
        let field = naming::camel_ident(&self.hint, "", "V");
        self.cell_types.push(super::resolve::CellType {
            field: self.hint.clone(),
            suffix: format!("{field}{suffix}"),
            kind,
        });
        super::Ty::Named(super::TypeId(
            super::resolve::CELL_TYPES + self.cell_types.len() - 1,
        ))
    }

    /// A field or member read as any JSON value instead of its documented type: a
    /// warning (an error under `--strict`, decided by the caller) and a count.
    pub(super) fn degrade(&mut self, diagnostic: Diagnostic, cause: DegradeCause) {
        self.degraded.push(Degraded { diagnostic, cause });
    }
}

/// Parses and classifies one doc. Errors go to `found`; `None` then.
pub(super) fn classify<'a>(
    src_idx: usize,
    src: &'a Source,
    memo: &mut CellMemo,
    found: &mut Found,
) -> Option<Classified<'a>> {
    let errs = &mut found.errors;
    let file = &src.path;
    if src.text.trim().is_empty() {
        return Some(Classified::Skip(SkipReason::Empty));
    }
    let mut doc: Doc<'a> = parse::parse(&src.text);
    // A deprecated model's title is struck through (`~~LegacyVideo~~`); the type keeps
    // its name (the deprecation notice is in the description).
    if let Some(t) = &mut doc.title {
        if let Some(inner) = t.text.strip_prefix("~~").and_then(|r| r.strip_suffix("~~")) {
            t.text = Cow::Owned(inner.trim().to_string());
        }
    }
    let Some(title) = &doc.title else {
        if doc
            .sections
            .iter()
            .any(|s| s.level == 2 && s.heading.text == "Options")
        {
            return Some(Classified::Skip(SkipReason::SdkOptions));
        }
        errs.push(
            Diagnostic::new(
                ErrorKind::MissingTitle,
                file,
                doc.sections
                    .first()
                    .map(|s| s.heading.pos)
                    .or(Some(Pos { line: 1, col: 1 })),
                "expected a `# Title` line naming the model before its sections",
            )
            .with_hint("every model doc starts with `# <TypeName>`"),
        );
        return None;
    };
    if title.text.is_empty() {
        errs.push(Diagnostic::new(
            ErrorKind::MissingTitle,
            file,
            Some(title.pos),
            "expected a type name after `# `",
        ));
        return None;
    }
    let kind_section = doc.sections.iter().position(|s| {
        s.level == 2 && matches!(&*s.heading.text, "Fields" | "Values" | "Supported Types")
    });
    let Some(idx) = kind_section else {
        // The Go SDK's options page (`# Options`, `## Global Options`, `## Per-Method
        // Options`): no model section, only option sections.
        let level2 = || doc.sections.iter().filter(|s| s.level == 2);
        if level2().next().is_some() && level2().all(|s| s.heading.text.ends_with("Options")) {
            return Some(Classified::Skip(SkipReason::SdkOptions));
        }
        errs.push(
            Diagnostic::new(
                ErrorKind::MissingSection,
                file,
                Some(title.pos),
                "expected a `## Fields`, `## Values` or `## Supported Types` section after the title",
            )
            .with_snippet(&title.text),
        );
        return None;
    };
    let section = &doc.sections[idx];
    // The SDK's language, where an `## Example Usage` code block names it.
    let usage = doc
        .sections
        .iter()
        .filter(|s| s.heading.text == "Example Usage")
        .flat_map(|s| &s.blocks)
        .find_map(|b| match b {
            Block::Code { lang, .. } => Flavor::from_code_lang(lang),
            _ => None,
        });
    let body = match &*section.heading.text {
        "Fields" => {
            let Some(table) = section.tables().next() else {
                errs.push(Diagnostic::new(
                    ErrorKind::MissingSection,
                    file,
                    Some(section.heading.pos),
                    "expected a `| Field | Type | Required | Description |` table under `## Fields`",
                ));
                return None;
            };
            match fields_table(src, table, usage, memo, found)? {
                Ok(b) => b,
                Err(skip) => return Some(Classified::Skip(skip)),
            }
        }
        "Values" => {
            if let Some(table) = section.tables().next() {
                values_table(src, table, usage, errs)?
            } else if let Some(code) = section.blocks.iter().find_map(|b| match b {
                Block::Code { text, .. } => Some(text),
                _ => None,
            }) {
                values_code(src, code, errs)?
            } else {
                errs.push(Diagnostic::new(
                    ErrorKind::MissingSection,
                    file,
                    Some(section.heading.pos),
                    "expected a `| Name | Value |` table or a TypeScript union (`\"a\" | \"b\"`) under `## Values`",
                ));
                return None;
            }
        }
        _ => union_members(src, &doc.sections[idx + 1..], section, found)?,
    };
    // Done here, with the rest of the work that needs only this doc.
    let docs = doc
        .description
        .as_ref()
        .map(|t| docs::rustdoc(&t.text))
        .unwrap_or_default();
    let title = doc.title.take().map(|t| t.text).unwrap_or_default();
    let module = src
        .dir()
        .iter()
        .map(|c| naming::escape_keyword(naming::snake_ident(&naming::words(c), "module")))
        .collect();
    let name = naming::escape_keyword(naming::camel_ident(&title, "Type", "T"));
    Some(Classified::Draft(Draft {
        src: src_idx,
        title,
        module,
        name,
        docs,
        body,
    }))
}

/// The position of the column named `name` (lower-case), ignoring ASCII case; of
/// equally named columns the last counts.
fn column(table: &Table, name: &str) -> Option<usize> {
    table
        .header
        .iter()
        .rposition(|c| c.text.eq_ignore_ascii_case(name))
}

fn check_rows(src: &Source, table: &Table, errs: &mut Vec<Diagnostic>) -> bool {
    let mut ok = true;
    let n = table.header.len();
    for row in &table.rows {
        let pos = row.first().map(|c| c.pos).unwrap_or(table.pos);
        if row.len() < n {
            ok = false;
            errs.push(
                Diagnostic::new(
                    ErrorKind::ShortRow,
                    &src.path,
                    Some(pos),
                    format!("expected {n} cells as in the header, found {}", row.len()),
                )
                .with_snippet(&row.iter().map(|c| &*c.text).collect::<Vec<_>>().join(" | ")),
            );
        } else if row.len() > n {
            ok = false;
            errs.push(
                Diagnostic::new(
                    ErrorKind::BadCell,
                    &src.path,
                    Some(row[n].pos),
                    format!("expected {n} cells as in the header, found {}", row.len()),
                )
                .with_snippet(&row[n].text)
                .with_hint("a literal `|` inside a cell must be escaped as `\\|`"),
            );
        }
    }
    ok
}

type FieldsResult<'a> = Result<DraftBody<'a>, SkipReason>;

fn fields_table<'a>(
    src: &Source,
    table: &Table<'a>,
    usage: Option<Flavor>,
    memo: &mut CellMemo,
    found: &mut Found,
) -> Option<FieldsResult<'a>> {
    let errs = &mut found.errors;
    let col = |name| column(table, name);
    let (field, ty, req) = (col("field"), col("type"), col("required"));
    let (Some(fc), Some(tc), Some(rc)) = (field, ty, req) else {
        if col("name").is_some() && ty.is_some() && req.is_none() {
            // The SDK's own configuration pages (retry settings) use this layout.
            return Some(Err(SkipReason::SdkConfig));
        }
        let missing: Vec<_> = [("Field", field), ("Type", ty), ("Required", req)]
            .iter()
            .filter(|(_, c)| c.is_none())
            .map(|(n, _)| format!("`{n}`"))
            .collect();
        errs.push(
            Diagnostic::new(
                ErrorKind::MissingColumn,
                &src.path,
                Some(table.pos),
                format!(
                    "expected the Fields table to have a {} column",
                    missing.join(" and ")
                ),
            )
            .with_snippet(
                &table
                    .header
                    .iter()
                    .map(|c| &*c.text)
                    .collect::<Vec<_>>()
                    .join(" | "),
            ),
        );
        return None;
    };
    if !check_rows(src, table, errs) {
        return None;
    }
    let dc = col("description");
    let ec = col("example");
    let before = errs.len();
    let names: Vec<(Cow<'a, str>, bool)> = table
        .rows
        .iter()
        .map(|r| field_name(src, &r[fc], errs).unwrap_or_default())
        .collect();
    let cells: Vec<&str> = table.rows.iter().map(|r| &*r[tc].text).collect();
    let name_refs: Vec<&str> = names.iter().map(|(n, _)| &**n).collect();
    // Every cell parsed once in the flavor chosen, not again below.
    let (flavor, types) =
        notation::parse_cells_with(&cells, &name_refs, |cell, f| memo.parse(cell, f));
    // A usage example in the SDK's language settles what the cells leave open.
    let (flavor, undecided) = match usage {
        Some(f) if notation::flavor_undecided(&cells, &name_refs) => (f, false),
        _ => (flavor, notation::flavor_undecided(&cells, &name_refs)),
    };
    let mut rows = Vec::with_capacity(table.rows.len());
    for ((row, (name, struck)), ty) in table.rows.iter().zip(names).zip(types) {
        let required = match &*row[rc].text {
            ":heavy_check_mark:" => true,
            ":heavy_minus_sign:" => false,
            other => {
                errs.push(
                    Diagnostic::new(
                        ErrorKind::BadCell,
                        &src.path,
                        Some(row[rc].pos),
                        "expected `:heavy_check_mark:` or `:heavy_minus_sign:` in the Required column",
                    )
                    .with_snippet(other),
                );
                continue;
            }
        };
        let cell = &row[tc];
        let ty = match ty {
            Ok(t) => t,
            // Brackets that do not pair up are a broken doc; a notation no grammar
            // knows is read as any JSON value rather than losing the whole doc.
            Err(e) if e.unbalanced => {
                errs.push(notation_error(src, cell, &e, flavor));
                continue;
            }
            Err(e) => {
                let warning = notation_error(src, cell, &e, flavor);
                let warning = Diagnostic {
                    message: format!("{}; the field is read as any JSON value", warning.message),
                    ..warning
                };
                found.degraded.push(Degraded {
                    diagnostic: warning,
                    cause: DegradeCause::UnknownNotation,
                });
                TypeExpr::Any
            }
        };
        rows.push(DraftField {
            name,
            name_pos: row[fc].pos,
            struck,
            required,
            ty,
            ty_pos: cell.pos,
            description: dc.map(|c| row[c].text.clone()).unwrap_or_default(),
            example: ec
                .map(|c| unbreak_cell(&row[c].text))
                .filter(|e| !e.trim().is_empty()),
        });
    }
    if errs.len() > before {
        return None;
    }
    // A required raw HTTP response marks the SDK's response wrapper, not a payload.
    if rows
        .iter()
        .any(|r| r.required && matches!(r.ty.unwrapped(), TypeExpr::HttpResponse))
    {
        return Some(Err(SkipReason::ResponseWrapper));
    }
    Some(Ok(DraftBody::Struct {
        flavor,
        undecided,
        rows,
    }))
}

fn notation_error(
    src: &Source,
    cell: &Text,
    e: &notation::NotationError,
    flavor: Flavor,
) -> Diagnostic {
    let trimmed_lead = cell.text.len() - cell.text.trim_start().len();
    let chars = cell.text[..(trimmed_lead + e.offset).min(cell.text.len())]
        .chars()
        .count() as u32;
    let kind = if e.unbalanced {
        ErrorKind::UnbalancedBrackets
    } else {
        ErrorKind::UnknownNotation
    };
    let hint = match flavor {
        Flavor::Python => "Python notation: `*str*`, `*Optional[int]*`, `List[*str*]`, `Dict[str, *Any*]`, `[Optional[components.X]](../../models/components/x.md)`",
        Flavor::Go => "Go notation: `*string*`, `**int64*`, `[]*string*`, `map[string]*any*`, `[*components.X](../../models/components/x.md)`",
        Flavor::TypeScript => "TypeScript notation: `*string*`, `*number*`, `*string*[]`, `Record<string, *any*>`, `[models.X](../models/x.md)`",
    };
    Diagnostic::new(
        kind,
        &src.path,
        Some(Pos {
            line: cell.pos.line,
            col: cell.pos.col + chars,
        }),
        format!("{} in the Type cell", e.message),
    )
    .with_snippet(&cell.text)
    .with_hint(hint)
}

/// [`docs::unbreak`] for a cell, still borrowing from the doc when there is no break.
fn unbreak_cell<'a>(cell: &Cow<'a, str>) -> Cow<'a, str> {
    match cell {
        Cow::Borrowed(text) => docs::unbreak_cow(text),
        Cow::Owned(text) => Cow::Owned(docs::unbreak(text)),
    }
}

/// `` `name` `` or `` ~~`name`~~ `` -> (name, struck through).
fn field_name<'a>(
    src: &Source,
    cell: &Text<'a>,
    errs: &mut Vec<Diagnostic>,
) -> Option<(Cow<'a, str>, bool)> {
    let t = &*cell.text;
    let struck = t.starts_with("~~") && t.ends_with("~~") && t.len() >= 4;
    fn unwrap(mut t: &str, struck: bool) -> &str {
        if struck {
            t = &t[2..t.len() - 2];
        }
        t.strip_prefix('`')
            .and_then(|s| s.strip_suffix('`'))
            .unwrap_or(t)
            .trim()
    }
    // Borrowed from the doc unless the cell itself had to be rewritten.
    let name = match &cell.text {
        Cow::Borrowed(t) => Cow::Borrowed(unwrap(t, struck)),
        Cow::Owned(t) => Cow::Owned(unwrap(t, struck).to_string()),
    };
    if name.is_empty() {
        errs.push(Diagnostic::new(
            ErrorKind::BadCell,
            &src.path,
            Some(cell.pos),
            "expected a field name in a code span, like `` `id` ``",
        ));
        return None;
    }
    Some((name, struck))
}

/// A `## Values` TypeScript union (`"a" | "b" | Unrecognized<string>`): each value is
/// its own member name.
fn values_code<'a>(
    src: &Source,
    code: &Text<'a>,
    errs: &mut Vec<Diagnostic>,
) -> Option<DraftBody<'a>> {
    // The code starts on the line after its fence (where `code.pos` is).
    let at = |offset: usize| {
        let before = &code.text[..offset.min(code.text.len())];
        let line_start = before.rfind('\n').map_or(0, |nl| nl + 1);
        Pos {
            line: code.pos.line + 1 + before.matches('\n').count() as u32,
            col: before[line_start..].chars().count() as u32 + 1,
        }
    };
    let values = match notation::typescript::values(&code.text) {
        Ok(v) => v,
        Err(e) => {
            errs.push(
                Diagnostic::new(
                    if e.unbalanced {
                        ErrorKind::UnbalancedBrackets
                    } else {
                        ErrorKind::UnknownNotation
                    },
                    &src.path,
                    Some(at(e.offset)),
                    format!("{} in the `## Values` union", e.message),
                )
                .with_snippet(code.text.trim()),
            );
            return None;
        }
    };
    let mut rows = Vec::with_capacity(values.values.len());
    for v in values.values {
        let pos = at(v.offset);
        let (value, number) = match v.value {
            notation::Const::Str(s) => (s, false),
            notation::Const::Num(n) => (n, true),
            other => {
                errs.push(
                    Diagnostic::new(
                        ErrorKind::BadEnum,
                        &src.path,
                        Some(pos),
                        "expected string or number values in the `## Values` union",
                    )
                    .with_snippet(&format!("{other:?}")),
                );
                return None;
            }
        };
        rows.push(EnumRow {
            name: Cow::Owned(value.clone()),
            name_pos: pos,
            value: Cow::Owned(value),
            value_pos: pos,
            number: Some(number),
        });
    }
    Some(DraftBody::Enum {
        flavor: Flavor::TypeScript,
        rows,
    })
}

fn values_table<'a>(
    src: &Source,
    table: &Table<'a>,
    usage: Option<Flavor>,
    errs: &mut Vec<Diagnostic>,
) -> Option<DraftBody<'a>> {
    let (Some(nc), Some(vc)) = (column(table, "name"), column(table, "value")) else {
        errs.push(
            Diagnostic::new(
                ErrorKind::MissingColumn,
                &src.path,
                Some(table.pos),
                "expected the Values table to have `Name` and `Value` columns",
            )
            .with_snippet(
                &table
                    .header
                    .iter()
                    .map(|c| &*c.text)
                    .collect::<Vec<_>>()
                    .join(" | "),
            ),
        );
        return None;
    };
    if !check_rows(src, table, errs) {
        return None;
    }
    let before = errs.len();
    let mut rows = Vec::new();
    for row in &table.rows {
        let (name, _) = field_name(src, &row[nc], errs)?;
        rows.push(EnumRow {
            name,
            name_pos: row[nc].pos,
            value: row[vc].text.clone(),
            value_pos: row[vc].pos,
            number: None,
        });
    }
    if errs.len() > before {
        return None;
    }
    // The language of the doc's usage example; else by the names: Python member
    // names are UPPER_SNAKE, Go's the title plus PascalCase.
    let flavor = usage.unwrap_or(
        if rows
            .iter()
            .all(|r| !r.name.chars().any(|c| c.is_lowercase()))
        {
            Flavor::Python
        } else {
            Flavor::Go
        },
    );
    Some(DraftBody::Enum { flavor, rows })
}

fn union_members<'a>(
    src: &Source,
    after: &[Section],
    section: &Section,
    found: &mut Found,
) -> Option<DraftBody<'a>> {
    let errs = &mut found.errors;
    let mut members = Vec::new();
    let mut flavor = None;
    for s in after.iter().take_while(|s| s.level > 2) {
        let code = s.blocks.iter().find_map(|b| match b {
            Block::Code { lang, text } => Some((lang.as_str(), text)),
            _ => None,
        });
        let f = match code.and_then(|c| Flavor::from_code_lang(c.0)) {
            Some(f) => f,
            None if s.heading_is_code => Flavor::Python,
            None => Flavor::Go,
        };
        flavor.get_or_insert(f);
        // Python and TypeScript name the member type in the heading; Go only in the
        // code: `x := components.CreateXStr(string{/* values here */})`.
        let (text, pos) = if f != Flavor::Go && !s.heading.text.is_empty() {
            (s.heading.text.to_string(), s.heading.pos)
        } else if let Some((_, code)) = code {
            match notation::snippet_type(&code.text, f) {
                Some(t) => (t.trim().to_string(), code.pos),
                None => {
                    errs.push(
                        Diagnostic::new(
                            ErrorKind::BadUnion,
                            &src.path,
                            Some(code.pos),
                            "expected a member constructor such as `x := components.CreateXStr(string{...})` or `value: str = ...`",
                        )
                        .with_snippet(code.text.trim()),
                    );
                    return None;
                }
            }
        } else {
            errs.push(Diagnostic::new(
                ErrorKind::BadUnion,
                &src.path,
                Some(s.heading.pos),
                "expected the member type in the heading (`` ### `str` ``) or a code block under it",
            ));
            return None;
        };
        match notation::parse_plain(&text, f) {
            Ok(t) => members.push((t, pos)),
            Err(e) if e.unbalanced => {
                errs.push(
                    Diagnostic::new(
                        ErrorKind::UnbalancedBrackets,
                        &src.path,
                        Some(pos),
                        format!("{} in a union member type", e.message),
                    )
                    .with_snippet(&text),
                );
                return None;
            }
            Err(e) => {
                found.degraded.push(Degraded {
                    diagnostic: Diagnostic::new(
                        ErrorKind::UnknownNotation,
                        &src.path,
                        Some(pos),
                        format!(
                            "{} in a union member type; the member is read as any JSON value",
                            e.message
                        ),
                    )
                    .with_snippet(&text),
                    cause: DegradeCause::UnknownNotation,
                });
                members.push((TypeExpr::Any, pos));
            }
        }
    }
    if members.is_empty() {
        errs.push(Diagnostic::new(
            ErrorKind::BadUnion,
            &src.path,
            Some(section.heading.pos),
            "expected at least one `###` member under `## Supported Types`",
        ));
        return None;
    }
    Some(DraftBody::Union {
        flavor: flavor.unwrap_or(Flavor::Python),
        members,
        discriminator: discriminator(after),
    })
}

/// The field a `## Union Discrimination` section names: "Use the `Type` field to
/// determine which variant is active".
fn discriminator(after: &[Section]) -> Option<String> {
    let section = after
        .iter()
        .find(|s| s.level == 2 && s.heading.text.trim() == "Union Discrimination")?;
    section.blocks.iter().find_map(|b| {
        let Block::Other(text) = b else { return None };
        let rest = &text.text[text.text.find("Use the `")? + "Use the `".len()..];
        let (name, tail) = rest.split_once('`')?;
        let valid = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.');
        (valid && tail.trim_start().starts_with("field")).then(|| name.to_string())
    })
}

/// One row of a Values table.
pub(super) struct EnumRow<'a> {
    pub(super) name: Cow<'a, str>,
    pub(super) name_pos: Pos,
    pub(super) value: Cow<'a, str>,
    pub(super) value_pos: Pos,
    /// How the value is written: a bare table cell (`None`: digits read as a number),
    /// or a TypeScript literal, `Some(true)` for a number and `Some(false)` a string.
    pub(super) number: Option<bool>,
}
