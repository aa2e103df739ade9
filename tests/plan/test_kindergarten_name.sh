#!/usr/bin/env bash
# test_kindergarten_name.sh - a kindergarten known by its name only keeps
# its preschoolers on their own runs (mix defaults to no): on the shared
# li-unterland map, the element named "Kindergarten" is drawn as
# building=school (w299286253), the Kindergarten Schönabüel as
# amenity=kindergarten, the Primarschule Eschen as a school; a session at
# each with the mix column empty gets no, no and yes; a mix cell says
# otherwise where it is given. Skips without the map.
set -u
exe=${SR_EXE:?}
map=${SR_SOURCE_DIR:?}/../shared/maps/li-unterland-2021.osm
[ -f "$map" ] || { echo "SKIP: $map absent"; exit 77; }
tmp=$(mktemp -d /tmp/kgname.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
cat >"$tmp/plan.conf" <<CONF
map = $map
sessions = sessions.csv
riders = riders.csv
fleet = fleet.csv
CONF
cat >"$tmp/sessions.csv" <<'CSV'
session,destination,days,start,end,mix
Малыши,w299286253,Mon-Fri,08:00,17:00,
Сад,Kindergarten Schönabüel,Mon-Fri,08:00,17:00,
Школа,Primarschule Eschen,Mon-Fri,08:00,13:00,
Школа да,w299286253,Sat,09:00,12:00,yes
CSV
cat >"$tmp/riders.csv" <<'CSV'
pickup,session,children
Ruggell,Малыши,5
Mauren,Сад,4
Nendeln,Школа,6
Bendern,Школа да,3
CSV
printf 'bus,depot,seats\nB1,47.2125 9.5233,30\nB2,47.2125 9.5233,30\n' >"$tmp/fleet.csv"
"$exe" plan "$tmp" --out "$tmp/out" -q 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] || { bad "plan exit $rc"; cat "$tmp/err"; }
python3 - "$tmp/out/plan.json" <<'PY' || fail=1
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
mix = {s["id"]: s["mix"] for s in p["sessions"]}
want = {"Малыши": False, "Сад": False, "Школа": True, "Школа да": True}
if mix != want:
    print("FAIL mix by session: %s, want %s" % (mix, want)); sys.exit(1)
print("ok a kindergarten by name or by tag keeps its children on their own runs")
PY
exit $fail
