/* internal.h - what the files of src/chain share (not public): deadhead
 * lookups, the compatibility of two tasks, and the multi-depot model
 * (buses.c) that chain_solve calls when buses are given. */
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

/* The tasks of p by start time, ties by index; the caller frees it. */
int *chain_order_by_start(const chain_problem_t *p);

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
