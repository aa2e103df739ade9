#!/usr/bin/env python3
"""sheet_cases.py OUT_DIR - the spreadsheets test_sheet.sh reads, each with
what a coordinator sees in it, written here as literal text (not computed by
the code under test):
- values.xlsx (openpyxl, an independent writer): every kind of value and
  format, a skipped empty row, a hidden row, a range merged down, a second
  sheet;
- handmade.xlsx (zipfile and XML by hand, ECMA-376): rich-text runs in
  shared and inline strings, a phonetic guide, formulas' saved values,
  cells and rows without references, ISO date cells, the 1904 date system,
  relationships with other ids and an absolute target;
- values.ods (by hand, ODF 1.2): typed values, paragraphs and spaces, a
  comment, repeated cells and rows, a million empty rows, covered cells;
- the broken ones: error cells, .xls, damaged and partial zips, zip bombs,
  too many cells, encryption, a document type.
Writes OUT_DIR/expect/NAME.csv (line, then the fields) for each readable
file and OUT_DIR/errors.tsv (file, then the texts its error must hold)."""
import csv
import datetime
import os
import sys
import zipfile

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sheets_from_csv import write_ods  # noqa: E402

out = sys.argv[1]
os.makedirs(out + "/expect", exist_ok=True)
errors = []


def expect(name, rows):
    with open("%s/expect/%s.csv" % (out, name), "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def values_xlsx():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Данные"
    cases = [  # (value, number format or None, what Excel shows, as read)
        ("Плавание", None, "Плавание"), (12, None, "12"), (4.5, None, "4.5"),
        (79161234567, None, "79161234567"), (0.1 + 0.2, None, "0.3"), (-3, None, "-3"),
        (2 / 3, "h:mm", "16:00"), (0.6875, "h:mm AM/PM", "16:30"),
        (datetime.time(16, 29, 40), "h:mm:ss", "16:30"), (0.25, "[$-419]hh:mm;@", "06:00"),
        (1.5, "[h]:mm", "36:00"), (datetime.date(2026, 9, 1), "yyyy-mm-dd", "2026-09-01"),
        (datetime.date(2026, 12, 28), "mm-dd-yy", "2026-12-28"),
        (datetime.datetime(2026, 9, 1, 7, 45), "dd.mm.yyyy hh:mm", "2026-09-01 07:45"),
        (True, None, "yes"), (False, None, "no"), (0.5, "0%", "0.5"),
        ("  Петровка  ", None, "Петровка"), (1e20, None, "1e+20"),
        (1500, '# ##0 "руб."', "1500"),
    ]
    ws.append(["kind", "value", "note"])
    rows = [[1, "kind", "value", "note"]]
    for i, (v, fmt, seen) in enumerate(cases):
        ws.append(["c%d" % i, v])
        if fmt:
            ws.cell(row=ws.max_row, column=2).number_format = fmt
        rows.append([ws.max_row, "c%d" % i, seen, ""])
    r = ws.max_row + 2  # one empty row between: left out, rows keep their numbers
    ws.cell(row=r, column=1, value="after a gap")
    ws.cell(row=r, column=3, value="n")
    rows.append([r, "after a gap", "", "n"])
    ws.cell(row=r + 1, column=1, value="hidden")
    ws.row_dimensions[r + 1].hidden = True
    rows.append([r + 1, "hidden", "", ""])
    ws.cell(row=r + 2, column=1, value="Футбол")
    for k, v in enumerate("abc"):
        ws.cell(row=r + 2 + k, column=2, value=v)
        rows.append([r + 2 + k, "Футбол", v, ""])
    ws.merge_cells(start_row=r + 2, start_column=1, end_row=r + 4, end_column=1)
    wb.create_sheet("Пустой")  # an empty sheet: no warning
    wb.create_sheet("Прочее").cell(row=1, column=1, value="x")
    wb.save(out + "/values.xlsx")
    expect("values.xlsx", rows)


REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
      'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
      '</Types>')


def xlsx(path, sheet, sst=None, styles=None, date1904=False, workbook=None):
    """A workbook by hand: its sheet at /xl/worksheets/data.xml (an absolute
    target), shared strings at xl/strings.xml, relationship ids in another
    order than the sheets'."""
    wb = workbook or (
        '<workbook xmlns="%s" xmlns:r="%s"><workbookPr date1904="%d"/><sheets>'
        '<sheet name="Данные" sheetId="1" r:id="rId3"/></sheets></workbook>'
        % (MAIN, REL, date1904))
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="%s/styles" Target="styles.xml"/>'
            '<Relationship Id="rId2" Type="%s/sharedStrings" Target="strings.xml"/>'
            '<Relationship Id="rId3" Type="%s/worksheet" Target="/xl/worksheets/data.xml"/>'
            '</Relationships>' % (REL, REL, REL))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/worksheets/data.xml",
                   '<worksheet xmlns="%s"><sheetData>%s</sheetData></worksheet>' % (MAIN, sheet))
        if sst is not None:
            z.writestr("xl/strings.xml", '<sst xmlns="%s">%s</sst>' % (MAIN, sst))
        if styles is not None:
            z.writestr("xl/styles.xml", '<styleSheet xmlns="%s">%s</styleSheet>' % (MAIN, styles))


