//! Wire-name overrides: a TOML file a user keeps beside the docs to fix JSON keys the
//! inference gets wrong. Its settings are levels of the one precedence in
//! [`crate::wire`].
//!
//! # Format
//!
//! ```toml
//! [defaults]
//! casing = "camelCase"            # for every type (see below)
//! object-casing = "PascalCase"    # for fields holding objects or lists of them
//!
//! ["components::LibraryItem"]     # a type, by its Rust path from the crate root
//! casing = "snake_case"           # this type's fields
//! object-casing = "camelCase"     # this type's fields that hold objects
//!
//! ["components::LibraryItem".fields]
//! library_section_id = "librarySectionID"   # doc or Rust field name -> JSON key
//! ```
//!
//! Any TOML spelling of the same tables works (literal strings `'snake_case'`, dotted
//! keys, inline tables). Types are named by their Rust path from the crate root, as in
//! `--samples`.
//!
//! Casings: `camelCase` (`librarySectionId`), `camelCase-initialisms`
//! (`librarySectionID`: ID, URL, URI, UUID and GUID in capitals after the first word),
//! `PascalCase`, `PascalCase-initialisms`, `snake_case` and `as-documented`. The plain
//! names are serde's `rename_all` names; until initialisms got casings of their own,
//! `camelCase` meant what `camelCase-initialisms` means now.
//!
//! Precedence, highest first: a field's key; the type's `object-casing` (for its
//! fields holding objects) or `casing`; keys learned from payloads; then
//! `[defaults]`: `object-casing` for fields holding objects, and `casing`, which
//! `Config::casing` (the CLI's `--casing`) replaces; then keys the docs' examples show
//! for the field, and the casing detected from the docs. See [`crate::wire`].
//!
//! # Errors
//!
//! The file is read with the `toml` crate into serde structs that deny unknown keys, so
//! anything that is not TOML, a key other than the ones above, a value of the wrong type
//! or a casing that does not exist is an [`ErrorKind::InvalidOverrides`] with the TOML
//! parser's (or serde's) own message at its `file:line:col`. A type or field that
//! does not exist in the model is an [`ErrorKind::UnknownOverride`], so a stale
//! override never goes unnoticed; overrides that give two fields the same key are an
//! [`ErrorKind::OverrideClash`].

use crate::error::{Diagnostic, ErrorKind, Pos};
use crate::model::{Kind, Model};
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub(crate) use crate::wire::Casing;

// ---------------------------------------------------------------------------------
// The file as serde reads it: byte spans, checked shape.

/// `[defaults]`.
#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    rename_all = "kebab-case",
    expecting = "a table with `casing` and `object-casing`"
)]
struct DefaultsTable {
    casing: Option<Spanned<Casing>>,
    object_casing: Option<Spanned<Casing>>,
}

