#!/usr/bin/env bash
# test_replan_grow.sh CHECKER - a re-plan where two groups grow on one bus's
# day (data/li_grow, the shared liechtenstein-2021 map; skipped without
# it). Mid-term 3 more children of Steg join the school and 8 of Planken
# the swimming. Each fits a kept run of ПАЗ-2 alone (Steg before its
# first stop in the morning, Planken before and after the swimming runs
# in the evening), but together they would stretch its Tue/Thu day past
# the 12-hour shift.
# - No child of the earlier plan changes time or bus (replan_check.py
#   moved, from the two plan.json): before keep_extend.c checked each
#   extension against the day as the earlier ones left it, the re-plan
#   made that day anew and moved 56 children of the kindergarten and the
#   swimming (it said 65).
# - Steg's 6 earlier children still ride where they did (the ГАЗель at
#   07:44), the 3 new ones on another run; changes.csv agrees with the two
#   plans (replan_check.py changes), and the families' page says which of
#   Steg's runs carries how many.
# - The independent checker accepts the re-plan with --keep.
set -u
. "$(dirname "$0")/shared_term.sh" li_grow liechtenstein-2021.osm.gz replan_grow "$@"
here=$(cd "$(dirname "$0")" && pwd)
plan term "$dir" || exit 1
more_term # the term mid-way: $tmp/more
plan kept "$tmp/more" --keep "$tmp/term/plan.json" || exit 1

python3 "$here/replan_check.py" moved "$tmp/term/plan.json" "$tmp/kept/plan.json" 0 || fail=1
python3 "$here/replan_check.py" changes "$tmp/term/plan.json" "$tmp/kept/plan.json" \
	"$tmp/kept/changes.csv" >"$tmp/rc" || { bad "replan_check changes"; cat "$tmp/rc"; }
"$checker" "$tmp/more" "$tmp/kept" --keep "$tmp/term" >"$tmp/chk" 2>&1 ||
	{ bad "the checker rejects the re-plan"; tail -5 "$tmp/chk"; }
grep -q 'детей прежнего плана с другим временем или автобусом: 0;' "$tmp/kept/summary.txt" ||
	bad "summary.txt does not say 0 children of the earlier plan changed"
# Steg's calls on the families' page: each run with its children
python3 - "$tmp/term" "$tmp/kept" <<'PY' || fail=1
import csv, re, sys
old_dir, new_dir = sys.argv[1:3]
def steg(d):
    calls = {}
    for r in csv.DictReader(open(d + "/timetable.csv", encoding="utf-8")):
        if r["stop_name"] == "Steg" and r["session"] == "Школа Триезен" and \
                int(r["board"]) > 0 and "Fri" in r["days"].split(","):
            calls[(r["departure"][:5], r["bus"])] = calls.get((r["departure"][:5], r["bus"]), 0) + int(r["board"])
    return calls
old, new = steg(old_dir), steg(new_dir)
bad = 0
# the earlier 6 where they were (else replan_check moved above fails), 9 now
if sum(old.values()) != 6 or sum(new.values()) != 9 or any(new.get(k, 0) < n for k, n in old.items()):
    print("FAIL Steg's school calls: earlier %s, now %s" % (old, new))
    bad = 1
page = open(new_dir + "/print/changes.html", encoding="utf-8").read()
text = re.sub(r"<[^>]+>", "", page)  # the cell's words, whatever its markup
for (t, b), n in new.items():
    if len(new) > 1 and "%s %s (детей: %d)" % (t, b, n) not in text:
        print("FAIL changes.html lacks Steg's call %s %s with %d children" % (t, b, n))
        bad = 1
if not bad:
    print("ok Steg: earlier %s, now %s" % (old, new))
sys.exit(bad)
PY
exit $fail
