/* csv.c - every CSV read and written by schoolrun goes through libcsv.
 *
 * Reading is strict (CSV_STRICT | CSV_STRICT_FINI): a stray quote is an error,
 * not a silently merged field. The file is fed to the parser one line at a
 * time so that every record and every error carries the line it is on.
 *
 * What a Russian spreadsheet saves is read as it is: a UTF-8 byte-order mark
 * is skipped; a file that is not valid UTF-8 but decodes as Windows-1251 (what
 * Russian Excel's "CSV" export writes) is converted with iconv(3); a header
 * row with more semicolons than commas (Excel's list separator in the Russian
 * locale) makes the semicolon the delimiter (libcsv's csv_set_delim); CRLF
 * line ends are stripped. A warning names the file and says what was found,
 * so a coordinator knows how it was read. The detection follows what
 * spreadsheet importers do (LibreOffice's text import dialog guesses the
 * character set and the separator from the first line). */
#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/io.h"
#include "io/internal.h"
#include "util/i18n.h"

struct rd {
	sr_csv_t *csv;
	char **fields;
	size_t n_fields, cap_fields;
	long line;
	long rec_start; /* the line the record being read began on */
};

static void on_field(void *s, size_t len, void *data)
{
	struct rd *r = data;
	sr_grow(&r->fields, &r->cap_fields, r->n_fields + 1, sizeof(char *));
	r->fields[r->n_fields++] = xstrndup(s ? s : "", s ? len : 0);
}

static void on_record(int c, void *data)
{
	(void)c;
	struct rd *r = data;
	sr_csv_t *csv = r->csv;
	/* a record of one empty field is a blank line: skip it */
	if (r->n_fields == 1 && r->fields[0][0] == '\0') {
		free(r->fields[0]);
		r->n_fields = 0;
		return;
	}
	sr_grow(&csv->rows, &csv->cap_rows, csv->n_rows + 1, sizeof(sr_csv_row_t));
	sr_csv_row_t *row = &csv->rows[csv->n_rows++];
	row->n = (int)r->n_fields;
	row->fields = xreallocarray(NULL, r->n_fields ? r->n_fields : 1, sizeof(char *));
	memcpy(row->fields, r->fields, r->n_fields * sizeof(char *));
	row->line = r->line;
	r->n_fields = 0;
	r->rec_start = r->line + 1;
}

void sr_csv_free(sr_csv_t *csv)
{
	if (!csv)
		return;
	for (size_t i = 0; i < csv->n_rows; i++) {
		for (int j = 0; j < csv->rows[i].n; j++)
			free(csv->rows[i].fields[j]);
		free(csv->rows[i].fields);
	}
	free(csv->rows);
	free(csv->path);
	free(csv);
}

/* Windows-1251 to UTF-8 with iconv. Windows-1251 leaves one byte (0x98)
 * undefined; a file holding it is neither encoding and is refused, naming the
 * line. The result is NUL-terminated; the caller frees it. */
static int cp1251_to_utf8(const char *path, const char *in, size_t n, char **out, size_t *out_len,
			  sr_error_t *err)
{
	iconv_t cd = iconv_open("UTF-8", "CP1251");
	if (cd == (iconv_t)-1)
		return sr_error_set(
			err, SR_EINTERNAL, path, 0,
			_("not valid UTF-8, and iconv cannot convert from Windows-1251 here"));
	size_t cap = 2 * n + 1; /* a CP1251 byte is at most 3 UTF-8 bytes; grow if needed */
	char *buf = xmalloc(cap);
	char *src = (char *)in, *dst = buf;
	size_t left = n, room = cap - 1;
	int rc = SR_OK;
	while (left > 0) {
		if (iconv(cd, &src, &left, &dst, &room) != (size_t)-1)
			continue;
		if (errno == E2BIG) {
			size_t used = (size_t)(dst - buf);
			cap *= 2;
			buf = xrealloc(buf, cap);
			dst = buf + used;
			room = cap - 1 - used;
			continue;
		}
		long line = 1;
		for (const char *q = in; q < src; q++)
			line += *q == '\n';
		rc = sr_error_set(
			err, SR_EINPUT, path, line,
			_("neither UTF-8 nor Windows-1251 (byte 0x%02X; save the file as UTF-8 CSV)"),
			(unsigned char)*src);
		break;
	}
	iconv_close(cd);
	if (rc) {
		free(buf);
		return rc;
	}
	*dst = '\0';
	*out = buf;
	*out_len = (size_t)(dst - buf);
	return SR_OK;
}

/* A file's text and how it was read. */
typedef struct text_in {
	char *data; /* the buffer to free */
	char *p;    /* the text, after any byte-order mark */
	size_t n;
	int bom, cp1251, crlf;
	unsigned char delim;
} text_in_t;

