//! Learning keys from real payloads: JSON responses (or requests) the API really
//! sent, matched to the generated types, so that an API that mixes casings (Plex:
//! camelCase attributes, PascalCase objects) gets its exact keys without overrides
//! written by hand.
//!
//! Each payload (a JSON file, or every `*.json` under a folder) is matched to the
//! struct it fits best: the structs that declare most of its top-level keys are
//! compared by how many keys of the whole payload their fields (followed down through
//! nested objects and lists) declare. A list payload is matched element by element. A
//! payload can name its type instead: `components::Foo=resp.json`. Then the payload is
//! walked along the fields' types and the spelling of every key is recorded for the
//! field it names (the field with the same words). From those spellings come the
//! casing most keys follow, for fields holding objects and for the others apart.
//!
//! A payload that is not JSON, or that no type fits (no struct declares half of its
//! keys), is reported with its file and changes nothing.

use super::casing::{Family, KeyStyle};
use super::detect::{count_seen, most_frequent, Spellings};
use super::{Casing, Index};
use crate::error::{Diagnostic, ErrorKind, Pos};
use crate::model::{Kind, Model, Ty, TypeId};
use rustc_hash::FxHashMap;
use serde_json::Value;
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};

/// Where to learn from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LearnSource {
    /// A JSON file, or a folder searched recursively for `*.json`; each payload is
    /// matched to the type it fits best.
    Path(PathBuf),
    /// A JSON file (or folder) whose payloads are all of the type with this Rust path.
    Typed {
        /// The type's Rust path (`components::Foo`).
        type_path: String,
        /// The JSON file or folder.
        path: PathBuf,
    },
}

impl LearnSource {
    /// Reads `components::Foo=resp.json` as a typed source and anything else (or a
    /// file that exists under that very name) as a path.
    pub fn parse(spec: impl AsRef<OsStr>) -> LearnSource {
        let spec = spec.as_ref();
        if let Some((ty, path)) = spec.to_str().and_then(|s| s.split_once('=')) {
            if is_rust_path(ty) && !path.is_empty() && !Path::new(spec).exists() {
                return LearnSource::Typed {
                    type_path: ty.to_string(),
                    path: PathBuf::from(path),
                };
            }
        }
        LearnSource::Path(PathBuf::from(spec))
    }

    fn path(&self) -> &Path {
        match self {
            LearnSource::Path(p) | LearnSource::Typed { path: p, .. } => p,
        }
    }
}

/// The type inside `Nullable` and `Box`.
fn inner(ty: &Ty) -> &Ty {
    match ty {
        Ty::Nullable(t) | Ty::Boxed(t) => inner(t),
        t => t,
    }
}

fn is_rust_path(s: &str) -> bool {
    !s.is_empty()
        && s.split("::").all(|seg| {
            let seg = seg.strip_prefix("r#").unwrap_or(seg);
            seg.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && seg.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
}

/// What was learned, for the precedence ([`super::Level::Learned`], and the casing at
/// [`super::Level::Detected`]).
#[derive(Debug, Clone, Default)]
pub struct Learned {
    /// The spellings seen for each field (type, field index), with how often, in the
    /// order first seen.
    pub(crate) keys: FxHashMap<(TypeId, usize), Spellings>,
    /// Keys seen in a struct's payloads that name none of its fields: the API uses
    /// them for something else, so they are no field's alias there.
    pub(crate) undeclared: FxHashMap<TypeId, Vec<String>>,
    /// The casing most keys of fields holding no objects follow.
    pub casing: Option<Casing>,
    /// The casing most keys of fields holding objects follow.
    pub object_casing: Option<Casing>,
    /// How many distinct keys seen follow those casings, and how many do not.
    pub votes: (u32, u32),
    pub report: LearnReport,
}

impl Learned {
    /// The spelling seen most often for a field (the first seen of equals).
    pub fn key(&self, ty: TypeId, field: usize) -> Option<&str> {
        most_frequent(self.keys.get(&(ty, field))?)
    }
}

/// What learning found, for the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LearnReport {
    /// Which payloads matched which types, and how well.
    pub payloads: Vec<PayloadMatch>,
    /// Keys seen that no field declares: (type path, key) -> times seen.
    pub unknown_keys: BTreeMap<(String, String), u32>,
    /// Fields seen with more than one spelling.
    pub conflicts: Vec<Conflict>,
    /// Fields whose key was seen.
    pub fields_learned: usize,
    /// The learned casings, as the summary says them.
    pub casing: Option<Casing>,
    /// The learned casing of keys holding objects, when it differs.
    pub object_casing: Option<Casing>,
}

/// A payload (or the elements of a list payload) and the type it was matched to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayloadMatch {
    /// The payload file.
    pub file: PathBuf,
    /// 1 for an object; for a list, how many of its elements matched this type.
    pub elements: usize,
    /// The type's Rust path.
    pub type_path: String,
    /// Whether the type was named (`Type=file`) rather than found.
    pub named: bool,
    /// Keys of the payload (at any depth) that name a declared field, and all keys.
    pub declared: u64,
    /// All keys of the payload, at any depth.
    pub keys: u64,
}

