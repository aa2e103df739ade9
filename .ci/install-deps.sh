#!/usr/bin/env bash
# Installs the Debian 12 packages schoolrun needs to build, test and
# benchmark, when they are missing. Run as root (or with sudo available).
#   build:  compiler, cmake, pkg-config, libxml2, GLPK, libcsv, zlib, libbz2, Nettle (SHA-256),
#           protobuf-c and its compiler protoc-c (OSM PBF), ICU (name matching: case folding,
#           normalisation), libxlsxwriter (timetable.xlsx), libzip (tables read from .xlsx/.ods),
#           jansson (batch reads plans back from plan.json), libjs-leaflet (map.html,
#           inlined at plan time), gettext (msgfmt compiles the message catalogue,
#           xgettext extracts the messages for its test)
#   tests:  osmium-tool (counts), routino (benchmark peer), poppler-utils and
#           chromium + fonts-dejavu-core (printed schedules to PDF), node and
#           npm (GTFS import with node-gtfs, map.html in Chromium with
#           playwright-core), python3 (node-gyp; batch test
#           checks), python3-openpyxl (writes the .xlsx the spreadsheet reader's tests
#           read), time, parallel (GNU parallel runs emitted batch jobs)
#   style:  clang-format (the layout check), universal-ctags (function lengths)
set -euo pipefail
pkgs=(build-essential cmake pkg-config libxml2-dev libxml2-utils libglpk-dev glpk-utils libcsv-dev
      zlib1g-dev libbz2-dev libprotobuf-c-dev protobuf-c-compiler nettle-dev libicu-dev libxlsxwriter-dev libjansson-dev libjs-leaflet gettext
      libzip-dev osmium-tool routino poppler-utils chromium fonts-dejavu-core python3 python3-openpyxl time
      util-linux parallel clang-format universal-ctags)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# node and npm: keep whatever the machine already has (e.g. a newer nodejs)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
