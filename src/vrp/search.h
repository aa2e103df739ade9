/* search.h - the matheuristic's shared pieces (not public): the
 * preprocessed instance (visits after splitting demand), route segments with
 * O(1) concatenation, the working solution, and the operators' entry points.
 *
 * Route segments follow the concatenation idea of Vidal et al. ("A unified
 * solution framework for multi-attribute vehicle routing problems", EJOR
 * 2014) and HGS-CVRP: a segment summarises load, distance, duration and the
 * tightest ride-time slack of a run of stops, so a route built from pieces of
 * other routes is evaluated in constant time.
 *
 * How to add a constraint to the engine (the duration floor, field `dfl`,
 * is a worked example of every step):
 *  1. The input: a field of vrp_problem_t (include/schoolrun/vrp.h, with
 *     its meaning), checked by vrp_validate() and copied per visit into
 *     vrp_ctx_t by vrp_ctx_build() (solve.c; split visits inherit it).
 *  2. The segment field: what a run of visits must remember so that two
 *     runs join in O(1). Add it to vrp_seg_t, set it in seg_single(), give
 *     seg_empty() and the depot segment of seg_close() the neutral value,
 *     combine it in seg_cat().
 *  3. seg_close() (wsol.c) turns a whole route's segment into an excess in
 *     vrp_rstat_t; seg_cost() rejects a route with any excess. Savings,
 *     every local-search operator, SISR, the route pool and set
 *     partitioning price routes only through seg_cost()/route_price(), so
 *     they need nothing more, except:
 *  4. Monotonicity. enum.c prunes partial routes (load, duration against
 *     dur_cap, ride slack): a constraint that a later visit can relax needs
 *     a looser bound there. SISR's ruin (ruin_recreate.c) dissolves a route
 *     that its removals made infeasible, so constraints that removing a
 *     visit can break (like the floor) are safe.
 *  5. Evaluation: vrp_route_eval() (eval.c) checks the route by plain
 *     simulation, without segments; every exported route goes through it.
 *  6. The exact model (exact.c) knows capacity and max duration on closed
 *     routes only: make vrp_exact_applies() return 0 when the constraint is
 *     set, unless its columns or cuts enforce it.
 *  7. The independent checker: tests/vrp/solve_check.c (its own
 *     simulate(), and a flag bit of tinst_random() that draws the
 *     constraint) is what test_vrp_solve.c compares against brute force;
 *     tests/vrp/checker.c checks CVRPLIB solutions, only for constraints a
 *     .vrp file can carry. */
#ifndef SR_VRP_SEARCH_H
#define SR_VRP_SEARCH_H

#include <math.h>
#include <stdlib.h>
#include <time.h>
#include "schoolrun/vrp.h"

#define VRP_INF 1e30
#define VRP_EPS 1e-7

/* The instance as the search sees it: "visits" 1..nv (visit 0 = depot), a
 * split stop becoming several visits of the same node. */
typedef struct vrp_ctx {
	const vrp_problem_t *p;
	int n;		/* nodes of the problem (incl. depot) */
	int nv;		/* visits (excl. depot) */
	int *node;	/* nv+1: visit -> node */
	int *dem;	/* nv+1 */
	double *svc;	/* nv+1 */
	double *ride;	/* nv+1: max ride or VRP_INF */
	double max_dur; /* VRP_INF if none */
	double *dfl;	/* nv+1: duration floor (0 if none) */
	double dur_cap; /* the longest any route may last: max_dur or the
			       largest floor, for pruning (enum.c) */
	vrp_route_kind_t kind;
	int nt;		/* vehicle types */
	int *cap, *cnt; /* cnt: -1 unlimited */
	double *fix, *cpd;
	int capmax;
	double unserved_pen; /* per visit left out */
	int *nb;	     /* nv+1 rows of K: nearest visits (granular) */
	int K;
	double avg_leg; /* mean distance between visits, for scaling */
	int sym;	/* dist is symmetric: d(a,b) may be read as d(b,a) */
} vrp_ctx_t;

