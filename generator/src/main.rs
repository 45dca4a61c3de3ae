//! The command-line front end (the default `cli` feature): clap reads the arguments into
//! [`Args`], [`Args::config`] turns them into a [`generator::Config`], and [`run`]
//! runs it once and reports. Everything else is the library's.
//!
//! Exit codes: 0 success; 1 errors in the docs or the wire-names file (all reported,
//! each with `file:line:col`; nothing written) or `--check` found the file stale; 2
//! usage errors (clap's for bad arguments, then unreadable inputs and failed writes).
//!
//! A new option is a field of [`Args`] (its doc comment is its `--help` text) and a line
//! in [`Args::config`] when it is a library setting.

use anyhow::Context;
use clap::{CommandFactory, Parser, ValueEnum};
use generator::KeepUnknown;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

const AFTER_HELP: &str = "\
Exit codes:
  0  success
  1  errors in the docs or the wire-names file (all reported, each with
     file:line:col; nothing written), or --check found the file stale
  2  usage error (bad arguments, unreadable input, a failed write)

Examples:
  generator docs/models > src/models.rs
  generator docs/models -o src/models.rs
  generator docs/models -o src/models.rs --check";

/// The arguments. Each doc comment is the option's help: its first line for `-h` (kept
/// short: without clap's `wrap_help`, which would add a terminal-size dependency, help
/// is not rewrapped), the rest, wrapped by hand, for `--help`.
#[derive(Debug, Parser)]
#[command(
    name = "generator",
    version,
    about = "generator: Rust serde types from Speakeasy SDK model docs",
    long_about = LONG_ABOUT,
    after_help = AFTER_HELP,
    // `generator` alone shows the help (on stderr, exit 2) rather than one missing-input line.
    arg_required_else_help = true
)]
struct Args {
    /// Doc files or folders (searched for *.md), e.g. docs/models
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,

    /// Write to FILE instead of stdout
    ///
    /// Atomically (a temporary file and a rename); an unchanged file is left
    /// untouched; a symlink is followed, a device or pipe is written to directly.
    #[arg(short, long, value_name = "FILE", verbatim_doc_comment)]
    out: Option<PathBuf>,

    /// With --out: exit 1 if FILE is stale; write nothing
    ///
    /// Stale: not what would be generated now. For CI.
    #[arg(long, verbatim_doc_comment)]
    check: bool,

    /// Emit the valid types despite doc errors (exit 1)
    ///
    /// The errors are still reported; the docs that have them are left out.
    #[arg(long, verbatim_doc_comment)]
    keep_going: bool,

    /// Make degraded fields errors (for CI)
    ///
    /// A Type cell no grammar understands, or a link whose target exists
    /// nowhere, is read as any JSON value with a warning; with --strict it
    /// is an error in the docs instead.
    #[arg(long, verbatim_doc_comment)]
    strict: bool,

    /// Keep undeclared JSON keys (map or text)
    ///
    /// Every struct gets a place that keeps the JSON keys it does not declare and
    /// writes them back: `map` (the default) a map of serde_json::Value, `text` the
    /// JSON text in arrival order, in an UnknownKeys type (cheaper to read).
    #[arg(
        long,
        value_enum,
        value_name = "HOW",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "map",
        hide_possible_values = true,
        verbatim_doc_comment
    )]
    keep_unknown: Option<KeepUnknownArg>,

    /// Also read numbers and booleans sent as strings
    ///
    /// "123" and "1.5" for number fields, "true"/"false" and "1"/"0" for
    /// boolean ones; values are still written back as numbers and booleans.
    /// Without it such strings are errors. (Integer fields take integral
    /// floats such as 25.0 either way.)
    #[arg(long, verbatim_doc_comment)]
    lenient_scalars: bool,

    /// JSON-key overrides from a TOML file
    ///
    /// Per type and field, or a casing for a type or for all (see the README's
    /// "Wire names"); an override that names nothing generated is an error.
    #[arg(long, value_name = "FILE", verbatim_doc_comment)]
    wire_names: Option<PathBuf>,

    /// JSON key casing for every field no override or payload sets
    ///
    /// camelCase, camelCase-initialisms, PascalCase, PascalCase-initialisms,
    /// snake_case or as-documented. Without it the casing is detected from the
    /// docs' evidence (the summary line says which and why).
    #[arg(long, value_name = "CASING", value_parser = parse_casing, verbatim_doc_comment)]
    casing: Option<generator::Casing>,

    /// Learn the exact JSON keys from real payloads (repeatable)
    ///
    /// A JSON file, a folder of them, or `components::Foo=resp.json` to name
    /// the type. Each payload is matched to the type it fits best and walked
    /// down; the keys seen are used in the emitted code.
    #[arg(long, value_name = "PATH", verbatim_doc_comment)]
    learn_from: Vec<std::ffi::OsString>,

    /// Write the keys as a wire-names file to check in
    ///
    /// Everything learned and every key a casing does not reproduce; read back
    /// with --wire-names it gives the same keys.
    #[arg(long, value_name = "FILE", verbatim_doc_comment)]
    print_wire_names: Option<PathBuf>,

    /// Also write sample JSON for every type
    ///
    /// Full and minimal instances of structs, every enum variant and union member.
    #[arg(long, value_name = "FILE", verbatim_doc_comment)]
    samples: Option<PathBuf>,

    /// No summary line
    #[arg(short, long)]
    quiet: bool,
}

const LONG_ABOUT: &str = "\
generator: Rust serde types from Speakeasy SDK model docs

