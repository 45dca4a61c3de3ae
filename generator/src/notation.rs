//! Stage 3: a Type cell's text -> [`TypeExpr`]. One grammar per SDK flavor; knows
//! notation, not markdown (a cell arrives as raw source text, since the emphasis and
//! pointer stars carry meaning).
//!
//! Grammar (FORMAT.md §3, generalised so wrappers may nest):
//! ```text
//! go   = "[]" go | "map[string]" go | "*" ["*"] GONAME "*" | "[" ["*"] ["[]"] QUAL "](" URL ")"
//! py   = "List[" py "]" | "Dict[str, " py "]" | "*" inner "*" | "[" link-text "](" URL ")"
//! inner = WRAP "[" inner "]" | "List[" inner "]" | "Dict[str, " inner "]" | PYNAME
//! ```

/// The SDK language a doc was written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Flavor {
    /// Python SDK docs (`*str*`, `Optional[T]`, `List[T]`, snake_case fields).
    Python,
    /// Go SDK docs (`*string*`, `*T` pointers, `[]T`, PascalCase fields).
    Go,
}

/// A type as the doc states it, before any Rust decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeExpr {
    Str,
    /// Integer; `Some(bits)` when the doc gives a width.
    Int(Option<u8>),
    /// Floating point; `Some(32)` for float32.
    Float(Option<u8>),
    Bool,
    Any,
    /// An instant (RFC 3339 on the wire).
    Timestamp,
    /// A calendar date (`YYYY-MM-DD` on the wire).
    Date,
    /// The SDK's raw HTTP response: not part of any JSON payload.
    HttpResponse,
    /// A byte stream body: not part of any JSON payload.
    ByteStream,
    List(Box<TypeExpr>),
    Map(Box<TypeExpr>),
    /// A model: `qual` as the doc spells it (`components.Tag`), `link` the relative
    /// URL of its doc when the notation links it.
    Model {
        qual: String,
        link: Option<String>,
    },
    /// `Optional[T]` / Go pointer: may be absent.
    Optional(Box<TypeExpr>),
    /// `Nullable[T]`: present, may be null.
    Nullable(Box<TypeExpr>),
    /// `OptionalNullable[T]`: absent, null or a value.
    OptionalNullable(Box<TypeExpr>),
}

impl TypeExpr {
    /// The type without top-level presence wrappers.
    pub fn unwrapped(&self) -> &TypeExpr {
        match self {
            TypeExpr::Optional(t) | TypeExpr::Nullable(t) | TypeExpr::OptionalNullable(t) => {
                t.unwrapped()
            }
            t => t,
        }
    }

    /// True for SDK-only values that never travel in JSON.
    pub fn is_sdk_only(&self) -> bool {
        matches!(
            self.unwrapped(),
            TypeExpr::HttpResponse | TypeExpr::ByteStream
        )
    }
}

/// Why a cell was not understood, and where (a byte offset into the cell).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotationError {
    pub unbalanced: bool,
    pub offset: usize,
    pub message: String,
}

type Result<T> = std::result::Result<T, NotationError>;

/// Doc text quoted in a message, shortened: a 1 MB cell must not make a 1 MB message.
fn short(text: &str) -> String {
    crate::error::shorten(text, 60)
}

/// Deeper nesting than this is refused rather than risking the stack.
pub const MAX_DEPTH: usize = 64;

struct Cursor<'a> {
    s: &'a str,
    i: usize,
    depth: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.i..]
    }

    fn eat(&mut self, tok: &str) -> bool {
        if self.rest().starts_with(tok) {
            self.i += tok.len();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, tok: &str, what: &str) -> Result<()> {
        if self.eat(tok) {
            Ok(())
        } else {
            Err(self.err(format!("expected `{tok}` {what}")))
        }
    }

    fn skip_ws(&mut self) {
        let n = self.rest().len() - self.rest().trim_start().len();
        self.i += n;
    }

    /// A dotted identifier: `str`, `components.Tag`, `io.ReadCloser`.
    fn ident(&mut self) -> &'a str {
        let rest = self.rest();
        let n = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(rest.len());
        self.i += n;
        &rest[..n]
    }

    fn err(&self, message: String) -> NotationError {
        NotationError {
            unbalanced: false,
            offset: self.i,
            message,
        }
    }

    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err(format!("type nested more than {MAX_DEPTH} levels deep")));
        }
        Ok(())
    }

    fn finish(&mut self, t: TypeExpr) -> Result<TypeExpr> {
        self.skip_ws();
        if self.i < self.s.len() {
            return Err(self.err("unexpected text after the type".to_string()));
        }
        Ok(t)
    }

    /// `(URL)` after a link text; returns the URL.
    fn url(&mut self) -> Result<String> {
        self.expect("](", "to close the link text and open its URL")?;
        let rest = self.rest();
        match rest.find(')') {
            Some(n) => {
                self.i += n + 1;
                Ok(rest[..n].trim().to_string())
            }
            None => Err(self.err("expected `)` to close the link URL".to_string())),
        }
    }
}

