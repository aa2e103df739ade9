/*
 * ctx.h - the working state of one plan_build() call, shared by its steps
 * (locate.c, runs.c, duties.c): the snapped points, the travel time and
 * distance matrix with its lookups, the time budget, and the list of
 * unserved children every step adds to. Uses nothing of the other plan
 * files but run.h.
 */
#ifndef SR_PLAN_CTX_H
#define SR_PLAN_CTX_H

/* Branch-and-bound nodes allowed to each chaining of the plan (chain_opts
 * max_nodes): the work is a count, so the plan is the same under any load
 * and at any time_limit_s that does not cut it (the clock is the safety
 * net). */
#define PLAN_CHAIN_NODES 400
/* ... and work in all (chain_opts max_work: simplex iterations times rows
 * squared) of the branch and bound after the root LP, which is always
 * solved whole: a district's program (12 buses, 415 rows) needs under
 * 2,000 iterations of the 1.5 million it allows; a 60-bus fleet's (4,300
 * rows: 14,400 allowed) is proved at its root or within a few nodes since
 * the day-length rows follow the flow (buses.c), its week's chaining again
 * (4,900 rows: 11,000) within 2,100. */
#define PLAN_CHAIN_WORK 2.6e11

/* ... and to a chaining that weighs the round trips (chain_pair_t,
 * roundtrip.c): their program's LP is weak (a pair split evenly over
 * alike buses costs nothing there), so its search finds better plans
 * slowly: on Liechtenstein's term 967 of 1011 children home by the bus
 * that took them at 40 nodes, 981 at 200 at three times the CPU time; the
 * bundled district 714 of 883 at 40, 786 at 200 (2026-12-05). */
#define PLAN_PAIR_NODES 40

/* ... and, in the chaining of a pattern's round trips after its fewest
 * buses (plan_duties_round_trips), the nodes after the last better plan
 * (chain_opts max_stall_nodes). Measured (2026-12-05) on the bench_plan
 * cases: where that search ends proved, its better plans come by node 3
 * (the district, the 300-village region); where it does not (every
 * pattern of Liechtenstein's and North Bayreuth's terms, one of the
 * district's), no node of the 40 beat its first solution, and the 40
 * nodes were 2 of Liechtenstein's 5.5 CPU seconds. */
#define PLAN_PAIR_STALL_NODES 10

/* ... on day patterns of at most this many runs times buses (duties.c,
 * plan_duties_pairs): the largest real-map terms measured have 576 (36
 * runs, 16 buses); the 300-village region 840 to 4,140, where the pairs
 * made the clock cut the week's chainings at time_limit_s 30 and 60 and
 * left 82 of 103 runs on one bus all week against 102 (2026-12-05). */
#define PLAN_PAIR_MAX_CELLS 2000

/* ... and simplex iterations allowed to such a program's root LP (chain
 * opts max_lp_iters): one that needs more keeps the duties it starts
 * from. The root LPs of the bench_plan cases' round-trip chainings need at
 * most 4,100 (North Bayreuth's term; the district 1,300, Liechtenstein's
 * 2,500, a 200-village region 7,100); a 150-village region's (50 runs, 40
 * buses: 3,200 rows) needed 9,000 to 18,600 at half a millisecond each,
 * and its chainings ran into the 60 s safety net, so that its plan
 * depended on the machine (2026-12-06). */
#define PLAN_PAIR_LP_ITERS 8000

/* Runs of different sessions one mixed run may serve (mixed.c). */
#define PLAN_MIX_MAX 4

/* The kinds of mixed loads, in the order they are tried (mixed.c):
 * whole runs merged, a stop both runs call at shared, a stop moved from
 * one run into another that does not call there. */
enum { PLAN_MIX_MERGE = 0, PLAN_MIX_SHARE = 1, PLAN_MIX_MOVE = 2 };

#include <stddef.h>
#include <stdint.h>
#include "schoolrun/chain.h"
#include "schoolrun/matrix.h"
#include "schoolrun/plan.h"

