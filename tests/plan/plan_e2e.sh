#!/usr/bin/env bash
# plan_e2e.sh CHECKER - `schoolrun plan` end to end: on the hand-drawn
# district (tests/plan/data/mini) and, when they are there, the bundled
# examples/tiny and examples/district: the exit status is 0 or 3 (some
# unserved, listed), the independent checker accepts the timetable, and a
# second run with the same seed writes byte-identical files. Also: bad
# input exits 2 with file:line:column, unknown flags exit 2.
set -u
checker=$1
exe=${SR_EXE:?}
src=${SR_SOURCE_DIR:?}
tmp=$(mktemp -d /tmp/plan_e2e.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
ran=0

plan_and_check() { # NAME DIR [FLAGS...]
	local name=$1 dir=$2
	shift 2
	"$exe" plan "$dir" --out "$tmp/$name.a" "$@" 2>"$tmp/$name.err"
	local rc=$?
	if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then
		echo "FAIL $name: exit $rc"; cat "$tmp/$name.err"; fail=1; return
	fi
	if [ ! -s "$tmp/$name.a/timetable.csv" ]; then
		echo "FAIL $name: no timetable.csv"; fail=1; return
	fi
	if ! "$checker" "$dir" "$tmp/$name.a" | tee "$tmp/$name.check"; then
		echo "FAIL $name: the checker found violations"; fail=1
	fi
	"$exe" plan "$dir" --out "$tmp/$name.b" "$@" 2>/dev/null
	local rc2=$?
	if [ $rc2 -ne $rc ] || ! diff -r "$tmp/$name.a" "$tmp/$name.b" >"$tmp/$name.diff"; then
		echo "FAIL $name: a second run differs (exit $rc vs $rc2)"; head -20 "$tmp/$name.diff"; fail=1
	fi
	echo "ok $name (exit $rc)"
	ran=$((ran + 1))
}

plan_and_check mini "$src/tests/plan/data/mini"
plan_and_check edge "$src/tests/plan/data/edge"

# the checker must catch broken timetables: a stop row missing, a bus doing
# two runs at once, an arrival after the window
mutate() { # NAME SED-SCRIPT
	local m=$tmp/mut.$1
	rm -rf "$m"
	cp -r "$tmp/mini.a" "$m"
	sed -i "$2" "$m/timetable.csv"
	if cmp -s "$m/timetable.csv" "$tmp/mini.a/timetable.csv"; then
		echo "FAIL mutation $1 changed nothing"; fail=1; return
	fi
	if "$checker" "$src/tests/plan/data/mini" "$m" >/dev/null 2>&1; then
		echo "FAIL the checker accepts a timetable with $1"; fail=1
	else
		echo "ok the checker rejects $1"
	fi
}
if [ -d "$tmp/mini.a" ]; then
	mutate "a-missing-stop" '3d'
	mutate "one-bus-everywhere" 's/,B[0-9],/,B1,/'
	mutate "late-arrival" '0,/,07:50:00,/s//,07:59:00,/'
	mutate "extra-child" '0,/,0,kindergarten,/s/,\([0-9]*\),0,kindergarten,/,1\1,0,kindergarten,/'
fi
[ -f "$src/examples/tiny/plan.conf" ] && plan_and_check tiny "$src/examples/tiny"
[ -f "$src/examples/district/plan.conf" ] && plan_and_check district "$src/examples/district"

# the index lists villages and destinations alphabetically, as a school
# secretary looks hers up, and the printed book follows the same order
# (checked against Python's own sort, case and ё folded)
# the register of routes (print/routes.html) against each plan's timetable
for n in mini edge tiny district; do
	[ -f "$tmp/$n.a/print/routes.html" ] || { [ -d "$tmp/$n.a" ] && { echo "FAIL $n: no print/routes.html"; fail=1; }; continue; }
	python3 "$src/tests/plan/check_register.py" "$tmp/$n.a" || fail=1
done
if [ -f "$tmp/district.a/print/index.html" ]; then
	python3 - "$tmp/district.a/print" <<'PY' || fail=1
import html, re, sys
d = sys.argv[1]
idx = open(d + "/index.html", encoding="utf-8").read()
key = lambda s: s.casefold().replace("ё", "е")
bad = 0
for kind in ("village", "dest"):
    links = re.findall(r'<a href="(%s-\d+\.html)">([^<]*)</a>' % kind, idx)
    names = [html.unescape(n) for _, n in links]
    if len(names) < 2 or names != sorted(names, key=key):
        print("FAIL the index's %s links are not alphabetical: %s" % (kind, names[:8])); bad = 1
    book = open(d + ("/villages.html" if kind == "village" else "/destinations.html"), encoding="utf-8").read()
    heads = [html.unescape(h) for h in re.findall(r"<h1>([^<]*)</h1>", book)]
    pos = [next((i for i, h in enumerate(heads) if h == n or h.startswith(n + ",")), -1) for n in names]
    if -1 in pos or pos != sorted(pos):
        print("FAIL the %s book is not in the index's order: %s" % (kind, heads[:6])); bad = 1
if not bad:
    print("ok the index and books list villages and destinations alphabetically")
sys.exit(bad)
PY
	# km in the term: each pattern's duties times its weekdays in the term
	# less the public holidays (the default no_service), counted here with
	# Python's calendar
	python3 - "$tmp/district.a" <<'PY' || fail=1
import datetime as D, json, re, sys
d = sys.argv[1]
p = json.load(open(d + "/plan.json", encoding="utf-8"))
st = p["settings"]
t0, t1 = (D.date.fromisoformat(st[k]) for k in ("term_start", "term_end"))
assert st["no_service"] == "ru_holidays"
hol = {(1, i) for i in range(1, 9)} | {(2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4)}
days = [t0 + D.timedelta(i) for i in range((t1 - t0).days + 1)]
days = [x for x in days if (x.month, x.day) not in hol]
km, any_mask = 0.0, 0
for pat in p["patterns"]:
    mask = pat["days_mask"]
    n = sum(1 for x in days if (mask >> x.weekday()) & 1)
    km += sum(du["meters"] for du in pat["duties"]) * n / 1000
    any_mask |= mask if pat["runs"] else 0
ndays = sum(1 for x in days if (any_mask >> x.weekday()) & 1)
t = p["term"]
line = re.search(r"км за период: +([0-9.]+) \(дней с рейсами: ([0-9]+)\)",
                 open(d + "/summary.txt", encoding="utf-8").read())
if not line or abs(t["km"] - km) > 0.05 or t["days_with_runs"] != ndays or \
        float(line.group(1)) != t["km"] or int(line.group(2)) != ndays:
    print("FAIL km in the term: plan.json %s, summary %s, computed %.1f km on %d days" %
          (t, line and line.groups(), km, ndays)); sys.exit(1)
print("ok km in the term: %.1f km on %d days" % (km, ndays))
PY
fi

# issue 10: the week as a whole. On the bundled district every repeating run
# keeps one bus all week (the checker recounts it from timetable.csv), and
# the checker catches a run that changes bus on one day pattern and a run
# carried under two ids
if [ -s "$tmp/district.check" ]; then
	share=$(sed -n 's/^check_plan: same bus all week: \([0-9]*\) of \([0-9]*\) .*/\1 \2/p' "$tmp/district.check")
	if [ -z "$share" ] || [ "${share% *}" != "${share#* }" ]; then
		echo "FAIL district: ${share% *} of ${share#* } repeating runs keep one bus all week, not all (target 100 %):"
		grep 'note: run' "$tmp/district.check"; fail=1
	else
		echo "ok district: all ${share#* } repeating runs keep one bus all week"
	fi
	week_mutant() { # NAME WHAT(bus|id) EXPECTED-MESSAGE
		local m=$tmp/wmut.$1
		rm -rf "$m"
		cp -r "$tmp/district.a" "$m"
		# the first run of the second day pattern gets another bus or id
		# there (its other patterns keep theirs)
		python3 - "$tmp/district.a/timetable.csv" "$m/timetable.csv" "$2" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
first = rows[1][0]
run = next(r[2] for r in rows[1:] if r[0] != first)
for r in rows[1:]:
    if r[2] == run and r[0] != first:
        if sys.argv[3] == "bus":
            r[1] = "ПАЗ-03" if r[1] == "ПАЗ-01" else "ПАЗ-01"
        else:
            r[2] = "R999"
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""), lineterminator="\n").writerows(rows)
PY
		if cmp -s "$m/timetable.csv" "$tmp/district.a/timetable.csv"; then
			echo "FAIL week mutation $1 changed nothing"; fail=1; return
		fi
		if "$checker" "$src/examples/district" "$m" 2>&1 | grep -q "$3"; then
			echo "ok the checker catches $1"
		else
			echo "FAIL the checker misses $1 (no '$3')"; fail=1
		fi
	}
	week_mutant other-bus bus 'plan.json week'
	week_mutant two-ids id 'under two ids'
