//! Hand-written JSON payloads shaped like the real (Plex) API, pushed through the
//! generated serde types: RFC 3339 timestamps, nulls, missing optional keys, unknown
//! enum values and undeclared keys. Every comparison of wire data is done on
//! `serde_json::Value`s so key order does not matter but every key and value does.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use generated::go::models::components as go;
use generated::go::models::operations as go_ops;
use generated::python::models::components as py;
use generated::python::models::operations as py_ops;

/// Deserializes `payload` as `T`, panicking with the serde message on failure.
fn de<T: DeserializeOwned>(payload: &Value) -> T {
    serde_json::from_value(payload.clone()).unwrap_or_else(|e| {
        panic!(
            "payload must deserialize as {}: {e}",
            std::any::type_name::<T>()
        )
    })
}

/// Serializes `value` to a JSON value.
fn ser<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("generated types always serialize")
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
}

/// `payload` without the given top-level keys.
fn without(payload: &Value, keys: &[&str]) -> Value {
    let mut out = payload.clone();
    let map = out.as_object_mut().expect("payload is an object");
    for key in keys {
        assert!(map.remove(*key).is_some(), "payload has no key {key}");
    }
    out
}

// ---------------------------------------------------------------------------
// 1. The seed: plex.tv's POST /api/v2/pins response.
// ---------------------------------------------------------------------------

/// A pin response as plex.tv sends it (with `includeLocation`), but with the
/// documented lowerCamelCase location keys.
fn pin_payload() -> Value {
    json!({
        "id": 1272322473,
        "code": "3patfx1a78ukcbr7x0n9bl26t",
        "product": "Plex Web",
        "trusted": false,
        "qr": "https://plex.tv/api/v2/pins/qr/3patfx1a78ukcbr7x0n9bl26t",
        "clientIdentifier": "c3f2b0a6-6d8a-4e0b-9d2f-0e5b6a1f7c11",
        "location": {
            "code": "US",
            "europeanUnionMember": false,
            "continentCode": "NA",
            "country": "United States",
            "city": "Austin",
            "timeZone": "America/Chicago",
            "postalCode": "78701",
            "inPrivacyRestrictedCountry": false,
            "subdivisions": "Texas",
            "coordinates": "30.2672, -97.7431"
        },
        "expiresIn": 1800,
        "createdAt": "2024-06-18T10:46:04Z",
        "expiresAt": "2024-06-18T11:16:04Z"
    })
}

#[test]
fn pin_response_deserializes_into_typed_values() {
    let body: py_ops::GetTokenResponseBody = de(&pin_payload());

    assert_eq!(body.id, Some(1272322473.0));
    assert_eq!(body.code.as_deref(), Some("3patfx1a78ukcbr7x0n9bl26t"));
    assert_eq!(body.product.as_deref(), Some("Plex Web"));
    assert_eq!(body.trusted, Some(false));
    assert_eq!(
        body.qr.as_deref(),
        Some("https://plex.tv/api/v2/pins/qr/3patfx1a78ukcbr7x0n9bl26t")
    );
    assert_eq!(
        body.client_identifier.as_deref(),
        Some("c3f2b0a6-6d8a-4e0b-9d2f-0e5b6a1f7c11")
    );
    assert_eq!(body.expires_in, Some(1800.0));
    assert_eq!(body.created_at, Some(utc(2024, 6, 18, 10, 46, 4)));
    assert_eq!(body.expires_at, Some(utc(2024, 6, 18, 11, 16, 4)));
    assert_eq!(
        body.expires_at.unwrap() - body.created_at.unwrap(),
        chrono::Duration::seconds(1800)
    );
    // Absent optional keys.
    assert_eq!(body.auth_token, None);
    assert_eq!(body.new_registration, None);

    let loc = body.location.expect("location is present");
    assert_eq!(loc.code.as_deref(), Some("US"));
    assert_eq!(loc.european_union_member, Some(false));
    assert_eq!(loc.continent_code.as_deref(), Some("NA"));
    assert_eq!(loc.country.as_deref(), Some("United States"));
    assert_eq!(loc.city.as_deref(), Some("Austin"));
    assert_eq!(loc.time_zone.as_deref(), Some("America/Chicago"));
    assert_eq!(loc.postal_code.as_deref(), Some("78701"));
    assert_eq!(loc.in_privacy_restricted_country, Some(false));
    assert_eq!(loc.subdivisions.as_deref(), Some("Texas"));
    assert_eq!(loc.coordinates.as_deref(), Some("30.2672, -97.7431"));
}

#[test]
fn pin_response_round_trips() {
    let payload = pin_payload();
    let body: py_ops::GetTokenResponseBody = de(&payload);
    // Wire names are lowerCamelCase (`clientIdentifier`, `expiresIn`, ...),
    // timestamps come back as the same RFC 3339 strings, and the integral values of
    // the `float` fields (`id`, `expiresIn`) come back as the integers plex.tv sends.
    assert_eq!(ser(&body), payload);
    // And the output is read back into the same struct.
    assert_eq!(de::<py_ops::GetTokenResponseBody>(&ser(&body)), body);
}

/// Integral values of `float` fields are written as integers, so they survive a
/// round trip as the same JSON value; fractional ones stay floats.
#[test]
fn pin_integer_numbers_round_trip_verbatim() {
    let payload = pin_payload();
    let body: py_ops::GetTokenResponseBody = de(&payload);
    assert_eq!(ser(&body), payload);
    let mut fractional = payload.clone();
    fractional["expiresIn"] = json!(1800.5);
    let body: py_ops::GetTokenResponseBody = de(&fractional);
    assert_eq!(ser(&body), fractional);
}

