/* test_chain.c - chain_solve (vehicle scheduling) against brute force on
 * random small instances, with an independent check of every duty:
 * continuity in time with deadheads and turnaround, seats, depot hours, the
 * drivers' working time (day length, driving, driving between breaks, the
 * wait at the depot in a long gap, a split shift's break), and a recount of buses and metres from
 * the inputs; the root LP by sifting against the program solved whole. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"

#define NT_MAX 8
#define NB_MAX 3
#define NL 6

typedef struct inst {
	chain_task_t t[NT_MAX];
	chain_bus_t b[NB_MAX];
	double sec[NL * NL], met[NL * NL];
	double tbc[NT_MAX * NB_MAX]; /* task-bus costs (modes 3, 4 and 6) */
	chain_pair_t pairs[3];	     /* pairs of tasks (mode 6) */
	chain_pair_t legs[3];	     /* legs of round trips (mode 7) */
	chain_problem_t p;
} inst_t;

static void make_inst(inst_t *in, sr_rng_t *r, int n, int nb, int with_buses)
{
	double x[NL], y[NL];
	memset(in, 0, sizeof(*in));
	for (int l = 0; l < NL; l++) {
		x[l] = sr_rng_below(r, 20);
		y[l] = sr_rng_below(r, 20);
	}
	for (int a = 0; a < NL; a++)
		for (int b = 0; b < NL; b++) {
			double d = fabs(x[a] - x[b]) + fabs(y[a] - y[b]);
			in->met[a * NL + b] = d * 100;
			in->sec[a * NL + b] = d * 6;
		}
	for (int i = 0; i < n; i++) {
		chain_task_t *t = &in->t[i];
		/* split shifts (3): a longer day with room for stays */
		t->start_s = 1000 + sr_rng_below(r, with_buses == 3 ? 1400 : 600);
		t->end_s = t->start_s + 20 + sr_rng_below(r, 150);
		t->start_loc = sr_rng_below(r, NL);
		t->end_loc = sr_rng_below(r, NL);
		t->min_seats = 10 + 10 * (int)sr_rng_below(r, 3);
		double way = in->sec[t->start_loc * NL + t->end_loc];
		if (with_buses >= 2) { /* a task drives at least its own way,
					  as a run does (the pruning of the
					  solver's arcs relies on it) */
			double extra = sr_rng_below(r, 100);
			t->end_s = t->start_s + way + extra;
			t->drive_s = way + extra / 2;
		} else if (t->end_s < t->start_s + way) {
			/* no task ends before the bus could drive its way: the
			 * solver keeps a task off a bus that cannot do it alone
			 * (buses.c, bus_arcs_of), which a run that drives its way
			 * implies of every day the bus could do it in (sifting's
			 * mode 3, 14th instance, had a task of 41 s on a 138 s way:
			 * the bus reached the next task only through it) */
			t->end_s = t->start_s + way;
		}
	}
	for (int b = 0; b < nb; b++) {
		in->b[b].depot_loc = sr_rng_below(r, NL);
		in->b[b].seats = 20 + 10 * (int)sr_rng_below(r, 2);
		in->b[b].avail_from_s = 800 + sr_rng_below(r, 300);
		in->b[b].avail_to_s = 1500 + sr_rng_below(r, 500);
		in->b[b].cost_per_km = 1 + sr_rng_below(r, 3);
		if (with_buses >= 2) { /* drivers' limits that bind */
			in->b[b].avail_to_s = 2300;
			in->b[b].max_shift_s = 300 + sr_rng_below(r, 600);
			in->b[b].max_drive_s = 150 + sr_rng_below(r, 300);
		}
		if (with_buses == 3) { /* split shifts, on two buses of three */
			in->b[b].avail_to_s = 3000;
			in->b[b].max_shift_s = 300 + sr_rng_below(r, 600);
			in->b[b].split_min_s = b == 2 ? 0 : 30 + sr_rng_below(r, 60);
			in->b[b].split_max_s = in->b[b].split_min_s + 100 + sr_rng_below(r, 300);
			in->b[b].max_span_s = b == 2 ? 0 : 600 + sr_rng_below(r, 600);
		}
	}
	memset(&in->p, 0, sizeof(in->p));
	in->p.tasks = in->t;
	in->p.n_tasks = n;
	in->p.buses = with_buses ? in->b : NULL;
	in->p.n_buses = with_buses ? nb : 0;
	in->p.n_locs = NL;
	in->p.dh_seconds = in->sec;
	in->p.dh_meters = in->met;
	in->p.turnaround_s = 5;
	if (with_buses >= 2) {
		in->p.depot_return_s = 60 + sr_rng_below(r, 60);
		in->p.break_s = 20 + sr_rng_below(r, 40);
		in->p.block_s = 100 + sr_rng_below(r, 200);
	}
}

/* The drivers' rules for bus `bus` doing seq, recomputed: the bus waits
 * at its depot in a gap over depot_return_s when it can stay there
 * break_s; a wait of break_s is a break. With a split shift (split_min_s
 * > 0) the longest stay at the depot of split_min_s or more, counted up
 * to split_max_s, is not working time, and the whole day is at most
 * max_span_s. Returns 0 when a rule is broken; *gap_m gets the metres
 * between the tasks. */
