/* solve.c - vrp_solve(): validation, preprocessing and orchestration of the
 * routing engine.
 *
 * Preprocessing turns stops into "visits": a stop whose demand exceeds the
 * largest vehicle is split into full loads of the largest vehicle plus a
 * remainder (when allowed), and a stop that no vehicle can serve even on
 * its own (ride limit, duration, unreachable) is reported as unserved.
 * Then: Clarke-Wright savings and local search (relocate, swap, 2-opt*,
 * Or-opt, 2-opt) give a first solution; tiny instances are solved exactly
 * by enumerating all feasible routes, larger ones improved by the
 * matheuristic (ruin-and-recreate after SISR, route pool, GLPK set
 * partitioning), closed capacity-only instances by the exact branch-and-cut
 * model when small enough. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "vrp/internal.h"
#include "vrp/search.h"
#include "vrp/heur.h"
#include "util/i18n.h"

void vrp_opts_init(vrp_opts_t *o)
{
	memset(o, 0, sizeof(*o));
	o->time_limit_s = 10;
	o->seed = 1;
	o->threads = 0;
	o->exact_max_n = 30;
	o->verbose = 0;
	o->max_iters = 0;
	o->chains = 2;
	o->crossover = 0;
}

void vrp_vehicle_type_init(vrp_vehicle_type_t *t)
{
	t->capacity = 0;
	t->count = -1;
	t->fixed_cost = 0;
	t->cost_per_dist = 1;
}

static int bad_num(double x)
{
	return isnan(x) || x < 0;
}

int vrp_validate(const vrp_problem_t *p, sr_error_t *err)
{
	if (!p || p->n < 1)
		return sr_error_set(err, SR_EINPUT, NULL, 0,
				    _("vrp: the problem needs at least the depot (n >= 1)"));
	if (!p->dist || !p->demand)
		return sr_error_set(err, SR_EINPUT, NULL, 0,
				    _("vrp: dist and demand are required"));
	if (p->kind != VRP_CLOSED && p->kind != VRP_TO_DEPOT && p->kind != VRP_FROM_DEPOT)
		return sr_error_set(err, SR_EINPUT, NULL, 0, _("vrp: unknown route kind %d"),
				    (int)p->kind);
	if (p->n_types < 1 || !p->types)
		return sr_error_set(err, SR_EINPUT, NULL, 0,
				    _("vrp: at least one vehicle type is required"));
	int capmax = 0;
	for (int k = 0; k < p->n_types; k++) {
		const vrp_vehicle_type_t *t = &p->types[k];
		if (t->capacity < 0)
			return sr_error_set(err, SR_EINPUT, NULL, 0,
					    _("vrp: vehicle type %d: negative capacity %d"), k,
					    t->capacity);
		if (t->count < -1)
			return sr_error_set(
				err, SR_EINPUT, NULL, 0,
				_("vrp: vehicle type %d: count %d (use -1 for unlimited)"), k,
				t->count);
		if (!isfinite(t->fixed_cost) || t->fixed_cost < 0)
			return sr_error_set(
				err, SR_EINPUT, NULL, 0,
				_("vrp: vehicle type %d: fixed cost must be finite and >= 0"), k);
		if (!isfinite(t->cost_per_dist) || t->cost_per_dist < 0)
			return sr_error_set(
				err, SR_EINPUT, NULL, 0,
				_("vrp: vehicle type %d: cost per distance must be finite and >= 0"),
				k);
		if (t->count != 0 && t->capacity > capmax)
			capmax = t->capacity;
	}
	if (p->demand[0] != 0)
		return sr_error_set(err, SR_EINPUT, NULL, 0,
				    _("vrp: the depot's demand must be 0 (got %d)"), p->demand[0]);
	size_t nn = (size_t)p->n * (size_t)p->n;
	for (size_t i = 0; i < nn; i++) {
		if (bad_num(p->dist[i]))
			return sr_error_set(err, SR_EINPUT, NULL, 0,
					    _("vrp: dist[%zu][%zu] is negative or NaN"), i / p->n,
					    i % p->n);
		if (p->time && bad_num(p->time[i]))
			return sr_error_set(err, SR_EINPUT, NULL, 0,
					    _("vrp: time[%zu][%zu] is negative or NaN"), i / p->n,
					    i % p->n);
	}
	for (int i = 0; i < p->n; i++) {
		if (p->demand[i] < 0)
			return sr_error_set(err, SR_EINPUT, NULL, 0,
					    _("vrp: stop %d: negative demand %d"), i, p->demand[i]);
		if (i > 0 && p->demand[i] > capmax && !p->allow_split)
			return sr_error_set(
				err, SR_EINPUT, NULL, 0,
				_("vrp: stop %d: demand %d exceeds the largest vehicle capacity %d (splitting not allowed)"),
				i, p->demand[i], capmax);
		if (i > 0 && p->demand[i] > 0 && capmax == 0)
			return sr_error_set(err, SR_EINPUT, NULL, 0,
					    _("vrp: stop %d has demand but no vehicle has seats"),
					    i);
		if (p->service && (bad_num(p->service[i]) || isinf(p->service[i])))
			return sr_error_set(err, SR_EINPUT, NULL, 0,
					    _("vrp: stop %d: service time must be finite and >= 0"),
					    i);
		if (p->max_ride && isnan(p->max_ride[i]))
			return sr_error_set(err, SR_EINPUT, NULL, 0,
					    _("vrp: stop %d: max ride is NaN"), i);
	}
	if (isnan(p->max_duration))
		return sr_error_set(err, SR_EINPUT, NULL, 0, _("vrp: max duration is NaN"));
	for (int i = 0; p->duration_floor && i < p->n; i++)
		if (bad_num(p->duration_floor[i]))
			return sr_error_set(err, SR_EINPUT, NULL, 0,
					    _("vrp: stop %d: duration floor must be >= 0 (got %g)"),
					    i, p->duration_floor[i]);
	if (bad_num(p->depot_service) || isinf(p->depot_service))
		return sr_error_set(err, SR_EINPUT, NULL, 0,
				    _("vrp: depot service must be finite and >= 0"));
	return SR_OK;
}

/* ---- preprocessing ---- */

