/*
 * serve.h - what would serve everyone on a day pattern (serve.c).
 */
#ifndef SR_PLAN_SERVE_H
#define SR_PLAN_SERVE_H

#include "plan/ctx.h"

/* What would take every run of runs[0..n) on days (serve.c): more buses
 * like the largest of cb (bus_of: their fleet index), or a longer
 * driver's day; added to c->p->fixes when found. */
void plan_serve_all(plan_ctx_t *c, uint8_t days, const plan_run_t *runs, int n,
		    const chain_bus_t *cb, const int *bus_of, int n_cb);

#endif
