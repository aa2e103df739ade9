#!/usr/bin/env python3
"""batch_check.py - independent checks of `schoolrun batch` and `compare`
outputs, computed from each plan's own timetable.csv, plan.json and the
example's riders.csv with Python's csv and json modules (none of the C
code's parsing or arithmetic).

  batch_check.py region OUT           region.csv against every plan of OUT
  batch_check.py compare A B CMP.csv  the change rows of compare.csv against
                                      the two plans' timetables and
                                      unserved lists
  batch_check.py html OUT LANG        OUT/region.html: its language, its
                                      headings (this file's own words), a
                                      row per district with region.csv's
                                      shares and counts, every message in a
                                      wrapping cell
  batch_check.py cmphtml HTML LANG    a compare.html: its language and the
                                      figure table's headings
Exits 1 with a message on the first disagreement."""
import csv
import datetime
import html.parser
import json
import os
import re
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


def each_call(plan_dir):
    """Every call at a village from timetable.csv, per day: ((day, session,
    direction, stop_id), time, bus)."""
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
                yield (day, r["session"], d, r["stop_id"]), t, r["bus"]


def visits(plan_dir):
    """(day, session, direction, stop_id) -> ([times], {buses}) from timetable.csv."""
    out = {}
    for k, t, bus in each_call(plan_dir):
        e = out.setdefault(k, ([], set()))
        e[0].append(t)
        e[1].add(bus or "-")
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


def calls(plan_dir):
    """(day, session, direction, village) -> [(HH:MM, bus)], one per call."""
    out = {}
    for k, t, bus in each_call(plan_dir):
        out.setdefault(k, []).append((t[:5], bus))
    return out


def assignment(cost):
    """The rows' columns of a least-cost assignment of a square matrix
    (the Hungarian method with potentials, Kuhn-Munkres, as in Burkard,
    Dell'Amico & Martello, "Assignment Problems", 2009, 4.4)."""
    n = len(cost)
    INF = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (n + 1)
    p, way = [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [INF] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], INF, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    col = [0] * n
    for j in range(1, n + 1):
        if p[j]:
            col[p[j] - 1] = j - 1
    return col


def bus_matching(a, b):
    """A's buses matched to B's with the most shared calls (the same day,
    session, direction, village and minute), a name kept winning a tie;
    pairs sharing no call are not matched."""
    ca, cb = calls(a), calls(b)
    an = sorted({x for v in ca.values() for _, x in v if x})
    bn = sorted({x for v in cb.values() for _, x in v if x})
    w = {}
    for k in set(ca) & set(cb):
        for ta, xa in ca[k]:
            for tb, xb in cb[k]:
                if ta == tb and xa and xb:
                    w[(xa, xb)] = w.get((xa, xb), 0) + 1
    n = max(len(an), len(bn))
    cost = [[0.0] * n for _ in range(n)]
    for i, x in enumerate(an):
        for j, y in enumerate(bn):
            if (x, y) in w:
                cost[i][j] = -(w[(x, y)] + (1e-3 if x == y else 0))
    col = assignment(cost) if n else []
    return {x: bn[col[i]] for i, x in enumerate(an) if col[i] < len(bn) and (x, bn[col[i]]) in w}


def expected_changes(a, b):
    va, vb = visits(a), visits(b)
    match = bus_matching(a, b)
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
            # the same calls under another bus: A's buses there all matched,
            # onto exactly B's buses there
            mapped = {match.get(x) for x in va[k][1]} if k in va and k in vb else {None}
            kind = "bus_renamed" if None not in mapped and " ".join(sorted(mapped)) == bb else "bus"
            rows.setdefault((kind, ses, d, vid, ba, bb, ""), set()).add(day)
    ua, ub = unserved(a), unserved(b)
    for k in set(ua) | set(ub):
        day, ses, d, vid = k
        x, y = ua.get(k, 0), ub.get(k, 0)
        if x != y:
            rows.setdefault(("unserved", ses, d, vid, str(x), str(y), "%+d" % (y - x)), set()).add(day)
    return merge_days(rows)


