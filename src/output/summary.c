/* summary.txt - the plan in a few lines for the coordinator: buses used,
 * runs, kilometres, the longest ride and the earliest pickup per day
 * pattern, then every unserved group with its reason.
 *
 * In the plan's language (settings.lang, the message table of messages.c):
 * labels, day names, directions, reasons and English place names (name:en)
 * on English plans; ids and figures are the same in both.
 * Rides are recomputed from the stop times with the definition
 * (from the bus leaving the child's stop to its arrival at the destination,
 * or from leaving the destination to reaching the stop), not taken from
 * the planner's ride_s. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "output/internal.h"

typedef struct pat_stats {
	int runs, runs_to, runs_home, unassigned, ch_to, ch_home, buses;
	double duty_m, run_m;
	int longest_s, longest_run, longest_pt;	   /* -1: none */
	int earliest_s, earliest_run, earliest_pt; /* -1: none */
	int longest_ses, earliest_ses;		   /* the session of those children */
} pat_stats_t;

static void stats(const sr_plan_t *p, const plan_pattern_t *pat, pat_stats_t *o)
{
	memset(o, 0, sizeof *o);
	o->longest_s = o->earliest_s = -1;
	o->longest_run = o->earliest_run = -1;
	for (int d = 0; d < pat->n_duties; d++) {
		o->duty_m += pat->duties[d].meters;
		o->buses += pat->duties[d].n_runs > 0;
	}
	for (int i = 0; i < pat->n_runs; i++) {
		const plan_run_t *r = &pat->runs[i];
		const plan_stop_t *first = &r->stops[0], *last = &r->stops[r->n_stops - 1];
		o->runs++;
		o->runs_to += r->dir == PLAN_TO_SESSION;
		o->runs_home += r->dir == PLAN_HOME;
		o->unassigned += r->bus < 0;
		if (r->dir == PLAN_HOME)
			o->ch_home += r->children;
		else
			o->ch_to += r->children;
		if (r->bus >= 0)
			o->run_m += r->meters;
		for (int s = 0; s < r->n_stops; s++) {
			const plan_stop_t *st = &r->stops[s];
			int ride = -1;
			if (r->dir == PLAN_TO_SESSION && st->board > 0)
				ride = last->arrival_s - st->departure_s;
			else if (r->dir == PLAN_HOME && st->alight > 0)
				ride = st->arrival_s - first->departure_s;
			if (ride > o->longest_s) {
				o->longest_s = ride;
				o->longest_run = i;
				o->longest_pt = st->point;
				o->longest_ses = st->session;
			}
			if (r->dir == PLAN_TO_SESSION && st->board > 0 &&
			    (o->earliest_s < 0 || st->departure_s < o->earliest_s)) {
				o->earliest_s = st->departure_s;
				o->earliest_run = i;
				o->earliest_pt = st->point;
				o->earliest_ses = st->session;
			}
		}
	}
	(void)p;
}

static int ndays(uint8_t d)
{
	int n = 0;
	for (int i = 0; i < 7; i++)
		n += (d >> i) & 1;
	return n;
}

/* A label padded with spaces to `width` characters (UTF-8 aware, at
 * least one space), so that the values line up in either language. */
static int chars(const char *t)
{
	int n = 0;
	for (const char *c = t; *c; c++)
		n += ((unsigned char)*c & 0xc0) != 0x80;
	return n;
}

static void label(sr_buf_t *b, const sr_plan_t *p, out_msg_t m, int width)
{
	const char *t = out_msg(p, m);
	int n = chars(t);
	sr_buf_puts(b, t);
	do
		sr_buf_putc(b, ' ');
	while (++n < width);
}

/* The column where the values of a block of labels start: one past the
 * longest label. */
static const out_msg_t top_labels[] = {M_SUM_BUSES,   M_SUM_RUNS,    M_SUM_KM_WEEK,
				       M_SUM_KM_TERM, M_SUM_LONGEST, M_SUM_SHIFT,
				       M_SUM_DRIVING, M_SUM_WEEK,    M_SUM_UNSERVED};
