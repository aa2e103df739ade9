/*
 * keep.h - re-planning from an earlier plan (`schoolrun plan --keep
 * OLD/plan.json`) and locks.csv: the earlier plan read back (keep_read.c),
 * its runs kept and the new riders fitted in around them (keep.c), the
 * pins of locks.csv read and checked (locks.c), and what changed for whom
 * (changes.c). Uses ctx.h, run.h and timing.h only.
 */
#ifndef SR_PLAN_KEEP_H
#define SR_PLAN_KEEP_H

#include "schoolrun/chain.h"
#include "plan/ctx.h"

/* A stop of an earlier run, its point as an index of the new plan (-1 when
 * the new plan has no such point) and of the earlier plan's points. */
typedef struct keep_stop {
	int point, old_point;
	int session, old_session; /* of the children getting on or off (a
				     destination: the session held there) */
	int arrival_s, departure_s, board, alight;
} keep_stop_t;

/* A run of the earlier plan, its session and bus as indices of the new
 * plan (-1 when gone); its session and destination also as indices of the
 * earlier plan's sessions and points. */
typedef struct keep_run {
	char *id, *bus_id;
	int session, dir, bus, shift_s, children;
	int old_session, old_dest;
	keep_stop_t *stops;
	int n_stops;
	int mixed; /* children of several sessions (mixed.c) */
	int kept;  /* index of its kept run (plan_keep_t.kt), -1 */
} keep_run_t;

typedef struct keep_pattern {
	uint8_t days;
	keep_run_t *runs;
	int n_runs;
} keep_pattern_t;

/* A point of the earlier plan: its id and names as plan.json has them. */
typedef struct keep_point {
	char *id, *name, *name_en;
} keep_point_t;

typedef struct plan_keep {
	char *path;
	keep_point_t *old_pts; /* the earlier plan's points */
	int n_old_pts;
	char **old_sessions; /* the earlier plan's session ids */
	char **old_names;    /* and their names in sessions.csv (plan.json
				`name`: "Футбол" of the part "Футбол (Ср)") */
	int *old_span;	     /* and their start_s and end_s, two each */
	int n_old_sessions;
	char **old_bus_ids; /* the earlier plan's buses and their seats */
	int *old_seats;
	int n_old_buses;
	keep_pattern_t *pats; /* the earlier plan's day patterns */
	int n_pats;
	plan_run_t *kt; /* the runs kept, timed at shift 0 (keep.c); they go to
			   c->tmpl from first_tmpl on */
	int n_kt, first_tmpl;
	const keep_run_t **kt_src; /* per kt run, its earlier run (from
					   plan_keep_prepare to plan_keep_settle) */
	int *saved_children;	   /* riders' children while only the rest is routed */
	int max_id;		   /* highest number of an earlier run id "R<n>" */
	plan_pattern_t *alt_pats;  /* per p->alts: the chaining's day pattern */
	int n_alt_pats;
} plan_keep_t;

/* Chains runs[idx[0..n)] (chain_solve, fewest buses then km) on the
 * fleet's buses with free_bus[b] set whose depot is on the road network;
 * the duties' bus is the fleet index. The caller frees sol. */
int plan_chain_runs(const plan_ctx_t *c, const plan_run_t *runs, const int *idx, int n,
		    const unsigned char *free_bus, chain_solution_t *sol, sr_error_t *err);

/* Fills p->hints: per day pattern and session, the move of the session's
 * start by up to 30 min (or its home runs to the end of the late window)
 * that lets the fewest buses do the pattern, when that is fewer than
 * chaining the runs as they are (hints.c). */
void plan_hints(plan_ctx_t *c);

/* Reads the earlier plan.json at path into c->keep: refuses one of another
 * map (SR_EINPUT saying so), maps its points, sessions and buses onto the
 * new plan's by id. */
int plan_keep_read(plan_ctx_t *c, const char *path, sr_error_t *err);
void plan_keep_free(plan_keep_t *k);

/* Before routing: the earlier runs that are still feasible become kept
 * runs (plan_keep_extend and plan_keep_settle follow). */
void plan_keep_prepare(plan_ctx_t *c);
/* Children of session si at point pt that need leg dir (keep.c). */
int plan_keep_need(const sr_plan_t *p, int si, int pt, int dir);
/* Children of session si at point pt on the kept runs in direction dir. */
int plan_keep_kept_load(const plan_keep_t *k, int si, int pt, int dir);
/* Whether earlier runs a and b are the same run (session, direction, stops
 * and children). */
int plan_keep_same_run(const keep_run_t *a, const keep_run_t *b);
/* After plan_keep_prepare: the riders' new children (not on the kept
 * runs) put on kept runs of their session where that moves no other
 * child's time and the earlier buses' days still hold (keep_extend.c). */
void plan_keep_extend(plan_ctx_t *c);
/* Then: the riders' children cut to those no kept run carries (the rest,
 * which plan_make_runs routes), the kept runs timed again. */
void plan_keep_settle(plan_ctx_t *c);
/* After routing: the riders' children back, the kept runs added to
 * c->tmpl (with their road shapes). */
int plan_keep_add_runs(plan_ctx_t *c, sr_error_t *err);
/* After the duties: per day pattern, the kept runs back at their earlier
 * times and on their earlier buses, the locked runs on their buses, and
 * the others fitted around them (into the buses' gaps, then on free
 * buses); a pattern where that leaves a run without a bus keeps the
 * chaining's duties. With --keep, run ids of the earlier plan are kept. */
int plan_keep_duties(plan_ctx_t *c, sr_error_t *err);
/* The plan's day patterns back as saved[] has them, its warnings from
 * n_warn on dropped, the kept and new run counts zero: plan_keep_duties
 * may run again (without the locks plan_locks_off let go). */
void plan_keep_restart(sr_plan_t *p, const plan_pattern_t *saved, int n_warn);

/* Reads locks.csv (settings.locks) into p->locks: every bad cell (unknown
 * session, pickup, bus or run, a row that pins nothing) in one SR_EINPUT
 * error with file, line and column. */
int plan_locks_read(plan_ctx_t *c, sr_error_t *err);
/* Locks in force the plan so far does not honour on every day get off
 * (pinned on none, keep.c; the reason kept); returns how many. */
int plan_locks_off(plan_ctx_t *c);

/* Marks each lock kept or not (with its reason) on the finished plan. */
void plan_locks_check(plan_ctx_t *c);

/* The earlier run of pattern pattern's run i (by run id and plan), or
 * NULL. */
const keep_run_t *plan_keep_old_run(const plan_keep_t *k, const char *id);

/* Fills p->changes (what changed per session, direction and pickup against
 * the earlier plan, days merged) and p->changed_children, and each
 * alternative's children_changed (p->alts, from k->alt_pats). */
void plan_keep_changes(plan_ctx_t *c);
/* The children of the earlier plan whose time or bus changes on the days
 * `days` of the plan c->p (as p->changed_children counts them). */
int plan_keep_changed_on(plan_ctx_t *c, uint8_t days);
/* Frees p->changes and empties it. */
void plan_changes_free(sr_plan_t *p);

#endif
