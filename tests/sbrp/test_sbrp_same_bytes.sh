#!/usr/bin/env bash
# The same inputs, seed and --time-limit give the same solution bytes on one
# thread, on two, and on two while two busy loops and a second copy compete
# for the cores (the budgets are counts, the clock only a far safety net).
# The instance: every fourth stop of RSRB01 (6 schools), max ride 5400 s;
# every solution is accepted by the independent checker.
set -u
CHECK=$1
SRC=${SR_SHARED:-}/bench/sbrp/RSRB01
[ -f "$SRC/Stops.txt" ] || { echo "skip: $SRC absent"; exit 77; }
T=$(mktemp -d)
busy=()
cleanup() {
	for p in "${busy[@]}"; do kill "$p" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT
mkdir -p "$T/inst"
cp "$SRC/Schools.txt" "$T/inst/"
awk 'NR == 1 || NR % 4 == 2' "$SRC/Stops.txt" >"$T/inst/Stops.txt"
solve() { # out-file threads
	"$SR_EXE" sbrp "$T/inst" --max-ride 5400 --time-limit 4 --threads "$2" --out "$T/$1" \
		--json >"$T/$1.json" 2>"$T/$1.err" || { cat "$T/$1.err"; exit 1; }
}
solve one.csv 1
solve two.csv 2
# loaded: two busy loops and a concurrent copy
yes >/dev/null &
busy+=($!)
yes >/dev/null &
busy+=($!)
solve other.csv 2 &
pid=$!
solve loaded.csv 2
wait "$pid" || exit 1
fails=0
for f in two.csv loaded.csv other.csv; do
	if cmp -s "$T/one.csv" "$T/$f"; then echo "ok   $f = one.csv"; else
		echo "FAIL $f differs from one.csv"; fails=$((fails + 1)); fi
done
grep -h "safety time limit" "$T"/*.err && fails=$((fails + 1))
out=$("$CHECK" "$T/inst" 5400 "$T/one.csv")
echo "$out $(cat "$T/one.json")"
case $out in "OK buses="*) ;; *) fails=$((fails + 1)) ;; esac
[ "$fails" -eq 0 ]
