/* pool.h - a pool of distinct feasible routes (pool.c) and set partitioning
 * over it (setpart.c), enumeration of all routes for tiny instances
 * (enum.c). */
#ifndef SR_VRP_POOL_H
#define SR_VRP_POOL_H

#include <stdint.h>
#include "vrp/search.h"

typedef struct vrp_pool_entry {
	size_t off; /* into seq */
	int len, load;
	double dist;
	uint64_t h;
} vrp_pool_entry_t;

/* Routes keyed by their set of visits; for each set the shortest feasible
 * order seen is kept. */
typedef struct vrp_pool {
	vrp_pool_entry_t *e;
	int ne;
	size_t ecap;
	int *seq;
	size_t seq_len, seq_cap;
	int *tab; /* open addressing: entry index + 1, 0 = empty */
	size_t tcap;
	uint64_t *key; /* nv+1 random keys, the set hash is their sum */
	int *mark;     /* nv+1 scratch */
	int nv;
} vrp_pool_t;

void pool_init(vrp_pool_t *pl, const vrp_ctx_t *c, uint64_t seed);
void pool_free(vrp_pool_t *pl);
/* Adds a route (must be feasible for some type); returns 1 if its set is
 * new or its order shorter than the stored one. */
int pool_add(vrp_pool_t *pl, const vrp_ctx_t *c, const int *v, int len, double dist, int load);
/* Adds a route of a working solution (none if empty or infeasible). A
 * route offered twice with nothing removed from the pool in between
 * changes nothing the second time: the pool only grows, and keeps the
 * shortest order of each set. */
void pool_add_route(vrp_pool_t *pl, const vrp_ctx_t *c, const vrp_wroute_t *r);
/* Whether pool_add_route(pl, c, r) would change nothing (a check). */
int pool_has_route(vrp_pool_t *pl, const vrp_ctx_t *c, const vrp_wroute_t *r);
/* Adds every route of a solution. */
void pool_add_solution(vrp_pool_t *pl, const vrp_ctx_t *c, const vrp_wsol_t *s);

/* The work allowed to one set partitioning. The node and simplex budgets
 * end it the same way on every machine; the clock is only a backstop. */
typedef struct vrp_sp_limits {
	double time_limit_s; /* backstop */
	long max_nodes;	     /* branch-and-bound nodes; 0 = no limit */
	long max_simplex;    /* simplex iterations, LP and MIP; 0 = no limit */
	int max_cols;	     /* routes offered to GLPK (the incumbent's and the
				most promising others); 0 = the whole pool */
} vrp_sp_limits_t;

/* Set partitioning over the pool with GLPK: each visit covered once (or
 * left out at the unserved penalty), vehicle counts per type respected,
 * within the limits of *lim.
 * warm (may be NULL) is a solution whose routes are in the pool; it is
 * passed as the starting incumbent. On SR_OK *out holds the best solution
 * found (not worse than warm) and *res says how it ended. */
typedef struct vrp_sp_result {
	int proved;    /* GLPK proved *out optimal over the pool */
	int clock_cut; /* the time limit, not a budget, ended it: the result
			  may differ on another machine */
	long simplex;  /* simplex iterations spent */
} vrp_sp_result_t;

int vrp_setpart(const vrp_ctx_t *c, const vrp_pool_t *pl, const vrp_wsol_t *warm,
		const vrp_sp_limits_t *lim, vrp_wsol_t *out, vrp_sp_result_t *res, sr_error_t *err);

/* Enumerates every feasible route of a tiny instance into the pool (best
 * order per set of visits). Returns 0 if it gave up (more than max_steps
 * partial routes, or the deadline passed), 1 when the pool holds them all. */
int vrp_enumerate(const vrp_ctx_t *c, vrp_pool_t *pl, long max_steps, double deadline);

#endif
