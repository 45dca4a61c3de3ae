//! Python notation (FORMAT.md §3 and FORMAT-SURVEY.md, generalised so wrappers nest):
//!
//! ```text
//! cell   = ("List[" | "list[") cell "]" | ("Dict[str," | "dict[str,") cell "]"
//!        | "*" inner "*" | "[" link "](" URL ")" | PYNAME
//! inner  = WRAP "[" inner "]" | ("List[" | "list[") inner "]" | ("Dict[" | "dict[") "str," inner "]"
//!        | "Literal[" LIT ("," LIT)* "]" | "Union[" inner ("," inner)* "]" | "IO[" inner "]"
//!        | PYNAME | MODEL
//! link   = WRAP "[" link "]" | "Union[" inner ("," inner)* "]"
//!        | "date" | "datetime" | "httpx.Response" | "requests.Response" | MODEL
//! WRAP   = Optional | Nullable | OptionalNullable
//! PYNAME = str | int | float | bool | Any | bytes | datetime | date | None | io.X
//! LIT    = "..." | '...' | True | False | None | NUMBER
//! MODEL  = pkg.Name | Name
//! ```
//!
//! Link labels are swapped versus the value (FORMAT.md §3): `[date](...)` links a
//! timestamp, `[datetime](...)` a calendar date. Plain type names (in emphasis and in
//! union member headings) mean what Python means: `datetime` is a timestamp.

use super::{is_model_name, is_web_url, model, short, Const, Cursor, Result, TypeExpr};

/// A Type cell.
pub(super) fn cell(c: &mut Cursor) -> Result<TypeExpr> {
    c.enter()?;
    let t = if c.eat("List[") || c.eat("list[") {
        let inner = cell(c)?;
        c.expect("]", "to close `List[`")?;
        TypeExpr::List(Box::new(inner))
    } else if c.eat("Dict[str,") || c.eat("dict[str,") {
        c.skip_ws();
        let inner = cell(c)?;
        c.expect("]", "to close `Dict[str, `")?;
        TypeExpr::Map(Box::new(inner))
    } else if c.eat("*") {
        let inner = inner(c)?;
        c.expect("*", "to close the emphasis around the type name")?;
        inner
    } else if c.eat("[") {
        link(c)?
    } else {
        // A bare built-in name (`Dict[str, Any]` in some docs).
        let start = c.i;
        match name(c.ident()) {
            Some(t) => t,
            None => {
                c.i = start;
                return Err(c.err(
                    "expected a Python type: `*str*`, `*Optional[int]*`, `List[...]`, `Dict[str, ...]` or a model link `[components.X](...)`"
                        .to_string(),
                ));
            }
        }
    };
    c.leave();
    Ok(t)
}

/// Plain type syntax (a union member heading such as `` `List[str]` ``).
pub(super) fn plain(c: &mut Cursor) -> Result<TypeExpr> {
    inner(c)
}

/// A type inside emphasis, or in a heading: wrappers, built-in names and models.
fn inner(c: &mut Cursor) -> Result<TypeExpr> {
    c.enter()?;
    let start = c.i;
    let name_text = c.ident();
    let t = if c.eat("[") {
        let wrap: fn(Box<TypeExpr>) -> TypeExpr = match name_text {
            "Optional" => TypeExpr::Optional,
            "Nullable" => TypeExpr::Nullable,
            "OptionalNullable" => TypeExpr::OptionalNullable,
            "List" | "list" => TypeExpr::List,
            "Dict" | "dict" => {
                if !c.eat("str,") {
                    return Err(c.err("expected `str, ` after `Dict[`".to_string()));
                }
                c.skip_ws();
                TypeExpr::Map
            }
            "Literal" => {
                let t = literal(c)?;
                c.leave();
                return Ok(t);
            }
            "Union" => {
                let members = members(c, inner)?;
                c.expect("]", "to close `Union[`")?;
                c.leave();
                return Ok(union(members, None));
            }
            // A file-like object: `IO[bytes]`, `IO[str]`.
            "IO" => |_| TypeExpr::Bytes,
            _ => {
                c.i = start;
                return Err(c.err(format!(
                    "unknown Python wrapper `{}[`: expected Optional, Nullable, OptionalNullable, List, Dict, Literal or Union",
                    short(name_text)
                )));
            }
        };
        let inner = inner(c)?;
        // The message is built only on failure: this runs for every wrapper.
        if !c.eat("]") {
            return Err(c.err(format!("expected `]` to close `{}[`", short(name_text))));
        }
        wrap(Box::new(inner))
    } else {
        match name(name_text) {
            Some(t) => t,
            None if is_model_name(name_text) => model(name_text, None),
            None => {
                c.i = start;
                return Err(c.err(format!(
                    "unknown Python type name `{}`: expected str, int, float, bool, Any, bytes, datetime, date or a model",
                    short(name_text)
                )));
            }
        }
    };
    c.leave();
    Ok(t)
}

