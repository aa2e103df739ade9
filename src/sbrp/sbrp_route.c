/* sbrp_route.c - route "scenarios" for one school: sets of runs that pick up
 * every stop of the school, each under a different limit on run length and a
 * different weight of run count against run time (Bertsimas, Delarue &
 * Martin 2019 generate such scenarios per school and let the selection MIP
 * pick; shorter runs start later and chain more easily, fewer runs need
 * fewer buses at the school's peak).
 *
 * Each scenario: open Clarke & Wright savings towards the school with a
 * randomised savings shape, then local search (relocate, swap, 2-opt*,
 * intra-route 2-opt: the neighbourhoods of Vidal et al.'s HGS and VROOM) and
 * ruin-and-recreate rounds (Schrimpf et al. 2000: remove related stops,
 * reinsert by cheapest feasible insertion), accepting only improvements.
 * A run's constraints: 66 seats, the ride of its first stop (the longest
 * ride) within the limit, its duration within the scenario's limit. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/sbrp.h"
#include "schoolrun/vrp.h"

#define EPS 1e-7

int sbrp_eval_seq(const sbrp_instance_t *inst, const int *stops, int n,
		  double max_ride_s, double *duration_s, int *students)
{
	double t = 0;
	int load = 0;
	const sbrp_school_t *sc = NULL;
	for (int k = 0; k < n; k++) {
		const sbrp_stop_t *s = &inst->stops[stops[k]];
		if (k > 0) {
			const sbrp_stop_t *p = &inst->stops[stops[k - 1]];
			t += sbrp_travel_s(p->x, p->y, s->x, s->y);
		}
		t += sbrp_dwell_s(s->students);
		load += s->students;
		sc = &inst->schools[s->school];
	}
	if (n > 0) {
		const sbrp_stop_t *l = &inst->stops[stops[n - 1]];
		t += sbrp_travel_s(l->x, l->y, sc->x, sc->y);
	}
	*duration_s = t;
	*students = load;
	if (load > SBRP_CAPACITY)
		return 0;
	if (n > 0 && t - sbrp_dwell_s(inst->stops[stops[0]].students) > max_ride_s + EPS)
		return 0;
	return 1;
}

/* The working state for one school. Local stop k is instance stop idx[k];
 * local index m is the school. */
typedef struct ctx {
	int m;
	const int *idx;
	double *tt;      /* (m+1)^2 travel times */
	double *dw;      /* dwell per local stop */
	int *dem;
	double ride, dmax; /* ride limit, duration limit */
	double fixed;    /* weight of one run, seconds */
	sr_rng_t rng;
	uint64_t evals;  /* sequence evaluations: the deterministic work clock */
} ctx_t;

typedef struct route {
	int *s;
	int n, cap;
	int load;
	double dur;
} route_t;

typedef struct rsol {
	route_t *r;
	int n, cap;
} rsol_t;

static double T(const ctx_t *c, int a, int b)
{
	return c->tt[(size_t)a * (c->m + 1) + b];
}

/* Duration of a sequence, or INFINITY when infeasible. */
static double seq_dur(ctx_t *c, const int *s, int n, int *load_out)
{
	c->evals++;
	if (n == 0) {
		*load_out = 0;
		return 0;
	}
	double t = 0, direct = 0;
	int load = 0;
	for (int k = 0; k < n; k++) {
		if (k > 0)
			t += T(c, s[k - 1], s[k]);
		t += c->dw[s[k]];
		load += c->dem[s[k]];
		double d = c->dw[s[k]] + T(c, s[k], c->m);
		if (d > direct)
			direct = d;
	}
	t += T(c, s[n - 1], c->m);
	*load_out = load;
	/* the duration limit is soft for far stops: a run may always last as
	 * long as the direct trip of its farthest stop */
	if (load > SBRP_CAPACITY || t - c->dw[s[0]] > c->ride + EPS ||
	    t > (c->dmax > direct ? c->dmax : direct) + EPS)
		return INFINITY;
	return t;
}

static double route_cost(const ctx_t *c, const route_t *r)
{
	return r->n > 0 ? c->fixed + r->dur : 0;
}

