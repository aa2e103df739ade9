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
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "schoolrun/chain.h"
#include "schoolrun/io.h"
#include "schoolrun/ip.h"
#include "schoolrun/sbrp.h"

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
	int effort;
	sbrp_scenario_t **sc; /* per school */
	int *n_sc;
	int *rc;
	sr_error_t *errs;
	int next;
	pthread_mutex_t mu;
} pool_job_t;

static void *pool_worker(void *arg)
{
	pool_job_t *j = arg;
	for (;;) {
		pthread_mutex_lock(&j->mu);
		int s = j->next++;
		pthread_mutex_unlock(&j->mu);
		if (s >= j->inst->n_schools)
			break;
		j->rc[s] = sbrp_school_scenarios(j->inst, s, j->ride, j->seed, j->effort, &j->sc[s],
						 &j->n_sc[s], &j->errs[s]);
	}
	return NULL;
}

static int build_pool(const sbrp_instance_t *inst, const sbrp_opts_t *o, int effort,
		      sbrp_scenario_t **sc, int *n_sc, sr_error_t *err)
{
	int ns = inst->n_schools;
	pool_job_t j = {.inst = inst, .ride = o->max_ride_s, .seed = o->seed, .effort = effort,
			.sc = sc, .n_sc = n_sc};
	j.rc = xcalloc((size_t)ns, sizeof(int));
	j.errs = xcalloc((size_t)ns, sizeof(sr_error_t));
	pthread_mutex_init(&j.mu, NULL);
	int nt = o->threads;
	if (nt <= 0) {
		long c = sysconf(_SC_NPROCESSORS_ONLN);
		nt = c > 0 ? (int)c : 1;
	}
	if (nt > 2)
		nt = 2;
	if (nt > ns)
		nt = ns > 0 ? ns : 1;
	pthread_t th[2];
	int started = 0;
	for (int t = 1; t < nt; t++)
		if (pthread_create(&th[t], NULL, pool_worker, &j) == 0)
			started++;
	pool_worker(&j);
	for (int t = 1; t <= started; t++)
		pthread_join(th[t], NULL);
	pthread_mutex_destroy(&j.mu);
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

typedef struct zcol {
	int t, run; /* school, global run index in the flattened pool */
} zcol_t;

/* Picks one scenario per school (choice[s]); fills *lb with the LP bound.
 * Returns SR_OK; *decomposed set when the MIP gave no integer answer and the
 * LP's largest y per school was taken. */
static int select_scenarios(const sbrp_instance_t *in, sbrp_scenario_t **sc, const int *n_sc,
			    double time_limit, int *choice, double *lb, int *decomposed,
			    sr_error_t *err)
{
	int ns = in->n_schools, rc = SR_OK;
	/* flatten: y columns first, then z columns */
	int n_y = 0;
	int *y_first = xmalloc(sizeof(int) * (size_t)(ns + 1));
	for (int s = 0; s < ns; s++) {
		y_first[s] = n_y;
		n_y += n_sc[s];
	}
	y_first[ns] = n_y;
	int n_runs = 0;
	for (int s = 0; s < ns; s++)
		for (int k = 0; k < n_sc[s]; k++)
			n_runs += sc[s][k].n_runs;
	const sbrp_run_t **runs = xmalloc(sizeof(*runs) * (size_t)(n_runs > 0 ? n_runs : 1));
	int *run_y = xmalloc(sizeof(int) * (size_t)(n_runs > 0 ? n_runs : 1));
	n_runs = 0;
	for (int s = 0; s < ns; s++)
		for (int k = 0; k < n_sc[s]; k++)
			for (int r = 0; r < sc[s][k].n_runs; r++) {
				runs[n_runs] = &sc[s][k].runs[r];
				run_y[n_runs++] = y_first[s] + k;
			}
	zcol_t *z = NULL;
	size_t zcap = 0;
	int n_z = 0;
	for (int r = 0; r < n_runs; r++)
		for (int t = 0; t < ns; t++) {
			if (t == runs[r]->school || n_sc[t] == 0 || !reaches(in, t, runs[r]))
				continue;
			sr_grow(&z, &zcap, (size_t)n_z + 1, sizeof(zcol_t));
			z[n_z++] = (zcol_t){t, r};
		}
	sr_info("sbrp: selection MIP with %d scenarios, %d runs, %d chaining columns", n_y,
		n_runs, n_z);

	glp_prob *P = glp_create_prob();
	glp_set_obj_dir(P, GLP_MIN);
	int row_one = 1, row_run = ns + 1, row_out = ns + n_runs + 1;
	glp_add_rows(P, ns + n_runs + ns);
	for (int s = 0; s < ns; s++) {
		if (n_sc[s] > 0)
			glp_set_row_bnds(P, row_one + s, GLP_FX, 1, 1);
		else
			glp_set_row_bnds(P, row_one + s, GLP_FR, 0, 0);
		glp_set_row_bnds(P, row_out + s, GLP_UP, 0, 0);
	}
	for (int r = 0; r < n_runs; r++)
		glp_set_row_bnds(P, row_run + r, GLP_UP, 0, 0);
	/* y columns: in the school's one-row, in each of its runs' rows (-1),
	 * in the school's out-row (-runs) */
	glp_add_cols(P, n_y + n_z);
	int cap_ind = 8;
	int *ind = xmalloc(sizeof(int) * (size_t)cap_ind);
	double *val = xmalloc(sizeof(double) * (size_t)cap_ind);
	int rg = 0;
	for (int s = 0; s < ns; s++)
		for (int k = 0; k < n_sc[s]; k++) {
			int col = y_first[s] + k + 1, nr = sc[s][k].n_runs, q = 0;
			if (nr + 3 > cap_ind) {
				cap_ind = nr + 3;
				ind = xrealloc(ind, sizeof(int) * (size_t)cap_ind);
				val = xrealloc(val, sizeof(double) * (size_t)cap_ind);
			}
			ind[++q] = row_one + s;
			val[q] = 1;
			for (int r = 0; r < nr; r++) {
				ind[++q] = row_run + rg + r;
				val[q] = -1;
			}
			rg += nr;
			ind[++q] = row_out + s;
			val[q] = -nr;
			glp_set_mat_col(P, col, q, ind, val);
			glp_set_col_kind(P, col, GLP_BV);
			glp_set_obj_coef(P, col, nr);
		}
	for (int c = 0; c < n_z; c++) {
		int col = n_y + c + 1;
		int zi[3] = {0, row_run + z[c].run, row_out + z[c].t};
		double zv[3] = {0, 1, 1};
		glp_set_mat_col(P, col, 2, zi, zv);
		glp_set_col_bnds(P, col, GLP_DB, 0, 1);
		glp_set_obj_coef(P, col, -1);
	}
	free(ind);
	free(val);
	ip_opts_t io;
	ip_opts_init(&io);
	io.time_limit_s = time_limit;
	ip_status_t st;
	double bound = NAN;
	rc = ip_solve(P, &io, &st, &bound, err);
	if (rc != SR_OK)
		goto out;
	*lb = isfinite(bound) ? ceil(bound - 1e-6) : 0;
	*decomposed = 0;
	if (st == IP_OPTIMAL || st == IP_FEASIBLE) {
		for (int s = 0; s < ns; s++) {
			choice[s] = -1;
			for (int k = 0; k < n_sc[s]; k++)
				if (glp_mip_col_val(P, y_first[s] + k + 1) > 0.5)
					choice[s] = k;
		}
		sr_info("sbrp: MIP %s, %.0f buses, bound %.2f",
			st == IP_OPTIMAL ? "optimal" : "stopped at the limit", glp_mip_obj_val(P), bound);
	} else if (glp_get_status(P) == GLP_OPT) {
		/* no integer answer in time: LP-guided choice */
		*decomposed = 1;
		*lb = ceil(glp_get_obj_val(P) - 1e-6);
		for (int s = 0; s < ns; s++) {
			choice[s] = n_sc[s] > 0 ? 0 : -1;
			double best = -1;
			for (int k = 0; k < n_sc[s]; k++) {
				double v = glp_get_col_prim(P, y_first[s] + k + 1);
				if (v > best + 1e-9) {
					best = v;
					choice[s] = k;
				}
			}
		}
		sr_warn("sbrp: MIP found no integer solution in time: scenarios chosen by the LP");
	} else {
		*decomposed = 1;
		*lb = 0;
		for (int s = 0; s < ns; s++)
			choice[s] = n_sc[s] > 0 ? 0 : -1;
		sr_warn("sbrp: selection LP not solved in time: fewest-run scenarios taken");
	}
out:
	ip_free_prob(P);
	free(z);
	free(runs);
	free(run_y);
	free(y_first);
	return rc;
}

/* Chains the chosen runs with chain_solve (unlimited buses). Locations:
 * 0..ns-1 the schools, ns.. the runs' first stops. */
static int chain_runs(const sbrp_instance_t *in, sbrp_solution_t *sol, double time_limit,
		      sr_error_t *err)
{
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
	chain_problem_t p = {.tasks = t, .n_tasks = nr, .n_locs = nl, .dh_seconds = sec,
			     .dh_meters = met};
	chain_opts_t co;
	chain_opts_init(&co);
	co.time_limit_s = time_limit;
	chain_solution_t cs;
	int rc = chain_solve(&p, &co, &cs, err);
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

int sbrp_solve(const sbrp_instance_t *in, const sbrp_opts_t *o, sbrp_solution_t *sol,
	       sr_error_t *err)
{
	double t0 = sr_now();
	memset(sol, 0, sizeof(*sol));
	if (!(o->max_ride_s > 0))
		return sr_error_set(err, SR_EINPUT, NULL, 0, "the maximum ride must be > 0 seconds");
	int ns = in->n_schools, rc = SR_OK;
	sbrp_scenario_t **sc = xcalloc((size_t)(ns > 0 ? ns : 1), sizeof(*sc));
	int *n_sc = xcalloc((size_t)(ns > 0 ? ns : 1), sizeof(int));
	int *choice = xmalloc(sizeof(int) * (size_t)(ns > 0 ? ns : 1));
	/* effort from the time limit: a fixed count of iterations, never a
	 * clock, so results do not depend on machine load */
	double tl = o->time_limit_s > 0 ? o->time_limit_s : 60;
	int effort = (int)(tl * 2000.0 / (in->n_stops + 100));
	if (effort < 2)
		effort = 2;
	if (effort > 40)
		effort = 40;
	rc = build_pool(in, o, effort, sc, n_sc, err);
	if (rc != SR_OK)
		goto out;
	double t_pool = sr_now() - t0;
	for (int s = 0; s < ns; s++)
		sol->n_scenarios += n_sc[s];
	sr_info("sbrp: %d scenarios for %d schools in %.1f s (effort %d)", sol->n_scenarios, ns,
		t_pool, effort);
	double left = tl - (sr_now() - t0);
	if (left < 5)
		left = 5;
	rc = select_scenarios(in, sc, n_sc, left * 0.8, choice, &sol->lower_bound, &sol->decomposed,
			      err);
	if (rc != SR_OK)
		goto out;
	/* the chosen runs */
	int nr = 0;
	for (int s = 0; s < ns; s++)
		if (choice[s] >= 0)
			nr += sc[s][choice[s]].n_runs;
	sol->runs = xcalloc((size_t)(nr > 0 ? nr : 1), sizeof(sbrp_run_t));
	for (int s = 0; s < ns; s++) {
		if (choice[s] < 0)
			continue;
		sbrp_scenario_t *c = &sc[s][choice[s]];
		for (int r = 0; r < c->n_runs; r++) {
			sol->runs[sol->n_runs] = c->runs[r];
			c->runs[r].stops = NULL; /* moved */
			sol->n_runs++;
		}
	}
	left = tl - (sr_now() - t0);
	rc = chain_runs(in, sol, left > 10 ? left : 10, err);
out:
	for (int s = 0; s < ns; s++) {
		for (int k = 0; k < n_sc[s]; k++)
			sbrp_scenario_free(&sc[s][k]);
		free(sc[s]);
	}
	free(sc);
	free(n_sc);
	free(choice);
	sol->seconds = sr_now() - t0;
	if (rc != SR_OK)
		sbrp_solution_free(sol);
	return rc;
}

int sbrp_write_csv(const sbrp_instance_t *in, const sbrp_solution_t *sol, const char *path,
		   sr_error_t *err)
{
	sr_afile_t af;
	int rc = sr_afile_open(&af, path, err);
	if (rc != SR_OK)
		return rc;
	const char *hdr[6] = {"bus", "run", "seq", "stop_id", "students", "arrival_s"};
	sr_csv_write_row(af.fp, hdr, 6);
	int run_no = 0;
	char f_bus[32], f_run[32], f_seq[32], f_st[32], f_arr[64];
	for (int b = 0; b < sol->n_buses; b++) {
		for (int q = sol->bus_first[b]; q < sol->bus_first[b + 1]; q++) {
			const sbrp_run_t *r = &sol->runs[sol->bus_runs[q]];
			run_no++;
			double t = r->start_s;
			snprintf(f_bus, sizeof f_bus, "%d", b + 1);
			snprintf(f_run, sizeof f_run, "%d", run_no);
			for (int k = 0; k <= r->n_stops; k++) {
				const char *id;
				int students;
				if (k < r->n_stops) {
					const sbrp_stop_t *s = &in->stops[r->stops[k]];
					if (k > 0) {
						const sbrp_stop_t *p = &in->stops[r->stops[k - 1]];
						t += sbrp_travel_s(p->x, p->y, s->x, s->y);
					}
					id = s->id;
					students = s->students;
				} else {
					const sbrp_school_t *sc = &in->schools[r->school];
					const sbrp_stop_t *p = &in->stops[r->stops[k - 1]];
					t += sbrp_travel_s(p->x, p->y, sc->x, sc->y);
					id = sc->id;
					students = r->students;
				}
				snprintf(f_seq, sizeof f_seq, "%d", k + 1);
				snprintf(f_st, sizeof f_st, "%d", students);
				snprintf(f_arr, sizeof f_arr, "%.3f", t);
				const char *row[6] = {f_bus, f_run, f_seq, id, f_st, f_arr};
				if (sr_csv_write_row(af.fp, row, 6) != 0) {
					sr_afile_abort(&af);
					return sr_error_set(err, SR_EIO, path, 0, "cannot write");
				}
				if (k < r->n_stops)
					t += sbrp_dwell_s(students);
			}
		}
	}
	return sr_afile_commit(&af, err);
}
