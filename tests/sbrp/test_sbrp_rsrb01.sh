#!/usr/bin/env bash
# A real solve of RSRB01 (max ride 5400 s, a short budget), accepted by the
# independent checker with the bus count the command reports, and
# byte-identical on one thread.
set -u
CHECK=$1
INST=${SR_SHARED:-}/bench/sbrp/RSRB01
[ -f "$INST/Stops.txt" ] || { echo "skip: $INST absent"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
json=$("$SR_EXE" sbrp "$INST" --max-ride 5400 --time-limit 5 --out "$T/sol.csv" --json) || exit 1
echo "$json"
buses=$(printf '%s' "$json" | sed 's/.*"buses": \([0-9]*\).*/\1/')
out=$("$CHECK" "$INST" 5400 "$T/sol.csv")
echo "$out"
[ "$out" = "OK buses=$buses runs=$(printf '%s' "$json" | sed 's/.*"runs": \([0-9]*\).*/\1/')" ] || exit 1
# the same inputs and seed give the same bytes on one thread as on two
"$SR_EXE" sbrp "$INST" --max-ride 5400 --time-limit 5 --threads 1 --out "$T/one.csv" >/dev/null || exit 1
cmp "$T/sol.csv" "$T/one.csv"
