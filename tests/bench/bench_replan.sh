#!/usr/bin/env bash
# bench_replan.sh - the time of a re-plan (`schoolrun plan --keep`, which
# plans the term twice: kept and made anew, build.c) beside the plain plan
# of the same inputs, median of RUNS runs each: wall and CPU seconds (user +
# system; the machine may be loaded, CPU time shows the work) and peak
# memory. Cases: examples/district-replan against the term's plan of
# examples/district, and tests/plan/data/bayreuth's riders_more.csv against
# its term on the shared map North Bayreuth (skipped when ../shared is
# absent). Give two build folders to compare them on the same inputs.
#
# usage: [RUNS=N] tests/bench/bench_replan.sh [BUILD_DIR...]   (default: build, 5 runs)
# Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-5}
[ $# -gt 0 ] || set -- build
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed"; exit 1; }
work=$(mktemp -d /tmp/bench_replan.XXXXXX)
trap 'rm -rf "$work"' EXIT
map=${SR_SHARED:-../shared}/maps/north-bayreuth-2014.osm.gz
bt=tests/plan/data/bayreuth
mkdir -p "$work/more"
printf 'include = %s/%s/plan.conf\nriders = %s/%s/riders_more.csv\n' "$PWD" "$bt" "$PWD" "$bt" >"$work/more/plan.conf"
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
measure() { # LABEL BUILD ARGS...: one table row
	local label=$1 b=$2
	shift 2
	: >"$work/t"
	for _ in $(seq "$runs"); do
		/usr/bin/time -f '%e %U %S %M' -o "$work/one" "$b/schoolrun" plan "$@" --out "$work/o" -q 2>/dev/null || true
		cat "$work/one" >>"$work/t"
	done
	printf '%-30s %-24s %7s %6s %8s\n' "$label" "$b" "$(awk '{print $1}' "$work/t" | median)" \
		"$(awk '{print $2 + $3}' "$work/t" | median)" "$(awk '{print $4}' "$work/t" | median)"
}
printf '%-30s %-24s %7s %6s %8s\n' case build wall_s cpu_s peak_kb
for b in "$@"; do
	"$b/schoolrun" plan examples/district --out "$work/term" -q 2>/dev/null || true
	measure "district-replan: plain" "$b" examples/district-replan
	measure "district-replan: --keep" "$b" examples/district-replan --keep "$work/term/plan.json"
	if [ -f "$map" ]; then
		"$b/schoolrun" plan "$bt" --map "$map" --out "$work/bterm" -q 2>/dev/null || true
		measure "bayreuth riders_more: plain" "$b" "$work/more" --map "$map"
		measure "bayreuth riders_more: --keep" "$b" "$work/more" --map "$map" --keep "$work/bterm/plan.json"
	fi
done
