//! Stage 3: a Type cell's text -> [`TypeExpr`]. One grammar per SDK flavor (one file
//! each: `python.rs`, `go.rs`, `typescript.rs`); knows notation, not markdown (a cell
//! arrives as raw source text, since the emphasis and pointer stars carry meaning).
//!
//! Each flavor has two entry points: [`parse_type`] reads a Type cell (emphasised
//! names, model links), [`parse_plain`] the plain type syntax of union member headings
//! and code snippets (`` ### `List[str]` ``, `[]string{...}`, `const value: string[]`).
//! TypeScript's `## Values` code block (`"a" | "b"`) is read by [`typescript::values`].
//!
//! The flavor is detected per doc ([`parse_cells`]): the flavor that reads every Type
//! cell wins; when several do (`[models.X](...)` reads the same in all three), the
//! field names decide, and when none does, the flavor that reads the most cells.

mod go;
mod python;
pub mod typescript;

/// The SDK language a doc was written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Flavor {
    /// Python SDK docs (`*str*`, `Optional[T]`, `List[T]`, snake_case fields).
    Python,
    /// Go SDK docs (`*string*`, `*T` pointers, `[]T`, PascalCase fields).
    Go,
    /// TypeScript SDK docs (`*string*`, `*number*`, `T[]`, camelCase fields).
    TypeScript,
}

impl Flavor {
    /// Every flavor, in the order they are tried.
    pub const ALL: [Flavor; 3] = [Flavor::Python, Flavor::Go, Flavor::TypeScript];

    /// The flavor a fenced code block's language names (union member snippets,
    /// `## Values` code blocks), if any.
    pub fn from_code_lang(lang: &str) -> Option<Flavor> {
        match lang.trim().to_ascii_lowercase().as_str() {
            "python" | "py" => Some(Flavor::Python),
            "go" | "golang" => Some(Flavor::Go),
            "typescript" | "ts" => Some(Flavor::TypeScript),
            _ => None,
        }
    }
}

/// A constant value a notation spells out: Python `Literal["x"]`, TypeScript `*"x"*`,
/// and the members of a TypeScript `## Values` union.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Const {
    /// A string, its escapes decoded (`"a\"b"` -> `a"b`).
    Str(String),
    /// Python `True`/`False`, TypeScript `true`/`false`.
    Bool(bool),
    /// A number as written (`-1`, `2.5`, `1e3`): the model decides its Rust type.
    Num(String),
    /// Python `None`, TypeScript `null`.
    Null,
}

/// A type as the doc states it, before any Rust decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeExpr {
    Str,
    /// Integer; `Some(bits)` when the doc gives a width.
    Int(Option<u8>),
    /// Floating point; `Some(32)` for float32. TypeScript's `number` is `Float(None)`:
    /// TypeScript docs do not tell integers from floats.
    Float(Option<u8>),
    Bool,
    Any,
    /// An instant (RFC 3339 on the wire).
    Timestamp,
    /// A calendar date (`YYYY-MM-DD` on the wire).
    Date,
    /// Binary data, such as a file's content in a multipart request: Python `bytes`
    /// and `Union[bytes, IO[bytes], io.IOBase]`, Go `[]byte`, TypeScript `File`/`Blob`.
    Bytes,
    /// The SDK's raw HTTP response (or Go's raw request beside it): not part of any
    /// JSON payload.
    HttpResponse,
    /// A byte or event stream body (Go `io.ReadCloser`, TypeScript
    /// `ReadableStream<Uint8Array>`, `JsonLStream<models.X>`): not part of any JSON
    /// payload.
    ByteStream,
    List(Box<TypeExpr>),
    /// A map with string keys.
    Map(Box<TypeExpr>),
    /// A constant: the field holds exactly this value (Python `Literal["x"]`,
    /// TypeScript `*"x"*`, `*true*`).
    Const(Const),
    /// One of several types, members in doc order: a TypeScript cell `A \| B`, Python
    /// `Union[A, B]` and `Literal["a", "b"]`. `link` is the union's own doc when the
    /// notation links it (2023 Python: `[Union[shared.A, shared.B]](../shared/u.md)`,
    /// whose members then name models without a link).
    Union {
        members: Vec<TypeExpr>,
        link: Option<String>,
    },
    /// A model: `qual` as the doc spells it (`components.Tag`, or unqualified `Tag`
    /// in older SDKs), `link` the relative URL of its doc when the notation links it
    /// (`None` for italic models such as TypeScript `*models.X*` and Go `**pkg.X*`,
    /// and for union members named in headings).
    Model {
        qual: String,
        link: Option<String>,
    },
    /// `Optional[T]` / Go pointer: may be absent.
    Optional(Box<TypeExpr>),
    /// `Nullable[T]`: present, may be null.
    Nullable(Box<TypeExpr>),
    /// `OptionalNullable[T]` (Python, Go `optionalnullable.OptionalNullable[T]`):
    /// absent, null or a value.
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

    /// True for SDK-only values that never travel in JSON (a union only when every
    /// member is one).
    pub fn is_sdk_only(&self) -> bool {
        match self.unwrapped() {
            TypeExpr::HttpResponse | TypeExpr::ByteStream => true,
            TypeExpr::Union { members, .. } => {
                !members.is_empty() && members.iter().all(TypeExpr::is_sdk_only)
            }
            _ => false,
        }
    }
}

