#!/usr/bin/env bash
# test_i18n_outputs.sh - a plan's outputs are the same bytes whatever the
# locale environment: the printed pages follow plan.conf's `lang`, numbers
# keep '.', and only LC_MESSAGES and LC_CTYPE follow the environment
# (src/util/i18n.c). The tiny example (lang = ru) and the same with
# --lang en, and the two-part term with planning warnings (a depot off the
# roads, the chaining failing through SR_TEST_FAIL_CHAIN), each planned
# under LANG=C, LANG=ru_RU.UTF-8 (not installed: the C.UTF-8 fallback),
# LC_ALL=C.UTF-8 LANGUAGE=ru and, where localedef can make it, an installed
# ru_RU.UTF-8: every output file (plan.json, CSV, xlsx, GTFS, HTML, GeoJSON,
# summary.txt) compared byte for byte with LANG=C's.
set -u
exe=${SR_EXE:?}
src=${SR_SOURCE_DIR:?}
tmp=$(mktemp -d /tmp/test_i18n_outputs.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
cd "$tmp" || exit 1
printf 'include = %s\nfleet = fleet2.csv\n' "$src/tests/plan/data/twoparts/plan.conf" >warn.conf
printf 'bus,depot,seats\nПАЗ-01,Автопарк «Райавто»,22\nПАЗ-02,Автопарк «Райавто»,22\nПАЗ-09,55.7150 37.2000,22\n' >fleet2.csv
envs=("LANG=C" "LANG=ru_RU.UTF-8 LOCPATH=$tmp/no-locales" "LC_ALL=C.UTF-8 LANGUAGE=ru")
if command -v localedef >/dev/null && [ -e /usr/share/i18n/locales/ru_RU ] &&
	mkdir -p locales && localedef -i ru_RU -f UTF-8 locales/ru_RU.UTF-8 >/dev/null 2>&1; then
	envs+=("LANG=ru_RU.UTF-8 LOCPATH=$tmp/locales")
else
	echo "note: no localedef or ru_RU source: the installed-locale case is not tried"
fi
cases=("tiny:$src/examples/tiny" "tiny_en:$src/examples/tiny --lang en" "warn:warn.conf")
for c in "${cases[@]}"; do
	name=${c%%:*}
	args=${c#*:}
	for i in "${!envs[@]}"; do
		# shellcheck disable=SC2086
		# the warn case: also the chaining hook (a warning with its days)
		hook=
		[ "$name" = warn ] && hook=SR_TEST_FAIL_CHAIN=1
		env -u LANG -u LANGUAGE -u LC_ALL -u LC_MESSAGES ${envs[$i]} $hook "$exe" plan $args --out "$name.$i" -q 2>"$name.$i.err"
		rc=$?
		{ [ $rc -eq 0 ] || [ $rc -eq 3 ]; } || { echo "FAIL: $name under ${envs[$i]}: exit $rc"; cat "$name.$i.err"; fail=1; }
	done
	n=$(find "$name.0" -type f | wc -l)
	[ "$n" -ge 6 ] || { echo "FAIL: $name: only $n output files"; fail=1; }
	for i in "${!envs[@]}"; do
		[ "$i" = 0 ] && continue
		diff -r "$name.0" "$name.$i" >"$name.$i.diff" ||
			{ echo "FAIL: $name: outputs under ${envs[$i]} differ from LANG=C's:"; head -20 "$name.$i.diff"; fail=1; }
	done
done
# the pages follow `lang`, not the locale: --lang en gives other pages
cmp -s tiny.1/summary.txt tiny_en.1/summary.txt &&
	{ echo "FAIL: summary.txt is the same with lang = ru and --lang en"; fail=1; }
[ $fail -eq 0 ] && echo "outputs identical under ${#envs[@]} locale environments for ${#cases[@]} plans"
exit $fail
