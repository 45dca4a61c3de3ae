#!/usr/bin/env bash
# Benchmark summary for the generator (see bench/README.md):
#   (a) generation time per corpus in ../shared/corpora, and its ratio to a
#       pulldown-cmark-only parse of the same files measured in the same run;
#       1x/2x/4x growth on the largest corpus
#   (b) lines and bytes of emitted code per type, per corpus
#   (c) `cargo build` (debug, dependencies warm) of the crate generated from the
#       largest corpus: that crate from clean, and after touching it
#   (d) payload throughput: generated types vs serde_json::Value, capture vs plain
#   (e) learning JSON keys from payloads (--learn-from): time per MB of payload
#   (f) regeneration inside `cargo build` (default dev profile and build-override opt 3)
#   (g) time and peak memory generating 1x, 2x, 4x the largest tree (vercel-ts-2026-08)
#   (h) union reads: the generated union reader vs the untagged derive it replaced
# next to the reference figures of other generators quoted in the issue.
#
# Usage: scripts/bench.sh [--quick] [--no-compile]
#   --quick       payload figures from the bench's own timing only (no criterion run)
#   --no-compile  skip (c)
# Needs only the Rust toolchain (and GNU time for (g)); (a)-(c), (f), (g) need ../shared/corpora beside the repository
# (so does one figure of (e)).
# Full logs go to target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=0
COMPILE=1
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    --no-compile) COMPILE=0 ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done

CORPORA=../shared/corpora
LARGEST=plex-py-2026-01
LOGS=target/bench
mkdir -p "$LOGS"

