/* test_swap_star.c - the SWAP* neighbourhood (src/vrp/swap_star.c) against
 * exhaustive search: on random instances (symmetric and asymmetric, all
 * three route kinds) and random pairs of routes, the best move that
 * swap_star_best() reports equals the best of every exchange of two visits
 * with every reinsertion place of each, the distances recomputed here from
 * the matrix; and the local search with SWAP* keeps every constraint (the
 * independent checker of solve_check.c) and never raises the cost. */
#include <math.h>
#include <string.h>
#include "testutil.h"
#include "solve_check.h"
#include "vrp/heur.h"
#include "vrp/search.h"

/* Driven distance of a route of visits seq[0..n-1], depot legs by kind. */
static double route_dist(const vrp_ctx_t *c, const int *seq, int n)
{
	const vrp_problem_t *p = c->p;
	if (n == 0)
		return 0;
	double d = 0;
	for (int k = 0; k + 1 < n; k++)
		d += p->dist[(size_t)c->node[seq[k]] * p->n + c->node[seq[k + 1]]];
	if (c->kind != VRP_TO_DEPOT)
		d += p->dist[c->node[seq[0]]];
	if (c->kind != VRP_FROM_DEPOT)
		d += p->dist[(size_t)c->node[seq[n - 1]] * p->n];
	return d;
}

static int load_of(const vrp_ctx_t *c, const int *seq, int n)
{
	int l = 0;
	for (int k = 0; k < n; k++)
		l += c->dem[seq[k]];
	return l;
}

/* r without index i, x inserted at position p of what is left */
static int without_with(const vrp_wroute_t *r, int i, int x, int p, int *out)
{
	int n = 0;
	for (int k = 0; k < r->len; k++)
		if (k != i)
			out[n++] = r->v[k];
	memmove(out + p + 1, out + p, sizeof(int) * (size_t)(n - p));
	out[p] = x;
	return n + 1;
}

/* Best exchange-and-reinsert of A and B by exhaustive search. */
static double brute_best(const vrp_ctx_t *c, const vrp_wroute_t *A, const vrp_wroute_t *B)
{
	int a[64], b[64];
	double base = route_dist(c, A->v, A->len) + route_dist(c, B->v, B->len), best = VRP_INF;
	for (int i = 0; i < A->len; i++)
		for (int j = 0; j < B->len; j++)
			for (int p = 0; p < A->len; p++) {
				int na = without_with(A, i, B->v[j], p, a);
				if (load_of(c, a, na) > c->capmax)
					continue;
				double da = route_dist(c, a, na);
				for (int q = 0; q < B->len; q++) {
					int nb = without_with(B, j, A->v[i], q, b);
					if (load_of(c, b, nb) > c->capmax)
						continue;
					double d = da + route_dist(c, b, nb) - base;
					if (d < best)
						best = d;
				}
			}
	return best;
}

/* The routes the move describes, rebuilt here, and their distance change. */
static double move_delta(const vrp_ctx_t *c, const vrp_wroute_t *A, const vrp_wroute_t *B,
			 const vrp_swapstar_t *m)
{
	int a[64], b[64], na = 0, nb = 0;
	int u = A->v[m->iu], v = B->v[m->iv];
	for (int k = 0; k <= A->len; k++) {
		if (k == m->ev)
			a[na++] = v;
		if (k < A->len && k != m->iu)
			a[na++] = A->v[k];
	}
	for (int k = 0; k <= B->len; k++) {
		if (k == m->eu)
			b[nb++] = u;
		if (k < B->len && k != m->iv)
			b[nb++] = B->v[k];
	}
	return route_dist(c, a, na) + route_dist(c, b, nb) - route_dist(c, A->v, A->len) -
	       route_dist(c, B->v, B->len);
}

/* A random split of the visits into nr routes (visits in random order). */
static void random_routes(const vrp_ctx_t *c, vrp_wsol_t *s, int nr, sr_rng_t *rng)
{
	int *perm = xmalloc(sizeof(int) * (size_t)c->nv);
	for (int v = 0; v < c->nv; v++)
		perm[v] = v + 1;
	sr_rng_shuffle_int(rng, perm, (size_t)c->nv);
	int from = 0;
	for (int i = 0; i < nr; i++) {
		int to = i + 1 == nr ? c->nv
				     : from + 1 +
					       (int)sr_rng_below(rng, (uint32_t)(c->nv - from -
										 (nr - i - 1)));
		int ri = wsol_add_route(s, 0);
		wsol_set_route(s, c, ri, perm + from, to - from);
		from = to;
	}
	wsol_finish(s, c);
	free(perm);
}

