/* buses.c - chaining tasks on given buses: multi-depot vehicle scheduling
 * (Bodin et al.; the "multi-commodity" formulation of Löbel 1998 with one
 * commodity per bus), with the drivers' working time (day.c).
 *
 * For each bus b: start arcs depot->j, connection arcs i->j and end arcs
 * i->depot, flow conservation per task and bus, at most one start per bus,
 * each task covered once or marked uncovered (at its weight: a run of 31
 * children left weighs 31 of 10). Arcs exist only where seats,
 * hours and the day limits allow for the arc alone (a day of task j only,
 * or of i then j: a duty holding them is at least as long and drives at
 * least as much). A connection arc's kilometres and driving are those of
 * chain_gap (via the depot in a long gap). Objective: uncovered tasks, then
 * buses, then the optional task-bus costs (on the arcs entering a task),
 * then the optional pairs split between buses (pair_rows), then
 * kilometres weighted by cost_per_km, by weights that make the order
 * strict. The drivers' rules below are rows, not costs: they leave this
 * order as it is.
 *
 * The day limits are linear in the arcs, one row per bus each: a used bus
 * has one start arc and one end arc, so its day is (end arc's return time)
 * - (start arc's leaving time); its driving is the sum over its arcs. The
 * driving between breaks is a resource along the path, not linear: a
 * solution that breaks it gets a cut for the stretch of arcs that drives
 * too long (the sum of their variables <= their number - 1, the
 * "infeasible path" cuts of Ascheuer, Fischetti & Grötschel 2000) and the
 * program is solved again, warm-started with the solution less the broken
 * duties. A split shift's working time (the day less its longest stay at
 * the depot, day.c) is cut the same way: the day-length rows hold only the
 * span, and a duty whose working time is too long gets a row saying that
 * a day as long needs a split break as long (work_cuts). A duty still
 * broken when time runs out is cut back to the tasks it can do; the rest
 * are uncovered, unless the greedy first solution covered more (then it is
 * the result), and a bus left idle takes what it can do alone
 * (chain_cover_idle, finish).
 *
 * GLPK is reached through src/ip (ip_model_*, ip_solve).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "chain/internal.h"
#include "ip/ip.h"
#include "util/i18n.h"

static double bus_cpk(const chain_bus_t *b)
{
	return b->cost_per_km > 0 ? b->cost_per_km : 1.0;
}

/* Whether bus b can do tasks t[0..n) as a part of its day: the rules of
 * chain_day but the driving between breaks (a longer day may hold a break
 * the part lacks). */
static int part_ok(const chain_problem_t *p, int b, const int *t, int n)
{
	chain_problem_t q = *p;
	chain_day_t d;
	q.block_s = 0;
	return chain_day(&q, b, t, n, &d);
}

static void add_arc(bus_net_t *g, size_t *cap, bus_arc_t a)
{
	sr_grow(&g->arcs, cap, (size_t)g->n_arcs + 1, sizeof(bus_arc_t));
	g->arcs[g->n_arcs++] = a;
}

/* The arcs of bus b: depot -> task, task -> depot, and task -> task for
 * compatible pairs, where seats, hours and the day limits allow. A task
 * the bus cannot do alone gets no arcs: with deadheads that keep the
 * triangle inequality and tasks that take at least their own way (a
 * planned run drives its road), a bus that can reach a task after another
 * can reach it from its depot as soon, so no day of the bus holds it. */
static void bus_arcs_of(const chain_problem_t *p, int b, bus_net_t *g, size_t *cap)
{
	int n = p->n_tasks, *pos = g->pos + (size_t)b * n;
	const chain_bus_t *bus = &p->buses[b];
	double cpk = bus_cpk(bus);
	int limits = bus->max_shift_s > 0 || bus->max_drive_s > 0 || bus->max_span_s > 0;
	for (int j = 0; j < n; j++)
		pos[j] = part_ok(p, b, &j, 1) ? 0 : -1;
	for (int j = 0; j < n; j++) {
		if (pos[j] < 0)
			continue;
		const chain_task_t *t = &p->tasks[j];
		pos[j] = g->n_arcs;
		double m = chain_dh_m(p, bus->depot_loc, t->start_loc);
		add_arc(g, cap,
			(bus_arc_t){b, -1, j, m / 1000.0 * cpk, m,
				    chain_dh_s(p, bus->depot_loc, t->start_loc) + t->drive_s, 0});
		m = chain_dh_m(p, t->end_loc, bus->depot_loc);
		add_arc(g, cap,
			(bus_arc_t){b, j, -1, m / 1000.0 * cpk, m,
				    chain_dh_s(p, t->end_loc, bus->depot_loc), 0});
		for (int k = 0; k < n; k++) {
			int pair[2] = {j, k};
			if (pos[k] < 0 || !chain_compatible(p, j, k) ||
			    (limits && !part_ok(p, b, pair, 2)))
				continue;
			const chain_task_t *u = &p->tasks[k];
			chain_gap_t gp;
			chain_gap(p, b, t->end_loc, t->end_s, u->start_loc, u->start_s, &gp);
			add_arc(g, cap,
				(bus_arc_t){b, j, k, gp.meters / 1000.0 * cpk, gp.meters,
					    gp.drive_s + u->drive_s, chain_split_credit(bus, &gp)});
		}
	}
}

static void bus_net_build(const chain_problem_t *p, bus_net_t *g)
{
	size_t cap = 0;
	memset(g, 0, sizeof(*g));
	g->pos = xmalloc(sizeof(int) * ((size_t)p->n_tasks * (size_t)p->n_buses + 1));
	for (int b = 0; b < p->n_buses; b++)
		bus_arcs_of(p, b, g, &cap);
}

/* The arc of bus b from task i to task j (-1: the depot), or -1. */
static int net_arc(const chain_problem_t *p, const bus_net_t *g, int b, int i, int j)
{
	const int *pos = g->pos + (size_t)b * p->n_tasks;
	if (i < 0)
		return pos[j];
	int q = pos[i];
	if (q < 0 || j < 0)
		return q < 0 ? -1 : q + 1;
	for (q += 2; q < g->n_arcs && g->arcs[q].b == b && g->arcs[q].i == i; q++)
		if (g->arcs[q].j == j)
			return q;
	return -1;
}

/* The pairs the model holds (none without p->pairs). */
static int pairs_of(const chain_problem_t *p)
{
	return p->pairs ? p->n_pairs : 0;
}

/* The legs the model holds (none without p->legs). */
static int legs_of(const chain_problem_t *p)
{
	return p->legs ? p->n_legs : 0;
}

/* The columns after the arcs' and the uncovered tasks': the pairs' z,
 * then the legs' y. */
static int tail_cols(const chain_problem_t *p)
{
	return pairs_of(p) + legs_of(p);
}

/* The pairs' variables of a first solution (warm, 1-based columns, its
 * arcs set): z_k = 1 where pair k's first task is done and its bus does
 * not do the second. */
