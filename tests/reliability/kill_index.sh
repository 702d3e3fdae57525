#!/usr/bin/env bash
# Crash safety of fynd-index: SIGKILL at several points of a run never leaves an index that
# cannot be opened, and a re-run completes with every project exactly once.
# A new index is written in segments (a killed first run leaves it empty); with MODE
# one-writer, fynd-index --no-bulk commits every --batch projects, so a kill keeps them.
#   kill_index.sh FYND_INDEX FYND_QUERY WORKDIR [FILES PER [MODE]]
set -euo pipefail
index=$1 query=$2 work=$3 files=${4:-12} per=${5:-150} mode=${6:-bulk}
flags=(--batch 100)
[[ $mode == one-writer ]] && flags+=(--no-bulk)
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"
"$here/gen_projects.sh" "$work/in" "$files" "$per"
want=$((files * per))

total_of() {  # the number of projects an index holds, through fynd-query
  "$query" --db "$1" --json --limit 0 '' | sed -n 's/^  "total": \([0-9]*\).*/\1/p'
}

# A reference run gives the time a whole run takes on this machine and build.
start=$(date +%s%N)
"$index" --db "$work/ref" "${flags[@]}" "$work/in" >"$work/ref.log" 2>&1 || { cat "$work/ref.log"; fail "reference run"; }
full_ms=$((($(date +%s%N) - start) / 1000000))
[[ $(total_of "$work/ref") == "$want" ]] || fail "reference run holds $(total_of "$work/ref") projects, not $want"
echo "reference run: $want projects in $full_ms ms"

# Kill at 1/8 ... 7/8 of that time (the first points fall before or inside the first
# commit, the later ones between and inside later batches), then check and re-run.
for k in 1 2 3 4 5 6 7; do
  db="$work/db$k"
  "$index" --db "$db" "${flags[@]}" "$work/in" >"$work/kill$k.log" 2>&1 &
  pid=$!
  sleep "$(awk -v ms="$full_ms" -v k="$k" 'BEGIN { printf "%.3f", ms * k / 8 / 1000 }')"
  if kill -KILL "$pid" 2>/dev/null; then killed=yes; else killed="no (already finished)"; fi
  wait "$pid" 2>/dev/null || true
  if [[ -e $db ]]; then
    # Whatever was committed opens and searches.
    got=$(total_of "$db") || fail "kill point $k: the index does not open after SIGKILL"
    "$query" --db "$db" --limit 1 bredband >/dev/null || fail "kill point $k: search failed after SIGKILL"
  else
    got="no index yet"
  fi
  "$index" --db "$db" "${flags[@]}" "$work/in" >"$work/rerun$k.log" 2>&1 || { cat "$work/rerun$k.log"; fail "kill point $k: re-run failed"; }
  after=$(total_of "$db")
  [[ $after == "$want" ]] || { cat "$work/rerun$k.log"; fail "kill point $k: after the re-run the index holds $after projects, not $want"; }
  grep -q "index holds $want projects" "$work/rerun$k.log" || fail "kill point $k: the re-run summary does not say $want projects"
  # No segment folder of the killed run (or of the re-run) is left beside the index.
  leftover=$(find "$work" -maxdepth 1 -name ".db$k.build-*" | head -1)
  [[ -z $leftover ]] || fail "kill point $k: $leftover is left after the re-run"
  # Every project exactly once: each id term finds one document.
  for id in 7000000 $((7000000 + want / 2)) $((7000000 + want - 1)); do
    n=$("$query" --db "$db" --json --limit 0 "\"Projekt $((id - 7000000))\"" | sed -n 's/^  "total": \([0-9]*\).*/\1/p')
    [[ $n -eq 1 ]] || fail "kill point $k: project $id found $n times"
  done
  echo "kill point $k/8: killed $killed, committed before the kill: $got, after the re-run: $after"
done
echo "OK ($mode): 7 kill points, every index opened, every re-run complete with $want projects"
