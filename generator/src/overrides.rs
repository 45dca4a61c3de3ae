//! Wire-name overrides: a small file a user keeps beside the docs to fix JSON keys the
//! inference gets wrong. Its settings are levels of the one precedence in
//! [`crate::wire`].
//!
//! The format is a subset of TOML (sections, `key = "string"`, `#` comments):
//!
//! ```toml
//! [defaults]
//! casing = "camelCase"            # for every type (see below)
//! object-casing = "PascalCase"    # for fields holding objects or lists of them
//!
//! ["components::LibraryItem"]
//! casing = "snake_case"           # this type's fields
//!
//! ["components::LibraryItem".fields]
//! library_section_id = "librarySectionID"   # doc or Rust field name -> JSON key
//! ```
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
//! Types are named by their Rust path from the crate root, as in `--samples`. A type,
//! field or casing that does not exist is an error, so a stale override never goes
//! unnoticed.

use crate::error::{Diagnostic, ErrorKind, Pos};
use crate::model::{Kind, Model};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

pub use crate::wire::Casing;

/// A value with the line it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct At<T> {
    value: T,
    pos: Pos,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct TypeRules {
    pos: Pos,
    casing: Option<At<Casing>>,
    object_casing: Option<At<Casing>>,
    fields: BTreeMap<String, At<String>>,
}

/// A parsed overrides file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    file: PathBuf,
    casing: Option<At<Casing>>,
    object_casing: Option<At<Casing>>,
    types: BTreeMap<String, TypeRules>,
}

impl Overrides {
    /// Reads and parses the file at `path`.
    pub fn load(path: &Path) -> Result<Self, Vec<Diagnostic>> {
        let bytes = std::fs::read(path).map_err(|e| {
            vec![Diagnostic::new(
                ErrorKind::Io,
                path,
                None,
                format!("expected a readable wire-names file: {e}"),
            )]
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            vec![Diagnostic::new(
                ErrorKind::NotUtf8,
                path,
                None,
                format!(
                    "expected UTF-8 text; invalid byte at offset {}",
                    e.utf8_error().valid_up_to()
                ),
            )]
        })?;
        Self::parse(path, &text)
    }

    /// Parses the text of a file named `file` (used in diagnostics).
    pub fn parse(file: &Path, text: &str) -> Result<Self, Vec<Diagnostic>> {
        let mut out = Overrides {
            file: file.to_path_buf(),
            ..Overrides::default()
        };
        let mut errs = Vec::new();
        let mut section: Vec<String> = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = strip_comment(raw).trim();
            let pos = Pos {
                line: u32::try_from(i + 1).unwrap_or(u32::MAX),
                col: u32::try_from(raw.len() - raw.trim_start().len() + 1).unwrap_or(u32::MAX),
            };
            let err = |msg: String| {
                Diagnostic::new(ErrorKind::BadCell, file, Some(pos), msg).with_snippet(raw.trim())
            };
            if line.is_empty() {
                continue;
            }
            if let Some(inner) = line.strip_prefix('[') {
                let Some(inner) = inner.strip_suffix(']') else {
                    errs.push(err(
                        "expected a section header like `[\"components::Tag\"]`".into(),
                    ));
                    continue;
                };
                match split_key(inner) {
                    Some(parts) => {
                        section = parts;
                        match section.as_slice() {
                            [d] if d == "defaults" => {}
                            [t] | [t, _] if section.len() == 1 || section[1] == "fields" => {
                                out.types.entry(t.clone()).or_insert_with(|| TypeRules {
                                    pos,
                                    ..TypeRules::default()
                                });
                            }
                            _ => errs.push(err(
                                "expected `[defaults]`, `[\"<type path>\"]` or `[\"<type path>\".fields]`"
                                    .into(),
                            )),
                        }
                    }
                    None => errs.push(err(
                        "expected a section name: bare or quoted keys joined by `.`".into(),
                    )),
                }
                continue;
            }
            let Some((key, value)) = line.split_once('=').and_then(|(k, v)| {
                let k = split_key(k.trim())?;
                let v = parse_string(v.trim())?;
                (k.len() == 1).then(|| (k.into_iter().next().unwrap_or_default(), v))
            }) else {
                errs.push(err("expected `key = \"value\"`".into()));
                continue;
            };
            match section.as_slice() {
                [d] if d == "defaults" || out.types.contains_key(d) => {
                    if key != "casing" && key != "object-casing" {
                        errs.push(err(format!(
                            "expected `casing` or `object-casing` here; field keys go under `[\"{d}\".fields]`"
                        )));
                        continue;
                    }
                    let Some(c) = Casing::parse(&value) else {
                        errs.push(err(format!(
                            "expected a casing ({}), found `{value}`",
                            Casing::NAMES
                        )));
                        continue;
                    };
                    let at = Some(At { value: c, pos });
                    let objects = key == "object-casing";
                    match (d == "defaults", out.types.get_mut(d)) {
                        (true, _) if objects => out.object_casing = at,
                        (true, _) => out.casing = at,
                        (false, Some(t)) if objects => t.object_casing = at,
                        (false, Some(t)) => t.casing = at,
                        (false, None) => {}
                    }
                }
                [t, f] if f == "fields" => {
                    if let Some(rules) = out.types.get_mut(t) {
                        rules.fields.insert(key, At { value, pos });
                    }
                }
                _ => errs.push(err("expected this key inside a section".into())),
            }
        }
        if errs.is_empty() {
            Ok(out)
        } else {
            Err(errs)
        }
    }

    /// The file's path, for diagnostics.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// `[defaults] casing`.
    pub fn default_casing(&self) -> Option<Casing> {
        self.casing.as_ref().map(|c| c.value)
    }

    /// `[defaults] object-casing`.
    pub fn default_object_casing(&self) -> Option<Casing> {
        self.object_casing.as_ref().map(|c| c.value)
    }

    /// The casing the type at `path` sets for a field: its `object-casing` for a field
    /// holding objects, else its `casing`.
    pub fn type_casing(&self, path: &str, holds_objects: bool) -> Option<Casing> {
        let rules = self.types.get(path)?;
        let objects = rules.object_casing.as_ref().filter(|_| holds_objects);
        objects.or(rules.casing.as_ref()).map(|c| c.value)
    }

    /// The key the file gives a field of the type at `path`, by its doc or Rust name,
    /// with the line that gives it.
    pub fn field_key(&self, path: &str, doc_name: &str, rust_name: &str) -> Option<(&str, Pos)> {
        let fields = &self.types.get(path)?.fields;
        let at = fields.get(doc_name).or_else(|| fields.get(rust_name))?;
        Some((&at.value, at.pos))
    }

    /// Names in the file that match nothing in `model`: types that do not exist or are
    /// no struct, fields a type does not have.
    pub fn check(&self, model: &Model) -> Vec<Diagnostic> {
        let mut errs = Vec::new();
        let err =
            |pos: Pos, msg: String| Diagnostic::new(ErrorKind::BadCell, &self.file, Some(pos), msg);
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
                        r.pos,
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
                                    at.pos,
                                    format!("expected a field of `{path}`, found `{name}`"),
                                )
                                .with_hint(format!("its fields: {}", known.join(", "))),
                            );
                        }
                    }
                }
                Some(_) => errs.push(err(
                    r.pos,
                    format!(
                        "expected a struct, but `{path}` is an enum or union: it has no field keys"
                    ),
                )),
            }
        }
        errs
    }
}