def week_counts(plan_dir):
    with open(os.path.join(plan_dir, "plan.json"), encoding="utf-8") as f:
        wk = json.load(f)["week"]
    return wk["same_bus_runs"], wk["repeating_runs"], wk["round_trips_same_bus"], wk["round_trips"]


def check_share_rows(a, b, figs):
    """compare.csv's figure rows of the two promises: each plan's counts
    and shares, the delta B - A (percentage points of the exact shares for
    the shares)."""
    ca, cb = week_counts(a), week_counts(b)
    sa, sb = shares(*ca), shares(*cb)
    exact = lambda c, i: 100.0 * c[i] / c[i + 1] if c[i + 1] else 100.0
    for k in sa:
        if k.endswith("_pct"):
            i = 0 if k.startswith("same") else 2
            delta = "%+.1f" % (exact(cb, i) - exact(ca, i))
        else:
            delta = "%+d" % (int(sb[k]) - int(sa[k]))
        r = figs.get(k)
        if not r or (r["a"], r["b"], r["delta"]) != (sa[k], sb[k], delta):
            fail("compare.csv figure %s: %s, the plans say %s" % (k, r and (r["a"], r["b"], r["delta"]), (sa[k], sb[k], delta)))


def longest_week(plan_dir):
    """The longest working week of a bus's drivers, recomputed from
    plan.json's duties: working time times the pattern's days, summed."""
    with open(os.path.join(plan_dir, "plan.json"), encoding="utf-8") as f:
        pj = json.load(f)
    week = {}
    for p in pj["patterns"]:
        n = bin(p["days_mask"]).count("1")
        for d in p["duties"]:
            if d["runs"]:
                week[d["bus"]] = week.get(d["bus"], 0) + n * d["shift_s"]
    return max(week.values(), default=0)


def check_week_row(a, b, figs):
    """compare.csv's longest_week: each plan's, and B - A in hours."""
    wa, wb = longest_week(a), longest_week(b)
    want = (hms(wa), hms(wb), "%+.1f" % ((wb - wa) / 3600.0))
    r = figs.get("longest_week")
    if not r or (r["a"], r["b"], r["delta"]) != want:
        fail("compare.csv figure longest_week: %s, the plans say %s" % (r and (r["a"], r["b"], r["delta"]), want))