def handmade_xlsx():
    sst = ('<si><t>Иван</t></si>'
           '<si><r><rPr><b/></rPr><t>Иван</t></r><r><t xml:space="preserve"> Петров</t></r></si>'
           '<si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh></si><si><t/></si>'
           '<si><t>a&amp;b</t></si>')
    styles = ('<numFmts count="1"><numFmt numFmtId="164" formatCode="h:mm"/></numFmts>'
              '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
              '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/>'
              '</cellXfs>')
    sheet = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>value</t>'
             '</is></c></row>'
             '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="inlineStr"><is><r><t>Плава</t>'
             '</r><r><rPr/><t>ние</t></r></is></c></row>'
             '<row r="3"><c t="s"><v>2</v></c><c t="str"><f>A1&amp;"!"</f><v>Иван!</v></c></row>'
             '<row><c><f>1+1</f><v>2</v></c><c s="1"><v>0.5</v></c></row>'
             '<row r="6"><c r="A6" s="2"><v>0</v></c><c r="B6" t="d"><v>2026-09-01T00:00:00</v>'
             '</c></row>'
             '<row r="7"><c r="A7" t="b"><v>1</v></c><c r="B7" t="d"><v>2026-09-01T16:30:00</v>'
             '</c></row>'
             '<row r="8"><c r="A8" t="s"><v>3</v></c><c r="C8" t="s"><v>4</v></c></row>'
             '<row r="9"><c r="B9" s="0"/></row>')
    xlsx(out + "/handmade.xlsx", sheet, sst, styles, date1904=True)
    expect("handmade.xlsx", [[1, "Иван", "value"], [2, "Иван Петров", "Плавание"],
                             [3, "漢字", "Иван!"], [4, "2", "12:00"], [6, "1904-01-01", "2026-09-01"],
                             [7, "yes", "2026-09-01 16:30"], [8, "", "", "a&b"]])


def cell(kind, attrs="", text=None, extra=""):
    p = "" if text is None else "<text:p>%s</text:p>" % text
    t = ' office:value-type="%s"' % kind if kind else ""
    return "<table:table-cell%s %s>%s%s</table:table-cell>" % (t, attrs, extra, p)


def row(cells, attrs=""):
    return "<table:table-row %s>%s</table:table-row>" % (attrs, "".join(cells))


def values_ods():
    s = "string"
    x = [row([cell(s, text="kind"), cell(s, text="value")]),
         row([cell("float", 'office:value="12"', "12"), cell("float", 'office:value="4.5"', "4,5")]),
         row([cell("percentage", 'office:value="0.5"', "50%"),
              cell("currency", 'office:value="1500" office:currency="RUB"', "1 500 ₽")]),
         row([cell("time", 'office:time-value="PT16H00M00S"', "16:00"),
              cell("time", 'office:time-value="PT16H29M40S"', "16:29")]),
         row([cell("date", 'office:date-value="2026-09-01"', "01.09.26"),
              cell("date", 'office:date-value="2026-09-01T07:45:00"', "01.09.26 07:45")]),
         row([cell("boolean", 'office:boolean-value="true"', "ИСТИНА"),
              cell("boolean", 'office:boolean-value="false"', "ЛОЖЬ")]),
         row([cell(s, text='a<text:s text:c="3"/>b</text:p><text:p>c'),
              cell(s, text="Петровка", extra="<office:annotation><text:p>проверить</text:p>"
                                             "</office:annotation>")]),
         row([cell(s, 'table:number-columns-repeated="3"', "x")]),
         # pretty-printed: the white space around paragraphs is none of the text
         row(['<table:table-cell office:value-type="string">\n  <text:p>y</text:p>\n'
              '</table:table-cell>\n']),
         row([cell(s, text="r"), cell(s, text="s")], 'table:number-rows-repeated="2"'),
         row([cell("", 'table:number-columns-repeated="1024"')],
             'table:number-rows-repeated="1000"'),
         row([cell(s, text="hidden"), cell(s, text="h")], 'table:visibility="collapse"'),
         row([cell(s, 'table:number-rows-spanned="3"', "Футбол"), cell(s, text="a")]),
         row(["<table:covered-table-cell/>", cell(s, text="b")]),
         row(["<table:covered-table-cell/>", cell(s, text="c")]),
         row([cell("", 'table:number-columns-repeated="4"'), cell(s, text="far")]),
         row([cell("", 'table:number-columns-repeated="16384"')],
             'table:number-rows-repeated="1047000"')]
    write_ods([("Лист1", "".join(x)), ("Пустой", row([cell("", 'table:number-columns-repeated="9"')])),
               ("Прочее", row([cell(s, text="y")]))], out + "/values.ods")
    expect("values.ods", [[1, "kind", "value"], [2, "12", "4.5"], [3, "0.5", "1500"],
                          [4, "16:00", "16:30"], [5, "2026-09-01", "2026-09-01 07:45"],
                          [6, "yes", "no"], [7, "a   b\nc", "Петровка"], [8, "x", "x", "x"], [9, "y", ""],
                          [10, "r", "s"], [11, "r", "s"], [1012, "hidden", "h"],
                          [1013, "Футбол", "a"], [1014, "Футбол", "b"], [1015, "Футбол", "c"],
                          [1016, "", "", "", "", "far"]])


