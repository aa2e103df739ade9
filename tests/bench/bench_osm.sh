#!/usr/bin/env bash
# bench_osm.sh - read speed and peak memory of `schoolrun inspect` beside
# `osmium cat MAP -o /dev/null -f opl` (Debian's osmium-tool) in the same
# run, alternating the two tools, median of RUNS:
#   1. XML: the largest map in ../shared/maps (largest by XML bytes);
#   2. PBF: ../shared/maps/liechtenstein-2021.osm.gz converted to PBF by
#      osmium (target: not slower than osmium on the same PBF);
#   3. per shared map, XML vs PBF: osm_read time, whole-process wall time
#      and peak memory, and osmium cat's on the PBF (median of MAP_RUNS);
#   4. --bbox: a district-sized box on the Liechtenstein PBF, memory.
#
# usage: tests/bench/bench_osm.sh [SCHOOLRUN_EXE] [MAP]
#   defaults: build/schoolrun, the largest ../shared/maps/*.osm[.gz]; RUNS=5, MAP_RUNS=3
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
exe=${1:-$root/build/schoolrun}
runs=${RUNS:-5}
map_runs=${MAP_RUNS:-3}
shared=${SR_SHARED:-$root/../shared}

if [ ! -x "$exe" ]; then echo "bench_osm: $exe not built" >&2; exit 1; fi
if [ ! -x /usr/bin/time ]; then echo "bench_osm: needs /usr/bin/time (Debian package time)" >&2; exit 1; fi
have_osmium=1
command -v osmium >/dev/null || { have_osmium=0; echo "bench_osm: osmium not installed (Debian osmium-tool): peer column empty" >&2; }

