//! Flavor independence: the Python and the Go doc of one model yield the same Rust
//! type, comments aside.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

fn items_of(dir: &Path) -> BTreeMap<String, String> {
    common::items(&common::generate(&[dir]))
}

/// The two flavor trees of `specs/` agree on every item except where the SDK
/// languages themselves carry different information: Go has `float32` but no
/// nullability, Python has nullability but one float type.
#[test]
fn python_and_go_specs_give_the_same_types() {
    let specs = common::repo().join("specs");
    let py = items_of(&specs.join("python"));
    let go = items_of(&specs.join("go"));
    assert_eq!(
        py.keys().collect::<Vec<_>>(),
        go.keys().collect::<Vec<_>>(),
        "same items in both flavors"
    );
    let differing: Vec<&String> = py.keys().filter(|k| py[*k] != go[*k]).collect();
    assert_eq!(
        differing,
        [
            // Python's reader of `OptionalNullable[int]` (below) is one more method.
            "__helpers::Fields < A > impl ",
            "models::components::LibraryItem",
            "models::components::LibraryItem impl super :: super :: __helpers :: FromMap < 'de >",
            "models::components::Measurement"
        ],
        "only the documented flavor differences remain"
    );
    let lib_py = &py["models::components::LibraryItem"];
    let lib_go = &go["models::components::LibraryItem"];
    assert!(lib_py
        .contains("pub edition_title : :: std :: option :: Option < :: std :: string :: String >"));
    assert!(lib_go.contains("pub edition_title : :: std :: string :: String"));
    // In the reader, the difference is Python's `OptionalNullable[int]`: there a
    // present `null` is kept as `Some(None)`.
    let reader = |items: &BTreeMap<String, String>| {
        items["models::components::LibraryItem impl super :: super :: __helpers :: FromMap < 'de >"]
            .replace(' ', "")
    };
    assert!(reader(&py).contains("__m.some_scalar(&mutskip_count,\"skipCount\")"));
    assert!(reader(&go).contains("__m.scalar(&mutskip_count,\"skipCount\")"));
    assert!(go["models::components::Measurement"].contains("f32"));
    assert!(!py["models::components::Measurement"].contains("f32"));
}

/// The seed model as the project received it: a Python doc, and a Go doc copied from
/// a web page (page text above the title, table padding lost). Both parse as they are
/// and produce the same Rust code.
#[test]
fn the_seed_docs_agree() {
    let Some(shared) = common::shared() else {
        eprintln!("../shared is absent: seed check skipped");
        return;
    };
    let seeds = shared.join("seeds");
    let mut trees = Vec::new();
    for (seed, flavor) in [
        ("000_e48865b4f972c433.txt", "python"),
        ("001_efc69ff4e5bf048d.txt", "go"),
    ] {
        let root = common::scratch(&format!("seed-{flavor}"));
        let ops = root.join("models").join("operations");
        std::fs::create_dir_all(&ops).unwrap();
        std::fs::copy(seeds.join(seed), ops.join("gettokenresponsebody.md")).unwrap();
        // The seed links to the location model, which the seeds do not include.
        std::fs::copy(
            common::repo().join(format!(
                "specs/{flavor}/models/operations/gettokenlocation.md"
            )),
            ops.join("gettokenlocation.md"),
        )
        .unwrap();
        trees.push(common::items(&common::generate(&[&root])));
    }
    assert_eq!(trees[0], trees[1]);
    let body = &trees[0]["models::operations::GetTokenResponseBody"];
    // Python labels the timestamps `date`; Go says time.Time; the API sends RFC 3339.
    assert!(body.contains("pub created_at : :: std :: option :: Option < :: chrono :: DateTime < :: chrono :: Utc > >"), "{body}");
    assert!(
        body.contains("pub id : :: std :: option :: Option < f64 >"),
        "{body}"
    );
    let writer = &trees[0]["models::operations::GetTokenResponseBody impl :: serde :: Serialize"];
    assert!(
        writer.contains("opt_entry (\"clientIdentifier\" , & self . client_identifier)"),
        "{writer}"
    );
}