/// Python's built-in names.
fn name(name: &str) -> Option<TypeExpr> {
    Some(match name {
        "str" => TypeExpr::Str,
        "int" => TypeExpr::Int(None),
        "float" => TypeExpr::Float(None),
        "bool" => TypeExpr::Bool,
        "Any" => TypeExpr::Any,
        "bytes" => TypeExpr::Bytes,
        // Type names, not the swapped link labels of Type cells.
        "datetime" => TypeExpr::Timestamp,
        "date" => TypeExpr::Date,
        "None" => TypeExpr::Const(Const::Null),
        // Inside emphasis this is a streamed body (`*Optional[httpx.Response]*`).
        "httpx.Response" | "requests.Response" => TypeExpr::ByteStream,
        // File-like objects: `io.IOBase`, `io.BufferedReader`.
        io if io.strip_prefix("io.").is_some_and(super::is_ident) => TypeExpr::Bytes,
        _ => return None,
    })
}

/// `a, b, c` up to (not including) the closing `]`.
fn members(c: &mut Cursor, member: fn(&mut Cursor) -> Result<TypeExpr>) -> Result<Vec<TypeExpr>> {
    let mut out = vec![member(c)?];
    loop {
        c.skip_ws();
        if !c.eat(",") {
            return Ok(out);
        }
        c.skip_ws();
        out.push(member(c)?);
    }
}

/// A union; file content written as a union of file-like types
/// (`Union[bytes, IO[bytes], io.IOBase]`) is simply bytes.
fn union(members: Vec<TypeExpr>, link: Option<String>) -> TypeExpr {
    if members.iter().all(|m| *m == TypeExpr::Bytes) {
        return TypeExpr::Bytes;
    }
    TypeExpr::Union { members, link }
}

/// The values of `Literal[...]`, after its `[`, through its `]`.
fn literal(c: &mut Cursor) -> Result<TypeExpr> {
    let mut values = vec![literal_value(c)?];
    loop {
        c.skip_ws();
        if c.eat("]") {
            break;
        }
        c.expect(",", "or `]` after a `Literal` value")?;
        c.skip_ws();
        values.push(literal_value(c)?);
    }
    Ok(if values.len() == 1 {
        TypeExpr::Const(values.remove(0))
    } else {
        TypeExpr::Union {
            members: values.into_iter().map(TypeExpr::Const).collect(),
            link: None,
        }
    })
}

fn literal_value(c: &mut Cursor) -> Result<Const> {
    if let Some(s) = c.string_lit() {
        return s.map(Const::Str);
    }
    if let Some(n) = c.number() {
        return Ok(Const::Num(n.to_string()));
    }
    let start = c.i;
    match c.ident() {
        "True" => Ok(Const::Bool(true)),
        "False" => Ok(Const::Bool(false)),
        "None" => Ok(Const::Null),
        other => {
            c.i = start;
            Err(c.err(format!(
                "unknown `Literal` value `{}`: expected a quoted string, a number, True, False or None",
                short(other)
            )))
        }
    }
}

/// A link, after its `[`: the text, then the URL. The URL belongs to the model the
/// text names, or to the union written in it.
fn link(c: &mut Cursor) -> Result<TypeExpr> {
    let start = c.i;
    let mut t = link_text(c)?;
    let url = c.url()?;
    let mut leaf = &mut t;
    while let TypeExpr::Optional(inner)
    | TypeExpr::Nullable(inner)
    | TypeExpr::OptionalNullable(inner) = leaf
    {
        leaf = inner;
    }
    match leaf {
        // A model's doc is never on the web: such a link names something else (a
        // TypeScript doc's `[Date](https://developer.mozilla.org/...)`).
        TypeExpr::Model { .. } | TypeExpr::Union { .. } if is_web_url(&url) => {
            return Err(c.err_at(
                start,
                "a link to web documentation in a Python Type cell names no model".to_string(),
            ));
        }
        TypeExpr::Model { link, .. } | TypeExpr::Union { link, .. } => *link = Some(url),
        _ => {}
    }
    Ok(t)
}