#[test]
fn pin_response_null_optionals_are_omitted_on_output() {
    let mut payload = pin_payload();
    payload["authToken"] = Value::Null;
    payload["newRegistration"] = Value::Null;

    let body: py_ops::GetTokenResponseBody = de(&payload);
    assert_eq!(body.auth_token, None);
    assert_eq!(body.new_registration, None);

    // An explicit null on an Optional field comes back as an absent key, and
    // nothing else changes.
    let out = ser(&body);
    let expected = without(&payload, &["authToken", "newRegistration"]);
    assert_eq!(out, expected);
    assert!(out.get("authToken").is_none());
    assert!(out.get("newRegistration").is_none());

    // Reading the normalized output again gives an equal struct.
    let again: py_ops::GetTokenResponseBody = de(&out);
    assert_eq!(again, body);
    assert_eq!(ser(&again), out);
}

#[test]
fn pin_response_with_token_set() {
    let mut payload = pin_payload();
    payload["authToken"] = json!("xyzzy-token-abc123");
    payload["newRegistration"] = json!("false");
    let body: py_ops::GetTokenResponseBody = de(&payload);
    assert_eq!(body.auth_token.as_deref(), Some("xyzzy-token-abc123"));
    assert_eq!(body.new_registration.as_deref(), Some("false"));
    assert_eq!(ser(&body), payload);
}

#[test]
fn go_and_python_pin_types_agree_on_the_wire() {
    let mut payload = pin_payload();
    payload["authToken"] = Value::Null;
    payload["newRegistration"] = Value::Null;

    let py_body: py_ops::GetTokenResponseBody = de(&payload);
    let go_body: go_ops::GetTokenResponseBody = de(&payload);

    assert_eq!(go_body.id, Some(1272322473.0));
    assert_eq!(go_body.created_at, Some(utc(2024, 6, 18, 10, 46, 4)));
    assert_eq!(
        go_body.location.as_ref().and_then(|l| l.city.as_deref()),
        Some("Austin")
    );
    assert_eq!(go_body.auth_token, None);

    let py_json = ser(&py_body);
    let go_json = ser(&go_body);
    assert_eq!(go_json, py_json);
    assert_eq!(
        serde_json::to_string(&go_body).unwrap(),
        serde_json::to_string(&py_body).unwrap(),
        "identical text, not just equal values"
    );
}

#[test]
fn pin_timestamps_are_normalized_to_utc() {
    let mut payload = pin_payload();
    // Same instant as 10:46:04Z, written with an offset.
    payload["createdAt"] = json!("2024-06-18T12:46:04+02:00");
    // Fractional seconds are kept.
    payload["expiresAt"] = json!("2024-06-18T11:16:04.250Z");
    let body: py_ops::GetTokenResponseBody = de(&payload);
    assert_eq!(body.created_at, Some(utc(2024, 6, 18, 10, 46, 4)));
    assert_eq!(
        body.expires_at,
        Some(utc(2024, 6, 18, 11, 16, 4) + chrono::Duration::milliseconds(250))
    );
    let out = ser(&body);
    assert_eq!(out["createdAt"], json!("2024-06-18T10:46:04Z"));
    assert_eq!(out["expiresAt"], json!("2024-06-18T11:16:04.250Z"));

    // Not a timestamp at all: rejected.
    payload["createdAt"] = json!("yesterday");
    assert!(serde_json::from_value::<py_ops::GetTokenResponseBody>(payload).is_err());
}

// With a `keep-unknown` feature the crate keeps such keys instead (tests/wire.rs).
#[cfg(not(any(feature = "keep-unknown", feature = "keep-unknown-text")))]
#[test]
fn pin_response_drops_undeclared_keys() {
    // GetTokenResponseBody is not Extensible: undeclared keys are accepted and
    // dropped, the declared ones keep their values.
    let mut payload = pin_payload();
    payload["authToken"] = json!("tok");
    payload["someFutureKey"] = json!({"nested": [1, 2, 3]});
    let body: py_ops::GetTokenResponseBody = de(&payload);
    assert_eq!(body.auth_token.as_deref(), Some("tok"));
    let out = ser(&body);
    assert!(out.get("someFutureKey").is_none());
    assert_eq!(out, without(&payload, &["someFutureKey"]));
}

// ---------------------------------------------------------------------------
// 2. Aliases: the spellings the real API and other SDKs use.
// ---------------------------------------------------------------------------

