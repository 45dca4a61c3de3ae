//! Wire-name overrides: a TOML file a user keeps beside the docs to fix JSON keys the
//! inference gets wrong, applied to the [`Model`] after it is built.
//!
//! # Format
//!
//! ```toml
//! [defaults]
//! casing = "camelCase"            # for every type: camelCase | snake_case | PascalCase | as-documented
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
//! `--samples`. A field key takes precedence over `object-casing`, which takes
//! precedence over `casing`; a type's settings over `[defaults]`.
//!
//! # Errors
//!
//! The file is read with the `toml` crate into serde structs that deny unknown keys, so
//! anything that is not TOML, a key other than the ones above, a value of the wrong type
//! or a casing that does not exist is an [`ErrorKind::InvalidOverrides`] with the TOML
//! parser's (or serde's) own message at its `file:line:col`. A type, field or casing that
//! does not exist in the model is an [`ErrorKind::UnknownOverride`], so a stale
//! override never goes unnoticed; overrides that give two fields the same key are an
//! [`ErrorKind::OverrideClash`].

use crate::error::{Diagnostic, ErrorKind, Pos};
use crate::model::{Kind, Model, Ty};
use crate::naming;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// How a type's JSON keys are spelled when no field override says otherwise. A new
/// casing is a variant with its spelling in the file (`rename`) and an arm in `apply`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub(crate) enum Casing {
    /// The inference: lowerCamelCase with ID/URL/UUID/GUID... in capitals.
    #[serde(rename = "camelCase")]
    Camel,
    /// Lower-case words joined by `_`.
    #[serde(rename = "snake_case")]
    Snake,
    /// The inference with its first letter in capitals.
    #[serde(rename = "PascalCase")]
    Pascal,
    /// The field name exactly as the doc writes it.
    #[serde(rename = "as-documented")]
    AsDocumented,
}

