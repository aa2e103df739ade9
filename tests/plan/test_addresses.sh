#!/usr/bin/env bash
# test_addresses.sh CHECKER - a term whose pickups are street addresses
# (tests/plan/data/addresses, on the osm tests' fixture): it plans, every
# child is served, the checker accepts the plan, each pickup stops at the
# element the fixture tags with that address (its stop_id) and the
# timetable names it as the coordinator wrote it. Then a riders.csv with an
# address in two villages, an unknown street and a missing number: exit 2,
# each named by file, line and column with its candidates, at once; a
# строение the map lacks is a warning naming the line.
set -u
checker=$1
exe=${SR_EXE:?}
dir=${SR_SOURCE_DIR:?}/tests/plan/data/addresses
tmp=$(mktemp -d /tmp/addresses.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

"$exe" plan "$dir" --out "$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] || { bad "plan exit $rc, want 0"; cat "$tmp/err"; }
"$checker" "$dir" "$tmp/out" || bad "the checker rejects the plan"
tt=$tmp/out/timetable.csv
# the riders' pickups as written, and the element the fixture gives that address
while IFS='|' read -r text id; do
	python3 - "$tt" "$text" "$id" <<'PY' || bad "'$text' is not stop $id named as written"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
sys.exit(0 if any(r["stop_name"] == sys.argv[2] and r["stop_id"] == sys.argv[3] for r in rows) else 1)
PY
done <<'LIST'
д. Ивановка, ул. Центральная, 12|w100
Сидоровка, д. 8|w103
Петровка, Центральная улица 12|w102
ул. Садовая д.5|w101
LIST

mkdir -p "$tmp/bad"
sed "s#^map = .*#map = $SR_SOURCE_DIR/tests/osm/fixtures/addresses.osm#" "$dir/plan.conf" >"$tmp/bad/plan.conf"
cp "$dir/sessions.csv" "$dir/fleet.csv" "$tmp/bad/"
cat >"$tmp/bad/riders.csv" <<'CSV'
pickup,session,children
"ул. Центральная, 12",school,5
"ул. Садвая, 5",school,3
"ул. Садовая, 9",school,4
"ул. Школьная, 2/1 стр. 3",school,2
CSV
"$exe" plan "$tmp/bad" --out "$tmp/bad/out" 2>"$tmp/bad/err"
rc=$?
[ $rc -eq 2 ] || bad "bad addresses: exit $rc, want 2"
for want in "riders.csv:2:1: 'ул. Центральная, 12' is ambiguous" "in Ивановка (w100" "in Петровка (w102" \
	"add the village: «д. Ивановка, ул. Центральная, 12»" \
	"riders.csv:3:1: 'ул. Садвая, 5': no street" "did you mean Садовая улица" \
	"riders.csv:4:1: 'ул. Садовая, 9': Садовая улица has no house 9" "7а, 5 (Ивановка)" \
	"warning: $tmp/bad/riders.csv:5: 'ул. Школьная, 2/1 стр. 3'"; do
	grep -qF "$want" "$tmp/bad/err" || bad "the errors lack '$want'"
done
# `names --kind address`: every address of the fixture (counted here from the
# XML), refs that the lookup resolves to that very element, --filter folded
map=$SR_SOURCE_DIR/tests/osm/fixtures/addresses.osm
"$exe" names "$map" --kind address --csv >"$tmp/addr.csv" || bad "names --kind address failed"
python3 - "$map" "$tmp/addr.csv" <<'PY' || bad "names --kind address lists other addresses"
import csv, sys, xml.etree.ElementTree as ET
want = set()
for el in ET.parse(sys.argv[1]).getroot():
    t = {x.get("k"): x.get("v") for x in el.findall("tag")}
    if "addr:housenumber" in t and ("addr:street" in t or "addr:place" in t):
        want.add(el.tag[0] + el.get("id"))
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
got = {r["osm_id"] for r in rows}
ref = {r["osm_id"]: r["ref"] for r in rows}
ok = got == want and len(rows) == len(want)
ok &= ref["w100"] == "Центральная улица 12, Ивановка" and ref["n405"] == "n405"
ok &= ref["w103"] == "Сидоровка 8" and ref["n436"] == "Landstrasse 12, Schaan"
sys.exit(0 if ok else print(got ^ want, ref) or 1)
PY
n=$("$exe" names "$map" --kind address --filter "САДОВАЯ" --csv | tail -n +2 | wc -l)
[ "$n" -eq 2 ] || bad "--filter САДОВАЯ lists $n addresses, want 2"
n=$("$exe" names "$map" --kind place --filter "$(printf 'zzz-no-such-place')" --csv | tail -n +2 | wc -l)
[ "$n" -eq 0 ] || bad "--kind place --filter with a text no place holds lists $n rows"
# the same addresses from the PBF form of the map (osmium-tool writes it)
if command -v osmium >/dev/null; then
	osmium cat "$map" -o "$tmp/map.osm.pbf" -O &&
		"$exe" names "$tmp/map.osm.pbf" --kind address --csv >"$tmp/addr_pbf.csv" &&
		cmp -s "$tmp/addr.csv" "$tmp/addr_pbf.csv" || bad "the PBF map lists other addresses"
else
	echo "note: osmium-tool not installed, the PBF form is not checked"
fi
# a town's extract without settlement nodes (Moscow, when the shared map is
# there): every address still has a settlement, one of the map's addr:city
# values (counted here from the XML), said to come from a house nearby
# unless it is the address's own
mos=$SR_SOURCE_DIR/../shared/maps/moscow-center-2020.osm
if [ -f "$mos" ]; then
	"$exe" names "$mos" --kind address --csv >"$tmp/mos.csv" || bad "names on Moscow failed"
	python3 - "$mos" "$tmp/mos.csv" <<'PY' || bad "Moscow's addresses lack a settlement"
import csv, sys, xml.etree.ElementTree as ET
cities, own = set(), {}
for el in ET.parse(sys.argv[1]).getroot():
    t = {x.get("k"): x.get("v") for x in el.findall("tag")}
    if "addr:city" in t:
        cities.add(t["addr:city"])
        own[el.tag[0] + el.get("id")] = t["addr:city"]
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
bad = [r for r in rows if (r["settlement"] != own[r["osm_id"]] if r["osm_id"] in own else
       not (r["settlement"].split(" (addr:city of a house ")[0] in cities and
            r["settlement"].endswith(" m away)")))]
print(f"Moscow: {len(rows)} addresses, {len(own)} with addr:city, {len(bad)} wrong")
sys.exit(1 if bad or len(rows) < 600 else 0)
PY
else
	echo "note: $mos absent, the town's extract is not checked"
fi

[ $fail -eq 0 ] && echo "test_addresses: ok"
[ $fail -eq 0 ] || cat "$tmp/bad/err"
exit $fail
