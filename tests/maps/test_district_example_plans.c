/*
 * test_district_example_plans.c - the bundled examples are what issue 5
 * promises: plan_build serves every child of examples/district and
 * examples/tiny, and on the district buses chain runs (a duty with several
 * runs; more runs in a day pattern than buses). Seats are re-checked here
 * from the plan's own runs and buses.
 *
 * Usage: test_district_example_plans EXAMPLE_DIR (relative to SR_SOURCE_DIR)
 */
#include <stdio.h>
#include <string.h>
#include "testutil.h"

int main(int argc, char **argv)
{
	const char *src = test_env("SR_SOURCE_DIR");
	if (!src[0] || argc < 2)
		test_skip("usage: test_district_example_plans EXAMPLE_DIR, with SR_SOURCE_DIR set");
	char conf[4096];
	snprintf(conf, sizeof(conf), "%s/%s/plan.conf", src, argv[1]);
	sr_plan_t *p = NULL;
	sr_error_t err;
	sr_error_clear(&err);
	int rc = plan_build(conf, NULL, &p, &err);
	CHECK_OK(rc, &err);
	if (rc)
		return test_summary();
	for (int i = 0; i < p->n_unserved; i++)
		fprintf(stderr, "unserved: riders line %ld: %s\n", p->unserved[i].rider_line,
			p->unserved[i].reason);
	CHECK_MSG(p->n_unserved == 0, "%d groups unserved", p->n_unserved);
	int most_runs = 0, chained = 0, runs = 0;
	for (int k = 0; k < p->n_patterns; k++) {
		const plan_pattern_t *pt = &p->patterns[k];
		runs += pt->n_runs;
		most_runs = pt->n_runs > most_runs ? pt->n_runs : most_runs;
		for (int d = 0; d < pt->n_duties; d++)
			chained += pt->duties[d].n_runs >= 2;
		for (int r = 0; r < pt->n_runs; r++) {
			const plan_run_t *run = &pt->runs[r];
			CHECK(run->bus >= 0 && run->bus < p->n_buses);
			if (run->bus >= 0 && run->bus < p->n_buses)
				CHECK_MSG(run->children <= p->buses[run->bus].seats,
					  "run %s: %d children, %d seats", run->id, run->children,
					  p->buses[run->bus].seats);
		}
	}
	if (strstr(argv[1], "district")) {
		CHECK_MSG(most_runs > p->n_buses, "at most %d runs a day for %d buses", most_runs,
			  p->n_buses);
		CHECK(chained > 0);
	}
	printf("%s: %d day patterns, %d runs, %d buses, %d duties with several runs\n", argv[1],
	       p->n_patterns, runs, p->n_buses, chained);
	plan_free(p);
	return test_summary();
}
