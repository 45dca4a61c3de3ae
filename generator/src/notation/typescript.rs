//! TypeScript notation (FORMAT-SURVEY.md). Type cells emphasise names and link models
//! like the other flavors, with TypeScript's own syntax around them:
//!
//! ```text
//! union   = postfix ("|" postfix)*            (`\|` as the cell escapes it)
//! postfix = primary ("[]")*
//! primary = "*" plain "*" | "[" LINKNAME "](" URL ")"
//!         | "Record<string," union ">"        (`Record\<` in MDX)
//!         | "{ [" k ": string]:" union [";"] "}" | "Array<" union ">" | "(" union ")"
//! plain   = the same with bare names: string | number | boolean | any | unknown | Date
//!         | null | true | false | "..." | NUMBER | STREAM "<" ... ">" | MODEL
//! ```
//!
//! TypeScript docs do not tell integers from floats: `number` is `Float(None)`.
//! `Date` (an MDN link in cells) is a timestamp. Links to web documentation name the
//! SDK's own values: `Response`/`AxiosResponse` (raw responses), `File`/`Blob` (file
//! content); stream wrappers (`ReadableStream<Uint8Array>`, `JsonLStream<models.X>`,
//! any generic named `...Stream`, `AsyncIterable<...>`) are SDK-only.
//!
//! `## Values` code blocks (`"a" | "b" | Unrecognized<string>`) are read by [`values`].

use super::{
    is_model_name, is_web_url, model, short, Const, Cursor, NotationError, Result, TypeExpr,
};

/// A Type cell.
pub(super) fn cell(c: &mut Cursor) -> Result<TypeExpr> {
    union(c, Mode::Cell)
}

/// Plain type syntax (union member headings and snippets: `string[]`,
/// `{ [k: string]: models.X }`).
pub(super) fn plain(c: &mut Cursor) -> Result<TypeExpr> {
    union(c, Mode::Plain)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Names are emphasised (`*string*`) or linked.
    Cell,
    /// Names are bare (`string`).
    Plain,
}

fn union(c: &mut Cursor, mode: Mode) -> Result<TypeExpr> {
    c.enter()?;
    let first = postfix(c, mode)?;
    let mut members = vec![first];
    loop {
        let before = c.i;
        c.skip_ws();
        if c.eat("|") || c.eat("\\|") {
            c.skip_ws();
            members.push(postfix(c, mode)?);
        } else {
            c.i = before;
            break;
        }
    }
    c.leave();
    Ok(if members.len() == 1 {
        members.remove(0)
    } else {
        TypeExpr::Union {
            members,
            link: None,
        }
    })
}

fn postfix(c: &mut Cursor, mode: Mode) -> Result<TypeExpr> {
    let mut t = primary(c, mode)?;
    while c.eat("[]") {
        t = TypeExpr::List(Box::new(t));
    }
    Ok(t)
}

/// `<` and `>` as MDX escapes them (`Record\<string, T>`) or not.
fn open_angle(c: &mut Cursor) -> bool {
    c.eat("<") || c.eat("\\<")
}

fn close_angle(c: &mut Cursor, what: &str) -> Result<()> {
    c.skip_ws();
    if c.eat(">") || c.eat("\\>") {
        Ok(())
    } else {
        Err(c.err(format!("expected `>` to close `{what}<`")))
    }
}

/// `Record<` or `Array<` (or MDX's `Record\<`): the generic is eaten when it is there.
fn eat_generic(c: &mut Cursor, name: &str) -> bool {
    let start = c.i;
    if c.eat(name) && open_angle(c) {
        return true;
    }
    c.i = start;
    false
}