static void pair_warm(const chain_problem_t *p, const bus_net_t *g, double *warm)
{
	int n = p->n_tasks, *bus = xmalloc(sizeof(int) * ((size_t)n + 1));
	for (int j = 0; j < n; j++)
		bus[j] = -1;
	for (int a = 0; a < g->n_arcs; a++)
		if (warm[a + 1] > 0.5 && g->arcs[a].j >= 0)
			bus[g->arcs[a].j] = g->arcs[a].b;
	for (int k = 0; k < pairs_of(p); k++) {
		const chain_pair_t *q = &p->pairs[k];
		warm[g->n_arcs + n + k + 1] = bus[q->a] >= 0 && bus[q->b] != bus[q->a];
	}
	for (int k = 0; k < legs_of(p); k++) { /* y_k = max(u_a, u_b) */
		const chain_pair_t *q = &p->legs[k];
		warm[g->n_arcs + n + pairs_of(p) + k + 1] =
			warm[g->n_arcs + q->a + 1] > 0.5 || warm[g->n_arcs + q->b + 1] > 0.5;
	}
	free(bus);
}

/* The greedy start's state: per bus its tasks (duty[b * n ..], len[b]
 * of them), per task its bus (-1: none yet), the weights. */
typedef struct greedy {
	int *duty, *len, *bus;
	double w_pref, w_pair;
} greedy_t;

/* The weight of the pairs of task j whose other task has a bus other
 * than b. */
static double greedy_apart(const chain_problem_t *p, const int *bus, int j, int b)
{
	double w = 0;
	for (int k = 0; k < pairs_of(p); k++) {
		const chain_pair_t *q = &p->pairs[k];
		int o = q->a == j ? q->b : q->b == j ? q->a : -1;
		if (o >= 0 && bus[o] >= 0 && bus[o] != b)
			w += q->w;
	}
	return w;
}

/* The cheapest bus to take task j next in the greedy start: first the
 * buses already out whose last task has an arc to j and whose whole day
 * with j keeps every rule of chain_day, then the buses not yet out; the
 * cost is the arc's km, the pairs split and the task-bus cost. Returns
 * the bus and its arc into j in *arc, or -1. */
static int greedy_bus(const chain_problem_t *p, const bus_net_t *g, greedy_t *gr, int j, int *arc)
{
	int *duty = gr->duty, *len = gr->len;
	int n = p->n_tasks, nb = p->n_buses, best = -1;
	double best_c = INFINITY;
	for (int pass = 0; pass < 2 && best < 0; pass++)
		for (int b = 0; b < nb; b++) {
			if ((len[b] > 0) != (pass == 0))
				continue;
			int *t = duty + (size_t)b * n;
			int a = net_arc(p, g, b, len[b] ? t[len[b] - 1] : -1, j);
			if (a < 0)
				continue;
			double c = g->arcs[a].cost;
			if (p->task_bus_cost)
				c += gr->w_pref * p->task_bus_cost[(size_t)j * nb + b];
			c += gr->w_pair * greedy_apart(p, gr->bus, j, b);
			chain_day_t d;
			t[len[b]] = j;
			if (c >= best_c || !chain_day(p, b, t, len[b] + 1, &d))
				continue;
			best = b;
			best_c = c;
			*arc = a;
		}
	return best;
}

/* A first solution for the branch and bound (warm, 1-based columns):
 * the tasks in start order, each on the cheapest bus that can take it
 * (greedy_bus), a new bus only when none already out can, uncovered when
 * no bus can. Its duties keep every rule, so it is feasible; the search
 * then starts from a plan that serves what a bus can, not from nothing
 * (a large fleet's program may find no integer solution of its own in
 * its nodes). */
static void greedy_warm(const chain_problem_t *p, const bus_net_t *g, double w_pref, double w_pair,
			double *warm)
{
	int n = p->n_tasks, nb = p->n_buses;
	greedy_t gr = {xmalloc(sizeof(int) * ((size_t)n * nb + 1)),
		       xcalloc((size_t)nb + 1, sizeof(int)), xmalloc(sizeof(int) * ((size_t)n + 1)),
		       w_pref, w_pair};
	int *ord = chain_order_by_start(p);
	for (int j = 0; j < n; j++)
		gr.bus[j] = -1;
	for (int k = 0; k < n; k++) {
		int j = ord[k], a = -1, b = greedy_bus(p, g, &gr, j, &a);
		if (b < 0) {
			warm[g->n_arcs + j + 1] = 1;
			continue;
		}
		gr.duty[(size_t)b * n + gr.len[b]++] = j;
		gr.bus[j] = b;
		warm[a + 1] = 1;
	}
	for (int b = 0; b < nb; b++)
		if (gr.len[b])
			warm[net_arc(p, g, b, gr.duty[(size_t)b * n + gr.len[b] - 1], -1) + 1] = 1;
	pair_warm(p, g, warm);
	free(ord);
	free(gr.len);
	free(gr.duty);
	free(gr.bus);
}

/* The columns (1-based, into warm) of the duties of start, or 0 when one
 * of them is not a duty of p: a bus twice, a task twice, an arc the
 * network lacks, or a rule of chain_day broken. */
static int start_cols(const chain_problem_t *p, const bus_net_t *g, const chain_solution_t *start,
		      double *warm)
{
	int n = p->n_tasks, nb = p->n_buses, ok = 1;
	char *seen = xcalloc((size_t)(n + nb) + 1, 1);
	memset(warm, 0, sizeof(double) * ((size_t)(g->n_arcs + n + tail_cols(p)) + 1));
	for (int k = 0; k < start->n_duties && ok; k++) {
		const chain_duty_t *d = &start->duties[k];
		chain_day_t day;
		ok = d->bus >= 0 && d->bus < nb && d->n_tasks > 0 && !seen[n + d->bus]++;
		for (int q = 0; q < d->n_tasks && ok; q++)
			ok = d->tasks[q] >= 0 && d->tasks[q] < n && !seen[d->tasks[q]]++;
		ok = ok && chain_day(p, d->bus, d->tasks, d->n_tasks, &day);
		for (int q = 0; q <= d->n_tasks && ok; q++) {
			int a = net_arc(p, g, d->bus, q ? d->tasks[q - 1] : -1,
					q < d->n_tasks ? d->tasks[q] : -1);
			ok = a >= 0;
			if (ok)
				warm[a + 1] = 1;
		}
	}
	for (int j = 0; j < n; j++)
		warm[g->n_arcs + j + 1] = !seen[j];
	if (ok)
		pair_warm(p, g, warm); /* the pairs its buses split */
	free(seen);
	return ok;
}

/* The objective of columns x[1..] of M. */
static double cols_obj(const ip_model_t *M, const double *x)
{
	double z = 0;
	for (int c = 1; c <= ip_num_cols(M); c++)
		z += x[c] * ip_get_obj(M, c);
	return z;
}

/* The first solution: the greedy one (greedy_warm), or o->start's duties
 * when they are valid and cost less. */
