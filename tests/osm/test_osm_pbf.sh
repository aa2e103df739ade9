#!/usr/bin/env bash
# test_osm_pbf.sh - OSM PBF on the hand-drawn fixtures, converted by osmium
# at test time (skipped where osmium is absent): `schoolrun inspect --json`
# gives the same answer for the XML and the PBF of every fixture (dense
# nodes or plain nodes, zlib or uncompressed blocks, a file, stdin, gzipped,
# or named .osm), the element counts equal `osmium fileinfo -e`'s, and a
# damaged PBF (cut inside a block, a corrupt block, an unsupported
# compression) is an error, exit 2, never a shorter map.
. "$(dirname "$0")/formats_lib.sh"
command -v osmium >/dev/null || { echo "SKIP: osmium not installed (Debian package osmium-tool)"; exit 77; }

# the fixtures that are valid maps (the others are made to be refused)
good="access areas clipped fold maxspeed multipolygon oneway roundabout unsorted bbox_edge empty_values"
n=0
for name in $good; do
  src=$fx/$name.osm
  counts "$src" >"$tmp/xml" 2>"$tmp/err"
  check '[ -s "$tmp/xml" ] # '"$name reads as XML: $(cat "$tmp/err")"
  for variant in "pbf" "pbf,pbf_dense_nodes=false" "pbf,pbf_compression=none"; do
    osmium cat "$src" -f "$variant" -o "$tmp/$name.osm.pbf" --overwrite 2>"$tmp/err" ||
      { check 'false # osmium cat '"$variant $name: $(cat "$tmp/err")"; continue; }
    counts "$tmp/$name.osm.pbf" >"$tmp/pbf" 2>"$tmp/err"
    check 'cmp -s "$tmp/xml" "$tmp/pbf" # '"$name as $variant: $(cat "$tmp/err"; diff "$tmp/xml" "$tmp/pbf")"
    check '[ "$(our_counts "$tmp/$name.osm.pbf")" = "$(osmium_counts "$tmp/$name.osm.pbf")" ] # '"$name $variant"
    n=$((n + 1))
  done
done
check '[ $n -eq 33 ]'

# one PBF fed every way: stdin, gzipped, under an XML name
pbf=$tmp/areas.pbf
osmium cat "$fx/areas.osm" -o "$pbf" --overwrite
counts "$fx/areas.osm" >"$tmp/xml"
counts - <"$pbf" >"$tmp/got"
check 'cmp -s "$tmp/xml" "$tmp/got" # stdin'
gzip -c "$pbf" >"$tmp/areas.pbf.gz"
counts "$tmp/areas.pbf.gz" >"$tmp/got"
check 'cmp -s "$tmp/xml" "$tmp/got" # gzipped PBF'
cp "$pbf" "$tmp/named.osm"
counts "$tmp/named.osm" >"$tmp/got"
check 'cmp -s "$tmp/xml" "$tmp/got" # PBF named .osm'
cp "$fx/areas.osm" "$tmp/named.osm.pbf"
counts "$tmp/named.osm.pbf" >"$tmp/got"
check 'cmp -s "$tmp/xml" "$tmp/got" # XML named .osm.pbf'

# damage: cut inside the last block, cut in half, a corrupt byte in the
# data block, an empty file after the header's 4 bytes
size=$(wc -c <"$pbf")
head -c $((size - 1)) "$pbf" >"$tmp/cut1.osm.pbf"
head -c $((size / 2)) "$pbf" >"$tmp/cut2.osm.pbf"
cp "$pbf" "$tmp/corrupt.osm.pbf"   # 20 bytes inside the zlib data of the last block
printf 'XXXXXXXXXXXXXXXXXXXX' | dd of="$tmp/corrupt.osm.pbf" bs=1 seek=$((size - 40)) conv=notrunc 2>/dev/null
for f in cut1 cut2 corrupt; do
  out=$("$exe" inspect "$tmp/$f.osm.pbf" --json 2>"$tmp/err"); rc=$?
  check '[ $rc -eq 2 ] && [ -z "$out" ] # '"$f"
  check 'grep -q "$f.osm.pbf: PBF block" "$tmp/err" # '"$f: $(cat "$tmp/err")"
done
"$exe" inspect "$tmp/cut1.osm.pbf" 2>&1 | grep -q "truncated"
check '[ $? -eq 0 ] # the cut is called a truncation'

# a compression this reader does not do is named
if osmium cat "$fx/areas.osm" -f pbf,pbf_compression=lz4 -o "$tmp/lz4.osm.pbf" --overwrite 2>/dev/null; then
  "$exe" inspect "$tmp/lz4.osm.pbf" >/dev/null 2>"$tmp/err"; rc=$?
  check '[ $rc -eq 2 ] && grep -q "lz4" "$tmp/err"'
fi
finish
