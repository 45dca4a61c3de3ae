//! Generates Rust serde types from Speakeasy SDK model docs (markdown, one model per
//! file, Python or Go flavor).
//!
//! The door is [`Config`], a builder in the spirit of prost-build's: name the docs,
//! set options, then [`Config::write_to`] a file (atomically, untouched when
//! unchanged), [`Config::generate`] the source as a string, or [`Config::run`] for the
//! code with its summary, warnings and [`Model`]. Errors are a typed [`Error`] holding
//! one [`Diagnostic`] per problem, each with its file, line and column; [`Error::render`]
//! prints them the way rustc does.
//!
//! ```no_run
//! // build.rs, with `generator = { ..., default-features = false }` under
//! // [build-dependencies] (the default `cli` feature only builds the command line).
//! let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap()).join("models.rs");
//! if let Err(e) = generator::Config::new().input("docs/models").write_to(&out) {
//!     for line in e.render(50).lines() {
//!         println!("cargo:warning={line}");
//!     }
//!     panic!("{}", e.headline());
//! }
//! ```
//!
//! Inside, the pipeline runs in one direction, one module per stage: `discover` finds
//! and reads the docs, `parse` turns markdown into a `Doc`, `notation` reads Type
//! cells, `model` builds the one IR (the types in [`ir`], plain data), and `emit` prints
//! it. Besides the builder, the public API is that IR, [`render`] (IR to source),
//! [`samples`] (sample JSON and a round-trip harness from the IR) and the diagnostics.
//! The stages themselves are private; a hidden `__internal` module exposes the few entry
//! points the repository's own tests, benchmarks and fuzz target drive directly.

#![warn(missing_docs)]

// The stage modules are private. `doc(hidden)` marks `discover`, whose `Source` only
// the hidden `__internal` re-exports: it is not API, so it needs no rustdoc, but
// `missing_docs` does not see that `__internal` is hidden.
#[doc(hidden)]
mod discover;
mod docs;
mod emit;
mod error;
mod model;
mod naming;
mod notation;
mod overrides;
mod parse;
pub mod samples;
mod wire;

pub use error::{render_list, Diagnostic, Error, ErrorKind, Pos};
pub use model::{KeepUnknown, Model, SkipReason};
pub use wire::{Casing, LearnSource, UnknownCasing};

/// How the JSON keys were decided: [`Output::wire`] holds the [`keys::Outcome`] (the
/// casing used and why, what learning from payloads found, the level that chose each
/// field's key).
pub mod keys {
    pub use crate::wire::{
        Basis, Conflict, Decision, Detection, Evidence, LearnReport, Level, Outcome, PayloadMatch,
        Tally, Votes,
    };
}

/// The IR: what the generator knows about every type, as plain data (`{:?}` prints
/// it). [`Output::model`] holds one; [`render`] and [`samples`] read it.
pub mod ir {
    pub use crate::model::{
        DegradeCause, Degraded, Enum, EnumRepr, Extra, Field, KeepUnknown, Kind, Member, Model,
        Presence, SkipReason, Skipped, Slot, Struct, Ty, TypeDef, TypeId, Union, Variant,
    };
    pub use crate::notation::Flavor;
}

/// Stage entry points for this repository's own tests, benchmarks and fuzz target,
/// which drive the stages one by one (on sources made in memory, or to time each).
/// Not part of the API: anything here may change without notice.
#[doc(hidden)]
pub mod __internal {
    pub use crate::discover::{list, read, resolve_link, Listed, Source};
    pub use crate::docs::{rustdoc, strip_controls};
    pub use crate::error::render_with;
    pub use crate::model::{build, build_with, keep_unknown, Built};
    pub use crate::notation::typescript::values as ts_values;
    pub use crate::notation::{
        detect, flavor_undecided, parse_cells, parse_plain, parse_type, snippet_type, Flavor,
    };
    pub use crate::parse::{parse, Block, Table};
    pub use crate::wire::learn::learn;
    pub use crate::wire::{infer, Index};

