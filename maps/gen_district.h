/*
 * gen_district.h - the in-memory model of a generated district, shared by
 * the layout (gen_district.c), the OSM XML writer (gen_osm.c) and the
 * example writer (gen_example.c).
 *
 * Coordinates are metres in a local east/north frame around the district
 * centre; the writer projects them to WGS84 (equirectangular, exact enough
 * for 100 km). Element indices are 0-based; OSM ids are index + 1.
 */
#ifndef GEN_DISTRICT_H
#define GEN_DISTRICT_H

#include <stddef.h>
#include <stdint.h>
#include "schoolrun/util.h"

typedef struct gd_tag {
	char *k, *v;
} gd_tag_t;

typedef struct gd_tags {
	gd_tag_t *t;
	size_t n, cap;
} gd_tags_t;

typedef struct gd_node {
	double x, y;
	gd_tags_t tags;
} gd_node_t;

typedef struct gd_way {
	int *nd;
	size_t n, cap;
	gd_tags_t tags;
} gd_way_t;

typedef struct gd_member {
	char type; /* 'n', 'w' */
	int idx;
	const char *role;
} gd_member_t;

typedef struct gd_rel {
	gd_member_t *m;
	size_t n, cap;
	gd_tags_t tags;
} gd_rel_t;

enum { GD_TOWN = 0, GD_VILLAGE, GD_HAMLET };

typedef struct gd_place {
	char *name, *name_en;
	int kind; /* GD_TOWN, GD_VILLAGE, GD_HAMLET */
	long population;
	double x, y;	/* centre (the road hub) */
	int hub;	/* road node at the centre */
	int node;	/* the place=* node */
	int track_only; /* reachable only by highway=track */
} gd_place_t;

enum {
	GD_STADIUM = 0,
	GD_SPORTS_SCHOOL,
	GD_POOL,
	GD_SPORTS_CENTRE,
	GD_KINDERGARTEN,
	GD_SCHOOL,
	GD_N_DKINDS
};

typedef struct gd_dest {
	char *name, *name_en;
	int kind;
	double x, y;   /* centroid */
	int place;     /* settlement it stands in */
	char osm_type; /* 'n', 'w', 'r' */
	int osm_idx;   /* element index */
} gd_dest_t;

typedef struct gd_depot {
	char *name, *name_en;
	double x, y;
	int place;
	char osm_type;
	int osm_idx;
} gd_depot_t;

typedef struct gd_opts {
	uint64_t seed;
	int villages;	   /* villages and hamlets, the town not counted */
	int destinations;  /* sports facilities + kindergartens + schools */
	double size_km;	   /* side of the square district; 0 = from villages */
	double lat0, lon0; /* district centre; NaN = chosen from the seed */
} gd_opts_t;

typedef struct gd_district {
	gd_opts_t o;
	double lat0, lon0, half_m;
	gd_node_t *nodes;
	size_t n_nodes, cap_nodes;
	gd_way_t *ways;
	size_t n_ways, cap_ways;
	gd_rel_t *rels;
	size_t n_rels, cap_rels;
	gd_place_t *places; /* places[0] is the town */
	size_t n_places;
	gd_dest_t *dests;
	size_t n_dests, cap_dests;
	gd_depot_t *depots;
	size_t n_depots, cap_depots;
	int track_hamlet;	/* place index */
	struct gd_graph *graph; /* bus road graph, built on first use (gen_times.c) */
} gd_district_t;

void gd_opts_init(gd_opts_t *o);

/* Lays out a district. Returns SR_OK or SR_EINPUT (bad options, with a
 * message). The caller frees the result with gd_free(). */
int gd_generate(const gd_opts_t *o, gd_district_t **out, sr_error_t *err);
void gd_free(gd_district_t *d);

/* WGS84 of a local point. */
void gd_latlon(const gd_district_t *d, double x, double y, double *lat, double *lon);

/* Bus travel times in seconds between the road nearest to (x, y) and every
 * place's centre, to that point (to_dest) or from it, over the bus roads
 * (no tracks) at conservative class speeds; INFINITY where unreachable.
 * t_place has d->n_places entries. */
void gd_place_times(gd_district_t *d, double x, double y, int to_dest, double *t_place);
void gd_graph_free(struct gd_graph *g);

/* Writes the district as OSM XML 0.6 to path, atomically. */
int gd_write_osm(const gd_district_t *d, const char *path, sr_error_t *err);

typedef struct gd_example_opts {
	const char *dir;     /* output folder */
	const char *map_ref; /* value of `map =` in plan.conf */
	int tiny;	     /* one session, 1-2 buses */
	int buses;	     /* 0 = default for the size */
	uint64_t seed;
} gd_example_opts_t;

/* Writes plan.conf, sessions.csv, riders.csv and fleet.csv for d into
 * eo->dir (created if needed), each atomically. */
int gd_write_example(gd_district_t *d, const gd_example_opts_t *eo, sr_error_t *err);

#endif
