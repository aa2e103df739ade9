/*
 * cmd_plan.c - `schoolrun plan EXAMPLE_DIR --out OUT_DIR [flags]`: builds the
 * term's transfer plan (plan_build) and writes every output
 * (out_write_all). Every plan.conf setting is also a flag
 * (--arrival-buffer-min 10 sets arrival_buffer_min), and the flag wins;
 * the flags, their bounds and the help lines are the rows of the settings
 * registry (src/plan/settings.c).
 *
 * Exit status: 0 all children served, 3 some listed unserved, 2 bad input,
 * 1 internal error. Progress goes to stderr only when it is a terminal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/commands.h"
#include "cli/options.h"
#include "schoolrun/output.h"
#include "schoolrun/plan.h"

static void usage(FILE *fp)
{
	size_t n;
	const sr_setting_t *tab = plan_settings_table(&n);
	plan_settings_t defaults;
	plan_settings_init(&defaults);
	sr_buf_t b;
	sr_buf_init(&b);
	sr_buf_puts(&b, "usage: schoolrun plan EXAMPLE_DIR --out OUT_DIR [options]\n"
			"\n"
			"EXAMPLE_DIR holds plan.conf (or give the conf file itself), which names the\n"
			"map, sessions.csv, riders.csv and fleet.csv. Options (each overrides the\n"
			"plan.conf key of the same name, e.g. --arrival-buffer-min sets\n"
			"arrival_buffer_min):\n");
	sr_settings_help(&b, tab, n, &defaults);
	sr_buf_puts(&b, "  -q, --quiet               no progress on stderr\n"
			"\n"
			"Exit status: 0 all served, 3 some children unserved (listed in plan.json and\n"
			"summary.txt), 2 bad input, 1 internal error.\n");
	fputs(b.data, fp);
	sr_buf_free(&b);
	plan_settings_clear(&defaults);
}

int cmd_plan(int argc, char **argv)
{
	const char *dir = NULL, *out_dir = NULL;
	int quiet = 0;
	size_t n_set;
	const sr_setting_t *tab = plan_settings_table(&n_set);
	plan_settings_t over;
	plan_settings_unset(&over);
	sr_error_t err;
	sr_error_clear(&err);
	int status = 2;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			status = 0;
			goto out;
		}
		if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			quiet = 1;
			continue;
		}
		if (!strcmp(a, "--out") || !strncmp(a, "--out=", 6)) {
			if (a[5] == '=')
				out_dir = a + 6;
			else if (i + 1 < argc)
				out_dir = argv[++i];
			else {
				fprintf(stderr, "schoolrun plan: --out needs a value\n");
				goto out;
			}
			continue;
		}
		int taken = cli_take_flag("plan", tab, n_set, &over, argc, argv, &i, &err);
		if (taken < 0) {
			status = cli_fail(&err);
			goto out;
		}
		if (taken)
			continue;
		if (!strncmp(a, "--", 2)) {
			fprintf(stderr, "schoolrun plan: unknown option '%s'\n", a);
			goto out;
		}
		if (dir) {
			fprintf(stderr, "schoolrun plan: unexpected argument '%s'\n", a);
			goto out;
		}
		dir = a;
	}
	if (!dir || !out_dir) {
		usage(stderr);
		goto out;
	}
	if (!quiet)
		sr_log_set_level(isatty(STDERR_FILENO) ? SR_LOG_INFO : SR_LOG_WARN);
	else
		sr_log_set_level(SR_LOG_ERROR);

	/* EXAMPLE_DIR/plan.conf, or the conf file itself */
	size_t dl = strlen(dir);
	char *conf = NULL;
	if (dl > 5 && !strcmp(dir + dl - 5, ".conf")) {
		conf = xstrdup(dir);
	} else {
		conf = xmalloc(dl + 16);
		snprintf(conf, dl + 16, "%s%splan.conf", dir, dl && dir[dl - 1] == '/' ? "" : "/");
	}
	sr_plan_t *plan = NULL;
	int rc = plan_build(conf, &over, &plan, &err);
	free(conf);
	if (rc) {
		status = cli_fail(&err);
		goto out;
	}
	rc = out_write_all(plan, out_dir, &err);
	if (rc) {
		status = cli_fail(&err);
		plan_free(plan);
		goto out;
	}
	int unserved = 0;
	for (int i = 0; i < plan->n_unserved; i++)
		unserved += plan->unserved[i].children;
	if (plan->n_unserved)
		fprintf(stderr, "schoolrun plan: %d children in %d groups are not served (see %s/summary.txt)\n",
			unserved, plan->n_unserved, out_dir);
	status = plan->n_unserved ? 3 : 0;
	plan_free(plan);
out:
	plan_settings_clear(&over);
	return status;
}
