//! Stage 4: docs -> [`Model`], the one IR. Classifies docs, resolves references by file
//! path, names everything (Rust names, wire names), breaks cycles with `Box`, decides
//! which types can derive `Default`, and validates. The IR is plain data; `Debug`
//! prints it.

use crate::discover::{self, Source};
use crate::docs;
use crate::error::{Diagnostic, ErrorKind, Pos};
use crate::naming;
use crate::notation::{self, Flavor, TypeExpr};
use crate::parse::{self, Block, Doc, Section, Table, Text};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::BuildHasherDefault;
use std::path::{Path, PathBuf};

/// Index of a type in [`Model::types`].
pub type TypeId = usize;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Model {
    /// Sorted by module path, then by source path.
    pub types: Vec<TypeDef>,
    pub skipped: Vec<Skipped>,
    pub warnings: Vec<Diagnostic>,
    /// Docs read (emitted, skipped or in error).
    pub docs_read: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub file: PathBuf,
    pub reason: SkipReason,
}

/// Why a doc produced no type. Each is counted in the summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipReason {
    /// An SDK response wrapper: holds the raw HTTP response, not a JSON payload.
    ResponseWrapper,
    /// An SDK options page (no title, `## Options`).
    SdkOptions,
    /// An SDK configuration page (`Name | Type | Description` tables, no wire shape).
    SdkConfig,
    /// An empty file.
    Empty,
}

impl SkipReason {
    pub fn label(self) -> &'static str {
        match self {
            SkipReason::ResponseWrapper => "response wrapper",
            SkipReason::SdkOptions => "SDK options",
            SkipReason::SdkConfig => "SDK config",
            SkipReason::Empty => "empty",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// Rust module path (identifiers, escaped) from the crate root of the output.
    pub module: Vec<String>,
    /// Rust type name (identifier, escaped).
    pub name: String,
    /// The doc's title.
    pub title: String,
    pub source: PathBuf,
    pub flavor: Option<Flavor>,
    /// Rustdoc-safe markdown.
    pub docs: String,
    pub kind: Kind,
}

impl TypeDef {
    /// The type's path from the crate root, e.g. `operations::GetTokenResponseBody`.
    pub fn rust_path(&self) -> String {
        let mut p = String::new();
        for m in &self.module {
            p.push_str(m);
            p.push_str("::");
        }
        p.push_str(&self.name);
        p
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Struct(Struct),
    Enum(Enum),
    Union(Union),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// Keys not declared as fields, kept in a map (free-form objects and
    /// documented extra properties).
    pub extra: Option<Extra>,
    /// SDK-only fields (raw HTTP responses, streams) left out because they are not JSON.
    pub sdk_only: Vec<String>,
    pub derive_default: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Extra {
    pub rust_name: String,
    pub value: Ty,
    /// Kept as JSON text in arrival order (the emitted `UnknownKeys` type) rather than
    /// as a map of `value`s: set by [`keep_unknown`] with [`KeepUnknown::Text`].
    pub text: bool,
}

/// How structs treat JSON keys their docs do not declare.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum KeepUnknown {
    /// Skip them (the default).
    #[default]
    No,
    /// Keep them in a `BTreeMap<String, serde_json::Value>`, as schema generators do.
    Map,
    /// Keep them as JSON text, in the order they came, in the emitted `UnknownKeys`
    /// type: no allocation per key, so reading costs much less than the map.
    Text,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The name as the doc writes it.
    pub doc_name: String,
    pub rust_name: String,
    pub wire_name: String,
    /// Other spellings accepted when deserializing.
    pub aliases: Vec<String>,
    pub ty: Ty,
    pub presence: Presence,
    pub docs: String,
    /// The Example cell, `<br/>` turned into newlines.
    pub example: Option<String>,
    pub deprecated: Option<String>,
    pub pos: Pos,
}

/// Whether a key must be there and whether it may be null.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Present, never null: `T`.
    Required,
    /// May be absent, never null: `Option<T>`, omitted when `None`.
    Optional,
    /// Present, may be null: `Option<T>`, written as `null` when `None`.
    Nullable,
    /// Absent, null or a value: `Option<Option<T>>`.
    OptionalNullable,
}

/// A Rust type in the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    String,
    I64,
    I32,
    F64,
    F32,
    Bool,
    Json,
    DateTime,
    Date,
    List(Box<Ty>),
    Map(Box<Ty>),
    /// A nullable element inside a container.
    Nullable(Box<Ty>),
    Named(TypeId),
    /// A reference that needs indirection to break a cycle.
    Boxed(Box<Ty>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    pub repr: EnumRepr,
    pub variants: Vec<Variant>,
    /// Name of the catch-all variant that keeps unknown values.
    pub catch_all: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumRepr {
    Str,
    Int,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub rust_name: String,
    /// The wire value exactly as documented (decimal text for integer enums).
    pub value: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// In deserialization order: the first member that accepts a value wins.
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub rust_name: String,
    pub ty: Ty,
}

/// The model plus the errors found building it. Docs with errors are left out.
pub struct Built {
    pub model: Model,
    pub errors: Vec<Diagnostic>,
}

// ---------------------------------------------------------------------------------
// Pass 1: one doc at a time.

/// A doc's content, borrowed from its source text where it can be.
struct Draft<'a> {
    src: usize,
    title: Cow<'a, str>,
    /// The Rust module path, from the doc's folder.
    module: Vec<String>,
    /// The Rust type name, from the title, before it is made unique in its module.
    name: String,
    /// The description, already rendered for rustdoc.
    docs: String,
    body: DraftBody<'a>,
}

enum DraftBody<'a> {
    Struct {
        flavor: Flavor,
        rows: Vec<DraftField<'a>>,
    },
    Enum {
        flavor: Flavor,
        rows: Vec<EnumRow<'a>>,
    },
    Union {
        flavor: Flavor,
        members: Vec<(TypeExpr, Pos)>,
    },
}

