/*
 * vrp.h - the routing engine. Given a travel time and distance matrix, stops
 * with demands and a fleet of vehicle types, builds vehicle routes that are
 * optimal or provably close: an exact GLPK branch-and-cut model for small
 * instances, and a matheuristic for the rest (route pool from construction
 * and local search, GLPK set partitioning over the pool).
 *
 * Needs no map: it works on any matrix. Node 0 is the depot; in school
 * transfer use the "depot" is the destination (kindergarten, stadium) and
 * routes are open paths that end there (VRP_TO_DEPOT) or start there
 * (VRP_FROM_DEPOT).
 */
#ifndef SCHOOLRUN_VRP_H
#define SCHOOLRUN_VRP_H

#include <stdint.h>
#include "schoolrun/util.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum vrp_route_kind {
	VRP_CLOSED = 0,	   /* depot -> stops -> depot (CVRP) */
	VRP_TO_DEPOT = 1,  /* first stop -> ... -> depot; the leg to the first
			       stop is not part of the route */
	VRP_FROM_DEPOT = 2 /* depot -> ... -> last stop; no leg back */
} vrp_route_kind_t;

typedef struct vrp_vehicle_type {
	int capacity;	      /* seats */
	int count;	      /* how many; -1 = unlimited */
	double fixed_cost;    /* per route used (to minimise vehicles first) */
	double cost_per_dist; /* multiplies dist[]; default 1 */
} vrp_vehicle_type_t;

/* Defaults for a vehicle type: capacity 0 (must be set), count -1,
 * fixed_cost 0, cost_per_dist 1. */
void vrp_vehicle_type_init(vrp_vehicle_type_t *t);

/* The instance. All arrays are owned by the caller and must outlive the
 * solve. n counts the depot: customers are 1..n-1. */
typedef struct vrp_problem {
	int n;
	const double *dist;    /* n*n row-major: cost-relevant distance */
	const double *time;    /* n*n row-major travel time; NULL = dist */
	const int *demand;     /* n; demand[0] = 0 */
	const double *service; /* n: dwell at each stop (time); NULL = none */
	vrp_route_kind_t kind;
	const vrp_vehicle_type_t *types;
	int n_types;
	/* Max route duration (travel + service, same unit as time); <= 0 none. */
	double max_duration;
	/* Duration floor per stop (n entries; NULL = none; only with
	 * max_duration > 0): a route may always last as long as the largest
	 * floor of its stops, even beyond max_duration. With the floor of a
	 * stop set to its direct trip, a max_duration that only shapes the
	 * routes never strands a far stop (the SBRP scenarios, sbrp_route.c).
	 * Removing a stop can then make a route infeasible. */
	const double *duration_floor;
	/* Max ride per stop; NULL or <= 0 = none. For VRP_TO_DEPOT and
	 * VRP_CLOSED: from the end of the stop's service to arrival at the
	 * depot (later stops' service counts). For VRP_FROM_DEPOT: from leaving
	 * the depot to arrival at the stop (earlier stops' service counts). */
	const double *max_ride;
	/* Service time counted at the depot at the end of a route (not part of
	 * any ride); 0 normally. For VRP_FROM_DEPOT it is counted at the start
	 * (boarding at the depot), before the rides begin. */
	double depot_service;
	/* Allow a stop whose demand exceeds the largest capacity to be split
	 * into several visits (full vehicles plus a remainder). */
	int allow_split;
} vrp_problem_t;

typedef struct vrp_route {
	int *stops; /* customer node ids (1..n-1) in visiting order */
	int n_stops;
	int *load;	 /* per stop: how much is picked up there (split aware) */
	int type;	 /* vehicle type index */
	double dist;	 /* recomputed distance of the route */
	double duration; /* travel + service */
} vrp_route_t;

/* Where a solve's time went: time accounting only, never part of the
 * result (the routes are the same with or without it). Seconds. The
 * first VRP_PROF_CHAINS chains are listed one by one (the others count in
 * the phase totals only). */
#define VRP_PROF_CHAINS 16
typedef struct vrp_phase_time {
	double wall; /* elapsed, on the thread that ran the phase */
	double cpu;  /* CPU time of every thread that worked in it */
} vrp_phase_time_t;

/* One search chain over all rounds (sisr.c). cpu and helper_cpu come from
 * the threads' CPU clocks; the parts below them from the monotonic clock
 * on the thread that did them (CPU clocks cost a system call: too dear per
 * iteration), so on a loaded machine they include time spent preempted. */
typedef struct vrp_chain_profile {
	double cpu;	   /* the chain's own thread in SISR */
	double helper_cpu; /* its speculation helpers, together */
	/* the chain's own thread: computing candidates (ruin and recreate),
	 * catching its copy up with the current solution, judging the
	 * candidates in order (the part no helper can take: the pool of
	 * routes, the best solution), waiting for the helpers */
	double cand, sync, judge, wait;
	double helper_cand, helper_sync; /* the same parts on the helpers */
	long iters, changes, batches;
	long need[5]; /* batches 1, 2, 4, 8, 16 threads per chain would need */
} vrp_chain_profile_t;

