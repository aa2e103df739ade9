/*
 * align.h - one time all week for a run that repeats (align.c).
 */
#ifndef SR_PLAN_ALIGN_H
#define SR_PLAN_ALIGN_H

#include "plan/ctx.h"

/* After plan_week_plan and plan_round_trip: each repeating run moved, on the day patterns
 * where its window use differs, to the one most of its days can have,
 * where its bus's day there still holds; buses and km unchanged. Not with
 * --keep (the kept runs go back to their earlier times). */
void plan_align_times(plan_ctx_t *c);

#endif
