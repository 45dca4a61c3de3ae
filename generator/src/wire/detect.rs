//! Detection: the API's casing from the docs' own evidence, with no setting.
//!
//! The field names in the docs are SDK names (snake_case in Python, PascalCase in Go),
//! so they say nothing; the evidence is elsewhere. Each kind of evidence is a tier,
//! most reliable first, and the first tier whose keys name one casing more often than
//! any other decides:
//!
//! 1. keys in JSON examples (Example cells) that name a field of the type the example
//!    describes (followed along the fields' types: a field holding a struct, a list of
//!    structs or a map of them);
//! 2. the other keys in JSON examples (of untyped values, or that name no field);
//! 3. identifiers quoted in descriptions (backticks or double quotes) that name a field
//!    of the same struct;
//! 4. enum values that name a field of some struct (`sort_by` values such as
//!    `created_at`; PascalCase values are left out, they are mostly brand and type
//!    names);
//! 5. field names of docs that name fields in camelCase (TypeScript SDKs), which spell
//!    fields like their keys far more often than Python or Go docs.
//!
//! Only keys of two words or more vote on the casing; only keys with an initialism
//! after the first word vote on writing initialisms in capitals (`librarySectionID`)
//! or not (`documentId`), again tier by tier. Without any vote the casing is plain
//! camelCase. Keys seen for a field in the examples are kept per field: they are a
//! precedence level of their own.

use super::casing::{Family, KeyStyle};
use super::{Casing, Index};
use crate::model::{Kind, Model, Ty, TypeId};
use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::Value;
use std::fmt;

/// A kind of evidence, most reliable first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Evidence {
    /// Keys in JSON examples that name a field of the type they describe.
    ExampleKeys,
    /// Other keys in JSON examples.
    OtherExampleKeys,
    /// Identifiers quoted in descriptions that name a field of the same struct.
    QuotedKeys,
    /// Enum values that name a field.
    EnumValues,
    /// Field names of docs that name fields in camelCase (TypeScript SDKs).
    FieldNames,
}

impl Evidence {
    /// Every kind of evidence, strongest first.
    pub const ALL: [Evidence; 5] = [
        Evidence::ExampleKeys,
        Evidence::OtherExampleKeys,
        Evidence::QuotedKeys,
        Evidence::EnumValues,
        Evidence::FieldNames,
    ];

    /// What `n` of this evidence are called.
    pub fn label(self, n: u32) -> &'static str {
        let one = n == 1;
        match self {
            Evidence::ExampleKeys if one => "example key",
            Evidence::ExampleKeys => "example keys",
            Evidence::OtherExampleKeys if one => "other example key",
            Evidence::OtherExampleKeys => "other example keys",
            Evidence::QuotedKeys if one => "key quoted in descriptions",
            Evidence::QuotedKeys => "keys quoted in descriptions",
            Evidence::EnumValues if one => "enum value naming a field",
            Evidence::EnumValues => "enum values naming fields",
            Evidence::FieldNames if one => "camelCase field name",
            Evidence::FieldNames => "camelCase field names",
        }
    }
}

/// Votes of one kind of evidence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// By [`Family`]: camelCase, snake_case, PascalCase.
    pub families: [u32; 3],
    /// Keys with an initialism after the first word: `[like any word, in capitals]`.
    pub initialisms: [u32; 2],
}

impl Tally {
    /// Counts one key's style.
    pub fn add(&mut self, style: KeyStyle) {
        if let Some(f) = style.family {
            self.families[f.index()] += 1;
        }
        if let Some(caps) = style.initialisms {
            self.initialisms[usize::from(caps)] += 1;
        }
    }

    fn total(&self) -> u32 {
        self.families.iter().sum()
    }

    /// The family with the most votes, when one has more than every other.
    fn winner(&self) -> Option<Family> {
        let max = *self.families.iter().max()?;
        let mut best = Family::ALL
            .into_iter()
            .filter(|f| self.families[f.index()] == max);
        let first = best.next()?;
        (max > 0 && best.next().is_none()).then_some(first)
    }
}

