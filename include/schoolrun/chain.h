/*
 * chain.h - chaining runs into bus duties (vehicle scheduling), part of the
 * plan stage. Each run (task) has a fixed start and end time and place; a bus
 * can do run b after run a when a's end + deadhead(a.end_loc -> b.start_loc)
 * <= b's start. Buses start and end their day at a depot within their hours.
 * Solved as a GLPK integer program: fewest buses first, then (when given)
 * the least task-bus cost, then (when given) the fewest pairs of tasks
 * split between two buses, weighted, then fewest deadhead kilometres. With buses
 * given, the drivers' working time is a rule of the duties too: the
 * longest day (leaving the depot to coming back, less the break of a
 * split shift where the bus allows one), the most driving in a day, and
 * the most driving between two breaks; in a long gap the bus waits at its
 * depot.
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
	int min_seats;	/* the bus must have at least this many seats */
	double drive_s; /* driving within the task (its stops not counted):
			   the drivers' limits count it; 0 when unused */
	int weight;	/* what leaving it uncovered weighs (plan: the
			   children on the run, so that the fewest children
			   are left, not the fewest runs); 0 counts as 1 */
} chain_task_t;

typedef struct chain_bus {
	uint32_t depot_loc; /* index into the deadhead matrix */
	int seats;
	double avail_from_s; /* may leave the depot at or after this */
	double avail_to_s;   /* must be back at the depot by this */
	double cost_per_km;  /* weight of its kilometres; default 1 */
	double max_shift_s;  /* longest day, leaving the depot to coming
				back; 0 = no limit */
	double max_drive_s;  /* most driving in a day; 0 = no limit */
	/* a split shift: a stay at the depot of split_min_s or longer (0: no
	 * split shift) divides the day in two parts, and max_shift_s then
	 * limits the working time, the day less that stay (at most
	 * split_max_s of it counts, 0: all; one split a day, the longest) */
	double split_min_s, split_max_s;
	double max_span_s; /* longest day from leaving the depot to coming
			      back, split or not; 0 = no limit */
} chain_bus_t;

/* Two tasks one bus should do both of (plan: a group's run to its session
 * and its run home): a pair done by two buses, or with its second task
 * left undone while the first is done, costs w (>= 0). */
typedef struct chain_pair {
	int a, b; /* task indices, a != b */
	double w;
} chain_pair_t;

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
	/* drivers' working time (buses given; all 0: none of these rules) */
	double depot_return_s; /* a gap between two tasks longer than this is
				  spent at the depot when the bus can stay
				  there break_s or longer; 0 = never */
	double break_s;	       /* a wait this long or longer is a break */
	double block_s;	       /* most driving between two breaks (and
				  before the first); 0 = no limit */
	/* NULL, or n_tasks*n_buses costs (>= 0) of bus b doing task j at
	 * [j*n_buses + b], ranked after the number of buses and before the
	 * kilometres (plan: "this run had another bus on other days"). Only
	 * with buses given. */
	const double *task_bus_cost;
	/* NULL, or n_pairs pairs of tasks (chain_pair_t) whose costs rank
	 * after the task-bus costs and before the kilometres. Only with
	 * buses given. */
	const chain_pair_t *pairs;
	int n_pairs;
	/* NULL, or n_legs pairs of tasks carrying the same w children there
	 * and back (plan: a group's run to its session and its run home):
	 * leaving either uncovered loses those children's trips both ways,
	 * so the uncovered part of the objective counts w once more when
	 * either is (a column y >= u_a, y >= u_b at the uncovered weight):
	 * two runs of 10 left weigh 30, one run of 18 whose way back goes
	 * with it 36. Only with buses given. */
	const chain_pair_t *legs;
	int n_legs;
} chain_problem_t;

/* What a bus does between two tasks: drives, waits (at the next task's
 * start, or at its depot when via_depot), drives on. */
typedef struct chain_gap {
	int via_depot;
	double drive_s;	 /* driving in all */
	double before_s; /* driving before the wait */
	double wait_s;
	double meters;
} chain_gap_t;

/* The working day of a bus doing some tasks in order (chain_day). */
typedef struct chain_day {
	double depart_s, return_s; /* leaving and back at the depot */
	double drive_s;		   /* all driving: tasks, deadheads, depot legs */
	double block_s;		   /* the longest driving between breaks */
	double meters;		   /* deadheads and depot legs (not the tasks) */
	double split_s;		   /* the split shift's break as it counts (0:
				      the day is not split) */
	int split_gap;		   /* its gap: k between tasks k and k + 1, or
				      -1 */
	double work_s;		   /* working time: return - depart - split_s */
} chain_day_t;

/* What bus b (an index into p->buses) does from a task ending at `from`
 * at from_s to one starting at `to` at to_s: straight there and wait, or,
 * in a gap over p->depot_return_s with a stay of p->break_s or more, via
 * its depot. Returns 0 when it cannot be there in time. */
int chain_gap(const chain_problem_t *p, int b, uint32_t from, double from_s, uint32_t to,
	      double to_s, chain_gap_t *g);

