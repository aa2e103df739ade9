#!/usr/bin/env bash
# test_home_elsewhere.sh CHECK_PLAN - children taken from school after
# lessons to the section and brought home to their villages: riders.csv's
# `home` (Russian "Домой") names where a row's children go home when that
# is not where they board. On the bundled district's map:
# - the school's children ride to football and each village's home, the
#   independent checker agreeing (every child taken is brought home: its
#   check_halves), as one group each: the children counted once;
# - the village's page says where its children come from ("туда — от
#   Средняя школа № 1", where it said "туда без автобуса (только
#   обратно)"), the school's page where they go ("обратно — домой: …"),
#   and the stadium's page lists no one-way group;
# - a half that cannot ride takes its other half with it (a child is not
#   taken from school when no bus brings it home), the unserved counted
#   once, with a reason without the riders.csv `direction` hint;
# - a re-plan keeps the halves together (the checker with --keep);
# - `home` with a one-way `direction` is an error naming the cell.
. "$(dirname "$0")/district_term.sh" homeels "$@"
printf 'session,destination,days,start,end\nФутбол,Стадион «Колос»,"Mon,Wed",16:00,17:30\n' >"$d/sessions.csv"
printf 'Пункт посадки;Занятие;Детей;Домой;Примечание\nСредняя школа № 1;Футбол;6;Назарово;после уроков\nСредняя школа № 1;Футбол;4;Липки;после уроков\nПетровка;Футбол;3;;\n' >"$d/riders.csv"
head -4 "$src/examples/district/fleet.csv" >"$d/fleet.csv"
# the run lists: children.csv gives a child's home village; the child is on
# the list of the run there at the school and of the run home to the village
printf 'children = children.csv\n' >>"$d/plan.conf"
printf 'child,pickup,session\nКозлов Дима,Назарово,Футбол\n' >"$d/children.csv"
# the checker reads English headers
printf 'pickup,session,children,home,note\nСредняя школа № 1,Футбол,6,Назарово,после уроков\nСредняя школа № 1,Футбол,4,Липки,после уроков\nПетровка,Футбол,3,,\n' >"$d/riders-en.csv"
"$exe" plan "$d" --out "$tmp/o" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] || { bad "plan exit $rc: $(cat "$tmp/err")"; exit 1; }
sed -i 's/^riders = .*/riders = riders-en.csv/' "$d/plan.conf"
"$checker" "$d" "$tmp/o" >"$tmp/check" 2>&1 && ok "the checker accepts the plan" ||
	bad "check_plan: $(grep -v note "$tmp/check" | tail -4)"
python3 - "$tmp/o" <<'PY' || fail=1
import csv, json, os, re, sys
sys.path.insert(0, os.path.join(os.environ["SR_SOURCE_DIR"], "tests/plan"))
from checks import check, done
out = sys.argv[1]
pj = json.load(open(os.path.join(out, "plan.json"), encoding="utf-8"))
pts = {p["id"]: p["name"] for p in pj["points"]}
halves = [(r["line"], pts[r["pickup"]], r["direction"], pts.get(r["pair_pickup"])) for r in pj["riders"]]
check(halves[:4] == [(2, "Средняя школа № 1", "to", "Назарово"), (2, "Назарово", "from", "Средняя школа № 1"),
                     (3, "Средняя школа № 1", "to", "Липки"), (3, "Липки", "from", "Средняя школа № 1")],
      "plan.json: each row a trip there from the school and one home, paired: %s" % halves[:4])
# the timetable: 10 board at the school, 6 alight at Назарово and 4 at Липки, each day
tt = list(csv.DictReader(open(os.path.join(out, "timetable.csv"), encoding="utf-8")))
for day in ("Mon", "Wed"):
    on = lambda name, col: sum(int(r[col]) for r in tt if day in r["days"].split(",") and r["stop_name"].startswith(name)
                               and r["stop_name"] != r["destination"])
    check((on("Средняя школа № 1", "board"), on("Назарово", "alight"), on("Липки", "alight"),
           on("Назарово", "board"), on("Средняя школа № 1", "alight")) == (10, 6, 4, 0, 0),
          "%s: 10 taken from school, 6 home to Назарово and 4 to Липки" % day)
pages = {f: open(os.path.join(out, "print", f), encoding="utf-8").read()
         for f in os.listdir(os.path.join(out, "print"))}
naz = next(h for f, h in pages.items() if f.startswith("village-") and "<h1>Назарово" in h)
school = next(h for f, h in pages.items() if f.startswith("village-") and "<h1>Средняя школа № 1" in h)
check("<i>туда — от Средняя школа № 1</i>" in naz and "без автобуса" not in naz,
      "Назарово's page: there from the school (not 'no bus there')")
