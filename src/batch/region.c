/* region.c - batch_collect(): the region's tables from a batch folder.
 * OUT/jobs.csv says which districts there are; each one's run record says
 * how its plan ended and its plan.json gives the figures. Writes
 * OUT/batch.csv (every job with status, message, time and memory),
 * OUT/region.csv (figures per district and in total; every column but the
 * last is what the plans determine, so the same inputs give the same bytes
 * there whatever --jobs or machine; the last, `seconds`, is the measured
 * run time) and OUT/region.html (the same plus peak memory, sortable, with
 * links to each district's pages). A job without a record, or a plan.json
 * that cannot be read, is listed with status 1 and why: nothing is left
 * out. */
#include <stdlib.h>
#include <string.h>
#include "batch/internal.h"

typedef struct district {
	const batch_job_t *job;
	batch_record_t rec;
	int have_fig;
	batch_figures_t fig;
} district_t;

static void read_district(district_t *d, const batch_job_t *j)
{
	memset(d, 0, sizeof *d);
	d->job = j;
	sr_error_t e;
	if (batch_record_read(j->record, &d->rec, &e)) {
		char buf[1200];
		d->rec.status = 1;
		d->rec.message = xstrdup(
			e.code == SR_EIO ? "no run record: the job did not run or did not finish"
					 : sr_error_format(&e, buf, sizeof buf));
		d->rec.seconds = -1;
		d->rec.peak_rss_kb = -1;
	} else if (d->rec.status == 0 || d->rec.status == 3) {
		if (batch_figures_read(j->out, &d->fig, &e) == SR_OK) {
			d->have_fig = 1;
		} else {
			char buf[1200];
			free(d->rec.message);
			d->rec.message = xstrdup(sr_error_format(&e, buf, sizeof buf));
			d->rec.status = 1;
		}
	}
}

static int write_batch_csv(const char *out, const district_t *d, int n, sr_error_t *err)
{
	static const char *const h[] = {"district", "dir",     "status",
					"message",  "seconds", "peak_rss_kb"};
	char *path = bt_path(out, "batch.csv");
	bt_csv_t c;
	int rc = bt_csv_open(&c, path, h, 6, err);
	for (int i = 0; i < n && !rc; i++) {
		char st[16], sec[32] = "", mem[32] = "";
		snprintf(st, sizeof st, "%d", d[i].rec.status);
		if (d[i].rec.seconds >= 0)
			snprintf(sec, sizeof sec, "%.2f", d[i].rec.seconds);
		if (d[i].rec.peak_rss_kb >= 0)
			snprintf(mem, sizeof mem, "%ld", d[i].rec.peak_rss_kb);
		const char *row[] = {d[i].job->name, d[i].job->dir, st, d[i].rec.message, sec, mem};
		bt_csv_row(&c, row, 6);
	}
	if (!rc)
		rc = bt_csv_close(&c, err);
	free(path);
	return rc;
}

/* One region.csv row: name, status, the figures (empty when none), then
 * the run time in seconds (empty when negative: no record). */
static void region_row(bt_csv_t *c, const char *name, int status, const batch_figures_t *f,
		       double seconds)
{
	const char *row[3 + BT_N_FIGS];
	char st[16], v[BT_N_FIGS][32], sec[32] = "";
	snprintf(st, sizeof st, "%d", status);
	row[0] = name;
	row[1] = st;
	for (int i = 0; i < BT_N_FIGS; i++)
		row[2 + i] = f ? bt_fig_text(f, i, v[i]) : "";
	if (seconds >= 0)
		snprintf(sec, sizeof sec, "%.2f", seconds);
	row[2 + BT_N_FIGS] = sec;
	bt_csv_row(c, row, 3 + BT_N_FIGS);
}

/* The region's run time: the sum of the plans' times (those with a
 * record). */
static double total_seconds(const district_t *d, int n)
{
	double secs = 0;
	for (int i = 0; i < n; i++)
		secs += d[i].rec.seconds > 0 ? d[i].rec.seconds : 0;
	return secs;
}

static int write_region_csv(const char *out, const district_t *d, int n,
			    const batch_figures_t *total, int worst, sr_error_t *err)
{
	const char *h[3 + BT_N_FIGS] = {"district", "status"};
	for (int i = 0; i < BT_N_FIGS; i++)
		h[2 + i] = bt_fig_key(i);
	h[2 + BT_N_FIGS] = "seconds";
	char *path = bt_path(out, "region.csv");
	bt_csv_t c;
	int rc = bt_csv_open(&c, path, h, 3 + BT_N_FIGS, err);
	if (!rc) {
		for (int i = 0; i < n; i++)
			region_row(&c, d[i].job->name, d[i].rec.status,
				   d[i].have_fig ? &d[i].fig : NULL, d[i].rec.seconds);
		region_row(&c, "(total)", worst, total, total_seconds(d, n));
		rc = bt_csv_close(&c, err);
	}
	free(path);
	return rc;
}

