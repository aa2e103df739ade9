#!/usr/bin/env bash
# test_session_parts.sh - a session held at other times on some days: the
# rows of one name in sessions.csv on days apart (football Mon/Fri 16:00
# and Wed 17:00; the kindergarten Mon-Thu until 17:00 and on its short
# Friday until 13:00) are one session of parts, as a district office writes
# its week. It was refused ("session 'Футбол' is listed twice", with the
# example 'Футбол Ср' said of every session), and the way out, a name of
# its own for each part, made the office write its children twice and
# showed the families two sessions. On the bundled district's map:
# - riders.csv names the session once and its children ride on every part's
#   days, timed to that part's start (the independent checker: each child
#   both ways on every day, windows, ride limits, and the children left out
#   counted once a group, not once a part);
# - the parts are "Футбол (Пн, Пт)" and "Футбол (Ср)" in plan.json (with
#   the name), the timetable and the pages; a riders row may name one part;
# - a village's page gives the session one table, a row for each part's
#   days, under "Занятие Футбол, Пн, Пт 16:00–17:30, Ср 17:00–18:30"; the
#   destination's page heads each part "Занятие Футбол: Ср, 17:00–18:30",
#   and the index says "Стадион «Колос» — Футбол";
# - GTFS has one route "Футбол", its trips on each part's services;
# - a part's run and the other part's run with the same children keep one
#   bus where the fleet allows (the kindergarten's Friday);
# - children.csv and locks.csv name the session and hold on every part;
# - a batch counts the children once (region.csv children);
# - a re-plan moving a part to another day says of the old day's calls
#   "not_on_day" (the session is still there), not "session_removed";
# - in English the parts are "Football (Mon)"; a part at another
#   destination has a table of its own on the village's page;
# - rows of one name whose days overlap are an error naming both the row
#   and the days, and a part's name taken by another row is an error too.
. "$(dirname "$0")/district_term.sh" sparts "$@"
printf 'children = children.csv\nlocks = locks.csv\n' >>"$d/plan.conf"
cat >"$d/sessions.csv" <<'CSV'
session,destination,days,start,end,max_ride_min
Футбол,Стадион «Колос»,"Mon,Fri",16:00,17:30,
Плавание,Бассейн «Чайка»,"Tue,Thu",17:30,18:30,50
Футбол,Стадион «Колос»,Wed,17:00,18:30,
Детсад № 1,Детский сад № 1 «Журавушка»,Mon-Thu,08:00,17:00,40
Детсад № 1,Детский сад № 1 «Журавушка»,Fri,08:00,13:00,40
CSV
cat >"$d/riders.csv" <<'CSV'
pickup,session,children,max_ride_min,note
Петровка,Футбол,3,,начинающие
Назарово,Футбол,13,,
Липки,Футбол,7,,
Николаевка,Футбол (Ср),11,,только по средам
Куликово,Футбол,6,1,
Липки,Плавание,10,,
Борки,Плавание,12,,
Петровка,Детсад № 1,5,,
Воронино,Детсад № 1,4,,
CSV
head -5 "$src/examples/district/fleet.csv" >"$d/fleet.csv"
printf 'child,pickup,session\nИванов Петя,Петровка,Футбол\nСидорова Маша,Петровка,Футбол\nОрлов Ваня,Николаевка,Футбол\n' >"$d/children.csv"
# a lock of the session on every part, and one of a village that comes on
# Wednesdays only (on that part: it was an error, the village not found in
# the first part's riders)
printf 'session,pickup,bus\nФутбол,Назарово,ПАЗ-02\nФутбол,Николаевка,ПАЗ-03\n' >"$d/locks.csv"

"$exe" plan "$d" --out "$tmp/o" 2>"$tmp/err"
rc=$?
# Куликово's 6 footballers cannot ride 1 minute: unserved, the rest served
[ $rc -eq 3 ] || { bad "plan exit $rc (want 3): $(cat "$tmp/err")"; exit 1; }
"$checker" "$d" "$tmp/o" >"$tmp/check" 2>&1 || { bad "check_plan: $(tail -5 "$tmp/check")"; }
grep -q "6 children left out" "$tmp/check" && ok "the checker: Куликово's 6 left out, once" ||
	bad "the checker counts $(grep -o '[0-9]* children left out' "$tmp/check")"
grep -q "locks: 2 of 2 honoured" "$tmp/check" && ok "the locks of Футбол hold on its parts" ||
	bad "lock: $(grep locks "$tmp/check")"
grep -q "^не обслужено детей:   6, групп: 1" "$tmp/o/summary.txt" && ok "summary: 6 children, 1 group" ||
	bad "summary: $(grep 'не обслужено' "$tmp/o/summary.txt")"
