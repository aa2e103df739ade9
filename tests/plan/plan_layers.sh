#!/usr/bin/env bash
# plan_layers.sh OBJDIR - the files of src/plan depend on each other one
# way (sessions -> runs -> duties, nothing calling back up): lists, for each
# file, the plan headers it includes and the functions it calls that another
# plan file defines (from the compiled objects in OBJDIR, with nm), then
# fails when that graph has a cycle (tsort, coreutils). A header counts as
# its .c file (ctx.h as ctx.c); a header without one as itself.
set -u
objdir=$1
src=${SR_SOURCE_DIR:?}/src/plan
cd "$src" || exit 1
[ -d "$objdir" ] || { echo "no objects in $objdir (build first)"; exit 1; }
owner() { # plan header or source file -> the node it counts as
	local f=${1%.h}
	[ -f "$f.c" ] && echo "$f.c" || echo "$1"
}
edges=$(mktemp)
trap 'rm -f "$edges"' EXIT
for f in *.c *.h; do
	from=$(owner "$f")
	echo "$from $from" >>"$edges" # every file a node, even without edges
	for h in $(sed -n 's|^#include "plan/\(.*\)"|\1|p' "$f"); do
		to=$(owner "$h")
		[ "$to" != "$from" ] && echo "$from $to" >>"$edges"
	done
done
defs=$(mktemp)
trap 'rm -f "$edges" "$defs"' EXIT
for o in "$objdir"/*.c.o; do
	nm --defined-only "$o" | awk -v f="$(basename "$o" .o)" '$2 ~ /^[TDRB]$/ {print $3, f}'
done | sort >"$defs"
for o in "$objdir"/*.c.o; do
	from=$(basename "$o" .o)
	calls=$(nm -u "$o" | awk '{print $2}' | sort | join - "$defs" | awk -v f="$from" '$2 != f')
	[ -n "$calls" ] && printf '%s calls: %s\n' "$from" "$(echo "$calls" | awk '{printf "%s%s (%s)", s, $1, $2; s=", "}')"
	echo "$calls" | awk -v f="$from" 'NF == 2 {print f, $2}' >>"$edges"
done
echo "depends on (includes and calls):"
awk '$1 != $2' "$edges" | sort -u | awk '{a[$1] = a[$1] " " $2} END {for (k in a) print "  " k " ->" a[k]}' | sort
if ! out=$(sort -u "$edges" | tsort 2>&1 >/dev/null) || [ -n "$out" ]; then
	echo "FAIL: the plan files depend on each other in a circle:"
	echo "$out"
	exit 1
fi
echo "ok: no cycle; order from the top: $(sort -u "$edges" | tsort | tr '\n' ' ')"
