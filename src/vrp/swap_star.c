/* swap_star.c - SWAP* (Vidal, "Hybrid genetic search for the CVRP:
 * open-source implementation and SWAP* neighborhood", C&OR 140, 2022):
 * exchange a visit u of route A with a visit v of route B, each inserted
 * at its best place in the other route rather than in the other's spot.
 * The paper's observation makes the best such move cheap to find: the best
 * place for v in A without u is either where u was or one of the three
 * cheapest insertion places of v in A as it is (removing u touches only
 * two of A's edges). So the three best places of every visit of A in B and
 * of B in A are computed once per pair of routes, and each (u, v) pair is
 * then priced in O(1).
 *
 * The move is found on distances (arc sums, open routes without their
 * missing leg) with capacity checked against the largest vehicle; the
 * best one is then priced exactly by route_price() (duration, ride limits,
 * vehicle types) and applied only if it lowers the true cost. HGS filters
 * route pairs by the overlap of their polar sectors around the depot; the
 * engine has no coordinates (only a matrix), so a pair is tried when a
 * visit of one has a visit of the other among its granular neighbours. */
#include <string.h>
#include "vrp/search.h"

/* The length of leg a -> b of a route (0 = the depot: a at the start, b
 * at the end), 0 for the leg an open route does not drive. */
static double leg(const vrp_ctx_t *c, int a, int b)
{
	if (a == 0 && c->kind == VRP_TO_DEPOT)
		return 0.0;
	if (b == 0 && c->kind == VRP_FROM_DEPOT)
		return 0.0;
	return ctx_d(c, a, b);
}

static inline int at(const vrp_wroute_t *r, int i)
{
	return i < 0 || i >= r->len ? 0 : r->v[i];
}

/* The three cheapest edges k (between v[k-1] and v[k]; 0..len) of route r
 * to insert visit x into: cost and edge, cheapest first, ties to the
 * lowest k; missing ones cost VRP_INF. */
typedef struct top3 {
	double cost[3];
	int edge[3];
} top3_t;

static void top3_of(const vrp_ctx_t *c, const vrp_wroute_t *r, int x, top3_t *t)
{
	for (int q = 0; q < 3; q++) {
		t->cost[q] = VRP_INF;
		t->edge[q] = -1;
	}
	for (int k = 0; k <= r->len; k++) {
		int a = at(r, k - 1), b = at(r, k);
		double d = leg(c, a, x) + leg(c, x, b) - leg(c, a, b);
		int q = 3;
		while (q > 0 && d < t->cost[q - 1])
			q--;
		if (q == 3)
			continue;
		for (int m = 2; m > q; m--) {
			t->cost[m] = t->cost[m - 1];
			t->edge[m] = t->edge[m - 1];
		}
		t->cost[q] = d;
		t->edge[q] = k;
	}
}

/* The saving of taking the visit at index i out of route r (>= 0 with the
 * triangle inequality). */
static double removal(const vrp_ctx_t *c, const vrp_wroute_t *r, int i)
{
	int a = at(r, i - 1), u = r->v[i], b = at(r, i + 1);
	return leg(c, a, u) + leg(c, u, b) - leg(c, a, b);
}

/* The cheapest place for x in route r without its visit at index i:
 * where that visit was (edge i), or one of x's top three edges of r that
 * do not touch it (neither i nor i + 1). */
static double best_place(const vrp_ctx_t *c, const vrp_wroute_t *r, int i, int x, const top3_t *t,
			 int *edge)
{
	int a = at(r, i - 1), b = at(r, i + 1);
	double best = leg(c, a, x) + leg(c, x, b) - leg(c, a, b);
	*edge = i;
	for (int q = 0; q < 3; q++) {
		if (t->edge[q] < 0 || t->edge[q] == i || t->edge[q] == i + 1)
			continue;
		if (t->cost[q] < best) {
			best = t->cost[q];
			*edge = t->edge[q];
		}
		break;
	}
	return best;
}

