/*
 * sbrp.h - the school bus routing benchmark of Park, Tae & Kim (2012) under
 * the rules of Bertsimas, Delarue & Martin (PNAS 2019, "BiRD"): read an
 * instance (Schools.txt, Stops.txt), build runs per school under a maximum
 * ride time, choose among several route "scenarios" per school and chain the
 * runs into as few buses as possible, write the solution as CSV.
 *
 * Rules (see ../shared/bench/sbrp/README.md): Manhattan distance in feet at
 * SBRP_SPEED_FTPS, SBRP_CAPACITY seats, dwell SBRP_DWELL_BASE_S +
 * SBRP_DWELL_PER_STUDENT_S per student at every stop, SBRP_SCHOOL_DWELL_S at
 * the school, drop-off finished by the bell, ride from the end of the own
 * stop's dwell to arrival at school, whole stops, one school per run; a bus
 * is free at the bell of its last school and drives empty to the next run's
 * first stop. Part of the plan stage.
 */
#ifndef SCHOOLRUN_SBRP_H
#define SCHOOLRUN_SBRP_H

#include <stdint.h>
#include "schoolrun/util.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SBRP_SPEED_FTPS 29.3333333
#define SBRP_CAPACITY 66
#define SBRP_DWELL_BASE_S 19.0
#define SBRP_DWELL_PER_STUDENT_S 2.6
#define SBRP_SCHOOL_DWELL_S 154.4

typedef struct sbrp_school {
	char *id;
	double x, y;   /* feet */
	double bell_s; /* AMEARLY in seconds since midnight */
} sbrp_school_t;

typedef struct sbrp_stop {
	char *id;
	double x, y;
	int school; /* index into schools */
	int students;
} sbrp_stop_t;

typedef struct sbrp_instance {
	sbrp_school_t *schools;
	int n_schools;
	sbrp_stop_t *stops;
	int n_stops;
} sbrp_instance_t;

/* Reads DIR/Schools.txt and DIR/Stops.txt (tab-separated, CRLF or LF, a
 * header row whose names are ignored: columns by position). Errors name the
 * file and line. The caller frees with sbrp_instance_free(). */
int sbrp_read(const char *dir, sbrp_instance_t **out, sr_error_t *err);
void sbrp_instance_free(sbrp_instance_t *inst);

/* Travel time in seconds between two points (Manhattan feet / speed). */
double sbrp_travel_s(double x1, double y1, double x2, double y2);
/* Dwell at a stop with this many students. */
double sbrp_dwell_s(int students);

/* Schools one mixed-load run may visit. */
#define SBRP_MAX_DROPS 4

/* A run: stops in visiting order, then the school (single load), or then
 * the schools drops[0..n_drops-1] in that order (a mixed-load run, n_drops
 * >= 2; school is the last of them). The bus is free at the bell of its
 * last school either way. */
typedef struct sbrp_run {
	int school;
	int *stops; /* indices into the instance's stops */
	int n_stops;
	int students;
	double duration_s; /* arrival at the first stop -> arrival at (the last) school */
	double start_s;	   /* arrival at the first stop (latest timing) */
	int n_drops;	   /* 0: single load */
	int drops[SBRP_MAX_DROPS];
} sbrp_run_t;

typedef struct sbrp_solution {
	sbrp_run_t *runs;
	int n_runs;
	/* buses: bus_first[b]..bus_first[b+1]-1 index bus_runs (run indices in
	 * time order) */
	int n_buses;
	int *bus_first;
	int *bus_runs;
	/* on buses: the LP relaxation of the selection model over the
	 * generated run pool (a bound for that pool, not for every possible
	 * routing); NAN when the model was thinned for size */
	double lower_bound;
	double seconds;	 /* wall clock */
	int n_scenarios; /* scenario candidates considered (all schools) */
	int decomposed;	 /* 1 if the selection was not solved as one MIP */
} sbrp_solution_t;

typedef struct sbrp_opts {
	double max_ride_s;   /* required, > 0 */
	double time_limit_s; /* default 60 */
	uint64_t seed;	     /* default 1 */
	int threads;	     /* 0 = online cores (at most 2 used); results do
				  not depend on it */
	int mixed_load;	     /* 1: students of different schools may share a
				  run (sbrp_mixed_runs); default 0 */
	int verbose;
} sbrp_opts_t;

void sbrp_opts_init(sbrp_opts_t *o);

/* Builds the runs and chains them. Caller frees with sbrp_solution_free().
 * SR_EINPUT when a stop cannot reach its school within the ride limit even
 * directly. */
int sbrp_solve(const sbrp_instance_t *inst, const sbrp_opts_t *o, sbrp_solution_t *sol,
	       sr_error_t *err);
void sbrp_solution_free(sbrp_solution_t *sol);

/* Writes the solution CSV (bus,run,seq,stop_id,students,arrival_s), one row
 * per visit, a run closed by a row for its school (students: those dropped
 * there); atomically. With school_col a seventh column, school: the school
 * of the row's students (the own id on a school row), and a mixed run has
 * a row for each school it visits. */
int sbrp_write_csv(const sbrp_instance_t *inst, const sbrp_solution_t *sol, int school_col,
		   const char *path, sr_error_t *err);

/* ---- internal to the sbrp files (src/plan/sbrp_*.c) ---- */

/* Evaluates a sequence of stops of one school: fills duration (first-stop
 * arrival to school arrival) and students; returns 1 when it respects
 * capacity and the ride limit. */
int sbrp_eval_seq(const sbrp_instance_t *inst, const int *stops, int n, double max_ride_s,
		  double *duration_s, int *students);

/* One school's route set ("scenario"). */
typedef struct sbrp_scenario {
	int school;
	sbrp_run_t *runs;
	int n_runs;
	double total_duration_s;
} sbrp_scenario_t;

/* Builds distinct scenarios for one school, each from the routing engine
 * (vrp_solve): one per run-length limit in dmax_list (a limit does not bind
 * a run whose farthest stop needs longer even directly: the stop's duration
 * floor), with the fewest runs first, plus four with lighter run weights
 * (a limit the unlimited scenario keeps is not solved again).
 * Deterministic for a seed; budget = route evaluations per scenario (the
 * work clock, turned into the engine's fixed iteration count).
 * *out is freed by the caller
 * (sbrp_scenario_free() each, then free()). */
int sbrp_school_scenarios(const sbrp_instance_t *inst, int school, double max_ride_s,
			  const double *dmax_list, int n_dmax, uint64_t seed, long budget,
			  sbrp_scenario_t **out, int *n_out, sr_error_t *err);
void sbrp_scenario_free(sbrp_scenario_t *sc);

/* Times a run (single or mixed load) under the rules: fills students,
 * duration_s and start_s (the latest start that reaches every school by its
 * bell less the school dwell); returns 1 when it keeps the seats, every
 * student's ride (to the own school, the dwell at schools visited before it
 * included) and visits the school of every stop, each school once and with
 * students to drop. */
int sbrp_run_eval(const sbrp_instance_t *inst, sbrp_run_t *r, double max_ride_s);

/* Mixed-load runs from the runs base[0..n_base-1]: runs emptied, lightest
 * first, by re-inserting their stops into nearby runs of any school (Park,
 * Tae & Kim 2012); every changed run is one of *out. Deterministic; *out
 * (n_out runs, each with its own stops array) is freed by the caller. */
void sbrp_mixed_runs(const sbrp_instance_t *inst, const sbrp_run_t *const *base, int n_base,
		     double max_ride_s, sbrp_run_t **out, int *n_out);

#ifdef __cplusplus
}
#endif
#endif
