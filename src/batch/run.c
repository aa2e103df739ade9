/* run.c - batch_run(): plans the jobs, N at a time, each in its own child
 * process (posix_spawn of `schoolrun plan ... --threads 1 --record ...`,
 * stderr into OUT/runs/<name>.log),
 * so that a district's crash or bad input stops nothing else and every
 * plan is computed exactly as an emitted job would be. The parent polls
 * its children (waitpid WNOHANG, a few times a second) so that it can
 * report progress while they run; wait4 gives a dead child's peak memory
 * when the batch has to write the record itself. */
#define _DEFAULT_SOURCE /* wait4 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "batch/internal.h"
#include "util/i18n.h"

extern char **environ;

void batch_opts_init(batch_opts_t *o)
{
	memset(o, 0, sizeof *o);
}

typedef struct slot {
	pid_t pid; /* 0: free */
	int job;
	double t0;
} slot_t;

static void emit(const batch_opts_t *o, batch_event_t ev, batch_progress_t *p, double t0)
{
	p->elapsed_s = sr_now() - t0;
	if (o->progress)
		o->progress(o->ctx, ev, p);
}

static int start_job(const batch_opts_t *o, const batch_job_t *j, pid_t *pid, sr_error_t *err)
{
	char *runs = xstrdup(j->record);
	*strrchr(runs, '/') = '\0'; /* OUT/runs */
	int rc = sr_mkdir_p(runs, err);
	free(runs);
	if (rc)
		return rc;
	unlink(j->record);
	char *argv[] = {(char *)o->exe, "plan", j->dir,	    "--out",   j->out,
			"--threads",	"1",	"--record", j->record, NULL};
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, j->log, O_WRONLY | O_CREAT | O_TRUNC,
					 0644);
	posix_spawn_file_actions_adddup2(&fa, STDERR_FILENO, STDOUT_FILENO);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	int e = posix_spawn(pid, o->exe, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (e)
		rc = sr_error_set(err, SR_EIO, o->exe, 0, _("cannot start: %s"), strerror(e));
	return rc;
}

/* The record of a finished child: its own, or one written for it when it
 * died without one. */
static void finish_job(const batch_job_t *j, int wstatus, const struct rusage *ru, double secs,
		       batch_record_t *r)
{
	sr_error_t e;
	if (batch_record_read(j->record, r, &e) == SR_OK)
		return;
	char msg[256];
	if (WIFSIGNALED(wstatus))
		snprintf(msg, sizeof msg,
			 _("the plan process was killed by signal %d (%s); see %s"),
			 WTERMSIG(wstatus), strsignal(WTERMSIG(wstatus)), j->log);
	else
		snprintf(msg, sizeof msg,
			 _("the plan process ended with status %d without a run record; see %s"),
			 WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1, j->log);
	r->status = 1;
	r->message = xstrdup(msg);
	r->seconds = secs;
	r->peak_rss_kb = ru->ru_maxrss;
	if (batch_record_write(j->record, r, &e))
		sr_warn("%s: %s", j->record, e.msg);
}

int batch_run(const batch_jobs_t *jobs, const batch_opts_t *o, sr_error_t *err)
{
	if (!o->exe)
		return sr_error_set(err, SR_EINTERNAL, NULL, 0, _("batch_run: no executable"));
	int width = o->jobs > 0 ? o->jobs : sr_threads(0, 0);
	if (width > jobs->n)
		width = jobs->n > 0 ? jobs->n : 1;
	slot_t *slots = xcalloc((size_t)width, sizeof *slots);
	batch_progress_t p = {.total = jobs->n};
	double t0 = sr_now(), last_tick = t0;
	int next = 0, rc = SR_OK;
	while ((next < jobs->n && rc == SR_OK) || p.running > 0) {
		for (int s = 0; s < width && next < jobs->n && rc == SR_OK; s++) {
			if (slots[s].pid)
				continue;
			const batch_job_t *j = &jobs->jobs[next];
			rc = start_job(o, j, &slots[s].pid, err);
			if (rc)
				break;
			slots[s].job = next++;
			slots[s].t0 = sr_now();
			p.running++;
			p.job = j;
			p.record = NULL;
			emit(o, BATCH_STARTED, &p, t0);
		}
		int reaped = 0;
		for (int s = 0; s < width; s++) {
			if (!slots[s].pid)
				continue;
			int ws;
			struct rusage ru;
			memset(&ru, 0, sizeof ru);
			pid_t w = wait4(slots[s].pid, &ws, WNOHANG, &ru);
			if (w == 0 || (w < 0 && errno == EINTR))
				continue;
			const batch_job_t *j = &jobs->jobs[slots[s].job];
			batch_record_t r;
			if (w < 0)
				ws = 1 << 8; /* lost: counts as status 1 */
			finish_job(j, ws, &ru, sr_now() - slots[s].t0, &r);
			slots[s].pid = 0;
			p.running--;
			p.done++;
			p.failed += r.status == 1 || r.status == 2;
			p.job = j;
			p.record = &r;
			emit(o, BATCH_FINISHED, &p, t0);
			free(r.message);
			reaped = 1;
		}
		if (!reaped && p.running > 0) {
			struct timespec ts = {0, 50 * 1000 * 1000};
			nanosleep(&ts, NULL);
			if (sr_now() - last_tick >= 0.2) {
				last_tick = sr_now();
				p.job = NULL;
				p.record = NULL;
				emit(o, BATCH_TICK, &p, t0);
			}
		}
	}
	free(slots);
	return rc;
}
