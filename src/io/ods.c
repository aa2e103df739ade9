/*
 * ods.c - the first sheet of an OpenDocument spreadsheet (.ods, ODF 1.2
 * part 1, 9.1 tables; what LibreOffice, Р7-Офис and МойОфис save) into a
 * table (sheet.h), content.xml streamed with xmlTextReader.
 *
 * A cell reads as the office program shows it, from its typed value
 * (office:value-type): float, percentage and currency as numbers without
 * ".0", time (office:time-value, PT16H00M00S) as HH:MM, date as YYYY-MM-DD
 * (with HH:MM when it has a time of day), boolean as yes/no; a string by
 * its paragraphs (joined by line breaks; text:s spaces, tabs and line
 * breaks kept; comments left out). A formula's error (#N/A: LibreOffice's
 * calcext:value-type "error") is an input error at its cell.
 *
 * Repetition is bounded, never unrolled blindly: an empty row repeated a
 * million times (how LibreOffice writes the rest of a sheet) only advances
 * the row number, an empty cell repeated only the column; a row or cell
 * with a value repeated counts against the sheet's limits (sheet.h).
 */
#include <stdlib.h>
#include <string.h>
#include "io/sheet.h"
#include "util/i18n.h"

#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_CALCEXT "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
#define EL XML_READER_TYPE_ELEMENT
#define END XML_READER_TYPE_END_ELEMENT

typedef struct ods {
	sheet_tab_t *tab;
	const char *path;
	char name[256]; /* the first table's */
	int tables;	/* tables begun */
	int skip_depth; /* inside something left out (another table, a comment): its depth */
	int skip_table; /* ... another table: whether it holds a value so far, else -1 */
	char skip_name[256];
	int table_depth; /* the first table's depth while inside it, else -1 */
	long col;	 /* the next cell's column */
	long row_repeat;
	int row_hidden;
	/* the cell being read */
	long repeat, rows_spanned;
	int paragraphs, in_p, error; /* in_p: depth of text:p/text:h, where text is */
	char type[16], value[80];
	sr_buf_t text;
} ods_t;

/* A repetition count: 1 when absent, bounded so that sums cannot
 * overflow (past the limits it makes no difference). */
static long repeat_attr(sheet_xml_t *r, const char *name)
{
	char v[32];
	if (!sheet_attr(r, NS_TABLE, name, v, sizeof(v)))
		return 1;
	long n = atol(v);
	return n < 1 ? 1 : n > 2 * SHEET_MAX_ROWS ? 2 * SHEET_MAX_ROWS : n;
}

/* The text a finished cell shows (see the top of the file). */
static const char *cell_value(ods_t *o, char *buf, size_t size)
{
	const char *text = o->text.data ? o->text.data : "", *t = o->type, *v = o->value;
	if (!strcmp(t, "float") || !strcmp(t, "percentage") || !strcmp(t, "currency")) {
		char *end;
		double d = strtod(v, &end);
		if (v[0] && !*end) {
			sheet_number(d, buf, size);
			return buf;
		}
	} else if (!strcmp(t, "date") && sheet_iso_date(v, buf, size)) {
		return buf;
	} else if (!strcmp(t, "time") && sheet_iso_time(v, buf, size)) {
		return buf;
	} else if (!strcmp(t, "boolean") && v[0]) {
		return !strcmp(v, "true") || !strcmp(v, "1") ? "yes" : "no";
	} else if (!strcmp(t, "string") && !text[0]) {
		return v; /* office:string-value, where the text is not written out */
	}
	return text;
}

