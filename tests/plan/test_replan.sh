#!/usr/bin/env bash
# test_replan.sh CHECKER - re-planning with --keep and locks.csv on the
# bundled district (examples/district) and its re-plan scenario
# (examples/district-replan: 4 children of Ильинка join football), checked
# by the independent plan checker (check_plan --keep OLD --locks: locks
# honoured exactly where plan.json says so, and a session whose riders are
# as before keeps its calls unless its bus is gone or a lock moved them)
# and by replan_check.py (changes.csv against its own reading of the two
# plan.json, reasons included):
#   - the plan kept against itself changes nothing (and is the same plan);
#   - with one village added, only that village's session changes, and
#     changes.csv lists exactly what the two plans' outputs differ in;
#   - with a village or a session removed, their families are listed
#     (no longer served / session removed, with the reason);
#   - a lock that cannot be kept is reported, not dropped;
#   - a bad locks.csv gives every error at once (file:line:column, exit 2),
#     a run lock needs --keep, and a plan.json of another district is
#     refused.
set -u
checker=$1
exe=${SR_EXE:?}
src=${SR_SOURCE_DIR:?}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/test_replan.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
checkplan() { # NAME EXAMPLE OUT ARGS... (check_plan; its output in $tmp/NAME.chk)
	local name=$1
	shift
	if "$checker" "$@" >"$tmp/$name.chk" 2>&1; then
		echo "ok $name: the plan checker accepts it: $(grep -E 'locks:|--keep:' "$tmp/$name.chk" | paste -sd' ')"
	else
		echo "FAIL $name: checker"; tail -8 "$tmp/$name.chk"; fail=1
	fi
}
check() { # NAME replan_check.py ARGS...
	local name=$1
	shift
	if python3 "$here/replan_check.py" "$@" >"$tmp/$name.out"; then
		echo "ok $name: $(tail -1 "$tmp/$name.out")"
	else
		echo "FAIL $name"; cat "$tmp/$name.out"; fail=1
	fi
}
plan() { # NAME EXPECTED-EXIT ARGS...
	local name=$1 want=$2
	shift 2
	"$exe" plan "$@" -q 2>"$tmp/$name.err"
	local rc=$?
	if [ $rc -ne "$want" ]; then
		echo "FAIL $name: exit $rc, expected $want"; cat "$tmp/$name.err"; fail=1; return 1
	fi
}
dist=$src/examples/district
# the earlier plan without the chaining's round trips (the hook
# SR_TEST_NO_ROUND_TRIP_CHAIN): the locks and joiners below were picked on
# that plan (test_replan_locks.sh tries locks on the plan with them)
SR_TEST_NO_ROUND_TRIP_CHAIN=1 plan term 0 "$dist" --out "$tmp/term" || exit 1

# the same plan kept against itself: nothing changes
if plan self 0 "$dist" --keep "$tmp/term/plan.json" --out "$tmp/self"; then
	check self_zero changes "$tmp/term/plan.json" "$tmp/self/plan.json" "$tmp/self/changes.csv" --zero
	checkplan self_keep "$dist" "$tmp/self" --keep "$tmp/term"
	cmp -s "$tmp/term/timetable.csv" "$tmp/self/timetable.csv" &&
		echo "ok self: the same timetable" || { echo "FAIL self: the timetable differs"; fail=1; }
fi

# one village added: only its session changes
if plan replan 0 "$src/examples/district-replan" --keep "$tmp/term/plan.json" --out "$tmp/replan"; then
	added=$(diff <(tail -n +2 "$dist/riders.csv") <(tail -n +2 "$src/examples/district-replan/riders.csv") |
		sed -n 's/^> //p' | cut -d, -f2 | sort -u | paste -sd,)
	check replan_changes changes "$tmp/term/plan.json" "$tmp/replan/plan.json" "$tmp/replan/changes.csv"
	grep -q ',new,,,0,$' "$tmp/replan/changes.csv" || { echo "FAIL replan: the new group is not listed"; fail=1; }
	[ -s "$tmp/replan/print/changes.html" ] || { echo "FAIL replan: no print/changes.html"; fail=1; }
	checkplan replan_only_added "$src/examples/district-replan" "$tmp/replan" --keep "$tmp/term"
	grep -qxF "check_plan: --keep: sessions with new riders or times: $added; elsewhere 0 village-days changed with their bus gone, 0 by a lock, 0 with their other leg, 0 making room for those, 0 riding along with those, 0 without a reason" \
		"$tmp/replan_only_added.chk" && echo "ok replan: only $added changes" ||
		{ echo "FAIL replan: not only $added changes"; grep -e '--keep' "$tmp/replan_only_added.chk"; fail=1; }