static const out_msg_t week_labels[] = {M_SUM_STEADY, M_SUM_ROUND, M_SUM_PER_DAY, M_SUM_NO_SERVICE};
static const out_msg_t pat_labels[] = {M_SUM_BUSES,    M_SUM_RUNS,    M_SUM_P_CHILDREN,
				       M_SUM_P_KM_DAY, M_SUM_LONGEST, M_SUM_P_EARLIEST};

static int column(const sr_plan_t *p, const out_msg_t *ms, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n; i++)
		if (chars(out_msg(p, ms[i])) > w)
			w = chars(out_msg(p, ms[i]));
	return w + 1;
}

static void fill(sr_buf_t *b, const sr_plan_t *p, out_msg_t m, int n, ...)
{
	const char *args[9];
	va_list ap;
	va_start(ap, n);
	for (int i = 0; i < n && i < 9; i++)
		args[i] = va_arg(ap, const char *);
	va_end(ap);
	out_msg_fill(b, p, m, args, n < 9 ? n : 9);
}

/* "session X starting at 16:30 instead of 16:00 (30 min later) ..." */
static void fix_move(sr_buf_t *b, const sr_plan_t *p, const plan_fix_t *f)
{
	const plan_session_t *s = &p->sessions[f->move_session];
	char at[16], was[16], min[16];
	out_fmt_hm(at, s->start_s + f->move_min * 60);
	out_fmt_hm(was, s->start_s);
	snprintf(min, sizeof min, "%d", abs(f->move_min));
	fill(b, p, f->move_min > 0 ? M_SUM_FIX_LATER : M_SUM_FIX_EARLIER, 4, s->id, at, was, min);
}

/* "session X taking children in earlier: an arrival window of 45 min
 * instead of 15 (arriving from 07:20 on) ..." */
static void fix_window(sr_buf_t *b, const sr_plan_t *p, const plan_fix_t *f)
{
	const plan_session_t *s = &p->sessions[f->window_session];
	int to = f->window_dir == PLAN_TO_SESSION;
	int at_s = to ? s->start_s - 60 * (p->settings.arrival_buffer_min + f->window_min)
		      : s->end_s + 60 * (p->settings.departure_buffer_min + f->window_min);
	char w[16], was[16], at[16];
	snprintf(w, sizeof w, "%d", f->window_min);
	snprintf(was, sizeof was, "%d",
		 plan_session_window_s(p, f->window_session, f->window_dir) / 60);
	out_fmt_hm(at, at_s);
	fill(b, p, to ? M_SUM_FIX_EARLY_WINDOW : M_SUM_FIX_LATE_WINDOW, 4, s->id, w, was, at);
}

/* The lines saying what would serve everyone (serve.c), a pattern each. */
void out_fix_text(sr_buf_t *b, const sr_plan_t *p, const plan_fix_t *f)
{
	const plan_bus_t *like = &p->buses[f->like_bus];
	char nb[2][32], hm[16];
	sr_buf_t days;
	sr_buf_init(&days);
	out_buf_days_short(&days, p, f->days);
	fill(b, p, M_SUM_FIX_HEAD, 1, days.data ? days.data : "-");
	int said = 0; /* fixes said so far: "или" before the next */
	if (f->extra_buses) {
		said++;
		snprintf(nb[0], sizeof nb[0], "%d", f->extra_buses);
		snprintf(nb[1], sizeof nb[1], "%d", like->seats);
		fill(b, p, M_SUM_FIX_BUSES, 4, nb[0], like->id, nb[1],
		     out_pt_label(p, &p->points[like->depot]));
	}
	if (f->split_shift) {
		if (said++)
			sr_buf_puts(b, out_msg(p, M_SUM_FIX_OR));
		sr_buf_puts(b, out_msg(p, M_SUM_FIX_SPLIT));
	} else if (f->extra_buses_split > 0) {
		if (said++)
			sr_buf_puts(b, out_msg(p, M_SUM_FIX_OR));
		snprintf(nb[0], sizeof nb[0], "%d", f->extra_buses_split);
		fill(b, p, M_SUM_FIX_SPLIT_BUSES, 2, nb[0], like->id);
	}
	if (f->max_shift_s > 0) {
		if (said++)
			sr_buf_puts(b, out_msg(p, M_SUM_FIX_OR));
		int min = (int)(f->max_shift_s / 60 + 0.5);
		snprintf(nb[0], sizeof nb[0], "%d", min / 60);
		snprintf(nb[1], sizeof nb[1], "%02d", min % 60);
		snprintf(hm, sizeof hm, "%g", f->max_shift_s / 3600);
		fill(b, p, M_SUM_FIX_SHIFT, 3, nb[0], nb[1], hm);
	}
	if (f->move_session >= 0) {
		if (said++)
			sr_buf_puts(b, out_msg(p, M_SUM_FIX_OR));
		fix_move(b, p, f);
	}
	if (f->window_session >= 0) {
		if (said)
			sr_buf_puts(b, out_msg(p, M_SUM_FIX_OR));
		fix_window(b, p, f);
	}
	sr_buf_free(&days);
}

