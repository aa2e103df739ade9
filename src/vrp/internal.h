/* internal.h - interfaces between the parts of the routing engine (not
 * public). vrp_solve() (solve.c) orchestrates: preprocessing (split demand,
 * unservable stops), then either the exact model or the matheuristic. */
#ifndef SR_VRP_INTERNAL_H
#define SR_VRP_INTERNAL_H

#include "schoolrun/vrp.h"

/* Exact GLPK branch-and-cut for closed, single-type, capacity-only (plus
 * optional max duration) problems (exact.c): two-index vehicle flow with
 * rounded capacity cuts separated in the GLP_IROWGEN callback. `incumbent`
 * (may be NULL) is a feasible solution to start from. Returns SR_OK with
 * sol filled (optimal=1 when proved) or SR_ELIMIT when the time ran out
 * without a solution. */
int vrp_exact_solve(const vrp_problem_t *p, const vrp_opts_t *o, const vrp_solution_t *incumbent,
		    vrp_solution_t *sol, sr_error_t *err);

/* Whether vrp_exact_solve() handles this problem. */
int vrp_exact_applies(const vrp_problem_t *p);

#endif
