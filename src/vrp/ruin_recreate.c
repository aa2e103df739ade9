/* ruin_recreate.c - Slack Induction by String Removals (SISR; Christiaens &
 * Vanden Berghe, "Slack induction by string removals for vehicle routing
 * problems", Transportation Science 54(2), 2020): ruin removes strings
 * (or split strings) of consecutive visits from routes near a random seed
 * visit; recreate inserts the removed visits one by one at their cheapest
 * position with "blinks" (each position skipped with a small probability),
 * in a random order, by demand, or by distance from the depot. Acceptance
 * by simulated annealing with an exponentially falling temperature; while
 * visits are left out (a tight or small fleet), solutions with fewer of
 * them, then with the less often absent ones (SISR's absence counters for
 * fleet minimisation), are preferred (sisr.c). Each iteration draws from
 * its own random stream, so that iterations can be computed ahead on
 * other threads. */
#include <stdlib.h>
#include <string.h>
#include "vrp/sisr.h"

#define C_BAR 10.0 /* average removed visits */
#define L_MAX 10.0 /* longest string */
#define SPLIT_BETA 0.01
#define BLINK 0.01

struct rr {
	const vrp_ctx_t *c;
	sr_rng_t *rng, own; /* rng points to own: this iteration's stream */
	int *removed, n_rem;
	char *is_rem;
	char *ruined; /* per route */
	size_t ruined_cap;
	int *buf;
	double *key;
	int *touched, n_touched; /* routes ruin and recreate changed */
	size_t touched_cap;
	char *is_touched;
};

/* Records that route ri changed in this iteration. */
static void touch(rr_t *R, int ri)
{
	if ((size_t)ri >= R->touched_cap) {
		size_t nc = 2 * (size_t)ri + 16;
		R->is_touched = xrealloc(R->is_touched, nc);
		memset(R->is_touched + R->touched_cap, 0, nc - R->touched_cap);
		R->touched = xreallocarray(R->touched, nc, sizeof(int));
		R->touched_cap = nc;
	}
	if (!R->is_touched[ri]) {
		R->is_touched[ri] = 1;
		R->touched[R->n_touched++] = ri;
	}
}

/* Removes visits v[a..a+len-1] of route ri except the m starting at a+keep. */
static void take(rr_t *R, vrp_wsol_t *s, int ri, int a, int len, int keep, int m)
{
	vrp_wroute_t *r = &s->r[ri];
	for (int i = a; i < a + len; i++) {
		if (i >= a + keep && i < a + keep + m)
			continue;
		R->removed[R->n_rem++] = r->v[i];
		R->is_rem[r->v[i]] = 1;
	}
}

