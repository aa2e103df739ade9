# shared_term.sh - sourced by the tests that plan a term for one of the
# shared real maps (../shared/maps, absent on some machines):
#   . shared_term.sh TERM_DIR MAP_FILE TMP_NAME "$@"
# puts term_check.py on PYTHONPATH; sets checker (the first test argument), exe, src, dir (the term in
# tests/plan/data), map; exits 77 (skipped) when the map is absent; makes
# tmp (removed on exit), fail=0, bad(), plan NAME ARGS... (plans into
# $tmp/NAME on the map, -q; a failure is bad) and more_term (the term
# mid-way, $tmp/more: the term's plan.conf with its riders_more.csv).
set -u
term=$1 mapfile=$2 tmpname=$3
shift 3
checker=$1
exe=${SR_EXE:?}
src=${SR_SOURCE_DIR:?}
dir=$src/tests/plan/data/$term
map=${SR_SHARED:-$src/../shared}/maps/$mapfile
if [ ! -f "$map" ]; then
	echo "skip: $map not found"
	exit 77
fi
# the tests' plan.json checks import term_check.py from here
export PYTHONPATH="$src/tests/plan${PYTHONPATH:+:$PYTHONPATH}"
tmp=$(mktemp -d "/tmp/$tmpname.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
plan() { # NAME ARGS...
	local name=$1
	shift
	"$exe" plan "$@" --map "$map" --out "$tmp/$name" -q 2>"$tmp/$name.err" ||
		{ bad "$name: exit $?"; cat "$tmp/$name.err"; return 1; }
}
more_term() {
	mkdir -p "$tmp/more"
	printf 'include = %s/plan.conf\nriders = %s/riders_more.csv\n' "$dir" "$dir" >"$tmp/more/plan.conf"
}
