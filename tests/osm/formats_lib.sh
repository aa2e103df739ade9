# formats_lib.sh - shared by the map-format test scripts (sourced): the
# check helper, a temporary folder, and `counts FILE`, which prints
# `schoolrun inspect --json` without the fields that name the file or
# measure the run (map, seconds, peak_rss_kb), one key a line, so two
# readings of the same map in different formats can be compared.
set -u
exe=${SR_EXE:?SR_EXE not set}
fx=${SR_SOURCE_DIR:?}/tests/osm/fixtures
shared=${SR_SHARED:-}
fails=0
check() { if eval "$1"; then :; else echo "FAIL: $1"; fails=$((fails + 1)); fi; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

counts() {
  "$exe" inspect "$@" --json |
    sed -E 's/"map":"([^"\\]|\\.)*",?//; s/,"seconds":[0-9.eE+-]+//; s/,"peak_rss_kb":-?[0-9]+//' |
    tr ',' '\n'
}

# `osmium fileinfo -e` counts as "nodes ways relations"
osmium_counts() {
  osmium fileinfo -e "$1" | awk '/Number of nodes:/ {n=$4} /Number of ways:/ {w=$4}
    /Number of relations:/ {r=$4} END {print n, w, r}'
}

# our counts as "nodes ways relations"
our_counts() {
  "$exe" inspect "$@" --json |
    sed -E 's/.*"nodes":([0-9]+),"ways":([0-9]+),"relations":([0-9]+).*/\1 \2 \3/'
}

finish() {
  if [ $fails -gt 0 ]; then echo "$fails failed"; exit 1; fi
  echo "all passed"
}