/// Parses a Type cell written in `flavor`'s notation.
pub fn parse_type(cell: &str, flavor: Flavor) -> Result<TypeExpr> {
    check_balance(cell)?;
    parse_balanced(cell, flavor)
}

/// [`parse_type`] for a cell whose brackets balance.
fn parse_balanced(cell: &str, flavor: Flavor) -> Result<TypeExpr> {
    let mut c = Cursor {
        s: cell.trim(),
        i: 0,
        depth: 0,
    };
    let t = match flavor {
        Flavor::Python => py(&mut c)?,
        Flavor::Go => go(&mut c)?,
    };
    c.finish(t)
}

/// Reports the first bracket without a partner, with its offset.
fn check_balance(cell: &str) -> Result<()> {
    check_balance_with(cell, &mut Vec::new())
}

/// [`check_balance`] with the stack of open brackets passed in, so that checking
/// many cells allocates it once.
fn check_balance_with(cell: &str, stack: &mut Vec<(char, usize)>) -> Result<()> {
    stack.clear();
    // The offset reported is into the trimmed cell, like the parsers' offsets.
    let trimmed = cell.trim();
    for (i, ch) in trimmed.char_indices() {
        match ch {
            '[' | '(' => stack.push((ch, i)),
            ']' | ')' => {
                let want = if ch == ']' { '[' } else { '(' };
                match stack.pop() {
                    Some((open, _)) if open == want => {}
                    _ => {
                        return Err(NotationError {
                            unbalanced: true,
                            offset: i,
                            message: format!("unbalanced brackets: `{ch}` closes nothing"),
                        })
                    }
                }
            }
            _ => {}
        }
    }
    match stack.pop() {
        Some((open, i)) => Err(NotationError {
            unbalanced: true,
            offset: i,
            message: format!("unbalanced brackets: `{open}` is never closed"),
        }),
        None => Ok(()),
    }
}

fn py(c: &mut Cursor) -> Result<TypeExpr> {
    c.enter()?;
    let t = if c.eat("List[") {
        let inner = py(c)?;
        c.expect("]", "to close `List[`")?;
        TypeExpr::List(Box::new(inner))
    } else if c.eat("Dict[str,") {
        c.skip_ws();
        let inner = py(c)?;
        c.expect("]", "to close `Dict[str, `")?;
        TypeExpr::Map(Box::new(inner))
    } else if c.eat("*") {
        let inner = py_inner(c)?;
        c.expect("*", "to close the emphasis around the type name")?;
        inner
    } else if c.eat("[") {
        py_link(c)?
    } else {
        return Err(c.err(
            "expected a Python type: `*str*`, `*Optional[int]*`, `List[...]`, `Dict[str, ...]` or a model link `[components.X](...)`"
                .to_string(),
        ));
    };
    c.depth -= 1;
    Ok(t)
}

fn py_inner(c: &mut Cursor) -> Result<TypeExpr> {
    c.enter()?;
    let start = c.i;
    let name = c.ident();
    let t = if c.eat("[") {
        let wrap: fn(Box<TypeExpr>) -> TypeExpr = match name {
            "Optional" => TypeExpr::Optional,
            "Nullable" => TypeExpr::Nullable,
            "OptionalNullable" => TypeExpr::OptionalNullable,
            "List" => TypeExpr::List,
            "Dict" => {
                if !c.eat("str,") {
                    return Err(c.err("expected `str, ` after `Dict[`".to_string()));
                }
                c.skip_ws();
                TypeExpr::Map
            }
            _ => {
                c.i = start;
                return Err(c.err(format!(
                    "unknown Python wrapper `{}[`: expected Optional, Nullable, OptionalNullable, List or Dict",
                    short(name)
                )));
            }
        };
        let inner = py_inner(c)?;
        // The message is built only on failure: this runs for every wrapper.
        if !c.eat("]") {
            return Err(c.err(format!("expected `]` to close `{}[`", short(name))));
        }
        wrap(Box::new(inner))
    } else {
        match py_name(name) {
            Some(t) => t,
            None => {
                c.i = start;
                return Err(c.err(format!(
                    "unknown Python type name `{}`: expected str, int, float, bool, Any or a model",
                    short(name)
                )));
            }
        }
    };
    c.depth -= 1;
    Ok(t)
}

