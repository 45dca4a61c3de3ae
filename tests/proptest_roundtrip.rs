//! Property-based round trips for the `specs/` types: random instances (drawn from
//! the model by a random choice sequence, so failures shrink towards the simplest
//! instance) -> JSON -> generated type -> JSON must give the same JSON back.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

// Only `check` is used here; the rest serves tests/roundtrip.rs.
#[allow(dead_code)]
mod harness {
    include!(concat!(env!("OUT_DIR"), "/roundtrip.rs"));
}

fn specs_model() -> generator::Model {
    let (model, _) = generator::Config::new()
        .input(concat!(env!("CARGO_MANIFEST_DIR"), "/specs"))
        .model()
        .expect("specs/ generate");
    model
}

#[test]
fn random_instances_of_every_specs_type_round_trip() {
    let model = specs_model();
    assert_eq!(
        model.types.len(),
        harness::TYPES.len(),
        "build.rs and this test see the same specs"
    );
    let cases = std::cell::Cell::new(0usize);
    for (id, t) in model.types.iter().enumerate() {
        let path = t.rust_path();
        let mut runner = TestRunner::new(Config {
            cases: 96,
            failure_persistence: None,
            ..Config::default()
        });
        let result = runner.run(&prop::collection::vec(any::<u16>(), 0..96), |choices| {
            let mut next = choices.into_iter();
            // An exhausted sequence picks the first choice: shrinking simplifies.
            let mut pick = |n: usize| next.next().map_or(0, |c| usize::from(c) % n.max(1));
            let value = generator::samples::random(&model, generator::ir::TypeId(id), &mut pick);
            cases.set(cases.get() + 1);
            harness::check(&path, "random", &value)
                .map(|_| ())
                .map_err(TestCaseError::fail)
        });
        if let Err(e) = result {
            panic!("{path}: {e}");
        }
    }
    let cases = cases.get();
    println!(
        "{cases} random instances of {} types round-tripped",
        model.types.len()
    );
    assert!(cases >= 96 * model.types.len());
}
