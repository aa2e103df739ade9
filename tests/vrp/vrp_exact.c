/* vrp_exact.c - runs the exact branch-and-cut model alone on a CVRPLIB
 * file, for tests/bench/bench_cvrp.sh --engine exact (vrp_solve decides by
 * itself when to use it):
 *
 *   vrp_exact INSTANCE.vrp [--time-limit S] [--vehicles K] [--incumbent FILE.sol]
 *
 * Prints the same JSON object as `schoolrun vrp --json`. --incumbent hands
 * a known solution (CVRPLIB .sol) to the model as its starting incumbent,
 * as vrp_solve would hand its heuristic solution. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/schoolrun.h"
#include "vrp/internal.h"
#include "checker.h"

int main(int argc, char **argv)
{
	const char *path = NULL, *inc_path = NULL;
	double limit = 10;
	int k = -1;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--time-limit") && i + 1 < argc)
			limit = atof(argv[++i]);
		else if (!strcmp(argv[i], "--vehicles") && i + 1 < argc)
			k = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--incumbent") && i + 1 < argc)
			inc_path = argv[++i];
		else
			path = argv[i];
	}
	if (!path) {
		fprintf(stderr, "usage: vrp_exact INSTANCE.vrp [--time-limit S] [--vehicles K]\n");
		return 2;
	}
	if (getenv("SR_DEBUG"))
		sr_log_set_level(SR_LOG_DEBUG);
	sr_error_t err;
	char buf[2048];
	vrp_instance_t *in = NULL;
	if (vrp_instance_read(path, &in, &err)) {
		fprintf(stderr, "vrp_exact: %s\n", sr_error_format(&err, buf, sizeof(buf)));
		return 2;
	}
	double *svc;
	vrp_vehicle_type_t vt;
	vrp_problem_t p;
	vrp_instance_problem(in, k, &vt, &svc, &p);
	vrp_opts_t o;
	vrp_opts_init(&o);
	o.time_limit_s = limit;
	vrp_solution_t inc;
	memset(&inc, 0, sizeof(inc));
	if (inc_path) {
		chk_sol_t cs;
		if (chk_read_sol(inc_path, in, &cs)) {
			fprintf(stderr, "vrp_exact: cannot read %s\n", inc_path);
			return 2;
		}
		inc.routes = xcalloc((size_t)cs.n_routes + 1, sizeof(vrp_route_t));
		for (int r = 0; r < cs.n_routes; r++) {
			inc.routes[r].stops = xmalloc(sizeof(int) * (size_t)(cs.len[r] + 1));
			memcpy(inc.routes[r].stops, cs.route[r], sizeof(int) * (size_t)cs.len[r]);
			inc.routes[r].n_stops = cs.len[r];
		}
		inc.n_routes = cs.n_routes;
		chk_sol_free(&cs);
	}
	vrp_solution_t s;
	int rc = vrp_exact_solve(&p, &o, inc_path ? &inc : NULL, &s, &err);
	vrp_solution_free(&inc);
	if (rc) {
		fprintf(stderr, "vrp_exact: %s\n", sr_error_format(&err, buf, sizeof(buf)));
	} else {
		sr_buf_t b;
		sr_buf_init(&b);
		sr_buf_puts(&b, "{\"cost\":");
		sr_buf_num(&b, s.cost, 6);
		sr_buf_puts(&b, ",\"routes\":[");
		for (int r = 0; r < s.n_routes; r++) {
			sr_buf_puts(&b, r ? ",[" : "[");
			for (int j = 0; j < s.routes[r].n_stops; j++)
				sr_buf_printf(&b, "%s%d", j ? "," : "",
					      in->node_id[s.routes[r].stops[j]]);
			sr_buf_putc(&b, ']');
		}
		sr_buf_puts(&b, "],\"lower_bound\":");
		sr_buf_num(&b, s.lower_bound, 6);
		sr_buf_printf(&b, ",\"optimal\":%s,\"seconds\":", s.optimal ? "true" : "false");
		sr_buf_num(&b, s.seconds, 3);
		sr_buf_puts(&b, "}\n");
		fwrite(b.data, 1, b.len, stdout);
		sr_buf_free(&b);
		vrp_solution_free(&s);
	}
	free(svc);
	vrp_instance_free(in);
	return rc ? 1 : 0;
}
