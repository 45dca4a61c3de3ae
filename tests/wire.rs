//! Wire fidelity: JSON keys as the real API spells them, every common spelling accepted,
//! overrides for what inference cannot know, and unknown keys kept with
//! `keep_unknown`. Types come from `tests/fixtures/wire`, generated into three checked-in
//! snapshots (plain, capturing into maps, capturing as text);
//! `UPDATE_SNAPSHOTS=1 cargo test --test wire`.

mod common;

use serde_json::{json, Value};
use std::path::PathBuf;

// The whole API of each type is emitted; these tests use part of it.
#[allow(dead_code)]
mod plain {
    include!("snapshots/wire.rs");
}

// The whole API of each type is emitted; these tests use part of it.
#[allow(dead_code)]
mod capture {
    include!("snapshots/wire_keep_unknown.rs");
}

// The whole API of each type is emitted; these tests use part of it.
#[allow(dead_code)]
mod text {
    include!("snapshots/wire_keep_unknown_text.rs");
}

use generator::KeepUnknown;

fn fixtures() -> PathBuf {
    common::repo().join("tests/fixtures/wire")
}

fn config(keep_unknown: KeepUnknown) -> generator::Config {
    let mut c = generator::Config::new();
    c.input(fixtures().join("models"))
        .wire_names(fixtures().join("wire-names.toml"))
        .keep_unknown(keep_unknown);
    c
}

#[test]
fn snapshots_match_the_generator() {
    for (how, path) in [
        (KeepUnknown::No, "tests/snapshots/wire.rs"),
        (KeepUnknown::Map, "tests/snapshots/wire_keep_unknown.rs"),
        (
            KeepUnknown::Text,
            "tests/snapshots/wire_keep_unknown_text.rs",
        ),
    ] {
        let code = config(how).generate().unwrap();
        common::check_snapshot(path, &code, "wire");
    }
}

/// A media-server answer mixing conventions: PascalCase containers, camelCase
/// attributes with `ID`/`UUID` initialisms, snake_case geo data, integer epoch
/// timestamps, RFC 3339 times, null and absent optionals, an unknown enum value.
fn payload() -> Value {
    json!({
        "MediaContainer": {
            "size": 2,
            "allowSync": true,
            "librarySectionID": 1,
            "librarySectionUUID": "e69655a2-ef48-4aba-bb19-4b5ee6c7b5c2",
            "mediaTagPrefix": "/system/bundle/media/flags/",
            "Metadata": [
                {
                    "ratingKey": "58683",
                    "guid": "plex://movie/5d7768ba96b655001fdc0408",
                    "type": "movie",
                    "addedAt": 1556281940,
                    "updatedAt": null,
                    "originallyAvailableAt": "2022-12-14",
                    "lastViewedAt": "2024-03-01T20:15:00Z",
                    "thumb": "/library/metadata/58683/thumb/1703239236",
                    "Media": [
                        {"id": 119534, "videoResolution": "4k", "bitrate": 25000, "aspectRatio": 2.35}
                    ],
                    "geo": {"code": "DE", "european_union_member": true, "continent_code": "EU"}
                },
                {
                    "ratingKey": "58684",
                    "type": "clip",
                    "addedAt": 1703239236,
                    "Media": []
                }
            ]
        }
    })
}

#[test]
fn mixed_conventions_round_trip_with_the_keys_the_api_uses() {
    let body: plain::operations::GetLibraryItemsResponseBody =
        serde_json::from_value(payload()).unwrap();
    let mc = body.media_container.as_ref().unwrap();
    assert_eq!(mc.library_section_id, Some(1));
    let items = mc.metadata.as_ref().unwrap();
    assert_eq!(
        items[0].added_at, 1_556_281_940,
        "epoch timestamps stay integers"
    );
    assert_eq!(
        items[0].updated_at,
        Some(None),
        "null is kept apart from absent"
    );
    assert_eq!(items[1].updated_at, None);
    assert_eq!(
        items[1].r#type,
        plain::operations::GetLibraryItemsType::Unknown("clip".into())
    );
    let geo = items[0].geo.as_ref().unwrap();
    assert_eq!(geo.european_union_member, Some(true));
    assert_eq!(serde_json::to_value(&body).unwrap(), payload());
}

