//! Sample JSON for every type of a [`Model`], and the round-trip harness that checks
//! the generated types against them.
//!
//! Samples are what the wire carries: a field's Example cell where there is one
//! (converted: a Go `2023-04-12 17:00:03 +0000 UTC` becomes RFC 3339, numbers stay
//! numbers), otherwise a value made up from the type. Structs get a full instance
//! (every field) and a minimal one (required fields only); enums every variant plus an
//! unknown value for the catch-all; unions one instance per member.

use crate::error::{Diagnostic, ErrorKind};
use crate::model::{EnumRepr, Field, Kind, Model, Presence, Ty, TypeDef, TypeId};
use serde_json::{Map, Number, Value};

/// Nesting of named types past which samples stop filling optional parts, so
/// recursive types end.
const SOFT_DEPTH: usize = 4;
/// Past this, a required cycle cannot be instantiated at all.
const HARD_DEPTH: usize = 32;

/// How a sample fills the parts that may be left out.
enum Mode<'a> {
    /// Every optional part present, one element per container.
    Full,
    /// Only what is required; containers empty, nullable parts null.
    Minimal,
    /// Choices from a random source: `pick(n)` returns a number below `n`.
    Random(&'a mut dyn FnMut(usize) -> usize),
}

struct Sampler<'m, 'r> {
    model: &'m Model,
    mode: Mode<'r>,
    depth: usize,
    warnings: Vec<Diagnostic>,
    /// Only full-mode samples report refused examples (once per field).
    warn: bool,
}

/// The samples of every type, keyed by the type's Rust path, plus warnings for
/// examples that could not be used.
pub fn samples(model: &Model) -> (Map<String, Value>, Vec<Diagnostic>) {
    let mut out = Map::new();
    let mut warnings = Vec::new();
    for (i, t) in model.types.iter().enumerate() {
        let id = TypeId(i);
        let mut entry = Map::new();
        match &t.kind {
            Kind::Struct(_) => {
                let mut full = Sampler::new(model, Mode::Full);
                full.warn = true;
                entry.insert("full".into(), full.named(id));
                warnings.append(&mut full.warnings);
                let mut min = Sampler::new(model, Mode::Minimal);
                entry.insert("minimal".into(), min.named(id));
            }
            Kind::Enum(e) => {
                let mut vs: Vec<Value> = e
                    .variants
                    .iter()
                    .map(|v| enum_value(e.repr, &v.value))
                    .collect();
                vs.push(unknown_enum_value(e));
                entry.insert("variants".into(), Value::Array(vs));
            }
            Kind::Const(c) => {
                let vs = c.values.iter().map(|v| v.value.to_json()).collect();
                entry.insert("variants".into(), Value::Array(vs));
            }
            Kind::Union(u) => {
                let vs: Vec<Value> = u
                    .members
                    .iter()
                    .map(|m| Sampler::new(model, Mode::Full).ty(&m.ty, None).value)
                    .collect();
                let members = vs
                    .iter()
                    .enumerate()
                    .map(|(i, v)| match chosen(model, u, v) {
                        Some(j) if j == i => {
                            Value::String(u.members[i].rust_name.trim_start_matches("r#").into())
                        }
                        _ => Value::Null,
                    })
                    .collect();
                entry.insert("variants".into(), Value::Array(vs));
                entry.insert("members".into(), Value::Array(members));
            }
        }
        out.insert(t.rust_path(), Value::Object(entry));
    }
    (out, warnings)
}

/// The member of union `u` that a payload `v` is read as, when the ranking alone
/// decides it: the best fit, unless it ties with a member before it (then which one
/// reads it depends on what each can read, which only the types know). For a union's
/// samples this is the member each must come back as; the harness checks it, which
/// also checks this ranking against the runtime's.
fn chosen(model: &Model, u: &crate::model::Union, v: &Value) -> Option<usize> {
    use crate::model::shape;
    let ranked: Vec<_> = u
        .members
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let s = shape::shape(model, &m.ty, u.discriminator.as_deref());
            shape::fit(&s, v).map(|f| (f, i))
        })
        .collect();
    let best = ranked.iter().min()?;
    // A member before the best with the same fit is tried first.
    let tied = ranked.iter().any(|(f, j)| *f == best.0 && *j < best.1);
    (!tied).then_some(best.1)
}

