/* sift.c - the first restricted LP of the sifting of the multi-depot
 * model's root LP (buses.c; the sifting itself, pricing and all, is
 * ip_opts_t.sift in src/ip). A large fleet's program has some ten
 * columns a row (a 60-bus region: 48,000 arcs on 4,900 rows) and an
 * optimum uses a few of each task's arcs, mostly cheap ones. So the
 * restricted LP starts from, for every bus and task, the CH_SIFT_K
 * cheapest arcs out of the task (to another task or to the depot) and
 * into it (from another task or from the depot), the arcs of the first
 * solution (so its duties are a solution of the restricted LP too), and
 * every column that is not an arc (a task left uncovered: with those the
 * restricted LP is always feasible); pricing brings in the rest that
 * matter. The column generation primer of Desrosiers & Lübbecke (2005)
 * and the sifting of Bixby et al. (1992) start the same way, from a
 * restricted master that a heuristic's solution makes feasible (learned
 * from there, no code taken).
 */
#include <stdlib.h>
#include <string.h>
#include "chain/internal.h"

/* Arcs into and out of each task and bus in the first restricted LP: 1
 * (measured on the 300-village region's first chainings, root LPs of
 * 21,000-48,000 arcs: 2 or 3 start from 50-60 % of the arcs, and the
 * pricing rounds bring in what 1 leaves out) */
#define CH_SIFT_K 1

/* The smallest program sifted by default (chain_opts_t.sift = 0), in
 * arcs: the bundled district's and the real-map terms' programs (at most
 * 7,552 arcs, their root LPs well under a second) are solved whole, as
 * before, so their plans stay as they were (sifting ends in another of
 * the equal optima where there are several) */
#define CH_SIFT_MIN_ARCS 10000

/* The k cheapest arcs of one bucket (cost, then number): best[0..k). */
static void keep_best(int *best, int k, const bus_arc_t *arcs, int a)
{
	int q = k;
	while (q > 0 && (best[q - 1] < 0 || arcs[a].cost < arcs[best[q - 1]].cost))
		q--;
	/* ties keep the lower number, already in */
	if (q >= k)
		return;
	memmove(best + q + 1, best + q, sizeof(int) * (size_t)(k - q - 1));
	best[q] = a;
}

unsigned char *chain_sift_cols(const chain_problem_t *p, const bus_net_t *g, const double *warm,
			       int n_cols, int sift)
{
	int n = p->n_tasks, nb = p->n_buses, k = CH_SIFT_K;
	if (sift < 0 || g->n_arcs == 0 || (sift == 0 && g->n_arcs < CH_SIFT_MIN_ARCS))
		return NULL;
	size_t cells = (size_t)n * nb * k;
	int *out = xmalloc(sizeof(int) * (cells + 1)), *in = xmalloc(sizeof(int) * (cells + 1));
	for (size_t c = 0; c < cells; c++)
		out[c] = in[c] = -1;
	for (int a = 0; a < g->n_arcs; a++) {
		const bus_arc_t *ar = &g->arcs[a];
		if (ar->i >= 0)
			keep_best(out + ((size_t)ar->b * n + ar->i) * k, k, g->arcs, a);
		if (ar->j >= 0)
			keep_best(in + ((size_t)ar->b * n + ar->j) * k, k, g->arcs, a);
	}
	unsigned char *s = xcalloc((size_t)n_cols + 1, 1);
	for (size_t c = 0; c < cells; c++) {
		if (out[c] >= 0)
			s[out[c] + 1] = 1;
		if (in[c] >= 0)
			s[in[c] + 1] = 1;
	}
	for (int a = 0; a < g->n_arcs; a++)
		if (warm[a + 1] > 0.5)
			s[a + 1] = 1;
	for (int c = g->n_arcs + 1; c <= n_cols; c++)
		s[c] = 1;
	free(out);
	free(in);
	return s;
}