grep -q "соблюдены 2 из 2" "$tmp/o/summary.txt" && ok "summary: 2 of 2 locks (rows, not parts)" ||
	bad "summary locks: $(grep -i 'locks.csv' "$tmp/o/summary.txt")"

python3 - "$tmp/o" <<'PY' || fail=1
import csv, json, os, re, sys
sys.path.insert(0, os.path.join(os.environ["SR_SOURCE_DIR"], "tests/plan"))
from checks import check, done
out = sys.argv[1]
pj = json.load(open(os.path.join(out, "plan.json"), encoding="utf-8"))
ses = {s["id"]: s for s in pj["sessions"]}
check(sorted(ses) == sorted(["Футбол (Пн, Пт)", "Футбол (Ср)", "Плавание",
                             "Детсад № 1 (Пн–Чт)", "Детсад № 1 (Пт)"]),
      "the parts' ids: %s" % sorted(ses))
check(ses["Футбол (Ср)"]["name"] == "Футбол" and ses["Плавание"]["name"] == "Плавание",
      "plan.json names each part's session")
check(ses["Футбол (Ср)"]["start_s"] == 17 * 3600 and ses["Футбол (Пн, Пт)"]["start_s"] == 16 * 3600,
      "each part its own start")
# riders: one riders.csv row, a rider of each part; Николаевка Wednesdays only
lines = {}
for r in pj["riders"]:
    lines.setdefault(r["line"], []).append(r["session"])
check(sorted(lines[2]) == ["Футбол (Пн, Пт)", "Футбол (Ср)"], "Петровка's footballers on both parts")
check(lines[5] == ["Футбол (Ср)"], "Николаевка on the Wednesday part alone")
# the timetable: Петровка's footballers on Mon, Wed and Fri, the Wed bus at
# the stadium before 17:00, the Mon/Fri one before 16:00
arrive = {}
for r in csv.DictReader(open(os.path.join(out, "timetable.csv"), encoding="utf-8")):
    if r["stop_name"] == r["destination"] and r["session"].startswith("Футбол") and int(r["seq"]) > 1:
        for day in r["days"].split(","):
            arrive.setdefault(day, []).append(r["arrival"])
check(sorted(arrive) == ["Fri", "Mon", "Wed"], "football runs on Mon, Wed, Fri: %s" % sorted(arrive))
check(all("15:35" <= t < "16:00" for t in arrive.get("Mon", []) + arrive.get("Fri", [])) and
      all("16:35" <= t < "17:00" for t in arrive.get("Wed", [])),
      "arrivals before each part's start: %s" % arrive)
# the week's steps see a part's run and the other part's run with the same
# children as one run (week.c kin): Воронино's kindergarten children ride
# one bus all week, their short Friday too (the Friday was on another bus)
kg = {}
for r in csv.DictReader(open(os.path.join(out, "timetable.csv"), encoding="utf-8")):
    if r["stop_name"] == "Воронино" and r["session"].startswith("Детсад № 1"):
        for day in r["days"].split(","):
            kg.setdefault(day, set()).add(r["bus"])
check(sorted(kg) == ["Fri", "Mon", "Thu", "Tue", "Wed"] and len(set().union(*kg.values())) == 1,
      "Воронино's kindergarten children on one bus all week: %s" % kg)
# the village page: one table for Футбол, rows Пн, Пт and Ср
page = None
for f in os.listdir(os.path.join(out, "print")):
    if f.startswith("village-"):
        h = open(os.path.join(out, "print", f), encoding="utf-8").read()
        if "<h1>Петровка" in h:
            page = h
check(page is not None, "Петровка has a page")
page = page or ""
check(page.count("Занятие Футбол") == 1 and
      "Занятие Футбол, Пн, Пт <span class=\"t\">16:00&#8211;17:30</span>, Ср <span class=\"t\">17:00&#8211;18:30</span>" in page,
      "one heading for the football with each part's days and times")
foot = page[page.find("Занятие Футбол"):]
foot = foot[:foot.find("</table>")]
rows = re.findall(r"<tr><td class=\"t\">([^<]*)</td>", foot)
check(sorted(sum((x.split(", ") for x in rows), [])) == ["Пн", "Пт", "Ср"] and "Ср" in rows,
      "its table's rows by days, Wednesday's its own: %s" % rows)
dest = ""
for f in os.listdir(os.path.join(out, "print")):
    if f.startswith("dest-"):
        h = open(os.path.join(out, "print", f), encoding="utf-8").read()
        dest = h if "<h1>Стадион «Колос»" in h else dest
check(dest.count("<h2>Занятие Футбол: Пн, Пт, <span") == 1 and dest.count("<h2>Занятие Футбол: Ср, <span") == 1,
      "the stadium's page: the session's name, each part's days")
