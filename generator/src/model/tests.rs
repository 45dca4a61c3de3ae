use super::*;
use std::path::PathBuf;

pub(crate) fn src(rel: &str, text: &str) -> Source {
    Source {
        root: PathBuf::from("docs"),
        rel: rel.split('/').map(String::from).collect(),
        path: PathBuf::from("docs").join(rel),
        text: text.to_string(),
    }
}

fn table(rows: &[&str]) -> String {
    let mut s =
        String::from("| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n");
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s
}

fn built(srcs: &[Source]) -> Built {
    build(srcs)
}

#[test]
fn struct_fields_presence_and_links() {
    let a = src(
        "operations/pin.md",
        &format!(
            "# Pin\n\nA pin.\n\n## Fields\n\n{}",
            table(&[
                "| `id` | *int* | :heavy_check_mark: | N/A |",
                "| `code` | *Optional[str]* | :heavy_minus_sign: | The code |",
                "| `note` | *Nullable[str]* | :heavy_check_mark: | N/A |",
                "| `seen` | *OptionalNullable[bool]* | :heavy_minus_sign: | N/A |",
                "| `location` | [Optional[operations.Loc]](../../models/operations/loc.md) | :heavy_minus_sign: | N/A |",
            ])
        ),
    );
    let mut b = src(
        "operations/loc.md",
        &format!(
            "# Loc\n\n## Fields\n\n{}",
            table(&["| `city` | *str* | :heavy_check_mark: | N/A |"])
        ),
    );
    b.root = a.root.clone();
    // Link `../../models/operations/loc.md` from `operations/` leaves the root here:
    // it is resolved by the path it ends with, with one warning.
    let out = built(&[a.clone(), b.clone()]);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert_eq!(out.model.warnings.len(), 1, "{:?}", out.model.warnings);
    assert_eq!(out.model.warnings[0].kind, ErrorKind::LinkOutsideRoot);
    assert!(out.model.warnings[0]
        .message
        .contains("`operations/loc.md`"));
    let Kind::Struct(s) = &out.model.types[1].kind else {
        panic!()
    };
    assert_eq!(s.fields[4].ty, Ty::Named(TypeId(0)));

    let a = src("models/operations/pin.md", &a.text);
    let b = src("models/operations/loc.md", &b.text);
    let out = built(&[a, b]);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let pin = out.model.types.iter().find(|t| t.name == "Pin").unwrap();
    assert_eq!(pin.module, ["models", "operations"]);
    let Kind::Struct(s) = &pin.kind else { panic!() };
    let p: Vec<_> = s.fields.iter().map(|f| f.presence).collect();
    assert_eq!(
        p,
        [
            Presence::Required,
            Presence::Optional,
            Presence::Nullable,
            Presence::OptionalNullable,
            Presence::Optional
        ]
    );
    let loc_id = out
        .model
        .types
        .iter()
        .position(|t| t.name == "Loc")
        .unwrap();
    assert_eq!(s.fields[4].ty, Ty::Named(TypeId(loc_id)));
    assert!(s.derive_default);
}

#[test]
fn wrappers_and_options_are_skipped() {
    let w = src(
        "operations/r.md",
        &format!(
            "# R\n\n## Fields\n\n{}",
            table(&["| `raw_response` | [httpx.Response](https://www.python-httpx.org/api/#response) | :heavy_check_mark: | N/A |"])
        ),
    );
    let o = src("operations/option.md", "## Options\n\n### WithX\n");
    let e = src("operations/empty.md", "\n");
    let out = built(&[w, o, e]);
    assert!(out.errors.is_empty());
    let reasons: Vec<_> = out.model.skipped.iter().map(|s| s.reason).collect();
    assert_eq!(
        reasons,
        [
            SkipReason::ResponseWrapper,
            SkipReason::SdkOptions,
            SkipReason::Empty
        ]
    );
}

