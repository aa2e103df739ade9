/*
 * windows.c - moving runs within their windows when the fleet cannot
 * cover them at their preferred times: a to-session run may arrive up to
 * early_window_min earlier (the children wait at the destination), a home
 * run may leave up to late_window_min later, never into the night hours.
 * The strategies duties.c tries in turn are declared in windows.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "plan/hours.h"
#include "plan/run.h"
#include "plan/timing.h"
#include "plan/windows.h"

plan_flex_t plan_flex_of(const sr_plan_t *p)
{
	plan_flex_t f = {p, 0};
	for (int si = 0; si < p->n_sessions && !f.any; si++)
		f.any = plan_session_window_s(p, si, PLAN_TO_SESSION) > 0 ||
			plan_session_window_s(p, si, PLAN_HOME) > 0;
	return f;
}

int plan_run_room_s(const sr_plan_t *p, const plan_run_t *r)
{
	int room = plan_run_window_s(p, r) - r->lag_s - r->shift_s;
	if (r->dir == PLAN_TO_SESSION) {
		if (room > plan_run_start(r) - PLAN_DAY_START_S)
			room = plan_run_start(r) - PLAN_DAY_START_S;
	} else {
		if (room > PLAN_DAY_END_S - plan_run_end(r))
			room = PLAN_DAY_END_S - plan_run_end(r);
	}
	return room > 0 ? room : 0;
}

void plan_run_move(plan_run_t *r, int d)
{
	plan_run_shift(r, r->dir == PLAN_TO_SESSION ? -d : d);
	r->shift_s += d;
}

int plan_windows_move_uncovered(const plan_flex_t *f, plan_run_t *runs, const chain_solution_t *sol,
				int full)
{
	int moved = 0;
	for (int i = 0; i < sol->n_uncovered; i++) {
		plan_run_t *r = &runs[sol->uncovered[i]];
		int want = plan_run_window_s(f->p, r) / (full ? 1 : 2);
		int d = want - r->shift_s, room = plan_run_room_s(f->p, r);
		if (d > room)
			d = room;
		if (d > 0) {
			plan_run_move(r, d);
			moved++;
		}
	}
	return moved;
}

int plan_windows_make_room(const plan_ctx_t *c, const plan_flex_t *f, plan_run_t *runs, int n,
			   const chain_solution_t *sol)
{
	int moved = 0;
	for (int q = 0; q < sol->n_uncovered; q++) {
		plan_run_t *u = &runs[sol->uncovered[q]];
		plan_run_t *who = NULL;
		int best = 0;
		for (int v = 0; v < n; v++) {
			plan_run_t *x = &runs[v];
			if (x == u)
				continue;
			for (int order = 0; order < 2; order++) {
				plan_run_t *a = order ? u : x, *b = order ? x : u; /* a then b */
				double dh = c->sec[(size_t)a->stops[a->n_stops - 1].point * c->n +
						   (size_t)b->stops[0].point];
				if (!isfinite(dh))
					continue;
				int need = plan_run_end(a) + (int)dh - plan_run_start(b);
				if (need <= 0)
					continue;
				need = (need + 59) / 60 * 60;
				/* a earlier (to-session) or b later (home) */
				plan_run_t *cand[2] = {a->dir == PLAN_TO_SESSION ? a : NULL,
						       b->dir == PLAN_HOME ? b : NULL};
				for (int k = 0; k < 2; k++)
					if (cand[k] && need <= plan_run_room_s(f->p, cand[k]) &&
					    (!who || need < best)) {
						who = cand[k];
						best = need;
					}
			}
		}
		if (who) {
			plan_run_move(who, best);
			moved++;
		}
	}
	return moved;
}

/* The state of the list scheduling: per bus, its last run (-1: still at
 * the depot), when it is free, and how much earlier that last run may
 * still move. */
typedef struct greedy {
	const plan_ctx_t *c;
	const plan_flex_t *f;
	plan_run_t *runs;
	const chain_bus_t *cb;
	int n_cb;
	int *last;
	double *free_at;
	double *slack;
} greedy_t;

/* Where bus b is: its depot, or the end of its last run. */
static uint32_t bus_at(const greedy_t *g, int b)
{
	int l = g->last[b];
	return l < 0 ? g->cb[b].depot_loc
		     : (uint32_t)g->runs[l].stops[g->runs[l].n_stops - 1].point;
}

/* The earliest and latest start run r may take within its window. */
static void start_range(const plan_flex_t *f, const plan_run_t *r, int *lo, int *hi)
{
	int pref = plan_run_start(r), room = plan_run_room_s(f->p, r);
	*lo = r->dir == PLAN_TO_SESSION ? pref - room : pref;
	*hi = r->dir == PLAN_TO_SESSION ? pref : pref + room;
}

/* The bus for run r: the smallest move within the windows (its own, or
 * pulling the bus's previous to-session run earlier), then a bus already
 * out before a fresh one, then the shortest deadhead. Returns -1 when no
 * bus can do it; else the bus, the run's start and the pull. */
