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

/* Whether solution a (on runs ra) beats b (on runs rb): fewer children
 * left without a bus, then fewer buses, then fewer deadhead metres. */
static int better_than(const plan_run_t *ra, const chain_solution_t *a, const plan_run_t *rb,
		       const chain_solution_t *b)
{
	int ua = uncovered_children(ra, a), ub = uncovered_children(rb, b);
	if (ua != ub)
		return ua < ub;
	if (a->n_duties != b->n_duties)
		return a->n_duties < b->n_duties;
	return a->deadhead_m < b->deadhead_m - 1e-6;
}

/* Chains runs[0..n) on the usable buses. */
static int chain(plan_ctx_t *c, const plan_run_t *runs, int n, const chain_bus_t *buses,
		 int n_buses, double limit_s, chain_solution_t *sol, sr_error_t *err)
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
	o.time_limit_s = limit_s;
	memset(sol, 0, sizeof(*sol));
	int rc = chain_solve(&cp, &o, sol, err);
	if (rc == SR_OK && !sol->optimal)
		c->n_chain_cut++;
	free(t);
	return rc;
}

/* ---- the windows: to-session runs may arrive earlier (early window),
 * home runs may leave later (late window) ---- */

typedef struct flex {
	int early, late; /* seconds */
} flex_t;

/* How much further run r may still move within its window and the day. */
static int flex_room(const flex_t *f, const plan_run_t *r)
{
	int room;
	if (r->dir == PLAN_TO_SESSION) {
		room = f->early - r->shift_s;
		if (room > run_start(r) - PLAN_DAY_START_S)
			room = run_start(r) - PLAN_DAY_START_S;
	} else {
		room = f->late - r->shift_s;
		if (room > PLAN_DAY_END_S - run_end(r))
			room = PLAN_DAY_END_S - run_end(r);
	}
	return room > 0 ? room : 0;
}

/* Moves r by d seconds within its window: earlier for a to-session run,
 * later for a home run. */
static void flex_move(plan_run_t *r, int d)
{
	plan_run_shift(r, r->dir == PLAN_TO_SESSION ? -d : d);
	r->shift_s += d;
}

/* Strategy 0/1: the uncovered runs move by half / all of their window. */
static int move_uncovered(const flex_t *f, plan_run_t *runs, const chain_solution_t *sol, int full)
{
	int moved = 0;
	for (int i = 0; i < sol->n_uncovered; i++) {
		plan_run_t *r = &runs[sol->uncovered[i]];
		int want = (r->dir == PLAN_TO_SESSION ? f->early : f->late) / (full ? 1 : 2);
		int d = want - r->shift_s, room = flex_room(f, r);
		if (d > room)
			d = room;
		if (d > 0) {
			flex_move(r, d);
			moved++;
		}
	}
	return moved;
}

/* Strategy 2: for each uncovered run u, the smallest move (whole minutes)
 * of u or of one other run v after which one bus can do v then u, or u
 * then v. */
static int make_room(const plan_ctx_t *c, const flex_t *f, plan_run_t *runs, int n,
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
				int need = run_end(a) + (int)dh - run_start(b);
				if (need <= 0)
					continue;
				need = (need + 59) / 60 * 60;
				/* a earlier (to-session) or b later (home) */
				plan_run_t *cand[2] = {a->dir == PLAN_TO_SESSION ? a : NULL,
						       b->dir == PLAN_HOME ? b : NULL};
				for (int k = 0; k < 2; k++)
					if (cand[k] && need <= flex_room(f, cand[k]) &&
					    (!who || need < best)) {
						who = cand[k];
						best = need;
					}
			}
		}
		if (who) {
			flex_move(who, best);
			moved++;
		}
	}
	return moved;
}

/* Strategy 0: list scheduling with windows. Runs in order of their
 * preferred start; each goes to the bus that can do it with the smallest
 * move within the windows (its own, or pulling the bus's previous
 * to-session run earlier), then a bus already out before a fresh one,
 * then the shortest deadhead. Fills *sol with the duties it built (a
 * solution in its own right when the integer program finds none in its
 * time), and moves the runs in place. Returns how many runs moved. */
