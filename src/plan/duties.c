/*
 * duties.c - weekday patterns and bus duties. Days that share the same set
 * of sessions form one pattern, planned once (as GTFS calendar services
 * group days). Each pattern's runs are chained into bus duties with
 * chain_solve (vehicle scheduling, Bodin & Golden's single-depot
 * formulation with depot legs, fewest buses then fewest kilometres).
 *
 * When the fleet cannot cover every run, runs may move within their
 * windows (windows.c: a to-session run arrives earlier, the children then
 * wait at the destination rather than miss it; a home run leaves later);
 * a retry is kept when it is better (fewer children left, then fewer
 * buses, then fewer deadhead metres). What still cannot be covered is
 * reported as "no_bus", never dropped.
 */
#include <stdlib.h>
#include <string.h>
#include "schoolrun/chain.h"
#include "plan/duties.h"
#include "plan/hours.h"
#include "plan/legs.h"
#include "plan/mixed.h"
#include "plan/run.h"
#include "plan/serve.h"
#include "plan/split.h"
#include "plan/timing.h"
#include "plan/trips.h"
#include "plan/windows.h"
#include "util/i18n.h"

static int cmp_run(const void *a, const void *b)
{
	const plan_run_t *x = a, *y = b;
	if (plan_run_start(x) != plan_run_start(y))
		return plan_run_start(x) < plan_run_start(y) ? -1 : 1;
	if (x->session != y->session)
		return x->session < y->session ? -1 : 1;
	if (x->dir != y->dir)
		return x->dir < y->dir ? -1 : 1;
	return plan_run_end(x) - plan_run_end(y);
}

static int uncovered_children(const plan_run_t *runs, const chain_solution_t *s)
{
	int n = 0;
	for (int i = 0; i < s->n_uncovered; i++)
		n += runs[s->uncovered[i]].children;
	return n;
}

/* The child trips a chaining of runs[0..n) leaves: sol's uncovered runs'
 * children, and each round trip's (plan_round_trip_pairs: the same on
 * runs moved in their windows, the pairs follow the stops) once more when
 * either leg is left, as chain_problem_t.legs weighs them. */
static double trips_left_of(const sr_plan_t *p, const plan_run_t *runs, int n,
			    const chain_solution_t *sol)
{
	if (!sol->n_uncovered)
		return 0;
	chain_pair_t *legs = NULL;
	int n_legs = plan_round_trip_pairs(p, runs, n, &legs);
	unsigned char *unc = xcalloc((size_t)n + 1, 1);
	double w = 0;
	for (int u = 0; u < sol->n_uncovered; u++) {
		unc[sol->uncovered[u]] = 1;
		w += runs[sol->uncovered[u]].children;
	}
	for (int k = 0; k < n_legs; k++)
		w += unc[legs[k].a] || unc[legs[k].b] ? legs[k].w : 0;
	free(unc);
	free(legs);
	return w;
}

/* Whether solution a (on runs ra) beats b (on runs rb), n runs each:
 * fewer children left on runs without a bus (by_trips: fewer child trips,
 * trips_left, a run left taking its children's other leg with it), then
 * fewer buses, then fewer deadhead metres. */
static int better_than(const sr_plan_t *p, const plan_run_t *ra, const chain_solution_t *a,
		       const plan_run_t *rb, const chain_solution_t *b, int n, int by_trips)
{
	double ua = by_trips ? trips_left_of(p, ra, n, a) : uncovered_children(ra, a),
	       ub = by_trips ? trips_left_of(p, rb, n, b) : uncovered_children(rb, b);
	if (ua != ub)
		return ua < ub;
	if (a->n_duties != b->n_duties)
		return a->n_duties < b->n_duties;
	return a->deadhead_m < b->deadhead_m - 1e-6;
}

/* The safety net of one chaining: what is left of the plan's time, at
 * least 0.5 s. The work itself is PLAN_CHAIN_NODES, a count (chain.h), so
 * that the plan does not depend on the machine's load or time_limit_s. */
static double safety_s(const plan_ctx_t *c)
{
	double b = c->deadline - sr_now();
	return b < 0.5 ? 0.5 : b;
}

/* Also in a re-plan and with locks: the re-plan wants the buses of a
 * chaining like the one that made the earlier plan (keep.c). Not on a
 * day pattern of more than PLAN_PAIR_MAX_CELLS runs times buses: there
 * the program with the pairs (a row per pair and bus) does not end in a
 * planning time's budget, and the clock, cutting the week's chainings,
 * would cost the same bus all week, which comes first (measured on the
 * 300-village region: see README, "Home by the bus that took them").
 * SR_TEST_NO_ROUND_TRIP_CHAIN: a test hook that leaves them out (the
 * tests compare). */
int plan_duties_pairs(const plan_ctx_t *c, const plan_run_t *runs, int n, chain_pair_t **pairs)
{
	*pairs = NULL;
	if (c->pairs_later || getenv("SR_TEST_NO_ROUND_TRIP_CHAIN") ||
	    strcmp(c->p->settings.home_same_bus, "prefer") ||
	    (long)n * c->n_cb > PLAN_PAIR_MAX_CELLS)
		return 0;
	return plan_round_trip_pairs(c->p, runs, n, pairs);
}

