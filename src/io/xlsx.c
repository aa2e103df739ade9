/*
 * xlsx.c - the first sheet of an Excel workbook (Office Open XML,
 * ECMA-376 part 1, SpreadsheetML) into a table (sheet.h). The parts are
 * streamed one after another with xmlTextReader: xl/workbook.xml (the
 * sheets in tab order, the date system), its relationships (which part is
 * the first sheet, the shared strings, the styles), xl/styles.xml (which
 * cell formats show a time or a date: built-in number formats 14-22 and
 * 45-47, custom ones by their codes' h/m/s and y/d), the shared strings
 * (rich-text runs joined, phonetic runs left out), then the sheet, cell by
 * cell, never as a tree.
 *
 * A cell reads as Excel shows it: a shared or inline string as its text, a
 * number without ".0" (sheet_number), a time-formatted number as HH:MM
 * (0.666… -> 16:00), a date-formatted one as YYYY-MM-DD, TRUE/FALSE as
 * yes/no. An error cell (#N/A, #REF!) is an input error at its cell.
 * Formulas are not evaluated: the value Excel saved with them is read.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "io/sheet.h"
#include "util/i18n.h"

#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_REL_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"
#define EL XML_READER_TYPE_ELEMENT
#define END XML_READER_TYPE_END_ELEMENT

typedef struct fmt {
	int id;
	unsigned char kind;
} fmt_t;

typedef struct other {
	char name[256], rid[128], part[512];
} other_t;

typedef struct xlsx {
	sheet_zip_t *sz;
	const char *path;
	int date1904;
	char rid[128], name[256]; /* the first sheet: its relationship, its name */
	char sheet_part[512], sst_part[512], styles_part[512];
	char **sst; /* shared strings */
	size_t n_sst, cap_sst;
	unsigned char *xf; /* cell format -> SHEET_NUMBER, SHEET_TIME... */
	size_t n_xf, cap_xf;
	fmt_t *fmt; /* custom number formats */
	size_t n_fmt, cap_fmt;
	other_t *other; /* the other sheets */
	size_t n_other, cap_other;
} xlsx_t;

/* The part a relationship's target names (relative to xl/ or absolute). */
static void part_of(const char *target, char *out, size_t size)
{
	if (target[0] == '/')
		snprintf(out, size, "%s", target + 1);
	else
		snprintf(out, size, "xl/%s", target + (!strncmp(target, "./", 2) ? 2 : 0));
}

static int is_true(const char *v)
{
	return !strcmp(v, "1") || !strcmp(v, "true");
}

/* The sheets in tab order: the first is the table, the others named for
 * the warning; and the date system. */
static int read_workbook(xlsx_t *x, sr_error_t *err)
{
	sheet_xml_t r;
	int rc = sheet_xml_open(x->sz, "xl/workbook.xml", &r, err), ret;
	if (rc)
		return rc;
	char v[256], rid[128];
	while ((ret = sheet_xml_next(&r, err)) == 1) {
		if (sheet_is(&r, EL, NULL, "workbookPr") && sheet_attr(&r, NULL, "date1904", v, 8))
			x->date1904 = is_true(v);
		if (!sheet_is(&r, EL, NULL, "sheet") || !sheet_attr(&r, NULL, "name", v, sizeof(v)))
			continue;
		if (!sheet_attr(&r, NS_REL, "id", rid, sizeof(rid)) &&
		    !sheet_attr(&r, NS_REL_STRICT, "id", rid, sizeof(rid)))
			rid[0] = '\0';
		if (!x->name[0] && rid[0]) {
			snprintf(x->name, sizeof(x->name), "%s", v);
			snprintf(x->rid, sizeof(x->rid), "%s", rid);
		} else {
			sr_grow(&x->other, &x->cap_other, x->n_other + 1, sizeof(other_t));
			other_t *o = &x->other[x->n_other++];
			memset(o, 0, sizeof(*o));
			snprintf(o->name, sizeof(o->name), "%s", v);
			snprintf(o->rid, sizeof(o->rid), "%s", rid);
		}
	}
	sheet_xml_close(&r);
	if (ret < 0)
		return SR_EINPUT;
	if (!x->name[0])
		return sr_error_set(err, SR_EINPUT, x->path, 0,
				    _("the workbook has no sheet (damaged?): open it in Excel or "
				      "LibreOffice and save it again, or save the table as .csv"));
	return SR_OK;
}

