/* sbrp.c - solves a school bus routing benchmark instance (see sbrp.h):
 * route scenarios per school (sbrp_route.c, both cores, deterministic),
 * then one GLPK MIP that picks a scenario per school and chains the chosen
 * runs into buses, then chain_solve() on the chosen runs for the duties
 * (fewest buses, then fewest deadhead feet).
 *
 * The selection MIP follows BiRD's (Bertsimas, Delarue & Martin, PNAS 2019)
 * and aggregates the chaining flow the way time-space networks do (Kliewer,
 * Mellouli & Suhl 2006): every run of school t ends at school t at its bell,
 * so the buses leaving t are interchangeable and one node per school
 * suffices. Variables: y_sk (scenario k of school s), z_tr (a bus leaves
 * school t for run r; only when bell_t + drive(t, first stop of r) <=
 * start_r, runs timed as late as the bell allows). Rows: one scenario per
 * school; sum_t z_tr <= y_{s(r)k(r)}; sum_r z_tr <= sum_k runs_tk y_tk.
 * Buses = sum runs_sk y_sk - sum z. With y fixed the rest is a network
 * flow, so z can stay continuous. The LP relaxation bounds the buses that
 * the scenario pool allows. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/chain.h"
#include "schoolrun/io.h"
#include "ip/ip.h"
#include "schoolrun/sbrp.h"
#include "util/i18n.h"

void sbrp_opts_init(sbrp_opts_t *o)
{
	memset(o, 0, sizeof(*o));
	o->max_ride_s = 0;
	o->time_limit_s = 60;
	o->seed = 1;
	o->threads = 0;
}

void sbrp_solution_free(sbrp_solution_t *sol)
{
	if (!sol)
		return;
	for (int i = 0; i < sol->n_runs; i++)
		free(sol->runs[i].stops);
	free(sol->runs);
	free(sol->bus_first);
	free(sol->bus_runs);
	memset(sol, 0, sizeof(*sol));
}

/* ---- pool generation on several threads ---- */
typedef struct pool_job {
	const sbrp_instance_t *inst;
	double ride;
	uint64_t seed;
	long budget;
	sbrp_scenario_t **sc; /* per school */
	int *n_sc;
	int *rc;
	sr_error_t *errs;
} pool_job_t;

#define SBRP_MAX_DMAX 22
#define SBRP_EVALS_PER_S 2.5e7
/* GLPK's work a second on one core (measured on RSRB06's mixed MIP, 41,600
 * rows and columns: about 5 nodes and 130 simplex iterations a second),
 * as nodes (or iterations) times the model's rows and columns */
#define SBRP_NODE_WORK_PER_S 3e5
#define SBRP_SIMPLEX_WORK_PER_S 2e7
#define SBRP_Z_MAX 80000
#define SBRP_Z_KEEP 12

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Run-length limits for school s: no limit; then the time between each
 * earlier bell and this school's drop-off, less a drive of 5 or 15
 * minutes (so a bus freed there can make the run); then fractions of the
 * ride limit. Sorted, near-equal values merged, at most SBRP_MAX_DMAX. */
static int school_dmax_list(const sbrp_instance_t *in, int s, double ride, double *out)
{
	double cand[1024];
	int n = 0;
	double drop = in->schools[s].bell_s - SBRP_SCHOOL_DWELL_S;
	for (int t = 0; t < in->n_schools && n < 1000; t++) {
		double gap = drop - in->schools[t].bell_s;
		static const double lead[] = {0.0, 300.0, 600.0, 900.0, 1500.0};
		for (int k = 0; k < 5; k++) {
			double d = gap - lead[k];
			if (d > 120 && d < ride)
				cand[n++] = d;
		}
	}
	cand[n++] = 0.75 * ride;
	cand[n++] = 0.5 * ride;
	qsort(cand, (size_t)n, sizeof(double), cmp_double);
	double merged[1024];
	int nm = 0;
	for (int i = 0; i < n; i++)
		if (nm == 0 || cand[i] - merged[nm - 1] > 60)
			merged[nm++] = cand[i];
	int k = 0;
	out[k++] = INFINITY;
	int room = SBRP_MAX_DMAX - 1;
	for (int i = 0; i < room && i < nm; i++) {
		/* evenly spread when there are more candidates than room */
		int src = nm <= room ? i : (int)((double)i * (nm - 1) / (room - 1) + 0.5);
		out[k++] = merged[src];
	}
	return k;
}

/* one school's scenarios (a task of the worker pool) */
static void pool_task(void *state, size_t s, void *arg)
{
	(void)state;
	pool_job_t *j = arg;
	double dl[SBRP_MAX_DMAX];
	int nd = school_dmax_list(j->inst, (int)s, j->ride, dl);
	j->rc[s] = sbrp_school_scenarios(j->inst, (int)s, j->ride, dl, nd, j->seed, j->budget,
					 &j->sc[s], &j->n_sc[s], &j->errs[s]);
}

/* the routing engine's GLPK environment is per thread: free it as a worker
 * ends, no GLPK model of this thread outlives the loop */
static void pool_done(void *state, void *arg)
{
	(void)state;
	(void)arg;
	ip_thread_done();
}

static int build_pool(const sbrp_instance_t *inst, const sbrp_opts_t *o, long budget,
		      sbrp_scenario_t **sc, int *n_sc, sr_error_t *err)
{
	int ns = inst->n_schools;
	pool_job_t j = {.inst = inst,
			.ride = o->max_ride_s,
			.seed = o->seed,
			.budget = budget,
			.sc = sc,
			.n_sc = n_sc};
	j.rc = xcalloc((size_t)ns, sizeof(int));
	j.errs = xcalloc((size_t)ns, sizeof(sr_error_t));
	/* at most two threads: the pool is a share of the time, not all of it */
	int nt = sr_threads(o->threads, (size_t)ns);
	sr_parallel_t job = {.n = (size_t)ns,
			     .threads = nt > 2 ? 2 : nt,
			     .task = pool_task,
			     .fini = pool_done,
			     .arg = &j};
	sr_parallel_for(&job);
	int rc = SR_OK;
	for (int s = 0; s < ns && rc == SR_OK; s++)
		if (j.rc[s] != SR_OK) {
			rc = j.rc[s];
			*err = j.errs[s];
		}
	free(j.rc);
	free(j.errs);
	return rc;
}

