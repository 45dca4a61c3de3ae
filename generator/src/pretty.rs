//! The line-breaking printer behind [`emit`](crate::emit): Oppen's algorithm as
//! prettyplease runs it (same margin, indent and rules), so text printed here is
//! exactly what `prettyplease::unparse` prints for the same boxes and breaks.
//!
//! Why not parse into `syn` and call prettyplease: for a large corpus, syn's parse of
//! the generated tokens cost ten times the whole rest of generation. Emit calls the
//! box/break/word sequence prettyplease would call for each syntax node it writes,
//! and tests check the output is a fixed point of `prettyplease::unparse(syn::parse_file(..))`.
//!
//! Adapted from prettyplease's `algorithm.rs` (MIT OR Apache-2.0), itself adapted from
//! rustc's `pp.rs`.

use std::collections::VecDeque;

/// Column budget of a line, as prettyplease.
const MARGIN: isize = 89;
/// Block indent.
pub const INDENT: isize = 4;
/// A line always has at least this much room after its indentation.
const MIN_SPACE: isize = 60;
const SIZE_INFINITY: isize = 0xffff;

#[derive(Clone, Copy, PartialEq)]
enum Breaks {
    Consistent,
    Inconsistent,
}

/// A break. The characters printed around it are ASCII; 0 means none. Kept small:
/// every token passes through the queue.
#[derive(Clone, Copy, Default)]
struct Break {
    offset: i32,
    blank_space: u32,
    /// Printed before the newline when the break breaks.
    pre_break: u8,
    /// Printed after the newline and indentation when the break breaks.
    post_break: u8,
    /// Printed instead of the blank space when it does not.
    no_break: u8,
    if_nonempty: bool,
    never_break: bool,
}

#[derive(Clone, Copy)]
struct Begin {
    offset: i32,
    breaks: Breaks,
}

enum Token {
    /// Text: a range of [`Printer::words`].
    String(u32, u32),
    Break(Break),
    Begin(Begin),
    End,
}

#[derive(Clone, Copy)]
enum Frame {
    Fits,
    Broken(usize, Breaks),
}

struct Entry {
    token: Token,
    size: isize,
}

/// A queue with stable indices: `offset` is the index of its first element.
struct Ring {
    data: VecDeque<Entry>,
    offset: usize,
}

impl Ring {
    fn push(&mut self, e: Entry) -> usize {
        let i = self.offset + self.data.len();
        self.data.push_back(e);
        i
    }
    fn clear(&mut self) {
        self.offset += self.data.len();
        self.data.clear();
    }
    fn start(&self) -> usize {
        self.offset
    }
    fn get(&mut self, i: usize) -> &mut Entry {
        &mut self.data[i - self.offset]
    }
    fn first(&mut self) -> &mut Entry {
        &mut self.data[0]
    }
    fn pop_first(&mut self) -> Entry {
        self.offset += 1;
        self.data.pop_front().expect("printer queue is not empty")
    }
}

/// Builds text from words, breaks and boxes.
pub struct Printer {
    out: String,
    space: isize,
    buf: Ring,
    /// The text of the words waiting in `buf`. Adjacent words share one token: with
    /// nothing between them, printing them apart or together gives the same text.
    words: String,
    left_total: isize,
    right_total: isize,
    scan_stack: VecDeque<usize>,
    print_stack: Vec<Frame>,
    indent: usize,
    pending_indentation: usize,
}

impl Printer {
    pub fn new(capacity: usize) -> Self {
        Printer {
            out: String::with_capacity(capacity),
            space: MARGIN,
            buf: Ring {
                data: VecDeque::with_capacity(256),
                offset: 0,
            },
            words: String::with_capacity(1024),
            left_total: 0,
            right_total: 0,
            scan_stack: VecDeque::with_capacity(64),
            print_stack: Vec::new(),
            indent: 0,
            pending_indentation: 0,
        }
    }

    pub fn finish(mut self) -> String {
        if !self.scan_stack.is_empty() {
            self.check_stack(0);
            self.advance_left();
        }
        self.out
    }

    fn clear_buf(&mut self) {
        self.buf.clear();
        self.words.clear();
    }

    fn scan_begin(&mut self, token: Begin) {
        if self.scan_stack.is_empty() {
            self.left_total = 1;
            self.right_total = 1;
            self.clear_buf();
        }
        let i = self.buf.push(Entry {
            token: Token::Begin(token),
            size: -self.right_total,
        });
        self.scan_stack.push_back(i);
    }

