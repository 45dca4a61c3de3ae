//! Every notation of the real doc trees in `../shared/corpora` reads: each doc is
//! found (`.md` and `.mdx`), parsed, and every Type cell of its Fields tables, every
//! union member (heading and code snippet) under `## Supported Types` and every
//! TypeScript `## Values` code block is read in the doc's detected flavor. Failures are
//! printed grouped by notation (the cell with names, links and strings blanked out),
//! with file:line. Also checked: every doc has a title (but the SDK's option pages),
//! every Fields row has the header's number of cells, and the flavor detected for each
//! Fields table is the tree's (`SOURCES.tsv`).
//!
//! Skipped (with a message) when `../shared` is absent. Runs in seconds: no model, no
//! code generation.

use generator::__internal::{self as stages, Block, Flavor, Source, Table};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// One thing that did not read.
struct Failure {
    /// What kind of text: "type cell", "member heading", ...
    what: &'static str,
    /// The notation with its particulars blanked out, to group by.
    shape: String,
    /// `tree/rel/path.md:line`.
    at: String,
    message: String,
}

#[derive(Default)]
struct Tally {
    docs: usize,
    cells: usize,
    members: usize,
    values: usize,
    /// Fields tables by detected flavor.
    flavors: BTreeMap<Flavor, usize>,
    /// Fields tables read in another flavor than the tree's because nothing tells
    /// (see `notation::flavor_undecided`).
    undecided: usize,
    failures: Vec<Failure>,
}

#[test]
fn every_notation_in_the_corpora_reads() {
    let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpora");
    if !corpora.is_dir() {
        eprintln!("../shared/corpora is absent: corpus notation check skipped");
        return;
    }
    let flavors = tree_flavors(&corpora.join("SOURCES.tsv"));
    let mut trees: Vec<PathBuf> = std::fs::read_dir(&corpora)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("docs/models").is_dir())
        .collect();
    trees.sort();
    assert!(!trees.is_empty(), "no trees under {}", corpora.display());

    // Trees on two threads, the largest first (one is about half the work).
    let mut trees: Vec<(PathBuf, Vec<stages::Listed>)> = trees
        .into_iter()
        .map(|t| {
            let listed = stages::list(&[t.join("docs/models")]).unwrap();
            (t, listed)
        })
        .collect();
    trees.sort_by_key(|(_, listed)| std::cmp::Reverse(listed.len()));
    let trees = Mutex::new(trees);
    let next = AtomicUsize::new(0);
    let tallies: Mutex<BTreeMap<String, Tally>> = Mutex::default();
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((tree, listed)) = trees
                    .lock()
                    .unwrap()
                    .get_mut(i)
                    .map(|(t, l)| (t.clone(), std::mem::take(l)))
                else {
                    break;
                };
                let name = tree.file_name().unwrap().to_string_lossy().into_owned();
                let tally = check_tree(&name, listed, flavors.get(&name).copied());
                tallies.lock().unwrap().insert(name, tally);
            });
        }
    });
    let tallies = tallies.into_inner().unwrap();

    let mut report = String::from(
        "tree                          docs   cells  members  values  failures  Fields tables by flavor (undecided)\n",
    );
    let mut groups: BTreeMap<(&str, &str), Vec<&Failure>> = BTreeMap::new();
    for (name, t) in &tallies {
        writeln!(
            report,
            "{name:<26} {:>7} {:>7} {:>8} {:>7} {:>9}  {:?} ({})",
            t.docs,
            t.cells,
            t.members,
            t.values,
            t.failures.len(),
            t.flavors,
            t.undecided
        )
        .unwrap();
        for f in &t.failures {
            groups.entry((f.what, &f.shape)).or_default().push(f);
        }
    }
    eprintln!("{report}");
    if groups.is_empty() {
        return;
    }
    let mut out = String::new();
    for ((what, shape), fs) in &groups {
        writeln!(out, "{} x {what} `{shape}`", fs.len()).unwrap();
        for f in fs.iter().take(3) {
            writeln!(out, "    {}: {}", f.at, f.message).unwrap();
        }
    }
    let total: usize = groups.values().map(Vec::len).sum();
    panic!(
        "{total} notations in the corpora do not read ({} kinds):\n{out}",
        groups.len()
    );
}

