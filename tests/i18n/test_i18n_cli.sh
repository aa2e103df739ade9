#!/usr/bin/env bash
# test_i18n_cli.sh - what the command line says beyond plan's input errors
# follows the locale too (src/util/i18n.c; the first test checks those):
#   - every `--help` (schoolrun's own and its eight commands') is Russian
#     under LC_ALL=C.UTF-8 LANGUAGE=ru (and plan's under LANG=ru_RU.UTF-8,
#     not installed) and English under LANG=C, with lines written out here;
#     every Russian line fits 80 columns (79 characters at most), and plan's
#     settings wrap by characters, not bytes (a Cyrillic letter is two
#     bytes): some of its lines run past 79 bytes within 79 columns;
#   - a lock not kept: its reason on stderr in the terminal's language,
#     plan.json's English, summary.txt's in the plan's `lang`; a mistyped
#     locks.csv;
#   - the OSM reader's map limits, a batch job whose plan process leaves no
#     run record, vrp's CVRPLIB reader and sbrp's command line.
# The expected lines are written out here, not taken from the catalogue.
set -u
exe=${SR_EXE:?}
src=${SR_SOURCE_DIR:?}
tmp=$(mktemp -d /tmp/test_i18n_cli.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
cd "$tmp" || exit 1
command -v python3 >/dev/null || { echo "skip: python3 missing (counts columns)"; exit 77; }
ru() { env -u LANG -u LANGUAGE -u LC_ALL -u LC_MESSAGES LC_ALL=C.UTF-8 LANGUAGE=ru "$@"; }
en() { env -u LANG -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=C "$@"; }
# NAME FILE LINE: FILE holds LINE exactly
has() {
	grep -qxF -- "$3" "$2" || { echo "FAIL: $1: no line: $3"; echo "--- $2:"; head -40 "$2"; fail=1; }
}
# NAME FILE TEXT: FILE holds TEXT in some line
holds() {
	grep -qF -- "$3" "$2" || { echo "FAIL: $1: no '$3' in $2:"; head -20 "$2"; fail=1; }
}

# --help in both languages
for c in main plan inspect names matrix vrp batch compare sbrp; do
	arg=$c
	[ "$c" = main ] && arg=
	# shellcheck disable=SC2086
	ru "$exe" $arg --help >"help.$c.ru" 2>&1 || { echo "FAIL: $c --help (ru) exit $?"; fail=1; }
	# shellcheck disable=SC2086
	en "$exe" $arg --help >"help.$c.en" 2>&1 || { echo "FAIL: $c --help (en) exit $?"; fail=1; }
	grep -q '^usage: ' "help.$c.en" || { echo "FAIL: $c --help under LANG=C is not English"; fail=1; }
	grep -q '^использование:' "help.$c.ru" || { echo "FAIL: $c --help under LANGUAGE=ru is not Russian"; head -5 "help.$c.ru"; fail=1; }
	# an untranslated help row would read the same in both
	comm -12 <(sort -u "help.$c.en") <(sort -u "help.$c.ru") | grep '[a-z]\{4,\} [a-z]\{4,\} [a-z]\{4,\}' |
		grep -v 'schoolrun \|--filter\|GNU\|LAT LON' >"same.$c"
	[ -s "same.$c" ] && { echo "FAIL: $c --help: English lines under LANGUAGE=ru:"; cat "same.$c"; fail=1; }
done
has help_main help.main.ru "  plan EXAMPLE_DIR --out OUT_DIR   план подвоза и расписания на учебный период"
has help_main help.main.en "  plan EXAMPLE_DIR --out OUT_DIR   build a term's transfer plan and timetables"
has help_plan help.plan.ru "использование: schoolrun plan EXAMPLE_DIR --out OUT_DIR [параметры]"
has help_plan help.plan.ru "  --arrival-buffer-min MIN  дети приезжают не позже, чем за столько до начала"
has help_plan help.plan.ru "                            занятия (по умолчанию: 10 мин)"
has help_plan help.plan.ru "  -q, --quiet               не показывать ход работы на stderr"
has help_plan help.plan.en "usage: schoolrun plan EXAMPLE_DIR --out OUT_DIR [options]"
has help_plan help.plan.en "  --arrival-buffer-min MIN  children arrive at least this long before a session"
has help_plan help.plan.en "                            starts (default: 10 min)"
has help_plan help.plan.en "  -q, --quiet               no progress on stderr"
has help_inspect help.inspect.ru "  --max-way-nodes N         предел: точек в одной линии (по умолчанию: 100000)"
has help_inspect help.inspect.en "  --max-way-nodes N         limit: nodes of one way (default: 100000)"
has help_vrp help.vrp.ru "  --verbose          ход работы на stderr"
has help_sbrp help.sbrp.ru "  --seed N            начальное число случайного поиска (по умолчанию 1)"
has help_batch help.batch.ru "  --jobs N          сколько планов одновременно"
env -u LANG -u LANGUAGE -u LC_ALL LANG=ru_RU.UTF-8 LOCPATH="$tmp/no-locales" "$exe" plan --help >help.plan.ru2 2>&1
cmp -s help.plan.ru help.plan.ru2 || { echo "FAIL: plan --help under LANG=ru_RU.UTF-8 differs from LANGUAGE=ru's"; fail=1; }
python3 - help.*.ru <<'EOF' || fail=1
import sys
bad = 0
for f in sys.argv[1:]:
    for n, line in enumerate(open(f, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if len(line) > 79:
            print(f"FAIL: {f}:{n}: {len(line)} columns: {line}")
            bad = 1
wide = [l for l in open("help.plan.ru", encoding="utf-8")
        if len(l.rstrip("\n").encode()) > 79 and len(l.rstrip("\n")) <= 79 and l.startswith(" " * 28)]
if len(wide) < 10:
    print(f"FAIL: plan --help: only {len(wide)} wrapped lines past 79 bytes: not wrapped by characters")
    bad = 1
sys.exit(bad)
EOF

# a lock not kept, and a mistyped locks.csv (the district example)
dist=$src/examples/district
printf 'session,pickup,bus\nФутбол,Петровка,ПАЗ-02\nВолейбол,Назарово,ГАЗель-07\nВолейбол,Екатериновка,ГАЗель-07\n' >locks.csv
printf 'session,pickup,bus\nФутбол,Петровка,ПАЗ-99\nХоккей,Липки,ПАЗ-01\n' >bad.csv
ru "$exe" plan "$dist" --locks locks.csv --out locks.ru 2>locks.ru.err
en "$exe" plan "$dist" --locks locks.csv --lang en --out locks.en 2>locks.en.err
holds lock_ru locks.ru.err "schoolrun: предупреждение: план: locks.csv:4: закрепление не выполнено: в это время автобус выполняет рейс R"
grep -q 'выполняет рейс R[0-9]* (Волейбол) (рейс R[0-9]*, \(Пн\|Вт\|Ср\|Чт\|Пт\|Сб\|Вс\)' locks.ru.err || { echo "FAIL: lock_ru: the days are not in Russian"; cat locks.ru.err; fail=1; }
holds lock_en locks.en.err "schoolrun: warning: plan: locks.csv:4: lock not kept: at that time the bus does run R"
holds lock_json locks.ru/plan.json '"reason":"at that time the bus does run R'
holds lock_summary_ru locks.ru/summary.txt "— не соблюдено: в это время автобус выполняет рейс R"
holds lock_summary_en locks.en/summary.txt "not kept: at that time the bus does run R"
ru "$exe" plan "$dist" --locks bad.csv --out bad.ru -q 2>bad.ru.err
en "$exe" plan "$dist" --locks bad.csv --out bad.en -q 2>bad.en.err
has bad_locks_ru bad.ru.err "schoolrun: bad.csv:2:3: неизвестный автобус 'ПАЗ-99' (его нет в $dist/fleet.csv) (и ещё 1 ниже)"
has bad_locks_ru bad.ru.err "  bad.csv:3:1: неизвестное занятие 'Хоккей' (его нет в $dist/sessions.csv)"
has bad_locks_en bad.en.err "schoolrun: bad.csv:2:3: unknown bus 'ПАЗ-99' (not in $dist/fleet.csv) (and 1 more below)"

# the map's limits
ru "$exe" inspect "$src/maps/tiny.osm" --max-way-nodes 2 >/dev/null 2>limit.ru.err
en "$exe" inspect "$src/maps/tiny.osm" --max-way-nodes 2 >/dev/null 2>limit.en.err
holds limit_ru limit.ru.err "в линии больше 2 точек (предел max_way_nodes; увеличьте его: --max-way-nodes N или max_way_nodes = N в plan.conf)"
holds limit_en limit.en.err "a way with more than 2 nodes (the limit max_way_nodes; raise it with --max-way-nodes N or max_way_nodes = N in plan.conf)"

# a batch job whose plan cannot write its run record (a folder in its place)
for l in ru en; do
	mkdir -p "batch.$l/runs/tiny.csv/x"
	$l "$exe" batch "$src/examples/tiny" --out "batch.$l" --jobs 1 >/dev/null 2>"batch.$l.err"
done
holds batch_ru batch.ru.err "schoolrun batch: [1/1] tiny: код выхода 1, "
holds batch_ru batch.ru.err ": процесс планирования завершился с кодом 0, не записав итог запуска; см. "
holds batch_en batch.en.err ": the plan process ended with status 0 without a run record; see "

# vrp and sbrp
ru "$exe" vrp "$src/tests/vrp/data/bad_dimension.vrp" >/dev/null 2>vrp.ru.err
en "$exe" vrp "$src/tests/vrp/data/bad_dimension.vrp" >/dev/null 2>vrp.en.err
has vrp_ru vrp.ru.err "schoolrun: $src/tests/vrp/data/bad_dimension.vrp:10: в NODE_COORD_SECTION (строка 6) вершин 3, а DIMENSION — 4"
has vrp_en vrp.en.err "schoolrun: $src/tests/vrp/data/bad_dimension.vrp:10: NODE_COORD_SECTION (line 6) has 3 nodes but DIMENSION is 4"
ru "$exe" sbrp "$tmp" 2>sbrp.ru.err
has sbrp_ru sbrp.ru.err "schoolrun sbrp: нужен --max-ride SECONDS"
[ $fail -eq 0 ] && echo "help, locks, map limits, batch, vrp and sbrp follow the locale"
exit $fail
