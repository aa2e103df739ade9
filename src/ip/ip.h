/*
 * ip.h - the one door to GLPK (private to the library). Every LP and MIP in
 * schoolrun is built and solved through here; no other file includes
 * <glpk.h>. GLPK's terminal output is routed to our log (never stdout),
 * every solve has a time limit, and a GLPK error (which would abort the
 * process) becomes an error return.
 *
 * Building: ip_model_new(), then rows and columns by sparse vectors. Row
 * and column numbers are GLPK's, 1-based; the index arrays themselves are
 * plain C arrays (idx[0..nnz-1]). Bounds are lo/hi with -INFINITY and
 * INFINITY for "none" (lo == hi fixes). Every call checks its indices,
 * counts and bounds first and, when they are wrong, does nothing, returns
 * 0 (or -1 for the int-status calls) and records the first such error in
 * the model; ip_solve() then returns it (SR_EINPUT), as does
 * ip_model_error(). So a model is built without a check after every call
 * and checked once, at the solve.
 *
 * What a GLPK error does: GLPK's manual allows an error hook to longjmp
 * only after it has freed the whole GLPK environment of the thread
 * (glp_free_env). So when GLPK reports an error (during building or
 * solving), EVERY model of that thread is gone: the call that hit it
 * returns SR_ESOLVER (building calls record it in the model), every later
 * building call or solve on a model of that thread made before the error
 * fails with SR_ESOLVER too (value reads give NAN), and such models must
 * only be freed with ip_model_free(). Models made afterwards work
 * normally. A model belongs to the thread that made it.
 */
#ifndef SCHOOLRUN_IP_H
#define SCHOOLRUN_IP_H

#include "schoolrun/util.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ip_model ip_model_t;
typedef struct ip_tree ip_tree_t;

typedef enum ip_sense { IP_MIN = 0, IP_MAX = 1 } ip_sense_t;

typedef enum ip_kind {
	IP_CONT = 0, /* continuous */
	IP_INT = 1,  /* integer */
	IP_BIN = 2   /* binary: integer with bounds 0..1 (lo/hi are ignored) */
} ip_kind_t;

/* ---- building ---- */

/* A new empty model (GLPK problem). Free it with ip_model_free(). */
ip_model_t *ip_model_new(ip_sense_t sense);

/* Frees a model; safe with NULL and after a GLPK error. */
void ip_model_free(ip_model_t *m);

/* n columns of one kind, bounds and objective coefficient, no
 * coefficients yet. Returns the number of the first (n == 0: the number
 * the next column would get), or 0 on error. */
int ip_add_cols(ip_model_t *m, int n, ip_kind_t kind, double lo, double hi, double obj);

/* One column with its coefficients: nnz (row number, value) pairs, rows
 * distinct and existing. Returns its number, or 0 on error. */
int ip_add_col(ip_model_t *m, ip_kind_t kind, double lo, double hi, double obj, int nnz,
	       const int *idx, const double *val);

/* n rows with bounds lo..hi and no coefficients yet. Returns the number of
 * the first (n == 0: the next one's), or 0 on error. */
int ip_add_rows(ip_model_t *m, int n, double lo, double hi);

/* One row lo <= sum val[k] x_idx[k] <= hi, columns distinct and existing.
 * Also the way to add a lazy row from the branch-and-cut callback (then
 * only while ip_tree_reason() is IP_CB_ROWGEN). Returns its number, or 0. */
int ip_add_row(ip_model_t *m, int nnz, const int *idx, const double *val, double lo, double hi);

/* Changes to column j: bounds, objective coefficient, kind. Return SR_OK
 * or -1 (the error is recorded in the model). */
int ip_set_col_bnds(ip_model_t *m, int j, double lo, double hi);
int ip_set_obj(ip_model_t *m, int j, double c);
/* IP_BIN also sets the bounds to 0..1; IP_CONT and IP_INT keep them. */
int ip_set_kind(ip_model_t *m, int j, ip_kind_t kind);

/* Deletes n distinct columns idx[0..n-1]; the others are renumbered in
 * order (GLPK's glp_del_cols). */
int ip_del_cols(ip_model_t *m, int n, const int *idx);

/* A crash basis for the next simplex (GLPK's glp_adv_basis): far fewer
 * pivots on network LPs. */
int ip_crash_basis(ip_model_t *m);

/* A simplex basis: the status of each row, then of each column (GLPK's
 * glp_get_row_stat / glp_get_col_stat values). */
typedef struct ip_basis {
	int n_rows, n_cols;
	unsigned char *stat; /* n_rows + n_cols */
} ip_basis_t;

