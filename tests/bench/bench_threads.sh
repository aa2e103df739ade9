#!/usr/bin/env bash
# bench_threads.sh - every core, same answer: `schoolrun vrp` at the
# default budget on a few set-X instances with 1 and more threads, for the
# default chains and for one chain (whose iterations the threads beyond one
# per chain compute ahead: sisr.c's speculative simulated annealing).
#
#   tests/bench/bench_threads.sh [--instances "X-n513-k21 X-n1001-k43"]
#                                [--threads "1 2"] [--chains "2 1"] [--reps N]
#                                [--build DIR] [--seed N]
#
# Table 1, per instance, chains and threads: wall and CPU seconds (user +
# system, all threads) of the median run by wall time of N repetitions
# (default 3), the cost, `routes` (a hash of the printed solution: the same
# hash means byte-identical routes) and the batches the chains ran.
# Table 2, from the counts of the first run with one thread per chain (not
# timed): iterations, those that changed the solution, and the batches that
# 1, 2, 4, 8 and 16 threads per chain would need; iterations / batches is
# the speedup of the search that width allows on a machine with that many
# cores per chain (set partitioning and the local search stay on one
# thread). Not part of CTest. Run it `nice`d on a shared machine.
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${SR_BINARY_DIR:-$here/build}
insts="X-n513-k21 X-n1001-k43" threads="1 2" chains="2 1" reps=3 seed=1
while [ $# -gt 0 ]; do
	case $1 in
	--instances) insts=$2; shift ;;
	--threads) threads=$2; shift ;;
	--chains) chains=$2; shift ;;
	--reps) reps=$2; shift ;;
	--build) build=$2; shift ;;
	--seed) seed=$2; shift ;;
	-h|--help) sed -n '2,/Run it/p' "$0"; exit 0 ;;
	*) echo "bench_threads.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done
bench=${SR_SHARED:-$here/../shared}/bench/cvrp/X
[ -d "$bench" ] || { echo "bench_threads.sh: $bench not found (shared data absent)" >&2; exit 77; }
[ -x "$build/schoolrun" ] && [ -x /usr/bin/time ] || { echo "bench_threads.sh: build first ($build), and GNU time" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "# seed $seed, the default budget, median of $reps by wall time, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
printf '%-12s %6s %7s %8s %8s %9s %-8s %s\n' instance chains threads wall_s cpu_s cost routes batches
: >"$tmp/proj"
for name in $insts; do
	inst=$bench/$name.vrp
	[ -f "$inst" ] || { echo "bench_threads.sh: $inst not found" >&2; continue; }
	for ch in $chains; do
		for t in $threads; do
			: >"$tmp/runs"
			for r in $(seq 1 "$reps"); do
				/usr/bin/time -f '%e %U %S' -o "$tmp/time" "$build/schoolrun" vrp "$inst" \
					--seed "$seed" --chains "$ch" --threads "$t" --time-limit 600 --verbose \
					>"$tmp/sol" 2>"$tmp/err"
				line=$(grep 'speculation:' "$tmp/err")
				h=$(md5sum <"$tmp/sol" | cut -c1-8)
				cost=$(sed -n 's/^Cost //p' "$tmp/sol")
				b=$(echo "$line" | sed -n 's/.*; \([0-9]*\) batches of up to.*/\1/p')
				grep -q "cut the search short" "$tmp/err" && h="$h(cut)"
				awk -v h="$h" -v c="$cost" -v b="$b" '{ printf "%.2f %.2f %s %s %s\n", $1, $2 + $3, c, h, b }' \
					"$tmp/time" >>"$tmp/runs"
				# the projection from the first run with one thread per chain
				if [ "$t" -le "$ch" ] && ! grep -q "^$name $ch " "$tmp/proj"; then
					echo "$name $ch $(echo "$line" | sed -n 's/.*speculation: \([0-9]*\) iterations, \([0-9]*\) changed.*: \([0-9/]*\)$/\1 \2 \3/p')" >>"$tmp/proj"
				fi
			done
			read -r wall cpu cost h b < <(sort -g "$tmp/runs" | sed -n "$(((reps + 1) / 2))p")
			printf '%-12s %6s %7s %8s %8s %9s %-8s %s\n' "$name" "$ch" "$t" "$wall" "$cpu" "$cost" "$h" "$b"
		done
	done
done
echo
echo "# projected from the counts of one run (not timed): iterations / batches needed = the search's speedup per chain"
printf '%-12s %6s %10s %8s %s\n' instance chains iters changed "W=1 2 4 8 16: batches (speedup)"
while read -r name ch it chg need; do
	[ -n "${need:-}" ] || continue
	printf '%-12s %6s %10s %8s ' "$name" "$ch" "$it" "$chg"
	echo "$need" | tr / '\n' | awk -v it="$it" '{ printf "%d (%.2fx)  ", $1, it / $1 } END { print "" }'
done <"$tmp/proj"
