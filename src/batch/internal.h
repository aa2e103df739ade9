/* internal.h - what the batch stage's files share: paths, a CSV table
 * written atomically, and the plan model the comparison reads back from
 * plan.json (jansson). */
#ifndef SR_BATCH_INTERNAL_H
#define SR_BATCH_INTERNAL_H

#include <stdio.h>
#include "schoolrun/batch.h"
#include "schoolrun/io.h"

/* dir + "/" + name, freshly allocated. */
char *bt_path(const char *dir, const char *name);
/* path made absolute against the current folder (not resolved). */
char *bt_abspath(const char *path);
/* Whether path names an existing regular file. */
int bt_is_file(const char *path);

/* A CSV file written row by row through libcsv into a temporary file and
 * renamed into place on bt_csv_close(ok = 1). */
typedef struct bt_csv {
	sr_afile_t af;
	int io; /* a write failed */
} bt_csv_t;

int bt_csv_open(bt_csv_t *c, const char *path, const char *const *header, int n, sr_error_t *err);
void bt_csv_row(bt_csv_t *c, const char *const *fields, int n);
int bt_csv_close(bt_csv_t *c, sr_error_t *err);

/* "HH:MM:SS" of seconds since midnight (or a duration) into buf[16]. */
const char *bt_hms(char *buf, int s);

/* ---- a plan read back from plan.json (compare.c, figures.c) ---- */

/* One stop event of a village: a pickup on a run to the session, or a
 * drop-off on a run home. */
typedef struct bt_visit {
	uint8_t days;	     /* the pattern's days */
	const char *session; /* session id */
	int dir;	     /* 0 to the session, 1 home */
	const char *point;   /* village (point) id */
	const char *name;    /* its name */
	int time_s;	     /* pickup: departure; home: arrival */
	const char *bus;     /* bus id or NULL */
} bt_visit_t;

/* One unserved group. */
typedef struct bt_gap {
	uint8_t days;
	const char *session; /* or NULL */
	int dir;	     /* 0, 1, or -1 both ways */
	const char *point;   /* or NULL */
	const char *name;    /* or NULL */
	int children;
	const char *reason; /* reason_code */
} bt_gap_t;

typedef struct bt_plan {
	void *root; /* the parsed plan.json (json_t *) owning the strings */
	batch_figures_t fig;
	bt_visit_t *visits;
	int n_visits;
	bt_gap_t *gaps;
	int n_gaps;
} bt_plan_t;

/* Reads plan_dir/plan.json: figures, visits and unserved groups. */
int bt_plan_read(const char *plan_dir, bt_plan_t *p, sr_error_t *err);
void bt_plan_free(bt_plan_t *p);

#endif

/* ---- the figure columns, one table for region.csv, region.html and
 * compare (key, label, how a value is written) ---- */
enum { BT_N_FIGS = 10 };
/* The CSV key of figure i ("children", "km_week", ...). */
const char *bt_fig_key(int i);
/* Its English heading for the HTML pages. */
const char *bt_fig_label(int i);
/* Its value as text ("12", "345.6", "01:02:03") into buf[32]. */
const char *bt_fig_text(const batch_figures_t *f, int i, char *buf);
/* Its value as a number (seconds for times), for deltas and sorting. */
double bt_fig_value(const batch_figures_t *f, int i);
/* Adds f to a region total: sums, and maxima for the longest ride and shift. */
void bt_fig_add(batch_figures_t *total, const batch_figures_t *f);

/* The sortable-table script and print CSS region.html and compare.html share. */
void bt_html_head(sr_buf_t *b, const char *title);
void bt_html_tail(sr_buf_t *b);

/* ---- a comparison (compare.c builds it, compare_html.c prints it) ---- */

enum { BT_CH_TIME = 0, BT_CH_BUS, BT_CH_UNSERVED };

/* One change of a village's service between plan A and plan B, over the
 * days it holds for. */
typedef struct bt_change {
	int kind; /* BT_CH_* */
	const char *session;
	int dir; /* 0 to the session, 1 home, -1 both ways (unserved) */
	const char *point, *name;
	uint8_t days;
	char *a, *b; /* times, buses or children; "" when none */
	char *delta; /* minutes for times (first to first), children; or "" */
} bt_change_t;

/* One district (or the single plan) of a comparison. */
typedef struct bt_side_pair {
	char *name;	     /* district name; "" for two plans */
	int ok_a, ok_b;	     /* the plan could be read */
	char *why_a, *why_b; /* why not */
	bt_plan_t a, b;
	bt_change_t *ch;
	int n_ch;
} bt_pair_t;

int bt_compare_html(const char *path, const char *a, const char *b, const bt_pair_t *pairs, int n,
		    sr_error_t *err);
/* Day mask as "Mon,Wed,Fri" into buf[40]. */
const char *bt_days(char *buf, uint8_t days);
const char *bt_dir_word(int dir);