/* Copies m's current basis into b (its memory reused or grown). */
int ip_basis_get(const ip_model_t *m, ip_basis_t *b);
/* Makes b the basis of m's next simplex (a warm start: a basis optimal
 * for other objective coefficients is still primal feasible, and the
 * simplex goes on from it). Returns 1 when done, 0 when b does not fit
 * m (other counts of rows or columns) or is singular there: then m's
 * basis is undefined and the caller sets one (ip_crash_basis). */
int ip_basis_set(ip_model_t *m, const ip_basis_t *b);
void ip_basis_clear(ip_basis_t *b);

int ip_num_rows(const ip_model_t *m);
int ip_num_cols(const ip_model_t *m);
double ip_get_obj(const ip_model_t *m, int j);

/* The first recorded error of m (a wrong index, or the model lost to a
 * GLPK error), copied to err; SR_OK when none. */
int ip_model_error(const ip_model_t *m, sr_error_t *err);

/* ---- solving ---- */

typedef enum ip_reason {
	IP_CB_OTHER = 0,
	IP_CB_SELECT, /* a subproblem is to be selected (GLP_ISELECT) */
	IP_CB_ROWGEN, /* the LP is solved: add lazy rows (GLP_IROWGEN) */
	IP_CB_HEUR,   /* offer heuristic solutions (GLP_IHEUR) */
	IP_CB_BRANCH  /* choose the branching column (GLP_IBRANCH) */
} ip_reason_t;

/* The branching rule of the branch and bound. */
typedef enum ip_branch {
	IP_BRANCH_DTH = 0, /* GLPK's default: Driebeck and Tomlin's heuristic */
	IP_BRANCH_LFV,	   /* the last fractional variable (GLPK's GLP_BR_LFV) */
	IP_BRANCH_FFV,	   /* the first fractional variable (GLP_BR_FFV) */
	IP_BRANCH_MFV	   /* the most fractional variable (GLP_BR_MFV) */
} ip_branch_t;

typedef struct ip_opts {
	double time_limit_s; /* wall-clock limit for the whole solve; default 60 */
	double mip_gap;	     /* relative gap at which to stop; default 0 */
	int verbose;	     /* GLPK's progress lines to our debug log; default 0 */
	/* Branch-and-cut callback, called with cb_info. NULL for none. With a
	 * callback GLPK's simple rounding heuristic is off (it may record an
	 * incumbent that violates lazy rows not generated yet). */
	void (*cb_func)(ip_tree_t *t, void *info);
	void *cb_info;
	/* Optional starting incumbent for the MIP: values for columns 1..n
	 * (index 0 unused), offered at the first IP_CB_HEUR. NULL for none. */
	const double *warm_start;
	int use_cuts; /* GLPK's Gomory/MIR/cover/clique cuts; default 0 */
	/* Simplex iterations allowed to the root LP (0: no limit, the
	 * default); past it the solve ends with IP_NOSOLUTION, the same on
	 * every machine. */
	long lp_iter_limit;
	/* Work budgets for the branch-and-bound (0: none, the default): it
	 * stops (IP_FEASIBLE with the incumbent, or IP_NOSOLUTION) at the
	 * first callback after it has selected more than max_nodes
	 * subproblems or the model's simplex iterations (ip_simplex_iters,
	 * the root LP and earlier solves included) exceed max_simplex. Unlike
	 * time_limit_s, the same on every machine and under any load; they
	 * leave GLPK's rounding heuristic on. With a warm_start, the stop
	 * waits until it has been offered (the root's first heuristic call),
	 * so a spent budget still ends with it. */
	long max_nodes, max_simplex;
	/* ... and simplex iterations allowed to this solve's branch and bound
	 * after its root LP (0: no limit, the default): a budget that leaves
	 * the root LP whole, however long it takes, and the same on every
	 * machine */
	long max_tree_simplex;
	/* ... and subproblems it may select after the incumbent last became
	 * better (0: no limit, the default; no stop while it has none):
	 * the stall limit of SCIP's limits/stallnodes (learned from its
	 * documentation), for a search whose bound cannot prove anything in
	 * its budget, so that it ends where it stops finding better
	 * solutions; a count, the same on every machine */
	long max_stall_nodes;
	ip_branch_t branch; /* default IP_BRANCH_DTH */
	/* NULL, or where the root LP's basis goes when the simplex ends it
	 * optimal (ip_basis_get), for a later solve's warm start */
	ip_basis_t *root_basis;
	/* Sifting for the root LP (NULL: none, the default): a flag per
	 * column, sift[1..n] (index 0 unused), non-zero for the columns of
	 * the first restricted LP, which should keep the LP feasible (else
	 * the whole LP is solved at once). Every other column that is
	 * non-basic at its lower bound 0 is held there (fixed, so that the
	 * simplex leaves it out of its working LP); after each restricted
	 * optimum the held columns are priced with its duals, the sift_add
	 * of them with the most negative reduced cost (ties: the lower
	 * number) join, and, in the first rounds, the columns at 0 with a
	 * positive reduced cost are held again. When none prices out,
	 * every column is let go and the simplex goes on over the whole LP
	 * from that basis (as a rule without a pivot), so the root LP's
	 * optimum is the whole LP's: only the work, and among equal optima
	 * which one, differ. Counts, not clocks: the same rounds on every
	 * machine. */
	const unsigned char *sift;
	int sift_add; /* columns joining per round; 0: as many as the rows */
} ip_opts_t;

