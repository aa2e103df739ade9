#!/usr/bin/env bash
# test_replan.sh CHECKER - re-planning with --keep and locks.csv on the
# bundled district (examples/district) and its re-plan scenario
# (examples/district-replan: 4 children of Ильинка join football), checked
# by replan_check.py (its own reading of plan.json and changes.csv) and by
# the independent plan checker:
#   - the plan kept against itself changes nothing (and is the same plan);
#   - with one village added, only that village's session changes, and
#     changes.csv lists exactly what the two plans' outputs differ in;
#   - locks are honoured where plan.json says so, and a lock that cannot be
#     kept is reported, not dropped;
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
plan term 0 "$dist" --out "$tmp/term" || exit 1

# the same plan kept against itself: nothing changes
if plan self 0 "$dist" --keep "$tmp/term/plan.json" --out "$tmp/self"; then
	check self_zero changes "$tmp/term/plan.json" "$tmp/self/plan.json" "$tmp/self/changes.csv" --zero
	cmp -s "$tmp/term/timetable.csv" "$tmp/self/timetable.csv" &&
		echo "ok self: the same timetable" || { echo "FAIL self: the timetable differs"; fail=1; }
fi

# one village added: only its session changes
if plan replan 0 "$src/examples/district-replan" --keep "$tmp/term/plan.json" --out "$tmp/replan"; then
	added=$(diff <(tail -n +2 "$dist/riders.csv") <(tail -n +2 "$src/examples/district-replan/riders.csv") |
		sed -n 's/^> //p' | cut -d, -f2 | sort -u | paste -sd,)
	check replan_only_added changes "$tmp/term/plan.json" "$tmp/replan/plan.json" \
		"$tmp/replan/changes.csv" --only-sessions "$added"
	grep -q ',new$' "$tmp/replan/changes.csv" || { echo "FAIL replan: the new group is not listed"; fail=1; }
	[ -s "$tmp/replan/print/changes.html" ] || { echo "FAIL replan: no print/changes.html"; fail=1; }
	# the plan checker reads a plan.conf without include: the scenario flattened
	mkdir -p "$tmp/flat"
	printf 'map = %s\nsessions = %s\nriders = %s\nfleet = %s\n' "$src/maps/district.osm" \
		"$dist/sessions.csv" "$src/examples/district-replan/riders.csv" "$dist/fleet.csv" >"$tmp/flat/plan.conf"
	"$checker" "$tmp/flat" "$tmp/replan" >"$tmp/replan.chk" 2>&1 &&
		echo "ok replan: the plan checker accepts it" || { echo "FAIL replan: checker"; tail -5 "$tmp/replan.chk"; fail=1; }
fi

# a bus breaks down: only the children it carried change
mkdir -p "$tmp/broken"
grep -v '^КАвЗ-08,' "$dist/fleet.csv" >"$tmp/broken/fleet.csv"
printf 'include = %s/plan.conf\nfleet = fleet.csv\n' "$dist" >"$tmp/broken/plan.conf"
if plan broken 0 "$tmp/broken" --keep "$tmp/term/plan.json" --out "$tmp/broken.out"; then
	check broken_bus changes "$tmp/term/plan.json" "$tmp/broken.out/plan.json" \
		"$tmp/broken.out/changes.csv" --only-old-bus КАвЗ-08
	[ "$(wc -l <"$tmp/broken.out/changes.csv")" -gt 1 ] || { echo "FAIL broken: no change"; fail=1; }
fi

# locks: Петровка's football children onto ПАЗ-02 (not their bus in the
# term's plan), Липки's swimmers onto Хайгер-12, and a bus too small for
# its group's run (ГАЗель-07 has 12 seats, Назарово sends 13): not kept
printf 'session,pickup,bus\nФутбол,Петровка,ПАЗ-02\nПлавание,Липки,Хайгер-12\nФутбол,Назарово,ГАЗель-07\n' >"$tmp/locks.csv"
if plan locks 0 "$dist" --locks "$tmp/locks.csv" --keep "$tmp/term/plan.json" --out "$tmp/locked"; then
	check locks_honoured locks "$tmp/locked" "$tmp/locks.csv" --expect-kept 2
	check locks_changes changes "$tmp/term/plan.json" "$tmp/locked/plan.json" "$tmp/locked/changes.csv"
	grep -q 'line 4' "$tmp/locked/summary.txt" || grep -q 'строка 4' "$tmp/locked/summary.txt" ||
		{ echo "FAIL locks: the lock not kept is not in summary.txt"; fail=1; }
fi
if plan locks_fresh 0 "$dist" --locks "$tmp/locks.csv" --out "$tmp/locked2"; then
	check locks_without_keep locks "$tmp/locked2" "$tmp/locks.csv" --expect-kept 2
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
	python3 - "$tmp/term/plan.json" "$tmp/rl/plan.json" <<'PY' && echo "ok run R1 kept as it was" || fail=1
import json, sys
old, new = (json.load(open(f, encoding="utf-8")) for f in sys.argv[1:])
def run(p, rid):
    return [(r["bus"], [(s["point"], s["arrival"][:5]) for s in r["stops"]])
            for pat in p["patterns"] for r in pat["runs"] if r["id"] == rid]
ok = new["locks"][0]["kept"] and run(old, "R1") and run(old, "R1") == run(new, "R1")
print("" if ok else "FAIL run lock R1: %s / %s" % (run(old, "R1"), new["locks"]))
sys.exit(0 if ok else 1)
PY
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
exit $fail