/* Chains runs[0..n) on the usable buses, weighing the round trips
 * (plan_duties_pairs). With c->by_trips, what it leaves without a bus
 * weighs its children, and each round trip once more when either leg is
 * left (chain_problem_t.legs; the other leg is then withdrawn, legs.c):
 * counting runs, the chaining would leave an 18-child run home (and so
 * its 18 children's run there too) rather than a 10-child group's two
 * runs. */
static int chain(plan_ctx_t *c, const plan_run_t *runs, int n, const chain_bus_t *buses,
		 int n_buses, double limit_s, chain_solution_t *sol, sr_error_t *err)
{
	chain_task_t *t;
	chain_problem_t cp;
	chain_pair_t *pairs = NULL;
	plan_hours_problem(c, runs, n, buses, n_buses, &cp, &t);
	cp.task_bus_cost = c->task_bus_cost;
	cp.n_pairs = plan_duties_pairs(c, runs, n, &pairs);
	cp.pairs = pairs;
	chain_pair_t *legs = NULL;
	if (c->by_trips) {
		for (int i = 0; i < n; i++)
			t[i].weight = runs[i].children;
		cp.n_legs = plan_round_trip_pairs(c->p, runs, n, &legs);
		cp.legs = legs;
	}
	chain_opts_t o;
	chain_opts_init(&o);
	o.time_limit_s = limit_s;
	o.max_nodes = cp.n_pairs > 0 ? PLAN_PAIR_NODES : PLAN_CHAIN_NODES;
	o.max_work = PLAN_CHAIN_WORK;
	o.max_lp_iters = cp.n_pairs > 0 ? PLAN_PAIR_LP_ITERS : 0;
	o.max_stall_nodes = c->stall_nodes;
	o.start = c->chain_start;
	o.bases = c->bases;
	/* SR_TEST_CUT_CHAIN: a test hook that cuts every chaining short after
	 * one node and one round of the drivers' cuts and counts it as cut
	 * by the clock, as a loaded machine does (test_plan_cut.sh) */
	int cut_hook = getenv("SR_TEST_CUT_CHAIN") != NULL;
	if (cut_hook) {
		o.max_nodes = 1;
		o.max_rounds = 1;
	}
	memset(sol, 0, sizeof(*sol));
	double t0 = sr_now();
	int rc = chain_solve(&cp, &o, sol, err);
	if (rc == SR_OK && sol->started && cp.n_pairs > 0 && !cut_hook) {
		/* the round trips' program too large for its count
		 * (PLAN_PAIR_LP_ITERS): chained without them, as on a larger
		 * pattern, the same on any machine */
		chain_solution_free(sol);
		cp.n_pairs = 0;
		cp.pairs = NULL;
		o.max_nodes = PLAN_CHAIN_NODES;
		o.max_lp_iters = 0;
		rc = chain_solve(&cp, &o, sol, err);
	}
	/* the clock, not the count, ended it: the result may differ (the
	 * hook counts every chaining it cuts: its root may prove the optimum
	 * still) */
	if (rc == SR_OK && (cut_hook || (!sol->optimal && sr_now() - t0 >= 0.95 * limit_s)))
		c->n_chain_cut++;
	free(t);
	free(pairs);
	free(legs);
	return rc;
}

/* A solution that leaves all n runs uncovered. */
static void none_covered(int n, chain_solution_t *sol)
{
	memset(sol, 0, sizeof(*sol));
	sol->uncovered = xcalloc((size_t)n + 1, sizeof(int));
	for (int i = 0; i < n; i++)
		sol->uncovered[sol->n_uncovered++] = i;
}

/* The first chaining of a pattern. SR_TEST_FAIL_CHAIN in the environment
 * makes it fail: a test hook, since no input makes GLPK fail on purpose and
 * the fallback and its warning must be tested (test_plan_warnings.sh). */
static int first_solve(plan_ctx_t *c, const plan_pattern_t *pat, const chain_bus_t *cb, int n_cb,
		       chain_solution_t *best, sr_error_t *err)
{
	if (getenv("SR_TEST_FAIL_CHAIN"))
		return sr_error_set(err, SR_EINTERNAL, NULL, 0, "SR_TEST_FAIL_CHAIN is set");
	return chain(c, pat->runs, pat->n_runs, cb, n_cb, safety_s(c), best, err);
}

/* The first duties: the integer program on the runs at their preferred
 * times, or none when there is no bus or no answer in its time (the list
 * scheduling of the windows still gives one). */
static void first_chain(plan_ctx_t *c, const plan_pattern_t *pat, const chain_bus_t *cb, int n_cb,
			chain_solution_t *best, sr_error_t *err)
{
	int n = pat->n_runs;
	memset(best, 0, sizeof(*best));
	if (n_cb == 0) {
		none_covered(n, best);
	} else if (first_solve(c, pat, cb, n_cb, best, err) != SR_OK) {
		char msg[sizeof(err->msg)];
		snprintf(msg, sizeof(msg), "%s", err->msg);
		plan_warn(c->p, "chain_failed", pat->days, (const char *[]){msg}, 1,
			  "chaining the runs failed (%s); using list scheduling", msg);
		sr_error_clear(err);
		none_covered(n, best);
	}
}

/* Retry k of the windows (windows.h): 0 the list scheduling (its own
 * duties, and the integer program again on the times it chose), 1 and 2
 * the runs best leaves over moved by half and all of their window, 3 and
 * on the smallest move of them or of a neighbour that lets one bus do
 * both. The retry replaces *best, with the runs' new times, when it is
 * better: fewer children left, then fewer buses, then fewer deadhead
 * metres; otherwise the runs go back to their times. */
