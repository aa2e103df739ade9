/*
 * sheet.c - a coordinator's table from whatever the office sends: CSV
 * (csv.c, libcsv), or the first sheet of an Excel workbook (.xlsx, xlsx.c)
 * or an OpenDocument spreadsheet (.ods: LibreOffice, Р7-Офис, МойОфис;
 * ods.c). The kind is told by the bytes, not the name: a zip (PK\3\4) with
 * xl/workbook.xml is an .xlsx, one whose `mimetype` says
 * application/vnd.oasis.opendocument.spreadsheet an .ods; an OLE2 compound
 * file (an old .xls, or a password-protected workbook) is refused saying
 * how to save it; anything else is read as CSV.
 *
 * A sheet becomes the table the CSV reader gives (sr_csv_t): a row per
 * spreadsheet row that holds a value, its line the row number the
 * spreadsheet shows, a field per column from A, so every check above reads
 * both alike; errors at a sheet's cell name it as the spreadsheet does
 * (riders.xlsx:C5, sr_error_mark_sheet). The bounds (SHEET_MAX_*) hold
 * while reading: an empty row repeated a million times costs nothing, a
 * million values are refused.
 */
#define _DEFAULT_SOURCE /* timegm */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "io/internal.h"
#include "io/sheet.h"
#include "util/i18n.h"

void sheet_tab_init(sheet_tab_t *t, const char *path)
{
	memset(t, 0, sizeof(*t));
	t->path = path;
	t->csv = xcalloc(1, sizeof(*t->csv));
	t->csv->path = xstrdup(path);
	t->row = 1;
	t->last = -1;
	sr_buf_init(&t->ignored);
}

static void clear_cells(sheet_tab_t *t)
{
	for (size_t i = 0; i < t->n_cells; i++) {
		free(t->cells[i]);
		t->cells[i] = NULL;
	}
	t->n_cells = 0;
	t->last = -1;
}

void sheet_tab_free(sheet_tab_t *t)
{
	clear_cells(t);
	free(t->cells);
	free(t->merges);
	sr_buf_free(&t->ignored);
	sr_csv_free(t->csv);
	memset(t, 0, sizeof(*t));
}

int sheet_put(sheet_tab_t *t, long col, const char *text, sr_error_t *err)
{
	if (!text[0])
		return SR_OK;
	if (col < 0 || col >= SHEET_MAX_COLS)
		return sr_error_set(err, SR_EINPUT, t->path, t->row,
				    _("a value beyond the last column a spreadsheet has (%ld)"),
				    SHEET_MAX_COLS);
	size_t need = (size_t)col + 1;
	if (need > t->n_cells) {
		sr_grow(&t->cells, &t->cap_cells, need, sizeof(char *));
		memset(t->cells + t->n_cells, 0, (need - t->n_cells) * sizeof(char *));
		t->n_cells = need;
	}
	free(t->cells[col]);
	t->cells[col] = xstrdup(text);
	if (col > t->last)
		t->last = col;
	return SR_OK;
}

/* Appends the current row's cells as a row on sheet row `line`. */
static void keep_row(sheet_tab_t *t, long line)
{
	sr_csv_t *csv = t->csv;
	int n = (int)t->last + 1;
	sr_grow(&csv->rows, &csv->cap_rows, csv->n_rows + 1, sizeof(sr_csv_row_t));
	sr_csv_row_t *row = &csv->rows[csv->n_rows++];
	row->n = n;
	row->line = line;
	row->fields = xreallocarray(NULL, (size_t)n, sizeof(char *));
	for (int j = 0; j < n; j++)
		row->fields[j] = xstrdup(t->cells[j] ? t->cells[j] : "");
	t->kept += n;
}