static void route_set(route_t *r, const int *s, int n, double dur, int load)
{
	if (n > r->cap) {
		r->cap = n * 2;
		r->s = xrealloc(r->s, sizeof(int) * (size_t)r->cap);
	}
	memmove(r->s, s, sizeof(int) * (size_t)n);
	r->n = n;
	r->dur = dur;
	r->load = load;
}

static void sol_free(rsol_t *s)
{
	for (int i = 0; i < s->cap; i++)
		free(s->r[i].s);
	free(s->r);
	memset(s, 0, sizeof(*s));
}

static route_t *sol_add(rsol_t *s)
{
	if (s->n == s->cap) {
		int nc = s->cap ? s->cap * 2 : 8;
		s->r = xrealloc(s->r, sizeof(route_t) * (size_t)nc);
		memset(s->r + s->cap, 0, sizeof(route_t) * (size_t)(nc - s->cap));
		s->cap = nc;
	}
	route_t *r = &s->r[s->n++];
	r->n = 0;
	return r;
}

static void sol_compact(rsol_t *s)
{
	int w = 0;
	for (int i = 0; i < s->n; i++) {
		if (s->r[i].n == 0)
			continue;
		if (w != i) {
			route_t tmp = s->r[w];
			s->r[w] = s->r[i];
			s->r[i] = tmp;
		}
		w++;
	}
	s->n = w;
}

static double sol_cost(const ctx_t *c, const rsol_t *s)
{
	double x = 0;
	for (int i = 0; i < s->n; i++)
		x += route_cost(c, &s->r[i]);
	return x;
}

static void sol_copy(rsol_t *dst, const rsol_t *src)
{
	for (int i = 0; i < dst->n; i++)
		dst->r[i].n = 0;
	dst->n = 0;
	for (int i = 0; i < src->n; i++) {
		route_t *r = sol_add(dst);
		route_set(r, src->r[i].s, src->r[i].n, src->r[i].dur, src->r[i].load);
	}
}

/* ---- construction: open savings towards the school ---- */
typedef struct saving {
	double v;
	int i, j;
} saving_t;

static int cmp_saving(const void *a, const void *b)
{
	const saving_t *x = a, *y = b;
	if (x->v != y->v)
		return x->v > y->v ? -1 : 1;
	if (x->i != y->i)
		return x->i - y->i;
	return x->j - y->j;
}

static void savings(ctx_t *c, rsol_t *out, double lambda, double noise)
{
	int m = c->m;
	int *route_of = xmalloc(sizeof(int) * (size_t)m);
	for (int k = 0; k < m; k++) {
		route_t *r = sol_add(out);
		int load;
		route_set(r, &k, 1, seq_dur(c, &k, 1, &load), c->dem[k]);
		route_of[k] = out->n - 1;
	}
	saving_t *sv = xmalloc(sizeof(saving_t) * (size_t)(m * m > 0 ? m * m : 1));
	int ns = 0;
	for (int i = 0; i < m; i++)
		for (int j = 0; j < m; j++) {
			if (i == j)
				continue;
			double v = T(c, i, m) - lambda * T(c, i, j);
			v *= 1.0 + noise * (sr_rng_unit(&c->rng) - 0.5);
			sv[ns++] = (saving_t){v, i, j};
		}
	qsort(sv, (size_t)ns, sizeof(saving_t), cmp_saving);
	int *buf = xmalloc(sizeof(int) * (size_t)(m + 1));
	for (int k = 0; k < ns; k++) {
		int i = sv[k].i, j = sv[k].j;
		int ra = route_of[i], rb = route_of[j];
		if (ra == rb)
			continue;
		route_t *A = &out->r[ra], *B = &out->r[rb];
		if (A->s[A->n - 1] != i || B->s[0] != j)
			continue;
		if (A->load + B->load > SBRP_CAPACITY)
			continue;
		memcpy(buf, A->s, sizeof(int) * (size_t)A->n);
		memcpy(buf + A->n, B->s, sizeof(int) * (size_t)B->n);
		int load, n = A->n + B->n;
		double d = seq_dur(c, buf, n, &load);
		if (!isfinite(d))
			continue;
		route_set(A, buf, n, d, load);
		for (int q = 0; q < B->n; q++)
			route_of[B->s[q]] = ra;
		B->n = 0;
	}
	free(buf);
	free(sv);
	free(route_of);
	sol_compact(out);
}

