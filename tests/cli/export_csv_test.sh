#!/usr/bin/env bash
# fynd-query --format csv over a fresh index of data/sample: a BOM and the header, then one
# record per match (all of them, the same number --json reports), --limit, filters, and
# exit code 2 for an unknown format.
set -euo pipefail
index=$1 query=$2 db=$3 sample=$4
rm -rf "$db"
"$index" --quiet --db "$db" "$sample"

fail() { echo "FAIL: $*" >&2; exit 1; }
total_of() { "$query" --db "$db" --json --limit 0 "$@" | grep -m1 '"total"' | tr -dc '0-9'; }
# Records of a CSV on stdin: CRLF line ends outside quotes (a quoted field may hold line breaks).
records() { awk 'BEGIN { RS = "\n"; q = 0; n = 0 } { q += gsub(/"/, "\""); if (q % 2 == 0 && /\r$/) n++ } END { print n }'; }

csv=$("$query" --db "$db" --format csv; echo x)  # the x keeps trailing line breaks
csv=${csv%x}
header=$'\xef\xbb\xbfrank,id,title,funders,regions,years,start,end,themes,budget_sek,owner,source,url\r'
[[ "$(printf '%s' "$csv" | head -n 1)" == "$header" ]] || fail "first line is not the BOM and the header: $(printf '%s' "$csv" | head -n 1 | od -c | head -2)"
all=$(total_of)
rows=$(( $(printf '%s' "$csv" | records) - 1 ))
[[ "$all" -gt 10 ]] || fail "data/sample should have more projects than one page, got $all"
[[ "$rows" -eq "$all" ]] || fail "$rows rows for $all matches"

rows=$(( $("$query" --db "$db" --format csv --limit 3 | records) - 1 ))
[[ "$rows" -eq 3 ]] || fail "--limit 3 gave $rows rows"

filtered=$(total_of --region "Jönköpings län")
rows=$(( $("$query" --db "$db" --format csv --region "Jönköpings län" | records) - 1 ))
[[ "$filtered" -gt 0 && "$filtered" -lt "$all" ]] || fail "the region filter should narrow: $filtered of $all"
[[ "$rows" -eq "$filtered" ]] || fail "$rows rows for $filtered filtered matches"
if "$query" --db "$db" --format csv --region "Jönköpings län" | tail -n +2 | grep -v 'Jönköpings län' | grep -q '^[0-9]*,'; then
  fail "a row outside the region filter"
fi

set +e
"$query" --db "$db" --format xml kommun >/dev/null 2>&1
rc=$?
set -e
[[ "$rc" -eq 2 ]] || fail "--format xml: exit code $rc, expected 2"
echo "ok: $all rows"
