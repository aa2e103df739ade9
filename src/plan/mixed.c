/*
 * mixed.c - mixed loads: children of two sessions whose destinations and
 * times are close share one run. The merge step follows the savings idea
 * of Clarke & Wright applied to whole runs, as in the route-merging step
 * of the mixed-load school bus literature (Park, Tae & Kim, "A
 * post-improvement procedure for the mixed load school bus routing
 * problem", EJOR 2012): two runs of different schools merge when the
 * merged run keeps each school's time window and each student's ride
 * limit. Here a merged run is only a candidate: duties.c chains each day
 * pattern with and without the candidates and keeps the mixed plan only
 * when it needs no more buses and no more kilometres.
 *
 * A merged run to the sessions picks up both runs' children, one run's
 * stops in their order with the other's put in where they add the least
 * time (cheapest insertion), and then visits both destinations (either
 * order); a merged run home boards at both destinations, then drops the
 * children off the same way. timing.c times it without waiting with
 * children on board, as late (to) or as early (home) as both windows
 * allow.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "plan/mixed.h"
#include "plan/run.h"
#include "plan/timing.h"

typedef struct cand {
	int a, b;    /* template runs */
	double save; /* metres saved against the two runs apart */
	plan_run_t run;
} cand_t;

/* The preferred time of session s's destination in direction dir. */
static int pref_time(const plan_settings_t *st, const plan_session_t *s, int dir)
{
	return dir == PLAN_TO_SESSION ? s->start_s - st->arrival_buffer_min * 60
				      : s->end_s + st->departure_buffer_min * 60;
}

