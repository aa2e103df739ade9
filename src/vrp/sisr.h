/* sisr.h - ruin-and-recreate search: the ruin and recreate operators
 * (ruin_recreate.c) and the simulated annealing that drives them, run
 * speculatively on several threads (sisr.c). */
#ifndef SR_VRP_SISR_H
#define SR_VRP_SISR_H

#include "vrp/pool.h"

/* Widths whose batch counts sisr_stats_t projects: 1, 2, 4, ..., 16. */
#define SISR_PROJ 5

/* What a run did and where its time went (summed over calls by the
 * caller; vrp_chain_profile_t in schoolrun/vrp.h says what each field
 * holds); never changes the result. need[i]: the batches a width of 1 << i
 * would have needed. */
typedef vrp_chain_profile_t sisr_stats_t;
_Static_assert(sizeof(((sisr_stats_t *)0)->need) == SISR_PROJ * sizeof(long),
	       "sisr_stats_t.need holds the SISR_PROJ widths");

typedef struct sisr_opts {
	uint64_t seed;
	long iters;		   /* > 0: fixed budget; <= 0: until deadline */
	double frac0, frac1;	   /* part of the cooling schedule this call covers */
	double deadline;	   /* always honoured */
	double t0_scale, tf_scale; /* temperatures per unit of distance per visit */
	double pool_slack;	   /* routes of accepted solutions within this fraction
			      of the best go to the pool */
	long *iters_done;	   /* may be NULL */
	int width;		   /* threads for this chain (< 2: one); never
				      changes the result */
	sisr_stats_t *stats;	   /* added to; may be NULL */
} sisr_opts_t;

/* Improves *best (a complete solution) in place; routes of good solutions
 * are added to pool (may be NULL). */
void sisr_run(const vrp_ctx_t *c, const sisr_opts_t *so, vrp_wsol_t *best, vrp_pool_t *pool);

/* One ruin-and-recreate step's scratch (ruin_recreate.c); one per thread. */
typedef struct rr rr_t;
rr_t *rr_new(const vrp_ctx_t *c);
void rr_free(rr_t *R);
/* Ruins and recreates work in place with the random numbers of its own
 * stream, a function of (seed, it) only; work->cost is then the sum of its
 * routes' costs and the unserved penalties. Returns the acceptance draw of
 * that stream, uniform in [0, 1). The routes changed are listed by
 * rr_touched until rr_untouch. */
double rr_candidate(rr_t *R, vrp_wsol_t *work, uint64_t seed, long it);
const int *rr_touched(const rr_t *R, int *n);
/* Adds route ri to the touched list (to copy it back with the others). */
void rr_touch(rr_t *R, int ri);
void rr_untouch(rr_t *R);

#endif
