//! Splices the runtime, ordinary Rust in `generator/runtime/`, into the output.
//!
//! `helpers.rs` becomes the hidden `__helpers` module, with only what the emitted
//! types need, so a crate that includes the output privately has no dead code. The
//! rule is reachability:
//!
//! - the roots are the names the templates reference (each through [`Ctx::runtime`]:
//!   items such as `object`, and methods such as `field`);
//! - an item (top-level, or a method of an inherent impl) is emitted when its name is
//!   reached, a method only when its type is emitted too; the identifiers in an emitted
//!   item's tokens are reached in turn, but for the segments of absolute paths into
//!   other crates (`::serde::de::Unexpected::Float` reaches no runtime `Float`);
//! - a trait impl is emitted when the runtime's traits and types it names (in the
//!   trait and the self type) are all emitted;
//! - a type users see (the type of a field: `UnknownKeys`) brings all its `pub`
//!   methods, which are its API, and is re-exported at the root of the output unless a
//!   model there has its name.
//!
//! `unions.rs` (union reading, constants) is read as part of `helpers.rs`, the same
//! module. `harness.rs`, the fixed part of the round-trip harness, is spliced whole.
//!
//! [`Ctx::runtime`]: super::Ctx::runtime

use super::{ident, HELPERS};
use crate::model::Model;
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{quote, ToTokens};
use std::collections::{BTreeSet, HashSet};
use syn::{ImplItem, Item};

/// The runtime names the emitted types reference: the roots of the splice.
#[derive(Debug, Default)]
pub(super) struct Uses {
    /// Items and methods named in the emitted code.
    pub(super) names: BTreeSet<&'static str>,
    /// Types users see (a subset of `names`).
    pub(super) public: BTreeSet<&'static str>,
}

impl Uses {
    pub(super) fn merge(&mut self, other: Uses) {
        self.names.extend(other.names);
        self.public.extend(other.public);
    }
}

/// When a piece of the runtime is emitted.
enum Cond {
    /// An item, when its name is reached.
    Named(String),
    /// A method of the inherent impl of `ty`: when `ty` is emitted and the method's
    /// name is reached, or it is `pub` and `ty` is a type users see.
    Method {
        ty: String,
        name: String,
        public: bool,
    },
    /// A trait impl: when every runtime name in its trait and self type is reached.
    All(Vec<String>),
}

/// An item, or one method of an inherent impl.
struct Piece {
    cond: Cond,
    /// The identifiers in its tokens.
    refs: HashSet<String>,
    tokens: TokenStream,
    /// For a method: its impl, as an index into [`Runtime::headers`].
    header: Option<usize>,
}

/// A runtime file, parsed and cut into pieces.
struct Runtime {
    pieces: Vec<Piece>,
    /// `impl<..> Type` of each inherent impl, which its methods go back into.
    headers: Vec<TokenStream>,
    /// Every name a piece can be reached by.
    names: HashSet<String>,
}

thread_local! {
    // Parsed once per thread that renders (proc_macro2's tokens cannot be shared
    // across threads); only the thread assembling the output splices.
    static HELPERS_RUNTIME: Result<Runtime, syn::Error> =
        Runtime::parse(concat!(
            include_str!("../../runtime/helpers.rs"),
            include_str!("../../runtime/unions.rs")
        ));
}

/// The crates the runtime names by absolute path (`::serde::de::Unexpected::Float`).
const CRATES: [&str; 4] = ["std", "serde", "serde_json", "chrono"];

