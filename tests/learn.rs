//! Learning keys from payloads, end to end: docs whose keys the rules cannot know
//! (`tests/fixtures/learn/*/models`), a few real-shaped responses to learn from
//! (`payloads/learned`) and others that were not (`payloads/other`). The code generated
//! with learning is checked in (`tests/snapshots/learn_*.rs`;
//! `UPDATE_SNAPSHOTS=1 cargo test --test learn`) and every payload goes through it.
//!
//! - `plex`: a media server that mixes casings: camelCase attributes with `ID`
//!   initialisms, PascalCase objects and lists (`MediaContainer`, `Metadata`), and a
//!   list named by its element (`Guid` for the docs' `guids`).
//! - `snake`: a billing API in snake_case, documented by a Go SDK (PascalCase names).

mod common;

mod plex {
    include!("snapshots/learn_plex.rs");
}

mod snake {
    include!("snapshots/learn_snake.rs");
}

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    common::repo().join("tests/fixtures/learn").join(name)
}

fn config(name: &str) -> generator::Config {
    let mut c = generator::Config::new();
    c.input(fixture(name).join("models"))
        .learn_from(fixture(name).join("payloads/learned"));
    c
}

fn payloads(name: &str, which: &str) -> Vec<(PathBuf, Value)> {
    let dir = fixture(name).join("payloads").join(which);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let v = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            (p, v)
        })
        .collect()
}

/// Reads `payload` as `T` and writes it back: the same JSON, key for key.
fn round_trip<T: DeserializeOwned + Serialize>(file: &Path, payload: &Value) {
    let value: T = serde_json::from_value(payload.clone())
        .unwrap_or_else(|e| panic!("{} does not read: {e}", file.display()));
    assert_eq!(
        serde_json::to_value(&value).unwrap(),
        *payload,
        "{} comes back different",
        file.display()
    );
}

#[test]
fn snapshots_match_the_generator() {
    for name in ["plex", "snake"] {
        let code = config(name).generate().unwrap();
        common::check_snapshot(&format!("tests/snapshots/learn_{name}.rs"), &code, "learn");
    }
}

#[test]
fn payloads_learned_from_round_trip_with_their_keys() {
    for (file, p) in payloads("plex", "learned") {
        round_trip::<plex::operations::GetLibraryItemsResponseBody>(&file, &p);
    }
    for (file, p) in payloads("snake", "learned") {
        round_trip::<Vec<snake::components::Customer>>(&file, &p);
    }
}

#[test]
fn other_payloads_follow_the_learned_casings() {
    // Fields these responses show and the learned ones did not (`viewCount`,
    // `Role`, `tax_exempt`, `footer`) are written in the casing the learned keys
    // follow, for objects and for the rest.
    for (file, p) in payloads("plex", "other") {
        round_trip::<plex::operations::GetLibraryItemsResponseBody>(&file, &p);
    }
    for (file, p) in payloads("snake", "other") {
        round_trip::<snake::components::Customer>(&file, &p);
    }
}

#[test]
fn without_learning_the_same_payloads_come_back_in_other_keys() {
    // What learning is for: the docs alone give camelCase everywhere.
    let out = generator::Config::new()
        .input(fixture("plex").join("models"))
        .run()
        .unwrap();
    let learned = config("plex").run().unwrap();
    assert_ne!(out.code, learned.code);
    assert_eq!(
        out.summary.wire_keys.as_deref(),
        Some("camelCase (no evidence in the docs; set --casing)")
    );
    assert_eq!(
        learned.summary.wire_keys.as_deref(),
        Some(
            "camelCase-initialisms, objects PascalCase (learned: 40 of 41 payload keys follow it)"
        )
    );
}

#[test]
fn the_learning_report_says_what_matched_and_what_did_not() {
    let out = config("plex").run().unwrap();
    let report = out.wire.learned.as_ref().unwrap();
    assert_eq!(report.payloads.len(), 1);
    let p = &report.payloads[0];
    assert_eq!(p.type_path, "operations::GetLibraryItemsResponseBody");
    assert!(!p.named);
    assert_eq!(p.declared, p.keys, "{report}");
    assert!(report.unknown_keys.is_empty(), "{report}");
    assert!(report.conflicts.is_empty(), "{report}");
    let snake = config("snake").run().unwrap();
    let report = snake.wire.learned.as_ref().unwrap();
    assert_eq!(report.payloads[0].elements, 2);
    assert_eq!(report.casing, Some(generator::Casing::Snake));
}

#[test]
fn the_printed_wire_names_file_generates_the_same_code() {
    let dir = common::scratch("learn-print");
    for name in ["plex", "snake"] {
        let out = config(name).run().unwrap();
        let text = out.wire.overrides_file(&out.model).unwrap();
        let file = dir.join(format!("{name}.toml"));
        std::fs::write(&file, &text).unwrap();
        let again = generator::Config::new()
            .input(fixture(name).join("models"))
            .wire_names(&file)
            .generate()
            .unwrap();
        assert!(
            again == out.code,
            "{name}: the printed file gives other code:\n{text}"
        );
    }
}
