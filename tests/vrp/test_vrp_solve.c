/* test_vrp_solve.c - vrp_solve() against exhaustive search on random tiny
 * instances with every constraint, an independent checker on every
 * solution, determinism, and input validation. */
#include <math.h>
#include <string.h>
#include "testutil.h"
#include "solve_check.h"

static const char *kind_name[] = {"closed", "to_depot", "from_depot"};

static void test_tiny_equals_brute_force(void)
{
	int cases = 0, equal = 0;
	for (uint64_t seed = 1; seed <= 120; seed++) {
		vrp_route_kind_t kind = (vrp_route_kind_t)(seed % 3);
		unsigned flags = (unsigned)(seed * 2654435761u >> 7) & 127;
		int n = 3 + (int)(seed % 5); /* 2..6 stops */
		tinst_t t;
		tinst_random(&t, n, kind, flags, seed);
		/* keep the exhaustive search small: at most 7 visits */
		int visits = 0;
		for (int i = 1; i < n; i++)
			visits += t.demand[i] > 10 ? (t.demand[i] + 9) / 10 : 1;
		if (visits > 7) {
			tinst_free(&t);
			continue;
		}
		double bf = brute_force(&t.p);
		vrp_opts_t o;
		vrp_opts_init(&o);
		o.seed = seed;
		o.time_limit_s = 5;
		vrp_solution_t s;
		sr_error_t err;
		int rc = vrp_solve(&t.p, &o, &s, &err);
		CHECK_OK(rc, &err);
		if (rc == SR_OK) {
			cases++;
			int fleet_ok = isfinite(bf);
			CHECK_MSG(check_solution(&t.p, &s, fleet_ok), "seed %llu kind %s flags %u",
				  (unsigned long long)seed, kind_name[kind], flags);
			if (isfinite(bf)) {
				CHECK_MSG(fabs(s.cost - bf) < 1e-6,
					  "seed %llu kind %s flags %u: cost %.6f, brute force %.6f",
					  (unsigned long long)seed, kind_name[kind], flags, s.cost,
					  bf);
				CHECK_MSG(s.optimal && fabs(s.lower_bound - bf) < 1e-6,
					  "seed %llu: optimal %d lower bound %g",
					  (unsigned long long)seed, s.optimal, s.lower_bound);
				equal += fabs(s.cost - bf) < 1e-6;
			}
			vrp_solution_free(&s);
		}
		tinst_free(&t);
	}
	printf("tiny: %d instances, %d equal to brute force\n", cases, equal);
	CHECK(cases >= 60);
}

static int same_routes(const vrp_solution_t *a, const vrp_solution_t *b)
{
	if (a->n_routes != b->n_routes || a->cost != b->cost)
		return 0;
	for (int r = 0; r < a->n_routes; r++) {
		if (a->routes[r].n_stops != b->routes[r].n_stops ||
		    a->routes[r].type != b->routes[r].type)
			return 0;
		if (memcmp(a->routes[r].stops, b->routes[r].stops,
			   sizeof(int) * a->routes[r].n_stops))
			return 0;
	}
	return 1;
}

static void test_medium_checker_and_determinism(void)
{
	/* the three kinds with every constraint, then open routes to the
	 * depot with duration floors as well (the SBRP scenarios' shape) */
	for (int q = 0; q < 4; q++) {
		int kind = q < 3 ? q : VRP_TO_DEPOT;
		tinst_t t;
		tinst_random(&t, 70, (vrp_route_kind_t)kind, q < 3 ? 63 : 127, 1000 + q);
		vrp_opts_t o;
		vrp_opts_init(&o);
		o.seed = 5;
		o.time_limit_s = 600; /* a safety net: the fixed budget ends first */
		o.max_iters = 3000;
		vrp_solution_t a, b;
		sr_error_t err;
		CHECK_OK(vrp_solve(&t.p, &o, &a, &err), &err);
		CHECK_OK(vrp_solve(&t.p, &o, &b, &err), &err);
		CHECK_MSG(check_solution(&t.p, &a, 0), "medium kind %s", kind_name[kind]);
		CHECK_MSG(same_routes(&a, &b), "same seed, kind %s: %.3f vs %.3f", kind_name[kind],
			  a.cost, b.cost);
		o.threads = 1;
		vrp_solution_t c1;
		CHECK_OK(vrp_solve(&t.p, &o, &c1, &err), &err);
		CHECK_MSG(same_routes(&a, &c1), "threads 1 vs all, kind %s", kind_name[kind]);
		vrp_solution_free(&a);
		vrp_solution_free(&b);
		vrp_solution_free(&c1);
		tinst_free(&t);
	}
}

