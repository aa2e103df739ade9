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

/* The same in a re-plan (--keep), after the earlier buses and the locks
 * (keep.c), for the runs of the origins not fixed (fixed[o] != 0: some
 * copy keeps an earlier run, whose time stays): a new group's run that
 * fitted a gap at 06:52 on Mon/Wed/Fri and at 06:22 on Tue/Thu gets one
 * time where its buses' days allow. fixed has plan_n_origins entries. */
void plan_align_new_runs(plan_ctx_t *c, const unsigned char *fixed);

#endif
