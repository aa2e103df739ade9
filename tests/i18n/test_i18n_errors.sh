#!/usr/bin/env bash
# test_i18n_errors.sh - plan's errors and warnings follow the locale
# environment (src/util/i18n.c): input files with several bad cells at once
# (a mistyped place, a bad time, a word for a number, a mistyped session),
# the riders file under a Cyrillic name (дети.csv), each complaint with its
# file:line:column, are said in Russian
#   - under LANG=ru_RU.UTF-8 where that locale is not installed (Debian
#     containers: only C.UTF-8): the fallback to C.UTF-8 with LANGUAGE;
#   - under LANG=ru_RU.UTF-8 with the locale installed (made here with
#     localedef into LOCPATH when the tools and ru_RU's source are there);
#   - under LC_ALL=C.UTF-8 LANGUAGE=ru (gettext's own rule), and with only
#     LANGUAGE=ru set;
# and in English under LANG=C (also with LANGUAGE=ru: an explicit C keeps
# English, as in every gettext program), with LANG unset and under
# LANG=C.UTF-8. A plan.conf with a mistyped setting and a planning warning
# (a depot off the roads; the chaining of a day pattern failing, through the
# test hook SR_TEST_FAIL_CHAIN: plan_warn) the same way, the days named in
# Russian; the warnings stay English in plan.json. The expected lines are written out here, not taken from the
# catalogue.
set -u
exe=${SR_EXE:?}
src=${SR_SOURCE_DIR:?}
tmp=$(mktemp -d /tmp/test_i18n_errors.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
cd "$tmp" || exit 1
# the tiny example with four bad cells in two files, riders under a Cyrillic name
cp "$src"/examples/tiny/sessions.csv "$src"/examples/tiny/fleet.csv .
sed 's/^Куликово,Футбол,4/Куликва,Футбол,4/; s/^Медведево,Футбол,8,/Медведево,Футбол,восемь,/; s/^Назарово,Футбол,/Назарово,Футбл,/' \
	"$src"/examples/tiny/riders.csv >дети.csv
sed -i '2s/16:00/16:70/' sessions.csv
sed "s|^map = .*|map = $src/maps/tiny.osm|; s|^riders = .*|riders = дети.csv|" "$src"/examples/tiny/plan.conf >plan.conf
# a plan.conf with a mistyped setting
sed 's/^max_ride_min = /max_ride = /' plan.conf >typo.conf

# NAME ENV...: runs plan on both confs with only ENV as the locale environment
run() {
	local name=$1
	shift
	env -u LANG -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LC_CTYPE "$@" "$exe" plan . --out "out.$name" -q 2>"$name.err"
	echo $? >"$name.rc"
	env -u LANG -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LC_CTYPE "$@" "$exe" plan typo.conf --out "typo.$name" -q 2>"$name.conf.err"
}
# NAME FILE LINE: FILE holds LINE exactly
has() {
	grep -qxF -- "$3" "$2" || { echo "FAIL: $1: no line: $3"; echo "--- $2:"; cat "$2"; fail=1; }
}
ru_lines() {
	has "$1" "$1.err" "schoolrun: ./sessions.csv:2:4: неверное время '16:70' (пишите ЧЧ:ММ, например 16:00) (и ещё 3 ниже)"
	has "$1" "$1.err" "  ./дети.csv:3:3: число детей (children) — целое, 0 или больше, а не 'восемь'"
	has "$1" "$1.err" "  ./дети.csv:4:2: неизвестное занятие 'Футбл' (его нет в ./sessions.csv; может быть, 'Футбол'?)"
	grep -qF "  ./дети.csv:2:1: 'Куликва': на карте нет места или остановки с таким названием; может быть, Куликово n186 (village, " "$1.err" ||
		{ echo "FAIL: $1: the name lookup is not in Russian"; cat "$1.err"; fail=1; }
	has "$1" "$1.conf.err" "schoolrun: typo.conf:14: неизвестная настройка 'max_ride' (может быть, 'max_ride_min'?)"
	[ "$(cat "$1.rc")" = 2 ] || { echo "FAIL: $1: exit $(cat "$1.rc"), not 2"; fail=1; }
}
en_lines() {
	has "$1" "$1.err" "schoolrun: ./sessions.csv:2:4: bad time '16:70' (write HH:MM, e.g. 16:00) (and 3 more below)"
	has "$1" "$1.err" "  ./дети.csv:3:3: children must be a whole number, 0 or more, not 'восемь'"
	has "$1" "$1.err" "  ./дети.csv:4:2: unknown session 'Футбл' (not in ./sessions.csv; did you mean 'Футбол'?)"
	grep -qF "  ./дети.csv:2:1: 'Куликва': no place or bus stop of this name in the map; did you mean Куликово n186 (village, " "$1.err" ||
		{ echo "FAIL: $1: the name lookup is not in English"; cat "$1.err"; fail=1; }
	has "$1" "$1.conf.err" "schoolrun: typo.conf:14: unknown setting 'max_ride' (did you mean 'max_ride_min'?)"
	[ "$(cat "$1.rc")" = 2 ] || { echo "FAIL: $1: exit $(cat "$1.rc"), not 2"; fail=1; }
}
grep -n '^max_ride' typo.conf | grep -q '^14:' || { echo "FAIL: the fixture moved: max_ride is not on line 14 of typo.conf"; fail=1; }

run ru_fallback LANG=ru_RU.UTF-8 LOCPATH="$tmp/no-locales"
ru_lines ru_fallback
run ru_language LC_ALL=C.UTF-8 LANGUAGE=ru
ru_lines ru_language
run ru_language_only LANGUAGE=ru
ru_lines ru_language_only
run ru_messages LC_MESSAGES=ru_RU.UTF-8 LOCPATH="$tmp/no-locales"
ru_lines ru_messages
run en_c LANG=C
en_lines en_c
run en_c_language LANG=C LANGUAGE=ru
en_lines en_c_language
run en_unset
en_lines en_unset
run en_c_utf8 LANG=C.UTF-8
en_lines en_c_utf8
# the installed ru_RU locale (setlocale succeeds: no fallback)
if command -v localedef >/dev/null && [ -e /usr/share/i18n/locales/ru_RU ] &&
	mkdir -p locales && localedef -i ru_RU -f UTF-8 locales/ru_RU.UTF-8 >/dev/null 2>&1; then
	run ru_installed LANG=ru_RU.UTF-8 LOCPATH="$tmp/locales"
	ru_lines ru_installed
else
	echo "note: no localedef or ru_RU source: the installed-locale case is not tried"
fi

# a planning warning (plan_warn): Russian on the terminal, English in plan.json
printf 'include = %s\nfleet = fleet2.csv\n' "$src/tests/plan/data/twoparts/plan.conf" >warn.conf
printf 'bus,depot,seats\nПАЗ-01,Автопарк «Райавто»,22\nПАЗ-02,Автопарк «Райавто»,22\nПАЗ-09,55.7150 37.2000,22\n' >fleet2.csv
env -u LANG -u LC_ALL LANGUAGE=ru LC_ALL=C.UTF-8 "$exe" plan warn.conf --out warn.ru 2>warn.ru.err
env -u LANGUAGE -u LC_ALL LANG=C "$exe" plan warn.conf --out warn.en 2>warn.en.err
has warn_ru warn.ru.err "schoolrun: предупреждение: план: автобус 'ПАЗ-09': его гараж не на основной дорожной сети; автобус не используется"
has warn_en warn.en.err "schoolrun: warning: plan: bus 'ПАЗ-09': its depot is not on the main road network; the bus is not used"
grep -qF "\"bus 'ПАЗ-09': its depot is not on the main road network; the bus is not used\"" warn.ru/plan.json ||
	{ echo "FAIL: plan.json's warning is not the English message under LANGUAGE=ru"; grep -A3 '"warnings"' warn.ru/plan.json; fail=1; }
# a warning of a day pattern: the days in Russian too (the test hook makes the chaining fail)
SR_TEST_FAIL_CHAIN=1 env -u LANG -u LC_ALL LANGUAGE=ru LC_ALL=C.UTF-8 "$exe" plan warn.conf --out chain.ru 2>chain.ru.err
has chain_ru chain.ru.err "schoolrun: предупреждение: план: дни Пн,Ср,Пт: расчёт смен автобусов не удался (SR_TEST_FAIL_CHAIN is set); смены составлены по порядку рейсов"
grep -qF '"days Mon,Wed,Fri: chaining the runs failed (SR_TEST_FAIL_CHAIN is set); using list scheduling"' chain.ru/plan.json ||
	{ echo "FAIL: plan.json's chain_failed warning is not English under LANGUAGE=ru"; fail=1; }
[ $fail -eq 0 ] && echo "errors and warnings follow the locale (Russian: 5 environments, English: 4)"
exit $fail
