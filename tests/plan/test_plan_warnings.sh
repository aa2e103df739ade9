#!/usr/bin/env bash
# test_plan_warnings.sh - what planning did otherwise than asked is in the
# outputs, not only on stderr (plan_warn): plan.json "warnings" (code,
# English message, days, message in the plan's language) and summary.txt
# in Russian and English. Two cases made deterministically: a bus whose
# depot lies 1.5 km beyond the map's roads (depot_off_network: the bus is
# not used), and the first chaining failing (chain_failed: the test hook
# SR_TEST_FAIL_CHAIN; the list scheduling still serves everyone). A plan
# without either has an empty list and no warnings block. Where the stops
# of tests/plan/data/realnames went (stop_moved, stop_too_far). (time_limit_cut
# is recorded the same way but cannot be made to happen on purpose: the
# plan's work is counted, the clock only a safety net.)
set -u
exe=${SR_EXE:?}
src=${SR_SOURCE_DIR:?}
tmp=$(mktemp -d /tmp/test_plan_warnings.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
cd "$tmp" || exit 1
# the two-part term (tests/plan/data/twoparts) on two buses
printf 'include = %s\nfleet = fleet.csv\n' "$src/tests/plan/data/twoparts/plan.conf" >plan.conf
printf 'bus,depot,seats\nПАЗ-01,Автопарк «Райавто»,22\nПАЗ-02,Автопарк «Райавто»,22\n' >fleet.csv
"$exe" plan . --out clean -q 2>/dev/null
printf 'bus,depot,seats\nПАЗ-01,Автопарк «Райавто»,22\nПАЗ-02,Автопарк «Райавто»,22\nПАЗ-09,55.7150 37.2000,22\n' >fleet.csv
"$exe" plan . --out off 2>off.err
"$exe" plan . --out off.en -q --lang en 2>/dev/null
printf 'bus,depot,seats\nПАЗ-01,Автопарк «Райавто»,22\nПАЗ-02,Автопарк «Райавто»,22\n' >fleet.csv
rc=0
SR_TEST_FAIL_CHAIN=1 "$exe" plan . --out cut -q 2>cut.err || rc=$?

# CODE FILE WORD: plan.json lists a warning CODE whose message has WORD
has_warning() {
	python3 - "$@" <<'PY'
import json, sys
code, path, word = sys.argv[1:4]
p = json.load(open(path, encoding="utf-8"))
ws = [w for w in p["warnings"] if w["code"] == code]
assert ws, "no %s in %s: %s" % (code, path, p["warnings"])
w = ws[0]
assert word in w["message"] and word in w["message_text"], w
assert set(w) == {"code", "message", "days", "message_text"}, w
PY
}
if has_warning depot_off_network off/plan.json "ПАЗ-09" &&
	grep -q "автобус ПАЗ-09: его гараж не на основной дорожной сети; автобус не используется \[depot_off_network\]" off/summary.txt &&
	grep -q "bus ПАЗ-09: its depot is not on the main road network; the bus is not used \[depot_off_network\]" off.en/summary.txt &&
	grep -q "ПАЗ-09" off.err; then
	echo "ok depot_off_network in plan.json, summary.txt (ru, en) and on stderr"
else
	echo "FAIL depot_off_network"; cat off.err; tail -5 off/summary.txt; fail=1
fi
if [ $rc -eq 0 ] && has_warning chain_failed cut/plan.json "SR_TEST_FAIL_CHAIN" &&
	python3 -c 'import json,sys; assert sorted(w["days"] for w in json.load(open(sys.argv[1]))["warnings"]) == ["Mon,Wed,Fri", "Tue,Thu"]' cut/plan.json &&
	grep -q "Вт, Чт: расчёт смен автобусов не удался (SR_TEST_FAIL_CHAIN is set); смены составлены по порядку рейсов.*\[chain_failed\]" cut/summary.txt; then
	echo "ok chain_failed in plan.json and summary.txt, everyone served by the list scheduling"
else
	echo "FAIL chain_failed (exit $rc)"; cat cut.err; tail -5 cut/summary.txt; fail=1
fi
# where stops went (tests/plan/data/realnames): a village beside a motorway
# gets the road it may stop on, a hamlet with only the motorway near is
# unserved
"$exe" plan "$src/tests/plan/data/realnames" --out rn -q 2>/dev/null
if has_warning stop_moved rn/plan.json "Липки" && has_warning stop_too_far rn/plan.json "Заречье" &&
	grep -q "Липки: ближайшая дорога (motorway, 25 м) не для остановки автобуса; остановка на дороге (unclassified) в 166 м \[stop_moved\]" rn/summary.txt; then
	echo "ok stop_moved and stop_too_far in plan.json and summary.txt"
else
	echo "FAIL stop warnings"; tail -5 rn/summary.txt; fail=1
fi
if python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["warnings"] == []' clean/plan.json &&
	! grep -q "предупреждения расчёта" clean/summary.txt; then
	echo "ok a plan without warnings has none"
else
	echo "FAIL the clean plan has warnings"; fail=1
fi
exit $fail
