//! Stage 2: markdown -> [`Doc`]. Knows markdown, not types.
//!
//! pulldown-cmark finds the block structure (title, sections, tables, code blocks); table
//! rows are split into cells here, from the source text, because a Type cell like
//! `**string*` means something to us that a markdown renderer would destroy, and because
//! GFM silently pads short rows, which we must report instead.
//!
//! MDX docs (`.mdx`) are read the same way: their YAML front matter (`title: "X"`)
//! names the model when no `# X` heading does, and the escapes MDX needs in cells
//! (`\{`, `\}`, `\<`, `\>`, like `\|`) are undone. Other sections (`## Example Usage`,
//! `## Union Discrimination`) are kept as sections for the model stage to use or not.

use crate::error::Pos;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::ops::Range;

/// A piece of source text and where it starts. Borrowed from the doc, so that parsing
/// copies no cell, unless it had to be rewritten (a cell with `\|`) or assembled
/// (headings, code blocks).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text<'a> {
    pub text: Cow<'a, str>,
    pub pos: Pos,
}

/// One parsed doc.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Doc<'a> {
    /// The first `# ` heading, or else the `title:` of a YAML front matter block (MDX);
    /// text before it (web page chrome) is ignored.
    pub title: Option<Text<'a>>,
    /// Raw markdown of the blocks between the title and the first section.
    pub description: Option<Text<'a>>,
    pub sections: Vec<Section<'a>>,
}

/// A heading of level 2 or more and the blocks up to the next heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section<'a> {
    pub level: u8,
    pub heading: Text<'a>,
    /// The heading consisted of exactly one code span (`` ### `str` ``).
    pub heading_is_code: bool,
    pub blocks: Vec<Block<'a>>,
}

/// One block of a section's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block<'a> {
    /// A table.
    Table(Table<'a>),
    /// A fenced code block.
    Code {
        /// The fence's language (`go`, `python`, `typescript`), or empty.
        lang: String,
        /// The code, with where it starts.
        text: Text<'a>,
    },
    /// Any other block, as raw markdown.
    Other(Text<'a>),
}

/// A markdown table: its header cells, its rows of cells, and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table<'a> {
    /// The header row's cells.
    pub header: Vec<Text<'a>>,
    /// The body rows, each as many cells as written (checked against the header later).
    pub rows: Vec<Vec<Text<'a>>>,
    /// The header row's position.
    pub pos: Pos,
}

impl<'a> Section<'a> {
    pub fn tables(&self) -> impl Iterator<Item = &Table<'a>> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }
}

/// Byte offset -> line and column.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// The offset where line `line` (1-based, as in [`Pos`]) ends: its `\n`, or the
    /// text's end.
    fn line_end(&self, line: u32) -> usize {
        self.starts
            .get(line as usize)
            .map_or(self.text.len(), |s| s - 1)
    }

    pub fn pos(&self, offset: usize) -> Pos {
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let col = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        Pos {
            line: line as u32 + 1,
            col: col as u32 + 1,
        }
    }
}