/* Which parts hold the first sheet, the shared strings and the styles. */
static int read_rels(xlsx_t *x, sr_error_t *err)
{
	sheet_xml_t r;
	int rc = sheet_xml_open(x->sz, "xl/_rels/workbook.xml.rels", &r, err), ret;
	if (rc)
		return rc;
	char id[128], type[256], target[400];
	while ((ret = sheet_xml_next(&r, err)) == 1) {
		if (!sheet_is(&r, EL, NULL, "Relationship") ||
		    !sheet_attr(&r, NULL, "Id", id, sizeof(id)) ||
		    !sheet_attr(&r, NULL, "Target", target, sizeof(target)))
			continue;
		if (!sheet_attr(&r, NULL, "Type", type, sizeof(type)))
			type[0] = '\0';
		const char *kind = strrchr(type, '/');
		kind = kind ? kind + 1 : "";
		for (size_t i = 0; i < x->n_other; i++)
			if (!strcmp(id, x->other[i].rid))
				part_of(target, x->other[i].part, sizeof(x->other[i].part));
		if (!strcmp(id, x->rid))
			part_of(target, x->sheet_part, sizeof(x->sheet_part));
		else if (!strcmp(kind, "sharedStrings"))
			part_of(target, x->sst_part, sizeof(x->sst_part));
		else if (!strcmp(kind, "styles"))
			part_of(target, x->styles_part, sizeof(x->styles_part));
	}
	sheet_xml_close(&r);
	if (ret < 0)
		return SR_EINPUT;
	if (!x->sheet_part[0])
		return sr_error_set(
			err, SR_EINPUT, x->path, 0,
			_("the workbook names no part for its sheet '%s' (damaged?): open "
			  "it in Excel or LibreOffice and save it again"),
			x->name);
	return SR_OK;
}

/* What a custom number format shows, from its first section's codes:
 * quoted text, escapes and [colour]/[$-419] brackets left out; [h], [mm],
 * [ss] are elapsed time; h or s a time; y or d (or m alone) a date. */
static unsigned char fmt_kind(const char *code)
{
	int date = 0, time = 0, elapsed = 0, month = 0;
	for (const char *p = code; *p && *p != ';'; p++) {
		char c = (char)tolower((unsigned char)*p);
		if (c == '"') {
			const char *q = strchr(p + 1, '"');
			if (!q)
				break;
			p = q;
		} else if (c == '\\' || c == '_' || c == '*') {
			if (p[1])
				p++;
		} else if (c == '[') {
			const char *q = strchr(p, ']');
			if (!q)
				break;
			size_t n = (size_t)(q - p - 1);
			elapsed |= n > 0 && strspn(p + 1, "hHmMsS") == n;
			p = q;
		} else {
			time |= c == 'h' || c == 's';
			date |= c == 'y' || c == 'd';
			month |= c == 'm';
		}
	}
	return elapsed	       ? SHEET_ELAPSED
	       : date && time  ? SHEET_DATETIME
	       : time	       ? SHEET_TIME
	       : date || month ? SHEET_DATE
			       : SHEET_NUMBER;
}

/* What a number format id shows: a custom one by its code, else the
 * built-in ones (ECMA-376 part 1, 18.8.30). */
static unsigned char id_kind(const xlsx_t *x, int id)
{
	for (size_t i = 0; i < x->n_fmt; i++)
		if (x->fmt[i].id == id)
			return x->fmt[i].kind;
	if (id >= 14 && id <= 17)
		return SHEET_DATE;
	if ((id >= 18 && id <= 21) || id == 45 || id == 47)
		return SHEET_TIME;
	if (id == 46)
		return SHEET_ELAPSED;
	if (id == 22)
		return SHEET_DATETIME;
	return SHEET_NUMBER;
}