static int hours_ok(const inst_t *in, const int *seq, int len, int bus, double *gap_m)
{
	const chain_problem_t *p = &in->p;
	const chain_bus_t *B = &p->buses[bus];
	const double *S = in->sec;
	int D = (int)B->depot_loc;
	const chain_task_t *f = &p->tasks[seq[0]], *l = &p->tasks[seq[len - 1]];
	double shift = l->end_s + S[l->end_loc * NL + D] - (f->start_s - S[D * NL + f->start_loc]);
	double total = S[D * NL + f->start_loc], run = total, worst = run, split = 0;
	*gap_m = 0;
	for (int k = 0; k < len; k++) {
		const chain_task_t *a = &p->tasks[seq[k]];
		total += a->drive_s;
		run += a->drive_s;
		worst = run > worst ? run : worst;
		if (k + 1 == len)
			break;
		const chain_task_t *b = &p->tasks[seq[k + 1]];
		double gap = b->start_s - a->end_s - p->turnaround_s;
		double in_s = S[a->end_loc * NL + D], out_s = S[D * NL + b->start_loc];
		int via = p->depot_return_s > 0 && gap > p->depot_return_s &&
			  gap - in_s - out_s >= p->break_s;
		double d1 = via ? in_s : S[a->end_loc * NL + b->start_loc], d2 = via ? out_s : 0;
		*gap_m += via ? in->met[a->end_loc * NL + D] + in->met[D * NL + b->start_loc]
			      : in->met[a->end_loc * NL + b->start_loc];
		total += d1 + d2;
		double stay = gap - d1 - d2;
		if (via && B->split_min_s > 0 && stay >= B->split_min_s - 1e-9)
			split = fmax(split, fmin(stay, B->split_max_s));
		run += d1;
		worst = run > worst ? run : worst;
		if (gap - d1 - d2 >= p->break_s)
			run = 0;
		run += d2;
		worst = run > worst ? run : worst;
	}
	run += S[l->end_loc * NL + D];
	total += S[l->end_loc * NL + D];
	worst = run > worst ? run : worst;
	if (B->max_span_s > 0 && shift > B->max_span_s + 1e-9)
		return 0;
	shift -= split;
	return (B->max_shift_s <= 0 || shift <= B->max_shift_s + 1e-9) &&
	       (B->max_drive_s <= 0 || total <= B->max_drive_s + 1e-9) &&
	       (p->block_s <= 0 || worst <= p->block_s + 1e-9);
}

/* The task-bus cost of task i on bus b (0 without costs). */
static double tbc_of(const inst_t *in, int i, int b)
{
	return in->p.task_bus_cost ? in->p.task_bus_cost[i * in->p.n_buses + b] : 0;
}

/* The weight of the pairs split: the first task done (bus[a] >= 0, -1:
 * uncovered) and the second not on its bus; 0 without pairs. */
static double apart_of(const inst_t *in, const int *bus)
{
	double w = 0;
	for (int k = 0; in->p.pairs && k < in->p.n_pairs; k++) {
		const chain_pair_t *q = &in->p.pairs[k];
		if (bus[q->a] >= 0 && bus[q->b] != bus[q->a])
			w += q->w;
	}
	return w;
}

/* The tiers after the buses in one figure: the task-bus cost times 1000
 * plus the pairs split (both whole numbers here, the pairs' at most 9). */
#define PAIR_TIER 1000

/* Checks one sequence of tasks (in the given order) for a bus (or none);
 * returns 1 when feasible and adds its metres and km cost. */
static int seq_ok(const inst_t *in, const int *seq, int len, int bus, double *m, double *cost)
{
	const chain_problem_t *p = &in->p;
	double mm = 0;
	for (int k = 0; k + 1 < len; k++) {
		const chain_task_t *a = &p->tasks[seq[k]], *b = &p->tasks[seq[k + 1]];
		if (a->end_s + p->turnaround_s + in->sec[a->end_loc * NL + b->start_loc] >
		    b->start_s + 1e-9)
			return 0;
		mm += in->met[a->end_loc * NL + b->start_loc];
	}
	double cpk = 1;
	if (bus >= 0 && len > 0) {
		const chain_bus_t *B = &p->buses[bus];
		for (int k = 0; k < len; k++)
			if (p->tasks[seq[k]].min_seats > B->seats)
				return 0;
		const chain_task_t *f = &p->tasks[seq[0]], *l = &p->tasks[seq[len - 1]];
		if (f->start_s - in->sec[B->depot_loc * NL + f->start_loc] < B->avail_from_s - 1e-9)
			return 0;
		if (l->end_s + in->sec[l->end_loc * NL + B->depot_loc] > B->avail_to_s + 1e-9)
			return 0;
		mm += in->met[B->depot_loc * NL + f->start_loc] +
		      in->met[l->end_loc * NL + B->depot_loc];
		if (p->block_s > 0) { /* the gaps' metres as the rules route them */
			double gm;
			if (!hours_ok(in, seq, len, bus, &gm))
				return 0;
			for (int k = 0; k + 1 < len; k++)
				gm -= in->met[p->tasks[seq[k]].end_loc * NL +
					      p->tasks[seq[k + 1]].start_loc];
			mm += gm;
		}
		cpk = B->cost_per_km;
	}
	*m += mm;
	*cost += mm / 1000 * cpk;
	return 1;
}

static void sort_by_start(const inst_t *in, int *seq, int len)
{
	for (int a = 1; a < len; a++)
		for (int b = a; b > 0 && in->t[seq[b]].start_s < in->t[seq[b - 1]].start_s; b--) {
			int x = seq[b];
			seq[b] = seq[b - 1];
			seq[b - 1] = x;
		}
}

/* What the tasks left uncovered (bus[i] < 0) weigh, recomputed: each its
 * weight (0 counts as 1), each leg once more when either of its tasks is
 * left. Without weights and legs: the number of tasks left. */
