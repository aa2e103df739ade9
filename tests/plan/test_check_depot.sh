#!/usr/bin/env bash
# test_check_depot.sh CHECKER - the checker times a depot's legs from where
# plan.json says its buses park. A generated region (gen_district --seed 7,
# 100 villages, 8 destinations, 20 buses) has depots drawn as areas whose
# nearest road point the checker, measuring to the outline's corners, put
# some 30 m from the planner's, so every depot leg differed by a second or
# two and the longest driving by 11 s, over the checker's 2 s tolerance:
# the checker rejected a plan that keeps every rule. Now it must accept the
# plan, and still reject one whose depot point is moved off the road.
set -u
checker=$1
exe=${SR_EXE:?}
gen=${SR_BINARY_DIR:?}/maps/gen_district
tmp=$(mktemp -d /tmp/test_check_depot.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
[ -x "$gen" ] || { echo "FAIL: $gen not built"; exit 1; }
"$gen" --seed 7 --out "$tmp/region.osm" --villages 100 --destinations 8 \
	--example-dir "$tmp/region" --example-map "$tmp/region.osm" --buses 20 >/dev/null ||
	{ echo "FAIL: gen_district"; exit 1; }
"$exe" plan "$tmp/region" --out "$tmp/out" --lang en -q || { echo "FAIL: plan exit $?"; exit 1; }
"$checker" "$tmp/region" "$tmp/out" >"$tmp/check" 2>&1 || { echo "FAIL: the checker rejects the plan"; cat "$tmp/check"; fail=1; }
# the same plan with a depot's parking point 300 m off its road
python3 - "$tmp/out/plan.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
for pt in p["points"]:
    if pt["kind"] == "depot":
        pt["stop_lat"] += 0.0027
        break
json.dump(p, open(sys.argv[1], "w", encoding="utf-8"), ensure_ascii=False)
PY
if "$checker" "$tmp/region" "$tmp/out" >/dev/null 2>&1; then
	echo "FAIL: the checker accepts a depot parked off the road"; fail=1
fi
[ $fail -eq 0 ] && echo "ok the checker times depot legs from where the buses park"
exit $fail
