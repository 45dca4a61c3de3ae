//! The generated code for `specs/` is checked in, so a diff shows what a change does
//! to users. Update it with `UPDATE_SNAPSHOTS=1 cargo test --test snapshot`.

mod common;

#[test]
fn specs_output_matches_the_checked_in_snapshot() {
    let code = common::generate(&[&common::repo().join("specs")]);
    common::check_snapshot("tests/snapshots/specs.rs", &code, "snapshot");
}

/// The crate build.rs produces holds exactly the snapshot: build.rs and the CLI
/// share one pipeline. (A `keep-unknown` feature changes what build.rs produces.)
#[cfg(not(any(feature = "keep-unknown", feature = "keep-unknown-text")))]
#[test]
fn build_script_output_is_the_snapshot() {
    let built = std::fs::read_to_string(concat!(env!("OUT_DIR"), "/generated.rs"));
    if let Ok(built) = built {
        if std::env::var_os("SPECS_DIR").is_none() {
            let snap =
                std::fs::read_to_string(common::repo().join("tests/snapshots/specs.rs")).unwrap();
            assert_eq!(built, snap);
        }
    }
}

/// Same docs, same bytes: whatever the order inputs are given in and wherever the
/// folder lives.
#[test]
fn output_is_deterministic() {
    let specs = common::repo().join("specs");
    let a = common::generate(&[&specs]);
    let b = common::generate(&[&specs]);
    assert_eq!(a, b);
    let copy = common::scratch("determinism")
        .join("elsewhere")
        .join("specs");
    copy_tree(&specs, &copy);
    assert_eq!(common::generate(&[&copy]), a);
    // Two inputs given in either order produce the same modules in the same order.
    let py = specs.join("python");
    let go = specs.join("go");
    assert_eq!(common::generate(&[&py, &go]), common::generate(&[&go, &py]));
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}