    /// Generated code parsed by syn and printed by prettyplease, for the tests that
    /// check [`render`](crate::render)'s output is a fixed point of that.
    pub fn reformat(code: &str) -> Result<String, syn::Error> {
        crate::emit::reformat(code)
    }
}

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Generation settings, in the spirit of prost-build's `Config`: one setter per option,
/// each returning `&mut Self` so they chain.
#[derive(Debug, Clone, Default)]
pub struct Config {
    inputs: Vec<PathBuf>,
    keep_going: bool,
    strict: bool,
    keep_unknown: KeepUnknown,
    wire_names: Option<PathBuf>,
    casing: Option<Casing>,
    learn_from: Vec<LearnSource>,
    lenient_scalars: bool,
    threads: Option<usize>,
}

/// What a run produced.
#[derive(Debug, Clone)]
pub struct Output {
    /// The formatted Rust source.
    pub code: String,
    /// The counts the CLI prints as its summary line.
    pub summary: Summary,
    /// Warnings (renamed collisions, ignored repeats); render them with [`render_list`].
    pub warnings: Vec<Diagnostic>,
    /// Errors in docs that were left out; only with [`Config::keep_going`].
    pub errors: Vec<Diagnostic>,
    /// The IR the code was printed from, for [`samples`] and other tools.
    pub model: Model,
    /// How the JSON keys were decided: the casing and why, what payloads taught
    /// ([`wire::Outcome::learned`]), and the overrides file that pins the keys
    /// ([`wire::Outcome::overrides_file`]).
    pub wire: wire::Outcome,
}

/// Counts for the one-line summary; `Display` writes the line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Docs read: emitted, skipped or in error.
    pub docs_read: usize,
    /// Structs emitted.
    pub structs: usize,
    /// Enums emitted.
    pub enums: usize,
    /// Unions emitted (from union docs).
    pub unions: usize,
    /// Types made from Type cells rather than docs of their own: constants
    /// (`Literal["x"]`, `*"x"*`) and unions written in a cell.
    pub cell_types: usize,
    /// Docs that define no type, by reason.
    pub skipped: BTreeMap<SkipReason, usize>,
    /// Docs with errors left out (only with [`Config::keep_going`]).
    pub errors: usize,
    /// Docs read in each SDK flavor (emitted types only).
    pub flavors: BTreeMap<notation::Flavor, usize>,
    /// Fields and members read as any JSON value instead of their documented type.
    pub degraded: usize,
    /// The casing of the JSON keys and why (`snake_case (41 example keys agree, 0
    /// disagree)`).
    pub wire_keys: Option<String>,
}

/// What [`Config::write_to`] did.
#[derive(Debug, Clone)]
pub struct Written {
    /// What the run produced.
    pub output: Output,
    /// Whether the file was written; `false` when it already held this code.
    pub changed: bool,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} docs read: {} structs, {} enums, {} unions emitted",
            self.docs_read, self.structs, self.enums, self.unions
        )?;
        if self.cell_types > 0 {
            write!(
                f,
                " (and {} constants and unions from Type cells)",
                self.cell_types
            )?;
        }
        let skipped: usize = self.skipped.values().sum();
        if skipped > 0 {
            let parts: Vec<_> = self
                .skipped
                .iter()
                .map(|(r, n)| format!("{n} {}", r.label()))
                .collect();
            write!(f, "; {skipped} skipped ({})", parts.join(", "))?;
        }
        if self.degraded > 0 {
            let s = if self.degraded == 1 { "" } else { "s" };
            write!(
                f,
                "; {} field{s} degraded to any JSON value (see warnings)",
                self.degraded
            )?;
        }
        if self.errors > 0 {
            write!(f, "; {} docs with errors left out", self.errors)?;
        }
        if !self.flavors.is_empty() {
            let parts: Vec<_> = self
                .flavors
                .iter()
                .map(|(fl, n)| format!("{} {n}", flavor_name(*fl)))
                .collect();
            write!(f, "; flavors: {}", parts.join(", "))?;
        }
        if let Some(keys) = &self.wire_keys {
            write!(f, "; wire keys: {keys}")?;
        }
        Ok(())
    }
}

