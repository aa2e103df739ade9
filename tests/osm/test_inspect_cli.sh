#!/usr/bin/env bash
# test_inspect_cli.sh - `schoolrun inspect`: the JSON keys issue 2 asks for,
# values on a fixture, stdin input, --allow-tracks, --speed-cap, and exit
# status 2 with "file:line:" on bad input or bad options.
set -u
exe=${SR_EXE:?SR_EXE not set}
fx=${SR_SOURCE_DIR:?}/tests/osm/fixtures
fails=0
check() { if eval "$1"; then :; else echo "FAIL: $1"; fails=$((fails + 1)); fi; }

out=$("$exe" inspect "$fx/roundabout.osm" --json)
check '[ $? -eq 0 ]'
for k in nodes ways relations road_nodes road_edges road_km largest_scc_share places destinations \
         missing_node_refs seconds peak_rss_kb; do
  check 'grep -q "\"$k\":" <<<"$out"'
done
check 'grep -q "\"nodes\":8,\"ways\":4,\"relations\":0" <<<"$out"'
check 'grep -q "\"road_nodes\":6,\"road_edges\":7" <<<"$out"'
check 'grep -q "\"largest_scc_share\":0.6667" <<<"$out"'
if command -v python3 >/dev/null; then
  check 'python3 -c "import json,sys; json.loads(sys.stdin.read())" <<<"$out"'
fi

# stdin gives the same map
in=$("$exe" inspect - --json <"$fx/roundabout.osm")
check 'grep -q "\"road_nodes\":6,\"road_edges\":7" <<<"$in"'
check 'grep -q "\"map\":\"<stdin>\"" <<<"$in"'

# tracks only on request
check '"$exe" inspect "$fx/access.osm" --json | grep -q "\"road_edges\":6"'
check '"$exe" inspect "$fx/access.osm" --json --allow-tracks | grep -q "\"road_edges\":8"'

# text output names the sections
txt=$("$exe" inspect "$fx/areas.osm")
check 'grep -q "^places  *4" <<<"$txt"'
check 'grep -q "^destinations  *6" <<<"$txt"'
check 'grep -q "^peak memory" <<<"$txt"'
# street addresses: the 16 of the address fixture (counted from its XML)
n_addr=$(grep -c 'k="addr:housenumber"' "$fx/addresses.osm")
check '"$exe" inspect "$fx/addresses.osm" --json | grep -q "\"addresses\":$n_addr,"'

# bad input: exit 2, file and line on stderr, nothing on stdout
err=$("$exe" inspect "$fx/malformed.osm" 2>&1 >/dev/null); rc=$?
check '[ $rc -eq 2 ]'
check 'grep -q "malformed.osm:6:" <<<"$err"'
o=$("$exe" inspect "$fx/bad_lat_range.osm" 2>/dev/null); rc=$?
check '[ $rc -eq 2 ] && [ -z "$o" ]'
"$exe" inspect "$fx/roundabout.osm" --speed-cap fast >/dev/null 2>&1; rc=$?
check '[ $rc -eq 2 ]'
err=$("$exe" inspect "$fx/roundabout.osm" --speed-cap 0.5 2>&1 >/dev/null); rc=$?
check '[ $rc -eq 2 ] && grep -qF "from 1 to 300 km/h" <<<"$err"'
check '"$exe" inspect "$fx/roundabout.osm" --speed-cap=300 --json | grep -q "\"road_edges\":"'
"$exe" inspect "$fx/roundabout.osm" --frobnicate >/dev/null 2>&1; rc=$?
check '[ $rc -eq 2 ]'
"$exe" inspect >/dev/null 2>&1; rc=$?
check '[ $rc -eq 2 ]'

if [ $fails -gt 0 ]; then echo "$fails failed"; exit 1; fi
echo "all passed"
