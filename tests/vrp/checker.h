/* checker.h - an independent CVRP solution checker for the tests: its own
 * code, trusting nothing the solver computed. Each customer visited exactly
 * once, every load within capacity, every route's length plus service time
 * within DISTANCE (CMT), and the cost recomputed arc by arc from the
 * instance's coordinates (or its explicit matrix). */
#ifndef SR_TEST_VRP_CHECKER_H
#define SR_TEST_VRP_CHECKER_H

#include "schoolrun/vrp.h"

/* A solution as lists of node indices of the instance (1..n-1, depot 0
 * excluded), in visiting order. */
typedef struct chk_sol {
	int n_routes;
	int **route;
	int *len;
	double cost; /* as stated by whoever produced it (NAN if none) */
} chk_sol_t;

void chk_sol_free(chk_sol_t *s);
void chk_sol_add_route(chk_sol_t *s, const int *nodes, int len);

/* Checks s against the instance. max_routes < 0: no fleet limit. Returns 1
 * if feasible; *cost gets the recomputed cost; why (may be NULL) a reason
 * when infeasible. */
int chk_solution(const vrp_instance_t *in, const chk_sol_t *s, int max_routes, double *cost,
		 char *why, size_t why_len);

/* Reads a CVRPLIB .sol file ("Route #k: c1 c2 ...", customer number = file
 * node id - 1; "Cost X"). Returns 0 on success. */
int chk_read_sol(const char *path, const vrp_instance_t *in, chk_sol_t *s);

/* Parses `schoolrun vrp --json` output ({"cost":..,"routes":[[ids]..]});
 * ids are node ids as in the file. Returns 0 on success. */
int chk_parse_json(const char *text, const vrp_instance_t *in, chk_sol_t *s);

#endif
