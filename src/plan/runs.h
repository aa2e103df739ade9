/*
 * runs.h - the runs of every session (runs.c).
 */
#ifndef SR_PLAN_RUNS_H
#define SR_PLAN_RUNS_H

#include "plan/ctx.h"

/* Routes every session in both directions (vrp_solve), times the runs and
 * draws their road geometry; fills c->tmpl and the unserved list
 * (unreachable, ride_limit, no_bus, night_run). */
int plan_make_runs(plan_ctx_t *c, sr_error_t *err);

#endif
