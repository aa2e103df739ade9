/*
 * mixed.c - mixed loads: children of up to PLAN_MIX_MAX sessions whose
 * destinations and times are close share one run. The merge step follows the savings idea
 * of Clarke & Wright applied to whole runs, as in the route-merging step
 * of the mixed-load school bus literature (Park, Tae & Kim, "A
 * post-improvement procedure for the mixed load school bus routing
 * problem", EJOR 2012): two runs of different schools merge when the
 * merged run keeps each school's time window and each student's ride
 * limit. Groups grow as in their procedure, one run at a time: every
 * candidate of k runs is merged with each further run that fits (k + 1
 * runs, at most PLAN_MIX_MAX), and the best merge of each set of runs is
 * kept. Here a merged run is only a candidate: per day pattern the
 * candidates whose runs are all there are taken greedily by the metres
 * they save (a run in one at most), and duties.c chains the pattern with
 * and without them, keeping the mixed plan only when it needs no more
 * buses and no more kilometres.
 *
 * Two runs too full to merge whole that call at one village may still
 * share that stop (share_stop): one takes the other's children there,
 * and the other runs without it; or, when they share no village, one
 * calls at a village of the other's for its children (a moved stop). Two
 * runs replace two, c->mix holding the first and, flagged in c->mix_rest
 * with the kind, the second right after it.
 *
 * A merged run to the sessions picks up all its runs' children, one
 * side's stops in their order with the other's put in where they add the
 * least time (cheapest insertion), and then visits the destinations (the
 * new run's put in at each place of the order); a merged run home boards
 * at the destinations, then drops the children off the same way.
 * timing.c times it without waiting with children on board, as late (to)
 * or as early (home) as every window allows.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "plan/mixed.h"
#include "plan/run.h"
#include "plan/timing.h"
#include "util/i18n.h"

/* Candidates kept per group size (the best by metres saved): bounds the
 * work of growing groups in a crowded town (a count, not a clock). */
#define MIX_LEVEL_CAP 3000

typedef struct cand {
	int m[PLAN_MIX_MAX]; /* template runs, ascending */
	int n;
	double save; /* metres saved against the runs apart */
	plan_run_t run;
	int has_rest;	 /* a shared or moved stop (share_stop: PLAN_MIX_SHARE or */
	plan_run_t rest; /* _MOVE): run took the other's children there, rest
			    is the other */
} cand_t;

typedef struct cands {
	cand_t *v;
	size_t n, cap;
} cands_t;

/* The preferred time of session s's destination in direction dir. */
static int pref_time(const plan_settings_t *st, const plan_session_t *s, int dir)
{
	return dir == PLAN_TO_SESSION ? s->start_s - st->arrival_buffer_min * 60
				      : s->end_s + st->departure_buffer_min * 60;
}

/* Whether template runs a and b may share a run at all. */
static int may_pair(const plan_ctx_t *c, const plan_run_t *ra, const plan_run_t *rb)
{
	const sr_plan_t *p = c->p;
	const plan_settings_t *st = &p->settings;
	const plan_session_t *sa = &p->sessions[ra->session], *sb = &p->sessions[rb->session];
	if (ra->session == rb->session || ra->dir != rb->dir || !sa->mix || !sb->mix ||
	    !(sa->days & sb->days))
		return 0;
	int wa = plan_session_window_s(p, ra->session, ra->dir),
	    wb = plan_session_window_s(p, rb->session, rb->dir);
	int window = wa < wb ? wa : wb;
	int gap = pref_time(st, sa, ra->dir) - pref_time(st, sb, ra->dir);
	return abs(gap) <= window;
}

/* Whether template run t may join the runs m[0..n) (each pair may share,
 * some day has all their sessions, seats for all) with `children` on
 * board already. */
static int may_join(const plan_ctx_t *c, const int *m, int n, int children, int t, int seats)
{
	const plan_run_t *rt = &c->tmpl[t];
	uint8_t days = c->p->sessions[rt->session].days;
	if (children + rt->children > seats)
		return 0;
	for (int i = 0; i < n; i++) {
		if (m[i] == t || !may_pair(c, &c->tmpl[m[i]], rt))
			return 0;
		days &= c->p->sessions[c->tmpl[m[i]].session].days;
	}
	return days != 0;
}

