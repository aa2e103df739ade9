/* heur.h - the matheuristic's driver (heur.c), called by vrp_solve(). */
#ifndef SR_VRP_HEUR_H
#define SR_VRP_HEUR_H

#include "vrp/search.h"

/* Fills *best (initialised, empty) with the best solution found before
 * deadline; optimal and lb are set when optimality is proved. The time of
 * each phase is added to *prof (zeroed by the caller; NULL: not kept). */
int vrp_heur_solve(const vrp_ctx_t *c, const vrp_opts_t *o, double deadline, vrp_wsol_t *best,
		   int *optimal, double *lb, vrp_profile_t *prof, sr_error_t *err);

/* The default budget of each search chain (vrp_opts.max_iters == 0), in
 * ruin-and-recreate iterations, for nv visits: a pure function of the
 * size (see heur.c). */
long vrp_heur_auto_iters(int nv);

/* Converts the working solution into the public one (solve.c); takes
 * `out` (n_out stops set aside, room for n_out entries) into sol->unserved. */
void vrp_export_solution(const vrp_ctx_t *c, const vrp_wsol_t *s, vrp_solution_t *sol, int *out,
			 int n_out);

/* A start for the exact model (exact.c) from this engine's heuristics.
 * With iters > 0: the matheuristic above with that fixed budget on one
 * thread (it may use GLPK: never call it from inside a GLPK callback).
 * With iters == 0: Clarke & Wright savings scored on `guide` (n*n, e.g. the
 * distances discounted by an LP point; NULL = p's distances), then the
 * local search on p's own costs (no GLPK). Returns 1 with *sol filled when
 * every stop is served (free it with vrp_solution_free), else 0. */
int vrp_heur_start(const vrp_problem_t *p, const double *guide, uint64_t seed, long iters,
		   double deadline, vrp_solution_t *sol);

#endif