#[test]
fn enums_go_and_python_names_agree() {
    let go = src("c/lineuptype.md", "# LineupType\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `LineupTypeMinus1` | -1 |\n| `LineupTypeZero` | 0 |\n");
    let py = src("d/lineuptype.md", "# LineupType\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `MINUS_1` | -1 |\n| `ZERO` | 0 |\n");
    let out = built(&[go, py]);
    let kinds: Vec<_> = out.model.types.iter().map(|t| t.kind.clone()).collect();
    assert_eq!(kinds[0], kinds[1]);
    let Kind::Enum(e) = &kinds[0] else { panic!() };
    assert_eq!(e.repr, EnumRepr::Int);
    assert_eq!(e.variants[0].rust_name, "Minus1");
    assert_eq!(e.catch_all, "Unknown");
}

#[test]
fn union_members_are_ordered_specific_first() {
    let py = src("c/v.md", "# V\n\n## Supported Types\n\n### `str`\n\n```python\nvalue: str = /* values here */\n```\n\n### `float`\n\n```python\nvalue: float = 1\n```\n\n### `int`\n\n```python\nvalue: int = 1\n```\n\n### `bool`\n\n```python\nvalue: bool = 1\n```\n");
    let out = built(&[py]);
    let Kind::Union(u) = &out.model.types[0].kind else {
        panic!()
    };
    let names: Vec<_> = u.members.iter().map(|m| m.rust_name.as_str()).collect();
    assert_eq!(names, ["Boolean", "Integer", "Number", "Str"]);
}

#[test]
fn direct_cycles_are_boxed_and_list_cycles_are_not() {
    let node = src(
        "m/c/node.md",
        &format!("# Node\n\n## Fields\n\n{}", table(&[
        "| `children` | List[[c.Node](../../m/c/node.md)] | :heavy_minus_sign: | N/A |",
        "| `parent` | [Optional[c.Summary]](../../m/c/summary.md) | :heavy_minus_sign: | N/A |",
    ])),
    );
    let summary = src(
        "m/c/summary.md",
        &format!(
            "# Summary\n\n## Fields\n\n{}",
            table(&[
                "| `root` | [Optional[c.Node]](../../m/c/node.md) | :heavy_minus_sign: | N/A |",
            ])
        ),
    );
    let out = built(&[node, summary]);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let Kind::Struct(n) = &out.model.types[0].kind else {
        panic!()
    };
    assert_eq!(n.fields[0].ty, Ty::List(Box::new(Ty::Named(TypeId(0)))));
    assert_eq!(n.fields[1].ty, Ty::Boxed(Box::new(Ty::Named(TypeId(1)))));
}

#[test]
fn empty_tables_keep_every_key() {
    let a = src("o/args.md", "# Args\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n");
    let out = built(&[a]);
    let Kind::Struct(s) = &out.model.types[0].kind else {
        panic!()
    };
    assert!(s.fields.is_empty());
    assert_eq!(s.extra.as_ref().unwrap().value, Ty::Json);
}

#[test]
fn a_type_referring_to_a_broken_doc_is_dropped_with_a_reason() {
    let a = src(
        "m/c/a.md",
        &format!(
            "# A\n\n## Fields\n\n{}",
            table(&["| `b` | [c.B](../../m/c/b.md) | :heavy_check_mark: | N/A |"])
        ),
    );
    let b = src(
        "m/c/b.md",
        &format!(
            "# B\n\n## Fields\n\n{}",
            table(&["| `x` | *List[str* | :heavy_check_mark: | N/A |"])
        ),
    );
    let out = built(&[a, b]);
    assert!(out.model.types.is_empty());
    let kinds: Vec<_> = out.errors.iter().map(|e| e.kind).collect();
    assert!(kinds.contains(&ErrorKind::UnbalancedBrackets), "{kinds:?}");
    assert!(kinds.contains(&ErrorKind::LinkToBroken), "{kinds:?}");
}

