#!/usr/bin/env bash
# test_i18n_catalogue.sh XGETTEXT_ARGS... - src/po/ru.po compiles with
# `msgfmt --check` (the format specifiers of each translation agree with its
# msgid, plural forms included) and translates every message that xgettext
# extracts from src/ with the build's keywords: none missing, none empty,
# none fuzzy (msgcmp counts untranslated and fuzzy entries as missing). A
# new English message marked with _() and no translation fails here. Also:
# no entry of ru.po is left over from a message the sources no longer have.
set -u
src=${SR_SOURCE_DIR:?}
po=$src/src/po/ru.po
command -v xgettext >/dev/null && command -v msgcmp >/dev/null ||
	{ echo "skip: gettext tools (Debian package gettext) missing"; exit 77; }
tmp=$(mktemp -d /tmp/test_i18n_catalogue.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
msgfmt --check --statistics -o "$tmp/ru.mo" "$po" 2>"$tmp/msgfmt.log" ||
	{ echo "FAIL: msgfmt --check $po:"; cat "$tmp/msgfmt.log"; fail=1; }
cat "$tmp/msgfmt.log"
grep -q 'untranslated\|fuzzy' "$tmp/msgfmt.log" && { echo "FAIL: untranslated or fuzzy entries in ru.po"; fail=1; }
cd "$src" || exit 1
find src -name '*.c' | LC_ALL=C sort >"$tmp/files"
[ -s "$tmp/files" ] || { echo "FAIL: no sources under $src/src"; exit 1; }
xgettext "$@" -f "$tmp/files" -o "$tmp/schoolrun.pot" 2>"$tmp/xgettext.log" ||
	{ echo "FAIL: xgettext:"; cat "$tmp/xgettext.log"; exit 1; }
n=$(grep -c '^msgid ' "$tmp/schoolrun.pot")
[ "$n" -gt 100 ] || { echo "FAIL: xgettext extracted only $n messages"; fail=1; }
if ! msgcmp "$po" "$tmp/schoolrun.pot" 2>"$tmp/msgcmp.log"; then
	echo "FAIL: messages of the sources without a Russian translation in src/po/ru.po:"
	cat "$tmp/msgcmp.log"
	fail=1
fi
# the other way: every translated msgid is still in the sources
if ! msgcmp --use-untranslated "$tmp/schoolrun.pot" "$po" 2>"$tmp/stale.log"; then
	echo "FAIL: entries of src/po/ru.po the sources no longer have (msgmerge drops them):"
	cat "$tmp/stale.log"
	fail=1
fi
[ $fail -eq 0 ] && echo "ru.po: all $((n - 1)) extracted messages translated"
exit $fail
