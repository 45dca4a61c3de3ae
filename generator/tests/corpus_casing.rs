//! Casing detection on the real doc trees in `../shared/corpora` (skipped with a
//! message when they are absent): for every tree whose API's casing is known
//! (`wire_casing` in `SOURCES.tsv`), the detected casing and initialism style are
//! right, and the reason names the evidence. The detection for every tree, known or
//! not, is printed (`cargo test --test corpus_casing -- --nocapture`).

use generator::keys::Basis;
use generator::Casing;
use std::path::{Path, PathBuf};

/// How each known camelCase API writes initialisms; `SOURCES.tsv` does not say.
/// Plex writes `librarySectionID`, `downloadURL` (its recorded responses); glean
/// `documentId`, `obfuscatedId` (its examples, 81 `Id` to 3 `ID` with novu); cribl
/// `outputId` (named in its own docs, `cribl_<outputId>`).
const INITIALISMS: &[(&str, bool)] = &[("plex-", true), ("glean-", false), ("cribl-", false)];

fn corpora() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpora");
    dir.join("SOURCES.tsv").is_file().then_some(dir)
}

/// The casing `SOURCES.tsv` records: its first word, when known.
fn known(wire_casing: &str) -> Option<Casing> {
    let first = wire_casing.split(';').next()?.trim();
    first.parse().ok()
}

#[test]
fn detected_casing_matches_the_known_casing_of_every_tree() {
    let Some(dir) = corpora() else {
        eprintln!("../shared/corpora is absent: casing detection on real trees not checked");
        return;
    };
    let sources = std::fs::read_to_string(dir.join("SOURCES.tsv")).unwrap();
    let mut lines = sources.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (name_col, casing_col) = (col("corpus"), col("wire_casing"));
    let mut report = String::new();
    let mut failures = Vec::new();
    let mut checked = 0;
    for line in lines {
        let cells: Vec<&str> = line.split('\t').collect();
        let (name, wire_casing) = (cells[name_col], cells[casing_col]);
        let root = dir.join(name).join("docs/models");
        let out = generator::Config::new()
            .input(&root)
            .keep_going(true)
            .run()
            .unwrap_or_else(|e| panic!("{name}: {}", e.render(5)));
        let structs = out.summary.structs;
        let decision = &out.wire.decision;
        report.push_str(&format!(
            "{name:<24} {wire_casing:<12.12} {structs:>5} structs  {decision}\n"
        ));
        let Some(expected) = known(wire_casing) else {
            continue;
        };
        if structs == 0 {
            // Its docs are rejected wholesale for now (the ratchet in
            // tests/corpora-expected-failures.tsv): nothing to detect from yet.
            report.push_str(&format!(
                "{:<24} not checked: no struct generated yet\n",
                ""
            ));
            continue;
        }
        checked += 1;
        let caps = INITIALISMS
            .iter()
            .find(|(prefix, _)| name.starts_with(prefix))
            .map(|(_, caps)| *caps);
        let expected = match caps {
            Some(caps) => expected.with_initialisms(caps),
            None => expected,
        };
        if decision.casing != expected {
            failures.push(format!("{name}: expected {expected}, detected {decision}"));
        }
        if decision.basis != Basis::Docs {
            failures.push(format!(
                "{name}: expected the docs' evidence named, got {decision}"
            ));
        }
    }
    eprintln!("{report}");
    assert!(failures.is_empty(), "{}\n\n{report}", failures.join("\n"));
    assert!(
        checked > 0,
        "no tree with a known casing was checked\n{report}"
    );
}
