//! Detection rules, the precedence and learning, on small hand-written docs.

use super::detect::Evidence;
use super::*;
use crate::discover::Source;
use crate::model::{build, Kind, Model};
use std::path::PathBuf;

fn src(rel: &str, text: &str) -> Source {
    Source {
        root: PathBuf::from("docs"),
        rel: rel.split('/').map(String::from).collect(),
        path: PathBuf::from("docs").join(rel),
        text: text.to_string(),
    }
}

/// A struct doc in Python flavor (`Go` flavor when the types say so), rows of
/// (field, type, description, example).
fn doc(title: &str, rows: &[(&str, &str, &str, &str)]) -> String {
    let mut s = format!(
        "# {title}\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n| --- | --- | --- | --- | --- |\n"
    );
    for (name, ty, desc, ex) in rows {
        s.push_str(&format!(
            "| `{name}` | {ty} | :heavy_minus_sign: | {desc} | {ex} |\n"
        ));
    }
    s
}

fn enum_doc(title: &str, values: &[&str]) -> String {
    let mut s = format!("# {title}\n\n## Values\n\n| Name | Value |\n| --- | --- |\n");
    for v in values {
        s.push_str(&format!("| `{}` | {v} |\n", v.to_uppercase()));
    }
    s
}

fn model(docs: &[(&str, String)]) -> Model {
    let srcs: Vec<Source> = docs.iter().map(|(rel, text)| src(rel, text)).collect();
    let built = build(&srcs);
    assert!(built.errors.is_empty(), "{:?}", built.errors);
    built.model
}

fn detection(m: &Model) -> Detection {
    detect::detect(m, &Index::new(m))
}

/// The key and aliases of `Type.field` (type by name, field by doc name).
fn field<'m>(m: &'m Model, ty: &str, name: &str) -> &'m crate::model::Field {
    let t = m.types.iter().find(|t| t.name == ty).expect("type");
    let Kind::Struct(s) = &t.kind else {
        panic!("{ty} is no struct")
    };
    s.fields.iter().find(|f| f.doc_name == name).expect("field")
}

fn key(m: &Model, ty: &str, name: &str) -> String {
    field(m, ty, name).wire_name.clone()
}

const CHILD: &str = "[Optional[components.Child]](../components/child.md)";
const CHILDREN: &str = "List[[components.Child](../components/child.md)]";

fn child() -> (&'static str, String) {
    (
        "components/child.md",
        doc(
            "Child",
            &[
                ("child_name", "*str*", "N/A", ""),
                ("child_age", "*int*", "N/A", ""),
                ("other_thing", "*str*", "N/A", ""),
            ],
        ),
    )
}

// ---------------------------------------------------------------------------------
// Detection, one rule at a time.

#[test]
fn example_keys_name_the_fields_of_the_type_they_describe() {
    let ex = "{<br/>\"childName\": \"a\",<br/>\"childAge\": 3<br/>}";
    let m = model(&[
        child(),
        (
            "components/parent.md",
            doc("Parent", &[("child", CHILD, "N/A", ex)]),
        ),
    ]);
    let d = detection(&m);
    assert_eq!(d.casing, Casing::Camel);
    assert_eq!(
        d.reason(),
        "2 example keys agree, 0 disagree; no key shows how initialisms are written"
    );
    // The keys shown are kept per field; the rest follow the casing they show.
    assert_eq!(key(&m, "Child", "child_name"), "childName");
    assert_eq!(key(&m, "Child", "other_thing"), "otherThing");
    let snake = "{<br/>\"child_name\": \"a\",<br/>\"child_age\": 3<br/>}";
    let m = model(&[
        child(),
        (
            "components/parent.md",
            doc("Parent", &[("child", CHILD, "N/A", snake)]),
        ),
    ]);
    assert_eq!(detection(&m).casing, Casing::Snake);
    assert_eq!(key(&m, "Child", "other_thing"), "other_thing");
}