impl Config {
    /// No inputs, every option off, as many threads as the machine has.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a doc file or a directory searched recursively for `*.md`. Module paths
    /// are relative to this input.
    pub fn input(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.inputs.push(path.as_ref().to_path_buf());
        self
    }

    /// Emit what is valid even when some docs have errors (they are returned in
    /// [`Output::errors`]).
    pub fn keep_going(&mut self, on: bool) -> &mut Self {
        self.keep_going = on;
        self
    }

    /// How structs treat keys they do not declare: skip them ([`KeepUnknown::No`], the
    /// default), keep them in a map of `serde_json::Value` ([`KeepUnknown::Map`]), or
    /// keep them as JSON text in the order they came ([`KeepUnknown::Text`], the emitted
    /// `UnknownKeys` type). Either way of keeping them writes them back, so every
    /// undeclared key survives a round trip, at some deserialization cost.
    pub fn keep_unknown(&mut self, how: KeepUnknown) -> &mut Self {
        self.keep_unknown = how;
        self
    }

    /// The emitted types also read numbers and booleans sent as strings: `"123"` and
    /// `"1.5"` for number fields, `"true"`, `"false"`, `"1"` and `"0"` for boolean
    /// ones, bare or in lists, maps and nullable elements, for APIs that send them
    /// that way. Values are still written back in the documented type (`123`,
    /// `true`). Off by default: such strings are errors. Integer fields take floats
    /// with an integral value (`25.0`) either way. The CLI's `--lenient-scalars`.
    pub fn lenient_scalars(&mut self, on: bool) -> &mut Self {
        self.lenient_scalars = on;
        self
    }

    /// Make every degraded field (a Type cell no grammar understands, a link whose
    /// target exists nowhere) an error instead of a warning, for CI.
    pub fn strict(&mut self, on: bool) -> &mut Self {
        self.strict = on;
        self
    }

    /// Threads for parsing, building the model and printing (default: the machine's
    /// parallelism). The output is the same for any number.
    pub fn threads(&mut self, n: usize) -> &mut Self {
        self.threads = Some(n.max(1));
        self
    }

    fn thread_count(&self) -> usize {
        self.threads.unwrap_or_else(default_threads)
    }

    /// Reads JSON-key overrides from this TOML file:
    ///
    /// ```toml
    /// [defaults]
    /// object-casing = "PascalCase"   # camelCase | snake_case | PascalCase | as-documented
    ///
    /// ["components::GeoData"]        # a type, by its Rust path from the crate root
    /// casing = "snake_case"
    ///
    /// ["operations::GetItems".fields]
    /// thumb_url = "thumb"            # doc or Rust field name -> JSON key
    /// ```
    ///
    /// `casing` sets the keys of a type's fields (`[defaults]`: of every type),
    /// `object-casing` of its fields that hold objects; a field key wins over both. A
    /// file that is not TOML or not of this shape, and an override naming no generated
    /// type or field, is an error with its `file:line:col`. The README's "Wire names"
    /// section has the details.
    pub fn wire_names(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.wire_names = Some(path.as_ref().to_path_buf());
        self
    }

    /// How JSON keys are spelled, for every type (see [`Casing`]): replaces the
    /// wire-names file's `[defaults] casing` and what the docs' evidence suggests;
    /// per-field and per-type overrides and keys learned from payloads still win (see
    /// [`wire`] for the whole precedence). The CLI's `--casing`.
    pub fn casing(&mut self, casing: Casing) -> &mut Self {
        self.casing = Some(casing);
        self
    }

