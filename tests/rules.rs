//! One test per generation rule, on small docs written for the purpose under
//! `tests/fixtures/rules/models/<category>/`, one category per rule (and per flavor where
//! the rule depends on it).
//!
//! The code generated from those docs is checked in as `tests/snapshots/rules.rs` and
//! compiled into this test (`mod gen`), so the runtime tests below push JSON through the
//! real generated types. Update the snapshot with
//! `UPDATE_SNAPSHOTS=1 cargo test --test rules`.

mod common;

// The whole API of each type is emitted; these tests use part of it.
#[allow(dead_code)]
mod gen {
    include!("snapshots/rules.rs");
}

use gen::models::{
    dates, deprecated, docs, enums_go, enums_py, floats, freeform, naming, nullable, recursion,
    skipped, unions_go, unions_py,
};
use generator::SkipReason;
use quote::ToTokens;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;

// ---------------------------------------------------------------------------------
// Helpers

fn fixtures() -> PathBuf {
    common::repo().join("tests/fixtures/rules")
}

fn snapshot_path() -> PathBuf {
    common::repo().join("tests/snapshots/rules.rs")
}

/// The checked-in generated code (what `mod gen` compiles).
fn snapshot() -> String {
    std::fs::read_to_string(snapshot_path()).expect("tests/snapshots/rules.rs exists")
}

/// Deserializes `v` as `T`, panicking with serde's message.
fn de<T: DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v.clone()).unwrap_or_else(|e| {
        panic!(
            "{v} must deserialize as {}: {e}",
            std::any::type_name::<T>()
        )
    })
}

/// Whether `v` is rejected as a `T`.
fn rejects<T: DeserializeOwned>(v: Value) -> bool {
    serde_json::from_value::<T>(v).is_err()
}

fn ser<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).expect("generated types serialize")
}

/// Deserializes `v`, checks that it serializes back to exactly `v`, and returns it.
fn round_trip<T: DeserializeOwned + Serialize>(v: Value) -> T {
    let t: T = de(v.clone());
    assert_eq!(ser(&t), v, "round trip of {}", std::any::type_name::<T>());
    t
}

/// The item at `path` (`models::naming::Uses`) of the snapshot.
fn item(file: syn::File, path: &str) -> syn::Item {
    let mut items = file.items;
    let parts: Vec<&str> = path.split("::").collect();
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        let found = items
            .into_iter()
            .find(|it| match it {
                syn::Item::Mod(m) if !last => m.ident == part,
                syn::Item::Struct(s) if last => s.ident == part,
                syn::Item::Enum(e) if last => e.ident == part,
                _ => false,
            })
            .unwrap_or_else(|| panic!("no item {path} in the snapshot"));
        if last {
            return found;
        }
        let syn::Item::Mod(m) = found else {
            unreachable!()
        };
        items = m.content.expect("inline module").1;
    }
    unreachable!()
}

fn parsed() -> syn::File {
    syn::parse_file(&snapshot()).expect("snapshot parses")
}

fn strukt(path: &str) -> syn::ItemStruct {
    match item(parsed(), path) {
        syn::Item::Struct(s) => s,
        _ => panic!("{path} is not a struct"),
    }
}

fn enumeration(path: &str) -> syn::ItemEnum {
    match item(parsed(), path) {
        syn::Item::Enum(e) => e,
        _ => panic!("{path} is not an enum"),
    }
}

fn field(path: &str, name: &str) -> syn::Field {
    strukt(path)
        .fields
        .into_iter()
        .find(|f| f.ident.as_ref().is_some_and(|i| i == name))
        .unwrap_or_else(|| panic!("{path} has no field {name}"))
}

/// A field's type as compact token text: `::std::option::Option<::std::boxed::Box<X>>`.
fn field_ty(path: &str, name: &str) -> String {
    compact(&field(path, name).ty.to_token_stream().to_string())
}

/// Token text without spaces, and without the trailing commas prettyplease leaves in
/// long generic argument lists.
fn compact(tokens: &str) -> String {
    tokens.replace(' ', "").replace(",>", ">")
}

/// Field names of a struct, as written (`r#type`, `self_`).
fn field_names(path: &str) -> Vec<String> {
    strukt(path)
        .fields
        .iter()
        .map(|f| f.ident.as_ref().unwrap().to_string())
        .collect()
}

/// Variant names of an enum.
fn variant_names(path: &str) -> Vec<String> {
    enumeration(path)
        .variants
        .iter()
        .map(|v| v.ident.to_string())
        .collect()
}

