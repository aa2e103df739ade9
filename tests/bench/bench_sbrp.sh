#!/usr/bin/env bash
# bench_sbrp.sh - `schoolrun sbrp` on the Park-Tae-Kim RSRB instances at both
# max rides (2700 s, 5400 s): buses beside BiRD's and the best published
# count (Bertsimas, Delarue & Martin, PNAS 2019, Table S1, copied from
# ../shared/bench/sbrp/README.md), seconds, the lower bound from the
# selection LP, and the verdict of the independent checker
# (tests/sbrp/sbrp_check). Not a CTest test.
#
# usage: tests/bench/bench_sbrp.sh [BUILD_DIR] [INSTANCE...]
# env:   SBRP_LIMIT_SCALE (default 1) multiplies the per-size time limits
#        (60 s for 250 stops, 120 s for 500, 240 s for 1000, 600 s for 2000)
#        RIDES (default "2700 5400"), SEED (default 1)
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
shift || true
SHARED=${SR_SHARED:-$ROOT/../shared}
DATA=$SHARED/bench/sbrp
EXE=$BUILD/schoolrun
CHECK=$BUILD/tests/sbrp/sbrp_check
[ -x "$EXE" ] && [ -x "$CHECK" ] || { echo "build first: $EXE and $CHECK missing" >&2; exit 2; }
[ -d "$DATA" ] || { echo "skip: $DATA absent" >&2; exit 0; }
INSTANCES=${*:-RSRB01 RSRB02 RSRB03 RSRB04 RSRB05 RSRB06 RSRB07 RSRB08}
RIDES=${RIDES:-2700 5400}
SCALE=${SBRP_LIMIT_SCALE:-1}
SEED=${SEED:-1}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

published() { # instance ride -> "bird best" from the README table
	local col_b col_p
	if [ "$2" = 2700 ]; then col_b=6; col_p=7; else col_b=8; col_p=9; fi
	awk -F'|' -v i="$1" -v b=$col_b -v p=$col_p \
		'{g=$2; gsub(/ /,"",g)} g==i {x=$b; y=$p; gsub(/ /,"",x); gsub(/ /,"",y); print x, y}' \
		"$DATA/README.md"
}

printf '| instance | max ride | buses | BiRD | best published | vs BiRD | runs | LP bound | seconds | limit | checker |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|\n'
for inst in $INSTANCES; do
	n=$(($(wc -l <"$DATA/$inst/Stops.txt") - 1))
	if [ "$n" -le 250 ]; then lim=60; elif [ "$n" -le 500 ]; then lim=120;
	elif [ "$n" -le 1000 ]; then lim=240; else lim=600; fi
	lim=$(awk -v l=$lim -v s="$SCALE" 'BEGIN { printf "%d", l * s }')
	for ride in $RIDES; do
		read -r bird best <<<"$(published "$inst" "$ride")"
		json=$("$EXE" sbrp "$DATA/$inst" --max-ride "$ride" --time-limit "$lim" --seed "$SEED" \
			--out "$T/sol.csv" --json 2>"$T/err") || { echo "| $inst | $ride | error: $(head -c 200 "$T/err") |"; continue; }
		get() { printf '%s' "$json" | sed -n "s/.*\"$1\": \([0-9.]*\).*/\1/p"; }
		buses=$(get buses); runs=$(get runs); secs=$(get seconds); lb=$(get lower_bound)
		[ -n "$lb" ] || lb="n/a" # thinned model for the largest pools: no bound
		verdict=$("$CHECK" "$DATA/$inst" "$ride" "$T/sol.csv" | tail -1)
		case $verdict in "OK buses=$buses "*) v=OK ;; *) v="REJECTED ($verdict)" ;; esac
		d=$((buses - bird))
		printf '| %s | %s | %s | %s | %s | %+d | %s | %s | %s | %s | %s |\n' \
			"$inst" "$ride" "$buses" "$bird" "$best" "$d" "$runs" "$lb" "$secs" "$lim" "$v"
	done
done
