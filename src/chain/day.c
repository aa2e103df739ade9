/* day.c - a bus's working day over a sequence of tasks: where it waits in
 * the gaps (at the next task's start, or at its depot in a long gap), how
 * long the day is from leaving the depot to coming back, how much of it is
 * driving, and the longest driving between two breaks. These are the
 * drivers' working-time rules (the frame of the Russian Ministry of
 * Transport's order No. 424 of 2020: a daily limit on the working day and
 * on driving, a break after at most so much driving), as resource limits
 * on a vehicle's path (the resource-constrained duties of vehicle and crew
 * scheduling; Desaulniers et al., "Crew pairing at Air France", and Haase,
 * Desaulniers & Desrosiers 2001 for buses). A split shift (the working day
 * in two parts with a long stay at the depot between them, which is not
 * working time) is the crew-scheduling "split duty": its working time is
 * the span less the split break, the span itself limited too. chain.c enforces them while it
 * chains; this file is the one definition both the solver and its callers
 * use.
 */
#include <math.h>
#include "schoolrun/chain.h"

#define DAY_EPS 1e-6

static double sec(const chain_problem_t *p, uint32_t a, uint32_t b)
{
	return p->dh_seconds[(size_t)a * p->n_locs + b];
}

static double met(const chain_problem_t *p, uint32_t a, uint32_t b)
{
	return p->dh_meters ? p->dh_meters[(size_t)a * p->n_locs + b] : 0.0;
}

int chain_gap(const chain_problem_t *p, int b, uint32_t from, double from_s, uint32_t to,
	      double to_s, chain_gap_t *g)
{
	double dh = sec(p, from, to), gap = to_s - from_s - p->turnaround_s;
	g->via_depot = 0;
	g->drive_s = g->before_s = dh;
	g->wait_s = gap - dh;
	g->meters = met(p, from, to);
	if (!isfinite(dh) || g->wait_s < -DAY_EPS)
		return 0;
	if (g->wait_s < 0)
		g->wait_s = 0;
	if (!p->buses || p->depot_return_s <= 0 || gap <= p->depot_return_s)
		return 1;
	uint32_t d = p->buses[b].depot_loc;
	double in = sec(p, from, d), out = sec(p, d, to);
	double stay = gap - in - out;
	if (isfinite(in) && isfinite(out) && stay >= p->break_s - DAY_EPS && stay >= 0) {
		g->via_depot = 1;
		g->drive_s = in + out;
		g->before_s = in;
		g->wait_s = stay;
		g->meters = met(p, from, d) + met(p, d, to);
	}
	return 1;
}

/* Adds `drive` seconds to the current stretch without a break. */
static void drive_on(chain_day_t *d, double *block, double drive)
{
	*block += drive;
	d->drive_s += drive;
	if (*block > d->block_s)
		d->block_s = *block;
}

/* The part of a depot stay of wait_s that splits bus's day: 0 when it is
 * no split shift's break. */
double chain_split_credit(const chain_bus_t *bus, const chain_gap_t *g)
{
	if (bus->split_min_s <= 0 || !g->via_depot || g->wait_s < bus->split_min_s - DAY_EPS)
		return 0;
	return bus->split_max_s > 0 && g->wait_s > bus->split_max_s ? bus->split_max_s : g->wait_s;
}

/* Whether day d keeps bus's limits on its length, driving and stretches. */
static int day_limits(const chain_problem_t *p, const chain_bus_t *bus, const chain_day_t *d)
{
	int ok = d->depart_s >= bus->avail_from_s - DAY_EPS &&
		 d->return_s <= bus->avail_to_s + DAY_EPS;
	if (bus->max_shift_s > 0)
		ok &= d->work_s <= bus->max_shift_s + DAY_EPS;
	if (bus->max_span_s > 0)
		ok &= d->return_s - d->depart_s <= bus->max_span_s + DAY_EPS;
	if (bus->max_drive_s > 0)
		ok &= d->drive_s <= bus->max_drive_s + DAY_EPS;
	if (p->block_s > 0)
		ok &= d->block_s <= p->block_s + DAY_EPS;
	return ok;
}

int chain_day(const chain_problem_t *p, int b, const int *tasks, int n, chain_day_t *d)
{
	const chain_bus_t *bus = &p->buses[b];
	const chain_task_t *f = &p->tasks[tasks[0]], *l = &p->tasks[tasks[n - 1]];
	double out = sec(p, bus->depot_loc, f->start_loc),
	       back = sec(p, l->end_loc, bus->depot_loc);
	double block = 0;
	int ok = isfinite(out) && isfinite(back);
	d->depart_s = f->start_s - out;
	d->return_s = l->end_s + back;
	d->drive_s = d->block_s = d->split_s = 0;
	d->split_gap = -1;
	d->meters = met(p, bus->depot_loc, f->start_loc) + met(p, l->end_loc, bus->depot_loc);
	drive_on(d, &block, out);
	for (int k = 0; k < n; k++) {
		const chain_task_t *t = &p->tasks[tasks[k]];
		ok &= t->min_seats <= bus->seats;
		drive_on(d, &block, t->drive_s);
		if (k + 1 == n)
			break;
		const chain_task_t *nx = &p->tasks[tasks[k + 1]];
		chain_gap_t g;
		if (!chain_gap(p, b, t->end_loc, t->end_s, nx->start_loc, nx->start_s, &g)) {
			ok = 0;
			continue;
		}
		d->meters += g.meters;
		double credit = chain_split_credit(bus, &g);
		if (credit > d->split_s) {
			d->split_s = credit;
			d->split_gap = k;
		}
		drive_on(d, &block, g.before_s);
		if (p->break_s > 0 && g.wait_s >= p->break_s - DAY_EPS)
			block = 0;
		drive_on(d, &block, g.drive_s - g.before_s);
	}
	drive_on(d, &block, back);
	d->work_s = d->return_s - d->depart_s - d->split_s;
	return ok && day_limits(p, bus, d);
}