typedef struct plan_ctx {
	sr_plan_t *p;
	const sr_network_t *net;
	uint32_t n;	   /* points */
	net_snap_t *snaps; /* per point */
	int *on_road;	   /* per point: 1 if snapped onto the main network */
	double *sec;	   /* n*n travel seconds, whole (rounded up);
				  INFINITY when unreachable */
	double *met;	   /* n*n metres; INFINITY when unreachable */
	plan_run_t *tmpl;  /* every session's runs, timed at the latest
				  arrival / earliest departure (runs.c) */
	int n_tmpl;
	plan_run_t *mix;	 /* candidate mixed runs (mixed.c), best first */
	int *mix_of;		 /* PLAN_MIX_MAX per mixed run: its runs of tmpl
			    (ascending, -1 after the last) */
	unsigned char *mix_rest; /* per mixed run: for the run after a shared
				    or moved stop's (mixed.c), taken with the
				    one before, PLAN_MIX_SHARE or PLAN_MIX_MOVE;
				    else 0 */
	int n_mix;
	double deadline;  /* sr_now() value by which planning must end */
	double phase_end; /* ... and the routing phase (runs.c) */
	int n_route_cut;  /* routing calls that hit their time limit */
	int n_chain_cut;  /* chaining calls not proved in their time */
	int mix_less;	  /* mixed loads' kinds left out, from the last: 1 moved
			     stops, 2 shared stops too (build.c) */
	int mix_kept;	  /* the highest kind a day pattern's plan kept */

	/* the buses whose depot is on the road network (chain's buses) and
	 * their fleet index: duties.c fills them for week.c */
	chain_bus_t *cb;
	int *bus_of;
	int n_cb;
	/* NULL, or per run and bus of cb the week's cost of the run on that
	 * bus (another bus than on other days) while week.c chains */
	const double *task_bus_cost;
	/* NULL, or the duties (on cb) that chaining starts from while week.c
	 * chains a pattern again: its current ones */
	const chain_solution_t *chain_start;
	/* the root LP bases of the plan's chainings, for those done again
	 * (chain_bases_t); plan_ctx_clear frees it */
	chain_bases_t *bases;
	/* set while plan_make_patterns chains the patterns: the round trips
	 * wait for plan_duties_round_trips, after every pattern has its
	 * fewest buses */
	int pairs_later;
	/* set while duties.c plans a pattern again only to see whether a
	 * wider window would serve everyone: no fixes of its own */
	int no_fixes;
	/* 0, or the stall limit (chain_opts max_stall_nodes) of the chainings
	 * while plan_duties_round_trips chains */
	long stall_nodes;
	/* duties.c: the chainings weigh the runs they leave without a bus by
	 * their children and round trips (chain_fewest_left), not by their
	 * number: the second way plan_one tries a pattern that leaves
	 * children without a bus */
	int by_trips;
	struct plan_keep *keep; /* the earlier plan of a re-plan (keep.h), NULL */
} plan_ctx_t;

/* Travel seconds and metres from point a to point b (INFINITY when
 * unreachable). */
static inline double plan_tt(const plan_ctx_t *c, int a, int b)
{
	return c->sec[(size_t)a * c->n + (size_t)b];
}

static inline double plan_mm(const plan_ctx_t *c, int a, int b)
{
	return c->met[(size_t)a * c->n + (size_t)b];
}

/* Adds an unserved entry to p (strings copied). */
void plan_add_unserved(sr_plan_t *p, long rider_line, int pickup, int session, int dir,
		       int children, uint8_t days, const char *code, const char *reason);

/* Says a planning warning on stderr (fmt, after "days Mon,Wed: " when days
 * is not 0, in the user's language: fmt is a msgid, util/i18n.h) and keeps
 * the English message in p->warnings with its code, day pattern (0: none) and the n_args
 * (at most 5) names and figures the outputs' message catalogue fills in
 * (strings copied). */
void plan_warn(sr_plan_t *p, const char *code, uint8_t days, const char *const *args, int n_args,
	       const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Takes back the warnings of p from index `from` on (a plan tried and
 * left). */
void plan_warnings_drop(sr_plan_t *p, int from);

/* Frees what the steps put into c (not c->p) and zeroes it. */
void plan_ctx_clear(plan_ctx_t *c);

#endif
