#!/usr/bin/env bash
# `schoolrun sbrp --mixed-load` on a hand-made instance where sharing saves
# a bus: two schools 2,000 ft apart with the same bell, one stop each far
# out (10 students, 500 ft apart). Single load needs two runs that both end
# by the bell, so two buses; one mixed run (both stops, then both schools)
# keeps every ride under 2700 s, so one bus. The independent checker accepts
# both answers (the mixed one with --mixed-load), the single-load CSV keeps
# six columns and the mixed one names each row's school.
set -u
CHECK=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
printf 'ID\tX\tY\tAMEARLY\tAMLATE\r\n200001\t0\t0\t800\t830\r\n200002\t2000\t0\t800\t830\r\n' >"$T/Schools.txt"
printf 'ID\tX_COORD\tY_COORD\tEP_ID\tSTUDENT_COUNT\r\n100001\t30000\t0\t200001\t10\r\n100002\t30500\t0\t200002\t10\r\n' >"$T/Stops.txt"
fails=0
single=$("$SR_EXE" sbrp "$T" --max-ride 2700 --time-limit 2 --out "$T/single.csv" --json) || exit 1
mixed=$("$SR_EXE" sbrp "$T" --max-ride 2700 --time-limit 2 --mixed-load --out "$T/mixed.csv" --json) || exit 1
echo "single: $single"
echo "mixed:  $mixed"
cat "$T/mixed.csv"
case $single in '{"buses": 2, "runs": 2,'*) ;; *) echo "FAIL single load should need 2 buses"; fails=$((fails + 1)) ;; esac
case $mixed in '{"buses": 1, "runs": 1,'*) ;; *) echo "FAIL mixed load should need 1 bus"; fails=$((fails + 1)) ;; esac
[ "$(head -1 "$T/single.csv")" = "bus,run,seq,stop_id,students,arrival_s" ] || { echo "FAIL single header"; fails=$((fails + 1)); }
[ "$(head -1 "$T/mixed.csv")" = "bus,run,seq,stop_id,students,arrival_s,school" ] || { echo "FAIL mixed header"; fails=$((fails + 1)); }
o1=$("$CHECK" "$T" 2700 "$T/single.csv")
o2=$("$CHECK" "$T" 2700 "$T/mixed.csv" --mixed-load)
echo "checker: $o1 / $o2"
[ "$o1" = "OK buses=2 runs=2" ] || fails=$((fails + 1))
[ "$o2" = "OK buses=1 runs=1" ] || fails=$((fails + 1))
# the single-load checker rejects the mixed run
"$CHECK" "$T" 2700 "$T/mixed.csv" >/dev/null && { echo "FAIL mixed run accepted as single load"; fails=$((fails + 1)); }
[ "$fails" -eq 0 ]
