#!/usr/bin/env bash
# test_align.sh CHECKER - one time all week for a run that repeats
# (src/plan/align.c), on the term for the shared real map li-unterland-2021
# (tests/plan/data/unterland; skipped when ../shared is absent). The plan
# is made with the alignment and without it (SR_TEST_NO_ALIGN). Counted here
# from the two timetable.csv alone: per run id, the days on which its first
# stop is at the run's most common time; their sum must rise (without: the
# kindergartens' home runs leave at 17:00 on Mon/Wed and 16:31 on Tue-Fri),
# while every run keeps its bus and its stops on every day, the buses per
# day do not change, the km a week move by at most 0.5 % (only the buses'
# drives in the gaps around a moved run, to the depot or not, can change),
# and the checker accepts both plans.
. "$(dirname "$0")/shared_term.sh" unterland li-unterland-2021.osm align "$@"
"$exe" plan "$dir" --map "$map" --out "$tmp/with" -q || bad "plan exit $?"
SR_TEST_NO_ALIGN=1 "$exe" plan "$dir" --map "$map" --out "$tmp/without" -q || bad "plan (without) exit $?"
"$checker" "$dir" "$tmp/with" >"$tmp/check" 2>&1 || { bad "checker (with)"; tail -5 "$tmp/check"; }
"$checker" "$dir" "$tmp/without" >/dev/null 2>&1 || bad "checker (without)"
python3 - "$tmp/with" "$tmp/without" <<'PY' || fail=1
import collections, csv, json, sys
def read(d):
    rows = list(csv.DictReader(open(d + "/timetable.csv", encoding="utf-8")))
    first, stops, buses = {}, collections.defaultdict(list), collections.defaultdict(set)
    for r in rows:
        for day in r["days"].split(","):
            stops[(day, r["run"])].append((r["stop_id"], r["bus"]))
            buses[day].add(r["bus"])
            if r["seq"] == "1":
                first[(day, r["run"])] = r["departure"]
    return first, stops, buses, json.load(open(d + "/plan.json"))
def regular(first):
    by_run = collections.defaultdict(list)
    for (day, run), t in first.items():
        by_run[run].append(t)
    return sum(collections.Counter(ts).most_common(1)[0][1] for ts in by_run.values())
w, wo = read(sys.argv[1]), read(sys.argv[2])
bad = 0
rw, rwo = regular(w[0]), regular(wo[0])
print("days at a run's most common time: %d without, %d with" % (rwo, rw))
if rw <= rwo:
    print("FAIL no run got one time on more days")
    bad = 1
if w[1] != wo[1]:
    print("FAIL runs changed stops or buses")
    bad = 1
if {d: len(b) for d, b in w[2].items()} != {d: len(b) for d, b in wo[2].items()}:
    print("FAIL buses per day changed")
    bad = 1
def km(plan):  # duties' metres (runs and empty drives) over the week
    return sum(du["meters"] * bin(p["days_mask"]).count("1")
               for p in plan["patterns"] for du in p["duties"]) / 1000
# a run moved in time changes no run's metres, only what the bus does in
# the gaps around it (to the depot and back or not): at most 0.5 %
print("km a week: %.3f without, %.3f with" % (km(wo[3]), km(w[3])))
if abs(km(w[3]) - km(wo[3])) > 0.005 * km(wo[3]):
    print("FAIL km a week changed by more than 0.5 %")
    bad = 1
sys.exit(bad)
PY
exit $fail
