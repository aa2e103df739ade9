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
	void *root;	  /* the parsed plan.json (json_t *) owning the strings */
	const char *lang; /* its settings.lang ("ru", "en") or NULL */
	const char *organisation, *term_start, *term_end; /* its settings' or NULL */
	int unserved_children, unserved_groups;		  /* as plan.json counts them */
	const char *input_sha[4]; /* inputs' sha256: map, sessions, riders, fleet (or NULL) */
	batch_figures_t fig;
	bt_visit_t *visits;
	int n_visits;
	bt_gap_t *gaps;
	int n_gaps;
} bt_plan_t;

/* Reads plan_dir/plan.json: figures, visits and unserved groups. */
int bt_plan_read(const char *plan_dir, bt_plan_t *p, sr_error_t *err);
void bt_plan_free(bt_plan_t *p);

/* ---- the languages of the pages (words.c) ---- */

enum { BT_EN = 0, BT_RU = 1, BT_LANG_NONE = -1, BT_LANG_MIXED = -2 };

enum {
	BW_REGION_TITLE = 0,
	BW_REGION_H1, /* printf format with the number of districts */
	BW_REGION_H1_ONE,
	BW_DISTRICT,
	BW_STATUS,
	BW_RUN_TIME,
	BW_PEAK_MB,
	BW_PAGES,
	BW_MESSAGE,
	BW_TOTAL,
	BW_TIMETABLES,
	BW_MAP,
	BW_SUMMARY,
	BW_LOG,
	BW_NO_RECORD,
	BW_UNSERVED_NOTE, /* printf format: children, groups */
	BW_REGION_NOTE,
	BW_TERM,
	BW_TERMS_DIFFER,
	BW_SCEN_H1,   /* printf format: the number of scenarios */
	BW_SCENARIO,  /* the first column's heading when every row is one district's */
	BW_SCEN_NOTE, /* printf format: the scenarios' names */
	BW_CMP_TITLE,
	BW_CMP_H1,
	BW_CMP_NOTE,
	BW_DISTRICTS,
	BW_CHANGES,
	BW_NOTE,
	BW_FIGURE,
	BW_NO_CHANGE,
	BW_SESSION,
	BW_DIRECTION,
	BW_VILLAGE,
	BW_DAYS,
	BW_WHAT,
	BW_CHANGE,
	BW_DIR_TO,
	BW_DIR_HOME,
	BW_DIR_BOTH,
	BW_KIND_TIME,
	BW_KIND_BUS,
	BW_KIND_UNSERVED,
	BW_KIND_RENAMED,
	BW_RENAMED_H, /* the heading over the renamed rows */
	BW_MIN,
	BW_HOUR,
	BW_PP, /* percentage points */
	BW_NOT_IN_BATCH,
	BW_STATUS_WHY, /* printf format: status, message */
	BW_MON,	       /* ... to BW_SUN, in order */
	BW_TUE,
	BW_WED,
	BW_THU,
	BW_FRI,
	BW_SAT,
	BW_SUN,
	BW_N
};

/* Word id in language lang (BT_EN or BT_RU). */
const char *bt_word(int lang, int id);
/* "ru" or "en", for <html lang>. */
const char *bt_lang_name(int lang);
/* BT_RU for "ru", BT_EN for "en", -1 otherwise (or NULL). */
int bt_lang_parse(const char *s);
/* Folds one plan's settings.lang into seen (start with BT_LANG_NONE). */
void bt_lang_see(int *seen, const char *plan_lang);
/* The pages' language: asked ("ru"/"en") when given, else the plans'
 * when they all agree (seen), else Russian. */
int bt_lang_pick(const char *asked, int seen);

/* ---- the figure columns, one table for region.csv, region.html and
 * compare (key, label, how a value is written) ---- */

/* How a figure is written: a count, kilometres, a time, a percentage of
 * two counts (the two figures after it), or one of those two counts
 * (its own CSV column, shown in the percentage's cell on the pages). */