/// Parses one doc. Never fails: what is not there is `None` or empty, and the model
/// stage decides whether that is an error.
pub fn parse(text: &str) -> Doc<'_> {
    let lines = LineIndex::new(text);
    let mut doc = Doc::default();
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    // Front matter is read here rather than by pulldown-cmark, whose metadata blocks
    // may start at any block (a `---` rule mid-doc) and search ahead for their end.
    let (front_title, body) = front_matter(text, &lines);
    let from_front_matter = front_title.is_some();
    doc.title = front_title;
    let mut events = Parser::new_ext(&text[body..], opts)
        .into_offset_iter()
        .map(|(e, r)| (e, r.start + body..r.end + body));

    // Depth of open container blocks; only top-level blocks are structure.
    let mut depth = 0usize;
    let mut desc: Option<Range<usize>> = None;
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Heading { level, .. }) if depth == 0 => {
                let (heading, is_code) = heading_text(&mut events);
                let heading = Text {
                    text: Cow::Owned(heading),
                    pos: lines.pos(range.start),
                };
                let level = level as u8;
                // A `# Title` names the model, also after a front matter title (which
                // it then replaces, with the description read since).
                let replaces_front_matter = from_front_matter && doc.sections.is_empty();
                if level == 1 && (doc.title.is_none() || replaces_front_matter) {
                    if doc.title.is_some() {
                        desc = None;
                    }
                    doc.title = Some(heading);
                    continue;
                }
                doc.sections.push(Section {
                    level,
                    heading,
                    heading_is_code: is_code,
                    blocks: Vec::new(),
                });
            }
            Event::Start(Tag::Table(_)) if depth == 0 => {
                let table = table(text, &lines, range.clone(), &mut events);
                push_block(&mut doc, Block::Table(table));
            }
            Event::Start(Tag::CodeBlock(_))
                if depth == 0 && doc.title.is_some() && doc.sections.is_empty() =>
            {
                // A code block in the description belongs to it, like any other block
                // there (it used to open a section and drop the description).
                let mut end = range.end;
                for (e, r) in events.by_ref() {
                    if let Event::End(TagEnd::CodeBlock) = e {
                        end = end.max(r.end);
                        break;
                    }
                }
                desc = Some(match desc {
                    Some(d) => d.start..end,
                    None => range.start..end,
                });
            }
            Event::Start(Tag::CodeBlock(kind)) if depth == 0 => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => {
                        l.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                let mut body = String::new();
                for (e, _) in events.by_ref() {
                    match e {
                        Event::Text(t) => body.push_str(&t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                let block = Block::Code {
                    lang,
                    text: Text {
                        text: Cow::Owned(body),
                        pos: lines.pos(range.start),
                    },
                };
                push_block(&mut doc, block);
            }
            Event::Start(_) => {
                if depth == 0 && doc.title.is_some() && doc.sections.is_empty() {
                    desc = Some(match desc {
                        Some(d) => d.start..range.end,
                        None => range.clone(),
                    });
                } else if depth == 0 && doc.title.is_some() {
                    let t = Text {
                        text: Cow::Borrowed(&text[range.clone()]),
                        pos: lines.pos(range.start),
                    };
                    push_block(&mut doc, Block::Other(t));
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Rule | Event::Html(_)
                if depth == 0 && doc.title.is_some() && doc.sections.is_empty() =>
            {
                desc = Some(match desc {
                    Some(d) => d.start..range.end,
                    None => range.clone(),
                });
            }
            _ => {}
        }
    }
    if let Some(d) = desc {
        doc.description = Some(Text {
            text: Cow::Borrowed(text[d.clone()].trim_end()),
            pos: lines.pos(d.start),
        });
    }
    doc
}

fn push_block<'a>(doc: &mut Doc<'a>, block: Block<'a>) {
    // Blocks before the title are page chrome; blocks between the title and the first
    // section belong to no section and are kept only as description (tables there are
    // reported by the model stage as misplaced).
    if doc.title.is_none() && doc.sections.is_empty() {
        return;
    }
    match doc.sections.last_mut() {
        Some(s) => s.blocks.push(block),
        None => doc.sections.push(Section {
            level: 0,
            heading: Text::default(),
            heading_is_code: false,
            blocks: vec![block],
        }),
    }
}

/// Collects a heading's text up to its end; reports whether it was a single code span.
fn heading_text<'a>(
    events: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
) -> (String, bool) {
    let mut text = String::new();
    let mut parts = 0;
    let mut code_only = true;
    for (e, _) in events {
        match e {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) => {
                parts += 1;
                code_only = false;
                text.push_str(&t);
            }
            Event::Code(t) => {
                parts += 1;
                text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    let trimmed = text.trim();
    if trimmed.len() != text.len() {
        text = trimmed.to_string();
    }
    (text, code_only && parts == 1)
}

/// Reads a table's rows from the source, splitting cells on unescaped pipes.
fn table<'a>(
    src: &'a str,
    lines: &LineIndex,
    range: Range<usize>,
    events: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
) -> Table<'a> {
    let mut header = Vec::new();
    let mut rows = Vec::new();
    // Reused for every row.
    let mut pieces = Vec::new();
    for (e, r) in events {
        match e {
            Event::Start(Tag::TableHead) => header = split_row(src, lines, r, &mut pieces),
            Event::Start(Tag::TableRow) => rows.push(split_row(src, lines, r, &mut pieces)),
            Event::End(TagEnd::Table) => break,
            _ => {}
        }
    }
    Table {
        header,
        rows,
        pos: lines.pos(range.start),
    }
}

