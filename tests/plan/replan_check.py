#!/usr/bin/env python3
"""replan_check.py - an independent check of a re-plan (schoolrun plan
--keep) and of locks.csv, from the plans' own outputs (plan.json,
changes.csv, locks.csv), with its own reading and its own computation.

  replan_check.py changes OLD/plan.json NEW/plan.json NEW/changes.csv
      [--only-sessions S1,S2] [--only-old-bus BUS] [--zero]
    Per day, session, direction and village: the times (the bus leaving the
    village on runs to the session, arriving there on runs home; HH:MM) and
    buses of both plans. Fails when changes.csv does not list exactly the
    days and villages where they differ (with the right old and new times
    and buses), when a change falls outside --only-sessions or concerns
    children who were not on --only-old-bus (a bus taken out), or (--zero)
    when anything changed at all.
  replan_check.py locks PLAN_DIR LOCKS.csv --expect-kept N
    Every lock of locks.csv (session,pickup,bus) is honoured exactly when
    plan.json says it is kept (every run with those children on that bus,
    every day), a lock not kept has a reason, and N of them are kept.
"""
import csv
import json
import sys

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def hm(s):
    return "%02d:%02d" % (s // 3600, s // 60 % 60)


def visits(plan):
    """(day, session, direction, village) -> sorted [(HH:MM, bus)]."""
    dest = {s["id"]: s["destination"] for s in plan["sessions"]}
    out = {}
    for pat in plan["patterns"]:
        days = [d for d in range(7) if pat["days_mask"] >> d & 1]
        for r in pat["runs"]:
            home = r["direction"] == "home"
            for st in r["stops"]:
                kids = st["alight"] if home else st["board"]
                if kids <= 0 or st["point"] == dest[r["session"]]:
                    continue
                t = hm(st["arrival_s"] if home else st["departure_s"])
                for d in days:
                    key = (d, r["session"], r["direction"], st["point"])
                    out.setdefault(key, []).append((t, r["bus"] or ""))
    return {k: sorted(v) for k, v in out.items()}


def describe(v):
    times = " ".join(t for t, _ in v)
    buses = []
    for _, b in v:
        if b not in buses:
            buses.append(b)
    return times, " ".join(buses)


def check_changes(args):
    old = visits(json.load(open(args[0], encoding="utf-8")))
    new = visits(json.load(open(args[1], encoding="utf-8")))
    only = None
    if "--only-sessions" in args:
        only = set(args[args.index("--only-sessions") + 1].split(","))
    bus = args[args.index("--only-old-bus") + 1] if "--only-old-bus" in args else None
    want = {}
    for key in set(old) | set(new):
        a, b = describe(old.get(key, [])), describe(new.get(key, []))
        if a != b:
            want[key] = (a, b)
    got = {}
    with open(args[2], encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for d in row["days"].split(","):
                key = (DAYS.index(d), row["session"], row["direction"], row["village_id"])
                got[key] = ((row["old_time"], row["old_bus"]), (row["new_time"], row["new_bus"]))
    bad = 0
    for key in sorted(set(want) | set(got)):
        if want.get(key) != got.get(key):
            print("FAIL %s %s %s %s: the plans say %s, changes.csv %s" %
                  (DAYS[key[0]], key[1], key[2], key[3], want.get(key), got.get(key)))
            bad += 1
        elif only is not None and key[1] not in only:
            print("FAIL %s %s %s %s changed outside the sessions %s: %s" %
                  (DAYS[key[0]], key[1], key[2], key[3], sorted(only), want[key]))
            bad += 1
        elif bus is not None and bus not in want[key][0][1].split(" "):
            print("FAIL %s %s %s %s changed, but was not on %s: %s" %
                  (DAYS[key[0]], key[1], key[2], key[3], bus, want[key]))
            bad += 1
    if "--zero" in args and want:
        print("FAIL %d day-village changes where none were expected" % len(want))
        bad += 1
    print("%d day-village changes, changes.csv agrees: %s" % (len(want), "no" if bad else "yes"))
    return 1 if bad else 0


def check_locks(args):
    plan = json.load(open(args[0] + "/plan.json", encoding="utf-8"))
    expect = int(args[args.index("--expect-kept") + 1])
    names = {p["id"]: p["name"] for p in plan["points"]}
    by_line = {l["line"]: l for l in plan.get("locks", [])}
    bad = kept = 0
    with open(args[1], encoding="utf-8") as f:
        rows = list(csv.reader(f))
    for i, row in enumerate(rows[1:], start=2):
        session, pickup, bus = row[0], row[1], row[2]
        lk = by_line.get(i)
        if lk is None or lk["session"] != session or lk["bus"] != bus or \
                names.get(lk["pickup"]) != pickup:
            print("FAIL locks.csv line %d: plan.json has %s" % (i, lk))
            bad += 1
            continue
        runs = [r for pat in plan["patterns"] for r in pat["runs"]
                if r["session"] == session and any(
                    st["point"] == lk["pickup"] and st["board"] + st["alight"] > 0
                    for st in r["stops"])]
        honoured = bool(runs) and all(r["bus"] == bus for r in runs)
        if honoured != lk["kept"] or (not lk["kept"] and not lk["reason"]):
            print("FAIL line %d: honoured %s, plan.json says kept %s (%s)" %
                  (i, honoured, lk["kept"], lk["reason"]))
            bad += 1
        kept += honoured
    if kept != expect:
        print("FAIL %d locks honoured, expected %d" % (kept, expect))
        bad += 1
    print("%d of %d locks honoured" % (kept, len(rows) - 1))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(check_changes(sys.argv[2:]) if sys.argv[1] == "changes" else check_locks(sys.argv[2:]))
