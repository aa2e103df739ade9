/*
 * duties.h - weekday patterns and bus duties (duties.c).
 */
#ifndef SR_PLAN_DUTIES_H
#define SR_PLAN_DUTIES_H

#include "plan/ctx.h"

/* Groups days into weekday patterns, chains each pattern's runs (from
 * c->tmpl) into bus duties (chain_solve), using the windows when buses run
 * short, and lists what cannot be covered (no_bus); fills c->p->patterns. */
int plan_make_patterns(plan_ctx_t *c, sr_error_t *err);

#endif
