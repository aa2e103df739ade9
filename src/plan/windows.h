/*
 * windows.h - moving runs within their windows (windows.c): a to-session
 * run may arrive up to early_window_min earlier than its latest arrival, a
 * home run may leave up to late_window_min later; run->shift_s holds how
 * far each has moved. duties.c tries the strategies in this order and keeps
 * a retry when it is better.
 */
#ifndef SR_PLAN_WINDOWS_H
#define SR_PLAN_WINDOWS_H

#include "schoolrun/chain.h"
#include "plan/ctx.h"

/* The windows runs may move in: each run its own (plan_run_window_s);
 * `any` says whether some session has a window at all. */
typedef struct plan_flex {
	const sr_plan_t *p;
	int any;
} plan_flex_t;

/* How much further run r may move in its window (earlier to the session,
 * later home), not into the night: seconds, 0 when none. */
int plan_run_room_s(const sr_plan_t *p, const plan_run_t *r);

/* Moves r by d seconds within its window (shift_s grows by d): earlier for
 * a to-session run, later for a home run; a negative d moves it back. */
void plan_run_move(plan_run_t *r, int d);

/* The windows of plan p's runs (plan_flex_t). */
plan_flex_t plan_flex_of(const sr_plan_t *p);

/* 1. List scheduling with windows. Runs in order of their preferred start;
 * each goes to the bus that can do it with the smallest move within the
 * windows (its own, or pulling the bus's previous to-session run earlier),
 * then a bus already out before a fresh one, then the shortest deadhead.
 * Fills *sol with the duties it built (a solution in its own right when
 * the integer program finds none in its time; the caller frees it with
 * chain_solution_free()), and moves the runs in place. Returns how many
 * runs moved. */
int plan_windows_greedy(const plan_ctx_t *c, const plan_flex_t *f, plan_run_t *runs, int n,
			const chain_bus_t *cb, int n_cb, chain_solution_t *sol);

/* 1 as the planner's first retry: the list scheduling's duties cut back
 * to the drivers' rules it does not know (chain_trim), then an idle bus
 * takes what it can do alone (chain_cover_idle). Returns how many runs
 * moved. */
int plan_windows_list(const plan_ctx_t *c, const plan_flex_t *f, plan_run_t *runs, int n,
		      const chain_bus_t *cb, int n_cb, chain_solution_t *sol);

/* 2. The runs sol leaves uncovered move by half (full = 0) or all
 * (full = 1) of their window. Returns how many moved. */
int plan_windows_move_uncovered(const plan_flex_t *f, plan_run_t *runs, const chain_solution_t *sol,
				int full);

/* 3. For each run u sol leaves uncovered, the smallest move (whole
 * minutes) of u or of one other run v after which one bus can do v then
 * u, or u then v. Returns how many runs moved. */
int plan_windows_make_room(const plan_ctx_t *c, const plan_flex_t *f, plan_run_t *runs, int n,
			   const chain_solution_t *sol);

/* Once the duties are fixed: moves runs back towards their preferred times
 * as far as their duty in sol allows (the windows may have moved more than
 * needed). */
void plan_windows_compress(const plan_ctx_t *c, plan_run_t *runs, const chain_solution_t *sol,
			   const chain_bus_t *cb);

#endif