static int pick_bus(const greedy_t *g, const plan_run_t *r, int *pick_start, int *pick_pull)
{
	const plan_ctx_t *c = g->c;
	const chain_bus_t *cb = g->cb;
	int pref = plan_run_start(r), dur = plan_run_end(r) - pref, lo, hi;
	start_range(g->f, r, &lo, &hi);
	uint32_t s_loc = (uint32_t)r->stops[0].point;
	uint32_t e_loc = (uint32_t)r->stops[r->n_stops - 1].point;
	int pick = -1;
	double pick_key[3] = {0, 0, 0};
	for (int b = 0; b < g->n_cb; b++) {
		if (cb[b].seats < r->children)
			continue;
		double dh = c->sec[(size_t)bus_at(g, b) * c->n + s_loc];
		if (!isfinite(dh))
			continue;
		double ready = (g->last[b] < 0 ? cb[b].avail_from_s : g->free_at[b]) + dh;
		int pull = 0;
		if (ready > hi) {
			pull = (int)ceil(ready - hi);
			if (g->last[b] < 0 || pull > g->slack[b])
				continue;
			ready -= pull;
		}
		int start = r->dir == PLAN_TO_SESSION ? hi : (ready <= lo ? lo : (int)ceil(ready));
		double back = c->sec[(size_t)e_loc * c->n + cb[b].depot_loc];
		if (!isfinite(back) || start + dur + back > cb[b].avail_to_s)
			continue;
		double key[3] = {abs(start - pref) + pull, g->last[b] < 0 ? 1 : 0, dh};
		int better = pick < 0;
		for (int k = 0; k < 3 && !better; k++) {
			if (key[k] < pick_key[k])
				better = 1;
			if (key[k] != pick_key[k])
				break;
		}
		if (better) {
			pick = b;
			*pick_start = start;
			*pick_pull = pull;
			memcpy(pick_key, key, sizeof(key));
		}
	}
	return pick;
}

/* Gives run ri to bus b, starting at `start`, the bus's previous run
 * pulled `pull` seconds earlier. */
static void assign(greedy_t *g, int ri, int b, int start, int pull)
{
	const plan_ctx_t *c = g->c;
	plan_run_t *r = &g->runs[ri];
	int pref = plan_run_start(r), lo, hi;
	start_range(g->f, r, &lo, &hi);
	if (pull > 0) /* the bus's previous to-session run arrives earlier */
		plan_run_move(&g->runs[g->last[b]], pull);
	int d = abs(start - pref);
	if (d)
		plan_run_move(r, d);
	/* how much earlier this run could still go: to-session runs only,
	 * down to its window and to when the bus can be there */
	double ready0 = (g->last[b] < 0 ? g->cb[b].avail_from_s : g->free_at[b] - pull) +
			c->sec[(size_t)bus_at(g, b) * c->n + (size_t)r->stops[0].point];
	g->slack[b] = 0;
	if (r->dir == PLAN_TO_SESSION) {
		double sl = plan_run_start(r) - (ready0 > lo ? ready0 : lo);
		g->slack[b] = sl > 0 ? floor(sl) : 0;
	}
	g->free_at[b] = plan_run_end(r);
	g->last[b] = ri;
}

/* The duties of the list scheduling (runs in the order ord, bus_of_run[i]
 * the bus of run i, -1 for none) into *sol, in time order per bus. */
static void greedy_duties(const plan_ctx_t *c, const plan_run_t *runs, int n, const int *ord,
			  const int *bus_of_run, const chain_bus_t *cb, int n_cb,
			  chain_solution_t *sol)
{
	memset(sol, 0, sizeof(*sol));
	sol->duties = xcalloc((size_t)n_cb + 1, sizeof(chain_duty_t));
	sol->uncovered = xcalloc((size_t)n + 1, sizeof(int));
	for (int q = 0; q < n; q++)
		if (bus_of_run[ord[q]] < 0)
			sol->uncovered[sol->n_uncovered++] = ord[q];
	for (int b = 0; b < n_cb; b++) {
		chain_duty_t du = {.bus = b};
		for (int q = 0; q < n; q++)
			if (bus_of_run[ord[q]] == b) {
				du.tasks = xreallocarray(du.tasks, (size_t)du.n_tasks + 1,
							 sizeof(int));
				du.tasks[du.n_tasks++] = ord[q];
			}
		if (!du.n_tasks)
			continue;
		uint32_t at = cb[b].depot_loc;
		for (int k = 0; k < du.n_tasks; k++) {
			const plan_run_t *x = &runs[du.tasks[k]];
			du.deadhead_m += c->met[(size_t)at * c->n + (size_t)x->stops[0].point];
			at = (uint32_t)x->stops[x->n_stops - 1].point;
		}
		du.deadhead_m += c->met[(size_t)at * c->n + cb[b].depot_loc];
		sol->deadhead_m += du.deadhead_m;
		sol->duties[sol->n_duties++] = du;
	}
}

