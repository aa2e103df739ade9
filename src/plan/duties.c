/*
 * duties.c - weekday patterns and bus duties. Days that share the same set
 * of sessions form one pattern, planned once (as GTFS calendar services
 * group days). Each pattern's runs are chained into bus duties with
 * chain_solve (vehicle scheduling, Bodin & Golden's single-depot
 * formulation with depot legs, fewest buses then fewest kilometres).
 *
 * When the fleet cannot cover every run, the runs left over may arrive
 * earlier within the early window (the children then wait at the
 * destination rather than miss it); a retry with those runs moved earlier
 * is kept when it covers more children. What still cannot be covered is
 * reported as "no_bus", never dropped.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/chain.h"
#include "plan/plan_int.h"

static int run_start(const plan_run_t *r)
{
	return r->stops[0].arrival_s;
}

static int run_end(const plan_run_t *r)
{
	return r->stops[r->n_stops - 1].departure_s;
}

static int cmp_run(const void *a, const void *b)
{
	const plan_run_t *x = a, *y = b;
	if (run_start(x) != run_start(y))
		return run_start(x) < run_start(y) ? -1 : 1;
	if (x->session != y->session)
		return x->session < y->session ? -1 : 1;
	if (x->dir != y->dir)
		return x->dir < y->dir ? -1 : 1;
	return run_end(x) - run_end(y);
}

static int uncovered_children(const plan_run_t *runs, const chain_solution_t *s)
{
	int n = 0;
	for (int i = 0; i < s->n_uncovered; i++)
		n += runs[s->uncovered[i]].children;
	return n;
}

/* Chains runs[0..n) on the usable buses. */
static int chain(plan_ctx_t *c, const plan_run_t *runs, int n, const chain_bus_t *buses,
		 int n_buses, chain_solution_t *sol, sr_error_t *err)
{
	chain_task_t *t = xcalloc((size_t)n + 1, sizeof(*t));
	for (int i = 0; i < n; i++) {
		t[i].start_s = run_start(&runs[i]);
		t[i].end_s = run_end(&runs[i]);
		t[i].start_loc = (uint32_t)runs[i].stops[0].point;
		t[i].end_loc = (uint32_t)runs[i].stops[runs[i].n_stops - 1].point;
		t[i].min_seats = runs[i].children;
	}
	chain_problem_t cp = {
		.tasks = t, .n_tasks = n, .buses = buses, .n_buses = n_buses, .n_locs = c->n,
		.dh_seconds = c->sec, .dh_meters = c->met, .turnaround_s = 0,
	};
	chain_opts_t o;
	chain_opts_init(&o);
	o.time_limit_s = plan_budget(c);
	memset(sol, 0, sizeof(*sol));
	int rc = chain_solve(&cp, &o, sol, err);
	free(t);
	return rc;
}

/* Moves the uncovered to-session runs of `sol` earlier by up to `by`
 * seconds (never before 06:00). Returns how many moved. */
static int shift_uncovered(plan_run_t *runs, const chain_solution_t *sol, int by)
{
	int moved = 0;
	for (int i = 0; i < sol->n_uncovered; i++) {
		plan_run_t *r = &runs[sol->uncovered[i]];
		if (r->dir != PLAN_TO_SESSION)
			continue;
		int room = run_start(r) - PLAN_DAY_START_S;
		int d = by - r->shift_s;
		if (d > room)
			d = room;
		if (d <= 0)
			continue;
		plan_run_shift(r, -d);
		r->shift_s += d;
		moved++;
	}
	return moved;
}

/* For each uncovered run u, the to-session run v that, arriving earlier
 * within the window, would let one bus do v and then u, with the smallest
 * move (whole minutes); moves those. Returns how many moved. */
