//! Bad input: every case asserts the error class (`ErrorKind`) and where it is (file,
//! line, column), or, for hostile text that is valid, that the output parses and the
//! text stays inside string and doc literals. The rules are README.md's "Bad input"
//! table; this file is its executable form.

use generator::{Diagnostic, ErrorKind, Output};
use proc_macro2::{TokenStream, TokenTree};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};

// ---------------------------------------------------------------------------------
// Harness

/// A scratch doc tree under the system temp dir, removed on drop. Docs go under
/// `<dir>/models/`, the input root; other files (outside the root) go beside it.
struct Tree {
    dir: PathBuf,
}

impl Tree {
    fn new(files: &[(&str, &[u8])]) -> Tree {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "gen-bad-input-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("models")).unwrap();
        for (path, bytes) in files {
            let p = dir.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
        Tree { dir }
    }

    fn root(&self) -> PathBuf {
        self.dir.join("models")
    }

    /// Runs in strict mode, where a degraded field (unknown notation, a link to
    /// nowhere) is an error too: the rules below name every error's place.
    fn run(&self, keep_going: bool) -> Result<Output, generator::Error> {
        generator::Config::new()
            .input(self.root())
            .keep_going(keep_going)
            .strict(true)
            .run()
    }

    /// Runs as by default: degraded fields are warnings.
    fn lenient(&self) -> Output {
        match generator::Config::new().input(self.root()).run() {
            Ok(o) => o,
            Err(e) => panic!("expected success, got:\n{}", e.render(10)),
        }
    }

    /// The path of a diagnostic relative to the input root, `/`-separated.
    fn rel(&self, d: &Diagnostic) -> String {
        let p = d.file.strip_prefix(self.root()).unwrap_or(&d.file);
        p.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Runs and returns the errors as (kind, file, line, col), sorted as reported.
    fn errors(&self) -> Vec<(ErrorKind, String, u32, u32)> {
        match self.run(false) {
            Ok(o) => panic!("expected errors, got output:\n{}", o.code),
            Err(e) => e
                .diagnostics
                .iter()
                .map(|d| {
                    let p = d.pos.unwrap_or_default();
                    (d.kind, self.rel(d), p.line, p.col)
                })
                .collect(),
        }
    }

    fn ok(&self) -> Output {
        match self.run(false) {
            Ok(o) => o,
            Err(e) => panic!("expected success, got:\n{}", e.render(10)),
        }
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// One doc at `models/c/t.md`.
fn one(text: impl AsRef<[u8]>) -> Tree {
    Tree::new(&[("models/c/t.md", text.as_ref())])
}

/// Asserts exactly one error, of `kind`, at `c/t.md:line:col`.
fn assert_one(tree: &Tree, kind: ErrorKind, line: u32, col: u32) -> Diagnostic {
    let errors = tree.errors();
    assert_eq!(
        errors,
        [(kind, "c/t.md".to_string(), line, col)],
        "unexpected diagnostics"
    );
    tree.run(false).unwrap_err().diagnostics.remove(0)
}

const FIELDS: &str = "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n";
const FIELDS_EX: &str =
    "| Field | Type | Required | Description | Example |\n| --- | --- | --- | --- | --- |\n";
const VALUES: &str = "| Name | Value |\n| - | - |\n";

/// A struct doc `# T` whose Fields table starts on line 5, rows on line 7.
fn fields(rows: &str) -> String {
    format!("# T\n\n## Fields\n\n{FIELDS}{rows}")
}

/// An enum doc `# E`; rows start on line 7.
fn values(rows: &str) -> String {
    format!("# E\n\n## Values\n\n{VALUES}{rows}")
}

const REQ: &str = ":heavy_check_mark:";
const OPT: &str = ":heavy_minus_sign:";

/// Every string literal (doc comments included: they parse as `#[doc = "..."]`).
fn literals(tokens: TokenStream, out: &mut Vec<String>) {
    for tt in tokens {
        match tt {
            TokenTree::Literal(l) => {
                if let Ok(s) = syn::parse_str::<syn::LitStr>(&l.to_string()) {
                    out.push(s.value());
                }
            }
            TokenTree::Group(g) => literals(g.stream(), out),
            _ => {}
        }
    }
}

fn idents(tokens: TokenStream, out: &mut Vec<String>) {
    for tt in tokens {
        match tt {
            TokenTree::Ident(i) => out.push(i.to_string()),
            TokenTree::Group(g) => idents(g.stream(), out),
            _ => {}
        }
    }
}

/// The output parses as a Rust file, has no `compile_error` token outside literals and
/// no macro call at all (the emitter writes none); returns its string literals.
fn assert_safe(code: &str) -> Vec<String> {
    syn::parse_file(code).unwrap_or_else(|e| panic!("output does not parse: {e}\n{code}"));
    let tokens = TokenStream::from_str(code).unwrap();
    let mut ids = Vec::new();
    idents(tokens.clone(), &mut ids);
    assert!(
        !ids.iter().any(|i| i == "compile_error"),
        "a `compile_error` token outside literals"
    );
    let flat = tokens.to_string();
    for mac in ["compile_error !", "include !", "include_str !", "env !"] {
        assert!(!flat.contains(mac), "`{mac}` call in the output");
    }
    let mut lits = Vec::new();
    literals(tokens, &mut lits);
    lits
}

/// Every code fence in the doc comments is a `text` block or a closing fence, so
/// rustdoc never runs doc text as a doctest.
fn assert_no_code_fence_but_text(code: &str) {
    for line in code.lines() {
        let Some(doc) = line.trim_start().strip_prefix("///") else {
            continue;
        };
        let doc = doc.trim_start();
        if doc.starts_with("```") {
            let info = doc.trim_start_matches('`');
            assert!(
                info.is_empty() || info == "text",
                "a code fence that is not text: {line}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------
// Structure

#[test]
fn table_without_title() {
    let t = one(format!(
        "## Fields\n\n{FIELDS}| `a` | *str* | {REQ} | N/A |"
    ));
    let d = assert_one(&t, ErrorKind::MissingTitle, 1, 1);
    assert!(d.message.contains("# Title"), "{}", d.message);
}

#[test]
fn table_before_the_title_is_page_chrome() {
    // Text before the title is ignored, so this doc has a title and no section.
    let t = one(format!("{FIELDS}| `a` | *str* | {REQ} | N/A |\n\n# T\n"));
    assert_one(&t, ErrorKind::MissingSection, 5, 1);
}

#[test]
fn title_without_section() {
    let t = one("# T\n\nJust text.\n");
    let d = assert_one(&t, ErrorKind::MissingSection, 1, 1);
    assert_eq!(d.snippet.as_deref(), Some("T"));
}

#[test]
fn not_utf8_reports_the_bytes_line_and_column() {
    let t = one(b"# T\n\n## Fields\n\n| `a\xff` |");
    let d = assert_one(&t, ErrorKind::NotUtf8, 5, 5);
    assert!(d.message.contains("byte 20"), "{}", d.message);
    // Multi-byte characters before the bad byte count as one column each.
    let t = one("# Tä\u{1F600}"
        .bytes()
        .chain([0xC3, b'('])
        .collect::<Vec<u8>>());
    assert_one(&t, ErrorKind::NotUtf8, 1, 6);
}

#[test]
fn byte_order_mark_is_ignored() {
    let t = one(format!("\u{feff}{}", values("| `A` | a |")));
    assert_eq!(t.ok().summary.enums, 1);
}

#[test]
fn crlf_line_endings_work() {
    let t = one(values("| `A` | a |\n| `B` | b |\n").replace('\n', "\r\n"));
    let code = t.ok().code;
    assert!(code.contains("pub enum E"), "{code}");
    assert!(!code.contains('\r'));
}

#[test]
fn empty_file_is_skipped_and_counted() {
    for text in ["", "  \n\n"] {
        let t = one(text);
        let out = t.ok();
        assert_eq!(out.summary.docs_read, 1);
        assert_eq!(
            out.summary.skipped.get(&generator::SkipReason::Empty),
            Some(&1)
        );
        assert!(out.warnings.is_empty());
    }
}

// ---------------------------------------------------------------------------------
// Tables

#[test]
fn fields_table_without_required_column() {
    let t = one(
        "# T\n\n## Fields\n\n| Field | Type | Description |\n| - | - | - |\n| `a` | *str* | N/A |",
    );
    let d = assert_one(&t, ErrorKind::MissingColumn, 5, 1);
    assert!(d.message.contains("Required"), "{}", d.message);
}

#[test]
fn values_table_without_value_column() {
    let t = one("# E\n\n## Values\n\n| Name | Foo |\n| - | - |\n| `A` | a |");
    let d = assert_one(&t, ErrorKind::MissingColumn, 5, 1);
    assert!(d.message.contains("Value"), "{}", d.message);
}

#[test]
fn row_with_too_few_cells() {
    let t = one(fields("| `a` | *str* |"));
    let d = assert_one(&t, ErrorKind::ShortRow, 7, 3);
    assert!(d.message.contains("found 2"), "{}", d.message);
}

#[test]
fn row_with_an_unescaped_pipe() {
    let t = one(fields(&format!("| `a` | *str* | {REQ} | a | b |")));
    let d = assert_one(&t, ErrorKind::BadCell, 7, 42);
    assert!(d.hint.as_deref().unwrap_or("").contains("\\|"));
}

#[test]
fn escaped_pipe_is_text() {
    let t = one(fields(&format!("| `a` | *str* | {REQ} | x \\| y |")));
    let code = t.ok().code;
    assert!(code.contains("x \\| y"), "{code}");
}

#[test]
fn required_cell_other_than_the_two_markers() {
    let t = one(fields("| `a` | *str* | yes | N/A |"));
    let d = assert_one(&t, ErrorKind::BadCell, 7, 17);
    assert_eq!(d.snippet.as_deref(), Some("yes"));
}

#[test]
fn field_name_not_in_a_code_span() {
    let t = one(fields(&format!(
        "| `` | *str* | {REQ} | N/A |\n| | *str* | {REQ} | N/A |"
    )));
    assert_eq!(
        t.errors(),
        [
            (ErrorKind::BadCell, "c/t.md".into(), 7, 3),
            (ErrorKind::BadCell, "c/t.md".into(), 8, 3)
        ]
    );
}

#[test]
fn duplicate_fields() {
    let t = one(fields(&format!(
        "| `a` | *str* | {REQ} | N/A |\n| `a` | *int* | {OPT} | N/A |"
    )));
    let d = assert_one(&t, ErrorKind::Duplicate, 8, 3);
    assert!(d.message.contains("line 7"), "{}", d.message);
}

#[test]
fn fields_that_collide_after_conversion_get_distinct_names_and_keep_their_keys() {
    let t = one(fields(&format!(
        "| `a_b` | *str* | {REQ} | N/A |\n| `aB` | *str* | {REQ} | N/A |"
    )));
    let out = t.ok();
    let code = out.code;
    assert!(
        code.contains("pub a_b:") && code.contains("pub a_b_2:"),
        "{code}"
    );
    assert!(
        code.contains("opt_entry(\"aB\", &self.a_b_2)")
            || code.contains("entry(\"aB\", &self.a_b_2)"),
        "{code}"
    );
    assert_safe(&code);
}

// ---------------------------------------------------------------------------------
// Type notation

#[test]
fn unknown_python_type_name() {
    let t = one(fields(&format!("| `a` | *strin* | {REQ} | N/A |")));
    // Column 10: the name inside the emphasis, not the cell start.
    let d = assert_one(&t, ErrorKind::UnknownNotation, 7, 10);
    assert!(d.message.contains("`strin`"), "{}", d.message);
    assert!(d.hint.is_some());
}

#[test]
fn unknown_go_type_name() {
    let t = one(fields(&format!("| `A` | **strin* | {REQ} | N/A |")));
    let d = assert_one(&t, ErrorKind::UnknownNotation, 7, 11);
    assert!(d.message.contains("Go"), "{}", d.message);
}

#[test]
fn without_strict_an_unknown_notation_or_a_missing_target_degrades_to_any_json_value() {
    let t = one(fields(&format!(
        "| `a` | *strin* | {REQ} | N/A |\n| `b` | [components.X](../../models/c/x.md) | {OPT} | N/A |\n| `c` | *str* | {REQ} | N/A |"
    )));
    let out = t.lenient();
    let warnings: Vec<_> = out
        .warnings
        .iter()
        .map(|w| {
            let p = w.pos.unwrap();
            (w.kind, t.rel(w), p.line, p.col)
        })
        .collect();
    assert_eq!(
        warnings,
        [
            (ErrorKind::UnknownNotation, "c/t.md".to_string(), 7, 10),
            (ErrorKind::DanglingLink, "c/t.md".to_string(), 8, 9),
        ]
    );
    assert!(
        out.warnings[1].message.contains("`c/x.md`"),
        "{}",
        out.warnings[1].message
    );
    assert_eq!(out.summary.degraded, 2);
    assert!(out
        .summary
        .to_string()
        .contains("2 fields degraded to any JSON value"));
    let code = out.code;
    assert!(code.contains("pub a: ::serde_json::Value"), "{code}");
    assert!(
        code.contains("pub b: ::std::option::Option<::serde_json::Value>"),
        "{code}"
    );
    assert!(code.contains("pub c: ::std::string::String"), "{code}");
}

#[test]
fn unknown_wrapper() {
    let t = one(fields(&format!("| `a` | *Maybe[str]* | {REQ} | N/A |")));
    assert_one(&t, ErrorKind::UnknownNotation, 7, 10);
}

#[test]
fn unbalanced_open_bracket() {
    let t = one(fields(&format!("| `a` | List[*str* | {REQ} | N/A |")));
    let d = assert_one(&t, ErrorKind::UnbalancedBrackets, 7, 13);
    assert!(d.message.contains("never closed"), "{}", d.message);
}

#[test]
fn unbalanced_close_bracket() {
    let t = one(fields(&format!("| `a` | *str*] | {REQ} | N/A |")));
    let d = assert_one(&t, ErrorKind::UnbalancedBrackets, 7, 14);
    assert!(d.message.contains("closes nothing"), "{}", d.message);
}

#[test]
fn unbalanced_link_parenthesis() {
    let t = one(fields(&format!(
        "| `a` | [components.X](../../models/c/x.md | {REQ} | N/A |"
    )));
    assert_one(&t, ErrorKind::UnbalancedBrackets, 7, 23);
}

#[test]
fn types_nested_hundreds_deep_are_refused_without_overflow() {
    let deep = format!("{}*str*{}", "List[".repeat(300), "]".repeat(300));
    let t = one(fields(&format!("| `a` | {deep} | {REQ} | N/A |")));
    // The 65th `List[` is where the limit is hit: 9 + 64 * 5.
    let d = assert_one(&t, ErrorKind::UnknownNotation, 7, 329);
    assert!(d.message.contains("nested"), "{}", d.message);
    // Go and 100 000 levels: still an error, never a stack overflow.
    let deep = format!("{}*string*", "[]".repeat(100_000));
    let t = one(fields(&format!("| `A` | {deep} | {REQ} | N/A |")));
    assert_one(&t, ErrorKind::UnknownNotation, 7, 9 + 2 * 64);
}

// ---------------------------------------------------------------------------------
// Links

#[test]
fn dangling_link() {
    let t = one(fields(&format!(
        "| `a` | [components.X](../../models/c/x.md) | {REQ} | N/A |"
    )));
    let d = assert_one(&t, ErrorKind::DanglingLink, 7, 9);
    assert_eq!(d.snippet.as_deref(), Some("../../models/c/x.md"));
}

#[test]
fn go_sdk_types_are_not_model_links() {
    // `types.Date` links a doc outside docs/models and `time.Time` the Go docs: both
    // are types, not model links, and must not be dangling.
    let t = one(fields(&format!(
        "| `A` | [*types.Date](../../types/date.md) | {OPT} | N/A |\n\
         | `B` | [*time.Time](https://pkg.go.dev/time#Time) | {OPT} | N/A |\n\
         | `C` | [time.Time](https://pkg.go.dev/time#Time) | {REQ} | N/A |"
    )));
    let code = t.ok().code;
    assert!(code.contains("NaiveDate"), "{code}");
    assert!(code.contains("DateTime"), "{code}");
}

#[test]
fn python_date_links_are_not_model_links() {
    let t = one(fields(&format!(
        "| `a` | [date](https://docs.python.org/3/library/datetime.html#date-objects) | {REQ} | N/A |\n\
         | `b` | [datetime](https://docs.python.org/3/library/datetime.html#datetime-objects) | {REQ} | N/A |"
    )));
    let code = t.ok().code;
    assert!(
        code.contains("NaiveDate") && code.contains("DateTime"),
        "{code}"
    );
}

#[test]
fn link_that_leaves_the_input_root_is_refused() {
    // The target exists (beside the root) and is a valid doc: it must not be used.
    let secret = values("| `SECRET` | top-secret-value |");
    let t = Tree::new(&[
        (
            "models/c/t.md",
            fields(&format!(
                "| `a` | [components.X](../../../secret/x.md) | {REQ} | N/A |"
            ))
            .as_bytes(),
        ),
        ("secret/x.md", secret.as_bytes()),
    ]);
    let d = assert_one(&t, ErrorKind::LinkOutsideRoot, 7, 9);
    assert!(!format!("{d:?}").contains("top-secret"));
    // Absolute paths and URLs with a scheme are refused the same way.
    for link in ["/etc/passwd", "file:///etc/passwd", "..\\..\\x.md"] {
        let t = one(fields(&format!(
            "| `a` | [components.X]({link}) | {REQ} | N/A |"
        )));
        assert_one(&t, ErrorKind::LinkOutsideRoot, 7, 9);
    }
}

#[test]
fn link_to_a_skipped_doc() {
    let t = Tree::new(&[
        (
            "models/c/t.md",
            fields(&format!(
                "| `a` | [components.X](../../models/c/x.md) | {REQ} | N/A |"
            ))
            .as_bytes(),
        ),
        ("models/c/x.md", b""),
    ]);
    let d = assert_one(&t, ErrorKind::LinkToSkipped, 7, 9);
    assert!(d.message.contains("empty"), "{}", d.message);
}

// ---------------------------------------------------------------------------------
// Unions and enums

#[test]
fn union_with_no_members() {
    let t = one("# U\n\n## Supported Types\n\n");
    assert_one(&t, ErrorKind::BadUnion, 3, 1);
}

#[test]
fn union_member_with_unknown_type() {
    let t = one("# U\n\n## Supported Types\n\n### `strin`\n\n```python\nvalue: strin = /* values here */\n```\n");
    let d = assert_one(&t, ErrorKind::UnknownNotation, 5, 1);
    assert_eq!(d.snippet.as_deref(), Some("strin"));
}

#[test]
fn integer_enum_value_beyond_64_bits() {
    let t = one(values("| `A` | 1 |\n| `B` | 99999999999999999999 |"));
    let d = assert_one(&t, ErrorKind::BadEnum, 8, 9);
    assert_eq!(d.snippet.as_deref(), Some("99999999999999999999"));
}

#[test]
fn enum_names_that_collide_are_renamed_with_a_warning() {
    // `A_B` and `A__B` both become `AB`; `AB` becomes `Ab`.
    let t = one(values("| `A_B` | x |\n| `AB` | y |\n| `A__B` | z |"));
    let out = t.ok();
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    let w = &out.warnings[0];
    assert_eq!((w.kind, t.rel(w)), (ErrorKind::NameClash, "c/t.md".into()));
    assert_eq!(w.pos.unwrap().line, 9);
    assert!(w.message.contains("`AB2`"), "{}", w.message);
    let code = out.code;
    assert!(code.contains("AB2"), "{code}");
    assert_safe(&code);
}

#[test]
fn enum_name_collision_points_at_the_name_cell() {
    let t = one(values("| `A_B` | x |\n| `AB` | y |\n| `A__B` | z |"));
    let out = t.ok();
    let p = out.warnings[0].pos.unwrap();
    assert_eq!((p.line, p.col), (9, 3));
}

#[test]
fn duplicate_enum_value_is_ignored_with_a_warning() {
    let t = one(values("| `A` | x |\n| `B` | x |"));
    let out = t.ok();
    assert_eq!(out.warnings.len(), 1);
    let p = out.warnings[0].pos.unwrap();
    assert_eq!(
        (out.warnings[0].kind, p.line, p.col),
        (ErrorKind::Duplicate, 8, 9)
    );
}

#[test]
fn enum_with_no_values_is_a_warning_and_keeps_the_catch_all() {
    let t = one(values(""));
    let out = t.ok();
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    let w = &out.warnings[0];
    assert_eq!((w.kind, t.rel(w)), (ErrorKind::EmptyEnum, "c/t.md".into()));
    assert!(out.code.contains("pub enum E"), "{}", out.code);
    assert!(out.code.contains("Unknown("), "{}", out.code);
}

// ---------------------------------------------------------------------------------
// The wire-names file

/// Runs `models/` (one struct `c::T` with fields `a` and `b`) with `wire` as the
/// wire-names file; the errors as (kind, line, col), and the error itself.
fn with_wire_names(wire: &str) -> (Vec<(ErrorKind, u32, u32)>, generator::Error) {
    let doc = fields(&format!(
        "| `a` | *str* | {REQ} | N/A |\n| `b` | *str* | {REQ} | N/A |"
    ));
    let t = Tree::new(&[
        ("models/c/t.md", doc.as_bytes()),
        ("wire-names.toml", wire.as_bytes()),
    ]);
    let err = generator::Config::new()
        .input(t.root())
        .wire_names(t.dir.join("wire-names.toml"))
        .run()
        .unwrap_err();
    let found = err
        .diagnostics
        .iter()
        .map(|d| {
            assert!(d.file.ends_with("wire-names.toml"), "{d:?}");
            let p = d.pos.unwrap_or_default();
            (d.kind, p.line, p.col)
        })
        .collect();
    (found, err)
}

#[test]
fn wire_names_file_that_is_not_toml() {
    // A repeated table; an unclosed string; a bare word: the TOML parser's message.
    for (text, line, col) in [
        ("[defaults]\n[defaults]\n", 2, 2),
        ("[\"c::T\".fields]\na = \"x\n", 2, 7),
        ("[defaults]\n\nnot a pair\n", 3, 5),
    ] {
        let (found, err) = with_wire_names(text);
        assert_eq!(
            found,
            [(ErrorKind::InvalidOverrides, line, col)],
            "{text:?}"
        );
        assert_eq!(err.headline(), "1 error in the wire-names file");
        // The TOML parser says what it expected; the hint says what the file holds.
        let d = &err.diagnostics[0];
        assert!(!d.message.is_empty());
        assert!(d.hint.as_deref().unwrap().contains("`[defaults]`"), "{d:?}");
    }
}

#[test]
fn wire_names_file_of_another_shape() {
    for (text, line, col, says) in [
        // A field key straight under the type instead of under `.fields`.
        ("[\"c::T\"]\na = \"x\"\n", 2, 1, "unknown field `a`"),
        (
            "[defaults]\ncasing = \"kebab-case\"\n",
            2,
            10,
            "found `kebab-case`",
        ),
        (
            "[\"c::T\".fields]\na = 1\n",
            2,
            5,
            "invalid type: integer `1`",
        ),
        ("casing = \"snake_case\"\n", 1, 10, "invalid type: string"),
    ] {
        let (found, err) = with_wire_names(text);
        assert_eq!(
            found,
            [(ErrorKind::InvalidOverrides, line, col)],
            "{text:?}"
        );
        let message = &err.diagnostics[0].message;
        assert!(message.contains(says), "{text:?}: {message}");
    }
}

#[test]
fn override_naming_no_generated_type_or_field() {
    let (found, err) = with_wire_names(
        "[\"c::T\".fields]\nnope = \"x\"\n\n[\"c::Nope\"]\ncasing = \"snake_case\"\n",
    );
    assert_eq!(
        found,
        [
            (ErrorKind::UnknownOverride, 2, 1),
            (ErrorKind::UnknownOverride, 4, 2)
        ]
    );
    assert_eq!(err.diagnostics[0].hint.as_deref(), Some("its fields: a, b"));
    assert!(err.diagnostics[1].message.contains("`c::Nope`"));
}

#[test]
fn overrides_that_give_two_fields_one_key() {
    let (found, err) = with_wire_names("[\"c::T\".fields]\na = \"k\"\nb = \"k\"\n");
    // At the second key given, naming both fields.
    assert_eq!(found, [(ErrorKind::OverrideClash, 3, 1)]);
    let message = &err.diagnostics[0].message;
    assert!(message.contains("`a` and `b` both get `k`"), "{message}");
}

// ---------------------------------------------------------------------------------
// Names

#[test]
fn duplicate_titles_in_one_module_are_renamed_with_a_warning() {
    let doc = fields(&format!("| `a` | *str* | {REQ} | N/A |"));
    let t = Tree::new(&[
        ("models/c/t.md", doc.as_bytes()),
        ("models/c/t2.md", doc.as_bytes()),
        // Another module may reuse the title without a warning.
        ("models/d/t.md", doc.as_bytes()),
    ]);
    let out = t.ok();
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    let w = &out.warnings[0];
    assert_eq!(
        (w.kind, t.rel(w), w.pos.unwrap().line, w.pos.unwrap().col),
        (ErrorKind::NameClash, "c/t2.md".into(), 1, 1)
    );
    assert!(w.message.contains("`T2`"), "{}", w.message);
    let code = out.code;
    assert!(code.contains("pub struct T2"), "{code}");
    assert_safe(&code);
}

#[test]
fn keyword_and_punctuation_titles_become_valid_identifiers() {
    let v = values("| `A` | a |");
    let docs: Vec<(String, String)> = ["Self", "crate", "type", "***", "1080p", "Option", "Box"]
        .iter()
        .enumerate()
        .map(|(i, title)| {
            (
                format!("models/c/t{i}.md"),
                v.replacen("# E", &format!("# {title}"), 1),
            )
        })
        .collect();
    let files: Vec<(&str, &[u8])> = docs
        .iter()
        .map(|(p, d)| (p.as_str(), d.as_bytes()))
        .collect();
    let out = Tree::new(&files).ok();
    assert_eq!(out.summary.enums, 7);
    assert_safe(&out.code);
}

// ---------------------------------------------------------------------------------
// Reporting

#[test]
fn all_errors_of_a_run_are_reported_together_capped_with_a_count() {
    let docs: Vec<(String, String)> = (0..60)
        .map(|i| (format!("models/c/t{i:02}.md"), format!("# T{i}\n\nnothing")))
        .collect();
    let mut files: Vec<(&str, &[u8])> = docs
        .iter()
        .map(|(p, d)| (p.as_str(), d.as_bytes()))
        .collect();
    // Different classes in other docs are reported in the same run.
    let short = fields("| `a` |");
    files.push(("models/d/short.md", short.as_bytes()));
    files.push(("models/d/utf8.md", b"# T\xff"));
    let t = Tree::new(&files);
    let e = t.run(false).unwrap_err();
    assert_eq!(e.diagnostics.len(), 62);
    let got: Vec<_> = e.diagnostics.iter().map(|d| (d.kind, t.rel(d))).collect();
    assert_eq!(got[0], (ErrorKind::MissingSection, "c/t00.md".into()));
    assert_eq!(got[59], (ErrorKind::MissingSection, "c/t59.md".into()));
    assert_eq!(got[60], (ErrorKind::ShortRow, "d/short.md".into()));
    assert_eq!(got[61], (ErrorKind::NotUtf8, "d/utf8.md".into()));
    let text = e.render(50);
    assert!(text.contains("t49.md:1:1"), "{text}");
    assert!(!text.contains("t50.md"), "{text}");
    assert!(text.contains("12 more"), "{text}");
}

#[test]
fn keep_going_emits_the_valid_docs_and_returns_the_errors() {
    let good = values("| `A` | a |");
    let bad = fields("| `a` | *strin* | :heavy_check_mark: | N/A |");
    let t = Tree::new(&[
        ("models/c/good.md", good.as_bytes()),
        ("models/c/bad.md", bad.as_bytes()),
    ]);
    assert!(t.run(false).is_err());
    let out = t.run(true).unwrap();
    assert_eq!(out.errors.len(), 1);
    assert_eq!(out.errors[0].kind, ErrorKind::UnknownNotation);
    assert_eq!(t.rel(&out.errors[0]), "c/bad.md");
    assert_eq!(out.summary.enums, 1);
    assert_eq!(out.summary.errors, 1);
    assert_safe(&out.code);
}

#[test]
fn a_link_to_a_doc_in_error_is_not_reported_twice_as_dangling() {
    let bad = fields("| `a` | List[*str* | :heavy_check_mark: | N/A |");
    let user = fields(&format!(
        "| `b` | [components.T](../../models/c/t.md) | {REQ} | N/A |"
    ))
    .replace("# T", "# U");
    let t = Tree::new(&[
        ("models/c/t.md", bad.as_bytes()),
        ("models/c/u.md", user.as_bytes()),
    ]);
    let kinds: Vec<_> = t.errors().into_iter().map(|e| e.0).collect();
    assert!(
        !kinds.contains(&ErrorKind::DanglingLink),
        "a broken target is not a missing one: {kinds:?}"
    );
    // The linking type is left out too, and says why, under its own class.
    assert!(kinds.contains(&ErrorKind::LinkToBroken), "{kinds:?}");
}

// ---------------------------------------------------------------------------------
// Hostile text: valid docs whose text tries to become code

const HOSTILE: &str = r#"a "quote" \back\slash */ /* "] #[doc = "x"] {braces} }}} compile_error!("boom"); ```rust fn x(){} ``` <script>alert(1)</script> <!-- c --> &amp; $(rm -rf /) %s {0}"#;

#[test]
fn hostile_title_field_name_description_and_example() {
    let doc = format!(
        "# T {HOSTILE}\n\n{HOSTILE}\n\n## Fields\n\n{FIELDS_EX}| `a{HOSTILE}` | *str* | {REQ} | {HOSTILE} | {HOSTILE} |"
    );
    let out = one(doc).ok();
    let lits = assert_safe(&out.code);
    // The example is kept verbatim inside a text block of a doc literal.
    assert!(
        lits.iter().any(|l| l.contains("compile_error!(\"boom\")")),
        "{lits:?}"
    );
    assert_no_code_fence_but_text(&out.code);
    // Outside the example's text block, HTML is escaped.
    assert!(out.code.contains("&lt;script&gt;"), "{}", out.code);
}

#[test]
fn hostile_enum_values_stay_exact_wire_strings() {
    let tricky = [
        "\"] compile_error!(\"x\")",
        "*/",
        "\\",
        "{}",
        "\\\"",
        "a`b",
        "<br>",
    ];
    let rows: String = tricky
        .iter()
        .enumerate()
        .map(|(i, v)| format!("| `V{i}` | {} |\n", v.replace('|', "\\|")))
        .collect::<String>()
        + &format!("| `H` | {HOSTILE} |\n");
    let out = one(values(&rows)).ok();
    let lits = assert_safe(&out.code);
    for v in tricky.iter().copied().chain([HOSTILE]) {
        assert!(
            lits.iter().any(|l| l == v),
            "wire value {v:?} is not a literal of its own"
        );
    }
}

#[test]
fn hostile_deprecation_note() {
    let row = format!(
        "| ~~`a`~~ | *str* | {OPT} | : warning: ** DEPRECATED **: \"] compile_error!(\"x\") */ |"
    );
    let out = one(fields(&row)).ok();
    assert_safe(&out.code);
}

#[test]
fn control_characters_and_bidi_overrides_are_dropped_from_docs() {
    let ctrl = "a\u{0}b\u{1}c\u{1b}[31md\u{7f}e\u{202e}f\u{2066}g\u{8}h";
    let doc = format!(
        "# T\n\n{ctrl}\n\n## Fields\n\n{FIELDS_EX}| `x{ctrl}` | *str* | {REQ} | {ctrl} | {ctrl} |"
    );
    let out = one(doc).ok();
    assert_safe(&out.code);
    // rustc rejects bidi controls in doc comments (text_direction_codepoint_in_comment),
    // and raw control characters are invisible in a terminal.
    for c in out.code.chars() {
        assert!(
            c == '\n' || !(c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{:?} in the output",
            c
        );
    }
    assert!(!out.code.contains('\u{2066}'));
    // In string literals the same values survive, escaped.
    let enum_doc = values(&format!("| `A` | {ctrl} |"));
    let out = one(enum_doc).ok();
    let lits = assert_safe(&out.code);
    assert!(lits.iter().any(|l| l == ctrl), "{lits:?}");
}

#[test]
fn code_fences_and_html_in_descriptions_stay_text() {
    let desc = "```rust\nfn main() { compile_error!(\"x\"); }\n```\n\n<div>\n<script>x</script>\n</div>\n\n    indented code";
    let doc =
        format!("# T\n\n{desc}\n\n## Fields\n\n{FIELDS}| `a` | *str* | {REQ} | <b>x</b> ```y``` |");
    let out = one(doc).ok();
    assert_safe(&out.code);
    assert_no_code_fence_but_text(&out.code);
    assert!(!out.code.contains("<script>"), "{}", out.code);
    assert!(out.code.contains("/// ```text"), "{}", out.code);
    assert!(out.code.contains("compile\\_error") || out.code.contains("compile_error!(\"x\")"));
}

// ---------------------------------------------------------------------------------
// Size: these must finish (no quadratic behaviour); timings are measured by hand.

#[test]
fn one_megabyte_cells() {
    let mb = 1 << 20;
    // (A line of backticks alone would open a code block that swallows the sections.)
    // Text whose output is several times larger (a doc line per `<br/>`, `&lt;` per
    // `<`) gets a quarter megabyte, to keep this test quick in debug builds.
    let units = [
        ("x", mb),
        ("http://a.b/c ", mb),
        ("1.", mb),
        ("\\", mb),
        ("a<br/>", mb / 4),
        ("<", mb / 4),
        ("a`", mb / 4),
        ("[", mb / 4),
        ("*a ", mb / 4),
    ];
    for (unit, size) in units {
        let big = unit.repeat(size / unit.len());
        let start = std::time::Instant::now();
        let doc = format!("# T\n\n## Fields\n\n{FIELDS_EX}| `a` | *str* | {REQ} | {big} | x |");
        let out = one(doc).ok();
        syn::parse_file(&out.code).unwrap();
        eprintln!(
            "{size} bytes of {unit:?} in a Description cell: {:?}",
            start.elapsed()
        );
    }
    // The same megabyte as the description and as the example.
    let big = "x ".repeat(mb / 2);
    let doc =
        format!("# T\n\n{big}\n\n## Fields\n\n{FIELDS_EX}| `a` | *str* | {REQ} | x | {big} |");
    syn::parse_file(&one(doc).ok().code).unwrap();
}

#[test]
fn one_megabyte_type_cell_is_an_error_with_a_short_snippet() {
    let big = "x".repeat(1 << 20);
    let t = one(fields(&format!("| `a` | *{big}* | {REQ} | N/A |")));
    let d = assert_one(&t, ErrorKind::UnknownNotation, 7, 10);
    assert!(d.snippet.unwrap().chars().count() <= 121);
    let rendered = t.run(false).unwrap_err().render(5);
    assert!(rendered.len() < 4096, "{} bytes", rendered.len());
    let brackets = "[".repeat(1 << 20);
    let t = one(fields(&format!("| `a` | {brackets} | {REQ} | N/A |")));
    assert_one(&t, ErrorKind::UnbalancedBrackets, 7, 9 + (1 << 20) - 1);
}

#[test]
fn one_megabyte_line_of_pipes() {
    let pipes = "|".repeat(1 << 20);
    let t = one(fields(&format!("| `a` | *str* | {REQ} | x | {pipes}")));
    // The first surplus cell: `| `a` | *str* | :heavy_check_mark: | x | ` is 41 chars.
    assert_one(&t, ErrorKind::BadCell, 7, 42);
}

#[test]
fn thousands_of_rows() {
    let rows: String = (0..5000)
        .map(|i| format!("| `f{i}` | *Optional[str]* | {OPT} | d{i} |\n"))
        .collect();
    let out = one(fields(&rows)).ok();
    let fields = out
        .code
        .match_indices("pub f")
        .filter(|(i, _)| out.code[i + 5..].starts_with(|c: char| c.is_ascii_digit()))
        .count();
    assert_eq!(fields, 5000);
    let rows: String = (0..10_000)
        .map(|i| format!("| `V{i}` | v{i} |\n"))
        .collect();
    let out = one(values(&rows)).ok();
    syn::parse_file(&out.code).unwrap();
}

#[test]
fn markdown_nested_thousands_deep_in_descriptions() {
    let quotes = format!("{}x", "> ".repeat(5000));
    let links = format!("{}x{}", "[".repeat(5000), "](y)".repeat(5000));
    let images = format!("{}x{}", "![".repeat(5000), "](y)".repeat(5000));
    let lists: String = (0..1000)
        .map(|i| format!("{}- x\n", "  ".repeat(i)))
        .collect();
    for desc in [quotes, links, images, lists] {
        let doc = format!("# T\n\n{desc}\n\n## Fields\n\n{FIELDS}| `a` | *str* | {REQ} | N/A |");
        let out = one(doc).ok();
        syn::parse_file(&out.code).unwrap();
    }
}

// ---------------------------------------------------------------------------------
// Inputs found by the fuzzer (`fuzz/`): each file in tests/fuzz_regressions/ holds
// the raw fuzz input (docs separated by 0xFF) and must go through without a panic,
// with output that parses, carries no injected code and is a formatting fixed point.

#[test]
fn fuzz_regressions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue; // the folder's README
        }
        let bytes = std::fs::read(&path).unwrap();
        // As read (non-UTF-8 docs are errors) and as the fuzz target reads it (lossily,
        // so the markdown is exercised).
        for lossy in [false, true] {
            let files: Vec<(String, Vec<u8>)> = bytes
                .split(|&b| b == 0xFF)
                .take(3)
                .enumerate()
                .map(|(i, piece)| {
                    let dir = if i == 2 { "operations" } else { "components" };
                    let piece = if lossy {
                        String::from_utf8_lossy(piece).into_owned().into_bytes()
                    } else {
                        piece.to_vec()
                    };
                    (format!("models/{dir}/doc{i}.md"), piece)
                })
                .collect();
            let refs: Vec<(&str, &[u8])> = files
                .iter()
                .map(|(p, b)| (p.as_str(), b.as_slice()))
                .collect();
            let t = Tree::new(&refs);
            match t.run(true) {
                Ok(out) => {
                    assert_safe(&out.code);
                    // The output is a fixed point of prettyplease: formatting it again changes nothing.
                    let again = generator::__internal::reformat(&out.code).unwrap();
                    assert!(
                        again == out.code,
                        "{}: output is not prettyplease's formatting of itself",
                        path.display()
                    );
                }
                Err(e) => {
                    let _ = e.render(50);
                }
            }
        }
        n += 1;
    }
    eprintln!("{n} fuzz regression input(s) replayed");
}