static int cell_end(ods_t *o, sr_error_t *err)
{
	char buf[80];
	const char *v = cell_value(o, buf, sizeof(buf));
	int rc = SR_OK;
	if (o->error)
		rc = sr_error_set_col(err, SR_EINPUT, o->path, o->tab->row, o->col + 1,
				      _("the cell shows the error %s (a formula that failed): "
					"correct the formula, or type the value"),
				      v[0] ? v : "(an error value)");
	for (long i = 0; rc == SR_OK && v[0] && i < o->repeat; i++)
		rc = sheet_put(o->tab, o->col + i, v, err);
	if (rc == SR_OK && o->rows_spanned > 1)
		rc = sheet_merge(o->tab, o->tab->row, o->col, o->rows_spanned, err);
	if (o->col < 2 * SHEET_MAX_COLS)
		o->col += o->repeat;
	sr_buf_reset(&o->text);
	return rc;
}

static int cell_start(ods_t *o, sheet_xml_t *r, sr_error_t *err)
{
	o->repeat = repeat_attr(r, "number-columns-repeated");
	o->rows_spanned = repeat_attr(r, "number-rows-spanned");
	o->paragraphs = o->in_p = 0;
	char et[16];
	o->error = sheet_attr(r, NS_CALCEXT, "value-type", et, sizeof(et)) && !strcmp(et, "error");
	if (!sheet_attr(r, NS_OFFICE, "value-type", o->type, sizeof(o->type)))
		o->type[0] = '\0';
	const char *attr = !strcmp(o->type, "date")	 ? "date-value"
			   : !strcmp(o->type, "time")	 ? "time-value"
			   : !strcmp(o->type, "boolean") ? "boolean-value"
			   : !strcmp(o->type, "string")	 ? "string-value"
							 : "value";
	if (!sheet_attr(r, NS_OFFICE, attr, o->value, sizeof(o->value)))
		o->value[0] = '\0';
	sr_buf_reset(&o->text);
	return xmlTextReaderIsEmptyElement(r->xr) ? cell_end(o, err) : SR_OK;
}

/* Inside a cell: paragraphs joined by line breaks, text:s spaces; white
 * space between the paragraphs (a pretty-printed file) is none. */
static void cell_text(ods_t *o, sheet_xml_t *r)
{
	char v[16];
	if (sheet_is(r, EL, NS_TEXT, "p") || sheet_is(r, EL, NS_TEXT, "h")) {
		if (o->paragraphs++)
			sr_buf_putc(&o->text, '\n');
		o->in_p += !xmlTextReaderIsEmptyElement(r->xr);
	} else if (sheet_is(r, END, NS_TEXT, "p") || sheet_is(r, END, NS_TEXT, "h")) {
		o->in_p -= o->in_p > 0;
	} else if (sheet_is(r, EL, NS_TEXT, "s")) {
		long n = sheet_attr(r, NS_TEXT, "c", v, sizeof(v)) ? atol(v) : 1;
		for (long i = 0; i < n && i < 1000; i++)
			sr_buf_putc(&o->text, ' ');
	} else if (sheet_is(r, EL, NS_TEXT, "tab")) {
		sr_buf_putc(&o->text, '\t');
	} else if (sheet_is(r, EL, NS_TEXT, "line-break")) {
		sr_buf_putc(&o->text, '\n');
	} else if (o->in_p) {
		sheet_text(r, &o->text);
	}
}

