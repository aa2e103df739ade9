/*
 * hours.c - the drivers' working time (the frame of the Russian Ministry of
 * Transport's order No. 424 of 2020: a limit on the working day, on driving
 * in a day, and a break of at least so long after at most so much
 * driving). The numbers are plan settings (max_shift_h, max_driving_h,
 * break_min, driving_before_break_h, depot_return_min), the first two also
 * per bus in fleet.csv. The rules themselves are one definition in the
 * chain stage (src/chain/day.c: chain_gap, chain_day), which enforces them
 * while it chains runs into duties; here the plan's runs and buses become
 * its tasks and buses, and each duty's day is filled in for the outputs
 * (the driver's sheet prints the depot returns, waits and breaks).
 *
 * A day counts from leaving the depot to coming back, rests at the depot
 * included: a rest at the depot is the driver's break. With split_shift =
 * yes, a rest at the depot of split_break_min_h or longer splits the day
 * in two parts (a part in the morning, a part in the afternoon): up to
 * split_break_max_h of it is not working time, max_shift_h limits the
 * working time and max_span_h the whole day.
 */
#include <stdlib.h>
#include <string.h>
#include "plan/hours.h"
#include "plan/run.h"

int plan_run_driving_s(const plan_run_t *r)
{
	int s = 0;
	for (int k = 0; k + 1 < r->n_stops; k++)
		s += r->stops[k + 1].arrival_s - r->stops[k].departure_s;
	return s;
}

void plan_hours_bus(const plan_ctx_t *c, const plan_bus_t *x, chain_bus_t *cb)
{
	const plan_settings_t *st = &c->p->settings;
	cb->max_shift_s = 3600 * (x->max_shift_h > 0 ? x->max_shift_h : st->max_shift_h);
	cb->max_drive_s = 3600 * (x->max_driving_h > 0 ? x->max_driving_h : st->max_driving_h);
	cb->split_min_s = cb->split_max_s = cb->max_span_s = 0;
	if (x->split_shift > 0 || (x->split_shift < 0 && !strcmp(st->split_shift, "yes"))) {
		cb->split_min_s = 3600 * st->split_break_min_h;
		cb->split_max_s = 3600 * st->split_break_max_h;
		cb->max_span_s = 3600 * st->max_span_h;
	}
}

static void fill_task(const plan_run_t *r, chain_task_t *t)
{
	t->start_s = plan_run_start(r);
	t->end_s = plan_run_end(r);
	t->start_loc = (uint32_t)r->stops[0].point;
	t->end_loc = (uint32_t)r->stops[r->n_stops - 1].point;
	t->min_seats = r->children;
	t->drive_s = plan_run_driving_s(r);
}

/* The problem of tasks t[0..n) on buses cb[0..n_cb), with the rules. */
static void problem(const plan_ctx_t *c, chain_task_t *t, int n, const chain_bus_t *cb, int n_cb,
		    chain_problem_t *cp)
{
	const plan_settings_t *st = &c->p->settings;
	*cp = (chain_problem_t){
		.tasks = t,
		.n_tasks = n,
		.buses = cb,
		.n_buses = n_cb,
		.n_locs = c->n,
		.dh_seconds = c->sec,
		.dh_meters = c->met,
		.turnaround_s = 0,
		.depot_return_s = 60.0 * st->depot_return_min,
		.break_s = 60.0 * st->break_min,
		.block_s = 3600 * st->driving_before_break_h,
	};
}

void plan_hours_problem(const plan_ctx_t *c, const plan_run_t *runs, int n, const chain_bus_t *cb,
			int n_cb, chain_problem_t *cp, chain_task_t **tasks)
{
	chain_task_t *t = xcalloc((size_t)n + 1, sizeof(*t));
	for (int i = 0; i < n; i++)
		fill_task(&runs[i], &t[i]);
	*tasks = t;
	problem(c, t, n, cb, n_cb, cp);
}