fi

# the checker must catch a re-plan that moves a session nobody joined: the
# earlier timetable with one kindergarten run on another bus
if [ -f "$tmp/replan/plan.json" ]; then
	cp -r "$tmp/term" "$tmp/term_moved"
	python3 - "$tmp/term_moved/timetable.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
run = next(r for r in rows[1:] if r[12].startswith("Детсад"))
other = next(r[1] for r in rows[1:] if r[1] != run[1])
for r in rows[1:]:
    if r[2] == run[2] and r[0] == run[0]:
        r[1] = other
csv.writer(open(sys.argv[1], "w", encoding="utf-8", newline="")).writerows(rows)
PY
	if "$checker" "$src/examples/district-replan" "$tmp/replan" --keep "$tmp/term_moved" >"$tmp/moved.chk" 2>&1; then
		echo "FAIL the checker accepts a kindergarten run moved to another bus"; fail=1
	else
		grep -q 'riders are as before, but the calls changed' "$tmp/moved.chk" &&
			echo "ok the checker rejects a session changed without a reason" ||
			{ echo "FAIL moved: $(tail -3 "$tmp/moved.chk")"; fail=1; }
	fi
fi

# a village and a session removed: their families are called too
removed() { # NAME WHAT KIND REASON: riders (and sessions) without WHAT
	local name=$1 what=$2 kind=$3
	mkdir -p "$tmp/$name"
	printf 'include = %s/plan.conf\nriders = riders.csv\nsessions = sessions.csv\n' "$dist" >"$tmp/$name/plan.conf"
	grep -v -e "^$what," -e ",$what," "$dist/riders.csv" >"$tmp/$name/riders.csv"
	grep -v "^$what," "$dist/sessions.csv" >"$tmp/$name/sessions.csv"
	plan "$name" 0 "$tmp/$name" --keep "$tmp/term/plan.json" --out "$tmp/$name.out" || return
	check "${name}_changes" changes "$tmp/term/plan.json" "$tmp/$name.out/plan.json" "$tmp/$name.out/changes.csv"
	grep -q ",gone,$kind,$4" "$tmp/$name.out/changes.csv" && echo "ok $name: listed as $kind" ||
		{ echo "FAIL $name: no '$kind' row"; cat "$tmp/$name.out/changes.csv"; fail=1; }
	grep -q "$5" "$tmp/$name.out/print/changes.html" && echo "ok $name: printed as '$5'" ||
		{ echo "FAIL $name: print/changes.html does not say '$5'"; fail=1; }
	checkplan "${name}_keep" "$tmp/$name" "$tmp/$name.out" --keep "$tmp/term"
}
removed village_removed Прокудино village_removed "riders.csv no longer" "больше не возят"
removed session_removed Борьба session_removed "the session is no longer" "занятие отменено"

# a bus breaks down: only the children it carried change
mkdir -p "$tmp/broken"
grep -v '^КАвЗ-08,' "$dist/fleet.csv" >"$tmp/broken/fleet.csv"
printf 'include = %s/plan.conf\nfleet = fleet.csv\n' "$dist" >"$tmp/broken/plan.conf"
if plan broken 0 "$tmp/broken" --keep "$tmp/term/plan.json" --out "$tmp/broken.out"; then
	check broken_bus changes "$tmp/term/plan.json" "$tmp/broken.out/plan.json" "$tmp/broken.out/changes.csv"
	checkplan broken_keep "$tmp/broken" "$tmp/broken.out" --keep "$tmp/term"
	grep -q 'with their bus gone, 0 by a lock, 0 with their other leg, 0 making room for those, 0 riding along with those, 0 without' "$tmp/broken_keep.chk" &&
		! grep -q 'elsewhere 0 village-days changed with their bus gone' "$tmp/broken_keep.chk" &&
		echo "ok broken: only the children of КАвЗ-08 change" || { echo "FAIL broken: not only КАвЗ-08's children change"; fail=1; }
