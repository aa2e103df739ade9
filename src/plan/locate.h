/*
 * locate.h - every point onto the road network, and the travel times
 * between them (locate.c).
 */
#ifndef SR_PLAN_LOCATE_H
#define SR_PLAN_LOCATE_H

#include "plan/ctx.h"

/* Snaps every point of c->p onto the main road network (c->snaps,
 * c->on_road, the points' snap fields) and fills c->sec and c->met between
 * the points on the road (INFINITY for the others). */
int plan_locate(plan_ctx_t *c, sr_error_t *err);

/* Points located and their travel times (plan_locate's results), kept to
 * hand to another build of the same inputs (a re-plan's plan made anew). */
typedef struct plan_located {
	uint32_t n;
	double *lat, *lon; /* the points as given, to tell the same points */
	net_snap_t *snaps;
	int *on_road, *is_place, *placed; /* placed: snapped at all */
	double *sec, *met;
	char **stop_name;
} plan_located_t;

/* A copy of c's located points into l (plan_located_free frees it). */
void plan_located_save(const plan_ctx_t *c, plan_located_t *l);
/* c's points located as l has them, with their warnings, when they are
 * the same points (same number and places): returns 1; else 0 (nothing
 * done; plan_locate then). */
int plan_located_use(plan_ctx_t *c, const plan_located_t *l);
void plan_located_free(plan_located_t *l);

#endif
