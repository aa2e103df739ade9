/*
 * cmd_names.c - `schoolrun names MAP`: every name a coordinator may write
 * in riders.csv, sessions.csv and fleet.csv, with its kind, OSM id,
 * coordinates and the settlement it lies in or near, optionally only
 * around a point. With --csv (libcsv) the list is a starting point for
 * the input files: its `ref` column is what to write there - the name
 * where it resolves to this element alone (checked with osm_find, the
 * lookup `plan` uses), else the OSM id.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cli/commands.h"
#include "schoolrun/io.h"
#include "schoolrun/osm.h"
#include "util/i18n.h"

enum { K_PLACE = 1, K_DEST = 2, K_DEPOT = 4, K_STOP = 8, K_ADDR = 16 };

typedef struct row {
	const osm_feature_t *f;
	int kind;	  /* K_* */
	const char *type; /* village, school, bus_stop, ... */
	const char *name; /* "" when unnamed */
	const osm_feature_t *settle;
	double settle_m;
	char ref[64];
} row_t;

static void usage(FILE *fp)
{
	fputs(_("usage: schoolrun names MAP [--kind place|stop|destination|depot|address|all]\n"
		"                       [--filter TEXT] [--near \"LAT LON\" [--radius-km R]] [--csv]\n"
		"  Lists the places (place=*), named bus stops, destinations (schools,\n"
		"  kindergartens, sports facilities) and depot candidates of MAP: kind, type,\n"
		"  OSM id, lat, lon, name\n"
		"  and the settlement each lies in or near. --near keeps those within R km\n"
		"  (default 5) of a point. --csv writes CSV whose `ref` column is what to put\n"
		"  in riders.csv / sessions.csv / fleet.csv: the name, or the OSM id where the\n"
		"  name is not unique. --filter keeps those whose name (any language), type,\n"
		"  kind or settlement holds TEXT (any case, ё = е): --filter kindergarten,\n"
		"  --filter \"детский сад\", --filter Ramsenthal.\n"
		"  --kind address lists the street addresses (addr:*) instead: element, point,\n"
		"  street and number, settlement; --filter keeps those whose text holds TEXT;\n"
		"  with --csv, `ref` is the address as riders.csv may write it, or the OSM id.\n"),
	      fp);
}

static const char *kind_word(int k)
{
	return k == K_PLACE  ? "place"
	       : k == K_STOP ? "stop"
	       : k == K_DEST ? "destination"
			     : "depot";
}

static int cmp_row(const void *a, const void *b)
{
	const row_t *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind - y->kind;
	if (!x->name[0] != !y->name[0])
		return !x->name[0] - !y->name[0]; /* unnamed last */
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	if (x->f->type != y->f->type)
		return x->f->type - y->f->type;
	return (x->f->id > y->f->id) - (x->f->id < y->f->id);
}

/* What to write in the input files for f: its name when the lookup of
 * that name finds f, else its OSM id. */
static void make_ref(const sr_map_t *m, const row_t *r, char *buf, size_t size)
{
	snprintf(buf, size, "%c%lld", r->f->type, (long long)r->f->id);
	if (!r->name[0] || strlen(r->name) >= size)
		return;
	osm_find_want_t want = r->kind & (K_PLACE | K_STOP) ? OSM_FIND_PICKUP
			       : r->kind == K_DEST	    ? OSM_FIND_DEST
							    : OSM_FIND_ANY;
	osm_feature_t got;
	sr_error_t err;
	if (osm_find(m, r->name, want, &got, &err) == SR_OK && got.type == r->f->type &&
	    got.id == r->f->id)
		snprintf(buf, size, "%s", r->name);
}