/// How many keys of a kind of evidence agree with a decision and how many do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Votes {
    /// The kind of evidence.
    pub evidence: Evidence,
    /// Keys that agree with the decision.
    pub agree: u32,
    /// Keys that do not.
    pub disagree: u32,
}

impl fmt::Display for Votes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = if self.agree == 1 { "agrees" } else { "agree" };
        write!(
            f,
            "{} {} {verb}, {} disagree",
            self.agree,
            self.evidence.label(self.agree),
            self.disagree
        )
    }
}

/// What the docs say about the API's keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    /// The casing the evidence points at (plain camelCase without evidence).
    pub casing: Casing,
    /// The votes that decided the casing; `None` without evidence.
    pub family_votes: Option<Votes>,
    /// The votes that decided the initialism style; `None` when the casing has no
    /// initialisms (snake_case) or no key shows one.
    pub initialism_votes: Option<Votes>,
    /// Every kind of evidence's votes, for reports.
    pub tallies: [Tally; 5],
    /// Keys seen in the examples for a field, by (type, field index), with how often,
    /// in the order first seen.
    pub seen: FxHashMap<(TypeId, usize), Spellings>,
}

impl Detection {
    /// The key seen most often for this field in the examples (the first seen of
    /// equally frequent ones).
    pub fn seen_key(&self, ty: TypeId, field: usize) -> Option<&str> {
        most_frequent(self.seen.get(&(ty, field))?)
    }

    /// Why the casing was chosen, for the summary line.
    pub fn reason(&self) -> String {
        let Some(v) = self.family_votes else {
            return "no evidence in the docs; set --casing".to_string();
        };
        match (self.casing.initialisms(), self.initialism_votes) {
            (None, _) => v.to_string(),
            (Some(true), Some(i)) => format!("{v}; ID, not Id: {i}"),
            (Some(false), Some(i)) => format!("{v}; Id, not ID: {i}"),
            (Some(_), None) => format!("{v}; no key shows how initialisms are written"),
        }
    }
}

/// The spellings seen for one field, with how often, in the order first seen.
pub type Spellings = Vec<(String, u32)>;

/// The spelling seen most often, the first seen of equally frequent ones.
pub(crate) fn most_frequent(seen: &[(String, u32)]) -> Option<&str> {
    let mut best: Option<&(String, u32)> = None;
    for s in seen {
        if best.is_none_or(|b| s.1 > b.1) {
            best = Some(s);
        }
    }
    best.map(|b| b.0.as_str())
}

/// Counts `key` for a field, keeping the order of first sight.
pub(crate) fn count_seen(seen: &mut Vec<(String, u32)>, key: &str) {
    match seen.iter_mut().find(|(k, _)| k == key) {
        Some((_, n)) => *n += 1,
        None => seen.push((key.to_string(), 1)),
    }
}

/// Gathers the evidence in `model` and decides.
pub fn detect(model: &Model, index: &Index) -> Detection {
    let mut d = Detector {
        model,
        index,
        tallies: [Tally::default(); 5],
        seen: FxHashMap::default(),
    };
    d.examples();
    d.descriptions();
    d.enum_values();
    d.field_names();
    let tallies = d.tallies;
    let seen = d.seen;
    decide(tallies, seen)
}

/// The decision from the tallies: the first tier with a clear winner.
pub(crate) fn decide(
    tallies: [Tally; 5],
    seen: FxHashMap<(TypeId, usize), Spellings>,
) -> Detection {
    let mut family_votes = None;
    let mut family = Family::Camel;
    for (evidence, t) in Evidence::ALL.into_iter().zip(&tallies) {
        if let Some(f) = t.winner() {
            let agree = t.families[f.index()];
            family = f;
            family_votes = Some(Votes {
                evidence,
                agree,
                disagree: t.total() - agree,
            });
            break;
        }
    }
    let mut initialism_votes = None;
    let mut caps = false;
    if family != Family::Snake {
        for (evidence, t) in Evidence::ALL.into_iter().zip(&tallies) {
            let [plain, capitals] = t.initialisms;
            if plain != capitals {
                caps = capitals > plain;
                initialism_votes = Some(Votes {
                    evidence,
                    agree: plain.max(capitals),
                    disagree: plain.min(capitals),
                });
                break;
            }
        }
    }
    Detection {
        casing: family.casing(caps),
        family_votes,
        initialism_votes,
        tallies,
        seen,
    }
}

