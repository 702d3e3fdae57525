#!/usr/bin/env bash
# The hostile folder: fynd-index over a folder nobody curated. Deep nesting, a 50 MB line,
# a file too large to read, binary under text names, truncated PDF/JSON/HTML/XLSX, every
# encoding of a Swedish text, symlink loops and a dangling link, odd file names, an
# unreadable file, an empty file, a folder named x.json, and good files among them.
#   hostile_folder.sh FYND_INDEX FYND_QUERY SOURCE_DIR WORKDIR
# Asserts: the run ends normally within its time, each bad file is reported in exactly one
# line, every good file and every good record is indexed, and every Swedish variant is
# found by Växjö and hållbar.
set -euo pipefail
index=$1 query=$2 src=$3 work=$4
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work/in"
in=$work/in
fix=$src/tests/fixtures
sv='Växjö kommun satsar på hållbar turism, gröna städer och cykelleder längs sjöarna.'

# --- Good files: each has its own marker word (qx…) that only it contains. ---------------
printf '%s\nProjektet pågår 2019-2021. qxplain\n' "$sv" >"$in/plain.txt"
sed 's#</body>#<p>qxhtml</p></body>#' "$fix/html/internationella_projekt.html" >"$in/sida.html"
cp "$fix/pdf/vaxjo_partnerskap.pdf" "$in/hel.pdf"
cp "$fix/xlsx/tillvaxtverket.xlsx" "$in/hel.xlsx"
mkdir -p "$in/x.json" && printf '%s qxdirjson\n' "$sv" >"$in/x.json/inne.txt"  # a folder named x.json
# JSON Lines: 40 good records and one broken line among them (skipped with a warning).
for ((i = 0; i < 40; i++)); do
  printf '{"ärende-id":"%d","projektnamn":"Fientlig mapp %d","projektbeskrivning":"Projektet qxrec%d arbetar med hållbar utveckling i Växjö kommun.","län":"Kronoberg","kommuner":"Växjö","projekt_starttid":"2019-01-01","projekt_sluttid":"2020-12-31"}\n' \
    $((8800000 + i)) "$i" "$i"
  if ((i == 20)); then printf '{"ärende-id":"8899999","projektnamn": \n'; fi
done >"$in/poster.jsonl"
# `yes` ends by SIGPIPE when head has enough: not a failure here.
repeat() { { yes "$1" || true; } | head -c "$2" | tr -d '\n'; }
# Deep nesting: 200,000 divs around one paragraph.
{ repeat '<div>' 1200000; printf '<p>%s qxdeep</p>' "$sv"; } >"$in/djup.html"
# 50 MB on one line: the text reader would take over a GB and minutes for it (it did
# before readers ran in a worker); it fails at the worker's memory budget, in one line.
{ printf '%s qxlongline ' "$sv"; repeat 'Hållbar turism i Växjö med cykelleder och gröna städer.' 50000000; } \
  >"$in/lang-rad.txt"
# Odd names.
printf '%s qxspace\n' "$sv" >"$in/med mellanslag.txt"
printf '%s qxnewline\n' "$sv" >"$in/ny"$'\n'"rad.txt"
printf '%s qxlatinname\n' "$sv" >"$in/"$'latin1-\xe5\xe4\xf6'".txt"
printf '%s qxdash\n' "$sv" >"$in/-ledande-streck.txt"
long=$(printf 'l%.0s' $(seq 1 240))
printf '%s qxlongname\n' "$sv" >"$in/$long.txt"
# Symlink loops: a folder linking to its parent, and a file inside the loop.
mkdir -p "$in/slinga/a" && ln -s .. "$in/slinga/a/loop" && printf '%s qxinloop\n' "$sv" >"$in/slinga/a/i-slingan.txt"

# --- Every encoding of the Swedish text (marker qxencNAME). -----------------------------
enc() { printf '%s qxenc%s\n' "$sv" "$1"; }
enc utf8 >"$in/enc-utf8.txt"
{ printf '\xEF\xBB\xBF'; enc bom; } >"$in/enc-utf8-bom.txt"
{ printf '\xFF\xFE'; enc utf16le | iconv -f UTF-8 -t UTF-16LE; } >"$in/enc-utf16le.txt"
{ printf '\xFE\xFF'; enc utf16be | iconv -f UTF-8 -t UTF-16BE; } >"$in/enc-utf16be.txt"
printf '%s “Cykelleder” – qxenccp\n' "$sv" | iconv -f UTF-8 -t WINDOWS-1252 >"$in/enc-cp1252.txt"
enc latin | iconv -f UTF-8 -t ISO-8859-1 >"$in/enc-latin1.txt"
{ printf '%s Här är två trasiga byte: \xFF och \xC3\x28. ' "$sv"; enc damaged; } >"$in/enc-damaged.txt"
{ printf '%s\n' "$sv"; head -c 4500 /dev/zero; enc nul; } >"$in/enc-nul.txt"

