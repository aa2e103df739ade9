#!/usr/bin/env bash
# test_village_one_way.sh - a village page's group taken one way only and
# its note (data/li_grow, the shared liechtenstein-2021 map; skipped
# without it). Vaduz's 6 kindergarten children ride there only (riders.csv
# `to`, note "забирают родители"), its 11 swimmers both ways:
# - the kindergarten's row says "обратно без автобуса (только туда)" where
#   the times home would be (they were empty cells, read as missing);
# - the note stands under the kindergarten's table, not over the page (it
#   read as the swimmers' note too); the swimmers' table has none.
# The kindergarten's page lists Vaduz (6) under its runs home as going
# home without a bus, so that it knows whom parents fetch.
# And a lock the plan cannot keep (Ruggell's swimmers on ПАЗ-1, which is
# then on the kindergarten's run home, its day too long to take both)
# names the run in the way, with its session, where it said only "its
# seats, its hours or another pinned run".
set -u
. "$(dirname "$0")/shared_term.sh" li_grow liechtenstein-2021.osm.gz village_one_way "$@"
plan term "$dir" || exit 1
page=$(grep -l '<h1>Vaduz' "$tmp"/term/print/village-*.html | head -1)
[ -n "$page" ] || { echo "FAIL: no village page for Vaduz"; exit 1; }
python3 - "$page" <<'PY' || fail=1
import re, sys
h = open(sys.argv[1], encoding="utf-8").read()
bad = 0
def check(ok, what):
    global bad
    print(("ok " if ok else "FAIL ") + what)
    bad |= not ok
kg, sw = h.find("Kindergarten Sand</h2>"), h.find("Hallenbad Eschen</h2>")
note = h.find("забирают родители")
check(0 <= kg < sw, "the kindergarten's table, then the swimming's")
kg_part = h[kg:sw] if 0 <= kg < sw else ""
check(kg_part.count("обратно без автобуса (только туда)") == 1,
      "the kindergarten's row says there is no bus home")
check("без автобуса" not in h[sw:], "the swimmers' row has both ways")
check(kg < note < sw and note > kg_part.find("</table>") + kg,
      "the note under the kindergarten's table, not over the page")
check(h.count("забирают родители") == 1, "the note once")
sys.exit(bad)
PY
dest=$(grep -l '<h1>Kindergarten Sand' "$tmp"/term/print/dest-*.html | head -1)
python3 - "$dest" <<'PY' || fail=1
import sys
h = open(sys.argv[1], encoding="utf-8").read()
home = h.find("Уезжают автобусом")
line = "<p><i>обратно без автобуса (только туда)</i>: Vaduz (6)</p>"
ok = home >= 0 and h.count(line) == 1 and h.find(line) > home
print(("ok " if ok else "FAIL ") + "the kindergarten's page: Vaduz (6) home without a bus, under its runs home")
sys.exit(not ok)
PY
printf 'session,pickup,bus\nПлавание,Ruggell,ПАЗ-1\n' >"$tmp/locks.csv"
plan locked "$dir" --locks "$tmp/locks.csv" || exit 1
run=$(python3 -c '
import csv, sys
# the kindergarten run home ПАЗ-1 does on Tue/Thu: it starts at the kindergarten
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if r["bus"] == "ПАЗ-1" and r["session"] == "Детсад Санд" and "Tue" in r["days"] \
            and r["seq"] == "1" and r["stop_name"] == r["destination"]:
        print(r["run"])
' "$tmp/locked/timetable.csv")
grep -q "не соблюдено: в это время автобус выполняет рейс $run (Детсад Санд) (рейс R[0-9]*, Вт, Чт)" \
	"$tmp/locked/summary.txt" && echo "ok the lock not kept names $run (Детсад Санд), the kindergarten's run home" ||
	{ echo "FAIL: the lock's reason (run home $run)"; grep -A1 'Закрепления' "$tmp/locked/summary.txt"; fail=1; }
exit $fail
