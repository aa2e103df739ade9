/* chain.c - chaining runs (tasks with fixed times and places) into bus
 * duties: the vehicle scheduling problem, solved with GLPK through ip_solve.
 *
 * Unlimited identical buses (buses == NULL): the classic assignment model of
 * single-depot vehicle scheduling (Dantzig & Fulkerson 1954; survey by
 * Bunte & Kliewer, "An overview on vehicle scheduling models", 2009).
 * x_ij = 1 when a bus does task j right after task i, over compatible pairs
 * only; every task has at most one successor and one predecessor; buses =
 * n - sum x (a minimum path cover of the compatibility DAG). The constraint
 * matrix is the incidence matrix of a bipartite graph, so the LP is
 * integral. Lexicographic objective by two solves: maximise sum x, then fix
 * it and minimise deadhead metres.
 *
 * Given buses: the multi-depot model of buses.c.
 *
 * GLPK is reached through src/ip (ip_model_*, ip_solve).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/chain.h"
#include "chain/internal.h"
#include "ip/ip.h"
#include "util/i18n.h"

void chain_opts_init(chain_opts_t *o)
{
	memset(o, 0, sizeof(*o));
	o->time_limit_s = 30;
	o->verbose = 0;
	o->max_nodes = 0;
	o->max_stall_nodes = 0;
	o->max_work = 0;
}

void chain_solution_free(chain_solution_t *sol)
{
	if (!sol)
		return;
	for (int i = 0; i < sol->n_duties; i++)
		free(sol->duties[i].tasks);
	free(sol->duties);
	free(sol->uncovered);
	memset(sol, 0, sizeof(*sol));
}

static int validate(const chain_problem_t *p, sr_error_t *err)
{
	if (p->n_tasks < 0 || (p->n_tasks > 0 && !p->tasks))
		return sr_error_set(err, SR_EINPUT, NULL, 0, _("chain: no tasks array"));
	if (p->n_tasks > 0 && (!p->dh_seconds || p->n_locs == 0))
		return sr_error_set(err, SR_EINPUT, NULL, 0, _("chain: no deadhead matrix"));
	if (p->buses && p->n_buses < 0)
		return sr_error_set(err, SR_EINPUT, NULL, 0, _("chain: negative bus count"));
	for (int i = 0; i < p->n_tasks; i++) {
		const chain_task_t *t = &p->tasks[i];
		if (!(t->start_s <= t->end_s) || !isfinite(t->start_s) || !isfinite(t->end_s))
			return sr_error_set(err, SR_EINPUT, NULL, 0,
					    _("chain: task %d ends before it starts"), i);
		if (t->start_loc >= p->n_locs || t->end_loc >= p->n_locs)
			return sr_error_set(err, SR_EINPUT, NULL, 0,
					    _("chain: task %d has a place outside the matrix"), i);
	}
	for (size_t k = 0; p->buses && p->task_bus_cost && k < (size_t)p->n_tasks * p->n_buses; k++)
		if (!(p->task_bus_cost[k] >= 0) || !isfinite(p->task_bus_cost[k]))
			return sr_error_set(
				err, SR_EINPUT, NULL, 0,
				_("chain: task %zu has a bus cost that is not finite and >= 0"),
				k / (size_t)p->n_buses);
	for (int k = 0; p->buses && p->pairs && k < p->n_pairs; k++) {
		const chain_pair_t *q = &p->pairs[k];
		if (q->a < 0 || q->a >= p->n_tasks || q->b < 0 || q->b >= p->n_tasks ||
		    q->a == q->b || !(q->w >= 0) || !isfinite(q->w))
			return sr_error_set(err, SR_EINPUT, NULL, 0,
					    _("chain: pair %d is not two tasks with a finite "
					      "weight >= 0"),
					    k);
	}
	for (int b = 0; p->buses && b < p->n_buses; b++)
		if (p->buses[b].depot_loc >= p->n_locs)
			return sr_error_set(err, SR_EINPUT, NULL, 0,
					    _("chain: bus %d has a depot outside the matrix"), b);
	return SR_OK;
}

/* Tasks in order of start time (ties by index): the order of every duty. */
int *chain_order_by_start(const chain_problem_t *p)
{
	int n = p->n_tasks;
	int *ord = xmalloc(sizeof(int) * (size_t)(n > 0 ? n : 1));
	for (int i = 0; i < n; i++)
		ord[i] = i;
	/* insertion sort is too slow for 2,000+ tasks: use a simple merge */
	int *tmp = xmalloc(sizeof(int) * (size_t)(n > 0 ? n : 1));
	for (int w = 1; w < n; w *= 2) {
		for (int lo = 0; lo < n; lo += 2 * w) {
			int mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
			int a = lo, b = mid, k = lo;
			while (a < mid || b < hi) {
				int take_a;
				if (a >= mid)
					take_a = 0;
				else if (b >= hi)
					take_a = 1;
				else
					take_a = p->tasks[ord[a]].start_s <
							 p->tasks[ord[b]].start_s ||
						 (p->tasks[ord[a]].start_s ==
							  p->tasks[ord[b]].start_s &&
						  ord[a] < ord[b]);
				tmp[k++] = take_a ? ord[a++] : ord[b++];
			}
		}
		memcpy(ord, tmp, sizeof(int) * (size_t)n);
	}
	free(tmp);
	return ord;
}

