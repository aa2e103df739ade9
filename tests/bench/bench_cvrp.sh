#!/usr/bin/env bash
# bench_cvrp.sh - solution quality on the classic CVRP sets in
# ../shared/bench/cvrp (see its README for the conventions: arcs rounded
# per arc for A/B/E/P, real for CMT; BKS.csv; P-n55-k8 and free fleets).
#
#   tests/bench/bench_cvrp.sh [--time-limit S] [--seeds N] [--sets "A B E P CMT X"]
#                             [--max-customers N] [--engine solve|exact]
#                             [--fleet name|free] [--build DIR] [--only REGEX]
#                             [--with-sol] [--iterations N|time] [--threads N]
#
# Per instance: customers, BKS, cost (median over seeds 1..N), gap %,
# lower bound, seconds (wall) and cpu (CPU-seconds, all threads) of the
# median run, proved optimal, and the verdict of the
# independent checker (tests/vrp/vrp_check: coverage, capacity, DISTANCE,
# fleet, cost recomputed from the file), and `routes`, a hash of the median
# run's solution (its JSON less the seconds): runs with other --threads give
# the same hash when the routes are byte-identical, and `cut` (yes when the
# time limit cut that run's fixed budget short: `schoolrun vrp` warned that
# the result may depend on the machine; on a loaded machine the default 30 s
# cuts set X's larger instances: give them --time-limit 600, the engine's own
# safety net). Per set: mean gap, how many at the
# BKS, how many proved. --engine exact runs the branch-and-cut model alone
# (tests/vrp/vrp_exact) instead of `schoolrun vrp`. --fleet name (default)
# allows the k vehicles of the name (the BKS convention; CMT: unlimited),
# --fleet free never limits the fleet. --with-sol (exact engine) starts the
# model from the instance's reference .sol where there is one, as vrp_solve
# would start it from its heuristic solution: then only the proof is
# measured. Set X (X/BKS-X.csv) follows its own convention: unlimited fleet
# whatever --fleet says. Not part of CTest: it takes
# time-limit x instances x seeds.
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
iters= threads= tl=30 seeds=1 sets="A B E P CMT" maxc=100000 engine=solve fleet=name only=. withsol=0
build=${SR_BINARY_DIR:-$here/build}
while [ $# -gt 0 ]; do
	case $1 in
	--time-limit) tl=$2; shift ;;
	--seeds) seeds=$2; shift ;;
	--sets) sets=$2; shift ;;
	--max-customers) maxc=$2; shift ;;
	--engine) engine=$2; shift ;;
	--fleet) fleet=$2; shift ;;
	--build) build=$2; shift ;;
	--only) only=$2; shift ;;
	--with-sol) withsol=1 ;;
	--iterations) iters=$2; shift ;;
	--threads) threads=$2; shift ;;
	-h|--help) sed -n '2,/instances x seeds/p' "$0"; exit 0 ;;
	*) echo "bench_cvrp.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done
