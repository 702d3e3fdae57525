#!/usr/bin/env bash
# The main job: installs what is missing, builds, indexes the bundled data/, runs a
# sample search and then serves the search page and JSON API in the foreground (Ctrl-C
# stops it). FYND_DB overrides where the index is written (default build/demo-db),
# FYND_PORT the port (default 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh release
bin=build/release
db=${FYND_DB:-build/demo-db}

echo "== indexing data/sample into $db"
"$bin/indexer/fynd-index" --db "$db" data/sample
echo
echo "== sample search: fynd-query --db $db --limit 3 ungdomar"
"$bin/query/fynd-query" --db "$db" --limit 3 ungdomar
echo
port=${FYND_PORT:-8080}
echo "== search service: fynd-serve --db $db --port $port (Ctrl-C stops it)"
echo "   search page: http://127.0.0.1:$port/"
echo "   JSON API:    curl -s 'http://127.0.0.1:$port/api/search?q=ungdomar&facets=funder,year'"
exec "$bin/query/fynd-serve" --db "$db" --port "$port"
