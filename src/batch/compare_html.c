/* compare_html.c - compare.html: a comparison to print (A4 landscape) or
 * read in a browser. For a region, first one line per district (status,
 * buses, km and unserved children of A and B, and how many changes);
 * then per district the figures side by side and every change by session,
 * direction and village. Self-contained: no network, no fonts to fetch.
 * In Russian or English (words.c); the shares of runs on one bus all week
 * and of children home by the same bus show their counts. */
#include <stdlib.h>
#include <string.h>
#include "batch/internal.h"

static void cell(sr_buf_t *b, const char *s, int text)
{
	sr_buf_puts(b, text ? "<td class=\"t\">" : "<td>");
	sr_buf_html(b, s ? s : "");
	sr_buf_puts(b, "</td>");
}

/* The overview's note for a district: why a side has no plan. */
static void note_cell(sr_buf_t *b, const bt_pair_t *pr, int lang)
{
	sr_buf_t note;
	sr_buf_init(&note);
	sr_buf_puts(&note, "");
	if (!pr->ok_a) {
		sr_buf_puts(&note, "A: ");
		bt_why(&note, pr->st_a, pr->why_a, lang);
		sr_buf_puts(&note, ". ");
	}
	if (!pr->ok_b) {
		sr_buf_puts(&note, "B: ");
		bt_why(&note, pr->st_b, pr->why_b, lang);
		sr_buf_puts(&note, ".");
	}
	sr_buf_puts(b, "<td class=\"t msg\">");
	sr_buf_html(b, note.data);
	sr_buf_puts(b, "</td>");
	sr_buf_free(&note);
}

static void overview(sr_buf_t *b, const bt_pair_t *pr, int n, int lang)
{
	static const int shown[] = {2, 3, 6}; /* unserved, buses a day, km a week */
	sr_buf_printf(b, "<h2>%s</h2>\n<table><thead><tr><th class=\"t\">%s</th>",
		      bt_word(lang, BW_DISTRICTS), bt_word(lang, BW_DISTRICT));
	for (size_t k = 0; k < sizeof shown / sizeof shown[0]; k++)
		sr_buf_printf(b, "<th>%s A</th><th>%s B</th>", bt_fig_label(shown[k], lang),
			      bt_fig_label(shown[k], lang));
	sr_buf_printf(b, "<th>%s</th><th class=\"t\">%s</th></tr></thead><tbody>\n",
		      bt_word(lang, BW_CHANGES), bt_word(lang, BW_NOTE));
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
		note_cell(b, &pr[i], lang);
		sr_buf_puts(b, "</tr>\n");
	}
	sr_buf_puts(b, "</tbody></table>\n");
}

/* The figures of A and B side by side with B - A (a share's counts in
 * its cells). */
static void figures(sr_buf_t *b, const bt_pair_t *pr, int lang)
{
	sr_buf_printf(b,
		      "<table><thead><tr><th class=\"t\">%s</th><th>A</th><th>B</th>"
		      "<th>B &minus; A</th></tr></thead><tbody>\n",
		      bt_word(lang, BW_FIGURE));
	for (int i = 0; i < BT_N_FIGS; i++) {
		char d[32];
		int unit;
		if (bt_fig_kind(i) == BT_FK_PART)
			continue;
		bt_fig_delta(&pr->a.fig, &pr->b.fig, i, d, &unit);
		int same = bt_fig_value(&pr->b.fig, i) == bt_fig_value(&pr->a.fig, i);
		sr_buf_printf(b, "<tr%s>", same ? "" : " class=\"chg\"");
		cell(b, bt_fig_label(i, lang), 1);
		sr_buf_puts(b, "<td>");
		bt_fig_html(b, &pr->a.fig, i);
		sr_buf_puts(b, "</td><td>");
		bt_fig_html(b, &pr->b.fig, i);
		sr_buf_printf(b, "</td><td>%s%s%s</td></tr>\n", d, unit >= 0 ? "&nbsp;" : "",
			      unit >= 0 ? bt_word(lang, unit) : "");
	}
	sr_buf_puts(b, "</tbody></table>\n");
}

static void change_head(sr_buf_t *b, int lang)
{
	static const int heads[] = {BW_SESSION, BW_DIRECTION, BW_VILLAGE, BW_DAYS, BW_WHAT};
	sr_buf_puts(b, "<table><thead><tr>");
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
		sr_buf_printf(b, "<th class=\"t\">%s</th>", bt_word(lang, heads[i]));
	sr_buf_printf(b,
		      "<th class=\"t\">A</th><th class=\"t\">B</th><th>%s</th></tr></thead>"
		      "<tbody>\n",
		      bt_word(lang, BW_CHANGE));
}

/* A cell of days as the printed pages write them, three or more in a row
 * as a range ("Вт, Чт", "Пн–Пт"; compare.csv keeps "Tue,Thu"). */
static void days_cell(sr_buf_t *b, uint8_t days, int lang)
{
	const char *names[7];
	for (int d = 0; d < 7; d++)
		names[d] = bt_word(lang, BW_MON + d);
	sr_buf_t t;
	sr_buf_init(&t);
	sr_buf_days(&t, days, names);
	cell(b, t.data ? t.data : "", 1);
	sr_buf_free(&t);
}

/* A cell of clock times "HH:MM:SS HH:MM:SS" as the printed pages write
 * them, "HH:MM" (the families' timetables; compare.csv keeps seconds);
 * other text as it is. */
