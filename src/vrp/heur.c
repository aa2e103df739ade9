/* heur.c - the matheuristic's driver: construction (savings), local search,
 * then improvement until the iteration budget or the deadline. */
#include "vrp/heur.h"

int vrp_heur_solve(const vrp_ctx_t *c, const vrp_opts_t *o, double deadline,
		   vrp_wsol_t *best, int *optimal, double *lb, sr_error_t *err)
{
	(void)o;
	(void)err;
	*optimal = 0;
	*lb = -INFINITY;
	vrp_savings(c, best);
	vrp_local_search(c, best, deadline);
	return SR_OK;
}
