#!/usr/bin/env python3
"""replan_check.py - an independent check of a re-plan's changes.csv
(schoolrun plan --keep), from the two plans' own plan.json, with its own
reading and its own computation. (Whether the re-plan kept what it should
and honoured the locks is the plan checker's part: check_plan --keep.)

  replan_check.py changes OLD/plan.json NEW/plan.json NEW/changes.csv [--zero]
    Per day, session, direction and village: the times (the bus leaving the
    village on runs to the session, arriving there on runs home; HH:MM),
    buses and children of both plans. Fails when changes.csv does not list
    exactly the days and villages where the times or buses differ, or where
    the new plan carries fewer of the children than the earlier one and
    says why (with the right old and new times and buses), when a row's
    reason is not the one the new plan's sessions, riders and unserved list
    give (a session or village removed included), or (--zero) when anything
    changed at all.

  replan_check.py alternative KEPT/plan.json TAKEN/plan.json TAKEN/changes.csv OLD/plan.json
    The alternatives a re-plan offered (replan.alternative of KEPT) against
    the plan that took them (keep_priority = buses): on each alternative's
    days TAKEN needs exactly buses_saved fewer buses than KEPT, and it
    changes exactly children_changed children of the earlier plan OLD there
    (counted from the two plan.json: per day, session, direction and
    village, the earlier children less those still called at the same
    minute by the same bus; a session and village once, with its most such
    children), on the days and villages changes.csv lists. Fails when none
    is offered.

  replan_check.py moved OLD/plan.json NEW/plan.json N
    Fails unless NEW changes exactly N children of OLD (counted as above,
    over the whole week) and says so in replan.changed_children.
"""
import csv
import json
import sys

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def hm(s):
    return "%02d:%02d" % (s // 3600, s // 60 % 60)


def visits(plan):
    """(day, session, direction, village) -> sorted [(HH:MM, bus, children)]."""
    dest = {s["id"]: s["destination"] for s in plan["sessions"]}
    out = {}
    for pat in plan["patterns"]:
        days = [d for d in range(7) if pat["days_mask"] >> d & 1]
        for r in pat["runs"]:
            home = r["direction"] == "home"
            for st in r["stops"]:
                kids = st["alight"] if home else st["board"]
                ses = st.get("session", r["session"])  # a mixed run: per stop
                if kids <= 0 or st["point"] == dest[ses]:
                    continue
                t = hm(st["arrival_s"] if home else st["departure_s"])
                for d in days:
                    key = (d, ses, r["direction"], st["point"])
                    out.setdefault(key, []).append((t, r["bus"] or "", kids))
    return {k: sorted(v) for k, v in out.items()}


def describe(v):
    times = " ".join(t for t, _, _ in v)
    buses = []
    for _, b, _ in v:
        if b not in buses:
            buses.append(b)
    return times, " ".join(buses)


def reason(new, key, none):
    """Why the new plan carries fewer of the children of key (all of them
    when none): the code its sessions, riders and unserved list give."""
    day, session, direction, village = key
    ses = {s["id"]: s for s in new["sessions"]}
    if session not in ses:
        return "session_removed"
    if not ses[session]["days_mask"] >> day & 1:
        return "not_on_day"
    rows = [r for r in new["riders"]
            if r["session"] == session and r["pickup"] == village and r["children"] > 0]
    want = "to" if direction == "to_session" else "from"
    if none and not rows:
        return "village_removed"
    if none and not any(r.get("direction", "both") in ("both", want) for r in rows):
        return "one_way"
    for u in new["unserved"]:
        if u["session"] == session and u["pickup"] == village and \
                u["direction"] in ("both", direction) and u["days_mask"] >> day & 1:
            return u["reason_code"]
    return ""


def need(new, key):
    """The children riders.csv gives key's village and session that way on
    key's day."""
    day, session, direction, village = key
    ses = {s["id"]: s for s in new["sessions"]}
    if session not in ses or not ses[session]["days_mask"] >> day & 1:
        return 0
    want = "to" if direction == "to_session" else "from"
    return sum(r["children"] for r in new["riders"]
               if r["session"] == session and r["pickup"] == village and
               r.get("direction", "both") in ("both", want))


def moved(a, b):
    """Of the earlier calls a (HH:MM, bus, children), the children not
    called at the same minute by the same bus in b."""
    def per(v):
        d = {}
        for t, bus, kids in v:
            d[(t, bus)] = d.get((t, bus), 0) + kids
        return d
    pa, pb = per(a), per(b)
    return sum(n - min(n, pb.get(k, 0)) for k, n in pa.items())


def changed(oldp, newp, days):
    """Children of oldp whose time or bus is not as before in newp on the
    days given: a session and village once, with its most."""
    old, new = visits(oldp), visits(newp)
    most = {}
    for key in set(old) | set(new):
        if key[0] not in days:
            continue
        m = moved(old.get(key, []), new.get(key, []))
        k2 = (key[1], key[3])
        most[k2] = max(most.get(k2, 0), m)
    return sum(most.values())


def check_moved(args):
    oldp, newp = (json.load(open(f, encoding="utf-8")) for f in args[:2])
    n = changed(oldp, newp, range(7))
    said = newp["replan"]["changed_children"]
    if n != int(args[2]) or said != n:
        print("FAIL %d children of the earlier plan change (replan.changed_children %d), "
              "expected %s" % (n, said, args[2]))
        return 1
    print("ok %d children of the earlier plan change, as changed_children says" % n)
    return 0


def check_changes(args):
    oldp, newp = (json.load(open(f, encoding="utf-8")) for f in args[:2])
    old, new = visits(oldp), visits(newp)
    want = {}
    for key in set(old) | set(new):
        a, b = old.get(key, []), new.get(key, [])
        kids_a, kids_b = sum(x[2] for x in a), sum(x[2] for x in b)
        # a new group (no earlier calls) taken in part: the rest with
        # its reason and count
        left = max(0, need(newp, key) - kids_b) if not a else 0
        why = reason(newp, key, not b) if (a and kids_b < kids_a) or left else ""
        left = left if why else 0
        if describe(a) != describe(b) or why:
            want[key] = (describe(a), describe(b), why, left)
    got = {}
    with open(args[2], encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for d in row["days"].split(","):
                key = (DAYS.index(d), row["session"], row["direction"], row["village_id"])
                got[key] = ((row["old_time"], row["old_bus"]), (row["new_time"], row["new_bus"]),
                            row["reason_code"], int(row["children_left"]))
                if row["reason_code"] and not row["reason"]:
                    print("FAIL %s %s %s: a reason code without a reason" % key[1:])
                    got[key] = None
    bad = 0
    for key in sorted(set(want) | set(got)):
        if want.get(key) != got.get(key):
            print("FAIL %s %s %s %s: the plans say %s, changes.csv %s" %
                  (DAYS[key[0]], key[1], key[2], key[3], want.get(key), got.get(key)))
            bad += 1
    if "--zero" in args and want:
        print("FAIL %d day-village changes where none were expected" % len(want))
        bad += 1
    reasons = sorted({w[2] for w in want.values() if w[2]})
    print("%d day-village changes (reasons: %s), changes.csv agrees: %s" %
          (len(want), ", ".join(reasons) or "none", "no" if bad else "yes"))
    return 1 if bad else 0


def check_alternative(args):
    kept, taken, oldp = (json.load(open(f, encoding="utf-8")) for f in (args[0], args[1], args[3]))
    rows = list(csv.DictReader(open(args[2], encoding="utf-8")))
    alts = kept["replan"]["alternative"]
    bad = 0 if alts else 1
    if not alts:
        print("FAIL no alternative offered")
    for a in alts:
        days = [d for d in range(7) if a["days_mask"] >> d & 1]
        for d in days:
            k, t = kept["week"]["buses_per_day"][d], taken["week"]["buses_per_day"][d]
            if k - t != a["buses_saved"]:
                print("FAIL %s: %d buses kept, %d taken: not %d fewer"
                      % (DAYS[d], k, t, a["buses_saved"]))
                bad = 1
        n = changed(oldp, taken, days)
        listed = {(r["session"], r["village_id"]) for r in rows
                  if r["kind"] != "new" and any(DAYS[d] in r["days"].split(",") for d in days)}
        if n != a["children_changed"]:
            print("FAIL %s: the plan taken changes %d children, the alternative says %d"
                  % (a["days"], n, a["children_changed"]))
            bad = 1
        elif n and not listed:
            print("FAIL %s: %d children changed, none listed in changes.csv" % (a["days"], n))
            bad = 1
        else:
            print("ok %s: %d bus(es) fewer a day, %d children changed, as offered"
                  % (a["days"], a["buses_saved"], a["children_changed"]))
    return bad


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "alternative":
        sys.exit(check_alternative(sys.argv[2:]))
    if len(sys.argv) == 5 and sys.argv[1] == "moved":
        sys.exit(check_moved(sys.argv[2:]))
    if len(sys.argv) < 5 or sys.argv[1] != "changes":
        sys.exit("usage: replan_check.py changes OLD/plan.json NEW/plan.json NEW/changes.csv [--zero]")
    sys.exit(check_changes(sys.argv[2:]))
