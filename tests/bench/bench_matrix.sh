#!/usr/bin/env bash
# bench_matrix.sh - how long the travel-time matrix takes on the largest
# shared map (../shared/maps/liechtenstein-2021.osm.gz), and one
# `schoolrun matrix` call against the 900 single-pair Routino queries
# (routino-router --quickest, Debian package routino) that give the same
# 30 x 30 table.
#
# Points: `schoolrun matrix --sample N`: the map's places, then its
# destinations, then seeded random points on main roads (N in all).
# Table 1: N, algorithm (one-to-all Dijkstra or contraction hierarchy, CH
# build included), threads, median of 5 runs of the matrix computation
# alone (mat_compute, from --stats), of the snapping, and of the whole
# command (reading the 49 MB OSM file and printing N*N CSV rows included),
# and the peak resident memory.
# Table 2: the 30 x 30 table: one schoolrun call (whole command, map
# reading included) against 900 routino-router runs (database prepared once
# by planetsplitter beforehand, its time shown apart), as a ratio.
#
# usage: tests/bench/bench_matrix.sh [SCHOOLRUN_EXE]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
exe=${1:-${SR_EXE:-$root/build/schoolrun}}
shared=${SR_SHARED:-$root/../shared}
map=$shared/maps/liechtenstein-2021.osm.gz
[ -f "$map" ] || { echo "$map absent: skipped"; exit 77; }
[ -x "$exe" ] || { echo "schoolrun not built at $exe"; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "map: $map"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '%6s %9s %7s %10s %10s %10s %9s\n' points algorithm threads matrix_s snap_s total_s peak_MB
for cfg in "100 dijkstra 2" "100 ch 2" "500 dijkstra 2" "500 ch 2" \
	"2000 dijkstra 1" "2000 dijkstra 2" "2000 ch 1" "2000 ch 2"; do
	read -r n algo th <<<"$cfg"
	flag=(--dijkstra)
	[ "$algo" = ch ] && flag=(--ch)
	{
		: >"$tmp/mat"
		: >"$tmp/snap"
		: >"$tmp/tot"
		: >"$tmp/rss"
		for run in 1 2 3 4 5; do
			t0=$(now)
			"$exe" matrix "$map" --sample "$n" --threads "$th" "${flag[@]}" --stats \
				>/dev/null 2>"$tmp/err"
			t1=$(now)
			sed -n 's/.*points and snapping \([0-9.]*\) s, matrix \([0-9.]*\) s; peak RSS \([0-9]*\) kB.*/\1 \2 \3/p' \
				"$tmp/err" >"$tmp/line"
			read -r s m r <"$tmp/line"
			echo "$m" >>"$tmp/mat"
			echo "$s" >>"$tmp/snap"
			echo "$r" >>"$tmp/rss"
			awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }' >>"$tmp/tot"
		done
		printf '%6s %9s %7s %10s %10s %10s %9s\n' "$n" "$algo" "$th" "$(median <"$tmp/mat")" \
			"$(median <"$tmp/snap")" "$(median <"$tmp/tot")" \
			"$(sort -g "$tmp/rss" | tail -1 | awk '{ printf "%.1f", $1 / 1024 }')"
		grep -h 'contraction hierarchy' "$tmp/err" | sed 's/^/        last run: /' || true
	}
done

if ! command -v planetsplitter >/dev/null || ! command -v routino-router >/dev/null; then
	echo
	echo "routino not installed: no comparison"
	exit 0
fi
echo
t0=$(now)
planetsplitter --dir="$tmp" --prefix=m --tagging=/usr/share/routino/tagging.xml "$map" \
	>"$tmp/planetsplitter.log" 2>&1
t1=$(now)
prep=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
"$exe" matrix "$map" --sample 30 --points-out "$tmp/pts.csv" --out "$tmp/ours.csv"
t0=$(now)
"$exe" matrix "$map" --points "$tmp/pts.csv" --out "$tmp/ours.csv"
t1=$(now)
ours=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
tail -n +2 "$tmp/pts.csv" | cut -d, -f2,3 | tr , ' ' >"$tmp/ll"
fails=0
t0=$(now)
while read -r la1 lo1; do
	while read -r la2 lo2; do
		routino-router --dir="$tmp" --prefix=m --transport=motorcar --quickest \
			--lat1="$la1" --lon1="$lo1" --lat2="$la2" --lon2="$lo2" \
			--output-none --quiet </dev/null || fails=$((fails + 1))
	done <"$tmp/ll"
done <"$tmp/ll"
t1=$(now)
theirs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
printf '%-44s %10s\n' "30 x 30 table" seconds
printf '%-44s %10s\n' "schoolrun matrix (one call, map read incl.)" "$ours"
printf '%-44s %10s\n' "routino-router x 900 (quickest)" "$theirs"
printf '%-44s %10s\n' "routino planetsplitter (once, not counted)" "$prep"
printf '%-44s %10s\n' "ratio routino / schoolrun" "$(awk -v a="$theirs" -v b="$ours" 'BEGIN { printf "%.1f", a / b }')"
echo "routino queries that failed (no route, e.g. same point): $fails"