/* The cell formats (cellXfs) and what each shows. */
static int read_styles(xlsx_t *x, sr_error_t *err)
{
	if (!x->styles_part[0] || !sheet_zip_has(x->sz, x->styles_part))
		return SR_OK; /* no styles: every number is a number */
	sheet_xml_t r;
	int rc = sheet_xml_open(x->sz, x->styles_part, &r, err), ret, in_xfs = 0;
	if (rc)
		return rc;
	char v[32], code[256];
	while ((ret = sheet_xml_next(&r, err)) == 1) {
		if (sheet_is(&r, EL, NULL, "numFmt") && sheet_attr(&r, NULL, "numFmtId", v, 32) &&
		    sheet_attr(&r, NULL, "formatCode", code, sizeof(code))) {
			sr_grow(&x->fmt, &x->cap_fmt, x->n_fmt + 1, sizeof(fmt_t));
			x->fmt[x->n_fmt++] = (fmt_t){atoi(v), fmt_kind(code)};
		} else if (sheet_is(&r, EL, NULL, "cellXfs")) {
			in_xfs = !xmlTextReaderIsEmptyElement(r.xr);
		} else if (sheet_is(&r, END, NULL, "cellXfs")) {
			in_xfs = 0;
		} else if (in_xfs && sheet_is(&r, EL, NULL, "xf")) {
			int id = sheet_attr(&r, NULL, "numFmtId", v, sizeof(v)) ? atoi(v) : 0;
			sr_grow(&x->xf, &x->cap_xf, x->n_xf + 1, 1);
			x->xf[x->n_xf++] = id_kind(x, id);
		}
	}
	sheet_xml_close(&r);
	return ret < 0 ? SR_EINPUT : SR_OK;
}

static int sst_push(xlsx_t *x, const char *s, sr_error_t *err)
{
	if (x->n_sst >= SHEET_MAX_CELLS)
		return sr_error_set(
			err, SR_EINPUT, x->path, 0,
			_("the workbook holds more than %ld strings: a district's table "
			  "is far smaller"),
			SHEET_MAX_CELLS);
	sr_grow(&x->sst, &x->cap_sst, x->n_sst + 1, sizeof(char *));
	x->sst[x->n_sst++] = xstrdup(s);
	return SR_OK;
}

/* The shared strings: each <si> is its <t> texts joined (a plain string,
 * or the runs of rich text), phonetic guides (<rPh>) left out. */
static int read_sst(xlsx_t *x, sr_error_t *err)
{
	if (!x->sst_part[0] && sheet_zip_has(x->sz, "xl/sharedStrings.xml"))
		snprintf(x->sst_part, sizeof(x->sst_part), "xl/sharedStrings.xml");
	if (!x->sst_part[0] || !sheet_zip_has(x->sz, x->sst_part))
		return SR_OK; /* no strings: a cell that refers to one is an error */
	sheet_xml_t r;
	int rc = sheet_xml_open(x->sz, x->sst_part, &r, err), ret, in_t = 0, in_rph = 0;
	if (rc)
		return rc;
	sr_buf_t b;
	sr_buf_init(&b);
	while (rc == SR_OK && (ret = sheet_xml_next(&r, err)) == 1) {
		int empty = xmlTextReaderIsEmptyElement(r.xr);
		if (sheet_is(&r, EL, NULL, "si")) {
			sr_buf_reset(&b);
			if (empty)
				rc = sst_push(x, "", err);
		} else if (sheet_is(&r, END, NULL, "si")) {
			rc = sst_push(x, b.data ? b.data : "", err);
		} else if (sheet_is(&r, EL, NULL, "rPh") || sheet_is(&r, END, NULL, "rPh")) {
			in_rph = sheet_is(&r, EL, NULL, "rPh") && !empty;
		} else if (sheet_is(&r, EL, NULL, "t") || sheet_is(&r, END, NULL, "t")) {
			in_t = sheet_is(&r, EL, NULL, "t") && !empty;
		} else if (in_t && !in_rph) {
			sheet_text(&r, &b);
		}
	}
	sr_buf_free(&b);
	sheet_xml_close(&r);
	return rc ? rc : ret < 0 ? SR_EINPUT : SR_OK;
}

/* ---- the sheet ---- */

typedef struct cell {
	long col, prev_col;
	int style, in_v, in_t, in_is, in_rph, row_hidden;
	char type[16];
	sr_buf_t text;
} cell_t;