void swap_star_best(const vrp_ctx_t *c, const vrp_wroute_t *A, const vrp_wroute_t *B,
		    vrp_swapstar_t *m)
{
	m->delta = VRP_INF;
	m->iu = m->iv = m->eu = m->ev = -1;
	if (A->len == 0 || B->len == 0)
		return;
	top3_t *ta = xmalloc(sizeof(top3_t) * (size_t)(A->len + B->len));
	top3_t *tb = ta + A->len;
	for (int i = 0; i < A->len; i++) /* A's visits into B */
		top3_of(c, B, A->v[i], &ta[i]);
	for (int j = 0; j < B->len; j++) /* B's visits into A */
		top3_of(c, A, B->v[j], &tb[j]);
	int la = pre_of(A, A->len - 1).load, lb = pre_of(B, B->len - 1).load;
	for (int i = 0; i < A->len; i++) {
		int u = A->v[i];
		double ru = removal(c, A, i);
		for (int j = 0; j < B->len; j++) {
			int v = B->v[j];
			if (la - c->dem[u] + c->dem[v] > c->capmax ||
			    lb - c->dem[v] + c->dem[u] > c->capmax)
				continue;
			int ev, eu;
			double d = best_place(c, A, i, v, &tb[j], &ev) +
				   best_place(c, B, j, u, &ta[i], &eu) - ru - removal(c, B, j);
			if (d < m->delta) {
				m->delta = d;
				m->iu = i;
				m->iv = j;
				m->eu = eu;
				m->ev = ev;
			}
		}
	}
	free(ta);
}

/* Route r without its visit at index i and with x before index e (e == i:
 * in that visit's place) into out; returns the length. */
static int rebuilt(const vrp_wroute_t *r, int i, int x, int e, int *out)
{
	int n = 0;
	for (int k = 0; k <= r->len; k++) {
		if (k == e)
			out[n++] = x;
		if (k < r->len && k != i)
			out[n++] = r->v[k];
	}
	return n;
}

/* The best SWAP* move between routes a and b, applied if it lowers the
 * true cost. */
static int try_routes(const vrp_ctx_t *c, vrp_wsol_t *s, vrp_scratch_t *w, int a, int b)
{
	vrp_wroute_t *A = &s->r[a], *B = &s->r[b];
	vrp_swapstar_t m;
	swap_star_best(c, A, B, &m);
	if (!(m.delta < -VRP_EPS))
		return 0;
	int u = A->v[m.iu], v = B->v[m.iv];
	int na = rebuilt(A, m.iu, v, m.ev, w->a);
	int nb = rebuilt(B, m.iv, u, m.eu, w->b);
	vrp_seg_t ga = seg_empty(), gb = seg_empty();
	for (int k = 0; k < na; k++)
		ga = seg_cat(c, ga, seg_single(c, w->a[k]));
	for (int k = 0; k < nb; k++)
		gb = seg_cat(c, gb, seg_single(c, w->b[k]));
	int ka, kb;
	double ca = route_price(c, s, ga, A->type, &ka);
	double cb = route_price(c, s, gb, B->type, &kb);
	if (ca + cb >= A->cost + B->cost - VRP_EPS || !types_ok(c, s, A->type, ka, B->type, kb))
		return 0;
	wsol_apply(s, c, a, w->a, na, ka);
	wsol_apply(s, c, b, w->b, nb, kb);
	return 1;
}

int ls_swap_star(const vrp_ctx_t *c, vrp_wsol_t *s, vrp_scratch_t *w)
{
	int nr = s->nr, improved = 0;
	if (nr < 2)
		return 0;
	/* pairs of routes with granular neighbours in common, in index order */
	char *pair = xcalloc((size_t)nr * (size_t)nr, 1);
	for (int u = 1; u <= c->nv; u++) {
		int ra = s->route_of[u];
		for (int j = 0; j < c->K && ra >= 0; j++) {
			int rb = s->route_of[c->nb[(size_t)u * c->K + j]];
			if (rb >= 0 && rb != ra)
				pair[(size_t)(ra < rb ? ra : rb) * nr + (ra < rb ? rb : ra)] = 1;
		}
	}
	/* a pair whose routes have not changed since w->since was tried */
	char *fresh = xcalloc((size_t)nr, 1);
	for (int a = 0; a < nr; a++)
		for (int j = 0; j < s->r[a].len; j++)
			fresh[a] |= !s->stamp || s->stamp[s->r[a].v[j]] >= w->since;
	for (int a = 0; a < nr; a++)
		for (int b = a + 1; b < nr; b++)
			if (pair[(size_t)a * nr + b] && (fresh[a] || fresh[b]))
				improved |= try_routes(c, s, w, a, b);
	free(fresh);
	free(pair);
	return improved;
}
