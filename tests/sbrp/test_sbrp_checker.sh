#!/usr/bin/env bash
# The sbrp checker on a hand-made instance: a valid solution passes with the
# right bus count, and each rule broken on its own is caught by name.
set -u
CHECK=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/inst" "$T/big"
printf 'ID\tX\tY\tAMEARLY\tAMLATE\r\n200001\t0\t0\t700\t730\r\n200002\t5866.66666\t0\t800\t830\r\n' >"$T/inst/Schools.txt"
printf 'ID\tX_COORD\tY_COORD\tEP_ID\tSTUDENT_COUNT\r\n100001\t2933.33333\t0\t200001\t10\r\n100002\t5866.66666\t0\t200001\t20\r\n100003\t8800\t0\t200002\t30\r\n' >"$T/inst/Stops.txt"
cp "$T/inst/Schools.txt" "$T/big/"
printf 'ID\tX_COORD\tY_COORD\tEP_ID\tSTUDENT_COUNT\r\n100001\t2933.33333\t0\t200001\t40\r\n100002\t5866.66666\t0\t200001\t30\r\n100003\t8800\t0\t200002\t30\r\n' >"$T/big/Stops.txt"

# times: dwell(20)=71, dwell(10)=45, dwell(30)=97, every leg 100 s; run 1
# arrives at 25045.6 = 07:00 - 154.4; run 2 at 28645.6 = 08:00 - 154.4
valid='bus,run,seq,stop_id,students,arrival_s
1,1,1,100002,20,24729.600
1,1,2,100001,10,24900.600
1,1,3,200001,30,25045.600
1,2,1,100003,30,28448.600
1,2,2,200002,30,28645.600'

fails=0
expect() { # name, instance, max ride, expected pattern, csv[, --mixed-load]
	printf '%s\n' "$5" >"$T/sol.csv"
	out=$("$CHECK" "$T/$2" "$3" "$T/sol.csv" ${6:-})
	if printf '%s\n' "$out" | grep -q -- "$4"; then
		echo "ok   $1"
	else
		echo "FAIL $1: expected '$4', got:"; printf '%s\n' "$out"; fails=$((fails + 1))
	fi
}
edit() { printf '%s\n' "$valid" | sed "$1"; }

expect valid_solution_passes inst 300 '^OK buses=1 runs=2$' "$valid"
expect two_buses_are_counted inst 300 '^OK buses=2 runs=2$' "$(edit 's/^1,2,/2,2,/')"
expect missing_stop_is_coverage inst 300 'error: coverage: stop 100003 is not served' "$(edit '/^1,2,/d')"
expect stop_twice_is_coverage inst 300 'error: coverage: .*more than once' \
	"$valid
2,3,1,100003,30,28448.600
2,3,2,200002,30,28645.600"
expect overfull_run_is_seats big 5400 'error: seats' \
	'bus,run,seq,stop_id,students,arrival_s
1,1,1,100002,30,24625.600
1,1,2,100001,40,24822.600
1,1,3,200001,70,25045.600
1,2,1,100003,30,28448.600
1,2,2,200002,30,28645.600'
expect mixed_schools_is_single_load inst 5400 'error: single load' \
	'bus,run,seq,stop_id,students,arrival_s
1,1,1,100003,30,24532.600
1,1,2,100002,20,24729.600
1,1,3,100001,10,24900.600
1,1,4,200001,60,25045.600'
expect long_ride_is_caught inst 200 'error: ride: .*stop 100002' "$valid"
expect late_arrival_is_bell inst 300 'error: bell' "$(edit 's/28448.600/28548.600/; s/28645.600/28745.600/')"
expect too_fast_is_travel inst 300 'error: travel' "$(edit 's/24900.600/24850.600/')"
expect wrong_count_is_students inst 300 'error: students' "$(edit 's/^1,1,2,100001,10,/1,1,2,100001,9,/')"
expect unreachable_next_run_is_chain inst 300 'error: chain' "$(edit 's/28448.600/25300.000/; s/28645.600/25497.000/')"
expect bad_header_is_format inst 300 'error: format' "$(edit '1s/.*/bus,run,seq,stop,students,arrival_s/')"

# mixed load: one run picks up all three stops, drops at 200001 (bell 07:00)
# then 200002 (08:00, 200 s on after the 154.4 s dwell); latest start
# 25045.6 - 513 = 24532.6; 100003's student rides 25400 - (24532.6 + 97) =
# 770.4 s (the dwell at 200001 included), 100002's 245 s, 100001's 100 s
mixed='bus,run,seq,stop_id,students,arrival_s,school
1,1,1,100003,30,24532.600,200002
1,1,2,100002,20,24729.600,200001
1,1,3,100001,10,24900.600,200001
1,1,4,200001,30,25045.600,200001
1,1,5,200002,30,25400.000,200002'
medit() { printf '%s\n' "$mixed" | sed "$1"; }
M=--mixed-load
expect mixed_run_passes inst 800 '^OK buses=1 runs=1$' "$mixed" $M
expect mixed_run_without_flag_is_format inst 800 'error: format' "$mixed"
expect single_load_passes_in_mixed_mode inst 300 '^OK buses=1 runs=2$' "$valid" $M
expect mixed_ride_counts_other_schools_dwell inst 700 'error: ride: .*stop 100003 rides 770.4' "$mixed" $M
expect mixed_second_school_too_soon_is_travel inst 800 'error: travel: .*school 25300.000' \
	"$(medit 's/25400.000/25300.000/')" $M
expect mixed_late_first_school_is_bell inst 800 'error: bell' \
	"$(medit 's/24532.600/24632.600/; s/24729.600/24829.600/; s/24900.600/25000.600/; s/25045.600/25145.600/; s/25400.000/25500.000/')" $M
expect mixed_wrong_school_column_is_format inst 800 'error: format: .*school column' \
	"$(medit '3s/200001$/200002/')" $M
expect mixed_wrong_drop_count_is_students inst 800 'error: students: .*says 29 delivered' \
	"$(medit 's/^1,1,4,200001,30,/1,1,4,200001,29,/')" $M
expect mixed_unvisited_school_is_caught inst 800 'error: school: .*100003' "$(medit '$d')" $M
expect mixed_school_twice_is_format inst 800 'error: format: .*twice' \
	"$mixed
1,1,6,200001,0,25800.000,200001" $M
expect mixed_stop_after_school_is_format inst 800 'error: format: .*not stops then schools' \
	"$(medit 's/^1,1,3,100001/1,1,6,100001/; 4{h;d}; $G' | sed '5s/^1,1,4,/1,1,3,/; 6s/^1,1,5,/1,1,4,/; 4s/^1,1,6,/1,1,5,/')" $M
expect mixed_overfull_run_is_seats big 5400 'error: seats: run 1 carries 100' \
	"$(medit 's/^1,1,1,100003,30,/1,1,1,100003,30,/; s/^1,1,2,100002,20,/1,1,2,100002,30,/; s/^1,1,3,100001,10,/1,1,3,100001,40,/')" $M
exit $((fails > 0))