static void test_invalid_input_is_rejected(void)
{
	tinst_t t;
	tinst_random(&t, 6, VRP_CLOSED, 0, 3);
	vrp_opts_t o;
	vrp_opts_init(&o);
	vrp_solution_t s;
	sr_error_t err;
	t.demand[2] = -1;
	CHECK(vrp_solve(&t.p, &o, &s, &err) == SR_EINPUT && strstr(err.msg, "stop 2"));
	t.demand[2] = 11; /* capacity 10, no split */
	CHECK(vrp_solve(&t.p, &o, &s, &err) == SR_EINPUT && strstr(err.msg, "exceeds"));
	t.p.allow_split = 1;
	CHECK_OK(vrp_solve(&t.p, &o, &s, &err), &err);
	CHECK(check_solution(&t.p, &s, 1));
	vrp_solution_free(&s);
	t.dist[7] = NAN;
	CHECK(vrp_solve(&t.p, &o, &s, &err) == SR_EINPUT);
	tinst_free(&t);
}

static void test_impossible_stop_is_unserved(void)
{
	tinst_t t;
	tinst_random(&t, 8, VRP_TO_DEPOT, 2, 11);
	t.p.max_ride = t.max_ride;
	memset(t.max_ride, 0, sizeof(double) * 8);
	t.max_ride[3] = 0.5; /* shorter than the direct trip */
	vrp_opts_t o;
	vrp_opts_init(&o);
	vrp_solution_t s;
	sr_error_t err;
	CHECK_OK(vrp_solve(&t.p, &o, &s, &err), &err);
	CHECK(s.n_unserved == 1 && s.unserved[0] == 3);
	CHECK(check_solution(&t.p, &s, 1));
	vrp_solution_free(&s);
	tinst_free(&t);
}

/* Depot 0, stops 1 and 2 on a line at 10 and 20, one minute of service
 * each: a hand-worked case of the open kinds' costs and ride limits. */
static void test_open_kinds_by_hand(void)
{
	double d[9] = {0, 10, 20, 10, 0, 10, 20, 10, 0};
	int dem[3] = {0, 1, 1};
	double svc[3] = {0, 1, 1};
	double ride[3] = {0, 0, 0};
	vrp_vehicle_type_t t;
	vrp_vehicle_type_init(&t);
	t.capacity = 5;
	vrp_problem_t p;
	memset(&p, 0, sizeof(p));
	p.n = 3;
	p.dist = d;
	p.demand = dem;
	p.service = svc;
	p.types = &t;
	p.n_types = 1;
	p.max_ride = ride;
	vrp_opts_t o;
	vrp_opts_init(&o);
	sr_error_t err;
	vrp_solution_t s;
	for (int kind = 1; kind <= 2; kind++) {
		p.kind = (vrp_route_kind_t)kind;
		ride[1] = ride[2] = 0;
		/* one route: 2 -> 1 -> depot (to) or depot -> 1 -> 2 (from), 20 */
		CHECK_OK(vrp_solve(&p, &o, &s, &err), &err);
		CHECK_NEAR(s.cost, 20, 1e-9);
		CHECK(s.n_routes == 1 && s.optimal);
		/* to: stop 2 rides 10 + 1 + 10 = 21 to the depot; from: stop 2
		 * reaches 21 after leaving. A limit of 20 forces cost 30 */
		vrp_solution_free(&s);
		ride[2] = 20;
		CHECK_OK(vrp_solve(&p, &o, &s, &err), &err);
		CHECK_NEAR(s.cost, 30, 1e-9);
		CHECK(check_solution(&p, &s, 1));
		vrp_solution_free(&s);
		ride[2] = 21; /* exactly enough */
		CHECK_OK(vrp_solve(&p, &o, &s, &err), &err);
		CHECK_NEAR(s.cost, 20, 1e-9);
		vrp_solution_free(&s);
	}
	/* closed: 0 -> 1 -> 2 -> 0 costs 40; duration 40 + 2 */
	p.kind = VRP_CLOSED;
	ride[2] = 0;
	p.max_duration = 41.5; /* too short for one route: two routes 20 + 40 */
	CHECK_OK(vrp_solve(&p, &o, &s, &err), &err);
	CHECK_NEAR(s.cost, 60, 1e-9);
	vrp_solution_free(&s);
	p.max_duration = 42;
	CHECK_OK(vrp_solve(&p, &o, &s, &err), &err);
	CHECK_NEAR(s.cost, 40, 1e-9);
	CHECK(s.n_routes == 1 && fabs(s.routes[0].duration - 42) < 1e-9);
	vrp_solution_free(&s);
}

