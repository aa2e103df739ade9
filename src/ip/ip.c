/* ip.c - the one door to GLPK (see ip.h): a thin model builder, the solve,
 * and the branch-and-cut callback's few operations.
 *
 * GLPK reports misuse and internal failures by printing and aborting. Its
 * manual's remedy is followed here: a glp_error_hook that frees the GLPK
 * environment of the thread and longjmps back to the door. Every call that
 * reaches GLPK runs under such a guard (one setjmp per call; inside a solve
 * the solve's own guard serves, as the callback runs within it). Freeing
 * the environment frees every GLPK object of the thread, so a per-thread
 * generation number marks the models made before it as lost. The builder
 * checks indices, counts and bounds itself first, so that wrong input is an
 * SR_EINPUT with a message instead of a GLPK error. GLPK's terminal output
 * goes to our log through glp_term_hook, never to stdout (stdout carries
 * results, e.g. --json). The callback pattern (lazy rows at GLP_IROWGEN,
 * the rounding heuristic off) follows GLPK's examples/tsp. */
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ip/ip.h"
#include "util/i18n.h"

struct ip_model {
	glp_prob *P;
	const unsigned long *owner; /* &tls_gen of the thread that made it */
	unsigned long gen;	    /* tls_gen when made */
	int in_solve;
	ip_tree_t *tree; /* set while the callback runs */
	int *ibuf;	 /* 1-based scratch for GLPK's arrays */
	double *vbuf;
	size_t cap;
	char *seen; /* duplicate check, one flag per row/column */
	size_t seen_cap;
	long root_end;		    /* simplex iterations when the last root LP ended */
	int sift_rounds, sift_cols; /* the last solve's sifting (ip_sift_stats) */
	double root_obj;	    /* the last root LP's optimum, or NAN */
	sr_error_t err;		    /* the first recorded error */
};

struct ip_tree {
	glp_tree *T;
	ip_model_t *m;
};

static _Thread_local jmp_buf *tls_jmp;
static _Thread_local unsigned long tls_gen;

struct cb_wrap {
	const ip_opts_t *o;
	ip_model_t *m;
	int warm_done;
	long nodes; /* subproblems selected, for o->max_nodes */
	/* for o->max_stall_nodes: the node count when the incumbent last
	 * became better, and its objective then (have: there was one) */
	long better_at;
	int have;
	double best;
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
	tls_gen++; /* every model of this thread is gone with the environment */
	glp_free_env();
	if (j)
		longjmp(*j, 1);
	abort();
}

static void install_hooks(void)
{
	glp_term_hook(term_hook, NULL);
	glp_error_hook(error_hook, NULL);
}

/* ---------------------------------------------------------------- errors */

static int live(const ip_model_t *m)
{
	return m && m->owner == &tls_gen && m->gen == tls_gen;
}

/* Records the first error of m (later ones are consequences); inside a
 * callback it also ends the search. Returns -1. */
static int fail(ip_model_t *m, int code, const char *fmt, ...)
{
	if (m->err.code == SR_OK) {
		char msg[sizeof(m->err.msg)];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
		sr_error_set(&m->err, code, NULL, 0, "%s", msg);
	}
	if (m->tree && live(m))
		glp_ios_terminate(m->tree->T);
	return -1;
}

/* The state check every call starts with: the model exists, is alive on
 * this thread, and (outside IP_CB_ROWGEN row adds) is not being solved. */
static int usable(ip_model_t *m, const char *what, int in_tree_ok)
{
	if (!m)
		return 0;
	if (m->owner != &tls_gen) {
		fail(m, SR_ESOLVER, "%s: model used from another thread", what);
		return 0;
	}
	if (m->gen != tls_gen) {
		fail(m, SR_ESOLVER, "%s: model lost to an earlier GLPK error", what);
		return 0;
	}
	if (m->in_solve && !in_tree_ok) {
		fail(m, SR_EINPUT, "%s: not allowed while the model is being solved", what);
		return 0;
	}
	return 1;
}

/* Runs the GLPK calls in BODY under an error guard: a GLPK error records
 * SR_ESOLVER in m and makes the function return FAILV. Inside a solve the
 * solve's guard catches it instead. */