def check_compare(a, b, cmp_csv):
    got = set()
    figs = {}
    with open(cmp_csv, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["kind"] == "figure":
                figs[r["item"]] = r
                continue
            got.add((r["kind"], r["session"], r["direction"], r["village_id"], r["days"], r["a"], r["b"], r["delta"]))
    check_share_rows(a, b, figs)
    check_week_row(a, b, figs)
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


def pct(part, whole):
    """A share as region.csv writes it: one decimal, 100 when there is
    nothing to share (as summary.txt says it)."""
    return "%.1f" % (100.0 * part / whole if whole else 100.0)


def shares(same_runs, repeating, rt_same, rt):
    """The two promises to families: runs on one bus all week of the
    repeating runs, children's round trips home by the same bus."""
    return {"same_bus_week_pct": pct(same_runs, repeating), "same_bus_runs": str(same_runs),
            "repeating_runs": str(repeating), "home_same_bus_pct": pct(rt_same, rt),
            "round_trips_same_bus": str(rt_same), "round_trips": str(rt)}


def term_days(settings):
    """The term's days with runs possible: term_start..term_end less the
    days without runs, here the fixed Russian public holidays (the default
    no_service) or none, counted with Python's calendar."""
    t0, t1 = (datetime.date.fromisoformat(settings[k]) for k in ("term_start", "term_end"))
    hol = {"ru_holidays": {(1, i) for i in range(1, 9)} | {(2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4)},
           "none": set()}
    if settings["no_service"] not in hol:
        fail("batch_check counts only no_service ru_holidays or none, not %s" % settings["no_service"])
    days = [t0 + datetime.timedelta(i) for i in range((t1 - t0).days + 1)]
    return [d for d in days if (d.month, d.day) not in hol[settings["no_service"]]]


def figures(plan_dir, riders_csv, fleet_csv):
    with open(os.path.join(plan_dir, "plan.json"), encoding="utf-8") as f:
        pj = json.load(f)
    with open(fleet_csv, newline="", encoding="utf-8") as f:
        fleet = sum(1 for r in csv.DictReader(f) if any(v.strip() for v in r.values() if v))
    term = term_days(pj["settings"])
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
    km = empty = km_term = 0.0
    shift = 0
    week = {}
    for p in pj["patterns"]:
        n = bin(p["days_mask"]).count("1")
        n_term = sum(1 for d in term if (p["days_mask"] >> d.weekday()) & 1)
        run_m = {r["id"]: r["meters"] for r in p["runs"]}
        for d in p["duties"]:
            if not d["runs"]:
                continue
            km_term += d["meters"] * n_term
            km += d["meters"] * n
            empty += (d["meters"] - sum(run_m[x] for x in d["runs"])) * n
            shift = max(shift, d["return_depot_s"] - d["depart_depot_s"])
            week[d["bus"]] = week.get(d["bus"], 0) + n * d["shift_s"]
    u = sum(uns.values())
    wk = pj["week"]
    # buses to add so that everyone rides: the most a day pattern needs
    more = max((f["extra_buses"] for f in pj["serve_all"]), default=0)
    # ... with split shifts: none where they alone do, else the fewer
    # they need, else as many
    more_split = max((0 if f.get("split_shift") else (f.get("extra_buses_split") or f["extra_buses"])
                      for f in pj["serve_all"]), default=0)
    return {**shares(wk["same_bus_runs"], wk["repeating_runs"], wk["round_trips_same_bus"], wk["round_trips"]),
            "children": str(children), "served": str(children - u), "unserved": str(u),
            "buses_day_max": str(max((len(s) for s in day_buses.values()), default=0)),
            "buses_week": str(len(week_buses)), "fleet": str(fleet), "more_buses": str(more),
            "more_buses_split": str(more_split),
            "runs_week": str(runs_week),
            "km_week": km / 1000.0, "empty_km_week": empty / 1000.0, "km_term": km_term / 1000.0,
            "longest_ride": hms(longest), "longest_shift": hms(shift),
            "longest_week": hms(max(week.values(), default=0))}


def scenario_groups(out, rows):
    """The planned districts that plan one district, found from each
    plan.json's inputs (sha256), not from schoolrun's grouping: the same
    map and the same riders or the same sessions. The groups of two or
    more in job order, and whether one of them holds every planned
    district (a batch of scenarios)."""
    sha = {}
    for r in rows:
        if r["district"] != "(total)" and r["status"] in ("0", "3"):
            with open(os.path.join(out, r["district"], "plan.json"), encoding="utf-8") as f:
                sha[r["district"]] = [i["sha256"] for i in json.load(f)["inputs"][:3]]
    group = {n: {n} for n in sha}
    names = list(sha)
    for i, a in enumerate(names):
        for b in names[:i]:
            m, s = sha[a], sha[b]
            if m[0] == s[0] and (m[1] == s[1] or m[2] == s[2]) and group[a] is not group[b]:
                both = group[a] | group[b]
                for n in both:
                    group[n] = both
    groups, seen = [], set()
    for n in names:
        if len(group[n]) > 1 and n not in seen:
            groups.append([x for x in names if x in group[n]])
            seen |= group[n]
    return groups, len(groups) == 1 and len(groups[0]) == len(sha)


def check_seconds(out, rows):
    """The last column, seconds, is each plan's run time as its run record
    (OUT/runs/<name>.csv) measured it, empty where there is no record; the
    total is their sum."""
    if list(rows[0].keys())[-1] != "seconds":
        fail("region.csv's last column is %s, not seconds" % list(rows[0].keys())[-1])
    total = 0.0
    for r in rows:
        if r["district"] == "(total)":
            continue
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
    if rows[-1]["district"] == "(total)" and abs(float(rows[-1]["seconds"] or 0) - total) > 0.0051 * len(rows):
        fail("total seconds %s, the records add up to %.3f" % (rows[-1]["seconds"], total))


def check_total_shares(rows):
    """The total's shares are the ratio of the summed counts, not the mean
    of the districts' percentages."""
    keys = ["same_bus_runs", "repeating_runs", "round_trips_same_bus", "round_trips"]
    planned = [r for r in rows[:-1] if r["status"] in ("0", "3")]
    sums = [sum(int(r[k]) for r in planned) for k in keys]
    want = shares(*sums)
    for k, v in want.items():
        if rows[-1][k] != v:
            fail("(total) %s = %s, the summed counts give %s" % (k, rows[-1][k], v))
    differs = 0
    for k in ("same_bus_week_pct", "home_same_bus_pct"):
        mean = "%.1f" % (sum(float(r[k]) for r in planned) / len(planned))
        differs += mean != rows[-1][k]
        note = "the mean of percentages would be %s" % mean
        print("ok (total) %s = %s from the summed counts (%s)" % (k, rows[-1][k], note))
    if not differs:
        fail("these districts' shares cannot tell a ratio of sums from a mean of percentages")


def check_region(out):
    with open(os.path.join(out, "jobs.csv"), newline="", encoding="utf-8") as f:
        jobs = {r["district"]: r["dir"] for r in csv.DictReader(f)}
    with open(os.path.join(out, "region.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    groups, _ = scenario_groups(out, rows)
    if [r["district"] for r in rows] != list(jobs) + ([] if groups else ["(total)"]):
        fail("region.csv lists %s, jobs.csv %s, scenarios of one district %s (no total with them)" %
             ([r["district"] for r in rows], list(jobs), groups))
    total_children = 0
    checked = 0
    for r in rows if groups else rows[:-1]:
        if r["status"] not in ("0", "3"):
            if r["children"]:
                fail("%s: failed plan with figures" % r["district"])
            continue
        # the files the plan read (a scenario's conf includes its base's)
        with open(os.path.join(out, r["district"], "plan.json"), encoding="utf-8") as f:
            conf = json.load(f)["settings"]
        riders, fleet = conf["riders"], conf["fleet"]
        want = figures(os.path.join(out, r["district"]), riders, fleet)
        for k, v in want.items():
            ok = abs(float(r[k]) - v) <= 0.051 + 1e-9 * v if isinstance(v, float) else r[k] == v
            if not ok:
                fail("%s: region.csv %s = %s, the plan says %s" % (r["district"], k, r[k], v))
        if (r["status"] == "3") != (want["unserved"] != "0"):
            fail("%s: status %s but %s unserved" % (r["district"], r["status"], want["unserved"]))
        total_children += int(r["children"])
        checked += 1
    if not groups:
        if int(rows[-1]["children"]) != total_children:
            fail("total children %s, districts add up to %d" % (rows[-1]["children"], total_children))
        check_total_shares(rows)
    else:
        print("ok region.csv has no total: %s plan one district each" % groups)
    check_seconds(out, rows)
    print("ok region.csv agrees with the timetables and plan.json of %d plans" % checked)


HEADINGS = {
    "ru": ["район (страницы)", "статус", "детей", "перевезено", "не обслужено",
           "автобусов (больше всего за день)", "автобусов (разных за неделю)", "автобусов в парке",
           "ещё автобусов, чтобы перевезти всех",
           "… при раздельных сменах водителей", "рейсов в неделю", "км в неделю", "порожний пробег, км в неделю", "км за период",
           "самая долгая поездка",
           "самый долгий день автобуса", "самая долгая рабочая неделя", "тот же автобус всю неделю",
           "домой тем же автобусом",
           "время расчёта, с", "память, МБ", "сообщение"],
    "en": ["district (pages)", "status", "children", "served", "unserved", "buses (most on a day)",
           "buses (distinct a week)", "buses in the fleet",
           "more buses to take everyone", "... with split shifts", "runs a week", "km a week",
           "empty km a week", "km in the term", "longest ride",
           "longest bus day", "longest drivers' week", "same bus all week", "home by the same bus",
           "run time s", "peak MB",
           "message"],
}
TITLES = {"ru": ("Регион, районов: %d", "итого", "журнал"),
          "en": ("Region: %d districts", "total", "log")}
# a batch of one district's scenarios: heading, first column, the note
SCEN_TITLES = {"ru": "Варианты плана одного района: %d", "en": "Scenarios of one district: %d"}
SCENARIO = {"ru": "вариант", "en": "scenario"}
SCEN_NOTE = {"ru": "%s — варианты плана одного района", "en": "%s plan one district"}
UNSERVED_NOTE = {"ru": "не обслужено детей: %d, групп: %d (см. summary.txt)",
                 "en": "%d children in %d groups are not served (see summary.txt)"}
CMP_HEADINGS = {"ru": ["показатель", "A", "B", "B − A"], "en": ["figure", "A", "B", "B − A"]}
CMP_ROWS = {"ru": ["тот же автобус всю неделю", "домой тем же автобусом"],
            "en": ["same bus all week", "home by the same bus"]}


class Page(html.parser.HTMLParser):
    """The text of every cell, by table and row, with each cell's class;
    h1 and the <html lang>; soft hyphens (U+00AD) dropped."""

    def __init__(self, path):
        super().__init__()
        self.lang, self.h1, self.style, self.tables = None, "", "", []
        self.cell = None
        self.where = None
        with open(path, encoding="utf-8") as f:
            self.feed(f.read())

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = [tag, a.get("class") or "", ""]
            self.tables[-1][-1].append(self.cell)
        elif tag in ("h1", "style"):
            self.where = tag

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.cell[2] = " ".join(self.cell[2].replace("\u00ad", "").split())
            self.cell = None
        elif tag in ("h1", "style"):
            self.where = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[2] += data
        elif self.where == "h1":
            self.h1 += data
        elif self.where == "style":
            self.style += data


def check_message(out, r, cell, lang):
    """A district's message: the plan's error as batch.csv has it, the
    unserved note in the page's language from plan.json's counts, in a
    cell that wraps."""
    with open(os.path.join(out, "batch.csv"), newline="", encoding="utf-8") as f:
        msg = next(b["message"] for b in csv.DictReader(f) if b["district"] == r["district"])
    if r["status"] == "3":
        with open(os.path.join(out, r["district"], "plan.json"), encoding="utf-8") as f:
            pj = json.load(f)
        msg = UNSERVED_NOTE[lang] % (pj["unserved_children"], pj["unserved_groups"])
    if cell[2] != " ".join(msg.split()):
        fail("%s: message '%s' in region.html, want '%s'" % (r["district"], cell[2], msg))
    if "msg" not in cell[1].split():
        fail("%s: the message cell does not wrap" % r["district"])


def check_term_line(out, rows, lang):
    """Under the heading, the term the planned districts share (as their
    printed pages write it), or that their terms differ."""
    terms = set()
    for r in rows:
        if r["district"] != "(total)" and r["status"] in ("0", "3"):
            with open(os.path.join(out, r["district"], "plan.json"), encoding="utf-8") as f:
                st = json.load(f)["settings"]
            terms.add("\u2013".join(".".join(reversed(st[k].split("-"))) for k in ("term_start", "term_end")))
    with open(os.path.join(out, "region.html"), encoding="utf-8") as f:
        text = f.read()
    line = text.split("</h1>\n", 1)[1].split("\n", 1)[0]
    if len(terms) == 1:
        want = "%s: %s</p>" % ({"ru": "Учебный период", "en": "Term"}[lang], terms.pop())
    else:
        want = {"ru": "Учебные периоды районов различаются", "en": "The districts' terms differ"}[lang]
    if not line.startswith("<p>") or want not in line:
        fail("region.html: the line under the heading is '%s', want '%s'" % (line, want))


def read_xlsx(path):
    """The first sheet of an .xlsx as rows of {column: value}, read with
    zipfile and the sheet's XML (not libxlsxwriter): strings as text,
    numbers as (number, format code)."""
    import zipfile
    import xml.etree.ElementTree as ET
    m = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    z = zipfile.ZipFile(path)
    shared = ["".join(t.text or "" for t in si.iter(m + "t"))
              for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall(m + "si")]
    styles = ET.fromstring(z.read("xl/styles.xml"))
    fmts = {int(f.get("numFmtId")): f.get("formatCode") for f in styles.iter(m + "numFmt")}
    xfs = [int(x.get("numFmtId", "0")) for x in styles.find(m + "cellXfs").findall(m + "xf")]
    rows = []
    for row in ET.fromstring(z.read("xl/worksheets/sheet1.xml")).iter(m + "row"):
        cells = {}
        for c in row.findall(m + "c"):
            v = c.find(m + "v")
            if v is None:
                continue
            col = ord(c.get("r")[0]) - 65 if not c.get("r")[1].isalpha() else \
                (ord(c.get("r")[0]) - 64) * 26 + ord(c.get("r")[1]) - 65
            cells[col] = shared[int(v.text)] if c.get("t") == "s" else \
                (float(v.text), fmts.get(xfs[int(c.get("s", "0"))], ""))
        rows.append(cells)
    return rows


def check_xlsx(out, lang):
    """region.xlsx: the rows of region.csv (every figure, status, the
    total), headings as region.html's (run time and memory left out: not
    what the plans determine), times as Excel times."""
    with open(os.path.join(out, "region.csv"), newline="", encoding="utf-8") as f:
        csv_rows = list(csv.DictReader(f))
    rows = read_xlsx(os.path.join(out, "region.xlsx"))
    keys = list(csv_rows[0].keys())[2:-1]
    heads = [h for h in HEADINGS[lang] if h not in HEADINGS[lang][-3:-1]]
    if scenario_groups(out, csv_rows)[1]:
        heads[0] = SCENARIO[lang] + " (pages)"
    want_heads = [heads[0].split(" (")[0], heads[1]]
    got_heads = [rows[0].get(k) for k in range(len(keys) + 3)]
    if got_heads[:2] != want_heads or got_heads[-1] != heads[-1] or len(rows) != len(csv_rows) + 1:
        fail("region.xlsx: headings %s, %d rows; want %s ... %s, %d rows" %
             (got_heads, len(rows), want_heads, heads[-1], len(csv_rows) + 1))
    for r, x in zip(csv_rows, rows[1:]):
        name = x.get(0)
        if (name != r["district"] and r["district"] != "(total)") or int(x[1][0]) != int(r["status"]):
            fail("region.xlsx row %s/%s, region.csv %s/%s" % (name, x.get(1), r["district"], r["status"]))
        for i, k in enumerate(keys):
            if r[k] == "":
                if 2 + i in x:
                    fail("region.xlsx: %s has %s = %s without figures" % (name, k, x[2 + i]))
                continue
            v, fmt = x[2 + i]
            if ":" in r[k]:
                want = sum(int(a) * b for a, b in zip(r[k].split(":"), (3600, 60, 1)))
                ok = "h" in fmt and abs(v * 86400 - want) < 0.5
            else:
                ok = abs(v - float(r[k])) <= 0.051
            if not ok:
                fail("region.xlsx: %s %s = %s (%s), region.csv %s" % (r["district"], k, v, fmt, r[k]))
    print("ok region.xlsx in %s: %d rows equal region.csv's figures" % (lang, len(rows) - 1))


def check_html(out, lang):
    page = Page(os.path.join(out, "region.html"))
    with open(os.path.join(out, "region.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if page.lang != lang:
        fail("region.html: <html lang=%s>, want %s" % (page.lang, lang))
    h1, total, log = TITLES[lang]
    groups, all_one = scenario_groups(out, rows)
    n = len(rows) - (0 if groups else 1)
    if not all_one:  # a district's scenarios are one district
        n -= sum(len(g) - 1 for g in groups)
    h1 = (SCEN_TITLES[lang] if all_one else h1) % n
    if lang == "en" and n == 1:
        h1 = h1[:-1]  # "Region: 1 district"
    if page.h1 != h1:
        fail("region.html: heading '%s', want '%s'" % (page.h1, h1))
    check_term_line(out, rows, lang)
    table = page.tables[0]
    heads = [c[2] for c in table[0]]
    want = list(HEADINGS[lang])
    if all_one:
        want[0] = want[0].replace(want[0].split()[0], SCENARIO[lang])
    if heads != want:
        fail("region.html headings %s, want %s" % (heads, want))
    with open(os.path.join(out, "region.html"), encoding="utf-8") as f:
        text = html.unescape(f.read())
    for g in groups:
        if SCEN_NOTE[lang] % ", ".join(g) not in text:
            fail("region.html does not say that %s plan one district" % ", ".join(g))
    if "td.msg" not in page.style or "overflow-wrap:anywhere" not in page.style:
        fail("region.html: no wrapping rule for the message column")
    body = table[1:]
    if len(body) != len(rows):
        fail("region.html has %d rows, region.csv %d" % (len(body), len(rows)))
    col = {h: i for i, h in enumerate(HEADINGS["en"])}
    for cells, r in zip(body, rows):
        name = cells[0][2].split()[0]
        if r["district"] != "(total)" and (name != r["district"] or log not in cells[0][2]):
            fail("region.html row '%s' for district %s (with its %s link)" % (cells[0][2], r["district"], log))
        if r["district"] == "(total)" and cells[0][2] != total:
            fail("region.html total row is '%s', want '%s'" % (cells[0][2], total))
        if cells[col["status"]][2] != r["status"]:
            fail("%s: status %s in region.html, %s in region.csv" % (r["district"], cells[1][2], r["status"]))
        for key, head, n, d in (("same_bus_week_pct", "same bus all week", "same_bus_runs", "repeating_runs"),
                                ("home_same_bus_pct", "home by the same bus", "round_trips_same_bus", "round_trips")):
            want = "%s %% (%s/%s)" % (r[key], r[n], r[d]) if r[key] else ""
            if cells[col[head]][2] != want:
                fail("%s: '%s' in region.html, region.csv says '%s'" % (r["district"], cells[col[head]][2], want))
        if r["district"] != "(total)":
            check_message(out, r, cells[col["message"]], lang)
    print("ok region.html in %s: %d headings, %d districts, shares with their counts" % (lang, len(heads), len(rows) - 1))
    return body


def check_cmphtml(path, lang):
    page = Page(path)
    if page.lang != lang:
        fail("%s: <html lang=%s>, want %s" % (path, page.lang, lang))
    figs = next(t for t in page.tables if t[0] and t[0][0][2] == CMP_HEADINGS[lang][0])
    heads = [c[2] for c in figs[0]]
    if heads != CMP_HEADINGS[lang]:
        fail("%s: figure headings %s, want %s" % (path, heads, CMP_HEADINGS[lang]))
    labels = [r[0][2] for r in figs[1:]]
    if not all(x in labels for x in CMP_ROWS[lang]):
        fail("%s: figure rows %s lack %s" % (path, labels, CMP_ROWS[lang]))
    # the change rows as the printed pages write days and times: "Вт, Чт",
    # "Пн–Пт", 17:17 (compare.csv keeps "Tue,Thu" and seconds)
    one = "(Пн|Вт|Ср|Чт|Пт|Сб|Вс|Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
    day = one + "(–" + one + ")?"
    times = 0
    for t in page.tables:
        if not t or len(t[0]) != 8:
            continue
        for r in t[1:]:
            days, what, a, b = r[3][2], r[4][2], r[5][2], r[6][2]
            if not re.fullmatch(day + "(, " + day + ")*", days):
                fail("%s: days '%s' not as the pages write them" % (path, days))
            if what in ("время", "time"):
                times += 1
                for v in (a, b):
                    if not re.fullmatch(r"-|\d\d:\d\d( \d\d:\d\d)*", v):
                        fail("%s: time '%s' not as the pages write it (HH:MM)" % (path, v))
    print("ok %s in %s (%d time rows)" % (os.path.basename(path), lang, times))


if __name__ == "__main__":
    if sys.argv[1] == "region":
        check_region(sys.argv[2])
    elif sys.argv[1] == "compare":
        check_compare(sys.argv[2], sys.argv[3], sys.argv[4])
    elif sys.argv[1] == "xlsx":
        check_xlsx(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "html":
        check_html(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "cmphtml":
        check_cmphtml(sys.argv[2], sys.argv[3])
    else:
        fail("usage")