typedef struct nbsort {
	double d;
	int v;
} nbsort_t;

#define SWAP_NB(x, y)              \
	do {                       \
		nbsort_t t_ = (x); \
		(x) = (y);         \
		(y) = t_;          \
	} while (0)

static int cmp_nb(const void *x, const void *y)
{
	const nbsort_t *a = x, *b = y;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return a->v - b->v;
}

/* Moves the k smallest of a[0..n-1] (cmp_nb's order) to a[0..k-1], in
 * any order (Hoare's selection, a median-of-three pivot): the neighbour
 * lists need the K = 40 nearest of every visit, and sorting all of them
 * took a tenth of the start on 1,000 customers. */
static void select_nb(nbsort_t *a, int n, int k)
{
	int lo = 0, hi = n - 1;
	while (hi > lo && k > lo && k <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (cmp_nb(&a[mid], &a[lo]) < 0)
			SWAP_NB(a[mid], a[lo]);
		if (cmp_nb(&a[hi], &a[lo]) < 0)
			SWAP_NB(a[hi], a[lo]);
		if (cmp_nb(&a[hi], &a[mid]) < 0)
			SWAP_NB(a[hi], a[mid]);
		nbsort_t piv = a[mid];
		int i = lo, j = hi;
		while (i <= j) {
			while (cmp_nb(&a[i], &piv) < 0)
				i++;
			while (cmp_nb(&piv, &a[j]) < 0)
				j--;
			if (i <= j) {
				SWAP_NB(a[i], a[j]);
				i++;
				j--;
			}
		}
		/* a[lo..j] <= piv <= a[i..hi], a[j+1..i-1] == piv */
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			break;
	}
}

static void ctx_neighbours(vrp_ctx_t *c, int K)
{
	int nv = c->nv;
	c->K = K < nv - 1 ? K : nv - 1;
	if (c->K < 0)
		c->K = 0;
	c->nb = xmalloc(sizeof(int) * (size_t)(nv + 1) * (size_t)(c->K > 0 ? c->K : 1));
	nbsort_t *buf = xmalloc(sizeof(nbsort_t) * (size_t)(nv + 1));
	double sum = 0;
	long cnt = 0;
	for (int a = 1; a <= nv; a++) {
		int m = 0;
		for (int b = 1; b <= nv; b++) {
			if (b == a)
				continue;
			double d = ctx_d(c, a, b) + ctx_d(c, b, a);
			buf[m].d = d;
			buf[m].v = b;
			m++;
			if (d < VRP_INF) {
				sum += d * 0.5;
				cnt++;
			}
		}
		select_nb(buf, m, c->K);
		qsort(buf, (size_t)(c->K < m ? c->K : m), sizeof(*buf), cmp_nb);
		for (int j = 0; j < c->K; j++)
			c->nb[(size_t)a * c->K + j] = buf[j].v;
	}
	c->avg_leg = cnt ? sum / cnt : 1.0;
	free(buf);
}

