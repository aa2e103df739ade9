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
#        MIXED=1: each row solved twice, single load and --mixed-load (the
#        mixed solution checked with sbrp_check --mixed-load), beside BiRD's
#        single-load count and Park, Tae & Kim's (2012) mixed-load count
#        (their rules: time windows AMEARLY..AMLATE, their own stop times;
#        ours: BiRD's rules for every run, see README)
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

MIXED=${MIXED:-0}

ptk_mixed() { # instance ride -> Park, Tae & Kim (2012) mixed-load buses, as cited in issue 14
	case "$1:$2" in
	RSRB01:2700) echo 30 ;; RSRB01:5400) echo 27 ;; RSRB02:2700) echo 29 ;; RSRB02:5400) echo 23 ;;
	RSRB03:2700) echo 56 ;; RSRB03:5400) echo 47 ;; RSRB04:2700) echo 59 ;; RSRB04:5400) echo 46 ;;
	RSRB05:2700) echo 98 ;; RSRB05:5400) echo 79 ;; RSRB06:2700) echo 89 ;; RSRB06:5400) echo 72 ;;
	RSRB07:2700) echo 154 ;; RSRB07:5400) echo 134 ;; RSRB08:2700) echo 157 ;; RSRB08:5400) echo 142 ;;
	*) echo "?" ;;
	esac
}

solve() { # instance ride limit flag -> "buses runs seconds lb verdict"
	local json verdict v
	json=$("$EXE" sbrp "$DATA/$1" --max-ride "$2" --time-limit "$3" --seed "$SEED" $4 \
		--out "$T/sol.csv" --json 2>"$T/err") || { echo "error - - - $(head -c 100 "$T/err" | tr ' ' _)"; return; }
	get() { printf '%s' "$json" | sed -n "s/.*\"$1\": \([0-9.]*\).*/\1/p"; }
	local buses runs secs lb
	buses=$(get buses); runs=$(get runs); secs=$(get seconds); lb=$(get lower_bound)
	[ -n "$lb" ] || lb="n/a" # thinned model for the largest pools: no bound
	verdict=$("$CHECK" "$DATA/$1" "$2" "$T/sol.csv" $4 | tail -1)
	case $verdict in "OK buses=$buses "*) v=OK ;; *) v="REJECTED($(echo "$verdict" | tr ' ' _))" ;; esac
	echo "$buses $runs $secs $lb $v"
}

limit_for() { # instance -> the scaled time limit
	local n lim
	n=$(($(wc -l <"$DATA/$1/Stops.txt") - 1))
	if [ "$n" -le 250 ]; then lim=60; elif [ "$n" -le 500 ]; then lim=120;
	elif [ "$n" -le 1000 ]; then lim=240; else lim=600; fi
	awk -v l=$lim -v s="$SCALE" 'BEGIN { printf "%d", l * s }'
}

if [ "$MIXED" = 1 ]; then
	printf '| instance | max ride | single | mixed | BiRD (single) | PTK (mixed) | mixed runs | seconds single / mixed | limit | checker |\n'
	printf '|---|---|---|---|---|---|---|---|---|---|\n'
else
	printf '| instance | max ride | buses | BiRD | best published | vs BiRD | runs | LP bound | seconds | limit | checker |\n'
	printf '|---|---|---|---|---|---|---|---|---|---|---|\n'
fi
for inst in $INSTANCES; do
	lim=$(limit_for "$inst")
	for ride in $RIDES; do
		read -r bird best <<<"$(published "$inst" "$ride")"
		read -r buses runs secs lb v <<<"$(solve "$inst" "$ride" "$lim" "")"
		if [ "$MIXED" = 1 ]; then
			read -r mb mr ms mlb mv <<<"$(solve "$inst" "$ride" "$lim" --mixed-load)"
			printf '| %s | %s | %s | %s | %s | %s | %s | %s / %s | %s | %s / %s |\n' \
				"$inst" "$ride" "$buses" "$mb" "$bird" "$(ptk_mixed "$inst" "$ride")" \
				"$mr" "$secs" "$ms" "$lim" "$v" "$mv"
			continue
		fi
		d=$((buses - bird))
		printf '| %s | %s | %s | %s | %s | %+d | %s | %s | %s | %s | %s |\n' \
			"$inst" "$ride" "$buses" "$bird" "$best" "$d" "$runs" "$lb" "$secs" "$lim" "$v"
	done
done