int sheet_row_end(sheet_tab_t *t, long repeat, int hidden, sr_error_t *err)
{
	int rc = SR_OK;
	for (long r = 0; t->last >= 0 && r < repeat; r++) {
		if (t->row + r > SHEET_MAX_ROWS) {
			rc = sr_error_set(err, SR_EINPUT, t->path, t->row + r,
					  _("a value below the last row a spreadsheet has (%ld)"),
					  SHEET_MAX_ROWS);
			break;
		}
		if (t->kept + t->last + 1 > SHEET_MAX_CELLS) {
			rc = sr_error_set(
				err, SR_EINPUT, t->path, t->row + r,
				_("the sheet holds more than %ld cells (a value repeated down or "
				  "across the whole sheet?): a district's table is far smaller; "
				  "delete what lies outside the table"),
				SHEET_MAX_CELLS);
			break;
		}
		keep_row(t, t->row + r);
		if (hidden && t->n_hidden++ < 4)
			t->hidden[t->n_hidden - 1] = t->row + r;
	}
	clear_cells(t);
	t->row += repeat;
	return rc;
}

void sheet_ignored(sheet_tab_t *t, const char *name)
{
	sr_buf_printf(&t->ignored, "%s'%s'", t->ignored.len ? ", " : "", name);
}

int sheet_merge(sheet_tab_t *t, long row, long col, long rows, sr_error_t *err)
{
	if (rows < 2 || col < 0 || col >= SHEET_MAX_COLS)
		return SR_OK;
	if (t->n_merges >= SHEET_MAX_MERGES)
		return sr_error_set(
			err, SR_EINPUT, t->path, row,
			_("more than %d merged ranges: a district's table has far fewer; "
			  "unmerge the cells"),
			SHEET_MAX_MERGES);
	sr_grow(&t->merges, &t->cap_merges, t->n_merges + 1, sizeof(sheet_merge_t));
	t->merges[t->n_merges++] = (sheet_merge_t){row, col, rows};
	return SR_OK;
}

/* The index of the first kept row on sheet row line or below (rows are in
 * order). */
