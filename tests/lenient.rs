//! Numbers as APIs really send them, end to end: docs of a Plex-like listing
//! (`tests/fixtures/lenient/models`: integers bare, optional, nullable, in lists, maps,
//! nested containers, documented extra properties and unions; floats; booleans),
//! generated twice and checked in (`tests/snapshots/lenient_{plain,scalars}.rs`;
//! `UPDATE_SNAPSHOTS=1 cargo test --test lenient`):
//!
//! - `plain`, the default: integers also take floats with an integral value (`25.0`,
//!   `1e3`); anything else is an error naming the field;
//! - `lax`, with `Config::lenient_scalars`: numbers and booleans sent as strings too.
//!
//! Both write every value back in its documented type.

mod common;

// The snapshots are included whole; the tests use part of their API.
#[allow(dead_code)]
mod plain {
    include!("snapshots/lenient_plain.rs");
}

#[allow(dead_code)]
mod lax {
    include!("snapshots/lenient_scalars.rs");
}

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn config(lenient: bool) -> generator::Config {
    let mut c = generator::Config::new();
    c.input(common::repo().join("tests/fixtures/lenient/models"))
        .lenient_scalars(lenient);
    c
}

#[test]
fn snapshots_match_the_generator() {
    for (name, lenient) in [("plain", false), ("scalars", true)] {
        let code = config(lenient).generate().unwrap();
        common::check_snapshot(
            &format!("tests/snapshots/lenient_{name}.rs"),
            &code,
            "lenient",
        );
    }
}

fn de<T: DeserializeOwned>(payload: &Value) -> T {
    serde_json::from_value(payload.clone()).unwrap_or_else(|e| {
        panic!(
            "payload must deserialize as {}: {e}",
            std::any::type_name::<T>()
        )
    })
}

/// The error reading `text` (JSON text, so the message has serde_json's position).
fn err<T: DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
    match serde_json::from_str::<T>(text) {
        Ok(v) => panic!("{text} must not read, but read as {v:?}"),
        Err(e) => e.to_string(),
    }
}

fn ser<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

/// A listing as a media server whose backend computes in floats sends it: integer
/// fields arrive as `25.0`, `1e3`, `3.0`.
fn float_listing() -> Value {
    json!({
        "size": 1.0,
        "totalSize": 1.2e2,
        "offset": 0.0,
        "allowSync": true,
        "metadata": [{
            "ratingKey": "1024",
            "title": "The Long Voyage",
            "year": 1998.0,
            "viewCount": 3.0,
            "rating": 7.9,
            "chapterOffsets": [0, 60000.0, 1.2e5],
            "channelCounts": {"en": 6.0, "de": 2},
            "thumbSizes": [[320.0, 180], [1e3, 562.0]],
            "bitrates": {"1080p": [8000.0, 12000], "4k": []},
            "chapters": [
                {"index": 1.0, "startMs": 0.0, "thumbs": [3.0, 24], "loudness": -23.5},
                {"index": 2, "startMs": 6e4}
            ],
            "watched": [true, false],
            "stream": {
                "id": 3.0,
                "frameRate": 25.0,
                "bitDepth": 10.0,
                "level": 5.1,
                "default": true,
                "codec": "hevc"
            },
            "badge": 5.0,
            "grade": 4.0
        }]
    })
}

