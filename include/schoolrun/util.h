/*
 * util.h - the small things every stage uses: error reporting, the
 * allocator facade, a growable string buffer, logging, clocks and a
 * deterministic random number generator.
 *
 * Error objects follow SQLite/GLPK practice: functions return an int status
 * (SR_OK = 0) and describe a failure in an sr_error_t the caller passes; only
 * main() prints and exits. The allocator facade follows Redis' zmalloc: it
 * aborts with a message on out-of-memory, so call sites need no NULL checks.
 */
#ifndef SCHOOLRUN_UTIL_H
#define SCHOOLRUN_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes. The CLI maps SR_EINPUT to exit status 2 and the others to 1. */
enum {
	SR_OK = 0,
	SR_EINPUT = 1,	  /* bad input: malformed file, unknown name, bad value */
	SR_EIO = 2,	  /* a file could not be opened, read or written */
	SR_ESOLVER = 3,	  /* the LP/MIP solver failed */
	SR_EINTERNAL = 4, /* a bug: an invariant did not hold */
	SR_ELIMIT = 5	  /* a time or size limit was hit before a result */
};

/* What went wrong and where. file/line/col are 0/empty when not known. */
typedef struct sr_error {
	int code;
	char file[512];
	long line;	/* 1-based; 0 = unknown */
	long col;	/* 1-based; 0 = unknown */
	char msg[4096]; /* room for every unresolved name of a run */
} sr_error_t;

/* Clears an error object (code SR_OK, empty message). err may be NULL. */
void sr_error_clear(sr_error_t *err);

/* Records an error and returns code, so callers can write
 * `return sr_error_set(err, SR_EINPUT, path, line, "bad lat '%s'", v);`.
 * file may be NULL, line 0 when unknown. err may be NULL (nothing stored). */