/* Turns successor links into duties (unlimited case). */
static void build_duties_unlimited(const chain_problem_t *p, const int *succ, const int *has_pred,
				   chain_solution_t *sol)
{
	int n = p->n_tasks;
	int *ord = chain_order_by_start(p);
	sol->duties = xcalloc((size_t)(n > 0 ? n : 1), sizeof(chain_duty_t));
	for (int k = 0; k < n; k++) {
		int i = ord[k];
		if (has_pred[i])
			continue;
		chain_duty_t *d = &sol->duties[sol->n_duties];
		d->bus = sol->n_duties;
		sol->n_duties++;
		int len = 0;
		for (int t = i; t >= 0; t = succ[t])
			len++;
		d->tasks = xmalloc(sizeof(int) * (size_t)len);
		for (int t = i; t >= 0; t = succ[t]) {
			if (d->n_tasks > 0)
				d->deadhead_m +=
					chain_dh_m(p, p->tasks[d->tasks[d->n_tasks - 1]].end_loc,
						   p->tasks[t].start_loc);
			d->tasks[d->n_tasks++] = t;
		}
		sol->deadhead_m += d->deadhead_m;
	}
	free(ord);
}

/* Greedy chaining for a fallback when the solver gives nothing in time:
 * tasks by start time, each appended to the compatible chain end that
 * finished last. */
static void greedy_unlimited(const chain_problem_t *p, int *succ, int *has_pred)
{
	int n = p->n_tasks;
	int *ord = chain_order_by_start(p);
	for (int i = 0; i < n; i++) {
		succ[i] = -1;
		has_pred[i] = 0;
	}
	for (int k = 0; k < n; k++) {
		int j = ord[k], best = -1;
		for (int q = 0; q < k; q++) {
			int i = ord[q];
			if (succ[i] < 0 && chain_compatible(p, i, j) &&
			    (best < 0 || p->tasks[i].end_s > p->tasks[best].end_s))
				best = i;
		}
		if (best >= 0) {
			succ[best] = j;
			has_pred[j] = 1;
		}
	}
	free(ord);
}

/* The time-space network (Kliewer, Mellouli & Suhl 2006) for unlimited
 * buses. Each end place A has a timeline of "ready" events (task end +
 * turnaround), joined by waiting arcs; from the timeline a deadhead arc goes
 * to task j only from the latest ready event that still reaches j in time
 * (earlier buses wait along the timeline to it), so there are at most
 * (end places) x (tasks) deadhead arcs instead of all compatible pairs.
 * Columns: bus start s_j, deadhead d_(node,j), waiting w, sink at a
 * timeline's last node. Rows: task j entered once; node conservation. The
 * matrix is a network matrix, so the LP optimum is integral. */