static int loss_of(const inst_t *in, const int *bus)
{
	int w = 0;
	for (int i = 0; i < in->p.n_tasks; i++)
		if (bus[i] < 0)
			w += in->t[i].weight > 0 ? in->t[i].weight : 1;
	for (int k = 0; in->p.legs && k < in->p.n_legs; k++)
		if (bus[in->p.legs[k].a] < 0 || bus[in->p.legs[k].b] < 0)
			w += (int)in->p.legs[k].w;
	return w;
}

/* Brute force over all assignments of tasks to groups. Unlimited: groups are
 * chains (labels 0..n-1 in restricted-growth form); buses: label = bus or
 * uncovered. Returns the best (uncovered, buses, task-bus cost and pairs
 * split (PAIR_TIER), km cost). */
static void brute(const inst_t *in, int *best_unc, int *best_buses, double *best_pref,
		  double *best_cost)
{
	int n = in->p.n_tasks, nb = in->p.n_buses, lab[NT_MAX];
	int with_buses = in->p.buses != NULL;
	int base = with_buses ? nb + 1 : n;
	long total = 1;
	for (int i = 0; i < n; i++)
		total *= base;
	*best_unc = 1 << 30;
	*best_buses = n + 1;
	*best_cost = INFINITY;
	*best_pref = INFINITY;
	for (long code = 0; code < total; code++) {
		long c = code;
		for (int i = 0; i < n; i++) {
			lab[i] = (int)(c % base);
			c /= base;
		}
		int unc = 0, buses = 0, ok = 1;
		double m = 0, cost = 0, pref = 0;
		for (int g = 0; g < base && ok; g++) {
			int seq[NT_MAX], len = 0;
			for (int i = 0; i < n; i++)
				if (lab[i] == g)
					seq[len++] = i;
			if (with_buses && g == nb) {
				unc = len;
				continue;
			}
			if (len == 0)
				continue;
			sort_by_start(in, seq, len);
			buses++;
			for (int k = 0; k < len && with_buses; k++)
				pref += tbc_of(in, seq[k], g);
			ok = seq_ok(in, seq, len, with_buses ? g : -1, &m, &cost);
		}
		if (!ok)
			continue;
		int bus[NT_MAX];
		for (int i = 0; i < n; i++)
			bus[i] = lab[i] == nb ? -1 : lab[i];
		if (with_buses)
			unc = loss_of(in, bus);
		pref = pref * PAIR_TIER + (with_buses ? apart_of(in, bus) : 0);
		double obj = with_buses ? cost : m;
		int same = unc == *best_unc && buses == *best_buses;
		if (unc < *best_unc || (unc == *best_unc && buses < *best_buses) ||
		    (same && pref < *best_pref - 1e-9) ||
		    (same && fabs(pref - *best_pref) <= 1e-9 && obj < *best_cost - 1e-9)) {
			*best_unc = unc;
			*best_buses = buses;
			*best_pref = pref;
			*best_cost = obj;
		}
	}
}

/* Independent check of a solution; returns its km cost (or metres when
 * unlimited) and fills uncovered/buses, or -1 when something is wrong. */
static double verify(const inst_t *in, const chain_solution_t *s, int *unc, int *buses,
		     double *pref)
{
	int n = in->p.n_tasks, seen[NT_MAX] = {0}, used_bus[NB_MAX] = {0}, bus[NT_MAX];
	double m = 0, cost = 0;
	*pref = 0;
	for (int i = 0; i < n; i++)
		bus[i] = -1;
	int with_buses = in->p.buses != NULL;
	for (int d = 0; d < s->n_duties; d++) {
		const chain_duty_t *du = &s->duties[d];
		if (du->n_tasks <= 0)
			return -1;
		if (with_buses) {
			if (du->bus < 0 || du->bus >= in->p.n_buses || used_bus[du->bus]++)
				return -1;
		}
		for (int k = 0; k < du->n_tasks; k++) {
			if (du->tasks[k] < 0 || du->tasks[k] >= n || seen[du->tasks[k]]++)
				return -1;
			if (with_buses)
				*pref += tbc_of(in, du->tasks[k], du->bus);
			bus[du->tasks[k]] = du->bus;
		}
		double dm = 0, dc = 0;
		if (!seq_ok(in, du->tasks, du->n_tasks, with_buses ? du->bus : -1, &dm, &dc))
			return -1;
		if (fabs(dm - du->deadhead_m) > 1e-6)
			return -1;
		m += dm;
		cost += dc;
	}
	for (int k = 0; k < s->n_uncovered; k++) {
		int t = s->uncovered[k];
		if (t < 0 || t >= n || seen[t]++)
			return -1;
	}
	for (int i = 0; i < n; i++)
		if (seen[i] != 1)
			return -1;
	if (fabs(m - s->deadhead_m) > 1e-6)
		return -1;
	*pref = *pref * PAIR_TIER + (with_buses ? apart_of(in, bus) : 0);
	*unc = with_buses ? loss_of(in, bus) : s->n_uncovered;
	*buses = s->n_duties;
	return with_buses ? cost : m;
}

/* chain_solve on in (max_work as given, 0: none; 20 s; start as o.start)
 * into *s, checked by verify (a broken rule fails iteration it); returns
 * verify's cost. */
static double solve_from(inst_t *in, double max_work, const chain_solution_t *start, int it,
			 chain_solution_t *s, int *su, int *sb, double *sp)
{
	chain_opts_t o;
	chain_opts_init(&o);
	o.time_limit_s = 20;
	o.max_work = max_work;
	o.start = start;
	sr_error_t e;
	CHECK_OK(chain_solve(&in->p, &o, s, &e), &e);
	double sc = verify(in, s, su, sb, sp);
	CHECK_MSG(sc >= 0, "iteration %d: solution breaks a rule", it);
	return sc;
}