    fn scan_end(&mut self) {
        if self.scan_stack.is_empty() {
            self.print_end();
            return;
        }
        let n = self.buf.data.len();
        if let Some(Token::Break(b)) = self.buf.data.back().map(|e| &e.token) {
            let b = *b;
            // A box holding nothing but a break vanishes.
            if n >= 2 && matches!(self.buf.data[n - 2].token, Token::Begin(_)) {
                self.buf.data.truncate(n - 2);
                self.scan_stack.pop_back();
                self.scan_stack.pop_back();
                self.right_total -= b.blank_space as isize;
                return;
            }
            if b.if_nonempty {
                self.buf.data.pop_back();
                self.scan_stack.pop_back();
                self.right_total -= b.blank_space as isize;
            }
        }
        let i = self.buf.push(Entry {
            token: Token::End,
            size: -1,
        });
        self.scan_stack.push_back(i);
    }

    fn scan_break(&mut self, token: Break) {
        if self.scan_stack.is_empty() {
            self.left_total = 1;
            self.right_total = 1;
            self.clear_buf();
        } else {
            self.check_stack(0);
        }
        let i = self.buf.push(Entry {
            token: Token::Break(token),
            size: -self.right_total,
        });
        self.scan_stack.push_back(i);
        self.right_total += token.blank_space as isize;
    }

    /// Queues the bytes of `words` from `start` on, just appended, as a word.
    fn scan_words(&mut self, start: usize) {
        let len = (self.words.len() - start) as isize;
        match self.buf.data.back_mut() {
            Some(Entry {
                token: Token::String(_, end),
                size,
            }) if *end as usize == start => {
                *end = self.words.len() as u32;
                *size += len;
            }
            _ => {
                self.buf.push(Entry {
                    token: Token::String(start as u32, self.words.len() as u32),
                    size: len,
                });
            }
        }
        self.right_total += len;
        self.check_stream();
    }

    /// Moves the last break by `offset` columns when it breaks.
    pub fn offset(&mut self, offset: isize) {
        if let Some(Entry {
            token: Token::Break(b),
            ..
        }) = self.buf.data.back_mut()
        {
            b.offset += offset as i32;
        }
    }

    /// Ends a box, breaking it if its content is wider than `max`.
    pub fn end_with_max_width(&mut self, max: isize) {
        let mut depth = 1;
        for &i in self.scan_stack.iter().rev() {
            let e = &self.buf.data[i - self.buf.offset];
            match e.token {
                Token::Begin(_) => {
                    depth -= 1;
                    if depth == 0 {
                        if e.size < 0 && e.size + self.right_total > max {
                            let at = self.words.len() as u32;
                            self.buf.push(Entry {
                                token: Token::String(at, at),
                                size: SIZE_INFINITY,
                            });
                            self.right_total += SIZE_INFINITY;
                        }
                        break;
                    }
                }
                Token::End => depth += 1,
                Token::Break(_) | Token::String(..) => {}
            }
        }
        self.scan_end();
    }

    fn check_stream(&mut self) {
        while self.right_total - self.left_total > self.space {
            if self.scan_stack.front() == Some(&self.buf.start()) {
                self.scan_stack.pop_front();
                self.buf.first().size = SIZE_INFINITY;
            }
            self.advance_left();
            if self.buf.data.is_empty() {
                break;
            }
        }
    }

    fn advance_left(&mut self) {
        while self.buf.first().size >= 0 {
            let left = self.buf.pop_first();
            match left.token {
                Token::String(start, end) => {
                    self.left_total += left.size;
                    self.print_indent();
                    let s = &self.words[start as usize..end as usize];
                    self.out.push_str(s);
                    self.space -= s.len() as isize;
                }
                Token::Break(b) => {
                    self.left_total += b.blank_space as isize;
                    self.print_break(b, left.size);
                }
                Token::Begin(b) => self.print_begin(b, left.size),
                Token::End => self.print_end(),
            }
            if self.buf.data.is_empty() {
                break;
            }
        }
    }

    fn check_stack(&mut self, mut depth: usize) {
        while let Some(&i) = self.scan_stack.back() {
            let right_total = self.right_total;
            let e = self.buf.get(i);
            match e.token {
                Token::Begin(_) => {
                    if depth == 0 {
                        break;
                    }
                    self.scan_stack.pop_back();
                    e.size += right_total;
                    depth -= 1;
                }
                Token::End => {
                    self.scan_stack.pop_back();
                    e.size = 1;
                    depth += 1;
                }
                Token::Break(_) => {
                    self.scan_stack.pop_back();
                    e.size += right_total;
                    if depth == 0 {
                        break;
                    }
                }
                Token::String(..) => break,
            }
        }
    }