typedef struct ts_node {
	uint32_t loc;
	double t;
	int first_task; /* tasks ending here: ts_members[first_task..] */
	int n_tasks;
} ts_node_t;

typedef struct ts_arc {
	int node, j;
	double m;
} ts_arc_t;

static int cmp_ready(const void *a, const void *b, const chain_problem_t *p)
{
	const chain_task_t *x = &p->tasks[*(const int *)a], *y = &p->tasks[*(const int *)b];
	if (x->end_loc != y->end_loc)
		return x->end_loc < y->end_loc ? -1 : 1;
	if (x->end_s != y->end_s)
		return x->end_s < y->end_s ? -1 : 1;
	return *(const int *)a - *(const int *)b;
}

static void sort_ready(const chain_problem_t *p, int *a, int n)
{
	/* bottom-up merge sort (qsort has no context argument in C11) */
	int *tmp = xmalloc(sizeof(int) * (size_t)(n > 0 ? n : 1));
	for (int w = 1; w < n; w *= 2) {
		for (int lo = 0; lo < n; lo += 2 * w) {
			int mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
			int x = lo, y = mid, k = lo;
			while (x < mid || y < hi)
				tmp[k++] = (y >= hi || (x < mid && cmp_ready(&a[x], &a[y], p) <= 0))
						   ? a[x++]
						   : a[y++];
		}
		memcpy(a, tmp, sizeof(int) * (size_t)n);
	}
	free(tmp);
}

/* The time-space network of one chain_solve (unlimited buses). */
typedef struct ts_net {
	int n;		  /* tasks */
	int *members;	  /* tasks sorted by end place, then end time */
	ts_node_t *nodes; /* "ready" events, timelines one after another */
	int n_nodes;
	uint32_t *locs; /* end places; timeline l is nodes[loc_first[l]..+loc_count[l]) */
	int *loc_first, *loc_count, n_end_locs;
	ts_arc_t *arcs;
	int n_arcs;
	/* the LP: columns s_j (col_s + j), deadheads (col_d + a) */
	ip_model_t *M;
	int col_s, col_d;
} ts_net_t;

static void ts_free(ts_net_t *g)
{
	ip_model_free(g->M);
	free(g->members);
	free(g->nodes);
	free(g->loc_first);
	free(g->loc_count);
	free(g->locs);
	free(g->arcs);
}

/* Timelines: tasks grouped by end place, then by end time. */
static void ts_timelines(const chain_problem_t *p, ts_net_t *g)
{
	int n = p->n_tasks;
	g->n = n;
	g->members = xmalloc(sizeof(int) * (size_t)(n > 0 ? n : 1));
	g->nodes = xmalloc(sizeof(ts_node_t) * (size_t)(n > 0 ? n : 1));
	for (int i = 0; i < n; i++)
		g->members[i] = i;
	sort_ready(p, g->members, n);
	g->loc_first = xmalloc(sizeof(int) * (size_t)(n > 0 ? n : 1));
	g->loc_count = xcalloc((size_t)(n > 0 ? n : 1), sizeof(int));
	g->locs = xmalloc(sizeof(uint32_t) * (size_t)(n > 0 ? n : 1));
	ts_node_t *nodes = g->nodes;
	for (int k = 0; k < n; k++) {
		const chain_task_t *t = &p->tasks[g->members[k]];
		int nn = g->n_nodes;
		if (nn == 0 || nodes[nn - 1].loc != t->end_loc ||
		    nodes[nn - 1].t != t->end_s + p->turnaround_s) {
			if (nn == 0 || nodes[nn - 1].loc != t->end_loc) {
				g->locs[g->n_end_locs] = t->end_loc;
				g->loc_first[g->n_end_locs++] = nn;
			}
			nodes[g->n_nodes++] =
				(ts_node_t){t->end_loc, t->end_s + p->turnaround_s, k, 0};
			g->loc_count[g->n_end_locs - 1]++;
		}
		nodes[g->n_nodes - 1].n_tasks++;
	}
}

