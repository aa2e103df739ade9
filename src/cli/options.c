/* options.c - command-line flags read through settings tables, and the one
 * table of the options `inspect` and `matrix` share (a flag such as
 * --allow-tracks or --speed-cap is one row here, not a copy per command).
 * The rows use the settings machinery of src/util/settings.c (after
 * Redis's config.c), so bounds, error messages and help lines are those of
 * the plan settings. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "cli/options.h"
#include "schoolrun/osm.h"
#include "util/i18n.h"

int cli_take_flag(const char *cmd, const sr_setting_t *tab, size_t n, void *base, int argc,
		  char **argv, int *i, sr_error_t *err)
{
	const char *a = argv[*i];
	if (strncmp(a, "--", 2) || !a[2])
		return 0;
	char name[64];
	const char *eq = strchr(a + 2, '=');
	size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
	if (len == 0 || len >= sizeof(name))
		return 0;
	memcpy(name, a + 2, len);
	name[len] = '\0';
	const sr_setting_t *d = sr_setting_by_flag(tab, n, name);
	if (!d)
		return 0;
	const char *val = eq ? eq + 1 : NULL;
	if (!val && d->type == SR_SET_BOOL)
		val = "yes";
	else if (!val && *i + 1 < argc)
		val = argv[++*i];
	else if (!val) {
		sr_error_set(err, SR_EINPUT, NULL, 0, _("%s: --%s needs a value"), cmd, name);
		return -1;
	}
	char why[512];
	if (sr_setting_parse(d, base, val, NULL, why, sizeof(why))) {
		sr_error_set(err, SR_EINPUT, NULL, 0, "%s: --%s: %s", cmd, name, why);
		return -1;
	}
	return 1;
}

#define ROW(key, type, field, flag, lo, hi, def, unit, help)                                    \
	{                                                                                       \
		key, type, SR_FIELD(cli_map_args_t, field), lo, hi, def, flag, unit, NULL, help \
	}
#define SWITCH(key, field, flag, help) ROW(key, SR_SET_BOOL, field, flag, 0, 0, NULL, NULL, help)

/* Defaults come from osm_opts_init()/mat_opts_init() where the field is
 * theirs (def NULL), from the row otherwise. */
static const sr_setting_t map_rows[] = {
	SWITCH("json", json, "json", N_("print JSON on stdout (see the README for its fields)")),
	SWITCH("allow_tracks", osm.profile.allow_tracks, "allow-tracks",
	       N_("let buses use highway=track")),
	ROW("speed_cap", SR_SET_DOUBLE, osm.profile.speed_cap_kmh, "speed-cap", 1, 300, NULL,
	    "km/h", N_("bus speed cap")),
	SWITCH("no_fold", no_fold, "no-fold", N_("keep every road node as a graph node")),
	SWITCH("all_roads", osm.profile.all_roads, "all-roads",
	       N_("every road class incl. tracks, any access, both ways (to compare with other "
		  "tools' plain road counts)")),
	ROW("points", SR_SET_PATH, points, "points", 0, 0, NULL, NULL,
	    N_("CSV with header id,lat,lon or id,place (OSM id n123/w45/r6 or exact name of a place "
	       "or destination)")),
	ROW("out", SR_SET_PATH, out, "out", 0, 0, NULL, NULL,
	    N_("write rows from,to,seconds,meters here (default: stdout)")),
	ROW("max_snap_m", SR_SET_DOUBLE, max_snap_m, "max-snap-m", 0, 1e7, "1000", "m",
	    N_("farthest a point may lie from a road")),
	SWITCH("shortest", shortest, "shortest", N_("shortest distance instead of fastest time")),
	ROW("threads", SR_SET_INT, mat.threads, "threads", 0, 64, NULL, NULL,
	    N_("worker threads (0: all cores)")),
	ROW("sample", SR_SET_INT, sample, "sample", 1, CLI_MAX_POINTS, NULL, NULL,
	    N_("instead of --points: the map's places, destinations, then random road points, N in all")),
	ROW("seed", SR_SET_U64, seed, "seed", 1, 0, "1", NULL, N_("random seed of --sample")),
	ROW("points_out", SR_SET_PATH, points_out, "points-out", 0, 0, NULL, NULL,
	    N_("save the points used as id,lat,lon")),
	SWITCH("stats", stats, "stats", N_("timings and peak memory on stderr")),
	SWITCH("ch", ch, "ch", N_("force the contraction hierarchy (default: from 400 points on)")),
	SWITCH("dijkstra", dijkstra, "dijkstra", N_("force one-to-all searches")),
	ROW("bbox", SR_SET_STRING, bbox, "bbox", 0, 200, NULL, NULL,
	    N_("MINLON,MINLAT,MAXLON,MAXLAT: keep only what lies in the box (ways with a node inside "
	       "whole), like osmium extract -s complete_ways")),
	ROW("max_map_mb", SR_SET_INT, osm.max_map_mb, "max-map-mb", OSM_MAX_MAP_MB_LO,
	    OSM_MAX_MAP_MB_HI, NULL, "MB",
	    N_("limit: memory for the map's node, way and road tables")),
	ROW("max_way_nodes", SR_SET_INT, osm.max_way_nodes, "max-way-nodes", OSM_MAX_WAY_NODES_LO,
	    OSM_MAX_WAY_NODES_HI, NULL, NULL, N_("limit: nodes of one way")),
	ROW("max_tags", SR_SET_INT, osm.max_tags, "max-tags", OSM_MAX_TAGS_LO, OSM_MAX_TAGS_HI,
	    NULL, NULL, N_("limit: tags of one element")),
	ROW("max_attrs", SR_SET_INT, osm.max_attrs, "max-attrs", OSM_MAX_ATTRS_LO, OSM_MAX_ATTRS_HI,
	    NULL, NULL, N_("limit: attributes of one element")),
	ROW("max_depth", SR_SET_INT, osm.max_depth, "max-depth", OSM_MAX_DEPTH_LO, OSM_MAX_DEPTH_HI,
	    NULL, NULL, N_("limit: element nesting depth")),
};

