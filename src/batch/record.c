/* record.c - a job's run record, OUT/<name>/run.csv: the plan's exit
 * status, its message, wall time and peak memory, written by
 * `schoolrun plan --record` (or by the batch for a child that died without
 * one) and read back by batch_collect. One header row and one data row. */
#include <stdlib.h>
#include <string.h>
#include "batch/internal.h"
#include "util/i18n.h"

static const char *const rec_header[] = {"status", "message", "seconds", "peak_rss_kb"};

int batch_record_write(const char *path, const batch_record_t *r, sr_error_t *err)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int rc = SR_OK;
	if (slash && slash != dir) {
		*slash = '\0';
		rc = sr_mkdir_p(dir, err);
	}
	free(dir);
	if (rc)
		return rc;
	char st[16], sec[32], mem[32];
	snprintf(st, sizeof st, "%d", r->status);
	snprintf(sec, sizeof sec, "%.3f", r->seconds);
	snprintf(mem, sizeof mem, "%ld", r->peak_rss_kb);
	const char *row[] = {st, r->message ? r->message : "", sec, mem};
	bt_csv_t c;
	if ((rc = bt_csv_open(&c, path, rec_header, 4, err)))
		return rc;
	bt_csv_row(&c, row, 4);
	return bt_csv_close(&c, err);
}

int batch_record_read(const char *path, batch_record_t *r, sr_error_t *err)
{
	memset(r, 0, sizeof *r);
	if (!bt_is_file(path))
		return sr_error_set(err, SR_EIO, path, 0, _("no run record"));
	sr_csv_t *csv = NULL;
	int rc = sr_csv_read(path, 1, &csv, err);
	if (rc)
		return rc;
	long v;
	if (csv->n_rows != 2 || csv->rows[0].n != 4 || csv->rows[1].n != 4 ||
	    strcmp(csv->rows[0].fields[0], "status") || sr_parse_long(csv->rows[1].fields[0], &v) ||
	    sr_parse_double(csv->rows[1].fields[2], &r->seconds) ||
	    sr_parse_long(csv->rows[1].fields[3], &r->peak_rss_kb)) {
		rc = sr_error_set(
			err, SR_EINPUT, path, csv->n_rows > 1 ? csv->rows[1].line : 1,
			_("expected the header status,message,seconds,peak_rss_kb and one row of them"));
		goto out;
	}
	r->status = (int)v;
	r->message = xstrdup(csv->rows[1].fields[1]);
out:
	sr_csv_free(csv);
	return rc;
}

int batch_worst_status(int a, int b)
{
	/* severity: 0 < 3 < 2 < 1 */
	static const int rank[4] = {0, 3, 2, 1};
	int ra = a >= 0 && a <= 3 ? rank[a] : 4, rb = b >= 0 && b <= 3 ? rank[b] : 4;
	return ra >= rb ? a : b;
}
