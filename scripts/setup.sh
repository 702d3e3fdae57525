#!/usr/bin/env bash
# Installs what fynd needs from Debian's packages, only what is missing (idempotent).
#   scripts/setup.sh            build and test dependencies
#   scripts/setup.sh --browser  also Chromium and Node.js for the browser test
#   scripts/setup.sh --bench    also wrk, hyperfine and valgrind for the benchmarks
#   scripts/setup.sh --fuzz     also clang and libFuzzer for the fuzz preset (scripts/fuzz.sh)
set -euo pipefail

packages=(build-essential cmake ninja-build pkg-config git
  libxapian-dev libicu-dev nlohmann-json3-dev libgtest-dev libcli11-dev
  libcpp-httplib-dev libboost-dev libpoppler-cpp-dev libgumbo-dev libhunspell-dev hunspell-sv curl
  help2man dpkg-dev file
  libcsv-dev libzip-dev libpugixml-dev libjemalloc-dev
  xapian-tools)
for arg in "$@"; do
  case "$arg" in
    --browser) packages+=(chromium nodejs npm) ;;
    --bench) packages+=(wrk hyperfine valgrind) ;;
    --fuzz) packages+=(clang libclang-rt-14-dev) ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown option '$arg' (see --help)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm may come with a Node.js that is not Debian's; accept any working npm.
if [[ " ${missing[*]} " == *" npm "* ]] && command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/npm}")
fi
if [[ " ${missing[*]} " == *" nodejs "* ]] && command -v node >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs}")
fi
read -r -a missing <<<"${missing[*]}"

if ((${#missing[@]} == 0)); then
  echo "setup: all packages present"
  exit 0
fi
echo "setup: installing ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
