//! Typed errors and warnings. Every diagnostic names a file and, where the problem is
//! inside a doc, the line and column of the offending text. [`render_list`] prints them
//! the way rustc does, with annotate-snippets (the renderer rustc itself uses):
//!
//! ```text
//! error[unknown-notation]: unknown Python type name `strin`: expected str, int, ...
//!  --> docs/models/components/pin.md:7:11
//!   |
//! 7 | | `id` | *strin* | :heavy_check_mark: | N/A |
//!   |           ^^^^^ not understood
//!   |
//!   = help: Python notation: `*str*`, `*Optional[int]*`, ...
//! ```

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Where in a doc something is: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters (not bytes).
    pub col: u32,
}

/// What went wrong, one kind per cause. Tests match on the kind, users read the message;
/// [`ErrorKind::code`] is the stable name shown as `error[code]`. Warnings have kinds
/// too (a suffixed name, an ignored repeat, a refused example).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file or folder could not be read or written.
    Io,
    /// A file is not UTF-8.
    NotUtf8,
    /// A doc has no `# Title`.
    MissingTitle,
    /// A doc has a title but no `## Fields`, `## Values` or `## Supported Types` section
    /// (or no table under it).
    MissingSection,
    /// A table lacks a column the doc kind needs.
    MissingColumn,
    /// A table row has fewer cells than the header.
    ShortRow,
    /// A cell that does not hold what its column takes (a Required cell other than the
    /// two markers, a field name outside a code span), or a cell beyond the header's.
    BadCell,
    /// The same field twice in one Fields table, or the same value twice in a Values
    /// table (a warning: the repeat is ignored).
    Duplicate,
    /// A Type cell that no notation grammar accepts.
    UnknownNotation,
    /// A Type cell with unbalanced brackets.
    UnbalancedBrackets,
    /// A link to a model doc that does not exist among the inputs.
    DanglingLink,
    /// A link that leaves the input root.
    LinkOutsideRoot,
    /// A link to a doc that does not define a wire type (skipped doc).
    LinkToSkipped,
    /// A reference to a doc that has errors of its own, directly or through other
    /// types: the referring type is left out too.
    LinkToBroken,
    /// A union with no members, or a member that cannot be read.
    BadUnion,
    /// An enum value that cannot be represented (e.g. integer out of range).
    BadEnum,
    /// An enum with no values (a warning: it gets only the catch-all variant).
    EmptyEnum,
    /// Two names that become the same after conversion to Rust or JSON names (a
    /// warning: the later one gets a suffix).
    NameClash,
    /// An Example cell that does not convert to what its field carries (a warning:
    /// samples use a made-up value).
    BadExample,
    /// A type the generator cannot represent as JSON here (an HTTP response or byte
    /// stream inside a JSON value).
    Unsupported,
    /// The wire-names file is not TOML, or not of the shape its format documents (the
    /// TOML parser's own message says which).
    InvalidOverrides,
    /// A wire-names override that names no generated type or field, or gives field
    /// keys to an enum or union.
    UnknownOverride,
    /// Wire-names overrides that give two fields of one struct the same JSON key.
    OverrideClash,
    /// Command-line or configuration misuse.
    Usage,
    /// A payload to learn keys from that is not JSON or fits no type.
    Payload,
    /// A bug in the generator (its own output does not parse); please report it.
    Internal,
}

