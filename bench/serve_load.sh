#!/usr/bin/env bash
# Load benchmark of fynd-serve on loopback with wrk: requests/s and latency percentiles of
# /api/search (with all four facets counted) next to /health, on the same server.
#
#   bench/serve_load.sh [BUILD_DIR]      default build/release (needs fynd-serve, fynd-index)
#
# Indexes data/sample (+ ../shared/corpus when present) into a temporary directory, starts
# fynd-serve on a free port, runs wrk for DURATION seconds per route (default 10) with
# THREADS threads (2) and CONNECTIONS connections (16), stops the server, prints a table.
# wrk comes from Debian (scripts/setup.sh --bench).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
duration=${DURATION:-10}
threads=${THREADS:-2}
connections=${CONNECTIONS:-16}
serve="$build/query/fynd-serve"
index="$build/indexer/fynd-index"

command -v wrk >/dev/null || { echo "serve_load: wrk is not installed (scripts/setup.sh --bench)" >&2; exit 2; }
for bin in "$serve" "$index"; do
  [[ -x "$bin" ]] || { echo "serve_load: $bin is missing; build first (scripts/build.sh release)" >&2; exit 2; }
done

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

inputs=(data/sample)
[[ -d ../shared/corpus ]] && inputs+=(../shared/corpus)
echo "== indexing ${inputs[*]}"
"$index" --db "$tmp/db" --quiet "${inputs[@]}"

"$serve" --db "$tmp/db" --port 0 --quiet --slow-ms -1 --threads "$connections" 2>"$tmp/serve.log" &
server_pid=$!
port=""
for _ in $(seq 1 100); do
  port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/serve.log")
  [[ -n "$port" ]] && break
  sleep 0.1
done
[[ -n "$port" ]] || { echo "serve_load: fynd-serve did not start:" >&2; cat "$tmp/serve.log" >&2; exit 1; }
base="http://127.0.0.1:$port"
docs=$(curl -s "$base/health" | sed -n 's/.*"documents":\([0-9]*\).*/\1/p')
echo "== fynd-serve on $base, $docs documents; wrk -t$threads -c$connections -d${duration}s --latency"

routes=(
  "/health"
  "/api/search?q=utveckling&facets=funder,region,year,theme"
  "/api/search?q=ungdomar+arbete&region=J%C3%B6nk%C3%B6pings+l%C3%A4n&facets=funder,region,year,theme"
  "/api/search?facets=funder,region,year,theme&size=20"
)
# Warm every worker's Searcher (opened on first use per thread) before measuring.
for route in "${routes[@]}"; do
  wrk -t"$threads" -c"$connections" -d1s "$base$route" >/dev/null
done

printf '\n%-72s %10s %8s %8s %8s %8s\n' "route" "req/s" "p50" "p90" "p99" "errors"
for route in "${routes[@]}"; do
  out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$base$route")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p90=$(awk '$1=="90%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {s = s $0 "; "} END {print (s == "" ? "0" : s)}' <<<"$out")
  printf '%-72s %10s %8s %8s %8s %8s\n' "$route" "$rps" "$p50" "$p90" "$p99" "$errors"
done