#[test]
fn integral_floats_read_as_integers_in_every_position() {
    let page: plain::components::MediaContainer = de(&float_listing());
    assert_eq!(page.size, 1);
    assert_eq!(page.total_size, Some(120));
    assert_eq!(page.offset, Some(0));
    let item = &page.metadata[0];
    assert_eq!(item.year, 1998);
    assert_eq!(item.view_count, Some(Some(3)));
    assert_eq!(item.chapter_offsets, Some(vec![0, 60000, 120000]));
    assert_eq!(
        item.channel_counts,
        Some(BTreeMap::from([("de".into(), 2), ("en".into(), 6)]))
    );
    assert_eq!(
        item.thumb_sizes,
        Some(vec![vec![320, 180], vec![1000, 562]])
    );
    let bitrates = item.bitrates.as_ref().unwrap();
    assert_eq!(bitrates["1080p"], [8000, 12000]);
    assert!(bitrates["4k"].is_empty());
    let chapters = item.chapters.as_ref().unwrap();
    assert_eq!((chapters[0].index, chapters[0].start_ms), (1, 0));
    assert_eq!(chapters[0].thumbs, Some(vec![3, 24]));
    assert_eq!((chapters[1].index, chapters[1].start_ms), (2, 60000));
    let stream = item.stream.as_ref().unwrap();
    assert_eq!(
        (stream.id, stream.frame_rate, stream.bit_depth),
        (3, 25, Some(10))
    );
    // A union's integer member takes the integral float before the string member
    // could; so does the integer member after a boolean one.
    assert_eq!(item.badge, Some(plain::components::Badge::Integer(5)));
    assert_eq!(item.grade, Some(plain::components::Grade::Integer(4)));

    // Written back as the integers the docs promise.
    let back = ser(&page);
    assert_eq!(back["size"], json!(1));
    assert_eq!(back["totalSize"], json!(120));
    let item = &back["metadata"][0];
    assert_eq!(item["year"], json!(1998));
    assert_eq!(item["chapterOffsets"], json!([0, 60000, 120000]));
    assert_eq!(item["channelCounts"], json!({"de": 2, "en": 6}));
    assert_eq!(item["thumbSizes"], json!([[320, 180], [1000, 562]]));
    assert_eq!(item["stream"]["frameRate"], json!(25));
    assert_eq!(item["stream"]["level"], json!(5.1));
    assert_eq!(item["badge"], json!(5));
    assert_eq!(item["chapters"][1], json!({"index": 2, "startMs": 60000}));
}

#[test]
fn nulls_and_absent_keys_read_as_before() {
    let page: plain::components::MediaContainer = de(&json!({
        "size": 1,
        "totalSize": null,
        "metadata": [{
            "ratingKey": "7",
            "title": "Short",
            "year": 2001,
            "viewCount": null
        }]
    }));
    assert_eq!((page.total_size, page.offset), (None, None));
    assert_eq!(page.metadata[0].view_count, Some(None));
    assert_eq!(page.metadata[0].chapter_offsets, None);
    let back = ser(&page);
    assert_eq!(back["totalSize"], Value::Null);
    assert_eq!(back["metadata"][0]["viewCount"], Value::Null);
    assert!(back.get("offset").is_none());
    // Absent stays absent, a missing required integer is serde's own error.
    let e = err::<plain::components::Stream>(
        r#"{"id": 1, "level": null, "default": true, "codec": "h264"}"#,
    );
    assert!(e.starts_with("missing field `frameRate`"), "{e}");
}

