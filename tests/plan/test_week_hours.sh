#!/usr/bin/env bash
# test_week_hours.sh - the drivers' working week (the Labour Code's 40 hours,
# art. 91). On the bundled district, without split shifts, some buses' days
# are long (the stay at the depot between the morning and the afternoon
# runs is working time): each bus's week is recomputed here from plan.json's
# duties (working time times the days of the pattern) and must be what
# plan.json, summary.txt and the drivers' sheets say, and the warning
# week_hours must name exactly the buses above 40 hours. A bus with two
# drivers (fleet.csv max_week_h = 80) is no longer named, and the plan is the
# same; max_week_h = 0 checks nothing; a bad cell is an error naming it.
# With week_balance = yes the buses share the duties otherwise: the same
# runs at the same times, as many buses a day, the checker's rules kept,
# and less time over 40 hours in all.
set -u
exe=${SR_EXE:?}
checker=${1:?usage: test_week_hours.sh CHECK_PLAN}
src=${SR_SOURCE_DIR:?}/examples/district
tmp=$(mktemp -d /tmp/weekh.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

mkdir -p "$tmp/d"
sed "s|^map = .*|map = $src/../../maps/district.osm|" "$src/plan.conf" >"$tmp/d/plan.conf"
cp "$src/sessions.csv" "$src/riders.csv" "$src/fleet.csv" "$tmp/d/"
"$exe" plan "$tmp/d" --out "$tmp/a" 2>"$tmp/err-a"
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 3 ] || { bad "plan exit $rc: $(cat "$tmp/err-a")"; exit 1; }

