#!/usr/bin/env bash
# print_pdf.sh - the printed pages as a browser prints them: headless
# Chromium (Debian's `chromium`) prints a village page, a driver's sheet and
# the three books (drivers, destinations, villages) of the fixture plan to
# PDF, and pdftotext (poppler-utils) must find the Cyrillic names, labels
# and times in them; pdfinfo must report A4 pages. The books are checked
# against timetable.csv (read here with Python's csv): every bus and every
# arrival and departure time (HH:MM) in the drivers' book, every village in
# the villages' book, every destination in the destinations' book, and
# the term and contact line (organisation, name, phone) on every page.
# Skips (exit 77) when chromium or poppler-utils are missing.
# Usage: print_pdf.sh PATH/TO/out_fixture_write
set -uo pipefail
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
"$writer" "$tmp/out" ru || { echo "FAIL: the fixture's outputs were not written"; exit 1; }

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
# there 07:45; football leaving the stadium 17:36, home 18:05 (a column's
# heading may wrap: its words are looked for one by one)
print_page village-2.html
expect village-2.html 'Петровка, "Малая" <&>' 'Детский сад «Солнышко»' 'Стадион «Урожай»' \
  'Пн, Ср, Пт' 'Вт, Чт' '07:30' '07:45' '17:36' '18:05' 'Автобус на' 'остановке'
# the driver's sheet of B1 (its maps number the stops; the table names them)
print_page bus-1-mon-wed-fri.html
expect bus-1-mon-wed-fri.html 'Лист водителя' 'Выезд из гаража' 'Порожний пробег' 'Рейс R1' \
  'Рейс R4' 'Ивановка' '07:21' '17:45' '2 км' 'С'

# the books: whitespace is dropped on both sides before comparing, since a
# long name may wrap in a table cell
print_page drivers.html
print_page villages.html
print_page destinations.html
python3 - "$tmp" <<'PY' || fail=1
import csv, re, subprocess, sys
tmp = sys.argv[1]
rows = list(csv.DictReader(open(tmp + "/out/timetable.csv", encoding="utf-8", newline="")))
dests = {r["destination"] for r in rows}
villages = {r["stop_name"] for r in rows if r["stop_name"] not in dests}
buses = {r["bus"] for r in rows if r["bus"]}
times = {r[k][:5] for r in rows if r["bus"] for k in ("arrival", "departure")}
line = ("МКУ«Транспорт»&Co·Учебныйпериод:07.09.2026–28.05.2027,кроме04.11.2026,"
        "01.01–08.01.2027,23.02.2027,08.03.2027,01.05.2027,09.05.2027·"
        "Ответственный:ИвановаА.П.,тел.+7(495)123-45-67")
def squash(t):
    return re.sub(r"\s+", "", t)
bad = 0
for book, want in (("drivers.html", buses | times), ("villages.html", villages),
                   ("destinations.html", dests)):
    raw = open(f"{tmp}/{book}.txt", encoding="utf-8").read()
    missing = sorted(w for w in want if squash(w) not in squash(raw))
    if missing:
        print(f"FAIL: {book}: not in the PDF: {missing}")
        bad = 1
    info = subprocess.run(["pdfinfo", f"{tmp}/{book}.pdf"], capture_output=True, text=True).stdout
    n = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    pages = [p for p in raw.split("\f") if p.strip()]
    with_line = sum(line in squash(p) for p in pages)
    if with_line != n:
        print(f"FAIL: {book}: the term and contact line is on {with_line} of {n} pages")
        bad = 1
    print(f"{book}: {n} pages; {len(want)} buses, places and times found; the contact line on each page")
sys.exit(bad)
PY

# `schoolrun plan --pdf` renders the books itself; without Chromium in PATH
# it exits 2 saying how to install it
"$SR_EXE" plan "$SR_SOURCE_DIR/examples/tiny" --out "$tmp/tiny" --pdf -q
rc=$?
for book in drivers destinations villages lists routes; do
  if [ ! -s "$tmp/tiny/print/$book.pdf" ] || ! pdfinfo "$tmp/tiny/print/$book.pdf" | grep -q 'Page size:.*(A4)'; then
    echo "FAIL: plan --pdf (exit $rc) made no A4 $book.pdf"; fail=1
  fi
done
# the register of routes is a wide table: A4 landscape (a CSS named page)
if ! pdfinfo "$tmp/tiny/print/routes.pdf" 2>/dev/null | awk '/Page size/ {exit !($3 > $5)}'; then
  echo "FAIL: routes.pdf is not landscape: $(pdfinfo "$tmp/tiny/print/routes.pdf" 2>&1 | grep 'Page size')"; fail=1
fi
bus=$(python3 -c 'import csv,sys; print(next(csv.DictReader(open(sys.argv[1], encoding="utf-8")))["bus"])' "$tmp/tiny/timetable.csv")
if [ -n "$bus" ] && ! pdftotext -enc UTF-8 "$tmp/tiny/print/drivers.pdf" - | grep -qF "$bus"; then
  echo "FAIL: bus $bus not in the drivers' PDF of examples/tiny"; fail=1
fi
mkdir -p "$tmp/nobin"
PATH="$tmp/nobin" "$SR_EXE" plan "$SR_SOURCE_DIR/examples/tiny" --out "$tmp/tiny2" --pdf -q 2>"$tmp/nopdf.err"
rc=$?
if [ $rc -ne 2 ] || ! grep -q 'install the Debian package chromium' "$tmp/nopdf.err" ||
  [ ! -s "$tmp/tiny2/print/drivers.html" ]; then
  echo "FAIL: --pdf without chromium: exit $rc, $(cat "$tmp/nopdf.err")"; fail=1
fi

if [ "$fail" -ne 0 ]; then
  echo "--- text of the village page:"; cat "$tmp/village-2.html.txt"
  exit 1
fi
echo "chromium ($("$chrome" --version 2>/dev/null || echo '?')) printed the pages and the three books; all texts found"