static int make_room(const plan_ctx_t *c, plan_run_t *runs, int n, const chain_solution_t *sol,
		     int window)
{
	int moved = 0;
	for (int q = 0; q < sol->n_uncovered; q++) {
		const plan_run_t *u = &runs[sol->uncovered[q]];
		int best_v = -1, best_d = 0;
		for (int v = 0; v < n; v++) {
			plan_run_t *x = &runs[v];
			if (x == u || x->dir != PLAN_TO_SESSION)
				continue;
			double dh = c->sec[(size_t)x->stops[x->n_stops - 1].point * c->n +
					   (size_t)u->stops[0].point];
			if (!isfinite(dh))
				continue;
			int need = run_end(x) + (int)dh - run_start(u);
			if (need <= 0)
				continue; /* already fits: not the obstacle */
			need = (need + 59) / 60 * 60;
			if (need > window - x->shift_s || run_start(x) - need < PLAN_DAY_START_S)
				continue;
			if (best_v < 0 || need < best_d) {
				best_v = v;
				best_d = need;
			}
		}
		if (best_v >= 0) {
			plan_run_shift(&runs[best_v], -best_d);
			runs[best_v].shift_s += best_d;
			moved++;
		}
	}
	return moved;
}

static int plan_one(plan_ctx_t *c, plan_pattern_t *pat, const chain_bus_t *cb, const int *bus_of,
		    int n_cb, sr_error_t *err)
{
	sr_plan_t *p = c->p;
	plan_run_t *runs = pat->runs;
	int n = pat->n_runs;
	chain_solution_t best;
	memset(&best, 0, sizeof(best));
	int rc;
	if (n_cb == 0) {
		best.uncovered = xcalloc((size_t)n + 1, sizeof(int));
		for (int i = 0; i < n; i++)
			best.uncovered[best.n_uncovered++] = i;
	} else {
		rc = chain(c, runs, n, cb, n_cb, &best, err);
		if (rc)
			return rc;
	}
	/* the early window: retry with the runs left over arriving earlier
	 * (half the window, then all of it), then with runs before them
	 * arriving earlier so that a bus can go on to them */
	int window = p->settings.early_window_min * 60;
	for (int k = 0; k < 3 && best.n_uncovered > 0 && n_cb > 0 && window > 0; k++) {
		plan_run_t *trial = xcalloc((size_t)n, sizeof(plan_run_t));
		memcpy(trial, runs, (size_t)n * sizeof(plan_run_t));
		int *old_shift = xcalloc((size_t)n, sizeof(int));
		for (int i = 0; i < n; i++)
			old_shift[i] = runs[i].shift_s;
		/* trial shares stop arrays with runs: shift in place, undo below */
		int moved = k < 2 ? shift_uncovered(trial, &best, k ? window : window / 2)
				  : make_room(c, trial, n, &best, window);
		chain_solution_t s2;
		int better = 0;
		if (moved) {
			rc = chain(c, trial, n, cb, n_cb, &s2, err);
			if (rc) {
				free(trial);
				free(old_shift);
				chain_solution_free(&best);
				return rc;
			}
			better = uncovered_children(trial, &s2) < uncovered_children(runs, &best);
		}
		if (better) {
			for (int i = 0; i < n; i++)
				runs[i].shift_s = trial[i].shift_s;
			chain_solution_free(&best);
			best = s2;
		} else {
			for (int i = 0; i < n; i++) {
				plan_run_shift(&runs[i], trial[i].shift_s - old_shift[i]);
				runs[i].shift_s = old_shift[i];
			}
			if (moved)
				chain_solution_free(&s2);
		}
		free(trial);
		free(old_shift);
	}
	/* what is still uncovered is reported; its runs leave the pattern */
	int *keep = xcalloc((size_t)n + 1, sizeof(int));
	for (int i = 0; i < n; i++)
		keep[i] = 1;
	for (int u = 0; u < best.n_uncovered; u++) {
		const plan_run_t *r = &runs[best.uncovered[u]];
		keep[best.uncovered[u]] = 0;
		for (int i = 0; i < r->n_stops; i++) {
			const plan_stop_t *x = &r->stops[i];
			int kids = r->dir == PLAN_TO_SESSION ? x->board : x->alight;
			if (x->point == p->sessions[r->session].dest || kids <= 0)
				continue;
			long line = 0;
			for (int q = 0; q < p->n_riders && !line; q++)
				if (p->riders[q].session == r->session && p->riders[q].pickup == x->point)
					line = p->riders[q].line;
			plan_add_unserved(p, line, x->point, r->session, r->dir, kids, pat->days, "no_bus",
					  n_cb ? "not enough buses: no bus of the fleet is free for this run"
					       : "not enough buses: no bus can reach this run from its depot");
		}
	}
	int *newidx = xcalloc((size_t)n + 1, sizeof(int));
	int m = 0;
	for (int i = 0; i < n; i++) {
		if (keep[i]) {
			newidx[i] = m;
			runs[m++] = runs[i];
		} else {
			newidx[i] = -1;
			plan_run_clear(&runs[i]);
		}
	}
	pat->n_runs = m;
	pat->duties = xcalloc((size_t)best.n_duties + 1, sizeof(plan_duty_t));
	for (int d = 0; d < best.n_duties; d++) {
		const chain_duty_t *cd = &best.duties[d];
		plan_duty_t *du = &pat->duties[pat->n_duties++];
		int bi = bus_of[cd->bus];
		const plan_bus_t *b = &p->buses[bi];
		du->bus = bi;
		du->runs = xcalloc((size_t)cd->n_tasks + 1, sizeof(int));
		du->meters = cd->deadhead_m;
		for (int k = 0; k < cd->n_tasks; k++) {
			int ri = newidx[cd->tasks[k]];
			du->runs[du->n_runs++] = ri;
			runs[ri].bus = bi;
			du->meters += runs[ri].meters;
		}
		const plan_run_t *f = &runs[du->runs[0]], *l = &runs[du->runs[du->n_runs - 1]];
		du->depart_depot_s = run_start(f) -
				     (int)c->sec[(size_t)b->depot * c->n + (size_t)f->stops[0].point];
		du->return_depot_s = run_end(l) +
				     (int)c->sec[(size_t)l->stops[l->n_stops - 1].point * c->n + (size_t)b->depot];
	}
	sr_info("plan: days %s: %d runs on %d buses, %d runs without a bus",
		plan_days_label(pat->days, (char[64]){0}, 64), m, pat->n_duties, n - m);
	free(keep);
	free(newidx);
	chain_solution_free(&best);
	return SR_OK;
}

