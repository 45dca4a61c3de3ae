//! Wire fidelity: JSON keys as the real API spells them, every common spelling accepted,
//! overrides for what inference cannot know, and unknown keys kept with
//! `keep_unknown`. Types come from `tests/fixtures/wire`, generated into two checked-in
//! snapshots (plain and capturing); `UPDATE_SNAPSHOTS=1 cargo test --test wire`.

mod common;

use serde_json::{json, Value};
use std::path::PathBuf;

mod plain {
    include!("snapshots/wire.rs");
}

mod capture {
    include!("snapshots/wire_keep_unknown.rs");
}

fn fixtures() -> PathBuf {
    common::repo().join("tests/fixtures/wire")
}

fn config(keep_unknown: bool) -> generator::Config {
    let mut c = generator::Config::new();
    c.input(fixtures().join("models"))
        .wire_names(fixtures().join("wire-names.toml"))
        .keep_unknown(keep_unknown);
    c
}

#[test]
fn snapshots_match_the_generator() {
    let code = config(false).generate().unwrap();
    common::check_snapshot("tests/snapshots/wire.rs", &code, "wire");
    let code = config(true).generate().unwrap();
    common::check_snapshot("tests/snapshots/wire_keep_unknown.rs", &code, "wire");
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
        let generator::model::Kind::Struct(s) = &t.kind else {
            panic!("{ty} is a struct")
        };
        let f = s.fields.iter().find(|f| f.doc_name == field).unwrap();
        f.wire_name.clone()
    };
    let mc = "operations::GetLibraryItemsMediaContainer";
    let md = "operations::GetLibraryItemsMetadata";
    // snake_case doc names become lowerCamelCase keys.
    assert_eq!(key(mc, "allow_sync"), "allowSync");
    // Initialisms stay capitals after the first word: ID, UUID, URL.
    assert_eq!(key(mc, "library_section_id"), "librarySectionID");
    assert_eq!(key(mc, "library_section_uuid"), "librarySectionUUID");
    assert_eq!(key(md, "thumb_url"), "thumbURL");
    // A keyword stays the key it is (`type`, a raw identifier in Rust).
    assert_eq!(key(md, "type"), "type");
    // Without overrides, objects are camelCase too: the rules cannot know better.
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
                generator::model::Kind::Struct(s) => s
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
    let mut p = payload();
    p["serverVersion"] = json!("1.40.0");
    p["MediaContainer"]["identifier"] = json!("com.plexapp.plugins.library");
    p["MediaContainer"]["Metadata"][0]["Collection"] = json!([{"tag": "Favourites"}]);
    p["MediaContainer"]["Metadata"][0]["Media"][0]["Part"] = json!([{"id": 1, "key": "/p"}]);
    p["MediaContainer"]["Metadata"][0]["geo"]["subdivisions"] = json!(null);
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