/* The extra seconds of visiting point x between the stops at v[pos - 1]
 * and v[pos] of the n pickups v (anchor: the destination after them on a
 * run to the sessions, before them on a run home; the run starts free
 * before the first pickup and ends free after the last drop). */
static double insert_cost(const plan_ctx_t *c, const plan_stop_t *v, int n, int pos, int x,
			  int anchor, int to)
{
	int prev = pos > 0 ? v[pos - 1].point : to ? -1 : anchor;
	int next = pos < n ? v[pos].point : to ? anchor : -1;
	double add = (prev >= 0 ? plan_tt(c, prev, x) : 0) + (next >= 0 ? plan_tt(c, x, next) : 0);
	return add - (prev >= 0 && next >= 0 ? plan_tt(c, prev, next) : 0);
}

/* The pickups of base with those of other put in one by one where they
 * add the least time (cheapest insertion), into out->stops from
 * out->n_stops on. */
static void put_pickups(const plan_ctx_t *c, plan_run_t *out, const plan_run_t *base,
			const plan_run_t *other, int anchor)
{
	int to = base->dir == PLAN_TO_SESSION, n = 0;
	plan_stop_t *v = out->stops + out->n_stops;
	for (int k = 0; k < base->n_stops; k++)
		if (!plan_stop_is_dest(base, k))
			v[n++] = base->stops[k];
	for (int k = 0; k < other->n_stops; k++) {
		if (plan_stop_is_dest(other, k))
			continue;
		int best = 0;
		double cost = INFINITY;
		for (int pos = 0; pos <= n; pos++) {
			double x = insert_cost(c, v, n, pos, other->stops[k].point, anchor, to);
			if (x < cost - 1e-9) {
				cost = x;
				best = pos;
			}
		}
		memmove(v + best + 1, v + best, (size_t)(n - best) * sizeof(plan_stop_t));
		v[best] = other->stops[k];
		n++;
	}
	out->n_stops += n;
}

/* The number of destination stops of run r and the first of them (the
 * last stops of a run to the sessions, the first of a run home). */
static int dests(const plan_run_t *r, int *first)
{
	int n = 0;
	for (int k = 0; k < r->n_stops; k++)
		n += plan_stop_is_dest(r, k);
	*first = r->dir == PLAN_TO_SESSION ? r->n_stops - n : 0;
	return n;
}

/* Runs x (of one session or already mixed) and y (of one session) as one
 * run into *out: with `order` y's pickups are the base that x's are put
 * into, and y's destination is visited after the first pos of x's. Timed. */
static void merge(const plan_ctx_t *c, const plan_run_t *x, const plan_run_t *y, int order, int pos,
		  plan_run_t *out)
{
	const plan_run_t *base = order ? y : x, *other = order ? x : y;
	int fx, fy, nx = dests(x, &fx), ny = dests(y, &fy), nd = 0;
	plan_stop_t *d = xcalloc((size_t)(nx + ny), sizeof(plan_stop_t));
	for (int k = 0; k < nx + ny; k++)
		d[nd++] = k < pos	 ? x->stops[fx + k]
			  : k < pos + ny ? y->stops[fy + k - pos]
					 : x->stops[fx + k - ny];
	memset(out, 0, sizeof(*out));
	out->stops = xcalloc((size_t)(x->n_stops + y->n_stops), sizeof(plan_stop_t));
	out->dir = x->dir;
	out->bus = -1;
	out->origin = -1;
	out->children = x->children + y->children;
	out->session = d[0].session;
	if (x->dir == PLAN_HOME) {
		memcpy(out->stops, d, (size_t)nd * sizeof(plan_stop_t));
		out->n_stops = nd;
		put_pickups(c, out, base, other, d[nd - 1].point);
	} else {
		put_pickups(c, out, base, other, d[0].point);
		memcpy(out->stops + out->n_stops, d, (size_t)nd * sizeof(plan_stop_t));
		out->n_stops += nd;
	}
	free(d);
	plan_run_time(c, out);
}

/* The shortest feasible merge of run x (of the template runs g->m, g->n;
 * their metres apart `apart`) with run y, template run t (-1: a part of
 * one), into *out (the least lag on a tie); 0 when none is as short as the
 * runs apart. */