#[test]
fn examples_are_followed_through_lists_and_maps_whose_keys_are_data() {
    let list = "[<br/>{\"child_name\": \"a\"},<br/>{\"child_age\": 1}<br/>]";
    // The map's own keys are data (camelCase here), its values are children.
    let map = "{\"someEntry\": {\"other_thing\": \"x\"}}";
    let m = model(&[
        child(),
        (
            "components/parent.md",
            doc(
                "Parent",
                &[
                    ("children", CHILDREN, "N/A", list),
                    (
                        "by_name",
                        "Dict[str, [components.Child](../components/child.md)]",
                        "N/A",
                        map,
                    ),
                ],
            ),
        ),
    ]);
    let d = detection(&m);
    assert_eq!(d.tallies[0].families, [0, 3, 0]);
    assert_eq!(d.tallies[1].families, [0, 0, 0]);
    assert_eq!(d.casing, Casing::Snake);
}

#[test]
fn other_example_keys_count_when_no_type_describes_them() {
    let ex = "{\"someKey\": {\"nestedValue\": 1}, \"x\": 2}";
    let m = model(&[(
        "components/parent.md",
        doc("Parent", &[("extra_data", "*Any*", "N/A", ex)]),
    )]);
    let d = detection(&m);
    assert_eq!(d.casing, Casing::Camel);
    assert_eq!(d.family_votes.unwrap().evidence, Evidence::OtherExampleKeys);
    assert_eq!(d.family_votes.unwrap().agree, 2);
}

#[test]
fn identifiers_quoted_in_descriptions_that_name_a_field() {
    let m = model(&[(
        "components/page.md",
        doc(
            "Page",
            &[
                (
                    "sort_order",
                    "*str*",
                    "Ignored unless `pageSize` is set; see \"pageSize\" and `limit`",
                    "",
                ),
                (
                    "page_size",
                    "*int*",
                    "Not the `otherField` of another type",
                    "",
                ),
            ],
        ),
    )]);
    let d = detection(&m);
    // `pageSize` twice; `limit` has one word, `otherField` names no field here.
    assert_eq!(d.tallies[2].families, [2, 0, 0]);
    assert_eq!(d.casing, Casing::Camel);
    assert_eq!(d.family_votes.unwrap().evidence, Evidence::QuotedKeys);
}

#[test]
fn enum_values_that_name_fields() {
    let m = model(&[
        (
            "components/item.md",
            doc(
                "Item",
                &[
                    ("created_at", "*str*", "N/A", ""),
                    ("updated_at", "*str*", "N/A", ""),
                ],
            ),
        ),
        (
            "components/sortby.md",
            enum_doc(
                "SortBy",
                &["createdAt", "updatedAt", "relevance", "AionLabs"],
            ),
        ),
    ]);
    let d = detection(&m);
    assert_eq!(d.tallies[3].families, [2, 0, 0]);
    assert_eq!(d.casing, Casing::Camel);
    assert_eq!(d.family_votes.unwrap().evidence, Evidence::EnumValues);
}

#[test]
fn field_names_of_camel_case_named_docs() {
    let ts = doc(
        "Project",
        &[
            ("createdAt", "*str*", "N/A", ""),
            ("ownerId", "*str*", "N/A", ""),
            ("name", "*str*", "N/A", ""),
        ],
    );
    let m = model(&[("models/project.md", ts)]);
    let d = detection(&m);
    assert_eq!(d.tallies[4].families, [2, 0, 0]);
    assert_eq!(d.tallies[4].initialisms, [1, 0]);
    assert_eq!(d.casing, Casing::Camel);
    // Snake_case names (Python) are SDK names: no evidence.
    let py = doc("Project", &[("created_at", "*str*", "N/A", "")]);
    let d = detection(&model(&[("models/project.md", py)]));
    assert_eq!(d.family_votes, None);
}