struct Detector<'m> {
    model: &'m Model,
    index: &'m Index,
    tallies: [Tally; 5],
    seen: FxHashMap<(TypeId, usize), Spellings>,
}

impl Detector<'_> {
    fn vote(&mut self, evidence: Evidence, key: &str, words: &[String]) {
        self.tallies[evidence as usize].add(KeyStyle::of(key, words));
    }

    /// Tiers 1 and 2: every JSON example, walked along the field's type.
    fn examples(&mut self) {
        let model = self.model;
        for t in &model.types {
            let Kind::Struct(s) = &t.kind else { continue };
            for f in &s.fields {
                let Some(text) = f.example.as_deref() else {
                    continue;
                };
                match parse_example(text) {
                    Some(v) => self.walk(&f.ty, &v),
                    None if looks_like_json(text) => {
                        // Broken JSON (cut short, or with prose inside): its quoted
                        // keys still show how keys are spelled.
                        for key in quoted_keys(text) {
                            let words = self.index.words_of(&key);
                            self.vote(Evidence::OtherExampleKeys, &key, &words);
                        }
                    }
                    None => {}
                }
            }
        }
    }

    fn walk(&mut self, ty: &Ty, v: &Value) {
        let model = self.model;
        match (ty, v) {
            (Ty::Nullable(t) | Ty::Boxed(t), _) => self.walk(t, v),
            (Ty::List(t), Value::Array(items)) => {
                for item in items {
                    self.walk(t, item);
                }
            }
            // Examples of a list sometimes show one element.
            (Ty::List(t), Value::Object(_)) => self.walk(t, v),
            // A map's keys are data, its values may hold keys.
            (Ty::Map(t), Value::Object(m)) => {
                for x in m.values() {
                    self.walk(t, x);
                }
            }
            (Ty::Named(id), Value::Object(m)) => match &model.types[*id].kind {
                Kind::Struct(s) => {
                    for (key, x) in m {
                        let words = self.index.words_of(key);
                        match self.index.field(model, *id, key, &words) {
                            Some(fi) => {
                                self.vote(Evidence::ExampleKeys, key, &words);
                                count_seen(self.seen.entry((*id, fi)).or_default(), key);
                                self.walk(&s.fields[fi].ty, x);
                            }
                            None => {
                                self.vote(Evidence::OtherExampleKeys, key, &words);
                                self.untyped(x);
                            }
                        }
                    }
                }
                Kind::Union(u) => {
                    // The member whose fields the keys name most (the first of equals).
                    let mut best: Option<(usize, &Ty)> = None;
                    for m in &u.members {
                        let fit = self.fit(&m.ty, v);
                        if best.is_none_or(|b| fit > b.0) {
                            best = Some((fit, &m.ty));
                        }
                    }
                    if let Some((_, ty)) = best {
                        self.walk(ty, v);
                    }
                }
                Kind::Enum(_) | Kind::Const(_) => {}
            },
            (Ty::Named(id), Value::Array(_)) => {
                if let Kind::Union(u) = &model.types[*id].kind {
                    if let Some(m) = u.members.iter().find(|m| matches!(m.ty, Ty::List(_))) {
                        self.walk(&m.ty, v);
                    }
                }
            }
            _ => self.untyped(v),
        }
    }

    /// How many keys of `v` name a field of the struct `ty` holds (0 for other types).
    fn fit(&self, ty: &Ty, v: &Value) -> usize {
        match (ty, v) {
            (Ty::Nullable(t) | Ty::Boxed(t), _) => self.fit(t, v),
            (Ty::Named(id), Value::Object(m)) => m
                .keys()
                .filter(|k| {
                    let words = self.index.words_of(k);
                    self.index.field(self.model, *id, k, &words).is_some()
                })
                .count(),
            _ => 0,
        }
    }

    /// Keys of a value no type describes: they still show the API's spelling.
    fn untyped(&mut self, v: &Value) {
        match v {
            Value::Object(m) => {
                for (key, x) in m {
                    let words = self.index.words_of(key);
                    self.vote(Evidence::OtherExampleKeys, key, &words);
                    self.untyped(x);
                }
            }
            Value::Array(items) => {
                for x in items {
                    self.untyped(x);
                }
            }
            _ => {}
        }
    }

    /// Tier 3: identifiers quoted in a struct's descriptions that name one of its fields.
    fn descriptions(&mut self) {
        let model = self.model;
        for (ti, t) in model.types.iter().enumerate() {
            let Kind::Struct(s) = &t.kind else { continue };
            let id = TypeId(ti);
            let mut texts = vec![t.docs.as_str()];
            texts.extend(
                s.fields
                    .iter()
                    .map(|f| description_part(&f.docs, f.example.is_some())),
            );
            for text in texts {
                if !text.contains(['`', '"']) {
                    continue;
                }
                for cand in quoted_identifiers(text) {
                    let words = self.index.words_of(&cand);
                    if words.len() >= 2 && self.index.names_field(id, &words) {
                        self.vote(Evidence::QuotedKeys, &cand, &words);
                    }
                }
            }
        }
    }

    /// Tier 4: enum values that name a field of some struct.
    fn enum_values(&mut self) {
        let (model, index) = (self.model, self.index);
        let mut names: FxHashSet<&[String]> = FxHashSet::default();
        for fields in &index.words {
            names.extend(fields.iter().filter(|w| w.len() >= 2).map(|w| &**w));
        }
        for t in &model.types {
            let Kind::Enum(e) = &t.kind else { continue };
            for v in &e.variants {
                if !may_have_words(&v.value) || !is_identifier(&v.value) {
                    continue;
                }
                let words = self.index.words_of(&v.value);
                if words.len() < 2 || !names.contains(&*words) {
                    continue;
                }
                let style = KeyStyle::of(&v.value, &words);
                if style.family != Some(Family::Pascal) {
                    self.tallies[Evidence::EnumValues as usize].add(style);
                }
            }
        }
    }

    /// Tier 5: docs that name their fields in camelCase (TypeScript SDKs) spell them
    /// as their keys more often than not.
    fn field_names(&mut self) {
        let (model, index) = (self.model, self.index);
        for (ti, t) in model.types.iter().enumerate() {
            let Kind::Struct(s) = &t.kind else { continue };
            let camel = |n: &str| {
                n.starts_with(|c: char| c.is_ascii_lowercase())
                    && !n.contains('_')
                    && n.bytes().any(|b| b.is_ascii_uppercase())
            };
            if !s.fields.iter().any(|f| camel(&f.doc_name)) {
                continue;
            }
            let styles: Vec<KeyStyle> = s
                .fields
                .iter()
                .zip(&index.words[ti])
                .map(|(f, w)| KeyStyle::of(&f.doc_name, w))
                .collect();
            if styles.iter().any(|s| s.family == Some(Family::Camel)) {
                for style in styles {
                    self.tallies[Evidence::FieldNames as usize].add(style);
                }
            }
        }
    }
}