static int best_merge(const plan_ctx_t *c, const cand_t *g, const plan_run_t *x, double apart,
		      int t, const plan_run_t *y, cand_t *out)
{
	int got = 0, first, nx = dests(x, &first);
	for (int order = 0; order < 2; order++)
		for (int pos = 0; pos <= nx; pos++) {
			plan_run_t m;
			merge(c, x, y, order, pos, &m);
			double save = apart + y->meters - m.meters;
			if (save >= 0 && plan_run_feasible(c, &m, 1) &&
			    (!got || m.meters < out->run.meters - 1e-6 ||
			     (m.meters < out->run.meters + 1e-6 && m.lag_s < out->run.lag_s))) {
				if (got)
					plan_run_clear(&out->run);
				memcpy(out->m, g->m, sizeof(out->m));
				out->n = g->n + (t >= 0);
				out->m[g->n] = t;
				out->has_rest = 0;
				for (int i = g->n; t >= 0 && i > 0 && out->m[i - 1] > out->m[i];
				     i--) {
					int w = out->m[i]; /* t in its place: ascending */
					out->m[i] = out->m[i - 1];
					out->m[i - 1] = w;
				}
				out->save = save;
				out->run = m;
				got = 1;
			} else {
				plan_run_clear(&m);
			}
		}
	return got;
}

/* The sum of the metres of template runs m[0..n). */
static double apart_m(const plan_ctx_t *c, const int *m, int n)
{
	double x = 0;
	for (int i = 0; i < n; i++)
		x += c->tmpl[m[i]].meters;
	return x;
}

static void push(cands_t *cs, const cand_t *x)
{
	sr_grow(&cs->v, &cs->cap, cs->n + 1, sizeof(cand_t));
	cs->v[cs->n++] = *x;
}

/* By the set of runs, then the shorter run, then the least lag, then the
 * stops' order (so the same one wins under any sort). */
static int cmp_set(const void *x, const void *y)
{
	const cand_t *a = x, *b = y;
	if (a->n != b->n)
		return a->n - b->n;
	for (int i = 0; i < a->n; i++)
		if (a->m[i] != b->m[i])
			return a->m[i] - b->m[i];
	if (fabs(a->run.meters - b->run.meters) > 1e-6)
		return a->run.meters < b->run.meters ? -1 : 1;
	if (a->run.lag_s != b->run.lag_s)
		return a->run.lag_s - b->run.lag_s;
	for (int k = 0; k < a->run.n_stops && k < b->run.n_stops; k++) {
		const plan_stop_t *u = &a->run.stops[k], *v = &b->run.stops[k];
		if (u->point != v->point || u->session != v->session)
			return u->point != v->point ? u->point - v->point : u->session - v->session;
	}
	return a->run.n_stops - b->run.n_stops;
}

/* Whole merges first (they save runs, and so buses), then most metres
 * saved, then fewer runs, then by the runs. A shared stop saves metres
 * only: taken before a merge of its runs, it cost the town of
 * bench_mixed.sh a bus (5 minutes apart: 17 instead of 16). */
static int cmp_cand(const void *x, const void *y)
{
	const cand_t *a = x, *b = y;
	if (a->has_rest != b->has_rest)
		return a->has_rest - b->has_rest;
	if (a->save != b->save)
		return a->save > b->save ? -1 : 1;
	if (a->n != b->n)
		return a->n - b->n;
	for (int i = 0; i < a->n; i++)
		if (a->m[i] != b->m[i])
			return a->m[i] - b->m[i];
	return 0;
}

/* The best merge of each set of runs in cs once, the best MIX_LEVEL_CAP
 * of them by metres saved. */
static void dedupe(cands_t *cs)
{
	if (!cs->n)
		return;
	qsort(cs->v, cs->n, sizeof(cand_t), cmp_set);
	size_t m = 0;
	for (size_t i = 0; i < cs->n; i++) {
		if (m && cs->v[m - 1].n == cs->v[i].n &&
		    !memcmp(cs->v[m - 1].m, cs->v[i].m, (size_t)cs->v[i].n * sizeof(int)))
			plan_run_clear(&cs->v[i].run);
		else
			cs->v[m++] = cs->v[i];
	}
	cs->n = m;
	qsort(cs->v, cs->n, sizeof(cand_t), cmp_cand);
	for (; cs->n > MIX_LEVEL_CAP; cs->n--)
		plan_run_clear(&cs->v[cs->n - 1].run);
}

