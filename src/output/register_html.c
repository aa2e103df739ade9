/* register_html.c - print/routes.html, the register of routes
 * ("Реестр маршрутов") a district office keeps and hands to the regional
 * office and the traffic police: every run once, with its days, session,
 * direction, the stops it calls at in order, length, departure, arrival,
 * time on the way, children, bus (with its plate) and driver. A run that
 * repeats on several day patterns with the same times and bus is one row
 * with all its days; where its times or bus differ, a row for each. Rows
 * are grouped by destination (alphabetically, as the index lists them),
 * then session, to the session before home, then by departure. The page
 * prints on A4 landscape (a CSS named page); the footer gives the runs
 * and the km a week. */
#include <stdlib.h>
#include <string.h>
#include "output/internal.h"

typedef out_reg_row_t reg_row_t;

int out_run_dep(const plan_run_t *r)
{
	return r->n_stops ? r->stops[0].departure_s : 0;
}

int out_run_arr(const plan_run_t *r)
{
	return r->n_stops ? r->stops[r->n_stops - 1].arrival_s : 0;
}

static int cmp_row(const void *a, const void *b)
{
	const reg_row_t *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->r->session != y->r->session)
		return x->r->session < y->r->session ? -1 : 1;
	if (x->r->dir != y->r->dir)
		return x->r->dir == PLAN_TO_SESSION ? -1 : 1;
	if (out_run_dep(x->r) != out_run_dep(y->r))
		return out_run_dep(x->r) < out_run_dep(y->r) ? -1 : 1;
	int c = strcmp(x->r->id, y->r->id);
	return c ? c : (x->days > y->days) - (x->days < y->days);
}

/* The same run on another pattern: one id, the same stops and times, the
 * same bus. */
static int same_run(const plan_run_t *a, const plan_run_t *b)
{
	if (strcmp(a->id, b->id) || a->bus != b->bus || a->n_stops != b->n_stops)
		return 0;
	for (int k = 0; k < a->n_stops; k++)
		if (a->stops[k].point != b->stops[k].point ||
		    a->stops[k].arrival_s != b->stops[k].arrival_s ||
		    a->stops[k].departure_s != b->stops[k].departure_s)
			return 0;
	return 1;
}

out_reg_row_t *out_register_rows(const sr_plan_t *p, int *n)
{
	char *dests = out_dest_points(p);
	int *dest_order, n_dest = out_points_by_name(p, dests, &dest_order);
	int *rank = xcalloc((size_t)p->n_points + 1, sizeof(int));
	for (int i = 0; i < n_dest; i++)
		rank[dest_order[i]] = i;
	free(dest_order);
	free(dests);
	size_t cap = 1;
	for (int k = 0; k < p->n_patterns; k++)
		cap += (size_t)p->patterns[k].n_runs;
	reg_row_t *v = xcalloc(cap, sizeof *v);
	*n = 0;
	for (int k = 0; k < p->n_patterns; k++)
		for (int i = 0; i < p->patterns[k].n_runs; i++) {
			const plan_run_t *r = &p->patterns[k].runs[i];
			int j = 0;
			while (j < *n && !same_run(v[j].r, r))
				j++;
			if (j == *n)
				v[(*n)++] = (reg_row_t){r, 0, rank[p->sessions[r->session].dest]};
			v[j].days |= p->patterns[k].days;
		}
	qsort(v, (size_t)*n, sizeof *v, cmp_row);
	free(rank);
	return v;
}

static void cell_hm(sr_buf_t *b, int s)
{
	char t[16];
	out_fmt_hm(t, s);
	sr_buf_printf(b, "<td class=\"n\">%s</td>", t);
}

static void put(sr_buf_t *b, const char *s, int html)
{
	if (html)
		sr_buf_html(b, s);
	else
		sr_buf_puts(b, s);
}

/* "Липки — Ивановка — Стадион «Колос»": a mixed run's drop-offs at one
 * destination are one place. */
void out_register_route(sr_buf_t *b, const sr_plan_t *p, const plan_run_t *r, int html)
{
	for (int k = 0; k < r->n_stops; k++) {
		if (out_stop_same_place(r, k))
			continue;
		if (k)
			sr_buf_puts(b, " \xe2\x80\x94 ");
		put(b, out_pt_label(p, &p->points[r->stops[k].point]), html);
	}
}

void out_register_sessions(sr_buf_t *b, const sr_plan_t *p, const plan_run_t *r, int html)
{
	put(b, p->sessions[r->session].id, html);
	for (int k = 0; k < r->n_stops; k++)
		if (plan_stop_is_dest(r, k) && r->stops[k].session != r->session) {
			sr_buf_puts(b, ", ");
			put(b, p->sessions[r->stops[k].session].id, html);
		}
}