static void first_warm(const chain_problem_t *p, const chain_opts_t *o, const bus_net_t *g,
		       const ip_model_t *M, double w_pref, double w_pair, double *warm)
{
	size_t len = (size_t)(g->n_arcs + p->n_tasks + tail_cols(p)) + 1;
	greedy_warm(p, g, w_pref, w_pair, warm);
	if (!o->start)
		return;
	double *alt = xmalloc(sizeof(double) * len);
	if (start_cols(p, g, o->start, alt) && cols_obj(M, alt) < cols_obj(M, warm))
		memcpy(warm, alt, sizeof(double) * len);
	free(alt);
}

/* The MIP: rows cover (n), conservation (nb*n), one start per bus (nb);
 * columns the arcs (1..n_arcs), then "task j uncovered". */
static ip_model_t *bus_model(const chain_problem_t *p, const bus_arc_t *arcs, int n_arcs,
			     double w_pref, double w_bus, double w_unc)
{
	int n = p->n_tasks, nb = p->n_buses;
	ip_model_t *M = ip_model_new(IP_MIN);
	int row_cover = 1, row_cons = n + 1, row_start = n + nb * n + 1;
	ip_add_rows(M, n, 1, 1);
	ip_add_rows(M, nb * n, 0, 0);
	ip_add_rows(M, nb, -INFINITY, 1);
	for (int a = 0; a < n_arcs; a++) {
		int ind[4], k = 0;
		double val[4];
		const bus_arc_t *ar = &arcs[a];
		int b = ar->b;
		double c = ar->cost;
		if (ar->j >= 0) { /* enters task j: covers it, inflow */
			if (p->task_bus_cost)
				c += w_pref * p->task_bus_cost[(size_t)ar->j * nb + b];
			ind[k] = row_cover + ar->j;
			val[k++] = 1;
			ind[k] = row_cons + b * n + ar->j;
			val[k++] = 1;
		}
		if (ar->i >= 0) { /* leaves task i: outflow */
			ind[k] = row_cons + b * n + ar->i;
			val[k++] = -1;
		}
		if (ar->i < 0) { /* a start arc: one bus used */
			ind[k] = row_start + b;
			val[k++] = 1;
			c += w_bus;
		}
		ip_add_col(M, IP_BIN, 0, 1, c, k, ind, val);
	}
	for (int j = 0; j < n; j++) {
		int ind = row_cover + j;
		double one = 1;
		ip_add_col(M, IP_BIN, 0, 1, w_unc * chain_task_weight(p, j), 1, &ind, &one);
	}
	return M;
}

/* The pairs' columns (after the uncovered tasks': z_k, cost w_pair times
 * the pair's weight) and rows: for pair k = (a, b) and each bus c that can
 * do a, z_k >= in_c(a) - in_c(b), in_c(j) the arcs of c entering j. A bus
 * does at most one of them, so z_k is 1 exactly when a's bus does not do
 * b: the split counted by one row per pair and bus, the linearisation of
 * "the same vehicle" of the consistent vehicle routing models (Groer,
 * Golden & Wasil 2009; learned from there, no code taken). */
static void pair_rows(const chain_problem_t *p, const bus_net_t *g, ip_model_t *M, double w_pair)
{
	int n = p->n_tasks, nb = p->n_buses, np = pairs_of(p);
	if (np == 0)
		return;
	/* the arcs entering each task on each bus, by bus and task */
	int *first = xcalloc((size_t)nb * n + 2, sizeof(int));
	int *in = xmalloc(sizeof(int) * ((size_t)g->n_arcs + 1));
	for (int a = 0; a < g->n_arcs; a++)
		if (g->arcs[a].j >= 0)
			first[(size_t)g->arcs[a].b * n + g->arcs[a].j + 1]++;
	for (size_t x = 0; x < (size_t)nb * n; x++)
		first[x + 1] += first[x];
	int *fill = xmalloc(sizeof(int) * ((size_t)nb * n + 1));
	memcpy(fill, first, sizeof(int) * ((size_t)nb * n + 1));
	for (int a = 0; a < g->n_arcs; a++)
		if (g->arcs[a].j >= 0)
			in[fill[(size_t)g->arcs[a].b * n + g->arcs[a].j]++] = a;
	int *ind = xmalloc(sizeof(int) * (2 * (size_t)n + 2));
	double *val = xmalloc(sizeof(double) * (2 * (size_t)n + 2));
	for (int k = 0; k < np; k++) {
		const chain_pair_t *q = &p->pairs[k];
		int z = ip_add_col(M, IP_CONT, 0, 1, w_pair * q->w, 0, NULL, NULL);
		for (int c = 0; c < nb; c++) {
			size_t xa = (size_t)c * n + q->a, xb = (size_t)c * n + q->b;
			int m = 0;
			if (first[xa] == first[xa + 1])
				continue;
			ind[m] = z;
			val[m++] = 1;
			for (int e = first[xa]; e < first[xa + 1]; e++) {
				ind[m] = in[e] + 1;
				val[m++] = -1;
			}
			for (int e = first[xb]; e < first[xb + 1]; e++) {
				ind[m] = in[e] + 1;
				val[m++] = 1;
			}
			ip_add_row(M, m, ind, val, 0, INFINITY);
		}
	}
	free(first);
	free(in);
	free(fill);
	free(ind);
	free(val);
}

/* The legs' columns (after the pairs': y_k, cost w_unc times the leg's
 * weight) and rows y_k >= u_a, y_k >= u_b, u_j the column of "task j
 * uncovered": y_k is 1 when either leg is left. */
static void leg_rows(const chain_problem_t *p, const bus_net_t *g, ip_model_t *M, double w_unc)
{
	for (int k = 0; k < legs_of(p); k++) {
		const chain_pair_t *q = &p->legs[k];
		int y = ip_add_col(M, IP_CONT, 0, 1, w_unc * q->w, 0, NULL, NULL);
		for (int s = 0; s < 2; s++) {
			int ind[2] = {y, g->n_arcs + (s ? q->b : q->a) + 1};
			double val[2] = {1, -1};
			ip_add_row(M, 2, ind, val, 0, INFINITY);
		}
	}
}

/* The uncovered part of the objective, per unit of w_unc, when the tasks
 * with unc[j] set are left: their weights, and each leg's once when
 * either of its tasks is. */
static double unc_loss(const chain_problem_t *p, const unsigned char *unc)
{
	double w = 0;
	for (int j = 0; j < p->n_tasks; j++)
		w += unc[j] ? chain_task_weight(p, j) : 0;
	for (int k = 0; k < legs_of(p); k++)
		w += unc[p->legs[k].a] || unc[p->legs[k].b] ? p->legs[k].w : 0;
	return w;
}

/* Reads the duties of an integer solution (M's, or vals[1..] when not
 * NULL): per bus, its arcs from the depot; the tasks no bus does are
 * uncovered. */
