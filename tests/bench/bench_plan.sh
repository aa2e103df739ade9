#!/usr/bin/env bash
# bench_plan.sh - `schoolrun plan` time and peak memory on the bundled
# district (examples/district) and on a generated large region (about 300
# villages, 15 destinations, 60 buses; maps/gen_district into /tmp), median
# of 3 runs each at --time-limit 30 and at --time-limit 600, printed as a
# table with the plan's buses (the most on one day and distinct over the
# week), the share of repeating runs that keep one bus all week,
# kilometres, longest ride, longest driver shift (depot to depot) and
# unserved children (from summary.txt, written in English with --lang en
# whatever the example's language, and plan.json's week), wall and CPU
# seconds (user + system: the machine may be loaded, CPU time shows the
# work) at both limits, and whether the two limits give the same plan
# (timetable.csv and plan.json but its echo of time_limit_s). Then the
# shared real maps Liechtenstein and North Bayreuth, each with a generated
# term of about 350 children (tests/bench/real_term.py).
#
# usage: [RUNS=N] tests/bench/bench_plan.sh [BUILD_DIR]   (default: build, 3 runs)
# Needs GNU time (/usr/bin/time). No peer tool plans school transfers end
# to end, so there is no ratio column; the stages' own benchmarks compare
# the matrix and the routing engine with their peers.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
exe=$build/schoolrun
gen=$build/maps/gen_district
work=$(mktemp -d /tmp/bench_plan.XXXXXX)
trap 'rm -rf "$work"' EXIT
[ -x "$exe" ] || { echo "build first: $exe missing"; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed"; exit 1; }

examples=()
[ -f examples/district/plan.conf ] && examples+=("district:examples/district")
if [ -x "$gen" ]; then
	"$gen" --seed 7 --out "$work/large.osm" --villages 300 --destinations 15 \
		--example-dir "$work/large" --example-map "$work/large.osm" --buses 60 >/dev/null
	examples+=("large-300:$work/large")
else
	echo "note: $gen not built; the large region is skipped"
fi

# the shared real maps (../shared/maps, ODbL) with a term generated from
# their names (tests/bench/real_term.py: about 350 children)
for m in liechtenstein-2021.osm.gz north-bayreuth-2014.osm.gz; do
	if [ -f "../shared/maps/$m" ]; then
		python3 tests/bench/real_term.py "$exe" "../shared/maps/$m" "$work/${m%%.*}" >/dev/null
		examples+=("${m%%.*}:$work/${m%%.*}")
	else
		echo "note: ../shared/maps/$m not found; skipped"
	fi
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# the plan of OUT without plan.json's echo of time_limit_s
same_plan() {
	cmp -s "$1/timetable.csv" "$2/timetable.csv" && python3 - "$1/plan.json" "$2/plan.json" <<'PY'
import json, sys
a, b = (json.load(open(f, encoding="utf-8")) for f in sys.argv[1:])
for p in (a, b):
    p["settings"].pop("time_limit_s", None)
sys.exit(0 if a == b else 1)
PY
}

runs_n=${RUNS:-3}
printf '| example | villages | runs | buses a day (most) | distinct buses a week | same bus all week | km a week | longest ride | longest driver shift | unserved children | wall s at 30 | CPU s at 30 | wall s at 600 | CPU s at 600 | same plan at 30 and 600 | peak MB |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n'
for e in "${examples[@]}"; do
	IFS=: read -r name dir flags <<<"$e"
	cells=()
	for limit in 30 600; do
		: >"$work/t"; : >"$work/c"; : >"$work/m"
		for i in $(seq "$runs_n"); do
			set +e
			# shellcheck disable=SC2086 # flags are words
			/usr/bin/time -f '%e %U %S %M' -o "$work/tm" "$exe" plan "$dir" --out "$work/out.$name.$limit" \
				--lang en -q --time-limit "$limit" $flags 2>/dev/null
			rc=$?
			set -e
			if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then echo "$name: exit $rc"; exit 1; fi
			tail -n 1 "$work/tm" | awk '{print $1}' >>"$work/t"
			tail -n 1 "$work/tm" | awk '{printf "%.2f\n", $2 + $3}' >>"$work/c"
			tail -n 1 "$work/tm" | awk '{print $4}' >>"$work/m"
		done
		cells+=("$(median <"$work/t")" "$(median <"$work/c")")
		m=$(median <"$work/m")
	done
	same=no
	same_plan "$work/out.$name.30" "$work/out.$name.600" && same=yes
	out=$work/out.$name.600
	s=$out/summary.txt
	villages=$(tail -n +2 "$dir/riders.csv" | cut -d, -f1 | sort -u | wc -l)
	runs=$(grep -m1 '^runs:' "$s" | awk '{print $2}')
	j=$out/plan.json
	perday=$(grep -o '"buses_per_day":\[[0-9,]*\]' "$j" | grep -o '[0-9][0-9]*' | sort -n | tail -1)
	distinct=$(grep -o '"distinct_buses":[0-9]*' "$j" | grep -o '[0-9]*$')
	steady=$(grep -m1 '^same bus all week:' "$s" | sed 's/^same bus all week: *//; s/ repeating runs//')
	km=$(grep -m1 '^km a week:' "$s" | awk '{print $4}')
	ride=$(grep -m1 '^longest ride:' "$s" | awk '{print $3}')
	shift_h=$(grep -m1 '^longest shift:' "$s" | awk '{print $3}')
	uns=$(grep -m1 '^unserved children:' "$s" | sed 's/^unserved children: *//')
	printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.0f |\n' "$name" "$villages" "$runs" \
		"$perday" "$distinct" "$steady" "$km" "$ride" "$shift_h" "$uns" "${cells[@]}" "$same" "$(echo "$m / 1024" | bc -l)"
done
