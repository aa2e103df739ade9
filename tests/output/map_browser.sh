#!/usr/bin/env bash
# map_browser.sh - map.html in a real browser: the bundled district planned
# (with a plate column in fleet.csv), and again with 8 of its 12 buses
# (children unserved), then map_browser.mjs opens each map.html in
# Debian's headless Chromium driven by Playwright (npm package
# playwright-core, installed once per machine like node-gtfs, npm_cache.sh)
# and compares what the page shows with plan.json; print_layout.mjs then
# checks that every printed page keeps to the width of an A4 sheet. Skips (exit 77) without
# chromium, node or npm, or when the package cannot be installed (offline).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exe=${SR_EXE:?}
src=${SR_SOURCE_DIR:?}
PLAYWRIGHT_VERSION=1.65.2
chrome=$(command -v chromium || true)
[ -n "$chrome" ] || { echo "SKIP: chromium not found (install the Debian package chromium)"; exit 77; }
# shellcheck source=npm_cache.sh
. "$here/npm_cache.sh"
npm_cache_install playwright-core "$PLAYWRIGHT_VERSION"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/ex"
cp "$src/examples/district/"{plan.conf,sessions.csv,riders.csv} "$tmp/ex/"
awk -F, 'NR == 1 { print $0 ",plate"; next } { printf "%s,А %03d ВС 50\n", $0, NR }' \
  "$src/examples/district/fleet.csv" >"$tmp/ex/fleet.csv"
rc=0
"$exe" plan "$tmp/ex" --map "$src/maps/district.osm" --out "$tmp/out" 2>"$tmp/err" || rc=$?
[ $rc -eq 0 ] || [ $rc -eq 3 ] || { cat "$tmp/err"; echo "FAIL: plan exit $rc"; exit 1; }
[ -f "$tmp/out/map.html" ] || { echo "FAIL: no map.html"; exit 1; }
grep -q 'href="../map.html"' "$tmp/out/print/index.html" || { echo "FAIL: print/index.html does not link map.html"; exit 1; }
# ES modules resolve packages from the script's folder: beside a link to the cache
cp "$here/map_browser.mjs" "$here/print_layout.mjs" "$tmp/"
ln -s "$NPM_CACHE_DIR/node_modules" "$tmp/node_modules"
rc=0
node "$tmp/map_browser.mjs" "$tmp/out" "$chrome" || rc=1
# the same district with 8 of its 12 buses: children unserved, rings on the map
mkdir "$tmp/short"
cp "$tmp/ex/"{plan.conf,sessions.csv,riders.csv} "$tmp/short/"
head -n 9 "$tmp/ex/fleet.csv" >"$tmp/short/fleet.csv"
src_rc=0
"$exe" plan "$tmp/short" --map "$src/maps/district.osm" --out "$tmp/short/out" 2>"$tmp/err" || src_rc=$?
[ $src_rc -eq 3 ] || { cat "$tmp/err"; echo "FAIL: 8 buses serve everyone (exit $src_rc)"; rc=1; }
node "$tmp/map_browser.mjs" "$tmp/short/out" "$chrome" || rc=1
# the printed pages in the same browser: each keeps to an A4 sheet
node "$tmp/print_layout.mjs" "$tmp/out" "$chrome" || rc=1
# and a re-plan's: the 8 buses against the plan of 12, whose changes.html
# gives the groups no longer carried with their reasons (long sentences
# in a cell that once would not wrap, pushing the table off the sheet)
src_rc=0
"$exe" plan "$tmp/short" --map "$src/maps/district.osm" --keep "$tmp/out/plan.json" \
  --out "$tmp/short/re" 2>"$tmp/err" || src_rc=$?
[ $src_rc -eq 3 ] || { cat "$tmp/err"; echo "FAIL: the re-plan with 8 buses exits $src_rc"; rc=1; }
grep -q '<small' "$tmp/short/re/print/changes.html" ||
  { echo "FAIL: the re-plan's changes.html gives no reason"; rc=1; }
node "$tmp/print_layout.mjs" "$tmp/short/re" "$chrome" || rc=1
# and a region's table (A4 landscape), the district and its 8-bus twin:
# the children left, the buses to find, with and without split shifts
src_rc=0
printf 'include = %s/plan.conf\nmap = %s\n' "$tmp/ex" "$src/maps/district.osm" >"$tmp/ex.conf"
printf 'include = %s/plan.conf\nmap = %s\n' "$tmp/short" "$src/maps/district.osm" >"$tmp/short.conf"
"$exe" batch "$tmp/ex.conf" "$tmp/short.conf" --out "$tmp/region" --jobs 2 -q 2>"$tmp/err" || src_rc=$?
[ $src_rc -eq 3 ] || { cat "$tmp/err"; echo "FAIL: the batch exits $src_rc"; rc=1; }
node "$tmp/print_layout.mjs" "$tmp/region" "$chrome" || rc=1
exit $rc
