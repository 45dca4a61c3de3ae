//! Go notation (FORMAT.md §3 and FORMAT-SURVEY.md). Older SDKs emphasise the type
//! name (`**string*`: emphasis around the pointer type `*string`), newer ones put it in
//! a code span (`` `*string` ``); prefixes stay outside either:
//!
//! ```text
//! cell   = "[]" cell | "map[string]" cell | "optionalnullable.OptionalNullable[" cell "]"
//!        | "*" plain "*" | "`" plain "`" | "[" ["*"] LINKNAME "](" URL ")"
//! plain  = "[]byte" | "[]" plain | "map[string]" plain | "*" plain
//!        | "optionalnullable.OptionalNullable[" plain "]" | STREAM "[" plain "]"
//!        | GONAME | MODEL
//! GONAME = string | bool | int | int32 | int64 | float32 | float64 | any | interface{}
//!        | io.ReadCloser | time.Time | types.Date
//! STREAM = a generic whose name ends in `Stream` (`stream.EventStream`)
//! MODEL  = pkg.Name | Name
//! ```
//!
//! A pointer (`*T`) means the field may be absent: [`TypeExpr::Optional`].

use super::{is_model_name, is_web_url, model, short, Cursor, Result, TypeExpr};

const ON: &str = "optionalnullable.OptionalNullable[";

/// A Type cell.
pub(super) fn cell(c: &mut Cursor) -> Result<TypeExpr> {
    c.enter()?;
    let t = if c.eat("[]") {
        TypeExpr::List(Box::new(cell(c)?))
    } else if c.eat("map[string]") {
        TypeExpr::Map(Box::new(cell(c)?))
    } else if c.eat(ON) {
        let inner = cell(c)?;
        c.expect("]", "to close `OptionalNullable[`")?;
        TypeExpr::OptionalNullable(Box::new(inner))
    } else if c.eat("*") {
        let t = plain(c)?;
        c.expect("*", "to close the emphasis around the type name")?;
        t
    } else if c.eat("`") {
        let t = plain(c)?;
        c.expect("`", "to close the code span around the type name")?;
        t
    } else if c.eat("[") {
        let ptr = c.eat("*");
        let start = c.i;
        let name = c.ident();
        let url = c.url()?;
        let t = match name {
            "time.Time" => TypeExpr::Timestamp,
            // A calendar date, although its link points outside docs/models.
            "types.Date" => TypeExpr::Date,
            // The raw exchange, in response wrappers.
            "http.Response" | "http.Request" => TypeExpr::HttpResponse,
            // A model's doc is never on the web: such a link names something else.
            q if is_model_name(q) && !is_web_url(&url) => model(q, Some(url)),
            _ => {
                c.i = start;
                return Err(c.err(format!(
                    "unknown link text `{}`: expected `components.X`, `*components.X`, `*time.Time` or `*types.Date`",
                    short(name)
                )));
            }
        };
        pointer(ptr, t)
    } else {
        return Err(c.err(
            "expected a Go type: `*string*`, `**int64*`, `` `string` ``, `[]...`, `map[string]...` or a model link `[*components.X](...)`"
                .to_string(),
        ));
    };
    c.leave();
    Ok(t)
}

fn pointer(ptr: bool, t: TypeExpr) -> TypeExpr {
    if ptr {
        TypeExpr::Optional(Box::new(t))
    } else {
        t
    }
}

