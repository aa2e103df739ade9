/*
 * week.c - the week as a whole. A session that takes place on several day
 * patterns has the same runs on each: runs.c builds them once per session
 * (plan_run_t.origin), so their stops and times agree, and here each gets
 * one run id for the whole week and, wherever the fleet allows, one bus,
 * so that a family, a driver and a kindergarten see one bus all week.
 * Stability ranks right after the number of buses and before kilometres,
 * as driver consistency does in the consistent vehicle routing problem
 * (Groer, Golden & Wasil 2009; the survey of Kovacs, Golden, Hartl &
 * Parragh 2014), learned from there, not taken from any code.
 *
 * Each pattern is chained on its own first (duties.c: fewest buses, then
 * km). Then:
 * 1. relabelling, as in crew rostering (the duties stay, the resources that
 *    run them change): pattern by pattern, a local search over moves of a
 *    duty to a free bus and swaps of two duties' buses, each increasing the
 *    runs that keep the bus they had on an earlier pattern;
 * 2. a block-coordinate descent over the patterns: each pattern is chained
 *    again by the GLPK model of chain_solve with a cost per run and bus,
 *    the number of days of other patterns on which that run has another bus (a
 *    penalty column per run and other bus, ranked after the buses and
 *    before the km). The new duties are kept when they use no more buses
 *    and disagree less with the other patterns. The pairwise disagreement
 *    only falls, so the rounds end; at most WEEK_ROUNDS of them.
 * Last (plan_week_balance, after the round trips' exchanges and the
 * times' alignment), with week_balance = yes, where a bus's drivers' week
 * is longer than its max_week_h, the duties are shared out again among
 * the buses.
 * Split parts of a run (duties.c, origin -1) that are the same run on
 * several patterns are joined into one first.
 * The parts of a session held at other times on some days (football Mon
 * 16:00 and Wed 17:00, a kindergarten's short Friday) have runs of their
 * own, but a family sees one session: a part's run that takes the same
 * villages' children as exactly one run of each other part (kin) counts
 * as that run in steps 1 and 2 and in the balance, so that it keeps the
 * bus where the fleet allows.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ip/ip.h"
#include "util/i18n.h"
#include "plan/duties.h"
#include "plan/hours.h"
#include "plan/run.h"
#include "plan/trips.h"
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

int plan_week_fits(const plan_ctx_t *c, const plan_pattern_t *pat, const plan_duty_t *du, int b)
{
	int dep, ret;
	double m;
	return fits(c, pat, du, b, &dep, &ret, &m);
}

/* Whether runs a and b take the same children: the same direction and,
 * stop by stop, the same villages of the same sessions' families (the
 * destinations and the times aside). */
static int same_children(const sr_plan_t *p, const plan_run_t *a, const plan_run_t *b)
{
	if (a->dir != b->dir || a->n_stops != b->n_stops)
		return 0;
	for (int k = 0; k < a->n_stops; k++) {
		const plan_stop_t *x = &a->stops[k], *y = &b->stops[k];
		if (plan_stop_is_dest(a, k) != plan_stop_is_dest(b, k) ||
		    (!plan_stop_is_dest(a, k) &&
		     (x->point != y->point || x->board != y->board || x->alight != y->alight ||
		      plan_session_family(p->sessions, x->session) !=
			      plan_session_family(p->sessions, y->session))))
			return 0;
	}
	return 1;
}

/* kin[o]: the origin that stands for origin o in the week's steps: o
 * itself, or for the runs of the parts of one session that take the same
 * children (same_children), one run of each part, the least of their
 * origins (two runs of one part alike: none of them). */
