#!/usr/bin/env bash
# The main job: installs what is missing, builds, indexes the bundled data/ and runs a
# sample search. FYND_DB overrides where the index is written (default build/demo-db).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh release
bin=build/release
db=${FYND_DB:-build/demo-db}

echo "== indexing data/sample into $db"
"$bin/fynd-index" --db "$db" data/sample
echo
echo "== sample search: fynd-query --db $db bredband"
"$bin/fynd-query" --db "$db" bredband
