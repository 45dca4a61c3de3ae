//! No input makes the generator panic: random text and mutated real docs (the specs/
//! docs with bytes and lines deleted, duplicated and inserted, and brackets, pipes and
//! backticks scattered) go through the whole pipeline, which returns a `Result` either
//! way; when it emits code, that code parses. The fuzz target in `fuzz/` does the same
//! at length; this is the quick version that runs with `cargo test`.

use generator::__internal::{self as stages, Flavor, Source};
use proptest::prelude::*;
use proptest::test_runner::Config;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The spec docs: (folder, file name, text).
fn seeds() -> &'static [(String, String, String)] {
    static SEEDS: OnceLock<Vec<(String, String, String)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut out = Vec::new();
        let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
        for flavor in ["python", "go"] {
            let models = specs.join(flavor).join("models");
            for dir in ["components", "operations"] {
                let Ok(entries) = std::fs::read_dir(models.join(dir)) else {
                    continue;
                };
                for e in entries {
                    let p = e.unwrap().path();
                    let name = p.file_name().unwrap().to_string_lossy().into_owned();
                    out.push((dir.to_string(), name, std::fs::read_to_string(&p).unwrap()));
                }
            }
        }
        out.sort();
        assert!(!out.is_empty(), "no spec docs found");
        out
    })
}

/// Tokens that mean something to the doc format.
const TOKENS: &[&str] = &[
    "[",
    "]",
    "(",
    ")",
    "|",
    "\\|",
    "`",
    "``",
    "```",
    "*",
    "**",
    "~~",
    "<br/>",
    "\n",
    "\r\n",
    "# ",
    "## Fields\n",
    "## Values\n",
    "## Supported Types\n",
    "### ",
    "| --- |",
    ":heavy_check_mark:",
    ":heavy_minus_sign:",
    "List[",
    "Dict[str, ",
    "Optional[",
    "Literal[",
    "Union[",
    "\"",
    "map[string]",
    "optionalnullable.OptionalNullable[",
    "interface{}",
    "Record<string, ",
    "Record\\<string, ",
    "{ [k: string]: ",
    "Unrecognized<string>",
    "\\{",
    "---\ntitle: ",
    "[]",
    "](",
    "../",
    "../../../",
    "http://",
    "<",
    ">",
    "&",
    "\u{0}",
    "\u{202e}",
    "\u{feff}",
    "日本",
    "-1",
    "99999999999999999999",
    "N/A",
    "AdditionalProperties",
    ": warning: ** DEPRECATED **: ",
];

