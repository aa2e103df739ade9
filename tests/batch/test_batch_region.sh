#!/usr/bin/env bash
# test_batch_region.sh - `schoolrun batch` and `schoolrun compare` on a
# generated region: four districts from maps/gen_district (other seeds and
# sizes) and a broken copy of one (a rider row naming a village the map
# does not have), plus two scenarios of one district written as small
# plan.conf files that include the base (one bus less; a session moved).
# Checks: the broken district exits 2 in batch.csv while the others plan;
# the batch exits with the worst status; region.csv is byte-identical for
# --jobs 1 and --jobs 4, and for the emitted jobs run through GNU parallel
# and --collect, in every column but the last (seconds, the measured run
# time, which differs between runs: it is compared with each run record
# instead); region.csv's figures agree with each plan's timetable.csv and
# plan.json (batch_check.py); compare finds no change between re-runs and
# exactly the changes the two timetables show between scenarios.
# The pages' language: region.html and compare.html in Russian by default
# (the plans print in Russian), in English with --lang en, in the plans'
# own language when they all agree (a scenario with lang = en), in Russian
# when they differ; their headings against this test's own words, the
# shares of runs on one bus all week and of children home by the same bus
# against each plan.json's counts, the total's as the ratio of the summed
# counts (batch_check.py html/cmphtml).
set -u
exe=${SR_EXE:?}
gen=${SR_BINARY_DIR:?}/maps/gen_district
check="python3 $(cd "$(dirname "$0")" && pwd)/batch_check.py"
[ -x "$gen" ] || { echo "skip: $gen not built"; exit 77; }
command -v python3 >/dev/null || { echo "skip: python3 missing"; exit 77; }
tmp=$(mktemp -d /tmp/batch_region.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fail=0
# pyq CSV EXPR: EXPR over `rows` (the CSV's records as dicts; quoted
# fields such as "Mon,Wed" intact)
pyq() { python3 -c "import csv,sys; rows=list(csv.DictReader(open(sys.argv[1],encoding='utf-8'))); $2" "$1"; }
ok() { echo "ok $*"; }
# det REGION_CSV: region.csv without its last column (seconds: a number or
# empty, never quoted), what the plans determine
det() { sed 's/,[^,]*$//' "$1"; }
# same_det A B: the deterministic part of two region.csv files is identical
same_det() { cmp <(det "$1") <(det "$2"); }
bad() { echo "FAIL $*"; fail=1; }

# the region: seeds and sizes differ; small so the test stays quick, and
# chosen so that no plan is cut short by its time limit (a plan that is
# may differ between runs, and so would region.csv)
mkdir -p region maps
i=0
for spec in 41:20 42:30 45:35 46:30; do
	seed=${spec%%:*} v=${spec#*:}
	i=$((i + 1))
	"$gen" --seed "$seed" --villages "$v" --size-km 20 --out "maps/d$i.osm" \
		--example-dir "region/d$i" --example-map "../../maps/d$i.osm" >/dev/null || bad "gen_district seed $seed"
done
# d4 with only its first bus: children left, and a number of buses to add
head -n 2 region/d4/fleet.csv >region/d4/fleet.one && mv region/d4/fleet.one region/d4/fleet.csv
cp -r region/d2 region/broken
echo 'Нигдеево,Футбол,5,,' >>region/broken/riders.csv
dirs=(region/d1 region/d2 region/d3 region/d4 region/broken)

# --jobs 1 and --jobs 4
"$exe" batch "${dirs[@]}" --out out1 --jobs 1 2>err1
rc=$?
[ $rc -eq 2 ] && ok "batch exits 2, the worst status" || bad "batch exit $rc, want 2"
[ "$(grep -c '^schoolrun batch: \[[0-9]/5\]' err1)" -eq 5 ] && ok "one progress line per plan" ||
	{ bad "progress lines"; cat err1; }
st=$(awk -F, '$1=="broken" {print $3}' out1/batch.csv)
[ "$st" = 2 ] && grep -q '^broken,.*riders.csv:[0-9]*:1:.*Нигдеево' out1/batch.csv &&
	ok "the broken district is listed with exit 2 and the file, line and column" ||
	{ bad "broken district status '$st'"; cat out1/batch.csv; }
n_ok=$(awk -F, 'NR>1 && $1!="broken" && ($3==0 || $3==3)' out1/batch.csv | wc -l)
[ "$n_ok" -eq 4 ] && ok "the other four districts planned" || { bad "$n_ok districts planned"; cat out1/batch.csv; }
for d in d1 d2 d3 d4; do
	[ -s "out1/$d/timetable.csv" ] && [ -s "out1/$d/print/index.html" ] || bad "out1/$d has no plan"
done
grep -q 'href="d1/print/index.html"' out1/region.html && ok "region.html links the districts' pages" ||
	bad "region.html has no link to d1/print/index.html"
[ -s out1/d1/map.html ] && grep -q 'href="d1/map.html"' out1/region.html &&
	ok "region.html links the districts' route maps" || bad "no d1/map.html or no link to it in region.html"
grep -q 'href="broken/map.html"' out1/region.html && bad "region.html links the broken district's missing map"
$check region out1 || fail=1
want_head=district,status,children,served,unserved,buses_day_max,buses_week,fleet,more_buses,more_buses_split,runs_week,km_week,empty_km_week,km_term,longest_ride,longest_shift,longest_week,same_bus_week_pct,same_bus_runs,repeating_runs,home_same_bus_pct,round_trips_same_bus,round_trips,seconds
[ "$(head -1 out1/region.csv)" = "$want_head" ] && ok "region.csv columns: the fleet, km in the term, the two shares with their counts before seconds" ||
	bad "region.csv header $(head -1 out1/region.csv)"

# the pages' language: the plans' (Russian), or --lang en on --collect;
# the CSV files keep their English keys and bytes
$check html out1 ru || fail=1
$check xlsx out1 ru || fail=1
cp -r out1 outl
"$exe" batch --collect outl --lang en -q
rc=$?
[ $rc -eq 2 ] && cmp -s out1/region.csv outl/region.csv && cmp -s out1/batch.csv outl/batch.csv &&
	ok "--collect --lang en: the same region.csv and batch.csv" || bad "--lang en: exit $rc or other CSV files"
$check html outl en || fail=1
$check xlsx outl en || fail=1
"$exe" batch --collect outl --lang de -q 2>errl
rc=$?
[ $rc -eq 2 ] && grep -q "ru or en" errl && ok "--lang de is bad usage (exit 2)" || bad "--lang de: exit $rc"

"$exe" batch "${dirs[@]}" --out out4 --jobs 4 -q 2>/dev/null
same_det out1/region.csv out4/region.csv && ok "region.csv identical for --jobs 1 and --jobs 4 (seconds aside)" ||
	{ bad "region.csv differs between --jobs 1 and 4"; diff out1/region.csv out4/region.csv; }
$check region out4 || fail=1
cmp -s out1/region.xlsx out4/region.xlsx && ok "region.xlsx byte-identical for --jobs 1 and --jobs 4" ||
	bad "region.xlsx differs between --jobs 1 and 4"
[ "$(head -1 out1/region.csv)" = "$(det out1/region.csv | head -1),seconds" ] &&
	pyq out1/region.csv 'sys.exit(not all(float(r["seconds"]) > 0 for r in rows))' &&
	ok "region.csv ends with the run time in seconds, every district and the total" ||
	{ bad "region.csv seconds column"; cat out1/region.csv; }

# a batch against its re-run: no changes
"$exe" compare out1 out4 --out cmp_rerun -q
rc=$?
n=$(awk -F, 'NR>1 && $2!="figure"' cmp_rerun/compare.csv | wc -l)
nz=$(awk -F, 'NR>1 && $2=="figure" && $11!="" && $11!~/^\+0(\.0)?$/' cmp_rerun/compare.csv | wc -l)
[ $rc -eq 0 ] && [ "$n" -eq 0 ] && [ "$nz" -eq 0 ] && ok "compare of two runs of the region: no changes" ||
	{ bad "compare of re-runs: exit $rc, $n changes, $nz figures differ"; head cmp_rerun/compare.csv; }
grep -q '^broken,figure,children,.*status 2' cmp_rerun/compare.csv && ok "compare lists the broken district's status" ||
	bad "compare does not say why broken has no figures"
$check cmphtml cmp_rerun/compare.html ru || fail=1
grep -q 'статус 2: .*riders.csv:[0-9]*:1:' cmp_rerun/compare.html && ok "compare.html says in Russian why broken has no figures" ||
	bad "compare.html: no Russian status note for broken"

# emitted jobs through GNU parallel, then --collect
"$exe" batch "${dirs[@]}" --out outp --emit-jobs jobs.txt -q
[ "$(wc -l <jobs.txt)" -eq 5 ] && grep -q " plan '.*/region/d1' --out '.*/outp/d1' --threads 1 --record '.*/outp/runs/d1.csv'$" jobs.txt &&
	ok "--emit-jobs writes one plan command per district" || { bad "jobs.txt"; cat jobs.txt; }
"$exe" batch --collect outp -q
rc=$?
[ $rc -eq 1 ] && [ "$(awk -F, 'NR>1 && $3==1 && /did not run/' outp/batch.csv | wc -l)" -eq 5 ] &&
	ok "--collect before the jobs ran lists each as not run (exit 1)" || { bad "early collect exit $rc"; cat outp/batch.csv; }
pyq outp/region.csv 'sys.exit(not (all(r["seconds"] == "" for r in rows[:-1]) and float(rows[-1]["seconds"]) == 0))' &&
	ok "jobs not run: no seconds, total 0" || { bad "seconds before the jobs ran"; cat outp/region.csv; }
if command -v parallel >/dev/null; then
	parallel --will-cite -j 2 <jobs.txt >/dev/null 2>&1
	"$exe" batch --collect outp -q
	rc=$?
	[ $rc -eq 2 ] && same_det out1/region.csv outp/region.csv &&
		ok "GNU parallel + --collect gives the same region.csv as batch (seconds aside)" ||
		{ bad "parallel + collect: exit $rc"; diff out1/region.csv outp/region.csv; }
	$check region outp || fail=1
else
	bad "GNU parallel is not installed (Debian package parallel)"
fi

# scenarios of d3 without copying: plan.conf includes the base
used=$(pyq out1/d3/timetable.csv 'print(next(r["bus"] for r in rows if r["bus"]))')
mkdir -p scen/fewer scen/moved
printf '# one bus less\ninclude = ../../region/d3/plan.conf\nfleet = fleet.csv\n' >scen/fewer/plan.conf
awk -F, -v b="$used" '$1!=b' region/d3/fleet.csv >scen/fewer/fleet.csv
# the session of the first riders.csv row starts half an hour later
moved=$(pyq region/d3/riders.csv 'print(rows[0]["session"])')
printf '# %s half an hour later\ninclude = ../../region/d3/plan.conf\nsessions = sessions.csv\n' "$moved" >scen/moved/plan.conf
python3 - "$moved" region/d3/sessions.csv scen/moved/sessions.csv <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
w = csv.DictWriter(open(sys.argv[3], "w", encoding="utf-8", newline=""), rows[0].keys(), lineterminator="\n")
w.writeheader()
for r in rows:
    if r["session"] == sys.argv[1]:
        h, m = map(int, r["start"].split(":"))
        r["start"] = "%02d:%02d" % (h + (m + 30) // 60, (m + 30) % 60)
    w.writerow(r)
PY
cmp -s scen/moved/sessions.csv region/d3/sessions.csv && bad "the session was not moved"
# and one that prints in English
mkdir -p scen/english
printf '# printed in English\ninclude = ../../region/d3/plan.conf\nlang = en\n' >scen/english/plan.conf
"$exe" batch region/d3 scen/fewer scen/moved scen/english --out outs -q 2>/dev/null
awk -F, 'NR>1 && $3!=0 && $3!=3 {exit 1}' outs/batch.csv && ok "scenarios planned" || { bad "scenarios"; cat outs/batch.csv; }
grep -q '"lang":"en"' outs/english/plan.json || bad "the English scenario's plan.json says no lang en"
# scenarios of one district are no region: no total row adds d3's
# children up four times, the page says they are scenarios (the
# Unterland trial's what-if batch, 2026-12-06, summed base and scenario)
$check region outs || fail=1
$check xlsx outs ru || fail=1
# plans in Russian and English: the pages in Russian; all in English: English
$check html outs ru || fail=1
grep -q '^(total)' outs/region.csv && bad "a batch of scenarios has a total row"
grep -q '<h1>Варианты плана одного района: 4</h1>' outs/region.html || bad "region.html's heading for scenarios"
# districts with scenarios of one of them beside: the region's heading, no
# total (it would count d3 twice), the note naming the two
"$exe" batch region/d1 scen/fewer region/d3 --out outm -q --jobs 2 2>/dev/null
$check region outm || fail=1
$check html outm ru || fail=1
$check xlsx outm ru || fail=1
grep -q '<h1>Регион, районов: 2</h1>' outm/region.html && grep -q 'fewer, d3 — варианты плана одного района' outm/region.html &&
	ok "districts and scenarios: no total, the scenarios named" || bad "districts with scenarios beside"
"$exe" batch scen/english --out oute -q 2>/dev/null
$check html oute en || fail=1
"$exe" compare outs/english oute/english --out cmp_en -q
$check cmphtml cmp_en/compare.html en || fail=1
"$exe" compare outs/english oute/english --out cmp_en_ru --lang ru -q
$check cmphtml cmp_en_ru/compare.html ru || fail=1
"$exe" compare outs/d3 outs/english --out cmp_mixed -q
$check cmphtml cmp_mixed/compare.html ru || fail=1
cmp -s cmp_en/compare.csv cmp_en_ru/compare.csv && ok "compare.csv the same in either language" ||
	bad "compare.csv differs with --lang ru"
"$exe" compare outs/english oute/english --out cmpx --lang fr -q 2>errx
[ $? -eq 2 ] && ok "compare --lang fr is bad usage (exit 2)" || bad "compare --lang fr"
"$exe" compare outs/d3 outs/fewer --out cmp_fewer -q
$check compare outs/d3 outs/fewer cmp_fewer/compare.csv || fail=1
grep -q "$used" outs/fewer/timetable.csv && bad "bus $used still runs in the scenario without it"
pyq cmp_fewer/compare.csv "b='$used'; k=[r for r in rows if r['kind'] in ('bus', 'bus_renamed')]; sys.exit(not (any(b in r['a'].split() for r in k) and not any(b in r['b'].split() for r in k)))" &&
	ok "one bus less: compare shows $used's villages moved to other buses" || bad "no bus changes for $used"
"$exe" compare outs/d3 outs/moved --out cmp_moved -q
$check compare outs/d3 outs/moved cmp_moved/compare.csv || fail=1
sel='[r for r in rows if r["kind"]=="time" and r["session"]=="'"$moved"'" and r["direction"]=="to_session" and r["delta"]]'
nt=$(pyq cmp_moved/compare.csv "print(len($sel))")
neg=$(pyq cmp_moved/compare.csv "print(len([r for r in $sel if float(r['delta']) <= 0]))")
[ "$nt" -gt 0 ] && [ "$neg" -eq 0 ] && ok "session moved: $nt pickups for $moved later, none earlier" ||
	bad "session moved: $nt football pickup shifts, $neg not later"
grep -q '<table' cmp_moved/compare.html && ok "compare.html written" || bad "compare.html"
$check cmphtml cmp_moved/compare.html ru || fail=1
# the same calls under another bus apart from the real changes, after them
nr=$(awk -F, '$2=="bus_renamed"' cmp_moved/compare.csv | wc -l)
python3 - cmp_moved/compare.html "$nr" <<'PY' && ok "compare.html lists the $nr renamed rows apart" || fail=1
import re, sys
page, n = open(sys.argv[1], encoding="utf-8").read(), int(sys.argv[2])
head = page.find("<h3>Те же рейсы на другом автобусе")
tables = [m.start() for m in re.finditer("<table", page)]
after = page[head:] if head >= 0 else ""
if n == 0 or head < 0 or after.count("другой автобус</td>") != n or page[:head].count("другой автобус</td>"):
    print("FAIL compare.html: %d renamed rows in compare.csv, heading at %d, %d after it" %
          (n, head, after.count("другой автобус</td>")))
    sys.exit(1)
# the pairs line under the heading: "A &rarr; B (rows)", its rows adding up
pairs = re.search(r"</h3>\s*<p>(.*?)</p>", after)
counts = [int(x) for x in re.findall(r"&rarr; [^(;]+ \((\d+)\)", pairs.group(1))] if pairs else []
if sum(counts) != n:
    print("FAIL compare.html: the renamed pairs %s count %d rows, not %d" %
          (pairs and pairs.group(1), sum(counts), n))
    sys.exit(1)
PY
"$exe" compare outs/d3 outs/moved --out cmp_moved2 2>msg_moved
grep -q "из них $nr — те же рейсы на другом автобусе\|$nr of them the same calls under another bus" msg_moved &&
	ok "compare says how many changes are renamed buses" || { bad "compare's message"; cat msg_moved; }

# bad usage and a missing folder: exit 2
"$exe" batch region/nowhere --out outx 2>errx
rc=$?
[ $rc -eq 2 ] && grep -q "region/nowhere" errx && ok "a missing folder is an error naming it" || bad "missing folder: exit $rc"

# a region folder as an office keeps it: districts that include a shared
# base.conf, with the base and a README beside them; `batch glob/*` plans
# the districts and leaves the other two out, saying why
mkdir -p glob/a glob/b
printf 'organisation = Управление образования\n' >glob/base.conf
echo 'the districts of the region' >glob/README.txt
printf 'include = ../base.conf\ninclude = %s/region/d1/plan.conf\n' "$tmp" >glob/a/plan.conf
printf 'include = %s/region/d2/plan.conf\ninclude = ../base.conf\n' "$tmp" >glob/b/plan.conf
"$exe" batch glob/* --out outg --jobs 2 2>errg
rc=$?
[ "$(tail -n +2 outg/jobs.csv | cut -d, -f1 | tr '\n' ' ')" = "a b " ] &&
	grep -q 'glob/base.conf: shared settings that glob/a/plan.conf, glob/b/plan.conf include: no district, left out' errg &&
	grep -q 'glob/README.txt: not a folder nor a .conf file: no district, left out' errg &&
	{ [ $rc -eq 0 ] || [ $rc -eq 3 ]; } && ok "batch glob/*: the shared base.conf and a README are left out, saying why" ||
	{ bad "batch glob/*: exit $rc, jobs $(cat outg/jobs.csv)"; cat errg; }
cmp <(det outg/region.csv | sed -n "2,3p" | cut -d, -f2-) <(det out1/region.csv | sed -n '2,3p' | cut -d, -f2-) >/dev/null &&
	ok "the districts through the base plan as without it" || bad "glob/a, glob/b differ from d1, d2"
"$exe" batch glob/README.txt --out outn 2>errn
rc=$?
[ $rc -eq 2 ] && grep -q 'no district to plan' errn && ok "no district at all is an error" ||
	{ bad "no district: exit $rc"; cat errn; }
"$exe" compare out1 outs/d3 --out cmpx 2>errx
rc=$?
[ $rc -eq 2 ] && ok "a batch and a plan cannot be compared (exit 2)" || bad "mixed compare: exit $rc"
exit $fail