#define GUARDED(m, FAILV, BODY)                                                      \
	do {                                                                         \
		jmp_buf jb_;                                                         \
		int outer_ = tls_jmp == NULL;                                        \
		if (outer_) {                                                        \
			if (setjmp(jb_)) {                                           \
				tls_jmp = NULL;                                      \
				fail(m, SR_ESOLVER,                                  \
				     _("GLPK failed while building (see the log)")); \
				return FAILV;                                        \
			}                                                            \
			tls_jmp = &jb_;                                              \
		}                                                                    \
		BODY;                                                                \
		if (outer_)                                                          \
			tls_jmp = NULL;                                              \
	} while (0)

static int check_bnds(ip_model_t *m, const char *what, int k, double lo, double hi)
{
	if (isnan(lo) || isnan(hi) || lo == INFINITY || hi == -INFINITY || lo > hi)
		return fail(m, SR_EINPUT, "%s %d: bad bounds %g..%g", what, k, lo, hi);
	return 0;
}

/* GLPK's bound type for lo..hi (checked). */
static int bnd_type(double lo, double hi)
{
	if (isinf(lo) && isinf(hi))
		return GLP_FR;
	if (isinf(hi))
		return GLP_LO;
	if (isinf(lo))
		return GLP_UP;
	return lo == hi ? GLP_FX : GLP_DB;
}

static double fin(double v)
{
	return isinf(v) ? 0 : v;
}

/* Checks a sparse vector against n_max existing indices (distinct, in
 * 1..n_max, finite values) and copies it into m's 1-based buffers. */
static int load_vec(ip_model_t *m, const char *what, int nnz, const int *idx, const double *val,
		    int n_max)
{
	if (nnz < 0 || (nnz > 0 && (!idx || !val)))
		return fail(m, SR_EINPUT, "%s: bad vector (%d entries)", what, nnz);
	if ((size_t)nnz + 1 > m->cap) {
		m->cap = (size_t)nnz + 1 > 2 * m->cap ? (size_t)nnz + 1 : 2 * m->cap;
		m->ibuf = xreallocarray(m->ibuf, m->cap, sizeof(int));
		m->vbuf = xreallocarray(m->vbuf, m->cap, sizeof(double));
	}
	if ((size_t)n_max + 1 > m->seen_cap) {
		size_t c =
			(size_t)n_max + 1 > 2 * m->seen_cap ? (size_t)n_max + 1 : 2 * m->seen_cap;
		free(m->seen);
		m->seen = xcalloc(c, 1);
		m->seen_cap = c;
	}
	int bad = 0;
	for (int k = 0; k < nnz && !bad; k++) {
		if (idx[k] < 1 || idx[k] > n_max)
			bad = fail(m, SR_EINPUT, "%s: index %d out of range 1..%d", what, idx[k],
				   n_max);
		else if (m->seen[idx[k]])
			bad = fail(m, SR_EINPUT, "%s: index %d given twice", what, idx[k]);
		else if (!isfinite(val[k]))
			bad = fail(m, SR_EINPUT, "%s: coefficient of %d is not finite", what,
				   idx[k]);
		else
			m->seen[idx[k]] = 1;
	}
	for (int k = 0; k < nnz; k++) {
		if (idx[k] >= 1 && idx[k] <= n_max)
			m->seen[idx[k]] = 0;
		m->ibuf[k + 1] = idx[k];
		m->vbuf[k + 1] = val[k];
	}
	return bad;
}

static int col_ok(ip_model_t *m, const char *what, int j)
{
	int n = glp_get_num_cols(m->P);
	if (j < 1 || j > n)
		return fail(m, SR_EINPUT, "%s: column %d out of range 1..%d", what, j, n) + 1;
	return 1;
}

static int glp_kind(ip_kind_t k)
{
	return k == IP_BIN ? GLP_BV : k == IP_INT ? GLP_IV : GLP_CV;
}

/* -------------------------------------------------------------- building */

ip_model_t *ip_model_new(ip_sense_t sense)
{
	ip_model_t *m = xcalloc(1, sizeof(*m));
	m->root_obj = NAN;
	m->owner = &tls_gen;
	m->gen = tls_gen;
	sr_error_clear(&m->err);
	GUARDED(m, m, {
		install_hooks();
		m->P = glp_create_prob();
		glp_set_obj_dir(m->P, sense == IP_MAX ? GLP_MAX : GLP_MIN);
	});
	return m;
}

void ip_model_free(ip_model_t *m)
{
	if (!m)
		return;
	if (live(m) && m->P && !m->in_solve)
		glp_delete_prob(m->P);
	free(m->ibuf);
	free(m->vbuf);
	free(m->seen);
	free(m);
}