/// Why a cell was not understood, and where (a byte offset into the trimmed cell).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotationError {
    pub unbalanced: bool,
    pub offset: usize,
    pub message: String,
}

pub(crate) type Result<T> = std::result::Result<T, NotationError>;

/// Doc text quoted in a message, shortened: a 1 MB cell must not make a 1 MB message.
fn short(text: &str) -> String {
    crate::error::shorten(text, 60)
}

/// Deeper nesting than this is refused rather than risking the stack.
pub const MAX_DEPTH: usize = 64;

/// A position in the text being parsed, shared by the three grammars.
struct Cursor<'a> {
    s: &'a str,
    i: usize,
    depth: usize,
}

impl<'a> Cursor<'a> {
    fn new(s: &'a str) -> Self {
        Cursor { s, i: 0, depth: 0 }
    }

    fn rest(&self) -> &'a str {
        &self.s[self.i..]
    }

    fn at(&self, tok: &str) -> bool {
        self.rest().starts_with(tok)
    }

    fn eat(&mut self, tok: &str) -> bool {
        if self.at(tok) {
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
        self.err_at(self.i, message)
    }

    fn err_at(&self, offset: usize, message: String) -> NotationError {
        NotationError {
            unbalanced: false,
            offset,
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

    fn leave(&mut self) {
        self.depth -= 1;
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

    /// A quoted string (`"x"` or `'x'`) at the cursor, its escapes decoded; `None`
    /// when no quote is here.
    fn string_lit(&mut self) -> Option<Result<String>> {
        let quote = self
            .rest()
            .chars()
            .next()
            .filter(|&q| q == '"' || q == '\'')?;
        let start = self.i;
        let mut out = String::new();
        let mut chars = self.rest()[1..].char_indices();
        while let Some((k, ch)) = chars.next() {
            if ch == quote {
                self.i += 1 + k + 1;
                return Some(Ok(out));
            }
            if ch != '\\' {
                out.push(ch);
                continue;
            }
            let Some((_, e)) = chars.next() else { break };
            match e {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                '0' => out.push('\0'),
                'u' | 'x' => {
                    let digits = if e == 'u' { 4 } else { 2 };
                    let hex: String = chars.clone().take(digits).map(|(_, c)| c).collect();
                    match u32::from_str_radix(&hex, 16) {
                        Ok(v) if hex.len() == digits => {
                            chars.nth(digits - 1);
                            // A lone surrogate half becomes U+FFFD, like a lossy decoder.
                            out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                        }
                        _ => out.push(e),
                    }
                }
                // `\"`, `\'`, `\\`, `\/` and any other escaped character stand for it.
                other => out.push(other),
            }
        }
        Some(Err(self.err_at(
            start,
            format!("expected the closing `{quote}` of this string"),
        )))
    }

    /// A number at the cursor (`-1`, `2.5`, `1e-3`), as written.
    fn number(&mut self) -> Option<&'a str> {
        let rest = self.rest();
        let b = rest.as_bytes();
        let mut n = usize::from(b.first() == Some(&b'-'));
        let digits = |n: &mut usize| {
            let start = *n;
            while b.get(*n).is_some_and(u8::is_ascii_digit) {
                *n += 1;
            }
            *n > start
        };
        if !digits(&mut n) {
            return None;
        }
        if b.get(n) == Some(&b'.') {
            let mut m = n + 1;
            if digits(&mut m) {
                n = m;
            }
        }
        if matches!(b.get(n), Some(b'e' | b'E')) {
            let mut m = n + 1;
            if matches!(b.get(m), Some(b'+' | b'-')) {
                m += 1;
            }
            if digits(&mut m) {
                n = m;
            }
        }
        // `1abc` is no number.
        if rest[n..].starts_with(|c: char| c.is_alphanumeric() || c == '_') {
            return None;
        }
        self.i += n;
        Some(&rest[..n])
    }
}

/// `components.Tag`: two or more dotted identifiers.
fn is_qual(s: &str) -> bool {
    let mut parts = s.split('.');
    parts.clone().count() >= 2 && parts.all(is_ident)
}

fn is_ident(p: &str) -> bool {
    !p.is_empty()
        && p.chars().all(|c| c.is_alphanumeric() || c == '_')
        && !p.starts_with(|c: char| c.is_ascii_digit())
}

/// A model name as the notations write it: qualified (`components.Tag`), or bare in
/// older SDKs (`Tag`, `[*Tag](...)`). A bare name must start upper-case: the languages'
/// own type names (`str`, `string`, `any`) are lower-case, so a misspelt one is still
/// reported rather than taken for a model.
fn is_model_name(s: &str) -> bool {
    is_qual(s) || (is_ident(s) && s.starts_with(|c: char| c.is_uppercase()))
}

fn model(qual: &str, link: Option<String>) -> TypeExpr {
    TypeExpr::Model {
        qual: qual.to_string(),
        link,
    }
}

/// Whether a URL is absolute (`https://...`): links to a language's documentation,
/// not to a model doc.
fn is_web_url(url: &str) -> bool {
    let u = url.trim_start();
    u.starts_with("https://") || u.starts_with("http://")
}

/// Parses a Type cell written in `flavor`'s notation.
pub fn parse_type(cell: &str, flavor: Flavor) -> Result<TypeExpr> {
    check_balance(cell)?;
    parse_balanced(cell, flavor)
}

/// [`parse_type`] for a cell whose brackets balance.
fn parse_balanced(cell: &str, flavor: Flavor) -> Result<TypeExpr> {
    let mut c = Cursor::new(cell.trim());
    let t = match flavor {
        Flavor::Python => python::cell(&mut c)?,
        Flavor::Go => go::cell(&mut c)?,
        Flavor::TypeScript => typescript::cell(&mut c)?,
    };
    c.finish(t)
}

/// Parses plain (un-emphasised) type syntax, as union member headings and code
/// snippets spell it: Python `str`, `List[int]`, `datetime`; Go `string`, `[]int64`,
/// `components.X`; TypeScript `string[]`, `{ [k: string]: models.X }`.
///
/// Headings are the languages' own type names, not the link labels of Type cells:
/// Python's `datetime` here is a timestamp and `date` a calendar date (Type cells swap
/// the two labels).
pub fn parse_plain(text: &str, flavor: Flavor) -> Result<TypeExpr> {
    check_balance(text)?;
    let mut c = Cursor::new(text.trim());
    let t = match flavor {
        Flavor::Python => python::plain(&mut c)?,
        Flavor::Go => go::plain(&mut c)?,
        Flavor::TypeScript => typescript::plain(&mut c)?,
    };
    c.finish(t)
}

/// The member type written in a union member's code snippet, as text for
/// [`parse_plain`]: Go `x := pkg.CreateXStr(string{/* values here */})` -> `string`,
/// Python `value: str = /* values here */` -> `str`, TypeScript
/// `const value: models.X = {...};` -> `models.X`. `None` when the snippet has no
/// such shape.
pub fn snippet_type(code: &str, flavor: Flavor) -> Option<&str> {
    let t = match flavor {
        Flavor::Go => {
            let (_, args) = code.split_once('(')?;
            // The value is a composite literal `T{/* values here */}`; `T` itself may
            // hold braces (`[]interface{}`), so cut at the placeholder when present.
            let end = args
                .find("{/*")
                .or_else(|| args.rfind('{'))
                .or_else(|| args.rfind(')'))?;
            &args[..end]
        }
        Flavor::Python => {
            let (_, rest) = code.split_once(':')?;
            rest.split_once('=')?.0
        }
        Flavor::TypeScript => {
            let (_, rest) = code.split_once(':')?;
            // `=` ends the type, except in an arrow `=>`.
            let end = rest
                .match_indices('=')
                .find(|(i, _)| !rest[i + 1..].starts_with('>'))?
                .0;
            &rest[..end]
        }
    };
    let t = t.trim();
    (!t.is_empty()).then_some(t)
}

/// Reports the first bracket without a partner, with its offset.
fn check_balance(cell: &str) -> Result<()> {
    check_balance_with(cell, &mut Vec::new())
}

/// [`check_balance`] with the stack of open brackets passed in, so that checking
/// many cells allocates it once. Brackets inside a double-quoted string (a constant
/// such as `*"a["*`) do not count.
fn check_balance_with(cell: &str, stack: &mut Vec<(char, usize)>) -> Result<()> {
    stack.clear();
    // The offset reported is into the trimmed cell, like the parsers' offsets.
    let trimmed = cell.trim();
    let bytes = trimmed.as_bytes();
    // Once a quote finds no closing partner, no later one will (a quote is escaped by
    // the backslashes right before it, whatever came earlier): stop looking, so that
    // the check stays linear.
    let mut strings = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'"' if strings => match closing_quote(&bytes[i + 1..]) {
                Some(n) => {
                    i += n + 2;
                    continue;
                }
                None => strings = false,
            },
            b'[' | b'(' => stack.push((char::from(b), i)),
            b']' | b')' => {
                let ch = char::from(b);
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
        i += 1;
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

/// The offset of the first unescaped `"` in `bytes`.
fn closing_quote(bytes: &[u8]) -> Option<usize> {
    let mut escaped = false;
    for (k, &b) in bytes.iter().enumerate() {
        match b {
            b'"' if !escaped => return Some(k),
            b'\\' => escaped = !escaped,
            _ => escaped = false,
        }
    }
    None
}

/// Decides a doc's flavor from its Type cells, falling back to its field names (see
/// [`parse_cells`]).
pub fn detect(type_cells: &[&str], field_names: &[&str]) -> Flavor {
    parse_cells(type_cells, field_names).0
}

/// Parses a doc's Type cells in the flavor they are written in, returning that flavor
/// and each cell's result.
///
/// The rule: a flavor that reads every cell wins. When several do (`*string*` reads
/// in Go and TypeScript, a model link in all three), the field names decide, as
/// `names_preference` ranks the flavors: Go names are PascalCase, TypeScript's
/// camelCase, Python's snake_case. When none reads every cell, the flavor that reads
/// the most wins (ties again by names), so that the errors reported are those of the
/// doc's own flavor.
pub fn parse_cells(type_cells: &[&str], field_names: &[&str]) -> (Flavor, Vec<Result<TypeExpr>>) {
    let mut stack = Vec::new();
    parse_cells_with(type_cells, field_names, |cell, flavor| {
        check_balance_with(cell, &mut stack)?;
        parse_balanced(cell, flavor)
    })
}

/// [`parse_cells`], with what parses one cell (as [`parse_type`] does) passed in: a
/// memo, for instance. Each cell is parsed once per flavor tried (trying stops at a
/// flavor's first failure); the winning flavor's results are kept, not parsed again.
pub(crate) fn parse_cells_with(
    type_cells: &[&str],
    field_names: &[&str],
    mut parse: impl FnMut(&str, Flavor) -> Result<TypeExpr>,
) -> (Flavor, Vec<Result<TypeExpr>>) {
    let preference = names_preference(field_names);
    let mut full: [Option<Vec<TypeExpr>>; 3] = [None, None, None];
    for f in Flavor::ALL {
        full[f as usize] = type_cells.iter().map(|c| parse(c, f).ok()).collect();
    }
    let winner = preference.iter().find(|f| full[**f as usize].is_some());
    if let Some(&flavor) = winner {
        let types = full[flavor as usize].take().unwrap_or_default();
        return (flavor, types.into_iter().map(Ok).collect());
    }
    // No flavor reads every cell: the one that reads the most (the first in name
    // order among equals).
    let mut best: Option<(usize, Flavor, Vec<Result<TypeExpr>>)> = None;
    for &f in &preference {
        let results: Vec<_> = type_cells.iter().map(|c| parse(c, f)).collect();
        let ok = results.iter().filter(|r| r.is_ok()).count();
        if best.as_ref().is_none_or(|(n, _, _)| ok > *n) {
            best = Some((ok, f, results));
        }
    }
    match best {
        Some((_, f, results)) => (f, results),
        // (`preference` is never empty.)
        None => (Flavor::Python, Vec::new()),
    }
}

/// The flavor the field names point to: Go names start upper-case
/// (`ClientIdentifier`), TypeScript's are camelCase (`clientIdentifier`) and Python's
/// snake_case (`client_identifier`). Names of one lower-case word fit both of the last
/// two and count for neither; without a majority Python is assumed.
#[cfg(test)]
pub fn detect_by_names(names: &[&str]) -> Flavor {
    names_preference(names)[0]
}

/// The flavor the names' casing points to, if it points anywhere.
fn names_signal(names: &[&str]) -> Option<Flavor> {
    let upper = names
        .iter()
        .filter(|n| n.starts_with(|c: char| c.is_uppercase()))
        .count();
    if upper * 2 > names.len() {
        return Some(Flavor::Go);
    }
    let camel = names
        .iter()
        .filter(|n| {
            n.starts_with(|c: char| c.is_lowercase())
                && !n.contains('_')
                && n.chars().any(char::is_uppercase)
        })
        .count();
    let snake = names.iter().filter(|n| n.contains('_')).count();
    match camel.cmp(&snake) {
        std::cmp::Ordering::Greater => Some(Flavor::TypeScript),
        std::cmp::Ordering::Less => Some(Flavor::Python),
        std::cmp::Ordering::Equal => None,
    }
}

/// The three flavors, the one the names point to first.
fn names_preference(names: &[&str]) -> [Flavor; 3] {
    use Flavor::*;
    match names_signal(names) {
        Some(Go) => [Go, TypeScript, Python],
        Some(TypeScript) => [TypeScript, Python, Go],
        Some(Python) | None => [Python, TypeScript, Go],
    }
}

/// Whether [`parse_cells`]' choice rests on nothing: several flavors read every cell
/// alike (a model link reads the same in all three, `*string*` in Go and TypeScript)
/// and the field names have no casing that tells flavors apart (`id`, `name`; or a
/// table without rows). The types are the same whichever is chosen; the model may
/// take the flavor of the doc's neighbours instead.
pub fn flavor_undecided(type_cells: &[&str], field_names: &[&str]) -> bool {
    if names_signal(field_names).is_some() {
        return false;
    }
    let readings: Vec<Vec<TypeExpr>> = Flavor::ALL
        .iter()
        .filter_map(|&f| type_cells.iter().map(|c| parse_type(c, f).ok()).collect())
        .collect();
    readings
        .iter()
        .enumerate()
        .any(|(i, a)| readings[i + 1..].contains(a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use TypeExpr::*;

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
        for flavor in Flavor::ALL {
            let deep = format!("{}x{}", "[".repeat(100_000), "]".repeat(100_000));
            assert!(parse_type(&deep, flavor).is_err());
            assert!(parse_plain(&deep, flavor).is_err());
        }
    }

    #[test]
    fn brackets_inside_strings_do_not_count() {
        assert!(check_balance(r#"*"a[("*"#).is_ok());
        assert!(check_balance(r#"*Literal["x]"]*"#).is_ok());
        assert!(check_balance(r#"*"a\"[("*"#).is_ok());
        // An unclosed quote is an ordinary character.
        let e = check_balance(r#""a["#).unwrap_err();
        assert!(e.unbalanced);
        assert_eq!(e.offset, 2);
        // Many unclosed quotes stay linear (this would take minutes otherwise).
        let many = "\\\"".repeat(200_000);
        assert!(check_balance(&format!("\"{many}")).is_ok());
    }

    #[test]
    fn strings_and_numbers() {
        let s = |t: &str| Cursor::new(t).string_lit().map(|r| r.map_err(|e| e.offset));
        assert_eq!(s(r#""a\"b""#), Some(Ok("a\"b".into())));
        assert_eq!(s(r"'it\'s'"), Some(Ok("it's".into())));
        assert_eq!(s(r#""\u00e9\n\\""#), Some(Ok("é\n\\".into())));
        assert_eq!(s(r#""\ud800""#), Some(Ok("\u{fffd}".into())));
        assert_eq!(s(r#""open"#), Some(Err(0)));
        assert_eq!(s("x"), None);
        let n = |t: &str| Cursor::new(t).number().map(str::to_string);
        assert_eq!(n("-1"), Some("-1".into()));
        assert_eq!(n("2.5]"), Some("2.5".into()));
        assert_eq!(n("1e-3"), Some("1e-3".into()));
        assert_eq!(n("1abc"), None);
        assert_eq!(n("-"), None);
    }

    #[test]
    fn code_languages() {
        assert_eq!(Flavor::from_code_lang("python"), Some(Flavor::Python));
        assert_eq!(Flavor::from_code_lang("go"), Some(Flavor::Go));
        assert_eq!(
            Flavor::from_code_lang("typescript"),
            Some(Flavor::TypeScript)
        );
        assert_eq!(Flavor::from_code_lang("json"), None);
    }

    #[test]
    fn snippets_name_the_member_type() {
        let go = "x := components.CreateXStr(string{/* values here */})";
        assert_eq!(snippet_type(go, Flavor::Go), Some("string"));
        let go = "q := shared.CreateQArrayOfany([]interface{}{/* values here */})";
        assert_eq!(snippet_type(go, Flavor::Go), Some("[]interface{}"));
        let go = "r := operations.CreateREventStream(*stream.EventStream[components.E]{/* values here */})";
        assert_eq!(
            snippet_type(go, Flavor::Go),
            Some("*stream.EventStream[components.E]")
        );
        let py = "value: Dict[str, Any] = /* values here */";
        assert_eq!(snippet_type(py, Flavor::Python), Some("Dict[str, Any]"));
        let ts = "const value: {\n  [k: string]: models.X;\n} = {\n  \"a\": 1,\n};";
        assert_eq!(
            snippet_type(ts, Flavor::TypeScript),
            Some("{\n  [k: string]: models.X;\n}")
        );
        assert_eq!(snippet_type("nothing here", Flavor::Go), None);
        assert_eq!(snippet_type("value:  = 1", Flavor::Python), None);
    }

    #[test]
    fn sdk_only() {
        assert!(Optional(Box::new(ByteStream)).is_sdk_only());
        assert!(HttpResponse.is_sdk_only());
        let u = |members| Union {
            members,
            link: None,
        };
        assert!(u(vec![ByteStream, HttpResponse]).is_sdk_only());
        assert!(!u(vec![ByteStream, Str]).is_sdk_only());
        assert!(!u(vec![]).is_sdk_only());
        assert!(!Bytes.is_sdk_only());
    }

    #[test]
    fn cells_parse_in_the_detected_flavor() {
        let cases: [(&[&str], &[&str]); 9] = [
            (&["*Optional[str]*", "*int*"], &["a", "b"]),
            (&["**string*", "*int*"], &["A", "B"]),
            (&["*int*"], &["ID"]),
            (&["*int*"], &["id"]),
            (&["*strin*", "**string*"], &["a", "B"]),
            (&["*string*", "*number*"], &["id", "count"]),
            (&["*string*"], &["displayName"]),
            (&["[models.X](../models/x.md)"], &["createdAt"]),
            (&["*strin*", "*strng*"], &["a", "b"]),
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
        let d = detect;
        assert_eq!(
            d(&["*Optional[str]*", "*int*"], &["a", "b"]),
            Flavor::Python
        );
        assert_eq!(d(&["**string*", "*int*"], &["A", "B"]), Flavor::Go);
        assert_eq!(d(&["*int*"], &["ID"]), Flavor::Go);
        assert_eq!(d(&["*int*"], &["id"]), Flavor::Python);
        // Only TypeScript reads `number`, `boolean` and `T[]`.
        assert_eq!(d(&["*number*"], &["Count"]), Flavor::TypeScript);
        assert_eq!(d(&["*string*[]"], &["ids"]), Flavor::TypeScript);
        // `*string*` reads in Go and TypeScript: the names decide.
        assert_eq!(d(&["*string*"], &["Name"]), Flavor::Go);
        assert_eq!(d(&["*string*"], &["name"]), Flavor::TypeScript);
        assert_eq!(d(&["*string*"], &["displayName"]), Flavor::TypeScript);
        // A model link reads in all three.
        let link = "[models.Tag](../models/tag.md)";
        assert_eq!(d(&[link], &["tag_ids"]), Flavor::Python);
        assert_eq!(d(&[link], &["tagIds"]), Flavor::TypeScript);
        assert_eq!(d(&[link], &["Tag"]), Flavor::Go);
        assert_eq!(d(&[link], &["tag"]), Flavor::Python);
        // When no flavor reads every cell, the one that reads the most.
        assert_eq!(d(&["*strin*", "**string*"], &["a", "b"]), Flavor::Go);
        assert_eq!(d(&["*strin*", "*str*"], &["A", "B"]), Flavor::Python);
        assert_eq!(d(&["*strin*"], &["a"]), Flavor::Python);
        assert_eq!(d(&["*strin*"], &["aB"]), Flavor::TypeScript);
        // Only TypeScript reads an unqualified name linked to the web (`Date`).
        let date = "[Date](https://developer.mozilla.org/docs/Date)";
        assert_eq!(d(&[date, date], &["start", "end"]), Flavor::TypeScript);
    }

    #[test]
    fn undecided_flavors() {
        let link = "[models.Tag](../models/tag.md)";
        assert!(flavor_undecided(&[link], &["tag"]));
        assert!(flavor_undecided(&[], &[]));
        assert!(flavor_undecided(&["*string*"], &["name"]));
        // The names tell.
        assert!(!flavor_undecided(&[link], &["tagId"]));
        assert!(!flavor_undecided(&[link], &["tag_id"]));
        assert!(!flavor_undecided(&[link], &["Tag"]));
        // Only one flavor reads the cells.
        assert!(!flavor_undecided(&["*number*"], &["count"]));
        assert!(!flavor_undecided(&["*str*", link], &["name", "tag"]));
        // None does.
        assert!(!flavor_undecided(&["*strin*"], &["name"]));
    }

    #[test]
    fn names_alone() {
        assert_eq!(detect_by_names(&["Id", "Name"]), Flavor::Go);
        assert_eq!(detect_by_names(&["id", "createdAt"]), Flavor::TypeScript);
        assert_eq!(detect_by_names(&["id", "created_at"]), Flavor::Python);
        assert_eq!(detect_by_names(&["id"]), Flavor::Python);
        assert_eq!(detect_by_names(&[]), Flavor::Python);
    }
}