/* ---- selection and chaining MIP ---- */

/* The work of one solve, all counts derived from --time-limit alone (never
 * from the clock), so that the same inputs, seed and limit give the same
 * buses on any machine under any load. The clock is only a far safety net
 * (safety_s per solve) that warns when it fires. */
typedef struct sbrp_budget {
	long pool_evals; /* route evaluations per scenario */
	/* the MIPs' branch-and-bound: node and simplex-iteration budgets
	 * per unit of model size (rows + columns), shares of the limit */
	double scenario_work, mixed_work;
	double safety_s;
} sbrp_budget_t;

/* A MIP's budgets from its share of the limit (seconds of work on one
 * core): GLPK's time per node and per simplex iteration grows with the
 * model's rows and columns, so the counts shrink with them. */
static void mip_budget(const ip_model_t *M, double share_s, ip_opts_t *io)
{
	double size = (double)ip_num_rows(M) + ip_num_cols(M) + 1;
	io->max_nodes = (long)(share_s * SBRP_NODE_WORK_PER_S / size) + 1;
	io->max_simplex = (long)(share_s * SBRP_SIMPLEX_WORK_PER_S / size) + 1;
}

/* Warns when a solve ran into its safety limit: then the clock, not the
 * budget, ended it, and its result may depend on the machine. */
static void safety_check(double t_start, double safety_s, const char *what)
{
	if (sr_now() - t_start >= safety_s * 0.999)
		sr_warn(_("sbrp: the safety time limit (%.0f s) cut the %s short; the result may depend on the machine"),
			safety_s, _(what));
}

static double run_first_x(const sbrp_instance_t *in, const sbrp_run_t *r)
{
	return in->stops[r->stops[0]].x;
}

static double run_first_y(const sbrp_instance_t *in, const sbrp_run_t *r)
{
	return in->stops[r->stops[0]].y;
}

/* Can a bus free at school t's bell reach run r's first stop in time? */
static int reaches(const sbrp_instance_t *in, int t, const sbrp_run_t *r)
{
	const sbrp_school_t *s = &in->schools[t];
	return s->bell_s + sbrp_travel_s(s->x, s->y, run_first_x(in, r), run_first_y(in, r)) <=
	       r->start_s + 1e-6;
}

/* The pool flattened: distinct runs (per school, by stop sequence), each
 * scenario a list of them, and the chaining columns z (school t -> run). */
typedef struct zcol {
	int t, run;
} zcol_t;

typedef struct pool {
	int ns;
	const sbrp_run_t **runs; /* distinct runs */
	int n_runs;
	int *run_school;
	int *sc_first, *sc_runs; /* scenario q: sc_runs[sc_first[q]..sc_first[q+1]) */
	int *sc_school;
	int n_sc;
	int *school_sc_first; /* school s: scenarios school_sc_first[s].. */
	zcol_t *z;
	int n_z;
	int pruned; /* chaining columns were thinned: LP bounds are not bounds */
} pool_t;

static int same_run(const sbrp_run_t *a, const sbrp_run_t *b)
{
	return a->n_stops == b->n_stops &&
	       !memcmp(a->stops, b->stops, sizeof(int) * (size_t)a->n_stops);
}

/* Partial selection sort: the SBRP_Z_KEEP candidates with the smallest
 * slack first (ties: the lower school). */
static void keep_scarce(const double *slack, int *cand, int nc)
{
	for (int a = 0; a < SBRP_Z_KEEP; a++) {
		int bi = a;
		for (int b = a + 1; b < nc; b++)
			if (slack[cand[b]] < slack[cand[bi]] ||
			    (slack[cand[b]] == slack[cand[bi]] && cand[b] < cand[bi]))
				bi = b;
		int tmp = cand[a];
		cand[a] = cand[bi];
		cand[bi] = tmp;
	}
}

/* The chaining columns of runs first_run.. (school t -> run); when there
 * would be too many for GLPK in all, each run keeps only the SBRP_Z_KEEP
 * schools whose buses reach it with the least time to spare (the scarce
 * ones); P->pruned tells, and once set stays. */
static void pool_add_z(const sbrp_instance_t *in, pool_t *P, const int *n_sc, int first_run)
{
	int ns = P->ns;
	long total_z = P->n_z;
	for (int r = first_run; r < P->n_runs; r++)
		for (int t = 0; t < ns; t++)
			total_z +=
				t != P->run_school[r] && n_sc[t] > 0 && reaches(in, t, P->runs[r]);
	P->pruned |= total_z > SBRP_Z_MAX;
	size_t zcap = (size_t)P->n_z;
	double *slack = xmalloc(sizeof(double) * (size_t)(ns > 0 ? ns : 1));
	int *cand = xmalloc(sizeof(int) * (size_t)(ns > 0 ? ns : 1));
	for (int r = first_run; r < P->n_runs; r++) {
		int nc = 0;
		const sbrp_run_t *run = P->runs[r];
		for (int t = 0; t < ns; t++) {
			if (t == P->run_school[r] || n_sc[t] == 0 || !reaches(in, t, run))
				continue;
			const sbrp_school_t *S = &in->schools[t];
			slack[t] = run->start_s - S->bell_s -
				   sbrp_travel_s(S->x, S->y, run_first_x(in, run),
						 run_first_y(in, run));
			cand[nc++] = t;
		}
		if (P->pruned && nc > SBRP_Z_KEEP) {
			keep_scarce(slack, cand, nc);
			nc = SBRP_Z_KEEP;
		}
		for (int q = 0; q < nc; q++) {
			sr_grow(&P->z, &zcap, (size_t)P->n_z + 1, sizeof(zcol_t));
			P->z[P->n_z++] = (zcol_t){cand[q], r};
		}
	}
	free(slack);
	free(cand);
}