fn link_text(c: &mut Cursor) -> Result<TypeExpr> {
    c.enter()?;
    let start = c.i;
    let name = c.ident();
    let t = if c.eat("[") {
        let wrap: fn(Box<TypeExpr>) -> TypeExpr = match name {
            "Optional" => TypeExpr::Optional,
            "Nullable" => TypeExpr::Nullable,
            "OptionalNullable" => TypeExpr::OptionalNullable,
            "Union" => {
                let members = members(c, inner)?;
                c.expect("]", "to close `Union[` in the link text")?;
                c.leave();
                return Ok(union(members, None));
            }
            _ => {
                c.i = start;
                return Err(c.err(format!("unknown wrapper `{}[` in a link text", short(name))));
            }
        };
        let inner = link_text(c)?;
        c.expect("]", "to close the wrapper in the link text")?;
        wrap(Box::new(inner))
    } else {
        match name {
            // Python labels are swapped versus what the value is (FORMAT.md §3):
            // `date` links a timestamp, `datetime` a calendar date.
            "date" => TypeExpr::Timestamp,
            "datetime" => TypeExpr::Date,
            "httpx.Response" | "requests.Response" => TypeExpr::HttpResponse,
            q if is_model_name(q) => model(q, None),
            _ => {
                c.i = start;
                return Err(c.err(format!(
                    "unknown link text `{}`: expected `components.X`, `Optional[components.X]`, `date` or `datetime`",
                    short(name)
                )));
            }
        }
    };
    c.leave();
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::super::{parse_plain, parse_type, Const, Flavor};
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
    fn p(s: &str) -> TypeExpr {
        parse_type(s, Flavor::Python).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }
    fn s(v: &str) -> TypeExpr {
        Const(Const::Str(v.into()))
    }

    #[test]
    fn scalars_and_wrappers() {
        assert_eq!(p("*str*"), Str);
        assert_eq!(p("*Optional[int]*"), Optional(b(Int(None))));
        assert_eq!(p("*Nullable[str]*"), Nullable(b(Str)));
        assert_eq!(p("*OptionalNullable[bool]*"), OptionalNullable(b(Bool)));
        assert_eq!(p("*Optional[Any]*"), Optional(b(Any)));
        assert_eq!(p("*Nullable[Any]*"), Nullable(b(Any)));
        assert_eq!(p("List[*str*]"), List(b(Str)));
        assert_eq!(p("Dict[str, List[*str*]]"), Map(b(List(b(Str)))));
        assert_eq!(p("*Optional[httpx.Response]*"), Optional(b(ByteStream)));
    }

    #[test]
    fn lowercase_containers_and_bare_any() {
        assert_eq!(p("list[*str*]"), List(b(Str)));
        assert_eq!(p("list[dict[str, *Any*]]"), List(b(Map(b(Any)))));
        assert_eq!(
            p("list[list[dict[str, *Any*]]]"),
            List(b(List(b(Map(b(Any))))))
        );
        assert_eq!(p("Dict[str, Any]"), Map(b(Any)));
        assert_eq!(p("List[Dict[str, Any]]"), List(b(Map(b(Any)))));
        let e = parse_type("Dict[str, Anything]", Flavor::Python).unwrap_err();
        assert_eq!(e.offset, 10);
    }

    #[test]
    fn links() {
        let url = "../../models/components/tag.md";
        assert_eq!(
            p("[Optional[components.Tag]](../../models/components/tag.md)"),
            Optional(b(model("components.Tag", url)))
        );
        assert_eq!(
            p("List[[components.Tag](../../models/components/tag.md)]"),
            List(b(model("components.Tag", url)))
        );
        assert_eq!(
            p("Dict[str, [Nullable[models.Tag]](../models/tag.md)]"),
            Map(b(Nullable(b(model("models.Tag", "../models/tag.md")))))
        );
        // The swapped labels: `date` is a timestamp, `datetime` a calendar date.
        assert_eq!(
            p("[date](https://docs.python.org/3/library/datetime.html#date-objects)"),
            Timestamp
        );
        assert_eq!(
            p("[datetime](https://docs.python.org/3/library/datetime.html#datetime-objects)"),
            Date
        );
        assert_eq!(
            p("[httpx.Response](https://www.python-httpx.org/api/#response)"),
            HttpResponse
        );
        assert_eq!(
            p("[requests.Response](https://requests.readthedocs.io/en/latest/api/#requests.Response)"),
            HttpResponse
        );
    }

    #[test]
    fn unqualified_models() {
        assert_eq!(
            p("[Optional[ScopeConfig]](../../models/shared/scopeconfig.md)"),
            Optional(b(model(
                "ScopeConfig",
                "../../models/shared/scopeconfig.md"
            )))
        );
        assert_eq!(
            p("list[[EventFormat](../../models/shared/eventformat.md)]"),
            List(b(model(
                "EventFormat",
                "../../models/shared/eventformat.md"
            )))
        );
        // A lower-case name is a misspelt built-in, not a model.
        assert!(parse_type("[tag](../tag.md)", Flavor::Python).is_err());
        // A model's doc is not on the web.
        let e = parse_type("[Date](https://example.com/date)", Flavor::Python).unwrap_err();
        assert_eq!(e.offset, 1);
    }

    #[test]
    fn unions_in_link_text() {
        let url = "../../models/shared/codec.md";
        let u = Union {
            members: vec![unlinked("shared.Deflate"), unlinked("shared.Snappy")],
            link: Some(url.into()),
        };
        assert_eq!(
            p("[Union[shared.Deflate, shared.Snappy]](../../models/shared/codec.md)"),
            u
        );
        assert_eq!(
            p("[Optional[Union[shared.Deflate, shared.Snappy]]](../../models/shared/codec.md)"),
            Optional(b(u))
        );
        assert_eq!(
            p("[Union[shared.Deflate]](../x.md)"),
            Union {
                members: vec![unlinked("shared.Deflate")],
                link: Some("../x.md".into())
            }
        );
    }

    #[test]
    fn file_content_and_bytes() {
        assert_eq!(p("*Union[bytes, IO[bytes], io.IOBase]*"), Bytes);
        assert_eq!(p("*Union[bytes, IO[bytes], io.BufferedReader]*"), Bytes);
        assert_eq!(p("*bytes*"), Bytes);
        assert_eq!(p("*Optional[bytes]*"), Optional(b(Bytes)));
        assert_eq!(
            p("*Union[str, int]*"),
            Union {
                members: vec![Str, Int(None)],
                link: None
            }
        );
    }

    #[test]
    fn literals() {
        assert_eq!(p(r#"*Literal["AlreadyActive"]*"#), s("AlreadyActive"));
        assert_eq!(
            p(r#"*Optional[Literal["count"]]*"#),
            Optional(b(s("count")))
        );
        assert_eq!(p("*Literal[True]*"), Const(Const::Bool(true)));
        assert_eq!(
            p("*OptionalNullable[Literal[False]]*"),
            OptionalNullable(b(Const(Const::Bool(false))))
        );
        assert_eq!(
            p("*OptionalNullable[Literal[None]]*"),
            OptionalNullable(b(Const(Const::Null)))
        );
        assert_eq!(
            p("*Nullable[Literal[-2.5]]*"),
            Nullable(b(Const(Const::Num("-2.5".into()))))
        );
        assert_eq!(p(r#"*Literal['it\'s']*"#), s("it's"));
        // Brackets and stars inside the string are its text.
        assert_eq!(p(r#"*Literal["a]*["]*"#), s("a]*["));
        assert_eq!(
            p(r#"*Literal["a", "b"]*"#),
            Union {
                members: vec![s("a"), s("b")],
                link: None
            }
        );
        let e = parse_type("*Literal[maybe]*", Flavor::Python).unwrap_err();
        assert_eq!(e.offset, 9);
        let e = parse_type(r#"*Literal["open]*"#, Flavor::Python).unwrap_err();
        assert_eq!(e.offset, 9, "{e:?}");
    }

    #[test]
    fn headings() {
        let h = |s| parse_plain(s, Flavor::Python).unwrap();
        assert_eq!(h("str"), Str);
        assert_eq!(h("int"), Int(None));
        assert_eq!(h("float"), Float(None));
        assert_eq!(h("bool"), Bool);
        // Type names, not the swapped labels: as the member snippet
        // `value: datetime = ...` says, `datetime` is a timestamp.
        assert_eq!(h("datetime"), Timestamp);
        assert_eq!(h("date"), Date);
        assert_eq!(h("List[str]"), List(b(Str)));
        assert_eq!(h("Dict[str, Any]"), Map(b(Any)));
        assert_eq!(
            h("List[Nullable[models.Tag]]"),
            List(b(Nullable(b(unlinked("models.Tag")))))
        );
        assert_eq!(h("models.Tag"), unlinked("models.Tag"));
        // Bare headings name the member model (2023 SDKs).
        assert_eq!(h("NoCompression"), unlinked("NoCompression"));
        assert!(parse_plain("strin", Flavor::Python).is_err());
    }
}