# Milliseconds since the epoch (GNU date; falls back to whole seconds).
now_ms() {
  local ns
  ns=$(date +%s%N 2>/dev/null)
  case "$ns" in
    *N|'') echo $(( $(date +%s) * 1000 )) ;;
    *) echo $(( ns / 1000000 )) ;;
  esac
}
# Value of key=value field KEY in a line.
field() { awk -v k="$2" '{ for (i = 1; i <= NF; i++) { n = index($i, "="); if (n && substr($i, 1, n - 1) == k) print substr($i, n + 1) } }' <<<"$1"; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'; }
div() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN { if (b == 0) print "-"; else printf f, a / b }'; }
quiet() { # runs a command, output to a log; on failure shows the log's end
  local log=$1; shift
  if ! "$@" >"$log" 2>&1; then
    echo "failed: $* (log: $log)" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
}

echo "generator benchmarks: $(git rev-parse --short HEAD 2>/dev/null || echo '?') $(git diff --quiet HEAD 2>/dev/null || echo '(dirty)'), $(rustc --version), $(nproc 2>/dev/null || echo '?') cores"
if [ -r /proc/loadavg ]; then
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (timings are noisy on a busy machine)"
fi
echo

HAVE_CORPORA=0
if [ -d "$CORPORA" ] && ls "$CORPORA"/*/docs/models >/dev/null 2>&1; then
  HAVE_CORPORA=1
else
  echo "NOTE: $CORPORA is absent (it lives beside the repository, in ../shared):"
  echo "      (a) generation, (b) code size and (c) compile time are skipped."
  echo
fi

# Everything is compiled before anything is timed, and (c), itself a compile, runs
# last: right after a compile burst this 2-core machine runs threaded code measurably
# slower for a while, and generation uses every core while its floor uses one.
echo "building (release): generator CLI and both benchmarks ..."
quiet "$LOGS/build-release.log" cargo build --release -q -p generator
quiet "$LOGS/build-benches.log" cargo bench -q -p generator -p payload-bench --no-run
sleep 5

if [ "$HAVE_CORPORA" = 1 ]; then
  quiet "$LOGS/generate.log" cargo bench -q -p generator --bench generate
  mapfile -t RESULTS < <(grep '^RESULT ' "$LOGS/generate.log")
  mapfile -t GROWTH < <(grep '^GROWTH ' "$LOGS/generate.log")

  echo
  echo "(a) generation time per corpus (medians of 41 in-process runs of floor and gen, alternated;"
  echo "    CLI = best of 3 runs of target/release/generator, process start to exit, output to /dev/null)"
  printf '%-18s %5s %9s %9s %11s %7s\n' corpus docs "floor ms" "gen ms" "ratio" "CLI s"
  for line in "${RESULTS[@]}"; do
    name=$(field "$line" corpus)
    best=""
    for _ in 1 2 3; do
      t0=$(now_ms)
      target/release/generator -q "$CORPORA/$name/docs/models" >/dev/null
      t=$(( $(now_ms) - t0 ))
      if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
    done
    printf '%-18s %5s %9s %9s %10sx %7s\n' "$name" "$(field "$line" docs)" \
      "$(field "$line" floor_ms)" "$(field "$line" e2e_ms)" "$(field "$line" ratio)" "$(secs "$best")"
  done
  echo "    floor = reading the files + pulldown-cmark iterating every event (no generator), one thread;"
  echo "    gen = Config::generate with its default threads ($(nproc 2>/dev/null || echo '?') here: read, parse, model and print run on all);"
  echo "    ratio = gen / floor. Reference (issue, plex): cargo-typify 0.52 s, quicktype 3.7 s."
  echo
  echo "    growth, model + emit (one thread) of k copies of the largest corpus:"
  for line in "${GROWTH[@]}"; do
    printf '      %sx: %5s docs %9s ms  %s ms/doc\n' "$(field "$line" k)" "$(field "$line" docs)" \
      "$(field "$line" ms)" "$(field "$line" ms_per_doc)"
  done

  echo
  echo "(b) emitted code per corpus (formatted, with doc comments)"
  printf '%-18s %6s %9s %11s %10s %10s\n' corpus types lines bytes "lines/type" "bytes/type"
  for line in "${RESULTS[@]}"; do
    types=$(field "$line" types)
    printf '%-18s %6s %9s %11s %10s %10s\n' "$(field "$line" corpus)" "$types" \
      "$(field "$line" code_lines)" "$(field "$line" code_bytes)" \
      "$(div "$(field "$line" code_lines)" "$types" %.1f)" "$(div "$(field "$line" code_bytes)" "$types" %.0f)"
  done
fi

# (e) and (d) are measured here, before (c) compiles anything; their figures are
# printed last.
quiet "$LOGS/learn.log" cargo bench -q -p generator --bench learn
quiet "$LOGS/unions.log" cargo bench -q -p payload-bench --bench unions

if [ "$QUICK" = 1 ]; then
  PAYLOAD_BENCH_SUMMARY_ONLY=1 quiet "$LOGS/payloads.log" cargo bench -q -p payload-bench --bench payloads
else
  quiet "$LOGS/payloads.log" cargo bench -q -p payload-bench --bench payloads -- \
    --warm-up-time 0.5 --measurement-time 1.5
fi

if [ "$HAVE_CORPORA" = 1 ] && [ "$COMPILE" = 1 ]; then
  echo
  if [ ! -d "$CORPORA/$LARGEST/docs/models" ]; then
    echo "(c) skipped: $CORPORA/$LARGEST is absent"
  else
    # A scratch crate outside the workspace, with the workspace's lock file so the
    # dependency versions match; its dependencies and the crate share one target dir.
    ws=target/bench-compile
    mkdir -p "$ws/src"
    cat >"$ws/Cargo.toml" <<'TOML'
[package]
name = "corpus-types"
version = "0.0.0"
edition = "2021"
publish = false

[lib]
path = "src/lib.rs"

[dependencies]
serde = "1"
serde_json = "1"
chrono = { version = "0.4", default-features = false, features = ["serde", "std"] }

[workspace]
TOML
    cp Cargo.lock "$ws/Cargo.lock"
    target/release/generator -q "$CORPORA/$LARGEST/docs/models" -o "$ws/src/lib.rs"
    export CARGO_TARGET_DIR="$PWD/$ws/target"
    echo "(c) cargo build (debug) of the crate generated from $LARGEST ($(wc -l <"$ws/src/lib.rs") lines),"
    echo "    dependencies (serde, serde_json, chrono) built first and kept warm"
    quiet "$LOGS/compile-warm.log" cargo build --manifest-path "$ws/Cargo.toml"
    quiet "$LOGS/compile-clean-p.log" cargo clean --manifest-path "$ws/Cargo.toml" -p corpus-types
    t0=$(now_ms)
    quiet "$LOGS/compile-clean.log" cargo build --manifest-path "$ws/Cargo.toml"
    clean=$(( $(now_ms) - t0 ))
    touch "$ws/src/lib.rs"
    t0=$(now_ms)
    quiet "$LOGS/compile-touch.log" cargo build --manifest-path "$ws/Cargo.toml"
    touched=$(( $(now_ms) - t0 ))
    unset CARGO_TARGET_DIR
    printf '    %-34s %7s s   (reference, typify output: ~42 s)\n' "crate from clean, deps warm:" "$(secs "$clean")"
    printf '    %-34s %7s s   (reference, typify output: ~12 s)\n' "after touching its source:" "$(secs "$touched")"
  fi
fi

echo
echo "(h) union reads: firewall rules (constant type), limits (text or number), actions (the field"
echo "    ## Union Discrimination names) and routes (keys only), generated from tests/fixtures/unions"
line=$(grep '^UNIONS ' "$LOGS/unions.log" || true)
if [ -n "$line" ]; then
  printf '    %-34s %9s %9s\n' "" ms "MB/s"
  printf '    %-34s %9s %9s\n' "generated union reader" "$(field "$line" after_ms)" "$(field "$line" after_mbs)"
  printf '    %-34s %9s %9s\n' "untagged derive (before; wrong route)" "$(field "$line" before_ms)" "$(field "$line" before_mbs)"
  printf '    %-34s %9s %9s\n' "serde_json::Value" "$(field "$line" value_ms)" "$(field "$line" value_mbs)"
  echo "    ($(field "$line" bytes) bytes; medians of alternating runs; log: $LOGS/unions.log)"
else
  echo "    no UNIONS line in $LOGS/unions.log" >&2
fi

echo
echo "(d) payload: a Plex-style library listing through the types generated from specs/"
if [ "$QUICK" = 1 ]; then
  echo "    (--quick: the bench's own median-of-runs timing, no criterion run)"
else
  echo "    (criterion with short warm-up and measurement times; log: $LOGS/payloads.log)"
fi
line=$(grep '^PAYLOAD ' "$LOGS/payloads.log" || true)
if [ -z "$line" ]; then
  echo "    no PAYLOAD line in $LOGS/payloads.log" >&2
  exit 1
fi
echo "    $(field "$line" items) items, $(field "$line" bytes) bytes of JSON (median of runs, MB/s of JSON read or written)"
printf '    %-20s %12s %12s %12s %12s\n' "" "generated" "capture" "as text" "Value"
printf '    %-20s %12s %12s %12s %12s\n' "deserialize MB/s" "$(field "$line" de_plain_mbs)" \
  "$(field "$line" de_capture_mbs)" "$(field "$line" de_text_mbs)" "$(field "$line" de_value_mbs)"
printf '    %-20s %12s %12s %12s %12s\n' "serialize MB/s" "$(field "$line" ser_plain_mbs)" \
  "$(field "$line" ser_capture_mbs)" "$(field "$line" ser_text_mbs)" "$(field "$line" ser_value_mbs)"
echo "    (capture: unknown keys kept in maps of serde_json::Value, --keep-unknown; as text: kept as"
echo "    JSON text in UnknownKeys, --keep-unknown=text)"
echo "    deserialize: generated types $(field "$line" de_plain_vs_value)x the speed of Value;" \
  "with unknown-key capture $(field "$line" de_capture_vs_plain)x the speed of plain" \
  "($(field "$line" de_capture_vs_plain_known)x on the same listing with known keys only);" \
  "capturing as text $(field "$line" de_text_vs_plain)x ($(field "$line" de_text_vs_plain_known)x)"
echo "    the same structs with serde's #[derive(Deserialize)] (bench/src/derived.rs): $(field "$line" de_derive_mbs) MB/s," \
  "$(field "$line" de_derive_vs_value)x the speed of Value; generated types $(field "$line" de_plain_vs_derive)x the speed of the derive"
echo "    capture as schema generators emit it, the derive with a #[serde(flatten)] map: $(field "$line" de_flatten_mbs) MB/s," \
  "$(field "$line" de_flatten_vs_plain)x the speed of plain; generated capture $(field "$line" de_capture_vs_flatten)x its speed"
echo "    serialize:   generated types $(field "$line" ser_plain_vs_value)x the speed of Value;" \
  "with unknown-key capture $(field "$line" ser_capture_vs_plain)x the speed of plain;" \
  "capturing as text $(field "$line" ser_text_vs_plain)x"
echo "    capture's extra time (capture - plain): $(field "$line" de_capture_extra_ms) ms, as text" \
  "$(field "$line" de_text_extra_ms) ms; plain at 2x Value and capture at 1.5x plain can hold together" \
  "only while it is at most Value / 4: $(field "$line" de_value_quarter_ms) ms"
echo "    reading, then looking up one kept key of every item (UnknownKeys::get; the first look parses" \
  "the item's kept text): as text $(field "$line" de_text_get_vs_plain)x the time of plain," \
  "into maps $(field "$line" de_capture_get_vs_plain)x"
echo "    capture cost (time capturing / time plain, alternating blocks) by share of unknown bytes:"
printf '      %-28s %8s %8s\n' "" "capture" "as text"
while read -r sweep; do
  printf '      %5s%% of the bytes unknown:    %7sx %7sx\n' "$(field "$sweep" unknown_pct)" \
    "$(field "$sweep" cost)" "$(field "$sweep" text_cost)"
done < <(grep '^SWEEP ' "$LOGS/payloads.log")
if [ "$QUICK" = 0 ]; then
  echo "    criterion estimates (time per run, [low mid high]):"
  # The first `time:` after each name; criterion's `change:` block repeats the word.
  awk '/^(de)?serialize\/[a-z_]+/ { name = $1; want = 1 }
       /time:/ && want { sub(/.*time: */, ""); printf "      %-28s %s\n", name, $0; want = 0 }' \
    "$LOGS/payloads.log"