impl ErrorKind {
    /// Short stable name, used in messages and tests.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::NotUtf8 => "not-utf8",
            ErrorKind::MissingTitle => "missing-title",
            ErrorKind::MissingSection => "missing-section",
            ErrorKind::MissingColumn => "missing-column",
            ErrorKind::ShortRow => "short-row",
            ErrorKind::BadCell => "bad-cell",
            ErrorKind::Duplicate => "duplicate",
            ErrorKind::UnknownNotation => "unknown-notation",
            ErrorKind::UnbalancedBrackets => "unbalanced-brackets",
            ErrorKind::DanglingLink => "dangling-link",
            ErrorKind::LinkOutsideRoot => "link-outside-root",
            ErrorKind::LinkToSkipped => "link-to-skipped",
            ErrorKind::LinkToBroken => "link-to-broken",
            ErrorKind::BadUnion => "bad-union",
            ErrorKind::BadEnum => "bad-enum",
            ErrorKind::EmptyEnum => "empty-enum",
            ErrorKind::NameClash => "name-clash",
            ErrorKind::BadExample => "bad-example",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::InvalidOverrides => "invalid-overrides",
            ErrorKind::UnknownOverride => "unknown-override",
            ErrorKind::OverrideClash => "override-clash",
            ErrorKind::Usage => "usage",
            ErrorKind::Payload => "payload",
            ErrorKind::Internal => "internal",
        }
    }

    /// What the errors of this kind are in, for a run's one-line summary; `None` for
    /// kinds that can concern any file (or none).
    fn subject(self) -> Option<&'static str> {
        match self {
            ErrorKind::Io | ErrorKind::NotUtf8 | ErrorKind::Usage | ErrorKind::Internal => None,
            ErrorKind::InvalidOverrides | ErrorKind::UnknownOverride | ErrorKind::OverrideClash => {
                Some("the wire-names file")
            }
            ErrorKind::Payload => Some("the payloads"),
            _ => Some("the docs"),
        }
    }
}

/// One diagnostic: an error or a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The cause.
    pub kind: ErrorKind,
    /// The file it is about (a doc, the wire-names file, an input or output path).
    pub file: PathBuf,
    /// `None` when the problem concerns the whole file.
    pub pos: Option<Pos>,
    /// What was expected, in words.
    pub message: String,
    /// The offending text, shortened.
    pub snippet: Option<String>,
    /// How to fix it, when there is something useful to say.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub(crate) fn new(
        kind: ErrorKind,
        file: &Path,
        pos: Option<Pos>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            kind,
            file: file.to_path_buf(),
            pos,
            message: message.into(),
            snippet: None,
            hint: None,
        }
    }

    pub(crate) fn with_snippet(mut self, text: &str) -> Self {
        self.snippet = Some(shorten(text, 120));
        self
    }

    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    fn sort_key(&self) -> (&Path, Option<Pos>, ErrorKind) {
        (&self.file, self.pos, self.kind)
    }
}

/// Shortens text for display, on a char boundary, with control characters and the
/// invisible codepoints that reorder text (bidi controls) made visible.
pub(crate) fn shorten(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == max_chars {
            out.push('…');
            break;
        }
        if c.is_control() || is_bidi_control(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(pos) = self.pos {
            write!(f, ":{}:{}", pos.line, pos.col)?;
        }
        write!(f, ": [{}] {}", self.kind.code(), self.message)?;
        if let Some(snippet) = &self.snippet {
            write!(f, "\n    found: {snippet}")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n    hint: {hint}")?;
        }
        Ok(())
    }
}

/// All errors of a run, sorted by file and position so the report is deterministic.
/// `Display` gives [`Error::headline`] and then the rendered diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Every error found (nothing was generated).
    pub diagnostics: Vec<Diagnostic>,
}

impl Error {
    pub(crate) fn new(mut diagnostics: Vec<Diagnostic>) -> Self {
        sort_diagnostics(&mut diagnostics);
        Error { diagnostics }
    }

    pub(crate) fn single(d: Diagnostic) -> Self {
        Error {
            diagnostics: vec![d],
        }
    }

    /// Renders at most `cap` diagnostics and a count of the rest.
    pub fn render(&self, cap: usize) -> String {
        render_list(&self.diagnostics, cap, "error")
    }

    /// How many errors and where, e.g. `2 errors in the docs`, `1 error in the
    /// wire-names file`, or `1 error` when they concern no one kind of input (an
    /// unreadable path).
    pub fn headline(&self) -> String {
        let n = self.diagnostics.len();
        let plural = if n == 1 { "" } else { "s" };
        match self.diagnostics.iter().find_map(|d| d.kind.subject()) {
            Some(subject) => format!("{n} error{plural} in {subject}"),
            None => format!("{n} error{plural}"),
        }
    }
}

