#!/usr/bin/env bash
# test_hours_split.sh CHECKER - a bus free by the clock but not by its
# driver's day (data/bayreuth_hours: 208 children on two ПАЗ of 42 seats
# and a ГАЗель of 19, the shared north-bayreuth-2014 map). On Tue/Thu the
# athletics' 28 children (Ramsenthal 11, Harsdorf 10, Altenplos 7) have no
# ПАЗ whose driver's day the run fits, and the ГАЗель seats 19:
# - split.c gives the idle ГАЗель the whole groups that fill it most,
#   Ramsenthal's and Altenplos's 18, both ways; Harsdorf's 10 then fit a
#   ПАЗ's day; everyone rides (exit 0), nobody one way only. The old code
#   saw a ПАЗ free at that time with seats for all 28, decided that seats
#   were not what kept the run off a bus, and left the 28 at home beside
#   the idle ГАЗель;
# - the Saturday training is at an unnamed element tagged only sport=*:
#   its pages name it by its kind and village, as a name that begins its
#   heading ("Спортивный объект, Hettersreuth"; the old code crashed
#   naming it);
# - the football pitch, given by its OSM id because two pitches of the map
#   are called Bolzplatz, is "Bolzplatz (Neudrossenfeld)" on the pages;
# - the independent checker accepts the plan (drivers' days included).
# Skips without the map.
set -u
. "$(dirname "$0")/shared_term.sh" bayreuth_hours north-bayreuth-2014.osm.gz hours_split "$@"

plan out "$dir"
"$checker" "$dir" "$tmp/out" >"$tmp/check" 2>&1 || { bad "the checker found violations"; tail -5 "$tmp/check"; }
python3 - "$tmp/out/plan.json" <<'PY' || fail=1
import sys
from term_check import load, check, done
p, pid = load(sys.argv[1])
check(p["unserved_children"] == 0, f"unserved {p['unserved_children']}, want 0")
seen = 0
for pat in p["patterns"]:
    runs = [r for r in pat["runs"] if any(s["session"] == "Лёгкая атлетика" for s in r["stops"])]
    if not runs:
        continue
    seen += 1
    got, total = {}, {}
    for r in runs:
        for s in r["stops"]:
            n = s["board"] + s["alight"]
            if s["session"] != "Лёгкая атлетика" or pid[s["point"]] == "w166440813" or not n:
                continue
            k = (pid[s["point"]], r["direction"])
            total[k] = total.get(k, 0) + n
            if r["bus"] == "ГАЗель":
                got[k] = got.get(k, 0) + n
    want = {(v, d): n for v, n in (("Ramsenthal", 11), ("Altenplos", 7)) for d in ("to_session", "home")}
    check(got == want, f"{pat['days']}: the ГАЗель takes {got}, want {want}")
    check(total == {(v, d): n for v, n in (("Ramsenthal", 11), ("Altenplos", 7), ("Harsdorf", 10))
                    for d in ("to_session", "home")}, f"{pat['days']}: athletics rides {total}")
check(seen == 1, f"athletics on {seen} day patterns, want 1 (Tue/Thu)")
done()
PY
# football at one of the map's two pitches called Bolzplatz, given by id
grep -q '<h1>Bolzplatz (Neudrossenfeld)</h1>' "$tmp/out/print/destinations.html" ||
	bad "destinations.html does not tell the Bolzplatz given by id from the other one"
grep -q '<h1>Спортивный объект, Hettersreuth</h1>' "$tmp/out/print/destinations.html" ||
	bad "destinations.html does not name the sport=* element by its kind and village"
plan en "$dir" --lang en
grep -q '<h1>Sports ground, Hettersreuth</h1>' "$tmp/en/print/destinations.html" ||
	bad "the English destinations.html does not name it 'Sports ground, Hettersreuth'"
# ПАЗ-2 broken down: two buses leave the athletics' 28; what would serve
# everyone names split shifts (the lawful way to the drivers' long, idle-
# middled days), and made, they do; not when fleet.csv says no for each
mkdir -p "$tmp/two" "$tmp/twono"
printf 'include = %s/plan.conf\nfleet = fleet.csv\n' "$dir" >"$tmp/two/plan.conf"
grep -v '^ПАЗ-2,' "$dir/fleet.csv" >"$tmp/two/fleet.csv"
printf 'include = %s/plan.conf\nfleet = fleet.csv\n' "$dir" >"$tmp/twono/plan.conf"
sed '1s/$/,split_shift/; 2,$s/$/,no/' "$tmp/two/fleet.csv" >"$tmp/twono/fleet.csv"
for t in two twono; do
	rc=0
	"$exe" plan "$tmp/$t" --map "$map" --out "$tmp/$t/out" -q 2>/dev/null || rc=$?
	[ $rc -eq 3 ] || bad "$t: plan exit $rc, want 3 (children left)"