fn primary(c: &mut Cursor, mode: Mode) -> Result<TypeExpr> {
    c.enter()?;
    let t = if eat_generic(c, "Record") {
        c.skip_ws();
        if !c.eat("string") {
            return Err(c.err("expected `string` as the key type of a `Record`".to_string()));
        }
        c.skip_ws();
        c.expect(",", "after the key type of a `Record`")?;
        c.skip_ws();
        let value = union(c, mode)?;
        close_angle(c, "Record")?;
        TypeExpr::Map(Box::new(value))
    } else if eat_generic(c, "Array") {
        c.skip_ws();
        let item = union(c, mode)?;
        close_angle(c, "Array")?;
        TypeExpr::List(Box::new(item))
    } else if c.at("{") {
        index_signature(c, mode)?
    } else if c.eat("(") {
        c.skip_ws();
        let t = union(c, mode)?;
        c.skip_ws();
        c.expect(")", "to close the parenthesis")?;
        t
    } else if mode == Mode::Cell && c.eat("*") {
        let t = union(c, Mode::Plain)?;
        c.expect("*", "to close the emphasis around the type")?;
        t
    } else if c.eat("[") {
        link(c)?
    } else if mode == Mode::Plain {
        bare(c)?
    } else {
        return Err(c.err(
            "expected a TypeScript type: `*string*`, `*number*`, `*string*[]`, `Record<string, ...>` or a model link `[models.X](...)`"
                .to_string(),
        ));
    };
    c.leave();
    Ok(t)
}

/// `{ [k: string]: T }`, across lines and with an optional `;`.
fn index_signature(c: &mut Cursor, mode: Mode) -> Result<TypeExpr> {
    c.expect("{", "to open an index signature")?;
    c.skip_ws();
    c.expect(
        "[",
        "to open the key of an index signature `{ [k: string]: T }`",
    )?;
    c.skip_ws();
    if c.ident().is_empty() {
        return Err(c.err("expected a key name in the index signature".to_string()));
    }
    c.skip_ws();
    c.expect(":", "after the key name")?;
    c.skip_ws();
    c.expect("string", "as the key type of an index signature")?;
    c.skip_ws();
    c.expect("]", "to close the key of the index signature")?;
    c.skip_ws();
    c.expect(":", "after the key of the index signature")?;
    c.skip_ws();
    let value = union(c, mode)?;
    c.skip_ws();
    if !c.eat(";") {
        c.eat(",");
    }
    c.skip_ws();
    c.expect("}", "to close the index signature")?;
    Ok(TypeExpr::Map(Box::new(value)))
}

/// A link, after its `[`.
fn link(c: &mut Cursor) -> Result<TypeExpr> {
    let start = c.i;
    let name = c.ident();
    let url = c.url()?;
    // The SDK's own types link to web documentation; a model of the same name links
    // to its doc.
    if is_web_url(&url) {
        if let Some(t) = web_name(name) {
            return Ok(t);
        }
    }
    // A model's doc is never on the web: such a link names something else.
    if is_model_name(name) && !is_web_url(&url) {
        return Ok(model(name, Some(url)));
    }
    c.i = start;
    Err(c.err(format!(
        "unknown link text `{}`: expected `models.X` or `Date`",
        short(name)
    )))
}

/// Names that, linked to web documentation, are the SDK's own types.
fn web_name(name: &str) -> Option<TypeExpr> {
    Some(match name {
        "Date" => TypeExpr::Timestamp,
        "RFCDate" => TypeExpr::Date,
        "Response" | "AxiosResponse" => TypeExpr::HttpResponse,
        "File" | "Blob" => TypeExpr::Bytes,
        _ => return None,
    })
}

