/*
 * run.h - one run (a bus trip with children between their stops and a
 * session's destination): its times, copying, freeing, moving in time and
 * the night rule. The lowest layer of the plan stage: it uses nothing of
 * the other plan files.
 */
#ifndef SR_PLAN_RUN_H
#define SR_PLAN_RUN_H

#include "schoolrun/plan.h"

/* Hours in which no run may take place (decree No. 1527): 23:00-06:00. */
#define PLAN_DAY_START_S (6 * 3600)
#define PLAN_DAY_END_S (23 * 3600)

/* When the bus reaches the run's first stop and leaves its last. */
static inline int plan_run_start(const plan_run_t *r)
{
	return r->stops[0].arrival_s;
}

static inline int plan_run_end(const plan_run_t *r)
{
	return r->stops[r->n_stops - 1].departure_s;
}

/* Whether the run falls into the night hours of decree No. 1527. */
static inline int plan_run_at_night(const plan_run_t *r)
{
	return plan_run_start(r) < PLAN_DAY_START_S || plan_run_end(r) > PLAN_DAY_END_S;
}

/* Whether run r carries children of session at point (getting on or off
 * there, the destination aside). */
int plan_run_carries(const plan_run_t *r, int session, int point);

/* Frees a run's arrays (not the struct) and zeroes it. */
void plan_run_clear(plan_run_t *r);
/* Deep copy of src into dst; the caller frees dst with plan_run_clear(). */
void plan_run_copy(plan_run_t *dst, const plan_run_t *src);
/* Whether a and b are the same run: session, direction, stops, times and
 * children getting on and off. */
int plan_run_same(const plan_run_t *a, const plan_run_t *b);
/* One more than the largest origin of p's runs (0 when none repeats). */
int plan_n_origins(const sr_plan_t *p);
/* A deep copy of src into dst (runs and duties); plan_pattern_clear frees
 * it. */
void plan_pattern_copy(plan_pattern_t *dst, const plan_pattern_t *src);
/* Frees a pattern's runs and duties (not the struct) and zeroes them. */
void plan_pattern_clear(plan_pattern_t *pat);
/* Shifts a run's stop times by delta seconds. */
void plan_run_shift(plan_run_t *r, int delta);

#endif