pub(crate) fn sort_diagnostics(list: &mut [Diagnostic]) {
    list.sort_by(compare);
}

/// The order diagnostics are reported in: by file, position, then kind.
pub(crate) fn compare(a: &Diagnostic, b: &Diagnostic) -> std::cmp::Ordering {
    a.sort_key().cmp(&b.sort_key())
}

/// Renders diagnostics like rustc does (with annotate-snippets): `file:line:col`, the
/// source line with the offending text underlined, what was expected, and the hint.
/// At most `cap` are rendered, then a count of the rest. The source lines are read
/// from the files named by the diagnostics; see [`render_with`] to supply them.
pub fn render_list(list: &[Diagnostic], cap: usize, label: &str) -> String {
    let mut files: HashMap<PathBuf, Option<String>> = HashMap::new();
    render_with(list, cap, label, |path| {
        files
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                std::fs::read(path)
                    .ok()
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
            })
            .clone()
    })
}

/// [`render_list`] with the doc texts from `source` (by path) instead of the file
/// system; a diagnostic whose text is unavailable is rendered without its line.
pub fn render_with(
    list: &[Diagnostic],
    cap: usize,
    label: &str,
    mut source: impl FnMut(&Path) -> Option<String>,
) -> String {
    let renderer = Renderer::plain();
    let mut out = String::new();
    for d in list.iter().take(cap) {
        let line = d
            .pos
            .filter(|p| p.line > 0)
            .and_then(|p| source(&d.file).and_then(|text| line_of(&text, p.line)));
        out.push_str(&render_one(&renderer, d, label, line.as_deref()));
        out.push_str("\n\n");
    }
    if list.len() > cap {
        out.push_str(&format!("... and {} more {label}(s)\n", list.len() - cap));
    }
    out
}

/// Line `n` (1-based) of `text`, without its line break.
fn line_of(text: &str, n: u32) -> Option<String> {
    let line = text.split('\n').nth(n as usize - 1)?;
    Some(line.strip_suffix('\r').unwrap_or(line).to_string())
}

/// Longest message, hint or path shown, in characters: a 1 MB cell quoted in a message
/// must not make a 1 MB report.
const MAX_TEXT: usize = 400;

fn render_one(renderer: &Renderer, d: &Diagnostic, label: &str, line: Option<&str>) -> String {
    let level = match label {
        "warning" => Level::WARNING,
        "error" => Level::ERROR,
        other => Level::ERROR.with_name(other.to_string()),
    };
    let path = shorten(&d.file.display().to_string(), MAX_TEXT);
    let mut group = Group::with_title(
        level
            .primary_title(shorten(&d.message, MAX_TEXT))
            .id(d.kind.code()),
    );
    let mut found = d.snippet.clone();
    match (d.pos, line) {
        (Some(pos), Some(line)) => {
            let (text, span) = annotated(line, pos.col, d.snippet.as_deref());
            // The underlined line shows what was found.
            found = None;
            group = group.element(
                Snippet::source(text)
                    .line_start(pos.line as usize)
                    .path(path)
                    .annotation(AnnotationKind::Primary.span(span).label(span_label(d.kind))),
            );
        }
        (Some(pos), None) => {
            group = group.element(
                Origin::path(path)
                    .line(pos.line as usize)
                    .char_column(pos.col as usize),
            );
        }
        (None, _) => group = group.element(Origin::path(path)),
    }
    if let Some(found) = found {
        group = group.element(Level::NOTE.message(format!("found: {found}")));
    }
    if let Some(hint) = &d.hint {
        group = group.element(Level::HELP.message(shorten(hint, MAX_TEXT)));
    }
    renderer.render(&[group])
}

