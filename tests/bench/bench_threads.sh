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
# (default 3), the cost, `routes` (a hash of the routes in the JSON: the
# same hash means identical routes) and the batches the chains ran.
# Table 2, the phases of those median runs (the "profile" of `schoolrun vrp
# --json`, CPU seconds): start (savings, first local search), SISR (all
# chains and helpers), route pools, set partitioning, crossover, final
# local search, the rest, and of the SISR chains' own threads the share
# spent judging candidates in order (serial in each chain) and waiting for
# the helpers.
# Table 3, from the first run with one thread per chain (not timed):
# iterations, those that changed the solution, and the speedup 1, 2, 4, 8
# and 16 threads per chain would give the search alone (iterations /
# batches needed, the count of sisr.c).
# Table 4, Amdahl's projection for P = 1, 2, 4, 8, 16 threads from the run
# of table 3: T(P) = the serial phases (everything but SISR) + the slowest
# chain, each chain on P / chains threads (the chains queue when P is
# smaller) taking (candidates + catching up) x batches(W) / iterations +
# judging, all of it (serial) or one judgement per batch (sisr.c judges
# each candidate as soon as it is ready, while the helpers still work);
# the monotonic-clock parts of each chain are scaled to its CPU time. It assumes free cores, and no cost for the threads meeting or
# sharing memory: an upper bound on the speedup. Not part of CTest. Run
# it `nice`d on a shared machine.
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
	-h|--help) sed -n '2,/Run$/p' "$0"; exit 0 ;;
	*) echo "bench_threads.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done
