//! The output depends only on the docs: not on threads running at the same time, not on
//! the order the file system lists files in, not on where the tree lives.

use generator::discover::Source;
use std::path::{Path, PathBuf};

fn specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

/// `../shared` beside the repository, when this clone has it.
fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared"));
    p.is_dir().then_some(p)
}

fn generate(input: &Path) -> String {
    generator::Config::new()
        .input(input)
        .generate()
        .unwrap_or_else(|e| panic!("{}: {}", input.display(), e.render(5)))
}

/// A fixed-seed xorshift shuffle: no dependency, same order on every run.
fn shuffle<T>(items: &mut [T], mut seed: u64) {
    for i in (1..items.len()).rev() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        items.swap(i, (seed % (i as u64 + 1)) as usize);
    }
}

/// Copies every `*.md` under `from` to `to` (same relative paths), creating the files
/// in a shuffled order so directory listings come back in another order.
fn copy_shuffled(from: &Path, to: &Path, seed: u64) -> usize {
    let mut files = Vec::new();
    let mut stack = vec![from.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                files.push(p);
            }
        }
    }
    shuffle(&mut files, seed);
    for f in &files {
        let dest = to.join(f.strip_prefix(from).unwrap());
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(f, &dest).unwrap();
    }
    files.len()
}

/// The sources as discovery reads them, for the in-memory pipeline.
fn sources(root: &Path) -> Vec<Source> {
    let listed = generator::discover::list(&[root.to_path_buf()]).unwrap();
    let (sources, errors) = generator::discover::read(listed);
    assert!(errors.is_empty());
    sources
}

fn build_and_emit(sources: &[Source]) -> String {
    let built = generator::model::build(sources);
    assert!(built.errors.is_empty(), "{:?}", built.errors);
    generator::emit::render(&built.model, 1).unwrap()
}

#[test]
fn four_threads_generate_byte_identical_output() {
    for flavor in ["python", "go"] {
        let input = specs().join(flavor).join("models");
        let expected = generate(&input);
        let outputs: Vec<String> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| {
                    s.spawn(|| {
                        // Several runs per thread, so the runs overlap in time.
                        let runs: Vec<String> = (0..5).map(|_| generate(&input)).collect();
                        assert!(runs.windows(2).all(|w| w[0] == w[1]));
                        runs.into_iter().next().unwrap()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for (i, out) in outputs.iter().enumerate() {
            assert!(out == &expected, "{flavor}: thread {i} differs");
        }
    }
}

#[test]
fn source_order_and_location_do_not_change_the_output() {
    let input = specs().join("python").join("models");
    let expected = generate(&input);
    // In memory: the same sources in shuffled orders.
    let mut srcs = sources(&input);
    assert_eq!(build_and_emit(&srcs), expected);
    for seed in 1u64..=5 {
        shuffle(&mut srcs, seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        assert_eq!(build_and_emit(&srcs), expected, "shuffle {seed}");
    }
    // On disk: a copy elsewhere, files created in another order.
    let copy = std::env::temp_dir().join(format!("gen-determinism-specs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&copy);
    copy_shuffled(&input, &copy.join("elsewhere/models"), 7);
    assert_eq!(generate(&copy.join("elsewhere/models")), expected);
    std::fs::remove_dir_all(&copy).unwrap();
}

#[test]
fn corpus_in_shuffled_order_and_another_folder_gives_the_same_output() {
    let Some(shared) = shared() else {
        eprintln!("../shared is absent (a clone without the shared corpora): corpus determinism check skipped");
        return;
    };
    let input = shared.join("corpora/plex-py-2026-01/docs/models");
    if !input.is_dir() {
        eprintln!(
            "{} is absent: corpus determinism check skipped",
            input.display()
        );
        return;
    }
    let expected = generate(&input);

    // Concurrently from four threads.
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..4).map(|_| s.spawn(|| generate(&input))).collect();
        for h in handles {
            assert!(h.join().unwrap() == expected, "a concurrent run differs");
        }
    });

    // The sources handed to the model in shuffled order.
    let mut srcs = sources(&input);
    for seed in [3u64, 0x5EED] {
        shuffle(&mut srcs, seed);
        assert!(
            build_and_emit(&srcs) == expected,
            "shuffled sources differ (seed {seed})"
        );
    }

    // A copy in another folder, files created in shuffled order (read only from the
    // shared corpus; the copy lives in the temp dir and is removed).
    let copy = std::env::temp_dir().join(format!("gen-determinism-corpus-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&copy);
    let n = copy_shuffled(&input, &copy.join("other/place/models"), 11);
    assert!(n > 100, "only {n} docs copied");
    let copied = generate(&copy.join("other/place/models"));
    std::fs::remove_dir_all(&copy).unwrap();
    assert!(copied == expected, "the copy generates different output");
}
