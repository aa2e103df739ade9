/* sbrp_read.c - reads a Park-Tae-Kim school bus instance (Schools.txt,
 * Stops.txt): tab-separated values through libcsv (delimiter set to a tab),
 * CRLF or LF line ends, one header row whose names vary between instances,
 * so columns are taken by position. Every error names the file and line.
 * Also the rule helpers (travel time, dwell) shared by the sbrp files. */
#include <csv.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/io.h"
#include "schoolrun/sbrp.h"
#include "util/i18n.h"

double sbrp_travel_s(double x1, double y1, double x2, double y2)
{
	return (fabs(x1 - x2) + fabs(y1 - y2)) / SBRP_SPEED_FTPS;
}

double sbrp_dwell_s(int students)
{
	return SBRP_DWELL_BASE_S + SBRP_DWELL_PER_STUDENT_S * students;
}

typedef struct tsv_row {
	char **f;
	int n;
	long line;
} tsv_row_t;

typedef struct tsv {
	tsv_row_t *rows;
	size_t n, cap;
	char **cur;
	size_t n_cur, cap_cur;
	long line;
} tsv_t;

static void tsv_field(void *s, size_t len, void *data)
{
	tsv_t *t = data;
	sr_grow(&t->cur, &t->cap_cur, t->n_cur + 1, sizeof(char *));
	t->cur[t->n_cur++] = xstrndup(s ? s : "", s ? len : 0);
}

static void tsv_record(int c, void *data)
{
	(void)c;
	tsv_t *t = data;
	if (t->n_cur == 1 && t->cur[0][0] == '\0') { /* blank line */
		free(t->cur[0]);
		t->n_cur = 0;
		return;
	}
	sr_grow(&t->rows, &t->cap, t->n + 1, sizeof(tsv_row_t));
	tsv_row_t *r = &t->rows[t->n++];
	r->n = (int)t->n_cur;
	r->f = xmalloc(sizeof(char *) * (t->n_cur ? t->n_cur : 1));
	memcpy(r->f, t->cur, sizeof(char *) * t->n_cur);
	r->line = t->line;
	t->n_cur = 0;
}

static void tsv_free(tsv_t *t)
{
	for (size_t i = 0; i < t->n; i++) {
		for (int j = 0; j < t->rows[i].n; j++)
			free(t->rows[i].f[j]);
		free(t->rows[i].f);
	}
	for (size_t j = 0; j < t->n_cur; j++)
		free(t->cur[j]);
	free(t->rows);
	free(t->cur);
}

/* Reads a whole tab-separated file, one line at a time through libcsv so
 * that every record knows its line. */
static int tsv_read(const char *path, tsv_t *t, sr_error_t *err)
{
	char *data = NULL;
	size_t len = 0;
	memset(t, 0, sizeof(*t));
	int rc = sr_read_file(path, &data, &len, err);
	if (rc != SR_OK)
		return rc;
	struct csv_parser cp;
	if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		free(data);
		return sr_error_set(err, SR_EINTERNAL, path, 0, _("cannot start the CSV parser"));
	}
	csv_set_delim(&cp, '\t');
	size_t start = 0;
	long line = 1;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && data[i] != '\n')
			continue;
		size_t end = i;
		if (end > start && data[end - 1] == '\r')
			end--;
		if (!sr_utf8_valid(data + start, end - start)) {
			rc = sr_error_set(err, SR_EINPUT, path, line, _("not valid UTF-8"));
			break;
		}
		t->line = line;
		if (csv_parse(&cp, data + start, end - start, tsv_field, tsv_record, t) !=
			    end - start ||
		    csv_fini(&cp, tsv_field, tsv_record, t) != 0) {
			rc = sr_error_set(err, SR_EINPUT, path, line, _("malformed line: %s"),
					  csv_strerror(csv_error(&cp)));
			break;
		}
		start = i + 1;
		line++;
	}
	csv_free(&cp);
	free(data);
	if (rc != SR_OK)
		tsv_free(t);
	return rc;
}

static int num(const char *path, const tsv_row_t *r, int col, const char *what, double *out,
	       sr_error_t *err)
{
	if (sr_parse_double(r->f[col], out) != 0)
		return sr_error_set_col(err, SR_EINPUT, path, r->line, col + 1,
					_("%s '%s' is not a number"), what, r->f[col]);
	return SR_OK;
}

