//! Every model of the real doc trees in `../shared/corpora` generates, and the result
//! compiles with warnings denied and documents without rustdoc warnings. The crates
//! are checked in one scratch workspace with one shared target dir, so dependencies
//! build once. Skipped (with a message) when `../shared` is absent.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// `CORPORA=a,b` limits the check to those trees (by folder name), for a quick look
/// while working on them; CI sets nothing and checks every tree.
fn selected(tree: &Path) -> bool {
    let Ok(list) = std::env::var("CORPORA") else {
        return true;
    };
    let name = tree.file_name().unwrap_or_default().to_string_lossy();
    list.split(',').any(|n| n.trim() == name)
}

#[test]
fn every_corpus_generates_and_compiles_warning_free() {
    let Some(shared) = common::shared() else {
        eprintln!(
            "../shared is absent (a clone without the shared corpora): corpus checks skipped"
        );
        return;
    };
    let mut corpora: Vec<PathBuf> = std::fs::read_dir(shared.join("corpora"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("docs/models").is_dir())
        .filter(|p| selected(p))
        .collect();
    corpora.sort();
    assert!(
        !corpora.is_empty(),
        "no corpora found under ../shared/corpora"
    );

    let ws = common::repo().join("target").join("corpus-check");
    let mut report = String::from(
        "corpus             docs  structs  enums  unions  skipped (by reason)                    gen time\n",
    );
    let mut members = Vec::new();
    let mut expected = Vec::new();
    let mut checked_only = Vec::new();
    // A crate of generated code whose round trip must cover `types` types (or, for the
    // largest trees, that must compile warning-free: see `CHECK_ONLY`).
    let mut add_crate = |name: &str, code: &str, model: &generator::Model, types: usize| {
        let harness = !CHECK_ONLY.contains(&name);
        write_crate(
            &ws.join("crates").join(name),
            name,
            code,
            model,
            model,
            harness,
        );
        members.push(format!("\"crates/{name}\""));
        if harness {
            expected.push((name.to_string(), types));
        } else {
            checked_only.push(name.to_string());
        }
    };
    let ratchet = Ratchet::load();
    let mut ratchet_problems = Vec::new();
    let mut largest = (0, String::new());
    let mut passing = Vec::new();
    for corpus in &corpora {
        let name = corpus.file_name().unwrap().to_string_lossy().into_owned();
        let rejected = rejected_docs(corpus);
        match (ratchet.allowed(&name), rejected) {
            (None, 0) => passing.push(corpus.clone()),
            (None, n) => ratchet_problems.push(format!(
                "{name}: {n} docs rejected, and it is not on {RATCHET_FILE}: every tree not listed there must generate fully"
            )),
            // Listed with 0: it generates, but its crate does not round-trip yet, so it
            // is not built (see the list's comment).
            (Some(0), 0) => writeln!(
                report,
                "{name:<18} generates fully; crate not built until it round-trips (listed with 0)"
            )
            .unwrap(),
            (Some(allowed), 0) => ratchet_problems.push(format!(
                "{name} now generates fully (was allowed {allowed} rejected docs): take it off {RATCHET_FILE}, or list it with 0 if its crate does not round-trip yet"
            )),
            (Some(allowed), n) if n > allowed => ratchet_problems.push(format!(
                "{name}: {n} docs rejected, worse than the {allowed} allowed in {RATCHET_FILE}"
            )),
            (Some(allowed), n) => {
                let better = if n < allowed {
                    format!(" (better than the {allowed} listed: lower it in {RATCHET_FILE})")
                } else {
                    String::new()
                };
                writeln!(report, "{name:<18} still expected to fail: {n} docs rejected{better}")
                    .unwrap();
            }
        }
    }
    for listed in ratchet.names() {
        if !corpora.iter().any(|c| c.ends_with(listed)) && selected(Path::new(listed)) {
            ratchet_problems.push(format!(
                "{listed} is on {RATCHET_FILE} but not in ../shared/corpora: take it off"
            ));
        }
    }
    // Printed now, so the counts show even when a later step fails.
    eprintln!("{report}");
    assert!(
        ratchet_problems.is_empty(),
        "corpus ratchet:\n{}",
        ratchet_problems.join("\n")
    );
    for corpus in &passing {
        let name = corpus.file_name().unwrap().to_string_lossy().into_owned();
        let start = Instant::now();
        let out = generator::Config::new()
            .input(corpus.join("docs/models"))
            .run()
            .unwrap_or_else(|e| panic!("{name} does not generate:\n{e}"));
        let elapsed = start.elapsed();
        let serial = generator::Config::new()
            .input(corpus.join("docs/models"))
            .threads(1)
            .generate()
            .unwrap();
        assert!(
            serial == out.code,
            "{name}: output depends on the number of threads"
        );
        common::assert_prettyplease_formatting(&out.code, &format!("{name}: output"));
        let s = &out.summary;
        let skipped: Vec<String> = s
            .skipped
            .iter()
            .map(|(r, n)| format!("{n} {}", r.label()))
            .collect();
        writeln!(
            report,
            "{name:<18} {:>4}  {:>7}  {:>5}  {:>6}  {:<38} {:>6.0} ms",
            s.docs_read,
            s.structs,
            s.enums,
            s.unions,
            skipped.join(", "),
            elapsed.as_secs_f64() * 1000.0
        )
        .unwrap();
        let unexpected: Vec<_> = out
            .warnings
            .iter()
            .filter(|w| !broken_docs_only(w))
            .collect();
        assert!(unexpected.is_empty(), "{name}: warnings:\n{unexpected:?}");
        for w in &out.warnings {
            writeln!(
                report,
                "  warning[{}] {}: {}",
                w.kind.code(),
                w.file.display(),
                w.message
            )
            .unwrap();
        }
        assert_eq!(
            s.docs_read,
            s.structs + s.enums + s.unions + s.skipped.values().sum::<usize>(),
            "{name}: every doc is emitted or skipped with a reason"
        );
        if s.docs_read > largest.0 {
            largest = (s.docs_read, name.clone());
        }
        add_crate(
            &name,
            &out.code,
            &out.model,
            s.structs + s.enums + s.unions + s.cell_types,
        );
    }
    // Unknown-key capture, both ways, on the in-repo specs and on the first corpus:
    // samples carry extra keys that must survive.
    let Some(first) = passing.first() else {
        eprintln!("CORPORA selects no tree that generates fully: nothing more to check");
        return;
    };
    let first_name = first.file_name().unwrap().to_string_lossy().into_owned();
    for (name, input, how) in [
        (
            "specs_keep_unknown".to_string(),
            common::repo().join("specs"),
            generator::KeepUnknown::Map,
        ),
        (
            "specs_keep_unknown_text".to_string(),
            common::repo().join("specs"),
            generator::KeepUnknown::Text,
        ),
        (
            format!("{first_name}_keep_unknown_text").replace('-', "_"),
            first.join("docs/models"),
            generator::KeepUnknown::Text,
        ),
    ] {
        let out = generator::Config::new()
            .input(input)
            .keep_unknown(how)
            .run()
            .unwrap();
        add_crate(&name, &out.code, &out.model, out.model.types.len());
    }
    // Inputs that need only some of the shared helpers (a crate of string enums needs
    // `Key` and nothing else; one of integer enums only the integer reader): each must
    // still compile warning-free and round-trip.
    for (name, repr) in [
        ("specs_text_enums_only", generator::ir::EnumRepr::Str),
        ("specs_int_enums_only", generator::ir::EnumRepr::Int),
    ] {
        let (mut model, _) = generator::Config::new()
            .input(common::repo().join("specs"))
            .model()
            .unwrap();
        model
            .types
            .retain(|t| matches!(&t.kind, generator::ir::Kind::Enum(e) if e.repr == repr));
        assert!(!model.types.is_empty(), "specs/ have {repr:?} enums");
        let code = generator::render(&model, 1).unwrap();
        assert!(
            code.contains("pub mod __helpers"),
            "{name}: helper module emitted when used"
        );
        add_crate(name, &code, &model, model.types.len());
    }
    // A deliberately broken mapping: dates emitted as timestamps, checked against the
    // samples of the right model. Its harness must fail and say where.
    let broken = broken_mapping();
    members.push(format!("\"crates/{BROKEN}\""));
    std::fs::write(
        ws.join("Cargo.toml"),
        format!(
            // No debug info: these crates are checked and run once, never debugged, and
            // debug info is a large share of building megabytes of generated code.
            "[workspace]\nmembers = [{}]\nresolver = \"2\"\n\n[profile.dev]\ndebug = 0\n",
            members.join(", ")
        ),
    )
    .unwrap();
    // Same dependency versions as the project, and no registry lookup when cached.
    let _ = std::fs::copy(common::repo().join("Cargo.lock"), ws.join("Cargo.lock"));

    let start = Instant::now();
    let mut args = vec![
        "test",
        "--workspace",
        "--quiet",
        "--no-fail-fast",
        "--exclude",
        BROKEN,
    ];
    for name in &checked_only {
        args.extend(["--exclude", name.as_str()]);
    }
    args.extend(["--", "--nocapture"]);
    let stdout = cargo(&ws, &args, "RUSTFLAGS");
    writeln!(
        report,
        "cargo test (all corpora: build with warnings denied + round-trip harness): {:.1} s",
        start.elapsed().as_secs_f64()
    )
    .unwrap();
    for (name, types) in &expected {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(&format!("ROUNDTRIP {name} ")))
            .unwrap_or_else(|| panic!("no round-trip result for {name}:\n{stdout}"));
        writeln!(report, "{line} (types emitted {types})").unwrap();
        assert!(
            line.contains(&format!(" types={types} covered={types} ")),
            "{name}: types covered must equal types emitted ({types}): {line}"
        );
    }
    if !checked_only.is_empty() {
        let start = Instant::now();
        let mut args = vec!["check", "--quiet"];
        for name in &checked_only {
            args.extend(["-p", name.as_str()]);
        }
        cargo(&ws, &args, "RUSTFLAGS");
        writeln!(
            report,
            "cargo check {} (warnings denied; no round-trip harness, see CHECK_ONLY): {:.1} s",
            checked_only.join(", "),
            start.elapsed().as_secs_f64()
        )
        .unwrap();
    }
    let failed = cargo_output(&ws, &["test", "--quiet", "-p", BROKEN], "RUSTFLAGS");
    assert!(
        !failed.status.success(),
        "the broken mapping must fail its round trip"
    );
    let text = String::from_utf8_lossy(&failed.stdout);
    // A date read as a timestamp parses (leniently) but comes back as another JSON
    // value: the harness names the type, the sample and the field's path.
    let first = text
        .lines()
        .find(|l| l.starts_with(&format!("{} [full]: ", broken.0)))
        .unwrap_or_default();
    assert!(
        first.contains(&format!("at `/{}`", broken.1)),
        "the failure names the type, the sample and the field:\n{text}"
    );
    writeln!(
        report,
        "broken mapping (dates emitted as timestamps) fails as it must: {}",
        first.trim()
    )
    .unwrap();
    // Every crate's docs, the JSON examples in them included, without a rustdoc warning.
    let start = Instant::now();
    cargo(
        &ws,
        &[
            "doc",
            "--no-deps",
            "--quiet",
            "--workspace",
            "--exclude",
            BROKEN,
        ],
        "RUSTDOCFLAGS",
    );
    writeln!(
        report,
        "cargo doc of every crate (rustdoc warnings denied): {:.1} s",
        start.elapsed().as_secs_f64()
    )
    .unwrap();
    std::fs::write(ws.join("report.txt"), &report).unwrap();
    eprintln!("{report}");
}