int ip_model_error(const ip_model_t *m, sr_error_t *err)
{
	if (!m)
		return sr_error_set(err, SR_EINPUT, NULL, 0, "no model");
	if (m->err.code == SR_OK)
		return SR_OK;
	if (err)
		*err = m->err;
	return m->err.code;
}

/* Sets kind, bounds and objective of the new columns first..first+n-1. */
static void init_cols(ip_model_t *m, int first, int n, ip_kind_t kind, double lo, double hi,
		      double obj)
{
	for (int j = first; j < first + n; j++) {
		if (kind != IP_CONT)
			glp_set_col_kind(m->P, j, glp_kind(kind));
		if (kind != IP_BIN && !(lo == 0 && hi == 0)) /* GLPK's default */
			glp_set_col_bnds(m->P, j, bnd_type(lo, hi), fin(lo), fin(hi));
		if (obj != 0)
			glp_set_obj_coef(m->P, j, obj);
	}
}

int ip_add_cols(ip_model_t *m, int n, ip_kind_t kind, double lo, double hi, double obj)
{
	if (!usable(m, "ip_add_cols", 0))
		return 0;
	if (n < 0 || !isfinite(obj) || kind < IP_CONT || kind > IP_BIN)
		return fail(m, SR_EINPUT, "ip_add_cols: bad count %d, kind or objective", n) + 1;
	if (kind != IP_BIN && check_bnds(m, "column", glp_get_num_cols(m->P) + 1, lo, hi))
		return 0;
	int first = glp_get_num_cols(m->P) + 1;
	if (n == 0)
		return first;
	GUARDED(m, 0, {
		glp_add_cols(m->P, n);
		init_cols(m, first, n, kind, lo, hi, obj);
	});
	return first;
}

int ip_add_col(ip_model_t *m, ip_kind_t kind, double lo, double hi, double obj, int nnz,
	       const int *idx, const double *val)
{
	if (!usable(m, "ip_add_col", 0))
		return 0;
	int j = glp_get_num_cols(m->P) + 1;
	if (!isfinite(obj) || kind < IP_CONT || kind > IP_BIN)
		return fail(m, SR_EINPUT, "ip_add_col: bad kind or objective") + 1;
	if ((kind != IP_BIN && check_bnds(m, "column", j, lo, hi)) ||
	    load_vec(m, "ip_add_col", nnz, idx, val, glp_get_num_rows(m->P)))
		return 0;
	GUARDED(m, 0, {
		glp_add_cols(m->P, 1);
		init_cols(m, j, 1, kind, lo, hi, obj);
		glp_set_mat_col(m->P, j, nnz, m->ibuf, m->vbuf);
	});
	return j;
}

int ip_add_rows(ip_model_t *m, int n, double lo, double hi)
{
	if (!usable(m, "ip_add_rows", 0))
		return 0;
	int first = glp_get_num_rows(m->P) + 1;
	if (n < 0)
		return fail(m, SR_EINPUT, "ip_add_rows: bad count %d", n) + 1;
	if (check_bnds(m, "row", first, lo, hi))
		return 0;
	if (n == 0)
		return first;
	GUARDED(m, 0, {
		glp_add_rows(m->P, n);
		if (bnd_type(lo, hi) != GLP_FR)
			for (int i = first; i < first + n; i++)
				glp_set_row_bnds(m->P, i, bnd_type(lo, hi), fin(lo), fin(hi));
	});
	return first;
}

int ip_add_row(ip_model_t *m, int nnz, const int *idx, const double *val, double lo, double hi)
{
	if (!usable(m, "ip_add_row", 1))
		return 0;
	if (m->in_solve && (!m->tree || glp_ios_reason(m->tree->T) != GLP_IROWGEN))
		return fail(m, SR_EINPUT, "ip_add_row: during a solve only at IP_CB_ROWGEN") + 1;
	int i = glp_get_num_rows(m->P) + 1;
	if (check_bnds(m, "row", i, lo, hi) ||
	    load_vec(m, "ip_add_row", nnz, idx, val, glp_get_num_cols(m->P)))
		return 0;
	GUARDED(m, 0, {
		glp_add_rows(m->P, 1);
		glp_set_row_bnds(m->P, i, bnd_type(lo, hi), fin(lo), fin(hi));
		glp_set_mat_row(m->P, i, nnz, m->ibuf, m->vbuf);
	});
	return i;
}