int plan_windows_greedy(const plan_ctx_t *c, const plan_flex_t *f, plan_run_t *runs, int n,
			const chain_bus_t *cb, int n_cb, chain_solution_t *sol)
{
	greedy_t g = {
		.c = c,
		.f = f,
		.runs = runs,
		.cb = cb,
		.n_cb = n_cb,
		.last = xcalloc((size_t)n_cb + 1, sizeof(int)),
		.free_at = xcalloc((size_t)n_cb + 1, sizeof(double)),
		.slack = xcalloc((size_t)n_cb + 1, sizeof(double)),
	};
	int *bus_of_run = xcalloc((size_t)n + 1, sizeof(int));
	int *ord = xcalloc((size_t)n + 1, sizeof(int));
	int *shift0 = xcalloc((size_t)n + 1, sizeof(int));
	for (int i = 0; i < n; i++) {
		ord[i] = i;
		shift0[i] = runs[i].shift_s;
		bus_of_run[i] = -1;
	}
	/* in order of the preferred start (insertion sort: stable) */
	for (int i = 1; i < n; i++)
		for (int j = i;
		     j > 0 && plan_run_start(&runs[ord[j]]) < plan_run_start(&runs[ord[j - 1]]);
		     j--) {
			int t = ord[j];
			ord[j] = ord[j - 1];
			ord[j - 1] = t;
		}
	for (int b = 0; b < n_cb; b++)
		g.last[b] = -1;
	for (int q = 0; q < n; q++) {
		int start = 0, pull = 0;
		int b = pick_bus(&g, &runs[ord[q]], &start, &pull);
		if (b < 0)
			continue;
		assign(&g, ord[q], b, start, pull);
		bus_of_run[ord[q]] = b;
	}
	greedy_duties(c, runs, n, ord, bus_of_run, cb, n_cb, sol);
	int moved = 0;
	for (int i = 0; i < n; i++)
		moved += runs[i].shift_s != shift0[i];
	free(g.free_at);
	free(g.slack);
	free(g.last);
	free(bus_of_run);
	free(ord);
	free(shift0);
	return moved;
}

int plan_windows_list(const plan_ctx_t *c, const plan_flex_t *f, plan_run_t *runs, int n,
		      const chain_bus_t *cb, int n_cb, chain_solution_t *sol)
{
	int moved = plan_windows_greedy(c, f, runs, n, cb, n_cb, sol);
	chain_task_t *t;
	chain_problem_t cp;
	plan_hours_problem(c, runs, n, cb, n_cb, &cp, &t);
	chain_trim(&cp, sol);
	chain_cover_idle(&cp, sol);
	free(t);
	return moved;
}

void plan_windows_compress(const plan_ctx_t *c, plan_run_t *runs, const chain_solution_t *sol,
			   const chain_bus_t *cb)
{
	for (int d = 0; d < sol->n_duties; d++) {
		const chain_duty_t *du = &sol->duties[d];
		const chain_bus_t *b = &cb[du->bus];
		for (int k = du->n_tasks - 1; k >= 0; k--) { /* to-session: later */
			plan_run_t *r = &runs[du->tasks[k]];
			if (r->dir != PLAN_TO_SESSION || r->shift_s <= 0)
				continue;
			uint32_t e = (uint32_t)r->stops[r->n_stops - 1].point;
			double lim;
			if (k + 1 < du->n_tasks) {
				const plan_run_t *nx = &runs[du->tasks[k + 1]];
				lim = plan_run_start(nx) -
				      (plan_run_end(r) +
				       c->sec[(size_t)e * c->n + (size_t)nx->stops[0].point]);
			} else {
				lim = b->avail_to_s -
				      (plan_run_end(r) + c->sec[(size_t)e * c->n + b->depot_loc]);
			}
			int m = lim < r->shift_s ? (int)floor(lim) : r->shift_s;
			if (m > 0)
				plan_run_move(r, -m);
		}
		for (int k = 0; k < du->n_tasks; k++) { /* home: earlier */
			plan_run_t *r = &runs[du->tasks[k]];
			if (r->dir != PLAN_HOME || r->shift_s <= 0)
				continue;
			uint32_t s0 = (uint32_t)r->stops[0].point;
			double lim;
			if (k > 0) {
				const plan_run_t *pv = &runs[du->tasks[k - 1]];
				lim = plan_run_start(r) -
				      (plan_run_end(pv) +
				       c->sec[(size_t)pv->stops[pv->n_stops - 1].point * c->n +
					      s0]);
			} else {
				lim = plan_run_start(r) - c->sec[(size_t)b->depot_loc * c->n + s0] -
				      b->avail_from_s;
			}
			int m = lim < r->shift_s ? (int)floor(lim) : r->shift_s;
			if (m > 0)
				plan_run_move(r, -m);
		}
	}
}