check("<i>обратно — домой: Назарово, Липки</i>" in school and "без автобуса" not in school,
      "the school's page: home to Назарово, Липки")
stad = next(h for f, h in pages.items() if f.startswith("dest-") and "<h1>Стадион «Колос»" in h)
check("без автобуса" not in stad, "the stadium's page lists no one-way group")
s = open(os.path.join(out, "summary.txt"), encoding="utf-8").read()
check("не обслужено детей:   0, групп: 0" in s, "all served")
# home by the bus that took them: the school's 10 are a round trip of the
# run from school and the runs home to Назарово and Липки (were not
# counted: 6 of 6, Петровка's alone); one run takes Петровка's 3 and the
# school's 10 there, one bus can bring home either: the school's (20 of
# 26 over the two days, the most there is; the checker counts alike)
wk = pj["week"]
check((wk["round_trips"], wk["round_trips_same_bus"]) == (26, 20),
      "round trips on the same bus, the school's counted: %s of %s" % (wk["round_trips_same_bus"], wk["round_trips"]))
lists = pages["lists.html"]
rows = re.findall(r"<td>Козлов Дима</td><td>[^<]*</td><td>([^<]*)</td>", lists)
check(sorted(rows) == ["Назарово", "Средняя школа № 1"],
      "Козлов Дима on the list at the school (there) and at Назарово (home): %s" % rows)
done()
PY

# a re-plan mid-term: two more children from school home to Назарово and
# three home to Воронино, none to Липки any more; the kept runs and the new
# ones together bring home every child taken (the checker, --keep)
printf 'pickup,session,children,home,note\nСредняя школа № 1,Футбол,8,Назарово,после уроков\nСредняя школа № 1,Футбол,3,Воронино,\nПетровка,Футбол,3,,\n' >"$d/riders-en.csv"
"$exe" plan "$d" --keep "$tmp/o/plan.json" --out "$tmp/re" 2>"$tmp/err-re"
rc=$?
[ $rc -eq 0 ] || bad "re-plan exit $rc: $(cat "$tmp/err-re")"
"$checker" "$d" "$tmp/re" --keep "$tmp/o" >"$tmp/check-re" 2>&1 && ok "the checker accepts the re-plan" ||
	bad "check_plan --keep: $(grep -v note "$tmp/check-re" | tail -4)"

# a re-plan where Назарово's 6 may ride 12 minutes: no run home can take
# them (29 minutes at the least), while the kept run from school still
# could: they are not taken from school either (were: 10 taken, 4 brought
# home), Липки's 4 still ride both ways, 6 left out, counted where they
# board; the checker, which reads a row's changed limit as a change of
# its session, agrees
printf 'pickup,session,children,home,note,max_ride_min\nСредняя школа № 1,Футбол,6,Назарово,после уроков,12\nСредняя школа № 1,Футбол,4,Липки,после уроков,\nПетровка,Футбол,3,,,\n' >"$d/riders-en.csv"
"$exe" plan "$d" --keep "$tmp/o/plan.json" --out "$tmp/re2" 2>"$tmp/err-re2"
rc=$?
[ $rc -eq 3 ] || bad "re-plan with a half that cannot ride: exit $rc (want 3): $(cat "$tmp/err-re2")"
"$checker" "$d" "$tmp/re2" --keep "$tmp/o" >"$tmp/check-re2" 2>&1 && ok "the checker accepts the re-plan with a half left out" ||
	bad "check_plan --keep: $(grep -v note "$tmp/check-re2" | tail -4)"
grep -q "^не обслужено детей:   6, групп: 1" "$tmp/re2/summary.txt" &&
	grep -q ",Средняя школа № 1,.*,4,0,Футбол," "$tmp/re2/timetable.csv" &&
	grep -q ",Липки,.*,0,4,Футбол," "$tmp/re2/timetable.csv" &&
	ok "re-plan: Назарово's 6 not taken from school, 6 left out; Липки's 4 both ways" ||
	bad "re-plan: $(grep 'не обслужено' "$tmp/re2/summary.txt"); $(grep -c 'Средняя школа' "$tmp/re2/timetable.csv")"

# Воронино's 4 may ride 1 minute: the school's stop takes the strictest
# limit, so none of its 10 is taken; Назарово's 6 then have no ride home
# either (other_leg, the pair's reason); 10 children left out, counted
# where they board, Липки's own group served; the checker agreeing
printf 'pickup,session,children,home,note,max_ride_min\nСредняя школа № 1,Футбол,6,Назарово,после уроков,\nЛипки,Футбол,3,,,\nСредняя школа № 1,Футбол,4,Воронино,,1\n' >"$d/riders-en.csv"
"$exe" plan "$d" --out "$tmp/o2" 2>"$tmp/err2"
rc=$?
[ $rc -eq 3 ] || bad "plan with a half that cannot ride: exit $rc (want 3): $(cat "$tmp/err2")"
"$checker" "$d" "$tmp/o2" >"$tmp/check2" 2>&1 && ok "the checker accepts the plan with a half left out" ||
	bad "check_plan: $(grep -v note "$tmp/check2" | tail -4)"