static void ruin(rr_t *R, vrp_wsol_t *s)
{
	const vrp_ctx_t *c = R->c;
	int n_old_out = s->n_out;
	int served = c->nv - s->n_out, nr = 0;
	for (int i = 0; i < s->nr; i++)
		nr += s->r[i].len > 0;
	if (served == 0 || nr == 0)
		goto retry_out;
	double avg = (double)served / nr;
	double ls_max = avg < L_MAX ? avg : L_MAX;
	double ks_max = 4.0 * C_BAR / (1.0 + ls_max) - 1.0;
	int ks = (int)(sr_rng_unit(R->rng) * ks_max) + 1;
	if ((size_t)s->nr > R->ruined_cap) {
		R->ruined = xrealloc(R->ruined, (size_t)s->nr);
		R->ruined_cap = (size_t)s->nr;
	}
	memset(R->ruined, 0, (size_t)s->nr);
	int seed;
	do
		seed = 1 + (int)sr_rng_below(R->rng, (uint32_t)c->nv);
	while (s->route_of[seed] < 0);
	int done = 0;
	for (int j = -1; j < c->K && done < ks; j++) {
		int u = j < 0 ? seed : c->nb[(size_t)seed * c->K + j];
		int ri = s->route_of[u];
		if (ri < 0 || R->is_rem[u] || R->ruined[ri])
			continue;
		vrp_wroute_t *r = &s->r[ri];
		double lmax = r->len < ls_max ? r->len : ls_max;
		int l = (int)(sr_rng_unit(R->rng) * lmax) + 1;
		if (l > r->len)
			l = r->len;
		int pos = s->pos_of[u];
		if (sr_rng_unit(R->rng) < 0.5 || l >= r->len) {
			int lo = pos - l + 1 > 0 ? pos - l + 1 : 0;
			int hi = pos < r->len - l ? pos : r->len - l;
			int a = lo + (int)sr_rng_below(R->rng, (uint32_t)(hi - lo + 1));
			take(R, s, ri, a, l, 0, 0);
		} else {
			int m = 1;
			while (l + m < r->len && sr_rng_unit(R->rng) > SPLIT_BETA)
				m++;
			int tot = l + m;
			int lo = pos - tot + 1 > 0 ? pos - tot + 1 : 0;
			int hi = pos < r->len - tot ? pos : r->len - tot;
			int a = lo + (int)sr_rng_below(R->rng, (uint32_t)(hi - lo + 1));
			int keep = (int)sr_rng_below(R->rng, (uint32_t)(l + 1));
			take(R, s, ri, a, tot, keep, m);
		}
		R->ruined[ri] = 1;
		done++;
	}
	/* rebuild the ruined routes; one that the removal made infeasible
	 * (a duration floor left with its stop) goes entirely */
	for (int i = 0; i < s->nr; i++) {
		if (!R->ruined[i])
			continue;
		vrp_wroute_t *r = &s->r[i];
		int n = 0;
		for (int j = 0; j < r->len; j++)
			if (!R->is_rem[r->v[j]])
				R->buf[n++] = r->v[j];
		if (n > 0 && route_cost_seq(c, R->buf, n, r->type) >= VRP_INF) {
			for (int j = 0; j < n; j++) {
				R->removed[R->n_rem++] = R->buf[j];
				R->is_rem[R->buf[j]] = 1;
			}
			n = 0;
		}
		wsol_apply(s, c, i, R->buf, n, r->type);
		touch(R, i);
	}
	for (int k = 0; k < R->n_rem; k++) {
		s->route_of[R->removed[k]] = -1;
		s->n_out++;
		s->cost += c->unserved_pen;
	}
retry_out:
	/* visits already left out are retried too */
	for (int v = 1; v <= c->nv && n_old_out > 0; v++)
		if (s->route_of[v] < 0 && !R->is_rem[v]) {
			R->removed[R->n_rem++] = v;
			R->is_rem[v] = 1;
		}
}

static void sort_removed(rr_t *R)
{
	const vrp_ctx_t *c = R->c;
	double w = sr_rng_unit(R->rng) * 11.0;
	if (w < 4.0) {
		sr_rng_shuffle_int(R->rng, R->removed, (size_t)R->n_rem);
		return;
	}
	for (int i = 0; i < R->n_rem; i++) {
		int v = R->removed[i];
		double d0 = ctx_d(c, 0, v) + ctx_d(c, v, 0);
		R->key[i] = w < 8.0 ? -(double)c->dem[v] : w < 10.0 ? -d0 : d0;
	}
	for (int i = 1; i < R->n_rem; i++) { /* insertion sort: tiny, stable */
		int v = R->removed[i];
		double k = R->key[i];
		int j = i;
		while (j > 0 && R->key[j - 1] > k) {
			R->removed[j] = R->removed[j - 1];
			R->key[j] = R->key[j - 1];
			j--;
		}
		R->removed[j] = v;
		R->key[j] = k;
	}
}

/* No room for v: put it in place of a smaller visit u, which is retried
 * after (an ejection chain with falling demands, for tight fleets). Leaves
 * v unserved when no visit is smaller or the chain is long enough. */
static void eject_smaller(rr_t *R, vrp_wsol_t *s, int v, vrp_seg_t sv)
{
	const vrp_ctx_t *c = R->c;
	int er = -1, ej = -1, ek = 0, bdem = 0;
	double ec = VRP_INF;
	for (int i = 0; i < s->nr; i++) {
		vrp_wroute_t *r = &s->r[i];
		for (int j = 0; j < r->len; j++) {
			int u = r->v[j];
			if (c->dem[u] >= c->dem[v] || (er >= 0 && c->dem[u] > bdem))
				continue;
			vrp_seg_t g =
				seg_cat(c, seg_cat(c, pre_of(r, j - 1), sv), suf_of(r, j + 1));
			int k;
			double x = route_price(c, s, g, r->type, &k) - r->cost;
			if (x >= VRP_INF)
				continue;
			if (er < 0 || c->dem[u] < bdem || x < ec) {
				er = i;
				ej = j;
				ek = k;
				ec = x;
				bdem = c->dem[u];
			}
		}
	}
	if (er < 0 || R->n_rem >= 2 * c->nv)
		return; /* stays unserved */
	vrp_wroute_t *r = &s->r[er];
	int u = r->v[ej];
	int n = copy_run(r, 0, r->len - 1, 0, R->buf);
	R->buf[ej] = v;
	wsol_apply(s, c, er, R->buf, n, ek);
	touch(R, er);
	s->route_of[u] = -1;
	R->is_rem[u] = 1;
	R->removed[R->n_rem++] = u; /* as many left out as before */
}

