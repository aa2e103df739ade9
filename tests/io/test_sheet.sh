#!/usr/bin/env bash
# test_sheet.sh SHEET_DUMP - the cells of spreadsheets written by independent
# writers (sheet_cases.py: openpyxl, and XML by hand) read as the coordinator
# sees them, row numbers as the spreadsheet shows them; a misnamed file reads
# the same; the other sheets with values (not empty ones) and hidden rows are
# warned about; every broken file is refused with the message that names it
# (the cell, .xls, damaged, zip bomb, too many cells, encrypted, document
# type), and quickly.
set -u
dump=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
"$py" "$here/sheet_cases.py" "$tmp" || { echo "FAIL: sheet_cases.py"; exit 1; }
fail=0
same() { # same FILE EXPECTED.csv: the dump equals the expected rows
	if ! "$dump" "$1" >"$tmp/got.csv" 2>"$tmp/got.err"; then
		echo "FAIL: $1 not read: $(cat "$tmp/got.err")"; fail=1; return
	fi
	if cmp -s "$tmp/got.csv" "$2"; then
		echo "ok $(basename "$1") reads as $(basename "$2")"
	else
		echo "FAIL: $(basename "$1") differs from $(basename "$2"):"
		diff "$2" "$tmp/got.csv" | head -20; fail=1
	fi
}
for e in "$tmp"/expect/*.csv; do
	f=$(basename "$e" .csv)
	same "$tmp/$f" "$e"
done
# told by content: the same bytes under a CSV's name read the same
cp "$tmp/values.xlsx" "$tmp/misnamed.csv"
cp "$tmp/values.ods" "$tmp/misnamed.xlsx"
same "$tmp/misnamed.csv" "$tmp/expect/values.xlsx.csv"
same "$tmp/misnamed.xlsx" "$tmp/expect/values.ods.csv"
for f in values.xlsx values.ods; do
	"$dump" "$tmp/$f" >/dev/null 2>"$tmp/warn" || true
	for w in "the other sheets with values ('Прочее') are ignored" "hidden row(s) with values (row "; do
		grep -qF "$w" "$tmp/warn" || { echo "FAIL: $f: no warning '$w'"; cat "$tmp/warn"; fail=1; }
	done
	! grep -qF "Пустой" "$tmp/warn" || { echo "FAIL: $f: an empty sheet warned about"; fail=1; }
done
grep -qF "merged range(s)" "$tmp/warn" || { echo "FAIL: no note on the merged range"; fail=1; }
# the broken files: refused, the message holding each text, in seconds
while IFS=$'\t' read -r f texts; do
	t0=$(date +%s)
	"$dump" "$tmp/$f" >/dev/null 2>"$tmp/err"
	rc=$?
	el=$(($(date +%s) - t0))
	if [ $rc -ne 2 ]; then
		echo "FAIL: $f: exit $rc, not 2 (refused)"; cat "$tmp/err"; fail=1; continue
	fi
	IFS=$'\t' read -r -a want <<<"$texts"
	for w in "${want[@]}"; do
		grep -qF -- "$w" "$tmp/err" || { echo "FAIL: $f: no '$w' in: $(cat "$tmp/err")"; fail=1; }
	done
	[ $el -le 20 ] || { echo "FAIL: $f took ${el}s to refuse"; fail=1; }
	echo "ok $f refused: $(tail -1 "$tmp/err")"
done <"$tmp/errors.tsv"
exit $fail
