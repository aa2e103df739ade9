/* wsol.c - the matheuristic's working solution: routes as visit arrays with
 * cached prefix/suffix segments (see search.h), so that moves are priced in
 * constant time as in HGS-CVRP (Vidal 2022) and the concatenation framework
 * of Vidal et al. (EJOR 2014); fleet-aware retyping and greedy repair. */
#include <string.h>
#include "vrp/search.h"

vrp_rstat_t seg_close(const vrp_ctx_t *c, vrp_seg_t s)
{
	vrp_rstat_t r = {0, 0, 0, 0, 0, 0};
	if (s.first < 0)
		return r;
	vrp_seg_t d = {0, 0, 0, 0.0, 0.0, VRP_INF, VRP_INF, 0.0};
	vrp_seg_t f;
	double ride_sl;
	switch (c->kind) {
	case VRP_CLOSED:
		f = seg_cat(c, seg_cat(c, d, s), d);
		ride_sl = f.slt;
		break;
	case VRP_TO_DEPOT:
		f = seg_cat(c, s, d);
		ride_sl = f.slt;
		break;
	default:
		f = seg_cat(c, d, s);
		ride_sl = f.slf;
		break;
	}
	r.dist = f.dist;
	r.dur = f.dur + c->p->depot_service;
	r.load = f.load;
	r.dur_lim = f.dfl > c->max_dur ? f.dfl : c->max_dur;
	r.dur_x = r.dur > r.dur_lim ? r.dur - r.dur_lim : 0.0;
	r.ride_x = ride_sl < 0 ? -ride_sl : 0.0;
	return r;
}

double seg_cost(const vrp_ctx_t *c, vrp_seg_t s, int k)
{
	if (s.first < 0)
		return 0.0;
	if (s.load > c->cap[k])
		return VRP_INF;
	vrp_rstat_t r = seg_close(c, s);
	if (!(r.dist < VRP_INF) || !(r.dur < VRP_INF))
		return VRP_INF;
	if (r.dur_x > VRP_EPS * (1.0 + r.dur_lim) || r.ride_x > VRP_EPS * (1.0 + r.dur))
		return VRP_INF;
	return c->fix[k] + c->cpd[k] * r.dist;
}

int seg_best_type(const vrp_ctx_t *c, vrp_seg_t s, double *cost)
{
	int best = -1;
	double bc = VRP_INF;
	for (int k = 0; k < c->nt; k++) {
		if (c->cnt[k] == 0)
			continue;
		double x = seg_cost(c, s, k);
		if (x < bc) {
			bc = x;
			best = k;
		}
	}
	if (cost)
		*cost = bc;
	return best;
}

double route_cost_seq(const vrp_ctx_t *c, const int *v, int len, int k)
{
	vrp_seg_t s = seg_empty();
	for (int i = 0; i < len; i++)
		s = seg_cat(c, s, seg_single(c, v[i]));
	return seg_cost(c, s, k);
}

void wsol_init(vrp_wsol_t *s, const vrp_ctx_t *c)
{
	memset(s, 0, sizeof(*s));
	s->route_of = xmalloc(sizeof(int) * (size_t)(c->nv + 1));
	s->pos_of = xmalloc(sizeof(int) * (size_t)(c->nv + 1));
	s->used = xcalloc((size_t)c->nt, sizeof(int));
	for (int i = 0; i <= c->nv; i++) {
		s->route_of[i] = -1;
		s->pos_of[i] = -1;
	}
	s->n_out = c->nv;
	s->cost = c->unserved_pen * c->nv;
}

static void route_free(vrp_wroute_t *r)
{
	free(r->v);
	free(r->pre);
	free(r->suf);
}

void wsol_free(vrp_wsol_t *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->rcap; i++)
		route_free(&s->r[i]);
	free(s->r);
	free(s->route_of);
	free(s->pos_of);
	free(s->used);
	memset(s, 0, sizeof(*s));
}

int wsol_add_route(vrp_wsol_t *s, int k)
{
	if (s->nr == s->rcap) {
		int nc = s->rcap ? 2 * s->rcap : 16;
		s->r = xreallocarray(s->r, (size_t)nc, sizeof(*s->r));
		memset(s->r + s->rcap, 0, sizeof(*s->r) * (size_t)(nc - s->rcap));
		s->rcap = nc;
	}
	vrp_wroute_t *r = &s->r[s->nr];
	r->len = 0;
	r->type = k;
	r->cost = 0;
	s->used[k]++;
	return s->nr++;
}

