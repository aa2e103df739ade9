/* jobs.c - a batch's job list: names from the example folders (made
 * unique), OUT/jobs.csv (what --collect reads back), and the command lines
 * `--emit-jobs` writes for GNU parallel or a Slurm job array, one
 * `schoolrun plan` per district, the same the batch runs itself. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "batch/internal.h"
#include "schoolrun/plan.h"
#include "util/i18n.h"

static const char *const jobs_header[] = {"district", "dir"};

void batch_jobs_free(batch_jobs_t *jobs)
{
	if (!jobs)
		return;
	for (int i = 0; i < jobs->n; i++) {
		free(jobs->jobs[i].name);
		free(jobs->jobs[i].dir);
		free(jobs->jobs[i].out);
		free(jobs->jobs[i].record);
		free(jobs->jobs[i].log);
	}
	free(jobs->jobs);
	free(jobs->out);
	for (int i = 0; i < jobs->n_notes; i++)
		free(jobs->notes[i]);
	free(jobs->notes);
	memset(jobs, 0, sizeof *jobs);
}

/* The last path component without trailing slashes and a ".conf" end. */
static char *base_name(const char *dir)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	size_t s = n;
	while (s > 0 && dir[s - 1] != '/')
		s--;
	char *b = xstrndup(dir + s, n - s);
	size_t bl = strlen(b);
	if (bl > 5 && !strcmp(b + bl - 5, ".conf"))
		b[bl - 5] = '\0';
	if (!b[0] || !strcmp(b, ".") || !strcmp(b, "..")) {
		free(b);
		b = xstrdup("district");
	}
	return b;
}

static int name_taken(const batch_jobs_t *jobs, const char *name)
{
	if (!strcmp(name, "runs"))
		return 1; /* OUT/runs holds the records */
	for (int i = 0; i < jobs->n; i++)
		if (!strcmp(jobs->jobs[i].name, name))
			return 1;
	return 0;
}

static void add_job(batch_jobs_t *jobs, const char *name, const char *dir)
{
	jobs->jobs = xreallocarray(jobs->jobs, (size_t)jobs->n + 1, sizeof(batch_job_t));
	batch_job_t *j = &jobs->jobs[jobs->n++];
	j->name = xstrdup(name);
	j->dir = xstrdup(dir);
	j->out = bt_path(jobs->out, name);
	sr_buf_t b;
	sr_buf_init(&b);
	sr_buf_printf(&b, "%s/runs/%s.csv", jobs->out, name);
	j->record = xstrdup(b.data);
	sr_buf_reset(&b);
	sr_buf_printf(&b, "%s/runs/%s.log", jobs->out, name);
	j->log = b.data;
}

/* Each argument's conf (arg/plan.conf for a folder, else arg) and the
 * files it includes, read once for the whole list. */
typedef struct arg_conf {
	char *conf;
	char **inc;
	int n_inc;
} arg_conf_t;

static arg_conf_t *arg_confs(const char *const *dirs, int n)
{
	arg_conf_t *c = xcalloc((size_t)n + 1, sizeof *c);
	for (int k = 0; k < n; k++) {
		struct stat st;
		if (stat(dirs[k], &st) != 0)
			continue;
		sr_buf_t b;
		sr_buf_init(&b);
		sr_buf_printf(&b, "%s%s", dirs[k], S_ISDIR(st.st_mode) ? "/plan.conf" : "");
		c[k].conf = b.data;
		c[k].n_inc = plan_conf_includes(c[k].conf, &c[k].inc);
	}
	return c;
}

static void arg_confs_free(arg_conf_t *c, int n)
{
	for (int k = 0; k < n; k++) {
		for (int j = 0; j < c[k].n_inc; j++)
			free(c[k].inc[j]);
		free(c[k].inc);
		free(c[k].conf);
	}
	free(c);
}

/* Why argument i is no district, or NULL: a file that another argument's
 * conf includes (a shared base.conf, which a glob over the region matches
 * too), or a file whose name does not end in ".conf" (a README beside the
 * folders). */
static char *not_a_district(const char *const *dirs, const arg_conf_t *c, int n, int i)
{
	struct stat st;
	char real[PATH_MAX];
	if (stat(dirs[i], &st) != 0 || S_ISDIR(st.st_mode) || !realpath(dirs[i], real))
		return NULL;
	sr_buf_t by, why;
	sr_buf_init(&by);
	sr_buf_init(&why);
	int nb = 0;
	for (int k = 0; k < n; k++) {
		int hit = 0;
		for (int j = 0; k != i && j < c[k].n_inc && !hit; j++)
			hit = !strcmp(c[k].inc[j], real);
		if (hit && nb++ < 3)
			sr_buf_printf(&by, "%s%s", nb > 1 ? ", " : "", c[k].conf);
	}
	size_t l = strlen(dirs[i]);
	if (nb)
		sr_buf_printf(&why,
			      _n("%s: shared settings that %s%s includes: no district, left out",
				 "%s: shared settings that %s%s include: no district, left out",
				 nb),
			      dirs[i], by.data, nb > 3 ? _(" and others") : "");
	else if (l < 5 || strcmp(dirs[i] + l - 5, ".conf"))
		sr_buf_printf(&why, _("%s: not a folder nor a .conf file: no district, left out"),
			      dirs[i]);
	sr_buf_free(&by);
	return why.data;
}

