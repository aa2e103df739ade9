#!/usr/bin/env bash
# Every C file of the project (src/, include/, tests/, maps/) is laid out as
# .clang-format says. Formatting depends on clang-format's major version, so
# the check runs with version 14 (Debian 12's `clang-format`) and skips
# (exit 77) when that is not installed. To fix a failure, run from the root:
#   clang-format -i $(git ls-files '*.c' '*.h')
set -u
root=${SR_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
cf=
for c in clang-format-14 clang-format; do
	if command -v "$c" >/dev/null && "$c" --version | grep -q 'version 14\.'; then
		cf=$c
		break
	fi
done
if [ -z "$cf" ]; then
	echo "skip: clang-format 14 not found (install the Debian 12 package clang-format)"
	exit 77
fi
cd "$root" || exit 1
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	mapfile -t files < <(git ls-files -co --exclude-standard '*.c' '*.h')
else
	mapfile -t files < <(find src include tests maps -name '*.[ch]' | sort)
fi
[ ${#files[@]} -gt 50 ] || { echo "found only ${#files[@]} C files under $root"; exit 1; }
out=$("$cf" --dry-run --Werror "${files[@]}" 2>&1)
bad=$(printf '%s\n' "$out" | grep -o '^[^:]*\.[ch]:[0-9]*:[0-9]*: error' | cut -d: -f1 | sort -u)
echo "${#files[@]} files checked with $cf"
if [ -n "$bad" ]; then
	echo "not laid out as .clang-format says:"
	printf '  %s\n' $bad
	printf '%s\n' "$out" | head -40
	exit 1
fi