/// One field seen under more than one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The type's Rust path.
    pub type_path: String,
    /// The field as the doc names it.
    pub field: String,
    /// Each spelling and how often, the one used first.
    pub spellings: Vec<(String, u32)>,
}

impl fmt::Display for LearnReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "learned from payloads:")?;
        for p in &self.payloads {
            let what = if p.elements == 1 {
                String::new()
            } else {
                format!(" ({} elements)", p.elements)
            };
            let how = if p.named { "named" } else { "matched" };
            let share = if p.keys == 0 {
                100.0
            } else {
                p.declared as f64 * 100.0 / p.keys as f64
            };
            writeln!(
                f,
                "  {}{what}: {how} {}, {} of {} keys declared ({share:.1}%)",
                p.file.display(),
                p.type_path,
                p.declared,
                p.keys
            )?;
        }
        writeln!(f, "  keys learned for {} fields", self.fields_learned)?;
        match (self.casing, self.object_casing) {
            (None, None) => writeln!(f, "  casing: no key of two words or more")?,
            (c, o) => {
                let c = c.map_or("-", Casing::name);
                let o = o.map_or("-", Casing::name);
                writeln!(f, "  casing: {c}; fields holding objects: {o}")?;
            }
        }
        if !self.unknown_keys.is_empty() {
            writeln!(f, "  keys no field declares:")?;
            for ((ty, key), n) in &self.unknown_keys {
                writeln!(f, "    {ty}: `{key}` ({n}x)")?;
            }
        }
        if !self.conflicts.is_empty() {
            writeln!(
                f,
                "  fields seen with more than one key (the most frequent is used):"
            )?;
            for c in &self.conflicts {
                let s: Vec<String> = c
                    .spellings
                    .iter()
                    .map(|(k, n)| format!("`{k}` ({n}x)"))
                    .collect();
                writeln!(f, "    {}.{}: {}", c.type_path, c.field, s.join(", "))?;
            }
        }
        Ok(())
    }
}

/// Payloads looked at per list when comparing candidate types: enough to tell types
/// apart, bounded on large lists.
const SAMPLE: usize = 8;

