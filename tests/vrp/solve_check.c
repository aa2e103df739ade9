/* solve_check.c - see solve_check.h. Written without the solver's code: its own
 * simulation of times along a route, its own splitting of demands and a
 * plain recursive enumeration. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "solve_check.h"

void tinst_random(tinst_t *t, int n, vrp_route_kind_t kind, unsigned flags, uint64_t seed)
{
	memset(t, 0, sizeof(*t));
	sr_rng_t r;
	sr_rng_seed(&r, seed);
	double *x = malloc(sizeof(double) * n), *y = malloc(sizeof(double) * n);
	for (int i = 0; i < n; i++) {
		x[i] = sr_rng_unit(&r) * 100;
		y[i] = sr_rng_unit(&r) * 100;
	}
	t->dist = malloc(sizeof(double) * n * n);
	t->time = malloc(sizeof(double) * n * n);
	t->demand = calloc(n, sizeof(int));
	t->service = calloc(n, sizeof(double));
	t->max_ride = calloc(n, sizeof(double));
	t->floor = calloc(n, sizeof(double));
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++) {
			double d = i == j ? 0 : hypot(x[i] - x[j], y[i] - y[j]);
			if ((flags & 1) && i != j)
				d *= 1.0 + 0.6 * sr_rng_unit(&r);
			t->dist[i * n + j] = round(d);
			t->time[i * n + j] = i == j ? 0 : round(d * (0.8 + 0.4 * sr_rng_unit(&r)));
		}
	int cap = 10;
	t->types[0].capacity = cap;
	t->types[0].count = -1;
	t->types[0].fixed_cost = 0;
	t->types[0].cost_per_dist = 1;
	t->p.n_types = 1;
	if (flags & 8) {
		t->types[0].count = 1 + (int)sr_rng_below(&r, 2);
		t->types[0].fixed_cost = 50;
		t->types[1].capacity = 6;
		t->types[1].count = -1;
		t->types[1].fixed_cost = 20;
		t->types[1].cost_per_dist = 0.7;
		t->types[2].capacity = 3;
		t->types[2].count = 1;
		t->types[2].fixed_cost = 5;
		t->types[2].cost_per_dist = 1.5;
		t->p.n_types = 3;
	}
	for (int i = 1; i < n; i++) {
		t->demand[i] = (int)sr_rng_below(&r, 6);
		if ((flags & 16) && sr_rng_below(&r, 3) == 0)
			t->demand[i] = cap + 1 + (int)sr_rng_below(&r, 8);
		if (flags & 32)
			t->service[i] = sr_rng_below(&r, 6);
		if ((flags & 2) && sr_rng_below(&r, 2) == 0) {
			double direct = t->time[i * n + 0];
			if (kind == VRP_FROM_DEPOT)
				direct = t->time[0 * n + i];
			t->max_ride[i] = round(direct * (0.9 + 1.2 * sr_rng_unit(&r))) + 1;
		}
	}
	t->p.n = n;
	t->p.dist = t->dist;
	t->p.time = (flags & 1) ? t->time : NULL;
	t->p.demand = t->demand;
	t->p.service = (flags & 32) ? t->service : NULL;
	t->p.kind = kind;
	t->p.types = t->types;
	t->p.max_duration = (flags & 4) ? 150 + sr_rng_below(&r, 100) : 0;
	t->p.max_ride = (flags & 2) ? t->max_ride : NULL;
	if (flags & 64) {
		/* duration floors: some stops may make their route last longer,
		 * around their own direct trip (the SBRP scenarios' rule) */
		if (!(flags & 4))
			t->p.max_duration = 60 + sr_rng_below(&r, 60);
		for (int i = 1; i < n; i++)
			if (sr_rng_below(&r, 2) == 0)
				t->floor[i] = round((t->time[i * n] + t->time[i]) *
						    (0.6 + 1.6 * sr_rng_unit(&r)));
		t->p.duration_floor = t->floor;
	}
	t->p.depot_service = (flags & 32) ? 2 : 0;
	t->p.allow_split = (flags & 16) ? 1 : 0;
	free(x);
	free(y);
}

void tinst_free(tinst_t *t)
{
	free(t->dist);
	free(t->time);
	free(t->demand);
	free(t->service);
	free(t->max_ride);
	free(t->floor);
}

/* ---- route simulation ---- */

static double tt(const vrp_problem_t *p, int a, int b)
{
	return (p->time ? p->time : p->dist)[a * p->n + b];
}

static double svc(const vrp_problem_t *p, int i)
{
	return p->service ? p->service[i] : 0;
}

static int has_ride(const vrp_problem_t *p, int i)
{
	return p->max_ride && p->max_ride[i] > 0;
}