static double solve_verified(inst_t *in, double max_work, int it, chain_solution_t *s, int *su,
			     int *sb, double *sp)
{
	return solve_from(in, max_work, NULL, it, s, su, sb, sp);
}

/* A copy of in in *out, its problem pointing at the copy's arrays. */
static void copy_inst(const inst_t *in, inst_t *out)
{
	*out = *in;
	out->p.tasks = out->t;
	out->p.buses = in->p.buses ? out->b : NULL;
	out->p.task_bus_cost = in->p.task_bus_cost ? out->tbc : NULL;
	out->p.pairs = in->p.pairs ? out->pairs : NULL;
	out->p.legs = in->p.legs ? out->legs : NULL;
}

/* Three pairs of distinct tasks of in (n tasks) into q, weights 1 to
 * most, the first ending before the second starts where some task does
 * (as a run to a session and the run home). */
static void random_pairs(const inst_t *in, sr_rng_t *r, int n, chain_pair_t *q, int most)
{
	for (int k = 0; k < 3; k++) {
		int a, b, tries = 0;
		do {
			a = (int)sr_rng_below(r, (unsigned)n);
			b = (int)sr_rng_below(r, (unsigned)n - 1);
			b += b >= a;
		} while (in->t[a].end_s >= in->t[b].start_s && ++tries < 20);
		q[k] = (chain_pair_t){a, b, 1 + (double)sr_rng_below(r, (unsigned)most)};
	}
}

/* Mode 6: three pairs of tasks one bus should do, weights 1 to 3. */
static void add_pairs(inst_t *in, sr_rng_t *r, int n)
{
	random_pairs(in, r, n, in->pairs, 3);
	in->p.n_pairs = 3;
	in->p.pairs = in->pairs;
}

/* Mode 7: each task's weight (children: 1 to 30) and three legs of round
 * trips, weights 1 to 20. */
static void add_legs(inst_t *in, sr_rng_t *r, int n)
{
	for (int i = 0; i < n; i++)
		in->t[i].weight = 1 + (int)sr_rng_below(r, 30);
	random_pairs(in, r, n, in->legs, 20);
	in->p.n_legs = 3;
	in->p.legs = in->legs;
}

/* mode 0: unlimited buses, 1: buses given, 2: buses given and the
 * drivers' rules, 3: buses given and task-bus costs (0, 1 or 2 each), 4:
 * buses given, the drivers' rules and task-bus costs (the rules are rows:
 * the order buses > task-bus cost > km holds with them), 5: the drivers'
 * rules with split shifts (the working time's lazy rows, buses.c), 6:
 * task-bus costs (0 or 1) and pairs of tasks one bus should do (weight 1
 * to 3; the order buses > task-bus cost > pairs > km; no drivers' rules,
 * which leave the pairs too few ways to meet), 7: one bus, the tasks
 * weighted and legs of round trips (what the uncovered tasks weigh, loss_of,
 * before the buses); alike:
 * the buses are copies of the first (one class, one commodity of the
 * program, its rules cut lazily along the duties' paths) */
