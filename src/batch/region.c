/* region.c - batch_collect(): the region's tables from a batch folder.
 * OUT/jobs.csv says which districts there are; each one's run record says
 * how its plan ended and its plan.json gives the figures. Writes
 * OUT/batch.csv (every job with status, message, time and memory),
 * OUT/region.csv (figures per district and in total; every column but the
 * last is what the plans determine, so the same inputs give the same bytes
 * there whatever --jobs or machine; the last, `seconds`, is the measured
 * run time) and OUT/region.html (the same plus peak memory, sortable, with
 * links to each district's pages, in Russian or English: words.c). Among
 * the figures are the two promises to families, runs on one bus all week
 * and children home by the bus that took them, as shares with their
 * counts; the total's shares are of the summed counts. A long message (an
 * error naming a file) wraps, so the table fits A4 landscape. A job
 * without a record, or a plan.json that cannot be read, is listed with
 * status 1 and why: nothing is left out. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "batch/internal.h"
#include "util/i18n.h"

typedef struct district {
	const batch_job_t *job;
	batch_record_t rec;
	int no_record; /* the job left no run record */
	int have_fig;
	batch_figures_t fig;
	int uns_children, uns_groups; /* plan.json's, for the unserved note */
	char *org, *term;	      /* settings: organisation, "01.09.2026–28.12.2026" */
	char *sha[3];		      /* inputs' sha256: map, sessions, riders (or NULL) */
	int group;		      /* the first job planning the same district */
} district_t;

/* "01.09.2026–28.12.2026" from the plan's term_start and term_end. */
static char *term_text(const bt_plan_t *p)
{
	const char *a = p->term_start ? p->term_start : "", *b = p->term_end ? p->term_end : "";
	if (strlen(a) != 10 || strlen(b) != 10)
		return NULL;
	sr_buf_t t;
	sr_buf_init(&t);
	sr_buf_printf(&t, "%.2s.%.2s.%.4s\xe2\x80\x93%.2s.%.2s.%.4s", a + 8, a + 5, a, b + 8, b + 5,
		      b);
	return t.data;
}

/* Reads a job's run record and plan; folds the plan's language into
 * *seen. */
static void read_district(district_t *d, const batch_job_t *j, int *seen)
{
	memset(d, 0, sizeof *d);
	d->job = j;
	sr_error_t e;
	char buf[1200];
	bt_plan_t p;
	if (batch_record_read(j->record, &d->rec, &e)) {
		d->no_record = e.code == SR_EIO;
		d->rec.status = 1;
		d->rec.message = xstrdup(d->no_record ? bt_word(BT_EN, BW_NO_RECORD)
						      : sr_error_format(&e, buf, sizeof buf));
		d->rec.seconds = -1;
		d->rec.peak_rss_kb = -1;
	} else if (d->rec.status == 0 || d->rec.status == 3) {
		if (bt_plan_read(j->out, &p, &e) == SR_OK) {
			d->have_fig = 1;
			d->fig = p.fig;
			d->uns_children = p.unserved_children;
			d->uns_groups = p.unserved_groups;
			d->org = p.organisation && p.organisation[0] ? xstrdup(p.organisation)
								     : NULL;
			d->term = term_text(&p);
			for (int k = 0; k < 3; k++)
				d->sha[k] = p.input_sha[k] ? xstrdup(p.input_sha[k]) : NULL;
			bt_lang_see(seen, p.lang);
			bt_plan_free(&p);
		} else {
			free(d->rec.message);
			d->rec.message = xstrdup(sr_error_format(&e, buf, sizeof buf));
			d->rec.status = 1;
		}
	}
}

/* Whether two planned jobs plan one district: the same map and the same
 * children (riders) or sessions, as a what-if batch's base and its
 * scen/third-bus.conf do. Adding such plans up would count the district's
 * children twice. */
static int same_district(const district_t *a, const district_t *b)
{
	if (!a->have_fig || !b->have_fig || !a->sha[0] || !b->sha[0] ||
	    strcmp(a->sha[0], b->sha[0]))
		return 0;
	for (int k = 1; k < 3; k++)
		if (a->sha[k] && b->sha[k] && !strcmp(a->sha[k], b->sha[k]))
			return 1;
	return 0;
}