static int bus_duties(const chain_problem_t *p, const ip_model_t *M, const double *vals,
		      const bus_arc_t *arcs, int n_arcs, int use_mip, chain_solution_t *sol,
		      sr_error_t *err)
{
	int n = p->n_tasks, nb = p->n_buses, rc = SR_OK;
	int *next = xmalloc(sizeof(int) * (size_t)(n > 0 ? n : 1));
	double *next_m = xmalloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
	int *covered = xcalloc((size_t)(n > 0 ? n : 1), sizeof(int));
	sol->duties = xcalloc((size_t)(nb > 0 ? nb : 1), sizeof(chain_duty_t));
	for (int b = 0; b < nb && use_mip; b++) {
		int first = -1;
		double first_m = 0, last_m = 0;
		for (int j = 0; j < n; j++)
			next[j] = -2;
		for (int a = 0; a < n_arcs; a++) {
			if (arcs[a].b != b || (vals ? vals[a + 1] : ip_mip_val(M, a + 1)) < 0.5)
				continue;
			if (arcs[a].i < 0) {
				first = arcs[a].j;
				first_m = arcs[a].m;
			} else {
				next[arcs[a].i] = arcs[a].j;
				next_m[arcs[a].i] = arcs[a].m;
			}
		}
		if (first < 0)
			continue;
		chain_duty_t *d = &sol->duties[sol->n_duties++];
		d->bus = b;
		d->tasks = xmalloc(sizeof(int) * (size_t)n);
		d->deadhead_m = first_m;
		for (int t = first; t >= 0 && d->n_tasks < n; t = next[t]) {
			d->tasks[d->n_tasks++] = t;
			covered[t] = 1;
			if (next[t] == -2) {
				rc = sr_error_set(err, SR_EINTERNAL, NULL, 0,
						  _("chain: broken duty for bus %d"), b);
				goto out;
			}
			if (next[t] == -1)
				last_m = next_m[t];
			else
				d->deadhead_m += next_m[t];
		}
		d->deadhead_m += last_m;
		sol->deadhead_m += d->deadhead_m;
	}
	sol->uncovered = xmalloc(sizeof(int) * (size_t)(n > 0 ? n : 1));
	for (int j = 0; j < n; j++)
		if (!covered[j])
			sol->uncovered[sol->n_uncovered++] = j;
out:
	free(next);
	free(next_m);
	free(covered);
	return rc;
}

/* The longest day from leaving the depot to coming back that bus may
 * have, split or not; 0: no limit. */
static double span_limit(const chain_bus_t *bus)
{
	double lim = bus->max_shift_s;
	if (lim > 0 && bus->split_min_s > 0)
		lim = bus->split_max_s > 0 ? lim + bus->split_max_s : 0;
	if (bus->max_span_s > 0 && (lim <= 0 || bus->max_span_s < lim))
		lim = bus->max_span_s;
	return lim;
}

/* The day-length rows of bus b (arcs lo..hi). A used bus has one start
 * arc and one end arc, so the start arcs' sum equals the end arcs'; for
 * each leaving time t of a start arc, the end arcs that come back later
 * than t plus the limit hold at most what the start arcs leaving after t
 * hold: a bus back that late left after t. This is the stronger form of
 * "a start arc and a too late end arc hold at most 1" (it implies that
 * row, as the starts hold at most 1) that keeps a fractional bus from
 * pairing an early start with a late end on half of its flow each. With
 * a split shift these rows hold the span; the working time is cut lazily
 * (work_cuts). */
static void shift_rows(const chain_problem_t *p, const bus_net_t *g, ip_model_t *M, int b, int lo,
		       int hi)
{
	const chain_bus_t *bus = &p->buses[b];
	double lim = span_limit(bus);
	if (lim <= 0 || bus->avail_to_s - bus->avail_from_s <= lim)
		return;
	int *ind = xmalloc(sizeof(int) * (size_t)(hi - lo + 1));
	double *val = xmalloc(sizeof(double) * (size_t)(hi - lo + 1));
	double *edge = xmalloc(sizeof(double) * (size_t)(hi - lo + 1));
	for (int a = lo; a < hi; a++) { /* leaving (start arcs), return (end arcs) */
		const bus_arc_t *ar = &g->arcs[a];
		const chain_task_t *t = &p->tasks[ar->i < 0 ? ar->j : ar->i];
		edge[a - lo] = ar->i < 0 ? t->start_s - chain_dh_s(p, bus->depot_loc, t->start_loc)
			       : ar->j < 0 ? t->end_s + chain_dh_s(p, t->end_loc, bus->depot_loc)
					   : NAN;
	}
	for (int a = lo; a < hi; a++) {
		if (g->arcs[a].i >= 0)
			continue;
		double leave = edge[a - lo];
		int k = 0, ends = 0, dup = 0;
		for (int e = lo; e < a && !dup; e++)
			dup = g->arcs[e].i < 0 && edge[e - lo] == leave;
		for (int e = lo; e < hi && !dup; e++) {
			const bus_arc_t *ar = &g->arcs[e];
			int late_end = ar->j < 0 && edge[e - lo] - leave > lim + CH_EPS;
			int late_start = ar->i < 0 && edge[e - lo] > leave;
			if (late_end || late_start) {
				ind[k] = e + 1;
				val[k++] = late_end ? 1 : -1;
				ends += late_end;
			}
		}
		if (ends)
			ip_add_row(M, k, ind, val, -INFINITY, 0);
	}
	free(edge);
	free(ind);
	free(val);
}

/* The driving row of bus b (arcs lo..hi): the sum over its arcs is at
 * most its limit times the sum of its start arcs (1 when the bus is
 * used, 0 when not: a fractional bus drives its share of the limit). */
static void drive_row(const chain_problem_t *p, const bus_net_t *g, ip_model_t *M, int b, int lo,
		      int hi)
{
	const chain_bus_t *bus = &p->buses[b];
	if (bus->max_drive_s <= 0)
		return;
	int *ind = xmalloc(sizeof(int) * (size_t)(hi - lo + 1)), k = 0;
	double *val = xmalloc(sizeof(double) * (size_t)(hi - lo + 1));
	for (int a = lo; a < hi; a++) {
		double v = g->arcs[a].drive - (g->arcs[a].i < 0 ? bus->max_drive_s : 0);
		if (v != 0) {
			ind[k] = a + 1;
			val[k++] = v;
		}
	}
	ip_add_row(M, k, ind, val, -INFINITY, 0);
	free(ind);
	free(val);
}

/* The day-length rows (drive = 0) or the driving rows (drive = 1) of
 * every bus. */
static void limit_rows(const chain_problem_t *p, const bus_net_t *g, ip_model_t *M, int drive)
{
	for (int a = 0, lo = 0; a <= g->n_arcs; a++)
		if (a == g->n_arcs || g->arcs[a].b != g->arcs[lo].b) {
			if (a > lo && drive)
				drive_row(p, g, M, g->arcs[lo].b, lo, a);
			else if (a > lo)
				shift_rows(p, g, M, g->arcs[lo].b, lo, a);
			lo = a;
		}
}

