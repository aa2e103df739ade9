/* crossover.c - the crossover of Hybrid Genetic Search (Vidal et al.,
 * "A hybrid genetic algorithm for multidepot and periodic vehicle routing
 * problems", OR 60(3), 2012; Vidal, "Hybrid genetic search for the CVRP:
 * open-source implementation and SWAP* neighborhood", C&OR 2022): two
 * parents are read as giant tours (their routes one after another), the
 * ordered crossover (OX) keeps a random stretch of the first and fills the
 * rest in the order of the second, and Split (Prins, "A simple and
 * effective evolutionary algorithm for the vehicle routing problem",
 * C&OR 31(12), 2004: shortest path over the tour's cut points) cuts the
 * child into the cheapest routes; the local search then educates it.
 *
 * The population is the search chains' solutions between rounds (heur.c).
 * Diversity management as in HGS, reduced to its core for a population of
 * a few: a child replaces its first parent only if it is better and not a
 * near-clone (broken-pairs distance below CLONE_DIST) of another member,
 * unless it beats them all. Split prices routes by seg_best_type() without
 * fleet counts, so the crossover only runs when every vehicle type is
 * unlimited. */
#include <string.h>
#include "vrp/cross.h"

#define TRIES 1		/* children per member and round, the best kept */
#define CLONE_DIST 0.01 /* broken-pairs share under which two solutions are clones */

int vrp_cross_applies(const vrp_ctx_t *c)
{
	for (int k = 0; k < c->nt; k++)
		if (c->cnt[k] >= 0)
			return 0;
	return 1;
}

int vrp_giant_tour(const vrp_wsol_t *s, int *tour)
{
	int n = 0;
	for (int i = 0; i < s->nr; i++)
		for (int j = 0; j < s->r[i].len; j++)
			tour[n++] = s->r[i].v[j];
	return n;
}

void vrp_ox(const int *p1, const int *p2, int n, sr_rng_t *rng, int *child, char *mark, int nv)
{
	int a = (int)sr_rng_below(rng, (uint32_t)n), b = (int)sr_rng_below(rng, (uint32_t)n);
	memset(mark, 0, (size_t)nv + 1);
	for (int k = a;; k = (k + 1) % n) { /* p1's stretch a..b (wrapping) */
		child[k] = p1[k];
		mark[p1[k]] = 1;
		if (k == b)
			break;
	}
	int w = (b + 1) % n;
	for (int q = 1; q <= n; q++) { /* the rest in p2's order after b */
		int v = p2[(b + q) % n];
		if (mark[v])
			continue;
		child[w] = v;
		w = (w + 1) % n;
	}
}

double vrp_split(const vrp_ctx_t *c, const int *tour, int n, vrp_wsol_t *s)
{
	double *V = xmalloc(sizeof(double) * (size_t)(n + 1));
	int *pred = xmalloc(sizeof(int) * (size_t)(n + 1)),
	    *typ = xmalloc(sizeof(int) * (size_t)(n + 1));
	V[0] = 0;
	for (int j = 1; j <= n; j++)
		V[j] = VRP_INF;
	for (int i = 0; i < n; i++) {
		if (V[i] >= VRP_INF)
			continue;
		vrp_seg_t g = seg_empty();
		for (int j = i; j < n; j++) {
			g = seg_cat(c, g, seg_single(c, tour[j]));
			if (g.load > c->capmax || g.dur > c->dur_cap)
				break;
			double x;
			int k = seg_best_type(c, g, &x);
			if (k >= 0 && V[i] + x < V[j + 1] - VRP_EPS) {
				V[j + 1] = V[i] + x;
				pred[j + 1] = i;
				typ[j + 1] = k;
			}
		}
	}
	double total = V[n];
	if (total < VRP_INF) {
		for (int j = n; j > 0; j = pred[j]) {
			int ri = wsol_add_route(s, typ[j]);
			wsol_set_route(s, c, ri, tour + pred[j], j - pred[j]);
		}
		wsol_finish(s, c);
	}
	free(V);
	free(pred);
	free(typ);
	return total;
}