static void test_random_equals_brute_force(int mode, int alike)
{
	sr_rng_t r;
	int with_buses = mode > 0, rules = mode == 2 || (mode >= 4 && mode != 6);
	int split_binding = 0; /* instances where the split shifts change it */
	sr_rng_seed(&r, (unsigned)(5 + 6 * mode + 100 * alike));
	int binding = 0;      /* instances where the drivers' rules change the best */
	int pair_binding = 0; /* instances where the pairs change it */
	int leg_binding = 0;  /* instances where the weights and legs change what is left */
	for (int it = 0; it < 40; it++) {
		inst_t in;
		int n = 3 + (int)sr_rng_below(&r, with_buses ? 5 : 4); /* <= 8 or 6 */
		make_inst(&in, &r, n, mode == 7 ? 1 : NB_MAX,
			  mode == 5   ? 3
			  : mode == 6 ? 1
			  : rules     ? 2
				      : with_buses);
		for (int b = 1; alike && b < NB_MAX; b++)
			in.b[b] = in.b[0];
		if (mode >= 3) {
			for (int k = 0; k < n * NB_MAX; k++)
				in.tbc[k] = mode == 6 ? sr_rng_below(&r, 4) == 0
						      : (double)sr_rng_below(&r, 3);
			in.p.task_bus_cost = in.tbc;
		}
		if (mode == 6)
			add_pairs(&in, &r, n);
		if (mode == 7)
			add_legs(&in, &r, n);
		int bu, bb;
		double bc, bp;
		brute(&in, &bu, &bb, &bp, &bc);
		if (mode == 7) { /* solved counting tasks, weighed as in: worse? */
			inst_t no;
			copy_inst(&in, &no);
			no.p.legs = NULL;
			for (int i = 0; i < n; i++)
				no.t[i].weight = 0;
			chain_solution_t s0;
			int u0, b0;
			double p0;
			solve_verified(&no, 0, it, &s0, &u0, &b0, &p0);
			if (verify(&in, &s0, &u0, &b0, &p0) >= 0 && u0 > bu)
				leg_binding++;
			chain_solution_free(&s0);
		}
		if (mode == 6) { /* the same without the pairs */
			inst_t no;
			int nu, nbb;
			double nc, np;
			copy_inst(&in, &no);
			no.p.pairs = NULL;
			brute(&no, &nu, &nbb, &np, &nc);
			pair_binding += fabs(nc - bc) > 1e-6;
		}
		if (rules) {
			inst_t free_in;
			int fu, fb;
			double fc, fp;
			copy_inst(&in, &free_in);
			free_in.p.block_s = free_in.p.depot_return_s = 0;
			for (int b = 0; b < NB_MAX; b++)
				free_in.b[b].max_shift_s = free_in.b[b].max_drive_s = 0;
			brute(&free_in, &fu, &fb, &fp, &fc);
			binding += fu != bu || fb != bb || fabs(fp - bp) > 1e-9 ||
				   fabs(fc - bc) > 1e-6;
		}
		if (mode == 5) { /* the same without split shifts */
			inst_t no;
			int nu, nbb;
			double nc, np;
			copy_inst(&in, &no);
			for (int b = 0; b < NB_MAX; b++)
				no.b[b].split_min_s = no.b[b].max_span_s = 0;
			brute(&no, &nu, &nbb, &np, &nc);
			split_binding += nu != bu || nbb != bb || fabs(nc - bc) > 1e-6;
		}
		chain_solution_t s;
		int su = -1, sb = -1;
		double sp = 0, sc = solve_verified(&in, 0, it, &s, &su, &sb, &sp);
		CHECK_MSG(su == bu && sb == bb,
			  "iteration %d: solver %d unc %d buses, brute %d unc %d buses", it, su, sb,
			  bu, bb);
		CHECK_MSG(fabs(sp - bp) <= 1e-9, "iteration %d: task-bus cost %g vs brute %g", it,
			  sp, bp);
		CHECK_MSG(fabs(sc - bc) <= 1e-6 * (1 + bc), "iteration %d: cost %.6f vs brute %.6f",
			  it, sc, bc);
		CHECK(s.optimal == 1);
		if (!with_buses)
			CHECK(s.bus_lower_bound == sb);
		else
			CHECK(s.bus_lower_bound <= sb);
		chain_solution_free(&s);
	}
	if (rules)
		CHECK_MSG(binding >= 10, "the drivers' rules change only %d of 40 instances",
			  binding);
	if (mode == 5)
		CHECK_MSG(split_binding >= (alike ? 1 : 5),
			  "split shifts change only %d of 40 instances", split_binding);
	if (mode == 6)
		CHECK_MSG(pair_binding >= (alike ? 2 : 5),
			  "the pairs change the km in only %d of 40 instances", pair_binding);
	if (mode == 7)
		CHECK_MSG(leg_binding >= 3,
			  "the weights and legs change what is left in only %d of 40", leg_binding);
}

/* The root LP by sifting (chain_opts_t sift = 1, src/chain/sift.c) on
 * random instances of modes 1 to 7 (test_random_equals_brute_force), the
 * program solved whole (sift = -1) the independent computation: the same
 * root LP optimum and duties of the same uncovered tasks, buses,
 * task-bus costs and pairs, and km, each checked by verify; neither
 * better than brute force, and equal to it. The restricted
 * LP starts from one arc in and out of each task and bus, so on many
 * instances the pricing brings arcs in (more than one round). */
static void test_sifted_equals_whole(int mode)
{
	sr_rng_t r;
	sr_rng_seed(&r, (unsigned)(300 + mode));
	int priced = 0;
	for (int it = 0; it < 30; it++) {
		inst_t in;
		int n = 3 + (int)sr_rng_below(&r, 6);
		make_inst(&in, &r, n, NB_MAX, mode == 5 ? 3 : mode == 2 || mode == 4 ? 2 : 1);
		for (int k = 0; k < n * NB_MAX && mode >= 3; k++)
			in.tbc[k] = (double)sr_rng_below(&r, 3);
		in.p.task_bus_cost = mode >= 3 ? in.tbc : NULL;
		if (mode == 6)
			add_pairs(&in, &r, n);
		if (mode == 7)
			add_legs(&in, &r, n);
		int bu, bb, u[2], b[2];
		double bc, bp, c[2], pr[2], lp[2];
		brute(&in, &bu, &bb, &bp, &bc);
		for (int pass = 0; pass < 2; pass++) {
			chain_opts_t o;
			chain_opts_init(&o);
			o.time_limit_s = 20;
			o.sift = pass ? 1 : -1;
			chain_solution_t s;
			sr_error_t e;
			CHECK_OK(chain_solve(&in.p, &o, &s, &e), &e);
			c[pass] = verify(&in, &s, &u[pass], &b[pass], &pr[pass]);
			lp[pass] = s.root_lp;
			CHECK(pass || s.sift_rounds == 0);
			priced += s.sift_rounds > 1;
			CHECK(s.optimal == 1);
			chain_solution_free(&s);
			CHECK_MSG(c[pass] >= 0, "mode %d iteration %d: a broken duty", mode, it);
		}
		CHECK_MSG(u[0] == u[1] && b[0] == b[1] && fabs(pr[0] - pr[1]) <= 1e-9 &&
				  fabs(c[0] - c[1]) <= 1e-6 * (1 + c[0]) && isfinite(lp[0]) &&
				  fabs(lp[0] - lp[1]) <= 1e-9 * (1 + fabs(lp[0])),
			  "mode %d iteration %d: whole %d unc, %d buses, %g, %.3f, LP %.6f; sifted "
			  "%d, %d, %g, %.3f, LP %.6f",
			  mode, it, u[0], b[0], pr[0], c[0], lp[0], u[1], b[1], pr[1], c[1], lp[1]);
		int better = u[1] < bu || (u[1] == bu && b[1] < bb) ||
			     (u[1] == bu && b[1] == bb && pr[1] < bp - 1e-9);
		int same = u[1] == bu && b[1] == bb && fabs(pr[1] - bp) <= 1e-9 &&
			   fabs(c[1] - bc) <= 1e-6 * (1 + bc);
		CHECK_MSG(
			!better && same,
			"mode %d iteration %d: %d unc, %d buses, %g, %.3f; brute %d, %d, %g, %.3f",
			mode, it, u[1], b[1], pr[1], c[1], bu, bb, bp, bc);
	}
	CHECK_MSG(priced >= 5, "mode %d: the pricing brought arcs in on %d of 30", mode, priced);
}

