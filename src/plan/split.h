/*
 * split.h - runs the free buses cannot seat whole, split over them
 * (split.c).
 */
#ifndef SR_PLAN_SPLIT_H
#define SR_PLAN_SPLIT_H

#include "schoolrun/chain.h"
#include "plan/ctx.h"

/* Splits the uncovered runs of best (a chaining of pat->runs on the buses
 * cb) that no bus free around their time can seat whole into parts those
 * buses can: over two or more of them when together they seat the run,
 * and otherwise a part for each free bus with the children it can take,
 * whole groups first, and a part with the children left, who stay
 * unserved. The parts are appended to pat->runs (*drop grows with them)
 * and the split runs are marked in *drop. Returns how many runs were
 * split, or -1 with err set. */
int plan_split_uncovered(plan_ctx_t *c, plan_pattern_t *pat, const chain_solution_t *best,
			 const chain_bus_t *cb, int n_cb, unsigned char **drop, sr_error_t *err);

#endif