/* A link to OUT/<name>/<file> when that file exists. */
static void link_if(sr_buf_t *b, const batch_job_t *j, const char *file, const char *text)
{
	char *p = bt_path(j->out, file);
	if (bt_is_file(p)) {
		sr_buf_puts(b, " <a href=\"");
		sr_buf_html(b, j->name);
		sr_buf_printf(b, "/%s\">%s</a>", file, text);
	}
	free(p);
}

static void html_fig_cells(sr_buf_t *b, const batch_figures_t *f)
{
	char v[32];
	for (int i = 0; i < BT_N_FIGS; i++) {
		if (!f) {
			sr_buf_puts(b, "<td></td>");
			continue;
		}
		sr_buf_printf(b, "<td data-v=\"%.3f\">%s</td>", bt_fig_value(f, i),
			      bt_fig_text(f, i, v));
	}
}

static int write_region_html(const char *out, const district_t *d, int n,
			     const batch_figures_t *total, int worst, sr_error_t *err)
{
	sr_buf_t b;
	sr_buf_init(&b);
	bt_html_head(&b, "schoolrun: region");
	sr_buf_printf(
		&b,
		"<h1>Region: %d districts</h1>\n<table><thead><tr><th class=\"t\">district</th>"
		"<th>status</th>",
		n);
	for (int i = 0; i < BT_N_FIGS; i++)
		sr_buf_printf(&b, "<th>%s</th>", bt_fig_label(i));
	sr_buf_puts(&b, "<th>run time s</th><th>peak MB</th><th class=\"t\">pages</th>"
			"<th class=\"t\">message</th></tr></thead>\n<tbody>\n");
	long mem = 0;
	for (int i = 0; i < n; i++) {
		const district_t *x = &d[i];
		sr_buf_puts(&b, "<tr><td class=\"t\">");
		sr_buf_html(&b, x->job->name);
		sr_buf_printf(&b, "</td><td data-v=\"%d\"%s>%d</td>", x->rec.status,
			      x->rec.status == 1 || x->rec.status == 2 ? " class=\"bad\"" : "",
			      x->rec.status);
		html_fig_cells(&b, x->have_fig ? &x->fig : NULL);
		if (x->rec.seconds >= 0)
			sr_buf_printf(&b,
				      "<td data-v=\"%.3f\">%.1f</td><td data-v=\"%ld\">%.0f</td>",
				      x->rec.seconds, x->rec.seconds, x->rec.peak_rss_kb,
				      x->rec.peak_rss_kb / 1024.0);
		else
			sr_buf_puts(&b, "<td></td><td></td>");
		if (x->rec.peak_rss_kb > mem)
			mem = x->rec.peak_rss_kb;
		sr_buf_puts(&b, "<td class=\"t\">");
		link_if(&b, x->job, "print/index.html", "timetables");
		link_if(&b, x->job, "map.html", "map");
		link_if(&b, x->job, "summary.txt", "summary");
		sr_buf_puts(&b, " <a href=\"runs/");
		sr_buf_html(&b, x->job->name);
		sr_buf_puts(&b, ".log\">log</a>");
		sr_buf_puts(&b, "</td><td class=\"t\">");
		sr_buf_html(&b, x->rec.message);
		sr_buf_puts(&b, "</td></tr>\n");
	}
	sr_buf_printf(&b, "</tbody>\n<tfoot><tr><td class=\"t\">total</td><td>%d</td>", worst);
	html_fig_cells(&b, total);
	sr_buf_printf(&b, "<td>%.1f</td><td>%.0f</td><td></td><td></td></tr></tfoot></table>\n",
		      total_seconds(d, n), mem / 1024.0);
	sr_buf_puts(
		&b,
		"<p>Click a heading to sort. Totals add the districts up; the longest ride and bus day "
		"are the region's longest; run time is the sum of the plans' times, peak MB the largest. "
		"Status: 0 all served, 3 some children unserved, 2 bad input, 1 failed.</p>\n");
	bt_html_tail(&b);
	char *path = bt_path(out, "region.html");
	int rc = sr_write_file_atomic(path, b.data, b.len, err);
	free(path);
	sr_buf_free(&b);
	return rc;
}

int batch_collect(const char *out, int *worst, sr_error_t *err)
{
	batch_jobs_t jobs;
	int rc = batch_jobs_read(out, &jobs, err);
	if (rc)
		return rc;
	district_t *d = xcalloc((size_t)jobs.n + 1, sizeof *d);
	batch_figures_t total;
	memset(&total, 0, sizeof total);
	*worst = 0;
	for (int i = 0; i < jobs.n; i++) {
		read_district(&d[i], &jobs.jobs[i]);
		*worst = batch_worst_status(*worst, d[i].rec.status);
		if (d[i].have_fig)
			bt_fig_add(&total, &d[i].fig);
	}
	rc = write_batch_csv(jobs.out, d, jobs.n, err);
	if (!rc)
		rc = write_region_csv(jobs.out, d, jobs.n, &total, *worst, err);
	if (!rc)
		rc = write_region_html(jobs.out, d, jobs.n, &total, *worst, err);
	for (int i = 0; i < jobs.n; i++)
		free(d[i].rec.message);
	free(d);
	batch_jobs_free(&jobs);
	return rc;
}
