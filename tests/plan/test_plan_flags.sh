#!/usr/bin/env bash
# test_plan_flags.sh - `schoolrun plan` flags come from the settings
# registry: a flag wins over plan.conf (seen in plan.json's settings echo,
# by flag name, by key name and in --flag=value form), a value out of
# bounds exits 2 naming the bounds (from a flag) or file:line and the bounds
# (from plan.conf, every bad line at once), and --help lists every flag of
# the README's plan settings table.
set -u
exe=${SR_EXE:?}
src=${SR_SOURCE_DIR:?}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/plan_flags.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fails=0
bad() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# a conf in another folder naming the mini district's files
mini=$here/data/mini
conf=$tmp/plan.conf
cat >"$conf" <<EOC
map = $mini/map.osm
sessions = $mini/sessions.csv
riders = $mini/riders.csv
fleet = $mini/fleet.csv
seed = 5
lang = en
arrival_buffer_min = 12
time_limit_s = 10
max_depth = 3
EOC

"$exe" plan "$conf" --out "$tmp/o" -q --seed 7 --arrival_buffer_min=14 --time-limit 9 \
	2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 3 ] || bad "plan exit $rc: $(cat "$tmp/err")"
js=$(head -2 "$tmp/o/plan.json" 2>/dev/null)
for want in '"seed":7,' '"lang":"en",' '"arrival_buffer_min":14,' '"time_limit_s":9,' \
	'"early_window_min":15,' "\"map\":\"$mini/map.osm\"" '"max_depth":3,' '"max_tags":5000,'; do
	grep -qF -- "$want" <<<"$js" || bad "plan.json settings lack $want: $js"
done

# a flag out of bounds: exit 2, the flag and the bounds named
"$exe" plan "$conf" --out "$tmp/o2" --max-ride-min 0 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] || bad "--max-ride-min 0: exit $rc"
grep -qF -- "--max-ride-min" "$tmp/err" && grep -qF "from 1 to 1440 min" "$tmp/err" ||
	bad "--max-ride-min 0: $(cat "$tmp/err")"
[ ! -e "$tmp/o2" ] || bad "--max-ride-min 0 wrote outputs"
"$exe" plan "$conf" --out "$tmp/o2" --speed-cap-kmh 250 2>"$tmp/err"
[ $? -eq 2 ] && grep -qF "from 1 to 200 km/h" "$tmp/err" || bad "--speed-cap-kmh 250: $(cat "$tmp/err")"
"$exe" plan "$conf" --out "$tmp/o2" --lang de 2>"$tmp/err"
[ $? -eq 2 ] && grep -qF "'ru' or 'en'" "$tmp/err" || bad "--lang de: $(cat "$tmp/err")"

# the map reader's limits are settings too: a map past one is refused naming
# the map, the limit, the flag and the plan.conf key (the line of the
# element); from a flag and from plan.conf alike
"$exe" plan "$conf" --out "$tmp/o4" --max-way-nodes 2 2>"$tmp/err"
[ $? -eq 2 ] && grep -qF "$mini/map.osm:66: a way with more than 2 nodes (the limit max_way_nodes; raise it with --max-way-nodes N or max_way_nodes = N in plan.conf)" "$tmp/err" ||
	bad "--max-way-nodes 2: $(cat "$tmp/err")"
cp "$conf" "$tmp/lim.conf" && echo 'max_tags = 2' >>"$tmp/lim.conf"
"$exe" plan "$tmp/lim.conf" --out "$tmp/o4" 2>"$tmp/err"
[ $? -eq 2 ] && grep -qF "$mini/map.osm:17: an element with more than 2 tags (the limit max_tags; raise it with --max-tags N or max_tags = N in plan.conf)" "$tmp/err" ||
	bad "max_tags = 2: $(cat "$tmp/err")"
"$exe" plan "$tmp/lim.conf" --out "$tmp/o4" -q --max-tags 3 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 3 ] || bad "max_tags = 2, --max-tags 3: exit $rc: $(cat "$tmp/err")"
echo 'max_attrs = 1025' >>"$tmp/lim.conf"
"$exe" plan "$tmp/lim.conf" --out "$tmp/o4" 2>"$tmp/err"
[ $? -eq 2 ] && grep -qF "max_attrs must be a whole number from 3 to 1024 attributes" "$tmp/err" ||
	bad "max_attrs = 1025: $(cat "$tmp/err")"

# plan.conf out of bounds: file:line and the bounds, every bad line
printf 'seed = 1\nlate_window_min = 601\ndwell_base_s = -1\n' >>"$conf"
"$exe" plan "$conf" --out "$tmp/o3" 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] || bad "bad plan.conf: exit $rc"
grep -qF "plan.conf:11:" "$tmp/err" && grep -qF "from 0 to 600 min" "$tmp/err" &&
	grep -qF "line 12: dwell_base_s must be a number from 0 to 3600 s" "$tmp/err" ||
	bad "bad plan.conf: $(cat "$tmp/err")"

# --help names every flag of the README's settings table
help=$("$exe" plan --help)
n=0
while IFS= read -r flag; do
	n=$((n + 1))
	grep -qF -- "  $flag " <<<"$help" || bad "--help lacks $flag"
done < <(sed -n '/^| key | flag | default | unit | meaning |$/,/^$/p' "$src/README.md" |
	grep -o '^| `[a-z_]*` | `--[a-z-]*`' | grep -o -- '--[a-z-]*')
[ $n -ge 17 ] || bad "found $n flags in the README's table"

if [ $fails -gt 0 ]; then echo "$fails failed"; exit 1; fi
echo "all passed"
