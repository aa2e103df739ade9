/* cvrp_run.c - a small driver for measuring vrp_solve() on CVRPLIB files
 * (EUC_2D only, rounded unless the file has a DISTANCE or SERVICE_TIME key
 * as the CMT files do, which use real distances). Not a test: used by
 * tests/bench/bench_vrph.sh. Usage: cvrp_run FILE TIME_S SEED [ITERS] */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/schoolrun.h"

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: cvrp_run FILE TIME_S SEED [ITERS]\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "r");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	char line[512];
	int n = 0, cap = 0, sect = 0, real = 0;
	double maxd = 0, svc = 0, *x = NULL, *y = NULL;
	int *dem = NULL;
	while (fgets(line, sizeof line, f)) {
		char *c = strchr(line, ':');
		if (!strncmp(line, "DIMENSION", 9) && c) {
			n = atoi(c + 1);
			x = calloc(n, sizeof(double));
			y = calloc(n, sizeof(double));
			dem = calloc(n, sizeof(int));
		} else if (!strncmp(line, "CAPACITY", 8) && c) {
			cap = atoi(c + 1);
		} else if (!strncmp(line, "DISTANCE", 8) && c) {
			maxd = atof(c + 1);
			real = 1;
		} else if (!strncmp(line, "SERVICE_TIME", 12) && c) {
			svc = atof(c + 1);
			real = 1;
		} else if (!strncmp(line, "NODE_COORD_SECTION", 18)) {
			sect = 1;
		} else if (!strncmp(line, "DEMAND_SECTION", 14)) {
			sect = 2;
		} else if (!strncmp(line, "DEPOT_SECTION", 13) || !strncmp(line, "EOF", 3)) {
			sect = 0;
		} else if (sect && n > 0) {
			int id;
			double a, b;
			if (sect == 1 && sscanf(line, "%d %lf %lf", &id, &a, &b) == 3 && id >= 1 &&
			    id <= n) {
				x[id - 1] = a;
				y[id - 1] = b;
			} else if (sect == 2 && sscanf(line, "%d %lf", &id, &a) == 2 && id >= 1 &&
				   id <= n) {
				dem[id - 1] = (int)a;
			}
		}
	}
	fclose(f);
	if (n < 2 || !cap) {
		fprintf(stderr, "%s: not an EUC_2D CVRP file\n", argv[1]);
		return 1;
	}
	double *d = malloc(sizeof(double) * n * n);
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++) {
			double e = hypot(x[i] - x[j], y[i] - y[j]);
			d[i * n + j] = real ? e : floor(e + 0.5);
		}
	double *sv = calloc(n, sizeof(double));
	for (int i = 1; i < n; i++)
		sv[i] = svc;
	vrp_vehicle_type_t t;
	vrp_vehicle_type_init(&t);
	t.capacity = cap;
	vrp_problem_t p;
	memset(&p, 0, sizeof(p));
	p.n = n;
	p.dist = d;
	p.demand = dem;
	p.service = svc > 0 ? sv : NULL;
	p.kind = VRP_CLOSED;
	p.types = &t;
	p.n_types = 1;
	p.max_duration = maxd;
	vrp_opts_t o;
	vrp_opts_init(&o);
	o.time_limit_s = atof(argv[2]);
	o.seed = strtoull(argv[3], NULL, 10);
	o.max_iters = argc > 4 ? atol(argv[4]) : -1;
	o.verbose = 1;
	if (getenv("VRPH_THREADS"))
		o.threads = atoi(getenv("VRPH_THREADS"));
	sr_log_set_level(getenv("VRPH_QUIET")	? SR_LOG_ERROR
			 : getenv("VRPH_DEBUG") ? SR_LOG_DEBUG
						: SR_LOG_INFO);
	vrp_solution_t s;
	sr_error_t err;
	if (vrp_solve(&p, &o, &s, &err) != SR_OK) {
		char b[1200];
		fprintf(stderr, "%s\n", sr_error_format(&err, b, sizeof b));
		return 1;
	}
	int ok = 1;
	for (int r = 0; r < s.n_routes; r++)
		ok &= vrp_route_eval(&p, &s.routes[r]);
	printf("%.2f %d %.1f %d %s\n", s.cost, s.n_routes, s.seconds, s.optimal,
	       ok ? "ok" : "INFEASIBLE");
	vrp_solution_free(&s);
	free(d);
	free(sv);
	free(x);
	free(y);
	free(dem);
	return 0;
}
