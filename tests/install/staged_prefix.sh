#!/usr/bin/env bash
# cmake --install into a staging prefix, then the staged tree moved elsewhere and run from
# there: index data/sample, query it, serve it (/, /api/search, /openapi.json), with the
# source and build trees hidden behind an empty tmpfs in a private mount namespace, so
# nothing can be read from them. Exits 77 (skip) after the run if they cannot be hidden.
#   staged_prefix.sh BUILD SOURCE BINDIR WEBDIR DOCDIR MANDIR MAN(ON|OFF)
set -euo pipefail
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
bindir=$3 webdir=$4 docdir=$5 mandir=$6 man=$7
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fynd-install-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
case "$tmp/" in "$src"/* | "$build"/*) fail "temporary directory $tmp is inside the trees to hide" ;; esac

stage=$tmp/stage
cmake --install "$build" --prefix "$stage" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "cmake --install"; }

# The layout.
for p in fynd-index fynd-query fynd-serve; do
  [[ -x $stage/$bindir/$p ]] || fail "$bindir/$p not installed"
  if readelf -d "$stage/$bindir/$p" | grep -E 'R(UN)?PATH' | grep -qE "$build|$src"; then
    fail "$bindir/$p has a run path into the build or source tree"
  fi
done
expected=$(cd "$src/web" && find . -maxdepth 1 -type f ! -name '.*' -printf '%f\n' | sort)
installed=$(cd "$stage/$webdir" && find . -maxdepth 1 -type f -printf '%f\n' | sort)
[[ -n $expected && $expected == "$installed" ]] || fail "$webdir holds [$installed], web/ holds [$expected]"
for f in openapi.json examples/fynd-serve.service; do
  [[ -s $stage/$docdir/$f ]] || fail "$docdir/$f not installed"
done
if [[ $man == ON ]]; then
  for p in fynd-index fynd-query fynd-serve; do
    page=$stage/$mandir/man1/$p.1.gz
    [[ -s $page ]] || fail "$mandir/man1/$p.1.gz not installed"
    zcat "$page" | grep -q "^\.TH \"\?${p^^}" || fail "$page is not a man page for $p"
    zcat "$page" | grep -qF '\-\-db' || fail "$page does not describe --db"
  done
else
  echo "NOTE: built without help2man: no man pages to check"
fi

# Somewhere else, with its own copy of the input.
prefix=$tmp/relocated/usr
mkdir -p "$tmp/relocated"
mv "$stage" "$prefix"
cp -r "$src/data/sample" "$tmp/sample"
cp "$here/installed_run.sh" "$tmp/installed_run.sh"
# A mark only the installed page has, to tell it from the compiled-in copy.
printf '\n<!-- fynd installed page -->\n' >>"$prefix/$webdir/index.html"

hide=("$src")
case "$build/" in "$src"/*) ;; *) hide+=("$build") ;; esac
if unshare --mount --propagation private true 2>/dev/null; then
  unshare --mount --propagation private bash "$tmp/installed_run.sh" "$prefix" "$bindir" "$webdir" "$tmp" "${hide[@]}"
else
  echo "NOTE: no private mount namespace here (needs root and unshare): running with the trees visible"
  bash "$tmp/installed_run.sh" "$prefix" "$bindir" "$webdir" "$tmp"
  echo "SKIP: the installed programs ran, but the source and build trees could not be hidden"
  exit 77
fi