static void fixes_summary(sr_buf_t *b, const sr_plan_t *p)
{
	for (int i = 0; i < p->n_fixes; i++) {
		sr_buf_puts(b, "  ");
		out_fix_text(b, p, &p->fixes[i]);
		sr_buf_putc(b, '\n');
	}
}

/* A number as text in buf (>= 32 bytes); each argument of one call gets
 * its own buffer. */
static const char *num(char *buf, int v)
{
	snprintf(buf, 32, "%d", v);
	return buf;
}

static const char *km(char *buf, double m)
{
	snprintf(buf, 32, "%.1f", m / 1000.0);
	return buf;
}

/* One unserved line: the group, its direction (dir_msg), days, reason. */
static void unserved_line(sr_buf_t *b, const sr_plan_t *p, const plan_unserved_t *u,
			  const char *dir, uint8_t mask)
{
	char line[32], nb[32];
	sr_buf_t days, why;
	sr_buf_init(&days);
	sr_buf_init(&why);
	out_buf_days_short(&days, p, mask);
	if (u->reason || u->reason_code)
		out_reason(&why, p, u);
	else
		sr_buf_puts(&why, out_msg(p, M_SUM_NO_REASON));
	snprintf(line, sizeof line, "%ld", u->rider_line);
	/* the riders file by the name the coordinator gave it (дети.csv) */
	const char *rf = p->settings.riders ? p->settings.riders : "riders.csv";
	const char *slash = strrchr(rf, '/');
	rf = slash ? slash + 1 : rf;
	sr_buf_puts(b, "  ");
	fill(b, p, M_SUM_UNSERVED_LINE, 9, line, num(nb, u->children),
	     u->pickup >= 0 ? out_pt_label(p, &p->points[u->pickup]) : out_msg(p, M_NOT_LOCATED),
	     u->session >= 0 ? p->sessions[u->session].id : out_msg(p, M_SUM_UNKNOWN), dir,
	     days.len ? days.data : "-", why.data ? why.data : "",
	     u->reason_code ? u->reason_code : "-", rf);
	sr_buf_putc(b, '\n');
	sr_buf_free(&days);
	sr_buf_free(&why);
}

/* The unserved legs, one line a group's leg (out_unserved_lines). */
static void unserved_summary(sr_buf_t *b, const sr_plan_t *p)
{
	if (!p->n_unserved)
		return;
	sr_buf_putc(b, '\n');
	sr_buf_puts(b, out_msg(p, M_SUM_UNSERVED_HEAD));
	sr_buf_putc(b, '\n');
	out_unserved_t *l = out_unserved_lines(p);
	int *ord = out_unserved_order(p);
	for (int k = 0; k < p->n_unserved; k++) {
		int i = ord[k];
		if (l[i].shown)
			unserved_line(b, p, &p->unserved[i],
				      out_unserved_dir(p, &p->unserved[i], &l[i]), l[i].days);
	}
	free(ord);
	free(l);
}

