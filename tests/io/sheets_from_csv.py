#!/usr/bin/env python3
"""sheets_from_csv.py CSV_DIR OUT_DIR - the CSV tables of a plan folder as a
coordinator's spreadsheets: for each NAME.csv, OUT_DIR/NAME.xlsx (written by
openpyxl, an independent writer) and OUT_DIR/NAME.ods (content.xml written
here by hand after ODF 1.2). Cells are typed as an office types them: whole
numbers and decimals as numbers, HH:MM as time cells (a fraction of a day
with an h:mm format; office:time-value PT16H30M00S), the rest as text. Each
workbook gets a second, empty sheet, as Excel's new workbooks have."""
import csv
import datetime
import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape, quoteattr

import openpyxl

TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
NUM = re.compile(r"^-?\d+(\.\d+)?$")


def typed(v):
    """('time', minutes) | ('num', number) | ('str', text)."""
    m = TIME.match(v)
    if m:
        return "time", int(m.group(1)) * 60 + int(m.group(2))
    if NUM.match(v) and not (len(v) > 1 and v.startswith("0") and "." not in v):
        return "num", float(v) if "." in v else int(v)
    return "str", v


def write_xlsx(rows, path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Таблица"
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row, 1):
            if v == "":
                continue
            kind, val = typed(v) if r > 1 else ("str", v)
            cell = ws.cell(row=r, column=c)
            if kind == "time":
                cell.value = datetime.time(val // 60, val % 60)
                cell.number_format = "h:mm"
            else:
                cell.value = val
    wb.create_sheet("Лист2")
    wb.save(path)


def ods_cell(v, header):
    if v == "":
        return "<table:table-cell/>"
    kind, val = typed(v) if not header else ("str", v)
    text = "<text:p>%s</text:p>" % escape(v)
    if kind == "time":
        return ('<table:table-cell office:value-type="time" office:time-value="PT%02dH%02dM00S">%s'
                "</table:table-cell>" % (val // 60, val % 60, text))
    if kind == "num":
        return ('<table:table-cell office:value-type="float" office:value="%s">%s</table:table-cell>'
                % (v, text))
    return '<table:table-cell office:value-type="string">%s</table:table-cell>' % text


NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
      'office:version="1.2"')


def write_ods(tables, path, manifest_extra=""):
    """tables: [(name, table XML rows)]; writes a whole .ods."""
    body = "".join('<table:table table:name=%s>%s</table:table>' % (quoteattr(n), x)
                   for n, x in tables)
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content %s>'
               "<office:body><office:spreadsheet>%s</office:spreadsheet></office:body>"
               "</office:document-content>" % (NS, body))
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml">%s</manifest:file-entry></manifest:manifest>'
                % manifest_extra)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)


def rows_xml(rows):
    return "".join("<table:table-row>%s</table:table-row>"
                   % "".join(ods_cell(v, r == 0) for v in row) for r, row in enumerate(rows)) + \
        ('<table:table-row table:number-rows-repeated="1048000">'
         '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')


def main():
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for f in sorted(os.listdir(src)):
        if not f.endswith(".csv"):
            continue
        rows = list(csv.reader(open(os.path.join(src, f), encoding="utf-8-sig", newline="")))
        base = f[:-4]
        write_xlsx(rows, os.path.join(out, base + ".xlsx"))
        write_ods([("Таблица", rows_xml(rows)), ("Лист2", "<table:table-row><table:table-cell/>"
                                                        "</table:table-row>")],
                  os.path.join(out, base + ".ods"))


if __name__ == "__main__":
    main()
