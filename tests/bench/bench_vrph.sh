#!/usr/bin/env bash
# bench_vrph.sh - measures vrp_solve() (time mode, max_iters -1) on CVRPLIB
# instances from ../shared/bench/cvrp and prints cost, BKS, gap and time per
# instance, the median over seeds, and the mean gap per set.
# Usage: tests/bench/bench_vrph.sh BUILD_DIR TIME_S "SEEDS" FILE.vrp...
# Example: tests/bench/bench_vrph.sh build 30 "1 2 3" ../shared/bench/cvrp/A/*.vrp
set -euo pipefail
build=$1; tl=$2; seeds=$3; shift 3
run="$build/tests/vrp/cvrp_run"
shared=$(dirname "$(dirname "$1")")
bks_csv="$shared/BKS.csv"
printf "%-14s %10s %10s %7s %6s %s\n" instance cost bks gap% sec check
declare -A sum cnt
for f in "$@"; do
  name=$(basename "$f" .vrp); set_=${name%%-*}; [[ $name == CMT* ]] && set_=CMT
  bks=$(awk -F, -v n="$name" '$1==n {print $4}' "$bks_csv")
  costs=(); secs=(); chk=ok
  for s in $seeds; do
    out=$(VRPH_QUIET=1 "$run" "$f" "$tl" "$s" -1)
    read -r c r sec opt st <<<"$out"
    costs+=("$c"); secs+=("$sec"); [[ $st == ok ]] || chk=$st
  done
  med=$(printf "%s\n" "${costs[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  msec=$(printf "%s\n" "${secs[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  gap=$(awk -v c="$med" -v b="$bks" 'BEGIN {printf "%.2f", (c-b)/b*100}')
  printf "%-14s %10s %10s %7s %6s %s\n" "$name" "$med" "$bks" "$gap" "$msec" "$chk"
  sum[$set_]=$(awk -v a="${sum[$set_]:-0}" -v g="$gap" 'BEGIN {print a+g}')
  cnt[$set_]=$(( ${cnt[$set_]:-0} + 1 ))
done
for k in "${!sum[@]}"; do
  awk -v k="$k" -v s="${sum[$k]}" -v n="${cnt[$k]}" 'BEGIN {printf "set %-4s %3d instances, mean gap %.3f%%\n", k, n, s/n}'
done
