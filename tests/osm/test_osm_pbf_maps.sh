#!/usr/bin/env bash
# test_osm_pbf_maps.sh - every shared real map (../shared/maps/*.osm*),
# converted to PBF by osmium at test time: our element counts equal
# `osmium fileinfo -e`'s on the PBF, and `schoolrun inspect --json` gives
# the same answer (roads, graph, places, destinations...) for the XML and
# the PBF. Skipped where osmium or the shared maps are absent.
. "$(dirname "$0")/formats_lib.sh"
command -v osmium >/dev/null || { echo "SKIP: osmium not installed (Debian package osmium-tool)"; exit 77; }
maps=$(ls "$shared"/maps/*.osm "$shared"/maps/*.osm.gz 2>/dev/null)
[ -n "$maps" ] || { echo "SKIP: no shared maps in '$shared/maps'"; exit 77; }

n=0
for m in $maps; do
  name=$(basename "$m")
  pbf=$tmp/${name%%.*}.osm.pbf
  osmium cat "$m" -o "$pbf" --overwrite
  counts "$m" >"$tmp/xml" 2>"$tmp/err"
  check '[ -s "$tmp/xml" ] # '"$name: $(cat "$tmp/err")"
  counts "$pbf" >"$tmp/pbf" 2>"$tmp/err"
  check 'cmp -s "$tmp/xml" "$tmp/pbf" # '"$name: $(cat "$tmp/err"; diff "$tmp/xml" "$tmp/pbf")"
  ours=$(our_counts "$pbf"); theirs=$(osmium_counts "$pbf")
  check '[ "$ours" = "$theirs" ] # '"$name: ours $ours, osmium $theirs"
  echo "$name: nodes ways relations $ours (osmium $theirs)"
  rm -f "$pbf"
  n=$((n + 1))
done
check '[ $n -ge 1 ]'
finish