/* The distance added by inserting v before r->v[p] (p == len: at the
 * end). It reads only v's row of the matrix when the matrix is symmetric
 * and takes the arc it replaces from the route's prefix distances: the
 * recreate scans every position of every route, and reading d(., v)
 * column-wise missed the cache on every position (half of the search's
 * time on 500 customers). */
static double added_dist(const vrp_ctx_t *c, const vrp_wroute_t *r, int p, int v)
{
	int a = p > 0 ? r->v[p - 1] : 0, b = p < r->len ? r->v[p] : 0;
	double av = c->sym ? ctx_d(c, v, a) : ctx_d(c, a, v);
	double vb = ctx_d(c, v, b);
	if (p == 0 && c->kind == VRP_TO_DEPOT)
		return vb; /* the drive to the first stop costs nothing */
	if (p == r->len && c->kind == VRP_FROM_DEPOT)
		return av;
	double ab = p > 0 && p < r->len ? r->pre[p].dist - r->pre[p - 1].dist : ctx_d(c, a, b);
	return av + vb - ab;
}

/* Route r with v (segment sv) inserted before r->v[p]. With row, v's row
 * of a symmetric distance matrix that also gives the travel times, both
 * arcs come from it: seg_cat reads the arc into v from its tail's row,
 * a cache miss on every position priced (10 % of the search on 1,000
 * customers). The same values either way. */
static vrp_seg_t insert_seg(const vrp_ctx_t *c, const vrp_wroute_t *r, int p, vrp_seg_t sv,
			    const double *row)
{
	vrp_seg_t a = pre_of(r, p - 1), b = suf_of(r, p);
	if (!row)
		return seg_cat(c, seg_cat(c, a, sv), b);
	vrp_seg_t g = sv;
	if (a.first >= 0) {
		double d = row[c->node[a.last]];
		g = seg_join(a, sv, d, d);
	}
	if (b.first >= 0) {
		double d = row[c->node[b.first]];
		g = seg_join(g, b, d, d);
	}
	return g;
}

/* The cheapest position for v in the existing routes (with blinks): its
 * added cost (VRP_INF: none) in *best, route, place and type. */
static void best_insertion(rr_t *R, const vrp_wsol_t *s, int v, double *best, int *br, int *bp,
			   int *bk)
{
	const vrp_ctx_t *c = R->c;
	int one_type = c->nt == 1;
	vrp_seg_t sv = seg_single(c, v);
	const double *row =
		c->sym && !c->p->time ? c->p->dist + (size_t)c->node[v] * (size_t)c->n : NULL;
	for (int i = 0; i < s->nr; i++) {
		/* an emptied route still holds its vehicle: it is
		 * priced like a new route */
		const vrp_wroute_t *r = &s->r[i];
		if (r->len > 0 && r->pre[r->len - 1].load + c->dem[v] > c->capmax)
			continue;
		for (int p = 0; p <= r->len; p++) {
			if (sr_rng_unit(R->rng) < BLINK)
				continue;
			/* the added distance bounds the cost (a hair of
			 * slack: added_dist may round differently) */
			if (one_type && r->len > 0 &&
			    c->cpd[0] * added_dist(c, r, p, v) >= *best + 1e-9 * fabs(*best))
				continue;
			vrp_seg_t g = insert_seg(c, r, p, sv, row);
			int k;
			double x = route_price(c, s, g, r->type, &k) - r->cost;
			if (x < *best) {
				*best = x;
				*br = i;
				*bp = p;
				*bk = k;
			}
		}
	}
}

