/*
 * week.c - the week as a whole: a run that repeats on several day patterns
 * (the same run of a session, plan_run_t.origin) should have the same bus
 * on each, so that a family, a driver and a kindergarten see one bus all
 * week. The duties of each pattern are fixed by the chaining (fewest
 * buses, then km); here their buses are exchanged, pattern by pattern in
 * order, by a local search over moves to a free bus and swaps of two
 * duties' buses (as in the relabelling step of crew rostering: the
 * duties stay, the resources that run them change), each move increasing
 * the number of runs that keep the bus they had on an earlier pattern. A
 * bus takes a duty only when it has the seats and the hours for it from
 * its own depot; its depot legs are then recomputed.
 */
#include <stdlib.h>
#include <string.h>
#include "plan/hours.h"
#include "plan/run.h"
#include "plan/week.h"

/* Whether bus b can do duty du of pat: seats, its hours with the legs
 * from and to its own depot; the legs' times and metres in *dep, *ret,
 * *legs_m. */
static int fits(const plan_ctx_t *c, const plan_pattern_t *pat, const plan_duty_t *du, int b,
		int *dep, int *ret, double *legs_m)
{
	const plan_bus_t *x = &c->p->buses[b];
	if (!c->on_road[x->depot] || du->n_runs == 0)
		return 0;
	for (int k = 0; k < du->n_runs; k++)
		if (pat->runs[du->runs[k]].children > x->seats)
			return 0;
	const plan_run_t *f = &pat->runs[du->runs[0]], *l = &pat->runs[du->runs[du->n_runs - 1]];
	int first = f->stops[0].point, last = l->stops[l->n_stops - 1].point;
	double go = plan_tt(c, x->depot, first), back = plan_tt(c, last, x->depot);
	*dep = plan_run_start(f) - (int)go;
	*ret = plan_run_end(l) + (int)back;
	*legs_m = plan_mm(c, x->depot, first) + plan_mm(c, last, x->depot);
	return *dep >= x->avail_from_s && *ret <= x->avail_to_s && plan_hours_fits(c, pat, du, b);
}

/* Runs of duty du whose earlier bus (ref, by origin) is b. */
static int score(const plan_pattern_t *pat, const plan_duty_t *du, const int *ref, int b)
{
	int n = 0;
	for (int k = 0; k < du->n_runs; k++) {
		int o = pat->runs[du->runs[k]].origin;
		n += o >= 0 && ref[o] == b;
	}
	return n;
}

/* Gives duty du bus b (the depot legs recomputed). */
static void assign(const plan_ctx_t *c, plan_pattern_t *pat, plan_duty_t *du, int b)
{
	int dep, ret;
	double legs_new, legs_old;
	fits(c, pat, du, du->bus, &dep, &ret, &legs_old);
	fits(c, pat, du, b, &dep, &ret, &legs_new);
	du->meters += legs_new - legs_old;
	du->depart_depot_s = dep;
	du->return_depot_s = ret;
	du->bus = b;
	for (int k = 0; k < du->n_runs; k++)
		pat->runs[du->runs[k]].bus = b;
}

/* One improving move on pat (a free bus or a swap), the best one; returns
 * 1 when it made one. */
static int improve(const plan_ctx_t *c, plan_pattern_t *pat, const int *ref, int *owner)
{
	int nb = c->p->n_buses, best_gain = 0, bd = -1, bb = -1;
	for (int d = 0; d < pat->n_duties; d++) {
		plan_duty_t *du = &pat->duties[d];
		int cur = du->bus, s_cur = score(pat, du, ref, cur);
		for (int b = 0; b < nb; b++) {
			int dep, ret;
			double m;
			if (b == cur || !fits(c, pat, du, b, &dep, &ret, &m))
				continue;
			int gain = score(pat, du, ref, b) - s_cur, e = owner[b];
			if (e >= 0) {
				plan_duty_t *de = &pat->duties[e];
				if (!fits(c, pat, de, cur, &dep, &ret, &m))
					continue;
				gain += score(pat, de, ref, cur) - score(pat, de, ref, b);
			}
			if (gain > best_gain) {
				best_gain = gain;
				bd = d;
				bb = b;
			}
		}
	}
	if (bd < 0)
		return 0;
	plan_duty_t *du = &pat->duties[bd];
	int cur = du->bus, e = owner[bb];
	assign(c, pat, du, bb);
	owner[bb] = bd;
	owner[cur] = -1;
	if (e >= 0) {
		assign(c, pat, &pat->duties[e], cur);
		owner[cur] = e;
	}
	return 1;
}

