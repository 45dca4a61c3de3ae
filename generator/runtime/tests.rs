//! Unit tests of the runtime, through serde_json as the emitted code uses it: the
//! readers (every way of reading a field, errors, duplicate keys), kept unknown keys,
//! float output, and the round-trip harness.

use super::harness::{check_all_with, first_difference, path_at, round_trip};
use super::helpers::{
    float, floats, missing, object, read_as, read_int_as, read_lax_as, read_lax_bool_as, Fields,
    FromMap, Key, Out, UnknownKeys, UnknownValue,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::de::MapAccess;
use serde_json::value::Serializer as W;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// A required slot's value, or serde's `missing field` error (the emitted readers
/// write this as a `let ... else` per required field).
fn required<T, E: serde::de::Error>(slot: Option<T>, key: &'static str) -> Result<T, E> {
    match slot {
        Some(v) => Ok(v),
        None => Err(missing(key)),
    }
}

/// A struct read the way the emitted readers read one: every `Fields` method that
/// fills a slot, with two spellings of `name`.
#[derive(Debug, PartialEq)]
struct Record {
    name: String,
    note: Option<Option<String>>,
    any: Option<Value>,
    at: DateTime<Utc>,
    seen: Option<DateTime<Utc>>,
    gone: Option<Option<DateTime<Utc>>>,
    day: NaiveDate,
    since: Option<NaiveDate>,
    until: Option<Option<NaiveDate>>,
}

impl<'de> FromMap<'de> for Record {
    const EXPECTING: &'static str = "struct Record";
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        let mut m = Fields::new(map);
        let (mut name, mut note, mut any) = (None, None, None);
        let (mut at, mut seen, mut gone) = (None, None, None);
        let (mut day, mut since, mut until) = (None, None, None);
        while let Some(k) = m.next_key()? {
            match k.as_str() {
                "name" | "Name" => m.field(&mut name, "name")?,
                "note" => m.some(&mut note, "note")?,
                "any" => m.some(&mut any, "any")?,
                "at" => m.time(&mut at, "at")?,
                "seen" => m.opt_time(&mut seen, "seen")?,
                "gone" => m.some_opt_time(&mut gone, "gone")?,
                "day" => m.date(&mut day, "day")?,
                "since" => m.opt_date(&mut since, "since")?,
                "until" => m.some_opt_date(&mut until, "until")?,
                _ => m.skip()?,
            }
        }
        Ok(Record {
            name: required(name, "name")?,
            note: note.flatten(),
            any: any.flatten(),
            at: required(at, "at")?,
            seen: seen.flatten(),
            gone: gone.flatten(),
            day: required(day, "day")?,
            since: since.flatten(),
            until: until.flatten(),
        })
    }
}

impl<'de> serde::Deserialize<'de> for Record {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        object(d)
    }
}

/// Keeps undeclared keys in a map, as `--keep-unknown` structs do.
#[derive(Debug, PartialEq)]
struct Open {
    extra: BTreeMap<String, Value>,
}

impl<'de> FromMap<'de> for Open {
    const EXPECTING: &'static str = "struct Open";
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        let mut m = Fields::new(map);
        let mut extra = BTreeMap::new();
        while let Some(k) = m.next_key()? {
            m.keep(&mut extra, k)?;
        }
        Ok(Open { extra })
    }
}

/// Keeps undeclared keys as text, as `--keep-unknown=text` structs do.
#[derive(Debug, PartialEq)]
struct Kept {
    id: Option<i64>,
    rest: UnknownKeys,
}

impl<'de> FromMap<'de> for Kept {
    const EXPECTING: &'static str = "struct Kept";
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        let mut m = Fields::new(map);
        let mut id = None;
        let mut rest = UnknownKeys::new();
        while let Some(k) = m.next_key()? {
            match k.as_str() {
                "id" => m.field(&mut id, "id")?,
                _ => m.keep_text(&mut rest, k)?,
            }
        }
        Ok(Kept {
            id: id.flatten(),
            rest,
        })
    }
}

/// Declares nothing and keeps nothing.
#[derive(Debug, PartialEq)]
struct Empty {}

impl<'de> FromMap<'de> for Empty {
    const EXPECTING: &'static str = "struct Empty";
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        Fields::new(map).skip_all()?;
        Ok(Empty {})
    }
}

fn read<T: for<'de> FromMap<'de>>(text: &str) -> Result<T, String> {
    let mut d = serde_json::Deserializer::from_str(text);
    object(&mut d).map_err(|e: serde_json::Error| e.to_string())
}

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const MINIMAL: &str = r#"{"name": "a", "at": "2024-01-02T03:04:05Z", "day": "2024-01-31"}"#;

#[test]
fn a_struct_reads_every_kind_of_field() {
    let r: Record = read(
        r#"{"Name": "a", "note": null, "any": null, "at": "2024-01-02T05:04:05+02:00",
            "seen": 1700000000, "gone": null, "day": "2024-01-31", "since": null,
            "until": "2024-02-29", "other": [1, {"x": 2}]}"#,
    )
    .unwrap();
    assert_eq!(
        r,
        Record {
            name: "a".into(),
            note: Some(None),
            any: Some(Value::Null),
            at: utc("2024-01-02T03:04:05Z"),
            seen: Some(utc("2023-11-14T22:13:20Z")),
            gone: Some(None),
            day: ymd(2024, 1, 31),
            since: None,
            until: Some(Some(ymd(2024, 2, 29))),
        }
    );
    // Absent stays apart from `null` where the slot can tell them apart.
    let r: Record = read(MINIMAL).unwrap();
    assert_eq!((r.note, r.any, r.gone, r.until), (None, None, None, None));
    // serde_json's Value reader takes the same path.
    let r: Record = serde_json::from_value(serde_json::from_str(MINIMAL).unwrap()).unwrap();
    assert_eq!(r.name, "a");
}