/* One node of content.xml. */
static int on_node(ods_t *o, sheet_xml_t *r, sr_error_t *err)
{
	int depth = xmlTextReaderDepth(r->xr), empty = xmlTextReaderIsEmptyElement(r->xr);
	int type = xmlTextReaderNodeType(r->xr);
	if (o->skip_depth >= 0) {
		char v[16];
		if (o->skip_table == 0 && type == EL &&
		    sheet_attr(r, NS_OFFICE, "value-type", v, sizeof(v)))
			o->skip_table = 1;
		if (o->skip_table == 0 && type == XML_READER_TYPE_TEXT)
			o->skip_table = 1;
		if (type == END && depth == o->skip_depth) {
			o->skip_depth = -1;
			if (o->skip_table == 1)
				sheet_ignored(o->tab, o->skip_name);
		}
		return SR_OK;
	}
	if (sheet_is(r, EL, NS_TABLE, "table")) {
		char v[256] = "";
		sheet_attr(r, NS_TABLE, "name", v, sizeof(v));
		if (o->tables++ == 0) {
			snprintf(o->name, sizeof(o->name), "%s", v);
			o->table_depth = empty ? -1 : depth;
		} else if (!empty) {
			snprintf(o->skip_name, sizeof(o->skip_name), "%s", v);
			o->skip_depth = depth;
			o->skip_table = 0;
		}
		return SR_OK;
	}
	if (o->table_depth < 0)
		return SR_OK;
	if (type == END && depth == o->table_depth) {
		o->table_depth = -1;
	} else if (sheet_is(r, EL, NS_TABLE, "table-row")) {
		char v[16];
		o->row_repeat = repeat_attr(r, "number-rows-repeated");
		o->row_hidden =
			sheet_attr(r, NS_TABLE, "visibility", v, sizeof(v)) && strcmp(v, "visible");
		o->col = 0;
		if (empty)
			return sheet_row_end(o->tab, o->row_repeat, o->row_hidden, err);
	} else if (sheet_is(r, END, NS_TABLE, "table-row")) {
		return sheet_row_end(o->tab, o->row_repeat, o->row_hidden, err);
	} else if (sheet_is(r, EL, NS_TABLE, "table-cell") ||
		   sheet_is(r, EL, NS_TABLE, "covered-table-cell")) {
		return cell_start(o, r, err);
	} else if (sheet_is(r, END, NS_TABLE, "table-cell") ||
		   sheet_is(r, END, NS_TABLE, "covered-table-cell")) {
		return cell_end(o, err);
	} else if (sheet_is(r, EL, NS_OFFICE, "annotation") && !empty) {
		o->skip_depth = depth; /* a comment on the cell is no part of it */
		o->skip_table = -1;
	} else {
		cell_text(o, r);
	}
	return SR_OK;
}

/* A password-protected .ods keeps its parts encrypted, said in its manifest. */
static int encrypted(sheet_zip_t *sz)
{
	char *m = NULL;
	sr_error_t e;
	int yes = sheet_zip_has(sz, "META-INF/manifest.xml") &&
		  sheet_zip_small(sz, "META-INF/manifest.xml", 1 << 20, &m, &e) == SR_OK &&
		  strstr(m, "encryption-data");
	free(m);
	return yes;
}

int sheet_read_ods(sheet_zip_t *sz, int header, sr_csv_t **out, sr_error_t *err)
{
	if (encrypted(sz))
		return sr_error_set(
			err, SR_EINPUT, sz->path, 0,
			_("the spreadsheet is password-protected: open it in LibreOffice, "
			  "remove the password, and save it again as .ods, or save the "
			  "sheet as .csv"));
	sheet_tab_t tab;
	sheet_tab_init(&tab, sz->path);
	ods_t o = {.tab = &tab, .path = sz->path, .skip_depth = -1, .table_depth = -1};
	sr_buf_init(&o.text);
	sheet_xml_t r;
	int rc = sheet_xml_open(sz, "content.xml", &r, err), ret = 0;
	while (rc == SR_OK && (ret = sheet_xml_next(&r, err)) == 1)
		rc = on_node(&o, &r, err);
	if (rc == SR_OK && ret < 0)
		rc = SR_EINPUT;
	sheet_xml_close(&r);
	if (rc == SR_OK && !o.tables)
		rc = sr_error_set(
			err, SR_EINPUT, sz->path, 0,
			_("the spreadsheet has no sheet (damaged?): open it in LibreOffice "
			  "and save it again, or save the table as .csv"));
	if (rc == SR_OK) {
		char what[400];
		snprintf(what, sizeof(what), _("an OpenDocument spreadsheet (.ods), sheet '%s'"),
			 o.name);
		rc = sheet_finish(&tab, header, what, out, err);
	}
	sr_buf_free(&o.text);
	sheet_tab_free(&tab);
	return rc;
}
