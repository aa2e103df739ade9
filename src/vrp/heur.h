/* heur.h - the matheuristic's driver (heur.c), called by vrp_solve(). */
#ifndef SR_VRP_HEUR_H
#define SR_VRP_HEUR_H

#include "vrp/search.h"

/* Fills *best (initialised, empty) with the best solution found before
 * deadline; optimal and lb are set when optimality is proved. */
int vrp_heur_solve(const vrp_ctx_t *c, const vrp_opts_t *o, double deadline,
		   vrp_wsol_t *best, int *optimal, double *lb, sr_error_t *err);

#endif
