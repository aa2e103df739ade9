#!/usr/bin/env bash
# bench_batch.sh - `schoolrun batch` on a generated region: N districts
# (default 24) of MIN..MAX villages (default 40..300, spread evenly, seeds
# 1..N) from maps/gen_district, planned at --jobs 1 and --jobs 2: total
# wall time, speed-up, peak memory per job (from batch.csv: median and
# largest), and whether region.csv is the same at both. Then how a plan's
# time grows with a district's size: single districts of SIZES villages
# (default 250 500 1000; the generator's largest is 1000, and schoolrun has
# no --bbox yet to cut districts out of one oblast-sized map, so each size
# is generated on its own), planned with --threads 1.
#
# usage: tests/bench/bench_batch.sh [BUILD_DIR]
#   env: N=24 MIN=40 MAX=300 SIZES="250 500 1000"   (scale down on a busy machine)
# Heavy: run it by hand under nice, never from CTest.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
case $build in /*) ;; *) build=$(pwd)/$build ;; esac
exe=$build/schoolrun
gen=$build/maps/gen_district
N=${N:-24} MIN=${MIN:-40} MAX=${MAX:-300}
SIZES=${SIZES:-250 500 1000}
work=$(mktemp -d /tmp/bench_batch.XXXXXX)
trap 'rm -rf "$work"' EXIT
[ -x "$exe" ] && [ -x "$gen" ] || { echo "build first: $exe and $gen"; exit 1; }

# gen DIR SEED VILLAGES: a district and its example
gen() {
	local d=$1 seed=$2 v=$3
	mkdir -p "$(dirname "$d")"
	local dest=$((v / 20))
	((dest < 5)) && dest=5
	((dest > 60)) && dest=60
	"$gen" --seed "$seed" --villages "$v" --destinations "$dest" --out "$d.osm" \
		--example-dir "$d" --example-map "../$(basename "$d").osm" >/dev/null
}

dirs=()
villages=0
for i in $(seq 1 "$N"); do
	v=$((N > 1 ? MIN + (MAX - MIN) * (i - 1) / (N - 1) : MIN))
	gen "$work/region/d$(printf %02d "$i")" "$i" "$v"
	dirs+=("$work/region/d$(printf %02d "$i")")
	villages=$((villages + v))
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A secs
echo "Region: $N districts of $MIN..$MAX villages ($villages villages), $(nproc) cores"
echo
printf '| --jobs | total s | speed-up | peak MB per job (median / max) | plans (exit 0 / 3 / other) | plans cut by time_limit_s | region.csv same as --jobs 1 |\n'
printf '|---|---|---|---|---|---|---|\n'
for j in 1 2; do
	t0=$(date +%s.%N)
	set +e
	"$exe" batch "${dirs[@]}" --out "$work/out$j" --jobs "$j" -q
	set -e
	t1=$(date +%s.%N)
	secs[$j]=$(echo "$t1 - $t0" | bc -l)
	med=$(awk -F, 'NR>1 && $6!="" {print $6}' "$work/out$j/batch.csv" | median)
	max=$(awk -F, 'NR>1 && $6!="" {print $6}' "$work/out$j/batch.csv" | sort -n | tail -1)
	st=$(awk -F, 'NR>1 {c[$3==0?0:$3==3?3:9]++} END {printf "%d / %d / %d", c[0], c[3], c[9]}' "$work/out$j/batch.csv")
	cut=$(grep -l 'time limit' "$work/out$j"/runs/*.log 2>/dev/null | wc -l)
	same=yes
	if ! cmp -s "$work/out1/region.csv" "$work/out$j/region.csv"; then
		same="no: $( (diff "$work/out1/region.csv" "$work/out$j/region.csv" || true) | awk -F, '/^>/ {sub(/^> /, "", $1); print $1}' | paste -sd' ')"
	fi
	printf '| %d | %.1f | %.2f× | %.0f / %.0f | %s | %d | %s |\n' "$j" "${secs[$j]}" \
		"$(echo "${secs[1]} / ${secs[$j]}" | bc -l)" "$(echo "$med / 1024" | bc -l)" \
		"$(echo "$max / 1024" | bc -l)" "$st" "$cut" "$same"
done
echo
echo "Plan time by district size (one plan, --threads 1):"
echo
printf '| villages | children | buses used | plan s | peak MB | unserved children | time-limit warnings |\n'
printf '|---|---|---|---|---|---|---|\n'
for v in $SIZES; do
	d=$work/size$v
	gen "$d" 7 "$v"
	set +e
	"$exe" plan "$d" --out "$d.out" --threads 1 --record "$d.rec" 2>"$d.log"
	set -e
	IFS=, read -r st _ s mem < <(tail -n 1 "$d.rec" | awk -F, '{print $1","$2","$(NF-1)","$NF}')
	fig=$(python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))
ch = sum(r["children"] for r in p["riders"])
used = {d["bus"] for pat in p["patterns"] for d in pat["duties"] if d["runs"]}
un = {}
for u in p["unserved"]:
    un[u["rider_line"]] = max(un.get(u["rider_line"], 0), u["children"])
print("%d | %d | " % (ch, len(used)) + "%d" % sum(un.values()))' "$d.out/plan.json" 2>/dev/null || echo "- | - | -")
	IFS='|' read -r ch used un <<<"$fig"
	printf '| %d | %s | %s | %.1f | %.0f | %s | %d |\n' "$v" "${ch// /}" "${used// /}" "$s" \
		"$(echo "$mem / 1024" | bc -l)" "${un// /}" "$(grep -c 'time limit' "$d.log" || true)"
done
echo
awk -F, 'NR>1 && $3!=0 && $3!=3 {print "note: " $1 " exit " $3 ": " $4}' "$work/out1/batch.csv"