fn py_name(name: &str) -> Option<TypeExpr> {
    Some(match name {
        "str" => TypeExpr::Str,
        "int" => TypeExpr::Int(None),
        "float" => TypeExpr::Float(None),
        "bool" => TypeExpr::Bool,
        "Any" => TypeExpr::Any,
        // Inside emphasis this is a streamed body (`*Optional[httpx.Response]*`).
        "httpx.Response" | "requests.Response" => TypeExpr::ByteStream,
        q if is_qual(q) => TypeExpr::Model {
            qual: q.to_string(),
            link: None,
        },
        _ => return None,
    })
}

/// `components.Tag`: two or more dotted identifiers.
fn is_qual(s: &str) -> bool {
    let mut parts = s.split('.');
    parts.clone().count() >= 2
        && parts.all(|p| {
            !p.is_empty()
                && p.chars().all(|c| c.is_alphanumeric() || c == '_')
                && !p.starts_with(|c: char| c.is_ascii_digit())
        })
}

fn py_link(c: &mut Cursor) -> Result<TypeExpr> {
    let start = c.i;
    let name = c.ident();
    let wrap: Option<fn(Box<TypeExpr>) -> TypeExpr> = if c.eat("[") {
        match name {
            "Optional" => Some(TypeExpr::Optional),
            "Nullable" => Some(TypeExpr::Nullable),
            "OptionalNullable" => Some(TypeExpr::OptionalNullable),
            _ => {
                c.i = start;
                return Err(c.err(format!("unknown wrapper `{}[` in a link text", short(name))));
            }
        }
    } else {
        None
    };
    let leaf_at = c.i;
    let leaf = if wrap.is_some() { c.ident() } else { name };
    if wrap.is_some() {
        c.expect("]", "to close the wrapper in the link text")?;
    }
    let url = c.url()?;
    let t = match leaf {
        // Python labels are swapped versus what the value is (FORMAT.md §3):
        // `date` links a timestamp, `datetime` a calendar date.
        "date" => TypeExpr::Timestamp,
        "datetime" => TypeExpr::Date,
        "httpx.Response" | "requests.Response" => TypeExpr::HttpResponse,
        q if is_qual(q) => TypeExpr::Model {
            qual: q.to_string(),
            link: Some(url),
        },
        _ => {
            c.i = leaf_at;
            return Err(c.err(format!(
                "unknown link text `{}`: expected `components.X`, `Optional[components.X]`, `date` or `datetime`",
                short(leaf)
            )));
        }
    };
    Ok(match wrap {
        Some(w) => w(Box::new(t)),
        None => t,
    })
}

fn go(c: &mut Cursor) -> Result<TypeExpr> {
    c.enter()?;
    let t = if c.eat("[]") {
        TypeExpr::List(Box::new(go(c)?))
    } else if c.eat("map[string]") {
        TypeExpr::Map(Box::new(go(c)?))
    } else if c.eat("*") {
        let ptr = c.eat("*");
        let start = c.i;
        let name = c.ident();
        let t = match go_name(name) {
            Some(t) => t,
            None => {
                c.i = start;
                return Err(c.err(format!(
                    "unknown Go type name `{}`: expected string, int, int64, float32, float64, bool or any",
                    short(name)
                )));
            }
        };
        c.expect("*", "to close the emphasis around the type name")?;
        pointer(ptr, t)
    } else if c.eat("[") {
        let ptr = c.eat("*");
        let start = c.i;
        let qual = c.ident();
        let url = c.url()?;
        let t = match qual {
            "time.Time" => TypeExpr::Timestamp,
            "types.Date" => TypeExpr::Date,
            "http.Response" => TypeExpr::HttpResponse,
            q if is_qual(q) => TypeExpr::Model {
                qual: q.to_string(),
                link: Some(url),
            },
            _ => {
                c.i = start;
                return Err(c.err(format!(
                    "unknown link text `{}`: expected `components.X`, `*components.X`, `*time.Time` or `*types.Date`",
                    short(qual)
                )));
            }
        };
        pointer(ptr, t)
    } else {
        return Err(c.err(
            "expected a Go type: `*string*`, `**int64*`, `[]...`, `map[string]...` or a model link `[*components.X](...)`"
                .to_string(),
        ));
    };
    c.depth -= 1;
    Ok(t)
}