static int cmp_duty_bus(const void *a, const void *b)
{
	const plan_duty_t *x = a, *y = b;
	return (x->bus > y->bus) - (x->bus < y->bus);
}

void plan_week_steady(plan_ctx_t *c)
{
	sr_plan_t *p = c->p;
	int *ref = xcalloc((size_t)c->n_tmpl + 1, sizeof(int));
	int *owner = xcalloc((size_t)p->n_buses + 1, sizeof(int));
	for (int i = 0; i < c->n_tmpl; i++)
		ref[i] = -1;
	for (int k = 0; k < p->n_patterns; k++) {
		plan_pattern_t *pat = &p->patterns[k];
		for (int b = 0; b < p->n_buses; b++)
			owner[b] = -1;
		for (int d = 0; d < pat->n_duties; d++)
			owner[pat->duties[d].bus] = d;
		if (k > 0) {
			while (improve(c, pat, ref, owner))
				;
			/* duties in fleet order again */
			qsort(pat->duties, (size_t)pat->n_duties, sizeof(plan_duty_t),
			      cmp_duty_bus);
		}
		for (int i = 0; i < pat->n_runs; i++) {
			const plan_run_t *r = &pat->runs[i];
			if (r->origin >= 0 && r->origin < c->n_tmpl && ref[r->origin] < 0)
				ref[r->origin] = r->bus;
		}
	}
	free(ref);
	free(owner);
}

void plan_week_stats(const sr_plan_t *p, plan_week_t *w)
{
	memset(w, 0, sizeof(*w));
	int n_org = 0;
	for (int k = 0; k < p->n_patterns; k++)
		for (int i = 0; i < p->patterns[k].n_runs; i++)
			if (p->patterns[k].runs[i].origin >= n_org)
				n_org = p->patterns[k].runs[i].origin + 1;
	int *bus = xcalloc((size_t)n_org + 1, sizeof(int));
	int *days = xcalloc((size_t)n_org + 1, sizeof(int));
	char *same = xcalloc((size_t)n_org + 1, 1);
	char *used = xcalloc((size_t)p->n_buses + 1, 1);
	for (int o = 0; o < n_org; o++)
		same[o] = 1;
	for (int k = 0; k < p->n_patterns; k++) {
		const plan_pattern_t *pat = &p->patterns[k];
		int nd = __builtin_popcount(pat->days);
		for (int d = 0; d < 7; d++)
			if (pat->days & (1u << d))
				w->buses_per_day[d] = pat->n_duties;
		for (int d = 0; d < pat->n_duties; d++)
			used[pat->duties[d].bus] = 1;
		for (int i = 0; i < pat->n_runs; i++) {
			const plan_run_t *r = &pat->runs[i];
			if (r->origin < 0)
				continue;
			if (days[r->origin] && bus[r->origin] != r->bus)
				same[r->origin] = 0;
			bus[r->origin] = r->bus;
			days[r->origin] += nd;
		}
	}
	for (int o = 0; o < n_org; o++)
		if (days[o] > 1) {
			w->repeating++;
			w->same_bus += same[o];
		}
	for (int b = 0; b < p->n_buses; b++)
		w->distinct_buses += used[b];
	free(bus);
	free(days);
	free(same);
	free(used);
}