fi

# two buses gone, ПАЗ-01 and Хайгер-09: ten buses for a plan of eleven.
# Tue/Thu cannot keep its earlier buses (Лёгкая атлетика's run home of
# Хайгер-09 fits no bus out at its time) and falls back to the new
# chaining's duties, which go back to the buses that had their runs
# (keep.c relabel). As the chaining named its buses, 89 village-days of
# buses still there changed (16 with their other leg, 40 making room, 33
# riding along), and before the checker's rule for riding along it
# rejected 8 of them (Детсад № 3's Tue/Thu run moved off КАвЗ-08, still
# there and free that morning); put back, 33 do (18 making room, 15 riding
# along): at most 40 here
if plan full 0 "$dist" --out "$tmp/full"; then
	mkdir -p "$tmp/two_gone"
	grep -v -e '^ПАЗ-01,' -e '^Хайгер-09,' "$dist/fleet.csv" >"$tmp/two_gone/fleet.csv"
	printf 'include = %s/plan.conf\nfleet = fleet.csv\n' "$dist" >"$tmp/two_gone/plan.conf"
	if plan two_gone 0 "$tmp/two_gone" --keep "$tmp/full/plan.json" --out "$tmp/two_gone.out"; then
		checkplan two_gone "$tmp/two_gone" "$tmp/two_gone.out" --keep "$tmp/full"
		moved=$(sed -n 's/.* \([0-9]*\) with their other leg, \([0-9]*\) making room for those, \([0-9]*\) riding along.*/\1 \2 \3/p' "$tmp/two_gone.chk")
		read -r leg room along <<<"$moved"
		[ -n "$moved" ] && [ $((leg + room + along)) -le 40 ] &&
			echo "ok two_gone: $((leg + room + along)) village-days of buses still there changed" ||
			{ echo "FAIL two_gone: ${moved:-no summary} (other leg, room, along) village-days of buses still there changed, more than 40"; fail=1; }
	fi
	# a riders.csv with a totals row that does not add up, re-planned: a
	# re-plan reads the inputs twice (the plan kept and the plan made anew)
	# and said its warning twice; once now, and the checker reads the row
	# as no group, as the planner does
	mkdir -p "$tmp/totals"
	{ cat "$dist/riders.csv"; echo "Итого,,999,,"; } >"$tmp/totals/riders.csv"
	printf 'include = %s/plan.conf\nriders = riders.csv\n' "$dist" >"$tmp/totals/plan.conf"
	if "$exe" plan "$tmp/totals" --keep "$tmp/full/plan.json" --out "$tmp/totals.out" 2>"$tmp/totals.err"; then
		said=$(grep -c "the totals row 'Итого' says 999 children" "$tmp/totals.err")
		[ "$said" = 1 ] && echo "ok totals: the totals row's warning said once" ||
			{ echo "FAIL totals: the totals row's warning said $said times"; fail=1; }
		checkplan totals_keep "$tmp/totals" "$tmp/totals.out" --keep "$tmp/full"
	else
		echo "FAIL totals: exit $?"; cat "$tmp/totals.err"; fail=1
	fi
fi

