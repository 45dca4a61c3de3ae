//! `cargo bench -p generator`: generation time per corpus in `../shared/corpora`, split
//! by stage, next to the floor (pulldown-cmark alone iterating every event of the same
//! files), plus 1x/2x/4x inputs to show growth is linear. Prints a table; no asserts.
//!
//! The floor and end-to-end runs behind the ratio alternate, so a change in the
//! machine's speed during the run affects both alike.
//!
//! Besides the table, one machine-readable line per corpus and per growth step, for
//! `scripts/bench.sh` (times are medians in milliseconds; code is the formatted output):
//!
//! ```text
//! RESULT corpus=NAME docs=N types=N read_ms=.. floor_ms=.. e2e_ms=.. ratio=.. code_lines=N code_bytes=N
//! GROWTH k=1 docs=N ms=.. ms_per_doc=..
//! ```

use generator::{discover, emit, model, parse};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const RUNS: usize = 5;
/// Runs of the floor and of end-to-end generation, alternated, behind the ratio. The
/// threaded end-to-end run scatters on a shared machine: with 15 runs the ratio moved
/// by 0.6x between invocations, with 41 by 0.06x in a row and 0.3x across a day.
const PAIRED_RUNS: usize = 41;

/// Median of `RUNS` timings of `f`.
fn time<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        let out = f();
        times.push(start.elapsed());
        last = Some(out);
    }
    times.sort();
    (times[RUNS / 2], last.unwrap())
}

/// Medians of `PAIRED_RUNS` timings of `f` and of `g`, run alternately so that a
/// change in the machine's speed during the run hits both alike.
fn paired<A, B>(mut f: impl FnMut() -> A, mut g: impl FnMut() -> B) -> (Duration, Duration) {
    let (mut tf, mut tg) = (Vec::new(), Vec::new());
    for _ in 0..PAIRED_RUNS {
        let start = Instant::now();
        std::hint::black_box(f());
        tf.push(start.elapsed());
        let start = Instant::now();
        std::hint::black_box(g());
        tg.push(start.elapsed());
    }
    tf.sort();
    tg.sort();
    (tf[PAIRED_RUNS / 2], tg[PAIRED_RUNS / 2])
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn floor(sources: &[discover::Source]) -> usize {
    let mut opts = pulldown_cmark::Options::empty();
    opts.insert(pulldown_cmark::Options::ENABLE_TABLES);
    opts.insert(pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
    sources
        .iter()
        .map(|s| {
            pulldown_cmark::Parser::new_ext(&s.text, opts)
                .into_offset_iter()
                .count()
        })
        .sum()
}

fn main() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpora");
    let Ok(entries) = std::fs::read_dir(&shared) else {
        println!("../shared/corpora is absent: nothing to measure");
        return;
    };
    let mut corpora: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path().join("docs/models"))
        .filter(|p| p.is_dir())
        .collect();
    corpora.sort();
    println!(
        "{:<18} {:>5} {:>8} {:>8} {:>8} {:>8} {:>8} {:>10} {:>9} {:>6}",
        "corpus",
        "docs",
        "read",
        "pulldown",
        "parse",
        "model",
        "emit",
        "read+pull",
        "end2end",
        "ratio"
    );
    let mut largest: Option<Vec<discover::Source>> = None;
    let mut results = Vec::new();
    for dir in &corpora {
        let name = dir
            .parent()
            .and_then(Path::parent)
            .and_then(Path::file_name)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let inputs = vec![dir.clone()];
        let (t_read, sources) = time(|| discover::read(discover::list(&inputs).unwrap()).0);
        let (t_floor, _) = time(|| floor(&sources));
        let (t_parse, _) = time(|| {
            sources
                .iter()
                .map(|s| parse::parse(&s.text).sections.len())
                .sum::<usize>()
        });
        let (t_model, built) = time(|| model::build_with(&sources, 1));
        let (t_emit, code) = time(|| emit::render(&built.model, 1).unwrap());
        // The floor includes reading the files, like the end-to-end run does.
        let (floor_total, t_e2e) = paired(
            || floor(&discover::read(discover::list(&inputs).unwrap()).0),
            || generator::Config::new().input(dir).generate().unwrap(),
        );
        println!(
            "{name:<18} {:>5} {:>6.1}ms {:>6.1}ms {:>6.1}ms {:>6.1}ms {:>6.1}ms {:>8.1}ms {:>7.1}ms {:>5.2}x",
            sources.len(),
            ms(t_read),
            ms(t_floor),
            ms(t_parse),
            ms(t_model.saturating_sub(t_parse)),
            ms(t_emit),
            ms(floor_total),
            ms(t_e2e),
            t_e2e.as_secs_f64() / floor_total.as_secs_f64()
        );
        results.push(format!(
            "RESULT corpus={name} docs={} types={} read_ms={:.2} floor_ms={:.2} e2e_ms={:.2} \
             ratio={:.2} code_lines={} code_bytes={}",
            sources.len(),
            built.model.types.len(),
            ms(t_read),
            ms(floor_total),
            ms(t_e2e),
            t_e2e.as_secs_f64() / floor_total.as_secs_f64(),
            code.lines().count(),
            code.len()
        ));
        if largest.as_ref().is_none_or(|l| l.len() < sources.len()) {
            largest = Some(sources);
        }
    }
    println!(
        "(stages on one thread, median of {RUNS}; model = model stage minus its parse; \
         ratio = end-to-end / (read + pulldown-cmark floor), medians of {PAIRED_RUNS} runs of each, alternated)"
    );
    if let Some(base) = largest {
        println!("\nlinear growth on the largest corpus (model + emit of k copies, one thread):");
        for k in [1usize, 2, 4] {
            let mut sources = Vec::new();
            for i in 0..k {
                for s in &base {
                    // Another spelling of the same folder is another input root: links
                    // resolve within each copy, and names get suffixes as in real use.
                    let mut s = s.clone();
                    let leaf = s.root.file_name().unwrap().to_owned();
                    for _ in 0..i {
                        s.root = s.root.join("..").join(&leaf);
                    }
                    sources.push(s);
                }
            }
            sources.sort_by(|a, b| a.rel.cmp(&b.rel).then(a.root.cmp(&b.root)));
            let (t, _) = time(|| {
                let built = model::build_with(&sources, 1);
                assert!(built.errors.is_empty(), "{:?}", built.errors.first());
                let m = built.model;
                emit::render(&m, 1).unwrap().len()
            });
            println!(
                "  {k}x: {:>5} docs {:>8.1} ms  ({:.3} ms/doc)",
                sources.len(),
                ms(t),
                ms(t) / sources.len() as f64
            );
            results.push(format!(
                "GROWTH k={k} docs={} ms={:.2} ms_per_doc={:.4}",
                sources.len(),
                ms(t),
                ms(t) / sources.len() as f64
            ));
        }
    }
    println!();
    for line in &results {
        println!("{line}");
    }
}
