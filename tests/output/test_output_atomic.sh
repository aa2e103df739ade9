#!/usr/bin/env bash
# test_output_atomic.sh - the outputs of a plan replace OUT as a whole:
#  - killed (SIGKILL) at random moments while writing, OUT holds exactly the
#    files of the previous plan or exactly those of the new one, never a mix;
#  - a write that fails (file size limit: the same error path as a full disk)
#    exits non-zero naming the path and leaves the previous plan untouched;
#  - OUT that is a file, or a folder of the user's that holds no plan, is
#    refused with the path and the reason, and nothing in it changes;
#  - no staging folders are left behind once a later run has finished.
set -u
exe=${SR_EXE:?}
src=${SR_SOURCE_DIR:?}
tmp=$(mktemp -d /tmp/out_atomic.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
ex=$src/examples/tiny

"$exe" plan "$ex" --out "$tmp/ref_ru" -q --lang ru >/dev/null 2>&1
"$exe" plan "$ex" --out "$tmp/ref_en" -q --lang en >/dev/null 2>&1
[ -f "$tmp/ref_ru/plan.json" ] && [ -f "$tmp/ref_en/plan.json" ] || { echo "FAIL: reference plans"; exit 1; }
if diff -rq "$tmp/ref_ru" "$tmp/ref_en" >/dev/null; then echo "FAIL: ru and en plans are identical"; exit 1; fi

same_as() { diff -r "$1" "$2" >/dev/null 2>&1; }

# kill -9 at random moments over the second half of a run, when it writes
t0=$(date +%s%N)
"$exe" plan "$ex" --out "$tmp/timing" -q >/dev/null 2>&1
ms=$((($(date +%s%N) - t0) / 1000000))
cp -r "$tmp/ref_ru" "$tmp/out"
mixed=0 new=0 old=0
for trial in $(seq 1 12); do
	if same_as "$tmp/out" "$tmp/ref_ru"; then lang=en; else lang=ru; fi
	"$exe" plan "$ex" --out "$tmp/out" -q --lang $lang >/dev/null 2>&1 &
	pid=$!
	d=$((ms / 2 + RANDOM % (ms / 2 + 20)))
	sleep "$((d / 1000)).$(printf '%03d' $((d % 1000)))"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	if same_as "$tmp/out" "$tmp/ref_ru" || same_as "$tmp/out" "$tmp/ref_en"; then
		if same_as "$tmp/out" "$tmp/ref_$lang"; then new=$((new + 1)); else old=$((old + 1)); fi
	else
		mixed=$((mixed + 1))
		echo "FAIL trial $trial: OUT is neither the old nor the new plan"
		diff -rq "$tmp/out" "$tmp/ref_$lang" | head -5
		fail=1
		rm -rf "$tmp/out"; cp -r "$tmp/ref_ru" "$tmp/out"
	fi
done
echo "kill -9 trials: $old left the old plan, $new the new one, $mixed mixed"

# a run to the end removes the staging folders of the killed runs
"$exe" plan "$ex" --out "$tmp/out" -q --lang ru >/dev/null 2>&1
left=$(ls -d "$tmp"/out.new-* 2>/dev/null | wc -l)
[ "$left" -eq 0 ] || { echo "FAIL: $left staging folders left"; fail=1; }
same_as "$tmp/out" "$tmp/ref_ru" || { echo "FAIL: a full run did not write the plan"; fail=1; }

# a write error (file size limit, like a full disk): old plan untouched
(
	trap '' XFSZ
	ulimit -f 4
	exec "$exe" plan "$ex" --out "$tmp/out" -q --lang en
) >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ]; then echo "FAIL: a failed write exited 0"; fail=1; fi
grep -q "$tmp/out" "$tmp/err" || { echo "FAIL: the error does not name the path:"; cat "$tmp/err"; fail=1; }
same_as "$tmp/out" "$tmp/ref_ru" || { echo "FAIL: a failed write changed the previous plan"; fail=1; }
left=$(ls -d "$tmp"/out.new-* 2>/dev/null | wc -l)
[ "$left" -eq 0 ] || { echo "FAIL: a failed write left its staging folder"; fail=1; }

# OUT is a file; OUT is the user's own folder
echo keep >"$tmp/afile"
"$exe" plan "$ex" --out "$tmp/afile" -q >/dev/null 2>"$tmp/err"
rc=$?
{ [ $rc -ne 0 ] && grep -q "afile: exists and is not a folder" "$tmp/err"; } ||
	{ echo "FAIL: OUT as a file: exit $rc"; cat "$tmp/err"; fail=1; }
[ "$(cat "$tmp/afile")" = keep ] || { echo "FAIL: the file was changed"; fail=1; }
mkdir -p "$tmp/mine" && echo notes >"$tmp/mine/notes.txt"
"$exe" plan "$ex" --out "$tmp/mine" -q >/dev/null 2>"$tmp/err"
rc=$?
{ [ $rc -ne 0 ] && grep -q "mine: the folder is not empty" "$tmp/err"; } ||
	{ echo "FAIL: OUT as the user's folder: exit $rc"; cat "$tmp/err"; fail=1; }
[ "$(ls "$tmp/mine")" = notes.txt ] || { echo "FAIL: the user's folder was changed"; fail=1; }

[ $fail -eq 0 ] && echo "outputs are replaced as a whole"
exit $fail
