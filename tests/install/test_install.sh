#!/usr/bin/env bash
# test_install.sh BUILD_DIR - installs the build into a temporary prefix
# with `cmake --install`, then: the installed `schoolrun` runs and plans
# examples/tiny; a C program that includes <schoolrun/schoolrun.h> builds
# with `pkg-config --static --cflags --libs schoolrun` from the installed
# .pc file and calls the library (sr_parse_long, vrp_opts_init); the
# installed message catalogue gives Russian errors under LANGUAGE=ru.
set -u
build=$1
src=${SR_SOURCE_DIR:?}
tmp=$(mktemp -d /tmp/install.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/log" 2>&1 || { echo "FAIL: cmake --install"; cat "$tmp/log"; exit 1; }
exe=$tmp/prefix/bin/schoolrun
[ -x "$exe" ] || { echo "FAIL: no bin/schoolrun"; exit 1; }
"$exe" --version >/dev/null 2>&1 || "$exe" --help >/dev/null 2>&1 || { echo "FAIL: installed binary does not run"; fail=1; }
"$exe" plan "$src/examples/tiny" --out "$tmp/out" -q >/dev/null 2>&1
rc=$?
{ [ $rc -eq 0 ] || [ $rc -eq 3 ]; } && [ -s "$tmp/out/timetable.csv" ] || { echo "FAIL: installed binary plan exit $rc"; fail=1; }
# the message catalogue is installed and the installed binary finds it
# (relative to bin/, util/i18n.c): Russian errors under LANGUAGE=ru
mo=$(find "$tmp/prefix" -path '*/locale/ru/LC_MESSAGES/schoolrun.mo' | head -1)
[ -n "$mo" ] || { echo "FAIL: no share/locale/ru/LC_MESSAGES/schoolrun.mo installed"; fail=1; }
(cd "$tmp" && env -u LANG -u LC_MESSAGES LC_ALL=C.UTF-8 LANGUAGE=ru "$exe" plan "$tmp/none" --out "$tmp/o2" >/dev/null 2>"$tmp/ru.err")
grep -qF "не удаётся открыть" "$tmp/ru.err" || { echo "FAIL: the installed binary's errors are not in Russian under LANGUAGE=ru:"; cat "$tmp/ru.err"; fail=1; }
pc=$(find "$tmp/prefix" -name schoolrun.pc | head -1)
[ -n "$pc" ] || { echo "FAIL: no schoolrun.pc installed"; exit 1; }
if command -v pkg-config >/dev/null; then
	cat >"$tmp/use.c" <<'C'
#include <stdio.h>
#include <schoolrun/schoolrun.h>
int main(void)
{
	long v = 0;
	vrp_opts_t o;
	vrp_opts_init(&o);
	if (sr_parse_long("42", &v) != 0 || v != 42 || o.seed != 1)
		return 1;
	puts("ok");
	return 0;
}
C
	flags=$(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --static --cflags --libs schoolrun) ||
		{ echo "FAIL: pkg-config schoolrun"; exit 1; }
	case $flags in *"$tmp/prefix"*) ;; *) echo "FAIL: pkg-config flags do not point into the prefix: $flags"; fail=1 ;; esac
	# a sanitizer build's library needs the sanitizer runtime too
	san=
	grep -q '^SR_SANITIZE:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null && san=-fsanitize=address,undefined
	if cc $san "$tmp/use.c" -o "$tmp/use" $flags 2>"$tmp/cc.log"; then
		[ "$("$tmp/use")" = ok ] || { echo "FAIL: the program linked against the library failed"; fail=1; }
	else
		echo "FAIL: building against the installed library:"; cat "$tmp/cc.log"; fail=1
	fi
else
	echo "note: pkg-config absent, the .pc file is not tried"
fi
[ $fail -eq 0 ] && echo "installed: bin, lib, include and pkg-config work"
exit $fail