/// Splits one table line into trimmed cells with their positions. A leading and a
/// trailing pipe delimit the row; `\|` is a literal pipe, in code spans too.
fn split_row<'a>(
    src: &'a str,
    lines: &LineIndex,
    range: Range<usize>,
    pieces: &mut Vec<Piece>,
) -> Vec<Text<'a>> {
    let base = lines.pos(range.start);
    // The row range may include the line break; keep to the first line.
    let end = range.end.min(lines.line_end(base.line));
    let line = src[range.start..end].trim_end_matches('\r');
    let ascii = scan_row(line, pieces);
    // A leading pipe opens the row (the blank before it is no cell), and a trailing
    // pipe followed only by blanks closes it.
    let mut cells: &[Piece] = pieces;
    if cells.len() > 1 && cells[0].is_blank() {
        cells = &cells[1..];
    }
    if cells.len() > 1 && cells[cells.len() - 1].is_blank() {
        cells = &cells[..cells.len() - 1];
    }
    let mut out = Vec::with_capacity(cells.len());
    // Columns count chars; on an ASCII line (most are) that is a byte distance.
    // They are counted incrementally so a very long line costs linear time.
    let mut col = base.col as usize;
    let mut counted = 0usize;
    for p in cells {
        let Range { start, end } = p.kept;
        col += if ascii {
            start - counted
        } else {
            line[counted..start].chars().count()
        };
        counted = start;
        let raw = &line[start..end];
        let text = if p.backslash {
            unescape_cell(raw)
        } else {
            Cow::Borrowed(raw)
        };
        out.push(Text {
            text,
            pos: Pos {
                line: base.line,
                col: col as u32,
            },
        });
    }
    out
}

/// Undoes the escapes a cell may hold: `\|` (a pipe inside a cell) and the `\{`, `\}`,
/// `\<`, `\>` that MDX needs (CommonMark reads them the same, and a `.md` doc written by
/// the SDK generators has none). Every other backslash stays as written, `\\`
/// included: JSON examples keep their escapes (`"a\"b"`).
fn unescape_cell(raw: &str) -> Cow<'_, str> {
    let b = raw.as_bytes();
    let mut out: Option<String> = None;
    let (mut i, mut kept) = (0, 0);
    while i + 1 < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        if matches!(b[i + 1], b'|' | b'{' | b'}' | b'<' | b'>') {
            let o = out.get_or_insert_with(|| String::with_capacity(raw.len()));
            o.push_str(&raw[kept..i]);
            kept = i + 1;
        }
        // Past the escaped byte (an escaped backslash escapes nothing); it may start a
        // multi-byte char, but only backslashes are looked at and they are ASCII.
        i += 2;
    }
    match out {
        Some(mut o) => {
            o.push_str(&raw[kept..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(raw),
    }
}

/// A YAML front matter block at the very start of `text` (`---` lines around it, the
/// closing one may be `...`): its `title:`, and where the markdown after it starts.
/// Without a closed block, no front matter: the text is all markdown.
fn front_matter<'a>(text: &'a str, lines: &LineIndex) -> (Option<Text<'a>>, usize) {
    let mut rest = text.split_inclusive('\n');
    if rest.next().map(|l| l.trim_end()) != Some("---") {
        return (None, 0);
    }
    let mut offset = text.find('\n').map_or(text.len(), |n| n + 1);
    let mut title = None;
    for line in rest {
        let end = offset + line.len();
        let l = line.trim_end();
        if l == "---" || l == "..." {
            return (title, end);
        }
        if title.is_none() {
            if let Some(v) = l.strip_prefix("title:") {
                let value = v.trim_start();
                let at = offset + "title:".len() + (v.len() - value.len());
                title = Some(Text {
                    text: yaml_scalar(value),
                    pos: lines.pos(at),
                });
            }
        }
        offset = end;
    }
    (None, 0)
}

/// A YAML scalar as one line writes it: `"double"` (with `\"` and `\\` escapes),
/// `'single'` (with `''`), or plain (up to a ` #` comment).
fn yaml_scalar(v: &str) -> Cow<'_, str> {
    let v = v.trim();
    if let Some(inner) = v.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        if !inner.contains('\\') {
            return Cow::Borrowed(inner);
        }
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(e) => out.push(e),
                None => out.push('\\'),
            }
        }
        return Cow::Owned(out);
    }
    if let Some(inner) = v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
        return if inner.contains("''") {
            Cow::Owned(inner.replace("''", "'"))
        } else {
            Cow::Borrowed(inner)
        };
    }
    Cow::Borrowed(v.split(" #").next().unwrap_or(v).trim_end())
}