/* ---- local search ---- */

/* Tries all relocations of one stop; returns 1 after applying an
 * improving one. */
static int try_relocate(ctx_t *c, rsol_t *s, int *buf_a, int *buf_b)
{
	for (int ra = 0; ra < s->n; ra++) {
		route_t *A = &s->r[ra];
		for (int p = 0; p < A->n; p++) {
			int v = A->s[p];
			/* A without v */
			int na = 0;
			for (int q = 0; q < A->n; q++)
				if (q != p)
					buf_a[na++] = A->s[q];
			int la;
			double da = seq_dur(c, buf_a, na, &la);
			if (!isfinite(da))
				continue;
			double gain_rm = route_cost(c, A) - (na > 0 ? c->fixed + da : 0);
			for (int rb = 0; rb < s->n; rb++) {
				route_t *B = &s->r[rb];
				if (rb == ra) {
					for (int q = 0; q <= na; q++) {
						if (q == p)
							continue;
						memcpy(buf_b, buf_a, sizeof(int) * (size_t)q);
						buf_b[q] = v;
						memcpy(buf_b + q + 1, buf_a + q, sizeof(int) * (size_t)(na - q));
						int lb;
						double db = seq_dur(c, buf_b, na + 1, &lb);
						if (isfinite(db) && db < A->dur - EPS * 10 - 1e-6) {
							route_set(A, buf_b, na + 1, db, lb);
							return 1;
						}
					}
					continue;
				}
				if (B->load + c->dem[v] > SBRP_CAPACITY)
					continue;
				for (int q = 0; q <= B->n; q++) {
					memcpy(buf_b, B->s, sizeof(int) * (size_t)q);
					buf_b[q] = v;
					memcpy(buf_b + q + 1, B->s + q, sizeof(int) * (size_t)(B->n - q));
					int lb;
					double db = seq_dur(c, buf_b, B->n + 1, &lb);
					if (!isfinite(db))
						continue;
					double add = db - B->dur;
					if (add < gain_rm - 1e-6) {
						route_set(B, buf_b, B->n + 1, db, lb);
						route_set(A, buf_a, na, da, la);
						return 1;
					}
				}
			}
		}
	}
	return 0;
}

static int try_swap(ctx_t *c, rsol_t *s, int *buf_a, int *buf_b)
{
	for (int ra = 0; ra < s->n; ra++)
		for (int rb = ra + 1; rb < s->n; rb++) {
			route_t *A = &s->r[ra], *B = &s->r[rb];
			for (int p = 0; p < A->n; p++)
				for (int q = 0; q < B->n; q++) {
					int u = A->s[p], v = B->s[q];
					if (A->load - c->dem[u] + c->dem[v] > SBRP_CAPACITY ||
					    B->load - c->dem[v] + c->dem[u] > SBRP_CAPACITY)
						continue;
					memcpy(buf_a, A->s, sizeof(int) * (size_t)A->n);
					buf_a[p] = v;
					int la, lb;
					double da = seq_dur(c, buf_a, A->n, &la);
					if (!isfinite(da))
						continue;
					memcpy(buf_b, B->s, sizeof(int) * (size_t)B->n);
					buf_b[q] = u;
					double db = seq_dur(c, buf_b, B->n, &lb);
					if (!isfinite(db))
						continue;
					if (da + db < A->dur + B->dur - 1e-6) {
						route_set(A, buf_a, A->n, da, la);
						route_set(B, buf_b, B->n, db, lb);
						return 1;
					}
				}
		}
	return 0;
}

/* 2-opt* for open routes: exchange the tails of two runs (cuts after
 * position p in A and q in B; empty heads allowed so runs can merge). */
