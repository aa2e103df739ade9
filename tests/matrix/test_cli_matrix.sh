#!/usr/bin/env bash
# test_cli_matrix.sh - `schoolrun matrix` on the hand-drawn fixture
# data/tiny.osm: names resolve places first, the oneway makes the matrix
# asymmetric with the distances worked out by hand below, and every kind of
# bad input is an error naming the file, the line and the value (exit 2).
set -u
exe=${SR_EXE:?SR_EXE not set}
here=$(cd "$(dirname "$0")" && pwd)
map=$here/data/tiny.osm
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
pass=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# expect_fail NAME EXIT_CODE PATTERN... : last run's status and stderr
expect_fail() {
	local name=$1 code=$2
	shift 2
	if [ "$st" -ne "$code" ]; then
		bad "$name: exit $st, expected $code; stderr: $(cat "$tmp/err")"
		return
	fi
	for p in "$@"; do
		grep -qF -- "$p" "$tmp/err" || { bad "$name: stderr lacks '$p': $(cat "$tmp/err")"; return; }
	done
	ok
}
run() { "$exe" matrix "$@" >"$tmp/out" 2>"$tmp/err"; st=$?; }

# metres between two metres-columns rows, compared with a tolerance
near() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t) }'; }

# --- a good run: names, an OSM id, a Cyrillic name, lat/lon -------------------
printf 'id,place,lat,lon\na,Alpha,,\nb,Beta,,\nc,n104,,\nd,Альфа,,\ne,,47.0001,9.0050\n' >"$tmp/p.csv"
run "$map" --points "$tmp/p.csv" --out "$tmp/m.csv" --json
if [ "$st" -ne 0 ]; then
	bad "good run: exit $st: $(cat "$tmp/err")"
else
	ok
	grep -q '"ids": \["a", "b", "c", "d", "e"\]' "$tmp/out" && ok || bad "json ids: $(head -c 300 "$tmp/out")"
	grep -q '"snap_m": \[' "$tmp/out" && ok || bad "json snap_m"
	[ "$(head -1 "$tmp/m.csv")" = "from,to,seconds,meters" ] && ok || bad "csv header"
	[ "$(wc -l <"$tmp/m.csv")" -eq 26 ] && ok || bad "csv rows: $(wc -l <"$tmp/m.csv")"
	ab=$(awk -F, '$1=="a" && $2=="b" {print $4}' "$tmp/m.csv")
	ba=$(awk -F, '$1=="b" && $2=="a" {print $4}' "$tmp/m.csv")
	# Alpha snaps to the south road 75.8 m east of node 1, Beta to the north
	# road 37.9 m west of node 4 (0.001 deg of longitude = 75.84 m at 47 N,
	# 0.005 deg of latitude = 555.97 m). a->b takes the oneway east side:
	# 682.5 + 556.0 + 37.9; b->a must go round the west: 720.5 + 556.0 + 75.8.
	near "$ab" 1276.4 2 && ok || bad "a->b $ab m, expected 1276.4"
	near "$ba" 1352.3 2 && ok || bad "b->a $ba m, expected 1352.3"
	# "Alpha" is the village (22 m from the road), not the school (44 m);
	# Альфа is its name:ru
	aa=$(awk -F, '$1=="a" && $2=="d" {print $4}' "$tmp/m.csv")
	[ "$aa" = "0" ] && ok || bad "Alpha and Альфа differ: $aa"
	ac=$(awk -F, '$1=="a" && $2=="c" {print $4}' "$tmp/m.csv")
	near "$ac" 15.2 1 && ok || bad "a->school $ac m, expected 15.2"
	# the same run without --json prints the CSV on stdout, byte-identical
	run "$map" --points "$tmp/p.csv" --threads 1
	cmp -s "$tmp/out" "$tmp/m.csv" && ok || bad "stdout CSV differs from --out"
	# the contraction hierarchy prints the same table
	run "$map" --points "$tmp/p.csv" --ch
	cmp -s "$tmp/out" "$tmp/m.csv" && ok || bad "--ch CSV differs"
	# --speed-cap (the flag inspect shares): at 5 km/h, below every road's
	# speed, each time is the distance at 5 km/h, and the metres are those
	# of the uncapped run
	run "$map" --points "$tmp/p.csv" --speed-cap 5
	if [ "$st" -ne 0 ]; then
		bad "--speed-cap 5: exit $st: $(cat "$tmp/err")"
	else
		awk -F, -v cap=5 'NR > 1 { d = $3 - $4 * 3.6 / cap; if (d < 0) d = -d;
			if (d > 0.2) { print $1 "->" $2 ": " $3 " s for " $4 " m"; bad = 1 } }
			END { exit bad }' "$tmp/out" && ok || bad "--speed-cap 5 times"
		cut -d, -f1,2,4 "$tmp/out" >"$tmp/capped"
		cut -d, -f1,2,4 "$tmp/m.csv" >"$tmp/free"
		cmp -s "$tmp/capped" "$tmp/free" && ok || bad "--speed-cap 5 changed distances"
	fi
