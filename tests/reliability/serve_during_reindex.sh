#!/usr/bin/env bash
# Searches keep succeeding while the index under a running fynd-serve is rebuilt, and the
# service sees the new projects without a restart.
#   serve_during_reindex.sh FYND_INDEX FYND_SERVE SAMPLE_DIR WORKDIR [CLIENTS]
set -euo pipefail
index=$1 serve=$2 sample=$3 work=$4 clients=${5:-8}
here=$(cd "$(dirname "$0")" && pwd)
fail() {
  echo "FAIL: $*" >&2
  [[ -f $work/serve.log ]] && tail -n 20 "$work/serve.log" | sed 's/^/  serve: /' >&2
  exit 1
}
rm -rf "$work" && mkdir -p "$work"
"$here/gen_projects.sh" "$work/in" 12 150
"$index" --db "$work/db" --quiet "$sample" || fail "indexing $sample"

"$serve" --db "$work/db" --port 0 --quiet --slow-ms -1 2>"$work/serve.log" &
serve_pid=$!
trap 'kill "$serve_pid" 2>/dev/null || true; kill $(jobs -p) 2>/dev/null || true' EXIT
port=""
for _ in $(seq 300); do
  port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.log")
  [[ -n $port ]] && break
  kill -0 "$serve_pid" 2>/dev/null || fail "fynd-serve exited"
  sleep 0.1
done
[[ -n $port ]] || fail "fynd-serve did not start"
base="http://127.0.0.1:$port"

# Clients search (with facets) in a loop until the re-index is over; each writes one
# HTTP status a line.
queries=(kommun "hållbar+utveckling" bredband "f%C3%B6retag" energi "region%3AKronoberg")
client() {
  local c=$1 i=0
  while [[ ! -e $work/done ]]; do
    q=${queries[$(((c + i) % ${#queries[@]}))]}
    curl -s -o /dev/null -w '%{http_code}\n' --max-time 20 "$base/api/search?q=$q&facets=funder,region,year,theme" \
      >>"$work/status.$c" || echo "curl-error" >>"$work/status.$c"
    i=$((i + 1))
  done
}
for ((c = 0; c < clients; c++)); do client "$c" & done

"$index" --db "$work/db" --batch 100 "$work/in" "$sample" >"$work/index.log" 2>&1 || { cat "$work/index.log"; fail "re-index"; }
sleep 1  # searches after the last commit too
touch "$work/done"
wait $(jobs -p | grep -v "^$serve_pid$") 2>/dev/null || true

cat "$work"/status.* >"$work/all"
requests=$(wc -l <"$work/all")
bad=$(grep -cv '^200$' "$work/all" || true)
echo "$requests searches by $clients clients during the re-index, $bad not 200"
[[ $requests -ge $clients ]] || fail "too few searches ran ($requests)"
[[ $bad -eq 0 ]] || { sort "$work/all" | uniq -c; fail "$bad searches did not answer 200"; }

# The new projects are visible without a restart.
before=$(sed -n 's/^fynd-serve: \([0-9]*\) documents in .*/\1/p' "$work/serve.log")
got=$(curl -sf "$base/health" | sed -n 's/.*"documents": *\([0-9]*\).*/\1/p')
[[ $got == $((before + 1800)) ]] || fail "after the re-index /health counts $got projects, not $before + 1800"
hit=$(curl -sf "$base/api/search?q=%22Projekt+1799%22&size=1" | sed -n 's/.*"total": *\([0-9]*\).*/\1/p' | head -n 1)
[[ $hit == 1 ]] || fail "the last new project is not found ($hit hits)"
kill "$serve_pid"
wait "$serve_pid" || fail "fynd-serve did not stop cleanly"
echo "OK: no failed search during the re-index; the service sees the 1800 new projects ($before before, $got after)"