#[test]
fn reader_errors_are_serdes_own() {
    let err = read::<Record>(r#"{"at": "2024-01-02T03:04:05Z", "day": "2024-01-31"}"#);
    assert!(err.unwrap_err().starts_with("missing field `name`"));
    let err = read::<Record>(r#"{"name": "a", "Name": "b"}"#).unwrap_err();
    assert!(err.starts_with("duplicate field `name`"), "{err}");
    let err = serde_json::from_str::<Record>("[1, 2]")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("invalid type: sequence, expected struct Record"),
        "{err}"
    );
    let err = read::<Record>(r#"{"name": 1}"#).unwrap_err();
    assert!(
        err.starts_with("invalid type: integer `1`, expected a string"),
        "{err}"
    );
}

#[test]
fn timestamps_read_leniently() {
    let at = |v: &str| {
        let text = MINIMAL.replace(r#""2024-01-02T03:04:05Z""#, v);
        read::<Record>(&text).map(|r| r.at)
    };
    let want = utc("2024-01-02T03:04:05Z");
    for ok in [
        r#""2024-01-02T03:04:05Z""#,
        r#""2024-01-02T04:04:05+01:00""#,
        r#""2024-01-02 03:04:05""#,
        r#""2024-01-02T03:04:05""#,
        "1704164645",
    ] {
        assert_eq!(at(ok), Ok(want), "{ok}");
    }
    assert_eq!(
        at(r#""2024-01-02 03:04:05.5""#)
            .unwrap()
            .timestamp_subsec_millis(),
        500
    );
    assert_eq!(at(r#""2024-01-02""#), Ok(utc("2024-01-02T00:00:00Z")));
    let err = at(r#""yesterday""#).unwrap_err();
    assert!(
        err.contains("an RFC 3339 timestamp, a date, or epoch seconds"),
        "{err}"
    );
    assert!(at("18446744073709551615")
        .unwrap_err()
        .starts_with("invalid value: integer"));
}

#[test]
fn dates_read_as_chrono_reads_them() {
    let day = |v: &str| read::<Record>(&MINIMAL.replace("2024-01-31", v)).map(|r| r.day);
    assert_eq!(day("0001-01-01"), Ok(ymd(1, 1, 1)));
    assert_eq!(day("+12345-01-01"), Ok(ymd(12345, 1, 1)));
    // Anything else, a date that does not exist too: chrono's own result or error.
    for other in [
        "2023-02-29",
        "2024-1-31",
        "31.01.2024",
        "2024-01-31T00:00:00",
        " 2024-01-31",
    ] {
        match other.parse::<NaiveDate>() {
            Ok(d) => assert_eq!(day(other), Ok(d), "{other}"),
            Err(e) => {
                let err = day(other).unwrap_err();
                assert!(err.starts_with(&e.to_string()), "{other}: {err} vs {e}");
            }
        }
    }
}

// Numbers and booleans: integral floats for integers, strings under `Lax`.

use super::helpers::{int_from_value, int_member, lax_bool_member, lax_from_value, lax_member};

/// Numeric fields read as the emitted readers read them: `scalar` without
/// `--lenient-scalars`, `lax` with it.
#[derive(Debug, PartialEq, Default)]
struct Numbers {
    count: i64,
    small: Option<i32>,
    skipped: Option<Option<i64>>,
    sizes: Option<Vec<Option<i64>>>,
    nested: Option<BTreeMap<String, Vec<i32>>>,
    ratio: Option<f64>,
    level: Option<f32>,
    flag: Option<bool>,
    flags: Option<Option<Vec<bool>>>,
    extra: BTreeMap<String, i64>,
}

impl<'de> FromMap<'de> for Numbers {
    const EXPECTING: &'static str = "struct Numbers";
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        let mut m = Fields::new(map);
        let (mut count, mut small, mut skipped, mut sizes) = (None, None, None, None);
        let mut nested = None;
        let mut extra = BTreeMap::new();
        while let Some(k) = m.next_key()? {
            match k.as_str() {
                "count" => m.scalar(&mut count, "count")?,
                "small" => m.scalar(&mut small, "small")?,
                "skipped" => m.some_scalar(&mut skipped, "skipped")?,
                "sizes" => m.scalar(&mut sizes, "sizes")?,
                "nested" => m.scalar(&mut nested, "nested")?,
                _ => m.keep_scalar(&mut extra, k)?,
            }
        }
        Ok(Numbers {
            count: required(count, "count")?,
            small: small.flatten(),
            skipped: skipped.flatten(),
            sizes: sizes.flatten(),
            nested: nested.flatten(),
            extra,
            ..Numbers::default()
        })
    }
}

/// `Numbers` under `--lenient-scalars`: every field through `lax`.
#[derive(Debug, PartialEq)]
struct Lenient(Numbers);

impl<'de> FromMap<'de> for Lenient {
    const EXPECTING: &'static str = "struct Lenient";
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        let mut m = Fields::new(map);
        let (mut count, mut small, mut skipped, mut sizes) = (None, None, None, None);
        let (mut nested, mut ratio, mut level) = (None, None, None);
        let (mut flag, mut flags) = (None, None);
        let mut extra = BTreeMap::new();
        while let Some(k) = m.next_key()? {
            match k.as_str() {
                "count" => m.lax(&mut count, "count")?,
                "small" => m.lax(&mut small, "small")?,
                "skipped" => m.some_lax(&mut skipped, "skipped")?,
                "sizes" => m.lax(&mut sizes, "sizes")?,
                "nested" => m.lax(&mut nested, "nested")?,
                "ratio" => m.lax(&mut ratio, "ratio")?,
                "level" => m.lax(&mut level, "level")?,
                "flag" => m.lax(&mut flag, "flag")?,
                "flags" => m.some_lax(&mut flags, "flags")?,
                _ => m.keep_lax(&mut extra, k)?,
            }
        }
        Ok(Lenient(Numbers {
            count: required(count, "count")?,
            small: small.flatten(),
            skipped: skipped.flatten(),
            sizes: sizes.flatten(),
            nested: nested.flatten(),
            ratio: ratio.flatten(),
            level: level.flatten(),
            flag: flag.flatten(),
            flags: flags.flatten(),
            extra,
        }))
    }
}

/// Reads `text` through serde_json's text reader and, when that works, through its
/// `Value` reader too, which must agree.
fn numbers<T: for<'de> FromMap<'de> + PartialEq + std::fmt::Debug>(
    text: &str,
) -> Result<T, String> {
    let from_text = read::<T>(text);
    if let Ok(v) = &from_text {
        let value: Value = serde_json::from_str(text).unwrap();
        let from_value: T = object(&value).unwrap();
        assert_eq!(&from_value, v, "{text}");
    }
    from_text
}

#[test]
fn integers_take_integral_floats_everywhere() {
    let n: Numbers = numbers(
        r#"{"count": 25.0, "small": -3e2, "skipped": 1.0, "sizes": [3.0, null, 4],
            "nested": {"a": [1e1, 2]}, "other": 6.0}"#,
    )
    .unwrap();
    assert_eq!(n.count, 25);
    assert_eq!(n.small, Some(-300));
    assert_eq!(n.skipped, Some(Some(1)));
    assert_eq!(n.sizes, Some(vec![Some(3), None, Some(4)]));
    assert_eq!(n.nested, Some(BTreeMap::from([("a".into(), vec![10, 2])])));
    assert_eq!(n.extra, BTreeMap::from([("other".into(), 6)]));
    // `null` apart from absent where the slot tells them apart.
    let n: Numbers = numbers(r#"{"count": 1, "small": null, "skipped": null}"#).unwrap();
    assert_eq!((n.small, n.skipped, n.sizes), (None, Some(None), None));
    let n: Numbers = numbers(r#"{"count": -0.0}"#).unwrap();
    assert_eq!((n.count, n.skipped), (0, None));
    // The ends of the range, as integers and as floats.
    let n: Numbers = numbers(r#"{"count": -9223372036854775808, "small": 2147483647}"#).unwrap();
    assert_eq!((n.count, n.small), (i64::MIN, Some(i32::MAX)));
    let n: Numbers = numbers(r#"{"count": -9.223372036854775808e18}"#).unwrap();
    assert_eq!(n.count, i64::MIN);
}

#[test]
fn integers_refuse_fractions_and_out_of_range_values_naming_the_field() {
    let err = |text: &str| numbers::<Numbers>(text).unwrap_err();
    assert_eq!(
        err(r#"{"count": 25.5}"#),
        "invalid value: floating point `25.5`, expected i64 in field `count` at line 1 column 14"
    );
    // 2^63 is the first float past i64's range.
    let e = err(r#"{"count": 9.223372036854775808e18}"#);
    assert!(e.contains("expected i64 in field `count`"), "{e}");
    let e = err(r#"{"count": 9223372036854775808}"#);
    assert!(
        e.starts_with("invalid value: integer `9223372036854775808`, expected i64"),
        "{e}"
    );
    let e = err(r#"{"count": 1, "small": 2147483648}"#);
    assert!(
        e.starts_with("invalid value: integer `2147483648`, expected i32 in field `small`"),
        "{e}"
    );
    let e = err(r#"{"count": 1, "small": -2147483649.0}"#);
    assert!(e.contains("expected i32 in field `small`"), "{e}");
    let e = err(r#"{"count": 1, "sizes": [1, 0.5]}"#);
    assert!(
        e.contains("floating point `0.5`, expected i64 in field `sizes`"),
        "{e}"
    );
    let e = err(r#"{"count": 1, "sizes": {"a": 1}}"#);
    assert!(
        e.starts_with("invalid type: map, expected a list in field `sizes`"),
        "{e}"
    );
    let e = err(r#"{"count": 1, "nested": {"a": 1}}"#);
    assert!(
        e.starts_with("invalid type: integer `1`, expected a list in field `nested`"),
        "{e}"
    );
    let e = err(r#"{"count": 1, "other": 0.25}"#);
    assert!(e.contains("expected i64 in field `other`"), "{e}");
    // Strings, booleans and the rest stay errors.
    let e = err(r#"{"count": "25"}"#);
    assert!(
        e.starts_with(r#"invalid type: string "25", expected i64 in field `count`"#),
        "{e}"
    );
    let e = err(r#"{"count": true}"#);
    assert!(
        e.starts_with("invalid type: boolean `true`, expected i64"),
        "{e}"
    );
    let e = err(r#"{"count": null}"#);
    assert!(
        e.starts_with("invalid type: null, expected i64 in field `count`"),
        "{e}"
    );
    // Two spellings of a key and missing keys as before.
    assert!(err(r#"{}"#).starts_with("missing field `count`"));
}

#[test]
fn lax_reads_numbers_and_booleans_sent_as_strings() {
    let Lenient(n) = numbers(
        r#"{"count": "25", "small": "-3e2", "skipped": "7", "sizes": ["3.0", null, 4.0],
            "nested": {"a": ["10", 2]}, "ratio": "1.5", "level": "23.976", "flag": "1",
            "flags": ["true", "false", "0", true], "other": "+6"}"#,
    )
    .unwrap();
    assert_eq!(n.count, 25);
    assert_eq!(n.small, Some(-300));
    assert_eq!(n.skipped, Some(Some(7)));
    assert_eq!(n.sizes, Some(vec![Some(3), None, Some(4)]));
    assert_eq!(n.nested, Some(BTreeMap::from([("a".into(), vec![10, 2])])));
    assert_eq!(n.ratio, Some(1.5));
    // An f32 parsed as itself, not rounded through an f64.
    assert_eq!(n.level, Some("23.976".parse::<f32>().unwrap()));
    assert_eq!(n.flag, Some(true));
    assert_eq!(n.flags, Some(Some(vec![true, false, false, true])));
    assert_eq!(n.extra, BTreeMap::from([("other".into(), 6)]));
    // Numbers and booleans as JSON has them read as before; a float takes integers.
    let Lenient(n) =
        numbers(r#"{"count": 1, "ratio": 2, "level": -0.5, "flag": false, "flags": null}"#)
            .unwrap();
    assert_eq!(
        (n.ratio, n.level, n.flag, n.flags),
        (Some(2.0), Some(-0.5), Some(false), Some(None))
    );
}

#[test]
fn lax_still_refuses_what_is_no_number_or_boolean() {
    let err = |text: &str| numbers::<Lenient>(text).unwrap_err();
    for (text, want) in [
        (
            r#"{"count": "25.5"}"#,
            r#"invalid value: string "25.5", expected i64 in field `count`"#,
        ),
        (
            r#"{"count": " 25"}"#,
            r#"invalid value: string " 25", expected i64"#,
        ),
        (
            r#"{"count": "0x19"}"#,
            r#"invalid value: string "0x19", expected i64"#,
        ),
        (
            r#"{"count": ""}"#,
            r#"invalid value: string "", expected i64"#,
        ),
        (
            r#"{"count": "9223372036854775808"}"#,
            r#"invalid value: string "9223372036854775808""#,
        ),
        (
            r#"{"count": 1, "small": "2147483648"}"#,
            r#"invalid value: string "2147483648", expected i32 in field `small`"#,
        ),
        (
            r#"{"count": 1, "ratio": "NaN"}"#,
            r#"invalid value: string "NaN", expected f64 in field `ratio`"#,
        ),
        (
            r#"{"count": 1, "ratio": "inf"}"#,
            r#"invalid value: string "inf", expected f64"#,
        ),
        (
            r#"{"count": 1, "level": "1e39"}"#,
            r#"invalid value: string "1e39", expected f32"#,
        ),
        (
            r#"{"count": 1, "ratio": true}"#,
            "invalid type: boolean `true`, expected f64 in field `ratio`",
        ),
        (
            r#"{"count": 1, "flag": "yes"}"#,
            r#"invalid value: string "yes", expected a boolean in field `flag`"#,
        ),
        (
            r#"{"count": 1, "flag": "TRUE"}"#,
            r#"invalid value: string "TRUE", expected a boolean"#,
        ),
        (
            r#"{"count": 1, "flag": 1}"#,
            "invalid type: integer `1`, expected a boolean in field `flag`",
        ),
        (
            r#"{"count": 1, "flags": ["2"]}"#,
            r#"invalid value: string "2", expected a boolean in field `flags`"#,
        ),
    ] {
        let e = err(text);
        assert!(e.starts_with(want), "{text}: {e}");
    }
}

/// A union as derived today: untagged, integer members through `int_member`.
#[derive(Debug, PartialEq, serde::Deserialize)]
#[serde(untagged)]
enum Badge {
    #[serde(deserialize_with = "int_member")]
    Integer(i64),
    #[serde(deserialize_with = "int_member")]
    Counts(Vec<i32>),
    Str(String),
}

/// `--lenient-scalars` in a union with no string member.
#[derive(Debug, PartialEq, serde::Deserialize)]
#[serde(untagged)]
enum Grade {
    #[serde(deserialize_with = "lax_bool_member")]
    Boolean(bool),
    #[serde(deserialize_with = "lax_member")]
    Integer(i64),
    #[serde(deserialize_with = "lax_member")]
    Number(f64),
}

#[test]
fn union_members_read_through_serdes_buffer() {
    let badge = |v: Value| serde_json::from_value::<Badge>(v).unwrap();
    assert_eq!(badge(json!(5.0)), Badge::Integer(5));
    assert_eq!(badge(json!(5)), Badge::Integer(5));
    assert_eq!(badge(json!([1.0, 2])), Badge::Counts(vec![1, 2]));
    assert_eq!(badge(json!("5")), Badge::Str("5".into()));
    assert!(serde_json::from_str::<Badge>("5.5").is_err());
    let grade = |text: &str| serde_json::from_str::<Grade>(text).unwrap();
    assert_eq!(grade(r#""true""#), Grade::Boolean(true));
    assert_eq!(grade("false"), Grade::Boolean(false));
    assert_eq!(grade(r#""1""#), Grade::Integer(1));
    assert_eq!(grade("3.0"), Grade::Integer(3));
    assert_eq!(grade(r#""2.5""#), Grade::Number(2.5));
    assert!(serde_json::from_str::<Grade>(r#""x""#).is_err());
}

#[test]
fn members_read_from_a_buffered_value() {
    assert_eq!(int_from_value::<i64>(&json!(25.0)).unwrap(), 25);
    assert_eq!(
        int_from_value::<Vec<Option<i32>>>(&json!([1.0, null])).unwrap(),
        [Some(1), None]
    );
    let e = int_from_value::<i64>(&json!(25.5)).unwrap_err().to_string();
    assert_eq!(e, "invalid value: floating point `25.5`, expected i64");
    assert!(int_from_value::<i64>(&json!("25")).is_err());
    assert_eq!(lax_from_value::<i64>(&json!("25")).unwrap(), 25);
    assert!(!lax_from_value::<bool>(&json!("0")).unwrap());
    assert_eq!(
        lax_from_value::<BTreeMap<String, f64>>(&json!({"a": "1.5"})).unwrap(),
        BTreeMap::from([("a".into(), 1.5)])
    );
    assert!(lax_from_value::<f64>(&json!({})).is_err());
}

#[test]
fn keys_borrow_when_they_can() {
    let k: Key = serde_json::from_str(r#""plain""#).unwrap();
    assert_eq!(k.as_str(), "plain");
    // An escaped key cannot be borrowed from the input; it reads all the same.
    let k: Key = serde_json::from_str(r#""a\"b""#).unwrap();
    assert_eq!(k.into_string(), "a\"b");
    assert!(serde_json::from_str::<Key>("1").is_err());
}

#[test]
fn undeclared_keys_are_skipped_or_kept_in_a_map() {
    let open: Open = read(r#"{"a": 1, "b": {"c": [true]}}"#).unwrap();
    assert_eq!(
        serde_json::to_value(&open.extra).unwrap(),
        json!({"a": 1, "b": {"c": [true]}})
    );
    assert_eq!(read::<Empty>(r#"{"a": 1, "b": [2]}"#), Ok(Empty {}));
    let err = serde_json::from_str::<Empty>("[]").unwrap_err().to_string();
    assert!(err.contains("expected struct Empty"), "{err}");
}

impl<'de> serde::Deserialize<'de> for Empty {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        object(d)
    }
}

#[test]
fn kept_text_keeps_order_repeats_and_values() {
    let k: Kept = read(r#"{"z": 1.50, "id": 7, "a": {"y": null, "b": [1, "x"]}, "z": 2}"#).unwrap();
    assert_eq!(k.id, Some(7));
    let rest = &k.rest;
    assert!(!rest.is_empty());
    // The text as it came, a repeated key twice; numbers in serde_json's spelling.
    assert_eq!(
        rest.to_json(),
        r#"{"z":1.5,"a":{"y":null,"b":[1,"x"]},"z":2}"#
    );
    // As a map: a repeated key once, in its first place with its last value.
    assert_eq!(rest.len(), 2);
    let keys: Vec<&str> = rest.iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["z", "a"]);
    assert_eq!(rest.get("z"), Some(&json!(2)));
    assert_eq!(rest.get("nope"), None);
    assert_eq!(
        rest.to_map(),
        json!({"z": 2, "a": {"y": null, "b": [1, "x"]}})
            .as_object()
            .cloned()
            .unwrap()
    );
    assert_eq!(
        format!("{rest:?}"),
        r#"{"z": Number(2), "a": Object {"b": Array [Number(1), String("x")], "y": Null}}"#
    );
    // Written back as it came, straight from the text, through both serde_json writers;
    // looking inside changed nothing.
    assert_eq!(serde_json::to_string(rest).unwrap(), rest.to_json());
    assert_eq!(
        serde_json::to_value(rest).unwrap(),
        json!({"z": 2, "a": {"y": null, "b": [1, "x"]}})
    );
    // Read on its own, it is an object of kept keys.
    let again: UnknownKeys = serde_json::from_str(&rest.to_json()).unwrap();
    assert_eq!(&again, rest);
    assert!(serde_json::from_str::<UnknownKeys>("[1]").is_err());
}

/// A Plex-like listing entry whose undeclared keys are looked at and edited as a map:
/// every operation keeps the order the keys came in.
#[test]
fn kept_text_works_as_a_map_in_arrival_order() {
    let payload = r#"{
        "ratingKey": "5d77",
        "id": 12,
        "librarySectionTitle": "Movies",
        "Guid": [{"id": "imdb://tt0111161"}, {"id": "tmdb://278"}],
        "audienceRating": 9.3,
        "hasPremiumExtras": "1",
        "viewOffset": null
    }"#;
    let mut k: Kept = read(payload).unwrap();
    let rest = &mut k.rest;
    let order = |u: &UnknownKeys| u.iter().map(|(k, _)| k.to_owned()).collect::<Vec<_>>();
    assert_eq!(rest.len(), 6);
    assert_eq!(
        order(rest),
        [
            "ratingKey",
            "librarySectionTitle",
            "Guid",
            "audienceRating",
            "hasPremiumExtras",
            "viewOffset"
        ]
    );
    assert!(rest.contains_key("Guid"));
    assert!(!rest.contains_key("id"), "declared keys are not kept");
    assert_eq!(rest.get("audienceRating"), Some(&json!(9.3)));
    assert_eq!(rest.get("viewOffset"), Some(&Value::Null));
    assert_eq!(
        rest.get("Guid").and_then(|g| g[1]["id"].as_str()),
        Some("tmdb://278")
    );
    // Anything serde can write goes in: an existing key keeps its place, a new one goes last.
    assert_eq!(rest.insert("ratingKey", 5077).unwrap(), Some(json!("5d77")));
    assert_eq!(rest.insert("userRating", 8.5_f32).unwrap(), None);
    let labels = BTreeMap::from([("label", vec!["classic"])]);
    assert_eq!(rest.insert(String::from("Label"), &labels).unwrap(), None);
    assert_eq!(rest.remove("hasPremiumExtras"), Some(json!("1")));
    assert_eq!(rest.remove("hasPremiumExtras"), None);
    if let Some(Value::String(title)) = rest.get_mut("librarySectionTitle") {
        title.push_str(" (4K)");
    }
    assert_eq!(rest.get_mut("nope"), None);
    assert_eq!(
        order(rest),
        [
            "ratingKey",
            "librarySectionTitle",
            "Guid",
            "audienceRating",
            "viewOffset",
            "userRating",
            "Label"
        ]
    );
    assert_eq!(
        rest.to_json(),
        r#"{"ratingKey":5077,"librarySectionTitle":"Movies (4K)","Guid":[{"id":"imdb://tt0111161"},{"id":"tmdb://278"}],"audienceRating":9.3,"viewOffset":null,"userRating":8.5,"Label":{"label":["classic"]}}"#
    );
    assert_eq!(serde_json::to_string(&*rest).unwrap(), rest.to_json());
    // Owned and borrowed iteration, and collecting back, keep the order.
    let pairs: Vec<(String, Value)> = rest.clone().into_iter().collect();
    assert_eq!(pairs[0], ("ratingKey".to_owned(), json!(5077)));
    assert_eq!(pairs.len(), 7);
    let mut seen = Vec::new();
    for (key, value) in &*rest {
        seen.push((key.to_owned(), value.clone()));
    }
    assert_eq!(seen, pairs);
    let back: UnknownKeys = pairs.into_iter().collect();
    assert_eq!(back.to_json(), rest.to_json());
    // A key that cannot be JSON (a map with integer keys) is refused, changing nothing.
    let before = rest.to_json();
    assert!(
        rest.insert("bad", BTreeMap::from([(1, 2)])).is_ok(),
        "serde_json writes integer keys as strings"
    );
    assert!(rest.insert("bad", BTreeMap::from([(vec![1], 2)])).is_err());
    assert_eq!(rest.remove("bad"), Some(json!({"1": 2})));
    assert_eq!(rest.to_json(), before);
}

#[test]
fn kept_text_is_edited_in_place() {
    let mut keys = UnknownKeys::new();
    assert!(keys.is_empty());
    assert_eq!(keys.len(), 0);
    assert_eq!(keys.to_json(), "{}");
    assert_eq!(serde_json::to_string(&keys).unwrap(), "{}");
    assert_eq!(keys.insert("a", json!(1)).unwrap(), None);
    assert_eq!(keys.insert("b", [2]).unwrap(), None);
    // Setting a key keeps its place and returns the old value.
    assert_eq!(keys.insert("a", "x").unwrap(), Some(json!(1)));
    assert_eq!(keys.to_json(), r#"{"a":"x","b":[2]}"#);
    assert_eq!(keys.remove("c"), None);
    assert_eq!(keys.remove("b"), Some(json!([2])));
    assert_eq!(keys.to_json(), r#"{"a":"x"}"#);
    assert_eq!(keys.remove("a"), Some(json!("x")));
    assert!(keys.is_empty());
    assert_eq!(serde_json::to_string(&keys).unwrap(), "{}");
    // Equality ignores order, as two maps would.
    let ab: UnknownKeys = [("a".into(), json!(1)), ("b".into(), json!(2))]
        .into_iter()
        .collect();
    let map = json!({"b": 2, "a": 1}).as_object().cloned().unwrap();
    assert_eq!(ab, UnknownKeys::from(map));
    assert_ne!(ab, UnknownKeys::new());
    let read: UnknownKeys = serde_json::from_str(r#"{"b": 2, "a": 1}"#).unwrap();
    assert_eq!(read, ab);
    let other: UnknownKeys = serde_json::from_str(r#"{"b": 2, "a": 3}"#).unwrap();
    assert_ne!(read, other);
    // A repeat keeps the first place and the last value.
    let repeat: UnknownKeys = [
        ("a".into(), json!(1)),
        ("b".into(), json!(2)),
        ("a".into(), json!(3)),
    ]
    .into_iter()
    .collect();
    assert_eq!(repeat.to_json(), r#"{"a":3,"b":2}"#);
}

/// Many kept keys, some sent twice: each counts once, in its first place with its
/// last value, whether read or collected.
#[test]
fn kept_text_with_many_keys_keeps_each_once() {
    let mut text = String::from("{");
    let mut pairs = Vec::new();
    for i in 0..40 {
        // Every fifth key comes back at the end with a new value.
        text.push_str(&format!("\"k{i}\": {i},"));
        pairs.push((format!("k{i}"), json!(i)));
    }
    for i in (0..40).step_by(5) {
        text.push_str(&format!("\"k{i}\": \"again\","));
        pairs.push((format!("k{i}"), json!("again")));
    }
    text.pop();
    text.push('}');
    let read: UnknownKeys = serde_json::from_str(&text).unwrap();
    let collected: UnknownKeys = pairs.into_iter().collect();
    for keys in [&read, &collected] {
        assert_eq!(keys.len(), 40);
        let order: Vec<&str> = keys.iter().map(|(k, _)| k).collect();
        let want: Vec<String> = (0..40).map(|i| format!("k{i}")).collect();
        assert_eq!(order, want);
        assert_eq!(keys.get("k35"), Some(&json!("again")));
        assert_eq!(keys.get("k36"), Some(&json!(36)));
    }
    assert_eq!(read, collected);
}

#[test]
fn kept_text_refuses_values_nested_deeper_than_serde_json_reads_back() {
    let nested = |depth: usize| format!(r#"{{"k": {}1{}}}"#, "[".repeat(depth), "]".repeat(depth));
    let k: Kept = read(&nested(126)).unwrap();
    assert_eq!(
        serde_json::to_string(&k.rest).unwrap(),
        nested(126).replace(' ', "")
    );
    // serde_json's own limit refuses 128 levels before the runtime sees them; a value
    // built in memory goes one level further, which only the runtime can refuse.
    let mut deep = json!(1);
    for _ in 0..127 {
        deep = json!([deep]);
    }
    let err = serde_json::from_value::<UnknownKeys>(json!({ "k": deep })).unwrap_err();
    assert!(err.to_string().contains("nests deeper than 126"), "{err}");
    // `insert` refuses what reading refuses.
    let mut keys = UnknownKeys::new();
    let err = keys.insert("k", &deep).unwrap_err();
    assert!(err.to_string().contains("nests deeper than 126"), "{err}");
    assert!(keys.is_empty());
    let Value::Array(inner) = deep else {
        unreachable!()
    };
    assert_eq!(keys.insert("k", &inner[0]).unwrap(), None);
}

/// The `FromStr` error of an enum without a catch-all says which enum and which text.
#[test]
fn an_unknown_value_names_the_enum_and_the_text() {
    let err = UnknownValue::new("Status", "archived \"old\"");
    assert_eq!(err.enum_name(), "Status");
    assert_eq!(err.value(), "archived \"old\"");
    assert_eq!(
        err.to_string(),
        r#""archived \"old\"" is not a value of Status"#
    );
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(err.clone());
    assert_eq!(boxed.to_string(), err.to_string());
}

#[test]
fn integral_floats_are_written_as_integers() {
    assert_eq!(float(&1800.0f64, W).unwrap(), json!(1800));
    assert_eq!(float(&-0.5f64, W).unwrap(), json!(-0.5));
    assert_eq!(float(&1e300f64, W).unwrap(), json!(1e300));
    // An f32 in its own precision, not widened.
    assert_eq!(float(&7.9f32, W).unwrap(), json!(7.9));
    assert_eq!(float(&16_777_216f32, W).unwrap(), json!(16_777_216));
    assert_eq!(floats(&Some(2.0f64), W).unwrap(), json!(2));
    assert_eq!(floats::<Option<f64>, _>(&None, W).unwrap(), Value::Null);
    assert_eq!(floats(&Some(Some(2.5f32)), W).unwrap(), json!(2.5));
    assert_eq!(floats(&Some(None::<f64>), W).unwrap(), Value::Null);
    let list = vec![Some(1800.0f64), None, Some(1.5)];
    assert_eq!(floats(&list, W).unwrap(), json!([1800, null, 1.5]));
    let map = BTreeMap::from([("a".to_string(), vec![3.0f32, 23.976])]);
    assert_eq!(floats(&map, W).unwrap(), json!({"a": [3, 23.976]}));
    let mut text = Vec::new();
    floats(
        &vec![1.0f64, 0.1],
        &mut serde_json::Serializer::new(&mut text),
    )
    .unwrap();
    assert_eq!(text, b"[1,0.1]");
}

#[test]
fn the_harness_round_trips_and_says_where_it_fails() {
    assert_eq!(
        round_trip::<Vec<i64>>("x::L", "full", &json!([1, 2])),
        Ok(vec![1, 2])
    );
    let err = round_trip::<Vec<i64>>("x::L", "full", &json!([1, "a"])).unwrap_err();
    assert!(
        err.starts_with("x::L [full]: does not deserialize at `/1`"),
        "{err}"
    );
    let err = round_trip::<BTreeMap<String, f64>>("x::M", "min", &json!({"a": 1})).unwrap_err();
    assert!(err.contains("JSON differs at `/a`"), "{err}");
    assert_eq!(path_at(&json!({"a": [1, 2]}), 10), "/a/1");
    assert_eq!(
        first_difference(&json!([1]), &json!([1, 2]), String::new()),
        Some("/1".into())
    );
    assert_eq!(
        first_difference(&json!({"a": 1}), &json!({"a": 1}), String::new()),
        None
    );
    let samples = json!({
        "x::L": {"full": [1], "minimal": []},
        "x::E": {"variants": ["a", "b"]},
        "x::U": {"variants": ["a", 1], "members": [null, "Integer"]},
        "x::Bad": {"full": "no"},
    });
    let report = check_all_with(&samples, |path, _, sample| match path {
        "x::Bad" => Err(format!("{path}: {sample}")),
        // The union's second sample names the member it must come back as.
        "x::U" => Ok(Some("Str")),
        _ => Ok(None),
    });
    assert_eq!((report.covered, report.samples, report.members), (2, 7, 1));
    assert_eq!(
        report.failures,
        [
            r#"x::Bad: "no""#,
            "x::U [variants[1]]: the sample of member Integer was read as member Str\n  sample: 1"
        ]
    );
    assert_eq!(
        check_all_with(&json!([]), |_, _, _| Ok(None))
            .failures
            .len(),
        1
    );
}

/// A struct written the way the emitted writers write one: one `Out` call per field.
struct Listing {
    title: String,
    rating: Option<f64>,
    score: f64,
    tags: Option<Vec<f64>>,
    note: Option<Option<String>>,
    gone: Option<String>,
    extra: BTreeMap<String, Value>,
}

impl serde::Serialize for Listing {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = Out::new(s, None);
        o.entry("title", &self.title);
        o.opt_float_entry("rating", &self.rating);
        o.float_entry("score", &self.score);
        o.opt_float_entry("tags", &self.tags);
        o.opt_entry("note", &self.note);
        o.opt_entry("gone", &self.gone);
        o.kept_entries(&self.extra);
        o.close()
    }
}

#[test]
fn structs_are_written_in_order_with_absent_fields_left_out_and_kept_keys_last() {
    let l = Listing {
        title: "Dune".into(),
        rating: Some(7.0),
        score: 8.5,
        tags: Some(vec![1.0, 2.5]),
        note: Some(None),
        gone: None,
        extra: BTreeMap::from([("x-rank".to_string(), json!(3))]),
    };
    assert_eq!(
        serde_json::to_string(&l).unwrap(),
        r#"{"title":"Dune","rating":7,"score":8.5,"tags":[1,2.5],"note":null,"x-rank":3}"#
    );
    // The same through `to_value`, and with nothing optional set.
    let bare = Listing {
        rating: None,
        tags: None,
        note: None,
        extra: BTreeMap::new(),
        ..l
    };
    assert_eq!(
        serde_json::to_value(&bare).unwrap(),
        json!({"title": "Dune", "score": 8.5})
    );
}

/// A value that fails to write, and counts how often it was asked.
struct Fails<'a>(&'a std::cell::Cell<u32>);

impl serde::Serialize for Fails<'_> {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        self.0.set(self.0.get() + 1);
        Err(serde::ser::Error::custom("cannot write this"))
    }
}

#[test]
fn the_first_write_error_is_returned_and_nothing_after_it_is_written() {
    struct Two<'a>(&'a std::cell::Cell<u32>);
    impl serde::Serialize for Two<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut o = Out::new(s, Some(3));
            o.entry("a", &1);
            o.entry("b", &Fails(self.0));
            o.entry("c", &Fails(self.0));
            o.close()
        }
    }
    let asked = std::cell::Cell::new(0);
    let mut text = Vec::new();
    let err =
        serde::Serialize::serialize(&Two(&asked), &mut serde_json::Serializer::new(&mut text))
            .unwrap_err();
    assert_eq!(err.to_string(), "cannot write this");
    assert_eq!(asked.get(), 1);
    assert_eq!(String::from_utf8(text).unwrap(), r#"{"a":1,"b":"#);
}

#[test]
fn kept_floats_are_written_as_floats_are() {
    struct Rates(BTreeMap<String, Option<f64>>);
    impl serde::Serialize for Rates {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut o = Out::new(s, None);
            o.entry("base", "EUR");
            o.kept_float_entries(&self.0);
            o.close()
        }
    }
    let rates = Rates(BTreeMap::from([
        ("CHF".to_string(), Some(1.0)),
        ("USD".to_string(), Some(1.08)),
        ("XAU".to_string(), None),
    ]));
    assert_eq!(
        serde_json::to_string(&rates).unwrap(),
        r#"{"base":"EUR","CHF":1,"USD":1.08,"XAU":null}"#
    );
}

#[test]
fn kept_text_is_written_after_the_fields_in_arrival_order() {
    struct WithText(UnknownKeys);
    impl serde::Serialize for WithText {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut o = Out::new(s, None);
            o.entry("id", "m-1");
            o.kept_text_entries(&self.0);
            o.close()
        }
    }
    let kept: UnknownKeys =
        serde_json::from_str(r#"{"zeta": [1.50, null], "alpha": {"b": 1, "a": 2}}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&WithText(kept)).unwrap(),
        r#"{"id":"m-1","zeta":[1.5,null],"alpha":{"b":1,"a":2}}"#
    );
    // Entries inserted through the API rather than read.
    let mut built = UnknownKeys::new();
    built.insert("x", 1).unwrap();
    assert_eq!(
        serde_json::to_string(&WithText(built)).unwrap(),
        r#"{"id":"m-1","x":1}"#
    );
}

/// A union as the emitted ones convert their members: `From` per member type.
#[derive(Debug, PartialEq)]
enum Setting {
    Flag(bool),
    Count(i64),
    Text(String),
}

impl From<bool> for Setting {
    fn from(v: bool) -> Self {
        Setting::Flag(v)
    }
}
impl From<i64> for Setting {
    fn from(v: i64) -> Self {
        Setting::Count(v)
    }
}
impl From<String> for Setting {
    fn from(v: String) -> Self {
        Setting::Text(v)
    }
}

#[test]
fn union_members_are_read_into_the_union_by_one_function_each() {
    assert_eq!(
        read_as::<String, Setting>(&json!("on")).unwrap(),
        Setting::Text("on".into())
    );
    assert!(read_as::<String, Setting>(&json!(1)).is_err());
    assert_eq!(
        read_int_as::<i64, Setting>(&json!(25.0)).unwrap(),
        Setting::Count(25)
    );
    assert!(read_int_as::<i64, Setting>(&json!(25.5)).is_err());
    assert!(read_int_as::<i64, Setting>(&json!("25")).is_err());
    assert_eq!(
        read_lax_as::<i64, Setting>(&json!("25")).unwrap(),
        Setting::Count(25)
    );
    assert_eq!(
        read_lax_bool_as::<Setting>(&json!("true")).unwrap(),
        Setting::Flag(true)
    );
    // `"1"` is left to a number member.
    assert!(read_lax_bool_as::<Setting>(&json!("1")).is_err());
}
