/* cmd_sbrp.c - `schoolrun sbrp INSTANCE_DIR --max-ride SECONDS [--time-limit S]
 * [--seed N] [--out SOLUTION.csv] [--json] [--threads N] [--verbose]`:
 * solves a Park-Tae-Kim school bus routing instance under BiRD's rules (see
 * include/schoolrun/sbrp.h) and writes the solution CSV. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "cli/commands.h"
#include "schoolrun/sbrp.h"

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: schoolrun sbrp INSTANCE_DIR --max-ride SECONDS [--time-limit S] [--seed N]\n"
		"                      [--out SOLUTION.csv] [--json] [--threads N] [--verbose]\n"
		"\n"
		"Reads INSTANCE_DIR/Schools.txt and Stops.txt (Park, Tae & Kim 2012), builds runs\n"
		"per school under the ride limit and chains them into as few buses as possible.\n"
		"  --max-ride SECONDS  ride limit per student (e.g. 2700 or 5400); required\n"
		"  --time-limit S      overall budget in seconds (default 60); it also sets the\n"
		"                      search effort, so results do not depend on machine load\n"
		"  --seed N            random seed (default 1)\n"
		"  --out FILE          solution CSV: bus,run,seq,stop_id,students,arrival_s\n"
		"  --json              print {\"buses\",\"runs\",\"seconds\",\"lower_bound\"} on stdout\n");
}

static int bad(const char *msg, const char *arg)
{
	fprintf(stderr, "schoolrun sbrp: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
	return 2;
}

int cmd_sbrp(int argc, char **argv)
{
	sbrp_opts_t o;
	sbrp_opts_init(&o);
	const char *dir = NULL, *out = NULL;
	int json = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 0;
		}
		int has = i + 1 < argc;
		if (!strcmp(a, "--max-ride") || !strcmp(a, "--time-limit") ||
		    !strcmp(a, "--seed") || !strcmp(a, "--out") || !strcmp(a, "--threads")) {
			if (!has)
				return bad("missing value after", a);
			const char *v = argv[++i];
			if (!strcmp(a, "--out")) {
				out = v;
				continue;
			}
			if (!strcmp(a, "--seed") || !strcmp(a, "--threads")) {
				long x;
				if (sr_parse_long(v, &x) != 0 || x < 0)
					return bad("not a whole number >= 0", v);
				if (!strcmp(a, "--seed"))
					o.seed = (uint64_t)x;
				else
					o.threads = (int)x;
				continue;
			}
			double d;
			if (sr_parse_double(v, &d) != 0 || !(d > 0))
				return bad("not a positive number of seconds", v);
			if (!strcmp(a, "--max-ride"))
				o.max_ride_s = d;
			else
				o.time_limit_s = d;
		} else if (!strcmp(a, "--json")) {
			json = 1;
		} else if (!strcmp(a, "--verbose") || !strcmp(a, "-v")) {
			o.verbose++;
			sr_log_set_level(o.verbose > 1 ? SR_LOG_DEBUG : SR_LOG_INFO);
		} else if (a[0] == '-') {
			usage(stderr);
			return bad("unknown option", a);
		} else if (!dir) {
			dir = a;
		} else {
			return bad("more than one instance folder", a);
		}
	}
	if (!dir) {
		usage(stderr);
		return bad("no INSTANCE_DIR", NULL);
	}
	if (!(o.max_ride_s > 0))
		return bad("--max-ride SECONDS is required", NULL);

	sr_error_t err;
	sr_error_clear(&err);
	sbrp_instance_t *in = NULL;
	int rc = sbrp_read(dir, &in, &err);
	if (rc != SR_OK)
		return cli_fail(&err);
	sbrp_solution_t sol;
	rc = sbrp_solve(in, &o, &sol, &err);
	if (rc != SR_OK) {
		sbrp_instance_free(in);
		return cli_fail(&err);
	}
	if (out) {
		rc = sbrp_write_csv(in, &sol, out, &err);
		if (rc != SR_OK) {
			sbrp_solution_free(&sol);
			sbrp_instance_free(in);
			return cli_fail(&err);
		}
	}
	if (json) {
		sr_buf_t b;
		sr_buf_init(&b);
		sr_buf_printf(&b, "{\"buses\": %d, \"runs\": %d, \"seconds\": ", sol.n_buses,
			      sol.n_runs);
		sr_buf_num(&b, sol.seconds, 2);
		sr_buf_printf(&b, ", \"lower_bound\": ");
		sr_buf_num(&b, sol.lower_bound, 0);
		sr_buf_printf(&b, ", \"scenarios\": %d, \"decomposed\": %s}\n", sol.n_scenarios,
			      sol.decomposed ? "true" : "false");
		fputs(b.data, stdout);
		sr_buf_free(&b);
	} else {
		printf("%d buses, %d runs, %.1f s", sol.n_buses, sol.n_runs, sol.seconds);
		if (isfinite(sol.lower_bound))
			printf(" (the pool's LP bound: %.0f buses)", sol.lower_bound);
		printf("\n");
	}
	sbrp_solution_free(&sol);
	sbrp_instance_free(in);
	return 0;
}
