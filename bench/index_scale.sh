#!/usr/bin/env bash
# Indexing throughput at scale: docs/s, cores used ((user+sys)/wall), peak RSS and index
# size for a JSONL corpus of 10k, 100k or 1M project-bank records, one run each.
#   bench/index_scale.sh [--size 2k|10k|100k|1m]... [--threads N] [--index path/to/fynd-index]
#                        [--corpus corpus_100k.jsonl]
# Default sizes: 10k and 100k. The corpus is the 100k-record file made from real ERDF
# sentences (default /tmp/fynd-peer-corpus/corpus_100k.jsonl); 2k and 10k are its first
# 2,000 and 10,000 lines, 1m ten copies of it with the ids made unique (written next to
# the index, ~2.3 GB).
# Runs at low priority (nice -n 10; nice -n 19 for 1m) and prints one table row a size.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
index=$here/build/release/indexer/fynd-index
corpus=/tmp/fynd-peer-corpus/corpus_100k.jsonl
threads=0
sizes=()
while (($#)); do
  case $1 in
    --size) sizes+=("$2"); shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --index) index=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "index_scale.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
((${#sizes[@]})) || sizes=(10k 100k)
[[ -x $index ]] || { echo "no fynd-index at $index (build a Release tree first)"; exit 2; }
[[ -f $corpus ]] || { echo "skipped: $corpus is absent"; exit 0; }
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (Debian package time)"; exit 2; }
work=${TMPDIR:-/tmp}/fynd-index-scale.$$
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

input_for() {  # $1 = size; prints the input file
  case $1 in
    2k) head -n 2000 "$corpus" >"$work/corpus_2k.jsonl"; echo "$work/corpus_2k.jsonl" ;;
    10k) head -n 10000 "$corpus" >"$work/corpus_10k.jsonl"; echo "$work/corpus_10k.jsonl" ;;
    100k) echo "$corpus" ;;
    1m)
      for i in $(seq 0 9); do
        sed "s/\"ärende-id\": \"/\"ärende-id\": \"R$i-/" "$corpus"
      done >"$work/corpus_1m.jsonl"
      echo "$work/corpus_1m.jsonl" ;;
    *) echo "index_scale.sh: --size is 2k, 10k, 100k or 1m" >&2; exit 2 ;;
  esac
}

printf '%-6s %9s %8s %9s %7s %10s %10s\n' size docs wall_s docs/s cores peak_rss index
for size in "${sizes[@]}"; do
  input=$(input_for "$size")
  docs=$(wc -l <"$input")
  rm -rf "$work/db"
  level=10
  [[ $size == 1m ]] && level=19
  nice -n "$level" /usr/bin/time -v -o "$work/time.txt" \
    "$index" -q --threads "$threads" --db "$work/db" "$input" >"$work/log.txt" 2>&1 ||
    { cat "$work/log.txt"; echo "fynd-index failed at $size"; exit 1; }
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$work/time.txt")
  user=$(awk -F': ' '/User time/ {print $2}' "$work/time.txt")
  sys=$(awk -F': ' '/System time/ {print $2}' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  bytes=$(du -sb "$work/db" | cut -f1)
  awk -v s="$size" -v d="$docs" -v w="$wall" -v u="$user" -v y="$sys" -v r="$rss" -v b="$bytes" 'BEGIN {
    printf "%-6s %9d %8.1f %9.0f %7.2f %8.0f MB %7.0f MB\n", s, d, w, d / w, (u + y) / w, r / 1024, b / 1048576 }'
  [[ $size == 1m ]] && rm -f "$work/corpus_1m.jsonl"
done