typedef struct vrp_profile {
	/* the phases (heur.c, solve.c): savings and the first local search,
	 * the SISR rounds (all chains and helpers), merging the chains' route
	 * pools, set partitioning, crossover, the final local search, the
	 * exact model, and the rest (context, export, ...); total is the whole
	 * vrp_solve() on the calling thread plus the workers' CPU */
	vrp_phase_time_t start, sisr, collect, setpart, crossover, local_search, exact, rest, total;
	int n_chains, width; /* chains, threads per chain */
	vrp_chain_profile_t chain[VRP_PROF_CHAINS];
} vrp_profile_t;

typedef struct vrp_solution {
	vrp_route_t *routes;
	int n_routes;
	double cost;	    /* fixed costs + cost_per_dist * dist */
	double dist;	    /* total distance */
	double lower_bound; /* proved lower bound on cost; -INFINITY if none */
	int optimal;	    /* 1 if proved optimal */
	double seconds;	    /* wall-clock time spent */
	/* stops that no feasible route can serve (e.g. ride limit impossible
	 * even direct); they are not in any route. Also stops left out because
	 * the fleet (type counts) is too small for all of them: the solver
	 * serves as many visits as it can first (a warning is logged); a split
	 * stop is listed when any of its visits is left out. */
	int *unserved;
	int n_unserved;
	vrp_profile_t profile; /* where the time went (filled by vrp_solve) */
} vrp_solution_t;

typedef struct vrp_opts {
	double time_limit_s; /* default 10 */
	uint64_t seed;	     /* default 1 */
	int threads;	     /* 0 = all cores; results do not depend on it */
	int exact_max_n;     /* use the exact model up to this many customers;
				default 30 */
	int verbose;	     /* progress to the log */
	/* Search effort in ruin-and-recreate iterations per chain. 0
	 * (default) = an automatic budget from the instance size alone: the
	 * result then depends only on the inputs, the seed and the chains
	 * (unless the time limit cuts the search short, which is logged). -1 = search until the time limit (for
	 * benchmarks; the result may then vary with machine load). */
	long max_iters;
	/* Independent search chains (default 2), each with max_iters
	 * iterations: part of the result, like the seed, and independent of
	 * the machine; they are spread over the threads, so up to this many
	 * cores finish the same work sooner, and more chains on more cores
	 * do more work in the same time. Threads beyond one per chain
	 * compute each chain's iterations ahead (speculation: the same
	 * routes, sooner as far as the iterations allow). */
	int chains;
	/* 1: HGS's crossover between the search rounds (OX, Split, local
	 * search; unlimited fleets only). Default 0: on set X it lowers the
	 * gap at a fixed iteration count but costs more CPU than the same
	 * time spent in more iterations (tests/bench/bench_hgs.sh). */
	int crossover;
} vrp_opts_t;

void vrp_opts_init(vrp_opts_t *o);

/* Checks the problem (sizes, demands, capacities, ...). SR_EINPUT with a
 * message when something is wrong. */
int vrp_validate(const vrp_problem_t *p, sr_error_t *err);

/* Solves. On SR_OK *sol holds the result; free with vrp_solution_free().
 * The time limit is always honoured. */
int vrp_solve(const vrp_problem_t *p, const vrp_opts_t *o, vrp_solution_t *sol, sr_error_t *err);
void vrp_solution_free(vrp_solution_t *sol);

/* Independent evaluation of a route against the problem: fills dist and
 * duration and returns 1 if it respects capacity, duration (with the
 * stops' duration floors) and ride limits. */
int vrp_route_eval(const vrp_problem_t *p, vrp_route_t *r);

/* ---- CVRPLIB / TSPLIB files (src/vrp/cvrplib.c) ---- */
typedef struct vrp_instance {
	char *name;
	int n; /* nodes including depot */
	int capacity;
	double *x, *y; /* NULL for EXPLICIT */
	double *dist;  /* n*n */
	int *demand;
	double service_time; /* SERVICE_TIME, 0 if absent */
	double max_distance; /* DISTANCE, 0 if absent */
	int *node_id;	     /* file id of node i (depot first) */
	int rounded;	     /* 1 if EUC_2D arcs are rounded to integers */
} vrp_instance_t;

/* Reads a .vrp file. Errors name the file and line. Free with
 * vrp_instance_free(). */
int vrp_instance_read(const char *path, vrp_instance_t **out, sr_error_t *err);
void vrp_instance_free(vrp_instance_t *inst);

/* The CVRP of an instance: closed routes, one vehicle type (the
 * instance's capacity, `vehicles` of them or -1 for unlimited),
 * SERVICE_TIME at every customer and DISTANCE as the max route duration.
 * Fills *vt and *p, which point into inst and into *service (allocated
 * here, n entries or NULL when there is no service time; the caller frees
 * it with free()). */
void vrp_instance_problem(const vrp_instance_t *inst, int vehicles, vrp_vehicle_type_t *vt,
			  double **service, vrp_problem_t *p);

#ifdef __cplusplus
}
#endif
#endif
