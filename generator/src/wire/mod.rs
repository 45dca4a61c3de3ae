//! JSON keys: which key each field is written under, decided in one place.
//!
//! The docs show SDK field names, not keys, so the key of every field is chosen by
//! this precedence, highest first:
//!
//! | Level | Source |
//! | --- | --- |
//! | 1. [`Level::FieldOverride`] | the field's key in the wire-names file (`["T".fields]`) |
//! | 2. [`Level::TypeOverride`] | the type's `object-casing` (for fields holding objects) or `casing` in the file |
//! | 3. [`Level::Learned`] | the key seen for the field in real payloads ([`learn`]) |
//! | 4. [`Level::Global`] | for fields holding objects the file's `[defaults] object-casing`; then [`Config::casing`](crate::Config::casing) (the CLI's `--casing`), which replaces the file's `[defaults] casing` |
//! | 5. [`Level::Example`] | the key seen for the field in the docs' JSON examples ([`detect`]) |
//! | 6. [`Level::Detected`] | the casing most keys in the payloads follow (for fields holding objects and for the rest apart), else the casing the docs' evidence points at ([`detect`]) |
//! | 7. [`Level::Fallback`] | plain camelCase |
//!
//! A field "holds objects" when its type is a struct or union, or a list, map or
//! nullable of them. A name with punctuation or non-ASCII letters (`content-type`) is
//! the key itself: casings leave it as it is, only levels 1, 3 and 5 can change it.
//!
//! Reading accepts every common spelling of a key (snake_case, camelCase and
//! PascalCase, initialisms in capitals or not) and every spelling seen for the field
//! in examples and payloads; writing uses the chosen key. The chosen key is never also
//! an alias, and one key belongs to one field: fields whose chosen keys collide use
//! their documented names (as the inference always did), and an alias two fields
//! would share is dropped from both. Two fields given one key by the wire-names file
//! is an error.

pub mod casing;
pub mod detect;
pub mod learn;
#[cfg(test)]
mod tests;

pub use casing::{Casing, UnknownCasing};
pub use detect::{Detection, Evidence, Tally, Votes};
pub use learn::{Conflict, LearnReport, LearnSource, Learned, PayloadMatch};

use crate::error::{Diagnostic, ErrorKind, Pos};
use crate::model::{Kind, Model, Ty, TypeId};
use crate::naming;
use crate::overrides::Overrides;
use rustc_hash::FxHashMap;
use std::cell::{OnceCell, RefCell};
use std::collections::BTreeSet;
use std::fmt;
use std::fmt::Write as _;
use std::path::Path;
use std::rc::Rc;

/// Which precedence level chose a field's key (see the [module docs](self)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// A field's key in the wire-names file.
    FieldOverride,
    /// A type's `casing` or `object-casing` in the wire-names file.
    TypeOverride,
    /// The key seen for the field in payloads.
    Learned,
    /// `Config::casing` (the CLI's `--casing`), or the file's `[defaults]`.
    Global,
    /// A key the docs' examples show for the field.
    Example,
    /// The casing detected from the docs.
    Detected,
    /// Plain camelCase: no evidence.
    Fallback,
}

/// What decides keys besides the docs.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Settings<'a> {
    /// [`Config::casing`](crate::Config::casing): the CLI's `--casing`.
    pub(crate) casing: Option<Casing>,
    /// The wire-names file.
    pub(crate) overrides: Option<&'a Overrides>,
    /// Payloads to learn keys from.
    pub(crate) learn: &'a [LearnSource],
}

/// Where the casing used for most keys came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// [`Config::casing`](crate::Config::casing) (the CLI's `--casing`).
    Set,
    /// The wire-names file's `[defaults]`.
    File,
    /// The keys seen in payloads: how many follow the chosen casings and how many not.
    Learned {
        /// Keys seen that follow the chosen casings.
        agree: u32,
        /// Keys seen that do not.
        disagree: u32,
    },
    /// The docs' evidence ([`Detection::reason`] says which).
    Docs,
    /// No evidence: the fallback.
    NoEvidence,
}