/// Corpus name -> flavor, from the `flavor` column of `SOURCES.tsv`.
fn tree_flavors(sources: &Path) -> BTreeMap<String, Flavor> {
    let Ok(text) = std::fs::read_to_string(sources) else {
        return BTreeMap::new();
    };
    let mut lines = text.lines();
    let header: Vec<_> = lines.next().unwrap_or_default().split('\t').collect();
    let Some(col) = header.iter().position(|h| *h == "flavor") else {
        return BTreeMap::new();
    };
    lines
        .filter_map(|l| {
            let cells: Vec<_> = l.split('\t').collect();
            let flavor = match *cells.get(col)? {
                "py" => Flavor::Python,
                "go" => Flavor::Go,
                "ts" => Flavor::TypeScript,
                _ => return None,
            };
            Some((cells[0].to_string(), flavor))
        })
        .collect()
}

fn check_tree(name: &str, listed: Vec<stages::Listed>, flavor: Option<Flavor>) -> Tally {
    let (sources, errors) = stages::read(listed);
    let mut t = Tally {
        docs: sources.len() + errors.len(),
        ..Tally::default()
    };
    for e in errors {
        t.failures.push(Failure {
            what: "file",
            shape: "unreadable".into(),
            at: name.to_string(),
            message: format!("{e:?}"),
        });
    }
    for src in &sources {
        check_doc(name, src, flavor, &mut t);
    }
    t
}

/// Where failures are reported: a doc of a tree.
struct Doc<'a> {
    tree: &'a str,
    src: &'a Source,
}

impl Doc<'_> {
    fn fail(&self, t: &mut Tally, what: &'static str, text: &str, line: u32, message: String) {
        t.failures.push(Failure {
            what,
            shape: shape_of(text),
            at: format!("{}/{}:{line}", self.tree, self.src.rel.join("/")),
            message,
        });
    }
}

fn check_doc(tree: &str, src: &Source, tree_flavor: Option<Flavor>, t: &mut Tally) {
    let d = Doc { tree, src };
    if src.text.trim().is_empty() {
        return;
    }
    let doc = stages::parse(&src.text);
    // The SDK's option pages have no title and no model (`## Options`, `## Global
    // Options`).
    let options_page = doc
        .sections
        .iter()
        .any(|s| s.level == 2 && s.heading.text.ends_with("Options"));
    if doc.title.is_none() && !options_page {
        d.fail(
            t,
            "doc",
            "no title",
            1,
            "no `# Title` and no front matter title".into(),
        );
    }
    for (i, s) in doc.sections.iter().enumerate() {
        if s.level != 2 {
            continue;
        }
        match &*s.heading.text {
            "Fields" => {
                for table in s.tables() {
                    fields(&d, table, tree_flavor, t);
                }
            }
            "Supported Types" => {
                for m in doc.sections[i + 1..].iter().take_while(|m| m.level > 2) {
                    let code = m.blocks.iter().find_map(|b| match b {
                        Block::Code { lang, text } => Some((lang.as_str(), text)),
                        _ => None,
                    });
                    let f = code
                        .and_then(|(lang, _)| Flavor::from_code_lang(lang))
                        .unwrap_or(Flavor::Python);
                    let heading = &m.heading;
                    if !heading.text.is_empty() {
                        t.members += 1;
                        if let Err(e) = stages::parse_plain(&heading.text, f) {
                            let msg = format!("{f:?}: {} (`{}`)", e.message, heading.text);
                            d.fail(t, "member heading", &heading.text, heading.pos.line, msg);
                        }
                    }
                    match code {
                        Some((_, code)) => {
                            t.members += 1;
                            match stages::snippet_type(&code.text, f) {
                                Some(ty) => {
                                    if let Err(e) = stages::parse_plain(ty, f) {
                                        let msg = format!("{f:?}: {} (`{ty}`)", e.message);
                                        d.fail(t, "member snippet", ty, code.pos.line, msg);
                                    }
                                }
                                None => {
                                    let msg = format!("{f:?}: no type in `{}`", code.text.trim());
                                    d.fail(t, "member snippet", "no type", code.pos.line, msg);
                                }
                            }
                        }
                        None if heading.text.is_empty() => {
                            let msg = "a member with neither a heading nor a snippet".into();
                            d.fail(t, "member", "empty", heading.pos.line, msg);
                        }
                        None => {}
                    }
                }
            }
            "Values" => {
                for b in &s.blocks {
                    match b {
                        Block::Code { text, .. } => {
                            t.values += 1;
                            if let Err(e) = stages::ts_values(&text.text) {
                                d.fail(t, "values block", &text.text, text.pos.line, e.message);
                            }
                        }
                        Block::Table(table) => rows_match_header(&d, table, t),
                        Block::Other(_) => {}
                    }
                }
            }
            _ => {}
        }
    }
}