/// The source line made safe to print (control and bidi characters become U+FFFD, tabs
/// spaces; one char for one char, so columns stay put) and the byte range to
/// underline. It starts at the column, so the `file:line:col` printed above it is the
/// diagnostic's own, and runs to the end of the snippet when the cell at the column
/// holds it (a link's URL after its text), else over the word at the column, else over
/// one character.
fn annotated(line: &str, col: u32, snippet: Option<&str>) -> (String, Range<usize>) {
    let text: String = line
        .chars()
        .map(|c| match c {
            '\t' => ' ',
            c if c.is_control() || is_bidi_control(c) => '\u{FFFD}',
            c => c,
        })
        .collect();
    let start = text
        .char_indices()
        .nth((col as usize).saturating_sub(1))
        .map_or(text.len(), |(i, _)| i);
    let rest = &text[start..];
    let snippet = snippet.map(|s| s.trim_end_matches('…')).unwrap_or("");
    if !snippet.is_empty() {
        if let Some(k) = rest.find(snippet) {
            // Within the cell that starts at the column: no `|` between them but
            // leading ones (a row's snippet may hold pipes of its own).
            if !rest[..k].trim_start_matches([' ', '|']).contains('|') {
                // From the column (the reported position) to the snippet's end.
                let span = start..start + k + snippet.len();
                return (text, span);
            }
        }
    }
    let word = rest
        .find(|c: char| c.is_whitespace() || "|*[]()`".contains(c))
        .unwrap_or(rest.len());
    let len = if word > 0 {
        word
    } else {
        rest.chars().next().map_or(0, char::len_utf8)
    };
    let span = start..start + len;
    (text, span)
}

