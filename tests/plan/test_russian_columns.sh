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