/// The casing used for keys no more specific level sets, and why: the summary line's
/// `wire keys: …`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// For fields that hold no objects (and for those that do, without `object_casing`).
    pub casing: Casing,
    /// For fields holding objects, when it differs.
    pub object_casing: Option<Casing>,
    /// Where the casing came from.
    pub basis: Basis,
    /// Why, in words.
    pub reason: String,
    /// Why the object casing, when the reason for the other does not cover it (it
    /// comes from the wire-names file).
    pub object_reason: Option<String>,
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.casing)?;
        match (
            self.object_casing.filter(|o| *o != self.casing),
            &self.object_reason,
        ) {
            (Some(o), Some(why)) => write!(f, " ({}); objects {o} ({why})", self.reason),
            (Some(o), None) => write!(f, ", objects {o} ({})", self.reason),
            (None, _) => write!(f, " ({})", self.reason),
        }
    }
}

/// What deciding the keys found, besides the keys themselves (set in the model).
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The casing used for keys no more specific level sets, and why.
    pub decision: Decision,
    /// The docs' evidence; `None` when a global casing made it moot.
    pub detection: Option<Detection>,
    /// What learning from payloads found; `None` without payloads.
    pub learned: Option<LearnReport>,
    /// Per type (by index), per field: the level that chose its key (empty for enums
    /// and unions).
    pub levels: Vec<Vec<Level>>,
    /// Fields whose keys were learned, for [`Outcome::overrides_file`].
    learned_fields: BTreeSet<(usize, usize)>,
    /// The casings an overrides file needs in `[defaults]` to give the same keys.
    file_defaults: (Option<Casing>, Option<Casing>),
}

/// Field names and where to find a field by the words of a key, for one model.
pub struct Index {
    /// Per type, per field: the words of its doc name (empty for enums and unions),
    /// shared between fields of the same name.
    pub(crate) words: Vec<Vec<Rc<[String]>>>,
    /// Per words: the structs with a field of those words (built when first asked).
    structs_by_words: OnceCell<FxHashMap<Rc<[String]>, Vec<TypeId>>>,
    /// Whether each type is a struct or union (what `object-casing` is for).
    is_object: Vec<bool>,
    /// Words of names, keys and values, which repeat.
    memo: RefCell<FxHashMap<String, Rc<[String]>>>,
}

impl Index {
    /// The index of `model`'s field names.
    pub fn new(model: &Model) -> Index {
        let index = Index {
            words: Vec::with_capacity(model.types.len()),
            structs_by_words: OnceCell::new(),
            is_object: model
                .types
                .iter()
                .map(|t| !matches!(t.kind, Kind::Enum(_) | Kind::Const(_)))
                .collect(),
            memo: RefCell::default(),
        };
        let words = model
            .types
            .iter()
            .map(|t| match &t.kind {
                Kind::Struct(s) => s
                    .fields
                    .iter()
                    .map(|f| index.words_of(&f.doc_name))
                    .collect(),
                _ => Vec::new(),
            })
            .collect();
        Index { words, ..index }
    }

    /// The words of a key or value (remembered: keys repeat).
    pub fn words_of(&self, key: &str) -> Rc<[String]> {
        if let Some(w) = self.memo.borrow().get(key) {
            return w.clone();
        }
        let w: Rc<[String]> = naming::words(key).into();
        self.memo.borrow_mut().insert(key.to_string(), w.clone());
        w
    }

    /// The field of struct `ty` that `key` (with these words) names: the one field with
    /// the same words, or among several the one documented or keyed exactly so.
    pub fn field(&self, model: &Model, ty: TypeId, key: &str, words: &[String]) -> Option<usize> {
        if words.is_empty() {
            return None;
        }
        // Structs are small: a scan beats building a map per struct.
        let fields = self.words.get(ty.index())?;
        let mut found = fields.iter().enumerate().filter(|(_, w)| ***w == *words);
        let (first, _) = found.next()?;
        if found.next().is_none() {
            return Some(first);
        }
        let Kind::Struct(s) = &model.types[ty].kind else {
            return None;
        };
        let same: Vec<usize> = fields
            .iter()
            .enumerate()
            .filter(|(_, w)| ***w == *words)
            .map(|(i, _)| i)
            .collect();
        same.iter()
            .find(|&&i| s.fields[i].doc_name == key)
            .or_else(|| same.iter().find(|&&i| s.fields[i].wire_name == key))
            .copied()
    }

