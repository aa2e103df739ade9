#!/usr/bin/env bash
# test_page_labels.sh CHECK_PLAN - a coordinator writes next term's
# riders.csv from this term's printed pages: each pickup as its page heads
# it, the village with its bus stop, "Назарово, ост. «Назарово»". The
# bundled district planned from such a riders.csv gives the same timetable
# as from the villages' names, and the pages head them alike (the old
# build refused every such pickup: "no place or bus stop of this name").
# A stop as a timetable writes it, "ост. Липки", is that stop.
. "$(dirname "$0")/district_term.sh" pagelabels "$@"
cp "$src/examples/district/"{sessions,riders,fleet}.csv "$d/"
"$exe" plan "$d" --out "$tmp/o" -q 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] || { bad "plan exit $rc: $(cat "$tmp/err")"; exit 1; }
python3 - "$tmp/o" "$d" <<'PY' || fail=1
import csv, io, os, re, sys
out, d = sys.argv[1:3]
heads = {}
for f in os.listdir(os.path.join(out, "print")):
    if f.startswith("village-"):
        h = re.search(r"<h1>([^<]*)</h1>", open(os.path.join(out, "print", f), encoding="utf-8").read())
        heads[h.group(1).split(", ост. ")[0]] = h.group(1).replace("&laquo;", "«").replace("&raquo;", "»")
rows = list(csv.reader(open(os.path.join(d, "riders.csv"), encoding="utf-8")))
n = 0
for r in rows[1:]:
    if r[0] in heads and "ост." in heads[r[0]]:
        r[0] = heads[r[0]]
        n += 1
assert n >= 20, n
with open(os.path.join(d, "riders.csv"), "w", encoding="utf-8", newline="") as f:
    csv.writer(f).writerows(rows)
PY
grep -q "ост. «" "$d/riders.csv" || bad "riders.csv not rewritten"
"$exe" plan "$d" --out "$tmp/o2" -q 2>"$tmp/err2"
rc=$?
[ $rc -eq 0 ] && ok "the pickups as the pages head them plan" || bad "plan exit $rc: $(head -c 600 "$tmp/err2")"
cmp -s "$tmp/o/timetable.csv" "$tmp/o2/timetable.csv" && ok "the same timetable" ||
	bad "the timetable differs: $(diff "$tmp/o/timetable.csv" "$tmp/o2/timetable.csv" | head -4)"
diff <(grep -ho "<h1>[^<]*" "$tmp/o/print/"village-*.html | sort) \
	<(grep -ho "<h1>[^<]*" "$tmp/o2/print/"village-*.html | sort) >/dev/null &&
	ok "the villages' pages headed alike" || bad "the pages' heads differ"
# the stop alone: Липки's children wait at the stop n1130, its page
# headed by the stop's name
sed -i 's/^"Липки, ост. «Липки»",/ост. «Липки»,/' "$d/riders.csv"
"$exe" plan "$d" --out "$tmp/o3" -q 2>"$tmp/err3"
rc=$?
[ $rc -eq 0 ] && grep -q ",n1130,Липки," "$tmp/o3/timetable.csv" && grep -q "<h1>Липки</h1>" "$tmp/o3/print/"village-*.html &&
	ok "'ост. «Липки»' is the stop" || bad "the stop alone: exit $rc: $(head -c 400 "$tmp/err3")"
# … and so is its id: a stop in the village of its name is headed by that
# name (it was "Липки (Нижние Липки)", the nearest village of another name)
sed -i 's/^ост. «Липки»,/n1130,/' "$d/riders.csv"
"$exe" plan "$d" --out "$tmp/o4" -q 2>"$tmp/err4"
rc=$?
[ $rc -eq 0 ] && grep -q "<h1>Липки</h1>" "$tmp/o4/print/"village-*.html && ok "the stop n1130 headed 'Липки'" ||
	bad "n1130: exit $rc: $(grep -ho "<h1>Липки[^<]*" "$tmp/o4/print/"village-*.html)"
exit $fail