fi

# the routing effort is counted in iterations, not seconds: a larger time
# limit that is not hit gives the same timetable (mini: time_limit_s = 10)
"$exe" plan "$src/tests/plan/data/mini" --out "$tmp/tl30" --time-limit-s 30 2>"$tmp/tl30.err"
if grep -q 'time limit' "$tmp/tl30.err" || grep -q 'time limit' "$tmp/mini.err"; then
	echo "note: a time limit was hit on mini; the comparison is skipped"
elif ! cmp -s "$tmp/mini.a/timetable.csv" "$tmp/tl30/timetable.csv"; then
	echo "FAIL --time-limit-s 30 changes the timetable although no limit was hit"; fail=1
else
	echo "ok the time limit does not change the plan when it is not hit"
fi

# the flag wins over plan.conf (the mini example sets seed = 7)
"$exe" plan "$src/tests/plan/data/mini" --out "$tmp/flag" --arrival-buffer-min 20 >/dev/null 2>&1
if ! grep -q ',07:40:00,' "$tmp/flag/timetable.csv" 2>/dev/null; then
	echo "FAIL --arrival-buffer-min 20: no run arrives at 07:40:00 for the 08:00 kindergarten"; fail=1
fi

# the term: flags reach the GTFS calendar; bad dates and an end before the
# start exit 2 (the start as Russian texts write a date, kept as ISO)
"$exe" plan "$src/tests/plan/data/mini" --out "$tmp/term" --term-start 11.01.2027 --term-end=2027-05-31 >/dev/null 2>&1
if ! grep -q ',20270111,20270531$' "$tmp/term/gtfs/calendar.txt" 2>/dev/null ||
	! grep -q '"term_start":"2027-01-11","term_end":"2027-05-31"' "$tmp/term/plan.json"; then
	echo "FAIL --term-start/--term-end do not reach calendar.txt and plan.json"; fail=1