/* successor and predecessor of every visit (0: the depot) */
static void links(const vrp_wsol_t *s, int *succ, int *pred)
{
	for (int i = 0; i < s->nr; i++) {
		const vrp_wroute_t *r = &s->r[i];
		for (int j = 0; j < r->len; j++) {
			succ[r->v[j]] = j + 1 < r->len ? r->v[j + 1] : 0;
			pred[r->v[j]] = j > 0 ? r->v[j - 1] : 0;
		}
	}
}

double vrp_broken_pairs(const vrp_ctx_t *c, const vrp_wsol_t *a, const vrp_wsol_t *b, int *buf)
{
	int nv = c->nv, *sa = buf, *pa = buf + nv + 1, *sb = buf + 2 * (nv + 1),
	    *pb = buf + 3 * (nv + 1);
	links(a, sa, pa);
	links(b, sb, pb);
	int broken = 0;
	for (int v = 1; v <= nv; v++) {
		/* an edge of a that b lacks in either direction */
		if (sa[v] != sb[v] && sa[v] != pb[v])
			broken++;
		if (pa[v] == 0 && pb[v] != 0 && sb[v] != 0)
			broken++;
	}
	return nv ? (double)broken / nv : 0.0;
}

/* The best of TRIES children of p1 (with partners drawn from pop), after
 * local search, into *child; 0 if none could be made. */
static int make_child(const vrp_ctx_t *c, const vrp_wsol_t *p1, const vrp_wsol_t *pop, int n,
		      int self, sr_rng_t *rng, double deadline, vrp_wsol_t *child)
{
	int nv = c->nv, *t1 = xmalloc(sizeof(int) * 3 * (size_t)(nv + 1));
	int *t2 = t1 + nv + 1, *tc = t2 + nv + 1;
	char *mark = xmalloc((size_t)nv + 1);
	vrp_wsol_t w;
	wsol_init(&w, c);
	int made = 0, n1 = vrp_giant_tour(p1, t1);
	for (int t = 0; t < TRIES && n1 == nv && n > 1; t++) {
		int o = (self + 1 + (int)sr_rng_below(rng, (uint32_t)(n - 1))) % n;
		if (vrp_giant_tour(&pop[o], t2) != nv)
			continue;
		vrp_ox(t1, t2, nv, rng, tc, mark, nv);
		wsol_free(&w);
		wsol_init(&w, c);
		if (vrp_split(c, tc, nv, &w) >= VRP_INF)
			continue;
		vrp_local_search(c, &w, deadline);
		if (w.n_out == 0 && (!made || w.cost < child->cost - VRP_EPS)) {
			wsol_copy(child, &w, c);
			made = 1;
		}
	}
	wsol_free(&w);
	free(mark);
	free(t1);
	return made;
}

int vrp_cross_member(const vrp_ctx_t *c, const vrp_wsol_t *pop, int n, int self, uint64_t seed,
		     double deadline, vrp_wsol_t *out)
{
	sr_rng_t rng;
	sr_rng_seed(&rng, seed);
	vrp_wsol_t child;
	wsol_init(&child, c);
	int ok = make_child(c, &pop[self], pop, n, self, &rng, deadline, &child);
	ok = ok && child.cost < pop[self].cost - VRP_EPS;
	int *buf = xmalloc(sizeof(int) * 4 * (size_t)(c->nv + 1));
	double best_other = VRP_INF;
	for (int o = 0; o < n; o++)
		if (pop[o].cost < best_other)
			best_other = pop[o].cost;
	for (int o = 0; o < n && ok; o++) {
		if (o != self && vrp_broken_pairs(c, &child, &pop[o], buf) < CLONE_DIST)
			ok = 0; /* a near-clone of another member */
	}
	if (!ok && child.nr > 0 && child.cost < best_other - VRP_EPS &&
	    child.cost < pop[self].cost - VRP_EPS)
		ok = 1; /* a new best is kept whatever */
	if (ok)
		wsol_copy(out, &child, c);
	free(buf);
	wsol_free(&child);
	return ok;
}
