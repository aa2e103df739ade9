/* options.h - command-line flags from settings tables (sr_setting_t, see
 * util.h): the plan registry for `schoolrun plan`, and the one table of
 * the map and matrix options that `inspect` and `matrix` share. */
#ifndef SR_CLI_OPTIONS_H
#define SR_CLI_OPTIONS_H

#include "schoolrun/matrix.h"
#include "schoolrun/osm.h"

/* The most points a matrix takes (2 x 3.2 GB of doubles). */
#define CLI_MAX_POINTS 20000

/* Takes argv[*i] when it is "--FLAG", "--FLAG VALUE" or "--FLAG=VALUE" for
 * a row of tab (sr_setting_by_flag; a bool needs no value), parses the
 * value into base with the row's bounds and moves *i past what it used.
 * Returns 1 when taken, 0 when argv[*i] is no flag of the table, or -1
 * with err (SR_EINPUT) naming the command, the flag and the bounds. */
int cli_take_flag(const char *cmd, const sr_setting_t *tab, size_t n, void *base, int argc,
		  char **argv, int *i, sr_error_t *err);

/* The options of `inspect` and `matrix`, one struct and one table
 * (options.c) so that a flag both take is stated once. */
typedef struct cli_map_args {
	osm_opts_t osm;	   /* --allow-tracks, --all-roads, --speed-cap */
	int no_fold;	   /* --no-fold */
	int json;	   /* --json */
	double max_snap_m; /* --max-snap-m */
	mat_opts_t mat;	   /* --threads */
	int shortest, ch, dijkstra, stats;
	char *points, *out, *points_out;
	int sample;    /* --sample N; INT_MIN when not given */
	uint64_t seed; /* --seed, for --sample */
	char *bbox;    /* --bbox text, parsed into osm.bbox */
} cli_map_args_t;

/* Fills a with the defaults (osm_opts_init, then the table's). */
void cli_map_args_init(cli_map_args_t *a);

/* Frees what a holds (not a). */
void cli_map_args_clear(cli_map_args_t *a);

/* The flag an unknown option most likely meant: among the rows' flags and
 * `extra` (NULL-terminated, with "--"), the one it begins or the nearest by
 * edit distance (at most 3); NULL when none is close. Writes
 * " (did you mean '--x'?)" into buf (empty when none) and returns buf. */
const char *cli_suggest_flag(const char *arg, const sr_setting_t *rows, size_t n,
			     const char *const *extra, char *buf, size_t size);

/* Reads the command line of `inspect` or `matrix`: the flags listed in
 * `flags` (NULL-terminated, in help order) into a (which
 * cli_map_args_init() filled), and the one MAP argument into *map (NULL
 * when absent). --help prints `synopsis` and the flags' help lines on
 * stdout. Returns 0, 1 after --help, or -1 with err set (an unknown option
 * also prints the usage on stderr). */
int cli_map_parse(const char *cmd, const char *synopsis, const char *const *flags, int argc,
		  char **argv, cli_map_args_t *a, const char **map, sr_error_t *err);

#endif
