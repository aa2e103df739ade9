#!/usr/bin/env bash
# test_hints.sh - hints worth a bus (setting hints = on) on the bundled
# district: every hint that moves a session's start is checked by planning
# the district again with that session really moved (sessions.csv edited):
# the days it names must then need at most the plan's buses less the buses
# it says are saved. A plan without the setting has no hints.
set -u
exe=${SR_EXE:?}
src=${SR_SOURCE_DIR:?}
tmp=$(mktemp -d /tmp/test_hints.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
dist=$src/examples/district
"$exe" plan "$dist" --out "$tmp/base" -q --hints on --lang en 2>"$tmp/base.err" || {
	echo "FAIL plan with hints"; cat "$tmp/base.err"; exit 1; }
"$exe" plan "$dist" --out "$tmp/plain" -q 2>/dev/null
grep -q '"hints":\[' "$tmp/plain/plan.json" && { echo "FAIL hints without the setting"; exit 1; }
python3 - "$tmp" "$dist" "$exe" "$src" <<'PY'
import csv, json, os, subprocess, sys
tmp, dist, exe, src = sys.argv[1:]
plan = json.load(open(tmp + "/base/plan.json", encoding="utf-8"))
summary = open(tmp + "/base/summary.txt", encoding="utf-8").read()
hints = plan["hints"]
def buses(p):
    out = {}
    for pat in p["patterns"]:
        for d in pat["days"].split(","):
            out[d] = len(pat["duties"])
    return out
base, bad, checked = buses(plan), 0, 0
for h in hints:
    if "Hint: session %s" % h["session"] not in summary:
        print("FAIL hint for %s not in summary.txt" % h["session"]); bad += 1
    if h["late_window"]:
        continue
    d = "%s/m%d" % (tmp, checked)
    os.makedirs(d)
    rows = list(csv.reader(open(dist + "/sessions.csv", encoding="utf-8")))
    for r in rows[1:]:
        if r[0] == h["session"]:
            for k in (3, 4):
                hh, mm = map(int, r[k].split(":"))
                t = hh * 60 + mm + h["move_min"]
                r[k] = "%02d:%02d" % (t // 60, t % 60)
    csv.writer(open(d + "/sessions.csv", "w", encoding="utf-8", newline="")).writerows(rows)
    conf = open(dist + "/plan.conf", encoding="utf-8").read().replace("../../maps", src + "/maps")
    conf = conf.replace("sessions = sessions.csv", "sessions = " + d + "/sessions.csv")
    conf = conf.replace("riders.csv", dist + "/riders.csv").replace("fleet.csv", dist + "/fleet.csv")
    open(d + "/plan.conf", "w", encoding="utf-8").write(conf)
    subprocess.run([exe, "plan", d, "--out", d + "/out", "-q"], check=False)
    moved = buses(json.load(open(d + "/out/plan.json", encoding="utf-8")))
    for day in h["days"].split(","):
        if moved.get(day, 0) > base[day] - h["buses_saved"]:
            print("FAIL %s moved %+d min: %s needs %d buses, the hint says %d - %d" %
                  (h["session"], h["move_min"], day, moved.get(day, 0), base[day], h["buses_saved"]))
            bad += 1
    checked += 1
print("%d hints, %d checked by planning with the session moved" % (len(hints), checked))
if checked == 0:
    print("FAIL no hint to check on the bundled district"); bad += 1
sys.exit(1 if bad else 0)
PY