static void pool_build(const sbrp_instance_t *in, sbrp_scenario_t **sc, const int *n_sc, pool_t *P)
{
	int ns = in->n_schools, total = 0;
	memset(P, 0, sizeof(*P));
	P->ns = ns;
	for (int s = 0; s < ns; s++) {
		P->n_sc += n_sc[s];
		for (int k = 0; k < n_sc[s]; k++)
			total += sc[s][k].n_runs;
	}
	P->runs = xmalloc(sizeof(*P->runs) * (size_t)(total > 0 ? total : 1));
	P->run_school = xmalloc(sizeof(int) * (size_t)(total > 0 ? total : 1));
	P->sc_first = xmalloc(sizeof(int) * (size_t)(P->n_sc + 1));
	P->sc_runs = xmalloc(sizeof(int) * (size_t)(total > 0 ? total : 1));
	P->sc_school = xmalloc(sizeof(int) * (size_t)(P->n_sc > 0 ? P->n_sc : 1));
	P->school_sc_first = xmalloc(sizeof(int) * (size_t)(ns + 1));
	int q = 0, w = 0;
	for (int s = 0; s < ns; s++) {
		P->school_sc_first[s] = q;
		int school_first_run = P->n_runs;
		for (int k = 0; k < n_sc[s]; k++, q++) {
			P->sc_first[q] = w;
			P->sc_school[q] = s;
			for (int r = 0; r < sc[s][k].n_runs; r++) {
				const sbrp_run_t *run = &sc[s][k].runs[r];
				int id = -1;
				for (int d = school_first_run; d < P->n_runs && id < 0; d++)
					if (same_run(P->runs[d], run))
						id = d;
				if (id < 0) {
					id = P->n_runs++;
					P->runs[id] = run;
					P->run_school[id] = s;
				}
				P->sc_runs[w++] = id;
			}
		}
	}
	P->school_sc_first[ns] = q;
	P->sc_first[q] = w;
	pool_add_z(in, P, n_sc, 0);
}

static void pool_free(pool_t *P)
{
	free(P->runs);
	free(P->run_school);
	free(P->sc_first);
	free(P->sc_runs);
	free(P->sc_school);
	free(P->school_sc_first);
	free(P->z);
}

/* Appends runs (mixed-load ones: run_school is the last school) and their
 * chaining columns after the pool's; the earlier columns keep their
 * numbers, so an answer over the old pool stays one over the new. */
static void pool_add_runs(const sbrp_instance_t *in, pool_t *P, const sbrp_run_t *runs, int n,
			  const int *n_sc)
{
	int first = P->n_runs;
	P->runs = xrealloc(P->runs, sizeof(*P->runs) * (size_t)(first + n + 1));
	P->run_school = xrealloc(P->run_school, sizeof(int) * (size_t)(first + n + 1));
	for (int k = 0; k < n; k++) {
		P->runs[first + k] = &runs[k];
		P->run_school[first + k] = runs[k].school;
	}
	P->n_runs += n;
	pool_add_z(in, P, n_sc, first);
}

/* Adds the z columns (after the model's columns) to a model whose run
 * rows start at row_run and school out-rows at row_out. */
static void add_z_cols(ip_model_t *M, const pool_t *P, int row_run, int row_out)
{
	for (int c = 0; c < P->n_z; c++) {
		int zi[2] = {row_run + P->z[c].run, row_out + P->z[c].t};
		double zv[2] = {1, 1};
		ip_add_col(M, IP_CONT, 0, 1, -1, 2, zi, zv);
	}
}

/* Model A: rows one scenario per school (1..ns), run rows, school out-rows;
 * columns y (1..n_sc, binary), then z. */
static ip_model_t *scenario_model(const pool_t *P)
{
	int ns = P->ns;
	ip_model_t *M = ip_model_new(IP_MIN);
	int row_one = 1, row_run = ns + 1, row_out = ns + P->n_runs + 1;
	for (int s = 0; s < ns; s++) {
		int has = P->school_sc_first[s + 1] > P->school_sc_first[s];
		ip_add_rows(M, 1, has ? 1 : -INFINITY, has ? 1 : INFINITY);
	}
	ip_add_rows(M, P->n_runs, -INFINITY, 0);
	ip_add_rows(M, ns, -INFINITY, 0);
	for (int q = 0; q < P->n_sc; q++) {
		int nr = P->sc_first[q + 1] - P->sc_first[q], k = 0;
		int *ind = xmalloc(sizeof(int) * (size_t)(nr + 2));
		double *val = xmalloc(sizeof(double) * (size_t)(nr + 2));
		ind[k] = row_one + P->sc_school[q];
		val[k++] = 1;
		for (int w = P->sc_first[q]; w < P->sc_first[q + 1]; w++) {
			ind[k] = row_run + P->sc_runs[w];
			val[k++] = -1;
		}
		ind[k] = row_out + P->sc_school[q];
		val[k++] = -nr;
		ip_add_col(M, IP_BIN, 0, 1, nr, k, ind, val);
		free(ind);
		free(val);
	}
	add_z_cols(M, P, row_run, row_out);
	return M;
}

/* Model A's LP relaxation (its bound *lb), then a dive: fix the scenarios
 * the LP likes most and re-solve from the previous basis until every school
 * has one. Returns the dive's integral answer (columns 1..n, the caller
 * frees it) with its objective in *dive_obj, or NULL; *bound gets the LP
 * bound (or NAN). */