#[test]
fn location_accepts_snake_case_keys_as_plex_tv_sends_them() {
    let payload = json!({
        "code": "DE",
        "european_union_member": true,
        "continent_code": "EU",
        "country": "Germany",
        "city": "Berlin",
        "time_zone": "Europe/Berlin",
        "postal_code": "10115",
        "in_privacy_restricted_country": true,
        "subdivisions": "Land Berlin",
        "coordinates": "52.5321, 13.3849"
    });
    let loc: py_ops::GetTokenLocation = de(&payload);
    assert_eq!(loc.code.as_deref(), Some("DE"));
    assert_eq!(loc.european_union_member, Some(true));
    assert_eq!(loc.continent_code.as_deref(), Some("EU"));
    assert_eq!(loc.country.as_deref(), Some("Germany"));
    assert_eq!(loc.city.as_deref(), Some("Berlin"));
    assert_eq!(loc.time_zone.as_deref(), Some("Europe/Berlin"));
    assert_eq!(loc.postal_code.as_deref(), Some("10115"));
    assert_eq!(loc.in_privacy_restricted_country, Some(true));
    assert_eq!(loc.subdivisions.as_deref(), Some("Land Berlin"));
    assert_eq!(loc.coordinates.as_deref(), Some("52.5321, 13.3849"));

    // Output uses the canonical lowerCamelCase names.
    assert_eq!(
        ser(&loc),
        json!({
            "code": "DE",
            "europeanUnionMember": true,
            "continentCode": "EU",
            "country": "Germany",
            "city": "Berlin",
            "timeZone": "Europe/Berlin",
            "postalCode": "10115",
            "inPrivacyRestrictedCountry": true,
            "subdivisions": "Land Berlin",
            "coordinates": "52.5321, 13.3849"
        })
    );

    // The same location nested in a pin response, which plex.tv really does.
    let mut pin = pin_payload();
    pin["location"] = payload;
    let body: py_ops::GetTokenResponseBody = de(&pin);
    assert_eq!(body.location, Some(loc.clone()));
    let go_body: go_ops::GetTokenResponseBody = de(&pin);
    assert_eq!(ser(&go_body.location), ser(&loc));
}

#[test]
fn pin_response_accepts_pascal_and_snake_case_keys() {
    let payload = json!({
        "Id": 7,
        "Code": "abc",
        "client_identifier": "snake",
        "ExpiresIn": 900,
        "created_at": "2024-06-18T10:46:04Z",
        "ExpiresAt": "2024-06-18T11:01:04Z",
        "auth_token": "tok"
    });
    let body: py_ops::GetTokenResponseBody = de(&payload);
    assert_eq!(body.id, Some(7.0));
    assert_eq!(body.code.as_deref(), Some("abc"));
    assert_eq!(body.client_identifier.as_deref(), Some("snake"));
    assert_eq!(body.expires_in, Some(900.0));
    assert_eq!(body.created_at, Some(utc(2024, 6, 18, 10, 46, 4)));
    assert_eq!(body.expires_at, Some(utc(2024, 6, 18, 11, 1, 4)));
    assert_eq!(body.auth_token.as_deref(), Some("tok"));
    assert_eq!(
        ser(&body),
        json!({
            "id": 7,
            "code": "abc",
            "clientIdentifier": "snake",
            "expiresIn": 900,
            "createdAt": "2024-06-18T10:46:04Z",
            "expiresAt": "2024-06-18T11:01:04Z",
            "authToken": "tok"
        })
    );

    let body: py_ops::GetTokenResponseBody = de(&json!({"ClientIdentifier": "pascal"}));
    assert_eq!(body.client_identifier.as_deref(), Some("pascal"));
}

#[test]
fn initialism_field_accepts_every_spelling() {
    for key in [
        "librarySectionID",
        "librarySectionId",
        "LibrarySectionID",
        "LibrarySectionId",
        "library_section_id",
    ] {
        let mut payload = library_item_payload();
        let obj = payload.as_object_mut().unwrap();
        obj.remove("librarySectionID");
        obj.insert(key.to_owned(), json!(42));
        let item: py::LibraryItem = de(&payload);
        assert_eq!(item.library_section_id, Some(42), "spelling {key}");
        let out = ser(&item);
        assert_eq!(out["librarySectionID"], json!(42), "spelling {key}");
        if key != "librarySectionID" {
            assert!(out.get(key).is_none(), "alias {key} is not written");
        }
    }
}

// ---------------------------------------------------------------------------
// 3. LibraryItem (Python flavor): every kind of field.
// ---------------------------------------------------------------------------

/// A LibraryItem with every field present; `editionTitle` (Nullable) and
/// `skipCount` (OptionalNullable) are null. Floats are written as floats so the
/// payload is exactly what serialization produces.
fn library_item_payload() -> Value {
    json!({
        "title": "The Long Voyage",
        "summary": "A crew drifts between the stars.",
        "year": 2019,
        "viewCount": 4,
        "rating": 7.5,
        "watched": true,
        "payload": {"agent": "tv.plex.agents.movie", "guid": "plex://movie/5d776b59ad5437001f79c6f8", "score": [1, 2.5, null]},
        "extra": ["anything", {"goes": true}],
        "labels": ["a", "b"],
        "partNumbers": [101, 102],
        "tags": [{"id": 1, "tag": "Drama"}, {"id": 2}],
        "attributes": {"resolution": "2160p", "hdr": true, "channels": 6, "codec": null},
        "alternateTitles": {"de": ["Die lange Reise"], "fr": ["Le long voyage", "Voyage"]},
        "primaryTag": {"id": 1, "tag": "Drama"},
        "measurement": {"unit": "LUFS", "level": -14.5},
        "addedAt": "2019-06-24T11:38:02Z",
        "originallyAvailableAt": "2022-12-14",
        "type": "movie",
        "filter": "genre=drama|year>1990",
        "librarySectionID": 2,
        "editionTitle": null,
        "skipCount": null,
        "pin": "5f4dcc3b5aa765d61d8327deb882cf99"
    })
}