#[test]
fn every_common_spelling_of_a_key_is_accepted() {
    for key in [
        "librarySectionID",
        "library_section_id",
        "LibrarySectionID",
        "librarySectionId",
        "LibrarySectionId",
    ] {
        let mc: plain::operations::GetLibraryItemsMediaContainer =
            serde_json::from_value(json!({"size": 0, key: 7})).unwrap();
        assert_eq!(mc.library_section_id, Some(7), "{key}");
        // ...and written back under the one inferred name.
        let out = serde_json::to_value(&mc).unwrap();
        assert_eq!(out, json!({"size": 0, "librarySectionID": 7}), "{key}");
    }
    // Containers: PascalCase by the override, the documented snake name still accepted.
    let body: plain::operations::GetLibraryItemsResponseBody =
        serde_json::from_value(json!({"media_container": {"size": 1}})).unwrap();
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"MediaContainer": {"size": 1}})
    );
}

#[test]
fn two_spellings_of_one_key_are_a_duplicate_not_two_fields() {
    let err = serde_json::from_value::<plain::operations::GetLibraryItemsMediaContainer>(
        json!({"size": 0, "librarySectionID": 1, "library_section_id": 2}),
    )
    .unwrap_err();
    assert!(err.to_string().contains("duplicate field"), "{err}");
}

/// The inference rules, one by one, on the fields of the fixtures (no overrides).
#[test]
fn naming_rules() {
    let out = generator::Config::new()
        .input(fixtures().join("models"))
        .run()
        .unwrap();
    let key = |ty: &str, field: &str| -> String {
        let t = out
            .model
            .types
            .iter()
            .find(|t| t.rust_path() == ty)
            .unwrap();
        let generator::ir::Kind::Struct(s) = &t.kind else {
            panic!("{ty} is a struct")
        };
        let f = s.fields.iter().find(|f| f.doc_name == field).unwrap();
        f.wire_name.clone()
    };
    let mc = "operations::GetLibraryItemsMediaContainer";
    let md = "operations::GetLibraryItemsMetadata";
    // The container's example shows camelCase keys with initialisms in capitals
    // (`librarySectionID`): the keys it shows are used as they are...
    assert_eq!(key(mc, "allow_sync"), "allowSync");
    assert_eq!(key(mc, "library_section_id"), "librarySectionID");
    assert_eq!(key(mc, "library_section_uuid"), "librarySectionUUID");
    // ...and the casing they show is used for every other key.
    assert_eq!(key(mc, "media_tag_prefix"), "mediaTagPrefix");
    assert_eq!(key(md, "thumb_url"), "thumbURL");
    assert_eq!(
        out.summary.wire_keys.as_deref(),
        Some("camelCase-initialisms (3 example keys agree, 0 disagree; ID, not Id: 2 example keys agree, 0 disagree)")
    );
    // A keyword stays the key it is (`type`, a raw identifier in Rust).
    assert_eq!(key(md, "type"), "type");
    // Without overrides, objects are camelCase too: no example shows their keys.
    assert_eq!(key(mc, "metadata"), "metadata");
    // Go's PascalCase names give the same keys (the same doc in Go flavor).
    let go = generator::Config::new()
        .input(common::repo().join("specs/go/models"))
        .run()
        .unwrap();
    let py = generator::Config::new()
        .input(common::repo().join("specs/python/models"))
        .run()
        .unwrap();
    let keys = |o: &generator::Output| -> Vec<String> {
        o.model
            .types
            .iter()
            .flat_map(|t| match &t.kind {
                generator::ir::Kind::Struct(s) => s
                    .fields
                    .iter()
                    .map(|f| format!("{}.{}", t.name, f.wire_name))
                    .collect(),
                _ => Vec::new(),
            })
            .collect()
    };
    assert_eq!(keys(&go), keys(&py));
}

