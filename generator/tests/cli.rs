//! The command-line contract: exit codes (0 ok, 1 doc errors or stale, 2 usage), nothing
//! written on error, `--keep-going`, `--check`, and `-o` leaving an unchanged file alone,
//! following a symlink and writing into a pipe or device rather than replacing it; the
//! argument syntax (`--help`, `--version`, `--flag=value`, `-qo F`, non-UTF-8 arguments)
//! and the wire-names file's errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

const GOOD: &str = "# Tag\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `id` | *int* | :heavy_check_mark: | N/A |";
const BAD: &str = "# Pin\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `id` | *str*] | :heavy_check_mark: | N/A |";

/// A scratch folder, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Scratch {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "gen-cli-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// A docs tree `models/c/*.md` with the given docs.
    fn docs(&self, docs: &[(&str, &str)]) -> PathBuf {
        let root = self.0.join("models");
        std::fs::create_dir_all(root.join("c")).unwrap();
        for (name, text) in docs {
            std::fs::write(root.join("c").join(name), text).unwrap();
        }
        root
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn generator(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_generator"));
    for a in args {
        cmd.arg(a);
    }
    cmd.output().expect("the generator binary runs")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally, not by a signal")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn mtime(p: &Path) -> SystemTime {
    std::fs::metadata(p).unwrap().modified().unwrap()
}

/// Sets a file's modification time in the past, so "untouched" is observable even on
/// file systems with coarse timestamps.
fn age(p: &Path) -> SystemTime {
    let old = SystemTime::now() - Duration::from_secs(3600);
    let f = std::fs::File::options().write(true).open(p).unwrap();
    f.set_modified(old).unwrap();
    mtime(p)
}

fn specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/python/models")
}

