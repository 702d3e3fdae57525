#!/usr/bin/env bash
# Writes FILES JSONL files of PER project-bank records each into DIR (deterministic):
#   gen_projects.sh DIR FILES PER
# Every record has its own ärende-id, so a complete index holds exactly FILES*PER projects.
set -euo pipefail
dir=$1 files=$2 per=$3
mkdir -p "$dir"
lan=("Kronoberg" "Norrbotten" "Västra Götaland" "Skåne" "Värmland" "Jönköping" "Uppsala" "Dalarna")
kom=("Växjö" "Luleå" "Borås" "Malmö" "Karlstad" "Nässjö" "Enköping" "Falun")
what=("bredband på landsbygden" "hållbar energi i små företag" "kompetensutveckling inom vården"
  "innovation i besöksnäringen" "cirkulär ekonomi och återbruk" "digitala tjänster för kommuner"
  "export för små och medelstora företag" "forskning om vätgas")
n=0
for ((f = 0; f < files; f++)); do
  out=$(printf '%s/del-%03d.jsonl' "$dir" "$f")
  : >"$out"
  for ((r = 0; r < per; r++)); do
    i=$((n % 8)) j=$(((n / 8) % 8)) y=$((2014 + n % 6))
    printf '{"ärende-id":"%d","projektnamn":"Projekt %d: %s i %s","projektbeskrivning":"Projektet %d arbetar med %s i %s kommun. Målet är fler arbetstillfällen och en hållbar utveckling i %s län, tillsammans med företag, högskolor och föreningar i regionen.","stödmottagare":"%s kommun","projekt_starttid":"%d-01-01","projekt_sluttid":"%d-12-31","län":"%s","kommuner":"%s","beviljat_belopp_sek":%d}\n' \
      $((7000000 + n)) "$n" "${what[$j]}" "${kom[$i]}" "$n" "${what[$j]}" "${kom[$i]}" "${lan[$i]}" "${kom[$i]}" \
      "$y" $((y + 2)) "${lan[$i]}" "${kom[$i]}" $((100000 + n * 37)) >>"$out"
    n=$((n + 1))
  done
done
