/*
 * trips.c - children's round trips: which runs take the children of a
 * pickup to their session and which bring them home, on which bus. The
 * count the outputs print (plan_round_trip_stats), the pairs of runs the
 * chaining weighs (duties.c, week.c: chain_pair_t) and the events the
 * exchanges of roundtrip.c count with.
 */
#include <stdlib.h>
#include <string.h>
#include "plan/run.h"
#include "plan/trips.h"

static int cmp_ev(const void *a, const void *b)
{
	const rt_ev_t *x = a, *y = b;
	int d[5] = {x->pat - y->pat, x->session - y->session, x->point - y->point, x->bus - y->bus,
		    x->dir - y->dir};
	for (int i = 0; i < 5; i++)
		if (d[i])
			return d[i] < 0 ? -1 : 1;
	return 0;
}

/* The entry of t for session si and home point pt, NULL when none. */
static int *trip_key(const plan_trip_keys_t *t, int si, int pt)
{
	for (int i = 0; t && i < t->n; i++)
		if (t->k[i][0] == si && t->k[i][1] == pt)
			return t->k[i];
	return NULL;
}

void plan_trip_keys_init(plan_trip_keys_t *t, const sr_plan_t *p)
{
	memset(t, 0, sizeof(*t));
	size_t cap = 0;
	for (int i = 0; i < p->n_riders; i++) {
		const plan_rider_t *r = &p->riders[i];
		if (!r->pair_of || r->legs != PLAN_LEG_HOME)
			continue;
		int from = p->riders[r->pair_of - 1].pickup,
		    *k = trip_key(t, r->session, r->pickup);
		if (k) {
			k[2] = k[2] == from ? from : -1; /* from two schools: none */
			continue;
		}
		sr_grow(&t->k, &cap, (size_t)t->n + 1, sizeof(*t->k));
		t->k[t->n][0] = r->session;
		t->k[t->n][1] = r->pickup;
		t->k[t->n++][2] = from;
	}
	for (int i = 0; i < p->n_riders && t->n; i++) { /* the village's own group too */
		const plan_rider_t *r = &p->riders[i];
		int *k = trip_key(t, r->session, r->pickup);
		if (k && !r->pair_of && r->legs != PLAN_LEG_TO)
			k[2] = -1;
	}
}

void plan_trip_keys_free(plan_trip_keys_t *t)
{
	free(t->k);
	memset(t, 0, sizeof(*t));
}

void plan_trips_add(rt_evs_t *e, const plan_trip_keys_t *t, int k, const plan_run_t *r, int bus)
{
	for (int s = 0; s < r->n_stops && bus >= 0; s++) {
		const plan_stop_t *st = &r->stops[s];
		int cnt = r->dir == PLAN_TO_SESSION ? st->board : st->alight, pt = st->point;
		if (cnt <= 0 || plan_stop_is_dest(r, s))
			continue;
		const int *key = r->dir == PLAN_HOME ? trip_key(t, st->session, pt) : NULL;
		if (key && key[2] >= 0)
			pt = key[2];
		if (e->n == e->cap)
			e->ev = xrealloc(e->ev,
					 (e->cap = e->cap ? 2 * e->cap : 64) * sizeof(rt_ev_t));
		e->ev[e->n++] = (rt_ev_t){k, st->session, pt, bus, r->dir, cnt};
	}
}

void plan_trips_sweep(const sr_plan_t *p, rt_evs_t *e, long *same, long *all)
{
	rt_ev_t *ev = e->ev;
	size_t n = e->n, i = 0;
	if (n > 1)
		qsort(ev, n, sizeof(*ev), cmp_ev);
	*same = *all = 0;
	while (i < n) { /* one pattern, session and pickup */
		long to = 0, home = 0;
		int nd = __builtin_popcount(p->patterns[ev[i].pat].days);
		size_t j = i;
		while (j < n && ev[j].pat == ev[i].pat && ev[j].session == ev[i].session &&
		       ev[j].point == ev[i].point) {
			long b_to = 0, b_home = 0;
			size_t q = j;
			for (; q < n && ev[q].bus == ev[j].bus && ev[q].point == ev[j].point &&
			       ev[q].session == ev[j].session && ev[q].pat == ev[j].pat;
			     q++)
				*(ev[q].dir == PLAN_TO_SESSION ? &b_to : &b_home) += ev[q].n;
			*same += (b_to < b_home ? b_to : b_home) * nd;
			to += b_to;
			home += b_home;
			j = q;
		}
		*all += (to < home ? to : home) * nd;
		i = j;
	}
}

