/*
 * names.h - names for people of points given as coordinates or without a
 * name on the map (names.c).
 */
#ifndef SR_PLAN_NAMES_H
#define SR_PLAN_NAMES_H

#include "schoolrun/plan.h"

/* Names coordinate pickups (by their riders' note, else "near <place>")
 * and unnamed destinations ("<kind>, <place>") for the pages: sets the
 * points' label and label_en (owned by the plan). */
void plan_name_points(sr_plan_t *p);

#endif
