/*
 * roundtrip.h - the bus that took the children brings them home
 * (roundtrip.c).
 */
#ifndef SR_PLAN_ROUNDTRIP_H
#define SR_PLAN_ROUNDTRIP_H

#include "plan/ctx.h"

/* After plan_week_plan: exchanges the rest of the day between two buses
 * of one depot both free between runs at the same moment where that
 * brings more children home on the bus that took them, with no fewer runs
 * on one bus all week, no more buses and no more kilometres. Not in a
 * re-plan (--keep) nor with locks: their buses are the coordinator's.
 * SR_TEST_NO_ROUND_TRIP in the environment skips it (the tests compare). */
void plan_round_trip(const plan_ctx_t *c);

#endif