static void reg_row(sr_buf_t *b, const sr_plan_t *p, const reg_row_t *w, int no)
{
	const plan_run_t *r = w->r;
	sr_buf_printf(b, "<tr><td class=\"n\">%d</td><td class=\"t\">", no);
	sr_buf_html(b, r->id);
	sr_buf_puts(b, "</td><td>");
	out_buf_days_short(b, p, w->days);
	sr_buf_puts(b, "</td><td>");
	out_register_sessions(b, p, r, 1);
	sr_buf_puts(b, "</td><td>");
	sr_buf_html(b, out_msg(p, r->dir == PLAN_TO_SESSION ? M_DIR_TO : M_DIR_HOME));
	sr_buf_puts(b, "</td><td>");
	out_register_route(b, p, r, 1);
	sr_buf_printf(b, "</td><td class=\"n\">%.1f</td>", r->meters / 1000.0);
	cell_hm(b, out_run_dep(r));
	cell_hm(b, out_run_arr(r));
	sr_buf_printf(b, "<td class=\"n\">%d</td><td class=\"n\">%d</td><td>",
		      (out_run_arr(r) - out_run_dep(r)) / 60, r->children);
	if (r->bus >= 0)
		out_html_bus_name(b, &p->buses[r->bus]);
	else
		sr_buf_html(b, out_msg(p, M_UNASSIGNED));
	sr_buf_puts(b, "</td><td>");
	if (r->bus >= 0)
		sr_buf_html(b, p->buses[r->bus].driver ? p->buses[r->bus].driver : "");
	sr_buf_puts(b, "</td></tr>\n");
}

static void reg_head(sr_buf_t *b, const sr_plan_t *p)
{
	static const out_msg_t cols[] = {M_SEQ,	     M_RUN, M_DAYS,	 M_SESSION, M_DIRECTION,
					 M_ROUTE,    M_KM,  M_DEPARTURE, M_ARRIVAL, M_RIDE_MIN,
					 M_CHILDREN, M_BUS, M_DRIVER};
	sr_buf_puts(b, "<table class=\"reg\">\n<thead><tr>");
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		sr_buf_puts(b, "<th>");
		sr_buf_html(b, out_msg(p, cols[i]));
		sr_buf_puts(b, "</th>");
	}
	sr_buf_puts(b, "</tr></thead>\n<tbody>\n");
}

/* One signature block: its word ("УТВЕРЖДАЮ"), the position, a line to
 * sign with the name after it, and a line for the date, as an office's
 * approved paper has them; who is "position / name" (the part after the
 * last " / " is the name; without one, all of it is the position). */
static void sign_block(sr_buf_t *b, const sr_plan_t *p, const char *cls, out_msg_t word,
		       const char *who)
{
	const char *slash = NULL;
	for (const char *q = strstr(who, " / "); q; q = strstr(q + 1, " / "))
		slash = q;
	sr_buf_printf(b, "<div class=\"%s\"><b>", cls);
	sr_buf_html(b, out_msg(p, word));
	sr_buf_puts(b, "</b><br>");
	char *pos = xstrndup(who, slash ? (size_t)(slash - who) : strlen(who));
	sr_buf_html(b, pos);
	free(pos);
	sr_buf_puts(b, "<br>______________ ");
	if (slash)
		sr_buf_html(b, slash + 3);
	sr_buf_puts(b, "<br>");
	sr_buf_html(b, out_msg(p, M_SIGN_DATE));
	sr_buf_puts(b, "</div>\n");
}

/* The register's agreement and approval blocks (plan.conf agreed_with,
 * approved_by), left and right above its title; nothing without them. */
static void sign_blocks(sr_buf_t *b, const sr_plan_t *p)
{
	const char *ag = p->settings.agreed_with, *ap = p->settings.approved_by;
	int has_ag = ag && ag[0], has_ap = ap && ap[0];
	if (!has_ag && !has_ap)
		return;
	sr_buf_puts(b, "<div class=\"signs\">\n");
	if (has_ag)
		sign_block(b, p, "agreed", M_AGREED, ag);
	if (has_ap)
		sign_block(b, p, "approved", M_APPROVED, ap);
	sr_buf_puts(b, "</div>\n");
}

void out_register_book(sr_buf_t *b, const sr_plan_t *p)
{
	int n;
	reg_row_t *v = out_register_rows(p, &n);
	if (!n) {
		free(v);
		return;
	}
	sr_buf_puts(b, "<section class=\"sheet landscape\">\n");
	out_html_sheet_head(b, p);
	sign_blocks(b, p);
	sr_buf_puts(b, "<h1>");
	sr_buf_html(b, out_msg(p, M_REGISTER));
	sr_buf_puts(b, "</h1>\n");
	reg_head(b, p);
	double km_week = 0;
	int runs_week = 0;
	for (int i = 0; i < n; i++) {
		reg_row(b, p, &v[i], i + 1);
		int d = __builtin_popcount(v[i].days);
		runs_week += d;
		km_week += d * v[i].r->meters / 1000.0;
	}
	sr_buf_puts(b, "</tbody>\n</table>\n<p>");
	char runs[16], km[32];
	snprintf(runs, sizeof runs, "%d", runs_week);
	snprintf(km, sizeof km, "%.1f", km_week);
	const char *args[] = {runs, km};
	sr_buf_t t;
	sr_buf_init(&t);
	out_msg_fill(&t, p, M_REGISTER_TOTAL, args, 2);
	sr_buf_html(b, t.data);
	sr_buf_free(&t);
	sr_buf_puts(b, "</p>\n</section>\n");
	free(v);
}