static void route_reserve(vrp_wroute_t *r, int need)
{
	if (need > r->cap) {
		int nc = need < 8 ? 8 : 2 * need;
		r->v = xreallocarray(r->v, (size_t)nc, sizeof(int));
		r->cap = nc;
	}
	if (need > r->segcap) {
		int nc = need < 8 ? 8 : 2 * need;
		r->pre = xreallocarray(r->pre, (size_t)nc, sizeof(vrp_seg_t));
		r->suf = xreallocarray(r->suf, (size_t)nc, sizeof(vrp_seg_t));
		r->segcap = nc;
	}
}

void wsol_update_route(vrp_wsol_t *s, const vrp_ctx_t *c, int i)
{
	vrp_wroute_t *r = &s->r[i];
	route_reserve(r, r->len + 1);
	vrp_seg_t a = seg_empty();
	for (int j = 0; j < r->len; j++) {
		a = seg_cat(c, a, seg_single(c, r->v[j]));
		r->pre[j] = a;
		s->route_of[r->v[j]] = i;
		s->pos_of[r->v[j]] = j;
	}
	if (s->stamp) {
		s->tick++;
		for (int j = 0; j < r->len; j++)
			s->stamp[r->v[j]] = s->tick;
	}
	vrp_seg_t b = seg_empty();
	for (int j = r->len - 1; j >= 0; j--) {
		b = seg_cat(c, seg_single(c, r->v[j]), b);
		r->suf[j] = b;
	}
	r->cost = r->len ? seg_cost(c, a, r->type) : 0.0;
}

/* Sets route i's sequence (copies v). */
void wsol_set_route(vrp_wsol_t *s, const vrp_ctx_t *c, int i, const int *v, int len)
{
	vrp_wroute_t *r = &s->r[i];
	route_reserve(r, len + 1);
	memmove(r->v, v, sizeof(int) * (size_t)len);
	r->len = len;
	wsol_update_route(s, c, i);
}

void wsol_finish(vrp_wsol_t *s, const vrp_ctx_t *c)
{
	int w = 0;
	for (int i = 0; i < s->nr; i++) {
		if (s->r[i].len == 0) {
			s->used[s->r[i].type]--;
			continue;
		}
		if (w != i) {
			vrp_wroute_t t = s->r[w];
			s->r[w] = s->r[i];
			s->r[i] = t;
		}
		w++;
	}
	s->nr = w;
	for (int v = 1; v <= c->nv; v++)
		s->route_of[v] = -1;
	double cost = 0;
	for (int i = 0; i < s->nr; i++) {
		wsol_update_route(s, c, i);
		cost += s->r[i].cost;
	}
	s->n_out = 0;
	for (int v = 1; v <= c->nv; v++)
		if (s->route_of[v] < 0)
			s->n_out++;
	s->cost = cost + c->unserved_pen * s->n_out;
}

/* b = a (visits, segments, type and cost) */
static void route_copy(vrp_wroute_t *b, const vrp_wroute_t *a)
{
	route_reserve(b, a->len + 1);
	b->type = a->type;
	b->len = a->len;
	b->cost = a->cost;
	memcpy(b->v, a->v, sizeof(int) * (size_t)a->len);
	memcpy(b->pre, a->pre, sizeof(vrp_seg_t) * (size_t)a->len);
	memcpy(b->suf, a->suf, sizeof(vrp_seg_t) * (size_t)a->len);
}

/* Makes dst equal to src where the two differ only in the routes idx[]
 * (route by route, the others identical; routes past either's end count
 * as changed): the ruin-and-recreate search changes a few routes per
 * iteration, and copying the whole solution took about a sixth of its
 * time on 1,000 customers. */
void wsol_copy_routes(vrp_wsol_t *dst, const vrp_wsol_t *src, const vrp_ctx_t *c, const int *idx,
		      int n)
{
	for (int k = 0; k < n; k++) {
		if (idx[k] >= dst->nr)
			continue;
		const vrp_wroute_t *r = &dst->r[idx[k]];
		for (int j = 0; j < r->len; j++)
			dst->route_of[r->v[j]] = -1;
	}
	while (dst->nr < src->nr)
		wsol_add_route(dst, src->r[dst->nr].type);
	dst->nr = src->nr;
	for (int k = 0; k < n; k++) {
		int i = idx[k];
		if (i >= src->nr)
			continue;
		vrp_wroute_t *b = &dst->r[i];
		route_copy(b, &src->r[i]);
		for (int j = 0; j < b->len; j++) {
			dst->route_of[b->v[j]] = i;
			dst->pos_of[b->v[j]] = j;
		}
	}
	memcpy(dst->used, src->used, sizeof(int) * (size_t)c->nt);
	dst->cost = src->cost;
	dst->n_out = src->n_out;
}