int ip_set_col_bnds(ip_model_t *m, int j, double lo, double hi)
{
	if (!usable(m, "ip_set_col_bnds", 0) || !col_ok(m, "ip_set_col_bnds", j) ||
	    check_bnds(m, "column", j, lo, hi))
		return -1;
	GUARDED(m, -1, glp_set_col_bnds(m->P, j, bnd_type(lo, hi), fin(lo), fin(hi)));
	return SR_OK;
}

int ip_set_obj(ip_model_t *m, int j, double c)
{
	if (!usable(m, "ip_set_obj", 0) || !col_ok(m, "ip_set_obj", j))
		return -1;
	if (!isfinite(c))
		return fail(m, SR_EINPUT, "ip_set_obj: column %d: objective not finite", j);
	GUARDED(m, -1, glp_set_obj_coef(m->P, j, c));
	return SR_OK;
}

int ip_set_kind(ip_model_t *m, int j, ip_kind_t kind)
{
	if (!usable(m, "ip_set_kind", 0) || !col_ok(m, "ip_set_kind", j))
		return -1;
	if (kind < IP_CONT || kind > IP_BIN)
		return fail(m, SR_EINPUT, "ip_set_kind: column %d: bad kind %d", j, (int)kind);
	GUARDED(m, -1, glp_set_col_kind(m->P, j, glp_kind(kind)));
	return SR_OK;
}

int ip_del_cols(ip_model_t *m, int n, const int *idx)
{
	if (!usable(m, "ip_del_cols", 0))
		return -1;
	if (n == 0)
		return SR_OK;
	/* the values are not used; load_vec checks range and distinctness */
	double *ones = xmalloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
	for (int k = 0; k < n; k++)
		ones[k] = 1;
	int bad = load_vec(m, "ip_del_cols", n, idx, ones, glp_get_num_cols(m->P));
	free(ones);
	if (bad)
		return -1;
	GUARDED(m, -1, glp_del_cols(m->P, n, m->ibuf));
	return SR_OK;
}

int ip_crash_basis(ip_model_t *m)
{
	if (!usable(m, "ip_crash_basis", 0))
		return -1;
	GUARDED(m, -1, {
		int was = glp_term_out(GLP_OFF); /* it prints; stdout carries results */
		glp_adv_basis(m->P, 0);
		glp_term_out(was);
	});
	return SR_OK;
}

int ip_basis_get(const ip_model_t *m, ip_basis_t *b)
{
	if (!live(m))
		return -1;
	int nr = glp_get_num_rows(m->P), nc = glp_get_num_cols(m->P);
	if (nr + nc > b->n_rows + b->n_cols || !b->stat)
		b->stat = xreallocarray(b->stat, (size_t)(nr + nc) + 1, 1);
	b->n_rows = nr;
	b->n_cols = nc;
	for (int i = 1; i <= nr; i++)
		b->stat[i - 1] = (unsigned char)glp_get_row_stat(m->P, i);
	for (int j = 1; j <= nc; j++)
		b->stat[nr + j - 1] = (unsigned char)glp_get_col_stat(m->P, j);
	return SR_OK;
}

int ip_basis_set(ip_model_t *m, const ip_basis_t *b)
{
	if (!usable(m, "ip_basis_set", 0) || !b->stat || b->n_rows != glp_get_num_rows(m->P) ||
	    b->n_cols != glp_get_num_cols(m->P))
		return 0;
	int ok = 0, nr = b->n_rows;
	GUARDED(m, 0, {
		for (int i = 1; i <= nr; i++)
			glp_set_row_stat(m->P, i, b->stat[i - 1]);
		for (int j = 1; j <= b->n_cols; j++)
			glp_set_col_stat(m->P, j, b->stat[nr + j - 1]);
		ok = glp_factorize(m->P) == 0;
	});
	return ok;
}

void ip_basis_clear(ip_basis_t *b)
{
	free(b->stat);
	memset(b, 0, sizeof(*b));
}

int ip_num_rows(const ip_model_t *m)
{
	return live(m) ? glp_get_num_rows(m->P) : 0;
}

int ip_num_cols(const ip_model_t *m)
{
	return live(m) ? glp_get_num_cols(m->P) : 0;
}

static int col_in(const ip_model_t *m, int j)
{
	return live(m) && j >= 1 && j <= glp_get_num_cols(m->P);
}

double ip_get_obj(const ip_model_t *m, int j)
{
	return col_in(m, j) ? glp_get_obj_coef(m->P, j) : NAN;
}

/* ---------------------------------------------------------------- values */

double ip_lp_val(const ip_model_t *m, int j)
{
	return col_in(m, j) ? glp_get_col_prim(m->P, j) : NAN;
}

