#!/usr/bin/env python3
"""xlsx_check.py OUT_DIR LANG - reads OUT_DIR/timetable.xlsx back with
Python's zipfile and the sheets' XML (an independent reader, not
libxlsxwriter) and checks it against OUT_DIR/timetable.csv:
- the day-pattern sheets, in order, hold exactly the rows of timetable.csv
  (run, stop number, stop, arrival, departure, on, off; bus where it has one),
  their times as numbers (fractions of a day) with a time format;
- each bus's sheet holds exactly that bus's rows of timetable.csv, plus one
  row leaving the depot and one back at the depot per day pattern it works;
- the header row is in the plan's language, frozen, repeated on printed
  pages; pages are landscape, fitted one page wide; every column is at least
  as wide as its longest text.
Exit 0 when all holds, 1 with the differences otherwise."""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
HEAD = {"ru": ["Автобус", "Рейс", "Занятие", "Пункт назначения", "Направление", "№", "Остановка",
               "Прибытие", "Отправление", "Посадка", "Высадка"],
        "en": ["Bus", "Run", "Session", "Destination", "Direction", "No.", "Stop", "Arrival",
               "Departure", "On", "Off"]}
DEPOT = {"ru": ("Выезд из гаража", "Возвращение в гараж"), "en": ("Leave the depot", "Back at the depot")}

out, lang = sys.argv[1], sys.argv[2]
errors = []
z = zipfile.ZipFile(out + "/timetable.xlsx")
shared = [("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
          for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS)]
styles = ET.fromstring(z.read("xl/styles.xml"))
fmts = {int(f.get("numFmtId")): f.get("formatCode") for f in styles.iter("{%s}numFmt" % NS["m"])}
xfs = [int(x.get("numFmtId", "0")) for x in styles.find("m:cellXfs", NS).findall("m:xf", NS)]
wb = ET.fromstring(z.read("xl/workbook.xml"))
rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
titles = {d.get("localSheetId"): d.text for d in wb.iter("{%s}definedName" % NS["m"])
          if d.get("name") == "_xlnm.Print_Titles"}


def col_index(ref):
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1


def read_sheet(i, name, target):
    x = ET.fromstring(z.read("xl/" + target))
    rows = []
    for row in x.find("m:sheetData", NS).findall("m:row", NS):
        cells = {}
        for c in row.findall("m:c", NS):
            v = c.find("m:v", NS)
            if v is None:
                continue
            if c.get("t") == "s":
                cells[col_index(c.get("r"))] = shared[int(v.text)]
            else:
                fmt = fmts.get(xfs[int(c.get("s", "0"))], "")
                val = float(v.text)
                if "h" in fmt and "s" in fmt:
                    cells[col_index(c.get("r"))] = ("time", round(val * 86400))
                else:
                    cells[col_index(c.get("r"))] = ("num", val)
        rows.append(cells)
    pane = x.find("m:sheetViews/m:sheetView/m:pane", NS)
    if pane is None or pane.get("state") != "frozen" or pane.get("ySplit") != "1":
        errors.append(f"{name}: the header row is not frozen")
    ps = x.find("m:pageSetup", NS)
    if ps is None or ps.get("orientation") != "landscape" or ps.get("fitToHeight") != "0" \
            or ps.get("paperSize") != "9":
        errors.append(f"{name}: not A4 landscape fitted to width ({ps.attrib if ps is not None else None})")
    fit = x.find("m:sheetPr/m:pageSetUpPr", NS)
    if fit is None or fit.get("fitToPage") != "1":
        errors.append(f"{name}: not fitted to the page")
    if titles.get(str(i), "").split("!")[-1] != "$1:$1":
        errors.append(f"{name}: the header row is not repeated on printed pages")
    widths = {}
    for c in x.iter("{%s}col" % NS["m"]):
        for k in range(int(c.get("min")) - 1, int(c.get("max"))):
            widths[k] = float(c.get("width"))
    for r in rows:
        for k, v in r.items():
            if isinstance(v, str) and widths.get(k, 8.43) < len(v):
                errors.append(f"{name}: column {k + 1} ({widths.get(k, 8.43)}) narrower than '{v}'")
    return rows


sheets = []
for i, s in enumerate(wb.find("m:sheets", NS)):
    sheets.append((s.get("name"), read_sheet(i, s.get("name"), rels[s.get("{%s}id" % NS["r"])])))

def secs(t):
    h, m, s = map(int, t.split(":"))
    return h * 3600 + m * 60 + s

with open(out + "/timetable.csv", encoding="utf-8", newline="") as f:
    tt = list(csv.DictReader(f))
patterns = []
for r in tt:
    if r["days"] not in patterns:
        patterns.append(r["days"])