/// The samples as the JSON text `--samples` writes (sorted keys, pretty, newline).
pub fn samples_json(model: &Model) -> (String, Vec<Diagnostic>) {
    let (map, warnings) = samples(model);
    let mut text = serde_json::to_string_pretty(&Value::Object(map)).unwrap_or_default();
    text.push('\n');
    (text, warnings)
}

/// A random instance of type `id`, choices drawn from `pick(n)` (a number below `n`):
/// for property tests that feed random choice sequences.
pub fn random(model: &Model, id: TypeId, pick: &mut dyn FnMut(usize) -> usize) -> Value {
    Sampler::new(model, Mode::Random(pick)).named(id)
}

fn enum_value(repr: EnumRepr, value: &str) -> Value {
    match repr {
        EnumRepr::Str => Value::String(value.to_string()),
        EnumRepr::Int => value.parse::<i64>().map(Value::from).unwrap_or(Value::Null),
    }
}

/// A value no variant has, to exercise the catch-all.
fn unknown_enum_value(e: &crate::model::Enum) -> Value {
    let taken = |s: &str| e.variants.iter().any(|v| v.value == s);
    match e.repr {
        EnumRepr::Str => {
            let mut s = String::from("unlisted-value");
            while taken(&s) {
                s.push('_');
            }
            Value::String(s)
        }
        EnumRepr::Int => {
            let max = e
                .variants
                .iter()
                .filter_map(|v| v.value.parse::<i64>().ok())
                .max();
            Value::from(max.unwrap_or(0).saturating_add(1000))
        }
    }
}

impl<'m, 'r> Sampler<'m, 'r> {
    fn new(model: &'m Model, mode: Mode<'r>) -> Self {
        Sampler {
            model,
            mode,
            depth: 0,
            warnings: Vec::new(),
            warn: false,
        }
    }

    fn pick(&mut self, n: usize) -> usize {
        match &mut self.mode {
            Mode::Random(f) => f(n).min(n.saturating_sub(1)),
            _ => 0,
        }
    }

    /// Whether optional parts are filled at this depth.
    fn fill(&mut self) -> bool {
        if self.depth > SOFT_DEPTH {
            return false;
        }
        match self.mode {
            Mode::Full => true,
            Mode::Minimal => false,
            Mode::Random(_) => self.pick(2) == 1,
        }
    }

    fn named(&mut self, id: TypeId) -> Value {
        if self.depth > HARD_DEPTH {
            return Value::Null;
        }
        self.depth += 1;
        let v = self.named_inner(&self.model.types[id]);
        self.depth -= 1;
        v
    }

    fn named_inner(&mut self, t: &'m TypeDef) -> Value {
        match &t.kind {
            Kind::Struct(s) => {
                let mut obj = Map::new();
                for f in &s.fields {
                    if let Some(v) = self.field(t, f) {
                        obj.insert(f.wire_name.clone(), v);
                    }
                }
                if let Some(extra) = &s.extra {
                    if self.fill() {
                        let mut key = String::from("unlistedKey");
                        while s
                            .fields
                            .iter()
                            .any(|f| f.wire_name == key || f.aliases.contains(&key))
                        {
                            key.push('_');
                        }
                        let v = self.ty(&extra.value, None).value;
                        obj.insert(key, v);
                    }
                }
                Value::Object(obj)
            }
            Kind::Enum(e) => {
                let n = e.variants.len();
                let i = self.pick(n + 1);
                match e.variants.get(i) {
                    Some(v) => enum_value(e.repr, &v.value),
                    None => unknown_enum_value(e),
                }
            }
            Kind::Const(c) => {
                let i = self.pick(c.values.len());
                c.values.get(i).map_or(Value::Null, |v| v.value.to_json())
            }
            Kind::Union(u) => {
                let i = self.pick(u.members.len());
                match u.members.get(i) {
                    Some(m) => self.ty(&m.ty, None).value,
                    None => Value::Null,
                }
            }
        }
    }

