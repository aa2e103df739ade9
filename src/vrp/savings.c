/* savings.c - Clarke & Wright's parallel savings construction (Operations
 * Research 12(4), 1964), generalised to the route kinds, asymmetric
 * matrices and a mixed fleet: every pair (a, b) is scored by the distance
 * saved when a route ending in a is joined to a route starting with b, and
 * joins are made in decreasing order when the joined route is feasible for
 * some vehicle type and cheaper than the two apart. Fleet counts are then
 * enforced by giving the largest routes the vehicles first; routes left
 * without a vehicle are dissolved and repaired by cheapest insertion. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "vrp/search.h"

typedef struct saving {
	double s;
	int a, b;
} saving_t;

static int cmp_saving(const void *x, const void *y)
{
	const saving_t *p = x, *q = y;
	if (p->s != q->s)
		return p->s > q->s ? -1 : 1;
	if (p->a != q->a)
		return p->a - q->a;
	return p->b - q->b;
}

static double pair_saving(const vrp_ctx_t *c, int a, int b)
{
	double s = -ctx_d(c, a, b);
	if (c->kind != VRP_FROM_DEPOT)
		s += ctx_d(c, a, 0);
	if (c->kind != VRP_TO_DEPOT)
		s += ctx_d(c, 0, b);
	return s;
}

/* A key whose unsigned order is the descending order of the finite
 * double s (IEEE 754 bits, the sign folded in; -0 counts as +0, as the
 * comparison does). */
static uint64_t desc_key(double s)
{
	uint64_t u;
	s += 0.0;
	memcpy(&u, &s, sizeof u);
	u = (u >> 63) ? ~u : u | (1ull << 63);
	return ~u;
}

#define RADIX_BITS 11 /* a pass's digit: its counts stay in the L1 cache */
#define RADIX (1 << RADIX_BITS)

/* Sorts sv[0..n-1] by descending saving, stably: the order of cmp_saving
 * when the pairs come in (a, b) order. An LSD radix sort: on 1,000
 * customers the million pairs' qsort was a third of the start, 0.24 of
 * 0.69 CPU-s while the other search threads wait. Returns 0, sorting
 * nothing, when a saving is not finite (qsort then keeps cmp_saving's
 * order). */
static int radix_savings(saving_t *sv, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isfinite(sv[i].s))
			return 0;
	uint64_t *key = xmalloc(sizeof(uint64_t) * n * 2), *k2 = key + n;
	saving_t *tmp = xmalloc(sizeof(saving_t) * n), *from = sv, *to = tmp;
	size_t *cnt = xmalloc(sizeof(size_t) * (RADIX + 1));
	for (size_t i = 0; i < n; i++)
		key[i] = desc_key(sv[i].s);
	for (int sh = 0; sh < 64; sh += RADIX_BITS) {
		memset(cnt, 0, sizeof(size_t) * (RADIX + 1));
		for (size_t i = 0; i < n; i++)
			cnt[((key[i] >> sh) & (RADIX - 1)) + 1]++;
		if (cnt[((key[0] >> sh) & (RADIX - 1)) + 1] == n)
			continue; /* every key has this digit */
		for (int d = 0; d < RADIX; d++)
			cnt[d + 1] += cnt[d];
		for (size_t i = 0; i < n; i++) {
			size_t at = cnt[(key[i] >> sh) & (RADIX - 1)]++;
			to[at] = from[i];
			k2[at] = key[i];
		}
		saving_t *t = from;
		from = to;
		to = t;
		uint64_t *u = key;
		key = k2;
		k2 = u;
	}
	if (from != sv)
		memcpy(sv, from, sizeof(saving_t) * n);
	free(key < k2 ? key : k2);
	free(tmp);
	free(cnt);
	return 1;
}

/* Candidate pairs, largest saving first: all pairs when small, else the
 * granular neighbours. The caller frees the array. */