/* Groups the jobs that plan one district (d[i].group: its group's first
 * job); the number of jobs in groups of two or more, *all set when every
 * planned job is in one such group (a batch of scenarios). */
static int group_scenarios(district_t *d, int n, int *all)
{
	for (int i = 0; i < n; i++) {
		d[i].group = i;
		for (int j = 0; j < i; j++) {
			int a = d[i].group, b = d[j].group;
			if (a == b || !same_district(&d[i], &d[j]))
				continue;
			int lo = a < b ? a : b, hi = a < b ? b : a;
			for (int k = 0; k <= i; k++)
				if (d[k].group == hi)
					d[k].group = lo;
		}
	}
	int in = 0, planned = 0, one = -2;
	for (int i = 0; i < n; i++) {
		int size = 0;
		for (int k = 0; k < n; k++)
			size += d[k].group == d[i].group;
		in += size > 1;
		if (d[i].have_fig) {
			planned++;
			one = one == -2 || one == d[i].group ? d[i].group : -1;
		}
	}
	*all = in > 1 && one >= 0 && in >= planned;
	return in;
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
		if (total)
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

/* The figures' cells (the counts of a share go in its cell), empty
 * without figures. */
static void html_fig_cells(sr_buf_t *b, const batch_figures_t *f)
{
	for (int i = 0; i < BT_N_FIGS; i++) {
		if (bt_fig_kind(i) == BT_FK_PART)
			continue;
		if (!f) {
			sr_buf_puts(b, "<td></td>");
			continue;
		}
		sr_buf_printf(b, "<td data-v=\"%.3f\">", bt_fig_value(f, i));
		bt_fig_html(b, f, i);
		sr_buf_puts(b, "</td>");
	}
}

/* The text field (organisation or term) of the planned districts: their
 * common value, "" when they differ or none has one, NULL when no
 * district was planned. */
static const char *agreed(const district_t *d, int n, size_t field)
{
	const char *v = NULL;
	for (int i = 0; i < n; i++) {
		const char *x = *(char *const *)((const char *)&d[i] + field);
		if (!d[i].have_fig)
			continue;
		x = x ? x : "";
		if (v && strcmp(v, x))
			return "";
		v = x;
	}
	return v;
}

/* Under the heading: the organisation and the term, as every district's
 * printed pages say them, when the districts agree; else that the terms
 * differ (each district's pages give its own). */
static void html_term_line(sr_buf_t *b, const district_t *d, int n, int lang)
{
	const char *org = agreed(d, n, offsetof(district_t, org)),
		   *term = agreed(d, n, offsetof(district_t, term));
	if (!term)
		return;
	sr_buf_puts(b, "<p>");
	if (org && org[0]) {
		sr_buf_html(b, org);
		sr_buf_puts(b, " \xc2\xb7 ");
	}
	if (term[0])
		sr_buf_printf(b, "%s: %s", bt_word(lang, BW_TERM), term);
	else
		sr_buf_html(b, bt_word(lang, BW_TERMS_DIFFER));
	sr_buf_puts(b, "</p>\n");
}

static void html_head_row(sr_buf_t *b, const district_t *d, int n, int all, int lang)
{
	int districts = 0; /* a district's scenarios are one */
	for (int i = 0; i < n; i++)
		districts += d[i].group == i;
	sr_buf_puts(b, "<h1>");
	if (all)
		sr_buf_printf(b, bt_word(lang, BW_SCEN_H1), n);
	else
		sr_buf_printf(b, bt_word(lang, districts == 1 ? BW_REGION_H1_ONE : BW_REGION_H1),
			      districts);
	sr_buf_puts(b, "</h1>\n");
	html_term_line(b, d, n, lang);
	sr_buf_printf(b,
		      "<table><thead><tr><th class=\"t\">%s <span class=\"n\">(%s)</span>"
		      "</th><th>%s</th>",
		      bt_word(lang, all ? BW_SCENARIO : BW_DISTRICT), bt_word(lang, BW_PAGES),
		      bt_word(lang, BW_STATUS));
	for (int i = 0; i < BT_N_FIGS; i++)
		if (bt_fig_kind(i) != BT_FK_PART)
			sr_buf_printf(b, "<th>%s</th>", bt_fig_label(i, lang));
	sr_buf_printf(b, "<th>%s</th><th>%s</th><th class=\"t\">%s</th></tr></thead>\n<tbody>\n",
		      bt_word(lang, BW_RUN_TIME), bt_word(lang, BW_PEAK_MB),
		      bt_word(lang, BW_MESSAGE));
}

/* A district's message in the page's language where the batch words it
 * (no record, the unserved note, written into note[256]); a plan's error
 * as the plan wrote it. */
static const char *district_message(const district_t *x, int lang, char *note)
{
	if (x->no_record)
		return bt_word(lang, BW_NO_RECORD);
	if (x->have_fig && x->rec.status == 3) {
		snprintf(note, 256, bt_word(lang, BW_UNSERVED_NOTE), x->uns_children,
			 x->uns_groups);
		return note;
	}
	return x->rec.message ? x->rec.message : "";
}

static void html_message(sr_buf_t *b, const district_t *x, int lang)
{
	char note[256];
	sr_buf_puts(b, "<td class=\"t msg\">");
	sr_buf_html(b, district_message(x, lang, note));
	sr_buf_puts(b, "</td>");
}

/* region.xlsx: the rows of region.html without run time and memory. */
static int write_region_xlsx(const char *out, const district_t *d, int n, int all,
			     const batch_figures_t *total, int worst, int lang, sr_error_t *err)
{
	bt_region_row_t *rows = xcalloc((size_t)n + 1, sizeof *rows);
	char(*notes)[256] = xcalloc((size_t)n + 1, sizeof *notes);
	for (int i = 0; i < n; i++)
		rows[i] = (bt_region_row_t){d[i].job->name, d[i].rec.status,
					    d[i].have_fig ? &d[i].fig : NULL,
					    district_message(&d[i], lang, notes[i])};
	int rc = bt_region_xlsx(out, rows, n, all ? BW_SCENARIO : BW_DISTRICT, total, worst, lang,
				err);
	free(notes);
	free(rows);
	return rc;
}

/* The district's name with links to its pages below it. */
static void html_name_cell(sr_buf_t *b, const batch_job_t *j, int lang)
{
	sr_buf_puts(b, "<td class=\"t\"><span class=\"w\">");
	sr_buf_html(b, j->name);
	sr_buf_puts(b, "</span><br><span class=\"n\">");
	link_if(b, j, "print/index.html", bt_word(lang, BW_TIMETABLES));
	link_if(b, j, "map.html", bt_word(lang, BW_MAP));
	link_if(b, j, "summary.txt", bt_word(lang, BW_SUMMARY));
	sr_buf_puts(b, " <a href=\"runs/");
	sr_buf_html(b, j->name);
	sr_buf_printf(b, ".log\">%s</a></span></td>", bt_word(lang, BW_LOG));
}

static void html_district_row(sr_buf_t *b, const district_t *x, int lang)
{
	sr_buf_puts(b, "<tr>");
	html_name_cell(b, x->job, lang);
	sr_buf_printf(b, "<td data-v=\"%d\"%s>%d</td>", x->rec.status,
		      x->rec.status == 1 || x->rec.status == 2 ? " class=\"bad\"" : "",
		      x->rec.status);
	html_fig_cells(b, x->have_fig ? &x->fig : NULL);
	if (x->rec.seconds >= 0)
		sr_buf_printf(b, "<td data-v=\"%.3f\">%.1f</td><td data-v=\"%ld\">%.0f</td>",
			      x->rec.seconds, x->rec.seconds, x->rec.peak_rss_kb,
			      x->rec.peak_rss_kb / 1024.0);
	else
		sr_buf_puts(b, "<td></td><td></td>");
	html_message(b, x, lang);
	sr_buf_puts(b, "</tr>\n");
}

/* The note naming the jobs that plan one district, each group's names
 * joined by commas, the groups by semicolons. */
static void html_scen_note(sr_buf_t *b, const district_t *d, int n, int lang)
{
	sr_buf_t names;
	sr_buf_init(&names);
	for (int g = 0; g < n; g++) {
		int size = 0;
		for (int k = 0; k < n; k++)
			size += d[k].group == g;
		if (size < 2)
			continue;
		sr_buf_puts(&names, names.len ? "; " : "");
		for (int k = 0, m = 0; k < n; k++)
			if (d[k].group == g)
				sr_buf_printf(&names, "%s%s", m++ ? ", " : "", d[k].job->name);
	}
	sr_buf_t t;
	sr_buf_init(&t);
	sr_buf_printf(&t, bt_word(lang, BW_SCEN_NOTE), names.data);
	sr_buf_puts(b, "<p>");
	sr_buf_html(b, t.data);
	sr_buf_puts(b, "</p>\n");
	sr_buf_free(&t);
	sr_buf_free(&names);
}

static int write_region_html(const char *out, const district_t *d, int n, int all,
			     const batch_figures_t *total, int worst, int lang, sr_error_t *err)
{
	sr_buf_t b;
	sr_buf_init(&b);
	bt_html_head(&b, bt_word(lang, BW_REGION_TITLE), lang);
	html_head_row(&b, d, n, all, lang);
	long mem = 0;
	for (int i = 0; i < n; i++) {
		html_district_row(&b, &d[i], lang);
		if (d[i].rec.peak_rss_kb > mem)
			mem = d[i].rec.peak_rss_kb;
	}
	sr_buf_puts(&b, "</tbody>\n");
	if (total) {
		sr_buf_printf(&b, "<tfoot><tr><td class=\"t\">%s</td><td>%d</td>",
			      bt_word(lang, BW_TOTAL), worst);
		html_fig_cells(&b, total);
		sr_buf_printf(&b, "<td>%.1f</td><td>%.0f</td><td></td></tr></tfoot>",
			      total_seconds(d, n), mem / 1024.0);
	}
	sr_buf_puts(&b, "</table>\n");
	if (!total)
		html_scen_note(&b, d, n, lang);
	sr_buf_puts(&b, "<p>");
	sr_buf_html(&b, bt_word(lang, BW_REGION_NOTE));
	sr_buf_puts(&b, "</p>\n");
	bt_html_tail(&b);
	char *path = bt_path(out, "region.html");
	int rc = sr_write_file_atomic(path, b.data, b.len, err);
	free(path);
	sr_buf_free(&b);
	return rc;
}

int batch_collect(const char *out, const char *lang, int *worst, sr_error_t *err)
{
	if (lang && bt_lang_parse(lang) < 0)
		return sr_error_set(err, SR_EINPUT, NULL, 0,
				    _("the pages' language must be ru or en, not '%s'"), lang);
	batch_jobs_t jobs;
	int rc = batch_jobs_read(out, &jobs, err);
	if (rc)
		return rc;
	district_t *d = xcalloc((size_t)jobs.n + 1, sizeof *d);
	batch_figures_t total;
	memset(&total, 0, sizeof total);
	*worst = 0;
	int seen = BT_LANG_NONE;
	for (int i = 0; i < jobs.n; i++) {
		read_district(&d[i], &jobs.jobs[i], &seen);
		*worst = batch_worst_status(*worst, d[i].rec.status);
		if (d[i].have_fig)
			bt_fig_add(&total, &d[i].fig);
	}
	/* scenarios of one district are not added up (see same_district) */
	int all, scen = group_scenarios(d, jobs.n, &all);
	const batch_figures_t *tot = scen ? NULL : &total;
	rc = write_batch_csv(jobs.out, d, jobs.n, err);
	if (!rc)
		rc = write_region_csv(jobs.out, d, jobs.n, tot, *worst, err);
	if (!rc)
		rc = write_region_html(jobs.out, d, jobs.n, all, tot, *worst,
				       bt_lang_pick(lang, seen), err);
	if (!rc)
		rc = write_region_xlsx(jobs.out, d, jobs.n, all, tot, *worst,
				       bt_lang_pick(lang, seen), err);
	for (int i = 0; i < jobs.n; i++) {
		for (int k = 0; k < 3; k++)
			free(d[i].sha[k]);
		free(d[i].rec.message);
		free(d[i].org);
		free(d[i].term);
	}
	free(d);
	batch_jobs_free(&jobs);
	return rc;
}
