/*
 * week.h - the same bus for the same run every day (week.c).
 */
#ifndef SR_PLAN_WEEK_H
#define SR_PLAN_WEEK_H

#include "plan/ctx.h"

/* Swaps the buses of each pattern's duties (after the first pattern) so
 * that as many repeating runs as it can keep the bus they have on the
 * patterns before it; the number of buses per day does not change. */
void plan_week_steady(plan_ctx_t *c);

#endif