#[test]
fn overrides_fix_keys_the_rules_get_wrong() {
    let out = serde_json::to_value(plain::operations::GetLibraryItemsMetadata {
        rating_key: "1".into(),
        guid: None,
        r#type: plain::operations::GetLibraryItemsType::Movie,
        added_at: 0,
        updated_at: None,
        originally_available_at: None,
        last_viewed_at: None,
        thumb_url: Some("/t".into()),
        media: None,
        geo: Some(plain::components::GeoData {
            code: "DE".into(),
            european_union_member: Some(false),
            continent_code: None,
            coordinates: None,
        }),
    })
    .unwrap();
    assert_eq!(
        out,
        json!({"ratingKey": "1", "type": "movie", "addedAt": 0, "thumb": "/t",
               "geo": {"code": "DE", "european_union_member": false}})
    );
}

#[test]
fn an_override_naming_nothing_is_an_error_with_its_line() {
    let dir = common::scratch("wire-override");
    let file = dir.join("wire-names.toml");
    std::fs::write(
        &file,
        "[\"operations::GetLibraryItemsMetadata\".fields]\nthumb = \"thumb\"\n\n[\"operations::Nope\"]\ncasing = \"snake_case\"\n",
    )
    .unwrap();
    let err = generator::Config::new()
        .input(fixtures().join("models"))
        .wire_names(&file)
        .run()
        .unwrap_err();
    let lines: Vec<_> = err
        .diagnostics
        .iter()
        .map(|d| (d.pos.map(|p| p.line), d.message.clone()))
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0].0, Some(2));
    assert!(lines[0].1.contains("`thumb`"), "{lines:?}");
    assert_eq!(lines[1].0, Some(4));
    assert!(lines[1].1.contains("operations::Nope"), "{lines:?}");
}

#[test]
fn timestamps_keep_their_instant_and_are_written_as_rfc3339() {
    let md: plain::operations::GetLibraryItemsMetadata = serde_json::from_value(json!({
        "ratingKey": "1", "type": "show", "addedAt": 1,
        "lastViewedAt": "2024-03-01T21:15:00.5+01:00"
    }))
    .unwrap();
    let t = md.last_viewed_at.unwrap();
    assert_eq!(t.timestamp(), 1_709_324_100);
    assert_eq!(
        serde_json::to_value(md).unwrap()["lastViewedAt"],
        "2024-03-01T20:15:00.500Z"
    );
}

#[test]
fn keep_unknown_round_trips_extra_keys_at_every_depth() {
    let p = payload_with_extra_keys();
    let body: capture::operations::GetLibraryItemsResponseBody =
        serde_json::from_value(p.clone()).unwrap();
    assert_eq!(body.additional_properties["serverVersion"], "1.40.0");
    assert_eq!(serde_json::to_value(&body).unwrap(), p);
    // Without capture, the same payload parses but loses the extra keys.
    let lossy: plain::operations::GetLibraryItemsResponseBody =
        serde_json::from_value(p.clone()).unwrap();
    assert_eq!(serde_json::to_value(lossy).unwrap(), payload());
}