static saving_t *candidate_savings(const vrp_ctx_t *c, const int *alive, size_t *n_out)
{
	int nv = c->nv;
	/* sized once: grown pair by pair, its copies cost as much as the sort */
	size_t cap = (size_t)nv * (size_t)(nv <= 1500 ? nv : c->K) + 1, ns = 0;
	saving_t *sv = xmalloc(sizeof(*sv) * cap);
	for (int a = 1; a <= nv; a++) {
		int cnt = nv <= 1500 ? nv : c->K;
		for (int j = 0; j < cnt; j++) {
			int b = nv <= 1500 ? j + 1 : c->nb[(size_t)a * c->K + j];
			if (b == a || !alive[a] || !alive[b])
				continue;
			sr_grow(&sv, &cap, ns + 1, sizeof(*sv));
			sv[ns].s = pair_saving(c, a, b);
			sv[ns].a = a;
			sv[ns].b = b;
			ns++;
		}
	}
	/* all pairs come in (a, b) order: a stable sort by saving is enough */
	if (ns > 1 && !(nv <= 1500 && radix_savings(sv, ns)))
		qsort(sv, ns, sizeof(*sv), cmp_saving);
	*n_out = ns;
	return sv;
}

void vrp_savings(const vrp_ctx_t *c, vrp_wsol_t *s)
{
	int nv = c->nv;
	int *head = xmalloc(sizeof(int) * (size_t)(nv + 1)); /* route id -> first */
	int *tail = xmalloc(sizeof(int) * (size_t)(nv + 1));
	int *rid = xmalloc(sizeof(int) * (size_t)(nv + 1)); /* visit -> route id */
	int *next = xmalloc(sizeof(int) * (size_t)(nv + 1));
	vrp_seg_t *seg = xmalloc(sizeof(vrp_seg_t) * (size_t)(nv + 1));
	double *cost = xmalloc(sizeof(double) * (size_t)(nv + 1));
	int *alive = xcalloc((size_t)nv + 1, sizeof(int));

	for (int v = 1; v <= nv; v++) {
		head[v] = tail[v] = v;
		rid[v] = v;
		next[v] = 0;
		seg[v] = seg_single(c, v);
		seg_best_type(c, seg[v], &cost[v]);
		alive[v] = cost[v] < VRP_INF;
	}

	size_t ns;
	saving_t *sv = candidate_savings(c, alive, &ns);
	for (size_t i = 0; i < ns; i++) {
		int a = sv[i].a, b = sv[i].b;
		int ra = rid[a], rb = rid[b];
		if (ra == rb || tail[ra] != a || head[rb] != b)
			continue;
		vrp_seg_t m = seg_cat(c, seg[ra], seg[rb]);
		double mc;
		if (seg_best_type(c, m, &mc) < 0 || mc >= cost[ra] + cost[rb] - VRP_EPS)
			continue;
		next[a] = b;
		tail[ra] = tail[rb];
		for (int v = b; v; v = next[v])
			rid[v] = ra;
		seg[ra] = m;
		cost[ra] = mc;
	}
	free(sv);

	/* routes, largest load first get vehicles first */
	int nr = 0;
	int *order = xmalloc(sizeof(int) * (size_t)(nv + 1));
	for (int v = 1; v <= nv; v++)
		if (alive[v] && rid[v] == v)
			order[nr++] = v;
	for (int i = 1; i < nr; i++) { /* insertion sort: deterministic, stable */
		int x = order[i], j = i;
		while (j > 0 && seg[order[j - 1]].load < seg[x].load)
			order[j] = order[j - 1], j--;
		order[j] = x;
	}
	int *buf = xmalloc(sizeof(int) * (size_t)(nv + 1));
	for (int i = 0; i < nr; i++) {
		int r = order[i];
		int k = -1;
		double bc = VRP_INF;
		for (int t = 0; t < c->nt; t++) {
			if (!type_avail(c, s, t))
				continue;
			double x = seg_cost(c, seg[r], t);
			if (x < bc) {
				bc = x;
				k = t;
			}
		}
		if (k < 0)
			continue; /* no vehicle: its visits go to repair */
		int len = 0;
		for (int v = head[r]; v; v = next[v])
			buf[len++] = v;
		int ri = wsol_add_route(s, k);
		wsol_set_route(s, c, ri, buf, len);
	}
	wsol_finish(s, c);
	wsol_repair(s, c);
	free(buf);
	free(order);
	free(head);
	free(tail);
	free(rid);
	free(next);
	free(seg);
	free(cost);
	free(alive);
}