#[test]
fn an_unknown_notation_degrades_its_field_and_keeps_the_doc() {
    let a = src(
        "m/c/a.md",
        &format!(
            "# A\n\n## Fields\n\n{}",
            table(&[
                "| `b` | [c.B](../../m/c/b.md) | :heavy_check_mark: | N/A |",
                "| `y` | *Frobnicate[int]* | :heavy_minus_sign: | N/A |",
            ])
        ),
    );
    let b = src(
        "m/c/b.md",
        &format!(
            "# B\n\n## Fields\n\n{}",
            table(&["| `x` | *strr* | :heavy_check_mark: | N/A |"])
        ),
    );
    let out = built(&[a, b]);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert_eq!(out.model.types.len(), 2);
    let fields = |i: usize| match &out.model.types[i].kind {
        Kind::Struct(s) => s.fields.clone(),
        _ => panic!(),
    };
    assert_eq!(fields(0)[1].ty, Ty::Json);
    assert_eq!(fields(1)[0].ty, Ty::Json);
    let places: Vec<_> = out
        .model
        .degraded
        .iter()
        .map(|d| {
            let p = d.diagnostic.pos.unwrap();
            (d.diagnostic.file.display().to_string(), p.line, d.cause)
        })
        .collect();
    assert_eq!(
        places,
        [
            (
                "docs/m/c/a.md".to_string(),
                8,
                DegradeCause::UnknownNotation
            ),
            (
                "docs/m/c/b.md".to_string(),
                7,
                DegradeCause::UnknownNotation
            ),
        ]
    );
    assert!(out.model.degraded[0]
        .diagnostic
        .message
        .contains("read as any JSON value"));
}

#[test]
fn a_link_whose_target_exists_nowhere_degrades_with_a_warning_naming_it() {
    let a = src(
        "m/c/a.md",
        &format!(
            "# A\n\n## Fields\n\n{}",
            table(&["| `b` | [c.Gone](../../m/c/gone.md) | :heavy_check_mark: | N/A |"])
        ),
    );
    let out = built(&[a]);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let Kind::Struct(s) = &out.model.types[0].kind else {
        panic!()
    };
    assert_eq!(s.fields[0].ty, Ty::Json);
    assert_eq!(out.model.degraded.len(), 1);
    assert_eq!(out.model.degraded[0].cause, DegradeCause::MissingTarget);
    assert!(
        out.model.degraded[0]
            .diagnostic
            .message
            .contains("`m/c/gone.md`"),
        "{}",
        out.model.degraded[0].diagnostic.message
    );
}

#[test]
fn a_link_to_the_sdk_response_wrapper_makes_the_field_sdk_only() {
    let meta = src(
        "m/c/httpmetadata.md",
        &format!(
            "# HTTPMetadata\n\n## Fields\n\n{}",
            table(&["| `Response` | [*http.Response](https://pkg.go.dev/net/http#Response) | :heavy_check_mark: | N/A |"])
        ),
    );
    let a = src(
        "m/c/getresponse.md",
        &format!(
            "# GetResponse\n\n## Fields\n\n{}",
            table(&[
                "| `HTTPMeta` | [components.HTTPMetadata](../../m/c/httpmetadata.md) | :heavy_check_mark: | N/A |",
                "| `Count` | **int64* | :heavy_minus_sign: | N/A |",
            ])
        ),
    );
    let out = built(&[a, meta]);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let Kind::Struct(s) = &out.model.types[0].kind else {
        panic!()
    };
    assert_eq!(s.sdk_only, ["HTTPMeta"]);
    assert_eq!(s.fields.len(), 1);
    assert_eq!(s.fields[0].doc_name, "Count");
}