static void write_pattern(sr_buf_t *b, const sr_plan_t *p, const plan_pattern_t *pat,
			  const pat_stats_t *st)
{
	char t[16], nb[8][32];
	int w = column(p, pat_labels, sizeof pat_labels / sizeof pat_labels[0]);
	sr_buf_putc(b, '\n');
	out_buf_days_short(b, p, pat->days);
	sr_buf_puts(b, "\n  ");
	label(b, p, M_SUM_BUSES, w);
	sr_buf_printf(b, "%d", st->buses);
	const char *sep = " (";
	for (int d = 0; d < pat->n_duties; d++) {
		if (!pat->duties[d].n_runs)
			continue;
		sr_buf_printf(b, "%s%s", sep, p->buses[pat->duties[d].bus].id);
		sep = ", ";
	}
	sr_buf_puts(b, st->buses ? ")\n  " : "\n  ");
	label(b, p, M_SUM_RUNS, w);
	fill(b, p, M_SUM_P_RUNS, 3, num(nb[0], st->runs), num(nb[1], st->runs_to),
	     num(nb[2], st->runs_home));
	if (st->unassigned)
		fill(b, p, M_SUM_P_NO_BUS, 1, num(nb[0], st->unassigned));
	sr_buf_puts(b, "\n  ");
	label(b, p, M_SUM_P_CHILDREN, w);
	fill(b, p, M_SUM_P_CHILDREN_V, 2, num(nb[0], st->ch_to), num(nb[1], st->ch_home));
	sr_buf_puts(b, "\n  ");
	label(b, p, M_SUM_P_KM_DAY, w);
	fill(b, p, M_SUM_P_KM_DAY_V, 3, km(nb[0], st->duty_m), km(nb[1], st->run_m),
	     km(nb[2], st->duty_m > st->run_m ? st->duty_m - st->run_m : 0));
	sr_buf_putc(b, '\n');
	if (st->longest_s >= 0) {
		const plan_run_t *r = &pat->runs[st->longest_run];
		out_fmt_hms(t, st->longest_s);
		sr_buf_puts(b, "  ");
		label(b, p, M_SUM_LONGEST, w);
		fill(b, p, M_SUM_P_LONGEST_V, 5, t, out_pt_label(p, &p->points[st->longest_pt]),
		     r->id, p->sessions[st->longest_ses].id, out_dir_word(p, r->dir));
		sr_buf_putc(b, '\n');
	}
	if (st->earliest_s >= 0) {
		const plan_run_t *r = &pat->runs[st->earliest_run];
		out_fmt_hms(t, st->earliest_s);
		sr_buf_puts(b, "  ");
		label(b, p, M_SUM_P_EARLIEST, w);
		fill(b, p, M_SUM_P_EARLIEST_V, 4, t, out_pt_label(p, &p->points[st->earliest_pt]),
		     r->id, p->sessions[st->earliest_ses].id);
		sr_buf_putc(b, '\n');
	}
}

/* Where some bus has split shifts (split_shift = yes, or its own in
 * fleet.csv): how many bus-days are split, and that the shifts are
 * working time without the split break. */
static void split_line(sr_buf_t *b, const sr_plan_t *p, int w)
{
	int split = 0, all = 0, any = !strcmp(p->settings.split_shift, "yes");
	char n1[16], n2[16];
	for (int i = 0; i < p->n_buses && !any; i++)
		any = p->buses[i].split_shift > 0;
	if (!any)
		return;
	for (int k = 0; k < p->n_patterns; k++)
		for (int d = 0; d < p->patterns[k].n_duties; d++) {
			const plan_duty_t *du = &p->patterns[k].duties[d];
			int n = ndays(p->patterns[k].days);
			all += du->n_runs ? n : 0;
			split += du->n_runs && du->split_s > 0 ? n : 0;
		}
	label(b, p, M_SUM_SPLIT, w);
	fill(b, p, M_SUM_SPLIT_V, 2, num(n1, split), num(n2, all));
	sr_buf_putc(b, '\n');
}

/* The longest driver's working time (depot to depot, less a split
 * shift's break) and the most driving in a day, each with its bus and
 * days; the split shifts. */