static int try_two_opt_star(ctx_t *c, rsol_t *s, int *buf_a, int *buf_b)
{
	for (int ra = 0; ra < s->n; ra++)
		for (int rb = 0; rb < s->n; rb++) {
			if (ra == rb)
				continue;
			route_t *A = &s->r[ra], *B = &s->r[rb];
			double old = route_cost(c, A) + route_cost(c, B);
			for (int p = 1; p <= A->n; p++)
				for (int q = 0; q <= B->n; q++) {
					if (q == 0 && p == A->n)
						continue;
					/* A' = A[0..p) + B[q..), B' = B[0..q) + A[p..) */
					int na = 0, nb = 0;
					for (int k = 0; k < p; k++)
						buf_a[na++] = A->s[k];
					for (int k = q; k < B->n; k++)
						buf_a[na++] = B->s[k];
					for (int k = 0; k < q; k++)
						buf_b[nb++] = B->s[k];
					for (int k = p; k < A->n; k++)
						buf_b[nb++] = A->s[k];
					int la, lb;
					double da = seq_dur(c, buf_a, na, &la);
					if (!isfinite(da))
						continue;
					double db = seq_dur(c, buf_b, nb, &lb);
					if (!isfinite(db))
						continue;
					double nw = (na ? c->fixed + da : 0) + (nb ? c->fixed + db : 0);
					if (nw < old - 1e-6) {
						route_set(A, buf_a, na, da, la);
						route_set(B, buf_b, nb, db, lb);
						return 1;
					}
				}
		}
	return 0;
}

static int try_two_opt(ctx_t *c, rsol_t *s, int *buf_a)
{
	for (int ra = 0; ra < s->n; ra++) {
		route_t *A = &s->r[ra];
		for (int i = 0; i < A->n; i++)
			for (int j = i + 1; j < A->n; j++) {
				memcpy(buf_a, A->s, sizeof(int) * (size_t)A->n);
				for (int a = i, b = j; a < b; a++, b--) {
					int t = buf_a[a];
					buf_a[a] = buf_a[b];
					buf_a[b] = t;
				}
				int la;
				double da = seq_dur(c, buf_a, A->n, &la);
				if (isfinite(da) && da < A->dur - 1e-6) {
					route_set(A, buf_a, A->n, da, la);
					return 1;
				}
			}
	}
	return 0;
}

static void local_search(ctx_t *c, rsol_t *s, int *buf_a, int *buf_b)
{
	for (int guard = 0; guard < 100000; guard++) {
		if (try_relocate(c, s, buf_a, buf_b) || try_two_opt_star(c, s, buf_a, buf_b) ||
		    try_swap(c, s, buf_a, buf_b) || try_two_opt(c, s, buf_a)) {
			sol_compact(s);
			continue;
		}
		break;
	}
}

/* Ruin (a stop and its nearest neighbours) and recreate (cheapest feasible
 * insertion, a new run when none fits). */