int sr_error_set(sr_error_t *err, int code, const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Same, with a column. */
int sr_error_set_col(sr_error_t *err, int code, const char *file, long line, long col,
		     const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Formats "file:line:col: message" (parts that are unknown left out) into
 * buf; for a file marked with sr_error_mark_sheet, "file:C5: message" (the
 * cell as a spreadsheet names it: column letters, then the row). Returns
 * buf. */
const char *sr_error_format(const sr_error_t *err, char *buf, size_t size);

/* Marks file (the path as errors name it) as a spreadsheet, read by
 * sr_table_read: from now on an error at a column of it is formatted as
 * the sheet's cell (C5) rather than line:col. Kept for the process's life;
 * thread-safe. */
void sr_error_mark_sheet(const char *file);
/* Whether file was marked with sr_error_mark_sheet. */
int sr_error_is_sheet(const char *file);
/* Writes column col (1-based) as a spreadsheet's letters (1 = A, 27 = AA)
 * into buf (at least 8 bytes). Returns buf. */
const char *sr_col_letters(long col, char *buf, size_t size);

/* ---- allocator facade: abort with a message on out-of-memory ---- */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *ptr, size_t size);
/* realloc to n * size bytes, aborting on multiplication overflow */
void *xreallocarray(void *ptr, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grows *arr (element size elem) so that it holds at least need elements;
 * *cap is updated. Doubling, so pushes are amortised O(1). */
void sr_grow(void *arr_ptr, size_t *cap, size_t need, size_t elem);

/* ---- string buffer ---- */
typedef struct sr_buf {
	char *data; /* always NUL-terminated once anything was appended */
	size_t len;
	size_t cap;
} sr_buf_t;

void sr_buf_init(sr_buf_t *b);
void sr_buf_free(sr_buf_t *b);
void sr_buf_reset(sr_buf_t *b);
void sr_buf_append(sr_buf_t *b, const char *s, size_t n);
void sr_buf_puts(sr_buf_t *b, const char *s);
void sr_buf_putc(sr_buf_t *b, char c);
void sr_buf_printf(sr_buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sr_buf_vprintf(sr_buf_t *b, const char *fmt, va_list ap);
/* Appends s as a JSON string literal with quotes (RFC 8259 escaping; UTF-8
 * passes through unchanged). */
void sr_buf_json_str(sr_buf_t *b, const char *s);
/* Appends s to go inside quotation marks: its own marks of the same kind
 * become the inner ones (ru: «» -> „“; else “” -> ‘’), so a stop named
 * Метро «Чистые пруды» prints as ост. «Метро „Чистые пруды“». */
void sr_buf_quoted_inner(sr_buf_t *b, const char *s, int ru);
/* Appends s escaped for HTML text and attribute values (& < > " '). */
void sr_buf_html(sr_buf_t *b, const char *s);
/* Appends the days of mask days (bit 0 Monday) by names[0..6], comma and
 * space between them, three or more in a row as a range with an en dash,
 * as Russian timetables write them: "Пн, Ср, Пт", "Пн–Пт, Сб". */
void sr_buf_days(sr_buf_t *b, unsigned days, const char *const names[7]);
/* Appends a double in the shortest form that reads back identically for
 * the given number of decimals (trailing zeros removed); "null" for NaN/inf. */
void sr_buf_num(sr_buf_t *b, double v, int decimals);

/* ---- messages in the user's language (GNU gettext, util/i18n.h) ---- */
/* Chooses the language of errors and warnings from the locale environment
 * (LANGUAGE, LC_ALL, LC_MESSAGES, LANG; C.UTF-8 with LANGUAGE when the
 * locale named is not installed) and binds the catalogue. Only LC_MESSAGES
 * and LC_CTYPE change; the other categories stay "C". main() calls it once
 * before anything else; without it messages are English. */
void sr_i18n_init(void);

/* ---- logging to stderr ---- */
enum { SR_LOG_QUIET = 0, SR_LOG_ERROR = 1, SR_LOG_WARN = 2, SR_LOG_INFO = 3, SR_LOG_DEBUG = 4 };
void sr_log_set_level(int level);
int sr_log_level(void);
void sr_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define sr_warn(...) sr_log(SR_LOG_WARN, __VA_ARGS__)
#define sr_info(...) sr_log(SR_LOG_INFO, __VA_ARGS__)
#define sr_debug(...) sr_log(SR_LOG_DEBUG, __VA_ARGS__)

/* ---- clocks and resources ---- */
/* Monotonic wall-clock seconds (CLOCK_MONOTONIC). */
double sr_now(void);
/* Peak resident set size of this process in kilobytes (getrusage). */
long sr_peak_rss_kb(void);

/* ---- deterministic random numbers (splitmix64 seeding xoshiro256**,
 * after Blackman & Vigna) ---- */
typedef struct sr_rng {
	uint64_t s[4];
} sr_rng_t;
void sr_rng_seed(sr_rng_t *r, uint64_t seed);
/* The next draws, inline: the search's recreate draws one per position it
 * scans (its blinks), and a call each was 4-5 % of a large instance's
 * search (X-n1001-k43, 2026-12-05). */
static inline uint64_t sr_rng_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t sr_rng_next(sr_rng_t *r)
{
	uint64_t *s = r->s;
	uint64_t result = sr_rng_rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = sr_rng_rotl(s[3], 45);
	return result;
}

/* uniform integer in [0, n); n > 0 (Lemire's multiply-shift; the tiny
 * bias is irrelevant for search) */
static inline uint32_t sr_rng_below(sr_rng_t *r, uint32_t n)
{
	return (uint32_t)(((sr_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* uniform double in [0, 1) */
static inline double sr_rng_unit(sr_rng_t *r)
{
	return (double)(sr_rng_next(r) >> 11) * 0x1.0p-53;
}
/* Fisher-Yates shuffle of n ints */
void sr_rng_shuffle_int(sr_rng_t *r, int *a, size_t n);

/* ---- small parsing helpers (strict: whole string, no trailing junk) ---- */
/* Parses a decimal integer; returns 0 on success, -1 otherwise. */
int sr_parse_long(const char *s, long *out);
int sr_parse_int64(const char *s, int64_t *out);
/* Parses a finite double (C locale, '.' decimal point); 0 on success. */
int sr_parse_double(const char *s, double *out);
/* Great-circle distance in metres (haversine, mean earth radius 6371008.8 m). */
double sr_haversine_m(double lat1, double lon1, double lat2, double lon2);
/* Whether s is valid UTF-8 (no overlongs, no surrogates). */
int sr_utf8_valid(const char *s, size_t n);

/* ---- settings tables (after Redis's config.c static_configs[]) ----
 * A table of rows, one per setting of some struct: its key, type, field,
 * bounds, default, command-line flag, unit and help line. Defaults, parsing
 * of `key = value` text and of flags, bounds checks, help text and the
 * JSON echo all come from the rows, so a setting is stated once. The plan
 * settings (plan.h) and the shared options of `inspect`/`matrix` are such
 * tables. */
typedef enum {
	SR_SET_INT,    /* int within [min, max] */
	SR_SET_DOUBLE, /* double within [min, max] */
	SR_SET_U64,    /* uint64_t, min or more (max unused) */
	SR_SET_BOOL,   /* int 0/1: yes/no, true/false, on/off, 1/0; a flag
			  given without a value means yes */
	SR_SET_STRING, /* char *, owned: any text, at most max bytes when
			  max > 0 */
	SR_SET_PATH,   /* char *, owned: a non-empty file path; a relative one
			  is joined to the folder of the file that names it */
	SR_SET_ENUM,   /* char[size]: one of the words in `choices` ("ru|en") */
	SR_SET_DATE    /* char[11]: a real date YYYY-MM-DD, 2000-2099 */
} sr_set_type_t;

typedef struct sr_setting {
	const char *key; /* snake_case name, as in a conf file */
	sr_set_type_t type;
	size_t off, size;    /* the field in the struct (SR_FIELD) */
	double min, max;     /* bounds, see the type */
	const char *def;     /* the default as text; NULL: none (or the
				struct's own _init sets it) */
	const char *flag;    /* command-line flag without "--" */
	const char *unit;    /* "min", "s", "km/h", ... or NULL */
	const char *choices; /* SR_SET_ENUM: the words, '|'-separated */
	const char *help;    /* one line for --help and the manual */
} sr_setting_t;

/* offsetof and sizeof of a struct field, for a row's off and size. */
#define SR_FIELD(type, field) offsetof(type, field), sizeof(((type *)0)->field)
/* A macro's value as a string literal (a default kept in one #define). */
#define SR_XSTR(x) SR_STR(x)
#define SR_STR(x) #x

/* The row whose key is `key`; NULL when none. */
const sr_setting_t *sr_setting_by_key(const sr_setting_t *tab, size_t n, const char *key);

/* The row for a command-line flag name (without "--"): its flag, or the
 * key written with '-' or '_'. NULL when none. */
const sr_setting_t *sr_setting_by_flag(const sr_setting_t *tab, size_t n, const char *name);

/* Parses text into the row's field of the struct at base, with the row's
 * bounds; a PATH is joined to dir unless dir is NULL or the path is
 * absolute; a STRING or PATH the field held is freed. Returns 0, or -1 with
 * a message naming the key, the bounds and the value in why. */
int sr_setting_parse(const sr_setting_t *d, void *base, const char *val, const char *dir, char *why,
		     size_t why_size);

/* Sets every row that has a default (aborts on a default its own row
 * refuses: a bug the tests catch). Other fields are left alone. */
void sr_settings_defaults(const sr_setting_t *tab, size_t n, void *base);

/* Marks every field "not given": INT_MIN, NaN, UINT64_MAX, -1 for a bool,
 * NULL for strings and paths, "" for enums and dates (strings held are
 * not freed: call on a fresh struct). */
void sr_settings_unset(const sr_setting_t *tab, size_t n, void *base);

/* Whether the row's field holds a value (see sr_settings_unset). */
int sr_setting_is_set(const sr_setting_t *d, const void *base);

/* Copies every set field of src into dst (strings duplicated; dst owns
 * its own, and the ones it drops are freed). */
void sr_settings_apply(const sr_setting_t *tab, size_t n, void *dst, const void *src);

/* Frees the strings and paths a struct owns (not the struct) and NULLs
 * them. */
void sr_settings_free(const sr_setting_t *tab, size_t n, void *base);

/* Appends the field's value as text ("" when not set): what a conf line
 * would say. Doubles in the shortest form (%g). */
void sr_setting_text(sr_buf_t *b, const sr_setting_t *d, const void *base);

/* Appends "key":value for every row, comma-separated, without braces:
 * numbers as JSON numbers (doubles with up to 3 decimals), strings and
 * dates as strings or null when not set, enums as strings, bools as
 * true/false. Same struct, same bytes. */
void sr_settings_json(sr_buf_t *b, const sr_setting_t *tab, size_t n, const void *base);

/* Appends one help line per row that has a flag: "  --flag ARG   help
 * (default: value unit)", the value taken from the struct at base (one the
 * defaults filled), left out when not set. */
void sr_settings_help(sr_buf_t *b, const sr_setting_t *tab, size_t n, const void *base);

/* ---- the worker pool (src/util/parallel.c) ---- */
/* One parallel loop: task(state, i, arg) for every i in 0..n-1, each index
 * exactly once, on up to `threads` threads (0 = every core). init (may be
 * NULL) makes a thread's scratch state once (worker = 0, 1, ...), fini (may
 * be NULL) gives it back. Tasks must write only what their index owns, so
 * results do not depend on the thread count. */
typedef struct sr_parallel {
	size_t n;
	int threads;
	void *(*init)(void *arg, int worker);
	void (*task)(void *state, size_t i, void *arg);
	void (*fini)(void *state, void *arg);
	void *arg;
} sr_parallel_t;

/* Runs the loop; returns the number of threads that ran (0 when n is 0).
 * The calling thread is one of them. */
int sr_parallel_for(const sr_parallel_t *job);

/* The thread count for n tasks: requested (0 or less = the sr_set_threads()
 * value, else the online cores), at most 64 and at most n. */
int sr_threads(int requested, size_t n_tasks);

/* Sets the process-wide thread count used where a stage's options say 0
 * ("all cores"): `schoolrun plan --threads 1` sets 1 so that a batch of
 * plans side by side does not oversubscribe the cores. 0 restores the
 * number of cores. Results never depend on it. */
void sr_set_threads(int n);

#ifdef __cplusplus
}
#endif
#endif