    /// Whether struct `ty` has a field with these words.
    pub fn names_field(&self, ty: TypeId, words: &[String]) -> bool {
        self.words
            .get(ty.index())
            .is_some_and(|fields| fields.iter().any(|w| **w == *words))
    }

    /// The structs with a field of these words.
    pub(crate) fn structs_with(&self, words: &[String]) -> &[TypeId] {
        let map = self.structs_by_words.get_or_init(|| {
            let mut map: FxHashMap<Rc<[String]>, Vec<TypeId>> = FxHashMap::default();
            for (ti, fields) in self.words.iter().enumerate() {
                for w in fields.iter().filter(|w| !w.is_empty()) {
                    let at = map.entry(w.clone()).or_default();
                    if at.last() != Some(&TypeId(ti)) {
                        at.push(TypeId(ti));
                    }
                }
            }
            map
        });
        map.get(words).map_or(&[], Vec::as_slice)
    }

    /// Whether a field of type `ty` holds objects: a struct or union, or lists, maps
    /// or nullables of them.
    pub fn holds_object(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Named(id) => self.is_object.get(id.index()).copied().unwrap_or(false),
            Ty::List(t) | Ty::Map(t) | Ty::Nullable(t) | Ty::Boxed(t) => self.holds_object(t),
            _ => false,
        }
    }
}

/// Decides every field's key by the precedence above and sets it in `model`, with its
/// aliases. Learns from `settings.learn` first. Errors: overrides that name nothing or
/// give two fields one key, payload paths or types that do not exist. Warnings (in the
/// outcome): payloads that are not JSON or fit no type, keys that had to be renamed.
pub fn apply(model: &mut Model, settings: &Settings) -> Result<Outcome, Vec<Diagnostic>> {
    let index = Index::new(model);
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    if let Some(ov) = settings.overrides {
        errors.extend(ov.check(model));
    }
    let learned = if settings.learn.is_empty() {
        None
    } else {
        let (learned, errs, warns) = learn::learn(model, &index, settings.learn);
        errors.extend(errs);
        warnings.extend(warns);
        Some(learned)
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let (mut outcome, errors) = assign(model, &index, settings, learned.as_ref());
    if !errors.is_empty() {
        return Err(errors);
    }
    outcome.learned = learned.map(|l| l.report);
    add_warnings(model, warnings);
    Ok(outcome)
}

/// The keys from the docs alone, with no setting: what [`crate::model::build`] gives.
pub fn infer(model: &mut Model) -> Outcome {
    let index = Index::new(model);
    // Without overrides no error can arise.
    assign(model, &index, &Settings::default(), None).0
}

impl Settings<'_> {
    /// Whether nothing is set, so the keys are [`infer`]'s.
    pub fn is_default(&self) -> bool {
        self.casing.is_none() && self.overrides.is_none() && self.learn.is_empty()
    }
}

/// Adds warnings to the model's, each once, in the usual order.
fn add_warnings(model: &mut Model, warnings: Vec<Diagnostic>) {
    if warnings.is_empty() {
        return;
    }
    for w in warnings {
        if !model.warnings.contains(&w) {
            model.warnings.push(w);
        }
    }
    crate::error::sort_diagnostics(&mut model.warnings);
}

