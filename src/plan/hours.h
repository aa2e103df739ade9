/*
 * hours.h - the drivers' working time in the plan (hours.c): the rules of
 * the settings and of fleet.csv as chain_solve takes them, and each bus
 * day's times, gaps, driving and breaks as the outputs print them.
 */
#ifndef SR_PLAN_HOURS_H
#define SR_PLAN_HOURS_H

#include "schoolrun/chain.h"
#include "plan/ctx.h"

/* Driving within run r: the legs between its stops (the dwells not
 * counted). */
int plan_run_driving_s(const plan_run_t *r);

/* Bus x's limits into cb: its own from fleet.csv, else the settings'. */
void plan_hours_bus(const plan_ctx_t *c, const plan_bus_t *x, chain_bus_t *cb);

/* The chain problem over runs[0..n) on the buses cb[0..n_cb): one task a
 * run (times, places, seats, driving), the deadheads of c and the rules of
 * the settings. *tasks is allocated; the caller frees it. */
void plan_hours_problem(const plan_ctx_t *c, const plan_run_t *runs, int n, const chain_bus_t *cb,
			int n_cb, chain_problem_t *cp, chain_task_t **tasks);

/* Chains runs[0..n) on buses cb[0..n_cb) with the rules of the settings
 * (plan_hours_problem), PLAN_CHAIN_NODES and PLAN_CHAIN_WORK of work and
 * what is left of the plan's time as the safety net (a chaining it ends
 * counts in the time_limit_cut warning): the side chainings of hints,
 * --keep and serve_all. */
int plan_hours_chain(const plan_ctx_t *c, const plan_run_t *runs, int n, const chain_bus_t *cb,
		     int n_cb, chain_solution_t *sol, sr_error_t *err);

/* Puts back the times the runs had (old_shift: their shift_s then) in the
 * duties of sol that the runs' moves since made break a rule. */
void plan_hours_guard(const plan_ctx_t *c, plan_run_t *runs, int n, const chain_solution_t *sol,
		      const chain_bus_t *cb, int n_cb, const int *old_shift);

/* Whether only the drivers' rules keep the buses cb from run r of
 * runs[0..n) that sol leaves uncovered: 2 when some bus without a duty in
 * sol could do r alone but for them, 1 when some bus could add r to its
 * duty in sol but for them, 0 otherwise. */
int plan_hours_blocks(const plan_ctx_t *c, const plan_run_t *runs, int n,
		      const chain_solution_t *sol, const chain_bus_t *cb, int n_cb, int r);

/* Whether fleet bus `bus` can do duty du of pat within its hours and the
 * drivers' rules, from its own depot. */
int plan_hours_fits(const plan_ctx_t *c, const plan_pattern_t *pat, const plan_duty_t *du, int bus);
/* The driver's working time of bus `bus` doing du (leaving the depot to
 * coming back, less a split shift's break, as plan_hours_fill would give
 * it), or -1 when that day breaks a rule. */
int plan_hours_work(const plan_ctx_t *c, const plan_pattern_t *pat, const plan_duty_t *du, int bus);

/* Fills duty du of pat for its bus: leaving and back at the depot, what it
 * does in each gap, metres (runs, empty drives, depot legs), the day's
 * length, driving and longest driving between breaks. */
void plan_hours_fill(const plan_ctx_t *c, const plan_pattern_t *pat, plan_duty_t *du);

#endif
