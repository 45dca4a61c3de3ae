//! Wire-name overrides: a small file a user keeps beside the docs to fix JSON keys the
//! inference gets wrong, applied to the [`Model`] after it is built.
//!
//! The format is a subset of TOML (sections, `key = "string"`, `#` comments):
//!
//! ```toml
//! [defaults]
//! casing = "camelCase"            # for every type: camelCase | snake_case | PascalCase | as-documented
//! object-casing = "PascalCase"    # for fields holding objects or lists of them
//!
//! ["components::LibraryItem"]
//! casing = "snake_case"           # this type's fields
//!
//! ["components::LibraryItem".fields]
//! library_section_id = "librarySectionID"   # doc or Rust field name -> JSON key
//! ```
//!
//! Types are named by their Rust path from the crate root, as in `--samples`. A type,
//! field or casing that does not exist is an error, so a stale override never goes
//! unnoticed.

use crate::error::{Diagnostic, ErrorKind, Pos};
use crate::model::{Kind, Model, Ty};
use crate::naming;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// How a type's JSON keys are spelled when no field override says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Casing {
    /// The inference: lowerCamelCase with ID/URL/UUID/GUID... in capitals.
    Camel,
    Snake,
    Pascal,
    /// The field name exactly as the doc writes it.
    AsDocumented,
}

impl Casing {
    const NAMES: &'static str = "camelCase, snake_case, PascalCase, as-documented";

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "camelCase" => Casing::Camel,
            "snake_case" => Casing::Snake,
            "PascalCase" => Casing::Pascal,
            "as-documented" => Casing::AsDocumented,
            _ => return None,
        })
    }

    /// The key for a field whose doc name is `doc_name`.
    pub fn apply(self, doc_name: &str) -> String {
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

    /// Sets the JSON keys of the model's fields; names that match nothing are errors.
    pub fn apply(&self, model: &mut Model) -> Vec<Diagnostic> {
        let mut errs = Vec::new();
        let err =
            |pos: Pos, msg: String| Diagnostic::new(ErrorKind::BadCell, &self.file, Some(pos), msg);
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
                                at.pos,
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
                let pos = rules.map(|r| r.pos).unwrap_or_default();
                errs.push(err(
                    pos,
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
                    r.pos,
                    format!("expected the Rust path of a generated type, found `{path}`"),
                );
                if !near.is_empty() {
                    d = d.with_hint(format!("did you mean {}?", near.join(" or ")));
                }
                errs.push(d);
            } else if !used.contains(path) {
                errs.push(err(
                    r.pos,
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