static int cmp_duty(const void *a, const void *b)
{
	const plan_duty_t *x = a, *y = b;
	return (x->bus > y->bus) - (x->bus < y->bus);
}

/* Runs in time order again (the early window may have moved some), duties
 * in fleet order. */
static void tidy(plan_pattern_t *pat)
{
	int n = pat->n_runs;
	int *ord = xcalloc((size_t)n + 1, sizeof(int)), *pos = xcalloc((size_t)n + 1, sizeof(int));
	for (int i = 0; i < n; i++)
		ord[i] = i;
	for (int i = 1; i < n; i++) /* insertion sort: stable, deterministic */
		for (int j = i; j > 0 && cmp_run(&pat->runs[ord[j - 1]], &pat->runs[ord[j]]) > 0; j--) {
			int t = ord[j];
			ord[j] = ord[j - 1];
			ord[j - 1] = t;
		}
	plan_run_t *v = xcalloc((size_t)n + 1, sizeof(plan_run_t));
	for (int i = 0; i < n; i++) {
		v[i] = pat->runs[ord[i]];
		pos[ord[i]] = i;
	}
	memcpy(pat->runs, v, (size_t)n * sizeof(plan_run_t));
	for (int d = 0; d < pat->n_duties; d++)
		for (int k = 0; k < pat->duties[d].n_runs; k++)
			pat->duties[d].runs[k] = pos[pat->duties[d].runs[k]];
	qsort(pat->duties, (size_t)pat->n_duties, sizeof(plan_duty_t), cmp_duty);
	free(v);
	free(ord);
	free(pos);
}