/* Whether dist is symmetric (then the search reads a column as a row,
 * which stays in cache: SISR's recreate scans d(., v) over every route). */
static int dist_symmetric(const vrp_problem_t *p)
{
	for (int i = 0; i < p->n; i++)
		for (int j = i + 1; j < p->n; j++)
			if (p->dist[(size_t)i * p->n + j] != p->dist[(size_t)j * p->n + i])
				return 0;
	return 1;
}

void vrp_ctx_build(vrp_ctx_t *c, const vrp_problem_t *p, int **out, int *n_out)
{
	memset(c, 0, sizeof(*c));
	c->p = p;
	c->n = p->n;
	c->kind = p->kind;
	c->max_dur = p->max_duration > 0 ? p->max_duration : VRP_INF;
	c->nt = p->n_types;
	c->cap = xmalloc(sizeof(int) * (size_t)c->nt);
	c->cnt = xmalloc(sizeof(int) * (size_t)c->nt);
	c->fix = xmalloc(sizeof(double) * (size_t)c->nt);
	c->cpd = xmalloc(sizeof(double) * (size_t)c->nt);
	double maxfix = 0, maxcpd = 0;
	for (int k = 0; k < c->nt; k++) {
		c->cap[k] = p->types[k].capacity;
		c->cnt[k] = p->types[k].count;
		c->fix[k] = p->types[k].fixed_cost;
		c->cpd[k] = p->types[k].cost_per_dist;
		if (c->cnt[k] != 0 && c->cap[k] > c->capmax)
			c->capmax = c->cap[k];
		if (c->fix[k] > maxfix)
			maxfix = c->fix[k];
		if (c->cpd[k] > maxcpd)
			maxcpd = c->cpd[k];
	}
	/* visits */
	int cap = p->n + 16, nv = 0;
	c->node = xmalloc(sizeof(int) * (size_t)cap);
	c->dem = xmalloc(sizeof(int) * (size_t)cap);
	c->node[0] = 0;
	c->dem[0] = 0;
	for (int i = 1; i < p->n; i++) {
		int d = p->demand[i];
		while (1) {
			int part = d > c->capmax && c->capmax > 0 ? c->capmax : d;
			if (nv + 2 > cap) {
				cap *= 2;
				c->node = xreallocarray(c->node, (size_t)cap, sizeof(int));
				c->dem = xreallocarray(c->dem, (size_t)cap, sizeof(int));
			}
			nv++;
			c->node[nv] = i;
			c->dem[nv] = part;
			d -= part;
			if (d <= 0)
				break;
		}
	}
	c->nv = nv;
	c->svc = xmalloc(sizeof(double) * (size_t)(nv + 1));
	c->ride = xmalloc(sizeof(double) * (size_t)(nv + 1));
	c->dfl = xmalloc(sizeof(double) * (size_t)(nv + 1));
	c->dur_cap = c->max_dur;
	for (int v = 0; v <= nv; v++) {
		int i = c->node[v];
		c->svc[v] = p->service ? p->service[i] : 0.0;
		c->ride[v] = p->max_ride && p->max_ride[i] > 0 ? p->max_ride[i] : VRP_INF;
		c->dfl[v] = v > 0 && p->duration_floor && c->max_dur < VRP_INF
				    ? p->duration_floor[i]
				    : 0.0;
		if (c->dfl[v] > c->dur_cap)
			c->dur_cap = c->dfl[v];
	}
	/* drop visits no vehicle can serve alone */
	int w = 0, last_bad = -1;
	for (int v = 1; v <= nv; v++) {
		if (seg_best_type(c, seg_single(c, v), NULL) < 0) {
			if (c->node[v] != last_bad) {
				(*out)[(*n_out)++] = c->node[v];
				last_bad = c->node[v];
			}
			continue;
		}
		w++;
		c->node[w] = c->node[v];
		c->dem[w] = c->dem[v];
		c->svc[w] = c->svc[v];
		c->ride[w] = c->ride[v];
		c->dfl[w] = c->dfl[v];
	}
	c->nv = w;
	double maxd = 0;
	size_t nn = (size_t)p->n * (size_t)p->n;
	for (size_t i = 0; i < nn; i++)
		if (isfinite(p->dist[i]) && p->dist[i] > maxd)
			maxd = p->dist[i];
	c->unserved_pen = 1000.0 * (maxfix + 2.0 * maxcpd * maxd) + 1.0;
	c->sym = dist_symmetric(p);
	ctx_neighbours(c, 40);
}

