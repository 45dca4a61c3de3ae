//! Doc text -> markdown that rustdoc renders cleanly and without warnings.
//!
//! Doc cells are markdown with `<br/>` for newlines. They are parsed with pulldown-cmark
//! and written back out from the events, so only constructs we chose survive: text is
//! escaped (no accidental HTML, intra-doc links or emphasis), code blocks become
//! ```` ```json ```` when they hold JSON (an object or array, laid out two spaces a
//! level: table cells lose the indentation) and ```` ```text ```` otherwise; rustdoc
//! runs only unlabelled and `rust` blocks as doctests, so neither is ever compiled.
//! Bare URLs become autolinks, HTML links (`<a href>`) markdown links, and relative
//! or anchor links keep their text only.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;

/// Replaces the cell line-break markup with newlines.
pub fn unbreak(text: &str) -> String {
    unbreak_cow(text).into_owned()
}

/// [`unbreak`], borrowing the text when it has no break (most cells have none).
pub(crate) fn unbreak_cow(text: &str) -> Cow<'_, str> {
    if !text.contains("<br") {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.replace("<br/>", "\n")
            .replace("<br />", "\n")
            .replace("<br>", "\n"),
    )
}

/// Renders doc markdown (cell or description text) as rustdoc-safe markdown.
pub fn rustdoc(src: &str) -> String {
    let src = unbreak_cow(src);
    if is_plain_paragraph(&src) {
        // What the events of such a paragraph make the writer do, without the cost of
        // setting up a markdown parser for every cell.
        let mut w = Writer::with_capacity(src.len());
        w.block();
        w.text(&src, false);
        w.block();
        return w.finish();
    }
    render(&src)
}

/// Whether pulldown-cmark reads `src` as one paragraph holding a single text event
/// with all of `src`: one line, no byte that can start inline markup (the parser's
/// own list, for the options [`render`] uses), no block marker or indentation at the
/// start, and nothing for the paragraph to trim at either end.
fn is_plain_paragraph(src: &str) -> bool {
    let (Some(first), Some(last)) = (src.chars().next(), src.chars().next_back()) else {
        return false;
    };
    if first.is_whitespace() || last.is_whitespace() || first.is_ascii_digit() {
        return false;
    }
    if matches!(first, '#' | '>' | '-' | '+' | '=' | '|' | ':') {
        return false;
    }
    src.bytes().all(|b| {
        !(b.is_ascii_control()
            || matches!(
                b,
                b'*' | b'_' | b'&' | b'\\' | b'[' | b']' | b'<' | b'!' | b'`' | b'~'
            ))
    })
}