#[test]
fn library_item_full_payload_round_trips() {
    let payload = library_item_payload();
    let item: py::LibraryItem = de(&payload);

    assert_eq!(item.title, "The Long Voyage");
    assert_eq!(
        item.summary.as_deref(),
        Some("A crew drifts between the stars.")
    );
    assert_eq!(item.year, 2019);
    assert_eq!(item.view_count, Some(4));
    assert_eq!(item.rating, Some(7.5));
    assert_eq!(item.watched, Some(true));
    assert_eq!(item.payload, payload["payload"]);
    assert_eq!(item.extra, Some(json!(["anything", {"goes": true}])));
    assert_eq!(item.labels, Some(vec!["a".to_owned(), "b".to_owned()]));
    assert_eq!(item.part_numbers, Some(vec![101, 102]));
    let tags = item.tags.as_ref().unwrap();
    assert_eq!(tags.len(), 2);
    assert_eq!((tags[0].id, tags[0].tag.as_deref()), (1, Some("Drama")));
    assert_eq!((tags[1].id, tags[1].tag.as_deref()), (2, None));
    let attrs = item.attributes.as_ref().unwrap();
    assert_eq!(attrs["channels"], json!(6));
    assert_eq!(attrs["codec"], Value::Null, "null inside Any is kept");
    let alt = item.alternate_titles.as_ref().unwrap();
    assert_eq!(alt["fr"], ["Le long voyage", "Voyage"]);
    assert_eq!(item.primary_tag.id, 1);
    let m = item.measurement.as_ref().unwrap();
    assert_eq!((m.unit.as_str(), m.level), ("LUFS", Some(-14.5)));
    assert_eq!(item.added_at, Some(utc(2019, 6, 24, 11, 38, 2)));
    assert_eq!(
        item.originally_available_at,
        Some(NaiveDate::from_ymd_opt(2022, 12, 14).unwrap())
    );
    assert_eq!(item.r#type, "movie");
    assert_eq!(item.filter.as_deref(), Some("genre=drama|year>1990"));
    assert_eq!(item.library_section_id, Some(2));
    assert_eq!(item.edition_title, None);
    assert_eq!(item.skip_count, Some(None));
    #[allow(deprecated)]
    let pin = item.pin.as_deref();
    assert_eq!(pin, Some("5f4dcc3b5aa765d61d8327deb882cf99"));

    // Both nulls are written back: Nullable keeps its key, OptionalNullable
    // distinguishes null from absent.
    let out = ser(&item);
    assert_eq!(out, payload);
    assert_eq!(out["editionTitle"], Value::Null);
    assert_eq!(out["skipCount"], Value::Null);
    assert_eq!(de::<py::LibraryItem>(&out), item);
}

#[test]
fn library_item_minimal_payload_round_trips() {
    // Only the required keys; Nullable `editionTitle` must be present (here null)
    // and is written back as null even though it has no value.
    let payload = json!({
        "title": "Short",
        "year": 2001,
        "payload": null,
        "primaryTag": {"id": 9},
        "type": "episode",
        "editionTitle": null
    });
    let item: py::LibraryItem = de(&payload);
    assert_eq!(item.payload, Value::Null);
    assert_eq!(item.summary, None);
    assert_eq!(item.skip_count, None);
    assert_eq!(item.added_at, None);
    assert_eq!(ser(&item), payload);
}

#[test]
fn library_item_skip_count_has_three_states() {
    let base = without(&library_item_payload(), &["skipCount"]);

    // Absent -> None -> absent.
    let item: py::LibraryItem = de(&base);
    assert_eq!(item.skip_count, None);
    let out = ser(&item);
    assert!(out.get("skipCount").is_none());
    assert_eq!(out, base);

    // null -> Some(None) -> null.
    let mut with_null = base.clone();
    with_null["skipCount"] = Value::Null;
    let item: py::LibraryItem = de(&with_null);
    assert_eq!(item.skip_count, Some(None));
    let out = ser(&item);
    assert_eq!(out.get("skipCount"), Some(&Value::Null));
    assert_eq!(out, with_null);

    // 3 -> Some(Some(3)) -> 3.
    let mut with_value = base.clone();
    with_value["skipCount"] = json!(3);
    let item: py::LibraryItem = de(&with_value);
    assert_eq!(item.skip_count, Some(Some(3)));
    let out = ser(&item);
    assert_eq!(out["skipCount"], json!(3));
    assert_eq!(out, with_value);

    // The snake_case alias reaches the same three states.
    let mut snake = base.clone();
    snake["skip_count"] = Value::Null;
    assert_eq!(de::<py::LibraryItem>(&snake).skip_count, Some(None));
    snake["skip_count"] = json!(0);
    assert_eq!(de::<py::LibraryItem>(&snake).skip_count, Some(Some(0)));

    // A wrong type is still an error, not silently null.
    let mut wrong = base;
    wrong["skipCount"] = json!("three");
    assert!(serde_json::from_value::<py::LibraryItem>(wrong).is_err());
}

/// A backend that computes in floats sends integers as `2019.0`: the integer fields
/// (bare, optional, optional-nullable, in a list, in a nested struct) read them and
/// write back integers; a fraction is an error naming the field.
#[test]
fn library_item_integers_sent_as_integral_floats() {
    let mut payload = library_item_payload();
    payload["year"] = json!(2019.0);
    payload["viewCount"] = json!(4.0);
    payload["skipCount"] = json!(1e1);
    payload["partNumbers"] = json!([101.0, 102]);
    payload["primaryTag"]["id"] = json!(1.0);
    payload["librarySectionID"] = json!(2.0);
    for item in [
        de::<py::LibraryItem>(&payload),
        serde_json::from_str(&payload.to_string()).unwrap(),
    ] {
        assert_eq!(
            (item.year, item.view_count, item.skip_count),
            (2019, Some(4), Some(Some(10)))
        );
        assert_eq!(item.part_numbers, Some(vec![101, 102]));
        assert_eq!((item.primary_tag.id, item.library_section_id), (1, Some(2)));
        let out = ser(&item);
        assert_eq!(out["year"], json!(2019));
        assert_eq!(out["partNumbers"], json!([101, 102]));
        assert_eq!(out["skipCount"], json!(10));
    }
    payload["viewCount"] = json!(4.5);
    let err = serde_json::from_value::<py::LibraryItem>(payload).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid value: floating point `4.5`, expected i64 in field `viewCount`"
    );
}