void vrp_ctx_free(vrp_ctx_t *c)
{
	free(c->cap);
	free(c->cnt);
	free(c->fix);
	free(c->cpd);
	free(c->node);
	free(c->dem);
	free(c->svc);
	free(c->ride);
	free(c->dfl);
	free(c->nb);
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

void vrp_export_solution(const vrp_ctx_t *c, const vrp_wsol_t *s, vrp_solution_t *sol, int *out,
			 int n_out)
{
	const vrp_problem_t *p = c->p;
	out = xreallocarray(out, (size_t)(n_out + c->nv + 1), sizeof(int));
	sol->routes = xcalloc((size_t)(s->nr > 0 ? s->nr : 1), sizeof(vrp_route_t));
	sol->n_routes = 0;
	sol->cost = 0;
	sol->dist = 0;
	for (int i = 0; i < s->nr; i++) {
		const vrp_wroute_t *r = &s->r[i];
		if (r->len == 0)
			continue;
		vrp_route_t *o = &sol->routes[sol->n_routes++];
		o->n_stops = r->len;
		o->stops = xmalloc(sizeof(int) * (size_t)r->len);
		o->load = xmalloc(sizeof(int) * (size_t)r->len);
		for (int j = 0; j < r->len; j++) {
			o->stops[j] = c->node[r->v[j]];
			o->load[j] = c->dem[r->v[j]];
		}
		o->type = r->type;
		vrp_route_eval(p, o);
		sol->dist += o->dist;
		sol->cost +=
			p->types[o->type].fixed_cost + p->types[o->type].cost_per_dist * o->dist;
	}
	for (int v = 1; v <= c->nv; v++)
		if (s->route_of[v] < 0)
			out[n_out++] = c->node[v];
	qsort(out, (size_t)n_out, sizeof(int), cmp_int);
	int w = 0;
	for (int i = 0; i < n_out; i++)
		if (w == 0 || out[w - 1] != out[i])
			out[w++] = out[i];
	sol->unserved = out;
	sol->n_unserved = w;
}

/* Runs the exact branch-and-cut (exact.c) from the heuristic solution;
 * takes its result when it is better or proved optimal, and its lower
 * bound. A failure of the exact model leaves the heuristic result. */
static void exact_phase(const vrp_problem_t *p, const vrp_opts_t *o, double deadline,
			vrp_solution_t *sol)
{
	double left = deadline - sr_now();
	if (left < 0.1)
		return;
	vrp_opts_t eo = *o;
	eo.time_limit_s = left;
	vrp_solution_t ex;
	sr_error_t e2;
	int rc = vrp_exact_solve(p, &eo, sol, &ex, &e2);
	if (rc != SR_OK) {
		char b[1200];
		sr_debug("vrp: exact model: %s", sr_error_format(&e2, b, sizeof b));
		return;
	}
	int valid = ex.n_unserved == 0;
	for (int i = 0; i < ex.n_routes && valid; i++)
		valid = vrp_route_eval(p, &ex.routes[i]);
	if (valid && (ex.cost < sol->cost - 1e-9 || (ex.optimal && ex.cost <= sol->cost + 1e-9))) {
		vrp_solution_free(sol);
		*sol = ex;
		sol->cost = sol->dist = 0;
		for (int i = 0; i < sol->n_routes; i++) {
			const vrp_vehicle_type_t *t = &p->types[sol->routes[i].type];
			sol->dist += sol->routes[i].dist;
			sol->cost += t->fixed_cost + t->cost_per_dist * sol->routes[i].dist;
		}
	} else {
		if (isfinite(ex.lower_bound) && ex.lower_bound > sol->lower_bound)
			sol->lower_bound = ex.lower_bound;
		vrp_solution_free(&ex);
	}
}

/* The phases' times on the log (--verbose). */
static void log_profile(const vrp_profile_t *P)
{
	sr_info("vrp: time, wall/CPU s: start %.3f/%.3f, SISR %.3f/%.3f, route pools %.3f/%.3f, set partitioning %.3f/%.3f, crossover %.3f/%.3f, local search %.3f/%.3f, exact %.3f/%.3f, rest %.3f/%.3f; total %.3f/%.3f",
		P->start.wall, P->start.cpu, P->sisr.wall, P->sisr.cpu, P->collect.wall,
		P->collect.cpu, P->setpart.wall, P->setpart.cpu, P->crossover.wall,
		P->crossover.cpu, P->local_search.wall, P->local_search.cpu, P->exact.wall,
		P->exact.cpu, P->rest.wall, P->rest.cpu, P->total.wall, P->total.cpu);
	for (int i = 0; i < P->n_chains && i < VRP_PROF_CHAINS; i++) {
		const vrp_chain_profile_t *h = &P->chain[i];
		sr_info("vrp: chain %d: CPU %.3f s, helpers %.3f s; its thread: candidates %.3f, catching up %.3f, judging %.3f, waiting %.3f s; helpers: candidates %.3f, catching up %.3f s",
			i, h->cpu, h->helper_cpu, h->cand, h->sync, h->judge, h->wait,
			h->helper_cand, h->helper_sync);
	}
}

/* The profile's totals: this thread's CPU outside the heuristic and the
 * exact model is the rest; the phases add up to the total. */
static void profile_finish(vrp_profile_t *P, vrp_clock_t k0, double heur_cpu, double wall)
{
	P->rest.cpu += vrp_cpu_now() - k0.cpu - heur_cpu - P->exact.cpu;
	const vrp_phase_time_t *ph[] = {&P->start,     &P->sisr,	 &P->collect, &P->setpart,
					&P->crossover, &P->local_search, &P->exact};
	double w = 0, cpu = P->rest.cpu;
	for (size_t i = 0; i < sizeof(ph) / sizeof(ph[0]); i++) {
		w += ph[i]->wall;
		cpu += ph[i]->cpu;
	}
	P->rest.wall = wall - w;
	P->total.wall = wall;
	P->total.cpu = cpu;
}

int vrp_solve(const vrp_problem_t *p, const vrp_opts_t *o, vrp_solution_t *sol, sr_error_t *err)
{
	vrp_clock_t k0 = vrp_clock_start();
	double t0 = k0.wall;
	vrp_profile_t prof;
	memset(&prof, 0, sizeof(prof));
	double heur_cpu = 0;
	vrp_opts_t def;
	if (!o) {
		vrp_opts_init(&def);
		o = &def;
	}
	memset(sol, 0, sizeof(*sol));
	sol->lower_bound = -INFINITY;
	int rc = vrp_validate(p, err);
	if (rc != SR_OK)
		return rc;
	double deadline = t0 + (o->time_limit_s > 0 ? o->time_limit_s : 1e9);

	vrp_ctx_t c;
	int *out = xmalloc(sizeof(int) * (size_t)(p->n + 1));
	int n_out = 0;
	vrp_ctx_build(&c, p, &out, &n_out);
	if (n_out)
		sr_warn(_("vrp: %d stop(s) cannot be served by any vehicle (ride, duration or reachability)"),
			n_out);

	vrp_wsol_t best;
	wsol_init(&best, &c);
	int optimal = 0;
	double lb = -INFINITY;
	/* closed capacity(-and-duration) instances up to exact_max_n customers:
	 * the heuristic gets a third of the time, the branch-and-cut the rest */
	int try_exact =
		c.nv > 12 && p->n - 1 <= o->exact_max_n && c.nv == p->n - 1 && vrp_exact_applies(p);
	double heur_deadline = try_exact ? t0 + (deadline - t0) / 3 : deadline;
	if (c.nv > 0) {
		vrp_clock_t kh = vrp_clock_start();
		rc = vrp_heur_solve(&c, o, heur_deadline, &best, &optimal, &lb, &prof, err);
		heur_cpu = vrp_clock_add(NULL, kh);
		if (rc != SR_OK)
			goto out_free;
	} else {
		optimal = 1;
		lb = 0;
	}
	vrp_export_solution(&c, &best, sol, out, n_out);
	out = NULL;
	sol->optimal = optimal;
	sol->lower_bound = lb;
	if (try_exact && !optimal && sol->n_unserved == 0) {
		vrp_clock_t ke = vrp_clock_start();
		exact_phase(p, o, deadline, sol);
		vrp_clock_add(&prof.exact, ke);
	}
	if (sol->n_unserved > 0 && sol->n_unserved > n_out)
		/* the caller reports it: the planner retries without the limit */
		sr_debug("vrp: the fleet is too small: %d stop(s) left unserved",
			 sol->n_unserved - n_out);
out_free:
	free(out);
	wsol_free(&best);
	vrp_ctx_free(&c);
	sol->seconds = sr_now() - t0;
	profile_finish(&prof, k0, heur_cpu, sol->seconds);
	sol->profile = prof;
	if (o->verbose)
		log_profile(&sol->profile);
	return rc;
}

void vrp_solution_free(vrp_solution_t *sol)
{
	if (!sol)
		return;
	for (int i = 0; i < sol->n_routes; i++) {
		free(sol->routes[i].stops);
		free(sol->routes[i].load);
	}
	free(sol->routes);
	free(sol->unserved);
	memset(sol, 0, sizeof(*sol));
}