/* Builds the context of a validated problem (solve.c); stops that no
 * vehicle can serve alone are appended to (*out)[*n_out] (room for n). */
void vrp_ctx_build(vrp_ctx_t *c, const vrp_problem_t *p, int **out, int *n_out);
void vrp_ctx_free(vrp_ctx_t *c);

static inline double ctx_d(const vrp_ctx_t *c, int a, int b)
{
	return c->p->dist[(size_t)c->node[a] * (size_t)c->n + (size_t)c->node[b]];
}

static inline double ctx_t(const vrp_ctx_t *c, int a, int b)
{
	const double *t = c->p->time ? c->p->time : c->p->dist;
	return t[(size_t)c->node[a] * (size_t)c->n + (size_t)c->node[b]];
}

/* A run of visits: first/last, load, distance and duration inside it
 * (service at every visit included), ride slacks: slt = min over its
 * visits of max_ride - (end of own service .. end of the run), slf = min of
 * max_ride - (start of the run .. arrival at the visit), and dfl, the
 * largest duration floor of its visits. */
typedef struct vrp_seg {
	int first, last, load;
	double dist, dur, slt, slf, dfl;
} vrp_seg_t;

static inline vrp_seg_t seg_single(const vrp_ctx_t *c, int v)
{
	vrp_seg_t s = {v, v, c->dem[v], 0.0, c->svc[v], c->ride[v], c->ride[v], c->dfl[v]};
	return s;
}

/* a then b (neither empty), the arc between them of distance d and
 * travel time t (the caller read them: seg_cat, or recreate reading a
 * symmetric matrix from the inserted visit's row) */
static inline vrp_seg_t seg_join(vrp_seg_t a, vrp_seg_t b, double d, double t)
{
	vrp_seg_t s;
	s.first = a.first;
	s.last = b.last;
	s.load = a.load + b.load;
	s.dist = a.dist + d + b.dist;
	s.dur = a.dur + t + b.dur;
	double x = a.slt - t - b.dur;
	s.slt = x < b.slt ? x : b.slt;
	double y = b.slf - a.dur - t;
	s.slf = a.slf < y ? a.slf : y;
	s.dfl = a.dfl > b.dfl ? a.dfl : b.dfl;
	return s;
}

static inline vrp_seg_t seg_cat(const vrp_ctx_t *c, vrp_seg_t a, vrp_seg_t b)
{
	if (a.first < 0)
		return b;
	if (b.first < 0)
		return a;
	return seg_join(a, b, ctx_d(c, a.last, b.first), ctx_t(c, a.last, b.first));
}

static inline vrp_seg_t seg_empty(void)
{
	vrp_seg_t s = {-1, -1, 0, 0.0, 0.0, VRP_INF, VRP_INF, 0.0};
	return s;
}

/* Totals of a whole route made of segment s: distance, duration, its
 * duration limit (max_dur raised to the floor) and the amounts by which
 * duration and ride limits are exceeded (0 if none). */
typedef struct vrp_rstat {
	double dist, dur, dur_lim, dur_x, ride_x;
	int load;
} vrp_rstat_t;

vrp_rstat_t seg_close(const vrp_ctx_t *c, vrp_seg_t s);

/* Cost of a route from its segment with vehicle type k, or VRP_INF if
 * infeasible (capacity, duration, ride, unreachable arc). */
double seg_cost(const vrp_ctx_t *c, vrp_seg_t s, int k);
/* The cheapest type for segment s ignoring fleet counts (-1 if none). */
int seg_best_type(const vrp_ctx_t *c, vrp_seg_t s, double *cost);

/* ---- working solution ---- */
typedef struct vrp_wroute {
	int *v;
	int len, cap;
	int type;
	double cost;
	vrp_seg_t *pre, *suf; /* pre[i] = v[0..i], suf[i] = v[i..len-1] */
	int segcap;
} vrp_wroute_t;

