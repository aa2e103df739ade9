/* sbrp_route.c - route "scenarios" for one school: sets of runs that pick up
 * every stop of the school, each under a different limit on run length and a
 * different weight of run count against run time (Bertsimas, Delarue &
 * Martin 2019 generate such scenarios per school and let the selection MIP
 * pick; shorter runs start later and chain more easily, fewer runs need
 * fewer buses at the school's peak).
 *
 * Each scenario is one solve of the routing engine (vrp_solve: savings,
 * local search, ruin-and-recreate, set partitioning over a route pool) on
 * the school as an open-route problem: node 0 the school, runs that end
 * there (VRP_TO_DEPOT), the dwell as service, 66 seats, the ride limit of
 * every stop, the scenario's run-length limit as the max duration with each
 * stop's direct trip as its duration floor (a far stop is never stranded
 * by a limit that only shapes the runs), and the weight of a run as the
 * vehicle's fixed cost on travel time (the total dwell is the same for
 * every scenario, so weight x runs + run time is what is minimised). Every
 * run is checked again under the benchmark's rules (sbrp_eval_seq). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/sbrp.h"
#include "schoolrun/vrp.h"
#include "util/i18n.h"

#define EPS 1e-7
/* route evaluations (the caller's budget unit) per ruin-and-recreate
 * iteration of the engine */
#define SBRP_EVALS_PER_ITER 1000

int sbrp_eval_seq(const sbrp_instance_t *inst, const int *stops, int n, double max_ride_s,
		  double *duration_s, int *students)
{
	*duration_s = 0;
	*students = 0;
	if (n == 0)
		return 1;
	/* a single-load run to the last stop's school, timed by the one rule
	 * book (sbrp_run_eval, which only reads the stops) */
	sbrp_run_t r = {.school = inst->stops[stops[n - 1]].school,
			.stops = (int *)(uintptr_t)stops,
			.n_stops = n};
	int ok = sbrp_run_eval(inst, &r, max_ride_s);
	*duration_s = r.duration_s;
	*students = r.students;
	return ok;
}

/* One school as a routing problem (node k+1 = stop idx[k], node 0 the
 * school); the arrays are owned here. */
typedef struct school_vrp {
	int n;
	double *tm, *svc, *ride, *floor;
	int *dem;
	vrp_vehicle_type_t vt;
	vrp_problem_t p;
} school_vrp_t;

static void school_vrp_build(const sbrp_instance_t *inst, int school, const int *idx, int m,
			     double max_ride_s, school_vrp_t *v)
{
	int n = m + 1;
	const sbrp_school_t *sc = &inst->schools[school];
	v->n = n;
	v->tm = xmalloc(sizeof(double) * (size_t)n * (size_t)n);
	v->svc = xcalloc((size_t)n, sizeof(double));
	v->ride = xcalloc((size_t)n, sizeof(double));
	v->floor = xcalloc((size_t)n, sizeof(double));
	v->dem = xcalloc((size_t)n, sizeof(int));
	for (int a = 0; a < n; a++) {
		double xa = a ? inst->stops[idx[a - 1]].x : sc->x,
		       ya = a ? inst->stops[idx[a - 1]].y : sc->y;
		for (int b = 0; b < n; b++) {
			double xb = b ? inst->stops[idx[b - 1]].x : sc->x,
			       yb = b ? inst->stops[idx[b - 1]].y : sc->y;
			v->tm[(size_t)a * n + b] = sbrp_travel_s(xa, ya, xb, yb);
		}
	}
	for (int k = 1; k < n; k++) {
		v->svc[k] = sbrp_dwell_s(inst->stops[idx[k - 1]].students);
		v->ride[k] = max_ride_s;
		v->dem[k] = inst->stops[idx[k - 1]].students;
		v->floor[k] = v->svc[k] + v->tm[(size_t)k * n]; /* the direct trip */
	}
	vrp_vehicle_type_init(&v->vt);
	v->vt.capacity = SBRP_CAPACITY;
	v->vt.count = -1;
	v->p = (vrp_problem_t){.n = n,
			       .dist = v->tm,
			       .time = v->tm,
			       .demand = v->dem,
			       .service = v->svc,
			       .kind = VRP_TO_DEPOT,
			       .types = &v->vt,
			       .n_types = 1,
			       .max_ride = v->ride,
			       .duration_floor = v->floor};
}

static void school_vrp_free(school_vrp_t *v)
{
	free(v->tm);
	free(v->svc);
	free(v->ride);
	free(v->floor);
	free(v->dem);
}

void sbrp_scenario_free(sbrp_scenario_t *sc)
{
	if (!sc)
		return;
	for (int i = 0; i < sc->n_runs; i++)
		free(sc->runs[i].stops);
	free(sc->runs);
	memset(sc, 0, sizeof(*sc));
}

/* Canonical order of runs (by first stop) so equal scenarios compare equal. */
static int same_scenario(const sbrp_scenario_t *a, const sbrp_scenario_t *b)
{
	if (a->n_runs != b->n_runs)
		return 0;
	for (int i = 0; i < a->n_runs; i++) {
		if (a->runs[i].n_stops != b->runs[i].n_stops)
			return 0;
		if (memcmp(a->runs[i].stops, b->runs[i].stops,
			   sizeof(int) * (size_t)a->runs[i].n_stops) != 0)
			return 0;
	}
	return 1;
}

static int cmp_run_first(const void *x, const void *y)
{
	const sbrp_run_t *a = x, *b = y;
	return a->stops[0] - b->stops[0];
}

/* The runs of a routing solution as a scenario; 0 (nothing kept) when a
 * stop is left out or a run breaks the benchmark's rules. */