/// `["<type path>"]`, with its `.fields` sub-table.
#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    rename_all = "kebab-case",
    expecting = "a table with `casing`, `object-casing` and `fields`"
)]
struct TypeTable {
    casing: Option<Spanned<Casing>>,
    object_casing: Option<Spanned<Casing>>,
    #[serde(default)]
    fields: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// The top level: `defaults` and any number of type paths, each with its own shape
/// (serde's `flatten` cannot deny unknown keys, so the map is read by hand).
struct FileTables {
    defaults: Option<DefaultsTable>,
    types: Vec<(Spanned<String>, TypeTable)>,
}

impl<'de> Deserialize<'de> for FileTables {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Tables;
        impl<'de> Visitor<'de> for Tables {
            type Value = FileTables;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("`[defaults]` and `[\"<type path>\"]` tables")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FileTables, A::Error> {
                let mut out = FileTables {
                    defaults: None,
                    types: Vec::new(),
                };
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    if key.get_ref() == "defaults" {
                        out.defaults = Some(map.next_value()?);
                    } else {
                        out.types.push((key, map.next_value()?));
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_map(Tables)
    }
}

// ---------------------------------------------------------------------------------
// The file as the model uses it: positions instead of spans.

/// A value with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct At<T> {
    value: T,
    pos: Pos,
    /// The source text of the key or value, for the underline in a diagnostic.
    src: String,
}

impl<T> At<T> {
    /// Where it is and its text, for a diagnostic.
    fn place(&self) -> (Pos, &str) {
        (self.pos, &self.src)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct TypeRules {
    /// Where the type's path is written.
    at: At<()>,
    casing: Option<At<Casing>>,
    object_casing: Option<At<Casing>>,
    fields: BTreeMap<String, At<String>>,
}

/// A parsed overrides file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Overrides {
    file: PathBuf,
    casing: Option<At<Casing>>,
    object_casing: Option<At<Casing>>,
    types: BTreeMap<String, TypeRules>,
}

/// What every `invalid-overrides` diagnostic adds: the shape the file must have (a bad
/// casing's message lists the casings, from [`Casing`]'s serde names).
const SHAPE: &str = "the file holds `[defaults]` and `[\"<type path>\"]` tables of `casing` and `object-casing`, and `[\"<type path>\".fields]` tables of `field = \"key\"`";

impl Overrides {
    /// Reads and parses the file at `path`.
    pub(crate) fn load(path: &Path) -> Result<Self, Vec<Diagnostic>> {
        let bytes = std::fs::read(path).map_err(|e| {
            vec![Diagnostic::new(
                ErrorKind::Io,
                path,
                None,
                format!("expected a readable wire-names file: {e}"),
            )]
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            let prefix = std::str::from_utf8(&e.as_bytes()[..valid]).unwrap_or_default();
            vec![Diagnostic::new(
                ErrorKind::NotUtf8,
                path,
                Some(Lines::new(prefix).pos(valid)),
                format!("expected UTF-8 text, found an invalid byte sequence at byte {valid}"),
            )]
        })?;
        Self::parse(path, &text)
    }

    /// Parses the text of a file named `file` (used in diagnostics).
    pub(crate) fn parse(file: &Path, text: &str) -> Result<Self, Vec<Diagnostic>> {
        let lines = Lines::new(text);
        let at = |span: Range<usize>| -> (Pos, String) {
            let src = text.get(span.clone()).unwrap_or_default();
            (
                lines.pos(span.start),
                src.lines().next().unwrap_or_default().to_string(),
            )
        };
        let tables: FileTables = toml::from_str(text).map_err(|e| {
            let (pos, src) = match e.span() {
                Some(span) => {
                    let (pos, src) = at(span);
                    (Some(pos), src)
                }
                None => (None, String::new()),
            };
            let mut d = Diagnostic::new(ErrorKind::InvalidOverrides, file, pos, e.message())
                .with_hint(SHAPE);
            if !src.trim().is_empty() {
                d = d.with_snippet(&src);
            }
            vec![d]
        })?;
        let spanned = |s: Spanned<Casing>| {
            let (pos, src) = at(s.span());
            At {
                value: s.into_inner(),
                pos,
                src,
            }
        };
        let mut out = Overrides {
            file: file.to_path_buf(),
            ..Overrides::default()
        };
        if let Some(d) = tables.defaults {
            out.casing = d.casing.map(spanned);
            out.object_casing = d.object_casing.map(spanned);
        }
        for (path, t) in tables.types {
            let (pos, src) = at(path.span());
            let fields = t
                .fields
                .into_iter()
                .map(|(name, key)| {
                    let (pos, src) = at(name.span());
                    let value = key.into_inner();
                    (name.into_inner(), At { value, pos, src })
                })
                .collect();
            out.types.insert(
                path.into_inner(),
                TypeRules {
                    at: At {
                        value: (),
                        pos,
                        src,
                    },
                    casing: t.casing.map(spanned),
                    object_casing: t.object_casing.map(spanned),
                    fields,
                },
            );
        }
        Ok(out)
    }

    /// The file's path, for diagnostics.
    pub(crate) fn file(&self) -> &Path {
        &self.file
    }

    /// `[defaults] casing`.
    pub(crate) fn default_casing(&self) -> Option<Casing> {
        self.casing.as_ref().map(|c| c.value)
    }

    /// `[defaults] object-casing`.
    pub(crate) fn default_object_casing(&self) -> Option<Casing> {
        self.object_casing.as_ref().map(|c| c.value)
    }

