/* exact.c - exact branch-and-cut for the symmetric CVRP with GLPK.
 *
 * Model: the two-index vehicle-flow formulation (Laporte & Nobert 1983;
 * Toth & Vigo, "The Vehicle Routing Problem", ch. 1 and 3 by Naddef &
 * Rinaldi): one column per edge {i,j}, x in {0,1,2} on depot edges (2 = a
 * route serving one customer) and {0,1} otherwise; degree 2 at every
 * customer; depot degree 2K with ceil(d(V)/Q) <= K <= fleet size. The
 * rounded capacity inequalities x(delta(S)) >= 2 ceil(d(S)/Q) (written in
 * the equivalent sparse form x(E(S)) <= |S| - ceil(d(S)/Q)) are separated
 * lazily in GLPK's row-generation callback, as GLPK's own examples/tsp adds
 * subtour cuts:
 *   - a global pool of every cut found, rechecked first at each LP (GLPK
 *     keeps a row only in the subtree where it was added);
 *   - the connected components of the customer support graph, which is
 *     exact on integer points (every route or subtour is one component), so
 *     no capacity-infeasible solution is ever accepted;
 *   - the greedy shrinking/extension heuristic of Augerat et al. (1998) and
 *     Lysgaard's CVRPSEP (grow S from each seed by the customer most
 *     strongly linked to it, testing every prefix).
 * A maximum route duration (CMT's DISTANCE + SERVICE_TIME) is enforced on
 * integer points by infeasible-path cuts (Ascheuer, Fischetti & Groetschel
 * 2000): a route whose customer path P is too long gets x(P) <= |P| - 2
 * (P has |P| - 1 edges); valid when inserting a customer never shortens a
 * route (t(i,k) <= t(i,j) + service(j) + t(j,k), checked by
 * vrp_exact_applies), as then any route containing P lasts at least as long.
 * Upper bounds come from the routing engine's heuristics (heur.c): the
 * caller's incumbent and a short run of the matheuristic are handed to GLPK
 * as heuristic solutions (ip_tree_heur_sol); Clarke & Wright savings and the
 * local search are rerun during the search on distances discounted by the LP
 * values (an LP-guided restart). */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ip/ip.h"
#include "vrp/internal.h"
#include "vrp/heur.h"
#include "util/i18n.h"

#define EPS 1e-6
#define VIOL 1e-4 /* minimum violation of a cut worth adding */
#define MAX_CUTS_ROUND 60
#define EXACT_START_ITERS 2000 /* ruin-and-recreate budget of the start */

enum { CUT_GE = 1, CUT_LE = 2 };

typedef struct cut {
	int nnz;
	int *ind;
	double *val;
	int type; /* CUT_GE (lhs >= rhs) or CUT_LE (lhs <= rhs) */
	double rhs;
	uint64_t hash;
} cut_t;

typedef struct ex {
	const vrp_problem_t *p;
	int n, Q, kmin, kmax;
	int ncol;	  /* edge columns 1..ncol */
	int kcol;	  /* column of K (routes), 0 when the fleet size is fixed */
	int ntot;	  /* all columns */
	int *col;	  /* n*n -> column (1-based) of edge {i,j}, 0 on the diagonal */
	int *ei, *ej;	  /* column -> endpoints, ei < ej */
	double *c;	  /* n*n edge cost (cost_per_dist * dist, + fixed/2 at the depot) */
	const double *tm; /* n*n travel time */
	double maxdur;
	const int *dem;
	double *svc;   /* n, service per node (0 at the depot) */
	int int_obj;   /* all costs integral: bounds may be rounded up */
	double cmax;   /* largest edge cost */
	ip_model_t *M; /* the model of the current GLPK run */
	/* global cut pool */
	cut_t *pool;
	size_t n_pool, cap_pool;
	/* scratch */
	double *x; /* 1..ncol LP values */
	double *w; /* n*n LP values by node pair */
	/* best verified solution (columns 1..ncol) */
	double *start;
	double start_cost;
	int start_passed; /* handed to the current GLPK run */
	/* an incumbent GLPK records may violate cuts not generated yet
	 * (ip_solve turns GLPK's rounding heuristic off for that reason; the
	 * check stays as the safeguard): every new incumbent is verified; a
	 * bad one adds its cuts to the pool and restarts */
	double seen_obj;
	int pool_only, restart, n_restarts;
	/* heuristic restarts */
	double *hx;
	int heur_calls;
	/* bound */
	double lb;
	long n_cuts, n_path_cuts;
	double deadline;
	uint64_t seed;
} ex_t;

/* ---------------------------------------------------------------- checks */

static double dur_route(const ex_t *e, const int *v, int len)
{
	int n = e->n;
	double t = 0;
	int prev = 0;
	for (int k = 0; k < len; k++) {
		t += e->tm[prev * n + v[k]] + e->svc[v[k]];
		prev = v[k];
	}
	return t + e->tm[prev * n] + e->p->depot_service;
}

int vrp_exact_applies(const vrp_problem_t *p)
{
	if (!p || p->n < 1 || !p->dist || !p->demand || p->kind != VRP_CLOSED || p->n_types != 1 ||
	    !p->types || p->types[0].capacity <= 0)
		return 0;
	int n = p->n, Q = p->types[0].capacity;
	if (p->max_ride)
		for (int i = 1; i < n; i++)
			if (p->max_ride[i] > 0)
				return 0;
	if (p->duration_floor && p->max_duration > 0)
		return 0; /* path cuts assume one limit for every route */
	for (int i = 1; i < n; i++)
		if (p->demand[i] < 0 || p->demand[i] > Q)
			return 0; /* would need split deliveries */
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++) {
			double a = p->dist[i * n + j], b = p->dist[j * n + i];
			if (!(fabs(a - b) <= 1e-9 * (1 + fabs(a))) || a < 0)
				return 0;
		}
	if (p->max_duration > 0) {
		const double *t = p->time ? p->time : p->dist;
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++) {
				double a = t[i * n + j];
				double sj = (j > 0 && p->service) ? p->service[j] : 0;
				if (!(fabs(a - t[j * n + i]) <= 1e-9 * (1 + fabs(a))) || a < 0)
					return 0;
				/* path cuts need: visiting j on the way from i to k
				 * never saves time (triangle inequality, service
				 * included) */
				for (int k = 0; j > 0 && k < n; k++)
					if (t[i * n + k] > a + sj + t[j * n + k] + 1e-9 * (1 + a))
						return 0;
			}
		if (p->service)
			for (int i = 1; i < n; i++)
				if (p->service[i] < 0)
					return 0;
		for (int i = 1; i < n; i++) {
			double d = t[i] + t[i * n] + (p->service ? p->service[i] : 0) +
				   p->depot_service;
			if (d > p->max_duration + 1e-9)
				return 0; /* unservable stop: vrp_solve sets it aside first */
		}
	}
	return 1;
}

