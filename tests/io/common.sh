# common.sh - sourced by the spreadsheet tests: $py, a python3 that has
# openpyxl (the Debian package python3-openpyxl installs it for
# /usr/bin/python3, which another python3 first on PATH may lack), and
# $tmp, a temporary folder removed at exit; skips (77) without openpyxl.
py=
for p in python3 /usr/bin/python3; do
	"$p" -c 'import openpyxl' 2>/dev/null && { py=$p; break; }
done
[ -n "$py" ] || { echo "SKIP: no python3 with openpyxl (Debian: python3-openpyxl)"; exit 77; }
tmp=$(mktemp -d /tmp/test_sheet.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