static void test_best_move_equals_brute_force(void)
{
	int pairs = 0, improving = 0;
	for (uint64_t seed = 1; seed <= 150; seed++) {
		tinst_t t;
		vrp_route_kind_t kind = (vrp_route_kind_t)(seed % 3);
		tinst_random(&t, 9 + (int)(seed % 6), kind, (unsigned)(seed / 3 % 2), seed);
		t.types[0].capacity = 12 + (int)(seed % 20);
		vrp_ctx_t c;
		int *out = xmalloc(sizeof(int) * (size_t)(t.p.n + 1)), n_out = 0;
		vrp_ctx_build(&c, &t.p, &out, &n_out);
		vrp_wsol_t s;
		wsol_init(&s, &c);
		sr_rng_t rng;
		sr_rng_seed(&rng, seed);
		random_routes(&c, &s, 2 + (int)(seed % 2), &rng);
		for (int a = 0; a < s.nr; a++)
			for (int b = 0; b < s.nr; b++) {
				if (a == b)
					continue;
				vrp_swapstar_t m;
				swap_star_best(&c, &s.r[a], &s.r[b], &m);
				double bf = brute_best(&c, &s.r[a], &s.r[b]);
				pairs++;
				if (bf >= VRP_INF) {
					CHECK_MSG(m.delta >= VRP_INF,
						  "seed %llu: move %g, none exists",
						  (unsigned long long)seed, m.delta);
					continue;
				}
				improving += bf < -1e-9;
				CHECK_MSG(fabs(m.delta - bf) < 1e-9,
					  "seed %llu kind %d: SWAP* %.9f, exhaustive %.9f",
					  (unsigned long long)seed, (int)kind, m.delta, bf);
				CHECK_NEAR(move_delta(&c, &s.r[a], &s.r[b], &m), m.delta, 1e-9);
			}
		wsol_free(&s);
		vrp_ctx_free(&c);
		free(out);
		tinst_free(&t);
	}
	printf("swap*: %d route pairs, %d with an improving move\n", pairs, improving);
	CHECK(pairs > 300 && improving > 100);
}

/* Every constraint of the generator; SWAP* alone, then the whole local
 * search, from random routes: feasible routes stay feasible and the cost
 * never rises. */
static void test_local_search_keeps_constraints(void)
{
	int moved = 0, cases = 0;
	for (uint64_t seed = 1; seed <= 80; seed++) {
		tinst_t t;
		tinst_random(&t, 12 + (int)(seed % 10), (vrp_route_kind_t)(seed % 3),
			     (unsigned)(seed * 2654435761u >> 9) & 127, seed);
		vrp_ctx_t c;
		int *out = xmalloc(sizeof(int) * (size_t)(t.p.n + 1)), n_out = 0;
		vrp_ctx_build(&c, &t.p, &out, &n_out);
		vrp_wsol_t s;
		wsol_init(&s, &c);
		vrp_savings(&c, &s);
		vrp_scratch_t w = {xmalloc(sizeof(int) * (size_t)(c.nv + 2)),
				   xmalloc(sizeof(int) * (size_t)(c.nv + 2)), 0};
		double before = s.cost;
		int r = 0;
		for (int pass = 0; pass < 50 && ls_swap_star(&c, &s, &w); pass++)
			r = 1;
		wsol_finish(&s, &c);
		CHECK_MSG(s.cost <= before + 1e-9, "seed %llu: %.6f -> %.6f",
			  (unsigned long long)seed, before, s.cost);
		vrp_local_search(&c, &s, 1e300);
		moved += r;
		vrp_solution_t sol;
		vrp_export_solution(&c, &s, &sol, out, n_out);
		CHECK_MSG(check_solution(&t.p, &sol, 0), "seed %llu", (unsigned long long)seed);
		CHECK_NEAR(sol.cost, s.cost - s.n_out * c.unserved_pen, 1e-6 * (1 + sol.cost));
		cases++;
		vrp_solution_free(&sol); /* it took `out` */
		free(w.a);
		free(w.b);
		wsol_free(&s);
		vrp_ctx_free(&c);
		tinst_free(&t);
	}
	printf("swap* local search: %d instances, improved by SWAP* after savings on %d\n", cases,
	       moved);
	CHECK(moved > 5);
}

int main(void)
{
	test_best_move_equals_brute_force();
	test_local_search_keeps_constraints();
	return test_summary();
}
