//! Stage 2: markdown -> [`Doc`]. Knows markdown, not types.
//!
//! pulldown-cmark finds the block structure (title, sections, tables, code blocks); table
//! rows are split into cells here, from the source text, because a Type cell like
//! `**string*` means something to us that a markdown renderer would destroy, and because
//! GFM silently pads short rows, which we must report instead.

use crate::error::Pos;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// A piece of source text and where it starts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    pub text: String,
    pub pos: Pos,
}

/// One parsed doc.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Doc {
    /// The first `# ` heading; text before it (web page chrome) is ignored.
    pub title: Option<Text>,
    /// Raw markdown of the blocks between the title and the first section.
    pub description: Option<Text>,
    pub sections: Vec<Section>,
}

/// A heading of level 2 or more and the blocks up to the next heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub level: u8,
    pub heading: Text,
    /// The heading consisted of exactly one code span (`` ### `str` ``).
    pub heading_is_code: bool,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Table(Table),
    Code {
        lang: String,
        text: Text,
    },
    /// Any other block, as raw markdown.
    Other(Text),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<Text>,
    pub rows: Vec<Vec<Text>>,
    pub pos: Pos,
}

impl Section {
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
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
pub fn parse(text: &str) -> Doc {
    let lines = LineIndex::new(text);
    let mut doc = Doc::default();
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let mut events = Parser::new_ext(text, opts).into_offset_iter();

    // Depth of open container blocks; only top-level blocks are structure.
    let mut depth = 0usize;
    let mut desc: Option<Range<usize>> = None;
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Heading { level, .. }) if depth == 0 => {
                let (heading, is_code) = heading_text(&mut events);
                let heading = Text {
                    text: heading,
                    pos: lines.pos(range.start),
                };
                let level = level as u8;
                if doc.title.is_none() && level == 1 {
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
                        text: body,
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
                        text: text[range.clone()].to_string(),
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
            text: text[d.clone()].trim_end().to_string(),
            pos: lines.pos(d.start),
        });
    }
    doc
}

fn push_block(doc: &mut Doc, block: Block) {
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
    let text = text.trim().to_string();
    (text.clone(), code_only && parts == 1)
}

/// Reads a table's rows from the source, splitting cells on unescaped pipes.
fn table<'a>(
    src: &str,
    lines: &LineIndex,
    range: Range<usize>,
    events: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
) -> Table {
    let mut header = Vec::new();
    let mut rows = Vec::new();
    for (e, r) in events {
        match e {
            Event::Start(Tag::TableHead) => header = split_row(src, lines, r),
            Event::Start(Tag::TableRow) => rows.push(split_row(src, lines, r)),
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
fn split_row(src: &str, lines: &LineIndex, range: Range<usize>) -> Vec<Text> {
    let line = &src[range.clone()];
    // The row range may include the line break; keep to the first line.
    let line = line
        .split('\n')
        .next()
        .unwrap_or_default()
        .trim_end_matches('\r');
    let base = lines.pos(range.start);
    let mut cells = Vec::new();
    let bytes = line.as_bytes();
    // Cell boundaries: byte offsets of unescaped pipes.
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
    let lead = line.trim_start().starts_with('|');
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    for &b in &bounds {
        pieces.push((start, b));
        start = b + 1;
    }
    pieces.push((start, line.len()));
    if lead {
        pieces.remove(0);
    }
    if let Some(&(s, e)) = pieces.last() {
        if line[s..e].trim().is_empty() && line.trim_end().ends_with('|') && pieces.len() > 1 {
            pieces.pop();
        }
    }
    // Columns are counted incrementally so a very long line costs linear time.
    let mut col = base.col as usize;
    let mut last = 0usize;
    for (s, e) in pieces {
        let raw = &line[s..e];
        let lead_ws = raw.len() - raw.trim_start().len();
        col += line[last..s + lead_ws].chars().count();
        last = s + lead_ws;
        cells.push(Text {
            text: raw.trim().replace("\\|", "|"),
            pos: Pos {
                line: base.line,
                col: col as u32,
            },
        });
    }
    cells
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
        let header: Vec<_> = t.header.iter().map(|c| c.text.as_str()).collect();
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

    #[test]
    fn no_title() {
        let doc = parse("## Options\n\n### WithX\n");
        assert!(doc.title.is_none());
        assert_eq!(doc.sections[0].heading.text, "Options");
    }
}
