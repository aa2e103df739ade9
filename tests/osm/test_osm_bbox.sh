#!/usr/bin/env bash
# test_osm_bbox.sh - `--bbox minlon,minlat,maxlon,maxlat` keeps what
# `osmium extract --strategy complete_ways` keeps: on a fixture with a way
# crossing the box's edge, a way starting on its corner, relations inside,
# outside and nested (bbox_edge.osm), and on a shared real map, reading
# MAP --bbox B gives the same `inspect --json` as reading osmium's extract
# of MAP, for XML and PBF alike (osmium parts skipped where it is absent).
# A bad box is a clear error (exit 2) for inspect, matrix, plan and
# plan.conf's map_bbox; a box on stdin is refused; a plan with a box around
# its whole district plans the same timetable.
. "$(dirname "$0")/formats_lib.sh"
have_osmium=1
command -v osmium >/dev/null || { have_osmium=0; echo "note: osmium not installed (Debian osmium-tool): comparisons with osmium extract skipped"; }

# the fixture, cut by us and by osmium
box=38.00,56.00,38.01,56.01
counts "$fx/bbox_edge.osm" --bbox $box >"$tmp/ours"
check 'grep -q "^\"village\":1$" "$tmp/ours"'
if [ $have_osmium = 1 ]; then
  osmium extract -b $box -s complete_ways "$fx/bbox_edge.osm" -o "$tmp/cut.osm" --overwrite
  counts "$tmp/cut.osm" >"$tmp/theirs"
  check 'cmp -s "$tmp/ours" "$tmp/theirs" # '"$(diff "$tmp/ours" "$tmp/theirs")"
  check '[ "$(our_counts "$fx/bbox_edge.osm" --bbox $box)" = "$(osmium_counts "$tmp/cut.osm")" ]'
  # the crossing way is kept whole: its two nodes outside the box are in
  check '[ "$(our_counts "$fx/bbox_edge.osm" --bbox $box)" = "6 2 3" ]'
  osmium cat "$fx/bbox_edge.osm" -o "$tmp/edge.osm.pbf" --overwrite
  counts "$tmp/edge.osm.pbf" --bbox $box >"$tmp/pbf"
  check 'cmp -s "$tmp/ours" "$tmp/pbf" # PBF with a bbox'
fi

# a shared real map: a box in the middle of Liechtenstein's Unterland
if [ $have_osmium = 1 ] && [ -f "$shared/maps/li-unterland-2021.osm" ]; then
  m=$shared/maps/li-unterland-2021.osm
  box=9.50,47.20,9.54,47.23
  osmium extract -b $box -s complete_ways "$m" -o "$tmp/li.osm" --overwrite
  counts "$tmp/li.osm" >"$tmp/theirs"
  counts "$m" --bbox $box >"$tmp/ours"
  check 'cmp -s "$tmp/ours" "$tmp/theirs" # '"$(diff "$tmp/ours" "$tmp/theirs")"
  osmium cat "$m" -o "$tmp/li.osm.pbf" --overwrite
  counts "$tmp/li.osm.pbf" --bbox $box >"$tmp/pbf"
  check 'cmp -s "$tmp/ours" "$tmp/pbf"'
  # a box that holds the whole map changes nothing
  counts "$m" >"$tmp/all"
  counts "$m" --bbox -180,-90,180,90 >"$tmp/world"
  check 'cmp -s "$tmp/all" "$tmp/world"'
fi

# bad boxes: exit 2, the box and what is wrong named
bad() { # $1 = expected words, rest = command
  local want=$1; shift
  out=$("$@" 2>"$tmp/err"); rc=$?
  check '[ $rc -eq 2 ] && [ -z "$out" ] && grep -q "$want" "$tmp/err" # '"$*: $(cat "$tmp/err")"
}
m=$fx/bbox_edge.osm
bad "four numbers" "$exe" inspect "$m" --bbox 38,56,38.01
bad "four numbers" "$exe" inspect "$m" --bbox 38,56,38.01,56.01,3
bad "minlat 'x' is not a number" "$exe" inspect "$m" --bbox 38,x,38.01,56.01
bad "maxlon is missing" "$exe" inspect "$m" --bbox 38,56,,56.01
bad "minimum lon is above the maximum" "$exe" inspect "$m" --bbox 38.01,56,38,56.01
bad "out of range" "$exe" inspect "$m" --bbox 56,38,56.01,138
# a box in lat,lon order within both ranges, or one beside the map, holds
# none of its nodes: said at once, with where the map lies and the box in
# the other order when that one holds it (it cut the map to nothing, and
# every name was "not in the map": the Liechtenstein region trial)
bad "the bbox 56,38,56.01,38.01 holds none of the map's [0-9]* nodes, which lie within [0-9.,]* (minlon,minlat,maxlon,maxlat); the order is lon,lat: did you mean 38,56,38.01,56.01?" \
	"$exe" inspect "$m" --bbox 56,38,56.01,38.01