/* Simulates a route of stops s[0..m-1]: returns 1 if duration and ride
 * limits hold (capacity not checked here); *dist gets its distance. */
static int simulate(const vrp_problem_t *p, const int *s, int m, double *dist, double *dur)
{
	double arr[64], dep[64];
	double clock = 0, d = 0, start;
	int ok = 1;
	if (p->kind == VRP_FROM_DEPOT)
		clock = p->depot_service;
	start = clock;
	for (int i = 0; i < m; i++) {
		if (i == 0 && p->kind == VRP_TO_DEPOT) {
			arr[i] = clock;
		} else {
			int from = i == 0 ? 0 : s[i - 1];
			d += p->dist[from * p->n + s[i]];
			clock += tt(p, from, s[i]);
			arr[i] = clock;
		}
		clock += svc(p, s[i]);
		dep[i] = clock;
	}
	double end = clock;
	if (p->kind != VRP_FROM_DEPOT) {
		d += p->dist[s[m - 1] * p->n + 0];
		double at_depot = clock + tt(p, s[m - 1], 0);
		for (int i = 0; i < m; i++)
			if (has_ride(p, s[i]) && at_depot - dep[i] > p->max_ride[s[i]] + 1e-6)
				ok = 0;
		end = at_depot + p->depot_service;
	} else {
		for (int i = 0; i < m; i++)
			if (has_ride(p, s[i]) && arr[i] - start > p->max_ride[s[i]] + 1e-6)
				ok = 0;
	}
	double duration = end - (p->kind == VRP_TO_DEPOT ? arr[0] : 0);
	double limit = p->max_duration; /* a route may last its longest floor */
	for (int i = 0; p->duration_floor && i < m; i++)
		limit = fmax(limit, p->duration_floor[s[i]]);
	if (p->max_duration > 0 && duration > limit + 1e-6)
		ok = 0;
	*dist = d;
	if (dur)
		*dur = duration;
	return ok;
}

static int capmax_of(const vrp_problem_t *p)
{
	int c = 0;
	for (int k = 0; k < p->n_types; k++)
		if (p->types[k].count != 0 && p->types[k].capacity > c)
			c = p->types[k].capacity;
	return c;
}

/* Whether stop i can be served alone, by some vehicle, for a load of q. */
static int alone_ok(const vrp_problem_t *p, int i, int q)
{
	double d;
	if (!simulate(p, &i, 1, &d, NULL))
		return 0;
	for (int k = 0; k < p->n_types; k++)
		if (p->types[k].count != 0 && p->types[k].capacity >= q && isfinite(d))
			return 1;
	return 0;
}

int check_solution(const vrp_problem_t *p, const vrp_solution_t *s, int fleet_ok)
{
	int ok = 1, n = p->n;
	int *got = calloc(n, sizeof(int)), *seen = calloc(n, sizeof(int));
	int used[3] = {0, 0, 0};
	double cost = 0, tdist = 0;
	for (int r = 0; r < s->n_routes; r++) {
		const vrp_route_t *R = &s->routes[r];
		if (R->type < 0 || R->type >= p->n_types || R->n_stops < 1 || R->n_stops > 60) {
			fprintf(stderr, "route %d: bad type or size\n", r);
			ok = 0;
			continue;
		}
		used[R->type]++;
		int load = 0;
		for (int i = 0; i < R->n_stops; i++) {
			int st = R->stops[i];
			if (st < 1 || st >= n) {
				fprintf(stderr, "route %d: bad stop %d\n", r, st);
				ok = 0;
				goto next;
			}
			int q = R->load ? R->load[i] : p->demand[st];
			if (q < 0 || q > p->demand[st]) {
				fprintf(stderr, "route %d: stop %d load %d\n", r, st, q);
				ok = 0;
			}
			got[st] += q;
			seen[st]++;
			load += q;
		}
		if (load > p->types[R->type].capacity) {
			fprintf(stderr, "route %d: load %d over capacity %d\n", r, load,
				p->types[R->type].capacity);
			ok = 0;
		}
		double d, dur;
		if (!simulate(p, R->stops, R->n_stops, &d, &dur)) {
			fprintf(stderr, "route %d: duration or ride limit broken\n", r);
			ok = 0;
		}
		if (fabs(d - R->dist) > 1e-6 || fabs(dur - R->duration) > 1e-6) {
			fprintf(stderr, "route %d: dist %g/%g duration %g/%g\n", r, R->dist, d,
				R->duration, dur);
			ok = 0;
		}
		cost += p->types[R->type].fixed_cost + p->types[R->type].cost_per_dist * d;
		tdist += d;
next:;
	}
	for (int k = 0; k < p->n_types; k++)
		if (p->types[k].count >= 0 && used[k] > p->types[k].count) {
			fprintf(stderr, "type %d used %d times, count %d\n", k, used[k],
				p->types[k].count);
			ok = 0;
		}
	if (fabs(cost - s->cost) > 1e-6 * (1 + cost) ||
	    fabs(tdist - s->dist) > 1e-6 * (1 + tdist)) {
		fprintf(stderr, "cost %.9g reported %.9g\n", cost, s->cost);
		ok = 0;
	}
	int *un = calloc(n, sizeof(int));
	for (int i = 0; i < s->n_unserved; i++) {
		int st = s->unserved[i];
		if (st < 1 || st >= n) {
			fprintf(stderr, "bad unserved stop %d\n", st);
			ok = 0;
			continue;
		}
		un[st] = 1;
	}
	int cm = capmax_of(p);
	for (int i = 1; i < n; i++) {
		int servable = alone_ok(p, i, p->demand[i] > cm ? cm : p->demand[i]);
		if (!un[i] && !(got[i] == p->demand[i] && seen[i] >= 1)) {
			fprintf(stderr, "stop %d: served %d of %d (%d visits)\n", i, got[i],
				p->demand[i], seen[i]);
			ok = 0;
		}
		if (un[i] && servable && fleet_ok) {
			fprintf(stderr, "stop %d unserved though servable\n", i);
			ok = 0;
		}
		if (!un[i] && !servable) {
			fprintf(stderr, "stop %d served though no vehicle can serve it alone\n", i);
			ok = 0;
		}
	}
	free(un);
	free(got);
	free(seen);
	return ok;
}

