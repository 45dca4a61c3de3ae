#!/usr/bin/env bash
# What compiling the crate generated from a doc tree costs rustc, in instructions
# (valgrind's callgrind: the same count whatever else the machine is doing, unlike
# seconds). Debug profile, dependencies built first and not counted.
#
# Usage: scripts/compile-cost.sh DOCS [GENERATOR-ARGS...]
#   e.g. scripts/compile-cost.sh ../shared/corpora/plex-py-2026-01/docs/models
# Needs valgrind. Scratch files go to target/compile-cost/.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
command -v valgrind >/dev/null || { echo "compile-cost.sh: needs valgrind" >&2; exit 2; }
docs=$1; shift
ws=target/compile-cost
mkdir -p "$ws/src"
cat >"$ws/Cargo.toml" <<'TOML'
[package]
name = "compile-cost"
version = "0.0.0"
edition = "2021"
publish = false

[lib]
path = "src/lib.rs"

[dependencies]
serde = "1"
serde_json = "1"
chrono = { version = "0.4", default-features = false, features = ["serde", "std"] }

[profile.dev]
debug = 0

[workspace]
TOML
cp Cargo.lock "$ws/Cargo.lock"
cargo build -q --release -p generator
target/release/generator -q "$docs" "$@" -o "$ws/src/lib.rs"
export CARGO_TARGET_DIR="$PWD/$ws/target"
# Build once (dependencies too) and take rustc's command line for the crate.
cargo clean -q --manifest-path "$ws/Cargo.toml" -p compile-cost
cmd=$(cargo build -v --manifest-path "$ws/Cargo.toml" 2>&1 | grep 'Running `.*--crate-name compile_cost ' | sed 's/^ *Running `//; s/`$//')
[ -n "$cmd" ] || { echo "compile-cost.sh: no rustc command found" >&2; exit 1; }
# Without incremental state and JSON diagnostics; outputs to a scratch folder.
cmd=$(sed "s| -C incremental=[^ ]*||; s|--out-dir [^ ]*|--out-dir $PWD/$ws/out|; s|--error-format=json --json=[^ ]*||" <<<"$cmd")
mkdir -p "$ws/out"
lines=$(wc -l <"$ws/src/lib.rs")
ir=$(cd "$ws" && eval valgrind --tool=callgrind --callgrind-out-file="$PWD/callgrind.out" "$cmd" 2>&1 | sed -n 's/.*Collected : //p')
echo "$docs: $lines lines, rustc $ir instructions ($(awk -v i="$ir" 'BEGIN { printf "%.1f", i / 1e9 }') G)"