/* Deadhead arcs: for each timeline and task, the latest node in time. */
static void ts_arcs(const chain_problem_t *p, ts_net_t *g)
{
	size_t cap = 0;
	const ts_node_t *nodes = g->nodes;
	for (int l = 0; l < g->n_end_locs; l++) {
		int f = g->loc_first[l], c = g->loc_count[l];
		for (int j = 0; j < g->n; j++) {
			const chain_task_t *tj = &p->tasks[j];
			double latest =
				tj->start_s - chain_dh_s(p, g->locs[l], tj->start_loc) + CH_EPS;
			int lo = 0, hi = c; /* first node with t > latest */
			while (lo < hi) {
				int mid = (lo + hi) / 2;
				if (nodes[f + mid].t <= latest)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo == 0)
				continue;
			int node = f + lo - 1;
			/* a task cannot follow itself (possible only for a task of
			 * zero length): skip when j is the only bus ready by then */
			int ready =
				nodes[node].first_task + nodes[node].n_tasks - nodes[f].first_task;
			if (ready == 1 && g->members[nodes[f].first_task] == j)
				continue;
			sr_grow(&g->arcs, &cap, (size_t)g->n_arcs + 1, sizeof(ts_arc_t));
			g->arcs[g->n_arcs++] =
				(ts_arc_t){node, j, chain_dh_m(p, g->locs[l], tj->start_loc)};
		}
	}
}

/* The LP: rows "task j entered once" (1..n) and node conservation
 * (inflow - outflow = -tasks ending there); columns s_j, deadhead arcs,
 * waiting arcs (one per node that has a successor on its timeline), a sink
 * per timeline. Objective: buses (sum s). */
static void ts_build_lp(ts_net_t *g)
{
	int n = g->n;
	ip_model_t *M = ip_model_new(IP_MIN);
	g->M = M;
	ip_add_rows(M, n, 1, 1);
	for (int k = 0; k < g->n_nodes; k++)
		ip_add_rows(M, 1, -g->nodes[k].n_tasks, -g->nodes[k].n_tasks);
	int ind[2];
	double val[2];
	val[0] = 1;
	for (int j = 0; j < n; j++) {
		ind[0] = j + 1;
		int col = ip_add_col(M, IP_CONT, 0, 1, 1, 1, ind, val);
		if (j == 0)
			g->col_s = col;
	}
	g->col_d = n + 1;
	for (int a = 0; a < g->n_arcs; a++) {
		ind[0] = g->arcs[a].j + 1;
		val[0] = 1;
		ind[1] = n + g->arcs[a].node + 1;
		val[1] = -1;
		ip_add_col(M, IP_CONT, 0, 1, 0, 2, ind, val);
	}
	for (int l = 0; l < g->n_end_locs; l++) {
		int f = g->loc_first[l], c = g->loc_count[l];
		for (int q = 0; q + 1 < c; q++) {
			ind[0] = n + f + q + 1;
			val[0] = -1;
			ind[1] = n + f + q + 2;
			val[1] = 1;
			ip_add_col(M, IP_CONT, 0, INFINITY, 0, 2, ind, val);
		}
	}
	for (int l = 0; l < g->n_end_locs; l++) {
		ind[0] = n + g->loc_first[l] + g->loc_count[l];
		val[0] = -1;
		ip_add_col(M, IP_CONT, 0, INFINITY, 0, 1, ind, val);
	}
	ip_crash_basis(M);
}

/* Second stage: at most `buses` buses, fewest metres. */
static void ts_stage2_objective(ts_net_t *g, double buses)
{
	int n = g->n;
	for (int j = 0; j < n; j++)
		ip_set_obj(g->M, g->col_s + j, 0);
	for (int a = 0; a < g->n_arcs; a++)
		ip_set_obj(g->M, g->col_d + a, g->arcs[a].m);
	int *ir = xmalloc(sizeof(int) * (size_t)(n > 0 ? n : 1));
	double *vr = xmalloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
	for (int j = 0; j < n; j++) {
		ir[j] = g->col_s + j;
		vr[j] = 1;
	}
	ip_add_row(g->M, n, ir, vr, -INFINITY, buses);
	free(ir);
	free(vr);
}

