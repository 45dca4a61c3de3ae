//! Payload benchmark support: the types generated from `specs/python/models` (plus
//! `docs/models`, a Plex-style `MediaContainer` response) in three variants, and a
//! deterministic generator of realistic response payloads.
//!
//! Run the benchmark with `cargo bench -p payload-bench`; see `bench/README.md`.

/// Generated without unknown-key capture: keys the docs do not list are skipped.
pub mod plain {
    include!(concat!(env!("OUT_DIR"), "/plain.rs"));
}

/// Generated with `Config::keep_unknown(KeepUnknown::Map)`: every struct keeps
/// undeclared keys in a map and writes them back.
pub mod capture {
    include!(concat!(env!("OUT_DIR"), "/capture.rs"));
}

/// Generated with `Config::keep_unknown(KeepUnknown::Text)`: every struct keeps
/// undeclared keys as JSON text (`UnknownKeys`) and writes them back.
pub mod capture_text {
    include!(concat!(env!("OUT_DIR"), "/capture_text.rs"));
}

/// Generated from `tests/fixtures/unions/models`: unions with and without deciding
/// fields, for the union benchmark.
pub mod unions {
    include!(concat!(env!("OUT_DIR"), "/unions.rs"));
}

pub mod derived;
pub mod payload;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn payload_is_deterministic_and_sized() {
        let a = payload::json(payload::ITEMS);
        assert_eq!(a, payload::json(payload::ITEMS));
        assert!(
            (200_000..800_000).contains(&a.len()),
            "payload is {} bytes",
            a.len()
        );
    }

    #[test]
    fn plain_types_read_the_payload() {
        let text = payload::json(20);
        let body: plain::operations::GetLibraryItemsResponseBody =
            serde_json::from_str(&text).unwrap();
        let mc = body.media_container.as_ref().unwrap();
        assert_eq!(mc.metadata.as_ref().unwrap().len(), 20);
        assert_eq!(mc.size, 20);
        let back = serde_json::to_string(&body).unwrap();
        // What the plain types keep reads back to the same value.
        let again: plain::operations::GetLibraryItemsResponseBody =
            serde_json::from_str(&back).unwrap();
        assert_eq!(again, body);
    }

    #[test]
    fn capture_types_round_trip_unknown_keys() {
        let text = payload::json(20);
        let body: capture::operations::GetLibraryItemsResponseBody =
            serde_json::from_str(&text).unwrap();
        let back = serde_json::to_string(&body).unwrap();
        // Every unknown key is written back, with its value, where it came from.
        let a = unknown_keys(&text);
        assert!(a.len() > 20 * 8, "{} unknown keys", a.len());
        assert_eq!(unknown_keys(&back), a);
    }

    #[test]
    fn text_capture_keeps_what_map_capture_keeps() {
        let text = payload::json(payload::ITEMS);
        let as_text: capture_text::operations::GetLibraryItemsResponseBody =
            serde_json::from_str(&text).unwrap();
        let as_map: capture::operations::GetLibraryItemsResponseBody =
            serde_json::from_str(&text).unwrap();
        let back = serde_json::to_string(&as_text).unwrap();
        assert_eq!(unknown_keys(&back), unknown_keys(&text));
        assert_eq!(
            serde_json::from_str::<Value>(&back).unwrap(),
            serde_json::to_value(&as_map).unwrap()
        );
        let again: capture_text::operations::GetLibraryItemsResponseBody =
            serde_json::from_str(&back).unwrap();
        assert_eq!(again, as_text);
    }

    #[test]
    fn thinning_keeps_a_share_of_the_unknown_keys() {
        let full = payload::value(20);
        let count = |pct| {
            let mut v = full.clone();
            payload::thin_unknown(&mut v, pct);
            unknown_keys(&v.to_string()).len()
        };
        let all = unknown_keys(&full.to_string()).len();
        assert_eq!(count(100), all);
        assert_eq!(count(0), 0);
        let half = count(50);
        assert!(all / 3 < half && half < all * 2 / 3, "{half} of {all}");
    }

    #[test]
    fn derived_types_read_what_the_generated_types_read() {
        let text = payload::json(payload::ITEMS);
        let plain: plain::operations::GetLibraryItemsResponseBody =
            serde_json::from_str(&text).unwrap();
        let derived: derived::plain::GetLibraryItemsResponseBody =
            serde_json::from_str(&text).unwrap();
        let items = derived.media_container.as_ref().unwrap().metadata.as_ref();
        assert_eq!(items.map(Vec::len), Some(payload::ITEMS));
        // Read back through the generated types, the derive's data is the same data.
        let again: plain::operations::GetLibraryItemsResponseBody =
            serde_json::from_value(serde_json::to_value(&derived).unwrap()).unwrap();
        assert_eq!(again, plain);
    }

    #[test]
    fn flattened_derive_keeps_what_the_capturing_types_keep() {
        let text = payload::json(payload::ITEMS);
        let capture: capture::operations::GetLibraryItemsResponseBody =
            serde_json::from_str(&text).unwrap();
        let flat: derived::flatten::GetLibraryItemsResponseBody =
            serde_json::from_str(&text).unwrap();
        let back = serde_json::to_string(&flat).unwrap();
        // Every unknown key lands in a flattened map and is written back.
        assert_eq!(unknown_keys(&back), unknown_keys(&text));
        // Read back through the capturing types, it is the same data.
        let again: capture::operations::GetLibraryItemsResponseBody =
            serde_json::from_str(&back).unwrap();
        assert_eq!(again, capture);
    }

    #[test]
    fn plain_types_drop_unknown_keys() {
        let text = payload::json(20);
        let body: plain::operations::GetLibraryItemsResponseBody =
            serde_json::from_str(&text).unwrap();
        let back = serde_json::to_string(&body).unwrap();
        assert!(unknown_keys(&back).is_empty());
    }

    /// The unknown keys of a payload with their values, by path (path segments in
    /// lower case: the generated types write `MediaContainer` back as `mediaContainer`).
    fn unknown_keys(text: &str) -> Vec<(String, Value)> {
        fn walk(v: &Value, path: &str, out: &mut Vec<(String, Value)>) {
            match v {
                Value::Object(map) => {
                    for (k, v) in map {
                        let p = format!("{path}/{}", k.to_ascii_lowercase());
                        if payload::UNKNOWN_KEYS.contains(&k.as_str()) {
                            out.push((p, v.clone()));
                        } else if !payload::FREE_FORM.contains(&k.as_str()) {
                            walk(v, &p, out);
                        }
                    }
                }
                Value::Array(items) => {
                    for (i, v) in items.iter().enumerate() {
                        walk(v, &format!("{path}/{i}"), out);
                    }
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        walk(&serde_json::from_str(text).unwrap(), "", &mut out);
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
}