/// Learns from `sources`. Returns what was learned, errors (paths that cannot be read,
/// types that do not exist) and warnings (payloads that are not JSON or fit nothing).
pub fn learn(
    model: &Model,
    index: &Index,
    sources: &[LearnSource],
) -> (Learned, Vec<Diagnostic>, Vec<Diagnostic>) {
    let mut l = Learner {
        model,
        index,
        keys: FxHashMap::default(),
        unknown: BTreeMap::new(),
        declared: 0,
        total: 0,
        paths: model.types.iter().map(|t| t.rust_path()).collect(),
    };
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut payloads: Vec<PayloadMatch> = Vec::new();
    for source in sources {
        let typed = match source {
            LearnSource::Typed { type_path, .. } => match l.struct_named(type_path) {
                Ok(id) => Some(id),
                Err(d) => {
                    errors.push(d);
                    continue;
                }
            },
            LearnSource::Path(_) => None,
        };
        let files = match json_files(source.path()) {
            Ok(files) => files,
            Err(d) => {
                errors.push(d);
                continue;
            }
        };
        for file in files {
            let value = match read_json(&file) {
                Ok(v) => v,
                Err(d) => {
                    warnings.push(d);
                    continue;
                }
            };
            let objects: Vec<&Value> = match &value {
                Value::Array(items) => items.iter().filter(|v| v.is_object()).collect(),
                Value::Object(_) => vec![&value],
                _ => Vec::new(),
            };
            if objects.is_empty() {
                warnings.push(Diagnostic::new(
                    ErrorKind::Payload,
                    &file,
                    None,
                    "expected a JSON object or a list of objects; this payload teaches no keys",
                ));
                continue;
            }
            let mut matched: Vec<PayloadMatch> = Vec::new();
            let mut unmatched = 0usize;
            let mut memo: FxHashMap<Vec<&str>, Option<TypeId>> = FxHashMap::default();
            for obj in objects {
                let ty = match typed {
                    Some(id) => Some(id),
                    None => {
                        let mut shape: Vec<&str> = obj
                            .as_object()
                            .map(|m| m.keys().map(String::as_str).collect())
                            .unwrap_or_default();
                        shape.sort_unstable();
                        *memo.entry(shape).or_insert_with(|| l.best_type(obj))
                    }
                };
                let Some(id) = ty else {
                    unmatched += 1;
                    continue;
                };
                let (d0, t0) = (l.declared, l.total);
                l.record(id, obj);
                let (declared, keys) = (l.declared - d0, l.total - t0);
                let path = &l.paths[id.index()];
                match matched.iter_mut().find(|m| m.type_path == *path) {
                    Some(m) => {
                        m.elements += 1;
                        m.declared += declared;
                        m.keys += keys;
                    }
                    None => matched.push(PayloadMatch {
                        file: file.clone(),
                        elements: 1,
                        type_path: path.clone(),
                        named: typed.is_some(),
                        declared,
                        keys,
                    }),
                }
            }
            if unmatched > 0 {
                let what = if value.is_array() {
                    format!("{unmatched} element(s) of this list fit")
                } else {
                    "this payload fits".to_string()
                };
                warnings.push(
                    Diagnostic::new(
                        ErrorKind::Payload,
                        &file,
                        None,
                        format!("expected a payload of a generated type, but {what} no struct: none declares half of its keys; nothing was learned from them"),
                    )
                    .with_hint("name its type: --learn-from <type path>=<file>"),
                );
            }
            payloads.extend(matched);
        }
    }
    let report_paths = l.paths.clone();
    let mut learned = l.finish();
    learned.report.payloads = payloads;
    learned.report.conflicts = conflicts(model, &learned, &report_paths);
    (learned, errors, warnings)
}

struct Learner<'m> {
    model: &'m Model,
    index: &'m Index,
    keys: FxHashMap<(TypeId, usize), Spellings>,
    unknown: BTreeMap<(TypeId, String), u32>,
    declared: u64,
    total: u64,
    paths: Vec<String>,
}