void plan_hours_guard(const plan_ctx_t *c, plan_run_t *runs, int n, const chain_solution_t *sol,
		      const chain_bus_t *cb, int n_cb, const int *old_shift)
{
	chain_problem_t cp;
	chain_task_t *t;
	plan_hours_problem(c, runs, n, cb, n_cb, &cp, &t);
	for (int d = 0; d < sol->n_duties; d++) {
		const chain_duty_t *du = &sol->duties[d];
		chain_day_t day;
		if (du->n_tasks == 0 || chain_day(&cp, du->bus, du->tasks, du->n_tasks, &day))
			continue;
		for (int k = 0; k < du->n_tasks; k++) {
			plan_run_t *r = &runs[du->tasks[k]];
			int back = r->shift_s - old_shift[du->tasks[k]];
			plan_run_shift(r, r->dir == PLAN_TO_SESSION ? back : -back);
			r->shift_s = old_shift[du->tasks[k]];
		}
	}
	free(t);
}

/* Bus b's day with task r added to its duty in sol (in time order) into
 * seq; returns its length. */
static int with_task(const chain_solution_t *sol, const chain_task_t *t, int b, int r, int *seq)
{
	int m = 0;
	for (int d = 0; d < sol->n_duties; d++)
		if (sol->duties[d].bus == b)
			for (int k = 0; k < sol->duties[d].n_tasks; k++)
				seq[m++] = sol->duties[d].tasks[k];
	int at = m;
	while (at > 0 && t[seq[at - 1]].start_s > t[r].start_s) {
		seq[at] = seq[at - 1];
		at--;
	}
	seq[at] = r;
	return m + 1;
}

int plan_hours_blocks(const plan_ctx_t *c, const plan_run_t *runs, int n,
		      const chain_solution_t *sol, const chain_bus_t *cb, int n_cb, int r)
{
	chain_problem_t cp, loose;
	chain_task_t *t;
	chain_bus_t *free_cb = xcalloc((size_t)n_cb + 1, sizeof(*free_cb));
	int *seq = xcalloc((size_t)n + 1, sizeof(int)), why = 0;
	plan_hours_problem(c, runs, n, cb, n_cb, &cp, &t);
	memcpy(free_cb, cb, (size_t)n_cb * sizeof(*cb));
	for (int b = 0; b < n_cb; b++)
		free_cb[b].max_shift_s = free_cb[b].max_drive_s = free_cb[b].max_span_s = 0;
	loose = cp;
	loose.buses = free_cb;
	loose.block_s = 0;
	for (int b = 0; b < n_cb && why < 2; b++) {
		chain_day_t day;
		int m = with_task(sol, t, b, r, seq);
		if (chain_day(&loose, b, seq, m, &day) && !chain_day(&cp, b, seq, m, &day))
			why = m == 1 ? 2 : 1;
	}
	free(seq);
	free(free_cb);
	free(t);
	return why;
}

/* Bus `bus`'s day doing du: the chain problem of du's runs on that bus
 * alone (*tasks allocated, the caller frees), its day in *day; returns
 * whether it keeps every rule. */
static int duty_day(const plan_ctx_t *c, const plan_pattern_t *pat, const plan_duty_t *du, int bus,
		    chain_bus_t *cb, chain_problem_t *cp, chain_task_t **tasks, chain_day_t *day)
{
	const plan_bus_t *x = &c->p->buses[bus];
	int n = du->n_runs, ok = 1;
	memset(cb, 0, sizeof(*cb));
	cb->depot_loc = (uint32_t)x->depot;
	cb->seats = x->seats;
	cb->avail_from_s = x->avail_from_s;
	cb->avail_to_s = x->avail_to_s;
	cb->cost_per_km = x->cost_per_km;
	plan_hours_bus(c, x, cb);
	chain_task_t *t = xcalloc((size_t)n + 1, sizeof(*t));
	int *idx = xcalloc((size_t)n + 1, sizeof(int));
	for (int k = 0; k < n; k++) {
		fill_task(&pat->runs[du->runs[k]], &t[k]);
		idx[k] = k;
	}
	problem(c, t, n, cb, 1, cp);
	*tasks = t;
	if (n > 0)
		ok = chain_day(cp, 0, idx, n, day);
	free(idx);
	return ok;
}

