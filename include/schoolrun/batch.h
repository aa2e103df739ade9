/*
 * batch.h - many plans at once: a region's districts and what-if scenarios.
 *
 * A batch is a list of jobs, one per example folder, each planned by a
 * child process `schoolrun plan DIR --out OUT/<name> --threads 1 --record
 * OUT/runs/<name>.csv` (the same command line `--emit-jobs` writes for GNU
 * parallel or a Slurm array), so a crash or a bad input in one district
 * touches no other. OUT/jobs.csv lists the jobs; each job's run record
 * (exit status, message, seconds, peak memory) and its plan.json
 * are what the region tables and comparisons are read back from, so a
 * direct batch and `--collect` after jobs run elsewhere give the same
 * files.
 *
 * Outputs: OUT/batch.csv (every job, its status and message, time and
 * memory), OUT/region.csv (the figures per district and in total; only
 * deterministic columns, so equal inputs give equal bytes whatever
 * --jobs), OUT/region.html (the same with run times, sortable, linking
 * each district's pages; Russian or English). compare: compare.csv and
 * compare.html.
 */
#ifndef SCHOOLRUN_BATCH_H
#define SCHOOLRUN_BATCH_H

#include "schoolrun/util.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One district or scenario of a batch. */
typedef struct batch_job {
	char *name;   /* the folder's name, made unique ("a", "a-2") */
	char *dir;    /* the example folder (or .conf file), absolute */
	char *out;    /* OUT/<name>, absolute: the plan's folder, which the
			  plan replaces as a whole */
	char *record; /* OUT/runs/<name>.csv: how the run ended */
	char *log;    /* OUT/runs/<name>.log: its stderr (batch_run) */
} batch_job_t;

typedef struct batch_jobs {
	batch_job_t *jobs;
	int n;
	char *out;    /* OUT, absolute */
	char **notes; /* arguments left out, one sentence each (batch_jobs_make) */
	int n_notes;
} batch_jobs_t;

/* Makes the job list for example folders dirs[0..n-1] under out (absolute
 * paths; names from the folders' last components, a ".conf" file's name
 * without the extension, with "-2", "-3"... added to repeats in order;
 * "runs" is taken by the records' folder).
 * A folder that does not exist is SR_EINPUT naming it (all of them in one
 * message). A file that another argument's conf includes (a shared
 * base.conf that a glob over the region matches too) or a file whose name does not end in .conf (a
 * README beside the districts) is no district: it is left out with a
 * sentence in jobs->notes saying so. The caller frees with
 * batch_jobs_free(). */
int batch_jobs_make(const char *const *dirs, int n, const char *out, batch_jobs_t *jobs,
		    sr_error_t *err);
void batch_jobs_free(batch_jobs_t *jobs);

/* Writes OUT/jobs.csv (district,dir) atomically, creating OUT. */
int batch_jobs_write(const batch_jobs_t *jobs, sr_error_t *err);
/* Reads OUT/jobs.csv back into jobs (OUT/<name> as each job's out). */
int batch_jobs_read(const char *out, batch_jobs_t *jobs, sr_error_t *err);

/* The command line that plans job j with the schoolrun executable exe,
 * shell-quoted (POSIX sh single quotes). The caller frees it. */
char *batch_job_command(const char *exe, const batch_job_t *j);
/* Writes one such line per job to path (atomically) and OUT/jobs.csv. */
int batch_emit_jobs(const batch_jobs_t *jobs, const char *exe, const char *path, sr_error_t *err);

/* What a job's run record says (OUT/runs/<name>.csv). */
typedef struct batch_record {
	int status;	  /* the plan's exit status: 0, 3, 2 or 1 */
	char *message;	  /* the error or the unserved note, "" when none */
	double seconds;	  /* wall time of the plan */
	long peak_rss_kb; /* peak memory of the plan process */
} batch_record_t;

/* Writes a run record (one-row CSV with a header) atomically to path,
 * creating its folder. */
int batch_record_write(const char *path, const batch_record_t *r, sr_error_t *err);
/* Reads one back; SR_EIO when it is absent (the job did not finish). The
 * caller frees r->message. */
int batch_record_read(const char *path, batch_record_t *r, sr_error_t *err);

/* Which exit status is worse: 1 (internal) > 2 (bad input) > 3 (some
 * unserved) > 0. Returns the worse of a and b. */
int batch_worst_status(int a, int b);

