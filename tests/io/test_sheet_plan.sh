#!/usr/bin/env bash
# test_sheet_plan.sh - the plan of examples/district from its tables as a
# coordinator's spreadsheets (sheets_from_csv.py: .xlsx by openpyxl, .ods by
# hand; times as time cells, numbers as numbers, a second sheet) equals the
# plan from the CSV tables: timetable.csv, summary.txt, routes.geojson,
# GTFS and the printed pages byte for byte, plan.json but for the tables'
# paths and digests. A workbook under a CSV's name plans the same. A
# misspelt session in a sheet is an error naming its cell (riders.xlsx:B2).
# A session's name merged down over the rows of its times is its parts.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
ex=$SR_SOURCE_DIR/examples/district
fail=0
"$py" "$here/sheets_from_csv.py" "$ex" "$tmp/sheets" || { echo "FAIL: sheets_from_csv.py"; exit 1; }
# conf DIR EXT [NAME_EXT]: plan.conf of examples/district reading NAME.NAME_EXT
conf() {
	mkdir -p "$1"
	sed -e "s#^map = .*#map = $SR_SOURCE_DIR/maps/district.osm#" \
		-e "s#^\(sessions\|riders\|fleet\) = \(.*\)\.csv#\1 = \2.${3:-$2}#" "$ex/plan.conf" >"$1/plan.conf"
	for t in sessions riders fleet; do
		cp "$( [ "$2" = csv ] && echo "$ex" || echo "$tmp/sheets")/$t.$2" "$1/$t.${3:-$2}"
	done
}
plan() { # plan DIR: exit 0 (all served) expected
	"$SR_EXE" plan "$1" --out "$1/out" -q 2>"$1/err"
	local rc=$?
	[ $rc -eq 0 ] || { echo "FAIL: plan $(basename "$1") exit $rc: $(head -3 "$1/err")"; fail=1; }
}
conf "$tmp/csv" csv
plan "$tmp/csv"
for k in xlsx ods misnamed; do
	if [ $k = misnamed ]; then conf "$tmp/$k" xlsx csv; else conf "$tmp/$k" $k; fi
	plan "$tmp/$k"
	for f in timetable.csv summary.txt routes.geojson gtfs print; do
		if diff -r "$tmp/csv/out/$f" "$tmp/$k/out/$f" >/dev/null; then
			echo "ok $k: $f as from CSV"
		else
			echo "FAIL: $k: $f differs from the CSV plan's"; fail=1
		fi
	done
	"$py" - "$tmp/csv/out/plan.json" "$tmp/$k/out/plan.json" <<'PY' || fail=1
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for j in (a, b):
    for k in ("map", "sessions", "riders", "fleet"):
        j["settings"].pop(k)
    assert [i["name"].split(".")[0] for i in j.pop("inputs")] == \
        ["district", "sessions", "riders", "fleet"]
if a != b:
    print("FAIL: plan.json differs beyond the tables' paths:",
          [k for k in a if a.get(k) != b.get(k)])
    sys.exit(1)
print("ok plan.json as from CSV, but for the tables' paths and digests")
PY
done
# a school's list of pupils as a workbook: its dates of birth are Excel date
# cells (a number of days with a date format), read as the sheet shows them
"$py" - "$tmp/xlsx/children.xlsx" <<'PY' || fail=1
import datetime, sys
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.append(["№", "ФИО ребёнка", "Дата рождения", "Класс", "Пункт посадки", "Занятие"])
ws.append([1, "Смирнов Коля", datetime.datetime(2015, 3, 12), "3б", "Петровка", "Футбол"])
ws.append([2, "Орлова Катя", 2016, "2а", "Петровка", "Футбол"])
ws["C2"].number_format = "DD.MM.YYYY"
wb.save(sys.argv[1])
PY
echo 'children = children.xlsx' >>"$tmp/xlsx/plan.conf"
"$SR_EXE" plan "$tmp/xlsx" --out "$tmp/xlsx/out2" -q 2>"$tmp/xlsx/err2"
rc=$?
if [ $rc -eq 0 ] && grep -q '<td>Смирнов Коля</td><td>12.03.2015</td><td>3б</td>' "$tmp/xlsx/out2/print/lists.html" &&
	grep -q '<td>Орлова Катя</td><td>2016</td><td>2а</td>' "$tmp/xlsx/out2/print/lists.html"; then
	echo "ok xlsx: a list of pupils with date cells on the run lists"
else
	echo "FAIL: xlsx: a list of pupils: exit $rc: $(head -3 "$tmp/xlsx/err2")"; fail=1
fi
# a session held at other times on some days as an office's sheet writes it:
# its name merged down over the rows of its times (football Mon/Fri 16:00,
# Wed 17:00); the plan is the one of the CSV with the name on both rows
mkdir -p "$tmp/parts"
conf "$tmp/parts" csv
sed -e 's/^Футбол,\(.*\)"Mon,Wed,Fri",16:00,17:30,/Футбол,\1"Mon,Fri",16:00,17:30,\nФутбол,\1Wed,17:00,18:30,/' \
	"$ex/sessions.csv" >"$tmp/parts/sessions.csv"
plan "$tmp/parts"
"$py" - "$tmp/parts/sessions.csv" "$tmp/parts/sessions.xlsx" <<'PY' || fail=1
import csv, sys
import openpyxl
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
wb = openpyxl.Workbook()
ws = wb.active
for i, r in enumerate(rows):
    ws.append([None if i == 2 else r[0]] + r[1:] if r[0] == "Футбол" else r)
ws.merge_cells("A2:A3")
assert rows[1][0] == rows[2][0] == "Футбол", rows[:3]
wb.save(sys.argv[2])
PY
mkdir -p "$tmp/parts-x"
sed 's/^sessions = sessions.csv/sessions = sessions.xlsx/' "$tmp/parts/plan.conf" >"$tmp/parts-x/plan.conf"
cp "$tmp/parts/sessions.xlsx" "$tmp/parts/riders.csv" "$tmp/parts/fleet.csv" "$tmp/parts-x/"
plan "$tmp/parts-x"
if grep -q '"Футбол (Пн, Пт)"' "$tmp/parts/out/timetable.csv" &&
	cmp -s "$tmp/parts/out/timetable.csv" "$tmp/parts-x/out/timetable.csv"; then
	echo "ok xlsx: a session's name merged over the rows of its times plans as its parts"
else
	echo "FAIL: xlsx: the merged session's plan differs from the CSV's (or has no parts)"; fail=1
fi
# a misspelt session in a sheet: the error names the cell as the sheet does
for k in xlsx ods; do
	mkdir -p "$tmp/bad-$k"
	sed -e '2s/,Футбол,/,Футбол-2,/' "$ex/riders.csv" >"$tmp/bad-$k/riders.csv"
	"$py" "$here/sheets_from_csv.py" "$tmp/bad-$k" "$tmp/bad-$k/s" || fail=1
	conf "$tmp/bad-$k/p" $k
	cp "$tmp/bad-$k/s/riders.$k" "$tmp/bad-$k/p/"
	"$SR_EXE" plan "$tmp/bad-$k/p" --out "$tmp/bad-$k/out" 2>"$tmp/bad-$k/err"
	rc=$?
	if [ $rc -eq 2 ] && grep -q "riders.$k:B2: .*Футбол-2" "$tmp/bad-$k/err"; then
		echo "ok $k: the misspelt session named at riders.$k:B2"
	else
		echo "FAIL: $k: exit $rc, not 2 with riders.$k:B2:"; head -5 "$tmp/bad-$k/err"; fail=1
	fi
done
exit $fail
