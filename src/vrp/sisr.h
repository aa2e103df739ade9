/* sisr.h - ruin-and-recreate search (ruin_recreate.c). */
#ifndef SR_VRP_SISR_H
#define SR_VRP_SISR_H

#include "vrp/pool.h"

typedef struct sisr_opts {
	uint64_t seed;
	long iters;		   /* > 0: fixed budget; <= 0: until deadline */
	double frac0, frac1;	   /* part of the cooling schedule this call covers */
	double deadline;	   /* always honoured */
	double t0_scale, tf_scale; /* temperatures per unit of distance per visit */
	double pool_slack;	   /* routes of accepted solutions within this fraction
			      of the best go to the pool */
	long *iters_done;	   /* may be NULL */
} sisr_opts_t;

/* Improves *best (a complete solution) in place; routes of good solutions
 * are added to pool (may be NULL). */
void sisr_run(const vrp_ctx_t *c, const sisr_opts_t *so, vrp_wsol_t *best, vrp_pool_t *pool);

#endif
