#!/usr/bin/env bash
# print_pdf.sh - the printed pages as a browser prints them: headless
# Chromium (Debian's `chromium`) prints a village page and a driver's sheet
# of the fixture plan to PDF, and pdftotext (poppler-utils) must find the
# Cyrillic names, labels and times in it; pdfinfo must report A4 pages.
# Skips (exit 77) when chromium or poppler-utils are missing.
# Usage: print_pdf.sh PATH/TO/out_fixture_write
set -euo pipefail
writer=$1

chrome=""
for c in chromium chromium-browser google-chrome; do
  if command -v "$c" >/dev/null 2>&1; then chrome=$c; break; fi
done
[ -n "$chrome" ] || { echo "SKIP: chromium not found (Debian package chromium)"; exit 77; }
for t in pdftotext pdfinfo; do
  command -v "$t" >/dev/null 2>&1 || { echo "SKIP: $t not found (Debian package poppler-utils)"; exit 77; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$writer" "$tmp/out" ru

fail=0
# print_page NAME: prints print/NAME to $tmp/NAME.pdf and its text to $tmp/NAME.txt
print_page() {
  local name=$1
  if ! timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --disable-background-networking \
      --disable-component-update --no-first-run --no-default-browser-check \
      --user-data-dir="$tmp/profile-$name" --no-pdf-header-footer \
      --print-to-pdf="$tmp/$name.pdf" "file://$tmp/out/print/$name" > "$tmp/chrome.log" 2>&1 \
      || [ ! -s "$tmp/$name.pdf" ]; then
    cat "$tmp/chrome.log"
    echo "FAIL: chromium could not print $name"
    exit 1
  fi
  pdftotext -enc UTF-8 "$tmp/$name.pdf" "$tmp/$name.txt"
  if ! pdfinfo "$tmp/$name.pdf" | grep -q 'Page size:.*(A4)'; then
    pdfinfo "$tmp/$name.pdf" | grep 'Page size' || true
    echo "FAIL: $name is not printed on A4"
    fail=1
  fi
}

# expect NAME TEXT...: every TEXT is in the printed page
expect() {
  local name=$1
  shift
  for want in "$@"; do
    if ! grep -qF -- "$want" "$tmp/$name.txt"; then
      echo "FAIL: '$want' not in the PDF of $name"
      fail=1
    fi
  done
}

# the village page of Petrovka: kindergarten Mon/Wed/Fri at the stop 07:30,
# there 07:45; football leaving the stadium 17:36, home 18:05
print_page village-2.html
expect village-2.html 'Петровка, "Малая" <&>' 'Детский сад «Солнышко»' 'Стадион «Урожай»' \
  'Пн, Ср, Пт' 'Вт, Чт' '07:30' '07:45' '17:36' '18:05' 'Автобус на остановке'
# the driver's sheet of B1, with its maps' stop labels
print_page bus-1-mon-wed-fri.html
expect bus-1-mon-wed-fri.html 'Лист водителя' 'Выезд из гаража' 'Порожний пробег' 'Рейс R1' \
  'Рейс R4' '1. Ивановка' '07:21' '17:45'

if [ "$fail" -ne 0 ]; then
  echo "--- text of the village page:"; cat "$tmp/village-2.html.txt"
  exit 1
fi
echo "chromium ($("$chrome" --version 2>/dev/null || echo '?')) printed both pages; all texts found"