    /// Learns JSON keys from real payloads: a JSON file, a folder searched for
    /// `*.json`, or `components::Foo=resp.json` to name the payload's type by its Rust
    /// path (see [`wire::learn`]). Repeatable. The CLI's `--learn-from`.
    pub fn learn_from(&mut self, spec: impl AsRef<std::ffi::OsStr>) -> &mut Self {
        self.learn_from.push(LearnSource::parse(spec));
        self
    }

    /// The doc files this configuration reads, for `rerun-if-changed`.
    pub fn input_files(&self) -> Result<Vec<PathBuf>, Error> {
        let listed = discover::list(&self.inputs).map_err(Error::new)?;
        let mut files: Vec<PathBuf> = listed.into_iter().map(|l| l.path).collect();
        files.extend(self.wire_names.iter().cloned());
        for l in &self.learn_from {
            let (LearnSource::Path(p) | LearnSource::Typed { path: p, .. }) = l;
            files.push(p.clone());
        }
        Ok(files)
    }

    /// Builds the model only, without printing it: the model, and the errors of the
    /// docs left out (only with [`Config::keep_going`]; otherwise they are the `Err`).
    pub fn model(&self) -> Result<(Model, Vec<Diagnostic>), Error> {
        self.model_on(self.thread_count()).map(|(m, e, _)| (m, e))
    }

    /// [`Config::model`] on `threads` threads (worked out once per run: asking the
    /// system for its parallelism reads files on Linux).
    fn model_on(&self, threads: usize) -> Result<(Model, Vec<Diagnostic>, wire::Outcome), Error> {
        if self.inputs.is_empty() {
            return Err(Error::single(Diagnostic::new(
                ErrorKind::Usage,
                Path::new("<config>"),
                None,
                "expected at least one input file or directory",
            )));
        }
        // A broken overrides file is reported before the docs are read: it is
        // independent of them, and cheap.
        let overrides = match &self.wire_names {
            Some(path) => Some(overrides::Overrides::load(path).map_err(Error::new)?),
            None => None,
        };
        let listed = discover::list(&self.inputs).map_err(Error::new)?;
        let (sources, mut errors) = discover::read_with(listed, threads);
        let built = model::build_with(&sources, threads);
        errors.extend(built.errors);
        let mut model = built.model;
        let settings = wire::Settings {
            casing: self.casing,
            overrides: overrides.as_ref(),
            learn: &self.learn_from,
        };
        let wire = if settings.is_default() {
            built.wire
        } else {
            wire::apply(&mut model, &settings).map_err(Error::new)?
        };
        model::keep_unknown(&mut model, self.keep_unknown);
        model.lenient_scalars = self.lenient_scalars;
        model
            .degraded
            .sort_by(|a, b| error::compare(&a.diagnostic, &b.diagnostic));
        if self.strict {
            errors.extend(model.degraded.iter().map(|d| d.diagnostic.clone()));
        }
        model.docs_read += errors
            .iter()
            .filter(|e| e.kind == ErrorKind::NotUtf8 || e.kind == ErrorKind::Io)
            .count();
        if !errors.is_empty() && !self.keep_going {
            return Err(Error::new(errors));
        }
        error::sort_diagnostics(&mut errors);
        Ok((model, errors, wire))
    }

    /// Runs the pipeline: the code, its summary, the warnings, and the model.
    pub fn run(&self) -> Result<Output, Error> {
        let threads = self.thread_count();
        let (model, errors, wire) = self.model_on(threads)?;
        let code = render(&model, threads)?;
        let mut summary = Summary {
            docs_read: model.docs_read,
            errors: errors
                .iter()
                .map(|e| &e.file)
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
            ..Summary::default()
        };
        for t in &model.types {
            match t.kind {
                _ if t.cell_of.is_some() => summary.cell_types += 1,
                model::Kind::Struct(_) => summary.structs += 1,
                model::Kind::Enum(_) => summary.enums += 1,
                model::Kind::Union(_) => summary.unions += 1,
                model::Kind::Const(_) => summary.cell_types += 1,
            }
        }
        for s in &model.skipped {
            *summary.skipped.entry(s.reason).or_default() += 1;
        }
        for t in model.types.iter().filter(|t| t.cell_of.is_none()) {
            if let Some(f) = t.flavor {
                *summary.flavors.entry(f).or_default() += 1;
            }
        }
        summary.degraded = model.degraded.len();
        summary.wire_keys = Some(wire.decision.to_string());
        let mut warnings = model.warnings.clone();
        if !self.strict {
            warnings.extend(model.degraded.iter().map(|d| d.diagnostic.clone()));
            error::sort_diagnostics(&mut warnings);
        }
        Ok(Output {
            code,
            summary,
            warnings,
            errors,
            model,
            wire,
        })
    }

