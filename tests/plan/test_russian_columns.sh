#!/usr/bin/env bash
# test_russian_columns.sh - the input tables as a Russian district office
# heads them: the bundled district's sessions, riders and fleet with
# Russian column names ("Занятие;Куда;Дни;Время"), in Windows-1251
# with semicolons, times written "16.00–17.30", a direction "туда" and a mix
# "нет", plan to the same timetable as the English files with the same
# words ("16:00", "to", "no"). Then a header that is neither names its
# columns in both languages.
set -u
exe=${SR_EXE:?}
src=${SR_SOURCE_DIR:?}/examples/district
tmp=$(mktemp -d /tmp/rucols.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

mkdir -p "$tmp/en" "$tmp/ru"
sed "s|^map = .*|map = $src/../../maps/district.osm|" "$src/plan.conf" >"$tmp/en/plan.conf"
cp "$tmp/en/plan.conf" "$tmp/ru/plan.conf"
# English: the district's files with one group to the session only and one
# session kept off mixed runs
cp "$src/fleet.csv" "$tmp/en/fleet.csv"
awk -F, 'NR == 1 { print $0 ",mix"; next } { print $0 "," (NR == 2 ? "no" : "") }' \
	"$src/sessions.csv" >"$tmp/en/sessions.csv"
awk -F, 'NR == 1 { print $0 ",direction"; next } { print $0 "," (NR == 3 ? "to" : "") }' \
	"$src/riders.csv" >"$tmp/en/riders.csv"
# Russian: the same cells under Russian headers, the words in Russian,
# times with a dot, semicolons, Windows-1251
ru() { # FILE HEADER -> Russian CSV on stdout
	{
		echo "$2"
		tail -n +2 "$1"
	} | sed -E 's/([0-9]{2}):([0-9]{2})/\1.\2/g; s/,to$/,туда/; s/,no$/,нет/' |
		python3 -c 'import csv, sys
w = csv.writer(sys.stdout, delimiter=";", lineterminator="\r\n")
for row in csv.reader(sys.stdin): w.writerow(row)' | iconv -f UTF-8 -t CP1251
}
# the session's start and end in one column "Время", as a timetable writes
# it ("16.00–17.30", en dash)
python3 -c 'import csv, sys
w = csv.writer(sys.stdout, lineterminator="\n")
for r in csv.reader(open(sys.argv[1], encoding="utf-8")):
    w.writerow(r[:3] + [r[3] + "\u2013" + r[4]] + r[5:])' "$tmp/en/sessions.csv" >"$tmp/ru/sessions-time.csv"
ru "$tmp/ru/sessions-time.csv" "Занятие,Куда,Дни,Время,\"Макс. поездка, мин\",Смешивать" >"$tmp/ru/sessions.csv"
rm "$tmp/ru/sessions-time.csv"
ru "$tmp/en/riders.csv" "Пункт посадки,Занятие,Детей,Макс поездка мин,Примечание,Направление" >"$tmp/ru/riders.csv"
ru "$tmp/en/fleet.csv" "Автобус,Гараж,Мест,Работает с,Работает до,Стоимость за км" >"$tmp/ru/fleet.csv"
grep -q ',to$' "$tmp/en/riders.csv" && grep -q ',no$' "$tmp/en/sessions.csv" ||
	bad "the English files lack the words the test translates"

for l in en ru; do
	"$exe" plan "$tmp/$l" --out "$tmp/out-$l" -q 2>"$tmp/err-$l"
	rc=$?
	[ $rc -eq 0 ] || [ $rc -eq 3 ] || { bad "$l: plan exit $rc"; cat "$tmp/err-$l"; }
done
cmp -s "$tmp/out-en/timetable.csv" "$tmp/out-ru/timetable.csv" ||
	bad "the Russian-headed files plan otherwise: $(diff "$tmp/out-en/timetable.csv" "$tmp/out-ru/timetable.csv" | head -5)"
cmp -s "$tmp/out-en/summary.txt" "$tmp/out-ru/summary.txt" || bad "summary.txt differs"
# the one group to the session only is read as such from "туда"
grep -q '"direction":"to"' "$tmp/out-ru/plan.json" || bad "direction 'туда' not read as to"

# an office's form: a row-number column first ("№ п/п", "№"), the bus's
# make ("Марка") and the driver's phone as "Телефон": the same timetable,
# the make and the phone on the driver's sheets and the run lists (these
# headers were refused: the Liechtenstein region trial, 2026-12-06)
mkdir -p "$tmp/form"
cp "$tmp/ru/plan.conf" "$tmp/ru/sessions.csv" "$tmp/form/"
# Its totals rows have "Итого" under the number, as a sheet merges it across
# the number and the name (read as a group with an empty pickup before: the
# North Bayreuth trial, 2026-12-06)
iconv -f CP1251 -t UTF-8 "$tmp/ru/riders.csv" |
	awk 'NR == 1 { print "№ п/п;" $0; next } { print NR - 1 ";" $0 } END { print "Итого:;;;999" }' >"$tmp/form/riders.csv"
iconv -f CP1251 -t UTF-8 "$tmp/ru/fleet.csv" | tr -d '\r' |
	awk 'NR == 1 { print "№;" $0 ";Марка;Телефон"; next }
	     { print NR - 1 ";" $0 ";ПАЗ-32053;+7 900 000-00-" (10 + NR) } END { print "Итого;" }' >"$tmp/form/fleet.csv"
"$exe" plan "$tmp/form" --out "$tmp/out-form" 2>"$tmp/err-form"
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 3 ] || { bad "form: plan exit $rc"; cat "$tmp/err-form"; }
grep -q "riders.csv:[0-9]*: the totals row 'Итого:' says 999 children" "$tmp/err-form" ||
	bad "form: the totals row under the number is not read as one: $(cat "$tmp/err-form")"
