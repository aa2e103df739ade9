#!/usr/bin/env bash
# test_vrp_default.sh - the default budget (no --iterations, no
# --time-limit) on a set-X instance of 189 customers (X-n190-k8, shared
# data; skipped when absent): byte-identical routes with 1 and 2 worker
# threads, each accepted by the independent checker (vrp_check), no
# "cut the search short" warning (it ends by its own count), and the
# iterations every round reports add up to 2 chains (the default) x the
# per-chain budget of the README's rule, recomputed here: 36,000,000 /
# (80 + customers), or 5,760 x (customers - 245) when more (at most
# 720,000), split over 4 rounds.
set -u
exe=${SR_EXE:?}
check=${SR_BINARY_DIR:?}/tests/vrp/vrp_check
inst=${SR_SHARED:-}/bench/cvrp/X/X-n190-k8.vrp
[ -f "$inst" ] || { echo "shared data absent ($inst): skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

for t in 1 2; do
	"$exe" vrp "$inst" --threads "$t" --verbose >"$tmp/t$t.sol" 2>"$tmp/t$t.err" ||
		fail "--threads $t: exit $?: $(tail -n 3 "$tmp/t$t.err")"
	v=$("$check" "$inst" "$tmp/t$t.sol") || fail "--threads $t: checker: $v"
	echo "--threads $t: $v"
done
cmp -s "$tmp/t1.sol" "$tmp/t2.sol" || fail "--threads 1 and 2 gave different routes"
grep -q "cut the search short" "$tmp"/t*.err && fail "the default budget was cut by the clock"

n=189
want=$(awk -v n=$n 'BEGIN { s = int(36000000 / (80 + n)); g = 5760 * (n - 245); if (g > 720000) g = 720000;
	it = s > g ? s : g; if (it < 9000) it = 9000; print 2 * int(it / 4) }')
for t in 1 2; do
	got=$(sed -n 's/.*round [0-9]*: SISR 2 chains, \([0-9]*\) iterations.*/\1/p' "$tmp/t$t.err")
	[ "$(echo "$got" | wc -l)" -eq 4 ] || fail "--threads $t: not 4 rounds: $got"
	for g in $got; do
		[ "$g" = "$want" ] || fail "--threads $t: a round ran $g iterations, the rule gives $want"
	done
done

[ $fails -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "all passed"