int plan_make_patterns(plan_ctx_t *c, sr_error_t *err)
{
	sr_plan_t *p = c->p;
	int ns = p->n_sessions;
	/* which sessions have runs; per day, the set of them */
	unsigned char *has = xcalloc((size_t)ns + 1, 1);
	for (int i = 0; i < c->n_tmpl; i++)
		has[c->tmpl[i].session] = 1;
	unsigned char *set = xcalloc((size_t)7 * (ns + 1), 1);
	int empty[7];
	for (int d = 0; d < 7; d++) {
		empty[d] = 1;
		for (int s = 0; s < ns; s++)
			if (has[s] && (p->sessions[s].days & (1u << d))) {
				set[(size_t)d * (ns + 1) + s] = 1;
				empty[d] = 0;
			}
	}
	/* the buses whose depot is on the road network */
	chain_bus_t *cb = xcalloc((size_t)p->n_buses + 1, sizeof(*cb));
	int *bus_of = xcalloc((size_t)p->n_buses + 1, sizeof(int));
	int n_cb = 0;
	for (int b = 0; b < p->n_buses; b++) {
		const plan_bus_t *x = &p->buses[b];
		if (!c->on_road[x->depot]) {
			sr_warn("plan: bus '%s': its depot is not on the main road network; the bus is not used",
				x->id);
			continue;
		}
		cb[n_cb].depot_loc = (uint32_t)x->depot;
		cb[n_cb].seats = x->seats;
		cb[n_cb].avail_from_s = x->avail_from_s;
		cb[n_cb].avail_to_s = x->avail_to_s;
		cb[n_cb].cost_per_km = x->cost_per_km;
		bus_of[n_cb++] = b;
	}
	int rc = SR_OK;
	int done = 0;
	p->patterns = xcalloc(7, sizeof(plan_pattern_t));
	int n_pat_total = 0;
	for (int d = 0; d < 7; d++)
		if (!empty[d]) {
			int first = 1;
			for (int e = 0; e < d; e++)
				if (!empty[e] && !memcmp(set + (size_t)e * (ns + 1), set + (size_t)d * (ns + 1), (size_t)ns))
					first = 0;
			n_pat_total += first;
		}
	c->n_solves_left = n_pat_total * 2;
	for (int d = 0; d < 7 && !rc; d++) {
		if (empty[d] || (done & (1 << d)))
			continue;
		plan_pattern_t *pat = &p->patterns[p->n_patterns++];
		for (int e = d; e < 7; e++)
			if (!empty[e] && !memcmp(set + (size_t)e * (ns + 1), set + (size_t)d * (ns + 1), (size_t)ns)) {
				pat->days |= (uint8_t)(1u << e);
				done |= 1 << e;
			}
		pat->runs = xcalloc((size_t)c->n_tmpl + 1, sizeof(plan_run_t));
		for (int i = 0; i < c->n_tmpl; i++)
			if (set[(size_t)d * (ns + 1) + c->tmpl[i].session])
				plan_run_copy(&pat->runs[pat->n_runs++], &c->tmpl[i]);
		qsort(pat->runs, (size_t)pat->n_runs, sizeof(plan_run_t), cmp_run);
		rc = plan_one(c, pat, cb, bus_of, n_cb, err);
		if (!rc)
			tidy(pat);
	}
	/* run ids, unique over the plan */
	int id = 0;
	for (int k = 0; k < p->n_patterns; k++)
		for (int i = 0; i < p->patterns[k].n_runs; i++) {
			char buf[24];
			snprintf(buf, sizeof(buf), "R%d", ++id);
			free(p->patterns[k].runs[i].id);
			p->patterns[k].runs[i].id = xstrdup(buf);
		}
	free(has);
	free(set);
	free(cb);
	free(bus_of);
	return rc;
}
