/*
 * week.h - the week as a whole: the same run with the same id and, where
 * the fleet allows, the same bus every day (week.c).
 */
#ifndef SR_PLAN_WEEK_H
#define SR_PLAN_WEEK_H

#include "plan/ctx.h"

/* Rounds of chaining the patterns again for one bus per run (week.c). */
#define WEEK_ROUNDS 6

/* After plan_make_patterns: gives split parts that repeat one origin,
 * gives each pattern's duties the buses, and chains the patterns again
 * (fewest buses first, then fewest runs on another bus than on other
 * days, then km), never with more buses on a day than before; then names
 * the runs, one id per run of the week. Returns SR_OK, or an error of the
 * chaining (err set). */
int plan_week_plan(plan_ctx_t *c, sr_error_t *err);
/* With week_balance = yes and a bus whose drivers' week is longer than its
 * max_week_h: the duties of every pattern go to the buses that keep the
 * weeks within their limits as far as the fleet allows (whole duties,
 * only their buses change). Not on a re-plan (--keep): the earlier buses
 * come first there. */
void plan_week_balance(plan_ctx_t *c);

/* kin[o] (n_org of them; the caller frees it): the origin that stands for
 * origin o in the week's steps: o itself, or for the runs of the parts
 * of one session that take the same children at the same stops (football
 * Mon, Fri at 16:00 and Wed at 17:00), one run of each part, the least of
 * their origins. */
int *plan_week_kin(const sr_plan_t *p, int n_org);

/* Whether bus b can do duty du of pat: seats, its hours with the legs
 * from and to its own depot, the drivers' rules (hours.c). */
int plan_week_fits(const plan_ctx_t *c, const plan_pattern_t *pat, const plan_duty_t *du, int b);

#endif
