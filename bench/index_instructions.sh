#!/usr/bin/env bash
# Indexing work as instruction counts, which do not drift with the machine's load or
# speed (wall and CPU seconds on a shared host move by tens of percent from one run to the
# next): fynd-index under `valgrind --tool=callgrind` on the first N records of a JSONL
# corpus, readers in the same process (--no-isolation), a fresh index each run.
#   bench/index_instructions.sh [--records N] [--corpus FILE] [--index path/to/fynd-index]
#                               [--compare path/to/other/fynd-index] [--keep DIR]
# Default: 1,500 records of /tmp/fynd-peer-corpus/corpus_100k.jsonl (made by
# ../shared/bench/gen_corpus.py, see ../shared/bench/README.md); the Release build's
# fynd-index. Prints the total and the parts (preparing, writing the segments, the final
# merge, reading), and with --compare the same for the other build and the ratios.
# --keep DIR keeps the callgrind files (callgrind_annotate --inclusive=yes DIR/NAME.out).
# About 40 s a run for 1,500 records.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
index=$here/build/release/indexer/fynd-index
corpus=/tmp/fynd-peer-corpus/corpus_100k.jsonl
records=1500
other=
keep=
while (($#)); do
  case $1 in
    --records) records=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --index) index=$2; shift 2 ;;
    --compare) other=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "index_instructions.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ $records =~ ^[1-9][0-9]*$ ]] || { echo "index_instructions.sh: --records is a positive number" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "needs valgrind (scripts/setup.sh --bench installs it)"; exit 2; }
command -v callgrind_annotate >/dev/null || { echo "needs callgrind_annotate (scripts/setup.sh --bench installs valgrind)"; exit 2; }
[[ -f $corpus ]] || { echo "skipped: $corpus is absent (../shared/bench/gen_corpus.py makes it)"; exit 0; }
for exe in "$index" ${other:+"$other"}; do
  [[ -x $exe ]] || { echo "no fynd-index at $exe (build a Release tree first)"; exit 2; }
done
work=${TMPDIR:-/tmp}/fynd-index-instructions.$$
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
head -n "$records" "$corpus" >"$work/input.jsonl"

# Inclusive instructions of the first function matching $2 in callgrind file $1.
part() {
  callgrind_annotate --inclusive=yes "$1" 2>/dev/null |
    awk -v pat="$2" 'index($0, pat) { gsub(",", "", $1); print $1; found = 1; exit } END { if (!found) print 0 }'
}

measure() {  # $1 = label, $2 = fynd-index; prints "total prepare write merge read"
  local out=$work/$1.out
  rm -rf "$work/db"
  valgrind --tool=callgrind --callgrind-out-file="$out" "$2" -q --no-isolation --db "$work/db" \
    "$work/input.jsonl" >"$work/$1.log" 2>&1 || { cat "$work/$1.log"; echo "fynd-index failed under valgrind"; exit 1; }
  local total
  total=$(callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }')
  echo "$total $(part "$out" 'fynd::Pipeline::prepare(') $(part "$out" 'fynd::BulkBuild::write(') \
$(part "$out" 'fynd::BulkBuild::merge_all(') $(part "$out" 'fynd::Pipeline::read_file(')"
  [[ -z $keep ]] || { mkdir -p "$keep"; cp "$out" "$keep/"; }
}

row() {  # $1 = label, then the five counts
  printf '%-8s %14s %14s %14s %14s %14s\n' "$1" "$2" "$3" "$4" "$5" "$6"
}

echo "fynd-index on the first $records records of $corpus (instructions, callgrind)"
row build total prepare write merge read
read -r -a a <<<"$(measure this "$index")"
row this "${a[@]}"
if [[ -n $other ]]; then
  read -r -a b <<<"$(measure other "$other")"
  row other "${b[@]}"
  ratios=()
  for i in 0 1 2 3 4; do
    ratios+=("$(awk -v x="${a[$i]}" -v y="${b[$i]}" 'BEGIN { if (y > 0) printf "%.3f", x / y; else print "-" }')")
  done
  row this/oth "${ratios[@]}"
fi