struct DraftField<'a> {
    name: Cow<'a, str>,
    name_pos: Pos,
    struck: bool,
    required: bool,
    ty: TypeExpr,
    ty_pos: Pos,
    description: Cow<'a, str>,
    example: Option<Cow<'a, str>>,
}

enum Classified<'a> {
    Draft(Draft<'a>),
    Skip(SkipReason),
}

/// The rest of a description that starts with the deprecation mark, spaced as the
/// generators write it (`: warning: ** DEPRECATED **:`) or not (`:warning: **DEPRECATED**:`).
fn strip_deprecated(desc: &str) -> Option<&str> {
    let mut rest = desc;
    for token in [":", "warning", ":", "**", "DEPRECATED", "**", ":"] {
        rest = rest.trim_start().strip_prefix(token)?;
    }
    Some(rest)
}

/// Type cells parsed, by flavor and text: like names, they repeat across docs
/// (plex-py-2026-01: 443 distinct Type cells in 8554 rows).
#[derive(Default)]
struct CellMemo {
    // model integration pending (notation branch): one memo per flavor, three flavors.
    parsed: [Map<String, Result<TypeExpr, notation::NotationError>>; 3],
}

impl CellMemo {
    /// [`notation::parse_type`], remembered.
    fn parse(&mut self, cell: &str, flavor: Flavor) -> Result<TypeExpr, notation::NotationError> {
        remembered(&mut self.parsed[flavor as usize], cell, |cell| {
            notation::parse_type(cell, flavor)
        })
        .clone()
    }
}

/// Parses and classifies one doc. Errors go to `errs`; `None` then.
fn classify<'a>(
    src_idx: usize,
    src: &'a Source,
    memo: &mut CellMemo,
    errs: &mut Vec<Diagnostic>,
) -> Option<Classified<'a>> {
    let file = &src.path;
    if src.text.trim().is_empty() {
        return Some(Classified::Skip(SkipReason::Empty));
    }
    let mut doc: Doc<'a> = parse::parse(&src.text);
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
            match fields_table(src, table, memo, errs)? {
                Ok(b) => b,
                Err(skip) => return Some(Classified::Skip(skip)),
            }
        }
        "Values" => {
            let Some(table) = section.tables().next() else {
                errs.push(Diagnostic::new(
                    ErrorKind::MissingSection,
                    file,
                    Some(section.heading.pos),
                    "expected a `| Name | Value |` table under `## Values`",
                ));
                return None;
            };
            values_table(src, table, errs)?
        }
        _ => union_members(src, &doc.sections[idx + 1..], section, errs)?,
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
    memo: &mut CellMemo,
    errs: &mut Vec<Diagnostic>,
) -> Option<FieldsResult<'a>> {
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
            Err(e) => {
                errs.push(notation_error(src, cell, &e, flavor));
                continue;
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
    Some(Ok(DraftBody::Struct { flavor, rows }))
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
        // model integration pending (notation branch)
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

fn values_table<'a>(
    src: &Source,
    table: &Table<'a>,
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
        });
    }
    if errs.len() > before {
        return None;
    }
    // Python member names are UPPER_SNAKE; Go's are the title plus PascalCase.
    let flavor = if rows
        .iter()
        .all(|r| !r.name.chars().any(|c| c.is_lowercase()))
    {
        Flavor::Python
    } else {
        Flavor::Go
    };
    Some(DraftBody::Enum { flavor, rows })
}

