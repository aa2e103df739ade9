#!/usr/bin/env bash
# run.sh SECONDS [HARNESS...] - builds the libFuzzer harnesses (clang-14,
# -DSR_FUZZ=ON, build-fuzz/ or $FUZZ_BUILD_DIR) and fuzzes each for SECONDS (nice'd, one job),
# starting from its seed corpus tests/fuzz/corpus/<harness> (new inputs go
# to build-fuzz/corpus/<harness>, crashes to build-fuzz/crashes/<harness>).
# Prints one row per harness: seconds, executions, executions per second, edges
# covered (libFuzzer's "cov:"), crashes (crash, leak, timeout and oom
# inputs; libFuzzer's slow-unit reports are not counted). An input taking
# over $FUZZ_TIMEOUT seconds (default 60: on a loaded shared machine a niced
# run stalls for seconds in the allocator) counts as a hang. Exit 1 when a
# harness crashed.
set -u
secs=${1:?usage: run.sh SECONDS [HARNESS...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bd=${FUZZ_BUILD_DIR:-$root/build-fuzz}
harnesses=${*:-osm plan cvrplib sbrp points address sheet}
cc=${CC:-clang-14}
command -v "$cc" >/dev/null || { echo "run.sh: $cc not found: install the Debian packages clang-14 and libclang-rt-14-dev"; exit 2; }
CC=$cc cmake -S "$root" -B "$bd" -DSR_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 2
targets=$(for h in $harnesses; do printf 'fuzz_%s ' "$h"; done)
nice cmake --build "$bd" -j2 --target $targets >"$bd/build.log" 2>&1 || { tail -30 "$bd/build.log"; exit 2; }
# the harnesses write each input to a file: on tmpfs when there is one
[ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ] && export TMPDIR=/dev/shm
status=0
printf '%-8s %8s %10s %8s %8s %8s\n' harness seconds execs exec/s edges crashes
for h in $harnesses; do
	mkdir -p "$bd/corpus/$h" "$bd/crashes/$h"
	log=$bd/fuzz_$h.log
	t0=$(date +%s)
	ASAN_OPTIONS=detect_leaks=1 nice "$bd/tests/fuzz/fuzz_$h" -max_total_time="$secs" \
		-timeout="${FUZZ_TIMEOUT:-60}" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
		-artifact_prefix="$bd/crashes/$h/" "$bd/corpus/$h" "$here/corpus/$h" >"$log" 2>&1
	rc=$?
	el=$(($(date +%s) - t0)) # less than SECONDS when a crash stopped it
	[ "$el" -gt 0 ] || el=1
	execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
	eps=$(grep -o 'exec/s: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
	[ -n "$execs" ] && eps=$((execs / el))
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
	crashes=$(find "$bd/crashes/$h" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
	[ $rc -ne 0 ] && status=1
	printf '%-8s %8s %10s %8s %8s %8s\n' "$h" "$el" "${execs:-?}" "${eps:-?}" "${cov:-?}" "$crashes"
done
exit $status