void wsol_copy(vrp_wsol_t *dst, const vrp_wsol_t *src, const vrp_ctx_t *c)
{
	if (!dst->route_of)
		wsol_init(dst, c);
	for (int i = dst->nr; i > 0; i--)
		dst->used[dst->r[i - 1].type]--;
	dst->nr = 0;
	for (int i = 0; i < src->nr; i++) {
		int bi = wsol_add_route(dst, src->r[i].type); /* may move dst->r */
		route_copy(&dst->r[bi], &src->r[i]);
	}
	memcpy(dst->used, src->used, sizeof(int) * (size_t)c->nt);
	memcpy(dst->route_of, src->route_of, sizeof(int) * (size_t)(c->nv + 1));
	memcpy(dst->pos_of, src->pos_of, sizeof(int) * (size_t)(c->nv + 1));
	dst->cost = src->cost;
	dst->n_out = src->n_out;
}

int wsol_retype(vrp_wsol_t *s, const vrp_ctx_t *c)
{
	int improved = 0;
	for (int i = 0; i < s->nr; i++) {
		vrp_wroute_t *r = &s->r[i];
		if (r->len == 0)
			continue;
		vrp_seg_t a = r->pre[r->len - 1];
		int best = r->type;
		double bc = r->cost;
		for (int k = 0; k < c->nt; k++) {
			if (k == r->type || !type_avail(c, s, k))
				continue;
			double x = seg_cost(c, a, k);
			if (x < bc - VRP_EPS) {
				bc = x;
				best = k;
			}
		}
		if (best != r->type) {
			s->used[r->type]--;
			s->used[best]++;
			r->type = best;
			s->cost += bc - r->cost;
			r->cost = bc;
			improved = 1;
		}
	}
	return improved;
}

void wsol_repair(vrp_wsol_t *s, const vrp_ctx_t *c)
{
	for (int v = 1; v <= c->nv; v++) {
		if (s->route_of[v] >= 0)
			continue;
		vrp_seg_t sv = seg_single(c, v);
		double best = VRP_INF;
		int br = -1, bp = -1, bk = -1;
		for (int i = 0; i < s->nr; i++) {
			vrp_wroute_t *r = &s->r[i];
			if (r->len == 0)
				continue;
			for (int p = 0; p <= r->len; p++) {
				vrp_seg_t x = p > 0 ? r->pre[p - 1] : seg_empty();
				x = seg_cat(c, x, sv);
				if (p < r->len)
					x = seg_cat(c, x, r->suf[p]);
				double d = seg_cost(c, x, r->type) - r->cost;
				if (d < best) {
					best = d;
					br = i;
					bp = p;
				}
			}
		}
		for (int k = 0; k < c->nt; k++) {
			if (!type_avail(c, s, k))
				continue;
			double d = seg_cost(c, sv, k);
			if (d < best) {
				best = d;
				br = -1;
				bk = k;
			}
		}
		if (best >= VRP_INF)
			continue;
		if (br < 0)
			br = wsol_add_route(s, bk), bp = 0;
		vrp_wroute_t *r = &s->r[br];
		route_reserve(r, r->len + 2);
		memmove(r->v + bp + 1, r->v + bp, sizeof(int) * (size_t)(r->len - bp));
		r->v[bp] = v;
		r->len++;
		wsol_update_route(s, c, br);
	}
	wsol_finish(s, c);
}

void wsol_apply(vrp_wsol_t *s, const vrp_ctx_t *c, int i, const int *v, int len, int k)
{
	vrp_wroute_t *r = &s->r[i];
	double old = r->cost;
	if (k != r->type) {
		s->used[r->type]--;
		s->used[k]++;
		r->type = k;
	}
	wsol_set_route(s, c, i, v, len);
	s->cost += r->cost - old;
}

double route_price(const vrp_ctx_t *c, const vrp_wsol_t *s, vrp_seg_t g, int cur, int *k)
{
	*k = cur;
	if (g.first < 0)
		return 0.0;
	double best = seg_cost(c, g, cur);
	if (c->nt == 1)
		return best;
	for (int t = 0; t < c->nt; t++) {
		if (t == cur || !type_avail(c, s, t))
			continue;
		double x = seg_cost(c, g, t);
		if (x < best - VRP_EPS) {
			best = x;
			*k = t;
		}
	}
	return best;
}