static void times_cell(sr_buf_t *b, const char *s)
{
	sr_buf_t t;
	sr_buf_init(&t);
	while (*s) {
		size_t n = strcspn(s, " ");
		int hms = n == 8 && s[2] == ':' && s[5] == ':';
		sr_buf_printf(&t, "%.*s", (int)(hms ? 5 : n), s);
		s += n;
		for (; *s == ' '; s++)
			sr_buf_putc(&t, ' ');
	}
	cell(b, t.data ? t.data : "", 1);
	sr_buf_free(&t);
}

/* The change rows of pr, those of buses renamed (renamed) or the others,
 * in a table; none: no table. */
static void change_rows(sr_buf_t *b, const bt_pair_t *pr, int lang, int renamed)
{
	static const int kinds[] = {BW_KIND_TIME, BW_KIND_BUS, BW_KIND_UNSERVED, BW_KIND_RENAMED};
	int head = 0;
	for (int i = 0; i < pr->n_ch; i++) {
		const bt_change_t *c = &pr->ch[i];
		if ((c->kind == BT_CH_RENAMED) != renamed)
			continue;
		if (!head++)
			change_head(b, lang);
		sr_buf_puts(b, "<tr>");
		cell(b, c->session ? c->session : "-", 1);
		cell(b,
		     bt_word(lang, c->dir == 0	 ? BW_DIR_TO
				   : c->dir == 1 ? BW_DIR_HOME
						 : BW_DIR_BOTH),
		     1);
		cell(b, c->name ? c->name : c->point, 1);
		days_cell(b, c->days, lang);
		cell(b, bt_word(lang, kinds[c->kind]), 1);
		if (c->kind == BT_CH_TIME) {
			times_cell(b, c->a[0] ? c->a : "-");
			times_cell(b, c->b[0] ? c->b : "-");
		} else {
			cell(b, c->a[0] ? c->a : "-", 1);
			cell(b, c->b[0] ? c->b : "-", 1);
		}
		if (c->kind == BT_CH_TIME && c->delta[0])
			sr_buf_printf(b, "<td>%s&nbsp;%s</td>", c->delta, bt_word(lang, BW_MIN));
		else
			cell(b, c->delta, 0);
		sr_buf_puts(b, "</tr>\n");
	}
	if (head)
		sr_buf_puts(b, "</tbody></table>\n");
}

/* The changes of pr: the real ones, then the same calls under another
 * bus (A's buses matched to B's), apart, so that they do not bury the
 * others. */
static void changes(sr_buf_t *b, const bt_pair_t *pr, int lang)
{
	int n_ren = 0;
	for (int i = 0; i < pr->n_ch; i++)
		n_ren += pr->ch[i].kind == BT_CH_RENAMED;
	if (pr->n_ch == n_ren)
		sr_buf_printf(b, "<p>%s</p>\n", bt_word(lang, BW_NO_CHANGE));
	change_rows(b, pr, lang, 0);
	if (!n_ren)
		return;
	sr_buf_printf(b, "<h3>%s</h3>\n<p>", bt_word(lang, BW_RENAMED_H));
	/* which bus became which, each pair once with its rows */
	for (int i = 0, first = 1; i < pr->n_ch; i++) {
		const bt_change_t *c = &pr->ch[i];
		int seen = c->kind != BT_CH_RENAMED, n = 0;
		for (int k = 0; k < i && !seen; k++)
			seen = pr->ch[k].kind == BT_CH_RENAMED && !strcmp(pr->ch[k].a, c->a) &&
			       !strcmp(pr->ch[k].b, c->b);
		for (int k = i; k < pr->n_ch && !seen; k++)
			n += pr->ch[k].kind == BT_CH_RENAMED && !strcmp(pr->ch[k].a, c->a) &&
			     !strcmp(pr->ch[k].b, c->b);
		if (seen)
			continue;
		sr_buf_puts(b, first ? "" : "; ");
		sr_buf_html(b, c->a);
		sr_buf_puts(b, " &rarr; ");
		sr_buf_html(b, c->b);
		sr_buf_printf(b, " (%d)", n);
		first = 0;
	}
	sr_buf_puts(b, "</p>\n");
	change_rows(b, pr, lang, 1);
}

int bt_compare_html(const char *path, const char *a, const char *b, const bt_pair_t *pairs, int n,
		    int lang, sr_error_t *err)
{
	sr_buf_t h;
	sr_buf_init(&h);
	bt_html_head(&h, bt_word(lang, BW_CMP_TITLE), lang);
	sr_buf_printf(&h, "<h1>%s</h1>\n<p>A: ", bt_word(lang, BW_CMP_H1));
	sr_buf_html(&h, a);
	sr_buf_puts(&h, "<br>B: ");
	sr_buf_html(&h, b);
	sr_buf_printf(&h, "</p>\n<p>%s</p>\n", bt_word(lang, BW_CMP_NOTE));
	int region = n != 1 || pairs[0].name[0];
	if (region)
		overview(&h, pairs, n, lang);
	for (int i = 0; i < n; i++) {
		const bt_pair_t *pr = &pairs[i];
		if (!pr->ok_a || !pr->ok_b)
			continue;
		if (region) {
			sr_buf_puts(&h, "<h2>");
			sr_buf_html(&h, pr->name);
			sr_buf_puts(&h, "</h2>\n");
		}
		figures(&h, pr, lang);
		changes(&h, pr, lang);
	}
	bt_html_tail(&h);
	int rc = sr_write_file_atomic(path, h.data, h.len, err);
	sr_buf_free(&h);
	return rc;
}