# the weeks recomputed; prints the buses above 40 h, "ПАЗ-05 61:29" each
over=$(python3 - "$tmp/a" <<'EOF'
import json, os, sys, glob
out = sys.argv[1]
d = json.load(open(os.path.join(out, "plan.json"), encoding="utf-8"))
week = {b["id"]: 0 for b in d["buses"]}
drive = dict(week)
for pat in d["patterns"]:
    n = bin(pat["days_mask"]).count("1")
    for du in pat["duties"]:
        if du["runs"]:
            week[du["bus"]] += n * du["shift_s"]
            drive[du["bus"]] += n * du["driving_s"]
err = []
for i, b in enumerate(d["buses"]):
    if b["week_work_s"] != week[b["id"]] or b["week_driving_s"] != drive[b["id"]]:
        err.append(f"{b['id']}: plan.json says {b['week_work_s']}/{b['week_driving_s']}, "
                   f"recomputed {week[b['id']]}/{drive[b['id']]}")
    if b["max_week_h"] != 40:
        err.append(f"{b['id']}: max_week_h {b['max_week_h']}")
    hm = "%d:%02d" % (week[b["id"]] // 3600, week[b["id"]] // 60 % 60)
    for sheet in glob.glob(os.path.join(out, "print", f"bus-{i + 1}-*.html")):
        page = open(sheet, encoding="utf-8").read()
        want = f"Рабочее время за неделю: {hm}" + (", больше 40 ч" if week[b["id"]] > 40 * 3600 else ".")
        if want not in page:
            err.append(f"{sheet}: no '{want}'")
top = max(week.values())
dr = d["drivers"]
if dr["longest_week_s"] != top or week[dr["longest_week_bus"]] != top:
    err.append(f"drivers.longest_week {dr['longest_week_s']} {dr['longest_week_bus']}, want {top}")
summary = open(os.path.join(out, "summary.txt"), encoding="utf-8").read()
# each bus with a duty: its week and driving, and "больше 40 ч" above it
for b in d["buses"]:
    s, dv = week[b["id"]], drive[b["id"]]
    if not s:
        continue
    want = "\n  %s: %d:%02d (за рулём %d:%02d)%s\n" % (b["id"], s // 3600, s // 60 % 60, dv // 3600,
                                                     dv // 60 % 60, ", больше 40 ч" if s > 40 * 3600 else "")
    if want not in summary:
        err.append(f"summary.txt has no line{want!r}")
line = "самая долгая неделя:  %d:%02d (автобус %s; не более 40 ч)" % (top // 3600, top // 60 % 60, dr["longest_week_bus"])
if line not in summary:
    err.append(f"summary.txt has no '{line}'")
if err:
    print("\n".join(err), file=sys.stderr)
    sys.exit(1)
print(", ".join("%s %d:%02d" % (b["id"], week[b["id"]] // 3600, week[b["id"]] // 60 % 60)
                for b in d["buses"] if week[b["id"]] > 40 * 3600))
EOF
) || bad "the weeks do not match the duties"
[ -n "$over" ] || bad "no bus above 40 h on the district: the test needs one"
grep -q "drivers' working weeks longer than max_week_h = 40 h (the Labour Code's 40-hour week, art. 91): $over; a second driver" "$tmp/err-a" ||
	bad "the warning does not name exactly '$over': $(grep week "$tmp/err-a")"
grep -q "рабочая неделя водителя дольше max_week_h = 40 ч (40 часов в неделю, ст. 91 Трудового кодекса): $over; .* \[week_hours\]" "$tmp/a/summary.txt" ||
	bad "summary.txt's warning does not name '$over'"
grep -q '"code":"week_hours"' "$tmp/a/plan.json" || bad "no week_hours warning in plan.json"
# ... and on the printed pages' index, which a coordinator may open alone
grep -q '<h2>Предупреждения расчёта</h2>' "$tmp/a/print/index.html" &&
	grep -q "<li>рабочая неделя водителя дольше max_week_h = 40 ч (40 часов в неделю, ст. 91 Трудового кодекса): $over; " "$tmp/a/print/index.html" ||
	bad "print/index.html does not give the week's warning"

# two drivers on each bus named: no warning, the same plan
names=$(sed 's/ [0-9]*:[0-9]*//g; s/, /|/g' <<<"$over")
awk -F, -v n="^($names)\$" 'NR == 1 { print $0 ",max_week_h"; next }
	{ print $0 "," ($1 ~ n ? "80" : "") }' "$src/fleet.csv" >"$tmp/d/fleet.csv"
"$exe" plan "$tmp/d" --out "$tmp/b" 2>"$tmp/err-b"
rc=$?
{ [ $rc -eq 0 ] || [ $rc -eq 3 ]; } && ! grep -q week_hours "$tmp/err-b" "$tmp/b/summary.txt" "$tmp/b/plan.json" &&
	grep -q '"max_week_h":80' "$tmp/b/plan.json" && cmp -s "$tmp/a/timetable.csv" "$tmp/b/timetable.csv" ||
	bad "two drivers (max_week_h = 80): exit $rc, $(grep -c week_hours "$tmp/err-b") warnings, or another plan"

# not checked: no warning, no limit in summary.txt
cp "$src/fleet.csv" "$tmp/d/fleet.csv"
"$exe" plan "$tmp/d" --out "$tmp/c" --max-week-h 0 2>"$tmp/err-c"
rc=$?
{ [ $rc -eq 0 ] || [ $rc -eq 3 ]; } && ! grep -q week_hours "$tmp/err-c" "$tmp/c/plan.json" &&
	grep -q '^самая долгая неделя:  [0-9]*:[0-9]* (автобус [^;]*)$' "$tmp/c/summary.txt" ||
	bad "max_week_h 0: exit $rc, $(grep 'неделя' "$tmp/c/summary.txt")"

# the week balanced: the same runs and times, other buses on some days
cp "$src/fleet.csv" "$tmp/d/fleet.csv"
"$exe" plan "$tmp/d" --out "$tmp/e" --week-balance yes 2>"$tmp/err-e"
rc=$?
{ [ $rc -eq 0 ] || [ $rc -eq 3 ]; } || bad "week_balance: exit $rc: $(cat "$tmp/err-e")"
"$checker" "$tmp/d" "$tmp/e" >"$tmp/check-e" 2>&1 || { bad "week_balance: the checker rejects the plan"; tail -5 "$tmp/check-e"; }
python3 - "$tmp/a" "$tmp/e" <<'EOF' || bad "week_balance changed more than buses, or did not shorten the weeks"
import csv, json, os, sys
def rows(out):
    with open(os.path.join(out, "timetable.csv"), encoding="utf-8", newline="") as f:
        return sorted(tuple(v for k, v in r.items() if k != "bus") for r in csv.DictReader(f))
def over(out):
    d = json.load(open(os.path.join(out, "plan.json"), encoding="utf-8"))
    week = {}
    for pat in d["patterns"]:
        n = bin(pat["days_mask"]).count("1")
        for du in pat["duties"]:
            week[du["bus"]] = week.get(du["bus"], 0) + n * du["shift_s"]
    return sum(max(0, s - 40 * 3600) for s in week.values()), d["week"]["buses_per_day"]
a, e = sys.argv[1], sys.argv[2]
ok = rows(a) == rows(e)
(xa, da), (xe, de) = over(a), over(e)
print(f"over 40 h in all: {xa / 3600:.1f} h -> {xe / 3600:.1f} h; buses a day {da} -> {de}")
sys.exit(0 if ok and xe < xa and da == de else 1)
EOF
"$exe" plan "$tmp/d" --out "$tmp/e2" --week-balance yes -q 2>/dev/null
cmp -s "$tmp/e/timetable.csv" "$tmp/e2/timetable.csv" && cmp -s "$tmp/e/plan.json" "$tmp/e2/plan.json" ||
	bad "week_balance: two runs differ"
# the warning without the balance names it as a way out; with it, what is
# left is said so (a 20-hour week the district's fleet cannot give all)
grep -q "or week_balance = yes (other buses take some days' duties)" "$tmp/err-a" ||
	bad "the warning does not name week_balance"
"$exe" plan "$tmp/d" --out "$tmp/f" --week-balance yes --max-week-h 20 2>"$tmp/err-f"
grep -q "drivers' working weeks still longer than max_week_h = 20 h with the duties shared out" "$tmp/err-f" &&
	grep -q '"code":"week_hours_left"' "$tmp/f/plan.json" && ! grep -q '"code":"week_hours"' "$tmp/f/plan.json" ||
	bad "week_balance with max_week_h 20: $(grep week "$tmp/err-f")"

# a bad cell
awk -F, 'NR == 1 { print $0 ",max_week_h"; next } NR == 2 { print $0 ",много"; next } { print $0 "," }' \
	"$src/fleet.csv" >"$tmp/d/fleet.csv"
err=$("$exe" plan "$tmp/d" --out "$tmp/x" 2>&1 >/dev/null)
rc=$?
[ $rc -eq 2 ] && grep -q "fleet.csv:2:7: max_week_h must be hours, more than 0 and at most 168" <<<"$err" ||
	bad "bad max_week_h: exit $rc: $err"

[ $fail -eq 0 ] && echo "ok the drivers' working week"
exit $fail
