/*
 * serve.c - what would serve everyone: when a day pattern leaves children
 * without a bus (no_bus), summary.txt and plan.json say what would take
 * them all: how many more buses like the fleet's largest, how long a
 * driver's day would have to be with the buses there are, and which
 * session starting up to 30 minutes later or earlier would let the buses
 * there are take them (a bus breaks down mid-term: the coordinator can ask
 * a sports section to start later sooner than find a bus). Computed, not
 * guessed, as hints.c does: the pattern's runs (at their times as planned)
 * are chained again (chain_solve) with the extra buses, with a longer
 * day, or with one session's runs moved; a fix is kept only when the
 * program proves that all are covered.
 */
#include <stdlib.h>
#include <string.h>
#include "plan/hours.h"
#include "plan/run.h"
#include "plan/serve.h"
#include "plan/windows.h"

#define MAX_EXTRA 3	   /* more buses tried in turn: 1, 2, 3 (then by halves) */
#define SHIFT_STEP_S 900   /* a longer day tried in quarters of an hour */
#define SHIFT_MAX_STEPS 16 /* ... up to 4 hours longer */
#define NEAR_S \
	3600 /* sessions moved: those with a run this near a
			      run left without a bus */

/* A session's start moved by these many minutes, nearest first. */
static const int moves_min[] = {15, -15, 30, -30};

/* Whether the runs all go on buses cb[0..n_cb) (proved). */
static int covers_all(const plan_ctx_t *c, const plan_run_t *runs, int n, const chain_bus_t *cb,
		      int n_cb)
{
	chain_solution_t sol;
	sr_error_t e;
	sr_error_clear(&e);
	int all = 0;
	if (plan_hours_chain(c, runs, n, cb, n_cb, &sol, &e) == SR_OK) {
		all = sol.optimal && sol.n_uncovered == 0;
		chain_solution_free(&sol);
	}
	return all;
}

/* The fewest more buses like cb[big] that take every run; 0 if none does.
 * 1 to MAX_EXTRA are tried in turn (the usual answer: a bus broke down);
 * then as many as the runs left without a bus (n_unc: a term written for
 * a larger fleet, the buses far too few), which do when each such run can
 * have a bus of its own, and the fewest between them by halves (more
 * buses allow all that fewer do). */
static int extra_buses(const plan_ctx_t *c, const plan_run_t *runs, int n, const chain_bus_t *cb,
		       int n_cb, int big, int n_unc)
{
	int most = n_unc > MAX_EXTRA ? n_unc : MAX_EXTRA;
	chain_bus_t *more = xcalloc((size_t)n_cb + (size_t)most, sizeof(*more));
	memcpy(more, cb, (size_t)n_cb * sizeof(*more));
	for (int k = 0; k < most; k++)
		more[n_cb + k] = cb[big];
	int k = 1, found = 0;
	while (k <= MAX_EXTRA && !(found = covers_all(c, runs, n, more, n_cb + k)))
		k++;
	int lo = MAX_EXTRA, hi = most; /* lo fails, hi does (checked first) */
	if (!found && hi > lo && covers_all(c, runs, n, more, n_cb + hi)) {
		while (lo + 1 < hi) {
			int mid = (lo + hi) / 2;
			if (covers_all(c, runs, n, more, n_cb + mid))
				hi = mid;
			else
				lo = mid;
		}
		k = hi;
		found = 1;
	}
	free(more);
	return found ? k : 0;
}

/* The shortest driver's day (every bus's limit raised to it, in quarters
 * of an hour) with which the buses there are take every run; 0 if none
 * up to SHIFT_MAX_STEPS quarters longer than the longest limit does. A
 * longer limit allows all a shorter one does, so the steps are searched
 * by halves. */
