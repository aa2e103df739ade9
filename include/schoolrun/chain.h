/*
 * chain.h - chaining runs into bus duties (vehicle scheduling), part of the
 * plan stage. Each run (task) has a fixed start and end time and place; a bus
 * can do run b after run a when a's end + deadhead(a.end_loc -> b.start_loc)
 * <= b's start. Buses start and end their day at a depot within their hours.
 * Solved as a GLPK integer program: fewest buses first, then (when given)
 * the least task-bus cost, then fewest deadhead kilometres.
 */
#ifndef SCHOOLRUN_CHAIN_H
#define SCHOOLRUN_CHAIN_H

#include <stdint.h>
#include "schoolrun/util.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct chain_task {
	double start_s, end_s; /* seconds since midnight; start <= end */
	uint32_t start_loc;    /* index into the deadhead matrix */
	uint32_t end_loc;
	int min_seats; /* the bus must have at least this many seats */
} chain_task_t;

typedef struct chain_bus {
	uint32_t depot_loc; /* index into the deadhead matrix */
	int seats;
	double avail_from_s; /* may leave the depot at or after this */
	double avail_to_s;   /* must be back at the depot by this */
	double cost_per_km;  /* weight of its kilometres; default 1 */
} chain_bus_t;

typedef struct chain_problem {
	const chain_task_t *tasks;
	int n_tasks;
	const chain_bus_t *buses; /* NULL = unlimited identical buses at no
				      depot (depot legs neither limit nor count) */
	int n_buses;
	uint32_t n_locs;
	const double *dh_seconds; /* n_locs*n_locs deadhead times */
	const double *dh_meters;  /* n_locs*n_locs deadhead distances */
	double turnaround_s;	  /* minimum slack between runs; default 0 */
	/* NULL, or n_tasks*n_buses costs (>= 0) of bus b doing task j at
	 * [j*n_buses + b], ranked after the number of buses and before the
	 * kilometres (plan: "this run had another bus on other days"). Only
	 * with buses given. */
	const double *task_bus_cost;
} chain_problem_t;

typedef struct chain_duty {
	int bus;    /* index into buses (or a running number when unlimited) */
	int *tasks; /* task indices in time order */
	int n_tasks;
	double deadhead_m; /* including depot legs when buses are given */
} chain_duty_t;

typedef struct chain_solution {
	chain_duty_t *duties;
	int n_duties;
	int *uncovered; /* tasks no bus can do */
	int n_uncovered;
	double deadhead_m;
	int optimal;		/* proved fewest buses and then fewest metres */
	double bus_lower_bound; /* LP bound on the number of buses */
} chain_solution_t;

typedef struct chain_opts {
	double time_limit_s; /* default 30 */
	int verbose;
} chain_opts_t;

void chain_opts_init(chain_opts_t *o);

/* Solves. Caller frees with chain_solution_free(). */
int chain_solve(const chain_problem_t *p, const chain_opts_t *o, chain_solution_t *sol,
		sr_error_t *err);
void chain_solution_free(chain_solution_t *sol);

#ifdef __cplusplus
}
#endif
#endif