void ip_opts_init(ip_opts_t *o);

typedef enum ip_status {
	IP_OPTIMAL = 0,	   /* proved optimal (within mip_gap) */
	IP_FEASIBLE = 1,   /* an integer solution, not proved optimal (limit hit) */
	IP_INFEASIBLE = 2, /* proved infeasible */
	IP_NOSOLUTION = 3, /* limit hit with no integer solution */
	IP_UNBOUNDED = 4
} ip_status_t;

/* Solves the LP relaxation (simplex) if the model has no integer columns,
 * otherwise the MIP (simplex for the root, then GLPK's branch-and-cut).
 * On SR_OK, *status tells the outcome; values are read with ip_lp_val /
 * ip_mip_val. *bound (may be NULL) gets the best proved bound on the
 * objective (the LP bound of the tree), or NAN. Returns SR_EINPUT with the
 * recorded message if building (or the callback) made an error, and
 * SR_ESOLVER if GLPK reported one (see the top of this file). o may be
 * NULL for the defaults. */
int ip_solve(ip_model_t *m, const ip_opts_t *o, ip_status_t *status, double *bound,
	     sr_error_t *err);

/* Values of the last solve (also valid inside the callback: the current
 * LP and the incumbent). Out-of-range j gives NAN. */
double ip_lp_val(const ip_model_t *m, int j);	  /* LP primal value */
double ip_lp_redcost(const ip_model_t *m, int j); /* LP reduced cost */
double ip_lp_obj(const ip_model_t *m);
int ip_lp_optimal(const ip_model_t *m);	       /* the last LP was solved to optimality */
double ip_mip_val(const ip_model_t *m, int j); /* incumbent value */
double ip_mip_obj(const ip_model_t *m);
int ip_mip_has(const ip_model_t *m); /* an incumbent exists */
/* Simplex iterations the last solve spent after its root LP (its branch
 * and bound); 0 when it ended in the root. */
long ip_tree_iters(const ip_model_t *m);
/* Simplex iterations spent on the model so far (its LPs and every node's
 * LP, GLPK's own count; also inside the callback): a measure of work that,
 * unlike a time limit, is the same on every machine. */
long ip_simplex_iters(const ip_model_t *m);

/* The optimum of the last solve's root LP (the relaxation, before any
 * branching), or NAN when the simplex did not end it optimal. */
double ip_root_obj(const ip_model_t *m);

/* The sifting of the last solve (ip_opts_t.sift): its restricted LPs
 * solved (0: none) and the columns of the last one (all columns when
 * none). */
void ip_sift_stats(const ip_model_t *m, int *rounds, int *cols);

/* Frees this thread's GLPK environment; call at the end of a worker thread
 * that used GLPK. Every model of the thread must be freed before. */
void ip_thread_done(void);

/* ---- inside the branch-and-cut callback ---- */

ip_reason_t ip_tree_reason(ip_tree_t *t);
ip_model_t *ip_tree_model(ip_tree_t *t);

/* Offers a heuristic solution x[1..n] (n columns; index 0 unused). Returns
 * 0 if GLPK took it as its new incumbent, 1 if it rejected it (not better,
 * or not integral), -1 on a wrong call (recorded in the model). */
int ip_tree_heur_sol(ip_tree_t *t, const double *x);

/* The smallest bound among the active subproblems (minimisation), or
 * -INFINITY when none. */
double ip_tree_bound(ip_tree_t *t);

/* Branching (only while the reason is IP_CB_BRANCH): whether column j may
 * be branched on, and branching on it (down branch first as GLPK decides).
 * ip_tree_branch returns SR_OK or -1. */
int ip_tree_can_branch(ip_tree_t *t, int j);
int ip_tree_branch(ip_tree_t *t, int j);

/* Ends the search as soon as the callback returns. */
void ip_tree_stop(ip_tree_t *t);

#ifdef __cplusplus
}
#endif
#endif