/// Drops a `#` comment that is not inside a quoted string.
fn strip_comment(line: &str) -> &str {
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '#' if !quoted => return &line[..i],
            _ => {}
        }
    }
    line
}

/// `a."b c".d` -> `["a", "b c", "d"]`.
fn split_key(s: &str) -> Option<Vec<String>> {
    let mut parts = Vec::new();
    let mut rest = s.trim();
    loop {
        if rest.starts_with('"') {
            let end = closing_quote(rest)?;
            parts.push(parse_string(&rest[..=end])?);
            rest = rest[end + 1..].trim_start();
        } else {
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(rest.len());
            if end == 0 {
                return None;
            }
            parts.push(rest[..end].to_string());
            rest = rest[end..].trim_start();
        }
        if rest.is_empty() {
            return Some(parts);
        }
        rest = rest.strip_prefix('.')?.trim_start();
    }
}

/// Byte index of the quote closing the basic string that starts `s`.
fn closing_quote(s: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i),
            _ => {}
        }
    }
    None
}

/// A TOML basic string (`"..."` with `\"`, `\\`, `\n`, `\t`, `\uXXXX` escapes).
fn parse_string(s: &str) -> Option<String> {
    let end = closing_quote(s)?;
    if !s.starts_with('"') || end != s.len() - 1 {
        return None;
    }
    let mut out = String::new();
    let mut chars = s[1..end].chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'u' => {
                let hex: String = chars.by_ref().take(4).collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Overrides, Vec<Diagnostic>> {
        Overrides::parse(Path::new("wire-names.toml"), text)
    }

    #[test]
    fn parses_sections_keys_and_comments() {
        let o = parse(
            "# top\n[defaults]\ncasing = \"snake_case\" # all\n\n[\"components::Tag\"]\ncasing = \"PascalCase\"\n[\"components::Tag\".fields]\n\"odd key\" = \"a#b\"\nid = \"ID\"\n",
        )
        .unwrap();
        assert_eq!(o.casing.unwrap().value, Casing::Snake);
        let t = &o.types["components::Tag"];
        assert_eq!(t.casing.as_ref().unwrap().value, Casing::Pascal);
        assert_eq!(t.fields["odd key"].value, "a#b");
        assert_eq!(t.fields["id"].value, "ID");
        assert_eq!(t.fields["id"].pos.line, 9);
    }

    #[test]
    fn bad_lines_are_errors_with_their_line() {
        let errs = parse("[defaults]\ncasing = \"kebab\"\nnot a pair\n[x.y.z]\n").unwrap_err();
        let lines: Vec<_> = errs.iter().map(|d| d.pos.unwrap().line).collect();
        assert_eq!(lines, [2, 3, 4]);
        assert!(errs[0].message.contains("camelCase"), "{}", errs[0].message);
    }

    #[test]
    fn casings_by_name() {
        let o = parse(
            "[defaults]\ncasing = \"camelCase-initialisms\"\nobject-casing = \"PascalCase\"\n[\"c::T\"]\nobject-casing = \"snake_case\"\n",
        )
        .unwrap();
        assert_eq!(o.default_casing(), Some(Casing::CamelInitialisms));
        assert_eq!(o.default_object_casing(), Some(Casing::Pascal));
        assert_eq!(o.type_casing("c::T", true), Some(Casing::Snake));
        assert_eq!(o.type_casing("c::T", false), None);
        assert_eq!(o.type_casing("c::U", true), None);
    }
}