static int parse_near(const char *s, double *lat, double *lon)
{
	char buf[128];
	snprintf(buf, sizeof(buf), "%s", s);
	char *sep = buf + strcspn(buf, " ,;");
	if (!*sep)
		return -1;
	*sep++ = '\0';
	while (*sep == ' ' || *sep == ',')
		sep++;
	if (sr_parse_double(buf, lat) || sr_parse_double(sep, lon) || fabs(*lat) > 90 ||
	    fabs(*lon) > 180)
		return -1;
	return 0;
}

static void add_rows(const sr_map_t *m, const osm_feature_t *f, size_t n, int kind, row_t **rows,
		     size_t *nr, size_t *cap, int near, double nlat, double nlon, double radius_m)
{
	for (size_t i = 0; i < n; i++) {
		if (near && sr_haversine_m(nlat, nlon, f[i].lat, f[i].lon) > radius_m)
			continue;
		sr_grow(rows, cap, *nr + 1, sizeof(**rows));
		row_t *r = &(*rows)[(*nr)++];
		memset(r, 0, sizeof(*r));
		r->f = &f[i];
		r->kind = kind;
		r->type = kind == K_PLACE  ? osm_place_kind_name((osm_place_kind_t)f[i].kind)
			  : kind == K_DEST ? osm_dest_kind_name((osm_dest_kind_t)f[i].kind)
			  : kind == K_STOP ? "bus_stop"
					   : "depot";
		r->name = f[i].name	 ? f[i].name
			  : f[i].name_ru ? f[i].name_ru
			  : f[i].name_en ? f[i].name_en
					 : "";
		r->settle = osm_settlement(m, f[i].lat, f[i].lon, &r->settle_m);
		make_ref(m, r, r->ref, sizeof(r->ref));
	}
}

/* The named bus stops: an unnamed one cannot be written in riders.csv. */
static void add_named_stops(const sr_map_t *m, row_t **rows, size_t *nr, size_t *cap, int near,
			    double nlat, double nlon, double radius_m)
{
	for (size_t i = 0; i < m->n_stops; i++) {
		const osm_feature_t *f = &m->stops[i];
		if (f->name || f->name_ru || f->name_en)
			add_rows(m, f, 1, K_STOP, rows, nr, cap, near, nlat, nlon, radius_m);
	}
}

static int write_csv(const row_t *rows, size_t n, sr_error_t *err)
{
	static const char *const head[] = {"ref", "name", "kind",	"type",		"osm_id",
					   "lat", "lon",  "settlement", "settlement_km"};
	if (sr_csv_write_row(stdout, head, 9))
		goto out_io;
	for (size_t i = 0; i < n; i++) {
		const row_t *r = &rows[i];
		char id[32], la[32], lo[32], km[32];
		snprintf(id, sizeof(id), "%c%lld", r->f->type, (long long)r->f->id);
		snprintf(la, sizeof(la), "%.6f", r->f->lat);
		snprintf(lo, sizeof(lo), "%.6f", r->f->lon);
		snprintf(km, sizeof(km), "%.1f", r->settle ? r->settle_m / 1000.0 : 0.0);
		char lb[64];
		const char *row[] = {r->ref,
				     r->name,
				     kind_word(r->kind),
				     r->type,
				     id,
				     la,
				     lo,
				     r->settle ? osm_feature_label(r->settle, lb, sizeof(lb)) : "",
				     r->settle ? km : ""};
		if (sr_csv_write_row(stdout, row, 9))
			goto out_io;
	}
	if (fflush(stdout) == 0)
		return SR_OK;
out_io:
	return sr_error_set(err, SR_EIO, "<stdout>", 0, _("cannot write the list"));
}

