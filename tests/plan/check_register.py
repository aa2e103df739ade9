#!/usr/bin/env python3
"""check_register.py PLAN_DIR - print/routes.html, the register of routes,
against the plan's timetable.csv (an independent reading of the same
plan): a row per run and distinct (times, bus), its days the union of the
day patterns it runs on with those times and that bus; each row's first
departure, last arrival, minutes on the way, children (all who board) and
bus as the timetable gives them; the footer's runs a week the sum of the
rows' days; within a session and direction, rows by departure. Exits 1 with a message on the first disagreement."""
import csv
import html.parser
import re
import sys

DAYS = {"ru": ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"],
        "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]}


def fail(msg):
    print("FAIL register: " + msg)
    sys.exit(1)


class Rows(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.cell, self.row, self.lang, self.text = [], None, None, None, []

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag == "tr":
            self.row = []
        if tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        if tag == "tr":
            self.rows.append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
        self.text.append(data)


def day_set(text, lang):
    names = DAYS[lang]
    out = set()
    for part in text.split(", "):
        if "\u2013" in part:
            a, b = part.split("\u2013")
            out |= set(range(names.index(a), names.index(b) + 1))
        else:
            out.add(names.index(part))
    return out


def main():
    d = sys.argv[1]
    page = Rows()
    page.feed(open(d + "/print/routes.html", encoding="utf-8").read())
    lang = page.lang
    head, body = page.rows[0], page.rows[1:]
    want_head = {"ru": ["№", "Рейс", "Дни", "Занятие", "Направление", "Маршрут (остановки по порядку)",
                        "км", "Отправление", "Прибытие", "В пути, мин", "Детей", "Автобус", "Водитель"],
                 "en": ["No.", "Run", "Days", "Session", "Direction", "Route (stops in order)", "km",
                        "Departure", "Arrival", "On the way, min", "Children", "Bus", "Driver"]}[lang]
    if head != want_head:
        fail("headings %s, want %s" % (head, want_head))
    eng = DAYS["en"]
    runs = {}
    with open(d + "/timetable.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            runs.setdefault((r["days"], r["run"]), []).append(r)
    want = {}
    for (days, run), rows in runs.items():
        dep, arr = rows[0]["departure"][:5], rows[-1]["arrival"][:5]
        children = sum(int(x["board"]) for x in rows)
        stops = tuple(x["stop_id"] for x in rows)
        key = (run, dep, arr, rows[0]["bus"], stops)
        want.setdefault(key, [set(), children])[0].update(eng.index(x) for x in days.split(","))
    if len(body) - 0 != len(want):
        fail("%d rows, the timetable has %d runs with distinct times or bus" % (len(body), len(want)))
    got = {}
    runs_week = 0
    for i, c in enumerate(body):
        if c[0] != str(i + 1):
            fail("row %d is numbered %s" % (i + 1, c[0]))
        if i and body[i - 1][3:5] == c[3:5] and body[i - 1][7] > c[7]:
            fail("rows %d and %d of %s (%s) are not by departure" % (i, i + 1, c[3], c[4]))
        days = day_set(c[2], lang)
        runs_week += len(days)
        h, m = (int(x) for x in c[7].split(":"))
        h2, m2 = (int(x) for x in c[8].split(":"))
        if int(c[9]) != (h2 * 60 + m2) - (h * 60 + m) and int(c[9]) != (h2 * 60 + m2) - (h * 60 + m) - 1:
            fail("row %d: %s min on the way from %s to %s" % (i + 1, c[9], c[7], c[8]))
        got.setdefault((c[1], c[7], c[8], c[11].split(" (")[0]), []).append((days, int(c[10])))
    for (run, dep, arr, bus, _), (days, children) in want.items():
        rows = got.get((run, dep, arr, bus), [])
        if (days, children) not in rows:
            fail("run %s %s-%s bus %s on days %s with %d children: the register has %s" %
                 (run, dep, arr, bus, sorted(days), children, rows))
    foot = re.search(r"(?:Рейсов в неделю|Runs a week): (\d+)", "".join(page.text))
    if not foot or int(foot.group(1)) != runs_week:
        fail("footer %s, the rows' days add up to %d" % (foot and foot.group(0), runs_week))
    print("ok register: %d rows match the timetable's %d runs, %d runs a week" %
          (len(body), len(runs), runs_week))


main()