#[test]
fn initialism_style_comes_from_keys_with_an_initialism() {
    let caps = "{\"childName\": \"a\", \"ownerID\": \"x\", \"homeURL\": \"y\"}";
    let plain = "{\"childName\": \"a\", \"ownerId\": \"x\"}";
    let rows = |ex| {
        doc(
            "Child",
            &[
                ("child_name", "*str*", "N/A", ""),
                ("owner_id", "*str*", "N/A", ""),
                ("home_url", "*str*", "N/A", ""),
                ("parent_id", "*str*", "N/A", ""),
                ("me", CHILD, "N/A", ex),
            ],
        )
    };
    let m = model(&[("components/child.md", rows(caps))]);
    assert_eq!(detection(&m).casing, Casing::CamelInitialisms);
    assert_eq!(key(&m, "Child", "parent_id"), "parentID");
    let m = model(&[("components/child.md", rows(plain))]);
    assert_eq!(detection(&m).casing, Casing::Camel);
    assert_eq!(key(&m, "Child", "parent_id"), "parentId");
}

#[test]
fn one_word_keys_do_not_vote_but_are_kept_per_field() {
    let ex = "{\"Child\": {\"Name\": \"a\"}}";
    let m = model(&[
        (
            "components/child.md",
            doc(
                "Child",
                &[
                    ("name", "*str*", "N/A", ""),
                    ("nick_name", "*str*", "N/A", ""),
                ],
            ),
        ),
        (
            "components/parent.md",
            doc(
                "Parent",
                &[(
                    "me",
                    "[Optional[components.Wrap]](../components/wrap.md)",
                    "N/A",
                    ex,
                )],
            ),
        ),
        (
            "components/wrap.md",
            doc("Wrap", &[("child", CHILD, "N/A", "")]),
        ),
    ]);
    let d = detection(&m);
    assert_eq!(d.family_votes, None);
    assert_eq!(d.casing, Casing::Camel);
    assert_eq!(key(&m, "Wrap", "child"), "Child");
    assert_eq!(key(&m, "Child", "name"), "Name");
    assert_eq!(key(&m, "Child", "nick_name"), "nickName");
}

#[test]
fn a_higher_tier_decides_before_a_larger_lower_one() {
    let ex = "{\"child_name\": \"a\"}";
    let m = model(&[
        (
            "components/child.md",
            doc(
                "Child",
                &[
                    ("child_name", "*str*", "Also `childAge`, `otherThing`", ""),
                    ("child_age", "*int*", "N/A", ""),
                    ("other_thing", "*str*", "See `childName`", ""),
                ],
            ),
        ),
        (
            "components/parent.md",
            doc("Parent", &[("child", CHILD, "N/A", ex)]),
        ),
    ]);
    let d = detection(&m);
    assert_eq!(d.tallies[2].families, [3, 0, 0]);
    assert_eq!(d.casing, Casing::Snake);
    assert_eq!(d.reason(), "1 example key agrees, 0 disagree");
}

#[test]
fn broken_json_examples_still_show_their_keys() {
    let ex = "{<br/>\"childName\": \"a\",<br/>\"childAge\": (cut short";
    let m = model(&[
        child(),
        (
            "components/parent.md",
            doc("Parent", &[("child", CHILD, "N/A", ex)]),
        ),
    ]);
    let d = detection(&m);
    assert_eq!(d.tallies[1].families, [2, 0, 0]);
    assert_eq!(d.casing, Casing::Camel);
}

// ---------------------------------------------------------------------------------
// The precedence.

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wire-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn go_docs() -> Vec<(&'static str, String)> {
    let child = "[*components.Child](../components/child.md)";
    let children = "[][components.Child](../components/child.md)";
    vec![
        (
            "components/pinned.md",
            doc(
                "Pinned",
                &[
                    ("PinnedKey", "**string*", "N/A", ""),
                    ("OtherField", "**string*", "N/A", ""),
                ],
            ),
        ),
        (
            "components/account.md",
            doc(
                "Account",
                &[
                    ("LearnedKey", "**string*", "N/A", ""),
                    ("ExampleKey", "**string*", "N/A", ""),
                    ("PlainField", "**string*", "Not `plain_field` twice", ""),
                    ("Child", child, "N/A", ""),
                    ("ChildList", children, "N/A", ""),
                ],
            ),
        ),
        (
            "components/child.md",
            doc("Child", &[("ChildName", "**string*", "N/A", "")]),
        ),
        (
            "components/holder.md",
            doc(
                "Holder",
                &[(
                    "Account",
                    "[*components.Account](../components/account.md)",
                    "N/A",
                    "{\"exampleKEY\": \"x\"}",
                )],
            ),
        ),
    ]
}

