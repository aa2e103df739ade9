#!/usr/bin/env bash
# bench_hgs.sh - schoolrun's routing engine against HGS-CVRP (Vidal 2022) on
# the same set-X instances in the same run, one tool at a time (niced), each
# solution re-costed by the independent checker (tests/vrp/vrp_check).
#
#   HGS_BIN=/path/to/hgs tests/bench/bench_hgs.sh [--time-limit S] [--seeds N]
#       [--iterations N|time] [--threads N] [--only REGEX] [--max-customers N]
#       [--sr-limit S] [--sr-args "..."] [--build DIR] [--side-by-side]
#
# HGS-CVRP is not part of schoolrun: build it from its public sources
# outside the repository (github.com/vidalt/HGS-CVRP, cmake, target bin)
# and point HGS_BIN at its `hgs` binary; without it the script skips (77).
# HGS runs `hgs INST SOL -t S -seed N -round 1` (S seconds of CPU time,
# arcs rounded per arc, unlimited fleet: the set-X convention of
# ../shared/bench/README.md). schoolrun runs `schoolrun vrp INST --seed N
# --json --time-limit S` plus `--iterations N` when given (default: the
# engine's own default budget, with S only its safety limit) and --sr-args;
# --sr-limit sets schoolrun's limit apart (a safety net for a fixed
# --iterations budget on a loaded machine). SR_BIN replaces the binary;
# SR_BASE names a second one (e.g. a build of the previous main) that runs
# with the same arguments in the same run, in extra columns.
#
# --side-by-side runs the two at once, one core each (schoolrun with
# --threads 1; HGS is single-threaded): the same CPU for both, measured
# under the same load, in half the wall time on a 2-core machine (not with
# SR_BASE).
#
# Per instance: customers, BKS, then for each tool the cost (median over
# seeds 1..N), gap % and the CPU seconds (user+system) of that run, and
# the checker's verdict. Per size band (<= 300, 301-600, > 600 customers)
# and overall: the mean gap of each tool and their ratio (schoolrun / HGS).
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
tl=10 seeds=1 iters= threads= only=. maxc=100000 srargs= srtl= sbs=0
build=${SR_BINARY_DIR:-$here/build}
while [ $# -gt 0 ]; do
	case $1 in
	--time-limit) tl=$2; shift ;;
	--seeds) seeds=$2; shift ;;
	--iterations) iters=$2; shift ;;
	--threads) threads=$2; shift ;;
	--only) only=$2; shift ;;
	--max-customers) maxc=$2; shift ;;
	--sr-args) srargs=$2; shift ;;
	--sr-limit) srtl=$2; shift ;;
	--build) build=$2; shift ;;
	--side-by-side) sbs=1 threads=1 ;;
	-h|--help) sed -n '2,31p' "$0"; exit 0 ;;
	*) echo "bench_hgs.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done
hgs=${HGS_BIN:-}
if [ -z "$hgs" ] || [ ! -x "$hgs" ]; then
	echo "bench_hgs.sh: skipped: set HGS_BIN to an HGS-CVRP binary (built outside the repository)" >&2
	exit 77
fi
bench=${SR_SHARED:-$here/../shared}/bench/cvrp/X
[ -f "$bench/BKS-X.csv" ] || { echo "bench_hgs.sh: $bench/BKS-X.csv not found (shared data absent)" >&2; exit 77; }
sr=${SR_BIN:-$build/schoolrun}
base=${SR_BASE:-}
check=$build/tests/vrp/vrp_check
[ -x "$sr" ] && [ -x "$check" ] || { echo "bench_hgs.sh: build first ($build)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# cpu SECONDS-FILE CMD...: runs CMD niced, its CPU seconds (user+system) to the file
cpu() {
	local f=$1
	shift
	/usr/bin/time -f '%U %S' -o "$f.t" nice "$@"
	local rc=$?
	awk '{ printf "%.2f\n", $1 + $2 }' "$f.t" >"$f"
	return $rc
}

# verdict INST SOL: "COST" when the checker accepts SOL, else "inf"
verdict() {
	local v
	v=$("$check" "$1" "$2" 2>/dev/null)
	case $v in ok\ *) echo "$v" | cut -d' ' -f2 ;; *) echo inf ;; esac
}

# median of "cost cpu" lines by cost
median() { sort -g "$1" | sed -n "$(( (seeds + 1) / 2 ))p"; }

gap() { awk -v c="$1" -v b="$2" 'BEGIN { if (c == "inf") print "inf"; else printf "%.3f", 100 * (c - b) / b }'; }

band() { if [ "$1" -le 300 ]; then echo 1; elif [ "$1" -le 600 ]; then echo 2; else echo 3; fi; }

