/* test_exact.c - the exact branch-and-cut model (vrp_exact_solve) against
 * brute force: on random instances of 6-9 customers (plain, with service
 * time and a route-length limit, with a fleet limit, with a fixed cost per
 * route) the exact optimum must equal exhaustive enumeration (Held-Karp per
 * customer subset, then the best partition into routes), and every solution
 * must pass the independent checker. On E-n13-k4 it must prove the BKS. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "checker.h"
#include "vrp/internal.h"

static void free_solution(vrp_solution_t *s)
{
	for (int r = 0; r < s->n_routes; r++) {
		free(s->routes[r].stops);
		free(s->routes[r].load);
	}
	free(s->routes);
	free(s->unserved);
	memset(s, 0, sizeof(*s));
}

static void to_chk(const vrp_solution_t *s, chk_sol_t *c)
{
	memset(c, 0, sizeof(*c));
	for (int r = 0; r < s->n_routes; r++)
		chk_sol_add_route(c, s->routes[r].stops, s->routes[r].n_stops);
}

/* Brute force: exact optimum with at most kmax routes (time = dist). */
static double brute_force(const vrp_instance_t *in, int kmax, double fixed)
{
	int m = in->n - 1, N = 1 << m, n = in->n;
	double *hk = malloc(sizeof(double) * (size_t)N * (size_t)m);
	double *route = malloc(sizeof(double) * (size_t)N);
	for (int i = 0; i < N * m; i++)
		hk[i] = INFINITY;
	for (int v = 0; v < m; v++)
		hk[(1 << v) * m + v] = in->dist[v + 1];
	for (int S = 1; S < N; S++)
		for (int v = 0; v < m; v++) {
			double c = hk[S * m + v];
			if (!(S >> v & 1) || !isfinite(c))
				continue;
			for (int u = 0; u < m; u++)
				if (!(S >> u & 1)) {
					double nc = c + in->dist[(v + 1) * n + u + 1];
					int T = S | 1 << u;
					if (nc < hk[T * m + u])
						hk[T * m + u] = nc;
				}
		}
	for (int S = 1; S < N; S++) {
		long load = 0;
		int cnt = 0;
		for (int v = 0; v < m; v++)
			if (S >> v & 1) {
				load += in->demand[v + 1];
				cnt++;
			}
		double best = INFINITY;
		for (int v = 0; v < m; v++)
			if (S >> v & 1) {
				double c = hk[S * m + v] + in->dist[(v + 1) * n];
				if (c < best)
					best = c;
			}
		if (load > in->capacity)
			best = INFINITY;
		if (in->max_distance > 0 && best + in->service_time * cnt > in->max_distance + 1e-9)
			best = INFINITY;
		route[S] = best + fixed;
	}
	/* g[k][S]: S covered by exactly k routes */
	double *g = malloc(sizeof(double) * (size_t)N * (size_t)(m + 1));
	for (int i = 0; i < N * (m + 1); i++)
		g[i] = INFINITY;
	g[0] = 0;
	for (int k = 1; k <= m; k++)
		for (int S = 1; S < N; S++) {
			int low = S & -S;
			double best = INFINITY;
			for (int T = S; T; T = (T - 1) & S) {
				if (!(T & low) || !isfinite(route[T]))
					continue;
				double c = route[T] + g[(k - 1) * N + (S ^ T)];
				if (c < best)
					best = c;
			}
			g[k * N + S] = best;
		}
	double ans = INFINITY;
	for (int k = 1; k <= m && k <= kmax; k++)
		if (g[k * N + N - 1] < ans)
			ans = g[k * N + N - 1];
	free(hk);
	free(route);
	free(g);
	return ans;
}

