/* localsearch.c - runs the neighbourhoods (relocate, swap, SWAP*, 2-opt*,
 * Or-opt, 2-opt) in turn until none improves, as in the local search of
 * HGS-CVRP (Vidal 2022) but with first-improvement sweeps per operator;
 * then re-picks vehicle types.
 *
 * As in HGS ("whenLastModified"), a pass after the first skips a pair of
 * visits when neither route changed since the previous pass began: that
 * pair was tried then and gave no move, and a move depends only on the two
 * routes, so the result is the same, only found sooner. With a fleet
 * count, a move also depends on the vehicles the other routes use: then
 * every pair is tried on every pass. */
#include "vrp/search.h"

void vrp_local_search(const vrp_ctx_t *c, vrp_wsol_t *s, double deadline)
{
	vrp_scratch_t w;
	w.a = xmalloc(sizeof(int) * (size_t)(c->nv + 2));
	w.b = xmalloc(sizeof(int) * (size_t)(c->nv + 2));
	w.since = 0;
	int unlimited = 1;
	for (int k = 0; k < c->nt; k++)
		unlimited &= c->cnt[k] < 0;
	s->stamp = unlimited ? xcalloc((size_t)c->nv + 1, sizeof(long)) : NULL;
	s->tick = 0;
	for (int pass = 0; pass < 1000; pass++) {
		long start = s->tick + 1; /* the first tick of this pass */
		int imp = 0;
		imp |= ls_relocate(c, s, &w);
		imp |= ls_swap(c, s, &w);
		imp |= ls_swap_star(c, s, &w);
		imp |= ls_two_opt_star(c, s, &w);
		imp |= ls_or_opt(c, s, &w);
		imp |= ls_two_opt(c, s, &w);
		wsol_finish(s, c);
		imp |= wsol_retype(s, c);
		w.since = start;
		if (!imp || sr_now() > deadline)
			break;
	}
	free(s->stamp);
	s->stamp = NULL;
	free(w.a);
	free(w.b);
}