/// A bare name, constant or generic.
fn bare(c: &mut Cursor) -> Result<TypeExpr> {
    if let Some(s) = c.string_lit() {
        return Ok(TypeExpr::Const(Const::Str(s?)));
    }
    if let Some(n) = c.number() {
        return Ok(TypeExpr::Const(Const::Num(n.to_string())));
    }
    let start = c.i;
    let name = c.ident();
    if open_angle(c) {
        if !is_stream(name) {
            c.i = start;
            return Err(c.err(format!(
                "unknown TypeScript generic type `{}<`",
                short(name)
            )));
        }
        c.skip_ws();
        union(c, Mode::Plain)?;
        loop {
            c.skip_ws();
            if !c.eat(",") {
                break;
            }
            c.skip_ws();
            union(c, Mode::Plain)?;
        }
        close_angle(c, name)?;
        return Ok(TypeExpr::ByteStream);
    }
    Ok(match name {
        "string" => TypeExpr::Str,
        "number" => TypeExpr::Float(None),
        "boolean" => TypeExpr::Bool,
        "any" | "unknown" => TypeExpr::Any,
        "true" => TypeExpr::Const(Const::Bool(true)),
        "false" => TypeExpr::Const(Const::Bool(false)),
        "null" => TypeExpr::Const(Const::Null),
        "Date" => TypeExpr::Timestamp,
        "RFCDate" => TypeExpr::Date,
        "Uint8Array" | "ArrayBuffer" | "Blob" | "File" => TypeExpr::Bytes,
        q if is_model_name(q) => model(q, None),
        _ => {
            c.i = start;
            return Err(c.err(format!(
                "unknown TypeScript type name `{}`: expected string, number, boolean, any, a quoted constant or a model",
                short(name)
            )));
        }
    })
}

/// The SDK's stream wrappers: `ReadableStream<Uint8Array>`, `JsonLStream<models.X>`,
/// `EventStream<...>`, `AsyncIterable<...>`.
fn is_stream(name: &str) -> bool {
    name.ends_with("Stream") || matches!(name, "AsyncIterable" | "AsyncIterator" | "AsyncGenerator")
}

/// One value of a `## Values` union, and its byte offset in the code block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TsValue {
    pub value: Const,
    pub offset: usize,
}

/// What a TypeScript `## Values` code block lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TsValues {
    /// The values in doc order.
    pub values: Vec<TsValue>,
    /// The union ends in `Unrecognized<string>` (or `<number>`): the SDK keeps values it
    /// does not know (an open enum).
    pub open: bool,
}

/// Reads a `## Values` code block written as a TypeScript union:
/// `"a" | "b" | Unrecognized<string>`, numbers (`301 | 302`), `true`/`false`/`null`.
/// Offsets are into `code` as given.
pub fn values(code: &str) -> std::result::Result<TsValues, NotationError> {
    let mut c = Cursor::new(code);
    let mut out = TsValues {
        values: Vec::new(),
        open: false,
    };
    c.skip_ws();
    // A union broken over lines may start with `|`.
    if c.eat("|") {
        c.skip_ws();
    }
    loop {
        let offset = c.i;
        let value = if let Some(s) = c.string_lit() {
            Const::Str(s?)
        } else if let Some(n) = c.number() {
            Const::Num(n.to_string())
        } else {
            match c.ident() {
                "true" => Const::Bool(true),
                "false" => Const::Bool(false),
                "null" => Const::Null,
                "Unrecognized" if c.eat("<") => {
                    c.skip_ws();
                    if !(c.eat("string") || c.eat("number")) {
                        return Err(c.err(
                            "expected `string` or `number` in `Unrecognized<...>`".to_string(),
                        ));
                    }
                    c.skip_ws();
                    c.expect(">", "to close `Unrecognized<`")?;
                    out.open = true;
                    next_value(&mut c)?;
                    if c.i >= code.len() {
                        return Ok(out);
                    }
                    continue;
                }
                other => {
                    c.i = offset;
                    return Err(c.err(format!(
                        "expected a quoted string, a number or `Unrecognized<string>` in the values union, found `{}`",
                        short(if other.is_empty() { c.rest() } else { other })
                    )));
                }
            }
        };
        out.values.push(TsValue { value, offset });
        next_value(&mut c)?;
        if c.i >= code.len() {
            return Ok(out);
        }
    }
}

