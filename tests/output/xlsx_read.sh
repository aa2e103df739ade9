#!/usr/bin/env bash
# xlsx_read.sh - timetable.xlsx read back by an independent reader (Python's
# zipfile and the sheets' XML, xlsx_check.py) equals timetable.csv: the
# fixture plan in Russian and in English, and the plan of examples/tiny.
# The reader must also notice a timetable.csv changed by one second.
# Usage: xlsx_read.sh PATH/TO/out_fixture_write
set -u
writer=$1
here=$(cd "$(dirname "$0")" && pwd)
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
tmp=$(mktemp -d /tmp/xlsx_read.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
for lang in ru en; do
	"$writer" "$tmp/fx-$lang" $lang || { echo "FAIL: fixture $lang not written"; fail=1; continue; }
	python3 "$here/xlsx_check.py" "$tmp/fx-$lang" $lang || { echo "FAIL: fixture $lang"; fail=1; }
done
"$SR_EXE" plan "$SR_SOURCE_DIR/examples/tiny" --out "$tmp/tiny" 2>/dev/null
rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then
	echo "FAIL: plan examples/tiny exit $rc"; fail=1
else
	python3 "$here/xlsx_check.py" "$tmp/tiny" ru || { echo "FAIL: examples/tiny"; fail=1; }
fi
# the reader is not blind: one second changed in the csv is found
if [ -f "$tmp/fx-ru/timetable.csv" ]; then
	python3 - "$tmp/fx-ru/timetable.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
h, m, s = map(int, rows[1][8].split(":"))
t = h * 3600 + m * 60 + s + 1
rows[1][8] = "%02d:%02d:%02d" % (t // 3600, t // 60 % 60, t % 60)
with open(sys.argv[1], "w", encoding="utf-8", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
PY
	if python3 "$here/xlsx_check.py" "$tmp/fx-ru" ru >/dev/null; then
		echo "FAIL: a changed arrival time goes unnoticed"; fail=1
	else
		echo "ok a changed arrival time is noticed"
	fi
fi
exit $fail