def broken(name, *texts):
    errors.append([name] + list(texts))


def bomb(path, parts):
    """Parts of `size` MB of white space each: tiny packed, huge unpacked."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("xl/workbook.xml", '<workbook xmlns="%s" xmlns:r="%s"><sheets><sheet name="S" '
                   'sheetId="1" r:id="rId1"/></sheets></workbook>' % (MAIN, REL))
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                   'Type="%s/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
                   'Type="%s/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
                   % (REL, REL))
        for name, mb in parts:
            with z.open(name, "w", force_zip64=True) as f:
                f.write(b"<sst>" if "shared" in name else b"<worksheet>")
                chunk = (b"<x/>" + b" " * 1020) * 1024  # text nodes libxml2 takes
                for _ in range(mb):
                    f.write(chunk)
                f.write(b"</sst>" if "shared" in name else b"</worksheet>")


def broken_files():
    xlsx(out + "/err_na.xlsx", '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
         '<row r="5"><c r="A5"><v>1</v></c><c r="C5" t="e"><f>VLOOKUP(A5,X,2)</f><v>#N/A</v></c>'
         '</row>')
    broken("err_na.xlsx", "err_na.xlsx:C5:", "#N/A")
    write_ods([("S", row([cell("string", text="a")]) + row([cell("string", text="b")]) +
                row([cell("string", text="c"), cell("string", 'table:formula="of:=NA()" '
                                                 'calcext:value-type="error"', "#N/A")]))],
              out + "/err_na.ods")
    broken("err_na.ods", "err_na.ods:B3:", "#N/A")
    with open(out + "/old.xls", "wb") as f:
        f.write(bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504))
    broken("old.xls", ".xls", "save it as .xlsx or .csv")
    data = open(out + "/values.xlsx", "rb").read()
    open(out + "/truncated.xlsx", "wb").write(data[: len(data) * 2 // 3])
    broken("truncated.xlsx", "damaged workbook", "save it again")
    with zipfile.ZipFile(out + "/norels.xlsx", "w") as z:
        z.writestr("xl/workbook.xml", '<workbook xmlns="%s" xmlns:r="%s"><sheets><sheet '
                   'name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' % (MAIN, REL))
    broken("norels.xlsx", "no part 'xl/_rels/workbook.xml.rels'")
    with zipfile.ZipFile(out + "/letter.xlsx", "w") as z:
        z.writestr("word/document.xml", "<document/>")
    broken("letter.xlsx", "a Word document", "save it as .xlsx, .ods or .csv")
    bomb(out + "/bomb.xlsx", [("xl/worksheets/sheet1.xml", 300)])
    broken("bomb.xlsx", "more than 256 MB", "zip bomb")
    bomb(out + "/bomb2.xlsx", [("xl/sharedStrings.xml", 200), ("xl/worksheets/sheet1.xml", 100)])
    broken("bomb2.xlsx", "more than 256 MB", "zip bomb")
    write_ods([("S", row([cell("string", 'table:number-columns-repeated="16384"', "x")],
                         'table:number-rows-repeated="1000"'))], out + "/cells.ods")
    broken("cells.ods", "more than 2000000 cells")
    write_ods([("S", row([cell("", 'table:number-columns-repeated="20000"'),
                          cell("string", text="x")]))], out + "/wide.ods")
    broken("wide.ods", "beyond the last column")
    write_ods([("S", row([cell("string", text="x")]))], out + "/locked.ods",
              '<manifest:encryption-data manifest:checksum-type="SHA1"/>')
    broken("locked.ods", "password-protected")
    xlsx(out + "/dtd.xlsx", "", workbook='<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY a '
         '"aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><workbook xmlns="%s"><sheets>'
         '<sheet name="&b;"/></sheets></workbook>' % MAIN)
    broken("dtd.xlsx", "declares a document type")
    # ranges merged down over each other (only a crafted file has them): bounded work
    write_ods([("S", row([cell("string", 'table:number-rows-spanned="1000000"', "m")]) * 3000)],
              out + "/merges.ods")
    broken("merges.ods", "merged ranges over more than 2000000 cells")
    wb = openpyxl.Workbook()
    wb.active.title = "Лист1"
    wb.create_sheet("Группы").cell(row=1, column=1, value="pickup")
    wb.save(out + "/second.xlsx")
    broken("second.xlsx", "sheet 'Лист1', holds no value", "drag the sheet with the table "
           "('Группы') to the first place")
    write_ods([("S", "<table:table-row/>")], out + "/empty.ods")
    broken("empty.ods", "sheet 'S', holds no value", "the first sheet (the leftmost tab)")
    with open(out + "/errors.tsv", "w", encoding="utf-8") as f:
        for e in errors:
            f.write("\t".join(e) + "\n")


values_xlsx()
handmade_xlsx()
values_ods()
broken_files()