sheets = "".join(open(os.path.join(out, "print", f), encoding="utf-8").read()
                 for f in sorted(os.listdir(os.path.join(out, "print"))) if f.startswith("bus-"))
check("Занятие: Футбол, <span class=\"t\">17:00&#8211;18:30" in sheets and "Футбол (Ср)" not in sheets,
      "the drivers' sheets name the session, its day's times after it")
index = open(os.path.join(out, "print", "index.html"), encoding="utf-8").read()
check("Стадион «Колос»</a> \u2014 Футбол</li>" in index,
      "the index names the stadium's session once: %s" % re.findall("Колос»</a>[^<]*", index))
check("Детсад № 1, Пн–Чт <span" in page and ", Пт <span class=\"t\">08:00&#8211;13:00" in page,
      "the kindergarten's short Friday in its heading")
# GTFS: one route a session, trips of both parts on it
routes = [r["route_id"] for r in csv.DictReader(open(os.path.join(out, "gtfs", "routes.txt"), encoding="utf-8"))]
check(sorted(routes) == ["Детсад № 1", "Плавание", "Футбол"], "GTFS routes: %s" % routes)
svc = {r["service_id"] for r in csv.DictReader(open(os.path.join(out, "gtfs", "trips.txt"), encoding="utf-8"))
       if r["route_id"] == "Футбол"}
check(any("Wed" in s for s in svc) and any("Mon" in s for s in svc), "route Футбол on Mon and Wed: %s" % svc)
# children.csv: both named children on each part's lists
lists = open(os.path.join(out, "print", "lists.html"), encoding="utf-8").read()
named = [re.search(r"<h1>([^<]*)</h1>", s).group(1) for s in lists.split('<section class="sheet">')[1:]
         if "Иванов Петя" in s]
on = sorted({d for h in named for d in ("Пн", "Ср", "Пт") if d in h.split(", ", 1)[-1]})
check(on == ["Пн", "Пт", "Ср"] and len(named) in (4, 6),
      "Иванов Петя on the lists there and home of every part's days: %s" % named)
# a child of a village that comes on Wednesdays only: on the Wednesday's
# lists (it was an error: "riders.csv counts 0" for the first part)
named = [re.search(r"<h1>([^<]*)</h1>", s).group(1) for s in lists.split('<section class="sheet">')[1:]
         if "Орлов Ваня" in s]
check(len(named) == 2 and all(h.endswith(", Ср") for h in named),
      "Орлов Ваня (Николаевка, Wednesdays) on the Wednesday's lists: %s" % named)
done()
PY