    /// A field's value, or `None` to leave the key out.
    fn field(&mut self, t: &TypeDef, f: &Field) -> Option<Value> {
        let example = f.example.as_deref().filter(|e| !e.trim().is_empty());
        let value = |s: &mut Self| s.ty(&f.ty, example).pipe_warn(s, t, f);
        match f.presence {
            Presence::Required => Some(value(self)),
            Presence::Optional => self.fill().then(|| value(self)),
            Presence::Nullable => Some(if self.fill() {
                value(self)
            } else {
                Value::Null
            }),
            Presence::OptionalNullable => {
                if self.fill() {
                    Some(value(self))
                } else if matches!(self.mode, Mode::Random(_)) && self.pick(2) == 1 {
                    Some(Value::Null)
                } else {
                    None
                }
            }
        }
    }

    /// A value of `ty`, from `example` when it converts.
    fn ty(&mut self, ty: &Ty, example: Option<&str>) -> Sampled {
        if let Some(ex) = example {
            match from_example(self.model, ty, ex) {
                Ok(v) if !matches!(self.mode, Mode::Random(_)) => return Sampled::ok(v),
                Ok(_) => {}
                Err(why) => {
                    let mut s = Sampled::ok(self.made_up(ty));
                    s.refused = Some(why);
                    return s;
                }
            }
        }
        Sampled::ok(self.made_up(ty))
    }

    fn made_up(&mut self, ty: &Ty) -> Value {
        match ty {
            Ty::String => {
                const POOL: [&str; 7] = [
                    "example",
                    "",
                    "plex://show/5d9c",
                    "quote \" back \\",
                    "ünïcødé ✓",
                    "line\nbreak",
                    "😀",
                ];
                Value::String(POOL[self.pick(POOL.len())].to_string())
            }
            Ty::I64 => {
                const POOL: [i64; 6] = [42, 0, -1, 1_556_281_940, i64::MAX, i64::MIN];
                Value::from(POOL[self.pick(POOL.len())])
            }
            Ty::I32 => {
                const POOL: [i32; 5] = [7, 0, -1, i32::MAX, i32::MIN];
                Value::from(POOL[self.pick(POOL.len())])
            }
            Ty::F64 | Ty::F32 => {
                const POOL: [f64; 5] = [1.5, -0.25, 0.125, 1024.75, 3.0e-3];
                let f = as_written(POOL[self.pick(POOL.len())], ty);
                Number::from_f64(f)
                    .map(Value::Number)
                    .unwrap_or(Value::Null)
            }
            Ty::Bool => Value::Bool(self.pick(2) == 0),
            Ty::Json => {
                let i = self.pick(4);
                match i {
                    1 => Value::from(3),
                    2 => Value::Array(vec![Value::from("a"), Value::Null]),
                    3 => Value::Null,
                    _ => {
                        let mut m = Map::new();
                        m.insert("key".into(), Value::from("value"));
                        Value::Object(m)
                    }
                }
            }
            Ty::DateTime => {
                const POOL: [&str; 3] = [
                    "2024-01-02T03:04:05Z",
                    "1999-12-31T23:59:59.250Z",
                    "2023-04-12T17:00:03Z",
                ];
                Value::String(POOL[self.pick(POOL.len())].into())
            }
            Ty::Date => {
                const POOL: [&str; 3] = ["2024-01-02", "1979-08-10", "2000-02-29"];
                Value::String(POOL[self.pick(POOL.len())].into())
            }
            Ty::List(t) => {
                let n = match self.mode {
                    Mode::Full if self.depth <= SOFT_DEPTH => 1,
                    Mode::Random(_) if self.depth <= SOFT_DEPTH => self.pick(3),
                    _ => 0,
                };
                Value::Array((0..n).map(|_| self.made_up(t)).collect())
            }
            Ty::Map(t) => {
                let n = match self.mode {
                    Mode::Full if self.depth <= SOFT_DEPTH => 1,
                    Mode::Random(_) if self.depth <= SOFT_DEPTH => self.pick(3),
                    _ => 0,
                };
                let keys = ["key", "other key", "ключ"];
                Value::Object(
                    (0..n)
                        .map(|i| (keys[i].to_string(), self.made_up(t)))
                        .collect(),
                )
            }
            Ty::Nullable(t) => {
                let null = match self.mode {
                    Mode::Full => false,
                    Mode::Minimal => true,
                    Mode::Random(_) => self.pick(2) == 1,
                };
                if null {
                    Value::Null
                } else {
                    self.made_up(t)
                }
            }
            Ty::Boxed(t) => self.made_up(t),
            Ty::Named(id) => self.named(*id),
        }
    }
}