const BROKEN: &str = "broken_mapping";

/// The two largest trees get `cargo check` with warnings denied, not the round-trip
/// harness: it holds a match arm and a monomorphized round trip per type (12 200 for
/// vercel-ts-2026-08, 3 500 for konnect-go-2026-08); vercel's alone took about 15
/// minutes to build on 2 shared cores, half of what CI has. Both passed their round
/// trips when last run in full; their unions and constants are read by the same code
/// as every other tree's.
const CHECK_ONLY: [&str; 2] = ["konnect-go-2026-08", "vercel-ts-2026-08"];

/// Writes the broken-mapping crate; returns the type it breaks and the field's key.
fn broken_mapping() -> (String, String) {
    use generator::ir::{Kind, Ty};
    let ws = common::repo().join("target").join("corpus-check");
    let (good, _) = generator::Config::new()
        .input(common::repo().join("specs"))
        .model()
        .unwrap();
    let mut bad = good.clone();
    let mut broken = None;
    for t in &mut bad.types {
        let path = t.rust_path();
        if let Kind::Struct(s) = &mut t.kind {
            for f in &mut s.fields {
                if f.ty == Ty::Date && broken.is_none() {
                    f.ty = Ty::DateTime;
                    broken = Some((path.clone(), f.wire_name.clone()));
                }
            }
        }
    }
    let broken = broken.expect("specs/ have a date field");
    let code = generator::render(&bad, 1).unwrap();
    write_crate(
        &ws.join("crates").join(BROKEN),
        BROKEN,
        &code,
        &good,
        &bad,
        true,
    );
    broken
}