/* How much of gap g counts as the split shift's break of bus (its
 * split_min_s, split_max_s): 0 unless g waits at the depot that long. */
double chain_split_credit(const chain_bus_t *bus, const chain_gap_t *g);

/* Bus b's day doing tasks[0..n) (n >= 1) in that order, filled into *d.
 * Returns 1 when the bus can do it: seats, every connection in time, its
 * hours, and the drivers' limits (its max_shift_s on the working time,
 * max_span_s, max_drive_s, p->block_s); else 0 (*d is filled as far as the day is defined). */
int chain_day(const chain_problem_t *p, int b, const int *tasks, int n, chain_day_t *d);

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
	/* given buses: the optimum of the program's first root LP, in the
	 * program's own weighted units (NAN when none), and the restricted
	 * LPs its sifting solved (0: not sifted; chain_opts_t.sift) */
	double root_lp;
	int sift_rounds;
	/* given buses: the first round's program ended without a solution of
	 * its own (its root LP ran out of max_lp_iters, or of time): the
	 * duties are those it started from */
	int started;
} chain_solution_t;

/* A store of the root LP bases of earlier chainings (given buses), for
 * chainings done again: one whose program has the same rows, columns and
 * arcs as one before (the week's chaining of a pattern with new costs per
 * run and bus) starts its simplex from that one's optimal basis instead
 * of a crash basis. The basis is only where the simplex starts: the same
 * calls in the same order give the same plan. Not shared between
 * threads. */
typedef struct chain_bases chain_bases_t;
chain_bases_t *chain_bases_new(void);
void chain_bases_free(chain_bases_t *b);

typedef struct chain_opts {
	double time_limit_s; /* default 30 */
	int verbose;
	/* branch-and-bound nodes allowed to each integer program (0: no
	 * limit, the default): a count, so that a hard chaining ends the same
	 * way on any machine under any load; time_limit_s stays the safety
	 * net */
	long max_nodes;
	/* ... and nodes allowed to it after its incumbent last became better
	 * (0: no limit, the default): where the bound cannot prove the
	 * optimum within max_nodes, the search ends once it stops finding
	 * better duties; a count too */
	long max_stall_nodes;
	/* work allowed to a chaining's branch and bound in all (0: no
	 * limit, the default), in simplex iterations times the square of the
	 * program's rows (an iteration costs in proportion to the rows, and a
	 * search needs more iterations the more rows it has): every node and
	 * every round of the drivers' cuts share it. The root LP is always
	 * solved whole and is not counted: it is the bound, and a strong one
	 * (buses.c) lets the search end within a few nodes */
	double max_work;
	/* simplex iterations allowed to the root LP of each round (0: no
	 * limit, the default): a count. A program whose root LP needs more
	 * ends with its first solution (the warm start, or chain_opts.start),
	 * the same way on any machine */
	long max_lp_iters;
	/* rounds of the drivers' cuts on given buses (0: 30, the default):
	 * a count like the others; a duty still breaking a rule after them is
	 * cut back (chain_trim) */
	int max_rounds;
	/* NULL, or duties of this problem (buses given) to start the search
	 * from instead of the greedy first solution when they keep every rule
	 * of chain_day and cost less by the objective: a chaining done again
	 * with new costs then ends no worse than what it starts from */
	const chain_solution_t *start;
	/* NULL, or a store of bases (chain_bases_new) the chaining takes its
	 * warm start from and leaves its own in */
	chain_bases_t *bases;
	/* the root LP by sifting (given buses; src/chain/sift.c): 0 (the
	 * default) on a program of 10,000 arcs or more, 1 on every program,
	 * -1 never. The root LP's optimum is the same; the work differs, and
	 * so may the choice among equal optima */
	int sift;
} chain_opts_t;

void chain_opts_init(chain_opts_t *o);

/* Solves. Caller frees with chain_solution_free(). */
int chain_solve(const chain_problem_t *p, const chain_opts_t *o, chain_solution_t *sol,
		sr_error_t *err);
void chain_solution_free(chain_solution_t *sol);

/* Cuts every duty of sol (on p->buses) that breaks a rule of chain_day
 * back to its longest first part that keeps them all; the rest of its
 * tasks join sol's uncovered (which must have room for every task) and a
 * duty left empty is removed. Every duty's deadhead_m and sol's total are
 * recomputed as chain_day counts them. Returns how many duties were cut. */
int chain_trim(const chain_problem_t *p, chain_solution_t *sol);

/* Gives each uncovered task of sol (on p->buses; in start order) that a
 * bus without a duty in sol can do alone by every rule of chain_day to the
 * cheapest such bus (task-bus cost, then km), a duty of its own: a search
 * cut short (by its clock, or duties cut back by chain_trim) never leaves
 * a task without a bus while a bus that could do it stands idle. sol's
 * duties must have room for p->n_buses. Returns how many it placed. */
int chain_cover_idle(const chain_problem_t *p, chain_solution_t *sol);

#ifdef __cplusplus
}
#endif
#endif
