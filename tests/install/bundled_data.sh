#!/usr/bin/env bash
# What scripts/demo.sh shows a newcomer: data/sample and data/erdf index into 395 projects
# without failures, and its sample search (bredband) finds ERDF projects with funder,
# region, year and theme facets and budgets per year. data/erdf is the export named in
# data/README.md (374 records, each from Tillväxtverket's project bank), and when
# ../shared (or $FYND_SHARED_DIR) is present it is byte-for-byte the corpus there.
#   bundled_data.sh SOURCE FYND_INDEX FYND_QUERY
set -euo pipefail
src=$(cd "$1" && pwd) index=$2 query=$3
fail() { echo "FAIL: $*" >&2; exit 1; }
erdf=$src/data/erdf/tillvaxtverket-eruf-2014-2020.json
[[ -f $erdf ]] || fail "$erdf is missing"
grep -Eq 'fynd-index" .*data/sample data/erdf' "$src/scripts/demo.sh" || fail "scripts/demo.sh does not index data/erdf"
if grep -q 'gazetteers' "$src/scripts/demo.sh"; then fail "scripts/demo.sh must not index data/gazetteers"; fi

records=$(grep -c '"ärende-id"' "$erdf")
[[ $records -eq 374 ]] || fail "data/erdf holds $records records, data/README.md says 374"
sources=$(grep -c '"_source": "http://projektbank.tillvaxtverket.se/projektbanken2020#page=eruf"' "$erdf")
[[ $sources -eq $records ]] || fail "$((records - sources)) records are not from Tillväxtverket's project bank"
shared=${FYND_SHARED_DIR:-$src/../shared}/corpus/tillvaxtverket-eruf-2014-2020.json
if [[ -f $shared ]]; then
  cmp -s "$erdf" "$shared" || fail "data/erdf differs from $shared"
else
  echo "NOTE: $shared is absent: not comparing data/erdf with the shared corpus"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fynd-bundled-data.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$index" --db "$tmp/db" "$src/data/sample" "$src/data/erdf" >"$tmp/index.log" 2>&1 || { cat "$tmp/index.log"; fail "fynd-index"; }
grep -q 'failed: 0' "$tmp/index.log" || { cat "$tmp/index.log"; fail "indexing reported failures"; }
grep -q 'index holds 395 projects' "$tmp/index.log" || { cat "$tmp/index.log"; fail "the demo index does not hold 395 projects"; }

"$query" --db "$tmp/db" --json --facets --limit 3 bredband | tr -d '\n' | sed 's/": */":/g; s/\[ */[/g' >"$tmp/search.json" ||
  fail "fynd-query bredband"
grep -Eq '"total":[1-9][0-9]' "$tmp/search.json" || fail "bredband finds fewer than 10 projects"
for facet in funder region year theme; do
  grep -Eq "\"$facet\":\[\{" "$tmp/search.json" || fail "no $facet facet counts for bredband"
done
grep -q 'Europeiska regionala utvecklingsfonden' "$tmp/search.json" || fail "bredband: no ERDF funder"
grep -Eq '"budget_sek":[1-9]' "$tmp/search.json" || fail "bredband: no hit with a budget"
"$query" --db "$tmp/db" stats --by year --format csv bredband >"$tmp/stats.csv" || fail "fynd-query stats"
years=$(grep -cE '^"?20[0-9][0-9]"?,[1-9]' "$tmp/stats.csv" || true)
[[ $years -ge 5 ]] || { cat "$tmp/stats.csv"; fail "stats by year for bredband has $years years with projects"; }
echo "OK: 395 projects; bredband: $(grep -o '"total":[0-9]*' "$tmp/search.json"), $years years"