int batch_jobs_make(const char *const *dirs, int n, const char *out, batch_jobs_t *jobs,
		    sr_error_t *err)
{
	memset(jobs, 0, sizeof *jobs);
	jobs->out = bt_abspath(out);
	sr_buf_t bad;
	sr_buf_init(&bad);
	arg_conf_t *confs = arg_confs(dirs, n);
	for (int i = 0; i < n; i++) {
		struct stat st;
		if (stat(dirs[i], &st) != 0) {
			sr_buf_printf(&bad, "%s'%s'", bad.len ? ", " : "", dirs[i]);
			continue;
		}
		char *why = not_a_district(dirs, confs, n, i);
		if (why) {
			jobs->notes = xreallocarray(jobs->notes, (size_t)jobs->n_notes + 1,
						    sizeof(char *));
			jobs->notes[jobs->n_notes++] = why;
			continue;
		}
		char *abs = bt_abspath(dirs[i]);
		char *name = base_name(abs);
		char *unique = xstrdup(name);
		for (int k = 2; name_taken(jobs, unique); k++) {
			free(unique);
			size_t l = strlen(name) + 16;
			unique = xmalloc(l);
			snprintf(unique, l, "%s-%d", name, k);
		}
		add_job(jobs, unique, abs);
		free(unique);
		free(name);
		free(abs);
	}
	arg_confs_free(confs, n);
	int rc = SR_OK;
	if (bad.len)
		rc = sr_error_set(err, SR_EINPUT, NULL, 0, _("no such example folder: %s"),
				  bad.data);
	else if (!jobs->n)
		rc = sr_error_set(err, SR_EINPUT, NULL, 0, _("no district to plan: %s"),
				  jobs->n_notes ? jobs->notes[0] : _("no folders given"));
	sr_buf_free(&bad);
	if (rc)
		batch_jobs_free(jobs);
	return rc;
}

int batch_jobs_write(const batch_jobs_t *jobs, sr_error_t *err)
{
	int rc = sr_mkdir_p(jobs->out, err);
	if (rc)
		return rc;
	char *path = bt_path(jobs->out, "jobs.csv");
	bt_csv_t c;
	if (!(rc = bt_csv_open(&c, path, jobs_header, 2, err))) {
		for (int i = 0; i < jobs->n; i++) {
			const char *row[] = {jobs->jobs[i].name, jobs->jobs[i].dir};
			bt_csv_row(&c, row, 2);
		}
		rc = bt_csv_close(&c, err);
	}
	free(path);
	return rc;
}

int batch_jobs_read(const char *out, batch_jobs_t *jobs, sr_error_t *err)
{
	memset(jobs, 0, sizeof *jobs);
	jobs->out = bt_abspath(out);
	char *path = bt_path(jobs->out, "jobs.csv");
	sr_csv_t *csv = NULL;
	int rc = sr_csv_read(path, 1, &csv, err);
	if (rc) {
		if (rc == SR_EIO)
			rc = sr_error_set(
				err, SR_EINPUT, path, 0,
				_("not a batch folder: no jobs.csv (written by `schoolrun batch` and --emit-jobs)"));
		goto out;
	}
	if (csv->n_rows < 1 || csv->rows[0].n != 2 || strcmp(csv->rows[0].fields[0], "district") ||
	    strcmp(csv->rows[0].fields[1], "dir")) {
		rc = sr_error_set(err, SR_EINPUT, path, 1, _("expected the header district,dir"));
		goto out;
	}
	for (size_t i = 1; i < csv->n_rows; i++) {
		const sr_csv_row_t *r = &csv->rows[i];
		if (r->n != 2 || !r->fields[0][0] || strchr(r->fields[0], '/') ||
		    name_taken(jobs, r->fields[0])) {
			rc = sr_error_set(
				err, SR_EINPUT, path, r->line,
				_("expected a unique district name (no '/') and its folder"));
			goto out;
		}
		add_job(jobs, r->fields[0], r->fields[1]);
	}
out:
	sr_csv_free(csv);
	free(path);
	if (rc)
		batch_jobs_free(jobs);
	return rc;
}

/* Appends s in POSIX shell single quotes ('\'' for a quote inside). */
static void shell_quote(sr_buf_t *b, const char *s)
{
	sr_buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sr_buf_puts(b, "'\\''");
		else
			sr_buf_putc(b, *s);
	}
	sr_buf_putc(b, '\'');
}

char *batch_job_command(const char *exe, const batch_job_t *j)
{
	sr_buf_t b;
	sr_buf_init(&b);
	shell_quote(&b, exe);
	sr_buf_puts(&b, " plan ");
	shell_quote(&b, j->dir);
	sr_buf_puts(&b, " --out ");
	shell_quote(&b, j->out);
	sr_buf_puts(&b, " --threads 1 --record ");
	shell_quote(&b, j->record);
	return b.data;
}

int batch_emit_jobs(const batch_jobs_t *jobs, const char *exe, const char *path, sr_error_t *err)
{
	int rc = batch_jobs_write(jobs, err);
	if (rc)
		return rc;
	sr_buf_t b;
	sr_buf_init(&b);
	for (int i = 0; i < jobs->n; i++) {
		char *cmd = batch_job_command(exe, &jobs->jobs[i]);
		sr_buf_puts(&b, cmd);
		sr_buf_putc(&b, '\n');
		free(cmd);
	}
	rc = sr_write_file_atomic(path, b.data ? b.data : "", b.len, err);
	sr_buf_free(&b);
	return rc;
}