map=${2:-}
if [ -z "$map" ]; then
  best=0
  for f in "$shared"/maps/*.osm "$shared"/maps/*.osm.gz; do
    [ -f "$f" ] || continue
    case $f in *.gz) n=$(gzip -dc "$f" | wc -c) ;; *) n=$(wc -c <"$f") ;; esac
    if [ "$n" -gt "$best" ]; then best=$n; map=$f; fi
  done
fi
if [ -z "$map" ]; then echo "bench_osm: no map in $shared/maps" >&2; exit 77; fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# one measurement: wall seconds and max RSS in KB into $tmp/t
measure() {
  /usr/bin/time -f '%e %M %U %S' -o "$tmp/t" "$@" >"$tmp/out" 2>"$tmp/err" || {
    echo "bench_osm: failed: $*" >&2; cat "$tmp/err" >&2; exit 1; }
  awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' "$tmp/t"
}
div() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

: >"$tmp/ours"; : >"$tmp/ours_read"; : >"$tmp/peer"
for i in $(seq "$runs"); do
  measure "$exe" inspect "$map" --json >>"$tmp/ours"
  grep -o '"seconds":[0-9.]*' "$tmp/out" | cut -d: -f2 >>"$tmp/ours_read"
  if [ $have_osmium = 1 ]; then
    measure osmium cat "$map" -o /dev/null -f opl --overwrite >>"$tmp/peer"
  fi
done

o_s=$(cut -d' ' -f1 "$tmp/ours" | median)
o_m=$(cut -d' ' -f2 "$tmp/ours" | median)
o_c=$(cut -d' ' -f3 "$tmp/ours" | median)
o_r=$(median <"$tmp/ours_read")
printf 'map: %s (%s XML bytes), %d runs each, median, same run, alternating\n' "$(basename "$map")" "${best:-?}" "$runs"
printf '%-40s %9s %9s %12s\n' "tool" "wall s" "CPU s" "peak RSS MB"
printf '%-40s %9.3f %9.2f %12.1f\n' "schoolrun inspect (whole process)" "$o_s" "$o_c" "$(div "$o_m" 1024)"
printf '%-40s %9.3f %9s %12s\n' "  of which osm_read (read+graph)" "$o_r" "-" "-"
if [ $have_osmium = 1 ]; then
  p_s=$(cut -d' ' -f1 "$tmp/peer" | median)
  p_m=$(cut -d' ' -f2 "$tmp/peer" | median)
  p_c=$(cut -d' ' -f3 "$tmp/peer" | median)
  printf '%-40s %9.3f %9.2f %12.1f\n' "osmium cat -f opl -o /dev/null" "$p_s" "$p_c" "$(div "$p_m" 1024)"
  printf '%-40s %9.2f %9.2f %12.2f\n' "ratio schoolrun/osmium (<1 = better)" \
    "$(div "$o_s" "$p_s")" "$(div "$o_c" "$p_c")" "$(div "$o_m" "$p_m")"
fi

[ $have_osmium = 1 ] || { echo "(no osmium: no PBF to read; sections 2-4 skipped)"; exit 0; }

# ---- 2. PBF of the Liechtenstein extract vs osmium on the same PBF ----
li=$shared/maps/liechtenstein-2021.osm.gz
if [ -f "$li" ]; then
  osmium cat "$li" -o "$tmp/li.osm.pbf" --overwrite
  : >"$tmp/ours"; : >"$tmp/ours_read"; : >"$tmp/peer"
  for i in $(seq "$runs"); do
    measure "$exe" inspect "$tmp/li.osm.pbf" --json >>"$tmp/ours"
    grep -o '"seconds":[0-9.]*' "$tmp/out" | cut -d: -f2 >>"$tmp/ours_read"
    measure osmium cat "$tmp/li.osm.pbf" -o /dev/null -f opl --overwrite >>"$tmp/peer"
  done
  o_s=$(cut -d' ' -f1 "$tmp/ours" | median); o_m=$(cut -d' ' -f2 "$tmp/ours" | median)
  o_c=$(cut -d' ' -f3 "$tmp/ours" | median); o_r=$(median <"$tmp/ours_read")
  p_s=$(cut -d' ' -f1 "$tmp/peer" | median); p_m=$(cut -d' ' -f2 "$tmp/peer" | median)
  p_c=$(cut -d' ' -f3 "$tmp/peer" | median)
  printf '\nPBF: %s converted by osmium (%s bytes), %d runs each, median, same run, alternating\n' \
    "$(basename "$li")" "$(wc -c <"$tmp/li.osm.pbf")" "$runs"
  printf '%-40s %9s %9s %12s\n' "tool" "wall s" "CPU s" "peak RSS MB"
  printf '%-40s %9.3f %9.2f %12.1f\n' "schoolrun inspect PBF (whole process)" "$o_s" "$o_c" "$(div "$o_m" 1024)"
  printf '%-40s %9.3f %9s %12s\n' "  of which osm_read (read+graph)" "$o_r" "-" "-"
  printf '%-40s %9.3f %9.2f %12.1f\n' "osmium cat PBF -f opl -o /dev/null" "$p_s" "$p_c" "$(div "$p_m" 1024)"
  printf '%-40s %9.2f %9.2f %12.2f\n' "ratio schoolrun/osmium (<1 = better)" \
    "$(div "$o_s" "$p_s")" "$(div "$o_c" "$p_c")" "$(div "$o_m" "$p_m")"
fi

# ---- 3. every shared map: XML vs PBF ----
one() { # $1 = map; prints "read_s wall_s peak_MB" medians of map_runs
  : >"$tmp/w"; : >"$tmp/r"
  for i in $(seq "$map_runs"); do
    measure "$exe" inspect "$1" --json >>"$tmp/w"
    grep -o '"seconds":[0-9.]*' "$tmp/out" | cut -d: -f2 >>"$tmp/r"
  done
  printf '%.3f %.3f %.1f' "$(median <"$tmp/r")" "$(cut -d' ' -f1 "$tmp/w" | median)" \
    "$(div "$(cut -d' ' -f2 "$tmp/w" | median)" 1024)"
}
printf '\nper shared map, median of %d: osm_read s / whole inspect s / peak RSS MB\n' "$map_runs"
printf '%-28s %22s %22s %18s\n' "map" "XML (as shipped)" "PBF" "osmium cat PBF"
for m in "$shared"/maps/*.osm "$shared"/maps/*.osm.gz; do
  [ -f "$m" ] || continue
  osmium cat "$m" -o "$tmp/m.osm.pbf" --overwrite
  x=$(one "$m"); p=$(one "$tmp/m.osm.pbf")
  : >"$tmp/peer"
  for i in $(seq "$map_runs"); do
    measure osmium cat "$tmp/m.osm.pbf" -o /dev/null -f opl --overwrite >>"$tmp/peer"
  done
  o=$(printf '%.3f / %.1f' "$(cut -d' ' -f1 "$tmp/peer" | median)" \
      "$(div "$(cut -d' ' -f2 "$tmp/peer" | median)" 1024)")
  printf '%-28s %22s %22s %18s\n' "$(basename "$m")" "$(echo $x | sed 's| | / |g')" \
    "$(echo $p | sed 's| | / |g')" "$o"
done

# ---- 4. a district-sized box on the country ----
if [ -f "$tmp/li.osm.pbf" ]; then
  box=9.50,47.20,9.54,47.23
  measure "$exe" inspect "$tmp/li.osm.pbf" --bbox $box --json >/dev/null
  kept=$(grep -o '"nodes":[0-9]*' "$tmp/out" | cut -d: -f2)
  printf '\n--bbox %s on the Liechtenstein PBF (%s nodes kept of 295005): %s (wall s, peak RSS KB, CPU s)\n' \
    "$box" "$kept" "$(cat "$tmp/t" | awk '{print $1, $2, $3 + $4}')"
fi