static int greedy_windows(const plan_ctx_t *c, const flex_t *f, plan_run_t *runs, int n,
			  const chain_bus_t *cb, int n_cb, chain_solution_t *sol)
{
	double *free_at = xcalloc((size_t)n_cb + 1, sizeof(double));
	double *slack = xcalloc((size_t)n_cb + 1, sizeof(double)); /* last run may move earlier */
	int *last = xcalloc((size_t)n_cb + 1, sizeof(int));
	int *bus_of_run = xcalloc((size_t)n + 1, sizeof(int));
	int *ord = xcalloc((size_t)n + 1, sizeof(int));
	int *shift0 = xcalloc((size_t)n + 1, sizeof(int));
	for (int i = 0; i < n; i++) {
		ord[i] = i;
		shift0[i] = runs[i].shift_s;
		bus_of_run[i] = -1;
	}
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && run_start(&runs[ord[j]]) < run_start(&runs[ord[j - 1]]); j--) {
			int t = ord[j];
			ord[j] = ord[j - 1];
			ord[j - 1] = t;
		}
	for (int b = 0; b < n_cb; b++)
		last[b] = -1;
	for (int q = 0; q < n; q++) {
		plan_run_t *r = &runs[ord[q]];
		int pref = run_start(r), dur = run_end(r) - pref, room = flex_room(f, r);
		int lo = r->dir == PLAN_TO_SESSION ? pref - room : pref;
		int hi = r->dir == PLAN_TO_SESSION ? pref : pref + room;
		uint32_t s_loc = (uint32_t)r->stops[0].point;
		uint32_t e_loc = (uint32_t)r->stops[r->n_stops - 1].point;
		int pick = -1, pick_start = 0, pick_pull = 0;
		double pick_key[3] = {0, 0, 0};
		for (int b = 0; b < n_cb; b++) {
			if (cb[b].seats < r->children)
				continue;
			uint32_t at = last[b] < 0 ? cb[b].depot_loc
						  : (uint32_t)runs[last[b]].stops[runs[last[b]].n_stops - 1].point;
			double dh = c->sec[(size_t)at * c->n + s_loc];
			if (!isfinite(dh))
				continue;
			double ready = (last[b] < 0 ? cb[b].avail_from_s : free_at[b]) + dh;
			int pull = 0;
			if (ready > hi) {
				pull = (int)ceil(ready - hi);
				if (last[b] < 0 || pull > slack[b])
					continue;
				ready -= pull;
			}
			int start = r->dir == PLAN_TO_SESSION ? hi : (ready <= lo ? lo : (int)ceil(ready));
			double back = c->sec[(size_t)e_loc * c->n + cb[b].depot_loc];
			if (!isfinite(back) || start + dur + back > cb[b].avail_to_s)
				continue;
			double key[3] = {abs(start - pref) + pull, last[b] < 0 ? 1 : 0, dh};
			int better = pick < 0;
			for (int k = 0; k < 3 && !better; k++) {
				if (key[k] < pick_key[k])
					better = 1;
				if (key[k] != pick_key[k])
					break;
			}
			if (better) {
				pick = b;
				pick_start = start;
				pick_pull = pull;
				memcpy(pick_key, key, sizeof(key));
			}
		}
		if (pick < 0)
			continue;
		if (pick_pull > 0) /* the bus's previous to-session run arrives earlier */
			flex_move(&runs[last[pick]], pick_pull);
		int d = abs(pick_start - pref);
		if (d)
			flex_move(r, d);
		/* how much earlier this run could still go: to-session runs only,
		 * down to its window and to when the bus can be there */
		double ready0 = (last[pick] < 0 ? cb[pick].avail_from_s : free_at[pick] - pick_pull) +
				c->sec[(size_t)(last[pick] < 0 ? cb[pick].depot_loc
					: (uint32_t)runs[last[pick]].stops[runs[last[pick]].n_stops - 1].point) *
					       c->n + s_loc];
		slack[pick] = 0;
		if (r->dir == PLAN_TO_SESSION) {
			double sl = run_start(r) - (ready0 > lo ? ready0 : lo);
			slack[pick] = sl > 0 ? floor(sl) : 0;
		}
		free_at[pick] = run_end(r);
		last[pick] = ord[q];
		bus_of_run[ord[q]] = pick;
	}
	/* the duties, in time order per bus */
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
				du.tasks = xreallocarray(du.tasks, (size_t)du.n_tasks + 1, sizeof(int));
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
	int moved = 0;
	for (int i = 0; i < n; i++)
		moved += runs[i].shift_s != shift0[i];
	free(free_at);
	free(slack);
	free(last);
	free(bus_of_run);
	free(ord);
	free(shift0);
	return moved;
}