/// A stretch of a table row between delimiting pipes, as byte offsets into the line.
struct Piece {
    /// What `str::trim` keeps; when that is nothing, the empty range at the end.
    kept: Range<usize>,
    /// Whether it holds a backslash (and so maybe an escaped pipe).
    backslash: bool,
}

impl Piece {
    fn new(line: &str, span: Range<usize>, backslash: bool) -> Piece {
        let kept = trim_range(&line[span.clone()]);
        Piece {
            kept: if kept.is_empty() {
                span.end..span.end
            } else {
                span.start + kept.start..span.start + kept.end
            },
            backslash,
        }
    }

    fn is_blank(&self) -> bool {
        self.kept.is_empty()
    }
}

/// Splits `line` at its unescaped pipes (a backslash escapes the byte after it) into
/// `pieces`. Returns whether the line is ASCII.
fn scan_row(line: &str, pieces: &mut Vec<Piece>) -> bool {
    let bytes = line.as_bytes();
    pieces.clear();
    let mut scan = RowScan {
        line,
        pieces,
        start: 0,
        backslash: false,
        escaped: false,
    };
    let mut ascii = true;
    // Rows are mostly padding and words: eight bytes at a time, looked at one by one
    // only when they hold a pipe or a backslash.
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        // (Always eight bytes.)
        let w = u64::from_le_bytes(word.try_into().unwrap_or_default());
        ascii &= w & 0x8080_8080_8080_8080 == 0;
        if has_byte(w, b'|') || has_byte(w, b'\\') {
            for (k, &b) in word.iter().enumerate() {
                scan.byte(at + k, b);
            }
        } else {
            // The word ends in a byte that is no backslash.
            scan.escaped = false;
        }
        at += 8;
    }
    for (k, &b) in words.remainder().iter().enumerate() {
        ascii &= b.is_ascii();
        scan.byte(at + k, b);
    }
    let last = Piece::new(line, scan.start..bytes.len(), scan.backslash);
    scan.pieces.push(last);
    ascii
}

/// Where [`scan_row`] is between bytes.
struct RowScan<'l, 'p> {
    line: &'l str,
    pieces: &'p mut Vec<Piece>,
    /// The current piece: where it starts, whether it holds a backslash.
    start: usize,
    backslash: bool,
    /// Whether the current byte is escaped: it follows a backslash that is not.
    escaped: bool,
}

impl RowScan<'_, '_> {
    fn byte(&mut self, i: usize, b: u8) {
        if b == b'|' && !self.escaped {
            self.pieces
                .push(Piece::new(self.line, self.start..i, self.backslash));
            self.start = i + 1;
            self.backslash = false;
        }
        self.backslash |= b == b'\\';
        self.escaped = b == b'\\' && !self.escaped;
    }
}

/// Whether any of the eight bytes of `word` is `byte` (the zero-byte test of
/// "Bit Twiddling Hacks" applied to `word ^ byte…`; exact for this yes/no question).
fn has_byte(word: u64, byte: u8) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & (ONES << 7) != 0
}