    /// Runs the pipeline and returns the Rust source.
    pub fn generate(&self) -> Result<String, Error> {
        self.run().map(|o| o.code)
    }

    /// Runs the pipeline and writes the source to `path` atomically (see
    /// [`write_if_changed`]); an unchanged file is left untouched (its modification
    /// time too). Nothing is written on error.
    pub fn write_to(&self, path: impl AsRef<Path>) -> Result<Written, Error> {
        let output = self.run()?;
        let changed = write_if_changed(path.as_ref(), &output.code)?;
        Ok(Written { output, changed })
    }
}

/// Prints a model as formatted Rust source, on up to `threads` threads (the text is
/// the same for any number). [`Config::run`] does this after building the model; call it
/// directly for a model you changed or built from parts.
pub fn render(model: &Model, threads: usize) -> Result<String, Error> {
    emit::render(model, threads.max(1)).map_err(|e| {
        Error::single(Diagnostic::new(
            ErrorKind::Internal,
            Path::new("<output>"),
            None,
            format!("internal error: emitted code does not parse ({e}); please report this"),
        ))
    })
}

/// Writes `text` to `path` via a temporary file in the same folder and a rename, unless
/// the file already holds exactly `text`. Returns whether it wrote.
///
/// A symbolic link is followed: the file it points to is replaced and the link stays.
/// A path that is no regular file (`/dev/null`, `/dev/stdout`, a pipe) is written to
/// directly: renaming over it would put a regular file in its place.
pub fn write_if_changed(path: &Path, text: &str) -> Result<bool, Error> {
    let io = |e: std::io::Error| {
        Error::single(Diagnostic::new(
            ErrorKind::Io,
            path,
            None,
            format!("expected a writable output file: {e}"),
        ))
    };
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            std::fs::write(path, text).map_err(io)?;
            return Ok(true);
        }
        Ok(_) => {
            if std::fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
                return Ok(false);
            }
        }
        Err(_) => {}
    }
    let resolved = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).ok(),
        _ => None,
    };
    let path = resolved.as_deref().unwrap_or(path);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    std::fs::write(&tmp, text).map_err(io)?;
    if let Err(e) = std::fs::rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(e));
    }
    Ok(true)
}

/// A flavor as the summary line names it.
fn flavor_name(flavor: notation::Flavor) -> &'static str {
    match flavor {
        notation::Flavor::Python => "Python",
        notation::Flavor::Go => "Go",
        notation::Flavor::TypeScript => "TypeScript",
    }
}

/// The machine's parallelism: the thread count when none is set.
pub(crate) fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// Maps `f` over `items` on up to `threads` scoped threads, each taking the next item
/// as it finishes one; the results come back in input order, so the output does not
/// depend on scheduling. Each thread passes `f` its own `S`, for memos of work that
/// does not depend on the item's place.
pub(crate) fn parallel_map<'a, T: Sync, S: Default, R: Send>(
    items: &'a [T],
    threads: usize,
    f: &(dyn Fn(&mut S, usize, &'a T) -> R + Sync),
) -> Vec<R> {
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        let mut state = S::default();
        return items
            .iter()
            .enumerate()
            .map(|(i, t)| f(&mut state, i, t))
            .collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut state = S::default();
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(&mut state, i, item)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}