void plan_round_trip_stats(const sr_plan_t *p, long *same, long *all)
{
	rt_evs_t e = {NULL, 0, 0};
	plan_trip_keys_t t;
	plan_trip_keys_init(&t, p);
	for (int k = 0; k < p->n_patterns; k++)
		for (int i = 0; i < p->patterns[k].n_runs; i++)
			plan_trips_add(&e, &t, k, &p->patterns[k].runs[i],
				       p->patterns[k].runs[i].bus);
	plan_trips_sweep(p, &e, same, all);
	plan_trip_keys_free(&t);
	free(e.ev);
}

static int cmp_pair(const void *x, const void *y)
{
	const chain_pair_t *a = x, *b = y;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return (a->b > b->b) - (a->b < b->b);
}

/* Sorts q (m pairs) by their tasks and sums the weights of equal pairs
 * into one; *out gets q; returns their number. */
static int merge_pairs(chain_pair_t *q, int m, chain_pair_t **out)
{
	int k = 0;
	if (m > 1)
		qsort(q, (size_t)m, sizeof(*q), cmp_pair);
	for (int i = 0; i < m; i++) {
		if (k > 0 && q[k - 1].a == q[i].a && q[k - 1].b == q[i].b)
			q[k - 1].w += q[i].w;
		else
			q[k++] = q[i];
	}
	*out = q;
	return k;
}

/* Per pickup and session, each run taking children there to the session
 * paired with each run bringing children of that pickup home, weighted by
 * the children both take (the smaller count), one pair per two runs: what
 * the chaining weighs (chain_pair_t). */
int plan_round_trip_pairs(const sr_plan_t *p, const plan_run_t *runs, int n, chain_pair_t **out)
{
	rt_evs_t e = {NULL, 0, 0};
	plan_trip_keys_t t;
	plan_trip_keys_init(&t, p);
	for (int i = 0; i < n; i++) /* the run's index in place of a bus */
		plan_trips_add(&e, &t, 0, &runs[i], i);
	plan_trip_keys_free(&t);
	if (e.n > 1)
		qsort(e.ev, e.n, sizeof(*e.ev), cmp_ev);
	chain_pair_t *q = NULL;
	size_t m = 0, cap = 0;
	for (size_t i = 0, j; i < e.n; i = j) { /* one session and pickup */
		for (j = i; j < e.n && e.ev[j].session == e.ev[i].session &&
			    e.ev[j].point == e.ev[i].point;
		     j++)
			;
		for (size_t x = i; x < j; x++)
			for (size_t y = i; y < j; y++) {
				const rt_ev_t *to = &e.ev[x], *home = &e.ev[y];
				if (to->dir != PLAN_TO_SESSION || home->dir == PLAN_TO_SESSION)
					continue;
				sr_grow(&q, &cap, m + 1, sizeof(*q));
				q[m++] =
					(chain_pair_t){to->bus, home->bus,
						       (double)(to->n < home->n ? to->n : home->n)};
			}
	}
	free(e.ev);
	return merge_pairs(q, (int)m, out);
}

double plan_round_trip_apart(const chain_pair_t *q, int n, const int *bus)
{
	double w = 0;
	for (int k = 0; k < n; k++)
		if (bus[q[k].a] >= 0 && bus[q[k].b] != bus[q[k].a])
			w += q[k].w;
	return w;
}