    fn print_begin(&mut self, token: Begin, size: isize) {
        if size > self.space {
            self.print_stack
                .push(Frame::Broken(self.indent, token.breaks));
            self.indent = (self.indent as isize + token.offset as isize).max(0) as usize;
        } else {
            self.print_stack.push(Frame::Fits);
        }
    }

    fn print_end(&mut self) {
        if let Some(Frame::Broken(indent, _)) = self.print_stack.pop() {
            self.indent = indent;
        }
    }

    fn print_break(&mut self, token: Break, size: isize) {
        let fits = token.never_break
            || match self.print_stack.last() {
                Some(Frame::Fits) => true,
                Some(Frame::Broken(_, Breaks::Consistent)) => false,
                Some(Frame::Broken(_, Breaks::Inconsistent)) | None => size <= self.space,
            };
        if fits {
            self.pending_indentation += token.blank_space as usize;
            self.space -= token.blank_space as isize;
            if token.no_break != 0 {
                self.out.push(char::from(token.no_break));
                self.space -= 1;
            }
        } else {
            if token.pre_break != 0 {
                self.print_indent();
                self.out.push(char::from(token.pre_break));
            }
            self.out.push('\n');
            let indent = self.indent as isize + token.offset as isize;
            self.pending_indentation = indent.max(0) as usize;
            self.space = (MARGIN - indent).max(MIN_SPACE);
            if token.post_break != 0 {
                self.print_indent();
                self.out.push(char::from(token.post_break));
                self.space -= 1;
            }
        }
    }

    fn print_indent(&mut self) {
        const SPACES: &str = "                                                                ";
        let mut n = self.pending_indentation;
        while n > 0 {
            let k = n.min(SPACES.len());
            self.out.push_str(&SPACES[..k]);
            n -= k;
        }
        self.pending_indentation = 0;
    }

    // The vocabulary prettyplease's printers use.

    pub fn ibox(&mut self, indent: isize) {
        self.scan_begin(Begin {
            offset: indent as i32,
            breaks: Breaks::Inconsistent,
        });
    }

    pub fn cbox(&mut self, indent: isize) {
        self.scan_begin(Begin {
            offset: indent as i32,
            breaks: Breaks::Consistent,
        });
    }

    pub fn end(&mut self) {
        self.scan_end();
    }

    pub fn word(&mut self, w: &str) {
        self.word_with(|out| out.push_str(w));
    }

    /// A word written by `f` straight into the queue (no string of its own), or
    /// printed if nothing waits there.
    pub fn word_with(&mut self, f: impl FnOnce(&mut String)) {
        if self.scan_stack.is_empty() {
            self.print_indent();
            let start = self.out.len();
            f(&mut self.out);
            self.space -= (self.out.len() - start) as isize;
        } else {
            if self.buf.data.is_empty() {
                self.words.clear();
            }
            let start = self.words.len();
            f(&mut self.words);
            self.scan_words(start);
        }
    }

    fn spaces(&mut self, n: u32) {
        self.scan_break(Break {
            blank_space: n,
            ..Break::default()
        });
    }

    pub fn zerobreak(&mut self) {
        self.spaces(0);
    }

    pub fn space(&mut self) {
        self.spaces(1);
    }

    pub fn nbsp(&mut self) {
        self.word(" ");
    }

    pub fn hardbreak(&mut self) {
        self.spaces(SIZE_INFINITY as u32);
    }

    pub fn space_if_nonempty(&mut self) {
        self.scan_break(Break {
            blank_space: 1,
            if_nonempty: true,
            ..Break::default()
        });
    }

    pub fn hardbreak_if_nonempty(&mut self) {
        self.scan_break(Break {
            blank_space: SIZE_INFINITY as u32,
            if_nonempty: true,
            ..Break::default()
        });
    }

    /// `,` then a space, or for the last item a comma only when the box breaks.
    pub fn trailing_comma(&mut self, is_last: bool) {
        if is_last {
            self.scan_break(Break {
                pre_break: b',',
                ..Break::default()
            });
        } else {
            self.word(",");
            self.space();
        }
    }