typedef struct vrp_wsol {
	vrp_wroute_t *r;
	int nr, rcap;
	int *route_of; /* nv+1: route index or -1 (unserved) */
	int *pos_of;   /* nv+1 */
	int *used;     /* nt: routes per type */
	double cost;   /* routes + unserved penalty */
	int n_out;     /* unserved visits */
	/* during the local search only (else NULL, never copied): per visit,
	 * the tick of the last change of its route, and the tick counter */
	long *stamp;
	long tick;
} vrp_wsol_t;

void wsol_init(vrp_wsol_t *s, const vrp_ctx_t *c);
void wsol_free(vrp_wsol_t *s);
void wsol_copy(vrp_wsol_t *dst, const vrp_wsol_t *src, const vrp_ctx_t *c);
/* Appends an empty route of type k; returns its index. */
int wsol_add_route(vrp_wsol_t *s, int k);
/* Recomputes route i's segments, cost and the position index. */
void wsol_update_route(vrp_wsol_t *s, const vrp_ctx_t *c, int i);
/* Sets route i's sequence (copied from v) and keeps its type. */
void wsol_set_route(vrp_wsol_t *s, const vrp_ctx_t *c, int i, const int *v, int len);
/* Replaces route i by sequence v with type k, keeping used[] and cost. */
void wsol_apply(vrp_wsol_t *s, const vrp_ctx_t *c, int i, const int *v, int len, int k);
/* Cheapest cost of a route made of segment g that currently has type cur:
 * cur itself or any type with a free vehicle. *k gets the type; VRP_INF
 * if none is feasible. An empty segment costs 0 (the vehicle is freed). */
double route_price(const vrp_ctx_t *c, const vrp_wsol_t *s, vrp_seg_t g, int cur, int *k);
/* dst = src where they differ only in the routes idx[0..n-1] (wsol.c). */
void wsol_copy_routes(vrp_wsol_t *dst, const vrp_wsol_t *src, const vrp_ctx_t *c, const int *idx,
		      int n);
/* Drops empty routes and recomputes all totals. */
void wsol_finish(vrp_wsol_t *s, const vrp_ctx_t *c);
/* Route i's cost with a sequence replaced (len visits in v) and type k. */
double route_cost_seq(const vrp_ctx_t *c, const int *v, int len, int k);
/* Whether another route of type k may be used (fleet counts). */
static inline int type_avail(const vrp_ctx_t *c, const vrp_wsol_t *s, int k)
{
	return c->cnt[k] < 0 || s->used[k] < c->cnt[k];
}
static inline vrp_seg_t pre_of(const vrp_wroute_t *r, int i)
{
	return i >= 0 ? r->pre[i < r->len ? i : r->len - 1] : seg_empty();
}

static inline vrp_seg_t suf_of(const vrp_wroute_t *r, int i)
{
	return i < r->len ? r->suf[i < 0 ? 0 : i] : seg_empty();
}

/* Whether routes a and b may switch from types oa, ob to na, nb together. */
static inline int types_ok(const vrp_ctx_t *c, const vrp_wsol_t *s, int oa, int na, int ob, int nb)
{
	if (na == oa || nb == ob || na != nb || c->cnt[na] < 0)
		return 1;
	return s->used[na] + 2 <= c->cnt[na];
}

/* Scratch arrays for the operators (two of nv+1 ints), and the tick
 * before which a pair of visits whose routes have not changed since is
 * skipped (0: none): it was tried and found no move (localsearch.c). */
typedef struct vrp_scratch {
	int *a, *b;
	long since;
} vrp_scratch_t;

/* Whether the local search may skip the pair u, v: neither route changed
 * since w->since. Every operator's move depends on the two routes alone
 * (with a fleet count, also on the types in use: then nothing is
 * skipped). */
