#!/usr/bin/env bash
# test_osm_compressed.sh - compressed XML maps: bzip2 and gzip read the same
# as plain, whatever the file is called (magic bytes decide); several gzip
# members or bzip2 streams one after another are read whole; a stream that
# ends early (half, or only its trailer missing), fails its CRC, is corrupt
# or has garbage after it is an error (exit 2, the file named), never a
# shorter map. The damaged gzip files are made as ../shared/repro/
# gen_gzip_inputs.py makes them (without its multi-gigabyte bombs).
. "$(dirname "$0")/formats_lib.sh"
command -v python3 >/dev/null || { echo "SKIP: needs python3"; exit 77; }

src=$fx/areas.osm
counts "$src" >"$tmp/plain"
check '[ -s "$tmp/plain" ]'

python3 - "$src" "$tmp" <<'PY'
import bz2, gzip, sys
src, out = sys.argv[1], sys.argv[2]
data = open(src, 'rb').read()
half = len(data) // 2
def w(name, b): open(f"{out}/{name}", 'wb').write(b)
gz, bz = gzip.compress(data, 9), bz2.compress(data, 9)
w('m.osm.gz', gz)
w('m.osm.bz2', bz)
w('gz_named.osm', gz)                       # names do not decide
w('bz_named.osm.gz', bz)
w('multi.osm.gz', gzip.compress(data[:half]) + gzip.compress(data[half:]))
w('multi.osm.bz2', bz2.compress(data[:half]) + bz2.compress(data[half:]))
w('gz_half.osm.gz', gz[:len(gz) // 2])
w('gz_trailer.osm.gz', gz[:-4])             # ISIZE missing
w('gz_crc.osm.gz', gz[:-6] + bytes([gz[-6] ^ 0xFF]) + gz[-5:])
w('gz_garbage.osm.gz', gz + b'GARBAGE-NOT-GZIP' * 10)
w('gz_header.osm.gz', gz[:10])
w('gz_second_cut.osm.gz', gzip.compress(data[:half]) + gzip.compress(data[half:])[:-3])
w('bz_half.osm.bz2', bz[:len(bz) // 2])
w('bz_tail.osm.bz2', bz[:-2])               # end-of-stream marker cut
b = bytearray(bz); b[len(b) // 2] ^= 0x55   # block data, CRC-checked
w('bz_corrupt.osm.bz2', bytes(b))
w('bz_garbage.osm.bz2', bz + b'\0' * 64)
PY

for f in m.osm.gz m.osm.bz2 gz_named.osm bz_named.osm.gz multi.osm.gz multi.osm.bz2; do
  counts "$tmp/$f" >"$tmp/got" 2>"$tmp/err"
  check 'cmp -s "$tmp/plain" "$tmp/got" # '"$f"
done
# the same from stdin
counts - <"$tmp/m.osm.bz2" >"$tmp/got"
check 'cmp -s "$tmp/plain" "$tmp/got" # bz2 stdin'

for f in gz_half.osm.gz gz_trailer.osm.gz gz_crc.osm.gz gz_garbage.osm.gz gz_header.osm.gz \
         gz_second_cut.osm.gz bz_half.osm.bz2 bz_tail.osm.bz2 bz_corrupt.osm.bz2 bz_garbage.osm.bz2; do
  out=$("$exe" inspect "$tmp/$f" --json 2>"$tmp/err"); rc=$?
  check '[ $rc -eq 2 ] && [ -z "$out" ] # '"$f"
  check 'grep -q "$f: .*\(gzip\|bzip2\) data error" "$tmp/err" # '"$f: $(cat "$tmp/err")"
done
# the message says what is wrong
"$exe" inspect "$tmp/gz_trailer.osm.gz" 2>"$tmp/err" >/dev/null
check 'grep -q "ends early" "$tmp/err"'
"$exe" inspect "$tmp/gz_crc.osm.gz" 2>"$tmp/err" >/dev/null
check 'grep -qi "check\|crc" "$tmp/err"'

# the shared repro: a gzip stream cut in its trailer was once accepted
if [ -n "$shared" ] && [ -f "$shared/repro/osm_gzip_truncated_trailer_accepted.osm.gz" ]; then
  "$exe" inspect "$shared/repro/osm_gzip_truncated_trailer_accepted.osm.gz" >/dev/null 2>"$tmp/err"; rc=$?
  check '[ $rc -eq 2 ] && grep -q "ends early" "$tmp/err"'
else
  echo "note: ../shared/repro absent, its truncated gzip not tried"
fi

# neither XML nor PBF
printf 'hello, world\n' >"$tmp/text.osm"
"$exe" inspect "$tmp/text.osm" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "not an OSM map" "$tmp/err"'
finish