/// A crate holding `code`, with a round-trip test of `harness_model`'s types against
/// the samples of `samples_model` (the same model, except for the broken mapping),
/// unless `harness` is off.
fn write_crate(
    dir: &Path,
    name: &str,
    code: &str,
    samples_model: &generator::Model,
    harness_model: &generator::Model,
    harness: bool,
) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::create_dir_all(dir.join("tests/support")).unwrap();
    // Where the harness was written before it moved to `support/`.
    let _ = std::fs::remove_file(dir.join("tests/harness.rs"));
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nserde = \"1\"\nserde_json = \"1\"\n\
         chrono = {{ version = \"0.4\", default-features = false, features = [\"serde\", \"std\"] }}\n\n\
         # No unit-test or doctest build of the library: only the round-trip test runs,\n\
         # and each would compile megabytes of generated code once more.\n\
         [lib]\ntest = false\ndoctest = false\n"
    );
    write_if_changed(&dir.join("Cargo.toml"), &manifest);
    write_if_changed(&dir.join("src/lib.rs"), code);
    if !harness {
        let _ = std::fs::remove_dir_all(dir.join("tests"));
        return;
    }
    let (samples, _) = generator::samples::samples_json(samples_model);
    write_if_changed(&dir.join("tests/samples.json"), &samples);
    write_if_changed(
        // In a subfolder: cargo would build `tests/harness.rs` as a test target of
        // its own, compiling the largest trees' harness twice.
        &dir.join("tests/support/harness.rs"),
        &generator::samples::harness(harness_model, name),
    );
    let test = format!(
        "mod harness {{\n    include!(\"support/harness.rs\");\n}}\n\n\
         #[test]\nfn every_type_round_trips() {{\n    \
         let samples = serde_json::from_str(include_str!(\"samples.json\")).unwrap();\n    \
         let r = harness::check_all(&samples);\n    \
         println!(\"ROUNDTRIP {name} types={{}} covered={{}} samples={{}} union-members-checked={{}} failures={{}}\", harness::TYPES.len(), r.covered, r.samples, r.members, r.failures.len());\n    \
         assert!(r.failures.is_empty(), \"{{}}\", r.failures.join(\"\\n\"));\n}}\n"
    );
    write_if_changed(&dir.join("tests/roundtrip.rs"), &test);
}

