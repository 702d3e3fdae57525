#!/usr/bin/env bash
# CPU cost of one /api/search request, end to end, on fynd-serve: the server's CPU ms per
# request (utime+stime from /proc/PID/stat before and after) and the client-side latency
# p50/p95/p99, with one client on one keep-alive connection (curl), four facets and snippets.
#
#   bench/serve_cpu.sh [--db DIR] [--queries FILE] [--runs N] [--build DIR] [--perf FILE]
#
#   --db DIR        index to serve, opened read-only (default: data/ indexed into a temp dir)
#   --queries FILE  one query a line, "text<TAB>anything" (default ../shared/bench/queries.tsv)
#   --runs N        times each query is sent in the measured pass (default 3)
#   --build DIR     build tree with query/fynd-serve and indexer/fynd-index (default build/release)
#   --perf FILE     also record a CPU profile of the server during the measured pass
#                   (perf record -e cpu-clock --call-graph dwarf) into FILE
#   PARAMS=...      query-string parameters after q (default facets=funder,region,year,theme&size=10)
#
# Every query is sent once to warm the server, then RUNS times in the measured pass. Run it
# at low priority (nice -n 10 bench/serve_cpu.sh ...) on a shared machine: the server and
# curl take one core between them, never both for long. The figures are CPU time, which
# drifts less than wall time under load; compare runs made in one sitting.
set -euo pipefail
cd "$(dirname "$0")/.."
db=""
queries=../shared/bench/queries.tsv
runs=3
build=build/release
perf_out=""
params=${PARAMS:-facets=funder,region,year,theme&size=10}
while [[ $# -gt 0 ]]; do
  case "$1" in
    --db) db=$2; shift 2 ;;
    --queries) queries=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --perf) perf_out=$2; shift 2 ;;
    *) echo "serve_cpu: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
serve="$build/query/fynd-serve"
index="$build/indexer/fynd-index"
[[ -x "$serve" ]] || { echo "serve_cpu: $serve is missing; build first (scripts/build.sh release)" >&2; exit 2; }
[[ -f "$queries" ]] || { echo "serve_cpu: no queries file '$queries'" >&2; exit 2; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "serve_cpu: --runs expects a positive integer, got '$runs'" >&2; exit 2; }
command -v jq >/dev/null || { echo "serve_cpu: jq is needed to encode the queries" >&2; exit 2; }

tmp=$(mktemp -d)
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

if [[ -z "$db" ]]; then
  [[ -x "$index" ]] || { echo "serve_cpu: $index is missing; build first" >&2; exit 2; }
  echo "== indexing data/ into a temporary index"
  "$index" --db "$tmp/db" --quiet data
  db="$tmp/db"
fi

"$serve" --db "$db" --port 0 --quiet --slow-ms -1 2>"$tmp/serve.log" &
server_pid=$!
port=""
for _ in $(seq 1 100); do
  port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/serve.log")
  [[ -n "$port" ]] && break
  sleep 0.1
done
[[ -n "$port" ]] || { echo "serve_cpu: fynd-serve did not start:" >&2; cat "$tmp/serve.log" >&2; exit 1; }
base="http://127.0.0.1:$port"

# One curl config per pass: every URL in it goes over the same keep-alive connection.
cut -f1 "$queries" | jq -rR @uri >"$tmp/encoded"
nq=$(wc -l <"$tmp/encoded")
awk -v base="$base" -v params="$params" '{printf "url = \"%s/api/search?q=%s&%s\"\noutput = /dev/null\n", base, $0, params}' \
  "$tmp/encoded" >"$tmp/once.cfg"
: >"$tmp/measured.cfg"
for _ in $(seq 1 "$runs"); do cat "$tmp/once.cfg" >>"$tmp/measured.cfg"; done

fetch() {  # prints "http_code seconds" per request
  curl -s --config "$1" -w '%{http_code} %{time_total}\n'
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }

fetch "$tmp/once.cfg" >/dev/null  # warm-up: searcher, caches, page cache
perf_pid=""
if [[ -n "$perf_out" ]]; then
  perf record -q -e cpu-clock --call-graph dwarf -F 499 -o "$perf_out" -p "$server_pid" 2>"$tmp/perf.log" &
  perf_pid=$!
  sleep 1
fi
before=$(cpu_ticks)
start_ns=$(date +%s%N)
fetch "$tmp/measured.cfg" >"$tmp/times"
end_ns=$(date +%s%N)
after=$(cpu_ticks)
if [[ -n "$perf_pid" ]]; then
  kill -INT "$perf_pid"
  wait "$perf_pid" 2>/dev/null || true
fi

requests=$((nq * runs))
bad=$(awk '$1 != 200' "$tmp/times" | wc -l)
hz=$(getconf CLK_TCK)
echo "== fynd-serve on $db: $nq queries x $runs runs = $requests requests, one keep-alive connection"
echo "== params: $params; load average $(cut -d' ' -f1-3 /proc/loadavg)"
cut -d' ' -f2 "$tmp/times" | sort -g >"$tmp/sorted"
pct() { sed -n "$(( ($1 * requests + 99) / 100 ))p" "$tmp/sorted"; }
awk -v before="$before" -v after="$after" -v hz="$hz" -v n="$requests" -v wall_ns=$((end_ns - start_ns)) \
  -v p50="$(pct 50)" -v p95="$(pct 95)" -v p99="$(pct 99)" -v bad="$bad" 'BEGIN {
    printf "server CPU   %.2f ms/request (%d ticks of 1/%d s)\n", (after - before) * 1000 / hz / n, after - before, hz
    printf "client p50   %.2f ms\n", p50 * 1000
    printf "client p95   %.2f ms\n", p95 * 1000
    printf "client p99   %.2f ms\n", p99 * 1000
    printf "wall         %.2f ms/request\n", wall_ns / 1e6 / n
    printf "non-200      %d\n", bad
  }'
[[ -z "$perf_out" ]] || echo "== profile in $perf_out (perf report -i $perf_out --no-children)"
[[ "$bad" -eq 0 ]]