#[test]
fn library_item_edition_title_is_nullable() {
    let mut payload = library_item_payload();
    payload["editionTitle"] = json!("Director's Cut");
    let item: py::LibraryItem = de(&payload);
    assert_eq!(item.edition_title.as_deref(), Some("Director's Cut"));
    assert_eq!(ser(&item), payload);

    // null is kept as null (not dropped like an Optional field).
    payload["editionTitle"] = Value::Null;
    let item: py::LibraryItem = de(&payload);
    assert_eq!(item.edition_title, None);
    assert_eq!(ser(&item)["editionTitle"], Value::Null);
    assert!(ser(&item).as_object().unwrap().contains_key("editionTitle"));
}

#[test]
fn library_item_missing_required_fields_fail() {
    for key in ["title", "year", "payload", "primaryTag", "type"] {
        let payload = without(&library_item_payload(), &[key]);
        let err = serde_json::from_value::<py::LibraryItem>(payload)
            .expect_err("a required field is missing");
        assert!(
            err.to_string().contains(&format!("missing field `{key}`")),
            "{key}: {err}"
        );
    }
    // A required (non-nullable) field given as null is an error too.
    let mut payload = library_item_payload();
    payload["title"] = Value::Null;
    assert!(serde_json::from_value::<py::LibraryItem>(payload).is_err());
}

/// `editionTitle` is `Nullable[str]` and required: it may be null but must be present.
#[test]
fn library_item_missing_nullable_required_field_fails() {
    let payload = without(&library_item_payload(), &["editionTitle"]);
    let result = serde_json::from_value::<py::LibraryItem>(payload);
    assert!(result.is_err(), "accepted: {result:?}");
}

#[test]
fn library_item_timestamp_and_date() {
    let mut payload = library_item_payload();
    let item: py::LibraryItem = de(&payload);
    assert_eq!(item.added_at, Some(utc(2019, 6, 24, 11, 38, 2)));
    assert_eq!(
        item.added_at.unwrap().timestamp(),
        1_561_376_282,
        "2019-06-24T11:38:02Z as a Unix time"
    );
    let date = item.originally_available_at.unwrap();
    assert_eq!(date, NaiveDate::from_ymd_opt(2022, 12, 14).unwrap());

    // Timestamps are read leniently, keep their instant, and are written as RFC 3339:
    // a bare date is midnight UTC, an integer is epoch seconds, an offset is kept apart
    // from the instant.
    for (sent, written) in [
        (json!("2019-06-24"), "2019-06-24T00:00:00Z"),
        (json!(1_561_376_282), "2019-06-24T11:38:02Z"),
        (json!("2019-06-24 11:38:02"), "2019-06-24T11:38:02Z"),
        (json!("2019-06-24T13:38:02+02:00"), "2019-06-24T11:38:02Z"),
    ] {
        payload["addedAt"] = sent;
        let item: py::LibraryItem = de(&payload);
        assert_eq!(ser(&item)["addedAt"], written);
    }
    payload["addedAt"] = json!("last tuesday");
    assert!(serde_json::from_value::<py::LibraryItem>(payload.clone()).is_err());
    // A timestamp is not a date.
    payload["addedAt"] = json!("2019-06-24T11:38:02Z");
    payload["originallyAvailableAt"] = json!("2022-12-14T00:00:00Z");
    assert!(serde_json::from_value::<py::LibraryItem>(payload).is_err());
}

