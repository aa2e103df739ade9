/* summary.txt - the plan in a few lines for the coordinator: buses used,
 * runs, kilometres, the longest ride and the earliest pickup per day
 * pattern, then every unserved group with its reason.
 *
 * Always English (like the planner's reasons and log), whatever
 * settings.lang says: the printed pages are what families and drivers read.
 * Rides are recomputed from the stop times with the definition
 * (from the bus leaving the child's stop to its arrival at the destination,
 * or from leaving the destination to reaching the stop), not taken from
 * the planner's ride_s. */
#include <stdlib.h>
#include <string.h>
#include "output/internal.h"

typedef struct pat_stats {
	int runs, runs_to, runs_home, unassigned, ch_to, ch_home, buses;
	double duty_m, run_m;
	int longest_s, longest_run, longest_pt;   /* -1: none */
	int earliest_s, earliest_run, earliest_pt; /* -1: none */
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
			}
			if (r->dir == PLAN_TO_SESSION && st->board > 0 &&
			    (o->earliest_s < 0 || st->departure_s < o->earliest_s)) {
				o->earliest_s = st->departure_s;
				o->earliest_run = i;
				o->earliest_pt = st->point;
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

static void write_pattern(sr_buf_t *b, const sr_plan_t *p, const plan_pattern_t *pat,
			  const pat_stats_t *st)
{
	char days[40], t[16];
	out_fmt_days(days, sizeof days, pat->days, ",");
	sr_buf_printf(b, "\n%s\n", days);
	sr_buf_printf(b, "  buses used:      %d", st->buses);
	const char *sep = " (";
	for (int d = 0; d < pat->n_duties; d++) {
		if (!pat->duties[d].n_runs)
			continue;
		sr_buf_printf(b, "%s%s", sep, p->buses[pat->duties[d].bus].id);
		sep = ", ";
	}
	sr_buf_puts(b, st->buses ? ")\n" : "\n");
	sr_buf_printf(b, "  runs:            %d (%d to sessions, %d home)", st->runs, st->runs_to, st->runs_home);
	if (st->unassigned)
		sr_buf_printf(b, ", %d without a bus", st->unassigned);
	sr_buf_printf(b, "\n  children:        %d to sessions, %d home\n", st->ch_to, st->ch_home);
	sr_buf_printf(b, "  km a day:        %.1f (with children %.1f, empty %.1f)\n", st->duty_m / 1000.0,
		      st->run_m / 1000.0, (st->duty_m > st->run_m ? st->duty_m - st->run_m : 0) / 1000.0);
	if (st->longest_s >= 0) {
		const plan_run_t *r = &pat->runs[st->longest_run];
		out_fmt_hms(t, st->longest_s);
		sr_buf_printf(b, "  longest ride:    %s (%s, run %s, session %s, %s)\n", t,
			      out_pt_name(&p->points[st->longest_pt]), r->id, p->sessions[r->session].id,
			      out_dir_code(r->dir));
	}
	if (st->earliest_s >= 0) {
		const plan_run_t *r = &pat->runs[st->earliest_run];
		out_fmt_hms(t, st->earliest_s);
		sr_buf_printf(b, "  earliest pickup: %s (%s, run %s, session %s)\n", t,
			      out_pt_name(&p->points[st->earliest_pt]), r->id, p->sessions[r->session].id);
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
	int unserved_children = 0;
	for (int i = 0; i < p->n_unserved; i++)
		unserved_children += p->unserved[i].children;
	char t[16];
	sr_buf_puts(&b, "schoolrun plan summary\n\n");
	sr_buf_printf(&b, "buses used:        %d of %d\n", n_used, p->n_buses);
	sr_buf_printf(&b, "runs:              %d in %d day pattern%s\n", runs, p->n_patterns,
		      p->n_patterns == 1 ? "" : "s");
	sr_buf_printf(&b, "km a week:         %.1f\n", week_m / 1000.0);
	out_fmt_hms(t, longest < 0 ? 0 : longest);
	sr_buf_printf(&b, "longest ride:      %s\n", longest < 0 ? "-" : t);
	sr_buf_printf(&b, "unserved children: %d in %d group%s\n", unserved_children, p->n_unserved,
		      p->n_unserved == 1 ? "" : "s");
	for (int k = 0; k < p->n_patterns; k++)
		write_pattern(&b, p, &p->patterns[k], &st[k]);
	if (p->n_unserved)
		sr_buf_puts(&b, "\nunserved\n");
	for (int i = 0; i < p->n_unserved; i++) {
		const plan_unserved_t *u = &p->unserved[i];
		char days[40];
		out_fmt_days(days, sizeof days, u->days, ",");
		sr_buf_printf(&b, "  riders line %ld: %d children from %s, session %s, %s, %s: %s (%s)\n",
			      u->rider_line, u->children,
			      u->pickup >= 0 ? out_pt_name(&p->points[u->pickup]) : "(not located)",
			      u->session >= 0 ? p->sessions[u->session].id : "(unknown)",
			      u->dir < 0 ? "both ways" : out_dir_code(u->dir), days[0] ? days : "-",
			      u->reason ? u->reason : "no reason given",
			      u->reason_code ? u->reason_code : "-");
	}
	rc = out_write_buf(path, &b, err);
	sr_buf_free(&b);
	free(st);
	free(bus_used);
	return rc;
}