/* The two solves: buses, then deadhead metres with the buses fixed. On
 * SR_OK *solved tells whether the first LP was solved in time, and arc_val
 * (n_arcs) gets the deadhead arcs' values of the last optimal LP. */
static int ts_solve(ts_net_t *g, const chain_opts_t *o, double t0, double *arc_val, int *solved,
		    chain_solution_t *sol, sr_error_t *err)
{
	ip_opts_t io;
	ip_opts_init(&io);
	io.time_limit_s = o->time_limit_s;
	io.verbose = o->verbose;
	ip_status_t st;
	double bound;
	double t1 = sr_now();
	int rc = ip_solve(g->M, &io, &st, &bound, err);
	sr_debug("chain: %d tasks, %d timeline nodes, %d deadhead arcs: stage 1 %.2f s", g->n,
		 g->n_nodes, g->n_arcs, sr_now() - t1);
	*solved = rc == SR_OK && st == IP_OPTIMAL;
	if (!*solved)
		return rc;
	double buses = floor(ip_lp_obj(g->M) + 0.5);
	sol->bus_lower_bound = buses;
	for (int a = 0; a < g->n_arcs; a++)
		arc_val[a] = ip_lp_val(g->M, g->col_d + a);
	double left = o->time_limit_s - (sr_now() - t0);
	int second_ok = 0;
	if (left > 0.05) {
		ts_stage2_objective(g, buses);
		io.time_limit_s = left;
		ip_status_t st2;
		rc = ip_solve(g->M, &io, &st2, NULL, err);
		if (rc != SR_OK)
			return rc;
		second_ok = st2 == IP_OPTIMAL;
	}
	if (second_ok)
		for (int a = 0; a < g->n_arcs; a++)
			arc_val[a] = ip_lp_val(g->M, g->col_d + a);
	sol->optimal = second_ok;
	return SR_OK;
}

/* Flow decomposition: walk the nodes in time order; a bus ready at a node
 * is any task that ended on that timeline and is not yet taken. */
static int ts_decompose(const ts_net_t *g, const double *arc_val, int *succ, int *has_pred,
			sr_error_t *err)
{
	int n = g->n, n_nodes = g->n_nodes, n_arcs = g->n_arcs, rc = SR_OK;
	const ts_node_t *nodes = g->nodes;
	int *arc_first = xcalloc((size_t)n_nodes + 1, sizeof(int));
	int *arc_ord = xmalloc(sizeof(int) * (size_t)(n_arcs > 0 ? n_arcs : 1));
	for (int a = 0; a < n_arcs; a++)
		arc_first[g->arcs[a].node + 1]++;
	for (int k = 0; k < n_nodes; k++)
		arc_first[k + 1] += arc_first[k];
	int *fill = xmalloc(sizeof(int) * (size_t)(n_nodes + 1));
	memcpy(fill, arc_first, sizeof(int) * (size_t)(n_nodes + 1));
	for (int a = 0; a < n_arcs; a++)
		arc_ord[fill[g->arcs[a].node]++] = a;
	free(fill);
	/* node order by time (ties: place), each timeline's pool a stack */
	int *node_ord = xmalloc(sizeof(int) * (size_t)(n_nodes > 0 ? n_nodes : 1));
	for (int k = 0; k < n_nodes; k++)
		node_ord[k] = k;
	for (int x = 1; x < n_nodes; x++) /* insertion is fine: nearly sorted per place */
		for (int y = x; y > 0 && nodes[node_ord[y]].t < nodes[node_ord[y - 1]].t; y--) {
			int z = node_ord[y];
			node_ord[y] = node_ord[y - 1];
			node_ord[y - 1] = z;
		}
	int *pool = xmalloc(sizeof(int) * (size_t)(n > 0 ? n : 1));
	int *pool_top = xcalloc((size_t)(g->n_end_locs > 0 ? g->n_end_locs : 1), sizeof(int));
	int *node_loc = xmalloc(sizeof(int) * (size_t)(n_nodes > 0 ? n_nodes : 1));
	for (int l = 0; l < g->n_end_locs; l++)
		for (int q = 0; q < g->loc_count[l]; q++)
			node_loc[g->loc_first[l] + q] = l;
	/* each timeline's pool lives in pool[members range of that place] */
	int *pool_base = xmalloc(sizeof(int) * (size_t)(g->n_end_locs > 0 ? g->n_end_locs : 1));
	for (int l = 0; l < g->n_end_locs; l++)
		pool_base[l] = nodes[g->loc_first[l]].first_task;
	for (int x = 0; x < n_nodes; x++) {
		int k = node_ord[x], l = node_loc[k];
		for (int r = 0; r < nodes[k].n_tasks; r++)
			pool[pool_base[l] + pool_top[l]++] = g->members[nodes[k].first_task + r];
		for (int q = arc_first[k]; q < arc_first[k + 1]; q++) {
			int a = arc_ord[q];
			if (arc_val[a] < 0.5)
				continue;
			if (pool_top[l] == 0) {
				rc = sr_error_set(err, SR_EINTERNAL, NULL, 0,
						  _("chain: flow decomposition found no bus"));
				break;
			}
			int i = pool[pool_base[l] + --pool_top[l]];
			if (i == g->arcs[a].j && pool_top[l] > 0) {
				/* never chain a task to itself: swap with the next */
				int i2 = pool[pool_base[l] + pool_top[l] - 1];
				pool[pool_base[l] + pool_top[l] - 1] = i;
				i = i2;
			}
			succ[i] = g->arcs[a].j;
			has_pred[g->arcs[a].j] = 1;
		}
	}
	free(arc_first);
	free(arc_ord);
	free(node_ord);
	free(pool);
	free(pool_top);
	free(node_loc);
	free(pool_base);
	return rc;
}