/* Every run of one more template run joined to a group of `from` (or, with
 * from NULL, to a template run alone: the pairs), into `to`. */
static void grow(const plan_ctx_t *c, const cands_t *from, int seats, cands_t *to)
{
	size_t n = from ? from->n : (size_t)c->n_tmpl;
	for (size_t i = 0; i < n; i++) {
		cand_t one = {.m = {(int)i}, .n = 1};
		const cand_t *g = from ? &from->v[i] : &one;
		const plan_run_t *x = from ? &g->run : &c->tmpl[i];
		for (int t = from ? 0 : (int)i + 1; t < c->n_tmpl; t++) {
			cand_t y;
			if (may_join(c, g->m, g->n, x->children, t, seats) &&
			    best_merge(c, g, x, apart_m(c, g->m, g->n), t, &c->tmpl[t], &y))
				push(to, &y);
		}
	}
	dedupe(to);
}

/* The children run b picks up (to the sessions) or drops (home) at its
 * stop k. */
static int stop_children(const plan_run_t *b, int k)
{
	return b->dir == PLAN_TO_SESSION ? b->stops[k].board : b->stops[k].alight;
}

/* Run b's stop k alone: its children there and their destination (the
 * run's first or last stop), as a run of its own for merge(). */
static void stop_alone(const plan_run_t *b, int k, plan_run_t *y)
{
	int to = b->dir == PLAN_TO_SESSION, d = to ? b->n_stops - 1 : 0;
	int n = stop_children(b, k);
	memset(y, 0, sizeof(*y));
	y->stops = xcalloc(2, sizeof(plan_stop_t));
	y->dir = b->dir;
	y->bus = -1;
	y->origin = -1;
	y->session = b->session;
	y->children = n;
	y->n_stops = 2;
	y->stops[to ? 0 : 1] = b->stops[k];
	y->stops[to ? 1 : 0] = b->stops[d];
	if (to)
		y->stops[1].alight = n;
	else
		y->stops[0].board = n;
}

/* Run b without its stop k (the children there and at their destination
 * taken off), timed. */
static void stop_removed(const plan_ctx_t *c, const plan_run_t *b, int k, plan_run_t *out)
{
	int to = b->dir == PLAN_TO_SESSION, d = to ? b->n_stops - 2 : 0;
	int n = stop_children(b, k);
	plan_run_copy(out, b);
	memmove(out->stops + k, out->stops + k + 1,
		(size_t)(out->n_stops - k - 1) * sizeof(plan_stop_t));
	out->n_stops--;
	out->children -= n;
	out->origin = -1;
	if (to)
		out->stops[d].alight -= n;
	else
		out->stops[d].board -= n;
	plan_run_time(c, out);
}

/* Whether run a calls at point x to pick up (or drop) children. */
static int calls_at(const plan_run_t *a, int x)
{
	for (int k = 0; k < a->n_stops; k++)
		if (!plan_stop_is_dest(a, k) && a->stops[k].point == x)
			return 1;
	return 0;
}

/* Template run a takes in the children that template run b (another
 * session's, the two may share a run) has at one of its stops, and b runs
 * without that stop: two runs still, but one calls there (two age groups
 * of a sports school starting together, each run too full to merge whole:
 * a shared stop where a calls there too, else a moved one).
 * The best such move between a and b either way, when it saves metres,
 * into *out (out->run the grown run, out->rest the other). Of moves that
 * save as much (within a metre) the one whose host runs to the first
 * session (by sessions.csv) is taken, so that a pair of sessions' runs to
 * them and home have the same host, and the children of the stop can ride
 * home on the bus that took them. */