static double *scenario_dive(const pool_t *P, ip_model_t *M, double safety_s, double *bound,
			     double *lb, double *dive_obj, int *rc, sr_error_t *err)
{
	ip_opts_t io;
	ip_opts_init(&io);
	ip_status_t st;
	for (int q = 0; q < P->n_sc; q++)
		ip_set_kind(M, q + 1, IP_CONT);
	io.time_limit_s = safety_s;
	*rc = ip_solve(M, &io, &st, bound, err);
	if (*rc != SR_OK || st != IP_OPTIMAL)
		return NULL;
	*lb = ceil(*bound - 1e-6);
	int steps = 0;
	for (;;) {
		int pick = -1, n_fix = 0;
		double pv = -1;
		for (int q = 0; q < P->n_sc; q++) {
			double v = ip_lp_val(M, q + 1);
			if (v > 1e-6 && v < 1 - 1e-6) {
				if (v > pv) {
					pv = v;
					pick = q;
				}
				if (v >= 0.9) {
					ip_set_col_bnds(M, q + 1, 1, 1);
					n_fix++;
				}
			}
		}
		if (pick < 0)
			break; /* integral */
		if (n_fix == 0)
			ip_set_col_bnds(M, pick + 1, 1, 1);
		/* each step fixes a school's scenario: at most one step a school */
		steps++;
		*rc = ip_solve(M, &io, &st, NULL, err);
		if (*rc != SR_OK)
			return NULL;
		if (st != IP_OPTIMAL)
			break;
	}
	double *dive = NULL;
	int integral = st == IP_OPTIMAL;
	for (int q = 0; q < P->n_sc && integral; q++) {
		double v = ip_lp_val(M, q + 1);
		integral = v < 1e-6 || v > 1 - 1e-6;
	}
	if (integral) {
		int n_cols = P->n_sc + P->n_z;
		dive = xcalloc((size_t)n_cols + 1, sizeof(double));
		*dive_obj = 0;
		for (int c = 1; c <= n_cols; c++) {
			dive[c] = floor(ip_lp_val(M, c) + 0.5);
			*dive_obj += dive[c] * ip_get_obj(M, c);
		}
		sr_info("sbrp: LP bound %.2f; dive (%d steps) to %.0f buses", *bound, steps,
			*dive_obj);
	}
	for (int q = 0; q < P->n_sc; q++)
		ip_set_col_bnds(M, q + 1, 0, 1);
	return dive;
}

/* Marks the runs of scenario q used. */
static void use_scenario(const pool_t *P, int q, char *used)
{
	for (int w = P->sc_first[q]; w < P->sc_first[q + 1]; w++)
		used[P->sc_runs[w]] = 1;
}

/* No integer answer in time: per school the scenario the LP likes most
 * (the chaining is redone exactly afterwards). */
static void scenario_from_lp(const pool_t *P, const ip_model_t *M, char *used)
{
	for (int s = 0; s < P->ns; s++) {
		int best = -1;
		double bv = -1;
		for (int q = P->school_sc_first[s]; q < P->school_sc_first[s + 1]; q++) {
			double v = ip_lp_val(M, q + 1);
			if (v > bv + 1e-9) {
				bv = v;
				best = q;
			}
		}
		if (best >= 0)
			use_scenario(P, best, used);
	}
}

/* Model A: one scenario per school (y), chaining z. On success used[r] = 1
 * for the chosen runs and zval the z values (for a warm start); *have is 1
 * for an integer answer, 2 for an LP-guided one, 0 for none. The dive's
 * answer warm-starts the MIP and stands when the MIP finds nothing better
 * in time. */
static int solve_scenario_model(const pool_t *P, const sbrp_budget_t *B, char *used, double *zval,
				double *lb, int *have, sr_error_t *err)
{
	int rc;
	ip_model_t *M = scenario_model(P);
	ip_status_t st;
	double bound = NAN, dive_obj = INFINITY;
	*have = 0;
	double t_start = sr_now();
	double *dive = scenario_dive(P, M, B->safety_s, &bound, lb, &dive_obj, &rc, err);
	if (rc != SR_OK)
		goto out;
	for (int q = 0; q < P->n_sc; q++)
		ip_set_kind(M, q + 1, IP_BIN);
	ip_opts_t io;
	ip_opts_init(&io);
	io.time_limit_s = B->safety_s;
	mip_budget(M, B->scenario_work, &io);
	io.max_simplex += ip_simplex_iters(M); /* the dive's LPs are not counted */
	io.warm_start = dive;
	double bound2 = NAN;
	rc = ip_solve(M, &io, &st, &bound2, err);
	if (rc != SR_OK)
		goto out;
	safety_check(t_start, B->safety_s, N_("scenario MIP"));
	sr_debug("sbrp: scenario MIP: %ld simplex iterations (budget %ld, %ld nodes), %.2f s",
		 ip_simplex_iters(M), io.max_simplex, io.max_nodes, sr_now() - t_start);
	if (isfinite(bound2) && !isfinite(bound))
		*lb = ceil(bound2 - 1e-6);
	int mip = st == IP_OPTIMAL || st == IP_FEASIBLE;
	if (dive && (!mip || ip_mip_obj(M) > dive_obj + 0.5)) {
		*have = 1;
		for (int q = 0; q < P->n_sc; q++)
			if (dive[q + 1] > 0.5)
				use_scenario(P, q, used);
		for (int c = 0; c < P->n_z; c++)
			zval[c] = dive[P->n_sc + 1 + c];
		sr_info("sbrp: scenario MIP gave nothing better in time: the dive's %.0f buses stand",
			dive_obj);
	} else if (mip) {
		*have = 1;
		for (int q = 0; q < P->n_sc; q++)
			if (ip_mip_val(M, q + 1) > 0.5)
				use_scenario(P, q, used);
		for (int c = 0; c < P->n_z; c++)
			zval[c] = floor(ip_mip_val(M, P->n_sc + 1 + c) + 0.5);
		sr_info("sbrp: scenario MIP %s: %.0f buses, LP bound %.2f",
			st == IP_OPTIMAL ? "optimal" : "at the limit", ip_mip_obj(M), bound);
	} else if (ip_lp_optimal(M)) {
		*have = 2;
		scenario_from_lp(P, M, used);
		sr_warn(_(
			"sbrp: scenario MIP found no integer solution in time; LP-guided choice"));
	}
out:
	free(dive);
	ip_model_free(M);
	return rc;
}

/* Model B's rows (stops, runs, school out-rows) and columns (runs, binary;
 * then z). */