/* BT_FK_WEEK: a time as BT_FK_TIME, its change in hours (a week's) */
enum { BT_FK_INT = 0, BT_FK_KM, BT_FK_TIME, BT_FK_PCT, BT_FK_PART, BT_FK_WEEK };
enum { BT_N_FIGS = 21 };

/* One row of the region's workbook (region_xlsx.c). */
typedef struct bt_region_row {
	const char *name;
	int status;
	const batch_figures_t *fig; /* NULL: no figures (the plan failed) */
	const char *message;	    /* in the workbook's language */
} bt_region_row_t;
/* Writes OUT/region.xlsx atomically: a row per district and the total
 * (worst status; none when total is NULL: scenarios of one district),
 * headings in language lang, the first column's word first_col
 * (BW_DISTRICT or BW_SCENARIO); only what the plans determine (no run
 * times), with a fixed creation time. */
int bt_region_xlsx(const char *out, const bt_region_row_t *rows, int n, int first_col,
		   const batch_figures_t *total, int worst, int lang, sr_error_t *err);
/* The CSV key of figure i ("children", "km_week", ...). */
const char *bt_fig_key(int i);
/* Its heading on the pages in language lang. */
const char *bt_fig_label(int i, int lang);
/* BT_FK_* of figure i. */
int bt_fig_kind(int i);
/* Its value as text ("12", "345.6", "01:02:03", "93.8") into buf[32]. */
const char *bt_fig_text(const batch_figures_t *f, int i, char *buf);
/* Its value as a number (seconds for times), for deltas and sorting. */
double bt_fig_value(const batch_figures_t *f, int i);
/* B - A of figure i as text into buf[32] ("+3", "+12.5", "+1.5" minutes
 * for times, "-2.0" percentage points); unit, when not NULL, gets the
 * word id of its unit (BW_MIN, BW_PP) or -1. */
const char *bt_fig_delta(const batch_figures_t *a, const batch_figures_t *b, int i, char *buf,
			 int *unit);
/* The cell text of figure i on a page: its text, for a percentage with
 * its counts ("93.8 % (15/16)"); empty for the counts themselves. */
void bt_fig_html(sr_buf_t *b, const batch_figures_t *f, int i);
/* Adds f to a region total: sums, and maxima for the longest ride and
 * shift (percentages follow from the summed counts). */
void bt_fig_add(batch_figures_t *total, const batch_figures_t *f);

/* The sortable-table script and print CSS region.html and compare.html
 * share, with <html lang> of lang. */
void bt_html_head(sr_buf_t *b, const char *title, int lang);
void bt_html_tail(sr_buf_t *b);

/* ---- a comparison (compare.c builds it, compare_html.c prints it) ---- */

/* BT_CH_RENAMED: the buses differ only by the matching of A's buses to
 * B's (bt_match_buses): the same calls under another bus */
enum { BT_CH_TIME = 0, BT_CH_BUS, BT_CH_UNSERVED, BT_CH_RENAMED };

/* The assignment of plan A's na buses to plan B's nb with the most weight
 * (w[a * nb + b]: the calls bus a of A and bus b of B share; same_name
 * likewise non-zero where the two have one name, which wins a tie) into
 * match[a] (B's bus, or -1); a GLPK program (renamed.c). */
void bt_match_buses(int na, int nb, const double *w, const int *same_name, int *match);

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
	int st_a, st_b;	     /* why not: -1 not in its batch, 0 its plan.json could
				not be read (why_*), else its run record's status */
	char *why_a, *why_b; /* the error or the record's message; NULL when absent */
	bt_plan_t a, b;
	bt_change_t *ch;
	int n_ch;
} bt_pair_t;

int bt_compare_html(const char *path, const char *a, const char *b, const bt_pair_t *pairs, int n,
		    int lang, sr_error_t *err);
/* Why one side of a pair has no plan, in language lang, appended to b. */
void bt_why(sr_buf_t *b, int st, const char *why, int lang);
/* Day mask as "Mon,Wed,Fri" ("Пн,Ср,Пт") into buf[40]. */
const char *bt_days(char *buf, uint8_t days, int lang);
const char *bt_dir_word(int dir);

#endif
