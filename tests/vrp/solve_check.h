/* solve_check.h - independent tools for the routing engine's tests: a random
 * instance generator with every constraint, a solution checker that
 * recomputes everything from the instance by its own simulation, and an
 * exhaustive search over all partitions of the stops into ordered routes. */
#ifndef SR_TEST_VRP_SOLVE_CHECK_H
#define SR_TEST_VRP_SOLVE_CHECK_H

#include "schoolrun/vrp.h"

typedef struct tinst {
	vrp_problem_t p;
	double *dist, *time, *service, *max_ride, *floor;
	int *demand;
	vrp_vehicle_type_t types[3];
} tinst_t;

/* Random instance with n nodes (incl. depot). flags: bit 0 asymmetric,
 * 1 ride limits, 2 duration, 3 mixed fleet with counts and fixed costs,
 * 4 split demand, 5 service times, 6 duration floors (with a duration
 * limit). kind as given. */
void tinst_random(tinst_t *t, int n, vrp_route_kind_t kind, unsigned flags, uint64_t seed);
void tinst_free(tinst_t *t);

/* Checks sol against the problem; prints what is wrong; returns 1 if ok.
 * Also checks that exactly the stops no vehicle can serve alone are
 * unserved (fleet large enough assumed when fleet_ok). */
int check_solution(const vrp_problem_t *p, const vrp_solution_t *s, int fleet_ok);

/* Optimal cost by exhaustive search (stops that no vehicle can serve alone
 * are left out); +INFINITY if no solution. Only for a handful of visits. */
double brute_force(const vrp_problem_t *p);

#endif