/* Moves runs back towards their preferred times as far as their duty
 * allows (the windows may have moved more than needed). */
static void compress(const plan_ctx_t *c, plan_run_t *runs, const chain_solution_t *sol,
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
				lim = run_start(nx) - (run_end(r) + c->sec[(size_t)e * c->n + (size_t)nx->stops[0].point]);
			} else {
				lim = b->avail_to_s - (run_end(r) + c->sec[(size_t)e * c->n + b->depot_loc]);
			}
			int m = lim < r->shift_s ? (int)floor(lim) : r->shift_s;
			if (m > 0)
				flex_move(r, -m);
		}
		for (int k = 0; k < du->n_tasks; k++) { /* home: earlier */
			plan_run_t *r = &runs[du->tasks[k]];
			if (r->dir != PLAN_HOME || r->shift_s <= 0)
				continue;
			uint32_t s0 = (uint32_t)r->stops[0].point;
			double lim;
			if (k > 0) {
				const plan_run_t *pv = &runs[du->tasks[k - 1]];
				lim = run_start(r) - (run_end(pv) + c->sec[(size_t)pv->stops[pv->n_stops - 1].point * c->n + s0]);
			} else {
				lim = run_start(r) - c->sec[(size_t)b->depot_loc * c->n + s0] - b->avail_from_s;
			}
			int m = lim < r->shift_s ? (int)floor(lim) : r->shift_s;
			if (m > 0)
				flex_move(r, -m);
		}
	}
}

