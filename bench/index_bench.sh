#!/usr/bin/env bash
# Indexing time of the shared ERDF corpus (plus data/sample) with and without the Swedish
# analysis extensions (lemmas, compound parts, folded stems): FYND_ANALYSIS=plain turns
# them off. Uses hyperfine when installed, else N timed runs each; prints medians and the
# ratio, and fails if the extensions cost more than 2x.
#   bench/index_bench.sh [path/to/fynd-index] [runs]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
index=${1:-$here/build/release/indexer/fynd-index}
runs=${2:-5}
corpus=$here/../shared/corpus/tillvaxtverket-eruf-2014-2020.json
[[ -x $index ]] || { echo "no fynd-index at $index (build a Release tree first)"; exit 2; }
[[ -f $corpus ]] || { echo "skipped: $corpus is absent"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
inputs=("$here/data/sample" "$corpus")

if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs "$runs" --prepare "rm -rf $tmp/db" \
    -n plain "FYND_ANALYSIS=plain $index -q --db $tmp/db ${inputs[*]}" \
    -n swedish "$index -q --db $tmp/db ${inputs[*]}"
  exit 0
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
measure() {  # $1 = value of FYND_ANALYSIS ("" = extensions on)
  for _ in $(seq "$runs"); do
    rm -rf "$tmp/db"
    local s e
    s=$(date +%s.%N)
    FYND_ANALYSIS=$1 "$index" -q --db "$tmp/db" "${inputs[@]}"
    e=$(date +%s.%N)
    echo "$e - $s" | bc
  done | median
}
measure plain >/dev/null  # warm the page cache
plain=$(measure plain)
swedish=$(measure "")
ratio=$(echo "scale=2; $swedish / $plain" | bc)
printf 'indexing %s + data/sample, median of %s runs\n' "$(basename "$corpus")" "$runs"
printf '  plain Snowball      %6.2f s\n  Swedish extensions  %6.2f s\n  ratio               %6.2fx\n' "$plain" "$swedish" "$ratio"
if (( $(echo "$ratio > 2" | bc) )); then echo "FAIL: the Swedish extensions cost more than 2x"; exit 1; fi