static size_t row_index(const sr_csv_t *csv, long line)
{
	size_t lo = 0, hi = csv->n_rows;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (csv->rows[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Widens a row to n fields with empty ones. */
static void widen(sr_csv_row_t *row, int n)
{
	if (row->n >= n)
		return;
	row->fields = xreallocarray(row->fields, (size_t)n, sizeof(char *));
	for (int j = row->n; j < n; j++)
		row->fields[j] = xstrdup("");
	row->n = n;
}

/* A range merged over rows shows its value on each of them: each kept row
 * of it gets the value in the range's first column where it has none (a
 * session's name merged down its groups' rows). Rows that hold nothing
 * else stay out. The rows walked are bounded (overlapping ranges of a
 * crafted file). Returns how many ranges were filled, or -1 past the
 * bound. */
static int fill_merges(sheet_tab_t *t)
{
	sr_csv_t *csv = t->csv;
	int filled = 0;
	long steps = 0;
	for (size_t i = 0; i < t->n_merges; i++) {
		const sheet_merge_t *m = &t->merges[i];
		size_t k = row_index(csv, m->row);
		if (k == csv->n_rows || csv->rows[k].line != m->row)
			continue;
		const sr_csv_row_t *top = &csv->rows[k];
		if (top->n <= m->col || !top->fields[m->col][0])
			continue;
		int any = 0;
		for (k++; k < csv->n_rows && csv->rows[k].line < m->row + m->rows; k++) {
			sr_csv_row_t *row = &csv->rows[k];
			if (++steps > SHEET_MAX_CELLS)
				return -1;
			widen(row, (int)m->col + 1);
			if (row->fields[m->col][0])
				continue;
			free(row->fields[m->col]);
			row->fields[m->col] = xstrdup(top->fields[m->col]);
			any = 1;
		}
		filled += any;
	}
	return filled;
}

int sheet_finish(sheet_tab_t *t, int header, const char *what, sr_csv_t **out, sr_error_t *err)
{
	sr_csv_t *csv = t->csv;
	if (header && csv->n_rows == 0)
		return sr_error_set(
			err, SR_EINPUT, t->path, 0,
			_("%s, holds no value: the table is read from the first sheet (the "
			  "leftmost tab)%s%s%s"),
			what, t->ignored.len ? _("; drag the sheet with the table (") : "",
			t->ignored.len ? t->ignored.data : "",
			t->ignored.len ? _(") to the first place") : "");
	int filled = fill_merges(t);
	if (filled < 0)
		return sr_error_set(err, SR_EINPUT, t->path, 0,
				    _("merged ranges over more than %ld cells: unmerge the cells"),
				    SHEET_MAX_CELLS);
	/* a row ends at its last value: the header's width is the table's */
	for (size_t r = 1; header && r < csv->n_rows; r++)
		widen(&csv->rows[r], csv->rows[0].n);
	io_trim_fields(csv);
	sr_info(_("%s: read as %s"), t->path, what);
	if (t->ignored.len)
		sr_warn(_("%s: only the first sheet is read; the other sheets with values (%s) "
			  "are ignored"),
			t->path, t->ignored.data);
	if (filled)
		sr_info(_n("%s: %d merged range(s) over several rows read as their value on each row",
			   "%s: %d merged range(s) over several rows read as their value on each row",
			   filled),
			t->path, filled);
	if (t->n_hidden) {
		char rows[80] = "";
		for (long i = 0; i < t->n_hidden && i < 4; i++)
			snprintf(rows + strlen(rows), sizeof(rows) - strlen(rows), "%s%ld",
				 i ? ", " : "", t->hidden[i]);
		sr_warn(_n("%s: %ld hidden row(s) with values (row %s%s) are read as every other "
			   "row: delete them from the sheet if they are not to be planned",
			   "%s: %ld hidden row(s) with values (row %s%s) are read as every other "
			   "row: delete them from the sheet if they are not to be planned",
			   t->n_hidden),
			t->path, t->n_hidden, rows, t->n_hidden > 4 ? ", …" : "");
	}
	*out = csv;
	t->csv = NULL;
	return SR_OK;
}

/* ---- values ---- */

void sheet_number(double v, char *buf, size_t size)
{
	if (v == 0)
		v = 0; /* no "-0" */
	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(buf, size, "%.0f", v);
	else
		snprintf(buf, size, "%.15g", v);
}

/* A day (days since 1970-01-01) as YYYY-MM-DD. */
static void unix_day(long long day, char *buf, size_t size)
{
	time_t t = (time_t)day * 86400;
	struct tm tm;
	if (!gmtime_r(&t, &tm)) {
		snprintf(buf, size, "%lld", day);
		return;
	}
	snprintf(buf, size, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void sheet_serial(double v, int kind, int date1904, char *buf, size_t size)
{
	if (!isfinite(v) || v < 0 || v > 2958466.0 || kind == SHEET_NUMBER) {
		sheet_number(v, buf, size);
		return;
	}
	long long mins = llround(v * 1440.0);
	if (kind == SHEET_TIME || kind == SHEET_ELAPSED) {
		long long m = kind == SHEET_TIME ? mins % 1440 : mins;
		snprintf(buf, size, "%02lld:%02lld", m / 60, m % 60);
		return;
	}
	long long day = kind == SHEET_DATE ? (long long)floor(v) : mins / 1440;
	char date[32];
	/* the 1900 system counts a 29 February 1900 that was not (as Lotus
	 * 1-2-3 did): serial 60 is it, and the days before it are one off */
	if (!date1904 && day == 60)
		snprintf(date, sizeof(date), "1900-02-29");
	else
		unix_day(date1904 ? day - 24107 : day - (day < 60 ? 25568 : 25569), date,
			 sizeof(date));
	if (kind == SHEET_DATE)
		snprintf(buf, size, "%s", date);
	else
		snprintf(buf, size, "%s %02lld:%02lld", date, mins % 1440 / 60, mins % 60);
}

int sheet_iso_date(const char *s, char *buf, size_t size)
{
	int y, mo, d, n = 0;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || mo < 1 || mo > 12 || d < 1 ||
	    d > 31)
		return 0;
	int h = 0, mi = 0;
	double sec = 0;
	if (s[n] == 'T' && sscanf(s + n + 1, "%2d:%2d:%lf", &h, &mi, &sec) < 2)
		return 0;
	struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d};
	time_t t = timegm(&tm) + (time_t)llround((h * 3600 + mi * 60 + sec) / 60.0) * 60;
	if (!gmtime_r(&t, &tm))
		return 0;
	int len =
		snprintf(buf, size, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	if (tm.tm_hour || tm.tm_min)
		snprintf(buf + len, size - (size_t)len, " %02d:%02d", tm.tm_hour, tm.tm_min);
	return 1;
}

int sheet_iso_time(const char *s, char *buf, size_t size)
{
	const char *p = s;
	int neg = *p == '-';
	p += neg;
	if (*p++ != 'P')
		return 0;
	double secs = 0;
	int in_time = 0, any = 0;
	while (*p) {
		if (*p == 'T') {
			in_time = 1;
			p++;
			continue;
		}
		char *end;
		double v = strtod(p, &end);
		if (end == p || v < 0)
			return 0;
		double unit = *end == 'D' && !in_time  ? 86400
			      : *end == 'H' && in_time ? 3600
			      : *end == 'M' && in_time ? 60
			      : *end == 'S' && in_time ? 1
						       : 0;
		if (unit == 0 || v > 1e9)
			return 0;
		secs += v * unit;
		any = 1;
		p = end + 1;
	}
	if (!any)
		return 0;
	long long m = llround(secs / 60.0) % 1440;
	if (neg && m)
		m = 1440 - m;
	snprintf(buf, size, "%02lld:%02lld", m / 60, m % 60);
	return 1;
}

/* ---- which reader ---- */

/* What a zip that is no spreadsheet is, in words; NULL for a spreadsheet
 * (*kind 'x' for .xlsx, 'o' for .ods). */
static const char *zip_kind(sheet_zip_t *sz, char *kind, sr_error_t *err)
{
	*kind = 0;
	if (sheet_zip_has(sz, "xl/workbook.xml")) {
		*kind = 'x';
		return NULL;
	}
	if (sheet_zip_has(sz, "mimetype")) {
		char *mt = NULL;
		if (sheet_zip_small(sz, "mimetype", 128, &mt, err) == SR_OK &&
		    !strncmp(mt, "application/vnd.oasis.opendocument.spreadsheet", 46))
			*kind = 'o';
		free(mt);
		if (*kind)
			return NULL;
		return "an OpenDocument file that is not a spreadsheet (a text or a drawing?)";
	}
	if (sheet_zip_has(sz, "xl/workbook.bin"))
		return "an Excel binary workbook (.xlsb), which schoolrun does not read";
	if (sheet_zip_has(sz, "word/document.xml"))
		return "a Word document, not a spreadsheet";
	return "a zip archive, not a spreadsheet";
}

static int read_zip(const char *path, int header, sr_csv_t **out, sr_error_t *err)
{
	sheet_zip_t sz;
	int rc = sheet_zip_open(&sz, path, err);
	if (rc)
		return rc;
	char kind;
	const char *not = zip_kind(&sz, &kind, err);
	if (not )
		rc = sr_error_set(
			err, SR_EINPUT, path, 0,
			_("%s: open the table in Excel or LibreOffice and save it as .xlsx, "
			  ".ods or .csv"),
			not );
	else if (kind == 'x')
		rc = sheet_read_xlsx(&sz, header, out, err);
	else
		rc = sheet_read_ods(&sz, header, out, err);
	sheet_zip_close(&sz);
	return rc;
}

int sr_table_read(const char *path, int header, sr_csv_t **out, sr_error_t *err)
{
	unsigned char magic[8] = {0};
	FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : NULL;
	size_t n = fp ? fread(magic, 1, sizeof(magic), fp) : 0;
	if (fp)
		fclose(fp);
	static const unsigned char ole2[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
	if (n == 8 && !memcmp(magic, ole2, 8))
		return sr_error_set(
			err, SR_EINPUT, path, 0,
			_("an old Excel workbook (.xls) or a password-protected one (an OLE2 file, "
			  "which schoolrun does not read): open it in Excel or LibreOffice, remove "
			  "any password, and save it as .xlsx or .csv"));
	if (n >= 4 && magic[0] == 'P' && magic[1] == 'K' &&
	    ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6))) {
		sr_error_mark_sheet(path);
		return read_zip(path, header, out, err);
	}
	return sr_csv_read(path, header, out, err);
}
