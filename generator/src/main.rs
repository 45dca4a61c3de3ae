//! The command-line front end: argument handling and reporting only.

use anyhow::Context;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

const HELP: &str = "\
generator: Rust serde types from Speakeasy SDK model docs

Reads SDK model docs (markdown: `# Title` plus a `## Fields`, `## Values` or
`## Supported Types` section, as Speakeasy writes under docs/models/) in Python or
Go flavor, and prints Rust types that implement serde's Serialize and Deserialize.
Each folder under an input becomes a `pub mod`.

USAGE:
    generator [OPTIONS] <INPUT>...

ARGS:
    <INPUT>...    Doc files or folders (searched recursively for *.md), e.g. docs/models

OPTIONS:
    -o, --out <FILE>    Write the Rust source to FILE (atomically; an unchanged file
                        is left untouched; a symlink is followed, a device or pipe
                        is written to directly) instead of printing it
        --check         With --out: write nothing, exit 1 if FILE is not what would
                        be generated (for CI)
        --keep-going    Emit the valid types even when some docs have errors; the
                        errors are still reported and the exit code is 1
        --keep-unknown[=map|text]
                        Give every struct a place that keeps undeclared JSON keys
                        and writes them back: a map of serde_json::Value (the
                        default), or `text`, the JSON text in arrival order in an
                        UnknownKeys type (cheaper to read)
        --wire-names <FILE>
                        JSON-key overrides (see README: type -> field -> key, and
                        per-type or default casing); unknown names are errors
        --samples <FILE>
                        Also write sample JSON for every type (full and minimal
                        instances, every enum variant and union member)
    -q, --quiet         No summary line
    -h, --help          Print this help
    -V, --version       Print the version

EXIT CODES:
    0  success
    1  errors in the docs (all reported, each with file:line:col), or --check found
       the file stale
    2  usage error (bad arguments, unreadable input)

EXAMPLES:
    generator docs/models > src/models.rs
    generator docs/models -o src/models.rs
    generator docs/models -o src/models.rs --check
";

struct Args {
    inputs: Vec<PathBuf>,
    out: Option<PathBuf>,
    check: bool,
    keep_going: bool,
    keep_unknown: generator::KeepUnknown,
    wire_names: Option<PathBuf>,
    samples: Option<PathBuf>,
    quiet: bool,
}

enum Parsed {
    Run(Args),
    Exit(ExitCode),
}

fn parse_args(mut it: impl Iterator<Item = String>) -> Result<Parsed, String> {
    let mut args = Args {
        inputs: Vec::new(),
        out: None,
        check: false,
        keep_going: false,
        keep_unknown: generator::KeepUnknown::No,
        wire_names: None,
        samples: None,
        quiet: false,
    };
    let mut only_inputs = false;
    while let Some(a) = it.next() {
        if only_inputs {
            args.inputs.push(a.into());
            continue;
        }
        match a.as_str() {
            "-h" | "--help" => {
                print!("{HELP}");
                return Ok(Parsed::Exit(ExitCode::SUCCESS));
            }
            "-V" | "--version" => {
                println!("generator {}", env!("CARGO_PKG_VERSION"));
                return Ok(Parsed::Exit(ExitCode::SUCCESS));
            }
            "-o" | "--out" => {
                let v = it.next().ok_or("`--out` needs a file path")?;
                args.out = Some(v.into());
            }
            "--wire-names" => {
                let v = it.next().ok_or("`--wire-names` needs a file path")?;
                args.wire_names = Some(v.into());
            }
            "--samples" => {
                let v = it.next().ok_or("`--samples` needs a file path")?;
                args.samples = Some(v.into());
            }
            "--keep-unknown" | "--keep-unknown=map" => {
                args.keep_unknown = generator::KeepUnknown::Map;
            }
            "--keep-unknown=text" => args.keep_unknown = generator::KeepUnknown::Text,
            s if s.starts_with("--keep-unknown=") => {
                return Err(format!(
                    "`--keep-unknown` takes `map` or `text`, not `{}`",
                    &s["--keep-unknown=".len()..]
                ));
            }
            "--check" => args.check = true,
            "--keep-going" => args.keep_going = true,
            "-q" | "--quiet" => args.quiet = true,
            "--" => only_inputs = true,
            s if s.starts_with("--out=") => args.out = Some(s["--out=".len()..].into()),
            s if s.starts_with('-') && s.len() > 1 => {
                return Err(format!("unknown option `{s}`"));
            }
            _ => args.inputs.push(a.into()),
        }
    }
    if args.inputs.is_empty() {
        return Err("expected at least one INPUT (a doc file or folder)".into());
    }
    if args.check && args.out.is_none() {
        return Err("`--check` needs `--out FILE` to compare against".into());
    }
    Ok(Parsed::Run(args))
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Parsed::Run(a)) => a,
        Ok(Parsed::Exit(code)) => return code,
        Err(msg) => {
            eprintln!("error: {msg}\n\nRun `generator --help` for usage.");
            return ExitCode::from(2);
        }
    };
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
    let mut config = generator::Config::new();
    for i in &args.inputs {
        config.input(i);
    }
    config.keep_going(args.keep_going);
    config.keep_unknown_as(args.keep_unknown);
    if let Some(w) = &args.wire_names {
        config.wire_names(w);
    }
    let output = match config.run() {
        Ok(o) => o,
        Err(e) => {
            let usage = e.diagnostics.iter().all(|d| {
                matches!(
                    d.kind,
                    generator::ErrorKind::Io | generator::ErrorKind::Usage
                )
            });
            eprint!("{}", e.render(50));
            let n = e.diagnostics.len();
            eprintln!(
                "generator: {n} error{} in the docs; nothing written",
                if n == 1 { "" } else { "s" }
            );
            return Ok(ExitCode::from(if usage { 2 } else { 1 }));
        }
    };
    eprint!(
        "{}",
        generator::error::render_list(&output.warnings, 20, "warning")
    );
    eprint!(
        "{}",
        generator::error::render_list(&output.errors, 50, "error")
    );
    if let Some(path) = &args.samples {
        let (json, warnings) = generator::samples::samples_json(&output.model);
        eprint!(
            "{}",
            generator::error::render_list(&warnings, 20, "warning")
        );
        if !args.check {
            generator::write_if_changed(path, &json)
                .map_err(|e| anyhow::anyhow!("{e}"))
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
                .map_err(|e| anyhow::anyhow!("{e}"))
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