/* A tight fleet: one vehicle more than the bin-packing minimum needs
 * careful packing; every stop must still be served. */
static void test_tight_fleet_serves_everyone(void)
{
	tinst_t t;
	tinst_random(&t, 41, VRP_CLOSED, 0, 77);
	int total = 0;
	for (int i = 1; i < 41; i++) {
		t.demand[i] = 1 + (int)(i * 7 % 5);
		total += t.demand[i];
	}
	t.types[0].count = (total + 9) / 10 + 1;
	vrp_opts_t o;
	vrp_opts_init(&o);
	o.max_iters = 4000;
	vrp_solution_t s;
	sr_error_t err;
	CHECK_OK(vrp_solve(&t.p, &o, &s, &err), &err);
	CHECK_MSG(s.n_unserved == 0, "%d unserved with %d vehicles", s.n_unserved,
		  t.types[0].count);
	CHECK(check_solution(&t.p, &s, 1));
	vrp_solution_free(&s);
	tinst_free(&t);
}

/* Depot 0, stop 1 at 10 and stop 2 at 100 on a line, runs to the depot
 * limited to 50: stop 2 alone breaks the limit, but with its direct trip
 * as its duration floor it may go, and stop 1 rides along on its way
 * (one route of 100 instead of two). Worked by hand. */
static void test_duration_floor_by_hand(void)
{
	double d[9] = {0, 10, 100, 10, 0, 90, 100, 90, 0};
	int dem[3] = {0, 1, 1};
	double floor[3] = {0, 10, 100};
	vrp_vehicle_type_t vt;
	vrp_vehicle_type_init(&vt);
	vt.capacity = 5;
	vt.fixed_cost = 1000;
	vrp_problem_t p = {.n = 3,
			   .dist = d,
			   .demand = dem,
			   .kind = VRP_TO_DEPOT,
			   .types = &vt,
			   .n_types = 1,
			   .max_duration = 50};
	vrp_opts_t o;
	vrp_opts_init(&o);
	vrp_solution_t s;
	sr_error_t err;
	CHECK_OK(vrp_solve(&p, &o, &s, &err), &err);
	CHECK(s.n_unserved == 1 && s.unserved[0] == 2 && s.n_routes == 1);
	CHECK(check_solution(&p, &s, 1));
	vrp_solution_free(&s);
	p.duration_floor = floor;
	CHECK_OK(vrp_solve(&p, &o, &s, &err), &err);
	CHECK(s.n_unserved == 0 && s.n_routes == 1 && s.routes[0].n_stops == 2 &&
	      s.routes[0].stops[0] == 2 && fabs(s.cost - 1100) < 1e-9);
	CHECK(check_solution(&p, &s, 1));
	vrp_solution_free(&s);
	/* the floor belongs to stop 2: stop 1 alone keeps the limit of 50 */
	int one[2] = {1, 2};
	vrp_route_t r = {.stops = one, .n_stops = 1};
	CHECK(vrp_route_eval(&p, &r) && r.duration == 10);
	r.stops = (int[]){2, 1};
	r.n_stops = 2;
	CHECK(vrp_route_eval(&p, &r) && r.duration == 100);
	p.duration_floor = NULL;
	CHECK(!vrp_route_eval(&p, &r));
	floor[2] = -1;
	p.duration_floor = floor;
	CHECK(vrp_solve(&p, &o, &s, &err) == SR_EINPUT && strstr(err.msg, "floor"));
}

int main(void)
{
	test_duration_floor_by_hand();
	test_tight_fleet_serves_everyone();
	test_open_kinds_by_hand();
	test_invalid_input_is_rejected();
	test_impossible_stop_is_unserved();
	test_tiny_equals_brute_force();
	test_medium_checker_and_determinism();
	return test_summary();
}
