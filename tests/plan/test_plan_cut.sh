#!/usr/bin/env bash
# test_plan_cut.sh - a plan whose chainings are cut short (issue 10: under
# load the clock cut them and runs were left "busy" while buses stood
# idle). The test hook SR_TEST_CUT_CHAIN cuts every chaining after one
# branch-and-bound node and one round of the drivers' cuts and counts it as
# cut by the clock, deterministically. On the bundled district the cut plan
# must still serve every child the full plan serves (a bus standing idle
# takes what it can do alone: chain_cover_idle), pass the independent
# checker, say that the time limit cut it (time_limit_cut), and give no
# child the reason "every bus that could do this run is busy" on a day
# with a bus of the fleet unused.
set -u
exe=${SR_EXE:?}
src=${SR_SOURCE_DIR:?}
checker=$1
tmp=$(mktemp -d /tmp/test_plan_cut.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
ex=$src/examples/district
"$exe" plan "$ex" --out "$tmp/full" -q --lang en 2>/dev/null
rc=0
SR_TEST_CUT_CHAIN=1 "$exe" plan "$ex" --out "$tmp/cut" -q --lang en 2>"$tmp/cut.err" || rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then
	echo "FAIL the cut plan exits $rc"; cat "$tmp/cut.err"; exit 1
fi
if "$checker" "$ex" "$tmp/cut" >"$tmp/check" 2>&1; then
	echo "ok the cut plan passes the checker"
else
	echo "FAIL checker on the cut plan"; tail -5 "$tmp/check"; fail=1
fi
if python3 - "$tmp/full/plan.json" "$tmp/cut/plan.json" <<'PY'; then
import json, sys
full, cut = (json.load(open(f, encoding="utf-8")) for f in sys.argv[1:3])
codes = [w["code"] for w in cut["warnings"]]
assert "time_limit_cut" in codes, "the hook's cut is not reported: %s" % codes
assert cut["unserved_children"] <= full["unserved_children"], \
    "cut plan leaves %d children, the full one %d: %s" % (
        cut["unserved_children"], full["unserved_children"], cut["unserved"])
fleet = len(cut["buses"])
days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
for u in cut["unserved"]:
    if "is busy then" not in u["reason"]:
        continue
    for d in (u["days"] or "").split(","):
        used = cut["week"]["buses_per_day"][days.index(d)]
        assert used == fleet, "%s: 'busy' on %s with %d of %d buses used" % (u, d, used, fleet)
print("ok the cut plan serves every child the full one serves and says it was cut")
PY
	:
else
	fail=1
fi
exit $fail
