#!/usr/bin/env bash
# test_vrp_threads.sh - every core, same answer: `schoolrun vrp` on a
# 60-customer instance with a fixed budget gives byte-identical routes with
# 1, 2 and 4 worker threads (the chains are a setting, not the cores: the
# default 2 chains, and 5 chains over fewer threads), each
# solution passes the independent checker (vrp_check), another chain count
# is still a valid solution, the same holds with --crossover (HGS's
# crossover between rounds, which breeds children in parallel), and the warning "the time limit cut the search
# short" appears when the limit cuts a fixed budget and only then.
set -u
exe=${SR_EXE:?}
check=${SR_BINARY_DIR:?}/tests/vrp/vrp_check
inst=${SR_SOURCE_DIR:?}/tests/vrp/data/rand60.vrp
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

for t in 1 2 4; do
	"$exe" vrp "$inst" --iterations 1500 --seed 3 --threads "$t" >"$tmp/t$t.sol" 2>"$tmp/t$t.err" ||
		fail "--threads $t: exit $?: $(cat "$tmp/t$t.err")"
	v=$("$check" "$inst" "$tmp/t$t.sol") || fail "--threads $t: checker: $v"
	echo "--threads $t: $v"
done
cmp -s "$tmp/t1.sol" "$tmp/t2.sol" || fail "--threads 1 and 2 gave different routes"
cmp -s "$tmp/t1.sol" "$tmp/t4.sol" || fail "--threads 1 and 4 gave different routes"
grep -q "cut the search short" "$tmp"/t*.err && fail "a fixed budget within the limit warned of a cut"

# with the crossover: the same routes on 1 and 2 threads, checked
for t in 1 2; do
	"$exe" vrp "$inst" --iterations 1500 --seed 3 --crossover --verbose --threads "$t" \
		>"$tmp/x$t.sol" 2>"$tmp/x$t.err" || fail "--crossover --threads $t: exit $?"
	v=$("$check" "$inst" "$tmp/x$t.sol") || fail "--crossover --threads $t: checker: $v"
done
cmp -s "$tmp/x1.sol" "$tmp/x2.sol" || fail "--crossover: --threads 1 and 2 gave different routes"
grep -q "crossover: " "$tmp/x1.err" || fail "--crossover: no crossover ran"

# more chains than threads (5 chains over 1, 2 and 4 threads): the same
# routes, each checked
for t in 1 2 4; do
	"$exe" vrp "$inst" --iterations 1500 --seed 3 --chains 5 --threads "$t" \
		>"$tmp/m$t.sol" 2>/dev/null || fail "--chains 5 --threads $t: exit $?"
	v=$("$check" "$inst" "$tmp/m$t.sol") || fail "--chains 5 --threads $t: checker: $v"
done
cmp -s "$tmp/m1.sol" "$tmp/m2.sol" || fail "--chains 5: --threads 1 and 2 gave different routes"
cmp -s "$tmp/m1.sol" "$tmp/m4.sol" || fail "--chains 5: --threads 1 and 4 gave different routes"

# another number of chains: a valid (possibly different) solution
"$exe" vrp "$inst" --iterations 1500 --seed 3 --chains 3 --threads 2 >"$tmp/c3.sol" 2>/dev/null
v=$("$check" "$inst" "$tmp/c3.sol") || fail "--chains 3: checker: $v"

# a limit far below the budget: the warning says so, the result is valid
"$exe" vrp "$inst" --iterations 100000000 --time-limit 0.3 >"$tmp/cut.sol" 2>"$tmp/cut.err" ||
	fail "cut run failed: $(cat "$tmp/cut.err")"
grep -q "cut the search short" "$tmp/cut.err" || fail "no warning when the limit cut the search"
v=$("$check" "$inst" "$tmp/cut.sol") || fail "cut run: checker: $v"

# bad values: exit 2
for bad in "--threads 0" "--chains x" "--chains"; do
	# shellcheck disable=SC2086
	"$exe" vrp "$inst" $bad >/dev/null 2>&1
	[ $? -eq 2 ] || fail "'$bad' accepted"
done

[ $fails -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "all passed"
