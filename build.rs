//! Regenerates the `generated` crate's types from the docs in `specs/` (or the folder
//! named by `SPECS_DIR`) into OUT_DIR on `cargo build`. It needs the generator's
//! library only (`default-features = false`): no clap, no anyhow.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match generate() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Every diagnostic in cargo's output, then the failure.
            for line in e.render(50).lines() {
                println!("cargo:warning={line}");
            }
            eprintln!("{}", e.headline());
            ExitCode::FAILURE
        }
    }
}

fn generate() -> Result<(), generator::Error> {
    // Any rerun directive replaces cargo's default (rerun on any package change), so
    // build.rs itself is listed too.
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=SPECS_DIR");
    println!("cargo:rerun-if-env-changed=CARGO_FEATURE_KEEP_UNKNOWN");
    println!("cargo:rerun-if-env-changed=CARGO_FEATURE_KEEP_UNKNOWN_TEXT");
    // Cargo sets both for every build script.
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let specs = match std::env::var_os("SPECS_DIR") {
        Some(dir) => manifest.join(dir),
        None => manifest.join("specs"),
    };
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let out = out_dir.join("generated.rs");

    let mut config = generator::Config::new();
    config.input(&specs);
    // Overrides kept beside the docs; cargo rescans the folder, so adding one reruns.
    let wire_names = specs.join("wire-names.toml");
    if wire_names.is_file() {
        config.wire_names(&wire_names);
    }
    let feature = |name: &str| std::env::var_os(format!("CARGO_FEATURE_{name}")).is_some();
    // `keep-unknown-text` wins when both features are on (features only add up).
    config.keep_unknown(if feature("KEEP_UNKNOWN_TEXT") {
        generator::KeepUnknown::Text
    } else if feature("KEEP_UNKNOWN") {
        generator::KeepUnknown::Map
    } else {
        generator::KeepUnknown::No
    });
    // A folder listed here is rescanned by cargo, so added and removed docs count too.
    println!("cargo:rerun-if-changed={}", specs.display());
    let mut dirs = std::collections::BTreeSet::new();
    for f in &config.input_files()? {
        println!("cargo:rerun-if-changed={}", f.display());
        dirs.extend(
            f.ancestors()
                .skip(1)
                .take_while(|d| d.starts_with(&specs))
                .map(PathBuf::from),
        );
    }
    for d in dirs {
        println!("cargo:rerun-if-changed={}", d.display());
    }
    let output = config.write_to(&out)?.output;
    for w in &output.warnings {
        for line in w.to_string().lines() {
            println!("cargo:warning={line}");
        }
    }
    // The round-trip harness and its samples, for tests/roundtrip.rs.
    let (samples, _) = generator::samples::samples_json(&output.model);
    let harness = generator::samples::harness(&output.model, "generated");
    for (name, text) in [("samples.json", samples), ("roundtrip.rs", harness)] {
        generator::write_if_changed(&out_dir.join(name), &text)?;
    }
    Ok(())
}