/// A sampled value and, when the doc's example was refused, why.
struct Sampled {
    value: Value,
    refused: Option<String>,
}

impl Sampled {
    fn ok(value: Value) -> Self {
        Sampled {
            value,
            refused: None,
        }
    }

    /// The value, with a warning recorded when the example was refused.
    fn pipe_warn(self, s: &mut Sampler, t: &TypeDef, f: &Field) -> Value {
        if let (Some(why), true) = (self.refused.filter(|w| !w.is_empty()), s.warn) {
            s.warnings.push(
                Diagnostic::new(
                    ErrorKind::BadExample,
                    &t.source,
                    Some(f.pos),
                    format!(
                        "example for `{}` not used in samples: {why}; a made-up value is used",
                        f.doc_name
                    ),
                )
                .with_snippet(f.example.as_deref().unwrap_or_default()),
            );
        }
        self.value
    }
}

/// Converts an Example cell to what the wire carries for `ty`.
fn from_example(model: &Model, ty: &Ty, ex: &str) -> Result<Value, String> {
    let ex = ex.trim();
    match ty {
        Ty::String => Ok(Value::String(ex.to_string())),
        Ty::I64 | Ty::I32 => {
            let n: i64 = ex
                .parse()
                .map_err(|_| format!("expected an integer, found `{ex}`"))?;
            if matches!(ty, Ty::I32) && i32::try_from(n).is_err() {
                return Err(format!("`{ex}` does not fit a 32-bit integer"));
            }
            Ok(Value::from(n))
        }
        Ty::F64 | Ty::F32 => {
            let f: f64 = ex
                .parse()
                .map_err(|_| format!("expected a number, found `{ex}`"))?;
            if !f.is_finite() {
                return Err(format!("`{ex}` is not a finite number"));
            }
            // What the float fields write back: integral values as integers.
            let f = as_written(f, ty);
            if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
                return Ok(Value::from(f as i64));
            }
            Number::from_f64(f)
                .map(Value::Number)
                .ok_or_else(|| format!("`{ex}` is not a JSON number"))
        }
        Ty::Bool => match ex.to_ascii_lowercase().as_str() {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(format!("expected true or false, found `{ex}`")),
        },
        Ty::DateTime => rfc3339(ex).map(Value::String),
        Ty::Date => chrono::NaiveDate::parse_from_str(ex, "%Y-%m-%d")
            .map(|d| Value::String(d.format("%Y-%m-%d").to_string()))
            .map_err(|_| format!("expected a date like 2024-01-02, found `{ex}`")),
        Ty::Json => Ok(serde_json::from_str(ex).unwrap_or_else(|_| Value::String(ex.to_string()))),
        Ty::Nullable(t) | Ty::Boxed(t) => {
            if ex == "null" {
                Ok(Value::Null)
            } else {
                from_example(model, t, ex)
            }
        }
        Ty::List(t) => {
            let Ok(Value::Array(items)) = serde_json::from_str::<Value>(ex) else {
                return Err(format!("expected a JSON array, found `{ex}`"));
            };
            items
                .iter()
                .map(|i| from_example(model, t, &scalar_text(i)))
                .collect::<Result<_, _>>()
                .map(Value::Array)
        }
        Ty::Map(t) => {
            let Ok(Value::Object(items)) = serde_json::from_str::<Value>(ex) else {
                return Err(format!("expected a JSON object, found `{ex}`"));
            };
            items
                .iter()
                .map(|(k, v)| Ok((k.clone(), from_example(model, t, &scalar_text(v))?)))
                .collect::<Result<_, _>>()
                .map(Value::Object)
        }
        Ty::Named(id) => match &model.types[*id].kind {
            Kind::Enum(e) => {
                let raw = ex.trim_matches('"');
                e.variants
                    .iter()
                    .find(|v| v.value == raw)
                    .map(|v| enum_value(e.repr, &v.value))
                    .ok_or_else(|| format!("`{raw}` is not one of the enum's values"))
            }
            // A constant has its one value, whatever the example shows.
            Kind::Const(c) => c
                .values
                .first()
                .map(|v| v.value.to_json())
                .ok_or_else(String::new),
            // Object examples are illustrations, often partial: made-up values are used,
            // without a warning (the empty reason).
            _ => Err(String::new()),
        },
    }
}