static void write_text(const row_t *rows, size_t n)
{
	printf("%-11s %-17s %-13s %10s %11s  %-40s %s\n", "kind", "type", "osm_id", "lat", "lon",
	       "name", "settlement");
	for (size_t i = 0; i < n; i++) {
		const row_t *r = &rows[i];
		char id[32], lb[64], st[160] = "";
		snprintf(id, sizeof(id), "%c%lld", r->f->type, (long long)r->f->id);
		if (r->settle && r->settle == r->f)
			snprintf(st, sizeof(st), "-");
		else if (r->settle)
			snprintf(st, sizeof(st), "%s %s (%.1f km)",
				 r->settle_m <= 1500 ? "in" : "near",
				 osm_feature_label(r->settle, lb, sizeof(lb)),
				 r->settle_m / 1000.0);
		const char *nm = r->name[0] ? r->name : "(unnamed)";
		int width = 0; /* characters, not bytes: pad UTF-8 names right */
		for (const char *q = nm; *q; q++)
			width += ((unsigned char)*q & 0xC0) != 0x80;
		printf("%-11s %-17s %-13s %10.6f %11.6f  %s%*s %s\n", kind_word(r->kind), r->type,
		       id, r->f->lat, r->f->lon, nm, width < 40 ? 40 - width : 0, "", st);
	}
}

typedef struct names_args {
	const char *path, *filter;
	int kinds, csv, near;
	double nlat, nlon, radius_km;
} names_args_t;

/* The --kind value: K_* bits, K_ADDR alone, 0 when unknown. */
static int parse_kind(const char *k)
{
	return !strcmp(k, "place")	   ? K_PLACE
	       : !strcmp(k, "stop")	   ? K_STOP
	       : !strcmp(k, "destination") ? K_DEST
	       : !strcmp(k, "depot")	   ? K_DEPOT
	       : !strcmp(k, "address")	   ? K_ADDR
	       : !strcmp(k, "all")	   ? K_PLACE | K_STOP | K_DEST | K_DEPOT
					   : 0;
}

/* The flags into a; returns 0, 1 after --help, or -1 with err. */
static int parse_args(int argc, char **argv, names_args_t *a, sr_error_t *err)
{
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i];
		if (!strcmp(s, "--help") || !strcmp(s, "-h")) {
			usage(stdout);
			return 1;
		} else if (!strcmp(s, "--csv")) {
			a->csv = 1;
		} else if (!strcmp(s, "--kind") && i + 1 < argc) {
			if (!(a->kinds = parse_kind(argv[++i])))
				return sr_error_set(err, SR_EINPUT, NULL, 0,
						    _("names: --kind is place, stop, destination, "
						      "depot, address or all, not '%s'"),
						    argv[i]),
				       -1;
		} else if (!strcmp(s, "--filter") && i + 1 < argc) {
			a->filter = argv[++i];
		} else if (!strcmp(s, "--near") && i + 1 < argc) {
			if (parse_near(argv[++i], &a->nlat, &a->nlon))
				return sr_error_set(err, SR_EINPUT, NULL, 0,
						    _("names: --near needs \"LAT LON\" in degrees, "
						      "not '%s'"),
						    argv[i]),
				       -1;
			a->near = 1;
		} else if (!strcmp(s, "--radius-km") && i + 1 < argc) {
			if (sr_parse_double(argv[++i], &a->radius_km) || !(a->radius_km > 0))
				return sr_error_set(err, SR_EINPUT, NULL, 0,
						    _("names: --radius-km needs a distance in km "
						      "above 0, not '%s'"),
						    argv[i]),
				       -1;
		} else if (s[0] == '-' && s[1]) {
			usage(stderr);
			return sr_error_set(err, SR_EINPUT, NULL, 0,
					    _("names: unknown option or missing value '%s'"), s),
			       -1;
		} else if (!a->path) {
			a->path = s;
		} else {
			return sr_error_set(err, SR_EINPUT, NULL, 0,
					    _("names: one MAP only ('%s')"), s),
			       -1;
		}
	}
	if (!a->path) {
		usage(stderr);
		return sr_error_set(err, SR_EINPUT, NULL, 0, _("names: no MAP given")), -1;
	}
	return 0;
}