static int plan_one(plan_ctx_t *c, plan_pattern_t *pat, const chain_bus_t *cb, const int *bus_of,
		    int n_cb, sr_error_t *err)
{
	sr_plan_t *p = c->p;
	plan_run_t *runs = pat->runs;
	int n = pat->n_runs;
	chain_solution_t best;
	memset(&best, 0, sizeof(best));
	if (n_cb == 0) {
		best.uncovered = xcalloc((size_t)n + 1, sizeof(int));
		for (int i = 0; i < n; i++)
			best.uncovered[best.n_uncovered++] = i;
	} else if (chain(c, runs, n, cb, n_cb, plan_budget_share(c, 0.8 / c->patterns_left), &best,
			 err) != SR_OK) {
		/* no answer from the integer program in its time: the list
		 * scheduling below still gives one */
		char msg[sizeof(err->msg)];
		snprintf(msg, sizeof(msg), "%s", err->msg);
		sr_warn("plan: chaining the runs failed (%s); using list scheduling", msg);
		sr_error_clear(err);
		memset(&best, 0, sizeof(best));
		best.uncovered = xcalloc((size_t)n + 1, sizeof(int));
		for (int i = 0; i < n; i++)
			best.uncovered[best.n_uncovered++] = i;
	}
	/* the windows: list scheduling with windows (its own duties, and the
	 * integer program again on the times it chose); then the runs left
	 * over moved by half their window, all of it, and (a few rounds) the
	 * smallest move of them or of a neighbour that lets one bus do both.
	 * A retry is kept when it is better: fewer children left, then fewer
	 * buses, then fewer deadhead metres. */
	flex_t fl = {p->settings.early_window_min * 60, p->settings.late_window_min * 60};
	/* (the list scheduling also runs when the integer program was cut
	 * short by its time limit: its duties then compete with the
	 * program's incumbent) */
	for (int k = 0; k < 7 && (best.n_uncovered > 0 || (k == 0 && !best.optimal)) && n_cb > 0; k++) {
		if (k > 0 && fl.early <= 0 && fl.late <= 0)
			break;
		plan_run_t *trial = xcalloc((size_t)n, sizeof(plan_run_t));
		memcpy(trial, runs, (size_t)n * sizeof(plan_run_t));
		int *old_shift = xcalloc((size_t)n, sizeof(int));
		for (int i = 0; i < n; i++)
			old_shift[i] = runs[i].shift_s;
		/* trial shares stop arrays with runs: shift in place, undo below */
		chain_solution_t cand[2];
		memset(cand, 0, sizeof(cand));
		int have[2] = {0, 0};
		int moved;
		if (k == 0) {
			moved = greedy_windows(c, &fl, trial, n, cb, n_cb, &cand[0]);
			have[0] = 1;
		} else {
			moved = k < 3 ? move_uncovered(&fl, trial, &best, k - 1)
				      : make_room(c, &fl, trial, n, &best);
		}
		if (moved && chain(c, trial, n, cb, n_cb, plan_budget_share(c, 1.0 / (12 * c->patterns_left)),
			       &cand[1], err) == SR_OK)
			have[1] = 1;
		int win = -1;
		for (int w = 0; w < 2; w++)
			if (have[w] && better_than(trial, &cand[w], win < 0 ? runs : trial,
						   win < 0 ? &best : &cand[win]))
				win = w;
		if (win >= 0) {
			for (int i = 0; i < n; i++)
				runs[i].shift_s = trial[i].shift_s;
			chain_solution_free(&best);
			best = cand[win];
			if (have[1 - win])
				chain_solution_free(&cand[1 - win]);
		} else {
			for (int i = 0; i < n; i++) {
				int d = trial[i].shift_s - old_shift[i];
				plan_run_shift(&runs[i], runs[i].dir == PLAN_TO_SESSION ? d : -d);
				runs[i].shift_s = old_shift[i];
			}
			for (int w = 0; w < 2; w++)
				if (have[w])
					chain_solution_free(&cand[w]);
		}
		free(trial);
		free(old_shift);
	}
	compress(c, runs, &best, cb);
	/* what is still uncovered is reported; its runs leave the pattern */
	int *keep = xcalloc((size_t)n + 1, sizeof(int));
	for (int i = 0; i < n; i++)
		keep[i] = 1;
	for (int u = 0; u < best.n_uncovered; u++) {
		const plan_run_t *r = &runs[best.uncovered[u]];
		keep[best.uncovered[u]] = 0;
		/* could some bus do this run if it had nothing else to do? */
		int alone = 0, seats = 0, reach = 0;
		for (int b = 0; b < n_cb && !alone; b++) {
			double to = c->sec[(size_t)cb[b].depot_loc * c->n + (size_t)r->stops[0].point];
			double back = c->sec[(size_t)r->stops[r->n_stops - 1].point * c->n + cb[b].depot_loc];
			int in_time = cb[b].avail_from_s + to <= run_start(r);
			int home_in_time = run_end(r) + back <= cb[b].avail_to_s;
			seats |= cb[b].seats >= r->children;
			reach |= cb[b].seats >= r->children && in_time;
			alone = cb[b].seats >= r->children && in_time && home_in_time;
		}
		const char *why =
			alone ? "not enough buses: every bus that could do this run is busy then"
			: !seats ? "no bus of the fleet has enough seats for this run"
			: !reach ? "no bus with enough seats can reach the first stop in time from its depot within its hours"
				 : "no bus big enough can do this run and get back to its depot within its hours";
		for (int i = 0; i < r->n_stops; i++) {
			const plan_stop_t *x = &r->stops[i];
			int kids = r->dir == PLAN_TO_SESSION ? x->board : x->alight;
			if (x->point == p->sessions[r->session].dest || kids <= 0)
				continue;
			long line = 0;
			for (int q = 0; q < p->n_riders && !line; q++)
				if (p->riders[q].session == r->session && p->riders[q].pickup == x->point)
					line = p->riders[q].line;
			plan_add_unserved(p, line, x->point, r->session, r->dir, kids, pat->days, "no_bus", why);
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
	c->patterns_left = n_pat_total;
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
		c->patterns_left--;
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
