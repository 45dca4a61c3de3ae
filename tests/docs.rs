//! Every public item of the generated code is documented, as `#![deny(missing_docs)]`
//! in a user's crate demands: modules, types, fields, enum variants and the catch-all,
//! associated constants and methods, and the runtime types re-exported at the root
//! (`UnknownKeys`). Checked on the syntax tree of the output for `specs/` and the
//! rule and wire fixtures in every unknown-key mode; `cargo test --test docs --
//! --ignored` checks every tree in `../shared/corpora` too.
//!
//! JSON examples are fenced ```` ```json ````, which rustdoc never compiles: the
//! `generated` crate's doctests (run by `cargo test --workspace`) include the JSON
//! examples of `specs/`.

mod common;

use generator::KeepUnknown;
use std::path::Path;

/// Whether the attributes hold a doc comment with some text.
fn documented(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("doc")
            && matches!(&a.meta, syn::Meta::NameValue(nv)
                if matches!(&nv.value, syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. })
                    if !s.value().trim().is_empty()))
    })
}

fn public(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

/// The public items without docs under `items`, as paths.
fn undocumented(items: &[syn::Item], path: &str, reexported: &[String], out: &mut Vec<String>) {
    fn need(out: &mut Vec<String>, ok: bool, what: String) {
        if !ok {
            out.push(what);
        }
    }
    for item in items {
        match item {
            syn::Item::Mod(m) if public(&m.vis) => {
                let here = format!("{path}{}::", m.ident);
                if m.ident == "__helpers" {
                    // Hidden, but the types re-exported from it are public API.
                    if let Some((_, inner)) = &m.content {
                        undocumented(inner, &here, reexported, out);
                    }
                    continue;
                }
                need(out, documented(&m.attrs), format!("mod {path}{}", m.ident));
                if let Some((_, inner)) = &m.content {
                    undocumented(inner, &here, reexported, out);
                }
            }
            _ if path.ends_with("__helpers::") && !reexported_item(item, reexported) => {}
            syn::Item::Struct(s) if public(&s.vis) => {
                need(
                    out,
                    documented(&s.attrs),
                    format!("struct {path}{}", s.ident),
                );
                for f in &s.fields {
                    if public(&f.vis) {
                        let name = f.ident.as_ref().map(ToString::to_string);
                        need(
                            out,
                            documented(&f.attrs),
                            format!("field {path}{}::{}", s.ident, name.unwrap_or_default()),
                        );
                    }
                }
            }
            syn::Item::Enum(e) if public(&e.vis) => {
                need(out, documented(&e.attrs), format!("enum {path}{}", e.ident));
                for v in &e.variants {
                    need(
                        out,
                        documented(&v.attrs),
                        format!("variant {path}{}::{}", e.ident, v.ident),
                    );
                }
            }
            syn::Item::Impl(imp) if imp.trait_.is_none() => {
                let ty = quote::ToTokens::to_token_stream(&imp.self_ty).to_string();
                for member in &imp.items {
                    match member {
                        syn::ImplItem::Fn(f) if public(&f.vis) => need(
                            out,
                            documented(&f.attrs),
                            format!("fn {path}{ty}::{}", f.sig.ident),
                        ),
                        syn::ImplItem::Const(c) if public(&c.vis) => need(
                            out,
                            documented(&c.attrs),
                            format!("const {path}{ty}::{}", c.ident),
                        ),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
}

/// Whether a runtime item is one of the re-exported types or an inherent impl of one.
fn reexported_item(item: &syn::Item, reexported: &[String]) -> bool {
    let name = match item {
        syn::Item::Struct(s) => s.ident.to_string(),
        syn::Item::Impl(imp) if imp.trait_.is_none() => {
            quote::ToTokens::to_token_stream(&imp.self_ty).to_string()
        }
        _ => return false,
    };
    reexported.contains(&name)
}

/// The names `pub use self::__helpers::X;` re-exports at the root.
fn reexports(file: &syn::File) -> Vec<String> {
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Use(u) if public(&u.vis) => {
                let text = quote::ToTokens::to_token_stream(&u.tree).to_string();
                text.rsplit(" :: ").next().map(str::to_string)
            }
            _ => None,
        })
        .collect()
}

fn check(code: &str, what: &str) {
    let file = syn::parse_file(code).unwrap_or_else(|e| panic!("{what}: {e}"));
    let reexported = reexports(&file);
    let mut missing = Vec::new();
    undocumented(&file.items, "", &reexported, &mut missing);
    assert!(
        missing.is_empty(),
        "{what}: {} public items without docs:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

fn generate(input: &Path, how: KeepUnknown, wire_names: Option<&Path>) -> String {
    let mut c = generator::Config::new();
    c.input(input).keep_unknown(how);
    if let Some(w) = wire_names {
        c.wire_names(w);
    }
    c.generate()
        .unwrap_or_else(|e| panic!("{} does not generate:\n{e}", input.display()))
}

#[test]
fn every_public_item_is_documented() {
    let repo = common::repo();
    let wire = repo.join("tests/fixtures/wire");
    let wire_names = wire.join("wire-names.toml");
    for how in [KeepUnknown::No, KeepUnknown::Map, KeepUnknown::Text] {
        for (input, names) in [
            (repo.join("specs"), None),
            (repo.join("tests/fixtures/rules/models"), None),
            (wire.join("models"), Some(wire_names.as_path())),
        ] {
            let code = generate(&input, how, names);
            check(&code, &format!("{} ({how:?})", input.display()));
        }
    }
}

/// The same, for every tree of `../shared/corpora` that generates (slow in a debug
/// build: `cargo test --release --test docs -- --ignored`).
#[test]
#[ignore]
fn every_public_item_of_every_corpus_is_documented() {
    let Some(shared) = common::shared() else {
        eprintln!("../shared/corpora is absent: nothing to check");
        return;
    };
    let mut trees: Vec<_> = std::fs::read_dir(shared.join("corpora"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path().join("docs/models")))
        .filter(|p| p.is_dir())
        .collect();
    trees.sort();
    for tree in trees {
        let Ok(out) = generator::Config::new().input(&tree).run() else {
            eprintln!("{}: does not generate fully, skipped", tree.display());
            continue;
        };
        check(&out.code, &tree.display().to_string());
    }
}

#[test]
fn json_examples_are_fenced_as_json() {
    let code = generate(&common::repo().join("specs"), KeepUnknown::No, None);
    assert!(code.contains("/// ```json\n"), "specs/ have JSON examples");
    assert!(!code.contains("/// ```text\n                /// ["));
    assert!(!code.contains("/// ```text\n                /// {"));
    // Laid out as JSON is shown, whatever the table did to the indentation.
    assert!(
        code.contains("/// {\n                ///   \"resolution\": \"2160p\",\n"),
        "{code}"
    );
}

/// The check itself: it finds each kind of undocumented public item, and leaves
/// private items and the hidden runtime (but for re-exported types) alone.
#[test]
fn the_check_names_what_lacks_docs() {
    let code = r#"
        pub mod a {
            /// Documented.
            pub struct S { pub x: i64, y: i64 }
            pub enum E { A }
            impl E { pub const ALL: &'static [Self] = &[]; pub fn f(&self) {} fn g() {} }
        }
        /// Helpers.
        #[doc(hidden)]
        pub mod __helpers {
            pub struct Hidden;
            /// Kept keys.
            pub struct UnknownKeys;
            impl UnknownKeys { pub fn get(&self) {} }
        }
        pub use self::__helpers::UnknownKeys;
    "#;
    let file = syn::parse_file(code).unwrap();
    let mut missing = Vec::new();
    undocumented(&file.items, "", &reexports(&file), &mut missing);
    assert_eq!(
        missing,
        [
            "mod a",
            "field a::S::x",
            "enum a::E",
            "variant a::E::A",
            "const a::E::ALL",
            "fn a::E::f",
            "fn __helpers::UnknownKeys::get",
        ]
    );
}

/// The README shows the example `cargo test` runs (`examples/using_types.rs`), as it is.
#[test]
fn the_readme_example_is_the_compiled_one() {
    let readme = std::fs::read_to_string(common::repo().join("README.md")).unwrap();
    let example = std::fs::read_to_string(common::repo().join("examples/using_types.rs")).unwrap();
    let section = readme
        .split("\n## Using the generated types\n")
        .nth(1)
        .expect("README has the section");
    let block = section
        .split("```rust\n")
        .nth(1)
        .and_then(|b| b.split("\n```\n").next())
        .expect("the section opens with a rust block");
    assert!(
        example.contains(block),
        "README's example differs from examples/using_types.rs:\n{block}"
    );
    assert!(block.contains("..Default::default()") && block.contains("Unknown("));
}
