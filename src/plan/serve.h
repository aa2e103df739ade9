/*
 * serve.h - what would serve everyone on a day pattern (serve.c).
 */
#ifndef SR_PLAN_SERVE_H
#define SR_PLAN_SERVE_H

#include "plan/ctx.h"

/* What would take every run of runs[0..n) on days (serve.c), runs
 * unc[0..n_unc) being those left without a bus: more buses like the
 * largest of cb (bus_of: their fleet index), a longer driver's day, or a
 * session near them starting up to 30 minutes later or earlier; added to
 * c->p->fixes when found. */
void plan_serve_all(plan_ctx_t *c, uint8_t days, const plan_run_t *runs, int n, const int *unc,
		    int n_unc, const chain_bus_t *cb, const int *bus_of, int n_cb);

#endif
