#!/bin/sh
# Writes the seed corpus for the `docs` target from the repository's specs/ (fuzz/corpus
# is git-ignored): every spec doc alone, and each doc paired with the doc after it
# (separated by the 0xFF byte the target splits on), so links between docs resolve.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/corpus/docs"
mkdir -p "$out"
prev=""
for f in $(find "$here/../specs" -name '*.md' | sort); do
    name=$(echo "$f" | sed 's|.*/specs/||; s|/|_|g')
    cp "$f" "$out/$name"
    if [ -n "$prev" ]; then
        { cat "$prev"; printf '\377'; cat "$f"; } > "$out/pair_$name"
    fi
    prev="$f"
done
echo "seeded $(ls "$out" | wc -l) inputs into $out"
