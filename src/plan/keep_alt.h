/*
 * keep_alt.h - a re-plan's alternative (keep_alt.c): the chaining of all
 * runs where it needs fewer buses than keeping the earlier runs. Uses
 * ctx.h and run.h only (keep.c calls it).
 */
#ifndef SR_PLAN_KEEP_ALT_H
#define SR_PLAN_KEEP_ALT_H

#include "plan/ctx.h"

/* After the re-plan of pattern pat: when `chained` (its duties as the
 * chaining of all runs gave them) needs fewer buses, adds a p->alts entry
 * (its children_changed for changes.c to count; none with locks, which
 * the chaining ignores) and returns 1, or with keep_priority = buses
 * moves chained into pat (chained gets a copy) and returns 2; else 0. */
int plan_keep_alt(plan_ctx_t *c, plan_pattern_t *pat, plan_pattern_t *chained);

#endif
