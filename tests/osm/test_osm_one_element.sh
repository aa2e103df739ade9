#!/usr/bin/env bash
# test_osm_one_element.sh - 2 MB in one element is read or refused in one
# pass (issue 15, "linear time in the input size"). Work is counted, not
# timed: a file whose element passes a limit is refused at the line where
# the limit is passed (the reader stopped there, not after the element's
# other 90,000 lines), with the limit, its flag and plan.conf key named;
# with the limit raised the same file reads whole and the element's count
# is checked. The only clock is `timeout`, a hang guard. The bound that
# keeps libxml2's pairwise attribute check linear per byte (--max-attrs at
# most 1024) is checked too.
set -u
exe=${SR_EXE:?}
tmp=$(mktemp -d /tmp/one_element.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fails=0 n=0
bad() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
def w(name, text):
    with open(d + '/' + name, 'w') as f:
        f.write(text)
node = '<node id="1" lat="56" lon="38"/>\n<node id="2" lat="56.001" lon="38"/>\n'
# line 3 opens the element; its k-th child is on line 3 + k
w('tags.osm', '<osm>\n<node id="1" lat="56" lon="38">\n' + '<!-- tags -->\n' +
  ''.join('<tag k="k%d" v="x"/>\n' % i for i in range(90000)) + '</node>\n</osm>\n')
w('nds.osm', '<osm>\n' + node + '<way id="1">\n' +
  ''.join('<nd ref="%d"/>\n' % (1 + i % 2) for i in range(150000)) +
  '<tag k="highway" v="residential"/>\n</way>\n</osm>\n')
w('members.osm', '<osm>\n' + node + '<relation id="1">\n' +
  ''.join('<member type="way" ref="%d" role="outer"/>\n' % (i + 1) for i in range(55000)) +
  '</relation>\n</osm>\n')
w('value.osm', '<osm>\n<node id="1" lat="56" lon="38" note="' + 'x' * 2000000 + '"/>\n</osm>\n')
w('text.osm', '<osm>\n<node id="1" lat="56" lon="38">' + 'y' * 2000000 + '</node>\n</osm>\n')
w('deep.osm', '<osm>\n' + '<a>\n' * 500000 + '</osm>\n')
w('attrs.osm', '<osm>\n<node id="1" lat="56" lon="38"\n' +
  ''.join(' a%d="x"\n' % i for i in range(200000)) + '/>\n</osm>\n')
PY
for f in tags nds members value text deep attrs; do
	s=$(stat -c %s "$tmp/$f.osm")
	[ "$s" -ge 2000000 ] || bad "$f.osm is $s bytes, not 2 MB"
done

# run NAME RC PATTERN -- ARGS...: inspect's exit status and a stderr pattern
run() {
	local name=$1 want=$2 pat=$3
	shift 4
	n=$((n + 1))
	timeout 60 "$exe" inspect "$@" >"$tmp/out" 2>"$tmp/err"
	local rc=$?
	[ $rc -eq "$want" ] || { bad "$name: exit $rc, expected $want: $(head -c 300 "$tmp/err")"; return; }
	[ -z "$pat" ] || grep -Eq -- "$pat" "$tmp/err" ||
		bad "$name: stderr lacks /$pat/: $(head -c 300 "$tmp/err")"
}
lim='\(the limit %s; raise it with --%s N or %s = N in plan.conf\)'
msg() { printf "$lim" "$1" "$2" "$1"; }

# refused where the limit is passed: the 5001st tag is on line 3 + 5001
run tags 2 "tags.osm:5004: an element with more than 5000 tags $(msg max_tags max-tags)" -- "$tmp/tags.osm"
run tags_raised 0 '' -- "$tmp/tags.osm" --max-tags 100000
# the 100001st node of the way is on line 4 + 100001 (the reader may be a
# few lines ahead, never at the way's end on line 150005)
run nds 2 "nds.osm:1000[0-9][0-9]: a way with more than 100000 nodes $(msg max_way_nodes max-way-nodes)" -- "$tmp/nds.osm"
run nds_raised 0 '' -- "$tmp/nds.osm" --max-way-nodes 200000 --json
grep -q '"ways":1,' "$tmp/out" && grep -q '"road_edges":299998,' "$tmp/out" ||
	bad "nds_raised: expected 1 way, 299998 road edges (149999 segments, both ways): $(head -c 400 "$tmp/out")"
# no limit on members: read whole
run members 0 '' -- "$tmp/members.osm" --json
grep -q '"relations":1,' "$tmp/out" || bad "members: $(head -c 300 "$tmp/out")"
# one long value or text: read whole (libxml2's own limit is 10 MB)
run value 0 '' -- "$tmp/value.osm"
run text 0 '' -- "$tmp/text.osm"
# depth: refused at the 17th level (line 1 is <osm>, level k on line k)
run deep 2 "deep.osm:17: elements nested more than 16 deep $(msg max_depth max-depth)" -- "$tmp/deep.osm"
run deep_raised 2 "deep.osm:257: elements nested more than 256 deep" -- "$tmp/deep.osm" --max-depth 256
# attributes: refused at the 257th (id, lat, lon on line 2, a_k on 3 + k),
# before libxml2 sees the element; the bound stops at 1024
run attrs 2 "attrs.osm:256: an element with more than 256 attributes $(msg max_attrs max-attrs)" -- "$tmp/attrs.osm"
run attrs_raised 2 "attrs.osm:1024: an element with more than 1024 attributes" -- "$tmp/attrs.osm" --max-attrs 1024
run attrs_bound 2 'max_attrs must be a whole number from 3 to 1024, not .1025.' -- "$tmp/attrs.osm" --max-attrs 1025

if [ $fails -gt 0 ]; then echo "$fails of $n failed"; exit 1; fi
echo "all $n passed"