/// Plain Go type syntax: inside emphasis or a code span in a cell, and in union member
/// snippets (`[]interface{}`, `*stream.EventStream[components.E]`).
pub(super) fn plain(c: &mut Cursor) -> Result<TypeExpr> {
    c.enter()?;
    let t = if c.at("[]byte") && !c.rest()[6..].starts_with(is_name_char) {
        c.i += 6;
        TypeExpr::Bytes
    } else if c.eat("[]") {
        TypeExpr::List(Box::new(plain(c)?))
    } else if c.eat("map[string]") {
        TypeExpr::Map(Box::new(plain(c)?))
    } else if c.eat("*") {
        TypeExpr::Optional(Box::new(plain(c)?))
    } else if c.eat(ON) {
        let inner = plain(c)?;
        c.expect("]", "to close `OptionalNullable[`")?;
        TypeExpr::OptionalNullable(Box::new(inner))
    } else {
        let start = c.i;
        let name = c.ident();
        if name == "interface" && c.eat("{}") {
            TypeExpr::Any
        } else if c.eat("[") {
            // A generic: the SDK's stream types (`stream.EventStream[T]`) are the only
            // ones seen, and travel in no JSON payload.
            if !name.ends_with("Stream") {
                c.i = start;
                return Err(c.err(format!("unknown Go generic type `{}[`", short(name))));
            }
            plain(c)?;
            c.expect("]", "to close the stream's type argument")?;
            TypeExpr::ByteStream
        } else {
            match go_name(name) {
                Some(t) => t,
                None if is_model_name(name) => model(name, None),
                None => {
                    c.i = start;
                    return Err(c.err(format!(
                        "unknown Go type name `{}`: expected string, int, int64, float32, float64, bool, any or a model",
                        short(name)
                    )));
                }
            }
        }
    };
    c.leave();
    Ok(t)
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

fn go_name(name: &str) -> Option<TypeExpr> {
    Some(match name {
        "string" => TypeExpr::Str,
        "int" => TypeExpr::Int(None),
        "int64" => TypeExpr::Int(Some(64)),
        "int32" => TypeExpr::Int(Some(32)),
        "float64" => TypeExpr::Float(Some(64)),
        "float32" => TypeExpr::Float(Some(32)),
        "bool" => TypeExpr::Bool,
        "any" => TypeExpr::Any,
        "time.Time" => TypeExpr::Timestamp,
        "types.Date" => TypeExpr::Date,
        "io.ReadCloser" | "io.Reader" => TypeExpr::ByteStream,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::{parse_plain, parse_type, Flavor};
    use super::TypeExpr::{self, *};

    fn model(q: &str, l: &str) -> TypeExpr {
        Model {
            qual: q.into(),
            link: Some(l.into()),
        }
    }
    fn unlinked(q: &str) -> TypeExpr {
        Model {
            qual: q.into(),
            link: None,
        }
    }
    fn b(t: TypeExpr) -> Box<TypeExpr> {
        Box::new(t)
    }
    fn g(s: &str) -> TypeExpr {
        parse_type(s, Flavor::Go).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }

    #[test]
    fn italic_notation() {
        assert_eq!(g("*string*"), Str);
        assert_eq!(g("**string*"), Optional(b(Str)));
        assert_eq!(g("**float32*"), Optional(b(Float(Some(32)))));
        assert_eq!(g("*int*"), Int(None));
        assert_eq!(g("[]*int64*"), List(b(Int(Some(64)))));
        assert_eq!(g("map[string][]*string*"), Map(b(List(b(Str)))));
        assert_eq!(g("*io.ReadCloser*"), ByteStream);
        assert_eq!(
            g("[*time.Time](https://pkg.go.dev/time#Time)"),
            Optional(b(Timestamp))
        );
        assert_eq!(g("[*types.Date](../../types/date.md)"), Optional(b(Date)));
        assert_eq!(
            g("[][components.Tag](../../models/components/tag.md)"),
            List(b(model("components.Tag", "../../models/components/tag.md")))
        );
        assert_eq!(
            g("[*http.Response](https://pkg.go.dev/net/http#Response)"),
            Optional(b(HttpResponse))
        );
        assert_eq!(
            g("[*http.Request](https://pkg.go.dev/net/http#Request)"),
            Optional(b(HttpResponse))
        );
        // A model's doc is not on the web.
        assert!(parse_type("[Date](https://example.com/date)", Flavor::Go).is_err());
    }

    #[test]
    fn interface_bytes_and_nesting() {
        assert_eq!(g("*interface{}*"), Any);
        assert_eq!(g("[]*interface{}*"), List(b(Any)));
        assert_eq!(g("map[string]*interface{}*"), Map(b(Any)));
        assert_eq!(g("*[]byte*"), Bytes);
        assert_eq!(g("[][]*string*"), List(b(List(b(Str)))));
        assert_eq!(g("map[string]map[string]*any*"), Map(b(Map(b(Any)))));
        assert_eq!(g("[]map[string]*any*"), List(b(Map(b(Any)))));
        assert_eq!(
            g("map[string][][components.Facet](../../models/components/facet.md)"),
            Map(b(List(b(model(
                "components.Facet",
                "../../models/components/facet.md"
            )))))
        );
    }

    #[test]
    fn backticked_notation() {
        assert_eq!(g("`string`"), Str);
        assert_eq!(g("`*int64`"), Optional(b(Int(Some(64)))));
        assert_eq!(g("[]`string`"), List(b(Str)));
        assert_eq!(g("[][]`string`"), List(b(List(b(Str)))));
        assert_eq!(g("map[string]`any`"), Map(b(Any)));
        assert_eq!(g("map[string]`*string`"), Map(b(Optional(b(Str)))));
        assert_eq!(g("map[string][]`string`"), Map(b(List(b(Str)))));
        assert_eq!(g("[]`*string`"), List(b(Optional(b(Str)))));
        assert_eq!(g("`io.ReadCloser`"), ByteStream);
        assert!(parse_type("`strin`", Flavor::Go).is_err());
        assert!(parse_type("`string", Flavor::Go).is_err());
    }

    #[test]
    fn optional_nullable() {
        assert_eq!(
            g("optionalnullable.OptionalNullable[`string`]"),
            OptionalNullable(b(Str))
        );
        assert_eq!(
            g("optionalnullable.OptionalNullable[[]`string`]"),
            OptionalNullable(b(List(b(Str))))
        );
        assert_eq!(
            g("optionalnullable.OptionalNullable[map[string]`any`]"),
            OptionalNullable(b(Map(b(Any))))
        );
        assert_eq!(
            g("optionalnullable.OptionalNullable[[time.Time](https://pkg.go.dev/time#Time)]"),
            OptionalNullable(b(Timestamp))
        );
        assert_eq!(
            g("optionalnullable.OptionalNullable[[][*components.A](../../models/components/a.mdx)]"),
            OptionalNullable(b(List(b(Optional(b(model(
                "components.A",
                "../../models/components/a.mdx"
            )))))))
        );
    }

    #[test]
    fn unqualified_and_unlinked_models() {
        assert_eq!(
            g("[*AuthConfig](../../models/shared/authconfig.md)"),
            Optional(b(model("AuthConfig", "../../models/shared/authconfig.md")))
        );
        assert_eq!(
            g("[][Operation](../../models/shared/operation.md)"),
            List(b(model("Operation", "../../models/shared/operation.md")))
        );
        assert_eq!(
            g("**sdkerrors.Detail*"),
            Optional(b(unlinked("sdkerrors.Detail")))
        );
        assert_eq!(
            g("[]*sdkerrors.Refund*"),
            List(b(unlinked("sdkerrors.Refund")))
        );
        assert_eq!(g("**ErrorData*"), Optional(b(unlinked("ErrorData"))));
    }

    #[test]
    fn member_snippets() {
        let m = |s| parse_plain(s, Flavor::Go).unwrap();
        assert_eq!(m("float64"), Float(Some(64)));
        assert_eq!(m("[]string"), List(b(Str)));
        assert_eq!(m("[][]float64"), List(b(List(b(Float(Some(64)))))));
        assert_eq!(m("[]interface{}"), List(b(Any)));
        assert_eq!(m("map[string]interface{}"), Map(b(Any)));
        assert_eq!(m("time.Time"), Timestamp);
        assert_eq!(
            m("[]*components.A"),
            List(b(Optional(b(unlinked("components.A")))))
        );
        assert_eq!(
            m("*stream.EventStream[components.E]"),
            Optional(b(ByteStream))
        );
        assert_eq!(m("DocumentSpec1"), unlinked("DocumentSpec1"));
        assert!(parse_plain("list[components.E]", Flavor::Go).is_err());
        assert!(parse_plain("[]bytes", Flavor::Go).is_err());
    }
}