impl Learner<'_> {
    fn struct_named(&self, path: &str) -> Result<TypeId, Diagnostic> {
        let at = Path::new("<--learn-from>");
        match self.paths.iter().position(|p| p == path) {
            Some(i) if matches!(self.model.types[i].kind, Kind::Struct(_)) => Ok(TypeId(i)),
            Some(_) => Err(Diagnostic::new(
                ErrorKind::Usage,
                at,
                None,
                format!("expected a struct to learn keys for, but `{path}` is an enum or union"),
            )),
            None => {
                let last = path.rsplit("::").next().unwrap_or(path);
                let near: Vec<&str> = self
                    .paths
                    .iter()
                    .map(String::as_str)
                    .filter(|p| p.rsplit("::").next() == Some(last))
                    .collect();
                let mut d = Diagnostic::new(
                    ErrorKind::Usage,
                    at,
                    None,
                    format!("expected the Rust path of a generated type, found `{path}`"),
                );
                if !near.is_empty() {
                    d = d.with_hint(format!("did you mean {}?", near.join(" or ")));
                }
                Err(d)
            }
        }
    }

    /// The struct a top-level object fits best, if one declares at least half of its
    /// keys. Candidates are the structs declaring the most top-level keys (by their
    /// share of the keys and fields together); among them, the one declaring most keys
    /// of the whole payload wins, the first in model order of equals.
    fn best_type(&self, obj: &Value) -> Option<TypeId> {
        let m = obj.as_object()?;
        if m.is_empty() {
            return None;
        }
        let mut counts: FxHashMap<TypeId, usize> = FxHashMap::default();
        for key in m.keys() {
            let words = self.index.words_of(key);
            for id in self.index.structs_with(&words) {
                *counts.entry(*id).or_default() += 1;
            }
        }
        // Top-level overlap: shared keys over keys and fields together.
        let mut ranked: Vec<(f64, TypeId)> = counts
            .into_iter()
            .map(|(id, n)| {
                let fields = self.index.words[id.index()].len();
                (n as f64 / (m.len() + fields - n) as f64, id)
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.truncate(16);
        let mut best: Option<((u64, u64), TypeId)> = None;
        for (_, id) in ranked {
            let (declared, keys) = self.fit(id, obj, 0);
            // Compare declared/keys as fractions without division.
            let better = best.is_none_or(|((bd, bk), _)| declared * bk > bd * keys);
            if better {
                best = Some(((declared, keys), id));
            }
        }
        let ((declared, keys), id) = best?;
        (declared * 2 >= keys && declared > 0).then_some(id)
    }

    /// Keys of `v` (at any depth, lists sampled) that a declared field of `id` names,
    /// and all its keys.
    fn fit(&self, id: TypeId, v: &Value, depth: usize) -> (u64, u64) {
        let Some(m) = v.as_object() else {
            return (0, 0);
        };
        let Kind::Struct(s) = &self.model.types[id].kind else {
            return (0, 0);
        };
        let (mut declared, mut keys) = (0, 0);
        for (key, x) in m {
            keys += 1;
            if let Some(fi) = self.resolve(id, key, x) {
                declared += 1;
                if depth < 8 {
                    let (d, k) = self.fit_ty(&s.fields[fi].ty, x, depth + 1);
                    declared += d;
                    keys += k;
                }
            }
        }
        (declared, keys)
    }

    fn fit_ty(&self, ty: &Ty, v: &Value, depth: usize) -> (u64, u64) {
        match (ty, v) {
            (Ty::Nullable(t) | Ty::Boxed(t), _) => self.fit_ty(t, v, depth),
            (Ty::List(t), Value::Array(items)) => items
                .iter()
                .take(SAMPLE)
                .map(|x| self.fit_ty(t, x, depth))
                .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1)),
            (Ty::Map(t), Value::Object(m)) => m
                .values()
                .take(SAMPLE)
                .map(|x| self.fit_ty(t, x, depth))
                .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1)),
            (Ty::Named(id), Value::Object(_)) => match &self.model.types[*id].kind {
                Kind::Struct(_) => self.fit(*id, v, depth),
                Kind::Union(_) => self
                    .member(*id, v)
                    .map_or((0, 0), |m| self.fit(m, v, depth)),
                Kind::Enum(_) | Kind::Const(_) => (0, 0),
            },
            _ => (0, 0),
        }
    }

    /// The struct member of union `id` whose fields name most keys of `v`.
    fn member(&self, id: TypeId, v: &Value) -> Option<TypeId> {
        let Kind::Union(u) = &self.model.types[id].kind else {
            return None;
        };
        let m = v.as_object()?;
        let mut best: Option<(usize, TypeId)> = None;
        for member in &u.members {
            let mut ty = &member.ty;
            while let Ty::Boxed(t) | Ty::Nullable(t) = ty {
                ty = t;
            }
            let Ty::Named(mid) = ty else { continue };
            if !matches!(self.model.types[*mid].kind, Kind::Struct(_)) {
                continue;
            }
            let n = m
                .keys()
                .filter(|k| {
                    let words = self.index.words_of(k);
                    self.index.field(self.model, *mid, k, &words).is_some()
                })
                .count();
            if best.is_none_or(|b| n > b.0) {
                best = Some((n, *mid));
            }
        }
        best.map(|b| b.1)
    }

    /// The field of struct `id` that `key` names when its value is `v`: the field with
    /// the same words whose type can hold the value (a list takes an array, a struct
    /// or map an object, a scalar a scalar); failing that, a list field named in the
    /// plural of an array's key (`Guid` for `guids`: APIs whose JSON comes from XML
    /// name lists by their element).
    fn resolve(&self, id: TypeId, key: &str, v: &Value) -> Option<usize> {
        let Kind::Struct(s) = &self.model.types[id].kind else {
            return None;
        };
        let words = self.index.words_of(key);
        if let Some(fi) = self.index.field(self.model, id, key, &words) {
            if self.holds(&s.fields[fi].ty, v) {
                return Some(fi);
            }
        }
        if !v.is_array() {
            return None;
        }
        let (last, head) = words.split_last()?;
        let mut plural = head.to_vec();
        plural.push(format!("{last}s"));
        let plural_key = format!("{key}s");
        self.index
            .field(self.model, id, &plural_key, &plural)
            .filter(|&fi| matches!(inner(&s.fields[fi].ty), Ty::List(_)))
    }

    /// Whether a field of type `ty` can hold `v` (`null` fits anything).
    fn holds(&self, ty: &Ty, v: &Value) -> bool {
        let scalar = !(v.is_array() || v.is_object());
        match inner(ty) {
            _ if v.is_null() => true,
            Ty::Json => true,
            Ty::List(_) => v.is_array(),
            Ty::Map(_) => v.is_object(),
            Ty::Named(id) => match &self.model.types[*id].kind {
                Kind::Struct(_) => v.is_object(),
                Kind::Enum(_) | Kind::Const(_) => scalar,
                Kind::Union(_) => true,
            },
            _ => scalar,
        }
    }

    /// Records every key of `v` for the field of `id` it names, all the way down.
    fn record(&mut self, id: TypeId, v: &Value) {
        let Some(m) = v.as_object() else { return };
        let model = self.model;
        let Kind::Struct(s) = &model.types[id].kind else {
            return;
        };
        for (key, x) in m {
            self.total += 1;
            match self.resolve(id, key, x) {
                Some(fi) => {
                    self.declared += 1;
                    count_seen(self.keys.entry((id, fi)).or_default(), key);
                    self.record_ty(&s.fields[fi].ty, x);
                }
                None => {
                    *self.unknown.entry((id, key.clone())).or_default() += 1;
                }
            }
        }
    }

    fn record_ty(&mut self, ty: &Ty, v: &Value) {
        match (ty, v) {
            (Ty::Nullable(t) | Ty::Boxed(t), _) => self.record_ty(t, v),
            (Ty::List(t), Value::Array(items)) => {
                for x in items {
                    self.record_ty(t, x);
                }
            }
            (Ty::Map(t), Value::Object(m)) => {
                for x in m.values() {
                    self.record_ty(t, x);
                }
            }
            (Ty::Named(id), Value::Object(_)) => match &self.model.types[*id].kind {
                Kind::Struct(_) => self.record(*id, v),
                Kind::Union(_) => {
                    if let Some(m) = self.member(*id, v) {
                        self.record(m, v);
                    }
                }
                Kind::Enum(_) | Kind::Const(_) => {}
            },
            _ => {}
        }
    }

    /// The casings the keys seen follow.
    fn finish(self) -> Learned {
        // Per group (fields holding no objects, fields holding objects): first letters
        // in capitals or not (every key votes), camel or snake (keys of two words or
        // more starting in lower case), initialisms in capitals or not.
        #[derive(Default)]
        struct Votes {
            capital: [u32; 2],
            lower: [u32; 2],
            initialisms: [u32; 2],
        }
        let mut groups = [Votes::default(), Votes::default()];
        let mut sorted: Vec<(&(TypeId, usize), &Spellings)> = self.keys.iter().collect();
        sorted.sort_by_key(|(k, _)| **k);
        for ((id, fi), seen) in &sorted {
            let Kind::Struct(s) = &self.model.types[*id].kind else {
                continue;
            };
            let g = &mut groups[usize::from(self.index.holds_object(&s.fields[*fi].ty))];
            for (key, _) in seen.iter() {
                let words = self.index.words_of(key);
                let Some(first) = key.trim_start_matches('_').chars().next() else {
                    continue;
                };
                if first.is_ascii_alphabetic() {
                    g.capital[usize::from(first.is_ascii_uppercase())] += 1;
                }
                let style = KeyStyle::of(key, &words);
                match style.family {
                    Some(Family::Camel) => g.lower[0] += 1,
                    Some(Family::Snake) => g.lower[1] += 1,
                    _ => {}
                }
                if let Some(caps) = style.initialisms {
                    g.initialisms[usize::from(caps)] += 1;
                }
            }
        }
        let casing_of = |g: &Votes| -> Option<Casing> {
            let caps = g.initialisms[1] > g.initialisms[0];
            if g.capital[1] > g.capital[0] {
                Some(Casing::Pascal.with_initialisms(caps))
            } else if g.lower[1] > g.lower[0] {
                Some(Casing::Snake)
            } else if g.lower[0] > g.lower[1] {
                Some(Casing::Camel.with_initialisms(caps))
            } else {
                None
            }
        };
        let casing = casing_of(&groups[0]);
        let object_casing = casing_of(&groups[1]);
        // How many distinct keys the chosen casings spell.
        let (mut agree, mut disagree) = (0, 0);
        for ((id, fi), seen) in &sorted {
            let Kind::Struct(s) = &self.model.types[*id].kind else {
                continue;
            };
            let f = &s.fields[*fi];
            let objects = self.index.holds_object(&f.ty);
            let Some(c) = (if objects {
                object_casing.or(casing)
            } else {
                casing
            }) else {
                continue;
            };
            let expected = c.key(&self.index.words[id.index()][*fi], &f.doc_name);
            for (key, _) in seen.iter() {
                if *key == expected {
                    agree += 1;
                } else {
                    disagree += 1;
                }
            }
        }
        let fields_learned = self.keys.len();
        let mut undeclared: FxHashMap<TypeId, Vec<String>> = FxHashMap::default();
        for (id, key) in self.unknown.keys() {
            undeclared.entry(*id).or_default().push(key.clone());
        }
        let unknown_keys = self
            .unknown
            .into_iter()
            .map(|((id, key), n)| ((self.paths[id.index()].clone(), key), n))
            .collect();
        Learned {
            keys: self.keys,
            undeclared,
            casing,
            object_casing,
            votes: (agree, disagree),
            report: LearnReport {
                unknown_keys,
                fields_learned,
                casing,
                object_casing,
                ..LearnReport::default()
            },
        }
    }
}