static void driver_lines(sr_buf_t *b, const sr_plan_t *p, int w)
{
	out_day_t ld;
	out_longest_days(p, &ld);
	for (int k = 0; k < 2; k++) {
		const plan_duty_t *du = k ? ld.drive : ld.shift;
		char t[16];
		sr_buf_t days;
		label(b, p, k ? M_SUM_DRIVING : M_SUM_SHIFT, w);
		if (!du) {
			sr_buf_puts(b, "-\n");
			continue;
		}
		out_fmt_hms(t, k ? du->driving_s : ld.shift_s);
		sr_buf_init(&days);
		out_buf_days_short(&days, p, k ? ld.drive_days : ld.shift_days);
		fill(b, p, M_SUM_SHIFT_V, 3, t, p->buses[du->bus].id, days.data);
		sr_buf_free(&days);
		sr_buf_putc(b, '\n');
	}
	/* the longest working week of a bus's drivers (its days summed),
	 * against its limit (max_week_h; the Labour Code's 40 hours) */
	int work, wb = out_longest_week(p, &work);
	if (wb >= 0) {
		char t[16], lim[32];
		double lh = plan_week_limit_h(p, wb);
		label(b, p, M_SUM_WEEK, w);
		plan_week_text(work, t);
		snprintf(lim, sizeof lim, "%g", lh);
		fill(b, p, lh > 0 ? M_SUM_WEEK_V : M_SUM_WEEK_V0, lh > 0 ? 3 : 2, t,
		     p->buses[wb].id, lim);
		sr_buf_putc(b, '\n');
	}
	split_line(b, p, w);
}

/* The week as a whole: its own block (same bus all week, home by the
 * same bus, buses per day). */
static void week_block(sr_buf_t *b, const sr_plan_t *p)
{
	plan_week_t wk;
	char nb[3][32];
	int w;
	plan_week_stats(p, &wk);
	w = column(p, week_labels, sizeof week_labels / sizeof week_labels[0]);
	sr_buf_putc(b, '\n');
	label(b, p, M_SUM_STEADY, w);
	snprintf(nb[2], sizeof nb[2], "%.0f %%",
		 wk.repeating ? 100.0 * wk.same_bus / wk.repeating : 100.0);
	fill(b, p, M_SUM_STEADY_V, 3, num(nb[0], wk.same_bus), num(nb[1], wk.repeating), nb[2]);
	sr_buf_putc(b, '\n');
	long same, all;
	plan_round_trip_stats(p, &same, &all);
	label(b, p, M_SUM_ROUND, w);
	snprintf(nb[2], sizeof nb[2], "%.0f %%", all ? 100.0 * (double)same / (double)all : 100.0);
	fill(b, p, M_SUM_ROUND_V, 3, num(nb[0], (int)same), num(nb[1], (int)all), nb[2]);
	sr_buf_putc(b, '\n');
	label(b, p, M_SUM_PER_DAY, w);
	int any = 0;
	for (int d = 0; d < 7; d++)
		if (wk.buses_per_day[d]) {
			sr_buf_printf(b, "%s%s %d", any++ ? ", " : "", out_day_name(p, d),
				      wk.buses_per_day[d]);
		}
	sr_buf_puts(b, any ? "\n" : "-\n");
	int *days, n;
	char why[512];
	if (!plan_no_service_days(&p->settings, &days, &n, why, sizeof why) && n) {
		label(b, p, M_SUM_NO_SERVICE, w);
		plan_no_service_text(days, n, b);
		sr_buf_putc(b, '\n');
	}
	free(days);
}

/* Each bus's drivers' week (plan_week_hours), the buses with a duty in
 * fleet order: its working time and driving, and whether that is longer
 * than its max_week_h: what a timesheet and the Labour Code's 40 hours
 * read. */
static void weeks_block(sr_buf_t *b, const sr_plan_t *p)
{
	int any = 0;
	for (int i = 0; i < p->n_buses; i++) {
		int work, drive;
		plan_week_hours(p, i, &work, &drive);
		if (!work)
			continue;
		if (!any++) {
			sr_buf_putc(b, '\n');
			sr_buf_puts(b, out_msg(p, M_SUM_WEEKS));
			sr_buf_putc(b, '\n');
		}
		char t[16], d[16], l[32];
		plan_week_text(work, t);
		plan_week_text(drive, d);
		snprintf(l, sizeof l, "%g", plan_week_limit_h(p, i));
		sr_buf_printf(b, "  %s: ", p->buses[i].id);
		fill(b, p, plan_week_over(p, i, NULL) ? M_SUM_WEEKS_OVER : M_SUM_WEEKS_V, 3, t, d,
		     l);
		sr_buf_putc(b, '\n');
	}
}