static void try_window(plan_ctx_t *c, const plan_flex_t *fl, int k, plan_run_t *runs, int n,
		       const chain_bus_t *cb, int n_cb, chain_solution_t *best, sr_error_t *err)
{
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
		moved = plan_windows_list(c, fl, trial, n, cb, n_cb, &cand[0]);
		have[0] = 1;
	} else {
		moved = k < 3 ? plan_windows_move_uncovered(fl, trial, best, k - 1)
			      : plan_windows_make_room(c, fl, trial, n, best);
	}
	if (moved && chain(c, trial, n, cb, n_cb, safety_s(c), &cand[1], err) == SR_OK)
		have[1] = 1;
	int win = -1;
	for (int w = 0; w < 2; w++)
		if (have[w] && better_than(c->p, trial, &cand[w], win < 0 ? runs : trial,
					   win < 0 ? best : &cand[win], n, c->by_trips))
			win = w;
	if (win >= 0) {
		for (int i = 0; i < n; i++)
			runs[i].shift_s = trial[i].shift_s;
		chain_solution_free(best);
		*best = cand[win];
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

/* Reports the children of uncovered run r (no_bus), with why no bus
 * takes it; busy[b]: chain bus b has a duty. A bus standing idle that
 * could do the run alone means the search for duties was cut short, not
 * that the buses are too few. */
static void report_uncovered(plan_ctx_t *c, const plan_pattern_t *pat, const plan_run_t *r,
			     const chain_bus_t *cb, int n_cb, int hours, const char *busy)
{
	sr_plan_t *p = c->p;
	/* could some bus do this run if it had nothing else to do? */
	int alone = 0, seats = 0, reach = 0, idle = 0;
	for (int b = 0; b < n_cb && !idle; b++) {
		double to = c->sec[(size_t)cb[b].depot_loc * c->n + (size_t)r->stops[0].point];
		double back =
			c->sec[(size_t)r->stops[r->n_stops - 1].point * c->n + cb[b].depot_loc];
		int in_time = cb[b].avail_from_s + to <= plan_run_start(r);
		int home_in_time = plan_run_end(r) + back <= cb[b].avail_to_s;
		int fits = cb[b].seats >= r->children, can = fits && in_time && home_in_time;
		seats |= fits;
		reach |= fits && in_time;
		alone |= can;
		idle = can && !busy[b]; /* this very bus: a smaller one idle is no cut */
	}
	char cut[200];
	snprintf(cut, sizeof(cut),
		 c->n_chain_cut
			 ? "a bus that could do this run stood idle, but the time limit "
			   "(time_limit_s = %.0f) cut the search for bus duties short: raise "
			   "time_limit_s"
			 : "a bus that could do this run stood idle, but the search for bus "
			   "duties stopped at its work limit",
		 p->settings.time_limit_s);
	const char *why =
		hours == 2 ? "no bus can do this run within the drivers' working time limits"
		: idle	   ? cut
		: hours	   ? "not enough buses within the drivers' working time: a bus free then "
			     "would work or drive longer than its limit"
		: alone	   ? "not enough buses: every bus that could do this run is busy then"
		: !seats   ? "no bus of the fleet has enough seats for this run"
		: !reach
			? "no bus with enough seats can reach the first stop in time from its depot within its hours"
			: "no bus big enough can do this run and get back to its depot within its hours";
	for (int i = 0; i < r->n_stops; i++) {
		const plan_stop_t *x = &r->stops[i];
		int kids = r->dir == PLAN_TO_SESSION ? x->board : x->alight;
		if (plan_stop_is_dest(r, i) || kids <= 0)
			continue;
		long line = 0;
		for (int q = 0; q < p->n_riders && !line; q++)
			if (p->riders[q].session == x->session && p->riders[q].pickup == x->point)
				line = p->riders[q].line;
		plan_add_unserved(p, line, x->point, x->session, r->dir, kids, pat->days, "no_bus",
				  why);
	}
}

/* The pattern's duties from best: the uncovered runs leave the pattern,
 * the others get their bus (bus_of: chain bus -> fleet index). */
static void make_duties(const plan_ctx_t *c, plan_pattern_t *pat, const chain_solution_t *best,
			const int *bus_of, int report)
{
	plan_run_t *runs = pat->runs;
	int n = pat->n_runs;
	int *keep = xcalloc((size_t)n + 1, sizeof(int));
	for (int i = 0; i < n; i++)
		keep[i] = 1;
	for (int u = 0; u < best->n_uncovered; u++)
		keep[best->uncovered[u]] = 0;
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
	pat->duties = xcalloc((size_t)best->n_duties + 1, sizeof(plan_duty_t));
	for (int d = 0; d < best->n_duties; d++) {
		const chain_duty_t *cd = &best->duties[d];
		plan_duty_t *du = &pat->duties[pat->n_duties++];
		int bi = bus_of[cd->bus];
		du->bus = bi;
		du->runs = xcalloc((size_t)cd->n_tasks + 1, sizeof(int));
		for (int k = 0; k < cd->n_tasks; k++) {
			int ri = newidx[cd->tasks[k]];
			du->runs[du->n_runs++] = ri;
			runs[ri].bus = bi;
		}
		plan_hours_fill(c, pat, du);
	}
	if (report) { /* once a pattern: not again when its duties are replaced */
		char a[64], b[64], d[64];
		snprintf(a, sizeof a, _n("%d run", "%d runs", m), m);
		snprintf(b, sizeof b, _n("%d bus", "%d buses", pat->n_duties), pat->n_duties);
		snprintf(d, sizeof d, _n("%d run without a bus", "%d runs without a bus", n - m),
			 n - m);
		sr_info(_("plan: days %s: %s on %s, %s"),
			plan_days_said(pat->days, (char[64]){0}, 64), a, b, d);
	}
	free(keep);
	free(newidx);
}

/* Keeps the runs of pat that are not dropped (drop[i] set, drop may be
 * NULL, or no children left) in order; frees the others. */
static void drop_runs(plan_pattern_t *pat, const unsigned char *drop)
{
	int m = 0;
	for (int i = 0; i < pat->n_runs; i++) {
		if ((drop && drop[i]) || pat->runs[i].children <= 0)
			plan_run_clear(&pat->runs[i]);
		else
			pat->runs[m++] = pat->runs[i];
	}
	pat->n_runs = m;
}

/* Moves the runs of best's duties back towards their preferred times
 * (windows.c) where that keeps the drivers' rules. */
static void compress(const plan_ctx_t *c, plan_run_t *runs, int n, const chain_solution_t *best,
		     const chain_bus_t *cb, int n_cb)
{
	int *old = xcalloc((size_t)n + 1, sizeof(int));
	for (int i = 0; i < n; i++)
		old[i] = runs[i].shift_s;
	plan_windows_compress(c, runs, best, cb);
	plan_hours_guard(c, runs, n, best, cb, n_cb, old);
	free(old);
}

/* Chains one pattern's runs into duties on the usable buses cb (bus_of:
 * their fleet index). The runs no bus can take are reported; when that
 * leaves children of a round trip one way only, they come off their other
 * leg too (legs.c) and the pattern is chained again without them. */
static int plan_one_way(plan_ctx_t *c, plan_pattern_t *pat, const chain_bus_t *cb,
			const int *bus_of, int n_cb, sr_error_t *err)
{
	chain_solution_t best;
	int split_tried = 0, fix_tried = 0;
	for (;;) {
		plan_run_t *runs = pat->runs;
		int n = pat->n_runs;
		first_chain(c, pat, cb, n_cb, &best, err);
		plan_flex_t fl = plan_flex_of(c->p);
		/* the list scheduling also runs when the integer program was
		 * cut short by its time limit: its duties then compete with
		 * the program's incumbent */
		for (int k = 0;
		     k < 7 && (best.n_uncovered > 0 || (k == 0 && !best.optimal)) && n_cb > 0;
		     k++) {
			if (k > 0 && !fl.any)
				break;
			try_window(c, &fl, k, runs, n, cb, n_cb, &best, err);
		}
		compress(c, runs, n, &best, cb, n_cb);
		if (!best.n_uncovered)
			break;
		unsigned char *drop = xcalloc((size_t)n + 1, 1);
		if (!split_tried) {
			/* first, runs too big for the buses free then go on
			 * them, whole or in part (split.c) */
			split_tried = 1;
			int k = plan_split_uncovered(c, pat, &best, cb, n_cb, &drop, err);
			if (k < 0) {
				free(drop);
				chain_solution_free(&best);
				return err->code;
			}
			if (k > 0) {
				sr_info(_("plan: days %s: %d runs split over smaller buses; chaining again"),
					plan_days_said(pat->days, (char[64]){0}, 64), k);
				drop_runs(pat, drop);
				qsort(pat->runs, (size_t)pat->n_runs, sizeof(plan_run_t), cmp_run);
				free(drop);
				chain_solution_free(&best);
				continue;
			}
		}
		/* what would take them all, with every run still there */
		if (!fix_tried++ && !c->no_fixes)
			plan_serve_all(c, pat->days, runs, n, best.uncovered, best.n_uncovered, cb,
				       bus_of, n_cb);
		/* what is still uncovered is reported; its runs leave the
		 * pattern */
		char *busy = xcalloc((size_t)n_cb + 1, 1);
		for (int d = 0; d < best.n_duties; d++)
			busy[best.duties[d].bus] = 1;
		for (int u = 0; u < best.n_uncovered; u++) {
			report_uncovered(
				c, pat, &runs[best.uncovered[u]], cb, n_cb,
				plan_hours_blocks(c, runs, n, &best, cb, n_cb, best.uncovered[u]),
				busy);
			drop[best.uncovered[u]] = 1;
		}
		free(busy);
		int w = plan_legs_balance(c, runs, n, drop, pat->days, 1, err);
		if (w < 0) {
			free(drop);
			chain_solution_free(&best);
			return err->code;
		}
		if (w == 0) {
			free(drop);
			break;
		}
		sr_info(_("plan: days %s: %d child trips withdrawn to keep round trips whole; chaining again"),
			plan_days_said(pat->days, (char[64]){0}, 64), w);
		drop_runs(pat, drop);
		free(drop);
		chain_solution_free(&best);
	}
	make_duties(c, pat, &best, bus_of, 1);
	chain_solution_free(&best);
	return SR_OK;
}

/* Children in the unserved entries [from, to) of p, and their metres of
 * duties: the figures a plan of a pattern is judged by. */
static int unserved_since(const sr_plan_t *p, int from, int to)
{
	int n = 0;
	for (int i = from; i < to; i++)
		n += p->unserved[i].children;
	return n;
}

static double duty_metres(const plan_pattern_t *pat)
{
	double m = 0;
	for (int d = 0; d < pat->n_duties; d++)
		m += pat->duties[d].meters;
	return m;
}

/* Drops the unserved entries [from, to) of p. */
static void unserved_drop(sr_plan_t *p, int from, int to)
{
	for (int i = from; i < to; i++) {
		free(p->unserved[i].reason);
		free(p->unserved[i].reason_code);
	}
	if (p->n_unserved > to)
		memmove(p->unserved + from, p->unserved + to,
			(size_t)(p->n_unserved - to) * sizeof(plan_unserved_t));
	p->n_unserved -= to - from;
}

/* A copy of pattern pat's runs into *out, without duties: planning it
 * makes them (plan_pattern_copy's empty array would leak). */
static void copy_unplanned(plan_pattern_t *out, const plan_pattern_t *pat)
{
	plan_pattern_copy(out, pat);
	free(out->duties);
	out->duties = NULL;
	out->n_duties = 0;
}

/* Two plans of one pattern side by side ([0]: *pat with its unserved
 * entries [u0, u1), [1]: the other, with the entries after those): the
 * children each leaves, its buses and its metres. */
typedef struct versus {
	int lost[2], bus[2];
	double km[2];
} versus_t;

static versus_t versus(const sr_plan_t *p, const plan_pattern_t *pat, const plan_pattern_t *alt,
		       int u0, int u1)
{
	return (versus_t){{unserved_since(p, u0, u1), unserved_since(p, u1, p->n_unserved)},
			  {pat->n_duties, alt->n_duties},
			  {duty_metres(pat), duty_metres(alt)}};
}

/* Of two plans of one pattern, *pat (its unserved entries [u0, u1) and
 * fixes [f0, f1) of p) and *alt (the entries and fixes after those), keeps
 * *alt in *pat when win, else *pat; the other's entries, fixes and runs
 * go. */
static void keep_one_of(sr_plan_t *p, plan_pattern_t *pat, plan_pattern_t *alt, int win, int u0,
			int u1, int f0, int f1)
{
	if (win) {
		plan_pattern_clear(pat);
		*pat = *alt;
		unserved_drop(p, u0, u1);
		if (p->n_fixes > f1) /* the losing plan's fixes go with it */
			memmove(p->fixes + f0, p->fixes + f1,
				(size_t)(p->n_fixes - f1) * sizeof(plan_fix_t));
		p->n_fixes -= f1 - f0;
	} else {
		plan_pattern_clear(alt);
		unserved_drop(p, u1, p->n_unserved);
		p->n_fixes = f1;
	}
}

/* Plans pattern pat (plan_one_way) and, when that leaves children without
 * a bus, plans it again with the chainings weighing what they leave by
 * children and round trips (by_trips), keeping the plan that leaves fewer
 * children, then needs fewer buses, then fewer km. The two ways leave
 * different runs to split.c and the windows: on the North Bayreuth trial
 * term with Tue/Thu's athletics half an hour later, counting runs left
 * 18 children, counting children 10; with a ПАЗ broken down, 28 and 41.
 * A pattern that serves everyone is planned once, as before. What would
 * serve everyone (serve.c) is the first way's. */
static int plan_one(plan_ctx_t *c, plan_pattern_t *pat, const chain_bus_t *cb, const int *bus_of,
		    int n_cb, sr_error_t *err)
{
	sr_plan_t *p = c->p;
	if (c->keep) {
		/* a re-plan: the legs over the kept runs and the new ones together
		 * (runs.c balanced the new ones alone): a child whose trip home
		 * the router could not place beside a kept run to the session is
		 * not taken from school either */
		int w = plan_legs_balance(c, pat->runs, pat->n_runs, NULL, pat->days, 1, err);
		if (w < 0)
			return err->code;
		drop_runs(pat, NULL); /* those left without children */
	}
	if (c->by_trips)
		return plan_one_way(c, pat, cb, bus_of, n_cb, err);
	plan_pattern_t alt;
	copy_unplanned(&alt, pat);
	int u0 = p->n_unserved;
	int rc = plan_one_way(c, pat, cb, bus_of, n_cb, err);
	int u1 = p->n_unserved, f1 = p->n_fixes;
	if (rc || u1 == u0) {
		plan_pattern_clear(&alt);
		return rc;
	}
	/* the second way says no fixes of its own: the first way's, proved on
	 * its runs, hold whichever plan is kept (one more bus, a longer day or
	 * a session moved takes every run of a plan of these days) */
	int no_fixes = c->no_fixes;
	c->by_trips = 1;
	c->no_fixes = 1;
	rc = plan_one_way(c, &alt, cb, bus_of, n_cb, err);
	c->by_trips = 0;
	c->no_fixes = no_fixes;
	if (rc) {
		plan_pattern_clear(&alt);
		return rc;
	}
	versus_t v = versus(p, pat, &alt, u0, u1);
	int win = v.lost[1] != v.lost[0] ? v.lost[1] < v.lost[0]
		  : v.bus[1] != v.bus[0] ? v.bus[1] < v.bus[0]
					 : v.km[1] < v.km[0] - 1e-6;
	keep_one_of(p, pat, &alt, win, u0, u1, f1, f1); /* the fixes stay */
	return SR_OK;
}

/* A wider window is tried only on day patterns of at most this many runs
 * (each try plans the pattern again), windows of these many minutes. */
#define WIDEN_MAX_RUNS 200
static const int widen_min[] = {30, 45, 60, 90};
/* ... for the sessions and directions with the most children left (at
 * most this many). */
#define WIDEN_MAX_TRIES 3

/* Whether pattern orig (its runs before planning) leaves no child without
 * a bus (no_bus, other_leg) with session si's own window in direction dir
 * w seconds wide: planned again on a copy, quietly, and what that added
 * to the plan (unserved, warnings) taken back. */
static int serves_all_with(plan_ctx_t *c, const plan_pattern_t *orig, const chain_bus_t *cb,
			   const int *bus_of, int n_cb, int si, int dir, int w)
{
	sr_plan_t *p = c->p;
	plan_session_t was = p->sessions[si];
	p->sessions[si].window_s[dir] = w;
	p->sessions[si].own_window[dir] = 1;
	plan_pattern_t t;
	copy_unplanned(&t, orig);
	int u0 = p->n_unserved, w0 = p->n_warnings, cut = c->n_chain_cut, lvl = sr_log_level();
	chain_bases_t *bases = c->bases;
	c->bases = NULL; /* the plan's own chainings keep theirs */
	c->no_fixes = 1;
	sr_log_set_level(SR_LOG_ERROR);
	sr_error_t err;
	sr_error_clear(&err);
	int all = plan_one(c, &t, cb, bus_of, n_cb, &err) == SR_OK;
	sr_log_set_level(lvl);
	c->no_fixes = 0;
	c->bases = bases;
	c->n_chain_cut = cut;
	for (int i = u0; i < p->n_unserved; i++)
		all &= strcmp(p->unserved[i].reason_code, "no_bus") &&
		       strcmp(p->unserved[i].reason_code, "other_leg");
	unserved_drop(p, u0, p->n_unserved);
	plan_warnings_drop(p, w0);
	plan_pattern_clear(&t);
	p->sessions[si] = was;
	return all;
}

/* The narrowest wider window of session si in direction dir (widen_min,
 * narrower than `under` minutes) that serves everyone on pattern orig;
 * 0 if none. The widest is tried first: no narrower one is tried for a
 * session it does not help. */
static int narrowest(plan_ctx_t *c, const plan_pattern_t *orig, const chain_bus_t *cb,
		     const int *bus_of, int n_cb, int si, int dir, int under)
{
	int nw = (int)(sizeof widen_min / sizeof widen_min[0]);
	int now = plan_session_window_s(c->p, si, dir), top = widen_min[nw - 1];
	if (now >= top * 60 || under <= widen_min[0] ||
	    !serves_all_with(c, orig, cb, bus_of, n_cb, si, dir, top * 60))
		return 0;
	for (int k = 0; k < nw - 1; k++)
		if (widen_min[k] * 60 > now && widen_min[k] < under &&
		    serves_all_with(c, orig, cb, bus_of, n_cb, si, dir, widen_min[k] * 60))
			return widen_min[k];
	return top < under ? top : 0;
}

/* What a wider window would do (plan_fix_t.window_*): for the sessions
 * and directions whose children the plan of pattern orig's days left
 * without a bus (the unserved entries from u0 on; WIDEN_MAX_TRIES with
 * the most children), the narrowest own window that serves everyone; the
 * narrowest of them joins the pattern's fix. */
static void widen_fix(plan_ctx_t *c, const plan_pattern_t *orig, int u0, const chain_bus_t *cb,
		      const int *bus_of, int n_cb)
{
	sr_plan_t *p = c->p;
	if (c->no_fixes || n_cb == 0 || orig->n_runs > WIDEN_MAX_RUNS)
		return;
	int si_best = -1, dir_best = 0, w_best = 1 << 20, ns = p->n_sessions;
	/* children left without a bus by session and direction */
	int *left = xcalloc((size_t)ns * 2 + 1, sizeof(int));
	for (int i = u0; i < p->n_unserved; i++) {
		const plan_unserved_t *u = &p->unserved[i];
		if (u->session < 0 || strcmp(u->reason_code, "no_bus"))
			continue;
		for (int dir = PLAN_TO_SESSION; dir <= PLAN_HOME; dir++)
			if (u->dir < 0 || u->dir == dir)
				left[u->session * 2 + dir] += u->children;
	}
	for (int t = 0; t < WIDEN_MAX_TRIES; t++) {
		int k = 0; /* the most left, the first on ties */
		for (int x = 1; x < ns * 2; x++)
			k = left[x] > left[k] ? x : k;
		if (left[k] <= 0)
			break;
		left[k] = 0;
		int w = narrowest(c, orig, cb, bus_of, n_cb, k / 2, k % 2, w_best);
		if (w > 0 && w < w_best) {
			si_best = k / 2;
			dir_best = k % 2;
			w_best = w;
		}
	}
	free(left);
	if (si_best < 0)
		return;
	plan_fix_t *f = NULL;
	for (int i = 0; i < p->n_fixes && !f; i++)
		if (p->fixes[i].days == orig->days)
			f = &p->fixes[i];
	if (!f) {
		p->fixes = xreallocarray(p->fixes, (size_t)p->n_fixes + 1, sizeof(plan_fix_t));
		f = &p->fixes[p->n_fixes++];
		*f = (plan_fix_t){.days = orig->days, .like_bus = bus_of[0], .move_session = -1};
	}
	f->window_session = si_best;
	f->window_dir = dir_best;
	f->window_min = w_best;
}

/* Chains *alt, another plan of pattern pat whose own chaining left its
 * unserved entries from u0 and fixes from f0 of p, and keeps it in *pat
 * when it leaves no more children out and needs no more buses and no more
 * kilometres, and fewer of either. */
static int try_mixed(plan_ctx_t *c, plan_pattern_t *pat, plan_pattern_t *alt, int u0, int f0,
		     const chain_bus_t *cb, const int *bus_of, int n_cb, int *won, sr_error_t *err)
{
	sr_plan_t *p = c->p;
	int u1 = p->n_unserved, f1 = p->n_fixes;
	qsort(alt->runs, (size_t)alt->n_runs, sizeof(plan_run_t), cmp_run);
	int rc = plan_one(c, alt, cb, bus_of, n_cb, err);
	if (rc) {
		plan_pattern_clear(alt);
		return rc;
	}
	versus_t v = versus(p, pat, alt, u0, u1);
	int win = v.lost[1] <= v.lost[0] && v.bus[1] <= v.bus[0] && v.km[1] <= v.km[0] + 1e-6 &&
		  (v.bus[1] < v.bus[0] || v.km[1] < v.km[0] - 1e-6);
	sr_info(_("plan: days %s: mixed loads %s (%d buses, %.1f km; without: %d buses, %.1f km)"),
		plan_days_said(pat->days, (char[64]){0}, 64), win ? _("kept") : _("not kept"),
		v.bus[1], v.km[1] / 1000, v.bus[0], v.km[0] / 1000);
	keep_one_of(p, pat, alt, win, u0, u1, f0, f1);
	*won = win;
	return SR_OK;
}

/* Chains pattern pat (plan_one) and, when mixed runs can be formed on its
 * days (mixed.c), the pattern with merged runs too, then with shared stops
 * as well, then with moved stops as well (the kinds c->mix_less leaves
 * in), each kept only when it beats the plan before it (try_mixed).
 * Whether a shared or moved stop also pays for the week (its chaining for
 * one bus all week and home by the same bus) build.c decides, planning
 * without them as well: c->mix_kept says the highest kind kept. */
static int plan_with_mixed(plan_ctx_t *c, plan_pattern_t *pat, const chain_bus_t *cb,
			   const int *bus_of, int n_cb, sr_error_t *err)
{
	sr_plan_t *p = c->p;
	plan_pattern_t alt[PLAN_MIX_MOVE + 1];
	int k[PLAN_MIX_MOVE + 1], before = 0;
	for (int kind = PLAN_MIX_MERGE; kind <= PLAN_MIX_MOVE; kind++) {
		k[kind] = kind <= PLAN_MIX_MOVE - c->mix_less
				  ? plan_mixed_pattern(c, pat, kind, &alt[kind])
				  : 0;
		if (k[kind] && k[kind] <= before) { /* none of this kind taken: the same runs */
			plan_pattern_clear(&alt[kind]);
			k[kind] = 0;
		}
		before = k[kind] ? k[kind] : before;
	}
	int u0 = p->n_unserved, f0 = p->n_fixes;
	int rc = plan_one(c, pat, cb, bus_of, n_cb, err);
	for (int kind = PLAN_MIX_MERGE; kind <= PLAN_MIX_MOVE; kind++) {
		if (!k[kind])
			continue;
		if (rc) {
			plan_pattern_clear(&alt[kind]);
			continue;
		}
		int won = 0;
		rc = try_mixed(c, pat, &alt[kind], u0, f0, cb, bus_of, n_cb, &won, err);
		if (!rc && won && kind > c->mix_kept)
			c->mix_kept = kind;
	}
	return rc;
}

/* Plans pattern pat (plan_with_mixed); when children are left without a
 * bus, what a session's wider window would do (widen_fix). */
static int plan_pattern(plan_ctx_t *c, plan_pattern_t *pat, const chain_bus_t *cb,
			const int *bus_of, int n_cb, sr_error_t *err)
{
	plan_pattern_t orig;
	plan_pattern_copy(&orig, pat);
	int u0 = c->p->n_unserved;
	int rc = plan_with_mixed(c, pat, cb, bus_of, n_cb, err);
	if (!rc)
		widen_fix(c, &orig, u0, cb, bus_of, n_cb);
	plan_pattern_clear(&orig);
	return rc;
}

int plan_duties_chain(plan_ctx_t *c, const plan_run_t *runs, int n, double limit_s,
		      chain_solution_t *sol, sr_error_t *err)
{
	return chain(c, runs, n, c->cb, c->n_cb, limit_s, sol, err);
}

void plan_duties_current(const plan_ctx_t *c, const plan_pattern_t *pat, chain_solution_t *s)
{
	memset(s, 0, sizeof(*s));
	s->duties = xcalloc((size_t)pat->n_duties + 1, sizeof(chain_duty_t));
	for (int d = 0; d < pat->n_duties; d++) {
		const plan_duty_t *du = &pat->duties[d];
		chain_duty_t *cd = &s->duties[s->n_duties++];
		cd->bus = -1;
		for (int q = 0; q < c->n_cb; q++)
			if (c->bus_of[q] == du->bus)
				cd->bus = q;
		cd->tasks = xcalloc((size_t)du->n_runs + 1, sizeof(int));
		memcpy(cd->tasks, du->runs, sizeof(int) * (size_t)du->n_runs);
		cd->n_tasks = du->n_runs;
	}
}

double plan_duties_apart(const plan_ctx_t *c, const plan_pattern_t *pat,
			 const chain_solution_t *sol)
{
	chain_pair_t *q;
	int n = pat->n_runs, nq = plan_duties_pairs(c, pat->runs, n, &q);
	int *bus = xcalloc((size_t)n + 1, sizeof(int));
	for (int i = 0; i < n; i++)
		bus[i] = sol ? -1 : pat->runs[i].bus;
	for (int d = 0; sol && d < sol->n_duties; d++)
		for (int t = 0; t < sol->duties[d].n_tasks; t++)
			bus[sol->duties[d].tasks[t]] = c->bus_of[sol->duties[d].bus];
	double x = plan_round_trip_apart(q, nq, bus);
	free(q);
	free(bus);
	return x;
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
		for (int j = i; j > 0 && cmp_run(&pat->runs[ord[j - 1]], &pat->runs[ord[j]]) > 0;
		     j--) {
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

void plan_duties_replace(plan_ctx_t *c, plan_pattern_t *pat, const chain_solution_t *sol)
{
	for (int d = 0; d < pat->n_duties; d++) {
		free(pat->duties[d].runs);
		free(pat->duties[d].gaps);
	}
	free(pat->duties);
	pat->duties = NULL;
	pat->n_duties = 0;
	make_duties(c, pat, sol, c->bus_of, 0);
	tidy(pat);
}

void plan_duties_round_trips(plan_ctx_t *c, sr_error_t *err)
{
	for (int k = 0; k < c->p->n_patterns; k++) {
		plan_pattern_t *pat = &c->p->patterns[k];
		double apart = plan_duties_apart(c, pat, NULL);
		if (apart <= 0 || c->n_cb == 0)
			continue;
		chain_solution_t sol, cur;
		plan_duties_current(c, pat, &cur);
		c->chain_start = &cur;
		c->stall_nodes = PLAN_PAIR_STALL_NODES;
		int rc = chain(c, pat->runs, pat->n_runs, c->cb, c->n_cb, safety_s(c), &sol, err);
		c->chain_start = NULL;
		c->stall_nodes = 0;
		chain_solution_free(&cur);
		if (rc != SR_OK) { /* the pattern keeps its duties */
			char msg[sizeof(err->msg)];
			snprintf(msg, sizeof(msg), "%s", err->msg);
			plan_warn(c->p, "round_trip_chain_failed", pat->days, (const char *[]){msg},
				  1, "chaining the round trips failed (%s); keeping the duties",
				  msg);
			sr_error_clear(err);
			continue;
		}
		if (sol.n_uncovered == 0 && sol.n_duties <= pat->n_duties &&
		    plan_duties_apart(c, pat, &sol) < apart)
			plan_duties_replace(c, pat, &sol);
		chain_solution_free(&sol);
	}
}

int plan_make_patterns(plan_ctx_t *c, sr_error_t *err)
{
	c->pairs_later = 1;
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
			plan_warn(p, "depot_off_network", 0, (const char *[]){x->id}, 1,
				  "bus '%s': its depot is not on the main road network; the "
				  "bus is not used",
				  x->id);
			continue;
		}
		cb[n_cb].depot_loc = (uint32_t)x->depot;
		cb[n_cb].seats = x->seats;
		cb[n_cb].avail_from_s = x->avail_from_s;
		cb[n_cb].avail_to_s = x->avail_to_s;
		cb[n_cb].cost_per_km = x->cost_per_km;
		plan_hours_bus(c, x, &cb[n_cb]);
		bus_of[n_cb++] = b;
	}
	int seats = 0;
	for (int b = 0; b < n_cb; b++)
		seats = cb[b].seats > seats ? cb[b].seats : seats;
	/* a re-plan (--keep) plans no mixed runs */
	int rc = c->keep ? SR_OK : plan_mixed_make(c, seats, err);
	int done = 0;
	p->patterns = xcalloc(7, sizeof(plan_pattern_t));
	for (int d = 0; d < 7 && !rc; d++) {
		if (empty[d] || (done & (1 << d)))
			continue;
		plan_pattern_t *pat = &p->patterns[p->n_patterns++];
		for (int e = d; e < 7; e++)
			if (!empty[e] && !memcmp(set + (size_t)e * (ns + 1),
						 set + (size_t)d * (ns + 1), (size_t)ns)) {
				pat->days |= (uint8_t)(1u << e);
				done |= 1 << e;
			}
		pat->runs = xcalloc((size_t)c->n_tmpl + 1, sizeof(plan_run_t));
		for (int i = 0; i < c->n_tmpl; i++)
			if (set[(size_t)d * (ns + 1) + c->tmpl[i].session]) {
				plan_run_copy(&pat->runs[pat->n_runs], &c->tmpl[i]);
				pat->runs[pat->n_runs++].origin = i;
			}
		qsort(pat->runs, (size_t)pat->n_runs, sizeof(plan_run_t), cmp_run);
		rc = plan_pattern(c, pat, cb, bus_of, n_cb, err);
		if (!rc)
			tidy(pat);
	}
	free(has);
	free(set);
	c->pairs_later = 0;
	c->cb = cb; /* for the week (week.c); plan_ctx_clear frees them */
	c->bus_of = bus_of;
	c->n_cb = n_cb;
	return rc;
}
