# shared_term.sh - sourced by the tests that plan a term for one of the
# shared real maps (../shared/maps, absent on some machines):
#   . shared_term.sh TERM_DIR MAP_FILE TMP_NAME "$@"
# sets checker (the first test argument), exe, src, dir (the term in
# tests/plan/data), map; exits 77 (skipped) when the map is absent; makes
# tmp (removed on exit), fail=0 and bad().
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
tmp=$(mktemp -d "/tmp/$tmpname.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