    pub fn trailing_comma_or_space(&mut self, is_last: bool) {
        if is_last {
            self.scan_break(Break {
                blank_space: 1,
                pre_break: b',',
                ..Break::default()
            });
        } else {
            self.word(",");
            self.space();
        }
    }

    pub fn neverbreak(&mut self) {
        self.scan_break(Break {
            never_break: true,
            ..Break::default()
        });
    }

    /// The break after a match arm's pattern whose body is not a block: when the arm
    /// does not fit, the body goes into braces (`{` before the break, `}` after).
    pub fn arm_open(&mut self) {
        self.scan_break(Break {
            pre_break: b'{',
            ..Break::default()
        });
    }

    /// The matching close: `}` on its own line when broken; else `,` if `comma`.
    pub fn arm_close(&mut self, comma: bool) {
        self.scan_break(Break {
            offset: -INDENT as i32,
            post_break: b'}',
            no_break: if comma { b',' } else { 0 },
            ..Break::default()
        });
    }

    /// The break before a method call's `.`.
    pub fn dot_break(&mut self) {
        self.scan_break(Break::default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `f(args)` with prettyplease's call_args boxes.
    fn call(args: &[&'static str]) -> String {
        let mut p = Printer::new(0);
        p.ibox(0);
        p.word("f(");
        p.cbox(INDENT);
        p.zerobreak();
        for (i, a) in args.iter().enumerate() {
            p.word(a);
            p.trailing_comma(i + 1 == args.len());
        }
        p.offset(-INDENT);
        p.end();
        p.word(");");
        p.end();
        p.hardbreak();
        p.finish()
    }

    #[test]
    fn a_box_that_fits_stays_on_one_line() {
        assert_eq!(call(&["a", "b"]), "f(a, b);\n");
    }

    #[test]
    fn a_box_wider_than_the_margin_breaks_every_break_with_a_trailing_comma() {
        let long = "x".repeat(50);
        let long: &'static str = Box::leak(long.into_boxed_str());
        assert_eq!(
            call(&[long, long]),
            format!("f(\n    {long},\n    {long},\n);\n")
        );
    }

    #[test]
    fn words_split_or_whole_print_the_same() {
        let long = "x".repeat(50);
        for args in [vec!["a", "b"], vec![long.as_str(), long.as_str()]] {
            let print = |split: bool| {
                let mut p = Printer::new(0);
                p.ibox(0);
                if split {
                    p.word("f");
                    p.word_with(|out| out.push('('));
                } else {
                    p.word("f(");
                }
                p.cbox(INDENT);
                p.zerobreak();
                for (i, a) in args.iter().enumerate() {
                    if split {
                        let (x, y) = a.split_at(1);
                        p.word(x);
                        p.word(y);
                    } else {
                        p.word(a);
                    }
                    p.trailing_comma(i + 1 == args.len());
                }
                p.offset(-INDENT);
                p.end();
                p.word(")");
                p.word(";");
                p.end();
                p.hardbreak();
                p.finish()
            };
            assert_eq!(print(true), print(false));
        }
    }

    #[test]
    fn an_empty_box_of_one_break_vanishes() {
        assert_eq!(call(&[]), "f();\n");
    }

    #[test]
    fn same_text_as_prettyplease_for_a_long_signature() {
        let src = "fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {}";
        let expected = prettyplease::unparse(&syn::parse_file(src).unwrap());
        let mut p = Printer::new(0);
        p.cbox(INDENT);
        p.word("fn deserialize<");
        p.cbox(0);
        p.zerobreak();
        p.word("D");
        p.ibox(INDENT);
        p.word(": ::serde::Deserializer<");
        p.cbox(INDENT);
        p.zerobreak();
        p.word("'de");
        p.trailing_comma(true);
        p.offset(-INDENT);
        p.end();
        p.word(">");
        p.end();
        p.trailing_comma(true);
        p.offset(-INDENT);
        p.end();
        p.word(">(");
        p.neverbreak();
        p.cbox(0);
        p.zerobreak();
        p.word("d: D");
        p.trailing_comma(true);
        p.offset(-INDENT);
        p.end();
        p.word(")");
        p.cbox(-INDENT);
        p.word(" -> ::std::result::Result<Self, D::Error>");
        p.end();
        p.nbsp();
        p.word("{");
        p.hardbreak_if_nonempty();
        p.offset(-INDENT);
        p.end();
        p.word("}");
        p.hardbreak();
        assert_eq!(p.finish(), expected);
    }
}