/* The arc positions s..e of duty d (0: its start arc, q: the arc into its
 * task q, n_tasks: its end arc) that drive longer than p->block_s without
 * a break: returns 1 with *s, *e set, or 0 when there is none. */
static int long_stretch(const chain_problem_t *p, const chain_duty_t *d, int *s, int *e)
{
	const chain_bus_t *bus = &p->buses[d->bus];
	int m = d->n_tasks;
	const chain_task_t *f = &p->tasks[d->tasks[0]], *l = &p->tasks[d->tasks[m - 1]];
	double lim = p->block_s + CH_EPS;
	double block = chain_dh_s(p, bus->depot_loc, f->start_loc);
	*s = 0;
	*e = 0;
	if (block > lim)
		return 1;
	for (int k = 0; k < m; k++) {
		const chain_task_t *t = &p->tasks[d->tasks[k]];
		*e = k;
		if ((block += t->drive_s) > lim)
			return 1;
		if (k + 1 == m)
			break;
		const chain_task_t *u = &p->tasks[d->tasks[k + 1]];
		chain_gap_t gp;
		chain_gap(p, d->bus, t->end_loc, t->end_s, u->start_loc, u->start_s, &gp);
		*e = k + 1;
		if ((block += gp.before_s) > lim)
			return 1;
		if (p->break_s > 0 && gp.wait_s >= p->break_s - CH_EPS) {
			block = 0;
			*s = k + 1;
		}
		if ((block += gp.drive_s - gp.before_s) > lim)
			return 1;
	}
	*e = m;
	return block + chain_dh_s(p, l->end_loc, bus->depot_loc) > lim;
}

/* Cuts off the too long stretch s..e of duty d on its bus and on every bus
 * of the same depot that has its arcs (their times are the same). Returns
 * the number of rows added. */
static int stretch_cuts(const chain_problem_t *p, const bus_net_t *g, ip_model_t *M,
			const chain_duty_t *d, int s, int e)
{
	int *ind = xmalloc(sizeof(int) * (size_t)(e - s + 1)), rows = 0;
	double *val = xmalloc(sizeof(double) * (size_t)(e - s + 1));
	for (int b = 0; b < p->n_buses; b++) {
		if (p->buses[b].depot_loc != p->buses[d->bus].depot_loc)
			continue;
		int k = 0;
		for (int q = s; q <= e; q++) {
			int i = q == 0 ? -1 : d->tasks[q - 1],
			    j = q == d->n_tasks ? -1 : d->tasks[q];
			int a = net_arc(p, g, b, i, j);
			if (a < 0)
				break;
			ind[k] = a + 1;
			val[k++] = 1;
		}
		if (k == e - s + 1) {
			ip_add_row(M, k, ind, val, -INFINITY, k - 1);
			rows++;
		}
	}
	free(ind);
	free(val);
	return rows;
}

/* The row of work_cuts for bus b (arcs lo..hi) against a day from L to R
 * without a split break of need or more: its starts at or before L, its
 * ends at or after R, less its connections with such a break, <= 1. */
static int work_row(const chain_problem_t *p, const bus_net_t *g, ip_model_t *M, int lo, int hi,
		    double L, double R, int *ind, double *val)
{
	const chain_bus_t *bus = &p->buses[g->arcs[lo].b];
	double need = R - L - bus->max_shift_s;
	int k = 0, ends = 0;
	if (bus->split_min_s <= 0 || bus->max_shift_s <= 0 || need <= CH_EPS)
		return 0;
	for (int a = lo; a < hi; a++) {
		const bus_arc_t *ar = &g->arcs[a];
		double v = 0;
		if (ar->i < 0) {
			const chain_task_t *t = &p->tasks[ar->j];
			v = t->start_s - chain_dh_s(p, bus->depot_loc, t->start_loc) <= L + CH_EPS;
		} else if (ar->j < 0) {
			const chain_task_t *t = &p->tasks[ar->i];
			v = t->end_s + chain_dh_s(p, t->end_loc, bus->depot_loc) >= R - CH_EPS;
			ends += v > 0;
		} else if (ar->brk >= need - CH_EPS) {
			v = -1;
		}
		if (v != 0) {
			ind[k] = a + 1;
			val[k++] = v;
		}
	}
	if (!ends)
		return 0;
	ip_add_row(M, k, ind, val, -INFINITY, 1);
	return 1;
}

/* Cuts off duty d's working time (its day less its split break too long)
 * on every bus of its depot that has a split shift: with L its leaving
 * and R its return, such a bus may not leave at or before L and come back
 * at or after R unless it makes a split break of at least R - L less its
 * max_shift_s on the way (a start and an end arc are at most one each per
 * bus, so the row is valid for every day). Returns the rows added. */
