/* vrp_check.c - command-line front of the independent solution checker
 * (checker.c), for the end-to-end test and the benchmark script:
 *
 *   vrp_check INSTANCE.vrp SOLUTION [--vehicles K] [--real-dist]
 *
 * SOLUTION is `schoolrun vrp --json` output or a CVRPLIB .sol file ("-" =
 * stdin). Prints "ok COST ROUTES" (exit 0) when every customer is visited
 * once, loads fit, route lengths fit DISTANCE, at most K routes are used,
 * and the stated cost equals the cost recomputed from the instance;
 * otherwise "FAIL reason" (exit 1). Exit 2 for unreadable inputs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "checker.h"
#include "schoolrun/io.h"

int main(int argc, char **argv)
{
	const char *inst = NULL, *solp = NULL;
	int k = -1, real = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--vehicles") && i + 1 < argc)
			k = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--real-dist"))
			real = 1;
		else if (!inst)
			inst = argv[i];
		else
			solp = argv[i];
	}
	if (!inst || !solp) {
		fprintf(stderr,
			"usage: vrp_check INSTANCE.vrp SOLUTION|- [--vehicles K] [--real-dist]\n");
		return 2;
	}
	sr_error_t err;
	vrp_instance_t *in = NULL;
	char buf[2048];
	if (vrp_instance_read(inst, &in, &err)) {
		fprintf(stderr, "vrp_check: %s\n", sr_error_format(&err, buf, sizeof(buf)));
		return 2;
	}
	if (real)
		in->rounded = 0; /* the checker recomputes arcs from coordinates */
	char *text = NULL;
	size_t len = 0;
	if (sr_read_file(solp, &text, &len, &err)) {
		fprintf(stderr, "vrp_check: %s\n", sr_error_format(&err, buf, sizeof(buf)));
		vrp_instance_free(in);
		return 2;
	}
	chk_sol_t s;
	int prc;
	const char *t = text;
	while (*t == ' ' || *t == '\n' || *t == '\t')
		t++;
	if (*t == '{') {
		prc = chk_parse_json(text, in, &s);
	} else {
		prc = chk_read_sol(solp, in, &s);
	}
	int rc = 1;
	double cost = 0;
	char why[512];
	if (prc) {
		printf("FAIL unreadable solution (bad node id or syntax)\n");
	} else if (!chk_solution(in, &s, k, &cost, why, sizeof(why))) {
		printf("FAIL %s\n", why);
	} else if (!isnan(s.cost) && fabs(s.cost - cost) > (in->rounded ? 1e-9 : 0.006)) {
		printf("FAIL stated cost %.6f, recomputed %.6f\n", s.cost, cost);
	} else {
		int used = 0;
		for (int r = 0; r < s.n_routes; r++)
			used += s.len[r] > 0;
		printf("ok %.6f %d\n", cost, used);
		rc = 0;
	}
	chk_sol_free(&s);
	free(text);
	vrp_instance_free(in);
	return rc;
}