fn column(table: &Table, name: &str) -> Option<usize> {
    table
        .header
        .iter()
        .rposition(|c| c.text.eq_ignore_ascii_case(name))
}

/// A Fields table: its Type cells read in one flavor, the tree's.
fn fields(d: &Doc, table: &Table, tree_flavor: Option<Flavor>, t: &mut Tally) {
    rows_match_header(d, table, t);
    // The SDK's configuration pages (`Name | Type | Description`) are no model.
    let (Some(fc), Some(tc), Some(_)) = (
        column(table, "field"),
        column(table, "type"),
        column(table, "required"),
    ) else {
        return;
    };
    let rows: Vec<_> = table
        .rows
        .iter()
        .filter(|r| r.len() == table.header.len())
        .collect();
    let cells: Vec<&str> = rows.iter().map(|r| &*r[tc].text).collect();
    let names: Vec<&str> = rows
        .iter()
        .map(|r| r[fc].text.trim_matches(|c| c == '`' || c == '~'))
        .collect();
    let (flavor, results) = stages::parse_cells(&cells, &names);
    t.cells += cells.len();
    *t.flavors.entry(flavor).or_default() += 1;
    for (row, r) in rows.iter().zip(&results) {
        if let Err(e) = r {
            let cell = &row[tc];
            let msg = format!("{flavor:?}: {} (`{}`)", e.message, cell.text);
            d.fail(t, "type cell", &cell.text, cell.pos.line, msg);
        }
    }
    if let Some(want) = tree_flavor {
        // Nothing tells the flavor of some docs (a model link in a field named `tag`):
        // they only have to read.
        let mismatch = flavor != want && results.iter().all(Result::is_ok);
        if mismatch && stages::flavor_undecided(&cells, &names) {
            t.undecided += 1;
        } else if mismatch {
            let line = table.pos.line;
            let msg = format!("read as {flavor:?}, the tree is {want:?}: {cells:?} {names:?}");
            let shape = format!("{flavor:?} in a {want:?} tree").to_lowercase();
            d.fail(t, "flavor", &shape, line, msg);
        }
    }
}

fn rows_match_header(d: &Doc, table: &Table, t: &mut Tally) {
    for row in &table.rows {
        if row.len() != table.header.len() {
            let line = row.first().map_or(table.pos.line, |c| c.pos.line);
            let msg = format!("{} cells, the header has {}", row.len(), table.header.len());
            d.fail(t, "table row", "cell count", line, msg);
        }
    }
}

/// The notation of `text` without its particulars, to group failures by: link URLs,
/// strings and model names are blanked out (`[models.X](…)`, `"…"`).
fn shape_of(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("](") {
            out.push_str("](…)");
            rest = rest.find(')').map_or("", |n| &rest[n + 1..]);
        } else if c == '"' {
            out.push_str("\"…\"");
            rest = rest[1..].find('"').map_or("", |n| &rest[n + 2..]);
        } else if c.is_alphanumeric() || c == '_' {
            let n = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                .unwrap_or(rest.len());
            let word = &rest[..n];
            let last = word.rsplit('.').next().unwrap_or(word);
            if last.starts_with(|c: char| c.is_uppercase()) && !is_notation_word(last) {
                match word.rsplit_once('.') {
                    Some((pkg, _)) => write!(out, "{pkg}.X").unwrap(),
                    None => out.push('X'),
                }
            } else {
                out.push_str(word);
            }
            rest = &rest[n..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
        if out.len() > 120 {
            out.push('…');
            break;
        }
    }
    out
}

/// Capitalised words that are notation rather than model names.
fn is_notation_word(w: &str) -> bool {
    matches!(
        w,
        "Optional"
            | "Nullable"
            | "OptionalNullable"
            | "List"
            | "Dict"
            | "Any"
            | "Literal"
            | "Union"
            | "IO"
            | "True"
            | "False"
            | "None"
            | "Record"
            | "Array"
            | "Date"
            | "Response"
            | "Time"
            | "ReadCloser"
            | "Unrecognized"
    )
}
