/*
 * trips.h - children's round trips (trips.c): their count, the pairs of
 * runs the chaining weighs, and the stop events both are counted from.
 */
#ifndef SR_PLAN_TRIPS_H
#define SR_PLAN_TRIPS_H

#include "plan/ctx.h"

/* One children count of a stop event: pattern, session, pickup, bus, leg. */
typedef struct rt_ev {
	int pat, session, point, bus, dir;
	long n;
} rt_ev_t;

typedef struct rt_evs {
	rt_ev_t *ev;
	size_t n, cap;
} rt_evs_t;

/* Rows that bring their children home elsewhere (riders.csv `home`): the
 * children taken from school to football and brought home to Malbun make
 * a round trip of the run from the school and the run home to Malbun. So
 * a run home's event at such a home point counts as at the point where
 * they boarded, for each session and home point whose children home are
 * of such rows alone, from one point (not a village's own group too: the
 * count at a stop is not split by row). */
typedef struct plan_trip_keys {
	int n;
	int (*k)[3]; /* session, home point, the point they boarded at */
} plan_trip_keys_t;

void plan_trip_keys_init(plan_trip_keys_t *t, const sr_plan_t *p);
void plan_trip_keys_free(plan_trip_keys_t *t);

/* Adds run r's stop events (children getting on at a pickup on a run to
 * the session, off at one on a run home; t may be NULL) as on bus `bus`
 * of pattern k. */
void plan_trips_add(rt_evs_t *e, const plan_trip_keys_t *t, int k, const plan_run_t *r, int bus);

/* Over e's events (sorted here): per pattern, session and pickup, the
 * children on a bus both ways into *all and those home on the bus that
 * took them into *same, each times the pattern's days. */
void plan_trips_sweep(const sr_plan_t *p, rt_evs_t *e, long *same, long *all);

/* The round trips among runs[0..n) as pairs for the chaining (chain.h):
 * per session and pickup (plan_trip_keys_t), each run taking children there
 * to the session and each run bringing them home, weighted by the children both carry
 * (the smaller count); into *out (the caller frees it, NULL when none),
 * their number. */
int plan_round_trip_pairs(const sr_plan_t *p, const plan_run_t *runs, int n, chain_pair_t **out);

/* The weight of the pairs q[0..n) whose first run is on a bus (bus[a] >=
 * 0, by run) and whose second is not on that bus. */
double plan_round_trip_apart(const chain_pair_t *q, int n, const int *bus);

#endif