fn pointer(ptr: bool, t: TypeExpr) -> TypeExpr {
    if ptr {
        TypeExpr::Optional(Box::new(t))
    } else {
        t
    }
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
        "any" | "interface{}" => TypeExpr::Any,
        "time.Time" => TypeExpr::Timestamp,
        "types.Date" => TypeExpr::Date,
        "io.ReadCloser" => TypeExpr::ByteStream,
        _ => return None,
    })
}

/// Parses plain (un-emphasised) type syntax, as union member headings and code
/// blocks spell it: Python `str`, `List[int]`; Go `string`, `[]int64`, `components.X`.
pub fn parse_plain(text: &str, flavor: Flavor) -> Result<TypeExpr> {
    check_balance(text)?;
    let mut c = Cursor {
        s: text.trim(),
        i: 0,
        depth: 0,
    };
    let t = match flavor {
        Flavor::Python => py_inner(&mut c)?,
        Flavor::Go => go_plain(&mut c)?,
    };
    c.finish(t)
}

fn go_plain(c: &mut Cursor) -> Result<TypeExpr> {
    c.enter()?;
    let t = if c.eat("[]") {
        TypeExpr::List(Box::new(go_plain(c)?))
    } else if c.eat("map[string]") {
        TypeExpr::Map(Box::new(go_plain(c)?))
    } else if c.eat("*") {
        TypeExpr::Optional(Box::new(go_plain(c)?))
    } else {
        let start = c.i;
        let name = c.ident();
        match go_name(name) {
            Some(t) => t,
            None if is_qual(name) => TypeExpr::Model {
                qual: name.to_string(),
                link: None,
            },
            None => {
                c.i = start;
                return Err(c.err(format!("unknown Go type `{}`", short(name))));
            }
        }
    };
    c.depth -= 1;
    Ok(t)
}

/// Decides a doc's flavor from its Type cells, falling back to its field names.
/// A flavor that parses every cell wins; when both do (cells such as `*int*` read the
/// same in both), Go field names are PascalCase and Python ones are not.
pub fn detect(type_cells: &[&str], field_names: &[&str]) -> Flavor {
    let all = |f: Flavor| type_cells.iter().all(|c| parse_type(c, f).is_ok());
    choose(all(Flavor::Python), all(Flavor::Go), field_names)
}

/// [`detect`]'s rule, given whether each flavor parses every cell.
fn choose(python_parses: bool, go_parses: bool, field_names: &[&str]) -> Flavor {
    match (python_parses, go_parses) {
        (true, false) => Flavor::Python,
        (false, true) => Flavor::Go,
        _ => detect_by_names(field_names),
    }
}

/// Parses a doc's Type cells in the flavor [`detect`] picks for them, returning that
/// flavor and each cell's result. Each cell is parsed once per flavor tried; the
/// flavor that parsed every cell keeps its results instead of parsing them again.
pub fn parse_cells(type_cells: &[&str], field_names: &[&str]) -> (Flavor, Vec<Result<TypeExpr>>) {
    let mut stack = Vec::new();
    parse_cells_with(type_cells, field_names, |cell, flavor| {
        check_balance_with(cell, &mut stack)?;
        parse_balanced(cell, flavor)
    })
}

/// [`parse_cells`], with what parses one cell (as [`parse_type`] does) passed in: a
/// memo, for instance.
pub(crate) fn parse_cells_with(
    type_cells: &[&str],
    field_names: &[&str],
    mut parse: impl FnMut(&str, Flavor) -> Result<TypeExpr>,
) -> (Flavor, Vec<Result<TypeExpr>>) {
    // Like `detect`'s check, this stops at the first cell a flavor rejects.
    let mut all = |f: Flavor| -> Option<Vec<TypeExpr>> {
        type_cells.iter().map(|c| parse(c, f).ok()).collect()
    };
    let (py, go) = (all(Flavor::Python), all(Flavor::Go));
    let flavor = choose(py.is_some(), go.is_some(), field_names);
    let parsed = match flavor {
        Flavor::Python => py,
        Flavor::Go => go,
    };
    let results = match parsed {
        Some(types) => types.into_iter().map(Ok).collect(),
        None => type_cells.iter().map(|c| parse(c, flavor)).collect(),
    };
    (flavor, results)
}

