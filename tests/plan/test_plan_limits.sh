#!/usr/bin/env bash
# test_plan_limits.sh CHECKER [VILLAGES DESTINATIONS BUSES [UNSTEADY [LOW]]] - a generated
# region (maps/gen_district --seed 7, by default 100 villages, 8
# destinations, 24 buses: 14 sessions on 4 day patterns, about 2 CPU-s)
# planned at --time-limit LOW (default 20) on one thread and at --time-limit
# 900 on two:
# the work is counted (routing iterations, chaining nodes and simplex work),
# so neither run may say the time limit cut it short, and both must write
# byte-identical timetable.csv and plan.json (but plan.json's echo of
# time_limit_s). The independent checker accepts the plan and recounts the
# repeating runs that keep one bus all week from timetable.csv: all of them
# must, but UNSTEADY (default 0). (Larger regions take minutes:
# tests/bench/bench_plan.sh.)
set -u
checker=$1
villages=${2:-100}
dests=${3:-8}
buses=${4:-24}
unsteady=${5:-0}
low=${6:-20}
exe=${SR_EXE:?}
gen=${SR_BINARY_DIR:?}/maps/gen_district
tmp=$(mktemp -d /tmp/test_plan_limits.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
[ -x "$gen" ] || { echo "FAIL: $gen not built"; exit 1; }
"$gen" --seed 7 --out "$tmp/region.osm" --villages "$villages" --destinations "$dests" \
	--example-dir "$tmp/region" --example-map "$tmp/region.osm" --buses "$buses" >/dev/null ||
	{ echo "FAIL: gen_district"; exit 1; }

plan() { # NAME LIMIT THREADS
	"$exe" plan "$tmp/region" --out "$tmp/$1" --lang en --time-limit "$2" --threads "$3" \
		2>"$tmp/$1.err"
	local rc=$?
	if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then
		echo "FAIL $1: exit $rc"; cat "$tmp/$1.err"; fail=1
	fi
	if grep -q 'time limit' "$tmp/$1.err"; then
		echo "FAIL $1: the time limit cut the plan short at --time-limit $2:"
		grep 'time limit' "$tmp/$1.err"; fail=1
	fi
}
plan a "$low" 1
plan b 900 2
[ $fail -eq 0 ] || exit 1

if cmp -s "$tmp/a/timetable.csv" "$tmp/b/timetable.csv"; then
	echo "ok timetable.csv is the same at --time-limit $low (1 thread) and 900 (2 threads)"
else
	echo "FAIL timetable.csv differs between --time-limit $low and 900"
	diff "$tmp/a/timetable.csv" "$tmp/b/timetable.csv" | head -5; fail=1
fi
if python3 - "$tmp/a/plan.json" "$tmp/b/plan.json" "$low" <<'PY'; then
import json, sys
a, b = (json.load(open(f, encoding="utf-8")) for f in sys.argv[1:3])
la, lb = a["settings"].pop("time_limit_s"), b["settings"].pop("time_limit_s")
sys.exit(0 if a == b and (la, lb) == (int(sys.argv[3]), 900) else 1)
PY
	echo "ok plan.json is the same but for time_limit_s"
else
	echo "FAIL plan.json differs between the two limits (beyond time_limit_s)"; fail=1
fi

if ! "$checker" "$tmp/region" "$tmp/b" >"$tmp/check" 2>&1; then
	echo "FAIL the checker rejects the plan:"; tail -20 "$tmp/check"; fail=1
fi
share=$(sed -n 's/^check_plan: same bus all week: \([0-9]*\) of \([0-9]*\) .*/\1 \2/p' "$tmp/check")
if [ -z "$share" ] || [ $((${share#* } - ${share% *})) -gt "$unsteady" ] || [ "${share#* }" -lt 20 ]; then
	echo "FAIL ${share% *} of ${share#* } repeating runs keep one bus all week (want all but $unsteady):"
	grep 'note: run' "$tmp/check" | head; fail=1
else
	echo "ok ${share% *} of ${share#* } repeating runs keep one bus all week (all but $unsteady at most)"
fi
exit $fail