static int share_stop(const plan_ctx_t *c, int ia, int ib, int seats, cand_t *out)
{
	int got = 0, swap = c->tmpl[ib].session < c->tmpl[ia].session;
	for (int side = 0; side < 2; side++) {
		int ta = side != swap ? ib : ia, tb = side != swap ? ia : ib;
		const plan_run_t *a = &c->tmpl[ta], *b = &c->tmpl[tb];
		int pickups = 0;
		for (int k = 0; k < b->n_stops; k++)
			pickups += !plan_stop_is_dest(b, k);
		if (pickups < 2) /* the whole run: a merge's */
			continue;
		for (int k = 0; k < b->n_stops; k++) {
			if (plan_stop_is_dest(b, k) || a->children + stop_children(b, k) > seats)
				continue;
			int kind = calls_at(a, b->stops[k].point) ? PLAN_MIX_SHARE : PLAN_MIX_MOVE;
			if (got && kind > out->has_rest) /* a shared stop beats any moved one */
				continue;
			plan_run_t y, rest;
			cand_t g = {.m = {ta}, .n = 1}, x;
			stop_alone(b, k, &y);
			stop_removed(c, b, k, &rest);
			int ok = plan_run_feasible(c, &rest, 1) &&
				 best_merge(c, &g, a, INFINITY, -1, &y, &x);
			plan_run_clear(&y);
			double save = ok ? a->meters + b->meters - x.run.meters - rest.meters : 0;
			if (!ok || save <= 1e-6 ||
			    (got && kind == out->has_rest && save <= out->save + 1)) {
				if (ok)
					plan_run_clear(&x.run);
				plan_run_clear(&rest);
				continue;
			}
			if (got) {
				plan_run_clear(&out->run);
				plan_run_clear(&out->rest);
			}
			*out = (cand_t){.m = {ia < ib ? ia : ib, ia < ib ? ib : ia},
					.n = 2,
					.save = save,
					.run = x.run,
					.has_rest = kind,
					.rest = rest};
			got = 1;
		}
	}
	return got;
}

/* The shared-stop candidates of every two template runs that may share a
 * run, into `to`. */
static void shares(const plan_ctx_t *c, int seats, cands_t *to)
{
	for (int i = 0; i < c->n_tmpl; i++)
		for (int j = i + 1; j < c->n_tmpl; j++) {
			cand_t x;
			if (may_pair(c, &c->tmpl[i], &c->tmpl[j]) && share_stop(c, i, j, seats, &x))
				push(to, &x);
		}
}

/* Candidate i can be taken on a day whose template runs are marked in
 * `here` and `used` (none of its runs taken yet). */
static int free_here(const plan_ctx_t *c, int i, const unsigned char *here,
		     const unsigned char *used)
{
	const int *m = c->mix_of + (size_t)i * PLAN_MIX_MAX;
	for (int k = 0; k < PLAN_MIX_MAX && m[k] >= 0; k++)
		if (!here[m[k]] || used[m[k]])
			return 0;
	return 1;
}

/* The candidates taken greedily (best first, a run in one at most) among
 * those whose runs are all marked in `here`, of the kinds up to `kind`
 * (PLAN_MIX_*): take[i] set, *used marked. */
static int take_greedy(const plan_ctx_t *c, const unsigned char *here, unsigned char *used,
		       unsigned char *take, int kind)
{
	int k = 0;
	for (int i = 0; i < c->n_mix; i++) {
		int share = i + 1 < c->n_mix ? c->mix_rest[i + 1] : 0;
		if (c->mix_rest[i] || share > kind || !free_here(c, i, here, used))
			continue;
		const int *m = c->mix_of + (size_t)i * PLAN_MIX_MAX;
		for (int j = 0; j < PLAN_MIX_MAX && m[j] >= 0; j++)
			used[m[j]] = 1;
		take[i] = 1;
		if (share)
			take[i + 1] = 1; /* the other run of a shared stop */
		k++;
	}
	return k;
}

/* Keeps only the candidates some day takes (a day pattern takes the same
 * as each of its days: its runs are those of its sessions), so only they
 * get road shapes. */
