// Unit tests of `unions.rs`, compiled with the generator's tests only.

use super::unions::*;
use serde_json::{json, Value};

/// A union of two structs told apart by `type`, a third without it, and a string.
#[derive(Debug, PartialEq, serde::Serialize)]
#[serde(untagged)]
enum Pick {
    Cat(Value),
    Dog(Value),
    Route(Value),
    Text(String),
}

const CAT: Shape = Shape {
    kinds: OBJECT,
    fields: &[
        UnionKey {
            names: &["type"],
            required: true,
            fixed: &[Fixed::Str("cat")],
        },
        UnionKey {
            names: &["name"],
            required: true,
            fixed: &[],
        },
    ],
    open: false,
    values: &[],
};
const DOG: Shape = Shape {
    kinds: OBJECT,
    fields: &[
        UnionKey {
            names: &["type"],
            required: true,
            fixed: &[Fixed::Str("dog")],
        },
        UnionKey {
            names: &["name"],
            required: true,
            fixed: &[],
        },
    ],
    open: false,
    values: &[],
};
const ROUTE: Shape = Shape {
    kinds: OBJECT,
    fields: &[
        UnionKey {
            names: &["name"],
            required: true,
            fixed: &[],
        },
        UnionKey {
            names: &["expression", "Expression"],
            required: false,
            fixed: &[],
        },
    ],
    open: false,
    values: &[],
};
const TEXT: Shape = Shape {
    kinds: STRING,
    fields: &[],
    open: false,
    values: &[],
};

fn members() -> Vec<Member<Pick>> {
    vec![
        Member {
            name: "Cat",
            shape: &CAT,
            read: |v| Ok(Pick::Cat(v.clone())),
        },
        Member {
            name: "Dog",
            shape: &DOG,
            read: |v| Ok(Pick::Dog(v.clone())),
        },
        Member {
            name: "Route",
            shape: &ROUTE,
            read: |v| Ok(Pick::Route(v.clone())),
        },
        Member {
            name: "Text",
            shape: &TEXT,
            read: |v| serde::Deserialize::deserialize(v).map(Pick::Text),
        },
    ]
}

fn read(text: &str) -> Result<Pick, serde_json::Error> {
    union(
        &mut serde_json::Deserializer::from_str(text),
        "Pick",
        &members(),
    )
}

