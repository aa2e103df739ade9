/* internal.h - what the files of src/chain share (not public): deadhead
 * lookups, the compatibility of two tasks, and the multi-depot model
 * (buses.c, its arcs, and the sifting of its root LP in sift.c) that
 * chain_solve calls when buses are given. */
#ifndef SR_CHAIN_INTERNAL_H
#define SR_CHAIN_INTERNAL_H

#include "schoolrun/chain.h"
#include "ip/ip.h"

#define CH_EPS 1e-6

static inline double chain_dh_s(const chain_problem_t *p, uint32_t a, uint32_t b)
{
	return p->dh_seconds[(size_t)a * p->n_locs + b];
}

static inline double chain_dh_m(const chain_problem_t *p, uint32_t a, uint32_t b)
{
	return p->dh_meters ? p->dh_meters[(size_t)a * p->n_locs + b] : 0.0;
}

/* Whether one bus can do task j after task i (time and deadhead). */
static inline int chain_compatible(const chain_problem_t *p, int i, int j)
{
	const chain_task_t *a = &p->tasks[i], *b = &p->tasks[j];
	if (i == j)
		return 0;
	return a->end_s + p->turnaround_s + chain_dh_s(p, a->end_loc, b->start_loc) <=
	       b->start_s + CH_EPS;
}

/* An arc of the multi-depot model (buses.c). */
typedef struct bus_arc {
	int b;	      /* bus */
	int i, j;     /* task indices; -1 = the bus's depot */
	double cost;  /* km * cost_per_km */
	double m;     /* metres */
	double drive; /* driving of the arc and of task j */
	double brk;   /* a connection's split-shift break as it counts */
} bus_arc_t;

/* The arcs of every bus, by bus, then by task. */
typedef struct bus_net {
	bus_arc_t *arcs;
	int n_arcs;
	int *pos; /* nb x n: the start arc (b,-1,j), -1 when bus b cannot do
		     task j; its end arc (b,j,-1) follows, then (b,j,k) */
} bus_net_t;

/* The first restricted LP of the sifting (sift.c) for g's program of
 * n_cols columns (the arcs first, 1-based) with first solution warm: a
 * flag per column (index 0 unused), or NULL when sift (chain_opts_t)
 * says none or, at 0, the program is too small for sifting to pay. The
 * caller frees it. */
unsigned char *chain_sift_cols(const chain_problem_t *p, const bus_net_t *g, const double *warm,
			       int n_cols, int sift);

/* The tasks of p by start time, ties by index; the caller frees it. */
int *chain_order_by_start(const chain_problem_t *p);

/* What leaving task j uncovered weighs (chain_task_t.weight, at least 1). */
static inline double chain_task_weight(const chain_problem_t *p, int j)
{
	return p->tasks[j].weight > 0 ? p->tasks[j].weight : 1;
}

/* chain_solve with p->buses given (buses.c): sol is zeroed. */
int chain_solve_buses(const chain_problem_t *p, const chain_opts_t *o, chain_solution_t *sol,
		      sr_error_t *err);

/* The store of bases (bases.c): the basis kept under key made M's next
 * simplex start (1), or none fits (0); b kept under key (its memory taken,
 * b emptied); a key mixed with one more value. */
int chain_bases_load(chain_bases_t *s, uint64_t key, ip_model_t *M);
void chain_bases_keep(chain_bases_t *s, uint64_t key, ip_basis_t *b);
uint64_t chain_bases_mix(uint64_t h, int64_t v);

#endif