/// The doc comment text of a set of attributes, lines joined with `\n`, each without
/// the single leading space `///` adds.
fn doc_text(attrs: &[syn::Attribute]) -> String {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .map(|a| match &a.meta {
            syn::Meta::NameValue(syn::MetaNameValue {
                value:
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }),
                ..
            }) => {
                let s = s.value();
                s.strip_prefix(' ').unwrap_or(&s).to_string()
            }
            _ => panic!("doc attribute that is not a string"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn field_doc(path: &str, name: &str) -> String {
    doc_text(&field(path, name).attrs)
}

/// The `#[serde(...)]` and other non-doc attributes of a field, as compact text.
fn field_attrs(path: &str, name: &str) -> String {
    field(path, name)
        .attrs
        .iter()
        .filter(|a| !a.path().is_ident("doc"))
        .map(|a| compact(&a.to_token_stream().to_string()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Items of the snapshot, keyed by path, without doc comments (see `common::items`).
fn items() -> BTreeMap<String, String> {
    common::items(&snapshot())
}

// ---------------------------------------------------------------------------------
// The snapshot

/// The generated code for the fixtures is checked in, so a diff shows what a change
/// does to every rule, and the runtime tests below use exactly that code.
#[test]
fn fixture_output_matches_the_checked_in_snapshot() {
    let code = common::generate(&[&fixtures()]);
    common::check_snapshot("tests/snapshots/rules.rs", &code, "rules");
}

/// The fixtures generate without errors; the only warnings are the collisions the
/// naming fixtures provoke on purpose.
#[test]
fn fixtures_generate_with_only_the_expected_warnings() {
    let out = generator::Config::new()
        .input(fixtures())
        .run()
        .unwrap_or_else(|e| panic!("generation failed:\n{e}"));
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let mut warned: Vec<String> = out
        .warnings
        .iter()
        .map(|w| {
            let file = w.file.file_name().unwrap().to_string_lossy().into_owned();
            format!("{file}: {}", w.message)
        })
        .collect();
    warned.sort();
    assert_eq!(
        warned,
        [
            "keyword.md: member name collides with another as `Http2`; emitted as `Http22`",
            "mediainfo.md: another doc in this folder is also named `MediaInfo`; this one is emitted as `MediaInfo2`",
        ]
    );
}

// ---------------------------------------------------------------------------------
// 1. Enums (`## Values`)

/// Go's type-prefixed member names (`MediaKindApplicationJSON`, `PriorityMinus1`) and
/// Python's UPPER_SNAKE ones (`APPLICATION_JSON`, `MINUS_1`) give the same Rust enum.
#[test]
fn enum_go_and_python_member_names_give_the_same_variants() {
    let items = items();
    for name in ["MediaKind", "Priority"] {
        let go = &items[&format!("models::enums_go::{name}")];
        let py = &items[&format!("models::enums_py::{name}")];
        assert_eq!(go, py, "{name}");
    }
    assert_eq!(
        variant_names("models::enums_go::MediaKind"),
        [
            "Movie",
            "TvShow",
            "ApplicationJson",
            "ClearLogo",
            "SegmentsAv",
            "Unknown"
        ]
    );
    assert_eq!(
        variant_names("models::enums_py::Priority"),
        ["Minus1", "Zero", "One", "FortyTwo", "Unknown"]
    );
}

/// Wire values are kept exactly: spaces, `/`, `-` and camelCase, in both directions.
#[test]
fn enum_wire_values_are_kept_exactly() {
    use enums_go::MediaKind as Go;
    use enums_py::MediaKind as Py;
    let cases = [
        (Go::Movie, Py::Movie, "movie"),
        (Go::TvShow, Py::TvShow, "tv show"),
        (Go::ApplicationJson, Py::ApplicationJson, "application/json"),
        (Go::ClearLogo, Py::ClearLogo, "clearLogo"),
        (Go::SegmentsAv, Py::SegmentsAv, "segments-av"),
    ];
    for (go, py, wire) in cases {
        assert_eq!(go.as_str(), wire);
        assert_eq!(py.as_str(), wire);
        assert_eq!(ser(&go), json!(wire));
        assert_eq!(ser(&py), json!(wire));
        assert_eq!(de::<Go>(json!(wire)), go);
        assert_eq!(de::<Py>(json!(wire)), py);
    }
}

/// A value the docs do not list lands in `Unknown` with the raw value and is written
/// back unchanged; matching is exact (no case folding).
#[test]
fn enum_unknown_string_value_is_kept_and_written_back() {
    for raw in ["documentary", "Movie", "", "tv  show"] {
        let v: enums_py::MediaKind = round_trip(json!(raw));
        assert_eq!(v, enums_py::MediaKind::Unknown(raw.to_string()));
        assert_eq!(v.as_str(), raw);
        let v: enums_go::MediaKind = round_trip(json!(raw));
        assert_eq!(v, enums_go::MediaKind::Unknown(raw.to_string()));
    }
    assert!(rejects::<enums_py::MediaKind>(json!(1)));
    assert!(rejects::<enums_py::MediaKind>(json!(null)));
}

/// An enum value is matched without copying it when the text lends it; the value
/// arrives borrowed (plain text), unescaped into a scratch buffer (escapes) or
/// streamed (a reader), and each way reads the same variant.
#[test]
fn enum_values_read_the_same_from_text_escapes_and_readers() {
    use enums_py::MediaKind;
    let cases = [
        (r#""segments-av""#, MediaKind::SegmentsAv),
        (r#""segments\u002dav""#, MediaKind::SegmentsAv),
        (r#""application\/json""#, MediaKind::ApplicationJson),
        (
            r#""doc\u00fcmentary""#,
            MediaKind::Unknown("docümentary".into()),
        ),
        (r#""clip""#, MediaKind::Unknown("clip".into())),
    ];
    for (text, want) in cases {
        let from_str: MediaKind = serde_json::from_str(text).unwrap();
        assert_eq!(from_str, want, "{text} from a str");
        let from_reader: MediaKind = serde_json::from_reader(text.as_bytes()).unwrap();
        assert_eq!(from_reader, want, "{text} from a reader");
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(de::<MediaKind>(value), want, "{text} from a Value");
    }
    // Formats that hand strings over as UTF-8 bytes read the same, as `String` does.
    use serde::de::value::{BorrowedBytesDeserializer, BytesDeserializer, Error};
    use serde::Deserialize;
    let bytes = |b: &[u8]| MediaKind::deserialize(BytesDeserializer::<Error>::new(b));
    assert_eq!(bytes(b"segments-av").unwrap(), MediaKind::SegmentsAv);
    assert_eq!(bytes(b"clip").unwrap(), MediaKind::Unknown("clip".into()));
    let borrowed = MediaKind::deserialize(BorrowedBytesDeserializer::<Error>::new(b"movie"));
    assert_eq!(borrowed.unwrap(), MediaKind::Movie);
    let bad = bytes(b"\xff").unwrap_err().to_string();
    let like_string = String::deserialize(BytesDeserializer::<Error>::new(b"\xff"))
        .unwrap_err()
        .to_string();
    assert_eq!(bad, like_string);

    let err = serde_json::from_str::<MediaKind>("7").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid type: integer `7`, expected a string at line 1 column 1"
    );
}

/// An enum whose values are all integers stays a number on the wire, negative values
/// included; unknown numbers are kept; strings are not numbers.
#[test]
fn integer_enum_stays_a_number_on_the_wire() {
    use enums_py::Priority;
    for (v, wire) in [
        (Priority::Minus1, -1),
        (Priority::Zero, 0),
        (Priority::One, 1),
        (Priority::FortyTwo, 42),
    ] {
        assert_eq!(v.value(), wire);
        assert_eq!(ser(&v), json!(wire));
        assert_eq!(de::<Priority>(json!(wire)), v);
    }
    let unknown: Priority = round_trip(json!(7));
    assert_eq!(unknown, Priority::Unknown(7));
    let unknown: Priority = round_trip(json!(-9_000_000_000_i64));
    assert_eq!(unknown.value(), -9_000_000_000);
    assert!(rejects::<Priority>(json!("1")));
    assert!(rejects::<enums_go::Priority>(json!("42")));
    assert_eq!(
        de::<enums_go::Priority>(json!(42)),
        enums_go::Priority::FortyTwo
    );
}

/// Every enum lists its values, shows them as sent and parses them back, in both
/// flavors; text no listed value matches lands in the catch-all, whatever its name.
#[test]
fn enum_values_convert_from_and_to_text() {
    use enums_py::{MediaKind, Priority, SyncState};
    let listed: Vec<String> = MediaKind::VARIANTS.iter().map(|v| v.to_string()).collect();
    assert_eq!(
        listed,
        [
            "movie",
            "tv show",
            "application/json",
            "clearLogo",
            "segments-av"
        ]
    );
    let go_listed: Vec<String> = enums_go::MediaKind::VARIANTS
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(go_listed, listed);
    for v in MediaKind::VARIANTS {
        assert_eq!(v.as_str().parse::<MediaKind>(), Ok(v.clone()));
        assert_eq!(MediaKind::from(v.as_str()), *v);
        assert_eq!(MediaKind::from(v.to_string()), *v);
    }
    let parsed: Result<MediaKind, std::convert::Infallible> = "TV Show".parse();
    assert_eq!(parsed, Ok(MediaKind::Unknown("TV Show".into())));
    assert_eq!(SyncState::from("unknown"), SyncState::Unknown);
    assert_eq!(
        SyncState::from("pending"),
        SyncState::UnknownValue("pending".into())
    );
    assert_eq!(SyncState::VARIANTS, [SyncState::Unknown, SyncState::Done]);
    let numbers: Vec<i64> = Priority::VARIANTS.iter().map(Priority::value).collect();
    assert_eq!(numbers, [-1, 0, 1, 42]);
    for v in Priority::VARIANTS {
        assert_eq!(v.to_string().parse::<Priority>(), Ok(*v));
        assert_eq!(Priority::from(v.value()), *v);
    }
    assert_eq!("-7".parse::<Priority>(), Ok(Priority::Unknown(-7)));
    assert_eq!(Priority::Unknown(-7).to_string(), "-7");
    let err = "urgent".parse::<Priority>().unwrap_err();
    assert_eq!(err, "x".parse::<i64>().unwrap_err());
}

/// A member named `UNKNOWN` keeps its name; the catch-all moves to `UnknownValue`.
#[test]
fn enum_member_named_unknown_moves_the_catch_all() {
    use enums_py::SyncState;
    assert_eq!(de::<SyncState>(json!("unknown")), SyncState::Unknown);
    let other: SyncState = round_trip(json!("pending"));
    assert_eq!(other, SyncState::UnknownValue("pending".into()));
}

/// Enums in fields, optional fields and lists, known and unknown values mixed.
#[test]
fn enums_inside_a_struct_round_trip() {
    let t: enums_py::Ticket = round_trip(json!({
        "kind": "clearLogo",
        "priority": -1,
        "history": [0, 42, 5]
    }));
    assert_eq!(t.kind, enums_py::MediaKind::ClearLogo);
    assert_eq!(t.priority, Some(enums_py::Priority::Minus1));
    assert_eq!(
        t.history.unwrap(),
        [
            enums_py::Priority::Zero,
            enums_py::Priority::FortyTwo,
            enums_py::Priority::Unknown(5)
        ]
    );
}

// ---------------------------------------------------------------------------------
// 2. Unions (`## Supported Types`): member order decides which member serde picks.
// Every fixture lists the general member first, so only the generator's ordering can
// make the specific one win.

/// Integers before floats: `5` is an integer (and stays `5`), `5.5` a number.
#[test]
fn union_integers_before_floats() {
    assert_eq!(
        round_trip::<unions_py::Amount>(json!(5)),
        unions_py::Amount::Integer(5)
    );
    assert_eq!(
        round_trip::<unions_py::Amount>(json!(-5)),
        unions_py::Amount::Integer(-5)
    );
    assert_eq!(
        round_trip::<unions_py::Amount>(json!(5.5)),
        unions_py::Amount::Number(5.5)
    );
    assert_eq!(
        round_trip::<unions_go::Amount>(json!(5)),
        unions_go::Amount::Integer(5)
    );
    assert_eq!(
        round_trip::<unions_go::Amount>(json!(5.5)),
        unions_go::Amount::Number(5.5)
    );
    // Beyond i64, a number is a float.
    assert!(matches!(
        de::<unions_py::Amount>(json!(u64::MAX)),
        unions_py::Amount::Number(_)
    ));
    assert!(rejects::<unions_py::Amount>(json!("5")));
}

/// Booleans before `Any`: `true` is a boolean, not an opaque value.
#[test]
fn union_bool_before_any() {
    assert_eq!(
        round_trip::<unions_py::Flag>(json!(true)),
        unions_py::Flag::Boolean(true)
    );
    assert_eq!(
        round_trip::<unions_go::Flag>(json!(false)),
        unions_go::Flag::Boolean(false)
    );
    assert_eq!(
        round_trip::<unions_py::Flag>(json!("yes")),
        unions_py::Flag::Any(json!("yes"))
    );
    assert_eq!(
        round_trip::<unions_py::Flag>(json!(null)),
        unions_py::Flag::Any(json!(null))
    );
}

/// Structs before maps: an object with the struct's keys is the struct; any other
/// object is the map.
#[test]
fn union_struct_before_map() {
    assert_eq!(
        round_trip::<unions_py::Shape>(json!({"x": 1, "y": 2})),
        unions_py::Shape::Point(unions_py::Point { x: 1, y: 2 })
    );
    assert_eq!(
        round_trip::<unions_go::Shape>(json!({"x": 1, "y": 2})),
        unions_go::Shape::Point(unions_go::Point { x: 1, y: 2 })
    );
    let other: unions_py::Shape = round_trip(json!({"x": 1, "z": 3}));
    assert!(matches!(other, unions_py::Shape::MapOfAny(ref m) if m.len() == 2));
}

/// Lists before structs: serde's derived structs also accept an array of their field
/// values, so a struct member tried first turns `[1, 2]` into `{"x": 1, "y": 2}`.
#[test]
fn union_array_is_never_read_as_a_struct() {
    assert_eq!(
        round_trip::<unions_py::Path>(json!([1, 2])),
        unions_py::Path::ArrayOfInteger(vec![1, 2])
    );
    assert_eq!(
        round_trip::<unions_py::Path>(json!({"x": 1, "y": 2})),
        unions_py::Path::Point(unions_py::Point { x: 1, y: 2 })
    );
}

/// Booleans and numbers before strings, listed after `str` in both flavors: a JSON
/// boolean or number is never a string, and a string that looks like one stays a
/// string.
#[test]
fn union_bool_and_number_before_string() {
    use unions_py::Scalar;
    assert_eq!(round_trip::<Scalar>(json!(true)), Scalar::Boolean(true));
    assert_eq!(round_trip::<Scalar>(json!(1.5)), Scalar::Number(1.5));
    assert_eq!(round_trip::<Scalar>(json!(2)), Scalar::Number(2.0));
    assert_eq!(
        round_trip::<Scalar>(json!("true")),
        Scalar::Str("true".into())
    );
    assert_eq!(
        round_trip::<Scalar>(json!("1.5")),
        Scalar::Str("1.5".into())
    );
    assert_eq!(
        round_trip::<unions_go::Scalar>(json!(false)),
        unions_go::Scalar::Boolean(false)
    );
    assert_eq!(
        variant_names("models::unions_go::Scalar"),
        ["Boolean", "Number", "Str"]
    );
    assert!(rejects::<Scalar>(json!(null)));
}

/// Structs before `Any`.
#[test]
fn union_struct_before_any() {
    assert_eq!(
        de::<unions_py::Loose>(json!({"x": 1, "y": 2})),
        unions_py::Loose::Point(unions_py::Point { x: 1, y: 2 })
    );
    assert_eq!(
        round_trip::<unions_py::Loose>(json!({"x": "1", "y": 2})),
        unions_py::Loose::Any(json!({"x": "1", "y": 2}))
    );
}

/// Enums before strings: a listed value is the enum member.
///
/// An unlisted string goes to the `Str` member: a union tries a member that knows
/// the value before one that reads any string, and an open enum's catch-all after
/// both. Either way the value is written back unchanged.
#[test]
fn union_enum_before_string() {
    assert_eq!(
        round_trip::<unions_py::Label>(json!("red")),
        unions_py::Label::Color(unions_py::Color::Red)
    );
    assert_eq!(
        round_trip::<unions_go::Label>(json!("green")),
        unions_go::Label::Color(unions_go::Color::Green)
    );
    assert_eq!(
        round_trip::<unions_py::Label>(json!("blue")),
        unions_py::Label::Str("blue".into())
    );
    assert_eq!(ser(&unions_py::Label::Str("blue".into())), json!("blue"));
}

/// Lists before `Any`: an array of the member's element type is the list; an array
/// of other elements falls through to `Any`.
#[test]
fn union_list_before_any() {
    assert_eq!(
        round_trip::<unions_py::Items>(json!(["a", "b"])),
        unions_py::Items::ArrayOfStr(vec!["a".into(), "b".into()])
    );
    assert_eq!(
        round_trip::<unions_go::Items>(json!([])),
        unions_go::Items::ArrayOfStr(vec![])
    );
    assert_eq!(
        round_trip::<unions_py::Items>(json!([1, 2])),
        unions_py::Items::Any(json!([1, 2]))
    );
    assert_eq!(
        round_trip::<unions_py::Items>(json!({})),
        unions_py::Items::Any(json!({}))
    );
}

/// Dates and timestamps before strings (Go, whose union notation has both): RFC 3339
/// dates and timestamps are typed, other strings stay strings.
#[test]
fn union_dates_and_timestamps_before_strings() {
    use chrono::{NaiveDate, TimeZone, Utc};
    assert_eq!(
        round_trip::<unions_go::Stamp>(json!("2024-01-02")),
        unions_go::Stamp::Date(NaiveDate::from_ymd_opt(2024, 1, 2).unwrap())
    );
    assert_eq!(
        round_trip::<unions_go::Stamp>(json!("2024-01-02T03:04:05Z")),
        unions_go::Stamp::DateTime(Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap())
    );
    assert_eq!(
        round_trip::<unions_go::Stamp>(json!("tomorrow")),
        unions_go::Stamp::Str("tomorrow".into())
    );
}

/// The order is fixed by the member types, not by the doc or its flavor: the Go and
/// Python docs of each union give the same enum.
#[test]
fn union_go_and_python_docs_give_the_same_enum() {
    let items = items();
    for name in [
        "Amount", "Flag", "Shape", "Label", "Items", "Point", "Color",
    ] {
        let go = &items[&format!("models::unions_go::{name}")];
        let py = &items[&format!("models::unions_py::{name}")];
        assert_eq!(go, py, "{name}");
    }
    assert_eq!(
        variant_names("models::unions_py::Shape"),
        ["Point", "MapOfAny"]
    );
}

/// Integer lists before float lists: `[1, 2]` is a list of integers and is written back
/// as `[1, 2]`.
#[test]
fn union_integer_list_before_float_list() {
    assert_eq!(
        de::<unions_py::Numbers>(json!([1, 2])),
        unions_py::Numbers::ArrayOfInteger(vec![1, 2])
    );
    assert_eq!(ser(&de::<unions_py::Numbers>(json!([1, 2]))), json!([1, 2]));
    assert_eq!(
        de::<unions_py::Numbers>(json!([1.5])),
        unions_py::Numbers::ArrayOfNumber(vec![1.5])
    );
    // A float list that also holds integral values keeps them integral.
    let mixed: unions_py::Numbers = round_trip(json!([1.5, 2, -3]));
    assert_eq!(
        mixed,
        unions_py::Numbers::ArrayOfNumber(vec![1.5, 2.0, -3.0])
    );
}

/// Floats inside lists, maps, nullable elements and nested lists are written the way
/// APIs send them, as bare floats are: `1800` stays `1800`, `1.5` stays `1.5`.
#[test]
fn floats_inside_containers_come_back_as_sent() {
    let full = json!({
        "points": [1800, 1.5, -3, 0, 0.25],
        "weights": {"left": 2, "right": 0.75},
        "gaps": [1, null, 2.5],
        "grid": [[1, 2.5], [], [-0.5, 4]],
        "scale": 3,
        "count": [1, 2]
    });
    let py: floats::SeriesPy = round_trip(full);
    assert_eq!(py.points, [1800.0, 1.5, -3.0, 0.0, 0.25]);
    assert_eq!(py.gaps, Some(vec![Some(1.0), None, Some(2.5)]));
    // Absent and null stay apart for the nullable grid, as for any OptionalNullable.
    let null_grid: floats::SeriesPy = round_trip(json!({"points": [], "grid": null, "scale": 0.5}));
    assert_eq!(null_grid.grid, Some(None));
    let no_grid: floats::SeriesPy = round_trip(json!({"points": [7], "scale": 1}));
    assert_eq!(no_grid.grid, None);

    // Go flavor: float32 map values, and float-valued extra keys kept and written back.
    let go: floats::SeriesGo = round_trip(json!({
        "points": [2, 2.5],
        "weights": {"a": 1, "b": 0.5},
        "humidity": 40,
        "dewPoint": 11.5
    }));
    assert_eq!(go.additional_properties.get("humidity"), Some(&40.0));
    assert_eq!(go.weights.as_ref().and_then(|w| w.get("a")), Some(&1.0f32));

    // Single-precision values come back in single precision: `7.9`, not the
    // `7.900000095367432` an `f32` widened to `f64` prints.
    let go: floats::SeriesGo = round_trip(json!({
        "points": [0.1],
        "weights": {"a": 7.9, "b": 0.1, "c": 16777216, "d": -2.5e-7},
        "score": 7.9
    }));
    assert_eq!(go.score, Some(7.9f32));
    let text = serde_json::to_string(&go).unwrap();
    assert!(text.contains(r#""score":7.9"#), "{text}");
    assert!(
        text.contains(r#""a":7.9,"b":0.1,"c":16777216,"d":-2.5e-7"#),
        "{text}"
    );

    // Union members: a float, a float list, a map of float lists.
    for v in [
        json!(3),
        json!(2.5),
        json!([1, 2.5]),
        json!({"a": [1, 2], "b": [0.5]}),
    ] {
        let _: floats::Reading = round_trip(v);
    }
}

/// A struct whose required keys include another member struct's is more specific and
/// goes first: an object with every `Detail` key is a `Detail`, not a `Summary` that
/// drops `name`.
#[test]
fn union_struct_with_more_required_keys_first() {
    let v = json!({"id": 1, "name": "x"});
    assert_eq!(
        de::<unions_py::Entity>(v.clone()),
        unions_py::Entity::Detail(unions_py::Detail {
            id: 1,
            name: "x".into()
        })
    );
    assert_eq!(ser(&de::<unions_py::Entity>(v.clone())), v);
}

// ---------------------------------------------------------------------------------
// 3. Nullability (Python's `Nullable[T]` and `OptionalNullable[T]`)

/// The smallest valid reading: the required keys, nullable ones set to null.
fn reading(extra: Value) -> Value {
    let mut v = json!({"note": null, "value": null, "reader": null});
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    v
}

/// `OptionalNullable[T]`: absent stays absent, null stays null, a value stays a value.
#[test]
fn optional_nullable_keeps_absent_null_and_value_apart() {
    let absent: nullable::Reading = round_trip(reading(json!({})));
    assert_eq!(absent.correction, None);
    assert_eq!(absent.ratio, None);
    assert_eq!(absent.reviewer, None);

    let null: nullable::Reading = round_trip(reading(
        json!({"correction": null, "ratio": null, "reviewer": null}),
    ));
    assert_eq!(null.correction, Some(None));
    assert_eq!(null.ratio, Some(None));
    assert_eq!(null.reviewer, Some(None));

    let value: nullable::Reading = round_trip(reading(
        json!({"correction": -2, "ratio": 0.5, "reviewer": {"name": "Ada"}}),
    ));
    assert_eq!(value.correction, Some(Some(-2)));
    assert_eq!(value.ratio, Some(Some(0.5)));
    assert_eq!(
        value.reviewer,
        Some(Some(nullable::Person { name: "Ada".into() }))
    );
    // An integral float keeps its integer spelling inside the double option.
    let whole: nullable::Reading = round_trip(reading(json!({"ratio": 2})));
    assert_eq!(whole.ratio, Some(Some(2.0)));
}

/// `Nullable[T]` marked required: the key must be there; null is `None` and is written
/// back as null.
#[test]
fn nullable_required_field_must_be_present() {
    let r: nullable::Reading = round_trip(reading(json!({})));
    assert_eq!((r.note, r.value, r.reader), (None, None, None));
    let r: nullable::Reading = round_trip(reading(
        json!({"note": "dusty", "value": 12.5, "reader": {"name": "Bo"}}),
    ));
    assert_eq!(r.note.as_deref(), Some("dusty"));
    assert_eq!(r.value, Some(12.5));
    assert_eq!(r.reader, Some(nullable::Person { name: "Bo".into() }));
    for key in ["note", "value", "reader"] {
        let mut v = reading(json!({}));
        v.as_object_mut().unwrap().remove(key);
        assert!(
            rejects::<nullable::Reading>(v),
            "a missing `{key}` must be an error"
        );
    }
}

/// `Nullable[T]` without the required mark is absent, null or a value, like
/// `OptionalNullable[T]`.
#[test]
fn nullable_without_required_mark_behaves_like_optional_nullable() {
    assert_eq!(
        field_ty("models::nullable::Reading", "comment"),
        field_ty("models::nullable::Reading", "correction").replace("i64", "::std::string::String")
    );
    assert_eq!(
        round_trip::<nullable::Reading>(reading(json!({}))).comment,
        None
    );
    assert_eq!(
        round_trip::<nullable::Reading>(reading(json!({"comment": null}))).comment,
        Some(None)
    );
}

/// A plain `Optional[T]` is not nullable: null is read as absent and written back absent.
#[test]
fn plain_optional_null_is_written_back_absent() {
    let r: nullable::Reading = de(reading(json!({"unit": null})));
    assert_eq!(r.unit, None);
    assert_eq!(ser(&r), reading(json!({})));
    assert_eq!(
        round_trip::<nullable::Reading>(reading(json!({"unit": "kWh"})))
            .unit
            .as_deref(),
        Some("kWh")
    );
}

/// `List[Nullable[T]]`: null elements are kept in place.
#[test]
fn nullable_list_elements_keep_their_nulls() {
    let r: nullable::Reading = round_trip(reading(json!({"samples": [1, null, 3]})));
    assert_eq!(r.samples, Some(vec![Some(1), None, Some(3)]));
}

// ---------------------------------------------------------------------------------
// 4. Free-form objects (empty field tables) and documented extra properties

/// A Fields table without rows keeps every key it is given, whatever the value.
#[test]
fn free_form_object_keeps_every_key() {
    let v = json!({
        "a": 1,
        "nested": {"deep": [1, {"x": null}]},
        "nothing": null,
        "list": ["x", 2.5, true],
        "odd key/with spaces": "ok"
    });
    let args: freeform::Args = round_trip(v.clone());
    assert_eq!(args.additional_properties.len(), 5);
    assert_eq!(args.additional_properties["nothing"], Value::Null);
    let same: freeform::EmptyWithExample = round_trip(v);
    assert_eq!(same.additional_properties.len(), 5);
    assert_eq!(
        round_trip::<freeform::Args>(json!({})),
        freeform::Args::default()
    );
    assert!(rejects::<freeform::Args>(json!([1])));
}

/// A free-form object as a field of another struct.
#[test]
fn free_form_object_inside_a_struct() {
    let job: freeform::Job = round_trip(json!({
        "name": "refresh",
        "args": {"force": true, "sections": [1, 2]}
    }));
    assert_eq!(job.args.additional_properties["force"], json!(true));
}

/// `AdditionalProperties` (Go) and `__pydantic_extra__` (Python) are not fields: they
/// hold the undeclared keys, typed as documented; a declared field already named
/// `additional_properties` keeps its name and key.
#[test]
fn documented_extra_properties_keep_undeclared_keys() {
    let go: freeform::LabelsGo = round_trip(json!({"name": "n", "color": "red", "size": "L"}));
    assert_eq!(go.additional_properties.len(), 2);
    assert_eq!(go.additional_properties["color"], "red");
    assert!(rejects::<freeform::LabelsGo>(
        json!({"name": "n", "size": 3})
    ));

    let py: freeform::LabelsPy = round_trip(json!({
        "name": "n",
        "additionalProperties": 4,
        "color": "red"
    }));
    assert_eq!(py.additional_properties, Some(4));
    assert_eq!(py.additional_properties_2.len(), 1);
    assert_eq!(py.additional_properties_2["color"], "red");
    assert_eq!(
        field_names("models::freeform::LabelsGo"),
        ["name", "additional_properties"]
    );
}

// ---------------------------------------------------------------------------------
// 5. Recursive references: `Box` only where a value would contain itself inline

const BOX: &str = "::std::boxed::Box";

/// A direct self-reference (optional or optional-nullable) is boxed.
#[test]
fn direct_self_reference_is_boxed() {
    assert_eq!(
        field_ty("models::recursion::TreeNode", "parent"),
        "::std::option::Option<::std::boxed::Box<TreeNode>>"
    );
    assert_eq!(
        field_ty("models::recursion::TreeNode", "previous"),
        "::std::option::Option<::std::option::Option<::std::boxed::Box<TreeNode>>>"
    );
    let n: recursion::TreeNode = round_trip(json!({
        "name": "leaf",
        "parent": {"name": "mid", "parent": {"name": "root"}, "previous": null}
    }));
    let mid = n.parent.unwrap();
    assert_eq!(mid.parent.unwrap().name, "root");
    assert_eq!(mid.previous, Some(None));
}

/// A self-reference through a list or a map needs no box.
#[test]
fn self_reference_through_a_list_or_map_is_not_boxed() {
    assert_eq!(
        field_ty("models::recursion::TreeNode", "children"),
        "::std::option::Option<::std::vec::Vec<TreeNode>>"
    );
    assert_eq!(
        field_ty("models::recursion::TreeNode", "by_name"),
        "::std::option::Option<::std::collections::BTreeMap<::std::string::String,TreeNode>>"
    );
    let n: recursion::TreeNode = round_trip(json!({
        "name": "root",
        "children": [{"name": "a", "children": []}],
        "byName": {"b": {"name": "b"}}
    }));
    assert_eq!(n.children.unwrap()[0].name, "a");
    assert_eq!(n.by_name.unwrap()["b"].name, "b");
}

/// A mutual cycle A -> B -> A compiles and round-trips. Every inline reference inside
/// the cycle is boxed (one box per cycle would do; both are boxed).
#[test]
fn mutual_cycle_is_boxed() {
    assert_eq!(
        field_ty("models::recursion::Folder", "link"),
        "::std::option::Option<::std::boxed::Box<FolderLink>>"
    );
    assert_eq!(
        field_ty("models::recursion::FolderLink", "target"),
        "::std::option::Option<::std::boxed::Box<Folder>>"
    );
    let f: recursion::Folder = round_trip(json!({
        "name": "a",
        "link": {"label": "to b", "target": {"name": "b", "link": {"label": "end"}}}
    }));
    assert_eq!(f.link.unwrap().target.unwrap().name, "b");
}

/// References into a cycle from outside it are not boxed.
#[test]
fn references_into_a_cycle_from_outside_are_not_boxed() {
    for f in ["root", "home", "formula"] {
        let ty = field_ty("models::recursion::Library", f);
        assert!(!ty.contains(BOX), "Library.{f}: {ty}");
    }
    let lib = recursion::Library {
        root: recursion::TreeNode {
            name: "r".into(),
            ..Default::default()
        },
        home: Some(recursion::Folder {
            name: "h".into(),
            link: None,
        }),
        formula: Some(recursion::Expr::Integer(1)),
    };
    assert_eq!(
        ser(&lib),
        json!({"root": {"name": "r"}, "home": {"name": "h"}, "formula": 1})
    );
}

/// A union inside a cycle (an expression tree) compiles, and untagged deserialization
/// walks the nesting.
#[test]
fn union_in_a_cycle_is_boxed() {
    assert_eq!(
        field_ty("models::recursion::BinaryOp", "left"),
        "::std::boxed::Box<Expr>"
    );
    let e: recursion::Expr = round_trip(json!({
        "op": "+",
        "left": 1,
        "right": {"op": "*", "left": 2, "right": 3}
    }));
    let recursion::Expr::BinaryOp(op) = e else {
        panic!("an object is an operation")
    };
    assert_eq!(*op.left, recursion::Expr::Integer(1));
    assert!(matches!(*op.right, recursion::Expr::BinaryOp(_)));
}

// ---------------------------------------------------------------------------------
// 6. Naming

/// Field names that are Rust keywords: raw identifiers where Rust allows them
/// (`r#type`), a trailing `_` where it does not (`self`, `crate`, `super`); the JSON key
/// is the doc's name either way, in both flavors.
#[test]
fn keyword_field_names_compile_and_keep_their_keys() {
    assert_eq!(
        field_names("models::naming::Keywords"),
        [
            "r#type",
            "r#match",
            "self_",
            "crate_",
            "super_",
            "r#fn",
            "r#async",
            "_1080p",
            "content_type",
            "grosse"
        ]
    );
    assert_eq!(
        field_names("models::naming::GoKeywords"),
        ["r#type", "r#match", "self_", "crate_", "super_"]
    );
    let v = json!({
        "type": "t", "match": "m", "self": "s", "crate": "c", "super": "p",
        "fn": "f", "async": true, "1080p": false
    });
    let k: naming::Keywords = round_trip(v);
    assert_eq!(
        (k.r#type.as_str(), k.self_.as_deref(), k.super_.as_deref()),
        ("t", Some("s"), Some("p"))
    );
    assert_eq!(k.r#async, Some(true));
    assert_eq!(k._1080p, Some(false));
    let g: naming::GoKeywords =
        round_trip(json!({"type": "t", "match": "m", "self": "s", "crate": "c", "super": "p"}));
    assert_eq!(g.crate_.as_deref(), Some("c"));
}

/// A field name with punctuation keeps the documented key.
#[test]
fn punctuated_field_name_keeps_its_key() {
    let k: naming::Keywords = round_trip(json!({"type": "t", "content-type": "text/plain"}));
    assert_eq!(k.content_type.as_deref(), Some("text/plain"));
}

/// A field name with non-ASCII letters keeps the documented key; its identifier spells
/// the letters in ASCII.
#[test]
fn non_ascii_field_name_keeps_its_key() {
    let k: naming::Keywords = round_trip(json!({"type": "t", "größe": 3}));
    assert_eq!(k.grosse, Some(3));
}

/// Fields that are one name after case conversion get distinct identifiers.
#[test]
fn colliding_field_names_get_distinct_identifiers() {
    assert_eq!(
        field_names("models::naming::Collide"),
        ["item_count", "item_count_2", "item_count_3"]
    );
    let c: naming::Collide = de(json!({"itemCount": 1}));
    assert_eq!(c.item_count_2, Some(1));
}

/// Fields that collide after case conversion each keep their documented key, as the
/// doc spells it, instead of an invented `itemCount_2`.
#[test]
fn colliding_field_names_keep_their_own_keys() {
    let v = json!({"item_count": 1, "itemCount": 2, "ItemCount": 3});
    let c: naming::Collide = round_trip(v);
    assert_eq!(
        (c.item_count, c.item_count_2, c.item_count_3),
        (Some(1), Some(2), Some(3))
    );
}

/// Models named like std and serde items (`Option`, `String`, `Default`, `Box`,
/// `Result`, `Vec`, `Serialize`) live in one module next to a struct that uses real
/// options, strings, vectors and boxes: the generated code compiles (it is compiled
/// into this test) and works.
#[test]
fn models_named_like_std_items_compile_and_work() {
    let v = json!({
        "option": {"value": "o"},
        "string": "rich",
        "text": "plain text",
        "default": {},
        "boxed": {"inner": {"inner": {}}},
        "result": {"value": "r"},
        "vec": [1, 2, 3],
        "serialize": {"value": "s"},
        "selfModel": {"value": "me"},
        "kind": {"name": "k"},
        "keyword": "Self",
        "some": {"none": {"key": "k", "map": 3}}
    });
    let u: naming::Uses = round_trip(v);
    let none = u.some.as_ref().unwrap().none.as_ref().unwrap();
    assert_eq!(
        (none.value.as_deref(), none.key.as_str(), none.map),
        (None, "k", Some(3))
    );
    assert_eq!(u.string, naming::String::Rich);
    assert_eq!(u.default, Some(naming::Default::default()));
    assert_eq!(
        u.vec.unwrap(),
        [naming::Vec::One, naming::Vec::Two, naming::Vec::Unknown(3)]
    );
    assert_eq!(
        u.result,
        Some(naming::Result::Option(naming::Option {
            value: Some("r".into())
        }))
    );
    assert!(u.boxed.unwrap().inner.unwrap().inner.is_some());
    assert_eq!(u.self_model.unwrap().value, "me");
    assert_eq!(u.keyword, Some(naming::Keyword::Self_));
    assert_eq!(u.kind.unwrap().name, "k");
    let s: naming::Serialize = de(json!({"value": "x"}));
    assert_eq!(s.value, "x");
}

/// Type names: `Self` gets a trailing `_`, a leading digit a `T`, Latin letters with
/// diacritics become ASCII (`Größe` -> `Grosse`), other non-ASCII characters and
/// punctuation separate words, and a second doc with the same converted name gets `2`.
/// A folder named like a keyword is a raw module name.
#[test]
fn type_names_are_always_valid_identifiers() {
    let _: naming::Self_ = de(json!({"value": "v"}));
    let _: naming::T3dModel = de(json!({"vertices": 8}));
    let _: naming::Grosse = de(json!({"value": 1}));
    let a: naming::MediaInfo = de(json!({"value": 1}));
    let b: naming::MediaInfo2 = de(json!({"other": "o"}));
    assert_eq!((a.value, b.other.as_str()), (1, "o"));
    let _: gen::models::r#type::Kind = de(json!({"name": "k"}));
    assert!(items().contains_key("models::r#type::Kind"));
}

/// Enum member names that are keywords, start with a digit, hold non-ASCII letters or
/// collide all compile; every wire value is kept exactly.
#[test]
fn enum_member_names_are_valid_and_values_kept() {
    use naming::Keyword as K;
    assert_eq!(
        variant_names("models::naming::Keyword"),
        ["Self_", "Type", "None", "V1080p", "Cafe", "Http2", "Http22", "AB", "Unknown"]
    );
    for (v, wire) in [
        (K::Self_, "Self"),
        (K::Type, "type"),
        (K::None, "none"),
        (K::V1080p, "1080p"),
        (K::Cafe, "café"),
        (K::Http2, "http/2"),
        (K::Http22, "HTTP2"),
        (K::AB, "a b"),
    ] {
        assert_eq!(round_trip::<K>(json!(wire)), v);
    }
}

// ---------------------------------------------------------------------------------
// 7. Deprecated fields

const REMOVAL_NOTE: &str =
    "This will be removed in a future release, please migrate away from it as soon as possible.";

fn deprecated_attr(path: &str, name: &str) -> Option<String> {
    field(path, name)
        .attrs
        .iter()
        .find(|a| a.path().is_ident("deprecated"))
        .map(|a| compact(&a.to_token_stream().to_string()))
}

/// Struck-through names and `DEPRECATED` notes give `#[deprecated]`, with the note when
/// there is one, for every presence; the note leaves the doc comment.
#[test]
fn struck_through_and_noted_fields_are_deprecated() {
    let with_note = compact(&format!("#[deprecated(note = {REMOVAL_NOTE:?})]"));
    let py = "models::deprecated::AccountPy";
    for f in ["pin", "legacy_id", "old_score", "old_name", "noted_only"] {
        assert_eq!(
            deprecated_attr(py, f).as_deref(),
            Some(with_note.as_str()),
            "{f}"
        );
    }
    assert_eq!(
        deprecated_attr(py, "struck_only").as_deref(),
        Some("#[deprecated]")
    );
    assert_eq!(deprecated_attr(py, "id"), None);
    let go = "models::deprecated::AccountGo";
    for f in ["pin", "ratio"] {
        assert_eq!(
            deprecated_attr(go, f).as_deref(),
            Some(with_note.as_str()),
            "{f}"
        );
    }
    assert_eq!(deprecated_attr(go, "id"), None);
    assert_eq!(
        field_doc(py, "pin"),
        "The hashed PIN that used to lock the account"
    );
    assert_eq!(
        field_doc(py, "struck_only"),
        "Struck through without a note"
    );
}

/// The note as newer SDK docs spell it, `:warning: **DEPRECATED**:` without the
/// spaces, marks the field too, and leaves the doc comment.
#[test]
fn unspaced_deprecation_note_is_recognised() {
    let path = "models::deprecated::Unspaced";
    assert_eq!(
        deprecated_attr(path, "old_code"),
        Some(compact("#[deprecated(note = \"Use id instead.\")]"))
    );
    assert_eq!(field_doc(path, "old_code"), "The code before ids existed");
}

/// The generated derives read deprecated fields without warnings: the structs carry
/// `#[allow(deprecated)]` (and this test crate, which compiles them, is built with
/// warnings denied by clippy in CI). Users of the fields still get the warning.
#[test]
fn deprecated_fields_do_not_warn_in_generated_derives() {
    for path in [
        "models::deprecated::AccountPy",
        "models::deprecated::AccountGo",
    ] {
        let allow = strukt(path)
            .attrs
            .iter()
            .any(|a| compact(&a.to_token_stream().to_string()) == "#[allow(deprecated)]");
        assert!(allow, "{path} allows deprecated in its derives");
    }
    let plain = strukt("models::nullable::Reading");
    assert!(plain.attrs.iter().all(|a| !a.path().is_ident("allow")));
}

/// Deprecated fields still read and write their keys.
#[test]
#[allow(deprecated)]
fn deprecated_fields_still_round_trip() {
    let a: deprecated::AccountPy = round_trip(json!({
        "id": 1, "pin": "x", "legacyId": 2, "oldScore": null, "oldName": null,
        "struckOnly": true, "notedOnly": "n"
    }));
    assert_eq!(a.pin.as_deref(), Some("x"));
    assert_eq!(a.old_score, Some(None));
    let g: deprecated::AccountGo = round_trip(json!({"id": 1, "ratio": 3}));
    assert_eq!(g.ratio, 3.0);
    let u: deprecated::Unspaced = round_trip(json!({"id": 1, "oldCode": "c"}));
    assert_eq!(u.old_code.as_deref(), Some("c"));
}

// ---------------------------------------------------------------------------------
// 8. Doc comments

const DOCUMENTED: &str = "models::docs::Documented";

/// Paragraphs and lists of a type description survive; raw `<`, `>` and `&` are
/// escaped; a web link is kept and an anchor link keeps only its text.
#[test]
fn type_description_renders_cleanly() {
    assert_eq!(
        doc_text(&strukt(DOCUMENTED).attrs),
        "A model whose text exercises the doc comment rules.\n\
         \n\
         Second paragraph with `code`, a [web link](https://example.com/docs), an anchor link and raw &lt;Release&gt; tags, x &lt;= 3 &amp; y.\n\
         \n\
         - first item\n\
         - second item"
    );
}

/// `<br/>` becomes a line break (a trailing one disappears); a single-line example
/// becomes `Example: <code span>`.
#[test]
fn breaks_become_line_breaks() {
    assert_eq!(
        field_doc(DOCUMENTED, "breaks"),
        "First line\nSecond line\n\nExample: `one`"
    );
    assert_eq!(field_doc(DOCUMENTED, "list"), "Kinds:\n\n- one\n- two");
}

/// Escaped pipes `\|` are unescaped in text, code spans and examples.
#[test]
fn escaped_pipes_are_unescaped() {
    let d = field_doc(DOCUMENTED, "pipes");
    assert_eq!(
        d,
        "Either a\\|b, or the code `x|y`\n\nExample: `1:admin only|2:everyone`"
    );
    assert!(!d.contains("\\|y"));
}

/// Web links keep their target, anchor links only their text, bare URLs become
/// autolinks (rustdoc warns on bare URLs).
#[test]
fn links_render_cleanly() {
    assert_eq!(
        field_doc(DOCUMENTED, "links"),
        "See [the filter syntax](https://example.com/filters) or the section, or <https://plex.tv/link>."
    );
}

/// Code spans and emphasis stay markdown; brackets are escaped so rustdoc does not
/// read them as intra-doc links.
#[test]
fn code_spans_and_brackets() {
    assert_eq!(
        field_doc(DOCUMENTED, "spans"),
        "Use `type=movie` with *care*; \\[brackets\\] stay literal\n\nExample: `type=movie`"
    );
}

/// A JSON example (pretty JSON with `<br/>`, which loses its indentation) becomes a
/// `json` code block laid out again, never a doctest; other text over several lines a
/// `text` block. `N/A` gives no description: the field's doc names its JSON key.
#[test]
fn multi_line_examples_become_json_or_text_blocks() {
    assert_eq!(
        field_doc(DOCUMENTED, "json"),
        "A JSON example\n\nExample:\n\n```json\n{\n  \"a\": 1,\n  \"b\": [\n    true\n  ]\n}\n```"
    );
    assert_eq!(
        field_doc(DOCUMENTED, "nothing"),
        "JSON key `nothing` (the docs give no description)."
    );
    let d = docs::Documented::default();
    assert_eq!(ser(&d), json!({}));
}

// ---------------------------------------------------------------------------------
// 9. Dates and timestamps: each presence a field can have

/// A date reads and writes as chrono's `NaiveDate` does, and a timestamp leniently, in
/// every presence: required, optional, and optional with `null` kept apart from absent.
#[test]
fn dates_and_timestamps_in_every_presence() {
    use chrono::{NaiveDate, TimeZone, Utc};
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let r: dates::Release = round_trip(json!({
        "released": "2024-02-29",
        "premiere": "2024-02-01",
        "withdrawn": "2025-01-31",
        "publishedAt": "2024-02-29T10:00:00Z",
        "reviewedAt": "2024-03-01T09:30:00Z",
    }));
    assert_eq!(r.released, day(2024, 2, 29));
    assert_eq!(r.premiere, Some(day(2024, 2, 1)));
    assert_eq!(r.withdrawn, Some(Some(day(2025, 1, 31))));
    assert_eq!(
        r.reviewed_at,
        Some(Some(Utc.with_ymd_and_hms(2024, 3, 1, 9, 30, 0).unwrap()))
    );
    // `null` stays apart from absent where the docs say so.
    let r: dates::Release = round_trip(json!({
        "released": "0001-01-01",
        "withdrawn": null,
        "publishedAt": "2024-02-29T10:00:00Z",
        "reviewedAt": null,
    }));
    assert_eq!(
        (r.premiere, r.withdrawn, r.reviewed_at),
        (None, Some(None), Some(None))
    );
    // A plain optional date reads `null` as absent.
    let r: dates::Release = de(json!({
        "released": "2024-02-29", "premiere": null, "publishedAt": 1709200800,
    }));
    assert_eq!(r.premiere, None);
    assert_eq!(
        r.published_at,
        Utc.with_ymd_and_hms(2024, 2, 29, 10, 0, 0).unwrap()
    );
    // Escaped digits are digits (serde_json hands over the unescaped text).
    let r: dates::Release =
        serde_json::from_str(r#"{"released":"\u0032024-01-0\u0032","publishedAt":0}"#).unwrap();
    assert_eq!(r.released, day(2024, 1, 2));
    let err = |v: Value| {
        serde_json::from_value::<dates::Release>(v)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err(json!({"publishedAt": "2024-02-29T10:00:00Z"})),
        "missing field `released`"
    );
    assert_eq!(
        err(json!({"released": 20240229, "publishedAt": "2024-02-29T10:00:00Z"})),
        "invalid type: integer `20240229`, expected a formatted date string"
    );
    assert_eq!(
        err(json!({"released": "2023-02-29", "publishedAt": "2024-02-29T10:00:00Z"})),
        "input is out of range"
    );
}

/// Dates are taken apart directly when they look like `YYYY-MM-DD` and handed to
/// chrono otherwise; either way the result, or the error, is what chrono's own
/// `NaiveDate` reader gives, for every text in the sweep.
#[test]
fn dates_read_exactly_as_chrono_reads_them() {
    #[derive(serde::Deserialize)]
    struct Chrono {
        released: chrono::NaiveDate,
    }
    let read = |text: &str| {
        let json = format!(r#"{{"released":{},"publishedAt":0}}"#, Value::from(text));
        let ours = serde_json::from_str::<dates::Release>(&json)
            .map(|r| r.released)
            .map_err(|e| e.to_string());
        let chrono = serde_json::from_str::<Chrono>(&json)
            .map(|r| r.released)
            .map_err(|e| e.to_string());
        assert_eq!(ours, chrono, "{json}");
        ours.is_ok()
    };
    let mut ok = 0;
    let mut texts = 0;
    // Every year on a leap day: the year's digits and the calendar both matter.
    for y in 0..=9999 {
        ok += usize::from(read(&format!("{y:04}-02-29")));
        texts += 1;
    }
    // Months and days in and out of range, around the edges of the calendar.
    for y in [0, 1, 999, 1582, 1900, 1970, 2000, 2024, 9999] {
        for m in (0..=13).chain([19, 20, 99]) {
            for d in (0..=32).chain([39, 40, 99]) {
                ok += usize::from(read(&format!("{y:04}-{m:02}-{d:02}")));
                texts += 1;
            }
        }
    }
    // Texts that are not the plain form: chrono decides them all.
    for text in [
        "",
        "2024",
        "2024-01",
        "2024-01-0",
        "2024-1-02",
        "24-01-02",
        "+2024-01-02",
        "-0001-12-31",
        "+12345-01-02",
        "12345-01-02",
        " 2024-01-02",
        "2024-01-02 ",
        "2024 -01-02",
        "2024/01/02",
        "2024-01-02T00:00:00Z",
        "2024-01-0x",
        "２０２４-01-02",
        "2024-01-02\n",
        "2024-01-02\0",
        "2024-01--2",
        "0000-00-00",
    ] {
        ok += usize::from(read(text));
        texts += 1;
    }
    // The sweep must reach both outcomes, many times.
    assert!(
        ok > 3_000 && texts - ok > 3_000,
        "{ok} of {texts} texts read"
    );
}

// ---------------------------------------------------------------------------------
// 10. Docs that are not wire types

/// SDK response wrappers (raw HTTP response, both flavors), SDK option pages, SDK
/// config pages and empty files produce no type and are counted by reason.
#[test]
fn non_wire_docs_are_skipped_and_counted() {
    let out = generator::Config::new().input(fixtures()).run().unwrap();
    let skipped: Vec<(SkipReason, usize)> = out.summary.skipped.clone().into_iter().collect();
    assert_eq!(
        skipped,
        [
            (SkipReason::ResponseWrapper, 2),
            (SkipReason::SdkOptions, 1),
            (SkipReason::SdkConfig, 1),
            (SkipReason::Empty, 1),
        ]
    );
    assert!(out
        .summary
        .to_string()
        .contains("; 5 skipped (2 response wrapper, 1 SDK options, 1 SDK config, 1 empty)"));
    let emitted: Vec<String> = items()
        .into_keys()
        .filter(|k| k.starts_with("models::skipped::") && !k.contains(" impl "))
        .collect();
    assert_eq!(emitted, ["models::skipped::Thing"]);
    let total = out.summary.structs + out.summary.enums + out.summary.unions;
    assert_eq!(total + 5, out.summary.docs_read);
}

/// SDK-only fields (an optional raw response, a byte stream) in a payload model are
/// left out of the struct and named in its doc comment.
#[test]
fn sdk_only_fields_are_left_out_and_named() {
    assert_eq!(field_names("models::skipped::Thing"), ["name"]);
    assert_eq!(
        doc_text(&strukt("models::skipped::Thing").attrs),
        "A payload next to SDK-only fields, which are left out\n\nSDK-only fields, not part of the JSON payload, are left out: `raw_response`, `stream`."
    );
    let t: skipped::Thing = round_trip(json!({"name": "n"}));
    assert_eq!(t.name, "n");
}

/// The emitted reader is what makes serde do the above; one spot check that each
/// field is read by the helper the rules describe.
#[test]
fn nullable_and_optional_nullable_use_the_documented_helpers() {
    let items = items();
    let de = compact(
        &items["models::nullable::Reading impl super :: super :: __helpers :: FromMap < 'de >"],
    );
    // Nullable: read as `Option<T>` (null is `None`) and the key must be there.
    assert!(de.contains("__m.field(&mutnote,\"note\")"), "{de}");
    assert!(
        de.contains("let::std::option::Option::Some(note)=noteelse{return::std::result::Result::Err(__h::missing(\"note\"));};"),
        "{de}"
    );
    // Optional and nullable: a present key is `Some`, so `null` stays `Some(None)`;
    // integers through the runtime's `Scalar`, which also takes `25.0`.
    assert!(de.contains("__m.some(&mutratio,\"ratio\")"), "{de}");
    assert!(
        de.contains("__m.some_scalar(&mutcorrection,\"correction\")"),
        "{de}"
    );
    assert!(de.contains("correction:correction.flatten()"), "{de}");
    assert!(!field_attrs("models::nullable::Reading", "note").contains("default"));
}