#[test]
fn success_exits_0_and_prints_the_code() {
    let o = generator(&[&specs()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    syn::parse_file(&out).unwrap();
    assert!(stderr(&o).contains("docs read"), "{}", stderr(&o));
    let o = generator(&[&specs(), &"-q"]);
    assert_eq!(code(&o), 0);
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
}

#[test]
fn doc_errors_exit_1_with_locations_and_print_nothing() {
    let s = Scratch::new();
    let root = s.docs(&[("tag.md", GOOD), ("pin.md", BAD)]);
    let o = generator(&[&root]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "partial output on stdout");
    let err = stderr(&o);
    assert!(err.contains("pin.md:7:15"), "{err}");
    assert!(err.contains("unbalanced-brackets"), "{err}");
    assert!(err.contains("nothing written"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    let s = Scratch::new();
    let root = s.docs(&[("tag.md", GOOD)]);
    let out = s.path("out.rs");
    let cases: Vec<Vec<&dyn AsRef<std::ffi::OsStr>>> = vec![
        vec![],
        vec![&"--no-such-option", &root],
        vec![&root, &"--check"],
        vec![&root, &"-o"],
        vec![&"/no/such/input/dir"],
        vec![&root, &"--keep-unknown=maybe"],
    ];
    for (i, args) in cases.iter().enumerate() {
        let o = generator(args);
        assert_eq!(code(&o), 2, "case {i}: {}", stderr(&o));
        assert!(o.stdout.is_empty());
    }
    assert!(!out.exists());
    // The messages say what is wrong.
    let o = generator(&[&root, &"--check"]);
    assert!(
        stderr(&o).contains("`--check` needs `--out FILE`"),
        "{}",
        stderr(&o)
    );
    let o = generator(&[&root, &"--keep-unknown=maybe"]);
    assert!(stderr(&o).contains("'maybe'"), "{}", stderr(&o));
    assert!(stderr(&o).contains("map, text"), "{}", stderr(&o));
    let o = generator(&[&"--no-such-option", &root]);
    assert!(stderr(&o).contains("'--no-such-option'"), "{}", stderr(&o));
    // A missing input is reported as such, not as an error in the docs.
    let o = generator(&[&"/no/such/input/dir"]);
    assert!(
        stderr(&o).contains("generator: 1 error; nothing written"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn help_and_version_exit_0_on_stdout() {
    for flag in ["--help", "-h"] {
        let o = generator(&[&flag]);
        assert_eq!(code(&o), 0, "{flag}: {}", stderr(&o));
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(
            text.contains("Usage: generator [OPTIONS] <INPUT>..."),
            "{text}"
        );
        assert!(text.contains("Exit codes:"), "{text}");
        for option in [
            "--out",
            "--check",
            "--keep-going",
            "--keep-unknown",
            "--lenient-scalars",
            "--wire-names",
        ] {
            assert!(text.contains(option), "{flag} lacks {option}: {text}");
        }
    }
    // The long help has the paragraphs too.
    let long = String::from_utf8(generator(&[&"--help"]).stdout).unwrap();
    assert!(
        long.contains("a device or pipe is written to directly"),
        "{long}"
    );
    for flag in ["--version", "-V"] {
        let o = generator(&[&flag]);
        assert_eq!(code(&o), 0);
        let expected = format!("generator {}\n", env!("CARGO_PKG_VERSION"));
        assert_eq!(String::from_utf8_lossy(&o.stdout), expected);
    }
    // No arguments at all: the help, as a usage error.
    let o = generator(&[]);
    assert_eq!(code(&o), 2);
    assert!(o.stdout.is_empty());
    assert!(stderr(&o).contains("Usage: generator"), "{}", stderr(&o));
}

#[test]
fn flag_equals_value_and_short_clusters_work() {
    let s = Scratch::new();
    let root = s.docs(&[("tag.md", GOOD)]);
    let wire = s.path("wire-names.toml");
    std::fs::write(&wire, "[\"c::Tag\".fields]\nid = \"ID\"\n").unwrap();
    let (out, samples) = (s.path("a.rs"), s.path("a.json"));
    let o = generator(&[
        &root,
        &format!("--out={}", out.display()),
        &format!("--samples={}", samples.display()),
        &format!("--wire-names={}", wire.display()),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let code_text = std::fs::read_to_string(&out).unwrap();
    assert!(
        code_text.contains("\"ID\""),
        "the override applies: {code_text}"
    );
    assert!(std::fs::read_to_string(&samples)
        .unwrap()
        .contains("c::Tag"));
    // `-qo F`: quiet, and F is `-o`'s value; the same output as the long forms.
    let clustered = s.path("b.rs");
    let o = generator(&[&root, &"--wire-names", &wire, &"-qo", &clustered]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&clustered).unwrap(), code_text);
    // `-qoF` too, and `--` ends the options.
    let glued = s.path("c.rs");
    let o = generator(&[&format!("-qo{}", glued.display()), &"--", &root]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(glued.exists());
    // `--keep-unknown` takes its value only with `=`: a separate word is an input.
    let o = generator(&[&root, &"--keep-unknown", &"text"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("--> text"), "{}", stderr(&o));
}

/// A path need not be UTF-8 (Linux allows any bytes but `/` and NUL in a name): it is
/// read and written as given. Other non-UTF-8 arguments are usage errors, not panics.
#[cfg(target_os = "linux")]
#[test]
fn non_utf8_arguments_work_as_paths_and_are_clear_errors_elsewhere() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let s = Scratch::new();
    let root = s.docs(&[("tag.md", GOOD)]);
    let odd = s.0.join(OsStr::from_bytes(b"mod\xffels"));
    std::fs::rename(&root, &odd).unwrap();
    let out = s.0.join(OsStr::from_bytes(b"out\xfe.rs"));
    let o = generator(&[&odd, &"-o", &out]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("pub struct Tag"));
    for bad in [&b"--keep-unknown=\xff"[..], &b"--\xff"[..], &b"-\xff"[..]] {
        let o = generator(&[&odd, &OsStr::from_bytes(bad)]);
        assert_eq!(code(&o), 2, "{bad:?}: {}", stderr(&o));
        assert!(stderr(&o).starts_with("error: "), "{}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    }
}

#[test]
fn a_broken_wire_names_file_is_reported_at_its_position_and_exits_1() {
    let s = Scratch::new();
    let root = s.docs(&[("tag.md", GOOD)]);
    let wire = s.path("wire-names.toml");
    let run = |text: &str| {
        std::fs::write(&wire, text).unwrap();
        generator(&[&root, &"--wire-names", &wire])
    };
    // Not TOML: the parser's message, at the repeated table.
    let o = run("[defaults]\ncasing = \"snake_case\"\n[defaults]\n");
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(
        err.contains("error[invalid-overrides]: duplicate key"),
        "{err}"
    );
    assert!(err.contains("wire-names.toml:3:2"), "{err}");
    assert!(
        err.contains("generator: 1 error in the wire-names file; nothing written"),
        "{err}"
    );
    // TOML of another shape: serde's message, at the key.
    let err = stderr(&run("[\"c::Tag\"]\nid = \"ID\"\n"));
    assert!(err.contains("unknown field `id`"), "{err}");
    assert!(err.contains("wire-names.toml:2:1"), "{err}");
    // A literal string is TOML too.
    let o = run("[\"c::Tag\"]\ncasing = 'snake_case'\n");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // Names that match nothing.
    let o = run("[\"c::Nope\"]\ncasing = 'snake_case'\n");
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.contains("error[unknown-override]"), "{err}");
    assert!(err.contains("wire-names.toml:1:2"), "{err}");
}

#[test]
fn keep_unknown_text_gives_every_struct_unknown_keys() {
    let s = Scratch::new();
    let root = s.docs(&[("tag.md", GOOD)]);
    let o = generator(&[&root, &"--keep-unknown=text"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    syn::parse_file(&text).unwrap();
    assert!(
        text.contains("pub additional_properties: super::__helpers::UnknownKeys,"),
        "{text}"
    );
    assert!(
        text.contains("pub use self::__helpers::UnknownKeys;"),
        "{text}"
    );
    // `--keep-unknown` alone and `=map` are the map.
    for flag in ["--keep-unknown", "--keep-unknown=map"] {
        let o = generator(&[&root, &flag]);
        let text = String::from_utf8(o.stdout).unwrap();
        assert!(
            text.contains("::std::collections::BTreeMap<"),
            "{flag}: {text}"
        );
        assert!(!text.contains("UnknownKeys"), "{flag}: {text}");
    }
}

#[test]
fn lenient_scalars_reads_numbers_sent_as_strings() {
    let s = Scratch::new();
    let root = s.docs(&[("tag.md", GOOD)]);
    let text = |args: &[&dyn AsRef<std::ffi::OsStr>]| {
        let o = generator(args);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        String::from_utf8(o.stdout).unwrap()
    };
    // Without it, integers through the readers that take `25.0` but no strings.
    let plain = text(&[&root]);
    assert!(plain.contains(r#"__m.scalar(&mut id, "id")"#), "{plain}");
    assert!(!plain.contains("impl Mode for Lax"), "{plain}");
    let lax = text(&[&root, &"--lenient-scalars"]);
    syn::parse_file(&lax).unwrap();
    assert!(lax.contains(r#"__m.lax(&mut id, "id")"#), "{lax}");
    assert!(lax.contains("impl Mode for Lax"), "{lax}");
    let o = generator(&[&root, &"--lenient-scalars=yes"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
}

#[test]
fn a_model_named_unknown_keys_at_the_root_keeps_its_name() {
    // A doc given as a file lands in the output's root module, where the helper
    // type would be re-exported: the model keeps the name, the helper stays put.
    let s = Scratch::new();
    let root = s.docs(&[("unknownkeys.md", &GOOD.replace("# Tag", "# UnknownKeys"))]);
    let o = generator(&[
        &root.join("c").join("unknownkeys.md"),
        &"--keep-unknown=text",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    syn::parse_file(&text).unwrap();
    assert!(
        text.contains("pub additional_properties: __helpers::UnknownKeys,"),
        "{text}"
    );
    assert!(
        !text.contains("pub use self::__helpers::UnknownKeys;"),
        "{text}"
    );
}

#[test]
fn nothing_is_written_on_error_and_the_old_file_is_untouched() {
    let s = Scratch::new();
    let root = s.docs(&[("tag.md", GOOD), ("pin.md", BAD)]);
    let out = s.path("models.rs");
    std::fs::write(&out, "// previous output\n").unwrap();
    let before = age(&out);
    let o = generator(&[&root, &"-o", &out]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "// previous output\n"
    );
    assert_eq!(mtime(&out), before);
    // No temporary file is left beside it either.
    let names: Vec<_> = std::fs::read_dir(&s.0)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    // A new file is not created.
    let fresh = s.path("new.rs");
    assert_eq!(code(&generator(&[&root, &"-o", &fresh])), 1);
    assert!(!fresh.exists());
}

#[test]
fn keep_going_writes_the_valid_types_and_exits_1() {
    let s = Scratch::new();
    let root = s.docs(&[("tag.md", GOOD), ("pin.md", BAD)]);
    let o = generator(&[&root, &"--keep-going"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let text = String::from_utf8(o.stdout.clone()).unwrap();
    syn::parse_file(&text).unwrap();
    assert!(text.contains("pub struct Tag"), "{text}");
    assert!(!text.contains("Pin"), "{text}");
    assert!(stderr(&o).contains("pin.md:7:15"), "{}", stderr(&o));

    let out = s.path("models.rs");
    let o = generator(&[&root, &"--keep-going", &"-o", &out]);
    assert_eq!(code(&o), 1);
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written, text);
}

#[test]
fn out_leaves_an_unchanged_file_untouched() {
    let s = Scratch::new();
    let root = s.docs(&[("tag.md", GOOD)]);
    let out = s.path("models.rs");
    assert_eq!(code(&generator(&[&root, &"-o", &out])), 0);
    let first = std::fs::read_to_string(&out).unwrap();
    syn::parse_file(&first).unwrap();
    let before = age(&out);
    assert_eq!(code(&generator(&[&root, &"-o", &out])), 0);
    assert_eq!(mtime(&out), before, "an unchanged file was rewritten");
    // A changed doc does rewrite it.
    s.docs(&[("tag.md", &GOOD.replace("*int*", "*str*"))]);
    assert_eq!(code(&generator(&[&root, &"-o", &out])), 0);
    assert_ne!(mtime(&out), before);
    assert_ne!(std::fs::read_to_string(&out).unwrap(), first);
}

/// `-o` through a symbolic link replaces the file it points to; the link stays a link.
#[cfg(unix)]
#[test]
fn out_through_a_symlink_keeps_the_link() {
    let s = Scratch::new();
    let root = s.docs(&[("tag.md", GOOD)]);
    let (target, link) = (s.path("real.rs"), s.path("link.rs"));
    std::fs::write(&target, "old").unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();
    assert_eq!(code(&generator(&[&root, &"-o", &link])), 0);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    syn::parse_file(&std::fs::read_to_string(&target).unwrap()).unwrap();
}

/// `-o` to a special file (here a pipe; `/dev/null` and `/dev/stdout` alike) writes
/// into it: renaming a temporary file over it would replace it with a regular file.
#[cfg(unix)]
#[test]
fn out_to_a_pipe_writes_into_it_and_leaves_it_a_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let s = Scratch::new();
    let root = s.docs(&[("tag.md", GOOD)]);
    let fifo = s.path("pipe");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(code(&generator(&[&root, &"-o", &fifo]))));
    let exit = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the generator finishes writing into the pipe");
    assert_eq!(exit, 0);
    syn::parse_file(&reader.join().unwrap()).unwrap();
    assert!(std::fs::metadata(s.path("pipe"))
        .unwrap()
        .file_type()
        .is_fifo());
}

#[test]
fn check_exits_1_when_stale_with_a_diff_summary_and_0_when_fresh() {
    let s = Scratch::new();
    let root = s.docs(&[("tag.md", GOOD)]);
    let out = s.path("models.rs");
    assert_eq!(code(&generator(&[&root, &"-o", &out])), 0);
    let before = age(&out);
    let o = generator(&[&root, &"-o", &out, &"--check"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));

    s.docs(&[("tag.md", &GOOD.replace("*int*", "*str*"))]);
    let o = generator(&[&root, &"-o", &out, &"--check"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("stale"), "{err}");
    assert!(
        err.contains("added") && err.contains("first difference at line"),
        "{err}"
    );
    // --check never writes.
    assert_eq!(mtime(&out), before);

    // A missing file is stale too.
    let missing = s.path("missing.rs");
    assert_eq!(code(&generator(&[&root, &"-o", &missing, &"--check"])), 1);
    assert!(!missing.exists());
}

#[test]
fn strict_turns_a_degraded_field_into_an_error() {
    let s = Scratch::new();
    let odd = "# Odd\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `id` | *strin* | :heavy_check_mark: | N/A |";
    let root = s.docs(&[("odd.md", odd)]);
    let o = generator(&[&root]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("warning[unknown-notation]"), "{err}");
    assert!(err.contains("1 field degraded to any JSON value"), "{err}");
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("pub id: ::serde_json::Value"), "{text}");
    let o = generator(&[&root, &"--strict"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(err.contains("error[unknown-notation]"), "{err}");
    assert!(err.contains("odd.md:7:11"), "{err}");
}

#[test]
fn casing_learn_from_and_print_wire_names() {
    let s = Scratch::new();
    let doc = "# Item\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `item_id` | *str* | :heavy_check_mark: | N/A |\n| `media_container` | *Optional[str]* | :heavy_minus_sign: | N/A |";
    let root = s.docs(&[("item.md", doc)]);
    let o = generator(&[&root, &"--casing", &"snake_case"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(text.contains("\"item_id\""), "{text}");
    assert!(
        stderr(&o).contains("wire keys: snake_case"),
        "{}",
        stderr(&o)
    );
    let o = generator(&[&root, &"--casing=kebab"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("camelCase-initialisms"),
        "{}",
        stderr(&o)
    );

    let payload = s.path("item.json");
    std::fs::write(&payload, r#"{"itemID": "a1", "MediaContainer": "x"}"#).unwrap();
    let names = s.path("wire-names.toml");
    let o = generator(&[
        &root,
        &"--learn-from",
        &payload,
        &"--print-wire-names",
        &names,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(
        text.contains("\"itemID\"") && text.contains("\"MediaContainer\""),
        "{text}"
    );
    let file = std::fs::read_to_string(&names).unwrap();
    assert!(
        file.contains("itemID") && file.contains("MediaContainer"),
        "{file}"
    );
    // The printed file alone gives the same code.
    let o2 = generator(&[&root, &"--wire-names", &names]);
    assert_eq!(code(&o2), 0, "{}", stderr(&o2));
    assert_eq!(String::from_utf8(o2.stdout).unwrap(), text);
}
