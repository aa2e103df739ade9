#!/usr/bin/env bash
# village_rows.sh - the families' pages of the bundled district
# (examples/district): in each village's table for a session, one row per
# distinct set of times and buses, the days that share it together (never
# the same times printed twice), and the days of a table's rows are
# disjoint and are exactly the days timetable.csv has a run with children
# getting on (to the session) or off (home) at that village for that
# session (read independently with Python's csv and html.parser), with
# the children timetable.csv has getting on and off there. On the
# destinations' pages the same run, bus, villages and time print once.
set -uo pipefail
src=${SR_SOURCE_DIR:?}
[ -f "$src/examples/district/plan.conf" ] || { echo "SKIP: examples/district not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$SR_EXE" plan "$src/examples/district" --out "$tmp/out" -q
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 3 ] || { echo "FAIL: plan exited $rc"; exit 1; }
python3 - "$tmp/out" <<'PY'
import csv, glob, html.parser, json, re, sys
out = sys.argv[1]
ru = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]
en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

def day_set(text):
    s = set()
    for part in text.split(", "):
        a, _, b = part.partition("–")
        i = ru.index(a)
        j = ru.index(b) if b else i
        if j - i == 1:
            raise ValueError("a range of two days: " + text)
        s.update(range(i, j + 1))
    return frozenset(s)

class Page(html.parser.HTMLParser):
    """tables as lists of rows of cell texts, with the paragraph before each
    ("Занятие SESSION, HH:MM–HH:MM")"""
    def __init__(self):
        super().__init__()
        self.tables, self.row, self.cell, self.h2, self.in_h2 = [], None, None, "", False
    def handle_starttag(self, tag, a):
        if tag == "table": self.tables.append((self.h2, []))
        elif tag == "p": self.in_h2, self.h2 = True, ""
        elif tag == "tr": self.row = []
        elif tag in ("td", "th"): self.cell = ""
        elif tag == "br" and self.cell is not None: self.cell += "\n"
    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.row is not None: self.row.append(self.cell); self.cell = None
        elif tag == "tr" and self.tables: self.tables[-1][1].append(self.row); self.row = None
        elif tag == "p": self.in_h2 = False
    def handle_data(self, d):
        if self.cell is not None: self.cell += d
        if self.in_h2: self.h2 += d

plan = json.load(open(out + "/plan.json", encoding="utf-8"))
# village page number -> the point's name as timetable.csv gives it
names = {i + 1: pt["name"] for i, pt in enumerate(plan["points"])}
want, kids = {}, {}
for r in csv.DictReader(open(out + "/timetable.csv", encoding="utf-8", newline="")):
    if not r["bus"] or (r["board"] in ("", "0") and r["alight"] in ("", "0")):
        continue
    if r["stop_name"] == r["destination"]:
        continue
    key = (r["stop_name"], r["session"])
    want.setdefault(key, set()).update(en.index(d) for d in r["days"].split(","))
    # children getting on (there) and off (home) there, per day
    for d in r["days"].split(","):
        k = kids.setdefault(key + (en.index(d),), [0, 0])
        k[0] += int(r["board"] or 0)
        k[1] += int(r["alight"] or 0)
bad, tables, merged = 0, 0, 0
for path in sorted(glob.glob(out + "/print/village-*.html")):
    n = int(re.search(r"village-(\d+)\.html", path).group(1))
    village = names[n]
    pg = Page()
    pg.feed(open(path, encoding="utf-8").read())
    for para, rows in pg.tables:
        h2 = para.removeprefix("Занятие ").rsplit(", ", 1)[0]
        body = [r for r in rows if r and r[0] != "Дни"]
        if not body or len(body[0]) != 7:
            continue
        tables += 1
        seen, days = set(), set()
        for r in body:
            d = day_set(r[0])
            merged += len(d) > 1 and "–" in r[0]
            if tuple(r[1:]) in seen:
                print(f"FAIL: {path} {h2}: the same times twice: {r}"); bad = 1
            seen.add(tuple(r[1:]))
            if days & d:
                print(f"FAIL: {path} {h2}: a day in two rows: {r[0]}"); bad = 1
            days |= d
            # under the bus there and the bus home, how many ride, on each
            # of the row's days
            for day in d:
                tt = kids.get((village, h2, day), [0, 0])
                for col, n in ((3, tt[0]), (6, tt[1])):
                    got = r[col].split("\n")[-1] if r[col] else ""
                    if got != (f"детей: {n}" if n else ""):
                        print(f"FAIL: {path} {h2} {ru[day]}: '{got}' under the bus, timetable.csv {n}"); bad = 1
        exp = want.get((village, h2), set())
        if days != exp:
            print(f"FAIL: {path} {h2}: days {sorted(days)}, timetable.csv {sorted(exp)}"); bad = 1
# the destinations' pages: rows of a table (days, run, bus, villages, time)
# are distinct past the days and their days do not overlap for one run
for path in sorted(glob.glob(out + "/print/dest-*.html")):
    pg = Page()
    pg.feed(open(path, encoding="utf-8").read())
    for para, rows in pg.tables:
        body = [r for r in rows if r and len(r) == 5 and r[0] != "Дни"]
        seen, days = set(), {}
        for r in body:
            d = day_set(r[0])
            if tuple(r[1:]) in seen:
                print(f"FAIL: {path}: the same run printed twice: {r}"); bad = 1
            seen.add(tuple(r[1:]))
            if days.get(r[1], frozenset()) & d:
                print(f"FAIL: {path}: run {r[1]} twice on a day: {r[0]}"); bad = 1
            days[r[1]] = days.get(r[1], frozenset()) | d
print(f"{tables} village tables checked, {merged} rows cover a range of days")
if merged == 0:
    print("FAIL: no row covers several days as a range (Пн–Пт) in the district"); bad = 1
sys.exit(bad)
PY