    /// The casing the type at `path` sets for a field: its `object-casing` for a field
    /// holding objects, else its `casing`.
    pub(crate) fn type_casing(&self, path: &str, holds_objects: bool) -> Option<Casing> {
        let rules = self.types.get(path)?;
        let objects = rules.object_casing.as_ref().filter(|_| holds_objects);
        objects.or(rules.casing.as_ref()).map(|c| c.value)
    }

    /// The key the file gives a field of the type at `path`, by its doc or Rust name,
    /// with where the file gives it.
    pub(crate) fn field_key(
        &self,
        path: &str,
        doc_name: &str,
        rust_name: &str,
    ) -> Option<(&str, Pos)> {
        let fields = &self.types.get(path)?.fields;
        let at = fields.get(doc_name).or_else(|| fields.get(rust_name))?;
        Some((&at.value, at.pos))
    }

    /// Names in the file that match nothing in `model`: types that do not exist or are
    /// no struct, fields a type does not have.
    pub(crate) fn check(&self, model: &Model) -> Vec<Diagnostic> {
        let mut errs = Vec::new();
        let err = |(pos, src): (Pos, &str), msg: String| {
            Diagnostic::new(ErrorKind::UnknownOverride, &self.file, Some(pos), msg)
                .with_snippet(src)
        };
        let paths: BTreeMap<String, &Kind> = model
            .types
            .iter()
            .map(|t| (t.rust_path(), &t.kind))
            .collect();
        for (path, r) in &self.types {
            match paths.get(path) {
                None => {
                    let near: Vec<_> = paths
                        .keys()
                        .map(|p| p.as_str())
                        .filter(|p| p.rsplit("::").next() == path.rsplit("::").next())
                        .collect();
                    let mut d = err(
                        r.at.place(),
                        format!("expected the Rust path of a generated type, found `{path}`"),
                    );
                    if !near.is_empty() {
                        d = d.with_hint(format!("did you mean {}?", near.join(" or ")));
                    }
                    errs.push(d);
                }
                Some(Kind::Struct(s)) => {
                    let names: BTreeSet<&str> = s
                        .fields
                        .iter()
                        .flat_map(|f| [f.doc_name.as_str(), f.rust_name.trim_start_matches("r#")])
                        .collect();
                    for (name, at) in &r.fields {
                        if !names.contains(name.as_str()) {
                            let known: Vec<_> =
                                s.fields.iter().map(|f| f.doc_name.as_str()).collect();
                            errs.push(
                                err(
                                    at.place(),
                                    format!("expected a field of `{path}`, found `{name}`"),
                                )
                                .with_hint(format!("its fields: {}", known.join(", "))),
                            );
                        }
                    }
                }
                Some(_) => errs.push(err(
                    r.at.place(),
                    format!(
                        "expected a struct, but `{path}` is an enum or union: it has no field keys"
                    ),
                )),
            }
        }
        errs
    }
}

/// Byte offsets to 1-based line and column (in characters), by the start of each line.
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    /// The position of byte `offset` (clamped to the text, rounded down to a character).
    fn pos(&self, offset: usize) -> Pos {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = self.text[start..offset].chars().count() + 1;
        Pos {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(col).unwrap_or(u32::MAX),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Overrides, Vec<Diagnostic>> {
        Overrides::parse(Path::new("wire-names.toml"), text)
    }

    fn one_error(text: &str) -> Diagnostic {
        let mut errs = parse(text).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        errs.remove(0)
    }

    #[test]
    fn parses_tables_keys_and_comments() {
        let o = parse(
            "# top\n[defaults]\ncasing = \"snake_case\" # all\n\n[\"components::Tag\"]\ncasing = \"PascalCase\"\n[\"components::Tag\".fields]\n\"odd key\" = \"a#b\"\nid = \"ID\"\n",
        )
        .unwrap();
        assert_eq!(o.casing.unwrap().value, Casing::Snake);
        let t = &o.types["components::Tag"];
        assert_eq!(t.casing.as_ref().unwrap().value, Casing::Pascal);
        assert_eq!(t.fields["odd key"].value, "a#b");
        assert_eq!(t.fields["id"].value, "ID");
        assert_eq!(t.fields["id"].pos, Pos { line: 9, col: 1 });
        assert_eq!(
            t.at.place(),
            (Pos { line: 5, col: 2 }, "\"components::Tag\"")
        );
    }

    #[test]
    fn any_toml_spelling_of_the_same_tables() {
        let o = parse(
            "defaults.casing = 'snake_case'\n\"components::Tag\" = { object-casing = 'PascalCase', fields = { id = 'ID' } }\n",
        )
        .unwrap();
        assert_eq!(o.casing.unwrap().value, Casing::Snake);
        let t = &o.types["components::Tag"];
        assert_eq!(t.object_casing.as_ref().unwrap().value, Casing::Pascal);
        assert_eq!(t.fields["id"].value, "ID");
    }

    #[test]
    fn invalid_toml_is_reported_with_the_parsers_message_and_position() {
        let d = one_error("[defaults]\ncasing = \"camelCase\n");
        assert_eq!(d.kind, ErrorKind::InvalidOverrides);
        assert_eq!(d.pos.unwrap().line, 2);
        assert!(d.hint.as_deref().unwrap().contains("[defaults]"), "{d:?}");
        // A table given twice is not TOML.
        let d = one_error("[defaults]\ncasing = \"snake_case\"\n[defaults]\n");
        assert_eq!(
            (d.kind, d.pos.unwrap().line),
            (ErrorKind::InvalidOverrides, 3)
        );
        // A bare line.
        let d = one_error("[defaults]\nnot a pair\n");
        assert_eq!(d.pos.unwrap().line, 2);
    }

    #[test]
    fn unknown_keys_and_casings_are_errors_at_their_position() {
        let d = one_error("[defaults]\ncasing = \"kebab\"\n");
        assert_eq!(d.kind, ErrorKind::InvalidOverrides);
        assert_eq!(d.pos, Some(Pos { line: 2, col: 10 }));
        assert!(d.message.contains("kebab"), "{}", d.message);
        assert!(d.message.contains("camelCase"), "{}", d.message);
        // A field key straight under the type, not under `.fields`.
        let d = one_error("[\"c::T\"]\nid = \"ID\"\n");
        assert_eq!(d.pos, Some(Pos { line: 2, col: 1 }));
        assert!(d.message.contains("`id`"), "{}", d.message);
        // `[defaults]` takes no field keys; a path of three keys is no table here.
        let d = one_error("[defaults.fields]\nid = \"ID\"\n");
        assert_eq!(d.pos.unwrap().line, 1);
        let d = one_error("[x.y.z]\n");
        assert!(d.message.contains("`y`"), "{}", d.message);
        // A key must map to a string.
        let d = one_error("[\"c::T\".fields]\nid = 1\n");
        assert_eq!(d.pos, Some(Pos { line: 2, col: 6 }));
    }

    #[test]
    fn positions_count_characters_and_stay_in_the_text() {
        let lines = Lines::new("ab\nдж\n");
        assert_eq!(lines.pos(0), Pos { line: 1, col: 1 });
        assert_eq!(lines.pos(3), Pos { line: 2, col: 1 });
        assert_eq!(lines.pos(5), Pos { line: 2, col: 2 });
        // Inside a character, and beyond the end.
        assert_eq!(lines.pos(4), Pos { line: 2, col: 1 });
        assert_eq!(lines.pos(99), Pos { line: 3, col: 1 });
        assert_eq!(Lines::new("").pos(0), Pos { line: 1, col: 1 });
    }

    #[test]
    fn casings_by_name() {
        let o = Overrides::parse(
            Path::new("w.toml"),
            "[defaults]\ncasing = \"camelCase-initialisms\"\nobject-casing = 'PascalCase'\n[\"c::T\"]\nobject-casing = \"snake_case\"\n",
        )
        .unwrap();
        assert_eq!(o.default_casing(), Some(Casing::CamelInitialisms));
        assert_eq!(o.default_object_casing(), Some(Casing::Pascal));
        assert_eq!(o.type_casing("c::T", true), Some(Casing::Snake));
        assert_eq!(o.type_casing("c::T", false), None);
        assert_eq!(o.type_casing("c::U", true), None);
    }
}