# locks: Петровка's football children onto ПАЗ-02 (not their bus in the
# term's plan), Липки's swimmers onto Хайгер-12, and the volleyball groups
# of Назарово and Екатериновка (15 each) both onto ГАЗель-07 (20 seats):
# two runs at the same time, one of them kept, the other not (Назарово
# alone was kept since its group is routed with the bus's seats, runs.c)
printf 'session,pickup,bus\nФутбол,Петровка,ПАЗ-02\nПлавание,Липки,Хайгер-12\nВолейбол,Назарово,ГАЗель-07\nВолейбол,Екатериновка,ГАЗель-07\n' >"$tmp/locks.csv"
if plan locks 0 "$dist" --locks "$tmp/locks.csv" --keep "$tmp/term/plan.json" --out "$tmp/locked"; then
	check locks_changes changes "$tmp/term/plan.json" "$tmp/locked/plan.json" "$tmp/locked/changes.csv"
	checkplan locks_keep "$dist" "$tmp/locked" --keep "$tmp/term" --locks "$tmp/locks.csv"
	# with --keep the volleyball's earlier run (30 children) is kept as it was:
	# neither of its groups fits ГАЗель-07
	grep -q 'locks: 2 of 4 honoured' "$tmp/locks_keep.chk" || { echo "FAIL locks: not 2 of 4 honoured"; fail=1; }
	grep -q 'line 5' "$tmp/locked/summary.txt" || grep -q 'строка 5' "$tmp/locked/summary.txt" ||
		{ echo "FAIL locks: the lock not kept is not in summary.txt"; fail=1; }
fi
if plan locks_fresh 0 "$dist" --locks "$tmp/locks.csv" --out "$tmp/locked2"; then
	checkplan locks_without_keep "$dist" "$tmp/locked2" --locks "$tmp/locks.csv"
	grep -q 'locks: 3 of 4 honoured' "$tmp/locks_without_keep.chk" || { echo "FAIL locks without --keep: not 3 of 4 honoured"; fail=1; }
	# ... and catch a plan.json that claims a lock kept that is not
	sed -i 's/"kept":false/"kept":true/' "$tmp/locked2/plan.json"
	if "$checker" "$dist" "$tmp/locked2" --locks "$tmp/locks.csv" >"$tmp/lie.chk" 2>&1; then
		echo "FAIL the checker accepts a lock claimed kept that is not"; fail=1
	else
		grep -q 'not honoured, plan.json says kept true' "$tmp/lie.chk" && echo "ok the checker rejects a lock claimed kept" ||
			{ echo "FAIL lie: $(tail -3 "$tmp/lie.chk")"; fail=1; }
	fi
fi

# a locked group routed with its bus's seats (runs.c): Назарово's 13
# football children onto ГАЗель-07 (20 seats); routed with the others they
# shared a run of more than 20 and the lock was let go ("the bus has fewer
# seats than this run carries")
# with a row-number column first, as an office's table has (no column)
printf '№ п/п,session,pickup,bus\n1,Футбол,Назарово,ГАЗель-07\n' >"$tmp/small.csv"
if plan small_bus_lock 0 "$dist" --locks "$tmp/small.csv" --out "$tmp/small"; then
	checkplan small_lock "$dist" "$tmp/small" --locks "$tmp/small.csv"
	grep -q 'locks: 1 of 1 honoured' "$tmp/small_lock.chk" &&
		echo "ok a group locked onto a smaller bus rides it" ||
		{ echo "FAIL the lock onto ГАЗель-07 is not honoured"; cat "$tmp/small_lock.chk"; fail=1; }
fi

# bad locks: every error at once, with file, line and column
printf 'session,pickup,bus\nФутбол,Петровка,ПАЗ-99\nХоккей,Липки,ПАЗ-01\nФутбол,Нигде,ПАЗ-01\n' >"$tmp/bad.csv"
if plan badlocks 2 "$dist" --locks "$tmp/bad.csv" --out "$tmp/bad"; then
	for w in "bad.csv:2:3: unknown bus 'ПАЗ-99'" "bad.csv:3:1: unknown session 'Хоккей'" "bad.csv:4:2:"; do
		grep -qF "$w" "$tmp/badlocks.err" && echo "ok bad locks: $w" ||
			{ echo "FAIL bad locks: no '$w'"; cat "$tmp/badlocks.err"; fail=1; }
	done
