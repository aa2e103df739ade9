/* swap.c - exchange two visits of different routes (HGS-CVRP moves 4-6 for
 * single visits), granular: v is one of u's K nearest, and u is tried both
 * in v's place and next to v (in place of v's successor). Priced in O(1)
 * from cached segments. */
#include "vrp/search.h"

/* Swaps u (route ra, index iu) with the visit at index jb of route rb. */
static int try_pair(const vrp_ctx_t *c, vrp_wsol_t *s, vrp_scratch_t *w, int u, int rb, int jb)
{
	int ra = s->route_of[u];
	vrp_wroute_t *A = &s->r[ra], *B = &s->r[rb];
	if (jb < 0 || jb >= B->len)
		return 0;
	int iu = s->pos_of[u], x = B->v[jb];
	int ka, kb;
	vrp_seg_t ga =
		seg_cat(c, seg_cat(c, pre_of(A, iu - 1), seg_single(c, x)), suf_of(A, iu + 1));
	double ca = route_price(c, s, ga, A->type, &ka);
	if (ca >= VRP_INF)
		return 0;
	vrp_seg_t gb =
		seg_cat(c, seg_cat(c, pre_of(B, jb - 1), seg_single(c, u)), suf_of(B, jb + 1));
	double cb = route_price(c, s, gb, B->type, &kb);
	if (ca + cb >= A->cost + B->cost - VRP_EPS || !types_ok(c, s, A->type, ka, B->type, kb))
		return 0;
	int na = copy_run(A, 0, A->len - 1, 0, w->a);
	w->a[iu] = x;
	int nb = copy_run(B, 0, B->len - 1, 0, w->b);
	w->b[jb] = u;
	wsol_apply(s, c, ra, w->a, na, ka);
	wsol_apply(s, c, rb, w->b, nb, kb);
	return 1;
}

int ls_swap(const vrp_ctx_t *c, vrp_wsol_t *s, vrp_scratch_t *w)
{
	int improved = 0;
	for (int u = 1; u <= c->nv; u++) {
		for (int j = 0; j < c->K; j++) {
			int v = c->nb[(size_t)u * c->K + j];
			int ra = s->route_of[u], rb = s->route_of[v];
			if (ra < 0 || rb < 0 || ra == rb || ls_skip(s, w, u, v))
				continue;
			int iv = s->pos_of[v];
			if (try_pair(c, s, w, u, rb, iv) || try_pair(c, s, w, u, rb, iv + 1) ||
			    try_pair(c, s, w, u, rb, iv - 1))
				improved = 1;
		}
	}
	return improved;
}