/// The keys by precedence, given what was learned; errors come only from overrides.
fn assign(
    model: &mut Model,
    index: &Index,
    settings: &Settings,
    learned: Option<&Learned>,
) -> (Outcome, Vec<Diagnostic>) {
    let ov = settings.overrides;
    let global = settings.casing.or(ov.and_then(Overrides::default_casing));
    let global_objects = ov.and_then(Overrides::default_object_casing).or(global);
    let detection = global.is_none().then(|| detect::detect(model, index));
    let learned_casing = learned.and_then(|l| l.casing);
    let learned_objects = learned.and_then(|l| l.object_casing);
    // Level 6, for fields holding no objects and for those that do.
    let detected = learned_casing
        .or(detection.as_ref().map(|d| d.casing))
        .unwrap_or(Casing::Camel);
    let detected_objects = learned_objects.unwrap_or(detected);
    let decision = decide(
        settings,
        ov,
        detection.as_ref(),
        learned,
        (global, global_objects),
        (detected, detected_objects),
    );

    let mut levels = Vec::with_capacity(model.types.len());
    let mut spellings: FxHashMap<usize, Rc<[String]>> = FxHashMap::default();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for (ti, t) in model.types.iter_mut().enumerate() {
        let path = t.rust_path();
        let Kind::Struct(s) = &mut t.kind else {
            levels.push(Vec::new());
            continue;
        };
        let id = TypeId(ti);
        let mut type_levels = Vec::with_capacity(s.fields.len());
        let mut hard: Vec<Option<Pos>> = Vec::with_capacity(s.fields.len());
        for (fi, f) in s.fields.iter_mut().enumerate() {
            let words = &index.words[ti][fi];
            let objects = index.holds_object(&f.ty);
            let casing_of = |plain: Option<Casing>, obj: Option<Casing>| {
                if objects {
                    obj.or(plain)
                } else {
                    plain
                }
            };
            let rust_name = f.rust_name.trim_start_matches("r#");
            let field_key = ov.and_then(|o| o.field_key(&path, &f.doc_name, rust_name));
            let type_casing = ov.and_then(|o| o.type_casing(&path, objects));
            let learned_key = learned.and_then(|l| l.key(id, fi));
            let example_key = detection.as_ref().and_then(|d| d.seen_key(id, fi));
            let (key, level) = if let Some((k, _)) = field_key {
                (k.to_string(), Level::FieldOverride)
            } else if let Some(c) = type_casing {
                (c.key(words, &f.doc_name), Level::TypeOverride)
            } else if let Some(k) = learned_key {
                (k.to_string(), Level::Learned)
            } else if let Some(c) = casing_of(global, global_objects) {
                (c.key(words, &f.doc_name), Level::Global)
            } else if let Some(k) = example_key {
                (k.to_string(), Level::Example)
            } else if detection.as_ref().is_some_and(|d| d.family_votes.is_some())
                || learned_casing.is_some()
                || (objects && learned_objects.is_some())
            {
                let c = if objects { detected_objects } else { detected };
                (c.key(words, &f.doc_name), Level::Detected)
            } else {
                (Casing::Camel.key(words, &f.doc_name), Level::Fallback)
            };
            // Reading accepts the common spellings and every spelling seen.
            let mut aliases: Vec<String> = if casing::is_literal(&f.doc_name) || words.is_empty() {
                // The name is the key itself: only the name, when it is not the key.
                (f.doc_name != key)
                    .then(|| f.doc_name.clone())
                    .into_iter()
                    .collect()
            } else {
                // Fields of one name share their words, so the pointer names them.
                let spelled = spellings
                    .entry(Rc::as_ptr(words).cast::<String>() as usize)
                    .or_insert_with(|| naming::wire_aliases(words, "").into());
                spelled.iter().filter(|a| **a != key).cloned().collect()
            };
            let mut added = false;
            for seen in [
                detection.as_ref().and_then(|d| d.seen.get(&(id, fi))),
                learned.and_then(|l| l.keys.get(&(id, fi))),
            ]
            .into_iter()
            .flatten()
            {
                for (k, _) in seen {
                    if *k != key && !aliases.contains(k) {
                        aliases.push(k.clone());
                        added = true;
                    }
                }
            }
            if added {
                aliases.sort_unstable();
            }
            // A key the payloads use for no field of this struct is no alias here.
            if let Some(u) = learned.and_then(|l| l.undeclared.get(&id)) {
                aliases.retain(|a| !u.contains(a));
            }
            f.wire_name = key;
            f.aliases = aliases;
            type_levels.push(level);
            hard.push(field_key.map(|(_, pos)| pos));
        }
        if let Some(ov) = ov {
            one_field_per_key(
                ov.file(),
                &path,
                &t.source,
                &mut s.fields,
                &hard,
                &mut errors,
                &mut warnings,
            );
        } else {
            crate::model::dedupe_wire_names(&t.source, &mut s.fields, &mut warnings);
        }
        levels.push(type_levels);
    }
    add_warnings(model, warnings);
    let learned_fields = learned
        .map(|l| l.keys.keys().map(|(t, f)| (t.index(), *f)).collect())
        .unwrap_or_default();
    let file_defaults = (
        global.or(learned_casing),
        ov.and_then(Overrides::default_object_casing)
            .or(learned_objects),
    );
    let outcome = Outcome {
        decision,
        detection,
        learned: None,
        levels,
        learned_fields,
        file_defaults,
    };
    (outcome, errors)
}