static vrp_instance_t *random_instance(sr_rng_t *rng, int m)
{
	vrp_instance_t *in = xcalloc(1, sizeof(*in));
	int n = m + 1;
	in->name = xstrdup("random");
	in->n = n;
	in->rounded = 1;
	in->x = xcalloc((size_t)n, sizeof(double));
	in->y = xcalloc((size_t)n, sizeof(double));
	in->dist = xcalloc((size_t)(n * n), sizeof(double));
	in->demand = xcalloc((size_t)n, sizeof(int));
	in->node_id = xcalloc((size_t)n, sizeof(int));
	in->capacity = 10 + (int)sr_rng_below(rng, 21);
	for (int i = 0; i < n; i++) {
		in->x[i] = sr_rng_below(rng, 101);
		in->y[i] = sr_rng_below(rng, 101);
		in->node_id[i] = i + 1;
		in->demand[i] = i ? 1 + (int)sr_rng_below(rng, (uint32_t)in->capacity / 2) : 0;
	}
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			in->dist[i * n + j] =
				floor(hypot(in->x[i] - in->x[j], in->y[i] - in->y[j]) + 0.5);
	return in;
}

static void test_random_instances_match_brute_force(void)
{
	sr_rng_t rng;
	sr_rng_seed(&rng, 20261127);
	int proved = 0, runs = 0;
	for (int it = 0; it < 24; it++) {
		int m = 6 + it % 4;
		int variant = (it / 4) % 4; /* 0 plain, 1 duration, 2 fleet, 3 fixed cost */
		vrp_instance_t *in = random_instance(&rng, m);
		int n = in->n;
		double *service = xcalloc((size_t)n, sizeof(double));
		vrp_vehicle_type_t vt = {
			.capacity = in->capacity, .count = -1, .fixed_cost = 0, .cost_per_dist = 1};
		vrp_problem_t p = {.n = n,
				   .dist = in->dist,
				   .demand = in->demand,
				   .kind = VRP_CLOSED,
				   .types = &vt,
				   .n_types = 1};
		long total = 0;
		for (int i = 1; i < n; i++)
			total += in->demand[i];
		int kmin = (int)((total + in->capacity - 1) / in->capacity);
		if (variant == 1) {
			in->service_time = 5;
			double far = 0;
			for (int i = 1; i < n; i++) {
				service[i] = 5;
				if (2 * in->dist[i] + 5 > far)
					far = 2 * in->dist[i] + 5;
			}
			in->max_distance = far * 1.3;
			p.service = service;
			p.max_duration = in->max_distance;
		} else if (variant == 2) {
			vt.count = kmin;
		} else if (variant == 3) {
			vt.fixed_cost = 40;
		}
		double want = brute_force(in, vt.count >= 0 ? vt.count : m, vt.fixed_cost);
		vrp_opts_t o;
		memset(&o, 0, sizeof(o));
		o.time_limit_s = 20;
		o.seed = 1;
		vrp_solution_t s;
		sr_error_t err;
		CHECK(vrp_exact_applies(&p));
		int rc = vrp_exact_solve(&p, &o, NULL, &s, &err);
		if (!isfinite(want)) {
			CHECK_MSG(rc == SR_EINPUT, "it %d: infeasible instance gave rc %d", it, rc);
		} else {
			CHECK_OK(rc, &err);
			if (rc != SR_OK)
				fprintf(stderr, "it %d variant %d m %d\n", it, variant, m);
			if (rc == SR_OK) {
				runs++;
				proved += s.optimal;
				CHECK_MSG(s.optimal, "it %d variant %d: not proved", it, variant);
				CHECK_MSG(fabs(s.cost - want) < 1e-6,
					  "it %d variant %d m %d: exact %.3f brute %.3f", it,
					  variant, m, s.cost, want);
				CHECK_NEAR(s.lower_bound, s.cost, 1e-6);
				chk_sol_t c;
				to_chk(&s, &c);
				double cost;
				char why[256];
				CHECK_MSG(chk_solution(in, &c, vt.count, &cost, why, sizeof(why)),
					  "it %d: %s", it, why);
				CHECK_NEAR(cost + vt.fixed_cost * s.n_routes, s.cost, 1e-6);
				CHECK_NEAR(cost, s.dist, 1e-6);
				chk_sol_free(&c);
				free_solution(&s);
			}
		}
		free(service);
		vrp_instance_free(in);
	}
	fprintf(stderr, "%d/%d random instances solved to proven optimality\n", proved, runs);
	CHECK(runs >= 20);
}

