/*
 * plan_int.h - declarations shared by the plan stage's own files (inputs,
 * solving, timing); not part of the public interface.
 */
#ifndef SR_PLAN_INT_H
#define SR_PLAN_INT_H

#include <stddef.h>
#include <stdint.h>
#include "schoolrun/matrix.h"
#include "schoolrun/plan.h"

/* Hours in which no run may take place (decree No. 1527): 23:00-06:00. */
#define PLAN_DAY_START_S (6 * 3600)
#define PLAN_DAY_END_S (23 * 3600)

/* Reads sessions.csv, riders.csv and fleet.csv named in p->settings,
 * resolving names on p->map; fills p->points, sessions, riders, buses and
 * the input checksums. SR_EINPUT with file, line and column on bad input. */
int plan_read_inputs(sr_plan_t *p, sr_error_t *err);
/* Names coordinate pickups (by their riders' note, else "near <place>")
 * and unnamed destinations ("<kind>, <place>") for the pages (names.c). */
void plan_name_points(sr_plan_t *p);

/* Adds an unserved entry (strings copied). */
void plan_add_unserved(sr_plan_t *p, long rider_line, int pickup, int session, int dir,
		       int children, uint8_t days, const char *code, const char *reason);

/* Frees a run's arrays (not the struct); deep copy of a run. */
void plan_run_clear(plan_run_t *r);
void plan_run_copy(plan_run_t *dst, const plan_run_t *src);

/* Working state of one plan_build() call. */
typedef struct plan_ctx {
	sr_plan_t *p;
	const sr_network_t *net;
	uint32_t n;            /* points */
	net_snap_t *snaps;     /* per point */
	int *on_road;          /* per point: 1 if snapped onto the main network */
	double *sec;           /* n*n travel seconds, whole (rounded up);
				  INFINITY when unreachable */
	double *met;           /* n*n metres; INFINITY when unreachable */
	plan_run_t *tmpl;      /* every session's runs, timed at the latest
				  arrival / earliest departure */
	int n_tmpl;
	double deadline;       /* sr_now() value by which planning must end */
	double phase_end;      /* ... and the current phase (routing, chaining) */
	int n_solves_left;     /* solver calls still to come in the phase */
	double route_limit_s;  /* time limit of each routing call: a fixed
				  share of the budget (not of the time left),
				  so that it does not depend on the machine */
	int n_route_cut;       /* routing calls that hit their time limit */
	int n_chain_cut;       /* chaining calls not proved in their time */
	int patterns_left;     /* weekday patterns still to chain */
} plan_ctx_t;

/* Seconds of dwell at a stop where `children` board or alight. */
int plan_dwell_s(const plan_settings_t *s, int children);

/* Routes every session in both directions (vrp_solve), times the runs and
 * draws their road geometry; fills c->tmpl and the unserved list
 * (unreachable, ride_limit, night_run). */
int plan_make_runs(plan_ctx_t *c, sr_error_t *err);

/* Groups days into weekday patterns, chains each pattern's runs into bus
 * duties (chain_solve), using the early window when buses run short, and
 * lists what cannot be covered (no_bus). */
int plan_make_patterns(plan_ctx_t *c, sr_error_t *err);

/* Shifts a run's times by delta seconds. */
void plan_run_shift(plan_run_t *r, int delta);

/* Time limit in seconds for the next routing call: c->route_limit_s, cut
 * to what is left of the phase when that is less (at least 0.5 s). */
double plan_budget(plan_ctx_t *c);
/* A fraction of the time left until the deadline, at least 0.5 s. */
double plan_budget_share(const plan_ctx_t *c, double frac);

#endif