static double longer_day(const plan_ctx_t *c, const plan_run_t *runs, int n, const chain_bus_t *cb,
			 int n_cb)
{
	double base = 0;
	for (int b = 0; b < n_cb; b++)
		if (cb[b].max_shift_s > base)
			base = cb[b].max_shift_s;
	if (base <= 0)
		return 0; /* no limit to raise */
	chain_bus_t *v = xcalloc((size_t)n_cb + 1, sizeof(*v));
	int lo = 0, hi = SHIFT_MAX_STEPS + 1; /* lo fails (as planned), hi is not known to */
	for (int probe = SHIFT_MAX_STEPS; lo + 1 < hi;) {
		for (int b = 0; b < n_cb; b++) {
			v[b] = cb[b];
			v[b].max_shift_s = base + probe * SHIFT_STEP_S;
		}
		if (covers_all(c, runs, n, v, n_cb))
			hi = probe;
		else if (probe == SHIFT_MAX_STEPS)
			break; /* not even the longest */
		else
			lo = probe;
		probe = (lo + hi) / 2;
	}
	free(v);
	return hi <= SHIFT_MAX_STEPS ? base + hi * SHIFT_STEP_S : 0;
}

/* The buses cb with plan.conf's split_shift = yes for those whose
 * fleet.csv row leaves it to the plan (bus_of: their fleet index): the
 * lawful way to a long day with an idle middle (a driver home between the
 * morning and the afternoon runs), where a longer day (longer_day) breaks
 * the working-time rules. NULL when the plan already splits them, or no
 * such bus. */
static chain_bus_t *with_splits(const plan_ctx_t *c, const chain_bus_t *cb, const int *bus_of,
				int n_cb)
{
	const plan_settings_t *st = &c->p->settings;
	if (!strcmp(st->split_shift, "yes"))
		return NULL;
	chain_bus_t *v = xcalloc((size_t)n_cb + 1, sizeof(*v));
	int changed = 0;
	for (int b = 0; b < n_cb; b++) {
		v[b] = cb[b];
		if (c->p->buses[bus_of[b]].split_shift < 0) {
			v[b].split_min_s = 3600 * st->split_break_min_h;
			v[b].split_max_s = 3600 * st->split_break_max_h;
			v[b].max_span_s = 3600 * st->max_span_h;
			changed = 1;
		}
	}
	if (!changed) {
		free(v);
		return NULL;
	}
	return v;
}

/* Split shifts into f (with_splits): whether they take every run with the
 * buses there are (f->split_shift), else how many more buses like cb[big]
 * they need (f->extra_buses_split, 0 when no number does): the regional
 * office's list of buses to find, where drivers may work split shifts. */
static void split_day(const plan_ctx_t *c, const plan_run_t *runs, int n, const chain_bus_t *cb,
		      const int *bus_of, int n_cb, int big, int n_unc, plan_fix_t *f)
{
	chain_bus_t *v = with_splits(c, cb, bus_of, n_cb);
	if (!v)
		return;
	f->split_shift = covers_all(c, runs, n, v, n_cb);
	if (!f->split_shift && f->extra_buses > 1) {
		int k = extra_buses(c, runs, n, v, n_cb, big, n_unc);
		f->extra_buses_split = k > 0 && k < f->extra_buses ? k : 0;
	}
	free(v);
}

/* Whether session si's children ride a run of runs[0..n) with another
 * session's (a mixed run: moving si alone would not move that run). */
static int in_mixed_run(const plan_run_t *runs, int n, int si)
{
	for (int i = 0; i < n; i++) {
		if (!plan_run_has_session(&runs[i], si))
			continue;
		if (runs[i].session != si)
			return 1;
		for (int k = 0; k < runs[i].n_stops; k++)
			if (runs[i].stops[k].session != si)
				return 1;
	}
	return 0;
}

/* Whether session si has a run of runs[0..n) within NEAR_S of one of the
 * runs unc[0..n_unc) left without a bus. */
static int near_uncovered(const plan_run_t *runs, int n, const int *unc, int n_unc, int si)
{
	for (int u = 0; u < n_unc; u++) {
		const plan_run_t *x = &runs[unc[u]];
		for (int i = 0; i < n; i++)
			if (runs[i].session == si &&
			    plan_run_start(&runs[i]) < plan_run_end(x) + NEAR_S &&
			    plan_run_start(x) < plan_run_end(&runs[i]) + NEAR_S)
				return 1;
	}
	return 0;
}

/* Whether the list scheduling within the windows (plan_windows_list, the
 * planner's first retry) puts every run of t[0..n) on the buses there
 * are, or the program does on the times it chose. t's runs move. */
