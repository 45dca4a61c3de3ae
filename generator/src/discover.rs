//! Stage 1: find the docs. Inputs are files or directories (searched recursively for
//! `*.md` and `*.mdx`); the result is sorted by path relative to its input root, so the
//! output does not depend on the order the file system lists entries in.

use crate::error::{Diagnostic, ErrorKind};
use std::path::{Component, Path, PathBuf};

/// One doc file, read into memory.
#[derive(Debug, Clone)]
pub struct Source {
    /// The input root the doc was found under; links may not leave it.
    pub root: PathBuf,
    /// Path relative to `root`, as `/`-separated components (module path + file name).
    pub rel: Vec<String>,
    /// The path to show in diagnostics.
    pub path: PathBuf,
    pub text: String,
}

impl Source {
    /// The directory components (the module path), without the file name.
    pub fn dir(&self) -> &[String] {
        &self.rel[..self.rel.len().saturating_sub(1)]
    }
}

/// A doc file found but not yet read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub root: PathBuf,
    pub rel: Vec<String>,
    pub path: PathBuf,
}

/// Lists the doc files under `inputs`, without reading them.
pub fn list(inputs: &[PathBuf]) -> Result<Vec<Listed>, Vec<Diagnostic>> {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        let meta = match std::fs::metadata(input) {
            Ok(m) => m,
            Err(e) => {
                errors.push(io_error(input, &e, "an input file or directory"));
                continue;
            }
        };
        if meta.is_dir() {
            walk(input, input, &mut Vec::new(), &mut found, &mut errors);
        } else {
            let root = input.parent().map(Path::to_path_buf).unwrap_or_default();
            let name = input
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            found.push(Listed {
                root,
                rel: vec![name],
                path: input.clone(),
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    found.sort_by(|a, b| a.rel.cmp(&b.rel).then_with(|| a.path.cmp(&b.path)));
    found.dedup_by(|a, b| a.path == b.path);
    Ok(found)
}

fn walk(
    root: &Path,
    dir: &Path,
    rel: &mut Vec<String>,
    found: &mut Vec<Listed>,
    errors: &mut Vec<Diagnostic>,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(io_error(dir, &e, "a readable directory"));
            return;
        }
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        // Directory symlinks are not followed: they could loop or leave the root.
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            rel.push(name);
            walk(root, &path, rel, found, errors);
            rel.pop();
        } else if is_doc_name(&name) && (ft.is_file() || path.is_file()) {
            let mut r = rel.clone();
            r.push(name);
            found.push(Listed {
                root: root.to_path_buf(),
                rel: r,
                path,
            });
        }
    }
}

/// Whether a file name is a doc's: markdown (`.md`) or MDX (`.mdx`, which newer SDKs
/// write for documentation sites).
pub fn is_doc_name(name: &str) -> bool {
    name.ends_with(".md") || name.ends_with(".mdx")
}

/// Reads the listed files. Non-UTF-8 and unreadable files become diagnostics.
pub fn read(listed: Vec<Listed>) -> (Vec<Source>, Vec<Diagnostic>) {
    read_with(listed, 1)
}

/// [`read`] on up to `threads` threads; sources and diagnostics come back in the
/// listed order whatever the thread count.
pub fn read_with(listed: Vec<Listed>, threads: usize) -> (Vec<Source>, Vec<Diagnostic>) {
    let read = crate::parallel_map(&listed, threads, &|_: &mut (), _, l: &Listed| read_one(l));
    let mut sources = Vec::with_capacity(listed.len());
    let mut errors = Vec::new();
    for r in read {
        match r {
            Ok(s) => sources.push(s),
            Err(e) => errors.push(e),
        }
    }
    (sources, errors)
}