/* ---- running ---- */

typedef enum batch_event {
	BATCH_STARTED = 0,
	BATCH_FINISHED,
	BATCH_TICK /* nothing changed; about every 0.2 s while running */
} batch_event_t;

typedef struct batch_progress {
	int total, done, running, failed; /* failed: exit 1 or 2 */
	double elapsed_s;
	const batch_job_t *job;	      /* STARTED/FINISHED: the job */
	const batch_record_t *record; /* FINISHED: its record */
} batch_progress_t;

typedef struct batch_opts {
	const char *exe; /* the schoolrun executable (required) */
	int jobs;	 /* plans at once; 0 = number of cores */
	/* called from batch_run for every event; may be NULL */
	void (*progress)(void *ctx, batch_event_t ev, const batch_progress_t *p);
	void *ctx;
} batch_opts_t;

void batch_opts_init(batch_opts_t *o);

/* Plans every job, o->jobs at a time, each in a child process (stderr to
 * its log). A job that fails does not stop the others; a child
 * that dies without a record gets one written for it (status 1 and how it
 * ended). Returns SR_OK when every job was run, whatever their status;
 * an error only when the batch itself could not go on. */
int batch_run(const batch_jobs_t *jobs, const batch_opts_t *o, sr_error_t *err);

/* ---- reading plans back and the region tables ---- */

/* The figures of one plan, from its plan.json. */
typedef struct batch_figures {
	int children;	      /* children in riders.csv (a group counts once per row) */
	int served, unserved; /* unserved: the rows with a missing run either way */
	int buses_day_max;    /* most buses on any one day */
	int buses_week;	      /* distinct buses over the week */
	int fleet;	      /* buses in fleet.csv: fleet - buses_day_max are spare */
	int more_buses;	      /* buses like the fleet's to add so that every child
				 rides (plan.json serve_all: the most any day
				 pattern needs); 0 when all ride or none found */
	int more_buses_split; /* the same with drivers on split shifts (plan.json
				 serve_all split_shift, extra_buses_split; where
				 the plan splits already or none fewer found,
				 more_buses): 0 when split shifts alone do */
	int runs_week;	      /* runs over the week (a pattern's runs times its days) */
	double km_week;	      /* bus kilometres over the week, deadheads included */
	double empty_km_week; /* of which without children (depot and between runs) */
	double km_term;	      /* bus kilometres over the term (plan.json term.km:
				 each pattern's days in the term, less the
				 days without runs) */
	int longest_ride_s;   /* longest ride of a child */
	int longest_shift_s;  /* longest bus day, depot to depot */
	int longest_week_s;   /* longest working week of a bus's drivers: its
				 duties' working time times their days, summed */
	/* the promises to families, plan.json's "week" counts: runs that
	 * repeat on several days, and of them those on one bus all week;
	 * children's round trips, and of them those home by the bus that
	 * took them there */
	int repeating_runs, same_bus_runs;
	long round_trips, round_trips_same_bus;
} batch_figures_t;

/* Reads OUT_DIR/plan.json and computes its figures. */
int batch_figures_read(const char *plan_dir, batch_figures_t *f, sr_error_t *err);

/* Builds OUT/batch.csv, OUT/region.csv and OUT/region.html from OUT/jobs.csv,
 * the run records and the plans. region.html is in lang ("ru" or "en"; NULL:
 * the plans' own language when they all agree, else "ru"); the CSV files
 * keep English keys. *worst gets the worst exit status of the jobs (a job
 * without a record counts as 1). */
int batch_collect(const char *out, const char *lang, int *worst, sr_error_t *err);

/* ---- comparing ---- */

/* Compares two plan folders, or two batch folders (OUT/jobs.csv; districts
 * paired by name): the figures side by side, and per day, session,
 * direction and village what changed (pickup or drop-off times, buses,
 * unserved children). Writes diff_dir/compare.csv and compare.html (in lang
 * as batch_collect's region.html, the plans of both sides deciding when
 * NULL). *n_changes gets the number of changed rows (figures not counted),
 * *n_renamed (may be NULL) those of them where only the buses' names differ
 * (the same calls under another bus: A's buses matched to B's by the calls
 * they share). */
int batch_compare(const char *a, const char *b, const char *diff_dir, const char *lang,
		  int *n_changes, int *n_renamed, sr_error_t *err);

#ifdef __cplusplus
}
#endif
#endif