int *plan_week_kin(const sr_plan_t *p, int n_org)
{
	int *kin = xcalloc((size_t)n_org + 1, sizeof(int));
	int *group = xcalloc((size_t)n_org + 1, sizeof(int));
	const plan_run_t **rep = xcalloc((size_t)n_org + 1, sizeof(*rep));
	for (int k = 0; k < p->n_patterns; k++)
		for (int i = 0; i < p->patterns[k].n_runs; i++) {
			const plan_run_t *r = &p->patterns[k].runs[i];
			if (r->origin >= 0 && r->origin < n_org && !rep[r->origin])
				rep[r->origin] = r;
		}
	for (int o = 0; o < n_org; o++)
		kin[o] = o;
	for (int o = 0; o < n_org; o++) {
		if (!rep[o] || kin[o] != o || !p->sessions[rep[o]->session].part_of)
			continue;
		int fam = plan_session_family(p->sessions, rep[o]->session), n = 0, ok = 1;
		for (int q = o; q < n_org; q++)
			if (rep[q] && kin[q] == q &&
			    plan_session_family(p->sessions, rep[q]->session) == fam &&
			    same_children(p, rep[o], rep[q]))
				group[n++] = q;
		for (int a = 0; a < n && ok; a++) /* one run of each part */
			for (int b = 0; b < a && ok; b++)
				ok = rep[group[a]]->session != rep[group[b]]->session;
		for (int a = 1; ok && a < n; a++)
			kin[group[a]] = o;
	}
	free(group);
	free(rep);
	return kin;
}

/* Runs of duty du whose earlier bus (ref, by kin[origin]) is b. */
static int score(const plan_pattern_t *pat, const plan_duty_t *du, const int *ref, const int *kin,
		 int b)
{
	int n = 0;
	for (int k = 0; k < du->n_runs; k++) {
		int o = pat->runs[du->runs[k]].origin;
		n += o >= 0 && ref[kin[o]] == b;
	}
	return n;
}

/* Gives duty du bus b (its day filled again for that bus's depot and
 * limits: depot legs, gaps, driving, hours.c). */
static void assign(const plan_ctx_t *c, plan_pattern_t *pat, plan_duty_t *du, int b)
{
	du->bus = b;
	for (int k = 0; k < du->n_runs; k++)
		pat->runs[du->runs[k]].bus = b;
	plan_hours_fill(c, pat, du);
}

/* One improving move on pat (a free bus or a swap), the best one; returns
 * 1 when it made one. */