double ip_lp_redcost(const ip_model_t *m, int j)
{
	return col_in(m, j) ? glp_get_col_dual(m->P, j) : NAN;
}

double ip_lp_obj(const ip_model_t *m)
{
	return live(m) ? glp_get_obj_val(m->P) : NAN;
}

int ip_lp_optimal(const ip_model_t *m)
{
	return live(m) && glp_get_status(m->P) == GLP_OPT;
}

double ip_mip_val(const ip_model_t *m, int j)
{
	return col_in(m, j) ? glp_mip_col_val(m->P, j) : NAN;
}

double ip_mip_obj(const ip_model_t *m)
{
	return live(m) ? glp_mip_obj_val(m->P) : NAN;
}

int ip_mip_has(const ip_model_t *m)
{
	if (!live(m))
		return 0;
	int s = glp_mip_status(m->P);
	return s == GLP_FEAS || s == GLP_OPT;
}

long ip_simplex_iters(const ip_model_t *m)
{
	return live(m) ? glp_get_it_cnt(m->P) : 0;
}

long ip_tree_iters(const ip_model_t *m)
{
	return live(m) ? glp_get_it_cnt(m->P) - m->root_end : 0;
}

double ip_root_obj(const ip_model_t *m)
{
	return live(m) ? m->root_obj : NAN;
}

void ip_sift_stats(const ip_model_t *m, int *rounds, int *cols)
{
	*rounds = m ? m->sift_rounds : 0;
	*cols = m ? m->sift_cols : 0;
}

void ip_thread_done(void)
{
	tls_gen++;
	glp_free_env();
}

/* ---------------------------------------------------------------- solving */

void ip_opts_init(ip_opts_t *o)
{
	memset(o, 0, sizeof(*o));
	o->time_limit_s = 60;
	o->mip_gap = 0;
}

/* Whether the search has selected more than o->max_stall_nodes
 * subproblems since the incumbent last became better (never while it has
 * none); called at each selection. The incumbent is read from the model,
 * where GLPK keeps it during the search, whoever found it (a node's LP,
 * a heuristic, the warm start). */
static int stalled(struct cb_wrap *w)
{
	glp_prob *P = w->m->P;
	int st = glp_mip_status(P);
	if (st == GLP_OPT || st == GLP_FEAS) {
		double z = glp_mip_obj_val(P);
		double eps = 1e-9 * (1 + fabs(z));
		int dir = glp_get_obj_dir(P) == GLP_MIN ? 1 : -1;
		if (!w->have || dir * (w->best - z) > eps) {
			w->have = 1;
			w->best = z;
			w->better_at = w->nodes;
		}
	}
	return w->have && w->nodes - w->better_at > w->o->max_stall_nodes;
}

static void cb_dispatch(glp_tree *T, void *info)
{
	struct cb_wrap *w = info;
	if (glp_ios_reason(T) == GLP_IHEUR && w->o->warm_start && !w->warm_done) {
		w->warm_done = 1;
		glp_ios_heur_sol(T, w->o->warm_start);
	}
	long it = glp_get_it_cnt(w->m->P);
	int select = glp_ios_reason(T) == GLP_ISELECT;
	w->nodes += select;
	int spent = (w->o->max_nodes > 0 && select && w->nodes > w->o->max_nodes) ||
		    (w->o->max_stall_nodes > 0 && select && stalled(w)) ||
		    (w->o->max_simplex > 0 && it > w->o->max_simplex) ||
		    (w->o->max_tree_simplex > 0 && it - w->m->root_end > w->o->max_tree_simplex);
	if (spent && (!w->o->warm_start || w->warm_done)) {
		glp_ios_terminate(T);
		return;
	}
	if (w->o->cb_func) {
		ip_tree_t t = {T, w->m};
		w->m->tree = &t;
		w->o->cb_func(&t, w->o->cb_info);
		w->m->tree = NULL;
	}
}

static int limit_ms(double s)
{
	if (!(s > 0))
		return 1;
	double ms = s * 1000.0;
	return ms > 2e9 ? 2000000000 : (int)ms + 1;
}

/* One primal simplex of the root LP within what is left of the solve's
 * time (deadline) and of o->lp_iter_limit since it0 iterations. */