/* Reads the file, skips a byte-order mark and converts Windows-1251 to UTF-8. */
static int read_text(const char *path, text_in_t *t, sr_error_t *err)
{
	memset(t, 0, sizeof(*t));
	t->delim = CSV_COMMA;
	size_t len = 0;
	int rc = sr_read_file(path, &t->data, &len, err);
	if (rc)
		return rc;
	t->p = t->data;
	t->n = len;
	if (t->n >= 3 && (unsigned char)t->p[0] == 0xEF && (unsigned char)t->p[1] == 0xBB &&
	    (unsigned char)t->p[2] == 0xBF) {
		t->p += 3;
		t->n -= 3;
		t->bom = 1;
	}
	if (!sr_utf8_valid(t->p, t->n)) {
		char *conv = NULL;
		size_t conv_len = 0;
		rc = cp1251_to_utf8(path, t->p, t->n, &conv, &conv_len, err);
		free(t->data);
		t->data = NULL;
		if (rc)
			return rc;
		t->data = t->p = conv;
		t->n = conv_len;
		t->cp1251 = 1;
	}
	return SR_OK;
}

/* Line ends and separator from the first line. How the file is read, when it
 * is not plain comma-separated UTF-8, is a warning where the text was
 * converted from Windows-1251 (a guess from its bytes: wrong, the names
 * would not match) and a note on a terminal otherwise (a Russian Excel's
 * semicolons and CRLF are certain, and every office file has them). */
static int detect_layout(const char *path, int header, text_in_t *t, sr_error_t *err)
{
	const char *p = t->p;
	size_t n = t->n;
	if (n == 0 || strspn(p, " \t\r\n") == n)
		return sr_error_set(err, SR_EINPUT, path, 1, _("the file is empty"));
	size_t hl = strcspn(p, "\n");
	t->crlf = hl > 0 && hl < n && p[hl - 1] == '\r';
	if (header) {
		/* more semicolons than commas: a Russian header may hold a comma
		 * in a name ("Макс. поездка, мин") that Excel leaves unquoted */
		size_t commas = 0, semis = 0;
		for (size_t i = 0; i < hl; i++) {
			commas += p[i] == ',';
			semis += p[i] == ';';
		}
		if (semis > commas) {
			t->delim = ';';
		} else if (!commas && memchr(p, '\t', hl)) {
			return sr_error_set(
				err, SR_EINPUT, path, 1,
				_("the header is separated by tabs, not commas or semicolons (export the sheet as CSV)"));
		}
	}
	if (t->bom || t->cp1251 || t->crlf || t->delim != CSV_COMMA)
		sr_log(t->cp1251 ? SR_LOG_WARN : SR_LOG_INFO, _("%s: read as %s%s, %s-separated%s"),
		       path, t->cp1251 ? _("Windows-1251 (converted to UTF-8)") : "UTF-8",
		       t->bom ? _(" with a byte-order mark") : "",
		       t->delim == CSV_COMMA ? _("comma") : _("semicolon"),
		       t->crlf ? _(", CRLF line ends") : "");
	return SR_OK;
}

/* Where strict libcsv stopped, said so that a coordinator can mend it: the
 * column, the text just before, and how to write it. A quote inside a
 * field that does not begin with one (Физкультурно-оздоровительный
 * комплекс "Потаповский", as typed in an editor) is what spreadsheets save
 * with the field quoted and the quotes doubled. */
static int parse_error(const char *path, const struct csv_parser *ps, const struct rd *r,
		       int at_end, sr_error_t *err)
{
	int col = (int)r->n_fields + 1;
	const unsigned char *eb = ps->entry_buf;
	size_t n = eb ? ps->entry_pos : 0, from = n > 100 ? n - 100 : 0;
	if (n && ps->quoted && eb[n - 1] == ps->quote_char)
		n--; /* the closing quote libcsv holds back */
	if (from)    /* a cut text starts at a word */
		while (from < n && eb[from++] != ' ')
			;
	char seen[112];
	snprintf(seen, sizeof seen, "%s%.*s", from ? "…" : "", (int)(n - from),
		 eb ? (const char *)eb + from : "");
	char began[64] = "";
	if (ps->quoted && r->rec_start < r->line)
		snprintf(began, sizeof began, _(" (a quoted field began on line %ld)"),
			 r->rec_start);
	if (at_end)
		return sr_error_set(err, SR_EINPUT, path, r->rec_start,
				    _("column %d: a quoted field that begins here is never closed "
				      "(the file ends inside it): add its closing quote"),
				    col);
	if (!ps->quoted)
		return sr_error_set(
			err, SR_EINPUT, path, r->line,
			_("column %d: a quote inside a field that does not begin with one "
			  "(after '%s'): put the whole field in quotes and double the "
			  "quotes inside it (\"комплекс \"\"Колос\"\"\"), or write «»"),
			col, seen);
	return sr_error_set(err, SR_EINPUT, path, r->line,
			    _("column %d: text after the closing quote of a quoted field (after "
			      "'%s')%s: double each quote inside a quoted field (\"комплекс "
			      "\"\"Колос\"\"\")"),
			    col, seen, began);
}

/* Feeds the text to libcsv one line at a time, so that every record and
 * every error carries its line. */
