#!/usr/bin/env python3
"""batch_check.py - independent checks of `schoolrun batch` and `compare`
outputs, computed from each plan's own timetable.csv, plan.json and the
example's riders.csv with Python's csv and json modules (none of the C
code's parsing or arithmetic).

  batch_check.py region OUT           region.csv against every plan of OUT
  batch_check.py compare A B CMP.csv  the change rows of compare.csv against
                                      the two plans' timetables and
                                      unserved lists
Exits 1 with a message on the first disagreement."""
import csv
import json
import os
import sys

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def hms(s):
    return "%02d:%02d:%02d" % (s // 3600, s // 60 % 60, s % 60)


def secs(t):
    h, m, s = (int(x) for x in t.split(":"))
    return h * 3600 + m * 60 + s


def timetable_runs(plan_dir):
    runs = {}
    with open(os.path.join(plan_dir, "timetable.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            runs.setdefault((r["days"], r["run"]), []).append(r)
    for rows in runs.values():
        rows.sort(key=lambda r: int(r["seq"]))
    return runs


def is_home(rows):
    """A run home starts at the session's destination; one to the session ends there."""
    return rows[0]["stop_name"] == rows[0]["destination"]


def visits(plan_dir):
    """(day, session, direction, stop_id) -> ([times], {buses}) from timetable.csv."""
    out = {}
    for (days, _), rows in timetable_runs(plan_dir).items():
        home = is_home(rows)
        last = len(rows) - 1
        for i, r in enumerate(rows):
            if not home and int(r["board"]) > 0 and i != last:
                d, t = "to_session", r["departure"]
            elif home and int(r["alight"]) > 0 and i != 0:
                d, t = "home", r["arrival"]
            else:
                continue
            for day in days.split(","):
                e = out.setdefault((day, r["session"], d, r["stop_id"]), ([], set()))
                e[0].append(t)
                e[1].add(r["bus"] or "-")
    return out


def unserved(plan_dir):
    with open(os.path.join(plan_dir, "plan.json"), encoding="utf-8") as f:
        pj = json.load(f)
    out = {}
    for u in pj["unserved"]:
        for i, day in enumerate(DAYS):
            if u["days_mask"] >> i & 1:
                k = (day, u["session"] or "", u["direction"], u["pickup"] or "")
                out[k] = out.get(k, 0) + u["children"]
    return out


def merge_days(rows):
    """{(kind, session, dir, vid, a, b, delta): set(days)} -> set of tuples with days joined."""
    return {k[:4] + (",".join(d for d in DAYS if d in days),) + k[4:] for k, days in rows.items()}


def expected_changes(a, b):
    va, vb = visits(a), visits(b)
    rows = {}
    for k in set(va) | set(vb):
        day, ses, d, vid = k
        ta = " ".join(sorted(va[k][0])) if k in va else ""
        tb = " ".join(sorted(vb[k][0])) if k in vb else ""
        ba = " ".join(sorted(va[k][1])) if k in va else ""
        bb = " ".join(sorted(vb[k][1])) if k in vb else ""
        if ta != tb:
            delta = ""
            if ta and tb:
                delta = "%+.1f" % ((secs(tb.split()[0]) - secs(ta.split()[0])) / 60.0)
            rows.setdefault(("time", ses, d, vid, ta, tb, delta), set()).add(day)
        if ba != bb:
            rows.setdefault(("bus", ses, d, vid, ba, bb, ""), set()).add(day)
    ua, ub = unserved(a), unserved(b)
    for k in set(ua) | set(ub):
        day, ses, d, vid = k
        x, y = ua.get(k, 0), ub.get(k, 0)
        if x != y:
            rows.setdefault(("unserved", ses, d, vid, str(x), str(y), "%+d" % (y - x)), set()).add(day)
    return merge_days(rows)


def check_compare(a, b, cmp_csv):
    got = set()
    with open(cmp_csv, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["kind"] == "figure":
                continue
            got.add((r["kind"], r["session"], r["direction"], r["village_id"], r["days"], r["a"], r["b"], r["delta"]))
    want = expected_changes(a, b)
    if got != want:
        for x in sorted(want - got)[:5]:
            print("  missing:", x)
        for x in sorted(got - want)[:5]:
            print("  unexpected:", x)
        fail("compare.csv: %d change rows, the timetables say %d" % (len(got), len(want)))
    kinds = {}
    for w in want:
        kinds[w[0]] = kinds.get(w[0], 0) + 1
    print("ok compare.csv has the %d changes the timetables show %s" % (len(want), kinds))


def figures(plan_dir, riders_csv):
    with open(os.path.join(plan_dir, "plan.json"), encoding="utf-8") as f:
        pj = json.load(f)
    with open(riders_csv, newline="", encoding="utf-8") as f:
        children = sum(int(r["children"]) for r in csv.DictReader(f))
    uns = {}
    for u in pj["unserved"]:
        uns[u["rider_line"]] = max(uns.get(u["rider_line"], 0), u["children"])
    runs = timetable_runs(plan_dir)
    day_buses, week_buses, runs_week, longest = {}, set(), 0, 0
    for (days, _), rows in runs.items():
        n = len(days.split(","))
        runs_week += n
        if rows[0]["bus"]:
            day_buses.setdefault(days, set()).add(rows[0]["bus"])
            week_buses.add(rows[0]["bus"])
        home = is_home(rows)
        for i, r in enumerate(rows):
            if not home and int(r["board"]) > 0 and i != len(rows) - 1:
                longest = max(longest, secs(rows[-1]["arrival"]) - secs(r["departure"]))
            elif home and int(r["alight"]) > 0 and i != 0:
                longest = max(longest, secs(r["arrival"]) - secs(rows[0]["departure"]))
    km = empty = 0.0
    shift = 0
    for p in pj["patterns"]:
        n = bin(p["days_mask"]).count("1")
        run_m = {r["id"]: r["meters"] for r in p["runs"]}
        for d in p["duties"]:
            if not d["runs"]:
                continue
            km += d["meters"] * n
            empty += (d["meters"] - sum(run_m[x] for x in d["runs"])) * n
            shift = max(shift, d["return_depot_s"] - d["depart_depot_s"])
    u = sum(uns.values())
    return {"children": str(children), "served": str(children - u), "unserved": str(u),
            "buses_day_max": str(max((len(s) for s in day_buses.values()), default=0)),
            "buses_week": str(len(week_buses)), "runs_week": str(runs_week),
            "km_week": km / 1000.0, "empty_km_week": empty / 1000.0,
            "longest_ride": hms(longest), "longest_shift": hms(shift)}


def check_seconds(out, rows):
    """The last column, seconds, is each plan's run time as its run record
    (OUT/runs/<name>.csv) measured it, empty where there is no record; the
    total is their sum."""
    if list(rows[0].keys())[-1] != "seconds":
        fail("region.csv's last column is %s, not seconds" % list(rows[0].keys())[-1])
    total = 0.0
    for r in rows[:-1]:
        rec = os.path.join(out, "runs", r["district"] + ".csv")
        if not os.path.exists(rec):
            if r["seconds"] != "":
                fail("%s: no run record but seconds %s" % (r["district"], r["seconds"]))
            continue
        with open(rec, newline="", encoding="utf-8") as f:
            want = float(next(csv.DictReader(f))["seconds"])
        if abs(float(r["seconds"]) - want) > 0.0051:
            fail("%s: region.csv seconds %s, the run record %.3f" % (r["district"], r["seconds"], want))
        total += want
    if abs(float(rows[-1]["seconds"] or 0) - total) > 0.0051 * len(rows):
        fail("total seconds %s, the records add up to %.3f" % (rows[-1]["seconds"], total))


def check_region(out):
    with open(os.path.join(out, "jobs.csv"), newline="", encoding="utf-8") as f:
        jobs = {r["district"]: r["dir"] for r in csv.DictReader(f)}
    with open(os.path.join(out, "region.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if [r["district"] for r in rows] != list(jobs) + ["(total)"]:
        fail("region.csv lists %s, jobs.csv %s" % ([r["district"] for r in rows], list(jobs)))
    total_children = 0
    checked = 0
    for r in rows[:-1]:
        if r["status"] not in ("0", "3"):
            if r["children"]:
                fail("%s: failed plan with figures" % r["district"])
            continue
        with open(os.path.join(jobs[r["district"]], "plan.conf"), encoding="utf-8") as f:
            conf = dict((k.strip(), v.strip()) for k, v in (l.split("=", 1) for l in f.read().splitlines() if "=" in l and not l.startswith("#")))
        riders = os.path.join(jobs[r["district"]], conf["riders"].strip())
        want = figures(os.path.join(out, r["district"]), riders)
        for k, v in want.items():
            ok = abs(float(r[k]) - v) <= 0.051 + 1e-9 * v if isinstance(v, float) else r[k] == v
            if not ok:
                fail("%s: region.csv %s = %s, the plan says %s" % (r["district"], k, r[k], v))
        if (r["status"] == "3") != (want["unserved"] != "0"):
            fail("%s: status %s but %s unserved" % (r["district"], r["status"], want["unserved"]))
        total_children += int(r["children"])
        checked += 1
    if int(rows[-1]["children"]) != total_children:
        fail("total children %s, districts add up to %d" % (rows[-1]["children"], total_children))
    check_seconds(out, rows)
    print("ok region.csv agrees with the timetables and plan.json of %d plans" % checked)


if __name__ == "__main__":
    if sys.argv[1] == "region":
        check_region(sys.argv[2])
    elif sys.argv[1] == "compare":
        check_compare(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        fail("usage")