static int work_cuts(const chain_problem_t *p, const bus_net_t *g, ip_model_t *M,
		     const chain_duty_t *d)
{
	const chain_bus_t *bus = &p->buses[d->bus];
	const chain_task_t *f = &p->tasks[d->tasks[0]], *l = &p->tasks[d->tasks[d->n_tasks - 1]];
	double L = f->start_s - chain_dh_s(p, bus->depot_loc, f->start_loc);
	double R = l->end_s + chain_dh_s(p, l->end_loc, bus->depot_loc);
	int *ind = xmalloc(sizeof(int) * (size_t)(g->n_arcs + 1)), rows = 0;
	double *val = xmalloc(sizeof(double) * (size_t)(g->n_arcs + 1));
	for (int a = 0, lo = 0; a <= g->n_arcs; a++)
		if (a == g->n_arcs || g->arcs[a].b != g->arcs[lo].b) {
			if (a > lo && p->buses[g->arcs[lo].b].depot_loc == bus->depot_loc)
				rows += work_row(p, g, M, lo, a, L, R, ind, val);
			lo = a;
		}
	free(ind);
	free(val);
	return rows;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

int chain_trim(const chain_problem_t *p, chain_solution_t *sol)
{
	int cut = 0, m = 0;
	sol->deadhead_m = 0;
	for (int k = 0; k < sol->n_duties; k++) {
		chain_duty_t *d = &sol->duties[k];
		chain_day_t day;
		int keep = d->n_tasks;
		while (keep > 0 && !chain_day(p, d->bus, d->tasks, keep, &day))
			keep--;
		if (keep < d->n_tasks) {
			cut++;
			for (int q = keep; q < d->n_tasks; q++)
				sol->uncovered[sol->n_uncovered++] = d->tasks[q];
			d->n_tasks = keep;
		}
		if (!keep) {
			free(d->tasks);
			continue;
		}
		d->deadhead_m = day.meters;
		sol->deadhead_m += d->deadhead_m;
		sol->duties[m++] = *d;
	}
	sol->n_duties = m;
	qsort(sol->uncovered, (size_t)sol->n_uncovered, sizeof(int), cmp_int);
	return cut;
}

/* Adds what the duties of sol that break a rule call for: the driving
 * rows of every bus (once: *drive_rows tells whether they are in), the
 * cuts of stretches without a break; turns warm into sol without those
 * duties (their tasks uncovered). Returns the number of rows added. */
static int cut_round(const chain_problem_t *p, const bus_net_t *g, ip_model_t *M,
		     const chain_solution_t *sol, double *warm, int *drive_rows)
{
	int rows = 0, n_arcs = g->n_arcs;
	for (int a = 0; a < n_arcs; a++)
		warm[a + 1] = ip_mip_val(M, a + 1) > 0.5;
	for (int j = 0; j < p->n_tasks; j++)
		warm[n_arcs + j + 1] = 0;
	for (int u = 0; u < sol->n_uncovered; u++)
		warm[n_arcs + sol->uncovered[u] + 1] = 1;
	for (int k = 0; k < sol->n_duties; k++) {
		const chain_duty_t *d = &sol->duties[k];
		const chain_bus_t *bus = &p->buses[d->bus];
		chain_day_t day;
		int s, e;
		if (chain_day(p, d->bus, d->tasks, d->n_tasks, &day))
			continue;
		if (!*drive_rows && bus->max_drive_s > 0 &&
		    day.drive_s > bus->max_drive_s + CH_EPS) {
			int before = ip_num_rows(M);
			limit_rows(p, g, M, 1);
			rows += ip_num_rows(M) - before;
			*drive_rows = 1;
		}
		if (p->block_s > 0 && long_stretch(p, d, &s, &e))
			rows += stretch_cuts(p, g, M, d, s, e);
		if (bus->split_min_s > 0 && bus->max_shift_s > 0 &&
		    day.work_s > bus->max_shift_s + CH_EPS)
			rows += work_cuts(p, g, M, d);
		for (int a = 0; a < n_arcs; a++)
			if (g->arcs[a].b == d->bus)
				warm[a + 1] = 0;
		for (int q = 0; q < d->n_tasks; q++)
			warm[n_arcs + d->tasks[q] + 1] = 1;
	}
	pair_warm(p, g, warm);
	return rows;
}

/* cut_round, and then the next round's warm start: sol less its broken
 * duties, or the warm start so far when that costs less (it keeps every
 * rule, so the new rows, which cut off only broken duties, hold too). */
static int next_warm(const chain_problem_t *p, const bus_net_t *g, ip_model_t *M,
		     const chain_solution_t *sol, double *warm, int *drive_rows)
{
	size_t len = (size_t)(g->n_arcs + p->n_tasks + tail_cols(p)) + 1;
	double *prev = xmalloc(sizeof(double) * len);
	memcpy(prev, warm, sizeof(double) * len);
	int rows = cut_round(p, g, M, sol, warm, drive_rows);
	if (cols_obj(M, prev) < cols_obj(M, warm))
		memcpy(warm, prev, sizeof(double) * len);
	free(prev);
	return rows;
}

/* One solve of M; fills sol (freed first) and the bound on the buses.
 * When the solve ends with no integer solution (its time ran out in the
 * root LP), sol is the warm start, which keeps every rule, and *fell_back
 * is set. */
static int solve_round(const chain_problem_t *p, const bus_net_t *g, ip_model_t *M,
		       const ip_opts_t *io, double w_bus, double w_unc, chain_solution_t *sol,
		       int *fell_back, sr_error_t *err)
{
	int n_cols = g->n_arcs + p->n_tasks, rc;
	ip_status_t st = IP_NOSOLUTION;
	double bound = NAN;
	chain_solution_free(sol);
	if (n_cols > 0) {
		rc = ip_solve(M, io, &st, &bound, err);
		if (rc != SR_OK)
			return rc;
	} else {
		st = IP_OPTIMAL;
	}
	int use_mip = (st == IP_OPTIMAL || st == IP_FEASIBLE) && n_cols > 0;
	sol->optimal = (st == IP_OPTIMAL);
	/* with no uncovered task in the LP, bound = w_bus * b + km with km <
	 * w_bus, so floor(bound / w_bus) <= ceil(b) bounds the buses; with
	 * uncovered tasks nothing useful follows */
	if (isfinite(bound) && bound < w_unc - 1e-6)
		sol->bus_lower_bound = floor(bound / w_bus + 1e-9);
	else
		sol->bus_lower_bound = 0;
	/* GLPK may end a spent search without the warm start (it can be
	 * turned down once the root's rounding has an incumbent and fixes
	 * columns by their reduced costs): the warm start, which keeps every
	 * rule, is the result when it costs less */
	if (use_mip && io->warm_start &&
	    cols_obj(M, io->warm_start) < ip_mip_obj(M) - 1e-9 * (1 + fabs(ip_mip_obj(M)))) {
		use_mip = 0;
		sol->optimal = 0;
	}
	const double *vals = use_mip || n_cols == 0 ? NULL : io->warm_start;
	*fell_back = vals != NULL;
	return bus_duties(p, M, vals, g->arcs, g->n_arcs, use_mip || vals, sol, err);
}

/* The most an uncovered task may weigh against a unit of kilometres'
 * cost before the weights switch to km_bound (bus_weights). Measured
 * (2026-12-05): the bundled district's programs reach 1.0e9, the shared
 * real maps' terms 3.8e8; the large generated region's first chainings
 * 1.9e9 to 4.2e9 and its week's 2.6e11 to 3.2e11. */
#define CH_WEIGHT_MAX 1.5e9

/* A bound on the kilometres' cost of any solution: a solution enters
 * each task by at most one arc and leaves it for the depot by at most one,
 * so the dearest arc into each task and the dearest end arc out of each
 * bound it. Far below the sum over all arcs (a 60-bus fleet's network has
 * some 140 arcs for each arc a solution uses), it keeps the objective's
 * weights (bus_weights) small: with the sum, an uncovered task weighed
 * 3e11 times a metre's cost, GLPK's dual simplex failed on the week's
 * chaining of the large generated region ("excessive numerical
 * instability") and the primal simplex spent 27,000 iterations more
 * there (25 of the plan's 39 CPU seconds). */
static double km_bound(const chain_problem_t *p, const bus_net_t *g)
{
	int n = p->n_tasks;
	double *in = xcalloc((size_t)n + 1, sizeof(double));
	double *out = xcalloc((size_t)n + 1, sizeof(double)), km = 0;
	for (int a = 0; a < g->n_arcs; a++) {
		const bus_arc_t *ar = &g->arcs[a];
		if (ar->j >= 0 && ar->cost > in[ar->j])
			in[ar->j] = ar->cost;
		if (ar->j < 0 && ar->cost > out[ar->i])
			out[ar->i] = ar->cost;
	}
	for (int j = 0; j < n; j++)
		km += in[j] + out[j];
	free(in);
	free(out);
	return km;
}

/* The objective's weights from a bound km_total on the kilometres' cost:
 * a unit of a pair's weight outweighs all kilometres, a unit of task-bus
 * cost all pairs and kilometres, a bus all of them, an uncovered task all
 * buses. */
static void weights_for(const chain_problem_t *p, double km_total, double *w_pair, double *w_pref,
			double *w_bus, double *w_unc)
{
	int n = p->n_tasks, nb = p->n_buses;
	double pref_total = 0, pair_total = 0;
	*w_pair = km_total + 1.0;
	for (int k = 0; k < pairs_of(p); k++)
		pair_total += p->pairs[k].w * *w_pair;
	*w_pref = km_total + pair_total + 1.0;
	for (int j = 0; j < n && p->task_bus_cost; j++) {
		double most = 0;
		for (int b = 0; b < nb; b++)
			if (p->task_bus_cost[(size_t)j * nb + b] > most)
				most = p->task_bus_cost[(size_t)j * nb + b];
		pref_total += most * *w_pref;
	}
	*w_bus = km_total + pair_total + pref_total + 1.0;
	*w_unc = *w_bus * (nb + 1);
}

/* The weights (weights_for) on the sum of every arc's cost, or, where that
 * makes an uncovered task weigh more than CH_WEIGHT_MAX, on the far
 * tighter km_bound. The smaller programs keep the sum: their searches,
 * cut at a count of nodes, would take other paths with other weights
 * (tried on the bundled district: as many buses but 0.5 km more and 26
 * fewer children home by the same bus). */
static void bus_weights(const chain_problem_t *p, const bus_net_t *g, double *w_pair,
			double *w_pref, double *w_bus, double *w_unc)
{
	double km_all = 0;
	for (int a = 0; a < g->n_arcs; a++)
		km_all += g->arcs[a].cost;
	weights_for(p, km_all, w_pair, w_pref, w_bus, w_unc);
	double w_most = 1;
	for (int j = 0; j < p->n_tasks; j++)
		if (chain_task_weight(p, j) > w_most)
			w_most = chain_task_weight(p, j);
	for (int k = 0; k < legs_of(p); k++)
		if (p->legs[k].w > w_most)
			w_most = p->legs[k].w;
	if (*w_unc * w_most > CH_WEIGHT_MAX)
		weights_for(p, km_bound(p, g), w_pair, w_pref, w_bus, w_unc);
}

/* The cheapest idle bus of sol (no duty) that can do task j alone by
 * every rule of chain_day (task-bus cost first, then the depot legs' km),
 * or -1. */
static int idle_bus_for(const chain_problem_t *p, const char *busy, int j)
{
	int best = -1;
	double best_pref = 0, best_km = 0;
	for (int b = 0; b < p->n_buses; b++) {
		chain_day_t d;
		if (busy[b] || !chain_day(p, b, &j, 1, &d))
			continue;
		double pref = p->task_bus_cost ? p->task_bus_cost[(size_t)j * p->n_buses + b] : 0;
		double km = d.meters / 1000.0 * bus_cpk(&p->buses[b]);
		if (best < 0 || pref < best_pref || (pref == best_pref && km < best_km)) {
			best = b;
			best_pref = pref;
			best_km = km;
		}
	}
	return best;
}

int chain_cover_idle(const chain_problem_t *p, chain_solution_t *sol)
{
	int nb = p->n_buses, placed = 0, m = 0;
	char *busy = xcalloc((size_t)nb + 1, 1);
	for (int k = 0; k < sol->n_duties; k++)
		busy[sol->duties[k].bus] = 1;
	int *ord = chain_order_by_start(p);
	char *unc = xcalloc((size_t)p->n_tasks + 1, 1);
	for (int u = 0; u < sol->n_uncovered; u++)
		unc[sol->uncovered[u]] = 1;
	for (int r = 0; r < p->n_tasks; r++) {
		int j = ord[r], b = unc[j] ? idle_bus_for(p, busy, j) : -1;
		if (b < 0)
			continue;
		chain_day_t d;
		chain_day(p, b, &j, 1, &d);
		chain_duty_t *du = &sol->duties[sol->n_duties++];
		du->bus = b;
		du->tasks = xmalloc(sizeof(int));
		du->tasks[0] = j;
		du->n_tasks = 1;
		du->deadhead_m = d.meters;
		sol->deadhead_m += d.meters;
		busy[b] = 1;
		unc[j] = 0;
		placed++;
	}
	for (int u = 0; u < sol->n_uncovered; u++)
		if (unc[sol->uncovered[u]])
			sol->uncovered[m++] = sol->uncovered[u];
	sol->n_uncovered = m;
	free(busy);
	free(ord);
	free(unc);
	return placed;
}

/* The end of a solve: duties still breaking a rule are cut back
 * (chain_trim); when that leaves more tasks uncovered than the greedy
 * first solution (warm0, which keeps every rule) did, sol becomes that
 * one; then idle buses take what they can alone (chain_cover_idle). */
static int finish(const chain_problem_t *p, const bus_net_t *g, const double *warm0,
		  chain_solution_t *sol, sr_error_t *err)
{
	int n = p->n_tasks;
	if (chain_trim(p, sol))
		sol->optimal = 0;
	unsigned char *ug = xcalloc((size_t)n + 1, 1), *us = xcalloc((size_t)n + 1, 1);
	for (int j = 0; j < n; j++)
		ug[j] = warm0[g->n_arcs + j + 1] > 0.5;
	for (int u = 0; u < sol->n_uncovered; u++)
		us[sol->uncovered[u]] = 1;
	double greedy_unc = unc_loss(p, ug), sol_unc = unc_loss(p, us);
	free(ug);
	free(us);
	if (sol_unc > greedy_unc) {
		double lb = sol->bus_lower_bound;
		chain_solution_free(sol);
		int rc = bus_duties(p, NULL, warm0, g->arcs, g->n_arcs, 1, sol, err);
		if (rc != SR_OK)
			return rc;
		chain_trim(p, sol); /* keeps every rule: recounts the metres */
		sol->bus_lower_bound = lb;
	}
	if (chain_cover_idle(p, sol))
		sol->optimal = 0;
	return SR_OK;
}

/* Whether buses a and b are alike: the same depot, seats, hours, limits
 * and cost per km, so that any duty of one is a duty of the other at the
 * same kilometres' cost. */
static int buses_alike(const chain_problem_t *p, int a, int b)
{
	const chain_bus_t *x = &p->buses[a], *y = &p->buses[b];
	return x->depot_loc == y->depot_loc && x->seats == y->seats &&
	       x->avail_from_s == y->avail_from_s && x->avail_to_s == y->avail_to_s &&
	       bus_cpk(x) == bus_cpk(y) && x->max_shift_s == y->max_shift_s &&
	       x->max_drive_s == y->max_drive_s && x->split_min_s == y->split_min_s &&
	       x->split_max_s == y->split_max_s && x->max_span_s == y->max_span_s;
}

/* The branching rule: GLPK's default (Driebeck and Tomlin's, which
 * branches where the LP bound would rise most) unless most of the fleet
 * are twins (a bus alike another; the week's costs per run and bus, which
 * differ on a few runs only, aside): then branching off one bus's arc
 * mostly moves the flow to its twin at (nearly) the same cost, the bound
 * hardly rises and the rule's costly estimates (three quarters of the
 * search's time on a fleet of 16 alike buses) buy little, so the last
 * fractional variable, as cheap as a rule gets. Measured: the bundled
 * district (no twins) finds its optimum in 165 nodes with the default
 * where that rule needs more than 400; Liechtenstein's term (16 alike
 * buses) gets the same plan in under half the CPU time, its week's second
 * chaining proved optimal in 0.4 s where the default stopped at 400
 * nodes after 4 s. */
static ip_branch_t twins_rule(const chain_problem_t *p)
{
	int twins = 0;
	for (int b = 0; b < p->n_buses; b++)
		for (int a = 0; a < p->n_buses; a++)
			if (a != b && buses_alike(p, a, b)) {
				twins++;
				break;
			}
	return 2 * twins > p->n_buses ? IP_BRANCH_LFV : IP_BRANCH_DTH;
}

/* The solve's options: the warm start, the node count, the branching
 * rule; the simplex work of the branch and bound (o->max_work over the
 * rows squared, all rounds together) is set round by round. */
static void solve_opts(const chain_problem_t *p, const chain_opts_t *o, const double *warm,
		       ip_opts_t *io)
{
	ip_opts_init(io);
	io->time_limit_s = o->time_limit_s;
	io->verbose = o->verbose;
	io->warm_start = warm;
	io->max_nodes = o->max_nodes;
	io->max_stall_nodes = o->max_stall_nodes;
	io->lp_iter_limit = o->max_lp_iters;
	io->branch = twins_rule(p);
}

/* The simplex's first basis: the one o->bases keeps for a program of the
 * same structure (its key, returned: the counts, the arcs and the pairs),
 * else GLPK's crash basis (the root LP of a 60-bus fleet's program in
 * 6,193 iterations instead of 8,606 from the slack basis). The week's
 * chainings of the large generated region start from the earlier
 * chaining's basis of their pattern: 5,711 / 2,169 / 1,851 / 770
 * iterations where the crash basis took 7,341 / 4,845 / 4,007 / 5,402
 * (2026-12-05, before main chained each pattern twice). */
static uint64_t start_basis(const chain_problem_t *p, const chain_opts_t *o, const bus_net_t *g,
			    ip_model_t *M)
{
	uint64_t h = 14695981039346656037ULL;
	h = chain_bases_mix(h, p->n_tasks);
	h = chain_bases_mix(h, p->n_buses);
	h = chain_bases_mix(h, ip_num_rows(M));
	h = chain_bases_mix(h, ip_num_cols(M));
	for (int a = 0; a < g->n_arcs; a++)
		h = chain_bases_mix(h, ((int64_t)g->arcs[a].b << 40) ^
					       ((int64_t)(g->arcs[a].i + 1) << 20) ^
					       (g->arcs[a].j + 1));
	for (int k = 0; k < pairs_of(p); k++)
		h = chain_bases_mix(h, ((int64_t)p->pairs[k].a << 20) ^ p->pairs[k].b);
	for (int k = 0; k < legs_of(p); k++)
		h = chain_bases_mix(h, ((int64_t)1 << 60) ^ ((int64_t)p->legs[k].a << 20) ^
					       p->legs[k].b);
	if (!chain_bases_load(o->bases, h, M))
		ip_crash_basis(M);
	return h;
}

int chain_solve_buses(const chain_problem_t *p, const chain_opts_t *o, chain_solution_t *sol,
		      sr_error_t *err)
{
	int n = p->n_tasks, rc = SR_OK;
	double t0 = sr_now();
	bus_net_t g;
	bus_net_build(p, &g);
	double w_pair, w_pref, w_bus, w_unc;
	bus_weights(p, &g, &w_pair, &w_pref, &w_bus, &w_unc);
	ip_model_t *M = bus_model(p, g.arcs, g.n_arcs, w_pref, w_bus, w_unc);
	pair_rows(p, &g, M, w_pair);
	leg_rows(p, &g, M, w_unc);
	limit_rows(p, &g, M, 0);
	uint64_t key = start_basis(p, o, &g, M);
	ip_basis_t root = {0, 0, NULL};
	size_t n_cols = (size_t)(g.n_arcs + n + tail_cols(p));
	double *warm = xcalloc(n_cols + 1, sizeof(double));
	first_warm(p, o, &g, M, w_pref, w_pair, warm);
	double *warm0 = xmalloc(sizeof(double) * (n_cols + 1));
	memcpy(warm0, warm, sizeof(double) * (n_cols + 1));
	int max_rounds = o->max_rounds > 0 ? o->max_rounds : 30;
	ip_opts_t io;
	solve_opts(p, o, warm, &io);
	unsigned char *sift = chain_sift_cols(p, &g, warm, (int)n_cols, o->sift);
	double root_lp = NAN;
	int sift_rounds = 0, sift_cols = 0, started = 0;
	double rows = ip_num_rows(M) > 0 ? ip_num_rows(M) : 1;
	long tree_left = o->max_work > 0 ? (long)(o->max_work / (rows * rows)) + 1 : 0;
	for (int round = 0, drive_rows = 0;; round++) {
		int fell_back = 0;
		if (o->max_work > 0)
			io.max_tree_simplex = tree_left > 0 ? tree_left : 1;
		io.root_basis = round == 0 && o->bases ? &root : NULL;
		io.sift = round == 0 ? sift : NULL;
		rc = solve_round(p, &g, M, &io, w_bus, w_unc, sol, &fell_back, err);
		if (rc != SR_OK)
			break;
		started |= round == 0 && fell_back;
		if (round == 0) {
			chain_bases_keep(o->bases, key, &root);
			root_lp = ip_root_obj(M);
			ip_sift_stats(M, &sift_rounds, &sift_cols);
		}
		tree_left -= ip_tree_iters(M);
		io.time_limit_s = o->time_limit_s - (sr_now() - t0);
		int rows = round >= max_rounds || io.time_limit_s < 0.2 || fell_back
				   ? 0
				   : next_warm(p, &g, M, sol, warm, &drive_rows);
		sr_debug("chain: round %d, %.2f s: %d rows for the drivers' rules", round,
			 sr_now() - t0, rows);
		if (!rows)
			break;
	}
	if (rc == SR_OK)
		rc = finish(p, &g, warm0, sol, err);
	sol->root_lp = root_lp;
	sol->sift_rounds = sift_rounds;
	sol->started = started;
	sr_debug("chain: %d tasks, %d buses, %d arcs, %d rows: %ld simplex iterations, %.2f s, "
		 "%d duties, %d uncovered%s; root LP sifted in %d rounds to %d columns",
		 n, p->n_buses, g.n_arcs, ip_num_rows(M), ip_simplex_iters(M), sr_now() - t0,
		 sol->n_duties, sol->n_uncovered, sol->optimal ? ", optimal" : "", sift_rounds,
		 sift_cols);
	free(sift);
	ip_basis_clear(&root);
	free(warm);
	free(warm0);
	ip_model_free(M);
	free(g.arcs);
	free(g.pos);
	return rc;
}
