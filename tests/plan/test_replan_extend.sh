#!/usr/bin/env bash
# test_replan_extend.sh CHECKER - a re-plan's new children on the earlier
# runs, and the plan made anew as its alternative (issue 10), on a term for
# the shared real map north-bayreuth-2014 (tests/plan/data/bayreuth;
# skipped when ../shared is absent). Mid-term, 3 children of Gemein join
# football and 2 of Sandreuth kindergarten Ramsenthal.
#   - --keep: Gemein's children ride the earlier football runs (the same
#     run ids, every other stop of those runs at its earlier second,
#     counted here from the two timetable.csv); no child of the earlier
#     plan changes time or bus (replan_check.py, changes.csv against the
#     two plan.json); the checker accepts it with --keep. Before
#     keep_extend.c Gemein got runs of its own.
#   - Keeping still takes a bus more on Mon-Fri (Sandreuth's way home does
#     not fit an earlier run), and the plan made anew needs none:
#     replan.alternative offers it (summary.txt says so);
#     keep_priority = buses takes it, and on those days it needs exactly
#     buses_saved fewer buses, changes exactly children_changed children
#     (from its changes.csv), and the checker accepts it.
. "$(dirname "$0")/shared_term.sh" bayreuth north-bayreuth-2014.osm.gz replan_extend "$@"
here=$(cd "$(dirname "$0")" && pwd)
plan term "$dir" || exit 1
more_term # the term mid-way: $tmp/more
plan kept "$tmp/more" --keep "$tmp/term/plan.json" || exit 1
plan taken "$tmp/more" --keep "$tmp/term/plan.json" --keep-priority buses || exit 1

python3 "$here/replan_check.py" changes "$tmp/term/plan.json" "$tmp/kept/plan.json" \
	"$tmp/kept/changes.csv" >"$tmp/rc1" || { bad "replan_check (kept)"; cat "$tmp/rc1"; }
python3 "$here/replan_check.py" changes "$tmp/term/plan.json" "$tmp/taken/plan.json" \
	"$tmp/taken/changes.csv" >"$tmp/rc2" || { bad "replan_check (taken)"; cat "$tmp/rc2"; }
"$checker" "$tmp/more" "$tmp/kept" --keep "$tmp/term" >"$tmp/chk1" 2>&1 ||
	{ bad "the checker rejects the kept plan"; tail -5 "$tmp/chk1"; }
"$checker" "$tmp/more" "$tmp/taken" >"$tmp/chk2" 2>&1 ||
	{ bad "the checker rejects the plan taken"; tail -5 "$tmp/chk2"; }
grep -q 'без лишнего автобуса в ' "$tmp/kept/summary.txt" || bad "summary.txt lacks the alternative"
# the families' page names a weekday run's days as a range, as the village pages do
grep -q '<td>Пн–Пт</td>' "$tmp/kept/print/changes.html" || bad "changes.html: no 'Пн–Пт' day range"
grep -q '<p class="alt">без лишнего автобуса в ' "$tmp/kept/print/changes.html" ||
	bad "changes.html does not offer the alternative"

python3 - "$tmp/term" "$tmp/kept" "$tmp/taken" <<'PY' || fail=1
import csv, json, sys
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
old_dir, kept_dir, taken_dir = sys.argv[1:4]
def rows(d):
    return list(csv.DictReader(open(d + "/timetable.csv", encoding="utf-8")))
old, kept = rows(old_dir), rows(kept_dir)
bad = 0
gemein = [r for r in kept if r["stop_name"] == "Gemein"]
old_runs = {(r["days"], r["run"]) for r in old if r["session"] == "Футбол"}
if not gemein or any((r["days"], r["run"]) not in old_runs for r in gemein):
    print("FAIL Gemein's children are not on the earlier football runs: %s"
          % sorted({r["run"] for r in gemein}))
    bad = 1
else:
    print("ok Gemein rides the earlier runs %s" % sorted({r["run"] for r in gemein}))
times = {(r["days"], r["run"], r["stop_id"]): (r["arrival"], r["departure"], r["bus"]) for r in old}
# every other stop of the earlier runs at its time and on its bus: a
# pickup's arrival and departure, a destination's arrival (to the session)
# or departure (home); the bus's other end there may move
strict = []
for r in kept:
    k = (r["days"], r["run"], r["stop_id"])
    if k not in times or r["stop_name"] == "Gemein":
        continue
    a, d, b = times[k]
    dest = r["stop_name"] == r["destination"]
    if dest:
        same = (r["arrival"] == a) if int(r["alight"]) > 0 else (r["departure"] == d)
    else:
        same = (r["arrival"], r["departure"]) == (a, d)
    if not same or r["bus"] != b:
        strict.append(k)
if strict:
    print("FAIL stops of the earlier runs moved: %s" % strict[:5])
    bad = 1
kj = json.load(open(kept_dir + "/plan.json"))
if kj["replan"]["changed_children"] != 0:
    print("FAIL the kept plan changes %d children" % kj["replan"]["changed_children"])
    bad = 1
sys.exit(bad)
PY
python3 "$here/replan_check.py" alternative "$tmp/kept/plan.json" "$tmp/taken/plan.json" \
	"$tmp/taken/changes.csv" "$tmp/term/plan.json" || fail=1
exit $fail