/// Go names start upper-case (`ClientIdentifier`); Python's are snake_case.
pub fn detect_by_names(names: &[&str]) -> Flavor {
    let upper = names
        .iter()
        .filter(|n| n.starts_with(|c: char| c.is_uppercase()))
        .count();
    if upper * 2 > names.len() {
        Flavor::Go
    } else {
        Flavor::Python
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TypeExpr::*;

    fn model(q: &str, l: &str) -> TypeExpr {
        Model {
            qual: q.into(),
            link: Some(l.into()),
        }
    }
    fn b(t: TypeExpr) -> Box<TypeExpr> {
        Box::new(t)
    }

    #[test]
    fn python_scalars_and_wrappers() {
        let p = |s| parse_type(s, Flavor::Python).unwrap();
        assert_eq!(p("*str*"), Str);
        assert_eq!(p("*Optional[int]*"), Optional(b(Int(None))));
        assert_eq!(p("*Nullable[str]*"), Nullable(b(Str)));
        assert_eq!(p("*OptionalNullable[bool]*"), OptionalNullable(b(Bool)));
        assert_eq!(p("*Optional[Any]*"), Optional(b(Any)));
        assert_eq!(p("List[*str*]"), List(b(Str)));
        assert_eq!(p("Dict[str, List[*str*]]"), Map(b(List(b(Str)))));
        assert_eq!(p("*Optional[httpx.Response]*"), Optional(b(ByteStream)));
    }

    #[test]
    fn python_links() {
        let p = |s| parse_type(s, Flavor::Python).unwrap();
        let url = "../../models/components/tag.md";
        assert_eq!(
            p("[Optional[components.Tag]](../../models/components/tag.md)"),
            Optional(b(model("components.Tag", url)))
        );
        assert_eq!(
            p("List[[components.Tag](../../models/components/tag.md)]"),
            List(b(model("components.Tag", url)))
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
    }

    #[test]
    fn go_notation() {
        let g = |s| parse_type(s, Flavor::Go).unwrap();
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
    }

    #[test]
    fn errors_point_at_the_problem() {
        let e = parse_type("*Optional[strin]*", Flavor::Python).unwrap_err();
        assert_eq!(e.offset, 10);
        assert!(e.message.contains("strin"), "{}", e.message);
        let e = parse_type("List[*str*", Flavor::Python).unwrap_err();
        assert!(e.unbalanced);
        assert_eq!(e.offset, 4);
        let e = parse_type("*str* extra", Flavor::Python).unwrap_err();
        assert!(e.message.contains("after the type"));
        let deep = format!("{}*str*{}", "List[".repeat(500), "]".repeat(500));
        let e = parse_type(&deep, Flavor::Python).unwrap_err();
        assert!(e.message.contains("nested"), "{}", e.message);
    }

    #[test]
    fn plain_union_members() {
        assert_eq!(parse_plain("str", Flavor::Python).unwrap(), Str);
        assert_eq!(parse_plain("float64", Flavor::Go).unwrap(), Float(Some(64)));
        assert_eq!(parse_plain("[]string", Flavor::Go).unwrap(), List(b(Str)));
    }

    #[test]
    fn cells_parse_in_the_detected_flavor() {
        let cases: [(&[&str], &[&str]); 5] = [
            (&["*Optional[str]*", "*int*"], &["a", "b"]),
            (&["**string*", "*int*"], &["A", "B"]),
            (&["*int*"], &["ID"]),
            (&["*int*"], &["id"]),
            (&["*strin*", "**string*"], &["a", "B"]),
        ];
        for (cells, names) in cases {
            let flavor = detect(cells, names);
            let (f, results) = parse_cells(cells, names);
            assert_eq!(f, flavor);
            let want: Vec<_> = cells.iter().map(|c| parse_type(c, flavor)).collect();
            assert_eq!(results, want);
        }
    }

    #[test]
    fn flavor_detection() {
        assert_eq!(
            detect(&["*Optional[str]*", "*int*"], &["a", "b"]),
            Flavor::Python
        );
        assert_eq!(detect(&["**string*", "*int*"], &["A", "B"]), Flavor::Go);
        assert_eq!(detect(&["*int*"], &["ID"]), Flavor::Go);
        assert_eq!(detect(&["*int*"], &["id"]), Flavor::Python);
    }
}
