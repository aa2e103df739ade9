/*
 * legs.h - whole round trips (legs.c): a group is taken to its session
 * only if it is also brought home, unless riders.csv marks it one way.
 */
#ifndef SR_PLAN_LEGS_H
#define SR_PLAN_LEGS_H

#include "plan/ctx.h"

/* Why a leg is withdrawn with the other (reason code "other_leg"). */
#define WHY_OTHER_TO                                                                            \
	"the children cannot be brought home (see the home leg), so they are not taken to the " \
	"session either; riders.csv marks a group that needs this leg only with direction = to"
#define WHY_OTHER_HOME                                                                       \
	"the children cannot be taken to the session (see that leg), so no run brings them " \
	"home either; riders.csv marks a group that needs this leg only with direction = from"

/* The same for the halves of a row that brings its children home
 * elsewhere (riders.csv `home`): no direction to set there. */
#define WHY_PAIR_TO                                                                               \
	"the children cannot be brought home to where they live (see the home leg), so they are " \
	"not taken from here either"
#define WHY_PAIR_HOME                                                                         \
	"the children are not taken to the session from where they board (see that leg), so " \
	"no run brings them home either"

/* Balances the legs of runs[0..n) (runs with absent[i] set, when absent is
 * not NULL, count as not run): for each session and pickup, the children
 * taken to the session beyond those brought home (and the other way round)
 * that riders.csv does not mark one way are taken off their runs, which
 * are timed again (their window shift kept) and get a new road shape; a
 * run left without children keeps children = 0 for the caller to drop.
 * The withdrawn children are listed unserved ("other_leg") for `days`.
 * With pairs, the halves of a row that brings its children home elsewhere
 * are balanced too (their runs must be among runs[]: not a re-plan's new
 * runs alone). Returns how many child trips were withdrawn, or -1 with err
 * set. */
int plan_legs_balance(plan_ctx_t *c, plan_run_t *runs, int n, const unsigned char *absent,
		      uint8_t days, int pairs, sr_error_t *err);

/* Counts the children and groups (pickup and session) of the riders that
 * some day lacks some leg they need, from the finished patterns: fills
 * p->unserved_children and p->unserved_groups. */
void plan_legs_count(sr_plan_t *p);

#endif
