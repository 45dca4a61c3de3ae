//! Unions and constants, on hand-written docs in three flavors under
//! `tests/fixtures/unions/models/{py,go,ts}`: every union with and without a deciding
//! field, one realistic payload per member, asserting which member was chosen (not
//! only that the payload round-trips); constants accept their value and refuse others
//! with a clear message.
//!
//! The generated code is checked in as `tests/snapshots/unions.rs` and compiled into
//! this test (`mod gen`). Update it with `UPDATE_SNAPSHOTS=1 cargo test --test unions`.

mod common;

// The whole API of each type is emitted; these tests use part of it.
#[allow(dead_code)]
mod gen {
    include!("snapshots/unions.rs");
}

use gen::{go, py, ts};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

fn fixtures() -> std::path::PathBuf {
    common::repo().join("tests/fixtures/unions/models")
}

/// Reads `v` as a `T` (from its text, as a client would), writes it back, and checks
/// the JSON is the same: nothing dropped, nothing added.
fn read<T: DeserializeOwned + Serialize>(v: Value) -> T {
    let t: T = serde_json::from_str(&v.to_string())
        .unwrap_or_else(|e| panic!("{v} must read as {}: {e}", std::any::type_name::<T>()));
    assert_eq!(
        serde_json::to_value(&t).unwrap(),
        v,
        "written back unchanged"
    );
    t
}

fn refusal<T: DeserializeOwned + std::fmt::Debug>(v: Value) -> String {
    serde_json::from_str::<T>(&v.to_string())
        .expect_err("must be refused")
        .to_string()
}

#[test]
fn fixture_output_matches_the_checked_in_snapshot() {
    let out = generator::Config::new().input(fixtures()).run().unwrap();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert_eq!(out.summary.cell_types, 13);
    common::check_snapshot("tests/snapshots/unions.rs", &out.code, "unions");
}

// ---------------------------------------------------------------------------------
// Deciding fields