/// The part of `s` that `str::trim` keeps. Aligned tables pad cells with long runs of
/// spaces, so those are skipped eight bytes at a time before `trim` sees the rest.
fn trim_range(s: &str) -> Range<usize> {
    const SPACES: &[u8; 8] = b"        ";
    let b = s.as_bytes();
    let mut start = 0;
    while b[start..].first_chunk() == Some(SPACES) {
        start += SPACES.len();
    }
    let mut end = b.len();
    while b[start..end].last_chunk() == Some(SPACES) {
        end -= SPACES.len();
    }
    // Only ASCII spaces were skipped, so both ends are on char boundaries.
    let inner = &s[start..end];
    let kept = inner.trim_start();
    let start = start + (inner.len() - kept.len());
    start..start + kept.trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PY: &str = "# Pin\n\nA pin.\n\n## Fields\n\n| Field | Type | Required | Description |\n| ----- | ---- | -------- | ----------- |\n| `id` | *Optional[int]* | :heavy_minus_sign: | a \\| b |\n| ~~`old`~~ | **string* | :heavy_check_mark: | N/A |";

    #[test]
    fn title_description_and_table() {
        let doc = parse(PY);
        assert_eq!(doc.title.as_ref().unwrap().text, "Pin");
        assert_eq!(doc.description.as_ref().unwrap().text, "A pin.");
        assert_eq!(doc.sections.len(), 1);
        let s = &doc.sections[0];
        assert_eq!(s.heading.text, "Fields");
        let t = s.tables().next().unwrap();
        let header: Vec<_> = t.header.iter().map(|c| &*c.text).collect();
        assert_eq!(header, ["Field", "Type", "Required", "Description"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0][1].text, "*Optional[int]*");
        assert_eq!(t.rows[0][3].text, "a | b");
        assert_eq!(t.rows[1][0].text, "~~`old`~~");
        assert_eq!(t.rows[1][1].text, "**string*");
        assert_eq!(t.rows[0][1].pos, Pos { line: 9, col: 10 });
    }

    #[test]
    fn page_chrome_before_the_title_is_ignored_and_blank_lines_are_optional() {
        let text = "Files\nrepo/docs/x.md\n\n21 lines\n\n# Pin\nAccess\n## Fields\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `ID` | **float64* | :heavy_minus_sign: | N/A |";
        let doc = parse(text);
        assert_eq!(doc.title.unwrap().text, "Pin");
        assert_eq!(doc.description.unwrap().text, "Access");
        let t = doc.sections[0].tables().next().unwrap();
        assert_eq!(t.rows[0][0].text, "`ID`");
        assert_eq!(t.rows[0][0].pos.line, 11);
    }

    #[test]
    fn short_rows_are_not_padded() {
        let text = "# T\n## Fields\n| Field | Type | Required | Description |\n| - | - | - | - |\n| `a` | *str* |";
        let doc = parse(text);
        let t = doc.sections[0].tables().next().unwrap();
        assert_eq!(t.rows[0].len(), 2);
    }

    #[test]
    fn union_members_and_code_blocks() {
        let text = "# V\n\n## Supported Types\n\n### `str`\n\n```python\nvalue: str = /* values here */\n```\n\n### \n\n```go\nv := components.CreateVNumber(float64{/* values here */})\n```\n";
        let doc = parse(text);
        assert_eq!(doc.sections.len(), 3);
        assert!(doc.sections[1].heading_is_code);
        assert_eq!(doc.sections[1].heading.text, "str");
        assert_eq!(doc.sections[2].heading.text, "");
        match &doc.sections[2].blocks[0] {
            Block::Code { lang, text } => {
                assert_eq!(lang, "go");
                assert!(text.text.contains("CreateVNumber"));
            }
            other => panic!("expected a code block, got {other:?}"),
        }
    }

    #[test]
    fn code_blocks_in_the_description_stay_in_it() {
        let text = "# T\n\n```rust\nfn x() {}\n```\n\nMore.\n\n## Values\n\n| Name | Value |\n| - | - |\n| `A` | a |";
        let doc = parse(text);
        let desc = doc.description.unwrap();
        assert_eq!(desc.text, "```rust\nfn x() {}\n```\n\nMore.");
        assert_eq!(desc.pos, Pos { line: 3, col: 1 });
        assert_eq!(doc.sections.len(), 1);
        assert_eq!(doc.sections[0].heading.text, "Values");
    }

    /// The row splitter as first written (a byte loop for the pipes, then trim), to
    /// check the one-pass scanner against.
    fn split_row_reference(line: &str) -> Vec<(String, u32)> {
        let bytes = line.as_bytes();
        let mut bounds = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 2,
                b'|' => {
                    bounds.push(i);
                    i += 1;
                }
                _ => i += 1,
            }
        }
        let mut start = 0;
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        for &b in &bounds {
            pieces.push((start, b));
            start = b + 1;
        }
        pieces.push((start, line.len()));
        if line.trim_start().starts_with('|') {
            pieces.remove(0);
        }
        if let Some(&(s, e)) = pieces.last() {
            if line[s..e].trim().is_empty() && line.trim_end().ends_with('|') && pieces.len() > 1 {
                pieces.pop();
            }
        }
        let mut col = 1;
        let mut last = 0;
        let mut cells = Vec::new();
        for (s, e) in pieces {
            let raw = &line[s..e];
            let lead = raw.len() - raw.trim_start().len();
            col += line[last..s + lead].chars().count();
            last = s + lead;
            cells.push((unescape_reference(raw.trim()), col as u32));
        }
        cells
    }

    /// `\|`, `\{`, `\}`, `\<`, `\>` -> the character; `\\` and other escapes kept.
    fn unescape_reference(cell: &str) -> String {
        let mut out = String::new();
        let mut chars = cell.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek()) {
                ('\\', Some(&n)) if "|{}<>".contains(n) => {
                    out.push(n);
                    chars.next();
                }
                ('\\', Some(&n)) => {
                    out.push(c);
                    out.push(n);
                    chars.next();
                }
                _ => out.push(c),
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn rows_split_as_before(
            line in "(        |[ |\\\\a`é{<>}\u{a0}\u{3000}\t\u{b}\r]){0,24}"
        ) {
            let lines = LineIndex::new(&line);
            let got: Vec<_> = split_row(&line, &lines, 0..line.len(), &mut Vec::new())
                .into_iter()
                .map(|c| (c.text.into_owned(), c.pos.col))
                .collect();
            let line = line.trim_end_matches('\r');
            proptest::prop_assert_eq!(got, split_row_reference(line));
        }
    }

    #[test]
    fn mdx_front_matter_names_the_model() {
        let text = "---\ntitle: \"ActionOpenPage\"\n---\n\nOpens a page.\n\n## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n| `URL` | optionalnullable.OptionalNullable[`string`] | :heavy_minus_sign: | N/A |";
        let doc = parse(text);
        let title = doc.title.unwrap();
        assert_eq!(title.text, "ActionOpenPage");
        assert_eq!(title.pos, Pos { line: 2, col: 8 });
        assert_eq!(doc.description.unwrap().text, "Opens a page.");
        assert_eq!(doc.sections.len(), 1);
        assert_eq!(doc.sections[0].heading.text, "Fields");
        let t = doc.sections[0].tables().next().unwrap();
        assert_eq!(
            t.rows[0][1].text,
            "optionalnullable.OptionalNullable[`string`]"
        );
        assert_eq!(t.rows[0][1].pos.line, 11);
        // Unquoted, single-quoted and escaped titles; other keys are ignored.
        let title = |fm: &str| parse(fm).title.map(|t| t.text.into_owned());
        assert_eq!(
            title("---\nlayout: x\ntitle: Tag\n---\n"),
            Some("Tag".into())
        );
        assert_eq!(title("---\ntitle: 'It''s'\n...\n"), Some("It's".into()));
        assert_eq!(
            title("---\r\ntitle: \"A\\\"B\"\r\n---\r\n"),
            Some("A\"B".into())
        );
        assert_eq!(
            title("---\ntitle: Tag # a comment\n---\n"),
            Some("Tag".into())
        );
        assert_eq!(title("---\nlayout: x\n---\n## Fields\n"), None);
    }

    #[test]
    fn a_heading_names_the_model_before_front_matter() {
        let doc = parse("---\ntitle: \"Page\"\n---\nNot this.\n# Tag\nA tag.\n## Values\n");
        assert_eq!(doc.title.unwrap().text, "Tag");
        assert_eq!(doc.description.unwrap().text, "A tag.");
        // An unclosed block is no front matter: a rule and a setext heading.
        let doc = parse("---\ntitle: \"Page\"\n# Tag\n");
        assert_eq!(doc.title.unwrap().text, "Tag");
        // A rule later in the doc is no front matter either.
        let doc = parse("# Tag\n\n---\ntitle: x\n---\n## Fields\n");
        assert_eq!(doc.title.unwrap().text, "Tag");
        assert_eq!(doc.sections.last().unwrap().heading.text, "Fields");
    }

    #[test]
    fn mdx_escapes_in_cells_are_undone() {
        let text = "# T\n## Fields\n| Field | Type | Required | Description | Example |\n| - | - | - | - | - |\n| `meta` | Record\\<string, *any*> | :heavy_minus_sign: | a \\<b\\> \\| c | \\{<br/>\"k\": \"a\\\"b\\\\{\"<br/>\\} |";
        let doc = parse(text);
        let row = &doc.sections[0].tables().next().unwrap().rows[0];
        assert_eq!(row[1].text, "Record<string, *any*>");
        assert_eq!(row[3].text, "a <b> | c");
        // JSON escapes stay, an escaped backslash escapes nothing.
        assert_eq!(row[4].text, "{<br/>\"k\": \"a\\\"b\\\\{\"<br/>}");
        assert_eq!(unescape_cell("no escapes"), Cow::Borrowed("no escapes"));
        assert_eq!(unescape_cell("\\é\\<"), "\\é<");
        assert_eq!(unescape_cell("end\\"), "end\\");
    }

    #[test]
    fn other_sections_notices_and_html() {
        let text = "# Unit\n\n**Pre-release Feature**\nThis feature is in beta.\n\n## Example Usage\n\n```typescript\nlet value: Unit = \"a\";\n```\n\n## Supported Types\n\n### `models.A`\n\n```typescript\nconst value: models.A = {};\n```\n\n## Union Discrimination\n\n```go\nswitch u.Type {\n}\n```\n\n## Values\n\n```typescript\n\"a\" | \"b\" | Unrecognized<string>\n```\n";
        let doc = parse(text);
        let desc = doc.description.unwrap();
        assert_eq!(
            desc.text,
            "**Pre-release Feature**\nThis feature is in beta."
        );
        let headings: Vec<_> = doc
            .sections
            .iter()
            .map(|s| (s.level, &*s.heading.text))
            .collect();
        assert_eq!(
            headings,
            [
                (2, "Example Usage"),
                (2, "Supported Types"),
                (3, "models.A"),
                (2, "Union Discrimination"),
                (2, "Values")
            ]
        );
        match &doc.sections[4].blocks[..] {
            [Block::Code { lang, text }] => {
                assert_eq!(lang, "typescript");
                assert_eq!(text.text, "\"a\" | \"b\" | Unrecognized<string>\n");
            }
            other => panic!("expected one code block, got {other:?}"),
        }
        // Raw HTML and `<br/>` in cells are cell text, escaped pipes too.
        let text = "# T\n## Fields\n| Field | Type | Required | Description |\n| - | - | - | - |\n| `a` | *str* | :heavy_check_mark: | <table><tr><td>x \\| y</td></tr></table><br/>**Pre-release Feature**<br/>z |\n| `b` | *int* | :heavy_minus_sign: | <a href=\"x\">x</a> |";
        let doc = parse(text);
        let t = doc.sections[0].tables().next().unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(
            t.rows[0][3].text,
            "<table><tr><td>x | y</td></tr></table><br/>**Pre-release Feature**<br/>z"
        );
        assert_eq!(t.rows[1][3].text, "<a href=\"x\">x</a>");
    }

    #[test]
    fn no_title() {
        let doc = parse("## Options\n\n### WithX\n");
        assert!(doc.title.is_none());
        assert_eq!(doc.sections[0].heading.text, "Options");
    }
}