/* Asks the cache for v's row of a symmetric matrix: best_insertion reads
 * the whole row in the routes' order (a cache miss on nearly every
 * position on 500-1,000 customers, half of the search's time); requested
 * one visit ahead, the lines arrive in parallel while the visit before is
 * placed. */
static void prefetch_row(const vrp_ctx_t *c, int v)
{
	if (!c->sym)
		return;
	const double *row = c->p->dist + (size_t)c->node[v] * (size_t)c->n;
	for (int j = 0; j < c->n; j += 8)
		__builtin_prefetch(row + j);
}

/* Inserts the removed visits one by one at their cheapest place (SISR's
 * recreate over every route: restricting it to the routes that hold one of
 * the visit's K nearest, as granular neighbourhoods do, saved only 15-20 %
 * of the time on 250-1000 customers of set X and gave worse routes per
 * iteration, 2026-12-04). */
static void recreate(rr_t *R, vrp_wsol_t *s)
{
	const vrp_ctx_t *c = R->c;
	sort_removed(R);
	if (R->n_rem > 0)
		prefetch_row(c, R->removed[0]);
	for (int q = 0; q < R->n_rem; q++) {
		int v = R->removed[q];
		if (q + 1 < R->n_rem)
			prefetch_row(c, R->removed[q + 1]);
		R->is_rem[v] = 0;
		vrp_seg_t sv = seg_single(c, v);
		double best = VRP_INF;
		int br = -1, bp = 0, bk = 0;
		best_insertion(R, s, v, &best, &br, &bp, &bk);
		for (int k = 0; k < c->nt; k++) {
			if (!type_avail(c, s, k))
				continue;
			double x = seg_cost(c, sv, k);
			if (x < best) {
				best = x;
				br = -1;
				bk = k;
			}
		}
		if (best >= VRP_INF) {
			eject_smaller(R, s, v, sv);
			continue; /* v in and a smaller u out, or v stays unserved */
		}
		if (br < 0) {
			br = wsol_add_route(s, bk);
			bp = 0;
		}
		vrp_wroute_t *r = &s->r[br];
		int n = copy_run(r, 0, bp - 1, 0, R->buf);
		R->buf[n++] = v;
		n += copy_run(r, bp, r->len - 1, 0, R->buf + n);
		wsol_apply(s, c, br, R->buf, n, bk);
		touch(R, br);
		s->n_out--;
		s->cost -= c->unserved_pen;
	}
	R->n_rem = 0;
}

/* A splitmix64-style finaliser (Steele, Lea & Flood 2014): scrambles an
 * iteration's index into its stream's seed. */
static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

rr_t *rr_new(const vrp_ctx_t *c)
{
	rr_t *R = xcalloc(1, sizeof(*R));
	R->c = c;
	R->rng = &R->own;
	R->removed = xmalloc(sizeof(int) * (size_t)(2 * c->nv + 2));
	R->is_rem = xcalloc((size_t)c->nv + 1, 1);
	R->buf = xmalloc(sizeof(int) * (size_t)(c->nv + 2));
	R->key = xmalloc(sizeof(double) * (size_t)(2 * c->nv + 2));
	return R;
}

void rr_free(rr_t *R)
{
	if (!R)
		return;
	free(R->removed);
	free(R->is_rem);
	free(R->buf);
	free(R->key);
	free(R->ruined);
	free(R->touched);
	free(R->is_touched);
	free(R);
}

double rr_candidate(rr_t *R, vrp_wsol_t *work, uint64_t seed, long it)
{
	const vrp_ctx_t *c = R->c;
	rr_untouch(R);
	sr_rng_seed(R->rng, mix64(seed ^ mix64((uint64_t)it + 0x632be59bd9b4e019ull)));
	ruin(R, work);
	recreate(R, work);
	double cost = 0;
	for (int i = 0; i < work->nr; i++)
		cost += work->r[i].cost;
	work->cost = cost + c->unserved_pen * work->n_out;
	return sr_rng_unit(R->rng);
}

const int *rr_touched(const rr_t *R, int *n)
{
	*n = R->n_touched;
	return R->touched;
}

void rr_touch(rr_t *R, int ri)
{
	touch(R, ri);
}

void rr_untouch(rr_t *R)
{
	for (int k = 0; k < R->n_touched; k++)
		R->is_touched[R->touched[k]] = 0;
	R->n_touched = 0;
}
