/*
 * cmd_batch.c - `schoolrun batch DIR... --out OUT [--jobs N]`: plans many
 * example folders (a region's districts, what-if scenarios), each into
 * OUT/<name>/ by its own `schoolrun plan` process, N at a time, then writes
 * OUT/batch.csv, OUT/region.csv and OUT/region.html. `--emit-jobs FILE`
 * writes the plan commands instead of running them (GNU parallel, Slurm);
 * `--collect OUT` builds the tables once they have run. `--lang ru|en`:
 * region.html's language (default: the plans' own when they agree, else
 * Russian).
 *
 * Progress on stderr: a status line redrawn in place on a terminal, one
 * line per finished plan otherwise. Exit status: the worst of the plans
 * (1 internal > 2 bad input > 3 some unserved > 0), 2 for bad usage.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/commands.h"
#include "schoolrun/batch.h"
#include "util/i18n.h"

static void usage(FILE *fp)
{
	fputs(_("usage: schoolrun batch EXAMPLE_DIR... --out OUT [--jobs N] [--lang ru|en] [-q]\n"
		"       schoolrun batch EXAMPLE_DIR... --out OUT --emit-jobs FILE\n"
		"       schoolrun batch --collect OUT [--lang ru|en]\n"
		"\n"
		"Plans each example folder into OUT/<folder name> (made unique), N at a time\n"
		"(default: the number of cores; each plan then uses one thread), and writes\n"
		"OUT/batch.csv (status and message of each), OUT/region.csv,\n"
		"OUT/region.html and OUT/region.xlsx (figures per district and in total;\n"
		"region.csv's last column, seconds, is the measured run time, the rest what\n"
		"the plans determine). A file that a district's conf includes (a shared\n"
		"base.conf) or a file not named .conf is no district: left out, saying so.\n"
		"  --jobs N          plans at once\n"
		"  --emit-jobs FILE  write one `schoolrun plan ...` line per district to FILE\n"
		"                    (and OUT/jobs.csv) instead of planning; run them with GNU\n"
		"                    parallel or a Slurm array, then --collect OUT\n"
		"  --collect OUT     build batch.csv, region.csv, region.html and region.xlsx\n"
		"                    from OUT\n"
		"  --lang ru|en      region.html's and region.xlsx's language (default: the\n"
		"                    plans' own language\n"
		"                    when they all agree, else ru); the CSV files keep English\n"
		"                    column names\n"
		"  -q, --quiet       no progress on stderr\n"
		"\n"
		"Exit status: the worst of the plans: 1 internal error, 2 bad input,\n"
		"3 some children unserved, 0 all served.\n"),
	      fp);
}

typedef struct ui {
	int tty, quiet;
} ui_t;

static void progress(void *ctx, batch_event_t ev, const batch_progress_t *p)
{
	const ui_t *u = ctx;
	if (u->quiet)
		return;
	if (ev == BATCH_FINISHED && (!u->tty || p->record->status == 1 || p->record->status == 2)) {
		if (u->tty)
			fputs("\r\033[K", stderr);
		fprintf(stderr, _("schoolrun batch: [%d/%d] %s: exit %d, %.1f s%s%s\n"), p->done,
			p->total, p->job->name, p->record->status, p->record->seconds,
			p->record->message[0] ? ": " : "", p->record->message);
	}
	if (u->tty) {
		fputs("\r\033[K", stderr);
		fprintf(stderr, _("%d/%d done, %d running, %d failed, %.0f s"), p->done, p->total,
			p->running, p->failed, p->elapsed_s);
	}
}

static int collect(const char *out, const char *lang, int quiet)
{
	sr_error_t err;
	int worst;
	if (batch_collect(out, lang, &worst, &err))
		return cli_fail(&err);
	if (!quiet)
		fprintf(stderr,
			_("schoolrun batch: worst exit status %d; see %s/batch.csv and %s/region.html\n"),
			worst, out, out);
	return worst;
}

/* The command line: folders, --out, --jobs, --emit-jobs, --collect,
 * --lang, -q. */
typedef struct batch_args {
	const char *out, *emit, *coll, *lang;
	const char **dirs;
	int n, jobs, quiet;
} batch_args_t;