/// The summary's decision.
fn decide(
    settings: &Settings,
    ov: Option<&Overrides>,
    detection: Option<&Detection>,
    learned: Option<&Learned>,
    (global, global_objects): (Option<Casing>, Option<Casing>),
    (detected, detected_objects): (Casing, Casing),
) -> Decision {
    let file_objects = ov.and_then(Overrides::default_object_casing);
    let in_file = format!("as set in {}", file_name(ov.map(Overrides::file)));
    if let Some(c) = global {
        let (basis, reason) = if settings.casing.is_some() {
            (Basis::Set, "as set".to_string())
        } else {
            (Basis::File, in_file.clone())
        };
        let object_reason = (basis == Basis::Set && file_objects.is_some()).then_some(in_file);
        return Decision {
            casing: c,
            object_casing: global_objects,
            basis,
            reason,
            object_reason,
        };
    }
    let object_reason = file_objects.is_some().then_some(in_file);
    if let Some(l) = learned.filter(|l| l.casing.is_some() || l.object_casing.is_some()) {
        let (agree, disagree) = l.votes;
        let total = agree + disagree;
        let verb = if total == 1 { "follows" } else { "follow" };
        return Decision {
            casing: detected,
            object_casing: file_objects.or(Some(detected_objects)),
            basis: Basis::Learned { agree, disagree },
            reason: format!("learned: {agree} of {total} payload keys {verb} it"),
            object_reason,
        };
    }
    // Without a global casing, detection ran.
    let (basis, reason) = match detection {
        Some(d) if d.family_votes.is_some() => (Basis::Docs, d.reason()),
        Some(d) => (Basis::NoEvidence, d.reason()),
        None => (Basis::NoEvidence, String::new()),
    };
    Decision {
        casing: detected,
        object_casing: file_objects,
        basis,
        reason,
        object_reason,
    }
}

fn file_name(path: Option<&Path>) -> String {
    path.and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "the wire-names file".to_string())
}

/// Keeps one field per key in a struct with overrides: two fields given one key by the
/// file is an error; a field whose key is an override's yields it and uses its
/// documented name; the rest as [`crate::model::dedupe_wire_names`] does.
#[allow(clippy::too_many_arguments)]
fn one_field_per_key(
    file: &Path,
    path: &str,
    source: &Path,
    fields: &mut [crate::model::Field],
    hard: &[Option<Pos>],
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) {
    let clash = |pos: Pos, a: &str, b: &str, key: &str| {
        Diagnostic::new(
            ErrorKind::OverrideClash,
            file,
            Some(pos),
            format!(
                "expected distinct JSON keys for the fields of `{path}`, but `{a}` and `{b}` both get `{key}`"
            ),
        )
    };
    let errors_before = errors.len();
    let mut by_key: FxHashMap<String, usize> = FxHashMap::default();
    for (i, f) in fields.iter().enumerate() {
        if hard[i].is_some() {
            if let Some(&j) = by_key.get(&f.wire_name) {
                let pos = hard[i].unwrap_or_default();
                errors.push(clash(pos, &fields[j].doc_name, &f.doc_name, &f.wire_name));
            } else {
                by_key.insert(f.wire_name.clone(), i);
            }
        }
    }
    for i in 0..fields.len() {
        if hard[i].is_none() && by_key.contains_key(&fields[i].wire_name) {
            fields[i].wire_name = fields[i].doc_name.clone();
            if let Some(&j) = by_key.get(&fields[i].wire_name) {
                let pos = hard[j].unwrap_or_default();
                errors.push(clash(
                    pos,
                    &fields[j].doc_name,
                    &fields[i].doc_name,
                    &fields[j].wire_name,
                ));
            }
        }
    }
    if errors.len() > errors_before {
        // The file itself is wrong; renaming around it would only add noise.
        return;
    }
    let fixed: Vec<String> = fields.iter().map(|f| f.wire_name.clone()).collect();
    crate::model::dedupe_wire_names(source, fields, warnings);
    // Fields whose inferred keys collided fell back to their documented names; one of
    // those can be an override's key.
    for (i, f) in fields.iter_mut().enumerate() {
        if let Some(pos) = hard[i] {
            if f.wire_name != fixed[i] {
                errors.push(Diagnostic::new(
                    ErrorKind::OverrideClash,
                    file,
                    Some(pos),
                    format!(
                        "expected distinct JSON keys for the fields of `{path}`, but `{}` is also another field's documented name",
                        fixed[i]
                    ),
                ));
                f.wire_name = fixed[i].clone();
            }
        }
    }
}