static void ruin_recreate(ctx_t *c, rsol_t *s, int k, int *buf)
{
	int m = c->m;
	int *removed = xmalloc(sizeof(int) * (size_t)m);
	char *gone = xcalloc((size_t)m, 1);
	int seed = (int)sr_rng_below(&c->rng, (uint32_t)m);
	int nr = 0;
	/* route elimination (a third of the time): a whole small run goes,
	 * with the stops nearest to its first one */
	if (s->n > 1 && sr_rng_below(&c->rng, 3) == 0) {
		int pick = -1;
		for (int tries = 0; tries < 3; tries++) {
			int ri = (int)sr_rng_below(&c->rng, (uint32_t)s->n);
			if (pick < 0 || s->r[ri].load < s->r[pick].load)
				pick = ri;
		}
		for (int q = 0; q < s->r[pick].n; q++) {
			gone[s->r[pick].s[q]] = 1;
			removed[nr++] = s->r[pick].s[q];
		}
		seed = s->r[pick].s[0];
		k = nr + (int)sr_rng_below(&c->rng, 4);
	}
	/* the k stops nearest to seed (including it) */
	for (int round = nr; round < k && round < m; round++) {
		int best = -1;
		double bd = INFINITY;
		for (int v = 0; v < m; v++) {
			if (gone[v])
				continue;
			double d = T(c, seed, v) + T(c, v, seed);
			if (d < bd) {
				bd = d;
				best = v;
			}
		}
		gone[best] = 1;
		removed[nr++] = best;
	}
	for (int ri = 0; ri < s->n; ri++) {
		route_t *R = &s->r[ri];
		int n = 0;
		for (int q = 0; q < R->n; q++)
			if (!gone[R->s[q]])
				buf[n++] = R->s[q];
		if (n != R->n) {
			/* removing stops never lengthens a run (Manhattan distances
			 * obey the triangle inequality), so the rest stays feasible */
			int l;
			double d = seq_dur(c, buf, n, &l);
			route_set(R, buf, n, isfinite(d) ? d : R->dur, l);
		}
	}
	sol_compact(s);
	sr_rng_shuffle_int(&c->rng, removed, (size_t)nr);
	if (sr_rng_below(&c->rng, 2) == 0) /* largest first, as in bin packing */
		for (int a = 1; a < nr; a++)
			for (int b = a; b > 0 && c->dem[removed[b]] > c->dem[removed[b - 1]]; b--) {
				int t = removed[b];
				removed[b] = removed[b - 1];
				removed[b - 1] = t;
			}
	for (int x = 0; x < nr; x++) {
		int v = removed[x];
		int br = -1, bq = -1, bl = 0;
		double bd = 0, badd = INFINITY;
		for (int ri = 0; ri < s->n; ri++) {
			route_t *R = &s->r[ri];
			if (R->load + c->dem[v] > SBRP_CAPACITY)
				continue;
			for (int q = 0; q <= R->n; q++) {
				memcpy(buf, R->s, sizeof(int) * (size_t)q);
				buf[q] = v;
				memcpy(buf + q + 1, R->s + q, sizeof(int) * (size_t)(R->n - q));
				int l;
				double d = seq_dur(c, buf, R->n + 1, &l);
				if (isfinite(d) && d - R->dur < badd) {
					badd = d - R->dur;
					br = ri;
					bq = q;
					bd = d;
					bl = l;
				}
			}
		}
		int l1;
		double alone = seq_dur(c, &v, 1, &l1);
		if (br < 0 || badd > c->fixed + alone) {
			route_t *R = sol_add(s);
			route_set(R, &v, 1, alone, l1);
			continue;
		}
		route_t *R = &s->r[br];
		memcpy(buf, R->s, sizeof(int) * (size_t)bq);
		buf[bq] = v;
		memcpy(buf + bq + 1, R->s + bq, sizeof(int) * (size_t)(R->n - bq));
		route_set(R, buf, R->n + 1, bd, bl);
	}
	free(removed);
	free(gone);
}

/* One school as a problem for the routing engine (vrp_solve): node 0 the
 * school, open runs that end there (VRP_TO_DEPOT), dwell as service, the
 * ride limit per stop, a run weighing more than any run time. Every route
 * it returns is re-checked here before use. */