/* ------------------------------------------------------------ cut pool */

static uint64_t cut_hash(int nnz, const int *ind, int type, double rhs)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)type ^
		     ((uint64_t)(int64_t)llround(rhs * 16) << 8);
	for (int k = 0; k < nnz; k++) {
		h ^= (uint64_t)ind[k];
		h *= 1099511628211ULL;
	}
	return h;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static void lp_add_row(ex_t *e, const cut_t *c)
{
	ip_add_row(e->M, c->nnz, c->ind, c->val, c->type == CUT_GE ? c->rhs : -INFINITY,
		   c->type == CUT_LE ? c->rhs : INFINITY);
}

static double cut_lhs(const ex_t *e, const cut_t *c)
{
	double s = 0;
	for (int k = 0; k < c->nnz; k++)
		s += c->val[k] * e->x[c->ind[k]];
	return s;
}

static double cut_violation(const ex_t *e, const cut_t *c)
{
	double lhs = cut_lhs(e, c);
	return c->type == CUT_GE ? c->rhs - lhs : lhs - c->rhs;
}

/* Adds a new cut (ind sorted in place) to the pool and the LP; returns 0
 * if it was already in the pool. */
static int add_cut(ex_t *e, int nnz, int *ind, double *val, int type, double rhs)
{
	/* all coefficients are 1 here, so sorting ind alone is fine */
	qsort(ind, (size_t)nnz, sizeof(int), cmp_int);
	uint64_t h = cut_hash(nnz, ind, type, rhs);
	for (size_t i = 0; i < e->n_pool; i++) {
		const cut_t *c = &e->pool[i];
		if (c->hash == h && c->nnz == nnz && c->type == type && c->rhs == rhs &&
		    !memcmp(c->ind, ind, sizeof(int) * (size_t)nnz))
			return 0;
	}
	sr_grow(&e->pool, &e->cap_pool, e->n_pool + 1, sizeof(cut_t));
	cut_t *c = &e->pool[e->n_pool++];
	c->nnz = nnz;
	c->ind = xmalloc(sizeof(int) * (size_t)(nnz > 0 ? nnz : 1));
	c->val = xmalloc(sizeof(double) * (size_t)(nnz > 0 ? nnz : 1));
	memcpy(c->ind, ind, sizeof(int) * (size_t)nnz);
	memcpy(c->val, val, sizeof(double) * (size_t)nnz);
	c->type = type;
	c->rhs = rhs;
	c->hash = h;
	if (!e->pool_only)
		lp_add_row(e, c);
	return 1;
}

/* Lower bound on the vehicles that must visit S: the larger of ceil(d(S)/Q)
 * and Martello & Toth's L2 bin-packing bound (1990), so the "rounded"
 * capacity cut becomes x(delta(S)) >= 2 L2(S) where packing is tight. */
static long bins_lb(const ex_t *e, const char *mark)
{
	int n = e->n;
	long Q = e->Q, d = 0;
	for (int v = 1; v < n; v++)
		if (mark[v])
			d += e->dem[v];
	long best = (d + Q - 1) / Q;
	for (int a = 0; a < n; a++) {
		long alpha;
		if (a == 0)
			alpha = 0;
		else if (mark[a] && 2L * e->dem[a] <= Q)
			alpha = e->dem[a];
		else
			continue;
		long j1 = 0, j2 = 0, d2 = 0, d3 = 0;
		for (int v = 1; v < n; v++) {
			if (!mark[v])
				continue;
			long x = e->dem[v];
			if (x > Q - alpha)
				j1++;
			else if (2 * x > Q)
				j2++, d2 += x;
			else if (x >= alpha)
				d3 += x;
		}
		long extra = d3 - (j2 * Q - d2);
		long lb = j1 + j2 + (extra > 0 ? (extra + Q - 1) / Q : 0);
		if (lb > best)
			best = lb;
	}
	return best;
}

/* Rounded capacity inequality for the customer set S (mark[v] != 0). */
static int add_rci(ex_t *e, const char *mark, int size)
{
	int n = e->n;
	int k = (int)bins_lb(e, mark);
	if (k < 1)
		k = 1;
	/* sparse form: x(E(S)) <= |S| - k, or x(delta(S)) >= 2k, whichever is
	 * shorter */
	int in_nnz = size * (size - 1) / 2, out_nnz = size * (n - size);
	int nnz = 0;
	int *ind =
		xmalloc(sizeof(int) * (size_t)(in_nnz > out_nnz ? in_nnz : out_nnz) + sizeof(int));
	double *val = xmalloc(sizeof(double) * (size_t)(in_nnz > out_nnz ? in_nnz : out_nnz) +
			      sizeof(double));
	int added;
	if (in_nnz <= out_nnz) {
		for (int i = 1; i < n; i++)
			for (int j = i + 1; mark[i] && j < n; j++)
				if (mark[j]) {
					ind[nnz] = e->col[i * n + j];
					val[nnz++] = 1;
				}
		added = add_cut(e, nnz, ind, val, CUT_LE, size - k);
	} else {
		for (int i = 0; i < n; i++)
			for (int j = i + 1; j < n; j++)
				if ((i > 0 && mark[i]) != (mark[j] != 0)) {
					ind[nnz] = e->col[i * n + j];
					val[nnz++] = 1;
				}
		added = add_cut(e, nnz, ind, val, CUT_GE, 2.0 * k);
	}
	free(ind);
	free(val);
	e->n_cuts += added;
	return added;
}