/// [`rustdoc`] for any markdown: writes the parser's events back out.
fn render(src: &str) -> String {
    let mut w = Writer::with_capacity(src.len());
    let mut link_stack: Vec<Option<String>> = Vec::new();
    // How many entries of `link_stack` are kept links (images nest without limit).
    let mut open_links = 0usize;
    let mut list_stack: Vec<Option<u64>> = Vec::new();
    // The text of the code block being read, and whether its fence says JSON.
    let mut code: Option<(String, bool)> = None;
    // An HTML `<a href>` being read, with its URL when it is kept (see `html_anchor`).
    let mut anchor: Option<Option<String>> = None;
    for event in Parser::new_ext(src, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => w.block(),
                Tag::Heading { .. } => {
                    w.block();
                    w.raw("**");
                }
                Tag::BlockQuote(_) => w.block(),
                Tag::CodeBlock(kind) => {
                    let json = match kind {
                        CodeBlockKind::Fenced(info) => info
                            .split(|c: char| c.is_whitespace() || c == ',')
                            .next()
                            .is_some_and(|lang| lang.eq_ignore_ascii_case("json")),
                        CodeBlockKind::Indented => false,
                    };
                    code = Some((String::new(), json));
                }
                Tag::List(start) => {
                    w.block();
                    list_stack.push(start);
                }
                Tag::Item => {
                    w.newline();
                    let indent = "  ".repeat(list_stack.len().saturating_sub(1));
                    w.raw(&indent);
                    match list_stack.last_mut() {
                        Some(Some(n)) => {
                            w.raw(&format!("{n}. "));
                            *n += 1;
                        }
                        _ => w.raw("- "),
                    }
                }
                Tag::Emphasis => w.raw("*"),
                Tag::Strong => w.raw("**"),
                Tag::Strikethrough => w.raw("~~"),
                Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                    // Links do not nest: inside an HTML link, only the text stays.
                    let url = safe_url(&dest_url).filter(|_| anchor.is_none());
                    if url.is_some() {
                        w.raw("[");
                        open_links += 1;
                    }
                    link_stack.push(url);
                }
                _ => {}
            },
            Event::End(tag) => {
                // An HTML link left open ends with its block: links do not span blocks.
                let inline = matches!(
                    tag,
                    TagEnd::Emphasis
                        | TagEnd::Strong
                        | TagEnd::Strikethrough
                        | TagEnd::Link
                        | TagEnd::Image
                );
                if !inline {
                    if let Some(Some(url)) = anchor.take() {
                        w.raw(&format!("]({url})"));
                    }
                }
                match tag {
                    TagEnd::Heading(_) => {
                        w.raw("**");
                        w.block();
                    }
                    TagEnd::Paragraph | TagEnd::BlockQuote(_) => w.block(),
                    TagEnd::CodeBlock => {
                        if let Some((text, json)) = code.take() {
                            w.block();
                            w.raw(&fenced(&text, json));
                            w.block();
                        }
                    }
                    TagEnd::List(_) => {
                        list_stack.pop();
                        w.block();
                    }
                    TagEnd::Emphasis => w.raw("*"),
                    TagEnd::Strong => w.raw("**"),
                    TagEnd::Strikethrough => w.raw("~~"),
                    TagEnd::Link | TagEnd::Image => {
                        if let Some(Some(url)) = link_stack.pop() {
                            open_links -= 1;
                            w.raw(&format!("]({url})"));
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if code.is_some() => {
                if let Some((text, _)) = &mut code {
                    text.push_str(&t);
                }
            }
            Event::Text(t) => w.text(&t, open_links > 0 || matches!(anchor, Some(Some(_)))),
            Event::Code(c) => w.raw(&code_span(&c)),
            // `<a href="https://…">text</a>` becomes a markdown link, as rustdoc
            // renders it; other HTML is shown as text, its URLs as autolinks (rustdoc
            // warns on bare ones).
            Event::InlineHtml(h) if anchor.is_none() && open_links == 0 => match html_anchor(&h) {
                Some(url) => {
                    if url.is_some() {
                        w.raw("[");
                    }
                    anchor = Some(url);
                }
                None => w.text(&h, false),
            },
            Event::InlineHtml(h) if anchor.is_some() && h.trim().eq_ignore_ascii_case("</a>") => {
                if let Some(Some(url)) = anchor.take() {
                    w.raw(&format!("]({url})"));
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                w.text(&h, open_links > 0 || matches!(anchor, Some(Some(_))))
            }
            Event::SoftBreak | Event::HardBreak => w.newline(),
            Event::Rule => w.block(),
            _ => {}
        }
    }
    // An HTML link left open still ends as one.
    if let Some(Some(url)) = anchor {
        w.raw(&format!("]({url})"));
    }
    w.finish()
}

/// The target of an HTML link's opening tag (`<a href="…" title="…">`): `Some(url)`
/// for a web link (see [`safe_url`]), `Some(None)` for any other target or none;
/// `None` for other HTML.
fn html_anchor(html: &str) -> Option<Option<String>> {
    // ASCII lower-casing keeps every byte where it was, so positions carry over.
    let lower = html.to_ascii_lowercase();
    let rest = lower.strip_prefix("<a")?;
    if !(rest.starts_with(|c: char| c.is_ascii_whitespace() || c == '>') && rest.ends_with('>')) {
        return None;
    }
    let Some(at) = lower.find("href=") else {
        return Some(None);
    };
    let value = &html[at + "href=".len()..];
    let url = match value.chars().next() {
        Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or_default(),
        _ => value
            .split(|c: char| c.is_ascii_whitespace() || c == '>')
            .next()
            .unwrap_or_default(),
    };
    Some(safe_url(url))
}

/// Writes `text` as an inline code span, fenced so that backticks inside survive.
pub fn code_span(text: &str) -> String {
    let mut out = String::new();
    push_code_span(&mut out, text);
    out
}

/// [`code_span`], appended to `out`.
pub(crate) fn push_code_span(out: &mut String, text: &str) {
    let mut text = without_controls(text);
    if text.contains('\n') {
        text = Cow::Owned(text.replace('\n', " "));
    }
    let fence = longest_run(&text, '`') + 1;
    let pad = if text.starts_with('`') || text.ends_with('`') || text.is_empty() {
        " "
    } else {
        ""
    };
    out.reserve(text.len() + 2 * (fence + pad.len()));
    out.extend(std::iter::repeat_n('`', fence));
    out.push_str(pad);
    out.push_str(&text);
    out.push_str(pad);
    out.extend(std::iter::repeat_n('`', fence));
}

/// An Example cell: a JSON object or array, or text over several lines, as a block;
/// anything else as a code span.
pub(crate) fn push_example(doc: &mut String, example: &str) {
    let trimmed = example.trim();
    let json = trimmed.len() > 2 && json_layout(trimmed).is_some();
    if json || example.contains('\n') {
        doc.push_str("Example:\n\n");
        doc.push_str(&fenced(example, false));
    } else {
        doc.push_str("Example: ");
        push_code_span(doc, example);
    }
}

/// `text` in a fence longer than any run of backticks in it: ```` ```json ```` when
/// `json` (the author said so) or when it is a JSON object or array, laid out anew
/// when it is valid JSON.
fn fenced(text: &str, json: bool) -> String {
    let text = without_controls(text);
    let laid = json_layout(text.trim());
    let (lang, body) = match &laid {
        Some(laid) => ("json", laid.as_str()),
        None if json => ("json", text.trim_end()),
        None => ("text", text.trim_end()),
    };
    let body = body.trim_start_matches('\n');
    let fence = "`".repeat(longest_run(body, '`').max(2) + 1);
    format!("{fence}{lang}\n{body}\n{fence}")
}

/// A JSON object or array laid out one entry a line, two spaces a level, its keys,
/// strings and numbers as written; `None` for anything else, and for JSON nested
/// deeper than 32 levels (the indentation would grow with the square of
/// the text).
fn json_layout(text: &str) -> Option<String> {
    const MAX_JSON_DEPTH: usize = 32;
    if !(text.starts_with('{') || text.starts_with('[')) {
        return None;
    }
    serde_json::from_str::<serde::de::IgnoredAny>(text).ok()?;
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let indent = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                while chars.next_if(|c| c.is_whitespace()).is_some() {}
                // An empty object or array stays on its line.
                if let Some(close) = chars.next_if(|&n| n == '}' || n == ']') {
                    out.push(close);
                } else {
                    depth += 1;
                    if depth > MAX_JSON_DEPTH {
                        return None;
                    }
                    indent(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                indent(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                indent(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    Some(out)
}

fn longest_run(text: &str, ch: char) -> usize {
    let mut best = 0;
    let mut cur = 0;
    for c in text.chars() {
        if c == ch {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}

/// Drops control characters (but `\n`) and the invisible codepoints that change the
/// direction of text: rustc refuses those in doc comments
/// (`text_direction_codepoint_in_comment`, deny by default), so a doc carrying one
/// would make the generated code fail to compile.
pub fn strip_controls(text: &str) -> String {
    without_controls(text).into_owned()
}

/// [`strip_controls`], borrowing the text when there is nothing to drop.
fn without_controls(text: &str) -> Cow<'_, str> {
    let keep = |c: char| c == '\n' || !(c.is_control() || is_bidi_control(c));
    // Printable ASCII (and `\n`) is always kept: a quick check spares the char walk.
    let plain = |b: &u8| (b' '..=b'~').contains(b) || *b == b'\n';
    if text.as_bytes().iter().all(plain) || text.chars().all(keep) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| keep(c)).collect())
    }
}

/// The codepoints rustc's `text_direction_codepoint_*` lints reject, plus the marks
/// that only make sense next to them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Only absolute web links survive; anchors and relative links point at pages that
/// do not exist in rustdoc's output.
fn safe_url(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return None;
    }
    let mut out = String::new();
    for c in url.chars() {
        match c {
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Some(out)
}

struct Writer {
    out: String,
}

impl Writer {
    /// Output is about as long as the input: escapes add a little, breaks take some.
    fn with_capacity(n: usize) -> Self {
        Writer {
            out: String::with_capacity(n + n / 8),
        }
    }

    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn newline(&mut self) {
        let trimmed = self.out.trim_end_matches(' ').len();
        self.out.truncate(trimmed);
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    fn block(&mut self) {
        self.newline();
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn at_line_start(&self) -> bool {
        self.out.is_empty() || self.out.ends_with('\n')
    }

    /// Escapes text so rustdoc shows it literally. Bare URLs become autolinks
    /// (rustdoc warns on bare URLs) unless already inside a link.
    fn text(&mut self, t: &str, in_link: bool) {
        let t = without_controls(t);
        let mut rest: &str = &t;
        while !rest.is_empty() {
            let url_at = if in_link { None } else { find_url(rest) };
            let (plain, url) = match url_at {
                Some((s, e)) => (&rest[..s], Some(&rest[s..e])),
                None => (rest, None),
            };
            self.escaped(plain);
            match url {
                Some(u) => {
                    self.out.push('<');
                    self.out.push_str(u);
                    self.out.push('>');
                    rest = &rest[plain.len() + u.len()..];
                }
                None => rest = "",
            }
        }
    }

    /// Writes `plain` escaped, char by char as [`Writer::escaped_char`] does, but
    /// copying runs that need nothing in one go.
    fn escaped(&mut self, mut plain: &str) {
        while let Some(c) = plain.chars().next() {
            if !self.at_line_start() {
                // Away from a line start only these are escaped or handled specially.
                let run = plain
                    .bytes()
                    .position(|b| {
                        matches!(
                            b,
                            b'<' | b'>'
                                | b'&'
                                | b'\\'
                                | b'`'
                                | b'*'
                                | b'_'
                                | b'['
                                | b']'
                                | b'~'
                                | b'|'
                                | b'\n'
                                | b'.'
                                | b')'
                        )
                    })
                    .unwrap_or(plain.len());
                if run > 0 {
                    // The bytes searched for are ASCII, so `run` is a char boundary.
                    self.out.push_str(&plain[..run]);
                    plain = &plain[run..];
                    continue;
                }
            }
            self.escaped_char(c);
            plain = &plain[c.len_utf8()..];
        }
    }

    fn escaped_char(&mut self, c: char) {
        let line_start = self.at_line_start();
        match c {
            '<' => self.out.push_str("&lt;"),
            '>' => self.out.push_str("&gt;"),
            '&' => self.out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '|' => {
                self.out.push('\\');
                self.out.push(c);
            }
            '#' | '-' | '+' | '=' if line_start => {
                self.out.push('\\');
                self.out.push(c);
            }
            '\n' => self.newline(),
            ' ' if line_start => {}
            c if c.is_ascii_digit() && line_start => {
                // `1.` at a line start would start a list; an escaped dot avoids it.
                self.out.push(c);
            }
            '.' | ')'
                if self.out.ends_with(|d: char| d.is_ascii_digit())
                    && line_starts_with_digits(&self.out) =>
            {
                self.out.push('\\');
                self.out.push(c);
            }
            c => self.out.push(c),
        }
    }

    fn finish(mut self) -> String {
        // Trimmed in place: the buffer is the result.
        self.out.truncate(self.out.trim_end().len());
        let lead = self.out.len() - self.out.trim_start().len();
        self.out.drain(..lead);
        self.out
    }
}

/// Whether the current (last) line of `out` consists of digits only. Scans back over
/// the trailing digits only, so a long line of `1.1.1.` costs linear time.
fn line_starts_with_digits(out: &str) -> bool {
    let digits = out.len() - out.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    digits > 0 && (digits == out.len() || out[..out.len() - digits].ends_with('\n'))
}

/// Finds the first `http(s)://` URL in `s`: (start, end) byte offsets. One pass over
/// the text up to the URL found, so linking every URL of a long cell stays linear.
fn find_url(s: &str) -> Option<(usize, usize)> {
    // Every `h` is a candidate: cheaper than a substring search for short texts.
    for (start, _) in s.match_indices('h') {
        let Some(after) = s[start + 1..].strip_prefix("ttp") else {
            continue;
        };
        let scheme = if after.starts_with("s://") {
            "https://"
        } else if after.starts_with("://") {
            "http://"
        } else {
            continue;
        };
        let tail = &s[start..];
        let mut end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | '|'))
            .unwrap_or(tail.len());
        while end > 0 && tail[..end].ends_with(['.', ',', ')', ';', ':', '!', '?', '\'']) {
            end -= 1;
        }
        // A scheme with nothing after it is not a link.
        if end > scheme.len() {
            return Some((start, start + end));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A block of cell text (an Example over several lines).
    fn code_block(text: &str) -> String {
        fenced(text, false)
    }

    #[test]
    fn breaks_lists_and_code_spans() {
        assert_eq!(
            rustdoc("a link to plex.tv <br/>The `plex.tv/link` page<br/>"),
            "a link to plex.tv\nThe `plex.tv/link` page"
        );
        assert_eq!(
            rustdoc("Kinds:<br/>- one<br/>- two"),
            "Kinds:\n\n- one\n- two"
        );
    }

    #[test]
    fn html_brackets_and_links_are_neutralised() {
        assert_eq!(
            rustdoc("use <Release> when x <= 3"),
            "use &lt;Release&gt; when x &lt;= 3"
        );
        assert_eq!(
            rustdoc("[Might be removed] pin"),
            "\\[Might be removed\\] pin"
        );
        assert_eq!(rustdoc("see [docs](#section/x) now"), "see docs now");
        assert_eq!(
            rustdoc("see [docs](https://example.com/a) now"),
            "see [docs](https://example.com/a) now"
        );
        assert_eq!(rustdoc("at https://plex.tv/x."), "at <https://plex.tv/x>.");
        assert_eq!(
            rustdoc("http:// then https://a.b and http://c.d"),
            "http:// then <https://a.b> and <http://c.d>"
        );
        assert_eq!(rustdoc("httpx https://a.b"), "httpx <https://a.b>");
    }

    #[test]
    fn html_links_become_markdown_links() {
        // As the tigris docs write them, inside a table cell.
        assert_eq!(
            rustdoc(
                r#"defined <a href="https://json-schema.org/spec.html" title="here">here</a>.<p>Next"#
            ),
            "defined [here](https://json-schema.org/spec.html).&lt;p&gt;Next"
        );
        assert_eq!(
            rustdoc("<A HREF='http://a.b/c'>c</A> d"),
            "[c](http://a.b/c) d"
        );
        // Another target keeps the text; so does a link inside the HTML one.
        assert_eq!(
            rustdoc(r##"see <a href="#query">the query</a>"##),
            "see the query"
        );
        assert_eq!(
            rustdoc(r#"<a href="https://a.b">x [y](https://c.d)</a>"#),
            "[x y](https://a.b)"
        );
        // Left open, it still ends; URLs in other HTML become autolinks.
        assert_eq!(rustdoc(r#"<a href="https://a.b">x"#), "[x](https://a.b)");
        assert_eq!(
            rustdoc(r#"an <img src="https://a.b/i.png"> here"#),
            "an &lt;img src=\"<https://a.b/i.png>\"&gt; here"
        );
        assert_eq!(rustdoc("<abbr>x</abbr>"), "&lt;abbr&gt;x&lt;/abbr&gt;");
    }

    #[test]
    fn hostile_text_stays_text() {
        let d = rustdoc("*/ \"] compile_error!(\"x\") ```rust\nfn main(){}\n```");
        assert!(!d.contains("```rust"), "{d}");
        let d = rustdoc("    indented code");
        assert!(d.starts_with("```text"), "{d}");
        assert_eq!(rustdoc("a\u{0}b\rc"), "ab\nc");
        // Bidi controls would make rustc reject the doc comment.
        assert_eq!(rustdoc("a\u{202e}b\u{2066}c"), "abc");
        assert_eq!(code_span("x\u{202e}y"), "`xy`");
        assert_eq!(code_block("x\u{2069}y"), "```text\nxy\n```");
        assert_eq!(rustdoc("# not a heading"), "**not a heading**");
        assert_eq!(rustdoc("1. x"), "1. x");
    }

    proptest::proptest! {
        /// The shortcut for plain paragraphs writes what the parser's events would.
        #[test]
        fn plain_paragraphs_render_as_parsed(
            src in "[a-cA-C0-9 .,;:()'\"/#>+=|%?\\-]{0,12}(http://a.b|https://x|\u{a0}|\u{3000}|\u{202e}|\u{85}|é|\t|x){0,2}[a-c0-9 .)(-]{0,12}"
        ) {
            proptest::prop_assert_eq!(rustdoc(&src), render(&unbreak_cow(&src)));
        }
    }

    #[test]
    fn plain_paragraph_shortcut_cases() {
        for src in [
            "1. x",
            "1) x",
            "# x",
            "- x",
            "+ x",
            "> x",
            "= x",
            "x\u{a0}",
            "\u{a0}x",
            "a.b 1.2",
            "x https://a.b/c. y",
            "    code",
            "\tx",
            "x  ",
            "",
            "a|b",
            "é",
            "x:y",
        ] {
            assert_eq!(rustdoc(src), render(src), "{src:?}");
        }
    }

    #[test]
    fn code_spans_fence_backticks() {
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x`"), "`` `x` ``");
        assert_eq!(code_block("a\n```\nb"), "````text\na\n```\nb\n````");
    }

    #[test]
    fn json_goes_in_json_fences_laid_out() {
        // An Example cell that lost its indentation to the table.
        let cell = "{\n\"de\": [\n\"Die lange Reise\"\n],\n\"fr\": [],\n\"n\": {\"a\": 1.50, \"b\": \"x, y: {z}\"}\n}";
        assert_eq!(
            code_block(cell),
            "```json\n{\n  \"de\": [\n    \"Die lange Reise\"\n  ],\n  \"fr\": [],\n  \"n\": {\n    \"a\": 1.50,\n    \"b\": \"x, y: {z}\"\n  }\n}\n```"
        );
        assert_eq!(code_block("[1,2]"), "```json\n[\n  1,\n  2\n]\n```");
        // Strings keep escapes and backticks; the fence outgrows them.
        assert_eq!(
            code_block(r#"["a\"]", "```"]"#),
            "````json\n[\n  \"a\\\"]\",\n  \"```\"\n]\n````"
        );
        // Not JSON (or not an object or array): text, as it was.
        assert_eq!(code_block("{a: 1}"), "```text\n{a: 1}\n```");
        assert_eq!(code_block("\"x\""), "```text\n\"x\"\n```");
        // One-line examples: objects and arrays as blocks, anything else inline.
        let example = |e: &str| {
            let mut doc = String::new();
            push_example(&mut doc, e);
            doc
        };
        assert_eq!(
            example(r#"{"id":1}"#),
            "Example:\n\n```json\n{\n  \"id\": 1\n}\n```"
        );
        assert_eq!(example("[]"), "Example: `[]`");
        assert_eq!(example("[1, 2"), "Example: `[1, 2`");
        assert_eq!(example("abc"), "Example: `abc`");
        assert_eq!(example("a\nb"), "Example:\n\n```text\na\nb\n```");
        // Description blocks: the fence's word or the content decides.
        assert_eq!(
            rustdoc("Send:\n\n```json\n{\"a\": [1]}\n```"),
            "Send:\n\n```json\n{\n  \"a\": [\n    1\n  ]\n}\n```"
        );
        assert_eq!(
            rustdoc("```JSON\n{a: 1} // jsonc\n```"),
            "```json\n{a: 1} // jsonc\n```"
        );
        assert_eq!(rustdoc("```python\n[1]\n```"), "```json\n[\n  1\n]\n```");
        assert_eq!(rustdoc("```python\nx = 1\n```"), "```text\nx = 1\n```");
        // Deeply nested: text, so the indentation cannot run away.
        let deep = format!("{}1{}", "[".repeat(33), "]".repeat(33));
        assert!(code_block(&deep).starts_with("```text"));
        let deep = format!("{}1{}", "[".repeat(32), "]".repeat(32));
        assert!(code_block(&deep).starts_with("```json"));
    }
}