static int solve_unlimited(const chain_problem_t *p, const chain_opts_t *o, chain_solution_t *sol,
			   sr_error_t *err)
{
	int n = p->n_tasks, rc = SR_OK;
	double t0 = sr_now();
	int *succ = xmalloc(sizeof(int) * (size_t)(n > 0 ? n : 1));
	int *has_pred = xcalloc((size_t)(n > 0 ? n : 1), sizeof(int));
	double *arc_val = NULL;
	ts_net_t g;
	memset(&g, 0, sizeof(g));
	for (int i = 0; i < n; i++)
		succ[i] = -1;
	sol->bus_lower_bound = n;
	if (n == 0) {
		sol->optimal = 1;
		goto build;
	}
	ts_timelines(p, &g);
	ts_arcs(p, &g);
	ts_build_lp(&g);
	arc_val = xmalloc(sizeof(double) * (size_t)(g.n_arcs + 1));
	int solved;
	rc = ts_solve(&g, o, t0, arc_val, &solved, sol, err);
	if (rc != SR_OK)
		goto out;
	if (!solved) {
		greedy_unlimited(p, succ, has_pred);
		sol->optimal = 0;
		sr_warn(_("chain: the LP was not solved in time; greedy chaining used"));
		goto build;
	}
	rc = ts_decompose(&g, arc_val, succ, has_pred, err);
	if (rc != SR_OK)
		goto out;
build:
	build_duties_unlimited(p, succ, has_pred, sol);
out:
	ts_free(&g);
	free(arc_val);
	free(succ);
	free(has_pred);
	return rc;
}

int chain_solve(const chain_problem_t *p, const chain_opts_t *o, chain_solution_t *sol,
		sr_error_t *err)
{
	chain_opts_t def;
	if (!o) {
		chain_opts_init(&def);
		o = &def;
	}
	memset(sol, 0, sizeof(*sol));
	int rc = validate(p, err);
	if (rc != SR_OK)
		return rc;
	if (p->buses)
		rc = chain_solve_buses(p, o, sol, err);
	else
		rc = solve_unlimited(p, o, sol, err);
	if (rc != SR_OK)
		chain_solution_free(sol);
	return rc;
}