/// After a value of [`values`]: past the `|` before the next one, or to the end
/// (allowing a final `;`).
fn next_value(c: &mut Cursor) -> Result<()> {
    c.skip_ws();
    if c.eat("|") {
        c.skip_ws();
        if c.i >= c.s.len() {
            return Err(c.err("expected a value after `|`".to_string()));
        }
        return Ok(());
    }
    c.eat(";");
    c.skip_ws();
    if c.i < c.s.len() {
        return Err(c.err("expected `|` between the values".to_string()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{parse_plain, parse_type, Const, Flavor};
    use super::TypeExpr::{self, *};
    use super::{values, TsValue, TsValues};

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
    fn t(s: &str) -> TypeExpr {
        parse_type(s, Flavor::TypeScript).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }
    fn h(s: &str) -> TypeExpr {
        parse_plain(s, Flavor::TypeScript).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }
    const MDN_DATE: &str =
        "https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Date";

    #[test]
    fn scalars() {
        assert_eq!(t("*string*"), Str);
        // TypeScript docs do not tell integers from floats.
        assert_eq!(t("*number*"), Float(None));
        assert_eq!(t("*boolean*"), Bool);
        assert_eq!(t("*any*"), Any);
        assert_eq!(t(&format!("[Date]({MDN_DATE})")), Timestamp);
        assert!(parse_type("*strin*", Flavor::TypeScript).is_err());
        assert!(parse_type("string", Flavor::TypeScript).is_err());
    }

    #[test]
    fn arrays() {
        assert_eq!(t("*string*[]"), List(b(Str)));
        assert_eq!(t("*string*[][]"), List(b(List(b(Str)))));
        assert_eq!(t("*any*[]"), List(b(Any)));
        assert_eq!(
            t("[models.Block](../models/block.md)[]"),
            List(b(model("models.Block", "../models/block.md")))
        );
        assert_eq!(t("*models.Rule*[]"), List(b(unlinked("models.Rule"))));
        assert_eq!(
            t("[Datasets](../../models/operations/datasets.md)[]"),
            List(b(model("Datasets", "../../models/operations/datasets.md")))
        );
    }

    #[test]
    fn records() {
        assert_eq!(t("Record<string, *string*>"), Map(b(Str)));
        assert_eq!(t("Record\\<string, *any*>"), Map(b(Any)));
        assert_eq!(t("Record<string, *string*[]>"), Map(b(List(b(Str)))));
        assert_eq!(t("Record<string, *any*>[]"), List(b(Map(b(Any)))));
        assert_eq!(
            t("Record<string, Record<string, [models.X](../models/x.md)[]>>"),
            Map(b(Map(b(List(b(model("models.X", "../models/x.md")))))))
        );
        assert_eq!(
            t(&format!("Record<string, [Date]({MDN_DATE})>")),
            Map(b(Timestamp))
        );
        assert_eq!(
            t("Record<string, *models.X*>"),
            Map(b(unlinked("models.X")))
        );
        assert!(parse_type("Record<number, *any*>", Flavor::TypeScript).is_err());
        assert!(parse_type("Record<string, *any*", Flavor::TypeScript).is_err());
    }

    #[test]
    fn index_signatures() {
        assert_eq!(
            t("{ [k: string]: *models.X* }"),
            Map(b(unlinked("models.X")))
        );
        assert_eq!(h("{ [k: string]: models.X }"), Map(b(unlinked("models.X"))));
        assert_eq!(
            h("{ [k: string]: models.X[] }"),
            Map(b(List(b(unlinked("models.X")))))
        );
        assert_eq!(h("{ [k: string]: any }"), Map(b(Any)));
        assert_eq!(
            h("{\n  [k: string]:\n    models.X;\n}"),
            Map(b(unlinked("models.X")))
        );
        assert!(parse_plain("{ [k: number]: any }", Flavor::TypeScript).is_err());
    }

    #[test]
    fn constants() {
        assert_eq!(t(r#"*"host"*"#), Const(Const::Str("host".into())));
        assert_eq!(t(r#"*"a*b|c"*"#), Const(Const::Str("a*b|c".into())));
        assert_eq!(t("*true*"), Const(Const::Bool(true)));
        assert_eq!(t("*false*"), Const(Const::Bool(false)));
        assert_eq!(t("*42*"), Const(Const::Num("42".into())));
        assert_eq!(t("*null*"), Const(Const::Null));
    }

    #[test]
    fn sdk_only_values() {
        assert_eq!(t("*ReadableStream<Uint8Array>*"), ByteStream);
        assert_eq!(h("JsonLStream<models.Event>"), ByteStream);
        assert_eq!(h("AsyncIterable<models.Event>"), ByteStream);
        assert_eq!(
            t("[AxiosResponse](https://axios-http.com/docs/res_schema)"),
            HttpResponse
        );
        assert_eq!(
            t("[Response](https://developer.mozilla.org/en-US/docs/Web/API/Response)"),
            HttpResponse
        );
        // A model of the same name links to its own doc.
        assert_eq!(
            t("[Response](../models/response.md)"),
            model("Response", "../models/response.md")
        );
        assert!(parse_plain("Promise<string>", Flavor::TypeScript).is_err());
        assert!(parse_type("[Parameter](https://example.com/docs)", Flavor::TypeScript).is_err());
    }

    #[test]
    fn unions_in_one_cell() {
        let file = "[File](https://developer.mozilla.org/en-US/docs/Web/API/File)";
        let blob = "[Blob](https://developer.mozilla.org/en-US/docs/Web/API/Blob)";
        let part = "[operations.Part](../../models/operations/part.mdx)";
        let want = Union {
            members: vec![
                Bytes,
                Bytes,
                model("operations.Part", "../../models/operations/part.mdx"),
            ],
            link: None,
        };
        // As parse.rs hands the cell over (pipes unescaped), and as written.
        assert_eq!(t(&format!("{file} | {blob} | {part}")), want);
        assert_eq!(t(&format!("{file} \\| {blob} \\| {part}")), want);
        assert_eq!(
            h(r#""a" | "b" | null"#),
            Union {
                members: vec![
                    Const(Const::Str("a".into())),
                    Const(Const::Str("b".into())),
                    Const(Const::Null)
                ],
                link: None
            }
        );
        assert_eq!(
            h("(string | number)[]"),
            List(b(Union {
                members: vec![Str, Float(None)],
                link: None
            }))
        );
    }

    #[test]
    fn headings() {
        assert_eq!(h("string"), Str);
        assert_eq!(h("number"), Float(None));
        assert_eq!(h("boolean"), Bool);
        assert_eq!(h("any"), Any);
        assert_eq!(h("string[]"), List(b(Str)));
        assert_eq!(h("number[]"), List(b(Float(None))));
        assert_eq!(h("models.Rule"), unlinked("models.Rule"));
        assert_eq!(h("shared.ApiError[]"), List(b(unlinked("shared.ApiError"))));
        assert_eq!(h("Array<string>"), List(b(Str)));
        assert_eq!(h("Date"), Timestamp);
        assert!(parse_plain("strin", Flavor::TypeScript).is_err());
    }

    fn val(value: Const, offset: usize) -> TsValue {
        TsValue { value, offset }
    }

    #[test]
    fn values_unions() {
        let s = |v: &str| Const::Str(v.into());
        assert_eq!(
            values("\"dns-01\" | \"http-01\"\n").unwrap(),
            TsValues {
                values: vec![val(s("dns-01"), 0), val(s("http-01"), 11)],
                open: false
            }
        );
        assert_eq!(
            values("301 | 302 | -1").unwrap().values,
            vec![
                val(Const::Num("301".into()), 0),
                val(Const::Num("302".into()), 6),
                val(Const::Num("-1".into()), 12)
            ]
        );
        let open = values("\"a\" | \"b|c\" | Unrecognized<string>").unwrap();
        assert!(open.open);
        assert_eq!(open.values, vec![val(s("a"), 0), val(s("b|c"), 6)]);
        let lines = values("\n| \"a\"\n| \"b\";\n").unwrap();
        assert_eq!(lines.values, vec![val(s("a"), 3), val(s("b"), 9)]);
        assert!(!lines.open);
        assert!(values("Unrecognized<number> | 1").unwrap().open);
    }

    #[test]
    fn values_errors() {
        let e = values("\"a\" | b").unwrap_err();
        assert_eq!(e.offset, 6);
        assert_eq!(values("\"a\" \"b\"").unwrap_err().offset, 4);
        assert!(values("\"a\" |").is_err());
        assert!(values("").is_err());
        assert!(values("\"open").is_err());
        assert!(values("Unrecognized<boolean>").is_err());
    }
}