bench=${SR_SHARED:-$here/../shared}/bench/cvrp
[ -f "$bench/BKS.csv" ] || { echo "bench_cvrp.sh: $bench/BKS.csv not found (shared data absent)" >&2; exit 77; }
check=$build/tests/vrp/vrp_check
case $engine in
solve) solver=("$build/schoolrun" vrp) ;;
exact) solver=("$build/tests/vrp/vrp_exact"); seeds=1 ;;
*) echo "bench_cvrp.sh: --engine solve|exact" >&2; exit 2 ;;
esac
[ -x "${solver[0]}" ] && [ -x "$check" ] || { echo "bench_cvrp.sh: build first ($build)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# rows name,customers,capacity,bks,optimal,source of one set
bks_rows() {
	if [ "$1" = X ]; then
		tail -n +2 "$bench/X/BKS-X.csv" | awk -F, '{ print $1 "," $3 "," $4 "," $5 "," $6 "," $9 }'
	else
		tail -n +2 "$bench/BKS.csv" | grep "^$1-\\|^$1[0-9]"
	fi
}

# CPU seconds (user + system, all threads) of each solver run, by GNU time
timer=()
[ -x /usr/bin/time ] && timer=(/usr/bin/time -f '%U %S' -o "$tmp/cpu")

num() { sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p" "$2"; }

echo "# engine=$engine time-limit=${tl}s threads=${threads:-all} seeds=$seeds fleet=$fleet with-sol=$withsol $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores"
printf '%-10s %4s %9s %9s %7s %9s %7s %6s %6s %-8s %-4s %s\n' instance n bks cost gap% lb sec cpu proved routes cut check
for set in $sets; do
	sum=0 cnt=0 atbks=0 proved=0 bad=0
	while IFS=, read -r name nc cap bks opt src; do
		[ -f "$bench/$set/$name.vrp" ] || continue
		[ "$nc" -le "$maxc" ] || continue
		[[ $name =~ $only ]] || continue
		inst=$bench/$set/$name.vrp
		k=-1
		if [ "$fleet" = name ] && [ "$set" != X ] && [[ $name =~ -k([0-9]+)$ ]]; then k=${BASH_REMATCH[1]}; fi
		vargs=(); [ "$k" -gt 0 ] && vargs=(--vehicles "$k")
		: >"$tmp/runs"
		for s in $(seq 1 "$seeds"); do
			out=$tmp/$name.$s.json
			sargs=(); [ "$engine" = solve ] && sargs=(--seed "$s" --json ${iters:+--iterations "$iters"} ${threads:+--threads "$threads"})
			[ "$engine" = exact ] && [ $withsol = 1 ] && [ -f "${inst%.vrp}.sol" ] && sargs=(--incumbent "${inst%.vrp}.sol")
			"${timer[@]}" "${solver[@]}" "$inst" "${sargs[@]}" --time-limit "$tl" "${vargs[@]}" >"$out" 2>"$tmp/err"
			rc=$?
			cpu=$(awk '{ printf "%.1f", $1 + $2 }' "$tmp/cpu" 2>/dev/null)
			h=$(sed 's/"seconds":[^,}]*//; s/,"profile":.*$/}/' "$out" | md5sum | cut -c1-8)
			cut=no
			grep -q "cut the search short" "$tmp/err" && cut=yes
			[ -n "$cpu" ] || cpu=-
			if grep -q '"unserved":\[[0-9]' "$out"; then
				# routes were written but some customers left out
				echo "inf $(num seconds "$out") false unserved null $cpu $h $cut" >>"$tmp/runs"
			elif [ $rc -eq 0 ] && [ -s "$out" ]; then
				v=$("$check" "$inst" "$out" --vehicles "$k" | cut -d' ' -f1)
				echo "$(num cost "$out") $(num seconds "$out") $(num optimal "$out") $v $(num lower_bound "$out") $cpu $h $cut" >>"$tmp/runs"
			else
				echo "inf 0 false error:$(tail -n 1 "$tmp/err" | head -c 70 | tr ' \n' '__') null $cpu $h $cut" >>"$tmp/runs"
			fi
		done
		# median run by cost
		read -r cost sec pr v lb cpu h cut < <(sort -g "$tmp/runs" | sed -n "$(( (seeds + 1) / 2 ))p")
		gap=$(awk -v c="$cost" -v b="$bks" 'BEGIN { if (c == "inf") print "inf"; else printf "%.2f", 100 * (c - b) / b }')
		[ "$pr" = true ] && pr=yes || pr=no
		fmt() { awk -v c="$1" 'BEGIN { if (c == "inf" || c == "null" || c == "") print "-"; else printf (c == int(c) ? "%d" : "%.2f"), c }'; }
		printf '%-10s %4s %9s %9s %7s %9s %7s %6s %6s %-8s %-4s %s\n' "$name" "$nc" "$bks" "$(fmt "$cost")" \
			"$gap" "$(fmt "$lb")" "$sec" "$cpu" "$pr" "$h" "$cut" "$v"
		if [ "$v" = ok ]; then
			cnt=$((cnt + 1))
			sum=$(awk -v s="$sum" -v g="$gap" 'BEGIN { print s + g }')
			awk -v g="$gap" 'BEGIN { exit !(g <= 0.005) }' && atbks=$((atbks + 1))
		else
			bad=$((bad + 1))
		fi
		[ "$pr" = yes ] && proved=$((proved + 1))
	done < <(bks_rows "$set")
	[ $((cnt + bad)) -gt 0 ] && printf '## set %-4s %3d instances  mean gap %.3f%% over the %d checked ok  at BKS %d  proved %d  failed (no valid solution) %d\n' \
		"$set" $((cnt + bad)) "$(awk -v s="$sum" -v c=$cnt 'BEGIN { print c ? s / c : 0 }')" $cnt $atbks $proved $bad
done