#[test]
fn extra_properties_holding_integers_take_integral_floats() {
    let counters: plain::components::Counters = de(&json!({"total": 12.0, "alice": 3.0, "bob": 9}));
    assert_eq!(counters.total, 12);
    assert_eq!(
        counters.additional_properties,
        BTreeMap::from([("alice".into(), 3), ("bob".into(), 9)])
    );
    assert_eq!(ser(&counters), json!({"total": 12, "alice": 3, "bob": 9}));
    let e = err::<plain::components::Counters>(r#"{"total": 1, "carol": 0.5}"#);
    assert!(
        e.contains("floating point `0.5`") && e.contains("`carol`"),
        "{e}"
    );
}

#[test]
fn a_fraction_or_an_out_of_range_number_is_an_error_naming_the_field() {
    let stream = |frame_rate: &str| {
        format!(
            r#"{{"id": 3, "frameRate": {frame_rate}, "level": 5.1, "default": true, "codec": "hevc"}}"#
        )
    };
    let e = err::<plain::components::Stream>(&stream("25.5"));
    assert_eq!(
        e,
        "invalid value: floating point `25.5`, expected i64 in field `frameRate` at line 1 column 27"
    );
    let e = err::<plain::components::Stream>(&stream("1e20"));
    assert!(
        e.contains("floating point `1e+20`") && e.contains("`frameRate`"),
        "{e}"
    );
    let e = err::<plain::components::Stream>(&stream("18446744073709551615"));
    assert!(
        e.contains("integer `18446744073709551615`, expected i64 in field `frameRate`"),
        "{e}"
    );
    // i32 fields hold i32's range.
    let e = err::<plain::components::Chapter>(r#"{"index": 3000000000, "startMs": 0}"#);
    assert!(
        e.contains("integer `3000000000`, expected i32 in field `index`"),
        "{e}"
    );
    let e = err::<plain::components::Chapter>(r#"{"index": 2147483648.0, "startMs": 0}"#);
    assert!(e.contains("expected i32 in field `index`"), "{e}");
    // Inside containers the field is named too.
    let item = |offsets: &str| {
        format!(r#"{{"ratingKey": "1", "title": "T", "year": 2000, "chapterOffsets": {offsets}}}"#)
    };
    let e = err::<plain::components::Metadata>(&item("[0, 1.5]"));
    assert!(
        e.contains("floating point `1.5`, expected i64 in field `chapterOffsets`"),
        "{e}"
    );
    let e = err::<plain::components::Metadata>(&item(r#"{"a": 1}"#));
    assert!(
        e.contains("expected a list in field `chapterOffsets`"),
        "{e}"
    );
    let e = err::<plain::components::Metadata>(
        r#"{"ratingKey": "1", "title": "T", "year": 2000, "bitrates": {"4k": [1, 2.5]}}"#,
    );
    assert!(e.contains("in field `bitrates`"), "{e}");
    // A non-integral float is no integer member, and the union has no float one.
    let e = err::<plain::components::Badge>("2.5");
    assert!(
        e.starts_with("no member of Badge matched: as Integer: invalid value: floating point `2.5`, expected i64"),
        "{e}"
    );
}

#[test]
fn without_lenient_scalars_numbers_and_booleans_sent_as_strings_are_errors() {
    let e = err::<plain::components::Stream>(
        r#"{"id": "3", "frameRate": 25, "level": 5.1, "default": true, "codec": "hevc"}"#,
    );
    assert!(
        e.starts_with(r#"invalid type: string "3", expected i64 in field `id`"#),
        "{e}"
    );
    let e = err::<plain::components::Stream>(
        r#"{"id": 3, "frameRate": 25, "level": 5.1, "default": "true", "codec": "hevc"}"#,
    );
    assert!(
        e.starts_with(r#"invalid type: string "true", expected a boolean"#),
        "{e}"
    );
    let e = err::<plain::components::Stream>(
        r#"{"id": 3, "frameRate": 25, "level": "5.1", "default": true, "codec": "hevc"}"#,
    );
    assert!(e.starts_with(r#"invalid type: string "5.1""#), "{e}");
    // A string is the union's string member, as it always was.
    assert_eq!(
        de::<plain::components::Badge>(&json!("5")),
        plain::components::Badge::Str("5".into())
    );
}

/// The listing as an API that sends every scalar as a string writes it.
fn string_listing() -> Value {
    json!({
        "size": "1",
        "totalSize": "120",
        "offset": "0",
        "allowSync": "1",
        "metadata": [{
            "ratingKey": "1024",
            "title": "The Long Voyage",
            "year": "1998",
            "viewCount": "3",
            "rating": "7.9",
            "chapterOffsets": ["0", "60000", 120000],
            "channelCounts": {"en": "6", "de": 2.0},
            "thumbSizes": [["320", "180"]],
            "bitrates": {"1080p": ["8000"]},
            "chapters": [{"index": "1", "startMs": "0", "loudness": "-23.5"}],
            "watched": ["true", "0", false],
            "stream": {
                "id": "3",
                "frameRate": "25.0",
                "bitDepth": "10",
                "level": "5.1",
                "default": "false",
                "codec": "hevc"
            },
            "badge": "5",
            "grade": "1"
        }]
    })
}

#[test]
fn lenient_scalars_read_numbers_and_booleans_sent_as_strings() {
    let page: lax::components::MediaContainer = de(&string_listing());
    assert_eq!(
        (page.size, page.total_size, page.offset),
        (1, Some(120), Some(0))
    );
    assert_eq!(page.allow_sync, Some(true));
    let item = &page.metadata[0];
    // Strings stay strings where the docs say so.
    assert_eq!(item.rating_key, "1024");
    assert_eq!(item.year, 1998);
    assert_eq!(item.view_count, Some(Some(3)));
    assert_eq!(item.rating, Some(7.9));
    assert_eq!(item.chapter_offsets, Some(vec![0, 60000, 120000]));
    assert_eq!(
        item.channel_counts,
        Some(BTreeMap::from([("de".into(), 2), ("en".into(), 6)]))
    );
    assert_eq!(item.thumb_sizes, Some(vec![vec![320, 180]]));
    assert_eq!(item.bitrates.as_ref().unwrap()["1080p"], [8000]);
    let chapter = &item.chapters.as_ref().unwrap()[0];
    assert_eq!((chapter.index, chapter.start_ms), (1, 0));
    assert_eq!(chapter.loudness, Some(-23.5f32));
    assert_eq!(item.watched, Some(vec![true, false, false]));
    let stream = item.stream.as_ref().unwrap();
    assert_eq!(
        (stream.id, stream.frame_rate, stream.bit_depth),
        (3, 25, Some(10))
    );
    assert_eq!((stream.level, stream.default), (Some(5.1), false));
    // The string member takes the string; `"1"` goes to the number member, not the
    // boolean one before it.
    assert_eq!(item.badge, Some(lax::components::Badge::Str("5".into())));
    assert_eq!(item.grade, Some(lax::components::Grade::Integer(1)));

    // Written back in the documented types.
    let back = ser(&page);
    assert_eq!(back["size"], json!(1));
    assert_eq!(back["totalSize"], json!(120));
    assert_eq!(back["allowSync"], json!(true));
    let item = &back["metadata"][0];
    assert_eq!(item["ratingKey"], json!("1024"));
    assert_eq!(item["year"], json!(1998));
    assert_eq!(item["rating"], json!(7.9));
    assert_eq!(item["channelCounts"], json!({"de": 2, "en": 6}));
    assert_eq!(item["watched"], json!([true, false, false]));
    assert_eq!(item["chapters"][0]["loudness"], json!(-23.5));
    assert_eq!(
        item["stream"],
        json!({"id": 3, "frameRate": 25, "bitDepth": 10, "level": 5.1, "default": false, "codec": "hevc"})
    );
    assert_eq!(item["grade"], json!(1));
    // What plain JSON numbers and booleans read as is unchanged.
    let page: lax::components::MediaContainer = de(&float_listing());
    assert_eq!(page.metadata[0].stream.as_ref().unwrap().frame_rate, 25);
    assert_eq!(page.allow_sync, Some(true));
}

#[test]
fn lenient_scalars_in_unions_and_extra_properties() {
    use lax::components::{Badge, Counters, Grade};
    assert_eq!(de::<Grade>(&json!("true")), Grade::Boolean(true));
    assert_eq!(de::<Grade>(&json!(false)), Grade::Boolean(false));
    assert_eq!(de::<Grade>(&json!("0")), Grade::Integer(0));
    assert_eq!(de::<Grade>(&json!("4")), Grade::Integer(4));
    assert_eq!(de::<Grade>(&json!(4.0)), Grade::Integer(4));
    assert_eq!(ser(&Grade::Integer(4)), json!(4));
    assert_eq!(de::<Badge>(&json!(5.0)), Badge::Integer(5));
    assert_eq!(de::<Badge>(&json!("new")), Badge::Str("new".into()));
    let counters: Counters = de(&json!({"total": "12", "alice": "3", "bob": 9.0}));
    assert_eq!(counters.total, 12);
    assert_eq!(
        counters.additional_properties,
        BTreeMap::from([("alice".into(), 3), ("bob".into(), 9)])
    );
    assert_eq!(ser(&counters), json!({"total": 12, "alice": 3, "bob": 9}));
}

#[test]
fn lenient_scalars_still_refuse_what_is_no_number_or_boolean() {
    use lax::components::Stream;
    let stream = |id: &str, level: &str, default: &str| {
        format!(
            r#"{{"id": {id}, "frameRate": 25, "level": {level}, "default": {default}, "codec": "hevc"}}"#
        )
    };
    let e = err::<Stream>(&stream(r#""three""#, "5.1", "true"));
    assert_eq!(
        e,
        r#"invalid value: string "three", expected i64 in field `id` at line 1 column 14"#
    );
    let e = err::<Stream>(&stream(r#""2.5""#, "5.1", "true"));
    assert!(
        e.starts_with(r#"invalid value: string "2.5", expected i64 in field `id`"#),
        "{e}"
    );
    let e = err::<Stream>(&stream("3", r#""NaN""#, "true"));
    assert!(
        e.starts_with(r#"invalid value: string "NaN", expected f64 in field `level`"#),
        "{e}"
    );
    let e = err::<Stream>(&stream("3", r#""""#, "true"));
    assert!(e.contains("expected f64 in field `level`"), "{e}");
    let e = err::<Stream>(&stream("3", "5.1", r#""yes""#));
    assert!(
        e.starts_with(r#"invalid value: string "yes", expected a boolean in field `default`"#),
        "{e}"
    );
    let e = err::<Stream>(&stream("3", "5.1", "1"));
    assert!(
        e.starts_with("invalid type: integer `1`, expected a boolean"),
        "{e}"
    );
    let e = err::<Stream>(&stream("3.5", "5.1", "true"));
    assert!(
        e.contains("floating point `3.5`, expected i64 in field `id`"),
        "{e}"
    );
}