/* ---- exhaustive search ---- */

typedef struct bf {
	const vrp_problem_t *p;
	int nv, vnode[16], vdem[16];
	int seq[16][16], len[16], nr;
	int used[3];
	double best;
} bf_t;

/* cost of route r with type k, or INFINITY */
static double route_cost(bf_t *b, int r, int k)
{
	const vrp_problem_t *p = b->p;
	int stops[16], load = 0;
	for (int i = 0; i < b->len[r]; i++) {
		stops[i] = b->vnode[b->seq[r][i]];
		load += b->vdem[b->seq[r][i]];
	}
	if (load > p->types[k].capacity)
		return INFINITY;
	double d;
	if (!simulate(p, stops, b->len[r], &d, NULL) || !isfinite(d))
		return INFINITY;
	return p->types[k].fixed_cost + p->types[k].cost_per_dist * d;
}

static void assign_types(bf_t *b, int r, double acc)
{
	if (acc >= b->best)
		return;
	if (r == b->nr) {
		b->best = acc;
		return;
	}
	for (int k = 0; k < b->p->n_types; k++) {
		int cnt = b->p->types[k].count;
		if (cnt >= 0 && b->used[k] >= cnt)
			continue;
		double c = route_cost(b, r, k);
		if (!isfinite(c))
			continue;
		b->used[k]++;
		assign_types(b, r + 1, acc + c);
		b->used[k]--;
	}
}

static void place(bf_t *b, int v)
{
	if (v == b->nv) {
		assign_types(b, 0, 0);
		return;
	}
	for (int r = 0; r < b->nr; r++)
		for (int pos = 0; pos <= b->len[r]; pos++) {
			memmove(&b->seq[r][pos + 1], &b->seq[r][pos],
				sizeof(int) * (b->len[r] - pos));
			b->seq[r][pos] = v;
			b->len[r]++;
			place(b, v + 1);
			b->len[r]--;
			memmove(&b->seq[r][pos], &b->seq[r][pos + 1],
				sizeof(int) * (b->len[r] - pos));
		}
	b->seq[b->nr][0] = v;
	b->len[b->nr] = 1;
	b->nr++;
	place(b, v + 1);
	b->nr--;
}

double brute_force(const vrp_problem_t *p)
{
	bf_t b;
	memset(&b, 0, sizeof(b));
	b.p = p;
	b.best = INFINITY;
	int cm = capmax_of(p);
	for (int i = 1; i < p->n; i++) {
		int left = p->demand[i];
		int parts[16], np = 0;
		do {
			int q = left > cm ? cm : left;
			parts[np++] = q;
			left -= q;
		} while (left > 0);
		int bad = 0;
		for (int j = 0; j < np; j++)
			if (!alone_ok(p, i, parts[j]))
				bad = 1;
		if (bad)
			continue;
		for (int j = 0; j < np; j++) {
			b.vnode[b.nv] = i;
			b.vdem[b.nv] = parts[j];
			b.nv++;
		}
	}
	if (b.nv == 0)
		return 0;
	place(&b, 0);
	return b.best;
}