buses = []
for r in tt:
    if r["bus"] and r["bus"] not in buses:
        buses.append(r["bus"])

# the pattern sheets: header, then exactly the csv rows in order
want = [(r["run"], int(r["seq"]), r["stop_name"] if lang == "ru" else None, ("time", secs(r["arrival"])),
         ("time", secs(r["departure"])), int(r["board"]), int(r["alight"]), r["bus"]) for r in tt]
got = []
for name, rows in sheets[:len(patterns)]:
    head = [rows[0].get(k) for k in range(len(HEAD[lang]))]
    if head != HEAD[lang]:
        errors.append(f"sheet {name}: header {head}")
    for c in rows[1:]:
        bus = c.get(0) if c.get(0) in buses else ""
        got.append((c.get(1), int(c[5][1]), c.get(6) if lang == "ru" else None, c.get(7), c.get(8),
                    int(c[9][1]), int(c[10][1]), bus))
if got != want:
    errors.append(f"pattern sheets differ from timetable.csv: {len(got)} vs {len(want)} rows")
    for a, b in zip(got, want):
        if a != b:
            errors.append(f"  first difference: xlsx {a} vs csv {b}")
            break
# the bus sheets: that bus's csv rows (any order of patterns), depot rows
bus_sheets = sheets[len(patterns):]
if len(bus_sheets) < len(buses):
    errors.append(f"{len(bus_sheets)} bus sheets for {len(buses)} buses with runs")
for bus in buses:
    sheet = [s for s in bus_sheets if s[0].endswith(" " + bus)]
    if len(sheet) != 1:
        errors.append(f"no single sheet for bus {bus}")
        continue
    rows = sheet[0][1]
    w = sorted((r["run"], int(r["seq"]), secs(r["arrival"]), secs(r["departure"]), int(r["board"]),
                int(r["alight"])) for r in tt if r["bus"] == bus)
    g, depot = [], [0, 0]
    for c in rows[1:]:
        if c.get(1) in DEPOT[lang]:
            depot[DEPOT[lang].index(c.get(1))] += 1
            continue
        g.append((c.get(1), int(c[4][1]), c[6][1], c[7][1], int(c[8][1]), int(c[9][1])))
    if sorted(g) != w:
        errors.append(f"bus {bus}: its sheet's runs differ from timetable.csv")
    n_pat = len({r["days"] for r in tt if r["bus"] == bus})
    if depot != [n_pat, n_pat]:
        errors.append(f"bus {bus}: depot rows {depot}, want {n_pat} each")

# the register of routes, the last sheet: a row per run and distinct
# times and bus (the same runs as timetable.csv, days merged), no drivers
REG = {"ru": ("Реестр маршрутов", ["№", "Рейс", "Дни", "Занятие", "Направление",
                                   "Маршрут (остановки по порядку)", "км", "Отправление", "Прибытие",
                                   "В пути, мин", "Детей", "Автобус"]),
       "en": ("Route register", ["No.", "Run", "Days", "Session", "Direction", "Route (stops in order)",
                                 "km", "Departure", "Arrival", "On the way, min", "Children", "Bus"])}
name, rows = sheets[-1]
if name != REG[lang][0] or [rows[0].get(k) for k in range(13)] != REG[lang][1] + [None]:
    errors.append(f"the last sheet is {name} with {rows[0]}, not the register")
else:
    runs = {}
    for r in tt:
        runs.setdefault((r["days"], r["run"]), []).append(r)
    want_reg = {(run, secs(rr[0]["departure"]), secs(rr[-1]["arrival"]),
                 sum(int(x["board"]) for x in rr), rr[0]["bus"],
                 tuple(x["stop_id"] for x in rr)) for (_, run), rr in runs.items()}
    no_bus = {"ru": "без автобуса", "en": "no bus"}[lang]
    got_reg = [(c.get(1), c[7][1], c[8][1], int(c[10][1]),
                "" if c.get(11) == no_bus else c.get(11, "").split(" (")[0]) for c in rows[1:]]
    if sorted(got_reg) != sorted(w[:5] for w in want_reg):
        errors.append(f"the register's rows {sorted(got_reg)[:3]}... differ from timetable.csv's runs "
                      f"{sorted(w[:5] for w in want_reg)[:3]}...")
    if [c[0][1] for c in rows[1:]] != list(range(1, len(rows))):
        errors.append("the register's rows are not numbered 1..n")

if errors:
    print("\n".join(errors))
    sys.exit(1)
print(f"xlsx ({lang}): {len(sheets)} sheets, {len(got)} stop rows equal timetable.csv; "
      f"{len(buses)} bus sheets match")