fi

echo
echo "(e) learning JSON keys from payloads (--learn-from; medians, one thread; log: $LOGS/learn.log)"
printf '    %-28s %6s %9s %9s %9s\n' payload files MB ms "ms/MB"
while read -r line; do
  printf '    %-28s %6s %9s %9s %9s\n' "$(field "$line" payload)" "$(field "$line" files)" \
    "$(field "$line" mb)" "$(field "$line" ms)" "$(field "$line" ms_per_mb)"
done < <(grep '^LEARN ' "$LOGS/learn.log")
echo "    (reading and parsing the files included; matched: each payload compared with every type)"

# (f) and (g): what users feel when the generator runs inside their build, and how
# generation scales in time and memory on the largest tree.
if [ "$HAVE_CORPORA" = 1 ]; then
  echo
  echo "(f) regeneration inside \`cargo build\` (the build script a user writes, README \"Use it from"
  echo "    your own build.rs\"): time the build script spends generating, median of 3 reruns"
  ws=target/bench-regen
  mkdir -p "$ws/src"
  cat >"$ws/Cargo.toml" <<TOML
[package]
name = "regen-bench"
version = "0.0.0"
edition = "2021"
publish = false

[build-dependencies]
generator = { path = "$PWD/generator", default-features = false }

[workspace]
TOML
  cp Cargo.lock "$ws/Cargo.lock"
  echo "" >"$ws/src/lib.rs"
  cat >"$ws/build.rs" <<'RS'