/// Every identifier in `tokens`, at any depth, but the segments of absolute paths into
/// other crates: those name the crate's items, not the runtime's, even where the names
/// are the same (`::serde::de::Unexpected::Float` is not the runtime's `Float`). The
/// runtime names its own items by relative paths only.
fn idents(tokens: TokenStream, out: &mut HashSet<String>) {
    let mut tokens = tokens.into_iter().peekable();
    // Inside an absolute path into another crate, before the end of its segments.
    let mut external = false;
    while let Some(tt) = tokens.next() {
        match tt {
            TokenTree::Ident(i) => {
                if !external {
                    out.insert(i.to_string());
                }
                // The path goes on only through `::`.
                external &=
                    matches!(tokens.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ':');
            }
            TokenTree::Group(g) => {
                idents(g.stream(), out);
                external = false;
            }
            TokenTree::Punct(p) if p.as_char() == ':' => {
                // `::` starts a path into another crate when a crate's name follows;
                // otherwise it continues the path it is in, external or not.
                if matches!(tokens.peek(), Some(TokenTree::Punct(q)) if q.as_char() == ':') {
                    tokens.next();
                    external |= matches!(
                        tokens.peek(),
                        Some(TokenTree::Ident(i)) if CRATES.iter().any(|c| i == c)
                    );
                } else {
                    external = false;
                }
            }
            TokenTree::Punct(_) | TokenTree::Literal(_) => external = false,
        }
    }
}

fn refs(tokens: &impl ToTokens) -> HashSet<String> {
    let mut out = HashSet::new();
    idents(tokens.to_token_stream(), &mut out);
    out
}

/// The name an item is reached by.
fn item_name(item: &Item) -> Option<String> {
    let ident = match item {
        Item::Struct(i) => &i.ident,
        Item::Enum(i) => &i.ident,
        Item::Trait(i) => &i.ident,
        Item::Fn(i) => &i.sig.ident,
        Item::Const(i) => &i.ident,
        Item::Static(i) => &i.ident,
        Item::Type(i) => &i.ident,
        _ => return None,
    };
    Some(ident.to_string())
}

/// The name of an impl's self type (`Key` for `Key<'_>`, `UnknownKeys` for
/// `&'a UnknownKeys`).
fn self_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        syn::Type::Reference(r) => self_name(&r.elem),
        _ => None,
    }
}

/// `#[rustfmt::skip]`: it keeps rustfmt from changing tokens (it adds braces to
/// closure bodies it breaks), so the runtime file says what the output says; it is
/// for this file only and not spliced.
fn for_rustfmt(attr: &syn::Attribute) -> bool {
    attr.path()
        .segments
        .first()
        .is_some_and(|s| s.ident == "rustfmt")
}

fn unsupported(what: &str) -> syn::Error {
    syn::Error::new(
        Span::call_site(),
        format!("internal error: the runtime has {what}"),
    )
}

