/*
 * serve.c - what would serve everyone: when a day pattern leaves children
 * without a bus (no_bus), summary.txt and plan.json say what would take
 * them all: how many more buses like the fleet's largest, and how long a
 * driver's day would have to be with the buses there are. Computed, not
 * guessed, as hints.c does: the pattern's runs (at their times as planned)
 * are chained again (chain_solve) with the extra buses, or with a longer
 * day; a fix is kept only when the program proves that all are covered.
 */
#include <stdlib.h>
#include <string.h>
#include "plan/hours.h"
#include "plan/run.h"
#include "plan/serve.h"

#define MAX_EXTRA 3	   /* more buses tried: 1, 2, 3 */
#define SHIFT_STEP_S 900   /* a longer day tried in quarters of an hour */
#define SHIFT_MAX_STEPS 16 /* ... up to 4 hours longer */

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

/* The fewest more buses like cb[big] that take every run; 0 if none up
 * to MAX_EXTRA does. */
static int extra_buses(const plan_ctx_t *c, const plan_run_t *runs, int n, const chain_bus_t *cb,
		       int n_cb, int big)
{
	chain_bus_t *more = xcalloc((size_t)n_cb + MAX_EXTRA, sizeof(*more));
	memcpy(more, cb, (size_t)n_cb * sizeof(*more));
	int k = 1;
	for (; k <= MAX_EXTRA; k++) {
		more[n_cb + k - 1] = cb[big];
		if (covers_all(c, runs, n, more, n_cb + k))
			break;
	}
	free(more);
	return k <= MAX_EXTRA ? k : 0;
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

void plan_serve_all(plan_ctx_t *c, uint8_t days, const plan_run_t *runs, int n,
		    const chain_bus_t *cb, const int *bus_of, int n_cb)
{
	if (n_cb == 0 || n == 0)
		return;
	int big = biggest_bus(cb, n_cb);
	plan_fix_t f = {.days = days, .like_bus = bus_of[big]};
	f.extra_buses = extra_buses(c, runs, n, cb, n_cb, big);
	f.max_shift_s = longer_day(c, runs, n, cb, n_cb);
	if (!f.extra_buses && f.max_shift_s <= 0)
		return;
	sr_plan_t *p = c->p;
	p->fixes = xreallocarray(p->fixes, (size_t)p->n_fixes + 1, sizeof(plan_fix_t));
	p->fixes[p->n_fixes++] = f;
}
