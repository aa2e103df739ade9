#!/usr/bin/env bash
# test_replan_part.sh CHECKER - a re-plan that takes a new group only in
# part (data/li_part, a district cut from the shared liechtenstein-2021
# map; skipped without it). Mid-term 5 children of Gamprin join the
# football; the two buses have room for 2 of them.
# - changes.csv gives the group's rows with the reason for the rest and
#   how many that is (children_left), and agrees with the two plans
#   (replan_check.py changes, which counts them from plan.json itself);
#   before, the rows said "new group, 2 children" and nothing of the 3.
# - The families' page says it: "не везут детей 3: …" on both ways, the
#   way home in families' words, without the riders.csv hint.
# - The independent checker accepts the re-plan with --keep.
set -u
. "$(dirname "$0")/shared_term.sh" li_part liechtenstein-2021.osm.gz replan_part "$@"
here=$(cd "$(dirname "$0")" && pwd)
plan term "$dir" || exit 1
more_term # the term mid-way: $tmp/more
"$exe" plan "$tmp/more" --keep "$tmp/term/plan.json" --map "$map" --out "$tmp/kept" -q \
	2>"$tmp/kept.err"
rc=$?
[ $rc -eq 3 ] || { bad "the re-plan: exit $rc, want 3 (children left out)"; cat "$tmp/kept.err"; }
python3 "$here/replan_check.py" changes "$tmp/term/plan.json" "$tmp/kept/plan.json" \
	"$tmp/kept/changes.csv" >"$tmp/rc" && echo "ok $(tail -1 "$tmp/rc")" ||
	{ bad "replan_check changes"; cat "$tmp/rc"; }
"$checker" "$tmp/more" "$tmp/kept" --keep "$tmp/term" >"$tmp/chk" 2>&1 ||
	{ bad "the checker rejects the re-plan"; tail -5 "$tmp/chk"; }
python3 - "$tmp/kept" <<'PY' || fail=1
import csv, json, re, sys
d = sys.argv[1]
plan = json.load(open(d + "/plan.json", encoding="utf-8"))
want = sum(r["children"] for r in plan["riders"]
           if r["pickup"] == "n240080206" and r["session"] == "Футбол")
rows = [r for r in csv.DictReader(open(d + "/changes.csv", encoding="utf-8"))
        if r["village"] == "Gamprin" and r["session"] == "Футбол"]
bad = 0
if want != 5 or len(rows) < 2:
    print("FAIL Gamprin's football: %d children in riders, %d change rows" % (want, len(rows)))
    bad = 1
for r in rows:
    carried, left = int(r["children"]), int(r["children_left"])
    if r["kind"] != "new" or carried < 1 or carried + left != 5 or left < 1 or not r["reason_code"]:
        print("FAIL Gamprin %s: %s carried, %s left, reason '%s'" %
              (r["direction"], r["children"], r["children_left"], r["reason_code"]))
        bad = 1
text = re.sub(r"<[^>]+>", "", open(d + "/print/changes.html", encoding="utf-8").read())
for r in rows:
    if "не везут детей %s: " % r["children_left"] not in text:
        print("FAIL changes.html does not say that %s children are not carried" % r["children_left"])
        bad = 1
if "нет рейса на занятие, поэтому нет и рейса домой" not in text or "riders.csv" in text:
    print("FAIL changes.html: the way home not in families' words")
    bad = 1
if not bad:
    print("ok Gamprin: " + "; ".join("%s %s carried, %s left (%s)" % (
        r["direction"], r["children"], r["children_left"], r["reason_code"]) for r in rows))
sys.exit(bad)
PY
exit $fail
