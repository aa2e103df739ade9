/* or_opt.c - Or-opt (Or 1976): move a run of 2 or 3 consecutive visits,
 * possibly reversed, to another route next to a nearby visit (HGS-CVRP
 * moves 2-3). Granular and priced in O(1) from cached segments; the moved
 * run's own segment is built from its 2-3 visits. */
#include "vrp/search.h"

static vrp_seg_t run_seg(const vrp_ctx_t *c, const vrp_wroute_t *r, int from, int len, int rev)
{
	vrp_seg_t g = seg_empty();
	for (int i = 0; i < len; i++)
		g = seg_cat(c, g, seg_single(c, r->v[rev ? from + len - 1 - i : from + i]));
	return g;
}

static int try_move(const vrp_ctx_t *c, vrp_wsol_t *s, vrp_scratch_t *w, int u, int L, int v)
{
	int ra = s->route_of[u], rb = s->route_of[v];
	vrp_wroute_t *A = &s->r[ra], *B = &s->r[rb];
	int iu = s->pos_of[u], iv = s->pos_of[v];
	if (iu + L > A->len)
		return 0;
	int ka, kb;
	double ca =
		route_price(c, s, seg_cat(c, pre_of(A, iu - 1), suf_of(A, iu + L)), A->type, &ka);
	if (ca >= VRP_INF)
		return 0;
	for (int rev = 0; rev < 2; rev++) {
		vrp_seg_t g = run_seg(c, A, iu, L, rev);
		for (int after = 1; after >= 0; after--) {
			int p = after ? iv + 1 : iv;
			vrp_seg_t gb = seg_cat(c, seg_cat(c, pre_of(B, p - 1), g), suf_of(B, p));
			double cb = route_price(c, s, gb, B->type, &kb);
			if (ca + cb >= A->cost + B->cost - VRP_EPS ||
			    !types_ok(c, s, A->type, ka, B->type, kb))
				continue;
			int na = copy_run(A, 0, iu - 1, 0, w->a);
			na += copy_run(A, iu + L, A->len - 1, 0, w->a + na);
			int nb = copy_run(B, 0, p - 1, 0, w->b);
			nb += copy_run(A, iu, iu + L - 1, rev, w->b + nb);
			nb += copy_run(B, p, B->len - 1, 0, w->b + nb);
			wsol_apply(s, c, ra, w->a, na, ka);
			wsol_apply(s, c, rb, w->b, nb, kb);
			return 1;
		}
	}
	return 0;
}

int ls_or_opt(const vrp_ctx_t *c, vrp_wsol_t *s, vrp_scratch_t *w)
{
	int improved = 0;
	for (int u = 1; u <= c->nv; u++) {
		for (int j = 0; j < c->K; j++) {
			int v = c->nb[(size_t)u * c->K + j];
			if (ls_skip(s, w, u, v))
				continue;
			for (int L = 2; L <= 3; L++) {
				int ra = s->route_of[u], rb = s->route_of[v];
				if (ra < 0 || rb < 0 || ra == rb)
					break;
				if (try_move(c, s, w, u, L, v))
					improved = 1;
			}
		}
	}
	return improved;
}