/// A number as a float field of type `ty` holds and writes it: an `f32` keeps the
/// shortest decimal that reads back as the same `f32` (`2.35`, not the
/// `2.3499999046325684` of its widening), as the emitted `Float` helper writes it.
fn as_written(f: f64, ty: &Ty) -> f64 {
    if matches!(ty, Ty::F32) {
        (f as f32).to_string().parse().unwrap_or(f)
    } else {
        f
    }
}

/// A JSON array element as example text: strings bare, the rest as JSON.
fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// RFC 3339 in UTC as chrono writes a `DateTime<Utc>`, from RFC 3339 with any offset or
/// Go's `2023-04-12 17:00:03 +0000 UTC`.
fn rfc3339(ex: &str) -> Result<String, String> {
    use chrono::{DateTime, SecondsFormat, Utc};
    let parsed = DateTime::parse_from_rfc3339(ex).or_else(|_| {
        // Go's time.Time String(): drop the zone abbreviation after the numeric offset.
        let trimmed = match ex.rsplit_once(' ') {
            Some((head, abbr)) if abbr.chars().all(|c| c.is_ascii_alphabetic()) => head,
            _ => ex,
        };
        DateTime::parse_from_str(trimmed, "%Y-%m-%d %H:%M:%S%.f %z")
    });
    parsed
        .map(|d| {
            d.with_timezone(&Utc)
                .to_rfc3339_opts(SecondsFormat::AutoSi, true)
        })
        .map_err(|_| format!("expected an RFC 3339 timestamp, found `{ex}`"))
}