/* ---------------------------------------------------------- separation */

typedef struct cand {
	double viol;
	char *mark;
	int size;
	long demand;
} cand_t;

static int cmp_cand(const void *a, const void *b)
{
	const cand_t *x = a, *y = b;
	if (x->viol != y->viol)
		return x->viol < y->viol ? 1 : -1;
	return (x->size > y->size) - (x->size < y->size);
}

static int uf_find(int *par, int v)
{
	while (par[v] != v) {
		par[v] = par[par[v]];
		v = par[v];
	}
	return v;
}

/* x(delta(S)) for S given by mark */
static double cut_value(const ex_t *e, const char *mark)
{
	int n = e->n;
	double s = 0;
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			if ((i > 0 && mark[i]) != (mark[j] != 0))
				s += e->w[i * n + j];
	return s;
}

static void push_cand(cand_t **cs, size_t *nc, size_t *cap, int n, const char *mark, int size,
		      long demand, double viol)
{
	for (size_t i = 0; i < *nc; i++)
		if ((*cs)[i].size == size && !memcmp((*cs)[i].mark, mark, (size_t)n))
			return;
	sr_grow(cs, cap, *nc + 1, sizeof(cand_t));
	cand_t *c = &(*cs)[(*nc)++];
	c->mark = xmalloc((size_t)n);
	memcpy(c->mark, mark, (size_t)n);
	c->size = size;
	c->demand = demand;
	c->viol = viol;
}

/* Max flow from node src to node 0 on the dense symmetric capacities cap
 * (N*N, consumed); on return mark[v] = 1 for the customers on the source
 * side of a minimum cut. Edmonds-Karp: fine at the sizes the exact model
 * handles. Returns the cut value. */
static double min_cut(int N, int src, double *cap, char *mark, int *queue, int *from)
{
	double flow = 0;
	for (;;) {
		for (int v = 0; v < N; v++)
			from[v] = -1;
		from[src] = src;
		int qh = 0, qt = 0;
		queue[qt++] = src;
		while (qh < qt && from[0] < 0) {
			int u = queue[qh++];
			for (int v = 0; v < N; v++)
				if (from[v] < 0 && cap[u * N + v] > 1e-9) {
					from[v] = u;
					queue[qt++] = v;
				}
		}
		if (from[0] < 0)
			break;
		double f = INFINITY;
		for (int v = 0; v != src; v = from[v])
			if (cap[from[v] * N + v] < f)
				f = cap[from[v] * N + v];
		for (int v = 0; v != src; v = from[v]) {
			cap[from[v] * N + v] -= f;
			cap[v * N + from[v]] += f;
		}
		flow += f;
	}
	for (int v = 0; v < N; v++)
		mark[v] = (char)(v > 0 && v < N - 1 && from[v] >= 0);
	return flow;
}

/* Fractional capacity inequalities x(delta(S)) >= 2 d(S)/Q separated
 * exactly by max flow (Harche & Rinaldi; as in CVRPSEP): a source linked
 * to each customer i with capacity 2 d_i/Q, the LP edges, the depot as the
 * sink: a cut of value below 2 d(V)/Q gives a violated set S (source
 * side). Run once freely and once with each customer forced into S; each
 * set found is offered as a rounded capacity cut. */
static void separate_fci(ex_t *e, cand_t **cs, size_t *nc, size_t *cap_c)
{
	int n = e->n, N = n + 1, src = n;
	double *cap = xmalloc(sizeof(double) * (size_t)N * (size_t)N);
	char *mark = xmalloc((size_t)N);
	int *queue = xmalloc(sizeof(int) * (size_t)N), *from = xmalloc(sizeof(int) * (size_t)N);
	for (int force = 0; force < n; force++) {
		for (int u = 0; u < N; u++)
			for (int v = 0; v < N; v++)
				cap[u * N + v] = (u < n && v < n) ? e->w[u * n + v] : 0;
		for (int i = 1; i < n; i++)
			cap[src * N + i] = 2.0 * e->dem[i] / e->Q;
		if (force)
			cap[src * N + force] = 1e9;
		double f = min_cut(N, src, cap, mark, queue, from);
		if (force && f >= 1e8)
			continue;
		int size = 0;
		long d = 0;
		for (int v = 1; v < n; v++)
			if (mark[v]) {
				size++;
				d += e->dem[v];
			}
		if (size == 0)
			continue;
		long k = bins_lb(e, mark);
		double viol = 2.0 * (double)k - cut_value(e, mark);
		if (viol > VIOL)
			push_cand(cs, nc, cap_c, n, mark, size, d, viol);
	}
	free(cap);
	free(mark);
	free(queue);
	free(from);
}

/* Candidates from the connected components of the customer support graph
 * (exact on integer points: every route or subtour is one component). */
static void separate_components(ex_t *e, int *par, char *mark, cand_t **cs, size_t *nc, size_t *cap)
{
	int n = e->n;
	for (int i = 0; i < n; i++)
		par[i] = i;
	for (int i = 1; i < n; i++)
		for (int j = i + 1; j < n; j++)
			if (e->w[i * n + j] > EPS)
				par[uf_find(par, i)] = uf_find(par, j);
	for (int r = 1; r < n; r++) {
		if (uf_find(par, r) != r)
			continue;
		int size = 0;
		long d = 0;
		for (int v = 1; v < n; v++) {
			mark[v] = (char)(uf_find(par, v) == r);
			if (mark[v]) {
				size++;
				d += e->dem[v];
			}
		}
		long k = bins_lb(e, mark);
		if (k < 1)
			k = 1;
		double viol = 2.0 * (double)k - cut_value(e, mark);
		if (viol > VIOL)
			push_cand(cs, nc, cap, n, mark, size, d, viol);
	}
}

