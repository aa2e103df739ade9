/* test_crossover.c - HGS's crossover pieces (src/vrp/crossover.c): Split
 * equals the cheapest of every way of cutting the tour (2^(n-1) cut
 * patterns, routes priced one by one) on random instances with duration,
 * ride and service constraints, and its routes pass the independent
 * checker of solve_check.c; OX children are permutations; the
 * broken-pairs distance equals a count by hand. */
#include <math.h>
#include <string.h>
#include "testutil.h"
#include "solve_check.h"
#include "vrp/cross.h"
#include "vrp/heur.h"

/* The cheapest cut of tour by trying every cut pattern. */
static double brute_split(const vrp_ctx_t *c, const int *tour, int n)
{
	double best = VRP_INF;
	for (unsigned mask = 0; mask < 1u << (n - 1); mask++) {
		double tot = 0;
		int from = 0;
		for (int j = 1; j <= n && tot < VRP_INF; j++) {
			if (j < n && !(mask >> (j - 1) & 1))
				continue;
			double x;
			vrp_seg_t g = seg_empty();
			for (int k = from; k < j; k++)
				g = seg_cat(c, g, seg_single(c, tour[k]));
			if (seg_best_type(c, g, &x) < 0)
				x = VRP_INF;
			tot = x < VRP_INF ? tot + x : VRP_INF;
			from = j;
		}
		if (tot < best)
			best = tot;
	}
	return best;
}

static void test_split_equals_brute_force(void)
{
	int cases = 0, feasible = 0;
	for (uint64_t seed = 1; seed <= 120; seed++) {
		tinst_t t;
		unsigned flags = (unsigned)(seed * 2654435761u >> 9) & (2 | 4 | 32 | 1);
		tinst_random(&t, 6 + (int)(seed % 7), (vrp_route_kind_t)(seed % 3), flags, seed);
		for (int k = 0; k < 3; k++)
			t.types[k].count = -1;
		vrp_ctx_t c;
		int *out = xmalloc(sizeof(int) * (size_t)(t.p.n + 1)), n_out = 0;
		vrp_ctx_build(&c, &t.p, &out, &n_out);
		int tour[64];
		sr_rng_t rng;
		sr_rng_seed(&rng, seed);
		for (int v = 0; v < c.nv; v++)
			tour[v] = v + 1;
		sr_rng_shuffle_int(&rng, tour, (size_t)c.nv);
		vrp_wsol_t s;
		wsol_init(&s, &c);
		double sp = c.nv > 0 ? vrp_split(&c, tour, c.nv, &s) : 0;
		double bf = c.nv > 0 ? brute_split(&c, tour, c.nv) : 0;
		CHECK_MSG((sp >= VRP_INF && bf >= VRP_INF) || fabs(sp - bf) < 1e-9,
			  "seed %llu flags %u: split %.6f, all cuts %.6f", (unsigned long long)seed,
			  flags, sp, bf);
		if (sp < VRP_INF && c.nv > 0) {
			feasible++;
			CHECK_NEAR(s.cost, sp, 1e-9);
			vrp_solution_t sol;
			vrp_export_solution(&c, &s, &sol, out, n_out);
			out = NULL;
			CHECK_MSG(check_solution(&t.p, &sol, 0), "seed %llu",
				  (unsigned long long)seed);
			vrp_solution_free(&sol);
		}
		cases++;
		free(out);
		wsol_free(&s);
		vrp_ctx_free(&c);
		tinst_free(&t);
	}
	printf("split: %d tours, %d feasible, equal to every cut pattern\n", cases, feasible);
	CHECK(feasible > 60);
}

static void test_ox_and_broken_pairs(void)
{
	sr_rng_t rng;
	sr_rng_seed(&rng, 7);
	for (int rep = 0; rep < 200; rep++) {
		int n = 2 + (int)sr_rng_below(&rng, 30), p1[40], p2[40], ch[40];
		char mark[41];
		for (int v = 0; v < n; v++)
			p1[v] = p2[v] = v + 1;
		sr_rng_shuffle_int(&rng, p1, (size_t)n);
		sr_rng_shuffle_int(&rng, p2, (size_t)n);
		vrp_ox(p1, p2, n, &rng, ch, mark, n);
		int seen[41] = {0}, ok = 1, kept = 0;
		for (int v = 0; v < n; v++) {
			ok &= ch[v] >= 1 && ch[v] <= n && !seen[ch[v]];
			if (ch[v] >= 1 && ch[v] <= n)
				seen[ch[v]] = 1;
			kept += ch[v] == p1[v];
		}
		CHECK_MSG(ok, "rep %d: the child is not a permutation", rep);
		CHECK(kept >= 1); /* at least the one-visit stretch stays in place */
	}
}

static void test_broken_pairs_by_hand(void)
{
	tinst_t t;
	tinst_random(&t, 7, VRP_CLOSED, 0, 3);
	t.types[0].capacity = 100;
	vrp_ctx_t c;
	int *out = xmalloc(sizeof(int) * (size_t)(t.p.n + 1)), n_out = 0;
	vrp_ctx_build(&c, &t.p, &out, &n_out);
	vrp_wsol_t a, b;
	wsol_init(&a, &c);
	wsol_init(&b, &c);
	int ra[] = {1, 2, 3}, rb[] = {4, 5, 6}, rc[] = {3, 2, 1, 4, 6, 5};
	wsol_set_route(&a, &c, wsol_add_route(&a, 0), ra, 3);
	wsol_set_route(&a, &c, wsol_add_route(&a, 0), rb, 3);
	wsol_set_route(&b, &c, wsol_add_route(&b, 0), rc, 6);
	int buf[4 * 8];
	/* a's edges 0-1 1-2 2-3 3-0 0-4 4-5 5-6 6-0; b: 0-3 3-2 2-1 1-4 4-6 6-5
	 * 5-0; in either direction b lacks 0-1, 0-4, 4-5 and 6-0: 4 of 6 */
	CHECK_NEAR(vrp_broken_pairs(&c, &a, &b, buf), 4.0 / 6.0, 1e-12);
	CHECK_NEAR(vrp_broken_pairs(&c, &a, &a, buf), 0.0, 1e-12);
	wsol_free(&a);
	wsol_free(&b);
	vrp_ctx_free(&c);
	free(out);
	tinst_free(&t);
}

int main(void)
{
	test_split_equals_brute_force();
	test_ox_and_broken_pairs();
	test_broken_pairs_by_hand();
	return test_summary();
}
