/*
 * mixed.h - mixed loads (mixed.c): children of sessions close in time and
 * place share a run where that saves a bus or kilometres.
 */
#ifndef SR_PLAN_MIXED_H
#define SR_PLAN_MIXED_H

#include "plan/ctx.h"

/* Builds the candidate mixed runs from the session runs c->tmpl (setting
 * mixed_load, sessions' `mix`): groups of 2 to PLAN_MIX_MAX runs of as
 * many sessions in the same direction merged into one run that keeps
 * every destination in its window and every child within its ride limit,
 * no longer than the runs apart and within the largest bus's seats
 * (`seats`), and shared stops (two runs too full to merge whole that call
 * at one village: one takes the other's children there, the other runs
 * without that stop; after every merge) and moved stops (the same where
 * the first run does not call at that village; after every shared stop);
 * only those some day takes (see
 * plan_mixed_pattern) are kept, best first. Fills c->mix, c->mix_of,
 * c->mix_rest (each run with its road shape); SR_OK, or the error of
 * drawing a shape. */
int plan_mixed_make(plan_ctx_t *c, int seats, sr_error_t *err);

/* The runs of pattern pat (copies of templates, origin = template index)
 * with the candidates of c->mix whose runs are all there, taken greedily
 * (best first, a run in one at most; the kinds up to `kind`, PLAN_MIX_*,
 * each after every candidate of the kinds before it), in place of their
 * runs (origin n_tmpl + candidate), into *out (runs only, days as pat's).
 * Returns how many candidates were taken (0: *out is left empty); with a
 * higher kind, the same as with the lower and more, or as many: the same. */
int plan_mixed_pattern(const plan_ctx_t *c, const plan_pattern_t *pat, int kind,
		       plan_pattern_t *out);

#endif