/* Greedy extension from seed s (Augerat et al.; CVRPSEP): grow S by the
 * customer most strongly linked to it, testing every prefix; the most
 * violated prefix becomes a candidate. mark and a are scratch (n). */
static void separate_greedy(ex_t *e, int s, char *mark, double *a, cand_t **cs, size_t *nc,
			    size_t *cap)
{
	int n = e->n;
	memset(mark, 0, (size_t)n);
	mark[s] = 1;
	int size = 1;
	long d = e->dem[s];
	double cutv = 0;
	for (int v = 0; v < n; v++) {
		a[v] = (v == s) ? 0 : e->w[s * n + v];
		cutv += a[v];
	}
	double best_viol = VIOL;
	char *best = NULL;
	int best_size = 0;
	long best_d = 0;
	while (size < n - 1) {
		int bv = -1;
		for (int v = 1; v < n; v++)
			if (!mark[v] && (bv < 0 || a[v] > a[bv] + 1e-12))
				bv = v;
		if (bv < 0 || a[bv] < EPS)
			break;
		double deg = 0;
		for (int u = 0; u < n; u++)
			deg += e->w[bv * n + u];
		cutv += deg - 2 * a[bv];
		mark[bv] = 1;
		size++;
		d += e->dem[bv];
		for (int u = 0; u < n; u++)
			a[u] += e->w[bv * n + u];
		long k = bins_lb(e, mark);
		double viol = 2.0 * (double)k - cutv;
		if (viol > best_viol) {
			best_viol = viol;
			free(best);
			best = xmalloc((size_t)n);
			memcpy(best, mark, (size_t)n);
			best_size = size;
			best_d = d;
		}
	}
	if (best) {
		push_cand(cs, nc, cap, n, best, best_size, best_d, best_viol);
		free(best);
	}
}

/* Separates rounded capacity inequalities at e->x; returns the number of
 * rows added. Components first (exact when x is integral), then greedy
 * extension from every seed. */
static int separate_rci(ex_t *e, int integral)
{
	int n = e->n;
	int *par = xmalloc(sizeof(int) * (size_t)n);
	char *mark = xcalloc((size_t)n, 1);
	double *a = xmalloc(sizeof(double) * (size_t)n);
	cand_t *cs = NULL;
	size_t nc = 0, cap = 0;
	separate_components(e, par, mark, &cs, &nc, &cap);
	/* greedy extension (skipped on integer points, where components are
	 * exact, once they found something) */
	if (!(integral && nc > 0))
		for (int s = 1; s < n; s++)
			separate_greedy(e, s, mark, a, &cs, &nc, &cap);
	if (!integral && nc < 10)
		separate_fci(e, &cs, &nc, &cap);
	if (nc > 1)
		qsort(cs, nc, sizeof(cand_t), cmp_cand);
	int added = 0;
	for (size_t i = 0; i < nc; i++) {
		if (added < MAX_CUTS_ROUND)
			added += add_rci(e, cs[i].mark, cs[i].size);
		free(cs[i].mark);
	}
	free(cs);
	free(par);
	free(mark);
	free(a);
	return added;
}

/* On an integer point that satisfies every capacity cut: routes longer
 * than the duration limit get an infeasible-path cut. */
static int separate_duration(ex_t *e)
{
	int n = e->n;
	char *seen = xcalloc((size_t)n, 1);
	int *path = xmalloc(sizeof(int) * (size_t)n);
	int *ind = xmalloc(sizeof(int) * (size_t)n);
	double *val = xmalloc(sizeof(double) * (size_t)n);
	int added = 0;
	for (int s = 1; s < n; s++) {
		if (seen[s])
			continue;
		/* s must be a path end: fewer than two customer neighbours */
		int nb = 0;
		for (int v = 1; v < n; v++)
			if (v != s && e->w[s * n + v] > 0.5)
				nb++;
		if (nb > 1)
			continue;
		int len = 0, prev = -1, cur = s;
		while (cur > 0 && !seen[cur]) {
			seen[cur] = 1;
			path[len++] = cur;
			int next = -1;
			for (int v = 1; v < n; v++)
				if (v != cur && v != prev && !seen[v] && e->w[cur * n + v] > 0.5) {
					next = v;
					break;
				}
			prev = cur;
			cur = next;
		}
		if (len >= 2 && dur_route(e, path, len) > e->maxdur + 1e-9) {
			for (int k = 0; k + 1 < len; k++) {
				ind[k] = e->col[path[k] * n + path[k + 1]];
				val[k] = 1;
			}
			int a = add_cut(e, len - 1, ind, val, CUT_LE, len - 2);
			e->n_path_cuts += a;
			added += a;
		}
	}
	free(seen);
	free(path);
	free(ind);
	free(val);
	return added;
}

static void read_lp_point(ex_t *e)
{
	int n = e->n;
	for (int j = 1; j <= e->ncol; j++) {
		double v = ip_lp_val(e->M, j);
		e->x[j] = v;
		e->w[e->ei[j] * n + e->ej[j]] = v;
		e->w[e->ej[j] * n + e->ei[j]] = v;
	}
}

static int point_integral(const ex_t *e)
{
	for (int j = 1; j <= e->ncol; j++)
		if (fabs(e->x[j] - floor(e->x[j] + 0.5)) > EPS)
			return 0;
	return 1;
}

/* ------------------------------------------- solutions as route lists */

typedef struct hsol {
	int n_routes;
	int **r;
	int *len;
} hsol_t;

static void hsol_free(hsol_t *s)
{
	for (int i = 0; i < s->n_routes; i++)
		free(s->r[i]);
	free(s->r);
	free(s->len);
	memset(s, 0, sizeof(*s));
}

static double route_cost(const ex_t *e, const int *v, int len)
{
	if (len == 0)
		return 0;
	int n = e->n;
	double c = e->c[v[0]];
	for (int k = 0; k + 1 < len; k++)
		c += e->c[v[k] * n + v[k + 1]];
	return c + e->c[v[len - 1] * n];
}

