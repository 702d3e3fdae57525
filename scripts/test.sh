#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, and runs ctest twice:
# an optimised build, then an AddressSanitizer + UndefinedBehaviorSanitizer build.
# FYND_SANITIZE=0 skips the sanitizer pass (quicker during development). The sanitizer pass
# leaves out the tests labelled "packaging" (install layout, .deb, bundled data: see the asan
# test preset); the release pass runs every test. Budget and figures: docs/testing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
jobs=$(nproc 2>/dev/null || echo 2)

echo "== release build and tests"
scripts/build.sh release
ctest --preset release -j "$jobs"

if [[ "${FYND_SANITIZE:-1}" != "0" ]]; then
  echo "== ASan+UBSan build and tests"
  scripts/build.sh asan
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --preset asan -j "$jobs"
fi