/// The round-trip harness for `model`'s types as Rust source, for a test target of the
/// crate `krate` that holds the generated code (`pub mod` paths from its root). It needs
/// `serde` and `serde_json`; [`samples_json`] gives the samples it checks. The check and
/// the report are ordinary Rust in `generator/runtime/harness.rs`, spliced in.
pub fn harness(model: &Model, krate: &str) -> String {
    use proc_macro2::TokenStream;
    use quote::quote;
    // Cargo package names may have dashes; the crate identifier has underscores.
    let krate = crate::emit::ident(&krate.replace('-', "_"));
    let paths: Vec<String> = model.types.iter().map(|t| t.rust_path()).collect();
    let arms = model.types.iter().zip(&paths).map(|(t, p)| {
        let modules = t.module.iter().map(|m| crate::emit::ident(m));
        let name = crate::emit::ident(&t.name);
        let ty = quote!(::#krate::#(#modules::)*#name);
        match t.kind {
            // A union's sample must also come back as the member it was made from.
            Kind::Union(_) => quote! {
                #p => round_trip::<#ty>(path, sample_name, sample).map(|v| ::std::option::Option::Some(v.member())),
            },
            _ => quote!(#p => round_trip::<#ty>(path, sample_name, sample).map(|_| ::std::option::Option::None),),
        }
    });
    let support = match crate::emit::harness_support() {
        Ok(s) => s,
        Err(e) => return format!("compile_error!({:?});\n", e.to_string()),
    };
    let tokens: TokenStream = quote! {
        /// The Rust path of every generated type, from the crate root.
        pub const TYPES: &[&str] = &[#(#paths),*];

        /// Round-trips one sample through the type at `path`; returns, for a union, the
        /// member it was read as.
        pub fn check(path: &str, sample_name: &str, sample: &::serde_json::Value) -> ::std::result::Result<::std::option::Option<&'static str>, ::std::string::String> {
            match path {
                #(#arms)*
                _ => ::std::result::Result::Err(::std::format!("{path}: not a generated type")),
            }
        }

        /// Checks every sample of a `--samples` file: `{"<type path>": {"full": .., "minimal": ..}
        /// | {"variants": [..], "members": [..]}}`.
        pub fn check_all(samples: &::serde_json::Value) -> Report {
            check_all_with(samples, check)
        }

        #support
    };
    let file: syn::File = match syn::parse2(tokens) {
        Ok(f) => f,
        Err(e) => return format!("compile_error!({:?});\n", e.to_string()),
    };
    let mut out = String::from(crate::emit::HEADER);
    out.push_str(&prettyplease::unparse(&file));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_timestamps_become_rfc3339_utc() {
        assert_eq!(
            rfc3339("2023-04-12 17:00:03 +0000 UTC").unwrap(),
            "2023-04-12T17:00:03Z"
        );
        assert_eq!(
            rfc3339("2023-04-12 19:00:03.5 +0200 CEST").unwrap(),
            "2023-04-12T17:00:03.500Z"
        );
        assert_eq!(
            rfc3339("2023-04-12T17:00:03+00:00").unwrap(),
            "2023-04-12T17:00:03Z"
        );
        assert!(rfc3339("1979-08-10").is_err());
    }

    #[test]
    fn examples_convert_to_wire_values() {
        let m = Model::default();
        assert_eq!(
            from_example(&m, &Ty::I64, "1556281940").unwrap(),
            Value::from(1_556_281_940)
        );
        assert!(from_example(&m, &Ty::I32, "abc")
            .unwrap_err()
            .contains("integer"));
        assert_eq!(
            from_example(&m, &Ty::F64, "1800").unwrap(),
            Value::from(1800)
        );
        assert_eq!(
            from_example(&m, &Ty::F64, "0.5").unwrap().as_f64(),
            Some(0.5)
        );
        // An f32 keeps its shortest decimal, and an integer it cannot hold exactly
        // becomes the integer it holds.
        assert_eq!(
            from_example(&m, &Ty::F32, "23.976").unwrap().as_f64(),
            Some(23.976)
        );
        assert_eq!(
            from_example(&m, &Ty::F32, "16777217").unwrap(),
            Value::from(16_777_216)
        );
        assert_eq!(
            from_example(&m, &Ty::Bool, "True").unwrap(),
            Value::Bool(true)
        );
        assert_eq!(
            from_example(&m, &Ty::List(Box::new(Ty::I64)), "[1, 2]").unwrap(),
            serde_json::json!([1, 2])
        );
        assert_eq!(
            from_example(&m, &Ty::Json, "{\"a\": 1}").unwrap(),
            serde_json::json!({"a": 1})
        );
    }
}
