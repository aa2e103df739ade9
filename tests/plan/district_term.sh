# district_term.sh NAME CHECK_PLAN - sourced by a test that plans a term of
# its own on the bundled district's map: sets exe, checker, src, tmp
# (removed on exit), fail, the helpers bad and ok, and d, a folder holding
# the bundled district's plan.conf with the map's path made absolute (the
# test writes its own tables there).
set -u
exe=${SR_EXE:?}
checker=${2:?usage: $1 CHECK_PLAN}
src=${SR_SOURCE_DIR:?}
tmp=$(mktemp -d "/tmp/$1.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
ok() { echo "ok $*"; }
d="$tmp/d"
mkdir -p "$d"
sed "s|^map = .*|map = $src/maps/district.osm|" "$src/examples/district/plan.conf" >"$d/plan.conf"
