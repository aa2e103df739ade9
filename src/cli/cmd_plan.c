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
 * --threads N caps the worker threads (sr_set_threads); --record FILE
 * writes how the run ended (status, message, time, peak memory) for
 * `schoolrun batch`, whose jobs are such plan commands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/commands.h"
#include "cli/options.h"
#include "schoolrun/batch.h"
#include "schoolrun/output.h"
#include "schoolrun/plan.h"
#include "util/i18n.h"

static void usage(FILE *fp)
{
	size_t n;
	const sr_setting_t *tab = plan_settings_table(&n);
	plan_settings_t defaults;
	plan_settings_init(&defaults);
	sr_buf_t b;
	sr_buf_init(&b);
	sr_buf_puts(
		&b,
		_("usage: schoolrun plan EXAMPLE_DIR --out OUT_DIR [options]\n"
		  "\n"
		  "EXAMPLE_DIR holds plan.conf (or give the conf file itself), which names the\n"
		  "map, sessions.csv, riders.csv and fleet.csv. Options (each overrides the\n"
		  "plan.conf key of the same name, e.g. --arrival-buffer-min sets\n"
		  "arrival_buffer_min):\n"));
	sr_settings_help(&b, tab, n, &defaults);
	sr_buf_puts(
		&b,
		_("  --pdf                     also print the books in print/ to PDF (needs chromium)\n"
		  "  --keep OLD/plan.json      re-plan: keep the runs and buses of that earlier plan\n"
		  "                            where they still work; changes.csv says what changed\n"
		  "  --threads N               worker threads (default: all cores; the plan does\n"
		  "                            not depend on it)\n"
		  "  --record FILE             write status, message, seconds and peak memory of\n"
		  "                            this run to FILE (CSV, for schoolrun batch)\n"
		  "  -q, --quiet               no progress on stderr\n"
		  "\n"
		  "Exit status: 0 all served, 3 some children unserved (listed in plan.json and\n"
		  "summary.txt), 2 bad input, 1 internal error.\n"));
	fputs(b.data, fp);
	sr_buf_free(&b);
	plan_settings_clear(&defaults);
}

/* Writes the run record when --record was given. */
static void write_record(const char *path, int status, const char *msg, double t0)
{
	if (!path)
		return;
	batch_record_t r = {.status = status,
			    .message = (char *)msg,
			    .seconds = sr_now() - t0,
			    .peak_rss_kb = sr_peak_rss_kb()};
	sr_error_t e;
	char buf[2048];
	if (batch_record_write(path, &r, &e))
		fprintf(stderr, "schoolrun plan: %s\n", sr_error_format(&e, buf, sizeof buf));
}

/* The value of "--NAME VALUE" or "--NAME=VALUE" at argv[*i] (moving *i
 * past it), or NULL when argv[*i] is not that flag. *missing is set when
 * the flag has no value. */
static const char *flag_value(const char *name, int argc, char **argv, int *i, int *missing)
{
	size_t n = strlen(name);
	const char *a = argv[*i];
	if (strncmp(a, name, n) || (a[n] && a[n] != '='))
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (*i + 1 < argc)
		return argv[++*i];
	*missing = 1;
	return NULL;
}

/* Plans EXAMPLE_DIR (or a .conf file) and writes the outputs (and with pdf
 * the books as PDF). Returns the exit status; msg gets the error or the
 * unserved line for the run record. */
