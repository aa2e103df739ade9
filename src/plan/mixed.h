/*
 * mixed.h - mixed loads (mixed.c): children of sessions close in time and
 * place share a run where that saves a bus or kilometres.
 */
#ifndef SR_PLAN_MIXED_H
#define SR_PLAN_MIXED_H

#include "plan/ctx.h"

/* Builds the candidate mixed runs from the session runs c->tmpl (setting
 * mixed_load, sessions' `mix`): pairs of runs of two sessions in the same
 * direction merged into one run that keeps every destination in its
 * window and every child within its ride limit, no longer than the two
 * runs apart and within the largest bus's seats (`seats`), matched
 * greedily by the kilometres they save. Fills c->mix, c->mix_pair (each
 * with its road shape); SR_OK, or the error of drawing a shape. */
int plan_mixed_make(plan_ctx_t *c, int seats, sr_error_t *err);

/* The runs of pattern pat (copies of templates, origin = template index)
 * with every pair of c->mix whose two runs are both there replaced by its
 * mixed run (origin n_tmpl + pair), into *out (runs only, days as pat's).
 * Returns how many pairs were merged (0: *out is left empty). */
int plan_mixed_pattern(const plan_ctx_t *c, const plan_pattern_t *pat, plan_pattern_t *out);

#endif