impl Casing {
    /// The key for a field whose doc name is `doc_name`.
    pub(crate) fn apply(self, doc_name: &str) -> String {
        let words = naming::words(doc_name);
        if words.is_empty() {
            return doc_name.to_string();
        }
        match self {
            Casing::Camel => naming::wire_name(&words),
            Casing::Snake => words.join("_"),
            Casing::Pascal => {
                let camel = naming::wire_name(&words);
                let mut c = camel.chars();
                c.next()
                    .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                    .unwrap_or_default()
            }
            Casing::AsDocumented => doc_name.to_string(),
        }
    }
}

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

    /// Sets the JSON keys of the model's fields; names that match nothing are errors.
    pub(crate) fn apply(&self, model: &mut Model) -> Vec<Diagnostic> {
        let mut errs = Vec::new();
        let err = |kind: ErrorKind, (pos, src): (Pos, &str), msg: String| {
            Diagnostic::new(kind, &self.file, Some(pos), msg).with_snippet(src)
        };
        let paths: Vec<String> = model.types.iter().map(|t| t.rust_path()).collect();
        let is_object: Vec<bool> = model
            .types
            .iter()
            .map(|t| !matches!(t.kind, Kind::Enum(_)))
            .collect();
        let mut used = BTreeSet::new();
        for (t, path) in model.types.iter_mut().zip(&paths) {
            let Kind::Struct(s) = &mut t.kind else {
                continue;
            };
            let rules = self.types.get(path);
            let casing = rules
                .and_then(|r| r.casing.as_ref())
                .or(self.casing.as_ref())
                .map(|c| c.value);
            let object_casing = rules
                .and_then(|r| r.object_casing.as_ref())
                .or(self.object_casing.as_ref())
                .map(|c| c.value);
            if rules.is_none() && casing.is_none() && object_casing.is_none() {
                continue;
            }
            used.insert(path.clone());
            let mut matched = BTreeSet::new();
            for f in &mut s.fields {
                let exact = rules.and_then(|r| {
                    let key = [&f.doc_name, f.rust_name.trim_start_matches("r#")]
                        .into_iter()
                        .find(|k| r.fields.contains_key(*k))?;
                    matched.insert(key.to_string());
                    Some(r.fields[key].value.clone())
                });
                let casing = match object_casing {
                    Some(c) if holds_object(&f.ty, &is_object) => Some(c),
                    _ => casing,
                };
                let wire = match (exact, casing) {
                    (Some(w), _) => w,
                    (None, Some(c)) => c.apply(&f.doc_name),
                    (None, None) => continue,
                };
                if wire != f.wire_name {
                    let old = std::mem::replace(&mut f.wire_name, wire);
                    f.aliases.retain(|a| *a != f.wire_name);
                    f.aliases.push(old);
                    f.aliases.sort();
                }
            }
            if let Some(r) = rules {
                for (name, at) in &r.fields {
                    if !matched.contains(name) {
                        let known: Vec<_> = s.fields.iter().map(|f| f.doc_name.as_str()).collect();
                        errs.push(
                            err(
                                ErrorKind::UnknownOverride,
                                at.place(),
                                format!("expected a field of `{path}`, found `{name}`"),
                            )
                            .with_hint(format!("its fields: {}", known.join(", "))),
                        );
                    }
                }
            }
            // One key, one field: an override wins over other fields' aliases.
            let primaries: BTreeSet<String> =
                s.fields.iter().map(|f| f.wire_name.clone()).collect();
            if primaries.len() < s.fields.len() {
                // Without a table of its own, the clash comes from `[defaults]`.
                let place = rules
                    .map(|r| r.at.place())
                    .or_else(|| self.casing.as_ref().map(At::place))
                    .or_else(|| self.object_casing.as_ref().map(At::place))
                    .unwrap_or((Pos::default(), ""));
                errs.push(err(
                    ErrorKind::OverrideClash,
                    place,
                    format!("expected distinct JSON keys for the fields of `{path}`, but two fields get the same key"),
                ));
            }
            for f in &mut s.fields {
                f.aliases.retain(|a| !primaries.contains(a));
            }
        }
        let known: BTreeSet<&String> = paths.iter().collect();
        for (path, r) in &self.types {
            if !known.contains(path) {
                let near: Vec<_> = known
                    .iter()
                    .map(|p| p.as_str())
                    .filter(|p| p.rsplit("::").next() == path.rsplit("::").next())
                    .collect();
                let mut d = err(
                    ErrorKind::UnknownOverride,
                    r.at.place(),
                    format!("expected the Rust path of a generated type, found `{path}`"),
                );
                if !near.is_empty() {
                    d = d.with_hint(format!("did you mean {}?", near.join(" or ")));
                }
                errs.push(d);
            } else if !used.contains(path) {
                errs.push(err(
                    ErrorKind::UnknownOverride,
                    r.at.place(),
                    format!(
                        "expected a struct, but `{path}` is an enum or union: it has no field keys"
                    ),
                ));
            }
        }
        errs
    }
}

/// Whether a field of type `ty` holds objects: a struct or union, or containers of them.
fn holds_object(ty: &Ty, is_object: &[bool]) -> bool {
    match ty {
        Ty::Named(id) => is_object.get(id.index()).copied().unwrap_or(false),
        Ty::List(t) | Ty::Map(t) | Ty::Nullable(t) | Ty::Boxed(t) => holds_object(t, is_object),
        _ => false,
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
    fn casings() {
        assert_eq!(
            Casing::Camel.apply("library_section_id"),
            "librarySectionID"
        );
        assert_eq!(
            Casing::Pascal.apply("library_section_id"),
            "LibrarySectionID"
        );
        assert_eq!(
            Casing::Snake.apply("LibrarySectionID"),
            "library_section_id"
        );
        assert_eq!(
            Casing::AsDocumented.apply("Media_Container"),
            "Media_Container"
        );
    }
}
