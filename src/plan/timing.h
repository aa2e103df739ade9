/*
 * timing.h - a run's stop times and road shape from its stops (timing.c).
 */
#ifndef SR_PLAN_TIMING_H
#define SR_PLAN_TIMING_H

#include "plan/ctx.h"

/* Seconds of dwell at a stop where `children` board or alight. */
int plan_dwell_s(const plan_settings_t *s, int children);

/* The strictest ride limit of the riders of session si at point pt. */
int plan_ride_limit(const sr_plan_t *p, int si, int pt);

/* The window of run r: its session's; a mixed run's, the smallest of the
 * sessions whose children it carries (each destination keeps its own). */
int plan_run_window_s(const sr_plan_t *p, const plan_run_t *r);

/* Whether the timed run r keeps every child within its ride limit and out
 * of the night hours, and, when check_lag, each destination a minute
 * inside its window (r->lag_s: a mixed run's). */
int plan_run_feasible(const plan_ctx_t *c, const plan_run_t *r, int check_lag);

/* Times run r (its stops' points and board/alight filled in) at its
 * session's preferred time, and sums its metres; r->shift_s is left as it
 * is and not applied. A mixed run (stops of several sessions) is timed as
 * late (to the sessions) or as early (home) as all its destinations
 * allow, without waiting with children on board; r->lag_s says how far
 * from its own preferred time the farthest destination then is. */
void plan_run_time(const plan_ctx_t *c, plan_run_t *r);

/* The road polyline through the run's stops (r->shape_*, replaced). */
int plan_run_shape(const plan_ctx_t *c, plan_run_t *r, sr_error_t *err);

#endif