# --- Bad files: each must be reported in exactly one line. -------------------------------
: >"$in/tom.txt"                                                      # empty
: >"$in/tom"$'\n'"rad.txt"                                             # empty, a newline in its name
truncate -s 600M "$in/enorm.txt"                                      # too large (sparse)
head -c 20000 "$(command -v bash)" >"$in/binar.txt"                   # ELF under a text name
{ printf '\x89PNG\r\n\x1a\n'; head -c 3000 /dev/urandom; } >"$in/binar.html"
printf 'hej hej hej\n' | gzip >"$in/binar.json"
pdf_size=$(stat -c %s "$fix/pdf/vaxjo_partnerskap.pdf")
head -c $((pdf_size / 3)) "$fix/pdf/vaxjo_partnerskap.pdf" >"$in/trasig.pdf"
xlsx_size=$(stat -c %s "$fix/xlsx/tillvaxtverket.xlsx")
head -c $((xlsx_size / 2)) "$fix/xlsx/tillvaxtverket.xlsx" >"$in/trasig.xlsx"
printf '[{"ärende-id":"8700001","projektnamn":"Avbruten","projektbeskrivning":"Hållb' >"$in/trasig.json"
ln -s "$in/finns-inte.txt" "$in/dinglande.txt"                       # dangling symlink
printf '%s qxsecret\n' "$sv" >"$in/hemlig.txt" && chmod 000 "$in/hemlig.txt"
# (a newline in a name is shown as \n: the report stays one line a file)
bad=(lang-rad.txt tom.txt 'tom\nrad.txt' enorm.txt binar.txt binar.html binar.json trasig.pdf trasig.xlsx trasig.json dinglande.txt hemlig.txt)
# Truncated HTML is still HTML: its text up to the cut is indexed.
head -c 600 "$in/sida.html" >"$in/trasig.html" && printf '<p>%s qxtrunchtml' "$sv" >>"$in/trasig.html"

# Root reads a chmod 000 file anyway: then the run goes as nobody, for whom it fails.
as_user=()
if [[ $(id -u) == 0 ]]; then
  if command -v setpriv >/dev/null; then
    chmod -R a+rX "$in" && chmod 000 "$in/hemlig.txt" && chmod 777 "$work"
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  else
    echo "note: running as root without setpriv: the unreadable file is read"
    bad=("${bad[@]/hemlig.txt/}")
  fi
fi

# --- The run. ----------------------------------------------------------------------------
# The memory budget is given explicitly: AddressSanitizer builds have none by default.
start=$(date +%s)
set +e
timeout 600 "${as_user[@]}" "$index" --db "$work/db" --reader-memory 200 "$in" >"$work/out.log" 2>"$work/err.log"
rc=$?
set -e
secs=$(($(date +%s) - start))
echo "fynd-index: exit $rc after $secs s"
cat "$work/out.log"
[[ $rc == 0 || $rc == 1 ]] || { cat "$work/err.log"; fail "fynd-index exited $rc"; }

# Each bad file: exactly one skipped/failed line.
for f in "${bad[@]}"; do
  [[ -n $f ]] || continue
  n=$(grep -c -F -e "skipped $in/$f: " -e "failed $in/$f: " "$work/err.log" || true)
  [[ $n == 1 ]] || { cat "$work/err.log"; fail "$f is reported in $n lines, not 1"; }
  grep -F -e "skipped $in/$f: " -e "failed $in/$f: " "$work/err.log"
done
# No good file is reported as skipped or failed.
if grep -E '^(skipped|failed) ' "$work/err.log" | grep -v -F -f <(for f in "${bad[@]}"; do [[ -n $f ]] && printf '%s/%s: \n' "$in" "$f"; done); then
  fail "a good file was reported as skipped or failed (above)"
fi

total() { "$query" --db "$work/db" --json --limit 0 "$@" | sed -n 's/^  "total": \([0-9]*\).*/\1/p'; }
# Every good file, and every good record, is found by its marker, once.
for m in qxplain qxhtml qxdirjson qxdeep qxspace qxnewline qxlatinname qxdash qxlongname qxinloop qxtrunchtml; do
  [[ $(total "$m") == 1 ]] || fail "marker $m found $(total "$m") times, not once"
done
"$query" --db "$work/db" --json --limit 1000 '' >"$work/all.json"
recs=$(grep -o '"id": "88000[0-3][0-9]"' "$work/all.json" | sort -u | wc -l)
[[ $recs == 40 ]] || fail "poster.jsonl: $recs of its 40 good records are indexed"
for f in hel.pdf hel.xlsx sida.html; do
  grep -q -F "\"$in/$f\"" "$work/all.json" || fail "$f is not indexed"
done
# Every encoding decoded: the phrase with Växjö and hållbar finds each variant.
"$query" --db "$work/db" --json --limit 1000 '"Växjö kommun satsar på hållbar turism"' >"$work/phrase.json"
for v in utf8 utf8-bom utf16le utf16be cp1252 latin1 damaged nul; do
  grep -q -F "\"$in/enc-$v.txt\"" "$work/phrase.json" || fail "encoding variant enc-$v.txt is not found by Växjö hållbar"
done
[[ $(total qxsecret) == 0 || ${#as_user[@]} == 0 ]] || fail "the unreadable file was indexed"
# A second run reads nothing again: every good file's signature (odd names too) was kept.
"${as_user[@]}" "$index" --db "$work/db" --reader-memory 200 "$in" >"$work/out2.log" 2>"$work/err2.log" || true
grep -q '^files read: 0, projects indexed: 0,' "$work/out2.log" || { cat "$work/out2.log"; fail "the second run read files again"; }
echo "OK: ${#bad[@]} bad files reported once each; every good file, record and encoding indexed ($secs s)"
