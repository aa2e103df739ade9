/* ip.c - the one wrapper around GLPK (see ip.h).
 *
 * GLPK reports misuse and internal failures by printing and aborting. Its
 * manual's remedy is followed here: a glp_error_hook that frees the GLPK
 * environment and longjmps back into ip_solve(), which then returns
 * SR_ESOLVER. GLPK's terminal output goes to our log through glp_term_hook,
 * never to stdout (stdout carries results, e.g. --json). */
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include "ip/ip.h"

static _Thread_local jmp_buf *tls_jmp;
static _Thread_local glp_prob *tls_dead;
static _Thread_local double tls_deadline;

struct cb_wrap {
	const ip_opts_t *o;
	int n_cols;
	int warm_done;
};

static int term_hook(void *info, const char *s)
{
	(void)info;
	if (sr_log_level() >= SR_LOG_DEBUG)
		fprintf(stderr, "glpk: %s", s);
	return 1; /* suppress GLPK's own printing */
}

static void error_hook(void *info)
{
	(void)info;
	jmp_buf *j = tls_jmp;
	glp_free_env();
	if (j)
		longjmp(*j, 1);
	abort();
}

void ip_opts_init(ip_opts_t *o)
{
	memset(o, 0, sizeof(*o));
	o->time_limit_s = 60;
	o->mip_gap = 0;
	o->presolve = 1;
	o->msg_level = GLP_MSG_OFF;
}

double ip_time_left(void)
{
	double left = tls_deadline - sr_now();
	return left > 0 ? left : 0;
}

static void cb_dispatch(glp_tree *T, void *info)
{
	struct cb_wrap *w = info;
	if (glp_ios_reason(T) == GLP_IHEUR && w->o->warm_start && !w->warm_done) {
		w->warm_done = 1;
		glp_ios_heur_sol(T, w->o->warm_start);
	}
	if (w->o->cb_func)
		w->o->cb_func(T, w->o->cb_info);
}

static int limit_ms(double s)
{
	if (!(s > 0))
		return 1;
	double ms = s * 1000.0;
	return ms > 2e9 ? 2000000000 : (int)ms + 1;
}

static int solve_inner(glp_prob *P, const ip_opts_t *o, ip_status_t *status,
		       double *bound, sr_error_t *err)
{
	double t0 = sr_now();
	tls_deadline = t0 + (o->time_limit_s > 0 ? o->time_limit_s : 1e9);
	int rc = SR_OK;
	int n_int = glp_get_num_int(P);

	glp_smcp sm;
	glp_init_smcp(&sm);
	sm.msg_lev = o->msg_level;
	sm.tm_lim = limit_ms(o->time_limit_s);
	sm.presolve = GLP_OFF;
	int r = glp_simplex(P, &sm);
	if (r == GLP_ETMLIM) {
		*status = IP_NOSOLUTION;
		goto out;
	}
	if (r != 0 && r != GLP_ENOPFS && r != GLP_ENODFS) {
		rc = sr_error_set(err, SR_ESOLVER, NULL, 0, "GLPK simplex failed (code %d)", r);
		goto out;
	}
	int st = glp_get_status(P);
	if (st == GLP_NOFEAS || r == GLP_ENOPFS) {
		*status = IP_INFEASIBLE;
		goto out;
	}
	if (st == GLP_UNBND || r == GLP_ENODFS) {
		*status = IP_UNBOUNDED;
		goto out;
	}
	if (st != GLP_OPT) {
		*status = IP_NOSOLUTION;
		goto out;
	}
	if (n_int == 0) {
		*status = IP_OPTIMAL;
		if (bound)
			*bound = glp_get_obj_val(P);
		goto out;
	}

	glp_iocp io;
	glp_init_iocp(&io);
	io.msg_lev = o->msg_level;
	io.presolve = GLP_OFF; /* the LP above is already solved */
	(void)o->presolve;
	double left = tls_deadline - sr_now();
	io.tm_lim = limit_ms(left > 0.001 ? left : 0.001);
	io.mip_gap = o->mip_gap;
	if (o->use_cuts) {
		io.gmi_cuts = GLP_ON;
		io.mir_cuts = GLP_ON;
		io.cov_cuts = GLP_ON;
		io.clq_cuts = GLP_ON;
	}
	struct cb_wrap w = {.o = o, .n_cols = glp_get_num_cols(P)};
	if (o->cb_func || o->warm_start) {
		io.cb_func = cb_dispatch;
		io.cb_info = &w;
	}
	/* With lazy rows (GLP_IROWGEN), GLPK's simple rounding heuristic can
	 * record an incumbent that violates cuts not yet generated; GLPK's own
	 * TSP example turns it off for the same reason. */
	if (o->cb_func)
		io.sr_heur = GLP_OFF;
	r = glp_intopt(P, &io);
	int ms = glp_mip_status(P);
	if (r != 0 && r != GLP_ETMLIM && r != GLP_EMIPGAP && r != GLP_ENOPFS &&
	    r != GLP_ENODFS && r != GLP_ESTOP) {
		rc = sr_error_set(err, SR_ESOLVER, NULL, 0, "GLPK branch-and-cut failed (code %d)", r);
		goto out;
	}
	if (ms == GLP_OPT)
		*status = (r == 0) ? IP_OPTIMAL : IP_FEASIBLE;
	else if (ms == GLP_FEAS)
		*status = IP_FEASIBLE;
	else if (ms == GLP_NOFEAS)
		*status = IP_INFEASIBLE;
	else
		*status = IP_NOSOLUTION;
	if (r == GLP_EMIPGAP && ms == GLP_OPT)
		*status = IP_OPTIMAL;
	if (bound) {
		if (*status == IP_OPTIMAL && o->mip_gap == 0)
			*bound = glp_mip_obj_val(P);
		else
			*bound = glp_get_obj_val(P); /* root LP bound */
	}
out:
	return rc;
}

static int guarded(glp_prob *P, const ip_opts_t *use, ip_status_t *status,
		   double *bound, sr_error_t *err)
{
	if (bound)
		*bound = NAN;
	*status = IP_NOSOLUTION;
	glp_term_hook(term_hook, NULL);
	glp_prob *volatile vp = P;
	sr_error_t *volatile verr = err;
	jmp_buf jb;
	jmp_buf *volatile saved = tls_jmp;
	if (setjmp(jb)) {
		tls_jmp = saved;
		tls_dead = vp;
		return sr_error_set(verr, SR_ESOLVER, NULL, 0, "GLPK failed (see the log)");
	}
	tls_jmp = &jb;
	glp_error_hook(error_hook, NULL);
	int rc = solve_inner(P, use, status, bound, err);
	tls_jmp = saved;
	return rc;
}

void ip_free_prob(glp_prob *P)
{
	if (!P)
		return;
	if (P == tls_dead) {
		tls_dead = NULL;
		return;
	}
	glp_delete_prob(P);
}

int ip_solve(glp_prob *P, const ip_opts_t *o, ip_status_t *status, double *bound,
	     sr_error_t *err)
{
	ip_opts_t def;
	if (!o) {
		ip_opts_init(&def);
		o = &def;
	}
	return guarded(P, o, status, bound, err);
}