#define N_MAP_ROWS (sizeof(map_rows) / sizeof(map_rows[0]))

void cli_map_args_init(cli_map_args_t *a)
{
	memset(a, 0, sizeof(*a));
	osm_opts_init(&a->osm);
	mat_opts_init(&a->mat);
	a->sample = INT_MIN;
	sr_settings_defaults(map_rows, N_MAP_ROWS, a);
}

void cli_map_args_clear(cli_map_args_t *a)
{
	sr_settings_free(map_rows, N_MAP_ROWS, a);
}

/* The rows of the shared table whose flags are listed; aborts on a name
 * the table lacks (a bug). */
static size_t select_rows(const char *const *flags, sr_setting_t *rows, size_t room)
{
	size_t k = 0;
	for (; flags[k]; k++) {
		const sr_setting_t *d = sr_setting_by_flag(map_rows, N_MAP_ROWS, flags[k]);
		if (!d || k == room) {
			fprintf(stderr, "schoolrun: bug: option --%s: not in the shared table\n",
				flags[k]);
			abort();
		}
		rows[k] = *d;
	}
	return k;
}

static void usage(FILE *fp, const char *synopsis, const sr_setting_t *rows, size_t n)
{
	cli_map_args_t defaults;
	cli_map_args_init(&defaults);
	sr_buf_t b;
	sr_buf_init(&b);
	sr_buf_puts(&b, _(synopsis)); /* marked N_() by the commands */
	sr_settings_help(&b, rows, n, &defaults);
	fputs(b.data, fp);
	sr_buf_free(&b);
	cli_map_args_clear(&defaults);
}

int cli_map_parse(const char *cmd, const char *synopsis, const char *const *flags, int argc,
		  char **argv, cli_map_args_t *a, const char **map, sr_error_t *err)
{
	sr_setting_t rows[N_MAP_ROWS];
	size_t n = select_rows(flags, rows, N_MAP_ROWS);
	*map = NULL;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		int taken = cli_take_flag(cmd, rows, n, a, argc, argv, &i, err);
		if (taken < 0)
			return -1;
		if (taken)
			continue;
		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			usage(stdout, synopsis, rows, n);
			return 1;
		}
		if (arg[0] == '-' && arg[1]) {
			usage(stderr, synopsis, rows, n);
			char hint[160];
			sr_error_set(err, SR_EINPUT, NULL, 0, _("%s: unknown option '%s'%s"), cmd,
				     arg, cli_suggest_flag(arg, rows, n, NULL, hint, sizeof(hint)));
			return -1;
		}
		if (*map) {
			sr_error_set(err, SR_EINPUT, NULL, 0, _("%s: one MAP only ('%s')"), cmd,
				     arg);
			return -1;
		}
		*map = arg;
	}
	a->osm.fold = !a->no_fold;
	if (a->bbox && osm_bbox_parse(a->bbox, &a->osm.bbox, err) != SR_OK)
		return -1;
	return 0;
}

const char *cli_suggest_flag(const char *arg, const sr_setting_t *rows, size_t n,
			     const char *const *extra, char *buf, size_t size)
{
	size_t n_extra = 0;
	while (extra && extra[n_extra])
		n_extra++;
	char **cands = xcalloc(n + n_extra + 1, sizeof(char *));
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (rows[i].flag) {
			cands[m] = xmalloc(strlen(rows[i].flag) + 3);
			sprintf(cands[m++], "--%s", rows[i].flag);
		}
	for (size_t i = 0; i < n_extra; i++)
		cands[m++] = xstrdup(extra[i]);
	const char *eq = strchr(arg, '=');
	char *name = xstrndup(arg, eq ? (size_t)(eq - arg) : strlen(arg));
	int k = osm_closest_word(name, (const char *const *)cands, m);
	if (k < 0)
		buf[0] = '\0';
	else
		snprintf(buf, size, _(" (did you mean '%s'?)"), cands[k]);
	for (size_t i = 0; i < m; i++)
		free(cands[i]);
	free(cands);
	free(name);
	return buf;
}