static inline int ls_skip(const vrp_wsol_t *s, const vrp_scratch_t *w, int u, int v)
{
	return s->stamp && s->stamp[u] < w->since && s->stamp[v] < w->since;
}

/* Re-picks each route's vehicle type: the cheapest feasible one within the
 * fleet counts. Returns 1 if the cost fell. */
int wsol_retype(vrp_wsol_t *s, const vrp_ctx_t *c);
/* Inserts every unserved visit at its cheapest feasible place (a new route
 * if that is cheaper and a vehicle is free). */
void wsol_repair(vrp_wsol_t *s, const vrp_ctx_t *c);

/* ---- construction and local search ---- */
/* Clarke & Wright savings (savings.c). */
void vrp_savings(const vrp_ctx_t *c, vrp_wsol_t *s);
/* Improving moves until none is left, first-improvement over granular
 * neighbourhoods. Each returns 1 if it improved the solution. */
int ls_relocate(const vrp_ctx_t *c, vrp_wsol_t *s, vrp_scratch_t *w);
int ls_swap(const vrp_ctx_t *c, vrp_wsol_t *s, vrp_scratch_t *w);
int ls_two_opt(const vrp_ctx_t *c, vrp_wsol_t *s, vrp_scratch_t *w);
int ls_two_opt_star(const vrp_ctx_t *c, vrp_wsol_t *s, vrp_scratch_t *w);
int ls_or_opt(const vrp_ctx_t *c, vrp_wsol_t *s, vrp_scratch_t *w);
int ls_swap_star(const vrp_ctx_t *c, vrp_wsol_t *s, vrp_scratch_t *w);
/* A SWAP* move (swap_star.c): visit A->v[iu] goes into B before B's index
 * eu (eu == iv: in v's place), B->v[iv] into A before index ev (ev == iu:
 * in u's place); delta is the change of driven distance. */
typedef struct vrp_swapstar {
	double delta;
	int iu, iv, eu, ev;
} vrp_swapstar_t;
/* The best SWAP* move between two non-empty routes by distance, loads
 * within the largest vehicle (delta VRP_INF if none). */
void swap_star_best(const vrp_ctx_t *c, const vrp_wroute_t *A, const vrp_wroute_t *B,
		    vrp_swapstar_t *m);
/* Copies r->v[from..to] (inclusive; to < from gives nothing) to out,
 * reversed if rev; returns the count. */
static inline int copy_run(const vrp_wroute_t *r, int from, int to, int rev, int *out)
{
	int n = 0;
	if (to < from)
		return 0;
	if (rev)
		for (int i = to; i >= from; i--)
			out[n++] = r->v[i];
	else
		for (int i = from; i <= to; i++)
			out[n++] = r->v[i];
	return n;
}
/* All operators in turn until a local optimum (localsearch.c). */
void vrp_local_search(const vrp_ctx_t *c, vrp_wsol_t *s, double deadline);

/* ---- time accounting (vrp_profile_t; never changes a result) ---- */
/* The calling thread's CPU time in seconds (a system call: about 2 us on
 * a virtual machine, so only at phase boundaries). */
static inline double vrp_cpu_now(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
		return 0;
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* A phase's start on the calling thread: elapsed and CPU clocks. */
typedef struct vrp_clock {
	double wall, cpu;
} vrp_clock_t;

static inline vrp_clock_t vrp_clock_start(void)
{
	vrp_clock_t k = {sr_now(), vrp_cpu_now()};
	return k;
}

/* Adds the time since k to *p (may be NULL) and returns the CPU part. */
static inline double vrp_clock_add(vrp_phase_time_t *p, vrp_clock_t k)
{
	double cpu = vrp_cpu_now() - k.cpu;
	if (p) {
		p->wall += sr_now() - k.wall;
		p->cpu += cpu;
	}
	return cpu;
}

#endif
