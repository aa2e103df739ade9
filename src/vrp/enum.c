/* enum.c - all feasible routes of a tiny instance, by depth-first extension
 * of partial routes with pruning on capacity, partial duration (against
 * the largest limit a duration floor allows) and ride slack (all monotone
 * along a route since times are non-negative). For
 * each set of visits the shortest feasible order is kept; set partitioning
 * over these routes (setpart.c) is then an exact method, as in the classical
 * route-enumeration approach (Balinski & Quandt 1964; Foster & Ryan 1976). */
#include <string.h>
#include "vrp/pool.h"

typedef struct en {
	const vrp_ctx_t *c;
	double *best; /* per mask: shortest feasible distance */
	int *seq;     /* per mask: nv visits */
	int path[32];
	long steps, max_steps;
	double deadline;
} en_t;

static void extend(en_t *E, vrp_seg_t g, unsigned mask, int len)
{
	const vrp_ctx_t *c = E->c;
	if (++E->steps > E->max_steps)
		return;
	if ((E->steps & 0xffff) == 0 && sr_now() > E->deadline) {
		E->steps = E->max_steps + 1; /* out of time: give up */
		return;
	}
	for (int k = 0; k < c->nt && len > 0; k++) {
		if (seg_cost(c, g, k) < VRP_INF) {
			vrp_rstat_t st = seg_close(c, g);
			if (st.dist < E->best[mask] - VRP_EPS) {
				E->best[mask] = st.dist;
				memcpy(E->seq + (size_t)mask * c->nv, E->path,
				       sizeof(int) * (size_t)len);
			}
			break;
		}
	}
	for (int v = 1; v <= c->nv; v++) {
		if (mask >> (v - 1) & 1)
			continue;
		vrp_seg_t h = seg_cat(c, g, seg_single(c, v));
		if (h.load > c->capmax)
			continue;
		double lead = c->kind == VRP_TO_DEPOT ? 0.0 : ctx_t(c, 0, h.first);
		/* a later visit may raise the limit to its floor: prune at the
		 * longest limit any route can have */
		if (h.dur + lead + c->p->depot_service > c->dur_cap + VRP_EPS * (1 + c->dur_cap))
			continue;
		if (c->kind == VRP_FROM_DEPOT ? h.slf - lead < -VRP_EPS : h.slt < -VRP_EPS)
			continue;
		E->path[len] = v;
		extend(E, h, mask | 1u << (v - 1), len + 1);
		if (E->steps > E->max_steps)
			return;
	}
}

int vrp_enumerate(const vrp_ctx_t *c, vrp_pool_t *pl, long max_steps, double deadline)
{
	if (c->nv > 16)
		return 0;
	size_t nm = (size_t)1 << c->nv;
	en_t E;
	memset(&E, 0, sizeof(E));
	E.c = c;
	E.max_steps = max_steps;
	E.deadline = deadline;
	E.best = xmalloc(sizeof(double) * nm);
	E.seq = xmalloc(sizeof(int) * nm * (size_t)c->nv);
	for (size_t m = 0; m < nm; m++)
		E.best[m] = VRP_INF;
	extend(&E, seg_empty(), 0, 0);
	int ok = E.steps <= E.max_steps;
	if (ok) {
		for (size_t m = 1; m < nm; m++) {
			if (E.best[m] >= VRP_INF)
				continue;
			int len = __builtin_popcount((unsigned)m), load = 0;
			const int *v = E.seq + m * (size_t)c->nv;
			for (int i = 0; i < len; i++)
				load += c->dem[v[i]];
			pool_add(pl, c, v, len, E.best[m], load);
		}
	}
	free(E.best);
	free(E.seq);
	return ok;
}