static int run_simplex(glp_prob *P, const ip_opts_t *o, double deadline, long it0)
{
	glp_smcp sm;
	glp_init_smcp(&sm);
	sm.msg_lev = o->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
	sm.tm_lim = limit_ms(o->time_limit_s > 0 ? deadline - sr_now() : 0);
	sm.presolve = GLP_OFF;
	if (o->lp_iter_limit > 0) {
		long left = o->lp_iter_limit - (glp_get_it_cnt(P) - it0);
		sm.it_lim = left <= 0 ? 0 : left < INT_MAX ? (int)left : INT_MAX;
	}
	return glp_simplex(P, &sm);
}

/* Rounds of the sifting that may also hold again the columns that price
 * badly; later rounds only let columns go, so the sifting ends (every
 * round lets at least one go). A count, not a clock. */
#define IP_SIFT_DROP_ROUNDS 50

/* A column held at 0 by the sifting, with its own bounds. */
typedef struct held_col {
	int j, type;
	double ub, d; /* d: its reduced cost, towards a better objective */
} held_col_t;

/* The sifting's state: the held columns h[0..k), a flag per column. */
typedef struct sift_state {
	held_col_t *h;
	int k;
	char *held;
} sift_state_t;

static int held_cmp(const void *a, const void *b)
{
	const held_col_t *x = a, *y = b;
	if (x->d != y->d)
		return x->d < y->d ? -1 : 1;
	return (x->j > y->j) - (x->j < y->j);
}

/* GLPK's own test of a column that may enter the basis (spxprim.c: the
 * reduced cost beyond 1e-7 plus 1e-9 of the objective coefficient). */
static double dj_tol(glp_prob *P, int j)
{
	return 1e-7 + 1e-9 * fabs(glp_get_obj_coef(P, j));
}

/* Holds column j at 0 when it may be held: not basic, lower bound 0. */
static void sift_hold(ip_model_t *m, sift_state_t *s, int j)
{
	glp_prob *P = m->P;
	int type = glp_get_col_type(P, j);
	if (s->held[j] || glp_get_col_stat(P, j) != GLP_NL || glp_get_col_lb(P, j) != 0 ||
	    (type != GLP_LO && type != GLP_DB))
		return;
	s->h[s->k++] = (held_col_t){j, type, glp_get_col_ub(P, j), 0};
	s->held[j] = 1;
	glp_set_col_bnds(P, j, GLP_FX, 0, 0);
	m->sift_cols--;
}

/* Lets the first `out` held columns go (their own bounds back). */
static void sift_release(ip_model_t *m, sift_state_t *s, int out)
{
	for (int q = 0; q < out; q++) {
		glp_set_col_bnds(m->P, s->h[q].j, s->h[q].type, 0, s->h[q].ub);
		s->held[s->h[q].j] = 0;
	}
	memmove(s->h, s->h + out, sizeof(held_col_t) * (size_t)(s->k - out));
	s->k -= out;
	m->sift_cols += out;
}

/* Prices the held columns with the last LP's duals (GLPK gives the
 * reduced costs of the columns its simplex left out) and lets go of the
 * at most `add` that price out, the most negative first (ties: the lower
 * number); with drop, then holds the columns at 0 that price badly.
 * Returns how many it let go (0: the restricted optimum is the LP's). */
static int sift_price(ip_model_t *m, sift_state_t *s, int add, int drop)
{
	glp_prob *P = m->P;
	double dir = glp_get_obj_dir(P) == GLP_MIN ? 1 : -1;
	int out = 0, n = glp_get_num_cols(P);
	for (int q = 0; q < s->k; q++) {
		int j = s->h[q].j;
		s->h[q].d = dir * glp_get_col_dual(P, j);
		if (s->h[q].d < -dj_tol(P, j))
			out++;
		else
			s->h[q].d = 0;
	}
	if (!out)
		return 0;
	qsort(s->h, (size_t)s->k, sizeof(held_col_t), held_cmp); /* the priced out first */
	out = out < add ? out : add;
	sift_release(m, s, out);
	for (int j = 1; j <= n && drop; j++)
		if (dir * glp_get_col_dual(P, j) > dj_tol(P, j))
			sift_hold(m, s, j);
	return out;
}

/* Sifting (Bixby, Gregory, Lustig, Marsten & Shanno, "Very large-scale
 * linear programming: a case study in combining interior point and
 * simplex methods", Oper. Res. 40(5), 1992; the column generation of
 * Desrosiers & Lübbecke, "A primer in column generation", 2005, with the
 * model's own columns as the pricing problem; learned from there, no code
 * taken): the root LP over the columns of o->sift, the held ones priced
 * and the best joining, those that price badly held again (the working
 * set stays near the basis' size, as sifting keeps it), until none
 * prices out. Every held column is let go at the end; the caller's
 * simplex then proves the whole LP optimal from this basis. */
