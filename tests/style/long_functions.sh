#!/usr/bin/env bash
# No function in src/ or maps/ is longer than 100 lines (../shared/STYLE.md:
# a long function is cut at its step comments into named static helpers).
# Length is Universal Ctags' end line - start line + 1, as issue 13 measured
# it. The functions in long_functions.txt (`path function` a line) are still
# allowed to be long until they are split; a listed function that is no
# longer long is an error too, so that the list only shrinks and never goes
# stale. Skips (exit 77) without Universal Ctags (Debian package
# universal-ctags).
#
#   long_functions.sh               check the tree against long_functions.txt
#   long_functions.sh --self-test   check the check on a made-up tree
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=${SR_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
MAX=100

if ! command -v ctags >/dev/null || ! ctags --version 2>/dev/null | grep -q 'Universal Ctags'; then
	echo "skip: Universal Ctags not found (install the Debian package universal-ctags)"
	exit 77
fi

# check ROOT LIST: prints every problem, exits 1 when there is one
check() {
	local dir=$1 list=$2 files long allowed
	cd "$dir" || return 1
	if [ -e .git ] && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		mapfile -t files < <(git ls-files -co --exclude-standard 'src/*.[ch]' 'maps/*.[ch]')
	else
		mapfile -t files < <(find src maps -name '*.[ch]' 2>/dev/null | sort)
	fi
	[ ${#files[@]} -gt 0 ] || { echo "no C files under $dir/src or $dir/maps"; return 1; }
	# "path function length" of every function longer than MAX
	long=$(ctags --sort=no --excmd=number --fields=+ne --c-kinds=f -o - "${files[@]}" |
		awk -F'\t' -v max=$MAX '{
			l = e = ""
			for (i = 4; i <= NF; i++) {
				if ($i ~ /^line:/) l = substr($i, 6)
				if ($i ~ /^end:/) e = substr($i, 5)
			}
			if (l == "" || e == "") { print "NOEND " $2 " " $1; next }
			if (e - l + 1 > max) print $2, $1, e - l + 1
		}' | sort)
	if printf '%s\n' "$long" | grep -q '^NOEND'; then
		echo "ctags gave no end line for:"
		printf '%s\n' "$long" | grep '^NOEND'
		return 1
	fi
	allowed=$(sed -e 's/#.*//' -e 's/[[:space:]]\+/ /g' -e 's/^ //' -e 's/ $//' "$list" | grep -v '^$' | sort)
	local bad=0 path name n
	while read -r path name n; do
		[ -n "$path" ] || continue
		if ! printf '%s\n' "$allowed" | grep -qxF "$path $name"; then
			echo "$path: $name is $n lines (at most $MAX): cut it at its step comments into named static helpers"
			bad=1
		fi
	done <<<"$long"
	while read -r path name; do
		[ -n "$path" ] || continue
		if ! printf '%s\n' "$long" | awk -v p="$path" -v f="$name" '$1 == p && $2 == f { y = 1 } END { exit !y }'; then
			echo "$(basename "$list"): '$path $name' is no longer over $MAX lines (or gone): remove the line"
			bad=1
		fi
	done <<<"$allowed"
	echo "${#files[@]} files checked; $(printf '%s' "$long" | grep -c .) functions over $MAX lines, $(printf '%s' "$allowed" | grep -c .) allowed by $(basename "$list")"
	return $bad
}

# a C function of n lines from its name's line to its closing brace
cfunc() {
	echo "int $1(int x)"
	echo "{"
	for ((i = 0; i < $2 - 4; i++)); do echo "	x += $i;"; done
	echo "	return x;"
	echo "}"
}

if [ "${1:-}" = --self-test ]; then
	t=$(mktemp -d)
	trap 'rm -rf "$t"' EXIT
	mkdir -p "$t/src/a" "$t/maps"
	{ cfunc just_fits $MAX; echo; cfunc one_over $((MAX + 1)); } >"$t/src/a/x.c"
	cfunc small 5 >"$t/maps/g.c"
	fails=0
	expect() { # expect 0|1 WHAT: runs check on the list in $t/list
		local got=0
		(check "$t" "$t/list") >"$t/out" 2>&1 || got=1
		if [ "$got" != "$1" ]; then
			echo "self-test FAILED ($2): exit $got, wanted $1"
			cat "$t/out"
			fails=1
		else
			echo "ok: $2"
		fi
	}
	: >"$t/list"
	expect 1 "a 101-line function that is not listed fails"
	grep -q 'src/a/x.c: one_over is 101 lines' "$t/out" || { echo "self-test FAILED: message"; cat "$t/out"; fails=1; }
	printf '# comment\nsrc/a/x.c one_over\n' >"$t/list"
	expect 0 "a listed 101-line function passes; a 100-line one is not long"
	printf 'src/a/x.c one_over\nsrc/a/x.c just_fits\n' >"$t/list"
	expect 1 "a listed function of 100 lines is stale and fails"
	printf 'src/a/x.c one_over\nmaps/g.c gone\n' >"$t/list"
	expect 1 "a listed function that no longer exists fails"
	exit $fails
fi

check "$root" "$here/long_functions.txt"
