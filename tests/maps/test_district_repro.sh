#!/usr/bin/env bash
# test_district_repro.sh - the district generator is reproducible and its
# committed output is what the documented commands make:
#  1. every `build/maps/gen_district ...` command in maps/README.md, run
#     afresh, gives byte-identical copies of the committed maps and examples;
#  2. the same seed twice gives identical bytes, another seed different ones;
#  3. bad options fail with exit status 2 and a message, and a failed write
#     leaves no file behind;
#  4. osmium (osmium-tool) and xmllint (libxml2-utils), when installed,
#     accept the committed district, and osmium counts what we count.
set -uo pipefail
GEN="$SR_BINARY_DIR/maps/gen_district"
SRC="$SR_SOURCE_DIR"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

[ -x "$GEN" ] || { echo "FAIL: $GEN not built"; exit 1; }

# 1. the README's commands reproduce the committed files
grep -E '^    build/maps/gen_district ' "$SRC/maps/README.md" | sed 's/^ *//' > "$tmp/cmds"
n_cmds=$(wc -l < "$tmp/cmds")
[ "$n_cmds" -ge 2 ] && ok "README has $n_cmds generator commands" || bad "README lists $n_cmds generator commands"
mkdir -p "$tmp/fresh/maps" "$tmp/fresh/examples"
while read -r line; do
  # shellcheck disable=SC2086
  set -- $line
  shift
  (cd "$tmp/fresh" && "$GEN" "$@") || bad "command failed: $line"
done < "$tmp/cmds"
n_files=0
while IFS= read -r f; do
  rel=${f#"$tmp/fresh/"}
  n_files=$((n_files + 1))
  if cmp -s "$f" "$SRC/$rel"; then ok "$rel matches a fresh generation"; else bad "$rel differs from a fresh generation"; fi
done < <(find "$tmp/fresh" -type f | sort)
[ "$n_files" -ge 10 ] || bad "only $n_files files generated"
for f in maps/district.osm maps/tiny.osm examples/district/riders.csv examples/tiny/plan.conf; do
  [ -f "$tmp/fresh/$f" ] || bad "the README commands do not make $f"
done

# 2. seeds
"$GEN" --seed 99 --out "$tmp/a.osm" --example-dir "$tmp/ea" --example-map m.osm >/dev/null || bad "seed 99"
"$GEN" --seed 99 --out "$tmp/b.osm" --example-dir "$tmp/eb" --example-map m.osm >/dev/null || bad "seed 99 again"
"$GEN" --seed 100 --out "$tmp/c.osm" --example-dir "$tmp/ec" --example-map m.osm >/dev/null || bad "seed 100"
(cd "$tmp" && "$GEN" --seed 99 --out ./a2.osm --example-dir ed/x) || bad "relative paths"
cmp -s "$tmp/a.osm" "$tmp/b.osm" && ok "same seed, same map" || bad "same seed gave different maps"
for f in plan.conf sessions.csv riders.csv fleet.csv; do
  cmp -s "$tmp/ea/$f" "$tmp/eb/$f" || bad "same seed gave different $f"
done
cmp -s "$tmp/a.osm" "$tmp/c.osm" && bad "seeds 99 and 100 gave the same map" || ok "another seed, another map"
cmp -s "$tmp/ea/riders.csv" "$tmp/ec/riders.csv" && bad "seeds 99 and 100 gave the same riders" || ok "another seed, other riders"
grep -q '^map = m.osm$' "$tmp/ea/plan.conf" && ok "--example-map is written" || bad "plan.conf: $(grep '^map' "$tmp/ea/plan.conf")"
grep -q '^map = ../../a2.osm$' "$tmp/ed/x/plan.conf" && ok "plan.conf names the map relative to its folder" \
  || bad "plan.conf: $(grep '^map' "$tmp/ed/x/plan.conf")"
cmp -s "$tmp/a.osm" "$tmp/a2.osm" && ok "same map whatever the path" || bad "the path changed the map"

# 3. bad options
expect_fail() {
  local want=$1; shift
  "$GEN" "$@" > "$tmp/out" 2> "$tmp/err"
  local st=$?
  if [ "$st" -eq "$want" ] && [ -s "$tmp/err" ]; then ok "$* -> $st: $(head -1 "$tmp/err")"; else bad "$* -> exit $st (want $want), stderr: $(cat "$tmp/err")"; fi
}
expect_fail 2 --seed 1 --out "$tmp/x.osm" --villages 2
expect_fail 2 --seed 1 --out "$tmp/x.osm" --destinations 4
expect_fail 2 --seed 1 --out "$tmp/x.osm" --villages ten
expect_fail 2 --seed 1
expect_fail 2 --out "$tmp/x.osm"
expect_fail 2 --seed 1 --out "$tmp/x.osm" --bogus 3
expect_fail 2 --seed 1 --out "$tmp/x.osm" --villages 100 --size-km 2
expect_fail 2 --seed 1 --out "$tmp/x.osm" --example huge --example-dir "$tmp/x"
expect_fail 1 --seed 1 --out "$tmp/no/such/dir/x.osm"
[ -e "$tmp/x.osm" ] && bad "a failed run left $tmp/x.osm" || ok "failed runs leave no file"
ls "$tmp"/no 2>/dev/null | grep -q . && bad "a failed write left a temporary file"

# 4. other OSM tools accept the committed district
osm="$SRC/maps/district.osm"
if command -v osmium >/dev/null; then
  if osmium fileinfo -e "$osm" > "$tmp/fi" 2>&1; then
    ok "osmium fileinfo -e accepts maps/district.osm"
    grep -q 'Objects ordered (by type and id): yes' "$tmp/fi" && ok "osmium: ordered" || bad "osmium: not ordered"
    for t in node way relation; do
      n_osmium=$(osmium fileinfo -e -g "data.count.${t}s" "$osm")
      n_grep=$(grep -c "^  <$t " "$osm")
      [ "$n_osmium" = "$n_grep" ] && ok "osmium counts $n_osmium ${t}s" || bad "osmium counts $n_osmium ${t}s, the file has $n_grep"
    done
  else
    bad "osmium fileinfo -e rejects maps/district.osm: $(cat "$tmp/fi")"
  fi
  osmium fileinfo -e "$SRC/maps/tiny.osm" >/dev/null 2>&1 && ok "osmium accepts maps/tiny.osm" || bad "osmium rejects maps/tiny.osm"
else
  echo "skip: osmium not installed (Debian package osmium-tool)"
fi
if command -v xmllint >/dev/null; then
  xmllint --noout "$osm" "$SRC/maps/tiny.osm" && ok "xmllint accepts the maps" || bad "xmllint rejects a map"
else
  echo "skip: xmllint not installed (Debian package libxml2-utils)"
fi
size=$(stat -c %s "$osm")
[ "$size" -lt 3000000 ] && ok "district.osm is $size bytes" || bad "district.osm is $size bytes (> 3 MB)"

echo "$fails failure(s)"
[ "$fails" -eq 0 ]
