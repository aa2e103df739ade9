/*
 * inputs.h - reading the three input tables (inputs.c).
 */
#ifndef SR_PLAN_INPUTS_H
#define SR_PLAN_INPUTS_H

#include "schoolrun/plan.h"

/* Most children one plan takes in all (riders.csv), so that every sum of
 * children, seats and loads fits an int with room to spare. */
#define PLAN_MAX_CHILDREN 1000000

/* Reads sessions.csv, riders.csv and fleet.csv named in p->settings,
 * resolving names on p->map; fills p->points, sessions, riders, buses and
 * the input checksums. SR_EINPUT with file, line and column on bad input. */
int plan_read_inputs(sr_plan_t *p, sr_error_t *err);

#endif