static ip_model_t *mixed_model(const sbrp_instance_t *in, const pool_t *P)
{
	int ns = P->ns, nst = in->n_stops;
	ip_model_t *M = ip_model_new(IP_MIN);
	int row_stop = 1, row_run = nst + 1, row_out = nst + P->n_runs + 1;
	ip_add_rows(M, nst, 1, 1);
	ip_add_rows(M, P->n_runs, -INFINITY, 0);
	ip_add_rows(M, ns, -INFINITY, 0);
	int cap = 8;
	int *ind = xmalloc(sizeof(int) * (size_t)cap);
	double *val = xmalloc(sizeof(double) * (size_t)cap);
	for (int r = 0; r < P->n_runs; r++) {
		const sbrp_run_t *run = P->runs[r];
		if (run->n_stops + 2 > cap) {
			cap = run->n_stops + 2;
			ind = xrealloc(ind, sizeof(int) * (size_t)cap);
			val = xrealloc(val, sizeof(double) * (size_t)cap);
		}
		int k = 0;
		for (int q = 0; q < run->n_stops; q++) {
			ind[k] = row_stop + run->stops[q];
			val[k++] = 1;
		}
		ind[k] = row_run + r;
		val[k++] = -1;
		ind[k] = row_out + P->run_school[r];
		val[k++] = -1;
		ip_add_col(M, IP_BIN, 0, 1, 1, k, ind, val);
	}
	free(ind);
	free(val);
	add_z_cols(M, P, row_run, row_out);
	return M;
}

/* Model B: any runs of the pool that cover each stop exactly once (runs of
 * different scenarios may mix), chaining z; warm-started from model A. */
static int solve_mixed_model(const sbrp_instance_t *in, const pool_t *P, const sbrp_budget_t *B,
			     char *used, double *zval, double *lb, int *improved, sr_error_t *err)
{
	double t_start = sr_now();
	int rc;
	*improved = 0;
	ip_model_t *M = mixed_model(in, P);
	double *warm = xcalloc((size_t)(P->n_runs + P->n_z + 1), sizeof(double));
	double start_obj = 0;
	for (int r = 0; r < P->n_runs; r++) {
		warm[r + 1] = used[r] ? 1 : 0;
		start_obj += used[r];
	}
	for (int c = 0; c < P->n_z; c++) {
		warm[P->n_runs + 1 + c] = zval[c];
		start_obj -= zval[c];
	}
	ip_opts_t io;
	ip_opts_init(&io);
	io.time_limit_s = B->safety_s;
	mip_budget(M, B->mixed_work, &io);
	io.warm_start = warm;
	ip_status_t st;
	double bound = NAN;
	rc = ip_solve(M, &io, &st, &bound, err);
	if (rc != SR_OK)
		goto out;
	safety_check(t_start, B->safety_s, N_("mixed MIP"));
	sr_debug("sbrp: mixed MIP: %ld simplex iterations (budget %ld, %ld nodes), %.2f s",
		 ip_simplex_iters(M), io.max_simplex, io.max_nodes, sr_now() - t_start);
	if (isfinite(bound))
		*lb = ceil(bound - 1e-6);
	int mip = st == IP_OPTIMAL || st == IP_FEASIBLE;
	if (mip && ip_mip_obj(M) < start_obj - 0.5) {
		*improved = 1;
		for (int r = 0; r < P->n_runs; r++)
			used[r] = ip_mip_val(M, r + 1) > 0.5;
		for (int c = 0; c < P->n_z; c++)
			zval[c] = floor(ip_mip_val(M, P->n_runs + 1 + c) + 0.5);
	}
	sr_info("sbrp: mixed MIP (%d runs, %d chaining columns) %s: %.0f buses (from %.0f), LP bound %.2f",
		P->n_runs, P->n_z, st == IP_OPTIMAL ? "optimal" : "at the limit",
		mip ? ip_mip_obj(M) : start_obj, start_obj, bound);
out:
	free(warm);
	ip_model_free(M);
	return rc;
}

/* Chains the chosen runs with chain_solve (unlimited buses). Locations:
 * 0..ns-1 the schools, ns.. the runs' first stops. */
static int chain_runs(const sbrp_instance_t *in, sbrp_solution_t *sol, double safety_s,
		      sr_error_t *err)
{
	double t_start = sr_now();
	int ns = in->n_schools, nr = sol->n_runs;
	uint32_t nl = (uint32_t)(ns + nr);
	double *sec = xmalloc(sizeof(double) * (size_t)nl * nl);
	double *met = xmalloc(sizeof(double) * (size_t)nl * nl);
	double *lx = xmalloc(sizeof(double) * nl), *ly = xmalloc(sizeof(double) * nl);
	for (int s = 0; s < ns; s++) {
		lx[s] = in->schools[s].x;
		ly[s] = in->schools[s].y;
	}
	for (int r = 0; r < nr; r++) {
		lx[ns + r] = run_first_x(in, &sol->runs[r]);
		ly[ns + r] = run_first_y(in, &sol->runs[r]);
	}
	for (uint32_t a = 0; a < nl; a++)
		for (uint32_t b = 0; b < nl; b++) {
			double ft = fabs(lx[a] - lx[b]) + fabs(ly[a] - ly[b]);
			met[(size_t)a * nl + b] = ft * 0.3048;
			sec[(size_t)a * nl + b] = sbrp_travel_s(lx[a], ly[a], lx[b], ly[b]);
		}
	chain_task_t *t = xcalloc((size_t)(nr > 0 ? nr : 1), sizeof(chain_task_t));
	for (int r = 0; r < nr; r++) {
		t[r].start_s = sol->runs[r].start_s;
		t[r].end_s = in->schools[sol->runs[r].school].bell_s;
		t[r].start_loc = (uint32_t)(ns + r);
		t[r].end_loc = (uint32_t)sol->runs[r].school;
		t[r].min_seats = 0;
	}
	chain_problem_t p = {
		.tasks = t, .n_tasks = nr, .n_locs = nl, .dh_seconds = sec, .dh_meters = met};
	chain_opts_t co;
	chain_opts_init(&co);
	co.time_limit_s = safety_s; /* two LPs, solved to the end: the clock is a safety net */
	chain_solution_t cs;
	int rc = chain_solve(&p, &co, &cs, err);
	if (rc == SR_OK && !cs.optimal)
		safety_check(t_start, safety_s, N_("chaining"));
	if (rc == SR_OK) {
		sol->n_buses = cs.n_duties;
		sol->bus_first = xmalloc(sizeof(int) * (size_t)(cs.n_duties + 1));
		sol->bus_runs = xmalloc(sizeof(int) * (size_t)(nr > 0 ? nr : 1));
		int k = 0;
		for (int d = 0; d < cs.n_duties; d++) {
			sol->bus_first[d] = k;
			for (int q = 0; q < cs.duties[d].n_tasks; q++)
				sol->bus_runs[k++] = cs.duties[d].tasks[q];
		}
		sol->bus_first[cs.n_duties] = k;
		chain_solution_free(&cs);
	}
	free(t);
	free(sec);
	free(met);
	free(lx);
	free(ly);
	return rc;
}