#[test]
fn python_constants_decide_the_member_whatever_the_order() {
    let dog = read::<py::Pet>(json!({"type": "dog", "name": "Rex", "lives": 1}));
    assert_eq!(dog.member(), "Dog");
    let py::Pet::Dog(d) = dog else { panic!() };
    assert_eq!(d.name, "Rex");
    let cat = read::<py::Pet>(json!({"name": "Tom", "type": "cat"}));
    assert_eq!(cat.member(), "Cat");
    let err = refusal::<py::Pet>(json!({"type": "bird", "name": "Tweety"}));
    assert!(err.starts_with("no member of Pet matched: "), "{err}");
    assert!(
        err.contains(r#"as Cat: `type` is "bird", expected "cat""#),
        "{err}"
    );
    assert!(
        err.contains(r#"as Dog: `type` is "bird", expected "dog""#),
        "{err}"
    );
}

#[test]
fn go_one_value_enums_decide_inside_a_union_and_stay_open_outside() {
    let llm = read::<go::UnitCost>(json!({"type": "llm", "amount": 0.5}));
    assert_eq!(llm.member(), "LlmUnitCost");
    let manual = read::<go::UnitCost>(json!({"type": "manual"}));
    assert_eq!(manual.member(), "ManualUnitCost");
    // Outside the union the enum keeps a value it does not know.
    let alone = read::<go::LlmUnitCost>(json!({"type": "batch"}));
    assert_eq!(
        alone.r#type,
        go::LlmUnitCostType::Unknown("batch".to_string())
    );
    let err = refusal::<go::UnitCost>(json!({"type": "batch"}));
    assert!(err.contains(r#"expected "llm""#), "{err}");
}

#[test]
fn the_field_union_discrimination_names_decides_with_every_known_value() {
    // The enums have two values each: only the section makes `type` decide.
    for (payload, member) in [
        (json!({"type": "find", "query": "q"}), "SearchAction"),
        (json!({"type": "search"}), "SearchAction"),
        (json!({"type": "launch", "query": "q"}), "OpenAction"),
        (json!({"type": "open"}), "OpenAction"),
    ] {
        assert_eq!(
            read::<go::Action>(payload.clone()).member(),
            member,
            "{payload}"
        );
    }
}

#[test]
fn typescript_constants_decide_a_union_written_in_a_cell() {
    let f = read::<ts::Firewall>(json!({"rule": {"type": "path", "value": "/api"}}));
    assert_eq!(f.rule.member(), "PathRule");
    let f = read::<ts::Firewall>(
        json!({"rule": {"type": "host", "value": "a.com", "limited": true}, "limit": 5}),
    );
    assert_eq!(f.rule.member(), "HostRule");
    assert_eq!(f.limit.as_ref().map(|l| l.member()), Some("Number"));
    let f = read::<ts::Firewall>(json!({"rule": {"type": "host", "value": "a"}, "limit": "5/s"}));
    assert_eq!(f.limit.map(|l| l.member()), Some("Str"));
}

// ---------------------------------------------------------------------------------
// No deciding field: keys, then JSON kinds

#[test]
fn the_route_case_keeps_the_keys_only_the_second_member_declares() {
    let plain = read::<py::Route>(json!({"path": "/a", "methods": ["GET"]}));
    assert_eq!(plain.member(), "PathRoute");
    // The first member would read this too, dropping `expression` and `priority`.
    let v = json!({"path": "/a", "methods": ["GET"], "expression": "x > 1", "priority": 3});
    let expr = read::<py::Route>(v);
    let py::Route::ExpressionRoute(r) = expr else {
        panic!("{expr:?}")
    };
    assert_eq!(
        (r.expression.as_deref(), r.priority),
        (Some("x > 1"), Some(3))
    );
}

#[test]
fn scalars_are_told_apart_by_their_json_kind() {
    assert_eq!(read::<py::SettingValue>(json!("on")).member(), "Str");
    assert_eq!(read::<py::SettingValue>(json!(25)).member(), "Integer");
    let err = refusal::<py::SettingValue>(json!(true));
    assert!(
        err.starts_with("no member of SettingValue matched: "),
        "{err}"
    );
    assert!(
        err.contains("as Integer: ") && err.contains("as Str: "),
        "{err}"
    );
    for (v, member) in [
        (json!(true), "Boolean"),
        (json!(7), "Integer"),
        (json!("x"), "Str"),
    ] {
        let s = read::<py::Setting>(json!({"kind": "setting", "value": v, "version": 2}));
        assert_eq!(s.value.member(), member);
    }
}

#[test]
fn members_convert_into_their_union() {
    let pet: py::Pet = py::Dog {
        name: "Rex".into(),
        ..Default::default()
    }
    .into();
    assert_eq!(
        serde_json::to_value(&pet).unwrap(),
        json!({"type": "dog", "name": "Rex"})
    );
    let v: py::SettingValue = 5i64.into();
    assert_eq!(v, py::SettingValue::Integer(5));
}

// ---------------------------------------------------------------------------------
// Constants

#[test]
fn constants_write_their_value_and_refuse_any_other() {
    let s = read::<py::Setting>(json!({
        "kind": "setting", "value": "x", "mode": "slow", "enabled": true, "cleared": null,
        "version": 2
    }));
    assert_eq!(s.mode, Some(py::SettingMode::Slow));
    assert_eq!(s.cleared, Some(None));
    let base = json!({"kind": "setting", "value": "x", "version": 2});
    for (key, bad, want) in [
        (
            "kind",
            json!("other"),
            r#"invalid value: string "other", expected "setting""#,
        ),
        (
            "version",
            json!(3),
            "invalid value: integer `3`, expected 2",
        ),
        (
            "enabled",
            json!(false),
            "invalid value: boolean `false`, expected true",
        ),
        ("mode", json!("medium"), r#"expected "fast" or "slow""#),
    ] {
        let mut v = base.clone();
        v[key] = bad;
        let err = refusal::<py::Setting>(v);
        assert!(err.contains(want), "{key}: {err}");
    }
    // The value is the default, so a body can be built without spelling it.
    let built = py::Setting {
        value: "x".to_string().into(),
        mode: None,
        enabled: None,
        cleared: None,
        kind: Default::default(),
        version: Default::default(),
    };
    assert_eq!(serde_json::to_value(&built).unwrap(), base);
    let rule = ts::HostRule {
        value: "a.com".into(),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&rule).unwrap(),
        json!({"type": "host", "value": "a.com"})
    );
}