echo "# bench_hgs: time-limit=${tl}s sr-limit=${srtl:-$tl}s sr=$sr iterations=${iters:-default} seeds=$seeds threads=${threads:-all} sr-args='$srargs' $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores"
echo "# hgs: $hgs -t $tl -seed N -round 1 (CPU seconds)"
[ -n "$base" ] && echo "# base: $base"
[ $sbs = 1 ] && [ -n "$base" ] && { echo "bench_hgs.sh: --side-by-side runs no SR_BASE" >&2; exit 2; }
[ $sbs = 1 ] && echo "# side by side: schoolrun (--threads 1) and HGS at once, one core each"
printf '%-12s %4s %7s | %8s %7s %6s | %8s %7s %6s | %s\n' instance n bks sr sr_gap% sr_cpu hgs hgs_gap% hgs_cpu check
: >"$tmp/rows"
while IFS=, read -r name _ nc _ bks _; do
	[ -f "$bench/$name.vrp" ] || continue
	[ "$nc" -le "$maxc" ] || continue
	[[ $name =~ $only ]] || continue
	inst=$bench/$name.vrp
	: >"$tmp/sr" && : >"$tmp/hgs" && : >"$tmp/base"
	for s in $(seq 1 "$seeds"); do
		out=$tmp/sr.$s.json
		args=(--seed "$s" --json --time-limit "${srtl:-$tl}")
		[ -n "$iters" ] && args+=(--iterations "$iters")
		[ -n "$threads" ] && args+=(--threads "$threads")
		# shellcheck disable=SC2206
		[ -n "$srargs" ] && args+=($srargs)
		sol=$tmp/hgs.$s.sol
		rm -f "$sol"
		if [ $sbs = 1 ]; then
			cpu "$tmp/ch" "$hgs" "$inst" "$sol" -t "$tl" -seed "$s" -round 1 >/dev/null 2>&1 &
		fi
		cpu "$tmp/c" "$sr" vrp "$inst" "${args[@]}" >"$out" 2>/dev/null
		echo "$(verdict "$inst" "$out") $(cat "$tmp/c")" >>"$tmp/sr"
		if [ -n "$base" ]; then
			cpu "$tmp/c" "$base" vrp "$inst" "${args[@]}" >"$out" 2>/dev/null
			echo "$(verdict "$inst" "$out") $(cat "$tmp/c")" >>"$tmp/base"
		fi
		if [ $sbs = 1 ]; then
			wait
		else
			cpu "$tmp/ch" "$hgs" "$inst" "$sol" -t "$tl" -seed "$s" -round 1 >/dev/null 2>&1
		fi
		echo "$( [ -s "$sol" ] && verdict "$inst" "$sol" || echo inf) $(cat "$tmp/ch")" >>"$tmp/hgs"
	done
	read -r sc scpu < <(median "$tmp/sr")
	read -r hc hcpu < <(median "$tmp/hgs")
	sg=$(gap "$sc" "$bks") hg=$(gap "$hc" "$bks")
	ok=ok
	[ "$sc" = inf ] && ok="sr-FAIL"
	[ "$hc" = inf ] && ok="$ok hgs-FAIL"
	printf '%-12s %4s %7s | %8.0f %7s %6s | %8.0f %7s %6s | %s\n' "$name" "$nc" "$bks" \
		"$( [ "$sc" = inf ] && echo 0 || echo "$sc")" "$sg" "$scpu" \
		"$( [ "$hc" = inf ] && echo 0 || echo "$hc")" "$hg" "$hcpu" "$ok"
	bg=- bcpu=0
	if [ -n "$base" ]; then
		read -r bc bcpu < <(median "$tmp/base")
		bg=$(gap "$bc" "$bks")
		printf '%-12s %4s %7s | %8.0f %7s %6s | base\n' "" "" "" \
			"$( [ "$bc" = inf ] && echo 0 || echo "$bc")" "$bg" "$bcpu"
		[ "$bc" = inf ] && ok="$ok base-FAIL"
	fi
	[ "$ok" = ok ] && echo "$(band "$nc") $sg $hg $scpu $hcpu $bg $bcpu" >>"$tmp/rows"
done < <(tail -n +2 "$bench/BKS-X.csv")
awk '
function line(lbl, n, a, b, ca, cb, g, cg) {
	if (n == 0) return
	printf "## %-8s %3d instances  schoolrun %.3f%% (%.1f cpu-s)  HGS %.3f%% (%.1f cpu-s)  ratio %s", \
		lbl, n, a / n, ca / n, b / n, cb / n, (b > 0 ? sprintf("%.2f", a / b) : "-")
	if (g != "") printf "  base %.3f%% (%.1f cpu-s)", g / n, cg / n
	printf "\n"
}
{ n[$1]++; a[$1] += $2; b[$1] += $3; ca[$1] += $4; cb[$1] += $5
  N++; A += $2; B += $3; CA += $4; CB += $5
  if ($6 != "-") { g[$1] += $6; cg[$1] += $7; G += $6; CG += $7; hasb = 1 } }
END {
	line("n<=300", n[1], a[1], b[1], ca[1], cb[1], hasb ? g[1] : "", cg[1])
	line("301-600", n[2], a[2], b[2], ca[2], cb[2], hasb ? g[2] : "", cg[2])
	line("n>600", n[3], a[3], b[3], ca[3], cb[3], hasb ? g[3] : "", cg[3])
	line("all", N, A, B, CA, CB, hasb ? G : "", CG)
}' "$tmp/rows"