/* Per school: students, the runs they need at least, the scenarios. */
static void log_scenarios(const sbrp_instance_t *in, sbrp_scenario_t **sc, const int *n_sc)
{
	for (int s = 0; s < in->n_schools; s++) {
		int students = 0, lo = 1 << 30, hi = 0;
		for (int i = 0; i < in->n_stops; i++)
			if (in->stops[i].school == s)
				students += in->stops[i].students;
		for (int k = 0; k < n_sc[s]; k++) {
			lo = sc[s][k].n_runs < lo ? sc[s][k].n_runs : lo;
			hi = sc[s][k].n_runs > hi ? sc[s][k].n_runs : hi;
		}
		sr_debug(
			"sbrp: school %s bell %.0f: %d students (>= %d runs), scenarios %d, runs %d..%d",
			in->schools[s].id, in->schools[s].bell_s, students,
			(students + SBRP_CAPACITY - 1) / SBRP_CAPACITY, n_sc[s], lo, hi);
	}
}

/* Nothing in time: every school's scenario with the fewest runs. */
static void scenario_fewest_runs(const pool_t *P, char *used)
{
	for (int q = 0; q < P->ns; q++) {
		int best = -1;
		for (int k = P->school_sc_first[q]; k < P->school_sc_first[q + 1]; k++)
			if (best < 0 || P->sc_first[k + 1] - P->sc_first[k] <
						P->sc_first[best + 1] - P->sc_first[best])
				best = k;
		if (best >= 0)
			use_scenario(P, best, used);
	}
}

/* The chosen runs into sol->runs (copies; only when copy is set, the
 * array is allocated in any case). */
static void copy_used_runs(const pool_t *P, const char *used, int copy, sbrp_solution_t *sol)
{
	int nr = 0;
	for (int r = 0; r < P->n_runs; r++)
		nr += used[r];
	sol->runs = xcalloc((size_t)(nr > 0 ? nr : 1), sizeof(sbrp_run_t));
	for (int r = 0; r < P->n_runs && copy; r++) {
		if (!used[r])
			continue;
		sbrp_run_t *d = &sol->runs[sol->n_runs++];
		*d = *P->runs[r];
		d->stops = xmalloc(sizeof(int) * (size_t)d->n_stops);
		memcpy(d->stops, P->runs[r]->stops, sizeof(int) * (size_t)d->n_stops);
	}
}

/* P's chaining columns by run and school: [run * ns + t] is the column of
 * school t -> run, or -1 (the caller frees it). */
static int *z_index(const pool_t *P)
{
	size_t n = (size_t)(P->n_runs > 0 ? P->n_runs : 1) * (size_t)(P->ns > 0 ? P->ns : 1);
	int *at = xmalloc(sizeof(int) * n);
	for (size_t k = 0; k < n; k++)
		at[k] = -1;
	for (int c = 0; c < P->n_z; c++)
		at[(size_t)P->z[c].run * (size_t)P->ns + (size_t)P->z[c].t] = c;
	return at;
}

/* Mixed loads, after the best single-load answer (used, zval over P):
 * the merges of its runs (sbrp_mixed_runs) and a model B over those runs
 * and the merges alone, R, not over the whole pool: the merges only ever
 * replace chosen runs, and the small model lets the MIP's work go into
 * the nodes (on RSRB07 the model over all 5,400 runs of the pool spent its
 * budget near the root). The answer over P is R's warm start, so mixed
 * loads never need more buses. On return used marks R's runs and *mx owns
 * the merges (R's runs point into P's and *mx). R's LP bounds nothing for
 * the instance, so no bound is reported with mixed loads. */
static int mixed_select(const sbrp_instance_t *in, const sbrp_opts_t *o, const sbrp_budget_t *B,
			const pool_t *P, const int *n_sc, char **used, pool_t *R,
			const double *zval, sbrp_run_t **mx, int *n_mx, double **zr_out, int **rp,
			sr_error_t *err)
{
	int ns = P->ns, nb = 0;
	int *map = xmalloc(sizeof(int) * (size_t)(P->n_runs > 0 ? P->n_runs : 1));
	const sbrp_run_t **base = xmalloc(sizeof(*base) * (size_t)(P->n_runs > 0 ? P->n_runs : 1));
	for (int r = 0; r < P->n_runs; r++) {
		map[r] = (*used)[r] ? nb : -1;
		if ((*used)[r])
			base[nb++] = P->runs[r];
	}
	sbrp_mixed_runs(in, base, nb, o->max_ride_s, mx, n_mx);
	memset(R, 0, sizeof(*R));
	R->ns = ns;
	R->runs = base;
	R->n_runs = nb;
	R->run_school = xmalloc(sizeof(int) * (size_t)(nb > 0 ? nb : 1));
	for (int r = 0; r < nb; r++)
		R->run_school[r] = base[r]->school;
	pool_add_z(in, R, n_sc, 0);
	pool_add_runs(in, R, *mx, *n_mx, n_sc);
	/* the single-load answer's chaining in R's columns: per (run, school) */
	int *zat = z_index(R);
	double *zr = xcalloc((size_t)(R->n_z > 0 ? R->n_z : 1), sizeof(double));
	for (int c = 0; c < P->n_z; c++) {
		int at = zval[c] > 0.5 && map[P->z[c].run] >= 0
				 ? zat[(size_t)map[P->z[c].run] * (size_t)ns + (size_t)P->z[c].t]
				 : -1;
		if (at >= 0) /* always: R's columns are a superset for its runs */
			zr[at] = zval[c];
	}
	char *ur = xcalloc((size_t)R->n_runs + 1, 1);
	memset(ur, 1, (size_t)nb);
	sr_info("sbrp: mixed loads: %d merged runs from %d chosen, %d chaining columns", *n_mx, nb,
		R->n_z);
	double lb = NAN;
	int improved = 0;
	int rc = solve_mixed_model(in, R, B, ur, zr, &lb, &improved, err);
	free(*used);
	*used = ur;
	*zr_out = zr;
	*rp = xmalloc(sizeof(int) * (size_t)(nb > 0 ? nb : 1));
	for (int r = 0; r < P->n_runs; r++)
		if (map[r] >= 0)
			(*rp)[map[r]] = r;
	free(zat);
	free(map);
	return rc;
}

