#!/usr/bin/env bash
# Runs inside staged_prefix.sh's mount namespace: hides each HIDE directory behind an
# empty read-only tmpfs, then indexes, queries and serves with the installed programs only.
#   installed_run.sh PREFIX BINDIR WEBDIR WORK [HIDE...]
set -euo pipefail
prefix=$1 bindir=$2 webdir=$3 work=$4
shift 4
fail() {
  echo "FAIL: $*" >&2
  [[ -f $work/serve.log ]] && sed 's/^/  serve: /' "$work/serve.log" >&2
  exit 1
}
for dir in "$@"; do
  mount -t tmpfs -o ro,size=64k fynd-hidden "$dir" || fail "cannot hide $dir"
  [[ -z $(ls -A "$dir") ]] || fail "$dir is still visible"
  echo "hidden: $dir"
done

export PATH="$prefix/$bindir:/usr/bin:/bin"
cd "$work"
[[ $(command -v fynd-index) == "$prefix/$bindir/fynd-index" ]] || fail "fynd-index is not the installed one"

fynd-index --db db sample >index.log 2>&1 || { cat index.log; fail "fynd-index"; }
grep -q 'failed: 0' index.log || { cat index.log; fail "fynd-index reported failures"; }
fynd-query --db db segregation >query.txt || fail "fynd-query"
grep -Eq '^[1-9][0-9]* hits? for' query.txt || { cat query.txt; fail "fynd-query found nothing for segregation"; }

serve_pid=""
start_serve() {
  fynd-serve --db db --port 0 --quiet --slow-ms -1 "$@" 2>serve.log &
  serve_pid=$!
  for _ in $(seq 300); do
    port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' serve.log)
    [[ -n $port ]] && return 0
    kill -0 "$serve_pid" 2>/dev/null || fail "fynd-serve exited"
    sleep 0.1
  done
  fail "fynd-serve did not start"
}
stop_serve() {
  kill "$serve_pid"
  wait "$serve_pid" || fail "fynd-serve did not stop cleanly"
}
trap '[[ -n $serve_pid ]] && kill "$serve_pid" 2>/dev/null || true' EXIT

start_serve
base=http://127.0.0.1:$port
grep -qF "page from $prefix/$webdir" serve.log || fail "the page is not the installed $prefix/$webdir"
curl -sf "$base/" >page.html || fail "GET /"
grep -q 'app.js' page.html || fail "GET / is not the search page"
grep -q 'fynd installed page' page.html || fail "GET / did not serve the installed index.html"
curl -sf "$base/app.js" >/dev/null || fail "GET /app.js"
curl -sf "$base/api/search?q=kommun&facets=funder,year" >search.json || fail "GET /api/search"
grep -Eq '"total": ?[1-9]' search.json || { head -c 600 search.json; fail "/api/search found nothing for kommun"; }
grep -q '"facets"' search.json || fail "/api/search has no facets"
curl -sf "$base/openapi.json" >openapi.json || fail "GET /openapi.json"
grep -q '"openapi"' openapi.json || fail "/openapi.json is not the API description"
stop_serve

# Without the installed page, the copy compiled into the binary is served.
rm -rf "${prefix:?}/$webdir"
start_serve
grep -q 'page from the copy compiled in' serve.log || fail "without $webdir the compiled-in page is not used"
curl -sf "http://127.0.0.1:$port/" >page.html || fail "GET / (compiled-in page)"
grep -q 'app.js' page.html || fail "the compiled-in page is not the search page"
if grep -q 'fynd installed page' page.html; then fail "the removed installed page is still served"; fi
curl -sf "http://127.0.0.1:$port/openapi.json" >openapi.json || fail "GET /openapi.json (compiled-in)"
grep -q '"openapi"' openapi.json || fail "the compiled-in /openapi.json is not the API description"
stop_serve

# --web DIR still overrides both.
mkdir own-page
printf '<p>own page</p>\n' >own-page/index.html
start_serve --web own-page
grep -qF 'page from own-page' serve.log || fail "--web own-page is not used"
curl -sf "http://127.0.0.1:$port/" >page.html || fail "GET / (--web)"
grep -qx '<p>own page</p>' page.html || fail "--web own-page: GET / is not its index.html"
stop_serve
echo "OK: installed fynd-index, fynd-query and fynd-serve ran from $prefix alone"