done
fix() { python3 -c "import json,sys; print(' '.join(f['days'] + ':' + str(f['split_shift']) for f in json.load(open(sys.argv[1]))['serve_all']))" "$1"; }
[ "$(fix "$tmp/two/out/plan.json")" = "Tue,Thu:True" ] || bad "two buses: serve_all $(fix "$tmp/two/out/plan.json"), want Tue,Thu:True"
grep -q 'или раздельная смена водителей с имеющимися автобусами (split_shift = yes' "$tmp/two/out/summary.txt" ||
	bad "summary.txt does not name split shifts"
[ "$(fix "$tmp/twono/out/plan.json")" = "Tue,Thu:False" ] || bad "fleet.csv's no: serve_all $(fix "$tmp/twono/out/plan.json"), want Tue,Thu:False"
mkdir -p "$tmp/twos"
printf 'include = %s/two/plan.conf\nsplit_shift = yes\n' "$tmp" >"$tmp/twos/plan.conf"
rc=0
"$exe" plan "$tmp/twos" --map "$map" --out "$tmp/twos/out" -q 2>/dev/null || rc=$?
[ $rc -eq 0 ] || bad "two buses with split shifts: exit $rc, want 0 (all ride)"
"$checker" "$tmp/twos" "$tmp/twos/out" >"$tmp/check2" 2>&1 || { bad "the checker found violations (split shifts)"; tail -5 "$tmp/check2"; }
# mid-term: athletics half an hour later (17:30-19:00) and 9 more
# kindergarten children. Now one group must stay: the fewest children
# should, Harsdorf's 10 athletes, in the plan made anew and in the
# re-plan alike. Counting runs left, not children, the chaining left an
# 18-child run home whose way there then went too (anew: 18 children),
# and the re-plan Haselbusch's kindergarten on Tue/Thu (31 children)
mkdir -p "$tmp/late"
printf 'include = %s/plan.conf\nsessions = %s/sessions_late.csv\nriders = %s/riders_more.csv\n' \
	"$dir" "$dir" "$dir" >"$tmp/late/plan.conf"
left() { python3 -c "import json,sys; p=json.load(open(sys.argv[1])); print(p['unserved_children'], ' '.join(sorted({u['pickup_name'] + ':' + u['session'] for u in p['unserved']})))" "$1"; }
for how in anew keep; do
	rc=0
	if [ $how = anew ]; then
		"$exe" plan "$tmp/late" --map "$map" --out "$tmp/late/$how" -q 2>/dev/null || rc=$?
	else
		"$exe" plan "$tmp/late" --map "$map" --keep "$tmp/out/plan.json" --out "$tmp/late/$how" -q 2>/dev/null || rc=$?
	fi
	[ $rc -eq 3 ] || bad "mid-term $how: exit $rc, want 3"
	got=$(left "$tmp/late/$how/plan.json")
	[ "$got" = "10 Harsdorf:Лёгкая атлетика" ] || bad "mid-term $how leaves '$got', want Harsdorf's 10 athletes"
	if [ $how = keep ]; then
		# only the athletes, whose session moved, change: the two new
		# kindergarten groups take gaps of buses already out, moved in
		# their own windows (keep.c's into_gap), where the pattern once
		# went back to the chaining's buses and 122 children changed
		got=$(python3 -c "import csv, json, sys; p = json.load(open(sys.argv[1])); print(p['replan']['changed_children'], ' '.join(sorted({r['session'] for r in csv.DictReader(open(sys.argv[2], encoding='utf-8')) if r['kind'] in ('changed', 'gone')})))" "$tmp/late/$how/plan.json" "$tmp/late/$how/changes.csv")
		[ "$got" = "28 Лёгкая атлетика" ] || bad "mid-term re-plan: changed children and sessions '$got', want '28 Лёгкая атлетика'"
		# ... and a new group's run gets one time all week where its
		# buses' days allow, as in a plan made anew (align.c): Weikenreuth's
		# 4 came home at 16:56 on Mon/Wed/Fri and 17:33 on Tue/Thu
		got=$(python3 -c "import csv, sys; print(' '.join(sorted({r['arrival'][:5] for r in csv.DictReader(open(sys.argv[1], encoding='utf-8')) if r['stop_name'] == 'Weikenreuth' and r['session'] == 'Детсад Хазельбуш' and int(r['alight'])})))" "$tmp/late/$how/timetable.csv")
		[ "$got" = "17:33" ] || bad "mid-term re-plan: Weikenreuth's new group home at '$got', want one time, 17:33"
	fi
	k=$([ $how = keep ] && echo "--keep $tmp/out" || true)
	"$checker" "$tmp/late" "$tmp/late/$how" $k >"$tmp/check_$how" 2>&1 || { bad "the checker found violations (mid-term $how)"; tail -5 "$tmp/check_$how"; }
done
[ $fail -eq 0 ] && echo "hours split: the ГАЗель takes 18 of the athletics' 28 both ways, all 208 ride; with two buses split shifts named and serving all; checked"
exit $fail
