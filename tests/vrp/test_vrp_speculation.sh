#!/usr/bin/env bash
# test_vrp_speculation.sh - each SISR chain computes iterations ahead on
# the threads beyond one per chain and judges them in order (sisr.c,
# speculative simulated annealing): the printed routes are byte-identical
# for one chain on 1, 2, 3 and 8 threads, for the default two chains on 1,
# 2, 5 and 16 threads (more threads than cores is fine), and with a fleet
# too small (unserved visits: SISR's absence counters decide); every
# solution with every visit served passes the independent checker; the --verbose counts show that
# speculation ran (fewer batches than iterations with several threads per
# chain, exactly as many as the one-thread run projects for that width)
# and judged the same iterations with the same outcome; and the time
# accounting of --json changes none of it and adds up.
set -u
exe=${SR_EXE:?}
check=${SR_BINARY_DIR:?}/tests/vrp/vrp_check
inst=${SR_SOURCE_DIR:?}/tests/vrp/data/rand60.vrp
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# the speculation line's fields: iterations, changes, batches, width, needs
spec() { sed -n 's/.*speculation: \([0-9]*\) iterations, \([0-9]*\) changed.*; \([0-9]*\) batches of up to \([0-9]*\) threads.*: \([0-9/]*\)$/\1 \2 \3 \4 \5/p' "$1"; }

# run NAME ARGS...: solve, check, keep the solution and the log
run() {
	local name=$1
	shift
	"$exe" vrp "$inst" --iterations 2000 --verbose "$@" >"$tmp/$name.sol" 2>"$tmp/$name.err"
	local rc=$?
	if [ -n "${short_fleet:-}" ]; then
		# visits left out: exit 1, and the checker wants every visit served
		[ $rc -eq 1 ] || fail "$name: exit $rc with visits left out"
		return
	fi
	[ $rc -eq 0 ] || { fail "$name: exit $rc: $(tail -3 "$tmp/$name.err")"; return; }
	local v
	v=$("$check" "$inst" "$tmp/$name.sol" 2>&1) || fail "$name: checker: $v"
}

# same_as BASE NAME WIDTH: byte-identical routes, same iterations and
# changes, and with WIDTH > 1 the batches the base projected for WIDTH
same_as() {
	local base=$1 name=$2 width=$3
	cmp -s "$tmp/$base.sol" "$tmp/$name.sol" || fail "$name: routes differ from $base"
	read -r bi bc _ _ bneed <<<"$(spec "$tmp/$base.err")"
	read -r i c b w need <<<"$(spec "$tmp/$name.err")"
	[ -n "${i:-}" ] || { fail "$name: no speculation line"; return; }
	[ "$i $c $need" = "$bi $bc $bneed" ] || fail "$name: counts '$i $c $need' vs $base '$bi $bc $bneed'"
	[ "$w" = "$width" ] || fail "$name: width $w, expected $width"
	if [ "$width" -gt 1 ]; then
		local p=0 k=1
		while [ $k -lt "$width" ] && [ $p -lt 4 ]; do k=$((k * 2)); p=$((p + 1)); done
		local projected
		projected=$(echo "$need" | cut -d/ -f$((p + 1)))
		[ "$k" -ne "$width" ] || [ "$b" = "$projected" ] ||
			fail "$name: $b batches, the one-thread run projects $projected for width $width"
		[ "$b" -lt "$i" ] || fail "$name: $b batches for $i iterations: no speculation"
	fi
	echo "$name: $i iterations, $c changes, $b batches (width $w)"
}

for t in 1 2 3 8; do
	run c1t$t --seed 3 --chains 1 --threads "$t"
done
for t in 2 3 8; do
	same_as c1t1 c1t$t "$t"
done
for t in 1 2 5 16; do
	run c2t$t --seed 4 --threads "$t"
done
same_as c2t1 c2t1 1
same_as c2t1 c2t2 1
same_as c2t1 c2t5 2
same_as c2t1 c2t16 8
short_fleet=1
for t in 1 4; do
	run k4t$t --seed 5 --chains 1 --vehicles 4 --threads "$t"
done
same_as k4t1 k4t4 4
grep -q "left unserved" "$tmp/k4t1.err" || fail "--vehicles 4: nothing left unserved (the absence counters did not decide)"

# the time accounting (--json's "profile") changes nothing: the same
# routes as the .sol runs above on 1 and 3 threads; its counts are the
# speculation line's; the phases add up to its total; with 3 threads the
# helpers worked and the chain's thread judged and waited
unset short_fleet
for t in 1 3; do
	"$exe" vrp "$inst" --iterations 2000 --verbose --seed 3 --chains 1 --threads "$t" --json \
		>"$tmp/j$t.json" 2>"$tmp/j$t.err" || fail "--json --threads $t: exit $?"
	# route by route, node ids (the .sol numbers the customers from 1)
	want=$(sed -n 's/^Route #[0-9]*: //p' "$tmp/c1t1.sol" |
		awk '{ for (i = 1; i <= NF; i++) printf "%d%s", $i + 1, i < NF ? "," : "|" }')
	got=$(sed -n 's/.*"routes":\[\(.*\)\],"lower_bound".*/\1/p' "$tmp/j$t.json" |
		sed 's/\],\[/|/g; s/[][]//g; s/$/|/')
	[ -n "$got" ] && [ "$got" = "$want" ] || fail "--json --threads $t: routes differ from the .sol run"
	if command -v python3 >/dev/null; then
		read -r i c _ _ need <<<"$(spec "$tmp/j$t.err")"
		v=$(python3 - "$tmp/j$t.json" "$i" "$c" "$need" "$t" <<'PY'
import json, sys
P = json.load(open(sys.argv[1]))["profile"]
it, chg, need, t = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
bad = []
ph = P["phases"]
tot = sum(v["cpu"] for v in ph.values())
if abs(tot - P["cpu_s"]) > 0.002:
    bad.append("phases add up to %.4f, cpu_s %.4f" % (tot, P["cpu_s"]))
if any(v["cpu"] < -0.002 or v["wall"] < -0.002 for v in ph.values()):
    bad.append("a negative phase: %s" % ph)
ch = P["chain"]
if P["chains"] != 1 or len(ch) != 1 or P["width"] != t:
    bad.append("chains %d (%d listed), width %d" % (P["chains"], len(ch), P["width"]))
elif (ch[0]["iters"], ch[0]["changes"], "/".join(map(str, ch[0]["need"]))) != (it, chg, need):
    bad.append("counts %s vs the log's %d %d %s" % (ch[0], it, chg, need))
elif not (ch[0]["cand"] > 0 and ch[0]["judge"] > 0 and ph["sisr"]["cpu"] > 0):
    bad.append("no candidates or judging timed: %s" % ch[0])
# helpers may get no CPU at all on a loaded machine (the chain's thread
# computes the candidates no helper has begun), so their times may be 0,
# never negative
elif t > 1 and not (ch[0]["helper_cpu"] >= 0 and ch[0]["helper_cand"] >= 0 and ch[0]["helper_sync"] >= 0):
    bad.append("helpers with a negative time: %s" % ch[0])
print("; ".join(bad) or "ok")
PY
)
		[ "$v" = ok ] || fail "--json --threads $t: profile: $v"
	fi
	echo "--json --threads $t: routes as the .sol run, profile checked"
done

[ $fails -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "all passed"
