#!/usr/bin/env bash
# Builds the Debian package with cpack and checks it: name and version, Depends lists the
# Debian runtime package of every library the programs load (from dpkg-shlibdeps) and the
# Swedish dictionary, no -dev package; the file list holds the programs, every file of
# web/, the man pages, the API description and the systemd unit example; the packaged
# programs are stripped and run; apt can install it on a system with nothing installed.
#   deb_package.sh BUILD SOURCE VERSION BINDIR WEBDIR DOCDIR MANDIR MAN(ON|OFF) BUILT_PROGRAM...
set -euo pipefail
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
version=$3 bindir=$4 webdir=$5 docdir=$6 mandir=$7 man=$8
shift 8
built=("$@")
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in cpack dpkg-deb dpkg-shlibdeps dpkg-query file; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is missing (scripts/setup.sh installs it)"; exit 77; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fynd-deb-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && cpack -G DEB -B "$tmp" --config "$build/CPackConfig.cmake") >"$tmp/cpack.log" 2>&1 ||
  { cat "$tmp/cpack.log"; fail "cpack -G DEB"; }
debs=("$tmp"/fynd_*.deb)
[[ ${#debs[@]} -eq 1 && -f ${debs[0]} ]] || fail "expected one fynd_*.deb, got: ${debs[*]}"
deb=${debs[0]}
echo "package: $(basename "$deb") ($(stat -c %s "$deb") bytes)"

[[ $(dpkg-deb -f "$deb" Package) == fynd ]] || fail "Package is not fynd"
[[ $(dpkg-deb -f "$deb" Version) == "$version" ]] || fail "Version is not $version"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
names=$(tr ',' '\n' <<<"$depends" | sed 's/^ *//; s/[ (].*//')
grep -qx hunspell-sv <<<"$names" || fail "Depends lacks hunspell-sv (the Analyzer reads sv_SE at run time)"
if grep -q -- '-dev$' <<<"$names"; then fail "Depends names a -dev package"; fi

# Every shared library the built programs load comes from a package in Depends.
[[ ${#built[@]} -eq 3 ]] || fail "expected the three built programs, got: ${built[*]}"
for exe in "${built[@]}"; do
  p=$(basename "$exe")
  [[ -x $exe ]] || fail "no built $exe"
  while read -r lib; do
    path=$(ldd "$exe" | awk -v l="$lib" '$1 == l { print $3 }')
    [[ -n $path ]] || fail "$p: $lib not resolved"
    real=$(readlink -f "$path")
    owner=$(dpkg-query -S "$path" 2>/dev/null || dpkg-query -S "$real" 2>/dev/null || true)
    [[ -n $owner ]] || fail "$p: no Debian package owns $path"
    pkg=${owner%%:*}
    grep -qx "$pkg" <<<"$names" || fail "$p needs $lib from $pkg, which Depends does not list"
  done < <(readelf -d "$exe" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
done

files=$(dpkg-deb -c "$deb" | awk '{ print $NF }')
has() { grep -qx "./usr/$1" <<<"$files" || fail "the package has no /usr/$1"; }
for p in fynd-index fynd-query fynd-serve; do has "$bindir/$p"; done
for f in $(cd "$src/web" && find . -maxdepth 1 -type f ! -name '.*' -printf '%f\n'); do has "$webdir/$f"; done
has "$docdir/openapi.json"
has "$docdir/examples/fynd-serve.service"
if [[ $man == ON ]]; then
  for p in fynd-index fynd-query fynd-serve; do has "$mandir/man1/$p.1.gz"; done
fi
outside=$(grep -v '^\./usr/' <<<"$files" | grep -v '^\./$' || true)
[[ -z $outside ]] || fail "files outside /usr: $outside"
if grep -Eq '_tests$|_bench$|fynd_relevance' <<<"$files"; then fail "test or benchmark programs packaged"; fi

dpkg-deb -x "$deb" "$tmp/root"
for p in fynd-index fynd-query fynd-serve; do
  file "$tmp/root/usr/$bindir/$p" | grep -q ', stripped' || fail "/usr/$bindir/$p is not stripped"
  "$tmp/root/usr/$bindir/$p" --version | grep -qF "$version" || fail "packaged $p --version"
done
# On a system with no package installed at all, apt resolves every dependency from the
# archive (a simulation; needs apt's package lists, as after apt-get update).
if command -v apt-get >/dev/null && compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
  : >"$tmp/empty-status"
  apt-get -s -o Dir::State::Status="$tmp/empty-status" -o Debug::NoLocking=1 install "$deb" >"$tmp/apt.log" 2>&1 ||
    { tail -20 "$tmp/apt.log"; fail "apt-get cannot resolve the package's dependencies on an empty system"; }
  grep -q '^Inst fynd ' "$tmp/apt.log" || { tail -20 "$tmp/apt.log"; fail "apt-get would not install fynd"; }
  if grep -E '^Inst [^ ]+-dev ' "$tmp/apt.log"; then fail "installing the package pulls in -dev packages"; fi
  echo "apt on an empty system: $(grep -c '^Inst ' "$tmp/apt.log") packages to install"
else
  echo "NOTE: no apt package lists: not simulating an install on an empty system"
fi
echo "OK: $(basename "$deb") checked"
