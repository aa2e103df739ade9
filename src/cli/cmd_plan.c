/*
 * cmd_plan.c - `schoolrun plan EXAMPLE_DIR --out OUT_DIR [flags]`: builds the
 * term's transfer plan (plan_build) and writes every output
 * (out_write_all). Every plan.conf setting is also a flag
 * (--arrival-buffer-min 10 sets arrival_buffer_min), and the flag wins.
 *
 * Exit status: 0 all children served, 3 some listed unserved, 2 bad input,
 * 1 internal error. Progress goes to stderr only when it is a terminal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/commands.h"
#include "schoolrun/output.h"
#include "schoolrun/plan.h"

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: schoolrun plan EXAMPLE_DIR --out OUT_DIR [options]\n"
		"\n"
		"EXAMPLE_DIR holds plan.conf (or give the conf file itself), which names the\n"
		"map, sessions.csv, riders.csv and fleet.csv. Options (each overrides plan.conf):\n"
		"  --map FILE --sessions FILE --riders FILE --fleet FILE\n"
		"  --bbox MINLON,MINLAT,MAXLON,MAXLAT   read only this part of the map (map_bbox)\n"
		"  --arrival-buffer-min N     children arrive at least N min before the start (10)\n"
		"  --early-window-min N       ... and at most N min earlier than that (15)\n"
		"  --departure-buffer-min N   home runs leave N min after the end (5)\n"
		"  --late-window-min N        ... or up to N min later when buses are short (30)\n"
		"  --dwell-base-s S --dwell-per-child-s S   stop dwell (45, 10)\n"
		"  --max-ride-min N           ride limit unless a session or rider sets one (60)\n"
		"  --speed-cap-kmh V          bus speed cap (60, decree No. 1527)\n"
		"  --lang ru|en               language of printed schedules and summary.txt (ru)\n"
		"  --term-start YYYY-MM-DD --term-end YYYY-MM-DD\n"
		"                             the term, for the GTFS calendar (2026-09-01, 2026-12-28)\n"
		"  --seed N --time-limit S    random seed (1), planning time budget (60 s)\n"
		"  -q, --quiet                no progress on stderr\n"
		"\n"
		"Exit status: 0 all served, 3 some children unserved (listed in plan.json and\n"
		"summary.txt), 2 bad input, 1 internal error.\n");
}

int cmd_plan(int argc, char **argv)
{
	const char *dir = NULL, *out_dir = NULL;
	int quiet = 0;
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
		if (!strncmp(a, "--", 2)) {
			char key[64];
			const char *val = NULL;
			const char *eq = strchr(a, '=');
			size_t kl = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			if (kl == 0 || kl >= sizeof(key)) {
				fprintf(stderr, "schoolrun plan: unknown option '%s'\n", a);
				goto out;
			}
			memcpy(key, a + 2, kl);
			key[kl] = '\0';
			if (eq)
				val = eq + 1;
			else if (i + 1 < argc)
				val = argv[++i];
			else {
				fprintf(stderr, "schoolrun plan: %s needs a value\n", a);
				goto out;
			}
			if (!strcmp(key, "out")) {
				out_dir = val;
				continue;
			}
			for (char *c = key; *c; c++)
				if (*c == '-')
					*c = '_';
			if (!strcmp(key, "time_limit"))
				strcpy(key, "time_limit_s");
			if (!strcmp(key, "bbox"))
				strcpy(key, "map_bbox");
			char why[512];
			if (plan_conf_set(&over, key, val, NULL, why, sizeof(why))) {
				if (!strncmp(why, "unknown setting", 15))
					fprintf(stderr, "schoolrun plan: unknown option '--%.*s'\n", (int)kl,
						a + 2);
				else
					fprintf(stderr, "schoolrun plan: --%.*s: %s\n", (int)kl, a + 2, why);
				goto out;
			}
			continue;
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
