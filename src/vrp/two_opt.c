/* two_opt.c - 2-opt inside a route (Croes 1958): reverse the run between u
 * and a nearby v of the same route so that they become adjacent. The
 * reversed run is re-evaluated visit by visit because with asymmetric
 * matrices and ride limits its cost is not known from the forward segments. */
#include "vrp/search.h"

int ls_two_opt(const vrp_ctx_t *c, vrp_wsol_t *s, vrp_scratch_t *w)
{
	int improved = 0;
	for (int u = 1; u <= c->nv; u++) {
		for (int j = 0; j < c->K; j++) {
			int v = c->nb[(size_t)u * c->K + j];
			int ra = s->route_of[u];
			if (ra < 0 || s->route_of[v] != ra || ls_skip(s, w, u, v))
				continue;
			vrp_wroute_t *A = &s->r[ra];
			int iu = s->pos_of[u], iv = s->pos_of[v];
			/* u at a, v at b: reverse (a+1..b) when a < b (u->v), else
			 * (b+1..a) (v->u) */
			int lo = iu < iv ? iu + 1 : iv + 1, hi = iu < iv ? iv : iu;
			if (hi - lo < 1)
				continue;
			vrp_seg_t g = pre_of(A, lo - 1);
			for (int i = hi; i >= lo; i--)
				g = seg_cat(c, g, seg_single(c, A->v[i]));
			g = seg_cat(c, g, suf_of(A, hi + 1));
			int k;
			double x = route_price(c, s, g, A->type, &k);
			if (x >= A->cost - VRP_EPS)
				continue;
			int n = copy_run(A, 0, lo - 1, 0, w->a);
			n += copy_run(A, lo, hi, 1, w->a + n);
			n += copy_run(A, hi + 1, A->len - 1, 0, w->a + n);
			wsol_apply(s, c, ra, w->a, n, k);
			improved = 1;
		}
	}
	return improved;
}
