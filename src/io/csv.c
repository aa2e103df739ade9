/* csv.c - every CSV read and written by schoolrun goes through libcsv.
 *
 * Reading is strict (CSV_STRICT | CSV_STRICT_FINI): a stray quote is an error,
 * not a silently merged field. The file is fed to the parser one line at a
 * time so that every record and every error carries the line it is on. Files
 * that are not UTF-8 (a spreadsheet's Windows-1251 export) and files that use
 * semicolons or tabs instead of commas (a Russian-locale Excel export) are
 * refused with a message that says so, instead of being read wrongly. */
#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/io.h"

struct rd {
	sr_csv_t *csv;
	char **fields;
	size_t n_fields, cap_fields;
	long line;
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

int sr_csv_read(const char *path, int expect_comma, sr_csv_t **out, sr_error_t *err)
{
	char *data = NULL;
	size_t len = 0;
	int rc = sr_read_file(path, &data, &len, err);
	if (rc)
		return rc;
	char *p = data;
	size_t n = len;
	if (n >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
	    (unsigned char)p[2] == 0xBF) {
		p += 3;
		n -= 3;
	}
	/* UTF-8 check, line by line so the message can name the line */
	long line = 1;
	for (size_t i = 0, start = 0; i <= n; i++) {
		if (i == n || p[i] == '\n') {
			if (!sr_utf8_valid(p + start, i - start)) {
				free(data);
				return sr_error_set(err, SR_EINPUT, path, line,
						    "not valid UTF-8 (save the file as UTF-8, not Windows-1251 or another code page)");
			}
			start = i + 1;
			line++;
		}
	}
	if (n == 0 || strspn(p, " \t\r\n") == n) {
		free(data);
		return sr_error_set(err, SR_EINPUT, path, 1, "the file is empty");
	}
	if (expect_comma) {
		size_t hl = strcspn(p, "\n");
		if (!memchr(p, ',', hl) && (memchr(p, ';', hl) || memchr(p, '\t', hl))) {
			int semi = memchr(p, ';', hl) != NULL;
			free(data);
			return sr_error_set(err, SR_EINPUT, path, 1,
					    "the header is separated by %s, not commas (export the sheet as comma-separated CSV)",
					    semi ? "semicolons" : "tabs");
		}
	}

	struct csv_parser parser;
	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		free(data);
		return sr_error_set(err, SR_EINTERNAL, path, 0, "csv_init failed");
	}
	sr_csv_t *csv = xcalloc(1, sizeof(*csv));
	csv->path = xstrdup(path);
	struct rd r = {.csv = csv, .line = 1};
	size_t i = 0;
	while (i < n) {
		size_t e = i;
		while (e < n && p[e] != '\n')
			e++;
		if (e < n)
			e++; /* include the newline */
		if (csv_parse(&parser, p + i, e - i, on_field, on_record, &r) != e - i) {
			rc = sr_error_set(err, SR_EINPUT, path, r.line, "malformed CSV: %s",
					  csv_strerror(csv_error(&parser)));
			goto out_fail;
		}
		i = e;
		r.line++;
	}
	r.line--;
	if (csv_fini(&parser, on_field, on_record, &r) != 0) {
		rc = sr_error_set(err, SR_EINPUT, path, r.line, "malformed CSV: %s",
				  csv_strerror(csv_error(&parser)));
		goto out_fail;
	}
	/* strip CR left by CRLF files from the last field, trim spaces */
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
	csv_free(&parser);
	for (size_t k = 0; k < r.n_fields; k++)
		free(r.fields[k]);
	free(r.fields);
	free(data);
	*out = csv;
	return SR_OK;

out_fail:
	csv_free(&parser);
	for (size_t k = 0; k < r.n_fields; k++)
		free(r.fields[k]);
	free(r.fields);
	free(data);
	sr_csv_free(csv);
	return rc;
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
