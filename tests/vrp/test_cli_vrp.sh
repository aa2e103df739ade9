#!/usr/bin/env bash
# test_cli_vrp.sh - `schoolrun vrp` end to end: bad files fail with the file
# and line (exit 2); solutions of hand-made and shared instances pass the
# independent checker (vrp_check: coverage, loads, DISTANCE, cost
# recomputed from the file); the same seed gives the same routes.
set -u
exe=${SR_EXE:?}
check=${SR_BINARY_DIR:?}/tests/vrp/vrp_check
data=${SR_SOURCE_DIR:?}/tests/vrp/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# bad files: exit 2, "file:line: message" on stderr
for case in "bad_dimension.vrp:10:has 3 nodes but DIMENSION is 4" \
	    "bad_negative_demand.vrp:12:negative demand" \
	    "bad_over_capacity.vrp:13:exceeds CAPACITY" \
	    "bad_edge_type.vrp:4:unknown EDGE_WEIGHT_TYPE" \
	    "bad_truncated.vrp:9:has 4 values"; do
	f=${case%%:*}; rest=${case#*:}; line=${rest%%:*}; msg=${rest#*:}
	"$exe" vrp "$data/$f" >"$tmp/out" 2>"$tmp/err"; rc=$?
	[ $rc -eq 2 ] || fail "$f: exit $rc, want 2"
	grep -q "$f:$line: .*$msg" "$tmp/err" || fail "$f: stderr lacks '$f:$line: ... $msg': $(cat "$tmp/err")"
	[ -s "$tmp/out" ] && fail "$f: wrote to stdout"
done
"$exe" vrp "$data/tiny5.vrp" --time-limit -1 >/dev/null 2>&1; [ $? -eq 2 ] || fail "bad --time-limit accepted"
"$exe" vrp "$data/tiny5.vrp" --bogus >/dev/null 2>&1; [ $? -eq 2 ] || fail "unknown option accepted"

# solve and check: instance, extra args
run_check() {
	local inst=$1; shift
	local out=$tmp/$(basename "$inst").json
	if ! "$exe" vrp "$inst" --json --time-limit 2 "$@" >"$out" 2>"$tmp/err"; then
		fail "$inst: schoolrun failed: $(cat "$tmp/err")"; return
	fi
	local k=-1
	[ "${1:-}" = "--vehicles" ] && k=$2
	local v
	v=$("$check" "$inst" "$out" --vehicles "$k") || fail "$inst $*: $v"
	echo "$(basename "$inst") $*: $v"
	# the text layout is a valid .sol of the same cost
	"$exe" vrp "$inst" --time-limit 2 "$@" >"$tmp/sol" 2>/dev/null
	v=$("$check" "$inst" "$tmp/sol" --vehicles "$k") || fail "$inst (.sol layout): $v"
}
for f in tiny5 depot3 lower_row full upper_diag cmt_like; do
	run_check "$data/$f.vrp"
done
grep -q '"optimal":true' "$tmp/tiny5.vrp.json" || fail "tiny5 not proved optimal"

shared=${SR_SHARED:-}
if [ -n "$shared" ] && [ -d "$shared/bench/cvrp" ]; then
	b=$shared/bench/cvrp
	run_check "$b/E/E-n13-k4.vrp"
	grep -q '"cost":247,' "$tmp/E-n13-k4.vrp.json" || fail "E-n13-k4: cost is not 247: $(cat "$tmp/E-n13-k4.vrp.json")"
	run_check "$b/P/P-n16-k8.vrp"
	run_check "$b/E/E-n22-k4.vrp" --vehicles 4
	run_check "$b/CMT/CMT6.vrp"
	# same seed, same routes
	"$exe" vrp "$b/E/E-n13-k4.vrp" --seed 7 --time-limit 2 >"$tmp/a" 2>/dev/null
	"$exe" vrp "$b/E/E-n13-k4.vrp" --seed 7 --time-limit 2 >"$tmp/b" 2>/dev/null
	cmp -s "$tmp/a" "$tmp/b" || fail "same seed gave different output"
else
	echo "shared data absent: shared instances skipped"
fi

[ $fails -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "all passed"
