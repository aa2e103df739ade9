#!/usr/bin/env bash
# test_split_shift.sh CHECKER - split shifts (split_shift, hours.c and
# src/chain/day.c). A term on the bundled map whose only bus would need a
# 14-hour day on Tue/Thu: the kindergarten from 07:30 to 12:00 and swimming
# until 20:30. Without split_shift the day is over max_shift_h 12 and
# children are left (exit 3); with it the bus rests at its depot between the
# parts, its working time is the day less that break (at most
# split_break_max_h of it), and everyone is served (exit 0). With two buses
# the same term needs two buses without split shifts and one with them. The
# independent checker accepts each plan against its own settings and
# rejects the split plan against settings it breaks (no split shift, a
# shorter split_break_max_h, a shorter max_span_h, a longer
# split_break_min_h). plan.json, summary.txt and the driver's sheet show the
# split. Bad values are errors naming plan.conf and the line.
set -u
checker=$1
exe=${SR_EXE:?}
src=${SR_SOURCE_DIR:?}
tmp=$(mktemp -d /tmp/test_split_shift.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
cd "$tmp" || exit 1
data=$src/tests/plan/data/twoparts

plan() { # DIR EXTRA-CONF-LINES...: DIR/plan.conf includes the term's, plans into DIR/out, prints the exit
	local d=$1
	shift
	mkdir -p "$d"
	{
		echo "include = $data/plan.conf"
		[ -f "$d/fleet.csv" ] && echo "fleet = fleet.csv"
		printf '%s\n' "$@"
	} >"$d/plan.conf"
	local rc=0
	"$exe" plan "$d" --out "$d/out" -q 2>"$d/err" || rc=$?
	echo $rc
}
check() { # DIR PLAN-DIR WANT(ok|bad) WHAT
	# bad: the checker ran and found a violation (not merely failed to run)
	if "$checker" "$1" "$2/out" >"$1/check" 2>&1; then
		got=ok
	elif grep -q "violation" "$1/check"; then
		got=bad
	else
		got="no answer"
	fi
	if [ "$got" != "$3" ]; then
		echo "FAIL checker: $4: $got, want $3"; tail -5 "$1/check"; fail=1
	else
		echo "ok checker: $4"
	fi
}

rc=$(plan no)
[ "$rc" = 3 ] || { echo "FAIL without split shifts: exit $rc, want 3 (children left)"; cat no/err; fail=1; }
check no no ok "the plan without split shifts"
rc=$(plan yes "split_shift = yes")
[ "$rc" = 0 ] || { echo "FAIL with split shifts: exit $rc, want 0 (all served)"; cat yes/err; fail=1; }
check yes yes ok "the split plan"

# what plan.json says of the Tue/Thu day, recomputed: working time = span
# less the split break, the break a gap at the depot of 2 h or more, at most
# 4 h of it counted
python3 - yes/out/plan.json no/out/plan.json <<'PY' || fail=1
import json, sys
def hms(s):
    h, m = s.split(":")[:2]
    return int(h) * 3600 + int(m) * 60
p = json.load(open(sys.argv[1], encoding="utf-8"))
assert p["settings"]["split_shift"] == "yes", p["settings"]["split_shift"]
assert p["unserved_children"] == 0, p["unserved_children"]
split_days = 0
for pat in p["patterns"]:
    for du in pat["duties"]:
        span = du["span_s"]
        gaps = [g for g in du["gaps"] if g["split"]]
        assert len(gaps) <= 1, du
        if not gaps:
            assert du["split_s"] == 0 and du["shift_s"] == span, du
            continue
        g = gaps[0]
        stay = hms(g["depot_out"]) - hms(g["depot_in"])
        assert stay >= 2 * 3600 - 60, (stay, g)
        longest = max(hms(x["depot_out"]) - hms(x["depot_in"]) for x in du["gaps"] if x["depot_in"])
        assert abs(du["split_s"] - min(longest, 4 * 3600)) <= 60, (du["split_s"], longest)
        assert du["shift_s"] == span - du["split_s"], du
        assert du["shift_s"] <= 12 * 3600, du["shift_s"]
        split_days += span > 12 * 3600
assert split_days >= 1, "no day over 12 h made possible by its split"
q = json.load(open(sys.argv[2], encoding="utf-8"))
assert q["unserved_children"] > 0
for pat in q["patterns"]:
    for du in pat["duties"]:
        assert du["split_s"] == 0 and all(not g["split"] for g in du["gaps"]), du
print("ok plan.json: the split day's working time is its span less the split break")
PY
grep -q "раздельные смены:" yes/out/summary.txt || { echo "FAIL summary.txt: no split-shift line"; fail=1; }
grep -q "раздельные смены:" no/out/summary.txt && { echo "FAIL summary.txt without split shifts has the split line"; fail=1; }
grep -q "Перерыв (раздельная смена)" yes/out/print/drivers.html &&
	grep -q "рабочее время [0-9:]*, без 04:00 перерыва раздельной смены" yes/out/print/drivers.html ||
	{ echo "FAIL drivers.html: no split-shift break or working time"; fail=1; }
"$exe" plan yes --out yes/en -q --lang en 2>/dev/null
grep -q "Split-shift break" yes/en/print/drivers.html &&
	grep -q "split shifts:" yes/en/summary.txt ||
	{ echo "FAIL English split-shift words"; fail=1; }

# the checker verifies the rule from the outputs: the split plan against
# settings it breaks
for bad in "split_shift = no" "split_break_max_h = 2" "max_span_h = 13" "split_break_min_h = 8"; do
	mkdir -p "strict"
	{ cat yes/plan.conf; echo "$bad"; } >strict/plan.conf
	check strict yes bad "rejects the split plan under '$bad'"
done

# two buses: two without split shifts, one with them
printf 'bus,depot,seats\nПАЗ-01,Автопарк «Райавто»,22\nПАЗ-02,Автопарк «Райавто»,22\n' >fleet2.csv
mkdir -p two.no two.yes
cp fleet2.csv two.no/fleet.csv
cp fleet2.csv two.yes/fleet.csv
rc=$(plan two.no)
rc2=$(plan two.yes "split_shift = yes")
buses() { python3 -c 'import json,sys; p=json.load(open(sys.argv[1])); print(len({d["bus"] for t in p["patterns"] for d in t["duties"] if d["runs"]}), p["unserved_children"])' "$1"; }
read -r nb_no un_no < <(buses two.no/out/plan.json)
read -r nb_yes un_yes < <(buses two.yes/out/plan.json)
if [ "$rc" = 0 ] && [ "$rc2" = 0 ] && [ "$nb_no" = 2 ] && [ "$nb_yes" = 1 ]; then
	echo "ok two buses: $nb_no without split shifts, $nb_yes with them"
else
	echo "FAIL two buses: exit $rc/$rc2, buses $nb_no/$nb_yes (want 2/1), unserved $un_no/$un_yes"; fail=1
fi
check two.no two.no ok "two buses without split shifts"
check two.yes two.yes ok "one bus with split shifts"

# a bus's own split_shift in fleet.csv: ПАЗ-01 yes, ПАЗ-02 no, the plan's
# setting no: ПАЗ-01 alone does the day; the checker reads the column too
mkdir -p perbus
printf 'bus,depot,seats,split_shift\nПАЗ-01,Автопарк «Райавто»,22,yes\nПАЗ-02,Автопарк «Райавто»,22,no\n' >perbus/fleet.csv
rc=$(plan perbus)
read -r nb_pb un_pb < <(buses perbus/out/plan.json)
if [ "$rc" = 0 ] && [ "$nb_pb" = 1 ] &&
	python3 -c 'import json,sys; p=json.load(open(sys.argv[1])); assert [b["split_shift"] for b in p["buses"]] == [True, False]; assert {d["bus"] for t in p["patterns"] for d in t["duties"] if d["runs"]} == {"ПАЗ-01"}' perbus/out/plan.json; then
	echo "ok fleet.csv split_shift: one bus, the one with split shifts"
else
	echo "FAIL fleet.csv split_shift: exit $rc, buses $nb_pb, unserved $un_pb"; fail=1
fi
check perbus perbus ok "the plan with a bus's own split shift"
# the summary counts the split days of a bus's own split shifts too
grep -q "^раздельные смены: *[1-9][0-9]* из " perbus/out/summary.txt &&
	echo "ok summary: a bus's own split shifts counted" ||
	{ echo "FAIL summary: no split-shift line for a bus's own split shifts: $(grep -i раздел perbus/out/summary.txt)"; fail=1; }
mkdir -p perbus.strict
sed 's/,yes$/,no/' perbus/fleet.csv >perbus.strict/fleet.csv
sed "s#^fleet = .*#fleet = $tmp/perbus.strict/fleet.csv#" perbus/plan.conf >perbus.strict/plan.conf
check perbus.strict perbus bad "rejects it when fleet.csv says no split shift"
mkdir -p perbus.bad
printf 'bus,depot,seats,split_shift\nПАЗ-01,Автопарк «Райавто»,22,maybe\n' >perbus.bad/fleet.csv
rc=$(plan perbus.bad)
if [ "$rc" = 2 ] && grep -q "fleet.csv:2:4: split_shift must be yes or no" perbus.bad/err; then
	echo "ok bad fleet.csv split_shift: file, line and column"
else
	echo "FAIL bad fleet.csv split_shift: exit $rc"; cat perbus.bad/err; fail=1
fi

# bad values: file and line
bad_conf() { # WANT-LINE WANT-TEXT LINES...
	local want_line=$1 want=$2
	shift 2
	mkdir -p badc
	{ echo "include = $data/plan.conf"; printf '%s\n' "$@"; } >badc/plan.conf
	local rc=0
	"$exe" plan badc --out badc/out -q 2>badc/err || rc=$?
	if [ $rc -eq 2 ] && grep -q "plan.conf:$want_line.*$want" badc/err; then
		echo "ok bad value: $want"
	else
		echo "FAIL bad value '$*': exit $rc, want 2 and plan.conf:$want_line $want"; cat badc/err; fail=1
	fi
}
bad_conf 4 "split_break_min_h (3) is more than split_break_max_h (2)" "split_shift = yes" "split_break_max_h = 2" "split_break_min_h = 3"
bad_conf 4 "split_break_min_h (5) is more than split_break_max_h (4)" "split_shift = yes" "split_break_min_h = 1" "split_break_min_h = 5"
bad_conf 2 "split_break_min_h" "split_break_min_h = -1"
bad_conf 2 "max_span_h" "max_span_h = 0"
bad_conf 2 "split_shift" "split_shift = maybe"
rc=0
"$exe" plan yes --out flags -q --split-break-min-h 5 2>flags.err || rc=$?
if [ $rc -eq 2 ] && grep -q "split_break_min_h (5) is more than split_break_max_h (4)" flags.err; then
	echo "ok bad flags: min over max"
else
	echo "FAIL bad flags: exit $rc"; cat flags.err; fail=1
fi
exit $fail