impl Outcome {
    /// A wire-names file that gives every field the key it has in `model` (the model
    /// this outcome was decided for): `[defaults]` with the casings that were set or
    /// learned, and the key of every field learned from payloads or not given by
    /// those casings. Read back as the only setting (no `casing`, no payloads), it
    /// gives the same keys; that is checked before it is returned.
    pub fn overrides_file(&self, model: &Model) -> Result<String, Vec<Diagnostic>> {
        let name = Path::new("<learned wire names>");
        let mut defaults = String::new();
        let (casing, objects) = self.file_defaults;
        if casing.is_some() || objects.is_some() {
            defaults.push_str("[defaults]\n");
            if let Some(c) = casing {
                let _ = writeln!(defaults, "casing = \"{c}\"");
            }
            if let Some(c) = objects.filter(|o| Some(*o) != casing) {
                let _ = writeln!(defaults, "object-casing = \"{c}\"");
            }
        }
        let probe = Overrides::parse(name, &defaults)?;
        let mut base = model.clone();
        keys_from(&mut base, &probe)?;
        let mut text = String::from(
            "# JSON keys, written by the generator (--print-wire-names): the casings set or\n\
             # learned, and each field whose key they do not give or that payloads showed.\n",
        );
        text.push_str(&defaults);
        for (ti, (t, b)) in model.types.iter().zip(&base.types).enumerate() {
            let (Kind::Struct(s), Kind::Struct(bs)) = (&t.kind, &b.kind) else {
                continue;
            };
            let mut section = false;
            for (fi, (f, bf)) in s.fields.iter().zip(&bs.fields).enumerate() {
                if f.wire_name == bf.wire_name && !self.learned_fields.contains(&(ti, fi)) {
                    continue;
                }
                if !section {
                    let _ = writeln!(text, "\n[{}.fields]", toml_string(&t.rust_path()));
                    section = true;
                }
                let _ = writeln!(
                    text,
                    "{} = {}",
                    toml_string(&f.doc_name),
                    toml_string(&f.wire_name)
                );
            }
        }
        let ov = Overrides::parse(name, &text)?;
        let mut check = model.clone();
        keys_from(&mut check, &ov)?;
        let keys = |m: &Model| -> Vec<String> {
            m.types
                .iter()
                .flat_map(|t| match &t.kind {
                    Kind::Struct(s) => s.fields.iter().map(|f| f.wire_name.clone()).collect(),
                    _ => Vec::new(),
                })
                .collect()
        };
        if keys(&check) != keys(model) {
            return Err(vec![Diagnostic::new(
                ErrorKind::Unsupported,
                name,
                None,
                "internal error: the wire-names file written does not give the same keys; please report this",
            )]);
        }
        Ok(text)
    }
}

/// Sets the keys of `model` from its docs and the overrides `ov` alone.
fn keys_from(model: &mut Model, ov: &Overrides) -> Result<Outcome, Vec<Diagnostic>> {
    let errs = ov.check(model);
    if !errs.is_empty() {
        return Err(errs);
    }
    let index = Index::new(model);
    let settings = Settings {
        overrides: Some(ov),
        ..Settings::default()
    };
    let (outcome, errs) = assign(model, &index, &settings, None);
    if errs.is_empty() {
        Ok(outcome)
    } else {
        Err(errs)
    }
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