static int to_scenario(const sbrp_instance_t *inst, const int *idx, double ride,
		       const vrp_solution_t *vs, int school, sbrp_scenario_t *sc)
{
	memset(sc, 0, sizeof(*sc));
	sc->school = school;
	sc->runs = xcalloc((size_t)(vs->n_routes > 0 ? vs->n_routes : 1), sizeof(sbrp_run_t));
	int ok = vs->n_unserved == 0;
	for (int i = 0; i < vs->n_routes && ok; i++) {
		sbrp_run_t *r = &sc->runs[sc->n_runs++];
		r->school = school;
		r->n_stops = vs->routes[i].n_stops;
		r->stops = xmalloc(sizeof(int) * (size_t)r->n_stops);
		for (int k = 0; k < r->n_stops; k++)
			r->stops[k] = idx[vs->routes[i].stops[k] - 1];
		ok = sbrp_eval_seq(inst, r->stops, r->n_stops, ride, &r->duration_s, &r->students);
		r->start_s = inst->schools[school].bell_s - SBRP_SCHOOL_DWELL_S - r->duration_s;
		sc->total_duration_s += r->duration_s;
	}
	if (!ok) {
		sbrp_scenario_free(sc);
		return 0;
	}
	qsort(sc->runs, (size_t)sc->n_runs, sizeof(sbrp_run_t), cmp_run_first);
	return 1;
}

int sbrp_school_scenarios(const sbrp_instance_t *inst, int school, double max_ride_s,
			  const double *dmax_list, int n_dmax, uint64_t seed, long budget,
			  sbrp_scenario_t **out, int *n_out, sr_error_t *err)
{
	*out = NULL;
	*n_out = 0;
	int m = 0;
	for (int i = 0; i < inst->n_stops; i++)
		if (inst->stops[i].school == school)
			m++;
	if (m == 0)
		return SR_OK;
	int *idx = xmalloc(sizeof(int) * (size_t)m);
	m = 0;
	for (int i = 0; i < inst->n_stops; i++)
		if (inst->stops[i].school == school)
			idx[m++] = i;
	const sbrp_school_t *sc = &inst->schools[school];
	school_vrp_t v;
	school_vrp_build(inst, school, idx, m, max_ride_s, &v);
	int rc = SR_OK;
	for (int k = 1; k <= m; k++) {
		double direct = v.tm[(size_t)k * v.n];
		if (direct > max_ride_s + EPS) {
			rc = sr_error_set(err, SR_EINPUT, NULL, 0,
					  _("stop %s cannot reach school %s within the ride limit "
					    "(%.0f s direct, limit %.0f s)"),
					  inst->stops[idx[k - 1]].id, sc->id, direct, max_ride_s);
			goto out;
		}
	}
	/* scenario grid: the caller's duration limits with runs weighing more
	 * than any time (fewest runs), then lighter run weights without a
	 * duration limit (more, shorter runs) */
	static const double light[] = {600.0, 1200.0, 1800.0, 3600.0};
	int n_light = (int)(sizeof(light) / sizeof(light[0]));
	int n_grid = n_dmax + n_light;
	sbrp_scenario_t *res = xcalloc((size_t)n_grid, sizeof(sbrp_scenario_t));
	int n_res = 0;
	double longest = INFINITY; /* longest run of the first scenario */
	for (int g = 0; g < n_grid && rc == SR_OK; g++) {
		double dmax = g < n_dmax ? dmax_list[g] : INFINITY;
		/* a limit that the unlimited scenario already keeps would give
		 * that scenario again (its runs are feasible and were the best
		 * found without the limit): skip the solve */
		if (g > 0 && g < n_dmax && dmax >= longest)
			continue;
		v.vt.fixed_cost = g < n_dmax ? 20000.0 : light[g - n_dmax];
		v.p.max_duration = isfinite(dmax) ? dmax : 0;
		vrp_opts_t o;
		vrp_opts_init(&o);
		o.seed = seed ^ (0x9E3779B97F4A7C15ULL * (uint64_t)(school * 1024 + g + 1));
		o.threads = 1;
		o.chains = 2; /* the scenarios run in parallel instead */
		/* the budget (route evaluations, the caller's work clock) as a
		 * fixed iteration count: the result never depends on machine
		 * load; the time limit is only a far safety net (some hundred
		 * times the work; the engine warns when it fires) */
		o.max_iters =
			budget / SBRP_EVALS_PER_ITER < 500 ? 500 : budget / SBRP_EVALS_PER_ITER;
		o.time_limit_s = 60.0 + (double)o.max_iters / 20.0;
		vrp_solution_t vs;
		rc = vrp_solve(&v.p, &o, &vs, err);
		if (rc != SR_OK)
			break;
		sbrp_scenario_t cand;
		if (!to_scenario(inst, idx, max_ride_s, &vs, school, &cand)) {
			sr_warn(_("sbrp: school %s: the routing engine's runs break a rule; scenario %d not used"),
				sc->id, g);
		} else {
			int dup = 0;
			for (int q = 0; q < n_res && !dup; q++)
				dup = same_scenario(&res[q], &cand);
			if (g == 0) {
				longest = 0;
				for (int i = 0; i < cand.n_runs; i++)
					longest = fmax(longest, cand.runs[i].duration_s);
			}
			if (dup)
				sbrp_scenario_free(&cand);
			else
				res[n_res++] = cand;
		}
		vrp_solution_free(&vs);
	}
	*out = res;
	*n_out = n_res;
	if (rc != SR_OK) {
		for (int q = 0; q < n_res; q++)
			sbrp_scenario_free(&res[q]);
		free(res);
		*out = NULL;
		*n_out = 0;
	}
out:
	school_vrp_free(&v);
	free(idx);
	return rc;
}