fi
"$exe" plan "$src/tests/plan/data/mini" --out "$tmp/x" --term-start 2027-02-30 2>"$tmp/term.err"
rc=$?
[ $rc -eq 2 ] && grep -q '2027-01-11 or 11.01.2027' "$tmp/term.err" || { echo "FAIL --term-start 2027-02-30: exit $rc"; fail=1; }
"$exe" plan "$src/tests/plan/data/mini" --out "$tmp/x" --term-end 2026-08-31 2>"$tmp/term.err"
rc=$?
[ $rc -eq 2 ] && grep -q 'before term_start' "$tmp/term.err" || { echo "FAIL term_end before term_start: exit $rc"; fail=1; }

# names for people: the coordinate pickup with a note is named by it, the
# coordinate depot (56.0005 38.0005, 56 m from Ивановка at 56.001 38.0 and
# kilometres from any other place) after its nearest place; timetable.csv
# keeps what the input said
if grep -q '"id":"p1","name":"56.0010 38.1210",.*"label":"farm"' "$tmp/mini.a/plan.json" &&
	grep -q '"id":"p2","name":"56.0005 38.0005",.*"label":"Ивановка (рядом)","label_en":"near Ivanovka"' "$tmp/mini.a/plan.json" &&
	grep -q ',p1,56.0010 38.1210,' "$tmp/mini.a/timetable.csv"; then
	echo "ok coordinate points are named by their note or nearest place"
