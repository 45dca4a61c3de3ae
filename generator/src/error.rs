//! Typed errors and warnings. Every diagnostic names a file and, where the problem is
//! inside a doc, the line and column of the offending text.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in a doc something is: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// What went wrong, by class. Tests match on the class, users read the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ErrorKind {
    /// The file could not be read.
    Io,
    /// The file is not UTF-8.
    NotUtf8,
    /// A doc has no `# Title`.
    MissingTitle,
    /// A doc has a title but no `## Fields`, `## Values` or `## Supported Types` section.
    MissingSection,
    /// A table lacks a column the doc kind needs.
    MissingColumn,
    /// A table row has fewer cells than the header.
    ShortRow,
    /// A cell that must hold something specific does not.
    BadCell,
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
    /// A union with no members, or a member that cannot be read.
    BadUnion,
    /// An enum value that cannot be represented (e.g. integer out of range).
    BadEnum,
    /// Something the generator cannot represent safely.
    Unsupported,
    /// Command-line or configuration misuse.
    Usage,
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
            ErrorKind::UnknownNotation => "unknown-notation",
            ErrorKind::UnbalancedBrackets => "unbalanced-brackets",
            ErrorKind::DanglingLink => "dangling-link",
            ErrorKind::LinkOutsideRoot => "link-outside-root",
            ErrorKind::LinkToSkipped => "link-to-skipped",
            ErrorKind::BadUnion => "bad-union",
            ErrorKind::BadEnum => "bad-enum",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::Usage => "usage",
        }
    }
}

/// One diagnostic: an error or a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub kind: ErrorKind,
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
    pub fn new(kind: ErrorKind, file: &Path, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            kind,
            file: file.to_path_buf(),
            pos,
            message: message.into(),
            snippet: None,
            hint: None,
        }
    }

    pub fn with_snippet(mut self, text: &str) -> Self {
        self.snippet = Some(shorten(text, 120));
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    fn sort_key(&self) -> (&Path, Option<Pos>, ErrorKind) {
        (&self.file, self.pos, self.kind)
    }
}

/// Shortens text for display, on a char boundary, with control characters made visible.
pub fn shorten(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == max_chars {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub diagnostics: Vec<Diagnostic>,
}

impl Error {
    pub fn new(mut diagnostics: Vec<Diagnostic>) -> Self {
        sort_diagnostics(&mut diagnostics);
        Error { diagnostics }
    }

    pub fn single(d: Diagnostic) -> Self {
        Error {
            diagnostics: vec![d],
        }
    }

    /// Renders at most `cap` diagnostics and a count of the rest.
    pub fn render(&self, cap: usize) -> String {
        render_list(&self.diagnostics, cap, "error")
    }
}

pub(crate) fn sort_diagnostics(list: &mut [Diagnostic]) {
    list.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Renders diagnostics one per paragraph, with a trailing count when capped.
pub fn render_list(list: &[Diagnostic], cap: usize, label: &str) -> String {
    let mut out = String::new();
    for d in list.iter().take(cap) {
        out.push_str(label);
        out.push_str(": ");
        out.push_str(&d.to_string());
        out.push('\n');
    }
    if list.len() > cap {
        out.push_str(&format!("... and {} more {label}(s)\n", list.len() - cap));
    }
    out
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.diagnostics.len();
        write!(
            f,
            "{n} error{} in the docs\n{}",
            if n == 1 { "" } else { "s" },
            self.render(50)
        )
    }
}

impl std::error::Error for Error {}
