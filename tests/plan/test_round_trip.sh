#!/usr/bin/env bash
# test_round_trip.sh CHECKER - children brought home by the bus that took
# them (src/plan/roundtrip.c), on a term for the shared real map
# li-unterland-2021 (tests/plan/data/unterland; skipped when ../shared is
# absent). The plan is made twice, with the exchanges of roundtrip.c and
# without them (SR_TEST_NO_ROUND_TRIP): the share of children's round trips
# home on the same bus, counted here from timetable.csv alone, must rise
# (the chaining alone crosses nearly every pair over: 28 of 332), to at
# least 95 % (it is 332 of 332 on 2026-12-05); the buses per day, the runs on one bus all week and the km
# must be no worse; the checker accepts both plans and agrees with
# plan.json's counts; summary.txt prints the figure.
. "$(dirname "$0")/shared_term.sh" unterland li-unterland-2021.osm roundtrip "$@"

"$exe" plan "$dir" --map "$map" --out "$tmp/with" --lang en -q || bad "plan exit $?"
SR_TEST_NO_ROUND_TRIP=1 "$exe" plan "$dir" --map "$map" --out "$tmp/without" --lang en -q || bad "plan (without) exit $?"
"$checker" "$dir" "$tmp/with" >"$tmp/check" 2>&1 || { bad "checker (with)"; cat "$tmp/check"; }
"$checker" "$dir" "$tmp/without" >/dev/null 2>&1 || bad "checker (without)"

# "same all" from a timetable: per day, session and pickup, children taken
# and brought home on one bus (per bus, the smaller count) of those taken
# and brought home at all.
share() {
	python3 - "$1/timetable.csv" <<'PY'
import collections, csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
runs = collections.OrderedDict()
for r in rows:
    runs.setdefault((r["days"], r["run"]), []).append(r)
cnt = collections.defaultdict(lambda: [0, 0])  # (day, session, stop, bus) -> [to, home]
for (days, _), rs in runs.items():
    home = rs[0]["stop_name"] == rs[0]["destination"]
    for r in rs:
        if r["stop_name"] == r["destination"]:
            continue
        n = int(r["alight"] or 0) if home else int(r["board"] or 0)
        for d in days.split(","):
            cnt[(d, r["session"], r["stop_id"], r["bus"])][home] += n
same = sum(min(v) for v in cnt.values())
tot = collections.defaultdict(lambda: [0, 0])
for (d, s, p, b), v in cnt.items():
    tot[(d, s, p)][0] += v[0]
    tot[(d, s, p)][1] += v[1]
print(same, sum(min(v) for v in tot.values()))
PY
}
read -r s1 a1 <<<"$(share "$tmp/with")"
read -r s0 a0 <<<"$(share "$tmp/without")"
echo "home by the same bus: $s1 of $a1 with the exchanges, $s0 of $a0 without"
[ "$a1" = "$a0" ] || bad "round trips differ: $a1 vs $a0"
[ "$s1" -gt "$s0" ] || bad "no more children home by the same bus: $s1 vs $s0"
[ $((s1 * 100)) -ge $((a1 * 95)) ] || bad "only $s1 of $a1 home by the same bus (want 95 %)"
grep -q "home by the same bus: $s1 of $a1 children's round trips" "$tmp/check" ||
	bad "the checker's count differs from the timetable's"
grep -Eq "^home by the same bus: +$s1 of $a1 children's round trips" "$tmp/with/summary.txt" ||
	bad "summary.txt lacks the figure"

# nothing else worse: buses per day, runs on one bus all week, km
python3 - "$tmp/with/plan.json" "$tmp/without/plan.json" <<'PY' || bad "the exchanges made the plan worse"
import json, sys
w, o = (json.load(open(f, encoding="utf-8")) for f in sys.argv[1:])
ok = w["week"]["buses_per_day"] == o["week"]["buses_per_day"]
ok &= w["week"]["same_bus_runs"] >= o["week"]["same_bus_runs"]
km = lambda p: sum(d["meters"] for pat in p["patterns"] for d in pat["duties"] for _ in pat["days"].split(","))
ok &= km(w) <= km(o) + 1
print("km a week %.1f with, %.1f without" % (km(w) / 1000, km(o) / 1000))
sys.exit(0 if ok else 1)
PY
exit $fail