/* A cell reference (C5) as a column (0-based) and a row; 0 when it is none. */
static int parse_ref(const char *s, long *col, long *row)
{
	long c = 0, r = 0;
	const char *p = s;
	while (isalpha((unsigned char)*p) && c <= SHEET_MAX_COLS)
		c = c * 26 + (toupper((unsigned char)*p++) - 'A' + 1);
	while (isdigit((unsigned char)*p) && r <= SHEET_MAX_ROWS)
		r = r * 10 + (*p++ - '0');
	if (c == 0 || c > SHEET_MAX_COLS || (row && (r == 0 || r > SHEET_MAX_ROWS)))
		return 0;
	*col = c - 1;
	if (row)
		*row = r;
	return 1;
}

/* The text a finished cell shows (see the top of the file). */
static int cell_value(xlsx_t *x, sheet_tab_t *tab, cell_t *c, char *buf, size_t size,
		      const char **out, sr_error_t *err)
{
	const char *v = c->text.data ? c->text.data : "", *t = c->type;
	*out = v;
	if (!strcmp(t, "s")) {
		char *end;
		long i = strtol(v, &end, 10);
		if (end == v || *end || i < 0 || (size_t)i >= x->n_sst)
			return sr_error_set_col(err, SR_EINPUT, x->path, tab->row, c->col + 1,
						_("the cell refers to shared string %s, which the "
						  "workbook lacks (damaged?)"),
						v);
		*out = x->sst[i];
	} else if (!strcmp(t, "e")) {
		return sr_error_set_col(err, SR_EINPUT, x->path, tab->row, c->col + 1,
					_("the cell shows the error %s (a formula that failed): "
					  "correct the formula, or type the value"),
					v);
	} else if (!strcmp(t, "b")) {
		*out = !v[0] ? "" : is_true(v) ? "yes" : "no";
	} else if (!strcmp(t, "d")) {
		if (sheet_iso_date(v, buf, size))
			*out = buf;
	} else if (!t[0] || !strcmp(t, "n")) {
		char *end;
		double d = strtod(v, &end);
		if (v[0] && !*end) {
			int kind = c->style >= 0 && (size_t)c->style < x->n_xf ? x->xf[c->style]
									       : SHEET_NUMBER;
			sheet_serial(d, kind, x->date1904, buf, size);
			*out = buf;
		}
	}
	return SR_OK; /* str, inlineStr: the text as it is */
}

static int cell_end(xlsx_t *x, sheet_tab_t *tab, cell_t *c, sr_error_t *err)
{
	char buf[64];
	const char *v;
	int rc = cell_value(x, tab, c, buf, sizeof(buf), &v, err);
	if (rc == SR_OK)
		rc = sheet_put(tab, c->col, v, err);
	c->prev_col = c->col;
	sr_buf_reset(&c->text);
	c->in_v = c->in_t = c->in_is = c->in_rph = 0;
	return rc;
}

/* A <row> or a <c> begins. */
static int on_start(xlsx_t *x, sheet_tab_t *tab, sheet_xml_t *r, cell_t *c, sr_error_t *err)
{
	char v[32];
	long row;
	int empty = xmlTextReaderIsEmptyElement(r->xr);
	if (sheet_is(r, EL, NULL, "row")) {
		if (sheet_attr(r, NULL, "r", v, sizeof(v))) {
			row = atol(v);
			if (row < tab->row || row > SHEET_MAX_ROWS)
				return sr_error_set(err, SR_EINPUT, x->path, tab->row,
						    _("row %s out of order (damaged?)"), v);
			tab->row = row;
		}
		c->row_hidden = sheet_attr(r, NULL, "hidden", v, sizeof(v)) && is_true(v);
		c->prev_col = -1;
		return empty ? sheet_row_end(tab, 1, c->row_hidden, err) : SR_OK;
	}
	c->col = c->prev_col + 1;
	if (sheet_attr(r, NULL, "r", v, sizeof(v)) && !parse_ref(v, &c->col, &row))
		return sr_error_set(err, SR_EINPUT, x->path, tab->row,
				    _("a cell reference '%s' no spreadsheet has (damaged?)"), v);
	if (!sheet_attr(r, NULL, "t", c->type, sizeof(c->type)))
		c->type[0] = '\0';
	c->style = sheet_attr(r, NULL, "s", v, sizeof(v)) ? atoi(v) : -1;
	return empty ? cell_end(x, tab, c, err) : SR_OK;
}

