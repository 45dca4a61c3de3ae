//! Fuzz target `docs`: arbitrary bytes -> 1 to 3 docs -> the whole pipeline (parse,
//! notation, model, each way of keeping unknown keys, emit, diagnostics rendering with
//! annotate-snippets). Asserts that
//! nothing panics, that the emitted code is prettyplease's formatting of itself (so it
//! parses), and that no doc text becomes a token outside a literal (`compile_error` as
//! an identifier would mean injected code).
//!
//! The input is split on 0xFF (a byte that never occurs in UTF-8); a piece that is not
//! UTF-8 is read lossily so its markdown is still exercised. Docs go to
//! `components/<stem>.md` (the third to `operations/`), `<stem>` being the lower-cased
//! title, so the links the specs use (`../../models/components/tag.md`) can resolve.
//!
//! Run: `cargo fuzz run docs fuzz/corpus/docs` (see fuzz/README.md).

#![no_main]

use generator::__internal::{self as stages, Source};
use libfuzzer_sys::fuzz_target;
use proc_macro2::{TokenStream, TokenTree};
use std::path::PathBuf;

fn stem(text: &str, i: usize) -> String {
    let title = text
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .unwrap_or_default();
    let s: String = title
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .map(|c| c.to_ascii_lowercase())
        .take(64)
        .collect();
    if s.is_empty() {
        format!("doc{i}")
    } else {
        s
    }
}

/// No macro call in the output may come from doc text. A field may well be named
/// `compile_error` (the doc said so); a `compile_error!` call may not exist.
fn no_injected_macro(tokens: TokenStream) {
    let mut prev: Option<String> = None;
    for tt in tokens {
        match &tt {
            TokenTree::Punct(p) if p.as_char() == '!' => {
                if let Some(name) = &prev {
                    assert!(
                        !matches!(
                            name.as_str(),
                            "compile_error" | "include" | "include_str" | "env" | "concat"
                        ),
                        "doc text became code: `{name}!`"
                    );
                }
            }
            TokenTree::Group(g) => no_injected_macro(g.stream()),
            _ => {}
        }
        prev = match tt {
            TokenTree::Ident(id) => Some(id.to_string()),
            _ => None,
        };
    }
}

fuzz_target!(|data: &[u8]| {
    let root = PathBuf::from("/nonexistent-fuzz-root/docs/models");
    let mut sources: Vec<Source> = Vec::new();
    for (i, piece) in data.split(|&b| b == 0xFF).take(3).enumerate() {
        let text = String::from_utf8_lossy(piece).into_owned();
        let dir = if i == 2 { "operations" } else { "components" };
        let mut name = format!("{}.md", stem(&text, i));
        if sources.iter().any(|s| s.rel[0] == dir && s.rel[1] == name) {
            name = format!("doc{i}.md");
        }
        sources.push(Source {
            root: root.clone(),
            rel: vec![dir.to_string(), name.clone()],
            path: root.join(dir).join(&name),
            text,
        });
    }
    let mut built = stages::build_with(&sources, 1);
    // Each way of keeping unknown keys, chosen by the input's length (which leaves the
    // docs themselves alone, so the corpus keeps its meaning).
    let how = [
        generator::KeepUnknown::No,
        generator::KeepUnknown::Map,
        generator::KeepUnknown::Text,
    ][data.len() % 3];
    stages::keep_unknown(&mut built.model, how);
    // Rendering must not panic either, whatever the positions and snippets say: with
    // the docs' own text (source lines, carets) and without (the files do not exist).
    let text_of = |path: &std::path::Path| {
        sources
            .iter()
            .find(|s| s.path == path)
            .map(|s| s.text.clone())
    };
    let _ = stages::render_with(&built.errors, 50, "error", text_of);
    let _ = stages::render_with(&built.model.warnings, 20, "warning", text_of);
    let _ = generator::render_list(&built.errors, 50, "error");
    let code = generator::render(&built.model, 1)
        .unwrap_or_else(|e| panic!("emitted code does not format: {e}"));
    let tokens: proc_macro2::TokenStream = code
        .parse()
        .unwrap_or_else(|e| panic!("emitted code does not lex: {e}"));
    no_injected_macro(tokens);
    // The output is a fixed point of prettyplease: formatting it again changes nothing.
    match stages::reformat(&code) {
        Ok(again) => assert!(again == code, "emitted code is not prettyplease's formatting"),
        Err(e) => panic!("emitted code does not parse: {e}"),
    }
});