static void test_incumbent_is_used_and_kept_feasible(void)
{
	/* an incumbent that is feasible but poor must not harm; an
	 * infeasible one must be ignored */
	sr_rng_t rng;
	sr_rng_seed(&rng, 7);
	vrp_instance_t *in = random_instance(&rng, 8);
	int n = in->n;
	vrp_vehicle_type_t vt = {.capacity = in->capacity, .count = -1, .cost_per_dist = 1};
	vrp_problem_t p = {.n = n,
			   .dist = in->dist,
			   .demand = in->demand,
			   .kind = VRP_CLOSED,
			   .types = &vt,
			   .n_types = 1};
	double want = brute_force(in, n - 1, 0);
	vrp_solution_t inc;
	memset(&inc, 0, sizeof(inc));
	inc.routes = xcalloc((size_t)n, sizeof(vrp_route_t));
	for (int i = 1; i < n; i++) { /* one route per customer */
		inc.routes[i - 1].stops = xmalloc(sizeof(int));
		inc.routes[i - 1].stops[0] = i;
		inc.routes[i - 1].load = xmalloc(sizeof(int));
		inc.routes[i - 1].load[0] = in->demand[i];
		inc.routes[i - 1].n_stops = 1;
	}
	inc.n_routes = n - 1;
	vrp_opts_t o;
	memset(&o, 0, sizeof(o));
	o.time_limit_s = 20;
	vrp_solution_t s;
	sr_error_t err;
	CHECK_OK(vrp_exact_solve(&p, &o, &inc, &s, &err), &err);
	CHECK_NEAR(s.cost, want, 1e-6);
	free_solution(&s);
	inc.routes[0].stops[0] = 2; /* customer 2 twice, 1 missing: infeasible */
	CHECK_OK(vrp_exact_solve(&p, &o, &inc, &s, &err), &err);
	CHECK_NEAR(s.cost, want, 1e-6);
	free_solution(&s);
	free_solution(&inc);
	vrp_instance_free(in);
}

static void test_not_applicable_cases(void)
{
	double d[9] = {0, 1, 2, 1, 0, 1, 2, 1, 0};
	int dem[3] = {0, 1, 1};
	vrp_vehicle_type_t vt = {.capacity = 2, .count = -1, .cost_per_dist = 1};
	vrp_problem_t p = {
		.n = 3, .dist = d, .demand = dem, .kind = VRP_CLOSED, .types = &vt, .n_types = 1};
	CHECK(vrp_exact_applies(&p));
	p.kind = VRP_TO_DEPOT;
	CHECK(!vrp_exact_applies(&p));
	p.kind = VRP_CLOSED;
	d[1] = 5; /* asymmetric */
	CHECK(!vrp_exact_applies(&p));
	d[1] = 1;
	dem[2] = 3; /* over capacity: would need splitting */
	CHECK(!vrp_exact_applies(&p));
	dem[2] = 1;
	p.max_duration = 1.5; /* customer 2 alone takes 4 */
	CHECK(!vrp_exact_applies(&p));
	p.max_duration = 0;
	vt.count = 0;
	vrp_opts_t o;
	memset(&o, 0, sizeof(o));
	o.time_limit_s = 5;
	vrp_solution_t s;
	sr_error_t err;
	CHECK(vrp_exact_solve(&p, &o, NULL, &s, &err) == SR_EINPUT);
}