# a batch counts the children once: riders.csv sums 71
"$exe" batch "$d" --out "$tmp/b" -q >/dev/null 2>&1
python3 - "$tmp/b/region.csv" <<'PY' || fail=1
import csv, sys
r = next(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
ok = (r["children"], r["served"], r["unserved"]) == ("71", "65", "6")
print(("ok " if ok else "FAIL ") + "region.csv: children %s, served %s, unserved %s (want 71, 65, 6)"
      % (r["children"], r["served"], r["unserved"]))
sys.exit(not ok)
PY

# a re-plan with the Wednesday football moved to Thursday: the families of
# Wednesday hear that the session is no longer held that day, not that it
# was removed (the part's id is gone, the session is not)
r="$tmp/r"
mkdir -p "$r"
cp "$d"/plan.conf "$d"/riders.csv "$d"/fleet.csv "$d"/children.csv "$d"/locks.csv "$r/"
sed 's/^Футбол,Стадион «Колос»,Wed,/Футбол,Стадион «Колос»,Thu,/' "$d/sessions.csv" >"$r/sessions.csv"
sed -i 's/^Николаевка,Футбол (Ср),/Николаевка,Футбол (Чт),/' "$r/riders.csv"
"$exe" plan "$r" --keep "$tmp/o/plan.json" --out "$tmp/ro" 2>"$tmp/err-r"
rc=$?
[ $rc -eq 3 ] || bad "re-plan exit $rc: $(cat "$tmp/err-r")"
python3 - "$tmp/ro/changes.csv" <<'PY' || fail=1
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
wed = [r for r in rows if r["session"] == "Футбол (Ср)"]
thu = [r for r in rows if r["session"] == "Футбол (Чт)"]
ok = wed and all(r["kind"] == "gone" and r["reason_code"] == "not_on_day" for r in wed)
print(("ok " if ok else "FAIL ") + "Wednesday's calls gone, the session not held that day: %s"
      % sorted({(r["kind"], r["reason_code"]) for r in wed}))
ok2 = thu and all(r["kind"] == "new" and r["days"] == "Thu" for r in thu)
print(("ok " if ok2 else "FAIL ") + "Thursday's calls new: %d" % len(thu))
sys.exit(not (ok and ok2))
PY
# the families' page: Thursday is the session's new day, not a new group
# (but for Николаевка, which came on Wednesdays only as a part of its own)
grep -q "новый день занятия" "$tmp/ro/print/changes.html" && ok "changes.html: the session's new day" ||
	bad "changes.html does not say the session's new day"
grep -q "новых групп: 0 " "$tmp/ro/summary.txt" && ok "summary.txt: no new groups" ||
	bad "summary.txt: $(grep 'Пересчёт' "$tmp/ro/summary.txt")"

# in English, a part at another destination (Saturday's game at the sports
# school): ids with English days, and the village's page gives the parts
# at the stadium one table and Saturday's its own, each under the name
en="$tmp/en"
mkdir -p "$en"
sed 's/^lang = ru/lang = en/' "$d/plan.conf" | grep -v '^\(children\|locks\) =' >"$en/plan.conf"
printf 'session,destination,days,start,end\nFootball,Стадион «Колос»,Mon,16:00,17:30\nFootball,Стадион «Колос»,Wed,17:00,18:30\nFootball,ДЮСШ «Витязь»,Sat,10:00,12:00\n' >"$en/sessions.csv"
printf 'pickup,session,children\nНазарово,Football,13\nЛипки,Football,7\n' >"$en/riders.csv"
cp "$d/fleet.csv" "$en/"
"$exe" plan "$en" --out "$tmp/eno" -q 2>"$tmp/err-en" || bad "the English plan: exit $?: $(cat "$tmp/err-en")"
"$checker" "$en" "$tmp/eno" >"$tmp/check-en" 2>&1 || bad "check_plan (English): $(tail -3 "$tmp/check-en")"
python3 - "$tmp/eno" <<'PY' || fail=1
import json, os, re, sys
out = sys.argv[1]
ids = [s["id"] for s in json.load(open(os.path.join(out, "plan.json"), encoding="utf-8"))["sessions"]]
ok = ids == ["Football (Mon)", "Football (Wed)", "Football (Sat)"]
print(("ok " if ok else "FAIL ") + "English parts' ids: %s" % ids)
page = ""
for f in os.listdir(os.path.join(out, "print")):
    h = open(os.path.join(out, "print", f), encoding="utf-8").read()
    page = h if f.startswith("village-") and "<h1>Nazarovo" in h else page
heads = re.findall(r"<p>Session ([^<]*)<span", page)
ok2 = heads == ["Football, Mon ", "Football, Sat "] and \
    "Football, Mon <span class=\"t\">16:00&#8211;17:30</span>, Wed <span class=\"t\">17:00" in page
print(("ok " if ok2 else "FAIL ") + "Nazarovo's page: the stadium's parts in one table, Saturday's apart: %s" % heads)
sys.exit(not (ok and ok2))
PY

# overlapping days and a part's name taken are errors naming the rows
e="$tmp/e"
mkdir -p "$e"
cp "$d"/plan.conf "$d"/riders.csv "$d"/fleet.csv "$d"/children.csv "$d"/locks.csv "$e/"
cat >"$e/sessions.csv" <<'CSV'
session,destination,days,start,end,max_ride_min
Футбол,Стадион «Колос»,"Mon,Fri",16:00,17:30,
Плавание,Бассейн «Чайка»,"Tue,Thu",17:30,18:30,50
Футбол,Стадион «Колос»,"Wed,Fri",17:00,18:30,
Детсад № 1,Детский сад № 1 «Журавушка»,Mon-Thu,08:00,17:00,40
Детсад № 1,Детский сад № 1 «Журавушка»,Fri,08:00,13:00,40
Детсад № 1 (Пт),Детский сад № 1 «Журавушка»,Sat,08:00,13:00,40
CSV
LC_ALL=C.UTF-8 "$exe" plan "$e" --out "$tmp/eo" 2>"$tmp/err-e"
rc=$?
[ $rc -eq 2 ] && ok "exit 2 on bad sessions" || bad "exit $rc on bad sessions"
grep -q "sessions.csv:4:1: session 'Футбол' is listed twice for Fri" "$tmp/err-e" &&
	ok "overlapping days: the row and the day" || bad "overlap: $(cat "$tmp/err-e")"
grep -q "sessions.csv:7:1: session 'Детсад № 1 (Пт)' is also the name of the part of 'Детсад № 1' on line 6" "$tmp/err-e" &&
	ok "a part's name taken" || bad "part name: $(cat "$tmp/err-e")"
[ -e "$tmp/eo" ] && bad "a plan was written" || ok "nothing written"
exit $fail