static int vrp_scenario(ctx_t *c, uint64_t seed, long iters, rsol_t *out, sr_error_t *err)
{
	int m = c->m, n = m + 1;
	double *tm = xmalloc(sizeof(double) * (size_t)n * (size_t)n);
	double *svc = xcalloc((size_t)n, sizeof(double));
	double *ride = xcalloc((size_t)n, sizeof(double));
	int *dem = xcalloc((size_t)n, sizeof(int));
	for (int a = 0; a < n; a++)
		for (int b = 0; b < n; b++)
			tm[(size_t)a * n + b] = T(c, a == 0 ? m : a - 1, b == 0 ? m : b - 1);
	for (int k = 0; k < m; k++) {
		svc[k + 1] = c->dw[k];
		ride[k + 1] = c->ride;
		dem[k + 1] = c->dem[k];
	}
	vrp_vehicle_type_t vt;
	vrp_vehicle_type_init(&vt);
	vt.capacity = SBRP_CAPACITY;
	vt.count = -1;
	vt.fixed_cost = 20000.0;
	vrp_problem_t p = {.n = n, .dist = tm, .time = tm, .demand = dem, .service = svc,
			   .kind = VRP_TO_DEPOT, .types = &vt, .n_types = 1, .max_ride = ride};
	vrp_opts_t o;
	vrp_opts_init(&o);
	o.seed = seed;
	o.threads = 1;
	/* a fixed iteration count keeps the result independent of machine
	 * load; the time limit is only a generous safety net */
	o.max_iters = iters < 500 ? 500 : iters;
	o.time_limit_s = 30.0 + (double)o.max_iters / 200.0;
	vrp_solution_t vs;
	int rc = vrp_solve(&p, &o, &vs, err);
	if (rc == SR_OK) {
		int *buf = xmalloc(sizeof(int) * (size_t)(m + 1));
		int ok = vs.n_unserved == 0;
		for (int r = 0; r < vs.n_routes && ok; r++) {
			for (int q = 0; q < vs.routes[r].n_stops; q++)
				buf[q] = vs.routes[r].stops[q] - 1;
			int load;
			c->dmax = INFINITY;
			double d = seq_dur(c, buf, vs.routes[r].n_stops, &load);
			if (!isfinite(d)) {
				ok = 0;
				break;
			}
			route_set(sol_add(out), buf, vs.routes[r].n_stops, d, load);
		}
		if (!ok) { /* not usable under our rules: drop it */
			sr_warn("sbrp: the routing engine's runs break a rule here; not used");
			for (int i = 0; i < out->n; i++)
				out->r[i].n = 0;
			out->n = 0;
		}
		free(buf);
		vrp_solution_free(&vs);
	}
	free(tm);
	free(svc);
	free(ride);
	free(dem);
	return rc;
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

static void to_scenario(const sbrp_instance_t *inst, const ctx_t *c, const rsol_t *s,
			int school, sbrp_scenario_t *sc)
{
	memset(sc, 0, sizeof(*sc));
	sc->school = school;
	sc->runs = xcalloc((size_t)(s->n > 0 ? s->n : 1), sizeof(sbrp_run_t));
	for (int i = 0; i < s->n; i++) {
		sbrp_run_t *r = &sc->runs[sc->n_runs++];
		r->school = school;
		r->n_stops = s->r[i].n;
		r->stops = xmalloc(sizeof(int) * (size_t)r->n_stops);
		for (int k = 0; k < r->n_stops; k++)
			r->stops[k] = c->idx[s->r[i].s[k]];
		sbrp_eval_seq(inst, r->stops, r->n_stops, c->ride, &r->duration_s, &r->students);
		r->start_s = inst->schools[school].bell_s - SBRP_SCHOOL_DWELL_S - r->duration_s;
		sc->total_duration_s += r->duration_s;
	}
	qsort(sc->runs, (size_t)sc->n_runs, sizeof(sbrp_run_t), cmp_run_first);
}

int sbrp_school_scenarios(const sbrp_instance_t *inst, int school, double max_ride_s,
			  const double *dmax_list, int n_dmax, uint64_t seed, long budget,
			  sbrp_scenario_t **out, int *n_out, sr_error_t *err)
{
	*out = NULL;
	*n_out = 0;
	ctx_t c;
	memset(&c, 0, sizeof(c));
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
	c.m = m;
	c.idx = idx;
	c.tt = xmalloc(sizeof(double) * (size_t)(m + 1) * (size_t)(m + 1));
	c.dw = xmalloc(sizeof(double) * (size_t)m);
	c.dem = xmalloc(sizeof(int) * (size_t)m);
	c.ride = max_ride_s;
	const sbrp_school_t *sc = &inst->schools[school];
	for (int a = 0; a <= m; a++) {
		double xa = a < m ? inst->stops[idx[a]].x : sc->x, ya = a < m ? inst->stops[idx[a]].y : sc->y;
		for (int b = 0; b <= m; b++) {
			double xb = b < m ? inst->stops[idx[b]].x : sc->x,
			       yb = b < m ? inst->stops[idx[b]].y : sc->y;
			c.tt[(size_t)a * (m + 1) + b] = sbrp_travel_s(xa, ya, xb, yb);
		}
	}
	double direct_max = 0;
	int rc = SR_OK;
	for (int k = 0; k < m; k++) {
		c.dw[k] = sbrp_dwell_s(inst->stops[idx[k]].students);
		c.dem[k] = inst->stops[idx[k]].students;
		double ride = T(&c, k, m);
		if (ride > max_ride_s + EPS) {
			rc = sr_error_set(err, SR_EINPUT, NULL, 0,
					  "stop %s cannot reach school %s within the ride limit "
					  "(%.0f s direct, limit %.0f s)",
					  inst->stops[idx[k]].id, sc->id, ride, max_ride_s);
			goto out;
		}
		if (c.dw[k] + ride > direct_max)
			direct_max = c.dw[k] + ride;
	}
	/* scenario grid: the caller's duration limits with runs weighing more
	 * than any time (fewest runs), then two lighter run weights without a
	 * duration limit (more, shorter runs) */
	int n_grid = n_dmax + 2;
	sbrp_scenario_t *res = xcalloc((size_t)n_grid, sizeof(sbrp_scenario_t));
	int n_res = 0;
	int *buf_a = xmalloc(sizeof(int) * (size_t)(2 * m + 2));
	int *buf_b = xmalloc(sizeof(int) * (size_t)(2 * m + 2));
	(void)direct_max;
	for (int g = 0; g < n_grid; g++) {
		double dmax, fixed;
		if (g < n_dmax) {
			dmax = dmax_list[g];
			fixed = 20000.0;
		} else {
			dmax = INFINITY;
			fixed = g == n_dmax ? 600.0 : 1800.0;
		}
		c.dmax = dmax;
		c.fixed = fixed;
		sr_rng_seed(&c.rng, seed ^ (0x9E3779B97F4A7C15ULL * (uint64_t)(school * 1024 + g + 1)));
		rsol_t best = {0}, cur = {0};
		double best_cost = INFINITY;
		/* the budget is counted in sequence evaluations, not seconds, so
		 * that results never depend on machine load */
		int starts = budget >= 400000 ? 4 : budget >= 100000 ? 2 : 1;
		for (int st = 0; st < starts; st++) {
			uint64_t stop_at = c.evals + (uint64_t)(budget / starts);
			for (int i = 0; i < cur.n; i++)
				cur.r[i].n = 0;
			cur.n = 0;
			double lambda = st == 0 ? 1.0 : 0.4 + 1.2 * sr_rng_unit(&c.rng);
			savings(&c, &cur, lambda, st == 0 ? 0.0 : 0.3);
			local_search(&c, &cur, buf_a, buf_b);
			double cost = sol_cost(&c, &cur);
			rsol_t trial = {0};
			while (c.evals < stop_at) {
				sol_copy(&trial, &cur);
				int k = 2 + (int)sr_rng_below(&c.rng, (uint32_t)(m < 12 ? m : 12));
				if (k > m)
					k = m;
				ruin_recreate(&c, &trial, k, buf_a);
				local_search(&c, &trial, buf_a, buf_b);
				double tc = sol_cost(&c, &trial);
				if (tc < cost - 1e-6) {
					sol_copy(&cur, &trial);
					cost = tc;
				}
			}
			sol_free(&trial);
			if (cost < best_cost - 1e-6) {
				best_cost = cost;
				sol_copy(&best, &cur);
			}
		}
		sbrp_scenario_t cand;
		to_scenario(inst, &c, &best, school, &cand);
		int dup = 0;
		for (int q = 0; q < n_res && !dup; q++)
			dup = same_scenario(&res[q], &cand);
		if (dup)
			sbrp_scenario_free(&cand);
		else
			res[n_res++] = cand;
		sol_free(&best);
		sol_free(&cur);
	}
	/* the routing engine's answer (fewest runs, then least time) as one
	 * more scenario */
	{
		rsol_t vs = {0};
		int vrc = vrp_scenario(&c, seed ^ (uint64_t)(school + 1) * 0xBF58476D1CE4E5B9ULL,
				       budget / 500, &vs, err);
		if (vrc == SR_OK && vs.n > 0) {
			c.dmax = INFINITY;
			c.fixed = 20000.0;
			local_search(&c, &vs, buf_a, buf_b);
			sbrp_scenario_t cand;
			to_scenario(inst, &c, &vs, school, &cand);
			int dup = 0;
			for (int q = 0; q < n_res && !dup; q++)
				dup = same_scenario(&res[q], &cand);
			if (dup) {
				sbrp_scenario_free(&cand);
			} else {
				res = xrealloc(res, sizeof(*res) * (size_t)(n_res + 1));
				res[n_res++] = cand;
			}
			sr_debug("sbrp: school %s: routing engine %d runs", sc->id, vs.n);
		} else if (vrc != SR_OK) {
			rc = vrc;
		}
		sol_free(&vs);
	}
	free(buf_a);
	free(buf_b);
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
	free(idx);
	free(c.tt);
	free(c.dw);
	free(c.dem);
	return rc;
}