int plan_hours_work(const plan_ctx_t *c, const plan_pattern_t *pat, const plan_duty_t *du, int bus)
{
	chain_bus_t cb;
	chain_problem_t cp;
	chain_task_t *t;
	chain_day_t day = {0};
	int ok = duty_day(c, pat, du, bus, &cb, &cp, &t, &day);
	free(t);
	return ok ? (int)(day.return_s - day.depart_s - day.split_s) : -1;
}

int plan_hours_fits(const plan_ctx_t *c, const plan_pattern_t *pat, const plan_duty_t *du, int bus)
{
	return plan_hours_work(c, pat, du, bus) >= 0;
}

void plan_hours_fill(const plan_ctx_t *c, const plan_pattern_t *pat, plan_duty_t *du)
{
	chain_bus_t cb;
	chain_problem_t cp;
	chain_task_t *t;
	chain_day_t day;
	int n = du->n_runs;
	if (n == 0)
		return;
	if (!duty_day(c, pat, du, du->bus, &cb, &cp, &t, &day))
		plan_warn(c->p, "drivers_rule", pat->days,
			  (const char *[]){c->p->buses[du->bus].id}, 1,
			  "bus '%s': its day breaks a drivers' rule", c->p->buses[du->bus].id);
	du->depart_depot_s = (int)day.depart_s;
	du->return_depot_s = (int)day.return_s;
	du->span_s = du->return_depot_s - du->depart_depot_s;
	du->split_s = (int)day.split_s;
	du->shift_s = du->span_s - du->split_s;
	du->driving_s = (int)day.drive_s;
	du->stretch_s = (int)day.block_s;
	du->meters = day.meters;
	free(du->gaps);
	du->gaps = xcalloc((size_t)n, sizeof(plan_gap_t));
	for (int k = 0; k < n; k++)
		du->meters += pat->runs[du->runs[k]].meters;
	for (int k = 0; k + 1 < n; k++) {
		const chain_task_t *a = &t[k], *b = &t[k + 1];
		chain_gap_t g;
		plan_gap_t *pg = &du->gaps[k];
		chain_gap(&cp, 0, a->end_loc, a->end_s, b->start_loc, b->start_s, &g);
		pg->depot_in_s = g.via_depot ? (int)(a->end_s + g.before_s) : -1;
		pg->depot_out_s = g.via_depot ? pg->depot_in_s + (int)g.wait_s : -1;
		pg->ready_s = g.via_depot ? (int)b->start_s : (int)(a->end_s + g.drive_s);
		pg->wait_s = (int)g.wait_s;
		pg->is_break = cp.break_s > 0 && g.wait_s >= cp.break_s;
		pg->is_split = k == day.split_gap;
	}
	free(t);
}

int plan_hours_chain(const plan_ctx_t *c, const plan_run_t *runs, int n, const chain_bus_t *cb,
		     int n_cb, chain_solution_t *sol, sr_error_t *err)
{
	chain_task_t *t;
	chain_problem_t cp;
	plan_hours_problem(c, runs, n, cb, n_cb, &cp, &t);
	chain_opts_t o;
	chain_opts_init(&o);
	/* the work is counted (nodes, simplex work) as in every chaining of
	 * the plan; what is left of the plan's time, at least 0.5 s, is only
	 * the safety net, and when it ends the chaining the plan's
	 * time_limit_cut warning counts it */
	double left = c->deadline - sr_now();
	o.time_limit_s = left < 0.5 ? 0.5 : left;
	o.max_nodes = PLAN_CHAIN_NODES;
	o.max_work = PLAN_CHAIN_WORK;
	double t0 = sr_now();
	int rc = chain_solve(&cp, &o, sol, err);
	if (rc == SR_OK && !sol->optimal && sr_now() - t0 >= 0.95 * o.time_limit_s)
		((plan_ctx_t *)c)->n_chain_cut++; /* the plan's own ctx: only its count changes */
	free(t);
	return rc;
}