/* The first row must be the header: a row of numbers there means the header
 * is missing, and reading on would drop the first school or stop. */
static int check_header(const char *path, const tsv_t *t, const char *want, sr_error_t *err)
{
	const tsv_row_t *h = &t->rows[0];
	double v;
	if (h->n > 0 && sr_parse_double(h->f[0], &v) == 0)
		return sr_error_set_col(err, SR_EINPUT, path, h->line, 1,
					_("the first row must be the header (%s), not data ('%s')"),
					want, h->f[0]);
	return SR_OK;
}

static int read_schools(const char *path, sbrp_instance_t *in, sr_error_t *err)
{
	tsv_t t;
	int rc = tsv_read(path, &t, err);
	if (rc != SR_OK)
		return rc;
	if (t.n < 2) {
		rc = sr_error_set(
			err, SR_EINPUT, path, t.n ? t.rows[0].line : 1,
			_("no schools (expected a header row and ID, X, Y, AMEARLY, AMLATE rows)"));
		goto out;
	}
	if ((rc = check_header(path, &t, "ID, X, Y, AMEARLY, AMLATE", err)) != SR_OK)
		goto out;
	in->schools = xcalloc(t.n - 1, sizeof(sbrp_school_t));
	for (size_t i = 1; i < t.n; i++) {
		const tsv_row_t *r = &t.rows[i];
		if (r->n < 4) {
			rc = sr_error_set(err, SR_EINPUT, path, r->line,
					  _("%d columns, expected at least 4 (ID, X, Y, AMEARLY)"),
					  r->n);
			goto out;
		}
		sbrp_school_t *s = &in->schools[in->n_schools];
		double bell;
		if ((rc = num(path, r, 1, "X", &s->x, err)) ||
		    (rc = num(path, r, 2, "Y", &s->y, err)))
			goto out;
		long hhmm;
		if (sr_parse_long(r->f[3], &hhmm) != 0 || hhmm < 0 || hhmm % 100 >= 60 ||
		    hhmm / 100 >= 24) {
			rc = sr_error_set_col(err, SR_EINPUT, path, r->line, 4,
					      _("AMEARLY '%s' is not a time HHMM"), r->f[3]);
			goto out;
		}
		bell = (double)(hhmm / 100) * 3600.0 + (double)(hhmm % 100) * 60.0;
		if (r->f[0][0] == '\0') {
			rc = sr_error_set_col(err, SR_EINPUT, path, r->line, 1,
					      _("empty school ID"));
			goto out;
		}
		for (int k = 0; k < in->n_schools; k++)
			if (!strcmp(in->schools[k].id, r->f[0])) {
				rc = sr_error_set_col(err, SR_EINPUT, path, r->line, 1,
						      _("school ID '%s' appears twice"), r->f[0]);
				goto out;
			}
		s->id = xstrdup(r->f[0]);
		s->bell_s = bell;
		in->n_schools++;
	}
out:
	tsv_free(&t);
	return rc;
}

