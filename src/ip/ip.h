/*
 * ip.h - the one wrapper around GLPK. Every LP and MIP in schoolrun goes
 * through here: GLPK's terminal output is routed to our log (never stdout),
 * a GLPK error (which would abort the process) becomes an SR_ESOLVER return
 * through glp_error_hook + longjmp, and every solve has a time limit.
 *
 * Callers build the problem with the plain GLPK API (glp_create_prob,
 * glp_add_rows, ... with GLPK's 1-based arrays) and solve it with ip_solve().
 */
#ifndef SCHOOLRUN_IP_H
#define SCHOOLRUN_IP_H

#include <glpk.h>
#include "schoolrun/util.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ip_opts {
	double time_limit_s;  /* wall-clock limit for the whole solve; default 60 */
	double mip_gap;       /* relative gap at which to stop; default 0 */
	int presolve;         /* use GLPK's MIP presolver; default 1 */
	int msg_level;        /* GLP_MSG_OFF (default) ... GLP_MSG_ALL, to our log */
	/* Branch-and-cut callback (GLPK's cb_func), called with cb_info.
	 * NULL for none. */
	void (*cb_func)(glp_tree *tree, void *info);
	void *cb_info;
	/* Optional starting incumbent for the MIP: n_cols values (index 1..n,
	 * index 0 unused), passed to GLPK in the first GLP_IHEUR callback. NULL
	 * for none. */
	const double *warm_start;
	int use_cuts;         /* GLPK's Gomory/MIR/cover/clique cuts; default 0 */
} ip_opts_t;

void ip_opts_init(ip_opts_t *o);

typedef enum ip_status {
	IP_OPTIMAL = 0,    /* proved optimal (within mip_gap) */
	IP_FEASIBLE = 1,   /* an integer solution, not proved optimal (limit hit) */
	IP_INFEASIBLE = 2, /* proved infeasible */
	IP_NOSOLUTION = 3, /* limit hit with no integer solution */
	IP_UNBOUNDED = 4
} ip_status_t;

/* Solves the LP relaxation (simplex) if the problem has no integer columns,
 * otherwise the MIP (simplex for the root, then glp_intopt).
 * On SR_OK, *status tells the outcome; the solution is read with
 * glp_mip_col_val / glp_get_col_prim as usual. *bound (may be NULL) gets the
 * best proved bound on the objective (the LP bound of the tree), or NAN.
 * Returns SR_ESOLVER if GLPK reported an error; the problem object must then
 * not be used again (GLPK's environment was reset), only freed with
 * ip_free_prob(). */
int ip_solve(glp_prob *P, const ip_opts_t *o, ip_status_t *status, double *bound,
	     sr_error_t *err);

/* Frees a problem; safe after an SR_ESOLVER return and with NULL. */
void ip_free_prob(glp_prob *P);

/* Helpers for the branch-and-cut callback: remaining seconds of the current
 * ip_solve (so a callback's heuristic can honour the limit). */
double ip_time_left(void);

#ifdef __cplusplus
}
#endif
#endif