static void sift_lp(ip_model_t *m, const ip_opts_t *o, double deadline, long it0)
{
	glp_prob *P = m->P;
	int n = glp_get_num_cols(P);
	int add = o->sift_add > 0 ? o->sift_add : glp_get_num_rows(P);
	sift_state_t s = {xmalloc(sizeof(held_col_t) * ((size_t)n + 1)), 0,
			  xcalloc((size_t)n + 1, 1)};
	for (int j = 1; j <= n; j++)
		if (!o->sift[j])
			sift_hold(m, &s, j);
	while (s.k > 0) {
		int r = run_simplex(P, o, deadline, it0);
		if (r != 0 || glp_get_status(P) != GLP_OPT)
			break;
		m->sift_rounds++;
		if (!sift_price(m, &s, add, m->sift_rounds <= IP_SIFT_DROP_ROUNDS))
			break;
	}
	int last = m->sift_cols;
	sift_release(m, &s, s.k);
	m->sift_cols = last;
	free(s.h);
	free(s.held);
}

/* The root LP; returns 1 when the MIP should follow. */
static int solve_lp(ip_model_t *m, const ip_opts_t *o, double deadline, ip_status_t *status,
		    double *bound, int *rc, sr_error_t *err)
{
	glp_prob *P = m->P;
	long it0 = glp_get_it_cnt(P);
	m->sift_rounds = 0;
	m->sift_cols = glp_get_num_cols(P);
	if (o->sift && glp_get_num_rows(P) > 0)
		sift_lp(m, o, deadline, it0);
	int r = run_simplex(P, o, deadline, it0);
	if (r == GLP_ETMLIM || r == GLP_EITLIM) {
		*status = IP_NOSOLUTION;
		return 0;
	}
	if (r != 0 && r != GLP_ENOPFS && r != GLP_ENODFS) {
		*rc = sr_error_set(err, SR_ESOLVER, NULL, 0, _("GLPK simplex failed (code %d)"), r);
		return 0;
	}
	int st = glp_get_status(P);
	if (st == GLP_NOFEAS || r == GLP_ENOPFS)
		*status = IP_INFEASIBLE;
	else if (st == GLP_UNBND || r == GLP_ENODFS)
		*status = IP_UNBOUNDED;
	else if (st != GLP_OPT)
		*status = IP_NOSOLUTION;
	else if (glp_get_num_int(P) == 0) {
		*status = IP_OPTIMAL;
		if (bound)
			*bound = glp_get_obj_val(P);
	} else
		return 1;
	return 0;
}

static int solve_mip(ip_model_t *m, const ip_opts_t *o, double deadline, ip_status_t *status,
		     double *bound, sr_error_t *err)
{
	glp_prob *P = m->P;
	glp_iocp io;
	glp_init_iocp(&io);
	io.msg_lev = o->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
	io.presolve = GLP_OFF; /* the LP is already solved */
	double left = deadline - sr_now();
	io.tm_lim = limit_ms(left > 0.001 ? left : 0.001);
	io.mip_gap = o->mip_gap;
	if (o->use_cuts) {
		io.gmi_cuts = GLP_ON;
		io.mir_cuts = GLP_ON;
		io.cov_cuts = GLP_ON;
		io.clq_cuts = GLP_ON;
	}
	static const int br[] = {GLP_BR_DTH, GLP_BR_LFV, GLP_BR_FFV, GLP_BR_MFV};
	io.br_tech = br[o->branch >= IP_BRANCH_DTH && o->branch <= IP_BRANCH_MFV ? o->branch : 0];
	struct cb_wrap w = {.o = o, .m = m};
	if (o->cb_func || o->warm_start || o->max_nodes > 0 || o->max_simplex > 0 ||
	    o->max_tree_simplex > 0 || o->max_stall_nodes > 0) {
		io.cb_func = cb_dispatch;
		io.cb_info = &w;
	}
	/* With lazy rows (GLP_IROWGEN), GLPK's simple rounding heuristic can
	 * record an incumbent that violates cuts not yet generated; GLPK's own
	 * TSP example turns it off for the same reason. */
	if (o->cb_func)
		io.sr_heur = GLP_OFF;
	int r = glp_intopt(P, &io);
	int ms = glp_mip_status(P);
	if (r != 0 && r != GLP_ETMLIM && r != GLP_EMIPGAP && r != GLP_ENOPFS && r != GLP_ENODFS &&
	    r != GLP_ESTOP)
		return sr_error_set(err, SR_ESOLVER, NULL, 0,
				    _("GLPK branch-and-cut failed (code %d)"), r);
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
	return SR_OK;
}

