/* test_vrp_start.c - the first solution's pieces against plain
 * recomputations: the granular neighbour lists (vrp_ctx_build, found by
 * selection) against a full sort of every visit's distances, and Clarke &
 * Wright's savings (vrp_savings, its pairs ordered by a radix sort) against
 * a textbook parallel savings whose pairs qsort orders by saving, then
 * (a, b). The instances put their customers on a small grid with integer
 * distances, so that many distances and savings tie and the ties' order
 * decides the routes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "vrp/search.h"

typedef struct grid {
	vrp_problem_t p;
	double *dist;
	int *demand;
	vrp_vehicle_type_t type;
} grid_t;

/* n nodes (the depot first) on a side x side grid, rounded Euclidean
 * distances, demands 1..9, one vehicle type of capacity cap, unlimited. */
static void grid_make(grid_t *g, int n, int side, int cap, uint64_t seed)
{
	sr_rng_t r;
	sr_rng_seed(&r, seed);
	int *x = xmalloc(sizeof(int) * (size_t)n), *y = xmalloc(sizeof(int) * (size_t)n);
	g->dist = xmalloc(sizeof(double) * (size_t)n * (size_t)n);
	g->demand = xmalloc(sizeof(int) * (size_t)n);
	for (int i = 0; i < n; i++) {
		x[i] = (int)sr_rng_below(&r, (uint32_t)side);
		y[i] = (int)sr_rng_below(&r, (uint32_t)side);
		g->demand[i] = i == 0 ? 0 : 1 + (int)sr_rng_below(&r, 9);
	}
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			g->dist[(size_t)i * n + j] = floor(hypot(x[i] - x[j], y[i] - y[j]) + 0.5);
	memset(&g->p, 0, sizeof(g->p));
	vrp_vehicle_type_init(&g->type);
	g->type.capacity = cap;
	g->p.n = n;
	g->p.dist = g->dist;
	g->p.demand = g->demand;
	g->p.kind = VRP_CLOSED;
	g->p.types = &g->type;
	g->p.n_types = 1;
	free(x);
	free(y);
}

static double D(const grid_t *g, int a, int b)
{
	return g->dist[(size_t)a * g->p.n + b];
}

/* Every visit's K nearest by d(a,b) + d(b,a), ties by index: a full sort. */
static void check_neighbours(const grid_t *g, const vrp_ctx_t *c)
{
	int n = g->p.n;
	for (int a = 1; a < n; a++) {
		int *order = xmalloc(sizeof(int) * (size_t)n), m = 0;
		for (int b = 1; b < n; b++)
			if (b != a)
				order[m++] = b;
		for (int i = 1; i < m; i++) /* insertion sort: stable by index */
			for (int j = i; j > 0; j--) {
				int u = order[j - 1], v = order[j];
				if (D(g, a, u) + D(g, u, a) <= D(g, a, v) + D(g, v, a))
					break;
				order[j - 1] = v;
				order[j] = u;
			}
		for (int j = 0; j < c->K; j++)
			CHECK_MSG(c->nb[(size_t)a * c->K + j] == order[j],
				  "n %d, visit %d, neighbour %d: %d, not %d", n, a, j,
				  c->nb[(size_t)a * c->K + j], order[j]);
		free(order);
	}
}

typedef struct pair {
	double s;
	int a, b;
} pair_t;

static int cmp_pair(const void *x, const void *y)
{
	const pair_t *p = x, *q = y;
	if (p->s != q->s)
		return p->s > q->s ? -1 : 1;
	return p->a != q->a ? p->a - q->a : p->b - q->b;
}

/* Textbook parallel savings: next[v] is the visit after v on its route (0
 * at its end); returns the number of routes. */
static int ref_savings(const grid_t *g, int cap, int *next)
{
	int n = g->p.n, m = 0, nr = n - 1;
	int *head = xmalloc(sizeof(int) * (size_t)n), *tail = xmalloc(sizeof(int) * (size_t)n);
	int *load = xmalloc(sizeof(int) * (size_t)n), *rid = xmalloc(sizeof(int) * (size_t)n);
	pair_t *pr = xmalloc(sizeof(pair_t) * (size_t)n * (size_t)n);
	for (int v = 1; v < n; v++) {
		head[v] = tail[v] = rid[v] = v;
		load[v] = g->demand[v];
		next[v] = 0;
		for (int b = 1; b < n; b++)
			if (b != v)
				pr[m++] = (pair_t){D(g, v, 0) + D(g, 0, b) - D(g, v, b), v, b};
	}
	qsort(pr, (size_t)m, sizeof(*pr), cmp_pair);
	for (int i = 0; i < m; i++) {
		int a = pr[i].a, b = pr[i].b, ra = rid[a], rb = rid[b];
		if (ra == rb || tail[ra] != a || head[rb] != b || load[ra] + load[rb] > cap ||
		    pr[i].s <= VRP_EPS)
			continue;
		next[a] = b;
		tail[ra] = tail[rb];
		load[ra] += load[rb];
		for (int v = b; v; v = next[v])
			rid[v] = ra;
		nr--;
	}
	free(head);
	free(tail);
	free(load);
	free(rid);
	free(pr);
	return nr;
}

static void check_savings(const grid_t *g, const vrp_ctx_t *c, int cap)
{
	int n = g->p.n;
	int *next = xmalloc(sizeof(int) * (size_t)n), *prev = xcalloc((size_t)n, sizeof(int));
	int nr = ref_savings(g, cap, next);
	for (int v = 1; v < n; v++)
		if (next[v])
			prev[next[v]] = v;
	vrp_wsol_t s;
	wsol_init(&s, c);
	vrp_savings(c, &s);
	CHECK_MSG(s.nr == nr && s.n_out == 0, "n %d: %d routes, the reference %d", n, s.nr, nr);
	/* the same routes, visit by visit (the visits are the nodes here) */
	for (int i = 0; i < s.nr; i++) {
		const vrp_wroute_t *r = &s.r[i];
		int ok = prev[r->v[0]] == 0 && next[r->v[r->len - 1]] == 0;
		for (int k = 0; k + 1 < r->len; k++)
			ok &= next[r->v[k]] == r->v[k + 1];
		CHECK_MSG(ok, "n %d: route %d (first %d, %d visits) is not the reference's", n, i,
			  r->v[0], r->len);
	}
	wsol_free(&s);
	free(next);
	free(prev);
}

int main(void)
{
	int cases = 0;
	for (uint64_t seed = 1; seed <= 12; seed++) {
		int n = 30 + (int)(seed * 37 % 170), side = seed % 2 ? 12 : 40;
		int cap = 15 + (int)(seed * 13 % 40);
		grid_t g;
		grid_make(&g, n, side, cap, seed);
		vrp_ctx_t c;
		int *out = xmalloc(sizeof(int) * (size_t)(n + 1)), n_out = 0;
		vrp_ctx_build(&c, &g.p, &out, &n_out);
		CHECK(c.nv == n - 1 && n_out == 0);
		check_neighbours(&g, &c);
		check_savings(&g, &c, cap);
		cases++;
		vrp_ctx_free(&c);
		free(out);
		free(g.dist);
		free(g.demand);
	}
	printf("start: neighbour lists and savings routes on %d grid instances\n", cases);
	return test_summary();
}