/// Fields seen with more than one spelling, in model order.
fn conflicts(model: &Model, learned: &Learned, paths: &[String]) -> Vec<Conflict> {
    let mut out: Vec<((TypeId, usize), Conflict)> = learned
        .keys
        .iter()
        .filter(|(_, seen)| seen.len() > 1)
        .filter_map(|((id, fi), seen)| {
            let Kind::Struct(s) = &model.types[*id].kind else {
                return None;
            };
            Some((
                (*id, *fi),
                Conflict {
                    type_path: paths[id.index()].clone(),
                    field: s.fields[*fi].doc_name.clone(),
                    spellings: seen.clone(),
                },
            ))
        })
        .collect();
    out.sort_by_key(|(k, _)| *k);
    out.into_iter().map(|(_, c)| c).collect()
}

/// The JSON files a source names: the file, or every `*.json` under a folder, sorted.
fn json_files(path: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let meta = std::fs::metadata(path).map_err(|e| {
        Diagnostic::new(
            ErrorKind::Io,
            path,
            None,
            format!("expected a JSON file or a folder of them to learn from: {e}"),
        )
    })?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut dirs = vec![path.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| {
            Diagnostic::new(
                ErrorKind::Io,
                &dir,
                None,
                format!("expected a readable folder: {e}"),
            )
        })?;
        for e in entries.flatten() {
            let p = e.path();
            // Linked folders are not followed: a link can lead back up the tree.
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                dirs.push(p);
            } else if p
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"))
            {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Reads and parses one payload; the diagnostic says where it is not JSON.
fn read_json(path: &Path) -> Result<Value, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::new(
            ErrorKind::Io,
            path,
            None,
            format!("expected a readable JSON file: {e}"),
        )
    })?;
    serde_json::from_slice(&bytes).map_err(|e| {
        let pos = (e.line() > 0).then(|| Pos {
            line: u32::try_from(e.line()).unwrap_or(u32::MAX),
            col: u32::try_from(e.column()).unwrap_or(u32::MAX),
        });
        Diagnostic::new(
            ErrorKind::Payload,
            path,
            pos,
            format!("expected a JSON payload: {e}; nothing was learned from it"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_name_a_type_or_a_path() {
        assert_eq!(
            LearnSource::parse("components::Foo=resp.json"),
            LearnSource::Typed {
                type_path: "components::Foo".into(),
                path: "resp.json".into()
            }
        );
        assert_eq!(
            LearnSource::parse("Foo=a/b.json"),
            LearnSource::Typed {
                type_path: "Foo".into(),
                path: "a/b.json".into()
            }
        );
        assert_eq!(
            LearnSource::parse("payloads/x=1.json"),
            LearnSource::Path("payloads/x=1.json".into())
        );
        assert_eq!(
            LearnSource::parse("resp.json"),
            LearnSource::Path("resp.json".into())
        );
        assert_eq!(LearnSource::parse("Foo="), LearnSource::Path("Foo=".into()));
    }
}