static long route_load(const ex_t *e, const int *v, int len)
{
	long l = 0;
	for (int k = 0; k < len; k++)
		l += e->dem[v[k]];
	return l;
}

static int route_ok(const ex_t *e, const int *v, int len)
{
	if (route_load(e, v, len) > e->Q)
		return 0;
	return !(e->maxdur > 0) || dur_route(e, v, len) <= e->maxdur + 1e-9;
}

/* Columns (1..ncol) of a solution; returns its cost. */
static double hsol_to_x(const ex_t *e, const hsol_t *s, double *x)
{
	int n = e->n;
	double cost = 0;
	memset(x, 0, sizeof(double) * (size_t)(e->ntot + 1));
	for (int r = 0; r < s->n_routes; r++) {
		int len = s->len[r];
		if (len == 0)
			continue;
		const int *v = s->r[r];
		x[e->col[v[0]]] += 1;
		x[e->col[v[len - 1]]] += 1;
		for (int k = 0; k + 1 < len; k++)
			x[e->col[v[k] * n + v[k + 1]]] += 1;
		cost += route_cost(e, v, len);
		if (e->kcol)
			x[e->kcol] += 1;
	}
	return cost;
}

/* Whether s visits every customer once within capacity, duration, fleet. */
static int hsol_feasible(const ex_t *e, const hsol_t *s)
{
	char *seen = xcalloc((size_t)e->n, 1);
	int ok = 1, used = 0;
	for (int r = 0; r < s->n_routes && ok; r++) {
		if (s->len[r] == 0)
			continue;
		used++;
		for (int k = 0; k < s->len[r] && ok; k++) {
			int v = s->r[r][k];
			if (v < 1 || v >= e->n || seen[v]++)
				ok = 0;
		}
		if (ok && !route_ok(e, s->r[r], s->len[r]))
			ok = 0;
	}
	for (int v = 1; v < e->n && ok; v++)
		ok = seen[v];
	free(seen);
	return ok && used <= e->kmax;
}

/* Routes of an integer point (e->w filled from it). */
static int routes_from_point(const ex_t *e, hsol_t *s)
{
	int n = e->n;
	memset(s, 0, sizeof(*s));
	char *seen = xcalloc((size_t)n, 1);
	int *buf = xmalloc(sizeof(int) * (size_t)n);
	int ok = 1;
	for (int st = 1; st < n && ok; st++) {
		double wd = e->w[st];
		if (seen[st] || wd < 0.5)
			continue;
		int len = 0, prev = 0, cur = st;
		while (cur > 0) {
			if (seen[cur]) {
				ok = 0;
				break;
			}
			seen[cur] = 1;
			buf[len++] = cur;
			int next = 0;
			if (!(len == 1 && e->w[cur] > 1.5)) {
				for (int v = 1; v < n; v++)
					if (v != cur && v != prev && !seen[v] &&
					    e->w[cur * n + v] > 0.5) {
						next = v;
						break;
					}
			}
			prev = cur;
			cur = next;
		}
		s->r = xreallocarray(s->r, (size_t)s->n_routes + 1, sizeof(int *));
		s->len = xreallocarray(s->len, (size_t)s->n_routes + 1, sizeof(int));
		s->r[s->n_routes] = xmalloc(sizeof(int) * (size_t)len);
		memcpy(s->r[s->n_routes], buf, sizeof(int) * (size_t)len);
		s->len[s->n_routes++] = len;
	}
	free(seen);
	free(buf);
	return ok && hsol_feasible(e, s);
}

/* ------------------------------------------------------------ callback */

static void note_bound(ex_t *e, ip_tree_t *T)
{
	double b = ip_tree_bound(T);
	if (b > e->lb)
		e->lb = b;
}

static void keep_best(ex_t *e, const double *x, double cost)
{
	if (cost < e->start_cost - 1e-9) {
		if (!e->start)
			e->start = xcalloc((size_t)e->ntot + 1, sizeof(double));
		memcpy(e->start, x, sizeof(double) * (size_t)(e->ntot + 1));
		e->start_cost = cost;
	}
}

static int take_incumbent(ex_t *e, const vrp_solution_t *inc, hsol_t *s);

/* LP-guided restart: the routing engine's savings on distances that look
 * cheaper where the LP puts weight, then its local search on the true
 * costs (vrp_heur_start without GLPK: this runs inside GLPK's callback). */
static void try_heuristic(ex_t *e, ip_tree_t *T)
{
	int n = e->n;
	double *g = xmalloc(sizeof(double) * (size_t)n * (size_t)n);
	for (int i = 0; i < n * n; i++)
		g[i] = e->p->dist[i] * (1.0 - 0.5 * (e->w[i] > 1 ? 1 : e->w[i]));
	vrp_solution_t vs;
	hsol_t s;
	if (vrp_heur_start(e->p, g, e->seed, 0, e->deadline, &vs)) {
		if (take_incumbent(e, &vs, &s)) {
			double cost = hsol_to_x(e, &s, e->hx);
			if (cost < e->start_cost - 1e-9 && ip_tree_heur_sol(T, e->hx) == 0) {
				keep_best(e, e->hx, cost);
				e->seen_obj = ip_mip_obj(e->M);
			}
		}
		hsol_free(&s);
		vrp_solution_free(&vs);
	}
	free(g);
}

/* Checks GLPK's incumbent when it changed; 0 if it is infeasible (its
 * violated cuts then went to the pool). */
static int incumbent_ok(ex_t *e)
{
	if (!ip_mip_has(e->M))
		return 1;
	double obj = ip_mip_obj(e->M);
	if (obj == e->seen_obj)
		return 1;
	int n = e->n;
	for (int j = 1; j <= e->ntot; j++) {
		double v = floor(ip_mip_val(e->M, j) + 0.5);
		e->x[j] = v;
		if (j <= e->ncol)
			e->w[e->ei[j] * n + e->ej[j]] = e->w[e->ej[j] * n + e->ei[j]] = v;
	}
	hsol_t s;
	int ok = routes_from_point(e, &s);
	hsol_free(&s);
	if (ok) {
		e->seen_obj = obj;
		keep_best(e, e->x, obj);
		return 1;
	}
	e->pool_only = 1;
	int added = separate_rci(e, 1);
	if (!added && e->maxdur > 0)
		added = separate_duration(e);
	e->pool_only = 0;
	sr_debug("exact: GLPK recorded an infeasible incumbent (%g); %d cuts, restarting", obj,
		 added);
	return 0;
}

