//! Generates the types of `specs/python/models` plus this crate's `docs/models` (a
//! Plex-style `MediaContainer` response that links to them) three times into OUT_DIR:
//! `plain.rs` (unknown keys ignored), `capture.rs` (unknown keys kept in maps) and
//! `capture_text.rs` (unknown keys kept as JSON text).

use generator::KeepUnknown;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap());
    let specs = manifest.join("../specs/python/models");
    let extra = manifest.join("docs/models");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={}", specs.display());
    println!("cargo:rerun-if-changed={}", extra.display());

    // Links are relative to the doc (`../../models/components/tag.md`), so both trees
    // are laid into one `models` folder.
    let staged = out.join("docs").join("models");
    let _ = std::fs::remove_dir_all(&staged);
    copy_tree(&specs, &staged);
    copy_tree(&extra, &staged);

    generate(&staged, &out.join("plain.rs"), KeepUnknown::No);
    // The union test fixtures, for the union benchmark (`benches/unions.rs`).
    let unions = manifest.join("../tests/fixtures/unions/models");
    println!("cargo:rerun-if-changed={}", unions.display());
    generate(&unions, &out.join("unions.rs"), KeepUnknown::No);
    generate(&staged, &out.join("capture.rs"), KeepUnknown::Map);
    generate(&staged, &out.join("capture_text.rs"), KeepUnknown::Text);
}

fn generate(input: &Path, out: &Path, keep_unknown: KeepUnknown) {
    let mut config = generator::Config::new();
    config.input(input);
    config.keep_unknown(keep_unknown);
    if let Err(e) = config.write_to(out) {
        for line in e.render(50).lines() {
            println!("cargo:warning={line}");
        }
        panic!("model docs have errors");
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.is_dir() {
            copy_tree(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).unwrap();
        }
    }
}