#[test]
fn kept_values_come_back_as_serde_json_spells_them() {
    // What the README promises for captured values: equal as `Value`s, not byte for byte.
    let mut p = payload();
    p["MediaContainer"]["x"] = json!("VALUE");
    let text = serde_json::to_string(&p).unwrap().replace(
        r#""VALUE""#,
        r#"{"z": 1, "a": 1.50, "e": 1e2, "big": 123456789012345678901234567890}"#,
    );
    let body: capture::operations::GetLibraryItemsResponseBody =
        serde_json::from_str(&text).unwrap();
    let out = serde_json::to_string(&body).unwrap();
    assert!(
        out.contains(r#""x":{"a":1.5,"big":1.2345678901234568e+29,"e":100.0,"z":1}"#),
        "{out}"
    );
}

/// [`payload`] with undeclared keys at every depth.
fn payload_with_extra_keys() -> Value {
    let mut p = payload();
    p["serverVersion"] = json!("1.40.0");
    p["MediaContainer"]["identifier"] = json!("com.plexapp.plugins.library");
    p["MediaContainer"]["Metadata"][0]["Collection"] = json!([{"tag": "Favourites"}]);
    p["MediaContainer"]["Metadata"][0]["Media"][0]["Part"] = json!([{"id": 1, "key": "/p"}]);
    p["MediaContainer"]["Metadata"][0]["geo"]["subdivisions"] = json!(null);
    p
}

#[test]
fn text_capture_keeps_what_map_capture_keeps() {
    let p = payload_with_extra_keys();
    let text = serde_json::to_string(&p).unwrap();
    let as_text: text::operations::GetLibraryItemsResponseBody =
        serde_json::from_str(&text).unwrap();
    let as_map: capture::operations::GetLibraryItemsResponseBody =
        serde_json::from_str(&text).unwrap();
    assert_eq!(serde_json::to_value(&as_text).unwrap(), p);
    assert_eq!(
        serde_json::to_value(&as_text).unwrap(),
        serde_json::to_value(&as_map).unwrap()
    );
    assert_eq!(
        as_text.additional_properties.get("serverVersion"),
        Some(&json!("1.40.0"))
    );
    let md = &as_text
        .media_container
        .as_ref()
        .unwrap()
        .metadata
        .as_ref()
        .unwrap()[0];
    assert_eq!(
        md.additional_properties.to_map(),
        as_map
            .media_container
            .as_ref()
            .unwrap()
            .metadata
            .as_ref()
            .unwrap()[0]
            .additional_properties
            .clone()
            .into_iter()
            .collect()
    );
    // Read back from its own output, it is equal to itself.
    let again: text::operations::GetLibraryItemsResponseBody =
        serde_json::from_str(&serde_json::to_string(&as_text).unwrap()).unwrap();
    assert_eq!(again, as_text);
}

#[test]
fn text_capture_reads_owned_input_as_borrowed_input() {
    // `from_value` and `from_reader` hand over owned strings, `from_str` borrowed ones;
    // keys with escapes come owned from any of them.
    let mut p = payload_with_extra_keys();
    p["MediaContainer"]["say \"hi\"\n"] = json!({"caf\u{e9}": ["\u{1f3ac}", 1.5, -3, null, true]});
    let text = serde_json::to_string(&p).unwrap();
    let borrowed: text::operations::GetLibraryItemsResponseBody =
        serde_json::from_str(&text).unwrap();
    let owned: text::operations::GetLibraryItemsResponseBody =
        serde_json::from_value(p.clone()).unwrap();
    let read: text::operations::GetLibraryItemsResponseBody =
        serde_json::from_reader(text.as_bytes()).unwrap();
    for body in [&borrowed, &owned, &read] {
        assert_eq!(serde_json::to_value(body).unwrap(), p);
        assert_eq!(body, &borrowed);
    }
}

#[test]
fn text_capture_keeps_keys_in_the_order_they_came() {
    // Unknown keys come after the declared ones on output, in arrival order, and
    // objects inside them keep their order too (a map would sort both).
    let text = r#"{"MediaContainer":{"zulu":1,"size":2,"alpha":{"z":1,"a":1.50,"e":1e2},"mike":[{"y":0,"b":0}]},"omega":true,"beta":"x"}"#;
    let body: text::operations::GetLibraryItemsResponseBody = serde_json::from_str(text).unwrap();
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"MediaContainer":{"size":2,"zulu":1,"alpha":{"z":1,"a":1.5,"e":100.0},"mike":[{"y":0,"b":0}]},"omega":true,"beta":"x"}"#
    );
    assert_eq!(
        body.media_container
            .as_ref()
            .unwrap()
            .additional_properties
            .to_json(),
        r#"{"zulu":1,"alpha":{"z":1,"a":1.5,"e":100.0},"mike":[{"y":0,"b":0}]}"#
    );
    let map: capture::operations::GetLibraryItemsResponseBody = serde_json::from_str(text).unwrap();
    assert_eq!(
        serde_json::to_string(&map).unwrap(),
        r#"{"MediaContainer":{"size":2,"alpha":{"a":1.5,"e":100.0,"z":1},"mike":[{"b":0,"y":0}],"zulu":1},"beta":"x","omega":true}"#
    );
}

