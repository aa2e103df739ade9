/* two_opt_star.c - 2-opt* (Potvin & Rousseau, JORS 1995): exchange the tails
 * of two routes so that u is followed by v (or v by u), v one of u's K
 * nearest. Keeps orientation, so it is valid on asymmetric matrices and for
 * open routes. Priced in O(1) from cached prefix/suffix segments. */
#include "vrp/search.h"

/* New routes: A' = A[0..ia] + B[ib..], B' = B[0..ib-1] + A[ia+1..]. */
static int try_cut(const vrp_ctx_t *c, vrp_wsol_t *s, vrp_scratch_t *w, int ra, int ia, int rb,
		   int ib)
{
	vrp_wroute_t *A = &s->r[ra], *B = &s->r[rb];
	int ka, kb;
	double ca = route_price(c, s, seg_cat(c, pre_of(A, ia), suf_of(B, ib)), A->type, &ka);
	if (ca >= VRP_INF)
		return 0;
	double cb =
		route_price(c, s, seg_cat(c, pre_of(B, ib - 1), suf_of(A, ia + 1)), B->type, &kb);
	if (ca + cb >= A->cost + B->cost - VRP_EPS || !types_ok(c, s, A->type, ka, B->type, kb))
		return 0;
	int na = copy_run(A, 0, ia, 0, w->a);
	na += copy_run(B, ib, B->len - 1, 0, w->a + na);
	int nb = copy_run(B, 0, ib - 1, 0, w->b);
	nb += copy_run(A, ia + 1, A->len - 1, 0, w->b + nb);
	wsol_apply(s, c, ra, w->a, na, ka);
	wsol_apply(s, c, rb, w->b, nb, kb);
	return 1;
}

int ls_two_opt_star(const vrp_ctx_t *c, vrp_wsol_t *s, vrp_scratch_t *w)
{
	int improved = 0;
	for (int u = 1; u <= c->nv; u++) {
		for (int j = 0; j < c->K; j++) {
			int v = c->nb[(size_t)u * c->K + j];
			int ra = s->route_of[u], rb = s->route_of[v];
			if (ra < 0 || rb < 0 || ra == rb || ls_skip(s, w, u, v))
				continue;
			/* u -> v */
			if (try_cut(c, s, w, ra, s->pos_of[u], rb, s->pos_of[v])) {
				improved = 1;
				continue;
			}
			/* v -> u */
			if (try_cut(c, s, w, rb, s->pos_of[v], ra, s->pos_of[u]))
				improved = 1;
		}
	}
	return improved;
}
