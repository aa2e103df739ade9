/* compare_html.c - compare.html: a comparison to print (A4 landscape) or
 * read in a browser. For a region, first one line per district (status,
 * buses, km and unserved children of A and B, and how many changes);
 * then per district the figures side by side and every change by session,
 * direction and village. Self-contained: no network, no fonts to fetch. */
#include <stdlib.h>
#include <string.h>
#include "batch/internal.h"

static void cell(sr_buf_t *b, const char *s, int text)
{
	sr_buf_puts(b, text ? "<td class=\"t\">" : "<td>");
	sr_buf_html(b, s ? s : "");
	sr_buf_puts(b, "</td>");
}

static void overview(sr_buf_t *b, const bt_pair_t *pr, int n)
{
	static const int shown[] = {2, 3, 6}; /* unserved, buses a day, km a week */
	sr_buf_puts(b, "<h2>Districts</h2>\n<table><thead><tr><th class=\"t\">district</th>");
	for (size_t k = 0; k < sizeof shown / sizeof shown[0]; k++)
		sr_buf_printf(b, "<th>%s A</th><th>%s B</th>", bt_fig_label(shown[k]),
			      bt_fig_label(shown[k]));
	sr_buf_puts(b, "<th>changes</th><th class=\"t\">note</th></tr></thead><tbody>\n");
	for (int i = 0; i < n; i++) {
		char v[32];
		sr_buf_puts(b, "<tr>");
		cell(b, pr[i].name, 1);
		for (size_t k = 0; k < sizeof shown / sizeof shown[0]; k++) {
			int f = shown[k];
			int chg = pr[i].ok_a && pr[i].ok_b &&
				  bt_fig_value(&pr[i].a.fig, f) != bt_fig_value(&pr[i].b.fig, f);
			sr_buf_printf(b, "<td%s>%s</td>", chg ? " class=\"chg\"" : "",
				      pr[i].ok_a ? bt_fig_text(&pr[i].a.fig, f, v) : "");
			sr_buf_printf(b, "<td%s>%s</td>", chg ? " class=\"chg\"" : "",
				      pr[i].ok_b ? bt_fig_text(&pr[i].b.fig, f, v) : "");
		}
		sr_buf_printf(b, "<td data-v=\"%d\">%d</td>", pr[i].n_ch, pr[i].n_ch);
		sr_buf_t note;
		sr_buf_init(&note);
		if (!pr[i].ok_a)
			sr_buf_printf(&note, "A: %s. ", pr[i].why_a);
		if (!pr[i].ok_b)
			sr_buf_printf(&note, "B: %s.", pr[i].why_b);
		cell(b, note.data ? note.data : "", 1);
		sr_buf_free(&note);
		sr_buf_puts(b, "</tr>\n");
	}
	sr_buf_puts(b, "</tbody></table>\n");
}

static void figures(sr_buf_t *b, const bt_pair_t *pr)
{
	sr_buf_puts(b, "<table><thead><tr><th class=\"t\">figure</th><th>A</th><th>B</th>"
		       "<th>B &minus; A</th></tr></thead><tbody>\n");
	for (int i = 0; i < BT_N_FIGS; i++) {
		char va[32], vb[32];
		double x = bt_fig_value(&pr->b.fig, i) - bt_fig_value(&pr->a.fig, i);
		sr_buf_printf(b, "<tr%s>", x != 0 ? " class=\"chg\"" : "");
		cell(b, bt_fig_label(i), 1);
		cell(b, bt_fig_text(&pr->a.fig, i, va), 0);
		cell(b, bt_fig_text(&pr->b.fig, i, vb), 0);
		if (i >= 8)
			sr_buf_printf(b, "<td>%+.1f min</td>", x / 60.0);
		else if (i == 6 || i == 7)
			sr_buf_printf(b, "<td>%+.1f</td>", x);
		else
			sr_buf_printf(b, "<td>%+d</td>", (int)x);
		sr_buf_puts(b, "</tr>\n");
	}
	sr_buf_puts(b, "</tbody></table>\n");
}

static void changes(sr_buf_t *b, const bt_pair_t *pr)
{
	static const char *const kinds[] = {"times", "buses", "unserved children"};
	if (!pr->n_ch) {
		sr_buf_puts(b, "<p>No village's times, buses or service changed.</p>\n");
		return;
	}
	sr_buf_puts(
		b,
		"<table><thead><tr><th class=\"t\">session</th><th class=\"t\">direction</th>"
		"<th class=\"t\">village</th><th class=\"t\">days</th><th class=\"t\">what</th>"
		"<th class=\"t\">A</th><th class=\"t\">B</th><th>change</th></tr></thead><tbody>\n");
	for (int i = 0; i < pr->n_ch; i++) {
		const bt_change_t *c = &pr->ch[i];
		char days[40];
		sr_buf_puts(b, "<tr>");
		cell(b, c->session ? c->session : "-", 1);
		cell(b, c->dir == 0 ? "to the session" : c->dir == 1 ? "home" : "both ways", 1);
		cell(b, c->name ? c->name : c->point, 1);
		cell(b, bt_days(days, c->days), 1);
		cell(b, kinds[c->kind], 1);
		cell(b, c->a[0] ? c->a : "-", 1);
		cell(b, c->b[0] ? c->b : "-", 1);
		if (c->kind == BT_CH_TIME && c->delta[0])
			sr_buf_printf(b, "<td>%s min</td>", c->delta);
		else
			cell(b, c->delta, 0);
		sr_buf_puts(b, "</tr>\n");
	}
	sr_buf_puts(b, "</tbody></table>\n");
}

int bt_compare_html(const char *path, const char *a, const char *b, const bt_pair_t *pairs, int n,
		    sr_error_t *err)
{
	sr_buf_t h;
	sr_buf_init(&h);
	bt_html_head(&h, "schoolrun: comparison");
	sr_buf_puts(&h, "<h1>Comparison</h1>\n<p>A: ");
	sr_buf_html(&h, a);
	sr_buf_puts(&h, "<br>B: ");
	sr_buf_html(&h, b);
	sr_buf_puts(&h,
		    "</p>\n<p>Times are pickups on runs to a session and drop-offs on runs home; "
		    "the change is the first time's shift in minutes.</p>\n");
	int region = n != 1 || pairs[0].name[0];
	if (region)
		overview(&h, pairs, n);
	for (int i = 0; i < n; i++) {
		const bt_pair_t *pr = &pairs[i];
		if (!pr->ok_a || !pr->ok_b)
			continue;
		if (region) {
			sr_buf_puts(&h, "<h2>");
			sr_buf_html(&h, pr->name);
			sr_buf_puts(&h, "</h2>\n");
		}
		figures(&h, pr);
		changes(&h, pr);
	}
	bt_html_tail(&h);
	int rc = sr_write_file_atomic(path, h.data, h.len, err);
	sr_buf_free(&h);
	return rc;
}