/* Branching: the number of routes first when it is fractional, then the
 * most fractional edge (ties: the dearer one). Cheaper than GLPK's
 * Driebeck-Tomlin default, whose tableau work dominates once many cuts are
 * in the LP, and the usual rule for edge branching in CVRP codes. */
static void choose_branch(ex_t *e, ip_tree_t *T)
{
	int best = 0;
	double best_score = -1;
	if (e->kcol && ip_tree_can_branch(T, e->kcol)) {
		ip_tree_branch(T, e->kcol);
		return;
	}
	for (int j = 1; j <= e->ncol; j++) {
		if (!ip_tree_can_branch(T, j))
			continue;
		double v = ip_lp_val(e->M, j);
		double f = v - floor(v);
		double score = (f < 1 - f ? f : 1 - f) +
			       1e-6 * e->c[e->ei[j] * e->n + e->ej[j]] / (1 + e->cmax);
		if (score > best_score) {
			best_score = score;
			best = j;
		}
	}
	if (best)
		ip_tree_branch(T, best);
}

static void callback(ip_tree_t *T, void *info)
{
	ex_t *e = info;
	ip_reason_t reason = ip_tree_reason(T);
	if (e->restart)
		return;
	if (!incumbent_ok(e)) {
		e->restart = 1;
		ip_tree_stop(T);
		return;
	}
	note_bound(e, T);
	if (reason == IP_CB_ROWGEN) {
		read_lp_point(e);
		int added = 0;
		for (size_t i = 0; i < e->n_pool; i++)
			if (cut_violation(e, &e->pool[i]) > VIOL) {
				lp_add_row(e, &e->pool[i]);
				added++;
			}
		if (added)
			return;
		int integral = point_integral(e);
		added = separate_rci(e, integral);
		if (!added && integral && e->maxdur > 0)
			added = separate_duration(e);
	} else if (reason == IP_CB_BRANCH) {
		choose_branch(e, T);
	} else if (reason == IP_CB_HEUR) {
		if (e->start && !e->start_passed) {
			e->start_passed = 1;
			if (ip_tree_heur_sol(T, e->start) == 0)
				e->seen_obj = ip_mip_obj(e->M);
		}
		/* LP-guided restarts: often at first, then every 50th call */
		e->heur_calls++;
		if (e->heur_calls <= 20 || e->heur_calls % 50 == 0) {
			read_lp_point(e);
			try_heuristic(e, T);
		}
	}
}

/* ---------------------------------------------------------------- solve */

static int sol_from_hsol(const ex_t *e, const hsol_t *s, vrp_solution_t *sol)
{
	int n_used = 0;
	for (int r = 0; r < s->n_routes; r++)
		n_used += s->len[r] > 0;
	sol->routes = xcalloc((size_t)(n_used > 0 ? n_used : 1), sizeof(vrp_route_t));
	sol->n_routes = 0;
	sol->cost = 0;
	sol->dist = 0;
	for (int r = 0; r < s->n_routes; r++) {
		int len = s->len[r];
		if (len == 0)
			continue;
		vrp_route_t *R = &sol->routes[sol->n_routes++];
		R->stops = xmalloc(sizeof(int) * (size_t)len);
		R->load = xmalloc(sizeof(int) * (size_t)len);
		/* canonical direction: the smaller end first */
		int rev = s->r[r][len - 1] < s->r[r][0];
		for (int k = 0; k < len; k++) {
			R->stops[k] = s->r[r][rev ? len - 1 - k : k];
			R->load[k] = e->dem[R->stops[k]];
		}
		R->n_stops = len;
		R->type = 0;
		double d = e->p->dist[R->stops[0]];
		for (int k = 0; k + 1 < len; k++)
			d += e->p->dist[R->stops[k] * e->n + R->stops[k + 1]];
		d += e->p->dist[R->stops[len - 1] * e->n];
		R->dist = d;
		R->duration = dur_route(e, R->stops, len);
		sol->dist += d;
		sol->cost += e->p->types[0].fixed_cost + e->p->types[0].cost_per_dist * d;
	}
	return SR_OK;
}

static void ex_free(ex_t *e)
{
	for (size_t i = 0; i < e->n_pool; i++) {
		free(e->pool[i].ind);
		free(e->pool[i].val);
	}
	free(e->pool);
	free(e->col);
	free(e->ei);
	free(e->ej);
	free(e->c);
	free(e->svc);
	free(e->x);
	free(e->w);
	free(e->start);
	free(e->hx);
}

/* Converts the caller's incumbent; 1 if it is feasible for this model. */
static int take_incumbent(ex_t *e, const vrp_solution_t *inc, hsol_t *s)
{
	memset(s, 0, sizeof(*s));
	if (!inc || inc->n_unserved > 0)
		return 0;
	for (int r = 0; r < inc->n_routes; r++) {
		const vrp_route_t *R = &inc->routes[r];
		if (R->n_stops <= 0 || !R->stops)
			continue;
		s->r = xreallocarray(s->r, (size_t)s->n_routes + 1, sizeof(int *));
		s->len = xreallocarray(s->len, (size_t)s->n_routes + 1, sizeof(int));
		s->r[s->n_routes] = xmalloc(sizeof(int) * (size_t)R->n_stops);
		memcpy(s->r[s->n_routes], R->stops, sizeof(int) * (size_t)R->n_stops);
		s->len[s->n_routes++] = R->n_stops;
	}
	return hsol_feasible(e, s);
}

static int all_integral(const double *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] != floor(v[i]) || fabs(v[i]) > 1e12)
			return 0;
	return 1;
}

