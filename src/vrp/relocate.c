/* relocate.c - move one visit elsewhere (Savelsbergh's relocate / HGS-CVRP
 * move 1), first improvement over granular neighbourhoods (Toth & Vigo,
 * "The granular tabu search", INFORMS J. Computing 2003): a visit u is only
 * tried next to its K nearest visits. Between routes the move is priced in
 * O(1) from cached segments; inside a route by re-evaluating the route. */
#include "vrp/search.h"

static int try_inter(const vrp_ctx_t *c, vrp_wsol_t *s, vrp_scratch_t *w, int u, int v)
{
	int ra = s->route_of[u], rb = s->route_of[v];
	vrp_wroute_t *A = &s->r[ra], *B = &s->r[rb];
	int iu = s->pos_of[u], iv = s->pos_of[v];
	int ka, kb;
	double ca =
		route_price(c, s, seg_cat(c, pre_of(A, iu - 1), suf_of(A, iu + 1)), A->type, &ka);
	if (ca >= VRP_INF)
		return 0;
	vrp_seg_t su = seg_single(c, u);
	for (int after = 1; after >= 0; after--) {
		int p = after ? iv + 1 : iv; /* insert before index p */
		vrp_seg_t g = seg_cat(c, seg_cat(c, pre_of(B, p - 1), su), suf_of(B, p));
		double cb = route_price(c, s, g, B->type, &kb);
		if (ca + cb >= A->cost + B->cost - VRP_EPS ||
		    !types_ok(c, s, A->type, ka, B->type, kb))
			continue;
		int na = copy_run(A, 0, iu - 1, 0, w->a);
		na += copy_run(A, iu + 1, A->len - 1, 0, w->a + na);
		int nb = copy_run(B, 0, p - 1, 0, w->b);
		w->b[nb++] = u;
		nb += copy_run(B, p, B->len - 1, 0, w->b + nb);
		wsol_apply(s, c, ra, w->a, na, ka);
		wsol_apply(s, c, rb, w->b, nb, kb);
		return 1;
	}
	return 0;
}

static int try_intra(const vrp_ctx_t *c, vrp_wsol_t *s, vrp_scratch_t *w, int u, int v)
{
	int ra = s->route_of[u];
	vrp_wroute_t *A = &s->r[ra];
	int iu = s->pos_of[u], iv = s->pos_of[v];
	for (int after = 1; after >= 0; after--) {
		int n = 0;
		for (int i = 0; i < A->len; i++) {
			if (i == iu)
				continue;
			if (i == iv && !after)
				w->a[n++] = u;
			w->a[n++] = A->v[i];
			if (i == iv && after)
				w->a[n++] = u;
		}
		int k;
		vrp_seg_t g = seg_empty();
		for (int i = 0; i < n; i++)
			g = seg_cat(c, g, seg_single(c, w->a[i]));
		double x = route_price(c, s, g, A->type, &k);
		if (x < A->cost - VRP_EPS) {
			wsol_apply(s, c, ra, w->a, n, k);
			return 1;
		}
	}
	return 0;
}

int ls_relocate(const vrp_ctx_t *c, vrp_wsol_t *s, vrp_scratch_t *w)
{
	int improved = 0;
	for (int u = 1; u <= c->nv; u++) {
		for (int j = 0; j < c->K; j++) {
			int v = c->nb[(size_t)u * c->K + j];
			if (s->route_of[u] < 0 || s->route_of[v] < 0 || ls_skip(s, w, u, v))
				continue;
			int r = s->route_of[u] == s->route_of[v] ? try_intra(c, s, w, u, v)
								 : try_inter(c, s, w, u, v);
			improved |= r;
		}
	}
	return improved;
}
