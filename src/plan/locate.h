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

#endif
