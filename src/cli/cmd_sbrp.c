/* cmd_sbrp.c - `schoolrun sbrp INSTANCE_DIR --max-ride SECONDS [--time-limit S]
 * [--seed N] [--mixed-load] [--out SOLUTION.csv] [--json] [--threads N] [--verbose]`:
 * solves a Park-Tae-Kim school bus routing instance under BiRD's rules (see
 * include/schoolrun/sbrp.h) and writes the solution CSV. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "cli/commands.h"
#include "schoolrun/sbrp.h"
#include "util/i18n.h"

static void usage(FILE *fp)
{
	fputs(_("usage: schoolrun sbrp INSTANCE_DIR --max-ride SECONDS [--time-limit S] [--seed N]\n"
		"                      [--mixed-load] [--out SOLUTION.csv] [--json] [--threads N]\n"
		"                      [--verbose]\n"
		"\n"
		"Reads INSTANCE_DIR/Schools.txt and Stops.txt (Park, Tae & Kim 2012), builds runs\n"
		"per school under the ride limit and chains them into as few buses as possible.\n"
		"  --max-ride SECONDS  ride limit per student (e.g. 2700 or 5400); required\n"
		"  --time-limit S      the work budget, in seconds of one core (default 60): it\n"
		"                      sets fixed counts of search work, so the result depends on\n"
		"                      the inputs, seed and this value only, never on machine load\n"
		"                      (a far safety limit warns if it ever cuts the work)\n"
		"  --seed N            random seed (default 1)\n"
		"  --mixed-load        students of different schools may share a run (stops, then\n"
		"                      their schools in order; each school by its bell, each\n"
		"                      student within the ride limit to the own school)\n"
		"  --out FILE          solution CSV: bus,run,seq,stop_id,students,arrival_s\n"
		"                      (with --mixed-load also school, and a row per school)\n"
		"  --json              print {\"buses\",\"runs\",\"seconds\",\"lower_bound\"} on stdout\n"),
	      fp);
}

static int bad(const char *msg, const char *arg)
{
	fprintf(stderr, _("schoolrun sbrp: %s%s%s\n"), msg, arg ? ": " : "", arg ? arg : "");
	return 2;
}

/* The command line besides the solver's options. */
typedef struct sbrp_args {
	const char *dir, *out;
	int json;
} sbrp_args_t;

/* A flag with a value (--out, --seed, --threads, --max-ride, --time-limit):
 * 0, or the exit status of a bad value. */
static int set_value(const char *a, const char *v, sbrp_opts_t *o, sbrp_args_t *x)
{
	if (!strcmp(a, "--out")) {
		x->out = v;
		return 0;
	}
	if (!strcmp(a, "--seed") || !strcmp(a, "--threads")) {
		long n;
		if (sr_parse_long(v, &n) != 0 || n < 0)
			return bad(_("not a whole number >= 0"), v);
		if (!strcmp(a, "--seed"))
			o->seed = (uint64_t)n;
		else
			o->threads = (int)n;
		return 0;
	}
	double d;
	if (sr_parse_double(v, &d) != 0 || !(d > 0))
		return bad(_("not a positive number of seconds"), v);
	if (!strcmp(a, "--max-ride"))
		o->max_ride_s = d;
	else
		o->time_limit_s = d;
	return 0;
}

/* -1 to go on, else the exit status (0 after --help). */
static int parse_args(int argc, char **argv, sbrp_opts_t *o, sbrp_args_t *x)
{
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
				return bad(_("missing value after"), a);
			int st = set_value(a, argv[++i], o, x);
			if (st)
				return st;
		} else if (!strcmp(a, "--json")) {
			x->json = 1;
		} else if (!strcmp(a, "--mixed-load")) {
			o->mixed_load = 1;
		} else if (!strcmp(a, "--verbose") || !strcmp(a, "-v")) {
			o->verbose++;
			sr_log_set_level(o->verbose > 1 ? SR_LOG_DEBUG : SR_LOG_INFO);
		} else if (a[0] == '-') {
			usage(stderr);
			return bad(_("unknown option"), a);
		} else if (!x->dir) {
			x->dir = a;
		} else {
			return bad(_("more than one instance folder"), a);
		}
	}
	if (!x->dir) {
		usage(stderr);
		return bad(_("no INSTANCE_DIR"), NULL);
	}
	if (!(o->max_ride_s > 0))
		return bad(_("--max-ride SECONDS is required"), NULL);
	return -1;
}

/* The result on stdout: one JSON object (--json) or one line. */
static void print_result(const sbrp_solution_t *sol, int json)
{
	if (json) {
		sr_buf_t b;
		sr_buf_init(&b);
		sr_buf_printf(&b, "{\"buses\": %d, \"runs\": %d, \"seconds\": ", sol->n_buses,
			      sol->n_runs);
		sr_buf_num(&b, sol->seconds, 2);
		sr_buf_printf(&b, ", \"lower_bound\": ");
		sr_buf_num(&b, sol->lower_bound, 0);
		sr_buf_printf(&b, ", \"scenarios\": %d, \"decomposed\": %s}\n", sol->n_scenarios,
			      sol->decomposed ? "true" : "false");
		fputs(b.data, stdout);
		sr_buf_free(&b);
	} else {
		char nb[48], nr[48];
		snprintf(nb, sizeof nb, _n("%d bus", "%d buses", sol->n_buses), sol->n_buses);
		snprintf(nr, sizeof nr, _n("%d run", "%d runs", sol->n_runs), sol->n_runs);
		printf(_("%s, %s, %.1f s"), nb, nr, sol->seconds);
		if (isfinite(sol->lower_bound))
			printf(_(" (the pool's LP bound: %.0f buses)"), sol->lower_bound);
		printf("\n");
	}
}

int cmd_sbrp(int argc, char **argv)
{
	sbrp_opts_t o;
	sbrp_opts_init(&o);
	sbrp_args_t x = {NULL, NULL, 0};
	int st = parse_args(argc, argv, &o, &x);
	if (st >= 0)
		return st;

	sr_error_t err;
	sr_error_clear(&err);
	sbrp_instance_t *in = NULL;
	int rc = sbrp_read(x.dir, &in, &err);
	if (rc != SR_OK)
		return cli_fail(&err);
	sbrp_solution_t sol;
	rc = sbrp_solve(in, &o, &sol, &err);
	if (rc != SR_OK) {
		sbrp_instance_free(in);
		return cli_fail(&err);
	}
	if (x.out) {
		rc = sbrp_write_csv(in, &sol, o.mixed_load, x.out, &err);
		if (rc != SR_OK) {
			sbrp_solution_free(&sol);
			sbrp_instance_free(in);
			return cli_fail(&err);
		}
	}
	print_result(&sol, x.json);
	sbrp_solution_free(&sol);
	sbrp_instance_free(in);
	return 0;
}