/* Whether row r's names (every language, official, short and other),
 * type, kind or settlement hold the folded filter f (NULL: every row
 * does). */
static int row_holds(const row_t *r, const char *f)
{
	if (!f)
		return 1;
	char lb[64];
	const char *text[] = {r->f->name,
			      r->f->name_ru,
			      r->f->name_en,
			      r->f->alt_names[0],
			      r->f->alt_names[1],
			      r->f->alt_names[2],
			      r->type,
			      kind_word(r->kind),
			      r->settle ? osm_feature_label(r->settle, lb, sizeof(lb)) : NULL};
	int hit = 0;
	for (size_t i = 0; i < sizeof(text) / sizeof(*text) && !hit; i++) {
		char *x = text[i] ? osm_name_fold(text[i]) : NULL;
		hit = x && strstr(x, f);
		free(x);
	}
	return hit;
}

/* Keeps the rows that hold the filter (row_holds); returns how many. */
static size_t filter_rows(row_t *rows, size_t n, const char *filter)
{
	char *f = filter ? osm_name_fold(filter) : NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!filter || (f && row_holds(&rows[i], f)))
			rows[k++] = rows[i];
	free(f);
	return k;
}

/* The rows of the kinds asked that hold the filter, sorted; a map without
 * depot candidates says how to give a depot. */
static size_t collect(const sr_map_t *m, const names_args_t *a, row_t **rows)
{
	size_t nr = 0, cap = 0;
	double rm = a->radius_km * 1000.0;
	if (a->kinds & K_PLACE)
		add_rows(m, m->places, m->n_places, K_PLACE, rows, &nr, &cap, a->near, a->nlat,
			 a->nlon, rm);
	if (a->kinds & K_STOP)
		add_named_stops(m, rows, &nr, &cap, a->near, a->nlat, a->nlon, rm);
	if (a->kinds & K_DEST)
		add_rows(m, m->dests, m->n_dests, K_DEST, rows, &nr, &cap, a->near, a->nlat,
			 a->nlon, rm);
	size_t before_depots = nr;
	if (a->kinds & K_DEPOT)
		add_rows(m, m->others, m->n_others, K_DEPOT, rows, &nr, &cap, a->near, a->nlat,
			 a->nlon, rm);
	if ((a->kinds & K_DEPOT) && nr == before_depots) /* a town extract may have none */
		fprintf(stderr,
			_("schoolrun names: no depot candidates%s (named bus stations, parkings, "
			  "garages): give fleet.csv's depot as \"LAT LON\" or by the OSM id of any "
			  "element (a building, a yard)\n"),
			a->near ? _(" near that point") : "");
	nr = filter_rows(*rows, nr, a->filter);
	if (nr > 1)
		qsort(*rows, nr, sizeof(**rows), cmp_row);
	return nr;
}

int cmd_names(int argc, char **argv)
{
	names_args_t a = {.kinds = K_PLACE | K_STOP | K_DEST | K_DEPOT, .radius_km = 5};
	sr_error_t err;
	sr_error_clear(&err);
	int rc = parse_args(argc, argv, &a, &err);
	if (rc)
		return rc > 0 ? 0 : cli_fail(&err);
	osm_opts_t o;
	osm_opts_init(&o);
	sr_map_t *m;
	if (osm_read(a.path, &o, &m, &err) != SR_OK)
		return cli_fail(&err);
	if (a.kinds == K_ADDR) {
		names_near_t nr = {a.nlat, a.nlon, a.radius_km * 1000.0};
		rc = names_list_addresses(m, a.filter, a.near ? &nr : NULL, a.csv, &err);
	} else {
		row_t *rows = NULL;
		size_t n = collect(m, &a, &rows);
		rc = SR_OK;
		if (a.csv)
			rc = write_csv(rows, n, &err);
		else
			write_text(rows, n);
		free(rows);
	}
	osm_map_free(m);
	return rc ? cli_fail(&err) : 0;
}