/* The warnings of the planning (plan_warn), each in the plan's language
 * with its code. */
static void warnings_summary(sr_buf_t *b, const sr_plan_t *p)
{
	if (!p->n_warnings)
		return;
	sr_buf_putc(b, '\n');
	sr_buf_puts(b, out_msg(p, M_SUM_WARNINGS));
	sr_buf_putc(b, '\n');
	for (int i = 0; i < p->n_warnings; i++) {
		sr_buf_puts(b, "  ");
		out_warning(b, p, &p->warnings[i]);
		sr_buf_printf(b, " [%s]\n", p->warnings[i].code);
	}
}

int out_summary(const sr_plan_t *p, const char *path, sr_error_t *err)
{
	int rc = out_check_plan(p, err);
	if (rc)
		return rc;
	sr_buf_t b;
	sr_buf_init(&b);
	pat_stats_t *st = xcalloc((size_t)p->n_patterns + 1, sizeof *st);
	char *bus_used = xcalloc((size_t)p->n_buses + 1, 1);
	int runs = 0, n_used = 0, longest = -1;
	double week_m = 0;
	for (int k = 0; k < p->n_patterns; k++) {
		const plan_pattern_t *pat = &p->patterns[k];
		stats(p, pat, &st[k]);
		runs += st[k].runs;
		week_m += st[k].duty_m * ndays(pat->days);
		if (st[k].longest_s > longest)
			longest = st[k].longest_s;
		for (int d = 0; d < pat->n_duties; d++)
			if (pat->duties[d].n_runs && !bus_used[pat->duties[d].bus]) {
				bus_used[pat->duties[d].bus] = 1;
				n_used++;
			}
	}
	char t[16], nb[8][32];
	int w = column(p, top_labels, sizeof top_labels / sizeof top_labels[0]);
	sr_buf_puts(&b, out_msg(p, M_SUM_TITLE));
	sr_buf_puts(&b, "\n\n");
	label(&b, p, M_SUM_BUSES, w);
	fill(&b, p, M_SUM_BUSES_OF, 2, num(nb[0], n_used), num(nb[1], p->n_buses));
	sr_buf_putc(&b, '\n');
	label(&b, p, M_SUM_RUNS, w);
	fill(&b, p, p->n_patterns == 1 ? M_SUM_RUNS_PAT1 : M_SUM_RUNS_PATN, 2, num(nb[0], runs),
	     num(nb[1], p->n_patterns));
	sr_buf_putc(&b, '\n');
	label(&b, p, M_SUM_KM_WEEK, w);
	sr_buf_printf(&b, "%.1f\n", week_m / 1000.0);
	int tdays;
	double tkm = out_term_km(p, &tdays);
	label(&b, p, M_SUM_KM_TERM, w);
	fill(&b, p, M_SUM_KM_TERM_V, 2, (snprintf(nb[0], sizeof nb[0], "%.1f", tkm), nb[0]),
	     num(nb[1], tdays));
	sr_buf_putc(&b, '\n');
	out_fmt_hms(t, longest < 0 ? 0 : longest);
	label(&b, p, M_SUM_LONGEST, w);
	sr_buf_printf(&b, "%s\n", longest < 0 ? "-" : t);
	driver_lines(&b, p, w);
	label(&b, p, M_SUM_UNSERVED, w);
	fill(&b, p, p->unserved_groups == 1 ? M_SUM_GROUPS1 : M_SUM_GROUPSN, 2,
	     num(nb[0], p->unserved_children), num(nb[1], p->unserved_groups));
	sr_buf_putc(&b, '\n');
	week_block(&b, p);
	weeks_block(&b, p);
	for (int k = 0; k < p->n_patterns; k++)
		write_pattern(&b, p, &p->patterns[k], &st[k]);
	/* what would serve everyone right under the children it is about
	 * (after the warnings, it read as one of them) */
	unserved_summary(&b, p);
	fixes_summary(&b, p);
	warnings_summary(&b, p);
	out_changes_summary(&b, p);
	rc = out_write_buf(path, &b, err);
	sr_buf_free(&b);
	free(st);
	free(bus_used);
	return rc;
}