/// The few words under the caret.
fn span_label(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Io => "cannot be read",
        ErrorKind::NotUtf8 => "not UTF-8",
        ErrorKind::MissingTitle => "no `# Title` before this",
        ErrorKind::MissingSection => "no type section after this title",
        ErrorKind::MissingColumn => "column missing here",
        ErrorKind::ShortRow => "too few cells",
        ErrorKind::BadCell => "unexpected here",
        ErrorKind::Duplicate => "already listed",
        ErrorKind::UnknownNotation => "not understood",
        ErrorKind::UnbalancedBrackets => "unbalanced",
        ErrorKind::DanglingLink => "no such doc among the inputs",
        ErrorKind::LinkOutsideRoot => "leaves the input folder",
        ErrorKind::LinkToSkipped => "links a doc that defines no type",
        ErrorKind::LinkToBroken => "links a doc that has errors",
        ErrorKind::BadUnion => "union not understood",
        ErrorKind::BadEnum => "enum value not representable",
        ErrorKind::EmptyEnum => "no values",
        ErrorKind::NameClash => "name taken",
        ErrorKind::BadExample => "example not used",
        ErrorKind::Unsupported => "not representable here",
        ErrorKind::InvalidOverrides => "not understood",
        ErrorKind::UnknownOverride => "not generated",
        ErrorKind::OverrideClash => "key taken twice",
        ErrorKind::Usage | ErrorKind::Internal => "here",
        ErrorKind::Payload => "not JSON here",
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n{}", self.headline(), self.render(50))
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "# Pin\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `id` | *strin* | :heavy_check_mark: | N/A |";

    fn diag(line: u32, col: u32) -> Diagnostic {
        Diagnostic::new(
            ErrorKind::UnknownNotation,
            Path::new("docs/models/c/pin.md"),
            Some(Pos { line, col }),
            "unknown Python type name `strin`: expected str, int, float, bool, Any or a model",
        )
        .with_snippet("*strin*")
        .with_hint("Python notation: `*str*`")
    }

    fn render(list: &[Diagnostic], cap: usize, text: Option<&str>) -> String {
        render_with(list, cap, "error", |_| text.map(str::to_string))
    }

    #[test]
    fn renders_like_rustc_with_the_line_and_a_caret() {
        let out = render(&[diag(7, 11)], 50, Some(DOC));
        let expected = "\
error[unknown-notation]: unknown Python type name `strin`: expected str, int, float, bool, Any or a model
 --> docs/models/c/pin.md:7:11
  |
7 | | `id` | *strin* | :heavy_check_mark: | N/A |
  |           ^^^^^ not understood
  |
  = help: Python notation: `*str*`

";
        assert_eq!(out, expected);
    }

    #[test]
    fn the_snippet_is_underlined_from_the_column() {
        let d = Diagnostic::new(
            ErrorKind::MissingColumn,
            Path::new("e.md"),
            Some(Pos { line: 1, col: 1 }),
            "expected a `Value` column",
        )
        .with_snippet("Name | Foo");
        let out = render(&[d], 50, Some("| Name | Foo |"));
        assert!(out.contains(" --> e.md:1:1\n"), "{out}");
        assert!(
            out.contains("  | ^^^^^^^^^^^^ column missing here"),
            "{out}"
        );
    }

    #[test]
    fn a_link_is_underlined_from_its_text_to_its_url() {
        let line = "| `b` | [components.T](../../c/t.md) | :heavy_check_mark: | x |";
        let d = Diagnostic::new(
            ErrorKind::DanglingLink,
            Path::new("u.md"),
            Some(Pos { line: 1, col: 9 }),
            "expected `c/t.md` among the input docs",
        )
        .with_snippet("../../c/t.md");
        let out = render(std::slice::from_ref(&d), 50, Some(line));
        // `[components.T](../../c/t.md`: 27 characters.
        let carets = format!("\n  |         {} no such doc", "^".repeat(27));
        assert!(out.contains(&carets), "{out}");
        // The same text in another cell is not taken for it.
        let d = d.with_snippet("x");
        let out = render(&[d], 50, Some(line));
        assert!(out.contains("\n  |         ^ no such doc"), "{out}");
    }

    #[test]
    fn without_the_source_the_position_and_snippet_are_still_shown() {
        let out = render(&[diag(7, 11)], 50, None);
        assert!(out.contains("--> docs/models/c/pin.md:7:11"), "{out}");
        assert!(out.contains("= note: found: *strin*"), "{out}");
        assert!(out.contains("= help: Python notation"), "{out}");
        let whole = Diagnostic::new(ErrorKind::Io, Path::new("x.md"), None, "expected a file");
        let out = render(&[whole], 50, None);
        assert!(
            out.starts_with("error[io]: expected a file\n--> x.md"),
            "{out}"
        );
    }

    #[test]
    fn capped_with_a_count_of_the_rest() {
        let list = vec![diag(7, 11); 5];
        let out = render(&list, 2, Some(DOC));
        assert_eq!(out.matches("error[unknown-notation]").count(), 2);
        assert!(out.ends_with("... and 3 more error(s)\n"), "{out}");
        let out = render_with(&list[..1], 50, "warning", |_| None);
        assert!(out.starts_with("warning[unknown-notation]"), "{out}");
    }

    #[test]
    fn positions_beyond_the_text_and_hostile_text_never_panic() {
        let hostile = "a\u{0}\u{1b}[31mb\u{202e}c\t日本😀|`*[";
        for text in ["", "x", "\n\n", hostile, "日本語\r\n😀"] {
            for (line, col) in [
                (0, 0),
                (1, 0),
                (1, 1),
                (1, 2),
                (1, 5),
                (1, 99),
                (2, 1),
                (9, 9),
            ] {
                let mut d = diag(line, col).with_snippet(hostile).with_hint(hostile);
                d.message = hostile.repeat(300);
                d.file = PathBuf::from(format!("dir\n{hostile}.md"));
                let out = render(&[d], 50, Some(text));
                assert!(
                    !out.contains('\u{1b}') && !out.contains('\u{202e}'),
                    "{out:?}"
                );
                assert!(!out.contains('\u{0}'), "{out:?}");
                assert!(out.len() < 8000, "{} bytes", out.len());
            }
        }
    }

    #[test]
    fn a_megabyte_line_is_trimmed_around_the_column() {
        let line = format!("{}XYZ{}", "a".repeat(1 << 20), "b".repeat(1000));
        let d = Diagnostic::new(
            ErrorKind::UnknownNotation,
            Path::new("big.md"),
            Some(Pos {
                line: 1,
                col: (1 << 20) + 1,
            }),
            "unknown",
        )
        .with_snippet("XYZ");
        let out = render(&[d], 50, Some(&line));
        assert!(out.contains("big.md:1:1048577"), "{out}");
        assert!(out.len() < 2000, "{} bytes", out.len());
    }
}