fn union_members<'a>(
    src: &Source,
    after: &[Section],
    section: &Section,
    errs: &mut Vec<Diagnostic>,
) -> Option<DraftBody<'a>> {
    let mut members = Vec::new();
    let mut flavor = None;
    for s in after.iter().take_while(|s| s.level > 2) {
        let code = s.blocks.iter().find_map(|b| match b {
            Block::Code { lang, text } => Some((lang.as_str(), text)),
            _ => None,
        });
        let f = match code.map(|c| c.0) {
            Some("go") => Flavor::Go,
            Some("python") => Flavor::Python,
            _ if s.heading_is_code => Flavor::Python,
            _ => Flavor::Go,
        };
        flavor.get_or_insert(f);
        // Python names the member type in the heading; Go only in the code:
        // `x := components.CreateXStr(string{/* values here */})`.
        let (text, pos) = if f == Flavor::Python && !s.heading.text.is_empty() {
            (s.heading.text.to_string(), s.heading.pos)
        } else if let Some((_, code)) = code {
            let t = match f {
                Flavor::Go => code
                    .text
                    .split_once('(')
                    .and_then(|(_, r)| r.split_once('{'))
                    .map(|(t, _)| t.trim().to_string()),
                // model integration pending (notation branch): TypeScript is not chosen here yet.
                Flavor::Python | Flavor::TypeScript => code
                    .text
                    .split_once(':')
                    .and_then(|(_, r)| r.split_once('='))
                    .map(|(t, _)| t.trim().to_string()),
            };
            match t {
                Some(t) => (t, code.pos),
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
            Err(e) => {
                errs.push(
                    Diagnostic::new(
                        if e.unbalanced {
                            ErrorKind::UnbalancedBrackets
                        } else {
                            ErrorKind::UnknownNotation
                        },
                        &src.path,
                        Some(pos),
                        format!("{} in a union member type", e.message),
                    )
                    .with_snippet(&text),
                );
                return None;
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
    })
}

// ---------------------------------------------------------------------------------
// Pass 2 and later: the whole set.

/// What a doc path resolves to.
#[derive(Clone, Copy)]
enum Target {
    Type(TypeId),
    Skipped(SkipReason),
    Broken,
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
        let mut errs = Vec::new();
        (classify(i, src, memo, &mut errs), errs)
    });
    for (i, (classified, errs)) in classified.into_iter().enumerate() {
        errors.extend(errs);
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
    let mut warnings = Vec::new();
    let mut taken: BTreeMap<Vec<String>, BTreeSet<String>> = BTreeMap::new();
    let mut types: Vec<TypeDef> = Vec::with_capacity(drafts.len());
    let mut by_title: Map<(usize, &str, &str), TypeId> = Map::default();
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
                    ErrorKind::Unsupported,
                    &src.path,
                    Some(Pos { line: 1, col: 1 }),
                    format!("another doc in this folder is also named `{base}`; this one is emitted as `{name}`"),
                )
                .with_snippet(&d.title),
            );
        }
        by_path.insert(doc_key(d.src), Target::Type(id));
        let category = src.dir().last().map(String::as_str).unwrap_or("");
        by_title
            .entry((root_of[d.src], category, &*d.title))
            .or_insert(id);
        let flavor = match d.body {
            DraftBody::Struct { flavor, .. }
            | DraftBody::Enum { flavor, .. }
            | DraftBody::Union { flavor, .. } => flavor,
        };
        types.push(TypeDef {
            module,
            name,
            title: d.title.to_string(),
            source: src.path.clone(),
            flavor: Some(flavor),
            docs,
            // Filled in below once every name is known.
            kind: Kind::Union(Union { members: vec![] }),
        });
    }

    let index = Index {
        roots: roots.keys().map(|r| discover::root_parts(r)).collect(),
        by_path,
        by_title,
    };
    // Each doc's types, with the errors and warnings found building them.
    let built = crate::parallel_map(&drafts, threads, &|memo: &mut FieldMemo, _, d| {
        let src = &sources[d.src];
        let resolver = Resolver {
            index: &index,
            src,
            root: root_of[d.src],
        };
        let mut errs = Vec::new();
        let mut warns = Vec::new();
        let kind = match &d.body {
            DraftBody::Struct { rows, .. } => Some(Kind::Struct(build_struct(
                src, rows, &resolver, memo, &mut errs, &mut warns,
            ))),
            DraftBody::Enum { flavor, rows } => {
                build_enum(src, &d.title, *flavor, rows, &mut errs, &mut warns).map(Kind::Enum)
            }
            DraftBody::Union { members, .. } => {
                let mut out = Vec::new();
                for (t, pos) in members {
                    if let Some(ty) = resolver.ty(t, *pos, &mut errs) {
                        out.push(ty);
                    }
                }
                Some(Kind::Union(Union {
                    members: out
                        .into_iter()
                        .map(|ty| Member {
                            rust_name: String::new(),
                            ty,
                        })
                        .collect(),
                }))
            }
        };
        (kind, errs, warns)
    });
    let mut failed = vec![false; drafts.len()];
    for (id, (kind, errs, warns)) in built.into_iter().enumerate() {
        failed[id] = kind.is_none() || !errs.is_empty();
        errors.extend(errs);
        warnings.extend(warns);
        if let Some(kind) = kind {
            types[id].kind = kind;
        }
    }

    // Union member names and order need every type's name and kind.
    let snapshot: Vec<(String, bool)> = types
        .iter()
        .map(|t| (t.name.clone(), matches!(t.kind, Kind::Enum(_))))
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
        drop_failed(&mut types, &failed, &mut errors);
    }
    break_cycles(&mut types);
    mark_default(&mut types);

    crate::error::sort_diagnostics(&mut warnings);
    Built {
        model: Model {
            types,
            skipped,
            warnings,
            docs_read: sources.len(),
        },
        errors,
    }
}