cmp -s "$tmp/out-en/timetable.csv" "$tmp/out-form/timetable.csv" ||
	bad "the office's form plans otherwise: $(diff "$tmp/out-en/timetable.csv" "$tmp/out-form/timetable.csv" | head -5)"
grep -q '<p>Марка: ПАЗ-32053\. Мест: 25\.' "$tmp/out-form/print/bus-1-"*.html &&
	grep -q 'Водитель: тел\. +7 900 000-00-12' "$tmp/out-form/print/bus-1-"*.html ||
	bad "form: the make or the phone is not on bus 1's sheet"
grep -q '</span>, ПАЗ-32053\.\|ПАЗ-01, ПАЗ-32053\.' "$tmp/out-form/print/lists.html" ||
	bad "form: the make is not on the run lists"
grep -q '"model":"ПАЗ-32053"' "$tmp/out-form/plan.json" || bad "form: no model in plan.json"
# every unknown column of a header at once, from the first one's cell
printf '№;Автобус;Гараж;Мест;Стаж;Категория\n1;ПАЗ-01;Автопарк «Райавто»;25;10;D\n' >"$tmp/form/fleet.csv"
err=$("$exe" plan "$tmp/form" --out "$tmp/x" 2>&1 >/dev/null)
rc=$?
[ $rc -eq 2 ] && grep -q "fleet.csv:1:5: unknown columns 'Стаж', 'Категория' (the header must be" <<<"$err" ||
	bad "two unknown columns: exit $rc: $err"

# the time both ways is an error naming the column; neither, one too
cp "$tmp/ru/sessions.csv" "$tmp/sessions.ru"
printf 'Занятие,Куда,Дни,Время,Начало\nФутбол,Стадион «Колос»,Пн,16.00-17.30,16.00\n' >"$tmp/ru/sessions.csv"
err=$("$exe" plan "$tmp/ru" --out "$tmp/x" 2>&1 >/dev/null)
rc=$?
[ $rc -eq 2 ] && grep -q "sessions.csv:1:4: the session's time is given twice" <<<"$err" ||
	bad "time and start: exit $rc: $err"
printf 'Занятие,Куда,Дни,Начало\nФутбол,Стадион «Колос»,Пн,16.00\n' >"$tmp/ru/sessions.csv"
err=$("$exe" plan "$tmp/ru" --out "$tmp/x" 2>&1 >/dev/null)
rc=$?
[ $rc -eq 2 ] && grep -q "missing column 'end'.*время: 16:00-17:30" <<<"$err" ||
	bad "start without end: exit $rc: $err"
printf 'Занятие,Куда,Дни,Время\nФутбол,Стадион «Колос»,Пн,16.00\nБег,Стадион «Колос»,Вт,17.30-16.00\n' >"$tmp/ru/sessions.csv"
err=$("$exe" plan "$tmp/ru" --out "$tmp/x" 2>&1 >/dev/null)
rc=$?
[ $rc -eq 2 ] && grep -q "sessions.csv:2:4: bad time '16.00' (write the start and the end" <<<"$err" &&
	grep -q "sessions.csv:3:4: the session ends before it starts" <<<"$err" ||
	bad "bad time cells: exit $rc: $err"
cp "$tmp/sessions.ru" "$tmp/ru/sessions.csv"

# neither language: the error names the columns in both
printf 'Посадка,Кружок,Количество\nПетровка,Футбол,3\n' >"$tmp/ru/riders.csv"
err=$("$exe" plan "$tmp/ru" --out "$tmp/x" 2>&1 >/dev/null)
rc=$?
[ $rc -eq 2 ] || bad "bad header: exit $rc, want 2"
grep -q "unknown column 'Количество'" <<<"$err" &&
	grep -q "pickup,session,children" <<<"$err" &&
	grep -q "or in Russian посадка,занятие,детей" <<<"$err" ||
	bad "bad header: $err"
exit $fail
