#!/usr/bin/env bash
# test_split_groups.sh CHECK_PLAN - a run the buses free at its time cannot
# seat whole is split over two of them (split.c) by whole villages where
# they fit so: on the bundled district's map, Назарово's 14 and Липки's 5
# ride to football on one run of the 22-seat ПАЗ; mid-term the ПАЗ is
# swapped for a 16-seat one (a re-plan, --keep): the kept run no longer
# fits, and the two 16-seat buses take Назарово's 14 and Липки's 5, each
# village on one bus, there and back. (It cut a village: 16 in the
# run's order of stops on one bus and 3 on the other, the way back
# another cut, so that some children came home on another bus.) The
# independent checker accepts the plan. The changes page says why a
# village's bus changed ("в прежнем автобусе теперь меньше мест";
# changes.csv `cause` bus_smaller), and after the session moved to 16:30,
# "у занятия новое время" (session_time).
. "$(dirname "$0")/district_term.sh" splitgroups "$@"
printf 'session,destination,days,start,end\nФутбол,Стадион «Колос»,"Mon,Wed",16:00,17:30\n' >"$d/sessions.csv"
printf 'pickup,session,children\nНазарово,Футбол,14\nЛипки,Футбол,5\n' >"$d/riders.csv"
printf 'bus,depot,seats\nПАЗ-01,Автопарк «Райавто»,22\nГАЗель-2,Автопарк «Райавто»,16\n' >"$d/fleet.csv"
"$exe" plan "$d" --out "$tmp/o0" -q 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] || { bad "plan exit $rc: $(cat "$tmp/err")"; exit 1; }
grep -q ",ПАЗ-01,.*,Назарово,.*,14,0,Футбол," "$tmp/o0/timetable.csv" &&
	grep -q ",ПАЗ-01,.*,Липки,.*,5,0,Футбол," "$tmp/o0/timetable.csv" ||
	bad "the first plan does not take both villages on the ПАЗ"
sed -i 's/^ПАЗ-01,\(.*\),22$/ПАЗ-01,\1,16/' "$d/fleet.csv"
"$exe" plan "$d" --keep "$tmp/o0/plan.json" --out "$tmp/o" -q 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] || { bad "re-plan exit $rc: $(cat "$tmp/err")"; exit 1; }
"$checker" "$d" "$tmp/o" --keep "$tmp/o0" >"$tmp/check" 2>&1 && ok "the checker accepts the re-plan" ||
	bad "check_plan: $(grep -v note "$tmp/check" | tail -4)"
python3 - "$tmp/o/timetable.csv" <<'PY' || fail=1
import collections, csv, os, sys
sys.path.insert(0, os.path.join(os.environ["SR_SOURCE_DIR"], "tests/plan"))
from checks import check, done
buses = collections.defaultdict(set)  # (day, village, way) -> buses
kids = collections.Counter()
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if r["stop_name"] == r["destination"]:
        continue
    way = "to" if int(r["board"]) else "home"
    for day in r["days"].split(","):
        buses[(day, r["stop_name"], way)].add(r["bus"])
        kids[(day, r["stop_name"], way)] += int(r["board"]) + int(r["alight"])
for day in ("Mon", "Wed"):
    for v, n in (("Назарово", 14), ("Липки", 5)):
        b = buses[(day, v, "to")] | buses[(day, v, "home")]
        check(kids[(day, v, "to")] == n and kids[(day, v, "home")] == n and len(b) == 1,
              "%s, %s: %d children on one bus both ways: %s" % (day, v, n, sorted(b)))
done()
PY
python3 - "$tmp/o/changes.csv" "$tmp/o/print/changes.html" bus_smaller "в прежнем автобусе теперь меньше мест" <<'PY' || fail=1
import csv, os, sys
sys.path.insert(0, os.path.join(os.environ["SR_SOURCE_DIR"], "tests/plan"))
from checks import check, done
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
moved = [r for r in rows if r["kind"] == "changed"]
check(moved and all(r["cause"] == sys.argv[3] for r in moved),
      "changes.csv: every changed row's cause is %s: %s" % (sys.argv[3], [(r["village"], r["cause"]) for r in moved]))
page = open(sys.argv[2], encoding="utf-8").read()
check(page.count(sys.argv[4]) == len(moved), "changes.html says why on each: %s" % sys.argv[4])
done()
PY
# the session moved half an hour later: every call changes, and says why
sed -i 's/,16:00,17:30$/,16:30,18:00/' "$d/sessions.csv"
"$exe" plan "$d" --keep "$tmp/o/plan.json" --out "$tmp/o2" -q 2>"$tmp/err2"
rc=$?
[ $rc -eq 0 ] || bad "re-plan at 16:30: exit $rc: $(cat "$tmp/err2")"
python3 - "$tmp/o2/changes.csv" "$tmp/o2/print/changes.html" session_time "у занятия новое время" <<'PY' || fail=1
import csv, os, sys
sys.path.insert(0, os.path.join(os.environ["SR_SOURCE_DIR"], "tests/plan"))
from checks import check, done
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
moved = [r for r in rows if r["kind"] == "changed"]
check(len(moved) == 4 and all(r["cause"] == sys.argv[3] for r in moved),
      "changes.csv: the 4 calls changed, each %s: %s" % (sys.argv[3], [(r["village"], r["cause"]) for r in moved]))
page = open(sys.argv[2], encoding="utf-8").read()
check(page.count(sys.argv[4]) == len(moved), "changes.html says why on each: %s" % sys.argv[4])
done()
PY
exit $fail