/* Whether template runs a and b may share a run at all. */
static int may_pair(const plan_ctx_t *c, const plan_run_t *ra, const plan_run_t *rb, int seats)
{
	const sr_plan_t *p = c->p;
	const plan_settings_t *st = &p->settings;
	const plan_session_t *sa = &p->sessions[ra->session], *sb = &p->sessions[rb->session];
	if (ra->session == rb->session || ra->dir != rb->dir || !sa->mix || !sb->mix ||
	    !(sa->days & sb->days) || ra->children + rb->children > seats)
		return 0;
	int window = 60 * (ra->dir == PLAN_TO_SESSION ? st->early_window_min : st->late_window_min);
	int gap = pref_time(st, sa, ra->dir) - pref_time(st, sb, ra->dir);
	return abs(gap) <= window;
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
 * add the least time (cheapest insertion), into out->stops from 0. */
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

/* The destination stop of single-session run r. */
static const plan_stop_t *dest_of(const plan_run_t *r)
{
	return &r->stops[r->dir == PLAN_TO_SESSION ? r->n_stops - 1 : 0];
}

/* Runs x and y as one run into *out: order bit 0 takes y's pickups as the
 * base that x's are put into, bit 1 visits y's destination first. Timed. */
static void merge(const plan_ctx_t *c, const plan_run_t *x, const plan_run_t *y, int order,
		  plan_run_t *out)
{
	const plan_run_t *base = order & 1 ? y : x, *other = order & 1 ? x : y;
	const plan_run_t *d1 = order & 2 ? y : x, *d2 = order & 2 ? x : y;
	memset(out, 0, sizeof(*out));
	out->stops = xcalloc((size_t)(x->n_stops + y->n_stops), sizeof(plan_stop_t));
	out->dir = x->dir;
	out->bus = -1;
	out->origin = -1;
	out->children = x->children + y->children;
	out->session = d1->session;
	if (x->dir == PLAN_HOME) {
		out->stops[out->n_stops++] = *dest_of(d1);
		out->stops[out->n_stops++] = *dest_of(d2);
		put_pickups(c, out, base, other, dest_of(d2)->point);
	} else {
		put_pickups(c, out, base, other, dest_of(d1)->point);
		out->stops[out->n_stops++] = *dest_of(d1);
		out->stops[out->n_stops++] = *dest_of(d2);
	}
	plan_run_time(c, out);
}

/* Whether merged run r keeps every destination a minute inside its
 * window, every child within the ride limit and out of the night. */
static int feasible(const plan_ctx_t *c, const plan_run_t *r)
{
	const plan_settings_t *st = &c->p->settings;
	int window = 60 * (r->dir == PLAN_TO_SESSION ? st->early_window_min : st->late_window_min);
	if (r->lag_s > window - 60 || plan_run_at_night(r))
		return 0;
	for (int k = 0; k < r->n_stops; k++)
		if (!plan_stop_is_dest(r, k) &&
		    r->stops[k].ride_s >
			    plan_ride_limit(c->p, r->stops[k].session, r->stops[k].point))
			return 0;
	return 1;
}

/* The shortest feasible merge of template runs a and b into *out (the
 * least lag on a tie); 0 when none saves metres. */
static int best_merge(const plan_ctx_t *c, int a, int b, cand_t *out)
{
	const plan_run_t *ra = &c->tmpl[a], *rb = &c->tmpl[b];
	int got = 0;
	for (int order = 0; order < 4; order++) {
		plan_run_t m;
		merge(c, ra, rb, order, &m);
		double save = ra->meters + rb->meters - m.meters;
		if (save >= 0 && feasible(c, &m) &&
		    (!got || m.meters < out->run.meters - 1e-6 ||
		     (m.meters < out->run.meters + 1e-6 && m.lag_s < out->run.lag_s))) {
			if (got)
				plan_run_clear(&out->run);
			*out = (cand_t){a, b, save, m};
			got = 1;
		} else {
			plan_run_clear(&m);
		}
	}
	return got;
}

static int cmp_cand(const void *x, const void *y)
{
	const cand_t *a = x, *b = y;
	if (a->save != b->save)
		return a->save > b->save ? -1 : 1;
	if (a->a != b->a)
		return a->a - b->a;
	return a->b - b->b;
}

int plan_mixed_make(plan_ctx_t *c, int seats, sr_error_t *err)
{
	if (strcmp(c->p->settings.mixed_load, "yes"))
		return SR_OK;
	cand_t *v = NULL;
	size_t cap = 0, n = 0;
	for (int a = 0; a < c->n_tmpl; a++)
		for (int b = a + 1; b < c->n_tmpl; b++) {
			cand_t x;
			if (!may_pair(c, &c->tmpl[a], &c->tmpl[b], seats) ||
			    !best_merge(c, a, b, &x))
				continue;
			sr_grow(&v, &cap, n + 1, sizeof(cand_t));
			v[n++] = x;
		}
	if (n)
		qsort(v, n, sizeof(cand_t), cmp_cand);
	/* greedy matching: each session run in at most one mixed run */
	unsigned char *used = xcalloc((size_t)c->n_tmpl + 1, 1);
	c->mix = xcalloc(n + 1, sizeof(plan_run_t));
	c->mix_pair = xcalloc(2 * n + 2, sizeof(int));
	for (size_t i = 0; i < n; i++) {
		if (used[v[i].a] || used[v[i].b]) {
			plan_run_clear(&v[i].run);
			continue;
		}
		used[v[i].a] = used[v[i].b] = 1;
		c->mix_pair[2 * c->n_mix] = v[i].a;
		c->mix_pair[2 * c->n_mix + 1] = v[i].b;
		c->mix[c->n_mix++] = v[i].run;
	}
	if (c->n_mix)
		sr_info("plan: %d candidate mixed runs", c->n_mix);
	free(used);
	free(v);
	int rc = SR_OK;
	for (int m = 0; m < c->n_mix && !rc; m++)
		rc = plan_run_shape(c, &c->mix[m], err);
	return rc;
}

int plan_mixed_pattern(const plan_ctx_t *c, const plan_pattern_t *pat, plan_pattern_t *out)
{
	memset(out, 0, sizeof(*out));
	out->days = pat->days;
	int *at = xcalloc((size_t)c->n_tmpl + 1, sizeof(int)); /* template -> run + 1 */
	for (int i = 0; i < pat->n_runs; i++)
		if (pat->runs[i].origin >= 0 && pat->runs[i].origin < c->n_tmpl)
			at[pat->runs[i].origin] = i + 1;
	unsigned char *gone = xcalloc((size_t)pat->n_runs + 1, 1);
	int k = 0;
	out->runs = xcalloc((size_t)pat->n_runs + 1, sizeof(plan_run_t));
	for (int m = 0; m < c->n_mix; m++) {
		int a = at[c->mix_pair[2 * m]], b = at[c->mix_pair[2 * m + 1]];
		if (!a || !b)
			continue;
		gone[a - 1] = gone[b - 1] = 1;
		plan_run_copy(&out->runs[out->n_runs], &c->mix[m]);
		out->runs[out->n_runs++].origin = c->n_tmpl + m;
		k++;
	}
	for (int i = 0; i < pat->n_runs && k; i++)
		if (!gone[i])
			plan_run_copy(&out->runs[out->n_runs++], &pat->runs[i]);
	if (!k) {
		free(out->runs);
		out->runs = NULL;
	}
	free(at);
	free(gone);
	return k;
}