static void free_routes(vrp_solution_t *s)
{
	for (int r = 0; r < s->n_routes; r++) {
		free(s->routes[r].stops);
		free(s->routes[r].load);
	}
	free(s->routes);
	s->routes = NULL;
	s->n_routes = 0;
}

/* The model: edge columns (and K), degree rows, and every pooled cut. */
static ip_model_t *build_model(ex_t *e)
{
	const vrp_problem_t *p = e->p;
	int n = e->n;
	ip_model_t *M = ip_model_new(IP_MIN);
	e->M = M;
	ip_add_cols(M, e->ntot, IP_CONT, 0, 0, 0);
	if (e->kcol) {
		ip_set_kind(M, e->kcol, IP_INT);
		ip_set_col_bnds(M, e->kcol, e->kmin, e->kmax);
	}
	for (int k = 1; k <= e->ncol; k++) {
		int i = e->ei[k], j = e->ej[k];
		ip_set_kind(M, k, IP_INT);
		double ub = (i == 0) ? 2 : 1;
		if (i > 0 && p->demand[i] + p->demand[j] > e->Q)
			ub = 0;
		if (i > 0 && e->maxdur > 0) {
			int pr[2] = {i, j};
			if (dur_route(e, pr, 2) > e->maxdur + 1e-9)
				ub = 0;
		}
		ip_set_col_bnds(M, k, 0, ub);
		ip_set_obj(M, k, e->c[i * n + j]);
	}
	/* degree rows: node 0 (the depot) and each customer */
	int *ind = xmalloc(sizeof(int) * (size_t)(n + 1));
	double *val = xmalloc(sizeof(double) * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		int nz = 0;
		for (int j = 0; j < n; j++)
			if (j != i) {
				ind[nz] = e->col[i * n + j];
				val[nz++] = 1;
			}
		if (i == 0 && e->kcol) {
			/* x(delta(0)) = 2K, K an integer column to branch on */
			ind[nz] = e->kcol;
			val[nz++] = -2;
		}
		double rhs = i > 0 ? 2 : e->kcol ? 0 : 2.0 * e->kmin;
		ip_add_row(M, nz, ind, val, rhs, rhs);
	}
	free(ind);
	free(val);
	for (size_t i = 0; i < e->n_pool; i++)
		lp_add_row(e, &e->pool[i]);
	return M;
}

/* The instance's data, and the fleet: kmin from the bin-packing bound,
 * kmax from the vehicle count. */
static void ex_init(ex_t *e, const vrp_problem_t *p, double deadline)
{
	int n = p->n;
	memset(e, 0, sizeof(*e));
	e->p = p;
	e->n = n;
	e->Q = p->types[0].capacity;
	e->dem = p->demand;
	e->tm = p->time ? p->time : p->dist;
	e->maxdur = p->max_duration > 0 ? p->max_duration : 0;
	e->svc = xcalloc((size_t)n, sizeof(double));
	for (int i = 1; i < n && p->service; i++)
		e->svc[i] = p->service[i];
	e->deadline = deadline;
	char *all = xmalloc((size_t)n);
	memset(all, 1, (size_t)n);
	e->kmin = (int)bins_lb(e, all); /* >= ceil(d(V)/Q) */
	free(all);
	int m = n - 1;
	e->kmax = p->types[0].count >= 0 ? p->types[0].count : m;
	if (e->kmax > m)
		e->kmax = m;
}

/* Edge costs (cost_per_dist * dist, + fixed/2 at the depot) and the
 * column numbering: edges 1..ncol, then K when the fleet size is free. */
static void ex_columns(ex_t *e)
{
	const vrp_problem_t *p = e->p;
	int n = e->n;
	double cpd = p->types[0].cost_per_dist, fixed = p->types[0].fixed_cost;
	e->c = xcalloc((size_t)n * (size_t)n, sizeof(double));
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			if (i != j)
				e->c[i * n + j] = cpd * p->dist[i * n + j] +
						  ((i == 0 || j == 0) ? fixed / 2 : 0);
	e->int_obj = all_integral(e->c, (size_t)n * (size_t)n);
	for (int i = 0; i < n * n; i++)
		if (e->c[i] > e->cmax)
			e->cmax = e->c[i];
	e->ncol = n * (n - 1) / 2;
	e->col = xcalloc((size_t)n * (size_t)n, sizeof(int));
	e->ei = xcalloc((size_t)e->ncol + 1, sizeof(int));
	e->ej = xcalloc((size_t)e->ncol + 1, sizeof(int));
	e->kcol = e->kmin < e->kmax ? e->ncol + 1 : 0;
	e->ntot = e->ncol + (e->kcol ? 1 : 0);
	e->x = xcalloc((size_t)e->ntot + 1, sizeof(double));
	e->hx = xcalloc((size_t)e->ntot + 1, sizeof(double));
	e->w = xcalloc((size_t)n * (size_t)n, sizeof(double));
	for (int i = 0, k = 0; i < n; i++)
		for (int j = i + 1; j < n; j++) {
			k++;
			e->col[i * n + j] = e->col[j * n + i] = k;
			e->ei[k] = i;
			e->ej[k] = j;
		}
}

/* Starting solutions: the caller's, and the routing engine's matheuristic
 * with a small fixed budget (a fifth of the time at most); the best goes to
 * e->start. */
static void ex_starts(ex_t *e, const vrp_problem_t *p, const vrp_opts_t *o,
		      const vrp_solution_t *incumbent, double t0, double limit)
{
	e->start_cost = INFINITY;
	e->seed = o ? o->seed : 1;
	hsol_t hs;
	if (take_incumbent(e, incumbent, &hs))
		keep_best(e, e->hx, hsol_to_x(e, &hs, e->hx));
	hsol_free(&hs);
	vrp_solution_t vs;
	if (vrp_heur_start(p, NULL, e->seed, EXACT_START_ITERS, t0 + 0.2 * limit, &vs)) {
		if (take_incumbent(e, &vs, &hs))
			keep_best(e, e->hx, hsol_to_x(e, &hs, e->hx));
		hsol_free(&hs);
		vrp_solution_free(&vs);
	}
}

