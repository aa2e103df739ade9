/* pool.c - the route pool of the matheuristic: every distinct good route
 * met during the search, keyed by its set of visits (Zobrist-style sum of
 * random keys) with the shortest order kept, as in the set-partitioning
 * post-optimisation of Subramanian, Uchoa & Ochi ("A hybrid algorithm for a
 * class of vehicle routing problems", C&OR 2013) and Rochat & Taillard's
 * adaptive memory. */
#include <string.h>
#include "vrp/pool.h"

void pool_init(vrp_pool_t *pl, const vrp_ctx_t *c, uint64_t seed)
{
	memset(pl, 0, sizeof(*pl));
	pl->nv = c->nv;
	pl->key = xmalloc(sizeof(uint64_t) * (size_t)(c->nv + 1));
	pl->mark = xcalloc((size_t)c->nv + 1, sizeof(int));
	sr_rng_t r;
	sr_rng_seed(&r, seed ^ 0x9e3779b97f4a7c15ull);
	for (int v = 0; v <= c->nv; v++)
		pl->key[v] = sr_rng_next(&r);
	pl->tcap = 1024;
	pl->tab = xcalloc(pl->tcap, sizeof(int));
}

void pool_free(vrp_pool_t *pl)
{
	free(pl->e);
	free(pl->seq);
	free(pl->tab);
	free(pl->key);
	free(pl->mark);
	memset(pl, 0, sizeof(*pl));
}

static void rehash(vrp_pool_t *pl)
{
	free(pl->tab);
	pl->tcap *= 2;
	pl->tab = xcalloc(pl->tcap, sizeof(int));
	for (int i = 0; i < pl->ne; i++) {
		size_t j = pl->e[i].h & (pl->tcap - 1);
		while (pl->tab[j])
			j = (j + 1) & (pl->tcap - 1);
		pl->tab[j] = i + 1;
	}
}

static int same_set(vrp_pool_t *pl, const vrp_pool_entry_t *e, const int *v, int len)
{
	if (e->len != len)
		return 0;
	for (int i = 0; i < len; i++)
		pl->mark[v[i]] = 1;
	int same = 1;
	for (int i = 0; i < len && same; i++)
		same = pl->mark[pl->seq[e->off + i]];
	for (int i = 0; i < len; i++)
		pl->mark[v[i]] = 0;
	return same;
}

/* The entry of v's set of visits, or NULL; *h gets the set's hash and
 * *slot the table slot where the set is or would go. */
static vrp_pool_entry_t *pool_lookup(vrp_pool_t *pl, const int *v, int len, uint64_t *h,
				     size_t *slot)
{
	*h = 0;
	for (int i = 0; i < len; i++)
		*h += pl->key[v[i]];
	size_t j = *h & (pl->tcap - 1);
	while (pl->tab[j]) {
		vrp_pool_entry_t *e = &pl->e[pl->tab[j] - 1];
		if (e->h == *h && same_set(pl, e, v, len))
			break;
		j = (j + 1) & (pl->tcap - 1);
	}
	*slot = j;
	return pl->tab[j] ? &pl->e[pl->tab[j] - 1] : NULL;
}

int pool_add(vrp_pool_t *pl, const vrp_ctx_t *c, const int *v, int len, double dist, int load)
{
	(void)c;
	if (len <= 0)
		return 0;
	uint64_t h;
	size_t j;
	vrp_pool_entry_t *found = pool_lookup(pl, v, len, &h, &j);
	if (found) {
		if (dist < found->dist - VRP_EPS) {
			found->dist = dist;
			memcpy(pl->seq + found->off, v, sizeof(int) * (size_t)len);
			return 1;
		}
		return 0;
	}
	sr_grow(&pl->e, &pl->ecap, (size_t)pl->ne + 1, sizeof(*pl->e));
	sr_grow(&pl->seq, &pl->seq_cap, pl->seq_len + (size_t)len, sizeof(int));
	vrp_pool_entry_t *e = &pl->e[pl->ne];
	e->off = pl->seq_len;
	e->len = len;
	e->load = load;
	e->dist = dist;
	e->h = h;
	memcpy(pl->seq + e->off, v, sizeof(int) * (size_t)len);
	pl->seq_len += (size_t)len;
	pl->tab[j] = ++pl->ne;
	if ((size_t)pl->ne * 2 > pl->tcap)
		rehash(pl);
	return 1;
}

void pool_add_route(vrp_pool_t *pl, const vrp_ctx_t *c, const vrp_wroute_t *r)
{
	if (r->len == 0 || r->cost >= VRP_INF)
		return;
	vrp_seg_t g = r->pre[r->len - 1];
	vrp_rstat_t st = seg_close(c, g);
	pool_add(pl, c, r->v, r->len, st.dist, g.load);
}

int pool_has_route(vrp_pool_t *pl, const vrp_ctx_t *c, const vrp_wroute_t *r)
{
	if (r->len == 0 || r->cost >= VRP_INF)
		return 1;
	uint64_t h;
	size_t j;
	const vrp_pool_entry_t *e = pool_lookup(pl, r->v, r->len, &h, &j);
	return e && !(seg_close(c, r->pre[r->len - 1]).dist < e->dist - VRP_EPS);
}

void pool_add_solution(vrp_pool_t *pl, const vrp_ctx_t *c, const vrp_wsol_t *s)
{
	for (int i = 0; i < s->nr; i++)
		pool_add_route(pl, c, &s->r[i]);
}
