#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/ and prints what they did.
#   scripts/fuzz.sh [SECONDS] [TARGET...]   each TARGET (default: all) for SECONDS (default 600)
# Installs clang and libFuzzer if missing (scripts/setup.sh --fuzz), builds the fuzz preset
# (build/fuzz), and runs FUZZ_JOBS targets at a time (default 2) at nice 19. New corpus
# entries stay in FUZZ_WORK (default build/fuzz/work/<target>/corpus), not in git; a crash,
# leak, timeout or out-of-memory input is copied to fuzz/regressions/<target>/ (replayed by
# ctest fuzz.replay.<target>) and ends that target's run. FUZZ_MERGE=1 afterwards merges the
# new entries that add coverage into fuzz/corpus/<target>/ (libFuzzer -merge=1).
# Prints a table: target, seconds, executions, exec/s, cov, ft, findings.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

seconds=600
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then
  seconds=$1
  shift
fi
all=(text_decoder html_reader pdf_reader json_reader esf_reader markdown_reader text_reader
  csv_reader xlsx_reader understand query_parser request_parser word_breaks)
targets=("$@")
if ((${#targets[@]} == 0)); then targets=("${all[@]}"); fi
for t in "${targets[@]}"; do
  if [[ " ${all[*]} " != *" $t "* ]]; then
    echo "fuzz.sh: unknown target '$t' (one of: ${all[*]})" >&2
    exit 2
  fi
done

# The longest input each format is tried with: big enough for a real page or sheet.
max_len() {
  case "$1" in
    query_parser | word_breaks) echo 1024 ;;
    request_parser) echo 4096 ;;
    esf_reader) echo 8192 ;;
    text_decoder | text_reader | markdown_reader | csv_reader | understand) echo 16384 ;;
    json_reader) echo 32768 ;;
    html_reader | pdf_reader | xlsx_reader) echo 65536 ;;
  esac
}

jobs=${FUZZ_JOBS:-2}
work=${FUZZ_WORK:-$root/build/fuzz/work}
bin=${FUZZ_BIN:-$root/build/fuzz/fuzz}  # where the fuzz_<target> programs are
"$root/scripts/setup.sh" --fuzz >/dev/null

export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$root} CCACHE_NOHASHDIR=1
if command -v ccache >/dev/null 2>&1; then export CMAKE_CXX_COMPILER_LAUNCHER=ccache; fi
if [[ ${FUZZ_BUILD:-1} != 0 ]]; then  # FUZZ_BUILD=0: use the programs already in build/fuzz
  cmake --preset fuzz >/dev/null
  build_targets=()
  for t in "${targets[@]}"; do build_targets+=("fuzz_$t"); done
  nice -n 10 cmake --build build/fuzz -j"$jobs" --target "${build_targets[@]}"
fi

# Runs one target; writes work/<t>/summary: seconds executions exec/s cov ft findings.
run_one() {
  local t=$1 dir="$work/$1" log rc=0 start end
  mkdir -p "$dir/corpus" "$dir/artifacts" "fuzz/regressions/$t"
  log="$dir/fuzz.log"
  start=$(date +%s)
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1} \
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    nice -n 19 "$bin/fuzz_$t" -max_total_time="$seconds" -max_len="$(max_len "$t")" \
    -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$dir/artifacts/" \
    "$dir/corpus" "fuzz/corpus/$t" "fuzz/regressions/$t" >"$log" 2>&1 || rc=$?
  end=$(date +%s)
  local findings=0 f
  for f in "$dir"/artifacts/*; do
    [[ -f $f ]] || continue
    if [[ $(basename "$f") == slow-unit-* ]]; then
      # libFuzzer's note of its slowest input so far (wall time, which a busy machine or the
      # first input's start-up inflates): kept in the work folder, not a finding; a real
      # hang ends the run as a timeout-* input.
      mkdir -p "$dir/slow"
      mv "$f" "$dir/slow/"
      continue
    fi
    cp "$f" "fuzz/regressions/$t/$(basename "$f")"
    rm "$f"
    findings=$((findings + 1))
    echo "fuzz.sh: $t: finding kept as fuzz/regressions/$t/$(basename "$f") (log: $log)" >&2
  done
  if ((rc != 0 && findings == 0)); then findings="exit $rc"; fi
  local execs rate cov ft
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1 || true)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n1 || true)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n1 | cut -d' ' -f2 || true)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n1 | cut -d' ' -f2 || true)
  echo "$((end - start)) ${execs:-?} ${rate:-?} ${cov:-?} ${ft:-?} ${findings// /_}" >"$dir/summary"
  if [[ ${FUZZ_MERGE:-0} == 1 ]]; then
    nice -n 19 "$bin/fuzz_$t" -merge=1 -max_len="$(max_len "$t")" "fuzz/corpus/$t" "$dir/corpus" \
      >>"$log" 2>&1 || true
  fi
}

running=0
for t in "${targets[@]}"; do
  echo "fuzz.sh: $t for ${seconds}s" >&2
  run_one "$t" &
  running=$((running + 1))
  if ((running >= jobs)); then
    wait -n || true
    running=$((running - 1))
  fi
done
wait || true

printf '%-16s %8s %12s %8s %7s %7s  %s\n' target seconds executions exec/s cov ft findings
for t in "${targets[@]}"; do
  if [[ ! -f $work/$t/summary ]]; then
    printf '%-16s %s\n' "$t" "no run (see $work/$t/fuzz.log)"
    continue
  fi
  read -r s e r c f n <"$work/$t/summary"
  printf '%-16s %8s %12s %8s %7s %7s  %s\n' "$t" "$s" "$e" "$r" "$c" "$f" "${n//_/ }"
done