/* With its work spent before the branch and bound begins (max_work 1),
 * a chaining on given buses still returns its greedy first solution: duties
 * that keep every rule (verify) and, nearly always, every task a bus can
 * do covered (brute force), never a plan of nothing. */
static void test_spent_budget_keeps_the_first_solution(int mode)
{
	sr_rng_t r;
	sr_rng_seed(&r, (unsigned)(77 + mode));
	int full = 0, cases = 0;
	for (int it = 0; it < 40; it++) {
		inst_t in;
		int n = 3 + (int)sr_rng_below(&r, 6);
		make_inst(&in, &r, n, NB_MAX, mode);
		int bu, bb;
		double bc, bp;
		brute(&in, &bu, &bb, &bp, &bc);
		if (bu == n)
			continue;
		cases++;
		chain_solution_t s;
		int su = -1, sb = -1;
		double sp = 0;
		solve_verified(&in, 1, it, &s, &su, &sb, &sp);
		CHECK_MSG(su >= bu, "iteration %d: %d uncovered, brute force %d", it, su, bu);
		full += su == bu;
		chain_solution_free(&s);
	}
	CHECK_MSG(full * 10 >= cases * 6,
		  "mode %d: the first solution covers what a bus can in only %d of %d", mode, full,
		  cases);
}

/* A start (chain_opts start: the duties a pattern has when week.c chains
 * it again) is where the search begins: with no work left for the branch
 * and bound, starting from the optimum (solved whole, as brute force
 * checks above) ends at the optimum's buses, task-bus cost and km, where
 * the greedy first solution alone does not always (4 of these 40); a start that is not a
 * solution of the problem (a bus out of range, a task twice) is ignored. */
static void test_start_is_kept(int mode)
{
	sr_rng_t r;
	sr_rng_seed(&r, (unsigned)(911 + mode));
	int worse_alone = 0;
	for (int it = 0; it < 40; it++) {
		inst_t in;
		int n = 3 + (int)sr_rng_below(&r, 6);
		make_inst(&in, &r, n, NB_MAX, mode);
		for (int k = 0; k < n * NB_MAX; k++)
			in.tbc[k] = (double)sr_rng_below(&r, 3);
		in.p.task_bus_cost = in.tbc;
		chain_solution_t best, s, g;
		int bu, bb, su, sb, gu, gb;
		double bp, sp, gp, bc = solve_verified(&in, 0, it, &best, &bu, &bb, &bp);
		double sc = solve_from(&in, 1, &best, it, &s, &su, &sb, &sp);
		CHECK_MSG(su == bu && sb == bb && fabs(sp - bp) <= 1e-9 &&
				  fabs(sc - bc) <= 1e-6 * (1 + bc),
			  "iteration %d: from the optimum (%d unc, %d buses, %g, %.3f) it ends "
			  "at %d unc, %d buses, %g, %.3f",
			  it, bu, bb, bp, bc, su, sb, sp, sc);
		double gc = solve_from(&in, 1, NULL, it, &g, &gu, &gb, &gp);
		worse_alone += gu != bu || gb != bb || fabs(gp - bp) > 1e-9 ||
			       fabs(gc - bc) > 1e-6 * (1 + bc);
		chain_solution_free(&s);
		if (best.n_duties > 0) { /* broken: the first duty's bus is out of range */
			best.duties[0].bus = NB_MAX;
			double xc = solve_from(&in, 1, &best, it, &s, &su, &sb, &sp);
			CHECK_MSG(su == gu && sb == gb && fabs(sp - gp) <= 1e-9 &&
					  fabs(xc - gc) <= 1e-6 * (1 + gc),
				  "iteration %d: a broken start is not ignored", it);
			chain_solution_free(&s);
		}
		chain_solution_free(&g);
		chain_solution_free(&best);
	}
	CHECK_MSG(worse_alone >= 3, "mode %d: the greedy start alone is worse in only %d of 40",
		  mode, worse_alone);
}

/* A search cut short (one node, one round of the drivers' cuts, so that
 * duties breaking a rule are cut back) never leaves a task without a bus
 * while a bus that could do it alone (seq_ok, hours_ok: every rule)
 * stands idle. */