/// The key and level of every field of the Go docs, as `Type.Field=key@Level`.
fn keys_and_levels(m: &Model, o: &Outcome) -> Vec<String> {
    let mut out = Vec::new();
    for (t, levels) in m.types.iter().zip(&o.levels) {
        if let Kind::Struct(s) = &t.kind {
            for (f, l) in s.fields.iter().zip(levels) {
                out.push(format!("{}.{}={}@{l:?}", t.name, f.doc_name, f.wire_name));
            }
        }
    }
    out
}

#[test]
fn precedence_every_level_in_its_place() {
    let dir = scratch("precedence");
    std::fs::write(
        dir.join("account.json"),
        r#"{"learnedKEY": "a", "Child": {"childName": "c"}, "surprise": 1}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("pinned.json"),
        r#"{"otherField": "x", "pinnedKey": "y"}"#,
    )
    .unwrap();
    let learn = [
        LearnSource::parse(format!(
            "components::Account={}",
            dir.join("account.json").display()
        )),
        LearnSource::parse(format!(
            "components::Pinned={}",
            dir.join("pinned.json").display()
        )),
    ];
    let file = |text: &str| Overrides::parse(&dir.join("wire-names.toml"), text).unwrap();
    let pinned = "[\"components::Pinned\"]\ncasing = \"snake_case\"\n[\"components::Pinned\".fields]\nPinnedKey = \"pinnedKEY\"\n";

    // 1. Field and type overrides, learned keys, the example's key, and the casing
    //    detected, which the payloads decide over the docs (`plain_field` quoted in a
    //    description): camelCase, and PascalCase for fields holding objects (`Child`).
    let ov = file(pinned);
    let mut m = model(&go_docs());
    let settings = Settings {
        casing: None,
        overrides: Some(&ov),
        learn: &learn,
    };
    let o = apply(&mut m, &settings).unwrap();
    assert_eq!(
        keys_and_levels(&m, &o),
        [
            "Account.LearnedKey=learnedKEY@Learned",
            "Account.ExampleKey=exampleKEY@Example",
            "Account.PlainField=plainField@Detected",
            "Account.Child=Child@Learned",
            "Account.ChildList=ChildList@Detected",
            "Child.ChildName=childName@Learned",
            "Holder.Account=Account@Detected",
            "Pinned.PinnedKey=pinnedKEY@FieldOverride",
            "Pinned.OtherField=other_field@TypeOverride",
        ]
    );
    // 2. A global casing (Config::casing) beats the examples and the detection, and
    //    the file's `[defaults] object-casing` beats it for fields holding objects.
    let ov = file(&format!(
        "[defaults]\nobject-casing = \"snake_case\"\n{pinned}"
    ));
    let mut m = model(&go_docs());
    let settings = Settings {
        casing: Some(Casing::Pascal),
        overrides: Some(&ov),
        learn: &learn,
    };
    let o = apply(&mut m, &settings).unwrap();
    assert_eq!(
        keys_and_levels(&m, &o),
        [
            "Account.LearnedKey=learnedKEY@Learned",
            "Account.ExampleKey=ExampleKey@Global",
            "Account.PlainField=PlainField@Global",
            "Account.Child=Child@Learned",
            "Account.ChildList=child_list@Global",
            "Child.ChildName=childName@Learned",
            "Holder.Account=account@Global",
            "Pinned.PinnedKey=pinnedKEY@FieldOverride",
            "Pinned.OtherField=other_field@TypeOverride",
        ]
    );
    assert_eq!(
        o.decision.to_string(),
        "PascalCase (as set); objects snake_case (as set in wire-names.toml)"
    );
    // 3. Nothing set and no evidence: the fallback.
    let mut m = model(&[(
        "components/child.md",
        doc("Child", &[("ChildName", "**string*", "N/A", "")]),
    )]);
    let o = apply(&mut m, &Settings::default()).unwrap();
    assert_eq!(
        keys_and_levels(&m, &o),
        ["Child.ChildName=childName@Fallback"]
    );
    assert_eq!(
        o.decision.to_string(),
        "camelCase (no evidence in the docs; set --casing)"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn aliases_hold_the_other_spellings_and_never_the_key() {
    let dir = scratch("aliases");
    let mut m = model(&[child()]);
    let ov = Overrides::parse(
        &dir.join("w.toml"),
        "[\"components::Child\".fields]\nchild_name = \"kid\"\n",
    )
    .unwrap();
    let settings = Settings {
        overrides: Some(&ov),
        ..Settings::default()
    };
    apply(&mut m, &settings).unwrap();
    let f = field(&m, "Child", "child_name");
    assert_eq!(f.wire_name, "kid");
    // The key it replaced is still read.
    assert_eq!(
        f.aliases,
        ["ChildName", "childName", "child_name"],
        "Child has no initialism: four spellings are three"
    );
    // Two fields given one key by the file is an error at the override's line.
    let ov = Overrides::parse(
        &dir.join("w.toml"),
        "[\"components::Child\".fields]\nchild_name = \"k\"\nchild_age = \"k\"\n",
    )
    .unwrap();
    let mut m = model(&[child()]);
    let settings = Settings {
        overrides: Some(&ov),
        ..Settings::default()
    };
    let errs = apply(&mut m, &settings).unwrap_err();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].message.contains("both get `k`"),
        "{}",
        errs[0].message
    );
    // A field whose key is an override's falls back to its documented name.
    let ov = Overrides::parse(
        &dir.join("w.toml"),
        "[\"components::Child\".fields]\nchild_name = \"childAge\"\n",
    )
    .unwrap();
    let mut m = model(&[child()]);
    let settings = Settings {
        overrides: Some(&ov),
        ..Settings::default()
    };
    apply(&mut m, &settings).unwrap();
    assert_eq!(key(&m, "Child", "child_name"), "childAge");
    assert_eq!(key(&m, "Child", "child_age"), "child_age");
    assert!(!field(&m, "Child", "child_age")
        .aliases
        .contains(&"childAge".to_string()));
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------------------------
// Learning.

fn learn_from(m: &mut Model, dir: &Path, specs: &[&str]) -> Outcome {
    let learn: Vec<LearnSource> = specs
        .iter()
        .map(|s| LearnSource::parse(dir.join(s)))
        .collect();
    let settings = Settings {
        learn: &learn,
        ..Settings::default()
    };
    apply(m, &settings).unwrap()
}

/// Every key of `payload` maps to a field of `ty` (followed down) whose key equals it.
fn keys_round_trip(m: &Model, ty: &str, payload: &serde_json::Value) {
    let id = m.types.iter().position(|t| t.name == ty).expect("type");
    check_keys(m, &m.types[id].kind, payload, ty);
}

fn check_keys(m: &Model, kind: &Kind, v: &serde_json::Value, at: &str) {
    let (Kind::Struct(s), serde_json::Value::Object(obj)) = (kind, v) else {
        return;
    };
    for (k, x) in obj {
        let f = s
            .fields
            .iter()
            .find(|f| f.wire_name == *k)
            .unwrap_or_else(|| panic!("{at}: no field has the key `{k}`"));
        let mut ty = &f.ty;
        while let crate::model::Ty::List(t)
        | crate::model::Ty::Nullable(t)
        | crate::model::Ty::Boxed(t) = ty
        {
            ty = t;
        }
        if let crate::model::Ty::Named(id) = ty {
            let items = match x {
                serde_json::Value::Array(a) => a.iter().collect(),
                x => vec![x],
            };
            for item in items {
                check_keys(m, &m.types[*id].kind, item, &format!("{at}.{k}"));
            }
        }
    }
}

fn plex_docs() -> Vec<(&'static str, String)> {
    let link = |t: &str| format!("[components.{t}](../components/{}.md)", t.to_lowercase());
    vec![
        (
            "components/response.md",
            doc(
                "Response",
                &[(
                    "media_container",
                    "[Optional[components.MediaContainer]](../components/mediacontainer.md)",
                    "N/A",
                    "",
                )],
            ),
        ),
        (
            "components/mediacontainer.md",
            doc(
                "MediaContainer",
                &[
                    ("size", "*int*", "N/A", ""),
                    ("library_section_id", "*Optional[int]*", "N/A", ""),
                    ("library_section_title", "*Optional[str]*", "N/A", ""),
                    ("allow_sync", "*Optional[bool]*", "N/A", ""),
                    (
                        "metadata",
                        &format!("List[{}]", link("Metadata")),
                        "N/A",
                        "",
                    ),
                ],
            ),
        ),
        (
            "components/metadata.md",
            doc(
                "Metadata",
                &[
                    ("rating_key", "*str*", "N/A", ""),
                    ("guid", "*Optional[str]*", "N/A", ""),
                    ("added_at", "*Optional[int]*", "N/A", ""),
                    ("view_count", "*Optional[int]*", "N/A", ""),
                    ("media", &format!("List[{}]", link("Media")), "N/A", ""),
                    ("guids", &format!("List[{}]", link("Guids")), "N/A", ""),
                    (
                        "ultra_blur_colors",
                        "[Optional[components.UltraBlurColors]](../components/ultrablurcolors.md)",
                        "N/A",
                        "",
                    ),
                ],
            ),
        ),
        (
            "components/media.md",
            doc(
                "Media",
                &[
                    ("id", "*int*", "N/A", ""),
                    ("video_resolution", "*Optional[str]*", "N/A", ""),
                    ("part", &format!("List[{}]", link("Part")), "N/A", ""),
                ],
            ),
        ),
        (
            "components/part.md",
            doc(
                "Part",
                &[
                    ("id", "*int*", "N/A", ""),
                    ("key", "*str*", "N/A", ""),
                    ("has_thumbnail", "*Optional[str]*", "N/A", ""),
                ],
            ),
        ),
        (
            "components/guids.md",
            doc("Guids", &[("id", "*str*", "N/A", "")]),
        ),
        (
            "components/ultrablurcolors.md",
            doc(
                "UltraBlurColors",
                &[
                    ("top_left", "*str*", "N/A", ""),
                    ("bottom_right", "*str*", "N/A", ""),
                ],
            ),
        ),
    ]
}

fn plex_payload() -> serde_json::Value {
    serde_json::json!({
        "MediaContainer": {
            "size": 1,
            "librarySectionID": 1,
            "librarySectionTitle": "Movies",
            "allowSync": true,
            "Metadata": [{
                "ratingKey": "58683",
                "guid": "plex://movie/5d7768ba96b655001fdc0408",
                "addedAt": 1556281940,
                "Guid": [{"id": "imdb://tt0111161"}],
                "Media": [{"id": 1, "videoResolution": "4k",
                           "Part": [{"id": 2, "key": "/library/parts/2", "hasThumbnail": "1"}]}],
                "UltraBlurColors": {"topLeft": "0a0a0a", "bottomRight": "ffffff"}
            }]
        }
    })
}

#[test]
fn learning_a_mixed_plex_like_tree() {
    let dir = scratch("plex");
    std::fs::write(dir.join("library.json"), plex_payload().to_string()).unwrap();
    let mut m = model(&plex_docs());
    let o = learn_from(&mut m, &dir, &["library.json"]);
    keys_round_trip(&m, "Response", &plex_payload());
    // `Guid` is the key of the list `guids`, not a second spelling of the string
    // `guid`: reading it as `guid`'s alias would be a duplicate.
    assert_eq!(key(&m, "Metadata", "guids"), "Guid");
    assert_eq!(key(&m, "Metadata", "guid"), "guid");
    assert!(!field(&m, "Metadata", "guid")
        .aliases
        .contains(&"Guid".to_string()));
    // Fields no payload showed follow the learned casings: camelCase with ID for
    // scalars, PascalCase for objects.
    assert_eq!(key(&m, "Metadata", "view_count"), "viewCount");
    let report = o.learned.as_ref().unwrap();
    assert_eq!(report.casing, Some(Casing::CamelInitialisms));
    assert_eq!(report.object_casing, Some(Casing::Pascal));
    assert_eq!(report.payloads.len(), 1);
    let p = &report.payloads[0];
    assert_eq!(
        (p.type_path.as_str(), p.declared, p.keys),
        ("components::Response", 21, 21)
    );
    assert!(report.unknown_keys.is_empty(), "{report}");
    assert!(report.conflicts.is_empty(), "{report}");
    assert!(
        o.decision
            .to_string()
            .starts_with("camelCase-initialisms, objects PascalCase (learned: "),
        "{}",
        o.decision
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn learning_snake_and_camel_case_apis() {
    let dir = scratch("uniform");
    let docs = || {
        vec![
            (
                "components/customer.md",
                doc(
                    "Customer",
                    &[
                        ("customer_id", "*str*", "N/A", ""),
                        ("email_address", "*Optional[str]*", "N/A", ""),
                        ("created_at", "*Optional[int]*", "N/A", ""),
                        (
                            "billing_address",
                            "[Optional[components.Address]](../components/address.md)",
                            "N/A",
                            "",
                        ),
                        ("tax_exempt", "*Optional[bool]*", "N/A", ""),
                    ],
                ),
            ),
            (
                "components/address.md",
                doc(
                    "Address",
                    &[
                        ("line_one", "*str*", "N/A", ""),
                        ("postal_code", "*Optional[str]*", "N/A", ""),
                        ("country_code", "*Optional[str]*", "N/A", ""),
                    ],
                ),
            ),
        ]
    };
    let snake = serde_json::json!([
        {"customer_id": "c1", "email_address": "a@b.c", "created_at": 1700000000,
         "billing_address": {"line_one": "1 Main St", "postal_code": "10115"}},
        {"customer_id": "c2", "billing_address": null}
    ]);
    let camel = serde_json::json!({"customerId": "c1", "emailAddress": "a@b.c",
        "billingAddress": {"lineOne": "1 Main St", "postalCode": "10115"}});
    std::fs::create_dir_all(dir.join("snake")).unwrap();
    std::fs::write(dir.join("snake/customers.json"), snake.to_string()).unwrap();
    std::fs::write(dir.join("camel.json"), camel.to_string()).unwrap();

    let mut m = model(&docs());
    let o = learn_from(&mut m, &dir, &["snake"]);
    for item in snake.as_array().unwrap() {
        keys_round_trip(&m, "Customer", item);
    }
    // Unseen fields follow the learned casing.
    assert_eq!(key(&m, "Customer", "tax_exempt"), "tax_exempt");
    assert_eq!(key(&m, "Address", "country_code"), "country_code");
    let report = o.learned.unwrap();
    assert_eq!(report.payloads[0].elements, 2);
    assert_eq!(report.casing, Some(Casing::Snake));

    let mut m = model(&docs());
    learn_from(&mut m, &dir, &["camel.json"]);
    keys_round_trip(&m, "Customer", &camel);
    assert_eq!(key(&m, "Customer", "tax_exempt"), "taxExempt");
    assert_eq!(key(&m, "Address", "country_code"), "countryCode");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn learning_reports_unknown_keys_conflicts_and_bad_payloads() {
    let dir = scratch("report");
    std::fs::write(
        dir.join("a.json"),
        r#"{"customer_id": "c1", "email_address": "x", "loyalty_tier": "gold"}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("b.json"),
        r#"{"customerId": "c2", "emailAddress": "y"}"#,
    )
    .unwrap();
    std::fs::write(dir.join("c.json"), r#"{"customer_id": "c3"}"#).unwrap();
    std::fs::write(dir.join("broken.json"), "{\"customer_id\": \n  nope}").unwrap();
    std::fs::write(dir.join("other.json"), r#"{"weather": "sunny", "wind": 3}"#).unwrap();
    let docs = [(
        "components/customer.md",
        doc(
            "Customer",
            &[
                ("customer_id", "*str*", "N/A", ""),
                ("email_address", "*Optional[str]*", "N/A", ""),
            ],
        ),
    )];
    let mut m = model(&docs);
    let learn = [LearnSource::parse(&dir)];
    let settings = Settings {
        learn: &learn,
        ..Settings::default()
    };
    let o = apply(&mut m, &settings).unwrap();
    let report = o.learned.unwrap();
    assert_eq!(
        report.unknown_keys.keys().collect::<Vec<_>>(),
        [&(
            "components::Customer".to_string(),
            "loyalty_tier".to_string()
        )]
    );
    let c: Vec<_> = report
        .conflicts
        .iter()
        .map(|c| (&c.field, &c.spellings))
        .collect();
    assert_eq!(c.len(), 2, "{report}");
    assert_eq!(c[0].0, "customer_id");
    assert_eq!(
        *c[0].1,
        [
            ("customer_id".to_string(), 2),
            ("customerId".to_string(), 1)
        ]
    );
    // The most frequent spelling wins; for equals, the first seen.
    assert_eq!(key(&m, "Customer", "customer_id"), "customer_id");
    assert_eq!(key(&m, "Customer", "email_address"), "email_address");
    // Not JSON, and fits nothing: a warning with the file, nothing learned.
    let payload_warnings: Vec<_> = m
        .warnings
        .iter()
        .filter(|w| w.kind == crate::error::ErrorKind::Payload)
        .collect();
    assert_eq!(payload_warnings.len(), 2, "{payload_warnings:?}");
    assert!(payload_warnings[0].file.ends_with("broken.json"));
    assert_eq!(payload_warnings[0].pos.map(|p| p.line), Some(2));
    assert!(payload_warnings[1].file.ends_with("other.json"));
    assert!(
        payload_warnings[1].message.contains("no struct"),
        "{}",
        payload_warnings[1].message
    );
    let text = report.to_string();
    assert!(
        text.contains("a.json: matched components::Customer, 2 of 3 keys declared"),
        "{text}"
    );
    assert!(
        text.contains("components::Customer: `loyalty_tier` (1x)"),
        "{text}"
    );

    // A missing path or an unknown type is an error.
    let mut m = model(&docs);
    let learn = [
        LearnSource::parse(dir.join("nope.json")),
        LearnSource::parse(format!(
            "components::Client={}",
            dir.join("a.json").display()
        )),
    ];
    let settings = Settings {
        learn: &learn,
        ..Settings::default()
    };
    let errs = apply(&mut m, &settings).unwrap_err();
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert_eq!(errs[0].kind, crate::error::ErrorKind::Io);
    assert!(errs[0].file.ends_with("nope.json"));
    assert_eq!(errs[1].kind, crate::error::ErrorKind::Usage);
    assert!(errs[1].message.contains("components::Client"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_printed_overrides_file_gives_the_same_keys() {
    let dir = scratch("print");
    std::fs::write(dir.join("library.json"), plex_payload().to_string()).unwrap();
    let mut m = model(&plex_docs());
    let o = learn_from(&mut m, &dir, &["library.json"]);
    let text = o.overrides_file(&m).unwrap();
    assert!(
        text.contains(
            "[defaults]\ncasing = \"camelCase-initialisms\"\nobject-casing = \"PascalCase\"\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("[\"components::Metadata\".fields]\n"),
        "{text}"
    );
    assert!(text.contains("\"guids\" = \"Guid\"\n"), "{text}");
    // Read back alone, it gives every field the same key.
    let ov = Overrides::parse(&dir.join("w.toml"), &text).unwrap();
    let mut again = model(&plex_docs());
    let settings = Settings {
        overrides: Some(&ov),
        ..Settings::default()
    };
    apply(&mut again, &settings).unwrap();
    let keys = |m: &Model| -> Vec<String> {
        m.types
            .iter()
            .flat_map(|t| match &t.kind {
                Kind::Struct(s) => s.fields.iter().map(|f| f.wire_name.clone()).collect(),
                _ => Vec::new(),
            })
            .collect()
    };
    assert_eq!(keys(&again), keys(&m));
    keys_round_trip(&again, "Response", &plex_payload());
    std::fs::remove_dir_all(&dir).unwrap();
}