/* A merged range (A3:A5): filled down when it spans rows. */
static int on_merge(sheet_tab_t *tab, sheet_xml_t *r, sr_error_t *err)
{
	char v[64];
	long c0, r0, c1, r1;
	char *colon = sheet_attr(r, NULL, "ref", v, sizeof(v)) ? strchr(v, ':') : NULL;
	if (colon && parse_ref(v, &c0, &r0) && parse_ref(colon + 1, &c1, &r1) && r1 > r0)
		return sheet_merge(tab, r0, c0, r1 - r0 + 1, err);
	return SR_OK;
}

/* Notes whether the text that comes is a value (<v>) or an inline string's
 * text (<is><t>, not a phonetic guide's <rPh>). */
static void in_element(cell_t *c, const char *name, int in)
{
	if (!strcmp(name, "v"))
		c->in_v = in;
	else if (!strcmp(name, "is"))
		c->in_is = in;
	else if (!strcmp(name, "t"))
		c->in_t = in;
	else if (!strcmp(name, "rPh"))
		c->in_rph = in;
}

static int read_sheet(xlsx_t *x, sheet_tab_t *tab, sr_error_t *err)
{
	sheet_xml_t r;
	int rc = sheet_xml_open(x->sz, x->sheet_part, &r, err), ret;
	if (rc)
		return rc;
	cell_t c = {.prev_col = -1};
	sr_buf_init(&c.text);
	while (rc == SR_OK && (ret = sheet_xml_next(&r, err)) == 1) {
		int type = xmlTextReaderNodeType(r.xr), empty = xmlTextReaderIsEmptyElement(r.xr);
		const char *n = (const char *)xmlTextReaderConstLocalName(r.xr);
		if (type == EL && (!strcmp(n, "row") || !strcmp(n, "c")))
			rc = on_start(x, tab, &r, &c, err);
		else if (type == END && !strcmp(n, "c"))
			rc = cell_end(x, tab, &c, err);
		else if (type == END && !strcmp(n, "row"))
			rc = sheet_row_end(tab, 1, c.row_hidden, err);
		else if (type == EL && !strcmp(n, "mergeCell"))
			rc = on_merge(tab, &r, err);
		else if ((type == EL && !empty) || type == END)
			in_element(&c, n, type == EL);
		else if (c.in_v || (c.in_is && c.in_t && !c.in_rph))
			sheet_text(&r, &c.text);
	}
	sr_buf_free(&c.text);
	sheet_xml_close(&r);
	return rc ? rc : ret < 0 ? SR_EINPUT : SR_OK;
}

/* Whether another sheet holds a value: its part streamed to its first
 * <v> or inline string (one that cannot be read is said to). */
static int holds_value(xlsx_t *x, const char *part)
{
	sheet_xml_t r;
	sr_error_t e;
	if (!part[0] || !sheet_zip_has(x->sz, part) || sheet_xml_open(x->sz, part, &r, &e))
		return 0;
	int ret;
	while ((ret = sheet_xml_next(&r, &e)) == 1)
		if ((sheet_is(&r, EL, NULL, "v") || sheet_is(&r, EL, NULL, "is")) &&
		    !xmlTextReaderIsEmptyElement(r.xr))
			break;
	sheet_xml_close(&r);
	return ret != 0;
}

int sheet_read_xlsx(sheet_zip_t *sz, int header, sr_csv_t **out, sr_error_t *err)
{
	xlsx_t x = {.sz = sz, .path = sz->path};
	sheet_tab_t tab;
	sheet_tab_init(&tab, sz->path);
	int rc = read_workbook(&x, err);
	if (!rc)
		rc = read_rels(&x, err);
	if (!rc)
		rc = read_styles(&x, err);
	if (!rc)
		rc = read_sst(&x, err);
	if (!rc)
		rc = read_sheet(&x, &tab, err);
	for (size_t i = 0; !rc && i < x.n_other; i++)
		if (holds_value(&x, x.other[i].part))
			sheet_ignored(&tab, x.other[i].name);
	if (!rc) {
		char what[400];
		snprintf(what, sizeof(what), _("an Excel workbook (.xlsx), sheet '%s'"), x.name);
		rc = sheet_finish(&tab, header, what, out, err);
	}
	sheet_tab_free(&tab);
	for (size_t i = 0; i < x.n_sst; i++)
		free(x.sst[i]);
	free(x.sst);
	free(x.xf);
	free(x.fmt);
	free(x.other);
	return rc;
}