bench=${SR_SHARED:-$here/../shared}/bench/cvrp/X
[ -d "$bench" ] || { echo "bench_threads.sh: $bench not found (shared data absent)" >&2; exit 77; }
[ -x "$build/schoolrun" ] && [ -x /usr/bin/time ] || { echo "bench_threads.sh: build first ($build), and GNU time" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench_threads.sh: python3 needed for the tables" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "# seed $seed, the default budget, median of $reps by wall time, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
printf '%-12s %6s %7s %8s %8s %9s %-8s %s\n' instance chains threads wall_s cpu_s cost routes batches
: >"$tmp/median" # instance chains threads json-file of the median run
: >"$tmp/proj"	 # instance chains json-file of the first one-thread-per-chain run
for name in $insts; do
	inst=$bench/$name.vrp
	[ -f "$inst" ] || { echo "bench_threads.sh: $inst not found" >&2; continue; }
	for ch in $chains; do
		for t in $threads; do
			: >"$tmp/runs"
			for r in $(seq 1 "$reps"); do
				out=$tmp/$name.$ch.$t.$r.json
				/usr/bin/time -f '%e %U %S' -o "$tmp/time" "$build/schoolrun" vrp "$inst" \
					--seed "$seed" --chains "$ch" --threads "$t" --time-limit 600 --json --verbose \
					>"$out" 2>"$tmp/err"
				line=$(grep 'speculation:' "$tmp/err")
				h=$(sed -n 's/.*"routes":\(\[[][0-9,]*\]\).*/\1/p' "$out" | md5sum | cut -c1-8)
				cost=$(sed -n 's/^{"name":"[^"]*","cost":\([^,]*\),.*/\1/p' "$out")
				b=$(echo "$line" | sed -n 's/.*; \([0-9]*\) batches of up to.*/\1/p')
				grep -q "cut the search short" "$tmp/err" && h="$h(cut)"
				awk -v h="$h" -v c="$cost" -v b="$b" -v f="$out" \
					'{ printf "%.2f %.2f %s %s %s %s\n", $1, $2 + $3, c, h, b, f }' \
					"$tmp/time" >>"$tmp/runs"
				if [ "$t" -le "$ch" ] && ! grep -q "^$name $ch " "$tmp/proj"; then
					echo "$name $ch $out" >>"$tmp/proj"
				fi
			done
			read -r wall cpu cost h b f < <(sort -g "$tmp/runs" | sed -n "$(((reps + 1) / 2))p")
			printf '%-12s %6s %7s %8s %8s %9s %-8s %s\n' "$name" "$ch" "$t" "$wall" "$cpu" "$cost" "$h" "$b"
			echo "$name $ch $t $f" >>"$tmp/median"
		done
	done
done
python3 - "$tmp/median" "$tmp/proj" <<'PY'
import json, sys

def load(f):
    return json.load(open(f))["profile"]

serial = ["start", "route_pools", "set_partitioning", "local_search", "exact", "rest"]
print("\n# phases of the median runs, CPU s (chain threads: judging and waiting, % of their time)")
print("%-12s %6s %7s %7s %8s %6s %7s %6s %6s %7s %8s" % ("instance", "chains", "threads", "start",
      "sisr", "pools", "setpart", "cross", "ls", "rest", "judge/wait"))
for ln in open(sys.argv[1]):
    name, ch, t, f = ln.split()
    P = load(f)
    ph = {k: v["cpu"] for k, v in P["phases"].items()}
    busy = sum(c["cand"] + c["sync"] + c["judge"] + c["wait"] for c in P["chain"]) or 1
    judge = sum(c["judge"] for c in P["chain"]) / busy
    wait = sum(c["wait"] for c in P["chain"]) / busy
    print("%-12s %6s %7s %7.3f %8.2f %6.3f %7.3f %6.3f %6.3f %7.3f %4.1f/%.1f%%" % (
        name, ch, t, ph["start"], ph["sisr"], ph["route_pools"], ph["set_partitioning"],
        ph["crossover"], ph["local_search"], ph["rest"], 100 * judge, 100 * wait))

WIDTHS = [1, 2, 4, 8, 16]

def chain_time(c, w, overlap):
    """a chain's seconds on w threads: its parts scaled to its CPU time;
    the judging all serial, or (overlap) one judgement per batch"""
    parts = c["cand"] + c["sync"] + c["judge"]
    f = c["cpu"] / parts if parts > 0 else 0
    r = c["need"][WIDTHS.index(w)] / max(c["iters"], 1)
    return (c["cand"] + c["sync"]) * f * r + c["judge"] * f * (r if overlap else 1)

def project(P, p, overlap):
    n = len(P["chain"])
    ph = {k: v["cpu"] for k, v in P["phases"].items()}
    g = sum(ph[k] for k in serial) + ph["crossover"] / max(1, min(p, n - 1))
    if p >= n:
        w = max(x for x in WIDTHS if x <= p // n)
        return g, g + max(chain_time(c, w, overlap) for c in P["chain"])
    free = [0.0] * p  # chains taken in index order by the first free thread
    for c in P["chain"]:
        k = free.index(min(free))
        free[k] += chain_time(c, 1, overlap)
    return g, g + max(free)

print("\n# projected from the counts of one run (not timed): iterations / batches needed = the search's speedup per chain")
print("%-12s %6s %10s %8s %s" % ("instance", "chains", "iters", "changed", "W=1 2 4 8 16: batches (speedup)"))
runs = [ln.split() for ln in open(sys.argv[2])]
for name, ch, f in runs:
    P = load(f)
    it = sum(c["iters"] for c in P["chain"])
    chg = sum(c["changes"] for c in P["chain"])
    need = [sum(c["need"][i] for c in P["chain"]) for i in range(5)]
    print("%-12s %6s %10d %8d %s" % (name, ch, it, chg,
          "  ".join("%d (%.2fx)" % (b, it / b) for b in need)))

print("\n# Amdahl: serial phases + the slowest chain, CPU-s of that run; speedup vs 1 and vs 2 threads;")
print("# judging: all serial (an upper bound on the time), or overlapped but one per batch (a lower bound)")
print("%-12s %6s %-8s %8s %8s %s" % ("instance", "chains", "judging", "serial_s", "serial%", "P=1 2 4 8 16: projected s (x vs 1 / x vs 2)"))
for name, ch, f in runs:
    P = load(f)
    for overlap in (0, 1):
        t = {p: project(P, p, overlap) for p in WIDTHS}
        g, t1 = t[1]
        t2 = t[2][1]
        print("%-12s %6s %-8s %8.3f %7.2f%% %s" % (name, ch, "overlap" if overlap else "serial", g,
              100 * g / t1, "  ".join("%.2f (%.2fx/%.2fx)" % (t[p][1], t1 / t[p][1], t2 / t[p][1])
                                       for p in WIDTHS)))
PY