#[test]
fn library_item_type_and_filter() {
    let mut payload = library_item_payload();
    payload["type"] = json!("track");
    payload["filter"] = json!("artist.title=ABBA&year>=1974");
    let item: py::LibraryItem = de(&payload);
    assert_eq!(item.r#type, "track");
    assert_eq!(item.filter.as_deref(), Some("artist.title=ABBA&year>=1974"));
    let out = ser(&item);
    assert_eq!(out["type"], json!("track"));
    assert_eq!(out["filter"], json!("artist.title=ABBA&year>=1974"));
    assert!(out.get("r#type").is_none() && out.get("filter_").is_none());
    assert_eq!(out, payload);
}

#[test]
fn library_item_optional_nulls_are_dropped() {
    let mut payload = library_item_payload();
    for key in [
        "summary",
        "viewCount",
        "extra",
        "tags",
        "measurement",
        "addedAt",
        "pin",
    ] {
        payload[key] = Value::Null;
    }
    let item: py::LibraryItem = de(&payload);
    assert_eq!(item.summary, None);
    // `null` is a value of `Any`: kept, not folded into absent.
    assert_eq!(item.extra, Some(Value::Null));
    assert_eq!(item.added_at, None);
    let expected = without(
        &payload,
        &[
            "summary",
            "viewCount",
            "tags",
            "measurement",
            "addedAt",
            "pin",
        ],
    );
    assert_eq!(ser(&item), expected);
}

// ---------------------------------------------------------------------------
// 4. Enums.
// ---------------------------------------------------------------------------

#[test]
fn item_kind_known_and_unknown_values() {
    let kinds: Vec<py::ItemKind> = de(&json!([
        "movie",
        "show",
        "New Airings Only",
        "application/json",
        "segments-av",
        "clearLogo",
        "podcast",
        "Movie"
    ]));
    assert_eq!(
        kinds,
        vec![
            py::ItemKind::Movie,
            py::ItemKind::Show,
            py::ItemKind::NewAiringsOnly,
            py::ItemKind::ApplicationJson,
            py::ItemKind::SegmentsAv,
            py::ItemKind::ClearLogo,
            py::ItemKind::Unknown("podcast".to_owned()),
            // Matching is exact: a different case is an unknown value.
            py::ItemKind::Unknown("Movie".to_owned()),
        ]
    );
    assert_eq!(py::ItemKind::NewAiringsOnly.as_str(), "New Airings Only");
    assert_eq!(py::ItemKind::Unknown("podcast".into()).as_str(), "podcast");

    // Unknown values are written back unchanged.
    assert_eq!(
        ser(&py::ItemKind::Unknown("podcast".into())),
        json!("podcast")
    );
    assert_eq!(
        ser(&kinds),
        json!([
            "movie",
            "show",
            "New Airings Only",
            "application/json",
            "segments-av",
            "clearLogo",
            "podcast",
            "Movie"
        ])
    );
    // Not a string: error.
    assert!(serde_json::from_value::<py::ItemKind>(json!(1)).is_err());
}

#[test]
fn lineup_type_is_a_number_on_the_wire() {
    let lineups: Vec<py::LineupType> = de(&json!([-1, 0, 1, 2, 99]));
    assert_eq!(
        lineups,
        vec![
            py::LineupType::Minus1,
            py::LineupType::Zero,
            py::LineupType::One,
            py::LineupType::Two,
            py::LineupType::Unknown(99),
        ]
    );
    assert_eq!(py::LineupType::Minus1.value(), -1);
    assert_eq!(py::LineupType::Unknown(99).value(), 99);
    assert_eq!(ser(&py::LineupType::Minus1), json!(-1));
    let out = ser(&py::LineupType::Unknown(99));
    assert_eq!(out, json!(99));
    assert!(out.is_i64(), "a number, not the string \"99\"");
    assert_eq!(ser(&lineups), json!([-1, 0, 1, 2, 99]));
    // A string is not accepted for an integer enum.
    assert!(serde_json::from_value::<py::LineupType>(json!("-1")).is_err());
    // An integral float is, as for integer fields, and is written back as an integer,
    // read from text as from a value; a fraction is not.
    let setting: py::Setting =
        serde_json::from_str(r#"{"id": "LiveTVLineup", "value": "auto", "lineup": 2.0}"#).unwrap();
    assert_eq!(setting.lineup, Some(py::LineupType::Two));
    assert_eq!(ser(&setting)["lineup"], json!(2));
    assert_eq!(de::<py::LineupType>(&json!(-1.0)), py::LineupType::Minus1);
    let e = serde_json::from_str::<py::LineupType>("2.5")
        .unwrap_err()
        .to_string();
    assert!(e.contains("floating point `2.5`, expected i64"), "{e}");
}

#[test]
fn setting_with_enums_round_trips() {
    let payload = json!({
        "id": "LiveTVLineup",
        "value": "auto",
        "lineup": 99,
        "kinds": ["movie", "podcast", "New Airings Only"]
    });
    let setting: py::Setting = de(&payload);
    assert_eq!(setting.lineup, Some(py::LineupType::Unknown(99)));
    assert_eq!(
        setting.kinds,
        Some(vec![
            py::ItemKind::Movie,
            py::ItemKind::Unknown("podcast".into()),
            py::ItemKind::NewAiringsOnly
        ])
    );
    assert_eq!(ser(&setting), payload);
}

/// `FromStr` and `Display` are inverse for every value an enum lists, agree with the
/// wire (`Display` writes what serde writes; `FromStr` reads what serde reads), and
/// `VARIANTS` lists every value in doc order.
fn text_and_wire_agree<T>(all: &[T], wire: Value)
where
    T: std::str::FromStr + std::fmt::Display + DeserializeOwned + Serialize + PartialEq,
    T: std::fmt::Debug,
    T::Err: std::fmt::Debug,
{
    assert_eq!(ser(&all), wire, "VARIANTS in doc order");
    for v in all {
        let text = v.to_string();
        assert_eq!(text.parse::<T>().unwrap(), *v, "{text}");
        let on_wire = ser(v);
        let shown = match &on_wire {
            Value::String(s) => s.clone(),
            n => n.to_string(),
        };
        assert_eq!(text, shown, "Display is the wire value");
        assert_eq!(de::<T>(&on_wire), *v);
    }
}

#[test]
fn every_specs_enum_parses_what_it_displays() {
    let kinds = json!([
        "movie",
        "show",
        "New Airings Only",
        "application/json",
        "segments-av",
        "clearLogo"
    ]);
    text_and_wire_agree(py::ItemKind::VARIANTS, kinds.clone());
    text_and_wire_agree(go::ItemKind::VARIANTS, kinds);
    text_and_wire_agree(py::LineupType::VARIANTS, json!([-1, 0, 1, 2]));
    text_and_wire_agree(go::LineupType::VARIANTS, json!([-1, 0, 1, 2]));
    // A value the docs do not list: kept by every conversion, shown as sent.
    let podcast = py::ItemKind::Unknown("podcast".into());
    assert_eq!("podcast".parse::<py::ItemKind>(), Ok(podcast.clone()));
    assert_eq!(py::ItemKind::from("podcast"), podcast);
    assert_eq!(py::ItemKind::from(String::from("podcast")), podcast);
    assert_eq!(podcast.to_string(), "podcast");
    assert_eq!(py::ItemKind::from(String::from("show")), py::ItemKind::Show);
    assert_eq!(format!("[{:>6}]", py::ItemKind::Show), "[  show]");
    assert_eq!(
        "99".parse::<py::LineupType>(),
        Ok(py::LineupType::Unknown(99))
    );
    assert_eq!(py::LineupType::from(-1), py::LineupType::Minus1);
    assert_eq!(py::LineupType::Unknown(99).to_string(), "99");
    // Integer enums take integers only: other text is `ParseIntError`.
    assert!("one".parse::<py::LineupType>().is_err());
    assert!("1.0".parse::<go::LineupType>().is_err());
}

/// A listing whose enums hold values this version of the docs does not list: they
/// are read into the catch-all, matched on, and written back unchanged.
#[test]
fn unknown_enum_values_round_trip_through_a_listing() {
    let payload = json!([
        {"id": "LiveTVLineup", "value": "auto", "lineup": 7, "kinds": ["movie", "audiobook"]},
        {"id": "LiveTVLineup", "value": "cable", "lineup": 1, "kinds": ["trailer", "show"]}
    ]);
    let settings: Vec<py::Setting> = de(&payload);
    let mut unknown = Vec::new();
    for s in &settings {
        for k in s.kinds.iter().flatten() {
            match k {
                py::ItemKind::Movie | py::ItemKind::Show => {}
                py::ItemKind::Unknown(other) => unknown.push(other.as_str()),
                k => panic!("{k} is not in the payload"),
            }
        }
    }
    assert_eq!(unknown, ["audiobook", "trailer"]);
    assert_eq!(settings[0].lineup, Some(py::LineupType::Unknown(7)));
    assert_eq!(settings[1].lineup, Some(py::LineupType::One));
    assert_eq!(ser(&settings), payload);
}

// ---------------------------------------------------------------------------
// 5. Untagged union.
// ---------------------------------------------------------------------------

#[test]
fn setting_value_picks_the_first_matching_member() {
    let value_of = |v: Value| de::<py::Setting>(&json!({"id": "s", "value": v})).value;

    assert_eq!(value_of(json!(true)), py::SettingValue::Boolean(true));
    assert_eq!(value_of(json!(false)), py::SettingValue::Boolean(false));
    assert_eq!(value_of(json!(3)), py::SettingValue::Number(3.0));
    assert_eq!(value_of(json!(2.5)), py::SettingValue::Number(2.5));
    assert_eq!(value_of(json!(-1)), py::SettingValue::Number(-1.0));
    assert_eq!(value_of(json!("abc")), py::SettingValue::Str("abc".into()));
    // A numeric string stays a string.
    assert_eq!(value_of(json!("3")), py::SettingValue::Str("3".into()));

    // Members are written as their bare JSON values.
    assert_eq!(ser(&py::SettingValue::Number(2.5)), json!(2.5));
    assert_eq!(ser(&py::SettingValue::Boolean(true)), json!(true));
    assert_eq!(ser(&py::SettingValue::Str("abc".into())), json!("abc"));
    // The member is `f64`; an integral value is written as an integer, as sent.
    assert_eq!(ser(&py::SettingValue::Number(3.0)), json!(3));

    let payload = json!({"id": "FriendlyName", "value": 2.5, "lineup": -1});
    let setting: py::Setting = de(&payload);
    assert_eq!(ser(&setting), payload);

    // null and objects match no member.
    for bad in [Value::Null, json!({"a": 1}), json!([1])] {
        let r = serde_json::from_value::<py::Setting>(json!({"id": "s", "value": bad}));
        assert!(r.is_err(), "{r:?}");
    }
}

// ---------------------------------------------------------------------------
// 6. Extra properties.
// ---------------------------------------------------------------------------

#[test]
fn extensible_keeps_undeclared_keys() {
    let payload = json!({
        "name": "custom-record",
        "revision": 5,
        "source": "plugin",
        "score": 0.75,
        "flags": [true, false],
        "owner": {"id": 12, "contact": {"email": "a@b.c", "phone": null}},
        "note": null
    });
    let ext: py::Extensible = de(&payload);
    assert_eq!(ext.name, "custom-record");
    assert_eq!(ext.revision, Some(5));
    assert_eq!(
        ext.additional_properties.keys().collect::<Vec<_>>(),
        ["flags", "note", "owner", "score", "source"]
    );
    assert_eq!(
        ext.additional_properties["owner"]["contact"]["email"],
        json!("a@b.c")
    );
    assert_eq!(ext.additional_properties["note"], Value::Null);
    assert!(!ext.additional_properties.contains_key("name"));
    assert!(!ext.additional_properties.contains_key("revision"));
    assert_eq!(ser(&ext), payload);
    assert_eq!(de::<py::Extensible>(&ser(&ext)), ext);

    // Keys added in code are written too.
    let mut ext = ext;
    ext.additional_properties
        .insert("added".into(), json!([1, 2]));
    assert_eq!(ser(&ext)["added"], json!([1, 2]));

    // The Go flavor behaves the same.
    let go_ext: generated::go::models::components::Extensible = de(&payload);
    assert_eq!(ser(&go_ext), payload);
}

#[test]
fn update_args_keeps_arbitrary_keys() {
    let payload = json!({
        "title": "New title",
        "userRating": 8,
        "summary.locked": 1,
        "genre[0].tag.tag": "Drama",
        "collection": {"add": ["Favorites"], "remove": []},
        "clear": null
    });
    let args: py_ops::UpdateArgs = de(&payload);
    assert_eq!(args.additional_properties.len(), 6);
    assert_eq!(
        args.additional_properties["genre[0].tag.tag"],
        json!("Drama")
    );
    assert_eq!(ser(&args), payload);

    let empty: py_ops::UpdateArgs = de(&json!({}));
    assert!(empty.additional_properties.is_empty());
    assert_eq!(ser(&empty), json!({}));

    let go_args: go_ops::UpdateArgs = de(&payload);
    assert_eq!(ser(&go_args), payload);
}

// ---------------------------------------------------------------------------
// 7. Recursion.
// ---------------------------------------------------------------------------

#[test]
fn node_tree_round_trips() {
    let payload = json!({
        "name": "Library",
        "children": [
            {
                "name": "Movies",
                "children": [
                    {"name": "Alien", "parentSummary": {"name": "Movies", "childCount": 2}},
                    {"name": "Heat", "children": []}
                ],
                "parentSummary": {
                    "name": "Library",
                    "childCount": 2,
                    "root": {"name": "Library"}
                }
            },
            {"name": "Music"}
        ],
        "parentSummary": {"childCount": 0}
    });
    let root: py::Node = de(&payload);
    assert_eq!(root.name, "Library");
    let children = root.children.as_ref().unwrap();
    assert_eq!(children.len(), 2);
    let movies = &children[0];
    let grandchildren = movies.children.as_ref().unwrap();
    assert_eq!(grandchildren[0].name, "Alien");
    assert_eq!(
        grandchildren[0]
            .parent_summary
            .as_ref()
            .unwrap()
            .child_count,
        Some(2)
    );
    assert_eq!(grandchildren[1].children, Some(vec![]));
    let summary = movies.parent_summary.as_deref().unwrap();
    assert_eq!(summary.name.as_deref(), Some("Library"));
    let summary_root: &py::Node = summary.root.as_deref().unwrap();
    assert_eq!(summary_root.name, "Library");
    assert_eq!(summary_root.children, None);
    assert_eq!(children[1].children, None);
    assert_eq!(root.parent_summary.as_ref().unwrap().name, None);

    assert_eq!(ser(&root), payload);
    assert_eq!(de::<py::Node>(&ser(&root)), root);

    // A NodeSummary on its own, with a root holding its own summary.
    let summary_payload = json!({
        "name": "s",
        "root": {"name": "r", "parentSummary": {"root": {"name": "rr"}}}
    });
    let summary: py::NodeSummary = de(&summary_payload);
    assert_eq!(ser(&summary), summary_payload);
}

// ---------------------------------------------------------------------------
// 8. A list of items.
// ---------------------------------------------------------------------------

#[test]
fn library_item_list_round_trips() {
    let payload = json!([
        library_item_payload(),
        {
            "title": "Pilot",
            "year": 2008,
            "payload": {"grandparentTitle": "Breaking Bad"},
            "primaryTag": {"id": 7, "tag": "Crime"},
            "tags": [{"id": 7, "tag": "Crime"}, {"id": 8, "tag": "Thriller"}],
            "type": "episode",
            "addedAt": "2020-01-31T23:59:59Z",
            "originallyAvailableAt": "2008-01-20",
            "librarySectionID": 3,
            "editionTitle": null,
            "skipCount": 3
        },
        {
            "title": "Dancing Queen",
            "year": 1976,
            "payload": [],
            "primaryTag": {"id": 20},
            "type": "track",
            "editionTitle": "Remastered",
            "rating": 9.25,
            "measurement": {"unit": "LUFS"}
        }
    ]);
    let items: Vec<py::LibraryItem> = de(&payload);
    assert_eq!(items.len(), 3);
    assert_eq!(
        items.iter().map(|i| i.r#type.as_str()).collect::<Vec<_>>(),
        ["movie", "episode", "track"]
    );
    assert_eq!(items[0].skip_count, Some(None));
    assert_eq!(items[1].skip_count, Some(Some(3)));
    assert_eq!(items[2].skip_count, None);
    assert_eq!(
        items[1].tags.as_ref().unwrap()[1].tag.as_deref(),
        Some("Thriller")
    );
    assert_eq!(items[1].added_at, Some(utc(2020, 1, 31, 23, 59, 59)));
    assert_eq!(
        items[1].originally_available_at,
        NaiveDate::from_ymd_opt(2008, 1, 20)
    );
    assert_eq!(items[2].edition_title.as_deref(), Some("Remastered"));
    assert_eq!(items[2].measurement.as_ref().unwrap().level, None);

    assert_eq!(ser(&items), payload);
    assert_eq!(de::<Vec<py::LibraryItem>>(&ser(&items)), items);

    // One bad element fails the whole list.
    let mut bad = payload;
    bad[2]["year"] = json!("1976");
    assert!(serde_json::from_value::<Vec<py::LibraryItem>>(bad).is_err());
}
