#!/usr/bin/env bash
# test_replan_locks.sh CHECKER - locks and a broken-down bus on the bundled
# district's tight term (examples/district as it plans by default): every
# family whose time or bus changes has a reason. Each case is re-planned
# with --keep against the term's plan and checked by the independent plan
# checker (check_plan --keep --locks: 0 village-days changed without a
# reason; a change is excused by the session's riders, a bus gone, a lock,
# or making room on its earlier bus for a call changed for one of those)
# and by replan_check.py (changes.csv lists exactly what the two plans
# differ in); a case whose locks are all not kept must change nothing
# (replan_check.py --zero): a lock is all or nothing. Each lock case failed
# one of these before keep.c made room for displaced runs (eject) and let
# go of locks not kept (2026-12-05, branch keeprobust); the broken-down bus
# passed, and is here for the room it makes.
# Last, examples/district-replan (4 children of Ильинка join football)
# against the same term: the new group must ride one bus both ways
# (home_same_bus = prefer, keep.c's new_round_trips): the repair put its
# run there and its run home on two ГАЗели before (2026-12-05).
set -u
checker=$1
exe=${SR_EXE:?}
src=${SR_SOURCE_DIR:?}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/test_replan_locks.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
dist=$src/examples/district
"$exe" plan "$dist" --out "$tmp/term" -q 2>"$tmp/term.err" || { echo "FAIL term"; cat "$tmp/term.err"; exit 1; }
case_run() { # NAME EXAMPLE [LOCK-ROW...]: re-plan EXAMPLE against the term with those locks
	local name=$1 ex=$2 la=()
	shift 2
	if [ $# -gt 0 ]; then
		printf 'session,pickup,bus\n' >"$tmp/$name.csv"
		printf '%s\n' "$@" >>"$tmp/$name.csv"
		la=(--locks "$tmp/$name.csv")
	fi
	"$exe" plan "$ex" --keep "$tmp/term/plan.json" "${la[@]}" --out "$tmp/$name" -q 2>"$tmp/$name.err"
	if [ ! -f "$tmp/$name/plan.json" ]; then
		echo "FAIL $name: no plan"; cat "$tmp/$name.err"; fail=1; return
	fi
	if "$checker" "$ex" "$tmp/$name" --keep "$tmp/term" "${la[@]}" >"$tmp/$name.chk" 2>&1 &&
		grep -q ' 0 without a reason$' "$tmp/$name.chk"; then
		echo "ok $name: $(grep -E 'locks:|--keep:' "$tmp/$name.chk" | paste -sd' ')"
	else
		echo "FAIL $name: checker"; grep -E 'FAIL|BAD|--keep|locks' "$tmp/$name.chk" | head -8; fail=1
	fi
	local zero=()
	grep -q 'locks: 0 of' "$tmp/$name.chk" && zero=(--zero)
	if python3 "$here/replan_check.py" changes "$tmp/term/plan.json" "$tmp/$name/plan.json" \
		"$tmp/$name/changes.csv" "${zero[@]}" >"$tmp/$name.rc"; then
		echo "ok $name: $(tail -1 "$tmp/$name.rc")${zero:+ (no lock kept: nothing changed)}"
	else
		echo "FAIL $name: replan_check.py"; head -8 "$tmp/$name.rc"; fail=1
	fi
}
# a bus breaks down
mkdir -p "$tmp/nobus"
grep -v '^ПАЗ-05,' "$dist/fleet.csv" >"$tmp/nobus/fleet.csv"
printf 'include = %s/plan.conf\nfleet = fleet.csv\n' "$dist" >"$tmp/nobus/plan.conf"
case_run no_paz05 "$tmp/nobus"
# locks that move other runs off the lock's bus (Липки's swimmers onto
# Хайгер-12: 76 village-days changed without a reason before)
case_run swimmers_lipki "$dist" 'Плавание,Липки,Хайгер-12'
case_run two_locks "$dist" 'Футбол,Петровка,ПАЗ-02' 'Плавание,Липки,Хайгер-12'
case_run one_of_two "$dist" 'Детсад № 5,Кочетово,ГАЗель-10' 'Плавание,Липки,ГАЗель-07'
# locks that cannot be kept on every day: nobody moves
case_run not_kept "$dist" 'Футбол,Прокудино,ГАЗель-07'
case_run not_kept_half "$dist" 'Детсад № 4,Ольховка,КАвЗ-08'
case_run not_kept_two "$dist" 'Детсад № 1,Нижние Липки,ПАЗ-01' 'Футбол,Петровка,Хайгер-09'
case_run joiners "$src/examples/district-replan"
buses=$(python3 -c 'import csv, sys
print(" ".join(sorted({r["new_bus"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["kind"] == "new"})))' "$tmp/joiners/changes.csv")
if [ -n "$buses" ] && [ "$(echo "$buses" | wc -w)" = 1 ]; then
	echo "ok joiners: the new group rides $buses both ways"
else
	echo "FAIL joiners: the new group rides '$buses'"
	cat "$tmp/joiners/changes.csv"
	fail=1
fi
exit $fail