static int solve_inner(ip_model_t *m, const ip_opts_t *o, ip_status_t *status, double *bound,
		       sr_error_t *err)
{
	double deadline = sr_now() + (o->time_limit_s > 0 ? o->time_limit_s : 1e9);
	int rc = SR_OK, mip = solve_lp(m, o, deadline, status, bound, &rc, err);
	m->root_end = glp_get_it_cnt(m->P);
	m->root_obj = glp_get_status(m->P) == GLP_OPT ? glp_get_obj_val(m->P) : NAN;
	if (o->root_basis && glp_get_status(m->P) == GLP_OPT)
		ip_basis_get(m, o->root_basis);
	if (mip)
		rc = solve_mip(m, o, deadline, status, bound, err);
	return rc;
}

static int guarded(ip_model_t *m, const ip_opts_t *o, ip_status_t *status, double *bound,
		   sr_error_t *err)
{
	install_hooks();
	ip_model_t *volatile vm = m;
	sr_error_t *volatile verr = err;
	jmp_buf jb;
	jmp_buf *volatile saved = tls_jmp;
	if (setjmp(jb)) {
		tls_jmp = saved;
		vm->in_solve = 0;
		vm->tree = NULL;
		fail(vm, SR_ESOLVER, _("GLPK failed (see the log)"));
		return ip_model_error(vm, verr);
	}
	tls_jmp = &jb;
	m->in_solve = 1;
	int rc = solve_inner(m, o, status, bound, err);
	m->in_solve = 0;
	tls_jmp = saved;
	if (rc == SR_OK && m->err.code != SR_OK) /* from the callback */
		rc = ip_model_error(m, err);
	return rc;
}

int ip_solve(ip_model_t *m, const ip_opts_t *o, ip_status_t *status, double *bound, sr_error_t *err)
{
	ip_opts_t def;
	if (!o) {
		ip_opts_init(&def);
		o = &def;
	}
	if (bound)
		*bound = NAN;
	*status = IP_NOSOLUTION;
	if (!m)
		return sr_error_set(err, SR_EINPUT, NULL, 0, "ip_solve: no model");
	if (!usable(m, "ip_solve", 0) || m->err.code != SR_OK)
		return ip_model_error(m, err);
	if (tls_jmp) { /* a GLPK error would unwind into the outer solve's GLPK */
		fail(m, SR_EINPUT, "ip_solve: not from inside a branch-and-cut callback");
		return ip_model_error(m, err);
	}
	return guarded(m, o, status, bound, err);
}

/* --------------------------------------------------------------- callback */

ip_reason_t ip_tree_reason(ip_tree_t *t)
{
	switch (glp_ios_reason(t->T)) {
	case GLP_ISELECT:
		return IP_CB_SELECT;
	case GLP_IROWGEN:
		return IP_CB_ROWGEN;
	case GLP_IHEUR:
		return IP_CB_HEUR;
	case GLP_IBRANCH:
		return IP_CB_BRANCH;
	default:
		return IP_CB_OTHER;
	}
}

ip_model_t *ip_tree_model(ip_tree_t *t)
{
	return t->m;
}

int ip_tree_heur_sol(ip_tree_t *t, const double *x)
{
	if (!x)
		return fail(t->m, SR_EINPUT, "ip_tree_heur_sol: no solution");
	return glp_ios_heur_sol(t->T, x) == 0 ? 0 : 1;
}

double ip_tree_bound(ip_tree_t *t)
{
	int p = glp_ios_best_node(t->T);
	return p ? glp_ios_node_bound(t->T, p) : -INFINITY;
}

int ip_tree_can_branch(ip_tree_t *t, int j)
{
	if (glp_ios_reason(t->T) != GLP_IBRANCH || !col_in(t->m, j))
		return 0;
	return glp_ios_can_branch(t->T, j);
}

int ip_tree_branch(ip_tree_t *t, int j)
{
	if (!ip_tree_can_branch(t, j))
		return fail(t->m, SR_EINPUT, "ip_tree_branch: cannot branch on column %d here", j);
	glp_ios_branch_upon(t->T, j, GLP_NO_BRNCH);
	return SR_OK;
}

void ip_tree_stop(ip_tree_t *t)
{
	glp_ios_terminate(t->T);
}
