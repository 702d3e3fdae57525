#!/usr/bin/env bash
# The main job: installs what is missing, builds, indexes the bundled data (data/sample:
# five municipal and project-bank pages; data/erdf: Tillväxtverket's ERDF project bank,
# 374 projects; together 395), runs a sample search with facets and budgets per year, and
# then serves the search page and JSON API in the foreground (Ctrl-C stops it).
# FYND_DB overrides where the index is written (default build/demo-db), FYND_PORT the
# port (default 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh release
bin=build/release
db=${FYND_DB:-build/demo-db}

echo "== indexing data/sample and data/erdf into $db"
"$bin/indexer/fynd-index" --db "$db" data/sample data/erdf
echo
echo "== sample search: fynd-query --db $db --limit 3 --facets bredband"
"$bin/query/fynd-query" --db "$db" --limit 3 --facets bredband
echo
echo "== the same projects per year: fynd-query --db $db stats --by year bredband"
"$bin/query/fynd-query" --db "$db" stats --by year bredband
echo
port=${FYND_PORT:-8080}
echo "== search service: fynd-serve --db $db --port $port (Ctrl-C stops it)"
echo "   search page: http://127.0.0.1:$port/?q=bredband"
echo "   JSON API:    curl -s 'http://127.0.0.1:$port/api/search?q=bredband&facets=funder,region,year,theme&size=3'"
echo "                curl -s 'http://127.0.0.1:$port/api/stats?by=year&q=bredband'"
exec "$bin/query/fynd-serve" --db "$db" --port "$port"