/// The JSON of an Example cell, if it holds an object or array. Cells may carry the
/// markdown and MDX escapes of the doc (`\|`, `\{`).
pub(crate) fn parse_example(text: &str) -> Option<Value> {
    if !looks_like_json(text) {
        return None;
    }
    let text = text.trim();
    if let Ok(v) = serde_json::from_str(text) {
        return Some(v);
    }
    if !text.contains('\\') {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(&n))
                if matches!(n, '|' | '{' | '}' | '<' | '>' | '[' | ']' | '_' | '*') =>
            {
                out.push(n);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    serde_json::from_str(&out).ok()
}

fn looks_like_json(text: &str) -> bool {
    let t = text.trim_start();
    (t.starts_with('{') || t.starts_with('[')) && t.contains('"')
}

/// `"key":` pairs in text that does not parse as JSON.
fn quoted_keys(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('"') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('"') else { break };
        let key = &after[..end];
        let tail = after[end + 1..].trim_start();
        if tail.starts_with(':') && is_identifier(key) {
            out.push(key.to_string());
            rest = tail;
        } else {
            rest = &after[end + 1..];
        }
    }
    out
}

/// The description in a field's rendered docs, without the example appended to it.
fn description_part(docs: &str, has_example: bool) -> &str {
    if !has_example {
        return docs;
    }
    if docs.starts_with("Example:") {
        return "";
    }
    docs.find("\n\nExample:").map_or(docs, |i| &docs[..i])
}

