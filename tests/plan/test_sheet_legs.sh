#!/usr/bin/env bash
# test_sheet_legs.sh CHECKER - the drivers' sheets read as a driver reads
# them, on tests/plan/data/kita (the shared map north-bayreuth-2014; two
# buses garaged in a village that is also a pickup): no wait that lasts no
# printed minute ("Стоянка: Neudrossenfeld 18:53 → 18:53" before the
# return to the garage, or between two runs), and the working day's length
# in brackets is the difference of the two times printed before it. The
# checker accepts the plan.
. "$(dirname "$0")/shared_term.sh" kita north-bayreuth-2014.osm.gz sheetlegs "$@"

"$exe" plan "$dir" --out "$tmp/out" -q 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] || { bad "plan exit $rc"; cat "$tmp/err"; }
"$checker" "$dir" "$tmp/out" >"$tmp/check" 2>&1 || { bad "checker"; cat "$tmp/check"; }
sheets=$(ls "$tmp"/out/print/bus-*.html 2>/dev/null)
[ -n "$sheets" ] || bad "no drivers' sheets"
# the plan has waits shorter than a minute for the sheets to leave out
short=$(grep -o '"wait_s":[0-9]*' "$tmp/out/plan.json" | awk -F: '$2 > 0 && $2 < 60' | wc -l)
[ "$short" -gt 0 ] || bad "the term no longer has a wait under a minute: the test checks nothing"
for f in $sheets; do
	# a wait is "Стоянка: PLACE <t>A</t> → <t>B</t>" (one place)
	grep -o 'Стоянка: [^<]*<span class="t">[0-9:]*</span> &#8594; <span class="t">[0-9:]*' "$f" |
		sed 's/<span class="t">//g; s/<\/span>//g' |
		awk -v f="${f##*/}" '{ if ($(NF - 2) == $NF) print "FAIL: " f ": a wait of no minute: " $0 }' \
			>>"$tmp/waits"
	# "Рабочий день: <t>S–E</t> (L)"
	line=$(grep -o 'Рабочий день: <span class="t">[0-9:]*&#8211;[0-9:]*</span> ([0-9:]*)' "$f")
	[ -n "$line" ] || { bad "${f##*/}: no working day line"; continue; }
	echo "$line" | sed 's/.*"t">//; s/&#8211;/ /; s/<\/span> (/ /; s/)//' |
		awk -v f="${f##*/}" '{ split($1, s, ":"); split($2, e, ":"); split($3, l, ":")
			d = (e[1] * 60 + e[2]) - (s[1] * 60 + s[2])
			if (d != l[1] * 60 + l[2]) print "FAIL: " f ": " $1 "-" $2 " printed as " $3 }' \
			>>"$tmp/waits"
done
if [ -s "$tmp/waits" ]; then
	cat "$tmp/waits"
	fail=1
fi
exit $fail