#[test]
fn a_deciding_field_picks_its_member_whatever_the_order() {
    let dog = read(r#"{"type": "dog", "name": "Rex"}"#).unwrap();
    assert_eq!(dog, Pick::Dog(json!({"type": "dog", "name": "Rex"})));
    let cat = read(r#"{"name": "Tom", "type": "cat"}"#).unwrap();
    assert!(matches!(cat, Pick::Cat(_)), "{cat:?}");
}

#[test]
fn without_a_deciding_field_the_best_cover_of_the_keys_wins() {
    // `type` is undeclared for Route, and Cat and Dog refuse `bird`.
    let r = read(r#"{"name": "a", "expression": "x"}"#).unwrap();
    assert!(matches!(r, Pick::Route(_)), "{r:?}");
    assert_eq!(read(r#""plain""#).unwrap(), Pick::Text("plain".into()));
}

#[test]
fn no_member_names_the_union_and_every_member() {
    let err = read(r#"{"type": "bird"}"#).unwrap_err().to_string();
    assert!(err.starts_with("no member of Pick matched: "), "{err}");
    for m in ["as Cat: ", "as Dog: ", "as Route: ", "as Text: "] {
        assert!(err.contains(m), "{m} in {err}");
    }
    assert!(err.contains("as Route: missing key `name`"), "{err}");
    let ms = members();
    let two = &mut serde_json::Deserializer::from_str(r#"{"type": "bird", "name": "Tweety"}"#);
    let err = union(two, "Pet", &ms[..2]).unwrap_err().to_string();
    assert!(
        err.contains(r#"as Dog: `type` is "bird", expected "dog""#),
        "{err}"
    );
    let err = read("5").unwrap_err().to_string();
    assert!(
        err.contains("as Text: expected another kind of value, found an integer"),
        "{err}"
    );
}

#[test]
fn a_member_that_fails_to_read_gives_way_to_the_next() {
    let ms = vec![
        Member {
            name: "Never",
            shape: &TEXT,
            read: |_| Err(serde::de::Error::custom("refused")),
        },
        Member {
            name: "Text",
            shape: &TEXT,
            read: |v| serde::Deserialize::deserialize(v).map(Pick::Text),
        },
    ];
    let got = union(
        &mut serde_json::Deserializer::from_str(r#""x""#),
        "Pick",
        &ms,
    )
    .unwrap();
    assert_eq!(got, Pick::Text("x".into()));
    let err = union(
        &mut serde_json::Deserializer::from_str("[]"),
        "Pick",
        &ms[..1],
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("as Never: expected another kind"),
        "{err}"
    );
}

#[test]
fn known_values_rank_first_and_unknown_ones_last() {
    const COLOR: Shape = Shape {
        kinds: STRING,
        fields: &[],
        open: false,
        values: &[Fixed::Str("red")],
    };
    assert_eq!(fit(&COLOR, &json!("red")), Ok((0, 0, 0)));
    assert_eq!(fit(&COLOR, &json!("blue")), Ok((0, 2, 0)));
    assert_eq!(fit(&TEXT, &json!("blue")), Ok((0, 1, 0)));
    const INTEGER: Shape = Shape {
        kinds: INT,
        fields: &[],
        open: false,
        values: &[],
    };
    assert_eq!(fit(&INTEGER, &json!(2.5)), Ok((0, 2, 0)));
    const JSON: Shape = Shape {
        kinds: ANY,
        fields: &[],
        open: true,
        values: &[],
    };
    assert_eq!(fit(&JSON, &json!({"a": 1})), Ok((0, 1, 0)));
}

#[test]
fn constants_read_their_value_only() {
    const HOST: &[Fixed] = &[Fixed::Str("host")];
    let read = |t: &str, vs: &'static [Fixed]| {
        read_const(&mut serde_json::Deserializer::from_str(t), vs).map_err(|e| e.to_string())
    };
    assert_eq!(read(r#""host""#, HOST), Ok(0));
    let err = read(r#""path""#, HOST).unwrap_err();
    assert!(
        err.starts_with(r#"invalid value: string "path", expected "host""#),
        "{err}"
    );
    assert_eq!(read("2", &[Fixed::Int(1), Fixed::Int(2)]), Ok(1));
    assert_eq!(read("2.0", &[Fixed::Int(2)]), Ok(0));
    assert_eq!(read("true", &[Fixed::Bool(true)]), Ok(0));
    assert!(read("false", &[Fixed::Bool(true)])
        .unwrap_err()
        .contains("expected true"));
    assert_eq!(read("null", &[Fixed::Null]), Ok(0));
    let err = read(r#""c""#, &[Fixed::Str("a"), Fixed::Str("b")]).unwrap_err();
    assert!(err.contains(r#"expected "a" or "b""#), "{err}");
    // From a buffered value too (a constant inside a union member).
    assert_eq!(read_const(&json!("host"), HOST).unwrap(), 0);
    let mut out = Vec::new();
    write_const(
        &Fixed::Float(2.5),
        &mut serde_json::Serializer::new(&mut out),
    )
    .unwrap();
    assert_eq!(out, b"2.5");
}

#[test]
fn among_equal_fits_the_member_that_keeps_the_value_wins() {
    // Both read any object with `name`; the first drops `extra` (a nested key, say).
    #[derive(Debug, PartialEq, serde::Serialize)]
    #[serde(untagged)]
    enum Two {
        Lossy(Value),
        Whole(Value),
    }
    const NAMED: Shape = Shape {
        kinds: OBJECT,
        fields: &[UnionKey {
            names: &["name"],
            required: true,
            fixed: &[],
        }],
        open: true,
        values: &[],
    };
    let ms = [
        Member {
            name: "Lossy",
            shape: &NAMED,
            read: |v| Ok(Two::Lossy(json!({"name": v["name"]}))),
        },
        Member {
            name: "Whole",
            shape: &NAMED,
            read: |v| Ok(Two::Whole(v.clone())),
        },
    ];
    let read = |t: &str| union(&mut serde_json::Deserializer::from_str(t), "Two", &ms).unwrap();
    assert!(matches!(
        read(r#"{"name": "a", "extra": {"b": 1}}"#),
        Two::Whole(_)
    ));
    // When both keep it, the first.
    assert!(matches!(read(r#"{"name": "a"}"#), Two::Lossy(_)));
}

#[test]
fn a_struct_member_gives_its_shape_once() {
    struct Named;
    impl Shaped for Named {
        const SHAPE: &'static Shape = &ROUTE;
    }
    let m: Member<Pick> = Member {
        name: "Named",
        shape: <Named as Shaped>::SHAPE,
        read: |v| Ok(Pick::Route(v.clone())),
    };
    assert_eq!(fit(m.shape, &json!({"name": "a"})), Ok((0, 1, -1)));
}