static void keep_taken(plan_ctx_t *c)
{
	unsigned char *take = xcalloc((size_t)c->n_mix + 1, 1);
	unsigned char *here = xcalloc((size_t)c->n_tmpl + 1, 1),
		      *used = xcalloc((size_t)c->n_tmpl + 1, 1);
	for (int d = 0; d < 7; d++) {
		for (int t = 0; t < c->n_tmpl; t++) {
			here[t] = c->p->sessions[c->tmpl[t].session].days >> d & 1;
			used[t] = 0;
		}
		take_greedy(c, here, used, take, PLAN_MIX_MOVE);
	}
	int m = 0;
	for (int i = 0; i < c->n_mix; i++) {
		if (!take[i]) {
			plan_run_clear(&c->mix[i]);
			continue;
		}
		c->mix[m] = c->mix[i];
		c->mix_rest[m] = c->mix_rest[i];
		memmove(c->mix_of + (size_t)m * PLAN_MIX_MAX, c->mix_of + (size_t)i * PLAN_MIX_MAX,
			PLAN_MIX_MAX * sizeof(int));
		m++;
	}
	c->n_mix = m;
	free(take);
	free(here);
	free(used);
}

int plan_mixed_make(plan_ctx_t *c, int seats, sr_error_t *err)
{
	if (strcmp(c->p->settings.mixed_load, "yes"))
		return SR_OK;
	cands_t lv[PLAN_MIX_MAX + 1] = {{0}}, all = {0};
	for (int k = 2; k <= PLAN_MIX_MAX; k++) {
		grow(c, k == 2 ? NULL : &lv[k - 1], seats, &lv[k]);
		for (size_t i = 0; i < lv[k].n; i++)
			push(&all, &lv[k].v[i]);
	}
	shares(c, seats, &all);
	if (all.n)
		qsort(all.v, all.n, sizeof(cand_t), cmp_cand);
	size_t n = all.n;
	for (size_t i = 0; i < all.n; i++)
		n += all.v[i].has_rest != 0;
	c->mix = xcalloc(n + 1, sizeof(plan_run_t));
	c->mix_of = xcalloc((n + 1) * PLAN_MIX_MAX, sizeof(int));
	c->mix_rest = xcalloc(n + 1, 1);
	for (size_t i = 0; i < all.n; i++)
		for (int r = 0; r <= (all.v[i].has_rest != 0); r++) {
			int *m = c->mix_of + (size_t)c->n_mix * PLAN_MIX_MAX;
			for (int k = 0; k < PLAN_MIX_MAX; k++)
				m[k] = k < all.v[i].n ? all.v[i].m[k] : -1;
			c->mix_rest[c->n_mix] = (unsigned char)(r ? all.v[i].has_rest : 0);
			c->mix[c->n_mix++] = r ? all.v[i].rest : all.v[i].run;
		}
	for (int k = 0; k <= PLAN_MIX_MAX; k++)
		free(lv[k].v);
	free(all.v);
	keep_taken(c);
	if (c->n_mix)
		sr_info(_("plan: %d candidate mixed runs"), c->n_mix);
	int rc = SR_OK;
	for (int m = 0; m < c->n_mix && !rc; m++)
		rc = plan_run_shape(c, &c->mix[m], err);
	return rc;
}

int plan_mixed_pattern(const plan_ctx_t *c, const plan_pattern_t *pat, int kind,
		       plan_pattern_t *out)
{
	memset(out, 0, sizeof(*out));
	out->days = pat->days;
	unsigned char *here = xcalloc((size_t)c->n_tmpl + 1, 1),
		      *used = xcalloc((size_t)c->n_tmpl + 1, 1),
		      *take = xcalloc((size_t)c->n_mix + 1, 1);
	for (int i = 0; i < pat->n_runs; i++)
		if (pat->runs[i].origin >= 0 && pat->runs[i].origin < c->n_tmpl)
			here[pat->runs[i].origin] = 1;
	int k = take_greedy(c, here, used, take, kind);
	if (k) {
		out->runs = xcalloc((size_t)pat->n_runs + 1, sizeof(plan_run_t));
		for (int m = 0; m < c->n_mix; m++)
			if (take[m]) {
				plan_run_copy(&out->runs[out->n_runs], &c->mix[m]);
				out->runs[out->n_runs++].origin = c->n_tmpl + m;
			}
		for (int i = 0; i < pat->n_runs; i++)
			if (pat->runs[i].origin < 0 || pat->runs[i].origin >= c->n_tmpl ||
			    !used[pat->runs[i].origin])
				plan_run_copy(&out->runs[out->n_runs++], &pat->runs[i]);
	}
	free(here);
	free(used);
	free(take);
	return k;
}
