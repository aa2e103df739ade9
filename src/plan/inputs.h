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

/* The session a riders, children or locks cell names: its exact name, else
 * the one session whose name is the same folded (case, ё: "плавание" is
 * "Плавание"). -1 when none, with "unknown session '…' (not in FILE; did
 * you mean '…'?)" in why (the hint when a name is close). */
int plan_session_find(const sr_plan_t *p, const char *sid, char *why, size_t why_size);
/* The sessions such a cell stands for, in out[] (room for every session):
 * every part of a session held at other times on some days when it names
 * that session ("Футбол", exact or folded), else plan_session_find's one
 * ("Футбол (Ср)" is that part alone). Returns how many, 0 with why said
 * when none. */
int plan_session_parts(const sr_plan_t *p, const char *sid, int *out, char *why, size_t why_size);

#endif