/// The maps here are keyed by names and doc paths from the docs; they are only
/// looked up, never iterated, so the hasher cannot change the output.
type Map<K, V> = HashMap<K, V, BuildHasherDefault<NameHasher>>;

/// FxHash (rustc's hasher): a rotate, xor and multiply per word. std's default,
/// SipHash, resists crafted collisions, which here could only slow down the docs
/// that craft them, and it cost several percent of the whole build.
#[derive(Default)]
struct NameHasher(u64);

impl NameHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        while let Some((word, tail)) = rest.split_first_chunk::<8>() {
            self.add(u64::from_le_bytes(*word));
            rest = tail;
        }
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

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

/// A doc by input root (numbered) and path relative to it.
type DocKey<'a> = (usize, Vec<&'a str>);

/// What every doc's references are resolved against.
struct Index<'a> {
    /// Absolute path components of each input root, by number.
    roots: Vec<Vec<String>>,
    by_path: Map<DocKey<'a>, Target>,
    /// Models by (root, folder name, title), for references without a link.
    by_title: Map<(usize, &'a str, &'a str), TypeId>,
}

/// Resolves one doc's references.
struct Resolver<'a> {
    index: &'a Index<'a>,
    src: &'a Source,
    /// The number of the doc's input root.
    root: usize,
}