fn read_one(listed: &Listed) -> Result<Source, Diagnostic> {
    let Listed { root, rel, path } = listed;
    let bytes = std::fs::read(path).map_err(|e| io_error(path, &e, "a readable file"))?;
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            // A byte-order mark (some editors add one) would hide the title.
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Ok(Source {
                root: root.clone(),
                rel: rel.clone(),
                path: path.clone(),
                text,
            })
        }
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            // Valid prefix is UTF-8 by construction.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let line = prefix.matches('\n').count() as u32 + 1;
            let col = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
            Err(Diagnostic::new(
                ErrorKind::NotUtf8,
                path,
                Some(crate::error::Pos { line, col }),
                format!(
                    "expected UTF-8 text, found an invalid byte sequence at byte {}",
                    prefix.len()
                ),
            )
            .with_hint("re-encode the file as UTF-8"))
        }
    }
}

fn io_error(path: &Path, e: &std::io::Error, expected: &str) -> Diagnostic {
    Diagnostic::new(
        ErrorKind::Io,
        path,
        None,
        format!("expected {expected}: {e}"),
    )
}

/// The components of an input root as an absolute path, so that links which climb
/// out of the root and back in (`../../models/x.md` from `docs/models/operations/`)
/// resolve. Falls back to the path as given when it cannot be canonicalized.
pub fn root_parts(root: &Path) -> Vec<String> {
    let abs = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    abs.components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect()
}

/// Resolves a relative link from a doc's folder (`dir`, relative to the root whose
/// absolute components are `root`). Returns the target relative to the root, or
/// `None` when the target lies outside the root (such links are refused and the
/// target is never read).
pub fn resolve_link(root: &[String], dir: &[String], link: &str) -> Option<Vec<String>> {
    resolve_link_parts(root, dir, link).map(|parts| parts.into_iter().map(String::from).collect())
}

/// [`resolve_link`], borrowing the components instead of copying them: links are
/// resolved by the thousand and most components come from `root` and `dir`.
pub(crate) fn resolve_link_parts<'a>(
    root: &'a [String],
    dir: &'a [String],
    link: &'a str,
) -> Option<Vec<&'a str>> {
    let mut out: Vec<&str> = root.iter().chain(dir).map(String::as_str).collect();
    let link = link.split(['#', '?']).next().unwrap_or_default();
    if link.starts_with('/') || link.contains('\\') || link.contains(':') {
        return None;
    }
    for comp in Path::new(link).components() {
        match comp {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop()?;
            }
            // Components of a `str` are `str`s.
            Component::Normal(c) => out.push(c.to_str()?),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    if out.len() <= root.len() || out[..root.len()] != *root {
        return None;
    }
    out.drain(..root.len());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn links_resolve_relative_to_the_doc_folder() {
        let root = v(&["work", "docs", "models"]);
        assert_eq!(
            resolve_link(&root, &v(&["operations"]), "../../models/components/tag.md"),
            Some(v(&["components", "tag.md"]))
        );
        assert_eq!(
            resolve_link(&root, &v(&["operations"]), "../components/tag.md#x"),
            Some(v(&["components", "tag.md"]))
        );
    }

    #[test]
    fn links_that_leave_the_root_are_refused() {
        let root = v(&["work", "docs", "models"]);
        assert_eq!(
            resolve_link(&root, &v(&["operations"]), "../../etc/passwd"),
            None
        );
        assert_eq!(
            resolve_link(&root, &v(&["operations"]), "../../../../../../etc/passwd"),
            None
        );
        assert_eq!(resolve_link(&root, &v(&["a"]), "/etc/passwd"), None);
        assert_eq!(resolve_link(&root, &v(&["a"]), "../../models-x/a.md"), None);
    }

    #[test]
    fn listing_is_sorted_and_skips_hidden_entries() {
        let dir = std::env::temp_dir().join(format!("gen-discover-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("b")).unwrap();
        std::fs::create_dir_all(dir.join(".git")).unwrap();
        for f in [
            "b/z.md",
            "b/a.md",
            "a.md",
            ".git/x.md",
            "notes.txt",
            "b/m.mdx",
            "a.mdx",
            "c.md.bak",
        ] {
            std::fs::write(dir.join(f), "# T").unwrap();
        }
        let listed = list(std::slice::from_ref(&dir)).unwrap();
        let rels: Vec<_> = listed.iter().map(|l| l.rel.join("/")).collect();
        assert_eq!(rels, ["a.md", "a.mdx", "b/a.md", "b/m.mdx", "b/z.md"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