/* Then the merges beside the whole pool, started from R's answer (used,
 * zr; rp: R's single-load runs in P): a merge may pair with another
 * scenario's run (RSRB06 at 2700 s, --time-limit 60: 97 buses, R alone
 * 98). Only where the pool's chaining columns are not thinned, so that R's
 * answer is one of the wider model. Returns 1 when that found fewer buses
 * (used then marks P's runs, the merges appended to P). */
static int mixed_widen(const sbrp_instance_t *in, const sbrp_budget_t *B, pool_t *P,
		       const pool_t *R, const int *rp, const int *n_sc, const sbrp_run_t *mx,
		       int n_mx, char **used, const double *zr, int *rc, sr_error_t *err)
{
	int n0 = P->n_runs, ns = P->ns, nb = R->n_runs - n_mx, ok = 1, improved = 0;
	if (P->pruned)
		return 0;
	pool_add_runs(in, P, mx, n_mx, n_sc);
	int *zat = z_index(P);
	char *up = xcalloc((size_t)P->n_runs + 1, 1);
	double *zp = xcalloc((size_t)P->n_z + 1, sizeof(double));
	for (int i = 0; i < R->n_runs; i++)
		up[i < nb ? rp[i] : n0 + i - nb] = (*used)[i];
	for (int c = 0; c < R->n_z && ok; c++) {
		if (zr[c] < 0.5)
			continue;
		int r = R->z[c].run, pr = r < nb ? rp[r] : n0 + r - nb;
		int at = zat[(size_t)pr * (size_t)ns + (size_t)R->z[c].t];
		ok = at >= 0; /* not thinned: always */
		if (ok)
			zp[at] = zr[c];
	}
	double lb = NAN;
	if (ok && !P->pruned)
		*rc = solve_mixed_model(in, P, B, up, zp, &lb, &improved, err);
	if (*rc == SR_OK && improved) {
		free(*used);
		*used = up;
	} else {
		free(up);
		improved = 0;
	}
	free(zp);
	free(zat);
	return improved;
}

/* The scenario pool, the selection MIPs (model A, then model B over the
 * pool and, with mixed loads, the merged runs) and the chosen runs copied
 * into sol->runs. */
static int select_runs(const sbrp_instance_t *in, const sbrp_opts_t *o, const sbrp_budget_t *B,
		       sbrp_scenario_t **sc, const int *n_sc, sbrp_solution_t *sol, sr_error_t *err)
{
	pool_t P;
	pool_build(in, sc, n_sc, &P);
	sr_info("sbrp: pool of %d scenarios, %d distinct runs, %d chaining columns", P.n_sc,
		P.n_runs, P.n_z);
	char *used = xcalloc((size_t)(P.n_runs > 0 ? P.n_runs : 1), 1);
	double *zval = xcalloc((size_t)(P.n_z > 0 ? P.n_z : 1), sizeof(double));
	sbrp_run_t *mx = NULL;
	int have = 0, n_mx = 0;
	pool_t R = {0}, *from = &P; /* the runs chosen from: R with mixed loads */
	sol->lower_bound = NAN;
	int rc = solve_scenario_model(&P, B, used, zval, &sol->lower_bound, &have, err);
	if (rc == SR_OK && have == 0) {
		scenario_fewest_runs(&P, used);
		sol->decomposed = 1;
	}
	if (rc == SR_OK && have == 1) {
		int improved = 0;
		rc = solve_mixed_model(in, &P, B, used, zval, &sol->lower_bound, &improved, err);
		/* mixed loads start from the best single-load answer, so they
		 * never need more buses than it */
		if (rc == SR_OK && o->mixed_load) {
			double *zr = NULL;
			int *rp = NULL;
			rc = mixed_select(in, o, B, &P, n_sc, &used, &R, zval, &mx, &n_mx, &zr, &rp,
					  err);
			from = &R;
			if (rc == SR_OK &&
			    mixed_widen(in, B, &P, &R, rp, n_sc, mx, n_mx, &used, zr, &rc, err))
				from = &P;
			free(zr);
			free(rp);
			sol->lower_bound = NAN; /* the pool's bound is single-load */
		}
	} else if (have == 2) {
		sol->decomposed = 1;
	}
	copy_used_runs(from, used, rc == SR_OK, sol);
	if (P.pruned)
		sol->lower_bound = NAN; /* thinned model: its LP bounds nothing */
	for (int k = 0; k < n_mx; k++)
		free(mx[k].stops);
	free(mx);
	free(used);
	free(zval);
	pool_free(&P);
	pool_free(&R);
	return rc;
}

/* The budgets from the time limit. The pool: a fixed count of route
 * evaluations (SBRP_EVALS_PER_S measured on one core), about a third of
 * the limit on one core, spread over the scenarios. The MIPs: nodes and
 * simplex iterations for 30 % of the limit (scenario MIP) and 60 % (mixed
 * MIP) on one core (mip_budget). The safety net: forty times the limit and
 * a minute, per solve. */