impl Resolver<'_> {
    /// Converts a doc type (without top-level presence) to a Rust type.
    fn ty(&self, t: &TypeExpr, pos: Pos, errs: &mut Vec<Diagnostic>) -> Option<Ty> {
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
            // model integration pending (notation branch): file content as text for now.
            TypeExpr::Bytes => Ty::String,
            // model integration pending (notation branch)
            TypeExpr::Const(_) | TypeExpr::Union { .. } => {
                errs.push(Diagnostic::new(
                    ErrorKind::UnknownNotation,
                    &src.path,
                    Some(pos),
                    "constants and unions in a Type cell are not supported yet",
                ));
                return None;
            }
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

/// What a field's documented name gives, before it is made unique in its struct.
struct FieldNames {
    /// The Rust identifier (escaped).
    rust: String,
    /// The inferred JSON key and the other spellings accepted; `None` when the name
    /// as documented is the key.
    wire: Option<(String, Vec<String>)>,
}

impl FieldNames {
    fn new(name: &str) -> Self {
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

/// The per-field work that depends only on the text, kept for the next struct with
/// the same: field names and descriptions repeat across a set of docs
/// (plex-py-2026-01: 8554 rows, 756 distinct names, 768 distinct descriptions).
#[derive(Default)]
struct FieldMemo {
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

fn build_struct(
    src: &Source,
    rows: &[DraftField],
    resolver: &Resolver,
    memo: &mut FieldMemo,
    errs: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Struct {
    let mut fields = Vec::with_capacity(rows.len());
    let mut extra = None;
    let mut sdk_only = Vec::new();
    let mut rust_names = BTreeSet::new();
    let mut seen_doc_names: Map<&str, Pos> =
        Map::with_capacity_and_hasher(rows.len(), Default::default());
    for r in rows {
        if let Some(first) = seen_doc_names.insert(&r.name, r.name_pos) {
            errs.push(
                Diagnostic::new(
                    ErrorKind::BadCell,
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
        // Documented extra properties are where undeclared keys go, not a field.
        if matches!(&*r.name, "AdditionalProperties" | "__pydantic_extra__") {
            if let TypeExpr::Map(v) = r.ty.unwrapped() {
                if let Some(value) = resolver.ty(v, r.ty_pos, errs) {
                    extra = Some(value);
                }
                continue;
            }
        }
        let Some(ty) = resolver.ty(r.ty.unwrapped(), r.ty_pos, errs) else {
            continue;
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
            if ex.contains('\n') {
                doc.push_str("Example:\n\n");
                doc.push_str(&docs::code_block(ex));
            } else {
                doc.push_str("Example: ");
                docs::push_code_span(&mut doc, ex);
            }
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
    dedupe_wire_names(src, &mut fields, warnings);
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

/// One JSON key belongs to one field. Fields whose inferred keys collide
/// (`item_count` and `itemCount`) use their names as documented instead; a primary key
/// wins over another field's alias, and an alias two fields share is dropped from both.
fn dedupe_wire_names(src: &Source, fields: &mut [Field], warnings: &mut Vec<Diagnostic>) {
    // Aliases to drop, as (field, alias) indices; found from one count of every key in
    // the usual case, where no two fields infer the same key.
    let uses = key_uses(fields);
    let clash: Vec<bool> = fields.iter().map(|f| uses[&*f.wire_name].0 > 1).collect();
    let drops = if clash.contains(&true) {
        use_doc_names(src, fields, &clash, warnings);
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
    src: &Source,
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
                    ErrorKind::Unsupported,
                    &src.path,
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

/// One row of a Values table.
struct EnumRow<'a> {
    name: Cow<'a, str>,
    name_pos: Pos,
    value: Cow<'a, str>,
    value_pos: Pos,
}

fn build_enum(
    src: &Source,
    title: &str,
    flavor: Flavor,
    rows: &[EnumRow],
    errs: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Option<Enum> {
    let is_int = !rows.is_empty()
        && rows.iter().all(|r| {
            let digits = r.value.strip_prefix('-').unwrap_or(&r.value);
            !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
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
                    ErrorKind::BadEnum,
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
            // model integration pending (notation branch)
            Flavor::Python | Flavor::TypeScript => name,
        };
        let base = naming::escape_keyword(naming::camel_ident(member, "Variant", "V"));
        let rust_name = naming::unique(base.clone(), "", &mut names);
        if rust_name != base {
            warnings.push(
                Diagnostic::new(
                    ErrorKind::BadEnum,
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
            ErrorKind::BadEnum,
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
fn member_rank(ty: &Ty, types: &[(String, bool)], required: &[u32]) -> Vec<u32> {
    let (class, inner) = match ty {
        Ty::Bool => (0, None),
        Ty::I32 | Ty::I64 => (1, None),
        Ty::F32 | Ty::F64 => (2, None),
        Ty::Date => (3, None),
        Ty::DateTime => (4, None),
        Ty::Named(id) if types[*id].1 => (5, None),
        Ty::String => (6, None),
        // Before structs: serde's derived structs also accept arrays.
        Ty::List(t) => (7, Some(t)),
        Ty::Named(id) => {
            return vec![8, u32::MAX - required.get(*id).copied().unwrap_or(0)];
        }
        Ty::Boxed(t) => return member_rank(t, types, required),
        Ty::Map(t) => (9, Some(t)),
        Ty::Nullable(t) => (10, Some(t)),
        Ty::Json => (11, None),
    };
    let mut key = vec![class];
    if let Some(t) = inner {
        key.extend(member_rank(t, types, required));
    }
    key
}

fn member_name(ty: &Ty, types: &[(String, bool)]) -> String {
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
        Ty::Named(id) => types[*id].0.trim_start_matches("r#").to_string(),
    }
}

fn visit_named(ty: &Ty, f: &mut impl FnMut(TypeId)) {
    match ty {
        Ty::Named(id) => f(*id),
        Ty::List(t) | Ty::Map(t) | Ty::Nullable(t) | Ty::Boxed(t) => visit_named(t, f),
        _ => {}
    }
}

fn type_refs(kind: &Kind) -> Vec<TypeId> {
    let mut out = Vec::new();
    match kind {
        Kind::Struct(s) => {
            for f in &s.fields {
                visit_named(&f.ty, &mut |id| out.push(id));
            }
            if let Some(e) = &s.extra {
                visit_named(&e.value, &mut |id| out.push(id));
            }
        }
        Kind::Union(u) => {
            for m in &u.members {
                visit_named(&m.ty, &mut |id| out.push(id));
            }
        }
        Kind::Enum(_) => {}
    }
    out
}

/// Removes types whose doc failed, and (transitively) types that reference them,
/// renumbering the rest.
fn drop_failed(types: &mut Vec<TypeDef>, failed: &[bool], errors: &mut Vec<Diagnostic>) {
    let mut dead = failed.to_vec();
    loop {
        let mut changed = false;
        for (id, t) in types.iter().enumerate() {
            if dead[id] {
                continue;
            }
            if let Some(bad) = type_refs(&t.kind).into_iter().find(|&r| dead[r]) {
                dead[id] = true;
                changed = true;
                errors.push(Diagnostic::new(
                    ErrorKind::DanglingLink,
                    &t.source,
                    None,
                    format!(
                        "`{}` refers to `{}`, which has errors (see {})",
                        t.title,
                        types[bad].title,
                        types[bad].source.display()
                    ),
                ));
            }
        }
        if !changed {
            break;
        }
    }
    let mut new_id = vec![usize::MAX; types.len()];
    let mut next = 0;
    for (id, d) in dead.iter().enumerate() {
        if !d {
            new_id[id] = next;
            next += 1;
        }
    }
    let old = std::mem::take(types);
    for (id, mut t) in old.into_iter().enumerate() {
        if dead[id] {
            continue;
        }
        remap(&mut t.kind, &new_id);
        types.push(t);
    }
}

fn remap(kind: &mut Kind, new_id: &[usize]) {
    fn go(ty: &mut Ty, new_id: &[usize]) {
        match ty {
            Ty::Named(id) => *id = new_id[*id],
            Ty::List(t) | Ty::Map(t) | Ty::Nullable(t) | Ty::Boxed(t) => go(t, new_id),
            _ => {}
        }
    }
    match kind {
        Kind::Struct(s) => {
            for f in &mut s.fields {
                go(&mut f.ty, new_id);
            }
            if let Some(e) = &mut s.extra {
                go(&mut e.value, new_id);
            }
        }
        Kind::Union(u) => u.members.iter_mut().for_each(|m| go(&mut m.ty, new_id)),
        Kind::Enum(_) => {}
    }
}

/// The types a value of `ty` contains inline (not behind a Vec or map).
fn inline_refs(ty: &Ty, out: &mut Vec<TypeId>) {
    match ty {
        Ty::Named(id) => out.push(*id),
        Ty::Nullable(t) => inline_refs(t, out),
        _ => {}
    }
}

/// Boxes every inline reference that closes a cycle of inline containment (which
/// would give the type infinite size). References through Vec or maps need no box.
fn break_cycles(types: &mut [TypeDef]) {
    let n = types.len();
    let mut edges: Vec<Vec<TypeId>> = vec![Vec::new(); n];
    for (id, t) in types.iter().enumerate() {
        match &t.kind {
            Kind::Struct(s) => s
                .fields
                .iter()
                .for_each(|f| inline_refs(&f.ty, &mut edges[id])),
            Kind::Union(u) => u
                .members
                .iter()
                .for_each(|m| inline_refs(&m.ty, &mut edges[id])),
            Kind::Enum(_) => {}
        }
    }
    let scc = scc_ids(&edges);
    let needs_box = |from: TypeId, to: TypeId| scc[from] == scc[to];
    fn wrap(ty: &mut Ty, from: TypeId, needs: &dyn Fn(TypeId, TypeId) -> bool) {
        match ty {
            Ty::Named(to) if needs(from, *to) => {
                let inner = std::mem::replace(ty, Ty::Bool);
                *ty = Ty::Boxed(Box::new(inner));
            }
            Ty::Nullable(t) => wrap(t, from, needs),
            _ => {}
        }
    }
    for (id, t) in types.iter_mut().enumerate() {
        match &mut t.kind {
            Kind::Struct(s) => s
                .fields
                .iter_mut()
                .for_each(|f| wrap(&mut f.ty, id, &needs_box)),
            Kind::Union(u) => u
                .members
                .iter_mut()
                .for_each(|m| wrap(&mut m.ty, id, &needs_box)),
            Kind::Enum(_) => {}
        }
    }
}

/// Strongly connected component ids (iterative Tarjan), so deep reference chains
/// cannot overflow the stack. A node with a self-edge shares its id with itself, and
/// a node alone on no cycle gets a unique id as well; self-edges are cycles.
fn scc_ids(edges: &[Vec<TypeId>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut comp = vec![usize::MAX; n];
    let mut next_index = 0;
    let mut next_comp = 0;
    for start in 0..n {
        if index[start] != usize::MAX {
            continue;
        }
        let mut call: Vec<(usize, usize)> = vec![(start, 0)];
        index[start] = next_index;
        low[start] = next_index;
        next_index += 1;
        stack.push(start);
        on_stack[start] = true;
        while let Some(&mut (v, ref mut ei)) = call.last_mut() {
            if *ei < edges[v].len() {
                let w = edges[v][*ei];
                *ei += 1;
                if index[w] == usize::MAX {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    call.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                call.pop();
                if let Some(&(parent, _)) = call.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        comp[w] = next_comp;
                        if w == v {
                            break;
                        }
                    }
                    next_comp += 1;
                }
            }
        }
    }
    comp
}

/// A struct derives `Default` when every field can start empty: optional and nullable
/// fields always can; required ones when their type can (fixpoint over references).
fn mark_default(types: &mut [TypeDef]) {
    let mut ok: Vec<bool> = types
        .iter()
        .map(|t| matches!(t.kind, Kind::Struct(_)))
        .collect();
    fn ty_ok(ty: &Ty, ok: &[bool]) -> bool {
        match ty {
            Ty::Named(id) => ok[*id],
            Ty::Boxed(t) => ty_ok(t, ok),
            _ => true,
        }
    }
    loop {
        let mut changed = false;
        for (id, t) in types.iter().enumerate() {
            if !ok[id] {
                continue;
            }
            if let Kind::Struct(s) = &t.kind {
                let all = s
                    .fields
                    .iter()
                    .all(|f| f.presence != Presence::Required || ty_ok(&f.ty, &ok));
                if !all {
                    ok[id] = false;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    for (id, t) in types.iter_mut().enumerate() {
        if let Kind::Struct(s) = &mut t.kind {
            s.derive_default = ok[id];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn src(rel: &str, text: &str) -> Source {
        Source {
            root: PathBuf::from("docs"),
            rel: rel.split('/').map(String::from).collect(),
            path: PathBuf::from("docs").join(rel),
            text: text.to_string(),
        }
    }

    fn table(rows: &[&str]) -> String {
        let mut s =
            String::from("| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n");
        for r in rows {
            s.push_str(r);
            s.push('\n');
        }
        s
    }

    fn built(srcs: &[Source]) -> Built {
        build(srcs)
    }

    #[test]
    fn struct_fields_presence_and_links() {
        let a = src(
            "operations/pin.md",
            &format!(
                "# Pin\n\nA pin.\n\n## Fields\n\n{}",
                table(&[
                    "| `id` | *int* | :heavy_check_mark: | N/A |",
                    "| `code` | *Optional[str]* | :heavy_minus_sign: | The code |",
                    "| `note` | *Nullable[str]* | :heavy_check_mark: | N/A |",
                    "| `seen` | *OptionalNullable[bool]* | :heavy_minus_sign: | N/A |",
                    "| `location` | [Optional[operations.Loc]](../../models/operations/loc.md) | :heavy_minus_sign: | N/A |",
                ])
            ),
        );
        let mut b = src(
            "operations/loc.md",
            &format!(
                "# Loc\n\n## Fields\n\n{}",
                table(&["| `city` | *str* | :heavy_check_mark: | N/A |"])
            ),
        );
        b.root = a.root.clone();
        // Link `../../models/operations/loc.md` from `operations/` leaves the root here.
        let out = built(&[a.clone(), b.clone()]);
        assert_eq!(out.errors.len(), 1);
        assert_eq!(out.errors[0].kind, ErrorKind::LinkOutsideRoot);

        let a = src("models/operations/pin.md", &a.text);
        let b = src("models/operations/loc.md", &b.text);
        let out = built(&[a, b]);
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        let pin = out.model.types.iter().find(|t| t.name == "Pin").unwrap();
        assert_eq!(pin.module, ["models", "operations"]);
        let Kind::Struct(s) = &pin.kind else { panic!() };
        let p: Vec<_> = s.fields.iter().map(|f| f.presence).collect();
        assert_eq!(
            p,
            [
                Presence::Required,
                Presence::Optional,
                Presence::Nullable,
                Presence::OptionalNullable,
                Presence::Optional
            ]
        );
        let loc_id = out
            .model
            .types
            .iter()
            .position(|t| t.name == "Loc")
            .unwrap();
        assert_eq!(s.fields[4].ty, Ty::Named(loc_id));
        assert!(s.derive_default);
    }

    #[test]
    fn wrappers_and_options_are_skipped() {
        let w = src(
            "operations/r.md",
            &format!(
                "# R\n\n## Fields\n\n{}",
                table(&["| `raw_response` | [httpx.Response](https://www.python-httpx.org/api/#response) | :heavy_check_mark: | N/A |"])
            ),
        );
        let o = src("operations/option.md", "## Options\n\n### WithX\n");
        let e = src("operations/empty.md", "\n");
        let out = built(&[w, o, e]);
        assert!(out.errors.is_empty());
        let reasons: Vec<_> = out.model.skipped.iter().map(|s| s.reason).collect();
        assert_eq!(
            reasons,
            [
                SkipReason::ResponseWrapper,
                SkipReason::SdkOptions,
                SkipReason::Empty
            ]
        );
    }

    #[test]
    fn enums_go_and_python_names_agree() {
        let go = src("c/lineuptype.md", "# LineupType\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `LineupTypeMinus1` | -1 |\n| `LineupTypeZero` | 0 |\n");
        let py = src("d/lineuptype.md", "# LineupType\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `MINUS_1` | -1 |\n| `ZERO` | 0 |\n");
        let out = built(&[go, py]);
        let kinds: Vec<_> = out.model.types.iter().map(|t| t.kind.clone()).collect();
        assert_eq!(kinds[0], kinds[1]);
        let Kind::Enum(e) = &kinds[0] else { panic!() };
        assert_eq!(e.repr, EnumRepr::Int);
        assert_eq!(e.variants[0].rust_name, "Minus1");
        assert_eq!(e.catch_all, "Unknown");
    }

    #[test]
    fn union_members_are_ordered_specific_first() {
        let py = src("c/v.md", "# V\n\n## Supported Types\n\n### `str`\n\n```python\nvalue: str = /* values here */\n```\n\n### `float`\n\n```python\nvalue: float = 1\n```\n\n### `int`\n\n```python\nvalue: int = 1\n```\n\n### `bool`\n\n```python\nvalue: bool = 1\n```\n");
        let out = built(&[py]);
        let Kind::Union(u) = &out.model.types[0].kind else {
            panic!()
        };
        let names: Vec<_> = u.members.iter().map(|m| m.rust_name.as_str()).collect();
        assert_eq!(names, ["Boolean", "Integer", "Number", "Str"]);
    }

    #[test]
    fn direct_cycles_are_boxed_and_list_cycles_are_not() {
        let node = src(
            "m/c/node.md",
            &format!("# Node\n\n## Fields\n\n{}", table(&[
            "| `children` | List[[c.Node](../../m/c/node.md)] | :heavy_minus_sign: | N/A |",
            "| `parent` | [Optional[c.Summary]](../../m/c/summary.md) | :heavy_minus_sign: | N/A |",
        ])),
        );
        let summary =
            src(
                "m/c/summary.md",
                &format!("# Summary\n\n## Fields\n\n{}", table(&[
            "| `root` | [Optional[c.Node]](../../m/c/node.md) | :heavy_minus_sign: | N/A |",
        ])),
            );
        let out = built(&[node, summary]);
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        let Kind::Struct(n) = &out.model.types[0].kind else {
            panic!()
        };
        assert_eq!(n.fields[0].ty, Ty::List(Box::new(Ty::Named(0))));
        assert_eq!(n.fields[1].ty, Ty::Boxed(Box::new(Ty::Named(1))));
    }

    #[test]
    fn empty_tables_keep_every_key() {
        let a = src("o/args.md", "# Args\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n");
        let out = built(&[a]);
        let Kind::Struct(s) = &out.model.types[0].kind else {
            panic!()
        };
        assert!(s.fields.is_empty());
        assert_eq!(s.extra.as_ref().unwrap().value, Ty::Json);
    }

    #[test]
    fn a_type_referring_to_a_broken_doc_is_dropped_with_a_reason() {
        let a = src(
            "m/c/a.md",
            &format!(
                "# A\n\n## Fields\n\n{}",
                table(&["| `b` | [c.B](../../m/c/b.md) | :heavy_check_mark: | N/A |"])
            ),
        );
        let b = src(
            "m/c/b.md",
            &format!(
                "# B\n\n## Fields\n\n{}",
                table(&["| `x` | *strr* | :heavy_check_mark: | N/A |"])
            ),
        );
        let out = built(&[a, b]);
        assert!(out.model.types.is_empty());
        let kinds: Vec<_> = out.errors.iter().map(|e| e.kind).collect();
        assert!(kinds.contains(&ErrorKind::UnknownNotation), "{kinds:?}");
        assert!(kinds.contains(&ErrorKind::LinkToBroken), "{kinds:?}");
    }
}
