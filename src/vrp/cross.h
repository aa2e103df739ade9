/* cross.h - HGS's crossover over the search chains' solutions
 * (crossover.c). */
#ifndef SR_VRP_CROSS_H
#define SR_VRP_CROSS_H

#include "vrp/search.h"

/* Whether the crossover may run: Split ignores fleet counts, so every
 * vehicle type must be unlimited. */
int vrp_cross_applies(const vrp_ctx_t *c);
/* The routes of s one after another into tour; returns the visits. */
int vrp_giant_tour(const vrp_wsol_t *s, int *tour);
/* Ordered crossover of two permutations of n visits (ids 1..nv): a random
 * stretch of p1 in place, the rest in p2's order after it; mark: nv + 1. */
void vrp_ox(const int *p1, const int *p2, int n, sr_rng_t *rng, int *child, char *mark, int nv);
/* Split: the cheapest cut of tour (n visits) into consecutive routes, each
 * with its cheapest vehicle type, appended to s (initialised, empty).
 * Returns the cost, VRP_INF (s untouched) if no cut is feasible. */
double vrp_split(const vrp_ctx_t *c, const int *tour, int n, vrp_wsol_t *s);
/* Broken-pairs distance: the share of a's edges missing in b (buf: four
 * arrays of nv + 1 ints). */
double vrp_broken_pairs(const vrp_ctx_t *c, const vrp_wsol_t *a, const vrp_wsol_t *b, int *buf);
/* Children of member self of the population pop[0..n-1] (complete
 * solutions), drawn with seed and educated by the local search; the best
 * goes to *out (initialised) if the diversity rules admit it: returns 1. */
int vrp_cross_member(const vrp_ctx_t *c, const vrp_wsol_t *pop, int n, int self, uint64_t seed,
		     double deadline, vrp_wsol_t *out);

#endif