/// Unchanged files keep their timestamps, so cargo's incremental check stays warm.
fn write_if_changed(path: &Path, text: &str) {
    generator::write_if_changed(path, text).unwrap();
}

/// Runs cargo in the scratch workspace with warnings denied through `flags_var`;
/// returns its stdout, failing the test if cargo fails.
fn cargo(ws: &Path, args: &[&str], flags_var: &str) -> String {
    let out = cargo_output(ws, args, flags_var);
    assert!(
        out.status.success(),
        "cargo {} failed in {}:\n{}\n{}",
        args.join(" "),
        ws.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn cargo_output(ws: &Path, args: &[&str], flags_var: &str) -> std::process::Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    Command::new(cargo)
        .args(args)
        .current_dir(ws)
        .env("CARGO_TARGET_DIR", ws.join("target"))
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("RUSTDOCFLAGS")
        .env(flags_var, "-D warnings")
        .output()
        .expect("cargo runs")
}

/// The checked-in list of trees still expected to fail, each with the number of its
/// docs that may at most be rejected: a tree may get better, never worse, and leaves
/// the list once it generates fully.
const RATCHET_FILE: &str = "tests/corpora-expected-failures.tsv";

struct Ratchet(Vec<(String, usize)>);

impl Ratchet {
    fn load() -> Self {
        let text = std::fs::read_to_string(common::repo().join(RATCHET_FILE)).unwrap_or_default();
        let mut entries = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split_whitespace();
            let (Some(name), Some(n), None) = (cols.next(), cols.next(), cols.next()) else {
                panic!(
                    "{RATCHET_FILE}:{}: expected `<tree> <rejected docs>`",
                    i + 1
                );
            };
            let n = n.parse().unwrap_or_else(|_| {
                panic!("{RATCHET_FILE}:{}: expected a count, found `{n}`", i + 1)
            });
            entries.push((name.to_string(), n));
        }
        Self(entries)
    }

    fn allowed(&self, name: &str) -> Option<usize> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, c)| *c)
    }

    fn names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(n, _)| n.as_str())
    }
}

