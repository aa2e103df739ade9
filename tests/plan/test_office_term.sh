#!/usr/bin/env bash
# test_office_term.sh CHECKER - a term as a district office's spreadsheet
# has it, saved as CSV (data/unterland_office, the shared li-unterland-2021
# map; the trial region of 2026-12-06):
# - the session column first, its totals row "Итого" in it: no group (it
#   was an unknown session 'Итого' and an empty pickup);
# - counts with their words ("12 чел.", "22 места"), days and times as a
#   sentence writes them ("с понедельника по пятницу", "по вторникам и
#   четвергам", "8-16", "с 8.00 до 16.30 ч."): read as the plain forms;
# - 132 children on a ПАЗ of 22 and a ГАЗель of 16 leave four groups; the
#   planner finds them pattern by pattern (riders lines 14, 13, 12, 10),
#   summary.txt and the index list them in the file's order (10, 12, 13,
#   14), each once;
# - lists.html has a sheet per run and its list: a run with the same bus
#   and children at the same stops on several day patterns is one sheet
#   with all their days ("R1, Пн–Пт", not one for Пн, Ср, Пт and one for
#   Вт, Чт alike but for the title), recounted from plan.json;
# - Planken's stop is 541 m from the village's node (its nearest road is
#   cut off from the network): its page says how far and which way, as
#   recomputed from plan.json, and no other village's page says so;
# - it plans the same timetable as the term in the plain form (plain/:
#   English columns, Mon-Fri, 16:00, bare counts), against which the
#   independent checker (English columns only) accepts the plan.
# Skips without the map.
set -u
. "$(dirname "$0")/shared_term.sh" unterland_office li-unterland-2021.osm office_term "$@"

"$exe" plan "$dir" --out "$tmp/out" -q 2>"$tmp/err"
rc=$?
[ $rc -eq 3 ] || { bad "plan exit $rc, want 3"; cat "$tmp/err"; }
"$exe" plan "$dir/plain" --out "$tmp/plain" -q 2>/dev/null
cmp -s "$tmp/out/timetable.csv" "$tmp/plain/timetable.csv" || bad "the office form plans another timetable than the plain form"
"$checker" "$dir/plain" "$tmp/out" >"$tmp/check" 2>&1 || { bad "the checker found violations"; tail -5 "$tmp/check"; }
python3 - "$tmp/out/plan.json" <<'PY' || fail=1
import sys
from term_check import load, check, done
p, pid = load(sys.argv[1])
riders = p["riders"]
check(len(riders) == 15 and sum(r["children"] for r in riders) == 132,
      f"{len(riders)} groups of {sum(r['children'] for r in riders)} children, want 15 of 132")
got = {s["id"]: (s["days"], s["start"][:5], s["end"][:5]) for s in p["sessions"]}
want = {"Детский сад «Шёнабюль»": ("Mon,Tue,Wed,Thu,Fri", "08:00", "16:00"),
        "Детский сад Шелленберг": ("Mon,Tue,Wed,Thu,Fri", "08:00", "16:30"),
        "Плавание": ("Tue,Thu", "17:30", "19:00"),
        "Футбол": ("Mon,Wed,Fri", "16:00", "17:30")}
check(got == want, f"sessions read as {got}")
check(sorted(b["seats"] for b in p["buses"]) == [16, 22], f"seats {[b['seats'] for b in p['buses']]}")
lines = [u["rider_line"] for u in p["unserved"]]
check(lines != sorted(lines), f"the planner's order {lines} is the file's: the test would not tell")
check(sorted(set(lines)) == [10, 12, 13, 14], f"unserved lines {sorted(set(lines))}")
done()
PY
got=$(sed -n 's/^  дети.csv, строка \([0-9]*\):.*/\1/p' "$tmp/out/summary.txt" | tr '\n' ' ')
[ "$got" = "10 12 13 14 " ] || bad "summary.txt lists the unserved lines as '$got', want '10 12 13 14 '"
got=$(python3 -c "
import re, sys
html = open(sys.argv[1], encoding='utf-8').read()
table = html[html.index('<h3>Не обслуживаются'):]
print(' '.join(re.findall(r'<tr><td>([^<]*)</td><td>([^<]*)</td>', table)[i][0] for i in range(4)))" "$tmp/out/print/index.html")
[ "$got" = "Ruggell Bendern Nendeln Schaanwald" ] || bad "the index lists the unserved as '$got', want Ruggell Bendern Nendeln Schaanwald (lines 10, 12, 13, 14)"
python3 - "$tmp/out/plan.json" "$tmp/out/print/lists.html" <<'PY' || fail=1
import re, sys
from term_check import load, check, done
p, pid = load(sys.argv[1])
html = open(sys.argv[2], encoding="utf-8").read()
names = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]
def mask(text):  # "Пн–Пт", "Пн, Ср, Пт"
    m = 0
    for part in text.split(", "):
        a, _, b = part.partition("–")
        i, j = names.index(a), names.index(b or a)
        for d in range(i, j + 1):
            m |= 1 << d
    return m
want = {}  # (run, bus, stops) -> days: one sheet each
for pat in p["patterns"]:
    for r in pat["runs"]:
        key = (r["id"], r["bus"], tuple((s["point"], s["board"], s["alight"], s["session"]) for s in r["stops"]))
        want[key] = want.get(key, 0) | pat["days_mask"]
want_titles = sorted((k[0], d) for k, d in want.items())
got = sorted((m.group(1), mask(m.group(2))) for m in re.finditer(r"<h1>Список детей, рейс (R\d+), ([^<]*)</h1>", html))
check(got == want_titles, f"lists.html sheets {got}, want {want_titles}")
runs = sum(len(pat["runs"]) for pat in p["patterns"])
check(len(got) < runs, f"{len(got)} sheets for {runs} runs: no list is the same on two day patterns, the test would not tell")
done()
PY
python3 - "$tmp/out/plan.json" "$tmp/out/print" <<'PY' || fail=1
import glob, math, re, sys
from term_check import load, check, done
p, pid = load(sys.argv[1])
words = ["к северу", "к северо-востоку", "к востоку", "к юго-востоку", "к югу", "к юго-западу", "к западу", "к северо-западу"]
away = {}
for pt in p["points"]:
    if pt["kind"] == "pickup" and pt["snap_m"] >= 250 and not pt["bus_stop"]:
        dx = (pt["stop_lon"] - pt["lon"]) * math.cos(math.radians(pt["lat"]))
        deg = math.degrees(math.atan2(dx, pt["stop_lat"] - pt["lat"])) % 360
        away[pt["name"]] = (pt["snap_m"], words[round(deg / 45) % 8])
check(list(away) == ["Planken"], f"far stops {away}")
said = {}
for f in glob.glob(sys.argv[2] + "/village-*.html"):
    s = open(f, encoding="utf-8").read()
    m = re.search(r"<h1>([^<]*)</h1>\n<p class=\"note\">Автобус останавливается не в центре, а в (\d+) м ([^,]*) от него,", s)
    if m:
        said[m.group(1)] = (int(m.group(2)), m.group(3))
check(said.keys() == away.keys() and all(abs(said[k][0] - away[k][0]) <= 1 and said[k][1] == away[k][1] for k in away),
      f"the village pages say {said}, want {away} (metres within 1, plan.json rounds them to 0.1)")
done()
PY
[ $fail -eq 0 ] && echo "office term: totals row, counts with words, days and times as sentences read; the unserved in the file's order; checked"
exit $fail