grep -q "^не обслужено детей:   10, групп: 1" "$tmp/o2/summary.txt" && ok "10 children left out, counted once" ||
	bad "summary: $(grep 'не обслужено' "$tmp/o2/summary.txt")"
grep -q "direction = " "$tmp/o2/summary.txt" && bad "the reason hints at riders.csv direction" ||
	ok "no direction hint for a row with a home elsewhere"
grep -q "Назарово, занятие Футбол, домой, Пн, Ср: детей не везут на занятие оттуда, где они садятся" "$tmp/o2/summary.txt" &&
	! grep -q ",Назарово,.*,0,6,Футбол," "$tmp/o2/timetable.csv" && grep -q ",Липки,.*,0,3,Футбол," "$tmp/o2/timetable.csv" &&
	ok "Назарово's 6 not brought home (not taken), Липки's own 3 served" ||
	bad "Назарово's home half: $(grep 'Назарово' "$tmp/o2/summary.txt")"

# the school is also a session's destination (its lessons, read first in
# sessions.csv): the children it sends to football after lessons still
# have the school's pickup page ("обратно — домой: …", when the bus
# leaves), and the stadium's page says where the run comes from (both were
# missing: the point counted as a destination only)
printf 'session,destination,days,start,end\nУроки,Средняя школа № 1,Mon-Fri,08:00,13:00\nФутбол,Стадион «Колос»,"Mon,Wed",16:00,17:30\n' >"$d/sessions.csv"
printf 'pickup,session,children,home,note\nПетровка,Уроки,5,,\nСредняя школа № 1,Футбол,6,Назарово,после уроков\nСредняя школа № 1,Футбол,4,Липки,\n' >"$d/riders-en.csv"
"$exe" plan "$d" --out "$tmp/o4" 2>"$tmp/err4"
rc=$?
[ $rc -eq 0 ] || bad "plan with the school a destination too: exit $rc: $(cat "$tmp/err4")"
"$checker" "$d" "$tmp/o4" >"$tmp/check4" 2>&1 && ok "the checker accepts the plan with the school a destination too" ||
	bad "check_plan: $(grep -v note "$tmp/check4" | tail -4)"
python3 - "$tmp/o4/print" <<'PY' || fail=1
import os, re, sys
sys.path.insert(0, os.path.join(os.environ["SR_SOURCE_DIR"], "tests/plan"))
from checks import check, done
pages = {f: open(os.path.join(sys.argv[1], f), encoding="utf-8").read() for f in os.listdir(sys.argv[1])}
school = [h for f, h in pages.items() if f.startswith("village-") and "<h1>Средняя школа № 1" in h]
check(len(school) == 1 and "<i>обратно — домой: Назарово, Липки</i>" in school[0],
      "the school, a destination too, has its pickup page: home to Назарово, Липки")
vfile = [f for f, h in pages.items() if f.startswith("village-") and "<h1>Средняя школа № 1" in h]
dest = [h for f, h in pages.items() if f.startswith("dest-") and "<h1>Средняя школа № 1" in h]
check(len(dest) == 1 and len(vfile) == 1 and 'едут на другие занятия: <a href="%s">' % vfile[0] in dest[0],
      "… and its destination page, which names the pickup's page")
stad = next(h for f, h in pages.items() if f.startswith("dest-") and "<h1>Стадион «Колос»" in h)
check(re.search(r"<td>Средняя школа № 1 \(10\)</td>", stad) is not None,
      "the stadium's page: the run from the school (10)")
check("<h1>Средняя школа № 1" in pages["villages.html"], "the school in the pickups' book")
done()
PY

# `home` with a one-way direction is an error naming the cell
printf 'pickup,session,children,home,direction\nСредняя школа № 1,Футбол,6,Назарово,to\n' >"$d/riders-en.csv"
LC_ALL=C.UTF-8 "$exe" plan "$d" --out "$tmp/o3" 2>"$tmp/err3"
rc=$?
[ $rc -eq 2 ] && grep -q "riders-en.csv:2:4: a row that brings its children home elsewhere ('Назарово') goes both ways" "$tmp/err3" &&
	ok "home with direction = to: an error at the cell" || bad "exit $rc: $(cat "$tmp/err3")"
exit $fail