else
	echo "FAIL coordinate points: $(grep -o '"id":"p[0-9]","name":"[^"]*","name_en":[^,]*,"label":[^,]*,"label_en":[^,]*' "$tmp/mini.a/plan.json")"; fail=1
fi

# children.csv and the escort column: the run lists name the children and
# the escort; naming more children than riders.csv counts is an error
d=$tmp/kids
mkdir -p "$d"
cp "$src/tests/plan/data/mini/"{sessions.csv,riders.csv} "$d/"
sed "s|^map = .*|map = $src/tests/plan/data/mini/map.osm|" "$src/tests/plan/data/mini/plan.conf" >"$d/plan.conf"
echo 'children = children.csv' >>"$d/plan.conf"
sed '1s/$/,escort/; 2s/$/,Петрова М. И./; 3,$s/$/,/' "$src/tests/plan/data/mini/fleet.csv" >"$d/fleet.csv"
printf 'child,pickup,session,phone\nСмирнов Коля,Ивановка,kindergarten,+7 900 000-00-01\nОрлова Катя,Сидорово,kindergarten,\n' >"$d/children.csv"
"$exe" plan "$d" --out "$d.out" 2>"$d.err"
rc=$?
if { [ $rc -ne 0 ] && [ $rc -ne 3 ]; } || ! grep -q 'Смирнов Коля' "$d.out/print/lists.html" ||
	! grep -q 'Орлова Катя' "$d.out/print/lists.html" || grep -q 'Смирнов' "$d.out/plan.json" ||
	! cmp -s "$d.out/timetable.csv" "$tmp/mini.a/timetable.csv"; then
	echo "FAIL children.csv: exit $rc, $(cat "$d.err")"; fail=1
else
	echo "ok children.csv names the children on the run lists, the plan unchanged"
fi
{ echo 'child,pickup,session'; seq -f 'Ребёнок%g,Сидорово,kindergarten' 1 5; } >"$d/children.csv"
"$exe" plan "$d" --out "$d.out2" 2>"$d.err"
rc=$?
if [ $rc -ne 2 ] || ! grep -q 'children.csv:6:2: .*names 5 children .*counts 4' "$d.err"; then
	echo "FAIL too many children named: exit $rc, $(cat "$d.err")"; fail=1
else
	echo "ok naming more children than riders.csv counts is an error"
fi
# every bad row of children.csv at once (the first alone was said), and
# its totals row ("Итого: 3", no pickup, no session) is no child
printf 'child,pickup,session\nСмирнов Коля,Ивановка,kindergarten\n,Сидорово,kindergarten\nОрлова Катя,Сидорово,hockey\nПетров Ваня,Тетха,kindergarten\nИтого: 3,,\n' >"$d/children.csv"
"$exe" plan "$d" --out "$d.out3" 2>"$d.err"
rc=$?
if [ $rc -ne 2 ] || ! grep -q 'children.csv:3:1: empty child name (and 2 more below)' "$d.err" ||
	! grep -q 'children.csv:4:3: unknown session' "$d.err" || ! grep -q "children.csv:5:2: 'Тетха'" "$d.err" ||
	grep -q 'children.csv:6' "$d.err"; then
	echo "FAIL children.csv's bad rows: exit $rc, $(cat "$d.err")"; fail=1
else
	echo "ok children.csv's three bad rows said at once, its totals row left out"
fi
# a school's list of pupils as it is headed (decree No. 1527 asks for each
# child's date of birth or age and a parent's phone): its columns read, the
# date, the class and the parent on the run lists
printf '№;ФИО ребёнка;Дата рождения;Класс;Пункт посадки;Занятие;ФИО родителя;Телефон родителя (законного представителя)\n1;Смирнов Коля;12.3.2015;3б;Ивановка;kindergarten;Смирнова Ольга;+7 900 000-00-01\n2;Орлова Катя;2016 г.р.;;Сидорово;kindergarten;;\n' >"$d/children.csv"
"$exe" plan "$d" --out "$d.out4" 2>"$d.err"
rc=$?
if { [ $rc -ne 0 ] && [ $rc -ne 3 ]; } ||
	! grep -q '<td>Смирнов Коля</td><td>12.03.2015</td><td>3б</td><td>[^<]*</td><td>Смирнова Ольга</td><td>+7 900 000-00-01</td>' "$d.out4/print/lists.html" ||
	! grep -q '<td>Орлова Катя</td><td>2016</td><td></td>' "$d.out4/print/lists.html" ||
	! grep -q '<th class="lbirth">Дата рождения</th><th>Класс, группа</th><th>Остановка</th><th>Родитель</th>' "$d.out4/print/lists.html" ||
	grep -q '2015\|Ольга' "$d.out4/plan.json"; then
	echo "FAIL a school's list of pupils: exit $rc, $(cat "$d.err")"; fail=1
else
	echo "ok a school's list of pupils: date of birth, class and parent on the run lists"
fi
# its bad dates and ages, all at once: no such day, born after the term's
# start, a year that makes an adult, an age that is no number, an age that
# is not the date's
printf 'child;birth_date;age;pickup;session\nА;31.02.2015;;Ивановка;kindergarten\nБ;01.10.2026;;Ивановка;kindergarten\nВ;12.03.1990;;Сидорово;kindergarten\nГ;;много;Сидорово;kindergarten\nД;2015-03-12;3 года;Сидорово;kindergarten\nЕ;;5 лет;Сидорово;kindergarten\n' >"$d/children.csv"
"$exe" plan "$d" --out "$d.out5" 2>"$d.err"
rc=$?
if [ $rc -ne 2 ] || ! grep -q "children.csv:2:2: '31.02.2015' is no date of birth: write it 12.03.2015, 2015-03-12 or the year alone, 2015 (and 4 more below)" "$d.err" ||
	! grep -q "children.csv:3:2: the date of birth 01.10.2026 is after the term's first day 2026-09-01" "$d.err" ||
	! grep -q "children.csv:4:2: the date of birth 12.03.1990 makes the child 36 years old" "$d.err" ||
	! grep -q "children.csv:5:3: the age must be a whole number of years, 0 to 24, not 'много'" "$d.err" ||
	! grep -q "children.csv:6:3: the age 3 is not that of a child born 2015-03-12: 11 at the term's start" "$d.err" ||
	grep -q 'children.csv:7' "$d.err"; then
	echo "FAIL bad dates of birth and ages: exit $rc, $(cat "$d.err")"; fail=1
else
	echo "ok bad dates of birth and ages said at once"
fi

# a name of the district's own before an OSM id ("Стадион «Урожай» (n203)",
# as a coordinator names a pitch the map leaves unnamed, with the id from
# `schoolrun names`): the pages, timetable.csv and GTFS name it so; a second
# name for the same id is warned of and the first kept
d=$tmp/named
mkdir -p "$d"
cp "$src/tests/plan/data/mini/fleet.csv" "$d/"
sed "s|^map = .*|map = $src/tests/plan/data/mini/map.osm|" "$src/tests/plan/data/mini/plan.conf" >"$d/plan.conf"
sed 's/^football,Стадион,/football,Стадион «Урожай» ( n203 ),/' "$src/tests/plan/data/mini/sessions.csv" >"$d/sessions.csv"
sed 's/^n102,football/Малая Петровка (n102),football/; s/^Петровка,school/Петровка-2 (n102),school/' "$src/tests/plan/data/mini/riders.csv" >"$d/riders.csv"
"$exe" plan "$d" --out "$d.out" 2>"$d.err"
rc=$?
if { [ $rc -ne 0 ] && [ $rc -ne 3 ]; } || ! grep -q '<h1>Стадион «Урожай»</h1>' "$d.out/print/destinations.html" ||
	! grep -q '^n203,Стадион «Урожай»,' "$d.out/gtfs/stops.txt" ||
	! grep -q ',n203,Стадион «Урожай»,.*,football,Стадион «Урожай»$' "$d.out/timetable.csv" ||
	! grep -q ',n102,Петровка-2,' "$d.out/timetable.csv" || grep -q 'Малая Петровка\|>Стадион<\|,Петровка,' "$d.out/timetable.csv" ||
	! grep -q "riders.csv:10: n102 is named 'Петровка-2' before: that name is kept" "$d.err"; then
	echo "FAIL a name of the district's own before an OSM id: exit $rc, $(cat "$d.err")"; fail=1
else
	echo "ok a name of the district's own before an OSM id names the point everywhere"
fi

# the district's time zone in the GTFS feed: an IANA name, else an error
"$exe" plan "$d" --out "$d.tz" --timezone Asia/Novosibirsk -q 2>"$d.err"
rc=$?
"$exe" plan "$d" --out "$d.tz2" --timezone Novosibirsk -q 2>"$d.err2"
rc2=$?
if { [ $rc -ne 0 ] && [ $rc -ne 3 ]; } || ! grep -q ',Asia/Novosibirsk,' "$d.tz/gtfs/agency.txt" ||
	[ $rc2 -ne 2 ] || ! grep -q "timezone 'Novosibirsk' is no time zone name of the IANA database" "$d.err2"; then
	echo "FAIL timezone: exit $rc / $rc2, $(cat "$d.err" "$d.err2")"; fail=1
else
	echo "ok the district's time zone in the feed, a bad one an error"
fi

# what Russian Excel saves: Windows-1251 with semicolons and CRLF, and UTF-8
# with a byte-order mark and CRLF, converted here by Python's csv module (an
# independent writer); both plan to the plain files' result, with a warning
# naming what was detected (plan.json compared without the input paths and
# checksums, which differ by design)
for enc in cp1251 bom; do
	d=$tmp/enc.$enc
	mkdir -p "$d"
	sed "s|^map = .*|map = $src/tests/plan/data/mini/map.osm|" "$src/tests/plan/data/mini/plan.conf" >"$d/plan.conf"
	for f in sessions riders fleet; do
		python3 - "$src/tests/plan/data/mini/$f.csv" "$d/$f.csv" "$enc" <<'PY'
import csv, sys
src, dst, enc = sys.argv[1:]
rows = list(csv.reader(open(src, encoding="utf-8", newline="")))
if enc == "cp1251":
    out = open(dst, "w", encoding="cp1251", newline="")
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
else:
    out = open(dst, "w", encoding="utf-8-sig", newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
out.close()
PY
	done
	"$exe" plan "$d" --out "$d.out" 2>"$d.err"
	rc=$?
	# the Windows-1251 guess is a warning; a BOM, semicolons and CRLF are
	# certain, a note on a terminal only (every office file has them)
	want=$([ $enc = cp1251 ] && echo 'riders.csv: read as Windows-1251 (converted to UTF-8), semicolon-separated, CRLF' ||
		echo '')
	if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then
		echo "FAIL $enc input: exit $rc"; cat "$d.err"; fail=1
	elif [ -n "$want" ] && ! grep -qF "$want" "$d.err"; then
		echo "FAIL $enc input: no warning '$want'"; cat "$d.err"; fail=1
	elif [ -z "$want" ] && grep -q 'read as' "$d.err"; then
		echo "FAIL $enc input: a warning for certain things"; cat "$d.err"; fail=1
	elif ! cmp -s "$d.out/timetable.csv" "$tmp/mini.a/timetable.csv" ||
		! cmp -s "$d.out/summary.txt" "$tmp/mini.a/summary.txt" ||
		! diff <(grep -v -e '"sha256"' -e '^"settings"' "$d.out/plan.json") \
			<(grep -v -e '"sha256"' -e '^"settings"' "$tmp/mini.a/plan.json") >/dev/null; then
		echo "FAIL $enc input plans differently from the plain files"; fail=1
	else
		echo "ok $enc input plans like the plain files"
	fi
done

# drivers' working time: the kindergarten alone (a run at 7-8, one at
# 17-18) is one bus's day with a rest at the depot between, which the
# driver's sheet shows as such; a max_shift_h shorter than that day takes a
# second bus, the checker recomputing every day's length, driving and
# breaks; with one bus whose own max_shift_h (fleet.csv) is that short,
# the home run is unserved with the drivers' reason; a bad limit is
# fleet.csv:line:column
d=$tmp/hours
mkdir -p "$d"
cp "$src/tests/plan/data/mini/sessions.csv" "$d/"
sed "s|^map = .*|map = $src/tests/plan/data/mini/map.osm|" "$src/tests/plan/data/mini/plan.conf" >"$d/plan.conf"
printf 'pickup,session,children\nИвановка,kindergarten,6\nСидорово,kindergarten,4\n' >"$d/riders.csv"
printf 'bus,depot,seats\nB1,Автобаза,30\nB2,Автобаза,30\n' >"$d/fleet.csv"
buses() { grep -o '"bus":"B[0-9]","runs"' "$1/plan.json" | sort -u | wc -l; }
"$exe" plan "$d" --out "$d.one" --lang en 2>"$d.err"
rc1=$?
"$exe" plan "$d" --out "$d.two" --max-shift-h 6 2>>"$d.err"
rc2=$?
if [ $rc1 -ne 0 ] || [ $rc2 -ne 0 ] || [ "$(buses "$d.one")" != 1 ] || [ "$(buses "$d.two")" != 2 ] ||
	! "$checker" "$d" "$d.one" >/dev/null || ! "$checker" "$d" "$d.two" >/dev/null ||
	[ "$(sed -n 's/.*"longest_shift_s":\([0-9]*\).*/\1/p' "$d.two/plan.json")" -gt 21600 ]; then
	echo "FAIL max_shift_h 6: exit $rc1/$rc2, buses $(buses "$d.one") then $(buses "$d.two"), $(cat "$d.err")"; fail=1
else
	echo "ok a max_shift_h shorter than the bus day takes a second bus"
fi
if grep -q 'To the depot: ' "$d.one/print/drivers.html" &&
	grep -q 'Break at the depot: ' "$d.one/print/drivers.html" &&
	grep -q 'Working day: ' "$d.one/print/drivers.html" &&
	! grep -q 'Empty drive: [^<]*<span class="t">0[78]:[0-9][0-9]</span> &#8594; [^<]*<span class="t">1[67]:' "$d.one/print/drivers.html" &&
	grep -q '"depot_in":"' "$d.one/plan.json" && grep -q '^longest shift: ' "$d.one/summary.txt"; then
	echo "ok the driver's sheet shows the depot return and the break, not a long empty drive"
else
	echo "FAIL the driver's sheet: $(grep -o 'class="empty">[^/]*' "$d.one/print/drivers.html" | head -5)"; fail=1
fi
cp -r "$d" "$d.strict" && echo 'max_shift_h = 6' >>"$d.strict/plan.conf"
if "$checker" "$d.strict" "$d.one" >/dev/null 2>&1; then
	echo "FAIL the checker accepts a bus day over max_shift_h"; fail=1
fi
printf 'bus,depot,seats,max_shift_h\nB1,Автобаза,30,6\n' >"$d/fleet.csv"
"$exe" plan "$d" --out "$d.own" --lang en 2>/dev/null
rc=$?
if [ $rc -ne 3 ] || ! grep -q "drivers' working time" "$d.own/summary.txt" || ! "$checker" "$d" "$d.own" >/dev/null; then
	echo "FAIL a bus's own max_shift_h: exit $rc, $(grep -i unserved -A3 "$d.own/summary.txt")"; fail=1
else
	echo "ok a bus's own max_shift_h leaves the home run unserved with the drivers' reason"
fi
printf 'bus,depot,seats,max_driving_h\nB1,Автобаза,30,0\n' >"$d/fleet.csv"
"$exe" plan "$d" --out "$d.bad" 2>"$d.err"
rc=$?
if [ $rc -ne 2 ] || ! grep -q 'fleet.csv:2:4: max_driving_h must be hours' "$d.err"; then
	echo "FAIL max_driving_h 0: exit $rc, $(cat "$d.err")"; fail=1
fi

# bad input: exit 2 and file:line:column on stderr
mkdir -p "$tmp/bad"
cp "$src/tests/plan/data/mini/"{sessions.csv,fleet.csv} "$tmp/bad/"
sed "s|^map = .*|map = $src/tests/plan/data/mini/map.osm|" "$src/tests/plan/data/mini/plan.conf" >"$tmp/bad/plan.conf"
printf 'pickup,session,children\nИвановка,school,many\n' >"$tmp/bad/riders.csv"
"$exe" plan "$tmp/bad" --out "$tmp/bad.out" 2>"$tmp/bad.err"
rc=$?
if [ $rc -ne 2 ] || ! grep -q 'riders.csv:2:3: ' "$tmp/bad.err"; then
	echo "FAIL bad input: exit $rc, stderr: $(cat "$tmp/bad.err")"; fail=1
fi
"$exe" plan "$src/tests/plan/data/mini" --out "$tmp/x" --no-such-flag 1 2>"$tmp/flag.err"
[ $? -eq 2 ] || { echo "FAIL unknown flag does not exit 2"; fail=1; }
grep -q "did you mean" "$tmp/flag.err" && { echo "FAIL a suggestion for a flag nothing is near: $(cat "$tmp/flag.err")"; fail=1; }
# a mistyped flag names the one it most likely meant
for typo in "--time-limt:--time-limit" "--ouput:--out" "--thread:--threads" "--seeed=3:--seed"; do
	"$exe" plan "$src/tests/plan/data/mini" --out "$tmp/x" "${typo%%:*}" 5 2>"$tmp/flag.err"
	rc=$?
	if [ $rc -ne 2 ] || ! grep -qF "(did you mean '${typo#*:}'?)" "$tmp/flag.err"; then
		echo "FAIL ${typo%%:*}: exit $rc, stderr: $(cat "$tmp/flag.err")"; fail=1
	fi
done

[ $fail -eq 0 ] && echo "plan_e2e: $ran examples OK"
exit $fail
