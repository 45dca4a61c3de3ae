//! Every model of the real doc trees in `../shared/corpora` generates, and the result
//! compiles with warnings denied and documents without rustdoc warnings. The crates
//! are checked in one scratch workspace with one shared target dir, so dependencies
//! build once. Skipped (with a message) when `../shared` is absent.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

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
    let mut largest = (0, String::new());
    for corpus in &corpora {
        let name = corpus.file_name().unwrap().to_string_lossy().into_owned();
        let start = Instant::now();
        let out = generator::Config::new()
            .input(corpus.join("docs/models"))
            .run()
            .unwrap_or_else(|e| panic!("{name} does not generate:\n{e}"));
        let elapsed = start.elapsed();
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
        assert!(
            out.warnings.is_empty(),
            "{name}: warnings:\n{:?}",
            out.warnings
        );
        assert_eq!(
            s.docs_read,
            s.structs + s.enums + s.unions + s.skipped.values().sum::<usize>(),
            "{name}: every doc is emitted or skipped with a reason"
        );
        if s.docs_read > largest.0 {
            largest = (s.docs_read, name.clone());
        }
        write_crate(&ws.join("crates").join(&name), &name, &out.code);
        members.push(format!("\"crates/{name}\""));
    }
    std::fs::write(
        ws.join("Cargo.toml"),
        format!(
            "[workspace]\nmembers = [{}]\nresolver = \"2\"\n",
            members.join(", ")
        ),
    )
    .unwrap();
    // Same dependency versions as the project, and no registry lookup when cached.
    let _ = std::fs::copy(common::repo().join("Cargo.lock"), ws.join("Cargo.lock"));

    let start = Instant::now();
    cargo(&ws, &["check", "--workspace", "--quiet"], "RUSTFLAGS");
    writeln!(
        report,
        "cargo check (all corpora, warnings denied): {:.1} s",
        start.elapsed().as_secs_f64()
    )
    .unwrap();
    let start = Instant::now();
    cargo(
        &ws,
        &["doc", "--no-deps", "--quiet", "-p", &largest.1],
        "RUSTDOCFLAGS",
    );
    writeln!(
        report,
        "cargo doc {} (rustdoc warnings denied): {:.1} s",
        largest.1,
        start.elapsed().as_secs_f64()
    )
    .unwrap();
    std::fs::write(ws.join("report.txt"), &report).unwrap();
    eprintln!("{report}");
}

fn write_crate(dir: &Path, name: &str, code: &str) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\
         chrono = {{ version = \"0.4\", default-features = false, features = [\"serde\", \"std\"] }}\n"
    );
    write_if_changed(&dir.join("Cargo.toml"), &manifest);
    write_if_changed(&dir.join("src/lib.rs"), code);
}

/// Unchanged files keep their timestamps, so cargo's incremental check stays warm.
fn write_if_changed(path: &Path, text: &str) {
    generator::write_if_changed(path, text).unwrap();
}

/// Runs cargo in the scratch workspace with warnings denied through `flags_var`.
fn cargo(ws: &Path, args: &[&str], flags_var: &str) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(args)
        .current_dir(ws)
        .env("CARGO_TARGET_DIR", ws.join("target"))
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("RUSTDOCFLAGS")
        .env(flags_var, "-D warnings")
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo {} failed in {}:\n{}",
        args.join(" "),
        ws.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}
