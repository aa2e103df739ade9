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

/* Adds run r's stop events (children getting on at a pickup on a run to
 * the session, off at one on a run home) as on bus `bus` of pattern k. */
void plan_trips_add(rt_evs_t *e, int k, const plan_run_t *r, int bus);

/* Over e's events (sorted here): per pattern, session and pickup, the
 * children on a bus both ways into *all and those home on the bus that
 * took them into *same, each times the pattern's days. */
void plan_trips_sweep(const sr_plan_t *p, rt_evs_t *e, long *same, long *all);

/* The round trips among runs[0..n) as pairs for the chaining (chain.h):
 * per session and pickup, each run taking children there to the session
 * and each run bringing them home, weighted by the children both carry
 * (the smaller count); into *out (the caller frees it, NULL when none),
 * their number. */
int plan_round_trip_pairs(const plan_run_t *runs, int n, chain_pair_t **out);

/* The weight of the pairs q[0..n) whose first run is on a bus (bus[a] >=
 * 0, by run) and whose second is not on that bus. */
double plan_round_trip_apart(const chain_pair_t *q, int n, const int *bus);

#endif