/// Docs of the tree (`.md` and `.mdx` files) that the generator neither emits nor
/// skips with a reason (rejected with an error, left out, or not read at all), plus
/// docs with a field degraded to any JSON value where the docs are not broken (see
/// [`broken_docs_only`]): a tree passes only when it generates cleanly.
fn rejected_docs(corpus: &Path) -> usize {
    let root = corpus.join("docs/models");
    let files = count_docs(&root);
    let out = match generator::Config::new().input(&root).keep_going(true).run() {
        Ok(out) => out,
        Err(_) => return files,
    };
    let s = &out.summary;
    let accepted = s.structs + s.enums + s.unions + s.skipped.values().sum::<usize>();
    let degraded: std::collections::BTreeSet<_> = out
        .model
        .degraded
        .iter()
        .filter(|d| d.cause != generator::ir::DegradeCause::MissingTarget)
        .map(|d| &d.diagnostic.file)
        .collect();
    files.saturating_sub(accepted) + degraded.len()
}

/// The warnings a fully generating tree may have: links the docs got wrong, repaired
/// by path or name or (target nowhere) degraded. Anything else fails the tree.
fn broken_docs_only(w: &generator::Diagnostic) -> bool {
    matches!(
        w.kind,
        generator::ErrorKind::LinkOutsideRoot | generator::ErrorKind::DanglingLink
    )
}

fn count_docs(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .map(|e| e.unwrap().path())
        .map(|p| {
            if p.is_dir() {
                count_docs(&p)
            } else {
                usize::from(matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("md" | "mdx")
                ))
            }
        })
        .sum()
}