#[test]
fn typescript_values_blocks_are_enums_named_by_their_values() {
    let e = src(
        "m/cmp.md",
        "# Cmp\n\n## Example Usage\n\n```typescript\nlet value: Cmp = \"eq\";\n```\n\n## Values\n\n```typescript\n\"eq\" | \"!eq\" | \"dns-01\" | Unrecognized<string>\n```\n",
    );
    let n = src(
        "m/code.md",
        "# Code\n\n## Values\n\n```typescript\n301 | 302\n```\n",
    );
    let s = src(
        "m/quoted.md",
        "# Quoted\n\n## Values\n\n```typescript\n\"301\" | \"302\"\n```\n",
    );
    let out = built(&[e, n, s]);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    // Names made from values collide quietly (`eq`, `!eq`): each variant's doc has its value.
    assert!(out.model.warnings.is_empty(), "{:?}", out.model.warnings);
    let enum_of = |name: &str| {
        let t = out.model.types.iter().find(|t| t.name == name).unwrap();
        assert_eq!(t.flavor, Some(Flavor::TypeScript));
        match &t.kind {
            Kind::Enum(e) => e.clone(),
            _ => panic!(),
        }
    };
    let cmp = enum_of("Cmp");
    let pairs: Vec<_> = cmp
        .variants
        .iter()
        .map(|v| (v.rust_name.as_str(), v.value.as_str()))
        .collect();
    assert_eq!(pairs, [("Eq", "eq"), ("Eq2", "!eq"), ("Dns01", "dns-01")]);
    assert_eq!(cmp.repr, EnumRepr::Str);
    assert_eq!(enum_of("Code").repr, EnumRepr::Int);
    assert_eq!(enum_of("Quoted").repr, EnumRepr::Str);
}

#[test]
fn a_values_union_that_does_not_read_points_at_the_value() {
    let e = src(
        "m/bad.md",
        "# Bad\n\n## Values\n\n```typescript\n\"a\" |\n  Frob<string>\n```\n",
    );
    let out = built(&[e]);
    assert_eq!(out.errors.len(), 1, "{:?}", out.errors);
    assert_eq!(out.errors[0].kind, ErrorKind::UnknownNotation);
    assert_eq!(out.errors[0].pos, Some(Pos { line: 7, col: 3 }));
}

#[test]
fn options_pages_are_skipped_and_struck_titles_name_their_type() {
    let opts = src(
        "operations/option.md",
        "# Options\n\n## Global Options\n\n### WithServerURL\n\n```go\nsdk.WithServerURL(\"x\")\n```\n\n## Per-Method Options\n\n### WithRetries\n",
    );
    let legacy = src(
        "c/legacy.mdx",
        &format!(
            "---\ntitle: \"~~LegacyVideo~~\"\n---\n\nOld.\n\n## Fields\n\n{}",
            table(&["| `URL` | `string` | :heavy_check_mark: | N/A |"])
        ),
    );
    let out = built(&[opts, legacy]);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert_eq!(out.model.skipped.len(), 1);
    assert_eq!(out.model.skipped[0].reason, SkipReason::SdkOptions);
    assert_eq!(out.model.types[0].name, "LegacyVideo");
}

#[test]
fn union_members_read_in_their_snippets_language_and_sdk_only_ones_are_left_out() {
    let ts = src(
        "m/dest.md",
        "# Dest\n\n## Supported Types\n\n### `string`\n\n```typescript\nconst value: string = \"<value>\";\n```\n\n### `number[]`\n\n```typescript\nconst value: number[] = [1];\n```\n",
    );
    let go = src(
        "c/resp.md",
        "# Resp\n\n## Supported Types\n\n### \n\n```go\nresp := operations.CreateRespStr(string{/* values here */})\n```\n\n### \n\n```go\nresp := operations.CreateRespAny([]interface{}{/* values here */})\n```\n\n### \n\n```go\nresp := operations.CreateRespEventStream(*stream.EventStream[components.X]{/* values here */})\n```\n",
    );
    let out = built(&[ts, go]);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert!(out.model.degraded.is_empty(), "{:?}", out.model.degraded);
    let members = |name: &str| match &out
        .model
        .types
        .iter()
        .find(|t| t.name == name)
        .unwrap()
        .kind
    {
        Kind::Union(u) => u.members.iter().map(|m| m.ty.clone()).collect::<Vec<_>>(),
        _ => panic!(),
    };
    assert_eq!(members("Dest"), [Ty::String, Ty::List(Box::new(Ty::F64))]);
    assert_eq!(members("Resp"), [Ty::String, Ty::List(Box::new(Ty::Json))]);
}