bad "the bbox 10,10,11,11 holds none of the map's [0-9]* nodes, which lie within [0-9., ]*(minlon,minlat,maxlon,maxlat)$" \
	"$exe" inspect "$m" --bbox 10,10,11,11
bad "needs a value" "$exe" inspect "$m" --bbox
bad "not standard input" "$exe" inspect - --bbox 38,56,38.01,56.01
printf 'id,lat,lon\na,56.005,38.005\n' >"$tmp/p.csv"
bad "minimum lat is above" "$exe" matrix "$m" --points "$tmp/p.csv" --bbox 38,56.02,38.01,56.01

# plans: a box around the whole district plans the same; a bad one in
# plan.conf names the file and line
ex=${SR_SOURCE_DIR}/examples/tiny
if [ -f "$ex/plan.conf" ]; then
  mkdir -p "$tmp/ex"
  cp "$ex"/*.csv "$tmp/ex/"
  sed "s|^map *=.*|map = ${SR_SOURCE_DIR}/maps/tiny.osm|" "$ex/plan.conf" >"$tmp/ex/plan.conf"
  "$exe" plan "$tmp/ex" --out "$tmp/out1" -q; rc1=$?
  ext=$("$exe" inspect "${SR_SOURCE_DIR}/maps/tiny.osm" --json |
        sed -E 's/.*"extent":\[([^]]*)\].*/\1/' | tr ',' ' ' |
        awk '{printf "%.4f,%.4f,%.4f,%.4f", $1 - 0.05, $2 - 0.05, $3 + 0.05, $4 + 0.05}')
  "$exe" plan "$tmp/ex" --out "$tmp/out2" -q --bbox "$ext"; rc2=$?
  check '[ $rc1 -eq $rc2 ] && cmp -s "$tmp/out1/timetable.csv" "$tmp/out2/timetable.csv"'
  check 'grep -q "\"map_bbox\":\"$ext\"" "$tmp/out2/plan.json" && grep -q "\"map_bbox\":null" "$tmp/out1/plan.json"'
  cp "$tmp/ex/plan.conf" "$tmp/ex/good.conf"
  echo "map_bbox = $ext" >>"$tmp/ex/good.conf"
  "$exe" plan "$tmp/ex/good.conf" --out "$tmp/out3" -q
  check 'cmp -s "$tmp/out1/timetable.csv" "$tmp/out3/timetable.csv"'
  line=$(($(wc -l <"$tmp/ex/plan.conf") + 1))
  echo "map_bbox = 37.5,55.7,37.4" >>"$tmp/ex/plan.conf"
  bad "plan.conf:$line: map_bbox: .*four numbers" "$exe" plan "$tmp/ex" --out "$tmp/out4" -q
  bad "map_bbox.*out of range" "$exe" plan "$tmp/ex/good.conf" --out "$tmp/out4" -q --bbox 37,95,38,96
  # a box around one road node of the map, none of the villages: each
  # name not found says the map is cut to the box
  "$exe" plan "$tmp/ex/good.conf" --out "$tmp/out4" -q --bbox 37.1643,55.8972,37.1644,55.8973 \
	2>"$tmp/err5"
  rc5=$?
  check '[ $rc5 -eq 2 ] && grep -q "Куликово.: no place.*(the map is cut to the bbox 37.1643,55.8972,37.1644,55.8973: what lies outside it is not in the map)" "$tmp/err5"' 
  swapped=$(echo "$ext" | awk -F, '{printf "%s,%s,%s,%s", $2, $1, $4, $3}')
  bad "tiny.osm: the bbox .* holds none of the map's [0-9]* nodes.*did you mean $ext?" \
	"$exe" plan "$tmp/ex/good.conf" --out "$tmp/out4" -q --bbox "$swapped"
fi
finish