fi

# --- bad input ----------------------------------------------------------------
printf 'id,place\nx,Alpha\ny,Dorf\n' >"$tmp/amb.csv"
run "$map" --points "$tmp/amb.csv"
expect_fail ambiguous 2 "amb.csv:3" "Dorf" "n102" "n103"

printf 'id,place\nx,Alpha\ny,Gamma\n' >"$tmp/unk.csv"
run "$map" --points "$tmp/unk.csv"
expect_fail unknown 2 "unk.csv:3" "Gamma"

printf 'id,place\nx,n999\n' >"$tmp/unkid.csv"
run "$map" --points "$tmp/unkid.csv"
expect_fail unknown-id 2 "unkid.csv:2" "n999"

: >"$tmp/empty.csv"
run "$map" --points "$tmp/empty.csv"
expect_fail empty 2 "empty.csv" "empty"

printf 'id,lat,lon\n' >"$tmp/hdr.csv"
run "$map" --points "$tmp/hdr.csv"
expect_fail header-only 2 "hdr.csv:1" "no points"

printf 'id,lat,lon\na,47.0001,9.001\nb,47.0001,9.002,7\n' >"$tmp/row.csv"
run "$map" --points "$tmp/row.csv"
expect_fail malformed-row 2 "row.csv:3" "4 fields"

printf 'id,lat,lon\na,47.0001,9.001\nb,north,9.002\n' >"$tmp/lat.csv"
run "$map" --points "$tmp/lat.csv"
expect_fail bad-lat 2 "lat.csv:3" "north"

printf 'name,lat,lon\na,47.0001,9.001\n' >"$tmp/col.csv"
run "$map" --points "$tmp/col.csv"
expect_fail no-id-column 2 "col.csv:1" "id,lat,lon"

printf 'id,lat,lon\na,47.0001,9.001\na,47.0002,9.002\n' >"$tmp/dup.csv"
run "$map" --points "$tmp/dup.csv"
expect_fail duplicate-id 2 "dup.csv:3" "duplicate id 'a'"

printf 'id,lat,lon\na,47.0001,9.001\nfar,47.5,9.001\n' >"$tmp/out.csv"
run "$map" --points "$tmp/out.csv"
expect_fail outside-extent 2 "out.csv:3" "outside the map" "far"

# 0.0025 deg north of the south road and 0.004 deg west of the east road:
# inside the extent, 278 m from the nearest road
printf 'id,lat,lon\na,47.0001,9.001\nmid,47.0025,9.0050\n' >"$tmp/snap.csv"
run "$map" --points "$tmp/snap.csv" --max-snap-m 200
expect_fail snap-limit 2 "snap.csv:3" "farther than 200 m" "'mid'" "278 m"
run "$map" --points "$tmp/snap.csv"
[ "$st" -eq 0 ] && ok || bad "default snap limit: exit $st: $(cat "$tmp/err")"
# a named point too far: its name in the message (Alpha is 22 m off)
printf 'id,place
south,Alpha
' >"$tmp/snap2.csv"
run "$map" --points "$tmp/snap2.csv" --max-snap-m 10
expect_fail snap-limit-name 2 "snap2.csv:2" "'south' (Alpha)" "22 m"

run "$tmp/nomap.osm" --points "$tmp/p.csv"
expect_fail missing-map 2 "nomap.osm"

run "$map"
expect_fail no-points 2 "--points"

run "$map" --points "$tmp/p.csv" --bogus
expect_fail unknown-option 2 "--bogus"

run "$map" --points "$tmp/p.csv" --speed-cap 301
expect_fail speed-cap-bounds 2 "--speed-cap" "from 1 to 300 km/h" "'301'"

run "$map" --points "$tmp/p.csv" --max-snap-m
expect_fail max-snap-needs-value 2 "--max-snap-m needs a value"

echo "$pass passed, $fails failed"
[ "$fails" -eq 0 ]