fi
printf 'run\nR1\n' >"$tmp/run.csv"
if plan runlock_needs_keep 2 "$dist" --locks "$tmp/run.csv" --out "$tmp/rl"; then
	grep -q 'run.csv:2:1:.*needs --keep' "$tmp/runlock_needs_keep.err" && echo "ok a run lock needs --keep" ||
		{ echo "FAIL run lock without --keep: $(cat "$tmp/runlock_needs_keep.err")"; fail=1; }
fi
if plan runlock 0 "$dist" --locks "$tmp/run.csv" --keep "$tmp/term/plan.json" --out "$tmp/rl"; then
	checkplan runlock_kept "$dist" "$tmp/rl" --keep "$tmp/term" --locks "$tmp/run.csv"
	grep -q 'locks: 1 of 1 honoured' "$tmp/runlock_kept.chk" || { echo "FAIL run lock R1 not kept as it was"; fail=1; }
fi
printf 'run\nR9999\n' >"$tmp/run2.csv"
if plan runlock_unknown 2 "$dist" --locks "$tmp/run2.csv" --keep "$tmp/term/plan.json" --out "$tmp/rl"; then
	grep -q "unknown run 'R9999'" "$tmp/runlock_unknown.err" && echo "ok an unknown run is refused" ||
		{ echo "FAIL unknown run: $(cat "$tmp/runlock_unknown.err")"; fail=1; }
fi

# a plan.json of another district is refused
"$exe" plan "$src/examples/tiny" --out "$tmp/tiny" -q 2>/dev/null
if [ -f "$tmp/tiny/plan.json" ] && plan other_district 2 "$dist" --keep "$tmp/tiny/plan.json" --out "$tmp/x"; then
	grep -q 'another district' "$tmp/other_district.err" && echo "ok another district is refused" ||
		{ echo "FAIL another district: $(cat "$tmp/other_district.err")"; fail=1; }
fi
# a short fleet whose runs the smaller buses split (split.c): the week
# numbers the parts after the session runs, and a re-plan read their
# earlier buses by origin past the end of its table (a heap overflow and a
# crash, 2026-12-06, found by a trial map's slower roads); now it plans,
# the children it cannot carry listed with their reasons, and the plan
# holds, every changed call with its reason (the checker with --keep)
plan split_term 0 "$dist" --out "$tmp/split_term" || true
mkdir -p "$tmp/split"
{
	head -n 1 "$dist/fleet.csv"
	grep -E '^(Хайгер-09|ГАЗель-07|ГАЗель-10),' "$dist/fleet.csv"
} >"$tmp/split/fleet.csv"
printf 'include = %s/plan.conf\nfleet = fleet.csv\n' "$dist" >"$tmp/split/plan.conf"
if plan split_keep 3 "$tmp/split" --keep "$tmp/split_term/plan.json" --out "$tmp/split.out"; then
	checkplan split_keep "$tmp/split" "$tmp/split.out" --keep "$tmp/split_term"
	# Детсад № 5's Friday calls there stayed on Хайгер-09, home went with
	# ГАЗель-11: the children taken there only when brought home, the calls
	# there go with their other leg (the checker once called them changed
	# without a reason)
	grep -q ' [1-9][0-9]* with their other leg' "$tmp/split_keep.chk" ||
		{ echo "FAIL split_keep: no call went with its other leg: $(grep -- '--keep:' "$tmp/split_keep.chk")"; fail=1; }
	# changes.html is for families: a leg gone with its other way says so
	# in their words, without the coordinator's riders.csv hint
	grep -q 'нет рейса \(домой, поэтому детей не везут и на занятие\|на занятие, поэтому нет и рейса домой\)' \
		"$tmp/split.out/print/changes.html" && ! grep -q 'riders.csv' "$tmp/split.out/print/changes.html" &&
		echo "ok split_keep: changes.html gives a leg gone with its other way in families' words" ||
		{ echo "FAIL split_keep: changes.html: $(grep -o 'why">[^<]*' "$tmp/split.out/print/changes.html" | sort | uniq -c)"; fail=1; }
fi
exit $fail
