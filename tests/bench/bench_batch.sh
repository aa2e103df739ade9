#!/usr/bin/env bash
# bench_batch.sh - `schoolrun batch` on a generated region: N districts
# (default 24) of MIN..MAX villages (default 40..300, spread evenly, seeds
# 1..N) from maps/gen_district, planned at --jobs 1 and --jobs 2: total
# wall time, speed-up, peak memory per job (from batch.csv: median and
# largest), and whether region.csv is the same at both. Then how a plan's
# time grows with a district's size: single districts of SIZES villages
# (default 250 500 1000), planned with --threads 1. Then an oblast: one map
# of OBLAST_N districts (default 12) of OBLAST_MIN..OBLAST_MAX villages
# (default 100..400, 3,000 in all), each made by gen_district from its own
# seed at its own place on a grid of 100 km cells, renumbered apart
# (osmium renumber) and merged into one PBF (osmium merge); each district's
# plan.conf names that one map with `map_bbox` = its square plus 2 km, and
# `schoolrun batch --jobs 2` plans them all: the districts' roads do not
# join (each generated square is closed), the map read is the whole
# oblast's. Printed: per district villages, children, buses, unserved,
# plan seconds and peak memory; and reading the whole map against reading
# one district's box of it (inspect), time and memory.
#
# usage: tests/bench/bench_batch.sh [BUILD_DIR]
#   env: N=24 MIN=40 MAX=300 SIZES="250 500 1000"   (scale down on a busy machine)
#        OBLAST_N=12 OBLAST_MIN=100 OBLAST_MAX=400
#        PARTS="jobs sizes oblast"   (which of the three tables to make)
# Heavy: run it by hand under nice, never from CTest. The oblast needs
# osmium (Debian package osmium-tool).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
case $build in /*) ;; *) build=$(pwd)/$build ;; esac
exe=$build/schoolrun
gen=$build/maps/gen_district
N=${N:-24} MIN=${MIN:-40} MAX=${MAX:-300}
SIZES=${SIZES:-250 500 1000}
OBLAST_N=${OBLAST_N:-12} OBLAST_MIN=${OBLAST_MIN:-100} OBLAST_MAX=${OBLAST_MAX:-400}
PARTS=${PARTS:-jobs sizes oblast}
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

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# det REGION_CSV: region.csv without its last column (seconds, measured)
det() { sed 's/,[^,]*$//' "$1"; }

# The region of N districts at --jobs 1 and --jobs 2.
part_jobs() {
	dirs=()
	villages=0
	for i in $(seq 1 "$N"); do
		v=$((N > 1 ? MIN + (MAX - MIN) * (i - 1) / (N - 1) : MIN))
		gen "$work/region/d$(printf %02d "$i")" "$i" "$v"
		dirs+=("$work/region/d$(printf %02d "$i")")
		villages=$((villages + v))
	done

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
		if ! cmp -s <(det "$work/out1/region.csv") <(det "$work/out$j/region.csv"); then
			same="no: $( (diff "$work/out1/region.csv" "$work/out$j/region.csv" || true) | awk -F, '/^>/ {sub(/^> /, "", $1); print $1}' | paste -sd' ')"
		fi
		printf '| %d | %.1f | %.2f× | %.0f / %.0f | %s | %d | %s |\n' "$j" "${secs[$j]}" \
			"$(echo "${secs[1]} / ${secs[$j]}" | bc -l)" "$(echo "$med / 1024" | bc -l)" \
			"$(echo "$max / 1024" | bc -l)" "$st" "$cut" "$same"
	done
	echo
	awk -F, 'NR>1 && $3!=0 && $3!=3 {print "note: " $1 " exit " $3 ": " $4}' "$work/out1/batch.csv"
}

# One plan per district size.
part_sizes() {
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
}

# One oblast-sized map cut into districts by --bbox.
part_oblast() {
	command -v osmium >/dev/null || { echo "oblast: osmium missing (Debian package osmium-tool)"; return; }
	local o=$work/oblast cols=4 n=$OBLAST_N villages=0 parts=()
	mkdir -p "$o/src"
	for i in $(seq 1 "$n"); do
		local v=$((n > 1 ? OBLAST_MIN + (OBLAST_MAX - OBLAST_MIN) * (i - 1) / (n - 1) : OBLAST_MIN))
		local name=d$(printf %02d "$i") row=$(((i - 1) / cols)) col=$(((i - 1) % cols))
		# centre of a 100 km cell; the square is gen_district's default side
		local geo
		geo=$(python3 -c '
import math, sys
v, row, col = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
lat = 53.0 + row * 100 / 111.13295
lon = 35.0 + col * 100 / (111.31949 * math.cos(math.radians(lat)))
half = 20.0 * max(1.0, math.sqrt(v / 80.0)) + 2.0   # km: half the side, plus 2
dlat, dlon = half / 111.13295, half / (111.31949 * math.cos(math.radians(lat)))
print("%.4f %.4f %.5f,%.5f,%.5f,%.5f" % (lat, lon, lon - dlon, lat - dlat, lon + dlon, lat + dlat))' "$v" "$row" "$col")
		read -r lat lon bbox <<<"$geo"
		local dest=$((v / 20 < 5 ? 5 : v / 20 > 60 ? 60 : v / 20))
		"$gen" --seed "$((100 + i))" --villages "$v" --destinations "$dest" --lat "$lat" --lon "$lon" \
			--out "$o/src/$name.osm" --example-dir "$o/$name" --example-map ../oblast.osm.pbf >/dev/null
		printf 'map_bbox = %s\n' "$bbox" >>"$o/$name/plan.conf"
		# node, way and relation ids of district i start at i * 10^7
		osmium renumber -s "$((i * 10000000)),$((i * 10000000)),$((i * 10000000))" \
			"$o/src/$name.osm" -o "$o/src/$name.osm.pbf" -O
		parts+=("$o/src/$name.osm.pbf")
		villages=$((villages + v))
	done
	osmium merge "${parts[@]}" -o "$o/oblast.osm.pbf" -O
	echo "Oblast: one map of $n districts, $OBLAST_MIN..$OBLAST_MAX villages ($villages villages, $(du -k "$o/oblast.osm.pbf" | cut -f1) kB PBF), each planned from it with map_bbox, --jobs 2:"
	echo
	local t0 t1
	t0=$(date +%s.%N)
	set +e
	"$exe" batch "$o"/d?? --out "$o/out" --jobs 2 -q
	set -e
	t1=$(date +%s.%N)
	python3 - "$o/out" "$OBLAST_MIN" "$OBLAST_MAX" "$n" <<'PY'
import csv, os, sys
out, lo, hi, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
reg = {r["district"]: r for r in csv.DictReader(open(os.path.join(out, "region.csv"), encoding="utf-8"))}
bat = {r["district"]: r for r in csv.DictReader(open(os.path.join(out, "batch.csv"), encoding="utf-8"))}
print("| district | villages | children | buses (week) | unserved | plan s | peak MB | time-limit warnings | exit |")
print("|---|---|---|---|---|---|---|---|---|")
for i, d in enumerate(sorted(k for k in reg if k != "(total)")):
    v = lo + (hi - lo) * i // (n - 1) if n > 1 else lo
    r, b = reg[d], bat[d]
    log = open(os.path.join(out, "runs", d + ".log"), encoding="utf-8").read()
    mb = int(b["peak_rss_kb"]) / 1024 if b["peak_rss_kb"] else 0
    print("| %s | %d | %s | %s | %s | %s | %.0f | %d | %s |" % (d, v, r["children"], r["buses_week"],
          r["unserved"], r["seconds"], mb, log.count("time limit"), r["status"]))
t = reg["(total)"]
print("| total | %d | %s | %s | %s | %s | | | %s |" % (sum(lo + (hi - lo) * i // (n - 1) for i in range(n)) if n > 1 else lo,
      t["children"], t["buses_week"], t["unserved"], t["seconds"], t["status"]))
PY
	printf '\nbatch wall time %.1f s at --jobs 2\n\n' "$(echo "$t1 - $t0" | bc -l)"
	echo "Reading the oblast map: whole, and one district's box of it (inspect --json):"
	echo
	printf '| read | road nodes | places | seconds | peak MB |\n|---|---|---|---|---|\n'
	local b1 bn
	b1=$(sed -n 's/^map_bbox = //p' "$o/d01/plan.conf")
	bn=$(sed -n 's/^map_bbox = //p' "$o/d$(printf %02d "$n")/plan.conf")
	for what in whole "d01 box:$b1" "d$(printf %02d "$n") box:$bn"; do
		local args=() label=${what%%:*}
		[ "$what" != whole ] && args=(--bbox "${what#*:}")
		"$exe" inspect "$o/oblast.osm.pbf" --json "${args[@]}" | python3 -c '
import json, sys
j = json.load(sys.stdin)
print("| %s | %d | %d | %.2f | %.0f |" % (sys.argv[1], j["road_nodes"], sum(j["places"].values()), j["seconds"], j["peak_rss_kb"] / 1024))' "$label"
	done
}

for part in $PARTS; do
	case $part in
	jobs) part_jobs ;;
	sizes) part_sizes ;;
	oblast) part_oblast ;;
	*) echo "unknown part $part (jobs, sizes, oblast)"; exit 1 ;;
	esac
	echo
done