static int parse_lines(const char *path, const text_in_t *t, struct csv_parser *parser,
		       struct rd *r, sr_error_t *err)
{
	const char *p = t->p;
	size_t n = t->n, i = 0;
	while (i < n) {
		size_t e = i;
		while (e < n && p[e] != '\n')
			e++;
		if (e < n)
			e++; /* include the newline */
		if (csv_parse(parser, p + i, e - i, on_field, on_record, r) != e - i)
			return parse_error(path, parser, r, 0, err);
		i = e;
		r->line++;
	}
	r->line--;
	if (csv_fini(parser, on_field, on_record, r) != 0)
		return parse_error(path, parser, r, 1, err);
	return SR_OK;
}

void io_trim_fields(sr_csv_t *csv)
{
	for (size_t k = 0; k < csv->n_rows; k++) {
		sr_csv_row_t *row = &csv->rows[k];
		for (int j = 0; j < row->n; j++) {
			char *f = row->fields[j];
			size_t fl = strlen(f);
			while (fl && (f[fl - 1] == '\r' || f[fl - 1] == ' ' || f[fl - 1] == '\t'))
				f[--fl] = '\0';
			size_t lead = strspn(f, " \t");
			if (lead)
				memmove(f, f + lead, fl - lead + 1);
		}
	}
}

int sr_csv_read(const char *path, int header, sr_csv_t **out, sr_error_t *err)
{
	text_in_t t;
	int rc = read_text(path, &t, err);
	if (rc)
		return rc;
	rc = detect_layout(path, header, &t, err);
	if (rc) {
		free(t.data);
		return rc;
	}
	struct csv_parser parser;
	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		free(t.data);
		return sr_error_set(err, SR_EINTERNAL, path, 0, _("csv_init failed"));
	}
	csv_set_delim(&parser, t.delim);
	sr_csv_t *csv = xcalloc(1, sizeof(*csv));
	csv->path = xstrdup(path);
	struct rd r = {.csv = csv, .line = 1, .rec_start = 1};
	rc = parse_lines(path, &t, &parser, &r, err);
	if (rc == SR_OK)
		io_trim_fields(csv);
	csv_free(&parser);
	for (size_t k = 0; k < r.n_fields; k++)
		free(r.fields[k]);
	free(r.fields);
	free(t.data);
	if (rc) {
		sr_csv_free(csv);
		return rc;
	}
	*out = csv;
	return SR_OK;
}

/* The index of the first cell of row at or after `from` that holds more
 * than spaces; -1 if none. */
static int first_text(const sr_csv_row_t *row, int from)
{
	for (int j = from; j < row->n; j++)
		if (row->fields[j][strspn(row->fields[j], " \t")])
			return j;
	return -1;
}

int sr_csv_square(sr_csv_t *csv, sr_error_t *err)
{
	if (csv->n_rows == 0)
		return SR_OK;
	int w = csv->rows[0].n, bad = 0;
	sr_buf_t more;
	sr_buf_init(&more);
	for (size_t r = 1; r < csv->n_rows; r++) {
		sr_csv_row_t *row = &csv->rows[r];
		int j = first_text(row, w);
		if (j >= 0 && bad++ == 0)
			sr_error_set_col(
				err, SR_EINPUT, csv->path, row->line, j + 1,
				_("a cell right of the header's %d columns: '%s' (give its "
				  "column a heading, or clear it)"),
				w, row->fields[j]);
		else if (j >= 0 && bad <= 20)
			sr_buf_printf(&more, "%s%ld", bad > 2 ? ", " : "", row->line);
		for (int k = w; k < row->n; k++)
			free(row->fields[k]);
		if (row->n < w) {
			row->fields = xreallocarray(row->fields, (size_t)w, sizeof(char *));
			for (int k = row->n; k < w; k++)
				row->fields[k] = xstrdup("");
		}
		row->n = w;
	}
	if (bad > 1) {
		sr_error_t first = *err;
		sr_error_set_col(err, SR_EINPUT, first.file, first.line, first.col,
				 _n("%s; such cells also on line %s%s",
				    "%s; such cells also on lines %s%s", bad - 1),
				 first.msg, more.data, bad > 21 ? _(" and more") : "");
	}
	sr_buf_free(&more);
	return bad ? SR_EINPUT : SR_OK;
}

int sr_csv_col(const sr_csv_row_t *header, const char *name)
{
	for (int i = 0; i < header->n; i++)
		if (strcmp(header->fields[i], name) == 0)
			return i;
	return -1;
}

int sr_csv_write_row(FILE *fp, const char *const *fields, int n)
{
	for (int i = 0; i < n; i++) {
		if (i && fputc(',', fp) == EOF)
			return SR_EIO;
		const char *f = fields[i] ? fields[i] : "";
		/* csv_fwrite always quotes; quote only where needed, as most
		 * tools expect, and let libcsv do the escaping then */
		if (f[strcspn(f, ",\"\r\n")] != '\0' || (f[0] == ' ')) {
			if (csv_fwrite(fp, f, strlen(f)) != 0)
				return SR_EIO;
		} else if (fputs(f, fp) == EOF) {
			return SR_EIO;
		}
	}
	return fputc('\n', fp) == EOF ? SR_EIO : SR_OK;
}