#[test]
fn unknown_keys_api() {
    use text::UnknownKeys;
    let mut k: UnknownKeys =
        serde_json::from_str(r#"{"b": 1, "a": [true, null], "b": {"c": "d"}}"#).unwrap();
    assert!(!k.is_empty());
    // The text keeps a repeated key twice; as a map it is there once, in its first
    // place with its last value.
    assert_eq!(k.to_json(), r#"{"b":1,"a":[true,null],"b":{"c":"d"}}"#);
    let entries: Vec<(&str, &Value)> = k.iter().collect();
    assert_eq!(
        entries,
        [("b", &json!({"c": "d"})), ("a", &json!([true, null]))]
    );
    assert_eq!(k.len(), 2);
    assert_eq!(k.get("b"), Some(&json!({"c": "d"})));
    assert_eq!(k.get("nope"), None);
    assert_eq!(k.insert("a", 2).unwrap(), Some(json!([true, null])));
    assert_eq!(k.to_json(), r#"{"b":{"c":"d"},"a":2}"#);
    assert_eq!(k.remove("b"), Some(json!({"c": "d"})));
    assert_eq!(k.to_json(), r#"{"a":2}"#);
    assert_eq!(k.remove("nope"), None);
    assert_eq!(k.to_json(), r#"{"a":2}"#);
    assert_eq!(format!("{k:?}"), r#"{"a": Number(2)}"#);
    // Equality is a map's: the same keys and values in any order.
    let m = json!({"x": 1, "y": [1, 2]}).as_object().unwrap().clone();
    let from_map = UnknownKeys::from(m.clone());
    let reversed: UnknownKeys = m.clone().into_iter().rev().collect();
    assert_eq!(from_map, reversed);
    assert_ne!(from_map.to_json(), reversed.to_json());
    let repeated: UnknownKeys = [("a", 1), ("b", 2), ("a", 3)]
        .into_iter()
        .map(|(k, v)| (k.to_string(), json!(v)))
        .collect();
    assert_eq!(repeated.to_json(), r#"{"a":3,"b":2}"#);
    assert_eq!(from_map.to_map(), m);
    assert_ne!(from_map, UnknownKeys::new());
    assert!(UnknownKeys::new().is_empty());
    assert_eq!(UnknownKeys::new().to_json(), "{}");
    assert_eq!(serde_json::to_value(&from_map).unwrap(), Value::Object(m));
    // Only objects are unknown keys.
    let err = serde_json::from_str::<UnknownKeys>("[1]").unwrap_err();
    assert!(err.to_string().contains("expected a JSON object"), "{err}");
}

#[test]
fn text_capture_rejects_broken_json_where_it_breaks() {
    // Inside a kept value, the error and its place are serde_json's own.
    let text = "{\"MediaContainer\": {\"size\": 1,\n \"extra\": [1, 2,, 3]}}";
    let err =
        serde_json::from_str::<text::operations::GetLibraryItemsResponseBody>(text).unwrap_err();
    let value_err = serde_json::from_str::<Value>(text).unwrap_err();
    assert_eq!((err.line(), err.column()), (2, 17), "{err}");
    assert_eq!(err.to_string(), value_err.to_string());
}

#[test]
fn text_capture_refuses_values_it_could_not_read_back() {
    // serde_json's parser stops at 127 levels, so only another deserializer (here
    // `Value`'s own) can hand over deeper data; the kept text must stay readable.
    let nest = |depth: usize| (0..depth).fold(json!(1), |v, _| json!([v]));
    let mut p = payload();
    p["MediaContainer"]["deep"] = nest(126);
    let body: text::operations::GetLibraryItemsResponseBody =
        serde_json::from_value(p.clone()).unwrap();
    assert_eq!(serde_json::to_value(&body).unwrap(), p);
    p["MediaContainer"]["deep"] = nest(127);
    let err =
        serde_json::from_value::<text::operations::GetLibraryItemsResponseBody>(p).unwrap_err();
    assert!(err.to_string().contains("deeper than 126"), "{err}");
}

/// Whether serde_json, without its `float_roundtrip` feature, reads `f` back from the
/// text it writes for it.
fn reads_back(f: f64) -> bool {
    serde_json::from_str::<f64>(&serde_json::to_string(&f).unwrap()).unwrap() == f
}

#[test]
fn a_float_serde_json_misreads_can_move_a_step_as_text() {
    // serde_json's default float parser is fast, not always exact (its
    // `float_roundtrip` feature is): for floats with large exponents it can read a
    // float's shortest spelling as a neighbour. Capturing as text reads a kept float
    // twice (from the input, then from the kept text), so it can move one step more
    // than a map, which reads it once, as declared fields do. Here the input's
    // spelling is read as one float, whose own spelling is read as the next.
    let f = 1.780_271_996_292_116_7e-19;
    assert!(!reads_back(f));
    assert!(!reads_back(
        serde_json::from_str(&serde_json::to_string(&f).unwrap()).unwrap()
    ));
    let mut p = payload();
    p["MediaContainer"]["x"] = json!(f);
    let text = serde_json::to_string(&p).unwrap();
    let once: Value = serde_json::from_str(&text).unwrap();
    let as_map: capture::operations::GetLibraryItemsResponseBody =
        serde_json::from_str(&text).unwrap();
    let as_text: text::operations::GetLibraryItemsResponseBody =
        serde_json::from_str(&text).unwrap();
    let map_out = serde_json::to_value(&as_map).unwrap();
    let text_out = serde_json::to_value(&as_text).unwrap();
    assert_eq!(map_out, once);
    let (a, b) = (
        once["MediaContainer"]["x"].as_f64().unwrap(),
        text_out["MediaContainer"]["x"].as_f64().unwrap(),
    );
    assert!(
        a != b && (a.to_bits() as i64 - b.to_bits() as i64).abs() == 1,
        "{a} {b}"
    );
}

/// Any JSON value, the leaves including escapes, non-ASCII text and numbers at the
/// edges of their types.
fn any_json() -> impl proptest::strategy::Strategy<Value = Value> {
    use proptest::prelude::*;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        // Floats serde_json's default parser reads back as written; the others are
        // `a_float_serde_json_misreads_can_move_a_step_as_text`.
        any::<f64>()
            .prop_filter("finite, read back exactly", |f| {
                f.is_finite() && reads_back(*f)
            })
            .prop_map(Value::from),
        ".*".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(".*", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn any_kept_value_round_trips_as_text_and_as_map() {
    use proptest::test_runner::{Config, TestCaseError, TestRunner};
    let mut runner = TestRunner::new(Config {
        cases: 256,
        failure_persistence: None,
        ..Config::default()
    });
    let extras = proptest::collection::btree_map("x-.*", any_json(), 1..5);
    runner
        .run(&extras, |extras| {
            let extras: serde_json::Map<String, Value> = extras.into_iter().collect();
            let mut p = payload();
            for (k, v) in &extras {
                p["MediaContainer"][k] = v.clone();
            }
            let text = serde_json::to_string(&p).unwrap();
            // What `Value` reads from the text is the reference: serde_json's float
            // parsing may land one step from the float that was written.
            let p: Value = serde_json::from_str(&text).unwrap();
            let extras: serde_json::Map<String, Value> = extras
                .keys()
                .map(|k| (k.clone(), p["MediaContainer"][k].clone()))
                .collect();
            let as_text: text::operations::GetLibraryItemsResponseBody =
                serde_json::from_str(&text).unwrap();
            let as_map: capture::operations::GetLibraryItemsResponseBody =
                serde_json::from_str(&text).unwrap();
            let kept = &as_text
                .media_container
                .as_ref()
                .unwrap()
                .additional_properties;
            // Kept in the order they came (sorted here, as `Map` writes them).
            let check = |ok: bool, what: &str| {
                if ok {
                    Ok(())
                } else {
                    Err(TestCaseError::fail(what.to_string()))
                }
            };
            check(
                kept.to_json() == serde_json::to_string(&extras).unwrap(),
                "kept text",
            )?;
            check(kept.to_map() == extras, "kept entries")?;
            check(serde_json::to_value(&as_text).unwrap() == p, "text capture")?;
            check(serde_json::to_value(&as_map).unwrap() == p, "map capture")?;
            let back = serde_json::to_string(&as_text).unwrap();
            check(
                serde_json::from_str::<Value>(&back).unwrap() == p,
                "text capture's JSON",
            )
        })
        .unwrap();
}