impl Runtime {
    fn parse(source: &str) -> Result<Runtime, syn::Error> {
        let mut items = syn::parse_file(source)?.items;
        for item in &mut items {
            match item {
                Item::Fn(f) => f.attrs.retain(|a| !for_rustfmt(a)),
                Item::Impl(imp) => {
                    for member in &mut imp.items {
                        if let ImplItem::Fn(f) = member {
                            f.attrs.retain(|a| !for_rustfmt(a));
                        }
                    }
                }
                _ => {}
            }
        }
        let defined: HashSet<String> = items.iter().filter_map(item_name).collect();
        let mut pieces = Vec::new();
        let mut headers = Vec::new();
        for item in &items {
            match item {
                Item::Impl(imp) if imp.trait_.is_none() => {
                    let ty = self_name(&imp.self_ty)
                        .ok_or_else(|| unsupported("an impl of an unnamed type"))?;
                    let (attrs, generics, self_ty) = (&imp.attrs, &imp.generics, &imp.self_ty);
                    let where_clause = &generics.where_clause;
                    headers.push(quote!(#(#attrs)* impl #generics #self_ty #where_clause));
                    let header = refs(generics);
                    for member in &imp.items {
                        let ImplItem::Fn(f) = member else {
                            return Err(unsupported("an inherent impl item that is no method"));
                        };
                        let mut refs = refs(f);
                        refs.extend(header.iter().cloned());
                        pieces.push(Piece {
                            cond: Cond::Method {
                                ty: ty.clone(),
                                name: f.sig.ident.to_string(),
                                public: matches!(f.vis, syn::Visibility::Public(_)),
                            },
                            refs,
                            tokens: f.to_token_stream(),
                            header: Some(headers.len() - 1),
                        });
                    }
                }
                Item::Impl(imp) => {
                    let mut named = refs(&imp.self_ty);
                    if let Some((_, path, _)) = &imp.trait_ {
                        named.extend(refs(path));
                    }
                    let mut needs: Vec<String> =
                        named.into_iter().filter(|n| defined.contains(n)).collect();
                    needs.sort();
                    pieces.push(Piece {
                        cond: Cond::All(needs),
                        refs: refs(imp),
                        tokens: imp.to_token_stream(),
                        header: None,
                    });
                }
                item => {
                    let name = item_name(item)
                        .ok_or_else(|| unsupported("an item that is not reached by name"))?;
                    pieces.push(Piece {
                        cond: Cond::Named(name),
                        refs: refs(item),
                        tokens: item.to_token_stream(),
                        header: None,
                    });
                }
            }
        }
        let mut names = defined;
        for p in &pieces {
            if let Cond::Method { name, .. } = &p.cond {
                names.insert(name.clone());
            }
        }
        Ok(Runtime {
            pieces,
            headers,
            names,
        })
    }

    /// The items reachable from `uses`, in file order (see the module docs).
    fn splice(&self, uses: &Uses) -> Result<TokenStream, syn::Error> {
        if let Some(n) = uses.names.iter().find(|n| !self.names.contains(**n)) {
            return Err(unsupported(&format!("no item or method `{n}`")));
        }
        let mut reached: HashSet<&str> = uses.names.iter().copied().collect();
        let mut on = vec![false; self.pieces.len()];
        loop {
            let mut changed = false;
            for (p, on) in self.pieces.iter().zip(&mut on) {
                let wanted = match &p.cond {
                    Cond::Named(name) => reached.contains(name.as_str()),
                    Cond::Method { ty, name, public } => {
                        reached.contains(ty.as_str())
                            && (reached.contains(name.as_str())
                                || (*public && uses.public.contains(ty.as_str())))
                    }
                    Cond::All(needs) => needs.iter().all(|n| reached.contains(n.as_str())),
                };
                if wanted && !*on {
                    *on = true;
                    changed = true;
                    reached.extend(p.refs.iter().map(String::as_str));
                }
            }
            if !changed {
                break;
            }
        }
        let mut out = TokenStream::new();
        let mut emitted = self
            .pieces
            .iter()
            .zip(&on)
            .filter(|(_, on)| **on)
            .map(|(p, _)| p)
            .peekable();
        while let Some(p) = emitted.next() {
            let Some(h) = p.header else {
                out.extend(p.tokens.clone());
                continue;
            };
            // The impl's emitted methods are consecutive: they go back in together.
            let mut methods = vec![&p.tokens];
            while let Some(next) = emitted.next_if(|n| n.header == Some(h)) {
                methods.push(&next.tokens);
            }
            let header = &self.headers[h];
            out.extend(quote!(#header { #(#methods)* }));
        }
        Ok(out)
    }
}

/// The `__helpers` module with the runtime the emitted types use, formatted, and the
/// re-export of the types users see; empty when they use none.
pub(super) fn helpers(model: &Model, uses: &Uses) -> Result<String, syn::Error> {
    let items = HELPERS_RUNTIME.with(|rt| match rt {
        Ok(rt) => rt.splice(uses),
        Err(e) => Err(e.clone()),
    })?;
    if items.is_empty() {
        return Ok(String::new());
    }
    let m = ident(HELPERS);
    let reexports = uses.public.iter().filter_map(|name| {
        let taken = model
            .types
            .iter()
            .any(|t| t.module.is_empty() && t.name == *name);
        let t = ident(name);
        (!taken).then(|| quote!(pub use self::#m::#t;))
    });
    let tokens = quote! {
        /// Shared serde helpers for the types above.
        #[doc(hidden)]
        pub mod #m {
            #items
        }
        #(#reexports)*
    };
    Ok(prettyplease::unparse(&syn::parse2(tokens)?))
}

/// The fixed part of the round-trip harness (`generator/runtime/harness.rs`), whole.
pub(crate) fn harness_support() -> Result<TokenStream, syn::Error> {
    let file = syn::parse_file(include_str!("../../runtime/harness.rs"))?;
    let items = file.items;
    Ok(quote!(#(#items)*))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the splice emits for these roots: item names, `Type::method` and
    /// `impl Trait for Type`, in order.
    fn emitted(names: &[&'static str], public: &[&'static str]) -> Vec<String> {
        let uses = Uses {
            names: names.iter().chain(public).copied().collect(),
            public: public.iter().copied().collect(),
        };
        let tokens = HELPERS_RUNTIME
            .with(|rt| rt.as_ref().unwrap().splice(&uses))
            .unwrap();
        let file: syn::File = syn::parse2(tokens).unwrap();
        let mut out = Vec::new();
        for item in &file.items {
            match item {
                Item::Impl(imp) => {
                    let ty = self_name(&imp.self_ty).unwrap();
                    match &imp.trait_ {
                        Some((_, path, _)) => {
                            let t = path.segments.last().unwrap().ident.to_string();
                            out.push(format!("impl {t} for {ty}"));
                        }
                        None => out.extend(imp.items.iter().map(|m| match m {
                            ImplItem::Fn(f) => format!("{ty}::{}", f.sig.ident),
                            _ => unreachable!(),
                        })),
                    }
                }
                item => out.push(item_name(item).unwrap()),
            }
        }
        out
    }

    #[test]
    fn nothing_referenced_nothing_emitted() {
        assert!(emitted(&[], &[]).is_empty());
        let model = Model::default();
        assert_eq!(helpers(&model, &Uses::default()).unwrap(), "");
    }

    #[test]
    fn a_struct_that_reads_nothing_gets_no_key() {
        let got = emitted(&["object", "FromMap", "Fields", "new", "skip_all"], &[]);
        assert_eq!(
            got,
            [
                "FromMap",
                "Object",
                "impl Visitor for Object",
                "object",
                "Fields",
                "Fields::new",
                "Fields::skip_all",
            ]
        );
    }

    #[test]
    fn methods_come_only_when_called_and_bring_what_they_call() {
        let got = emitted(&["Key", "as_str", "field"], &[]);
        // `field` alone names no type: `Fields` is not reached, so neither is it.
        assert_eq!(got, ["Key", "Key::as_str", "impl Deserialize for Key"]);
        let got = emitted(&["Fields", "new", "next_key", "opt_date", "keep"], &[]);
        for want in [
            "Key::into_string",
            "Fields::put",
            "Day",
            "ymd",
            "Fields::keep",
        ] {
            assert!(got.iter().any(|g| g == want), "{want} in {got:?}");
        }
        for unwanted in ["Key::as_str", "Lenient", "Fields::field", "Fields::skip"] {
            assert!(!got.iter().any(|g| g == unwanted), "{unwanted} in {got:?}");
        }
    }

    #[test]
    fn absolute_paths_into_other_crates_reach_nothing() {
        let tokens: TokenStream = syn::parse_str(
            "fn f() { ::serde::de::Unexpected::Float(x); <A::Error as ::serde::de::Error>::custom(Key); \
             impl ::std::cmp::PartialEq for UnknownKeys {} ::std::option::Option<Seed<T>>::new(); \
             let k: Float = Fields::new(::std::vec::Vec::new()); }",
        )
        .unwrap();
        let got = refs(&tokens);
        for reached in [
            "A",
            "Key",
            "UnknownKeys",
            "Seed",
            "T",
            "k",
            "Float",
            "Fields",
            "new",
        ] {
            assert!(got.contains(reached), "{reached} in {got:?}");
        }
        for external in [
            "serde",
            "de",
            "Unexpected",
            "std",
            "cmp",
            "PartialEq",
            "Option",
            "Vec",
        ] {
            assert!(!got.contains(external), "{external} in {got:?}");
        }
        // The integer readers name serde's `Unexpected::Float`, not the float writer.
        let got = emitted(&["Fields", "scalar"], &[]);
        assert!(got.iter().any(|g| g == "IntVisitor"), "{got:?}");
        assert!(!got.iter().any(|g| g == "Float"), "{got:?}");
        assert!(
            !got.iter().any(|g| g == "Lax" || g == "RealVisitor"),
            "{got:?}"
        );
        let got = emitted(&["Fields", "lax"], &[]);
        for want in [
            "impl Mode for Lax",
            "RealVisitor",
            "BoolVisitor",
            "IntVisitor",
        ] {
            assert!(got.iter().any(|g| g == want), "{want} in {got:?}");
        }
    }

    #[test]
    fn trait_impls_come_with_their_trait_and_type() {
        let got = emitted(&["float"], &[]);
        assert_eq!(
            got,
            ["Float", "impl Float for f64", "impl Float for f32", "float"]
        );
        let got = emitted(&["floats"], &[]);
        for want in [
            "Float",
            "impl Floats for Vec",
            "Each",
            "impl Serialize for Each",
        ] {
            assert!(got.iter().any(|g| g == want), "{want} in {got:?}");
        }
    }

    #[test]
    fn a_type_users_see_brings_its_api() {
        let got = emitted(&["keep_text", "new", "Fields"], &["UnknownKeys"]);
        for want in [
            "UnknownKeys::get",
            "UnknownKeys::to_map",
            "UnknownKeys::push_key",
            "impl FromIterator for UnknownKeys",
            "impl IntoIterator for UnknownKeys",
            "UnknownKeys::len",
            "UnknownKeys::contains_key",
            "unique",
            "Text",
            "impl Visitor for Text",
            "Emit",
            "Entries",
        ] {
            assert!(got.iter().any(|g| g == want), "{want} in {got:?}");
        }
        // Only its API: another type's public methods still need a caller.
        assert!(!got.iter().any(|g| g == "Fields::field"), "{got:?}");
        let mut model = Model::default();
        let uses = Uses {
            names: ["UnknownKeys", "new"].into(),
            public: ["UnknownKeys"].into(),
        };
        let text = helpers(&model, &uses).unwrap();
        assert!(
            text.ends_with("pub use self::__helpers::UnknownKeys;\n"),
            "{text}"
        );
        // A model of that name at the root keeps the name; the type stays reachable.
        model.types.push(crate::model::TypeDef {
            module: Vec::new(),
            name: "UnknownKeys".into(),
            title: "UnknownKeys".into(),
            source: Default::default(),
            flavor: None,
            docs: String::new(),
            cell_of: None,
            kind: crate::model::Kind::Struct(crate::model::Struct {
                fields: Vec::new(),
                extra: None,
                sdk_only: Vec::new(),
                derive_default: true,
                union_member: false,
            }),
        });
        assert!(!helpers(&model, &uses).unwrap().contains("pub use"));
    }

    #[test]
    fn every_runtime_piece_is_reachable_and_formatter_attributes_stay_out() {
        let all: Vec<&'static str> = HELPERS_RUNTIME.with(|rt| {
            let rt = rt.as_ref().unwrap();
            rt.names
                .iter()
                .map(|n| &*Box::leak(n.clone().into_boxed_str()))
                .collect()
        });
        let got = emitted(&all, &[]);
        let pieces = HELPERS_RUNTIME.with(|rt| rt.as_ref().unwrap().pieces.len());
        assert_eq!(got.len(), pieces);
        let text = helpers(
            &Model::default(),
            &Uses {
                names: all.into_iter().collect(),
                public: BTreeSet::new(),
            },
        )
        .unwrap();
        assert!(!text.contains("rustfmt"), "{text}");
    }

    #[test]
    fn a_name_the_runtime_lacks_is_an_internal_error() {
        let uses = Uses {
            names: ["object", "no_such_helper"].into(),
            public: BTreeSet::new(),
        };
        let err = helpers(&Model::default(), &uses).unwrap_err();
        assert!(err.to_string().contains("`no_such_helper`"), "{err}");
    }

    #[test]
    fn the_harness_support_is_spliced_whole() {
        let tokens = harness_support().unwrap().to_string();
        for item in [
            "check_all_with",
            "round_trip",
            "path_at",
            "first_difference",
            "Report",
        ] {
            assert!(tokens.contains(item), "{item}");
        }
    }
}