// Generates from REGEN_DOCS into OUT_DIR and reports how long it took. The nonce
// makes cargo rerun this script without rebuilding anything.
fn main() {
    println!("cargo:rerun-if-env-changed=REGEN_DOCS");
    println!("cargo:rerun-if-env-changed=REGEN_NONCE");
    let docs = std::env::var("REGEN_DOCS").unwrap();
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("models.rs");
    let start = std::time::Instant::now();
    let mut config = generator::Config::new();
    // A tree with broken docs still measures the whole pipeline.
    config.input(&docs).keep_going(true);
    let _ = config.write_to(&out);
    println!("cargo:warning=REGEN ms={}", start.elapsed().as_millis());
}
RS
  printf '    %-24s %22s %26s\n' tree "default dev profile" "build-override opt-level 3"
  for tree in plex-py-2026-01 vercel-ts-2026-08; do
    [ -d "$CORPORA/$tree/docs/models" ] || continue
    row=()
    for profile in default opt; do
      extra=()
      [ "$profile" = opt ] && extra=(--config 'profile.dev.build-override.opt-level=3')
      times=()
      for n in 0 1 2 3; do
        out=$(REGEN_DOCS="$PWD/$CORPORA/$tree/docs/models" REGEN_NONCE="$tree-$profile-$n-$$" \
          cargo build --manifest-path "$ws/Cargo.toml" "${extra[@]}" 2>&1 || true)
        ms=$(grep -o 'REGEN ms=[0-9]*' <<<"$out" | head -n1 | cut -d= -f2)
        # The first build compiles the generator; only the reruns are timed.
        [ "$n" -gt 0 ] && [ -n "$ms" ] && times+=("$ms")
      done
      med=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
      row+=("$(secs "${med:-0}") s")
    done
    printf '    %-24s %22s %26s\n' "$tree" "${row[0]}" "${row[1]}"
  done
  echo "    (the setting: [profile.dev.build-override] opt-level = 3 in the user's Cargo.toml; the"
  echo "    generator and its dependencies then build optimized once, and every regeneration is fast)"

  echo
  echo "(g) generation of k copies of the largest tree, vercel-ts-2026-08, by the CLI (release, all"
  echo "    threads, --keep-going, output to /dev/null): wall time and peak resident memory"
  big="$CORPORA/vercel-ts-2026-08/docs/models"
  if [ ! -x /usr/bin/time ]; then
    echo "    skipped: GNU time (/usr/bin/time, Debian package \`time\`) is not installed"
  elif [ -d "$big" ]; then
    printf '    %-4s %7s %9s %11s %11s\n' k docs "wall s" "peak MB" "KB per doc"
    docs=$(find "$big" -name '*.md' -o -name '*.mdx' | wc -l)
    for k in 1 2 4; do
      # Another spelling of the same folder is another input root (as in the bench of (a)).
      inputs=()
      p="$big"
      for _ in $(seq 1 "$k"); do inputs+=("$p"); p="$p/../models"; done
      best_t="" best_m=""
      for _ in 1 2 3; do
        /usr/bin/time -o "$LOGS/time.txt" -f '%e %M' \
          target/release/generator -q --keep-going "${inputs[@]}" >/dev/null 2>&1 || true
        stats=$(tail -n1 "$LOGS/time.txt")
        t=${stats% *} m=${stats#* }
        if [ -z "$best_t" ] || awk -v a="$t" -v b="$best_t" 'BEGIN { exit !(a < b) }'; then best_t=$t; fi
        if [ -z "$best_m" ] || [ "$m" -lt "$best_m" ]; then best_m=$m; fi
      done
      n=$((docs * k))
      printf '    %-4s %7s %9s %11s %11s\n' "${k}x" "$n" "$best_t" "$(div "$best_m" 1024 %.0f)" "$(div "$best_m" "$n" %.1f)"
    done
    echo "    (best of 3; linear growth shows as a steady KB per doc and a wall time that doubles with k)"
  fi
fi
