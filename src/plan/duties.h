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

/* The round trips among runs[0..n) every chaining weighs, after the buses
 * (and the week's costs) and before the km: a group's run home on the bus
 * of its run to the session (plan_round_trip_pairs). Into *pairs (the
 * caller frees it), their number. */
int plan_duties_pairs(const plan_ctx_t *c, const plan_run_t *runs, int n, chain_pair_t **pairs);

/* Chains runs[0..n) on the usable buses (c->cb), with c->task_bus_cost
 * when set and the round trips among the runs (plan_duties_pairs), in at
 * most limit_s seconds (chain_solve). */
int plan_duties_chain(plan_ctx_t *c, const plan_run_t *runs, int n, double limit_s,
		      chain_solution_t *sol, sr_error_t *err);

/* Replaces pat's duties with those of sol, which covers every run of pat
 * (chain bus -> fleet bus by c->bus_of); runs in time order, duties in
 * fleet order. */
void plan_duties_replace(plan_ctx_t *c, plan_pattern_t *pat, const chain_solution_t *sol);

/* Pattern pat's duties as a chain solution on c->cb (a chaining that
 * starts from them ends no worse). */
void plan_duties_current(const plan_ctx_t *c, const plan_pattern_t *pat, chain_solution_t *s);

/* The children of round trips (plan_duties_pairs) on pat whose run home
 * is not on the bus of their run to the session: as pat's runs are now
 * (sol NULL) or as in sol (tasks: pat's runs). */
double plan_duties_apart(const plan_ctx_t *c, const plan_pattern_t *pat,
			 const chain_solution_t *sol);

/* The round trips' chaining (home_same_bus = prefer): each pattern,
 * chained by plan_make_patterns with the fewest buses and without the
 * round trips, is chained again with them from its duties, and takes the
 * result when it covers every run with no more buses and brings more
 * children home on the bus that took them. A chaining error is a warning
 * (the pattern keeps its duties). */
void plan_duties_round_trips(plan_ctx_t *c, sr_error_t *err);

#endif