static int covers_windows(const plan_ctx_t *c, plan_run_t *t, int n, const chain_bus_t *cb,
			  int n_cb)
{
	plan_flex_t fl = plan_flex_of(c->p);
	chain_solution_t g;
	plan_windows_list(c, &fl, t, n, cb, n_cb, &g);
	int all = g.n_uncovered == 0;
	chain_solution_free(&g);
	return all || covers_all(c, t, n, cb, n_cb);
}

/* Whether every run of runs[0..n) goes on the buses there are with
 * session si's runs moved by dt seconds (none of them into the night):
 * at the runs' times, or moved within their windows as the planner does.
 * Tried on a copy. */
static int covers_moved(const plan_ctx_t *c, const plan_run_t *runs, int n, const chain_bus_t *cb,
			int n_cb, int si, int dt)
{
	int night = 0, all = 0;
	plan_run_t *t = xcalloc((size_t)n + 1, sizeof(plan_run_t));
	for (int i = 0; i < n; i++) {
		plan_run_copy(&t[i], &runs[i]);
		if (t[i].session == si) {
			plan_run_shift(&t[i], dt);
			night |= plan_run_at_night(&t[i]);
		}
	}
	if (!night)
		all = covers_all(c, t, n, cb, n_cb) || covers_windows(c, t, n, cb, n_cb);
	for (int i = 0; i < n; i++)
		plan_run_clear(&t[i]);
	free(t);
	return all;
}

/* The nearest move (then the first session) of a session near a run left
 * without a bus with which the buses there are take every run, into f. */
static void session_move(const plan_ctx_t *c, const plan_run_t *runs, int n, const chain_bus_t *cb,
			 int n_cb, const int *unc, int n_unc, plan_fix_t *f)
{
	const sr_plan_t *p = c->p;
	f->move_session = -1;
	for (int m = 0; m < (int)(sizeof moves_min / sizeof moves_min[0]); m++)
		for (int si = 0; si < p->n_sessions; si++) {
			if (!near_uncovered(runs, n, unc, n_unc, si) || in_mixed_run(runs, n, si))
				continue;
			if (covers_moved(c, runs, n, cb, n_cb, si, moves_min[m] * 60)) {
				f->move_session = si;
				f->move_min = moves_min[m];
				return;
			}
		}
}

/* The bus to add copies of: the most seats among the buses with the
 * longest hours (the earliest start, then the latest end), the first of
 * the fleet on ties. */
static int biggest_bus(const chain_bus_t *cb, int n_cb)
{
	int big = 0;
	for (int b = 1; b < n_cb; b++) {
		const chain_bus_t *x = &cb[b], *y = &cb[big];
		if (x->avail_from_s != y->avail_from_s) {
			if (x->avail_from_s < y->avail_from_s)
				big = b;
		} else if (x->avail_to_s != y->avail_to_s) {
			if (x->avail_to_s > y->avail_to_s)
				big = b;
		} else if (x->seats > y->seats) {
			big = b;
		}
	}
	return big;
}

void plan_serve_all(plan_ctx_t *c, uint8_t days, const plan_run_t *runs, int n, const int *unc,
		    int n_unc, const chain_bus_t *cb, const int *bus_of, int n_cb)
{
	if (n_cb == 0 || n == 0)
		return;
	int big = biggest_bus(cb, n_cb);
	plan_fix_t f = {.days = days, .like_bus = bus_of[big], .window_session = -1};
	f.extra_buses = extra_buses(c, runs, n, cb, n_cb, big, n_unc);
	split_day(c, runs, n, cb, bus_of, n_cb, big, n_unc, &f);
	f.max_shift_s = longer_day(c, runs, n, cb, n_cb);
	session_move(c, runs, n, cb, n_cb, unc, n_unc, &f);
	if (!f.extra_buses && !f.split_shift && f.max_shift_s <= 0 && f.move_session < 0)
		return;
	sr_plan_t *p = c->p;
	p->fixes = xreallocarray(p->fixes, (size_t)p->n_fixes + 1, sizeof(plan_fix_t));
	p->fixes[p->n_fixes++] = f;
}