static void sbrp_budget(const sbrp_opts_t *o, int ns, sbrp_budget_t *B)
{
	double tl = o->time_limit_s > 0 ? o->time_limit_s : 60;
	B->pool_evals =
		(long)(tl * 0.35 * SBRP_EVALS_PER_S / ((SBRP_MAX_DMAX + 2.0) * (ns > 0 ? ns : 1)));
	if (B->pool_evals < 20000)
		B->pool_evals = 20000;
	B->scenario_work = tl * 0.3;
	B->mixed_work = tl * 0.6;
	B->safety_s = 40 * tl + 60;
}

int sbrp_solve(const sbrp_instance_t *in, const sbrp_opts_t *o, sbrp_solution_t *sol,
	       sr_error_t *err)
{
	double t0 = sr_now();
	memset(sol, 0, sizeof(*sol));
	if (!(o->max_ride_s > 0))
		return sr_error_set(err, SR_EINPUT, NULL, 0,
				    _("the maximum ride must be > 0 seconds"));
	int ns = in->n_schools, rc = SR_OK;
	sbrp_scenario_t **sc = xcalloc((size_t)(ns > 0 ? ns : 1), sizeof(*sc));
	int *n_sc = xcalloc((size_t)(ns > 0 ? ns : 1), sizeof(int));
	sbrp_budget_t B;
	sbrp_budget(o, ns, &B);
	rc = build_pool(in, o, B.pool_evals, sc, n_sc, err);
	if (rc != SR_OK)
		goto out;
	double t_pool = sr_now() - t0;
	for (int s = 0; s < ns; s++)
		sol->n_scenarios += n_sc[s];
	if (sr_log_level() >= SR_LOG_DEBUG)
		log_scenarios(in, sc, n_sc);
	sr_info("sbrp: %d scenarios for %d schools in %.1f s (%ld evaluations a scenario)",
		sol->n_scenarios, ns, t_pool, B.pool_evals);
	rc = select_runs(in, o, &B, sc, n_sc, sol, err);
	if (rc != SR_OK)
		goto out;
	rc = chain_runs(in, sol, B.safety_s, err);
out:
	for (int s = 0; s < ns; s++) {
		for (int k = 0; k < n_sc[s]; k++)
			sbrp_scenario_free(&sc[s][k]);
		free(sc[s]);
	}
	free(sc);
	free(n_sc);
	sol->seconds = sr_now() - t0;
	if (rc != SR_OK)
		sbrp_solution_free(sol);
	return rc;
}

/* One CSV row; 0 or -1 when it cannot be written. */
typedef struct csv_out {
	sr_afile_t af;
	int school_col;
	char f_bus[32], f_run[32];
} csv_out_t;

static int csv_row(csv_out_t *w, int seq, const char *id, int students, double t,
		   const char *school)
{
	char f_seq[32], f_st[32], f_arr[64];
	snprintf(f_seq, sizeof f_seq, "%d", seq);
	snprintf(f_st, sizeof f_st, "%d", students);
	snprintf(f_arr, sizeof f_arr, "%.3f", t);
	const char *row[7] = {w->f_bus, w->f_run, f_seq, id, f_st, f_arr, school};
	return sr_csv_write_row(w->af.fp, row, w->school_col ? 7 : 6) != 0 ? -1 : 0;
}

/* A run's rows: its stops, then its school(s), timed from its start. */
static int csv_run(csv_out_t *w, const sbrp_instance_t *in, const sbrp_run_t *r)
{
	double t = r->start_s;
	int seq = 0, nd = r->n_drops ? r->n_drops : 1;
	for (int k = 0; k < r->n_stops; k++) {
		const sbrp_stop_t *s = &in->stops[r->stops[k]];
		if (k > 0) {
			const sbrp_stop_t *p = &in->stops[r->stops[k - 1]];
			t += sbrp_travel_s(p->x, p->y, s->x, s->y);
		}
		if (csv_row(w, ++seq, s->id, s->students, t, in->schools[s->school].id))
			return -1;
		t += sbrp_dwell_s(s->students);
	}
	const sbrp_stop_t *l = &in->stops[r->stops[r->n_stops - 1]];
	double px = l->x, py = l->y;
	for (int j = 0; j < nd; j++) {
		int school = r->n_drops ? r->drops[j] : r->school;
		const sbrp_school_t *sc = &in->schools[school];
		if (j > 0)
			t += SBRP_SCHOOL_DWELL_S;
		t += sbrp_travel_s(px, py, sc->x, sc->y);
		px = sc->x;
		py = sc->y;
		int students = 0;
		for (int k = 0; k < r->n_stops; k++)
			if (in->stops[r->stops[k]].school == school)
				students += in->stops[r->stops[k]].students;
		if (csv_row(w, ++seq, sc->id, students, t, sc->id))
			return -1;
	}
	return 0;
}

int sbrp_write_csv(const sbrp_instance_t *in, const sbrp_solution_t *sol, int school_col,
		   const char *path, sr_error_t *err)
{
	csv_out_t w = {.school_col = school_col};
	int rc = sr_afile_open(&w.af, path, err);
	if (rc != SR_OK)
		return rc;
	const char *hdr[7] = {"bus", "run", "seq", "stop_id", "students", "arrival_s", "school"};
	int bad = sr_csv_write_row(w.af.fp, hdr, school_col ? 7 : 6) != 0;
	int run_no = 0;
	for (int b = 0; b < sol->n_buses && !bad; b++) {
		snprintf(w.f_bus, sizeof w.f_bus, "%d", b + 1);
		for (int q = sol->bus_first[b]; q < sol->bus_first[b + 1] && !bad; q++) {
			snprintf(w.f_run, sizeof w.f_run, "%d", ++run_no);
			bad = csv_run(&w, in, &sol->runs[sol->bus_runs[q]]) != 0;
		}
	}
	if (bad) {
		sr_afile_abort(&w.af);
		return sr_error_set(err, SR_EIO, path, 0, _("cannot write"));
	}
	return sr_afile_commit(&w.af, err);
}
