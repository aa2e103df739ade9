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
 * Given buses (multi-depot vehicle scheduling, Bodin et al.; the
 * "multi-commodity" formulation of Löbel 1998 with one commodity per bus):
 * for each bus b, start arcs depot->j, connection arcs i->j and end arcs
 * i->depot, flow conservation per task and bus, at most one start per bus,
 * each task covered once or marked uncovered. Arcs exist only where seats
 * and hours allow (times only grow along a duty, so checking the first and
 * last legs against the bus's hours suffices). Objective: uncovered tasks,
 * then buses, then kilometres weighted by cost_per_km, by weights that make
 * the order strict.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/chain.h"
#include "ip/ip.h"

#define CH_EPS 1e-6

void chain_opts_init(chain_opts_t *o)
{
	memset(o, 0, sizeof(*o));
	o->time_limit_s = 30;
	o->verbose = 0;
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

static double dh_s(const chain_problem_t *p, uint32_t a, uint32_t b)
{
	return p->dh_seconds[(size_t)a * p->n_locs + b];
}

static double dh_m(const chain_problem_t *p, uint32_t a, uint32_t b)
{
	return p->dh_meters ? p->dh_meters[(size_t)a * p->n_locs + b] : 0.0;
}

static int compatible(const chain_problem_t *p, int i, int j)
{
	const chain_task_t *a = &p->tasks[i], *b = &p->tasks[j];
	if (i == j)
		return 0;
	return a->end_s + p->turnaround_s + dh_s(p, a->end_loc, b->start_loc) <=
	       b->start_s + CH_EPS;
}

static int validate(const chain_problem_t *p, sr_error_t *err)
{
	if (p->n_tasks < 0 || (p->n_tasks > 0 && !p->tasks))
		return sr_error_set(err, SR_EINPUT, NULL, 0, "chain: no tasks array");
	if (p->n_tasks > 0 && (!p->dh_seconds || p->n_locs == 0))
		return sr_error_set(err, SR_EINPUT, NULL, 0, "chain: no deadhead matrix");
	if (p->buses && p->n_buses < 0)
		return sr_error_set(err, SR_EINPUT, NULL, 0, "chain: negative bus count");
	for (int i = 0; i < p->n_tasks; i++) {
		const chain_task_t *t = &p->tasks[i];
		if (!(t->start_s <= t->end_s) || !isfinite(t->start_s) || !isfinite(t->end_s))
			return sr_error_set(err, SR_EINPUT, NULL, 0,
					    "chain: task %d ends before it starts", i);
		if (t->start_loc >= p->n_locs || t->end_loc >= p->n_locs)
			return sr_error_set(err, SR_EINPUT, NULL, 0,
					    "chain: task %d has a place outside the matrix", i);
	}
	for (int b = 0; p->buses && b < p->n_buses; b++)
		if (p->buses[b].depot_loc >= p->n_locs)
			return sr_error_set(err, SR_EINPUT, NULL, 0,
					    "chain: bus %d has a depot outside the matrix", b);
	return SR_OK;
}

/* Tasks in order of start time (ties by index): the order of every duty. */
static int *order_by_start(const chain_problem_t *p)
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
					take_a = p->tasks[ord[a]].start_s < p->tasks[ord[b]].start_s ||
						 (p->tasks[ord[a]].start_s == p->tasks[ord[b]].start_s &&
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
static void build_duties_unlimited(const chain_problem_t *p, const int *succ,
				   const int *has_pred, chain_solution_t *sol)
{
	int n = p->n_tasks;
	int *ord = order_by_start(p);
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
				d->deadhead_m += dh_m(p, p->tasks[d->tasks[d->n_tasks - 1]].end_loc,
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
	int *ord = order_by_start(p);
	for (int i = 0; i < n; i++) {
		succ[i] = -1;
		has_pred[i] = 0;
	}
	for (int k = 0; k < n; k++) {
		int j = ord[k], best = -1;
		for (int q = 0; q < k; q++) {
			int i = ord[q];
			if (succ[i] < 0 && compatible(p, i, j) &&
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
						   ? a[x++] : a[y++];
		}
		memcpy(a, tmp, sizeof(int) * (size_t)n);
	}
	free(tmp);
}

static int solve_unlimited(const chain_problem_t *p, const chain_opts_t *o,
			   chain_solution_t *sol, sr_error_t *err)
{
	int n = p->n_tasks, rc = SR_OK;
	double t0 = sr_now();
	int *succ = xmalloc(sizeof(int) * (size_t)(n > 0 ? n : 1));
	int *has_pred = xcalloc((size_t)(n > 0 ? n : 1), sizeof(int));
	int *members = xmalloc(sizeof(int) * (size_t)(n > 0 ? n : 1));
	ts_node_t *nodes = xmalloc(sizeof(ts_node_t) * (size_t)(n > 0 ? n : 1));
	int *loc_first = NULL, *loc_count = NULL, n_nodes = 0, n_arcs = 0;
	uint32_t *locs = NULL;
	int n_end_locs = 0;
	ts_arc_t *arcs = NULL;
	size_t cap = 0;
	glp_prob *P = NULL;
	for (int i = 0; i < n; i++) {
		succ[i] = -1;
		members[i] = i;
	}
	sol->bus_lower_bound = n;
	if (n == 0) {
		sol->optimal = 1;
		goto build;
	}
	/* timelines: tasks grouped by end place, then by end time */
	sort_ready(p, members, n);
	loc_first = xmalloc(sizeof(int) * (size_t)n);
	loc_count = xcalloc((size_t)n, sizeof(int));
	locs = xmalloc(sizeof(uint32_t) * (size_t)n);
	for (int k = 0; k < n; k++) {
		const chain_task_t *t = &p->tasks[members[k]];
		if (n_nodes == 0 || nodes[n_nodes - 1].loc != t->end_loc ||
		    nodes[n_nodes - 1].t != t->end_s + p->turnaround_s) {
			if (n_nodes == 0 || nodes[n_nodes - 1].loc != t->end_loc) {
				locs[n_end_locs] = t->end_loc;
				loc_first[n_end_locs++] = n_nodes;
			}
			nodes[n_nodes++] = (ts_node_t){t->end_loc, t->end_s + p->turnaround_s, k, 0};
			loc_count[n_end_locs - 1]++;
		}
		nodes[n_nodes - 1].n_tasks++;
	}
	/* deadhead arcs: for each timeline and task, the latest node in time */
	for (int l = 0; l < n_end_locs; l++) {
		int f = loc_first[l], c = loc_count[l];
		for (int j = 0; j < n; j++) {
			const chain_task_t *tj = &p->tasks[j];
			double latest = tj->start_s - dh_s(p, locs[l], tj->start_loc) + CH_EPS;
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
			int ready = nodes[node].first_task + nodes[node].n_tasks - nodes[f].first_task;
			if (ready == 1 && members[nodes[f].first_task] == j)
				continue;
			sr_grow(&arcs, &cap, (size_t)n_arcs + 1, sizeof(ts_arc_t));
			arcs[n_arcs++] = (ts_arc_t){node, j, dh_m(p, locs[l], tj->start_loc)};
		}
	}

	/* columns: s_j (1..n), d arcs, waiting arcs (one per node that has a
	 * successor on its timeline), sink per timeline */
	P = glp_create_prob();
	glp_set_obj_dir(P, GLP_MIN);
	glp_add_rows(P, n + n_nodes);
	for (int j = 0; j < n; j++)
		glp_set_row_bnds(P, j + 1, GLP_FX, 1, 1);
	/* node row: inflow - outflow = -tasks ending here */
	for (int k = 0; k < n_nodes; k++)
		glp_set_row_bnds(P, n + k + 1, GLP_FX, -nodes[k].n_tasks, -nodes[k].n_tasks);
	int n_wait = n_nodes - n_end_locs;
	int col_s = 1, col_d = n + 1, col_w = n + n_arcs + 1, col_sink = col_w + n_wait;
	int n_cols = n + n_arcs + n_wait + n_end_locs;
	glp_add_cols(P, n_cols);
	int ind[3];
	double val[3];
	for (int j = 0; j < n; j++) {
		ind[1] = j + 1;
		val[1] = 1;
		glp_set_mat_col(P, col_s + j, 1, ind, val);
		glp_set_col_bnds(P, col_s + j, GLP_DB, 0, 1);
		glp_set_obj_coef(P, col_s + j, 1);
	}
	for (int a = 0; a < n_arcs; a++) {
		ind[1] = arcs[a].j + 1;
		val[1] = 1;
		ind[2] = n + arcs[a].node + 1;
		val[2] = -1;
		glp_set_mat_col(P, col_d + a, 2, ind, val);
		glp_set_col_bnds(P, col_d + a, GLP_DB, 0, 1);
	}
	int w = 0;
	for (int l = 0; l < n_end_locs; l++) {
		int f = loc_first[l], c = loc_count[l];
		for (int q = 0; q + 1 < c; q++) {
			ind[1] = n + f + q + 1;
			val[1] = -1;
			ind[2] = n + f + q + 2;
			val[2] = 1;
			glp_set_mat_col(P, col_w + w, 2, ind, val);
			glp_set_col_bnds(P, col_w + w, GLP_LO, 0, 0);
			w++;
		}
		ind[1] = n + f + c;
		val[1] = -1;
		glp_set_mat_col(P, col_sink + l, 1, ind, val);
		glp_set_col_bnds(P, col_sink + l, GLP_LO, 0, 0);
	}
	{ /* a crash basis: far fewer pivots on networks; quietly (stdout
	   * carries results) */
		int was = glp_term_out(GLP_OFF);
		glp_adv_basis(P, 0);
		glp_term_out(was);
	}
	ip_opts_t io;
	ip_opts_init(&io);
	io.time_limit_s = o->time_limit_s;
	io.msg_level = o->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
	ip_status_t st;
	double bound;
	double t1 = sr_now();
	rc = ip_solve(P, &io, &st, &bound, err);
	sr_debug("chain: %d tasks, %d timeline nodes, %d deadhead arcs: stage 1 %.2f s",
		 n, n_nodes, n_arcs, sr_now() - t1);
	if (rc != SR_OK)
		goto out;
	if (st != IP_OPTIMAL) {
		greedy_unlimited(p, succ, has_pred);
		sol->optimal = 0;
		sr_warn("chain: the LP was not solved in time; greedy chaining used");
		goto build;
	}
	double buses = floor(glp_get_obj_val(P) + 0.5);
	sol->bus_lower_bound = buses;
	int proved = 1;
	/* second stage: at most that many buses, fewest metres */
	double left = o->time_limit_s - (sr_now() - t0);
	double *first_vals = xmalloc(sizeof(double) * (size_t)(n_arcs + 1));
	for (int a = 0; a < n_arcs; a++)
		first_vals[a] = glp_get_col_prim(P, col_d + a);
	int second_ok = 0;
	if (left > 0.05) {
		for (int j = 0; j < n; j++)
			glp_set_obj_coef(P, col_s + j, 0);
		for (int a = 0; a < n_arcs; a++)
			glp_set_obj_coef(P, col_d + a, arcs[a].m);
		int r = glp_add_rows(P, 1);
		int *ir = xmalloc(sizeof(int) * (size_t)(n + 1));
		double *vr = xmalloc(sizeof(double) * (size_t)(n + 1));
		for (int j = 0; j < n; j++) {
			ir[j + 1] = col_s + j;
			vr[j + 1] = 1;
		}
		glp_set_mat_row(P, r, n, ir, vr);
		glp_set_row_bnds(P, r, GLP_UP, 0, buses);
		free(ir);
		free(vr);
		io.time_limit_s = left;
		ip_status_t st2;
		rc = ip_solve(P, &io, &st2, NULL, err);
		if (rc != SR_OK) {
			free(first_vals);
			goto out;
		}
		second_ok = st2 == IP_OPTIMAL;
	}
	if (second_ok)
		for (int a = 0; a < n_arcs; a++)
			first_vals[a] = glp_get_col_prim(P, col_d + a);
	else
		proved = 0;
	sol->optimal = proved;
	/* flow decomposition: walk the nodes in time order; a bus ready at a
	 * node is any task that ended on that timeline and is not yet taken */
	{
		int *arc_first = xcalloc((size_t)n_nodes + 1, sizeof(int));
		int *arc_ord = xmalloc(sizeof(int) * (size_t)(n_arcs > 0 ? n_arcs : 1));
		for (int a = 0; a < n_arcs; a++)
			arc_first[arcs[a].node + 1]++;
		for (int k = 0; k < n_nodes; k++)
			arc_first[k + 1] += arc_first[k];
		int *fill = xmalloc(sizeof(int) * (size_t)(n_nodes + 1));
		memcpy(fill, arc_first, sizeof(int) * (size_t)(n_nodes + 1));
		for (int a = 0; a < n_arcs; a++)
			arc_ord[fill[arcs[a].node]++] = a;
		free(fill);
		/* node order by time (ties: place), each timeline's pool a stack */
		int *node_ord = xmalloc(sizeof(int) * (size_t)n_nodes);
		for (int k = 0; k < n_nodes; k++)
			node_ord[k] = k;
		for (int x = 1; x < n_nodes; x++) /* insertion is fine: nearly sorted per place */
			for (int y = x; y > 0 && nodes[node_ord[y]].t < nodes[node_ord[y - 1]].t; y--) {
				int z = node_ord[y];
				node_ord[y] = node_ord[y - 1];
				node_ord[y - 1] = z;
			}
		int *pool = xmalloc(sizeof(int) * (size_t)n), *pool_top = xcalloc((size_t)n_end_locs, sizeof(int));
		int *node_loc = xmalloc(sizeof(int) * (size_t)n_nodes);
		for (int l = 0; l < n_end_locs; l++)
			for (int q = 0; q < loc_count[l]; q++)
				node_loc[loc_first[l] + q] = l;
		/* each timeline's pool lives in pool[members range of that place] */
		int *pool_base = xmalloc(sizeof(int) * (size_t)n_end_locs);
		for (int l = 0; l < n_end_locs; l++)
			pool_base[l] = nodes[loc_first[l]].first_task;
		for (int x = 0; x < n_nodes; x++) {
			int k = node_ord[x], l = node_loc[k];
			for (int r = 0; r < nodes[k].n_tasks; r++)
				pool[pool_base[l] + pool_top[l]++] = members[nodes[k].first_task + r];
			for (int q = arc_first[k]; q < arc_first[k + 1]; q++) {
				int a = arc_ord[q];
				if (first_vals[a] < 0.5)
					continue;
				if (pool_top[l] == 0) {
					rc = sr_error_set(err, SR_EINTERNAL, NULL, 0,
							  "chain: flow decomposition found no bus");
					break;
				}
				int i = pool[pool_base[l] + --pool_top[l]];
				if (i == arcs[a].j && pool_top[l] > 0) {
					/* never chain a task to itself: swap with the next */
					int i2 = pool[pool_base[l] + pool_top[l] - 1];
					pool[pool_base[l] + pool_top[l] - 1] = i;
					i = i2;
				}
				succ[i] = arcs[a].j;
				has_pred[arcs[a].j] = 1;
			}
		}
		free(arc_first);
		free(arc_ord);
		free(node_ord);
		free(pool);
		free(pool_top);
		free(node_loc);
		free(pool_base);
	}
	free(first_vals);
	if (rc != SR_OK)
		goto out;
build:
	build_duties_unlimited(p, succ, has_pred, sol);
out:
	ip_free_prob(P);
	free(succ);
	free(has_pred);
	free(members);
	free(nodes);
	free(loc_first);
	free(loc_count);
	free(locs);
	free(arcs);
	return rc;
}

/* ---- buses given: one commodity per bus ---- */

typedef struct bus_arc {
	int b;       /* bus */
	int i, j;    /* task indices; -1 = the bus's depot */
	double cost; /* km * cost_per_km */
	double m;    /* metres */
} bus_arc_t;

static int bus_can_task(const chain_problem_t *p, int b, int j)
{
	const chain_bus_t *bus = &p->buses[b];
	const chain_task_t *t = &p->tasks[j];
	if (t->min_seats > bus->seats)
		return 0;
	if (t->start_s - dh_s(p, bus->depot_loc, t->start_loc) < bus->avail_from_s - CH_EPS)
		return 0;
	if (t->end_s + dh_s(p, t->end_loc, bus->depot_loc) > bus->avail_to_s + CH_EPS)
		return 0;
	return 1;
}

static double bus_cpk(const chain_bus_t *b)
{
	return b->cost_per_km > 0 ? b->cost_per_km : 1.0;
}

static int solve_buses(const chain_problem_t *p, const chain_opts_t *o,
		       chain_solution_t *sol, sr_error_t *err)
{
	int n = p->n_tasks, nb = p->n_buses, rc = SR_OK;
	char *can = xcalloc((size_t)n * (size_t)(nb > 0 ? nb : 1) + 1, 1);
	int *doable = xcalloc((size_t)(n > 0 ? n : 1), sizeof(int));
	for (int b = 0; b < nb; b++)
		for (int j = 0; j < n; j++)
			if (bus_can_task(p, b, j)) {
				can[(size_t)b * n + j] = 1;
				doable[j] = 1;
			}
	size_t cap = 0;
	int n_arcs = 0;
	bus_arc_t *arcs = NULL;
	for (int b = 0; b < nb; b++) {
		const chain_bus_t *bus = &p->buses[b];
		double cpk = bus_cpk(bus);
		for (int j = 0; j < n; j++) {
			if (!can[(size_t)b * n + j])
				continue;
			const chain_task_t *t = &p->tasks[j];
			double m;
			sr_grow(&arcs, &cap, (size_t)n_arcs + 2, sizeof(bus_arc_t));
			m = dh_m(p, bus->depot_loc, t->start_loc);
			arcs[n_arcs++] = (bus_arc_t){b, -1, j, m / 1000.0 * cpk, m};
			m = dh_m(p, t->end_loc, bus->depot_loc);
			arcs[n_arcs++] = (bus_arc_t){b, j, -1, m / 1000.0 * cpk, m};
			for (int k = 0; k < n; k++) {
				if (!can[(size_t)b * n + k] || !compatible(p, j, k))
					continue;
				sr_grow(&arcs, &cap, (size_t)n_arcs + 1, sizeof(bus_arc_t));
				m = dh_m(p, t->end_loc, p->tasks[k].start_loc);
				arcs[n_arcs++] = (bus_arc_t){b, j, k, m / 1000.0 * cpk, m};
			}
		}
	}
	/* weights: a bus outweighs all kilometres, an uncovered task all buses */
	double km_total = 0;
	for (int a = 0; a < n_arcs; a++)
		km_total += arcs[a].cost;
	double w_bus = km_total + 1.0;
	double w_unc = w_bus * (nb + 1);

	/* rows: cover (n), conservation (nb*n), one start per bus (nb) */
	glp_prob *P = glp_create_prob();
	glp_set_obj_dir(P, GLP_MIN);
	int row_cover = 1, row_cons = n + 1, row_start = n + nb * n + 1;
	int n_rows = n + nb * n + nb;
	if (n_rows > 0)
		glp_add_rows(P, n_rows);
	for (int j = 0; j < n; j++)
		glp_set_row_bnds(P, row_cover + j, GLP_FX, 1, 1);
	for (int r = 0; r < nb * n; r++)
		glp_set_row_bnds(P, row_cons + r, GLP_FX, 0, 0);
	for (int b = 0; b < nb; b++)
		glp_set_row_bnds(P, row_start + b, GLP_UP, 0, 1);
	int n_cols = n_arcs + n;
	if (n_cols > 0)
		glp_add_cols(P, n_cols);
	for (int a = 0; a < n_arcs; a++) {
		int ind[5], k = 0;
		double val[5];
		const bus_arc_t *ar = &arcs[a];
		int b = ar->b;
		if (ar->j >= 0) { /* enters task j: covers it, inflow */
			ind[++k] = row_cover + ar->j;
			val[k] = 1;
			ind[++k] = row_cons + b * n + ar->j;
			val[k] = 1;
		}
		if (ar->i >= 0) { /* leaves task i: outflow */
			ind[++k] = row_cons + b * n + ar->i;
			val[k] = -1;
		}
		double c = ar->cost;
		if (ar->i < 0) { /* a start arc: one bus used */
			ind[++k] = row_start + b;
			val[k] = 1;
			c += w_bus;
		}
		glp_set_col_kind(P, a + 1, GLP_BV);
		glp_set_obj_coef(P, a + 1, c);
		glp_set_mat_col(P, a + 1, k, ind, val);
	}
	for (int j = 0; j < n; j++) {
		int col = n_arcs + j + 1, ind[2] = {0, row_cover + j};
		double val[2] = {0, 1};
		glp_set_col_kind(P, col, GLP_BV);
		glp_set_obj_coef(P, col, w_unc);
		glp_set_mat_col(P, col, 1, ind, val);
	}
	/* a warm start: every task uncovered is feasible */
	double *warm = xcalloc((size_t)n_cols + 1, sizeof(double));
	for (int j = 0; j < n; j++)
		warm[n_arcs + j + 1] = 1;
	ip_opts_t io;
	ip_opts_init(&io);
	io.time_limit_s = o->time_limit_s;
	io.msg_level = o->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
	io.warm_start = warm;
	ip_status_t st = IP_NOSOLUTION;
	double bound = NAN;
	if (n_cols > 0) {
		rc = ip_solve(P, &io, &st, &bound, err);
		if (rc != SR_OK)
			goto out;
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

	/* read duties: per bus follow its arcs from the depot */
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
			if (arcs[a].b != b || glp_mip_col_val(P, a + 1) < 0.5)
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
						  "chain: broken duty for bus %d", b);
				goto out_read;
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
	(void)doable;
out_read:
	free(next);
	free(next_m);
	free(covered);
out:
	free(warm);
	ip_free_prob(P);
	free(arcs);
	free(can);
	free(doable);
	return rc;
}

int chain_solve(const chain_problem_t *p, const chain_opts_t *o,
		chain_solution_t *sol, sr_error_t *err)
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
		rc = solve_buses(p, o, sol, err);
	else
		rc = solve_unlimited(p, o, sol, err);
	if (rc != SR_OK)
		chain_solution_free(sol);
	return rc;
}
