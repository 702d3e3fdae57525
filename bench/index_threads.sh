#!/usr/bin/env bash
# Where fynd-index's CPU goes, thread by thread: runs it once under `perf record` (software
# clock, 1000 samples per CPU-second, no call graphs) and prints the CPU seconds of each
# thread, named by what it runs (writer = the main thread, the reading thread, the
# preparing threads, the reader worker process), and the writer's share. The writer is the
# one thread that cannot be spread over cores: when its share nears 1/cores, more preparing
# threads do not help.
#   bench/index_threads.sh [--index path/to/fynd-index] [--threads N] INPUT [fynd-index args...]
# Runs at nice 10; needs perf (Debian package linux-perf).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
index=$here/build/release/indexer/fynd-index
threads=2
while (($#)); do
  case $1 in
    --index) index=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
(($#)) || { echo "usage: bench/index_threads.sh [--index BIN] [--threads N] INPUT [args...]" >&2; exit 2; }
input=$1
shift
command -v perf >/dev/null || { echo "needs perf (Debian package linux-perf)"; exit 2; }
[[ -x $index ]] || { echo "no fynd-index at $index (build a Release tree first)"; exit 2; }
work=${TMPDIR:-/tmp}/fynd-index-threads.$$
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
nice -n 10 perf record -q -e cpu-clock -F 1000 -o "$work/perf.data" -- \
  "$index" -q --threads "$threads" --db "$work/db" "$input" "$@" >"$work/log.txt" 2>&1 ||
  { cat "$work/log.txt"; echo "fynd-index failed"; exit 1; }
# pid/tid per sample; the main thread has tid == pid, the worker process another pid.
perf script -i "$work/perf.data" -F pid,tid 2>/dev/null | awk '
  { split($1, a, "/"); n[$1]++; total++; if (main == "" || a[1] + 0 < main + 0) main = a[1] }
  END {
    m = 0
    for (k in n) {
      split(k, a, "/")
      if (a[1] != main) worker += n[k]
      else if (a[2] == main) writer = n[k]
      else other[++m] = k
    }
    reading = ""  # of the main process'"'"'s other threads, the least busy one reads
    for (i = 1; i <= m; i++) if (reading == "" || n[other[i]] < n[reading]) reading = other[i]
    printf "total      %7.2f s CPU\n", total / 1000
    printf "writer     %7.2f s (%.0f %%)\n", writer / 1000, 100 * writer / total
    for (i = 1; i <= m; i++) if (other[i] != reading) printf "preparing  %7.2f s\n", n[other[i]] / 1000
    if (reading != "") printf "reading    %7.2f s\n", n[reading] / 1000
    printf "worker     %7.2f s (the reader process)\n", worker / 1000
  }'