/// Identifiers in backticks or double quotes in rendered doc text (`\_` read as `_`).
fn quoted_identifiers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for quote in ['`', '"'] {
        if !text.contains(quote) {
            continue;
        }
        let mut parts = text.split(quote);
        parts.next();
        // Every other part is inside the quotes.
        while let Some(inside) = parts.next() {
            let plain = inside.len() < 100
                && inside
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'\\');
            if plain {
                let inside = inside.replace("\\_", "_");
                if is_identifier(&inside) {
                    out.push(inside);
                }
            }
            parts.next();
        }
    }
    out
}

/// Whether a name or value could spell a key of two words or more: snake_case or
/// mixed case (a cheap test before splitting it into words).
fn may_have_words(s: &str) -> bool {
    let b = s.as_bytes();
    b.contains(&b'_')
        || (b.iter().any(u8::is_ascii_lowercase) && b.iter().any(u8::is_ascii_uppercase))
}

fn is_identifier(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_parse_with_their_escapes() {
        assert!(parse_example("{\"a\": 1}").is_some());
        assert!(parse_example("[\n\\{\n\"a\": \"x\\|y\"\n}\n]").is_some());
        assert!(parse_example("plain text").is_none());
        assert!(parse_example("[1, 2]").is_none());
        assert_eq!(
            quoted_keys("{\"downloadURL\": \"x\", \"a b\": 1, \"cut"),
            ["downloadURL"]
        );
    }

    #[test]
    fn quoted_identifiers_in_rendered_docs() {
        assert_eq!(
            quoted_identifiers("Use `sort_by` or \"created\\_at\", not \"a b\" or `x-y`."),
            ["sort_by", "created_at"]
        );
        assert_eq!(description_part("Text\n\nExample: `1`", true), "Text");
        assert_eq!(description_part("Example: `1`", true), "");
        assert_eq!(description_part("Example: `1`", false), "Example: `1`");
    }

    #[test]
    fn the_first_tier_with_a_winner_decides() {
        let mut t = [Tally::default(); 5];
        // A tie in the examples defers to the descriptions.
        t[0].families = [2, 2, 0];
        t[2].families = [0, 3, 1];
        let d = decide(t, FxHashMap::default());
        assert_eq!(d.casing, Casing::Snake);
        assert_eq!(
            d.family_votes,
            Some(Votes {
                evidence: Evidence::QuotedKeys,
                agree: 3,
                disagree: 1
            })
        );
        assert_eq!(d.initialism_votes, None);
        assert_eq!(
            d.reason(),
            "3 keys quoted in descriptions agree, 1 disagree"
        );
        let none = decide([Tally::default(); 5], FxHashMap::default());
        assert_eq!(none.casing, Casing::Camel);
        assert_eq!(none.reason(), "no evidence in the docs; set --casing");
        let mut t = [Tally::default(); 5];
        t[0].families = [5, 0, 0];
        t[4].initialisms = [0, 1];
        let d = decide(t, FxHashMap::default());
        assert_eq!(d.casing, Casing::CamelInitialisms);
        assert_eq!(
            d.reason(),
            "5 example keys agree, 0 disagree; ID, not Id: 1 camelCase field name agrees, 0 disagree"
        );
    }
}