static void test_edge_cases_one_customer_zero_demand_tsp(void)
{
	vrp_opts_t o;
	memset(&o, 0, sizeof(o));
	o.time_limit_s = 10;
	vrp_solution_t s;
	sr_error_t err;
	/* one customer: the route there and back */
	double d2[4] = {0, 7, 7, 0};
	int dem2[2] = {0, 3};
	vrp_vehicle_type_t vt = {.capacity = 5, .count = -1, .cost_per_dist = 1};
	vrp_problem_t p = {
		.n = 2, .dist = d2, .demand = dem2, .kind = VRP_CLOSED, .types = &vt, .n_types = 1};
	CHECK_OK(vrp_exact_solve(&p, &o, NULL, &s, &err), &err);
	CHECK(s.n_routes == 1 && s.optimal);
	CHECK_NEAR(s.cost, 14, 1e-9);
	free_solution(&s);
	/* only the depot */
	p.n = 1;
	CHECK_OK(vrp_exact_solve(&p, &o, NULL, &s, &err), &err);
	CHECK(s.n_routes == 0 && s.optimal && s.cost == 0);
	free_solution(&s);
	/* a TSP (capacity above the total, zero demands allowed) equals brute
	 * force with one route */
	sr_rng_t rng;
	sr_rng_seed(&rng, 99);
	vrp_instance_t *in = random_instance(&rng, 9);
	in->capacity = 1000;
	in->demand[3] = 0;
	vt.capacity = 1000;
	vt.count = 1;
	p.n = in->n;
	p.dist = in->dist;
	p.demand = in->demand;
	double want = brute_force(in, 1, 0);
	CHECK_OK(vrp_exact_solve(&p, &o, NULL, &s, &err), &err);
	CHECK(s.n_routes == 1 && s.optimal);
	CHECK_NEAR(s.cost, want, 1e-9);
	free_solution(&s);
	vrp_instance_free(in);
}

/* Small shared instances the model proves in well under a second: the
 * proved optimum must be the BKS, with exactly k routes allowed. */
static void test_small_shared_instances_prove_bks(void)
{
	const char *shared = test_shared_dir();
	if (!shared) {
		fprintf(stderr, "shared data absent: shared instances skipped\n");
		return;
	}
	const struct {
		const char *file;
		int k;
		double bks;
	} cases[] = {
		{"E/E-n13-k4.vrp", 4, 247}, {"P/P-n16-k8.vrp", 8, 450}, {"P/P-n19-k2.vrp", 2, 212},
		{"E/E-n22-k4.vrp", 4, 375}, {"E/E-n23-k3.vrp", 3, 569},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char path[1024];
		snprintf(path, sizeof(path), "%s/bench/cvrp/%s", shared, cases[i].file);
		vrp_instance_t *in = NULL;
		sr_error_t err;
		CHECK_OK(vrp_instance_read(path, &in, &err), &err);
		if (!in)
			continue;
		vrp_vehicle_type_t vt = {
			.capacity = in->capacity, .count = cases[i].k, .cost_per_dist = 1};
		vrp_problem_t p = {.n = in->n,
				   .dist = in->dist,
				   .demand = in->demand,
				   .kind = VRP_CLOSED,
				   .types = &vt,
				   .n_types = 1};
		vrp_opts_t o;
		memset(&o, 0, sizeof(o));
		o.time_limit_s = 60;
		vrp_solution_t s;
		CHECK_OK(vrp_exact_solve(&p, &o, NULL, &s, &err), &err);
		CHECK_MSG(s.optimal, "%s not proved", cases[i].file);
		CHECK_MSG(s.cost == cases[i].bks, "%s: %.2f, BKS %.0f", cases[i].file, s.cost,
			  cases[i].bks);
		CHECK_NEAR(s.lower_bound, cases[i].bks, 1e-9);
		chk_sol_t c;
		to_chk(&s, &c);
		double cost;
		char why[256];
		CHECK_MSG(chk_solution(in, &c, cases[i].k, &cost, why, sizeof(why)), "%s: %s",
			  cases[i].file, why);
		CHECK_NEAR(cost, cases[i].bks, 1e-9);
		chk_sol_free(&c);
		free_solution(&s);
		vrp_instance_free(in);
	}
}

int main(void)
{
	if (getenv("SR_DEBUG"))
		sr_log_set_level(SR_LOG_DEBUG);
	test_not_applicable_cases();
	test_random_instances_match_brute_force();
	test_incumbent_is_used_and_kept_feasible();
	test_edge_cases_one_customer_zero_demand_tsp();
	test_small_shared_instances_prove_bks();
	return test_summary();
}