/* Sets option f to v; returns -1 to go on, 2 for a bad value. */
static int set_value(batch_args_t *a, const char *f, const char *v)
{
	long j;
	if (!strcmp(f, "--out")) {
		a->out = v;
	} else if (!strcmp(f, "--emit-jobs")) {
		a->emit = v;
	} else if (!strcmp(f, "--collect")) {
		a->coll = v;
	} else if (!strcmp(f, "--lang")) {
		if (strcmp(v, "ru") && strcmp(v, "en")) {
			fprintf(stderr, _("schoolrun batch: --lang must be ru or en, not '%s'\n"),
				v);
			return 2;
		}
		a->lang = v;
	} else if (sr_parse_long(v, &j) || j < 1 || j > 1024) {
		fprintf(stderr,
			_("schoolrun batch: --jobs must be a whole number from 1 to 1024, not '%s'\n"),
			v);
		return 2;
	} else {
		a->jobs = (int)j;
	}
	return -1;
}

/* Reads argv into a; returns -1 to go on, else the exit status (0 after
 * --help, 2 for bad usage). */
static int parse_args(int argc, char **argv, batch_args_t *a)
{
	for (int i = 1; i < argc; i++) {
		const char *f = argv[i];
		if (!strcmp(f, "--help") || !strcmp(f, "-h")) {
			usage(stdout);
			return 0;
		}
		if (!strcmp(f, "-q") || !strcmp(f, "--quiet")) {
			a->quiet = 1;
		} else if (!strcmp(f, "--out") || !strcmp(f, "--jobs") ||
			   !strcmp(f, "--emit-jobs") || !strcmp(f, "--collect") ||
			   !strcmp(f, "--lang")) {
			if (i + 1 >= argc) {
				fprintf(stderr, _("schoolrun batch: %s needs a value\n"), f);
				return 2;
			}
			int st = set_value(a, f, argv[++i]);
			if (st >= 0)
				return st;
		} else if (!strncmp(f, "-", 1)) {
			fprintf(stderr, _("schoolrun batch: unknown option '%s'\n"), f);
			return 2;
		} else {
			a->dirs[a->n++] = f;
		}
	}
	return -1;
}

/* Writes the plan commands to a->emit instead of running them. */
static int emit_jobs(const batch_args_t *a, const batch_jobs_t *list, const char *exe)
{
	sr_error_t err;
	if (batch_emit_jobs(list, exe, a->emit, &err))
		return cli_fail(&err);
	if (!a->quiet)
		fprintf(stderr,
			_("schoolrun batch: %d jobs in %s; after they ran: schoolrun batch --collect %s\n"),
			list->n, a->emit, a->out);
	return 0;
}

/* Runs the plans, a->jobs at a time, then collects their tables. */
static int run_jobs(const batch_args_t *a, const batch_jobs_t *list, const char *exe)
{
	sr_error_t err;
	ui_t ui = {.tty = isatty(STDERR_FILENO), .quiet = a->quiet};
	batch_opts_t o;
	batch_opts_init(&o);
	o.exe = exe;
	o.jobs = a->jobs;
	o.progress = progress;
	o.ctx = &ui;
	int rc = batch_run(list, &o, &err);
	if (ui.tty && !a->quiet)
		fputs("\n", stderr);
	if (rc)
		return cli_fail(&err);
	return collect(a->out, a->lang, a->quiet);
}

int cmd_batch(int argc, char **argv)
{
	batch_args_t a = {0};
	a.dirs = xcalloc((size_t)argc + 1, sizeof *a.dirs);
	batch_jobs_t list = {0};
	sr_error_t err;
	int status = parse_args(argc, argv, &a);
	if (status >= 0)
		goto out;
	status = 2;
	if (a.coll) {
		if (a.n || a.out || a.emit) {
			fprintf(stderr,
				_("schoolrun batch: --collect OUT takes no folders, --out or --emit-jobs\n"));
			goto out;
		}
		status = collect(a.coll, a.lang, a.quiet);
		goto out;
	}
	if (a.emit && a.lang) {
		fprintf(stderr,
			_("schoolrun batch: --lang goes with --collect OUT once the emitted "
			  "jobs have run, not with --emit-jobs\n"));
		goto out;
	}
	if (!a.n || !a.out) {
		usage(stderr);
		goto out;
	}
	char exe[PATH_MAX];
	ssize_t el = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (el <= 0) {
		fprintf(stderr,
			_("schoolrun batch: cannot find its own executable (/proc/self/exe)\n"));
		status = 1;
		goto out;
	}
	exe[el] = '\0';
	int made = batch_jobs_make(a.dirs, a.n, a.out, &list, &err);
	for (int i = 0; !made && !a.quiet && i < list.n_notes; i++)
		fprintf(stderr, "schoolrun batch: %s\n", list.notes[i]);
	if (made || batch_jobs_write(&list, &err))
		status = cli_fail(&err);
	else
		status = a.emit ? emit_jobs(&a, &list, exe) : run_jobs(&a, &list, exe);
out:
	batch_jobs_free(&list);
	free(a.dirs);
	return status;
}