static int plan_and_write(const char *dir, const plan_settings_t *over, const char *keep,
			  const char *out_dir, int pdf, char *msg, size_t msg_size)
{
	sr_error_t err;
	sr_error_clear(&err);
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
	int rc = plan_build_keep(conf, over, keep, &plan, &err);
	free(conf);
	if (!rc)
		rc = out_write_all(plan, out_dir, &err);
	if (!rc && pdf) {
		char *dir_print = xmalloc(strlen(out_dir) + 8);
		sprintf(dir_print, "%s/print", out_dir);
		rc = out_print_pdf(dir_print, &err);
		free(dir_print);
	}
	if (rc) {
		int status = cli_fail(&err);
		sr_error_format(&err, msg, msg_size);
		plan_free(plan);
		return status;
	}
	if (plan->n_unserved) {
		int nc = plan->unserved_children, ng = plan->unserved_groups;
		char what[96];
		snprintf(what, sizeof what, "%d %s in %d group%s %s not served", nc,
			 nc == 1 ? "child" : "children", ng, ng == 1 ? "" : "s",
			 nc == 1 ? "is" : "are");
		/* the run record keeps English (batch reads it), the terminal the
		 * user's language */
		snprintf(msg, msg_size, "%s (see summary.txt)", what);
		char cn[48], gn[48];
		snprintf(cn, sizeof cn, _n("%d child", "%d children", nc), nc);
		snprintf(gn, sizeof gn, _n("in %d group", "in %d groups", ng), ng);
		fprintf(stderr,
			_n("schoolrun plan: %s %s is not served (see %s/summary.txt)\n",
			   "schoolrun plan: %s %s are not served (see %s/summary.txt)\n", nc),
			cn, gn, out_dir);
	}
	if (sr_log_level() > SR_LOG_ERROR) { /* not --quiet: say where to look */
		char map[4096];
		snprintf(map, sizeof map, "%s/map.html", out_dir);
		int has_map = access(map, R_OK) == 0; /* not without libjs-leaflet */
		fprintf(stderr,
			_("schoolrun plan: written to %s: open %s/print/index.html to print, %s%s"
			  "%s/summary.txt for the figures\n"),
			out_dir, out_dir, has_map ? map : "",
			has_map ? _(" for the routes on a map, ") : "", out_dir);
	}
	int status = plan->n_unserved ? 3 : 0;
	plan_free(plan);
	return status;
}

int cmd_plan(int argc, char **argv)
{
	double t0 = sr_now();
	const char *dir = NULL, *out_dir = NULL, *record = NULL, *keep = NULL, *v;
	char msg[2048] = "";
	int missing = 0;
	int quiet = 0, pdf = 0;
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
		if (!strcmp(a, "--pdf")) {
			pdf = 1;
			continue;
		}
		if ((v = flag_value("--out", argc, argv, &i, &missing)) ||
		    (v = flag_value("--record", argc, argv, &i, &missing)) ||
		    (v = flag_value("--keep", argc, argv, &i, &missing))) {
			*(!strncmp(a, "--out", 5)    ? &out_dir
			  : !strncmp(a, "--keep", 6) ? &keep
						     : &record) = v;
			continue;
		}
		if ((v = flag_value("--threads", argc, argv, &i, &missing))) {
			long n;
			if (sr_parse_long(v, &n) || n < 1 || n > 1024) {
				fprintf(stderr,
					_("schoolrun plan: --threads must be a whole number from 1 to 1024, not '%s'\n"),
					v);
				goto out;
			}
			sr_set_threads((int)n);
			continue;
		}
		if (missing) {
			fprintf(stderr, _("schoolrun plan: %s needs a value\n"), a);
			goto out;
		}
		int taken = cli_take_flag("plan", tab, n_set, &over, argc, argv, &i, &err);
		if (taken < 0) {
			status = cli_fail(&err);
			goto out;
		}
		if (taken)
			continue;
		if (!strncmp(a, "--", 2)) {
			static const char *const extra[] = {"--out",  "--record", "--threads",
							    "--keep", "--pdf",	  "--quiet",
							    "--help", NULL};
			char hint[160];
			fprintf(stderr, _("schoolrun plan: unknown option '%s'%s\n"), a,
				cli_suggest_flag(a, tab, n_set, extra, hint, sizeof(hint)));
			goto out;
		}
		if (dir) {
			fprintf(stderr, _("schoolrun plan: unexpected argument '%s'\n"), a);
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

	status = plan_and_write(dir, &over, keep, out_dir, pdf, msg, sizeof msg);
	write_record(record, status, msg, t0);
out:
	plan_settings_clear(&over);
	return status;
}