/* Branch-and-cut runs until one ends without GLPK having recorded an
 * infeasible incumbent (each such run leaves its cuts in the pool) or the
 * time is up. e->M is the last run's model (NULL if none is left). */
static int ex_run(ex_t *e, const vrp_opts_t *o, double limit, double t0, ip_status_t *st,
		  sr_error_t *err)
{
	*st = IP_NOSOLUTION;
	for (;;) {
		build_model(e);
		ip_opts_t io;
		ip_opts_init(&io);
		io.time_limit_s = limit - (sr_now() - t0);
		if (io.time_limit_s < 0.01)
			io.time_limit_s = 0.01;
		io.cb_func = callback;
		io.cb_info = e;
		io.verbose = o && o->verbose;
		e->lb = -INFINITY; /* a bound from a run with a bad incumbent is void */
		e->seen_obj = NAN;
		e->start_passed = 0;
		e->restart = 0;
		double bound;
		int rc = ip_solve(e->M, &io, st, &bound, err);
		if (rc)
			return rc;
		/* the last incumbent may not have been seen by the callback */
		if (!e->restart && *st != IP_INFEASIBLE && !incumbent_ok(e))
			e->restart = 1;
		if (!e->restart)
			return SR_OK;
		e->n_restarts++;
		ip_model_free(e->M);
		e->M = NULL;
		if (sr_now() >= e->deadline) {
			*st = IP_NOSOLUTION;
			return SR_OK;
		}
	}
}

/* Routes of the columns x (1..ncol) into s; 1 if they form a feasible
 * solution. */
static int routes_from_cols(ex_t *e, const double *x, hsol_t *s)
{
	int n = e->n;
	for (int j = 1; j <= e->ncol; j++)
		e->w[e->ei[j] * n + e->ej[j]] = e->w[e->ej[j] * n + e->ei[j]] = x[j];
	int ok = routes_from_point(e, s);
	if (!ok)
		hsol_free(s);
	return ok;
}

/* The result: GLPK's incumbent if verified, else (or if better) the best
 * solution seen; the bound. */
static int ex_result(ex_t *e, ip_status_t st, double limit, vrp_solution_t *sol, sr_error_t *err)
{
	int proved = (st == IP_OPTIMAL && !e->restart);
	int have = 0;
	hsol_t hs;
	if (e->M && (st == IP_OPTIMAL || st == IP_FEASIBLE)) {
		for (int j = 1; j <= e->ncol; j++)
			e->x[j] = floor(ip_mip_val(e->M, j) + 0.5);
		have = routes_from_cols(e, e->x, &hs);
		if (!have)
			proved = 0;
	}
	if (!have && e->start)
		have = routes_from_cols(e, e->start, &hs);
	if (!have)
		return sr_error_set(err, SR_ELIMIT, NULL, 0,
				    _("exact model: no solution within %.3g s"), limit);
	sol_from_hsol(e, &hs, sol);
	hsol_free(&hs);
	if (e->start_cost < sol->cost - 1e-9) { /* a better verified one */
		vrp_solution_t tmp = *sol;
		if (routes_from_cols(e, e->start, &hs)) {
			sol_from_hsol(e, &hs, sol);
			free_routes(&tmp);
			proved = 0;
			hsol_free(&hs);
		} else {
			*sol = tmp;
		}
	}
	sol->optimal = proved;
	if (sol->optimal) {
		sol->lower_bound = sol->cost;
	} else {
		double lb = e->lb;
		if (e->int_obj && isfinite(lb))
			lb = ceil(lb - 1e-6);
		sol->lower_bound = isfinite(lb) ? (lb < sol->cost ? lb : sol->cost) : -INFINITY;
	}
	return SR_OK;
}

int vrp_exact_solve(const vrp_problem_t *p, const vrp_opts_t *o, const vrp_solution_t *incumbent,
		    vrp_solution_t *sol, sr_error_t *err)
{
	double t0 = sr_now();
	memset(sol, 0, sizeof(*sol));
	sol->lower_bound = -INFINITY;
	if (!vrp_exact_applies(p))
		return sr_error_set(
			err, SR_EINPUT, NULL, 0,
			_("exact model does not apply (needs closed routes, one vehicle type, "
			  "symmetric distances, no ride limits, demands within capacity)"));
	ex_t E;
	ex_t *e = &E;
	int n = p->n, rc = SR_OK;
	double limit = o && o->time_limit_s > 0 ? o->time_limit_s : 10;
	ex_init(e, p, t0 + limit);
	if (n == 1) { /* no customer */
		sol->routes = xcalloc(1, sizeof(vrp_route_t));
		sol->optimal = 1;
		sol->lower_bound = 0;
		goto out;
	}
	if (e->kmin > e->kmax) {
		long total = 0;
		for (int i = 1; i < n; i++)
			total += p->demand[i];
		rc = sr_error_set(
			err, SR_EINPUT, NULL, 0,
			_("total demand %ld needs at least %d vehicles of capacity %d, only %d available"),
			total, e->kmin, e->Q, e->kmax);
		goto out;
	}
	ex_columns(e);
	ex_starts(e, p, o, incumbent, t0, limit);
	ip_status_t st;
	rc = ex_run(e, o, limit, t0, &st, err);
	if (rc != SR_OK)
		goto out;
	if (st == IP_INFEASIBLE && !e->start) {
		rc = sr_error_set(err, SR_EINPUT, NULL, 0,
				  _("the problem has no feasible solution"));
		goto out;
	}
	rc = ex_result(e, st, limit, sol, err);
	if (rc != SR_OK)
		goto out;
	sr_debug("exact: n=%d cost %.2f lb %.2f optimal %d cuts %ld path cuts %ld restarts %d", n,
		 sol->cost, sol->lower_bound, sol->optimal, e->n_cuts, e->n_path_cuts,
		 e->n_restarts);
out:
	ip_model_free(e->M);
	ex_free(e);
	sol->seconds = sr_now() - t0;
	return rc;
}
