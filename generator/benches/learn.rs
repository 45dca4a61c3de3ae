//! `cargo bench -p generator --bench learn`: how long learning JSON keys from payloads
//! takes per MB of payload, and what deciding the keys (detection and the precedence,
//! `wire::infer`) adds to building the model. Prints a table; no asserts.
//!
//! Payloads: the Plex-like response of `tests/fixtures/learn/plex` with its item list
//! grown to about 8 MB (one file, matched to its type), the same named by its type,
//! and, when `../shared/corpora` is there, the full sample of every struct of the
//! largest Plex tree as one file each (each matched among all its types).
//!
//! The share of model building is measured on the three largest trees of
//! `../shared/corpora`. One machine-readable line per measurement, for
//! `scripts/bench.sh` (medians in milliseconds):
//!
//! ```text
//! LEARN payload=NAME files=N mb=.. ms=.. ms_per_mb=..
//! INFER corpus=NAME docs=N structs=N model_ms=.. infer_ms=..
//! ```

use generator::__internal::{self as stages, Index};
use generator::ir::{Kind, Model};
use generator::LearnSource;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const RUNS: usize = 7;

/// Median of `RUNS` timings of `f`.
fn time<T>(f: impl FnMut() -> T) -> Duration {
    time_n(RUNS, f)
}

/// Median of `runs` timings of `f`.
fn time_n<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn model_of(docs: &Path) -> Model {
    generator::Config::new()
        .input(docs)
        .keep_going(true)
        .model()
        .unwrap_or_else(|e| panic!("{}: {}", docs.display(), e.render(5)))
        .0
}

/// Learns from `sources` and prints the figure.
fn measure(name: &str, model: &Model, sources: &[LearnSource], files: usize, bytes: u64) {
    let index = Index::new(model);
    let (learned, errors, _) = stages::learn(model, &index, sources);
    assert!(errors.is_empty(), "{errors:?}");
    let t = time(|| stages::learn(model, &index, sources));
    let mb = bytes as f64 / 1e6;
    println!(
        "{name:<28} {files:>5} files {mb:>7.2} MB {:>9.1} ms {:>8.1} ms/MB  ({} payload matches, {} fields learned)",
        ms(t),
        ms(t) / mb,
        learned.report.payloads.len(),
        learned.report.fields_learned
    );
    println!(
        "LEARN payload={name} files={files} mb={mb:.3} ms={:.2} ms_per_mb={:.2}",
        ms(t),
        ms(t) / mb
    );
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let scratch = std::env::temp_dir().join(format!("learn-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap();

    println!("learning keys from payloads (median of {RUNS} runs, one thread)");
    // 1. One large response, as an API sends it.
    let fixture = root.join("tests/fixtures/learn/plex");
    let text =
        std::fs::read_to_string(fixture.join("payloads/learned/library-items.json")).unwrap();
    let mut payload: Value = serde_json::from_str(&text).unwrap();
    let items = payload["MediaContainer"]["Metadata"]
        .as_array()
        .unwrap()
        .clone();
    let mut grown = Vec::new();
    while serde_json::to_string(&grown).unwrap().len() < 8_000_000 {
        for (i, item) in items.iter().enumerate() {
            let mut item = item.clone();
            item["ratingKey"] = Value::from(format!("{}", grown.len() * 10 + i));
            grown.push(item);
        }
    }
    payload["MediaContainer"]["Metadata"] = Value::Array(grown);
    let file = scratch.join("library-items.json");
    let text = serde_json::to_string_pretty(&payload).unwrap();
    std::fs::write(&file, &text).unwrap();
    let model = model_of(&fixture.join("models"));
    let bytes = text.len() as u64;
    measure(
        "plex fixture, matched",
        &model,
        &[LearnSource::Path(file.clone())],
        1,
        bytes,
    );
    measure(
        "plex fixture, named type",
        &model,
        &[LearnSource::Typed {
            type_path: "operations::GetLibraryItemsResponseBody".into(),
            path: file,
        }],
        1,
        bytes,
    );

    // 2. Many small payloads of a large tree, each matched among all its types.
    let corpora = root.join("../shared/corpora");
    let largest = corpora.join("plex-py-2026-01/docs/models");
    if largest.is_dir() {
        let model = model_of(&largest);
        let (samples, _) = generator::samples::samples_json(&model);
        let samples: Value = serde_json::from_str(&samples).unwrap();
        let dir = scratch.join("samples");
        std::fs::create_dir_all(&dir).unwrap();
        let (mut files, mut bytes) = (0, 0u64);
        for (i, (_, s)) in samples.as_object().unwrap().iter().enumerate() {
            if let Some(full) = s.get("full") {
                let text = serde_json::to_string(full).unwrap();
                bytes += text.len() as u64;
                files += 1;
                std::fs::write(dir.join(format!("{i:05}.json")), text).unwrap();
            }
        }
        measure(
            "plex-py-2026-01 samples",
            &model,
            &[LearnSource::Path(dir)],
            files,
            bytes,
        );
    } else {
        println!("../shared/corpora is absent: the corpus figures are skipped");
    }

    // 3. What deciding the keys adds to building the model, per corpus.
    if let Ok(entries) = std::fs::read_dir(&corpora) {
        let mut dirs: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path().join("docs/models"))
            .filter(|p| p.is_dir())
            .collect();
        // The three largest trees by file count: the share is what matters.
        let files = |p: &Path| stages::list(&[p.to_path_buf()]).map_or(0, |l| l.len());
        dirs.sort_by_key(|p| std::cmp::Reverse(files(p)));
        dirs.truncate(3);
        println!();
        println!("deciding the keys (wire::infer, one thread) next to building the whole model");
        for docs in dirs {
            let name = docs
                .parent()
                .and_then(Path::parent)
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let model_t = time_n(3, || model_of(&docs));
            let model = model_of(&docs);
            let structs = model
                .types
                .iter()
                .filter(|t| matches!(t.kind, Kind::Struct(_)))
                .count();
            let infer_t = time_n(3, || stages::infer(&mut model.clone()));
            let clone_t = time_n(3, || model.clone());
            let infer = infer_t.saturating_sub(clone_t);
            println!(
                "{name:<26} {:>5} docs {structs:>5} structs  model {:>8.1} ms  keys {:>7.1} ms ({:.0}%)",
                model.docs_read,
                ms(model_t),
                ms(infer),
                ms(infer) * 100.0 / ms(model_t)
            );
            println!(
                "INFER corpus={name} docs={} structs={structs} model_ms={:.2} infer_ms={:.2}",
                model.docs_read,
                ms(model_t),
                ms(infer)
            );
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
}