static int read_stops(const char *path, sbrp_instance_t *in, sr_error_t *err)
{
	tsv_t t;
	int rc = tsv_read(path, &t, err);
	if (rc != SR_OK)
		return rc;
	if (t.n < 2) {
		rc = sr_error_set(
			err, SR_EINPUT, path, t.n ? t.rows[0].line : 1,
			_("no stops (expected a header row and ID, X, Y, EP_ID, STUDENT_COUNT rows)"));
		goto out;
	}
	if ((rc = check_header(path, &t, "ID, X, Y, EP_ID, STUDENT_COUNT", err)) != SR_OK)
		goto out;
	in->stops = xcalloc(t.n - 1, sizeof(sbrp_stop_t));
	for (size_t i = 1; i < t.n; i++) {
		const tsv_row_t *r = &t.rows[i];
		if (r->n < 5) {
			rc = sr_error_set(
				err, SR_EINPUT, path, r->line,
				_("%d columns, expected 5 (ID, X, Y, EP_ID, STUDENT_COUNT)"), r->n);
			goto out;
		}
		sbrp_stop_t *s = &in->stops[in->n_stops];
		if ((rc = num(path, r, 1, "X", &s->x, err)) ||
		    (rc = num(path, r, 2, "Y", &s->y, err)))
			goto out;
		s->school = -1;
		for (int k = 0; k < in->n_schools; k++)
			if (!strcmp(in->schools[k].id, r->f[3]))
				s->school = k;
		if (s->school < 0) {
			rc = sr_error_set_col(err, SR_EINPUT, path, r->line, 4,
					      _("school '%s' is not in Schools.txt"), r->f[3]);
			goto out;
		}
		long c;
		if (sr_parse_long(r->f[4], &c) != 0 || c < 0) {
			rc = sr_error_set_col(err, SR_EINPUT, path, r->line, 5,
					      _("STUDENT_COUNT '%s' is not a whole number >= 0"),
					      r->f[4]);
			goto out;
		}
		if (c > SBRP_CAPACITY) {
			rc = sr_error_set_col(err, SR_EINPUT, path, r->line, 5,
					      _("%ld students at one stop exceed a bus (%d seats)"),
					      c, SBRP_CAPACITY);
			goto out;
		}
		if (r->f[0][0] == '\0') {
			rc = sr_error_set_col(err, SR_EINPUT, path, r->line, 1, _("empty stop ID"));
			goto out;
		}
		s->id = xstrdup(r->f[0]);
		s->students = (int)c;
		in->n_stops++;
	}
out:
	tsv_free(&t);
	return rc;
}

void sbrp_instance_free(sbrp_instance_t *inst)
{
	if (!inst)
		return;
	for (int i = 0; i < inst->n_schools; i++)
		free(inst->schools[i].id);
	for (int i = 0; i < inst->n_stops; i++)
		free(inst->stops[i].id);
	free(inst->schools);
	free(inst->stops);
	free(inst);
}

int sbrp_read(const char *dir, sbrp_instance_t **out, sr_error_t *err)
{
	*out = NULL;
	sbrp_instance_t *in = xcalloc(1, sizeof(*in));
	sr_buf_t path;
	sr_buf_init(&path);
	sr_buf_printf(&path, "%s/Schools.txt", dir);
	int rc = read_schools(path.data, in, err);
	if (rc == SR_OK) {
		sr_buf_reset(&path);
		sr_buf_printf(&path, "%s/Stops.txt", dir);
		rc = read_stops(path.data, in, err);
	}
	/* duplicate stop IDs would make the solution ambiguous */
	if (rc == SR_OK) {
		/* sort a copy of the indices by ID and compare neighbours */
		int n = in->n_stops;
		int *ord = xmalloc(sizeof(int) * (size_t)(n > 0 ? n : 1));
		for (int i = 0; i < n; i++)
			ord[i] = i;
		for (int w = 1; w < n; w *= 2) { /* merge sort by ID */
			int *tmp = xmalloc(sizeof(int) * (size_t)n);
			for (int lo = 0; lo < n; lo += 2 * w) {
				int mid = lo + w < n ? lo + w : n,
				    hi = lo + 2 * w < n ? lo + 2 * w : n;
				int a = lo, b = mid, k = lo;
				while (a < mid || b < hi)
					tmp[k++] = (b >= hi ||
						    (a < mid && strcmp(in->stops[ord[a]].id,
								       in->stops[ord[b]].id) <= 0))
							   ? ord[a++]
							   : ord[b++];
			}
			memcpy(ord, tmp, sizeof(int) * (size_t)n);
			free(tmp);
		}
		for (int i = 1; i < n && rc == SR_OK; i++)
			if (!strcmp(in->stops[ord[i]].id, in->stops[ord[i - 1]].id))
				rc = sr_error_set(
					err, SR_EINPUT, path.data,
					(long)(ord[i] > ord[i - 1] ? ord[i] : ord[i - 1]) + 2,
					_("stop ID '%s' appears twice"), in->stops[ord[i]].id);
		free(ord);
	}
	sr_buf_free(&path);
	if (rc != SR_OK) {
		sbrp_instance_free(in);
		return rc;
	}
	*out = in;
	return SR_OK;
}
