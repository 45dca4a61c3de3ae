//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

use proc_macro2::{TokenStream, TokenTree};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the repository, when present (CI has it; a user's clone may not).
pub fn shared() -> Option<PathBuf> {
    let p = repo().join("..").join("shared");
    p.is_dir().then_some(p)
}

/// A fresh empty folder under the target directory.
pub fn scratch(name: &str) -> PathBuf {
    let dir = repo()
        .join("target")
        .join("test-scratch")
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn generate(inputs: &[&Path]) -> String {
    let mut c = generator::Config::new();
    for i in inputs {
        c.input(i);
    }
    c.generate()
        .unwrap_or_else(|e| panic!("generation failed:\n{e}"))
}

/// Asserts that `code` parses and is exactly what prettyplease prints for it: the
/// output is prettyplease's formatting, and a fixed point of it, so formatting it again
/// changes nothing.
/// `what` names the code in the failure, which shows the first line that differs.
pub fn assert_prettyplease_formatting(code: &str, what: &str) {
    let reformatted = generator::__internal::reformat(code)
        .unwrap_or_else(|e| panic!("{what} does not parse: {e}"));
    if let Some((n, (a, b))) = code
        .lines()
        .zip(reformatted.lines())
        .enumerate()
        .find(|(_, (a, b))| a != b)
    {
        panic!(
            "{what} is not prettyplease's formatting; line {}:\n  printed:      {a}\n  prettyplease: {b}",
            n + 1
        );
    }
    assert!(
        code == reformatted,
        "{what} is not prettyplease's formatting ({} lines, prettyplease {})",
        code.lines().count(),
        reformatted.lines().count()
    );
}

/// Compares `code` with the checked-in file at `rel` (from the repo root), or rewrites
/// the file when `UPDATE_SNAPSHOTS` is set. `test` names the test target for the hint.
pub fn check_snapshot(rel: &str, code: &str, test: &str) {
    // Every fixture set is held to prettyplease's formatting, not only the corpora.
    assert_prettyplease_formatting(code, &format!("output for {rel}"));
    let path = repo().join(rel);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, code).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != code {
        let line = expected
            .lines()
            .zip(code.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(code.lines().count()));
        panic!(
            "generated code differs from {rel} from line {}:\n  snapshot:  {:?}\n  generated: {:?}\nIf the change is intended: UPDATE_SNAPSHOTS=1 cargo test --test {test}",
            line + 1,
            expected.lines().nth(line),
            code.lines().nth(line)
        );
    }
}

/// Removes `#[doc = ...]` attributes at every depth, so two outputs can be compared
/// "comments aside".
pub fn strip_docs(ts: TokenStream) -> TokenStream {
    let mut out = Vec::new();
    let mut iter = ts.into_iter().peekable();
    while let Some(tt) = iter.next() {
        if let TokenTree::Punct(p) = &tt {
            if p.as_char() == '#' {
                if let Some(TokenTree::Group(g)) = iter.peek() {
                    let first = g.stream().into_iter().next();
                    if matches!(first, Some(TokenTree::Ident(ref i)) if i == "doc") {
                        iter.next();
                        continue;
                    }
                }
            }
        }
        out.push(match tt {
            TokenTree::Group(g) => {
                let mut ng = proc_macro2::Group::new(g.delimiter(), strip_docs(g.stream()));
                ng.set_span(g.span());
                TokenTree::Group(ng)
            }
            other => other,
        });
    }
    out.into_iter().collect()
}

/// Every item of a generated file, keyed by module path and item name (impls by
/// their self type), as token text without doc attributes.
pub fn items(code: &str) -> BTreeMap<String, String> {
    let file: syn::File = syn::parse_str(code).expect("generated code parses");
    let mut out = BTreeMap::new();
    collect(&file.items, "", &mut out);
    out
}

fn collect(items: &[syn::Item], path: &str, out: &mut BTreeMap<String, String>) {
    use quote::ToTokens;
    for item in items {
        let key = match item {
            syn::Item::Mod(m) => {
                let p = format!("{path}{}::", m.ident);
                if let Some((_, inner)) = &m.content {
                    collect(inner, &p, out);
                }
                continue;
            }
            syn::Item::Struct(s) => format!("{path}{}", s.ident),
            syn::Item::Enum(e) => format!("{path}{}", e.ident),
            syn::Item::Impl(i) => {
                let trait_ = i
                    .trait_
                    .as_ref()
                    .map(|t| t.1.to_token_stream().to_string())
                    .unwrap_or_default();
                format!("{path}{} impl {trait_}", i.self_ty.to_token_stream())
            }
            syn::Item::Fn(f) => format!("{path}{}", f.sig.ident),
            other => format!("{path}{}", other.to_token_stream()),
        };
        let text = strip_docs(item.to_token_stream()).to_string();
        out.insert(key, text);
    }
}