static void test_cut_search_leaves_no_bus_idle(int mode)
{
	sr_rng_t r;
	sr_rng_seed(&r, (unsigned)(301 + mode));
	int left = 0;
	for (int it = 0; it < 60; it++) {
		inst_t in;
		int n = 4 + (int)sr_rng_below(&r, 5);
		make_inst(&in, &r, n, NB_MAX, mode);
		chain_opts_t o;
		chain_opts_init(&o);
		o.time_limit_s = 20;
		o.max_nodes = 1;
		o.max_rounds = 1;
		chain_solution_t s;
		sr_error_t e;
		int su, sb;
		double sp;
		CHECK_OK(chain_solve(&in.p, &o, &s, &e), &e);
		CHECK_MSG(verify(&in, &s, &su, &sb, &sp) >= 0, "iteration %d: a rule broken", it);
		int busy[NB_MAX] = {0};
		for (int d = 0; d < s.n_duties; d++)
			busy[s.duties[d].bus] = 1;
		for (int u = 0; u < s.n_uncovered; u++)
			for (int b = 0; b < NB_MAX; b++) {
				double m = 0, c = 0, gm;
				int j = s.uncovered[u];
				CHECK_MSG(
					busy[b] || !seq_ok(&in, &j, 1, b, &m, &c) ||
						!hours_ok(&in, &j, 1, b, &gm),
					"iteration %d: task %d uncovered, bus %d idle could do it",
					it, j, b);
			}
		left += s.n_uncovered;
		chain_solution_free(&s);
	}
	CHECK_MSG(left > 0, "mode %d: no task left uncovered in 60 instances: a test of nothing",
		  mode);
}

static void test_chain_of_three_needs_one_bus(void)
{
	/* three back-to-back runs at one place: one bus, no metres */
	chain_task_t t[3] = {{.start_s = 0, .end_s = 10, .min_seats = 1},
			     {.start_s = 10, .end_s = 20, .min_seats = 1},
			     {.start_s = 20, .end_s = 30, .min_seats = 1}};
	double z = 0;
	chain_problem_t p = {
		.tasks = t, .n_tasks = 3, .n_locs = 1, .dh_seconds = &z, .dh_meters = &z};
	chain_solution_t s;
	sr_error_t e;
	CHECK_OK(chain_solve(&p, NULL, &s, &e), &e);
	CHECK(s.n_duties == 1);
	CHECK(s.n_duties == 1 && s.duties[0].n_tasks == 3 && s.duties[0].tasks[0] == 0 &&
	      s.duties[0].tasks[2] == 2);
	chain_solution_free(&s);
	/* with a turnaround of 1 s only the first and the third chain */
	p.turnaround_s = 1;
	CHECK_OK(chain_solve(&p, NULL, &s, &e), &e);
	CHECK(s.n_duties == 2);
	chain_solution_free(&s);
}

static void test_task_no_bus_can_do_is_uncovered(void)
{
	chain_task_t t[2] = {{.start_s = 100, .end_s = 200, .min_seats = 50},
			     {.start_s = 300, .end_s = 400, .min_seats = 10}};
	chain_bus_t b = {.seats = 20, .avail_to_s = 1000, .cost_per_km = 1};
	double z = 0;
	chain_problem_t p = {.tasks = t,
			     .n_tasks = 2,
			     .buses = &b,
			     .n_buses = 1,
			     .n_locs = 1,
			     .dh_seconds = &z,
			     .dh_meters = &z};
	chain_solution_t s;
	sr_error_t e;
	CHECK_OK(chain_solve(&p, NULL, &s, &e), &e);
	CHECK(s.n_uncovered == 1 && s.uncovered[0] == 0);
	CHECK(s.n_duties == 1 && s.duties[0].n_tasks == 1 && s.duties[0].tasks[0] == 1);
	chain_solution_free(&s);
}

static void test_bad_input_is_rejected(void)
{
	chain_task_t t[1] = {{.start_s = 100, .end_s = 50, .min_seats = 1}};
	double z = 0;
	chain_problem_t p = {.tasks = t, .n_tasks = 1, .n_locs = 1, .dh_seconds = &z};
	chain_solution_t s;
	sr_error_t e;
	CHECK(chain_solve(&p, NULL, &s, &e) == SR_EINPUT);
	t[0].end_s = 150;
	t[0].end_loc = 3;
	CHECK(chain_solve(&p, NULL, &s, &e) == SR_EINPUT);
	/* a negative task-bus cost */
	chain_task_t u[1] = {{.start_s = 100, .end_s = 150, .min_seats = 1}};
	chain_bus_t b = {.seats = 20, .avail_to_s = 1000, .cost_per_km = 1};
	double minus = -1;
	chain_problem_t q = {.tasks = u,
			     .n_tasks = 1,
			     .buses = &b,
			     .n_buses = 1,
			     .n_locs = 1,
			     .dh_seconds = &z,
			     .task_bus_cost = &minus};
	CHECK(chain_solve(&q, NULL, &s, &e) == SR_EINPUT);
}

/* Split shifts: three tasks at the depot at 7-8, 12-13 and 18-19 h; the
 * day 7-19 is 12 h, its longest stay at the depot 5 h (13-18). Every two
 * tasks fit a 6.5 h working day (A and C: 12 h less 6 h of a 10 h stay),
 * all three do not (12 - 5 = 7 h), though the span fits the day-length
 * rows (6.5 + 6 h): only the working time's lazy row keeps the bus from
 * doing all three. With 7 h it does them all. */