#[derive(Debug, Clone)]
enum Mutation {
    DeleteBytes(usize, usize),
    DuplicateBytes(usize, usize),
    InsertByte(usize, u8),
    InsertToken(usize, usize),
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        (at, 1usize..16).prop_map(|(a, n)| Mutation::DeleteBytes(a, n)),
        (at, 1usize..64).prop_map(|(a, n)| Mutation::DuplicateBytes(a, n)),
        (at, any::<u8>()).prop_map(|(a, b)| Mutation::InsertByte(a, b)),
        (at, 0..TOKENS.len()).prop_map(|(a, t)| Mutation::InsertToken(a, t)),
        at.prop_map(Mutation::DeleteLine),
        at.prop_map(Mutation::DuplicateLine),
        (at, at).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

fn apply(text: &str, muts: &[Mutation]) -> String {
    let mut b = text.as_bytes().to_vec();
    for m in muts {
        let len = b.len();
        let pos = |a: usize| if len == 0 { 0 } else { a % (len + 1) };
        match *m {
            Mutation::DeleteBytes(a, n) => {
                let s = pos(a).min(len);
                b.drain(s..(s + n).min(len));
            }
            Mutation::DuplicateBytes(a, n) => {
                let s = pos(a).min(len);
                let piece = b[s..(s + n).min(len)].to_vec();
                b.splice(s..s, piece);
            }
            Mutation::InsertByte(a, x) => b.insert(pos(a), x),
            Mutation::InsertToken(a, t) => {
                let p = pos(a);
                b.splice(p..p, TOKENS[t].bytes());
            }
            Mutation::DeleteLine(_) | Mutation::DuplicateLine(_) | Mutation::SwapLines(..) => {
                let mut lines: Vec<Vec<u8>> =
                    b.split(|&c| c == b'\n').map(<[u8]>::to_vec).collect();
                let n = lines.len();
                match *m {
                    Mutation::DeleteLine(i) if n > 1 => {
                        lines.remove(i % n);
                    }
                    Mutation::DuplicateLine(i) => {
                        let l = lines[i % n].clone();
                        lines.insert(i % n, l);
                    }
                    Mutation::SwapLines(i, j) => lines.swap(i % n, j % n),
                    _ => {}
                }
                b = lines.join(&b'\n');
            }
        }
    }
    // Invalid UTF-8 is discover's business (tested in bad_input.rs); the rest of the
    // pipeline gets text.
    String::from_utf8_lossy(&b).into_owned()
}

/// The whole pipeline after discovery, in memory. Panics only on a bug.
fn pipeline(docs: &[(String, String, String)]) {
    let root = PathBuf::from("/no-such-root/docs/models");
    let mut sources: Vec<Source> = Vec::new();
    for (dir, name, text) in docs {
        if sources.iter().any(|s| s.rel == [dir.clone(), name.clone()]) {
            continue;
        }
        sources.push(Source {
            root: root.clone(),
            rel: vec![dir.clone(), name.clone()],
            path: root.join(dir).join(name),
            text: text.clone(),
        });
        // The stages on their own, too: every table cell in every notation, as doc
        // text and as a link; each table's cells as a column to detect the flavor of;
        // every heading and code block as plain types and values.
        let doc = stages::parse(text);
        for section in &doc.sections {
            for flavor in Flavor::ALL {
                let _ = stages::parse_plain(&section.heading.text, flavor);
            }
            for block in &section.blocks {
                if let stages::Block::Code { text, .. } = block {
                    let _ = stages::ts_values(&text.text);
                    for flavor in Flavor::ALL {
                        if let Some(t) = stages::snippet_type(&text.text, flavor) {
                            let _ = stages::parse_plain(t, flavor);
                        }
                    }
                }
            }
            for table in section.tables() {
                let cells: Vec<&str> = table.rows.iter().flatten().map(|c| &*c.text).collect();
                let _ = stages::detect(&cells, &cells);
                let _ = stages::parse_cells(&cells, &cells);
                for cell in &cells {
                    for flavor in Flavor::ALL {
                        let _ = stages::parse_type(cell, flavor);
                        let _ = stages::parse_plain(cell, flavor);
                    }
                    let _ = stages::rustdoc(cell);
                    let _ = stages::strip_controls(cell);
                    let _ = stages::resolve_link(&["docs".into()], std::slice::from_ref(dir), cell);
                }
            }
        }
    }
    let built = stages::build(&sources);
    let text_of = |p: &Path| sources.iter().find(|s| s.path == p).map(|s| s.text.clone());
    let _ = stages::render_with(&built.errors, 50, "error", text_of);
    let _ = stages::render_with(&built.model.warnings, 50, "warning", text_of);
    let code = generator::render(&built.model, 1).unwrap();
    // The output is a fixed point of prettyplease, for any input: formatting it again
    // changes nothing.
    let reformatted = stages::reformat(&code)
        .unwrap_or_else(|e| panic!("emitted code does not parse: {e}\ninput: {docs:?}"));
    assert_eq!(code, reformatted, "input: {docs:?}");
    assert!(!code.contains("compile_error!"), "{code}");
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        // Shrinking mutated docs can take long; the failing input is printed anyway.
        max_shrink_iters: 200,
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(2000))]

    /// One to three spec docs, each mutated a few times; links between them can resolve.
    #[test]
    fn mutated_spec_docs(
        picks in prop::collection::vec((any::<prop::sample::Index>(), prop::collection::vec(mutation(), 0..8)), 1..4)
    ) {
        let seeds = seeds();
        let docs: Vec<(String, String, String)> = picks
            .iter()
            .map(|(i, muts)| {
                let (dir, name, text) = &seeds[i.index(seeds.len())];
                (dir.clone(), name.clone(), apply(text, muts))
            })
            .collect();
        pipeline(&docs);
    }

    /// Random text built from the format's tokens and random characters.
    #[test]
    fn random_docs(
        parts in prop::collection::vec(
            prop_oneof![
                (0..TOKENS.len()).prop_map(|t| TOKENS[t].to_string()),
                "[a-zA-Z0-9_ .]{0,12}",
                any::<char>().prop_map(String::from),
            ],
            0..120,
        )
    ) {
        let text = format!("# T\n\n## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n{}", parts.concat());
        pipeline(&[("components".into(), "t.md".into(), text)]);
        pipeline(&[("components".into(), "r.md".into(), parts.concat())]);
    }
}