Reads SDK model docs (markdown: `# Title` plus a `## Fields`, `## Values` or
`## Supported Types` section, as Speakeasy writes under docs/models/) in Python or
Go flavor, and prints Rust types that implement serde's Serialize and Deserialize.
Each folder under an input becomes a `pub mod`.";

/// `--keep-unknown`'s values (the library's [`KeepUnknown`] has no clap derive: build.rs
/// users do not compile clap).
#[derive(Debug, Clone, Copy, ValueEnum)]
enum KeepUnknownArg {
    /// A map of serde_json::Value
    Map,
    /// JSON text in arrival order (UnknownKeys)
    Text,
}

impl Args {
    /// The library settings these arguments ask for.
    fn config(&self) -> generator::Config {
        let mut config = generator::Config::new();
        for i in &self.inputs {
            config.input(i);
        }
        config.keep_going(self.keep_going);
        config.strict(self.strict);
        config.lenient_scalars(self.lenient_scalars);
        config.keep_unknown(match self.keep_unknown {
            None => KeepUnknown::No,
            Some(KeepUnknownArg::Map) => KeepUnknown::Map,
            Some(KeepUnknownArg::Text) => KeepUnknown::Text,
        });
        if let Some(w) = &self.wire_names {
            config.wire_names(w);
        }
        if let Some(c) = self.casing {
            config.casing(c);
        }
        for l in &self.learn_from {
            config.learn_from(l);
        }
        config
    }
}

fn main() -> ExitCode {
    // Reads the arguments as `OsString`s: a path that is not UTF-8 is still a path, and
    // other non-UTF-8 values are clap usage errors (exit 2), never a panic.
    let args = Args::parse();
    if args.check && args.out.is_none() {
        Args::command()
            .error(
                clap::error::ErrorKind::MissingRequiredArgument,
                "`--check` needs `--out FILE` to compare against",
            )
            .exit();
    }
    match run(&args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let output = match args.config().run() {
        Ok(o) => o,
        Err(e) => {
            let usage = e.diagnostics.iter().all(|d| {
                matches!(
                    d.kind,
                    generator::ErrorKind::Io | generator::ErrorKind::Usage
                )
            });
            eprint!("{}", e.render(50));
            eprintln!("generator: {}; nothing written", e.headline());
            return Ok(ExitCode::from(if usage { 2 } else { 1 }));
        }
    };
    eprint!(
        "{}",
        generator::render_list(&output.warnings, 20, "warning")
    );
    eprint!("{}", generator::render_list(&output.errors, 50, "error"));
    if let (Some(report), false) = (&output.wire.learned, args.quiet) {
        eprint!("{report}");
    }
    if let Some(path) = &args.print_wire_names {
        let text = match output.wire.overrides_file(&output.model) {
            Ok(text) => text,
            Err(errs) => {
                eprint!("{}", generator::render_list(&errs, 50, "error"));
                eprintln!("generator: the learned wire names do not read back; nothing written");
                return Ok(ExitCode::from(1));
            }
        };
        if !args.check {
            generator::write_if_changed(path, &text)
                .with_context(|| format!("writing {}", path.display()))?;
        }
    }
    if let Some(path) = &args.samples {
        let (json, warnings) = generator::samples::samples_json(&output.model);
        eprint!("{}", generator::render_list(&warnings, 20, "warning"));
        if !args.check {
            generator::write_if_changed(path, &json)
                .with_context(|| format!("writing {}", path.display()))?;
        }
    }
    let failed = !output.errors.is_empty();
    let mut status = if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    match &args.out {
        Some(path) if args.check => {
            let current = std::fs::read_to_string(path).unwrap_or_default();
            if current != output.code {
                eprintln!(
                    "generator: {} is stale: {}",
                    path.display(),
                    diff_summary(&current, &output.code)
                );
                status = ExitCode::from(1);
            }
        }
        Some(path) => {
            generator::write_if_changed(path, &output.code)
                .with_context(|| format!("writing {}", path.display()))?;
        }
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (e.g. `| head`) is not an error worth a panic.
            let _ = stdout.write_all(output.code.as_bytes());
        }
    }
    if !args.quiet {
        eprintln!(
            "generator: {} in {:.2}s",
            output.summary,
            start.elapsed().as_secs_f64()
        );
    }
    Ok(status)
}

/// `--casing`'s value, by the names the wire-names file uses.
fn parse_casing(s: &str) -> Result<generator::Casing, generator::UnknownCasing> {
    s.parse()
}

/// A one-line description of how two texts differ: line counts and the first change.
fn diff_summary(old: &str, new: &str) -> String {
    let (a, b): (Vec<_>, Vec<_>) = (old.lines().collect(), new.lines().collect());
    let first = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let old_set: std::collections::HashSet<_> = a.iter().collect();
    let new_set: std::collections::HashSet<_> = b.iter().collect();
    let added = b.iter().filter(|l| !old_set.contains(l)).count();
    let removed = a.iter().filter(|l| !new_set.contains(l)).count();
    format!(
        "{added} line(s) added, {removed} removed; first difference at line {}",
        first + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clap_definition_is_consistent() {
        Args::command().debug_assert();
    }

    #[test]
    fn diff_summary_counts_lines_and_finds_the_first_change() {
        assert_eq!(
            diff_summary("a\nb\nc\n", "a\nx\nc\nd\n"),
            "2 line(s) added, 1 removed; first difference at line 2"
        );
        assert_eq!(
            diff_summary("", "a\n"),
            "1 line(s) added, 0 removed; first difference at line 1"
        );
    }
}