static void test_split_shift_needs_its_break(void)
{
	const double h = 3600;
	chain_task_t t[3] = {{.start_s = 7 * h, .end_s = 8 * h, .min_seats = 1},
			     {.start_s = 12 * h, .end_s = 13 * h, .min_seats = 1},
			     {.start_s = 18 * h, .end_s = 19 * h, .min_seats = 1}};
	chain_bus_t b = {.seats = 20,
			 .avail_to_s = 24 * h,
			 .cost_per_km = 1,
			 .max_shift_s = 6.5 * h,
			 .split_min_s = 2 * h,
			 .split_max_s = 6 * h};
	double z = 0;
	chain_problem_t p = {.tasks = t,
			     .n_tasks = 3,
			     .buses = &b,
			     .n_buses = 1,
			     .n_locs = 1,
			     .dh_seconds = &z,
			     .dh_meters = &z,
			     .depot_return_s = 60,
			     .break_s = 1800};
	chain_solution_t s;
	chain_day_t d;
	sr_error_t e;
	CHECK_OK(chain_solve(&p, NULL, &s, &e), &e);
	CHECK(s.n_uncovered == 1 && s.optimal && s.n_duties == 1);
	CHECK(s.n_duties == 1 && chain_day(&p, 0, s.duties[0].tasks, s.duties[0].n_tasks, &d) &&
	      d.work_s <= 6.5 * h && d.split_s >= 4 * h);
	chain_solution_free(&s);
	int all[3] = {0, 1, 2};
	CHECK(!chain_day(&p, 0, all, 3, &d) && d.split_s == 5 * h && d.work_s == 7 * h &&
	      d.split_gap == 1);
	b.max_shift_s = 7 * h;
	CHECK_OK(chain_solve(&p, NULL, &s, &e), &e);
	CHECK(s.n_uncovered == 0 && s.n_duties == 1 && s.optimal);
	chain_solution_free(&s);
	/* no split shift: 12 h is too long for 7 h */
	b.split_min_s = 0;
	CHECK_OK(chain_solve(&p, NULL, &s, &e), &e);
	CHECK(s.n_uncovered == 1);
	chain_solution_free(&s);
	/* a 11 h span limit: 7-19 is too long whatever the breaks */
	b.split_min_s = 2 * h;
	b.max_span_s = 11 * h;
	CHECK_OK(chain_solve(&p, NULL, &s, &e), &e);
	CHECK(s.n_uncovered == 1);
	chain_solution_free(&s);
}

/* Kilometres dear enough (cost_per_km 1e7) that the objective's weights
 * take the tight bound of a solution's km (buses.c, km_bound), and each
 * instance chained twice with one store of bases (chain_bases_t): with
 * task-bus costs, then with others on the same program, as week.c does;
 * the second solve starts from the first one's root basis. Both equal
 * brute force, and the second equals a solve without the store. */
static void test_bases_and_tight_weights(void)
{
	sr_rng_t r;
	sr_rng_seed(&r, 4242);
	for (int it = 0; it < 40; it++) {
		inst_t in;
		int n = 3 + (int)sr_rng_below(&r, 6);
		make_inst(&in, &r, n, NB_MAX, 2);
		for (int b = 0; b < NB_MAX; b++)
			in.b[b].cost_per_km *= 1e7;
		in.p.task_bus_cost = in.tbc;
		chain_bases_t *store = chain_bases_new();
		for (int pass = 0; pass < 2; pass++) {
			for (int k = 0; k < n * NB_MAX; k++)
				in.tbc[k] = (double)sr_rng_below(&r, 3);
			int bu, bb, su, sb, fu, fb;
			double bc, bp, sp, fp;
			brute(&in, &bu, &bb, &bp, &bc);
			chain_opts_t o;
			chain_opts_init(&o);
			o.time_limit_s = 20;
			o.bases = store;
			chain_solution_t s, f;
			sr_error_t e;
			CHECK_OK(chain_solve(&in.p, &o, &s, &e), &e);
			double sc = verify(&in, &s, &su, &sb, &sp);
			double fc = solve_verified(&in, 0, it, &f, &fu, &fb, &fp);
			CHECK_MSG(
				sc >= 0 && su == bu && sb == bb && fabs(sp - bp) <= 1e-9 &&
					fabs(sc - bc) <= 1e-6 * (1 + bc),
				"iteration %d pass %d: with the store %d unc, %d buses, %g, %.1f; "
				"brute %d, %d, %g, %.1f",
				it, pass, su, sb, sp, sc, bu, bb, bp, bc);
			CHECK_MSG(fu == su && fb == sb && fabs(fp - sp) <= 1e-9 &&
					  fabs(fc - sc) <= 1e-6 * (1 + sc),
				  "iteration %d pass %d: the store changes the result", it, pass);
			CHECK(s.optimal == 1);
			chain_solution_free(&s);
			chain_solution_free(&f);
		}
		chain_bases_free(store);
	}
}

int main(void)
{
	test_split_shift_needs_its_break();
	test_chain_of_three_needs_one_bus();
	test_task_no_bus_can_do_is_uncovered();
	test_bad_input_is_rejected();
	test_random_equals_brute_force(0, 0);
	test_random_equals_brute_force(1, 0);
	test_random_equals_brute_force(2, 0); /* with the drivers' working time */
	test_random_equals_brute_force(3, 0); /* with task-bus costs */
	test_random_equals_brute_force(4, 0); /* with both */
	test_random_equals_brute_force(5, 0); /* with split shifts */
	test_random_equals_brute_force(6, 0); /* with pairs of tasks */
	test_random_equals_brute_force(6, 1);
	test_random_equals_brute_force(7, 0); /* with weights and legs */
	test_random_equals_brute_force(1, 1); /* alike buses: one class */
	test_random_equals_brute_force(2, 1);
	test_random_equals_brute_force(5, 1);
	for (int mode = 1; mode <= 7; mode++)
		test_sifted_equals_whole(mode);
	test_start_is_kept(2); /* with the drivers' rules */
	test_bases_and_tight_weights();
	test_spent_budget_keeps_the_first_solution(1);
	test_spent_budget_keeps_the_first_solution(2); /* with the drivers' rules */
	test_spent_budget_keeps_the_first_solution(3); /* with split shifts */
	test_cut_search_leaves_no_bus_idle(2);
	test_cut_search_leaves_no_bus_idle(3);
	return test_summary();
}
