/* localsearch.c - runs the neighbourhoods (relocate, swap, SWAP*, 2-opt*,
 * Or-opt, 2-opt) in turn until none improves, as in the local search of HGS-CVRP
 * (Vidal 2022) but with first-improvement sweeps per operator; then
 * re-picks vehicle types. */
#include "vrp/search.h"

void vrp_local_search(const vrp_ctx_t *c, vrp_wsol_t *s, double deadline)
{
	vrp_scratch_t w;
	w.a = xmalloc(sizeof(int) * (size_t)(c->nv + 2));
	w.b = xmalloc(sizeof(int) * (size_t)(c->nv + 2));
	for (int pass = 0; pass < 1000; pass++) {
		int imp = 0;
		imp |= ls_relocate(c, s, &w);
		imp |= ls_swap(c, s, &w);
		imp |= ls_swap_star(c, s, &w);
		imp |= ls_two_opt_star(c, s, &w);
		imp |= ls_or_opt(c, s, &w);
		imp |= ls_two_opt(c, s, &w);
		wsol_finish(s, c);
		imp |= wsol_retype(s, c);
		if (!imp || sr_now() > deadline)
			break;
	}
	free(w.a);
	free(w.b);
}