static int improve(const plan_ctx_t *c, plan_pattern_t *pat, const int *ref, const int *kin,
		   int *owner)
{
	int nb = c->p->n_buses, best_gain = 0, bd = -1, bb = -1;
	for (int d = 0; d < pat->n_duties; d++) {
		plan_duty_t *du = &pat->duties[d];
		int cur = du->bus, s_cur = score(pat, du, ref, kin, cur);
		for (int b = 0; b < nb; b++) {
			int dep, ret;
			double m;
			if (b == cur || !fits(c, pat, du, b, &dep, &ret, &m))
				continue;
			int gain = score(pat, du, ref, kin, b) - s_cur, e = owner[b];
			if (e >= 0) {
				plan_duty_t *de = &pat->duties[e];
				if (!fits(c, pat, de, cur, &dep, &ret, &m))
					continue;
				gain += score(pat, de, ref, kin, cur) - score(pat, de, ref, kin, b);
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

/* Step 1: relabelling. */
static void relabel(plan_ctx_t *c, int n_org, const int *kin)
{
	sr_plan_t *p = c->p;
	int *ref = xcalloc((size_t)n_org + 1, sizeof(int));
	int *owner = xcalloc((size_t)p->n_buses + 1, sizeof(int));
	for (int i = 0; i < n_org; i++)
		ref[i] = -1;
	for (int k = 0; k < p->n_patterns; k++) {
		plan_pattern_t *pat = &p->patterns[k];
		for (int b = 0; b < p->n_buses; b++)
			owner[b] = -1;
		for (int d = 0; d < pat->n_duties; d++)
			owner[pat->duties[d].bus] = d;
		if (k > 0) {
			while (improve(c, pat, ref, kin, owner))
				;
			/* duties in fleet order again */
			qsort(pat->duties, (size_t)pat->n_duties, sizeof(plan_duty_t),
			      cmp_duty_bus);
		}
		for (int i = 0; i < pat->n_runs; i++) {
			const plan_run_t *r = &pat->runs[i];
			if (r->origin >= 0 && r->origin < n_org && ref[kin[r->origin]] < 0)
				ref[kin[r->origin]] = r->bus;
		}
	}
	free(ref);
	free(owner);
}

/* Gives every run without an origin (a split part) one: the same run on
 * another pattern shares it (one to one: never two runs of one pattern),
 * else a new one. */
static void join_parts(sr_plan_t *p)
{
	int base = plan_n_origins(p), n = 0;
	const plan_run_t **rep = NULL;
	uint8_t *days = NULL;
	size_t cap_r = 0, cap_d = 0;
	for (int k = 0; k < p->n_patterns; k++) {
		plan_pattern_t *pat = &p->patterns[k];
		for (int i = 0; i < pat->n_runs; i++) {
			plan_run_t *r = &pat->runs[i];
			if (r->origin >= 0)
				continue;
			int q = 0;
			while (q < n && ((days[q] & pat->days) || !plan_run_same(rep[q], r)))
				q++;
			if (q == n) {
				sr_grow(&rep, &cap_r, (size_t)n + 1, sizeof(*rep));
				sr_grow(&days, &cap_d, (size_t)n + 1, sizeof(*days));
				rep[n] = r;
				days[n++] = 0;
			}
			days[q] |= pat->days;
			r->origin = base + q;
		}
	}
	free(rep);
	free(days);
}

/* The week's state for step 2: per pattern and kin of an origin the fleet
 * bus (-1 where the run is not on that pattern). */
typedef struct week {
	plan_ctx_t *c;
	int n_pat, n_org;
	int *bus;	/* n_pat * n_org */
	const int *kin; /* plan_week_kin */
} week_t;

static void week_row(week_t *w, int k)
{
	const plan_pattern_t *pat = &w->c->p->patterns[k];
	int *row = &w->bus[(size_t)k * w->n_org];
	for (int o = 0; o < w->n_org; o++)
		row[o] = -1;
	for (int i = 0; i < pat->n_runs; i++)
		row[w->kin[pat->runs[i].origin]] = pat->runs[i].bus;
}

/* On how many days of the patterns other than k origin o (its kin) has a
 * bus other than b (days, not patterns: a tie between two patterns goes
 * to the bus of more days). */
static int disagree(const week_t *w, int k, int o, int b)
{
	o = w->kin[o];
	int n = 0;
	for (int l = 0; l < w->n_pat; l++) {
		int x = w->bus[(size_t)l * w->n_org + o];
		if (l != k && x >= 0 && x != b)
			n += __builtin_popcount(w->c->p->patterns[l].days);
	}
	return n;
}

/* Chains pattern k again with the week's costs; keeps the result when it
 * covers every run with no more buses and disagrees less. Returns 1 when
 * kept, else 0 (a chaining error is a warning). */
static int rechain(week_t *w, int k, sr_error_t *err)
{
	plan_ctx_t *c = w->c;
	plan_pattern_t *pat = &c->p->patterns[k];
	int n = pat->n_runs, nb = c->n_cb, old = 0, now = 0, kept = 0;
	for (int i = 0; i < n; i++)
		old += disagree(w, k, pat->runs[i].origin, pat->runs[i].bus);
	double apart = plan_duties_apart(c, pat, NULL);
	if ((old == 0 && apart == 0) || nb == 0)
		return 0;
	double *cost = xcalloc((size_t)n * nb + 1, sizeof(double));
	for (int i = 0; i < n; i++)
		for (int q = 0; q < nb; q++)
			cost[(size_t)i * nb + q] =
				disagree(w, k, pat->runs[i].origin, c->bus_of[q]);
	/* the work is a count (PLAN_CHAIN_NODES); what is left of the plan's
	 * time is only the safety net */
	double limit = c->deadline - sr_now();
	chain_solution_t sol, cur;
	plan_duties_current(c, pat, &cur);
	c->task_bus_cost = cost;
	c->chain_start = &cur;
	int rc = plan_duties_chain(c, pat->runs, n, limit < 0.5 ? 0.5 : limit, &sol, err);
	c->task_bus_cost = NULL;
	c->chain_start = NULL;
	chain_solution_free(&cur);
	if (rc != SR_OK) { /* the pattern keeps its duties */
		char msg[sizeof(err->msg)];
		snprintf(msg, sizeof(msg), "%s", err->msg);
		plan_warn(c->p, "week_chain_failed", pat->days, (const char *[]){msg}, 1,
			  "chaining the week again failed (%s); keeping the duties", msg);
		sr_error_clear(err);
		free(cost);
		return 0;
	}
	for (int d = 0; d < sol.n_duties; d++)
		for (int t = 0; t < sol.duties[d].n_tasks; t++)
			now += (int)cost[(size_t)sol.duties[d].tasks[t] * nb + sol.duties[d].bus];
	if (sol.n_uncovered == 0 &&
	    (sol.n_duties < pat->n_duties ||
	     (sol.n_duties == pat->n_duties &&
	      (now < old || (now == old && plan_duties_apart(c, pat, &sol) < apart))))) {
		plan_duties_replace(c, pat, &sol);
		week_row(w, k);
		kept = 1;
	}
	chain_solution_free(&sol);
	free(cost);
	return kept;
}

/* Step 2: rounds over the patterns, most runs first, until one changes
 * nothing. */
static void descend(plan_ctx_t *c, int n_org, const int *kin, sr_error_t *err)
{
	sr_plan_t *p = c->p;
	week_t w = {c, p->n_patterns, n_org, NULL, kin};
	w.bus = xcalloc((size_t)w.n_pat * (n_org + 1) + 1, sizeof(int));
	int *ord = xcalloc((size_t)w.n_pat + 1, sizeof(int));
	for (int k = 0; k < w.n_pat; k++) {
		week_row(&w, k);
		ord[k] = k;
	}
	for (int a = 1; a < w.n_pat; a++) /* stable: most runs first */
		for (int b = a;
		     b > 0 && p->patterns[ord[b]].n_runs > p->patterns[ord[b - 1]].n_runs; b--) {
			int t = ord[b];
			ord[b] = ord[b - 1];
			ord[b - 1] = t;
		}
	/* seen[k]: the patterns' changes when k was last chained; chained
	 * again with nothing changed since, it would come out the same */
	int *seen = xcalloc((size_t)w.n_pat + 1, sizeof(int)), changes = 1;
	for (int round = 0; round < WEEK_ROUNDS; round++) {
		int kept = 0;
		for (int a = 0; a < w.n_pat; a++) {
			if (seen[ord[a]] == changes)
				continue;
			int k = rechain(&w, ord[a], err);
			kept += k;
			changes += k;
			seen[ord[a]] = changes;
		}
		if (!kept)
			break;
	}
	free(seen);
	free(w.bus);
	free(ord);
}

/* week_balance = yes: where a bus's drivers' week (its duties'
 * working time times their days) is longer than its max_week_h, the
 * buses share the duties of the patterns otherwise: a duty stays whole,
 * only its bus changes, as in crew rostering's reassignment of duties to
 * drivers under weekly hours (learned from the rostering literature's
 * formulation, not taken from any code). A GLPK program over every
 * pattern: a binary per duty and bus that can do it (seats, hours, the
 * depot legs, the day's rules), each duty one bus, each bus at most one
 * duty a pattern, and per bus its week within its limit plus an excess
 * paid for by the hour. It takes, in this order: the least excess, the
 * most days on which a run keeps the bus it has on the other patterns,
 * the fewest metres of depot legs, the duty's own bus. Its work is a count
 * of nodes, so the same on every machine; a result with no less excess
 * than before is not taken. */
#define BALANCE_NODES 5000

typedef struct bal_col {
	int k, d, dd, b; /* pattern, its duty, the duty over all patterns, bus */
	double hours, legs, agree;
} bal_col_t;

/* The program's columns: (pattern, duty, bus) where the bus can do the
 * duty, with the hours it adds to the bus's week, the depot legs' metres
 * a week and the run-days that keep the bus they have on the other
 * patterns; *legs_all: the most legs of each duty, summed. */
static bal_col_t *balance_cols(plan_ctx_t *c, week_t *w, size_t *n, double *legs_all)
{
	sr_plan_t *p = c->p;
	size_t cap = 0;
	bal_col_t *col = NULL;
	*n = 0;
	*legs_all = 0;
	for (int k = 0, dd = 0; k < w->n_pat; k++) {
		const plan_pattern_t *pat = &p->patterns[k];
		int days = __builtin_popcount(pat->days);
		for (int d = 0; d < pat->n_duties; d++, dd++) {
			const plan_duty_t *du = &pat->duties[d];
			double most = 0;
			for (int b = 0; b < p->n_buses; b++) {
				int dep, ret;
				double legs = 0;
				int ok = fits(c, pat, du, b, &dep, &ret, &legs);
				int work = b == du->bus ? du->shift_s
					   : ok		? plan_hours_work(c, pat, du, b)
							: -1;
				if (work < 0)
					continue;
				sr_grow(&col, &cap, *n + 1, sizeof(*col));
				bal_col_t *x = &col[(*n)++];
				*x = (bal_col_t){k, d, dd, b, days * work / 3600.0, days * legs, 0};
				for (int i = 0; i < du->n_runs; i++) {
					int o = pat->runs[du->runs[i]].origin;
					if (o >= 0 && o < w->n_org)
						x->agree += disagree(w, k, o, -2) -
							    disagree(w, k, o, b);
				}
				most = x->legs > most ? x->legs : most;
			}
			*legs_all += most;
		}
	}
	return col;
}

/* Gives each duty the bus of its column set in m's solution; returns how
 * many changed bus. */
static int balance_apply(plan_ctx_t *c, const ip_model_t *m, const bal_col_t *col, size_t n)
{
	sr_plan_t *p = c->p;
	int moved = 0;
	for (size_t j = 0; j < n; j++) {
		plan_pattern_t *pat = &p->patterns[col[j].k];
		plan_duty_t *du = &pat->duties[col[j].d];
		if (ip_mip_val(m, (int)j + 1) > 0.5 && du->bus != col[j].b) {
			assign(c, pat, du, col[j].b);
			moved++;
		}
	}
	for (int k = 0; k < p->n_patterns; k++)
		qsort(p->patterns[k].duties, (size_t)p->patterns[k].n_duties, sizeof(plan_duty_t),
		      cmp_duty_bus);
	return moved;
}

void plan_week_balance(plan_ctx_t *c)
{
	sr_plan_t *p = c->p;
	int nb = p->n_buses, over = 0, n_org = plan_n_origins(p);
	for (int b = 0; b < nb && !over; b++)
		over = plan_week_over(p, b, NULL);
	if (!over || strcmp(p->settings.week_balance, "yes"))
		return;
	int *kin = plan_week_kin(p, n_org);
	week_t w = {c, p->n_patterns, n_org, NULL, kin};
	w.bus = xcalloc((size_t)w.n_pat * (n_org + 1) + 1, sizeof(int));
	int n_duties = 0;
	for (int k = 0; k < w.n_pat; k++) {
		week_row(&w, k);
		n_duties += p->patterns[k].n_duties;
	}
	double exc_w = 1e4;
	ip_model_t *m = ip_model_new(IP_MAX);
	int rd = ip_add_rows(m, n_duties, 1, 1); /* each duty one bus */
	int rkb = ip_add_rows(m, w.n_pat * nb, -INFINITY, 1);
	int rw = ip_add_rows(m, 0, 0, 0); /* a row per bus: its week within its limit */
	for (int b = 0; b < nb; b++) {
		double lim = plan_week_limit_h(p, b);
		ip_add_rows(m, 1, -INFINITY, lim > 0 ? lim : INFINITY);
	}
	size_t n;
	double legs_all;
	bal_col_t *col = balance_cols(c, &w, &n, &legs_all);
	/* the weights: all the legs' metres below one run-day, all the duties'
	 * own buses below one metre */
	double km_w = 0.5 / (legs_all + 1), own_w = 0.5 * km_w / (n_duties + 1);
	double *start = xcalloc(n + (size_t)nb + 2, sizeof(double));
	for (size_t j = 0; j < n; j++) {
		const bal_col_t *x = &col[j];
		int own = p->patterns[x->k].duties[x->d].bus == x->b;
		int idx[3] = {rd + x->dd, rkb + x->k * nb + x->b, rw + x->b};
		double val[3] = {1, 1, x->hours};
		ip_add_col(m, IP_BIN, 0, 1, x->agree - km_w * x->legs + (own ? own_w : 0), 3, idx,
			   val);
		start[j + 1] = own;
	}
	/* the excess per bus, paid for by the hour */
	double before = 0;
	for (int b = 0; b < nb; b++) {
		int work, idx[1] = {rw + b};
		double val[1] = {-1};
		int j = ip_add_col(m, IP_CONT, 0, INFINITY, -exc_w, 1, idx, val);
		if (plan_week_over(p, b, &work))
			start[j] = work / 3600.0 - plan_week_limit_h(p, b);
		before += start[j];
	}
	ip_opts_t o;
	ip_opts_init(&o);
	o.max_nodes = BALANCE_NODES;
	o.warm_start = start;
	o.time_limit_s = 60;
	ip_status_t st;
	sr_error_t err;
	sr_error_clear(&err);
	int moved = 0;
	if (ip_solve(m, &o, &st, NULL, &err) == SR_OK && (st == IP_OPTIMAL || st == IP_FEASIBLE)) {
		double after = 0;
		for (int b = 0; b < nb; b++)
			after += ip_mip_val(m, (int)n + 1 + b);
		if (after < before - 1e-6)
			moved = balance_apply(c, m, col, n);
		sr_info(_("plan: the week's balance moved %d duties (excess %.1f h -> %.1f h)"),
			moved, before, moved ? after : before);
	}
	ip_model_free(m);
	free(col);
	free(start);
	free(w.bus);
	free(kin);
}

/* Run ids: one per origin, the same on every pattern, numbered in pattern
 * and time order. */
static void number_runs(sr_plan_t *p)
{
	int n_org = plan_n_origins(p), id = 0;
	int *num = xcalloc((size_t)n_org + 1, sizeof(int));
	for (int k = 0; k < p->n_patterns; k++)
		for (int i = 0; i < p->patterns[k].n_runs; i++) {
			plan_run_t *r = &p->patterns[k].runs[i];
			int x = r->origin < 0	 ? ++id
				: num[r->origin] ? num[r->origin]
						 : (num[r->origin] = ++id);
			char buf[24];
			snprintf(buf, sizeof(buf), "R%d", x);
			free(r->id);
			r->id = xstrdup(buf);
		}
	free(num);
}

int plan_week_plan(plan_ctx_t *c, sr_error_t *err)
{
	join_parts(c->p);
	int n_org = plan_n_origins(c->p);
	int *kin = plan_week_kin(c->p, n_org); /* the runs stay: one for both steps */
	relabel(c, n_org, kin);
	descend(c, n_org, kin, err);
	free(kin);
	number_runs(c->p);
	return SR_OK;
}

void plan_week_stats(const sr_plan_t *p, plan_week_t *w)
{
	memset(w, 0, sizeof(*w));
	int n_org = plan_n_origins(p);
	int *bus = xcalloc((size_t)n_org + 1, sizeof(int));
	int *days = xcalloc((size_t)n_org + 1, sizeof(int));
	char *same = xcalloc((size_t)n_org + 1, 1);
	const plan_run_t **first = xcalloc((size_t)n_org + 1, sizeof(*first));
	char *used = xcalloc((size_t)p->n_buses + 1, 1);
	for (int o = 0; o < n_org; o++)
		same[o] = 1;
	for (int k = 0; k < p->n_patterns; k++) {
		const plan_pattern_t *pat = &p->patterns[k];
		int nd = __builtin_popcount(pat->days);
		for (int d = 0; d < 7; d++)
			if (pat->days & (1u << d))
				w->buses_per_day[d] = pat->n_duties;
		for (int d = 0; d < pat->n_duties; d++) {
			used[pat->duties[d].bus] = 1;
			w->meters += nd * pat->duties[d].meters;
		}
		for (int i = 0; i < pat->n_runs; i++) {
			const plan_run_t *r = &pat->runs[i];
			if (r->origin < 0)
				continue;
			if (days[r->origin] &&
			    (bus[r->origin] != r->bus || !plan_run_same(first[r->origin], r)))
				same[r->origin] = 0;
			if (!days[r->origin])
				first[r->origin] = r;
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
	free(first);
	free(used);
}

void plan_week_hours(const sr_plan_t *p, int b, int *work_s, int *drive_s)
{
	*work_s = *drive_s = 0;
	for (int k = 0; k < p->n_patterns; k++) {
		const plan_pattern_t *pat = &p->patterns[k];
		int nd = __builtin_popcount(pat->days);
		for (int d = 0; d < pat->n_duties; d++)
			if (pat->duties[d].bus == b && pat->duties[d].n_runs > 0) {
				*work_s += nd * pat->duties[d].shift_s;
				*drive_s += nd * pat->duties[d].driving_s;
			}
	}
}

double plan_week_limit_h(const sr_plan_t *p, int b)
{
	double h = p->buses[b].max_week_h;
	return h > 0 ? h : p->settings.max_week_h;
}

int plan_week_over(const sr_plan_t *p, int b, int *work_s)
{
	int work, drive;
	double lim = plan_week_limit_h(p, b);
	plan_week_hours(p, b, &work, &drive);
	if (work_s)
		*work_s = work;
	return lim > 0 && work > lim * 3600 + 0.5;
}

void plan_week_text(int s, char out[16])
{
	snprintf(out, 16, "%d:%02d", s / 3600, s / 60 % 60);
}

void plan_week_hours_check(sr_plan_t *p)
{
	sr_buf_t list;
	sr_buf_init(&list);
	int n = 0;
	for (int b = 0; b < p->n_buses; b++) {
		int work;
		if (!plan_week_over(p, b, &work))
			continue;
		char t[16];
		double lim = plan_week_limit_h(p, b);
		plan_week_text(work, t);
		sr_buf_printf(&list, "%s%s %s", n++ ? ", " : "", p->buses[b].id, t);
		if (lim != p->settings.max_week_h)
			sr_buf_printf(&list, " (max_week_h %g)", lim);
	}
	if (n) {
		char lim[32];
		snprintf(lim, sizeof lim, "%g", p->settings.max_week_h);
		const char *args[] = {lim, list.data};
		if (strcmp(p->settings.week_balance, "yes"))
			plan_warn(
				p, "week_hours", 0, args, 2,
				"drivers' working weeks longer than max_week_h = %s h (the Labour "
				"Code's 40-hour week, art. 91): %s; a second driver for such a bus "
				"(fleet.csv max_week_h = 80), split shifts (split_shift = yes: the "
				"stay at the depot between runs is then not working time), a "
				"shorter max_shift_h, or week_balance = yes (other buses take some "
				"days' duties)",
				lim, list.data);
		else /* the buses share the duties already (plan_week_balance) */
			plan_warn(
				p, "week_hours_left", 0, args, 2,
				"drivers' working weeks still longer than max_week_h = %s h with "
				"the duties shared out among the buses (week_balance = yes): %s; a "
				"second driver for such a bus (fleet.csv max_week_h = 80), split "
				"shifts (split_shift = yes) or a shorter max_shift_h",
				lim, list.data);
	}
	sr_buf_free(&list);
}
